/* sy-application.c: the application: database, first start, app actions */
#include <glib/gi18n.h>

#include "sy-application.h"
#include "sy-auto-backup.h"
#include "sy-backup.h"
#include "sy-demo.h"
#include "sy-open-dialog.h"
#include "sy-preferences-window.h"
#include "sy-ui-resources.h"
#include "sy-ui-util.h"
#include "sy-welcome-page.h"
#include "sy-window.h"

/* The demo office is the same on every machine, so screenshots, manuals and
 * bug reports all talk about the same people. */
#define DEMO_SEED 20261129

struct _SyApplication
{
  AdwApplication parent_instance;

  char            *directory;
  SyDatabase      *db;
  GError          *open_error;
  gboolean         error_shown;
  /* A shared database that did not open at startup: the dialog asking
   * for its password or offering to retry (a weak pointer). */
  SyOpenDialog    *open_dialog;
  /* sy_application_switch_database () is opening the new database. */
  gboolean         switching;

  /* An empty database gets the welcome page, or the demo office right
   * away with --demo / SHUANGYONG_DEMO=1 (build-aux/dev run, the tests). */
  gboolean         demo_if_empty;
  gboolean         welcoming;

  gboolean         populating;
  double           populate_fraction;
  char            *populate_text;
  SyProgressRelay *relay;

  /* A backup or a restore is running (app.backup and app.restore wait). */
  gboolean         backing_up;
  AdwMessageDialog *backup_dialog;
  guint            auto_backup_source;
};

G_DEFINE_FINAL_TYPE (SyApplication, sy_application, ADW_TYPE_APPLICATION)

static void update_actions (SyApplication *self);
static void show_window (SyApplication *self);

SyApplication *
sy_application_new (void)
{
  return g_object_new (SY_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/shuangyong/Ledger",
                       NULL);
}

void
sy_application_set_database_directory (SyApplication *self,
                                       const char    *directory)
{
  g_return_if_fail (SY_IS_APPLICATION (self));

  g_free (self->directory);
  self->directory = g_strdup (directory);
}

const char *
sy_application_get_database_directory (SyApplication *self)
{
  g_return_val_if_fail (SY_IS_APPLICATION (self), NULL);

  return self->directory;
}

SyDatabase *
sy_application_get_database (SyApplication *self)
{
  g_return_val_if_fail (SY_IS_APPLICATION (self), NULL);

  return self->db;
}

gboolean
sy_application_is_populating (SyApplication *self)
{
  g_return_val_if_fail (SY_IS_APPLICATION (self), FALSE);

  return self->populating;
}

void
sy_application_set_demo_if_empty (SyApplication *self,
                                  gboolean       demo)
{
  g_return_if_fail (SY_IS_APPLICATION (self));

  self->demo_if_empty = demo;
}

gboolean
sy_application_is_welcoming (SyApplication *self)
{
  g_return_val_if_fail (SY_IS_APPLICATION (self), FALSE);

  return self->welcoming;
}

/* --- demo data on first start --------------------------------------------- */

static void
for_each_window (SyApplication *self,
                 void         (*func) (SyWindow *window, gpointer data),
                 gpointer       data)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SY_IS_WINDOW (l->data))
      func (SY_WINDOW (l->data), data);
}

static void
window_set_progress (SyWindow *window, gpointer data)
{
  SyApplication *self = data;

  sy_window_set_progress (window, self->populate_fraction, self->populate_text);
}

static void
window_load (SyWindow *window, gpointer data)
{
  sy_window_load (window, SY_DATABASE (data));
}

static void
populate_progress (double fraction, const char *text, gpointer user_data)
{
  SyApplication *self = user_data;

  self->populate_fraction = fraction;
  g_free (self->populate_text);
  self->populate_text = g_strdup (text);
  for_each_window (self, window_set_progress, self);
}

static void
demo_progress (double fraction, const char *what, gpointer user_data)
{
  sy_progress_relay_post (user_data, fraction, what);
}

