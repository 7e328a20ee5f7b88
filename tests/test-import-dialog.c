/* test-import-dialog.c: the recipient import dialog and the export dialog
 *
 * Runs SyApplication on a demo database (as test-editor.c does), opens the
 * import dialog from the Recipients page and drives it without the file
 * chooser: a CSV with a bad and a new row (preview, Import insensitive until
 * rows are skipped, commit, counts, database), unreadable files and a
 * missing ID number column, a manual column mapping, a workbook whose
 * roster is on its second sheet, and an export.
 * Screenshots go to the build directory.  Needs a display (xvfb-run).
 */
#include <string.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <xlsxwriter.h>

#include "sy-application.h"
#include "sy-export-dialog.h"
#include "sy-import-dialog.h"
#include "sy-recipients-page.h"
#include "sy-test-gui.h"
#include "sy-window.h"

static SyApplication *app;
static char *db_dir;

static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = find_named (child, name)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
dialog_settled (gpointer data)
{
  SyImportDialog *dialog = data;

  return !sy_import_dialog_is_busy (dialog)
         && g_strcmp0 (sy_import_dialog_get_step (dialog), "busy") != 0;
}

static gboolean
dialog_validated (gpointer data)
{
  return dialog_settled (data) && sy_import_dialog_is_validated (data);
}

static GFile *
write_fixture (const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (db_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gint64
count_id (const char *id_number)
{
  SyDatabase *db = sy_application_get_database (app);
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (db, &n,
                                          "SELECT COUNT(*) FROM recipient WHERE id_number = ##id::string",
                                          &error, "id", G_TYPE_STRING, id_number, NULL));
  g_assert_no_error (error);
  return n;
}

static guint
view_rows (SyImportDialog *dialog)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find_named (GTK_WIDGET (dialog), "rows-view"));
  GtkSelectionModel *model = gtk_column_view_get_model (view);

  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

static SyImportDialog *
open_dialog (GtkWidget *page)
{
  g_assert_true (gtk_widget_activate_action (page, "recipients.import", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_IMPORT_DIALOG), SY_TEST_TIMEOUT_MS));
  return SY_IMPORT_DIALOG (sy_test_find_toplevel (SY_TYPE_IMPORT_DIALOG));
}

static void
close_dialog (GtkWindow *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (dialog);
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
}

static char *new_id;

