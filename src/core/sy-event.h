/* sy-event.h: an activity (活动) with its record sheet fields */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_EVENT (sy_event_get_type ())
G_DECLARE_FINAL_TYPE (SyEvent, sy_event, SY, EVENT, SyRecord)

SyEvent *sy_event_new (void);

gint64 sy_event_get_unit_id (SyEvent *self);
void sy_event_set_unit_id (SyEvent *self, gint64 value);
const char *sy_event_get_kind (SyEvent *self);
void sy_event_set_kind (SyEvent *self, const char *value);
const char *sy_event_get_title (SyEvent *self);
void sy_event_set_title (SyEvent *self, const char *value);
const char *sy_event_get_date (SyEvent *self);
void sy_event_set_date (SyEvent *self, const char *value);
const char *sy_event_get_place (SyEvent *self);
void sy_event_set_place (SyEvent *self, const char *value);
const char *sy_event_get_organiser (SyEvent *self);
void sy_event_set_organiser (SyEvent *self, const char *value);
gint sy_event_get_leaders (SyEvent *self);
void sy_event_set_leaders (SyEvent *self, gint value);
gint sy_event_get_soldiers (SyEvent *self);
void sy_event_set_soldiers (SyEvent *self, gint value);
gint sy_event_get_civilians (SyEvent *self);
void sy_event_set_civilians (SyEvent *self, gint value);
const char *sy_event_get_participants (SyEvent *self);
void sy_event_set_participants (SyEvent *self, const char *value);
const char *sy_event_get_content (SyEvent *self);
void sy_event_set_content (SyEvent *self, const char *value);
const char *sy_event_get_outcome (SyEvent *self);
void sy_event_set_outcome (SyEvent *self, const char *value);
const char *sy_event_get_recorder (SyEvent *self);
void sy_event_set_recorder (SyEvent *self, const char *value);
const char *sy_event_get_reviewer (SyEvent *self);
void sy_event_set_reviewer (SyEvent *self, const char *value);
gint64 sy_event_get_assessment_item_id (SyEvent *self);
void sy_event_set_assessment_item_id (SyEvent *self, gint64 value);
gint64 sy_event_get_plan_item_id (SyEvent *self);
void sy_event_set_plan_item_id (SyEvent *self, gint64 value);
gint sy_event_get_photo_count (SyEvent *self);
void sy_event_set_photo_count (SyEvent *self, gint value);

G_END_DECLS
