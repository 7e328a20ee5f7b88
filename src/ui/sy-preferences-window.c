/* sy-preferences-window.c: Preferences: which database, automatic backups */
#include <glib/gi18n.h>

#include "sy-preferences-window.h"
#include "sy-auto-backup.h"
#include "sy-ui-util.h"

struct _SyPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  SyApplication   *application;
  GSettings       *settings;
  char            *local_directory;

  AdwActionRow    *current_row;
  AdwActionRow    *local_row;
  GtkCheckButton  *local_check;
  GtkCheckButton  *shared_check;
  AdwEntryRow     *host_entry;
  AdwEntryRow     *port_entry;
  AdwEntryRow     *dbname_entry;
  AdwEntryRow     *user_entry;
  AdwEntryRow     *password_entry;
  GtkSpinner      *spinner;
  GtkButton       *test_button;
  GtkButton       *switch_button;
  GtkLabel        *result_label;

  AdwPreferencesGroup *auto_group;
  AdwComboRow     *period_row;
  AdwActionRow    *folder_row;
  GtkSpinButton   *keep_spin;

  GCancellable    *cancellable;
  gboolean         testing;
  gboolean         result_ok;
};

G_DEFINE_FINAL_TYPE (SyPreferencesWindow, sy_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The values of the auto-backup setting, in the order of the combo row. */
static const char *const periods[] = { "off", "daily", "weekly" };

/* --- the database URI ---------------------------------------------------- */

static gboolean
require (const char *value, const char *field, GError **error)
{
  if (value != NULL && *value != '\0')
    return TRUE;
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s: please fill in this field."), field);
  return FALSE;
}

char *
sy_preferences_build_uri (const char  *host,
                          const char  *port,
                          const char  *dbname,
                          const char  *user,
                          const char  *password,
                          GError     **error)
{
  g_autofree char *e_host = NULL;
  g_autofree char *e_dbname = NULL;
  g_autofree char *e_user = NULL;
  g_autofree char *e_password = NULL;
  guint64 number = 0;

  if (!require (host, _("Host or socket folder"), error)
      || !require (dbname, _("Database name"), error)
      || !require (user, _("User (role)"), error))
    return NULL;
  if (port != NULL && *port != '\0'
      && (!g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL)))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s: “%s” is not a port number (1 to 65535)."), _("Port"), port);
      return NULL;
    }

  /* Every part escaped on its own: a socket folder, a password with "@"
   * or ":" must not change where the URI points. */
  e_host = g_uri_escape_string (host, NULL, FALSE);
  e_dbname = g_uri_escape_string (dbname, NULL, FALSE);
  e_user = g_uri_escape_string (user, NULL, FALSE);
  if (password != NULL && *password != '\0')
    e_password = g_uri_escape_string (password, NULL, FALSE);

  return g_strdup_printf ("postgresql://%s%s%s@%s%s%s/%s", e_user,
                          e_password != NULL ? ":" : "", e_password != NULL ? e_password : "",
                          e_host, number != 0 ? ":" : "", number != 0 ? port : "", e_dbname);
}

/* Fills the server fields from a stored URI (no password in it). */
static void
show_uri (SyPreferencesWindow *self,
          const char          *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, NULL);
  g_autofree char *host = NULL;
  g_autofree char *user = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *port = NULL;

  if (parsed == NULL)
    return;
  host = g_uri_unescape_string (g_uri_get_host (parsed), NULL);
  user = g_uri_get_user (parsed) ? g_uri_unescape_string (g_uri_get_user (parsed), NULL) : NULL;
  dbname = g_uri_unescape_string (g_uri_get_path (parsed) + (*g_uri_get_path (parsed) == '/'), NULL);
  if (g_uri_get_port (parsed) > 0)
    port = g_strdup_printf ("%d", g_uri_get_port (parsed));
  sy_preferences_window_set_server (self, host, port, dbname, user, NULL);
}

static char *
editable_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

char *
sy_preferences_window_get_location (SyPreferencesWindow  *self,
                                    gboolean              with_password,
                                    GError              **error)
{
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *user = NULL;

  g_return_val_if_fail (SY_IS_PREFERENCES_WINDOW (self), NULL);

  if (!gtk_check_button_get_active (self->shared_check))
    return g_strdup (self->local_directory);

  host = editable_text (self->host_entry);
  port = editable_text (self->port_entry);
  dbname = editable_text (self->dbname_entry);
  user = editable_text (self->user_entry);
  /* The password as typed: spaces may belong to it. */
  return sy_preferences_build_uri (host, port, dbname, user,
                                   with_password ? gtk_editable_get_text (GTK_EDITABLE (self->password_entry))
                                                 : NULL,
                                   error);
}

void
sy_preferences_window_set_shared (SyPreferencesWindow *self,
                                  gboolean             shared)
{
  g_return_if_fail (SY_IS_PREFERENCES_WINDOW (self));

  gtk_check_button_set_active (shared ? self->shared_check : self->local_check, TRUE);
}

