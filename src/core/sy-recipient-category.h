/* sy-recipient-category.h: one 优抚类别 of a recipient, with its own fields */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_RECIPIENT_CATEGORY (sy_recipient_category_get_type ())
G_DECLARE_FINAL_TYPE (SyRecipientCategory, sy_recipient_category, SY, RECIPIENT_CATEGORY, SyRecord)

SyRecipientCategory *sy_recipient_category_new (void);

gint64 sy_recipient_category_get_recipient_id (SyRecipientCategory *self);
void sy_recipient_category_set_recipient_id (SyRecipientCategory *self, gint64 value);
const char *sy_recipient_category_get_category (SyRecipientCategory *self);
void sy_recipient_category_set_category (SyRecipientCategory *self, const char *value);
const char *sy_recipient_category_get_certificate_no (SyRecipientCategory *self);
void sy_recipient_category_set_certificate_no (SyRecipientCategory *self, const char *value);
gint sy_recipient_category_get_disability_grade (SyRecipientCategory *self);
void sy_recipient_category_set_disability_grade (SyRecipientCategory *self, gint value);
const char *sy_recipient_category_get_disability_nature (SyRecipientCategory *self);
void sy_recipient_category_set_disability_nature (SyRecipientCategory *self, const char *value);
const char *sy_recipient_category_get_enlist_date (SyRecipientCategory *self);
void sy_recipient_category_set_enlist_date (SyRecipientCategory *self, const char *value);
const char *sy_recipient_category_get_discharge_date (SyRecipientCategory *self);
void sy_recipient_category_set_discharge_date (SyRecipientCategory *self, const char *value);
const char *sy_recipient_category_get_service_unit (SyRecipientCategory *self);
void sy_recipient_category_set_service_unit (SyRecipientCategory *self, const char *value);
const char *sy_recipient_category_get_related_soldier (SyRecipientCategory *self);
void sy_recipient_category_set_related_soldier (SyRecipientCategory *self, const char *value);

/* TRUE for the categories held because of a soldier in the family (现役军人家属,
 * 义务兵家庭, 烈士遗属, 随军家属 …): they carry the related soldier's name. */
gboolean sy_recipient_category_name_is_family (const char *name);
const char *sy_recipient_category_get_valid_from (SyRecipientCategory *self);
void sy_recipient_category_set_valid_from (SyRecipientCategory *self, const char *value);
const char *sy_recipient_category_get_valid_to (SyRecipientCategory *self);
void sy_recipient_category_set_valid_to (SyRecipientCategory *self, const char *value);
const char *sy_recipient_category_get_topups (SyRecipientCategory *self);
void sy_recipient_category_set_topups (SyRecipientCategory *self, const char *value);

G_END_DECLS
