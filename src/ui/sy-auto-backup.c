/* sy-auto-backup.c: when the next automatic backup is due */
#include "sy-auto-backup.h"

SyAutoBackupPeriod
sy_auto_backup_period_from_string (const char *text)
{
  if (g_strcmp0 (text, "daily") == 0)
    return SY_AUTO_BACKUP_DAILY;
  if (g_strcmp0 (text, "weekly") == 0)
    return SY_AUTO_BACKUP_WEEKLY;
  return SY_AUTO_BACKUP_OFF;
}

gint64
sy_auto_backup_period_seconds (SyAutoBackupPeriod period)
{
  switch (period)
    {
    case SY_AUTO_BACKUP_DAILY:
      return 24 * 3600;
    case SY_AUTO_BACKUP_WEEKLY:
      return 7 * 24 * 3600;
    case SY_AUTO_BACKUP_OFF:
    default:
      return 0;
    }
}

gboolean
sy_auto_backup_is_due (gint64             now,
                       gint64             last,
                       SyAutoBackupPeriod period)
{
  gint64 seconds = sy_auto_backup_period_seconds (period);

  if (seconds == 0)
    return FALSE;
  if (last <= 0 || last > now)
    return TRUE;
  return now - last >= seconds;
}

char *
sy_auto_backup_folder (const char *configured,
                       const char *files_directory)
{
  if (configured != NULL && *configured != '\0')
    return g_strdup (configured);
  g_autofree char *canonical = g_canonicalize_filename (files_directory, NULL);

  return g_strconcat (canonical, "-backups", NULL);
}
