/* sy-recipient.h: an 优抚对象 */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_RECIPIENT (sy_recipient_get_type ())
G_DECLARE_FINAL_TYPE (SyRecipient, sy_recipient, SY, RECIPIENT, SyRecord)

SyRecipient *sy_recipient_new (void);

gint64 sy_recipient_get_unit_id (SyRecipient *self);
void sy_recipient_set_unit_id (SyRecipient *self, gint64 value);
const char *sy_recipient_get_name (SyRecipient *self);
void sy_recipient_set_name (SyRecipient *self, const char *value);
const char *sy_recipient_get_sex (SyRecipient *self);
void sy_recipient_set_sex (SyRecipient *self, const char *value);
const char *sy_recipient_get_ethnicity (SyRecipient *self);
void sy_recipient_set_ethnicity (SyRecipient *self, const char *value);
const char *sy_recipient_get_id_number (SyRecipient *self);
void sy_recipient_set_id_number (SyRecipient *self, const char *value);
const char *sy_recipient_get_birth_date (SyRecipient *self);
void sy_recipient_set_birth_date (SyRecipient *self, const char *value);
const char *sy_recipient_get_phone (SyRecipient *self);
void sy_recipient_set_phone (SyRecipient *self, const char *value);
const char *sy_recipient_get_hukou (SyRecipient *self);
void sy_recipient_set_hukou (SyRecipient *self, const char *value);
const char *sy_recipient_get_village (SyRecipient *self);
void sy_recipient_set_village (SyRecipient *self, const char *value);
const char *sy_recipient_get_address (SyRecipient *self);
void sy_recipient_set_address (SyRecipient *self, const char *value);
gint64 sy_recipient_get_household_id (SyRecipient *self);
void sy_recipient_set_household_id (SyRecipient *self, gint64 value);
const char *sy_recipient_get_relation_to_head (SyRecipient *self);
void sy_recipient_set_relation_to_head (SyRecipient *self, const char *value);
const char *sy_recipient_get_bank (SyRecipient *self);
void sy_recipient_set_bank (SyRecipient *self, const char *value);
const char *sy_recipient_get_account_name (SyRecipient *self);
void sy_recipient_set_account_name (SyRecipient *self, const char *value);
const char *sy_recipient_get_account (SyRecipient *self);
void sy_recipient_set_account (SyRecipient *self, const char *value);
gboolean sy_recipient_get_dibao (SyRecipient *self);
void sy_recipient_set_dibao (SyRecipient *self, gboolean value);
gboolean sy_recipient_get_wubao (SyRecipient *self);
void sy_recipient_set_wubao (SyRecipient *self, gboolean value);
gboolean sy_recipient_get_gulao (SyRecipient *self);
void sy_recipient_set_gulao (SyRecipient *self, gboolean value);
const char *sy_recipient_get_status (SyRecipient *self);
void sy_recipient_set_status (SyRecipient *self, const char *value);
const char *sy_recipient_get_notes (SyRecipient *self);
void sy_recipient_set_notes (SyRecipient *self, const char *value);
const char *sy_recipient_get_categories (SyRecipient *self);
void sy_recipient_set_categories (SyRecipient *self, const char *value);

G_END_DECLS
