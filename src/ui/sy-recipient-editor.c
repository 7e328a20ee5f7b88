/* sy-recipient-editor.c: the window that adds or edits one 优抚对象 */
#include <glib/gi18n.h>

#include <string.h>

#include "sy-recipient-editor.h"
#include "sy-ui-util.h"

/* The categories offered (the 2018 national groups first, then local usage);
 * a stored category outside this list is added to its row's choices. */
static const char * const known_categories[] = {
  "残疾军人", "伤残民兵民工", "烈士遗属", "因公牺牲军人遗属", "病故军人遗属",
  "现役军人家属", "义务兵家庭", "军队转业干部", "退役士兵", "军队离退休干部和退休士官",
  "无军籍离退休退职职工", "复员军人", "在乡复员军人", "带病回乡退伍军人",
  "参战参试退役人员", "退伍红军老战士和红军失散人员", "随军家属", "军人子女", "遗孀",
  NULL
};
static const char * const natures[] = { "—", "因战", "因公", "因病", NULL };

typedef struct {
  SyRecipientEditor   *editor;
  SyRecipientCategory *category;  /* keeps the fields the form does not show */
  AdwExpanderRow      *row;
  AdwComboRow         *name_row;
  AdwEntryRow         *certificate_row;
  AdwComboRow         *grade_row;
  AdwComboRow         *nature_row;
  AdwEntryRow         *soldier_row;
  AdwEntryRow         *valid_from_row;
  AdwEntryRow         *valid_to_row;
  AdwActionRow        *validity_error_row;
  AdwEntryRow         *topups_row;
} CategoryForm;

struct _SyRecipientEditor
{
  AdwWindow            parent_instance;

  GtkButton           *save_button;
  AdwPreferencesGroup *categories_group;
  AdwEntryRow         *name_row;
  AdwActionRow        *name_error_row;
  AdwEntryRow         *id_row;
  AdwActionRow        *id_error_row;
  AdwComboRow         *sex_row;
  AdwEntryRow         *birth_row;
  AdwActionRow        *birth_error_row;
  AdwEntryRow         *ethnicity_row;
  AdwEntryRow         *phone_row;
  AdwActionRow        *phone_error_row;
  AdwComboRow         *hukou_row;
  AdwEntryRow         *village_row;
  AdwEntryRow         *address_row;
  AdwEntryRow         *relation_row;
  AdwActionRow        *head_row;      /* built in code, above relation_row */
  GtkMenuButton       *head_button;
  GtkSearchEntry      *head_search;
  GtkListBox          *head_results;
  gint64               head_id;       /* 0: heads a household or belongs to none */
  GtkSwitch           *dibao_switch;
  GtkSwitch           *wubao_switch;
  GtkSwitch           *gulao_switch;
  AdwEntryRow         *notes_row;
  AdwEntryRow         *bank_row;
  AdwEntryRow         *account_name_row;
  AdwEntryRow         *account_row;

  SyRecipientRepo     *repo;
  SyRecipient         *recipient;   /* the copy being edited */
  GPtrArray           *categories;  /* CategoryForm */
  GStrv                topup_conditions;  /* of the top-up rules, offered as suggestions */
  gboolean             filling;     /* programmatic changes are not edits */
  gboolean             dirty;
  gboolean             name_touched;
  gboolean             valid;
  gboolean             closing;
  gboolean             validating;  /* revalidate() fills derived fields */
};

G_DEFINE_FINAL_TYPE (SyRecipientEditor, sy_recipient_editor, ADW_TYPE_WINDOW)

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void revalidate (SyRecipientEditor *self);

/* --- small helpers ------------------------------------------------------------ */

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
entry_value (AdwEntryRow *row)
{
  return sy_ui_entry_value (GTK_EDITABLE (row));
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* The message sits in a row of its own right below @entry (see
 * sy_ui_field_set_message()).  A warning (@is_error FALSE) does not mark the
 * field itself. */
static void
show_field_message (AdwActionRow *row,
                    AdwEntryRow  *entry,
                    const char   *message,
                    gboolean      is_error)
{
  sy_ui_field_set_message (row, GTK_WIDGET (entry), message, is_error);
}

static void
show_message (AdwActionRow *row,
              AdwEntryRow  *entry,
              const char   *message)
{
  sy_ui_field_set_message (row, GTK_WIDGET (entry), message, TRUE);
}

static guint
combo_index (AdwComboRow *combo,
             const char  *text)
{
  return sy_ui_combo_index (combo, text);
}

/* The chosen text, NULL for the "—" item. */
static const char *
combo_value (AdwComboRow *combo,
             gboolean     first_is_none)
{
  return sy_ui_combo_value (combo, first_is_none);
}

static gboolean
is_disability_category (const char *name)
{
  /* 残疾军人, 伤残民兵民工 …: the ones with a grade and a nature. */
  return name != NULL && strstr (name, "残") != NULL;
}

/* A full date for a category's eligibility ("2025/3/1" → 2025-03-01), NULL otherwise. */
static char *
category_date (const char *text)
{
  g_autofree char *iso = sy_recipient_parse_date (text, NULL);

  return iso != NULL && strlen (iso) == 10 ? g_steal_pointer (&iso) : NULL;
}

/* --- categories -------------------------------------------------------------- */

static void
category_form_free (gpointer data)
{
  CategoryForm *form = data;

  g_clear_object (&form->category);
  g_free (form);
}

static void
category_form_update (CategoryForm *form)
{
  const char *name = combo_value (form->name_row, FALSE);
  const char *certificate = entry_text (form->certificate_row);
  gboolean disability = is_disability_category (name);
  gboolean family = sy_recipient_category_name_is_family (name);
  const char *soldier = entry_text (form->soldier_row);
  guint grade = adw_combo_row_get_selected (form->grade_row);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (form->grade_row), disability);
  gtk_widget_set_visible (GTK_WIDGET (form->nature_row), disability);
  gtk_widget_set_visible (GTK_WIDGET (form->soldier_row), family);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->row), name != NULL ? name : "");
  if (disability && grade > 0 && grade != GTK_INVALID_LIST_POSITION)
    subtitle = g_strdup_printf (_("Grade %u · %s"), grade, sy_ui_or_dash (certificate));
  else if (family && soldier != NULL && *soldier != '\0')
    subtitle = g_strdup_printf (_("Soldier %s · %s"), soldier, sy_ui_or_dash (certificate));
  else
    subtitle = g_strdup (certificate);
  adw_expander_row_set_subtitle (form->row, subtitle != NULL ? subtitle : "");
}

