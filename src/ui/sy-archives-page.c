/* sy-archives-page.c: the Archives view: documents, and the button that opens the ledger book */
#include <glib/gi18n.h>

#include "sy-archives-page.h"
#include "sy-document-editor.h"
#include "sy-ui-util.h"
#include "sy-window.h"

/* The preview's page width at zoom 1, in pixels. */
#define PREVIEW_WIDTH 720

struct _SyArchivesPage
{
  AdwBin parent_instance;

  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *number_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *issuer_column;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *document_group;
  AdwPreferencesGroup *text_group;
  AdwPreferencesGroup *preview_group;
  GtkPicture          *thumbnail;
  GtkWidget           *preview_button;
  GtkWidget           *edit_button;
  GtkWidget           *delete_button;
  GtkSearchEntry      *search_entry;
  GtkWidget           *import_button;
  GtkWidget           *empty_import_button;
  GtkRevealer         *progress_revealer;
  GtkProgressBar      *progress_bar;
  GtkWidget           *cancel_button;

  SyDatabase          *db;
  SyDocumentRepo      *repo;
  GtkSingleSelection  *selection;
  GCancellable        *thumb_cancel;

  /* The import batch under way (import_cancel != NULL). */
  GCancellable        *import_cancel;
  guint                import_total;
  guint                import_done;
  GPtrArray           *intakes;     /* SyDocumentIntake, in completion order */
  GPtrArray           *refusals;    /* char *: "name: why" */
};

G_DEFINE_FINAL_TYPE (SyArchivesPage, sy_archives_page, ADW_TYPE_BIN)


static GtkWindow *
parent_window (SyArchivesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (SyArchivesPage *self, AdwToast *toast)
{
  GtkWindow *window = parent_window (self);

  if (SY_IS_WINDOW (window))
    sy_window_add_toast (SY_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

static void
thumbnail_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(SyArchivesPage) self = data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = sy_document_render_finish (result, NULL, &error);
  g_autoptr(GdkTexture) texture = NULL;

  if (surface == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_set_tooltip_text (GTK_WIDGET (self->thumbnail), error->message);
      return;
    }
  texture = sy_ui_texture_from_surface (surface);
  cairo_surface_destroy (surface);
  gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
}

/* Page 1 of @document, rendered off the main thread (at once when cached). */
static void
show_thumbnail (SyArchivesPage *self, SyDocument *document)
{
  const char *hash = document != NULL ? sy_document_get_attachment_hash (document) : NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *cached;

  g_cancellable_cancel (self->thumb_cancel);
  g_clear_object (&self->thumb_cancel);
  gtk_picture_set_paintable (self->thumbnail, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->thumbnail), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), document != NULL);
  if (hash == NULL || self->db == NULL)
    return;
  cached = sy_document_render_lookup (hash, 0, SY_DOCUMENT_THUMBNAIL_WIDTH * 2);
  if (cached != NULL)
    {
      g_autoptr(GdkTexture) texture = sy_ui_texture_from_surface (cached);

      cairo_surface_destroy (cached);
      gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
      return;
    }
  path = sy_attachment_store_get_path (sy_database_get_attachments (self->db), hash);
  self->thumb_cancel = g_cancellable_new ();
  /* Twice the width: sharp on a HiDPI screen and in the 220-pixel card. */
  sy_document_render_async (path, hash, sy_document_get_mime_type (document), 0,
                            SY_DOCUMENT_THUMBNAIL_WIDTH * 2, G_PRIORITY_LOW, self->thumb_cancel,
                            thumbnail_done,
                            g_object_ref (self));
}

