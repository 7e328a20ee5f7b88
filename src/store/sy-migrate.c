/* sy-migrate.c: a local office database copied to a shared PostgreSQL one
 *
 * Rows travel as JSON: SQLite writes each chunk with json_object (), and
 * PostgreSQL reads it with json_populate_recordset (), which converts
 * every value to its column's type, so one text parameter carries a
 * chunk and no per-column type mapping is needed here.
 */
#include "sy-migrate.h"
#include "sy-attachment-store.h"
#include "sy-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MARKER_KEY "migrated-from"

typedef struct {
  char  *name;
  GStrv  columns;
  gint64 count;      /* rows on the source */
  char  *checksum;   /* of the source rows */
} Table;

static void
table_free (gpointer data)
{
  Table *t = data;

  g_free (t->name);
  g_strfreev (t->columns);
  g_free (t->checksum);
  g_free (t);
}

static void
say (SyMigrateProgress progress, gpointer user_data, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
say (SyMigrateProgress progress, gpointer user_data, const char *format, ...)
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

/* The marker row is the target's own, never compared. */
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

/* Order-independent SHA-256 of a table's rows, each column as text: every
 * column is TEXT or an integer, whose text is the same on both databases. */
static char *
table_checksum (SyDatabase *db, Table *t, GError **error)
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

/* The source's tables that the target has too (not SQLite's own, the
 * full-text index or the migration list), in the order the migrations
 * created them: a table is created after those it references. */
static GPtrArray *
list_tables (SyDatabase *source, SyDatabase *target, GError **error)
{
  g_autoptr(GdaDataModel) model =
    run_select (source, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid", error);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (table_free);
  gint n;

  if (!model)
    return NULL;
  n = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < n; r++)
    {
      g_autofree char *name = g_strdup (_sy_model_get_string (model, 0, r));
      g_autofree char *sql = NULL;
      g_autoptr(GdaDataModel) columns = NULL;
      g_autoptr(GStrvBuilder) builder = NULL;
      gint64 on_target = 0;
      Table *t;

      if (!is_identifier (name) || g_str_equal (name, "schema_migration")
          || g_str_has_prefix (name, "sqlite_"))
        continue;
      if (!sy_database_query_int64 (target, &on_target,
                                    "SELECT COUNT(*) FROM information_schema.tables "
                                    "WHERE table_schema = current_schema () AND table_name = ##t::string",
                                    error, "t", G_TYPE_STRING, name, NULL))
        return NULL;
      if (!on_target)
        continue;

      sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') ORDER BY cid", name);
      columns = run_select (source, sql, error);
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
      t = g_new0 (Table, 1);
      t->name = g_steal_pointer (&name);
      t->columns = g_strv_builder_end (builder);
      g_ptr_array_add (tables, t);
    }
  return g_steal_pointer (&tables);
}

/* One chunk of rows after @after (a SQLite rowid) as a JSON array; the
 * chunk's last rowid in *@last and its size in *@n. */
static char *
read_chunk (SyDatabase *source, Table *t, gint64 after, gint64 *last, gint64 *n, GError **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT json_group_array (json_object (");
  g_autoptr(GdaDataModel) model = NULL;

  for (guint c = 0; t->columns[c]; c++)
    g_string_append_printf (sql, "%s'%s', \"%s\"", c ? ", " : "", t->columns[c], t->columns[c]);
  g_string_append_printf (sql, ")), MAX (sy_rowid), COUNT(*) FROM (SELECT rowid AS sy_rowid, * FROM \"%s\" "
                          "WHERE rowid > %" G_GINT64_FORMAT " ORDER BY rowid LIMIT %d)",
                          t->name, after, SY_MIGRATE_CHUNK);
  model = run_select (source, sql->str, error);
  if (!model)
    return NULL;
  *n = _sy_model_get_int64 (model, 2, 0);
  *last = *n ? _sy_model_get_int64 (model, 1, 0) : after;
  return g_strdup (_sy_model_get_string (model, 0, 0));
}

static gboolean
copy_table (SyDatabase *source, SyDatabase *target, Table *t,
            SyMigrateProgress progress, gpointer user_data, GError **error)
{
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autofree char *columns = NULL;
  gint64 after = 0, copied = 0;

  {
    g_autoptr(GString) list = g_string_new (NULL);
    for (guint c = 0; t->columns[c]; c++)
      g_string_append_printf (list, "%s\"%s\"", c ? ", " : "", t->columns[c]);
    columns = g_strdup (list->str);
  }
  g_string_printf (insert, "INSERT INTO \"%s\" (%s) SELECT %s FROM json_populate_recordset "
                   "(CAST (NULL AS \"%s\"), CAST (##rows::string AS json))",
                   t->name, columns, columns, t->name);

  while (copied < t->count)
    {
      g_autofree char *rows = NULL;
      gint64 n = 0;

      rows = read_chunk (source, t, after, &after, &n, error);
      if (!rows)
        return FALSE;
      if (n == 0)
        break;
      if (!sy_database_begin (target, error))
        return FALSE;
      if (sy_database_execute (target, insert->str, error, "rows", G_TYPE_STRING, rows, NULL) < 0)
        {
          sy_database_rollback (target);
          return FALSE;
        }
      if (!sy_database_commit (target, error))
        return FALSE;
      copied += n;
      say (progress, user_data, _("%s: %d / %d rows"), t->name, (int) copied, (int) t->count);
    }
  return TRUE;
}

/* PostgreSQL hands out ids from a sequence: after rows with given ids it
 * must continue above them. */
static gboolean
reset_sequences (SyDatabase *target, GPtrArray *tables, GError **error)
{
  for (guint i = 0; i < tables->len; i++)
    {
      Table *t = tables->pdata[i];
      g_autofree char *sql = NULL;
      g_autoptr(GdaDataModel) model = NULL;

      if (!g_strv_contains ((const char * const *) t->columns, "id"))
        continue;
      sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('%s', 'id'), MAX (id)) FROM \"%s\"",
                             t->name, t->name);
      model = run_select (target, sql, error);
      if (!model)
        return FALSE;
    }
  return TRUE;
}

/* Whether the target holds the source's rows: counts and checksums. The
 * name of the first table that differs in *@differs (NULL if none). */
static gboolean
compare_tables (SyDatabase *target, GPtrArray *tables, char **differs, GError **error)
{
  *differs = NULL;
  for (guint i = 0; i < tables->len; i++)
    {
      Table *t = tables->pdata[i];
      g_autofree char *checksum = NULL;
      gint64 count = 0;

      if (!table_count (target, t->name, &count, error))
        return FALSE;
      if (count == t->count && !(checksum = table_checksum (target, t, error)))
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

static gboolean
copy_attachments (SyDatabase *source, SyDatabase *target,
                  SyMigrateProgress progress, gpointer user_data, GError **error)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model =
    sy_database_select (source, "SELECT hash, mime_type, original_name FROM attachment ORDER BY hash",
                        types, error, NULL);
  SyAttachmentStore *from = sy_database_get_attachments (source);
  SyAttachmentStore *to = sy_database_get_attachments (target);
  gint n;

  if (!model)
    return FALSE;
  n = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < n; r++)
    {
      const char *hash = _sy_model_get_string (model, 0, r);
      const char *mime = _sy_model_get_string (model, 1, r);
      const char *name = _sy_model_get_string (model, 2, r);
      g_autofree char *stored = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (!sy_attachment_store_contains (to, hash))
        {
          bytes = sy_attachment_store_load (from, hash, error);
          if (!bytes)
            return FALSE;
          stored = sy_attachment_store_add_bytes (to, bytes, mime, name, error);
          if (!stored)
            return FALSE;
        }
      say (progress, user_data, _("attachments: %d / %d"), r + 1, n);
    }
  return TRUE;
}

/* Every attachment on the target, loaded (which verifies its hash). */
static gboolean
verify_attachments (SyDatabase *target, GError **error)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model =
    sy_database_select (target, "SELECT hash FROM attachment ORDER BY hash", types, error, NULL);
  SyAttachmentStore *store = sy_database_get_attachments (target);

  if (!model)
    return FALSE;
  for (gint r = 0; r < gda_data_model_get_n_rows (model); r++)
    {
      const char *hash = _sy_model_get_string (model, 0, r);
      g_autoptr(GBytes) bytes = sy_attachment_store_load (store, hash, error);
      if (!bytes)
        return FALSE;
    }
  return TRUE;
}

