/* sy-standard-repo.h: subsidy standards (优待金/抚恤金 rates) as dated data
 *
 * A county loads its yearly table of standards from CSV and gets it back
 * the same way.  Standards are keyed by kind, category, 伤残等级, 伤残性质,
 * 户籍类别 and effective date; two standards with the same key may not be in
 * force on the same day.  A standard that a paid run used is history: it is
 * never edited, only superseded by one with a later effective date.
 *
 * Top-up rules (SySubsidyTopup: 进藏进疆 +100%, 一等功 …) live here too, as
 * dated data with the same protection: a rule a paid run applied keeps its
 * percentage.  A rule counts as applied by a paid run when a line of a paid
 * batch of the rule's kind names the rule's condition in its `topups` text
 * and the line's first month (its first day) falls within the rule's dates.
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

/* Adds (@standard id 0) or updates @standard after checking it: kind and
 * category given, grade 0–10, amount >= 0, period 月/年/次 (normalised in
 * @standard, as are the dates), effective_from a date, effective_to none or
 * not before it, and no other standard with the same key in force on any of
 * its days.  A standard used by a paid run may only get (or move) its end
 * date, not before the run was paid; any other change is refused, telling
 * the user to supersede it.  Errors are SY_ERROR_INVALID "Field: message"
 * (translated field names as the editor shows them). */
gboolean        sy_standard_repo_save           (SyStandardRepo    *self,
                                                 SySubsidyStandard *standard,
                                                 GError           **error);

/* In one transaction: standard @id ends the day before @new_from and a copy
 * with @new_amount_fen starts on @new_from (keeping the old end date, if
 * any).  @new_from must be after the old effective date and not after its
 * end.  @new_id (nullable) gets the new standard's id. */
gboolean        sy_standard_repo_supersede      (SyStandardRepo *self,
                                                 gint64          id,
                                                 const char     *new_from,
                                                 gint64          new_amount_fen,
                                                 gint64         *new_id,
                                                 GError        **error);

/* Deletes standard @id; refused (SY_ERROR_INVALID) when any disbursement
 * line, of any run, names it. */
gboolean        sy_standard_repo_delete         (SyStandardRepo *self,
                                                 gint64          id,
                                                 GError        **error);

/* Every top-up rule (SySubsidyTopup), by kind, condition and effective date. */
GListModel     *sy_standard_repo_list_topups    (SyStandardRepo *self,
                                                 GError        **error);
/* Adds or updates a rule after checking it: kind and condition given,
 * percent 0–1000, dates as for standards, no other rule of the same kind and
 * condition in force on the same day; a rule used by a paid run may only
 * get an end date. */
gboolean        sy_standard_repo_save_topup     (SyStandardRepo *self,
                                                 SySubsidyTopup *topup,
                                                 GError        **error);
/* Refused when a paid run used the rule (see the top of this file). */
gboolean        sy_standard_repo_delete_topup   (SyStandardRepo *self,
                                                 gint64          id,
                                                 GError        **error);
gboolean        sy_standard_repo_topup_is_used_by_paid_run (SyStandardRepo *self,
                                                            gint64          id,
                                                            gboolean       *used,
                                                            GError        **error);

/* The stored period ("月", "年", "次") for "月"/"monthly"/"每月" …; NULL if unknown. */
const char     *sy_standard_repo_normalize_period (const char   *text);

/* Imports @table (a header row with the Chinese titles — 类型, 优抚类别,
 * 伤残等级, 伤残性质, 户籍类别, 金额, 周期, 生效日期, 截止日期 and the optional
 * 按户发放 (是/否, 1/0, yes/no; empty = 否) — then one standard a row).
 * Every row is validated; a row with the key and effective date of a stored
 * standard updates it, others are added.  A standard a paid run used keeps
 * its amount, period and 按户发放: the only change allowed is an end date
 * (not before the run was paid), which is how a new row supersedes it.  All
 * or nothing: when any row is rejected, or with @dry_run, nothing is
 * written and the counts say what would have happened.  Returns FALSE
 * (SY_ERROR_INVALID, "FILE:LINE: …") only when the table has no usable
 * header, or on a database error; rejected rows are reported through
 * sy_standard_repo_get_issues(). */
gboolean        sy_standard_repo_import         (SyStandardRepo *self,
                                                 SyTable        *table,
                                                 gboolean        dry_run,
                                                 GError        **error);

/* The same for top-up rules: titles 类型 (also 类别: the kind of subsidy),
 * 条件, 加发比例(%) (a whole number 0–1000, "100" or "100%"), 生效日期,
 * 截止日期; keyed by kind, condition and effective date.  The counts and
 * issues below report it like an import of standards. */
gboolean        sy_standard_repo_import_topups  (SyStandardRepo *self,
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
/* Every top-up rule as CSV, the titles sy_standard_repo_import_topups() reads. */
gboolean        sy_standard_repo_export_topups  (SyStandardRepo *self,
                                                 GFile          *file,
                                                 guint          *n_written,
                                                 GError        **error);

G_END_DECLS