static void
populate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *directory = task_data;
  SyProgressRelay *relay = g_object_get_data (G_OBJECT (task), "relay");
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GError *error = NULL;

  /* A libgda connection must not be shared across threads: the worker opens
   * its own on the same directory. */
  db = sy_database_open (directory, &error);
  if (db == NULL
      || !sy_demo_populate (db, DEMO_SEED, g_date_time_get_year (now) - 1,
                            demo_progress, relay, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_error (SyApplication *self,
            const char    *heading,
            const char    *body,
            gboolean       fatal)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = adw_message_dialog_new (fatal ? NULL : parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                   fatal ? _("_Quit") : _("_Close"));
  /* Belonging to the application keeps it running while the dialog is up;
   * when a fatal one closes, no window is left and the application ends. */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
populate_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SyApplication *self = SY_APPLICATION (source);
  g_autoptr(GError) error = NULL;

  self->populating = FALSE;
  update_actions (self);
  sy_progress_relay_stop (self->relay);
  g_clear_pointer (&self->relay, sy_progress_relay_unref);
  g_application_release (G_APPLICATION (self));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_error (self, _("Could Not Create the Demo Data"), error->message, FALSE);

  /* Load even after an error: the windows then show their empty states. */
  for_each_window (self, window_load, self->db);
}

static void
start_populating (SyApplication *self)
{
  g_autoptr(GTask) task = NULL;

  self->populating = TRUE;
  update_actions (self);
  self->populate_fraction = 0.0;
  g_clear_pointer (&self->populate_text, g_free);
  self->relay = sy_progress_relay_new (populate_progress, self);

  /* Closing the window must not end the process in the middle of the
   * transaction: hold the application until the worker is done. */
  g_application_hold (G_APPLICATION (self));

  task = g_task_new (self, NULL, populate_done, NULL);
  g_task_set_source_tag (task, start_populating);
  g_task_set_task_data (task, g_strdup (sy_database_get_directory (self->db)), g_free);
  g_object_set_data_full (G_OBJECT (task), "relay",
                          sy_progress_relay_ref (self->relay),
                          (GDestroyNotify) sy_progress_relay_unref);
  g_task_run_in_thread (task, populate_thread);
}

/* --- the welcome page ---------------------------------------------------------- */

static void
welcome_start (SyWelcomePage *page,
               int            start,
               gpointer       user_data)
{
  SyApplication *self = user_data;
  SyWindow *window = SY_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));

  self->welcoming = FALSE;
  update_actions (self);

  switch ((SyWelcomeStart) start)
    {
    case SY_WELCOME_START_DEMO:
      start_populating (self);
      for_each_window (self, window_set_progress, self);
      break;

    case SY_WELCOME_START_IMPORT:
      for_each_window (self, window_load, self->db);
      /* The Recipients view's own import, so its list refreshes when the
       * roster is in. */
      sy_window_set_view (window, "recipients");
      gtk_widget_activate_action (sy_window_get_page (window, "recipients"),
                                  "recipients.import", NULL);
      break;

    case SY_WELCOME_START_EMPTY:
    default:
      for_each_window (self, window_load, self->db);
      break;
    }
}

static void
show_welcome (SyApplication *self,
              SyWindow      *window)
{
  SyWelcomePage *page = sy_welcome_page_new (self->db);

  g_signal_connect_object (page, "start", G_CALLBACK (welcome_start), self, 0);
  sy_window_show_welcome (window, GTK_WIDGET (page));
}

/* --- help ------------------------------------------------------------------------- */

char *
sy_application_get_help_file (void)
{
  /* SHUANGYONG_HELPDIR points an uninstalled run at docs/help. */
  const char *dir = g_getenv ("SHUANGYONG_HELPDIR");
  g_autofree char *path = g_build_filename (dir != NULL && *dir != '\0' ? dir : HELPDIR,
                                            "index.html", NULL);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&path) : NULL;
}

/* --- actions ---------------------------------------------------------------- */

/* The office can be edited once there is a database and the first start
 * is over (the welcome page and the demo write it themselves). */
static void
update_actions (SyApplication *self)
{
  GAction *office = g_action_map_lookup_action (G_ACTION_MAP (self), "office");

  GAction *backup = g_action_map_lookup_action (G_ACTION_MAP (self), "backup");
  GAction *restore = g_action_map_lookup_action (G_ACTION_MAP (self), "restore");
  gboolean open = self->db != NULL;
  gboolean idle = !self->welcoming && !self->populating && !self->backing_up;
  /* A reviewer's read-only role may save a backup but never replace the data. */
  gboolean writable = open && !sy_database_is_read_only (self->db);

  if (office != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (office),
                                 self->db != NULL && !self->welcoming && !self->populating);
  if (backup != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (backup), open && idle);
  if (restore != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (restore), writable && idle);
}

