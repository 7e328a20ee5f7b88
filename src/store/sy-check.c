/* sy-check.c: the database check behind `shuangyong-cli check`
 *
 * Generic on purpose: foreign keys come from the database's own catalogue
 * (SQLite's pragmas, PostgreSQL's pg_constraint), so tables added by later
 * migrations are checked without changes here.
 */
#include "sy-check.h"
#include "sy-attachment-store.h"
#include "sy-queries.h"
#include "sy-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#define BUFFER_SIZE (256 * 1024)
/* integrity_check stops after this many problems; more add nothing. */
#define MAX_INTEGRITY_ROWS 100

static void
finding_free (gpointer data)
{
  SyCheckFinding *f = data;

  g_free (f->message);
  g_free (f);
}

static void add_finding (GPtrArray *findings, SyCheckSeverity severity,
                         const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
add_finding (GPtrArray *findings, SyCheckSeverity severity, const char *format, ...)
{
  SyCheckFinding *f = g_new0 (SyCheckFinding, 1);
  va_list args;

  va_start (args, format);
  f->severity = severity;
  f->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (findings, f);
}

guint
sy_check_count (GPtrArray *findings, SyCheckSeverity severity)
{
  guint n = 0;

  for (guint i = 0; findings && i < findings->len; i++)
    if (((SyCheckFinding *) g_ptr_array_index (findings, i))->severity == severity)
      n++;
  return n;
}

static char *
cell_text (GdaDataModel *model, int col, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, col, row, NULL);

  if (!v || G_VALUE_HOLDS (v, GDA_TYPE_NULL))
    return g_strdup ("NULL");
  if (G_VALUE_HOLDS_STRING (v))
    return g_value_dup_string (v);
  return gda_value_stringify (v);
}

/* The first @n_columns cells of every row, as text, row after row. */
static GPtrArray *
cells_of (GdaDataModel *model, int n_columns)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  gint n = gda_data_model_get_n_rows (model);

  for (gint r = 0; r < n; r++)
    for (int c = 0; c < n_columns; c++)
      g_ptr_array_add (cells, cell_text (model, c, r));
  return cells;
}

/* PRAGMAs and catalogue queries go through the plain command path
 * (SyDatabase's statement cache parses only the SQL it knows). */
static GdaDataModel *
run_select (SyDatabase *db, const char *sql, GError **error)
{
  return _sy_database_select_command (db, sql, _("checking the database"), error);
}

/* SQLite: PRAGMA integrity_check. */
static gboolean
check_integrity (SyDatabase *db, GPtrArray *findings, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA integrity_check(%d)", MAX_INTEGRITY_ROWS);
  g_autoptr(GdaDataModel) model = run_select (db, sql, error);
  gint n;

  if (!model)
    return FALSE;
  n = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < n; r++)
    {
      g_autofree char *text = cell_text (model, 0, r);
      if (strcmp (text, "ok") != 0)
        add_finding (findings, SY_CHECK_ERROR, _("database integrity: %s"), text);
    }
  return TRUE;
}

static char *
quote_identifier (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "\"", -1);
  g_autofree char *joined = g_strjoinv ("\"\"", parts);
  return g_strdup_printf ("\"%s\"", joined);
}

/* PostgreSQL has no integrity_check: every table of the schema is read in
 * full (a sequential COUNT(*) touches every heap page, so an unreadable
 * page or a missing file is an error here, not in a later export). */
static gboolean
check_tables_readable (SyDatabase *db, GPtrArray *findings, GError **error)
{
  g_autoptr(GdaDataModel) model =
    run_select (db, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema () ORDER BY 1", error);
  g_autoptr(GPtrArray) tables = model ? cells_of (model, 1) : NULL;

  if (!tables)
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *t = quote_identifier (table);
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s", t);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GdaDataModel) rows =
        gda_connection_execute_select_command (sy_database_get_connection (db), sql, &local_error);

      if (!rows)
        add_finding (findings, SY_CHECK_ERROR, _("database integrity: table %s cannot be read: %s"),
                     table, local_error ? local_error->message : "?");
    }
  return TRUE;
}

/* PostgreSQL: every single-column foreign key of the schema as quadruples
 * of table, column, referenced table, referenced column. */
static GPtrArray *
pg_foreign_keys (SyDatabase *db, GError **error)
{
  g_autoptr(GdaDataModel) model =
    run_select (db, "SELECT cl.relname, a.attname, pcl.relname, pa.attname "
                    "FROM pg_constraint co "
                    "JOIN pg_class cl ON cl.oid = co.conrelid "
                    "JOIN pg_class pcl ON pcl.oid = co.confrelid "
                    "JOIN pg_namespace ns ON ns.oid = cl.relnamespace "
                    "JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = co.conkey[1] "
                    "JOIN pg_attribute pa ON pa.attrelid = co.confrelid AND pa.attnum = co.confkey[1] "
                    "WHERE co.contype = 'f' AND cardinality (co.conkey) = 1 "
                    "AND ns.nspname = current_schema () ORDER BY 1, 2",
                error);

  return model ? cells_of (model, 4) : NULL;
}

