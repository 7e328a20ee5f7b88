/* sy-assessment-repo.h: the 考评 items and the evidence linked to them
 *
 * Items are the eight basic standards (top level, parent 0, seeded by
 * migration 0006 with codes "1" … "8") and the scored sub-items of a
 * province's 细则 under them (one level deep).  The list is data the office
 * edits: titles, scores and descriptions change, sub-items come and go, and a
 * province's table is imported from CSV (columns 标准编号, 细则编号, 内容,
 * 分值, 说明).
 *
 * Evidence of four kinds links to any number of items: activities
 * ("event"), documents ("document"), plan items ("plan_item") and
 * disbursement runs ("disbursement_batch").  A link names its evidence by
 * table and id without a foreign key, so whoever deletes evidence must also
 * delete its links, in the same transaction:
 *
 *   sy_assessment_repo_delete_links_for (db, "event", id, error)
 *
 * from sy_event_repo_delete(), the document archive's delete, the plan
 * repo's item deletion (and plan deletion: every item of the plan) and the
 * run repo's delete.  sy_assessment_repo_remove_dangling() cleans up after
 * any caller that did not (the check command and the coverage computation
 * ignore such links meanwhile).
 */
#pragma once

#include "sy-database.h"
#include "sy-table.h"

G_BEGIN_DECLS

#define SY_ASSESSMENT_EVENT               "event"
#define SY_ASSESSMENT_DOCUMENT            "document"
#define SY_ASSESSMENT_PLAN_ITEM           "plan_item"
#define SY_ASSESSMENT_DISBURSEMENT_BATCH  "disbursement_batch"

#define SY_TYPE_ASSESSMENT_REPO (sy_assessment_repo_get_type ())
G_DECLARE_FINAL_TYPE (SyAssessmentRepo, sy_assessment_repo, SY, ASSESSMENT_REPO, GObject)

SyAssessmentRepo *sy_assessment_repo_new          (SyDatabase       *db);

/* Every item (SyAssessmentItem) in outline order: each standard followed by
 * its sub-items. */
GListModel       *sy_assessment_repo_list_items   (SyAssessmentRepo *self,
                                                   GError          **error);

/* Adds (@item id 0) or updates @item after checking it: code and title
 * given, score 0–1000, the code used by no other item, the parent (if any)
 * a top-level item (sub-items are one level deep) and not the item itself.
 * A new item without a position goes last under its parent.  Errors are
 * SY_ERROR_INVALID or SY_ERROR_DUPLICATE, "Field: message". */
gboolean          sy_assessment_repo_save_item    (SyAssessmentRepo *self,
                                                   SyAssessmentItem *item,
                                                   GError          **error);

/* Deletes item @id with its sub-items and every link to them, in one
 * transaction. */
gboolean          sy_assessment_repo_delete_item  (SyAssessmentRepo *self,
                                                   gint64            id,
                                                   GError          **error);

/* TRUE for the four entity names above. */
gboolean          sy_assessment_entity_is_valid   (const char       *entity);

/* Links evidence @entity/@entity_id to item @item_id.  Refused with
 * SY_ERROR_INVALID for an unknown entity name, SY_ERROR_NOT_FOUND when the
 * item or the evidence does not exist, SY_ERROR_DUPLICATE when the link
 * exists already. */
gboolean          sy_assessment_repo_link         (SyAssessmentRepo *self,
                                                   gint64            item_id,
                                                   const char       *entity,
                                                   gint64            entity_id,
                                                   GError          **error);
/* Removes that link; SY_ERROR_NOT_FOUND when there is none. */
gboolean          sy_assessment_repo_unlink       (SyAssessmentRepo *self,
                                                   gint64            item_id,
                                                   const char       *entity,
                                                   gint64            entity_id,
                                                   GError          **error);
/* The links (SyAssessmentLink) of item @item_id. */
GListModel       *sy_assessment_repo_links_for_item (SyAssessmentRepo *self,
                                                     gint64            item_id,
                                                     GError          **error);
/* The links of one piece of evidence, in item outline order. */
GListModel       *sy_assessment_repo_links_for_evidence (SyAssessmentRepo *self,
                                                         const char       *entity,
                                                         gint64            entity_id,
                                                         GError          **error);

/* Deletes every link of evidence @entity/@entity_id (audited, one row
 * each).  For the repositories that delete evidence: call it inside their
 * delete transaction.  TRUE when there were none. */
gboolean          sy_assessment_repo_delete_links_for (SyDatabase *db,
                                                       const char *entity,
                                                       gint64      entity_id,
                                                       GError    **error);

/* Deletes links whose evidence no longer exists; @n_removed (nullable)
 * gets their number. */
gboolean          sy_assessment_repo_remove_dangling (SyAssessmentRepo *self,
                                                      guint            *n_removed,
                                                      GError          **error);

/* Imports a province's 细则 from @table: a header row naming 标准编号,
 * 细则编号, 内容 and 分值 (说明 optional), then one sub-item a row.  标准编号
 * must be the code of a stored top-level item; 细则编号 is the sub-item's
 * code, unique in the file and not the code of a top-level item; 内容 is
 * its title; 分值 a whole number 0–1000.  A row whose 细则编号 is stored
 * updates that sub-item (title, score, description, parent, position); the
 * others are added; stored sub-items the file does not name are kept.
 * Positions follow the file's order under each standard.  All or nothing:
 * when any row is rejected, or with @dry_run, nothing is written.  Returns
 * FALSE (SY_ERROR_INVALID "FILE:LINE: …") only when there is no header or on
 * a database error; rejected rows are reported through get_issues(). */
gboolean          sy_assessment_repo_import       (SyAssessmentRepo *self,
                                                   SyTable          *table,
                                                   gboolean          dry_run,
                                                   GError          **error);
/* SyImportIssue of the last import, in line order. */
GPtrArray        *sy_assessment_repo_get_issues   (SyAssessmentRepo *self);
guint             sy_assessment_repo_get_n_added  (SyAssessmentRepo *self);
guint             sy_assessment_repo_get_n_updated (SyAssessmentRepo *self);
guint             sy_assessment_repo_get_n_unchanged (SyAssessmentRepo *self);

/* Writes every sub-item to @file as UTF-8 CSV with BOM, the columns the
 * import reads, in outline order; @n_written (nullable) gets the count. */
gboolean          sy_assessment_repo_export       (SyAssessmentRepo *self,
                                                   GFile            *file,
                                                   guint            *n_written,
                                                   GError          **error);

G_END_DECLS
