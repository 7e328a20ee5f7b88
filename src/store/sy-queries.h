/* sy-queries.h: the lists the tabs, the CLI and the ledger read
 *
 * Each returns a lazily materialised SyQueryModel (or a GListStore for small
 * lists), so callers never write SQL themselves.
 */
#pragma once

#include "sy-database.h"
#include "sy-query-model.h"

G_BEGIN_DECLS

/* Recipients ordered by village and name, with "categories" filled
 * (、-separated). */
SyQueryModel *sy_queries_recipients        (SyDatabase *db, GError **error);

/* The Recipients tab's list: what to show and in which order. */
typedef enum {
  SY_RECIPIENT_SORT_DEFAULT,   /* village, name */
  SY_RECIPIENT_SORT_NAME,
  SY_RECIPIENT_SORT_CATEGORY,  /* by the 、-joined categories */
  SY_RECIPIENT_SORT_VILLAGE,
  SY_RECIPIENT_SORT_STATUS,
  SY_RECIPIENT_SORT_AGE,       /* youngest first; unknown birth dates last */
} SyRecipientSort;

typedef struct {
  const char      *text;       /* substring of name, ID number, phone or address; NULL/"" = all */
  const char      *category;   /* has this category; NULL = any */
  const char      *status;     /* NULL = any */
  const char      *village;    /* NULL = any */
  SyRecipientSort  sort;
  gboolean         descending;
} SyRecipientFilter;

/* Recipients matching @filter (NULL = all), sorted in SQL, with "categories"
 * filled.  User text is matched literally (no wildcards): through the
 * trigram index for 3 characters or more, by a scan below that. */
SyQueryModel *sy_queries_recipients_filtered (SyDatabase              *db,
                                              const SyRecipientFilter *filter,
                                              GError                 **error);

typedef enum {
  SY_RECIPIENT_FACET_CATEGORY,
  SY_RECIPIENT_FACET_STATUS,
  SY_RECIPIENT_FACET_VILLAGE,
} SyRecipientFacet;

/* The distinct stored values of @facet, sorted (for the filter menus). */
GStrv         sy_queries_recipient_facet_values (SyDatabase       *db,
                                                 SyRecipientFacet  facet,
                                                 GError          **error);

/* Categories of one recipient (SyRecipientCategory). */
GListModel   *sy_queries_recipient_categories (SyDatabase *db, gint64 recipient_id, GError **error);
/* Status history of one recipient, oldest first (SyStatusChange). */
GListModel   *sy_queries_status_changes    (SyDatabase *db, gint64 recipient_id, GError **error);

/* Plans, newest year first, with "item_count". */
SyQueryModel *sy_queries_plans             (SyDatabase *db, GError **error);
/* The outline of a plan in document order (SyPlanItem; parent_id, level, position). */
GListModel   *sy_queries_plan_items        (SyDatabase *db, gint64 plan_id, GError **error);

/* Plans tab (issue 5). */
/* Activities linked to plan item @item_id (event.plan_item_id), oldest first. */
GListModel   *sy_queries_plan_item_events  (SyDatabase *db, gint64 item_id, GError **error);
/* For the progress of plan @plan_id: item id (gint64 *) → the number of
 * linked activities dated on or before @date (YYYY-MM-DD), as
 * GINT_TO_POINTER; items without any are absent. */
GHashTable   *sy_queries_plan_item_evidence (SyDatabase *db, gint64 plan_id, const char *date,
                                             GError **error);
/* Items with a time node of the plans of @year (SyPlanItem), in plan and
 * outline position order. */
GListModel   *sy_queries_plan_items_with_node (SyDatabase *db, int year, GError **error);
/* Items of any plan with a time node and a due date in [@from, @to]
 * (YYYY-MM-DD), by due date. */
GListModel   *sy_queries_plan_items_due    (SyDatabase *db, const char *from, const char *to,
                                            GError **error);
/* The categories whose people are visited at the great festivals
 * (重点优抚对象: 残疾军人, 烈士遗属 …), NULL-terminated. */