/* PostgreSQL enforces foreign keys, but a constraint added NOT VALID, or
 * rows loaded with triggers off (session_replication_role = replica, as a
 * restore may), can still leave orphans: each key is queried for values
 * its referenced table lacks.  References to attachments are left to
 * check_references(), as on SQLite. */
static gboolean
check_foreign_keys_pg (SyDatabase *db, GPtrArray *keys, GPtrArray *findings, GError **error)
{
  for (guint i = 0; i + 3 < keys->len; i += 4)
    {
      const char *table = g_ptr_array_index (keys, i);
      const char *parent = g_ptr_array_index (keys, i + 2);
      g_autofree char *t = quote_identifier (table);
      g_autofree char *c = quote_identifier (g_ptr_array_index (keys, i + 1));
      g_autofree char *p = quote_identifier (parent);
      g_autofree char *pc = quote_identifier (g_ptr_array_index (keys, i + 3));
      g_autofree char *sql = NULL;
      g_autoptr(GdaDataModel) model = NULL;
      gint n;

      if (strcmp (parent, "attachment") == 0)
        continue;
      sql = g_strdup_printf ("SELECT DISTINCT CAST (x.%s AS TEXT) FROM %s x WHERE x.%s IS NOT NULL "
                             "AND NOT EXISTS (SELECT 1 FROM %s y WHERE y.%s = x.%s) ORDER BY 1 LIMIT %d",
                             c, t, c, p, pc, c, MAX_INTEGRITY_ROWS);
      if (!(model = run_select (db, sql, error)))
        return FALSE;
      n = gda_data_model_get_n_rows (model);
      for (gint r = 0; r < n; r++)
        {
          g_autofree char *value = cell_text (model, 0, r);
          add_finding (findings, SY_CHECK_ERROR,
                       _("foreign key: %s.%s = %s refers to a row of %s that does not exist"),
                       table, (const char *) g_ptr_array_index (keys, i + 1), value, parent);
        }
    }
  return TRUE;
}

/* 考评 links name their evidence by entity and id, which no foreign key
 * can guard: a link whose activity, document, plan item or run is gone. */
static gboolean
check_assessment_links (SyDatabase *db, GPtrArray *findings, GError **error)
{
  static const char *const entities[] = { "event", "document", "plan_item", "disbursement_batch" };

  for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
    {
      g_autoptr(GListModel) links = sy_queries_assessment_dangling_links (db, entities[e], error);

      if (!links)
        return FALSE;
      for (guint i = 0; i < g_list_model_get_n_items (links); i++)
        {
          g_autoptr(SyAssessmentLink) link = g_list_model_get_item (links, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, sy_record_get_id (SY_RECORD (link)));
          g_autofree char *item = g_strdup_printf ("%" G_GINT64_FORMAT, sy_assessment_link_get_item_id (link));
          g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT, sy_assessment_link_get_entity_id (link));

          add_finding (findings, SY_CHECK_WARNING,
                       _("assessment link %s (item %s) refers to %s row %s, which no longer exists"),
                       id, item, entities[e], row);
        }
    }
  return TRUE;
}

/* SQLite: PRAGMA foreign_key_check, every table.  References to
 * attachments are left to check_references(), which names the hash. */
static gboolean
check_foreign_keys (SyDatabase *db, GPtrArray *findings, GError **error)
{
  g_autoptr(GdaDataModel) model = run_select (db, "PRAGMA foreign_key_check", error);
  gint n;

  if (!model)
    return FALSE;
  n = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < n; r++)
    {
      g_autofree char *table = cell_text (model, 0, r);
      g_autofree char *rowid = cell_text (model, 1, r);
      g_autofree char *parent = cell_text (model, 2, r);

      if (strcmp (parent, "attachment") == 0)
        continue;
      add_finding (findings, SY_CHECK_ERROR,
                   _("foreign key: %s row %s refers to a row of %s that does not exist"),
                   table, rowid, parent);
    }
  return TRUE;
}

/* PostgreSQL: the columns that reference attachment, from the foreign
 * keys (pg_foreign_keys()): pairs of table, column.  attachment_blob holds
 * the contents (check_attachment_rows() checks it): not a use. */
