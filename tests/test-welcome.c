/* test-welcome.c: the first start on an empty database, the office dialog and Help
 *
 * Each case starts its own application on its own database directory, as a
 * user starting the app does, and drives the welcome page through its
 * widgets.  SHUANGYONG_DEMO (set for the other GUI tests, which expect the
 * demo office on a first start) is unset: the welcome page is the default.
 */
#include <glib/gi18n.h>

#include "sy-import-dialog.h"
#include "sy-test-gui.h"
#include "sy-welcome-page.h"

typedef struct {
  char          *dir;
  SyApplication *app;
  SyWindow      *window;
} Start;

static void
start_app (Start      *start,
           const char *dir)
{
  g_autoptr(GError) error = NULL;

  start->dir = g_strdup (dir);
  start->app = sy_application_new ();
  g_application_set_flags (G_APPLICATION (start->app), G_APPLICATION_NON_UNIQUE);
  sy_application_set_database_directory (start->app, dir);
  g_assert_true (g_application_register (G_APPLICATION (start->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (start->app));
  g_assert_true (sy_test_wait_until (sy_test_window_mapped, start->app, SY_TEST_TIMEOUT_MS));
  start->window = sy_test_current_window (GTK_APPLICATION (start->app));
  sy_test_watch_frames (GTK_WIDGET (start->window));
  sy_test_wait_for_frame (GTK_WIDGET (start->window));
}

static void
start_empty (Start *start)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sy-welcome-XXXXXX", &error);

  g_assert_no_error (error);
  start_app (start, dir);
}

static void
stop_app (Start    *start,
          gboolean  remove)
{
  GtkWindow *window = GTK_WINDOW (start->window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (window);
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &window, SY_TEST_TIMEOUT_MS));
  g_clear_object (&start->app);
  if (remove)
    sy_test_remove_tree (start->dir);
  g_clear_pointer (&start->dir, g_free);
}

static SyWelcomePage *
welcome_page (Start *start)
{
  GtkWidget *page = sy_test_find_descendant (GTK_WIDGET (start->window), SY_TYPE_WELCOME_PAGE,
                                             G_TYPE_INVALID);

  return page != NULL ? SY_WELCOME_PAGE (page) : NULL;
}

static gboolean
action_enabled (GtkWidget  *widget,
                const char *action)
{
  GtkWidget *button = sy_test_find_action_button (widget, action);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static void
click (GtkWidget  *widget,
       const char *action)
{
  GtkWidget *button = sy_test_find_action_button (widget, action);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
app_action_enabled (Start      *start,
                    const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (start->app), name);
}

static gboolean
populated (gpointer data)
{
  return !sy_application_is_populating (SY_APPLICATION (data));
}

static gboolean
model_has_rows (gpointer data)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (data)));

  return model != NULL && g_list_model_get_n_items (model) > 0;
}

/* Nothing listed, and the view's stack shows its "empty" page (the
 * status page that says what to do) instead of the list. */
static gboolean
view_shows_empty_state (SyWindow   *window,
                        const char *view)
{
  GtkWidget *page = sy_window_get_page (window, view);
  GtkWidget *list = sy_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE);
  GtkWidget *stack;

  g_assert_nonnull (list);
  stack = gtk_widget_get_ancestor (list, GTK_TYPE_STACK);
  while (stack != NULL && gtk_stack_get_child_by_name (GTK_STACK (stack), "empty") == NULL)
    stack = gtk_widget_get_ancestor (gtk_widget_get_parent (stack), GTK_TYPE_STACK);
  g_assert_nonnull (stack);
  return !model_has_rows (list)
         && g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "empty") == 0;
}

/* --- the welcome page --------------------------------------------------------------- */

