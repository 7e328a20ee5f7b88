/* test-preferences.c: Preferences (database choice, connection test,
 * automatic backups) and Backup…/Restore… of the main menu
 *
 * Runs SyApplication on a demo database.  The due logic and the folder of
 * automatic backups are plain functions; rotation keeps the newest N
 * automatic backups and no other file; an automatic backup started by the
 * application lands in the configured folder and stamps last-auto-backup.
 * The Preferences window opens through app.preferences, tests the local
 * database and (under tests/pg/run-with-pg.sh, SY_TEST_PG_SOCKET set) the
 * test server, refuses an incomplete server form, and Switch keeps the
 * current database when the new one does not open and switches at once
 * when it does (tests/test-db-switch.c: between SQLite and PostgreSQL).  Last, a backup through the application and
 * a restore of it (the confirmation answered) bring back a changed value.
 * Needs a display.
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sy-application.h"
#include "sy-auto-backup.h"
#include "sy-backup.h"
#include "sy-preferences-window.h"
#include "sy-test-db.h"
#include "sy-test-gui.h"
#include "sy-window.h"

static SyApplication *app;
static char *db_dir;

static void
test_due (void)
{
  const gint64 day = 24 * 3600;
  const gint64 now = 1800000000;
  g_autofree char *folder = NULL;

  g_assert_cmpint (sy_auto_backup_period_from_string ("daily"), ==, SY_AUTO_BACKUP_DAILY);
  g_assert_cmpint (sy_auto_backup_period_from_string ("weekly"), ==, SY_AUTO_BACKUP_WEEKLY);
  g_assert_cmpint (sy_auto_backup_period_from_string ("off"), ==, SY_AUTO_BACKUP_OFF);
  g_assert_cmpint (sy_auto_backup_period_from_string ("hourly"), ==, SY_AUTO_BACKUP_OFF);
  g_assert_cmpint (sy_auto_backup_period_from_string (NULL), ==, SY_AUTO_BACKUP_OFF);

  /* Off: never, not even the first time. */
  g_assert_false (sy_auto_backup_is_due (now, 0, SY_AUTO_BACKUP_OFF));
  /* Never made: due at once. */
  g_assert_true (sy_auto_backup_is_due (now, 0, SY_AUTO_BACKUP_DAILY));
  g_assert_false (sy_auto_backup_is_due (now, now - day + 1, SY_AUTO_BACKUP_DAILY));
  g_assert_true (sy_auto_backup_is_due (now, now - day, SY_AUTO_BACKUP_DAILY));
  g_assert_false (sy_auto_backup_is_due (now, now - 6 * day, SY_AUTO_BACKUP_WEEKLY));
  g_assert_true (sy_auto_backup_is_due (now, now - 7 * day, SY_AUTO_BACKUP_WEEKLY));
  /* The clock was set back past the last backup: due, not stuck. */
  g_assert_true (sy_auto_backup_is_due (now, now + 3600, SY_AUTO_BACKUP_WEEKLY));

  folder = sy_auto_backup_folder ("", "/data/sy");
  g_assert_cmpstr (folder, ==, "/data/sy-backups");
  g_clear_pointer (&folder, g_free);
  folder = sy_auto_backup_folder (NULL, "/data/sy/");
  g_assert_cmpstr (folder, ==, "/data/sy-backups");
  g_clear_pointer (&folder, g_free);
  folder = sy_auto_backup_folder ("/mnt/usb", "/data/sy");
  g_assert_cmpstr (folder, ==, "/mnt/usb");
}

static void
touch (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, name, -1, &error));
  g_assert_no_error (error);
}

static gboolean
exists (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_rotation (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sy-rotate-XXXXXX", &error);
  static const char *const others[] = {
    "notes.txt", "backup-2020.tar", "backup-20200101-000000.tar.part",
    "my-backup-20200101-000000.tar", "backup-20200101-000000.zip", NULL
  };
  guint removed = 0;

  g_assert_no_error (error);
  /* Written out of order: the stamp in the name decides, not the order. */
  touch (dir, "backup-20260103-080000.tar");
  touch (dir, "backup-20260101-080000.tar");
  touch (dir, "backup-20260105-080000.tar");
  touch (dir, "backup-20260102-080000.tar");
  touch (dir, "backup-20260104-080000.tar");
  for (guint i = 0; others[i] != NULL; i++)
    touch (dir, others[i]);

  g_assert_true (sy_backup_rotate (dir, 3, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 2);
  g_assert_false (exists (dir, "backup-20260101-080000.tar"));
  g_assert_false (exists (dir, "backup-20260102-080000.tar"));
  g_assert_true (exists (dir, "backup-20260103-080000.tar"));
  g_assert_true (exists (dir, "backup-20260104-080000.tar"));
  g_assert_true (exists (dir, "backup-20260105-080000.tar"));
  for (guint i = 0; others[i] != NULL; i++)
    g_assert_true (exists (dir, others[i]));

  /* Nothing beyond N: nothing removed. */
  g_assert_true (sy_backup_rotate (dir, 3, &removed, &error));
  g_assert_cmpuint (removed, ==, 0);
  sy_test_remove_tree (dir);
}

static guint
count_backups (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "backup-") && g_str_has_suffix (name, "." SY_BACKUP_EXTENSION))
      n++;
  return n;
}