void
sy_preferences_window_set_server (SyPreferencesWindow *self,
                                  const char          *host,
                                  const char          *port,
                                  const char          *dbname,
                                  const char          *user,
                                  const char          *password)
{
  g_return_if_fail (SY_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->host_entry), host ? host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->port_entry), port ? port : "");
  gtk_editable_set_text (GTK_EDITABLE (self->dbname_entry), dbname ? dbname : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), user ? user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), password ? password : "");
}

/* --- Test Connection ----------------------------------------------------- */

typedef struct {
  int      schema_version;
  gboolean read_only;
  char    *role;
} Tested;

static void
tested_free (Tested *tested)
{
  g_free (tested->role);
  g_free (tested);
}

static void
test_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  g_autoptr(SyDatabase) db = NULL;
  GError *error = NULL;
  Tested *tested;

  /* Its own connection, closed again: the main thread's stays as it is. */
  db = sy_database_open_uri (data, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  tested = g_new0 (Tested, 1);
  tested->schema_version = sy_database_get_schema_version (db);
  tested->read_only = sy_database_is_read_only (db);
  tested->role = g_strdup (sy_database_get_role (db));
  g_task_return_pointer (task, tested, (GDestroyNotify) tested_free);
}

static void
set_result (SyPreferencesWindow *self,
            gboolean             ok,
            const char          *text)
{
  self->result_ok = ok;
  gtk_label_set_text (self->result_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), ok ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_label), ok ? "success" : "error");
}

static void
set_testing (SyPreferencesWindow *self,
             gboolean             testing)
{
  self->testing = testing;
  gtk_spinner_set_spinning (self->spinner, testing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !testing);
}

static void
test_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Tested *tested = g_task_propagate_pointer (G_TASK (result), &error);
  SyPreferencesWindow *self;
  GString *text;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SY_PREFERENCES_WINDOW (source);
  set_testing (self, FALSE);
  if (tested == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not connect: %s"), error->message);

      set_result (self, FALSE, message);
      return;
    }

  text = g_string_new (NULL);
  g_string_append_printf (text, _("Connected. Schema version %d."), tested->schema_version);
  if (tested->role != NULL)
    g_string_append_printf (text, " %s %s", _("Role:"), tested->role);
  if (tested->read_only)
    g_string_append_printf (text, " %s", _("Read-only (reviewer account)"));
  set_result (self, TRUE, text->str);
  g_string_free (text, TRUE);
  tested_free (tested);
}

void
sy_preferences_window_test_connection (SyPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  char *location;

  g_return_if_fail (SY_IS_PREFERENCES_WINDOW (self));

  if (self->testing)
    return;
  location = sy_preferences_window_get_location (self, TRUE, &error);
  if (location == NULL)
    {
      set_result (self, FALSE, error->message);
      return;
    }
  set_testing (self, TRUE);
  gtk_label_set_text (self->result_label, _("Connecting…"));
  task = g_task_new (self, self->cancellable, test_done, NULL);
  g_task_set_task_data (task, location, g_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, test_thread);
}

gboolean
sy_preferences_window_is_testing (SyPreferencesWindow *self)
{
  g_return_val_if_fail (SY_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->testing;
}

const char *
sy_preferences_window_get_result (SyPreferencesWindow *self)
{
  g_return_val_if_fail (SY_IS_PREFERENCES_WINDOW (self), NULL);

  return gtk_label_get_text (self->result_label);
}

gboolean
sy_preferences_window_get_result_ok (SyPreferencesWindow *self)
{
  g_return_val_if_fail (SY_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->result_ok;
}

static void
test_clicked (SyPreferencesWindow *self)
{
  sy_preferences_window_test_connection (self);
}

/* --- Switch ---------------------------------------------------------------- */

static void show_current (SyPreferencesWindow *self, SyDatabase *db);

static void
switch_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SyPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SyDatabase *db;

  set_testing (self, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->switch_button), TRUE);
  if (!sy_application_switch_database_finish (SY_APPLICATION (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not switch: %s"), error->message);

      set_result (self, FALSE, message);
      return;
    }
  db = sy_application_get_database (self->application);
  show_current (self, db);
  {
    g_autofree char *where = sy_database_describe_location (sy_database_get_directory (db));
    g_autofree char *message = g_strdup_printf (_("Switched to %s."), where);

    set_result (self, TRUE, message);
  }
}

gboolean
sy_preferences_window_switch_database (SyPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;

  g_return_val_if_fail (SY_IS_PREFERENCES_WINDOW (self), FALSE);

  if (self->testing)
    return FALSE;
  location = sy_preferences_window_get_location (self, FALSE, &error);
  if (location == NULL)
    {
      set_result (self, FALSE, error->message);
      return FALSE;
    }
  set_testing (self, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->switch_button), FALSE);
  gtk_label_set_text (self->result_label, _("Connecting…"));
  /* The password apart from the location: the application keeps it for
   * this run only, the setting never sees it. */
  sy_application_switch_database (self->application, location,
                                  gtk_check_button_get_active (self->shared_check)
                                  ? gtk_editable_get_text (GTK_EDITABLE (self->password_entry)) : NULL,
                                  NULL, switch_done, g_object_ref (self));
  return TRUE;
}

static void
switch_clicked (SyPreferencesWindow *self)
{
  sy_preferences_window_switch_database (self);
}

/* --- automatic backups ----------------------------------------------------- */

static void
show_folder (SyPreferencesWindow *self)
{
  g_autofree char *configured = g_settings_get_string (self->settings, "auto-backup-folder");
  g_autofree char *folder = sy_auto_backup_folder (configured, self->local_directory);

  adw_action_row_set_subtitle (self->folder_row, folder);
}

static void
folder_chosen (GtkNativeDialog *chooser,
               int              response,
               gpointer         user_data)
{
  SyPreferencesWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      g_settings_set_string (self->settings, "auto-backup-folder", path);
      show_folder (self);
    }
  g_object_unref (chooser);
}

