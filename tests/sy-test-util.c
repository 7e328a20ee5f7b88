/* sy-test-util.c: helpers every test program shares (GLib only) */
#include <glib/gstdio.h>

#include "sy-test-util.h"

void
sy_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* A link is removed, never followed: tests make links to outside files. */
  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        sy_test_remove_tree (child);
      }
  g_remove (path);
}