static GPtrArray *
attachment_references_pg (GPtrArray *keys)
{
  GPtrArray *refs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i + 3 < keys->len; i += 4)
    if (strcmp (g_ptr_array_index (keys, i + 2), "attachment") == 0
        && strcmp (g_ptr_array_index (keys, i), "attachment_blob") != 0)
      {
        g_ptr_array_add (refs, g_strdup (g_ptr_array_index (keys, i)));
        g_ptr_array_add (refs, g_strdup (g_ptr_array_index (keys, i + 1)));
      }
  return refs;
}

/* Every column that references attachment (hash), from the catalogue:
 * pairs of table, column.  SQLite: pragma_foreign_key_list. */
static GPtrArray *
attachment_references (SyDatabase *db, GError **error)
{
  g_autoptr(GdaDataModel) model =
    run_select (db, "SELECT m.name, p.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) p "
                    "WHERE m.type = 'table' AND p.\"table\" = 'attachment' ORDER BY m.name, p.\"from\"",
                error);

  return model ? cells_of (model, 2) : NULL;
}

/* Every referenced hash must be an attachment row; collects the hashes
 * that are referenced at all into @used. */
static gboolean
check_references (SyDatabase *db, GPtrArray *refs, GHashTable *used, GPtrArray *findings,
                  GError **error)
{
  for (guint i = 0; i + 1 < refs->len; i += 2)
    {
      const char *table = g_ptr_array_index (refs, i);
      const char *column = g_ptr_array_index (refs, i + 1);
      g_autofree char *t = quote_identifier (table);
      g_autofree char *c = quote_identifier (column);
      g_autofree char *sql = g_strdup_printf ("SELECT DISTINCT x.%s, "
                                              "(SELECT COUNT(*) FROM attachment a WHERE a.hash = x.%s) "
                                              "FROM %s x WHERE x.%s IS NOT NULL ORDER BY 1",
                                              c, c, t, c);
      g_autoptr(GdaDataModel) model = run_select (db, sql, error);
      gint n;

      if (!model)
        return FALSE;
      n = gda_data_model_get_n_rows (model);
      for (gint r = 0; r < n; r++)
        {
          g_autofree char *hash = cell_text (model, 0, r);
          g_autofree char *count = cell_text (model, 1, r);

          if (strcmp (count, "0") == 0)
            add_finding (findings, SY_CHECK_ERROR,
                         _("%s.%s refers to attachment %s, which is not stored"),
                         table, column, hash);
          g_hash_table_add (used, g_steal_pointer (&hash));
        }
    }
  return TRUE;
}

static gboolean
hash_file (const char *path, char **hex, guint64 *size)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (BUFFER_SIZE);
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  guint64 total = 0;

  if (fd < 0)
    return FALSE;
  for (;;)
    {
      gssize n = read (fd, buf, BUFFER_SIZE);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;
      g_checksum_update (sum, buf, n);
      total += n;
    }
  close (fd);
  *hex = g_strdup (g_checksum_get_string (sum));
  *size = total;
  return TRUE;
}

static gboolean
cell_is_null (GdaDataModel *model, int col, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, col, row, NULL);

  return !v || G_VALUE_HOLDS (v, GDA_TYPE_NULL);
}

/* PostgreSQL may hold attachments in the database itself (attachment_blob,
 * migration 0008): the server hashes those contents, so nothing large
 * crosses the wire.  Columns: hash, size, blob size, blob SHA-256 (both
 * NULL for an attachment kept as a file). */
static GdaDataModel *
select_attachments (SyDatabase *db, GError **error)
{
  gint64 has_blobs = 0;

  if (sy_database_is_postgres (db)
      && !sy_database_query_int64 (db, &has_blobs,
                                   "SELECT CASE WHEN to_regclass ('attachment_blob') IS NULL THEN 0 ELSE 1 END",
                                   error, NULL))
    return NULL;
  if (has_blobs)
    return run_select (db, "SELECT a.hash, a.size, CAST (octet_length (b.content) AS TEXT), "
                           "encode (sha256 (b.content), 'hex') FROM attachment a "
                           "LEFT JOIN attachment_blob b ON b.hash = a.hash ORDER BY a.hash", error);
  return run_select (db, "SELECT hash, size, NULL, NULL FROM attachment ORDER BY hash", error);
}

/* Every attachment row has its file (or its contents in the database), of
 * its size and hash; collects the stored hashes into @stored. */
