/* sy-document-repo.h: writing archived documents with their attachment
 *
 * A document row and the file it describes are stored in one step: the
 * attachment (content-addressed) and the row go in one transaction, and a
 * failure removes an attachment file this step wrote, so neither a row
 * without its file nor a file without its row is left behind.  The same
 * file twice is recognised by its SHA-256 before anything is written.
 * Checking the file and extracting its text (Poppler) is the ledger
 * layer's job (sy-document-render.h); this layer stores what it is given.
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

#define SY_TYPE_DOCUMENT_REPO (sy_document_repo_get_type ())
G_DECLARE_FINAL_TYPE (SyDocumentRepo, sy_document_repo, SY, DOCUMENT_REPO, GObject)

SyDocumentRepo *sy_document_repo_new           (SyDatabase      *db);
SyDatabase     *sy_document_repo_get_database  (SyDocumentRepo  *self);

/* The stored document whose attachment is @hash, or NULL (also on error). */
SyDocument     *sy_document_repo_find_by_hash  (SyDocumentRepo  *self,
                                                const char      *hash,
                                                GError         **error);

/* Stores @bytes as an attachment and @document (a new record, id 0; title
 * required, date as sy_recipient_parse_date() reads it, stored
 * normalised) pointing at it, and links it to the 考评 items @item_ids
 * (gint64; NULL or empty: none), in one transaction; @document gets its
 * id, attachment hash and @mime_type.  A file already in the archive is
 * SY_ERROR_DUPLICATE naming the stored title, written nothing.  On any
 * failure nothing is stored: no row, no link, no attachment row, and no
 * attachment file this call created. */
gboolean        sy_document_repo_import        (SyDocumentRepo  *self,
                                                SyDocument      *document,
                                                GBytes          *bytes,
                                                const char      *mime_type,
                                                const char      *original_name,
                                                GArray          *item_ids,
                                                GError         **error);

/* Updates the metadata of a stored @document (optimistic locking: a stale
 * copy is SY_ERROR_CONFLICT) and, when @item_ids is not NULL, makes its
 * 考评 links exactly those items; one transaction.  Same rules as the
 * import. */
gboolean        sy_document_repo_save          (SyDocumentRepo  *self,
                                                SyDocument      *document,
                                                GArray          *item_ids,
                                                GError         **error);

/* The ids (gint64) of the 考评 items document @id is linked to, in outline
 * order; NULL on error. */
GArray         *sy_document_repo_get_item_ids  (SyDocumentRepo  *self,
                                                gint64           id,
                                                GError         **error);

/* Deletes @document and its 考评 links (sy_assessment_repo_delete_links_for())
 * in one transaction.  The attachment stays (attachments are immutable and
 * may be shared; `check` reports unused ones).  *@item_ids, when not NULL,
 * gets the items it was linked to (gint64), for an undo. */
gboolean        sy_document_repo_delete        (SyDocumentRepo  *self,
                                                SyDocument      *document,
                                                GArray         **item_ids,
                                                GError         **error);
/* Undo of a delete: inserts @document again (a new id; @document gets it)
 * linked to @item_ids (may be NULL). */
gboolean        sy_document_repo_restore       (SyDocumentRepo  *self,
                                                SyDocument      *document,
                                                GArray          *item_ids,
                                                GError         **error);

G_END_DECLS