static void
category_changed (CategoryForm *form)
{
  category_form_update (form);
  if (!form->editor->filling)
    form->editor->dirty = TRUE;
  revalidate (form->editor);
}

/* 进藏进疆, 二等功 … as the category stores them: separated by 、 whatever
 * the user typed between them (，, ; or spaces); NULL when none. */
static char *
normalize_topups (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  g_autofree char *unified = NULL;
  GRegex *separators;

  if (text == NULL)
    return NULL;
  separators = g_regex_new ("[、,，;；\\s]+", 0, 0, NULL);
  unified = g_regex_replace_literal (separators, text, -1, 0, "\x1f", 0, NULL);
  g_regex_unref (separators);
  parts = g_strsplit (unified != NULL ? unified : text, "\x1f", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, "、");
      g_string_append (out, parts[i]);
    }
  return out->len > 0 ? g_strdup (out->str) : NULL;
}

static void
topup_suggestion_clicked (GtkButton    *button,
                          CategoryForm *form)
{
  const char *condition = gtk_button_get_label (button);
  g_autofree char *current = normalize_topups (entry_text (form->topups_row));
  g_autofree char *joined = NULL;
  g_auto(GStrv) present = g_strsplit (current != NULL ? current : "", "、", -1);

  if (!g_strv_contains ((const char * const *) present, condition))
    {
      joined = current != NULL ? g_strconcat (current, "、", condition, NULL) : g_strdup (condition);
      set_entry (form->topups_row, joined);
    }
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER)));
}

/* A menu of the conditions the office's top-up rules name. */
static void
add_topup_suggestions (SyRecipientEditor *self,
                       CategoryForm      *form)
{
  GtkWidget *button, *popover, *box;

  if (self->topup_conditions == NULL || self->topup_conditions[0] == NULL)
    return;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; self->topup_conditions[i] != NULL; i++)
    {
      GtkWidget *item = gtk_button_new_with_label (self->topup_conditions[i]);

      gtk_widget_add_css_class (item, "flat");
      gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (item)), GTK_ALIGN_START);
      g_signal_connect (item, "clicked", G_CALLBACK (topup_suggestion_clicked), form);
      gtk_box_append (GTK_BOX (box), item);
    }
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "list-add-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Add a Condition of the Top-up Rules"));
  adw_entry_row_add_suffix (form->topups_row, button);
}

static void
remove_category_clicked (GtkButton    *button,
                         CategoryForm *form)
{
  SyRecipientEditor *self = form->editor;

  adw_preferences_group_remove (self->categories_group, GTK_WIDGET (form->row));
  self->dirty = TRUE;
  g_ptr_array_remove (self->categories, form);
}

