/* sy-assessment-repo.c: the 考评 items and the evidence linked to them
 *
 * The import plans every row against the stored items in memory first and
 * writes only when the whole file is clean, so a province's table with one
 * bad score changes nothing.
 */
#include "sy-assessment-repo.h"
#include "sy-queries.h"
#include "sy-store-private.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

struct _SyAssessmentRepo
{
  GObject parent_instance;

  SyDatabase *db;
  GPtrArray *issues;
  guint n_added, n_updated, n_unchanged;
};

G_DEFINE_FINAL_TYPE (SyAssessmentRepo, sy_assessment_repo, G_TYPE_OBJECT)

static const char *const entities[] = {
  SY_ASSESSMENT_EVENT, SY_ASSESSMENT_DOCUMENT, SY_ASSESSMENT_PLAN_ITEM, SY_ASSESSMENT_DISBURSEMENT_BATCH,
};

/* The CSV columns; the first title of each is the one export writes. */
enum { COL_STANDARD, COL_CODE, COL_TITLE, COL_SCORE, COL_DESCRIPTION, N_COLS };
static const char *const column_titles[N_COLS][3] = {
  { "标准编号", "标准", NULL },
  { "细则编号", "编号", NULL },
  { "内容", "细则内容", NULL },
  { "分值", "分数", NULL },
  { "说明", "备注", NULL },
};

#define MAX_SCORE 1000

static void
sy_assessment_repo_dispose (GObject *object)
{
  SyAssessmentRepo *self = SY_ASSESSMENT_REPO (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  G_OBJECT_CLASS (sy_assessment_repo_parent_class)->dispose (object);
}

static void
sy_assessment_repo_class_init (SyAssessmentRepoClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sy_assessment_repo_dispose;
}

static void
sy_assessment_repo_init (SyAssessmentRepo *self)
{
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_import_issue_free);
}

SyAssessmentRepo *
sy_assessment_repo_new (SyDatabase *db)
{
  SyAssessmentRepo *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);
  self = g_object_new (SY_TYPE_ASSESSMENT_REPO, NULL);
  self->db = g_object_ref (db);
  return self;
}

GListModel *
sy_assessment_repo_list_items (SyAssessmentRepo *self, GError **error)
{
  g_return_val_if_fail (SY_IS_ASSESSMENT_REPO (self), NULL);
  return sy_queries_assessment_items (self->db, error);
}

/* --- items ----------------------------------------------------------------- */

static SyAssessmentItem *
find_item (GListModel *items, gint64 id)
{
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);

      if (sy_record_get_id (SY_RECORD (item)) == id)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static SyAssessmentItem *
find_code (GListModel *items, const char *code)
{
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (sy_assessment_item_get_code (item), code) == 0)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static int
next_position (GListModel *items, gint64 parent_id)
{
  guint n = g_list_model_get_n_items (items);
  int last = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);

      if (sy_assessment_item_get_parent_id (item) == parent_id)
        last = MAX (last, sy_assessment_item_get_position (item));
    }
  return last + 1;
}

