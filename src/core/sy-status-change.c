/* sy-status-change.c: a dated change of a recipient's status (新增, 减员, 迁入 …) */
#include "sy-status-change.h"

struct _SyStatusChange
{
  SyRecord parent_instance;

  gint64 recipient_id;
  char *kind;
  char *effective_date;
  char *reason;
};

G_DEFINE_FINAL_TYPE (SyStatusChange, sy_status_change, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyStatusChange, recipient_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyStatusChange, kind, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyStatusChange, effective_date, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyStatusChange, reason, SY_FIELD_STRING, 0, NULL),
};

static void
sy_status_change_class_init (SyStatusChangeClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "status_change",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_status_change_init (SyStatusChange *self)
{
}

SyStatusChange *
sy_status_change_new (void)
{
  return g_object_new (SY_TYPE_STATUS_CHANGE, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyStatusChange, sy_status_change, gint64, recipient_id)
SY_RECORD_DEFINE_STRING (SyStatusChange, sy_status_change, kind)
SY_RECORD_DEFINE_STRING (SyStatusChange, sy_status_change, effective_date)
SY_RECORD_DEFINE_STRING (SyStatusChange, sy_status_change, reason)
