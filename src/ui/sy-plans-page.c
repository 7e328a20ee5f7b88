/* sy-plans-page.c: the Plans view: yearly work plans and their outlines
 *
 * The plan list beside a stack of three views: Outline (the editor,
 * sy-plan-outline-editor), Plan (title, progress, the quarters with and
 * without a leading-group meeting, preface) and Upcoming (the time nodes
 * of the next 60 days, the plan items due at each and, at the visiting
 * festivals, the 重点优抚对象 not yet visited this year).  A quarter of the
 * selected plan's year that has begun without a meeting is also flagged on
 * the toolbar, where the leading group dialog opens.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "sy-leading-group-dialog.h"
#include "sy-new-plan-dialog.h"
#include "sy-plan-import-dialog.h"
#include "sy-plan-outline-editor.h"
#include "sy-plans-page.h"
#include "sy-ui-util.h"
#include "sy-window.h"
#include "sy-year-summary-dialog.h"
#include "sy-unit-plans-dialog.h"

/* Festivals at which the office visits its 重点优抚对象. */
static const char * const visit_nodes[] = {
  "new-year", "spring-festival", "army-day", "mid-autumn", "double-ninth", NULL
};

/* At most this many names under a festival; the count says the rest. */
#define MAX_VISIT_ROWS 200
#define UPCOMING_DAYS 60

struct _SyPlansPage
{
  AdwBin parent_instance;

  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *year_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *items_column;
  AdwStatusPage       *empty_page;
  GtkStack            *plan_stack;
  SyPlanOutlineEditor *outline;
  AdwPreferencesGroup *plan_group;
  AdwPreferencesGroup *meetings_group;
  AdwPreferencesGroup *preface_group;
  AdwPreferencesPage  *upcoming_page;
  GtkLabel            *meeting_flag;
  GtkSearchEntry      *search_entry;

  SyDatabase          *db;
  GtkSingleSelection  *selection;
  GPtrArray           *upcoming_groups;  /* AdwPreferencesGroup * on upcoming_page */
  GtkCustomFilter     *filter;
  GHashTable          *matching;         /* plan ids (gint64 *) the search finds; NULL: all */
  GHashTable          *open_visits;      /* titles of the groups whose visits list was open */
  gboolean             reloading;        /* another desk's change is being shown */
};

G_DEFINE_FINAL_TYPE (SyPlansPage, sy_plans_page, ADW_TYPE_BIN)

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static SyPlan *
selected_plan (SyPlansPage *self)
{
  return self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

/* The quarters of the plan's year without a meeting, on the toolbar and
 * in the Plan view. */
static void
show_meetings (SyPlansPage *self, SyPlan *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyPlanRepo) repo = sy_plan_repo_new (self->db);
  g_autofree char *today = today_iso ();
  int year = sy_plan_get_year (plan);
  guint mask = sy_plan_repo_quarters_without_meeting (repo, year, today, &error);
  int counts[4] = { 0, 0, 0, 0 };
  g_autoptr(GString) missed = g_string_new (NULL);

  if (error != NULL || !sy_queries_meetings_per_quarter (self->db, year, counts, &error))
    {
      sy_ui_group_add_row (self->meetings_group, _("The meetings could not be read"), error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->meeting_flag), FALSE);
      return;
    }
  for (int q = 0; q < 4; q++)
    {
      /* Translators: a quarter of the year, e.g. 第2季度 */
      g_autofree char *title = g_strdup_printf (_("Quarter %d"), q + 1);
      g_autofree char *value = NULL;
      AdwActionRow *row;

      if (mask & (1u << q))
        {
          value = g_strdup (_("No meeting"));
          g_string_append_printf (missed, "%s%s", missed->len ? "、" : "", title);
        }
      else if (counts[q] > 0)
        value = g_strdup_printf (ngettext ("%d meeting", "%d meetings", counts[q]), counts[q]);
      else
        value = g_strdup (_("Not begun"));
      row = sy_ui_group_add_field (self->meetings_group, title, value);
      if (mask & (1u << q))
        gtk_widget_add_css_class (GTK_WIDGET (row), "warning");
    }
  if (missed->len > 0)
    {
      /* Translators: %d is a year, %s a list of quarters */
      g_autofree char *text = g_strdup_printf (_("⚠ No leading group meeting in %d: %s"), year, missed->str);

      gtk_label_set_text (self->meeting_flag, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->meeting_flag),
                                   _("Record the meeting as an activity of type 会议 on the Events tab."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->meeting_flag), missed->len > 0);
}