gboolean
sy_assessment_repo_save_item (SyAssessmentRepo *self, SyAssessmentItem *item, GError **error)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(SyAssessmentItem) same_code = NULL;
  gint64 id, parent_id;
  g_autofree char *code = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (SY_IS_ASSESSMENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_ASSESSMENT_ITEM (item), FALSE);

  id = sy_record_get_id (SY_RECORD (item));
  parent_id = sy_assessment_item_get_parent_id (item);
  code = g_strstrip (g_strdup (sy_assessment_item_get_code (item) ? sy_assessment_item_get_code (item) : ""));
  title = g_strstrip (g_strdup (sy_assessment_item_get_title (item) ? sy_assessment_item_get_title (item) : ""));
  if (*code == '\0')
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, "%s: %s", _("Code"), _("a code is required"));
      return FALSE;
    }
  if (*title == '\0')
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, "%s: %s", _("Title"), _("a title is required"));
      return FALSE;
    }
  if (sy_assessment_item_get_score (item) < 0 || sy_assessment_item_get_score (item) > MAX_SCORE)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, "%s: %s", _("Score"),
                   _("the score must be a whole number from 0 to 1000"));
      return FALSE;
    }
  sy_assessment_item_set_code (item, code);
  sy_assessment_item_set_title (item, title);

  items = sy_queries_assessment_items (self->db, error);
  if (items == NULL)
    return FALSE;
  if (parent_id != 0)
    {
      g_autoptr(SyAssessmentItem) parent = find_item (items, parent_id);

      if (parent_id == id || parent == NULL || sy_assessment_item_get_parent_id (parent) != 0)
        {
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID, "%s: %s", _("Standard"),
                       _("a sub-item belongs to one of the standards"));
          return FALSE;
        }
    }
  same_code = find_code (items, code);
  if (same_code != NULL && sy_record_get_id (SY_RECORD (same_code)) != id)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE, _("Code: “%s” is the code of “%s” already"),
                   code, sy_assessment_item_get_title (same_code));
      return FALSE;
    }

  if (id == 0)
    {
      if (sy_assessment_item_get_position (item) <= 0)
        sy_assessment_item_set_position (item, next_position (items, parent_id));
      return sy_database_insert (self->db, SY_RECORD (item), error);
    }
  return sy_database_update (self->db, SY_RECORD (item), error);
}

static gboolean
delete_item_links (SyAssessmentRepo *self, gint64 item_id, GError **error)
{
  g_autoptr(GListModel) links = sy_queries_assessment_links (self->db, item_id, NULL, 0, error);
  guint n;

  if (links == NULL)
    return FALSE;
  n = g_list_model_get_n_items (links);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyRecord) link = g_list_model_get_item (links, i);

      if (!sy_database_delete (self->db, link, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sy_assessment_repo_delete_item (SyAssessmentRepo *self, gint64 id, GError **error)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(SyAssessmentItem) item = NULL;
  guint n;

  g_return_val_if_fail (SY_IS_ASSESSMENT_REPO (self), FALSE);

  items = sy_queries_assessment_items (self->db, error);
  if (items == NULL)
    return FALSE;
  item = find_item (items, id);
  if (item == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("The 考评 item no longer exists"));
      return FALSE;
    }
  if (!sy_database_begin (self->db, error))
    return FALSE;
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyAssessmentItem) child = g_list_model_get_item (items, i);

      if (sy_assessment_item_get_parent_id (child) != id)
        continue;
      if (!delete_item_links (self, sy_record_get_id (SY_RECORD (child)), error)
          || !sy_database_delete (self->db, SY_RECORD (child), error))
        goto fail;
    }
  if (!delete_item_links (self, id, error) || !sy_database_delete (self->db, SY_RECORD (item), error))
    goto fail;
  return sy_database_commit (self->db, error);

fail:
  sy_database_rollback (self->db);
  return FALSE;
}

/* --- links ----------------------------------------------------------------- */

gboolean
sy_assessment_entity_is_valid (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (g_strcmp0 (entity, entities[i]) == 0)
      return TRUE;
  return FALSE;
}

/* @entity is one of entities[], so it may be spliced into the SQL. */
static gboolean
evidence_exists (SyDatabase *db, const char *entity, gint64 id, gboolean *exists, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT (*) FROM %s WHERE id = ##id::gint64", entity);
  gint64 n = 0;

  if (!sy_database_query_int64 (db, &n, sql, error, "id", G_TYPE_INT64, id, NULL))
    return FALSE;
  *exists = n > 0;
  return TRUE;
}

static SyAssessmentLink *
find_link (SyAssessmentRepo *self, gint64 item_id, const char *entity, gint64 entity_id, GError **error)
{
  g_autoptr(GListModel) links = sy_queries_assessment_links (self->db, 0, entity, entity_id, error);
  guint n;

  if (links == NULL)
    return NULL;
  n = g_list_model_get_n_items (links);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyAssessmentLink) link = g_list_model_get_item (links, i);

      if (sy_assessment_link_get_item_id (link) == item_id)
        return g_steal_pointer (&link);
    }
  return NULL;
}

