/* sy-recipient-repo.c: writing one 优抚对象 with everything that hangs on it
 *
 * Every operation works on a copy of the caller's record inside the
 * transaction and copies id, version and stamps back only after the commit:
 * a failure half way must leave the caller's object as it was, or the next
 * save would carry a version the database never kept.
 */
#include "sy-recipient-repo.h"
#include "sy-queries.h"

#include <string.h>
#include <glib/gi18n-lib.h>

struct _SyRecipientRepo
{
  GObject     parent_instance;

  SyDatabase *db;
};

G_DEFINE_FINAL_TYPE (SyRecipientRepo, sy_recipient_repo, G_TYPE_OBJECT)

static void
sy_recipient_repo_finalize (GObject *object)
{
  SyRecipientRepo *self = SY_RECIPIENT_REPO (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (sy_recipient_repo_parent_class)->finalize (object);
}

static void
sy_recipient_repo_class_init (SyRecipientRepoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_recipient_repo_finalize;
}

static void
sy_recipient_repo_init (SyRecipientRepo *self)
{
}

SyRecipientRepo *
sy_recipient_repo_new (SyDatabase *db)
{
  SyRecipientRepo *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_RECIPIENT_REPO, NULL);
  self->db = g_object_ref (db);
  return self;
}

SyDatabase *
sy_recipient_repo_get_database (SyRecipientRepo *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_REPO (self), NULL);
  return self->db;
}

/* --- status kinds ---------------------------------------------------------- */

static const struct {
  const char *kind;
  const char *status;  /* NULL: the status stays */
} status_kinds[] = {
  { "新增", "在册" },
  { "减员", "减员" },
  { "迁入", "在册" },
  { "迁出", "迁出" },
  { "取消资格", "取消资格" },
  { "年检", NULL },
};

const char * const *
sy_recipient_repo_status_kinds (void)
{
  static const char *kinds[G_N_ELEMENTS (status_kinds) + 1];

  if (kinds[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (status_kinds); i++)
      kinds[i] = status_kinds[i].kind;
  return kinds;
}

const char *
sy_recipient_repo_status_after (const char *kind,
                                const char *current)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_kinds); i++)
    if (g_strcmp0 (status_kinds[i].kind, kind) == 0)
      return status_kinds[i].status != NULL ? status_kinds[i].status : current;
  /* A kind the office typed itself: it names the new status. */
  return kind;
}

/* --- helpers --------------------------------------------------------------- */

/* Id, version and the stamps of @from into @to (after a commit). */
static void
copy_identity (SyRecord *to,
               SyRecord *from)
{
  sy_record_set_id (to, sy_record_get_id (from));
  sy_record_set_version (to, sy_record_get_version (from));
  g_object_set (to,
                "created-at", sy_record_get_created_at (from),
                "created-by", sy_record_get_created_by (from),
                "updated-at", sy_record_get_updated_at (from),
                "updated-by", sy_record_get_updated_by (from),
                NULL);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

SyRecipient *
sy_recipient_repo_find_by_id_number (SyRecipientRepo *self,
                                     const char      *id_number,
                                     gint64           except_id,
                                     GError         **error)
{
  g_autofree char *select = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GListModel) found = NULL;

  g_return_val_if_fail (SY_IS_RECIPIENT_REPO (self), NULL);

  if (is_blank (id_number))
    return NULL;
  select = sy_database_select_all_sql (SY_TYPE_RECIPIENT);
  sql = g_strconcat (select, " WHERE id_number = ##idn::string AND id <> ##except::gint64", NULL);
  found = sy_database_list (self->db, SY_TYPE_RECIPIENT, sql, error,
                            "idn", G_TYPE_STRING, id_number,
                            "except", G_TYPE_INT64, except_id,
                            NULL);
  if (found == NULL || g_list_model_get_n_items (found) == 0)
    return NULL;
  return g_list_model_get_item (found, 0);
}

/* Checks what the database itself would refuse less helpfully, and stores
 * the ID number normalised. */
