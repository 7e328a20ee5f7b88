/* test-ledger-builder.c: the ledger book window (options, preview, export, print)
 *
 * Runs SyApplication on a demo database, opens the ledger book from the
 * Archives tab through win.export-ledger (Ctrl+P), checks the default
 * options, unticks a volume and previews: the thumbnails match the pages
 * the layout reported and the PDF holds; zoom changes the page picture's
 * size, the page turns by action and by thumbnail; a changed
 * option marks the preview stale.  Then exports (a copy of the preview, and
 * a new layout once the options changed), prints without a dialog to GTK's
 * "Print to File" printer (skipped only when no printer at all is listed),
 * and checks that a cancelled preview and a closed window leave no
 * temporary file.  The user's cache folder is a temporary folder here.  The
 * screenshot goes to the build's tests folder (screenshot-ledger-builder.png).
 * Needs a display (xvfb-run).
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <gtk/gtkunixprint.h>
#include <poppler.h>

#include "sy-application.h"
#include "sy-ledger-builder.h"
#include "sy-test-gui.h"
#include "sy-test-pdf.h"
#include "sy-window.h"


static SyApplication *app;
static char *db_dir;
static char *out_dir;
static SyLedgerBuilder *builder;

static gboolean
not_busy (gpointer data)
{
  return !sy_ledger_builder_is_busy (data);
}

static gboolean
page_width_above (gpointer data)
{
  int *width = data;

  return sy_ledger_builder_get_page_width (builder) > *width;
}

static gboolean
page_width_below (gpointer data)
{
  int *width = data;

  return sy_ledger_builder_get_page_width (builder) > 0 && sy_ledger_builder_get_page_width (builder) < *width;
}

static gboolean
page_rendered (gpointer data)
{
  return sy_ledger_builder_get_page_width (builder) > 0;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
preview_and_wait (void)
{
  sy_ledger_builder_preview (builder);
  g_assert_true (sy_ledger_builder_is_busy (builder));
  g_assert_true (sy_test_wait_until (not_busy, builder, SY_TEST_TIMEOUT_MS * 4));
  g_assert_cmpstr (sy_ledger_builder_get_error (builder), ==, NULL);
  g_assert_nonnull (sy_ledger_builder_get_preview_path (builder));
  g_assert_false (sy_ledger_builder_is_stale (builder));
}

static gboolean
action_sensitive (const char *action)
{
  GtkWidget *button = sy_test_find_action_button (GTK_WIDGET (builder), action);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static gboolean
path_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_open_preview_zoom (void)
{
  SyWindow *window;
  GtkWidget *page, *list;
  SyLedgerOptions options;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  g_auto(GStrv) accels = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  guint n_pages;
  gint64 first;
  int width;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  window = sy_test_current_window (GTK_APPLICATION (app));
  sy_window_set_view (window, "archives");
  page = sy_window_get_page (window, "archives");
  /* The Archives tab's button and Ctrl+P open the book. */
  g_assert_nonnull (sy_test_find_action_button (page, "win.export-ledger"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.export-ledger");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>p"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "export-ledger", NULL);
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_LEDGER_BUILDER),
                                     SY_TEST_TIMEOUT_MS));
  builder = SY_LEDGER_BUILDER (sy_test_find_toplevel (SY_TYPE_LEDGER_BUILDER));
  g_object_add_weak_pointer (G_OBJECT (builder), (gpointer *) &builder);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (builder)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (builder)) == GTK_WINDOW (window));

  /* Defaults: the review window ending this year, but not before the
   * demo office's first activity; every volume, internal, 300 dpi. */
  first = sy_test_query_int (app, "SELECT CAST (MIN (substr (date, 1, 4)) AS INTEGER) FROM event");
  g_assert_cmpint (first, >, year - 4);
  sy_ledger_builder_get_options (builder, &options);
  g_assert_cmpint (options.to_year, ==, year);
  g_assert_cmpint (options.from_year, ==, first);
  g_assert_cmpuint (options.volumes, ==, SY_LEDGER_ALL_VOLUMES);
  g_assert_cmpint (options.profile, ==, SY_MASK_INTERNAL);
  g_assert_cmpint (options.dpi, ==, 300);
  g_assert_cmpint (options.unit_id, ==, 0);
  g_assert_null (sy_ledger_builder_get_preview_path (builder));
  /* Nothing to print before a preview. */
  g_assert_false (action_sensitive ("builder.print"));
  g_assert_true (action_sensitive ("builder.export"));

  /* One year in draft: a smaller book, quicker to lay out again and again. */
  sy_ledger_builder_set_years (builder, year - 1, year - 1);
  sy_ledger_builder_set_dpi (builder, 150);
  g_assert_true (sy_ledger_builder_set_volume (builder, 3, FALSE));
  g_assert_false (sy_ledger_builder_set_volume (builder, 9, FALSE));
  sy_ledger_builder_set_compiler (builder, "王晓明");
  sy_ledger_builder_get_options (builder, &options);
  g_assert_cmpuint (options.volumes, ==, SY_LEDGER_ALL_VOLUMES & ~SY_LEDGER_VOLUME (3));
  g_assert_cmpint (options.from_year, ==, year - 1);
  g_assert_cmpint (options.to_year, ==, year - 1);
  g_assert_cmpint (options.dpi, ==, 150);
  g_assert_cmpstr (options.compiler, ==, "王晓明");

  preview_and_wait ();
  n_pages = sy_ledger_builder_get_n_pages (builder);
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (sy_ledger_builder_get_n_thumbnails (builder), ==, n_pages);
  g_assert_true (action_sensitive ("builder.print"));
  pdf = sy_test_pdf_open (sy_ledger_builder_get_preview_path (builder));
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, (int) n_pages);
  /* The compiler is remembered for the next ledger. */
  {
    g_autofree char *stored = sy_database_get_setting (sy_application_get_database (app), "ledger-compiler");

    g_assert_cmpstr (stored, ==, "王晓明");
  }

  /* Zoom: in makes the page picture wider, out narrower. */
  g_assert_cmpuint (sy_ledger_builder_get_page (builder), ==, 0);
  /* The thumbnails render at the same time, each in its own thread. */
  g_assert_true (sy_test_wait_until (page_rendered, NULL, SY_TEST_TIMEOUT_MS * 2));
  sy_test_wait_for_frame (GTK_WIDGET (builder));
  width = sy_ledger_builder_get_page_width (builder);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (builder), "builder.zoom-in", NULL));
  g_assert_true (sy_test_wait_until (page_width_above, &width, SY_TEST_TIMEOUT_MS));
  width = sy_ledger_builder_get_page_width (builder);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (builder), "builder.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (builder), "builder.zoom-out", NULL));
  g_assert_true (sy_test_wait_until (page_width_below, &width, SY_TEST_TIMEOUT_MS));

  /* Pages: the next-page action, a click on a thumbnail, Page Down. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (builder), "builder.next-page", NULL));
  g_assert_cmpuint (sy_ledger_builder_get_page (builder), ==, 1);
  /* The thumbnails (the combo rows have list views of their own). */
  list = sy_test_find_descendant (GTK_WIDGET (builder), GTK_TYPE_LIST_VIEW, ADW_TYPE_COMBO_ROW);
  g_assert_nonnull (list);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list))),
                                     n_pages - 1);
  g_assert_cmpuint (sy_ledger_builder_get_page (builder), ==, n_pages - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (builder), "builder.previous-page", NULL));
  g_assert_cmpuint (sy_ledger_builder_get_page (builder), ==, n_pages - 2);
  sy_ledger_builder_set_page (builder, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (builder), "builder.zoom-fit", NULL));
  g_assert_true (sy_test_wait_until (page_rendered, NULL, SY_TEST_TIMEOUT_MS));

  /* The cover and the table of contents in the picture. */
  sy_ledger_builder_set_page (builder, MIN (1, n_pages - 1));
  sy_test_wait_for_frame (GTK_WIDGET (builder));
  g_usleep (300 * 1000);
  sy_test_wait_for_frame (GTK_WIDGET (builder));
  sy_test_save_screenshot (GTK_WIDGET (builder), "ledger-builder");

  /* Any option changed afterwards: the preview is stale, Print waits. */
  sy_ledger_builder_set_profile (builder, SY_MASK_PUBLIC);
  g_assert_true (sy_ledger_builder_is_stale (builder));
  sy_ledger_builder_set_profile (builder, SY_MASK_INTERNAL);
  g_assert_true (sy_ledger_builder_is_stale (builder));
  g_assert_false (action_sensitive ("builder.print"));
}

