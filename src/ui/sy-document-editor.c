/* sy-document-editor.c: the metadata of an archived document */
#include <glib/gi18n.h>

#include "sy-document-editor.h"

static const struct {
  const char *property;
  const char *title;
} fields[] = {
  { "title", N_("Title") },
  { "doc-number", N_("Document Number") },
  { "issuer", N_("Issuer") },
  { "date", N_("Date (2025-03-15)") },
  { "tags", N_("Tags (comma separated)") },
};

struct _SyDocumentEditor
{
  AdwWindow parent_instance;

  SyDocumentRepo   *repo;
  SyDocument       *document;   /* the stored record, or NULL for an import */
  SyDocumentIntake *intake;     /* the file to import, or NULL */
  AdwEntryRow      *rows[G_N_ELEMENTS (fields)];
  GtkLabel         *error_label;
  AdwExpanderRow   *items_row;
  GPtrArray        *item_checks;  /* GtkCheckButton, data "sy-item-id" */
};

G_DEFINE_FINAL_TYPE (SyDocumentEditor, sy_document_editor, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (SyDocumentEditor *self, const char *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
sy_document_editor_set_field (SyDocumentEditor *self,
                              const char       *field,
                              const char       *text)
{
  g_return_if_fail (SY_IS_DOCUMENT_EDITOR (self));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].property, field))
      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), text != NULL ? text : "");
}

/* The ids of the ticked 考评 items (NULL when the list could not be read:
 * the stored links are then left alone). */
static GArray *
checked_items (SyDocumentEditor *self)
{
  GArray *ids;

  if (self->item_checks == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->item_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->item_checks, i);
      gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (check), "sy-item-id");

      if (gtk_check_button_get_active (check))
        g_array_append_val (ids, id);
    }
  return ids;
}

static void
update_items_subtitle (SyDocumentEditor *self)
{
  g_autoptr(GArray) ids = checked_items (self);
  g_autofree char *text = NULL;

  if (ids == NULL)
    return;
  text = ids->len == 0 ? g_strdup (_("None"))
                       : g_strdup_printf (g_dngettext (NULL, "%u item", "%u items", ids->len), ids->len);
  adw_expander_row_set_subtitle (self->items_row, text);
}

void
sy_document_editor_set_item_checked (SyDocumentEditor *self,
                                     gint64            item_id,
                                     gboolean          checked)
{
  g_return_if_fail (SY_IS_DOCUMENT_EDITOR (self));

  for (guint i = 0; self->item_checks != NULL && i < self->item_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->item_checks, i);

      if (*(gint64 *) g_object_get_data (G_OBJECT (check), "sy-item-id") == item_id)
        gtk_check_button_set_active (check, checked);
    }
}

/* One row per 考评 item (standards, their sub-items indented), ticked for
 * @linked (gint64 ids, may be NULL). */
static void
add_items (SyDocumentEditor *self, AdwPreferencesGroup *group, GArray *linked)
{
  g_autoptr(SyAssessmentRepo) assessment = sy_assessment_repo_new (sy_document_repo_get_database (self->repo));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = sy_assessment_repo_list_items (assessment, &error);

  self->items_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->items_row), _("Assessment Items"));
  adw_preferences_group_add (group, GTK_WIDGET (self->items_row));
  if (items == NULL)
    {
      adw_expander_row_set_subtitle (self->items_row, error->message);
      return;
    }
  self->item_checks = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);
      gint64 id = sy_record_get_id (SY_RECORD (item));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = g_strdup_printf ("%s  %s", sy_assessment_item_get_code (item),
                                                sy_assessment_item_get_title (item));
      gint64 *data = g_new (gint64, 1);

      *data = id;
      g_object_set_data_full (G_OBJECT (check), "sy-item-id", data, g_free);
      for (guint j = 0; linked != NULL && j < linked->len; j++)
        if (g_array_index (linked, gint64, j) == id)
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (sy_assessment_item_get_parent_id (item) > 0)
        gtk_widget_set_margin_start (check, 18);
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_items_subtitle), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->item_checks, check);
      adw_expander_row_add_row (self->items_row, row);
    }
  update_items_subtitle (self);
}