static void
office_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SyApplication *self = user_data;

  if (self->db != NULL)
    sy_welcome_page_edit_office (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                 self->db);
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SyApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *path = sy_application_get_help_file ();
  g_autofree char *uri = NULL;

  if (path == NULL)
    {
      g_autofree char *body = g_strdup_printf (_("The user guide should be in %s, but it is not "
                                                 "there. Reinstalling the application puts it back."),
                                               HELPDIR);

      show_error (self, _("The User Guide Is Missing"), body, FALSE);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  /* gtk_show_uri is the 4.8 way; GtkUriLauncher only came in 4.10. */
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SyApplication *self = user_data;

  /* Closing the windows lets each save its size and view. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SyApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Shuangyong Ledger developers"), NULL };

  adw_show_about_window (parent,
                         "application-name", _("Shuangyong Ledger"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Shuangyong Ledger developers"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Keep the plans, recipients, subsidies, activities and "
                                       "documents of a double-support office in one place, and "
                                       "print the ledger for review from them."),
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* --- backup and restore ------------------------------------------------------ */

/* The dialog that shows a backup or restore at work and then its outcome:
 * one window, so the user sees where the result came from. */
static AdwMessageDialog *
busy_dialog_new (SyApplication *self,
                 const char    *heading)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, NULL));
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  adw_message_dialog_set_extra_child (dialog, spinner);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_response_enabled (dialog, "close", FALSE);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
busy_dialog_finish (AdwMessageDialog *dialog,
                    const char       *heading,
                    const char       *body)
{
  adw_message_dialog_set_extra_child (dialog, NULL);
  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_response_enabled (dialog, "close", TRUE);
}

static char *
describe_report (const SyBackupReport *report)
{
  g_autofree char *size = g_format_size (report->n_bytes);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("Schema version %d, %u attachments, %s."),
                          report->schema_version, report->n_attachments, size);
  if (report->missing != NULL && report->missing[0] != NULL)
    g_string_append_printf (text, " %s",
                            _("Some attachments were missing or damaged and are not in it: "
                              "run “shuangyong-cli check” for the details."));
  return g_string_free (text, FALSE);
}

static gboolean
backup_worker (SyDatabase    *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_auto(SyBackupReport) report = { 0 };
  char **path_and_text = data;

  if (!sy_backup_create (db, path_and_text[0], &report, error))
    return FALSE;
  path_and_text[1] = describe_report (&report);
  return TRUE;
}

static void
free_pair (gpointer data)
{
  g_strfreev (data);
}

static void
backup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SyApplication *self = SY_APPLICATION (source);
  g_autoptr(AdwMessageDialog) dialog = g_steal_pointer (&self->backup_dialog);
  char **path_and_text = sy_ui_worker_get_data (result);
  g_autoptr(GError) error = NULL;

  self->backing_up = FALSE;
  update_actions (self);
  g_application_release (G_APPLICATION (self));
  if (!sy_ui_worker_finish (result, &error))
    busy_dialog_finish (dialog, _("Could Not Make the Backup"), error->message);
  else
    {
      g_autofree char *body = g_strdup_printf (_("The backup is in %s. %s"),
                                               path_and_text[0], path_and_text[1]);

      busy_dialog_finish (dialog, _("Backup Made"), body);
    }
}

void
sy_application_backup_to (SyApplication *self,
                          GFile         *file)
{
  char **path_and_text;
  AdwMessageDialog *dialog;

  g_return_if_fail (SY_IS_APPLICATION (self));
  g_return_if_fail (self->db != NULL && !self->backing_up);

  path_and_text = g_new0 (char *, 3);
  path_and_text[0] = g_file_get_path (file);
  dialog = busy_dialog_new (self, _("Making a Backup…"));
  self->backing_up = TRUE;
  update_actions (self);
  /* Quitting meanwhile must not leave a half-written temporary file. */
  g_application_hold (G_APPLICATION (self));
  self->backup_dialog = g_object_ref (dialog);
  sy_ui_run_in_worker (self, self->db, backup_worker, path_and_text, free_pair, NULL,
                       backup_done);
}

gboolean
sy_application_is_backing_up (SyApplication *self)
{
  g_return_val_if_fail (SY_IS_APPLICATION (self), FALSE);

  return self->backing_up;
}

