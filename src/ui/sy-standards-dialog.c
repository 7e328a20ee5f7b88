/* sy-standards-dialog.c: the window where the office keeps its subsidy standards and top-up rules
 *
 * The repo is the guard (validation, paid-run protection, overlaps); the
 * form only checks what it can see as the user types, so that Save is
 * never offered for something that obviously cannot be stored.  A refusal
 * from the repo is shown at the top of the window, in its own words.
 */
#include <glib/gi18n.h>

#include <string.h>

#include "sy-standards-dialog.h"
#include "sy-ui-util.h"

static const char * const natures[] = { "—", "因战", "因公", "因病", NULL };
static const char * const hukous[] = { "—", "城镇", "农村", NULL };
static const char * const period_values[] = { "月", "年", "次" };
static const char * const period_labels[] = { N_("Monthly (月)"), N_("Yearly (年)"), N_("One-off (次)") };

typedef enum { MODE_VIEW, MODE_EDIT, MODE_NEW } Mode;
typedef enum { PAGE_STANDARDS, PAGE_TOPUPS, N_PAGES } PageId;

typedef struct {
  GtkColumnView       *view;
  GListStore          *store;      /* the records, as the repo lists them */
  GtkSingleSelection  *selection;  /* over a sort model of store */
  GHashTable          *locked;     /* ids (gint64) a paid run used */
  SyRecord            *editing;    /* the record the form edits (MODE_EDIT) */
  Mode                 mode;
  gboolean             touched;    /* required-field messages only after an edit */
  gboolean             valid;
  AdwPreferencesGroup *form;
  AdwPreferencesGroup *lock_group;
  AdwActionRow        *lock_row;
} Page;

struct _SyStandardsDialog
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  GtkRevealer         *message_revealer;
  GtkLabel            *message_label;
  AdwViewStack        *view_stack;

  GtkColumnView       *standards_view;
  GtkColumnViewColumn *lock_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *category_column;
  GtkColumnViewColumn *applies_column;
  GtkColumnViewColumn *amount_column;
  GtkColumnViewColumn *period_column;
  GtkColumnViewColumn *from_column;
  GtkColumnViewColumn *to_column;
  AdwPreferencesGroup *standards_form;
  AdwPreferencesGroup *standards_lock_group;
  AdwActionRow        *standards_lock_row;
  AdwEntryRow         *kind_row;
  AdwActionRow        *kind_error_row;
  AdwEntryRow         *category_row;
  AdwActionRow        *category_error_row;
  AdwComboRow         *grade_row;
  AdwComboRow         *nature_row;
  AdwComboRow         *hukou_row;
  AdwEntryRow         *amount_row;
  AdwActionRow        *amount_error_row;
  AdwComboRow         *period_row;
  AdwEntryRow         *from_row;
  AdwActionRow        *from_error_row;
  AdwEntryRow         *to_row;
  AdwActionRow        *to_error_row;
  AdwActionRow        *household_row;
  GtkSwitch           *household_switch;

  GtkColumnView       *topups_view;
  GtkColumnViewColumn *topup_lock_column;
  GtkColumnViewColumn *topup_kind_column;
  GtkColumnViewColumn *condition_column;
  GtkColumnViewColumn *percent_column;
  GtkColumnViewColumn *topup_from_column;
  GtkColumnViewColumn *topup_to_column;
  AdwPreferencesGroup *topups_form;
  AdwPreferencesGroup *topups_lock_group;
  AdwActionRow        *topups_lock_row;
  AdwEntryRow         *topup_kind_row;
  AdwActionRow        *topup_kind_error_row;
  AdwEntryRow         *condition_row;
  AdwActionRow        *condition_error_row;
  AdwActionRow        *percent_row;
  GtkSpinButton       *percent_spin;
  AdwEntryRow         *topup_from_row;
  AdwActionRow        *topup_from_error_row;
  AdwEntryRow         *topup_to_row;
  AdwActionRow        *topup_to_error_row;

  SyDatabase          *db;
  SyStandardRepo      *repo;
  Page                 pages[N_PAGES];
  gboolean             filling;    /* programmatic changes are not edits */
  gboolean             closing;
};

G_DEFINE_FINAL_TYPE (SyStandardsDialog, sy_standards_dialog, ADW_TYPE_WINDOW)

static void update_actions (SyStandardsDialog *self);
static void revalidate (SyStandardsDialog *self, PageId id);

/* --- small helpers ------------------------------------------------------------ */

static PageId
current_page_id (SyStandardsDialog *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  return g_strcmp0 (name, "topups") == 0 ? PAGE_TOPUPS : PAGE_STANDARDS;
}

static Page *
current_page (SyStandardsDialog *self)
{
  return &self->pages[current_page_id (self)];
}

static SyRecord *
selected_record (Page *page)
{
  gpointer item = gtk_single_selection_get_selected_item (page->selection);

  return item != NULL ? SY_RECORD (item) : NULL;
}

static gboolean
is_locked (Page *page, SyRecord *record)
{
  gint64 id;

  if (record == NULL)
    return FALSE;
  id = sy_record_get_id (record);
  return g_hash_table_contains (page->locked, &id);
}

static char *
entry_value (AdwEntryRow *row)
{
  return sy_ui_entry_value (GTK_EDITABLE (row));
}

static void
set_entry (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* A full date (YYYY-MM-DD after normalising "2025/1/1" …), or NULL. */
static char *
parse_full_date (const char *text)
{
  g_autofree char *iso = text != NULL ? sy_recipient_parse_date (text, NULL) : NULL;

  return iso != NULL && strlen (iso) == 10 ? g_steal_pointer (&iso) : NULL;
}

/* The message sits in a row of its own right below @entry (see
 * sy_ui_field_set_message()). */
static void
show_field_message (AdwActionRow *row, AdwEntryRow *entry, const char *message)
{
  sy_ui_field_set_message (row, GTK_WIDGET (entry), message, TRUE);
}

static guint
combo_index (AdwComboRow *combo, const char *text)
{
  return sy_ui_combo_index (combo, text);
}

/* The chosen text, NULL for the "—" item. */
static const char *
combo_value (AdwComboRow *combo)
{
  return sy_ui_combo_value (combo, TRUE);
}

static const char *
period_label (const char *period)
{
  for (guint i = 0; i < G_N_ELEMENTS (period_values); i++)
    if (g_strcmp0 (period, period_values[i]) == 0)
      return _(period_labels[i]);
  return sy_ui_or_dash (period);
}

static void
show_message (SyStandardsDialog *self, const char *text, gboolean is_error)
{
  gtk_label_set_text (self->message_label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}

static void
hide_message (SyStandardsDialog *self)
{
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
}

static void
toast (SyStandardsDialog *self, const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* --- list cells ------------------------------------------------------------------ */

typedef char *(*CellTextFunc) (SyRecord *record);

/* Figures line up on the right; @data is the xalign × 100. */
static void
text_cell_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (data) / 100.f);
  gtk_list_item_set_child (item, label);
}

static void
text_cell_bind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  CellTextFunc func = (CellTextFunc) data;
  g_autofree char *text = func (SY_RECORD (gtk_list_item_get_item (item)));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

static void
bind_text_column (GtkColumnViewColumn *column, CellTextFunc func, gboolean right)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (text_cell_setup), GINT_TO_POINTER (right ? 100 : 0));
  g_signal_connect (factory, "bind", G_CALLBACK (text_cell_bind), (gpointer) func);
  gtk_column_view_column_set_factory (column, factory);
}

