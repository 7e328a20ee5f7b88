/* sy-military-unit.c: a 共建部队 the office works with */
#include "sy-military-unit.h"

struct _SyMilitaryUnit
{
  SyRecord parent_instance;

  char *name;
  char *designation;
  char *address;
  char *contact;
};

G_DEFINE_FINAL_TYPE (SyMilitaryUnit, sy_military_unit, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyMilitaryUnit, name, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyMilitaryUnit, designation, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyMilitaryUnit, address, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyMilitaryUnit, contact, SY_FIELD_STRING, 0, NULL),
};

static void
sy_military_unit_class_init (SyMilitaryUnitClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "military_unit",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_military_unit_init (SyMilitaryUnit *self)
{
}

SyMilitaryUnit *
sy_military_unit_new (void)
{
  return g_object_new (SY_TYPE_MILITARY_UNIT, NULL);
}

SY_RECORD_DEFINE_STRING (SyMilitaryUnit, sy_military_unit, name)
SY_RECORD_DEFINE_STRING (SyMilitaryUnit, sy_military_unit, designation)
SY_RECORD_DEFINE_STRING (SyMilitaryUnit, sy_military_unit, address)
SY_RECORD_DEFINE_STRING (SyMilitaryUnit, sy_military_unit, contact)
