/* sy-event-photo.c: a photo of an activity: an attachment with a caption */
#include "sy-event-photo.h"

struct _SyEventPhoto
{
  SyRecord parent_instance;

  gint64 event_id;
  char *attachment_hash;
  char *caption;
  gint position;
  gboolean in_ledger;
};

G_DEFINE_FINAL_TYPE (SyEventPhoto, sy_event_photo, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyEventPhoto, event_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyEventPhoto, attachment_hash, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyEventPhoto, caption, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyEventPhoto, position, SY_FIELD_INT, 0, NULL),
  SY_FIELD (SyEventPhoto, in_ledger, SY_FIELD_BOOLEAN, 0, NULL),
};

static void
sy_event_photo_class_init (SyEventPhotoClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "event_photo",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_event_photo_init (SyEventPhoto *self)
{
}

SyEventPhoto *
sy_event_photo_new (void)
{
  return g_object_new (SY_TYPE_EVENT_PHOTO, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyEventPhoto, sy_event_photo, gint64, event_id)
SY_RECORD_DEFINE_STRING (SyEventPhoto, sy_event_photo, attachment_hash)
SY_RECORD_DEFINE_STRING (SyEventPhoto, sy_event_photo, caption)
SY_RECORD_DEFINE_SCALAR (SyEventPhoto, sy_event_photo, gint, position)
SY_RECORD_DEFINE_SCALAR (SyEventPhoto, sy_event_photo, gboolean, in_ledger)
