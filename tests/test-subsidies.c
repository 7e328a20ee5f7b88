/* test-subsidies.c: creating and approving a disbursement run in the Subsidies tab
 *
 * Runs SyApplication on a demo database (as test-editor.c does), goes to the
 * Subsidies tab, opens New Run, picks a kind in the combo row and types a
 * period (a wrong one first: refused with a message, Create disabled), waits
 * for the preview computed in the worker, creates the run and finds it
 * selected as a draft with its lines; adjusts a line (a reason required),
 * approves it through the button and checks the database and the page
 * (Approve gone and disabled, Mark Paid offered), withdraws the approval,
 * marks it paid (date checked, voucher required), applies a bank return
 * (a bad file changes nothing and names FILE:LINE), re-issues the failed
 * line, exports the rosters and the bank file in the worker, opens the
 * payment audit, and changes a kind's payment deadline there (the late
 * findings change, the change is logged, clearing it restores them).
 * Screenshots go to the build directory.  Needs a display (xvfb-run).
 */
#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "sy-application.h"
#include "sy-payment-audit-view.h"
#include "sy-run-dialog.h"
#include "sy-standards-dialog.h"
#include "sy-subsidies-page.h"
#include "sy-test-gui.h"
#include "sy-ui-util.h"
#include "sy-window.h"

/* A kind the demo pays monthly; it paid last year, not this year. */
#define KIND "定期生活补助"
/* A kind the demo paid last year in full through runs, after the first
 * day of each month (定期生活补助 was underpaid, so never "late"). */
#define DEADLINE_KIND "慰问金"

static SyApplication *app;
static char *db_dir;
static gint64 created_id;

/* --- helpers ------------------------------------------------------------------ */

static gboolean
has_label_with_text (GtkWidget  *widget,
                     const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_with_text (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static gboolean
idle (gpointer page)
{
  return !sy_subsidies_page_is_busy (SY_SUBSIDIES_PAGE (page));
}

static gboolean
previewed (gpointer data)
{
  return sy_run_dialog_is_previewed (data);
}

static gboolean
audit_done (gpointer data)
{
  return sy_payment_audit_view_is_done (data);
}

static GtkWidget *
subsidies_page (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));

  sy_window_set_view (window, "subsidies");
  return sy_window_get_page (window, "subsidies");
}

static SyDisbursementBatch *
load_batch (gint64 id)
{
  g_autoptr(GError) error = NULL;
  SyDisbursementBatch *batch = sy_database_load (sy_application_get_database (app),
                                                 SY_TYPE_DISBURSEMENT_BATCH, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (batch);
  return batch;
}

/* The lines of run @batch_id for which @condition (SQL) holds. */
static gint64
lines_where (gint64      batch_id,
             const char *condition)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM disbursement_line "
                                          "WHERE batch_id = %" G_GINT64_FORMAT " AND (%s)",
                                          batch_id, condition);

  return sy_test_query_int (app, sql);
}

static gint64
count_lines (gint64 batch_id)
{
  return lines_where (batch_id, "1");
}

static gint64
adjusted_lines (gint64 batch_id)
{
  return lines_where (batch_id, "adjust_reason IS NOT NULL OR amount_fen <> computed_fen");
}

static gint64
failed_lines (gint64 batch_id)
{
  return lines_where (batch_id, "status = 'failed'");
}

