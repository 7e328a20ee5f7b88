/* test-refresh.c: lists follow another desk's changes without user action (issue 7) */
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <math.h>

#include "sy-application.h"
#include "sy-events-page.h"
#include "sy-plans-page.h"
#include "sy-subsidies-page.h"
#include "sy-store.h"
#include "sy-test-gui.h"
#include "sy-ui-util.h"
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

/* Through the repository, which writes the person's 新增 history too. */
static gint64
add_person_in (SyDatabase *db, const char *name, const char *id_number, const char *village)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipientRepo) repo = sy_recipient_repo_new (db);
  g_autoptr(SyRecipient) r = sy_recipient_new ();

  sy_recipient_set_name (r, name);
  sy_recipient_set_id_number (r, id_number);
  sy_recipient_set_village (r, village);
  g_assert_true (sy_recipient_repo_save (repo, r, NULL, &error));
  g_assert_no_error (error);
  return sy_record_get_id (SY_RECORD (r));
}

static void
save_person (SyDatabase *db, const char *name, const char *id_number)
{
  add_person_in (db, name, id_number, "东湖村");
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

/* --- what the user was looking at survives the refresh -------------------- */

/* The column view under @widget whose rows are records of @type. */
static GtkColumnView *
find_list (GtkWidget *widget, GType type)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (widget)));

      if (model != NULL && g_list_model_get_n_items (model) > 0)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, 0);

          if (G_TYPE_CHECK_INSTANCE_TYPE (item, type))
            return GTK_COLUMN_VIEW (widget);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkColumnView *found = find_list (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkSingleSelection *
selection_of (GtkColumnView *view)
{
  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
}

static guint
n_rows (GtkColumnView *view)
{
  return g_list_model_get_n_items (G_LIST_MODEL (selection_of (view)));
}

static gint64
selected_id (GtkColumnView *view)
{
  GObject *item = gtk_single_selection_get_selected_item (selection_of (view));

  return item != NULL ? sy_record_get_id (SY_RECORD (item)) : 0;
}

static guint
position_of (GtkColumnView *view, gint64 id)
{
  GListModel *model = G_LIST_MODEL (selection_of (view));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SyRecord) record = g_list_model_get_item (model, i);

      if (sy_record_get_id (record) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
select_id (GtkColumnView *view, gint64 id)
{
  guint position = position_of (view, id);

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (selection_of (view), position);
  g_assert_cmpint (selected_id (view), ==, id);
}

typedef struct {
  GtkWidget  *widget;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *w = data;

  return find_label (w->widget, w->text);
}

/* Waits (at most 10 s: the watcher polls every second here) until @page
 * shows @text, which the other desk just wrote. */
static void
wait_for_label (GtkWidget *page, const char *text)
{
  LabelWait w = { page, text };

  g_assert_true (sy_test_wait_until (label_shown, &w, 10000));
}

typedef struct {
  GtkWidget *page;
  GType      type;
  gint64     id;
} ListedWait;

static gboolean
listed (gpointer data)
{
  ListedWait *w = data;
  GtkColumnView *view = find_list (w->page, w->type);

  return view != NULL && position_of (view, w->id) != GTK_INVALID_LIST_POSITION;
}

static gboolean
not_listed (gpointer data)
{
  return !listed (data);
}

static SyDatabase *
open_other_desk (void)
{
  SyDatabase *own = sy_application_get_database (app);
  g_autoptr(GError) error = NULL;
  SyDatabase *other = sy_database_open (sy_database_get_directory (own), &error);

  g_assert_no_error (error);
  sy_database_set_own_writes_private (other);
  return other;
}

static GtkWidget *
show_view (const char *name)
{
  SyWindow *window = sy_test_current_window (GTK_APPLICATION (app));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *action = g_strconcat ("view-", name, NULL);

  g_settings_set_int (settings, "refresh-interval", 1);
  g_action_group_activate_action (G_ACTION_GROUP (window), action, NULL);
  sy_test_wait_until (no, NULL, 300);
  return sy_window_get_page (window, name);
}

static GtkEditable *
search_entry (GtkWidget *page)
{
  return GTK_EDITABLE (sy_test_find_descendant (page, GTK_TYPE_SEARCH_ENTRY, G_TYPE_INVALID));
}

static void
set_search (GtkWidget *page, const char *text)
{
  gtk_editable_set_text (search_entry (page), text);
  sy_test_wait_until (no, NULL, 600);   /* the entry's search delay, and the query */
}

static void
delete_record (SyDatabase *db, GType type, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecord) record = sy_database_load (db, type, id, &error);

  g_assert_no_error (error);
  g_assert_true (sy_database_delete (db, record, &error));
  g_assert_no_error (error);
}

/* The other desk added @id: once it is listed, it is selected on @page
 * (its detail showing @text); then the other desk deletes it: the list
 * loses it and nothing of it stays on screen. */
static void
deleted_elsewhere (SyDatabase *other, GtkWidget *page, GType type, gint64 id, const char *text)
{
  ListedWait w = { page, type, id };
  GtkColumnView *view;

  g_assert_true (sy_test_wait_until (listed, &w, 10000));
  view = find_list (page, type);
  select_id (view, id);
  g_assert_true (find_label (page, text));
  delete_record (other, type, id);
  g_assert_true (sy_test_wait_until (not_listed, &w, 10000));
  sy_test_wait_until (no, NULL, 100);
  view = find_list (page, type);
  g_assert_cmpint (selected_id (view), !=, id);
  g_assert_false (find_label (page, text));
}

/* The scroll position of @view, and the height of a row. */
static double
scroll_of (GtkColumnView *view, double *row)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  if (row != NULL)
    *row = (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment)) / n_rows (view);
  return gtk_adjustment_get_value (adjustment);
}

