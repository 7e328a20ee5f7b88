/* sy-period.c: the period a disbursement run pays, as a span of months */
#include "sy-period.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sy-error.h"

/* Years outside this range are typing mistakes, not periods anyone pays. */
#define MIN_YEAR 1900
#define MAX_YEAR 2200

int
sy_month_index (int year, int month)
{
  return year * 12 + (month - 1);
}

int
sy_month_year (int index)
{
  return index / 12;
}

int
sy_month_month (int index)
{
  return index % 12 + 1;
}

guint
sy_period_n_months (const SyPeriod *period)
{
  g_return_val_if_fail (period != NULL && period->last >= period->first, 0);
  return (guint) (period->last - period->first + 1);
}

gboolean
sy_period_intersect (const SyPeriod *a, const SyPeriod *b, SyPeriod *result)
{
  SyPeriod r;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  r.first = MAX (a->first, b->first);
  r.last = MIN (a->last, b->last);
  if (r.first > r.last)
    return FALSE;
  if (result != NULL)
    *result = r;
  return TRUE;
}

/* Reads 1–@max_digits ASCII digits at *p; -1 if there are none. */
static int
read_number (const char **p, int max_digits)
{
  int value = 0, n = 0;

  while (n < max_digits && g_ascii_isdigit (**p))
    {
      value = value * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  return n > 0 ? value : -1;
}

static gboolean
skip (const char **p, const char *text)
{
  size_t len = strlen (text);

  if (strncmp (*p, text, len) != 0)
    return FALSE;
  *p += len;
  return TRUE;
}

static int
read_year (const char **p)
{
  const char *start = *p;
  int year = read_number (p, 4);

  if (year < MIN_YEAR || year > MAX_YEAR || *p - start != 4)
    return -1;
  return year;
}

/* "2025-03", "2025-3" or "2025年3月" (the month part after the year). */
static int
read_month_after_year (const char **p, int year)
{
  int month;

  if (skip (p, "-"))
    {
      month = read_number (p, 2);
      return month >= 1 && month <= 12 ? sy_month_index (year, month) : -1;
    }
  month = read_number (p, 2);
  if (month < 1 || month > 12 || !skip (p, "月"))
    return -1;
  return sy_month_index (year, month);
}

static gboolean
parse_text (const char *p, SyPeriod *out)
{
  static const char *quarters[] = { "一", "二", "三", "四" };
  int year = read_year (&p);
  gboolean chinese;

  if (year < 0)
    return FALSE;
  chinese = skip (&p, "年");

  if (*p == '\0')
    {
      out->first = sy_month_index (year, 1);
      out->last = sy_month_index (year, 12);
      return TRUE;
    }

  if (chinese)
    {
      int quarter = 0;
      int month;

      if (skip (&p, "上半年"))
        {
          out->first = sy_month_index (year, 1);
          out->last = sy_month_index (year, 6);
          return *p == '\0';
        }
      if (skip (&p, "下半年"))
        {
          out->first = sy_month_index (year, 7);
          out->last = sy_month_index (year, 12);
          return *p == '\0';
        }
      skip (&p, "第");
      for (guint i = 0; i < G_N_ELEMENTS (quarters) && quarter == 0; i++)
        if (skip (&p, quarters[i]))
          quarter = i + 1;
      if (quarter == 0 && *p >= '1' && *p <= '4' && strncmp (p + 1, "季度", strlen ("季度")) == 0)
        quarter = *p++ - '0';
      if (quarter > 0)
        {
          if (!skip (&p, "季度") || *p != '\0')
            return FALSE;
          out->first = sy_month_index (year, quarter * 3 - 2);
          out->last = sy_month_index (year, quarter * 3);
          return TRUE;
        }
      month = read_number (&p, 2);
      if (month < 1 || month > 12 || !skip (&p, "月"))
        return FALSE;
      out->first = out->last = sy_month_index (year, month);
      if (*p == '\0')
        return TRUE;
      /* "2025年3月至5月", "2024年11月至2025年2月": the labels read back */
      if (!skip (&p, "至"))
        return FALSE;
      {
        const char *q = p;
        int year2 = read_year (&q);

        if (year2 >= 0 && skip (&q, "年"))
          {
            p = q;
            out->last = read_month_after_year (&p, year2);
          }
        else
          {
            month = read_number (&p, 2);
            out->last = month >= 1 && month <= 12 && skip (&p, "月") ? sy_month_index (year, month) : -1;
          }
      }
      return out->last >= out->first && *p == '\0';
    }

  if (!skip (&p, "-"))
    return FALSE;
  if (*p == 'H' || *p == 'h')
    {
      p++;
      if ((*p != '1' && *p != '2') || p[1] != '\0')
        return FALSE;
      out->first = sy_month_index (year, *p == '1' ? 1 : 7);
      out->last = out->first + 5;
      return TRUE;
    }
  if (*p == 'Q' || *p == 'q')
    {
      p++;
      if (*p < '1' || *p > '4' || p[1] != '\0')
        return FALSE;
      out->first = sy_month_index (year, (*p - '0') * 3 - 2);
      out->last = out->first + 2;
      return TRUE;
    }
  p--;   /* back to the '-' */
  out->first = read_month_after_year (&p, year);
  if (out->first < 0)
    return FALSE;
  out->last = out->first;
  if (*p == '\0')
    return TRUE;
  /* "2025-03..2025-05", what sy_period_to_string() writes for other spans */
  if (!skip (&p, ".."))
    return FALSE;
  year = read_year (&p);
  if (year < 0)
    return FALSE;
  out->last = read_month_after_year (&p, year);
  return out->last >= out->first && *p == '\0';
}

gboolean
sy_period_parse (const char *text, SyPeriod *period, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  SyPeriod parsed = { -1, -1 };

  if (!parse_text (stripped, &parsed) || parsed.first < 0 || parsed.last < parsed.first)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("“%s” is not a period: write a year (2025), a half year (2025-H1, "
                     "2025年上半年), a quarter (2025-Q4, 2025年第四季度), a month (2025-03, "
                     "2025年3月) or a span of months (2025-03..2025-05)"),
                   stripped);
      return FALSE;
    }
  if (period != NULL)
    *period = parsed;
  return TRUE;
}

