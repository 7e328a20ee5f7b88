/* test-editor.c: the recipient editor and the Recipients page's edit actions
 *
 * Runs SyApplication on a demo database (as test-gui.c does), opens the
 * editor on the selected person, types an invalid and then a valid ID
 * number, adds a category with its eligibility dates and top-up conditions
 * (checked stored and shown again), saves, checks the list, and deletes
 * with confirmation.
 * Screenshots go to the build directory.  Needs a display (xvfb-run).
 */
#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "sy-application.h"
#include "sy-recipient-editor.h"
#include "sy-recipients-page.h"
#include "sy-test-gui.h"
#include "sy-window.h"

static SyApplication *app;
static char *db_dir;

/* The inline message must be a row of the group's list right below its
 * field (not a label at the bottom of the group), red while it shows an
 * error, with the field itself marked. */
static void
assert_message_row (SyRecipientEditor *ed,
                    const char        *field,
                    gboolean           shown)
{
  GtkWidget *entry = GTK_WIDGET (sy_recipient_editor_get_entry (ed, field));
  GtkWidget *row = gtk_widget_get_next_sibling (entry);

  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_true (gtk_widget_get_parent (row) == gtk_widget_get_parent (entry));
  g_assert_true (GTK_IS_LIST_BOX (gtk_widget_get_parent (row)));
  g_assert_cmpint (gtk_widget_get_visible (row), ==, shown);
  g_assert_cmpint (gtk_widget_has_css_class (entry, "error"), ==, shown);
  if (shown)
    {
      g_assert_true (gtk_widget_has_css_class (row, "error"));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       sy_recipient_editor_get_message (ed, field));
    }
}

static gboolean
model_has_rows (gpointer data)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (data));

  return G_IS_LIST_MODEL (model) && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
}

static SyRecipient *
selected_person (GtkColumnView *view)
{
  GtkSelectionModel *model = gtk_column_view_get_model (view);

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
}

static void
type_text (GtkEditable *entry, const char *text)
{
  gtk_editable_set_text (entry, text);
  g_main_context_iteration (NULL, FALSE);
}

static gint64 edited_id;