static void
backup_chosen (GtkNativeDialog *chooser,
               int              response,
               gpointer         user_data)
{
  SyApplication *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->db != NULL && !self->backing_up)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sy_application_backup_to (self, file);
    }
  g_object_unref (chooser);
}

static GtkFileFilter *
backup_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Backups"));
  gtk_file_filter_add_pattern (filter, "*." SY_BACKUP_EXTENSION);
  return filter;
}

static void
backup_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SyApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("%s-%s.%s", _("backup"), stamp, SY_BACKUP_EXTENSION);

  chooser = gtk_file_chooser_native_new (_("Save a Backup"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), backup_filter ());
  g_signal_connect (chooser, "response", G_CALLBACK (backup_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct {
  char           *path;
  char           *directory;
  SyBackupReport  report;
  AdwMessageDialog *dialog;
} Restore;

static void
restore_free (Restore *restore)
{
  g_free (restore->path);
  g_free (restore->directory);
  sy_backup_report_clear (&restore->report);
  g_clear_object (&restore->dialog);
  g_free (restore);
}

static void
verify_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Restore *restore = data;
  GError *error = NULL;

  if (!sy_backup_verify (restore->path, &restore->report, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
restore_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Restore *restore = data;
  GError *error = NULL;

  sy_backup_report_clear (&restore->report);
  if (!sy_backup_restore (restore->path, restore->directory, &restore->report, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
restore_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyApplication *self = SY_APPLICATION (source);
  Restore *restore = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* Opened again after a failure too: the folder is then as it was. */
  self->db = sy_database_open (restore->directory, &open_error);
  self->backing_up = FALSE;
  update_actions (self);
  if (self->db != NULL)
    show_window (self);

  if (!ok)
    busy_dialog_finish (restore->dialog, _("Could Not Restore the Backup"), error->message);
  else if (open_error != NULL)
    busy_dialog_finish (restore->dialog, _("Cannot Open the Database"), open_error->message);
  else
    {
      g_autofree char *text = describe_report (&restore->report);
      g_autofree char *body = g_strdup_printf (_("The database is now as it was on %s. %s"),
                                               restore->report.created_at, text);

      busy_dialog_finish (restore->dialog, _("Backup Restored"), body);
    }
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (SY_IS_WINDOW (l->data))
      {
        gtk_window_set_transient_for (GTK_WINDOW (restore->dialog), l->data);
        gtk_window_set_modal (GTK_WINDOW (restore->dialog), TRUE);
        break;
      }
  gtk_window_present (GTK_WINDOW (restore->dialog));
  g_application_release (G_APPLICATION (self));
}

/* The backup is sound: close everything that uses the database (its files
 * are about to be swapped under it), restore, then open it again. */
static void
verify_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SyApplication *self = SY_APPLICATION (source);
  Restore *restore = g_object_get_data (G_OBJECT (result), "restore");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  SyDatabase *db = self->db;
  GList *windows;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->backing_up = FALSE;
      update_actions (self);
      busy_dialog_finish (restore->dialog, _("Could Not Restore the Backup"), error->message);
      g_application_release (G_APPLICATION (self));
      return;
    }

  /* The dialog outlives the window it was over. */
  gtk_window_set_modal (GTK_WINDOW (restore->dialog), FALSE);
  gtk_window_set_transient_for (GTK_WINDOW (restore->dialog), NULL);
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != (gpointer) restore->dialog)
      gtk_window_destroy (l->data);
  g_list_free (windows);

  /* Restoring under a connection that is still open would let it go on
   * writing to the replaced files: refuse if anything still holds one. */
  g_object_add_weak_pointer (G_OBJECT (db), (gpointer *) &db);
  g_clear_object (&self->db);
  if (db != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (db), (gpointer *) &db);
      self->db = g_object_ref (db);
      g_object_unref (db);
      self->backing_up = FALSE;
      update_actions (self);
      show_window (self);
      busy_dialog_finish (restore->dialog, _("Could Not Restore the Backup"),
                          _("The database is still in use. Close the other windows and try again."));
      g_application_release (G_APPLICATION (self));
      return;
    }

  task = g_task_new (self, NULL, restore_done, NULL);
  g_task_set_task_data (task, g_object_steal_data (G_OBJECT (result), "restore"),
                        (GDestroyNotify) restore_free);
  g_task_run_in_thread (task, restore_thread);
}

/* A shared database is replaced in one transaction while it stays open:
 * the windows stay and reload afterwards (the other desks' reload when
 * their watchers see the restore's audit row). */
static gboolean
restore_shared_worker (SyDatabase    *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Restore *restore = data;

  sy_backup_report_clear (&restore->report);
  return sy_backup_restore_into (db, restore->path, &restore->report, error);
}

static void
restore_shared_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SyApplication *self = SY_APPLICATION (source);
  Restore *restore = sy_ui_worker_get_data (result);
  g_autoptr(GError) error = NULL;

  self->backing_up = FALSE;
  update_actions (self);
  g_application_release (G_APPLICATION (self));
  if (!sy_ui_worker_finish (result, &error))
    {
      busy_dialog_finish (restore->dialog, _("Could Not Restore the Backup"), error->message);
      return;
    }
  {
    g_autofree char *text = describe_report (&restore->report);
    g_autofree char *body = g_strdup_printf (_("The shared database is now as it was on %s. %s"),
                                             restore->report.created_at, text);

    busy_dialog_finish (restore->dialog, _("Backup Restored"), body);
  }
  if (self->db != NULL)
    for_each_window (self, window_load, self->db);
}