static GFile *
write_temp_file (const char *name,
                 const char *contents)
{
  g_autofree char *path = g_build_filename (db_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* Types into an entry row as a user would: the whole text replaced. */
static void
type_text (GtkWidget  *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static SyRunDialog *
open_run_dialog (GtkWidget *page)
{
  SyRunDialog *dialog;

  g_assert_true (gtk_widget_activate_action (page, "subsidies.new-run", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_RUN_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  dialog = SY_RUN_DIALOG (sy_test_find_toplevel (SY_TYPE_RUN_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog))
                 == GTK_WINDOW (sy_test_current_window (GTK_APPLICATION (app))));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  return dialog;
}


static GtkWidget *
lines_view (GtkWidget *page)
{
  GtkWidget *detail = sy_test_find_descendant (page, ADW_TYPE_PREFERENCES_PAGE, G_TYPE_INVALID);

  /* The payment list is the first table of the detail pane. */
  return sy_test_find_descendant (detail, GTK_TYPE_COLUMN_VIEW, G_TYPE_INVALID);
}

static AdwMessageDialog *
wait_message_dialog (void)
{
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  return ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* Answers @dialog as a click on @response would, and waits until it is gone. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
}

/* The entry rows of a message dialog's form, in order. */
static GtkWidget *
nth_entry_row (GtkWidget *widget,
               guint     *n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (child))
        {
          if ((*n)-- == 0)
            return child;
          continue;
        }
      if ((found = nth_entry_row (child, n)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
entry_row (AdwMessageDialog *dialog,
           guint             index)
{
  GtkWidget *row = nth_entry_row (GTK_WIDGET (dialog), &index);

  g_assert_nonnull (row);
  return row;
}

/* --- tests --------------------------------------------------------------------- */

static void
test_create (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *period = g_strdup_printf ("%d-Q1", g_date_time_get_year (now));
  g_autofree char *bad_period = g_strdup_printf ("%d-Q5", g_date_time_get_year (now));
  g_autoptr(SyDisbursementBatch) batch = NULL;
  SyWindow *window;
  GtkWidget *page, *combo, *period_row, *create_button;
  SyRunDialog *dialog;
  GListModel *kinds;
  guint kind_index = GTK_INVALID_LIST_POSITION;
  guint n_lines;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  window = sy_test_current_window (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  page = subsidies_page ();
  g_assert_true (gtk_widget_get_mapped (page));

  dialog = open_run_dialog (page);
  combo = sy_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, G_TYPE_INVALID);
  period_row = sy_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, G_TYPE_INVALID);
  create_button = sy_test_find_action_button (GTK_WIDGET (dialog), "run-dialog.create");
  g_assert_nonnull (combo);
  g_assert_nonnull (period_row);
  g_assert_nonnull (create_button);

  /* The kinds are the standards' kinds. */
  kinds = adw_combo_row_get_model (ADW_COMBO_ROW (combo));
  g_assert_nonnull (kinds);
  for (guint i = 0; i < g_list_model_get_n_items (kinds); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (kinds), i), KIND) == 0)
      kind_index = i;
  g_assert_cmpuint (kind_index, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), kind_index);
  g_assert_cmpstr (sy_run_dialog_get_kind (dialog), ==, KIND);
  /* A monthly kind defaults to the current quarter. */
  g_assert_nonnull (strstr (sy_run_dialog_get_period (dialog), "-Q"));

  /* A period that does not exist: said so at once, nothing to create. */
  type_text (period_row, bad_period);
  g_assert_nonnull (sy_run_dialog_get_error (dialog));
  g_assert_true (sy_test_wait_until (previewed, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_false (sy_run_dialog_can_create (dialog));
  g_assert_false (gtk_widget_get_sensitive (create_button));
  g_assert_true (gtk_widget_has_css_class (period_row, "error"));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "run-dialog-error");

  type_text (period_row, period);
  /* Nothing may be created that the preview has not shown yet. */
  g_assert_false (sy_run_dialog_can_create (dialog));
  g_assert_true (sy_test_wait_until (previewed, dialog, SY_TEST_TIMEOUT_MS));
  if (sy_run_dialog_get_error (dialog) != NULL)
    g_test_message ("preview: %s", sy_run_dialog_get_error (dialog));
  g_assert_null (sy_run_dialog_get_error (dialog));
  n_lines = sy_run_dialog_get_n_lines (dialog);
  g_assert_cmpuint (n_lines, >, 0);
  g_assert_cmpint (sy_run_dialog_get_total_fen (dialog), >, 0);
  g_assert_true (sy_run_dialog_can_create (dialog));
  g_assert_true (gtk_widget_get_sensitive (create_button));
  g_assert_false (gtk_widget_has_css_class (period_row, "error"));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "run-dialog");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_emit_by_name (create_button, "clicked");
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));

  /* The new run is selected in the list, a draft with the lines previewed. */
  created_id = sy_subsidies_page_get_selected_run (SY_SUBSIDIES_PAGE (page));
  g_assert_cmpint (created_id, >, 0);
  batch = load_batch (created_id);
  g_assert_cmpstr (sy_disbursement_batch_get_state (batch), ==, "draft");
  g_assert_cmpstr (sy_disbursement_batch_get_kind (batch), ==, KIND);
  g_assert_cmpstr (sy_disbursement_batch_get_period (batch), ==, period);
  g_assert_cmpint (count_lines (created_id), ==, n_lines);

  sy_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (has_label_with_text (page, sy_ui_status_label ("draft")));
  g_assert_true (has_label_with_text (page, sy_disbursement_batch_get_title (batch)));
  g_assert_true (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.approve")));
  g_assert_true (gtk_widget_get_visible (sy_test_find_action_button (page, "subsidies.approve")));
  g_assert_false (gtk_widget_get_visible (sy_test_find_action_button (page, "subsidies.mark-paid")));
  g_assert_false (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.mark-paid")));
  /* For the eyes (and docs/screenshots): the pane once the toast is gone,
   * and scrolled down to the people not paid. */
  g_assert_false (sy_test_wait_until (never, NULL, 5500));
  sy_test_save_screenshot (GTK_WIDGET (window), "subsidies-draft");
  {
    GtkWidget *detail = sy_test_find_descendant (page, ADW_TYPE_PREFERENCES_PAGE, G_TYPE_INVALID);
    GtkWidget *scrolled = sy_test_find_descendant (detail, GTK_TYPE_SCROLLED_WINDOW, G_TYPE_INVALID);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    sy_test_save_screenshot (GTK_WIDGET (window), "subsidies-excluded");
    gtk_adjustment_set_value (adjustment, 0);
  }
}

static void
test_adjust (void)
{
  GtkWidget *page = subsidies_page ();
  GtkWidget *view;
  GtkSingleSelection *lines;
  g_autoptr(SyDisbursementLine) line = NULL;
  g_autoptr(SyDisbursementLine) stored = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (sy_subsidies_page_select_run (SY_SUBSIDIES_PAGE (page), created_id));
  view = lines_view (page);
  lines = GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lines)), >, 0);
  /* Nothing is adjusted before a line is picked. */
  g_assert_false (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.adjust-line")));
  gtk_single_selection_set_selected (lines, 0);
  g_assert_true (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.adjust-line")));
  line = g_list_model_get_item (G_LIST_MODEL (lines), 0);

  g_assert_true (gtk_widget_activate_action (page, "subsidies.adjust-line", NULL));
  dialog = wait_message_dialog ();
  /* The amount is there; a reason is not, so nothing can be saved yet. */
  type_text (entry_row (dialog, 0), "12.3x");
  type_text (entry_row (dialog, 1), "补发上季度差额");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "adjust"));
  type_text (entry_row (dialog, 0), "12.34");
  type_text (entry_row (dialog, 1), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "adjust"));
  type_text (entry_row (dialog, 1), "补发上季度差额");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "adjust"));
  respond (dialog, "adjust");

  stored = sy_database_load (sy_application_get_database (app), SY_TYPE_DISBURSEMENT_LINE,
                             sy_record_get_id (SY_RECORD (line)), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sy_disbursement_line_get_amount_fen (stored), ==, 1234);
  g_assert_cmpstr (sy_disbursement_line_get_adjust_reason (stored), ==, "补发上季度差额");
  g_assert_cmpint (sy_disbursement_line_get_computed_fen (stored), ==, sy_disbursement_line_get_computed_fen (line));

  /* Recompute drops the adjustment: the user confirms first. */
  g_assert_true (gtk_widget_activate_action (page, "subsidies.recompute", NULL));
  dialog = wait_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1"));
  respond (dialog, "cancel");
  g_assert_false (sy_subsidies_page_is_busy (SY_SUBSIDIES_PAGE (page)));
  g_clear_object (&stored);
  stored = sy_database_load (sy_application_get_database (app), SY_TYPE_DISBURSEMENT_LINE,
                             sy_record_get_id (SY_RECORD (line)), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sy_disbursement_line_get_amount_fen (stored), ==, 1234);

  g_assert_true (gtk_widget_activate_action (page, "subsidies.recompute", NULL));
  dialog = wait_message_dialog ();
  adw_message_dialog_response (dialog, "recompute");
  /* In the worker, with the bar and Cancel meanwhile (checked before the
   * main loop runs again, so the worker cannot have finished). */
  g_assert_true (sy_subsidies_page_is_busy (SY_SUBSIDIES_PAGE (page)));
  g_assert_false (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.approve")));
  g_assert_true (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.cancel-job")));
  respond (dialog, "cancel");
  g_assert_true (sy_test_wait_until (idle, page, SY_TEST_TIMEOUT_MS));
  g_assert_cmpint (sy_subsidies_page_get_selected_run (SY_SUBSIDIES_PAGE (page)), ==, created_id);
  g_assert_cmpint (adjusted_lines (created_id), ==, 0);
  g_assert_cmpint (count_lines (created_id), >, 0);

  /* Delete asks first; cancelling keeps the draft. */
  g_assert_true (gtk_widget_activate_action (page, "subsidies.delete", NULL));
  respond (wait_message_dialog (), "cancel");
  g_clear_object (&stored);
  g_assert_cmpint (count_lines (created_id), >, 0);
}

static void
test_approve (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = subsidies_page ();
  g_autoptr(SyDisbursementBatch) approved = NULL;
  g_autoptr(SyDisbursementBatch) draft = NULL;
  GtkWidget *approve, *mark_paid, *unapprove;

  g_assert_cmpint (created_id, >, 0);
  g_assert_true (sy_subsidies_page_select_run (SY_SUBSIDIES_PAGE (page), created_id));
  approve = sy_test_find_action_button (page, "subsidies.approve");
  g_assert_true (gtk_widget_get_sensitive (approve));
  g_signal_emit_by_name (approve, "clicked");

  approved = load_batch (created_id);
  g_assert_cmpstr (sy_disbursement_batch_get_state (approved), ==, "approved");
  g_assert_nonnull (sy_disbursement_batch_get_approved_at (approved));
  g_assert_cmpint (sy_subsidies_page_get_selected_run (SY_SUBSIDIES_PAGE (page)), ==, created_id);

  /* The page shows it: the state, and only what an approved run allows. */
  sy_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (has_label_with_text (page, sy_ui_status_label ("approved")));
  g_assert_false (gtk_widget_get_sensitive (approve));
  g_assert_false (gtk_widget_get_visible (approve));
  mark_paid = sy_test_find_action_button (page, "subsidies.mark-paid");
  unapprove = sy_test_find_action_button (page, "subsidies.unapprove");
  g_assert_true (gtk_widget_get_sensitive (mark_paid));
  g_assert_true (gtk_widget_get_visible (mark_paid));
  g_assert_false (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.recompute")));
  g_assert_false (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.delete")));
  sy_test_save_screenshot (GTK_WIDGET (window), "subsidies-approved");

  /* Approve on an approved run does nothing, even when activated directly. */
  gtk_widget_activate_action (page, "subsidies.approve", NULL);
  g_clear_object (&approved);
  approved = load_batch (created_id);
  g_assert_cmpstr (sy_disbursement_batch_get_state (approved), ==, "approved");

  /* Withdrawing makes it a draft again, approvable again. */
  g_signal_emit_by_name (unapprove, "clicked");
  draft = load_batch (created_id);
  g_assert_cmpstr (sy_disbursement_batch_get_state (draft), ==, "draft");
  g_assert_true (gtk_widget_get_sensitive (approve));
  g_assert_true (has_label_with_text (page, sy_ui_status_label ("draft")));
}

static void
test_mark_paid (void)
{
  GtkWidget *page = subsidies_page ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GDateTime) tomorrow_time = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow = g_date_time_format (tomorrow_time, "%Y-%m-%d");
  g_autoptr(SyDisbursementBatch) batch = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (sy_subsidies_page_select_run (SY_SUBSIDIES_PAGE (page), created_id));
  g_assert_true (gtk_widget_activate_action (page, "subsidies.approve", NULL));
  g_assert_true (gtk_widget_activate_action (page, "subsidies.mark-paid", NULL));
  dialog = wait_message_dialog ();
  /* The date defaults to today; the voucher number is required. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (dialog, 0))), ==, today);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "paid"));
  type_text (entry_row (dialog, 1), "清财社〔2026〕7号");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "paid"));
  type_text (entry_row (dialog, 0), tomorrow);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "paid"));
  type_text (entry_row (dialog, 0), "2026-02-30");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "paid"));
  type_text (entry_row (dialog, 0), today);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "paid"));
  respond (dialog, "paid");

  batch = load_batch (created_id);
  g_assert_cmpstr (sy_disbursement_batch_get_state (batch), ==, "paid");
  g_assert_cmpstr (sy_disbursement_batch_get_paid_date (batch), ==, today);
  g_assert_cmpstr (sy_disbursement_batch_get_voucher_no (batch), ==, "清财社〔2026〕7号");
  g_assert_true (has_label_with_text (page, sy_ui_status_label ("paid")));
  /* A paid run takes a bank return; nothing failed yet, so nothing to re-issue. */
  g_assert_true (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.import-bank-return")));
  g_assert_false (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.reissue")));
  g_assert_false (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.unapprove")));
}

static void
test_bank_return (void)
{
  GtkWidget *page = subsidies_page ();
  SyDatabase *db = sy_application_get_database (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) lines = sy_queries_batch_lines (db, created_id, &error);
  g_autoptr(SyDisbursementLine) first = NULL;
  g_autoptr(SyDisbursementLine) second = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GFile) good = NULL;
  g_autoptr(SyDisbursementBatch) reissue = NULL;
  g_autofree char *bad_text = NULL;
  g_autofree char *good_text = NULL;
  AdwMessageDialog *dialog;
  gint64 reissue_id;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lines), >=, 2);
  first = g_list_model_get_item (lines, 0);
  second = g_list_model_get_item (lines, 1);
  g_assert_true (sy_subsidies_page_select_run (SY_SUBSIDIES_PAGE (page), created_id));

  /* One good row, then one the run does not have: nothing is marked, and
   * the dialog names the file and the line. */
  bad_text = g_strdup_printf ("账号,失败原因\n%s,账户已冻结\n6222000000000000999,户名不符\n",
                              sy_disbursement_line_get_account (first));
  bad = write_temp_file ("bad-return.csv", bad_text);
  g_assert_true (sy_subsidies_page_import_bank_return (SY_SUBSIDIES_PAGE (page), bad));
  g_assert_true (sy_test_wait_until (idle, page, SY_TEST_TIMEOUT_MS));
  dialog = wait_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "bad-return.csv:3"));
  respond (dialog, "close");
  g_assert_cmpint (failed_lines (created_id), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.reissue")));

  good_text = g_strdup_printf ("账号,失败原因\n%s,账户已冻结\n", sy_disbursement_line_get_account (second));
  good = write_temp_file ("return.csv", good_text);
  g_assert_true (sy_subsidies_page_import_bank_return (SY_SUBSIDIES_PAGE (page), good));
  g_assert_true (sy_test_wait_until (idle, page, SY_TEST_TIMEOUT_MS));
  g_assert_cmpint (failed_lines (created_id), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.reissue")));
  sy_test_save_screenshot (GTK_WIDGET (sy_test_current_window (GTK_APPLICATION (app))), "subsidies-paid");

  /* Re-issue: a new draft paying the failed line, selected. */
  g_assert_true (gtk_widget_activate_action (page, "subsidies.reissue", NULL));
  g_assert_true (sy_test_wait_until (idle, page, SY_TEST_TIMEOUT_MS));
  reissue_id = sy_subsidies_page_get_selected_run (SY_SUBSIDIES_PAGE (page));
  g_assert_cmpint (reissue_id, !=, created_id);
  reissue = load_batch (reissue_id);
  g_assert_cmpstr (sy_disbursement_batch_get_state (reissue), ==, "draft");
  g_assert_cmpint (sy_disbursement_batch_get_source_batch_id (reissue), ==, created_id);
  g_assert_cmpint (count_lines (reissue_id), ==, 1);
  g_assert_true (sy_subsidies_page_select_run (SY_SUBSIDIES_PAGE (page), created_id));
}

static gboolean
file_has_prefix (GFile      *file,
                 const char *prefix)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, NULL))
    return FALSE;
  return length >= strlen (prefix) && memcmp (contents, prefix, strlen (prefix)) == 0;
}

