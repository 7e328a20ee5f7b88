/* sy-export-file.c: installing an exported file together with its audit-log
 * entry */
#include "sy-export-file.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

char *
sy_export_json_string (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

gboolean
sy_export_io_error (GError **error, const char *path, int errsv)
{
  g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path, g_strerror (errsv));
  return FALSE;
}

int
sy_export_temp_file (const char *path, char **tmp_path, GError **error)
{
  g_autofree char *target = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  int fd;

  /* Hidden and beside the target, so the final rename stays on one file
   * system. */
  *tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (*tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;

      g_clear_pointer (tmp_path, g_free);
      sy_export_io_error (error, path, errsv);
    }
  return fd;
}

static gboolean
rename_into_place (const char *tmp_path, const char *path, GError **error)
{
  g_autofree char *dir = NULL;
  int fd;

  if (g_rename (tmp_path, path) != 0)
    {
      int errsv = errno;

      g_unlink (tmp_path);
      return sy_export_io_error (error, path, errsv);
    }
  /* Makes the rename itself durable. */
  dir = g_path_get_dirname (path);
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

gboolean
sy_export_file_commit (SyDatabase      *db,
                       const char      *tmp_path,
                       const char      *path,
                       const char      *entity,
                       gint64           entity_id,
                       const char      *members,
                       SyExportInstall  install,
                       GError         **error)
{
  g_autofree char *target = g_canonicalize_filename (path, NULL);
  g_autofree char *json_file = sy_export_json_string (target);
  g_autofree char *details = g_strdup_printf ("{%s,\"file\":%s}", members, json_file);

  if (install == NULL)
    install = rename_into_place;
  if (!sy_database_begin (db, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (!sy_database_audit_event (db, "export", entity, entity_id, details, error))
    {
      sy_database_rollback (db);
      g_unlink (tmp_path);
      return FALSE;
    }
  if (!install (tmp_path, path, error))
    {
      sy_database_rollback (db);
      return FALSE;
    }
  if (!sy_database_commit (db, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}
