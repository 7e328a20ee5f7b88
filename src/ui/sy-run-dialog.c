/* sy-run-dialog.c: creating a disbursement run, with a live preview */
#include <glib/gi18n.h>

#include "sy-run-dialog.h"
#include "sy-ui-util.h"

/* Typing a period should not start a computation on every key. */
#define PREVIEW_DELAY_MS 300

struct _SyRunDialog
{
  AdwWindow     parent_instance;

  AdwComboRow  *kind_row;
  AdwEntryRow  *period_row;
  AdwEntryRow  *title_row;
  GtkLabel     *period_message;
  GtkSpinner   *spinner;
  AdwActionRow *title_preview_row;
  GtkLabel     *lines_label;
  GtkLabel     *total_label;
  GtkLabel     *excluded_label;
  GtkLabel     *error_label;
  GtkWidget    *create_button;

  SyDatabase   *db;
  GtkStringList *kinds;
  GHashTable   *kind_periods;   /* kind → the standards' period unit (月/年/次) */
  gboolean      period_edited;  /* the user typed a period: keep it when the kind changes */
  gboolean      setting_period;

  char         *canonical;      /* the parsed period, or NULL */
  char         *error_message;  /* the computation's */
  char         *period_error;
  guint         n_lines;
  gint64        total_fen;
  guint         n_excluded;
  gboolean      have_preview;

  guint         preview_id;
  GCancellable *preview_cancellable;
  GCancellable *create_cancellable;
  gboolean      creating;
};

G_DEFINE_FINAL_TYPE (SyRunDialog, sy_run_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_CREATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void update_create (SyRunDialog *self);

/* --- preview ------------------------------------------------------------------ */

typedef struct {
  char   *kind;
  char   *period;
  char   *title;
  guint   n_lines;
  gint64  total_fen;
  guint   n_excluded;
  gint64  batch_id;
} Work;

static void
work_free (Work *work)
{
  g_free (work->kind);
  g_free (work->period);
  g_free (work->title);
  g_free (work);
}

static Work *
work_new (SyRunDialog *self)
{
  Work *work = g_new0 (Work, 1);

  work->kind = g_strdup (sy_run_dialog_get_kind (self));
  work->period = g_strdup (self->canonical);
  return work;
}

static gboolean
preview_work (SyDatabase   *db,
              gpointer      data,
              GCancellable *cancellable,
              GError      **error)
{
  Work *work = data;
  g_autoptr(SyRunRepo) repo = sy_run_repo_new (db);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) exclusions = NULL;

  if (!sy_run_repo_compute (repo, work->kind, work->period, SY_RUN_COMPUTE_DEFAULT, 0,
                            &lines, &exclusions, error))
    return FALSE;
  work->n_lines = lines->len;
  for (guint i = 0; i < lines->len; i++)
    work->total_fen += sy_disbursement_line_get_amount_fen (g_ptr_array_index (lines, i));
  work->n_excluded = exclusions->len;
  return TRUE;
}

static void
show_preview (SyRunDialog *self)
{
  gboolean computing = self->preview_id != 0 || self->preview_cancellable != NULL;

  gtk_spinner_set_spinning (self->spinner, computing || self->creating);
  if (self->have_preview && !computing)
    {
      g_autofree char *lines = g_strdup_printf ("%u", self->n_lines);
      g_autofree char *total = sy_money_format (self->total_fen);
      g_autofree char *excluded = g_strdup_printf ("%u", self->n_excluded);

      gtk_label_set_text (self->lines_label, lines);
      gtk_label_set_text (self->total_label, total);
      gtk_label_set_text (self->excluded_label, excluded);
    }
  else
    {
      /* An old figure next to a new choice would be read as its result. */
      gtk_label_set_text (self->lines_label, "—");
      gtk_label_set_text (self->total_label, "—");
      gtk_label_set_text (self->excluded_label, "—");
    }
  gtk_label_set_text (self->error_label, self->error_message != NULL ? self->error_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->error_message != NULL && !computing);
  update_create (self);
}

