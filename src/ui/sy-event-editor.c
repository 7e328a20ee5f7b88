/* sy-event-editor.c: the window that adds or edits one 活动 with its photos and visits */
#include <glib/gi18n.h>

#include <stdlib.h>
#include <string.h>

#include "sy-event-editor.h"
#include "sy-assessment-repo.h"
#include "sy-ledger.h"
#include "sy-ui-util.h"

/* The tiles of the photo grid: a 4:3 picture with the caption under it. */
#define TILE_WIDTH  156
#define TILE_HEIGHT 117
/* People offered by the visit search; a name narrows it quickly enough. */
#define VISIT_RESULTS 20

typedef struct {
  SyEventEditor    *editor;
  SyEventRecipient *visit;     /* keeps the fields the form does not show */
  char             *name;
  char             *village;
  AdwExpanderRow   *row;
  AdwEntryRow      *gift_row;
  AdwEntryRow      *money_row;
  AdwEntryRow      *needs_row;
  AdwEntryRow      *follow_row;
  gboolean          money_ok;
} VisitForm;

struct _SyEventEditor
{
  AdwWindow            parent_instance;

  GtkButton           *save_button;
  GtkButton           *delete_button;
  AdwPreferencesPage  *page;
  AdwEntryRow         *kind_row;
  AdwActionRow        *kind_error_row;
  AdwEntryRow         *title_row;
  AdwActionRow        *title_error_row;
  AdwEntryRow         *date_row;
  AdwActionRow        *date_error_row;
  AdwEntryRow         *place_row;
  AdwEntryRow         *organiser_row;
  AdwPreferencesGroup *units_group;
  AdwEntryRow         *new_unit_row;
  GtkSpinButton       *leaders_spin;
  GtkSpinButton       *soldiers_spin;
  GtkSpinButton       *civilians_spin;
  AdwEntryRow         *participants_row;
  GtkTextView         *content_view;
  GtkTextView         *outcome_view;
  AdwEntryRow         *recorder_row;
  AdwEntryRow         *reviewer_row;
  AdwPreferencesGroup *photos_group;
  GtkLabel            *photo_messages;
  GtkLabel            *photo_status;
  GtkFlowBox          *photo_box;
  AdwPreferencesGroup *visits_group;
  GtkMenuButton       *visit_button;
  GtkSearchEntry      *visit_search;
  GtkListBox          *visit_results;
  GtkListBox          *kind_list;
  GtkMenuButton       *kind_button;
  AdwActionRow        *plan_row;
  GtkButton           *plan_clear_button;
  GtkMenuButton       *plan_button;
  GtkSearchEntry      *plan_search;
  GtkListBox          *plan_list;
  AdwExpanderRow      *assessment_row;

  SyEventRepo         *repo;
  SyEvent             *event;         /* the copy being edited */
  GHashTable          *unit_checks;   /* gint64 * id → GtkCheckButton */
  GPtrArray           *photos;        /* SyEventPhoto, in order */
  GPtrArray           *tiles;         /* GtkFlowBoxChild, parallel to photos */
  GPtrArray           *visits;        /* VisitForm */
  gint64               plan_item_id;  /* 0: none */
  GArray              *assessment_ids;    /* gint64, the items in outline order */
  GPtrArray           *assessment_checks; /* GtkCheckButton, parallel to assessment_ids */
  GHashTable          *assessment_codes;  /* gint64 * id → code (for the summary) */
  GCancellable        *cancellable;
  GString             *messages;
  guint                pending_photos;
  guint                pending_thumbnails;
  gboolean             filling;
  gboolean             dirty;
  gboolean             touched;       /* show "required" only after an edit */
  gboolean             date_typed;    /* else a new activity takes a photo's date */
  gboolean             valid;
  gboolean             closing;
};

G_DEFINE_FINAL_TYPE (SyEventEditor, sy_event_editor, ADW_TYPE_WINDOW)

enum { SIGNAL_SAVED, SIGNAL_DELETED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void revalidate (SyEventEditor *self);
static void update_photo_status (SyEventEditor *self);

/* --- small helpers ------------------------------------------------------------ */

static SyDatabase *
db_of (SyEventEditor *self)
{
  return sy_event_repo_get_database (self->repo);
}

static char *
entry_value (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static char *
buffer_value (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* As in the recipient editor: the message is a row of its own right under
 * its field, and the field is marked. */
static void
show_message (AdwActionRow *row,
              AdwEntryRow  *entry,
              const char   *message)
{
  gboolean shown = message != NULL && *message != '\0';

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (row), shown);
  if (shown)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
    }
}

static const char *
message_text (AdwActionRow *row)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (row)))
    return "";
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static void
alert (SyEventEditor *self,
       const char    *heading,
       const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mark_dirty (SyEventEditor *self)
{
  if (!self->filling)
    self->dirty = TRUE;
}

/* The form's record fields written into @e. */
static void
read_form (SyEventEditor *self,
           SyEvent       *e)
{
  g_autofree char *kind = entry_value (self->kind_row);
  g_autofree char *title = entry_value (self->title_row);
  g_autofree char *date = entry_value (self->date_row);
  g_autofree char *iso = date != NULL ? sy_event_repo_parse_date (date, NULL) : NULL;
  g_autofree char *place = entry_value (self->place_row);
  g_autofree char *organiser = entry_value (self->organiser_row);
  g_autofree char *participants = entry_value (self->participants_row);
  g_autofree char *content = buffer_value (self->content_view);
  g_autofree char *outcome = buffer_value (self->outcome_view);
  g_autofree char *recorder = entry_value (self->recorder_row);
  g_autofree char *reviewer = entry_value (self->reviewer_row);

  sy_event_set_kind (e, kind);
  sy_event_set_title (e, title);
  sy_event_set_date (e, iso != NULL ? iso : date);
  sy_event_set_place (e, place);
  sy_event_set_organiser (e, organiser);
  sy_event_set_leaders (e, gtk_spin_button_get_value_as_int (self->leaders_spin));
  sy_event_set_soldiers (e, gtk_spin_button_get_value_as_int (self->soldiers_spin));
  sy_event_set_civilians (e, gtk_spin_button_get_value_as_int (self->civilians_spin));
  sy_event_set_participants (e, participants);
  sy_event_set_content (e, content);
  sy_event_set_outcome (e, outcome);
  sy_event_set_recorder (e, recorder);
  sy_event_set_reviewer (e, reviewer);
  sy_event_set_plan_item_id (e, self->plan_item_id);
}

/* --- kinds ---------------------------------------------------------------------- */

static void
kind_chosen (SyEventEditor *self,
             GtkListBoxRow *row)
{
  set_entry (self->kind_row, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  gtk_menu_button_popdown (self->kind_button);
}

/* The type is free text (offices have their own), offered from the seed's
 * kinds and those already used. */
static void
build_kind_menu (SyEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) used = sy_queries_event_kinds (db_of (self), &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *seed = sy_event_repo_seed_kinds ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->kind_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->kind_list, GTK_SELECTION_NONE);
  for (guint pass = 0; pass < 2; pass++)
    {
      const char * const *kinds = pass == 0 ? seed : (const char * const *) used;

      for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
        {
          GtkWidget *row;

          if (!g_hash_table_add (seen, (gpointer) kinds[i]))
            continue;
          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kinds[i]);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_list_box_append (self->kind_list, row);
        }
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->kind_list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_widget_set_size_request (scroller, 220, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);

  self->kind_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->kind_button, "pan-down-symbolic");
  gtk_menu_button_set_popover (self->kind_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->kind_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_button), _("Choose a Type"));
  gtk_widget_add_css_class (GTK_WIDGET (self->kind_button), "flat");
  adw_entry_row_add_suffix (self->kind_row, GTK_WIDGET (self->kind_button));
  g_signal_connect_swapped (self->kind_list, "row-activated", G_CALLBACK (kind_chosen), self);
}

