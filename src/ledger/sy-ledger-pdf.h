/* sy-ledger-pdf.h: writing the ledger's pages to a PDF file, all or nothing
 *
 * The 台帐 and the 花名册 are written the same way: page by page into a
 * temporary file beside the target (so the rename stays on one file
 * system), synced, then renamed over the target and the directory synced.
 * Until the rename an old file at the target is untouched; on any error or
 * cancellation the temporary file is removed.  Pages may differ in size
 * (portrait sheets and landscape rosters in one book).
 *
 * The write is split in two so that a caller can do something that must
 * happen together with the file (an audit-log entry in a transaction)
 * between writing and installing it.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "sy-ledger-document.h"

G_BEGIN_DECLS

/* A clickable area: the rectangle (points, from the top-left corner) of
 * page @from_page goes to page @to_page (both 0-based).  A list of links
 * is sorted by @from_page. */
typedef struct {
  guint  from_page;
  double x;
  double y;
  double width;
  double height;
  guint  to_page;
} SyLedgerPdfLink;

typedef struct {
  guint         n_pages;
  /* Size of page @index in points; NULL: portrait A4 for every page. */
  void        (*page_size)   (gpointer data, guint index, double *width, double *height);
  /* Paints page @index, user units in points. */
  void        (*render_page) (gpointer data, guint index, cairo_t *cr);
  /* Adds outlines to the surface before the pages are painted; may be NULL. */
  void        (*outline)     (gpointer data, cairo_surface_t *surface);
  gpointer      data;
  /* Links (the 目录's entries), added after cairo has written the file as
   * an incremental update: cairo 1.16's own links (CAIRO_TAG_LINK) to
   * later pages come out without a destination and with a broken
   * cross-reference table.  May be NULL. */
  const SyLedgerPdfLink *links;
  guint                  n_links;
  const char   *title;    /* document information; NULL: none */
  const char   *author;
} SyLedgerPdfPages;

/* Writes @pages to a new temporary file beside @path and returns its name
 * (caller frees), to be installed with sy_ledger_pdf_install() or removed
 * with sy_ledger_pdf_discard().  @progress is called after every page.
 * NULL with SY_ERROR_IO (naming @path), SY_ERROR_FAILED (cairo) or
 * SY_ERROR_CANCELLED; no temporary file is left then. */
char     *sy_ledger_pdf_write_temp (const char             *path,
                                    const SyLedgerPdfPages *pages,
                                    SyLedgerProgress        progress,
                                    gpointer                user_data,
                                    GCancellable           *cancellable,
                                    GError                **error);

/* Renames @tmp_path over @path and syncs the directory.  On failure the
 * temporary file is removed and @path is left as it was. */
gboolean  sy_ledger_pdf_install    (const char  *tmp_path,
                                    const char  *path,
                                    GError     **error);

void      sy_ledger_pdf_discard    (const char  *tmp_path);

/* write_temp + install. */
gboolean  sy_ledger_pdf_write      (const char             *path,
                                    const SyLedgerPdfPages *pages,
                                    SyLedgerProgress        progress,
                                    gpointer                user_data,
                                    GCancellable           *cancellable,
                                    GError                **error);

G_END_DECLS
