/* test-assessment-window.c: the 考评 Coverage window
 *
 * Runs SyApplication on a demo database, opens the window from the primary
 * menu's action (win.assessment), checks the eight standards and the
 * coverage numbers the rows show against the database, adds a sub-item by
 * typing into the form (a duplicate code first: refused, the form comes back
 * with what was typed), and deletes it with confirmation.  Screenshots go to
 * the build directory (screenshot-coverage.png is the one in docs/).  Needs
 * a display (xvfb-run).
 */
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "sy-application.h"
#include "sy-assessment-window.h"
#include "sy-test-gui.h"
#include "sy-window.h"

static SyApplication *app;
static char *db_dir;
static SyAssessmentWindow *window;

static gint64
query_int (const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (sy_database_query_int64 (sy_application_get_database (app), &value, sql, &error, NULL));
  g_assert_no_error (error);
  return value;
}

static gboolean
form_open (gpointer data)
{
  return sy_assessment_window_get_field (window, "code") != NULL
         && gtk_widget_get_mapped (sy_assessment_window_get_field (window, "code"));
}

static gboolean
form_closed (gpointer data)
{
  return sy_assessment_window_get_field (window, "code") == NULL;
}

static AdwMessageDialog *
wait_for_message_dialog (void)
{
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  return ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* The mapped message dialog offering @response (a closed one may linger). */
static gboolean
find_dialog_with (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_mapped (l->data)
        && adw_message_dialog_has_response (l->data, data))
      {
        g_object_set_data (G_OBJECT (window), "found-dialog", l->data);
        return TRUE;
      }
  return FALSE;
}

static void
test_open (void)
{
  SyWindow *main_window;
  SyCoverage *coverage;
  guint evidence = 0;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  main_window = sy_test_current_window (GTK_APPLICATION (app));
  /* As the primary menu's item does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.assessment", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_ASSESSMENT_WINDOW),
                                     SY_TEST_TIMEOUT_MS));
  window = SY_ASSESSMENT_WINDOW (sy_test_find_toplevel (SY_TYPE_ASSESSMENT_WINDOW));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == GTK_WINDOW (main_window));

  g_assert_cmpuint (sy_assessment_window_get_n_standards (window), ==, 8);
  g_assert_cmpuint (sy_assessment_window_get_n_items (window), ==,
                    (guint) query_int ("SELECT COUNT(*) FROM assessment_item"));

  /* The demo links its evidence: the map counts it, the rows show it. */
  coverage = sy_assessment_window_get_coverage (window);
  g_assert_nonnull (coverage);
  for (guint i = 0; i < sy_coverage_get_n_items (coverage); i++)
    {
      SyAssessmentItem *item = sy_coverage_get_item (coverage, i);
      g_autofree char *number = g_strdup_printf (" %u", sy_coverage_get_total (coverage, i));
      const char *subtitle = sy_assessment_window_get_row_subtitle (window, sy_assessment_item_get_code (item));

      g_assert_nonnull (subtitle);
      g_assert_nonnull (strstr (subtitle, number));
      evidence += sy_coverage_get_total (coverage, i);
    }
  g_assert_cmpuint (evidence, >, 0);
  g_assert_cmpint (query_int ("SELECT COUNT(*) FROM assessment_link"), >, 0);

  g_assert_true (sy_assessment_window_select (window, "1"));
  sy_test_wait_for_frame (GTK_WIDGET (window));
  sy_test_save_screenshot (GTK_WIDGET (window), "coverage");
}