static void
show_plan_info (SyPlansPage *self)
{
  SyPlan *plan = selected_plan (self);
  g_autofree char *year = NULL;
  g_autofree char *count = NULL;
  g_autofree char *today = today_iso ();
  g_autoptr(SyPlanRepo) repo = NULL;
  g_autoptr(GHashTable) progress = NULL;
  g_autoptr(GListModel) items = NULL;
  SyPlanProgress total = { 0, 0 };

  sy_ui_group_clear (self->plan_group);
  sy_ui_group_clear (self->meetings_group);
  sy_ui_group_clear (self->preface_group);
  gtk_widget_set_visible (GTK_WIDGET (self->meeting_flag), FALSE);
  if (plan == NULL || self->db == NULL)
    return;

  repo = sy_plan_repo_new (self->db);
  progress = sy_plan_repo_progress (repo, sy_record_get_id (SY_RECORD (plan)), today, &total, NULL);
  items = sy_queries_plan_items (self->db, sy_record_get_id (SY_RECORD (plan)), NULL);
  year = g_strdup_printf ("%d", sy_plan_get_year (plan));
  count = g_strdup_printf ("%u", items ? g_list_model_get_n_items (items) : 0);
  sy_ui_group_add_field (self->plan_group, _("Title"), sy_plan_get_title (plan));
  sy_ui_group_add_field (self->plan_group, _("Year"), year);
  sy_ui_group_add_field (self->plan_group, _("Items"), count);
  if (total.total > 0)
    {
      /* Translators: plan progress, e.g. "12 of 20 tasks done (60%)" */
      g_autofree char *text = g_strdup_printf (_("%u of %u tasks done (%u%%)"), total.done, total.total,
                                               total.done * 100 / total.total);
      AdwActionRow *row = sy_ui_group_add_field (self->plan_group, _("Progress"), text);

      gtk_widget_set_tooltip_text (GTK_WIDGET (row),
                                   _("A task (an item without sub-items) is done when its status is Done or an activity linked to it has taken place; dropped tasks do not count."));
    }
  sy_ui_group_add_text (self->preface_group, sy_plan_get_preface (plan));
  show_meetings (self, plan);
}

/* --- upcoming ------------------------------------------------------------------- */

#define VISITS_KEY "sy-visits"

/* Remembers which lists of people to visit were open: shown again, they
 * stay open. */
static void
clear_upcoming (SyPlansPage *self)
{
  g_clear_pointer (&self->open_visits, g_hash_table_unref);
  self->open_visits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < self->upcoming_groups->len; i++)
    {
      AdwPreferencesGroup *group = g_ptr_array_index (self->upcoming_groups, i);
      GtkWidget *visits = g_object_get_data (G_OBJECT (group), VISITS_KEY);

      if (visits != NULL && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (visits)))
        g_hash_table_add (self->open_visits, g_strdup (adw_preferences_group_get_title (group)));
      adw_preferences_page_remove (self->upcoming_page, group);
    }
  g_ptr_array_set_size (self->upcoming_groups, 0);
}

static AdwPreferencesGroup *
upcoming_group (SyPlansPage *self, const char *title, const char *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, description);
  adw_preferences_page_add (self->upcoming_page, group);
  g_ptr_array_add (self->upcoming_groups, group);
  return group;
}

