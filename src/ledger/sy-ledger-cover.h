/* sy-ledger-cover.h: the ledger's cover page */
#pragma once

#include "sy-ledger-section.h"

G_BEGIN_DECLS

#define SY_TYPE_LEDGER_COVER (sy_ledger_cover_get_type ())
G_DECLARE_FINAL_TYPE (SyLedgerCover, sy_ledger_cover, SY, LEDGER_COVER, GObject)

/* @compiler may be NULL (a line is left to write on); @date is shown as
 * given (e.g. "2025年1月6日"). */
SyLedgerCover *sy_ledger_cover_new (const char *office,
                                    const char *title,
                                    int         from_year,
                                    int         to_year,
                                    const char *compiler,
                                    const char *date);

/* A line under the years naming the volumes bound ("第二卷", "全八卷");
 * NULL or "" for none. */
void           sy_ledger_cover_set_volume (SyLedgerCover *self,
                                           const char    *volume);

G_END_DECLS