static void
preview_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyRunDialog *self = SY_RUN_DIALOG (source);
  Work *work = sy_ui_worker_get_data (result);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = sy_ui_worker_finish (result, &error);

  /* A newer preview replaced this one: its result is stale. */
  if (cancellable != self->preview_cancellable)
    return;
  g_clear_object (&self->preview_cancellable);
  if (!ok)
    {
      g_free (self->error_message);
      self->error_message = g_strdup_printf (_("The run cannot be computed: %s"), error->message);
      self->have_preview = FALSE;
    }
  else
    {
      self->n_lines = work->n_lines;
      self->total_fen = work->total_fen;
      self->n_excluded = work->n_excluded;
      self->have_preview = TRUE;
      if (self->n_lines == 0)
        self->error_message = g_strdup (_("Nobody would be paid by this run: check the kind, the period "
                                          "and the standards in force in it."));
    }
  show_preview (self);
}

static void
start_preview (SyRunDialog *self)
{
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  if (self->canonical == NULL || sy_run_dialog_get_kind (self) == NULL)
    {
      show_preview (self);
      return;
    }
  self->preview_cancellable = g_cancellable_new ();
  sy_ui_run_in_worker (self, self->db, preview_work, work_new (self), (GDestroyNotify) work_free,
                       self->preview_cancellable, preview_done);
  show_preview (self);
}

static void
preview_timeout (gpointer data)
{
  SyRunDialog *self = data;

  self->preview_id = 0;
  start_preview (self);
}

/* Parses the period now (cheap, so the message follows every key) and
 * computes the preview a moment later. */
static void
choice_changed (SyRunDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->period_row))));
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autoptr(GError) error = NULL;
  const char *kind = sy_run_dialog_get_kind (self);
  SyPeriod period;

  g_clear_pointer (&self->canonical, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->period_error, g_free);
  self->have_preview = FALSE;
  g_clear_handle_id (&self->preview_id, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);

  if (kind == NULL)
    self->error_message = g_strdup (_("No subsidy standards are recorded, so there is nothing to pay. "
                                      "Add the standards first (Standards…)."));
  if (*text == '\0')
    {
      gtk_label_set_text (self->period_message, _("Type the period the run pays."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->period_message), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->period_message), "dim-label");
    }
  else if (!sy_period_parse (text, &period, &error))
    {
      self->period_error = g_strdup (error->message);
      gtk_label_set_text (self->period_message, error->message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->period_message), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->period_message), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->period_row), "error");
    }
  else
    {
      g_autofree char *label = sy_period_to_label (&period);
      guint months = sy_period_n_months (&period);
      g_autofree char *message = NULL;

      self->canonical = sy_period_to_string (&period);
      /* Translators: under the period entry, e.g. 2025-Q4 · 2025年第四季度 · 3 个月 */
      message = g_strdup_printf (ngettext ("%s · %s · %u month", "%s · %s · %u months", months),
                                 self->canonical, label, months);
      gtk_label_set_text (self->period_message, message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->period_message), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->period_message), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->period_row), "error");
      if (*title == '\0' && kind != NULL)
        {
          /* What sy_run_repo_create names a run without a title. */
          g_autofree char *default_title = g_strconcat (label, kind, NULL);
          adw_action_row_set_subtitle (self->title_preview_row, default_title);
        }
    }
  if (*text == '\0' || self->canonical == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->period_row), "error");
  if (*title != '\0')
    adw_action_row_set_subtitle (self->title_preview_row, title);
  else if (self->canonical == NULL)
    adw_action_row_set_subtitle (self->title_preview_row, "—");

  if (self->canonical != NULL && kind != NULL)
    self->preview_id = g_timeout_add_once (PREVIEW_DELAY_MS, preview_timeout, self);
  show_preview (self);
}

static void
title_changed (SyRunDialog *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  /* The title does not change what is computed. */
  if (*title != '\0')
    adw_action_row_set_subtitle (self->title_preview_row, title);
  else
    {
      g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->period_row)));
      SyPeriod period;

      if (self->canonical != NULL && sy_period_parse (text, &period, NULL)
          && sy_run_dialog_get_kind (self) != NULL)
        {
          g_autofree char *label = sy_period_to_label (&period);
          g_autofree char *default_title = g_strconcat (label, sy_run_dialog_get_kind (self), NULL);
          adw_action_row_set_subtitle (self->title_preview_row, default_title);
        }
    }
}

static void
period_changed (SyRunDialog *self)
{
  if (!self->setting_period)
    self->period_edited = TRUE;
  choice_changed (self);
}

/* The period that fits a kind: a year for yearly and one-off standards
 * (义务兵家庭优待金 is paid for the year), else the current quarter. */