/* A record of @type written by @db (another desk), with the properties
 * given as for g_object_new (); returns its id. */
static gint64
add_record (SyDatabase *db, GType type, const char *first_property, ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecord) record = NULL;
  va_list args;

  va_start (args, first_property);
  record = SY_RECORD (g_object_new_valist (type, first_property, args));
  va_end (args);
  g_assert_true (sy_database_insert (db, record, &error));
  g_assert_no_error (error);
  return sy_record_get_id (record);
}

/* Another desk sets @property of record @id to @value. */
static void
change_field (SyDatabase *db, GType type, gint64 id, const char *property, const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecord) record = sy_database_load (db, type, id, &error);

  g_assert_no_error (error);
  g_object_set (record, property, value, NULL);
  g_assert_true (sy_database_update (db, record, &error));
  g_assert_no_error (error);
}

/* What each page lists and how the other desk writes to it: @add makes a
 * record listed before any of the demo's (@title is shown in its detail),
 * @property is a field the detail shows and the list does not. */
typedef gint64 (*AddFunc) (SyDatabase *db, const char *title);

typedef struct {
  const char *view;
  GType       type;
  AddFunc     add;
  const char *property;
} PageCase;

/* Row @position of @c's list selected; the other desk adds two records
 * listed before it and changes it: the detail shows the change, the record
 * stays selected, two rows further down.  Returns its id. */
static gint64
kept_after_insert (SyDatabase *other, GtkWidget *page, const PageCase *c, guint position)
{
  GtkColumnView *view = find_list (page, c->type);
  guint n = n_rows (view);
  g_autofree char *value = g_strdup_printf ("刷新值%s一", c->view);
  gint64 id;

  if (gtk_single_selection_get_selected (selection_of (view)) != position)
    gtk_single_selection_set_selected (selection_of (view), position);
  id = selected_id (view);
  g_assert_cmpint (id, >, 0);
  c->add (other, "刷新插入甲");
  c->add (other, "刷新插入乙");
  change_field (other, c->type, id, c->property, value);
  wait_for_label (page, value);
  view = find_list (page, c->type);
  g_assert_cmpuint (n_rows (view), ==, n + 2);
  g_assert_cmpint (selected_id (view), ==, id);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection_of (view)), ==, position + 2);
  return id;
}

