/* sy-run-repo.h: disbursement runs (发放批次) — computed, checked, approved, paid
 *
 * A run pays one kind of subsidy (the standards' kind: 义务兵家庭优待金,
 * 定期抚恤金 …) for one period (sy-period.h).  Creating it computes a line for
 * every eligible person and lists everyone who holds a matching category but
 * is not paid, with the reason; nothing is typed in by hand.
 *
 * Eligibility, month by month over the period:
 *  - the person holds a category a standard of the kind names (the standard's
 *    category, or a group such as 重点优抚对象, see sy_run_repo_category_in_group),
 *    within the category's valid_from/valid_to (NULL = open);
 *  - the person is 在册 in that month: the status history (新增/迁入 start,
 *    减员/迁出/取消资格 end, as sy_recipient_repo_status_after says) decides,
 *    and the month in which a person dies or leaves is still paid ("paid up to
 *    the month of death"); a person with no history counts as 在册 throughout
 *    unless the current status says otherwise;
 *  - a standard is in force in a month when effective_from <= the month's
 *    first day <= effective_to (NULL = open); of the standards that match the
 *    person (kind, category; disability_grade 0, disability_nature NULL and
 *    hukou NULL match anything) the most specific wins; two equally specific
 *    ones are a data error (exclusion "ambiguous-standard" naming both);
 *  - months already paid to the person for the same kind and category by
 *    another run (a line not "failed" in any other batch) are not paid again.
 * Months with the same standard make one line: months, standard_fen, base
 * (月: amount × months; 年: amount × months / 12 rounded half up to the 分;
 * 次: the amount once, months 0), top-ups (subsidy_topup rules of the kind in
 * force at the line's first month whose condition the category's `topups`
 * names: each adds base × percent / 100, rounded half up), amount = base +
 * top-ups = computed_fen.  Standards with per_household pay one line per
 * household (COALESCE (household_id, id)): the head if eligible, else the
 * lowest id; the others are excluded with code "household".  A person
 * without an account is excluded ("no-account") — fix the record and
 * recompute.
 *
 * States: draft → approved (locked) → paid (date, voucher; lines "paid") →
 * lines "failed" from a bank return file → a re-issue run (source_batch_id,
 * lines with source_line_id) pays them again.  Every change goes through
 * sy_database_insert/update/delete (audit log, optimistic locking) inside one
 * transaction per operation.
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

/* Exclusion codes (disbursement_exclusion.code). */
#define SY_RUN_EXCLUDED_INACTIVE   "inactive"            /* not 在册 in any month of the period */
#define SY_RUN_EXCLUDED_NO_STANDARD "no-standard"        /* no standard matches (grade, nature, hukou …) */
#define SY_RUN_EXCLUDED_AMBIGUOUS  "ambiguous-standard"
#define SY_RUN_EXCLUDED_PAID       "paid"                /* every month already paid by another run */
#define SY_RUN_EXCLUDED_HOUSEHOLD  "household"
#define SY_RUN_EXCLUDED_NO_ACCOUNT "no-account"

/* Batch states and line statuses as stored. */
#define SY_RUN_STATE_DRAFT     "draft"
#define SY_RUN_STATE_APPROVED  "approved"
#define SY_RUN_STATE_PAID      "paid"
#define SY_LINE_PENDING        "pending"
#define SY_LINE_PAID           "paid"
#define SY_LINE_FAILED         "failed"

typedef enum {
  SY_RUN_COMPUTE_DEFAULT     = 0,
  /* What is due, regardless of other runs and of accounts: no "paid" or
   * "no-account" exclusions (those people get their lines).  The payment
   * audit uses this for the expected amounts. */
  SY_RUN_COMPUTE_ENTITLEMENT = 1 << 0,
} SyRunComputeFlags;

#define SY_TYPE_RUN_REPO (sy_run_repo_get_type ())
G_DECLARE_FINAL_TYPE (SyRunRepo, sy_run_repo, SY, RUN_REPO, GObject)

SyRunRepo  *sy_run_repo_new          (SyDatabase *db);

/* The kinds runs can be made for: the distinct kinds of the standards, sorted. */
GStrv       sy_run_repo_list_kinds   (SyRunRepo  *self,
                                      GError    **error);