/* A target nobody has used: no marker, no audit row (every change writes
 * one) and no office data.  What it holds came from the migrations
 * (the 考评 items of 0006) and is replaced by the source's rows. */
static gboolean
target_is_fresh (SyDatabase *target, gboolean *fresh, GError **error)
{
  gint64 audited = 0, attachments = 0;

  if (!sy_database_query_int64 (target, &audited, "SELECT COUNT(*) FROM audit_log", error, NULL)
      || !sy_database_query_int64 (target, &attachments, "SELECT COUNT(*) FROM attachment", error, NULL))
    return FALSE;
  *fresh = audited == 0 && attachments == 0 && sy_database_is_empty (target);
  return TRUE;
}

/* The marker is the migration's bookkeeping, not an office change: no
 * audit row (the audit log is copied and compared like any table). */
static gboolean
set_marker (SyDatabase *target, const char *value, GError **error)
{
  if (!sy_database_begin (target, error))
    return FALSE;
  if (sy_database_execute (target, "DELETE FROM setting WHERE key = ##key::string", error,
                           "key", G_TYPE_STRING, MARKER_KEY, NULL) < 0
      || sy_database_execute (target, "INSERT INTO setting (key, value) VALUES (##key::string, ##value::string)",
                              error, "key", G_TYPE_STRING, MARKER_KEY, "value", G_TYPE_STRING, value, NULL) < 0)
    {
      sy_database_rollback (target);
      return FALSE;
    }
  return sy_database_commit (target, error);
}

