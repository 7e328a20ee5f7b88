/* sy-unit-plans-dialog.c: which sub-units have submitted their plan */
#include <glib/gi18n.h>

#include "sy-unit-plans-dialog.h"

struct _SyUnitPlansDialog
{
  AdwWindow       parent_instance;

  GtkSpinButton  *year_spin;
  GtkLabel       *summary;
  GtkListBox     *list;

  SyDatabase     *db;
  guint           n_units;
  guint           n_submitted;
};

G_DEFINE_FINAL_TYPE (SyUnitPlansDialog, sy_unit_plans_dialog, ADW_TYPE_WINDOW)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
reload (SyUnitPlansDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyUnit) office = NULL;
  g_autoptr(GdaDataModel) model = NULL;
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  g_autofree char *text = NULL;

  clear_list (self->list);
  self->n_units = self->n_submitted = 0;
  office = sy_queries_office (self->db, &error);
  if (office != NULL)
    model = sy_queries_sub_unit_plans (self->db, sy_record_get_id (SY_RECORD (office)), year, &error);
  if (model == NULL)
    {
      gtk_label_set_text (self->summary, error != NULL ? error->message : _("The office is not set up yet."));
      return;
    }

  self->n_units = gda_data_model_get_n_rows (model);
  for (guint row = 0; row < self->n_units; row++)
    {
      const GValue *name = gda_data_model_get_value_at (model, 1, row, NULL);
      const GValue *n_plans = gda_data_model_get_value_at (model, 3, row, NULL);
      gboolean submitted = n_plans != NULL && G_VALUE_HOLDS_INT64 (n_plans) && g_value_get_int64 (n_plans) > 0;
      GtkWidget *item = adw_action_row_new ();
      GtkWidget *status = gtk_label_new (submitted ? _("Submitted") : _("Not submitted"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item),
                                     name != NULL && G_VALUE_HOLDS_STRING (name) ? g_value_get_string (name) : "");
      gtk_widget_add_css_class (status, submitted ? "success" : "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (item), status);
      gtk_list_box_append (self->list, item);
      self->n_submitted += submitted;
    }
  if (self->n_units == 0)
    text = g_strdup (_("The office has no sub-units."));
  else
    /* Translators: e.g. 2025年：5 个下级单位中 3 个已报送计划 */
    text = g_strdup_printf (ngettext ("%d: %u of %u sub-unit has submitted its plan",
                                      "%d: %u of %u sub-units have submitted their plan",
                                      self->n_units),
                            year, self->n_submitted, self->n_units);
  gtk_label_set_text (self->summary, text);
}

static void
sy_unit_plans_dialog_finalize (GObject *object)
{
  SyUnitPlansDialog *self = SY_UNIT_PLANS_DIALOG (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (sy_unit_plans_dialog_parent_class)->finalize (object);
}

static void
sy_unit_plans_dialog_class_init (SyUnitPlansDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_unit_plans_dialog_finalize;
}

static void
sy_unit_plans_dialog_init (SyUnitPlansDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *year_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_window_set_title (GTK_WINDOW (self), _("Sub-Unit Plans"));
  gtk_window_set_default_size (GTK_WINDOW (self), 420, 520);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1950, 2100, 1));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->year_spin), 5);
  gtk_box_append (GTK_BOX (year_row), gtk_label_new (_("Year")));
  gtk_box_append (GTK_BOX (year_row), GTK_WIDGET (self->year_spin));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), year_row);
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_vexpand (content, TRUE);
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->summary));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), scrolled);
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (self), box);
}

SyUnitPlansDialog *
sy_unit_plans_dialog_new (GtkWindow  *parent,
                          SyDatabase *db,
                          int         year)
{
  SyUnitPlansDialog *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_UNIT_PLANS_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  gtk_spin_button_set_value (self->year_spin, year);
  reload (self);
  /* Connected after the first load: set_value above reloads nothing twice. */
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (reload), self);
  return self;
}

void
sy_unit_plans_dialog_set_year (SyUnitPlansDialog *self,
                               int                year)
{
  g_return_if_fail (SY_IS_UNIT_PLANS_DIALOG (self));
  gtk_spin_button_set_value (self->year_spin, year);
}

guint
sy_unit_plans_dialog_get_n_units (SyUnitPlansDialog *self)
{
  g_return_val_if_fail (SY_IS_UNIT_PLANS_DIALOG (self), 0);
  return self->n_units;
}

guint
sy_unit_plans_dialog_get_n_submitted (SyUnitPlansDialog *self)
{
  g_return_val_if_fail (SY_IS_UNIT_PLANS_DIALOG (self), 0);
  return self->n_submitted;
}
