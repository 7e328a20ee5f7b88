/* sy-ledger-toc.h: the 目录 (table of contents) */
#pragma once

#include "sy-ledger-section.h"

G_BEGIN_DECLS

#define SY_TYPE_LEDGER_TOC (sy_ledger_toc_get_type ())
G_DECLARE_FINAL_TYPE (SyLedgerToc, sy_ledger_toc, SY, LEDGER_TOC, GObject)

SyLedgerToc *sy_ledger_toc_new      (void);

/* Appends an entry and returns its index.  Level 0 is a heading (a volume),
 * level 1 an item under it; @prefix (e.g. "03月15日") is set in a column
 * before the title, or NULL. */
guint        sy_ledger_toc_add      (SyLedgerToc *self,
                                     guint        level,
                                     const char  *prefix,
                                     const char  *title);

/* Page numbers change nothing in the 目录's own pagination (their column
 * has a fixed width), so they can be set after paginating everything. */
void         sy_ledger_toc_set_page (SyLedgerToc *self,
                                     guint        entry,
                                     guint        page);

/* Where entry @entry is painted once paginated: the page of the 目录
 * (0-based) and the box in points on it (the whole line across the text
 * block, the title's height).  FALSE before pagination. */
gboolean     sy_ledger_toc_get_entry_box (SyLedgerToc *self,
                                          guint        entry,
                                          guint       *toc_page,
                                          double      *x,
                                          double      *y,
                                          double      *width,
                                          double      *height);

guint        sy_ledger_toc_get_n_entries (SyLedgerToc *self);
const char  *sy_ledger_toc_get_title     (SyLedgerToc *self, guint entry);
guint        sy_ledger_toc_get_page      (SyLedgerToc *self, guint entry);
guint        sy_ledger_toc_get_level     (SyLedgerToc *self, guint entry);

G_END_DECLS
