/* sy-military-unit.h: a 共建部队 the office works with */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_MILITARY_UNIT (sy_military_unit_get_type ())
G_DECLARE_FINAL_TYPE (SyMilitaryUnit, sy_military_unit, SY, MILITARY_UNIT, SyRecord)

SyMilitaryUnit *sy_military_unit_new (void);

const char *sy_military_unit_get_name (SyMilitaryUnit *self);
void sy_military_unit_set_name (SyMilitaryUnit *self, const char *value);
const char *sy_military_unit_get_designation (SyMilitaryUnit *self);
void sy_military_unit_set_designation (SyMilitaryUnit *self, const char *value);
const char *sy_military_unit_get_address (SyMilitaryUnit *self);
void sy_military_unit_set_address (SyMilitaryUnit *self, const char *value);
const char *sy_military_unit_get_contact (SyMilitaryUnit *self);
void sy_military_unit_set_contact (SyMilitaryUnit *self, const char *value);

G_END_DECLS
