/* sy-payment-audit.c: "按标准及时足额" — was everyone paid, on time, in full?
 *
 * What is due comes from the same computation that makes the runs
 * (sy_run_repo_compute, SY_RUN_COMPUTE_ENTITLEMENT), so the audit cannot
 * disagree with the rules a run applies.  What was paid comes from the
 * lines of paid runs and, for 慰问金, from the visits.  Everything is summed
 * per person × kind in one pass over each source, then compared.
 *
 * Money is spread over months exactly (integer 分, the remainder going to
 * the later months), so month totals always add up to the year's.  Months
 * whose due date is after the audit's day ("today" unless set) are not due
 * yet and count in no expected amount: an audit of the running year does not
 * call everyone underpaid for December.  Visits have no run and no deadline:
 * their money is never late.
 */
#include "sy-payment-audit.h"
#include "sy-run-repo.h"
#include "sy-table-writer.h"
#include "sy-export-file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

/* The kind whose money is also given on visits (event_recipient.money_fen). */
#define VISIT_KIND            "慰问金"
#define DEADLINE_SETTING      "payment_deadline_days"
#define DEFAULT_DEADLINE_DAYS SY_PAYMENT_DEADLINE_DEFAULT

/* Totals of one kind; index 0 the year, 1–12 the months. */
typedef struct {
  char   *kind;
  int     deadline_days;
  gint64  expected[13];
  gint64  paid[13];
} KindTotals;

/* One person × kind. */
typedef struct {
  gint64      recipient_id;
  KindTotals *totals;
  char       *name;
  char       *id_number;
  char       *village;
  GPtrArray  *categories;   /* distinct, in order met */
  gint64      expected;
  gint64      paid;
  char       *first_due;    /* due date of the first month counted as expected */
  char       *paid_date;    /* latest */
  char       *late_due;     /* due date of the first line paid after it, or NULL */
} Entry;

struct _SyPaymentAudit
{
  GObject parent_instance;

  SyDatabase *db;
  int         year;
  char       *today;           /* set for tests and reports "as of"; NULL = the real today */
  char       *as_of;           /* the day of the last run */

  GHashTable *totals_by_kind;  /* kind → KindTotals (owned) */
  GPtrArray  *kinds;           /* KindTotals *, sorted by kind */
  GHashTable *entries;         /* "id|kind" → Entry (owned) */
  GListStore *findings;
  guint       n_checked;
  guint       n_ok;
};

G_DEFINE_FINAL_TYPE (SyPaymentAudit, sy_payment_audit, G_TYPE_OBJECT)

static void
kind_totals_free (gpointer data)
{
  KindTotals *t = data;

  g_free (t->kind);
  g_free (t);
}

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->name);
  g_free (e->id_number);
  g_free (e->village);
  g_ptr_array_unref (e->categories);
  g_free (e->first_due);
  g_free (e->paid_date);
  g_free (e->late_due);
  g_free (e);
}

static void
sy_payment_audit_finalize (GObject *object)
{
  SyPaymentAudit *self = SY_PAYMENT_AUDIT (object);

  g_clear_object (&self->db);
  g_free (self->today);
  g_free (self->as_of);
  g_hash_table_unref (self->entries);
  g_ptr_array_unref (self->kinds);
  g_hash_table_unref (self->totals_by_kind);
  g_clear_object (&self->findings);

  G_OBJECT_CLASS (sy_payment_audit_parent_class)->finalize (object);
}

static void
sy_payment_audit_class_init (SyPaymentAuditClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_payment_audit_finalize;
}

static void
sy_payment_audit_init (SyPaymentAudit *self)
{
  self->totals_by_kind = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, kind_totals_free);
  self->kinds = g_ptr_array_new ();
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  self->findings = g_list_store_new (SY_TYPE_PAYMENT_FINDING);
}

SyPaymentAudit *
sy_payment_audit_new (SyDatabase *db,
                      int         year)
{
  SyPaymentAudit *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_PAYMENT_AUDIT, NULL);
  self->db = g_object_ref (db);
  self->year = year;
  return self;
}

