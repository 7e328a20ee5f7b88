/* sy-recipient-importer.c: an imported recipient list into the database
 *
 * One pass over the file: the mapping validates each row and hands it over,
 * the row is classified against a snapshot of the stored recipients taken
 * up front (one query), and, when writing, stored at once inside the one
 * transaction.  Nothing is kept per row but its action byte and its issues,
 * so memory stays flat however long the file is.
 */
#include "sy-recipient-importer.h"
#include "sy-queries.h"
#include "sy-store-private.h"

#include <string.h>
#include <glib/gi18n-lib.h>

/* Rows between two progress reports. */
#define PROGRESS_STEP 256

struct _SyRecipientImporter
{
  GObject parent_instance;

  SyDatabase         *db;
  SyRecipientMapping *mapping;
  gboolean            skip_invalid;
  gboolean            dry_run;

  guint               n_added;
  guint               n_updated;
  guint               n_unchanged;
  guint               n_rejected;
  gboolean            committed;
  GPtrArray          *issues;   /* SyImportIssue */
  GByteArray         *actions;  /* SyImportAction per data row */
};

G_DEFINE_FINAL_TYPE (SyRecipientImporter, sy_recipient_importer, G_TYPE_OBJECT)

static void
sy_recipient_importer_finalize (GObject *object)
{
  SyRecipientImporter *self = SY_RECIPIENT_IMPORTER (object);

  g_clear_object (&self->db);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_byte_array_unref);

  G_OBJECT_CLASS (sy_recipient_importer_parent_class)->finalize (object);
}

static void
sy_recipient_importer_class_init (SyRecipientImporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_recipient_importer_finalize;
}

static void
sy_recipient_importer_init (SyRecipientImporter *self)
{
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_import_issue_free);
  self->actions = g_byte_array_new ();
}

SyRecipientImporter *
sy_recipient_importer_new (SyDatabase         *db,
                           SyRecipientMapping *mapping)
{
  SyRecipientImporter *self;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);
  g_return_val_if_fail (SY_IS_RECIPIENT_MAPPING (mapping), NULL);

  self = g_object_new (SY_TYPE_RECIPIENT_IMPORTER, NULL);
  self->db = g_object_ref (db);
  self->mapping = g_object_ref (mapping);
  return self;
}

void
sy_recipient_importer_set_skip_invalid (SyRecipientImporter *self,
                                        gboolean             skip_invalid)
{
  g_return_if_fail (SY_IS_RECIPIENT_IMPORTER (self));
  self->skip_invalid = !!skip_invalid;
}

gboolean
sy_recipient_importer_get_skip_invalid (SyRecipientImporter *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_IMPORTER (self), FALSE);
  return self->skip_invalid;
}

void
sy_recipient_importer_set_dry_run (SyRecipientImporter *self,
                                   gboolean             dry_run)
{
  g_return_if_fail (SY_IS_RECIPIENT_IMPORTER (self));
  self->dry_run = !!dry_run;
}

gboolean
sy_recipient_importer_get_dry_run (SyRecipientImporter *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_IMPORTER (self), FALSE);
  return self->dry_run;
}

guint
sy_recipient_importer_get_n_added (SyRecipientImporter *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_IMPORTER (self), 0);
  return self->n_added;
}

guint
sy_recipient_importer_get_n_updated (SyRecipientImporter *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_IMPORTER (self), 0);
  return self->n_updated;
}

guint
sy_recipient_importer_get_n_unchanged (SyRecipientImporter *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_IMPORTER (self), 0);
  return self->n_unchanged;
}

guint
sy_recipient_importer_get_n_rejected (SyRecipientImporter *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_IMPORTER (self), 0);
  return self->n_rejected;
}

gboolean
sy_recipient_importer_get_committed (SyRecipientImporter *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_IMPORTER (self), FALSE);
  return self->committed;
}

GPtrArray *
sy_recipient_importer_get_issues (SyRecipientImporter *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_IMPORTER (self), NULL);
  return self->issues;
}

SyImportAction
sy_recipient_importer_get_action (SyRecipientImporter *self,
                                  guint                row)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_IMPORTER (self), SY_IMPORT_ACTION_REJECTED);
  g_return_val_if_fail (row < self->actions->len, SY_IMPORT_ACTION_REJECTED);
  return self->actions->data[row];
}

/* --- the stored recipients -------------------------------------------------- */

/* Values are compared as text: each field's value, then \x1f.  The same
 * function renders a stored GValue and an imported record's field, so a
 * NULL and an empty string, or a boolean and its stored 0/1, compare
 * equal. */
static void
append_value (GString *out, const GValue *value)
{
  if (value != NULL && G_IS_VALUE (value))
    {
      if (G_VALUE_HOLDS_STRING (value))
        {
          if (g_value_get_string (value) != NULL)
            g_string_append (out, g_value_get_string (value));
        }
      else if (G_VALUE_HOLDS_INT (value))
        g_string_append_printf (out, "%d", g_value_get_int (value));
      else if (G_VALUE_HOLDS_INT64 (value))
        g_string_append_printf (out, "%" G_GINT64_FORMAT, g_value_get_int64 (value));
      else if (G_VALUE_HOLDS_BOOLEAN (value))
        g_string_append_c (out, g_value_get_boolean (value) ? '1' : '0');
      /* GDA_TYPE_NULL: nothing */
    }
  g_string_append_c (out, '\x1f');
}