/* --- 共建部队 ----------------------------------------------------------------------- */

static GtkWidget *
add_unit_row (SyEventEditor  *self,
              SyMilitaryUnit *unit)
{
  GtkWidget *listbox = gtk_widget_get_parent (GTK_WIDGET (self->new_unit_row));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  gint64 id = sy_record_get_id (SY_RECORD (unit));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sy_military_unit_get_name (unit));
  if (sy_military_unit_get_designation (unit) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sy_military_unit_get_designation (unit));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (mark_dirty), self);
  g_hash_table_insert (self->unit_checks, g_memdup2 (&id, sizeof id), check);
  gtk_list_box_insert (GTK_LIST_BOX (listbox), row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->new_unit_row)));
  return check;
}

static void
build_unit_rows (SyEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) units = sy_queries_military_units (db_of (self), &error);

  for (guint i = 0; units != NULL && i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(SyMilitaryUnit) unit = g_list_model_get_item (units, i);
      add_unit_row (self, unit);
    }
}

static void
new_unit_applied (SyEventEditor *self)
{
  g_autoptr(SyMilitaryUnit) unit = sy_military_unit_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = entry_value (self->new_unit_row);

  if (name == NULL)
    return;
  sy_military_unit_set_name (unit, name);
  if (!sy_event_repo_add_military_unit (self->repo, unit, &error))
    {
      alert (self, _("The Unit Could Not Be Registered"), error->message);
      return;
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (add_unit_row (self, unit)), TRUE);
  set_entry (self->new_unit_row, NULL);
}

static GArray *
collect_units (SyEventEditor *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->unit_checks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (gtk_check_button_get_active (value))
      g_array_append_val (ids, *(gint64 *) key);
  return ids;
}

void
sy_event_editor_set_military_unit (SyEventEditor *self,
                                   gint64         unit_id,
                                   gboolean       taking_part)
{
  GtkCheckButton *check;

  g_return_if_fail (SY_IS_EVENT_EDITOR (self));
  check = g_hash_table_lookup (self->unit_checks, &unit_id);
  if (check != NULL)
    gtk_check_button_set_active (check, taking_part);
}

/* --- the plan item and the 考评 items ---------------------------------------------- */

/* The year whose plans the picker offers: the activity's, as typed. */
static int
activity_year (SyEventEditor *self)
{
  g_autofree char *date = entry_value (self->date_row);
  g_autofree char *iso = date != NULL ? sy_event_repo_parse_date (date, NULL) : NULL;
  g_autoptr(GDateTime) now = NULL;

  if (iso != NULL)
    return atoi (iso);
  now = g_date_time_new_now_local ();
  return g_date_time_get_year (now);
}

static void
show_plan_item (SyEventEditor *self)
{
  g_autoptr(SyEventPlanChoice) choice = NULL;
  g_autofree char *subtitle = NULL;

  if (self->plan_item_id > 0)
    choice = sy_event_repo_plan_choice (self->repo, self->plan_item_id, NULL);
  if (choice != NULL)
    subtitle = g_strdup_printf ("%s\n%s", choice->text, choice->path);
  else if (self->plan_item_id > 0)
    subtitle = g_strdup (_("The linked plan item was deleted from its plan"));
  else
    subtitle = g_strdup (_("None"));
  adw_action_row_set_subtitle (self->plan_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->plan_clear_button), self->plan_item_id > 0);
}

void
sy_event_editor_set_plan_item (SyEventEditor *self,
                               gint64         item_id)
{
  g_return_if_fail (SY_IS_EVENT_EDITOR (self));

  if (item_id < 0)
    item_id = 0;
  if (self->plan_item_id == item_id)
    return;
  self->plan_item_id = item_id;
  show_plan_item (self);
  mark_dirty (self);
}

static void
plan_clear_clicked (SyEventEditor *self)
{
  sy_event_editor_set_plan_item (self, 0);
}

static void
plan_choice_activated (SyEventEditor *self,
                       GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "plan-item-id");

  if (id != NULL)
    sy_event_editor_set_plan_item (self, *id);
  gtk_menu_button_popdown (self->plan_button);
}

/* Matches the search text against what the row shows: "label title" and
 * the outline path, so "慰问" finds the items under a 走访慰问 section. */
static gboolean
plan_row_visible (GtkListBoxRow *row,
                  gpointer       user_data)
{
  SyEventEditor *self = user_data;
  const char *haystack = g_object_get_data (G_OBJECT (row), "plan-item-key");
  g_autofree char *needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->plan_search)), -1);

  g_strstrip (needle);
  return *needle == '\0' || (haystack != NULL && strstr (haystack, needle) != NULL);
}

/* Filled each time the picker opens: the date (hence the year) may have
 * changed, and the Plans tab may have added items meanwhile. */
static void
fill_plan_choices (SyEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  int year = activity_year (self);
  g_autoptr(GPtrArray) choices = sy_event_repo_plan_choices (self->repo, year, &error);
  g_autofree char *empty = NULL;
  GtkWidget *placeholder;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->plan_list))) != NULL)
    gtk_list_box_remove (self->plan_list, child);
  if (choices == NULL)
    empty = g_strdup (error->message);
  else
    empty = g_strdup_printf (_("No plan of %d has items to choose; add them in the Plans tab"), year);
  placeholder = gtk_label_new (empty);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->plan_list, placeholder);

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      SyEventPlanChoice *choice = g_ptr_array_index (choices, i);
      g_autofree char *key = g_strconcat (choice->text, "\n", choice->path, NULL);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), choice->text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), choice->path);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (choice->id == self->plan_item_id)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("object-select-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "plan-item-id", g_memdup2 (&choice->id, sizeof choice->id),
                              g_free);
      g_object_set_data_full (G_OBJECT (row), "plan-item-key", g_utf8_casefold (key, -1), g_free);
      gtk_list_box_append (self->plan_list, row);
    }
  gtk_list_box_invalidate_filter (self->plan_list);
}

static void
plan_popover_shown (SyEventEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->plan_search), "");
  fill_plan_choices (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->plan_search));
}

static void
plan_search_changed (SyEventEditor *self)
{
  gtk_list_box_invalidate_filter (self->plan_list);
}

/* The first row the search leaves, activated by Enter in the entry. */
static GtkListBoxRow *
nth_visible_plan_row (SyEventEditor *self,
                      guint          index)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->plan_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child)
        && g_object_get_data (G_OBJECT (child), "plan-item-id") != NULL
        && plan_row_visible (GTK_LIST_BOX_ROW (child), self) && index-- == 0)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static void
plan_search_activated (SyEventEditor *self)
{
  GtkListBoxRow *row = nth_visible_plan_row (self, 0);

  if (row != NULL)
    plan_choice_activated (self, row);
}