int
sy_payment_audit_get_year (SyPaymentAudit *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT (self), 0);
  return self->year;
}

void
sy_payment_audit_set_today (SyPaymentAudit *self,
                            const char     *date)
{
  g_return_if_fail (SY_IS_PAYMENT_AUDIT (self));

  g_free (self->today);
  self->today = g_strdup (date);
}

/* --- helpers --------------------------------------------------------------- */

/* The date @days after the first day of month @index, "YYYY-MM-DD". */
static char *
due_date (int index, int days)
{
  g_autoptr(GDate) date = NULL;

  /* Months come from stored YYYY-MM text: a year GDate cannot hold is
   * damaged data, and a date no one reaches judges nothing by it. */
  if (!g_date_valid_dmy (1, sy_month_month (index), sy_month_year (index)))
    return g_strdup ("9999-12-31");
  date = g_date_new_dmy (1, sy_month_month (index), sy_month_year (index));
  g_date_add_days (date, days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* The share of @amount for month @i of @n: the shares add up to @amount
 * exactly, the remainder going to the later months. */
static gint64
month_share (gint64 amount, int i, int n)
{
  return amount * (i + 1) / n - amount * i / n;
}

/* Compares "YYYY-MM-DD" with anything longer ("…T10:00:00") by the date. */
static int
date_cmp (const char *a, const char *b)
{
  return strncmp (a, b, 10);
}

/* @text is stripped in place. */
static gboolean
parse_days (char *text, int *days)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL)
    return FALSE;
  errno = 0;
  value = g_ascii_strtoll (g_strstrip (text), &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < 0 || value > 3660)
    return FALSE;
  *days = (int) value;
  return TRUE;
}

static char *
deadline_key (const char *kind)
{
  return kind != NULL ? g_strdup_printf ("%s.%s", DEADLINE_SETTING, kind) : g_strdup (DEADLINE_SETTING);
}

gboolean
sy_payment_audit_get_deadline_setting (SyDatabase *db, const char *kind, int *days, GError **error)
{
  g_autofree char *key = deadline_key (kind);
  g_autofree char *value = NULL;

  g_return_val_if_fail (SY_IS_DATABASE (db), FALSE);

  value = sy_database_get_setting (db, key);
  *days = -1;
  if (value == NULL || *value == '\0')
    return TRUE;
  if (!parse_days (value, days))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The setting %s is “%s”: it must be a number of days (0–3660)."), key, value);
      return FALSE;
    }
  return TRUE;
}

/* payment_deadline_days.<kind>, else payment_deadline_days, else 31. */
gboolean
sy_payment_audit_get_deadline (SyDatabase *db, const char *kind, int *days, GError **error)
{
  if (kind != NULL && !sy_payment_audit_get_deadline_setting (db, kind, days, error))
    return FALSE;
  if ((kind == NULL || *days < 0) && !sy_payment_audit_get_deadline_setting (db, NULL, days, error))
    return FALSE;
  if (*days < 0)
    *days = DEFAULT_DEADLINE_DAYS;
  return TRUE;
}

gboolean
sy_payment_audit_set_deadline (SyDatabase *db, const char *kind, int days, GError **error)
{
  g_autofree char *key = deadline_key (kind);
  g_autofree char *value = NULL;
  g_autofree char *details = NULL;
  g_autofree char *json_key = NULL;

  g_return_val_if_fail (SY_IS_DATABASE (db), FALSE);

  if (days < -1 || days > SY_PAYMENT_DEADLINE_MAX)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("A deadline is a number of days from 0 to %d, not %d."),
                   SY_PAYMENT_DEADLINE_MAX, days);
      return FALSE;
    }
  if (days >= 0)
    value = g_strdup_printf ("%d", days);
  json_key = sy_export_json_string (key);
  details = g_strdup_printf ("{\"key\":%s,\"days\":%s}", json_key, value != NULL ? value : "null");
  if (!sy_database_begin (db, error))
    return FALSE;
  if (!sy_database_set_setting (db, key, value, error)
      || !sy_database_audit_event (db, "update", "payment_deadline", 0, details, error))
    {
      sy_database_rollback (db);
      return FALSE;
    }
  return sy_database_commit (db, error);
}