static void
append_field (GString *out, SyRecord *record, const SyFieldSpec *spec)
{
  g_auto(GValue) value = G_VALUE_INIT;

  sy_record_get_field_value (record, spec, &value);
  append_value (out, &value);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Categories in a canonical form: one entry per category (name, then the
 * compared detail fields), sorted, joined by \x1e. */
static char *
join_categories (GPtrArray *entries)
{
  GString *out = g_string_new (NULL);

  g_ptr_array_sort (entries, compare_strings);
  for (guint i = 0; i < entries->len; i++)
    {
      g_string_append (out, g_ptr_array_index (entries, i));
      g_string_append_c (out, '\x1e');
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  gint64  id;
  gint64  version;
  char   *name;
  char   *status;
  char   *head;        /* the 户主's ID number; only read when the file names heads */
  char   *values;      /* the compared recipient fields */
  char   *categories;  /* canonical categories; NULL when not compared */
} Stored;

static void
stored_free (gpointer data)
{
  Stored *s = data;

  g_free (s->name);
  g_free (s->status);
  g_free (s->head);
  g_free (s->values);
  g_free (s->categories);
  g_free (s);
}

/* --- one run ------------------------------------------------------------- */

/* A member and the 户主 their row names; the head may come later in the
 * file, so the link is made once everyone has an id. */
typedef struct {
  char     *member;     /* ID numbers, normalised */
  char     *head;
  guint     line;
  guint     index;      /* the data row, in the importer's actions */
  gboolean  link_only;  /* a stored person counted as updated for this link alone */
} HouseholdLink;

static void
household_link_clear (gpointer data)
{
  HouseholdLink *link = data;

  g_free (link->member);
  g_free (link->head);
}

typedef struct {
  SyRecipientImporter       *self;
  SyTable                   *table;
  const char                *file_name;
  char                      *reason;       /* 导入 roster.csv */
  char                      *today;
  guint                      first_row;    /* table row of the first data row */
  guint                      n_rows;       /* data rows */
  guint                      done;

  /* What the file can change. */
  GPtrArray                 *rec_specs;    /* SyRecipient fields compared */
  GPtrArray                 *cat_specs;    /* SyRecipientCategory detail fields compared */
  gboolean                   categories;   /* the file has a category column */
  int                        status_column;
  const char                *name_title;

  GHashTable                *stored;       /* ID number → Stored */
  GHashTable                *file_ids;     /* valid ID numbers of the file, when it names 户主 */
  GArray                    *links;        /* HouseholdLink, resolved after the pass */
  const char                *head_title;
  GHashTable                *people;       /* name \x1f birth date → ID number */

  gboolean                   writing;      /* inside the transaction, writes wanted */
  SyRecipientImportProgress  progress;
  gpointer                   progress_data;

  /* New people, written in bulk (see flush_people()). */
  GdaSqlParser              *parser;
  gboolean                   postgres;     /* the bulk statements' dialect */
  struct _BulkTable         *recipients;
  struct _BulkTable         *categories_table;
  struct _BulkTable         *changes;
  GPtrArray                 *pending;      /* Pending */
  GValue                     now;
  GValue                     actor;

  /* The connection's settings before tune_io(), restored by run_clear(). */
  gboolean                   tuned;
  gint64                     saved_cache_size;
  gint64                     saved_temp_store;
} Run;

static void bulk_table_free (struct _BulkTable *t);
static void restore_io (Run *run);

static void
run_clear (Run *run)
{
  restore_io (run);
  g_free (run->reason);
  g_free (run->today);
  g_clear_pointer (&run->rec_specs, g_ptr_array_unref);
  g_clear_pointer (&run->cat_specs, g_ptr_array_unref);
  g_clear_pointer (&run->stored, g_hash_table_unref);
  g_clear_pointer (&run->file_ids, g_hash_table_unref);
  g_clear_pointer (&run->links, g_array_unref);
  g_clear_pointer (&run->people, g_hash_table_unref);
  g_clear_object (&run->parser);
  g_clear_pointer (&run->recipients, bulk_table_free);
  g_clear_pointer (&run->categories_table, bulk_table_free);
  g_clear_pointer (&run->changes, bulk_table_free);
  g_clear_pointer (&run->pending, g_ptr_array_unref);
  {
    GValue *values[] = { &run->now, &run->actor };

    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      if (G_IS_VALUE (values[i]))
        g_value_unset (values[i]);
  }
}

static void
report_progress (Run *run, double fraction, const char *what)
{
  if (run->progress != NULL)
    run->progress (fraction, what, run->progress_data);
}

static gboolean
column_present (Run *run, SyRecipientField field)
{
  return sy_recipient_mapping_get_column (run->self->mapping, field) >= 0;
}

/* Decides which fields the file speaks for.  Sex and birth date come from
 * the ID number, which every importable file has, so they always count. */
static void
choose_fields (Run *run)
{
  g_autoptr(SyRecordClass) rec_class = g_type_class_ref (SY_TYPE_RECIPIENT);
  g_autoptr(SyRecordClass) cat_class = g_type_class_ref (SY_TYPE_RECIPIENT_CATEGORY);

  run->rec_specs = g_ptr_array_new ();
  run->cat_specs = g_ptr_array_new ();
  run->categories = column_present (run, SY_RECIPIENT_FIELD_CATEGORIES);
  run->status_column = sy_recipient_mapping_get_column (run->self->mapping,
                                                        SY_RECIPIENT_FIELD_STATUS);

  for (SyRecipientField f = SY_RECIPIENT_FIELD_NAME; f < SY_RECIPIENT_N_FIELDS; f++)
    {
      const char *key = sy_recipient_field_to_string (f);
      const SyFieldSpec *spec;
      gboolean present;

      if (f == SY_RECIPIENT_FIELD_ID_NUMBER || f == SY_RECIPIENT_FIELD_STATUS
          || f == SY_RECIPIENT_FIELD_CATEGORIES)
        continue;
      present = column_present (run, f) || f == SY_RECIPIENT_FIELD_NAME
                || f == SY_RECIPIENT_FIELD_SEX || f == SY_RECIPIENT_FIELD_BIRTH_DATE;
      if (!present)
        continue;

      spec = sy_record_class_find_field (rec_class, key);
      if (spec != NULL && !(spec->flags & SY_FIELD_DERIVED))
        {
          g_ptr_array_add (run->rec_specs, (gpointer) spec);
          continue;
        }
      spec = sy_record_class_find_field (cat_class, key);
      if (spec != NULL && run->categories)
        g_ptr_array_add (run->cat_specs, (gpointer) spec);
    }

  if (column_present (run, SY_RECIPIENT_FIELD_NAME))
    run->name_title = sy_recipient_mapping_get_column_title (
        run->self->mapping, sy_recipient_mapping_get_column (run->self->mapping,
                                                             SY_RECIPIENT_FIELD_NAME));
}

static const char *
string_at (GdaDataModel *model, int column, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, column, row, NULL);

  return v != NULL && G_VALUE_HOLDS_STRING (v) ? g_value_get_string (v) : NULL;
}

static gint64
int64_at (GdaDataModel *model, int column, int row)
{
  const GValue *v = gda_data_model_get_value_at (model, column, row, NULL);

  return v != NULL && G_VALUE_HOLDS_INT64 (v) ? g_value_get_int64 (v) : 0;
}

/* Recipients per query of load_stored(). */
#define STORED_PAGE 4096

/* Adds the recipients of one page of @model to the snapshot; *@last_id is
 * the id of the last one. */
static void
add_stored_page (Run *run, GdaDataModel *model, int first_value, int first_category,
                 int birth_column, gint64 *last_id)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  Stored *current = NULL;
  int n = gda_data_model_get_n_rows (model);

  for (int row = 0; row <= n; row++)
    {
      gint64 id = row < n ? int64_at (model, 0, row) : -1;

      if (current != NULL && id != current->id)
        {
          if (run->categories)
            current->categories = join_categories (entries);
          g_ptr_array_set_size (entries, 0);
          current = NULL;
        }
      if (row == n)
        break;
      *last_id = id;

      if (current == NULL)
        {
          g_autoptr(GString) values = g_string_new (NULL);
          const char *id_number = string_at (model, 2, row);
          char *key;

          for (guint i = 0; i < run->rec_specs->len; i++)
            append_value (values, gda_data_model_get_value_at (model, first_value + i, row, NULL));

          current = g_new0 (Stored, 1);
          current->id = id;
          current->version = int64_at (model, 1, row);
          current->name = g_strdup (string_at (model, 3, row));
          current->status = g_strdup (string_at (model, 4, row));
          if (string_at (model, 5, row) != NULL)
            current->head = g_ascii_strup (string_at (model, 5, row), -1);
          current->values = g_string_free (g_steal_pointer (&values), FALSE);
          /* Stored IDs should be upper case already; a lowercase x typed
           * into an older editor must still match. */
          key = g_ascii_strup (id_number != NULL ? id_number : "", -1);
          g_hash_table_replace (run->stored, key, current);

          if (current->name != NULL && birth_column >= 0
              && string_at (model, birth_column, row) != NULL)
            g_hash_table_replace (run->people,
                                  g_strconcat (current->name, "\x1f",
                                               string_at (model, birth_column, row), NULL),
                                  g_strdup (key));
        }

      if (run->categories && string_at (model, first_category, row) != NULL)
        {
          GString *entry = g_string_new (string_at (model, first_category, row));

          g_string_append_c (entry, '\x1f');
          for (guint i = 0; i < run->cat_specs->len; i++)
            append_value (entry, gda_data_model_get_value_at (model, first_category + 1 + i,
                                                              row, NULL));
          g_ptr_array_add (entries, g_string_free (entry, FALSE));
        }
    }
}