static void
test_exports (void)
{
  GtkWidget *page = subsidies_page ();
  g_autofree char *roster_path = g_build_filename (db_dir, "roster.pdf", NULL);
  g_autofree char *public_path = g_build_filename (db_dir, "public", NULL);
  g_autofree char *public_pdf = g_build_filename (db_dir, "public.pdf", NULL);
  g_autofree char *bank_path = g_build_filename (db_dir, "bank.csv", NULL);
  g_autoptr(GFile) roster = g_file_new_for_path (roster_path);
  g_autoptr(GFile) public = g_file_new_for_path (public_path);
  g_autoptr(GFile) public_with_suffix = g_file_new_for_path (public_pdf);
  g_autoptr(GFile) bank = g_file_new_for_path (bank_path);
  g_autofree char *csv = NULL;

  g_assert_true (sy_subsidies_page_select_run (SY_SUBSIDIES_PAGE (page), created_id));
  g_assert_true (sy_subsidies_page_export_roster (SY_SUBSIDIES_PAGE (page), roster, SY_MASK_INTERNAL));
  /* One job at a time. */
  g_assert_false (sy_subsidies_page_export_bank_file (SY_SUBSIDIES_PAGE (page), bank));
  g_assert_true (sy_test_wait_until (idle, page, SY_TEST_TIMEOUT_MS));
  g_assert_true (file_has_prefix (roster, "%PDF"));

  /* A name without .pdf gets it. */
  g_assert_true (sy_subsidies_page_export_roster (SY_SUBSIDIES_PAGE (page), public, SY_MASK_PUBLIC));
  g_assert_true (sy_test_wait_until (idle, page, SY_TEST_TIMEOUT_MS));
  g_assert_true (file_has_prefix (public_with_suffix, "%PDF"));

  g_assert_true (sy_subsidies_page_export_bank_file (SY_SUBSIDIES_PAGE (page), bank));
  g_assert_true (sy_test_wait_until (idle, page, SY_TEST_TIMEOUT_MS));
  g_assert_true (g_file_get_contents (bank_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "账号"));
  g_assert_null (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_standards (void)
{
  GtkWidget *page = subsidies_page ();
  GtkWindow *dialog;

  g_assert_true (gtk_widget_get_sensitive (sy_test_find_action_button (page, "subsidies.standards")));
  g_assert_true (gtk_widget_activate_action (page, "subsidies.standards", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_STANDARDS_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  dialog = sy_test_find_toplevel (SY_TYPE_STANDARDS_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog)
                 == GTK_WINDOW (sy_test_current_window (GTK_APPLICATION (app))));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (dialog);
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
}

static void
test_payment_audit (void)
{
  GtkWidget *page = subsidies_page ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  SyPaymentAuditView *view;
  SyPaymentAudit *audit;
  GtkDropDown *dropdown;
  guint n_findings;

  g_assert_true (gtk_widget_activate_action (page, "subsidies.payment-audit", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_PAYMENT_AUDIT_VIEW),
                                     SY_TEST_TIMEOUT_MS));
  view = SY_PAYMENT_AUDIT_VIEW (sy_test_find_toplevel (SY_TYPE_PAYMENT_AUDIT_VIEW));
  /* The year of the run in view (created this year). */
  g_assert_cmpint (sy_payment_audit_view_get_year (view), ==, g_date_time_get_year (now));
  g_assert_true (sy_test_wait_until (audit_done, view, SY_TEST_TIMEOUT_MS));
  g_assert_nonnull (sy_payment_audit_view_get_audit (view));

  /* Last year, which the demo paid (with some people missed or late). */
  sy_payment_audit_view_set_year (view, g_date_time_get_year (now) - 1);
  g_assert_false (sy_payment_audit_view_is_done (view));
  g_assert_true (sy_test_wait_until (audit_done, view, SY_TEST_TIMEOUT_MS));
  audit = sy_payment_audit_view_get_audit (view);
  g_assert_nonnull (audit);
  g_assert_cmpint (sy_payment_audit_get_year (audit), ==, g_date_time_get_year (now) - 1);
  g_assert_cmpuint (sy_payment_audit_get_n_checked (audit), >, 0);
  n_findings = g_list_model_get_n_items (sy_payment_audit_get_findings (audit));
  g_assert_cmpuint (sy_payment_audit_view_get_n_shown (view), ==, n_findings);
  sy_test_save_screenshot (GTK_WIDGET (view), "payment-audit");

  /* The problem filter shows only findings of that problem. */
  dropdown = GTK_DROP_DOWN (sy_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, G_TYPE_INVALID));
  g_assert_nonnull (dropdown);
  for (guint p = 0; p < 3; p++)
    {
      guint expected = 0;

      for (guint i = 0; i < n_findings; i++)
        {
          g_autoptr(SyPaymentFinding) finding = g_list_model_get_item (sy_payment_audit_get_findings (audit), i);
          expected += sy_payment_finding_get_problem (finding) == (SyPaymentProblem) p;
        }
      gtk_drop_down_set_selected (dropdown, p + 1);
      g_assert_cmpuint (sy_payment_audit_view_get_n_shown (view), ==, expected);
    }
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpuint (sy_payment_audit_view_get_n_shown (view), ==, n_findings);

  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (GTK_WINDOW (view));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &view, SY_TEST_TIMEOUT_MS));
}

