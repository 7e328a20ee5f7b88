/* sy-leading-group-member.h: a member of the 双拥 leading group, effective-dated */
#pragma once

#include "sy-record.h"

G_BEGIN_DECLS

#define SY_TYPE_LEADING_GROUP_MEMBER (sy_leading_group_member_get_type ())
G_DECLARE_FINAL_TYPE (SyLeadingGroupMember, sy_leading_group_member, SY, LEADING_GROUP_MEMBER, SyRecord)

SyLeadingGroupMember *sy_leading_group_member_new (void);

gint64 sy_leading_group_member_get_unit_id (SyLeadingGroupMember *self);
void sy_leading_group_member_set_unit_id (SyLeadingGroupMember *self, gint64 value);
const char *sy_leading_group_member_get_name (SyLeadingGroupMember *self);
void sy_leading_group_member_set_name (SyLeadingGroupMember *self, const char *value);
const char *sy_leading_group_member_get_role (SyLeadingGroupMember *self);
void sy_leading_group_member_set_role (SyLeadingGroupMember *self, const char *value);
const char *sy_leading_group_member_get_post (SyLeadingGroupMember *self);
void sy_leading_group_member_set_post (SyLeadingGroupMember *self, const char *value);
const char *sy_leading_group_member_get_member_unit (SyLeadingGroupMember *self);
void sy_leading_group_member_set_member_unit (SyLeadingGroupMember *self, const char *value);
const char *sy_leading_group_member_get_effective_from (SyLeadingGroupMember *self);
void sy_leading_group_member_set_effective_from (SyLeadingGroupMember *self, const char *value);
const char *sy_leading_group_member_get_effective_to (SyLeadingGroupMember *self);
void sy_leading_group_member_set_effective_to (SyLeadingGroupMember *self, const char *value);

G_END_DECLS
