/* test-db-switch.c: the shared database's password dialog at startup and
 * switching databases from Preferences without a restart (issue 7)
 *
 * Under tests/pg/run-with-pg.sh (suite postgresql) the application starts
 * on the database-uri setting naming a server database whose role must
 * give its password (tests/pg/pg-server.sh): the password dialog shows
 * which user, server and database, a wrong password keeps it open with the
 * reason, the right one loads the window.  Then Preferences switches to
 * the local demo database, back to the server and to the local one again,
 * each time the Recipients view showing the other database's people (the
 * server's copy has one more), and a wrong password keeps the current
 * database.  Without a server (suite gui) the switch goes between two
 * local folders, and a server that is not there keeps the current one.
 * Both: no switch while a backup runs; the dialog for a server that is
 * down offers Retry and stays open when it fails again.  Needs a display.
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sy-application.h"
#include "sy-open-dialog.h"
#include "sy-preferences-window.h"
#include "sy-store.h"
#include "sy-test-db.h"
#include "sy-test-gui.h"
#include "sy-window.h"
#include "sy-recipient-editor.h"

#define PASSWORD "Gui;pass=w@rd%"
#define PG_DBNAME "sy_pw_gui"

static SyApplication *app;
static char *demo_dir;     /* the local demo office */
static char *other;        /* the other database: the server's URI, or a second folder */
static guint demo_count;   /* recipients in the demo office; `other` has one more */

/* --- helpers ---------------------------------------------------------------- */

static void
add_person (SyDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipientRepo) repo = sy_recipient_repo_new (db);
  g_autoptr(SyRecipient) person = sy_recipient_new ();

  sy_recipient_set_name (person, "切换甲");
  sy_recipient_set_id_number (person, "360426199101010071");
  sy_recipient_set_village (person, "东湖村");
  g_assert_true (sy_recipient_repo_save (repo, person, NULL, &error));
  g_assert_no_error (error);
}

static guint
count_people (SyDatabase *db)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  g_assert_true (sy_database_query_int64 (db, &n, "SELECT COUNT(*) FROM recipient", &error, NULL));
  g_assert_no_error (error);
  return (guint) n;
}

/* The other database with the demo office plus one person.  On the server
 * the tables are migrated as `postgres` (trust) and granted to the password
 * role: the test process must not learn the password before the dialog. */
static void
make_other_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;

  if (sy_test_database_is_postgres ())
    {
      g_autofree char *as_postgres = NULL;
      SyMigrateResult result;

      other = sy_test_pg_password_database (PG_DBNAME, PASSWORD);
      as_postgres = sy_test_pg_uri ("postgres", PG_DBNAME);
      g_assert_true (sy_migrate_to_postgres (demo_dir, as_postgres, NULL, NULL, &result, &error));
      g_assert_no_error (error);
      sy_test_pg_execute (PG_DBNAME, "GRANT ALL ON ALL TABLES IN SCHEMA public TO " SY_TEST_PG_PASSWORD_ROLE);
      sy_test_pg_execute (PG_DBNAME, "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO " SY_TEST_PG_PASSWORD_ROLE);
      db = sy_database_open (as_postgres, &error);
    }
  else
    {
      other = sy_test_make_demo_database ("sy-switch-other-XXXXXX");
      db = sy_database_open (other, &error);
    }
  g_assert_no_error (error);
  add_person (db);
  g_assert_cmpuint (count_people (db), ==, demo_count + 1);
}

static GtkWidget *
recipients_list (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = sy_window_get_page (window, "recipients");

  return sy_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE);
}

/* What the Recipients view lists. */
static guint
listed (void)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (recipients_list ())));

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

static gboolean
lists_n (gpointer data)
{
  return sy_test_window_mapped (app) && listed () == GPOINTER_TO_UINT (data);
}

static gboolean
dialog_idle (gpointer data)
{
  return !sy_open_dialog_is_connecting (data);
}

