/* sy-test-gui.c: start-up, main-loop, frame and screenshot helpers shared by the GUI tests */
#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sy-demo.h"
#include "sy-test-gui.h"

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @cond holds; FALSE on timeout.  The tick keeps
 * the loop from blocking forever when nothing else wakes it up. */
gboolean
sy_test_wait_until (SyTestCondition cond,
                    gpointer        data,
                    guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (20, wake_up, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

/* Each toplevel has its own frame clock: count the frames per window. */
static void
after_paint (GdkFrameClock *clock,
             GtkWidget     *window)
{
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "frames"));

  g_object_set_data (G_OBJECT (window), "frames", GUINT_TO_POINTER (frames + 1));
}

static guint
frames_painted (GtkWidget *window)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "frames"));
}

typedef struct {
  GtkWidget *window;
  guint      target;
} FrameWait;

static gboolean
frames_reached (gpointer data)
{
  FrameWait *wait = data;

  return frames_painted (wait->window) >= wait->target;
}

/* Starts counting @window's frames; it must be realized.  Idempotent. */
void
sy_test_watch_frames (GtkWidget *window)
{
  GdkFrameClock *clock;

  if (g_object_get_data (G_OBJECT (window), "frames-watched") != NULL)
    return;
  clock = gtk_widget_get_frame_clock (window);
  g_assert_nonnull (clock);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint), window, 0);
  g_object_set_data (G_OBJECT (window), "frames-watched", GINT_TO_POINTER (TRUE));
}

/* Waits until @window has painted two frames from now: the first may have
 * started before the latest change, the second has laid it out. */
void
sy_test_wait_for_frame (GtkWidget *window)
{
  sy_test_watch_frames (window);
  for (int i = 0; i < 2; i++)
    {
      FrameWait wait = { window, frames_painted (window) + 1 };

      gtk_widget_queue_draw (window);
      g_assert_true (sy_test_wait_until (frames_reached, &wait, SY_TEST_TIMEOUT_MS));
    }
}

/* Renders @window (after its next frame) to screenshot-@name.png in the
 * build directory, for a human to look at. */
void
sy_test_save_screenshot (GtkWidget  *window,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file_name, NULL);
  int width, height;

  sy_test_wait_for_frame (window);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d×%d)", path, width, height);
}

/* The first toplevel of @type, or NULL. */
GtkWindow *
sy_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

GtkWindow *
sy_test_open_toplevel (GtkApplication *app,
                       const char     *action,
                       GType           type)
{
  SyWindow *window = sy_test_current_window (app);

  g_assert_nonnull (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (type),
                                     SY_TEST_TIMEOUT_MS));
  return sy_test_find_toplevel (type);
}

/* A condition: @type (GSIZE_TO_POINTER of a GType) has a mapped toplevel. */
gboolean
sy_test_toplevel_mapped (gpointer type)
{
  GtkWindow *window = sy_test_find_toplevel (GPOINTER_TO_SIZE (type));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* A condition: the pointer at @location (a weak pointer) has been cleared. */
gboolean
sy_test_pointer_cleared (gpointer location)
{
  return *(gpointer *) location == NULL;
}

/* g_test_init, then the locale and catalog as main.c sets them up: the
 * screenshots show the app as a zh_CN user sees it. */
void
sy_test_init (int    *argc,
              char ***argv)
{
  const char *localedir = g_getenv ("SHUANGYONG_LOCALEDIR");

  g_test_init (argc, argv, NULL);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* A new temporary directory (from @tmpl, as for g_dir_make_tmp) holding a
 * database filled with last year's demo data.  Free with g_free. */
char *
sy_test_make_demo_database (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  db = sy_database_open (dir, &error);
  g_assert_no_error (error);
  sy_demo_populate (db, 20261129, g_date_time_get_year (now) - 1, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

typedef struct {
  GApplication *app;
  gboolean      started;
  int           status;
} TestRun;

static gboolean
run_tests (gpointer data)
{
  TestRun *run = data;

  /* The tests close windows; the application must outlive that. */
  g_application_hold (run->app);
  /* Screenshots show the final state, not a CSS transition halfway. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  run->status = g_test_run ();
  g_application_release (run->app);
  g_application_quit (run->app);
  return G_SOURCE_REMOVE;
}

static void
activated (GApplication *application,
           TestRun      *run)
{
  if (!run->started)
    {
      run->started = TRUE;
      g_idle_add (run_tests, run);
    }
}

/* Runs @app on the database in @db_dir and the registered test cases from
 * an idle callback once it has activated; returns the exit status to use. */
int
sy_test_run_application (SyApplication *app,
                         const char    *db_dir)
{
  g_autofree char *dir = g_strdup (db_dir);
  char *app_argv[] = { "shuangyong", "--db", dir, NULL };
  TestRun run = { G_APPLICATION (app), FALSE, 0 };
  gulong handler;
  int status;

  /* Another instance on the session bus must not take over the test. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  handler = g_signal_connect_after (app, "activate", G_CALLBACK (activated), &run);
  /* Without a folder the settings choose the database, as for a user. */
  status = g_application_run (G_APPLICATION (app), db_dir != NULL ? G_N_ELEMENTS (app_argv) - 1 : 1,
                              app_argv);
  g_signal_handler_disconnect (app, handler);
  return status != 0 ? status : run.status;
}

SyWindow *
sy_test_current_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (SY_IS_WINDOW (l->data))
      return SY_WINDOW (l->data);
  return NULL;
}

gboolean
sy_test_window_mapped (gpointer app)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

GtkWidget *
sy_test_find_descendant (GtkWidget *widget, GType type, GType not_inside)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (not_inside != G_TYPE_INVALID && G_TYPE_CHECK_INSTANCE_TYPE (child, not_inside))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = sy_test_find_descendant (child, type, not_inside)) != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
sy_test_find_action_button (GtkWidget *widget, const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = sy_test_find_action_button (child, action)) != NULL)
        return found;
    }
  return NULL;
}