static void
show_selected (SyArchivesPage *self)
{
  SyDocument *document = self->selection != NULL
                         ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  AdwPreferencesGroup *g = self->document_group;
  g_autofree char *attachment = NULL;
  const char *hash;

  sy_ui_group_clear (self->document_group);
  sy_ui_group_clear (self->text_group);
  gtk_widget_set_sensitive (self->edit_button, document != NULL);
  gtk_widget_set_sensitive (self->delete_button, document != NULL);
  gtk_widget_set_sensitive (self->preview_button, document != NULL);
  show_thumbnail (self, document);
  if (document == NULL)
    return;

  hash = sy_document_get_attachment_hash (document);
  if (hash == NULL || *hash == '\0')
    attachment = g_strdup (_("None"));
  else if (sy_document_get_mime_type (document) != NULL)
    {
      /* "PDF document", in the desktop's language (shared-mime-info). */
      g_autofree char *type = g_content_type_from_mime_type (sy_document_get_mime_type (document));
      attachment = type != NULL ? g_content_type_get_description (type)
                                : g_strdup (sy_document_get_mime_type (document));
    }
  else
    attachment = g_strdup (_("Stored"));
  sy_ui_group_add_field (g, _("Title"), sy_document_get_title (document));
  sy_ui_group_add_field (g, _("Document Number"), sy_document_get_doc_number (document));
  sy_ui_group_add_field (g, _("Issuer"), sy_document_get_issuer (document));
  sy_ui_group_add_field (g, _("Date"), sy_document_get_date (document));
  sy_ui_group_add_field (g, _("Tags"), sy_document_get_tags (document));
  sy_ui_group_add_field (g, _("Attachment"), attachment);
  sy_ui_group_add_text (self->text_group, sy_document_get_body_text (document));
}

/* Loads the list for the search text, back at @place (NULL: from the
 * top). */
static void
requery_at (SyArchivesPage *self, const SyUiListPlace *place)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SyQueryModel *model;

  if (self->db == NULL)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  model = sy_queries_documents_search (self->db, text, &error);
  if (*text)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Documents"));
      adw_status_page_set_description (self->empty_page, _("Try other search words."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Documents"));
      adw_status_page_set_description (self->empty_page,
                                       _("Import scans and PDFs of notices, agreements, minutes and vouchers, or drop the files here."));
    }
  self->selection = sy_ui_list_show_query (self->column_view, self->stack, self->empty_page,
                                           model, error, G_CALLBACK (show_selected), self);
  /* A change of selection has shown the document already. */
  if (place == NULL || !sy_ui_list_restore_place (self->column_view, self->selection, place))
    show_selected (self);
}

/* The same, selecting the document @id when it is there (0: the first). */
static void
requery (SyArchivesPage *self, gint64 id)
{
  SyUiListPlace place;

  sy_ui_list_save_place (self->column_view, self->selection, &place);
  place.id = id;
  requery_at (self, &place);
}

void
sy_archives_page_set_database (SyArchivesPage *self,
                               SyDatabase     *db)
{
  g_return_if_fail (SY_IS_ARCHIVES_PAGE (self));
  g_return_if_fail (SY_IS_DATABASE (db));

  g_set_object (&self->db, db);
  g_clear_object (&self->repo);
  self->repo = sy_document_repo_new (db);
  requery_at (self, NULL);
}

void
sy_archives_page_reload (SyArchivesPage *self)
{
  SyUiListPlace place;

  g_return_if_fail (SY_IS_ARCHIVES_PAGE (self));

  sy_ui_list_save_place (self->column_view, self->selection, &place);
  requery_at (self, &place);
}

/* --- import ------------------------------------------------------------------- */