/* Fills the server form with @uri's parts (what a user types). */
static void
type_server (SyPreferencesWindow *prefs,
             const char          *uri,
             const char          *password)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS, NULL);
  g_autofree char *port = g_strdup_printf ("%d", g_uri_get_port (parsed));

  g_assert_nonnull (parsed);
  sy_preferences_window_set_shared (prefs, TRUE);
  sy_preferences_window_set_server (prefs, g_uri_get_host (parsed), port, g_uri_get_path (parsed) + 1,
                                    g_uri_get_user (parsed), password);
}

/* Preferences' Switch, waited for; TRUE when it switched. */
static gboolean
press_switch (SyPreferencesWindow *prefs)
{
  g_assert_true (sy_preferences_window_switch_database (prefs));
  g_assert_true (sy_test_wait_until (sy_test_preferences_idle, prefs, SY_TEST_TIMEOUT_MS));
  g_test_message ("switch: %s", sy_preferences_window_get_result (prefs));
  return sy_preferences_window_get_result_ok (prefs);
}

static void
switched (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sy_application_switch_database_finish (SY_APPLICATION (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* The application's own switch (what Preferences calls), waited for. */
static void
switch_to (const char *location)
{
  gboolean done = FALSE;

  sy_application_switch_database (app, location, NULL, NULL, switched, &done);
  g_assert_true (sy_application_is_switching (app));
  g_assert_true (sy_test_wait_until (flag_set, &done, SY_TEST_TIMEOUT_MS));
}

static char *
stored_uri (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_settings_get_string (settings, "database-uri");
}

/* The application, its window and the setting on the local demo office. */
static void
assert_on_demo (void)
{
  SyDatabase *db = sy_application_get_database (app);
  g_autofree char *stored = stored_uri ();

  g_assert_false (sy_database_is_postgres (db));
  g_assert_cmpstr (sy_database_get_directory (db), ==, demo_dir);
  g_assert_true (sy_test_wait_until (lists_n, GUINT_TO_POINTER (demo_count), SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (stored, ==, "");
}

/* --- the password dialog at startup ------------------------------------------ */

static void
test_password_dialog (void)
{
  SyOpenDialog *dialog;
  GtkWidget *entry;
  g_autofree char *who = NULL;
  SyDatabase *db;

  if (!sy_test_database_is_postgres ())
    {
      g_test_skip ("needs the test PostgreSQL server (the postgresql suite)");
      return;
    }

  /* The window waits for the password. */
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_OPEN_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  dialog = SY_OPEN_DIALOG (sy_test_find_toplevel (SY_TYPE_OPEN_DIALOG));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_null (sy_test_current_window (GTK_APPLICATION (app)));
  g_assert_null (sy_application_get_database (app));
  g_assert_true (sy_open_dialog_asks_password (dialog));
  who = sy_database_describe_location (other);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), who));
  g_assert_nonnull (strstr (who, SY_TEST_PG_PASSWORD_ROLE));
  g_assert_nonnull (strstr (who, PG_DBNAME));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "quit"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "local"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "connect");
  sy_test_save_screenshot (GTK_WIDGET (dialog), "password-dialog");

  /* A wrong password, entered as a user does (Enter in the entry): the
   * dialog stays with the reason. */
  entry = sy_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY, G_TYPE_INVALID);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "not-it");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (sy_open_dialog_is_connecting (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "connect"));
  g_assert_true (sy_test_wait_until (dialog_idle, dialog, SY_TEST_TIMEOUT_MS));
  g_test_message ("reason: %s", sy_open_dialog_get_reason (dialog));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_nonnull (strstr (sy_open_dialog_get_reason (dialog), SY_TEST_PG_PASSWORD_ROLE));
  g_assert_null (strstr (sy_open_dialog_get_reason (dialog), "not-it"));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "connect"));
  g_assert_null (sy_application_get_database (app));
  g_assert_null (sy_test_current_window (GTK_APPLICATION (app)));

  /* The right one, through the Connect response: the window, on the
   * server, showing its people. */
  gtk_editable_set_text (GTK_EDITABLE (entry), PASSWORD);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
  db = sy_application_get_database (app);
  g_assert_nonnull (db);
  g_assert_true (sy_database_is_postgres (db));
  g_assert_cmpstr (sy_database_get_role (db), ==, SY_TEST_PG_PASSWORD_ROLE);
  g_assert_true (sy_test_wait_until (lists_n, GUINT_TO_POINTER (demo_count + 1), SY_TEST_TIMEOUT_MS));
}