static CategoryForm *
add_category_form (SyRecipientEditor   *self,
                   SyRecipientCategory *category)
{
  CategoryForm *form = g_new0 (CategoryForm, 1);
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const *) known_categories);
  g_autoptr(GtkStringList) grades = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) nature_list = gtk_string_list_new ((const char * const *) natures);
  GtkWidget *remove;
  int grade;

  form->editor = self;
  form->category = category != NULL
                   ? SY_RECIPIENT_CATEGORY (sy_record_copy (SY_RECORD (category)))
                   : sy_recipient_category_new ();

  gtk_string_list_append (grades, "—");
  for (int i = 1; i <= 10; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Grade %d"), i);
      gtk_string_list_append (grades, label);
    }

  form->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  form->name_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->name_row), _("Category"));
  adw_combo_row_set_model (form->name_row, G_LIST_MODEL (names));
  form->certificate_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->certificate_row),
                                 _("Certificate Number"));
  form->grade_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->grade_row), _("Disability Grade"));
  adw_combo_row_set_model (form->grade_row, G_LIST_MODEL (grades));
  form->nature_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->nature_row), _("Disability Nature"));
  adw_combo_row_set_model (form->nature_row, G_LIST_MODEL (nature_list));
  form->soldier_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->soldier_row), _("Related Soldier"));
  form->valid_from_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->valid_from_row),
                                 _("Eligible From (资格起始, empty: always)"));
  form->valid_to_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->valid_to_row),
                                 _("Eligible Until (资格截止, empty: open)"));
  form->validity_error_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (form->validity_error_row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (form->validity_error_row), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (form->validity_error_row), "field-message");
  gtk_widget_set_visible (GTK_WIDGET (form->validity_error_row), FALSE);
  form->topups_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->topups_row),
                                 _("Top-up Conditions (加发条件, separated by 、)"));
  add_topup_suggestions (self, form);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove this Category"));
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_category_clicked), form);
  adw_expander_row_add_action (form->row, remove);

  adw_expander_row_add_row (form->row, GTK_WIDGET (form->name_row));
  adw_expander_row_add_row (form->row, GTK_WIDGET (form->certificate_row));
  adw_expander_row_add_row (form->row, GTK_WIDGET (form->grade_row));
  adw_expander_row_add_row (form->row, GTK_WIDGET (form->nature_row));
  adw_expander_row_add_row (form->row, GTK_WIDGET (form->soldier_row));
  adw_expander_row_add_row (form->row, GTK_WIDGET (form->valid_from_row));
  adw_expander_row_add_row (form->row, GTK_WIDGET (form->valid_to_row));
  adw_expander_row_add_row (form->row, GTK_WIDGET (form->validity_error_row));
  adw_expander_row_add_row (form->row, GTK_WIDGET (form->topups_row));

  adw_combo_row_set_selected (form->name_row,
                              category != NULL
                              ? combo_index (form->name_row,
                                             sy_recipient_category_get_category (category))
                              : 0);
  set_entry (form->certificate_row, sy_recipient_category_get_certificate_no (form->category));
  set_entry (form->soldier_row, sy_recipient_category_get_related_soldier (form->category));
  set_entry (form->valid_from_row, sy_recipient_category_get_valid_from (form->category));
  set_entry (form->valid_to_row, sy_recipient_category_get_valid_to (form->category));
  set_entry (form->topups_row, sy_recipient_category_get_topups (form->category));
  grade = sy_recipient_category_get_disability_grade (form->category);
  adw_combo_row_set_selected (form->grade_row, grade >= 1 && grade <= 10 ? (guint) grade : 0);
  adw_combo_row_set_selected (form->nature_row,
                              combo_index (form->nature_row,
                                           sy_recipient_category_get_disability_nature (form->category)));
  category_form_update (form);

  g_signal_connect_swapped (form->name_row, "notify::selected", G_CALLBACK (category_changed), form);
  g_signal_connect_swapped (form->grade_row, "notify::selected", G_CALLBACK (category_changed), form);
  g_signal_connect_swapped (form->nature_row, "notify::selected", G_CALLBACK (category_changed), form);
  g_signal_connect_swapped (form->certificate_row, "changed", G_CALLBACK (category_changed), form);
  g_signal_connect_swapped (form->soldier_row, "changed", G_CALLBACK (category_changed), form);
  g_signal_connect_swapped (form->valid_from_row, "changed", G_CALLBACK (category_changed), form);
  g_signal_connect_swapped (form->valid_to_row, "changed", G_CALLBACK (category_changed), form);
  g_signal_connect_swapped (form->topups_row, "changed", G_CALLBACK (category_changed), form);

  adw_preferences_group_add (self->categories_group, GTK_WIDGET (form->row));
  g_ptr_array_add (self->categories, form);
  return form;
}

/* The categories as the form shows them (new SyRecipientCategory objects). */
static GPtrArray *
collect_categories (SyRecipientEditor *self)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->categories->len; i++)
    {
      CategoryForm *form = g_ptr_array_index (self->categories, i);
      SyRecipientCategory *c = SY_RECIPIENT_CATEGORY (sy_record_copy (SY_RECORD (form->category)));
      const char *name = combo_value (form->name_row, FALSE);
      g_autofree char *certificate = entry_value (form->certificate_row);
      guint grade = adw_combo_row_get_selected (form->grade_row);
      g_autofree char *soldier = entry_value (form->soldier_row);
      g_autofree char *valid_from = entry_value (form->valid_from_row);
      g_autofree char *valid_to = entry_value (form->valid_to_row);
      g_autofree char *from_iso = valid_from != NULL ? category_date (valid_from) : NULL;
      g_autofree char *to_iso = valid_to != NULL ? category_date (valid_to) : NULL;
      g_autofree char *topups = normalize_topups (entry_text (form->topups_row));

      sy_recipient_category_set_category (c, name);
      sy_recipient_category_set_valid_from (c, from_iso);
      sy_recipient_category_set_valid_to (c, to_iso);
      sy_recipient_category_set_topups (c, topups);
      sy_recipient_category_set_certificate_no (c, certificate);
      if (is_disability_category (name))
        {
          sy_recipient_category_set_disability_grade (c, grade != GTK_INVALID_LIST_POSITION
                                                         ? (int) grade : 0);
          sy_recipient_category_set_disability_nature (c, combo_value (form->nature_row, TRUE));
        }
      else
        {
          sy_recipient_category_set_disability_grade (c, 0);
          sy_recipient_category_set_disability_nature (c, NULL);
        }
      sy_recipient_category_set_related_soldier (
          c, sy_recipient_category_name_is_family (name) ? soldier : NULL);
      g_ptr_array_add (result, c);
    }
  return result;
}

static void
add_category_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SyRecipientEditor *self = SY_RECIPIENT_EDITOR (widget);
  CategoryForm *form = add_category_form (self, NULL);

  adw_expander_row_set_expanded (form->row, TRUE);
  self->dirty = TRUE;
}

/* --- 户主 ---------------------------------------------------------------------- */

/* Results shown in the head search; a name narrows it quickly enough. */
#define HEAD_RESULTS 20