const char * const *sy_queries_visit_categories (void);
/* 重点优抚对象 to visit in @year: status 在册, in one of
 * sy_queries_visit_categories(), and on no activity dated in @year
 * (event_recipient); by village and name, with "categories". */
SyQueryModel *sy_queries_visits_due        (SyDatabase *db, int year, GError **error);
/* Activities of kind 会议 in each quarter of @year (@counts[0] = Q1). */
gboolean      sy_queries_meetings_per_quarter (SyDatabase *db, int year, int counts[4],
                                               GError **error);
/* Every leading-group row ever stored (history included): current members
 * first by role, then ended rows, newest first. */
GListModel   *sy_queries_leading_group_history (SyDatabase *db, GError **error);

/* Events, newest first, with "photo_count". */
SyQueryModel *sy_queries_events            (SyDatabase *db, GError **error);
/* The Events tab's list (issue 5): what to show. */
typedef struct {
  const char *text;   /* substring of title, place, content or participants; NULL/"" = all */
  const char *kind;   /* this kind only; NULL = any */
  int         year;   /* dated in this year only; 0 = any */
} SyEventFilter;

/* Events matching @filter (NULL = all), newest first, with "photo_count";
 * a paged list (rows read a page at a time).  User text is matched
 * literally (no wildcards), ASCII letters without regard to case. */
SyQueryModel *sy_queries_events_filtered   (SyDatabase          *db,
                                            const SyEventFilter *filter,
                                            GError             **error);
/* The distinct years of the stored activities' dates, newest first, as
 * decimal strings (for the year filter). */
GStrv         sy_queries_event_years       (SyDatabase *db, GError **error);
/* Events with a date in [from_year-01-01, to_year-12-31], oldest first (for the ledger). */
GListModel   *sy_queries_events_in_years   (SyDatabase *db, int from_year, int to_year, GError **error);
/* Photos of an event in order (SyEventPhoto). */
GListModel   *sy_queries_event_photos      (SyDatabase *db, gint64 event_id, GError **error);
/* Visits of an event (SyEventRecipient), in the order they were recorded. */
GListModel   *sy_queries_event_recipients  (SyDatabase *db, gint64 event_id, GError **error);
/* The 共建部队 registry by name (SyMilitaryUnit). */
GListModel   *sy_queries_military_units    (SyDatabase *db, GError **error);
/* The distinct kinds of the stored activities, sorted. */
GStrv         sy_queries_event_kinds       (SyDatabase *db, GError **error);

/* Disbursement runs, newest first, with "line_count" and "total_fen". */
SyQueryModel *sy_queries_batches           (SyDatabase *db, GError **error);
/* Lines of a run with "recipient_name", "id_number", "category". */
GListModel   *sy_queries_batch_lines       (SyDatabase *db, gint64 batch_id, GError **error);
/* The people a run did not pay (SyDisbursementExclusion with "recipient_name",
 * "id_number", "village"), by village and name. */
GListModel   *sy_queries_batch_exclusions  (SyDatabase *db, gint64 batch_id, GError **error);
/* Top-up rules (SySubsidyTopup), by kind, condition and effective date. */
GListModel   *sy_queries_topups            (SyDatabase *db, GError **error);
/* Subsidy standards, by kind and effective date. */
GListModel   *sy_queries_standards         (SyDatabase *db, GError **error);

/* Documents, newest first. */
SyQueryModel *sy_queries_documents         (SyDatabase *db, GError **error);
/* Documents whose title, 文号, 发文机关, tags or extracted text contain
 * @text (any substring; ASCII letters case-insensitive), newest first; all
 * of them for NULL or blank @text. */
SyQueryModel *sy_queries_documents_search  (SyDatabase *db, const char *text, GError **error);

/* Leading group members effective on @date (YYYY-MM-DD), by role. */
GListModel   *sy_queries_leading_group     (SyDatabase *db, const char *date, GError **error);
/* Every unit (SyUnit), the office first, then in tree order (each unit
 * followed by its sub-units, siblings by id). */
