/* sy-document.c: an archived document (上级文件, agreement, voucher …) */
#include <glib/gi18n-lib.h>
#include "sy-document.h"

struct _SyDocument
{
  SyRecord parent_instance;

  gint64 unit_id;
  char *title;
  char *doc_number;
  char *issuer;
  char *date;
  char *tags;
  char *attachment_hash;
  char *mime_type;
  char *body_text;
  gint64 assessment_item_id;
};

G_DEFINE_FINAL_TYPE (SyDocument, sy_document, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyDocument, unit_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyDocument, title, SY_FIELD_STRING, 0, N_("Title")),
  SY_FIELD (SyDocument, doc_number, SY_FIELD_STRING, SY_FIELD_LINE, N_("Document number")),
  SY_FIELD (SyDocument, issuer, SY_FIELD_STRING, SY_FIELD_LINE, N_("Issued by")),
  SY_FIELD (SyDocument, date, SY_FIELD_STRING, SY_FIELD_LINE, N_("Date")),
  SY_FIELD (SyDocument, tags, SY_FIELD_STRING, 0, N_("Tags")),
  SY_FIELD (SyDocument, attachment_hash, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDocument, mime_type, SY_FIELD_STRING, SY_FIELD_LINE, N_("File type")),
  SY_FIELD (SyDocument, body_text, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDocument, assessment_item_id, SY_FIELD_REF, 0, NULL),
};

static void
sy_document_class_init (SyDocumentClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "document",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_document_init (SyDocument *self)
{
}

SyDocument *
sy_document_new (void)
{
  return g_object_new (SY_TYPE_DOCUMENT, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyDocument, sy_document, gint64, unit_id)
SY_RECORD_DEFINE_STRING (SyDocument, sy_document, title)
SY_RECORD_DEFINE_STRING (SyDocument, sy_document, doc_number)
SY_RECORD_DEFINE_STRING (SyDocument, sy_document, issuer)
SY_RECORD_DEFINE_STRING (SyDocument, sy_document, date)
SY_RECORD_DEFINE_STRING (SyDocument, sy_document, tags)
SY_RECORD_DEFINE_STRING (SyDocument, sy_document, attachment_hash)
SY_RECORD_DEFINE_STRING (SyDocument, sy_document, mime_type)
SY_RECORD_DEFINE_STRING (SyDocument, sy_document, body_text)
SY_RECORD_DEFINE_SCALAR (SyDocument, sy_document, gint64, assessment_item_id)