static void
show_head (SyRecipientEditor *self)
{
  g_autoptr(SyRecipient) head = NULL;

  if (self->head_id > 0)
    head = sy_database_load (sy_recipient_repo_get_database (self->repo), SY_TYPE_RECIPIENT,
                             self->head_id, NULL);
  if (head != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", sy_recipient_get_name (head),
                                                   sy_ui_or_dash (sy_recipient_get_village (head)));
      adw_action_row_set_subtitle (self->head_row, subtitle);
    }
  else
    adw_action_row_set_subtitle (self->head_row, _("This person is the head of household"));
}

static void
set_head (SyRecipientEditor *self,
          gint64             head_id)
{
  if (self->head_id != head_id && !self->filling)
    self->dirty = TRUE;
  self->head_id = head_id;
  show_head (self);
}

static void
head_search_changed (SyRecipientEditor *self)
{
  SyRecipientFilter filter = { 0 };
  g_autoptr(SyQueryModel) found = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->head_search))));
  GtkWidget *child;
  guint n, shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->head_results))) != NULL)
    gtk_list_box_remove (self->head_results, child);
  if (*text == '\0')
    return;

  filter.text = text;
  filter.sort = SY_RECIPIENT_SORT_NAME;
  found = sy_queries_recipients_filtered (sy_recipient_repo_get_database (self->repo), &filter, NULL);
  n = found != NULL ? g_list_model_get_n_items (G_LIST_MODEL (found)) : 0;
  for (guint i = 0; i < n && shown < HEAD_RESULTS; i++)
    {
      g_autoptr(SyRecipient) r = g_list_model_get_item (G_LIST_MODEL (found), i);
      gint64 id = sy_record_get_id (SY_RECORD (r));
      g_autofree char *masked = NULL;
      GtkWidget *row;

      /* Only a head (or someone on their own) can head this person. */
      if (id == sy_record_get_id (SY_RECORD (self->recipient))
          || sy_recipient_get_household_id (r) > 0)
        continue;
      masked = sy_recipient_get_id_number (r) != NULL
               ? sy_mask_id_number (sy_recipient_get_id_number (r)) : NULL;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sy_recipient_get_name (r));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sy_ui_or_dash (sy_recipient_get_village (r)));
      if (masked != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (masked));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "recipient-id64", g_memdup2 (&id, sizeof id), g_free);
      gtk_list_box_append (self->head_results, row);
      shown++;
    }
}

static void
head_result_activated (SyRecipientEditor *self,
                       GtkListBoxRow     *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "recipient-id64");

  if (id == NULL)
    return;
  set_head (self, *id);
  gtk_menu_button_popdown (self->head_button);
}

static void
head_self_clicked (SyRecipientEditor *self)
{
  set_head (self, 0);
  gtk_menu_button_popdown (self->head_button);
}

/* The 户主 row: who heads this person's household, chosen by a name search
 * (the list would be the whole register otherwise). */
static void
build_head_row (SyRecipientEditor *self)
{
  GtkWidget *listbox = gtk_widget_get_parent (GTK_WIDGET (self->relation_row));
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *self_button = gtk_button_new_with_mnemonic (_("This Person Is the _Head"));

  self->head_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->head_row), _("Head of Household"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->head_row), FALSE);

  self->head_search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->head_search, "placeholder-text", _("Search by name or ID number"), NULL);
  self->head_results = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->head_results, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->head_results), "boxed-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->head_results));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_widget_set_size_request (scroller, 300, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->head_search));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), self_button);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  self->head_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->head_button, "system-search-symbolic");
  gtk_menu_button_set_popover (self->head_button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->head_button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->head_button), _("Choose the Head of Household"));
  gtk_widget_add_css_class (GTK_WIDGET (self->head_button), "flat");
  adw_action_row_add_suffix (self->head_row, GTK_WIDGET (self->head_button));
  adw_action_row_set_activatable_widget (self->head_row, GTK_WIDGET (self->head_button));

  g_signal_connect_swapped (self->head_search, "search-changed", G_CALLBACK (head_search_changed), self);
  g_signal_connect_swapped (self->head_results, "row-activated", G_CALLBACK (head_result_activated), self);
  g_signal_connect_swapped (self_button, "clicked", G_CALLBACK (head_self_clicked), self);

  gtk_list_box_insert (GTK_LIST_BOX (listbox), GTK_WIDGET (self->head_row),
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->relation_row)));
  show_head (self);
}

/* --- validation -------------------------------------------------------------- */

