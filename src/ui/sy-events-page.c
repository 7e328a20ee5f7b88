/* sy-events-page.c: the Events view: activities with their records and photos */
#include <glib/gi18n.h>

#include "sy-events-page.h"
#include "sy-event-editor.h"
#include "sy-photo-folder-dialog.h"
#include "sy-ledger.h"
#include "sy-ui-util.h"

#include <stdlib.h>

struct _SyEventsPage
{
  AdwBin parent_instance;

  GtkStack            *stack;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *kind_dropdown;
  GtkDropDown         *year_dropdown;
  GtkLabel            *count_label;
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
  AdwPreferencesGroup *visits_group;
  GtkFlowBox          *photo_box;

  SyDatabase          *db;
  SyEventRepo         *repo;
  GtkSingleSelection  *selection;
  GCancellable        *photos_cancellable;
  guint                pending_photos;
  gboolean             filling;       /* refilling the filter menus: no requery */
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
thumbnail_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  SyEventsPage *self = g_object_get_data (G_OBJECT (picture), "page");
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  self->pending_photos--;
  /* The page was kept alive for this answer only. */
  g_object_set_data (G_OBJECT (picture), "page", NULL);
  pixbuf = sy_photo_thumbnail_finish (result, &error);
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

/* Upright thumbnails, made in a worker thread and cached by attachment
 * hash (sy-photo-intake), so an activity shown again is shown at once. */
static void
load_thumbnail (SyEventsPage *self,
                GtkPicture   *picture,
                const char   *path,
                const char   *hash)
{
  g_autoptr(GdkPixbuf) cached = sy_photo_thumbnail_lookup (hash);

  if (cached != NULL)
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (cached);

      gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
      gtk_widget_remove_css_class (GTK_WIDGET (picture), "loading");
      return;
    }
  g_object_set_data_full (G_OBJECT (picture), "page", g_object_ref (self), g_object_unref);
  self->pending_photos++;
  sy_photo_thumbnail_async (path, hash, self->photos_cancellable, thumbnail_done, g_object_ref (picture));
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
        load_thumbnail (self, GTK_PICTURE (picture), path, sy_event_photo_get_attachment_hash (photo));
    }
}

/* --- detail ------------------------------------------------------------------- */

typedef char *(*DescribeFunc) (SyRecord *record);

/* The records of @type with the ids @ids (NULL: none), each described by
 * @describe, @separator-joined; NULL for none. */
static char *
describe_records (SyEventsPage *self,
                  GArray       *ids,
                  GType         type,
                  DescribeFunc  describe,
                  const char   *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(SyRecord) record = sy_database_load (self->db, type, g_array_index (ids, gint64, i), NULL);
      g_autofree char *line = record != NULL ? describe (record) : NULL;

      if (line != NULL)
        g_string_append_printf (text, "%s%s", text->len ? separator : "", line);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static char *
unit_name (SyRecord *record)
{
  return g_strdup (sy_military_unit_get_name (SY_MILITARY_UNIT (record)));
}

/* The 共建部队 of @event, 、-joined; NULL for none. */
static char *
military_units_text (SyEventsPage *self,
                     SyEvent      *event)
{
  g_autoptr(GArray) ids = sy_event_repo_list_military_unit_ids (self->repo,
                                                                sy_record_get_id (SY_RECORD (event)),
                                                                NULL);

  return describe_records (self, ids, SY_TYPE_MILITARY_UNIT, unit_name, "、");
}

/* "label title" of the plan item and, under it, its outline path. */
static char *
plan_item_text (SyEventsPage *self,
                SyEvent      *event)
{
  g_autoptr(SyEventPlanChoice) choice = NULL;

  if (sy_event_get_plan_item_id (event) <= 0)
    return NULL;
  choice = sy_event_repo_plan_choice (self->repo, sy_event_get_plan_item_id (event), NULL);
  if (choice == NULL)
    return NULL;
  return g_strdup_printf ("%s\n%s", choice->text, choice->path);
}

static char *
assessment_line (SyRecord *record)
{
  SyAssessmentItem *item = SY_ASSESSMENT_ITEM (record);

  return g_strdup_printf ("%s %s", sy_assessment_item_get_code (item), sy_assessment_item_get_title (item));
}

/* The 考评 items the activity is evidence for, "code title", one a line. */
static char *
assessment_text (SyEventsPage *self,
                 SyEvent      *event)
{
  g_autoptr(GArray) ids = sy_event_repo_list_assessment_item_ids (self->repo,
                                                                  sy_record_get_id (SY_RECORD (event)),
                                                                  NULL);

  return describe_records (self, ids, SY_TYPE_ASSESSMENT_ITEM, assessment_line, "\n");
}

static void
show_visits (SyEventsPage *self,
             SyEvent      *event)
{
  g_autoptr(GListModel) visits = sy_queries_event_recipients (self->db,
                                                              sy_record_get_id (SY_RECORD (event)),
                                                              NULL);
  guint n = visits != NULL ? g_list_model_get_n_items (visits) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->visits_group), n > 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyEventRecipient) v = g_list_model_get_item (visits, i);
      g_autoptr(SyRecipient) person = sy_database_load (self->db, SY_TYPE_RECIPIENT,
                                                        sy_event_recipient_get_recipient_id (v), NULL);
      g_autofree char *money = sy_money_format (sy_event_recipient_get_money_fen (v));
      g_autofree char *subtitle = NULL;

      if (sy_event_recipient_get_needs (v) != NULL)
        subtitle = g_strdup_printf (_("¥%s · %s · needs: %s"), money,
                                    sy_ui_or_dash (sy_event_recipient_get_gift (v)),
                                    sy_event_recipient_get_needs (v));
      else
        subtitle = g_strdup_printf ("¥%s · %s", money, sy_ui_or_dash (sy_event_recipient_get_gift (v)));
      sy_ui_group_add_row (self->visits_group,
                           person != NULL ? sy_recipient_get_name (person) : "—", subtitle);
    }
}