static void
build_plan_picker (SyEventEditor *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->plan_search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->plan_search, "placeholder-text", _("Search the plan items"), NULL);
  self->plan_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->plan_list, GTK_SELECTION_NONE);
  gtk_list_box_set_filter_func (self->plan_list, plan_row_visible, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->plan_list), "boxed-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->plan_list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_widget_set_size_request (scroller, 380, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->plan_search));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->plan_button, popover);

  g_signal_connect_swapped (popover, "show", G_CALLBACK (plan_popover_shown), self);
  g_signal_connect_swapped (self->plan_search, "search-changed", G_CALLBACK (plan_search_changed), self);
  g_signal_connect_swapped (self->plan_search, "activate", G_CALLBACK (plan_search_activated), self);
  g_signal_connect_swapped (self->plan_list, "row-activated", G_CALLBACK (plan_choice_activated), self);
  g_signal_connect_swapped (self->plan_clear_button, "clicked", G_CALLBACK (plan_clear_clicked), self);
}

static void
show_assessment_summary (SyEventEditor *self)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < self->assessment_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->assessment_checks, i)))
      {
        gint64 id = g_array_index (self->assessment_ids, gint64, i);

        g_string_append_printf (codes, "%s%s", codes->len ? "、" : "",
                                (const char *) g_hash_table_lookup (self->assessment_codes, &id));
      }
  adw_expander_row_set_subtitle (self->assessment_row, codes->len ? codes->str : _("None"));
}

static void
assessment_toggled (SyEventEditor *self)
{
  show_assessment_summary (self);
  mark_dirty (self);
}

/* One check row per item: the eight standards and their scored sub-items,
 * indented under them. */
static void
build_assessment_rows (SyEventEditor *self)
{
  g_autoptr(SyAssessmentRepo) assessment = sy_assessment_repo_new (db_of (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = sy_assessment_repo_list_items (assessment, &error);

  if (items == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      adw_expander_row_add_row (self->assessment_row, row);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);
      gint64 id = sy_record_get_id (SY_RECORD (item));
      g_autofree char *title = g_strdup_printf ("%s %s", sy_assessment_item_get_code (item),
                                                sy_assessment_item_get_title (item));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      if (sy_assessment_item_get_description (item) != NULL)
        gtk_widget_set_tooltip_text (row, sy_assessment_item_get_description (item));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (sy_assessment_item_get_parent_id (item) > 0)
        gtk_widget_set_margin_start (check, 24);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (assessment_toggled), self);
      adw_expander_row_add_row (self->assessment_row, row);
      g_array_append_val (self->assessment_ids, id);
      g_ptr_array_add (self->assessment_checks, check);
      g_hash_table_insert (self->assessment_codes, g_memdup2 (&id, sizeof id),
                           g_strdup (sy_assessment_item_get_code (item)));
    }
}

void
sy_event_editor_set_assessment_item (SyEventEditor *self,
                                     gint64         item_id,
                                     gboolean       linked)
{
  g_return_if_fail (SY_IS_EVENT_EDITOR (self));

  for (guint i = 0; i < self->assessment_ids->len; i++)
    if (g_array_index (self->assessment_ids, gint64, i) == item_id)
      gtk_check_button_set_active (g_ptr_array_index (self->assessment_checks, i), linked);
}

GArray *
sy_event_editor_get_assessment_items (SyEventEditor *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), ids);
  for (guint i = 0; i < self->assessment_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->assessment_checks, i)))
      g_array_append_val (ids, g_array_index (self->assessment_ids, gint64, i));
  return ids;
}

static void
fill_assessment (SyEventEditor *self,
                 gint64         event_id)
{
  g_autoptr(GArray) linked = event_id > 0
                             ? sy_event_repo_list_assessment_item_ids (self->repo, event_id, NULL) : NULL;

  for (guint i = 0; i < self->assessment_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->assessment_checks, i), FALSE);
  for (guint i = 0; linked != NULL && i < linked->len; i++)
    sy_event_editor_set_assessment_item (self, g_array_index (linked, gint64, i), TRUE);
  show_assessment_summary (self);
}

/* --- photos --------------------------------------------------------------------- */

typedef struct {
  SyEventEditor *editor;
  GtkPicture    *picture;
} ThumbRequest;

static void
thumbnail_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ThumbRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = sy_photo_thumbnail_finish (result, &error);

  req->editor->pending_thumbnails--;
  if (pixbuf != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);

      gtk_picture_set_paintable (req->picture, GDK_PAINTABLE (texture));
      gtk_widget_remove_css_class (GTK_WIDGET (req->picture), "loading");
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (req->picture), "loading");
      gtk_widget_add_css_class (GTK_WIDGET (req->picture), "broken");
      gtk_widget_set_tooltip_text (GTK_WIDGET (req->picture), error->message);
    }
  g_object_unref (req->picture);
  g_object_unref (req->editor);
  g_free (req);
}

static void
show_thumbnail (SyEventEditor *self,
                GtkPicture    *picture,
                SyEventPhoto  *photo)
{
  const char *hash = sy_event_photo_get_attachment_hash (photo);
  g_autoptr(GdkPixbuf) cached = sy_photo_thumbnail_lookup (hash);
  g_autofree char *path = NULL;
  ThumbRequest *req;

  if (cached != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (cached);

      gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
      return;
    }
  path = sy_attachment_store_get_path (sy_database_get_attachments (db_of (self)), hash);
  if (path == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (picture), "broken");
      return;
    }
  gtk_widget_add_css_class (GTK_WIDGET (picture), "loading");
  req = g_new0 (ThumbRequest, 1);
  req->editor = g_object_ref (self);
  req->picture = g_object_ref (picture);
  self->pending_thumbnails++;
  sy_photo_thumbnail_async (path, hash, self->cancellable, thumbnail_done, req);
}

static guint
photo_index (SyEventEditor *self,
             SyEventPhoto  *photo)
{
  guint index;

  if (g_ptr_array_find (self->photos, photo, &index))
    return index;
  return G_MAXUINT;
}

/* Earlier/Later are offered where they can move the photo. */
static void
update_tile_buttons (SyEventEditor *self)
{
  for (guint i = 0; i < self->tiles->len; i++)
    {
      GtkWidget *tile = g_ptr_array_index (self->tiles, i);

      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (tile), "earlier"), i > 0);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (tile), "later"), i + 1 < self->tiles->len);
    }
}

/* Moves the photo at @from to @to (both < the number of photos). */
static void
move_photo_to (SyEventEditor *self,
               guint          from,
               guint          to)
{
  SyEventPhoto *photo;
  GtkWidget *tile;

  if (from == to || from >= self->photos->len || to >= self->photos->len)
    return;
  photo = g_ptr_array_index (self->photos, from);
  tile = g_object_ref (g_ptr_array_index (self->tiles, from));
  g_object_ref (photo);
  g_ptr_array_remove_index (self->photos, from);
  g_ptr_array_insert (self->photos, to, photo);
  g_ptr_array_remove_index (self->tiles, from);
  g_ptr_array_insert (self->tiles, to, tile);
  gtk_flow_box_remove (self->photo_box, tile);
  gtk_flow_box_insert (self->photo_box, tile, (int) to);
  g_object_unref (tile);
  update_tile_buttons (self);
  mark_dirty (self);
}

static void
move_photo (SyEventEditor *self,
            SyEventPhoto  *photo,
            int            delta)
{
  guint from = photo_index (self, photo);

  if (from == G_MAXUINT || (delta < 0 && from == 0) || (delta > 0 && from + 1 >= self->photos->len))
    return;
  move_photo_to (self, from, from + delta);
}

/* Dragging a tile onto another puts it there.  The drag carries the
 * attachment hash as text (unique within the activity), so a drop from
 * elsewhere that happens to be text finds no photo and is refused. */