static void
restore_confirmed (AdwMessageDialog *confirm,
                   const char       *response,
                   gpointer          user_data)
{
  SyApplication *self = user_data;
  Restore *restore;
  g_autoptr(GTask) task = NULL;

  if (g_strcmp0 (response, "restore") != 0 || self->db == NULL || self->backing_up)
    return;

  restore = g_new0 (Restore, 1);
  restore->path = g_strdup (g_object_get_data (G_OBJECT (confirm), "path"));
  restore->directory = g_strdup (sy_database_get_directory (self->db));
  restore->dialog = g_object_ref (busy_dialog_new (self, _("Restoring the Backup…")));
  self->backing_up = TRUE;
  update_actions (self);
  /* Holds the application while no window is open. */
  g_application_hold (G_APPLICATION (self));

  if (sy_database_is_postgres (self->db))
    {
      /* The worker verifies all of the backup before it changes anything. */
      sy_ui_run_in_worker (self, self->db, restore_shared_worker, restore,
                           (GDestroyNotify) restore_free, NULL, restore_shared_done);
      return;
    }

  /* Verified before anything is closed, so a bad file costs nothing. */
  task = g_task_new (self, NULL, verify_done, NULL);
  g_task_set_task_data (task, restore, NULL);
  /* Object data rather than task data: verify_done hands it on. */
  g_object_set_data_full (G_OBJECT (task), "restore", restore, (GDestroyNotify) restore_free);
  g_task_run_in_thread (task, verify_thread);
}

void
sy_application_restore_from (SyApplication *self,
                             GFile         *file)
{
  GtkWindow *parent;
  AdwMessageDialog *confirm;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (SY_IS_APPLICATION (self));

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  path = g_file_get_path (file);
  if (self->db != NULL && sy_database_is_postgres (self->db))
    body = g_strdup_printf (_("Everything in the shared database and its attachments is replaced "
                              "by the backup %s, for every desk. Changes made since that backup "
                              "are lost, other desks' changes included."), path);
  else
    body = g_strdup_printf (_("Everything in the database and its attachments is replaced by the "
                              "backup %s. Changes made since that backup are lost. The window "
                              "closes and opens again when the backup is in."), path);
  confirm = sy_ui_confirm (parent ? GTK_WIDGET (parent) : NULL, _("Restore the Backup?"), body,
                           "restore", _("_Restore"), G_CALLBACK (restore_confirmed), self);
  g_object_set_data_full (G_OBJECT (confirm), "path", g_steal_pointer (&path), g_free);
}

static void
restore_chosen (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  SyApplication *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      sy_application_restore_from (self, file);
    }
  g_object_unref (chooser);
}

