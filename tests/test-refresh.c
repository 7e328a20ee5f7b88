/* test-refresh.c: lists follow another desk's changes without user action (issue 7) */
#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "sy-application.h"
#include "sy-store.h"
#include "sy-test-gui.h"
#include "sy-window.h"

static SyApplication *app;
static char *db_dir;

static gboolean
find_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;
  return FALSE;
}

typedef struct {
  GtkWidget *list;
  guint      n;
} RowsWait;

static gboolean
list_has_n_rows (gpointer data)
{
  RowsWait *w = data;
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (w->list)));

  return model != NULL && g_list_model_get_n_items (model) == w->n;
}

static gboolean
list_has_rows (gpointer data)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (data)));

  return model != NULL && g_list_model_get_n_items (model) > 0;
}

static gboolean
no (gpointer data)
{
  return FALSE;
}

static void
save_person (SyDatabase *db, const char *name, const char *id_number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipientRepo) repo = sy_recipient_repo_new (db);
  g_autoptr(SyRecipient) r = sy_recipient_new ();

  sy_recipient_set_name (r, name);
  sy_recipient_set_id_number (r, id_number);
  sy_recipient_set_village (r, "东湖村");
  g_assert_true (sy_recipient_repo_save (repo, r, NULL, &error));
  g_assert_no_error (error);
}

static void
test_other_desk (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  SyDatabase *own = sy_application_get_database (app);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) other = NULL;
  const char *note = _("Another user updated the data");
  RowsWait w = { 0 };
  GtkWidget *page;

  g_settings_set_int (settings, "refresh-interval", 1);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view-recipients", NULL);
  page = sy_window_get_page (window, "recipients");
  w.list = sy_test_find_descendant (page, GTK_TYPE_COLUMN_VIEW, ADW_TYPE_PREFERENCES_PAGE);
  g_assert_true (sy_test_wait_until (list_has_rows, w.list, SY_TEST_TIMEOUT_MS));
  w.n = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (w.list))));
  sy_test_wait_until (no, NULL, 2500);   /* the watcher's baseline, at the new interval */

  /* This desk's own writes, on the window's connection or a worker
   * thread's (an import): no note (what wrote reloads itself). */
  save_person (own, "刷新甲", "360426199101010071");
  {
    g_autoptr(SyDatabase) worker = sy_database_open (sy_database_get_directory (own), &error);
    g_assert_no_error (error);
    save_person (worker, "刷新丙", "110105194912310038");
  }
  sy_test_wait_until (no, NULL, 3000);
  g_assert_false (find_label (GTK_WIDGET (window), note));

  /* Another connection's write shows up by itself, with the note. */
  other = sy_database_open (sy_database_get_directory (own), &error);
  g_assert_no_error (error);
  sy_database_set_own_writes_private (other);   /* another desk */
  save_person (other, "刷新乙", "11010519491231002X");
  w.n += 3;
  g_assert_true (sy_test_wait_until (list_has_n_rows, &w, 10000));
  g_assert_true (find_label (GTK_WIDGET (window), note));
}

int
main (int argc, char *argv[])
{
  sy_test_init (&argc, &argv);

  g_test_add_func ("/refresh/other-desk", test_other_desk);

  return sy_test_run_on_demo (&app, &db_dir, "sy-refresh-XXXXXX");
}
