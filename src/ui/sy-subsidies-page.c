/* sy-subsidies-page.c: the Subsidies view: disbursement runs, payees, standards */
#include <glib/gi18n.h>

#include "sy-subsidies-page.h"
#include "sy-ui-util.h"

struct _SySubsidiesPage
{
  AdwBin parent_instance;

  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *period_column;
  GtkColumnViewColumn *count_column;
  GtkColumnViewColumn *total_column;
  GtkColumnViewColumn *state_column;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *batch_group;
  AdwPreferencesGroup *lines_group;
  GtkColumnView       *lines_view;
  GtkColumnViewColumn *line_name_column;
  GtkColumnViewColumn *line_id_column;
  GtkColumnViewColumn *line_standard_column;
  GtkColumnViewColumn *line_months_column;
  GtkColumnViewColumn *line_amount_column;
  AdwPreferencesGroup *standards_group;

  SyDatabase          *db;
  GtkSingleSelection  *selection;
};

G_DEFINE_FINAL_TYPE (SySubsidiesPage, sy_subsidies_page, ADW_TYPE_BIN)

static void
set_lines (SySubsidiesPage *self,
           GListModel      *lines)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  if (lines == NULL)
    lines = G_LIST_MODEL (g_list_store_new (SY_TYPE_DISBURSEMENT_LINE));
  selection = gtk_no_selection_new (lines);
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (selection));
}

static void
show_selected (SySubsidiesPage *self)
{
  SyDisbursementBatch *batch = self->selection != NULL
                               ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *total = NULL;
  g_autofree char *total_words = NULL;
  GListModel *lines;
  AdwPreferencesGroup *g = self->batch_group;

  sy_ui_group_clear (self->batch_group);
  adw_preferences_group_set_description (self->lines_group, NULL);
  if (batch == NULL)
    {
      set_lines (self, NULL);
      return;
    }

  count = g_strdup_printf ("%d", sy_disbursement_batch_get_line_count (batch));
  total = sy_money_format (sy_disbursement_batch_get_total_fen (batch));
  total_words = sy_money_to_chinese (sy_disbursement_batch_get_total_fen (batch), NULL);

  sy_ui_group_add_field (g, _("Title"), sy_disbursement_batch_get_title (batch));
  sy_ui_group_add_field (g, _("Kind"), sy_disbursement_batch_get_kind (batch));
  sy_ui_group_add_field (g, _("Period"), sy_disbursement_batch_get_period (batch));
  sy_ui_group_add_field (g, _("State"),
                         sy_ui_status_label (sy_disbursement_batch_get_state (batch)));
  sy_ui_group_add_field (g, _("Paid On"), sy_disbursement_batch_get_paid_date (batch));
  sy_ui_group_add_field (g, _("Voucher Number"), sy_disbursement_batch_get_voucher_no (batch));
  sy_ui_group_add_field (g, _("Payees"), count);
  sy_ui_group_add_field (g, _("Total"), total);
  /* The 大写 total is what the printed roster shows under the figures. */
  sy_ui_group_add_field (g, _("Total in Words"), total_words);

  lines = sy_queries_batch_lines (self->db, sy_record_get_id (SY_RECORD (batch)), &error);
  if (lines == NULL)
    adw_preferences_group_set_description (self->lines_group, error->message);
  set_lines (self, lines);
}

