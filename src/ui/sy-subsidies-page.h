/* sy-subsidies-page.h: the Subsidies view: disbursement runs, payees, standards */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_SUBSIDIES_PAGE (sy_subsidies_page_get_type ())
G_DECLARE_FINAL_TYPE (SySubsidiesPage, sy_subsidies_page, SY, SUBSIDIES_PAGE, AdwBin)

/* Loads (or reloads) the runs and the standards from @db. */
void sy_subsidies_page_set_database (SySubsidiesPage *self,
                                     SyDatabase      *db);

G_END_DECLS
