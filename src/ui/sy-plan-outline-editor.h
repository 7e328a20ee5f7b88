/* sy-plan-outline-editor.h: the outline editor of one plan (the Plans tab)
 *
 * A tree (GtkTreeListModel + GtkTreeExpander in a GtkColumnView) of the
 * plan's items with label, title, time node, due date, status and
 * progress, a toolbar, keyboard commands on the tree and a pane with the
 * selected item's fields and linked activities.  Every change goes through
 * SyPlanRepo and reloads the tree, keeping the selection and which sections
 * are collapsed.
 *
 * Actions (group "outline"): add (Insert, Ctrl+Enter), add-child
 * (Ctrl+Shift+Enter), indent (Tab), outdent (Shift+Tab), move-up (Alt+Up),
 * move-down (Alt+Down), delete (Delete; a toast offers Undo), undo.
 * Signal "changed" after every stored change (the page refreshes counts).
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_PLAN_OUTLINE_EDITOR (sy_plan_outline_editor_get_type ())
G_DECLARE_FINAL_TYPE (SyPlanOutlineEditor, sy_plan_outline_editor, SY, PLAN_OUTLINE_EDITOR, AdwBin)

GtkWidget  *sy_plan_outline_editor_new             (void);

/* Shows plan @plan_id of @db (0: none), of @year (its activities can be
 * linked) and titled @title. */
void        sy_plan_outline_editor_set_plan (SyPlanOutlineEditor *self,
                                             SyDatabase          *db,
                                             gint64               plan_id,
                                             int                  year,
                                             const char          *title);
gint64      sy_plan_outline_editor_get_plan_id     (SyPlanOutlineEditor *self);

/* The selected item (transfer none), or NULL. */
SyPlanItem *sy_plan_outline_editor_get_selected    (SyPlanOutlineEditor *self);
/* Selects the item @item_id, expanding its ancestors; FALSE if absent. */
gboolean    sy_plan_outline_editor_select          (SyPlanOutlineEditor *self,
                                             gint64         item_id);
/* Rows on screen (collapsed sections hide theirs). */
guint       sy_plan_outline_editor_get_n_rows      (SyPlanOutlineEditor *self);
/* The tree's column view (for keyboard focus and tests). */
GtkWidget  *sy_plan_outline_editor_get_view        (SyPlanOutlineEditor *self);
/* The toast of the last delete (its button undoes it), or NULL once
 * dismissed or used. */
AdwToast   *sy_plan_outline_editor_get_undo_toast  (SyPlanOutlineEditor *self);

G_END_DECLS
