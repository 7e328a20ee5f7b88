/* sy-new-plan-dialog.h: starting an empty yearly plan of the office
 *
 * Asks for the year (this year at first) and the title (the office's name
 * and the year, following the year until the user types one), says at once
 * when the office already has a plan of that year (Create is then off),
 * and creates the plan through sy_plan_repo_create_plan().  "created"
 * carries the new plan's id; an error keeps the dialog open with the
 * message under the fields.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_NEW_PLAN_DIALOG (sy_new_plan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyNewPlanDialog, sy_new_plan_dialog, SY, NEW_PLAN_DIALOG, AdwMessageDialog)

SyNewPlanDialog *sy_new_plan_dialog_new         (GtkWindow       *parent,
                                                 SyDatabase      *db);
void             sy_new_plan_dialog_set_year    (SyNewPlanDialog *self,
                                                 int              year);
const char      *sy_new_plan_dialog_get_title   (SyNewPlanDialog *self);
/* The message under the fields ("" when none). */
const char      *sy_new_plan_dialog_get_message (SyNewPlanDialog *self);
/* Creates the plan as the Create button does; FALSE (message shown) when
 * it is refused. */
gboolean         sy_new_plan_dialog_create      (SyNewPlanDialog *self);

G_END_DECLS