static void
revalidate (SyRecipientEditor *self)
{
  g_autofree char *name = entry_value (self->name_row);
  g_autofree char *id_number = entry_value (self->id_row);
  g_autofree char *birth = entry_value (self->birth_row);
  g_autofree char *phone = entry_value (self->phone_row);
  g_autofree char *id_message = NULL;
  g_autofree char *birth_message = NULL;
  g_autofree char *phone_message = NULL;
  gboolean id_warning = FALSE;
  gboolean valid = TRUE;

  if (self->validating)
    return;
  self->validating = TRUE;

  if (name == NULL)
    valid = FALSE;
  show_message (self->name_error_row, self->name_row,
                name == NULL && self->name_touched ? _("The name is required") : NULL);

  if (id_number != NULL)
    {
      g_autoptr(GError) error = NULL;
      SyIdInfo info;

      if (!sy_id_number_validate (id_number, &info, &error))
        {
          /* While the number is still being typed, say so rather than
           * shouting about a checksum. */
          if (strlen (id_number) < 18 && !sy_id_number_is_excel_mangled (id_number)
              && strspn (id_number, "0123456789") == strlen (id_number))
            id_message = g_strdup_printf (_("%u of 18 characters"), (guint) strlen (id_number));
          else
            id_message = g_strdup (error->message);
          valid = FALSE;
        }
      else
        {
          g_autoptr(SyRecipient) holder = NULL;
          char iso[11];

          holder = sy_recipient_repo_find_by_id_number (self->repo, info.normalized,
                                                        sy_record_get_id (SY_RECORD (self->recipient)),
                                                        NULL);
          if (holder != NULL)
            {
              id_message = g_strdup_printf (_("Already registered for %s (%s)"),
                                            sy_recipient_get_name (holder),
                                            sy_ui_or_dash (sy_recipient_get_village (holder)));
              valid = FALSE;
            }

          /* The number knows sex and birth date: fill them in. */
          g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &info.birth_date);
          if (g_strcmp0 (birth, iso) != 0)
            {
              set_entry (self->birth_row, iso);
              g_free (birth);
              birth = g_strdup (iso);
            }
          adw_combo_row_set_selected (self->sex_row, info.sex == SY_SEX_MALE ? 1
                                                     : info.sex == SY_SEX_FEMALE ? 2 : 0);
          if (id_message == NULL && !sy_id_number_region_known (info.normalized))
            {
              id_message = g_strdup (_("The region code is unknown; check the number (it may still be right)"));
              id_warning = TRUE;
            }
        }
    }
  show_field_message (self->id_error_row, self->id_row, id_message, !id_warning);

  if (birth != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *parsed = sy_recipient_parse_date (birth, &error);

      if (parsed == NULL)
        {
          birth_message = g_strdup (error->message);
          valid = FALSE;
        }
    }
  show_message (self->birth_error_row, self->birth_row, birth_message);

  if (phone != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *parsed = sy_recipient_parse_phone (phone, &error);

      if (parsed == NULL)
        {
          phone_message = g_strdup (error->message);
          valid = FALSE;
        }
    }
  show_message (self->phone_error_row, self->phone_row, phone_message);

  /* Each category's span of eligibility: dates, the end not before the start. */
  for (guint i = 0; i < self->categories->len; i++)
    {
      CategoryForm *form = g_ptr_array_index (self->categories, i);
      g_autofree char *from = entry_value (form->valid_from_row);
      g_autofree char *to = entry_value (form->valid_to_row);
      g_autofree char *from_iso = NULL;
      g_autofree char *to_iso = NULL;
      g_autofree char *message = NULL;
      AdwEntryRow *culprit = form->valid_from_row;

      if (from != NULL && (from_iso = category_date (from)) == NULL)
        message = g_strdup_printf (_("Eligible from: “%s” is not a date (YYYY-MM-DD)"), from);
      else if (to != NULL && (to_iso = category_date (to)) == NULL)
        {
          message = g_strdup_printf (_("Eligible until: “%s” is not a date (YYYY-MM-DD)"), to);
          culprit = form->valid_to_row;
        }
      else if (from_iso != NULL && to_iso != NULL && strcmp (to_iso, from_iso) < 0)
        {
          message = g_strdup (_("Eligible until is before eligible from"));
          culprit = form->valid_to_row;
        }
      show_message (form->validity_error_row, culprit, message);
      if (culprit == form->valid_to_row)
        gtk_widget_remove_css_class (GTK_WIDGET (form->valid_from_row), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (form->valid_to_row), "error");
      if (message != NULL)
        valid = FALSE;
    }

  self->valid = valid;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
  self->validating = FALSE;
}

static void
field_changed (SyRecipientEditor *self,
               GtkWidget         *widget)
{
  if (self->filling)
    return;
  self->dirty = TRUE;
  if (widget == GTK_WIDGET (self->name_row))
    self->name_touched = TRUE;
  revalidate (self);
}

/* --- filling and reading the form ---------------------------------------------- */

static void
fill (SyRecipientEditor *self)
{
  SyRecipient *r = self->recipient;
  gint64 id = sy_record_get_id (SY_RECORD (r));

  self->filling = TRUE;
  set_entry (self->name_row, sy_recipient_get_name (r));
  set_entry (self->id_row, sy_recipient_get_id_number (r));
  adw_combo_row_set_selected (self->sex_row, combo_index (self->sex_row, sy_recipient_get_sex (r)));
  set_entry (self->birth_row, sy_recipient_get_birth_date (r));
  set_entry (self->ethnicity_row, sy_recipient_get_ethnicity (r));
  set_entry (self->phone_row, sy_recipient_get_phone (r));
  adw_combo_row_set_selected (self->hukou_row, combo_index (self->hukou_row, sy_recipient_get_hukou (r)));
  set_entry (self->village_row, sy_recipient_get_village (r));
  set_entry (self->address_row, sy_recipient_get_address (r));
  set_entry (self->relation_row, sy_recipient_get_relation_to_head (r));
  set_head (self, sy_recipient_get_household_id (r));
  gtk_switch_set_active (self->dibao_switch, sy_recipient_get_dibao (r));
  gtk_switch_set_active (self->wubao_switch, sy_recipient_get_wubao (r));
  gtk_switch_set_active (self->gulao_switch, sy_recipient_get_gulao (r));
  set_entry (self->notes_row, sy_recipient_get_notes (r));
  set_entry (self->bank_row, sy_recipient_get_bank (r));
  set_entry (self->account_name_row, sy_recipient_get_account_name (r));
  set_entry (self->account_row, sy_recipient_get_account (r));

  while (self->categories->len > 0)
    {
      CategoryForm *form = g_ptr_array_index (self->categories, self->categories->len - 1);

      adw_preferences_group_remove (self->categories_group, GTK_WIDGET (form->row));
      g_ptr_array_remove_index (self->categories, self->categories->len - 1);
    }
  if (id > 0)
    {
      g_autoptr(GListModel) stored = sy_queries_recipient_categories (
        sy_recipient_repo_get_database (self->repo), id, NULL);

      for (guint i = 0; stored != NULL && i < g_list_model_get_n_items (stored); i++)
        {
          g_autoptr(SyRecipientCategory) c = g_list_model_get_item (stored, i);
          add_category_form (self, c);
        }
    }

  gtk_window_set_title (GTK_WINDOW (self), id > 0 ? _("Edit Recipient") : _("New Recipient"));
  revalidate (self);
  self->filling = FALSE;
  self->dirty = FALSE;
}

