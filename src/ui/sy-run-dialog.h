/* sy-run-dialog.h: creating a disbursement run (发放批次)
 *
 * The user picks the kind (from the standards' kinds), types the period
 * ("2025-Q4", "2025年第四季度" … checked as they type) and may give a title.
 * Every change computes the run again in a worker thread, without writing,
 * and shows how many people would be paid, the total and how many are
 * left out, so nothing is created blind.  Create writes the draft in a
 * worker, emits "created" with the new run's id and closes the window.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_RUN_DIALOG (sy_run_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyRunDialog, sy_run_dialog, SY, RUN_DIALOG, AdwWindow)

SyRunDialog *sy_run_dialog_new            (GtkWindow   *parent,
                                           SyDatabase  *db);

/* The kind and period as currently chosen (the period as typed). */
const char  *sy_run_dialog_get_kind       (SyRunDialog *self);
const char  *sy_run_dialog_get_period     (SyRunDialog *self);

/* TRUE when the preview shows the current choice: no computation is
 * pending or running. */
gboolean     sy_run_dialog_is_previewed   (SyRunDialog *self);
/* The preview: lines, their total and the people left out.  Meaningful
 * when previewed and there is no error. */
guint        sy_run_dialog_get_n_lines    (SyRunDialog *self);
gint64       sy_run_dialog_get_total_fen  (SyRunDialog *self);
guint        sy_run_dialog_get_n_excluded (SyRunDialog *self);
/* What is wrong with the choice (period, computation), or NULL. */
const char  *sy_run_dialog_get_error      (SyRunDialog *self);
/* Whether Create can be pressed. */
gboolean     sy_run_dialog_can_create     (SyRunDialog *self);

G_END_DECLS