gboolean
sy_assessment_repo_link (SyAssessmentRepo *self, gint64 item_id, const char *entity, gint64 entity_id,
                         GError **error)
{
  g_autoptr(SyAssessmentItem) item = NULL;
  g_autoptr(SyAssessmentLink) link = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean exists = FALSE;

  g_return_val_if_fail (SY_IS_ASSESSMENT_REPO (self), FALSE);

  if (!sy_assessment_entity_is_valid (entity))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("“%s” is not a kind of evidence"), entity ? entity : "");
      return FALSE;
    }
  item = sy_database_load (self->db, SY_TYPE_ASSESSMENT_ITEM, item_id, &local_error);
  if (item == NULL)
    {
      if (g_error_matches (local_error, SY_ERROR, SY_ERROR_NOT_FOUND))
        g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("The 考评 item no longer exists"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!evidence_exists (self->db, entity, entity_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("The evidence to link no longer exists"));
      return FALSE;
    }
  link = find_link (self, item_id, entity, entity_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (link != NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE, _("This evidence is linked to %s %s already"),
                   sy_assessment_item_get_code (item), sy_assessment_item_get_title (item));
      return FALSE;
    }
  link = sy_assessment_link_new ();
  sy_assessment_link_set_item_id (link, item_id);
  sy_assessment_link_set_entity (link, entity);
  sy_assessment_link_set_entity_id (link, entity_id);
  return sy_database_insert (self->db, SY_RECORD (link), error);
}

gboolean
sy_assessment_repo_unlink (SyAssessmentRepo *self, gint64 item_id, const char *entity, gint64 entity_id,
                           GError **error)
{
  g_autoptr(SyAssessmentLink) link = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SY_IS_ASSESSMENT_REPO (self), FALSE);

  link = find_link (self, item_id, entity, entity_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (link == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("This evidence is not linked to that item"));
      return FALSE;
    }
  return sy_database_delete (self->db, SY_RECORD (link), error);
}

GListModel *
sy_assessment_repo_links_for_item (SyAssessmentRepo *self, gint64 item_id, GError **error)
{
  g_return_val_if_fail (SY_IS_ASSESSMENT_REPO (self), NULL);
  g_return_val_if_fail (item_id > 0, NULL);
  return sy_queries_assessment_links (self->db, item_id, NULL, 0, error);
}

GListModel *
sy_assessment_repo_links_for_evidence (SyAssessmentRepo *self, const char *entity, gint64 entity_id,
                                       GError **error)
{
  g_return_val_if_fail (SY_IS_ASSESSMENT_REPO (self), NULL);
  return sy_queries_assessment_links (self->db, 0, entity, entity_id, error);
}

gboolean
sy_assessment_repo_delete_links_for (SyDatabase *db, const char *entity, gint64 entity_id, GError **error)
{
  g_autoptr(GListModel) links = NULL;
  guint n;

  g_return_val_if_fail (SY_IS_DATABASE (db), FALSE);

  links = sy_queries_assessment_links (db, 0, entity, entity_id, error);
  if (links == NULL)
    return FALSE;
  n = g_list_model_get_n_items (links);
  if (n == 0)
    return TRUE;
  if (!sy_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyRecord) link = g_list_model_get_item (links, i);

      if (!sy_database_delete (db, link, error))
        {
          sy_database_rollback (db);
          return FALSE;
        }
    }
  return sy_database_commit (db, error);
}