static void
add_visits (SyPlansPage *self, AdwPreferencesGroup *group, SyQueryModel *due)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (due));
  GtkWidget *expander = adw_expander_row_new ();
  /* Translators: %u is a number of people */
  g_autofree char *title = g_strdup_printf (ngettext ("%u person to visit", "%u people to visit", n), n);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 _("重点优抚对象 on the register who have not been visited this year"));
  for (guint i = 0; i < n && i < MAX_VISIT_ROWS; i++)
    {
      g_autoptr(SyRecipient) r = g_list_model_get_item (G_LIST_MODEL (due), i);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", sy_ui_or_dash (sy_recipient_get_village (r)),
                                                   sy_ui_or_dash (sy_recipient_get_categories (r)));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sy_recipient_get_name (r));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  if (n > MAX_VISIT_ROWS)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (_("… and %u more (see the Recipients tab)"), n - MAX_VISIT_ROWS);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  if (n == 0)
    gtk_widget_set_sensitive (expander, FALSE);
  else if (g_hash_table_contains (self->open_visits, adw_preferences_group_get_title (group)))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  adw_preferences_group_add (group, expander);
  g_object_set_data (G_OBJECT (group), VISITS_KEY, expander);
}

/* Plan items whose time node is not a known festival and whose due date
 * falls in the window, one group per node and date, after the festivals. */
static void
add_office_nodes (SyPlansPage *self, const GDate *today)
{
  GDate end = *today;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) items = NULL;
  char from[16], to[16];

  g_date_add_days (&end, UPCOMING_DAYS);
  g_snprintf (from, sizeof from, "%04d-%02d-%02d", g_date_get_year (today), g_date_get_month (today),
              g_date_get_day (today));
  g_snprintf (to, sizeof to, "%04d-%02d-%02d", g_date_get_year (&end), g_date_get_month (&end),
              g_date_get_day (&end));
  items = sy_queries_plan_items_due (self->db, from, to, NULL);
  if (items == NULL)
    return;

  for (guint k = 0; k < g_list_model_get_n_items (items); k++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (items, k);
      const char *node = sy_plan_item_get_time_node (item);
      g_autofree char *title = NULL;
      g_autofree char *line = NULL;
      g_autofree char *row_title = NULL;
      AdwPreferencesGroup *group;

      if (sy_festival_lookup (node) != NULL)
        continue;
      title = g_strdup_printf ("%s · %s", node, sy_plan_item_get_due_date (item));
      group = g_hash_table_lookup (groups, title);
      if (group == NULL)
        {
          group = upcoming_group (self, title, _("A time node of the office’s own"));
          g_hash_table_insert (groups, g_strdup (title), group);
        }
      line = sy_plan_item_title_line (sy_plan_item_get_title (item));
      row_title = g_strconcat (sy_plan_item_get_label (item) ? sy_plan_item_get_label (item) : "", line, NULL);
      sy_ui_group_add_row (group, row_title, sy_ui_status_label (sy_plan_item_get_status (item)));
    }
}

