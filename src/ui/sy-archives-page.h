/* sy-archives-page.h: the Archives view: documents, and the button that opens the ledger book */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_ARCHIVES_PAGE (sy_archives_page_get_type ())
G_DECLARE_FINAL_TYPE (SyArchivesPage, sy_archives_page, SY, ARCHIVES_PAGE, AdwBin)

/* Loads the list from @db, from the top. */
void sy_archives_page_set_database (SyArchivesPage *self,
                                    SyDatabase     *db);
/* Reads the list again from the same database (after another desk's
 * change), keeping the search, the selected document (by id; one deleted
 * meanwhile gives way to the row now in its place) and the scroll
 * position; the detail shows what is stored now. */
void sy_archives_page_reload       (SyArchivesPage *self);

/* Imports @files (GFile): each is checked and its text extracted in its own
 * worker thread, with progress and Cancel under the search entry.  One good
 * file opens the document editor; several are stored with their default
 * titles at once.  Refused files are listed with the reason.  What the
 * Import… chooser and a drop of files do.  Ignored while a batch runs. */
void       sy_archives_page_import_files  (SyArchivesPage *self,
                                           GListModel     *files);
gboolean   sy_archives_page_is_importing  (SyArchivesPage *self);
/* The batch's Cancel: the checks stop, nothing of the batch is stored. */
void       sy_archives_page_cancel_import (SyArchivesPage *self);
/* Deletes the selected document (no confirmation: the Delete button asks
 * first), with an Undo toast. */
gboolean   sy_archives_page_delete_selected (SyArchivesPage *self,
                                             GError        **error);
/* Opens the page preview of the selected document; NULL when none. */
GtkWindow *sy_archives_page_open_preview  (SyArchivesPage *self);

/* For tests: the preview window's page (0-based; -1 for another window) and
 * page count (0 until the first page is rendered), its page turning and
 * the picture shown. */
int           sy_archives_page_preview_get_page      (GtkWindow *preview,
                                                      int       *n_pages);
void          sy_archives_page_preview_step          (GtkWindow *preview,
                                                      int        delta);
GdkPaintable *sy_archives_page_preview_get_paintable (GtkWindow *preview);

G_END_DECLS