GListModel   *sy_queries_units             (SyDatabase *db, GError **error);

/* The ledger's evidence dated in [from_year, to_year]: activities (by
 * date), documents (by date, else their creation day), approved or paid
 * disbursement runs (paid date, else approval day, else the period's first
 * day) and plans (1 January of their year).  One row per piece of evidence
 * and 考评 standard it is linked to (directly, through a sub-item, or for a
 * plan through any of its items), or one row with a NULL code when it is
 * linked to none.  Columns: entity (string: "event", "document",
 * "disbursement_batch", "plan"), entity_id (gint64), date (string,
 * YYYY-MM-DD…), unit_id (gint64, 0 for none), kind (string: the activity's
 * kind, the document's tags, the run's kind, ""), code (string: the
 * standard's code, "1"…"8", or NULL).  Ordered by date, entity, id. */
GdaDataModel *sy_queries_ledger_evidence   (SyDatabase *db, int from_year, int to_year,
                                            GError **error);
/* The visits of activities dated in [from_year, to_year], by date: columns
 * date, event_title, unit_id (gint64, 0 for none), name, id_number,
 * category (the recipient's categories joined by "、"), gift, money_fen
 * (gint64), needs. */
GdaDataModel *sy_queries_ledger_visits     (SyDatabase *db, int from_year, int to_year,
                                            GError **error);
/* The office (the unit without parent), or NULL. */
SyUnit       *sy_queries_office            (SyDatabase *db, GError **error);

/* 考评 (issue 6, sy-assessment-repo.h).  Items in outline order: each
 * top-level item (a standard) by position, followed by its sub-items by
 * position and code. */
GListModel   *sy_queries_assessment_items  (SyDatabase *db, GError **error);
/* Links (SyAssessmentLink) of item @item_id (> 0), or of the evidence
 * @entity/@entity_id (@item_id 0), by item outline order then evidence. */
GListModel   *sy_queries_assessment_links  (SyDatabase *db, gint64 item_id, const char *entity,
                                            gint64 entity_id, GError **error);
/* Links to evidence of kind @entity (one of the four evidence tables) whose
 * row no longer exists. */
GListModel   *sy_queries_assessment_dangling_links (SyDatabase *db, const char *entity, GError **error);
/* For the coverage map: one row per link whose evidence still exists,
 * columns item_id (gint64), entity (string), entity_id (gint64), year
 * (gint: the activity's or document's date, the plan's year, the run's paid
 * date or else its period). */
GdaDataModel *sy_queries_assessment_evidence (SyDatabase *db, GError **error);
/* The distinct years (ascending, GArray of int) with a 述职: an activity
 * whose kind or title, or a document whose title or tags, contain 述职. */
GArray       *sy_queries_years_with_shuzhi (SyDatabase *db, GError **error);
/* The distinct years with a 经费下拨凭证: a document whose tags contain 经费
 * or 凭证 (by its date), or a disbursement run in state 'paid' (by its paid
 * date). */
GArray       *sy_queries_years_with_funding (SyDatabase *db, GError **error);
/* Plan items of the plans of @from_year … @to_year: columns id (gint64),
 * title (string), year (gint), due_date (string, may be NULL), n_events
 * (gint64: activities whose plan_item_id names the item), parent_id (gint64,
 * 0 for none), by year and outline. */
GdaDataModel *sy_queries_plan_items_in_years (SyDatabase *db, int from_year, int to_year,
                                              GError **error);

/* Which sub-units have submitted their plan: the units whose parent is
 * @parent_id (unit.parent_id), with columns unit_id (gint64), name (string),
 * plan_id (gint64: their first plan of @year, 0 for none) and n_plans
 * (gint64), by unit id. */
GdaDataModel *sy_queries_sub_unit_plans (SyDatabase *db, gint64 parent_id, int year,
                                         GError **error);

G_END_DECLS
