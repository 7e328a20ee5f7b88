/* sy-year-summary-dialog.c: saving the draft 年终总结 of a year */
#include <glib/gi18n.h>

#include "sy-year-summary-dialog.h"
#include "sy-ledger.h"

typedef struct {
  char   *directory;
  char   *path;
  char   *office;
  int     year;
} Job;

typedef struct {
  GWeakRef dialog;
  double   fraction;
} Progress;

struct _SyYearSummaryDialog
{
  AdwWindow       parent_instance;

  GtkSpinButton  *year_spin;
  GtkDropDown    *format_drop;
  GtkProgressBar *progress;
  GtkLabel       *status;
  GtkButton      *save_button;
  GtkFileChooserNative *chooser;

  char           *directory;
  char           *office;
  GCancellable   *cancellable;
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (SyYearSummaryDialog, sy_year_summary_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->directory);
  g_free (job->path);
  g_free (job->office);
  g_free (job);
}

static gboolean
show_progress (gpointer data)
{
  Progress *p = data;
  g_autoptr(SyYearSummaryDialog) self = g_weak_ref_get (&p->dialog);

  if (self != NULL && self->busy)
    gtk_progress_bar_set_fraction (self->progress, p->fraction);
  g_weak_ref_clear (&p->dialog);
  g_free (p);
  return G_SOURCE_REMOVE;
}

/* Called in the worker: the bar is moved on the main thread. */
static void
worker_progress (double fraction, const char *what, gpointer user_data)
{
  Progress *p = g_new0 (Progress, 1);

  g_weak_ref_init (&p->dialog, user_data);
  /* Counting is the first fifth, the pages the rest. */
  p->fraction = 0.2 + 0.8 * CLAMP (fraction, 0.0, 1.0);
  g_idle_add (show_progress, p);
}

static void
summary_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyYearReport) report = NULL;
  GError *error = NULL;

  /* Connections are not shared across threads: the worker opens its own. */
  db = sy_database_open (job->directory, &error);
  if (db == NULL
      || (report = sy_year_report_gather (db, job->year, NULL, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  worker_progress (0.0, NULL, source);
  if (!sy_year_summary_write (report, job->office, job->path, worker_progress, source,
                              cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (SyYearSummaryDialog *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_spin), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_drop), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  if (busy)
    gtk_progress_bar_set_fraction (self->progress, 0.05);
}

static void
summary_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyYearSummaryDialog *self = SY_YEAR_SUMMARY_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_label_set_text (self->status, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error->message);
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("Saved to %s"), job->path);

    gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
    gtk_label_set_text (self->status, text);
  }
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, NULL);
}

void
sy_year_summary_dialog_save_to (SyYearSummaryDialog *self,
                                GFile               *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *lower = NULL;
  const char *suffix;
  Job *job;

  g_return_if_fail (SY_IS_YEAR_SUMMARY_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->busy);

  job = g_new0 (Job, 1);
  job->directory = g_strdup (self->directory);
  job->office = g_strdup (self->office);
  job->year = sy_year_summary_dialog_get_year (self);
  job->path = g_file_get_path (file);
  task = g_task_new (self, self->cancellable, summary_done, NULL);
  g_task_set_task_data (task, job, job_free);
  set_busy (self, TRUE);
  gtk_label_set_text (self->status, "");
  if (job->path == NULL)
    {
      g_task_return_new_error (task, SY_ERROR, SY_ERROR_IO,
                               _("The summary can only be saved to a local folder"));
      return;
    }
  /* A name typed without the format's suffix gets it. */
  suffix = sy_year_summary_dialog_get_odt (self) ? ".odt" : ".pdf";
  lower = g_ascii_strdown (job->path, -1);
  if (!g_str_has_suffix (lower, suffix))
    {
      char *path = g_strconcat (job->path, suffix, NULL);

      g_free (job->path);
      job->path = path;
    }
  g_task_run_in_thread (task, summary_thread);
}

