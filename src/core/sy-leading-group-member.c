/* sy-leading-group-member.c: a member of the 双拥 leading group, effective-dated */
#include "sy-leading-group-member.h"

struct _SyLeadingGroupMember
{
  SyRecord parent_instance;

  gint64 unit_id;
  char *name;
  char *role;
  char *post;
  char *member_unit;
  char *effective_from;
  char *effective_to;
};

G_DEFINE_FINAL_TYPE (SyLeadingGroupMember, sy_leading_group_member, SY_TYPE_RECORD)

static const SyFieldSpec fields[] = {
  SY_FIELD (SyLeadingGroupMember, unit_id, SY_FIELD_REF, 0, NULL),
  SY_FIELD (SyLeadingGroupMember, name, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyLeadingGroupMember, role, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyLeadingGroupMember, post, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyLeadingGroupMember, member_unit, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyLeadingGroupMember, effective_from, SY_FIELD_STRING, 0, NULL),
  SY_FIELD (SyLeadingGroupMember, effective_to, SY_FIELD_STRING, 0, NULL),
};

static void
sy_leading_group_member_class_init (SyLeadingGroupMemberClass *klass)
{
  sy_record_class_install_fields (SY_RECORD_CLASS (klass), "leading_group_member",
                                  fields, G_N_ELEMENTS (fields));
}

static void
sy_leading_group_member_init (SyLeadingGroupMember *self)
{
}

SyLeadingGroupMember *
sy_leading_group_member_new (void)
{
  return g_object_new (SY_TYPE_LEADING_GROUP_MEMBER, NULL);
}

SY_RECORD_DEFINE_SCALAR (SyLeadingGroupMember, sy_leading_group_member, gint64, unit_id)
SY_RECORD_DEFINE_STRING (SyLeadingGroupMember, sy_leading_group_member, name)
SY_RECORD_DEFINE_STRING (SyLeadingGroupMember, sy_leading_group_member, role)
SY_RECORD_DEFINE_STRING (SyLeadingGroupMember, sy_leading_group_member, post)
SY_RECORD_DEFINE_STRING (SyLeadingGroupMember, sy_leading_group_member, member_unit)
SY_RECORD_DEFINE_STRING (SyLeadingGroupMember, sy_leading_group_member, effective_from)
SY_RECORD_DEFINE_STRING (SyLeadingGroupMember, sy_leading_group_member, effective_to)
