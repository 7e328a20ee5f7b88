/* sy-application.c: the application: database, first start, app actions */
#include <glib/gi18n.h>

#include "sy-application.h"
#include "sy-demo.h"
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

  /* An empty database gets the welcome page, or the demo office right
   * away with --demo / SHUANGYONG_DEMO=1 (build-aux/dev run, the tests). */
  gboolean         demo_if_empty;
  gboolean         welcoming;

  gboolean         populating;
  double           populate_fraction;
  char            *populate_text;
  SyProgressRelay *relay;
};

G_DEFINE_FINAL_TYPE (SyApplication, sy_application, ADW_TYPE_APPLICATION)

static void update_actions (SyApplication *self);

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

  if (office != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (office),
                                 self->db != NULL && !self->welcoming && !self->populating);
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

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "office", .activate = office_activated },
  { .name = "help", .activate = help_activated },
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
      g_autofree char *configured = g_settings_get_string (settings, "database-directory");

      self->directory = *configured != '\0' ? g_steal_pointer (&configured)
                                            : sy_database_default_directory ();
    }

  self->db = sy_database_open (self->directory, &self->open_error);
  update_actions (self);
}

static void
sy_application_activate (GApplication *app)
{
  SyApplication *self = SY_APPLICATION (app);
  GtkWindow *window;

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

  window = GTK_WINDOW (sy_window_new (self));
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
  g_clear_object (&self->db);

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
