/* sy-disbursement-batch.h: a disbursement run (发放批次) */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_DISBURSEMENT_BATCH (sy_disbursement_batch_get_type ())
G_DECLARE_FINAL_TYPE (SyDisbursementBatch, sy_disbursement_batch, SY, DISBURSEMENT_BATCH, SyRecord)

SyDisbursementBatch *sy_disbursement_batch_new (void);

gint64 sy_disbursement_batch_get_unit_id (SyDisbursementBatch *self);
void sy_disbursement_batch_set_unit_id (SyDisbursementBatch *self, gint64 value);
const char *sy_disbursement_batch_get_kind (SyDisbursementBatch *self);
void sy_disbursement_batch_set_kind (SyDisbursementBatch *self, const char *value);
const char *sy_disbursement_batch_get_period (SyDisbursementBatch *self);
void sy_disbursement_batch_set_period (SyDisbursementBatch *self, const char *value);
const char *sy_disbursement_batch_get_title (SyDisbursementBatch *self);
void sy_disbursement_batch_set_title (SyDisbursementBatch *self, const char *value);
const char *sy_disbursement_batch_get_state (SyDisbursementBatch *self);
void sy_disbursement_batch_set_state (SyDisbursementBatch *self, const char *value);
const char *sy_disbursement_batch_get_paid_date (SyDisbursementBatch *self);
void sy_disbursement_batch_set_paid_date (SyDisbursementBatch *self, const char *value);
const char *sy_disbursement_batch_get_voucher_no (SyDisbursementBatch *self);
void sy_disbursement_batch_set_voucher_no (SyDisbursementBatch *self, const char *value);
gint sy_disbursement_batch_get_line_count (SyDisbursementBatch *self);
void sy_disbursement_batch_set_line_count (SyDisbursementBatch *self, gint value);
gint64 sy_disbursement_batch_get_total_fen (SyDisbursementBatch *self);
void sy_disbursement_batch_set_total_fen (SyDisbursementBatch *self, gint64 value);
const char *sy_disbursement_batch_get_approved_at (SyDisbursementBatch *self);
void sy_disbursement_batch_set_approved_at (SyDisbursementBatch *self, const char *value);
const char *sy_disbursement_batch_get_approved_by (SyDisbursementBatch *self);
void sy_disbursement_batch_set_approved_by (SyDisbursementBatch *self, const char *value);
gint64 sy_disbursement_batch_get_source_batch_id (SyDisbursementBatch *self);
void sy_disbursement_batch_set_source_batch_id (SyDisbursementBatch *self, gint64 value);

G_END_DECLS
