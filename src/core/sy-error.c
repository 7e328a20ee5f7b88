/* sy-error.c: the project's error domain */
#include "sy-error.h"

#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (sy-error-quark, sy_error)

GBytes *
sy_load_file_bytes (GFile *file, const char *display_name, GCancellable *cancellable, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  SyErrorCode code = SY_ERROR_IO;

  if (bytes)
    return bytes;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    code = SY_ERROR_NOT_FOUND;
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    code = SY_ERROR_CANCELLED;
  g_set_error (error, SY_ERROR, code, _("Cannot read %s: %s"), display_name, local_error->message);
  return NULL;
}