static void
test_start_empty (void)
{
  Start start = { 0 };
  SyWelcomePage *page;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyUnit) office = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *setting = NULL;

  start_empty (&start);
  g_assert_true (sy_application_is_welcoming (start.app));
  g_assert_false (sy_application_is_populating (start.app));
  page = welcome_page (&start);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  /* The office cannot be edited before there is one. */
  g_assert_false (app_action_enabled (&start, "office"));

  /* Nothing typed: only the demo can start. */
  g_assert_false (action_enabled (GTK_WIDGET (page), "welcome.start-empty"));
  g_assert_false (action_enabled (GTK_WIDGET (page), "welcome.import"));
  g_assert_true (action_enabled (GTK_WIDGET (page), "welcome.demo"));
  g_assert_cmpstr (sy_welcome_page_get_error (page), ==, "");

  /* Blanks are not a name. */
  gtk_editable_set_text (sy_welcome_page_get_name_row (page), "   ");
  g_assert_false (action_enabled (GTK_WIDGET (page), "welcome.start-empty"));
  gtk_editable_set_text (sy_welcome_page_get_name_row (page), " 测试县双拥办 ");
  g_assert_true (action_enabled (GTK_WIDGET (page), "welcome.start-empty"));
  g_assert_true (action_enabled (GTK_WIDGET (page), "welcome.import"));

  /* A bad region code says so and holds the buttons back. */
  {
    const char *bad[] = { "12345", "1101050", "11010a", "011000", "１１０１０５" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        gtk_editable_set_text (sy_welcome_page_get_region_row (page), bad[i]);
        g_assert_cmpstr (sy_welcome_page_get_error (page), !=, "");
        g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (sy_welcome_page_get_region_row (page)), "error"));
        g_assert_false (action_enabled (GTK_WIDGET (page), "welcome.start-empty"));
        g_assert_false (action_enabled (GTK_WIDGET (page), "welcome.import"));
      }
  }
  gtk_editable_set_text (sy_welcome_page_get_region_row (page), "110105");
  g_assert_cmpstr (sy_welcome_page_get_error (page), ==, "");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (sy_welcome_page_get_region_row (page)), "error"));
  g_assert_true (action_enabled (GTK_WIDGET (page), "welcome.start-empty"));
  adw_combo_row_set_selected (sy_welcome_page_get_level_row (page), 1);  /* 乡镇 */

  sy_test_wait_for_frame (GTK_WIDGET (start.window));
  sy_test_save_screenshot (GTK_WIDGET (start.window), "welcome");

  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  click (GTK_WIDGET (page), "welcome.start-empty");
  g_assert_false (sy_application_is_welcoming (start.app));
  g_assert_false (sy_application_is_populating (start.app));
  /* The page is used once and goes; the views show their empty states. */
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &page, SY_TEST_TIMEOUT_MS));
  sy_test_wait_for_frame (GTK_WIDGET (start.window));
  g_assert_true (app_action_enabled (&start, "office"));
  g_assert_true (view_shows_empty_state (start.window, "recipients"));
  sy_window_set_view (start.window, "recipients");
  sy_test_wait_for_frame (GTK_WIDGET (start.window));
  sy_test_save_screenshot (GTK_WIDGET (start.window), "welcome-started-empty");

  /* The office is the unit without parent, and the setting the ledger
   * cover and the rosters read says the same. */
  db = g_object_ref (sy_application_get_database (start.app));
  office = sy_queries_office (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (office);
  g_assert_cmpstr (sy_unit_get_name (office), ==, "测试县双拥办");
  g_assert_cmpstr (sy_unit_get_level (office), ==, "乡镇");
  g_assert_cmpstr (sy_unit_get_region_code (office), ==, "110105");
  g_assert_cmpint (sy_unit_get_parent_id (office), ==, 0);
  setting = sy_database_get_setting (db, "office-name");
  g_assert_cmpstr (setting, ==, "测试县双拥办");
  g_clear_object (&db);

  /* Ctrl+F (win.search) goes to the search field of the view shown. */
  sy_window_set_view (start.window, "events");
  sy_test_wait_for_frame (GTK_WIDGET (start.window));
  g_action_group_activate_action (G_ACTION_GROUP (start.window), "search", NULL);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (start.window));

    g_assert_nonnull (focus);
    g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
    g_assert_true (gtk_widget_is_ancestor (focus, sy_window_get_page (start.window, "events")));
  }

  stop_app (&start, TRUE);
}

/* The office saved, a second start goes straight to the views. */
static void
test_second_start (void)
{
  Start start = { 0 };
  g_autofree char *dir = NULL;
  SyWelcomePage *page;

  start_empty (&start);
  page = welcome_page (&start);
  gtk_editable_set_text (sy_welcome_page_get_name_row (page), "第二次启动测试办");
  click (GTK_WIDGET (page), "welcome.start-empty");
  dir = g_strdup (start.dir);
  stop_app (&start, FALSE);

  start_app (&start, dir);
  g_assert_false (sy_application_is_welcoming (start.app));
  g_assert_false (sy_application_is_populating (start.app));
  g_assert_null (welcome_page (&start));
  g_assert_true (app_action_enabled (&start, "office"));
  g_assert_true (view_shows_empty_state (start.window, "plans"));
  stop_app (&start, TRUE);
}

