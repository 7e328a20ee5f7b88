/* sy-attachment-store.h: content-addressed, immutable attachments
 *
 * Photos, scans and PDFs are stored once by SHA-256.  SQLite mode keeps the
 * files beside the database (attachments/ab/abcdef…), written temp → fsync →
 * rename; the attachment table records size, type and original name.
 * PostgreSQL mode keeps the content in the database (attachment_blob,
 * migration 0008), written in the same transaction as the attachment row,
 * so every desk sees it; get_path() copies it once into a local cache
 * folder for the libraries that want a file.
 * Reading verifies the hash.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _SyDatabase SyDatabase;

#define SY_TYPE_ATTACHMENT_STORE (sy_attachment_store_get_type ())
G_DECLARE_FINAL_TYPE (SyAttachmentStore, sy_attachment_store, SY, ATTACHMENT_STORE, GObject)

SyAttachmentStore *sy_attachment_store_new (SyDatabase *db, const char *directory);

/* Stores @bytes (idempotent: the same content gives the same hash and is
 * stored once).  Returns the hex SHA-256, or NULL with @error. */
char     *sy_attachment_store_add_bytes (SyAttachmentStore *self,
                                         GBytes            *bytes,
                                         const char        *mime_type,
                                         const char        *original_name,
                                         GError           **error);
char     *sy_attachment_store_add_file  (SyAttachmentStore *self,
                                         GFile             *file,
                                         const char        *mime_type,
                                         GError           **error);
/* The content, verified against its hash (SY_ERROR_INVALID if it changed). */
GBytes   *sy_attachment_store_load      (SyAttachmentStore *self,
                                         const char        *hash,
                                         GError           **error);
/* A local file holding the content, for libraries that want a path
 * (poppler, gdk-pixbuf).  Not verified; do not write to it.  On PostgreSQL
 * the content is verified and written to the cache the first time; the
 * file does not exist if the attachment is missing or damaged. */
char     *sy_attachment_store_get_path  (SyAttachmentStore *self,
                                         const char        *hash);
gboolean  sy_attachment_store_contains  (SyAttachmentStore *self,
                                         const char        *hash);

G_END_DECLS
