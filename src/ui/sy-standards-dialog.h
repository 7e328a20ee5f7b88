/* sy-standards-dialog.h: the window where the office keeps its subsidy standards and top-up rules
 *
 * Two pages (Standards, Top-up Rules), each a list beside a form.  Add,
 * Edit, Supersede… (standards only) and Delete (asks first) work on the
 * selected row; the form validates inline and Save stays insensitive while
 * anything is invalid.  A row a paid run used shows a lock: editing it
 * opens only its end date, and a new amount goes through Supersede….
 * Import CSV… / Export CSV… work on the visible page's table; a rejected
 * import writes nothing and lists every problem as FILE:LINE: column.
 * Everything goes through SyStandardRepo.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_STANDARDS_DIALOG (sy_standards_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyStandardsDialog, sy_standards_dialog, SY, STANDARDS_DIALOG, AdwWindow)

/* A modal window transient for @parent, on @db. */
GtkWidget  *sy_standards_dialog_new               (GtkWindow         *parent,
                                                   SyDatabase        *db);

/* For tests (and keyboard focus) ------------------------------------------ */

/* "standards" or "topups". */
void        sy_standards_dialog_show_page         (SyStandardsDialog *self,
                                                   const char        *page);
/* Selects the record @id in the visible page's list; FALSE if not listed. */
gboolean    sy_standards_dialog_select            (SyStandardsDialog *self,
                                                   gint64             id);
/* The selected record of the visible page (SySubsidyStandard or
 * SySubsidyTopup, transfer none), or NULL. */
SyRecord   *sy_standards_dialog_get_selected      (SyStandardsDialog *self);
/* TRUE when the row of record @id on the visible page shows the lock. */
gboolean    sy_standards_dialog_is_locked         (SyStandardsDialog *self,
                                                   gint64             id);
/* The widget of a form field: standards "kind", "category", "grade",
 * "nature", "hukou", "amount", "period", "from", "to", "household"; top-up
 * rules "topup-kind", "condition", "percent", "topup-from", "topup-to". */
GtkWidget  *sy_standards_dialog_get_field         (SyStandardsDialog *self,
                                                   const char        *field);
/* The inline message under a field ("" when none). */
const char *sy_standards_dialog_get_field_message (SyStandardsDialog *self,
                                                   const char        *field);
/* The message shown at the top of the window (errors, import results); "" when hidden. */
const char *sy_standards_dialog_get_message       (SyStandardsDialog *self);
/* What Import CSV… does once a file is chosen, for the visible page. */
void        sy_standards_dialog_import_file       (SyStandardsDialog *self,
                                                   GFile             *file);

/* The Supersede… dialog (an AdwMessageDialog, response "supersede") keeps
 * its two entries as object data "from-entry" and "amount-entry". */

G_END_DECLS