static void
read_form (SyRecipientEditor *self,
           SyRecipient       *r)
{
  g_autofree char *name = entry_value (self->name_row);
  g_autofree char *id_number = entry_value (self->id_row);
  g_autofree char *birth = entry_value (self->birth_row);
  g_autofree char *birth_iso = birth != NULL ? sy_recipient_parse_date (birth, NULL) : NULL;
  g_autofree char *phone = entry_value (self->phone_row);
  g_autofree char *phone_norm = phone != NULL ? sy_recipient_parse_phone (phone, NULL) : NULL;
  g_autofree char *ethnicity = entry_value (self->ethnicity_row);
  g_autofree char *village = entry_value (self->village_row);
  g_autofree char *address = entry_value (self->address_row);
  g_autofree char *relation = entry_value (self->relation_row);
  g_autofree char *notes = entry_value (self->notes_row);
  g_autofree char *bank = entry_value (self->bank_row);
  g_autofree char *account_name = entry_value (self->account_name_row);
  g_autofree char *account = entry_value (self->account_row);

  sy_recipient_set_name (r, name);
  sy_recipient_set_id_number (r, id_number);
  sy_recipient_set_sex (r, combo_value (self->sex_row, TRUE));
  sy_recipient_set_birth_date (r, birth_iso);
  sy_recipient_set_ethnicity (r, ethnicity);
  sy_recipient_set_phone (r, phone_norm);
  sy_recipient_set_hukou (r, combo_value (self->hukou_row, TRUE));
  sy_recipient_set_village (r, village);
  sy_recipient_set_address (r, address);
  sy_recipient_set_relation_to_head (r, relation);
  sy_recipient_set_household_id (r, self->head_id);
  sy_recipient_set_dibao (r, gtk_switch_get_active (self->dibao_switch));
  sy_recipient_set_wubao (r, gtk_switch_get_active (self->wubao_switch));
  sy_recipient_set_gulao (r, gtk_switch_get_active (self->gulao_switch));
  sy_recipient_set_notes (r, notes);
  sy_recipient_set_bank (r, bank);
  sy_recipient_set_account_name (r, account_name);
  sy_recipient_set_account (r, account);
}

/* --- save, conflicts, cancel ---------------------------------------------------- */

static void
reload_from_database (SyRecipientEditor *self)
{
  g_autoptr(GError) error = NULL;
  SyRecipient *fresh = sy_database_load (sy_recipient_repo_get_database (self->repo),
                                         SY_TYPE_RECIPIENT,
                                         sy_record_get_id (SY_RECORD (self->recipient)), &error);

  if (fresh == NULL)
    return;
  g_set_object (&self->recipient, fresh);
  g_object_unref (fresh);
  self->name_touched = FALSE;
  fill (self);
}

static void
conflict_response (AdwMessageDialog  *dialog,
                   const char        *response,
                   SyRecipientEditor *self)
{
  if (g_strcmp0 (response, "reload") == 0)
    reload_from_database (self);
}

static void
show_error_dialog (SyRecipientEditor *self,
                   const char        *heading,
                   const char        *body,
                   gboolean           offer_reload)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                   offer_reload ? _("_Keep My Changes") : _("_Close"));
  if (offer_reload)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "reload", _("_Reload"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reload");
      g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response), self, 0);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyRecipientEditor *self = SY_RECIPIENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyRecipient) work = SY_RECIPIENT (sy_record_copy (SY_RECORD (self->recipient)));
  g_autoptr(GPtrArray) categories = collect_categories (self);

  revalidate (self);
  if (!self->valid)
    return;

  read_form (self, work);
  if (!sy_recipient_repo_save (self->repo, work, categories, &error))
    {
      if (g_error_matches (error, SY_ERROR, SY_ERROR_CONFLICT))
        show_error_dialog (self, _("Changed at Another Desk"), error->message, TRUE);
      else if (g_error_matches (error, SY_ERROR, SY_ERROR_DUPLICATE))
        show_message (self->id_error_row, self->id_row, error->message);
      else
        show_error_dialog (self, _("The Recipient Could Not Be Saved"), error->message, FALSE);
      return;
    }

  g_set_object (&self->recipient, work);
  self->dirty = FALSE;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, work);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
