/* sy-document.h: an archived document (上级文件, agreement, voucher …) */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_DOCUMENT (sy_document_get_type ())
G_DECLARE_FINAL_TYPE (SyDocument, sy_document, SY, DOCUMENT, SyRecord)

SyDocument *sy_document_new (void);

gint64 sy_document_get_unit_id (SyDocument *self);
void sy_document_set_unit_id (SyDocument *self, gint64 value);
const char *sy_document_get_title (SyDocument *self);
void sy_document_set_title (SyDocument *self, const char *value);
const char *sy_document_get_doc_number (SyDocument *self);
void sy_document_set_doc_number (SyDocument *self, const char *value);
const char *sy_document_get_issuer (SyDocument *self);
void sy_document_set_issuer (SyDocument *self, const char *value);
const char *sy_document_get_date (SyDocument *self);
void sy_document_set_date (SyDocument *self, const char *value);
const char *sy_document_get_tags (SyDocument *self);
void sy_document_set_tags (SyDocument *self, const char *value);
const char *sy_document_get_attachment_hash (SyDocument *self);
void sy_document_set_attachment_hash (SyDocument *self, const char *value);
const char *sy_document_get_mime_type (SyDocument *self);
void sy_document_set_mime_type (SyDocument *self, const char *value);
const char *sy_document_get_body_text (SyDocument *self);
void sy_document_set_body_text (SyDocument *self, const char *value);
gint64 sy_document_get_assessment_item_id (SyDocument *self);
void sy_document_set_assessment_item_id (SyDocument *self, gint64 value);

G_END_DECLS
