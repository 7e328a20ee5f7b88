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

/* Events, newest first, with "photo_count". */
SyQueryModel *sy_queries_events            (SyDatabase *db, GError **error);
/* Events with a date in [from_year-01-01, to_year-12-31], oldest first (for the ledger). */
GListModel   *sy_queries_events_in_years   (SyDatabase *db, int from_year, int to_year, GError **error);
/* Photos of an event in order (SyEventPhoto). */
GListModel   *sy_queries_event_photos      (SyDatabase *db, gint64 event_id, GError **error);

/* Disbursement runs, newest first, with "line_count" and "total_fen". */
SyQueryModel *sy_queries_batches           (SyDatabase *db, GError **error);
/* Lines of a run with "recipient_name", "id_number", "category". */
GListModel   *sy_queries_batch_lines       (SyDatabase *db, gint64 batch_id, GError **error);
/* Subsidy standards, by kind and effective date. */
GListModel   *sy_queries_standards         (SyDatabase *db, GError **error);

/* Documents, newest first. */
SyQueryModel *sy_queries_documents         (SyDatabase *db, GError **error);

/* Leading group members effective on @date (YYYY-MM-DD), by role. */
GListModel   *sy_queries_leading_group     (SyDatabase *db, const char *date, GError **error);
/* The office (the unit without parent), or NULL. */
SyUnit       *sy_queries_office            (SyDatabase *db, GError **error);

G_END_DECLS