static KindTotals *
totals_for (SyPaymentAudit *self, const char *kind, GError **error)
{
  KindTotals *t = g_hash_table_lookup (self->totals_by_kind, kind);

  if (t != NULL)
    return t;
  t = g_new0 (KindTotals, 1);
  t->kind = g_strdup (kind);
  if (!sy_payment_audit_get_deadline (self->db, kind, &t->deadline_days, error))
    {
      kind_totals_free (t);
      return NULL;
    }
  g_hash_table_insert (self->totals_by_kind, t->kind, t);
  return t;
}

static Entry *
entry_for (SyPaymentAudit *self, gint64 recipient_id, KindTotals *totals)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "|%s", recipient_id, totals->kind);
  Entry *e = g_hash_table_lookup (self->entries, key);

  if (e != NULL)
    return e;
  e = g_new0 (Entry, 1);
  e->recipient_id = recipient_id;
  e->totals = totals;
  e->categories = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_insert (self->entries, g_steal_pointer (&key), e);
  return e;
}

static void
entry_add_category (Entry *e, const char *category)
{
  if (category == NULL || *category == '\0')
    return;
  for (guint i = 0; i < e->categories->len; i++)
    if (strcmp (g_ptr_array_index (e->categories, i), category) == 0)
      return;
  g_ptr_array_add (e->categories, g_strdup (category));
}

static void
entry_note_paid (Entry *e, const char *date, gint64 amount)
{
  e->paid += amount;
  if (date != NULL && (e->paid_date == NULL || date_cmp (date, e->paid_date) > 0))
    {
      g_free (e->paid_date);
      e->paid_date = g_strndup (date, 10);
    }
}

static void
reset (SyPaymentAudit *self)
{
  g_hash_table_remove_all (self->entries);
  g_ptr_array_set_size (self->kinds, 0);
  g_hash_table_remove_all (self->totals_by_kind);
  g_list_store_remove_all (self->findings);
  self->n_checked = self->n_ok = 0;
}

static const char *
string_at (GdaDataModel *model, int col, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, col, row, NULL);

  return v != NULL && G_VALUE_HOLDS_STRING (v) ? g_value_get_string (v) : NULL;
}

static gint64
int64_at (GdaDataModel *model, int col, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, col, row, NULL);

  if (v == NULL)
    return 0;
  if (G_VALUE_HOLDS_INT64 (v))
    return g_value_get_int64 (v);
  if (G_VALUE_HOLDS_INT (v))
    return g_value_get_int (v);
  return 0;
}

static gboolean
check_cancelled (GCancellable *cancellable, GError **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, SY_ERROR, SY_ERROR_CANCELLED, _("The payment audit was cancelled."));
  return TRUE;
}

/* --- what is due ------------------------------------------------------------ */

static gboolean
read_expected (SyPaymentAudit *self,
               SyRunRepo      *repo,
               const char     *kind,
               GError        **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *period = g_strdup_printf ("%d", self->year);
  int year_first = sy_month_index (self->year, 1);
  int year_last = sy_month_index (self->year, 12);
  KindTotals *totals;

  if (!sy_run_repo_compute (repo, kind, period, SY_RUN_COMPUTE_ENTITLEMENT, 0, &lines, NULL, error))
    return FALSE;
  totals = totals_for (self, kind, error);
  if (totals == NULL)
    return FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      SyDisbursementLine *line = g_ptr_array_index (lines, i);
      gint64 amount = sy_disbursement_line_get_amount_fen (line);
      int first = sy_month_from_iso (sy_disbursement_line_get_first_month (line));
      int last = sy_month_from_iso (sy_disbursement_line_get_last_month (line));
      gboolean one_off = sy_disbursement_line_get_months (line) == 0;
      Entry *e;
      int n;

      if (first < 0)
        first = year_first;
      if (last < first)
        last = first;
      first = MAX (first, year_first);
      last = MIN (last, year_last);
      if (one_off)
        last = first;
      n = last - first + 1;
      if (n <= 0)
        continue;

      e = entry_for (self, sy_disbursement_line_get_recipient_id (line), totals);
      if (e->name == NULL)
        {
          e->name = g_strdup (sy_disbursement_line_get_recipient_name (line));
          e->id_number = g_strdup (sy_disbursement_line_get_id_number (line));
          e->village = g_strdup (sy_disbursement_line_get_village (line));
        }
      entry_add_category (e, sy_disbursement_line_get_category (line));

      for (int m = 0; m < n; m++)
        {
          gint64 share = month_share (amount, m, n);
          g_autofree char *due = due_date (first + m, totals->deadline_days);

          if (date_cmp (due, self->as_of) > 0)
            continue;  /* not due yet */
          e->expected += share;
          totals->expected[0] += share;
          totals->expected[sy_month_month (first + m)] += share;
          if (e->first_due == NULL || date_cmp (due, e->first_due) < 0)
            {
              g_free (e->first_due);
              e->first_due = g_steal_pointer (&due);
            }
        }
    }
  return TRUE;
}

