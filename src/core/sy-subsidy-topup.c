/* sy-subsidy-topup.c: a top-up rule: a condition adds a percentage of a subsidy */
#include "sy-subsidy-topup.h"

struct _SySubsidyTopup
{
  SyRecord parent_instance;

  char *kind;
  char *condition;
  gint percent;
  char *effective_from;
  char *effective_to;
};

G_DEFINE_FINAL_TYPE (SySubsidyTopup, sy_subsidy_topup, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SySubsidyTopup, kind, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SySubsidyTopup, condition, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SySubsidyTopup, percent, SY_FIELD_INT, 0, NULL),
  SY_FIELD (SySubsidyTopup, effective_from, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SySubsidyTopup, effective_to, SY_FIELD_STRING, 0, NULL),
};

static void
sy_subsidy_topup_class_init (SySubsidyTopupClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "subsidy_topup",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_subsidy_topup_init (SySubsidyTopup *self)
{
}

SySubsidyTopup *
sy_subsidy_topup_new (void)
{
  return g_object_new (SY_TYPE_SUBSIDY_TOPUP, NULL);
}

SY_RECORD_DEFINE_STRING (SySubsidyTopup, sy_subsidy_topup, kind)
SY_RECORD_DEFINE_STRING (SySubsidyTopup, sy_subsidy_topup, condition)
SY_RECORD_DEFINE_SCALAR (SySubsidyTopup, sy_subsidy_topup, gint, percent)
SY_RECORD_DEFINE_STRING (SySubsidyTopup, sy_subsidy_topup, effective_from)
SY_RECORD_DEFINE_STRING (SySubsidyTopup, sy_subsidy_topup, effective_to)
