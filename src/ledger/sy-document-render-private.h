/* sy-document-render-private.h: Poppler for other ledger code (never the UI)
 *
 * The archived documents are opened one way everywhere, so that an
 * encrypted or damaged file is refused with the same message whether it is
 * being imported, previewed or bound into the ledger.
 */
#pragma once

#include <poppler.h>

G_BEGIN_DECLS

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* Opens the PDF file at @path (poppler reads it as it needs, the file is
 * not loaded whole).  SY_ERROR_INVALID, starting with @name, when it is
 * missing, unreadable, encrypted, damaged or has no page. */
PopplerDocument *sy_document_render_open_pdf_file (const char  *path,
                                                   const char  *name,
                                                   GError     **error);

G_END_DECLS
