/* sy-import-dialog.h: importing a recipient list (CSV, .xlsx) with a preview
 *
 * Choose a file → it is read and every row validated and classified in a
 * worker thread → the preview shows the column mapping (one drop-down per
 * column, changeable), every row with its action and problems, and the
 * counts → Import commits all-or-nothing in a worker thread with its own
 * database connection (Cancel rolls back) → the result shows the counts.
 * Emits "imported" after a commit that wrote something.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_IMPORT_DIALOG (sy_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyImportDialog, sy_import_dialog, SY, IMPORT_DIALOG, AdwWindow)

/* @db is the main thread's connection: the workers open their own on its
 * directory, with its actor. */
SyImportDialog *sy_import_dialog_new              (GtkWindow      *parent,
                                                   SyDatabase     *db);

/* Reads and previews @file (what choosing it in the file chooser does). */
void            sy_import_dialog_load_file        (SyImportDialog *self,
                                                   GFile          *file);

/* The sheets of the .xlsx workbook shown (0 for a CSV file) and the index
 * of the one previewed (-1 for a CSV file).  Selecting another sheet (what
 * the 工作表 drop-down does) reads and checks it again in the worker, with
 * its own column titles and mapping. */
guint           sy_import_dialog_get_n_sheets     (SyImportDialog *self);
int             sy_import_dialog_get_sheet        (SyImportDialog *self);
void            sy_import_dialog_select_sheet     (SyImportDialog *self,
                                                   guint           sheet);

/* "choose", "busy" (reading, checking or writing), "error", "preview" or
 * "result". */
const char     *sy_import_dialog_get_step         (SyImportDialog *self);
/* TRUE while a worker runs. */
gboolean        sy_import_dialog_is_busy          (SyImportDialog *self);
/* The message of the error page, or of a missing 姓名/身份证号 column on the
 * preview; NULL when there is none. */
const char     *sy_import_dialog_get_error        (SyImportDialog *self);

/* The preview: data rows, the action of one (meaningful once validated) and
 * its problems as one text, one per line ("" when none). */
guint           sy_import_dialog_get_n_rows       (SyImportDialog *self);
gboolean        sy_import_dialog_is_validated     (SyImportDialog *self);
SyImportAction  sy_import_dialog_get_row_action   (SyImportDialog *self,
                                                   guint           row);
char           *sy_import_dialog_get_row_messages (SyImportDialog *self,
                                                   guint           row);
/* The column drop-down of the mapping (selected item = SyRecipientField). */
GtkDropDown    *sy_import_dialog_get_column_dropdown (SyImportDialog *self,
                                                      guint           column);
/* What the preview or the last commit counted. */
guint           sy_import_dialog_get_count        (SyImportDialog *self,
                                                   SyImportAction  action);
/* TRUE after a commit that wrote its changes. */
gboolean        sy_import_dialog_get_committed    (SyImportDialog *self);

G_END_DECLS