/* Every stored recipient with an ID number, and their categories when the
 * file has a category column: only the columns the file can change.  Read
 * STORED_PAGE people at a time (by id), because libgda's random-access
 * model holds every value of its result as a GValue: one query for 100 000
 * people peaked at 196 MB, for a snapshot that needs a fraction of it. */
static gboolean
load_stored (Run *run, GError **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT r.id AS id, r.version AS version, "
                                         "r.id_number AS id_number, r.name AS name, "
                                         "r.status AS status, ");
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (GType));
  GType fixed[] = { G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                    G_TYPE_STRING };
  const int first_value = G_N_ELEMENTS (fixed);
  int first_category;
  int birth_column = -1;
  gint64 last_id = 0;

  /* The stored 户主 only matters when the file names heads: a new link is a
   * change (see classify()). */
  g_string_append (sql, run->file_ids != NULL ? "h.id_number AS head" : "NULL AS head");
  g_array_append_vals (types, fixed, G_N_ELEMENTS (fixed));
  for (guint i = 0; i < run->rec_specs->len; i++)
    {
      const SyFieldSpec *spec = g_ptr_array_index (run->rec_specs, i);
      GType type = _sy_field_column_type (spec->type);

      g_string_append_printf (sql, ", r.%s AS f%u", spec->name, i);
      g_array_append_val (types, type);
      /* Always compared (it comes from the ID number), so always found. */
      if (strcmp (spec->name, "birth_date") == 0)
        birth_column = first_value + i;
    }
  first_category = types->len;
  if (run->categories)
    {
      GType type = G_TYPE_STRING;

      g_string_append (sql, ", c.category AS category");
      g_array_append_val (types, type);
      for (guint i = 0; i < run->cat_specs->len; i++)
        {
          const SyFieldSpec *spec = g_ptr_array_index (run->cat_specs, i);

          type = _sy_field_column_type (spec->type);
          g_string_append_printf (sql, ", c.%s AS c%u", spec->name, i);
          g_array_append_val (types, type);
        }
      g_string_append (sql, " FROM recipient r LEFT JOIN recipient_category c "
                            "ON c.recipient_id = r.id");
    }
  else
    g_string_append (sql, " FROM recipient r");
  if (run->file_ids != NULL)
    g_string_append (sql, " LEFT JOIN recipient h ON h.id = r.household_id");
  /* A page is whole people, so a person's categories never straddle two. */
  g_string_append_printf (sql, " WHERE r.id IN (SELECT id FROM recipient WHERE id_number IS NOT NULL "
                               "AND id > ##after::gint64 ORDER BY id LIMIT %d) ORDER BY r.id%s",
                          STORED_PAGE, run->categories ? ", c.id" : "");
  {
    GType end = G_TYPE_NONE;
    g_array_append_val (types, end);
  }

  run->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stored_free);
  run->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (;;)
    {
      g_autoptr(GdaDataModel) model = NULL;
      gint64 after = last_id;

      model = sy_database_select (run->self->db, sql->str, (const GType *) types->data, error,
                                  "after", G_TYPE_INT64, after, NULL);
      if (model == NULL)
        return FALSE;
      add_stored_page (run, model, first_value, first_category, birth_column, &last_id);
      if (last_id == after)
        break;
    }
  return TRUE;
}

static char *
row_values (Run *run, SyRecipient *recipient)
{
  GString *values = g_string_new (NULL);

  for (guint i = 0; i < run->rec_specs->len; i++)
    append_field (values, SY_RECORD (recipient), g_ptr_array_index (run->rec_specs, i));
  return g_string_free (values, FALSE);
}

static char *
row_categories (Run *run, SyRecipientRow *row)
{
  GPtrArray *categories = sy_recipient_row_get_categories (row);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < categories->len; i++)
    {
      SyRecipientCategory *category = g_ptr_array_index (categories, i);
      GString *entry = g_string_new (sy_recipient_category_get_category (category));

      g_string_append_c (entry, '\x1f');
      for (guint j = 0; j < run->cat_specs->len; j++)
        append_field (entry, SY_RECORD (category), g_ptr_array_index (run->cat_specs, j));
      g_ptr_array_add (entries, g_string_free (entry, FALSE));
    }
  return join_categories (entries);
}

/* The status cell as written: an empty one keeps the stored status (the
 * row reads it as 在册). */
static gboolean
status_given (Run *run, SyRecipientRow *row)
{
  guint table_row = run->first_row + run->done;

  return run->status_column >= 0
         && *sy_table_get_cell (run->table, table_row, run->status_column) != '\0';
}

static void
add_issue (Run *run, SyRecipientRow *row, const char *column, const char *message)
{
  g_ptr_array_add (run->self->issues,
                   sy_import_issue_new (sy_recipient_row_get_line (row), column,
                                        SY_IMPORT_WARNING, message));
}

/* --- writing ------------------------------------------------------------- */

/* --- bulk writing ---------------------------------------------------------
 *
 * New people are not written one statement at a time: through libgda every
 * statement and every bound value costs far more than SQLite needs, and a
 * person is three records and three audit rows.  They are kept until
 * BULK_ROWS of them are waiting; then each table gets one statement for
 * all of them, and its audit rows one more.
 *
 * The rows travel as one parameter: a JSON array of the records as
 * sy_record_to_json() writes them (the audit log's new_values), which
 *   INSERT INTO t (…) SELECT json_extract(v, '$.field'), … FROM json_each(##rows)
 * takes apart.  So every value is still bound, never written into the
 * SQL; NULLs are JSON nulls (binding NULL through libgda re-prepares and
 * leaks a statement, see sy-database.c); and the statement count no longer
 * grows with the rows.  That last part matters beyond libgda: inside a
 * transaction each statement opens a statement savepoint, and the full-text
 * index (recipient_fts) flushes its pending terms to disk at every one.
 * The audit rows take j.value itself, which SQLite renders back from the
 * compact input byte for byte.  The new ids come from one
 * last_insert_rowid() per statement (AUTOINCREMENT ids of one statement are
 * consecutive while we hold the write lock).  The rows end up exactly as
 * sy_database_insert() would write them.  json_each and MATERIALIZED are
 * SQLite's; PostgreSQL (issue 7) would take jsonb_array_elements() WITH
 * ORDINALITY here. */

/* People per flush.  A statement's cost hardly depends on its row count,
 * so this only bounds the memory held by waiting people. */
#define BULK_ROWS 2048

typedef struct {
  GdaStatement *stmt;
  GdaSet       *set;
  GdaHolder    *rows;
  GdaHolder    *at;
  GdaHolder    *actor;
  GdaHolder    *first_id;        /* audit only */
} BulkStatement;

typedef struct _BulkTable {
  char          *table;
  BulkStatement  insert;
  BulkStatement  audit;
} BulkTable;

/* A new person waiting to be written. */
typedef struct {
  guint        line;
  SyRecipient *recipient;
  GPtrArray   *categories;       /* SyRecipientCategory, referenced */
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_object_unref (p->recipient);
  g_ptr_array_unref (p->categories);
  g_free (p);
}

static void
bulk_statement_clear (BulkStatement *bs)
{
  g_clear_object (&bs->stmt);
  g_clear_object (&bs->set);
}

static void
bulk_table_free (BulkTable *t)
{
  bulk_statement_clear (&t->insert);
  bulk_statement_clear (&t->audit);
  g_free (t->table);
  g_free (t);
}

