/* bench/search.c: search-as-you-type over 100 000 recipients (issue 3)
 *
 *   search [--db DIR] [--rows N] [--runs R]
 *
 * Builds DIR/office.db with N generated recipients (gen-recipients.py +
 * shuangyong-cli import recipients) unless it already holds N of them, then
 * times what the Recipients tab does on a keystroke:
 * sy_queries_recipients_filtered() + g_list_model_get_n_items() + the first
 * 40 rows made into records (one screen), R times per query, and prints
 * median and p90.  It also times a scroll: one screen of rows at the middle
 * and at the end of the list.
 *
 * Baseline, measured in the same run: SELECT COUNT(*) of a one-character
 * LIKE over the four searched columns (name, ID, phone, address) through the
 * same libgda connection — one full scan of the searchable text, the least
 * any search without an index costs on this machine and disk.  Ratios to it
 * are what compare across machines.  Not a test: nothing fails when slow.
 */
#include "sy-store.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#define SCREEN 40

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

typedef struct {
  double median;
  double p90;
} Stats;

static Stats
stats_of (double *ms, guint n)
{
  Stats s;

  qsort (ms, n, sizeof *ms, cmp_double);
  s.median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
  s.p90 = ms[(9 * n + 9) / 10 - 1];  /* the ⌈0.9 n⌉-th smallest */
  return s;
}

static gint64
count_recipients (SyDatabase *db)
{
  gint64 n = -1;

  if (!sy_database_query_int64 (db, &n, "SELECT COUNT(*) FROM recipient", NULL, NULL))
    return -1;
  return n;
}

/* Generates and imports @rows recipients into the empty database in @dir. */
static gboolean
build_database (const char *dir, guint rows, GError **error)
{
  g_autofree char *csv = g_build_filename (dir, "recipients.csv", NULL);
  g_autofree char *script = g_build_filename (BENCH_SOURCE_DIR, "gen-recipients.py", NULL);
  g_autofree char *rows_text = g_strdup_printf ("%u", rows);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *gen[] = { "python3", script, rows_text, NULL };
  const char *import[] = { BENCH_CLI, "--db", dir, "import", "recipients", csv, NULL };
  int status;

  fprintf (stderr, "search: generating %u recipients into %s …\n", rows, dir);
  if (!g_spawn_sync (NULL, (char **) gen, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, error)
      || !g_spawn_check_wait_status (status, error)
      || !g_file_set_contents (csv, out, -1, error))
    return FALSE;
  /* stderr is captured (not discarded) so a failed import can be shown. */
  if (!g_spawn_sync (NULL, (char **) import, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     NULL, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      fprintf (stderr, "%s", err ? err : "");
      return FALSE;
    }
  g_unlink (csv);
  return TRUE;
}

/* One keystroke as the tab handles it; returns the match count. */
static guint
keystroke (SyDatabase *db, const SyRecipientFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) model = sy_queries_recipients_filtered (db, filter, &error);
  guint n;

  if (!model)
    g_error ("search failed: %s", error->message);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < MIN (n, SCREEN); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  return n;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double baseline_ms;

static void
report (const char *label, guint matches, double *ms, guint runs)
{
  Stats s = stats_of (ms, runs);

  /* The label last: printf pads bytes, not Chinese characters. */
  printf ("%9.2f %9.2f %8.2f %8u  %s\n", s.median, s.p90, s.median / baseline_ms, matches, label);
}

static void
bench_query (SyDatabase *db, const char *label, const SyRecipientFilter *filter, guint runs)
{
  g_autofree double *ms = g_new (double, runs);
  guint matches = 0;

  keystroke (db, filter);  /* statement parsed and cached, pages warm */
  for (guint r = 0; r < runs; r++)
    {
      double t0 = now_ms ();
      matches = keystroke (db, filter);
      ms[r] = now_ms () - t0;
    }
  report (label, matches, ms, runs);
}

/* One screen of rows at @fraction of the list, on a model already open (a
 * scroll, or a drag of the scrollbar). */
static void
bench_scroll (SyDatabase *db, const char *label, const SyRecipientFilter *filter, double fraction,
              guint runs)
{
  g_autofree double *ms = g_new (double, runs);
  guint n = 0;

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SyQueryModel) model = sy_queries_recipients_filtered (db, filter, &error);
      guint from;
      double t0;

      if (!model)
        g_error ("search failed: %s", error->message);
      n = g_list_model_get_n_items (G_LIST_MODEL (model));
      from = (guint) ((n - MIN (n, SCREEN)) * fraction);
      t0 = now_ms ();
      for (guint i = from; i < MIN (n, from + SCREEN); i++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
      ms[r] = now_ms () - t0;
    }
  report (label, n, ms, runs);
}