static void
lock_cell_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *image = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

  gtk_widget_set_tooltip_text (image, _("Used by a paid run: can only be ended or superseded"));
  gtk_list_item_set_child (item, image);
}

static void
lock_cell_bind (GtkSignalListItemFactory *factory, GtkListItem *item, Page *page)
{
  gtk_widget_set_visible (gtk_list_item_get_child (item),
                          is_locked (page, SY_RECORD (gtk_list_item_get_item (item))));
}

static void
bind_lock_column (GtkColumnViewColumn *column, Page *page)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (lock_cell_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (lock_cell_bind), page);
  gtk_column_view_column_set_factory (column, factory);
}

static char *
standard_kind_text (SyRecord *r)
{
  return g_strdup (sy_subsidy_standard_get_kind (SY_SUBSIDY_STANDARD (r)));
}

static char *
standard_category_text (SyRecord *r)
{
  return g_strdup (sy_subsidy_standard_get_category (SY_SUBSIDY_STANDARD (r)));
}

/* "Grade 3 · 因战 · 城镇", or "—" for a standard that applies to everyone
 * of its category. */
static char *
standard_applies_text (SyRecord *r)
{
  SySubsidyStandard *s = SY_SUBSIDY_STANDARD (r);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gint grade = sy_subsidy_standard_get_disability_grade (s);

  if (grade > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("Grade %d"), grade));
  if (sy_subsidy_standard_get_disability_nature (s) != NULL)
    g_ptr_array_add (parts, g_strdup (sy_subsidy_standard_get_disability_nature (s)));
  if (sy_subsidy_standard_get_hukou (s) != NULL)
    g_ptr_array_add (parts, g_strdup (sy_subsidy_standard_get_hukou (s)));
  if (parts->len == 0)
    return g_strdup ("—");
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
standard_amount_text (SyRecord *r)
{
  return sy_money_format (sy_subsidy_standard_get_amount_fen (SY_SUBSIDY_STANDARD (r)));
}

static char *
standard_period_text (SyRecord *r)
{
  SySubsidyStandard *s = SY_SUBSIDY_STANDARD (r);
  const char *label = period_label (sy_subsidy_standard_get_period (s));

  if (sy_subsidy_standard_get_per_household (s))
    return g_strdup_printf (_("%s, per household"), label);
  return g_strdup (label);
}

static char *
standard_from_text (SyRecord *r)
{
  return g_strdup (sy_subsidy_standard_get_effective_from (SY_SUBSIDY_STANDARD (r)));
}

static char *
standard_to_text (SyRecord *r)
{
  return g_strdup (sy_ui_or_dash (sy_subsidy_standard_get_effective_to (SY_SUBSIDY_STANDARD (r))));
}

static char *
topup_kind_text (SyRecord *r)
{
  return g_strdup (sy_subsidy_topup_get_kind (SY_SUBSIDY_TOPUP (r)));
}

static char *
topup_condition_text (SyRecord *r)
{
  return g_strdup (sy_subsidy_topup_get_condition (SY_SUBSIDY_TOPUP (r)));
}

static char *
topup_percent_text (SyRecord *r)
{
  return g_strdup_printf ("+%d%%", sy_subsidy_topup_get_percent (SY_SUBSIDY_TOPUP (r)));
}

static char *
topup_from_text (SyRecord *r)
{
  return g_strdup (sy_subsidy_topup_get_effective_from (SY_SUBSIDY_TOPUP (r)));
}

static char *
topup_to_text (SyRecord *r)
{
  return g_strdup (sy_ui_or_dash (sy_subsidy_topup_get_effective_to (SY_SUBSIDY_TOPUP (r))));
}

static void
set_sorter (GtkColumnViewColumn *column, GType type, const char *property, gboolean numeric)
{
  GtkExpression *expression = gtk_property_expression_new (type, NULL, property);
  g_autoptr(GtkSorter) sorter = numeric ? GTK_SORTER (gtk_numeric_sorter_new (expression))
                                        : GTK_SORTER (gtk_string_sorter_new (expression));

  gtk_column_view_column_set_sorter (column, sorter);
}

/* --- forms --------------------------------------------------------------------- */

static void
fill_standard_form (SyStandardsDialog *self, SySubsidyStandard *s)
{
  g_autofree char *amount = NULL;
  guint period = 0;

  self->filling = TRUE;
  set_entry (self->kind_row, s != NULL ? sy_subsidy_standard_get_kind (s) : NULL);
  set_entry (self->category_row, s != NULL ? sy_subsidy_standard_get_category (s) : NULL);
  adw_combo_row_set_selected (self->grade_row,
                              s != NULL ? (guint) CLAMP (sy_subsidy_standard_get_disability_grade (s), 0, 10) : 0);
  adw_combo_row_set_selected (self->nature_row,
                              combo_index (self->nature_row,
                                           s != NULL ? sy_subsidy_standard_get_disability_nature (s) : NULL));
  adw_combo_row_set_selected (self->hukou_row,
                              combo_index (self->hukou_row, s != NULL ? sy_subsidy_standard_get_hukou (s) : NULL));
  if (s != NULL)
    amount = sy_money_format (sy_subsidy_standard_get_amount_fen (s));
  set_entry (self->amount_row, amount);
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (period_values); i++)
    if (g_strcmp0 (sy_subsidy_standard_get_period (s), period_values[i]) == 0)
      period = i;
  adw_combo_row_set_selected (self->period_row, period);
  set_entry (self->from_row, s != NULL ? sy_subsidy_standard_get_effective_from (s) : NULL);
  set_entry (self->to_row, s != NULL ? sy_subsidy_standard_get_effective_to (s) : NULL);
  gtk_switch_set_active (self->household_switch, s != NULL && sy_subsidy_standard_get_per_household (s));
  self->filling = FALSE;
}