static void
test_auto_backup (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  /* Beside the database folder: a restore (below) refuses a folder that
   * holds anything but the database. */
  g_autofree char *folder = g_strconcat (db_dir, "-auto", NULL);
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  g_assert_true (sy_test_wait_until (sy_test_backup_idle, app, SY_TEST_TIMEOUT_MS));

  /* Off (the default): nothing. */
  g_assert_false (sy_application_check_auto_backup (app));

  g_settings_set_string (settings, "auto-backup", "daily");
  g_settings_set_string (settings, "auto-backup-folder", folder);
  g_settings_set_int (settings, "auto-backup-keep", 2);
  g_settings_set_int64 (settings, "last-auto-backup", 0);
  g_assert_true (sy_application_check_auto_backup (app));
  g_assert_true (sy_test_wait_until (sy_test_backup_idle, app, SY_TEST_TIMEOUT_MS));
  g_assert_cmpuint (count_backups (folder), ==, 1);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-auto-backup"), >=, before);
  /* Just made: not due again. */
  g_assert_false (sy_application_check_auto_backup (app));

  /* Due again three times: still only the newest two. */
  for (int i = 0; i < 3; i++)
    {
      g_settings_set_int64 (settings, "last-auto-backup", before - 2 * 24 * 3600);
      g_assert_true (sy_application_check_auto_backup (app));
      g_assert_true (sy_test_wait_until (sy_test_backup_idle, app, SY_TEST_TIMEOUT_MS));
    }
  g_assert_cmpuint (count_backups (folder), ==, 2);

  g_settings_set_string (settings, "auto-backup", "off");
  sy_test_remove_tree (folder);
  g_settings_reset (settings, "auto-backup-folder");
  g_settings_reset (settings, "auto-backup-keep");
}

static void
test_uri (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  uri = sy_preferences_build_uri ("/run/my sockets", "5433", "office", "desk@1", "p:w@/d", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, "postgresql://desk%401:p%3Aw%40%2Fd@%2Frun%2Fmy%20sockets:5433/office");
  g_clear_pointer (&uri, g_free);

  uri = sy_preferences_build_uri ("db.example", "", "office", "desk", "", &error);
  g_assert_cmpstr (uri, ==, "postgresql://desk@db.example/office");
  g_clear_pointer (&uri, g_free);

  uri = sy_preferences_build_uri ("db.example", "54x", "office", "desk", NULL, &error);
  g_assert_null (uri);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "54x"));
  g_clear_error (&error);

  uri = sy_preferences_build_uri ("db.example", "5432", "", "desk", NULL, &error);
  g_assert_null (uri);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
}