/* --- switching from Preferences ---------------------------------------------- */

static void
test_switch (void)
{
  SyPreferencesWindow *prefs;
  g_autofree char *stored = NULL;
  SyDatabase *db;
  gboolean postgres = sy_test_database_is_postgres ();

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  prefs = sy_test_open_preferences (GTK_APPLICATION (app));

  if (postgres)
    {
      /* On the server now (the dialog above): to the local demo office. */
      g_assert_true (sy_database_is_postgres (sy_application_get_database (app)));
      sy_preferences_window_set_shared (prefs, FALSE);
      /* The local choice is the settings' folder: point it at the demo. */
      {
        g_autoptr(GSettings) settings = g_settings_new (APP_ID);

        g_settings_set_string (settings, "database-directory", demo_dir);
      }
      gtk_window_destroy (GTK_WINDOW (prefs));
      prefs = sy_test_open_preferences (GTK_APPLICATION (app));
      sy_preferences_window_set_shared (prefs, FALSE);
      g_assert_true (press_switch (prefs));
      assert_on_demo ();
    }
  g_assert_cmpuint (listed (), ==, demo_count);

  /* A switch that fails keeps the current database and the setting. */
  db = sy_application_get_database (app);
  if (postgres)
    type_server (prefs, other, "not-it");
  else
    {
      sy_preferences_window_set_shared (prefs, TRUE);
      sy_preferences_window_set_server (prefs, demo_dir, "1", "office", "desk", "not-it");
    }
  g_assert_false (press_switch (prefs));
  g_assert_null (strstr (sy_preferences_window_get_result (prefs), "not-it"));
  g_assert_true (sy_application_get_database (app) == db);
  g_assert_cmpuint (listed (), ==, demo_count);
  stored = stored_uri ();
  g_assert_cmpstr (stored, ==, "");
  g_clear_pointer (&stored, g_free);

  /* Not while a backup runs: refused at once, nothing changes. */
  {
    g_autofree char *parent = g_path_get_dirname (demo_dir);
    g_autofree char *path = g_build_filename (parent, "sy-switch-test-backup.tar", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    GtkWindow *dialog;

    sy_application_backup_to (app, file);
    g_assert_true (sy_application_is_backing_up (app));
    g_assert_true (sy_preferences_window_switch_database (prefs));
    g_assert_true (sy_test_wait_until (sy_test_preferences_idle, prefs, SY_TEST_TIMEOUT_MS));
    g_assert_false (sy_preferences_window_get_result_ok (prefs));
    g_assert_true (sy_application_get_database (app) == db);
    g_assert_true (sy_test_wait_until (sy_test_backup_idle, app, SY_TEST_TIMEOUT_MS));
    while ((dialog = sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
      gtk_window_destroy (dialog);
    g_unlink (path);
  }

  /* Not while an editor is open on the current database: refused with
   * the window named; allowed once it is closed. */
  {
    SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
    GtkWidget *page;
    GtkWindow *editor;

    sy_window_set_view (window, "recipients");
    page = sy_window_get_page (window, "recipients");
    g_assert_true (gtk_widget_activate_action (page, "recipients.new", NULL));
    g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, (gpointer) SY_TYPE_RECIPIENT_EDITOR,
                                       SY_TEST_TIMEOUT_MS));
    editor = sy_test_find_toplevel (SY_TYPE_RECIPIENT_EDITOR);
    g_assert_true (sy_preferences_window_switch_database (prefs));
    g_assert_true (sy_test_wait_until (sy_test_preferences_idle, prefs, SY_TEST_TIMEOUT_MS));
    g_assert_false (sy_preferences_window_get_result_ok (prefs));
    g_test_message ("%s", sy_preferences_window_get_result (prefs));
    g_assert_nonnull (strstr (sy_preferences_window_get_result (prefs), gtk_window_get_title (editor)));
    g_assert_true (sy_application_get_database (app) == db);
    gtk_window_destroy (editor);
    sy_window_set_view (window, "plans");
  }

  /* To the other database: its people, at once.  (Preferences offers one
   * local folder, the one in use: between two folders, the application's
   * switch itself.) */
  if (postgres)
    {
      type_server (prefs, other, PASSWORD);
      g_assert_true (press_switch (prefs));
    }
  else
    switch_to (other);
  db = sy_application_get_database (app);
  g_assert_cmpint (sy_database_is_postgres (db), ==, postgres);
  g_assert_true (sy_test_wait_until (lists_n, GUINT_TO_POINTER (demo_count + 1), SY_TEST_TIMEOUT_MS));
  stored = stored_uri ();
  if (postgres)
    {
      /* The server stored, without its password. */
      g_assert_cmpstr (stored, ==, sy_database_get_directory (db));
      g_assert_null (strstr (stored, "Gui"));
      g_assert_cmpstr (sy_database_get_role (db), ==, SY_TEST_PG_PASSWORD_ROLE);
    }
  else
    g_assert_cmpstr (stored, ==, "");
  g_clear_pointer (&stored, g_free);

  /* And back to the demo office. */
  if (postgres)
    {
      sy_preferences_window_set_shared (prefs, FALSE);
      g_assert_true (press_switch (prefs));
    }
  else
    switch_to (demo_dir);
  assert_on_demo ();
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* --- a server that is down ---------------------------------------------------- */

static void
test_retry_dialog (void)
{
  g_autofree char *host = g_uri_escape_string (demo_dir, NULL, FALSE);
  g_autofree char *nowhere = g_strdup_printf ("postgresql://desk@%s:1/office", host);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = sy_database_open (nowhere, &error);
  SyOpenDialog *dialog;
  g_autofree char *first = NULL;

  g_assert_null (db);
  g_assert_error (error, SY_ERROR, SY_ERROR_DATABASE);
  dialog = sy_open_dialog_new (GTK_APPLICATION (app), nowhere, error);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_false (sy_open_dialog_asks_password (dialog));
  g_assert_null (sy_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY, G_TYPE_INVALID));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "retry"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "local"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "quit"));
  first = g_strdup (sy_open_dialog_get_reason (dialog));
  g_assert_cmpstr (first, ==, error->message);

  /* Retry, still down: the dialog stays with the reason. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "retry");
  g_assert_true (sy_open_dialog_is_connecting (dialog));
  g_assert_cmpstr (sy_open_dialog_get_reason (dialog), ==, "");
  g_assert_true (sy_test_wait_until (dialog_idle, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpstr (sy_open_dialog_get_reason (dialog), !=, "");
  /* Closing (Escape) does not leave the application without a choice. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char *argv[])
{
  int status;

  sy_test_init (&argc, &argv);
  demo_dir = sy_test_make_demo_database ("sy-switch-XXXXXX");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SyDatabase) db = sy_database_open (demo_dir, &error);

    g_assert_no_error (error);
    demo_count = count_people (db);
  }
  if (sy_test_database_is_postgres ())
    {
      /* Only what the test gives: no password from the environment. */
      g_unsetenv ("SHUANGYONG_DB_PASSWORD");
      g_unsetenv ("PGPASSWORD");
      g_setenv ("PGPASSFILE", "/nonexistent/pgpass", TRUE);
    }
  make_other_database ();

  g_test_add_func ("/db-switch/password-dialog", test_password_dialog);
  g_test_add_func ("/db-switch/switch", test_switch);
  g_test_add_func ("/db-switch/retry-dialog", test_retry_dialog);

  app = sy_application_new ();
  if (sy_test_database_is_postgres ())
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      /* As Preferences stores it: the server, no password. */
      g_settings_set_string (settings, "database-uri", other);
      status = sy_test_run_application (app, NULL);
    }
  else
    status = sy_test_run_application (app, demo_dir);
  g_clear_object (&app);

  sy_test_remove_tree (demo_dir);
  if (!sy_test_database_is_postgres ())
    sy_test_remove_tree (other);
  g_free (demo_dir);
  g_free (other);
  return status;
}
