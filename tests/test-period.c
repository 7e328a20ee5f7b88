/* test-period.c: run periods (sy-period.h) */
#include "sy-core.h"

#include <string.h>

static void
check_parse (const char *text, int y1, int m1, int y2, int m2, const char *canonical, const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *string = NULL, *chinese = NULL;
  SyPeriod p = { -1, -1 }, again = { -1, -1 };

  g_test_message ("%s", text);
  g_assert_true (sy_period_parse (text, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p.first, ==, sy_month_index (y1, m1));
  g_assert_cmpint (p.last, ==, sy_month_index (y2, m2));
  string = sy_period_to_string (&p);
  g_assert_cmpstr (string, ==, canonical);
  chinese = sy_period_to_label (&p);
  g_assert_cmpstr (chinese, ==, label);
  /* both forms read back to the same span */
  g_assert_true (sy_period_parse (string, &again, NULL));
  g_assert_cmpint (again.first, ==, p.first);
  g_assert_cmpint (again.last, ==, p.last);
  g_assert_true (sy_period_parse (chinese, &again, NULL));
  g_assert_cmpint (again.first, ==, p.first);
  g_assert_cmpint (again.last, ==, p.last);
}

static void
test_parse (void)
{
  check_parse ("2025", 2025, 1, 2025, 12, "2025", "2025年");
  check_parse (" 2025年 ", 2025, 1, 2025, 12, "2025", "2025年");
  check_parse ("2025-H1", 2025, 1, 2025, 6, "2025-H1", "2025年上半年");
  check_parse ("2025-h2", 2025, 7, 2025, 12, "2025-H2", "2025年下半年");
  check_parse ("2025年上半年", 2025, 1, 2025, 6, "2025-H1", "2025年上半年");
  check_parse ("2025年下半年", 2025, 7, 2025, 12, "2025-H2", "2025年下半年");
  check_parse ("2025-Q1", 2025, 1, 2025, 3, "2025-Q1", "2025年第一季度");
  check_parse ("2025-Q4", 2025, 10, 2025, 12, "2025-Q4", "2025年第四季度");
  check_parse ("2025年第四季度", 2025, 10, 2025, 12, "2025-Q4", "2025年第四季度");
  check_parse ("2025年三季度", 2025, 7, 2025, 9, "2025-Q3", "2025年第三季度");
  check_parse ("2025年第2季度", 2025, 4, 2025, 6, "2025-Q2", "2025年第二季度");
  check_parse ("2025-03", 2025, 3, 2025, 3, "2025-03", "2025年3月");
  check_parse ("2025-3", 2025, 3, 2025, 3, "2025-03", "2025年3月");
  check_parse ("2025年3月", 2025, 3, 2025, 3, "2025-03", "2025年3月");
  check_parse ("2025年12月", 2025, 12, 2025, 12, "2025-12", "2025年12月");
  check_parse ("2025-03..2025-05", 2025, 3, 2025, 5, "2025-03..2025-05", "2025年3月至5月");
  check_parse ("2024-11..2025-02", 2024, 11, 2025, 2, "2024-11..2025-02", "2024年11月至2025年2月");
  /* a span that happens to be a quarter gets the quarter's name */
  check_parse ("2025-04..2025-06", 2025, 4, 2025, 6, "2025-Q2", "2025年第二季度");
}

static void
test_parse_errors (void)
{
  static const char *bad[] = {
    "", "   ", "25", "20250", "2025-13", "2025-00", "2025-Q5", "2025-Q0", "2025-H3", "2025-H",
    "2025年第五季度", "2025年13月", "2025年3", "2025/03", "abc", "2025-05..2025-03", "1800", "2025-Q1x",
    "2025年中", "２０２５",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (bad[i]));
      SyPeriod p = { 7, 7 };

      g_test_message ("“%s”", bad[i]);
      g_assert_false (sy_period_parse (bad[i], &p, &error));
      g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
      /* the message quotes the text and names the accepted forms */
      g_assert_nonnull (strstr (error->message, stripped));
      g_assert_nonnull (strstr (error->message, "2025-Q4"));
      g_assert_nonnull (strstr (error->message, "2025-H1"));
      g_assert_nonnull (strstr (error->message, "2025-03"));
      g_assert_cmpint (p.first, ==, 7);   /* untouched */
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sy_period_parse (NULL, NULL, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  }
}

static void
test_months (void)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL;
  int i = sy_month_index (2024, 2);

  g_assert_cmpint (sy_month_year (i), ==, 2024);
  g_assert_cmpint (sy_month_month (i), ==, 2);
  g_assert_cmpint (sy_month_index (2025, 1) - sy_month_index (2024, 12), ==, 1);
  g_assert_cmpint (sy_month_from_iso ("2024-02"), ==, i);
  g_assert_cmpint (sy_month_from_iso ("2024-02-29"), ==, i);
  g_assert_cmpint (sy_month_from_iso ("2024-02-29T10:00:00"), ==, i);
  g_assert_cmpint (sy_month_from_iso ("2025-02-29"), ==, -1);   /* not a leap year */
  g_assert_cmpint (sy_month_from_iso ("2025-13"), ==, -1);
  g_assert_cmpint (sy_month_from_iso ("2025-1"), ==, -1);
  g_assert_cmpint (sy_month_from_iso ("x"), ==, -1);
  g_assert_cmpint (sy_month_from_iso (""), ==, -1);
  g_assert_cmpint (sy_month_from_iso (NULL), ==, -1);

  a = sy_month_to_iso (i);
  g_assert_cmpstr (a, ==, "2024-02");
  b = sy_month_first_day (i);
  g_assert_cmpstr (b, ==, "2024-02-01");
  c = sy_month_last_day (i);
  g_assert_cmpstr (c, ==, "2024-02-29");
  d = sy_month_last_day (sy_month_index (2025, 2));
  g_assert_cmpstr (d, ==, "2025-02-28");
  e = sy_month_last_day (sy_month_index (1900, 2));   /* a century, not a leap year */
  g_assert_cmpstr (e, ==, "1900-02-28");
  f = sy_month_last_day (sy_month_index (2000, 2));
  g_assert_cmpstr (f, ==, "2000-02-29");
  {
    g_autofree char *dec = sy_month_last_day (sy_month_index (2025, 12));
    g_autofree char *apr = sy_month_last_day (sy_month_index (2025, 4));

    g_assert_cmpstr (dec, ==, "2025-12-31");
    g_assert_cmpstr (apr, ==, "2025-04-30");
  }
}