static void
fill_topup_form (SyStandardsDialog *self, SySubsidyTopup *t)
{
  self->filling = TRUE;
  set_entry (self->topup_kind_row, t != NULL ? sy_subsidy_topup_get_kind (t) : NULL);
  set_entry (self->condition_row, t != NULL ? sy_subsidy_topup_get_condition (t) : NULL);
  gtk_spin_button_set_value (self->percent_spin, t != NULL ? sy_subsidy_topup_get_percent (t) : 100);
  set_entry (self->topup_from_row, t != NULL ? sy_subsidy_topup_get_effective_from (t) : NULL);
  set_entry (self->topup_to_row, t != NULL ? sy_subsidy_topup_get_effective_to (t) : NULL);
  self->filling = FALSE;
}

/* Which widgets take input: none while viewing; only the end date of a
 * record a paid run used. */
static void
update_form_state (SyStandardsDialog *self, PageId id)
{
  Page *page = &self->pages[id];
  SyRecord *shown = page->mode == MODE_EDIT ? page->editing
                    : page->mode == MODE_VIEW ? selected_record (page) : NULL;
  gboolean locked = is_locked (page, shown);
  gboolean editing = page->mode != MODE_VIEW;
  gboolean open = editing && !(locked && page->mode == MODE_EDIT);

  if (id == PAGE_STANDARDS)
    {
      GtkWidget *rows[] = {
        GTK_WIDGET (self->kind_row), GTK_WIDGET (self->category_row), GTK_WIDGET (self->grade_row),
        GTK_WIDGET (self->nature_row), GTK_WIDGET (self->hukou_row), GTK_WIDGET (self->amount_row),
        GTK_WIDGET (self->period_row), GTK_WIDGET (self->from_row), GTK_WIDGET (self->household_row),
      };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        gtk_widget_set_sensitive (rows[i], open);
      gtk_widget_set_sensitive (GTK_WIDGET (self->to_row), editing);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (page->lock_row),
                                     _("Used by a paid run: only its end date can change. "
                                       "For a new amount, use Supersede…"));
      adw_preferences_group_set_title (page->form, page->mode == MODE_NEW ? _("New Standard")
                                                   : page->mode == MODE_EDIT ? _("Edit Standard")
                                                   : _("Standard"));
    }
  else
    {
      GtkWidget *rows[] = {
        GTK_WIDGET (self->topup_kind_row), GTK_WIDGET (self->condition_row),
        GTK_WIDGET (self->percent_row), GTK_WIDGET (self->topup_from_row),
      };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        gtk_widget_set_sensitive (rows[i], open);
      gtk_widget_set_sensitive (GTK_WIDGET (self->topup_to_row), editing);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (page->lock_row),
                                     _("Applied by a paid run: only its end date can change. "
                                       "For a new percentage, end it and add a new rule."));
      adw_preferences_group_set_title (page->form, page->mode == MODE_NEW ? _("New Top-up Rule")
                                                   : page->mode == MODE_EDIT ? _("Edit Top-up Rule")
                                                   : _("Top-up Rule"));
    }
  gtk_widget_set_visible (GTK_WIDGET (page->lock_group), locked);
  revalidate (self, id);
  update_actions (self);
}

/* Checks the form; messages only while editing (and "required" only once
 * the user has typed something). */
static void
revalidate (SyStandardsDialog *self, PageId id)
{
  Page *page = &self->pages[id];
  gboolean editing = page->mode != MODE_VIEW;
  gboolean shout = editing && page->touched;
  const char *required = _("Required");
  gboolean valid = TRUE;

#define CHECK(row, error_row, message) G_STMT_START {                           \
    const char *m_ = (message);                                                 \
    if (m_ != NULL) valid = FALSE;                                              \
    show_field_message (error_row, row, editing && m_ != NULL                    \
                        && (m_ != required || shout) ? m_ : NULL);              \
  } G_STMT_END

  if (id == PAGE_STANDARDS)
    {
      g_autofree char *kind = entry_value (self->kind_row);
      g_autofree char *category = entry_value (self->category_row);
      g_autofree char *amount = entry_value (self->amount_row);
      g_autofree char *from = entry_value (self->from_row);
      g_autofree char *to = entry_value (self->to_row);
      g_autofree char *from_iso = parse_full_date (from);
      g_autofree char *to_iso = parse_full_date (to);
      gint64 fen = 0;

      CHECK (self->kind_row, self->kind_error_row, kind == NULL ? required : NULL);
      CHECK (self->category_row, self->category_error_row, category == NULL ? required : NULL);
      CHECK (self->amount_row, self->amount_error_row,
             amount == NULL ? required
             : !sy_money_parse (amount, &fen, NULL) ? _("Not an amount in yuan (e.g. 1,234.50)")
             : fen < 0 ? _("The amount cannot be negative") : NULL);
      CHECK (self->from_row, self->from_error_row,
             from == NULL ? required : from_iso == NULL ? _("Not a date (YYYY-MM-DD)") : NULL);
      CHECK (self->to_row, self->to_error_row,
             to == NULL ? NULL : to_iso == NULL ? _("Not a date (YYYY-MM-DD)")
             : from_iso != NULL && strcmp (to_iso, from_iso) < 0
             ? _("The end date is before the effective date") : NULL);
    }
  else
    {
      g_autofree char *kind = entry_value (self->topup_kind_row);
      g_autofree char *condition = entry_value (self->condition_row);
      g_autofree char *from = entry_value (self->topup_from_row);
      g_autofree char *to = entry_value (self->topup_to_row);
      g_autofree char *from_iso = parse_full_date (from);
      g_autofree char *to_iso = parse_full_date (to);

      CHECK (self->topup_kind_row, self->topup_kind_error_row, kind == NULL ? required : NULL);
      CHECK (self->condition_row, self->condition_error_row, condition == NULL ? required : NULL);
      CHECK (self->topup_from_row, self->topup_from_error_row,
             from == NULL ? required : from_iso == NULL ? _("Not a date (YYYY-MM-DD)") : NULL);
      CHECK (self->topup_to_row, self->topup_to_error_row,
             to == NULL ? NULL : to_iso == NULL ? _("Not a date (YYYY-MM-DD)")
             : from_iso != NULL && strcmp (to_iso, from_iso) < 0
             ? _("The end date is before the effective date") : NULL);
    }
#undef CHECK

  page->valid = valid;
}

static void
form_changed (SyStandardsDialog *self)
{
  PageId id = current_page_id (self);

  if (self->filling)
    return;
  if (self->pages[id].mode != MODE_VIEW)
    self->pages[id].touched = TRUE;
  revalidate (self, id);
  update_actions (self);
}

