/* test-shared-backup-gui.c: Backup… and Restore… of the main menu on a
 * shared (PostgreSQL) database
 *
 * Runs SyApplication on a demo office in a database of the test server
 * (tests/pg/run-with-pg.sh; skipped without it).  The menu offers both; a
 * backup through the application is a verified file; a restore, after its
 * confirmation (which says every desk is affected), replaces the data in
 * place: the window stays open and the changed values are back; a damaged
 * file changes nothing.  Needs a display.
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "sy-application.h"
#include "sy-backup.h"
#include "sy-demo.h"
#include "sy-test-db.h"
#include "sy-test-gui.h"
#include "sy-window.h"

static SyApplication *app;
static char *work;

static char *
office_name (void)
{
  return sy_database_get_setting (sy_application_get_database (app), "office-name");
}

static void
test_menu (void)
{
  g_autofree char *path = g_build_filename (work, "shared-gui.tar", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  AdwMessageDialog *dialog;
  SyWindow *window;
  SyDatabase *db;
  gint64 recipients;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  window = sy_test_current_window (GTK_APPLICATION (app));
  db = sy_application_get_database (app);
  g_assert_true (sy_database_is_postgres (db));
  before = office_name ();
  g_assert_nonnull (before);
  recipients = sy_test_query_int (app, "SELECT COUNT(*) FROM recipient");
  g_assert_cmpint (recipients, >, 0);

  /* Both are offered on a shared database. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "backup"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "restore"));

  sy_application_backup_to (app, file);
  g_assert_true (sy_application_is_backing_up (app));
  g_assert_true (sy_test_wait_until (sy_test_backup_idle, app, SY_TEST_TIMEOUT_MS));
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Backup Made"));
  sy_test_close_message_dialogs ();
  g_assert_true (sy_backup_verify (path, NULL, &error));
  g_assert_no_error (error);

  /* Changed after the backup. */
  g_assert_true (sy_database_set_setting (db, "office-name", "备份之后改的名字", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sy_database_execute (db, "UPDATE recipient SET name = '改过' WHERE id = "
                                            "(SELECT MIN(id) FROM recipient)", &error, NULL), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (sy_test_query_int (app, "SELECT COUNT(*) FROM recipient WHERE name = '改过'"), ==, 1);

  /* The confirmation says the whole office's shared data is replaced;
   * cancelled, nothing happens. */
  sy_application_restore_from (app, file);
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  {
    g_autofree char *expected = g_strdup_printf (_("Everything in the shared database and its attachments is "
                                                   "replaced by the backup %s, for every desk. Changes made "
                                                   "since that backup are lost, other desks' changes included."),
                                                 path);
    g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected);
  }
  sy_test_answer_dialog (dialog, "cancel");
  sy_test_close_message_dialogs ();
  g_assert_false (sy_application_is_backing_up (app));
  now = office_name ();
  g_assert_cmpstr (now, ==, "备份之后改的名字");
  g_clear_pointer (&now, g_free);

  /* Confirmed: replaced in place, the window stays. */
  sy_application_restore_from (app, file);
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  sy_test_answer_dialog (dialog, "restore");
  g_assert_true (sy_application_is_backing_up (app));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "restore"));
  g_assert_true (sy_test_wait_until (sy_test_backup_idle, app, SY_TEST_TIMEOUT_MS));
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Backup Restored"));
  sy_test_close_message_dialogs ();
  g_assert_true (sy_test_current_window (GTK_APPLICATION (app)) == window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_true (sy_application_get_database (app) == db);
  now = office_name ();
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  g_assert_cmpint (sy_test_query_int (app, "SELECT COUNT(*) FROM recipient"), ==, recipients);
  g_assert_cmpint (sy_test_query_int (app, "SELECT COUNT(*) FROM recipient WHERE name = '改过'"), ==, 0);
  g_assert_cmpint (sy_test_query_int (app, "SELECT COUNT(*) FROM audit_log WHERE action = 'restore'"), ==, 1);

  /* A damaged file: refused, nothing changed, the window still there. */
  g_assert_true (sy_database_set_setting (db, "office-name", "又改了", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "not a backup", -1, NULL));
  sy_application_restore_from (app, file);
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  sy_test_answer_dialog (dialog, "restore");
  g_assert_true (sy_test_wait_until (sy_test_backup_idle, app, SY_TEST_TIMEOUT_MS));
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Could Not Restore the Backup"));
  sy_test_close_message_dialogs ();
  now = office_name ();
  g_assert_cmpstr (now, ==, "又改了");
  g_assert_true (sy_test_current_window (GTK_APPLICATION (app)) == window);
  g_unlink (path);
}

static void
needs_server (void)
{
  g_test_skip ("needs the test PostgreSQL server (tests/pg/run-with-pg.sh)");
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *files = NULL;
  g_autofree char *uri = NULL;
  int status;

  sy_test_init (&argc, &argv);
  if (!sy_test_database_is_postgres ())
    {
      g_test_add_func ("/shared-backup/needs-server", needs_server);
      return g_test_run ();
    }
  work = g_dir_make_tmp ("sy-shared-backup-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(SyDatabase) db = sy_test_open_database (&files);

    g_assert_true (sy_demo_populate (db, 20261129, 2026, NULL, NULL, &error));
    g_assert_no_error (error);
    uri = g_strdup (sy_database_get_directory (db));
  }

  g_test_add_func ("/shared-backup/menu", test_menu);
  app = sy_application_new ();
  status = sy_test_run_application (app, uri);
  g_clear_object (&app);

  sy_test_remove_tree (files);
  sy_test_remove_tree (work);
  return status;
}
