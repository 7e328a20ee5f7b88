/* sy-recipients-page.c: the Recipients view: 优抚对象 with categories and history */
#include <glib/gi18n.h>

#include "sy-recipients-page.h"
#include "sy-ui-util.h"

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
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *person_group;
  AdwPreferencesGroup *categories_group;
  AdwPreferencesGroup *support_group;
  AdwPreferencesGroup *bank_group;
  AdwPreferencesGroup *history_group;

  SyDatabase          *db;
  GtkSingleSelection  *selection;
};

G_DEFINE_FINAL_TYPE (SyRecipientsPage, sy_recipients_page, ADW_TYPE_BIN)

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
  if (person == NULL)
    return;

  /* The detail is for office staff: full ID number and account; the list,
   * which anyone near the screen can read, shows them masked. */
  g = self->person_group;
  sy_ui_group_add_field (g, _("Name"), sy_recipient_get_name (person));
  sy_ui_group_add_field (g, _("Sex"), sy_recipient_get_sex (person));
  sy_ui_group_add_field (g, _("Ethnicity"), sy_recipient_get_ethnicity (person));
  sy_ui_group_add_field (g, _("ID Number"), sy_recipient_get_id_number (person));
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

void
sy_recipients_page_set_database (SyRecipientsPage *self,
                                 SyDatabase       *db)
{
  g_autoptr(GError) error = NULL;
  SyQueryModel *model;

  g_return_if_fail (SY_IS_RECIPIENTS_PAGE (self));
  g_return_if_fail (SY_IS_DATABASE (db));

  g_set_object (&self->db, db);
  model = sy_queries_recipients (db, &error);
  if (model == NULL)
    adw_status_page_set_description (self->empty_page, error->message);
  self->selection = sy_ui_list_set_model (self->column_view, self->stack,
                                          G_LIST_MODEL (model),
                                          G_CALLBACK (show_selected), self);
  show_selected (self);
}

static void
sy_recipients_page_dispose (GObject *object)
{
  SyRecipientsPage *self = SY_RECIPIENTS_PAGE (object);

  self->selection = NULL;
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
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, person_group);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, categories_group);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, support_group);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, bank_group);
  gtk_widget_class_bind_template_child (widget_class, SyRecipientsPage, history_group);
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
}
