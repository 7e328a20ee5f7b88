/* test-plans-page.c: editing a plan's outline on the Plans page
 *
 * Runs SyApplication on a demo database, opens the newest demo plan,
 * selects an item, adds a sub-item (outline.add-child), indents and
 * outdents it through the tree's own keyboard shortcuts (Tab, Shift+Tab),
 * deletes it with the Delete shortcut and brings it back with the Undo
 * button of the toast, checking the database after each step; collapsed
 * sections stay collapsed across edits.  Also opens the Upcoming view and
 * the leading group dialog.  Screenshots go to the build directory.
 * Needs a display (xvfb-run).
 */
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "sy-application.h"
#include "sy-leading-group-dialog.h"
#include "sy-new-plan-dialog.h"
#include "sy-plan-outline-editor.h"
#include "sy-plans-page.h"
#include "sy-test-gui.h"
#include "sy-window.h"

static SyApplication *app;
static char *db_dir;

static SyDatabase *
db (void)
{
  return sy_application_get_database (app);
}

static gint64
query (const char *sql, gint64 id)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (sy_database_query_int64 (db (), &value, sql, &error, "id", G_TYPE_INT64, id, NULL));
  g_assert_no_error (error);
  return value;
}

/* Runs the shortcut of @view whose trigger reads @trigger ("Tab",
 * "<Shift>Tab" …), as a key press on the tree would. */
static void
press (GtkWidget *view, const char *trigger)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, view, NULL));
              return;
            }
        }
    }
  g_error ("no shortcut %s on the outline", trigger);
}

static gboolean
has_rows (gpointer outline)
{
  return sy_plan_outline_editor_get_n_rows (outline) > 0;
}

static GtkWidget *
find_button_labelled (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0
      && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  GtkWidget  *root;
  const char *label;
} ButtonSearch;

static gboolean
button_shown (gpointer data)
{
  ButtonSearch *search = data;
  return find_button_labelled (search->root, search->label) != NULL;
}

static GtkTreeListRow *
row_of (SyPlanOutlineEditor *outline, gint64 id)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (sy_plan_outline_editor_get_view (outline));
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (sy_record_get_id (SY_RECORD (item)) == id)
        return g_steal_pointer (&row);
    }
  return NULL;
}

