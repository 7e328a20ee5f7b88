/* test-archives-page.c: the Archives tab's document archive
 *
 * Runs SyApplication on a demo database (5 documents), imports a two-page
 * PDF made here through the path the file chooser and drops use, fills the
 * editor (a 考评 item ticked) and saves, finds the document in the list, searches for a word
 * only its page 2 holds (Ctrl+F focuses the search), opens the preview and
 * turns to page 2; then imports a batch with a text file named .pdf and
 * the same PDF again (both refused with their reasons, nothing stored), and
 * deletes the document.  Screenshots go to the build's tests folder
 * (screenshot-archives.png, screenshot-archives-preview.png).  Needs a
 * display (xvfb-run).
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "sy-application.h"
#include "sy-archives-page.h"
#include "sy-document-editor.h"
#include "sy-test-gui.h"
#include "sy-window.h"
#include "sy-document-test-pdf.h"

static SyApplication *app;
static char *db_dir;
static char *files_dir;
/* The imported PDF (cairo stamps the time: a new one would differ). */
static GBytes *imported_pdf;

static GtkColumnView *
list_view (GtkWidget *page)
{
  GtkWidget *view = sy_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE);

  g_assert_nonnull (view);
  return GTK_COLUMN_VIEW (view);
}

static guint
n_rows (GtkWidget *page)
{
  GtkSelectionModel *model = gtk_column_view_get_model (list_view (page));

  return G_IS_LIST_MODEL (model) ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

static gboolean
has_rows (gpointer page)
{
  return n_rows (page) > 0;
}

static gboolean
import_finished (gpointer page)
{
  return !sy_archives_page_is_importing (SY_ARCHIVES_PAGE (page));
}

static gint64
count (const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1;

  g_assert_true (sy_database_query_int64 (sy_application_get_database (app), &n, sql, &error, NULL));
  g_assert_no_error (error);
  return n;
}

static char *
write_file (const char *name, GBytes *bytes)
{
  char *path = g_build_filename (files_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

static GListModel *
files_of (const char *first, ...)
{
  GListStore *store = g_list_store_new (G_TYPE_FILE);
  va_list ap;

  va_start (ap, first);
  for (const char *path = first; path != NULL; path = va_arg (ap, const char *))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_list_store_append (store, file);
    }
  va_end (ap);
  return G_LIST_MODEL (store);
}

static SyDocument *
selected (GtkWidget *page)
{
  GtkSelectionModel *model = gtk_column_view_get_model (list_view (page));

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
}

static gboolean
preview_rendered (gpointer preview)
{
  int n_pages = 0;

  sy_archives_page_preview_get_page (preview, &n_pages);
  return n_pages > 0 && sy_archives_page_preview_get_paintable (preview) != NULL;
}

static gboolean
preview_on_page_2 (gpointer preview)
{
  return sy_archives_page_preview_get_page (preview, NULL) == 1 && preview_rendered (preview);
}

static gboolean
thumbnail_shown (gpointer page)
{
  GtkWidget *picture = sy_test_find_descendant (page, GTK_TYPE_PICTURE, G_TYPE_INVALID);

  return picture != NULL && gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

static GtkWindow *
find_message_dialog (void)
{
  return sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static void
test_import_search_preview (void)
{
  SyWindow *window;
  GtkWidget *page;
  GtkEditable *search;
  SyDocumentEditor *editor;
  GtkWindow *preview;
  g_autoptr(GBytes) pdf = sy_test_make_pdf ("关于开展双拥模范县创建工作的通知");
  g_autofree char *path = write_file ("创建通知.pdf", pdf);
  g_autoptr(GListModel) files = files_of (path, NULL);
  guint before;
  gint64 links_before, item_id;

  imported_pdf = g_bytes_ref (pdf);
  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  window = sy_test_current_window (GTK_APPLICATION (app));
  sy_window_set_view (window, "archives");
  page = sy_window_get_page (window, "archives");
  g_assert_true (sy_test_wait_until (has_rows, page, SY_TEST_TIMEOUT_MS));
  before = n_rows (page);
  g_assert_cmpuint (before, ==, 5);
  /* The ledger export is still there. */
  g_assert_nonnull (sy_test_find_action_button (page, "win.export-ledger"));

  sy_archives_page_import_files (SY_ARCHIVES_PAGE (page), files);
  g_assert_true (sy_archives_page_is_importing (SY_ARCHIVES_PAGE (page)));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_DOCUMENT_EDITOR),
                                     SY_TEST_TIMEOUT_MS));
  editor = SY_DOCUMENT_EDITOR (sy_test_find_toplevel (SY_TYPE_DOCUMENT_EDITOR));
  g_assert_nonnull (sy_test_find_action_button (GTK_WIDGET (editor), "editor.save"));
  sy_document_editor_set_field (editor, "doc-number", "清双拥〔2025〕9号");
  sy_document_editor_set_field (editor, "issuer", "清源县双拥工作领导小组");
  /* A bad date is refused in the window, nothing stored. */
  sy_document_editor_set_field (editor, "date", "三月五日");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_cmpint (count ("SELECT COUNT(*) FROM document"), ==, 5);
  sy_document_editor_set_field (editor, "date", "2025-03-05");
  sy_document_editor_set_field (editor, "tags", "县级文件,创建");
  /* Evidence for the first 考评 standard, linked with the import. */
  links_before = count ("SELECT COUNT(*) FROM assessment_link WHERE entity = 'document'");
  item_id = count ("SELECT MIN (id) FROM assessment_item");
  sy_document_editor_set_item_checked (editor, item_id, TRUE);
  sy_test_save_screenshot (GTK_WIDGET (editor), "archives-editor");
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &editor, SY_TEST_TIMEOUT_MS));

  g_assert_cmpint (count ("SELECT COUNT(*) FROM document"), ==, 6);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM assessment_link WHERE entity = 'document'"), ==, links_before + 1);
  g_assert_cmpuint (n_rows (page), ==, 6);
  /* The new document is selected; its first page shows. */
  g_assert_cmpstr (sy_document_get_title (selected (page)), ==, "关于开展双拥模范县创建工作的通知");
  g_assert_true (sy_test_wait_until (thumbnail_shown, page, SY_TEST_TIMEOUT_MS));

  /* Ctrl+F (win.search) focuses the search, then a word from page 2 of its text only. */
  search = GTK_EDITABLE (sy_test_find_descendant (page, GTK_TYPE_SEARCH_ENTRY, G_TYPE_INVALID));
  g_assert_nonnull (search);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (search))
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (search)));
  gtk_editable_set_text (search, "模范单位");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (n_rows (page), ==, 1);
  g_assert_cmpstr (sy_document_get_title (selected (page)), ==, "关于开展双拥模范县创建工作的通知");
  gtk_editable_set_text (search, "没有这样的文字");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (n_rows (page), ==, 0);
  /* The demo's documents are found by their 文号 and extracted text. */
  gtk_editable_set_text (search, "双拥");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (n_rows (page), >=, 2);
  gtk_editable_set_text (search, "模范单位");
  g_signal_emit_by_name (search, "search-changed");

  preview = sy_archives_page_open_preview (SY_ARCHIVES_PAGE (page));
  g_assert_nonnull (preview);
  g_assert_true (sy_test_wait_until (preview_rendered, preview, SY_TEST_TIMEOUT_MS));
  {
    int n_pages = 0;

    g_assert_cmpint (sy_archives_page_preview_get_page (preview, &n_pages), ==, 0);
    g_assert_cmpint (n_pages, ==, 2);
  }
  sy_archives_page_preview_step (preview, 1);
  g_assert_true (sy_test_wait_until (preview_on_page_2, preview, SY_TEST_TIMEOUT_MS));
  sy_test_wait_for_frame (GTK_WIDGET (preview));
  sy_test_save_screenshot (GTK_WIDGET (preview), "archives-preview");
  gtk_window_destroy (preview);

  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (n_rows (page), ==, 6);
  sy_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (sy_test_wait_until (thumbnail_shown, page, SY_TEST_TIMEOUT_MS));
  sy_test_wait_for_frame (GTK_WIDGET (window));
  sy_test_save_screenshot (GTK_WIDGET (window), "archives");
}