/* The GtkEntry of the Deadlines dialog named after @kind ("" the default). */
static GtkWidget *
find_named_entry (GtkWidget  *widget,
                  const char *name)
{
  if (GTK_IS_ENTRY (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named_entry (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_late (SyPaymentAudit *audit)
{
  GListModel *findings = sy_payment_audit_get_findings (audit);
  guint late = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(SyPaymentFinding) finding = g_list_model_get_item (findings, i);

      late += sy_payment_finding_get_problem (finding) == SY_PAYMENT_LATE;
    }
  return late;
}

/* Opens the Deadlines dialog, types @days for DEADLINE_KIND and saves; waits for the
 * audit that follows and returns its late findings. */
static guint
save_deadline (SyPaymentAuditView *view,
               const char         *days)
{
  GtkWidget *dialog = sy_payment_audit_view_edit_deadlines (view);
  GtkWidget *entry = find_named_entry (dialog, DEADLINE_KIND);

  g_assert_nonnull (entry);
  g_assert_nonnull (find_named_entry (dialog, ""));
  /* Not a number of days: Save is disabled and the entry marked. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "a month");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "99999");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  gtk_editable_set_text (GTK_EDITABLE (entry), days);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  sy_test_save_screenshot (dialog, "payment-deadlines");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  /* Saving starts the audit again. */
  g_assert_false (sy_payment_audit_view_is_done (view));
  g_assert_true (sy_test_wait_until (audit_done, view, SY_TEST_TIMEOUT_MS));
  g_assert_nonnull (sy_payment_audit_view_get_audit (view));
  return count_late (sy_payment_audit_view_get_audit (view));
}

static void
test_deadlines (void)
{
  GtkWidget *page = subsidies_page ();
  SyDatabase *db = sy_application_get_database (app);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  SyPaymentAuditView *view;
  guint late_before, late_strict, late_after;
  gint64 logged = 0;
  int days = -1;

  g_assert_true (gtk_widget_activate_action (page, "subsidies.payment-audit", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_PAYMENT_AUDIT_VIEW),
                                     SY_TEST_TIMEOUT_MS));
  view = SY_PAYMENT_AUDIT_VIEW (sy_test_find_toplevel (SY_TYPE_PAYMENT_AUDIT_VIEW));
  g_assert_true (sy_test_wait_until (audit_done, view, SY_TEST_TIMEOUT_MS));
  sy_payment_audit_view_set_year (view, g_date_time_get_year (now) - 1);
  g_assert_true (sy_test_wait_until (audit_done, view, SY_TEST_TIMEOUT_MS));
  late_before = count_late (sy_payment_audit_view_get_audit (view));
  g_assert_true (sy_payment_audit_get_deadline_setting (db, DEADLINE_KIND, &days, &error));
  g_assert_cmpint (days, ==, -1);

  /* Due on the first day of the month: last year's payments of the kind
   * were made later, so they become late. */
  late_strict = save_deadline (view, "0");
  g_assert_cmpuint (late_strict, >, late_before);
  g_assert_true (sy_payment_audit_get_deadline_setting (db, DEADLINE_KIND, &days, &error));
  g_assert_cmpint (days, ==, 0);
  g_assert_true (sy_database_query_int64 (db, &logged,
                                          "SELECT COUNT(*) FROM audit_log WHERE action = 'update' "
                                          "AND entity = 'payment_deadline' AND instr (new_values, ##kind::string) > 0",
                                          &error, "kind", G_TYPE_STRING, DEADLINE_KIND, NULL));
  g_assert_no_error (error);
  g_assert_cmpint (logged, ==, 1);
  sy_test_save_screenshot (GTK_WIDGET (view), "payment-audit-deadlines");

  /* Empty: the kind follows the office's default again. */
  late_after = save_deadline (view, "");
  g_assert_cmpuint (late_after, ==, late_before);
  g_assert_true (sy_payment_audit_get_deadline_setting (db, DEADLINE_KIND, &days, &error));
  g_assert_cmpint (days, ==, -1);

  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (GTK_WINDOW (view));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &view, SY_TEST_TIMEOUT_MS));
}

