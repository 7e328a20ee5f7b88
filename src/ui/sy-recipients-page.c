/* sy-recipients-page.c: the Recipients view: 优抚对象 with categories and history */
#include <glib/gi18n.h>

#include "sy-recipients-page.h"
#include "sy-recipient-editor.h"
#include "sy-import-dialog.h"
#include "sy-export-dialog.h"
#include "sy-window.h"
#include "sy-ui-util.h"

#include <stdio.h>

struct _SyRecipientsPage
{
  AdwBin parent_instance;

  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *sex_column;
  GtkColumnViewColumn *id_column;
  GtkColumnViewColumn *categories_column;
  GtkColumnViewColumn *village_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *age_column;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *category_dropdown;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *village_dropdown;
  GtkLabel            *count_label;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *person_group;
  AdwPreferencesGroup *categories_group;
  AdwPreferencesGroup *support_group;
  AdwPreferencesGroup *bank_group;
  AdwPreferencesGroup *history_group;
  AdwPreferencesGroup *household_group;  /* built in code, below person_group */

  SyDatabase          *db;
  GtkSingleSelection  *selection;

  /* The list is filtered and sorted in SQL: the widgets only say how. */
  SyRecipientSort      sort;
  gboolean             descending;
  SyRecipientSort      probed_sort;   /* set by probe_compare () */
  gboolean             filling;       /* dropdowns being refilled: no re-query */

  /* Editing (issue 3): writes go through the repository; the detail pane
   * shows the ID number masked until "Show" is pressed (and logged). */
  SyRecipientRepo     *repo;
  gint64               revealed_id;
};

G_DEFINE_FINAL_TYPE (SyRecipientsPage, sy_recipients_page, ADW_TYPE_BIN)

static void update_actions (SyRecipientsPage *self);

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

static void
add_subtitle_part (GPtrArray  *parts,
                   const char *format,
                   const char *value)
{
  if (value != NULL && *value != '\0')
    g_ptr_array_add (parts, g_strdup_printf (format, value));
}

static char *
join_parts (GPtrArray *parts)
{
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
show_categories (SyRecipientsPage *self,
                 gint64            recipient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) categories = sy_queries_recipient_categories (self->db, recipient_id,
                                                                      &error);
  guint n;

  if (categories == NULL)
    {
      sy_ui_group_add_row (self->categories_group, _("The categories could not be read"),
                           error->message);
      return;
    }

  n = g_list_model_get_n_items (categories);
  if (n == 0)
    sy_ui_group_add_row (self->categories_group, _("No categories recorded"), NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyRecipientCategory) category = g_list_model_get_item (categories, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *subtitle = NULL;
      const char *enlisted = sy_recipient_category_get_enlist_date (category);
      const char *discharged = sy_recipient_category_get_discharge_date (category);
      int grade = sy_recipient_category_get_disability_grade (category);

      add_subtitle_part (parts, _("Certificate %s"),
                         sy_recipient_category_get_certificate_no (category));
      if (grade > 0)
        g_ptr_array_add (parts, g_strdup_printf (_("Disability grade %d"), grade));
      add_subtitle_part (parts, "%s", sy_recipient_category_get_disability_nature (category));
      if ((enlisted != NULL && *enlisted != '\0') || (discharged != NULL && *discharged != '\0'))
        g_ptr_array_add (parts, g_strdup_printf (_("Served %s – %s"),
                                                 sy_ui_or_dash (enlisted),
                                                 sy_ui_or_dash (discharged)));
      add_subtitle_part (parts, "%s", sy_recipient_category_get_service_unit (category));
      add_subtitle_part (parts, _("Soldier %s"),
                         sy_recipient_category_get_related_soldier (category));
      subtitle = join_parts (parts);
      sy_ui_group_add_row (self->categories_group,
                           sy_recipient_category_get_category (category), subtitle);
    }
}