static void
test_edit (void)
{
  SyWindow *window;
  GtkWidget *page, *save;
  GtkColumnView *view;
  SyRecipientEditor *editor;
  SyRecipient *person;
  g_autofree char *new_id = NULL;
  GDate birth;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  window = sy_test_current_window (GTK_APPLICATION (app));
  sy_window_set_view (window, "recipients");
  page = sy_window_get_page (window, "recipients");
  view = GTK_COLUMN_VIEW (sy_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE));
  g_assert_nonnull (view);
  g_assert_true (sy_test_wait_until (model_has_rows, view, SY_TEST_TIMEOUT_MS));
  sy_test_save_screenshot (GTK_WIDGET (window), "recipients-editable");

  person = selected_person (view);
  g_assert_nonnull (person);
  edited_id = sy_record_get_id (SY_RECORD (person));
  g_assert_true (gtk_widget_activate_action (page, "recipients.edit", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_RECIPIENT_EDITOR), SY_TEST_TIMEOUT_MS));
  editor = SY_RECIPIENT_EDITOR (sy_test_find_toplevel (SY_TYPE_RECIPIENT_EDITOR));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  save = sy_test_find_action_button (GTK_WIDGET (editor), "editor.save");
  g_assert_nonnull (save);
  g_assert_cmpstr (gtk_editable_get_text (sy_recipient_editor_get_entry (editor, "name")), ==,
                   sy_recipient_get_name (person));
  g_assert_true (sy_recipient_editor_is_valid (editor));
  sy_test_save_screenshot (GTK_WIDGET (editor), "editor");

  /* A bad check character: message under the field, Save off. */
  type_text (sy_recipient_editor_get_entry (editor, "id-number"), "360426199101010072");
  g_assert_false (sy_recipient_editor_is_valid (editor));
  g_assert_cmpstr (sy_recipient_editor_get_message (editor, "id-number"), !=, "");
  assert_message_row (editor, "id-number", TRUE);
  g_assert_false (gtk_widget_is_sensitive (save));
  sy_test_save_screenshot (GTK_WIDGET (editor), "editor-invalid");

  /* What Excel makes of the number: refused too. */
  type_text (sy_recipient_editor_get_entry (editor, "id-number"), "3.60426E+17");
  g_assert_false (sy_recipient_editor_is_valid (editor));
  g_assert_cmpstr (sy_recipient_editor_get_message (editor, "id-number"), !=, "");

  type_text (sy_recipient_editor_get_entry (editor, "phone"), "12345");
  g_assert_cmpstr (sy_recipient_editor_get_message (editor, "phone"), !=, "");
  assert_message_row (editor, "phone", TRUE);
  type_text (sy_recipient_editor_get_entry (editor, "phone"), "138 1234 1234");
  g_assert_cmpstr (sy_recipient_editor_get_message (editor, "phone"), ==, "");
  assert_message_row (editor, "phone", FALSE);

  /* A valid, unused number: Save on, birth date filled in from it. */
  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 7, G_DATE_JULY, 1937);
  new_id = sy_id_number_generate ("360426", &birth, 995);
  type_text (sy_recipient_editor_get_entry (editor, "id-number"), new_id);
  g_assert_cmpstr (sy_recipient_editor_get_message (editor, "id-number"), ==, "");
  assert_message_row (editor, "id-number", FALSE);
  g_assert_true (sy_recipient_editor_is_valid (editor));
  g_assert_true (gtk_widget_is_sensitive (save));
  g_assert_cmpstr (gtk_editable_get_text (sy_recipient_editor_get_entry (editor, "birth-date")), ==,
                   "1937-07-07");
  type_text (sy_recipient_editor_get_entry (editor, "name"), "测试编辑");
  sy_test_save_screenshot (GTK_WIDGET (editor), "editor-valid");

  /* A new category with its eligibility span and top-up conditions. */
  {
    SyDatabase *db = sy_application_get_database (app);
    g_autoptr(GListModel) held = sy_queries_recipient_categories (db, edited_id, NULL);
    guint n = held != NULL ? g_list_model_get_n_items (held) : 0;
    g_autofree char *from = g_strdup_printf ("category.%u.valid-from", n);
    g_autofree char *to = g_strdup_printf ("category.%u.valid-to", n);
    g_autofree char *topups = g_strdup_printf ("category.%u.topups", n);
    g_autofree char *validity = g_strdup_printf ("category.%u.validity", n);

    g_assert_null (sy_recipient_editor_get_entry (editor, from));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-category", NULL));
    g_assert_nonnull (sy_recipient_editor_get_entry (editor, from));
    type_text (sy_recipient_editor_get_entry (editor, from), "2020/3/1");
    type_text (sy_recipient_editor_get_entry (editor, to), "2019-12-31");
    g_assert_cmpstr (sy_recipient_editor_get_message (editor, validity), !=, "");
    g_assert_false (sy_recipient_editor_is_valid (editor));
    g_assert_false (gtk_widget_is_sensitive (save));
    type_text (sy_recipient_editor_get_entry (editor, to), "not a date");
    g_assert_cmpstr (sy_recipient_editor_get_message (editor, validity), !=, "");
    type_text (sy_recipient_editor_get_entry (editor, to), "2030-12-31");
    g_assert_cmpstr (sy_recipient_editor_get_message (editor, validity), ==, "");
    type_text (sy_recipient_editor_get_entry (editor, topups), "进藏进疆，二等功 ");
    g_assert_true (sy_recipient_editor_is_valid (editor));
    {
      /* Scrolled to the categories, for the human looking at it. */
      GtkWidget *scrolled = sy_test_find_descendant (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW,
                                                     G_TYPE_INVALID);
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      sy_test_wait_for_frame (GTK_WIDGET (editor));
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    }
    sy_test_save_screenshot (GTK_WIDGET (editor), "editor-category-validity");
  }

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &editor, SY_TEST_TIMEOUT_MS));

  /* The list shows the change, with the same person still selected. */
  person = selected_person (view);
  g_assert_nonnull (person);
  g_assert_cmpint (sy_record_get_id (SY_RECORD (person)), ==, edited_id);
  g_assert_cmpstr (sy_recipient_get_name (person), ==, "测试编辑");
  g_assert_cmpstr (sy_recipient_get_id_number (person), ==, new_id);
  g_assert_cmpstr (sy_recipient_get_phone (person), ==, "13812341234");
  sy_test_wait_for_frame (GTK_WIDGET (window));
  sy_test_save_screenshot (GTK_WIDGET (window), "recipients-after-edit");

  /* The category's new fields were stored, normalised, and come back. */
  {
    SyDatabase *db = sy_application_get_database (app);
    g_autoptr(GListModel) held = sy_queries_recipient_categories (db, edited_id, NULL);
    guint n = g_list_model_get_n_items (held);
    g_autoptr(SyRecipientCategory) last = g_list_model_get_item (held, n - 1);
    g_autofree char *from = g_strdup_printf ("category.%u.valid-from", n - 1);
    g_autofree char *to = g_strdup_printf ("category.%u.valid-to", n - 1);
    g_autofree char *topups = g_strdup_printf ("category.%u.topups", n - 1);

    g_assert_cmpstr (sy_recipient_category_get_valid_from (last), ==, "2020-03-01");
    g_assert_cmpstr (sy_recipient_category_get_valid_to (last), ==, "2030-12-31");
    g_assert_cmpstr (sy_recipient_category_get_topups (last), ==, "进藏进疆、二等功");

    g_assert_true (gtk_widget_activate_action (page, "recipients.edit", NULL));
    g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_RECIPIENT_EDITOR), SY_TEST_TIMEOUT_MS));
    editor = SY_RECIPIENT_EDITOR (sy_test_find_toplevel (SY_TYPE_RECIPIENT_EDITOR));
    g_assert_cmpstr (gtk_editable_get_text (sy_recipient_editor_get_entry (editor, from)), ==, "2020-03-01");
    g_assert_cmpstr (gtk_editable_get_text (sy_recipient_editor_get_entry (editor, to)), ==, "2030-12-31");
    g_assert_cmpstr (gtk_editable_get_text (sy_recipient_editor_get_entry (editor, topups)), ==,
                     "进藏进疆、二等功");
    g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
    gtk_window_close (GTK_WINDOW (editor));
    g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &editor, SY_TEST_TIMEOUT_MS));
  }
}

