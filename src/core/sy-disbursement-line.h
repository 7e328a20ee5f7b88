/* sy-disbursement-line.h: one payee of a disbursement run */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_DISBURSEMENT_LINE (sy_disbursement_line_get_type ())
G_DECLARE_FINAL_TYPE (SyDisbursementLine, sy_disbursement_line, SY, DISBURSEMENT_LINE, SyRecord)

SyDisbursementLine *sy_disbursement_line_new (void);

gint64 sy_disbursement_line_get_batch_id (SyDisbursementLine *self);
void sy_disbursement_line_set_batch_id (SyDisbursementLine *self, gint64 value);
gint64 sy_disbursement_line_get_recipient_id (SyDisbursementLine *self);
void sy_disbursement_line_set_recipient_id (SyDisbursementLine *self, gint64 value);
gint64 sy_disbursement_line_get_standard_id (SyDisbursementLine *self);
void sy_disbursement_line_set_standard_id (SyDisbursementLine *self, gint64 value);
gint sy_disbursement_line_get_months (SyDisbursementLine *self);
void sy_disbursement_line_set_months (SyDisbursementLine *self, gint value);
gint64 sy_disbursement_line_get_standard_fen (SyDisbursementLine *self);
void sy_disbursement_line_set_standard_fen (SyDisbursementLine *self, gint64 value);
gint64 sy_disbursement_line_get_amount_fen (SyDisbursementLine *self);
void sy_disbursement_line_set_amount_fen (SyDisbursementLine *self, gint64 value);
const char *sy_disbursement_line_get_account (SyDisbursementLine *self);
void sy_disbursement_line_set_account (SyDisbursementLine *self, const char *value);
const char *sy_disbursement_line_get_status (SyDisbursementLine *self);
void sy_disbursement_line_set_status (SyDisbursementLine *self, const char *value);
const char *sy_disbursement_line_get_note (SyDisbursementLine *self);
void sy_disbursement_line_set_note (SyDisbursementLine *self, const char *value);
const char *sy_disbursement_line_get_recipient_name (SyDisbursementLine *self);
void sy_disbursement_line_set_recipient_name (SyDisbursementLine *self, const char *value);
const char *sy_disbursement_line_get_id_number (SyDisbursementLine *self);
void sy_disbursement_line_set_id_number (SyDisbursementLine *self, const char *value);
const char *sy_disbursement_line_get_category (SyDisbursementLine *self);
void sy_disbursement_line_set_category (SyDisbursementLine *self, const char *value);
const char *sy_disbursement_line_get_first_month (SyDisbursementLine *self);
void sy_disbursement_line_set_first_month (SyDisbursementLine *self, const char *value);
const char *sy_disbursement_line_get_last_month (SyDisbursementLine *self);
void sy_disbursement_line_set_last_month (SyDisbursementLine *self, const char *value);
gint64 sy_disbursement_line_get_base_fen (SyDisbursementLine *self);
void sy_disbursement_line_set_base_fen (SyDisbursementLine *self, gint64 value);
gint64 sy_disbursement_line_get_topup_fen (SyDisbursementLine *self);
void sy_disbursement_line_set_topup_fen (SyDisbursementLine *self, gint64 value);
const char *sy_disbursement_line_get_topups (SyDisbursementLine *self);
void sy_disbursement_line_set_topups (SyDisbursementLine *self, const char *value);
gint64 sy_disbursement_line_get_computed_fen (SyDisbursementLine *self);
void sy_disbursement_line_set_computed_fen (SyDisbursementLine *self, gint64 value);
const char *sy_disbursement_line_get_adjust_reason (SyDisbursementLine *self);
void sy_disbursement_line_set_adjust_reason (SyDisbursementLine *self, const char *value);
const char *sy_disbursement_line_get_fail_reason (SyDisbursementLine *self);
void sy_disbursement_line_set_fail_reason (SyDisbursementLine *self, const char *value);
gint64 sy_disbursement_line_get_source_line_id (SyDisbursementLine *self);
void sy_disbursement_line_set_source_line_id (SyDisbursementLine *self, gint64 value);
const char *sy_disbursement_line_get_bank (SyDisbursementLine *self);
void sy_disbursement_line_set_bank (SyDisbursementLine *self, const char *value);
const char *sy_disbursement_line_get_village (SyDisbursementLine *self);
void sy_disbursement_line_set_village (SyDisbursementLine *self, const char *value);

G_END_DECLS
