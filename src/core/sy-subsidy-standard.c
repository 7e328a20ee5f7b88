/* sy-subsidy-standard.c: an amount paid per period to a category, effective-dated */
#include <glib/gi18n-lib.h>
#include "sy-subsidy-standard.h"

struct _SySubsidyStandard
{
  SyRecord parent_instance;

  char *kind;
  char *category;
  gint disability_grade;
  char *disability_nature;
  char *hukou;
  gint64 amount_fen;
  char *period;
  char *effective_from;
  char *effective_to;
  gboolean per_household;
};

G_DEFINE_FINAL_TYPE (SySubsidyStandard, sy_subsidy_standard, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SySubsidyStandard, kind, SY_FIELD_STRING, 0, N_("Kind")),
  SY_FIELD (SySubsidyStandard, category, SY_FIELD_STRING, 0, N_("Category")),
  SY_FIELD (SySubsidyStandard, disability_grade, SY_FIELD_INT, 0, N_("Disability grade")),
  SY_FIELD (SySubsidyStandard, disability_nature, SY_FIELD_STRING, 0, N_("Disability nature")),
  SY_FIELD (SySubsidyStandard, hukou, SY_FIELD_STRING, 0, N_("Household registration")),
  SY_FIELD (SySubsidyStandard, amount_fen, SY_FIELD_INT64, 0, N_("Amount (fen)")),
  SY_FIELD (SySubsidyStandard, period, SY_FIELD_STRING, 0, N_("Period")),
  SY_FIELD (SySubsidyStandard, effective_from, SY_FIELD_STRING, 0, N_("Effective from")),
  SY_FIELD (SySubsidyStandard, effective_to, SY_FIELD_STRING, 0, N_("Effective to")),
  SY_FIELD (SySubsidyStandard, per_household, SY_FIELD_BOOLEAN, 0, N_("Per household")),
};

static void
sy_subsidy_standard_class_init (SySubsidyStandardClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "subsidy_standard",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_subsidy_standard_init (SySubsidyStandard *self)
{
}

SySubsidyStandard *
sy_subsidy_standard_new (void)
{
  return g_object_new (SY_TYPE_SUBSIDY_STANDARD, NULL);
}

SY_RECORD_DEFINE_STRING (SySubsidyStandard, sy_subsidy_standard, kind)
SY_RECORD_DEFINE_STRING (SySubsidyStandard, sy_subsidy_standard, category)
SY_RECORD_DEFINE_SCALAR (SySubsidyStandard, sy_subsidy_standard, gint, disability_grade)
SY_RECORD_DEFINE_STRING (SySubsidyStandard, sy_subsidy_standard, disability_nature)
SY_RECORD_DEFINE_STRING (SySubsidyStandard, sy_subsidy_standard, hukou)
SY_RECORD_DEFINE_SCALAR (SySubsidyStandard, sy_subsidy_standard, gint64, amount_fen)
SY_RECORD_DEFINE_STRING (SySubsidyStandard, sy_subsidy_standard, period)
SY_RECORD_DEFINE_STRING (SySubsidyStandard, sy_subsidy_standard, effective_from)
SY_RECORD_DEFINE_STRING (SySubsidyStandard, sy_subsidy_standard, effective_to)
SY_RECORD_DEFINE_SCALAR (SySubsidyStandard, sy_subsidy_standard, gboolean, per_household)