static void
show_upcoming (SyPlansPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GArray) nodes = NULL;
  g_autoptr(GHashTable) items_of_year = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  g_autoptr(GHashTable) visits_of_year = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  GDate today;

  clear_upcoming (self);
  if (self->db == NULL)
    return;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  nodes = sy_festival_upcoming (&today, UPCOMING_DAYS);
  if (nodes->len == 0)
    upcoming_group (self, _("No time nodes in the next 60 days"), NULL);

  for (guint i = 0; i < nodes->len; i++)
    {
      SyFestivalOccurrence *o = &g_array_index (nodes, SyFestivalOccurrence, i);
      int year = g_date_get_year (&o->date);
      int days = g_date_days_between (&today, &o->date);
      char iso[16];
      g_autofree char *title = NULL;
      g_autofree char *when = NULL;
      AdwPreferencesGroup *group;
      GListModel *items;
      guint shown = 0;

      g_snprintf (iso, sizeof iso, "%04d-%02d-%02d", year, g_date_get_month (&o->date), g_date_get_day (&o->date));
      title = g_strdup_printf ("%s · %s", sy_festival_name_zh (o->id), iso);
      when = days == 0 ? g_strdup (_("Today"))
                       /* Translators: how far away a festival is */
                       : g_strdup_printf (ngettext ("In %d day", "In %d days", days), days);
      group = upcoming_group (self, title, when);

      items = g_hash_table_lookup (items_of_year, GINT_TO_POINTER (year));
      if (items == NULL)
        {
          items = sy_queries_plan_items_with_node (self->db, year, NULL);
          if (items == NULL)
            items = G_LIST_MODEL (g_list_store_new (SY_TYPE_PLAN_ITEM));
          g_hash_table_insert (items_of_year, GINT_TO_POINTER (year), items);
        }
      for (guint k = 0; k < g_list_model_get_n_items (items); k++)
        {
          g_autoptr(SyPlanItem) item = g_list_model_get_item (items, k);
          const char *id = sy_festival_lookup (sy_plan_item_get_time_node (item));
          g_autofree char *line = NULL;
          g_autofree char *row_title = NULL;
          g_autofree char *subtitle = NULL;

          if (g_strcmp0 (id, o->id) != 0)
            continue;
          line = sy_plan_item_title_line (sy_plan_item_get_title (item));
          row_title = g_strconcat (sy_plan_item_get_label (item) ? sy_plan_item_get_label (item) : "", line, NULL);
          subtitle = g_strdup_printf ("%s · %s", sy_ui_or_dash (sy_plan_item_get_responsible (item)),
                                      sy_ui_status_label (sy_plan_item_get_status (item)));
          sy_ui_group_add_row (group, row_title, subtitle);
          shown++;
        }
      if (shown == 0)
        sy_ui_group_add_row (group, _("No plan item is due at this node"), NULL);

      if (g_strv_contains (visit_nodes, o->id))
        {
          SyQueryModel *due = g_hash_table_lookup (visits_of_year, GINT_TO_POINTER (year));
          g_autoptr(GError) error = NULL;

          if (due == NULL)
            {
              due = sy_queries_visits_due (self->db, year, &error);
              if (due == NULL)
                {
                  sy_ui_group_add_row (group, _("The recipients to visit could not be read"), error->message);
                  continue;
                }
              g_hash_table_insert (visits_of_year, GINT_TO_POINTER (year), due);
            }
          add_visits (self, group, due);
        }
    }

  /* Nodes the office named itself (e.g. 双拥宣传月启动仪式) have no date of
   * their own: the items' due dates place them. */
  add_office_nodes (self, &today);
}

static void
plan_view_changed (SyPlansPage *self)
{
  if (self->db != NULL
      && g_strcmp0 (gtk_stack_get_visible_child_name (self->plan_stack), "upcoming") == 0)
    show_upcoming (self);
}

/* Whether the user is typing in the outline's fields (an entry applies on
 * Enter): another desk's change must not overwrite what is not applied. */
static gboolean
typing_in_outline (SyPlansPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && GTK_IS_EDITABLE (focus)
         && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->outline));
}

static void
show_selected (SyPlansPage *self)
{
  SyPlan *plan = selected_plan (self);

  if (self->reloading && plan != NULL && typing_in_outline (self)
      && sy_plan_outline_editor_get_plan_id (self->outline) == sy_record_get_id (SY_RECORD (plan)))
    {
      show_plan_info (self);
      return;
    }
  sy_plan_outline_editor_set_plan (self->outline, self->db,
                                   plan ? sy_record_get_id (SY_RECORD (plan)) : 0,
                                   plan ? sy_plan_get_year (plan) : 0,
                                   plan ? sy_plan_get_title (plan) : NULL);
  show_plan_info (self);
}