char *
sy_period_to_string (const SyPeriod *period)
{
  int y1, m1, y2, m2;

  g_return_val_if_fail (period != NULL, NULL);
  y1 = sy_month_year (period->first);
  m1 = sy_month_month (period->first);
  y2 = sy_month_year (period->last);
  m2 = sy_month_month (period->last);

  if (y1 == y2 && m1 == 1 && m2 == 12)
    return g_strdup_printf ("%04d", y1);
  if (y1 == y2 && (m1 == 1 || m1 == 7) && m2 == m1 + 5)
    return g_strdup_printf ("%04d-H%d", y1, m1 == 1 ? 1 : 2);
  if (y1 == y2 && m1 % 3 == 1 && m2 == m1 + 2)
    return g_strdup_printf ("%04d-Q%d", y1, (m1 + 2) / 3);
  if (period->first == period->last)
    return g_strdup_printf ("%04d-%02d", y1, m1);
  return g_strdup_printf ("%04d-%02d..%04d-%02d", y1, m1, y2, m2);
}

char *
sy_period_to_label (const SyPeriod *period)
{
  static const char *quarters[] = { "一", "二", "三", "四" };
  int y1, m1, y2, m2;

  g_return_val_if_fail (period != NULL, NULL);
  y1 = sy_month_year (period->first);
  m1 = sy_month_month (period->first);
  y2 = sy_month_year (period->last);
  m2 = sy_month_month (period->last);

  if (y1 == y2 && m1 == 1 && m2 == 12)
    return g_strdup_printf ("%d年", y1);
  if (y1 == y2 && (m1 == 1 || m1 == 7) && m2 == m1 + 5)
    return g_strdup_printf ("%d年%s半年", y1, m1 == 1 ? "上" : "下");
  if (y1 == y2 && m1 % 3 == 1 && m2 == m1 + 2)
    return g_strdup_printf ("%d年第%s季度", y1, quarters[(m1 - 1) / 3]);
  if (period->first == period->last)
    return g_strdup_printf ("%d年%d月", y1, m1);
  if (y1 == y2)
    return g_strdup_printf ("%d年%d月至%d月", y1, m1, m2);
  return g_strdup_printf ("%d年%d月至%d年%d月", y1, m1, y2, m2);
}

int
sy_month_from_iso (const char *iso)
{
  const char *p = iso;
  int year, month, day;

  if (iso == NULL)
    return -1;
  year = read_year (&p);
  if (year < 0 || !skip (&p, "-") || !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return -1;
  month = read_number (&p, 2);
  if (month < 1 || month > 12)
    return -1;
  if (*p == '\0')
    return sy_month_index (year, month);
  /* A full date; a time after it ("2025-03-15T…") is allowed too. */
  if (!skip (&p, "-") || !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return -1;
  day = read_number (&p, 2);
  if (day < 1 || day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year))
    return -1;
  if (*p != '\0' && *p != 'T' && *p != ' ')
    return -1;
  return sy_month_index (year, month);
}

char *
sy_month_to_iso (int index)
{
  return g_strdup_printf ("%04d-%02d", sy_month_year (index), sy_month_month (index));
}

char *
sy_month_first_day (int index)
{
  return g_strdup_printf ("%04d-%02d-01", sy_month_year (index), sy_month_month (index));
}

char *
sy_month_last_day (int index)
{
  int year = sy_month_year (index), month = sy_month_month (index);

  return g_strdup_printf ("%04d-%02d-%02d", year, month,
                          g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
}
