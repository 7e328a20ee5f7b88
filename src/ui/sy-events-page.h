/* sy-events-page.h: the Events view: activities with their records and photos */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_EVENTS_PAGE (sy_events_page_get_type ())
G_DECLARE_FINAL_TYPE (SyEventsPage, sy_events_page, SY, EVENTS_PAGE, AdwBin)

/* Loads the list from @db, from the top. */
void     sy_events_page_set_database      (SyEventsPage *self,
                                           SyDatabase   *db);
/* Reads the list and the filter menus again from the same database (after
 * another desk's change), keeping the search, the filters, the selected
 * activity (by id; one deleted meanwhile gives way to the row now in its
 * place) and the scroll position; the detail shows what is stored now. */
void     sy_events_page_reload            (SyEventsPage *self);
/* The search entry (the first search field of the page, which the
 * window's Ctrl+F focuses; matches title, place, content and
 * participants) and the filter menus "kind" and "year" (the first
 * entry of each is "all"). */
GtkEditable *sy_events_page_get_search_entry (SyEventsPage *self);
GtkDropDown *sy_events_page_get_filter      (SyEventsPage *self,
                                             const char   *name);
/* Photo thumbnails still loading in worker threads (0 when all are shown). */
guint    sy_events_page_get_pending_photos (SyEventsPage *self);
/* Opens the folder intake on @folder (what the folder chooser of
 * "events.import-folder" leads to); returns its window. */
GtkWindow *sy_events_page_open_folder     (SyEventsPage *self,
                                           GFile        *folder);

G_END_DECLS