static void
test_status_dialog (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = sy_window_get_page (window, "recipients");
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (page, "recipients.change-status", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), SY_TEST_TIMEOUT_MS));
  dialog = sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  sy_test_save_screenshot (GTK_WIDGET (dialog), "status-dialog");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* Only the dialog\'s own buttons close it after the response. */
  gtk_window_destroy (dialog);
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
}

static void
test_delete (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = sy_window_get_page (window, "recipients");
  GtkColumnView *view = GTK_COLUMN_VIEW (sy_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE));
  SyDatabase *db = sy_application_get_database (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  gint64 n = -1;

  g_assert_cmpint (sy_record_get_id (SY_RECORD (selected_person (view))), ==, edited_id);

  /* Asked first, naming the person; Cancel keeps them. */
  g_assert_true (gtk_widget_activate_action (page, "recipients.delete", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), SY_TEST_TIMEOUT_MS));
  dialog = sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), "测试编辑"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);
  sy_test_save_screenshot (GTK_WIDGET (dialog), "delete-confirmation");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* Only the dialog\'s own buttons close it after the response. */
  gtk_window_destroy (dialog);
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
  g_assert_true (sy_database_query_int64 (db, &n, "SELECT COUNT(*) FROM recipient WHERE id = ##id::gint64",
                                          &error, "id", G_TYPE_INT64, edited_id, NULL));
  g_assert_cmpint (n, ==, 1);

  /* The demo person may have visits or payments: then the delete is refused
   * with a message; a fresh person without them can go. */
  {
    g_autoptr(SyRecipientRepo) repo = sy_recipient_repo_new (db);
    g_autoptr(SyRecipient) fresh = sy_recipient_new ();

    sy_recipient_set_name (fresh, "待删除");
    sy_recipient_set_village (fresh, "");
    g_assert_true (sy_recipient_repo_save (repo, fresh, NULL, &error));
    g_assert_no_error (error);
    edited_id = sy_record_get_id (SY_RECORD (fresh));
  }
  sy_recipients_page_set_database (SY_RECIPIENTS_PAGE (page), db);
  {
    GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
    guint i, count = g_list_model_get_n_items (model);

    /* The empty village sorts first. */
    for (i = 0; i < count; i++)
      {
        g_autoptr(SyRecipient) r = g_list_model_get_item (model, i);

        if (sy_record_get_id (SY_RECORD (r)) == edited_id)
          break;
      }
    g_assert_cmpuint (i, <, count);
    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), i);
  }
  g_assert_true (gtk_widget_activate_action (page, "recipients.delete", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), SY_TEST_TIMEOUT_MS));
  dialog = sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  /* Only the dialog\'s own buttons close it after the response. */
  gtk_window_destroy (dialog);
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
  g_assert_true (sy_database_query_int64 (db, &n, "SELECT COUNT(*) FROM recipient WHERE id = ##id::gint64",
                                          &error, "id", G_TYPE_INT64, edited_id, NULL));
  g_assert_cmpint (n, ==, 0);
  g_assert_true (sy_database_query_int64 (db, &n, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete' "
                                          "AND entity = 'recipient' AND entity_id = ##id::gint64",
                                          &error, "id", G_TYPE_INT64, edited_id, NULL));
  g_assert_cmpint (n, ==, 1);
}

int
main (int argc, char *argv[])
{
  int status;

  sy_test_init (&argc, &argv);

  db_dir = sy_test_make_demo_database ("sy-editor-XXXXXX");

  g_test_add_func ("/editor/edit", test_edit);
  g_test_add_func ("/editor/status-dialog", test_status_dialog);
  g_test_add_func ("/editor/delete", test_delete);

  app = sy_application_new ();
  status = sy_test_run_application (app, db_dir);
  g_clear_object (&app);

  sy_test_remove_tree (db_dir);
  g_free (db_dir);
  return status;
}
