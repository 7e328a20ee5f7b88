/* sy-subsidies-page.h: the Subsidies view: disbursement runs and their states
 *
 * The runs list and, for the selected run, its state with what can be done
 * next, its fields, the payment list and the people not paid (with the
 * reason).  Everything is an action of the "subsidies" group on the page
 * (subsidies.new-run, .recompute, .adjust-line, .approve, .unapprove,
 * .mark-paid, .import-bank-return, .reissue, .delete, .export-roster (s:
 * "internal" | "public"), .export-bank-file, .payment-audit, .standards,
 * .cancel-job), enabled only in the states where it applies.  Long work
 * runs in a worker thread with its own database connection, with a
 * progress bar and Cancel under the detail pane.
 *
 * The toolbar's search field (the first on the page, so the window's Ctrl+F
 * focuses it) narrows the runs by title, kind, period, state and voucher;
 * the payment list has its own, by name or the end of the ID number.
 * Escape empties either.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_SUBSIDIES_PAGE (sy_subsidies_page_get_type ())
G_DECLARE_FINAL_TYPE (SySubsidiesPage, sy_subsidies_page, SY, SUBSIDIES_PAGE, AdwBin)

/* Loads the runs from @db, from the top. */
void     sy_subsidies_page_set_database     (SySubsidiesPage *self,
                                             SyDatabase      *db);
/* Reads the runs and the selected run's lists again from the same
 * database (after another desk's change), keeping both searches, the
 * selected run (by id; one deleted meanwhile, or now hidden by the search,
 * gives way to the row now in its place), the selected payment line (by
 * id; none when it is gone) and the scroll positions. */
void     sy_subsidies_page_reload           (SySubsidiesPage *self);

/* Reloads and selects run @batch_id; FALSE if it is not listed. */
gboolean sy_subsidies_page_select_run       (SySubsidiesPage *self,
                                             gint64           batch_id);
/* The selected run's id, 0 for none. */
gint64   sy_subsidies_page_get_selected_run (SySubsidiesPage *self);
/* TRUE while work runs in the worker (export, recompute …). */
gboolean sy_subsidies_page_is_busy          (SySubsidiesPage *self);

/* What the page's file choosers lead to, on the selected run: each starts
 * the work in the worker and returns TRUE, or FALSE when the run's state
 * does not allow it (or other work runs).  The outcome is shown as the
 * actions show it: a toast, or a dialog saying what went wrong. */
gboolean sy_subsidies_page_import_bank_return (SySubsidiesPage *self,
                                               GFile           *file);
gboolean sy_subsidies_page_export_roster      (SySubsidiesPage *self,
                                               GFile           *file,
                                               SyMaskProfile    profile);
/* CSV or XLSX by the name (XLSX when it has neither). */
gboolean sy_subsidies_page_export_bank_file   (SySubsidiesPage *self,
                                               GFile           *file);

G_END_DECLS
