/* sy-photo-folder-dialog.c: photos from a folder, matched to activities by date */
#include <glib/gi18n.h>

#include "sy-photo-folder-dialog.h"
#include "sy-ledger.h"
#include "sy-ui-util.h"

/* Activities offered for a photo: those within a week of its date. */
#define MATCH_DAYS 7
/* For a photo without a date (or none near it): the latest activities. */
#define RECENT_EVENTS 12
#define LIST_THUMB 64

typedef struct {
  SyPhotoIntake *intake;
  GArray        *event_ids;  /* gint64; [0] = 0, "Do not add" */
  GtkDropDown   *choice;
} PhotoRow;

struct _SyPhotoFolderDialog
{
  AdwWindow            parent_instance;

  GtkStack            *stack;
  AdwStatusPage       *done_page;
  AdwPreferencesGroup *photos_group;
  AdwPreferencesGroup *refused_group;
  GtkButton           *add_button;
  GtkButton           *cancel_button;

  SyEventRepo         *repo;
  GFile               *folder;
  GCancellable        *cancellable;
  GPtrArray           *rows;       /* PhotoRow */
  GPtrArray           *refused;    /* char * */
  guint                n_matched;
  gboolean             busy;
  char                *summary;
};

G_DEFINE_FINAL_TYPE (SyPhotoFolderDialog, sy_photo_folder_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_ADDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
photo_row_free (gpointer data)
{
  PhotoRow *row = data;

  sy_photo_intake_free (row->intake);
  g_array_unref (row->event_ids);
  g_free (row);
}

static void
update_add_button (SyPhotoFolderDialog *self)
{
  guint chosen = 0;

  for (guint i = 0; i < self->rows->len; i++)
    if (sy_photo_folder_dialog_get_choice (self, i) > 0)
      chosen++;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), !self->busy && chosen > 0);
}

/* "01-20 春节走访慰问" for the choice list. */
static char *
event_label (SyEvent *event)
{
  const char *date = sy_event_get_date (event);

  return g_strdup_printf ("%.10s %s", date != NULL ? date : "", sy_event_get_title (event));
}

static void
add_photo_row (SyPhotoFolderDialog *self,
               SyPhotoIntake       *intake,
               GListModel          *events)
{
  PhotoRow *row = g_new0 (PhotoRow, 1);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (intake->thumbnail);
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  guint same_day = 0;
  gint64 none = 0;

  row->intake = intake;
  row->event_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (row->event_ids, none);
  gtk_string_list_append (labels, _("Do not add"));

  matches = sy_photo_intake_match (intake->info.taken_at, events, MATCH_DAYS, &same_day);
  if (matches->len == 0)
    {
      /* Offer the latest activities: the list is newest first. */
      for (guint i = 0; i < MIN (g_list_model_get_n_items (events), RECENT_EVENTS); i++)
        g_ptr_array_add (matches, g_list_model_get_item (events, i));
    }
  for (guint i = 0; i < matches->len; i++)
    {
      SyEvent *event = g_ptr_array_index (matches, i);
      gint64 id = sy_record_get_id (SY_RECORD (event));
      g_autofree char *label = event_label (event);

      g_array_append_val (row->event_ids, id);
      gtk_string_list_append (labels, label);
    }

  row->choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (row->choice), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (row->choice), 260, -1);
  gtk_drop_down_set_selected (row->choice, same_day > 0 ? 1 : 0);
  if (same_day > 0)
    self->n_matched++;
  g_signal_connect_swapped (row->choice, "notify::selected", G_CALLBACK (update_add_button), self);

  gtk_widget_set_size_request (picture, LIST_THUMB, LIST_THUMB * 3 / 4);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (picture, "photo");
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), intake->name);
  if (intake->info.taken_at != NULL)
    {
      g_autofree char *subtitle = NULL;

      if (same_day > 0)
        subtitle = g_strdup_printf (_("Taken %s · matched by date"), intake->info.taken_at);
      else
        subtitle = g_strdup_printf (_("Taken %s · no activity that day"), intake->info.taken_at);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), _("No date in the photo · choose the activity"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (action_row), picture);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), GTK_WIDGET (row->choice));
  adw_preferences_group_add (self->photos_group, action_row);
  g_ptr_array_add (self->rows, row);
}

static void
scan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GPtrArray *refused = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;
  GPtrArray *found = sy_photo_intake_scan_folder (task_data, LIST_THUMB * 2, refused, cancellable, &error);

  if (found == NULL)
    {
      g_ptr_array_unref (refused);
      g_task_return_error (task, error);
      return;
    }
  /* The refused messages travel in the same array, after a NULL. */
  g_ptr_array_add (found, NULL);
  for (guint i = 0; i < refused->len; i++)
    g_ptr_array_add (found, g_strdup (g_ptr_array_index (refused, i)));
  g_ptr_array_unref (refused);
  g_ptr_array_set_free_func (found, NULL);
  g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

