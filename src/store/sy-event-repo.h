/* sy-event-repo.h: writing one 活动 with its 共建部队, visits and photos
 *
 * The event editor, the folder intake and the CLI change activities through
 * these functions, so an activity and everything that hangs on it are
 * written together, in one transaction, with optimistic locking (on the
 * activity's version) and an audit row for every change.
 *
 * Photos are attachments (content-addressed by SHA-256).  The same photo
 * (the same bytes) can be in an activity once: a second copy is refused
 * with SY_ERROR_DUPLICATE, whatever its file name.  Originals are stored
 * unchanged; the stored bytes are what the ledger embeds.
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

#define SY_TYPE_EVENT_REPO (sy_event_repo_get_type ())
G_DECLARE_FINAL_TYPE (SyEventRepo, sy_event_repo, SY, EVENT_REPO, GObject)

SyEventRepo        *sy_event_repo_new            (SyDatabase  *db);
SyDatabase         *sy_event_repo_get_database   (SyEventRepo *self);

/* The kinds of activity the seed names (走访慰问, 座谈会 …), NULL-terminated.
 * Offices may type others; sy_queries_event_kinds() lists the stored ones. */
const char * const *sy_event_repo_seed_kinds     (void);

/* Normalises a date as typed ("2025-1-20", "2025-01-20 9:30",
 * "2025年1月20日") to "YYYY-MM-DD" or "YYYY-MM-DD HH:MM"; NULL with
 * SY_ERROR_INVALID (the message says how to write it) otherwise. */
char               *sy_event_repo_parse_date     (const char  *text,
                                                  GError     **error);

/* Saves @event and what hangs on it in one transaction.  @event is inserted
 * (id 0) or updated (its version must be the stored one, else
 * SY_ERROR_CONFLICT naming who changed it when).  Kind, title and a date
 * (see sy_event_repo_parse_date(), stored normalised) are required, and the
 * headcounts cannot be negative (SY_ERROR_INVALID).
 *
 * Each list replaces the stored one; NULL keeps it as stored:
 * @military_unit_ids (gint64 ids of military_unit rows), @visits
 * (SyEventRecipient: a person at most once, money not negative) and
 * @photos (SyEventPhoto, in the order to show; positions are renumbered
 * 0…n-1; each attachment must be stored; a hash at most once).  List rows
 * with an id are updated when they differ from the stored row, rows without
 * one are inserted, stored rows missing from the list are deleted.
 *
 * The event's plan_item_id (0: none) is written with it; an item that no
 * longer exists is SY_ERROR_INVALID.
 *
 * On success @event has its id, version and stamps and the list rows their
 * ids, event ids and versions; on failure nothing is written and @event is
 * unchanged. */
gboolean            sy_event_repo_save           (SyEventRepo *self,
                                                  SyEvent     *event,
                                                  GArray      *military_unit_ids,
                                                  GPtrArray   *visits,
                                                  GPtrArray   *photos,
                                                  GError     **error);

/* sy_event_repo_save() that also replaces the 考评 items the activity is
 * evidence for: @assessment_item_ids (gint64 ids of assessment_item rows;
 * NULL keeps the stored links) become its links (assessment_link, entity
 * "event"), written through SyAssessmentRepo in the same transaction — an
 * item deleted meanwhile fails the whole save (SY_ERROR_NOT_FOUND). */
gboolean            sy_event_repo_save_linked    (SyEventRepo *self,
                                                  SyEvent     *event,
                                                  GArray      *military_unit_ids,
                                                  GPtrArray   *visits,
                                                  GPtrArray   *photos,
                                                  GArray      *assessment_item_ids,
                                                  GError     **error);

/* The ids of the 考评 items @event_id is linked to, in item outline order. */
GArray             *sy_event_repo_list_assessment_item_ids (SyEventRepo *self,
                                                            gint64       event_id,
                                                            GError     **error);

/* Deletes the activity with its photos, visits, military-unit and 考评
 * links (each audited; version-checked like save).  The attachments stay: other
 * activities or documents may hold the same file. */
gboolean            sy_event_repo_delete         (SyEventRepo *self,
                                                  SyEvent     *event,
                                                  GError     **error);

/* The SHA-256 (hex) of @bytes, as the attachment store names it. */
char               *sy_event_repo_photo_hash     (GBytes      *bytes);

/* For the editor, whose photos are saved with the activity: stores @bytes
 * in the attachment store and returns a new, unsaved SyEventPhoto (id 0,
 * in the ledger, @caption) for the end of @photos (SyEventPhoto, the
 * activity's photos as the editor holds them; NULL for none).  Refused with
 * SY_ERROR_DUPLICATE, "This photo is already in the activity", when @photos
 * hold the same content; nothing is stored then. */
SyEventPhoto       *sy_event_repo_prepare_photo  (SyEventRepo *self,
                                                  GPtrArray   *photos,
                                                  GBytes      *bytes,
                                                  const char  *mime_type,
                                                  const char  *original_name,
                                                  const char  *caption,
                                                  GError     **error);

/* Adds a photo to the stored activity @event at once (folder intake, CLI):
 * stores the bytes, appends the photo after the stored ones and touches
 * @event (version-checked, so an editor open on it sees a conflict).
 * SY_ERROR_DUPLICATE as for prepare_photo, against the stored photos.
 * Returns the stored photo. */
SyEventPhoto       *sy_event_repo_add_photo      (SyEventRepo *self,
                                                  SyEvent     *event,
                                                  GBytes      *bytes,
                                                  const char  *mime_type,
                                                  const char  *original_name,
                                                  const char  *caption,
                                                  GError     **error);

/* The caption the editor offers for a new photo: "时间 地点 事由" from the
 * activity (its date in Chinese, its place, its title); caller frees. */
char               *sy_event_repo_default_caption (SyEvent    *event);

/* The ids of the military units linked to @event_id, in id order. */
GArray             *sy_event_repo_list_military_unit_ids (SyEventRepo *self,
                                                          gint64       event_id,
                                                          GError     **error);

/* --- the plan item an activity carries out (event.plan_item_id) ---------- */

/* A plan item as an activity shows it. */
typedef struct {
  gint64  id;
  char   *text;   /* "label title" (the title's first line) */
  char   *path;   /* the plan's title and the ancestors' "label title", " › "-joined */
} SyEventPlanChoice;

void                sy_event_plan_choice_free    (SyEventPlanChoice *choice);

/* The items of the plans of @year (SyEventPlanChoice), plan by plan in
 * outline order, for the editor's picker; caller unrefs. */
GPtrArray          *sy_event_repo_plan_choices   (SyEventRepo *self,
                                                  int          year,
                                                  GError     **error);
/* The stored item @item_id as a choice; NULL with SY_ERROR_NOT_FOUND when
 * it is gone. */
SyEventPlanChoice  *sy_event_repo_plan_choice    (SyEventRepo *self,
                                                  gint64       item_id,
                                                  GError     **error);

/* Adds a 共建部队 to the registry (name required; a name already
 * registered is SY_ERROR_DUPLICATE).  @unit gets its id. */
gboolean            sy_event_repo_add_military_unit (SyEventRepo    *self,
                                                     SyMilitaryUnit *unit,
                                                     GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyEventPlanChoice, sy_event_plan_choice_free)

G_END_DECLS
