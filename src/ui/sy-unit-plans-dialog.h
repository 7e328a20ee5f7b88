/* sy-unit-plans-dialog.h: which sub-units have submitted their plan
 *
 * For the office's child units (unit.parent_id) and a year, a list saying
 * for each whether a plan of that year is in the database ("submitted") or
 * not, with the counts at the top, so a county sees which towns still owe
 * theirs (sy_queries_sub_unit_plans).
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_UNIT_PLANS_DIALOG (sy_unit_plans_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyUnitPlansDialog, sy_unit_plans_dialog, SY, UNIT_PLANS_DIALOG, AdwWindow)

SyUnitPlansDialog *sy_unit_plans_dialog_new         (GtkWindow         *parent,
                                                     SyDatabase        *db,
                                                     int                year);
void               sy_unit_plans_dialog_set_year    (SyUnitPlansDialog *self,
                                                     int                year);
/* The units listed, and how many of them have a plan of the year. */
guint              sy_unit_plans_dialog_get_n_units (SyUnitPlansDialog *self);
guint              sy_unit_plans_dialog_get_n_submitted (SyUnitPlansDialog *self);

G_END_DECLS
