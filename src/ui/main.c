/* main.c: the 双拥台帐 desktop application */
#include <locale.h>
#include <glib/gi18n.h>

#include "sy-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SyApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* SHUANGYONG_LOCALEDIR points an uninstalled build (build-aux/dev, the
   * tests) at the catalogues compiled in the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SHUANGYONG_LOCALEDIR") ? g_getenv ("SHUANGYONG_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sy_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
