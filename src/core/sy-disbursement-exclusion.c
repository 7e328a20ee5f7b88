/* sy-disbursement-exclusion.c: a person a disbursement run did not pay, and why */
#include "sy-disbursement-exclusion.h"

struct _SyDisbursementExclusion
{
  SyRecord parent_instance;

  gint64 batch_id;
  gint64 recipient_id;
  char *category;
  char *code;
  char *reason;
  char *recipient_name;
  char *id_number;
  char *village;
};

G_DEFINE_FINAL_TYPE (SyDisbursementExclusion, sy_disbursement_exclusion, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyDisbursementExclusion, batch_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyDisbursementExclusion, recipient_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyDisbursementExclusion, category, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementExclusion, code, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementExclusion, reason, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyDisbursementExclusion, recipient_name, SY_FIELD_STRING, SY_FIELD_DERIVED, NULL),
  SY_FIELD (SyDisbursementExclusion, id_number, SY_FIELD_STRING, SY_FIELD_DERIVED, NULL),
  SY_FIELD (SyDisbursementExclusion, village, SY_FIELD_STRING, SY_FIELD_DERIVED, NULL),
};

static void
sy_disbursement_exclusion_class_init (SyDisbursementExclusionClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "disbursement_exclusion",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_disbursement_exclusion_init (SyDisbursementExclusion *self)
{
}

SyDisbursementExclusion *
sy_disbursement_exclusion_new (void)
{
  return g_object_new (SY_TYPE_DISBURSEMENT_EXCLUSION, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyDisbursementExclusion, sy_disbursement_exclusion, gint64, batch_id)
SY_RECORD_DEFINE_SCALAR (SyDisbursementExclusion, sy_disbursement_exclusion, gint64, recipient_id)
SY_RECORD_DEFINE_STRING (SyDisbursementExclusion, sy_disbursement_exclusion, category)
SY_RECORD_DEFINE_STRING (SyDisbursementExclusion, sy_disbursement_exclusion, code)
SY_RECORD_DEFINE_STRING (SyDisbursementExclusion, sy_disbursement_exclusion, reason)
SY_RECORD_DEFINE_STRING (SyDisbursementExclusion, sy_disbursement_exclusion, recipient_name)
SY_RECORD_DEFINE_STRING (SyDisbursementExclusion, sy_disbursement_exclusion, id_number)
SY_RECORD_DEFINE_STRING (SyDisbursementExclusion, sy_disbursement_exclusion, village)