static void
set_default_period (SyRunDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *kind = sy_run_dialog_get_kind (self);
  const char *unit = kind != NULL ? g_hash_table_lookup (self->kind_periods, kind) : NULL;
  int year = g_date_time_get_year (now);
  g_autofree char *text = NULL;

  if (g_strcmp0 (unit, "年") == 0 || g_strcmp0 (unit, "次") == 0)
    text = g_strdup_printf ("%d", year);
  else
    text = g_strdup_printf ("%d-Q%d", year, (g_date_time_get_month (now) - 1) / 3 + 1);
  self->setting_period = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->period_row), text);
  self->setting_period = FALSE;
}

static void
kind_changed (SyRunDialog *self)
{
  if (!self->period_edited)
    set_default_period (self);
  choice_changed (self);
}

/* --- create --------------------------------------------------------------------- */

static void
update_create (SyRunDialog *self)
{
  gboolean ok = sy_run_dialog_can_create (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run-dialog.create", ok);
}

static gboolean
create_work (SyDatabase   *db,
             gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  Work *work = data;
  g_autoptr(SyRunRepo) repo = sy_run_repo_new (db);

  return sy_run_repo_create (repo, work->kind, work->period, work->title, &work->batch_id, error);
}

static void
set_inputs_sensitive (SyRunDialog *self,
                      gboolean     sensitive)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_row), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->title_row), sensitive);
}

static void
create_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SyRunDialog *self = SY_RUN_DIALOG (source);
  Work *work = sy_ui_worker_get_data (result);
  g_autoptr(GError) error = NULL;

  self->creating = FALSE;
  g_clear_object (&self->create_cancellable);
  if (!sy_ui_worker_finish (result, &error))
    {
      g_free (self->error_message);
      self->error_message = g_strdup_printf (_("The run was not created: %s"), error->message);
      set_inputs_sensitive (self, TRUE);
      show_preview (self);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_CREATED], 0, work->batch_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyRunDialog *self = SY_RUN_DIALOG (widget);
  g_autofree char *title = NULL;
  Work *work;

  if (!sy_run_dialog_can_create (self))
    return;
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  work = work_new (self);
  work->title = *title != '\0' ? g_steal_pointer (&title) : NULL;

  self->creating = TRUE;
  set_inputs_sensitive (self, FALSE);
  show_preview (self);
  self->create_cancellable = g_cancellable_new ();
  sy_ui_run_in_worker (self, self->db, create_work, work, (GDestroyNotify) work_free,
                       self->create_cancellable, create_done);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SyRunDialog *self = SY_RUN_DIALOG (widget);

  /* A run being written is finished, not torn half-way: wait for it. */
  if (self->creating)
    return;
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* --- public ------------------------------------------------------------------------ */

static void
load_kinds (SyRunDialog *self)
{
  g_autoptr(SyRunRepo) repo = sy_run_repo_new (self->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) standards = NULL;
  g_auto(GStrv) kinds = sy_run_repo_list_kinds (repo, &error);

  if (kinds == NULL)
    g_warning ("Reading the kinds of the standards failed: %s", error->message);
  self->kinds = gtk_string_list_new ((const char * const *) kinds);
  standards = sy_queries_standards (self->db, NULL);
  for (guint i = 0; standards != NULL && i < g_list_model_get_n_items (standards); i++)
    {
      g_autoptr(SySubsidyStandard) standard = g_list_model_get_item (standards, i);
      const char *kind = sy_subsidy_standard_get_kind (standard);

      /* Monthly wins over yearly: one monthly standard makes the kind
       * quarterly business. */
      if (!g_hash_table_contains (self->kind_periods, kind)
          || g_strcmp0 (sy_subsidy_standard_get_period (standard), "月") == 0)
        g_hash_table_insert (self->kind_periods, g_strdup (kind),
                             g_strdup (sy_subsidy_standard_get_period (standard)));
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (self->kinds));
}

SyRunDialog *
sy_run_dialog_new (GtkWindow  *parent,
                   SyDatabase *db)
{
  SyRunDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_RUN_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  load_kinds (self);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (kind_changed), self,
                           G_CONNECT_SWAPPED);
  kind_changed (self);
  return self;
}

const char *
sy_run_dialog_get_kind (SyRunDialog *self)
{
  guint selected;

  g_return_val_if_fail (SY_IS_RUN_DIALOG (self), NULL);

  if (self->kinds == NULL)
    return NULL;
  selected = adw_combo_row_get_selected (self->kind_row);
  if (selected == GTK_INVALID_LIST_POSITION
      || selected >= g_list_model_get_n_items (G_LIST_MODEL (self->kinds)))
    return NULL;
  return gtk_string_list_get_string (self->kinds, selected);
}