static void
show_selected (SyEventsPage *self)
{
  SyEvent *event = self->selection != NULL
                   ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  g_autofree char *headcount = NULL;
  g_autofree char *units = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *assessment = NULL;
  AdwPreferencesGroup *g = self->event_group;

  sy_ui_group_clear (self->event_group);
  sy_ui_group_clear (self->content_group);
  sy_ui_group_clear (self->outcome_group);
  sy_ui_group_clear (self->visits_group);
  gtk_widget_set_visible (GTK_WIDGET (self->visits_group), FALSE);
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
  units = military_units_text (self, event);
  sy_ui_group_add_field (g, _("Military Units"), units);
  sy_ui_group_add_field (g, _("Participants"), sy_event_get_participants (event));
  sy_ui_group_add_field (g, _("Headcount"), headcount);
  sy_ui_group_add_field (g, _("Recorded By"), sy_event_get_recorder (event));
  sy_ui_group_add_field (g, _("Reviewed By"), sy_event_get_reviewer (event));
  plan = plan_item_text (self, event);
  sy_ui_group_add_field (g, _("Plan Item"), plan);
  assessment = assessment_text (self, event);
  sy_ui_group_add_field (g, _("Assessment Items"), assessment);
  sy_ui_group_add_text (self->content_group, sy_event_get_content (event));
  sy_ui_group_add_text (self->outcome_group, sy_event_get_outcome (event));
  show_photos (self, event);
  show_visits (self, event);
}

/* --- editing ------------------------------------------------------------------ */

static GtkWindow *
parent_window (SyEventsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void fill_filters (SyEventsPage *self);
static void requery_at (SyEventsPage *self, const SyUiListPlace *place);

/* Reads the filter menus and the list again, selecting the activity @id
 * (one that is gone: the row now where it was), the view where it was. */
static void
reload_selecting (SyEventsPage *self,
                  gint64        id)
{
  SyUiListPlace place;

  if (self->db == NULL)
    return;
  sy_ui_list_save_place (self->column_view, self->selection, &place);
  place.id = id;
  fill_filters (self);
  requery_at (self, &place);
}

static void
editor_saved (SyEventEditor *editor,
              SyEvent       *event,
              SyEventsPage  *self)
{
  reload_selecting (self, sy_record_get_id (SY_RECORD (event)));
}

static void
editor_deleted (SyEventEditor *editor,
                SyEvent       *event,
                SyEventsPage  *self)
{
  /* Its neighbour takes the selection. */
  reload_selecting (self, sy_record_get_id (SY_RECORD (event)));
}

static void
open_editor (SyEventsPage *self,
             SyEvent      *event)
{
  SyEventEditor *editor;

  if (self->repo == NULL)
    return;
  editor = sy_event_editor_new (parent_window (self), self->repo, event);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved), self, 0);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (editor_deleted), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (SY_EVENTS_PAGE (widget), NULL);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SyEventsPage *self = SY_EVENTS_PAGE (widget);
  SyEvent *event = self->selection != NULL
                   ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  if (event != NULL)
    open_editor (self, event);
}

static void
folder_added (SyPhotoFolderDialog *dialog,
              guint                added,
              SyEventsPage        *self)
{
  sy_events_page_reload (self);
}

static void
folder_chosen (GtkNativeDialog *chooser,
               int              response,
               SyEventsPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->repo != NULL)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        sy_events_page_open_folder (self, folder);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
