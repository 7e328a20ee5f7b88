/* sy-archives-page.c: the Archives view: documents, and the ledger export button */
#include <glib/gi18n.h>

#include "sy-archives-page.h"
#include "sy-ui-util.h"

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

  SyDatabase          *db;
  GtkSingleSelection  *selection;
};

G_DEFINE_FINAL_TYPE (SyArchivesPage, sy_archives_page, ADW_TYPE_BIN)

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

void
sy_archives_page_set_database (SyArchivesPage *self,
                               SyDatabase     *db)
{
  g_autoptr(GError) error = NULL;
  SyQueryModel *model;

  g_return_if_fail (SY_IS_ARCHIVES_PAGE (self));
  g_return_if_fail (SY_IS_DATABASE (db));

  g_set_object (&self->db, db);
  model = sy_queries_documents (db, &error);
  self->selection = sy_ui_list_show_query (self->column_view, self->stack, self->empty_page,
                                           model, error, G_CALLBACK (show_selected), self);
  show_selected (self);
}

static void
sy_archives_page_dispose (GObject *object)
{
  SyArchivesPage *self = SY_ARCHIVES_PAGE (object);

  self->selection = NULL;
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
}

static void
sy_archives_page_init (SyArchivesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  sy_ui_column_bind (self->date_column, "date", SY_CELL_TEXT);
  sy_ui_column_bind (self->number_column, "doc-number", SY_CELL_TEXT);
  sy_ui_column_bind (self->title_column, "title", SY_CELL_TEXT);
  sy_ui_column_bind (self->issuer_column, "issuer", SY_CELL_TEXT);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
