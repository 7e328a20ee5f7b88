/* sy-export-file.h: installing an exported file together with its audit-log
 * entry
 *
 * Every export of personal data (recipients, payment audit findings, bank
 * files, rosters) is written to a hidden temporary file beside the target
 * (so the final rename stays on one file system), synced, and then renamed
 * over the target in the same database transaction that records the export
 * in the audit log: both or neither, no export without its entry.
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

/* @text as a JSON string literal, quotes included.  Caller frees. */
char     *sy_export_json_string  (const char *text);

/* A new, empty temporary file (mode 0600: personal data stays private to
 * the user, like the database) beside @path; its name in @tmp_path (caller
 * frees), its descriptor returned, or -1 with SY_ERROR_IO naming @path. */
int       sy_export_temp_file    (const char  *path,
                                  char       **tmp_path,
                                  GError     **error);

/* "Cannot write PATH: reason" (SY_ERROR_IO); always FALSE. */
gboolean  sy_export_io_error     (GError     **error,
                                  const char  *path,
                                  int          errsv);

/* Renames @tmp_path over @path (then syncs the directory), the file's
 * replacement for a plain rename; removes @tmp_path on failure. */
typedef gboolean (*SyExportInstall) (const char  *tmp_path,
                                     const char  *path,
                                     GError     **error);

/* Logs the export (action "export", @entity, @entity_id, details
 * "{MEMBERS,"file":"/canonical/path"}" with @members the JSON members before
 * the file, e.g. "\"profile\":\"bank\",\"lines\":3") and installs the
 * written @tmp_path at @path with @install (NULL: rename, directory synced),
 * in one transaction.  On failure @tmp_path is removed and @path is as it
 * was. */
gboolean  sy_export_file_commit  (SyDatabase      *db,
                                  const char      *tmp_path,
                                  const char      *path,
                                  const char      *entity,
                                  gint64           entity_id,
                                  const char      *members,
                                  SyExportInstall  install,
                                  GError         **error);

G_END_DECLS