gboolean
sy_document_editor_save (SyDocumentEditor *self,
                         GError          **error)
{
  g_autoptr(SyDocument) work = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) item_ids = checked_items (self);
  gboolean ok;

  g_return_val_if_fail (SY_IS_DOCUMENT_EDITOR (self), FALSE);

  work = self->document != NULL ? SY_DOCUMENT (sy_record_copy (SY_RECORD (self->document)))
                                : sy_document_new ();
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_object_set (work, fields[i].property, gtk_editable_get_text (GTK_EDITABLE (self->rows[i])), NULL);
  if (self->intake != NULL)
    {
      sy_document_set_body_text (work, self->intake->text);
      ok = sy_document_repo_import (self->repo, work, self->intake->bytes, self->intake->mime_type,
                                    self->intake->name, item_ids, &local_error);
    }
  else
    ok = sy_document_repo_save (self->repo, work, item_ids, &local_error);
  if (!ok)
    {
      show_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0, work);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
save_activated (GtkWidget *widget, const char *action, GVariant *parameter)
{
  sy_document_editor_save (SY_DOCUMENT_EDITOR (widget), NULL);
}

static void
sy_document_editor_dispose (GObject *object)
{
  SyDocumentEditor *self = SY_DOCUMENT_EDITOR (object);

  g_clear_object (&self->repo);
  g_clear_object (&self->document);
  g_clear_pointer (&self->intake, sy_document_intake_free);
  g_clear_pointer (&self->item_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (sy_document_editor_parent_class)->dispose (object);
}

static void
sy_document_editor_class_init (SyDocumentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sy_document_editor_dispose;

  /* The record stored (a copy; the caller's is not changed). */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, SY_TYPE_DOCUMENT);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sy_document_editor_init (SyDocumentEditor *self)
{
}

static SyDocumentEditor *
build (GtkWindow *parent, SyDocumentRepo *repo, const char *heading, const char *file_info, GArray *linked)
{
  SyDocumentEditor *self = g_object_new (SY_TYPE_DOCUMENT_EDITOR,
                                         "transient-for", parent,
                                         "modal", TRUE,
                                         "default-width", 520,
                                         "title", heading,
                                         NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();

  self->repo = g_object_ref (repo);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "editor.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_margin_start (GTK_WIDGET (self->error_label), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->error_label), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), file_info);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      self->rows[i] = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]), _(fields[i].title));
      adw_entry_row_set_activates_default (self->rows[i], TRUE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->rows[i]));
    }
  add_items (self, ADW_PREFERENCES_GROUP (group), linked);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  return self;
}

SyDocumentEditor *
sy_document_editor_new_import (GtkWindow        *parent,
                               SyDocumentRepo   *repo,
                               SyDocumentIntake *intake)
{
  g_autofree char *info = NULL;
  SyDocumentEditor *self;

  g_return_val_if_fail (SY_IS_DOCUMENT_REPO (repo), NULL);
  g_return_val_if_fail (intake != NULL, NULL);

  info = g_strdup_printf (g_dngettext (NULL, "%s · %d page", "%s · %d pages", intake->n_pages),
                          intake->name, intake->n_pages);
  self = build (parent, repo, _("Import Document"), info, NULL);
  self->intake = intake;
  sy_document_editor_set_field (self, "title", intake->title);
  return self;
}

SyDocumentEditor *
sy_document_editor_new_edit (GtkWindow      *parent,
                             SyDocumentRepo *repo,
                             SyDocument     *document)
{
  g_autoptr(GArray) linked = NULL;
  SyDocumentEditor *self;

  g_return_val_if_fail (SY_IS_DOCUMENT (document), NULL);

  linked = sy_document_repo_get_item_ids (repo, sy_record_get_id (SY_RECORD (document)), NULL);
  self = build (parent, repo, _("Edit Document"), NULL, linked);
  self->document = SY_DOCUMENT (sy_record_copy (SY_RECORD (document)));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = NULL;

      g_object_get (document, fields[i].property, &value, NULL);
      sy_document_editor_set_field (self, fields[i].property, value);
    }
  return self;
}
