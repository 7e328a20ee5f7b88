/* sy-db-copy.c: tables copied between SQLite and PostgreSQL (sy-db-copy.h)
 *
 * Rows travel as JSON, one text parameter per chunk, so no per-column type
 * mapping is needed: SQLite writes a chunk with json_object () and reads
 * one with json_each ()/json_extract (); PostgreSQL writes with
 * row_to_json () and reads with json_populate_recordset (), which converts
 * every value to its column's type.  Every column is TEXT or an integer,
 * whose text is the same on both, which is also what the checksums read.
 */
#include "sy-db-copy.h"
#include "sy-store-private.h"
#include "sy-attachment-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MARKER_KEY "migrated-from"

static void
copy_table_free (gpointer data)
{
  SyCopyTable *t = data;

  g_free (t->name);
  g_strfreev (t->columns);
  g_free (t->checksum);
  g_free (t);
}

void
_sy_db_copy_say (SyDbCopyProgress progress, gpointer user_data, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (!progress)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  progress (message, user_data);
}

/* Catalogue names go into SQL text (they cannot be parameters): only
 * plain lower-case identifiers are accepted. */
static gboolean
is_identifier (const char *name)
{
  if (!name || !*name)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_'))
      return FALSE;
  return TRUE;
}

/* Catalogue queries and the SQL built from checked identifiers go
 * through libgda's plain command path. */
static GdaDataModel *
run_select (SyDatabase *db, const char *sql, GError **error)
{
  return _sy_database_select_command (db, sql, _("copying the database"), error);
}

static gboolean
run_command (SyDatabase *db, const char *sql, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  /* DDL-like commands return -2 on SQLite even on success: judge by the error. */
  gda_connection_execute_non_select_command (sy_database_get_connection (db), sql, &local_error);
  if (local_error)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_DATABASE, _("Error while %s: %s"),
                   _("copying the database"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static const char *
table_filter (const char *table)
{
  return g_str_equal (table, "setting") ? " WHERE key <> '" MARKER_KEY "'" : "";
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
table_checksum (SyDatabase *db, SyCopyTable *t, GError **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GdaDataModel) model = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint n_columns = g_strv_length (t->columns);
  gint n;

  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (sql, "%sCAST (\"%s\" AS TEXT)", c ? ", " : "", t->columns[c]);
  g_string_append_printf (sql, " FROM \"%s\"%s", t->name, table_filter (t->name));
  model = run_select (db, sql->str, error);
  if (!model)
    return NULL;
  n = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < n; r++)
    {
      GString *row = g_string_new (NULL);

      for (guint c = 0; c < n_columns; c++)
        {
          const char *text = _sy_model_get_string (model, c, r);
          /* \x1e cannot be confused with text; NULL differs from "". */
          g_string_append_printf (row, "%s\x1e", text ? text : "\x1f");
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  g_ptr_array_sort (rows, compare_strings);
  for (guint i = 0; i < rows->len; i++)
    g_checksum_update (sum, (const guchar *) rows->pdata[i], strlen (rows->pdata[i]));
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
table_count (SyDatabase *db, const char *table, gint64 *count, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM \"%s\"%s", table, table_filter (table));
  g_autoptr(GdaDataModel) model = run_select (db, sql, error);

  if (!model)
    return FALSE;
  *count = _sy_model_get_int64 (model, 0, 0);
  return TRUE;
}

GPtrArray *
_sy_db_copy_list_tables (SyDatabase *local, SyDatabase *shared, GError **error)
{
  g_autoptr(GdaDataModel) model =
    run_select (local, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid", error);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (copy_table_free);
  gint n;

  g_return_val_if_fail (!sy_database_is_postgres (local) && sy_database_is_postgres (shared), NULL);

  if (!model)
    return NULL;
  n = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < n; r++)
    {
      g_autofree char *name = g_strdup (_sy_model_get_string (model, 0, r));
      g_autofree char *sql = NULL;
      g_autoptr(GdaDataModel) columns = NULL;
      g_autoptr(GStrvBuilder) builder = NULL;
      gint64 on_shared = 0;
      SyCopyTable *t;

      if (!is_identifier (name) || g_str_equal (name, "schema_migration")
          || g_str_has_prefix (name, "sqlite_"))
        continue;
      if (!sy_database_query_int64 (shared, &on_shared,
                                    "SELECT COUNT(*) FROM information_schema.tables "
                                    "WHERE table_schema = current_schema () AND table_name = ##t::string",
                                    error, "t", G_TYPE_STRING, name, NULL))
        return NULL;
      if (!on_shared)
        continue;

      sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') ORDER BY cid", name);
      columns = run_select (local, sql, error);
      if (!columns)
        return NULL;
      builder = g_strv_builder_new ();
      for (gint c = 0; c < gda_data_model_get_n_rows (columns); c++)
        {
          g_autofree char *column = g_strdup (_sy_model_get_string (columns, 0, c));
          if (!is_identifier (column))
            {
              g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                           _("The local database has an unexpected column “%s” in table %s"),
                           column ? column : "", name);
              return NULL;
            }
          g_strv_builder_add (builder, column);
        }
      t = g_new0 (SyCopyTable, 1);
      t->name = g_steal_pointer (&name);
      t->columns = g_strv_builder_end (builder);
      g_ptr_array_add (tables, t);
    }
  return g_steal_pointer (&tables);
}

gboolean
_sy_db_copy_measure (SyDatabase *db, GPtrArray *tables, GError **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      SyCopyTable *t = tables->pdata[i];

      g_clear_pointer (&t->checksum, g_free);
      if (!table_count (db, t->name, &t->count, error)
          || !(t->checksum = table_checksum (db, t, error)))
        return FALSE;
    }
  return TRUE;
}

gboolean
_sy_db_copy_compare (SyDatabase *db, GPtrArray *tables, char **differs, GError **error)
{
  *differs = NULL;
  for (guint i = 0; i < tables->len; i++)
    {
      SyCopyTable *t = tables->pdata[i];
      g_autofree char *checksum = NULL;
      gint64 count = 0;

      if (!table_count (db, t->name, &count, error))
        return FALSE;
      if (count == t->count && !(checksum = table_checksum (db, t, error)))
        return FALSE;
      if (count != t->count || g_strcmp0 (checksum, t->checksum) != 0)
        {
          *differs = g_strdup_printf ("%s (%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT ")",
                                      t->name, count, t->count);
          return TRUE;
        }
    }
  return TRUE;
}

