/* test-standards-dialog.c: the Subsidy Standards window
 *
 * Runs SyApplication on a demo database, opens the window over the main
 * window and works it as a user would: adds a standard by typing into the
 * form (with invalid input first), tries to edit one a paid run used (the
 * form opens only its end date, and a changed amount is refused with the
 * repo's message), supersedes it, deletes with confirmation, adds a top-up
 * rule and imports a file with a bad row.  Screenshots go to the build
 * directory.  Needs a display (xvfb-run).
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "sy-application.h"
#include "sy-standards-dialog.h"
#include "sy-test-gui.h"
#include "sy-window.h"

static SyApplication *app;
static char *db_dir;
static SyStandardsDialog *dialog;
static gint64 added_id;

static void
type_text (GtkWidget *entry, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
field (const char *name)
{
  GtkWidget *widget = sy_standards_dialog_get_field (dialog, name);

  g_assert_nonnull (widget);
  return widget;
}

static gint64
query_int (const char *sql)
{
  return sy_test_query_int (app, sql);
}

static SySubsidyStandard *
load_standard (gint64 id)
{
  g_autoptr(GError) error = NULL;
  SySubsidyStandard *s = sy_database_load (sy_application_get_database (app),
                                           SY_TYPE_SUBSIDY_STANDARD, id, &error);

  g_assert_no_error (error);
  return s;
}

static gboolean
action_enabled (const char *action)
{
  GtkWidget *button = sy_test_find_action_button (GTK_WIDGET (dialog), action);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* Answers the AdwMessageDialog now on screen with @response. */
static void
respond (const char *response)
{
  GtkWindow *message;

  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  message = sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_object_add_weak_pointer (G_OBJECT (message), (gpointer *) &message);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), response);
  /* Only the dialog's own buttons close it after the response. */
  gtk_window_destroy (message);
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &message, SY_TEST_TIMEOUT_MS));
}

static void
test_open (void)
{
  SyWindow *window;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  window = sy_test_current_window (GTK_APPLICATION (app));
  dialog = SY_STANDARDS_DIALOG (sy_standards_dialog_new (GTK_WINDOW (window),
                                                         sy_application_get_database (app)));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_STANDARDS_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  /* The demo's standards are listed, one selected and shown read-only. */
  g_assert_nonnull (sy_standards_dialog_get_selected (dialog));
  g_assert_false (gtk_widget_get_sensitive (field ("amount")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field ("kind"))), !=, "");
  g_assert_false (action_enabled ("standards.save"));
  g_assert_true (action_enabled ("standards.add"));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "standards-dialog");
}

static void
test_add (void)
{
  g_autoptr(SySubsidyStandard) stored = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "standards.add", NULL));
  g_assert_true (gtk_widget_get_sensitive (field ("amount")));
  type_text (field ("kind"), "测试补助");
  type_text (field ("category"), "重点优抚对象");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field ("grade")), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field ("nature")), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field ("hukou")), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field ("period")), 2);   /* 次 */

  /* Wrong input: a message under the field, Save off. */
  type_text (field ("amount"), "一千");
  type_text (field ("from"), "2031-02-30");
  g_assert_cmpstr (sy_standards_dialog_get_field_message (dialog, "amount"), !=, "");
  g_assert_cmpstr (sy_standards_dialog_get_field_message (dialog, "from"), !=, "");
  g_assert_false (action_enabled ("standards.save"));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "standards-dialog-invalid");

  type_text (field ("amount"), "1,234.50");
  type_text (field ("from"), "2031/1/1");
  type_text (field ("to"), "2030-12-31");
  g_assert_cmpstr (sy_standards_dialog_get_field_message (dialog, "amount"), ==, "");
  g_assert_cmpstr (sy_standards_dialog_get_field_message (dialog, "from"), ==, "");
  g_assert_cmpstr (sy_standards_dialog_get_field_message (dialog, "to"), !=, "");
  g_assert_false (action_enabled ("standards.save"));
  type_text (field ("to"), "");
  gtk_switch_set_active (GTK_SWITCH (field ("household")), TRUE);
  g_assert_true (action_enabled ("standards.save"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "standards.save", NULL));
  g_assert_cmpstr (sy_standards_dialog_get_message (dialog), ==, "");

  /* In the list, selected, and in the database as typed. */
  added_id = query_int ("SELECT MAX(id) FROM subsidy_standard WHERE kind = '测试补助'");
  g_assert_cmpint (added_id, >, 0);
  g_assert_nonnull (sy_standards_dialog_get_selected (dialog));
  g_assert_cmpint (sy_record_get_id (sy_standards_dialog_get_selected (dialog)), ==, added_id);
  stored = load_standard (added_id);
  g_assert_cmpint (sy_subsidy_standard_get_amount_fen (stored), ==, 123450);
  g_assert_cmpstr (sy_subsidy_standard_get_period (stored), ==, "次");
  g_assert_cmpstr (sy_subsidy_standard_get_effective_from (stored), ==, "2031-01-01");
  g_assert_null (sy_subsidy_standard_get_effective_to (stored));
  g_assert_null (sy_subsidy_standard_get_hukou (stored));
  g_assert_true (sy_subsidy_standard_get_per_household (stored));
  g_assert_false (gtk_widget_get_sensitive (field ("amount")));
}