static GdaHolder *
bulk_holder (GdaSet *set, const char *name)
{
  GdaHolder *holder = gda_set_get_holder (set, name);

  g_assert (holder != NULL);
  return holder;
}

/* libgda's parser does not know table-valued functions (json_each), so
 * these statements are parsed in delimiter mode, which keeps the SQL as
 * text and still finds the ##parameters. */
static gboolean
bulk_statement_init (Run *run, BulkStatement *bs, const char *sql, gboolean audit,
                     GError **error)
{
  g_autoptr(GError) local_error = NULL;

  bs->stmt = gda_sql_parser_parse_string (run->parser, sql, NULL, &local_error);
  if (bs->stmt == NULL
      || !gda_statement_get_parameters (bs->stmt, &bs->set, &local_error))
    {
      g_critical ("cannot prepare a bulk insert: %s\n%s",
                  local_error ? local_error->message : "?", sql);
      g_set_error (error, SY_ERROR, SY_ERROR_DATABASE, _("The database failed while %s: %s"),
                   _("preparing a statement"), local_error ? local_error->message : "?");
      return FALSE;
    }
  /* The values are checked here already; libgda's validation signals are
   * not needed. */
  g_object_set (bs->set, "validate-changes", FALSE, NULL);
  bs->rows = bulk_holder (bs->set, "rows");
  bs->at = bulk_holder (bs->set, "at");
  bs->actor = bulk_holder (bs->set, "actor");
  if (audit)
    bs->first_id = bulk_holder (bs->set, "first_id");
  return TRUE;
}

/* The record table of @type and its audit rows: every stored field, as
 * sy_database_insert() writes them. */
static BulkTable *
bulk_table_new (Run *run, GType type, GError **error)
{
  g_autoptr(SyRecordClass) klass = g_type_class_ref (type);
  g_autoptr(GString) columns = g_string_new ("version, created_at, created_by, updated_at, updated_by");
  g_autoptr(GString) values = g_string_new ("1, ##at::string, ##actor::string, ##at::string, ##actor::string");
  g_autofree char *insert_sql = NULL;
  g_autofree char *audit_sql = NULL;
  BulkTable *t = g_new0 (BulkTable, 1);
  const SyFieldSpec *fields;
  guint n;

  t->table = g_strdup (sy_record_class_get_entity_name (klass));
  fields = sy_record_class_get_fields (klass, &n);
  for (guint i = 0; i < n; i++)
    {
      if (fields[i].flags & SY_FIELD_DERIVED)
        continue;
      g_string_append_printf (columns, ", %s", fields[i].name);
      if (!run->postgres)
        g_string_append_printf (values, ", json_extract(r.v, '$.%s')", fields[i].name);
      else if (fields[i].type == SY_FIELD_STRING)
        g_string_append_printf (values, ", r.v ->> '%s'", fields[i].name);
      else if (fields[i].type == SY_FIELD_BOOLEAN)
        /* Flags are INTEGER 0/1; the JSON has true/false. */
        g_string_append_printf (values, ", CASE WHEN CAST (r.v ->> '%s' AS BOOLEAN) THEN 1 ELSE 0 END",
                                fields[i].name);
      else
        g_string_append_printf (values, ", CAST (r.v ->> '%s' AS BIGINT)", fields[i].name);
    }
  if (run->postgres)
    {
      /* json_array_elements … WITH ORDINALITY is json_each's key + 1. */
      insert_sql = g_strdup_printf ("INSERT INTO %s (%s) SELECT %s FROM json_array_elements "
                                    "(CAST (##rows::string AS json)) WITH ORDINALITY AS r (v, k) "
                                    "ORDER BY r.k", t->table, columns->str, values->str);
      audit_sql = g_strdup_printf ("INSERT INTO audit_log (at, actor, db_role, action, entity, entity_id, "
                                   "old_values, new_values) SELECT ##at::string, ##actor::string, "
                                   "CAST (current_user AS TEXT), 'insert', '%s', ##first_id::gint64 + j.k - 1, "
                                   "NULL, CAST (j.v AS TEXT) "
                                   "FROM json_array_elements (CAST (##rows::string AS json)) "
                                   "WITH ORDINALITY AS j (v, k) ORDER BY j.k", t->table);
    }
  else
    {
      /* MATERIALIZED: every mention of j.value renders the element as text
       * anew, once per column and row otherwise (0.6 s of 100 000 people). */
      insert_sql = g_strdup_printf ("INSERT INTO %s (%s) WITH r AS MATERIALIZED "
                                    "(SELECT j.key AS k, j.value AS v FROM json_each(##rows::string) AS j) "
                                    "SELECT %s FROM r ORDER BY r.k", t->table, columns->str, values->str);
      audit_sql = g_strdup_printf ("INSERT INTO audit_log (at, actor, action, entity, entity_id, "
                                   "old_values, new_values) SELECT ##at::string, ##actor::string, "
                                   "'insert', '%s', ##first_id::gint64 + j.key, NULL, j.value "
                                   "FROM json_each(##rows::string) AS j ORDER BY j.key", t->table);
    }
  if (!bulk_statement_init (run, &t->insert, insert_sql, FALSE, error)
      || !bulk_statement_init (run, &t->audit, audit_sql, TRUE, error))
    {
      bulk_table_free (t);
      return NULL;
    }
  return t;
}

/* The same words as sy-database.c's errors: a user reads them. */
static void
set_write_error (GError **error, GError *cause)
{
  const char *msg = cause != NULL ? cause->message : NULL;

  if (msg && (strstr (msg, "UNIQUE") || strstr (msg, "unique") || strstr (msg, "duplicate key")))
    g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE,
                 _("A record with the same unique value already exists"));
  else
    g_set_error (error, SY_ERROR, SY_ERROR_DATABASE, _("The database failed while %s: %s"),
                 _("writing data"), msg != NULL ? msg : _("unknown error"));
}

/* gda_holder_take_value() owns the GValue itself (freed with
 * gda_value_free()); @text is taken too: the rows are hundreds of
 * kilobytes, and libgda would copy them once more. */
static gboolean
bulk_take (GdaHolder *holder, GValue *value, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (gda_holder_take_value (holder, value, &local_error))
    return TRUE;
  set_write_error (error, local_error);
  return FALSE;
}

static gboolean
bulk_take_string (GdaHolder *holder, char *text, GError **error)
{
  GValue *value = gda_value_new (G_TYPE_STRING);

  g_value_take_string (value, text);
  return bulk_take (holder, value, error);
}

