/* sy-ledger-sheet.h: one 活动记录表 (activity record sheet) with its photos */
#pragma once

#include "sy-ledger-section.h"
#include "sy-core.h"

G_BEGIN_DECLS

/* Returns the bytes of the attachment @hash, or NULL if it is missing or
 * corrupt (the sheet then shows a placeholder). */
typedef GBytes *(*SyLedgerPhotoLoader) (const char *hash,
                                        gpointer    user_data);

#define SY_TYPE_LEDGER_SHEET (sy_ledger_sheet_get_type ())
G_DECLARE_FINAL_TYPE (SyLedgerSheet, sy_ledger_sheet, SY, LEDGER_SHEET, GObject)

/* @serial labels the sheet (e.g. "2024-07"); @loader fetches photo bytes
 * when a page is painted and must stay valid as long as the sheet. */
SyLedgerSheet *sy_ledger_sheet_new       (SyEvent             *event,
                                          const char          *office,
                                          const char          *serial,
                                          SyLedgerPhotoLoader  loader,
                                          gpointer             loader_data);
void           sy_ledger_sheet_add_photo (SyLedgerSheet *self,
                                          const char    *hash,
                                          const char    *caption);
SyEvent       *sy_ledger_sheet_get_event (SyLedgerSheet *self);

G_END_DECLS