/* The form as a record: a copy of the one edited, or a new one. */
static SyRecord *
read_form (SyStandardsDialog *self, Page *page, PageId id)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;

  if (id == PAGE_STANDARDS)
    {
      SySubsidyStandard *s = page->mode == MODE_EDIT
                             ? SY_SUBSIDY_STANDARD (sy_record_copy (page->editing))
                             : sy_subsidy_standard_new ();
      g_autofree char *kind = entry_value (self->kind_row);
      g_autofree char *category = entry_value (self->category_row);
      g_autofree char *amount = entry_value (self->amount_row);
      guint grade = adw_combo_row_get_selected (self->grade_row);
      guint period = adw_combo_row_get_selected (self->period_row);
      gint64 fen = 0;

      from_text = entry_value (self->from_row);
      to_text = entry_value (self->to_row);
      from = parse_full_date (from_text);
      to = parse_full_date (to_text);
      sy_money_parse (amount != NULL ? amount : "", &fen, NULL);
      sy_subsidy_standard_set_kind (s, kind);
      sy_subsidy_standard_set_category (s, category);
      sy_subsidy_standard_set_disability_grade (s, grade != GTK_INVALID_LIST_POSITION ? (gint) grade : 0);
      sy_subsidy_standard_set_disability_nature (s, combo_value (self->nature_row));
      sy_subsidy_standard_set_hukou (s, combo_value (self->hukou_row));
      sy_subsidy_standard_set_amount_fen (s, fen);
      sy_subsidy_standard_set_period (s, period_values[period < G_N_ELEMENTS (period_values) ? period : 0]);
      sy_subsidy_standard_set_effective_from (s, from != NULL ? from : from_text);
      sy_subsidy_standard_set_effective_to (s, to != NULL ? to : to_text);
      sy_subsidy_standard_set_per_household (s, gtk_switch_get_active (self->household_switch));
      return SY_RECORD (s);
    }
  else
    {
      SySubsidyTopup *t = page->mode == MODE_EDIT
                          ? SY_SUBSIDY_TOPUP (sy_record_copy (page->editing))
                          : sy_subsidy_topup_new ();
      g_autofree char *kind = entry_value (self->topup_kind_row);
      g_autofree char *condition = entry_value (self->condition_row);

      from_text = entry_value (self->topup_from_row);
      to_text = entry_value (self->topup_to_row);
      from = parse_full_date (from_text);
      to = parse_full_date (to_text);
      gtk_spin_button_update (self->percent_spin);
      sy_subsidy_topup_set_kind (t, kind);
      sy_subsidy_topup_set_condition (t, condition);
      sy_subsidy_topup_set_percent (t, gtk_spin_button_get_value_as_int (self->percent_spin));
      sy_subsidy_topup_set_effective_from (t, from != NULL ? from : from_text);
      sy_subsidy_topup_set_effective_to (t, to != NULL ? to : to_text);
      return SY_RECORD (t);
    }
}

/* Shows the selected record in the form (while nobody edits). */
static void
show_selected (SyStandardsDialog *self, PageId id)
{
  Page *page = &self->pages[id];
  SyRecord *record;

  if (page->mode != MODE_VIEW)
    return;
  record = selected_record (page);
  if (id == PAGE_STANDARDS)
    fill_standard_form (self, record != NULL ? SY_SUBSIDY_STANDARD (record) : NULL);
  else
    fill_topup_form (self, record != NULL ? SY_SUBSIDY_TOPUP (record) : NULL);
  update_form_state (self, id);
}

static void
standards_selection_changed (SyStandardsDialog *self)
{
  show_selected (self, PAGE_STANDARDS);
}

static void
topups_selection_changed (SyStandardsDialog *self)
{
  show_selected (self, PAGE_TOPUPS);
}

/* --- loading --------------------------------------------------------------------- */

static gboolean
select_id (Page *page, gint64 id)
{
  GListModel *model = G_LIST_MODEL (page->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyRecord) record = g_list_model_get_item (model, i);

      if (sy_record_get_id (record) == id)
        {
          gtk_single_selection_set_selected (page->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* Reads the page's records and which of them paid runs used, keeping (or
 * moving to) the selection @keep_id. */
static void
reload (SyStandardsDialog *self, PageId id, gint64 keep_id)
{
  Page *page = &self->pages[id];
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  list = id == PAGE_STANDARDS ? sy_standard_repo_list (self->repo, &error)
                              : sy_standard_repo_list_topups (self->repo, &error);
  g_hash_table_remove_all (page->locked);
  if (list == NULL)
    {
      show_message (self, error->message, TRUE);
      g_list_store_remove_all (page->store);
      return;
    }
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      SyRecord *record = g_list_model_get_item (list, i);
      gint64 record_id = sy_record_get_id (record);
      gboolean used = FALSE;
      gboolean ok = id == PAGE_STANDARDS
                    ? sy_standard_repo_is_used_by_paid_run (self->repo, record_id, &used, &error)
                    : sy_standard_repo_topup_is_used_by_paid_run (self->repo, record_id, &used, &error);

      if (!ok)
        {
          show_message (self, error->message, TRUE);
          g_clear_error (&error);
        }
      if (used)
        g_hash_table_add (page->locked, g_memdup2 (&record_id, sizeof record_id));
      g_ptr_array_add (items, record);
    }
  g_list_store_splice (page->store, 0, g_list_model_get_n_items (G_LIST_MODEL (page->store)),
                       items->pdata, items->len);
  if (keep_id <= 0 || !select_id (page, keep_id))
    show_selected (self, id);
}

/* --- actions ---------------------------------------------------------------------- */

static void
update_actions (SyStandardsDialog *self)
{
  PageId id = current_page_id (self);
  Page *page = &self->pages[id];
  gboolean viewing = page->mode == MODE_VIEW;
  gboolean selected = selected_record (page) != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "standards.add", viewing);
  gtk_widget_action_set_enabled (widget, "standards.edit", viewing && selected);
  gtk_widget_action_set_enabled (widget, "standards.supersede",
                                 viewing && selected && id == PAGE_STANDARDS);
  gtk_widget_action_set_enabled (widget, "standards.delete", viewing && selected);
  gtk_widget_action_set_enabled (widget, "standards.save", !viewing && page->valid);
  gtk_widget_action_set_enabled (widget, "standards.cancel", !viewing);
  gtk_widget_action_set_enabled (widget, "standards.import", viewing);
  gtk_widget_action_set_enabled (widget, "standards.export", viewing);
}

static void
page_changed (SyStandardsDialog *self)
{
  update_actions (self);
}

/* Focus must leave a widget before it turns insensitive: a GtkText that
 * loses focus that way warns (and the tests make warnings fatal). */
static void
move_focus (SyStandardsDialog *self, Page *page, GtkWidget *from, GtkWidget *to)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && (focus == from || gtk_widget_is_ancestor (focus, from)))
    gtk_widget_grab_focus (to);
}