/* With @search in the page's search field and record @id selected, the
 * other desk changes it: the search, its rows and the selection stay. */
static void
kept_with_search (SyDatabase *other, GtkWidget *page, const PageCase *c, gint64 id, const char *search)
{
  g_autofree char *value = g_strdup_printf ("刷新值%s二", c->view);
  GtkColumnView *view;
  guint n;

  set_search (page, search);
  view = find_list (page, c->type);
  select_id (view, id);
  n = n_rows (view);
  change_field (other, c->type, id, c->property, value);
  wait_for_label (page, value);
  view = find_list (page, c->type);
  g_assert_cmpstr (gtk_editable_get_text (search_entry (page)), ==, search);
  g_assert_cmpuint (n_rows (view), ==, n);
  g_assert_cmpint (selected_id (view), ==, id);
  set_search (page, "");
}

/* The title (or name) of row @position of @view. */
static char *
title_at (GtkColumnView *view, guint position, const char *property)
{
  g_autoptr(GObject) record = g_list_model_get_item (G_LIST_MODEL (selection_of (view)), position);
  char *title = NULL;

  g_object_get (record, property, &title, NULL);
  return title;
}

/* --- recipients --- */

static gint64
add_person (SyDatabase *db, const char *name)
{
  /* Listed first: the list is by village, then name. */
  return add_person_in (db, name, NULL, "00刷新村");
}

/* The person stays selected, the list scrolled where it was (moved with
 * the person), the detail too; the search stays. */
