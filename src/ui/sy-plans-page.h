/* sy-plans-page.h: the Plans view: yearly work plans and their outlines */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_PLANS_PAGE (sy_plans_page_get_type ())
G_DECLARE_FINAL_TYPE (SyPlansPage, sy_plans_page, SY, PLANS_PAGE, AdwBin)

/* Loads (or reloads) the list from @db. */
void sy_plans_page_set_database (SyPlansPage *self,
                                 SyDatabase  *db);

G_END_DECLS
