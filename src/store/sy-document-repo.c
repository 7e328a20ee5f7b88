/* sy-document-repo.c: writing archived documents with their attachment */
#include "sy-document-repo.h"
#include "sy-assessment-repo.h"
#include "sy-attachment-store.h"
#include "sy-store-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

struct _SyDocumentRepo
{
  GObject parent_instance;

  SyDatabase *db;
};

G_DEFINE_FINAL_TYPE (SyDocumentRepo, sy_document_repo, G_TYPE_OBJECT)

static void
sy_document_repo_dispose (GObject *object)
{
  SyDocumentRepo *self = SY_DOCUMENT_REPO (object);

  g_clear_object (&self->db);
  G_OBJECT_CLASS (sy_document_repo_parent_class)->dispose (object);
}

static void
sy_document_repo_class_init (SyDocumentRepoClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sy_document_repo_dispose;
}

static void
sy_document_repo_init (SyDocumentRepo *self)
{
}

SyDocumentRepo *
sy_document_repo_new (SyDatabase *db)
{
  SyDocumentRepo *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_DOCUMENT_REPO, NULL);
  self->db = g_object_ref (db);
  return self;
}

SyDatabase *
sy_document_repo_get_database (SyDocumentRepo *self)
{
  g_return_val_if_fail (SY_IS_DOCUMENT_REPO (self), NULL);
  return self->db;
}

static char *
select_where (GType type, const char *tail)
{
  g_autofree char *all = sy_database_select_all_sql (type);

  return g_strconcat (all, " ", tail, NULL);
}

/* @to takes every stored value of @from (same type), stamps included. */
static void
assign (SyRecord *to, SyRecord *from)
{
  g_autoptr(SyRecordClass) klass = g_type_class_ref (G_OBJECT_TYPE (from));
  const SyFieldSpec *fields;
  guint n;

  fields = sy_record_class_get_fields (klass, &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      sy_record_get_field_value (from, &fields[i], &value);
      sy_record_set_field_value (to, &fields[i], &value);
    }
  sy_record_set_id (to, sy_record_get_id (from));
  sy_record_set_version (to, sy_record_get_version (from));
  g_object_set (to,
                "created-at", sy_record_get_created_at (from),
                "created-by", sy_record_get_created_by (from),
                "updated-at", sy_record_get_updated_at (from),
                "updated-by", sy_record_get_updated_by (from),
                NULL);
}

SyDocument *
sy_document_repo_find_by_hash (SyDocumentRepo  *self,
                               const char      *hash,
                               GError         **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GListModel) found = NULL;

  g_return_val_if_fail (SY_IS_DOCUMENT_REPO (self), NULL);

  if (hash == NULL)
    return NULL;
  sql = select_where (SY_TYPE_DOCUMENT, "WHERE attachment_hash = ##h::string ORDER BY id LIMIT 1");
  found = sy_database_list (self->db, SY_TYPE_DOCUMENT, sql, error, "h", G_TYPE_STRING, hash, NULL);
  if (found == NULL || g_list_model_get_n_items (found) == 0)
    return NULL;
  return g_list_model_get_item (found, 0);
}

/* Trims the fields and checks the title and the date (stored normalised). */
static gboolean
normalise (SyDocument *document, GError **error)
{
  static const char * const props[] = { "title", "doc-number", "issuer", "date", "tags" };

  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      g_autofree char *value = NULL;

      g_object_get (document, props[i], &value, NULL);
      if (value != NULL)
        g_strstrip (value);
      g_object_set (document, props[i], value != NULL && *value ? value : NULL, NULL);
    }
  if (sy_document_get_title (document) == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("A document needs a title"));
      return FALSE;
    }
  if (sy_document_get_date (document) != NULL)
    {
      g_autofree char *iso = sy_recipient_parse_date (sy_document_get_date (document), error);

      if (iso == NULL)
        return FALSE;
      sy_document_set_date (document, iso);
    }
  return TRUE;
}