/* --- search (issue 8) ------------------------------------------------------------ */

typedef struct {
  GtkWidget *list;
  guint      n;
} RowsWait;

static gboolean
shows_rows (gpointer data)
{
  RowsWait *w = data;
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (w->list)));

  return model != NULL && g_list_model_get_n_items (model) == w->n;
}

static guint
n_rows (GtkWidget *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (list))));
}

/* Types @text into @entry and waits (past the entry's delay) for @list to
 * show @n rows; @n must differ from what it shows now, or the wait proves
 * nothing. */
static void
search_for (GtkWidget  *entry,
            GtkWidget  *list,
            const char *text,
            guint       n)
{
  RowsWait w = { list, n };

  g_assert_cmpuint (n_rows (list), !=, n);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (sy_test_wait_until (shows_rows, &w, SY_TEST_TIMEOUT_MS));
}

/* The runs whose title, kind, period or voucher holds @text (ASCII case
 * ignored), or whose state is @state (NULL: none). */
static guint
runs_matching (const char *text,
               const char *state)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (sy_application_get_database (app), &n,
                                          "SELECT COUNT(*) FROM disbursement_batch "
                                          "WHERE instr (lower (title), lower (##t::string)) > 0 "
                                          "OR instr (lower (kind), lower (##t::string)) > 0 "
                                          "OR instr (lower (period), lower (##t::string)) > 0 "
                                          "OR instr (lower (coalesce (voucher_no, '')), lower (##t::string)) > 0 "
                                          "OR state = ##s::string",
                                          &error, "t", G_TYPE_STRING, text,
                                          "s", G_TYPE_STRING, state != NULL ? state : "", NULL));
  g_assert_no_error (error);
  return n;
}