/* --- the list and its search -------------------------------------------------- */

static gboolean
plan_matches (gpointer item, gpointer user_data)
{
  SyPlansPage *self = user_data;
  gint64 id = sy_record_get_id (SY_RECORD (item));

  return self->matching == NULL || g_hash_table_contains (self->matching, &id);
}

/* The plans whose title or year, or one of whose items, holds the search
 * text: the list then shows where a task was written down. */
static void
find_matching (SyPlansPage *self, GListModel *plans)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autofree char *needle = NULL;

  g_clear_pointer (&self->matching, g_hash_table_unref);
  if (*text == '\0' || plans == NULL)
    return;
  needle = g_utf8_casefold (text, -1);
  self->matching = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(SyPlan) plan = g_list_model_get_item (plans, i);
      gint64 id = sy_record_get_id (SY_RECORD (plan));
      g_autofree char *year = g_strdup_printf ("%d", sy_plan_get_year (plan));
      gboolean found = sy_ui_text_contains (sy_plan_get_title (plan), needle) || strstr (year, text) != NULL;

      if (!found)
        {
          g_autoptr(GListModel) items = sy_queries_plan_items (self->db, id, NULL);

          for (guint k = 0; !found && items != NULL && k < g_list_model_get_n_items (items); k++)
            {
              g_autoptr(SyPlanItem) plan_item = g_list_model_get_item (items, k);

              found = sy_ui_text_contains (sy_plan_item_get_title (plan_item), needle);
            }
        }
      if (found)
        g_hash_table_add (self->matching, g_memdup2 (&id, sizeof id));
    }
}