static void
set_mode (SyStandardsDialog *self, PageId id, Mode mode)
{
  Page *page = &self->pages[id];
  gboolean locked;

  page->mode = mode;
  page->touched = FALSE;
  g_clear_object (&page->editing);
  if (mode == MODE_EDIT && selected_record (page) != NULL)
    page->editing = sy_record_copy (selected_record (page));
  locked = mode == MODE_EDIT && is_locked (page, page->editing);
  if (mode == MODE_VIEW)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (page->view), TRUE);
      move_focus (self, page, GTK_WIDGET (page->form), GTK_WIDGET (page->view));
    }
  update_form_state (self, id);
  if (mode != MODE_VIEW)
    {
      GtkWidget *first = id == PAGE_STANDARDS
                         ? GTK_WIDGET (locked ? self->to_row : self->kind_row)
                         : GTK_WIDGET (locked ? self->topup_to_row : self->topup_kind_row);

      gtk_widget_grab_focus (first);
      move_focus (self, page, GTK_WIDGET (page->view), first);
      gtk_widget_set_sensitive (GTK_WIDGET (page->view), FALSE);
    }
}

static void
add_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyStandardsDialog *self = SY_STANDARDS_DIALOG (widget);
  PageId id = current_page_id (self);

  hide_message (self);
  set_mode (self, id, MODE_NEW);
  if (id == PAGE_STANDARDS)
    {
      /* Start from the selected one: a county's table is mostly variations. */
      SyRecord *like = selected_record (&self->pages[id]);

      fill_standard_form (self, like != NULL ? SY_SUBSIDY_STANDARD (like) : NULL);
      set_entry (self->from_row, NULL);
      set_entry (self->to_row, NULL);
      update_form_state (self, id);
    }
  else
    {
      fill_topup_form (self, NULL);
      update_form_state (self, id);
    }
}

static void
edit_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyStandardsDialog *self = SY_STANDARDS_DIALOG (widget);
  PageId id = current_page_id (self);

  if (selected_record (&self->pages[id]) == NULL)
    return;
  hide_message (self);
  set_mode (self, id, MODE_EDIT);
}

static void
cancel_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyStandardsDialog *self = SY_STANDARDS_DIALOG (widget);
  PageId id = current_page_id (self);

  set_mode (self, id, MODE_VIEW);
  show_selected (self, id);
}

static void
save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyStandardsDialog *self = SY_STANDARDS_DIALOG (widget);
  PageId id = current_page_id (self);
  Page *page = &self->pages[id];
  g_autoptr(SyRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  revalidate (self, id);
  if (page->mode == MODE_VIEW || !page->valid)
    return;
  record = read_form (self, page, id);
  ok = id == PAGE_STANDARDS
       ? sy_standard_repo_save (self->repo, SY_SUBSIDY_STANDARD (record), &error)
       : sy_standard_repo_save_topup (self->repo, SY_SUBSIDY_TOPUP (record), &error);
  if (!ok)
    {
      if (g_error_matches (error, SY_ERROR, SY_ERROR_CONFLICT))
        {
          g_autofree char *text = g_strdup_printf (_("%s Cancel and edit again to see the "
                                                     "current values."), error->message);

          show_message (self, text, TRUE);
        }
      else
        show_message (self, error->message, TRUE);
      return;
    }

  hide_message (self);
  set_mode (self, id, MODE_VIEW);
  reload (self, id, sy_record_get_id (record));
  toast (self, id == PAGE_STANDARDS ? _("Standard saved") : _("Top-up rule saved"));
}

/* --- supersede ---------------------------------------------------------------------- */

