/* sy-plan-repo.h: editing a plan's outline, its progress, the leading group
 *
 * The outline is a tree of plan_item rows: parent_id, and position among
 * the siblings.  Every operation here is one transaction that leaves the
 * whole plan normalised:
 *   - positions are dense: the children of a parent are 0, 1, 2 … n-1;
 *   - level is the depth (0 at the top, a child is its parent's level + 1);
 *   - label is derived from level and position in the numbering style of
 *     that level (see below) and stored, so the ledger, the CLI and the
 *     year-end summary print the same label the editor shows.
 * Rows that already agree are not written; the others are updated through
 * sy_database_update (versioned, audited).  The item an operation acts on
 * is written from the caller's copy, so a stale copy fails with
 * SY_ERROR_CONFLICT (nothing written) — reload and try again.
 *
 * Numbering styles: a label is a template "prefix NUMERAL suffix" with a
 * Chinese numeral (一、 （一） 第一条), Arabic digits (1、 1. (1) 1）) or a
 * circled number (①).  Each depth takes the style of the first labelled
 * item at that depth (in document order), so an imported plan keeps its
 * look (“1.” stays “1.”, “(一)” stays half-width); a depth with no labelled
 * item takes the first of 一、 （一） 1、 1. （1） ① not used by another depth.
 * A depth whose items all have empty labels (# headings) stays unlabelled.
 *
 * Structure edits keep the document order (what one reads top to bottom):
 * indent makes an item the last child of its previous sibling; outdent
 * makes it the next sibling of its parent and its later siblings become
 * its children.  Move up/down swaps an item (with its subtree) with its
 * neighbouring sibling.
 *
 * Progress (per item, section and plan; see sy_plan_repo_progress()):
 *   a leaf (an item without children) counts unless its status is
 *   “dropped”; it is done when its status is “done” or it has at least one
 *   linked activity (event.plan_item_id) dated on or before the day of
 *   reference.  A section's progress is done leaves / counted leaves of its
 *   subtree; the plan's is the same over all its leaves.  A section's own
 *   status does not count — its leaves do.
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

#define SY_TYPE_PLAN_REPO (sy_plan_repo_get_type ())
G_DECLARE_FINAL_TYPE (SyPlanRepo, sy_plan_repo, SY, PLAN_REPO, GObject)

SyPlanRepo *sy_plan_repo_new             (SyDatabase *db);
SyDatabase *sy_plan_repo_get_database    (SyPlanRepo *self);

/* --- plans ------------------------------------------------------------- */

/* The id of the plan of @unit_id for @year into *@plan_id, 0 when there is
 * none.  A plan stored without a unit (an import) is the office's: for the
 * office (the unit without parent) or @unit_id 0 both count. */
gboolean    sy_plan_repo_find_plan       (SyPlanRepo *self,
                                          gint64      unit_id,
                                          int         year,
                                          gint64     *plan_id,
                                          GError    **error);
/* Creates an empty plan titled @title (not empty) of @unit_id (0: none)
 * for @year (1949–9999) into *@plan_id.  A second plan of the same unit
 * and year is refused (SY_ERROR_DUPLICATE, saying which plan exists); an
 * empty title or a year out of range, SY_ERROR_INVALID. */
gboolean    sy_plan_repo_create_plan     (SyPlanRepo *self,
                                          gint64      unit_id,
                                          int         year,
                                          const char *title,
                                          gint64     *plan_id,
                                          GError    **error);

/* --- labels ------------------------------------------------------------ */

/* @n (1-based) written in the style of @label_template ("一、", "（一）",
 * "1.", "①" …); "" for an empty or unnumbered template.  Caller frees. */
char       *sy_plan_label_format         (const char *label_template,
                                          int         n);
/* The default style of @depth: 一、 （一） 1、 1. （1） ①, then ① again. */
const char *sy_plan_label_default        (int         depth);

/* --- outline ----------------------------------------------------------- */

typedef enum {
  SY_PLAN_ADD_AFTER,   /* the next sibling of the anchor */
  SY_PLAN_ADD_CHILD,   /* the last child of the anchor */
} SyPlanAddMode;

/* Adds an item titled @title (status planned) to plan @plan_id, placed
 * relative to @anchor (NULL: at the end of the top level).  Returns the new
 * item as stored (with its id, level, position and label). */
SyPlanItem *sy_plan_repo_add_item        (SyPlanRepo    *self,
                                          gint64         plan_id,
                                          SyPlanItem    *anchor,
                                          SyPlanAddMode  mode,
                                          const char    *title,
                                          GError       **error);