gboolean
sy_assessment_repo_remove_dangling (SyAssessmentRepo *self, guint *n_removed, GError **error)
{
  guint removed = 0;

  g_return_val_if_fail (SY_IS_ASSESSMENT_REPO (self), FALSE);

  if (!sy_database_begin (self->db, error))
    return FALSE;
  for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
    {
      /* Through the records, so every removal is in the audit log. */
      g_autoptr(GListModel) links = sy_queries_assessment_dangling_links (self->db, entities[e], error);
      guint n;

      if (links == NULL)
        goto fail;
      n = g_list_model_get_n_items (links);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SyRecord) link = g_list_model_get_item (links, i);

          if (!sy_database_delete (self->db, link, error))
            goto fail;
          removed++;
        }
    }
  if (!sy_database_commit (self->db, error))
    return FALSE;
  if (n_removed != NULL)
    *n_removed = removed;
  return TRUE;

fail:
  sy_database_rollback (self->db);
  return FALSE;
}

/* --- import ------------------------------------------------------------- */

GPtrArray *
sy_assessment_repo_get_issues (SyAssessmentRepo *self)
{
  g_return_val_if_fail (SY_IS_ASSESSMENT_REPO (self), NULL);
  return self->issues;
}

guint
sy_assessment_repo_get_n_added (SyAssessmentRepo *self)
{
  return self->n_added;
}

guint
sy_assessment_repo_get_n_updated (SyAssessmentRepo *self)
{
  return self->n_updated;
}

guint
sy_assessment_repo_get_n_unchanged (SyAssessmentRepo *self)
{
  return self->n_unchanged;
}

static void
add_issue (SyAssessmentRepo *self, guint line, const char *column, const char *message)
{
  g_ptr_array_add (self->issues, sy_import_issue_new (line, column, SY_IMPORT_ERROR, message));
}

/* The first row naming every column but the optional 说明. */
static gboolean
find_header (SyTable *table, guint *header, int columns[N_COLS], GError **error)
{
  guint n_rows = sy_table_get_n_rows (table);

  for (guint r = 0; r < n_rows; r++)
    {
      guint n_cells = sy_table_get_n_cells (table, r);
      gboolean complete = TRUE;

      for (guint c = 0; c < N_COLS; c++)
        columns[c] = -1;
      for (guint cell = 0; cell < n_cells; cell++)
        {
          const char *title = sy_table_get_cell (table, r, cell);

          for (guint c = 0; c < N_COLS; c++)
            for (guint t = 0; column_titles[c][t] != NULL; t++)
              if (columns[c] < 0 && strcmp (title, column_titles[c][t]) == 0)
                columns[c] = (int) cell;
        }
      for (guint c = 0; c < COL_DESCRIPTION; c++)
        if (columns[c] < 0)
          complete = FALSE;
      if (complete)
        {
          *header = r;
          return TRUE;
        }
    }
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("%s:%u: no header row with the columns 标准编号, 细则编号, 内容 and 分值"),
               sy_table_get_source_name (table), n_rows > 0 ? sy_table_get_line (table, 0) : 1);
  return FALSE;
}

static const char *
cell_of (SyTable *table, guint r, const int columns[N_COLS], int c)
{
  return columns[c] < 0 ? "" : sy_table_get_cell (table, r, (guint) columns[c]);
}

static const char *
title_of (SyTable *table, guint header, const int columns[N_COLS], int c)
{
  return columns[c] < 0 ? column_titles[c][0] : sy_table_get_cell (table, header, (guint) columns[c]);
}

/* A whole number of points 0–1000; "3.0" is 3 (spreadsheets add the ".0"). */
static gboolean
parse_score (const char *text, int *score)
{
  char *end = NULL;
  double value;

  if (*text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || value < 0 || value > MAX_SCORE || value != (double) (int) value)
    return FALSE;
  *score = (int) value;
  return TRUE;
}