static void
restore_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  SyApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Restore a Backup"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), backup_filter ());
  g_signal_connect (chooser, "response", G_CALLBACK (restore_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* --- automatic backups ---------------------------------------------------- */

typedef struct {
  char  *folder;
  guint  keep;
} AutoBackup;

static void
auto_backup_free (gpointer data)
{
  AutoBackup *auto_backup = data;

  g_free (auto_backup->folder);
  g_free (auto_backup);
}

static gboolean
auto_backup_worker (SyDatabase    *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  AutoBackup *auto_backup = data;
  g_autofree char *path = sy_backup_auto (db, auto_backup->folder, auto_backup->keep, error);

  return path != NULL;
}

static void
auto_backup_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SyApplication *self = SY_APPLICATION (source);
  g_autoptr(GError) error = NULL;

  self->backing_up = FALSE;
  update_actions (self);
  g_application_release (G_APPLICATION (self));
  if (sy_ui_worker_finish (result, &error))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_int64 (settings, "last-auto-backup", g_get_real_time () / G_USEC_PER_SEC);
    }
  else
    /* Not a dialog every hour: the next check tries again. */
    g_warning ("Automatic backup failed: %s", error->message);
}

gboolean
sy_application_check_auto_backup (SyApplication *self)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *period = NULL;
  g_autofree char *configured = NULL;
  AutoBackup *auto_backup;

  g_return_val_if_fail (SY_IS_APPLICATION (self), FALSE);

  if (self->db == NULL || self->backing_up || self->populating || self->welcoming)
    return FALSE;
  settings = g_settings_new (APP_ID);
  period = g_settings_get_string (settings, "auto-backup");
  if (!sy_auto_backup_is_due (g_get_real_time () / G_USEC_PER_SEC,
                              g_settings_get_int64 (settings, "last-auto-backup"),
                              sy_auto_backup_period_from_string (period)))
    return FALSE;

  configured = g_settings_get_string (settings, "auto-backup-folder");
  auto_backup = g_new0 (AutoBackup, 1);
  auto_backup->folder = sy_auto_backup_folder (configured, sy_database_get_files_directory (self->db));
  auto_backup->keep = MAX (1, g_settings_get_int (settings, "auto-backup-keep"));
  self->backing_up = TRUE;
  update_actions (self);
  g_application_hold (G_APPLICATION (self));
  sy_ui_run_in_worker (self, self->db, auto_backup_worker, auto_backup, auto_backup_free, NULL,
                       auto_backup_done);
  return TRUE;
}

static gboolean
auto_backup_tick (gpointer user_data)
{
  sy_application_check_auto_backup (user_data);
  return G_SOURCE_CONTINUE;
}

/* --- opening a shared database, switching databases ------------------------ */

/* The database on this computer: the database-directory setting, else
 * the default folder. */
static char *
local_directory (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *configured = g_settings_get_string (settings, "database-directory");

  return *configured != '\0' ? g_steal_pointer (&configured) : sy_database_default_directory ();
}

static void
window_welcome (SyWindow *window, gpointer data)
{
  show_welcome (data, window);
}

/* Takes @db as the application's database (startup after the dialog, a
 * switch): its location becomes the one workers and Preferences see. */
static void
set_database (SyApplication *self,
              SyDatabase    *db)
{
  g_set_object (&self->db, db);
  g_clear_error (&self->open_error);
  g_free (self->directory);
  self->directory = g_strdup (sy_database_get_directory (db));
}

static void
open_dialog_opened (SyOpenDialog *dialog,
                    SyDatabase   *db,
                    gpointer      user_data)
{
  SyApplication *self = user_data;

  set_database (self, db);
  update_actions (self);
  /* The window first: the dialog is the application's last window, and
   * the application would end with it. */
  show_window (self);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sy_application_check_auto_backup (self);
}