/* Whether @id is among the first @n of @ids (a list given twice). */
static gboolean
holds_before (GArray *ids, guint n, gint64 id)
{
  for (guint i = 0; i < n; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gboolean
holds (GArray *ids, gint64 id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Makes the links of document @id exactly @item_ids (NULL: none), inside
 * the caller's transaction. */
static gboolean
set_links (SyDocumentRepo *self, gint64 id, GArray *item_ids, GError **error)
{
  g_autoptr(SyAssessmentRepo) assessment = sy_assessment_repo_new (self->db);
  g_autoptr(GArray) stored = sy_document_repo_get_item_ids (self, id, error);

  if (stored == NULL)
    return FALSE;
  for (guint i = 0; i < stored->len; i++)
    if (!holds (item_ids, g_array_index (stored, gint64, i))
        && !sy_assessment_repo_unlink (assessment, g_array_index (stored, gint64, i), "document", id, error))
      return FALSE;
  for (guint i = 0; item_ids != NULL && i < item_ids->len; i++)
    {
      gint64 item = g_array_index (item_ids, gint64, i);

      if (!holds (stored, item) && !holds_before (item_ids, i, item)
          && !sy_assessment_repo_link (assessment, item, "document", id, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sy_document_repo_import (SyDocumentRepo  *self,
                         SyDocument      *document,
                         GBytes          *bytes,
                         const char      *mime_type,
                         const char      *original_name,
                         GArray          *item_ids,
                         GError         **error)
{
  SyAttachmentStore *attachments;
  g_autoptr(SyDocument) work = NULL;
  g_autoptr(SyDocument) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *path = NULL;
  gboolean had_file;

  g_return_val_if_fail (SY_IS_DOCUMENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (sy_record_get_id (SY_RECORD (document)) == 0, FALSE);

  /* Work on a copy, so a refused import leaves the caller's record as it was. */
  work = SY_DOCUMENT (sy_record_copy (SY_RECORD (document)));
  if (!normalise (work, error))
    return FALSE;

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  existing = sy_document_repo_find_by_hash (self, hash, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE, _("%s is already in the archive as «%s»"),
                   original_name != NULL ? original_name : _("This file"),
                   sy_document_get_title (existing));
      return FALSE;
    }

  attachments = sy_database_get_attachments (self->db);
  path = sy_attachment_store_get_path (attachments, hash);
  had_file = sy_attachment_store_contains (attachments, hash);

  if (!sy_database_begin (self->db, error))
    return FALSE;
  stored = sy_attachment_store_add_bytes (attachments, bytes, mime_type, original_name, error);
  if (stored == NULL)
    goto fail;
  sy_document_set_attachment_hash (work, stored);
  sy_document_set_mime_type (work, mime_type);
  if (!sy_database_insert (self->db, SY_RECORD (work), error)
      || !set_links (self, sy_record_get_id (SY_RECORD (work)), item_ids, error)
      || !sy_database_commit (self->db, error))
    goto fail;

  assign (SY_RECORD (document), SY_RECORD (work));
  return TRUE;

fail:
  sy_database_rollback (self->db);
  /* The attachment row went with the transaction; the file this call wrote
   * would be an orphan. */
  if (!had_file && path != NULL)
    g_unlink (path);
  return FALSE;
}

gboolean
sy_document_repo_save (SyDocumentRepo  *self,
                       SyDocument      *document,
                       GArray          *item_ids,
                       GError         **error)
{
  g_autoptr(SyDocument) work = NULL;

  g_return_val_if_fail (SY_IS_DOCUMENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (sy_record_get_id (SY_RECORD (document)) > 0, FALSE);

  work = SY_DOCUMENT (sy_record_copy (SY_RECORD (document)));
  if (!normalise (work, error) || !sy_database_begin (self->db, error))
    return FALSE;
  if (!sy_database_update (self->db, SY_RECORD (work), error)
      || (item_ids != NULL && !set_links (self, sy_record_get_id (SY_RECORD (work)), item_ids, error))
      || !sy_database_commit (self->db, error))
    {
      sy_database_rollback (self->db);
      return FALSE;
    }
  assign (SY_RECORD (document), SY_RECORD (work));
  return TRUE;
}

GArray *
sy_document_repo_get_item_ids (SyDocumentRepo  *self,
                               gint64           id,
                               GError         **error)
{
  g_autoptr(SyAssessmentRepo) assessment = NULL;
  g_autoptr(GListModel) links = NULL;
  GArray *ids;

  g_return_val_if_fail (SY_IS_DOCUMENT_REPO (self), NULL);

  assessment = sy_assessment_repo_new (self->db);
  links = sy_assessment_repo_links_for_evidence (assessment, "document", id, error);
  if (links == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(SyAssessmentLink) link = g_list_model_get_item (links, i);
      gint64 item = sy_assessment_link_get_item_id (link);

      g_array_append_val (ids, item);
    }
  return ids;
}

gboolean
sy_document_repo_delete (SyDocumentRepo  *self,
                         SyDocument      *document,
                         GArray         **item_ids,
                         GError         **error)
{
  g_autoptr(GArray) linked = NULL;
  gint64 id;

  g_return_val_if_fail (SY_IS_DOCUMENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_DOCUMENT (document), FALSE);

  id = sy_record_get_id (SY_RECORD (document));
  if (!sy_database_begin (self->db, error))
    return FALSE;
  /* The links have no foreign key to document (one column serves several
   * tables): they go in the same transaction. */
  linked = sy_document_repo_get_item_ids (self, id, error);
  if (linked == NULL
      || !sy_assessment_repo_delete_links_for (self->db, "document", id, error)
      || !sy_database_delete (self->db, SY_RECORD (document), error)
      || !sy_database_commit (self->db, error))
    {
      sy_database_rollback (self->db);
      return FALSE;
    }
  if (item_ids != NULL)
    *item_ids = g_steal_pointer (&linked);
  return TRUE;
}

gboolean
sy_document_repo_restore (SyDocumentRepo  *self,
                          SyDocument      *document,
                          GArray          *item_ids,
                          GError         **error)
{
  g_autoptr(SyDocument) work = NULL;

  g_return_val_if_fail (SY_IS_DOCUMENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_DOCUMENT (document), FALSE);

  work = SY_DOCUMENT (sy_record_copy (SY_RECORD (document)));
  sy_record_set_id (SY_RECORD (work), 0);
  if (!sy_database_begin (self->db, error))
    return FALSE;
  if (!sy_database_insert (self->db, SY_RECORD (work), error)
      || !set_links (self, sy_record_get_id (SY_RECORD (work)), item_ids, error)
      || !sy_database_commit (self->db, error))
    {
      sy_database_rollback (self->db);
      return FALSE;
    }
  assign (SY_RECORD (document), SY_RECORD (work));
  return TRUE;
}
