/* test-gui.c: the real application window on a demo database
 *
 * Runs SyApplication in this process with --db pointing at a freshly
 * populated demo database, then drives it from an idle callback: every view
 * must list rows and show the selected record, a screenshot of each view is
 * written to the build directory (look at them), and the window's size and
 * last view must survive a close.  Needs a display: run under xvfb-run.
 */
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "sy-application.h"
#include "sy-event-editor.h"
#include "sy-events-page.h"
#include "sy-recipient-editor.h"
#include "sy-test-gui.h"
#include "sy-window.h"

static SyApplication *app;
static char *db_dir;

/* --- window helpers ------------------------------------------------------------ */

/* --- widget tree helpers ------------------------------------------------------ */

static gboolean
has_label_with_text (GtkWidget  *widget,
                     const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_with_text (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
model_has_rows (gpointer data)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (data)));

  return model != NULL && g_list_model_get_n_items (model) > 0;
}

static gboolean
photos_loaded (gpointer data)
{
  return sy_events_page_get_pending_photos (SY_EVENTS_PAGE (data)) == 0;
}

/* --- tests --------------------------------------------------------------------- */

static void
test_first_frame (void)
{
  SyWindow *window;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  window = sy_test_current_window (GTK_APPLICATION (app));
  sy_test_watch_frames (GTK_WIDGET (window));
  sy_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpstr (sy_application_get_database_directory (app), ==, db_dir);
  g_assert_nonnull (sy_application_get_database (app));
  /* No error dialog: the database was opened and not mistaken for empty. */
  g_assert_false (sy_application_is_populating (app));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    g_assert_true (SY_IS_WINDOW (l->data));
}

typedef struct {
  const char *view;
  const char *key_property;  /* shown in the detail pane of the selected record */
} ViewCase;

static void
test_view (gconstpointer data)
{
  const ViewCase *view = data;
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  g_autofree char *action = g_strconcat ("view-", view->view, NULL);
  g_autofree char *key = NULL;
  g_autoptr(GObject) record = NULL;
  GtkWidget *page, *list, *detail;
  GtkSelectionModel *model;

  g_assert_nonnull (window);
  g_action_group_activate_action (G_ACTION_GROUP (window), action, NULL);
  g_assert_cmpstr (sy_window_get_view (window), ==, view->view);

  page = sy_window_get_page (window, view->view);
  g_assert_nonnull (page);
  /* The record list, not the payees table inside a detail pane. */
  list = sy_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE);
  g_assert_nonnull (list);
  g_assert_true (sy_test_wait_until (model_has_rows, list, SY_TEST_TIMEOUT_MS));
  model = gtk_column_view_get_model (GTK_COLUMN_VIEW (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_true (gtk_widget_get_mapped (list));

  /* Move away and back, so the detail really follows the selection. */
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 1)
    gtk_selection_model_select_item (model, 1, TRUE);
  gtk_selection_model_select_item (model, 0, TRUE);
  g_assert_true (gtk_selection_model_is_selected (model, 0));

  record = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_object_get (record, view->key_property, &key, NULL);
  g_assert_nonnull (key);
  g_assert_cmpstr (key, !=, "");

  detail = sy_test_find_descendant (page, ADW_TYPE_PREFERENCES_PAGE, G_TYPE_INVALID);
  g_assert_nonnull (detail);
  g_assert_true (gtk_widget_get_mapped (detail));
  g_assert_true (has_label_with_text (detail, key));

  if (SY_IS_EVENTS_PAGE (page))
    g_assert_true (sy_test_wait_until (photos_loaded, page, SY_TEST_TIMEOUT_MS));

  sy_test_wait_for_frame (GTK_WIDGET (window));
  sy_test_save_screenshot (GTK_WIDGET (window), view->view);
}

/* Search-as-you-type in the Recipients tab (issue 3). */
typedef struct {
  GtkWidget *page;
  GtkWidget *list;
  guint      n;
} SearchWait;

static gboolean
search_shows (gpointer data)
{
  SearchWait *w = data;
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (w->list)));
  g_autofree char *count = g_strdup_printf (ngettext ("%u recipient", "%u recipients", w->n), w->n);

  return model != NULL && g_list_model_get_n_items (model) == w->n
         && has_label_with_text (w->page, count);
}