static GdkContentProvider *
tile_drag_prepare (GtkDragSource *source,
                   double         x,
                   double         y,
                   GtkWidget     *tile)
{
  SyEventPhoto *photo = g_object_get_data (G_OBJECT (tile), "photo");
  g_autofree char *token = g_strconcat ("sy-photo:", sy_event_photo_get_attachment_hash (photo), NULL);

  return gdk_content_provider_new_typed (G_TYPE_STRING, token);
}

static gboolean
tile_drop (GtkDropTarget *target,
           const GValue  *value,
           double         x,
           double         y,
           GtkWidget     *tile)
{
  SyEventEditor *self = SY_EVENT_EDITOR (gtk_widget_get_ancestor (tile, SY_TYPE_EVENT_EDITOR));
  const char *token = g_value_get_string (value);
  guint to, from = G_MAXUINT;

  if (self == NULL || token == NULL || !g_str_has_prefix (token, "sy-photo:")
      || !g_ptr_array_find (self->tiles, tile, &to))
    return FALSE;
  for (guint i = 0; i < self->photos->len && from == G_MAXUINT; i++)
    if (g_strcmp0 (sy_event_photo_get_attachment_hash (g_ptr_array_index (self->photos, i)),
                   token + strlen ("sy-photo:")) == 0)
      from = i;
  if (from == G_MAXUINT)
    return FALSE;
  move_photo_to (self, from, to);
  return TRUE;
}

static void
earlier_clicked (GtkButton *button,
                 SyEventEditor *self)
{
  move_photo (self, g_object_get_data (G_OBJECT (button), "photo"), -1);
}

static void
later_clicked (GtkButton *button,
               SyEventEditor *self)
{
  move_photo (self, g_object_get_data (G_OBJECT (button), "photo"), 1);
}

static void
remove_clicked (GtkButton *button,
                SyEventEditor *self)
{
  guint index = photo_index (self, g_object_get_data (G_OBJECT (button), "photo"));

  if (index == G_MAXUINT)
    return;
  gtk_flow_box_remove (self->photo_box, g_ptr_array_index (self->tiles, index));
  g_ptr_array_remove_index (self->tiles, index);
  g_ptr_array_remove_index (self->photos, index);
  update_tile_buttons (self);
  update_photo_status (self);
  mark_dirty (self);
}

static void
caption_changed (GtkEditable   *entry,
                 SyEventEditor *self)
{
  SyEventPhoto *photo = g_object_get_data (G_OBJECT (entry), "photo");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  sy_event_photo_set_caption (photo, *text != '\0' ? text : NULL);
  mark_dirty (self);
}

static void
in_ledger_toggled (GtkCheckButton *check,
                   SyEventEditor  *self)
{
  SyEventPhoto *photo = g_object_get_data (G_OBJECT (check), "photo");

  sy_event_photo_set_in_ledger (photo, gtk_check_button_get_active (check));
  mark_dirty (self);
}

static GtkWidget *
tile_button (const char    *icon,
             const char    *tooltip,
             SyEventPhoto  *photo,
             GCallback      callback,
             SyEventEditor *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  g_object_set_data_full (G_OBJECT (button), "photo", g_object_ref (photo), g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
append_tile (SyEventEditor *self,
             SyEventPhoto  *photo)
{
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *caption = gtk_entry_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *check = gtk_check_button_new_with_label (_("In Ledger"));
  GtkWidget *earlier, *later, *remove;
  GtkDragSource *drag;
  GtkDropTarget *drop;

  gtk_widget_add_css_class (picture, "photo");
  gtk_widget_set_size_request (picture, TILE_WIDTH, TILE_HEIGHT);
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), sy_event_photo_get_caption (photo));
  gtk_widget_set_tooltip_text (picture, _("Drag onto another photo to move it there"));

  gtk_editable_set_text (GTK_EDITABLE (caption),
                         sy_event_photo_get_caption (photo) != NULL ? sy_event_photo_get_caption (photo) : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (caption), _("Caption"));
  gtk_widget_set_tooltip_text (caption, _("Caption: time, place and occasion"));
  g_object_set_data_full (G_OBJECT (caption), "photo", g_object_ref (photo), g_object_unref);
  g_signal_connect (caption, "changed", G_CALLBACK (caption_changed), self);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), sy_event_photo_get_in_ledger (photo));
  gtk_widget_set_tooltip_text (check, _("Print this photo in the ledger"));
  gtk_widget_set_hexpand (check, TRUE);
  g_object_set_data_full (G_OBJECT (check), "photo", g_object_ref (photo), g_object_unref);
  g_signal_connect (check, "toggled", G_CALLBACK (in_ledger_toggled), self);

  earlier = tile_button ("go-previous-symbolic", _("Move Earlier"), photo, G_CALLBACK (earlier_clicked), self);
  later = tile_button ("go-next-symbolic", _("Move Later"), photo, G_CALLBACK (later_clicked), self);
  remove = tile_button ("user-trash-symbolic", _("Remove from the Activity"), photo,
                        G_CALLBACK (remove_clicked), self);

  gtk_box_append (GTK_BOX (bar), check);
  gtk_box_append (GTK_BOX (bar), earlier);
  gtk_box_append (GTK_BOX (bar), later);
  gtk_box_append (GTK_BOX (bar), remove);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  g_object_set_data (G_OBJECT (child), "earlier", earlier);
  g_object_set_data (G_OBJECT (child), "later", later);
  g_object_set_data_full (G_OBJECT (child), "photo", g_object_ref (photo), g_object_unref);
  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (tile_drag_prepare), child);
  gtk_widget_add_controller (picture, GTK_EVENT_CONTROLLER (drag));
  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (tile_drop), child);
  gtk_widget_add_controller (child, GTK_EVENT_CONTROLLER (drop));
  gtk_flow_box_append (self->photo_box, child);
  g_ptr_array_add (self->tiles, child);
  show_thumbnail (self, GTK_PICTURE (picture), photo);
}

static void
update_photo_status (SyEventEditor *self)
{
  g_autofree char *text = NULL;

  if (self->pending_photos > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Checking %u file…", "Checking %u files…",
                                         self->pending_photos),
                            self->pending_photos);
  else if (self->photos->len == 0)
    text = g_strdup (_("No photos yet."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", self->photos->len),
                            self->photos->len);
  gtk_label_set_text (self->photo_status, text);
  gtk_label_set_text (self->photo_messages, self->messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->photo_messages), self->messages->len > 0);
}

static void
add_message (SyEventEditor *self,
             const char    *message)
{
  if (self->messages->len > 0)
    g_string_append_c (self->messages, '\n');
  g_string_append (self->messages, message);
}

/* One checked file joins the activity (main thread: the attachment store
 * writes through the database connection). */
static void
accept_intake (SyEventEditor *self,
               SyPhotoIntake *intake)
{
  g_autoptr(SyEvent) current = SY_EVENT (sy_record_copy (SY_RECORD (self->event)));
  g_autofree char *caption = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyEventPhoto) photo = NULL;
  /* A new activity takes its date from the first photo that knows it,
   * unless the user wrote one (the form starts with today's). */
  if (!self->date_typed && sy_record_get_id (SY_RECORD (self->event)) <= 0
      && intake->info.taken_at != NULL)
    {
      g_autofree char *minutes = g_strndup (intake->info.taken_at, 16);

      set_entry (self->date_row, minutes);
      self->date_typed = TRUE;
    }
  read_form (self, current);
  caption = sy_event_repo_default_caption (current);
  photo = sy_event_repo_prepare_photo (self->repo, self->photos, intake->bytes, intake->info.mime_type,
                                       intake->name, caption, &error);
  if (photo == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", intake->name, error->message);
      add_message (self, message);
      return;
    }
  sy_photo_thumbnail_remember (sy_event_photo_get_attachment_hash (photo), intake->thumbnail);
  sy_event_photo_set_event_id (photo, sy_record_get_id (SY_RECORD (self->event)));
  g_ptr_array_add (self->photos, g_object_ref (photo));
  append_tile (self, photo);
  update_tile_buttons (self);
  mark_dirty (self);
}