/* The JSON array of @json[@first, @first + @n). */
static char *
json_array (GPtrArray *json, guint first, guint n)
{
  GString *out = g_string_sized_new (n * 256);

  g_string_append_c (out, '[');
  for (guint i = first; i < first + n; i++)
    {
      if (i > first)
        g_string_append_c (out, ',');
      g_string_append (out, g_ptr_array_index (json, i));
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

/* Runs a statement of no parameters through the delimiter-mode parser
 * (libgda would otherwise track SAVEPOINT as its own transaction). */
static gboolean
bulk_plain (Run *run, const char *sql, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdaStatement) stmt = gda_sql_parser_parse_string (run->parser, sql, NULL, &local_error);

  if (stmt != NULL)
    gda_connection_statement_execute_non_select (sy_database_get_connection (run->self->db),
                                                 stmt, NULL, NULL, &local_error);
  if (local_error != NULL)
    {
      set_write_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* Runs @bs on rows [@first, @first + @n) of @json; for the audit,
 * @first_id is the id of the first of them. */
static gboolean
bulk_execute (Run *run, BulkStatement *bs, GPtrArray *json, guint first, guint n,
              gint64 first_id, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!bulk_take_string (bs->at, g_value_dup_string (&run->now), error)
      || !bulk_take_string (bs->actor, g_value_dup_string (&run->actor), error)
      || !bulk_take_string (bs->rows, json_array (json, first, n), error))
    return FALSE;
  if (bs->first_id != NULL)
    {
      GValue *id = gda_value_new (G_TYPE_INT64);

      g_value_set_int64 (id, first_id);
      if (!bulk_take (bs->first_id, id, error))
        return FALSE;
    }

  /* PostgreSQL aborts the whole transaction at a failed statement: a
   * savepoint around each keeps the chunk's other statements (and the
   * row-by-row retry that names the failing person) possible. */
  if (run->postgres && !bulk_plain (run, "SAVEPOINT sy_bulk", error))
    return FALSE;
  gda_connection_statement_execute_non_select (sy_database_get_connection (run->self->db),
                                               bs->stmt, bs->set, NULL, &local_error);
  if (local_error != NULL)
    {
      set_write_error (error, local_error);
      if (run->postgres)
        bulk_plain (run, "ROLLBACK TO sy_bulk", NULL);
      return FALSE;
    }
  return !run->postgres || bulk_plain (run, "RELEASE sy_bulk", error);
}

/* Names the person a failed write belongs to, as on_row() does for its
 * own row. */
static void
prefix_person (Run *run, Pending *p, GError **error)
{
  g_autofree char *what =
    g_strdup_printf (_("%s (%s) could not be written, so nothing was imported: "),
                     sy_recipient_get_name (p->recipient),
                     sy_recipient_get_id_number (p->recipient));

  g_prefix_error (error, "%s:%u: %s", run->file_name, p->line, what);
}

/* Writes the records of @json (one per entry of @owners, the Pending
 * each belongs to) and returns the id of the first in *@first_id.  On a
 * failure, finds the record that fails alone (a failed statement left
 * nothing behind) so the error can name its line. */
static gboolean
bulk_insert (Run *run, BulkTable *t, GPtrArray *json, GPtrArray *owners, gint64 *first_id,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 last = 0;

  /* The ids are taken as last id - n + 1: on PostgreSQL other desks could
   * take ids in between, so nobody else inserts into the table until the
   * import's transaction ends (they wait; readers do not). */
  if (run->postgres)
    {
      g_autofree char *lock = g_strdup_printf ("LOCK TABLE %s IN EXCLUSIVE MODE", t->table);

      if (!bulk_plain (run, lock, error))
        return FALSE;
    }
  if (!bulk_execute (run, &t->insert, json, 0, json->len, 0, &local_error))
    {
      for (guint i = 0; i < json->len && json->len > 1; i++)
        {
          g_autoptr(GError) row_error = NULL;

          if (!bulk_execute (run, &t->insert, json, i, 1, 0, &row_error))
            {
              prefix_person (run, g_ptr_array_index (owners, i), &row_error);
              g_propagate_error (error, g_steal_pointer (&row_error));
              return FALSE;
            }
        }
      prefix_person (run, g_ptr_array_index (owners, 0), &local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!sy_database_query_int64 (run->self->db, &last,
                                sy_database_sql (run->self->db, "SELECT last_insert_rowid()",
                                                 "SELECT lastval()"),
                                error, NULL))
    return FALSE;
  *first_id = last - json->len + 1;
  return TRUE;
}

static gboolean
bulk_audit (Run *run, BulkTable *t, GPtrArray *json, GPtrArray *owners, gint64 first_id,
            GError **error)
{
  if (json->len == 0)
    return TRUE;
  if (bulk_execute (run, &t->audit, json, 0, json->len, first_id, error))
    {
      /* The change watcher tells this desk's writes from other desks'. */
      _sy_database_note_own_audit_rows (run->self->db, json->len);
      return TRUE;
    }
  /* Nothing in an audit row can fail but the database itself. */
  prefix_person (run, g_ptr_array_index (owners, 0), error);
  return FALSE;
}

static gboolean
flush_tables (Run *run, GPtrArray **json, GPtrArray **owners, GError **error)
{
  GPtrArray *people = run->pending;
  BulkTable *tables[] = { run->recipients, run->categories_table, run->changes };
  gint64 first_ids[G_N_ELEMENTS (tables)] = { 0 };
  guint n = people->len;

  /* The recipients. */
  for (guint i = 0; i < n; i++)
    {
      Pending *p = g_ptr_array_index (people, i);

      g_ptr_array_add (json[0], sy_record_to_json (SY_RECORD (p->recipient)));
      g_ptr_array_add (owners[0], p);
    }
  if (!bulk_insert (run, tables[0], json[0], owners[0], &first_ids[0], error))
    return FALSE;

  /* Their categories and status changes. */
  for (guint i = 0; i < n; i++)
    {
      Pending *p = g_ptr_array_index (people, i);
      gint64 id = first_ids[0] + i;
      g_autoptr(SyStatusChange) change = sy_status_change_new ();

      for (guint k = 0; k < p->categories->len; k++)
        {
          SyRecipientCategory *category = g_ptr_array_index (p->categories, k);

          sy_recipient_category_set_recipient_id (category, id);
          g_ptr_array_add (json[1], sy_record_to_json (SY_RECORD (category)));
          g_ptr_array_add (owners[1], p);
        }

      sy_status_change_set_recipient_id (change, id);
      sy_status_change_set_kind (change, "新增");
      sy_status_change_set_effective_date (change, run->today);
      sy_status_change_set_reason (change, run->reason);
      g_ptr_array_add (json[2], sy_record_to_json (SY_RECORD (change)));
      g_ptr_array_add (owners[2], p);
    }
  for (guint t = 1; t < G_N_ELEMENTS (tables); t++)
    if (json[t]->len > 0
        && !bulk_insert (run, tables[t], json[t], owners[t], &first_ids[t], error))
      return FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    if (!bulk_audit (run, tables[t], json[t], owners[t], first_ids[t], error))
      return FALSE;
  return TRUE;
}

/* Writes the waiting people: recipients, then their categories and 新增
 * status changes (which need the recipients' ids), then the audit rows of
 * all of them, table by table. */
static gboolean
flush_people (Run *run, GError **error)
{
  GPtrArray *json[3], *owners[3];
  gboolean ok;

  if (run->pending->len == 0)
    return TRUE;
  g_value_take_string (&run->now, sy_database_now ());
  for (guint t = 0; t < G_N_ELEMENTS (json); t++)
    {
      json[t] = g_ptr_array_new_full (run->pending->len, g_free);
      owners[t] = g_ptr_array_new_full (run->pending->len, NULL);
    }
  ok = flush_tables (run, json, owners, error);
  for (guint t = 0; t < G_N_ELEMENTS (json); t++)
    {
      g_ptr_array_unref (json[t]);
      g_ptr_array_unref (owners[t]);
    }
  if (ok)
    g_ptr_array_set_size (run->pending, 0);
  return ok;
}

static gboolean
bulk_start (Run *run, GError **error)
{
  run->parser = gda_connection_create_parser (sy_database_get_connection (run->self->db));
  if (run->parser == NULL)
    run->parser = gda_sql_parser_new ();
  g_object_set (run->parser, "mode", GDA_SQL_PARSER_MODE_DELIMIT, NULL);
  run->postgres = sy_database_is_postgres (run->self->db);
  run->pending = g_ptr_array_new_with_free_func (pending_free);
  g_value_init (&run->now, G_TYPE_STRING);
  g_value_init (&run->actor, G_TYPE_STRING);
  g_value_set_string (&run->actor, sy_database_get_actor (run->self->db));
  return (run->recipients = bulk_table_new (run, SY_TYPE_RECIPIENT, error)) != NULL
         && (run->categories_table = bulk_table_new (run, SY_TYPE_RECIPIENT_CATEGORY, error)) != NULL
         && (run->changes = bulk_table_new (run, SY_TYPE_STATUS_CHANGE, error)) != NULL;
}

/* Queues a new person; flush_people() writes them. */
static void
insert_person (Run *run, SyRecipientRow *row)
{
  GPtrArray *categories = sy_recipient_row_get_categories (row);
  Pending *p = g_new0 (Pending, 1);

  p->line = sy_recipient_row_get_line (row);
  p->recipient = g_object_ref (sy_recipient_row_get_recipient (row));
  p->categories = g_ptr_array_new_full (categories->len, g_object_unref);
  for (guint i = 0; i < categories->len; i++)
    g_ptr_array_add (p->categories, g_object_ref (g_ptr_array_index (categories, i)));
  g_ptr_array_add (run->pending, p);
}

/* Copies into @target the stored category's fields the file has no column
 * for. */
static void
carry_over (Run *run, SyRecipientCategory *target, SyRecipientCategory *stored)
{
  g_autoptr(SyRecordClass) klass = g_type_class_ref (SY_TYPE_RECIPIENT_CATEGORY);
  const SyFieldSpec *fields;
  guint n;

  fields = sy_record_class_get_fields (klass, &n);
  for (guint i = 0; i < n; i++)
    {
      const SyFieldSpec *spec = &fields[i];
      g_auto(GValue) value = G_VALUE_INIT;
      gboolean compared = FALSE;

      if ((spec->flags & SY_FIELD_DERIVED) || strcmp (spec->name, "recipient_id") == 0
          || strcmp (spec->name, "category") == 0)
        continue;
      for (guint j = 0; j < run->cat_specs->len && !compared; j++)
        compared = g_ptr_array_index (run->cat_specs, j) == spec;
      if (compared)
        continue;
      sy_record_get_field_value (SY_RECORD (stored), spec, &value);
      sy_record_set_field_value (SY_RECORD (target), spec, &value);
    }
}

static gboolean
replace_categories (Run *run, gint64 recipient_id, SyRecipientRow *row, GError **error)
{
  SyDatabase *db = run->self->db;
  GPtrArray *imported = sy_recipient_row_get_categories (row);
  g_autoptr(GListModel) stored = sy_queries_recipient_categories (db, recipient_id, error);
  guint n_stored;

  if (stored == NULL)
    return FALSE;
  n_stored = g_list_model_get_n_items (stored);

  for (guint i = 0; i < imported->len; i++)
    {
      SyRecipientCategory *source = g_ptr_array_index (imported, i);
      g_autoptr(SyRecipientCategory) category =
        SY_RECIPIENT_CATEGORY (sy_record_copy (SY_RECORD (source)));

      for (guint j = 0; j < n_stored; j++)
        {
          g_autoptr(SyRecipientCategory) old = g_list_model_get_item (stored, j);

          if (g_strcmp0 (sy_recipient_category_get_category (old),
                         sy_recipient_category_get_category (source)) == 0)
            {
              carry_over (run, category, old);
              break;
            }
        }
      sy_recipient_category_set_recipient_id (category, recipient_id);
      if (!sy_database_insert (db, SY_RECORD (category), error))
        return FALSE;
    }

  for (guint j = 0; j < n_stored; j++)
    {
      g_autoptr(SyRecord) old = g_list_model_get_item (stored, j);

      if (!sy_database_delete (db, old, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
update_person (Run            *run,
               Stored         *stored,
               SyRecipientRow *row,
               gboolean        fields_changed,
               gboolean        status_changed,
               gboolean        categories_changed,
               GError        **error)
{
  SyRecipient *imported = sy_recipient_row_get_recipient (row);

  if (fields_changed || status_changed)
    {
      g_autoptr(SyRecord) current = sy_database_load (run->self->db, SY_TYPE_RECIPIENT,
                                                      stored->id, error);

      if (current == NULL)
        return FALSE;
      /* The version read up front: a change made since then by another desk
       * is a conflict, never silently overwritten. */
      sy_record_set_version (current, stored->version);
      for (guint i = 0; i < run->rec_specs->len; i++)
        {
          const SyFieldSpec *spec = g_ptr_array_index (run->rec_specs, i);
          g_auto(GValue) value = G_VALUE_INIT;

          sy_record_get_field_value (SY_RECORD (imported), spec, &value);
          sy_record_set_field_value (current, spec, &value);
        }
      if (status_changed)
        sy_recipient_set_status (SY_RECIPIENT (current), sy_recipient_get_status (imported));
      if (!sy_database_update (run->self->db, current, error))
        return FALSE;
    }
  if (categories_changed)
    return replace_categories (run, stored->id, row, error);
  return TRUE;
}

/* --- the connection while writing -------------------------------------------
 *
 * Two SQLite settings matter for a long import and only for its duration.
 * Every statement inside a transaction keeps a statement journal (the
 * original of each page it touches, so that a failed statement can be
 * undone alone); with the default temp_store it goes to a temporary file,
 * tens of thousands of writes for a large file: in memory it costs a few
 * megabytes per statement.  And a page cache larger than the default 2 MB
 * keeps the index pages the import dirties again and again from being
 * spilled to the WAL and read back mid-transaction. */

#define IMPORT_CACHE_KIB 16384

static gboolean
pragma_get (SyDatabase *db, const char *name, gint64 *value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", name);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdaDataModel) model = gda_connection_execute_select_command (sy_database_get_connection (db),
                                                                         sql, &local_error);
  const GValue *v;
  g_auto(GValue) number = G_VALUE_INIT;

  if (model == NULL || gda_data_model_get_n_rows (model) < 1
      || (v = gda_data_model_get_value_at (model, 0, 0, NULL)) == NULL)
    {
      g_debug ("cannot read PRAGMA %s: %s", name, local_error ? local_error->message : "no value");
      return FALSE;
    }
  g_value_init (&number, G_TYPE_INT64);
  if (!g_value_transform (v, &number))
    return FALSE;
  *value = g_value_get_int64 (&number);
  return TRUE;
}

static void
pragma_set (SyDatabase *db, const char *name, gint64 value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT, name, value);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdaDataModel) model = NULL;

  /* libgda takes every PRAGMA for a SELECT.  Only speed depends on these
   * (temp_store cannot change inside an outer transaction, for one): a
   * failure is no reason to stop. */
  model = gda_connection_execute_select_command (sy_database_get_connection (db), sql, &local_error);
  if (local_error != NULL)
    g_debug ("cannot set %s: %s", sql, local_error->message);
}

static void
tune_io (Run *run)
{
  SyDatabase *db = run->self->db;
  gint64 page_size = 4096;
  gint64 cache_kib;

  /* PRAGMAs are SQLite's; a failed one would abort a PostgreSQL transaction. */
  if (sy_database_is_postgres (db))
    return;
  if (!pragma_get (db, "cache_size", &run->saved_cache_size)
      || !pragma_get (db, "temp_store", &run->saved_temp_store))
    return;
  pragma_get (db, "page_size", &page_size);
  run->tuned = TRUE;
  /* cache_size: negative in KiB, positive in pages. */
  cache_kib = run->saved_cache_size < 0 ? -run->saved_cache_size
                                        : run->saved_cache_size * page_size / 1024;
  if (cache_kib < IMPORT_CACHE_KIB)
    pragma_set (db, "cache_size", -IMPORT_CACHE_KIB);
  if (run->saved_temp_store != 2)
    pragma_set (db, "temp_store", 2);  /* MEMORY */
}

static void
restore_io (Run *run)
{
  SyDatabase *db = run->self->db;

  if (!run->tuned)
    return;
  run->tuned = FALSE;
  pragma_set (db, "cache_size", run->saved_cache_size);
  if (run->saved_temp_store != 2)
    pragma_set (db, "temp_store", run->saved_temp_store);
}

/* --- households ------------------------------------------------------------ */

/* The ID numbers the file holds, so that a 户主 listed further down is known
 * while the pass is still above them.  Only the ID column is read, so this
 * costs a small part of the pass. */
static void
scan_file_ids (Run *run)
{
  SyRecipientMapping *mapping = run->self->mapping;
  int id_column = sy_recipient_mapping_get_column (mapping, SY_RECIPIENT_FIELD_ID_NUMBER);
  int head_column = sy_recipient_mapping_get_column (mapping, SY_RECIPIENT_FIELD_HEAD_ID_NUMBER);

  run->links = g_array_new (FALSE, FALSE, sizeof (HouseholdLink));
  g_array_set_clear_func (run->links, household_link_clear);
  if (head_column < 0 || id_column < 0)
    return;

  run->head_title = sy_recipient_mapping_get_column_title (mapping, head_column);
  run->file_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < run->n_rows; i++)
    {
      const char *cell = sy_table_get_cell (run->table, run->first_row + i, id_column);
      g_autofree char *text = g_strstrip (g_strdup (cell != NULL ? cell : ""));
      const char *number = text;
      gsize len = strlen (text);
      SyIdInfo info;

      /* The same protective wrappings the rows drop (="…", '…). */
      if (len >= 3 && text[0] == '=' && text[1] == '"' && text[len - 1] == '"')
        {
          text[len - 1] = '\0';
          number = text + 2;
        }
      else if (text[0] == '\'')
        number = text + 1;
      if (sy_id_number_validate (number, &info, NULL))
        g_hash_table_add (run->file_ids, g_strdup (info.normalized));
    }
}

static void
check_head (Run *run, SyRecipientRow *row)
{
  const char *head = sy_recipient_row_get_head_id_number (row);

  if (head == NULL || g_hash_table_contains (run->stored, head)
      || (run->file_ids != NULL && g_hash_table_contains (run->file_ids, head)))
    return;
  sy_recipient_row_add_issue (row, SY_IMPORT_ERROR, run->head_title,
                              _("The household head %s is not in the register: list them in "
                                "this file or add them first."), head);
}

static SyRecipient *
find_person (Run *run, const char *id_number, GError **error)
{
  g_autofree char *select = sy_database_select_all_sql (SY_TYPE_RECIPIENT);
  g_autofree char *sql = g_strconcat (select, " WHERE id_number = ##idn::string", NULL);
  g_autoptr(GListModel) found = sy_database_list (run->self->db, SY_TYPE_RECIPIENT, sql, error,
                                                  "idn", G_TYPE_STRING, id_number, NULL);

  if (found == NULL || g_list_model_get_n_items (found) == 0)
    return NULL;
  return g_list_model_get_item (found, 0);
}

/* Links every member to their 户主, inside the import's transaction, after
 * the last flush (so heads later in the file have their ids).  A link the
 * register cannot take (the head is a member elsewhere, or their own row was
 * rejected) is left out with a warning; the person is imported all the same. */
static gboolean
resolve_households (Run *run, GError **error)
{
  for (guint i = 0; i < run->links->len; i++)
    {
      HouseholdLink *link = &g_array_index (run->links, HouseholdLink, i);
      g_autoptr(SyRecipient) member = NULL;
      g_autoptr(SyRecipient) head = NULL;
      g_autofree char *message = NULL;
      GError *local_error = NULL;

      member = find_person (run, link->member, &local_error);
      if (member != NULL)
        head = find_person (run, link->head, &local_error);
      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, local_error, "%s:%u: ", run->file_name, link->line);
          return FALSE;
        }
      if (member == NULL)
        continue;
      if (head == NULL)
        message = g_strdup_printf (_("The household head %s was not imported; %s is imported "
                                     "without a household."),
                                   link->head, sy_recipient_get_name (member));
      else if (sy_recipient_get_household_id (head) > 0)
        message = g_strdup_printf (_("%s (%s) belongs to another household and cannot head one; "
                                     "%s is imported without a household."),
                                   sy_recipient_get_name (head), link->head,
                                   sy_recipient_get_name (member));
      if (message != NULL)
        {
          g_ptr_array_add (run->self->issues,
                           sy_import_issue_new (link->line, run->head_title, SY_IMPORT_WARNING,
                                                message));
          /* Counted as updated for this link, which is not made after all. */
          if (link->link_only)
            {
              run->self->n_updated--;
              run->self->n_unchanged++;
              run->self->actions->data[link->index] = SY_IMPORT_ACTION_UNCHANGED;
            }
          continue;
        }
      if (sy_recipient_get_household_id (member) == sy_record_get_id (SY_RECORD (head)))
        continue;
      sy_recipient_set_household_id (member, sy_record_get_id (SY_RECORD (head)));
      if (!sy_database_update (run->self->db, SY_RECORD (member), &local_error))
        {
          g_propagate_prefixed_error (error, local_error, "%s:%u: ", run->file_name, link->line);
          return FALSE;
        }
    }
  return TRUE;
}

/* --- the pass ------------------------------------------------------------ */

/* Sets *@action; FALSE when a write failed. */
static gboolean
classify (Run *run, SyRecipientRow *row, SyImportAction *action, gboolean *link_only,
          GError **error)
{
  SyRecipient *recipient = sy_recipient_row_get_recipient (row);
  const char *id_number = sy_recipient_row_get_id_number (row);
  Stored *stored = g_hash_table_lookup (run->stored, id_number);
  g_autofree char *values = NULL;
  g_autofree char *categories = NULL;
  const char *head = sy_recipient_row_get_head_id_number (row);
  gboolean fields_changed, status_changed = FALSE, categories_changed = FALSE;
  gboolean link_changed;

  *link_only = FALSE;
  if (stored == NULL)
    {
      g_autofree char *key = g_strconcat (sy_recipient_get_name (recipient), "\x1f",
                                          sy_recipient_get_birth_date (recipient), NULL);
      const char *other = g_hash_table_lookup (run->people, key);

      if (other != NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("%s, born %s, is already stored with ID number %s; check "
                               "that these are two people."),
                             sy_recipient_get_name (recipient),
                             sy_recipient_get_birth_date (recipient), other);
          add_issue (run, row, NULL, message);
        }
      *action = SY_IMPORT_ACTION_ADDED;
      if (run->writing)
        insert_person (run, row);
      return TRUE;
    }

  values = row_values (run, recipient);
  fields_changed = strcmp (values, stored->values) != 0;
  if (status_given (run, row))
    status_changed = g_strcmp0 (sy_recipient_get_status (recipient), stored->status) != 0;
  if (run->categories && sy_recipient_row_get_categories (row)->len > 0)
    {
      categories = row_categories (run, row);
      categories_changed = g_strcmp0 (categories, stored->categories) != 0;
    }
  /* resolve_households() writes the link after the pass; the person is
   * updated all the same. */
  link_changed = head != NULL && g_strcmp0 (head, stored->head) != 0;
  if (!fields_changed && !status_changed && !categories_changed)
    {
      *action = link_changed ? SY_IMPORT_ACTION_UPDATED : SY_IMPORT_ACTION_UNCHANGED;
      *link_only = link_changed;
      return TRUE;
    }

  if (g_strcmp0 (sy_recipient_get_name (recipient), stored->name) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("ID number %s is stored for %s; the name is changed to %s."),
                         id_number, stored->name, sy_recipient_get_name (recipient));
      add_issue (run, row, run->name_title, message);
    }
  if (status_changed)
    {
      g_autofree char *message =
        g_strdup_printf (_("The status changes from %s to %s; record the change with its "
                           "date in the person's status history as well."),
                         stored->status, sy_recipient_get_status (recipient));
      add_issue (run, row, NULL, message);
    }
  *action = SY_IMPORT_ACTION_UPDATED;
  return !run->writing
         || update_person (run, stored, row, fields_changed, status_changed,
                           categories_changed, error);
}