static void
test_export (void)
{
  g_autofree char *copied = g_build_filename (out_dir, "台帐-预览.pdf", NULL);
  g_autofree char *fresh = g_build_filename (out_dir, "台帐-新.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (copied);
  g_autoptr(GFile) fresh_file = g_file_new_for_path (fresh);
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(PopplerDocument) fresh_pdf = NULL;
  g_autofree char *title = NULL;
  g_autofree char *preview_bytes = NULL;
  g_autofree char *copy_bytes = NULL;
  gsize preview_len, copy_len;
  guint n_pages;

  g_assert_nonnull (builder);
  /* From here on only the first volume: a small book, quick to lay out. */
  for (int v = 2; v <= 8; v++)
    sy_ledger_builder_set_volume (builder, v, FALSE);
  preview_and_wait ();
  n_pages = sy_ledger_builder_get_n_pages (builder);

  /* A current preview is copied as it is. */
  sy_ledger_builder_export_to (builder, file);
  g_assert_true (sy_ledger_builder_is_busy (builder));
  g_assert_true (sy_test_wait_until (not_busy, builder, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (sy_ledger_builder_get_error (builder), ==, NULL);
  g_assert_true (g_file_get_contents (sy_ledger_builder_get_preview_path (builder), &preview_bytes, &preview_len,
                                      NULL));
  g_assert_true (g_file_get_contents (copied, &copy_bytes, &copy_len, NULL));
  g_assert_cmpmem (preview_bytes, preview_len, copy_bytes, copy_len);
  pdf = sy_test_pdf_open (copied);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, (int) n_pages);
  title = poppler_document_get_title (pdf);
  g_assert_nonnull (title);
  g_assert_nonnull (strstr (title, "台帐"));
  /* No temporary file beside it. */
  g_assert_cmpuint (count_files (out_dir), ==, 1);

  /* Changed options: the ledger is laid out anew for the export. */
  sy_ledger_builder_set_volume (builder, 2, TRUE);
  g_assert_true (sy_ledger_builder_is_stale (builder));
  sy_ledger_builder_export_to (builder, fresh_file);
  g_assert_true (sy_test_wait_until (not_busy, builder, SY_TEST_TIMEOUT_MS * 4));
  g_assert_cmpstr (sy_ledger_builder_get_error (builder), ==, NULL);
  fresh_pdf = sy_test_pdf_open (fresh);
  g_assert_cmpint (poppler_document_get_n_pages (fresh_pdf), >, (int) n_pages);
  /* The preview stays what it was, and stale. */
  g_assert_true (sy_ledger_builder_is_stale (builder));
  g_assert_cmpuint (sy_ledger_builder_get_n_pages (builder), ==, n_pages);
  g_assert_cmpuint (count_files (out_dir), ==, 2);
}

/* --- printing without a dialog ------------------------------------------------ */

typedef struct {
  GPtrArray *names;
  GPtrArray *virtual_names;
  gboolean   done;
} Printers;

static gboolean
printer_listed (GtkPrinter *printer, gpointer data)
{
  Printers *p = data;

  g_ptr_array_add (p->names, g_strdup (gtk_printer_get_name (printer)));
  if (gtk_printer_is_virtual (printer))
    g_ptr_array_add (p->virtual_names, g_strdup (gtk_printer_get_name (printer)));
  return FALSE;
}

static void
printers_done (gpointer data)
{
  ((Printers *) data)->done = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} PrintResult;

static void
printed (GObject *source, GAsyncResult *result, gpointer data)
{
  PrintResult *r = data;

  r->ok = sy_ledger_builder_print_to_printer_finish (SY_LEDGER_BUILDER (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
file_complete (gpointer path)
{
  g_autofree char *contents = NULL;
  gsize length;

  return g_file_get_contents (path, &contents, &length, NULL) && length > 8
         && g_strstr_len (contents + MAX ((gssize) length - 32, 0), -1, "%%EOF") != NULL;
}

static void
test_print (void)
{
  Printers printers = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free), FALSE };
  g_autofree char *output = g_build_filename (out_dir, "printed.pdf", NULL);
  g_autoptr(GFile) output_file = g_file_new_for_path (output);
  g_autofree char *uri = g_file_get_uri (output_file);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(PopplerDocument) pdf = NULL;
  PrintResult stale = { 0 }, unknown = { 0 }, result = { 0 };

  g_assert_nonnull (builder);
  /* Stale since the last test: refused. */
  g_assert_true (sy_ledger_builder_is_stale (builder));
  sy_ledger_builder_print_to_printer (builder, "nobody", NULL, NULL, printed, &stale);
  g_assert_true (sy_test_wait_until (flag_set, &stale.done, SY_TEST_TIMEOUT_MS));
  g_assert_error (stale.error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&stale.error);
  sy_ledger_builder_set_volume (builder, 2, FALSE);
  preview_and_wait ();

  /* The print dialog's pages, exported instead of sent. */
  {
    g_autofree char *sheets = g_build_filename (out_dir, "sheets.pdf", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(PopplerDocument) sheets_pdf = NULL;

    g_assert_true (sy_ledger_builder_print_to_pdf (builder, sheets, &error));
    g_assert_no_error (error);
    sheets_pdf = sy_test_pdf_open (sheets);
    g_assert_cmpint (poppler_document_get_n_pages (sheets_pdf), ==, (int) sy_ledger_builder_get_n_pages (builder));
    g_unlink (sheets);
  }

  gtk_enumerate_printers (printer_listed, &printers, printers_done, FALSE);
  sy_test_wait_until (flag_set, &printers.done, 20000);
  if (printers.names->len == 0)
    {
      g_test_skip ("No printer at all is listed on this display (not even GTK's Print to File)");
      goto out;
    }
  /* GTK's file backend: its printer is virtual (a real queue must never get
   * a test page). */
  g_assert_cmpuint (printers.virtual_names->len, >, 0);

  sy_ledger_builder_print_to_printer (builder, "这台打印机不存在", NULL, NULL, printed, &unknown);
  g_assert_true (sy_test_wait_until (flag_set, &unknown.done, SY_TEST_TIMEOUT_MS * 2));
  g_assert_error (unknown.error, SY_ERROR, SY_ERROR_NOT_FOUND);
  g_clear_error (&unknown.error);

  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  sy_ledger_builder_print_to_printer (builder, g_ptr_array_index (printers.virtual_names, 0), settings, NULL,
                                      printed, &result);
  g_assert_true (sy_test_wait_until (flag_set, &result.done, SY_TEST_TIMEOUT_MS * 2));
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  g_assert_true (sy_test_wait_until (file_complete, output, SY_TEST_TIMEOUT_MS));
  pdf = sy_test_pdf_open (output);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, (int) sy_ledger_builder_get_n_pages (builder));

out:
  g_ptr_array_unref (printers.names);
  g_ptr_array_unref (printers.virtual_names);
}

/* --- cancel and clean-up ------------------------------------------------------ */

static void
test_cancel_and_close (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  g_autofree char *dir = NULL;
  gint64 started;

  /* Closing the window removes its temporary folder with the preview. */
  g_assert_nonnull (builder);
  dir = g_strdup (sy_ledger_builder_get_temp_dir (builder));
  g_assert_nonnull (dir);
  g_assert_true (g_file_test (sy_ledger_builder_get_preview_path (builder), G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (builder));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &builder, SY_TEST_TIMEOUT_MS));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_clear_pointer (&dir, g_free);

  /* A preview cancelled while it runs leaves no file. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "export-ledger", NULL);
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_LEDGER_BUILDER),
                                     SY_TEST_TIMEOUT_MS));
  builder = SY_LEDGER_BUILDER (sy_test_find_toplevel (SY_TYPE_LEDGER_BUILDER));
  g_object_add_weak_pointer (G_OBJECT (builder), (gpointer *) &builder);
  /* The same compiler as last time. */
  {
    SyLedgerOptions options;

    sy_ledger_builder_get_options (builder, &options);
    g_assert_cmpstr (options.compiler, ==, "王晓明");
  }
  sy_ledger_builder_preview (builder);
  g_assert_true (sy_ledger_builder_is_busy (builder));
  dir = g_strdup (sy_ledger_builder_get_temp_dir (builder));
  started = g_get_monotonic_time ();
  sy_ledger_builder_cancel (builder);
  g_assert_true (sy_test_wait_until (not_busy, builder, SY_TEST_TIMEOUT_MS));
  g_test_message ("the preview stopped %.2f s after Cancel", (g_get_monotonic_time () - started) / 1e6);
  g_assert_null (sy_ledger_builder_get_preview_path (builder));
  g_assert_cmpstr (sy_ledger_builder_get_error (builder), ==, NULL);
  g_assert_cmpuint (count_files (dir), ==, 0);

  /* Closed while a preview runs: the folder goes once the worker stops. */
  sy_ledger_builder_preview (builder);
  g_assert_true (sy_ledger_builder_is_busy (builder));
  gtk_window_destroy (GTK_WINDOW (builder));
  g_assert_true (sy_test_wait_until (path_gone, dir, SY_TEST_TIMEOUT_MS * 4));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &builder, SY_TEST_TIMEOUT_MS));
}

int
main (int argc, char *argv[])
{
  g_autofree char *cache = g_dir_make_tmp ("sy-builder-cache-XXXXXX", NULL);
  int status;

  /* Before anything asks GLib for it: the temporary PDFs go here. */
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  /* Only GTK's own file printer: a CUPS without cupsd would only slow the
   * listing down, and a real queue must not get test pages. */
  g_setenv ("GTK_PRINT_BACKENDS", "file", FALSE);
  sy_test_init (&argc, &argv);
  out_dir = g_dir_make_tmp ("sy-builder-out-XXXXXX", NULL);

  g_test_add_func ("/ledger-builder/open-preview-zoom", test_open_preview_zoom);
  g_test_add_func ("/ledger-builder/export", test_export);
  g_test_add_func ("/ledger-builder/print", test_print);
  g_test_add_func ("/ledger-builder/cancel-and-close", test_cancel_and_close);

  status = sy_test_run_on_demo (&app, &db_dir, "sy-builder-XXXXXX");
  sy_test_remove_tree (out_dir);
  g_free (out_dir);
  sy_test_remove_tree (cache);
  return status;
}
