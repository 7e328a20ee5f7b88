/* sy-payment-audit-view.h: "按标准及时足额" — the payment audit of a year
 *
 * A window: choose a year, the audit (sy-payment-audit.h) runs in a worker
 * thread with its own database connection, and the result is shown as the
 * counts of people × kinds checked and in order, two charts (expected vs
 * paid by month and by kind, painted by the ledger's chart code in the
 * theme's colours) and the findings — missed, underpaid, late — filterable
 * by problem and exportable as CSV or XLSX.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_PAYMENT_AUDIT_VIEW (sy_payment_audit_view_get_type ())
G_DECLARE_FINAL_TYPE (SyPaymentAuditView, sy_payment_audit_view, SY, PAYMENT_AUDIT_VIEW, AdwWindow)

SyPaymentAuditView *sy_payment_audit_view_new       (GtkWindow          *parent,
                                                     SyDatabase         *db,
                                                     int                 year);

int                 sy_payment_audit_view_get_year  (SyPaymentAuditView *self);
/* Runs the audit of @year (again). */
void                sy_payment_audit_view_set_year  (SyPaymentAuditView *self,
                                                     int                 year);

/* TRUE once the audit of the current year has finished (or failed). */
gboolean            sy_payment_audit_view_is_done   (SyPaymentAuditView *self);
/* The finished audit, or NULL (not done, or failed). */
SyPaymentAudit     *sy_payment_audit_view_get_audit (SyPaymentAuditView *self);
/* The rows the findings list shows (after the problem filter). */
guint               sy_payment_audit_view_get_n_shown (SyPaymentAuditView *self);

/* Opens the Deadlines dialog (action audit.deadlines): the days after the
 * first day of a month after which a payment is late, for kinds without a
 * setting of their own and for each kind (of the standards and the audit);
 * one GtkEntry per kind, named after it ("" the default).  Saving writes
 * what changed (sy_payment_audit_set_deadline) and runs the audit again.
 * Returns the dialog (an AdwMessageDialog, response "save"). */
GtkWidget          *sy_payment_audit_view_edit_deadlines (SyPaymentAuditView *self);

G_END_DECLS
