/* sy-coverage.h: how well the evidence covers the 考评 items, year by year
 *
 * For each item (sy_queries_assessment_items() order) and each year of the
 * review window, the number of distinct pieces of evidence linked to it
 * (sy-assessment-repo.h) dated in that year: an activity or a document by
 * its date, a plan item by its plan's year, a disbursement run by its paid
 * date (else its period).  A standard counts its own links and its
 * sub-items' (each piece of evidence once).
 *
 * Gaps, judged only for time that has passed (a quarter or a year once its
 * last day is before @today, a plan item once its due date is — without
 * one, once its plan's year has ended):
 *  - MEETING: a quarter without an activity of kind 会议
 *    (sy_queries_meetings_per_quarter(), as the Plans tab counts them);
 *  - SHUZHI: a year without a 述职 — an activity whose kind or title, or a
 *    document whose title or tags, contain 述职;
 *  - FUNDING: a year without a 经费下拨凭证 — a document tagged with a tag
 *    containing 经费 or 凭证 dated in it, or a disbursement run paid in it;
 *  - PLAN: a plan item of a plan of the window whose title names an activity
 *    kind (sy_event_repo_seed_kinds() and every stored kind, the first
 *    found in that order) while no activity links to it or to any item
 *    under it in the outline (event.plan_item_id).
 * MEETING, SHUZHI and FUNDING belong to standard "1" (组织领导), PLAN to
 * standard "7" (活动坚持经常): the map highlights that standard's cell of
 * the year.  Links are counted links, not judged: a gap rule looks at all
 * activities and documents, linked or not.
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

typedef enum {
  SY_COVERAGE_GAP_MEETING,
  SY_COVERAGE_GAP_SHUZHI,
  SY_COVERAGE_GAP_FUNDING,
  SY_COVERAGE_GAP_PLAN,
} SyCoverageGapKind;

typedef struct {
  SyCoverageGapKind  kind;
  const char        *standard_code;  /* "1" or "7" */
  int                year;
  int                quarter;        /* 1–4 for MEETING, else 0 */
  gint64             plan_item_id;   /* PLAN only */
  const char        *promised_kind;  /* PLAN only: the activity kind the item names (interned) */
  char              *message;        /* translated, names the year (and quarter or plan item) */
} SyCoverageGap;

#define SY_TYPE_COVERAGE (sy_coverage_get_type ())
G_DECLARE_FINAL_TYPE (SyCoverage, sy_coverage, SY, COVERAGE, GObject)

/* The default window: the four years ending with the year of @today
 * (YYYY-MM-DD; NULL: now). */
void              sy_coverage_default_window (const char *today, int *first_year, int *last_year);

/* Computes the map for @first_year … @last_year (at most 20 years) as of
 * @today (YYYY-MM-DD; NULL: now). */
SyCoverage       *sy_coverage_compute       (SyDatabase  *db,
                                             int          first_year,
                                             int          last_year,
                                             const char  *today,
                                             GError     **error);

int               sy_coverage_get_first_year (SyCoverage *self);
int               sy_coverage_get_last_year  (SyCoverage *self);
guint             sy_coverage_get_n_items    (SyCoverage *self);
/* Item @index (transfer none). */
SyAssessmentItem *sy_coverage_get_item       (SyCoverage *self, guint index);
/* Evidence of item @index dated in @year; 0 outside the window. */
guint             sy_coverage_get_count      (SyCoverage *self, guint index, int year);
/* Over the whole window. */
guint             sy_coverage_get_total      (SyCoverage *self, guint index);
guint             sy_coverage_get_n_gaps     (SyCoverage *self);
const SyCoverageGap *sy_coverage_get_gap     (SyCoverage *self, guint index);
/* Gaps of item @index in @year (@year 0: in any year); only standards have any. */
guint             sy_coverage_count_gaps     (SyCoverage *self, guint index, int year);
/* The messages of item @index's gaps, one a line; "" when none. */
char             *sy_coverage_describe_gaps  (SyCoverage *self, guint index);
/* The same, short enough for a table cell: a line per rule with the years
 * (or quarters, or promised kinds) it found, e.g. "No meeting: 2023 Q1,
 * 2023 Q2"; "" when none. */
char             *sy_coverage_summarize_gaps (SyCoverage *self, guint index);
/* The map as text for a terminal: a row per item, a column per year, "!"
 * after a count whose cell has gaps, then the gaps. */
char             *sy_coverage_to_text        (SyCoverage *self);

G_END_DECLS