static void
chooser_response (GtkNativeDialog     *chooser,
                  int                  response,
                  SyYearSummaryDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        sy_year_summary_dialog_save_to (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
save_clicked (SyYearSummaryDialog *self)
{
  gboolean odt = sy_year_summary_dialog_get_odt (self);
  g_autofree char *name = NULL;

  if (self->chooser != NULL || self->busy)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save the Year-End Summary"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the suggested file name; %d is the year, %s .odt or .pdf */
  name = g_strdup_printf (_("%d Year-End Summary%s"), sy_year_summary_dialog_get_year (self),
                          odt ? ".odt" : ".pdf");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
sy_year_summary_dialog_dispose (GObject *object)
{
  SyYearSummaryDialog *self = SY_YEAR_SUMMARY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (sy_year_summary_dialog_parent_class)->dispose (object);
}

static void
sy_year_summary_dialog_finalize (GObject *object)
{
  SyYearSummaryDialog *self = SY_YEAR_SUMMARY_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->directory);
  g_free (self->office);
  G_OBJECT_CLASS (sy_year_summary_dialog_parent_class)->finalize (object);
}

static void
sy_year_summary_dialog_class_init (SyYearSummaryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sy_year_summary_dialog_dispose;
  object_class->finalize = sy_year_summary_dialog_finalize;

  /* NULL on success, else the error message. */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static GtkWidget *
labelled (const char *label, GtkWidget *widget)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  return row;
}

static void
sy_year_summary_dialog_init (SyYearSummaryDialog *self)
{
  const char *formats[] = { _("OpenDocument Text (.odt), to edit"), _("PDF, to print"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *intro;

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Year-End Summary"));
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_box_append (GTK_BOX (box), content);

  intro = gtk_label_new (_("A draft of the year-end summary (年终总结) with the year’s figures "
                           "and a chart of the activities. Places for the office to complete "
                           "are marked 【待补充】."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (content), intro);

  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1950, 2100, 1));
  self->format_drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (formats));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), labelled (_("Year"), GTK_WIDGET (self->year_spin)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), labelled (_("Format"), GTK_WIDGET (self->format_drop)));
  gtk_box_append (GTK_BOX (content), group);

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->progress));
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_selectable (self->status, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->status));

  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save…")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_widget_set_halign (GTK_WIDGET (self->save_button), GTK_ALIGN_END);
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked), self);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->save_button));

  adw_window_set_content (ADW_WINDOW (self), box);
}

SyYearSummaryDialog *
sy_year_summary_dialog_new (GtkWindow  *parent,
                            SyDatabase *db,
                            int         year)
{
  SyYearSummaryDialog *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_YEAR_SUMMARY_DIALOG, "transient-for", parent, NULL);
  self->directory = g_strdup (sy_database_get_directory (db));
  self->office = sy_database_get_setting (db, "office-name");
  sy_year_summary_dialog_set_year (self, year);
  return self;
}

int
sy_year_summary_dialog_get_year (SyYearSummaryDialog *self)
{
  g_return_val_if_fail (SY_IS_YEAR_SUMMARY_DIALOG (self), 0);
  return gtk_spin_button_get_value_as_int (self->year_spin);
}

void
sy_year_summary_dialog_set_year (SyYearSummaryDialog *self,
                                 int                  year)
{
  g_return_if_fail (SY_IS_YEAR_SUMMARY_DIALOG (self));
  gtk_spin_button_set_value (self->year_spin, year);
}

gboolean
sy_year_summary_dialog_get_odt (SyYearSummaryDialog *self)
{
  g_return_val_if_fail (SY_IS_YEAR_SUMMARY_DIALOG (self), TRUE);
  return gtk_drop_down_get_selected (self->format_drop) == 0;
}

void
sy_year_summary_dialog_set_odt (SyYearSummaryDialog *self,
                                gboolean             odt)
{
  g_return_if_fail (SY_IS_YEAR_SUMMARY_DIALOG (self));
  gtk_drop_down_set_selected (self->format_drop, odt ? 0 : 1);
}

gboolean
sy_year_summary_dialog_is_busy (SyYearSummaryDialog *self)
{
  g_return_val_if_fail (SY_IS_YEAR_SUMMARY_DIALOG (self), FALSE);
  return self->busy;
}