static gboolean
check_recipient (SyRecipientRepo *self,
                 SyRecipient     *work,
                 GError         **error)
{
  const char *id_number = sy_recipient_get_id_number (work);
  g_autoptr(SyRecipient) holder = NULL;
  g_autoptr(GError) local_error = NULL;
  SyIdInfo info;

  if (is_blank (sy_recipient_get_name (work)))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("The name is required"));
      return FALSE;
    }

  if (is_blank (id_number))
    {
      sy_recipient_set_id_number (work, NULL);
      return TRUE;
    }
  if (!sy_id_number_validate (id_number, &info, error))
    return FALSE;
  sy_recipient_set_id_number (work, info.normalized);

  holder = sy_recipient_repo_find_by_id_number (self, info.normalized,
                                                sy_record_get_id (SY_RECORD (work)),
                                                &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (holder != NULL)
    {
      const char *village = sy_recipient_get_village (holder);

      if (!is_blank (village))
        g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE,
                     _("The ID number %s is already registered for %s (%s)"),
                     info.normalized, sy_recipient_get_name (holder), village);
      else
        g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE,
                     _("The ID number %s is already registered for %s"),
                     info.normalized, sy_recipient_get_name (holder));
      return FALSE;
    }
  return TRUE;
}

/* The household rules (see sy_recipient_repo_save()); a household_id of 0
 * or less is stored as none. */
static gboolean
check_household (SyRecipientRepo *self,
                 SyRecipient     *work,
                 GError         **error)
{
  gint64 id = sy_record_get_id (SY_RECORD (work));
  gint64 head_id = sy_recipient_get_household_id (work);
  g_autoptr(SyRecipient) head = NULL;
  gint64 members = 0;

  if (head_id <= 0)
    {
      sy_recipient_set_household_id (work, 0);
      return TRUE;
    }
  if (head_id == id)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s cannot be a member of their own household: leave the head empty "
                     "for the head of a household"),
                   sy_recipient_get_name (work));
      return FALSE;
    }
  head = sy_database_load (self->db, SY_TYPE_RECIPIENT, head_id, NULL);
  if (head == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The head of household chosen for %s is no longer in the register"),
                   sy_recipient_get_name (work));
      return FALSE;
    }
  if (sy_recipient_get_household_id (head) > 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is a member of another household and cannot be a head of household; "
                     "choose the head of that household"),
                   sy_recipient_get_name (head));
      return FALSE;
    }
  if (id > 0)
    {
      if (!sy_database_query_int64 (self->db, &members,
                                    "SELECT COUNT(*) FROM recipient WHERE household_id = ##id::gint64",
                                    error, "id", G_TYPE_INT64, id, NULL))
        return FALSE;
      if (members > 0)
        {
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s is the head of a household with %d member and cannot join "
                                    "another household; move the member first",
                                    "%s is the head of a household with %d members and cannot join "
                                    "another household; move the members first",
                                    (gulong) members),
                       sy_recipient_get_name (work), (int) members);
          return FALSE;
        }
    }
  return TRUE;
}

/* Deletes every row of @type whose recipient_id is @recipient_id, one by
 * one, so that each leaves its old values in the audit log. */