typedef struct {
  gboolean       done;
  SyPhotoIntake *intake;
  GError        *error;
} Slot;

typedef struct {
  SyEventEditor *editor;
  Slot          *slots;
  guint          n_slots;
  guint          next;      /* the first slot not yet handled */
  guint          finished;  /* slots whose thread returned */
} Batch;

typedef struct {
  Batch *batch;
  guint  index;
} SlotRef;

static void
batch_free (Batch *batch)
{
  for (guint i = 0; i < batch->n_slots; i++)
    {
      sy_photo_intake_free (batch->slots[i].intake);
      g_clear_error (&batch->slots[i].error);
    }
  g_free (batch->slots);
  g_object_unref (batch->editor);
  g_free (batch);
}

/* Results are taken in the order the files were given, whichever thread
 * finishes first: the grid shows them as chosen. */
static void
intake_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SlotRef *ref = user_data;
  Batch *batch = ref->batch;
  SyEventEditor *self = batch->editor;
  Slot *slot = &batch->slots[ref->index];

  g_free (ref);
  slot->intake = sy_photo_intake_load_finish (result, &slot->error);
  slot->done = TRUE;
  batch->finished++;

  while (batch->next < batch->n_slots && batch->slots[batch->next].done)
    {
      Slot *s = &batch->slots[batch->next++];

      self->pending_photos--;
      if (g_error_matches (s->error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closing)
        continue;
      if (s->error != NULL)
        add_message (self, s->error->message);
      else
        accept_intake (self, s->intake);
      g_clear_pointer (&s->intake, sy_photo_intake_free);
    }
  update_photo_status (self);
  if (batch->finished == batch->n_slots)
    batch_free (batch);
}

void
sy_event_editor_add_files (SyEventEditor *self,
                           GListModel    *files)
{
  Batch *batch;
  guint n;

  g_return_if_fail (SY_IS_EVENT_EDITOR (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  n = g_list_model_get_n_items (files);
  if (n == 0)
    return;
  /* The messages are about the latest files added. */
  if (self->pending_photos == 0)
    g_string_truncate (self->messages, 0);
  batch = g_new0 (Batch, 1);
  batch->editor = g_object_ref (self);
  batch->slots = g_new0 (Slot, n);
  batch->n_slots = n;
  self->pending_photos += n;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      SlotRef *ref = g_new0 (SlotRef, 1);

      ref->batch = batch;
      ref->index = i;
      sy_photo_intake_load_async (file, self->cancellable, intake_done, ref);
    }
  update_photo_status (self);
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  SyEventEditor   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      sy_event_editor_add_files (self, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_photos_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SyEventEditor *self = SY_EVENT_EDITOR (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) photos = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Add Photos"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (photos, _("Photos (JPEG, PNG, HEIC)"));
  gtk_file_filter_add_mime_type (photos, "image/jpeg");
  gtk_file_filter_add_mime_type (photos, "image/png");
  gtk_file_filter_add_mime_type (photos, "image/heif");
  gtk_file_filter_add_suffix (photos, "heic");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), photos);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
files_dropped (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               SyEventEditor *self)
{
  GSList *list;
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = list; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  sy_event_editor_add_files (self, G_LIST_MODEL (files));
  return TRUE;
}

static void
fill_photos (SyEventEditor *self)
{
  gint64 id = sy_record_get_id (SY_RECORD (self->event));
  g_autoptr(GListModel) stored = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->photo_box))) != NULL)
    gtk_flow_box_remove (self->photo_box, child);
  g_ptr_array_set_size (self->tiles, 0);
  g_ptr_array_set_size (self->photos, 0);
  if (id > 0)
    stored = sy_queries_event_photos (db_of (self), id, NULL);
  for (guint i = 0; stored != NULL && i < g_list_model_get_n_items (stored); i++)
    {
      SyEventPhoto *photo = g_list_model_get_item (stored, i);

      g_ptr_array_add (self->photos, photo);
      append_tile (self, photo);
    }
  update_tile_buttons (self);
  update_photo_status (self);
}

/* --- visits --------------------------------------------------------------------- */

static void
visit_form_free (gpointer data)
{
  VisitForm *form = data;

  g_clear_object (&form->visit);
  g_free (form->name);
  g_free (form->village);
  g_free (form);
}

static void
visit_update (VisitForm *form)
{
  g_autofree char *money = entry_value (form->money_row);
  g_autofree char *gift = entry_value (form->gift_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  gint64 fen = 0;

  form->money_ok = money == NULL || (sy_money_parse (money, &fen, &error) && fen >= 0);
  if (form->money_ok)
    {
      g_autofree char *figure = sy_money_format (fen);

      gtk_widget_remove_css_class (GTK_WIDGET (form->money_row), "error");
      if (gift != NULL)
        subtitle = g_strdup_printf (_("%s · ¥%s · %s"), sy_ui_or_dash (form->village), figure, gift);
      else
        subtitle = g_strdup_printf ("%s · ¥%s", sy_ui_or_dash (form->village), figure);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (form->money_row), "error");
      subtitle = g_strdup (error != NULL ? error->message : _("The money cannot be negative"));
    }
  adw_expander_row_set_subtitle (form->row, subtitle);
}

static void
visit_changed (VisitForm *form)
{
  visit_update (form);
  mark_dirty (form->editor);
  revalidate (form->editor);
}

static void
remove_visit_clicked (GtkButton *button,
                      VisitForm *form)
{
  SyEventEditor *self = form->editor;

  adw_preferences_group_remove (self->visits_group, GTK_WIDGET (form->row));
  g_ptr_array_remove (self->visits, form);
  mark_dirty (self);
  revalidate (self);
}

static AdwEntryRow *
visit_entry (VisitForm  *form,
             const char *title,
             const char *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  set_entry (row, text);
  adw_expander_row_add_row (form->row, GTK_WIDGET (row));
  return row;
}

static VisitForm *
add_visit_form (SyEventEditor    *self,
                SyEventRecipient *visit)
{
  VisitForm *form = g_new0 (VisitForm, 1);
  g_autoptr(SyRecipient) person = sy_database_load (db_of (self), SY_TYPE_RECIPIENT,
                                                    sy_event_recipient_get_recipient_id (visit), NULL);
  g_autofree char *money = NULL;
  GtkWidget *remove;

  form->editor = self;
  form->visit = SY_EVENT_RECIPIENT (sy_record_copy (SY_RECORD (visit)));
  form->name = g_strdup (person != NULL ? sy_recipient_get_name (person) : _("(no longer in the register)"));
  form->village = g_strdup (person != NULL ? sy_recipient_get_village (person) : NULL);
  if (sy_event_recipient_get_money_fen (visit) != 0)
    money = sy_money_format_plain (sy_event_recipient_get_money_fen (visit));

  form->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (form->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->row), form->name);
  form->gift_row = visit_entry (form, _("Gift"), sy_event_recipient_get_gift (visit));
  form->money_row = visit_entry (form, _("Money (yuan)"), money);
  form->needs_row = visit_entry (form, _("Difficulties and Requests"), sy_event_recipient_get_needs (visit));
  form->follow_row = visit_entry (form, _("Follow-up"), sy_event_recipient_get_follow_up (visit));

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove this Visit"));
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_visit_clicked), form);
  adw_expander_row_add_action (form->row, remove);

  visit_update (form);
  g_signal_connect_swapped (form->gift_row, "changed", G_CALLBACK (visit_changed), form);
  g_signal_connect_swapped (form->money_row, "changed", G_CALLBACK (visit_changed), form);
  g_signal_connect_swapped (form->needs_row, "changed", G_CALLBACK (visit_changed), form);
  g_signal_connect_swapped (form->follow_row, "changed", G_CALLBACK (visit_changed), form);

  adw_preferences_group_add (self->visits_group, GTK_WIDGET (form->row));
  g_ptr_array_add (self->visits, form);
  return form;
}