static void
editor_saved (SyDocumentEditor *editor, SyDocument *document, SyArchivesPage *self)
{
  g_autofree char *text = g_strdup_printf (_("«%s» added to the archive"), sy_document_get_title (document));

  /* Show it even when the search would hide it. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  requery (self, sy_record_get_id (SY_RECORD (document)));
  toast (self, adw_toast_new (text));
}

static void
update_progress (SyArchivesPage *self)
{
  g_autofree char *text = g_strdup_printf (_("Checking files: %u of %u"), self->import_done,
                                           self->import_total);

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 self->import_total ? (double) self->import_done / self->import_total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
show_refusals (SyArchivesPage *self, GPtrArray *refusals)
{
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  for (guint i = 0; i < refusals->len; i++)
    g_string_append_printf (body, "%s%s", i ? "\n\n" : "", (char *) g_ptr_array_index (refusals, i));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                       g_dngettext (NULL, "A File Was Not Imported",
                                                                    "Some Files Were Not Imported",
                                                                    refusals->len),
                                                       body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Every file of the batch is checked: a single good file opens the editor,
 * several are stored at once with their default titles (edit them later). */
static void
finish_batch (SyArchivesPage *self)
{
  g_autoptr(GPtrArray) intakes = g_steal_pointer (&self->intakes);
  g_autoptr(GPtrArray) refusals = g_steal_pointer (&self->refusals);
  gboolean cancelled = g_cancellable_is_cancelled (self->import_cancel);
  gint64 last_id = 0;
  guint stored = 0;

  g_clear_object (&self->import_cancel);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_set_sensitive (self->import_button, TRUE);
  gtk_widget_set_sensitive (self->empty_import_button, TRUE);
  if (cancelled)
    {
      toast (self, adw_toast_new (_("Import cancelled; nothing was stored")));
      return;
    }
  if (intakes->len == 1 && refusals->len == 0)
    {
      SyDocumentEditor *editor = sy_document_editor_new_import (parent_window (self), self->repo,
                                                                g_ptr_array_steal_index (intakes, 0));

      g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved), self, 0);
      gtk_window_present (GTK_WINDOW (editor));
      return;
    }
  for (guint i = 0; i < intakes->len; i++)
    {
      SyDocumentIntake *intake = g_ptr_array_index (intakes, i);
      g_autoptr(SyDocument) doc = sy_document_new ();
      g_autoptr(GError) error = NULL;

      sy_document_set_title (doc, intake->title);
      sy_document_set_body_text (doc, intake->text);
      if (sy_document_repo_import (self->repo, doc, intake->bytes, intake->mime_type, intake->name, NULL,
                                   &error))
        {
          stored++;
          last_id = sy_record_get_id (SY_RECORD (doc));
        }
      else
        g_ptr_array_add (refusals, g_strdup (error->message));
    }
  if (stored > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%u document added to the archive",
                                                            "%u documents added to the archive", stored),
                                               stored);

      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      requery (self, last_id);
      toast (self, adw_toast_new (text));
    }
  if (refusals->len > 0)
    show_refusals (self, refusals);
}

static void
intake_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(SyArchivesPage) self = data;
  g_autoptr(GError) error = NULL;
  SyDocumentIntake *intake = sy_document_intake_load_finish (result, &error);

  if (intake != NULL)
    g_ptr_array_add (self->intakes, intake);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_ptr_array_add (self->refusals, g_strdup (error->message));
  self->import_done++;
  update_progress (self);
  if (self->import_done == self->import_total)
    finish_batch (self);
}