static gboolean
on_row (SyRecipientRow *row, gpointer user_data, GError **error)
{
  Run *run = user_data;
  SyRecipientImporter *self = run->self;
  GPtrArray *issues = sy_recipient_row_get_issues (row);
  SyImportAction action;
  gboolean link_only = FALSE;
  guint8 byte;

  check_head (run, row);
  for (guint i = 0; i < issues->len; i++)
    g_ptr_array_add (self->issues, sy_import_issue_copy (g_ptr_array_index (issues, i)));

  if (sy_recipient_row_has_errors (row))
    {
      action = SY_IMPORT_ACTION_REJECTED;
      self->n_rejected++;
      if (run->writing && !self->skip_invalid)
        {
          /* Nothing will be written: give the transaction back now and
           * only classify the rest, for the report. */
          sy_database_rollback (self->db);
          run->writing = FALSE;
          g_ptr_array_set_size (run->pending, 0);
        }
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      if (!classify (run, row, &action, &link_only, &local_error))
        {
          SyRecipient *r = sy_recipient_row_get_recipient (row);

          g_autofree char *what =
            g_strdup_printf (_("%s (%s) could not be written, so nothing was imported: "),
                             sy_recipient_get_name (r), sy_recipient_row_get_id_number (row));

          /* FILE:LINE: stays outside the translation: it is a format. */
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s:%u: %s",
                                      run->file_name, sy_recipient_row_get_line (row), what);
          return FALSE;
        }
      if (sy_recipient_row_get_head_id_number (row) != NULL)
        {
          HouseholdLink link = {
            g_strdup (sy_recipient_row_get_id_number (row)),
            g_strdup (sy_recipient_row_get_head_id_number (row)),
            sy_recipient_row_get_line (row),
            run->done,
            link_only,
          };

          g_array_append_val (run->links, link);
        }
      switch (action)
        {
        case SY_IMPORT_ACTION_ADDED: self->n_added++; break;
        case SY_IMPORT_ACTION_UPDATED: self->n_updated++; break;
        case SY_IMPORT_ACTION_UNCHANGED: self->n_unchanged++; break;
        case SY_IMPORT_ACTION_REJECTED:
        default: g_assert_not_reached ();
        }
    }

  /* A failed flush names its own row. */
  if (run->writing && run->pending->len >= BULK_ROWS && !flush_people (run, error))
    return FALSE;

  byte = action;
  g_byte_array_append (self->actions, &byte, 1);
  run->done++;
  if (run->progress != NULL && (run->done % PROGRESS_STEP == 0 || run->done == run->n_rows))
    {
      g_autofree char *what = g_strdup_printf (_("Row %u of %u"), run->done, run->n_rows);
      report_progress (run, 0.05 + 0.95 * run->done / MAX (run->n_rows, 1), what);
    }
  return TRUE;
}

