/* sy-application.h: the application: database, first start, app actions */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_APPLICATION (sy_application_get_type ())
G_DECLARE_FINAL_TYPE (SyApplication, sy_application, SY, APPLICATION, AdwApplication)

/* Understands `--db DIR`; without it the database-directory setting, and
 * without that sy_database_default_directory (). */
SyApplication *sy_application_new                    (void);

/* The directory to open at startup; overrides --db and the setting.  Call
 * before the application is registered. */
void           sy_application_set_database_directory (SyApplication *self,
                                                      const char    *directory);
const char    *sy_application_get_database_directory (SyApplication *self);

/* The main thread's connection; NULL until startup, or if opening failed. */
SyDatabase    *sy_application_get_database           (SyApplication *self);

/* A configured shared database that does not open at startup shows
 * SyOpenDialog (sy-open-dialog.h) instead of the window: its password
 * asked for (the server refused it) or Retry (the server is down), or the
 * local database for this run.
 *
 * Switches to @location (a folder, or a postgresql:// URI) without a
 * restart: opens it in a worker thread with @password (NULL or "": none
 * typed; see sy_database_open_with_password ()), then makes it the
 * application's database, reloads every window from it (the first-start
 * page if it is empty) and only then stores it in the database-uri
 * setting ("" for a folder; never the password).  On failure the current
 * database stays and the error says why.  Refused (SY_ERROR_CONFLICT)
 * while a backup, a restore, the demo data or another switch is at work. */
void           sy_application_switch_database        (SyApplication       *self,
                                                      const char          *location,
                                                      const char          *password,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean       sy_application_switch_database_finish (SyApplication       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* TRUE while a switch opens the new database. */
gboolean       sy_application_is_switching           (SyApplication       *self);

/* TRUE while the first-start demo data is being written. */
gboolean       sy_application_is_populating          (SyApplication *self);

/* On an empty database: fill in the demo office at once (TRUE; also
 * `--demo` or SHUANGYONG_DEMO=1 in the environment) instead of showing the
 * welcome page that asks for the office (FALSE, the default). */
void           sy_application_set_demo_if_empty      (SyApplication *self,
                                                      gboolean       demo);
/* TRUE while the welcome page waits for the office. */
gboolean       sy_application_is_welcoming           (SyApplication *self);

/* The user guide's index.html ($SHUANGYONG_HELPDIR, else the installed
 * copy), or NULL when it is not there.  app.help (F1) opens it. */
char          *sy_application_get_help_file          (void);

/* app.backup and app.restore without their file choosers (the tests use
 * these).  Backup: writes @file in a worker, showing progress and then the
 * outcome in a dialog.  Restore: asks first (a dialog with the destructive
 * response "restore"), verifies the whole backup, closes the windows,
 * replaces the database folder and opens it again in a new window.  Local
 * (SQLite) databases only: on a server the actions are disabled. */
void           sy_application_backup_to              (SyApplication *self,
                                                      GFile         *file);
void           sy_application_restore_from           (SyApplication *self,
                                                      GFile         *file);
/* TRUE while a backup (manual or automatic) or a restore runs. */
gboolean       sy_application_is_backing_up          (SyApplication *self);

/* Starts an automatic backup when the auto-backup settings say one is due
 * (see sy-auto-backup.h); runs at startup and every hour.  TRUE when one
 * was started. */
gboolean       sy_application_check_auto_backup      (SyApplication *self);

G_END_DECLS
