/* sy-assessment-window.h: the 考评 items and how well the evidence covers them
 *
 * Left, the items in outline order (the eight standards, their scored
 * sub-items indented), each with its score, its evidence over the review
 * window and its gaps.  Right, the coverage map (sy-ledger-coverage.h, the
 * painter the self-score sheet uses) and the gaps of the selected standard
 * (all gaps when none is selected).  Add Sub-item…, Edit… and Delete (asks
 * first; sub-items only) work on the selected row; Import CSV… / Export
 * CSV… a province's 细则 (a rejected import writes nothing and lists every
 * problem as FILE:LINE: column); Self-score Sheet… writes the PDF.  The
 * review window is the years ending this year (default 4).
 * Actions: assessment.add-sub-item, .edit, .delete, .import, .export,
 * .export-pdf.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_ASSESSMENT_WINDOW (sy_assessment_window_get_type ())
G_DECLARE_FINAL_TYPE (SyAssessmentWindow, sy_assessment_window, SY, ASSESSMENT_WINDOW, AdwWindow)

/* A window transient for @parent (may be NULL), on @db. */
GtkWidget  *sy_assessment_window_new            (GtkWindow          *parent,
                                                 SyDatabase         *db);

/* For tests ----------------------------------------------------------------- */

/* Rows listed: every item, and the top-level ones. */
guint       sy_assessment_window_get_n_items    (SyAssessmentWindow *self);
guint       sy_assessment_window_get_n_standards (SyAssessmentWindow *self);
/* Selects the row of the item with @code; FALSE if not listed. */
gboolean    sy_assessment_window_select         (SyAssessmentWindow *self,
                                                 const char         *code);
/* The subtitle the row of @code shows (score, evidence, gaps), or NULL. */
const char *sy_assessment_window_get_row_subtitle (SyAssessmentWindow *self,
                                                   const char         *code);
/* The map shown (transfer none). */
SyCoverage *sy_assessment_window_get_coverage   (SyAssessmentWindow *self);
/* The field @name ("code", "title", "score", "description") of the item
 * form that Add Sub-item… or Edit… opened, or NULL. */
GtkWidget  *sy_assessment_window_get_field      (SyAssessmentWindow *self,
                                                 const char         *name);
/* The message shown above the list ("" when none). */
const char *sy_assessment_window_get_message    (SyAssessmentWindow *self);

G_END_DECLS
