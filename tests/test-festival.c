/* test-festival.c: lunar calendar, solar terms and time nodes against
 * known dates */
#include <locale.h>

#include <sy-core.h>

static void
assert_date (const GDate *date, int year, int month, int day)
{
  g_assert_true (g_date_valid (date));
  if (g_date_get_year (date) != year || (int) g_date_get_month (date) != month
      || g_date_get_day (date) != day)
    g_error ("got %04d-%02d-%02d, expected %04d-%02d-%02d",
             g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
             year, month, day);
}

static void
assert_festival (const char *name, int year, int month, int day)
{
  GDate date;

  if (!sy_festival_date (name, year, &date))
    g_error ("%s %d: no date", name, year);
  assert_date (&date, year, month, day);
}

static void
test_spring_festival (void)
{
  static const int known[][3] = {
    { 1950, 2, 17 }, { 1954, 2, 3 }, { 1990, 1, 27 }, { 2000, 2, 5 },
    { 2018, 2, 16 }, { 2020, 1, 25 }, { 2023, 1, 22 }, { 2024, 2, 10 },
    { 2025, 1, 29 }, { 2026, 2, 17 }, { 2027, 2, 6 }, { 2030, 2, 3 },
    { 2033, 1, 31 }, { 2050, 1, 23 }, { 2100, 2, 9 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      assert_festival ("春节", known[i][0], known[i][1], known[i][2]);
      assert_festival ("spring-festival", known[i][0], known[i][1], known[i][2]);
    }
}

static void
test_lunar_festivals (void)
{
  assert_festival ("端午", 2025, 5, 31);
  assert_festival ("端午节", 2024, 6, 10);
  assert_festival ("元宵", 2025, 2, 12);
  assert_festival ("中秋", 2024, 9, 17);
  assert_festival ("中秋节", 2025, 10, 6);
  assert_festival ("重阳", 2025, 10, 29);
}

static void
test_fixed_festivals (void)
{
  SyFestivalOptions options;
  GDate date;

  assert_festival ("元旦", 2025, 1, 1);
  assert_festival ("八一建军节", 2025, 8, 1);
  assert_festival ("建军节", 2030, 8, 1);
  assert_festival ("国庆", 2025, 10, 1);
  assert_festival ("国防教育日", 2025, 9, 20);
  assert_festival ("国防教育日", 2026, 9, 19);
  assert_festival ("国防教育日", 2024, 9, 21);
  assert_festival ("老兵退伍日", 2025, 9, 1);
  assert_festival ("冬季征兵", 2025, 11, 1);

  sy_festival_options_init (&options);
  options.veterans_month = 8;
  options.veterans_day = 31;
  g_assert_true (sy_festival_date_full ("老兵退伍日", 2025, &options, &date));
  assert_date (&date, 2025, 8, 31);
  options.veterans_month = 2;
  options.veterans_day = 30;
  g_assert_false (sy_festival_date_full ("老兵退伍日", 2025, &options, &date));

  g_assert_false (sy_festival_date ("no such day", 2025, &date));
  g_assert_false (sy_festival_date ("春节", 1800, &date));
  g_assert_false (sy_festival_date ("春节", 2200, &date));
}

static void
test_qingming (void)
{
  assert_festival ("清明", 2025, 4, 4);
  assert_festival ("清明", 2024, 4, 4);
  assert_festival ("清明节", 2008, 4, 4);
  assert_festival ("qingming", 2010, 4, 5);
}

static void
test_solar_terms (void)
{
  GDate date;

  g_assert_cmpstr (sy_solar_term_name (SY_SOLAR_TERM_QINGMING), ==, "清明");
  g_assert_cmpstr (sy_solar_term_name (SY_SOLAR_TERM_DONGZHI), ==, "冬至");

  g_assert_true (sy_solar_term_date (2025, SY_SOLAR_TERM_LICHUN, &date));
  assert_date (&date, 2025, 2, 3);
  g_assert_true (sy_solar_term_date (2024, SY_SOLAR_TERM_LICHUN, &date));
  assert_date (&date, 2024, 2, 4);
  g_assert_true (sy_solar_term_date (2024, SY_SOLAR_TERM_DONGZHI, &date));
  assert_date (&date, 2024, 12, 21);
  g_assert_true (sy_solar_term_date (2025, SY_SOLAR_TERM_XIAZHI, &date));
  assert_date (&date, 2025, 6, 21);
  g_assert_true (sy_solar_term_date (2014, SY_SOLAR_TERM_JINGZHE, &date));
  assert_date (&date, 2014, 3, 6);
  /* 2025's 冬至 comes at 23:03 Beijing time. */
  g_assert_true (sy_solar_term_date (2025, SY_SOLAR_TERM_DONGZHI, &date));
  assert_date (&date, 2025, 12, 21);
  /* 小雪 1978 at 00:00, 小寒 1982 at 00:04 (one day later than the
   * coefficient formula gives). */
  g_assert_true (sy_solar_term_date (1978, SY_SOLAR_TERM_XIAOXUE, &date));
  assert_date (&date, 1978, 11, 23);
  g_assert_true (sy_solar_term_date (1982, SY_SOLAR_TERM_XIAOHAN, &date));
  assert_date (&date, 1982, 1, 6);

  /* Every term lands in its own half-month, in order. */
  for (int year = 1950; year <= 2100; year++)
    {
      GDate previous;

      for (int term = 0; term < SY_SOLAR_TERM_COUNT; term++)
        {
          int month;

          g_assert_true (sy_solar_term_date (year, term, &date));
          g_assert_cmpint (g_date_get_year (&date), ==, year);
          month = g_date_get_month (&date);
          g_assert_cmpint (month, ==, term / 2 + 1);
          if (term % 2 == 0)
            g_assert_cmpint (g_date_get_day (&date), <=, 9);
          else
            g_assert_cmpint (g_date_get_day (&date), >=, 18);
          if (term > 0)
            g_assert_cmpint (g_date_compare (&previous, &date), <, 0);
          previous = date;
        }
    }
}

/* The table's 正月初一 dates and month lengths agree, and conversion goes
 * both ways for every day in range. */
static void
test_lunar_round_trip (void)
{
  for (int year = SY_LUNAR_FIRST_YEAR; year <= SY_LUNAR_LAST_YEAR; year++)
    {
      GDate first, next, date;
      int days = 0;

      g_assert_true (sy_lunar_to_solar (year, 1, 1, FALSE, &first));
      g_assert_cmpint (g_date_get_year (&first), ==, year);
      if (year >= 1950 && year <= 2100)
        {
          GDate lo, hi;

          g_date_clear (&lo, 1);
          g_date_clear (&hi, 1);
          g_date_set_dmy (&lo, 21, 1, year);
          g_date_set_dmy (&hi, 20, 2, year);
          g_assert_cmpint (g_date_compare (&first, &lo), >=, 0);
          g_assert_cmpint (g_date_compare (&first, &hi), <=, 0);
        }

      for (int m = 1; m <= 12; m++)
        {
          days += sy_lunar_month_days (year, m, FALSE);
          days += sy_lunar_month_days (year, m, TRUE);
        }
      g_assert_cmpint (days, >=, 353);
      g_assert_cmpint (days, <=, 385);
      if (sy_lunar_leap_month (year) != 0)
        g_assert_cmpint (days, >=, 383);
      else
        g_assert_cmpint (days, <=, 355);

      if (year < SY_LUNAR_LAST_YEAR)
        {
          g_assert_true (sy_lunar_to_solar (year + 1, 1, 1, FALSE, &next));
          g_assert_cmpint (g_date_days_between (&first, &next), ==, days);
        }

      date = first;
      for (int i = 0; i < days; i++)
        {
          int ly, lm, ld;
          gboolean leap;
          GDate back;

          g_assert_true (sy_solar_to_lunar (&date, &ly, &lm, &ld, &leap));
          g_assert_cmpint (ly, ==, year);
          g_assert_true (sy_lunar_to_solar (ly, lm, ld, leap, &back));
          g_assert_cmpint (g_date_compare (&back, &date), ==, 0);
          g_date_add_days (&date, 1);
        }
    }
}

static void
test_lunar_conversion (void)
{
  GDate date;
  int y, m, d;
  gboolean leap;

  /* 2023 had a leap second month (闰二月): 2023-03-22 was 闰二月初一. */
  g_assert_cmpint (sy_lunar_leap_month (2023), ==, 2);
  g_assert_true (sy_lunar_to_solar (2023, 2, 1, TRUE, &date));
  assert_date (&date, 2023, 3, 22);
  g_assert_true (sy_lunar_to_solar (2023, 2, 1, FALSE, &date));
  assert_date (&date, 2023, 2, 20);
  g_assert_false (sy_lunar_to_solar (2023, 3, 1, TRUE, &date));
  g_assert_cmpint (sy_lunar_leap_month (2025), ==, 6);
  g_assert_cmpint (sy_lunar_leap_month (2024), ==, 0);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 9, 2, 2024);   /* 除夕 */
  g_assert_true (sy_solar_to_lunar (&date, &y, &m, &d, &leap));
  g_assert_cmpint (y, ==, 2023);
  g_assert_cmpint (m, ==, 12);
  g_assert_cmpint (d, ==, 30);
  g_assert_false (leap);

  g_assert_false (sy_lunar_to_solar (2024, 1, 31, FALSE, &date));
  g_assert_false (sy_lunar_to_solar (2024, 13, 1, FALSE, &date));
  g_assert_false (sy_lunar_to_solar (1900, 1, 1, FALSE, &date));
}