/* --- what was paid ------------------------------------------------------------ */

static gboolean
read_paid_lines (SyPaymentAudit *self, GError **error)
{
  static const GType types[] = {
    G_TYPE_INT64, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING,
    G_TYPE_INT, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE
  };
  g_autoptr(GdaDataModel) model = NULL;
  g_autofree char *from = g_strdup_printf ("%04d-01", self->year);
  g_autofree char *to = g_strdup_printf ("%04d-12", self->year);
  int year_first = sy_month_index (self->year, 1);
  int year_last = sy_month_index (self->year, 12);
  int n_rows;

  /* A re-issue line pays the months of the line it re-pays; lines written
   * before months were kept (NULL) fall back to the run's period below. */
  model = sy_database_select (self->db,
                              "SELECT l.recipient_id, b.kind, l.amount_fen,"
                              " COALESCE (l.first_month, s.first_month),"
                              " COALESCE (l.last_month, s.last_month, l.first_month, s.first_month),"
                              " l.months, b.period, b.paid_date"
                              " FROM disbursement_line l"
                              " JOIN disbursement_batch b ON b.id = l.batch_id"
                              " LEFT JOIN disbursement_line s ON s.id = l.source_line_id"
                              " WHERE b.state = 'paid' AND l.status = 'paid'"
                              " AND (COALESCE (l.first_month, s.first_month) IS NULL"
                              "  OR (COALESCE (l.first_month, s.first_month) <= ##to::string"
                              "      AND COALESCE (l.last_month, s.last_month, l.first_month, s.first_month)"
                              "          >= ##from::string))"
                              " ORDER BY l.id",
                              types, error,
                              "from", G_TYPE_STRING, from,
                              "to", G_TYPE_STRING, to,
                              NULL);
  if (model == NULL)
    return FALSE;

  n_rows = gda_data_model_get_n_rows (model);
  for (int row = 0; row < n_rows; row++)
    {
      const char *kind = string_at (model, 1, row);
      gint64 amount = int64_at (model, 2, row);
      int first = sy_month_from_iso (string_at (model, 3, row));
      int last = sy_month_from_iso (string_at (model, 4, row));
      gboolean one_off = int64_at (model, 5, row) == 0;
      const char *paid_date = string_at (model, 7, row);
      g_autofree char *due = NULL;
      KindTotals *totals;
      Entry *e;
      gint64 in_year = 0;
      int n;

      if (kind == NULL)
        continue;
      if (first < 0)
        {
          SyPeriod period;

          if (!sy_period_parse (string_at (model, 6, row), &period, NULL))
            continue;  /* neither months nor a readable period: nothing to place it in */
          first = period.first;
          last = period.last;
        }
      if (last < first)
        last = first;
      if (one_off)
        last = first;
      if (last < year_first || first > year_last)
        continue;

      totals = totals_for (self, kind, error);
      if (totals == NULL)
        return FALSE;
      n = last - first + 1;
      for (int m = 0; m < n; m++)
        if (first + m >= year_first && first + m <= year_last)
          in_year += month_share (amount, m, n);

      e = entry_for (self, int64_at (model, 0, row), totals);
      entry_note_paid (e, paid_date, in_year);
      totals->paid[0] += in_year;
      if (paid_date != NULL && strlen (paid_date) >= 7
          && sy_month_year (sy_month_from_iso (paid_date)) == self->year)
        totals->paid[sy_month_month (sy_month_from_iso (paid_date))] += in_year;

      /* Late: paid after the first day of the line's first month plus the
       * kind's deadline.  A paid run always has its date; one without is
       * not judged. */
      due = due_date (first, totals->deadline_days);
      if (paid_date != NULL && date_cmp (paid_date, due) > 0 && e->late_due == NULL)
        {
          e->late_due = g_steal_pointer (&due);
        }
    }
  return TRUE;
}