void
sy_archives_page_import_files (SyArchivesPage *self,
                               GListModel     *files)
{
  guint n;

  g_return_if_fail (SY_IS_ARCHIVES_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  n = g_list_model_get_n_items (files);
  if (n == 0 || self->repo == NULL || self->import_cancel != NULL)
    return;
  self->import_cancel = g_cancellable_new ();
  self->import_total = n;
  self->import_done = 0;
  self->intakes = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_document_intake_free);
  self->refusals = g_ptr_array_new_with_free_func (g_free);
  update_progress (self);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_set_sensitive (self->import_button, FALSE);
  gtk_widget_set_sensitive (self->empty_import_button, FALSE);
  /* One worker per document: checking and text extraction of a big scan
   * must not hold up the others, nor the window. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      sy_document_intake_load_async (file, self->import_cancel, intake_done, g_object_ref (self));
    }
}

gboolean
sy_archives_page_is_importing (SyArchivesPage *self)
{
  g_return_val_if_fail (SY_IS_ARCHIVES_PAGE (self), FALSE);
  return self->import_cancel != NULL;
}

void
sy_archives_page_cancel_import (SyArchivesPage *self)
{
  g_return_if_fail (SY_IS_ARCHIVES_PAGE (self));

  if (self->import_cancel != NULL)
    g_cancellable_cancel (self->import_cancel);
}

static void
chooser_response (GtkNativeDialog *chooser, int response, SyArchivesPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      sy_archives_page_import_files (self, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
import_clicked (SyArchivesPage *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) documents = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Documents"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (documents, _("Documents (PDF, JPEG, PNG)"));
  gtk_file_filter_add_mime_type (documents, "application/pdf");
  gtk_file_filter_add_mime_type (documents, "image/jpeg");
  gtk_file_filter_add_mime_type (documents, "image/png");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), documents);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
files_dropped (GtkDropTarget  *target,
               const GValue   *value,
               double          x,
               double          y,
               SyArchivesPage *self)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  for (GSList *l = gdk_file_list_get_files (g_value_get_boxed (value)); l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  if (self->import_cancel != NULL)
    return FALSE;
  sy_archives_page_import_files (self, G_LIST_MODEL (files));
  return TRUE;
}

/* --- edit and delete ---------------------------------------------------------- */

static SyDocument *
selected_document (SyArchivesPage *self)
{
  return self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

static void
edit_saved (SyDocumentEditor *editor, SyDocument *document, SyArchivesPage *self)
{
  requery (self, sy_record_get_id (SY_RECORD (document)));
}

static void
edit_clicked (SyArchivesPage *self)
{
  SyDocument *document = selected_document (self);
  SyDocumentEditor *editor;

  if (document == NULL)
    return;
  editor = sy_document_editor_new_edit (parent_window (self), self->repo, document);
  g_signal_connect_object (editor, "saved", G_CALLBACK (edit_saved), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

typedef struct {
  SyArchivesPage *self;   /* weak: cleared when the page goes */
  SyDocument     *document;
  GArray         *item_ids;
} Deleted;

static void
deleted_free (Deleted *d)
{
  g_clear_weak_pointer (&d->self);
  g_clear_object (&d->document);
  g_clear_pointer (&d->item_ids, g_array_unref);
  g_free (d);
}

static void
undo_delete (AdwToast *toast_, Deleted *d)
{
  g_autoptr(GError) error = NULL;

  if (d->self == NULL)
    return;
  if (!sy_document_repo_restore (d->self->repo, d->document, d->item_ids, &error))
    {
      toast (d->self, adw_toast_new (error->message));
      return;
    }
  requery (d->self, sy_record_get_id (SY_RECORD (d->document)));
}

gboolean
sy_archives_page_delete_selected (SyArchivesPage *self,
                                  GError        **error)
{
  SyDocument *document = selected_document (self);
  g_autoptr(GArray) item_ids = NULL;
  g_autofree char *text = NULL;
  AdwToast *undo;
  Deleted *d;

  g_return_val_if_fail (SY_IS_ARCHIVES_PAGE (self), FALSE);

  if (document == NULL)
    return FALSE;
  g_object_ref (document);
  if (!sy_document_repo_delete (self->repo, document, &item_ids, error))
    {
      g_object_unref (document);
      return FALSE;
    }
  text = g_strdup_printf (_("«%s» deleted"), sy_document_get_title (document));
  d = g_new0 (Deleted, 1);
  g_set_weak_pointer (&d->self, self);
  d->document = document;
  d->item_ids = g_steal_pointer (&item_ids);
  undo = adw_toast_new (text);
  adw_toast_set_button_label (undo, _("_Undo"));
  g_signal_connect_data (undo, "button-clicked", G_CALLBACK (undo_delete), d,
                         (GClosureNotify) (void (*) (void)) deleted_free, 0);
  requery (self, 0);
  toast (self, undo);
  return TRUE;
}

static void
delete_response (AdwMessageDialog *dialog, const char *response, SyArchivesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") == 0 && !sy_archives_page_delete_selected (self, &error) && error)
    toast (self, adw_toast_new (error->message));
}

static void
delete_clicked (SyArchivesPage *self)
{
  SyDocument *document = selected_document (self);
  AdwMessageDialog *dialog;

  if (document == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Delete Document?"), NULL));
  adw_message_dialog_format_body (dialog, _("«%s» will be removed from the archive and from the ledger."),
                                  sy_document_get_title (document));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- preview ------------------------------------------------------------------ */

typedef struct {
  char         *path;
  char         *hash;
  char         *mime_type;
  int           page;
  int           n_pages;
  double        zoom;
  GtkPicture   *picture;    /* owned by the window */
  GtkLabel     *label;
  GtkWidget    *prev;
  GtkWidget    *next;
  GCancellable *cancel;
  GtkWidget    *window;     /* not owned */
} Preview;

static void
preview_free (Preview *p)
{
  g_cancellable_cancel (p->cancel);
  g_clear_object (&p->cancel);
  g_free (p->path);
  g_free (p->hash);
  g_free (p->mime_type);
  g_free (p);
}

static void preview_render (Preview *p);

static void
preview_update_controls (Preview *p)
{
  g_autofree char *text = p->n_pages > 0 ? g_strdup_printf (_("Page %d of %d"), p->page + 1, p->n_pages)
                                         : g_strdup ("");

  gtk_label_set_text (p->label, text);
  gtk_widget_set_sensitive (p->prev, p->page > 0);
  gtk_widget_set_sensitive (p->next, p->page + 1 < p->n_pages);
}

static void
preview_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GtkWidget) window = data;
  Preview *p = g_object_get_data (G_OBJECT (window), "sy-preview");
  g_autoptr(GError) error = NULL;
  int n_pages = 0;
  cairo_surface_t *surface = sy_document_render_finish (result, &n_pages, &error);
  g_autoptr(GdkTexture) texture = NULL;

  if (surface == NULL)
    {
      /* Cancelled means the window is gone (or a newer render replaced this one). */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (p->label, error->message);
      return;
    }
  p->n_pages = n_pages;
  texture = sy_ui_texture_from_surface (surface);
  cairo_surface_destroy (surface);
  gtk_picture_set_paintable (p->picture, GDK_PAINTABLE (texture));
  gtk_widget_set_size_request (GTK_WIDGET (p->picture), gdk_texture_get_width (texture),
                               gdk_texture_get_height (texture));
  preview_update_controls (p);
}

static void
preview_render (Preview *p)
{
  g_cancellable_cancel (p->cancel);
  g_clear_object (&p->cancel);
  p->cancel = g_cancellable_new ();
  sy_document_render_async (p->path, p->hash, p->mime_type, p->page, (int) (PREVIEW_WIDTH * p->zoom),
                            G_PRIORITY_HIGH, p->cancel, preview_done, g_object_ref (p->window));
}

/* The widgets go now; a render still running must not touch them. */
static void
preview_destroyed (GtkWidget *window)
{
  Preview *p = g_object_get_data (G_OBJECT (window), "sy-preview");

  if (p != NULL)
    g_cancellable_cancel (p->cancel);
}

static Preview *
preview_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (gtk_widget_get_root (widget)), "sy-preview");
}

static void
preview_step (GtkWidget *button, gpointer delta)
{
  Preview *p = preview_of (button);
  int page = p->page + GPOINTER_TO_INT (delta);

  if (page < 0 || (p->n_pages > 0 && page >= p->n_pages))
    return;
  p->page = page;
  preview_update_controls (p);
  preview_render (p);
}

static void
preview_zoom (GtkWidget *button, gpointer in)
{
  Preview *p = preview_of (button);

  p->zoom = CLAMP (in ? p->zoom * 1.25 : p->zoom / 1.25, 0.4, 3.0);
  preview_render (p);
}

static gboolean
preview_key (GtkWidget *window, GVariant *args, gpointer data)
{
  Preview *p = g_object_get_data (G_OBJECT (window), "sy-preview");
  int code = GPOINTER_TO_INT (data);

  if (code == 10 || code == -10)
    preview_zoom (p->prev, code > 0 ? GINT_TO_POINTER (1) : NULL);
  else
    preview_step (p->prev, data);
  return TRUE;
}

static GtkWidget *
icon_button (const char *icon, const char *tooltip, GCallback callback, gpointer data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect (button, "clicked", callback, data);
  return button;
}

GtkWindow *
sy_archives_page_open_preview (SyArchivesPage *self)
{
  SyDocument *document = selected_document (self);
  Preview *p;
  GtkWidget *window, *box, *header, *scrolled;

  g_return_val_if_fail (SY_IS_ARCHIVES_PAGE (self), NULL);

  if (document == NULL || sy_document_get_attachment_hash (document) == NULL)
    return NULL;
  p = g_new0 (Preview, 1);
  p->hash = g_strdup (sy_document_get_attachment_hash (document));
  p->path = sy_attachment_store_get_path (sy_database_get_attachments (self->db), p->hash);
  p->mime_type = g_strdup (sy_document_get_mime_type (document));
  p->zoom = 1.0;

  window = adw_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (window), parent_window (self));
  gtk_window_set_title (GTK_WINDOW (window), sy_document_get_title (document));
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 900);
  g_object_set_data_full (G_OBJECT (window), "sy-preview", p, (GDestroyNotify) preview_free);

  header = adw_header_bar_new ();
  p->prev = icon_button ("go-previous-symbolic", _("Previous page (Page Up)"), G_CALLBACK (preview_step),
                         GINT_TO_POINTER (-1));
  p->next = icon_button ("go-next-symbolic", _("Next page (Page Down)"), G_CALLBACK (preview_step),
                         GINT_TO_POINTER (1));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), p->prev);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), p->next);
  p->label = GTK_LABEL (gtk_label_new (NULL));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (p->label));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           icon_button ("zoom-in-symbolic", _("Zoom in (Ctrl++)"), G_CALLBACK (preview_zoom),
                                        GINT_TO_POINTER (1)));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           icon_button ("zoom-out-symbolic", _("Zoom out (Ctrl+-)"), G_CALLBACK (preview_zoom),
                                        NULL));
  p->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (p->picture, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (p->picture), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (GTK_WIDGET (p->picture), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (p->picture), 12);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (p->picture));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                                                            gtk_callback_action_new (preview_key, GINT_TO_POINTER (-1), NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                                                            gtk_callback_action_new (preview_key, GINT_TO_POINTER (1), NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>plus|<Control>equal"),
                                                            gtk_callback_action_new (preview_key, GINT_TO_POINTER (10), NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_minus, GDK_CONTROL_MASK),
                                                            gtk_callback_action_new (preview_key, GINT_TO_POINTER (-10), NULL)));
    gtk_widget_add_controller (window, keys);
  }
  g_signal_connect (window, "destroy", G_CALLBACK (preview_destroyed), NULL);
  p->window = window;
  preview_update_controls (p);
  preview_render (p);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/* Test hooks: the preview's state. */