static gboolean
same_item (SyAssessmentItem *a, SyAssessmentItem *b)
{
  return sy_assessment_item_get_parent_id (a) == sy_assessment_item_get_parent_id (b)
         && g_strcmp0 (sy_assessment_item_get_title (a), sy_assessment_item_get_title (b)) == 0
         && sy_assessment_item_get_score (a) == sy_assessment_item_get_score (b)
         && sy_assessment_item_get_position (a) == sy_assessment_item_get_position (b)
         && g_strcmp0 (sy_assessment_item_get_description (a) ? sy_assessment_item_get_description (a) : "",
                       sy_assessment_item_get_description (b) ? sy_assessment_item_get_description (b) : "") == 0;
}

gboolean
sy_assessment_repo_import (SyAssessmentRepo *self, SyTable *table, gboolean dry_run, GError **error)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GPtrArray) planned = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Rows so far under each standard: pairs of (standard id, count). */
  g_autoptr(GArray) positions = g_array_new (FALSE, TRUE, sizeof (gint64));
  int columns[N_COLS];
  guint header = 0, n_rows;

  g_return_val_if_fail (SY_IS_ASSESSMENT_REPO (self), FALSE);
  g_return_val_if_fail (SY_IS_TABLE (table), FALSE);

  g_ptr_array_set_size (self->issues, 0);
  self->n_added = self->n_updated = self->n_unchanged = 0;
  if (!find_header (table, &header, columns, error))
    return FALSE;
  items = sy_queries_assessment_items (self->db, error);
  if (items == NULL)
    return FALSE;

  n_rows = sy_table_get_n_rows (table);
  for (guint r = header + 1; r < n_rows; r++)
    {
      guint line = sy_table_get_line (table, r);
      const char *standard_code = cell_of (table, r, columns, COL_STANDARD);
      const char *code = cell_of (table, r, columns, COL_CODE);
      const char *title = cell_of (table, r, columns, COL_TITLE);
      const char *score_text = cell_of (table, r, columns, COL_SCORE);
      const char *description = cell_of (table, r, columns, COL_DESCRIPTION);
      g_autoptr(SyAssessmentItem) standard = NULL;
      g_autoptr(SyAssessmentItem) stored = NULL;
      g_autoptr(SyAssessmentItem) row = NULL;
      gboolean ok = TRUE;
      int score = 0;
      gint64 parent_id;
      int position = 0;

      if (sy_table_get_n_cells (table, r) > sy_table_get_n_cells (table, header))
        {
          add_issue (self, line, NULL, _("the row has more cells than the header"));
          ok = FALSE;
        }
      if (*standard_code == '\0')
        {
          add_issue (self, line, title_of (table, header, columns, COL_STANDARD), _("the standard is missing"));
          ok = FALSE;
        }
      else
        {
          standard = find_code (items, standard_code);
          if (standard == NULL || sy_assessment_item_get_parent_id (standard) != 0)
            {
              g_autofree char *msg = g_strdup_printf (_("“%s” is not the code of a standard"), standard_code);

              add_issue (self, line, title_of (table, header, columns, COL_STANDARD), msg);
              ok = FALSE;
            }
        }
      if (*code == '\0')
        {
          add_issue (self, line, title_of (table, header, columns, COL_CODE), _("the code is missing"));
          ok = FALSE;
        }
      else if (g_hash_table_contains (codes, code))
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” appears twice in the file (first on line %u)"), code,
                                                  GPOINTER_TO_UINT (g_hash_table_lookup (codes, code)));

          add_issue (self, line, title_of (table, header, columns, COL_CODE), msg);
          ok = FALSE;
        }
      else
        {
          g_hash_table_insert (codes, g_strdup (code), GUINT_TO_POINTER (line));
          stored = find_code (items, code);
          if (stored != NULL && sy_assessment_item_get_parent_id (stored) == 0)
            {
              g_autofree char *msg = g_strdup_printf (_("“%s” is the code of a standard, not of a sub-item"),
                                                      code);

              add_issue (self, line, title_of (table, header, columns, COL_CODE), msg);
              ok = FALSE;
            }
        }
      if (*title == '\0')
        {
          add_issue (self, line, title_of (table, header, columns, COL_TITLE), _("the text of the item is missing"));
          ok = FALSE;
        }
      if (!parse_score (score_text, &score))
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” is not a whole number of points from 0 to 1000"),
                                                  score_text);

          add_issue (self, line, title_of (table, header, columns, COL_SCORE), msg);
          ok = FALSE;
        }
      if (!ok)
        continue;

      parent_id = sy_record_get_id (SY_RECORD (standard));
      for (guint p = 0; p < positions->len; p += 2)
        if (g_array_index (positions, gint64, p) == parent_id)
          position = (int) ++g_array_index (positions, gint64, p + 1);
      if (position == 0)
        {
          gint64 pair[2] = { parent_id, 1 };

          g_array_append_vals (positions, pair, 2);
          position = 1;
        }

      row = sy_assessment_item_new ();
      sy_assessment_item_set_parent_id (row, parent_id);
      sy_assessment_item_set_code (row, code);
      sy_assessment_item_set_title (row, title);
      sy_assessment_item_set_score (row, score);
      sy_assessment_item_set_position (row, position);
      sy_assessment_item_set_description (row, *description ? description : NULL);
      if (stored != NULL)
        {
          if (same_item (stored, row))
            {
              self->n_unchanged++;
              continue;
            }
          sy_assessment_item_set_parent_id (stored, parent_id);
          sy_assessment_item_set_title (stored, title);
          sy_assessment_item_set_score (stored, score);
          sy_assessment_item_set_position (stored, position);
          sy_assessment_item_set_description (stored, *description ? description : NULL);
          g_ptr_array_add (planned, g_steal_pointer (&stored));
          self->n_updated++;
        }
      else
        {
          g_ptr_array_add (planned, g_steal_pointer (&row));
          self->n_added++;
        }
    }

  if (self->issues->len > 0 || dry_run)
    return TRUE;

  if (!sy_database_begin (self->db, error))
    return FALSE;
  for (guint i = 0; i < planned->len; i++)
    {
      SyRecord *record = g_ptr_array_index (planned, i);
      gboolean ok = sy_record_get_id (record) == 0 ? sy_database_insert (self->db, record, error)
                                                   : sy_database_update (self->db, record, error);

      if (!ok)
        {
          sy_database_rollback (self->db);
          self->n_added = self->n_updated = 0;
          return FALSE;
        }
    }
  return sy_database_commit (self->db, error);
}

