/* sy-window.c: the main window: five views, export of the ledger */
#include <glib/gi18n.h>

#include "sy-window.h"
#include "sy-archives-page.h"
#include "sy-assessment-window.h"
#include "sy-events-page.h"
#include "sy-ledger-builder.h"
#include "sy-ledger-document.h"
#include "sy-plans-page.h"
#include "sy-recipients-page.h"
#include "sy-subsidies-page.h"
#include "sy-ui-util.h"

struct _SyWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *stack;
  GtkStack             *main_stack;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  GtkRevealer          *export_revealer;
  GtkLabel             *export_label;
  GtkProgressBar       *export_progress;
  SyPlansPage          *plans_page;
  SyRecipientsPage     *recipients_page;
  SySubsidiesPage      *subsidies_page;
  SyEventsPage         *events_page;
  SyArchivesPage       *archives_page;

  GSettings            *settings;
  SyDatabase           *db;
  SyChangeWatcher      *watcher;
  guint                 stale_views;    /* bit per view_names[] entry */
  gint64                last_change_toast;

  GCancellable         *export_cancellable;
  SyProgressRelay      *export_relay;
  gboolean              disposed;
};

G_DEFINE_FINAL_TYPE (SyWindow, sy_window, ADW_TYPE_APPLICATION_WINDOW)

SyWindow *
sy_window_new (SyApplication *application)
{
  return g_object_new (SY_TYPE_WINDOW, "application", application, NULL);
}

void
sy_window_add_toast (SyWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (SY_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void set_exporting (SyWindow *self, gboolean exporting);

/* --- views ------------------------------------------------------------------ */

GtkWidget *
sy_window_get_page (SyWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (SY_IS_WINDOW (self), NULL);

  return adw_view_stack_get_child_by_name (self->stack, name);
}

const char *
sy_window_get_view (SyWindow *self)
{
  g_return_val_if_fail (SY_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
sy_window_set_view (SyWindow   *self,
                    const char *name)
{
  g_return_if_fail (SY_IS_WINDOW (self));

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

static void
view_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  /* "view-plans" → "plans" */
  sy_window_set_view (SY_WINDOW (user_data),
                      g_action_get_name (G_ACTION (action)) + strlen ("view-"));
}

/* The bottom switcher stands in for the header's when the window is too
 * narrow for it, and only when there are views to switch.  It is shown and
 * hidden rather than revealed: with animations off, GTK 4.8's revealer
 * allocates the bar's boxes with a negative height and warns. */
static void
update_switcher_bar (SyWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar),
                          adw_view_switcher_title_get_title_visible (self->switcher_title)
                          && adw_view_switcher_title_get_view_switcher_enabled (self->switcher_title));
}

/* The welcome page is used once: it goes when the views (or the demo
 * progress) come. */
static void
drop_welcome (SyWindow *self)
{
  GtkWidget *welcome = gtk_stack_get_child_by_name (self->main_stack, "welcome");

  if (welcome != NULL)
    gtk_stack_remove (self->main_stack, welcome);
}

/* --- another desk's changes --------------------------------------------------- */

static const char *const view_names[] = { "plans", "recipients", "subsidies", "events", "archives" };

/* A page's reload reads its lists again and keeps what the user was
 * looking at: search, filters, the selected record, the scroll position. */
static void
reload_view (SyWindow *self, guint index)
{
  self->stale_views &= ~(1u << index);
  switch (index)
    {
    case 0: sy_plans_page_reload (self->plans_page); break;
    case 1: sy_recipients_page_reload (self->recipients_page); break;
    case 2: sy_subsidies_page_reload (self->subsidies_page); break;
    case 3: sy_events_page_reload (self->events_page); break;
    case 4: sy_archives_page_reload (self->archives_page); break;
    default: g_assert_not_reached ();
    }
}

static int
view_index (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (view_names); i++)
    if (g_str_equal (name, view_names[i]))
      return i;
  return -1;
}

/* Only the visible view reloads now; the others when they are shown, so a
 * busy server is not read five times over every few seconds. */
static void
database_changed_elsewhere (SyWindow *self)
{
  int visible = view_index (adw_view_stack_get_visible_child_name (self->stack));
  gint64 now = g_get_monotonic_time ();

  if (self->db == NULL)
    return;
  self->stale_views = (1u << G_N_ELEMENTS (view_names)) - 1;
  if (visible >= 0)
    reload_view (self, visible);
  /* Reloads can come every few seconds; the note that explains them, once
   * a minute at most. */
  if (self->last_change_toast == 0 || now - self->last_change_toast >= 60 * G_USEC_PER_SEC)
    {
      self->last_change_toast = now;
      sy_window_add_toast (self, adw_toast_new (_("Another user updated the data")));
    }
}

static void
refresh_interval_changed (SyWindow *self)
{
  if (self->watcher != NULL)
    sy_change_watcher_set_interval (self->watcher,
                                    g_settings_get_int (self->settings, "refresh-interval"));
}

static void
watch_database (SyWindow *self)
{
  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_clear_object (&self->watcher);
  self->watcher = sy_change_watcher_new (self->db, g_settings_get_int (self->settings, "refresh-interval"));
  g_signal_connect_swapped (self->watcher, "changed", G_CALLBACK (database_changed_elsewhere), self);
}

static void
visible_view_changed (SyWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);
  int index = view_index (name);

  if (name != NULL)
    g_settings_set_string (self->settings, "last-view", name);
  if (index >= 0 && self->db != NULL && (self->stale_views & (1u << index)))
    reload_view (self, index);
}