import_folder_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SyEventsPage *self = SY_EVENTS_PAGE (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Photos from a Folder"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"), _("_Cancel"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (folder_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkWindow *
sy_events_page_open_folder (SyEventsPage *self,
                            GFile        *folder)
{
  SyPhotoFolderDialog *dialog;

  g_return_val_if_fail (SY_IS_EVENTS_PAGE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  if (self->repo == NULL)
    return NULL;
  dialog = sy_photo_folder_dialog_new (parent_window (self), self->repo, folder);
  g_signal_connect_object (dialog, "added", G_CALLBACK (folder_added), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
row_activated (GtkColumnView *view,
               guint          position,
               SyEventsPage  *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "events.edit", NULL);
}

/* --- search and filters (issue 5, issue 8) -------------------------------------- */

/* Reads the list for the search and filters, back at @place (NULL: from
 * the top). */
static void
requery_at (SyEventsPage        *self,
            const SyUiListPlace *place)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) model = NULL;
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  const char *year;
  SyEventFilter filter = { 0 };
  guint n;

  if (self->db == NULL || self->filling)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  filter.text = text;
  filter.kind = sy_ui_dropdown_value (self->kind_dropdown);
  year = sy_ui_dropdown_value (self->year_dropdown);
  filter.year = year != NULL ? atoi (year) : 0;

  if (*text || filter.kind || filter.year)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Activities"));
      adw_status_page_set_description (self->empty_page, _("Try other search words or filters."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Activities"));
      adw_status_page_set_description (self->empty_page,
                                       _("Press Ctrl+N to record an activity (visits, meetings, publicity …)."));
    }
  model = sy_queries_events_filtered (self->db, &filter, &error);
  n = model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
  /* The selection takes the model over. */
  self->selection = sy_ui_list_show_query (self->column_view, self->stack, self->empty_page,
                                           g_steal_pointer (&model), error,
                                           G_CALLBACK (show_selected), self);
  count = g_strdup_printf (ngettext ("%u activity", "%u activities", n), n);
  gtk_label_set_text (self->count_label, count);
  /* A change of selection has shown the activity already. */
  if (place == NULL || !sy_ui_list_restore_place (self->column_view, self->selection, place))
    show_selected (self);
}

static void
requery (SyEventsPage *self)
{
  requery_at (self, NULL);
}

/* The kinds and years stored (they change as activities are saved). */
static void
fill_filters (SyEventsPage *self)
{
  g_auto(GStrv) kinds = sy_queries_event_kinds (self->db, NULL);
  g_auto(GStrv) years = sy_queries_event_years (self->db, NULL);

  self->filling = TRUE;
  sy_ui_dropdown_fill (self->kind_dropdown, _("All Types"), (const char * const *) kinds);
  sy_ui_dropdown_fill (self->year_dropdown, _("All Years"), (const char * const *) years);
  self->filling = FALSE;
}

GtkEditable *
sy_events_page_get_search_entry (SyEventsPage *self)
{
  g_return_val_if_fail (SY_IS_EVENTS_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

GtkDropDown *
sy_events_page_get_filter (SyEventsPage *self,
                           const char   *name)
{
  g_return_val_if_fail (SY_IS_EVENTS_PAGE (self), NULL);
  if (g_strcmp0 (name, "kind") == 0)
    return self->kind_dropdown;
  if (g_strcmp0 (name, "year") == 0)
    return self->year_dropdown;
  return NULL;
}

void
sy_events_page_set_database (SyEventsPage *self,
                             SyDatabase   *db)
{
  g_return_if_fail (SY_IS_EVENTS_PAGE (self));
  g_return_if_fail (SY_IS_DATABASE (db));

  if (self->db != db || self->repo == NULL)
    {
      g_clear_object (&self->repo);
      self->repo = sy_event_repo_new (db);
    }
  g_set_object (&self->db, db);
  fill_filters (self);
  requery (self);
}

void
sy_events_page_reload (SyEventsPage *self)
{
  SyEvent *event;

  g_return_if_fail (SY_IS_EVENTS_PAGE (self));

  event = self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
  reload_selecting (self, event != NULL ? sy_record_get_id (SY_RECORD (event)) : 0);
}

static void
sy_events_page_dispose (GObject *object)
{
  SyEventsPage *self = SY_EVENTS_PAGE (object);

  if (self->photos_cancellable != NULL)
    g_cancellable_cancel (self->photos_cancellable);
  g_clear_object (&self->photos_cancellable);
  self->selection = NULL;
  g_clear_object (&self->repo);
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
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, count_label);
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
  gtk_widget_class_bind_template_child (widget_class, SyEventsPage, visits_group);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);

  gtk_widget_class_install_action (widget_class, "events.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "events.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "events.import-folder", NULL, import_folder_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "events.new", NULL);
}

static void
sy_events_page_init (SyEventsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Ctrl+N even when the focus is outside the (possibly empty) list. */
  sy_ui_page_add_shortcut (GTK_WIDGET (self), GDK_KEY_n, GDK_CONTROL_MASK, "events.new");

  sy_ui_column_bind (self->date_column, "date", SY_CELL_TEXT);
  sy_ui_column_bind (self->kind_column, "kind", SY_CELL_TEXT);
  sy_ui_column_bind (self->title_column, "title", SY_CELL_TEXT);
  sy_ui_column_bind (self->place_column, "place", SY_CELL_TEXT);
  sy_ui_column_bind (self->photos_column, "photo-count", SY_CELL_INT);
  gtk_stack_set_visible_child_name (self->stack, "empty");

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (requery), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_dropdown, "notify::selected",
                           G_CALLBACK (requery), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_dropdown, "notify::selected",
                           G_CALLBACK (requery), self, G_CONNECT_SWAPPED);
}