/* The demo needs no form: the demo office comes with its own name. */
static void
test_demo (void)
{
  Start start = { 0 };
  SyWelcomePage *page;
  GtkWidget *list;
  g_autofree char *setting = NULL;

  start_empty (&start);
  page = welcome_page (&start);
  click (GTK_WIDGET (page), "welcome.demo");
  g_assert_true (sy_application_is_populating (start.app));
  g_assert_false (sy_application_is_welcoming (start.app));
  g_assert_null (welcome_page (&start));
  g_assert_false (app_action_enabled (&start, "office"));

  g_assert_true (sy_test_wait_until (populated, start.app, SY_TEST_TIMEOUT_MS));
  list = sy_test_find_descendant (sy_window_get_page (start.window, "recipients"),
                                  GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE);
  g_assert_true (sy_test_wait_until (model_has_rows, list, SY_TEST_TIMEOUT_MS));
  setting = sy_database_get_setting (sy_application_get_database (start.app), "office-name");
  g_assert_nonnull (setting);
  g_assert_cmpstr (setting, !=, "");
  g_assert_true (app_action_enabled (&start, "office"));
  /* Only the window: no error dialog. */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (start.app))), ==, 1);
  stop_app (&start, TRUE);
}

/* SHUANGYONG_DEMO / --demo (build-aux/dev run): the demo at once. */
static void
test_demo_if_empty (void)
{
  Start start = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sy-welcome-XXXXXX", &error);

  g_assert_no_error (error);
  start.dir = g_strdup (dir);
  start.app = sy_application_new ();
  g_application_set_flags (G_APPLICATION (start.app), G_APPLICATION_NON_UNIQUE);
  sy_application_set_database_directory (start.app, dir);
  sy_application_set_demo_if_empty (start.app, TRUE);
  g_assert_true (g_application_register (G_APPLICATION (start.app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (start.app));
  g_assert_true (sy_application_is_populating (start.app));
  g_assert_false (sy_application_is_welcoming (start.app));
  g_assert_true (sy_test_wait_until (sy_test_window_mapped, start.app, SY_TEST_TIMEOUT_MS));
  start.window = sy_test_current_window (GTK_APPLICATION (start.app));
  g_assert_null (welcome_page (&start));
  g_assert_true (sy_test_wait_until (populated, start.app, SY_TEST_TIMEOUT_MS));
  stop_app (&start, TRUE);
}

/* Import: the office first, then the Recipients view's import dialog. */
static void
test_import (void)
{
  Start start = { 0 };
  SyWelcomePage *page;
  GtkWindow *dialog;
  g_autoptr(SyUnit) office = NULL;

  start_empty (&start);
  page = welcome_page (&start);
  gtk_editable_set_text (sy_welcome_page_get_name_row (page), "导入测试办");
  click (GTK_WIDGET (page), "welcome.import");

  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_IMPORT_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  dialog = sy_test_find_toplevel (SY_TYPE_IMPORT_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (start.window));
  g_assert_cmpstr (sy_import_dialog_get_step (SY_IMPORT_DIALOG (dialog)), ==, "choose");
  g_assert_cmpstr (sy_window_get_view (start.window), ==, "recipients");
  office = sy_queries_office (sy_application_get_database (start.app), NULL);
  g_assert_nonnull (office);
  g_assert_cmpstr (sy_unit_get_name (office), ==, "导入测试办");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (dialog);
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
  stop_app (&start, TRUE);
}

/* A second launch while the welcome page waits brings it back: one form. */
static void
test_second_launch_while_welcoming (void)
{
  Start start = { 0 };

  start_empty (&start);
  g_application_activate (G_APPLICATION (start.app));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (start.app))), ==, 1);
  g_assert_true (sy_application_is_welcoming (start.app));
  stop_app (&start, TRUE);
}

/* --- the office ------------------------------------------------------------------- */

