/* test-plan-import-dialog.c: importing a plan from text on the Plans page
 *
 * Runs SyApplication on a demo database (as test-editor.c does), opens the
 * plan import dialog with plans.import, sets a text, waits for the preview,
 * imports, and checks that the Plans list has the new plan with its items;
 * text without an outline shows the error and cannot be imported.
 * Screenshots go to the build directory.  Needs a display (xvfb-run).
 */
#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "sy-application.h"
#include "sy-plan-import-dialog.h"
#include "sy-plans-page.h"
#include "sy-test-gui.h"
#include "sy-window.h"

static const char plan_text[] =
  "2031年某镇双拥工作计划\n"
  "\n"
  "为进一步做好双拥工作，结合本镇实际，制定本计划。\n"
  "\n"
  "一、加强组织领导\n"
  "（一）调整双拥工作领导小组\n"
  "（二）每季度召开一次领导小组会议\n"
  "二、做好拥军优属\n"
  "1、春节、八一走访慰问重点优抚对象\n"
  "2、按标准及时足额发放优待金\n"
  "三、开展国防教育\n";

static SyApplication *app;
static char *db_dir;

static gboolean
parsed (gpointer data)
{
  return sy_plan_import_dialog_is_parsed (data);
}

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
n_listed_plans (GtkWidget *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find_descendant (page, GTK_TYPE_COLUMN_VIEW));
  GtkSelectionModel *model = gtk_column_view_get_model (view);

  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

static SyPlanImportDialog *
open_dialog (GtkWidget *page)
{
  SyPlanImportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (page, "plans.import", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_PLAN_IMPORT_DIALOG), SY_TEST_TIMEOUT_MS));
  dialog = SY_PLAN_IMPORT_DIALOG (sy_test_find_toplevel (SY_TYPE_PLAN_IMPORT_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (sy_test_current_window (GTK_APPLICATION (app))));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  return dialog;
}

static void
test_garbage (void)
{
  SyWindow *window;
  GtkWidget *page;
  SyPlanImportDialog *dialog;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  window = sy_test_current_window (GTK_APPLICATION (app));
  sy_window_set_view (window, "plans");
  page = sy_window_get_page (window, "plans");
  dialog = open_dialog (page);

  g_assert_cmpint (sy_plan_import_dialog_get_year (dialog), ==, g_date_time_get_year (now));
  g_assert_false (sy_plan_import_dialog_can_import (dialog));

  sy_plan_import_dialog_set_text (dialog, "这是一段没有编号的文字。\n只是随手写的备注。\n");
  g_assert_false (sy_plan_import_dialog_can_import (dialog));
  g_assert_true (sy_test_wait_until (parsed, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpuint (sy_plan_import_dialog_get_n_items (dialog), ==, 0);
  g_assert_nonnull (sy_plan_import_dialog_get_error (dialog));
  g_assert_false (sy_plan_import_dialog_can_import (dialog));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "plan-import-error");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "plan-import.cancel", NULL));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
}

static void
test_import (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page;
  SyPlanImportDialog *dialog;
  SyDatabase *db = sy_application_get_database (app);
  g_autoptr(GError) error = NULL;
  guint listed_before;
  gint64 n_plans_before, n_plans, n_items;

  sy_window_set_view (window, "plans");
  page = sy_window_get_page (window, "plans");
  listed_before = n_listed_plans (page);
  g_assert_true (sy_database_query_int64 (db, &n_plans_before, "SELECT COUNT(*) FROM plan", &error, NULL));
  g_assert_no_error (error);

  dialog = open_dialog (page);
  sy_plan_import_dialog_set_year (dialog, 2031);
  sy_plan_import_dialog_set_text (dialog, plan_text);
  g_assert_true (sy_test_wait_until (parsed, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_null (sy_plan_import_dialog_get_error (dialog));
  g_assert_cmpuint (sy_plan_import_dialog_get_n_items (dialog), ==, 7);
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 0), ==, "一、");
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 1), ==, "（一）");
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 2), ==, "（二）");
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 3), ==, "二、");
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 4), ==, "1、");
  g_assert_true (sy_plan_import_dialog_can_import (dialog));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "plan-import-preview");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "plan-import.import", NULL));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));

  g_assert_true (sy_database_query_int64 (db, &n_plans, "SELECT COUNT(*) FROM plan", &error, NULL));
  g_assert_no_error (error);
  g_assert_cmpint (n_plans, ==, n_plans_before + 1);
  g_assert_true (sy_database_query_int64 (db, &n_items,
                                          "SELECT COUNT(*) FROM plan_item WHERE plan_id = "
                                          "(SELECT MAX(id) FROM plan WHERE year = 2031)",
                                          &error, NULL));
  g_assert_no_error (error);
  g_assert_cmpint (n_items, ==, 7);
  g_assert_cmpuint (n_listed_plans (page), ==, listed_before + 1);
  sy_test_save_screenshot (GTK_WIDGET (window), "plan-import-done");
}

int
main (int argc, char *argv[])
{
  int status;

  sy_test_init (&argc, &argv);

  db_dir = sy_test_make_demo_database ("sy-plan-import-XXXXXX");

  g_test_add_func ("/plan-import-dialog/garbage", test_garbage);
  g_test_add_func ("/plan-import-dialog/import", test_import);

  app = sy_application_new ();
  status = sy_test_run_application (app, db_dir);
  g_clear_object (&app);

  sy_test_remove_tree (db_dir);
  g_free (db_dir);
  return status;
}
