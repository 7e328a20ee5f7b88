/* sy-ledger-divider.h: the divider page that opens a volume of the ledger
 *
 * One page: "第一卷" (Chinese numeral), the 考评 standard's title large,
 * its description, the office and the years, and the list of its scored
 * items ("1.1　内容（分值）") the volume's evidence answers to, each with
 * its number of pieces of evidence in the volume.  Portrait A4.
 */
#pragma once

#include "sy-ledger-section.h"

G_BEGIN_DECLS

#define SY_TYPE_LEDGER_DIVIDER (sy_ledger_divider_get_type ())
G_DECLARE_FINAL_TYPE (SyLedgerDivider, sy_ledger_divider, SY, LEDGER_DIVIDER, GObject)

/* @volume: 1-based; @description, @office may be NULL; @years_text e.g.
 * "2022—2025年度". */
SyLedgerDivider *sy_ledger_divider_new      (guint       volume,
                                             const char *title,
                                             const char *description,
                                             const char *office,
                                             const char *years_text);
/* Appends an item line: @code "1.1", @title, @score (0: none shown),
 * @n_evidence pieces in this volume. */
void             sy_ledger_divider_add_item (SyLedgerDivider *self,
                                             const char      *code,
                                             const char      *title,
                                             int              score,
                                             guint            n_evidence);

G_END_DECLS
