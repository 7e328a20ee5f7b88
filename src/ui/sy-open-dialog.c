/* sy-open-dialog.c: a shared database that did not open at startup */
#include <glib/gi18n.h>
#include <string.h>

#include "sy-open-dialog.h"

struct _SyOpenDialog
{
  AdwMessageDialog parent_instance;

  char           *location;
  gboolean        asks_password;
  gboolean        connecting;
  GtkWidget      *password_entry;   /* NULL unless asks_password */
  GtkWidget      *spinner;
  GtkLabel       *reason_label;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (SyOpenDialog, sy_open_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SIGNAL_OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The responses that try to connect ("connect" or "retry"), and the rest. */
static const char *
try_response (SyOpenDialog *self)
{
  return self->asks_password ? "connect" : "retry";
}

static void
set_connecting (SyOpenDialog *self,
                gboolean      connecting)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  self->connecting = connecting;
  gtk_widget_set_visible (self->spinner, connecting);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), connecting);
  adw_message_dialog_set_response_enabled (dialog, "quit", !connecting);
  adw_message_dialog_set_response_enabled (dialog, "local", !connecting);
  adw_message_dialog_set_response_enabled (dialog, try_response (self), !connecting);
  /* Not insensitive: that takes the focus from under the entry's text,
   * which GTK 4.8 warns about. */
  if (self->password_entry != NULL)
    gtk_editable_set_editable (GTK_EDITABLE (self->password_entry), !connecting);
}

static void
show_reason (SyOpenDialog *self,
             const char   *reason)
{
  gtk_label_set_text (self->reason_label, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL && *reason != '\0');
}

typedef struct {
  char *location;
  char *password;
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  g_free (attempt->location);
  if (attempt->password != NULL)
    memset (attempt->password, 0, strlen (attempt->password));
  g_free (attempt->password);
  g_free (attempt);
}

static void
connect_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Attempt *attempt = data;
  GError *error = NULL;
  SyDatabase *db = sy_database_open_with_password (attempt->location, attempt->password, &error);

  if (db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, db, g_object_unref);
}

void
sy_open_database_async (gpointer             source_object,
                        const char          *location,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  Attempt *attempt = g_new0 (Attempt, 1);

  attempt->location = g_strdup (location);
  attempt->password = g_strdup (password);
  g_task_set_source_tag (task, sy_open_database_async);
  g_task_set_task_data (task, attempt, (GDestroyNotify) attempt_free);
  g_task_run_in_thread (task, connect_thread);
}

SyDatabase *
sy_open_database_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sy_open_database_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
connect_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = sy_open_database_finish (result, &error);
  SyOpenDialog *self;

  /* The dialog was destroyed meanwhile: nobody to tell. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self = SY_OPEN_DIALOG (source);
  set_connecting (self, FALSE);
  if (db == NULL)
    {
      show_reason (self, error->message);
      if (self->password_entry != NULL)
        {
          gtk_editable_select_region (GTK_EDITABLE (self->password_entry), 0, -1);
          gtk_widget_grab_focus (self->password_entry);
        }
      return;
    }
  show_reason (self, NULL);
  g_signal_emit (self, signals[SIGNAL_OPENED], 0, db);
}

static void
start_connecting (SyOpenDialog *self)
{
  if (self->connecting)
    return;
  set_connecting (self, TRUE);
  show_reason (self, NULL);
  sy_open_database_async (self, self->location,
                          self->password_entry != NULL
                          ? gtk_editable_get_text (GTK_EDITABLE (self->password_entry)) : NULL,
                          self->cancellable, connect_done, NULL);
}

static void
sy_open_dialog_response (AdwMessageDialog *dialog,
                         const char       *response)
{
  SyOpenDialog *self = SY_OPEN_DIALOG (dialog);

  if (g_strcmp0 (response, try_response (self)) == 0)
    start_connecting (self);
}

/* Closing would leave the application without a window and without a
 * choice made: the dialog stays until the application destroys it (the
 * response buttons close it first and respond after). */
static gboolean
sy_open_dialog_close_request (GtkWindow *window)
{
  return TRUE;
}

static void
password_activated (SyOpenDialog *self)
{
  if (!self->connecting)
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "connect");
}

