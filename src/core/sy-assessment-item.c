/* sy-assessment-item.c: a 考评 standard or scored item */
#include "sy-assessment-item.h"

struct _SyAssessmentItem
{
  SyRecord parent_instance;

  gint64 parent_id;
  char *code;
  char *title;
  gint position;
  gint score;
  char *description;
};

G_DEFINE_FINAL_TYPE (SyAssessmentItem, sy_assessment_item, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyAssessmentItem, parent_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyAssessmentItem, code, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyAssessmentItem, title, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyAssessmentItem, position, SY_FIELD_INT, 0, NULL),
  SY_FIELD (SyAssessmentItem, score, SY_FIELD_INT, 0, NULL),
  SY_FIELD (SyAssessmentItem, description, SY_FIELD_STRING, 0, NULL),
};

static void
sy_assessment_item_class_init (SyAssessmentItemClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "assessment_item",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_assessment_item_init (SyAssessmentItem *self)
{
}

SyAssessmentItem *
sy_assessment_item_new (void)
{
  return g_object_new (SY_TYPE_ASSESSMENT_ITEM, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyAssessmentItem, sy_assessment_item, gint64, parent_id)
SY_RECORD_DEFINE_STRING (SyAssessmentItem, sy_assessment_item, code)
SY_RECORD_DEFINE_STRING (SyAssessmentItem, sy_assessment_item, title)
SY_RECORD_DEFINE_SCALAR (SyAssessmentItem, sy_assessment_item, gint, position)
SY_RECORD_DEFINE_SCALAR (SyAssessmentItem, sy_assessment_item, gint, score)
SY_RECORD_DEFINE_STRING (SyAssessmentItem, sy_assessment_item, description)