int
sy_archives_page_preview_get_page (GtkWindow *preview, int *n_pages)
{
  Preview *p = g_object_get_data (G_OBJECT (preview), "sy-preview");

  if (n_pages != NULL)
    *n_pages = p != NULL ? p->n_pages : 0;
  return p != NULL ? p->page : -1;
}

void
sy_archives_page_preview_step (GtkWindow *preview, int delta)
{
  Preview *p = g_object_get_data (G_OBJECT (preview), "sy-preview");

  if (p != NULL)
    preview_step (delta > 0 ? p->next : p->prev, GINT_TO_POINTER (delta));
}

GdkPaintable *
sy_archives_page_preview_get_paintable (GtkWindow *preview)
{
  Preview *p = g_object_get_data (G_OBJECT (preview), "sy-preview");

  return p != NULL ? gtk_picture_get_paintable (p->picture) : NULL;
}

/* --- life cycle --------------------------------------------------------------- */

static void
search_changed (SyArchivesPage *self)
{
  requery_at (self, NULL);
}

static void
sy_archives_page_dispose (GObject *object)
{
  SyArchivesPage *self = SY_ARCHIVES_PAGE (object);

  if (self->import_cancel != NULL)
    g_cancellable_cancel (self->import_cancel);
  g_cancellable_cancel (self->thumb_cancel);
  g_clear_object (&self->thumb_cancel);
  self->selection = NULL;
  g_clear_object (&self->repo);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sy_archives_page_parent_class)->dispose (object);
}

