/* sy-assessment-item.h: a 考评 standard or scored item */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_ASSESSMENT_ITEM (sy_assessment_item_get_type ())
G_DECLARE_FINAL_TYPE (SyAssessmentItem, sy_assessment_item, SY, ASSESSMENT_ITEM, SyRecord)

SyAssessmentItem *sy_assessment_item_new (void);

gint64 sy_assessment_item_get_parent_id (SyAssessmentItem *self);
void sy_assessment_item_set_parent_id (SyAssessmentItem *self, gint64 value);
const char *sy_assessment_item_get_code (SyAssessmentItem *self);
void sy_assessment_item_set_code (SyAssessmentItem *self, const char *value);
const char *sy_assessment_item_get_title (SyAssessmentItem *self);
void sy_assessment_item_set_title (SyAssessmentItem *self, const char *value);
gint sy_assessment_item_get_position (SyAssessmentItem *self);
void sy_assessment_item_set_position (SyAssessmentItem *self, gint value);
gint sy_assessment_item_get_score (SyAssessmentItem *self);
void sy_assessment_item_set_score (SyAssessmentItem *self, gint value);
const char *sy_assessment_item_get_description (SyAssessmentItem *self);
void sy_assessment_item_set_description (SyAssessmentItem *self, const char *value);

G_END_DECLS