static void
test_outline (void)
{
  SyWindow *window;
  SyPlansPage *page;
  SyPlanOutlineEditor *outline;
  GtkWidget *view;
  gint64 plan_id, section, first_top, other_top, added, prev, parent_level;
  gint64 n_before;
  SyPlanItem *item;
  g_autoptr(GtkTreeListRow) collapsed_row = NULL;
  ButtonSearch search;
  GtkWidget *undo;

  g_assert_true (sy_test_wait_until (sy_test_window_mapped, app, SY_TEST_TIMEOUT_MS));
  window = sy_test_current_window (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  sy_window_set_view (window, "plans");
  page = SY_PLANS_PAGE (sy_window_get_page (window, "plans"));
  outline = sy_plans_page_get_outline (page);
  view = sy_plan_outline_editor_get_view (outline);

  plan_id = query ("SELECT MAX(id) FROM plan WHERE year = (SELECT MAX(year) FROM plan) AND id > ##id::gint64", 0);
  g_assert_cmpint (plan_id, >, 0);
  g_assert_true (sy_plans_page_select_plan (page, plan_id));
  g_assert_true (sy_test_wait_until (has_rows, outline, SY_TEST_TIMEOUT_MS));
  g_assert_cmpint (sy_plan_outline_editor_get_plan_id (outline), ==, plan_id);

  /* The first section (（一）) of the first heading, and another heading to
   * collapse. */
  first_top = query ("SELECT id FROM plan_item WHERE parent_id IS NULL AND plan_id = ##id::gint64 "
                     "ORDER BY position, id LIMIT 1", plan_id);
  other_top = query ("SELECT id FROM plan_item WHERE parent_id IS NULL AND plan_id = ##id::gint64 "
                     "ORDER BY position DESC, id DESC LIMIT 1", plan_id);
  section = query ("SELECT id FROM plan_item WHERE parent_id = ##id::gint64 ORDER BY position, id LIMIT 1",
                   first_top);
  g_assert_cmpint (section, >, 0);
  g_assert_cmpint (other_top, !=, first_top);
  collapsed_row = row_of (outline, other_top);
  g_assert_nonnull (collapsed_row);
  gtk_tree_list_row_set_expanded (collapsed_row, FALSE);

  g_assert_true (sy_plan_outline_editor_select (outline, section));
  item = sy_plan_outline_editor_get_selected (outline);
  g_assert_cmpint (sy_record_get_id (SY_RECORD (item)), ==, section);
  parent_level = sy_plan_item_get_level (item);
  n_before = query ("SELECT COUNT(*) FROM plan_item WHERE parent_id = ##id::gint64", section);
  g_assert_cmpint (n_before, >, 0);
  gtk_widget_grab_focus (view);

  /* Add a sub-item: the last child of the section. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (outline), "outline.add-child", NULL));
  item = sy_plan_outline_editor_get_selected (outline);
  g_assert_nonnull (item);
  added = sy_record_get_id (SY_RECORD (item));
  g_assert_cmpint (query ("SELECT COUNT(*) FROM plan_item WHERE parent_id = ##id::gint64", section), ==, n_before + 1);
  g_assert_cmpint (query ("SELECT parent_id FROM plan_item WHERE id = ##id::gint64", added), ==, section);
  g_assert_cmpint (query ("SELECT position FROM plan_item WHERE id = ##id::gint64", added), ==, n_before);
  g_assert_cmpint (query ("SELECT level FROM plan_item WHERE id = ##id::gint64", added), ==, parent_level + 1);
  g_assert_cmpstr (sy_plan_item_get_title (item), ==, _("New item"));
  {
    g_autofree char *label = g_strdup_printf ("%" G_GINT64_FORMAT "、", n_before + 1);
    g_assert_cmpstr (sy_plan_item_get_label (item), ==, label);
  }
  prev = query ("SELECT id FROM plan_item WHERE parent_id = ##id::gint64 ORDER BY position DESC LIMIT 1 OFFSET 1",
                section);
  /* The heading collapsed before stays collapsed. */
  g_clear_object (&collapsed_row);
  collapsed_row = row_of (outline, other_top);
  g_assert_nonnull (collapsed_row);
  g_assert_false (gtk_tree_list_row_get_expanded (collapsed_row));
  sy_test_save_screenshot (GTK_WIDGET (window), "plans-added");

  /* Tab: under the previous sibling. */
  press (view, "Tab");
  g_assert_cmpint (query ("SELECT parent_id FROM plan_item WHERE id = ##id::gint64", added), ==, prev);
  g_assert_cmpint (query ("SELECT level FROM plan_item WHERE id = ##id::gint64", added), ==, parent_level + 2);
  g_assert_cmpint (sy_record_get_id (SY_RECORD (sy_plan_outline_editor_get_selected (outline))), ==, added);
  g_assert_cmpint (query ("SELECT COUNT(*) FROM plan_item WHERE parent_id = ##id::gint64", section), ==, n_before);

  /* Shift+Tab: back where it was. */
  press (view, "<Shift>Tab");
  g_assert_cmpint (query ("SELECT parent_id FROM plan_item WHERE id = ##id::gint64", added), ==, section);
  g_assert_cmpint (query ("SELECT position FROM plan_item WHERE id = ##id::gint64", added), ==, n_before);
  g_assert_cmpint (query ("SELECT level FROM plan_item WHERE id = ##id::gint64", added), ==, parent_level + 1);

  /* Alt+Up, then Alt+Down. */
  press (view, "<Alt>Up");
  g_assert_cmpint (query ("SELECT position FROM plan_item WHERE id = ##id::gint64", added), ==, n_before - 1);
  press (view, "<Alt>Down");
  g_assert_cmpint (query ("SELECT position FROM plan_item WHERE id = ##id::gint64", added), ==, n_before);

  /* Delete, then Undo from the toast. */
  press (view, "Delete");
  g_assert_cmpint (query ("SELECT COUNT(*) FROM plan_item WHERE id = ##id::gint64", added), ==, 0);
  g_assert_cmpint (query ("SELECT COUNT(*) FROM plan_item WHERE parent_id = ##id::gint64", section), ==, n_before);
  /* The item before it in its section takes the selection. */
  g_assert_cmpint (sy_record_get_id (SY_RECORD (sy_plan_outline_editor_get_selected (outline))), ==, prev);
  g_assert_nonnull (sy_plan_outline_editor_get_undo_toast (outline));
  search.root = GTK_WIDGET (window);
  search.label = _("_Undo");
  g_assert_true (sy_test_wait_until (button_shown, &search, SY_TEST_TIMEOUT_MS));
  sy_test_save_screenshot (GTK_WIDGET (window), "plans-deleted");
  undo = find_button_labelled (GTK_WIDGET (window), search.label);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_cmpint (query ("SELECT COUNT(*) FROM plan_item WHERE parent_id = ##id::gint64", section), ==, n_before + 1);
  item = sy_plan_outline_editor_get_selected (outline);
  g_assert_nonnull (item);
  g_assert_cmpstr (sy_plan_item_get_title (item), ==, _("New item"));
  g_assert_cmpint (sy_plan_item_get_parent_id (item), ==, section);
  g_assert_cmpint (sy_plan_item_get_position (item), ==, n_before);
  g_assert_null (sy_plan_outline_editor_get_undo_toast (outline));

  /* Rename it in the side pane: the first entry row is the title. */
  {
    GtkWidget *title_row = sy_test_find_descendant (GTK_WIDGET (outline), ADW_TYPE_ENTRY_ROW, G_TYPE_INVALID);
    gint64 restored = sy_record_get_id (SY_RECORD (item));
    g_autofree char *title = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(SyPlanItem) stored = NULL;

    g_assert_nonnull (title_row);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, _("New item"));
    gtk_editable_set_text (GTK_EDITABLE (title_row), "走访慰问驻地部队");
    g_signal_emit_by_name (title_row, "apply");
    stored = sy_database_load (db (), SY_TYPE_PLAN_ITEM, restored, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sy_plan_item_get_title (stored), ==, "走访慰问驻地部队");
    g_assert_cmpint (sy_record_get_id (SY_RECORD (sy_plan_outline_editor_get_selected (outline))), ==, restored);
  }

  /* A sub-item added to the collapsed heading opens it and is selected. */
  {
    g_autoptr(GtkTreeListRow) row = row_of (outline, other_top);
    gint64 child;

    g_assert_false (gtk_tree_list_row_get_expanded (row));
    g_assert_true (sy_plan_outline_editor_select (outline, other_top));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (outline), "outline.add-child", NULL));
    item = sy_plan_outline_editor_get_selected (outline);
    g_assert_nonnull (item);
    child = sy_record_get_id (SY_RECORD (item));
    g_assert_cmpint (sy_plan_item_get_parent_id (item), ==, other_top);
    g_assert_cmpint (query ("SELECT parent_id FROM plan_item WHERE id = ##id::gint64", child), ==, other_top);
    g_clear_object (&row);
    row = row_of (outline, other_top);
    g_assert_true (gtk_tree_list_row_get_expanded (row));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (outline), "outline.delete", NULL));
    g_assert_cmpint (query ("SELECT COUNT(*) FROM plan_item WHERE id = ##id::gint64", child), ==, 0);
    g_assert_nonnull (sy_plan_outline_editor_get_undo_toast (outline));
    adw_toast_dismiss (sy_plan_outline_editor_get_undo_toast (outline));
    g_assert_null (sy_plan_outline_editor_get_undo_toast (outline));
  }

  /* Select a task for the screenshot of the detail pane. */
  g_assert_true (sy_plan_outline_editor_select (outline, prev));
  sy_test_save_screenshot (GTK_WIDGET (window), "plans-outline");

  /* A node the office named itself, placed by the item's due date. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) soon = g_date_time_add_days (now, 10);
    g_autofree char *due = g_date_time_format (soon, "%Y-%m-%d");
    g_autofree char *expected = g_strdup_printf ("双拥宣传月启动仪式 · %s", due);
    g_autoptr(SyPlanRepo) repo = sy_plan_repo_new (db ());
    g_autoptr(SyPlanItem) item = SY_PLAN_ITEM (sy_database_load (db (), SY_TYPE_PLAN_ITEM, prev, NULL));
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) titles = NULL;

    g_assert_nonnull (item);
    sy_plan_item_set_time_node (item, "双拥宣传月启动仪式");
    sy_plan_item_set_due_date (item, due);
    g_assert_true (sy_plan_repo_save_fields (repo, item, &error));
    g_assert_no_error (error);
    sy_plans_page_show_view (page, "upcoming");
    titles = sy_plans_page_get_upcoming_titles (page);
    g_assert_true (g_strv_contains ((const char * const *) titles, expected));
  }
  sy_test_save_screenshot (GTK_WIDGET (window), "plans-upcoming");
  sy_plans_page_show_view (page, "plan");
  sy_test_save_screenshot (GTK_WIDGET (window), "plans-plan");
  sy_plans_page_show_view (page, "outline");
}

static void
test_leading_group (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  GtkWidget *page = sy_window_get_page (window, "plans");
  SyLeadingGroupDialog *dialog;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_true (gtk_widget_activate_action (page, "plans.leading-group", NULL));
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_LEADING_GROUP_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  dialog = SY_LEADING_GROUP_DIALOG (sy_test_find_toplevel (SY_TYPE_LEADING_GROUP_DIALOG));
  g_assert_cmpuint (sy_leading_group_dialog_get_n_members (dialog), >, 0);
  g_assert_true (sy_leading_group_dialog_set_date (dialog, "1990-01-01"));
  g_assert_cmpuint (sy_leading_group_dialog_get_n_members (dialog), ==, 0);
  g_assert_false (sy_leading_group_dialog_set_date (dialog, "not a date"));
  {
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    g_assert_true (sy_leading_group_dialog_set_date (dialog, today));
  }
  sy_test_save_screenshot (GTK_WIDGET (dialog), "leading-group");

  /* The roster of today as a PDF: the 组长 is in it. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("sy-roster-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir, "roster.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *contents = NULL;
    g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
    g_autoptr(GListModel) members = NULL;
    g_autoptr(SyLeadingGroupMember) head = NULL;
    gsize length = 0;

    g_assert_true (sy_leading_group_dialog_export_pdf (dialog, file, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, &length, &error));
    g_assert_cmpuint (length, >, 1000);
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
    members = sy_queries_leading_group (db (), g_date_time_format (now, "%Y-%m-%d"), &error);
    g_assert_no_error (error);
    head = g_list_model_get_item (members, 0);
    if (pdftotext != NULL)
      {
        g_autofree char *out = NULL;
        const char *argv[] = { pdftotext, path, "-", NULL };

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                     NULL, NULL, &error));
        g_assert_no_error (error);
        g_assert_nonnull (strstr (out, sy_leading_group_member_get_name (head)));
        g_assert_nonnull (strstr (out, "双拥工作领导小组成员名单"));
      }
    {
      /* Kept beside the screenshots for a look. */
      g_autofree char *keep = g_test_build_filename (G_TEST_BUILT, "leading-group-roster.pdf", NULL);
      g_autoptr(GFile) copy = g_file_new_for_path (keep);

      g_assert_true (g_file_copy (file, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
    }
    sy_test_remove_tree (dir);
  }
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
}