void
sy_window_show_welcome (SyWindow  *self,
                        GtkWidget *page)
{
  g_return_if_fail (SY_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (page));

  drop_welcome (self);
  gtk_stack_add_named (self->main_stack, page, "welcome");
  gtk_stack_set_visible_child (self->main_stack, page);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
}

void
sy_window_set_progress (SyWindow   *self,
                        double      fraction,
                        const char *text)
{
  g_return_if_fail (SY_IS_WINDOW (self));

  adw_status_page_set_title (self->progress_page, _("Creating a Demo Office"));
  adw_status_page_set_description (self->progress_page,
                                   _("The database is empty. It is being filled with a "
                                     "demo office to explore; your own records can replace it."));
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_stack_set_visible_child_name (self->main_stack, "progress");
  drop_welcome (self);
  /* No views to switch to yet: the header shows the plain title. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
}

void
sy_window_load (SyWindow   *self,
                SyDatabase *db)
{
  g_return_if_fail (SY_IS_WINDOW (self));
  g_return_if_fail (SY_IS_DATABASE (db));

  g_set_object (&self->db, db);
  sy_plans_page_set_database (self->plans_page, db);
  sy_recipients_page_set_database (self->recipients_page, db);
  sy_subsidies_page_set_database (self->subsidies_page, db);
  sy_events_page_set_database (self->events_page, db);
  sy_archives_page_set_database (self->archives_page, db);
  self->stale_views = 0;
  watch_database (self);
  gtk_stack_set_visible_child_name (self->main_stack, "content");
  drop_welcome (self);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  set_exporting (self, sy_window_is_exporting (self));
}

/* --- export of the ledger ----------------------------------------------------- */

typedef struct {
  char *directory;
  char *path;
  int   from_year;
  int   to_year;
  guint n_pages;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->directory);
  g_free (job->path);
  g_free (job);
}

gboolean
sy_window_is_exporting (SyWindow *self)
{
  g_return_val_if_fail (SY_IS_WINDOW (self), FALSE);

  return self->export_cancellable != NULL;
}

static void
set_exporting (SyWindow *self,
               gboolean  exporting)
{
  GAction *export_action = g_action_map_lookup_action (G_ACTION_MAP (self), "export-ledger");
  GAction *cancel_action = g_action_map_lookup_action (G_ACTION_MAP (self), "cancel-export");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (export_action), !exporting && self->db != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (cancel_action), exporting);
  gtk_revealer_set_reveal_child (self->export_revealer, exporting);
}

static void
export_progress (double fraction, const char *text, gpointer user_data)
{
  SyWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->export_progress, CLAMP (fraction, 0.0, 1.0));
  gtk_label_set_text (self->export_label,
                      text != NULL && *text != '\0' ? text : _("Exporting the ledger…"));
}