static void
test_keeps_recipient (void)
{
  g_autoptr(SyDatabase) other = open_other_desk ();
  GtkWidget *page = show_view ("recipients");
  PageCase c = { "recipients", SY_TYPE_RECIPIENT, add_person, "phone" };
  GtkColumnView *view;
  GtkAdjustment *adjustment, *detail;
  g_autofree char *name = NULL;
  guint position;
  gint64 id;
  double row, before;

  view = find_list (page, c.type);
  g_assert_nonnull (view);
  g_assert_cmpuint (n_rows (view), >, 40);
  position = MIN (n_rows (view) - 1, 120);
  gtk_single_selection_set_selected (selection_of (view), position);
  name = title_at (view, position, "name");
  /* The person in the middle of the list's window, the detail read half
   * way down. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  scroll_of (view, &row);
  g_assert_cmpfloat (row, >, 0);
  gtk_adjustment_set_value (adjustment, position * row - gtk_adjustment_get_page_size (adjustment) / 2);
  detail = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    sy_test_find_descendant (sy_test_find_descendant (page, ADW_TYPE_PREFERENCES_PAGE, G_TYPE_INVALID),
                             GTK_TYPE_SCROLLED_WINDOW, G_TYPE_INVALID)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (detail) - gtk_adjustment_get_page_size (detail), >, 100);
  gtk_adjustment_set_value (detail, 100);
  sy_test_wait_until (no, NULL, 300);
  before = scroll_of (view, NULL);
  g_assert_cmpfloat (before, >, 10 * row);

  id = kept_after_insert (other, page, &c, position);
  view = find_list (page, c.type);
  sy_test_wait_until (no, NULL, 300);
  g_test_message ("scroll before %.0f, after %.0f, row %.1f", before, scroll_of (view, NULL), row);
  g_assert_cmpfloat (fabs (scroll_of (view, NULL) - (before + 2 * row)), <=, 2 * row);
  g_assert_cmpfloat (gtk_adjustment_get_value (detail), ==, 100);

  kept_with_search (other, page, &c, id, name);
  deleted_elsewhere (other, page, c.type, add_person (other, "刷新将删"), "刷新将删");
}

/* --- subsidies --- */

static gint64
add_run (SyDatabase *db, const char *title)
{
  /* Listed first: the runs are newest period first. */
  return add_record (db, SY_TYPE_DISBURSEMENT_BATCH, "kind", "刷新测试", "period", "2099-12",
                     "title", title, "state", "draft", NULL);
}

/* The run stays selected and so does the payment line picked in it. */
static void
test_keeps_run (void)
{
  g_autoptr(SyDatabase) other = open_other_desk ();
  GtkWidget *page = show_view ("subsidies");
  PageCase c = { "subsidies", SY_TYPE_DISBURSEMENT_BATCH, add_run, "kind" };
  GtkColumnView *runs = find_list (page, c.type);
  GtkColumnView *lines = NULL;
  g_autofree char *title = NULL;
  guint position = GTK_INVALID_LIST_POSITION;
  gint64 id, line_id;

  g_assert_nonnull (runs);
  /* The last run with at least two payment lines. */
  for (guint i = n_rows (runs); i-- > 0 && position == GTK_INVALID_LIST_POSITION;)
    {
      gtk_single_selection_set_selected (selection_of (runs), i);
      lines = find_list (page, SY_TYPE_DISBURSEMENT_LINE);
      if (lines != NULL && n_rows (lines) >= 2)
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  title = title_at (runs, position, "title");
  gtk_single_selection_set_selected (selection_of (lines), 1);
  line_id = selected_id (lines);
  g_assert_cmpint (line_id, >, 0);

  id = kept_after_insert (other, page, &c, position);
  g_assert_cmpint (sy_subsidies_page_get_selected_run (SY_SUBSIDIES_PAGE (page)), ==, id);
  /* The payment line picked for adjusting stays picked. */
  g_assert_cmpint (selected_id (find_list (page, SY_TYPE_DISBURSEMENT_LINE)), ==, line_id);

  kept_with_search (other, page, &c, id, title);
  deleted_elsewhere (other, page, c.type, add_run (other, "刷新将删批次"), "刷新将删批次");
}

/* --- events --- */

static gint64
add_event (SyDatabase *db, const char *title)
{
  /* Listed first: the newest first. */
  return add_record (db, SY_TYPE_EVENT, "kind", "刷新测试", "title", title, "date", "2099-01-01", NULL);
}

/* The activity stays selected; a filter whose menu the refresh fills again
 * (the year) stays chosen. */
static void
test_keeps_event (void)
{
  g_autoptr(SyDatabase) other = open_other_desk ();
  GtkWidget *page = show_view ("events");
  PageCase c = { "events", SY_TYPE_EVENT, add_event, "organiser" };
  GtkColumnView *view = find_list (page, c.type);
  GtkDropDown *years = sy_events_page_get_filter (SY_EVENTS_PAGE (page), "year");
  g_autofree char *title = NULL;
  g_autofree char *year = NULL;
  guint position, n;
  gint64 id, in_year;

  g_assert_nonnull (view);
  position = MIN (n_rows (view) - 1, 6);
  title = title_at (view, position, "title");
  id = kept_after_insert (other, page, &c, position);

  /* All, 2099 (the other desk's), then the demo's newest year. */
  gtk_drop_down_set_selected (years, 2);
  year = g_strdup (sy_ui_dropdown_value (years));
  sy_test_wait_until (no, NULL, 200);
  view = find_list (page, c.type);
  n = n_rows (view);
  gtk_single_selection_set_selected (selection_of (view), n - 1);
  in_year = selected_id (view);
  change_field (other, c.type, in_year, c.property, "刷新主办年");
  wait_for_label (page, "刷新主办年");
  view = find_list (page, c.type);
  g_assert_cmpstr (sy_ui_dropdown_value (years), ==, year);
  g_assert_cmpuint (n_rows (view), ==, n);
  g_assert_cmpint (selected_id (view), ==, in_year);
  gtk_drop_down_set_selected (years, 0);

  kept_with_search (other, page, &c, id, title);
  deleted_elsewhere (other, page, c.type, add_event (other, "刷新将删活动"), "刷新将删活动");
}

/* --- plans --- */

static gint64
add_plan (SyDatabase *db, const char *title)
{
  /* Listed first: the newest year first. */
  return add_record (db, SY_TYPE_PLAN, "year", 2099, "title", title, NULL);
}

/* The plan stays selected, and what is being typed in its outline (not
 * applied yet) is not overwritten. */
static void
test_keeps_plan (void)
{
  g_autoptr(SyDatabase) other = open_other_desk ();
  GtkWidget *page = show_view ("plans");
  PageCase c = { "plans", SY_TYPE_PLAN, add_plan, "preface" };
  GtkColumnView *view = find_list (page, c.type);
  SyPlanOutlineEditor *outline = sy_plans_page_get_outline (SY_PLANS_PAGE (page));
  GtkColumnView *tree;
  GtkWidget *title_row;
  g_autofree char *title = NULL;
  gint64 id;

  g_assert_nonnull (view);
  gtk_single_selection_set_selected (selection_of (view), n_rows (view) - 1);
  title = title_at (view, n_rows (view) - 1, "title");
  sy_plans_page_show_view (SY_PLANS_PAGE (page), "outline");
  tree = GTK_COLUMN_VIEW (sy_plan_outline_editor_get_view (outline));
  g_assert_cmpuint (n_rows (tree), >, 0);
  gtk_single_selection_set_selected (selection_of (tree), 0);
  title_row = sy_test_find_descendant (GTK_WIDGET (outline), ADW_TYPE_ENTRY_ROW, G_TYPE_INVALID);
  g_assert_nonnull (title_row);
  sy_test_wait_until (no, NULL, 200);
  g_assert_true (gtk_widget_grab_focus (title_row));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "刷新时正在输入");

  id = kept_after_insert (other, page, &c, n_rows (view) - 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "刷新时正在输入");
  g_assert_cmpint (sy_plan_outline_editor_get_plan_id (outline), ==, id);

  /* Typed no more: the outline follows the other desk again. */
  gtk_widget_grab_focus (GTK_WIDGET (tree));
  kept_with_search (other, page, &c, id, title);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), !=, "刷新时正在输入");

  deleted_elsewhere (other, page, c.type, add_plan (other, "刷新将删计划"), "刷新将删计划");
}

