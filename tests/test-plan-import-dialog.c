/* test-plan-import-dialog.c: importing a plan from text on the Plans page
 *
 * Runs SyApplication on a demo database (as test-editor.c does), opens the
 * plan import dialog with plans.import, sets a text, waits for the preview,
 * imports, and checks that the Plans list has the new plan with its items;
 * text without an outline shows the error and cannot be imported.
 * Screenshots go to the build directory.  Needs a display (xvfb-run).
 */
#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sy-application.h"
#include "sy-demo.h"
#include "sy-plan-import-dialog.h"
#include "sy-plans-page.h"
#include "sy-window.h"

#define TIMEOUT_MS 30000

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
static int test_status;

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition cond, gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_MS * 1000;
  guint tick = g_timeout_add (20, wake_up, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

static void
after_paint (GdkFrameClock *clock, GtkWidget *window)
{
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "frames"));

  g_object_set_data (G_OBJECT (window), "frames", GUINT_TO_POINTER (frames + 1));
}

typedef struct { GtkWidget *window; guint target; } FrameWait;

static gboolean
frames_reached (gpointer data)
{
  FrameWait *wait = data;

  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (wait->window), "frames")) >= wait->target;
}

static void
wait_for_frame (GtkWidget *window)
{
  if (g_object_get_data (G_OBJECT (window), "frames-watched") == NULL)
    {
      g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                               G_CALLBACK (after_paint), window, 0);
      g_object_set_data (G_OBJECT (window), "frames-watched", GINT_TO_POINTER (TRUE));
    }
  for (int i = 0; i < 2; i++)
    {
      FrameWait wait = { window,
                         GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "frames")) + 1 };

      gtk_widget_queue_draw (window);
      g_assert_true (wait_until (frames_reached, &wait));
    }
}

static void
save_screenshot (GtkWidget *window, const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file_name, NULL);
  int width, height;

  wait_for_frame (window);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d×%d)", path, width, height);
}

static SyWindow *
current_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (SY_IS_WINDOW (l->data))
      return SY_WINDOW (l->data);
  return NULL;
}

static gboolean
window_mapped (gpointer data)
{
  SyWindow *window = current_window ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static GtkWindow *
find_toplevel (GType type)
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

static gboolean
toplevel_mapped (gpointer data)
{
  GtkWindow *window = find_toplevel (GPOINTER_TO_SIZE (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

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
  g_assert_true (wait_until (toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_PLAN_IMPORT_DIALOG)));
  dialog = SY_PLAN_IMPORT_DIALOG (find_toplevel (SY_TYPE_PLAN_IMPORT_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (current_window ()));
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

  g_assert_true (wait_until (window_mapped, NULL));
  window = current_window ();
  sy_window_set_view (window, "plans");
  page = sy_window_get_page (window, "plans");
  dialog = open_dialog (page);

  g_assert_cmpint (sy_plan_import_dialog_get_year (dialog), ==, g_date_time_get_year (now));
  g_assert_false (sy_plan_import_dialog_can_import (dialog));

  sy_plan_import_dialog_set_text (dialog, "这是一段没有编号的文字。\n只是随手写的备注。\n");
  g_assert_false (sy_plan_import_dialog_can_import (dialog));
  g_assert_true (wait_until (parsed, dialog));
  g_assert_cmpuint (sy_plan_import_dialog_get_n_items (dialog), ==, 0);
  g_assert_nonnull (sy_plan_import_dialog_get_error (dialog));
  g_assert_false (sy_plan_import_dialog_can_import (dialog));
  save_screenshot (GTK_WIDGET (dialog), "plan-import-error");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "plan-import.cancel", NULL));
  g_assert_true (wait_until (pointer_cleared, &dialog));
}

static void
test_import (void)
{
  SyWindow *window = current_window ();
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
  g_assert_true (wait_until (parsed, dialog));
  g_assert_null (sy_plan_import_dialog_get_error (dialog));
  g_assert_cmpuint (sy_plan_import_dialog_get_n_items (dialog), ==, 7);
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 0), ==, "一、");
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 1), ==, "（一）");
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 2), ==, "（二）");
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 3), ==, "二、");
  g_assert_cmpstr (sy_plan_import_dialog_get_item_label (dialog, 4), ==, "1、");
  g_assert_true (sy_plan_import_dialog_can_import (dialog));
  save_screenshot (GTK_WIDGET (dialog), "plan-import-preview");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "plan-import.import", NULL));
  g_assert_true (wait_until (pointer_cleared, &dialog));

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
  save_screenshot (GTK_WIDGET (window), "plan-import-done");
}

static gboolean
run_tests (gpointer data)
{
  g_application_hold (G_APPLICATION (app));
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  test_status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
activated (GApplication *application, gpointer data)
{
  static gboolean started;

  if (!started)
    {
      started = TRUE;
      g_idle_add (run_tests, NULL);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  g_remove (path);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SHUANGYONG_LOCALEDIR") ? g_getenv ("SHUANGYONG_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  db_dir = g_dir_make_tmp ("sy-plan-import-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autoptr(SyDatabase) db = sy_database_open (db_dir, &error);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    g_assert_no_error (error);
    sy_demo_populate (db, 20261129, g_date_time_get_year (now) - 1, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  g_test_add_func ("/plan-import-dialog/garbage", test_garbage);
  g_test_add_func ("/plan-import-dialog/import", test_import);

  {
    char *app_argv[] = { "shuangyong", "--db", db_dir, NULL };

    app = sy_application_new ();
    g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
    g_signal_connect_after (app, "activate", G_CALLBACK (activated), NULL);
    status = g_application_run (G_APPLICATION (app), 3, app_argv);
    g_clear_object (&app);
  }

  remove_tree (db_dir);
  g_free (db_dir);
  return status != 0 ? status : test_status;
}