static void
show_history (SyRecipientsPage *self,
              gint64            recipient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) changes = sy_queries_status_changes (self->db, recipient_id, &error);
  guint n;

  if (changes == NULL)
    {
      sy_ui_group_add_row (self->history_group, _("The status history could not be read"),
                           error->message);
      return;
    }

  n = g_list_model_get_n_items (changes);
  if (n == 0)
    sy_ui_group_add_row (self->history_group, _("No status changes recorded"), NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyStatusChange) change = g_list_model_get_item (changes, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *subtitle = NULL;

      add_subtitle_part (parts, "%s", sy_status_change_get_effective_date (change));
      add_subtitle_part (parts, "%s", sy_status_change_get_reason (change));
      subtitle = join_parts (parts);
      sy_ui_group_add_row (self->history_group,
                           sy_ui_status_label (sy_status_change_get_kind (change)), subtitle);
    }
}

/* 家庭成员: the head and the other members of the person's household, each
 * with their 与户主关系; hidden for someone who lives in no recorded household. */
static void
show_household (SyRecipientsPage *self,
                SyRecipient      *person)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) members = NULL;
  guint n;

  if (self->household_group == NULL)
    {
      GtkWidget *person_widget = GTK_WIDGET (self->person_group);

      self->household_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (self->household_group, _("Household Members"));
      gtk_widget_insert_after (GTK_WIDGET (self->household_group),
                               gtk_widget_get_parent (person_widget), person_widget);
    }
  sy_ui_group_clear (self->household_group);
  gtk_widget_set_visible (GTK_WIDGET (self->household_group), FALSE);
  if (person == NULL || self->repo == NULL)
    return;

  members = sy_recipient_repo_list_household (self->repo, person, &error);
  if (members == NULL)
    {
      sy_ui_group_add_row (self->household_group, _("The household could not be read"),
                           error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->household_group), TRUE);
      return;
    }
  n = g_list_model_get_n_items (members);
  if (n < 2)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyRecipient) member = g_list_model_get_item (members, i);
      const char *relation = sy_recipient_get_relation_to_head (member);
      AdwActionRow *row;

      if (i == 0)
        relation = _("Head of Household");
      row = sy_ui_group_add_field (self->household_group, sy_recipient_get_name (member),
                                   relation);
      if (sy_record_get_id (SY_RECORD (member)) == sy_record_get_id (SY_RECORD (person)))
        adw_action_row_set_subtitle (row, _("This person"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->household_group), TRUE);
}

/* The ID number row of the detail pane: masked, with a button that shows
 * it in full (recipients.reveal-id, logged). */