sy_recipient_editor_close_request (GtkWindow *window)
{
  SyRecipientEditor *self = SY_RECIPIENT_EDITOR (window);

  if (self->closing || !self->dirty)
    return GTK_WINDOW_CLASS (sy_recipient_editor_parent_class)->close_request (window);
  return sy_ui_confirm_discard (window, _("The changes to this recipient have not been saved."),
                                &self->closing);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* --- public ------------------------------------------------------------------- */

gboolean
sy_recipient_editor_is_valid (SyRecipientEditor *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_EDITOR (self), FALSE);
  return self->valid;
}

/* "category.N.SUB": the form of the Nth category (from 0) and SUB. */
static CategoryForm *
category_field (SyRecipientEditor *self, const char *field, const char **sub)
{
  guint64 n;
  const char *dot;
  g_autofree char *digits = NULL;

  if (field == NULL || !g_str_has_prefix (field, "category."))
    return NULL;
  dot = strchr (field + strlen ("category."), '.');
  if (dot == NULL)
    return NULL;
  digits = g_strndup (field + strlen ("category."), dot - field - strlen ("category."));
  if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT, &n, NULL) || n >= self->categories->len)
    return NULL;
  *sub = dot + 1;
  return g_ptr_array_index (self->categories, n);
}

GtkEditable *
sy_recipient_editor_get_entry (SyRecipientEditor *self,
                               const char        *field)
{
  const struct { const char *name; AdwEntryRow *row; } rows[] = {
    { "name", self->name_row },
    { "id-number", self->id_row },
    { "birth-date", self->birth_row },
    { "ethnicity", self->ethnicity_row },
    { "phone", self->phone_row },
    { "village", self->village_row },
    { "address", self->address_row },
    { "notes", self->notes_row },
  };

  CategoryForm *form;
  const char *sub;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (rows[i].name, field) == 0)
      return GTK_EDITABLE (rows[i].row);
  if ((form = category_field (self, field, &sub)) == NULL)
    return NULL;
  if (strcmp (sub, "valid-from") == 0)
    return GTK_EDITABLE (form->valid_from_row);
  if (strcmp (sub, "valid-to") == 0)
    return GTK_EDITABLE (form->valid_to_row);
  if (strcmp (sub, "topups") == 0)
    return GTK_EDITABLE (form->topups_row);
  if (strcmp (sub, "certificate") == 0)
    return GTK_EDITABLE (form->certificate_row);
  return NULL;
}

const char *
sy_recipient_editor_get_message (SyRecipientEditor *self,
                                 const char        *field)
{
  if (g_strcmp0 (field, "name") == 0)
    return sy_ui_field_get_message (self->name_error_row);
  if (g_strcmp0 (field, "id-number") == 0)
    return sy_ui_field_get_message (self->id_error_row);
  if (g_strcmp0 (field, "birth-date") == 0)
    return sy_ui_field_get_message (self->birth_error_row);
  if (g_strcmp0 (field, "phone") == 0)
    return sy_ui_field_get_message (self->phone_error_row);
  {
    const char *sub;
    CategoryForm *form = category_field (self, field, &sub);

    if (form != NULL && strcmp (sub, "validity") == 0)
      return sy_ui_field_get_message (form->validity_error_row);
  }
  return "";
}

/* The distinct conditions of the top-up rules (any kind, any date). */
static GStrv
load_topup_conditions (SyRecipientRepo *repo)
{
  g_autoptr(SyStandardRepo) standards = sy_standard_repo_new (sy_recipient_repo_get_database (repo));
  g_autoptr(GListModel) rules = sy_standard_repo_list_topups (standards, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; rules != NULL && i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(SySubsidyTopup) rule = g_list_model_get_item (rules, i);
      const char *condition = sy_subsidy_topup_get_condition (rule);

      if (condition != NULL && g_hash_table_add (seen, g_strdup (condition)))
        g_strv_builder_add (builder, condition);
    }
  return g_strv_builder_end (builder);
}

SyRecipientEditor *
sy_recipient_editor_new (GtkWindow       *parent,
                         SyRecipientRepo *repo,
                         SyRecipient     *recipient)
{
  SyRecipientEditor *self;

  g_return_val_if_fail (SY_IS_RECIPIENT_REPO (repo), NULL);

  self = g_object_new (SY_TYPE_RECIPIENT_EDITOR,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->repo = g_object_ref (repo);
  self->topup_conditions = load_topup_conditions (repo);
  self->recipient = recipient != NULL
                    ? SY_RECIPIENT (sy_record_copy (SY_RECORD (recipient)))
                    : sy_recipient_new ();
  build_head_row (self);
  fill (self);
  return self;
}

static void
sy_recipient_editor_dispose (GObject *object)
{
  SyRecipientEditor *self = SY_RECIPIENT_EDITOR (object);

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_RECIPIENT_EDITOR);
  G_OBJECT_CLASS (sy_recipient_editor_parent_class)->dispose (object);
}

static void
sy_recipient_editor_finalize (GObject *object)
{
  SyRecipientEditor *self = SY_RECIPIENT_EDITOR (object);

  g_clear_object (&self->repo);
  g_clear_object (&self->recipient);
  g_clear_pointer (&self->topup_conditions, g_strfreev);
  G_OBJECT_CLASS (sy_recipient_editor_parent_class)->finalize (object);
}

