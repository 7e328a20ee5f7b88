/* sy-plan.c: a yearly 工作计划 of a unit */
#include "sy-plan.h"

struct _SyPlan
{
  SyRecord parent_instance;

  gint64 unit_id;
  gint year;
  char *title;
  char *preface;
  gint item_count;
};

G_DEFINE_FINAL_TYPE (SyPlan, sy_plan, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyPlan, unit_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyPlan, year, SY_FIELD_INT, 0, NULL),
  SY_FIELD (SyPlan, title, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyPlan, preface, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyPlan, item_count, SY_FIELD_INT, SY_FIELD_DERIVED, NULL),
};

static void
sy_plan_class_init (SyPlanClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "plan",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_plan_init (SyPlan *self)
{
}

SyPlan *
sy_plan_new (void)
{
  return g_object_new (SY_TYPE_PLAN, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyPlan, sy_plan, gint64, unit_id)
SY_RECORD_DEFINE_SCALAR (SyPlan, sy_plan, gint, year)
SY_RECORD_DEFINE_STRING (SyPlan, sy_plan, title)
SY_RECORD_DEFINE_STRING (SyPlan, sy_plan, preface)
SY_RECORD_DEFINE_SCALAR (SyPlan, sy_plan, gint, item_count)
