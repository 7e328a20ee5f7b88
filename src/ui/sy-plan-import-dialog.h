/* sy-plan-import-dialog.h: importing a 工作计划 from pasted text, a .txt or .docx file
 *
 * The text (pasted, typed or read from a file) is parsed again a moment
 * after every change, and the outline the parser found is shown next to it,
 * so the user can correct the text until the outline is right.  Import
 * writes it as the plan of the chosen year (all or nothing), emits
 * "imported" with the stored plan and closes the window.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_PLAN_IMPORT_DIALOG (sy_plan_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyPlanImportDialog, sy_plan_import_dialog, SY, PLAN_IMPORT_DIALOG, AdwWindow)

SyPlanImportDialog *sy_plan_import_dialog_new            (GtkWindow          *parent,
                                                          SyDatabase         *db);

/* Replaces the text (what pasting does); the preview follows after the
 * re-parse delay. */
void                sy_plan_import_dialog_set_text       (SyPlanImportDialog *self,
                                                          const char         *text);
/* Reads @file into the text, in a worker thread: a Word document (.docx)
 * as its paragraphs (sy_docx_load_text), a text file as UTF-8, else
 * GB 18030 as Windows editors save Chinese text.  An old .doc or a file
 * that cannot be read shows a toast saying what to do. */
void                sy_plan_import_dialog_load_file      (SyPlanImportDialog *self,
                                                          GFile              *file);

int                 sy_plan_import_dialog_get_year       (SyPlanImportDialog *self);
void                sy_plan_import_dialog_set_year       (SyPlanImportDialog *self,
                                                          int                 year);

/* TRUE when the preview shows the current text (no re-parse pending). */
gboolean            sy_plan_import_dialog_is_parsed      (SyPlanImportDialog *self);
/* The items of the preview and the label of one ("一、"). */
guint               sy_plan_import_dialog_get_n_items    (SyPlanImportDialog *self);
const char         *sy_plan_import_dialog_get_item_label (SyPlanImportDialog *self,
                                                          guint               index);
/* The parse error shown instead of the preview; NULL when there is none. */
const char         *sy_plan_import_dialog_get_error      (SyPlanImportDialog *self);
/* Whether the Import button can be pressed. */
gboolean            sy_plan_import_dialog_can_import     (SyPlanImportDialog *self);

G_END_DECLS
