/* sy-assessment-link.c: a piece of evidence linked to a 考评 item */
#include "sy-assessment-link.h"

struct _SyAssessmentLink
{
  SyRecord parent_instance;

  gint64 item_id;
  char *entity;
  gint64 entity_id;
};

G_DEFINE_FINAL_TYPE (SyAssessmentLink, sy_assessment_link, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyAssessmentLink, item_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyAssessmentLink, entity, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyAssessmentLink, entity_id, SY_FIELD_INT64, 0, NULL),
};

static void
sy_assessment_link_class_init (SyAssessmentLinkClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "assessment_link",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_assessment_link_init (SyAssessmentLink *self)
{
}

SyAssessmentLink *
sy_assessment_link_new (void)
{
  return g_object_new (SY_TYPE_ASSESSMENT_LINK, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyAssessmentLink, sy_assessment_link, gint64, item_id)
SY_RECORD_DEFINE_STRING (SyAssessmentLink, sy_assessment_link, entity)
SY_RECORD_DEFINE_SCALAR (SyAssessmentLink, sy_assessment_link, gint64, entity_id)