/* Computes without writing.  @lines: new SyDisbursementLine (id 0,
 * batch_id 0; recipient_name, id_number, village, category, account, bank
 * filled), ordered by village, name, category; @exclusions: new
 * SyDisbursementExclusion (with recipient_name, id_number, village).
 * @skip_batch_id: a run whose lines do not count as already paid (the draft
 * being recomputed), 0 for none.  Either out argument may be NULL. */
gboolean    sy_run_repo_compute      (SyRunRepo          *self,
                                      const char         *kind,
                                      const char         *period,
                                      SyRunComputeFlags   flags,
                                      gint64              skip_batch_id,
                                      GPtrArray         **lines,
                                      GPtrArray         **exclusions,
                                      GError            **error);

/* Creates a draft run with its lines and exclusions (one transaction).
 * @title NULL: "<period label><kind>", e.g. "2025年第四季度定期抚恤金".
 * SY_ERROR_INVALID for an unknown kind or a malformed period (the message
 * says which forms are accepted). */
gboolean    sy_run_repo_create       (SyRunRepo   *self,
                                      const char  *kind,
                                      const char  *period,
                                      const char  *title,
                                      gint64      *batch_id,
                                      GError     **error);

/* Draft only: computes again (after records were corrected); adjusted
 * amounts are dropped, which the caller confirms with the user first. */
gboolean    sy_run_repo_recompute    (SyRunRepo   *self,
                                      gint64       batch_id,
                                      GError     **error);

/* Draft only: sets a line's amount with a reason (required, shown on the
 * roster's 备注 and kept in the audit log).  Amount >= 0. */
gboolean    sy_run_repo_adjust_line  (SyRunRepo   *self,
                                      gint64       line_id,
                                      gint64       amount_fen,
                                      const char  *reason,
                                      GError     **error);

/* draft → approved: refused for a run without lines.  Sets approved_at/by. */
gboolean    sy_run_repo_approve      (SyRunRepo   *self,
                                      gint64       batch_id,
                                      GError     **error);
/* approved → draft (before payment). */
gboolean    sy_run_repo_unapprove    (SyRunRepo   *self,
                                      gint64       batch_id,
                                      GError     **error);
/* approved → paid on @date (YYYY-MM-DD, not in the future) with the voucher
 * number (凭证号, required); every line becomes "paid". */
gboolean    sy_run_repo_mark_paid    (SyRunRepo   *self,
                                      gint64       batch_id,
                                      const char  *date,
                                      const char  *voucher,
                                      GError     **error);

/* Paid runs only: marks lines "failed" from a bank return table (columns
 * found by title: 账号/卡号 or 身份证号 identify the line, 原因/失败原因/备注
 * the reason).  All or nothing: a row that matches no line of the run, or
 * more than one, fails the whole file with SY_ERROR_INVALID naming
 * "FILE:LINE: column: reason" (@file_name is used in messages).  @n_failed:
 * lines newly marked. */
gboolean    sy_run_repo_apply_bank_return (SyRunRepo   *self,
                                           gint64       batch_id,
                                           SyTable     *table,
                                           const char  *file_name,
                                           guint       *n_failed,
                                           GError     **error);

/* A draft run re-paying the failed lines of paid run @batch_id (accounts
 * taken from the people's current records), titled "<title>（补发）".
 * Refused when the run has no failed lines or they were re-issued already. */
gboolean    sy_run_repo_reissue      (SyRunRepo   *self,
                                      gint64       batch_id,
                                      gint64      *new_batch_id,
                                      GError     **error);

/* Drafts only. */
gboolean    sy_run_repo_delete       (SyRunRepo   *self,
                                      gint64       batch_id,
                                      GError     **error);

/* The run (with line_count and total_fen), or NULL with SY_ERROR_NOT_FOUND. */
SyDisbursementBatch *sy_run_repo_load (SyRunRepo   *self,
                                       gint64       batch_id,
                                       GError     **error);

/* TRUE if @category (a person's) is in the group @group names: the group
 * itself, or for 重点优抚对象 the categories the regulations count in it. */
gboolean    sy_run_repo_category_in_group (const char *group,
                                           const char *category);

G_END_DECLS
