/* sy-plan-item.h: a node of a plan's outline */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_PLAN_ITEM (sy_plan_item_get_type ())
G_DECLARE_FINAL_TYPE (SyPlanItem, sy_plan_item, SY, PLAN_ITEM, SyRecord)

SyPlanItem *sy_plan_item_new (void);

gint64 sy_plan_item_get_plan_id (SyPlanItem *self);
void sy_plan_item_set_plan_id (SyPlanItem *self, gint64 value);
gint64 sy_plan_item_get_parent_id (SyPlanItem *self);
void sy_plan_item_set_parent_id (SyPlanItem *self, gint64 value);
gint sy_plan_item_get_position (SyPlanItem *self);
void sy_plan_item_set_position (SyPlanItem *self, gint value);
gint sy_plan_item_get_level (SyPlanItem *self);
void sy_plan_item_set_level (SyPlanItem *self, gint value);
const char *sy_plan_item_get_label (SyPlanItem *self);
void sy_plan_item_set_label (SyPlanItem *self, const char *value);
const char *sy_plan_item_get_title (SyPlanItem *self);
void sy_plan_item_set_title (SyPlanItem *self, const char *value);
const char *sy_plan_item_get_time_node (SyPlanItem *self);
void sy_plan_item_set_time_node (SyPlanItem *self, const char *value);
const char *sy_plan_item_get_due_date (SyPlanItem *self);
void sy_plan_item_set_due_date (SyPlanItem *self, const char *value);
const char *sy_plan_item_get_responsible (SyPlanItem *self);
void sy_plan_item_set_responsible (SyPlanItem *self, const char *value);
const char *sy_plan_item_get_status (SyPlanItem *self);
void sy_plan_item_set_status (SyPlanItem *self, const char *value);

G_END_DECLS
