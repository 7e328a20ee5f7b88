/* sy-document-editor.h: the metadata of an archived document (title, 文号, 发文机关, date, tags)
 *
 * The 考评 items the document is evidence for are ticked in a list (the
 * links are written with the document, in the same transaction).
 *
 * Opened for a checked file about to be imported (Save stores the file and
 * the row in one step, see sy_document_repo_import()) or for a stored
 * document (Save updates it).  A refusal (a duplicate, a bad date, a
 * conflict) is shown in the window and nothing is written; "saved" is
 * emitted with the stored record and the window closes.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"
#include "sy-ledger.h"

G_BEGIN_DECLS

#define SY_TYPE_DOCUMENT_EDITOR (sy_document_editor_get_type ())
G_DECLARE_FINAL_TYPE (SyDocumentEditor, sy_document_editor, SY, DOCUMENT_EDITOR, AdwWindow)

/* A new document from @intake (transfer full); the title defaults to the
 * PDF's Title or the file name. */
SyDocumentEditor *sy_document_editor_new_import (GtkWindow        *parent,
                                                 SyDocumentRepo   *repo,
                                                 SyDocumentIntake *intake);
/* The stored @document (not changed until saved). */
SyDocumentEditor *sy_document_editor_new_edit   (GtkWindow        *parent,
                                                 SyDocumentRepo   *repo,
                                                 SyDocument       *document);

/* Sets a field as if typed: "title", "doc-number", "issuer", "date", "tags". */
void              sy_document_editor_set_field  (SyDocumentEditor *self,
                                                 const char       *field,
                                                 const char       *text);
/* Ticks (or not) 考评 item @item_id as if clicked. */
void              sy_document_editor_set_item_checked (SyDocumentEditor *self,
                                                       gint64            item_id,
                                                       gboolean          checked);
/* What Save does (action "editor.save"); FALSE when refused (the message is
 * shown and returned in @error). */
gboolean          sy_document_editor_save       (SyDocumentEditor *self,
                                                 GError          **error);

G_END_DECLS
