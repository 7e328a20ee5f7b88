/* sy-ledger-embed.h: an archived document bound into the ledger
 *
 * A scanned 上级文件, agreement or voucher (SyDocument) in the ledger: one
 * ledger page per page of the file.  Each page has a one-line caption at the
 * top of the text block ("title　文号　发文机关　date", small sans) and
 * below it the file's page scaled to fit the rest of the block, centred,
 * with a hairline frame.  PDF pages are painted with
 * poppler_page_render_for_printing, so they stay vector: their text stays
 * extractable and their JPEGs go into the ledger compressed.  JPEG and PNG
 * files are one page (sy_ledger_photo_paint: JPEG bytes embedded as they
 * are, orientation applied).
 *
 * The file is opened when counting pages and again when painting (the
 * PopplerDocument of the page being painted is kept until another file is
 * needed), so a book of many documents never holds them all.
 */
#pragma once

#include "sy-ledger-section.h"
#include "sy-core.h"

G_BEGIN_DECLS

#define SY_TYPE_LEDGER_EMBED (sy_ledger_embed_get_type ())
G_DECLARE_FINAL_TYPE (SyLedgerEmbed, sy_ledger_embed, SY, LEDGER_EMBED, GObject)

/* @path: the stored file (sy_attachment_store_get_path); @mime_type
 * "application/pdf", "image/jpeg" or "image/png".  Opens it to count its
 * pages: SY_ERROR_INVALID when it cannot be read (the caller then binds a
 * page saying so instead). */
SyLedgerEmbed *sy_ledger_embed_new         (SyDocument  *document,
                                            const char  *path,
                                            const char  *mime_type,
                                            GError     **error);
guint          sy_ledger_embed_get_n_file_pages (SyLedgerEmbed *self);

G_END_DECLS