static gboolean
focus_in (GtkWidget *window,
          GtkWidget *entry)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

/* Ctrl+F, then the runs narrowed by kind, state, voucher and period (any
 * case), a status page for no match, Escape to clear; the payment list by
 * name and by the end of the ID number only. */
static void
test_search (void)
{
  GtkWidget *window = GTK_WIDGET (sy_test_current_window (GTK_APPLICATION (app)));
  GtkWidget *page = subsidies_page ();
  GtkWidget *list = sy_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE);
  GtkWidget *entry = sy_test_find_descendant (page, GTK_TYPE_SEARCH_ENTRY, ADW_TYPE_PREFERENCES_PAGE);
  GtkWidget *detail = sy_test_find_descendant (page, ADW_TYPE_PREFERENCES_PAGE, G_TYPE_INVALID);
  GtkWidget *lines_entry = sy_test_find_descendant (detail, GTK_TYPE_SEARCH_ENTRY, G_TYPE_INVALID);
  GtkWidget *lines = lines_view (page);
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (list, GTK_TYPE_STACK));
  AdwStatusPage *empty = ADW_STATUS_PAGE (sy_test_find_descendant (GTK_WIDGET (stack), ADW_TYPE_STATUS_PAGE,
                                                                   G_TYPE_INVALID));
  g_autoptr(SyDisbursementBatch) created = load_batch (created_id);
  g_autofree char *period = g_ascii_strdown (sy_disbursement_batch_get_period (created), -1);
  const char *draft = sy_ui_status_label ("draft");
  guint all, n;

  g_assert_nonnull (list);
  g_assert_nonnull (entry);
  g_assert_nonnull (lines_entry);
  g_assert_nonnull (empty);
  all = sy_test_query_int (app, "SELECT COUNT(*) FROM disbursement_batch");
  g_assert_cmpuint (n_rows (list), ==, all);

  /* Ctrl+F from the list lands in the runs' search field. */
  gtk_widget_grab_focus (list);
  g_assert_false (focus_in (window, entry));
  g_assert_true (sy_test_press_shortcut (window, "<Control>f"));
  g_assert_true (focus_in (window, entry));

  /* By kind, by the state as shown (草稿), by voucher, by period. */
  n = runs_matching (DEADLINE_KIND, NULL);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, all);
  search_for (entry, list, DEADLINE_KIND, n);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  search_for (entry, list, "", all);
  n = runs_matching (draft, "draft");
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, all);
  search_for (entry, list, draft, n);
  search_for (entry, list, "", all);
  /* The voucher test_mark_paid () gave the run it created. */
  search_for (entry, list, "〔2026〕7号", runs_matching ("〔2026〕7号", NULL));
  g_assert_cmpuint (n_rows (list), ==, 1);
  g_assert_cmpint (sy_subsidies_page_get_selected_run (SY_SUBSIDIES_PAGE (page)), ==, created_id);
  search_for (entry, list, "", all);
  n = runs_matching (period, NULL);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, all);
  search_for (entry, list, period, n);
  sy_test_save_screenshot (window, "subsidies-search");

  /* Nothing matches: the status page says what was looked for. */
  search_for (entry, list, "没有这个批次", 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, _("No Matching Runs"));
  g_assert_nonnull (strstr (adw_status_page_get_description (empty), "“没有这个批次”"));
  g_assert_cmpint (sy_subsidies_page_get_selected_run (SY_SUBSIDIES_PAGE (page)), ==, 0);

  /* Escape in the field clears it: every run is back. */
  g_assert_true (focus_in (window, entry));
  g_assert_true (sy_test_press_shortcut (window, "Escape"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  {
    RowsWait w = { list, all };

    g_assert_true (sy_test_wait_until (shows_rows, &w, SY_TEST_TIMEOUT_MS));
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, _("No Disbursements"));

  /* A run asked for is shown even when the search hides it. */
  search_for (entry, list, "没有这个批次", 0);
  g_assert_true (sy_subsidies_page_select_run (SY_SUBSIDIES_PAGE (page), created_id));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (n_rows (list), ==, all);

  /* The payment list: by name, by the last digits of the ID number, but
   * not by the masked middle (that would tell it). */
  {
    guint n_lines = count_lines (created_id);
    g_autoptr(SyDisbursementLine) line = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (lines))), 0);
    const char *name = sy_disbursement_line_get_recipient_name (line);
    const char *id = sy_disbursement_line_get_id_number (line);
    g_autofree char *tail = g_strdup (id + strlen (id) - 4);
    g_autofree char *middle = g_strndup (id + 6, 8);
    g_autofree char *name_sql = g_strdup_printf ("recipient_id IN (SELECT id FROM recipient WHERE instr (name, '%s') > 0)", name);
    g_autofree char *tail_sql = g_strdup_printf ("recipient_id IN (SELECT id FROM recipient WHERE lower (id_number) LIKE '%%%s')", tail);

    g_assert_cmpuint (n_rows (lines), ==, n_lines);
    g_assert_cmpuint (n_lines, >, 1);
    n = lines_where (created_id, name_sql);
    g_assert_cmpuint (n, <, n_lines);
    search_for (lines_entry, lines, name, n);
    search_for (lines_entry, lines, "", n_lines);
    n = lines_where (created_id, tail_sql);
    g_assert_cmpuint (n, <, n_lines);
    search_for (lines_entry, lines, tail, n);
    search_for (lines_entry, lines, middle, 0);
    gtk_widget_grab_focus (lines_entry);
    g_assert_true (sy_test_press_shortcut (window, "Escape"));
    {
      RowsWait w = { lines, n_lines };

      g_assert_true (sy_test_wait_until (shows_rows, &w, SY_TEST_TIMEOUT_MS));
    }
  }
}

int
main (int argc, char *argv[])
{
  sy_test_init (&argc, &argv);

  g_test_add_func ("/subsidies/create", test_create);
  g_test_add_func ("/subsidies/adjust", test_adjust);
  g_test_add_func ("/subsidies/approve", test_approve);
  g_test_add_func ("/subsidies/mark-paid", test_mark_paid);
  g_test_add_func ("/subsidies/bank-return", test_bank_return);
  g_test_add_func ("/subsidies/exports", test_exports);
  g_test_add_func ("/subsidies/standards", test_standards);
  g_test_add_func ("/subsidies/payment-audit", test_payment_audit);
  g_test_add_func ("/subsidies/deadlines", test_deadlines);
  g_test_add_func ("/subsidies/search", test_search);

  return sy_test_run_on_demo (&app, &db_dir, "sy-subsidies-XXXXXX");
}