static void
test_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  SyPreferencesWindow *prefs;
  g_autofree char *location = NULL;
  g_autofree char *stored = NULL;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  prefs = sy_test_open_preferences (GTK_APPLICATION (app));
  sy_test_save_screenshot (GTK_WIDGET (prefs), "preferences");

  /* The local database: the folder in use. */
  location = sy_preferences_window_get_location (prefs, TRUE, NULL);
  g_assert_cmpstr (location, ==, db_dir);
  sy_preferences_window_test_connection (prefs);
  g_assert_true (sy_preferences_window_is_testing (prefs));
  g_assert_true (sy_test_wait_until (sy_test_preferences_idle, prefs, SY_TEST_TIMEOUT_MS));
  g_assert_true (sy_preferences_window_get_result_ok (prefs));
  {
    g_autofree char *version = g_strdup_printf ("%d", sy_database_get_known_schema_version ());

    g_assert_nonnull (strstr (sy_preferences_window_get_result (prefs), version));
  }

  /* A server that is not there: the error, not a hang or a crash. */
  sy_preferences_window_set_shared (prefs, TRUE);
  sy_preferences_window_set_server (prefs, db_dir, "1", "nothing", "nobody", "secret");
  sy_preferences_window_test_connection (prefs);
  g_assert_true (sy_test_wait_until (sy_test_preferences_idle, prefs, SY_TEST_TIMEOUT_MS));
  g_assert_false (sy_preferences_window_get_result_ok (prefs));
  g_assert_cmpstr (sy_preferences_window_get_result (prefs), !=, "");
  g_assert_null (strstr (sy_preferences_window_get_result (prefs), "secret"));

  /* An incomplete form is refused at once, naming the field. */
  sy_preferences_window_set_server (prefs, "db.example", "5432", "", "desk", NULL);
  sy_preferences_window_test_connection (prefs);
  g_assert_false (sy_preferences_window_is_testing (prefs));
  g_assert_false (sy_preferences_window_get_result_ok (prefs));
  g_assert_nonnull (strstr (sy_preferences_window_get_result (prefs), _("Database name")));
  g_assert_false (sy_preferences_window_switch_database (prefs));
  stored = g_settings_get_string (settings, "database-uri");
  g_assert_cmpstr (stored, ==, "");
  g_clear_pointer (&stored, g_free);

  if (sy_test_database_is_postgres ())
    {
      g_autofree char *files_dir = NULL;
      g_autoptr(SyDatabase) server = sy_test_open_database (&files_dir);
      const char *uri = sy_database_get_directory (server);
      const char *dbname = strrchr (uri, '/') + 1;

      /* The socket folder as host: escaped into the URI by the window. */
      sy_preferences_window_set_server (prefs, g_getenv ("SY_TEST_PG_SOCKET"),
                                        g_getenv ("SY_TEST_PG_PORT"), dbname, "postgres", NULL);
      sy_preferences_window_test_connection (prefs);
      g_assert_true (sy_test_wait_until (sy_test_preferences_idle, prefs, SY_TEST_TIMEOUT_MS));
      g_test_message ("%s", sy_preferences_window_get_result (prefs));
      g_assert_true (sy_preferences_window_get_result_ok (prefs));
      g_assert_nonnull (strstr (sy_preferences_window_get_result (prefs), "postgres"));
      g_clear_object (&server);
      sy_test_remove_tree (files_dir);
    }

  /* Switch to a server that is not there: the error, the current
   * database stays, the setting untouched, never the password shown. */
  {
    SyDatabase *before = sy_application_get_database (app);

    sy_preferences_window_set_server (prefs, db_dir, "1", "office", "desk", "secret");
    g_assert_true (sy_preferences_window_switch_database (prefs));
    g_assert_true (sy_preferences_window_is_testing (prefs));
    g_assert_true (sy_test_wait_until (sy_test_preferences_idle, prefs, SY_TEST_TIMEOUT_MS));
    g_assert_false (sy_preferences_window_get_result_ok (prefs));
    g_assert_null (strstr (sy_preferences_window_get_result (prefs), "secret"));
    g_assert_true (sy_application_get_database (app) == before);
    stored = g_settings_get_string (settings, "database-uri");
    g_assert_cmpstr (stored, ==, "");
    g_clear_pointer (&stored, g_free);
  }

  /* Back to the local database: opened again at once (no restart), the
   * setting empty. */
  {
    SyDatabase *before = sy_application_get_database (app);

    g_object_add_weak_pointer (G_OBJECT (before), (gpointer *) &before);
    sy_preferences_window_set_shared (prefs, FALSE);
    g_assert_true (sy_preferences_window_switch_database (prefs));
    g_assert_true (sy_test_wait_until (sy_test_preferences_idle, prefs, SY_TEST_TIMEOUT_MS));
    g_test_message ("%s", sy_preferences_window_get_result (prefs));
    g_assert_true (sy_preferences_window_get_result_ok (prefs));
    g_assert_true (sy_application_get_database (app) != before);
    g_assert_cmpstr (sy_database_get_directory (sy_application_get_database (app)), ==, db_dir);
    g_assert_null (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    stored = g_settings_get_string (settings, "database-uri");
    g_assert_cmpstr (stored, ==, "");
    if (before != NULL)
      g_object_remove_weak_pointer (G_OBJECT (before), (gpointer *) &before);
  }

  /* The Backups page edits the auto-backup settings. */
  {
    AdwComboRow *period = ADW_COMBO_ROW (sy_test_find_descendant (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW,
                                                                  G_TYPE_INVALID));
    GtkSpinButton *keep = GTK_SPIN_BUTTON (sy_test_find_descendant (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON,
                                                                    G_TYPE_INVALID));
    g_autofree char *value = NULL;

    g_assert_cmpuint (adw_combo_row_get_selected (period), ==, 0);
    adw_combo_row_set_selected (period, 2);
    value = g_settings_get_string (settings, "auto-backup");
    g_assert_cmpstr (value, ==, "weekly");
    g_clear_pointer (&value, g_free);
    adw_combo_row_set_selected (period, 0);
    value = g_settings_get_string (settings, "auto-backup");
    g_assert_cmpstr (value, ==, "off");

    g_assert_cmpfloat (gtk_spin_button_get_value (keep), ==, 7);
    gtk_spin_button_set_value (keep, 3);
    g_assert_cmpint (g_settings_get_int (settings, "auto-backup-keep"), ==, 3);
    g_settings_reset (settings, "auto-backup-keep");
  }

  g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &prefs);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &prefs, SY_TEST_TIMEOUT_MS));
}

