/* sy-export-dialog.c: exporting the recipient list under a masking profile */
#include <glib/gi18n.h>

#include "sy-export-dialog.h"

typedef struct {
  char          *directory;
  char          *actor;
  char          *path;
  SyMaskProfile  profile;
  gboolean       csv;
  guint          n_rows;
} ExportJob;

struct _SyExportDialog
{
  AdwMessageDialog  parent_instance;

  GtkCheckButton   *profile_buttons[3];   /* by SyMaskProfile */
  char             *directory;
  char             *actor;
  GtkWindow        *parent;               /* weak */
  gboolean          busy;
};

G_DEFINE_FINAL_TYPE (SyExportDialog, sy_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum { SIGNAL_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
export_job_free (ExportJob *job)
{
  g_free (job->directory);
  g_free (job->actor);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyRecipientExporter) exporter = NULL;
  GError *error = NULL;
  gboolean ok;

  /* Connections are not shared across threads: the worker opens its own. */
  db = sy_database_open (job->directory, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->actor != NULL)
    sy_database_set_actor (db, job->actor);
  exporter = sy_recipient_exporter_new (db, job->profile);
  if (job->csv)
    ok = sy_recipient_exporter_write_csv (exporter, job->path, NULL, NULL, cancellable, &error);
  else
    ok = sy_recipient_exporter_write_xlsx (exporter, job->path, NULL, NULL, cancellable, &error);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  job->n_rows = sy_recipient_exporter_get_n_rows (exporter);
  g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SyExportDialog *self = SY_EXPORT_DIALOG (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_signal_emit (self, signals[SIGNAL_FINISHED], 0, 0u, error->message);
  else
    g_signal_emit (self, signals[SIGNAL_FINISHED], 0, job->n_rows, NULL);
}

void
sy_export_dialog_export_to (SyExportDialog *self,
                            GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *lower = NULL;
  ExportJob *job;

  g_return_if_fail (SY_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->busy);

  job = g_new0 (ExportJob, 1);
  job->directory = g_strdup (self->directory);
  job->actor = g_strdup (self->actor);
  job->profile = sy_export_dialog_get_profile (self);
  job->path = g_file_get_path (file);
  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_source_tag (task, sy_export_dialog_export_to);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  if (job->path == NULL)
    {
      g_task_return_new_error (task, SY_ERROR, SY_ERROR_IO,
                               _("The list can only be saved to a local folder"));
      return;
    }
  lower = g_ascii_strdown (job->path, -1);
  if (g_str_has_suffix (lower, ".xls"))
    {
      g_task_return_new_error (task, SY_ERROR, SY_ERROR_INVALID,
                               _("The old .xls format cannot be written; save as .xlsx or .csv"));
      return;
    }
  job->csv = g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".txt");
  /* A name typed without a suffix gets the one of its format. */
  if (!job->csv && !g_str_has_suffix (lower, ".xlsx"))
    {
      char *path = g_strconcat (job->path, ".xlsx", NULL);

      g_free (job->path);
      job->path = path;
    }
  self->busy = TRUE;
  g_task_run_in_thread (task, export_thread);
}

static void
file_chosen (GtkNativeDialog *chooser,
             int              response,
             gpointer         user_data)
{
  SyExportDialog *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && !self->busy)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        sy_export_dialog_export_to (self, file);
    }
  g_object_unref (chooser);
  /* The task holds its own reference while it runs. */
  g_object_unref (self);
}

