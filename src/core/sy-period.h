/* sy-period.h: the period a disbursement run pays, as a span of months
 *
 * A run's period is written "2025" (the year), "2025-H1"/"2025-H2" (half
 * years), "2025-Q1" … "2025-Q4" (quarters) or "2025-03" (one month).  Months
 * are counted as integers, year * 12 + (month - 1), so spans intersect and
 * count with plain arithmetic; "YYYY-MM" is how a month is stored
 * (disbursement_line.first_month/last_month).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int first;  /* month index, inclusive */
  int last;   /* month index, inclusive; last >= first */
} SyPeriod;

/* Parses @text (surrounding blanks ignored; "2025年", "2025年第四季度",
 * "2025年3月", "2025年上半年"/"下半年" are accepted too).  FALSE with
 * SY_ERROR_INVALID naming the text and the accepted forms. */
gboolean  sy_period_parse          (const char *text,
                                    SyPeriod   *period,
                                    GError    **error);
/* The canonical text: "2025", "2025-H1", "2025-Q4", "2025-03"; or
 * "2025-03..2025-05" for any other span. */
char     *sy_period_to_string      (const SyPeriod *period);
/* For titles: "2025年", "2025年上半年", "2025年第四季度", "2025年3月",
 * "2025年3月至5月", "2024年11月至2025年2月". */
char     *sy_period_to_label       (const SyPeriod *period);

guint     sy_period_n_months       (const SyPeriod *period);
gboolean  sy_period_intersect      (const SyPeriod *a,
                                    const SyPeriod *b,
                                    SyPeriod       *result);

int       sy_month_index           (int year, int month);        /* month 1–12 */
int       sy_month_year            (int index);
int       sy_month_month           (int index);                  /* 1–12 */
/* "2025-03" → index; also takes a full date "2025-03-15" (its month).
 * -1 for NULL or malformed text. */
int       sy_month_from_iso        (const char *iso);
char     *sy_month_to_iso          (int index);                  /* "2025-03" */
/* "2025-03-01" and "2025-03-31" (leap years handled). */
char     *sy_month_first_day       (int index);
char     *sy_month_last_day        (int index);

G_END_DECLS