static void
ledger_progress (double fraction, const char *what, gpointer user_data)
{
  sy_progress_relay_post (user_data, fraction, what);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  SyProgressRelay *relay = g_object_get_data (G_OBJECT (task), "relay");
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(SyLedgerDocument) document = NULL;
  SyLedgerOptions options = {
    .from_year = job->from_year,
    .to_year = job->to_year,
    /* Left blank: the compiler signs the printed cover by hand. */
    .compiler = NULL,
  };
  GError *error = NULL;

  /* The worker has its own connection: libgda connections are not shared
   * between threads. */
  db = sy_database_open (job->directory, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sy_progress_relay_post (relay, 0.0, _("Reading the records…"));
  document = sy_ledger_document_new (db, &options);
  if (!sy_ledger_document_layout (document, cancellable, &error)
      || !sy_ledger_document_export_pdf (document, job->path, ledger_progress, relay,
                                         cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  job->n_pages = sy_ledger_document_get_n_pages (document);
  g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SyWindow *self = SY_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->export_relay != NULL)
    sy_progress_relay_stop (self->export_relay);
  g_clear_pointer (&self->export_relay, sy_progress_relay_unref);
  g_clear_object (&self->export_cancellable);

  /* The window was closed while the worker finished: nothing to show. */
  if (self->disposed)
    return;

  set_exporting (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, SY_ERROR, SY_ERROR_CANCELLED))
        message = g_strdup (_("Export cancelled"));
      else
        message = g_strdup_printf (_("Could not export the ledger: %s"), error->message);
      toast = adw_toast_new (message);
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      sy_window_add_toast (self, toast);
      return;
    }

  {
    /* Translators: shown when the PDF is written, e.g. 台帐已导出：%u页 */
    g_autofree char *title = g_strdup_printf (ngettext ("Ledger exported: %u page",
                                                        "Ledger exported: %u pages",
                                                        job->n_pages),
                                              job->n_pages);
    g_autoptr(GFile) file = g_file_new_for_path (job->path);
    g_autofree char *uri = g_file_get_uri (file);

    toast = adw_toast_new (title);
    adw_toast_set_button_label (toast, _("_Open"));
    adw_toast_set_action_name (toast, "win.open-uri");
    adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    sy_window_add_toast (self, toast);
  }
}

void
sy_window_export_ledger (SyWindow *self,
                         GFile    *file,
                         int       from_year,
                         int       to_year)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (SY_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->db != NULL);
  g_return_if_fail (!sy_window_is_exporting (self));

  job = g_new0 (ExportJob, 1);
  job->directory = g_strdup (sy_database_get_directory (self->db));
  job->path = g_file_get_path (file);
  job->from_year = MIN (from_year, to_year);
  job->to_year = MAX (from_year, to_year);

  self->export_cancellable = g_cancellable_new ();
  self->export_relay = sy_progress_relay_new (export_progress, self);
  export_progress (0.0, NULL, self);
  set_exporting (self, TRUE);

  task = g_task_new (self, self->export_cancellable, export_done, NULL);
  g_task_set_source_tag (task, sy_window_export_ledger);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  /* A cancelled export still reports through export_done, so the bar is
   * hidden by the same code either way. */
  g_task_set_check_cancellable (task, FALSE);
  g_object_set_data_full (G_OBJECT (task), "relay",
                          sy_progress_relay_ref (self->export_relay),
                          (GDestroyNotify) sy_progress_relay_unref);
  g_task_run_in_thread (task, export_thread);
}

/* Ctrl+P and the Archives tab's button: the ledger book window, where the
 * options are chosen and the pages previewed before export or print. */
static void
export_ledger_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  SyWindow *self = user_data;

  if (self->db == NULL || sy_window_is_exporting (self))
    return;
  gtk_window_present (GTK_WINDOW (sy_ledger_builder_new (GTK_WINDOW (self), self->db)));
}

static void
cancel_export_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  SyWindow *self = user_data;

  if (self->export_cancellable != NULL)
    {
      gtk_label_set_text (self->export_label, _("Cancelling…"));
      g_cancellable_cancel (self->export_cancellable);
    }
}

static void
open_uri_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  /* gtk_show_uri is the 4.8 way; GtkFileLauncher only came in 4.10. */
  gtk_show_uri (GTK_WINDOW (user_data), g_variant_get_string (parameter, NULL),
                GDK_CURRENT_TIME);
}