static void
test_refused_and_delete (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = sy_window_get_page (window, "archives");
  static const char text[] = "这不是 PDF 文件\n";
  g_autoptr(GBytes) fake = g_bytes_new_static (text, sizeof text - 1);
  g_autofree char *fake_path = write_file ("假文件.pdf", fake);
  g_autofree char *again_path = write_file ("再来一次.pdf", imported_pdf);
  g_autoptr(GListModel) files = files_of (fake_path, again_path, NULL);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  gint64 attachments = count ("SELECT COUNT(*) FROM attachment");
  const char *body;

  sy_archives_page_import_files (SY_ARCHIVES_PAGE (page), files);
  g_assert_true (sy_test_wait_until (import_finished, page, SY_TEST_TIMEOUT_MS));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  dialog = find_message_dialog ();
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "假文件.pdf"));
  g_assert_nonnull (strstr (body, "再来一次.pdf"));
  g_assert_nonnull (strstr (body, "«关于开展双拥模范县创建工作的通知»"));
  gtk_window_destroy (dialog);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM document"), ==, 6);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM attachment"), ==, attachments);

  /* A cancelled batch stores nothing, even the files already checked. */
  {
    g_autoptr(GBytes) other = sy_test_make_pdf ("取消的文件");
    g_autofree char *other_path = write_file ("取消.pdf", other);
    g_autoptr(GListModel) batch = files_of (other_path, again_path, NULL);

    sy_archives_page_import_files (SY_ARCHIVES_PAGE (page), batch);
    sy_archives_page_cancel_import (SY_ARCHIVES_PAGE (page));
    g_assert_true (sy_test_wait_until (import_finished, page, SY_TEST_TIMEOUT_MS));
    g_assert_null (find_message_dialog ());
    g_assert_cmpint (count ("SELECT COUNT(*) FROM document"), ==, 6);
    g_assert_cmpint (count ("SELECT COUNT(*) FROM attachment"), ==, attachments);
  }

  /* Delete the selected (newest) document, then undo through the repo the
   * toast's button calls. */
  g_assert_nonnull (selected (page));
  g_assert_true (sy_archives_page_delete_selected (SY_ARCHIVES_PAGE (page), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count ("SELECT COUNT(*) FROM document"), ==, 5);
  g_assert_cmpuint (n_rows (page), ==, 5);
}

int
main (int argc, char *argv[])
{
  int status;

  sy_test_init (&argc, &argv);

  db_dir = sy_test_make_demo_database ("sy-archives-XXXXXX");
  files_dir = g_dir_make_tmp ("sy-archives-files-XXXXXX", NULL);

  g_test_add_func ("/archives-page/import-search-preview", test_import_search_preview);
  g_test_add_func ("/archives-page/refused-and-delete", test_refused_and_delete);

  app = sy_application_new ();
  status = sy_test_run_application (app, db_dir);
  g_clear_object (&app);

  sy_test_remove_tree (db_dir);
  sy_test_remove_tree (files_dir);
  g_free (db_dir);
  g_free (files_dir);
  g_clear_pointer (&imported_pdf, g_bytes_unref);
  return status;
}