static gboolean
delete_children (SyRecipientRepo *self,
                 GType            type,
                 gint64           recipient_id,
                 GError         **error)
{
  g_autofree char *select = sy_database_select_all_sql (type);
  g_autofree char *sql = g_strconcat (select, " WHERE recipient_id = ##rid::gint64", NULL);
  g_autoptr(GListModel) rows = sy_database_list (self->db, type, sql, error,
                                                 "rid", G_TYPE_INT64, recipient_id, NULL);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SyRecord) row = g_list_model_get_item (rows, i);

      if (!sy_database_delete (self->db, row, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_status_change (SyRecipientRepo *self,
                      gint64           recipient_id,
                      const char      *kind,
                      const char      *date,
                      const char      *reason,
                      GError         **error)
{
  g_autoptr(SyStatusChange) change = sy_status_change_new ();

  sy_status_change_set_recipient_id (change, recipient_id);
  sy_status_change_set_kind (change, kind);
  sy_status_change_set_effective_date (change, date);
  sy_status_change_set_reason (change, is_blank (reason) ? NULL : reason);
  return sy_database_insert (self->db, SY_RECORD (change), error);
}

/* --- operations ------------------------------------------------------------ */

gboolean
sy_recipient_repo_save (SyRecipientRepo *self,
                        SyRecipient     *recipient,
                        GPtrArray       *categories,
                        GError         **error)
{
  g_autoptr(SyRecipient) work = NULL;
  gboolean is_new;
  gint64 id;

  g_return_val_if_fail (SY_IS_RECIPIENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_RECIPIENT (recipient), FALSE);

  work = SY_RECIPIENT (sy_record_copy (SY_RECORD (recipient)));
  is_new = sy_record_get_id (SY_RECORD (work)) <= 0;
  if (is_blank (sy_recipient_get_status (work)))
    sy_recipient_set_status (work, "在册");

  if (!sy_database_begin (self->db, error))
    return FALSE;
  if (!check_recipient (self, work, error) || !check_household (self, work, error))
    goto fail;

  if (is_new)
    {
      g_autofree char *now = sy_database_now ();

      now[10] = '\0';  /* the date part */
      if (!sy_database_insert (self->db, SY_RECORD (work), error)
          || !insert_status_change (self, sy_record_get_id (SY_RECORD (work)), "新增", now,
                                    NULL, error))
        goto fail;
    }
  else if (!sy_database_update (self->db, SY_RECORD (work), error))
    goto fail;

  id = sy_record_get_id (SY_RECORD (work));
  if (categories != NULL)
    {
      if (!delete_children (self, SY_TYPE_RECIPIENT_CATEGORY, id, error))
        goto fail;
      for (guint i = 0; i < categories->len; i++)
        {
          g_autoptr(SyRecord) category = sy_record_copy (g_ptr_array_index (categories, i));

          if (is_blank (sy_recipient_category_get_category (SY_RECIPIENT_CATEGORY (category))))
            continue;
          sy_record_set_id (category, 0);
          sy_recipient_category_set_recipient_id (SY_RECIPIENT_CATEGORY (category), id);
          if (!sy_database_insert (self->db, category, error))
            goto fail;
        }
    }

  if (!sy_database_commit (self->db, error))
    return FALSE;

  copy_identity (SY_RECORD (recipient), SY_RECORD (work));
  sy_recipient_set_id_number (recipient, sy_recipient_get_id_number (work));
  sy_recipient_set_status (recipient, sy_recipient_get_status (work));
  return TRUE;

fail:
  sy_database_rollback (self->db);
  return FALSE;
}

gboolean
sy_recipient_repo_change_status (SyRecipientRepo *self,
                                 SyRecipient     *recipient,
                                 const char      *kind,
                                 const char      *date,
                                 const char      *reason,
                                 GError         **error)
{
  g_autoptr(SyRecipient) work = NULL;
  g_autofree char *iso = NULL;

  g_return_val_if_fail (SY_IS_RECIPIENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_RECIPIENT (recipient), FALSE);

  if (is_blank (kind))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("The kind of change is required"));
      return FALSE;
    }
  iso = date != NULL ? sy_recipient_parse_date (date, NULL) : NULL;
  if (iso == NULL || strlen (iso) != 10)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("“%s” is not a date; write it as 2024-03-15"), date != NULL ? date : "");
      return FALSE;
    }

  work = SY_RECIPIENT (sy_record_copy (SY_RECORD (recipient)));
  sy_recipient_set_status (work, sy_recipient_repo_status_after (kind,
                                                                 sy_recipient_get_status (work)));

  if (!sy_database_begin (self->db, error))
    return FALSE;
  /* The update runs even when the status stays (年检): it checks the version
   * and records who touched the person last. */
  if (!sy_database_update (self->db, SY_RECORD (work), error)
      || !insert_status_change (self, sy_record_get_id (SY_RECORD (work)), kind, iso, reason,
                                error))
    goto fail;
  if (!sy_database_commit (self->db, error))
    return FALSE;

  copy_identity (SY_RECORD (recipient), SY_RECORD (work));
  sy_recipient_set_status (recipient, sy_recipient_get_status (work));
  return TRUE;