static void
sy_archives_page_class_init (SyArchivesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_archives_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-archives-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, date_column);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, number_column);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, issuer_column);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, document_group);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, text_group);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, preview_group);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, preview_button);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, empty_import_button);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SyArchivesPage, cancel_button);
}

static void
open_preview_clicked (SyArchivesPage *self)
{
  sy_archives_page_open_preview (self);
}

static void
row_activated (GtkColumnView *view, guint position, SyArchivesPage *self)
{
  sy_archives_page_open_preview (self);
}

static void
sy_archives_page_init (SyArchivesPage *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  sy_ui_column_bind (self->date_column, "date", SY_CELL_TEXT);
  sy_ui_column_bind (self->number_column, "doc-number", SY_CELL_TEXT);
  sy_ui_column_bind (self->title_column, "title", SY_CELL_TEXT);
  sy_ui_column_bind (self->issuer_column, "issuer", SY_CELL_TEXT);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  /* Ctrl+F is the window's win.search: it focuses this page's search entry. */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (files_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import_button, "clicked", G_CALLBACK (import_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->empty_import_button, "clicked", G_CALLBACK (import_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cancel_button, "clicked", G_CALLBACK (sy_archives_page_cancel_import), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview_button, "clicked", G_CALLBACK (open_preview_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->edit_button, "clicked", G_CALLBACK (edit_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->delete_button, "clicked", G_CALLBACK (delete_clicked), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (row_activated), self, 0);
}
