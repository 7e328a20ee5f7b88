/* sy-archives-page.h: the Archives view: documents, and the ledger export button */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_ARCHIVES_PAGE (sy_archives_page_get_type ())
G_DECLARE_FINAL_TYPE (SyArchivesPage, sy_archives_page, SY, ARCHIVES_PAGE, AdwBin)

/* Loads (or reloads) the list from @db. */
void sy_archives_page_set_database (SyArchivesPage *self,
                                    SyDatabase     *db);

G_END_DECLS