/* Empties the tables (last created first) and sets the marker
 * "incomplete", in one transaction. */
static gboolean
start_target (SyDatabase *target, GPtrArray *tables, const char *from, GError **error)
{
  g_autofree char *marker = g_strconcat ("incomplete: ", from, NULL);

  if (!sy_database_begin (target, error))
    return FALSE;
  for (guint i = tables->len; i > 0; i--)
    {
      Table *t = tables->pdata[i - 1];
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\"", t->name);

      if (sy_database_execute (target, sql, error, NULL) < 0)
        goto failed;
    }
  if (!set_marker (target, marker, error))
    goto failed;
  return sy_database_commit (target, error);

failed:
  sy_database_rollback (target);
  return FALSE;
}

gboolean
sy_migrate_to_postgres (const char        *from_dir,
                        const char        *to_uri,
                        SyMigrateProgress  progress,
                        gpointer           user_data,
                        SyMigrateResult   *result,
                        GError           **error)
{
  g_autoptr(SyDatabase) source = NULL;
  g_autoptr(SyDatabase) target = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *differs = NULL;
  g_autofree char *done = NULL;
  g_autofree char *db_file = NULL;
  gboolean fresh = FALSE;

  *result = SY_MIGRATE_COPIED;
  if (!sy_database_require_local (from_dir, error))
    return FALSE;
  if (!sy_database_location_is_postgres (to_uri))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The target must be a shared database postgresql://user@host:port/name, not “%s”"),
                   to_uri);
      return FALSE;
    }
  /* Opening a folder without a database would create an empty one. */
  db_file = g_build_filename (from_dir, "office.db", NULL);
  if (!g_file_test (db_file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("There is no local database in %s"), from_dir);
      return FALSE;
    }
  source = sy_database_open (from_dir, error);
  if (!source)
    return FALSE;
  say (progress, user_data, _("opening %s"), to_uri);
  target = sy_database_open_uri (to_uri, error);
  if (!target)
    return FALSE;

  tables = list_tables (source, target, error);
  if (!tables)
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    {
      Table *t = tables->pdata[i];
      if (!table_count (source, t->name, &t->count, error)
          || !(t->checksum = table_checksum (source, t, error)))
        return FALSE;
    }

  marker = sy_database_get_setting (target, MARKER_KEY);
  if (marker && g_str_has_prefix (marker, "complete"))
    {
      if (!compare_tables (target, tables, &differs, error))
        return FALSE;
      if (!differs)
        {
          *result = SY_MIGRATE_ALREADY_DONE;
          return TRUE;
        }
      g_set_error (error, SY_ERROR, SY_ERROR_CONFLICT,
                   _("%s already holds data migrated earlier that differs from %s (table %s): "
                     "nothing was changed. Migrate into a new, empty database."),
                   to_uri, from_dir, differs);
      return FALSE;
    }
  if (marker)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_CONFLICT,
                   _("An earlier migration into %s did not finish: nothing was changed. "
                     "Drop that database, create it again empty and run migrate again."),
                   to_uri);
      return FALSE;
    }
  if (!target_is_fresh (target, &fresh, error))
    return FALSE;
  if (!fresh)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_CONFLICT,
                   _("%s already holds office data: nothing was changed. "
                     "Migrate into a new, empty database."),
                   to_uri);
      return FALSE;
    }

  if (!start_target (target, tables, from_dir, error))
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    if (!copy_table (source, target, tables->pdata[i], progress, user_data, error))
      return FALSE;
  if (!reset_sequences (target, tables, error)
      || !copy_attachments (source, target, progress, user_data, error))
    return FALSE;

  say (progress, user_data, _("verifying"));
  if (!compare_tables (target, tables, &differs, error) || !verify_attachments (target, error))
    return FALSE;
  if (differs)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED,
                   _("The copy in %s does not match %s (table %s). Drop that database, "
                     "create it again empty and run migrate again."),
                   to_uri, from_dir, differs);
      return FALSE;
    }
  done = g_strconcat ("complete: ", from_dir, NULL);
  return set_marker (target, done, error);
}
