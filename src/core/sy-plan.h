/* sy-plan.h: a yearly 工作计划 of a unit */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_PLAN (sy_plan_get_type ())
G_DECLARE_FINAL_TYPE (SyPlan, sy_plan, SY, PLAN, SyRecord)

SyPlan *sy_plan_new (void);

gint64 sy_plan_get_unit_id (SyPlan *self);
void sy_plan_set_unit_id (SyPlan *self, gint64 value);
gint sy_plan_get_year (SyPlan *self);
void sy_plan_set_year (SyPlan *self, gint value);
const char *sy_plan_get_title (SyPlan *self);
void sy_plan_set_title (SyPlan *self, const char *value);
const char *sy_plan_get_preface (SyPlan *self);
void sy_plan_set_preface (SyPlan *self, const char *value);
gint sy_plan_get_item_count (SyPlan *self);
void sy_plan_set_item_count (SyPlan *self, gint value);

G_END_DECLS
