/* sy-year-report.c: counting a year for the 年终总结 draft */
#include "sy-year-report.h"

#include <string.h>
#include <libgda/libgda.h>

#include "sy-error.h"
#include "sy-payment-audit.h"
#include "sy-plan-repo.h"

#define WELFARE_KIND "慰问金"

static void
kind_count_free (gpointer data)
{
  SyYearKindCount *k = data;

  g_free (k->kind);
  g_free (k);
}

static void
open_item_free (gpointer data)
{
  SyYearOpenItem *item = data;

  g_free (item->label);
  g_free (item->title);
  g_free (item->plan_title);
  g_free (item);
}

void
sy_year_report_free (SyYearReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->open_items, g_ptr_array_unref);
  g_clear_pointer (&report->kinds, g_ptr_array_unref);
  g_free (report);
}

static char *
string_at (GdaDataModel *model, int col, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, col, row, NULL);
  return v != NULL && G_VALUE_HOLDS_STRING (v) ? g_value_dup_string (v) : g_strdup ("");
}

static gint64
int64_at (GdaDataModel *model, int col, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, col, row, NULL);

  if (v == NULL || !G_VALUE_HOLDS_INT64 (v))
    return 0;
  return g_value_get_int64 (v);
}

/* Walks the children of @parent (0: the top) in position order, depth
 * first, adding the leaves not done. */
static void
add_open_leaves (SyYearReport *report, GdaDataModel *items, GHashTable *progress,
                 gint64 parent, const char *plan_title, guint depth)
{
  int n_rows = gda_data_model_get_n_rows (items);

  if (depth > 32)   /* a cycle in damaged data must not recurse forever */
    return;
  for (int row = 0; row < n_rows; row++)
    {
      gint64 id = int64_at (items, 0, row);
      const SyPlanProgress *item;
      gboolean leaf = TRUE;

      if (int64_at (items, 1, row) != parent)
        continue;
      for (int other = 0; other < n_rows && leaf; other++)
        leaf = int64_at (items, 1, other) != id;
      if (!leaf)
        {
          add_open_leaves (report, items, progress, id, plan_title, depth + 1);
          continue;
        }
      item = g_hash_table_lookup (progress, &id);
      if (item != NULL && item->total > 0 && item->done < item->total)
        {
          g_autofree char *title = string_at (items, 3, row);
          SyYearOpenItem *open = g_new0 (SyYearOpenItem, 1);

          open->label = string_at (items, 2, row);
          open->title = sy_plan_item_title_line (title);
          open->plan_title = g_strdup (plan_title);
          g_ptr_array_add (report->open_items, open);
        }
    }
}