static gboolean
read_visits (SyPaymentAudit *self, GError **error)
{
  static const GType types[] = { G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = NULL;
  g_autofree char *from = g_strdup_printf ("%04d-01-01", self->year);
  g_autofree char *to = g_strdup_printf ("%04d-01-01", self->year + 1);
  KindTotals *totals = NULL;
  int n_rows;

  model = sy_database_select (self->db,
                              "SELECT er.recipient_id, er.money_fen, e.date"
                              " FROM event_recipient er JOIN event e ON e.id = er.event_id"
                              " WHERE er.money_fen > 0"
                              " AND e.date >= ##from::string AND e.date < ##to::string"
                              " ORDER BY er.id",
                              types, error,
                              "from", G_TYPE_STRING, from,
                              "to", G_TYPE_STRING, to,
                              NULL);
  if (model == NULL)
    return FALSE;

  n_rows = gda_data_model_get_n_rows (model);
  for (int row = 0; row < n_rows; row++)
    {
      const char *date = string_at (model, 2, row);
      gint64 amount = int64_at (model, 1, row);
      int month = sy_month_from_iso (date);
      Entry *e;

      if (totals == NULL && (totals = totals_for (self, VISIT_KIND, error)) == NULL)
        return FALSE;
      e = entry_for (self, int64_at (model, 0, row), totals);
      entry_note_paid (e, date, amount);
      totals->paid[0] += amount;
      if (month >= 0)
        totals->paid[sy_month_month (month)] += amount;
    }
  return TRUE;
}

/* --- comparing ------------------------------------------------------------------ */

static int
compare_findings (gconstpointer a, gconstpointer b, gpointer user_data)
{
  SyPaymentFinding *fa = (SyPaymentFinding *) a;
  SyPaymentFinding *fb = (SyPaymentFinding *) b;
  gint64 ia, ib;
  int c;

  if ((c = (int) sy_payment_finding_get_problem (fa) - (int) sy_payment_finding_get_problem (fb)))
    return c;
  if ((c = g_strcmp0 (sy_payment_finding_get_village (fa), sy_payment_finding_get_village (fb))))
    return c;
  if ((c = g_strcmp0 (sy_payment_finding_get_name (fa), sy_payment_finding_get_name (fb))))
    return c;
  if ((c = g_strcmp0 (sy_payment_finding_get_kind (fa), sy_payment_finding_get_kind (fb))))
    return c;
  ia = sy_payment_finding_get_recipient_id (fa);
  ib = sy_payment_finding_get_recipient_id (fb);
  return ia < ib ? -1 : ia > ib;
}

static int
compare_kinds (gconstpointer a, gconstpointer b)
{
  const KindTotals *ka = *(const KindTotals * const *) a;
  const KindTotals *kb = *(const KindTotals * const *) b;

  return strcmp (ka->kind, kb->kind);
}

static void
compare (SyPaymentAudit *self)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *e = value;
      SyPaymentProblem problem;
      g_autofree char *category = NULL;
      const char *due;

      /* Paid without being due (a one-off gift, a visit) is not checked. */
      if (e->expected <= 0)
        continue;
      self->n_checked++;
      if (e->paid <= 0)
        problem = SY_PAYMENT_MISSED;
      else if (e->paid < e->expected)
        problem = SY_PAYMENT_UNDERPAID;
      else if (e->late_due != NULL)
        problem = SY_PAYMENT_LATE;
      else
        {
          self->n_ok++;
          continue;
        }

      g_ptr_array_add (e->categories, NULL);
      category = g_strjoinv ("、", (char **) e->categories->pdata);
      g_ptr_array_set_size (e->categories, e->categories->len - 1);
      due = problem == SY_PAYMENT_LATE ? e->late_due : e->first_due;
      g_ptr_array_add (findings,
                       g_object_new (SY_TYPE_PAYMENT_FINDING,
                                     "problem", (int) problem,
                                     "recipient-id", (gint64) e->recipient_id,
                                     "name", e->name,
                                     "id-number", e->id_number,
                                     "village", e->village,
                                     "kind", e->totals->kind,
                                     "category", category,
                                     "expected-fen", (gint64) e->expected,
                                     "paid-fen", (gint64) e->paid,
                                     "paid-date", e->paid_date,
                                     "due-date", due,
                                     NULL));
    }

  g_list_store_splice (self->findings, 0, 0, findings->pdata, findings->len);
  g_list_store_sort (self->findings, compare_findings, NULL);
}