static void
scan_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SyPhotoFolderDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(SyQueryModel) events = NULL;
  g_autofree char *description = NULL;
  guint i;

  self->busy = FALSE;
  if (found == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_title (self->done_page, _("The Folder Could Not Be Read"));
      adw_status_page_set_description (self->done_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "done");
      update_add_button (self);
      return;
    }

  events = sy_queries_events (sy_event_repo_get_database (self->repo), &error);
  if (events == NULL)
    g_warning ("Listing the activities failed: %s", error->message);
  for (i = 0; i < found->len && g_ptr_array_index (found, i) != NULL; i++)
    {
      g_autoptr(GListStore) empty = g_list_store_new (SY_TYPE_EVENT);

      add_photo_row (self, g_ptr_array_index (found, i),
                     events != NULL ? G_LIST_MODEL (events) : G_LIST_MODEL (empty));
    }
  for (i++; i < found->len; i++)
    {
      char *message = g_ptr_array_index (found, i);

      g_ptr_array_add (self->refused, message);
      sy_ui_group_add_row (self->refused_group, message, NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->refused_group), self->refused->len > 0);

  if (self->rows->len == 0)
    {
      adw_status_page_set_title (self->done_page, _("No Photos in This Folder"));
      adw_status_page_set_description (self->done_page,
                                       self->refused->len > 0
                                       ? _("Its image files were all refused; open the folder to see why.")
                                       : _("Choose the folder that holds the photos (JPEG or PNG)."));
      gtk_stack_set_visible_child_name (self->stack, "done");
      update_add_button (self);
      return;
    }
  description = g_strdup_printf (_("%u photos: %u matched to an activity by date, %u without a match. "
                                   "Check the choices, then add them."),
                                 self->rows->len, self->n_matched, self->rows->len - self->n_matched);
  adw_preferences_group_set_description (self->photos_group, description);
  gtk_stack_set_visible_child_name (self->stack, "list");
  update_add_button (self);
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SyPhotoFolderDialog *self = SY_PHOTO_FOLDER_DIALOG (widget);
  SyDatabase *db = sy_event_repo_get_database (self->repo);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GPtrArray) new_hashes = g_ptr_array_new_with_free_func (g_free);
  guint added = 0, duplicates = 0, failed = 0;

  if (self->busy)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    {
      PhotoRow *row = g_ptr_array_index (self->rows, i);
      gint64 event_id = sy_photo_folder_dialog_get_choice (self, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(SyEvent) event = NULL;
      g_autoptr(SyEventPhoto) photo = NULL;
      g_autofree char *caption = NULL;

      if (event_id <= 0)
        continue;
      /* Read again (the scan dropped the bytes) and the activity afresh:
       * each addition moves its version on. */
      bytes = g_file_load_bytes (row->intake->file, NULL, NULL, &error);
      if (bytes != NULL)
        event = sy_database_load (db, SY_TYPE_EVENT, event_id, &error);
      if (event != NULL)
        {
          caption = sy_event_repo_default_caption (event);
          photo = sy_event_repo_add_photo (self->repo, event, bytes, row->intake->info.mime_type,
                                           row->intake->name, caption, &error);
        }
      if (photo != NULL)
        {
          added++;
          g_ptr_array_add (new_hashes, g_strdup (sy_event_photo_get_attachment_hash (photo)));
        }
      else if (g_error_matches (error, SY_ERROR, SY_ERROR_DUPLICATE))
        duplicates++;
      else
        {
          failed++;
          g_string_append_printf (problems, "\n%s: %s", row->intake->name,
                                  error != NULL ? error->message : "");
        }
    }

  /* Their print copies are made now, in the background, so the next
   * ledger export only reads them. */
  if (new_hashes->len > 0)
    {
      g_autoptr(SyPhotoPrintCache) print_copies = sy_photo_print_cache_for_database (db);

      sy_photo_print_cache_prepare_in_background (print_copies, (const char * const *) new_hashes->pdata,
                                                  new_hashes->len);
    }

  g_free (self->summary);
  self->summary = g_strdup_printf (_("%u added, %u already in their activity, %u failed.%s"),
                                   added, duplicates, failed, problems->str);
  adw_status_page_set_title (self->done_page, _("Photos Added"));
  adw_status_page_set_description (self->done_page, self->summary);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  g_signal_emit (self, signals[SIGNAL_ADDED], 0, added);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* --- public ------------------------------------------------------------------------ */

gboolean
sy_photo_folder_dialog_is_busy (SyPhotoFolderDialog *self)
{
  g_return_val_if_fail (SY_IS_PHOTO_FOLDER_DIALOG (self), FALSE);
  return self->busy;
}

guint
sy_photo_folder_dialog_get_n_photos (SyPhotoFolderDialog *self)
{
  g_return_val_if_fail (SY_IS_PHOTO_FOLDER_DIALOG (self), 0);
  return self->rows->len;
}

guint
sy_photo_folder_dialog_get_n_matched (SyPhotoFolderDialog *self)
{
  g_return_val_if_fail (SY_IS_PHOTO_FOLDER_DIALOG (self), 0);
  return self->n_matched;
}

guint
sy_photo_folder_dialog_get_n_refused (SyPhotoFolderDialog *self)
{
  g_return_val_if_fail (SY_IS_PHOTO_FOLDER_DIALOG (self), 0);
  return self->refused->len;
}

gint64
sy_photo_folder_dialog_get_choice (SyPhotoFolderDialog *self,
                                   guint                index)
{
  PhotoRow *row;
  guint selected;

  g_return_val_if_fail (SY_IS_PHOTO_FOLDER_DIALOG (self), 0);
  g_return_val_if_fail (index < self->rows->len, 0);
  row = g_ptr_array_index (self->rows, index);
  selected = gtk_drop_down_get_selected (row->choice);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= row->event_ids->len)
    return 0;
  return g_array_index (row->event_ids, gint64, selected);
}