/* --- archives --- */

static gint64
add_document (SyDatabase *db, const char *title)
{
  /* Listed first: the newest first. */
  return add_record (db, SY_TYPE_DOCUMENT, "title", title, "date", "2099-01-01", NULL);
}

static void
test_keeps_document (void)
{
  g_autoptr(SyDatabase) other = open_other_desk ();
  GtkWidget *page = show_view ("archives");
  PageCase c = { "archives", SY_TYPE_DOCUMENT, add_document, "tags" };
  GtkColumnView *view = find_list (page, c.type);
  g_autofree char *title = NULL;
  gint64 id;

  g_assert_nonnull (view);
  g_assert_cmpuint (n_rows (view), >, 1);
  title = title_at (view, n_rows (view) - 1, "title");
  id = kept_after_insert (other, page, &c, n_rows (view) - 1);
  kept_with_search (other, page, &c, id, title);
  deleted_elsewhere (other, page, c.type, add_document (other, "刷新将删文件"), "刷新将删文件");
}

int
main (int argc, char *argv[])
{
  sy_test_init (&argc, &argv);

  g_test_add_func ("/refresh/other-desk", test_other_desk);
  g_test_add_func ("/refresh/keeps-recipient", test_keeps_recipient);
  g_test_add_func ("/refresh/keeps-run", test_keeps_run);
  g_test_add_func ("/refresh/keeps-event", test_keeps_event);
  g_test_add_func ("/refresh/keeps-plan", test_keeps_plan);
  g_test_add_func ("/refresh/keeps-document", test_keeps_document);

  return sy_test_run_on_demo (&app, &db_dir, "sy-refresh-XXXXXX");
}
