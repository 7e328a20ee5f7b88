/* sy-event-repo.c: writing one 活动 with its 共建部队, visits and photos
 *
 * As in sy-recipient-repo.c, every operation works on copies inside the
 * transaction and copies ids, versions and stamps back only after the
 * commit: a failure half way must leave the caller's objects as they were,
 * or the next save would carry versions the database never kept.
 */
#include "sy-event-repo.h"
#include "sy-assessment-repo.h"
#include "sy-attachment-store.h"
#include "sy-plan-repo.h"
#include "sy-queries.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

struct _SyEventRepo
{
  GObject     parent_instance;

  SyDatabase *db;
};

G_DEFINE_FINAL_TYPE (SyEventRepo, sy_event_repo, G_TYPE_OBJECT)

static void
sy_event_repo_finalize (GObject *object)
{
  SyEventRepo *self = SY_EVENT_REPO (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (sy_event_repo_parent_class)->finalize (object);
}

static void
sy_event_repo_class_init (SyEventRepoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_event_repo_finalize;
}

static void
sy_event_repo_init (SyEventRepo *self)
{
}

SyEventRepo *
sy_event_repo_new (SyDatabase *db)
{
  SyEventRepo *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_EVENT_REPO, NULL);
  self->db = g_object_ref (db);
  return self;
}

SyDatabase *
sy_event_repo_get_database (SyEventRepo *self)
{
  g_return_val_if_fail (SY_IS_EVENT_REPO (self), NULL);
  return self->db;
}

const char * const *
sy_event_repo_seed_kinds (void)
{
  static const char * const kinds[] = {
    "走访慰问", "座谈会", "军民联欢", "国防教育", "军训", "共建签约", "帮扶", "拥军优属",
    "会议", "表彰", "宣传", "优抚政策落实", NULL
  };
  return kinds;
}

/* --- helpers --------------------------------------------------------------- */

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

char *
sy_event_repo_parse_date (const char  *text,
                          GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  int y = 0, m = 0, d = 0, hh = -1, mm = -1, used = 0;
  const char *rest;

  /* 2025年1月20日 is what people type in Chinese documents. */
  if (sscanf (copy, "%d-%d-%d%n", &y, &m, &d, &used) != 3
      && sscanf (copy, "%d/%d/%d%n", &y, &m, &d, &used) != 3
      && sscanf (copy, "%d.%d.%d%n", &y, &m, &d, &used) != 3
      && sscanf (copy, "%d年%d月%d日%n", &y, &m, &d, &used) != 3)
    goto bad;
  rest = copy + used;
  while (*rest == ' ' || *rest == 'T')
    rest++;
  if (*rest != '\0')
    {
      int tail = 0;

      if (sscanf (rest, "%d:%d%n", &hh, &mm, &tail) != 2 || rest[tail] != '\0'
          || hh < 0 || hh > 23 || mm < 0 || mm > 59)
        goto bad;
    }
  if (y < 1900 || y > 2999 || !g_date_valid_dmy (d, m, y))
    goto bad;
  if (hh >= 0)
    return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", y, m, d, hh, mm);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);

bad:
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("“%s” is not a date; write it as 2025-01-20 or 2025-01-20 09:30"), copy);
  return NULL;
}