static void
reset_results (SyRecipientImporter *self)
{
  self->n_added = self->n_updated = self->n_unchanged = self->n_rejected = 0;
  self->committed = FALSE;
  g_ptr_array_set_size (self->issues, 0);
  g_byte_array_set_size (self->actions, 0);
}

static gboolean
run_import (SyRecipientImporter       *self,
            gboolean                   write,
            SyRecipientImportProgress  progress,
            gpointer                   user_data,
            GCancellable              *cancellable,
            GError                   **error)
{
  SyRecipientMapping *mapping = self->mapping;
  Run run = { 0 };
  g_autoptr(GPtrArray) header_issues = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *base = NULL;
  gboolean ok;

  reset_results (self);
  if (!sy_recipient_mapping_check (mapping, error))
    return FALSE;

  run.self = self;
  run.table = sy_recipient_mapping_get_table (mapping);
  run.file_name = sy_table_get_source_name (run.table);
  base = g_path_get_basename (run.file_name != NULL ? run.file_name : "-");
  run.reason = g_strconcat ("导入 ", base, NULL);
  run.today = g_date_time_format (now, "%Y-%m-%d");
  run.first_row = sy_recipient_mapping_get_header_row (mapping) + 1;
  run.n_rows = sy_recipient_mapping_get_n_rows (mapping);
  run.progress = progress;
  run.progress_data = user_data;

  header_issues = sy_recipient_mapping_get_header_issues (mapping);
  for (guint i = 0; i < header_issues->len; i++)
    g_ptr_array_add (self->issues, sy_import_issue_copy (g_ptr_array_index (header_issues, i)));

  choose_fields (&run);
  scan_file_ids (&run);
  report_progress (&run, 0.0, _("Reading the stored recipients"));
  if (!load_stored (&run, error))
    {
      run_clear (&run);
      return FALSE;
    }

  if (write)
    {
      tune_io (&run);
      if (!sy_database_begin (self->db, error))
        {
          run_clear (&run);
          return FALSE;
        }
      run.writing = TRUE;
      if (!bulk_start (&run, error))
        {
          sy_database_rollback (self->db);
          run_clear (&run);
          return FALSE;
        }
    }

  ok = sy_recipient_mapping_foreach (mapping, on_row, &run, cancellable, error)
       && (!run.writing || (flush_people (&run, error) && resolve_households (&run, error)));
  if (!ok)
    {
      if (run.writing)
        sy_database_rollback (self->db);
      run_clear (&run);
      return FALSE;
    }
  if (run.writing)
    {
      if (!sy_database_commit (self->db, error))
        {
          g_prefix_error (error, "%s: %s", run.file_name, _("nothing was imported: "));
          run_clear (&run);
          return FALSE;
        }
      self->committed = TRUE;
    }
  report_progress (&run, 1.0, _("Done"));
  run_clear (&run);
  return TRUE;
}

gboolean
sy_recipient_importer_preview (SyRecipientImporter       *self,
                               SyRecipientImportProgress  progress,
                               gpointer                   user_data,
                               GCancellable              *cancellable,
                               GError                   **error)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_IMPORTER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_import (self, FALSE, progress, user_data, cancellable, error);
}

gboolean
sy_recipient_importer_commit (SyRecipientImporter       *self,
                              SyRecipientImportProgress  progress,
                              gpointer                   user_data,
                              GCancellable              *cancellable,
                              GError                   **error)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_IMPORTER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_import (self, !self->dry_run, progress, user_data, cancellable, error);
}