static void
test_import (void)
{
  SyWindow *window;
  GtkWidget *page, *import_button, *skip, *problems;
  SyImportDialog *dialog;
  g_autoptr(GFile) file = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *messages = NULL;
  GDate birth;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  window = sy_test_current_window (GTK_APPLICATION (app));
  sy_window_set_view (window, "recipients");
  page = sy_window_get_page (window, "recipients");

  dialog = open_dialog (page);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (sy_import_dialog_get_step (dialog), ==, "choose");
  sy_test_save_screenshot (GTK_WIDGET (dialog), "import-choose");

  /* One row with a bad check character, one new valid person. */
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 1, G_DATE_AUGUST, 1927);
  new_id = sy_id_number_generate ("360426", &birth, 993);
  g_assert_cmpint (count_id (new_id), ==, 0);
  csv = g_strdup_printf ("姓名,身份证号,联系电话,所属村（社区）\r\n"
                         "错号甲,360426199101010072,13812341234,东村\r\n"
                         "新人乙,%s,13912345678,西村\r\n", new_id);
  file = write_fixture ("名单.csv", csv);
  sy_import_dialog_load_file (dialog, file);
  g_assert_true (sy_test_wait_until (dialog_validated, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (sy_import_dialog_get_step (dialog), ==, "preview");
  g_assert_null (sy_import_dialog_get_error (dialog));
  g_assert_cmpuint (sy_import_dialog_get_n_rows (dialog), ==, 2);
  g_assert_cmpuint (view_rows (dialog), ==, 2);
  g_assert_cmpint (sy_import_dialog_get_row_action (dialog, 0), ==, SY_IMPORT_ACTION_REJECTED);
  g_assert_cmpint (sy_import_dialog_get_row_action (dialog, 1), ==, SY_IMPORT_ACTION_ADDED);
  messages = sy_import_dialog_get_row_messages (dialog, 0);
  g_test_message ("row 1: %s", messages);
  g_assert_nonnull (strstr (messages, "身份证号"));
  g_assert_cmpuint (sy_import_dialog_get_count (dialog, SY_IMPORT_ACTION_REJECTED), ==, 1);
  g_assert_cmpuint (sy_import_dialog_get_count (dialog, SY_IMPORT_ACTION_ADDED), ==, 1);
  g_assert_cmpstr (gtk_drop_down_get_selected (sy_import_dialog_get_column_dropdown (dialog, 1))
                   == SY_RECIPIENT_FIELD_ID_NUMBER ? "id" : "other", ==, "id");

  /* Rows are rejected: no Import until they are skipped. */
  import_button = sy_test_find_action_button (GTK_WIDGET (dialog), "import.import");
  g_assert_nonnull (import_button);
  g_assert_true (gtk_widget_get_visible (import_button));
  g_assert_false (gtk_widget_is_sensitive (import_button));

  /* The filter leaves the problem rows. */
  problems = find_named (GTK_WIDGET (dialog), "problems-toggle");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (problems), TRUE);
  g_assert_cmpuint (view_rows (dialog), ==, 1);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (problems), FALSE);
  g_assert_cmpuint (view_rows (dialog), ==, 2);
  sy_test_save_screenshot (GTK_WIDGET (dialog), "import-preview");

  skip = find_named (GTK_WIDGET (dialog), "skip-switch");
  gtk_switch_set_active (GTK_SWITCH (skip), TRUE);
  g_assert_true (gtk_widget_is_sensitive (import_button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_true (sy_test_wait_until (dialog_settled, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (sy_import_dialog_get_step (dialog), ==, "result");
  g_assert_true (sy_import_dialog_get_committed (dialog));
  g_assert_cmpuint (sy_import_dialog_get_count (dialog, SY_IMPORT_ACTION_ADDED), ==, 1);
  g_assert_cmpuint (sy_import_dialog_get_count (dialog, SY_IMPORT_ACTION_REJECTED), ==, 1);
  sy_test_save_screenshot (GTK_WIDGET (dialog), "import-result");
  g_assert_cmpint (count_id (new_id), ==, 1);
  g_assert_cmpint (count_id ("360426199101010072"), ==, 0);
  close_dialog (GTK_WINDOW (dialog));

  /* The list has the new person (search for them). */
  {
    GtkWidget *search = sy_test_find_descendant (page, GTK_TYPE_SEARCH_ENTRY, ADW_TYPE_PREFERENCES_PAGE);
    GtkColumnView *view = GTK_COLUMN_VIEW (sy_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE));

    gtk_editable_set_text (GTK_EDITABLE (search), "新人乙");
    g_signal_emit_by_name (search, "search-changed");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 1);
    gtk_editable_set_text (GTK_EDITABLE (search), "");
    g_signal_emit_by_name (search, "search-changed");
  }
}

static void
test_file_errors (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = sy_window_get_page (window, "recipients");
  SyImportDialog *dialog = open_dialog (page);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/名单.csv");
  g_autoptr(GFile) not_xlsx = write_fixture ("坏.xlsx", "this is not a workbook");
  g_autoptr(GFile) no_id = write_fixture ("缺列.csv", "姓名,电话\n张三,13812341234\n");
  GtkWidget *import_button = sy_test_find_action_button (GTK_WIDGET (dialog), "import.import");

  sy_import_dialog_load_file (dialog, missing);
  g_assert_true (sy_test_wait_until (dialog_settled, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (sy_import_dialog_get_step (dialog), ==, "error");
  g_assert_nonnull (sy_import_dialog_get_error (dialog));
  g_test_message ("missing: %s", sy_import_dialog_get_error (dialog));

  sy_import_dialog_load_file (dialog, not_xlsx);
  g_assert_true (sy_test_wait_until (dialog_settled, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (sy_import_dialog_get_step (dialog), ==, "error");
  g_test_message ("not xlsx: %s", sy_import_dialog_get_error (dialog));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "import-error");

  /* No ID number column: shown on the preview, where the mapping can be
   * fixed; nothing to import. */
  sy_import_dialog_load_file (dialog, no_id);
  g_assert_true (sy_test_wait_until (dialog_settled, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (sy_import_dialog_get_step (dialog), ==, "preview");
  g_assert_nonnull (sy_import_dialog_get_error (dialog));
  g_assert_nonnull (strstr (sy_import_dialog_get_error (dialog), "身份证号"));
  g_test_message ("no id: %s", sy_import_dialog_get_error (dialog));
  g_assert_false (sy_import_dialog_is_validated (dialog));
  g_assert_false (gtk_widget_is_sensitive (import_button));
  close_dialog (GTK_WINDOW (dialog));
}

static void
test_manual_mapping (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = sy_window_get_page (window, "recipients");
  SyImportDialog *dialog = open_dialog (page);
  g_autofree char *id = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *messages = NULL;
  g_autoptr(GFile) file = NULL;
  GtkDropDown *dropdown;
  GDate birth;

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 15, G_DATE_MARCH, 1950);
  id = sy_id_number_generate ("120103", &birth, 871);
  csv = g_strdup_printf ("优抚对象名单\n姓名,证件号,备注\n手动丙,%s,手工对应\n", id);
  file = write_fixture ("手动.csv", csv);
  sy_import_dialog_load_file (dialog, file);
  g_assert_true (sy_test_wait_until (dialog_settled, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (sy_import_dialog_get_step (dialog), ==, "preview");
  g_assert_nonnull (sy_import_dialog_get_error (dialog));
  g_assert_false (sy_import_dialog_is_validated (dialog));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "import-unmapped");

  /* Neither title names an ID number, so the title line above the header
   * is not recognised as such: the user says where the titles are … */
  g_assert_null (sy_import_dialog_get_column_dropdown (dialog, 1));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (GTK_WIDGET (dialog), "header-dropdown")), 1);
  g_assert_true (sy_test_wait_until (dialog_settled, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_nonnull (sy_import_dialog_get_error (dialog));
  g_assert_cmpuint (sy_import_dialog_get_n_rows (dialog), ==, 1);

  /* … and which column holds the ID number. */
  dropdown = sy_import_dialog_get_column_dropdown (dialog, 1);
  g_assert_nonnull (dropdown);
  g_assert_cmpuint (gtk_drop_down_get_selected (sy_import_dialog_get_column_dropdown (dialog, 0)), ==,
                    SY_RECIPIENT_FIELD_NAME);
  gtk_drop_down_set_selected (dropdown, SY_RECIPIENT_FIELD_ID_NUMBER);
  g_assert_true (sy_test_wait_until (dialog_validated, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_null (sy_import_dialog_get_error (dialog));
  g_assert_cmpuint (sy_import_dialog_get_n_rows (dialog), ==, 1);
  g_assert_cmpint (sy_import_dialog_get_row_action (dialog, 0), ==, SY_IMPORT_ACTION_ADDED);
  messages = sy_import_dialog_get_row_messages (dialog, 0);
  g_assert_cmpstr (messages, ==, "");
  g_assert_true (gtk_widget_is_sensitive (sy_test_find_action_button (GTK_WIDGET (dialog), "import.import")));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "import-mapped");

  /* Back to "ignore": the error again. */
  gtk_drop_down_set_selected (dropdown, SY_RECIPIENT_FIELD_NONE);
  g_assert_true (sy_test_wait_until (dialog_settled, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_nonnull (sy_import_dialog_get_error (dialog));
  g_assert_false (gtk_widget_is_sensitive (sy_test_find_action_button (GTK_WIDGET (dialog), "import.import")));
  close_dialog (GTK_WINDOW (dialog));
  g_assert_cmpint (count_id (id), ==, 0);
}

/* A workbook as offices send it: a notes sheet first, the roster (under a
 * title line) second. */
static GFile *
write_two_sheets (const char *name, const char *added_id, const char *known_id)
{
  g_autofree char *path = g_build_filename (db_dir, name, NULL);
  lxw_workbook_options options = { .tmpdir = db_dir };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *notes = workbook_add_worksheet (wb, "填表说明");
  lxw_worksheet *roster = workbook_add_worksheet (wb, "花名册");

  g_assert_nonnull (wb);
  worksheet_write_string (notes, 0, 0, "填表说明", NULL);
  worksheet_write_string (notes, 1, 0, "一、请按第二页格式填写", NULL);
  worksheet_write_string (notes, 2, 0, "二、联系电话填手机号", NULL);

  worksheet_write_string (roster, 0, 0, "2026年优抚对象花名册", NULL);
  worksheet_write_string (roster, 1, 0, "姓名", NULL);
  worksheet_write_string (roster, 1, 1, "身份证号", NULL);
  worksheet_write_string (roster, 1, 2, "联系电话", NULL);
  worksheet_write_string (roster, 2, 0, "表二丁", NULL);
  worksheet_write_string (roster, 2, 1, added_id, NULL);
  worksheet_write_string (roster, 2, 2, "13711112222", NULL);
  /* The person test_import added, with a new phone number. */
  worksheet_write_string (roster, 3, 0, "新人乙", NULL);
  worksheet_write_string (roster, 3, 1, known_id, NULL);
  worksheet_write_string (roster, 3, 2, "13900001111", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return g_file_new_for_path (path);
}

static void
test_sheets (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = sy_window_get_page (window, "recipients");
  SyImportDialog *dialog = open_dialog (page);
  GtkWidget *sheet_dropdown = find_named (GTK_WIDGET (dialog), "sheet-dropdown");
  g_autofree char *id = NULL;
  g_autofree char *messages = NULL;
  g_autoptr(GFile) workbook = NULL;
  g_autoptr(GFile) csv = NULL;
  GDate birth;

  g_assert_nonnull (new_id);
  g_assert_nonnull (sheet_dropdown);
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 20, G_DATE_JUNE, 1962);
  id = sy_id_number_generate ("360426", &birth, 115);
  workbook = write_two_sheets ("两页.xlsx", id, new_id);

  /* The first sheet is read by default: it has no roster. */
  sy_import_dialog_load_file (dialog, workbook);
  g_assert_true (sy_test_wait_until (dialog_settled, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (sy_import_dialog_get_step (dialog), ==, "preview");
  g_assert_cmpuint (sy_import_dialog_get_n_sheets (dialog), ==, 2);
  g_assert_cmpint (sy_import_dialog_get_sheet (dialog), ==, 0);
  g_assert_true (gtk_widget_is_visible (sheet_dropdown));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (sheet_dropdown)), ==, 0);
  g_assert_nonnull (sy_import_dialog_get_error (dialog));
  g_assert_nonnull (strstr (sy_import_dialog_get_error (dialog), "身份证号"));
  g_test_message ("notes sheet: %s", sy_import_dialog_get_error (dialog));
  g_assert_false (sy_import_dialog_is_validated (dialog));
  g_assert_false (gtk_widget_is_sensitive (sy_test_find_action_button (GTK_WIDGET (dialog), "import.import")));

  /* The roster: its own header line (under the title) and mapping. */
  sy_import_dialog_select_sheet (dialog, 1);
  g_assert_true (sy_import_dialog_is_busy (dialog));
  g_assert_true (sy_test_wait_until (dialog_validated, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (sy_import_dialog_get_step (dialog), ==, "preview");
  g_assert_cmpint (sy_import_dialog_get_sheet (dialog), ==, 1);
  g_assert_null (sy_import_dialog_get_error (dialog));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (find_named (GTK_WIDGET (dialog),
                                                                           "header-dropdown"))), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (sy_import_dialog_get_column_dropdown (dialog, 1)), ==,
                    SY_RECIPIENT_FIELD_ID_NUMBER);
  g_assert_cmpuint (sy_import_dialog_get_n_rows (dialog), ==, 2);
  g_assert_cmpuint (view_rows (dialog), ==, 2);
  g_assert_cmpint (sy_import_dialog_get_row_action (dialog, 0), ==, SY_IMPORT_ACTION_ADDED);
  g_assert_cmpint (sy_import_dialog_get_row_action (dialog, 1), ==, SY_IMPORT_ACTION_UPDATED);
  messages = sy_import_dialog_get_row_messages (dialog, 0);
  g_assert_cmpstr (messages, ==, "");
  g_assert_cmpuint (sy_import_dialog_get_count (dialog, SY_IMPORT_ACTION_ADDED), ==, 1);
  g_assert_cmpuint (sy_import_dialog_get_count (dialog, SY_IMPORT_ACTION_UPDATED), ==, 1);
  g_assert_cmpuint (sy_import_dialog_get_count (dialog, SY_IMPORT_ACTION_REJECTED), ==, 0);
  g_assert_true (gtk_widget_is_sensitive (sy_test_find_action_button (GTK_WIDGET (dialog), "import.import")));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "import-sheet");

  /* Back to the notes: the problem again, nothing to import. */
  sy_import_dialog_select_sheet (dialog, 0);
  g_assert_true (sy_test_wait_until (dialog_settled, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpint (sy_import_dialog_get_sheet (dialog), ==, 0);
  g_assert_nonnull (sy_import_dialog_get_error (dialog));
  g_assert_false (sy_import_dialog_is_validated (dialog));

  /* A CSV file has no sheets to choose. */
  csv = write_fixture ("无表.csv", "姓名,身份证号\n张三,360426199101010072\n");
  sy_import_dialog_load_file (dialog, csv);
  g_assert_true (sy_test_wait_until (dialog_settled, dialog, SY_TEST_TIMEOUT_MS));
  g_assert_cmpuint (sy_import_dialog_get_n_sheets (dialog), ==, 0);
  g_assert_cmpint (sy_import_dialog_get_sheet (dialog), ==, -1);
  g_assert_false (gtk_widget_is_visible (sheet_dropdown));
  close_dialog (GTK_WINDOW (dialog));
  g_assert_cmpint (count_id (id), ==, 0);
}

static guint exported_rows;
static char *export_error;
static gboolean export_finished;

static void
on_export_finished (SyExportDialog *dialog, guint n_rows, const char *message, gpointer data)
{
  exported_rows = n_rows;
  export_error = g_strdup (message);
  export_finished = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_export (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = sy_window_get_page (window, "recipients");
  g_autofree char *name = sy_export_dialog_default_name (SY_MASK_PUBLIC);
  g_autofree char *path = g_build_filename (db_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SyExportDialog *dialog;

  g_assert_cmpstr (name, ==, "优抚对象-公示.xlsx");
  g_assert_true (gtk_widget_activate_action (page, "recipients.export", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_EXPORT_DIALOG), SY_TEST_TIMEOUT_MS));
  dialog = SY_EXPORT_DIALOG (sy_test_find_toplevel (SY_TYPE_EXPORT_DIALOG));
  g_assert_cmpint (sy_export_dialog_get_profile (dialog), ==, SY_MASK_PUBLIC);
  sy_test_save_screenshot (GTK_WIDGET (dialog), "export-dialog");
  sy_export_dialog_set_profile (dialog, SY_MASK_BANK);
  g_assert_cmpint (sy_export_dialog_get_profile (dialog), ==, SY_MASK_BANK);
  sy_export_dialog_set_profile (dialog, SY_MASK_PUBLIC);

  g_signal_connect (dialog, "finished", G_CALLBACK (on_export_finished), NULL);
  sy_export_dialog_export_to (dialog, file);
  g_assert_true (sy_test_wait_until (flag_set, &export_finished, SY_TEST_TIMEOUT_MS));
  g_assert_null (export_error);
  g_assert_cmpuint (exported_rows, >, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  sy_test_save_screenshot (GTK_WIDGET (window), "export-toast");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* Only the dialog's own buttons close it after the response. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
  g_free (export_error);
}

int
main (int argc, char *argv[])
{
  int status;

  sy_test_init (&argc, &argv);

  db_dir = sy_test_make_demo_database ("sy-import-dialog-XXXXXX");

  g_test_add_func ("/import-dialog/import", test_import);
  g_test_add_func ("/import-dialog/file-errors", test_file_errors);
  g_test_add_func ("/import-dialog/manual-mapping", test_manual_mapping);
  g_test_add_func ("/import-dialog/sheets", test_sheets);
  g_test_add_func ("/import-dialog/export", test_export);

  app = sy_application_new ();
  status = sy_test_run_application (app, db_dir);
  g_clear_object (&app);

  g_free (new_id);
  sy_test_remove_tree (db_dir);
  g_free (db_dir);
  return status;
}
