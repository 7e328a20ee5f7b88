/* sy-new-plan-dialog.c: starting an empty yearly plan of the office
 *
 * A form in a message dialog (sy_ui_form_dialog_new's layout, built on a
 * subclass so that tests and the page can drive it).  The duplicate check
 * runs as the year changes, so the user learns before pressing Create;
 * the repository checks again when creating.
 */
#include <glib/gi18n.h>

#include "sy-new-plan-dialog.h"
#include "sy-ui-util.h"

struct _SyNewPlanDialog
{
  AdwMessageDialog parent_instance;

  SyDatabase    *db;
  gint64         office_id;
  char          *office_name;
  GtkSpinButton *year_spin;
  AdwEntryRow   *title_row;
  GtkLabel      *message;
  char          *default_title;   /* what the title row says until typed over */
};

G_DEFINE_FINAL_TYPE (SyNewPlanDialog, sy_new_plan_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum { CREATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_message (SyNewPlanDialog *self, const char *text)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL && *text != '\0');
}

/* Says whether the plan can be created as the fields stand. */
static void
validate (SyNewPlanDialog *self)
{
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  g_autofree char *title = sy_ui_entry_value (GTK_EDITABLE (self->title_row));
  g_autoptr(SyPlanRepo) repo = sy_plan_repo_new (self->db);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 existing = 0;

  if (!sy_plan_repo_find_plan (repo, self->office_id, year, &existing, &error))
    text = g_strdup (error->message);
  else if (existing != 0)
    {
      g_autoptr(SyPlan) other = sy_database_load (self->db, SY_TYPE_PLAN, existing, NULL);

      text = g_strdup_printf (_("There is already a plan for %d: “%s”"), year,
                              other != NULL ? sy_plan_get_title (other) : "");
    }
  else if (title == NULL)
    text = g_strdup (_("A plan needs a title"));
  set_message (self, text);
  sy_ui_set_invalid (GTK_WIDGET (self->year_spin), existing != 0);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", text == NULL);
}

static void
year_changed (SyNewPlanDialog *self)
{
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));

  /* The title follows the year until the user has written one. */
  g_free (self->default_title);
  /* Translators: the default title of a new plan: the office's name, then
   * the year, e.g. 某某县双拥办2026年双拥工作计划 */
  self->default_title = g_strdup_printf (_("%s%d Support Work Plan"), self->office_name, year);
  if (g_object_get_data (G_OBJECT (self->title_row), "typed") == NULL)
    {
      g_object_set_data (G_OBJECT (self->title_row), "setting", GINT_TO_POINTER (1));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->default_title);
      g_object_set_data (G_OBJECT (self->title_row), "setting", NULL);
    }
  validate (self);
}

static void
title_changed (SyNewPlanDialog *self)
{
  if (g_object_get_data (G_OBJECT (self->title_row), "setting") == NULL)
    g_object_set_data (G_OBJECT (self->title_row), "typed", GINT_TO_POINTER (1));
  validate (self);
}

gboolean
sy_new_plan_dialog_create (SyNewPlanDialog *self)
{
  g_autoptr(SyPlanRepo) repo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 plan_id = 0;

  g_return_val_if_fail (SY_IS_NEW_PLAN_DIALOG (self), FALSE);
  repo = sy_plan_repo_new (self->db);
  title = sy_ui_entry_value (GTK_EDITABLE (self->title_row));
  if (!sy_plan_repo_create_plan (repo, self->office_id, gtk_spin_button_get_value_as_int (self->year_spin),
                                 title, &plan_id, &error))
    {
      set_message (self, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[CREATED], 0, plan_id);
  return TRUE;
}

static void
sy_new_plan_dialog_response (AdwMessageDialog *dialog,
                             const char       *response)
{
  SyNewPlanDialog *self = SY_NEW_PLAN_DIALOG (dialog);

  if (ADW_MESSAGE_DIALOG_CLASS (sy_new_plan_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (sy_new_plan_dialog_parent_class)->response (dialog, response);
  /* The dialog closes after a response: a refusal (another window may have
   * created the plan meanwhile) is said over the main window. */
  if (g_strcmp0 (response, "create") == 0 && !sy_new_plan_dialog_create (self))
    sy_ui_show_error (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))),
                      _("The Plan Could Not Be Created"), gtk_label_get_text (self->message));
}

void
sy_new_plan_dialog_set_year (SyNewPlanDialog *self, int year)
{
  g_return_if_fail (SY_IS_NEW_PLAN_DIALOG (self));
  gtk_spin_button_set_value (self->year_spin, year);
}

const char *
sy_new_plan_dialog_get_title (SyNewPlanDialog *self)
{
  g_return_val_if_fail (SY_IS_NEW_PLAN_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}

const char *
sy_new_plan_dialog_get_message (SyNewPlanDialog *self)
{
  g_return_val_if_fail (SY_IS_NEW_PLAN_DIALOG (self), NULL);
  return gtk_label_get_text (self->message);
}

static void
sy_new_plan_dialog_finalize (GObject *object)
{
  SyNewPlanDialog *self = SY_NEW_PLAN_DIALOG (object);

  g_clear_object (&self->db);
  g_free (self->office_name);
  g_free (self->default_title);
  G_OBJECT_CLASS (sy_new_plan_dialog_parent_class)->finalize (object);
}

static void
sy_new_plan_dialog_class_init (SyNewPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->finalize = sy_new_plan_dialog_finalize;
  dialog_class->response = sy_new_plan_dialog_response;

  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
sy_new_plan_dialog_init (SyNewPlanDialog *self)
{
}

SyNewPlanDialog *
sy_new_plan_dialog_new (GtkWindow  *parent,
                        SyDatabase *db)
{
  SyNewPlanDialog *self;
  g_autoptr(SyUnit) office = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *year_row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_NEW_PLAN_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("New Plan"),
                       "body", _("An empty yearly work plan of the office; write its outline afterwards."),
                       NULL);
  self->db = g_object_ref (db);
  office = sy_queries_office (db, NULL);
  self->office_id = office != NULL ? sy_record_get_id (SY_RECORD (office)) : 0;
  self->office_name = g_strdup (office != NULL ? sy_unit_get_name (office) : "");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);

  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1949, 9999, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->year_spin), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (year_row), _("Year"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (year_row), GTK_WIDGET (self->year_spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (year_row), GTK_WIDGET (self->year_spin));
  gtk_list_box_append (GTK_LIST_BOX (list), year_row);
  self->title_row = sy_ui_list_add_entry (list, _("Title"), NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);
  self->message = GTK_LABEL (label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  sy_ui_dialog_add_ok (ADW_MESSAGE_DIALOG (self), "create", _("C_reate"));

  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
  year_changed (self);
  g_signal_connect_object (self->year_spin, "value-changed", G_CALLBACK (year_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (title_changed), self, G_CONNECT_SWAPPED);
  return self;
}