static void
test_intersect (void)
{
  SyPeriod year, q3, h1, r = { 0, 0 }, other;

  g_assert_true (sy_period_parse ("2025", &year, NULL));
  g_assert_true (sy_period_parse ("2025-Q3", &q3, NULL));
  g_assert_true (sy_period_parse ("2025-H1", &h1, NULL));
  g_assert_cmpuint (sy_period_n_months (&year), ==, 12);
  g_assert_cmpuint (sy_period_n_months (&q3), ==, 3);

  g_assert_true (sy_period_intersect (&year, &q3, &r));
  g_assert_cmpint (r.first, ==, q3.first);
  g_assert_cmpint (r.last, ==, q3.last);
  g_assert_false (sy_period_intersect (&h1, &q3, &r));
  g_assert_cmpint (r.first, ==, q3.first);   /* untouched when empty */

  g_assert_true (sy_period_parse ("2025-06..2025-08", &other, NULL));
  g_assert_true (sy_period_intersect (&h1, &other, &r));
  g_assert_cmpint (r.first, ==, sy_month_index (2025, 6));
  g_assert_cmpint (r.last, ==, sy_month_index (2025, 6));
  g_assert_cmpuint (sy_period_n_months (&r), ==, 1);
  g_assert_true (sy_period_intersect (&other, &q3, NULL));

  /* across a year end */
  g_assert_true (sy_period_parse ("2024-11..2025-02", &other, NULL));
  g_assert_cmpuint (sy_period_n_months (&other), ==, 4);
  g_assert_true (sy_period_intersect (&other, &year, &r));
  g_assert_cmpint (r.first, ==, sy_month_index (2025, 1));
  g_assert_cmpint (r.last, ==, sy_month_index (2025, 2));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/period/parse", test_parse);
  g_test_add_func ("/period/parse-errors", test_parse_errors);
  g_test_add_func ("/period/months", test_months);
  g_test_add_func ("/period/intersect", test_intersect);
  return g_test_run ();
}