/* --- key presses ------------------------------------------------------------------ */

/* The first shortcut of @controller triggered by @trigger that acts. */
static gboolean
run_shortcuts (GtkEventController *controller,
               GtkShortcutTrigger *trigger)
{
  GtkWidget *widget = gtk_event_controller_get_widget (controller);
  GListModel *shortcuts = G_LIST_MODEL (controller);

  if (!gtk_widget_is_sensitive (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shortcuts, i);
      GtkShortcut *shortcut = GTK_IS_SHORTCUT (item) ? GTK_SHORTCUT (item) : NULL;

      if (shortcut != NULL && gtk_shortcut_get_trigger (shortcut) != NULL
          && gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger)
          && gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                           widget, gtk_shortcut_get_arguments (shortcut)))
        return TRUE;
    }
  return FALSE;
}

/* The shortcut controllers of @widget in @phase: local ones when @local,
 * else the global and managed ones of @widget and all below it. */
static gboolean
run_controllers (GtkWidget           *widget,
                 GtkPropagationPhase  phase,
                 gboolean             local,
                 GtkShortcutTrigger  *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller)
          && gtk_event_controller_get_propagation_phase (controller) == phase
          && (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller))
              == GTK_SHORTCUT_SCOPE_LOCAL) == local
          && run_shortcuts (controller, trigger))
        return TRUE;
    }
  if (local)
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (run_controllers (child, phase, FALSE, trigger))
      return TRUE;
  return FALSE;
}

gboolean
sy_test_press_shortcut (GtkWidget  *window,
                        const char *accelerator)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accelerator);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  gboolean handled = FALSE;

  g_assert_nonnull (trigger);
  for (GtkWidget *w = focus != NULL ? focus : window; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (path, 0, w);

  handled = run_controllers (window, GTK_PHASE_CAPTURE, FALSE, trigger);
  for (guint i = 0; !handled && i < path->len; i++)
    handled = run_controllers (path->pdata[i], GTK_PHASE_CAPTURE, TRUE, trigger);
  for (guint i = path->len; !handled && i > 0; i--)
    handled = run_controllers (path->pdata[i - 1], GTK_PHASE_TARGET, TRUE, trigger)
              || run_controllers (path->pdata[i - 1], GTK_PHASE_BUBBLE, TRUE, trigger);
  if (!handled)
    handled = run_controllers (window, GTK_PHASE_BUBBLE, FALSE, trigger);
  return handled;
}

int
sy_test_run_on_demo (SyApplication **app,
                     char          **db_dir,
                     const char     *tmpl)
{
  int status;

  *db_dir = sy_test_make_demo_database (tmpl);
  *app = sy_application_new ();
  status = sy_test_run_application (*app, *db_dir);
  g_clear_object (app);
  sy_test_remove_tree (*db_dir);
  g_clear_pointer (db_dir, g_free);
  return status;
}

gint64
sy_test_query_int (SyApplication *app,
                   const char    *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (sy_database_query_int64 (sy_application_get_database (app), &value, sql, &error, NULL));
  g_assert_no_error (error);
  return value;
}

void
sy_test_close_message_dialogs (void)
{
  GtkWindow *dialog;

  while ((dialog = sy_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
}

void
sy_test_answer_dialog (AdwMessageDialog *dialog,
                       const char       *response)
{
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

gboolean
sy_test_backup_idle (gpointer app)
{
  return !sy_application_is_backing_up (SY_APPLICATION (app));
}

SyPreferencesWindow *
sy_test_open_preferences (GtkApplication *app)
{
  return SY_PREFERENCES_WINDOW (sy_test_open_toplevel (app, "app.preferences",
                                                       SY_TYPE_PREFERENCES_WINDOW));
}

gboolean
sy_test_preferences_idle (gpointer prefs)
{
  return !sy_preferences_window_is_testing (SY_PREFERENCES_WINDOW (prefs));
}