static void
supersede_changed (AdwMessageDialog *dialog)
{
  SySubsidyStandard *old = g_object_get_data (G_OBJECT (dialog), "standard");
  GtkEditable *from_entry = g_object_get_data (G_OBJECT (dialog), "from-entry");
  GtkEditable *amount_entry = g_object_get_data (G_OBJECT (dialog), "amount-entry");
  g_autofree char *from = parse_full_date (gtk_editable_get_text (from_entry));
  gint64 fen = -1;
  gboolean from_ok = from != NULL && strcmp (from, sy_subsidy_standard_get_effective_from (old)) > 0;
  gboolean amount_ok = sy_money_parse (gtk_editable_get_text (amount_entry), &fen, NULL) && fen >= 0;

  if (from_ok || *gtk_editable_get_text (from_entry) == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (from_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (from_entry), "error");
  if (amount_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (amount_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (amount_entry), "error");
  adw_message_dialog_set_response_enabled (dialog, "supersede", from_ok && amount_ok);
}

static void
supersede_response (AdwMessageDialog  *dialog,
                    const char        *response,
                    SyStandardsDialog *self)
{
  SySubsidyStandard *old = g_object_get_data (G_OBJECT (dialog), "standard");
  GtkEditable *from_entry = g_object_get_data (G_OBJECT (dialog), "from-entry");
  GtkEditable *amount_entry = g_object_get_data (G_OBJECT (dialog), "amount-entry");
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  gint64 fen = 0;
  gint64 new_id = 0;

  if (g_strcmp0 (response, "supersede") != 0)
    return;
  from = parse_full_date (gtk_editable_get_text (from_entry));
  if (!sy_money_parse (gtk_editable_get_text (amount_entry), &fen, &error)
      || !sy_standard_repo_supersede (self->repo, sy_record_get_id (SY_RECORD (old)),
                                      from != NULL ? from : gtk_editable_get_text (from_entry),
                                      fen, &new_id, &error))
    {
      show_message (self, error->message, TRUE);
      reload (self, PAGE_STANDARDS, sy_record_get_id (SY_RECORD (old)));
      return;
    }
  hide_message (self);
  reload (self, PAGE_STANDARDS, new_id);
  {
    g_autofree char *text = g_strdup_printf (_("Superseded: the new standard applies from %s"), from);

    toast (self, text);
  }
}

static void
supersede_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyStandardsDialog *self = SY_STANDARDS_DIALOG (widget);
  SyRecord *record = selected_record (&self->pages[PAGE_STANDARDS]);
  SySubsidyStandard *s;
  g_autofree char *amount = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  AdwEntryRow *from_entry, *amount_entry;
  GtkWidget *list;

  if (current_page_id (self) != PAGE_STANDARDS || record == NULL)
    return;
  s = SY_SUBSIDY_STANDARD (record);
  amount = sy_money_format (sy_subsidy_standard_get_amount_fen (s));
  body = g_strdup_printf (_("%s for %s, %s yuan (%s) from %s, ends the day before the new "
                            "effective date; a copy with the new amount starts on it.  Runs "
                            "already paid keep the old standard."),
                          sy_subsidy_standard_get_kind (s), sy_subsidy_standard_get_category (s),
                          amount, period_label (sy_subsidy_standard_get_period (s)),
                          sy_subsidy_standard_get_effective_from (s));
  dialog = sy_ui_form_dialog_new (widget, _("Supersede Standard"), body, "supersede", _("_Supersede"),
                                  &list, NULL);
  /* Enter in a field must not supersede half-typed values. */
  adw_message_dialog_set_default_response (dialog, "cancel");
  from_entry = sy_ui_list_add_entry (list, _("New Effective Date (YYYY-MM-DD)"), NULL);
  amount_entry = sy_ui_list_add_entry (list, _("New Amount (元)"), amount);

  g_object_set_data_full (G_OBJECT (dialog), "standard", g_object_ref (s), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "from-entry", from_entry);
  g_object_set_data (G_OBJECT (dialog), "amount-entry", amount_entry);
  g_signal_connect_swapped (from_entry, "changed", G_CALLBACK (supersede_changed), dialog);
  g_signal_connect_swapped (amount_entry, "changed", G_CALLBACK (supersede_changed), dialog);
  supersede_changed (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (supersede_response), self, 0);
  hide_message (self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (from_entry));
}

/* --- delete ------------------------------------------------------------------------ */

static void
delete_response (AdwMessageDialog  *dialog,
                 const char        *response,
                 SyStandardsDialog *self)
{
  SyRecord *record = g_object_get_data (G_OBJECT (dialog), "record");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  ok = SY_IS_SUBSIDY_STANDARD (record)
       ? sy_standard_repo_delete (self->repo, sy_record_get_id (record), &error)
       : sy_standard_repo_delete_topup (self->repo, sy_record_get_id (record), &error);
  if (!ok)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  hide_message (self);
  reload (self, SY_IS_SUBSIDY_STANDARD (record) ? PAGE_STANDARDS : PAGE_TOPUPS, 0);
  toast (self, SY_IS_SUBSIDY_STANDARD (record) ? _("Standard deleted") : _("Top-up rule deleted"));
}

static void
delete_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyStandardsDialog *self = SY_STANDARDS_DIALOG (widget);
  SyRecord *record = selected_record (current_page (self));
  g_autofree char *body = NULL;
  const char *heading;
  AdwMessageDialog *dialog;

  if (record == NULL)
    return;
  if (SY_IS_SUBSIDY_STANDARD (record))
    {
      SySubsidyStandard *s = SY_SUBSIDY_STANDARD (record);

      body = g_strdup_printf (_("%s for %s from %s.  A standard that runs used cannot be "
                                "deleted: give it an end date instead."),
                              sy_subsidy_standard_get_kind (s), sy_subsidy_standard_get_category (s),
                              sy_subsidy_standard_get_effective_from (s));
      heading = _("Delete this Standard?");
    }
  else
    {
      SySubsidyTopup *t = SY_SUBSIDY_TOPUP (record);

      body = g_strdup_printf (_("%s: %s, +%d%% from %s."),
                              sy_subsidy_topup_get_kind (t), sy_subsidy_topup_get_condition (t),
                              sy_subsidy_topup_get_percent (t), sy_subsidy_topup_get_effective_from (t));
      heading = _("Delete this Top-up Rule?");
    }
  dialog = sy_ui_confirm (widget, heading, body, "delete", _("_Delete"), G_CALLBACK (delete_response), self);
  g_object_set_data_full (G_OBJECT (dialog), "record", g_object_ref (record), g_object_unref);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- CSV --------------------------------------------------------------------------- */

/* Issues shown at most; the rest are counted. */
#define MAX_ISSUES_SHOWN 30

void
sy_standards_dialog_import_file (SyStandardsDialog *self,
                                 GFile             *file)
{
  PageId id;
  g_autofree char *name = NULL;
  g_autoptr(SyCsvReader) reader = NULL;
  g_autoptr(SyTable) table = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *issues;
  guint rejected;
  gboolean ok;

  g_return_if_fail (SY_IS_STANDARDS_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  id = current_page_id (self);
  name = g_file_get_basename (file);
  reader = sy_csv_reader_new ();
  table = sy_csv_reader_read_file (reader, file, name, NULL, &error);
  if (table == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  ok = id == PAGE_STANDARDS ? sy_standard_repo_import (self->repo, table, FALSE, &error)
                            : sy_standard_repo_import_topups (self->repo, table, FALSE, &error);
  if (!ok)
    {
      show_message (self, error->message, TRUE);
      return;
    }

  issues = sy_standard_repo_get_issues (self->repo);
  rejected = sy_standard_repo_get_n_rejected (self->repo);
  if (rejected > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (text, ngettext ("Nothing was imported: %u row was rejected.",
                                                "Nothing was imported: %u rows were rejected.",
                                                rejected), rejected);
      for (guint i = 0; i < issues->len && i < MAX_ISSUES_SHOWN; i++)
        {
          g_autofree char *line = sy_import_issue_format (g_ptr_array_index (issues, i), name);

          g_string_append_printf (text, "\n%s", line);
        }
      if (issues->len > MAX_ISSUES_SHOWN)
        {
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("… and %u more"), issues->len - MAX_ISSUES_SHOWN);
        }
      show_message (self, text->str, TRUE);
      return;
    }

  {
    g_autofree char *text = g_strdup_printf (_("Imported %s: %u added, %u updated, %u unchanged."),
                                             name,
                                             sy_standard_repo_get_n_added (self->repo),
                                             sy_standard_repo_get_n_updated (self->repo),
                                             sy_standard_repo_get_n_unchanged (self->repo));

    show_message (self, text, FALSE);
  }
  {
    SyRecord *keep = selected_record (&self->pages[id]);

    reload (self, id, keep != NULL ? sy_record_get_id (keep) : 0);
  }
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  return filter;
}

static void
import_response (GtkNativeDialog   *chooser,
                 int                response,
                 SyStandardsDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        sy_standards_dialog_import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
import_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyStandardsDialog *self = SY_STANDARDS_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_filter ();

  chooser = gtk_file_chooser_native_new (current_page_id (self) == PAGE_STANDARDS
                                         ? _("Import Standards") : _("Import Top-up Rules"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_response (GtkNativeDialog   *chooser,
                 int                response,
                 SyStandardsDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      guint n = 0;
      gboolean topups = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "topups"));

      if (file != NULL
          && !(topups ? sy_standard_repo_export_topups : sy_standard_repo_export) (self->repo, file,
                                                                                   &n, &error))
        show_message (self, error->message, TRUE);
      else if (file != NULL)
        {
          g_autofree char *name = g_file_get_parse_name (file);
          g_autofree char *text = g_strdup_printf (_("Exported %u rows to %s"), n, name);

          show_message (self, text, FALSE);
        }
    }
  g_object_unref (chooser);
}

static void
export_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SyStandardsDialog *self = SY_STANDARDS_DIALOG (widget);
  gboolean topups = current_page_id (self) == PAGE_TOPUPS;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_filter ();

  chooser = gtk_file_chooser_native_new (topups ? _("Export Top-up Rules") : _("Export Standards"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* The file names are data a county shares, so Chinese like the titles. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     topups ? "加发规则.csv" : "优抚标准.csv");
  g_object_set_data (G_OBJECT (chooser), "topups", GINT_TO_POINTER (topups));
  g_signal_connect (chooser, "response", G_CALLBACK (export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
dismiss_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hide_message (SY_STANDARDS_DIALOG (widget));
}

/* --- closing ------------------------------------------------------------------------- */

static gboolean
sy_standards_dialog_close_request (GtkWindow *window)
{
  SyStandardsDialog *self = SY_STANDARDS_DIALOG (window);

  if (self->closing
      || (!self->pages[PAGE_STANDARDS].touched && !self->pages[PAGE_TOPUPS].touched))
    return GTK_WINDOW_CLASS (sy_standards_dialog_parent_class)->close_request (window);

  return sy_ui_confirm_discard (window, _("The form has changes that have not been saved."),
                                &self->closing);
}

/* --- public ---------------------------------------------------------------------------- */

GtkWidget *
sy_standards_dialog_new (GtkWindow  *parent,
                         SyDatabase *db)
{
  SyStandardsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_STANDARDS_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->repo = sy_standard_repo_new (db);
  reload (self, PAGE_STANDARDS, 0);
  reload (self, PAGE_TOPUPS, 0);
  update_actions (self);
  return GTK_WIDGET (self);
}

void
sy_standards_dialog_show_page (SyStandardsDialog *self,
                               const char        *page)
{
  g_return_if_fail (SY_IS_STANDARDS_DIALOG (self));
  adw_view_stack_set_visible_child_name (self->view_stack, page);
}

gboolean
sy_standards_dialog_select (SyStandardsDialog *self,
                            gint64             id)
{
  g_return_val_if_fail (SY_IS_STANDARDS_DIALOG (self), FALSE);
  return select_id (current_page (self), id);
}

SyRecord *
sy_standards_dialog_get_selected (SyStandardsDialog *self)
{
  g_return_val_if_fail (SY_IS_STANDARDS_DIALOG (self), NULL);
  return selected_record (current_page (self));
}

gboolean
sy_standards_dialog_is_locked (SyStandardsDialog *self,
                               gint64             id)
{
  g_return_val_if_fail (SY_IS_STANDARDS_DIALOG (self), FALSE);
  return g_hash_table_contains (current_page (self)->locked, &id);
}

typedef struct {
  const char *name;
  gsize       widget;   /* offsets into SyStandardsDialog */
  gssize      error;    /* -1: no message row */
} Field;

#define FIELD(name, w, e) { name, G_STRUCT_OFFSET (SyStandardsDialog, w), e }
#define MSG(e) G_STRUCT_OFFSET (SyStandardsDialog, e)

static const Field fields[] = {
  FIELD ("kind", kind_row, MSG (kind_error_row)),
  FIELD ("category", category_row, MSG (category_error_row)),
  FIELD ("grade", grade_row, -1),
  FIELD ("nature", nature_row, -1),
  FIELD ("hukou", hukou_row, -1),
  FIELD ("amount", amount_row, MSG (amount_error_row)),
  FIELD ("period", period_row, -1),
  FIELD ("from", from_row, MSG (from_error_row)),
  FIELD ("to", to_row, MSG (to_error_row)),
  FIELD ("household", household_switch, -1),
  FIELD ("topup-kind", topup_kind_row, MSG (topup_kind_error_row)),
  FIELD ("condition", condition_row, MSG (condition_error_row)),
  FIELD ("percent", percent_spin, -1),
  FIELD ("topup-from", topup_from_row, MSG (topup_from_error_row)),
  FIELD ("topup-to", topup_to_row, MSG (topup_to_error_row)),
};

static const Field *
find_field (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return &fields[i];
  return NULL;
}

GtkWidget *
sy_standards_dialog_get_field (SyStandardsDialog *self,
                               const char        *field)
{
  const Field *f = find_field (field);

  g_return_val_if_fail (SY_IS_STANDARDS_DIALOG (self), NULL);
  return f != NULL ? G_STRUCT_MEMBER (GtkWidget *, self, f->widget) : NULL;
}

const char *
sy_standards_dialog_get_field_message (SyStandardsDialog *self,
                                       const char        *field)
{
  const Field *f = find_field (field);

  g_return_val_if_fail (SY_IS_STANDARDS_DIALOG (self), "");
  if (f == NULL || f->error < 0)
    return "";
  return sy_ui_field_get_message (G_STRUCT_MEMBER (AdwActionRow *, self, f->error));
}

const char *
sy_standards_dialog_get_message (SyStandardsDialog *self)
{
  g_return_val_if_fail (SY_IS_STANDARDS_DIALOG (self), "");
  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return "";
  return gtk_label_get_text (self->message_label);
}

/* --- class ------------------------------------------------------------------------------ */

static void
sy_standards_dialog_dispose (GObject *object)
{
  SyStandardsDialog *self = SY_STANDARDS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_STANDARDS_DIALOG);
  G_OBJECT_CLASS (sy_standards_dialog_parent_class)->dispose (object);
}

static void
sy_standards_dialog_finalize (GObject *object)
{
  SyStandardsDialog *self = SY_STANDARDS_DIALOG (object);

  for (guint i = 0; i < N_PAGES; i++)
    {
      g_clear_object (&self->pages[i].store);
      g_clear_object (&self->pages[i].editing);
      g_clear_pointer (&self->pages[i].locked, g_hash_table_unref);
    }
  g_clear_object (&self->repo);
  g_clear_object (&self->db);
  G_OBJECT_CLASS (sy_standards_dialog_parent_class)->finalize (object);
}

static void
sy_standards_dialog_class_init (SyStandardsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sy_standards_dialog_dispose;
  object_class->finalize = sy_standards_dialog_finalize;
  window_class->close_request = sy_standards_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-standards-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SyStandardsDialog, name)
  BIND (toast_overlay);
  BIND (message_revealer);
  BIND (message_label);
  BIND (view_stack);
  BIND (standards_view);
  BIND (lock_column);
  BIND (kind_column);
  BIND (category_column);
  BIND (applies_column);
  BIND (amount_column);
  BIND (period_column);
  BIND (from_column);
  BIND (to_column);
  BIND (standards_form);
  BIND (standards_lock_group);
  BIND (standards_lock_row);
  BIND (kind_row);
  BIND (kind_error_row);
  BIND (category_row);
  BIND (category_error_row);
  BIND (grade_row);
  BIND (nature_row);
  BIND (hukou_row);
  BIND (amount_row);
  BIND (amount_error_row);
  BIND (period_row);
  BIND (from_row);
  BIND (from_error_row);
  BIND (to_row);
  BIND (to_error_row);
  BIND (household_row);
  BIND (household_switch);
  BIND (topups_view);
  BIND (topup_lock_column);
  BIND (topup_kind_column);
  BIND (condition_column);
  BIND (percent_column);
  BIND (topup_from_column);
  BIND (topup_to_column);
  BIND (topups_form);
  BIND (topups_lock_group);
  BIND (topups_lock_row);
  BIND (topup_kind_row);
  BIND (topup_kind_error_row);
  BIND (condition_row);
  BIND (condition_error_row);
  BIND (percent_row);
  BIND (percent_spin);
  BIND (topup_from_row);
  BIND (topup_from_error_row);
  BIND (topup_to_row);
  BIND (topup_to_error_row);
#undef BIND

  gtk_widget_class_install_action (widget_class, "standards.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "standards.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "standards.supersede", NULL, supersede_activated);
  gtk_widget_class_install_action (widget_class, "standards.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "standards.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "standards.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "standards.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "standards.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "standards.dismiss", NULL, dismiss_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "standards.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
init_page (SyStandardsDialog *self, PageId id, GtkColumnView *view, AdwPreferencesGroup *form,
           AdwPreferencesGroup *lock_group, AdwActionRow *lock_row, GCallback on_selected)
{
  Page *page = &self->pages[id];
  GtkSortListModel *sorted;

  page->view = view;
  page->form = form;
  page->lock_group = lock_group;
  page->lock_row = lock_row;
  page->locked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  page->store = g_list_store_new (id == PAGE_STANDARDS ? SY_TYPE_SUBSIDY_STANDARD : SY_TYPE_SUBSIDY_TOPUP);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (page->store)),
                                    g_object_ref (gtk_column_view_get_sorter (view)));
  page->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (page->selection));
  g_object_unref (page->selection);   /* the view keeps it */
  g_signal_connect_object (page->selection, "notify::selected-item", on_selected, self,
                           G_CONNECT_SWAPPED);
}

static GtkStringList *
string_list (const char * const *items)
{
  return gtk_string_list_new (items);
}

static void
sy_standards_dialog_init (SyStandardsDialog *self)
{
  g_autoptr(GtkStringList) grades = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) nature_list = string_list (natures);
  g_autoptr(GtkStringList) hukou_list = string_list (hukous);
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (grades, "—");
  for (int i = 1; i <= 10; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Grade %d"), i);

      gtk_string_list_append (grades, label);
    }
  adw_combo_row_set_model (self->grade_row, G_LIST_MODEL (grades));
  adw_combo_row_set_model (self->nature_row, G_LIST_MODEL (nature_list));
  adw_combo_row_set_model (self->hukou_row, G_LIST_MODEL (hukou_list));
  for (guint i = 0; i < G_N_ELEMENTS (period_labels); i++)
    gtk_string_list_append (periods, _(period_labels[i]));
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (periods));

  init_page (self, PAGE_STANDARDS, self->standards_view, self->standards_form,
             self->standards_lock_group, self->standards_lock_row,
             G_CALLBACK (standards_selection_changed));
  init_page (self, PAGE_TOPUPS, self->topups_view, self->topups_form,
             self->topups_lock_group, self->topups_lock_row,
             G_CALLBACK (topups_selection_changed));

  bind_lock_column (self->lock_column, &self->pages[PAGE_STANDARDS]);
  bind_text_column (self->kind_column, standard_kind_text, FALSE);
  bind_text_column (self->category_column, standard_category_text, FALSE);
  bind_text_column (self->applies_column, standard_applies_text, FALSE);
  bind_text_column (self->amount_column, standard_amount_text, TRUE);
  bind_text_column (self->period_column, standard_period_text, FALSE);
  bind_text_column (self->from_column, standard_from_text, FALSE);
  bind_text_column (self->to_column, standard_to_text, FALSE);
  set_sorter (self->kind_column, SY_TYPE_SUBSIDY_STANDARD, "kind", FALSE);
  set_sorter (self->category_column, SY_TYPE_SUBSIDY_STANDARD, "category", FALSE);
  set_sorter (self->amount_column, SY_TYPE_SUBSIDY_STANDARD, "amount-fen", TRUE);
  set_sorter (self->from_column, SY_TYPE_SUBSIDY_STANDARD, "effective-from", FALSE);

  bind_lock_column (self->topup_lock_column, &self->pages[PAGE_TOPUPS]);
  bind_text_column (self->topup_kind_column, topup_kind_text, FALSE);
  bind_text_column (self->condition_column, topup_condition_text, FALSE);
  bind_text_column (self->percent_column, topup_percent_text, TRUE);
  bind_text_column (self->topup_from_column, topup_from_text, FALSE);
  bind_text_column (self->topup_to_column, topup_to_text, FALSE);
  set_sorter (self->topup_kind_column, SY_TYPE_SUBSIDY_TOPUP, "kind", FALSE);
  set_sorter (self->condition_column, SY_TYPE_SUBSIDY_TOPUP, "condition", FALSE);
  set_sorter (self->percent_column, SY_TYPE_SUBSIDY_TOPUP, "percent", TRUE);
  set_sorter (self->topup_from_column, SY_TYPE_SUBSIDY_TOPUP, "effective-from", FALSE);

  {
    GtkWidget *changed_entries[] = {
      GTK_WIDGET (self->kind_row), GTK_WIDGET (self->category_row), GTK_WIDGET (self->amount_row),
      GTK_WIDGET (self->from_row), GTK_WIDGET (self->to_row), GTK_WIDGET (self->topup_kind_row),
      GTK_WIDGET (self->condition_row), GTK_WIDGET (self->topup_from_row),
      GTK_WIDGET (self->topup_to_row), GTK_WIDGET (self->percent_spin),
    };
    GtkWidget *combos[] = {
      GTK_WIDGET (self->grade_row), GTK_WIDGET (self->nature_row), GTK_WIDGET (self->hukou_row),
      GTK_WIDGET (self->period_row),
    };

    for (guint i = 0; i < G_N_ELEMENTS (changed_entries); i++)
      g_signal_connect_swapped (changed_entries[i], "changed", G_CALLBACK (form_changed), self);
    for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
      g_signal_connect_swapped (combos[i], "notify::selected", G_CALLBACK (form_changed), self);
    g_signal_connect_swapped (self->household_switch, "notify::active", G_CALLBACK (form_changed), self);
  }
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (page_changed), self);

  for (guint i = 0; i < N_PAGES; i++)
    update_form_state (self, i);
}