gboolean
_sy_db_copy_clear (SyDatabase *db, GPtrArray *tables, GError **error)
{
  for (guint i = tables->len; i > 0; i--)
    {
      SyCopyTable *t = tables->pdata[i - 1];
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\"%s", t->name, table_filter (t->name));

      if (sy_database_execute (db, sql, error, NULL) < 0)
        return FALSE;
    }
  return TRUE;
}

typedef enum {
  LIST_NAMES,        /* "a", "b" */
  LIST_JSON_OBJECT,  /* 'a', "a", 'b', "b" (json_object's arguments) */
  LIST_JSON_EXTRACT, /* json_extract (value, '$.a'), … */
} ListKind;

static char *
column_list (SyCopyTable *t, ListKind kind)
{
  GString *list = g_string_new (NULL);

  for (guint c = 0; t->columns[c]; c++)
    {
      const char *name = t->columns[c];

      if (c)
        g_string_append (list, ", ");
      switch (kind)
        {
        case LIST_NAMES:
          g_string_append_printf (list, "\"%s\"", name);
          break;
        case LIST_JSON_OBJECT:
          g_string_append_printf (list, "'%s', \"%s\"", name, name);
          break;
        case LIST_JSON_EXTRACT:
          g_string_append_printf (list, "json_extract (value, '$.%s')", name);
          break;
        }
    }
  return g_string_free (list, FALSE);
}

/* One chunk of the source's rows as a JSON array of objects; the chunk's
 * size in *@n.  SQLite pages by rowid (*@after: the last one read);
 * PostgreSQL has no stable row number, so it pages by position in ctid
 * order, which holds within the caller's snapshot (*@after: rows read). */
static char *
read_chunk (SyDatabase *source, SyCopyTable *t, gint64 *after, gint64 *n, GError **error)
{
  g_autoptr(GdaDataModel) model = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *columns = NULL;

  if (sy_database_is_postgres (source))
    {
      columns = column_list (t, LIST_NAMES);
      sql = g_strdup_printf ("SELECT CAST (COALESCE (json_agg (row_to_json (s)), '[]') AS TEXT), 0, COUNT(*) "
                             "FROM (SELECT %s FROM \"%s\"%s ORDER BY ctid LIMIT %d OFFSET %" G_GINT64_FORMAT ") s",
                             columns, t->name, table_filter (t->name), SY_DB_COPY_CHUNK, *after);
    }
  else
    {
      columns = column_list (t, LIST_JSON_OBJECT);
      sql = g_strdup_printf ("SELECT json_group_array (json_object (%s)), MAX (sy_rowid), COUNT(*) "
                             "FROM (SELECT rowid AS sy_rowid, * FROM \"%s\"%s%s rowid > %" G_GINT64_FORMAT
                             " ORDER BY rowid LIMIT %d)",
                             columns, t->name, table_filter (t->name),
                             *table_filter (t->name) ? " AND" : " WHERE", *after, SY_DB_COPY_CHUNK);
    }
  model = run_select (source, sql, error);
  if (!model)
    return NULL;
  *n = _sy_model_get_int64 (model, 2, 0);
  if (*n > 0)
    *after = sy_database_is_postgres (source) ? *after + *n : _sy_model_get_int64 (model, 1, 0);
  return g_strdup (_sy_model_get_string (model, 0, 0));
}