static void
test_recipient_search (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  g_autoptr(SyRecipient) first = NULL;
  g_autofree char *name = NULL;
  SearchWait w = { 0 };
  GtkWidget *entry, *stack;
  GListModel *model;
  guint all;

  g_action_group_activate_action (G_ACTION_GROUP (window), "view-recipients", NULL);
  w.page = sy_window_get_page (window, "recipients");
  w.list = sy_test_find_descendant (w.page, GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE);
  entry = sy_test_find_descendant (w.page, GTK_TYPE_SEARCH_ENTRY, G_TYPE_INVALID);
  stack = gtk_widget_get_ancestor (w.list, GTK_TYPE_STACK);
  g_assert_nonnull (entry);
  g_assert_nonnull (stack);
  g_assert_true (sy_test_wait_until (model_has_rows, w.list, SY_TEST_TIMEOUT_MS));
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (w.list)));
  all = g_list_model_get_n_items (model);
  w.n = all;
  g_assert_true (sy_test_wait_until (search_shows, &w, SY_TEST_TIMEOUT_MS));

  /* A full name: the list narrows to the people of that name. */
  first = g_list_model_get_item (model, 0);
  g_object_get (first, "name", &name, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SyQueryModel) expected = NULL;
    SyRecipientFilter filter = { .text = name };

    expected = sy_queries_recipients_filtered (sy_application_get_database (app), &filter, &error);
    g_assert_no_error (error);
    w.n = g_list_model_get_n_items (G_LIST_MODEL (expected));
  }
  g_assert_cmpuint (w.n, >=, 1);
  g_assert_cmpuint (w.n, <, all);
  g_assert_true (sy_test_wait_until (search_shows, &w, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");

  /* Nothing matches: the status page says so. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "没有这个人");
  w.n = 0;
  g_assert_true (sy_test_wait_until (search_shows, &w, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");

  /* Cleared: every row comes back. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  w.n = all;
  g_assert_true (sy_test_wait_until (search_shows, &w, SY_TEST_TIMEOUT_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "list");
}

static gboolean
export_finished (gpointer data)
{
  return !sy_window_is_exporting (SY_WINDOW (data));
}

static void
test_export (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  g_autofree char *path = g_build_filename (db_dir, "ledger.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now) - 1;
  g_autofree char *contents = NULL;
  gsize length;

  sy_window_export_ledger (window, file, year - 1, year);
  g_assert_true (sy_window_is_exporting (window));
  sy_test_wait_for_frame (GTK_WIDGET (window));
  sy_test_save_screenshot (GTK_WIDGET (window), "exporting");
  g_assert_true (sy_test_wait_until (export_finished, window, SY_TEST_TIMEOUT_MS));

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  sy_test_wait_for_frame (GTK_WIDGET (window));
  sy_test_save_screenshot (GTK_WIDGET (window), "exported");
}

static void
test_export_cancel (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  g_autofree char *path = g_build_filename (db_dir, "cancelled.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  sy_window_export_ledger (window, file, 2000, 2100);
  g_assert_true (sy_window_is_exporting (window));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-ledger"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "cancel-export", NULL);
  g_assert_true (sy_test_wait_until (export_finished, window, SY_TEST_TIMEOUT_MS));
  /* The ledger writes to a temporary file and renames it when complete. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export-ledger"));
}

/* Opens a secondary window through its action, photographs it, closes it. */
static void
screenshot_secondary (GActionGroup *group,
                      const char   *action,
                      GType         type,
                      const char   *name)
{
  GtkWindow *window;

  g_action_group_activate_action (group, action, NULL);
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (type), SY_TEST_TIMEOUT_MS));
  window = sy_test_find_toplevel (type);
  sy_test_watch_frames (GTK_WIDGET (window));
  sy_test_wait_for_frame (GTK_WIDGET (window));
  sy_test_save_screenshot (GTK_WIDGET (window), name);
  gtk_window_destroy (window);
}

/* Every "accelerator" of the GtkShortcutsShortcuts under @widget, one a
 * line, after the group's title ("Plans: <Control>n"). */
static void
collect_accelerators (GtkWidget *widget, const char *group, GString *out)
{
  g_autofree char *title = NULL;

  if (GTK_IS_SHORTCUTS_GROUP (widget))
    {
      g_object_get (widget, "title", &title, NULL);
      group = title;
    }
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accel = NULL;

      g_object_get (widget, "accelerator", &accel, NULL);
      g_string_append_printf (out, "%s: %s\n", group, accel ? accel : "");
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_accelerators (child, group, out);
}

/* Ctrl+N on the Recipients and Events tabs works wherever the focus is,
 * but only on the tab on screen. */