static void
add_id_number_field (SyRecipientsPage *self,
                     SyRecipient      *person)
{
  const char *id_number = sy_recipient_get_id_number (person);
  gboolean revealed = self->revealed_id == sy_record_get_id (SY_RECORD (person));
  g_autofree char *masked = id_number != NULL && *id_number != '\0'
                            ? sy_mask_id_number (id_number) : NULL;
  AdwActionRow *row = sy_ui_group_add_row (self->person_group, _("ID Number"), NULL);
  GtkWidget *label = gtk_label_new (sy_ui_or_dash (revealed ? id_number : masked));
  GtkWidget *button;

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_selectable (GTK_LABEL (label), revealed);
  gtk_widget_add_css_class (label, "field-value");
  if (masked == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (row, label);
  if (masked == NULL || revealed)
    return;
  button = gtk_button_new_with_mnemonic (_("_Show"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Show the full ID number (the office log records it)"));
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "recipients.reveal-id");
  adw_action_row_add_suffix (row, button);
}

static void
show_selected (SyRecipientsPage *self)
{
  SyRecipient *person = self->selection != NULL
                        ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  AdwPreferencesGroup *g;

  sy_ui_group_clear (self->person_group);
  sy_ui_group_clear (self->categories_group);
  sy_ui_group_clear (self->support_group);
  sy_ui_group_clear (self->bank_group);
  sy_ui_group_clear (self->history_group);
  show_household (self, person);
  update_actions (self);
  if (person == NULL)
    return;
  if (self->revealed_id != sy_record_get_id (SY_RECORD (person)))
    self->revealed_id = 0;

  /* The detail is for office staff: full ID number and account; the list,
   * which anyone near the screen can read, shows them masked. */
  g = self->person_group;
  sy_ui_group_add_field (g, _("Name"), sy_recipient_get_name (person));
  sy_ui_group_add_field (g, _("Sex"), sy_recipient_get_sex (person));
  sy_ui_group_add_field (g, _("Ethnicity"), sy_recipient_get_ethnicity (person));
  add_id_number_field (self, person);
  sy_ui_group_add_field (g, _("Date of Birth"), sy_recipient_get_birth_date (person));
  sy_ui_group_add_field (g, _("Phone"), sy_recipient_get_phone (person));
  sy_ui_group_add_field (g, _("Household Registration"), sy_recipient_get_hukou (person));
  sy_ui_group_add_field (g, _("Village"), sy_recipient_get_village (person));
  sy_ui_group_add_field (g, _("Address"), sy_recipient_get_address (person));
  sy_ui_group_add_field (g, _("Relation to Head of Household"),
                         sy_recipient_get_relation_to_head (person));

  show_categories (self, sy_record_get_id (SY_RECORD (person)));

  g = self->support_group;
  sy_ui_group_add_field (g, _("Status"), sy_ui_status_label (sy_recipient_get_status (person)));
  sy_ui_group_add_field (g, _("Minimum Living Allowance"), yes_no (sy_recipient_get_dibao (person)));
  sy_ui_group_add_field (g, _("Five Guarantees"), yes_no (sy_recipient_get_wubao (person)));
  sy_ui_group_add_field (g, _("Elderly Living Alone"), yes_no (sy_recipient_get_gulao (person)));
  sy_ui_group_add_field (g, _("Notes"), sy_recipient_get_notes (person));

  g = self->bank_group;
  sy_ui_group_add_field (g, _("Bank"), sy_recipient_get_bank (person));
  sy_ui_group_add_field (g, _("Account Name"), sy_recipient_get_account_name (person));
  sy_ui_group_add_field (g, _("Account Number"), sy_recipient_get_account (person));

  show_history (self, sy_record_get_id (SY_RECORD (person)));
}

/* --- editing (issue 3) ----------------------------------------------------- */

static SyRecipient *
selected_person (SyRecipientsPage *self)
{
  return self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

static void
update_actions (SyRecipientsPage *self)
{
  gboolean has_db = self->repo != NULL;
  gboolean has_person = has_db && selected_person (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipients.new", has_db);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipients.edit", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipients.change-status", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipients.delete", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipients.reveal-id", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipients.import", has_db);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipients.export", has_db);
}

static void requery_at (SyRecipientsPage *self, const SyUiListPlace *place);

/* Reads the list again, selecting @id (a record that is gone: the row now
 * where it was) without moving the view more than needed. */
static void
reload_keeping (SyRecipientsPage *self,
                gint64            id)
{
  SyUiListPlace place;

  sy_ui_list_save_place (self->column_view, self->selection, &place);
  place.id = id;
  requery_at (self, &place);
}

static GtkWindow *
parent_window (SyRecipientsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
editor_saved (SyRecipientEditor *editor,
              SyRecipient       *person,
              SyRecipientsPage  *self)
{
  reload_keeping (self, sy_record_get_id (SY_RECORD (person)));
}

static void
open_editor (SyRecipientsPage *self,
             SyRecipient      *person)
{
  SyRecipientEditor *editor;

  if (self->repo == NULL)
    return;
  editor = sy_recipient_editor_new (parent_window (self), self->repo, person);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (SY_RECIPIENTS_PAGE (widget), NULL);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyRecipientsPage *self = SY_RECIPIENTS_PAGE (widget);
  SyRecipient *person = selected_person (self);

  if (person != NULL)
    open_editor (self, person);
}

static void
row_activated (GtkColumnView    *view,
               guint             position,
               SyRecipientsPage *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "recipients.edit", NULL);
}

static void
status_changed (SyRecipient *person,
                gpointer     user_data)
{
  SyRecipientsPage *self = user_data;

  reload_keeping (self, sy_record_get_id (SY_RECORD (person)));
}

static void
change_status_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SyRecipientsPage *self = SY_RECIPIENTS_PAGE (widget);
  SyRecipient *person = selected_person (self);

  if (person != NULL && self->repo != NULL)
    sy_recipient_status_dialog_present (parent_window (self), self->repo, person,
                                        status_changed, self);
}

static void
delete_response (AdwMessageDialog *dialog,
                 const char       *response,
                 SyRecipientsPage *self)
{
  SyRecipient *person = g_object_get_data (G_OBJECT (dialog), "recipient");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->repo == NULL)
    return;
  if (!sy_recipient_repo_delete (self->repo, person, &error))
    {
      GtkWidget *alert = adw_message_dialog_new (parent_window (self),
                                                 _("The Recipient Could Not Be Deleted"),
                                                 error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }
  self->revealed_id = 0;
  /* Its neighbour takes the selection. */
  reload_keeping (self, sy_record_get_id (SY_RECORD (person)));
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyRecipientsPage *self = SY_RECIPIENTS_PAGE (widget);
  SyRecipient *person = selected_person (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (person == NULL)
    return;
  heading = g_strdup_printf (_("Delete %s?"), sy_recipient_get_name (person));
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("The person, their categories and their status history are "
                                     "removed for good (the office log keeps a copy). To record "
                                     "a death or a move, change the status instead."));
  g_object_set_data_full (G_OBJECT (dialog), "recipient", g_object_ref (person), g_object_unref);
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
reveal_id_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SyRecipientsPage *self = SY_RECIPIENTS_PAGE (widget);
  SyRecipient *person = selected_person (self);
  g_autoptr(GError) error = NULL;

  if (person == NULL || self->repo == NULL)
    return;
  /* No log, no look: the reveal is only shown once it is recorded. */
  if (!sy_recipient_repo_log_reveal (self->repo, person, &error))
    {
      g_warning ("Logging an ID reveal failed: %s", error->message);
      return;
    }
  self->revealed_id = sy_record_get_id (SY_RECORD (person));
  show_selected (self);
}

/* --- import and export (issue 3) --------------------------------------------- */

static void
import_finished (SyImportDialog   *dialog,
                 SyRecipientsPage *self)
{
  /* New villages and categories may have come in: refill the filters too. */
  sy_recipients_page_reload (self);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyRecipientsPage *self = SY_RECIPIENTS_PAGE (widget);
  SyImportDialog *dialog;

  if (self->db == NULL)
    return;
  dialog = sy_import_dialog_new (parent_window (self), self->db);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (import_finished), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_finished (SyExportDialog   *dialog,
                 guint             n_rows,
                 const char       *error_message,
                 SyRecipientsPage *self)
{
  GtkWindow *window = parent_window (self);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (error_message != NULL)
    text = g_strdup_printf (_("Could not export the recipients: %s"), error_message);
  else
    /* Translators: a toast after the export, e.g. 已导出 120 人 */
    text = g_strdup_printf (ngettext ("Exported %u person", "Exported %u people", n_rows), n_rows);
  toast = adw_toast_new (text);
  if (error_message != NULL)
    {
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  if (SY_IS_WINDOW (window))
    sy_window_add_toast (SY_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyRecipientsPage *self = SY_RECIPIENTS_PAGE (widget);
  SyExportDialog *dialog;

  if (self->db == NULL)
    return;
  dialog = sy_export_dialog_new (parent_window (self), self->db);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (export_finished), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- search, filters and sorting (issue 3) ---------------------------------- */

/* Reads the list for the search, filters and sort, back at @place (NULL:
 * from the top). */
static void
requery_at (SyRecipientsPage    *self,
            const SyUiListPlace *place)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) model = NULL;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  SyRecipientFilter filter = { 0 };
  guint n;

  if (self->db == NULL || self->filling)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  filter.text = text;
  filter.category = sy_ui_dropdown_value (self->category_dropdown);
  filter.status = sy_ui_dropdown_value (self->status_dropdown);
  filter.village = sy_ui_dropdown_value (self->village_dropdown);
  filter.sort = self->sort;
  filter.descending = self->descending;

  if (*text || filter.category || filter.status || filter.village)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Recipients"));
      adw_status_page_set_description (self->empty_page, _("Try other search words or filters."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Recipients"));
      adw_status_page_set_description (self->empty_page,
                                       _("Press Ctrl+N to add a person, or “Import…” (Ctrl+I) to read a roster from Excel or CSV."));
    }
  model = sy_queries_recipients_filtered (self->db, &filter, &error);
  n = model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
  /* The selection takes the model over. */
  self->selection = sy_ui_list_show_query (self->column_view, self->stack, self->empty_page,
                                           g_steal_pointer (&model), error,
                                           G_CALLBACK (show_selected), self);
  count = g_strdup_printf (ngettext ("%u recipient", "%u recipients", n), n);
  gtk_label_set_text (self->count_label, count);
  /* A change of selection has shown the person already. */
  if (place == NULL || !sy_ui_list_restore_place (self->column_view, self->selection, place))
    show_selected (self);
}

static void
requery (SyRecipientsPage *self)
{
  requery_at (self, NULL);
}

/* Refills a filter menu with the stored values, keeping the choice if it
 * is still there. */
static void
fill_dropdown (SyRecipientsPage *self,
               GtkDropDown      *dropdown,
               const char       *all_label,
               SyRecipientFacet  facet)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = sy_queries_recipient_facet_values (self->db, facet, &error);

  if (values == NULL)
    g_warning ("Reading the filter values failed: %s", error->message);
  sy_ui_dropdown_fill (dropdown, all_label, (const char * const *) values);
}

/* The filter menus, keeping each choice that is still stored. */
static void
fill_filters (SyRecipientsPage *self)
{
  self->filling = TRUE;
  fill_dropdown (self, self->category_dropdown, _("All Categories"), SY_RECIPIENT_FACET_CATEGORY);
  fill_dropdown (self, self->status_dropdown, _("All Statuses"), SY_RECIPIENT_FACET_STATUS);
  fill_dropdown (self, self->village_dropdown, _("All Villages"), SY_RECIPIENT_FACET_VILLAGE);
  self->filling = FALSE;
}

/* GTK 4.8 cannot tell which column the view sorts by except through
 * compare (): each column's sorter records its key and calls the items
 * different, and the view inverts the answer for a descending column.
 * Nothing sorts in memory; the key goes into the SQL ORDER BY. */
typedef struct {
  SyRecipientsPage *self;
  SyRecipientSort   sort;
} SortKey;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  SortKey *key = user_data;

  key->self->probed_sort = key->sort;
  return -1;
}

static void
on_sort_changed (GtkSorter        *sorter,
                 GtkSorterChange   change,
                 SyRecipientsPage *self)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  self->probed_sort = SY_RECIPIENT_SORT_DEFAULT;
  order = gtk_sorter_compare (sorter, a, b);
  self->sort = self->probed_sort;
  self->descending = self->sort != SY_RECIPIENT_SORT_DEFAULT && order == GTK_ORDERING_LARGER;
  requery (self);
}

static void
make_sortable (SyRecipientsPage    *self,
               GtkColumnViewColumn *column,
               SyRecipientSort      sort)
{
  SortKey *key = g_new0 (SortKey, 1);
  g_autoptr(GtkCustomSorter) sorter = NULL;

  key->self = self;
  key->sort = sort;
  sorter = gtk_custom_sorter_new (probe_compare, key, g_free);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

/* Whole years from an ISO birth date to today; -1 if unknown. */
static int
age_from_birth_date (const char *birth)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int y, m, d, age;

  if (birth == NULL || sscanf (birth, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return -1;
  age = g_date_time_get_year (now) - y;
  if (g_date_time_get_month (now) < m
      || (g_date_time_get_month (now) == m && g_date_time_get_day_of_month (now) < d))
    age--;
  return age;
}

static void
age_setup (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
age_bind (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  SyRecipient *person = gtk_list_item_get_item (item);
  int age = age_from_birth_date (sy_recipient_get_birth_date (person));
  g_autofree char *text = age >= 0 ? g_strdup_printf ("%d", age) : g_strdup ("");

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  SyRecipientsPage *self = SY_RECIPIENTS_PAGE (widget);

  /* The shortcut is window-wide; only the page on screen takes it. */
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

void
sy_recipients_page_set_database (SyRecipientsPage *self,
                                 SyDatabase       *db)
{
  g_return_if_fail (SY_IS_RECIPIENTS_PAGE (self));
  g_return_if_fail (SY_IS_DATABASE (db));

  g_set_object (&self->db, db);
  g_clear_object (&self->repo);
  self->repo = sy_recipient_repo_new (db);
  fill_filters (self);
  requery (self);
}

void
sy_recipients_page_reload (SyRecipientsPage *self)
{
  SyUiListPlace place;

  g_return_if_fail (SY_IS_RECIPIENTS_PAGE (self));

  if (self->db == NULL)
    return;
  sy_ui_list_save_place (self->column_view, self->selection, &place);
  fill_filters (self);
  requery_at (self, &place);
}

static void
sy_recipients_page_dispose (GObject *object)
{
  SyRecipientsPage *self = SY_RECIPIENTS_PAGE (object);

  self->selection = NULL;
  g_clear_object (&self->repo);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sy_recipients_page_parent_class)->dispose (object);
}

static void
sy_recipients_page_class_init (SyRecipientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_recipients_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-recipients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, sex_column);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, id_column);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, categories_column);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, village_column);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, age_column);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, village_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, person_group);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, categories_group);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, support_group);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, bank_group);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, history_group);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);

  gtk_widget_class_install_action (widget_class, "recipients.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "recipients.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "recipients.change-status", NULL,
                                   change_status_activated);
  gtk_widget_class_install_action (widget_class, "recipients.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "recipients.reveal-id", NULL, reveal_id_activated);
  gtk_widget_class_install_action (widget_class, "recipients.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "recipients.export", NULL, export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "recipients.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "recipients.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "recipients.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "recipients.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "recipients.delete", NULL);
}

static void
sy_recipients_page_init (SyRecipientsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  sy_ui_column_bind (self->name_column, "name", SY_CELL_TEXT);
  sy_ui_column_bind (self->sex_column, "sex", SY_CELL_TEXT);
  sy_ui_column_bind (self->id_column, "id-number", SY_CELL_ID_MASKED);
  sy_ui_column_bind (self->categories_column, "categories", SY_CELL_TEXT);
  sy_ui_column_bind (self->village_column, "village", SY_CELL_TEXT);
  sy_ui_column_bind (self->status_column, "status", SY_CELL_STATUS);
  gtk_stack_set_visible_child_name (self->stack, "empty");

  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
    g_signal_connect (factory, "setup", G_CALLBACK (age_setup), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (age_bind), NULL);
    gtk_column_view_column_set_factory (self->age_column, factory);
  }
  {
    /* Ctrl+F from anywhere in the window while this page is shown. */
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                            gtk_callback_action_new (focus_search, NULL, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }
  /* Ctrl+N even when the focus is outside the (possibly empty) list. */
  sy_ui_page_add_shortcut (GTK_WIDGET (self), GDK_KEY_n, GDK_CONTROL_MASK, "recipients.new");
  make_sortable (self, self->name_column, SY_RECIPIENT_SORT_NAME);
  make_sortable (self, self->categories_column, SY_RECIPIENT_SORT_CATEGORY);
  make_sortable (self, self->village_column, SY_RECIPIENT_SORT_VILLAGE);
  make_sortable (self, self->status_column, SY_RECIPIENT_SORT_STATUS);
  make_sortable (self, self->age_column, SY_RECIPIENT_SORT_AGE);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sort_changed), self, 0);

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (requery), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_dropdown, "notify::selected",
                           G_CALLBACK (requery), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (requery), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->village_dropdown, "notify::selected",
                           G_CALLBACK (requery), self, G_CONNECT_SWAPPED);
  update_actions (self);
}
