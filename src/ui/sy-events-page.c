/* sy-events-page.c: the Events view: activities with their records and photos */
#include <glib/gi18n.h>

#include "sy-events-page.h"
#include "sy-ui-util.h"

/* Thumbnails are decoded at this size (gdk-pixbuf's JPEG loader scales while
 * decoding, so a camera original never lands in memory at full size). */
#define THUMB_WIDTH  360
#define THUMB_HEIGHT 270

struct _SyEventsPage
{
  AdwBin parent_instance;

  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *place_column;
  GtkColumnViewColumn *photos_column;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *event_group;
  AdwPreferencesGroup *content_group;
  AdwPreferencesGroup *outcome_group;
  AdwPreferencesGroup *photos_group;
  GtkFlowBox          *photo_box;

  SyDatabase          *db;
  GtkSingleSelection  *selection;
  GCancellable        *photos_cancellable;
  guint                pending_photos;
};

G_DEFINE_FINAL_TYPE (SyEventsPage, sy_events_page, ADW_TYPE_BIN)

guint
sy_events_page_get_pending_photos (SyEventsPage *self)
{
  g_return_val_if_fail (SY_IS_EVENTS_PAGE (self), 0);

  return self->pending_photos;
}

/* --- thumbnails ------------------------------------------------------------- */

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  pixbuf = gdk_pixbuf_new_from_file_at_scale (path, THUMB_WIDTH, THUMB_HEIGHT, TRUE, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Phones store portrait photos sideways with an EXIF orientation tag. */
  g_task_return_pointer (task, gdk_pixbuf_apply_embedded_orientation (pixbuf), g_object_unref);
}

static void
thumbnail_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SyEventsPage) self = user_data;
  GtkPicture *picture = GTK_PICTURE (source);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  self->pending_photos--;
  pixbuf = g_task_propagate_pointer (G_TASK (result), &error);
  if (pixbuf != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);

      gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
      gtk_widget_remove_css_class (GTK_WIDGET (picture), "loading");
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (picture), "loading");
      gtk_widget_add_css_class (GTK_WIDGET (picture), "broken");
      gtk_widget_set_tooltip_text (GTK_WIDGET (picture), error->message);
    }
}

static void
load_thumbnail (SyEventsPage *self,
                GtkPicture   *picture,
                const char   *path)
{
  g_autoptr(GTask) task = g_task_new (picture, self->photos_cancellable, thumbnail_done,
                                      g_object_ref (self));

  g_task_set_source_tag (task, load_thumbnail);
  g_task_set_task_data (task, g_strdup (path), g_free);
  self->pending_photos++;
  g_task_run_in_thread (task, thumbnail_thread);
}

static void
clear_photos (SyEventsPage *self)
{
  GtkWidget *child;

  if (self->photos_cancellable != NULL)
    g_cancellable_cancel (self->photos_cancellable);
  g_clear_object (&self->photos_cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->photo_box))) != NULL)
    gtk_flow_box_remove (self->photo_box, child);
}

static void
show_photos (SyEventsPage *self,
             SyEvent      *event)
{
  SyAttachmentStore *store = sy_database_get_attachments (self->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) photos = sy_queries_event_photos (self->db,
                                                          sy_record_get_id (SY_RECORD (event)),
                                                          &error);
  guint n;

  if (photos == NULL)
    {
      adw_preferences_group_set_description (self->photos_group, error->message);
      return;
    }

  n = g_list_model_get_n_items (photos);
  adw_preferences_group_set_description (self->photos_group,
                                         n == 0 ? _("This activity has no photos yet") : NULL);
  self->photos_cancellable = g_cancellable_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyEventPhoto) photo = g_list_model_get_item (photos, i);
      g_autofree char *path = sy_attachment_store_get_path (store,
                                                            sy_event_photo_get_attachment_hash (photo));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *picture = gtk_picture_new ();
      GtkWidget *caption = gtk_label_new (sy_event_photo_get_caption (photo));

      gtk_widget_add_css_class (picture, "photo");
      gtk_widget_add_css_class (picture, "loading");
      /* Three across like a contact sheet: the flow box gives each a third
       * of the pane; the fixed height makes the tiles roughly 4:3 there,
       * and "cover" crops rather than letterboxes any other shape. */
      gtk_widget_set_size_request (picture, 96, 104);
      gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
      gtk_picture_set_alternative_text (GTK_PICTURE (picture), sy_event_photo_get_caption (photo));
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (caption), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (caption), 2);
      gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
      gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (caption, "caption");
      gtk_box_append (GTK_BOX (box), picture);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_flow_box_append (self->photo_box, box);

      if (path != NULL)
        load_thumbnail (self, GTK_PICTURE (picture), path);
    }
}

