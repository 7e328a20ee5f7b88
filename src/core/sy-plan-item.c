/* sy-plan-item.c: a node of a plan's outline */
#include <glib/gi18n-lib.h>
#include "sy-plan-item.h"

struct _SyPlanItem
{
  SyRecord parent_instance;

  gint64 plan_id;
  gint64 parent_id;
  gint position;
  gint level;
  char *label;
  char *title;
  char *time_node;
  char *due_date;
  char *responsible;
  char *status;
};

G_DEFINE_FINAL_TYPE (SyPlanItem, sy_plan_item, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyPlanItem, plan_id, SY_FIELD_REF, 0, N_("Plan")),
  SY_FIELD (SyPlanItem, parent_id, SY_FIELD_REF, 0, N_("Parent item")),
  SY_FIELD (SyPlanItem, position, SY_FIELD_INT, 0, N_("Position")),
  SY_FIELD (SyPlanItem, level, SY_FIELD_INT, 0, N_("Level")),
  SY_FIELD (SyPlanItem, label, SY_FIELD_STRING, 0, N_("Label")),
  SY_FIELD (SyPlanItem, title, SY_FIELD_STRING, 0, N_("Title")),
  SY_FIELD (SyPlanItem, time_node, SY_FIELD_STRING, 0, N_("Time node")),
  SY_FIELD (SyPlanItem, due_date, SY_FIELD_STRING, 0, N_("Due date")),
  SY_FIELD (SyPlanItem, responsible, SY_FIELD_STRING, 0, N_("Responsible")),
  SY_FIELD (SyPlanItem, status, SY_FIELD_STRING, 0, N_("Status")),
};

static void
sy_plan_item_class_init (SyPlanItemClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "plan_item",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_plan_item_init (SyPlanItem *self)
{
}

SyPlanItem *
sy_plan_item_new (void)
{
  return g_object_new (SY_TYPE_PLAN_ITEM, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyPlanItem, sy_plan_item, gint64, plan_id)
SY_RECORD_DEFINE_SCALAR (SyPlanItem, sy_plan_item, gint64, parent_id)
SY_RECORD_DEFINE_SCALAR (SyPlanItem, sy_plan_item, gint, position)
SY_RECORD_DEFINE_SCALAR (SyPlanItem, sy_plan_item, gint, level)
SY_RECORD_DEFINE_STRING (SyPlanItem, sy_plan_item, label)
SY_RECORD_DEFINE_STRING (SyPlanItem, sy_plan_item, title)
SY_RECORD_DEFINE_STRING (SyPlanItem, sy_plan_item, time_node)
SY_RECORD_DEFINE_STRING (SyPlanItem, sy_plan_item, due_date)
SY_RECORD_DEFINE_STRING (SyPlanItem, sy_plan_item, responsible)
SY_RECORD_DEFINE_STRING (SyPlanItem, sy_plan_item, status)
