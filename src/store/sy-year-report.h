/* sy-year-report.h: the figures of a year-end summary (年终总结), from data
 *
 * Everything the draft says is counted here, over the whole database (the
 * office and its units), for the calendar year:
 *   - plans of the year: leaves done / counted (sy_plan_repo_progress as of
 *     the year's last day, or @today if earlier), and the leaves not done;
 *   - activities (event rows dated in the year): 场次 by kind and month,
 *     headcounts (领导, 部队官兵, 群众);
 *   - visits: 人次 (event_recipient rows of those activities) and distinct
 *     people visited; money given on visits (money_fen);
 *   - 慰问金 paid in the year: the payment audit's paid total for the kind
 *     慰问金 (paid run lines plus visit money — read by SyPaymentAudit, so
 *     the summary and the audit never disagree);
 *   - photos of those activities.
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

typedef struct {
  char  *kind;
  guint  months[13];   /* [0] the year, [1..12] by month */
} SyYearKindCount;

typedef struct {
  char  *label;        /* "（一）", may be "" */
  char  *title;        /* first line of the item's title */
  char  *plan_title;
} SyYearOpenItem;

typedef struct {
  int        year;
  guint      n_plans;
  guint      items_done;      /* leaves done, all plans of the year */
  guint      items_total;     /* leaves counted (not dropped) */
  GPtrArray *open_items;      /* SyYearOpenItem *, in plan and outline order */
  guint      n_events;
  GPtrArray *kinds;           /* SyYearKindCount *, most 场次 first, then by name */
  gint64     leaders, soldiers, civilians;
  guint      n_visits;        /* 人次 */
  guint      n_people;        /* distinct people visited */
  gint64     visit_money_fen; /* given on visits */
  gint64     welfare_paid_fen;/* 慰问金 paid in the year (runs + visits) */
  guint      n_photos;
  guint      n_ledger_photos; /* marked for the ledger */
} SyYearReport;

/* Counts @year as of @today (YYYY-MM-DD; NULL: today).  May run in a
 * worker thread with its own database. */
SyYearReport *sy_year_report_gather (SyDatabase    *db,
                                     int            year,
                                     const char    *today,
                                     GCancellable  *cancellable,
                                     GError       **error);
void          sy_year_report_free   (SyYearReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyYearReport, sy_year_report_free)

G_END_DECLS