/* An open-ended standard a paid run used, and the latest date it was paid. */
static gint64
paid_standard (char **paid_date)
{
  static const GType types[] = { G_TYPE_INT64, G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GdaDataModel) model = NULL;
  const GValue *id, *date;

  model = sy_database_select (sy_application_get_database (app),
                              "SELECT s.id, MAX(b.paid_date) FROM subsidy_standard s"
                              " JOIN disbursement_line l ON l.standard_id = s.id"
                              " JOIN disbursement_batch b ON b.id = l.batch_id"
                              " WHERE b.state = 'paid' AND s.effective_to IS NULL"
                              " GROUP BY s.id ORDER BY s.id LIMIT 1",
                              types, &error, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (gda_data_model_get_n_rows (model), ==, 1);
  id = gda_data_model_get_value_at (model, 0, 0, NULL);
  date = gda_data_model_get_value_at (model, 1, 0, NULL);
  *paid_date = g_value_dup_string (date);
  return g_value_get_int64 (id);
}

static void
test_edit_paid_refused (void)
{
  g_autofree char *paid_date = NULL;
  gint64 id = paid_standard (&paid_date);
  g_autoptr(SySubsidyStandard) before = load_standard (id);
  g_autoptr(SySubsidyStandard) after = NULL;
  const char *refusal;

  g_assert_true (sy_standards_dialog_select (dialog, id));
  g_assert_true (sy_standards_dialog_is_locked (dialog, id));
  g_assert_false (sy_standards_dialog_is_locked (dialog, added_id));

  /* Editing opens the end date only, and says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "standards.edit", NULL));
  g_assert_false (gtk_widget_get_sensitive (field ("amount")));
  g_assert_true (gtk_widget_get_sensitive (field ("to")));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "standards-dialog-locked");

  /* A new amount anyway (as a stale form might send): refused, shown. */
  type_text (field ("amount"), "1.00");
  g_assert_true (action_enabled ("standards.save"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "standards.save", NULL));
  refusal = g_dgettext (GETTEXT_PACKAGE, "This standard was used by a paid run and cannot be edited: "
                        "only its end date may change.  Supersede it with a new standard from a new "
                        "effective date.");
  g_assert_cmpstr (sy_standards_dialog_get_message (dialog), ==, refusal);
  after = load_standard (id);
  g_assert_cmpint (sy_subsidy_standard_get_amount_fen (after), ==,
                   sy_subsidy_standard_get_amount_fen (before));
  g_assert_cmpint (sy_record_get_version (SY_RECORD (after)), ==,
                   sy_record_get_version (SY_RECORD (before)));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "standards-dialog-refused");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "standards.cancel", NULL));
  g_assert_false (gtk_widget_get_sensitive (field ("to")));
}

static void
test_supersede (void)
{
  g_autofree char *paid_date = NULL;
  gint64 id = paid_standard (&paid_date);
  g_autofree char *new_from = g_strdup_printf ("%d-01-01", atoi (paid_date) + 1);
  g_autofree char *old_end = g_strdup_printf ("%d-12-31", atoi (paid_date));
  g_autoptr(SySubsidyStandard) old = NULL;
  g_autoptr(SySubsidyStandard) fresh = NULL;
  GtkWindow *message;
  GtkEditable *from_entry, *amount_entry;
  gint64 new_id;

  g_assert_true (sy_standards_dialog_select (dialog, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "standards.supersede", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  message = sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  from_entry = g_object_get_data (G_OBJECT (message), "from-entry");
  amount_entry = g_object_get_data (G_OBJECT (message), "amount-entry");
  g_assert_nonnull (from_entry);
  g_assert_nonnull (amount_entry);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (message), "supersede"));
  type_text (GTK_WIDGET (from_entry), "1999-01-01");   /* before the standard */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (message), "supersede"));
  type_text (GTK_WIDGET (from_entry), new_from);
  type_text (GTK_WIDGET (amount_entry), "99,999.00");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (message), "supersede"));
  sy_test_save_screenshot (GTK_WIDGET (message), "standards-supersede");
  respond ("supersede");

  g_assert_cmpstr (sy_standards_dialog_get_message (dialog), ==, "");
  old = load_standard (id);
  g_assert_cmpstr (sy_subsidy_standard_get_effective_to (old), ==, old_end);
  new_id = sy_record_get_id (sy_standards_dialog_get_selected (dialog));
  g_assert_cmpint (new_id, !=, id);
  fresh = load_standard (new_id);
  g_assert_cmpint (sy_subsidy_standard_get_amount_fen (fresh), ==, 9999900);
  g_assert_cmpstr (sy_subsidy_standard_get_effective_from (fresh), ==, new_from);
  g_assert_cmpstr (sy_subsidy_standard_get_kind (fresh), ==, sy_subsidy_standard_get_kind (old));
  /* Still locked, the old one; the new one not. */
  g_assert_true (sy_standards_dialog_is_locked (dialog, id));
  g_assert_false (sy_standards_dialog_is_locked (dialog, new_id));
}