static void
test_page_shortcuts (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  static const struct { const char *view; const char *other; GType (*editor) (void); } cases[] = {
    { "recipients", "plans", sy_recipient_editor_get_type },
    { "events", "plans", sy_event_editor_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *page = sy_window_get_page (window, cases[i].view);
      GtkShortcutController *shortcuts = g_object_get_data (G_OBJECT (page), "sy-page-shortcuts");
      g_autoptr(GtkShortcut) shortcut = NULL;
      g_autoptr(GtkShortcutTrigger) ctrl_n = gtk_shortcut_trigger_parse_string ("<Control>n");
      g_autofree char *other = g_strconcat ("view-", cases[i].other, NULL);
      g_autofree char *mine = g_strconcat ("view-", cases[i].view, NULL);
      GtkWindow *editor;

      g_assert_nonnull (shortcuts);
      g_assert_cmpint (gtk_shortcut_controller_get_scope (shortcuts), ==, GTK_SHORTCUT_SCOPE_GLOBAL);
      shortcut = g_list_model_get_item (G_LIST_MODEL (shortcuts), 0);
      g_assert_true (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), ctrl_n));

      /* Another tab on screen: the hidden page lets the key pass. */
      g_action_group_activate_action (G_ACTION_GROUP (window), other, NULL);
      sy_test_wait_for_frame (GTK_WIDGET (window));
      g_assert_false (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, page, NULL));
      g_assert_null (sy_test_find_toplevel (cases[i].editor ()));

      g_action_group_activate_action (G_ACTION_GROUP (window), mine, NULL);
      sy_test_wait_for_frame (GTK_WIDGET (window));
      g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, page, NULL));
      g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (cases[i].editor ()),
                                         SY_TEST_TIMEOUT_MS));
      editor = sy_test_find_toplevel (cases[i].editor ());
      gtk_window_destroy (editor);
      sy_test_wait_for_frame (GTK_WIDGET (window));
    }
}

/* Ctrl+1 … Ctrl+5 and then Ctrl+F, as pressed: every tab's own search
 * field takes the focus, from wherever it was. */
static void
test_search_every_tab (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  static const char *views[] = { "plans", "recipients", "subsidies", "events", "archives" };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *key = g_strdup_printf ("<Control>%u", i + 1);
      GtkWidget *page, *entry, *focus;

      g_assert_true (sy_test_press_shortcut (GTK_WIDGET (window), key));
      g_assert_cmpstr (sy_window_get_view (window), ==, views[i]);
      sy_test_wait_for_frame (GTK_WIDGET (window));
      page = sy_window_get_page (window, views[i]);
      gtk_root_set_focus (GTK_ROOT (window), NULL);

      g_assert_true (sy_test_press_shortcut (GTK_WIDGET (window), "<Control>f"));
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      entry = GTK_IS_SEARCH_ENTRY (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY);
      g_assert_nonnull (entry);
      g_assert_true (gtk_widget_is_ancestor (entry, page));
      g_assert_true (gtk_widget_get_mapped (entry));
    }
}

static void
test_secondary_windows (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_autoptr(GString) accels = g_string_new (NULL);

  /* The keys of every tab and of the outline editor are documented. */
  g_assert_nonnull (overlay);
  collect_accelerators (GTK_WIDGET (overlay), "", accels);
  for (guint i = 0; i < 4; i++)
    {
      const char *group = (const char *[]) { _("Plans"), _("Recipients"), _("Activities"), _("Subsidies") }[i];
      g_autofree char *find = g_strdup_printf ("%s: <Control>f\n", group);
      g_autofree char *add = g_strdup_printf ("%s: <Control>n\n", group);

      g_assert_nonnull (strstr (accels->str, find));
      g_assert_nonnull (strstr (accels->str, add));
    }
  /* Every tab, the Archives too: Ctrl+F is win.search, under General (a
   * shortcut of an action shows the action's keys). */
  {
    g_autofree char *general = g_strdup_printf ("%s: <Control>f\n", _("General"));

    g_assert_nonnull (strstr (accels->str, general));
  }
  g_assert_nonnull (strstr (accels->str, ": Insert <Control>Return\n"));
  g_assert_nonnull (strstr (accels->str, ": <Control><Shift>Return\n"));
  g_assert_nonnull (strstr (accels->str, ": <Shift>Tab\n"));
  g_assert_nonnull (strstr (accels->str, ": <Alt>Up <Alt>Down\n"));
  g_assert_nonnull (strstr (accels->str, ": <Control>z\n"));

  screenshot_secondary (G_ACTION_GROUP (window), "show-help-overlay",
                        GTK_TYPE_SHORTCUTS_WINDOW, "shortcuts");
  screenshot_secondary (G_ACTION_GROUP (app), "about", ADW_TYPE_ABOUT_WINDOW, "about");
}

static gboolean
populated (gpointer data)
{
  return !sy_application_is_populating (SY_APPLICATION (data));
}

static gboolean
app_window_mapped (gpointer data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (data));

  return windows != NULL && gtk_widget_get_mapped (windows->data);
}

/* A second application on an empty directory: it must fill in the demo
 * office in a worker thread, showing progress, then list it. */