static gboolean
read_plans (SyYearReport *report, SyDatabase *db, const char *today, GError **error)
{
  static const GType plan_types[] = { G_TYPE_INT64, G_TYPE_STRING, G_TYPE_NONE };
  static const GType item_types[] = { G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(SyPlanRepo) repo = sy_plan_repo_new (db);
  g_autoptr(GdaDataModel) plans = NULL;

  plans = sy_database_select (db, "SELECT id, title FROM plan WHERE year = ##year::gint ORDER BY id",
                              plan_types, error, "year", G_TYPE_INT, report->year, NULL);
  if (plans == NULL)
    return FALSE;
  report->n_plans = gda_data_model_get_n_rows (plans);
  for (guint p = 0; p < report->n_plans; p++)
    {
      gint64 plan_id = int64_at (plans, 0, p);
      g_autofree char *plan_title = string_at (plans, 1, p);
      g_autoptr(GHashTable) progress = NULL;
      g_autoptr(GdaDataModel) leaves = NULL;
      SyPlanProgress whole = { 0, 0 };

      progress = sy_plan_repo_progress (repo, plan_id, today, &whole, error);
      if (progress == NULL)
        return FALSE;
      report->items_done += whole.done;
      report->items_total += whole.total;

      /* The leaves not done, in outline order: a leaf's own progress is
       * 0/1 when it counts and is not done. */
      leaves = sy_database_select (db,
                                   "SELECT id, parent_id, label, title FROM plan_item"
                                   " WHERE plan_id = ##plan::gint64 ORDER BY position, id",
                                   item_types, error, "plan", G_TYPE_INT64, plan_id, NULL);
      if (leaves == NULL)
        return FALSE;
      add_open_leaves (report, leaves, progress, 0, plan_title, 0);
    }
  return TRUE;
}

static int
compare_kinds (gconstpointer a, gconstpointer b)
{
  const SyYearKindCount *x = *(SyYearKindCount * const *) a;
  const SyYearKindCount *y = *(SyYearKindCount * const *) b;

  if (x->months[0] != y->months[0])
    return x->months[0] > y->months[0] ? -1 : 1;
  return strcmp (x->kind, y->kind);
}

static gboolean
read_events (SyYearReport *report, SyDatabase *db, const char *from, const char *to,
             GError **error)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_NONE };
  static const GType head_types[] = { G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = NULL;
  g_autoptr(GdaDataModel) heads = NULL;
  g_autoptr(GHashTable) by_kind = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 value;

  model = sy_database_select (db,
                              "SELECT kind, substr(date, 6, 2) AS month, COUNT(*) FROM event"
                              " WHERE date >= ##from::string AND date < ##to::string"
                              " GROUP BY kind, month",
                              types, error, "from", G_TYPE_STRING, from, "to", G_TYPE_STRING, to, NULL);
  if (model == NULL)
    return FALSE;
  for (int row = 0; row < gda_data_model_get_n_rows (model); row++)
    {
      g_autofree char *kind = string_at (model, 0, row);
      g_autofree char *month_text = string_at (model, 1, row);
      gint64 month = g_ascii_strtoll (month_text, NULL, 10);
      guint n = (guint) int64_at (model, 2, row);
      SyYearKindCount *k = g_hash_table_lookup (by_kind, kind);

      if (k == NULL)
        {
          k = g_new0 (SyYearKindCount, 1);
          k->kind = g_steal_pointer (&kind);
          g_hash_table_insert (by_kind, k->kind, k);
          g_ptr_array_add (report->kinds, k);
        }
      if (month >= 1 && month <= 12)
        k->months[month] += n;
      k->months[0] += n;
      report->n_events += n;
    }
  g_ptr_array_sort (report->kinds, compare_kinds);

  heads = sy_database_select (db,
                              "SELECT SUM(leaders), SUM(soldiers), SUM(civilians) FROM event"
                              " WHERE date >= ##from::string AND date < ##to::string",
                              head_types, error, "from", G_TYPE_STRING, from, "to", G_TYPE_STRING, to, NULL);
  if (heads == NULL)
    return FALSE;
  report->leaders = int64_at (heads, 0, 0);
  report->soldiers = int64_at (heads, 1, 0);
  report->civilians = int64_at (heads, 2, 0);

#define COUNT(field, sql)                                                              \
  if (!sy_database_query_int64 (db, &value, sql, error, "from", G_TYPE_STRING, from,   \
                                "to", G_TYPE_STRING, to, NULL))                        \
    return FALSE;                                                                      \
  report->field = value;
#define OF_YEAR " JOIN event e ON e.id = x.event_id WHERE e.date >= ##from::string AND e.date < ##to::string"

  COUNT (n_visits, "SELECT COUNT(*) FROM event_recipient x" OF_YEAR);
  COUNT (n_people, "SELECT COUNT(*) FROM (SELECT DISTINCT x.recipient_id FROM event_recipient x"
                   OF_YEAR ") AS people");
  /* SUM of no rows is NULL, which query_int64 reads as 0. */
  COUNT (visit_money_fen, "SELECT SUM(x.money_fen) FROM event_recipient x" OF_YEAR);
  COUNT (n_photos, "SELECT COUNT(*) FROM event_photo x" OF_YEAR);
  COUNT (n_ledger_photos, "SELECT COUNT(*) FROM event_photo x" OF_YEAR " AND x.in_ledger <> 0");
#undef OF_YEAR
#undef COUNT
  return TRUE;
}

static gboolean
read_welfare (SyYearReport *report, SyDatabase *db, const char *today,
              GCancellable *cancellable, GError **error)
{
  g_autoptr(SyPaymentAudit) audit = sy_payment_audit_new (db, report->year);

  sy_payment_audit_set_today (audit, today);
  if (!sy_payment_audit_run (audit, cancellable, error))
    return FALSE;
  for (guint i = 0; i < sy_payment_audit_get_n_kinds (audit); i++)
    if (strcmp (sy_payment_audit_get_kind (audit, i), WELFARE_KIND) == 0)
      report->welfare_paid_fen = sy_payment_audit_get_paid (audit, (int) i, 0);
  return TRUE;
}

SyYearReport *
sy_year_report_gather (SyDatabase    *db,
                       int            year,
                       const char    *today,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(SyYearReport) report = NULL;
  g_autofree char *from = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *to = g_strdup_printf ("%04d-01-01", year + 1);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", year);
  g_autofree char *now = NULL;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (today == NULL)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_now_local ();
      today = now = g_date_time_format (dt, "%Y-%m-%d");
    }
  report = g_new0 (SyYearReport, 1);
  report->year = year;
  report->open_items = g_ptr_array_new_with_free_func (open_item_free);
  report->kinds = g_ptr_array_new_with_free_func (kind_count_free);

  /* Progress as of the year's end, or now for the running year. */
  if (!read_plans (report, db, strcmp (today, last) < 0 ? today : last, error)
      || g_cancellable_set_error_if_cancelled (cancellable, error)
      || !read_events (report, db, from, to, error)
      || !read_welfare (report, db, today, cancellable, error))
    return NULL;
  return g_steal_pointer (&report);
}
