/* sy-year-summary-dialog.h: saving the draft 年终总结 of a year
 *
 * A small window: the year, the format (.odt to edit, PDF to print) and a
 * Save button that asks for the file (GtkFileChooserNative), then counts the
 * year and writes the draft in a worker thread with its own database
 * connection, a progress bar meanwhile.  "finished" is emitted with NULL on
 * success (the window then shows where the file went) or the error message.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_YEAR_SUMMARY_DIALOG (sy_year_summary_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyYearSummaryDialog, sy_year_summary_dialog, SY, YEAR_SUMMARY_DIALOG, AdwWindow)

SyYearSummaryDialog *sy_year_summary_dialog_new      (GtkWindow           *parent,
                                                      SyDatabase          *db,
                                                      int                  year);
int                  sy_year_summary_dialog_get_year (SyYearSummaryDialog *self);
void                 sy_year_summary_dialog_set_year (SyYearSummaryDialog *self,
                                                      int                  year);
/* TRUE: .odt; FALSE: PDF. */
gboolean             sy_year_summary_dialog_get_odt  (SyYearSummaryDialog *self);
void                 sy_year_summary_dialog_set_odt  (SyYearSummaryDialog *self,
                                                      gboolean             odt);
/* Writes the draft to @file (what Save does after the file chooser); a
 * name without the format's suffix gets it. */
void                 sy_year_summary_dialog_save_to  (SyYearSummaryDialog *self,
                                                      GFile               *file);
gboolean             sy_year_summary_dialog_is_busy  (SyYearSummaryDialog *self);

G_END_DECLS