static void
sy_recipient_editor_class_init (SyRecipientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sy_recipient_editor_dispose;
  object_class->finalize = sy_recipient_editor_finalize;
  window_class->close_request = sy_recipient_editor_close_request;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, SY_TYPE_RECIPIENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-recipient-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SyRecipientEditor, name)
  BIND (save_button);
  BIND (categories_group);
  BIND (name_row);
  BIND (name_error_row);
  BIND (id_row);
  BIND (id_error_row);
  BIND (sex_row);
  BIND (birth_row);
  BIND (birth_error_row);
  BIND (ethnicity_row);
  BIND (phone_row);
  BIND (phone_error_row);
  BIND (hukou_row);
  BIND (village_row);
  BIND (address_row);
  BIND (relation_row);
  BIND (dibao_switch);
  BIND (wubao_switch);
  BIND (gulao_switch);
  BIND (notes_row);
  BIND (bank_row);
  BIND (account_name_row);
  BIND (account_row);
#undef BIND

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "editor.add-category", NULL,
                                   add_category_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
sy_recipient_editor_init (SyRecipientEditor *self)
{
  AdwEntryRow *entries[] = {
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };
  guint n = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->categories = g_ptr_array_new_with_free_func (category_form_free);

  entries[n++] = self->name_row;
  entries[n++] = self->id_row;
  entries[n++] = self->birth_row;
  entries[n++] = self->ethnicity_row;
  entries[n++] = self->phone_row;
  entries[n++] = self->village_row;
  entries[n++] = self->address_row;
  entries[n++] = self->relation_row;
  entries[n++] = self->notes_row;
  entries[n++] = self->bank_row;
  entries[n++] = self->account_name_row;
  entries[n++] = self->account_row;
  for (guint i = 0; i < n; i++)
    g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->sex_row, "notify::selected", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->hukou_row, "notify::selected", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->dibao_switch, "notify::active", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->wubao_switch, "notify::active", G_CALLBACK (field_changed), self);
  g_signal_connect_swapped (self->gulao_switch, "notify::active", G_CALLBACK (field_changed), self);
}

/* --- the status-change dialog --------------------------------------------------- */

typedef struct {
  SyRecipientRepo    *repo;
  SyRecipient        *recipient;
  SyStatusChangedFunc done;
  gpointer            user_data;
  AdwComboRow        *kind_row;
  AdwEntryRow        *date_row;
  AdwEntryRow        *reason_row;
} StatusDialog;

static void
status_dialog_free (gpointer data)
{
  StatusDialog *d = data;

  g_clear_object (&d->repo);
  g_clear_object (&d->recipient);
  if (d->user_data != NULL && G_IS_OBJECT (d->user_data))
    g_object_unref (d->user_data);
  g_free (d);
}

static void
status_date_changed (AdwMessageDialog *dialog)
{
  StatusDialog *d = g_object_get_data (G_OBJECT (dialog), "status-dialog");
  g_autofree char *iso = sy_recipient_parse_date (entry_text (d->date_row), NULL);
  gboolean ok = iso != NULL && strlen (iso) == 10;

  adw_message_dialog_set_response_enabled (dialog, "apply", ok);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (d->date_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (d->date_row), "error");
}

static void
status_response (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          unused)
{
  StatusDialog *d = g_object_get_data (G_OBJECT (dialog), "status-dialog");
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  GtkWindow *parent;

  if (g_strcmp0 (response, "apply") != 0)
    return;

  reason = entry_value (d->reason_row);
  if (!sy_recipient_repo_change_status (d->repo, d->recipient, combo_value (d->kind_row, FALSE),
                                        entry_text (d->date_row), reason, &error))
    {
      parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
      sy_ui_show_error (parent != NULL ? GTK_WIDGET (parent) : NULL, _("The Status Could Not Be Changed"),
                        error->message);
      return;
    }
  if (d->done != NULL)
    d->done (d->recipient, d->user_data);
}

void
sy_recipient_status_dialog_present (GtkWindow          *parent,
                                    SyRecipientRepo    *repo,
                                    SyRecipient        *recipient,
                                    SyStatusChangedFunc done,
                                    gpointer            user_data)
{
  StatusDialog *d = g_new0 (StatusDialog, 1);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (sy_recipient_repo_status_kinds ());
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;

  g_return_if_fail (SY_IS_RECIPIENT_REPO (repo));
  g_return_if_fail (SY_IS_RECIPIENT (recipient));

  d->repo = g_object_ref (repo);
  d->recipient = g_object_ref (recipient);
  d->done = done;
  d->user_data = user_data != NULL && G_IS_OBJECT (user_data) ? g_object_ref (user_data) : user_data;

  body = g_strdup_printf (_("%s is now “%s”. The change is added to their history."),
                          sy_recipient_get_name (recipient),
                          sy_ui_or_dash (sy_recipient_get_status (recipient)));
  dialog = sy_ui_form_dialog_new (GTK_WIDGET (parent), _("Change Status"), body, "apply", _("C_hange Status"),
                                  &list, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "status-dialog", d, status_dialog_free);

  d->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->kind_row), _("Kind"));
  adw_combo_row_set_model (d->kind_row, G_LIST_MODEL (kinds));
  /* 减员 is what offices record most after the initial 新增. */
  adw_combo_row_set_selected (d->kind_row, 1);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->kind_row));
  d->date_row = sy_ui_list_add_entry (list, _("Effective Date"), today);
  d->reason_row = sy_ui_list_add_entry (list, _("Reason (去世, 迁往外地 …)"), NULL);
  g_signal_connect_swapped (d->date_row, "changed", G_CALLBACK (status_date_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (status_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}
