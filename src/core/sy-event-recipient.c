/* sy-event-recipient.c: a person visited at an activity (走访慰问), with gift, money, needs */
#include "sy-event-recipient.h"

struct _SyEventRecipient
{
  SyRecord parent_instance;

  gint64 event_id;
  gint64 recipient_id;
  char *gift;
  gint64 money_fen;
  char *needs;
  char *follow_up;
};

G_DEFINE_FINAL_TYPE (SyEventRecipient, sy_event_recipient, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyEventRecipient, event_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyEventRecipient, recipient_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyEventRecipient, gift, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyEventRecipient, money_fen, SY_FIELD_INT64, 0, NULL),
  SY_FIELD (SyEventRecipient, needs, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyEventRecipient, follow_up, SY_FIELD_STRING, 0, NULL),
};

static void
sy_event_recipient_class_init (SyEventRecipientClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "event_recipient",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_event_recipient_init (SyEventRecipient *self)
{
}

SyEventRecipient *
sy_event_recipient_new (void)
{
  return g_object_new (SY_TYPE_EVENT_RECIPIENT, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyEventRecipient, sy_event_recipient, gint64, event_id)
SY_RECORD_DEFINE_SCALAR (SyEventRecipient, sy_event_recipient, gint64, recipient_id)
SY_RECORD_DEFINE_STRING (SyEventRecipient, sy_event_recipient, gift)
SY_RECORD_DEFINE_SCALAR (SyEventRecipient, sy_event_recipient, gint64, money_fen)
SY_RECORD_DEFINE_STRING (SyEventRecipient, sy_event_recipient, needs)
SY_RECORD_DEFINE_STRING (SyEventRecipient, sy_event_recipient, follow_up)
