/* sy-status-change.h: a dated change of a recipient's status (新增, 减员, 迁入 …) */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_STATUS_CHANGE (sy_status_change_get_type ())
G_DECLARE_FINAL_TYPE (SyStatusChange, sy_status_change, SY, STATUS_CHANGE, SyRecord)

SyStatusChange *sy_status_change_new (void);

gint64 sy_status_change_get_recipient_id (SyStatusChange *self);
void sy_status_change_set_recipient_id (SyStatusChange *self, gint64 value);
const char *sy_status_change_get_kind (SyStatusChange *self);
void sy_status_change_set_kind (SyStatusChange *self, const char *value);
const char *sy_status_change_get_effective_date (SyStatusChange *self);
void sy_status_change_set_effective_date (SyStatusChange *self, const char *value);
const char *sy_status_change_get_reason (SyStatusChange *self);
void sy_status_change_set_reason (SyStatusChange *self, const char *value);

G_END_DECLS
