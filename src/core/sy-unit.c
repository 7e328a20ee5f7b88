/* sy-unit.c: an office or a sub-unit (村, 社区, school …) in the hierarchy */
#include "sy-unit.h"

struct _SyUnit
{
  SyRecord parent_instance;

  gint64 parent_id;
  char *name;
  char *level;
  char *region_code;
};

G_DEFINE_FINAL_TYPE (SyUnit, sy_unit, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyUnit, parent_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyUnit, name, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyUnit, level, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyUnit, region_code, SY_FIELD_STRING, 0, NULL),
};

static void
sy_unit_class_init (SyUnitClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "unit",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_unit_init (SyUnit *self)
{
}

SyUnit *
sy_unit_new (void)
{
  return g_object_new (SY_TYPE_UNIT, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyUnit, sy_unit, gint64, parent_id)
SY_RECORD_DEFINE_STRING (SyUnit, sy_unit, name)
SY_RECORD_DEFINE_STRING (SyUnit, sy_unit, level)
SY_RECORD_DEFINE_STRING (SyUnit, sy_unit, region_code)
