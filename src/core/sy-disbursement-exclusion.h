/* sy-disbursement-exclusion.h: a person a disbursement run did not pay, and why */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_DISBURSEMENT_EXCLUSION (sy_disbursement_exclusion_get_type ())
G_DECLARE_FINAL_TYPE (SyDisbursementExclusion, sy_disbursement_exclusion, SY, DISBURSEMENT_EXCLUSION, SyRecord)

SyDisbursementExclusion *sy_disbursement_exclusion_new (void);

gint64 sy_disbursement_exclusion_get_batch_id (SyDisbursementExclusion *self);
void sy_disbursement_exclusion_set_batch_id (SyDisbursementExclusion *self, gint64 value);
gint64 sy_disbursement_exclusion_get_recipient_id (SyDisbursementExclusion *self);
void sy_disbursement_exclusion_set_recipient_id (SyDisbursementExclusion *self, gint64 value);
const char *sy_disbursement_exclusion_get_category (SyDisbursementExclusion *self);
void sy_disbursement_exclusion_set_category (SyDisbursementExclusion *self, const char *value);
const char *sy_disbursement_exclusion_get_code (SyDisbursementExclusion *self);
void sy_disbursement_exclusion_set_code (SyDisbursementExclusion *self, const char *value);
const char *sy_disbursement_exclusion_get_reason (SyDisbursementExclusion *self);
void sy_disbursement_exclusion_set_reason (SyDisbursementExclusion *self, const char *value);
const char *sy_disbursement_exclusion_get_recipient_name (SyDisbursementExclusion *self);
void sy_disbursement_exclusion_set_recipient_name (SyDisbursementExclusion *self, const char *value);
const char *sy_disbursement_exclusion_get_id_number (SyDisbursementExclusion *self);
void sy_disbursement_exclusion_set_id_number (SyDisbursementExclusion *self, const char *value);
const char *sy_disbursement_exclusion_get_village (SyDisbursementExclusion *self);
void sy_disbursement_exclusion_set_village (SyDisbursementExclusion *self, const char *value);

G_END_DECLS
