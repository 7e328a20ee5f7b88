/* sy-subsidy-standard.h: an amount paid per period to a category, effective-dated */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_SUBSIDY_STANDARD (sy_subsidy_standard_get_type ())
G_DECLARE_FINAL_TYPE (SySubsidyStandard, sy_subsidy_standard, SY, SUBSIDY_STANDARD, SyRecord)

SySubsidyStandard *sy_subsidy_standard_new (void);

const char *sy_subsidy_standard_get_kind (SySubsidyStandard *self);
void sy_subsidy_standard_set_kind (SySubsidyStandard *self, const char *value);
const char *sy_subsidy_standard_get_category (SySubsidyStandard *self);
void sy_subsidy_standard_set_category (SySubsidyStandard *self, const char *value);
gint sy_subsidy_standard_get_disability_grade (SySubsidyStandard *self);
void sy_subsidy_standard_set_disability_grade (SySubsidyStandard *self, gint value);
const char *sy_subsidy_standard_get_disability_nature (SySubsidyStandard *self);
void sy_subsidy_standard_set_disability_nature (SySubsidyStandard *self, const char *value);
const char *sy_subsidy_standard_get_hukou (SySubsidyStandard *self);
void sy_subsidy_standard_set_hukou (SySubsidyStandard *self, const char *value);
gint64 sy_subsidy_standard_get_amount_fen (SySubsidyStandard *self);
void sy_subsidy_standard_set_amount_fen (SySubsidyStandard *self, gint64 value);
const char *sy_subsidy_standard_get_period (SySubsidyStandard *self);
void sy_subsidy_standard_set_period (SySubsidyStandard *self, const char *value);
const char *sy_subsidy_standard_get_effective_from (SySubsidyStandard *self);
void sy_subsidy_standard_set_effective_from (SySubsidyStandard *self, const char *value);
const char *sy_subsidy_standard_get_effective_to (SySubsidyStandard *self);
void sy_subsidy_standard_set_effective_to (SySubsidyStandard *self, const char *value);
gboolean sy_subsidy_standard_get_per_household (SySubsidyStandard *self);
void sy_subsidy_standard_set_per_household (SySubsidyStandard *self, gboolean value);

G_END_DECLS
