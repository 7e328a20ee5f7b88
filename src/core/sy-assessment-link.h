/* sy-assessment-link.h: a piece of evidence linked to a 考评 item */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_ASSESSMENT_LINK (sy_assessment_link_get_type ())
G_DECLARE_FINAL_TYPE (SyAssessmentLink, sy_assessment_link, SY, ASSESSMENT_LINK, SyRecord)

SyAssessmentLink *sy_assessment_link_new (void);

gint64 sy_assessment_link_get_item_id (SyAssessmentLink *self);
void sy_assessment_link_set_item_id (SyAssessmentLink *self, gint64 value);
const char *sy_assessment_link_get_entity (SyAssessmentLink *self);
void sy_assessment_link_set_entity (SyAssessmentLink *self, const char *value);
gint64 sy_assessment_link_get_entity_id (SyAssessmentLink *self);
void sy_assessment_link_set_entity_id (SyAssessmentLink *self, gint64 value);

G_END_DECLS
