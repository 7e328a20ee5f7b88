/* sy-window.h: the main window: five views, export of the ledger */
#pragma once

#include <adwaita.h>
#include "sy-application.h"

G_BEGIN_DECLS

#define SY_TYPE_WINDOW (sy_window_get_type ())
G_DECLARE_FINAL_TYPE (SyWindow, sy_window, SY, WINDOW, AdwApplicationWindow)

SyWindow   *sy_window_new            (SyApplication *application);

/* Shows the progress page (first-start demo data) with @fraction and @text. */
void        sy_window_set_progress   (SyWindow   *self,
                                      double      fraction,
                                      const char *text);
/* Shows @page (the first-start welcome page) instead of the views until
 * sy_window_load () or sy_window_set_progress (), which drop it. */
void        sy_window_show_welcome   (SyWindow   *self,
                                      GtkWidget  *page);
/* (Re)loads every view from @db and shows them. */
void        sy_window_load           (SyWindow   *self,
                                      SyDatabase *db);

/* The page widget of a view: "plans", "recipients", "subsidies", "events",
 * "archives"; NULL for another name. */
GtkWidget  *sy_window_get_page       (SyWindow   *self,
                                      const char *name);
const char *sy_window_get_view       (SyWindow   *self);
void        sy_window_set_view       (SyWindow   *self,
                                      const char *name);

/* Exports the whole ledger of [@from_year, @to_year] to @file in a worker
 * thread, with progress and Cancel in the window and a toast at the end.
 * (win.export-ledger, Ctrl+P, opens the ledger book window instead, where
 * the volumes and options are chosen and the pages previewed.) */
void        sy_window_export_ledger  (SyWindow   *self,
                                      GFile      *file,
                                      int         from_year,
                                      int         to_year);
gboolean    sy_window_is_exporting   (SyWindow   *self);

/* Takes ownership of @toast. */
void        sy_window_add_toast      (SyWindow   *self,
                                      AdwToast   *toast);

G_END_DECLS
