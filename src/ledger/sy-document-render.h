/* sy-document-render.h: checking archived documents (PDF, JPEG, PNG), their text and their pictures
 *
 * Offices archive scans of 上级文件, agreements, minutes and vouchers.  Before
 * a file is stored it is checked here: a PDF must start with "%PDF-", end
 * with "%%EOF" (poppler silently repairs a cut-off file and shows fewer
 * pages, so the end is checked first), open without a password and have a
 * page; a JPEG or PNG must pass sy_photo_intake_check().  The text of every
 * page is extracted for the archive's search, and the PDF's Title metadata
 * is offered as the document's title.
 *
 * Pages (and images) are rendered into cairo image surfaces (ARGB32 on
 * white) for thumbnails and the preview; the async renderer runs in a GTask
 * thread and keeps the surfaces in a small in-memory cache keyed by
 * attachment hash + page + width (the content of a hash never changes).
 *
 * Every message names the file and says why it was refused.  All functions
 * may run in any thread.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Files larger than this are refused unread. */
#define SY_DOCUMENT_MAX_SIZE (200 * 1024 * 1024)

/* The width of the list's thumbnails, in pixels. */
#define SY_DOCUMENT_THUMBNAIL_WIDTH 160

/* A checked file, read whole. */
typedef struct {
  char       *name;       /* display name */
  GBytes     *bytes;      /* the original, unchanged */
  char       *hash;       /* SHA-256 hex of @bytes */
  const char *mime_type;  /* "application/pdf", "image/jpeg", "image/png" (static) */
  char       *title;      /* the PDF's Title, else the name without its extension */
  char       *text;       /* every page's text, pages separated by "\f"; NULL for images */
  int         n_pages;    /* 1 for images */
} SyDocumentIntake;

void              sy_document_intake_free       (SyDocumentIntake *intake);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyDocumentIntake, sy_document_intake_free)

/* Checks @bytes (the file's content; @name starts every message) and
 * extracts its text.  SY_ERROR_INVALID when refused: not a PDF/JPEG/PNG,
 * truncated, damaged, encrypted (needs a password) or without pages. */
SyDocumentIntake *sy_document_intake_check      (GBytes        *bytes,
                                                 const char    *name,
                                                 GCancellable  *cancellable,
                                                 GError       **error);
/* Reads @file and checks it, in the calling thread. */
SyDocumentIntake *sy_document_intake_load       (GFile         *file,
                                                 GCancellable  *cancellable,
                                                 GError       **error);
/* The same in a worker thread (one per call). */
void              sy_document_intake_load_async (GFile               *file,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
SyDocumentIntake *sy_document_intake_load_finish (GAsyncResult  *result,
                                                  GError       **error);

/* The number of pages of a stored document (1 for images). */
int               sy_document_render_count_pages (GBytes       *bytes,
                                                  const char   *mime_type,
                                                  GError      **error);
/* Page @page (0-based) of @bytes scaled to @width pixels wide (height by the
 * page's aspect), on white.  Images have one page. */
cairo_surface_t  *sy_document_render_page       (GBytes        *bytes,
                                                 const char    *mime_type,
                                                 int            page,
                                                 int            width,
                                                 GError       **error);

/* sy_document_render_page() of the stored file at @path in a worker
 * thread, cached by @hash, @page and @width.  Waiting renders run in
 * @io_priority order: the page a user looks at (G_PRIORITY_HIGH) before a
 * strip of thumbnails (G_PRIORITY_LOW) that may have queued dozens. */
void              sy_document_render_async      (const char          *path,
                                                 const char          *hash,
                                                 const char          *mime_type,
                                                 int                  page,
                                                 int                  width,
                                                 int                  io_priority,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* The surface (transfer full); *@n_pages, when not NULL, gets the page count. */
cairo_surface_t  *sy_document_render_finish     (GAsyncResult  *result,
                                                 int           *n_pages,
                                                 GError       **error);
/* The cached surface (transfer full) or NULL, without I/O. */
cairo_surface_t  *sy_document_render_lookup     (const char    *hash,
                                                 int            page,
                                                 int            width);

/* Printing a PDF file page by page (the ledger book's Print…): opened once,
 * then every page painted in points as it is in the file, its JPEGs and
 * text untouched (poppler_page_render_for_printing).  One thread at a time. */
typedef struct _SyDocumentPrint SyDocumentPrint;

/* SY_ERROR_INVALID naming the file when it cannot be opened. */
SyDocumentPrint  *sy_document_print_open        (const char       *path,
                                                 GError          **error);
int               sy_document_print_get_n_pages (SyDocumentPrint  *self);
/* The size of page @page (0-based) in points; FALSE when there is none. */
gboolean          sy_document_print_get_page_size (SyDocumentPrint *self,
                                                   int              page,
                                                   double          *width,
                                                   double          *height);
/* Paints page @page on @cr, user units in points; nothing when there is
 * no such page. */
void              sy_document_print_render_page (SyDocumentPrint  *self,
                                                 int               page,
                                                 cairo_t          *cr);
void              sy_document_print_free        (SyDocumentPrint  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyDocumentPrint, sy_document_print_free)

G_END_DECLS