static void
update_empty_page (SyPlansPage *self)
{
  if (self->matching != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Plans"));
      adw_status_page_set_description (self->empty_page, _("Try other search words."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Plans"));
      adw_status_page_set_description (self->empty_page,
                                       _("Press Ctrl+N to start the plan of a year, or use “Import Plan…” to read one from a text or Word file."));
    }
}

/* (Re)reads the list, filtered by the search, back at @place (NULL: from
 * the top). */
static void
load_plans_at (SyPlansPage *self, const SyUiListPlace *place)
{
  g_autoptr(GError) error = NULL;
  SyQueryModel *model = sy_queries_plans (self->db, &error);
  GtkFilterListModel *filtered = NULL;

  find_matching (self, G_LIST_MODEL (model));
  update_empty_page (self);
  if (model != NULL)
    filtered = gtk_filter_list_model_new (G_LIST_MODEL (model), g_object_ref (GTK_FILTER (self->filter)));
  self->selection = sy_ui_list_show_query (self->column_view, self->stack, self->empty_page,
                                           filtered, error, G_CALLBACK (show_selected), self);
  /* The new selection picked its first row before the page listened: show
   * it unless going back to @place moves the selection (which shows that). */
  if (place == NULL || !sy_ui_list_restore_place (self->column_view, self->selection, place))
    show_selected (self);
}

/* The same, keeping @plan_id selected if it is still listed (0: the first
 * plan) and the list where it was. */
static void
load_plans (SyPlansPage *self, gint64 plan_id)
{
  SyUiListPlace place;

  sy_ui_list_save_place (self->column_view, self->selection, &place);
  place.id = plan_id;
  load_plans_at (self, &place);
}

static void
search_changed (SyPlansPage *self)
{
  SyPlan *plan = selected_plan (self);

  if (self->db != NULL)
    load_plans (self, plan ? sy_record_get_id (SY_RECORD (plan)) : 0);
}

static void
outline_changed (SyPlansPage *self)
{
  SyPlan *plan = selected_plan (self);

  /* The list shows each plan's item count: read it again, keeping the
   * plan (and so the outline's own selection) selected. */
  load_plans (self, plan ? sy_record_get_id (SY_RECORD (plan)) : 0);
}

void
sy_plans_page_set_database (SyPlansPage *self,
                            SyDatabase  *db)
{
  g_return_if_fail (SY_IS_PLANS_PAGE (self));
  g_return_if_fail (SY_IS_DATABASE (db));

  g_set_object (&self->db, db);
  load_plans_at (self, NULL);
  show_upcoming (self);
}

void
sy_plans_page_reload (SyPlansPage *self)
{
  SyUiListPlace place;

  g_return_if_fail (SY_IS_PLANS_PAGE (self));

  if (self->db == NULL)
    return;
  sy_ui_list_save_place (self->column_view, self->selection, &place);
  self->reloading = TRUE;
  load_plans_at (self, &place);
  self->reloading = FALSE;
  show_upcoming (self);
}

SyPlanOutlineEditor *
sy_plans_page_get_outline (SyPlansPage *self)
{
  g_return_val_if_fail (SY_IS_PLANS_PAGE (self), NULL);
  return self->outline;
}

gboolean
sy_plans_page_select_plan (SyPlansPage *self, gint64 plan_id)
{
  GListModel *model;

  g_return_val_if_fail (SY_IS_PLANS_PAGE (self), FALSE);
  if (self->selection == NULL)
    return FALSE;
  model = G_LIST_MODEL (self->selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SyPlan) plan = g_list_model_get_item (model, i);

      if (sy_record_get_id (SY_RECORD (plan)) == plan_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

void
sy_plans_page_show_view (SyPlansPage *self, const char *name)
{
  g_return_if_fail (SY_IS_PLANS_PAGE (self));
  gtk_stack_set_visible_child_name (self->plan_stack, name);
}

/* The window the page is in, for the dialogs it opens. */
static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* --- the leading group ------------------------------------------------------------ */

static void
leading_group_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SyPlansPage *self = SY_PLANS_PAGE (widget);
  GtkWidget *dialog;

  if (self->db == NULL)
    return;
  dialog = sy_leading_group_dialog_new (parent_window (widget), self->db);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (show_plan_info), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- the year-end summary (年终总结) ------------------------------------------------ */

/* The selected plan's year; without one, the year that just ended until
 * the summer, as summaries are written at the turn of the year. */
static int
chosen_year (SyPlansPage *self)
{
  SyPlan *plan = selected_plan (self);
  g_autoptr(GDateTime) now = NULL;

  if (plan != NULL)
    return sy_plan_get_year (plan);
  now = g_date_time_new_now_local ();
  return g_date_time_get_year (now) - (g_date_time_get_month (now) < 7 ? 1 : 0);
}

static void
year_summary_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SyPlansPage *self = SY_PLANS_PAGE (widget);

  if (self->db == NULL)
    return;
  gtk_window_present (GTK_WINDOW (sy_year_summary_dialog_new (parent_window (widget),
                                                              self->db, chosen_year (self))));
}

/* Which towns and units have submitted their plan of the year. */
static void
unit_plans_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SyPlansPage *self = SY_PLANS_PAGE (widget);

  if (self->db == NULL)
    return;
  gtk_window_present (GTK_WINDOW (sy_unit_plans_dialog_new (parent_window (widget),
                                                            self->db, chosen_year (self))));
}

/* --- a new, empty plan ----------------------------------------------------------- */

static void
plan_created (SyPlansPage *self,
              gint64       plan_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* A search that hides the new plan would leave the user wondering. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  load_plans (self, plan_id);
  sy_plans_page_show_view (self, "outline");
  if (SY_IS_WINDOW (root))
    sy_window_add_toast (SY_WINDOW (root), adw_toast_new (_("Plan created: write its outline")));
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SyPlansPage *self = SY_PLANS_PAGE (widget);
  SyNewPlanDialog *dialog;

  if (self->db == NULL)
    return;
  dialog = sy_new_plan_dialog_new (parent_window (widget), self->db);
  g_signal_connect_object (dialog, "created", G_CALLBACK (plan_created), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- import from text (issue 5) --------------------------------------------- */

static void
plan_imported (SyPlanImportDialog *dialog,
               SyPlan             *plan,
               SyPlansPage        *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int n = sy_plan_get_item_count (plan);
  g_autofree char *text = NULL;

  sy_plans_page_reload (self);
  /* Translators: a toast after a plan was imported, e.g. 已导入计划：12 项 */
  text = g_strdup_printf (ngettext ("Imported plan: %d item", "Imported plan: %d items", n), n);
  if (SY_IS_WINDOW (root))
    sy_window_add_toast (SY_WINDOW (root), adw_toast_new (text));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyPlansPage *self = SY_PLANS_PAGE (widget);
  SyPlanImportDialog *dialog;

  if (self->db == NULL)
    return;
  dialog = sy_plan_import_dialog_new (parent_window (widget), self->db);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (plan_imported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The page's shortcuts are window-wide (Ctrl+I also imports recipients on
 * their tab, Ctrl+N is every tab's "new"); only the page on screen takes
 * them.  @user_data is the action's name. */
static gboolean
page_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  if (!gtk_widget_get_mapped (widget) || SY_PLANS_PAGE (widget)->db == NULL)
    return FALSE;
  gtk_widget_activate_action (widget, user_data, NULL);
  return TRUE;
}

static void
sy_plans_page_dispose (GObject *object)
{
  SyPlansPage *self = SY_PLANS_PAGE (object);

  self->selection = NULL;
  g_clear_pointer (&self->upcoming_groups, g_ptr_array_unref);
  g_clear_pointer (&self->matching, g_hash_table_unref);
  g_clear_pointer (&self->open_visits, g_hash_table_unref);
  g_clear_object (&self->filter);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sy_plans_page_parent_class)->dispose (object);
}

static void
sy_plans_page_class_init (SyPlansPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_plans_page_dispose;

  g_type_ensure (SY_TYPE_PLAN_OUTLINE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-plans-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, year_column);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, items_column);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, plan_stack);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, outline);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, plan_group);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, meetings_group);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, preface_group);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, upcoming_page);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, meeting_flag);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, search_entry);

  gtk_widget_class_install_action (widget_class, "plans.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "plans.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "plans.leading-group", NULL, leading_group_activated);
  gtk_widget_class_install_action (widget_class, "plans.year-summary", NULL, year_summary_activated);
  gtk_widget_class_install_action (widget_class, "plans.unit-plans", NULL, unit_plans_activated);
}