static void
test_first_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty_dir = g_dir_make_tmp ("sy-gui-empty-XXXXXX", &error);
  g_autoptr(SyApplication) second = NULL;
  GtkWidget *window, *page, *list;

  g_assert_no_error (error);
  second = sy_application_new ();
  g_application_set_flags (G_APPLICATION (second), G_APPLICATION_NON_UNIQUE);
  sy_application_set_database_directory (second, empty_dir);
  g_assert_true (g_application_register (G_APPLICATION (second), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (second));

  g_assert_true (sy_application_is_populating (second));
  g_assert_true (sy_test_wait_until (app_window_mapped, second, SY_TEST_TIMEOUT_MS));
  window = gtk_application_get_windows (GTK_APPLICATION (second))->data;
  sy_test_watch_frames (window);
  sy_test_wait_for_frame (window);
  if (sy_application_is_populating (second))
    sy_test_save_screenshot (window, "first-start");

  g_assert_true (sy_test_wait_until (populated, second, SY_TEST_TIMEOUT_MS));
  page = sy_window_get_page (SY_WINDOW (window), "recipients");
  list = sy_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE);
  g_assert_true (sy_test_wait_until (model_has_rows, list, SY_TEST_TIMEOUT_MS));
  /* Only the window: no error dialog. */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (second))), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  sy_test_remove_tree (empty_dir);
}

/* A database that cannot be opened: the message in a dialog, no window. */
static void
test_database_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *not_a_dir = g_build_filename (db_dir, "not-a-directory", NULL);
  g_autoptr(SyApplication) third = NULL;
  GtkWindow *dialog;

  g_assert_true (g_file_set_contents (not_a_dir, "", 0, NULL));
  third = sy_application_new ();
  g_application_set_flags (G_APPLICATION (third), G_APPLICATION_NON_UNIQUE);
  sy_application_set_database_directory (third, not_a_dir);
  g_assert_true (g_application_register (G_APPLICATION (third), NULL, &error));
  g_assert_no_error (error);
  g_assert_null (sy_application_get_database (third));
  g_application_activate (G_APPLICATION (third));

  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), SY_TEST_TIMEOUT_MS));
  dialog = sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (gtk_window_get_application (dialog) == GTK_APPLICATION (third));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (third)); l != NULL; l = l->next)
    g_assert_false (SY_IS_WINDOW (l->data));
  sy_test_watch_frames (GTK_WIDGET (dialog));
  sy_test_wait_for_frame (GTK_WIDGET (dialog));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "database-error");

  /* Closing the dialog (its Quit button or Escape) leaves the application
   * no window, so it ends. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (dialog);
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (third)));
}

static void
test_state_saved (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  g_autoptr(GSettings) settings = g_settings_new ("io.github.shuangyong.Ledger");
  g_autofree char *last_view = NULL;
  SyWindow *second;
  int width, height;

  /* Narrow: the view switcher moves from the header to the bottom bar. */
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 720);
  sy_test_wait_for_frame (GTK_WIDGET (window));
  sy_test_save_screenshot (GTK_WIDGET (window), "narrow");
  g_assert_true (gtk_widget_get_mapped (
    sy_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR, G_TYPE_INVALID)));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view-archives", NULL);
  sy_test_wait_for_frame (GTK_WIDGET (window));

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &window, SY_TEST_TIMEOUT_MS));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 720);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  last_view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (last_view, ==, "archives");

  /* A new window comes back where the last one was left. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  second = sy_test_current_window (GTK_APPLICATION (app));
  g_assert_cmpstr (sy_window_get_view (second), ==, "archives");
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 1100);
  g_assert_cmpint (height, ==, 720);
  gtk_window_close (GTK_WINDOW (second));
}

/* --- driver -------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  static const ViewCase views[] = {
    { "plans", "title" },
    { "recipients", "name" },
    { "subsidies", "title" },
    { "events", "title" },
    { "archives", "title" },
  };
  int status;

  sy_test_init (&argc, &argv);

  db_dir = sy_test_make_demo_database ("sy-gui-XXXXXX");

  g_test_add_func ("/gui/first-frame", test_first_frame);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gui/view-%s", views[i].view);
      g_test_add_data_func (path, &views[i], test_view);
    }
  g_test_add_func ("/gui/recipient-search", test_recipient_search);
  g_test_add_func ("/gui/export", test_export);
  g_test_add_func ("/gui/export-cancel", test_export_cancel);
  g_test_add_func ("/gui/page-shortcuts", test_page_shortcuts);
  g_test_add_func ("/gui/search-every-tab", test_search_every_tab);
  g_test_add_func ("/gui/secondary-windows", test_secondary_windows);
  g_test_add_func ("/gui/first-start", test_first_start);
  g_test_add_func ("/gui/database-error", test_database_error);
  g_test_add_func ("/gui/state-saved", test_state_saved);

  app = sy_application_new ();
  status = sy_test_run_application (app, db_dir);
  g_clear_object (&app);

  sy_test_remove_tree (db_dir);
  g_free (db_dir);
  return status;
}
