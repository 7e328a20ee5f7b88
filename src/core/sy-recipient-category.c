/* sy-recipient-category.c: one 优抚类别 of a recipient, with its own fields */
#include "sy-recipient-category.h"

#include <string.h>

struct _SyRecipientCategory
{
  SyRecord parent_instance;

  gint64 recipient_id;
  char *category;
  char *certificate_no;
  gint disability_grade;
  char *disability_nature;
  char *enlist_date;
  char *discharge_date;
  char *service_unit;
  char *related_soldier;
  char *valid_from;
  char *valid_to;
  char *topups;
};

G_DEFINE_FINAL_TYPE (SyRecipientCategory, sy_recipient_category, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyRecipientCategory, recipient_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyRecipientCategory, category, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyRecipientCategory, certificate_no, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyRecipientCategory, disability_grade, SY_FIELD_INT, 0, NULL),
  SY_FIELD (SyRecipientCategory, disability_nature, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyRecipientCategory, enlist_date, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyRecipientCategory, discharge_date, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyRecipientCategory, service_unit, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyRecipientCategory, related_soldier, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyRecipientCategory, valid_from, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyRecipientCategory, valid_to, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyRecipientCategory, topups, SY_FIELD_STRING, 0, NULL),
};

static void
sy_recipient_category_class_init (SyRecipientCategoryClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "recipient_category",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_recipient_category_init (SyRecipientCategory *self)
{
}

gboolean
sy_recipient_category_name_is_family (const char *name)
{
  static const char * const marks[] = { "家属", "家庭", "遗属", "军属", "烈属", "遗孀", "子女" };

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (strstr (name, marks[i]) != NULL)
      return TRUE;
  return FALSE;
}

SyRecipientCategory *
sy_recipient_category_new (void)
{
  return g_object_new (SY_TYPE_RECIPIENT_CATEGORY, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyRecipientCategory, sy_recipient_category, gint64, recipient_id)
SY_RECORD_DEFINE_STRING (SyRecipientCategory, sy_recipient_category, category)
SY_RECORD_DEFINE_STRING (SyRecipientCategory, sy_recipient_category, certificate_no)
SY_RECORD_DEFINE_SCALAR (SyRecipientCategory, sy_recipient_category, gint, disability_grade)
SY_RECORD_DEFINE_STRING (SyRecipientCategory, sy_recipient_category, disability_nature)
SY_RECORD_DEFINE_STRING (SyRecipientCategory, sy_recipient_category, enlist_date)
SY_RECORD_DEFINE_STRING (SyRecipientCategory, sy_recipient_category, discharge_date)
SY_RECORD_DEFINE_STRING (SyRecipientCategory, sy_recipient_category, service_unit)
SY_RECORD_DEFINE_STRING (SyRecipientCategory, sy_recipient_category, related_soldier)
SY_RECORD_DEFINE_STRING (SyRecipientCategory, sy_recipient_category, valid_from)
SY_RECORD_DEFINE_STRING (SyRecipientCategory, sy_recipient_category, valid_to)
SY_RECORD_DEFINE_STRING (SyRecipientCategory, sy_recipient_category, topups)
