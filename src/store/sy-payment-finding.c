/* sy-payment-finding.c: one person × kind the payment audit flags
 *
 * Immutable once made: the audit sets every property at construction
 * (construct-only), list widgets read them through expressions.
 */
#include "sy-payment-finding.h"

#include <glib/gi18n-lib.h>

struct _SyPaymentFinding
{
  GObject parent_instance;

  SyPaymentProblem  problem;
  gint64            recipient_id;
  char             *name;
  char             *id_number;
  char             *village;
  char             *kind;
  char             *category;
  gint64            expected_fen;
  gint64            paid_fen;
  char             *paid_date;
  char             *due_date;
};

G_DEFINE_FINAL_TYPE (SyPaymentFinding, sy_payment_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROBLEM,
  PROP_PROBLEM_LABEL,
  PROP_RECIPIENT_ID,
  PROP_NAME,
  PROP_ID_NUMBER,
  PROP_VILLAGE,
  PROP_KIND,
  PROP_CATEGORY,
  PROP_EXPECTED_FEN,
  PROP_PAID_FEN,
  PROP_PAID_DATE,
  PROP_DUE_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sy_payment_finding_finalize (GObject *object)
{
  SyPaymentFinding *self = SY_PAYMENT_FINDING (object);

  g_free (self->name);
  g_free (self->id_number);
  g_free (self->village);
  g_free (self->kind);
  g_free (self->category);
  g_free (self->paid_date);
  g_free (self->due_date);

  G_OBJECT_CLASS (sy_payment_finding_parent_class)->finalize (object);
}

static void
sy_payment_finding_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SyPaymentFinding *self = SY_PAYMENT_FINDING (object);

  switch (prop_id)
    {
    case PROP_PROBLEM: g_value_set_int (value, self->problem); break;
    case PROP_PROBLEM_LABEL: g_value_set_string (value, sy_payment_finding_get_problem_label (self)); break;
    case PROP_RECIPIENT_ID: g_value_set_int64 (value, self->recipient_id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_ID_NUMBER: g_value_set_string (value, self->id_number); break;
    case PROP_VILLAGE: g_value_set_string (value, self->village); break;
    case PROP_KIND: g_value_set_string (value, self->kind); break;
    case PROP_CATEGORY: g_value_set_string (value, self->category); break;
    case PROP_EXPECTED_FEN: g_value_set_int64 (value, self->expected_fen); break;
    case PROP_PAID_FEN: g_value_set_int64 (value, self->paid_fen); break;
    case PROP_PAID_DATE: g_value_set_string (value, self->paid_date); break;
    case PROP_DUE_DATE: g_value_set_string (value, self->due_date); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_payment_finding_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SyPaymentFinding *self = SY_PAYMENT_FINDING (object);

  switch (prop_id)
    {
    case PROP_PROBLEM: self->problem = g_value_get_int (value); break;
    case PROP_RECIPIENT_ID: self->recipient_id = g_value_get_int64 (value); break;
    case PROP_NAME: g_free (self->name); self->name = g_value_dup_string (value); break;
    case PROP_ID_NUMBER: g_free (self->id_number); self->id_number = g_value_dup_string (value); break;
    case PROP_VILLAGE: g_free (self->village); self->village = g_value_dup_string (value); break;
    case PROP_KIND: g_free (self->kind); self->kind = g_value_dup_string (value); break;
    case PROP_CATEGORY: g_free (self->category); self->category = g_value_dup_string (value); break;
    case PROP_EXPECTED_FEN: self->expected_fen = g_value_get_int64 (value); break;
    case PROP_PAID_FEN: self->paid_fen = g_value_get_int64 (value); break;
    case PROP_PAID_DATE: g_free (self->paid_date); self->paid_date = g_value_dup_string (value); break;
    case PROP_DUE_DATE: g_free (self->due_date); self->due_date = g_value_dup_string (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sy_payment_finding_class_init (SyPaymentFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  /* Written once by the audit, read-only afterwards. */
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sy_payment_finding_finalize;
  object_class->get_property = sy_payment_finding_get_property;
  object_class->set_property = sy_payment_finding_set_property;

  properties[PROP_PROBLEM] =
    g_param_spec_int ("problem", NULL, NULL, SY_PAYMENT_MISSED, SY_PAYMENT_LATE,
                      SY_PAYMENT_MISSED, flags);
  properties[PROP_PROBLEM_LABEL] =
    g_param_spec_string ("problem-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECIPIENT_ID] =
    g_param_spec_int64 ("recipient-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ID_NUMBER] = g_param_spec_string ("id-number", NULL, NULL, NULL, flags);
  properties[PROP_VILLAGE] = g_param_spec_string ("village", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_EXPECTED_FEN] =
    g_param_spec_int64 ("expected-fen", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_PAID_FEN] =
    g_param_spec_int64 ("paid-fen", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_PAID_DATE] = g_param_spec_string ("paid-date", NULL, NULL, NULL, flags);
  properties[PROP_DUE_DATE] = g_param_spec_string ("due-date", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sy_payment_finding_init (SyPaymentFinding *self)
{
}

SyPaymentProblem
sy_payment_finding_get_problem (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), SY_PAYMENT_MISSED);
  return self->problem;
}

const char *
sy_payment_finding_get_problem_label (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), NULL);

  switch (self->problem)
    {
    case SY_PAYMENT_MISSED:
      /* TRANSLATORS: payment audit: due, nothing paid (已漏发) */
      return _("Missed");
    case SY_PAYMENT_UNDERPAID:
      /* TRANSLATORS: payment audit: paid less than due (未足额) */
      return _("Underpaid");
    case SY_PAYMENT_LATE:
      /* TRANSLATORS: payment audit: paid in full after the deadline (未及时) */
      return _("Late");
    default:
      return "";
    }
}

gint64
sy_payment_finding_get_recipient_id (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), 0);
  return self->recipient_id;
}

const char *
sy_payment_finding_get_name (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), NULL);
  return self->name;
}

const char *
sy_payment_finding_get_id_number (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), NULL);
  return self->id_number;
}

const char *
sy_payment_finding_get_village (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), NULL);
  return self->village;
}

const char *
sy_payment_finding_get_kind (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), NULL);
  return self->kind;
}

const char *
sy_payment_finding_get_category (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), NULL);
  return self->category;
}

gint64
sy_payment_finding_get_expected_fen (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), 0);
  return self->expected_fen;
}

gint64
sy_payment_finding_get_paid_fen (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), 0);
  return self->paid_fen;
}

const char *
sy_payment_finding_get_paid_date (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), NULL);
  return self->paid_date;
}

const char *
sy_payment_finding_get_due_date (SyPaymentFinding *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_FINDING (self), NULL);
  return self->due_date;
}