gboolean
sy_payment_audit_run (SyPaymentAudit *self,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(SyRunRepo) repo = NULL;
  g_auto(GStrv) kinds = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reset (self);
  if (self->year < 1900 || self->year > 2200)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%d is not a year the payment audit can check (1900–2200)."), self->year);
      return FALSE;
    }
  g_clear_pointer (&self->as_of, g_free);
  if (self->today != NULL)
    self->as_of = g_strdup (self->today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      self->as_of = g_date_time_format (now, "%Y-%m-%d");
    }

  repo = sy_run_repo_new (self->db);
  kinds = sy_run_repo_list_kinds (repo, error);
  if (kinds == NULL)
    goto failed;
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      if (check_cancelled (cancellable, error) || !read_expected (self, repo, kinds[i], error))
        goto failed;
    }
  if (check_cancelled (cancellable, error) || !read_paid_lines (self, error)
      || check_cancelled (cancellable, error) || !read_visits (self, error))
    goto failed;

  g_hash_table_iter_init (&iter, self->totals_by_kind);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (self->kinds, value);
  g_ptr_array_sort (self->kinds, compare_kinds);
  compare (self);
  return TRUE;

failed:
  reset (self);
  return FALSE;
}

guint
sy_payment_audit_get_n_kinds (SyPaymentAudit *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT (self), 0);
  return self->kinds->len;
}

const char *
sy_payment_audit_get_kind (SyPaymentAudit *self,
                           guint           index)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT (self), NULL);
  g_return_val_if_fail (index < self->kinds->len, NULL);
  return ((KindTotals *) g_ptr_array_index (self->kinds, index))->kind;
}

static gint64
total (SyPaymentAudit *self, int kind_index, int month, gboolean paid)
{
  gint64 sum = 0;

  g_return_val_if_fail (month >= 0 && month <= 12, 0);
  g_return_val_if_fail (kind_index >= -1 && kind_index < (int) self->kinds->len, 0);

  for (guint i = 0; i < self->kinds->len; i++)
    if (kind_index < 0 || (guint) kind_index == i)
      {
        KindTotals *t = g_ptr_array_index (self->kinds, i);
        sum += paid ? t->paid[month] : t->expected[month];
      }
  return sum;
}

gint64
sy_payment_audit_get_expected (SyPaymentAudit *self,
                               int             kind_index,
                               int             month)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT (self), 0);
  return total (self, kind_index, month, FALSE);
}

gint64
sy_payment_audit_get_paid (SyPaymentAudit *self,
                           int             kind_index,
                           int             month)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT (self), 0);
  return total (self, kind_index, month, TRUE);
}

guint
sy_payment_audit_get_n_checked (SyPaymentAudit *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT (self), 0);
  return self->n_checked;
}

guint
sy_payment_audit_get_n_ok (SyPaymentAudit *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT (self), 0);
  return self->n_ok;
}