/* --- export ------------------------------------------------------------- */

gboolean
sy_assessment_repo_export (SyAssessmentRepo *self, GFile *file, guint *n_written, GError **error)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GError) local_error = NULL;
  guint n, written = 0;

  g_return_val_if_fail (SY_IS_ASSESSMENT_REPO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  items = sy_queries_assessment_items (self->db, error);
  if (items == NULL)
    return FALSE;
  for (guint c = 0; c < N_COLS; c++)
    _sy_csv_append_field (out, column_titles[c][0], c == N_COLS - 1);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);
      g_autoptr(SyAssessmentItem) parent = NULL;
      g_autofree char *score = NULL;

      if (sy_assessment_item_get_parent_id (item) == 0)
        continue;
      parent = find_item (items, sy_assessment_item_get_parent_id (item));
      score = g_strdup_printf ("%d", sy_assessment_item_get_score (item));
      _sy_csv_append_field (out, parent ? sy_assessment_item_get_code (parent) : "", FALSE);
      _sy_csv_append_field (out, sy_assessment_item_get_code (item), FALSE);
      _sy_csv_append_field (out, sy_assessment_item_get_title (item), FALSE);
      _sy_csv_append_field (out, score, FALSE);
      _sy_csv_append_field (out, sy_assessment_item_get_description (item), TRUE);
      written++;
    }

  /* GIO writes a temporary file beside the target and renames it. */
  if (!g_file_replace_contents (file, out->str, out->len, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Could not write %s: %s"), name, local_error->message);
      return FALSE;
    }
  if (n_written != NULL)
    *n_written = written;
  return TRUE;
}
