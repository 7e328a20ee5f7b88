/* sy-leading-group-dialog.h: the 领导小组 — roster at a date, changes, history
 *
 * Members are effective-dated rows (leading_group_member).  A change of a
 * member ends the old row the day before and starts a new one
 * (sy_plan_repo_change_member), so the roster of any past date can still be
 * shown.  Signal "changed" after every stored change.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_LEADING_GROUP_DIALOG (sy_leading_group_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyLeadingGroupDialog, sy_leading_group_dialog, SY, LEADING_GROUP_DIALOG, AdwWindow)

GtkWidget  *sy_leading_group_dialog_new       (GtkWindow            *parent,
                                               SyDatabase           *db);
/* Shows the roster on @date (YYYY-MM-DD); FALSE for a date that is not one. */
gboolean    sy_leading_group_dialog_set_date  (SyLeadingGroupDialog *self,
                                               const char           *date);
/* Members listed for the date shown. */
guint       sy_leading_group_dialog_get_n_members (SyLeadingGroupDialog *self);
/* Writes the roster of the date shown as a one-table PDF (temp file, fsync,
 * rename; an audit row records it). */
gboolean    sy_leading_group_dialog_export_pdf (SyLeadingGroupDialog *self,
                                                GFile                *file,
                                                GError              **error);

G_END_DECLS