static gboolean
is_visited (SyEventEditor *self,
            gint64         recipient_id)
{
  for (guint i = 0; i < self->visits->len; i++)
    {
      VisitForm *form = g_ptr_array_index (self->visits, i);

      if (sy_event_recipient_get_recipient_id (form->visit) == recipient_id)
        return TRUE;
    }
  return FALSE;
}

GtkEditable *
sy_event_editor_add_visit (SyEventEditor *self,
                           gint64         recipient_id)
{
  g_autoptr(SyEventRecipient) visit = NULL;
  VisitForm *form;

  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), NULL);
  if (recipient_id <= 0 || is_visited (self, recipient_id))
    return NULL;
  visit = sy_event_recipient_new ();
  sy_event_recipient_set_recipient_id (visit, recipient_id);
  form = add_visit_form (self, visit);
  adw_expander_row_set_expanded (form->row, TRUE);
  mark_dirty (self);
  revalidate (self);
  return GTK_EDITABLE (form->money_row);
}

static GPtrArray *
collect_visits (SyEventEditor *self)
{
  GPtrArray *visits = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->visits->len; i++)
    {
      VisitForm *form = g_ptr_array_index (self->visits, i);
      SyEventRecipient *v = SY_EVENT_RECIPIENT (sy_record_copy (SY_RECORD (form->visit)));
      g_autofree char *gift = entry_value (form->gift_row);
      g_autofree char *money = entry_value (form->money_row);
      g_autofree char *needs = entry_value (form->needs_row);
      g_autofree char *follow = entry_value (form->follow_row);
      gint64 fen = 0;

      if (money != NULL)
        sy_money_parse (money, &fen, NULL);
      sy_event_recipient_set_gift (v, gift);
      sy_event_recipient_set_money_fen (v, fen);
      sy_event_recipient_set_needs (v, needs);
      sy_event_recipient_set_follow_up (v, follow);
      g_ptr_array_add (visits, v);
    }
  return visits;
}

static void
visit_search_changed (SyEventEditor *self)
{
  SyRecipientFilter filter = { 0 };
  g_autoptr(SyQueryModel) found = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->visit_search))));
  GtkWidget *child;
  guint n, shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->visit_results))) != NULL)
    gtk_list_box_remove (self->visit_results, child);
  if (*text == '\0')
    return;

  filter.text = text;
  filter.sort = SY_RECIPIENT_SORT_NAME;
  found = sy_queries_recipients_filtered (db_of (self), &filter, NULL);
  n = found != NULL ? g_list_model_get_n_items (G_LIST_MODEL (found)) : 0;
  for (guint i = 0; i < n && shown < VISIT_RESULTS; i++)
    {
      g_autoptr(SyRecipient) r = g_list_model_get_item (G_LIST_MODEL (found), i);
      gint64 id = sy_record_get_id (SY_RECORD (r));
      g_autofree char *masked = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (is_visited (self, id))
        continue;
      masked = sy_recipient_get_id_number (r) != NULL ? sy_mask_id_number (sy_recipient_get_id_number (r)) : NULL;
      subtitle = g_strdup_printf ("%s · %s", sy_ui_or_dash (sy_recipient_get_village (r)),
                                  sy_ui_or_dash (sy_recipient_get_categories (r)));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sy_recipient_get_name (r));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (masked != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (masked));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "recipient-id64", g_memdup2 (&id, sizeof id), g_free);
      gtk_list_box_append (self->visit_results, row);
      shown++;
    }
}

static void
visit_result_activated (SyEventEditor *self,
                        GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "recipient-id64");

  if (id != NULL)
    sy_event_editor_add_visit (self, *id);
  gtk_menu_button_popdown (self->visit_button);
  gtk_editable_set_text (GTK_EDITABLE (self->visit_search), "");
}

static void
build_visit_search (SyEventEditor *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->visit_search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->visit_search, "placeholder-text", _("Search by name or ID number"), NULL);
  self->visit_results = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->visit_results, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->visit_results), "boxed-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->visit_results));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_widget_set_size_request (scroller, 320, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->visit_search));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->visit_button, popover);

  g_signal_connect_swapped (self->visit_search, "search-changed", G_CALLBACK (visit_search_changed), self);
  g_signal_connect_swapped (self->visit_results, "row-activated", G_CALLBACK (visit_result_activated), self);
}

/* --- validation ------------------------------------------------------------------- */

static void
revalidate (SyEventEditor *self)
{
  g_autofree char *kind = entry_value (self->kind_row);
  g_autofree char *title = entry_value (self->title_row);
  g_autofree char *date = entry_value (self->date_row);
  g_autofree char *date_message = NULL;
  gboolean valid = TRUE;

  if (kind == NULL || title == NULL)
    valid = FALSE;
  show_message (self->kind_error_row, self->kind_row,
                kind == NULL && self->touched ? _("The type of activity is required") : NULL);
  show_message (self->title_error_row, self->title_row,
                title == NULL && self->touched ? _("The title is required") : NULL);

  if (date == NULL)
    {
      valid = FALSE;
      if (self->touched)
        date_message = g_strdup (_("The date is required"));
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = sy_event_repo_parse_date (date, &error);

      if (iso == NULL)
        {
          date_message = g_strdup (error->message);
          valid = FALSE;
        }
    }
  show_message (self->date_error_row, self->date_row, date_message);

  for (guint i = 0; i < self->visits->len; i++)
    if (!((VisitForm *) g_ptr_array_index (self->visits, i))->money_ok)
      valid = FALSE;

  self->valid = valid;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
}

static void
date_changed (SyEventEditor *self)
{
  if (!self->filling)
    self->date_typed = TRUE;
}

static void
field_changed (SyEventEditor *self)
{
  if (self->filling)
    return;
  self->dirty = TRUE;
  self->touched = TRUE;
  revalidate (self);
}

/* --- filling the form ---------------------------------------------------------------- */