static void
show_standards (SySubsidiesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) standards = sy_queries_standards (self->db, &error);
  guint n;

  sy_ui_group_clear (self->standards_group);
  if (standards == NULL)
    {
      sy_ui_group_add_row (self->standards_group, _("The standards could not be read"),
                           error->message);
      return;
    }

  n = g_list_model_get_n_items (standards);
  if (n == 0)
    sy_ui_group_add_row (self->standards_group, _("No standards recorded"), NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SySubsidyStandard) standard = g_list_model_get_item (standards, i);
      g_autoptr(GPtrArray) title = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) subtitle = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *title_text = NULL;
      g_autofree char *subtitle_text = NULL;
      g_autofree char *figures = sy_money_format (sy_subsidy_standard_get_amount_fen (standard));
      const char *period = sy_subsidy_standard_get_period (standard);
      g_autofree char *amount = NULL;
      const char *nature = sy_subsidy_standard_get_disability_nature (standard);
      const char *hukou = sy_subsidy_standard_get_hukou (standard);
      const char *until = sy_subsidy_standard_get_effective_to (standard);
      int grade = sy_subsidy_standard_get_disability_grade (standard);
      GtkWidget *label;
      AdwActionRow *row;

      g_ptr_array_add (title, g_strdup (sy_subsidy_standard_get_category (standard)));
      if (grade > 0)
        g_ptr_array_add (title, g_strdup_printf (_("grade %d"), grade));
      if (nature != NULL && *nature != '\0')
        g_ptr_array_add (title, g_strdup (nature));
      if (hukou != NULL && *hukou != '\0')
        g_ptr_array_add (title, g_strdup (hukou));
      g_ptr_array_add (title, NULL);
      title_text = g_strjoinv (" · ", (char **) title->pdata);

      g_ptr_array_add (subtitle, g_strdup (sy_subsidy_standard_get_kind (standard)));
      if (until != NULL && *until != '\0')
        g_ptr_array_add (subtitle, g_strdup_printf (_("%s to %s"),
                                                    sy_subsidy_standard_get_effective_from (standard),
                                                    until));
      else
        g_ptr_array_add (subtitle, g_strdup_printf (_("from %s"),
                                                    sy_subsidy_standard_get_effective_from (standard)));
      g_ptr_array_add (subtitle, NULL);
      subtitle_text = g_strjoinv (" · ", (char **) subtitle->pdata);

      /* Per period, as offices say it: "2,480.00/月". */
      amount = period != NULL && *period != '\0'
               ? g_strdup_printf (C_("amount per period", "%s/%s"), figures, period)
               : g_strdup (figures);
      row = sy_ui_group_add_row (self->standards_group, title_text, subtitle_text);
      label = gtk_label_new (amount);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (row, label);
    }
}

void
sy_subsidies_page_set_database (SySubsidiesPage *self,
                                SyDatabase      *db)
{
  g_autoptr(GError) error = NULL;
  SyQueryModel *model;

  g_return_if_fail (SY_IS_SUBSIDIES_PAGE (self));
  g_return_if_fail (SY_IS_DATABASE (db));

  g_set_object (&self->db, db);
  show_standards (self);
  model = sy_queries_batches (db, &error);
  self->selection = sy_ui_list_show_query (self->column_view, self->stack, self->empty_page,
                                           model, error, G_CALLBACK (show_selected), self);
  show_selected (self);
}

static void
sy_subsidies_page_dispose (GObject *object)
{
  SySubsidiesPage *self = SY_SUBSIDIES_PAGE (object);

  self->selection = NULL;
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sy_subsidies_page_parent_class)->dispose (object);
}

static void
sy_subsidies_page_class_init (SySubsidiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_subsidies_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-subsidies-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, period_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, count_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, total_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, state_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, batch_group);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, lines_group);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, lines_view);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_name_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_id_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_standard_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_months_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, line_amount_column);
  gtk_widget_class_bind_template_child (widget_class, SySubsidiesPage, standards_group);
}

static void
sy_subsidies_page_init (SySubsidiesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  sy_ui_column_bind (self->title_column, "title", SY_CELL_TEXT);
  sy_ui_column_bind (self->kind_column, "kind", SY_CELL_TEXT);
  sy_ui_column_bind (self->period_column, "period", SY_CELL_TEXT);
  sy_ui_column_bind (self->count_column, "line-count", SY_CELL_INT);
  sy_ui_column_bind (self->total_column, "total-fen", SY_CELL_MONEY);
  sy_ui_column_bind (self->state_column, "state", SY_CELL_STATUS);

  sy_ui_column_bind (self->line_name_column, "recipient-name", SY_CELL_TEXT);
  sy_ui_column_bind (self->line_id_column, "id-number", SY_CELL_ID_MASKED);
  sy_ui_column_bind (self->line_standard_column, "standard-fen", SY_CELL_MONEY);
  sy_ui_column_bind (self->line_months_column, "months", SY_CELL_INT);
  sy_ui_column_bind (self->line_amount_column, "amount-fen", SY_CELL_MONEY);
  set_lines (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