const char *
sy_run_dialog_get_period (SyRunDialog *self)
{
  g_return_val_if_fail (SY_IS_RUN_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->period_row));
}

gboolean
sy_run_dialog_is_previewed (SyRunDialog *self)
{
  g_return_val_if_fail (SY_IS_RUN_DIALOG (self), FALSE);

  return self->preview_id == 0 && self->preview_cancellable == NULL;
}

guint
sy_run_dialog_get_n_lines (SyRunDialog *self)
{
  g_return_val_if_fail (SY_IS_RUN_DIALOG (self), 0);

  return self->have_preview ? self->n_lines : 0;
}

gint64
sy_run_dialog_get_total_fen (SyRunDialog *self)
{
  g_return_val_if_fail (SY_IS_RUN_DIALOG (self), 0);

  return self->have_preview ? self->total_fen : 0;
}

guint
sy_run_dialog_get_n_excluded (SyRunDialog *self)
{
  g_return_val_if_fail (SY_IS_RUN_DIALOG (self), 0);

  return self->have_preview ? self->n_excluded : 0;
}

const char *
sy_run_dialog_get_error (SyRunDialog *self)
{
  g_return_val_if_fail (SY_IS_RUN_DIALOG (self), NULL);

  return self->period_error != NULL ? self->period_error : self->error_message;
}

gboolean
sy_run_dialog_can_create (SyRunDialog *self)
{
  g_return_val_if_fail (SY_IS_RUN_DIALOG (self), FALSE);

  return !self->creating && sy_run_dialog_is_previewed (self) && self->have_preview
         && self->error_message == NULL && self->n_lines > 0;
}

/* --- class ------------------------------------------------------------------------- */

static void
sy_run_dialog_dispose (GObject *object)
{
  SyRunDialog *self = SY_RUN_DIALOG (object);

  g_clear_handle_id (&self->preview_id, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SY_TYPE_RUN_DIALOG);

  G_OBJECT_CLASS (sy_run_dialog_parent_class)->dispose (object);
}

static void
sy_run_dialog_finalize (GObject *object)
{
  SyRunDialog *self = SY_RUN_DIALOG (object);

  g_clear_object (&self->db);
  g_clear_object (&self->kinds);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->create_cancellable);
  g_clear_pointer (&self->kind_periods, g_hash_table_unref);
  g_free (self->canonical);
  g_free (self->error_message);
  g_free (self->period_error);

  G_OBJECT_CLASS (sy_run_dialog_parent_class)->finalize (object);
}

static void
sy_run_dialog_class_init (SyRunDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_run_dialog_dispose;
  object_class->finalize = sy_run_dialog_finalize;

  /* Emitted with the new run's id once it is stored. */
  signals[SIGNAL_CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-run-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SyRunDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SyRunDialog, period_row);
  gtk_widget_class_bind_template_child (widget_class, SyRunDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, SyRunDialog, period_message);
  gtk_widget_class_bind_template_child (widget_class, SyRunDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SyRunDialog, title_preview_row);
  gtk_widget_class_bind_template_child (widget_class, SyRunDialog, lines_label);
  gtk_widget_class_bind_template_child (widget_class, SyRunDialog, total_label);
  gtk_widget_class_bind_template_child (widget_class, SyRunDialog, excluded_label);
  gtk_widget_class_bind_template_child (widget_class, SyRunDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SyRunDialog, create_button);

  gtk_widget_class_install_action (widget_class, "run-dialog.create", NULL, create_activated);
  gtk_widget_class_install_action (widget_class, "run-dialog.cancel", NULL, cancel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "run-dialog.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "run-dialog.create", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "run-dialog.create", NULL);
}

static void
entry_activated (SyRunDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "run-dialog.create", NULL);
}

static void
sy_run_dialog_init (SyRunDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->kind_periods = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_signal_connect_object (self->period_row, "changed", G_CALLBACK (period_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (title_changed), self,
                           G_CONNECT_SWAPPED);
  /* Enter in the period or the title creates, as in any form. */
  g_signal_connect_object (self->period_row, "entry-activated", G_CALLBACK (entry_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "entry-activated", G_CALLBACK (entry_activated), self,
                           G_CONNECT_SWAPPED);
  update_create (self);
}