static void
sy_export_dialog_response (AdwMessageDialog *dialog,
                           const char       *response)
{
  SyExportDialog *self = SY_EXPORT_DIALOG (dialog);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (ADW_MESSAGE_DIALOG_CLASS (sy_export_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (sy_export_dialog_parent_class)->response (dialog, response);
  if (g_strcmp0 (response, "export") != 0)
    return;

  name = sy_export_dialog_default_name (sy_export_dialog_get_profile (self));
  /* The message dialog closes now; the file chooser belongs to the window
   * under it. */
  chooser = gtk_file_chooser_native_new (_("Export Recipients"), self->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (xlsx, _("Excel workbook (*.xlsx)"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  gtk_file_filter_set_name (csv, _("CSV text (*.csv)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

SyExportDialog *
sy_export_dialog_new (GtkWindow  *parent,
                      SyDatabase *db)
{
  SyExportDialog *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "heading", _("Export Recipients"),
                       "body", _("Choose what the file shows. Every export is recorded in "
                                 "the office log."),
                       NULL);
  self->directory = g_strdup (sy_database_get_directory (db));
  self->actor = g_strdup (sy_database_get_actor (db));
  self->parent = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &self->parent);
  return self;
}

SyMaskProfile
sy_export_dialog_get_profile (SyExportDialog *self)
{
  g_return_val_if_fail (SY_IS_EXPORT_DIALOG (self), SY_MASK_PUBLIC);

  for (guint p = 0; p < G_N_ELEMENTS (self->profile_buttons); p++)
    if (gtk_check_button_get_active (self->profile_buttons[p]))
      return p;
  return SY_MASK_PUBLIC;
}

void
sy_export_dialog_set_profile (SyExportDialog *self,
                              SyMaskProfile   profile)
{
  g_return_if_fail (SY_IS_EXPORT_DIALOG (self));
  g_return_if_fail (profile < G_N_ELEMENTS (self->profile_buttons));

  gtk_check_button_set_active (self->profile_buttons[profile], TRUE);
}

char *
sy_export_dialog_default_name (SyMaskProfile profile)
{
  switch (profile)
    {
    case SY_MASK_INTERNAL:
      return g_strdup ("优抚对象-内部.xlsx");
    case SY_MASK_BANK:
      return g_strdup ("优抚对象-银行.xlsx");
    case SY_MASK_PUBLIC:
    default:
      return g_strdup ("优抚对象-公示.xlsx");
    }
}

gboolean
sy_export_dialog_is_busy (SyExportDialog *self)
{
  g_return_val_if_fail (SY_IS_EXPORT_DIALOG (self), FALSE);
  return self->busy;
}

static void
sy_export_dialog_dispose (GObject *object)
{
  SyExportDialog *self = SY_EXPORT_DIALOG (object);

  if (self->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->parent), (gpointer *) &self->parent);
  self->parent = NULL;

  G_OBJECT_CLASS (sy_export_dialog_parent_class)->dispose (object);
}

static void
sy_export_dialog_finalize (GObject *object)
{
  SyExportDialog *self = SY_EXPORT_DIALOG (object);

  g_free (self->directory);
  g_free (self->actor);

  G_OBJECT_CLASS (sy_export_dialog_parent_class)->finalize (object);
}

static void
sy_export_dialog_class_init (SyExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = sy_export_dialog_dispose;
  object_class->finalize = sy_export_dialog_finalize;
  dialog_class->response = sy_export_dialog_response;

  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                           G_TYPE_UINT, G_TYPE_STRING);
}

static void
sy_export_dialog_init (SyExportDialog *self)
{
  static const struct {
    SyMaskProfile profile;
    const char   *title;
    const char   *subtitle;
  } profiles[] = {
    { SY_MASK_PUBLIC, N_("Public Notice (公示)"),
      N_("Name, category and village; ID number and phone masked") },
    { SY_MASK_INTERNAL, N_("Internal"),
      N_("Every field in full, for the office's own rosters") },
    { SY_MASK_BANK, N_("Bank"),
      N_("Name, bank and account number, for the payment file") },
  };
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(profiles[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(profiles[i].subtitle));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->profile_buttons[profiles[0].profile]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      self->profile_buttons[profiles[i].profile] = GTK_CHECK_BUTTON (check);
    }
  gtk_check_button_set_active (self->profile_buttons[SY_MASK_PUBLIC], TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), list);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
}