/* The INSERT that takes a chunk as the parameter "rows". */
static char *
insert_sql (SyDatabase *target, SyCopyTable *t)
{
  g_autofree char *columns = column_list (t, LIST_NAMES);
  g_autofree char *values = NULL;

  if (sy_database_is_postgres (target))
    return g_strdup_printf ("INSERT INTO \"%s\" (%s) SELECT %s FROM json_populate_recordset "
                            "(CAST (NULL AS \"%s\"), CAST (##rows::string AS json))",
                            t->name, columns, columns, t->name);
  values = column_list (t, LIST_JSON_EXTRACT);
  return g_strdup_printf ("INSERT INTO \"%s\" (%s) SELECT %s FROM json_each (##rows::string)",
                          t->name, columns, values);
}

gboolean
_sy_db_copy_table (SyDatabase *from, SyDatabase *to, SyCopyTable *t, gboolean commit_chunks,
                   SyDbCopyProgress progress, gpointer user_data, GError **error)
{
  g_autofree char *insert = insert_sql (to, t);
  gint64 after = 0, copied = 0;

  g_return_val_if_fail (sy_database_is_postgres (from) != sy_database_is_postgres (to), FALSE);

  for (;;)
    {
      g_autofree char *rows = NULL;
      gint64 n = 0;

      rows = read_chunk (from, t, &after, &n, error);
      if (!rows)
        return FALSE;
      if (n == 0)
        break;
      if (commit_chunks && !sy_database_begin (to, error))
        return FALSE;
      if (sy_database_execute (to, insert, error, "rows", G_TYPE_STRING, rows, NULL) < 0)
        {
          if (commit_chunks)
            sy_database_rollback (to);
          return FALSE;
        }
      if (commit_chunks && !sy_database_commit (to, error))
        return FALSE;
      copied += n;
      if (t->count > 0)
        _sy_db_copy_say (progress, user_data, _("%s: %d / %d rows"), t->name, (int) copied, (int) t->count);
    }
  return TRUE;
}

gboolean
_sy_db_copy_attachments (SyDatabase *from, SyDatabase *to, GPtrArray *skip,
                         SyDbCopyProgress progress, gpointer user_data, GError **error)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model =
    sy_database_select (from, "SELECT hash, mime_type, original_name FROM attachment ORDER BY hash",
                        types, error, NULL);
  SyAttachmentStore *source = sy_database_get_attachments (from);
  SyAttachmentStore *target = sy_database_get_attachments (to);
  gint n;

  if (!model)
    return FALSE;
  n = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < n; r++)
    {
      const char *hash = _sy_model_get_string (model, 0, r);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *stored = NULL;

      if (!(skip && g_ptr_array_find_with_equal_func (skip, hash, g_str_equal, NULL))
          && !sy_attachment_store_contains (target, hash))
        {
          bytes = sy_attachment_store_load (source, hash, error);
          if (!bytes)
            return FALSE;
          /* A row copied with the tables keeps its own name and time:
           * only the content is written then (sy-attachment-store.c). */
          stored = sy_attachment_store_add_bytes (target, bytes, _sy_model_get_string (model, 1, r),
                                                  _sy_model_get_string (model, 2, r), error);
          if (!stored)
            return FALSE;
        }
      _sy_db_copy_say (progress, user_data, _("attachments: %d / %d"), r + 1, n);
    }
  return TRUE;
}

gboolean
_sy_db_copy_reset_sequences (SyDatabase *shared, GPtrArray *tables, GError **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      SyCopyTable *t = tables->pdata[i];
      g_autofree char *sql = NULL;
      g_autoptr(GdaDataModel) model = NULL;

      if (!g_strv_contains ((const char * const *) t->columns, "id"))
        continue;
      /* setval () is strict: a table with no rows and a sequence never
       * used leave it alone. */
      sql = g_strdup_printf ("SELECT setval (q.s, GREATEST ((SELECT MAX (id) FROM \"%s\"), "
                             "pg_sequence_last_value (q.s))) "
                             "FROM (SELECT CAST (pg_get_serial_sequence ('%s', 'id') AS regclass) AS s) q",
                             t->name, t->name);
      model = run_select (shared, sql, error);
      if (!model)
        return FALSE;
    }
  return TRUE;
}

gboolean
_sy_db_copy_begin_snapshot (SyDatabase *shared, GError **error)
{
  return run_command (shared, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", error);
}

void
_sy_db_copy_end_snapshot (SyDatabase *shared)
{
  /* Nothing was written: the end cannot lose anything. */
  run_command (shared, "ROLLBACK", NULL);
}