fail:
  sy_database_rollback (self->db);
  return FALSE;
}

gboolean
sy_recipient_repo_delete (SyRecipientRepo *self,
                          SyRecipient     *recipient,
                          GError         **error)
{
  gint64 id, referenced = 0;

  g_return_val_if_fail (SY_IS_RECIPIENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_RECIPIENT (recipient), FALSE);

  id = sy_record_get_id (SY_RECORD (recipient));
  if (!sy_database_begin (self->db, error))
    return FALSE;

  if (!sy_database_query_int64 (self->db, &referenced,
                                "SELECT (SELECT COUNT(*) FROM disbursement_line WHERE recipient_id = ##rid::gint64)"
                                " + (SELECT COUNT(*) FROM event_recipient WHERE recipient_id = ##rid::gint64)",
                                error, "rid", G_TYPE_INT64, id, NULL))
    goto fail;
  if (referenced > 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s cannot be deleted: payments or visits are recorded for them. "
                     "Record a status change (减员, 迁出 …) instead"),
                   sy_recipient_get_name (recipient));
      goto fail;
    }

  /* Members would silently lose their head: the user decides who heads the
   * household now, then deletes. */
  if (!sy_database_query_int64 (self->db, &referenced,
                                "SELECT COUNT(*) FROM recipient WHERE household_id = ##rid::gint64",
                                error, "rid", G_TYPE_INT64, id, NULL))
    goto fail;
  if (referenced > 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s cannot be deleted: %d household member names them as head of "
                                "household. Give the member another head first",
                                "%s cannot be deleted: %d household members name them as head of "
                                "household. Give the members another head first",
                                (gulong) referenced),
                   sy_recipient_get_name (recipient), (int) referenced);
      goto fail;
    }

  if (!delete_children (self, SY_TYPE_RECIPIENT_CATEGORY, id, error)
      || !delete_children (self, SY_TYPE_STATUS_CHANGE, id, error)
      || !sy_database_delete (self->db, SY_RECORD (recipient), error))
    goto fail;

  return sy_database_commit (self->db, error);

fail:
  sy_database_rollback (self->db);
  return FALSE;
}

GListModel *
sy_recipient_repo_list_household (SyRecipientRepo *self,
                                  SyRecipient     *recipient,
                                  GError         **error)
{
  g_autofree char *select = NULL;
  g_autofree char *sql = NULL;
  gint64 head_id;

  g_return_val_if_fail (SY_IS_RECIPIENT_REPO (self), NULL);
  g_return_val_if_fail (SY_IS_RECIPIENT (recipient), NULL);

  head_id = sy_recipient_get_household_id (recipient);
  if (head_id <= 0)
    head_id = sy_record_get_id (SY_RECORD (recipient));
  if (head_id <= 0)
    return G_LIST_MODEL (g_list_store_new (SY_TYPE_RECIPIENT));

  select = sy_database_select_all_sql (SY_TYPE_RECIPIENT);
  sql = g_strconcat (select,
                     " WHERE id = ##head::gint64 OR household_id = ##head::gint64"
                     " ORDER BY CASE WHEN id = ##head::gint64 THEN 0 ELSE 1 END, name, id",
                     NULL);
  return sy_database_list (self->db, SY_TYPE_RECIPIENT, sql, error,
                           "head", G_TYPE_INT64, head_id, NULL);
}

/* @text as a JSON string literal. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gboolean
sy_recipient_repo_log_reveal (SyRecipientRepo *self,
                              SyRecipient     *recipient,
                              GError         **error)
{
  g_autoptr(GString) details = g_string_new ("{\"field\": \"id_number\", \"name\": ");

  g_return_val_if_fail (SY_IS_RECIPIENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_RECIPIENT (recipient), FALSE);

  /* The log says whose number was seen, not the number itself. */
  append_json_string (details, sy_recipient_get_name (recipient));
  g_string_append_c (details, '}');
  return sy_database_audit_event (self->db, "reveal", "recipient",
                                  sy_record_get_id (SY_RECORD (recipient)), details->str, error);
}
