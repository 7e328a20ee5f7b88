/* sy-recipients-page.h: the Recipients view: 优抚对象 with categories and history */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_RECIPIENTS_PAGE (sy_recipients_page_get_type ())
G_DECLARE_FINAL_TYPE (SyRecipientsPage, sy_recipients_page, SY, RECIPIENTS_PAGE, AdwBin)

/* Loads (or reloads) the list from @db. */
void sy_recipients_page_set_database (SyRecipientsPage *self,
                                      SyDatabase       *db);

G_END_DECLS