static void
test_delete (void)
{
  g_autofree char *paid_date = NULL;
  gint64 used = paid_standard (&paid_date);
  g_autofree char *sql = NULL;

  /* Used by runs: refused with a message, nothing deleted. */
  g_assert_true (sy_standards_dialog_select (dialog, used));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "standards.delete", NULL));
  respond ("delete");
  g_assert_cmpstr (sy_standards_dialog_get_message (dialog), !=, "");
  sql = g_strdup_printf ("SELECT COUNT(*) FROM subsidy_standard WHERE id = %" G_GINT64_FORMAT, used);
  g_assert_cmpint (query_int (sql), ==, 1);

  /* Asked first: Cancel keeps it, Delete removes it. */
  g_assert_true (sy_standards_dialog_select (dialog, added_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "standards.delete", NULL));
  respond ("cancel");
  g_free (sql);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM subsidy_standard WHERE id = %" G_GINT64_FORMAT, added_id);
  g_assert_cmpint (query_int (sql), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "standards.delete", NULL));
  respond ("delete");
  g_assert_cmpint (query_int (sql), ==, 0);
  g_assert_false (sy_standards_dialog_select (dialog, added_id));
}

static void
test_topup (void)
{
  sy_standards_dialog_show_page (dialog, "topups");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "standards.add", NULL));
  type_text (field ("topup-kind"), "义务兵家庭优待金");
  type_text (field ("condition"), "测试条件");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field ("percent")), 150);
  type_text (field ("topup-from"), "2031-01-01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "standards.save", NULL));
  g_assert_cmpstr (sy_standards_dialog_get_message (dialog), ==, "");
  g_assert_cmpint (query_int ("SELECT percent FROM subsidy_topup WHERE condition = '测试条件'"), ==, 150);
  g_assert_nonnull (sy_standards_dialog_get_selected (dialog));
  g_assert_true (SY_IS_SUBSIDY_TOPUP (sy_standards_dialog_get_selected (dialog)));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "standards-dialog-topups");
}

static void
test_import_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sy-standards-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 before = query_int ("SELECT COUNT(*) FROM subsidy_standard");

  sy_standards_dialog_show_page (dialog, "standards");
  g_assert_true (g_file_set_contents (path,
                                      "类型,优抚类别,金额,周期,生效日期\n"
                                      "测试导入,重点优抚对象,100,次,2032-01-01\n"
                                      "测试导入,残疾军人,abc,次,2032-01-01\n", -1, NULL));
  sy_standards_dialog_import_file (dialog, file);
  g_assert_nonnull (strstr (sy_standards_dialog_get_message (dialog), "bad.csv:3: 金额: "));
  g_assert_cmpint (query_int ("SELECT COUNT(*) FROM subsidy_standard"), ==, before);
  sy_test_save_screenshot (GTK_WIDGET (dialog), "standards-dialog-import-errors");

  g_assert_true (g_file_set_contents (path,
                                      "类型,优抚类别,金额,周期,生效日期\n"
                                      "测试导入,重点优抚对象,100,次,2032-01-01\n", -1, NULL));
  sy_standards_dialog_import_file (dialog, file);
  g_assert_cmpint (query_int ("SELECT COUNT(*) FROM subsidy_standard"), ==, before + 1);
  g_assert_nonnull (strstr (sy_standards_dialog_get_message (dialog), "bad.csv"));
  g_unlink (path);
  g_rmdir (dir);

  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
}

int
main (int argc, char *argv[])
{
  sy_test_init (&argc, &argv);

  g_test_add_func ("/standards-dialog/open", test_open);
  g_test_add_func ("/standards-dialog/add", test_add);
  g_test_add_func ("/standards-dialog/edit-paid-refused", test_edit_paid_refused);
  g_test_add_func ("/standards-dialog/supersede", test_supersede);
  g_test_add_func ("/standards-dialog/delete", test_delete);
  g_test_add_func ("/standards-dialog/topup", test_topup);
  g_test_add_func ("/standards-dialog/import-errors", test_import_errors);

  return sy_test_run_on_demo (&app, &db_dir, "sy-standards-dialog-XXXXXX");
}