static gboolean
window_with_db (gpointer data)
{
  return sy_application_get_database (app) != NULL && !sy_application_is_backing_up (app)
         && sy_test_window_mapped (app);
}

static char *
setting_value (void)
{
  g_autoptr(GdaDataModel) model = NULL;
  g_autoptr(GError) error = NULL;
  const GValue *value;

  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };

  model = sy_database_select (sy_application_get_database (app),
                              "SELECT value FROM setting WHERE key = 'prefs-test'", types, &error, NULL);
  g_assert_no_error (error);
  if (gda_data_model_get_n_rows (model) == 0)
    return NULL;
  value = gda_data_model_get_value_at (model, 0, 0, &error);
  g_assert_no_error (error);
  return g_value_dup_string (value);
}

static void
test_backup_restore (void)
{
  g_autofree char *parent = g_path_get_dirname (db_dir);
  g_autofree char *path = g_build_filename (parent, "sy-prefs-test-backup.tar", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  AdwMessageDialog *dialog;
  gint64 recipients;
  SyDatabase *db;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  db = sy_application_get_database (app);
  sy_database_execute (db, "INSERT INTO setting (key, value) VALUES ('prefs-test', 'before')",
                       &error, NULL);
  g_assert_no_error (error);
  recipients = sy_test_query_int (app, "SELECT COUNT(*) FROM recipient");
  g_assert_cmpint (recipients, >, 0);

  /* The menu offers both on a local database. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "backup"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "restore"));

  sy_application_backup_to (app, file);
  g_assert_true (sy_application_is_backing_up (app));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "backup"));
  g_assert_true (sy_test_wait_until (sy_test_backup_idle, app, SY_TEST_TIMEOUT_MS));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (sy_backup_verify (path, NULL, &error));
  g_assert_no_error (error);
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Backup Made"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  sy_test_close_message_dialogs ();

  sy_database_execute (db, "UPDATE setting SET value = 'after' WHERE key = 'prefs-test'",
                       &error, NULL);
  g_assert_no_error (error);
  value = setting_value ();
  g_assert_cmpstr (value, ==, "after");
  g_clear_pointer (&value, g_free);

  /* Cancelled: nothing happens. */
  sy_application_restore_from (app, file);
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  sy_test_answer_dialog (dialog, "cancel");
  sy_test_close_message_dialogs ();
  g_assert_false (sy_application_is_backing_up (app));
  value = setting_value ();
  g_assert_cmpstr (value, ==, "after");
  g_clear_pointer (&value, g_free);

  /* Confirmed: the windows close, the backup goes in, a window opens on
   * the restored database. */
  sy_application_restore_from (app, file);
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  sy_test_answer_dialog (dialog, "restore");
  g_assert_true (sy_application_is_backing_up (app));
  g_assert_true (sy_test_wait_until (window_with_db, NULL, SY_TEST_TIMEOUT_MS));
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Backup Restored"));
  sy_test_close_message_dialogs ();
  value = setting_value ();
  g_assert_cmpstr (value, ==, "before");
  g_assert_cmpint (sy_test_query_int (app, "SELECT COUNT(*) FROM recipient"), ==, recipients);

  /* A damaged file: refused before anything is closed. */
  g_assert_true (g_file_set_contents (path, "not a backup", -1, NULL));
  sy_application_restore_from (app, file);
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  sy_test_answer_dialog (dialog, "restore");
  g_assert_true (sy_test_wait_until (sy_test_backup_idle, app, SY_TEST_TIMEOUT_MS));
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Could Not Restore the Backup"));
  sy_test_close_message_dialogs ();
  g_assert_nonnull (sy_application_get_database (app));
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  int status;

  sy_test_init (&argc, &argv);
  db_dir = sy_test_make_demo_database ("sy-preferences-XXXXXX");

  g_test_add_func ("/preferences/due", test_due);
  g_test_add_func ("/preferences/rotation", test_rotation);
  g_test_add_func ("/preferences/uri", test_uri);
  g_test_add_func ("/preferences/window", test_window);
  g_test_add_func ("/preferences/auto-backup", test_auto_backup);
  g_test_add_func ("/preferences/backup-restore", test_backup_restore);

  app = sy_application_new ();
  status = sy_test_run_application (app, db_dir);
  g_clear_object (&app);

  sy_test_remove_tree (db_dir);
  g_free (db_dir);
  return status;
}