static void
test_save_office_checks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sy-welcome-XXXXXX", &error);
  g_autoptr(SyDatabase) db = sy_database_open (dir, &error);

  g_assert_no_error (error);

  g_assert_true (sy_welcome_region_code_valid (NULL));
  g_assert_true (sy_welcome_region_code_valid (""));
  g_assert_true (sy_welcome_region_code_valid ("110105"));
  g_assert_false (sy_welcome_region_code_valid ("010105"));
  g_assert_false (sy_welcome_region_code_valid ("11010"));
  g_assert_false (sy_welcome_region_code_valid ("11010x"));

  g_assert_false (sy_welcome_save_office (db, " ", "县", "110105", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sy_welcome_save_office (db, "某县", "县", "1101", &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1101"));
  g_clear_error (&error);
  /* Refused input leaves the database as it was: still a first start. */
  g_assert_true (sy_database_is_empty (db));

  /* Saving twice updates the one office rather than adding a second. */
  g_assert_true (sy_welcome_save_office (db, "某县", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sy_welcome_save_office (db, "某县双拥办", "县", "110105", &error));
  g_assert_no_error (error);
  {
    gint64 n = 0;
    g_autoptr(SyUnit) office = sy_queries_office (db, NULL);
    g_autofree char *level = sy_database_get_setting (db, "office-level");

    g_assert_true (sy_database_query_int64 (db, &n, "SELECT COUNT(*) FROM unit", NULL, NULL));
    g_assert_cmpint (n, ==, 1);
    g_assert_cmpstr (sy_unit_get_name (office), ==, "某县双拥办");
    g_assert_cmpstr (level, ==, "县");
  }
  g_clear_object (&db);
  sy_test_remove_tree (dir);
}

static gboolean
message_dialog_mapped (gpointer data)
{
  return sy_test_toplevel_mapped (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
}

/* Office… from the main menu: the form filled in, Save writes it. */
static void
test_office_dialog (void)
{
  Start start = { 0 };
  SyWelcomePage *page;
  AdwMessageDialog *dialog;
  GtkWidget *name_row, *region_row;
  g_autoptr(SyUnit) office = NULL;
  g_autofree char *setting = NULL;

  start_empty (&start);
  page = welcome_page (&start);
  gtk_editable_set_text (sy_welcome_page_get_name_row (page), "旧名称");
  adw_combo_row_set_selected (sy_welcome_page_get_level_row (page), 0);  /* 县 */
  click (GTK_WIDGET (page), "welcome.start-empty");

  g_action_group_activate_action (G_ACTION_GROUP (start.app), "office", NULL);
  g_assert_true (sy_test_wait_until (message_dialog_mapped, NULL, SY_TEST_TIMEOUT_MS));
  dialog = ADW_MESSAGE_DIALOG (sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  sy_test_watch_frames (GTK_WIDGET (dialog));
  sy_test_wait_for_frame (GTK_WIDGET (dialog));

  name_row = sy_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, G_TYPE_INVALID);
  g_assert_nonnull (name_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "旧名称");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  /* The region row is the entry row after the combo row. */
  region_row = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (name_row));
  g_assert_true (ADW_IS_ENTRY_ROW (region_row));
  gtk_editable_set_text (GTK_EDITABLE (region_row), "99");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (region_row), "320102");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "新名称双拥办");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  sy_test_wait_for_frame (GTK_WIDGET (dialog));
  sy_test_save_screenshot (GTK_WIDGET (dialog), "office-dialog");

  /* What the Save button does (the button then closes the dialog). */
  adw_message_dialog_response (dialog, "save");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));

  office = sy_queries_office (sy_application_get_database (start.app), NULL);
  g_assert_cmpstr (sy_unit_get_name (office), ==, "新名称双拥办");
  g_assert_cmpstr (sy_unit_get_level (office), ==, "县");
  g_assert_cmpstr (sy_unit_get_region_code (office), ==, "320102");
  setting = sy_database_get_setting (sy_application_get_database (start.app), "office-name");
  g_assert_cmpstr (setting, ==, "新名称双拥办");
  stop_app (&start, TRUE);
}

/* --- help ---------------------------------------------------------------------------- */

static void
test_help (void)
{
  g_autofree char *source_help = g_test_build_filename (G_TEST_DIST, "..", "docs", "help", NULL);
  g_autofree char *path = NULL;
  g_autoptr(SyApplication) app = sy_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;

  g_setenv ("SHUANGYONG_HELPDIR", source_help, TRUE);
  path = sy_application_get_help_file ();
  g_assert_nonnull (path);
  g_assert_true (g_str_has_suffix (path, "index.html"));
  g_clear_pointer (&path, g_free);

  g_setenv ("SHUANGYONG_HELPDIR", "/nonexistent/help", TRUE);
  g_assert_null (sy_application_get_help_file ());
  g_unsetenv ("SHUANGYONG_HELPDIR");

  /* F1 opens it, from the app menu's Help. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_true (g_strv_contains ((const char *const *) accels, "F1"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.search");
  g_assert_true (g_strv_contains ((const char *const *) accels, "<Control>f"));
}

int
main (int   argc,
      char *argv[])
{
  /* The welcome page is what a user sees: no demo shortcut. */
  g_unsetenv ("SHUANGYONG_DEMO");
  sy_test_init (&argc, &argv);
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/welcome/start-empty", test_start_empty);
  g_test_add_func ("/welcome/second-start", test_second_start);
  g_test_add_func ("/welcome/demo", test_demo);
  g_test_add_func ("/welcome/demo-if-empty", test_demo_if_empty);
  g_test_add_func ("/welcome/import", test_import);
  g_test_add_func ("/welcome/second-launch", test_second_launch_while_welcoming);
  g_test_add_func ("/welcome/save-office", test_save_office_checks);
  g_test_add_func ("/welcome/office-dialog", test_office_dialog);
  g_test_add_func ("/welcome/help", test_help);

  return g_test_run ();
}