/* SY_ERROR_INVALID when the move is impossible (indent of a first child,
 * outdent at the top level, move past either end); nothing is written. */
gboolean    sy_plan_repo_indent          (SyPlanRepo *self, SyPlanItem *item, GError **error);
gboolean    sy_plan_repo_outdent         (SyPlanRepo *self, SyPlanItem *item, GError **error);
gboolean    sy_plan_repo_move_up         (SyPlanRepo *self, SyPlanItem *item, GError **error);
gboolean    sy_plan_repo_move_down       (SyPlanRepo *self, SyPlanItem *item, GError **error);

/* What a delete removed, enough to put it back. */
typedef struct _SyPlanDeletion SyPlanDeletion;

/* Deletes @item and its subtree (activities linked to them are unlinked,
 * not deleted).  Returns what sy_plan_repo_restore() needs to undo it. */
SyPlanDeletion *sy_plan_repo_delete      (SyPlanRepo *self, SyPlanItem *item, GError **error);
/* Re-inserts the deleted rows with the same structure, fields and position
 * (under the same parent; at the end of the top level if that parent is
 * gone meanwhile) and links the activities again that are still unlinked.
 * The rows get new ids; returns the restored root item. */
SyPlanItem *sy_plan_repo_restore         (SyPlanRepo *self, SyPlanDeletion *deletion, GError **error);

guint       sy_plan_deletion_get_n_items (SyPlanDeletion *deletion);
/* The first line of the deleted root's title. */
const char *sy_plan_deletion_get_title   (SyPlanDeletion *deletion);
void        sy_plan_deletion_free        (SyPlanDeletion *deletion);

/* Sets the title (not empty) of @item. */
gboolean    sy_plan_repo_rename          (SyPlanRepo *self, SyPlanItem *item,
                                          const char *title, GError **error);
/* Writes the editable fields of @item (title, time_node, due_date,
 * responsible, status) as set on it; the structure fields (plan, parent,
 * position, level, label) are kept as stored.  Refused (SY_ERROR_INVALID):
 * an empty title, a due date that is not a valid YYYY-MM-DD, a status
 * other than planned / in_progress / done / dropped.  On success @item has
 * its new version. */
gboolean    sy_plan_repo_save_fields     (SyPlanRepo *self, SyPlanItem *item, GError **error);

/* The four statuses, for menus (NULL-terminated). */
const char * const *sy_plan_repo_statuses (void);
/* The first line of a stored title (an imported item keeps its body
 * paragraphs after a newline).  Caller frees. */
char       *sy_plan_item_title_line      (const char *title);

/* Links activity @event_id to @item_id (0: unlinks it). */
gboolean    sy_plan_repo_link_event      (SyPlanRepo *self, gint64 event_id,
                                          gint64 item_id, GError **error);

/* --- progress ----------------------------------------------------------- */

typedef struct {
  guint done;    /* done leaves */
  guint total;   /* counted leaves (not dropped) */
} SyPlanProgress;

/* Progress of every item of the plan as of @today (YYYY-MM-DD): a table
 * item id (gint64 *) → SyPlanProgress *; @plan (may be NULL) gets the
 * whole plan's. */
GHashTable *sy_plan_repo_progress        (SyPlanRepo     *self,
                                          gint64          plan_id,
                                          const char     *today,
                                          SyPlanProgress *plan,
                                          GError        **error);

/* --- leading group ---------------------------------------------------------- */

/* Adds a member effective from their effective_from (name, role and
 * effective_from required; role one of 组长 副组长 成员). */
gboolean    sy_plan_repo_add_member      (SyPlanRepo *self, SyLeadingGroupMember *member,
                                          GError **error);
/* A change of a member from @date (YYYY-MM-DD): the stored row of @old
 * ends the day before (its history kept) and @replacement (NULL: the
 * member leaves) starts on @date.  One transaction; @old is versioned. */
gboolean    sy_plan_repo_change_member   (SyPlanRepo *self, SyLeadingGroupMember *old,
                                          SyLeadingGroupMember *replacement,
                                          const char *date, GError **error);

/* The quarters (bit 0 = Q1 … bit 3 = Q4) of @year that have begun by
 * @today (YYYY-MM-DD) and hold no activity of kind 会议. */
guint       sy_plan_repo_quarters_without_meeting (SyPlanRepo *self, int year,
                                                   const char *today, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyPlanDeletion, sy_plan_deletion_free)

G_END_DECLS
