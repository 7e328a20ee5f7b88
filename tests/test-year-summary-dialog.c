/* test-year-summary-dialog.c: the Year-End Summary dialog of the Plans page,
 * and opening a Word plan in the plan import dialog
 *
 * Runs SyApplication on a demo database, opens the dialog with
 * plans.year-summary (the button is on the Plans toolbar), saves the .odt
 * and the PDF through the worker thread and checks the files; a folder that
 * does not exist shows the error in the window.  Then a .docx (written with
 * zip, as in the CLI test) is loaded into the plan import dialog and its
 * outline previewed.  Last, the Sub-Unit Plans window lists the office's
 * towns and counts the one given a plan.  Needs a display.
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sy-application.h"
#include "sy-plan-import-dialog.h"
#include "sy-plans-page.h"
#include "sy-test-gui.h"
#include "sy-window.h"
#include "sy-year-summary-dialog.h"
#include "sy-unit-plans-dialog.h"

static SyApplication *app;
static char *db_dir;

static gboolean
idle_dialog (gpointer data)
{
  return !sy_year_summary_dialog_is_busy (data);
}

static void
on_finished (SyYearSummaryDialog *dialog, const char *message, char **out)
{
  g_free (*out);
  *out = g_strdup (message ? message : "");
}

static gboolean
has_result (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_summary (void)
{
  SyWindow *window;
  GtkWidget *page;
  SyYearSummaryDialog *dialog;
  g_autofree char *odt = g_build_filename (db_dir, "summary-test", NULL);  /* suffix added */
  g_autofree char *odt_real = g_strconcat (odt, ".odt", NULL);
  g_autofree char *pdf = g_build_filename (db_dir, "summary-test.pdf", NULL);
  g_autofree char *bad = g_build_filename (db_dir, "no", "such", "s.odt", NULL);
  char *result = NULL;
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  window = sy_test_current_window (GTK_APPLICATION (app));
  sy_window_set_view (window, "plans");
  page = sy_window_get_page (window, "plans");
  g_assert_nonnull (sy_test_find_action_button (page, "plans.year-summary"));

  g_assert_true (gtk_widget_activate_action (page, "plans.year-summary", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_YEAR_SUMMARY_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  dialog = SY_YEAR_SUMMARY_DIALOG (sy_test_find_toplevel (SY_TYPE_YEAR_SUMMARY_DIALOG));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &result);

  sy_year_summary_dialog_set_year (dialog, 2025);
  g_assert_true (sy_year_summary_dialog_get_odt (dialog));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "year-summary-dialog");
  {
    g_autoptr(GFile) file = g_file_new_for_path (odt);
    sy_year_summary_dialog_save_to (dialog, file);
  }
  g_assert_true (sy_year_summary_dialog_is_busy (dialog));
  g_assert_true (sy_test_wait_until (has_result, &result, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (result, ==, "");
  g_assert_true (sy_test_wait_until (idle_dialog, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_true (g_file_get_contents (odt_real, &data, &len, NULL));
  g_assert_cmpint (memcmp (data + 30, "mimetype", 8), ==, 0);
  g_clear_pointer (&result, g_free);

  sy_year_summary_dialog_set_odt (dialog, FALSE);
  {
    g_autoptr(GFile) file = g_file_new_for_path (pdf);
    sy_year_summary_dialog_save_to (dialog, file);
  }
  g_assert_true (sy_test_wait_until (has_result, &result, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (result, ==, "");
  g_clear_pointer (&data, g_free);
  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  g_assert_cmpint (memcmp (data, "%PDF", 4), ==, 0);
  g_clear_pointer (&result, g_free);

  sy_year_summary_dialog_set_odt (dialog, TRUE);
  {
    g_autoptr(GFile) file = g_file_new_for_path (bad);
    sy_year_summary_dialog_save_to (dialog, file);
  }
  g_assert_true (sy_test_wait_until (has_result, &result, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (result, !=, "");
  g_assert_nonnull (strstr (result, "s.odt"));
  g_assert_false (sy_year_summary_dialog_is_busy (dialog));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "year-summary-dialog-error");
  g_free (result);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
}

static gboolean
has_items (gpointer data)
{
  return sy_plan_import_dialog_is_parsed (data) && sy_plan_import_dialog_get_n_items (data) > 0;
}

static void
test_import_docx (void)
{
  static const char document[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
    "wordprocessingml/2006/main\"><w:body>"
    "<w:p><w:r><w:t>一、加强组</w:t></w:r><w:r><w:t>织领导</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>（一）调整领导小组</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>二、做好拥军优属</w:t></w:r></w:p>"
    "</w:body></w:document>";
  g_autofree char *dir = g_build_filename (db_dir, "docx", NULL);
  g_autofree char *word = g_build_filename (dir, "word", NULL);
  g_autofree char *xml = g_build_filename (word, "document.xml", NULL);
  g_autofree char *docx = g_build_filename (db_dir, "plan.docx", NULL);
  const char *zip_argv[] = { "zip", "-q", "-r", docx, "word", NULL };
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = sy_window_get_page (window, "plans");
  SyPlanImportDialog *dialog;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_cmpint (g_mkdir_with_parents (word, 0700), ==, 0);
  g_assert_true (g_file_set_contents (xml, document, -1, NULL));
  if (!g_spawn_sync (dir, (char **) zip_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, NULL)
      || status != 0)
    {
      g_test_skip ("zip is not installed");
      return;
    }

  g_assert_true (gtk_widget_activate_action (page, "plans.import", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_PLAN_IMPORT_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  dialog = SY_PLAN_IMPORT_DIALOG (sy_test_find_toplevel (SY_TYPE_PLAN_IMPORT_DIALOG));
  {
    g_autoptr(GFile) file = g_file_new_for_path (docx);
    sy_plan_import_dialog_load_file (dialog, file);
  }
  g_assert_true (sy_test_wait_until (has_items, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpuint (sy_plan_import_dialog_get_n_items (dialog), ==, 3);
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 0), ==, "一、");
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 1), ==, "（一）");
  sy_test_save_screenshot (GTK_WIDGET (dialog), "plan-import-docx");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "plan-import.cancel", NULL));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
}

static void
test_unit_plans (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = sy_window_get_page (window, "plans");
  SyDatabase *db = sy_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlan) plan = sy_plan_new ();
  SyUnitPlansDialog *dialog;
  gint64 n_towns = 0, town_id = 0;

  g_assert_true (sy_database_query_int64 (db, &n_towns, "SELECT COUNT(*) FROM unit WHERE parent_id = "
                                          "(SELECT MIN(id) FROM unit WHERE parent_id IS NULL)", &error, NULL));
  g_assert_true (sy_database_query_int64 (db, &town_id, "SELECT MAX(id) FROM unit WHERE parent_id = "
                                          "(SELECT MIN(id) FROM unit WHERE parent_id IS NULL)", &error, NULL));
  g_assert_no_error (error);
  sy_plan_set_unit_id (plan, town_id);
  sy_plan_set_year (plan, 2031);
  sy_plan_set_title (plan, "2031年双拥工作计划");
  g_assert_true (sy_database_insert (db, SY_RECORD (plan), &error));
  g_assert_no_error (error);

  g_assert_nonnull (sy_test_find_action_button (page, "plans.unit-plans"));
  g_assert_true (gtk_widget_activate_action (page, "plans.unit-plans", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_UNIT_PLANS_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  dialog = SY_UNIT_PLANS_DIALOG (sy_test_find_toplevel (SY_TYPE_UNIT_PLANS_DIALOG));
  sy_unit_plans_dialog_set_year (dialog, 2031);
  g_assert_cmpuint (sy_unit_plans_dialog_get_n_units (dialog), ==, n_towns);
  g_assert_cmpuint (sy_unit_plans_dialog_get_n_submitted (dialog), ==, 1);
  sy_test_save_screenshot (GTK_WIDGET (dialog), "unit-plans");
  sy_unit_plans_dialog_set_year (dialog, 2032);
  g_assert_cmpuint (sy_unit_plans_dialog_get_n_submitted (dialog), ==, 0);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
}

int
main (int argc, char *argv[])
{
  int status;

  sy_test_init (&argc, &argv);
  db_dir = sy_test_make_demo_database ("sy-year-summary-XXXXXX");

  g_test_add_func ("/year-summary-dialog/summary", test_summary);
  g_test_add_func ("/year-summary-dialog/import-docx", test_import_docx);
  g_test_add_func ("/year-summary-dialog/unit-plans", test_unit_plans);

  app = sy_application_new ();
  status = sy_test_run_application (app, db_dir);
  g_clear_object (&app);

  sy_test_remove_tree (db_dir);
  g_free (db_dir);
  return status;
}
