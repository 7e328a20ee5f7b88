/* sy-event-photo.h: a photo of an activity: an attachment with a caption */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_EVENT_PHOTO (sy_event_photo_get_type ())
G_DECLARE_FINAL_TYPE (SyEventPhoto, sy_event_photo, SY, EVENT_PHOTO, SyRecord)

SyEventPhoto *sy_event_photo_new (void);

gint64 sy_event_photo_get_event_id (SyEventPhoto *self);
void sy_event_photo_set_event_id (SyEventPhoto *self, gint64 value);
const char *sy_event_photo_get_attachment_hash (SyEventPhoto *self);
void sy_event_photo_set_attachment_hash (SyEventPhoto *self, const char *value);
const char *sy_event_photo_get_caption (SyEventPhoto *self);
void sy_event_photo_set_caption (SyEventPhoto *self, const char *value);
gint sy_event_photo_get_position (SyEventPhoto *self);
void sy_event_photo_set_position (SyEventPhoto *self, gint value);
gboolean sy_event_photo_get_in_ledger (SyEventPhoto *self);
void sy_event_photo_set_in_ledger (SyEventPhoto *self, gboolean value);

G_END_DECLS
