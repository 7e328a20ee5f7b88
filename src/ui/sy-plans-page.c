/* sy-plans-page.c: the Plans view: yearly work plans and their outlines */
#include <glib/gi18n.h>

#include "sy-plan-import-dialog.h"
#include "sy-plans-page.h"
#include "sy-ui-util.h"
#include "sy-window.h"

/* Indentation per outline level, in pixels. */
#define OUTLINE_INDENT 24

struct _SyPlansPage
{
  AdwBin parent_instance;

  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *year_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *items_column;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *plan_group;
  AdwPreferencesGroup *preface_group;
  AdwPreferencesGroup *outline_group;

  SyDatabase          *db;
  GtkSingleSelection  *selection;
};

G_DEFINE_FINAL_TYPE (SyPlansPage, sy_plans_page, ADW_TYPE_BIN)

static char *
item_subtitle (SyPlanItem *item)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *time_node = sy_plan_item_get_time_node (item);
  const char *due = sy_plan_item_get_due_date (item);
  const char *responsible = sy_plan_item_get_responsible (item);
  const char *status = sy_plan_item_get_status (item);

  if (time_node != NULL && *time_node != '\0')
    g_ptr_array_add (parts, g_strdup (time_node));
  if (due != NULL && *due != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("due %s"), due));
  if (responsible != NULL && *responsible != '\0')
    g_ptr_array_add (parts, g_strdup (responsible));
  if (status != NULL && *status != '\0')
    g_ptr_array_add (parts, g_strdup (sy_ui_status_label (status)));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
show_outline (SyPlansPage *self,
              SyPlan      *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = sy_queries_plan_items (self->db,
                                                       sy_record_get_id (SY_RECORD (plan)),
                                                       &error);
  guint n;
  int top_level = G_MAXINT;

  if (items == NULL)
    {
      sy_ui_group_add_row (self->outline_group, _("The outline could not be read"),
                           error->message);
      return;
    }

  n = g_list_model_get_n_items (items);
  if (n == 0)
    {
      sy_ui_group_add_row (self->outline_group, _("This plan has no items yet"), NULL);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (items, i);
      top_level = MIN (top_level, sy_plan_item_get_level (item));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyPlanItem) item = g_list_model_get_item (items, i);
      int depth = sy_plan_item_get_level (item) - top_level;
      const char *label = sy_plan_item_get_label (item);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = item_subtitle (item);
      AdwActionRow *row;

      /* Outline labels carry their own punctuation (一、 （一） 1、 1.). */
      title = g_strconcat (label != NULL ? label : "", sy_plan_item_get_title (item), NULL);
      row = sy_ui_group_add_row (self->outline_group, title, subtitle);
      if (depth == 0)
        gtk_widget_add_css_class (GTK_WIDGET (row), "outline-heading");
      else
        {
          GtkWidget *indent = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

          gtk_widget_set_size_request (indent, depth * OUTLINE_INDENT, -1);
          adw_action_row_add_prefix (row, indent);
        }
    }
}

static void
show_selected (SyPlansPage *self)
{
  SyPlan *plan = self->selection != NULL
                 ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  g_autofree char *year = NULL;
  g_autofree char *count = NULL;

  sy_ui_group_clear (self->plan_group);
  sy_ui_group_clear (self->preface_group);
  sy_ui_group_clear (self->outline_group);
  if (plan == NULL)
    return;

  year = g_strdup_printf ("%d", sy_plan_get_year (plan));
  count = g_strdup_printf ("%d", sy_plan_get_item_count (plan));
  sy_ui_group_add_field (self->plan_group, _("Title"), sy_plan_get_title (plan));
  sy_ui_group_add_field (self->plan_group, _("Year"), year);
  sy_ui_group_add_field (self->plan_group, _("Items"), count);
  sy_ui_group_add_text (self->preface_group, sy_plan_get_preface (plan));
  show_outline (self, plan);
}

void
sy_plans_page_set_database (SyPlansPage *self,
                            SyDatabase  *db)
{
  g_autoptr(GError) error = NULL;
  SyQueryModel *model;

  g_return_if_fail (SY_IS_PLANS_PAGE (self));
  g_return_if_fail (SY_IS_DATABASE (db));

  g_set_object (&self->db, db);
  model = sy_queries_plans (db, &error);
  self->selection = sy_ui_list_show_query (self->column_view, self->stack, self->empty_page,
                                           model, error, G_CALLBACK (show_selected), self);
  show_selected (self);
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

  if (self->db != NULL)
    sy_plans_page_set_database (self, self->db);
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
  GtkRoot *root = gtk_widget_get_root (widget);
  SyPlanImportDialog *dialog;

  if (self->db == NULL)
    return;
  dialog = sy_plan_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->db);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (plan_imported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
import_shortcut (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  /* The shortcut is window-wide (Ctrl+I also imports recipients on their
   * tab); only the page on screen takes it. */
  if (!gtk_widget_get_mapped (widget) || SY_PLANS_PAGE (widget)->db == NULL)
    return FALSE;
  gtk_widget_activate_action (widget, "plans.import", NULL);
  return TRUE;
}

static void
sy_plans_page_dispose (GObject *object)
{
  SyPlansPage *self = SY_PLANS_PAGE (object);

  self->selection = NULL;
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sy_plans_page_parent_class)->dispose (object);
}

static void
sy_plans_page_class_init (SyPlansPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_plans_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-plans-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, year_column);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, items_column);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, plan_group);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, preface_group);
  gtk_widget_class_bind_template_child (widget_class, SyPlansPage, outline_group);

  gtk_widget_class_install_action (widget_class, "plans.import", NULL, import_activated);
}

static void
sy_plans_page_init (SyPlansPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_i, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (import_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  sy_ui_column_bind (self->year_column, "year", SY_CELL_YEAR);
  sy_ui_column_bind (self->title_column, "title", SY_CELL_TEXT);
  sy_ui_column_bind (self->items_column, "item-count", SY_CELL_INT);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
