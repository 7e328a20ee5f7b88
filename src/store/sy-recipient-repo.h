/* sy-recipient-repo.h: writing one 优抚对象 with everything that hangs on it
 *
 * The editor, the status dialog and the CLI change recipients through these
 * functions, so a person and their categories or status history are always
 * written together, in one transaction, with optimistic locking and audit
 * rows.
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

#define SY_TYPE_RECIPIENT_REPO (sy_recipient_repo_get_type ())
G_DECLARE_FINAL_TYPE (SyRecipientRepo, sy_recipient_repo, SY, RECIPIENT_REPO, GObject)

SyRecipientRepo    *sy_recipient_repo_new              (SyDatabase      *db);
SyDatabase         *sy_recipient_repo_get_database     (SyRecipientRepo *self);

/* Inserts @recipient (id 0; a 新增 history row dated today is written too) or
 * updates it (its version must be the stored one, else SY_ERROR_CONFLICT
 * naming who changed it when), and replaces its categories by @categories
 * (SyRecipientCategory; recipient_id and ids are ignored; NULL keeps the
 * stored ones).  The name is required; an ID number must be valid (it is
 * stored normalised) and not belong to anyone else (SY_ERROR_DUPLICATE, the
 * message names that person).  A household_id must name a stored person who
 * is not a member of another household, not the person themself, and a
 * person others name as their head cannot join another household
 * (SY_ERROR_INVALID).  On success @recipient has its id, version and
 * stamps; on failure it is unchanged and nothing is written. */
gboolean            sy_recipient_repo_save             (SyRecipientRepo *self,
                                                        SyRecipient     *recipient,
                                                        GPtrArray       *categories,
                                                        GError         **error);

/* Records a status change (新增, 减员, 迁入, 迁出, 取消资格, 年检 …) effective on
 * @date (YYYY-MM-DD) and sets the person's status to what the change
 * implies, in one transaction (versioned like save). */
gboolean            sy_recipient_repo_change_status    (SyRecipientRepo *self,
                                                        SyRecipient     *recipient,
                                                        const char      *kind,
                                                        const char      *date,
                                                        const char      *reason,
                                                        GError         **error);

/* Deletes the person with their categories and status history (every row
 * audited).  Refused (SY_ERROR_INVALID) when payments or visits name them:
 * those records must keep their person; record a 减员 instead.  Refused as
 * well while household members name them as 户主. */
gboolean            sy_recipient_repo_delete           (SyRecipientRepo *self,
                                                        SyRecipient     *recipient,
                                                        GError         **error);

/* The household @recipient belongs to: its 户主 first (@recipient itself
 * when they head one or belong to none), then every person whose
 * household_id is the head, by name (SyRecipient).  Empty for an unsaved
 * person without a head. */
GListModel         *sy_recipient_repo_list_household   (SyRecipientRepo *self,
                                                        SyRecipient     *recipient,
                                                        GError         **error);

/* Logs that the full ID number of @recipient was shown on screen. */
gboolean            sy_recipient_repo_log_reveal       (SyRecipientRepo *self,
                                                        SyRecipient     *recipient,
                                                        GError         **error);

/* The person other than @except_id holding @id_number, or NULL (no error)
 * when there is none. */
SyRecipient        *sy_recipient_repo_find_by_id_number (SyRecipientRepo *self,
                                                         const char      *id_number,
                                                         gint64           except_id,
                                                         GError         **error);

/* The status kinds offered to users, NULL-terminated (stored as written). */
const char * const *sy_recipient_repo_status_kinds     (void);
/* The status a person has after a change of @kind ("在册" after 迁入 …);
 * @current when the change does not alter it (年检). */
const char         *sy_recipient_repo_status_after     (const char      *kind,
                                                        const char      *current);

G_END_DECLS