char *
sy_event_repo_photo_hash (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

char *
sy_event_repo_default_caption (SyEvent *event)
{
  const char *date = sy_event_get_date (event);
  GString *caption = g_string_new (NULL);
  int y, m, d;

  if (date != NULL && sscanf (date, "%d-%d-%d", &y, &m, &d) == 3)
    g_string_append_printf (caption, "%d年%d月%d日", y, m, d);
  if (!is_blank (sy_event_get_place (event)))
    g_string_append_printf (caption, "%s%s", caption->len ? " " : "", sy_event_get_place (event));
  if (!is_blank (sy_event_get_title (event)))
    g_string_append_printf (caption, "%s%s", caption->len ? " " : "", sy_event_get_title (event));
  return g_string_free (caption, FALSE);
}

/* Stored rows of @type whose event_id is @event_id, by id. */
static GListModel *
list_children (SyEventRepo *self,
               GType        type,
               gint64       event_id,
               GError     **error)
{
  g_autofree char *select = sy_database_select_all_sql (type);
  g_autofree char *sql = g_strconcat (select, " WHERE event_id = ##eid::gint64 ORDER BY id", NULL);

  return sy_database_list (self->db, type, sql, error, "eid", G_TYPE_INT64, event_id, NULL);
}

/* TRUE when the stored fields of @a and @b are equal. */
static gboolean
same_fields (SyRecord *a,
             SyRecord *b)
{
  g_autofree char *ja = sy_record_to_json (a);
  g_autofree char *jb = sy_record_to_json (b);

  return g_strcmp0 (ja, jb) == 0;
}

/* Replaces the stored children of @type of @event_id by @rows (copies are
 * written; @written receives them in @rows' order).  @prepare checks and
 * fixes up each copy before it is written. */
typedef gboolean (*PrepareFunc) (SyEventRepo *self, SyRecord *row, guint index, GError **error);

static gboolean
replace_children (SyEventRepo *self,
                  GType        type,
                  gint64       event_id,
                  GPtrArray   *rows,
                  PrepareFunc  prepare,
                  GPtrArray   *written,
                  GError     **error)
{
  g_autoptr(GListModel) stored = list_children (self, type, event_id, error);
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_stored;

  if (stored == NULL)
    return FALSE;
  n_stored = g_list_model_get_n_items (stored);

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = sy_record_get_id (g_ptr_array_index (rows, i));

      if (id > 0)
        g_hash_table_add (kept, g_memdup2 (&id, sizeof id));
    }

  /* Deletions first, so a row moved elsewhere never meets its old self. */
  for (guint i = 0; i < n_stored; i++)
    {
      g_autoptr(SyRecord) row = g_list_model_get_item (stored, i);
      gint64 id = sy_record_get_id (row);

      if (!g_hash_table_contains (kept, &id) && !sy_database_delete (self->db, row, error))
        return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(SyRecord) work = sy_record_copy (g_ptr_array_index (rows, i));
      gint64 id = sy_record_get_id (work);
      GValue value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_INT64);
      g_value_set_int64 (&value, event_id);
      g_object_set_property (G_OBJECT (work), "event-id", &value);
      g_value_unset (&value);
      if (prepare != NULL && !prepare (self, work, i, error))
        return FALSE;

      if (id <= 0)
        {
          if (!sy_database_insert (self->db, work, error))
            return FALSE;
        }
      else
        {
          SyRecord *old = NULL;

          for (guint k = 0; k < n_stored && old == NULL; k++)
            {
              SyRecord *candidate = g_list_model_get_item (stored, k);

              if (sy_record_get_id (candidate) == id)
                old = candidate;
              else
                g_object_unref (candidate);
            }
          if (old == NULL)
            {
              /* Deleted at another desk while this one edited it. */
              g_set_error (error, SY_ERROR, SY_ERROR_CONFLICT,
                           _("A row of this activity was deleted at another desk; reload the activity"));
              return FALSE;
            }
          if (!same_fields (old, work) || sy_record_get_version (old) != sy_record_get_version (work))
            {
              if (!sy_database_update (self->db, work, error))
                {
                  g_object_unref (old);
                  return FALSE;
                }
            }
          else
            copy_identity (work, old);
          g_object_unref (old);
        }
      g_ptr_array_add (written, g_steal_pointer (&work));
    }
  return TRUE;
}

static gboolean
prepare_visit (SyEventRepo *self,
               SyRecord    *row,
               guint        index,
               GError     **error)
{
  SyEventRecipient *visit = SY_EVENT_RECIPIENT (row);
  g_autoptr(SyRecipient) person = NULL;

  if (sy_event_recipient_get_recipient_id (visit) <= 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("Visit %u names nobody"), index + 1);
      return FALSE;
    }
  person = sy_database_load (self->db, SY_TYPE_RECIPIENT, sy_event_recipient_get_recipient_id (visit),
                             NULL);
  if (person == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Visit %u names a person who is no longer in the register"), index + 1);
      return FALSE;
    }
  if (sy_event_recipient_get_money_fen (visit) < 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The money given to %s cannot be negative"), sy_recipient_get_name (person));
      return FALSE;
    }
  if (is_blank (sy_event_recipient_get_gift (visit)))
    sy_event_recipient_set_gift (visit, NULL);
  if (is_blank (sy_event_recipient_get_needs (visit)))
    sy_event_recipient_set_needs (visit, NULL);
  if (is_blank (sy_event_recipient_get_follow_up (visit)))
    sy_event_recipient_set_follow_up (visit, NULL);
  return TRUE;
}

