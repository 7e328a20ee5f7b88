/* sy-payment-audit.h: "按标准及时足额" — was everyone paid, on time, in full?
 *
 * For a year: every person × kind due something (sy_run_repo_compute with
 * SY_RUN_COMPUTE_ENTITLEMENT for the whole year, every kind) against what was
 * paid: lines "paid" of paid runs whose months fall in the year (a re-issue
 * counts for the line it re-pays), plus, for the kind 慰问金, the money given
 * on visits (event_recipient.money_fen of events dated in the year) — visits
 * are not entered twice.  A payment is late when its run's paid_date is after
 * the due date: the first day of the line's first month plus the setting
 * "payment_deadline_days.<kind>" (or "payment_deadline_days", default 31).
 */
#pragma once

#include "sy-database.h"
#include "sy-payment-finding.h"

G_BEGIN_DECLS

#define SY_TYPE_PAYMENT_AUDIT (sy_payment_audit_get_type ())
G_DECLARE_FINAL_TYPE (SyPaymentAudit, sy_payment_audit, SY, PAYMENT_AUDIT, GObject)

SyPaymentAudit *sy_payment_audit_new             (SyDatabase     *db,
                                                  int             year);
int             sy_payment_audit_get_year        (SyPaymentAudit *self);
/* The day the audit is made as of (YYYY-MM-DD; NULL, the default: today).
 * A month whose due date is later is not due yet and counts in no expected
 * amount, so the running year is audited up to now. */
void            sy_payment_audit_set_today       (SyPaymentAudit *self,
                                                  const char     *date);

/* Reads and compares; may run in a worker thread (with its own database). */
gboolean        sy_payment_audit_run             (SyPaymentAudit *self,
                                                  GCancellable   *cancellable,
                                                  GError        **error);

/* The kinds found (due or paid), sorted. */
guint           sy_payment_audit_get_n_kinds     (SyPaymentAudit *self);
const char     *sy_payment_audit_get_kind        (SyPaymentAudit *self,
                                                  guint           index);
/* Totals for kind @index, or all kinds with -1; @month 1–12, or 0 for the
 * whole year.  Expected money is spread over the months it is due for (a
 * one-off in its first month); paid money counts in the month of paid_date. */
gint64          sy_payment_audit_get_expected    (SyPaymentAudit *self,
                                                  int             kind_index,
                                                  int             month);
gint64          sy_payment_audit_get_paid        (SyPaymentAudit *self,
                                                  int             kind_index,
                                                  int             month);
/* People × kinds checked, and how many are paid on time in full. */
guint           sy_payment_audit_get_n_checked   (SyPaymentAudit *self);
guint           sy_payment_audit_get_n_ok        (SyPaymentAudit *self);

/* SyPaymentFinding, missed first, then underpaid, then late; by village,
 * name within each. */
GListModel     *sy_payment_audit_get_findings    (SyPaymentAudit *self);

/* The findings as CSV (UTF-8 with BOM) or .xlsx by @path's extension, ID
 * numbers in full (an internal list), temp file + rename, logged in the
 * audit log (action "export", entity "payment_audit"). */
gboolean        sy_payment_audit_export          (SyPaymentAudit *self,
                                                  const char     *path,
                                                  GError        **error);

/* Deadlines: a payment for a month is late when made more than this many
 * days after the month's first day.  The setting of @kind
 * ("payment_deadline_days.<kind>"), else the general one (@kind NULL:
 * "payment_deadline_days"), else SY_PAYMENT_DEADLINE_DEFAULT. */
#define SY_PAYMENT_DEADLINE_DEFAULT 31
#define SY_PAYMENT_DEADLINE_MAX     3660

/* The days that apply to @kind (NULL: to a kind without its own setting). */
gboolean        sy_payment_audit_get_deadline    (SyDatabase     *db,
                                                  const char     *kind,
                                                  int            *days,
                                                  GError        **error);
/* @kind's own setting (NULL: the general one), or -1 when there is none.
 * A stored value that is not a number of days is SY_ERROR_INVALID. */
gboolean        sy_payment_audit_get_deadline_setting (SyDatabase *db,
                                                       const char *kind,
                                                       int        *days,
                                                       GError    **error);
/* Stores @days (0–SY_PAYMENT_DEADLINE_MAX) as @kind's setting (NULL: the
 * general one), or removes it with -1; logged in the audit log (action
 * "update", entity "payment_deadline", the key and the days). */
gboolean        sy_payment_audit_set_deadline    (SyDatabase     *db,
                                                  const char     *kind,
                                                  int             days,
                                                  GError        **error);

G_END_DECLS
