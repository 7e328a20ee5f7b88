/* sy-unit.h: an office or a sub-unit (村, 社区, school …) in the hierarchy */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_UNIT (sy_unit_get_type ())
G_DECLARE_FINAL_TYPE (SyUnit, sy_unit, SY, UNIT, SyRecord)

SyUnit *sy_unit_new (void);

gint64 sy_unit_get_parent_id (SyUnit *self);
void sy_unit_set_parent_id (SyUnit *self, gint64 value);
const char *sy_unit_get_name (SyUnit *self);
void sy_unit_set_name (SyUnit *self, const char *value);
const char *sy_unit_get_level (SyUnit *self);
void sy_unit_set_level (SyUnit *self, const char *value);
const char *sy_unit_get_region_code (SyUnit *self);
void sy_unit_set_region_code (SyUnit *self, const char *value);

G_END_DECLS
