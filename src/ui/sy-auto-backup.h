/* sy-auto-backup.h: when the next automatic backup is due
 *
 * The schedule (the auto-backup settings) as plain functions, so the
 * decision can be tested without a clock or a window.  Writing and rotating
 * the files is sy_backup_auto() / sy_backup_rotate() (sy-backup.h).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SY_AUTO_BACKUP_OFF,
  SY_AUTO_BACKUP_DAILY,
  SY_AUTO_BACKUP_WEEKLY,
} SyAutoBackupPeriod;

/* "off" / "daily" / "weekly" (the auto-backup setting); anything else is
 * OFF. */
SyAutoBackupPeriod sy_auto_backup_period_from_string (const char *text);
/* The period in seconds; 0 for OFF. */
gint64             sy_auto_backup_period_seconds     (SyAutoBackupPeriod period);

/* Whether a backup is due at @now (seconds since 1970) when the last one was
 * made at @last (0: never).  A @last in the future (the clock was set back)
 * counts as due, so a wrong clock cannot stop backups for good. */
gboolean           sy_auto_backup_is_due             (gint64             now,
                                                      gint64             last,
                                                      SyAutoBackupPeriod period);

/* The folder for automatic backups: @configured when not empty, else
 * "<@files_directory>-backups" beside the database folder — not inside it:
 * a restore replaces that whole folder and refuses one holding other files
 * (sy_backup_restore()). */
char              *sy_auto_backup_folder             (const char        *configured,
                                                      const char        *files_directory);

G_END_DECLS
