/* sy-recipients-page.h: the Recipients view: 优抚对象 with categories and history */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_RECIPIENTS_PAGE (sy_recipients_page_get_type ())
G_DECLARE_FINAL_TYPE (SyRecipientsPage, sy_recipients_page, SY, RECIPIENTS_PAGE, AdwBin)

/* Loads the list from @db, from the top. */
void sy_recipients_page_set_database (SyRecipientsPage *self,
                                      SyDatabase       *db);
/* Reads the list and the filter menus again from the same database (after
 * another desk's change), keeping the search, the filters, the sort, the
 * selected person (by id; one deleted meanwhile gives way to the row now
 * in its place) and the scroll position; the detail shows what is stored
 * now. */
void sy_recipients_page_reload       (SyRecipientsPage *self);

G_END_DECLS