/* --- detail ------------------------------------------------------------------- */

static void
show_selected (SyEventsPage *self)
{
  SyEvent *event = self->selection != NULL
                   ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  g_autofree char *headcount = NULL;
  AdwPreferencesGroup *g = self->event_group;

  sy_ui_group_clear (self->event_group);
  sy_ui_group_clear (self->content_group);
  sy_ui_group_clear (self->outcome_group);
  clear_photos (self);
  adw_preferences_group_set_description (self->photos_group, NULL);
  if (event == NULL)
    return;

  headcount = g_strdup_printf (_("Leaders %d · Soldiers %d · Civilians %d"),
                               sy_event_get_leaders (event),
                               sy_event_get_soldiers (event),
                               sy_event_get_civilians (event));
  sy_ui_group_add_field (g, _("Activity"), sy_event_get_title (event));
  sy_ui_group_add_field (g, _("Type"), sy_event_get_kind (event));
  sy_ui_group_add_field (g, _("Date"), sy_event_get_date (event));
  sy_ui_group_add_field (g, _("Place"), sy_event_get_place (event));
  sy_ui_group_add_field (g, _("Organiser"), sy_event_get_organiser (event));
  sy_ui_group_add_field (g, _("Participants"), sy_event_get_participants (event));
  sy_ui_group_add_field (g, _("Headcount"), headcount);
  sy_ui_group_add_field (g, _("Recorded By"), sy_event_get_recorder (event));
  sy_ui_group_add_field (g, _("Reviewed By"), sy_event_get_reviewer (event));
  sy_ui_group_add_text (self->content_group, sy_event_get_content (event));
  sy_ui_group_add_text (self->outcome_group, sy_event_get_outcome (event));
  show_photos (self, event);
}

void
sy_events_page_set_database (SyEventsPage *self,
                             SyDatabase   *db)
{
  g_autoptr(GError) error = NULL;
  SyQueryModel *model;

  g_return_if_fail (SY_IS_EVENTS_PAGE (self));
  g_return_if_fail (SY_IS_DATABASE (db));

  g_set_object (&self->db, db);
  model = sy_queries_events (db, &error);
  self->selection = sy_ui_list_show_query (self->column_view, self->stack, self->empty_page,
                                           model, error, G_CALLBACK (show_selected), self);
  show_selected (self);
}

static void
sy_events_page_dispose (GObject *object)
{
  SyEventsPage *self = SY_EVENTS_PAGE (object);

  if (self->photos_cancellable != NULL)
    g_cancellable_cancel (self->photos_cancellable);
  g_clear_object (&self->photos_cancellable);
  self->selection = NULL;
  g_clear_object (&self->db);

  G_OBJECT_CLASS (sy_events_page_parent_class)->dispose (object);
}

static void
sy_events_page_class_init (SyEventsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_events_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shuangyong/Ledger/ui/sy-events-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, date_column);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, place_column);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, photos_column);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, event_group);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, content_group);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, photos_group);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, photo_box);
}

static void
sy_events_page_init (SyEventsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  sy_ui_column_bind (self->date_column, "date", SY_CELL_TEXT);
  sy_ui_column_bind (self->kind_column, "kind", SY_CELL_TEXT);
  sy_ui_column_bind (self->title_column, "title", SY_CELL_TEXT);
  sy_ui_column_bind (self->place_column, "place", SY_CELL_TEXT);
  sy_ui_column_bind (self->photos_column, "photo-count", SY_CELL_INT);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