static gboolean
prepare_photo (SyEventRepo *self,
               SyRecord    *row,
               guint        index,
               GError     **error)
{
  SyEventPhoto *photo = SY_EVENT_PHOTO (row);
  const char *hash = sy_event_photo_get_attachment_hash (photo);
  gint64 stored = 0;

  if (is_blank (hash)
      || !sy_database_query_int64 (self->db, &stored,
                                   "SELECT COUNT(*) FROM attachment WHERE hash = ##h::string",
                                   NULL, "h", G_TYPE_STRING, hash, NULL)
      || stored == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND,
                   _("Photo %u is missing from the attachment store; add it again"), index + 1);
      return FALSE;
    }
  sy_event_photo_set_position (photo, (int) index);
  return TRUE;
}

/* Two list rows naming the same person or the same photo. */
static gboolean
check_unique (GPtrArray   *rows,
              const char  *property,
              GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GValue value = G_VALUE_INIT;
      char *key;

      g_object_get_property (g_ptr_array_index (rows, i), property, &value);
      key = G_VALUE_HOLDS_STRING (&value) ? g_value_dup_string (&value)
                                          : g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value));
      g_value_unset (&value);
      if (key == NULL)
        continue;
      if (!g_hash_table_add (seen, key))
        {
          if (g_str_equal (property, "attachment-hash"))
            g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE, _("This photo is already in the activity"));
          else
            g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE,
                         _("A person can be visited once per activity; visit %u repeats one"), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_event (SyEvent  *work,
             GError  **error)
{
  g_autofree char *date = NULL;

  if (is_blank (sy_event_get_kind (work)))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("The type of activity is required"));
      return FALSE;
    }
  if (is_blank (sy_event_get_title (work)))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("The title is required"));
      return FALSE;
    }
  date = sy_event_repo_parse_date (sy_event_get_date (work), error);
  if (date == NULL)
    return FALSE;
  sy_event_set_date (work, date);
  if (sy_event_get_leaders (work) < 0 || sy_event_get_soldiers (work) < 0
      || sy_event_get_civilians (work) < 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("A headcount cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

/* The plan item the activity names must still be there: the Plans tab may
 * have deleted it while the editor was open. */
static gboolean
check_plan_item (SyEventRepo  *self,
                 SyEvent      *work,
                 GError      **error)
{
  gint64 item_id = sy_event_get_plan_item_id (work);
  gint64 found = 0;

  if (item_id <= 0)
    return TRUE;
  if (!sy_database_query_int64 (self->db, &found,
                                "SELECT COUNT(*) FROM plan_item WHERE id = ##id::gint64",
                                error, "id", G_TYPE_INT64, item_id, NULL))
    return FALSE;
  if (found == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The plan item this activity carries out was deleted from the plan; choose another"));
      return FALSE;
    }
  return TRUE;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
replace_military_units (SyEventRepo *self,
                        gint64       event_id,
                        GArray      *ids,
                        GError     **error)
{
  g_autoptr(GArray) old = sy_event_repo_list_military_unit_ids (self, event_id, error);
  g_autoptr(GString) before = g_string_new ("{\"military_unit_ids\":[");
  g_autoptr(GString) after = g_string_new ("{\"military_unit_ids\":[");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) wanted = NULL;
  gboolean same;

  if (old == NULL)
    return FALSE;
  /* Both lists in id order, so the same set compares equal. */
  wanted = g_array_copy (ids);
  g_array_sort (wanted, compare_ids);
  for (guint i = 0; i < old->len; i++)
    g_string_append_printf (before, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (old, gint64, i));
  for (guint i = 0; i < wanted->len; i++)
    {
      gint64 id = g_array_index (wanted, gint64, i);

      if (!g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        continue;
      g_string_append_printf (after, "%s%" G_GINT64_FORMAT,
                              g_hash_table_size (seen) > 1 ? "," : "", id);
    }
  g_string_append (before, "]}");
  g_string_append (after, "]}");
  same = g_str_equal (before->str, after->str);
  if (same)
    return TRUE;

  if (sy_database_execute (self->db, "DELETE FROM event_military_unit WHERE event_id = ##eid::gint64",
                           error, "eid", G_TYPE_INT64, event_id, NULL) < 0)
    return FALSE;
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (sy_database_execute (self->db,
                               "INSERT INTO event_military_unit (event_id, military_unit_id) "
                               "VALUES (##eid::gint64, ##mid::gint64)",
                               error,
                               "eid", G_TYPE_INT64, event_id,
                               "mid", G_TYPE_INT64, *(gint64 *) key,
                               NULL) < 0)
        return FALSE;
  }
  /* A link table has no record class: audited by hand, old and new lists. */
  return sy_database_audit_event (self->db, "update", "event_military_unit", event_id, after->str, error);
}

/* --- operations ------------------------------------------------------------ */

GArray *
sy_event_repo_list_military_unit_ids (SyEventRepo *self,
                                      gint64       event_id,
                                      GError     **error)
{
  static const GType types[] = { G_TYPE_INT64, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = NULL;
  GArray *ids;
  gint n;

  g_return_val_if_fail (SY_IS_EVENT_REPO (self), NULL);

  model = sy_database_select (self->db,
                              "SELECT military_unit_id FROM event_military_unit "
                              "WHERE event_id = ##eid::gint64 ORDER BY military_unit_id",
                              types, error, "eid", G_TYPE_INT64, event_id, NULL);
  if (model == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  n = gda_data_model_get_n_rows (model);
  for (gint i = 0; i < n; i++)
    {
      const GValue *v = gda_data_model_get_value_at (model, 0, i, NULL);
      gint64 id = v != NULL && G_VALUE_HOLDS_INT64 (v) ? g_value_get_int64 (v) : 0;

      if (id > 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

GArray *
sy_event_repo_list_assessment_item_ids (SyEventRepo *self,
                                        gint64       event_id,
                                        GError     **error)
{
  g_autoptr(SyAssessmentRepo) assessment = NULL;
  g_autoptr(GListModel) links = NULL;
  GArray *ids;

  g_return_val_if_fail (SY_IS_EVENT_REPO (self), NULL);

  assessment = sy_assessment_repo_new (self->db);
  links = sy_assessment_repo_links_for_evidence (assessment, SY_ASSESSMENT_EVENT, event_id, error);
  if (links == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(SyAssessmentLink) link = g_list_model_get_item (links, i);
      gint64 id = sy_assessment_link_get_item_id (link);

      g_array_append_val (ids, id);
    }
  return ids;
}

static gboolean
holds_id (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Links @event_id to exactly @wanted through the 考评 repository (its link
 * and unlink audit each row); unchanged links are not touched. */
static gboolean
replace_assessment_links (SyEventRepo *self,
                          gint64       event_id,
                          GArray      *wanted,
                          GError     **error)
{
  g_autoptr(SyAssessmentRepo) assessment = sy_assessment_repo_new (self->db);
  g_autoptr(GArray) stored = sy_event_repo_list_assessment_item_ids (self, event_id, error);
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stored == NULL)
    return FALSE;
  for (guint i = 0; i < stored->len; i++)
    {
      gint64 id = g_array_index (stored, gint64, i);

      if (!holds_id (wanted, id)
          && !sy_assessment_repo_unlink (assessment, id, SY_ASSESSMENT_EVENT, event_id, error))
        return FALSE;
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      gint64 id = g_array_index (wanted, gint64, i);

      /* A list naming an item twice means it once. */
      if (holds_id (stored, id) || holds_id (added, id))
        continue;
      if (!sy_assessment_repo_link (assessment, id, SY_ASSESSMENT_EVENT, event_id, error))
        return FALSE;
      g_array_append_val (added, id);
    }
  return TRUE;
}

gboolean
sy_event_repo_save (SyEventRepo *self,
                    SyEvent     *event,
                    GArray      *military_unit_ids,
                    GPtrArray   *visits,
                    GPtrArray   *photos,
                    GError     **error)
{
  return sy_event_repo_save_linked (self, event, military_unit_ids, visits, photos, NULL, error);
}

gboolean
sy_event_repo_save_linked (SyEventRepo *self,
                           SyEvent     *event,
                           GArray      *military_unit_ids,
                           GPtrArray   *visits,
                           GPtrArray   *photos,
                           GArray      *assessment_item_ids,
                           GError     **error)
{
  g_autoptr(SyEvent) work = NULL;
  g_autoptr(GPtrArray) written_visits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) written_photos = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 id;

  g_return_val_if_fail (SY_IS_EVENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_EVENT (event), FALSE);

  work = SY_EVENT (sy_record_copy (SY_RECORD (event)));
  if (!check_event (work, error)
      || !check_unique (visits, "recipient-id", error)
      || !check_unique (photos, "attachment-hash", error))
    return FALSE;

  if (!sy_database_begin (self->db, error))
    return FALSE;
  if (!check_plan_item (self, work, error))
    goto fail;
  if (sy_record_get_id (SY_RECORD (work)) <= 0)
    {
      if (!sy_database_insert (self->db, SY_RECORD (work), error))
        goto fail;
    }
  else if (!sy_database_update (self->db, SY_RECORD (work), error))
    goto fail;

  id = sy_record_get_id (SY_RECORD (work));
  if (military_unit_ids != NULL && !replace_military_units (self, id, military_unit_ids, error))
    goto fail;
  if (visits != NULL
      && !replace_children (self, SY_TYPE_EVENT_RECIPIENT, id, visits, prepare_visit,
                            written_visits, error))
    goto fail;
  if (photos != NULL
      && !replace_children (self, SY_TYPE_EVENT_PHOTO, id, photos, prepare_photo,
                            written_photos, error))
    goto fail;
  if (assessment_item_ids != NULL && !replace_assessment_links (self, id, assessment_item_ids, error))
    goto fail;

  if (!sy_database_commit (self->db, error))
    return FALSE;

  copy_identity (SY_RECORD (event), SY_RECORD (work));
  sy_event_set_date (event, sy_event_get_date (work));
  for (guint i = 0; i < written_visits->len; i++)
    {
      SyRecord *to = g_ptr_array_index (visits, i);

      copy_identity (to, g_ptr_array_index (written_visits, i));
      sy_event_recipient_set_event_id (SY_EVENT_RECIPIENT (to), id);
    }
  for (guint i = 0; i < written_photos->len; i++)
    {
      SyRecord *to = g_ptr_array_index (photos, i);

      copy_identity (to, g_ptr_array_index (written_photos, i));
      sy_event_photo_set_event_id (SY_EVENT_PHOTO (to), id);
      sy_event_photo_set_position (SY_EVENT_PHOTO (to), (int) i);
    }
  if (photos != NULL)
    sy_event_set_photo_count (event, (int) photos->len);
  return TRUE;

fail:
  sy_database_rollback (self->db);
  return FALSE;
}

static gboolean
delete_children (SyEventRepo *self,
                 GType        type,
                 gint64       event_id,
                 GError     **error)
{
  g_autoptr(GListModel) rows = list_children (self, type, event_id, error);

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

gboolean
sy_event_repo_delete (SyEventRepo *self,
                      SyEvent     *event,
                      GError     **error)
{
  gint64 id;
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (SY_IS_EVENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_EVENT (event), FALSE);

  id = sy_record_get_id (SY_RECORD (event));
  if (!sy_database_begin (self->db, error))
    return FALSE;
  if (!delete_children (self, SY_TYPE_EVENT_PHOTO, id, error)
      || !delete_children (self, SY_TYPE_EVENT_RECIPIENT, id, error)
      || !replace_military_units (self, id, none, error)
      || !sy_assessment_repo_delete_links_for (self->db, SY_ASSESSMENT_EVENT, id, error)
      || !sy_database_delete (self->db, SY_RECORD (event), error))
    goto fail;
  return sy_database_commit (self->db, error);

fail:
  sy_database_rollback (self->db);
  return FALSE;
}

static gboolean
photos_hold (GPtrArray  *photos,
             const char *hash)
{
  for (guint i = 0; photos != NULL && i < photos->len; i++)
    if (g_strcmp0 (sy_event_photo_get_attachment_hash (g_ptr_array_index (photos, i)), hash) == 0)
      return TRUE;
  return FALSE;
}

SyEventPhoto *
sy_event_repo_prepare_photo (SyEventRepo *self,
                             GPtrArray   *photos,
                             GBytes      *bytes,
                             const char  *mime_type,
                             const char  *original_name,
                             const char  *caption,
                             GError     **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *stored = NULL;
  SyEventPhoto *photo;

  g_return_val_if_fail (SY_IS_EVENT_REPO (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  /* The hash first: a duplicate must not even reach the store. */
  hash = sy_event_repo_photo_hash (bytes);
  if (photos_hold (photos, hash))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE, _("This photo is already in the activity"));
      return NULL;
    }
  stored = sy_attachment_store_add_bytes (sy_database_get_attachments (self->db), bytes, mime_type,
                                          original_name, error);
  if (stored == NULL)
    return NULL;

  photo = sy_event_photo_new ();
  sy_event_photo_set_attachment_hash (photo, stored);
  sy_event_photo_set_caption (photo, is_blank (caption) ? NULL : caption);
  sy_event_photo_set_position (photo, photos != NULL ? (int) photos->len : 0);
  sy_event_photo_set_in_ledger (photo, TRUE);
  return photo;
}

SyEventPhoto *
sy_event_repo_add_photo (SyEventRepo *self,
                         SyEvent     *event,
                         GBytes      *bytes,
                         const char  *mime_type,
                         const char  *original_name,
                         const char  *caption,
                         GError     **error)
{
  gint64 id;
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SyEventPhoto) photo = NULL;
  g_autoptr(SyEvent) work = NULL;

  g_return_val_if_fail (SY_IS_EVENT_REPO (self), NULL);
  g_return_val_if_fail (SY_IS_EVENT (event), NULL);

  id = sy_record_get_id (SY_RECORD (event));
  stored = sy_queries_event_photos (self->db, id, error);
  if (stored == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
    g_ptr_array_add (photos, g_list_model_get_item (stored, i));

  photo = sy_event_repo_prepare_photo (self, photos, bytes, mime_type, original_name, caption, error);
  if (photo == NULL)
    return NULL;
  sy_event_photo_set_event_id (photo, id);
  if (photos->len > 0)
    sy_event_photo_set_position (photo,
                                 sy_event_photo_get_position (g_ptr_array_index (photos, photos->len - 1)) + 1);

  work = SY_EVENT (sy_record_copy (SY_RECORD (event)));
  if (!sy_database_begin (self->db, error))
    return NULL;
  if (!sy_database_update (self->db, SY_RECORD (work), error)
      || !sy_database_insert (self->db, SY_RECORD (photo), error))
    {
      sy_database_rollback (self->db);
      return NULL;
    }
  if (!sy_database_commit (self->db, error))
    return NULL;
  copy_identity (SY_RECORD (event), SY_RECORD (work));
  sy_event_set_photo_count (event, (int) photos->len + 1);
  return g_steal_pointer (&photo);
}

/* --- plan items ------------------------------------------------------------ */

void
sy_event_plan_choice_free (SyEventPlanChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->text);
  g_free (choice->path);
  g_free (choice);
}

static char *
item_text (SyPlanItem *item)
{
  g_autofree char *line = sy_plan_item_title_line (sy_plan_item_get_title (item));
  const char *label = sy_plan_item_get_label (item);

  if (label == NULL || *label == '\0')
    return g_steal_pointer (&line);
  /* Labels end in their own punctuation (一、 （一） 1.), so no space. */
  return g_strconcat (label, line, NULL);
}

/* @item as a choice; @items (gint64 * id → SyPlanItem, the plan's items)
 * gives the ancestors, or NULL to load them one by one. */
static SyEventPlanChoice *
choice_new (SyEventRepo *self,
            SyPlan      *plan,
            SyPlanItem  *item,
            GHashTable  *items)
{
  SyEventPlanChoice *choice = g_new0 (SyEventPlanChoice, 1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gint64 parent = sy_plan_item_get_parent_id (item);
  guint guard = 0;

  choice->id = sy_record_get_id (SY_RECORD (item));
  choice->text = item_text (item);
  /* The guard stops a damaged tree whose parents loop. */
  while (parent > 0 && guard++ < 64)
    {
      g_autoptr(SyPlanItem) up = NULL;

      if (items != NULL)
        up = g_hash_table_lookup (items, &parent) ? g_object_ref (g_hash_table_lookup (items, &parent)) : NULL;
      else
        up = sy_database_load (self->db, SY_TYPE_PLAN_ITEM, parent, NULL);
      if (up == NULL)
        break;
      g_ptr_array_insert (parts, 0, item_text (up));
      parent = sy_plan_item_get_parent_id (up);
    }
  if (plan != NULL)
    g_ptr_array_insert (parts, 0, g_strdup (sy_plan_get_title (plan)));
  g_ptr_array_add (parts, NULL);
  choice->path = g_strjoinv (" › ", (char **) parts->pdata);
  return choice;
}

GPtrArray *
sy_event_repo_plan_choices (SyEventRepo *self,
                            int          year,
                            GError     **error)
{
  g_autoptr(SyQueryModel) plans = NULL;
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_event_plan_choice_free);
  guint n;

  g_return_val_if_fail (SY_IS_EVENT_REPO (self), NULL);

  plans = sy_queries_plans (self->db, error);
  if (plans == NULL)
    return NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (plans));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyPlan) plan = g_list_model_get_item (G_LIST_MODEL (plans), i);
      g_autoptr(GListModel) items = NULL;
      g_autoptr(GHashTable) by_id = NULL;
      guint n_items;

      if (sy_plan_get_year (plan) != year)
        continue;
      items = sy_queries_plan_items (self->db, sy_record_get_id (SY_RECORD (plan)), error);
      if (items == NULL)
        return NULL;
      n_items = g_list_model_get_n_items (items);
      by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
      for (guint k = 0; k < n_items; k++)
        {
          SyPlanItem *item = g_list_model_get_item (items, k);
          gint64 id = sy_record_get_id (SY_RECORD (item));

          g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), item);
        }
      for (guint k = 0; k < n_items; k++)
        {
          g_autoptr(SyPlanItem) item = g_list_model_get_item (items, k);

          g_ptr_array_add (choices, choice_new (self, plan, item, by_id));
        }
    }
  return g_steal_pointer (&choices);
}

SyEventPlanChoice *
sy_event_repo_plan_choice (SyEventRepo *self,
                           gint64       item_id,
                           GError     **error)
{
  g_autoptr(SyPlanItem) item = NULL;
  g_autoptr(SyPlan) plan = NULL;

  g_return_val_if_fail (SY_IS_EVENT_REPO (self), NULL);

  item = sy_database_load (self->db, SY_TYPE_PLAN_ITEM, item_id, error);
  if (item == NULL)
    return NULL;
  plan = sy_database_load (self->db, SY_TYPE_PLAN, sy_plan_item_get_plan_id (item), NULL);
  return choice_new (self, plan, item, NULL);
}

gboolean
sy_event_repo_add_military_unit (SyEventRepo    *self,
                                 SyMilitaryUnit *unit,
                                 GError        **error)
{
  g_autofree char *name = NULL;
  gint64 holders = 0;

  g_return_val_if_fail (SY_IS_EVENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_MILITARY_UNIT (unit), FALSE);

  name = g_strstrip (g_strdup (sy_military_unit_get_name (unit) ? sy_military_unit_get_name (unit) : ""));
  if (*name == '\0')
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("The name of the unit is required"));
      return FALSE;
    }
  if (!sy_database_query_int64 (self->db, &holders,
                                "SELECT COUNT(*) FROM military_unit WHERE name = ##n::string",
                                error, "n", G_TYPE_STRING, name, NULL))
    return FALSE;
  if (holders > 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE, _("%s is already registered"), name);
      return FALSE;
    }
  sy_military_unit_set_name (unit, name);
  return sy_database_insert (self->db, SY_RECORD (unit), error);
}