static gboolean
check_attachment_rows (SyDatabase *db, GHashTable *stored, GHashTable *used, GPtrArray *findings,
                       GError **error)
{
  SyAttachmentStore *store = sy_database_get_attachments (db);
  g_autoptr(GdaDataModel) model = select_attachments (db, error);
  gint n;

  if (!model)
    return FALSE;
  n = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < n; r++)
    {
      g_autofree char *hash = cell_text (model, 0, r);
      g_autofree char *size_text = cell_text (model, 1, r);
      g_autofree char *path = sy_attachment_store_get_path (store, hash);
      g_autofree char *actual = NULL;
      guint64 size = 0;
      guint64 want = 0;

      if (!path)
        {
          add_finding (findings, SY_CHECK_ERROR, _("attachment row “%s” is not a valid SHA-256"), hash);
          continue;
        }
      g_ascii_string_to_unsigned (size_text, 10, 0, G_MAXUINT64, &want, NULL);
      if (!cell_is_null (model, 2, r))
        {
          g_autofree char *blob_size = cell_text (model, 2, r);
          g_autofree char *blob_hash = cell_text (model, 3, r);

          if (strcmp (blob_size, size_text) != 0)
            add_finding (findings, SY_CHECK_ERROR,
                         _("attachment %s: the stored contents have %s bytes, the database says %s"),
                         hash, blob_size, size_text);
          else if (strcmp (blob_hash, hash) != 0)
            add_finding (findings, SY_CHECK_ERROR,
                         _("attachment %s: the stored contents are damaged (their checksum differs)"),
                         hash);
        }
      else if (!g_file_test (path, G_FILE_TEST_EXISTS))
        add_finding (findings, SY_CHECK_ERROR, _("attachment %s: the file is missing"), hash);
      else if (!hash_file (path, &actual, &size))
        add_finding (findings, SY_CHECK_ERROR, _("attachment %s: the file cannot be read"), hash);
      else if (size != want)
        {
          g_autofree char *got = g_strdup_printf ("%" G_GUINT64_FORMAT, size);
          add_finding (findings, SY_CHECK_ERROR,
                       _("attachment %s: the file has %s bytes, the database says %s"),
                       hash, got, size_text);
        }
      else if (strcmp (actual, hash) != 0)
        add_finding (findings, SY_CHECK_ERROR,
                     _("attachment %s: the file is damaged (its checksum differs)"), hash);

      if (!g_hash_table_contains (used, hash))
        add_finding (findings, SY_CHECK_WARNING,
                     _("attachment %s is not used by any record"), hash);
      g_hash_table_add (stored, g_steal_pointer (&hash));
    }
  return TRUE;
}

static gboolean
is_lower_hex (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (s[i]) || g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

/* SQLite: the attachment folder.  Files no row names are orphans (a crash
 * between writing a file and its row leaves one: harmless, reported as a
 * warning); temporary files are leftovers of an interrupted write. */
static void
check_attachment_folder (SyDatabase *db, GHashTable *stored, GPtrArray *findings)
{
  g_autofree char *root = g_build_filename (sy_database_get_files_directory (db), "attachments", NULL);
  g_autoptr(GDir) top = g_dir_open (root, 0, NULL);
  const char *prefix;

  while (top && (prefix = g_dir_read_name (top)))
    {
      g_autofree char *sub = g_build_filename (root, prefix, NULL);
      g_autoptr(GDir) dir = NULL;
      const char *name;

      if (strlen (prefix) != 2 || !is_lower_hex (prefix, 2)
          || !g_file_test (sub, G_FILE_TEST_IS_DIR))
        {
          add_finding (findings, SY_CHECK_WARNING,
                       _("unexpected file in the attachment folder: %s"), prefix);
          continue;
        }
      dir = g_dir_open (sub, 0, NULL);
      while (dir && (name = g_dir_read_name (dir)))
        {
          if (strlen (name) == 64 && is_lower_hex (name, 64) && strncmp (name, prefix, 2) == 0)
            {
              if (!g_hash_table_contains (stored, name))
                add_finding (findings, SY_CHECK_WARNING,
                             _("orphaned attachment file %s (no attachment row names it)"), name);
            }
          else if (strstr (name, ".tmp-"))
            add_finding (findings, SY_CHECK_WARNING,
                         _("leftover temporary file in the attachment folder: %s/%s"), prefix, name);
          else
            add_finding (findings, SY_CHECK_WARNING,
                         _("unexpected file in the attachment folder: %s/%s"), prefix, name);
        }
    }
}

GPtrArray *
sy_check_run (SyDatabase *db, GError **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (finding_free);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(GPtrArray) pg_keys = NULL;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  if (sy_database_is_postgres (db))
    {
      if (!check_tables_readable (db, findings, error)
          || !(pg_keys = pg_foreign_keys (db, error))
          || !check_foreign_keys_pg (db, pg_keys, findings, error))
        return NULL;
      refs = attachment_references_pg (pg_keys);
    }
  else if (!check_integrity (db, findings, error)
           || !check_foreign_keys (db, findings, error)
           || !(refs = attachment_references (db, error)))
    return NULL;
  if (!check_references (db, refs, used, findings, error)
      || !check_attachment_rows (db, stored, used, findings, error)
      || !check_assessment_links (db, findings, error))
    return NULL;
  check_attachment_folder (db, stored, findings);
  return g_steal_pointer (&findings);
}