static void
bench_baseline (SyDatabase *db, guint runs)
{
  g_autofree double *ms = g_new (double, runs);
  gint64 n = 0;

  for (guint r = 0; r <= runs; r++)
    {
      g_autoptr(GError) error = NULL;
      double t0 = now_ms ();

      if (!sy_database_query_int64 (db, &n,
                                    "SELECT COUNT(*) FROM recipient t WHERE like (##q::string, t.name) "
                                    "OR like (##q::string, t.id_number) OR like (##q::string, t.phone) "
                                    "OR like (##q::string, t.address)", &error,
                                    "q", G_TYPE_STRING, "%王%", NULL))
        g_error ("baseline failed: %s", error->message);
      if (r > 0)  /* the first run parses the statement */
        ms[r - 1] = now_ms () - t0;
    }
  baseline_ms = 1;
  report ("baseline (LIKE scan)", (guint) n, ms, runs);
  baseline_ms = stats_of (ms, runs).median;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autofree char *dir = NULL;
  int rows = 100000, runs = 15;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Database directory (kept; reused when it holds ROWS recipients)", "DIR" },
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Recipients to generate (default 100000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per query (default 15)", "R" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time recipient search");
  static const struct {
    const char *label;
    SyRecipientFilter filter;
  } queries[] = {
    { "no filter", { NULL } },
    { "1 char: 王", { "王" } },
    { "1 char: 3", { "3" } },
    { "2 chars: 东风", { "东风" } },
    { "2 chars: 王建", { "王建" } },
    { "3 chars: 东风村", { "东风村" } },
    { "name: 王建国", { "王建国" } },
    { "4 chars: 新华社区", { "新华社区" } },
    { "address: 东风村4号", { "东风村4号" } },
    { "ID digits: 1991", { "1991" } },
    { "ID digits: 19910101", { "19910101" } },
    { "phone digits: 138", { "138" } },
    { "phone digits: 1381234", { "1381234" } },
    { "no match: 不存在", { "不存在" } },
    { "village menu: 东风村", { .village = "东风村" } },
    { "category menu: 残疾军人", { .category = "残疾军人" } },
    { "sort by name", { .sort = SY_RECIPIENT_SORT_NAME } },
    { "sort by age, desc", { .sort = SY_RECIPIENT_SORT_AGE, .descending = TRUE } },
    { "王 + sort by name", { "王", .sort = SY_RECIPIENT_SORT_NAME } },
  };
  static const struct {
    const char *label;
    SyRecipientFilter filter;
    double fraction;
  } scrolls[] = {
    { "middle, no filter", { NULL }, 0.5 },
    { "end, no filter", { NULL }, 1.0 },
    { "middle, sort by name", { .sort = SY_RECIPIENT_SORT_NAME }, 0.5 },
    { "end, sort by name", { .sort = SY_RECIPIENT_SORT_NAME }, 1.0 },
    { "middle, 东风", { "东风" }, 0.5 },
    { "end, 东风", { "东风" }, 1.0 },
  };
  gint64 have;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "search: %s\n", error->message);
      return 2;
    }
  if (runs < 1 || rows < 1)
    {
      fprintf (stderr, "search: --rows and --runs must be positive\n");
      return 2;
    }
  if (!dir)
    dir = g_build_filename (g_get_tmp_dir (), "sy-bench-search", NULL);

  db = sy_database_open (dir, &error);
  if (!db)
    {
      fprintf (stderr, "search: %s\n", error->message);
      return 1;
    }
  have = count_recipients (db);
  if (have != rows)
    {
      if (have != 0)
        {
          fprintf (stderr, "search: %s holds %" G_GINT64_FORMAT " recipients, not %d; "
                   "give another --db\n", dir, have, rows);
          return 1;
        }
      g_clear_object (&db);
      if (!build_database (dir, rows, &error) || !(db = sy_database_open (dir, &error)))
        {
          fprintf (stderr, "search: %s\n", error->message);
          return 1;
        }
    }

  printf ("%d recipients in %s, %d runs each, %u CPUs\n", rows, dir, runs, g_get_num_processors ());
  printf ("%9s %9s %8s %8s  %s\n", "median ms", "p90 ms", "×base", "matches", "keystroke");
  bench_baseline (db, runs);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    bench_query (db, queries[i].label, &queries[i].filter, runs);
  printf ("\n%9s %9s %8s %8s  %s\n", "median ms", "p90 ms", "×base", "rows", "one screen of rows at");
  for (guint i = 0; i < G_N_ELEMENTS (scrolls); i++)
    bench_scroll (db, scrolls[i].label, &scrolls[i].filter, scrolls[i].fraction, runs);
  return 0;
}
