/* sy-subsidy-topup.h: a top-up rule: a condition adds a percentage of a subsidy */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_SUBSIDY_TOPUP (sy_subsidy_topup_get_type ())
G_DECLARE_FINAL_TYPE (SySubsidyTopup, sy_subsidy_topup, SY, SUBSIDY_TOPUP, SyRecord)

SySubsidyTopup *sy_subsidy_topup_new (void);

const char *sy_subsidy_topup_get_kind (SySubsidyTopup *self);
void sy_subsidy_topup_set_kind (SySubsidyTopup *self, const char *value);
const char *sy_subsidy_topup_get_condition (SySubsidyTopup *self);
void sy_subsidy_topup_set_condition (SySubsidyTopup *self, const char *value);
gint sy_subsidy_topup_get_percent (SySubsidyTopup *self);
void sy_subsidy_topup_set_percent (SySubsidyTopup *self, gint value);
const char *sy_subsidy_topup_get_effective_from (SySubsidyTopup *self);
void sy_subsidy_topup_set_effective_from (SySubsidyTopup *self, const char *value);
const char *sy_subsidy_topup_get_effective_to (SySubsidyTopup *self);
void sy_subsidy_topup_set_effective_to (SySubsidyTopup *self, const char *value);

G_END_DECLS