/* --- a new plan (Ctrl+N) and the search (Ctrl+F) -------------------------------- */

static guint
n_listed (SyPlansPage *page)
{
  GtkWidget *list = sy_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW,
                                             SY_TYPE_PLAN_OUTLINE_EDITOR);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (list))));
}

static SyNewPlanDialog *
open_new_plan_dialog (SyPlansPage *page)
{
  press (GTK_WIDGET (page), "<Control>n");
  g_assert_true (sy_test_wait_until (sy_test_toplevel_mapped, GSIZE_TO_POINTER (SY_TYPE_NEW_PLAN_DIALOG),
                                     SY_TEST_TIMEOUT_MS));
  return SY_NEW_PLAN_DIALOG (sy_test_find_toplevel (SY_TYPE_NEW_PLAN_DIALOG));
}

static void
close_dialog (SyNewPlanDialog *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (sy_test_wait_until (sy_test_pointer_cleared, &dialog, SY_TEST_TIMEOUT_MS));
}

static void
test_new_plan (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  SyPlansPage *page = SY_PLANS_PAGE (sy_window_get_page (window, "plans"));
  g_autoptr(SyUnit) office = sy_queries_office (db (), NULL);
  g_autoptr(SyPlanRepo) repo = sy_plan_repo_new (db ());
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_title = NULL;
  SyNewPlanDialog *dialog;
  gint64 taken_year, n_plans, plan_id, other = 0;

  sy_window_set_view (window, "plans");
  sy_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_nonnull (office);
  taken_year = query ("SELECT MAX(year) FROM plan WHERE id > ##id::gint64", 0);
  n_plans = query ("SELECT COUNT(*) FROM plan WHERE id > ##id::gint64", 0);
  g_assert_cmpint (query ("SELECT COUNT(*) FROM plan WHERE year = 2031 AND id > ##id::gint64", 0), ==, 0);

  /* A year the office already has a plan of: said at once, and refused. */
  dialog = open_new_plan_dialog (page);
  sy_new_plan_dialog_set_year (dialog, (int) taken_year);
  g_assert_nonnull (strstr (sy_new_plan_dialog_get_message (dialog), "已有计划"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  g_assert_false (sy_new_plan_dialog_create (dialog));
  g_assert_cmpint (query ("SELECT COUNT(*) FROM plan WHERE id > ##id::gint64", 0), ==, n_plans);
  sy_test_save_screenshot (GTK_WIDGET (dialog), "new-plan-duplicate");

  /* A free year: the title follows it, the plan is created and selected. */
  sy_new_plan_dialog_set_year (dialog, 2031);
  g_assert_cmpstr (sy_new_plan_dialog_get_message (dialog), ==, "");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  expected_title = g_strdup_printf ("%s2031年双拥工作计划", sy_unit_get_name (office));
  g_assert_cmpstr (sy_new_plan_dialog_get_title (dialog), ==, expected_title);
  g_assert_true (sy_new_plan_dialog_create (dialog));
  close_dialog (dialog);
  plan_id = query ("SELECT MAX(id) FROM plan WHERE year = 2031 AND id > ##id::gint64", 0);
  g_assert_cmpint (plan_id, >, 0);
  g_assert_cmpint (query ("SELECT unit_id FROM plan WHERE id = ##id::gint64", plan_id), ==,
                   sy_record_get_id (SY_RECORD (office)));
  g_assert_cmpint (sy_plan_outline_editor_get_plan_id (sy_plans_page_get_outline (page)), ==, plan_id);
  g_assert_cmpuint (n_listed (page), ==, n_plans + 1);

  /* The repository refuses a second one, also for a plan without unit (an
   * import), which is the office's. */
  g_assert_false (sy_plan_repo_create_plan (repo, 0, 2031, "又一个计划", &other, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, expected_title));
  g_clear_error (&error);
  g_assert_false (sy_plan_repo_create_plan (repo, 0, 2032, "  ", &other, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query ("SELECT COUNT(*) FROM plan WHERE id > ##id::gint64", 0), ==, n_plans + 1);

  /* A second dialog on 2031 says so too. */
  dialog = open_new_plan_dialog (page);
  sy_new_plan_dialog_set_year (dialog, 2031);
  g_assert_nonnull (strstr (sy_new_plan_dialog_get_message (dialog), expected_title));
  close_dialog (dialog);
}

typedef struct {
  SyPlansPage *page;
  guint        n;
} Listed;

static gboolean
listed (gpointer data)
{
  Listed *l = data;
  return n_listed (l->page) == l->n;
}

static void
search_for (SyPlansPage *page, const char *text, guint expected)
{
  GtkWidget *entry = sy_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, G_TYPE_INVALID);
  Listed l = { page, expected };

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (sy_test_wait_until (listed, &l, SY_TEST_TIMEOUT_MS));
}

static void
test_search (void)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  SyPlansPage *page = SY_PLANS_PAGE (sy_window_get_page (window, "plans"));
  GtkWidget *entry = sy_test_find_descendant (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, G_TYPE_INVALID);
  GtkWidget *focus;
  guint n_plans;
  gint64 plan_id, item_id, n_with_word = 0, n_titles = -1;
  g_autoptr(SyPlanItem) item = NULL;
  g_autofree char *word = NULL;
  g_autoptr(GError) error = NULL;

  sy_window_set_view (window, "plans");
  sy_test_wait_for_frame (GTK_WIDGET (window));
  n_plans = (guint) query ("SELECT COUNT(*) FROM plan WHERE id > ##id::gint64", 0);
  g_assert_cmpuint (n_listed (page), ==, n_plans);

  /* Ctrl+F goes to the page's search field. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  /* By title. */
  search_for (page, "2031年", 1);
  /* By an item's words: the plans holding them, not the others. */
  plan_id = query ("SELECT MIN(id) FROM plan WHERE year < 2031 AND id > ##id::gint64", 0);
  item_id = query ("SELECT MAX(id) FROM plan_item WHERE plan_id = ##id::gint64", plan_id);
  item = sy_database_load (db (), SY_TYPE_PLAN_ITEM, item_id, &error);
  g_assert_no_error (error);
  word = g_utf8_substring (sy_plan_item_get_title (item), 0, 6);
  /* libgda's parser takes a parameter once and no EXISTS: count the plans
   * whose items hold the word, then check no title holds it. */
  sy_database_query_int64 (db (), &n_with_word,
                           "SELECT COUNT(DISTINCT plan_id) FROM plan_item WHERE instr (title, ##w::string) > 0",
                           &error, "w", G_TYPE_STRING, word, NULL);
  g_assert_no_error (error);
  sy_database_query_int64 (db (), &n_titles, "SELECT COUNT(*) FROM plan WHERE instr (title, ##w::string) > 0",
                           &error, "w", G_TYPE_STRING, word, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (n_titles, ==, 0);
  g_assert_cmpint (n_with_word, >=, 1);
  g_assert_cmpint (n_with_word, <, n_plans);
  search_for (page, word, (guint) n_with_word);
  g_assert_true (sy_plans_page_select_plan (page, plan_id));
  /* Nothing: the empty state says so, the field stays to correct it. */
  search_for (page, "没有这样的计划zzz", 0);
  g_assert_true (gtk_widget_is_drawable (entry));
  {
    GtkWidget *empty = sy_test_find_descendant (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE, G_TYPE_INVALID);
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==, _("No Matching Plans"));
  }
  sy_test_save_screenshot (GTK_WIDGET (window), "plans-search-empty");
  search_for (page, "", n_plans);
}

int
main (int argc, char *argv[])
{
  sy_test_init (&argc, &argv);

  g_test_add_func ("/plans-page/outline", test_outline);
  g_test_add_func ("/plans-page/leading-group", test_leading_group);
  g_test_add_func ("/plans-page/new-plan", test_new_plan);
  g_test_add_func ("/plans-page/search", test_search);

  return sy_test_run_on_demo (&app, &db_dir, "sy-plans-page-XXXXXX");
}
