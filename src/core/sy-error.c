/* sy-error.c: the project's error domain */
#include "sy-error.h"

#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (sy-error-quark, sy_error)

static GBytes *
read_failed (GError *local_error, const char *display_name, GError **error)
{
  SyErrorCode code = SY_ERROR_IO;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    code = SY_ERROR_NOT_FOUND;
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    code = SY_ERROR_CANCELLED;
  g_set_error (error, SY_ERROR, code, _("Cannot read %s: %s"), display_name, local_error->message);
  return NULL;
}

GBytes *
sy_load_file_bytes (GFile *file, const char *display_name, GCancellable *cancellable, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);

  if (bytes)
    return bytes;
  return read_failed (local_error, display_name, error);
}

static GBytes *
too_large (const char *display_name, gsize max_size, GError **error)
{
  g_autofree char *limit = g_format_size (max_size);

  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("%s is too large to import (more than %s). Split it into smaller files, "
                 "or keep only the rows and columns that are needed."),
               display_name, limit);
  return NULL;
}

GBytes *
sy_load_file_bytes_max (GFile        *file,
                        const char   *display_name,
                        gsize         max_size,
                        GCancellable *cancellable,
                        GError      **error)
{
  const gsize chunk = 1024 * 1024;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, &local_error);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) data = NULL;
  gsize len = 0;

  if (in == NULL)
    return read_failed (local_error, display_name, error);
  /* A regular file says its size: a huge one is refused unread. */
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
      && (guint64) g_file_info_get_size (info) > max_size)
    return too_large (display_name, max_size, error);

  /* A pipe or a file still growing has no useful size: read, but never
   * more than one chunk past the limit. */
  data = g_byte_array_new ();
  for (;;)
    {
      gssize n;

      g_byte_array_set_size (data, len + chunk);
      n = g_input_stream_read (G_INPUT_STREAM (in), data->data + len, chunk,
                               cancellable, &local_error);
      if (n < 0)
        return read_failed (local_error, display_name, error);
      if (n == 0)
        break;
      len += n;
      if (len > max_size)
        return too_large (display_name, max_size, error);
    }
  g_byte_array_set_size (data, len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