GListModel *
sy_payment_audit_get_findings (SyPaymentAudit *self)
{
  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT (self), NULL);
  return G_LIST_MODEL (self->findings);
}

/* --- export ---------------------------------------------------------------------- */

/* The export is a document in Chinese whatever the UI language, like the
 * recipient export's column titles.  Full ID numbers: an internal list. */
static const SyTableColumn export_columns[] = {
  { "问题", 8, SY_TABLE_TEXT },
  { "姓名", 10, SY_TABLE_TEXT },
  { "身份证号", 21, SY_TABLE_TEXT },
  { "所属村（社区）", 16, SY_TABLE_TEXT },
  { "类型", 18, SY_TABLE_TEXT },
  { "优抚类别", 18, SY_TABLE_TEXT },
  { "应发金额（元）", 14, SY_TABLE_MONEY },
  { "实发金额（元）", 14, SY_TABLE_MONEY },
  { "差额（元）", 12, SY_TABLE_MONEY },
  { "发放日期", 12, SY_TABLE_TEXT },
  { "应发放日期", 12, SY_TABLE_TEXT },
};

static const SyTableLayout export_layout = {
  .sheet = "按标准及时足额",
  .columns = export_columns,
  .n_columns = G_N_ELEMENTS (export_columns),
  .autofilter = TRUE,
};

static const char *
problem_word (SyPaymentProblem problem)
{
  switch (problem)
    {
    case SY_PAYMENT_MISSED: return "已漏发";
    case SY_PAYMENT_UNDERPAID: return "未足额";
    case SY_PAYMENT_LATE: return "未及时";
    default: return "";
    }
}

static void
write_finding (SyTableWriter *writer, SyPaymentFinding *f)
{
  gint64 expected = sy_payment_finding_get_expected_fen (f);
  gint64 paid = sy_payment_finding_get_paid_fen (f);

  sy_table_writer_add_text (writer, problem_word (sy_payment_finding_get_problem (f)));
  sy_table_writer_add_text (writer, sy_payment_finding_get_name (f));
  sy_table_writer_add_text (writer, sy_payment_finding_get_id_number (f));
  sy_table_writer_add_text (writer, sy_payment_finding_get_village (f));
  sy_table_writer_add_text (writer, sy_payment_finding_get_kind (f));
  sy_table_writer_add_text (writer, sy_payment_finding_get_category (f));
  sy_table_writer_add_money (writer, expected);
  sy_table_writer_add_money (writer, paid);
  sy_table_writer_add_money (writer, MAX (expected - paid, 0));
  sy_table_writer_add_text (writer, sy_payment_finding_get_paid_date (f));
  sy_table_writer_add_text (writer, sy_payment_finding_get_due_date (f));
}

gboolean
sy_payment_audit_export (SyPaymentAudit *self,
                         const char     *path,
                         GError        **error)
{
  GListModel *findings;
  g_autoptr(SyTableWriter) writer = NULL;
  g_autofree char *members = NULL;
  gboolean xlsx, known;
  guint n;

  g_return_val_if_fail (SY_IS_PAYMENT_AUDIT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  xlsx = sy_table_writer_path_is_xlsx (path, &known);
  if (!known)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s: the file name must end in .csv or .xlsx."), path);
      return FALSE;
    }

  findings = G_LIST_MODEL (self->findings);
  n = g_list_model_get_n_items (findings);
  writer = sy_table_writer_new (path, xlsx, &export_layout, n, error);
  if (writer == NULL)
    return FALSE;
  for (guint row = 0; row < n; row++)
    {
      g_autoptr(SyPaymentFinding) f = g_list_model_get_item (findings, row);

      write_finding (writer, f);
      if (!sy_table_writer_end_row (writer, error))
        return FALSE;
    }
  members = g_strdup_printf ("\"profile\":\"internal\",\"year\":%d,\"rows\":%u", self->year, n);
  return sy_table_writer_finish (writer, error)
         && sy_table_writer_commit (writer, self->db, "payment_audit", 0, members, error);
}