static void
open_dialog_response (SyOpenDialog *dialog,
                      const char   *response,
                      gpointer      user_data)
{
  SyApplication *self = user_data;

  if (g_strcmp0 (response, "local") == 0)
    {
      /* For this run only: the setting still names the shared database. */
      g_free (self->directory);
      self->directory = local_directory ();
      g_clear_error (&self->open_error);
      self->db = sy_database_open (self->directory, &self->open_error);
      update_actions (self);
      if (self->db == NULL)
        {
          self->error_shown = TRUE;
          show_error (self, _("Cannot Open the Database"), self->open_error->message, TRUE);
        }
      else
        {
          show_window (self);
          sy_application_check_auto_backup (self);
        }
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  else if (g_strcmp0 (response, "quit") == 0)
    gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The startup's shared database did not open: ask for its password, or
 * offer to retry, instead of only quitting. */
static void
show_open_dialog (SyApplication *self)
{
  if (self->open_dialog == NULL)
    {
      self->open_dialog = sy_open_dialog_new (GTK_APPLICATION (self), self->directory, self->open_error);
      g_object_add_weak_pointer (G_OBJECT (self->open_dialog), (gpointer *) &self->open_dialog);
      g_signal_connect_object (self->open_dialog, "opened", G_CALLBACK (open_dialog_opened), self, 0);
      g_signal_connect_object (self->open_dialog, "response", G_CALLBACK (open_dialog_response), self, 0);
    }
  gtk_window_present (GTK_WINDOW (self->open_dialog));
}

/* The database just switched to: the first start when it is empty, else
 * every window reloaded from it. */
static void
present_database (SyApplication *self)
{
  self->welcoming = FALSE;
  if (sy_database_is_empty (self->db))
    {
      if (self->demo_if_empty)
        {
          start_populating (self);
          for_each_window (self, window_set_progress, self);
        }
      else
        {
          self->welcoming = TRUE;
          for_each_window (self, window_welcome, self);
        }
    }
  else
    for_each_window (self, window_load, self->db);
  update_actions (self);
}

gboolean
sy_application_is_switching (SyApplication *self)
{
  g_return_val_if_fail (SY_IS_APPLICATION (self), FALSE);

  return self->switching;
}

/* Refused while something works on the current database in a worker that
 * the switch would leave behind half done. */
static gboolean
check_can_switch (SyApplication *self,
                  GError       **error)
{
  if (self->backing_up || self->populating || self->switching)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_CONFLICT,
                   _("The database cannot be switched while a backup, a restore or the demo data "
                     "is at work. Try again when it is done."));
      return FALSE;
    }
  /* Editors, the ledger builder and the like hold the current database:
   * switching under them would save a form into the database the user
   * just left.  Closing them is the user's call (a form may be unsaved). */
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (gtk_widget_get_visible (l->data) && !SY_IS_WINDOW (l->data)
          && !SY_IS_PREFERENCES_WINDOW (l->data) && !ADW_IS_MESSAGE_DIALOG (l->data))
        {
          const char *title = gtk_window_get_title (l->data);

          g_set_error (error, SY_ERROR, SY_ERROR_CONFLICT,
                       _("Close the window “%s” first: it works on the database in use."),
                       title != NULL && *title != '\0' ? title : _("(untitled)"));
          return FALSE;
        }
  }
  return TRUE;
}

static void
switch_opened (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SyApplication *self = SY_APPLICATION (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = sy_open_database_finish (result, &error);
  g_autoptr(GSettings) settings = NULL;

  self->switching = FALSE;
  g_application_release (G_APPLICATION (self));
  if (db == NULL || !check_can_switch (self, &error))
    {
      /* The current database stays. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_database (self, db);
  present_database (self);
  /* Stored only now that it opened; never the password (it would sit in
   * dconf in plain text). */
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "database-uri",
                         sy_database_is_postgres (db) ? sy_database_get_directory (db) : "");
  sy_application_check_auto_backup (self);
  g_task_return_boolean (task, TRUE);
}

void
sy_application_switch_database (SyApplication       *self,
                                const char          *location,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SY_IS_APPLICATION (self));
  g_return_if_fail (location != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sy_application_switch_database);
  if (!check_can_switch (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->switching = TRUE;
  /* Quitting meanwhile must not pull the application from under it. */
  g_application_hold (G_APPLICATION (self));
  sy_open_database_async (self, location, password, cancellable, switch_opened,
                          g_steal_pointer (&task));
}

gboolean
sy_application_switch_database_finish (SyApplication  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- preferences ----------------------------------------------------------- */

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  SyApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  SyPreferencesWindow *window = sy_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "office", .activate = office_activated },
  { .name = "help", .activate = help_activated },
  { .name = "preferences", .activate = preferences_activated },
  { .name = "backup", .activate = backup_activated },
  { .name = "restore", .activate = restore_activated },
};

/* --- GApplication ----------------------------------------------------------- */

static gint
sy_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  SyApplication *self = SY_APPLICATION (app);
  g_autofree char *directory = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &directory) && self->directory == NULL)
    sy_application_set_database_directory (self, directory);
  if (g_variant_dict_contains (options, "demo"))
    self->demo_if_empty = TRUE;

  return G_APPLICATION_CLASS (sy_application_parent_class)->handle_local_options (app, options);
}