static void
test_names (void)
{
  const char * const *ids = sy_festival_ids ();

  g_assert_cmpuint (g_strv_length ((char **) ids), >=, 11);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GDate date;

      g_assert_nonnull (sy_festival_name_zh (ids[i]));
      g_assert_nonnull (sy_festival_display_name (ids[i]));
      g_assert_cmpstr (sy_festival_lookup (sy_festival_name_zh (ids[i])), ==, ids[i]);
      for (int year = 1950; year <= 2100; year++)
        g_assert_true (sy_festival_date (ids[i], year, &date));
    }
  g_assert_cmpstr (sy_festival_lookup ("八一"), ==, "army-day");
  g_assert_null (sy_festival_lookup ("圣诞节"));
}

static void
test_upcoming (void)
{
  g_autoptr(GArray) list = NULL;
  SyFestivalOccurrence *occ;
  GDate from;

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, 9, 2025);
  list = sy_festival_upcoming (&from, 60);
  /* 老兵退伍日 9-1, 国防教育日 9-20, 国庆 and 中秋 10-1 / 10-6, 重阳 10-29;
   * 冬季征兵 (11-1) is past day 60 (10-30 is the last day). */
  g_assert_cmpuint (list->len, ==, 5);
  occ = &g_array_index (list, SyFestivalOccurrence, 0);
  g_assert_cmpstr (occ->id, ==, "veterans-day");
  assert_date (&occ->date, 2025, 9, 1);
  g_assert_cmpstr (g_array_index (list, SyFestivalOccurrence, 1).id, ==,
                   "defense-education-day");
  g_assert_cmpstr (g_array_index (list, SyFestivalOccurrence, 2).id, ==, "national-day");
  g_assert_cmpstr (g_array_index (list, SyFestivalOccurrence, 3).id, ==, "mid-autumn");
  g_assert_cmpstr (g_array_index (list, SyFestivalOccurrence, 4).id, ==, "double-ninth");
  g_clear_pointer (&list, g_array_unref);

  /* Across the year boundary: 元旦 2026, then 春节 2026-02-17. */
  g_date_set_dmy (&from, 15, 12, 2025);
  list = sy_festival_upcoming (&from, 70);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (g_array_index (list, SyFestivalOccurrence, 0).id, ==, "new-year");
  occ = &g_array_index (list, SyFestivalOccurrence, 1);
  g_assert_cmpstr (occ->id, ==, "spring-festival");
  assert_date (&occ->date, 2026, 2, 17);
  g_clear_pointer (&list, g_array_unref);

  list = sy_festival_upcoming (&from, 0);
  g_assert_cmpuint (list->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/festival/spring-festival", test_spring_festival);
  g_test_add_func ("/festival/lunar-festivals", test_lunar_festivals);
  g_test_add_func ("/festival/fixed", test_fixed_festivals);
  g_test_add_func ("/festival/qingming", test_qingming);
  g_test_add_func ("/festival/solar-terms", test_solar_terms);
  g_test_add_func ("/festival/lunar-round-trip", test_lunar_round_trip);
  g_test_add_func ("/festival/lunar-conversion", test_lunar_conversion);
  g_test_add_func ("/festival/names", test_names);
  g_test_add_func ("/festival/upcoming", test_upcoming);

  return g_test_run ();
}