/* The first search field of @widget that is on screen, depth first. */
static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return gtk_widget_is_drawable (widget) ? widget : NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Ctrl+F in every view: the view's own search field, whatever it is. */
static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SyWindow *self = user_data;
  GtkWidget *page = adw_view_stack_get_visible_child (self->stack);
  GtkWidget *entry = page != NULL ? find_search_entry (page) : NULL;

  if (entry != NULL)
    gtk_widget_grab_focus (entry);
}

/* The 考评 items and their coverage, in a window of their own. */
static void
assessment_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  SyWindow *self = user_data;

  if (self->db != NULL)
    gtk_window_present (GTK_WINDOW (sy_assessment_window_new (GTK_WINDOW (self), self->db)));
}

static const GActionEntry win_actions[] = {
  { .name = "assessment", .activate = assessment_activated },
  { .name = "view-plans", .activate = view_activated },
  { .name = "view-recipients", .activate = view_activated },
  { .name = "view-subsidies", .activate = view_activated },
  { .name = "view-events", .activate = view_activated },
  { .name = "view-archives", .activate = view_activated },
  { .name = "export-ledger", .activate = export_ledger_activated },
  { .name = "cancel-export", .activate = cancel_export_activated },
  { .name = "open-uri", .activate = open_uri_activated, .parameter_type = "s" },
  { .name = "search", .activate = search_activated },
};

/* --- window state ------------------------------------------------------------ */

static void
restore_state (SyWindow *self)
{
  g_autofree char *view = g_settings_get_string (self->settings, "last-view");
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  /* A view that no longer exists (an older or newer version wrote it) is
   * ignored rather than warned about. */
  sy_window_set_view (self, view);
}

static void
save_state (SyWindow *self)
{
  int width, height;

  /* The default size follows the user's resizing but not maximizing, so it
   * is the size to come back to. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (self->settings, "last-view", sy_window_get_view (self));
  g_settings_apply (self->settings);
}

static gboolean
sy_window_close_request (GtkWindow *window)
{
  SyWindow *self = SY_WINDOW (window);

  save_state (self);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);

  return GTK_WINDOW_CLASS (sy_window_parent_class)->close_request (window);
}

static void
sy_window_dispose (GObject *object)
{
  SyWindow *self = SY_WINDOW (object);

  self->disposed = TRUE;
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->export_relay != NULL)
    sy_progress_relay_stop (self->export_relay);
  g_clear_pointer (&self->export_relay, sy_progress_relay_unref);
  if (self->watcher != NULL)
    g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_clear_object (&self->watcher);

  G_OBJECT_CLASS (sy_window_parent_class)->dispose (object);
}

static void
sy_window_finalize (GObject *object)
{
  SyWindow *self = SY_WINDOW (object);

  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sy_window_parent_class)->finalize (object);
}

static void
sy_window_class_init (SyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sy_window_dispose;
  object_class->finalize = sy_window_finalize;
  window_class->close_request = sy_window_close_request;

  g_type_ensure (SY_TYPE_PLANS_PAGE);
  g_type_ensure (SY_TYPE_RECIPIENTS_PAGE);
  g_type_ensure (SY_TYPE_SUBSIDIES_PAGE);
  g_type_ensure (SY_TYPE_EVENTS_PAGE);
  g_type_ensure (SY_TYPE_ARCHIVES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SyWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, progress_page);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, export_label);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, export_progress);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, plans_page);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, recipients_page);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, subsidies_page);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, events_page);
  gtk_widget_class_bind_template_child (widget_class, SyWindow, archives_page);
}

static void
sy_window_init (SyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  set_exporting (self, FALSE);

  self->settings = g_settings_new (APP_ID);
  restore_state (self);
  g_signal_connect_swapped (self->stack, "notify::visible-child-name",
                            G_CALLBACK (visible_view_changed), self);
  g_signal_connect_swapped (self->settings, "changed::refresh-interval",
                            G_CALLBACK (refresh_interval_changed), self);
  g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                            G_CALLBACK (update_switcher_bar), self);
  g_signal_connect_swapped (self->switcher_title, "notify::view-switcher-enabled",
                            G_CALLBACK (update_switcher_bar), self);
  update_switcher_bar (self);
}