static void
test_add_sub_item (void)
{
  AdwMessageDialog *form;
  gint64 before = query_int ("SELECT COUNT(*) FROM assessment_item");
  g_autofree char *subtitle = NULL;

  g_assert_true (sy_assessment_window_select (window, "2"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "assessment.add-sub-item", NULL));
  g_assert_true (sy_test_wait_until (form_open, NULL, SY_TEST_TIMEOUT_MS));
  form = wait_for_message_dialog ();
  /* The code is proposed under the selected standard. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sy_assessment_window_get_field (window, "code"))), ==, "2.1");
  /* Nothing to save without a title. */
  g_assert_false (adw_message_dialog_get_response_enabled (form, "save"));

  /* A standard's code is taken: refused, and the form comes back as typed. */
  gtk_editable_set_text (GTK_EDITABLE (sy_assessment_window_get_field (window, "code")), "3");
  gtk_editable_set_text (GTK_EDITABLE (sy_assessment_window_get_field (window, "title")), "春节、八一走访慰问驻地部队");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (sy_assessment_window_get_field (window, "score")), 5);
  g_assert_true (adw_message_dialog_get_response_enabled (form, "save"));
  sy_test_save_screenshot (GTK_WIDGET (form), "coverage-add-sub-item");
  adw_message_dialog_response (form, "save");
  g_assert_true (sy_test_wait_until (form_open, NULL, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (sy_assessment_window_get_message (window), !=, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sy_assessment_window_get_field (window, "title"))), ==,
                   "春节、八一走访慰问驻地部队");
  g_assert_cmpint (query_int ("SELECT COUNT(*) FROM assessment_item"), ==, before);

  gtk_editable_set_text (GTK_EDITABLE (sy_assessment_window_get_field (window, "code")), "2.1");
  form = ADW_MESSAGE_DIALOG (gtk_widget_get_root (sy_assessment_window_get_field (window, "code")));
  adw_message_dialog_response (form, "save");
  g_assert_true (sy_test_wait_until (form_closed, NULL, SY_TEST_TIMEOUT_MS));

  g_assert_cmpint (query_int ("SELECT COUNT(*) FROM assessment_item"), ==, before + 1);
  g_assert_cmpint (query_int ("SELECT score FROM assessment_item WHERE code = '2.1'"), ==, 5);
  g_assert_cmpuint (sy_assessment_window_get_n_items (window), ==, (guint) before + 1);
  g_assert_cmpuint (sy_assessment_window_get_n_standards (window), ==, 8);
  subtitle = g_strdup (sy_assessment_window_get_row_subtitle (window, "2.1"));
  g_assert_nonnull (subtitle);
  g_assert_nonnull (strstr (subtitle, "5"));
  g_assert_cmpstr (sy_assessment_window_get_message (window), ==, "");
  sy_test_wait_for_frame (GTK_WIDGET (window));
  sy_test_save_screenshot (GTK_WIDGET (window), "coverage-sub-item-added");
}

static void
test_delete_sub_item (void)
{
  AdwMessageDialog *confirm;
  gint64 before = query_int ("SELECT COUNT(*) FROM assessment_item");

  /* Standards are not deleted from here. */
  g_assert_true (sy_assessment_window_select (window, "2"));
  g_assert_false (gtk_widget_get_sensitive (sy_test_find_action_button (GTK_WIDGET (window), "assessment.delete")));

  g_assert_true (sy_assessment_window_select (window, "2.1"));
  g_assert_true (gtk_widget_get_sensitive (sy_test_find_action_button (GTK_WIDGET (window), "assessment.delete")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "assessment.delete", NULL));
  g_assert_true (sy_test_wait_until (find_dialog_with, (gpointer) "delete", SY_TEST_TIMEOUT_MS));
  confirm = g_object_get_data (G_OBJECT (window), "found-dialog");
  adw_message_dialog_response (confirm, "delete");
  g_assert_cmpint (query_int ("SELECT COUNT(*) FROM assessment_item"), ==, before - 1);
  g_assert_null (sy_assessment_window_get_row_subtitle (window, "2.1"));

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &window, SY_TEST_TIMEOUT_MS));
}

int
main (int argc, char *argv[])
{
  int status;

  sy_test_init (&argc, &argv);

  db_dir = sy_test_make_demo_database ("sy-assessment-window-XXXXXX");

  g_test_add_func ("/assessment-window/open", test_open);
  g_test_add_func ("/assessment-window/add-sub-item", test_add_sub_item);
  g_test_add_func ("/assessment-window/delete-sub-item", test_delete_sub_item);

  app = sy_application_new ();
  status = sy_test_run_application (app, db_dir);
  g_clear_object (&app);

  sy_test_remove_tree (db_dir);
  g_free (db_dir);
  return status;
}
