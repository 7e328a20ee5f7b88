/* sy-backup.h: one-file backups of the office database and its attachments
 *
 * A backup is a plain (uncompressed) POSIX tar file:
 *
 *   manifest.json              always the first entry
 *   office.db                  a consistent snapshot of the database
 *   attachments/ab/<sha256>    every attachment the snapshot names
 *
 * The manifest (JSON) records the format, the application and schema
 * versions, when it was made, the office name, and for every other entry its
 * path, size and SHA-256.  Backups are written temp → fsync → rename, mode
 * 0600.
 *
 * Restoring reads and verifies the whole archive — the manifest, every path,
 * every size and every hash, the snapshot's own schema version and SQLite's
 * quick_check — into a sibling temporary folder before anything in the
 * database folder is touched, refuses a backup from a newer schema
 * (SY_ERROR_SCHEMA_TOO_NEW) and any unexpected or unsafe entry (links,
 * "../", absolute paths, names outside the layout above, sparse entries,
 * sizes beyond the archive's own), then swaps the folders atomically.
 *
 * A shared (PostgreSQL) database is backed up to the same format: its rows,
 * read in one consistent snapshot, become office.db (a local database of
 * the same schema) and its attachments' contents the files.  So any backup
 * restores into either kind of database: a local folder is swapped as
 * above; a shared database is replaced in ONE transaction (every table
 * emptied and filled from the verified copy, ids kept, sequences never
 * moved back, attachment contents it lacks added and those no row names
 * removed, every table's count and checksum compared before the commit),
 * so the other desks see either the old data or all of the backup.
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

/* The file name extension of backups (without the dot). */
#define SY_BACKUP_EXTENSION "tar"

/* What a backup holds or a restore found; fields filled as far as known. */
typedef struct {
  int      schema_version;   /* of the database in the backup */
  char    *app_version;      /* that wrote the backup */
  char    *created_at;       /* "2026-11-29T16:30:00", local time */
  guint    n_attachments;    /* attachment files in the backup */
  guint64  n_bytes;          /* all files in the backup, database included */
  /* Attachments the database names but the backup lacks: at backup time a
   * missing or damaged file (left out: `check` tells more); at restore time
   * the rows of the restored database without a file.  NULL-terminated
   * hashes, or NULL for none. */
  GStrv    missing;
} SyBackupReport;

void      sy_backup_report_clear (SyBackupReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyBackupReport, sy_backup_report_clear)

/* Writes a backup of @db to @path (replacing it atomically if it exists),
 * staging the snapshot in a temporary folder beside @path.  Not inside a
 * transaction of @db (SQLite cannot VACUUM in one).  @report may be NULL. */
gboolean  sy_backup_create       (SyDatabase      *db,
                                  const char      *path,
                                  SyBackupReport  *report,
                                  GError         **error);

/* Reads and verifies all of the backup at @path without writing anything:
 * SY_ERROR_INVALID for a damaged or unsafe archive (the message names the
 * entry), SY_ERROR_SCHEMA_TOO_NEW for one from a newer version. */
gboolean  sy_backup_verify       (const char      *path,
                                  SyBackupReport  *report,
                                  GError         **error);

/* Replaces the database folder @directory (NULL: the default; a
 * postgresql:// location: sy_backup_restore_into()) by the backup
 * at @path, after verifying all of it (see above).  No SyDatabase may be
 * open on @directory, in this process or another (the app must be closed:
 * an open connection would go on writing to the replaced files); another
 * process's connection is detected and refused (SY_ERROR_FAILED).  On any error @directory is left as it was; an
 * interruption leaves it either as it was or completely restored.  The
 * folder must hold nothing but the database and its attachments (anything
 * else is refused rather than lost). */
gboolean  sy_backup_restore      (const char      *path,
                                  const char      *directory,
                                  SyBackupReport  *report,
                                  GError         **error);

/* Replaces everything in the open shared (PostgreSQL) database @db by the
 * backup at @path (one transaction, see above), after verifying all of the
 * backup; a record of the restore goes to the audit log.  On any error
 * nothing is changed.  A role that may only read gets SY_ERROR_READ_ONLY.
 * sy_backup_restore() with a postgresql:// location opens it and calls
 * this. */
gboolean  sy_backup_restore_into (SyDatabase      *db,
                                  const char      *path,
                                  SyBackupReport  *report,
                                  GError         **error);

/* Automatic backups: writes @dir/backup-YYYYMMDD-HHMMSS.tar (@dir created
 * 0700), then keeps only the newest @keep of them.  Returns the path written. */
char     *sy_backup_auto         (SyDatabase      *db,
                                  const char      *dir,
                                  guint            keep,
                                  GError         **error);
/* Deletes all but the newest @keep (≥ 1) automatic backups in @dir; other
 * files are never touched.  @n_removed may be NULL. */
gboolean  sy_backup_rotate       (const char      *dir,
                                  guint            keep,
                                  guint           *n_removed,
                                  GError         **error);

/* For tests: restore by two renames, as on file systems without
 * renameat2 (RENAME_EXCHANGE). */
void      _sy_backup_set_no_exchange (gboolean no);

/* For tests and the CLI: the size caps applied when reading a backup. */
#define SY_BACKUP_MAX_MANIFEST_SIZE  (G_GUINT64_CONSTANT (64) << 20)
#define SY_BACKUP_MAX_ENTRIES        1000000

G_END_DECLS
