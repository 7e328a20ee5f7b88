/* sy-photo-print.h: print copies of photos for the ledger
 *
 * A camera original (12 MP, 3–5 MB) is never embedded in the ledger.  Each
 * photo gets a print copy: decoded once at the smallest DCT scale that still
 * covers the ledger's photo box (SY_LEDGER_PHOTO_WIDTH × _HEIGHT) at the
 * chosen resolution, EXIF orientation applied, resized to fit the box with
 * its aspect kept, and re-encoded as a baseline JPEG (≤ 150 KB at 300 dpi
 * for a camera photo).  The copy is made once, in the background when the
 * photo is imported, and kept in a cache on disk keyed by the attachment
 * hash (the content of a hash never changes) and the resolution; an export
 * only reads cached copies.  A cold export (nothing cached) makes the
 * missing copies first, on all cores, decoding each original once.
 *
 * The cache files are written temp → rename, so a crash never leaves a
 * half copy under its final name; a damaged cache file is made again.
 * All functions may run in any thread.
 */
#pragma once

#include "sy-ledger-document.h"
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_PHOTO_PRINT_DPI        300  /* the default */
#define SY_PHOTO_PRINT_DPI_DRAFT  150

/* Makes the print copy of @original (JPEG or PNG bytes) for a box of
 * @width_pt × @height_pt points at @dpi.  SY_ERROR_INVALID when @original
 * is not a readable image. */
GBytes *sy_photo_print_make (GBytes  *original,
                             double   width_pt,
                             double   height_pt,
                             int      dpi,
                             GError **error);

#define SY_TYPE_PHOTO_PRINT_CACHE (sy_photo_print_cache_get_type ())
G_DECLARE_FINAL_TYPE (SyPhotoPrintCache, sy_photo_print_cache, SY, PHOTO_PRINT_CACHE, GObject)

/* Print copies of the photos in @store, kept under @directory (created
 * 0700 when first needed). */
SyPhotoPrintCache *sy_photo_print_cache_new          (SyAttachmentStore *store,
                                                      const char        *directory);
/* The cache of @db: "print-cache" in the database's directory. */
SyPhotoPrintCache *sy_photo_print_cache_for_database (SyDatabase        *db);

/* The cached copy of @hash at @dpi, or NULL (never decodes anything). */
GBytes  *sy_photo_print_cache_lookup  (SyPhotoPrintCache *self,
                                       const char        *hash,
                                       int                dpi);
/* The cached copy, made (and cached) first when missing.  NULL with
 * @error when the original is missing, damaged or not an image. */
GBytes  *sy_photo_print_cache_get     (SyPhotoPrintCache *self,
                                       const char        *hash,
                                       int                dpi,
                                       GError           **error);
/* Makes every missing copy of @hashes (@n of them; duplicates allowed) at
 * @dpi on @n_threads threads (0: one per core).  A photo that cannot be
 * made is skipped (the ledger shows its placeholder) and counted in
 * *@n_failed when not NULL.  @progress (may be NULL) is called from the
 * calling thread.  FALSE only on cancellation (SY_ERROR_CANCELLED). */
gboolean sy_photo_print_cache_prepare (SyPhotoPrintCache  *self,
                                       const char * const *hashes,
                                       guint               n,
                                       int                 dpi,
                                       guint               n_threads,
                                       guint              *n_failed,
                                       SyLedgerProgress    progress,
                                       gpointer            user_data,
                                       GCancellable       *cancellable,
                                       GError            **error);
/* The same for freshly imported photos, in a background thread (the
 * default resolution), fire and forget: the event editor calls it after a
 * save that added photos. */
void     sy_photo_print_cache_prepare_in_background (SyPhotoPrintCache  *self,
                                                     const char * const *hashes,
                                                     guint               n);

G_END_DECLS
