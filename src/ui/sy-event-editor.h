/* sy-event-editor.h: the window that adds or edits one 活动 with its photos and visits
 *
 * A modal form: the record sheet (type, title, date and time, place,
 * organiser, 共建部队, headcounts, participants, content, outcome, recorder,
 * reviewer), the photos (a grid of upright thumbnails made in worker
 * threads; added with the file chooser or by dropping files; each file
 * checked by sy-photo-intake, a refused one named with the reason while the
 * others are still added; captions, order, "in the ledger", remove) and the
 * visits (people from the register with gift, money, needs, follow-up),
 * the plan item it carries out (picked from the plans of its year, by a
 * search over "label title" and the outline path; clearable) and the 考评
 * items it is evidence for (the standards and their sub-items, ticked).
 *
 * Inline validation; Save (Ctrl+S) stays insensitive while anything is
 * invalid; everything is saved in one transaction through SyEventRepo; a
 * conflict with another desk is shown and the form kept.  Photos are put
 * into the attachment store as they are added (content-addressed, so
 * nothing is stored twice); the activity points at them only once saved.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_EVENT_EDITOR (sy_event_editor_get_type ())
G_DECLARE_FINAL_TYPE (SyEventEditor, sy_event_editor, SY, EVENT_EDITOR, AdwWindow)

/* @event NULL: a new activity.  The editor works on a copy; it emits
 * "saved" (with the stored SyEvent) after a successful save and closes, or
 * "deleted" (with the deleted SyEvent) after a confirmed delete. */
SyEventEditor *sy_event_editor_new          (GtkWindow     *parent,
                                             SyEventRepo   *repo,
                                             SyEvent       *event);

/* TRUE when every field is valid (what Save's sensitivity shows). */
gboolean       sy_event_editor_is_valid     (SyEventEditor *self);
/* The entry of a field: "kind", "title", "date", "place", "organiser",
 * "participants", "recorder", "reviewer"; NULL for an unknown name. */
GtkEditable   *sy_event_editor_get_entry    (SyEventEditor *self,
                                             const char    *field);
/* The inline message under "kind", "title" or "date" ("" when valid). */
const char    *sy_event_editor_get_message  (SyEventEditor *self,
                                             const char    *field);
/* The headcount spin buttons: "leaders", "soldiers", "civilians". */
GtkSpinButton *sy_event_editor_get_spin     (SyEventEditor *self,
                                             const char    *field);
/* The text of "content" or "outcome". */
GtkTextBuffer *sy_event_editor_get_buffer   (SyEventEditor *self,
                                             const char    *field);

/* Checks and adds photo files (GFile items of @files) in worker threads, in
 * the order given; what the file chooser and a drop both call. */
void           sy_event_editor_add_files    (SyEventEditor *self,
                                             GListModel    *files);
/* Files still being checked. */
guint          sy_event_editor_get_pending_photos (SyEventEditor *self);
/* Photos in the activity as the editor holds them, and one of them. */
guint          sy_event_editor_get_n_photos (SyEventEditor *self);
SyEventPhoto  *sy_event_editor_get_photo    (SyEventEditor *self,
                                             guint          index);
/* Why files of the latest additions were refused, one line each ("" for none). */
const char    *sy_event_editor_get_photo_messages (SyEventEditor *self);

/* Ticks (or clears) a 共建部队 of the registry. */
void           sy_event_editor_set_military_unit (SyEventEditor *self,
                                                  gint64         unit_id,
                                                  gboolean       taking_part);
/* Adds a visit to the person @recipient_id (nothing if already visited);
 * returns the money entry of the visit (元), NULL if not added. */
GtkEditable   *sy_event_editor_add_visit    (SyEventEditor *self,
                                             gint64         recipient_id);
guint          sy_event_editor_get_n_visits (SyEventEditor *self);

/* The plan item the activity carries out (0: none; saved in
 * event.plan_item_id), as the "Plan Item" row's picker sets it. */
void           sy_event_editor_set_plan_item (SyEventEditor *self,
                                              gint64         item_id);
gint64         sy_event_editor_get_plan_item (SyEventEditor *self);
/* What the row shows: "label title", a newline and the outline path; or
 * "None". */
const char    *sy_event_editor_get_plan_item_text (SyEventEditor *self);
/* The picker: fills it with the items of the plans of the activity's year,
 * filters them by @text (a substring of "label title" or the path) and
 * returns how many are shown; choose_plan_item() picks the @index-th shown
 * (as a click does).  FALSE when there is no such row. */
guint          sy_event_editor_search_plan_items (SyEventEditor *self,
                                                  const char    *text);
gboolean       sy_event_editor_choose_plan_item  (SyEventEditor *self,
                                                  guint          index);

/* Ticks (or clears) a 考评 item the activity is evidence for, and the
 * ticked ones (gint64 ids, outline order; caller unrefs). */
void           sy_event_editor_set_assessment_item  (SyEventEditor *self,
                                                     gint64         item_id,
                                                     gboolean       linked);
GArray        *sy_event_editor_get_assessment_items (SyEventEditor *self);

G_END_DECLS
