/* sy-preferences-window.h: Preferences: which database, automatic backups
 *
 * The Database page chooses between the local database (a folder on this
 * computer) and a shared PostgreSQL database, tests a connection in a
 * worker thread, and Switch changes the application's database at once
 * (sy_application_switch_database (): every window reloads, no restart),
 * storing the choice in the database-uri setting only once it opened
 * (without the password, which is never saved).  The Backups page edits the auto-backup
 * settings (see sy-auto-backup.h).  app.preferences (Ctrl+,) opens it.
 */
#pragma once

#include <adwaita.h>
#include "sy-application.h"

G_BEGIN_DECLS

#define SY_TYPE_PREFERENCES_WINDOW (sy_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SyPreferencesWindow, sy_preferences_window, SY, PREFERENCES_WINDOW, AdwPreferencesWindow)

SyPreferencesWindow *sy_preferences_window_new (SyApplication *application);

/* postgresql://user[:password]@host:port/dbname with every part
 * percent-encoded (a socket folder as host becomes %2Frun%2F…); @password
 * NULL or "" leaves it out.  NULL with SY_ERROR_INVALID naming the field
 * when a part is missing or the port is not a number. */
char    *sy_preferences_build_uri                 (const char  *host,
                                                   const char  *port,
                                                   const char  *dbname,
                                                   const char  *user,
                                                   const char  *password,
                                                   GError     **error);

/* What the form shows, as a user would set it. */
void     sy_preferences_window_set_shared         (SyPreferencesWindow *self,
                                                   gboolean             shared);
void     sy_preferences_window_set_server         (SyPreferencesWindow *self,
                                                   const char          *host,
                                                   const char          *port,
                                                   const char          *dbname,
                                                   const char          *user,
                                                   const char          *password);
/* The chosen database: the local folder, or the server's URI (with the
 * password only if @with_password). */
char    *sy_preferences_window_get_location       (SyPreferencesWindow *self,
                                                   gboolean             with_password,
                                                   GError             **error);

/* Test Connection: opens the chosen database in a worker thread; the
 * outcome (schema version and role, or the error) is then shown under the
 * buttons and in get_result. */
void     sy_preferences_window_test_connection    (SyPreferencesWindow *self);
/* TRUE while a connection test or a switch runs. */
gboolean sy_preferences_window_is_testing         (SyPreferencesWindow *self);
/* The last test's text, and whether it connected. */
const char *sy_preferences_window_get_result      (SyPreferencesWindow *self);
gboolean sy_preferences_window_get_result_ok      (SyPreferencesWindow *self);

/* Switch: the application opens the chosen database with the typed
 * password in a worker and reloads its windows from it; the outcome
 * ("Switched to …" or why not, the current database staying) is then in
 * get_result.  TRUE when the switch started (is_testing until it ends);
 * FALSE (with the reason shown) when the form is incomplete or a test or
 * switch is under way. */
gboolean sy_preferences_window_switch_database    (SyPreferencesWindow *self);

G_END_DECLS
