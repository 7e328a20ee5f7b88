/* sy-event-recipient.h: a person visited at an activity (走访慰问), with gift, money, needs */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_EVENT_RECIPIENT (sy_event_recipient_get_type ())
G_DECLARE_FINAL_TYPE (SyEventRecipient, sy_event_recipient, SY, EVENT_RECIPIENT, SyRecord)

SyEventRecipient *sy_event_recipient_new (void);

gint64 sy_event_recipient_get_event_id (SyEventRecipient *self);
void sy_event_recipient_set_event_id (SyEventRecipient *self, gint64 value);
gint64 sy_event_recipient_get_recipient_id (SyEventRecipient *self);
void sy_event_recipient_set_recipient_id (SyEventRecipient *self, gint64 value);
const char *sy_event_recipient_get_gift (SyEventRecipient *self);
void sy_event_recipient_set_gift (SyEventRecipient *self, const char *value);
gint64 sy_event_recipient_get_money_fen (SyEventRecipient *self);
void sy_event_recipient_set_money_fen (SyEventRecipient *self, gint64 value);
const char *sy_event_recipient_get_needs (SyEventRecipient *self);
void sy_event_recipient_set_needs (SyEventRecipient *self, const char *value);
const char *sy_event_recipient_get_follow_up (SyEventRecipient *self);
void sy_event_recipient_set_follow_up (SyEventRecipient *self, const char *value);

G_END_DECLS