static void
fill (SyEventEditor *self)
{
  SyEvent *e = self->event;
  gint64 id = sy_record_get_id (SY_RECORD (e));
  g_autoptr(GArray) units = NULL;
  g_autoptr(GListModel) visits = NULL;
  GHashTableIter iter;
  gpointer value;

  self->filling = TRUE;
  set_entry (self->kind_row, sy_event_get_kind (e));
  set_entry (self->title_row, sy_event_get_title (e));
  set_entry (self->date_row, sy_event_get_date (e));
  set_entry (self->place_row, sy_event_get_place (e));
  set_entry (self->organiser_row, sy_event_get_organiser (e));
  gtk_spin_button_set_value (self->leaders_spin, sy_event_get_leaders (e));
  gtk_spin_button_set_value (self->soldiers_spin, sy_event_get_soldiers (e));
  gtk_spin_button_set_value (self->civilians_spin, sy_event_get_civilians (e));
  set_entry (self->participants_row, sy_event_get_participants (e));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->content_view),
                            sy_event_get_content (e) != NULL ? sy_event_get_content (e) : "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->outcome_view),
                            sy_event_get_outcome (e) != NULL ? sy_event_get_outcome (e) : "", -1);
  set_entry (self->recorder_row, sy_event_get_recorder (e));
  set_entry (self->reviewer_row, sy_event_get_reviewer (e));

  g_hash_table_iter_init (&iter, self->unit_checks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_check_button_set_active (value, FALSE);
  units = id > 0 ? sy_event_repo_list_military_unit_ids (self->repo, id, NULL) : NULL;
  for (guint i = 0; units != NULL && i < units->len; i++)
    sy_event_editor_set_military_unit (self, g_array_index (units, gint64, i), TRUE);

  while (self->visits->len > 0)
    {
      VisitForm *form = g_ptr_array_index (self->visits, self->visits->len - 1);

      adw_preferences_group_remove (self->visits_group, GTK_WIDGET (form->row));
      g_ptr_array_remove_index (self->visits, self->visits->len - 1);
    }
  visits = id > 0 ? sy_queries_event_recipients (db_of (self), id, NULL) : NULL;
  for (guint i = 0; visits != NULL && i < g_list_model_get_n_items (visits); i++)
    {
      g_autoptr(SyEventRecipient) v = g_list_model_get_item (visits, i);
      add_visit_form (self, v);
    }

  self->plan_item_id = sy_event_get_plan_item_id (e);
  show_plan_item (self);
  fill_assessment (self, id);

  fill_photos (self);
  gtk_window_set_title (GTK_WINDOW (self), id > 0 ? _("Edit Activity") : _("New Activity"));
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), id > 0);
  self->touched = FALSE;
  self->date_typed = FALSE;
  revalidate (self);
  self->filling = FALSE;
  self->dirty = FALSE;
}

/* --- save, conflicts, delete, cancel ---------------------------------------------- */

static gboolean
close_later (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
conflict_response (AdwMessageDialog *dialog,
                   const char       *response,
                   SyEventEditor    *self)
{
  g_autoptr(SyEvent) fresh = NULL;

  if (g_strcmp0 (response, "reload") != 0)
    return;
  fresh = sy_database_load (db_of (self), SY_TYPE_EVENT, sy_record_get_id (SY_RECORD (self->event)), NULL);
  if (fresh == NULL)
    {
      alert (self, _("The Activity Was Deleted"),
             _("Another desk deleted this activity. Save it again as a new activity, or cancel."));
      sy_record_set_id (SY_RECORD (self->event), 0);
      for (guint i = 0; i < self->photos->len; i++)
        sy_record_set_id (g_ptr_array_index (self->photos, i), 0);
      for (guint i = 0; i < self->visits->len; i++)
        sy_record_set_id (SY_RECORD (((VisitForm *) g_ptr_array_index (self->visits, i))->visit), 0);
      return;
    }
  g_set_object (&self->event, fresh);
  fill (self);
}

static void
show_conflict (SyEventEditor *self,
               const char    *message)
{
  g_autofree char *body = g_strdup_printf (_("%s\n\nYour changes are still in this window. Keep them to "
                                             "copy what you need, or reload the activity as it is "
                                             "stored now (your changes are then dropped)."),
                                           message);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Changed at Another Desk"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep My Changes"),
                                    "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyEventEditor *self = SY_EVENT_EDITOR (widget);
  g_autoptr(SyEvent) work = SY_EVENT (sy_record_copy (SY_RECORD (self->event)));
  g_autoptr(GArray) units = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GArray) assessment = NULL;
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GError) error = NULL;

  self->touched = TRUE;
  revalidate (self);
  if (!self->valid)
    return;
  if (self->pending_photos > 0)
    {
      alert (self, _("Photos Are Still Being Checked"),
             _("Wait until the photos being added are checked, then save."));
      return;
    }

  read_form (self, work);
  if (sy_event_get_unit_id (work) <= 0)
    {
      g_autoptr(SyUnit) office = sy_queries_office (db_of (self), NULL);

      if (office != NULL)
        sy_event_set_unit_id (work, sy_record_get_id (SY_RECORD (office)));
    }
  units = collect_units (self);
  visits = collect_visits (self);
  assessment = sy_event_editor_get_assessment_items (self);
  /* The photos new to the activity (id 0 until saved) get their print
   * copies in the background once the save succeeded. */
  added = g_ptr_array_new ();
  for (guint i = 0; i < self->photos->len; i++)
    if (sy_record_get_id (g_ptr_array_index (self->photos, i)) <= 0)
      g_ptr_array_add (added, (gpointer) sy_event_photo_get_attachment_hash (g_ptr_array_index (self->photos, i)));
  /* The repo copies ids and versions back into the photos on success only. */
  if (!sy_event_repo_save_linked (self->repo, work, units, visits, self->photos, assessment, &error))
    {
      if (g_error_matches (error, SY_ERROR, SY_ERROR_CONFLICT))
        show_conflict (self, error->message);
      else
        alert (self, _("The Activity Could Not Be Saved"), error->message);
      return;
    }
  if (added->len > 0)
    {
      g_autoptr(SyPhotoPrintCache) print_copies = sy_photo_print_cache_for_database (db_of (self));

      sy_photo_print_cache_prepare_in_background (print_copies, (const char * const *) added->pdata,
                                                  added->len);
    }

  g_set_object (&self->event, work);
  self->dirty = FALSE;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, work);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
delete_response (AdwMessageDialog *dialog,
                 const char       *response,
                 SyEventEditor    *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!sy_event_repo_delete (self->repo, self->event, &error))
    {
      if (g_error_matches (error, SY_ERROR, SY_ERROR_CONFLICT))
        show_conflict (self, error->message);
      else
        alert (self, _("The Activity Could Not Be Deleted"), error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_DELETED], 0, self->event);
  self->closing = TRUE;
  /* Not from inside the dialog's response: the dialog is transient for
   * this window and must go first. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later, g_object_ref (self), g_object_unref);
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyEventEditor *self = SY_EVENT_EDITOR (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (sy_record_get_id (SY_RECORD (self->event)) <= 0)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), sy_event_get_title (self->event));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The activity with its visits and photos is removed from the "
                                     "ledger for good (the office log keeps a copy; the photo files "
                                     "stay in the attachment store)."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
discard_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SyEventEditor    *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->closing = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later, g_object_ref (self), g_object_unref);
}

static gboolean
sy_event_editor_close_request (GtkWindow *window)
{
  SyEventEditor *self = SY_EVENT_EDITOR (window);
  GtkWidget *dialog;

  if (self->closing || !self->dirty)
    {
      self->closing = TRUE;
      g_cancellable_cancel (self->cancellable);
      return GTK_WINDOW_CLASS (sy_event_editor_parent_class)->close_request (window);
    }

  dialog = adw_message_dialog_new (window, _("Discard Changes?"),
                                   _("The changes to this activity have not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* --- public ------------------------------------------------------------------------ */

gboolean
sy_event_editor_is_valid (SyEventEditor *self)
{
  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), FALSE);
  return self->valid;
}