static void
sy_plans_page_init (SyPlansPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->upcoming_groups = g_ptr_array_new ();
  g_signal_connect_object (self->outline, "changed", G_CALLBACK (outline_changed), self, G_CONNECT_SWAPPED);
  /* Items may have been edited since: read the nodes again when shown. */
  g_signal_connect_object (self->plan_stack, "notify::visible-child-name",
                           G_CALLBACK (plan_view_changed), self, G_CONNECT_SWAPPED);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_i, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (page_shortcut, (gpointer) "plans.import", NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_n, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (page_shortcut, (gpointer) "plans.new", NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  self->filter = gtk_custom_filter_new (plan_matches, self, NULL);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed), self, G_CONNECT_SWAPPED);

  sy_ui_column_bind (self->year_column, "year", SY_CELL_YEAR);
  sy_ui_column_bind (self->title_column, "title", SY_CELL_TEXT);
  sy_ui_column_bind (self->items_column, "item-count", SY_CELL_INT);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* The titles of the Upcoming view's groups, in order (for tests). */
GStrv
sy_plans_page_get_upcoming_titles (SyPlansPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SY_IS_PLANS_PAGE (self), NULL);
  for (guint i = 0; i < self->upcoming_groups->len; i++)
    g_strv_builder_add (builder, adw_preferences_group_get_title (g_ptr_array_index (self->upcoming_groups, i)));
  return g_strv_builder_end (builder);
}