static void
folder_clicked (SyPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Folder for Automatic Backups"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (folder_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
period_changed (SyPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->period_row);

  if (selected < G_N_ELEMENTS (periods))
    g_settings_set_string (self->settings, "auto-backup", periods[selected]);
}

/* --- the window ------------------------------------------------------------ */

/* The row saying which database the application has open. */
static void
show_current (SyPreferencesWindow *self,
              SyDatabase          *db)
{
  if (db == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->current_row), _("No database is open"));
      adw_action_row_set_subtitle (self->current_row, "");
    }
  else if (sy_database_is_postgres (db))
    {
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->current_row),
                                     _("Shared database (PostgreSQL)"));
      subtitle = g_strdup_printf ("%s — %s %s%s%s", sy_database_get_directory (db), _("Role:"),
                                  sy_ui_or_dash (sy_database_get_role (db)),
                                  sy_database_is_read_only (db) ? " " : "",
                                  sy_database_is_read_only (db) ? _("Read-only (reviewer account)") : "");
      adw_action_row_set_subtitle (self->current_row, subtitle);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->current_row), _("Local database"));
      adw_action_row_set_subtitle (self->current_row, sy_database_get_directory (db));
    }
}

SyPreferencesWindow *
sy_preferences_window_new (SyApplication *application)
{
  SyPreferencesWindow *self;
  SyDatabase *db;
  g_autofree char *shared = NULL;
  g_autofree char *period = NULL;

  g_return_val_if_fail (SY_IS_APPLICATION (application), NULL);

  self = g_object_new (SY_TYPE_PREFERENCES_WINDOW, "application", application, NULL);
  self->application = application;
  db = sy_application_get_database (application);

  /* The local choice is the folder in use, or (on a server now) the one
   * the application would open without the shared database. */
  if (db != NULL && !sy_database_is_postgres (db))
    self->local_directory = g_strdup (sy_database_get_directory (db));
  else
    {
      g_autofree char *configured = g_settings_get_string (self->settings, "database-directory");

      self->local_directory = *configured != '\0' ? g_steal_pointer (&configured)
                                                  : sy_database_default_directory ();
    }
  adw_action_row_set_subtitle (self->local_row, self->local_directory);

  show_current (self, db);
  if (db != NULL && sy_database_is_postgres (db))
    {
      sy_preferences_window_set_shared (self, TRUE);
      show_uri (self, sy_database_get_directory (db));
    }

  shared = g_settings_get_string (self->settings, "database-uri");
  if (*shared != '\0' && (db == NULL || !sy_database_is_postgres (db)))
    show_uri (self, shared);

  /* Every desk of a shared database could back it up: saying so keeps
   * the office from filling several disks with the same copies. */
  if (db != NULL && sy_database_is_postgres (db))
    adw_preferences_group_set_description (self->auto_group,
                                           _("These backups hold the whole shared database with "
                                             "its attachments. One desk making them is enough."));

  period = g_settings_get_string (self->settings, "auto-backup");
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    if (g_strcmp0 (period, periods[i]) == 0)
      adw_combo_row_set_selected (self->period_row, i);
  g_signal_connect_object (self->period_row, "notify::selected", G_CALLBACK (period_changed),
                           self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "auto-backup-keep", self->keep_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  show_folder (self);

  return self;
}

static void
sy_preferences_window_dispose (GObject *object)
{
  SyPreferencesWindow *self = SY_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sy_preferences_window_parent_class)->dispose (object);
}

static void
sy_preferences_window_finalize (GObject *object)
{
  SyPreferencesWindow *self = SY_PREFERENCES_WINDOW (object);

  g_free (self->local_directory);

  G_OBJECT_CLASS (sy_preferences_window_parent_class)->finalize (object);
}

static void
sy_preferences_window_class_init (SyPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_preferences_window_dispose;
  object_class->finalize = sy_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, current_row);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, local_row);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, local_check);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, shared_check);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, host_entry);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, port_entry);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, dbname_entry);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, user_entry);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, password_entry);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, test_button);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, switch_button);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, result_label);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, auto_group);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, period_row);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, SyPreferencesWindow, keep_spin);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked);
  gtk_widget_class_bind_template_callback (widget_class, switch_clicked);
  gtk_widget_class_bind_template_callback (widget_class, folder_clicked);
}

static void
sy_preferences_window_init (SyPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
}