GtkEditable *
sy_event_editor_get_entry (SyEventEditor *self,
                           const char    *field)
{
  const struct { const char *name; AdwEntryRow *row; } rows[] = {
    { "kind", self->kind_row },
    { "title", self->title_row },
    { "date", self->date_row },
    { "place", self->place_row },
    { "organiser", self->organiser_row },
    { "participants", self->participants_row },
    { "recorder", self->recorder_row },
    { "reviewer", self->reviewer_row },
  };

  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (rows[i].name, field) == 0)
      return GTK_EDITABLE (rows[i].row);
  return NULL;
}

const char *
sy_event_editor_get_message (SyEventEditor *self,
                             const char    *field)
{
  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), "");
  if (g_strcmp0 (field, "kind") == 0)
    return message_text (self->kind_error_row);
  if (g_strcmp0 (field, "title") == 0)
    return message_text (self->title_error_row);
  if (g_strcmp0 (field, "date") == 0)
    return message_text (self->date_error_row);
  return "";
}

GtkSpinButton *
sy_event_editor_get_spin (SyEventEditor *self,
                          const char    *field)
{
  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), NULL);
  if (g_strcmp0 (field, "leaders") == 0)
    return self->leaders_spin;
  if (g_strcmp0 (field, "soldiers") == 0)
    return self->soldiers_spin;
  if (g_strcmp0 (field, "civilians") == 0)
    return self->civilians_spin;
  return NULL;
}

GtkTextBuffer *
sy_event_editor_get_buffer (SyEventEditor *self,
                            const char    *field)
{
  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), NULL);
  if (g_strcmp0 (field, "content") == 0)
    return gtk_text_view_get_buffer (self->content_view);
  if (g_strcmp0 (field, "outcome") == 0)
    return gtk_text_view_get_buffer (self->outcome_view);
  return NULL;
}

guint
sy_event_editor_get_pending_photos (SyEventEditor *self)
{
  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), 0);
  return self->pending_photos + self->pending_thumbnails;
}

guint
sy_event_editor_get_n_photos (SyEventEditor *self)
{
  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), 0);
  return self->photos->len;
}

SyEventPhoto *
sy_event_editor_get_photo (SyEventEditor *self,
                           guint          index)
{
  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->photos->len, NULL);
  return g_ptr_array_index (self->photos, index);
}

const char *
sy_event_editor_get_photo_messages (SyEventEditor *self)
{
  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), "");
  return self->messages->str;
}

guint
sy_event_editor_get_n_visits (SyEventEditor *self)
{
  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), 0);
  return self->visits->len;
}

gint64
sy_event_editor_get_plan_item (SyEventEditor *self)
{
  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), 0);
  return self->plan_item_id;
}

const char *
sy_event_editor_get_plan_item_text (SyEventEditor *self)
{
  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), "");
  return adw_action_row_get_subtitle (self->plan_row);
}

guint
sy_event_editor_search_plan_items (SyEventEditor *self,
                                   const char    *text)
{
  guint n = 0;

  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), 0);
  fill_plan_choices (self);
  gtk_editable_set_text (GTK_EDITABLE (self->plan_search), text != NULL ? text : "");
  plan_search_changed (self);
  while (nth_visible_plan_row (self, n) != NULL)
    n++;
  return n;
}

gboolean
sy_event_editor_choose_plan_item (SyEventEditor *self,
                                  guint          index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SY_IS_EVENT_EDITOR (self), FALSE);
  row = nth_visible_plan_row (self, index);
  if (row == NULL)
    return FALSE;
  g_signal_emit_by_name (self->plan_list, "row-activated", row);
  return TRUE;
}

SyEventEditor *
sy_event_editor_new (GtkWindow   *parent,
                     SyEventRepo *repo,
                     SyEvent     *event)
{
  SyEventEditor *self;

  g_return_val_if_fail (SY_IS_EVENT_REPO (repo), NULL);

  self = g_object_new (SY_TYPE_EVENT_EDITOR,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->repo = g_object_ref (repo);
  if (event != NULL)
    self->event = SY_EVENT (sy_record_copy (SY_RECORD (event)));
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      self->event = sy_event_new ();
      sy_event_set_date (self->event, today);
    }
  build_kind_menu (self);
  build_unit_rows (self);
  build_visit_search (self);
  build_plan_picker (self);
  build_assessment_rows (self);
  fill (self);
  return self;
}

static void
sy_event_editor_dispose (GObject *object)
{
  SyEventEditor *self = SY_EVENT_EDITOR (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->visits, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_EVENT_EDITOR);
  G_OBJECT_CLASS (sy_event_editor_parent_class)->dispose (object);
}

static void
sy_event_editor_finalize (GObject *object)
{
  SyEventEditor *self = SY_EVENT_EDITOR (object);

  g_clear_object (&self->repo);
  g_clear_object (&self->event);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->unit_checks, g_hash_table_unref);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);
  g_clear_pointer (&self->assessment_ids, g_array_unref);
  g_clear_pointer (&self->assessment_checks, g_ptr_array_unref);
  g_clear_pointer (&self->assessment_codes, g_hash_table_unref);
  if (self->messages != NULL)
    g_string_free (self->messages, TRUE);
  G_OBJECT_CLASS (sy_event_editor_parent_class)->finalize (object);
}

static void
sy_event_editor_class_init (SyEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sy_event_editor_dispose;
  object_class->finalize = sy_event_editor_finalize;
  window_class->close_request = sy_event_editor_close_request;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, SY_TYPE_EVENT);
  signals[SIGNAL_DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, SY_TYPE_EVENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-event-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SyEventEditor, name)
  BIND (save_button);
  BIND (delete_button);
  BIND (page);
  BIND (kind_row);
  BIND (kind_error_row);
  BIND (title_row);
  BIND (title_error_row);
  BIND (date_row);
  BIND (date_error_row);
  BIND (place_row);
  BIND (organiser_row);
  BIND (units_group);
  BIND (new_unit_row);
  BIND (leaders_spin);
  BIND (soldiers_spin);
  BIND (civilians_spin);
  BIND (participants_row);
  BIND (content_view);
  BIND (outcome_view);
  BIND (recorder_row);
  BIND (reviewer_row);
  BIND (photos_group);
  BIND (photo_messages);
  BIND (photo_status);
  BIND (photo_box);
  BIND (visits_group);
  BIND (visit_button);
  BIND (plan_row);
  BIND (plan_clear_button);
  BIND (plan_button);
  BIND (assessment_row);
#undef BIND

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "editor.add-photos", NULL, add_photos_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
sy_event_editor_init (SyEventEditor *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->unit_checks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->photos = g_ptr_array_new_with_free_func (g_object_unref);
  self->tiles = g_ptr_array_new ();
  self->assessment_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->assessment_checks = g_ptr_array_new ();
  self->assessment_codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->visits = g_ptr_array_new_with_free_func (visit_form_free);
  self->cancellable = g_cancellable_new ();
  self->messages = g_string_new (NULL);

  AdwEntryRow *entries[] = {
    self->kind_row, self->title_row, self->date_row, self->place_row, self->organiser_row,
    self->participants_row, self->recorder_row, self->reviewer_row,
  };
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->leaders_spin, "value-changed", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->soldiers_spin, "value-changed", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->civilians_spin, "value-changed", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->content_view), "changed",
                            G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->outcome_view), "changed",
                            G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->new_unit_row, "apply", G_CALLBACK (new_unit_applied), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (date_changed), self);

  /* Files dropped anywhere on the window join the photos. */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (files_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