static void
sy_application_startup (GApplication *app)
{
  SyApplication *self = SY_APPLICATION (app);
  static const struct { const char *action; const char *accels[2]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.view-plans", { "<Control>1", NULL } },
    { "win.view-recipients", { "<Control>2", NULL } },
    { "win.view-subsidies", { "<Control>3", NULL } },
    { "win.view-events", { "<Control>4", NULL } },
    { "win.view-archives", { "<Control>5", NULL } },
    { "win.export-ledger", { "<Control>p", NULL } },
    { "win.search", { "<Control>f", NULL } },
  };

  G_APPLICATION_CLASS (sy_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  if (self->directory == NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *shared = g_settings_get_string (settings, "database-uri");

      /* The shared database when one is chosen (Preferences); its password
       * comes from the environment or the password dialog (see activate),
       * never from the settings. */
      self->directory = *shared != '\0' ? g_steal_pointer (&shared) : local_directory ();
    }

  self->db = sy_database_open (self->directory, &self->open_error);
  update_actions (self);

  /* Automatic backups: checked now and every hour (the setting says how
   * often one is due). */
  sy_application_check_auto_backup (self);
  self->auto_backup_source = g_timeout_add_seconds (3600, auto_backup_tick, self);
}

static void
sy_application_activate (GApplication *app)
{
  SyApplication *self = SY_APPLICATION (app);

  if (self->open_error != NULL && sy_database_location_is_postgres (self->directory))
    {
      /* A password to ask for, a server to try again or the local
       * database instead; a second launch brings the same dialog back. */
      show_open_dialog (self);
      return;
    }
  if (self->open_error != NULL)
    {
      /* Activating again (a second launch) must not stack up dialogs. */
      if (!self->error_shown)
        {
          self->error_shown = TRUE;
          show_error (self, _("Cannot Open the Database"), self->open_error->message, TRUE);
        }
      return;
    }

  /* One welcome page: a second launch meanwhile brings it back rather
   * than offering a second office form. */
  if (self->welcoming)
    {
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
        if (SY_IS_WINDOW (l->data))
          {
            gtk_window_present (l->data);
            return;
          }
    }

  show_window (self);
}

static void
show_window (SyApplication *self)
{
  GtkWindow *window = GTK_WINDOW (sy_window_new (self));

  if (!self->populating && !self->welcoming && sy_database_is_empty (self->db))
    {
      if (self->demo_if_empty)
        start_populating (self);
      else
        self->welcoming = TRUE;
      update_actions (self);
    }

  if (self->populating)
    sy_window_set_progress (SY_WINDOW (window), self->populate_fraction, self->populate_text);
  else if (self->welcoming)
    show_welcome (self, SY_WINDOW (window));
  else
    sy_window_load (SY_WINDOW (window), self->db);

  gtk_window_present (window);
}

static void
sy_application_dispose (GObject *object)
{
  SyApplication *self = SY_APPLICATION (object);

  if (self->relay != NULL)
    sy_progress_relay_stop (self->relay);
  g_clear_pointer (&self->relay, sy_progress_relay_unref);
  g_clear_handle_id (&self->auto_backup_source, g_source_remove);
  g_clear_object (&self->db);
  if (self->open_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->open_dialog), (gpointer *) &self->open_dialog);
  self->open_dialog = NULL;

  G_OBJECT_CLASS (sy_application_parent_class)->dispose (object);
}

static void
sy_application_finalize (GObject *object)
{
  SyApplication *self = SY_APPLICATION (object);

  g_clear_error (&self->open_error);
  g_free (self->directory);
  g_free (self->populate_text);

  G_OBJECT_CLASS (sy_application_parent_class)->finalize (object);
}

static void
sy_application_class_init (SyApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* The templates and CSS live in a static library: referencing the bundle
   * keeps the linker from dropping it (it registers itself when linked). */
  (void) sy_ui_get_resource ();

  object_class->dispose = sy_application_dispose;
  object_class->finalize = sy_application_finalize;
  app_class->handle_local_options = sy_application_handle_local_options;
  app_class->startup = sy_application_startup;
  app_class->activate = sy_application_activate;
}

static void
sy_application_init (SyApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database in DIR instead of the configured one"), N_("DIR") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Fill an empty database with the demo office instead of asking for yours"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  self->demo_if_empty = g_strcmp0 (g_getenv ("SHUANGYONG_DEMO"), "1") == 0;
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Keep the records of a double-support office and print its ledger."));
}
