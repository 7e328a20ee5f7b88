/* sy-ledger-table.h: a titled table that breaks across pages
 *
 * The 走访慰问登记表, the 领导小组成员名单 and any other list in the ledger.
 * The title (and an optional subtitle line: unit, period) opens the first
 * page; a continuation page repeats the title with "（续）" and always the
 * header row.  Cells wrap inside their column; a row never splits unless it
 * alone is taller than a page (then its lines continue on the next page
 * under the repeated header).  A note (totals, signatures) follows the last
 * row and goes with it: it is never alone at the top of a page.  An empty
 * table shows one row "无记录".  Portrait A4 in the ledger's text block, or
 * landscape A4 with 20 mm margins.
 */
#pragma once

#include "sy-ledger-section.h"

G_BEGIN_DECLS

typedef struct {
  const char     *header;
  double          weight;   /* share of the table's width */
  PangoAlignment  align;
} SyLedgerColumn;

#define SY_TYPE_LEDGER_TABLE (sy_ledger_table_get_type ())
G_DECLARE_FINAL_TYPE (SyLedgerTable, sy_ledger_table, SY, LEDGER_TABLE, GObject)

/* @columns are copied.  @subtitle may be NULL. */
SyLedgerTable *sy_ledger_table_new      (const char           *title,
                                         const char           *subtitle,
                                         const SyLedgerColumn *columns,
                                         guint                 n_columns,
                                         gboolean              landscape);
/* @cells: n_columns strings (NULL: empty cell), copied. */
void           sy_ledger_table_add_row  (SyLedgerTable      *self,
                                         const char * const *cells);
/* Text after the last row (may hold newlines); NULL: none. */
void           sy_ledger_table_set_note (SyLedgerTable *self,
                                         const char    *note);
guint          sy_ledger_table_get_n_rows (SyLedgerTable *self);

G_END_DECLS
