/* sy-payment-finding.h: one person × kind the payment audit flags */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SY_PAYMENT_MISSED,     /* due, nothing paid in the year */
  SY_PAYMENT_UNDERPAID,  /* paid less than due */
  SY_PAYMENT_LATE,       /* paid in full, after the due date */
} SyPaymentProblem;

#define SY_TYPE_PAYMENT_FINDING (sy_payment_finding_get_type ())
G_DECLARE_FINAL_TYPE (SyPaymentFinding, sy_payment_finding, SY, PAYMENT_FINDING, GObject)

/* Read-only properties of the same names, for list widgets:
 * "problem" (int), "problem-label" (已漏发/未足额/未及时, translated),
 * "recipient-id", "name", "id-number", "village", "kind", "category",
 * "expected-fen", "paid-fen", "paid-date" (latest, or NULL), "due-date". */
SyPaymentProblem  sy_payment_finding_get_problem      (SyPaymentFinding *self);
const char       *sy_payment_finding_get_problem_label (SyPaymentFinding *self);
gint64            sy_payment_finding_get_recipient_id (SyPaymentFinding *self);
const char       *sy_payment_finding_get_name         (SyPaymentFinding *self);
const char       *sy_payment_finding_get_id_number    (SyPaymentFinding *self);
const char       *sy_payment_finding_get_village      (SyPaymentFinding *self);
const char       *sy_payment_finding_get_kind         (SyPaymentFinding *self);
const char       *sy_payment_finding_get_category     (SyPaymentFinding *self);
gint64            sy_payment_finding_get_expected_fen (SyPaymentFinding *self);
gint64            sy_payment_finding_get_paid_fen     (SyPaymentFinding *self);
const char       *sy_payment_finding_get_paid_date    (SyPaymentFinding *self);
const char       *sy_payment_finding_get_due_date     (SyPaymentFinding *self);

G_END_DECLS
