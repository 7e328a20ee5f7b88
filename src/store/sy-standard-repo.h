/* sy-standard-repo.h: subsidy standards (优待金/抚恤金 rates) as dated data
 *
 * A county loads its yearly table of standards from CSV and gets it back
 * the same way.  Standards are keyed by kind, category, 伤残等级, 伤残性质,
 * 户籍类别 and effective date; two standards with the same key may not be in
 * force on the same day.  A standard that a paid run used is history: it is
 * never edited, only superseded by one with a later effective date.
 */
#pragma once

#include "sy-database.h"
#include "sy-recipient-row.h"

G_BEGIN_DECLS

#define SY_TYPE_STANDARD_REPO (sy_standard_repo_get_type ())
G_DECLARE_FINAL_TYPE (SyStandardRepo, sy_standard_repo, SY, STANDARD_REPO, GObject)

SyStandardRepo *sy_standard_repo_new            (SyDatabase     *db);

/* Every stored standard (SySubsidyStandard), by kind, category, grade,
 * nature, 户籍 and effective date. */
GListModel     *sy_standard_repo_list           (SyStandardRepo *self,
                                                 GError        **error);

/* TRUE in @used when a disbursement line of a batch in state 'paid' names
 * the standard @id. */
gboolean        sy_standard_repo_is_used_by_paid_run (SyStandardRepo *self,
                                                      gint64          id,
                                                      gboolean       *used,
                                                      GError        **error);

/* The stored period ("月", "年", "次") for "月"/"monthly"/"每月" …; NULL if unknown. */
const char     *sy_standard_repo_normalize_period (const char   *text);

/* Imports @table (a header row with the Chinese titles — 类型, 优抚类别,
 * 伤残等级, 伤残性质, 户籍类别, 金额, 周期, 生效日期, 截止日期 — then one standard
 * a row).  Every row is validated; a row with the key and effective date of
 * a stored standard updates it, others are added.  A standard a paid run
 * used keeps its amount and period: the only change allowed is an end date
 * (not before the run was paid), which is how a new row supersedes it.  All or nothing: when any row is rejected, or with @dry_run,
 * nothing is written and the counts say what would have happened.  Returns
 * FALSE (SY_ERROR_INVALID, "FILE:LINE: …") only when the table has no usable
 * header, or on a database error; rejected rows are reported through
 * sy_standard_repo_get_issues(). */
gboolean        sy_standard_repo_import         (SyStandardRepo *self,
                                                 SyTable        *table,
                                                 gboolean        dry_run,
                                                 GError        **error);

/* Results of the last import.  Issues are SyImportIssue, in line order. */
GPtrArray      *sy_standard_repo_get_issues      (SyStandardRepo *self);
guint           sy_standard_repo_get_n_added     (SyStandardRepo *self);
guint           sy_standard_repo_get_n_updated   (SyStandardRepo *self);
guint           sy_standard_repo_get_n_unchanged (SyStandardRepo *self);
guint           sy_standard_repo_get_n_rejected  (SyStandardRepo *self);

/* Writes every stored standard to @file as CSV (UTF-8 with BOM, so Excel
 * reads the Chinese; the import's titles; amounts in yuan with two
 * decimals).  @n_written (nullable) gets the number of standards. */
gboolean        sy_standard_repo_export         (SyStandardRepo *self,
                                                 GFile          *file,
                                                 guint          *n_written,
                                                 GError        **error);

G_END_DECLS
