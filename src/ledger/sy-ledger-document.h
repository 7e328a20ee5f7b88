/* sy-ledger-document.h: the 台帐 (ledger) of an office for a span of years
 *
 * Reads the office's records once, paginates once, and then paints any page
 * on any cairo_t, in points on an A4 page: the PDF export, printing and the
 * preview all show the same pages.  render_page() paints no background: a
 * preview fills the page white first.
 *
 * A document is not thread-safe: use it from one thread at a time (it may
 * be handed to a worker thread for layout and export).
 */
#pragma once

#include <cairo.h>
#include "sy-store.h"

G_BEGIN_DECLS

/* Bit of volume @n (the 考评 standard with code "n", 1–8) in
 * SyLedgerOptions.volumes. */
#define SY_LEDGER_VOLUME(n)  (1u << ((n) - 1))
#define SY_LEDGER_ALL_VOLUMES 0xffu

typedef struct {
  int            from_year;
  int            to_year;
  const char    *compiler;  /* 编制人; NULL leaves a line to write on */
  /* Which volumes (SY_LEDGER_VOLUME bits); 0 means all eight. */
  guint          volumes;
  /* Masking of personal data in every list: SY_MASK_INTERNAL (the default,
   * 0) or SY_MASK_PUBLIC (ID numbers masked, no accounts). */
  SyMaskProfile  profile;
  /* Photo resolution: 300 (0 means 300) or 150 (draft). */
  int            dpi;
  /* The unit whose records are bound, with its sub-units; 0: the office
   * (every record). */
  gint64         unit_id;
} SyLedgerOptions;

/* @fraction in [0, 1]; @what says what is being done, for a status line. */
typedef void (*SyLedgerProgress) (double      fraction,
                                  const char *what,
                                  gpointer    user_data);

#define SY_TYPE_LEDGER_DOCUMENT (sy_ledger_document_get_type ())
G_DECLARE_FINAL_TYPE (SyLedgerDocument, sy_ledger_document, SY, LEDGER_DOCUMENT, GObject)

SyLedgerDocument *sy_ledger_document_new           (SyDatabase            *db,
                                                    const SyLedgerOptions *options);

/* Reads the records and paginates.  May be called again to pick up changed
 * data.  SY_ERROR_CANCELLED when @cancellable fires. */
gboolean          sy_ledger_document_layout        (SyLedgerDocument *self,
                                                    GCancellable     *cancellable,
                                                    GError          **error);

/* 0 before a successful layout. */
guint             sy_ledger_document_get_n_pages   (SyLedgerDocument *self);
void              sy_ledger_document_get_page_size (SyLedgerDocument *self,
                                                    double           *width_pt,
                                                    double           *height_pt);
/* The size of page @index: portrait A4 (what get_page_size gives) unless
 * its section says otherwise (a landscape 花名册). */
void              sy_ledger_document_get_page_size_at (SyLedgerDocument *self,
                                                       guint             index,
                                                       double           *width_pt,
                                                       double           *height_pt);
/* Paints page @index (0-based) with user units in points. */
void              sy_ledger_document_render_page   (SyLedgerDocument *self,
                                                    guint             index,
                                                    cairo_t          *cr);

/* Writes the ledger as PDF (laying it out first if needed).  The file
 * appears complete or not at all: it is written to a temporary file beside
 * @path, synced and renamed over it; on error or cancellation any old file
 * at @path is left as it was.  @progress is called after every page. */
gboolean          sy_ledger_document_export_pdf    (SyLedgerDocument *self,
                                                    const char       *path,
                                                    SyLedgerProgress  progress,
                                                    gpointer          user_data,
                                                    GCancellable     *cancellable,
                                                    GError          **error);

/* The 目录: volume headings (level 0, at their divider page) and one entry
 * per piece of evidence (level 1; a volume without any has one entry "本卷暂无
 * 佐证材料" with page 0),
 * with 1-based page numbers (the PDF page, the cover being page 1). */
guint             sy_ledger_document_get_n_toc_entries (SyLedgerDocument *self);
const char       *sy_ledger_document_get_toc_title     (SyLedgerDocument *self,
                                                        guint             index);
guint             sy_ledger_document_get_toc_page      (SyLedgerDocument *self,
                                                        guint             index);
guint             sy_ledger_document_get_toc_level     (SyLedgerDocument *self,
                                                        guint             index);

G_END_DECLS