SyOpenDialog *
sy_open_dialog_new (GtkApplication *application,
                    const char     *location,
                    const GError   *error)
{
  SyOpenDialog *self;
  AdwMessageDialog *dialog;
  g_autofree char *who = NULL;
  GtkWidget *box;

  g_return_val_if_fail (location != NULL && error != NULL, NULL);

  self = g_object_new (SY_TYPE_OPEN_DIALOG, NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->location = g_strdup (location);
  self->asks_password = g_error_matches (error, SY_ERROR, SY_ERROR_AUTH);
  who = sy_database_describe_location (location);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  if (self->asks_password)
    {
      adw_message_dialog_set_heading (dialog, _("Password for the Shared Database"));
      adw_message_dialog_format_body (dialog, _("The database server asks for the password of %s."),
                                      who);
      self->password_entry = gtk_password_entry_new ();
      gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (self->password_entry), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->password_entry),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
      g_signal_connect_object (self->password_entry, "activate", G_CALLBACK (password_activated),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), self->password_entry);
    }
  else
    {
      adw_message_dialog_set_heading (dialog, _("Cannot Open the Shared Database"));
      adw_message_dialog_format_body (dialog, _("%s could not be opened. Try again, or use the "
                                                "database on this computer for now."), who);
    }
  self->reason_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->reason_label, TRUE);
  gtk_label_set_xalign (self->reason_label, 0.0);
  gtk_widget_add_css_class (GTK_WIDGET (self->reason_label), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reason_label));
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_size_request (self->spinner, 24, 24);
  gtk_box_append (GTK_BOX (box), self->spinner);
  adw_message_dialog_set_extra_child (dialog, box);
  /* Without a password the reason is the body; a refused password is
   * said under the entry. */
  show_reason (self, self->asks_password ? NULL : error->message);

  adw_message_dialog_add_response (dialog, "quit", _("_Quit"));
  adw_message_dialog_add_response (dialog, "local", _("Use the _Local Database"));
  adw_message_dialog_add_response (dialog, try_response (self),
                                   self->asks_password ? _("_Connect") : _("_Retry"));
  adw_message_dialog_set_response_appearance (dialog, try_response (self), ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, try_response (self));
  adw_message_dialog_set_close_response (dialog, "quit");
  set_connecting (self, FALSE);

  /* Belonging to the application keeps it running while no window is. */
  gtk_window_set_application (GTK_WINDOW (self), application);
  return self;
}

gboolean
sy_open_dialog_is_connecting (SyOpenDialog *self)
{
  g_return_val_if_fail (SY_IS_OPEN_DIALOG (self), FALSE);

  return self->connecting;
}

gboolean
sy_open_dialog_asks_password (SyOpenDialog *self)
{
  g_return_val_if_fail (SY_IS_OPEN_DIALOG (self), FALSE);

  return self->asks_password;
}

const char *
sy_open_dialog_get_reason (SyOpenDialog *self)
{
  g_return_val_if_fail (SY_IS_OPEN_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->reason_label))
         ? gtk_label_get_text (self->reason_label) : "";
}

static void
sy_open_dialog_dispose (GObject *object)
{
  SyOpenDialog *self = SY_OPEN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* GTK 4.8's password entry watches its text's focus without holding
   * itself alive: a focus still in it when the window goes calls back
   * into the disposed entry. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);

  G_OBJECT_CLASS (sy_open_dialog_parent_class)->dispose (object);
}

static void
sy_open_dialog_finalize (GObject *object)
{
  SyOpenDialog *self = SY_OPEN_DIALOG (object);

  g_free (self->location);

  G_OBJECT_CLASS (sy_open_dialog_parent_class)->finalize (object);
}

static void
sy_open_dialog_class_init (SyOpenDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = sy_open_dialog_dispose;
  object_class->finalize = sy_open_dialog_finalize;
  window_class->close_request = sy_open_dialog_close_request;
  dialog_class->response = sy_open_dialog_response;

  /* The database opened: the handler takes its own reference. */
  signals[SIGNAL_OPENED] = g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, SY_TYPE_DATABASE);
}

static void
sy_open_dialog_init (SyOpenDialog *self)
{
  self->cancellable = g_cancellable_new ();
}