const char *
sy_photo_folder_dialog_get_summary (SyPhotoFolderDialog *self)
{
  g_return_val_if_fail (SY_IS_PHOTO_FOLDER_DIALOG (self), "");
  return self->summary != NULL ? self->summary : "";
}

SyPhotoFolderDialog *
sy_photo_folder_dialog_new (GtkWindow   *parent,
                            SyEventRepo *repo,
                            GFile       *folder)
{
  SyPhotoFolderDialog *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (SY_IS_EVENT_REPO (repo), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  self = g_object_new (SY_TYPE_PHOTO_FOLDER_DIALOG,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->repo = g_object_ref (repo);
  self->folder = g_object_ref (folder);
  name = g_file_get_basename (folder);
  title = g_strdup_printf (_("Photos from %s"), name != NULL ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->busy = TRUE;
  task = g_task_new (NULL, self->cancellable, scan_done, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (folder), g_object_unref);
  g_task_run_in_thread (task, scan_thread);
  update_add_button (self);
  return self;
}

static void
sy_photo_folder_dialog_dispose (GObject *object)
{
  SyPhotoFolderDialog *self = SY_PHOTO_FOLDER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (sy_photo_folder_dialog_parent_class)->dispose (object);
}

static void
sy_photo_folder_dialog_finalize (GObject *object)
{
  SyPhotoFolderDialog *self = SY_PHOTO_FOLDER_DIALOG (object);

  g_clear_object (&self->repo);
  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->refused, g_ptr_array_unref);
  g_free (self->summary);
  G_OBJECT_CLASS (sy_photo_folder_dialog_parent_class)->finalize (object);
}

static void
sy_photo_folder_dialog_class_init (SyPhotoFolderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_photo_folder_dialog_dispose;
  object_class->finalize = sy_photo_folder_dialog_finalize;

  signals[SIGNAL_ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "folder.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "folder.cancel", NULL, cancel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "folder.cancel", NULL);
}

static void
sy_photo_folder_dialog_init (SyPhotoFolderDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *busy_page = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *list_page = adw_preferences_page_new ();

  self->rows = g_ptr_array_new_with_free_func (photo_row_free);
  self->refused = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 640);

  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "folder.cancel");
  self->add_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add Photos")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), "folder.add");
  gtk_widget_add_css_class (GTK_WIDGET (self->add_button), "suggested-action");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->cancel_button));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->add_button));

  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  adw_status_page_set_title (ADW_STATUS_PAGE (busy_page), _("Reading the Folder…"));
  adw_status_page_set_description (ADW_STATUS_PAGE (busy_page),
                                   _("Every photo is checked and its date read."));
  adw_status_page_set_child (ADW_STATUS_PAGE (busy_page), spinner);

  self->photos_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->photos_group, _("Photos"));
  self->refused_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->refused_group, _("Refused Files"));
  gtk_widget_set_visible (GTK_WIDGET (self->refused_group), FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (list_page), self->photos_group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (list_page), self->refused_group);

  self->done_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->done_page, "image-x-generic-symbolic");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, busy_page, "busy");
  gtk_stack_add_named (self->stack, list_page, "list");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->done_page), "done");
  gtk_stack_set_visible_child_name (self->stack, "busy");

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
}
