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
  char   *values;      /* the compared recipient fields */
  char   *categories;  /* canonical categories; NULL when not compared */
} Stored;

static void
stored_free (gpointer data)
{
  Stored *s = data;

  g_free (s->name);
  g_free (s->status);
  g_free (s->values);
  g_free (s->categories);
  g_free (s);
}

/* --- one run ------------------------------------------------------------- */

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
  GHashTable                *people;       /* name \x1f birth date → ID number */

  gboolean                   writing;      /* inside the transaction, writes wanted */
  SyRecipientImportProgress  progress;
  gpointer                   progress_data;

  /* New people, written in bulk (see flush_people()). */
  GdaSqlParser              *parser;
  struct _BulkTable         *recipients;
  struct _BulkTable         *categories_table;
  struct _BulkTable         *changes;
  struct _BulkTable         *audit;
  GPtrArray                 *pending;      /* Pending */
  GValue                     now;
  GValue                     actor;
  GValue                     empty_string;
  GValue                     zero_int64;
} Run;

static void bulk_table_free (struct _BulkTable *t);

static void
run_clear (Run *run)
{
  g_free (run->reason);
  g_free (run->today);
  g_clear_pointer (&run->rec_specs, g_ptr_array_unref);
  g_clear_pointer (&run->cat_specs, g_ptr_array_unref);
  g_clear_pointer (&run->stored, g_hash_table_unref);
  g_clear_pointer (&run->people, g_hash_table_unref);
  g_clear_object (&run->parser);
  g_clear_pointer (&run->recipients, bulk_table_free);
  g_clear_pointer (&run->categories_table, bulk_table_free);
  g_clear_pointer (&run->changes, bulk_table_free);
  g_clear_pointer (&run->audit, bulk_table_free);
  g_clear_pointer (&run->pending, g_ptr_array_unref);
  {
    GValue *values[] = { &run->now, &run->actor, &run->empty_string, &run->zero_int64 };

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

/* One query for every stored recipient with an ID number, and their
 * categories when the file has a category column: only the columns the file
 * can change, so 100 000 people stay a few tens of megabytes. */
static gboolean
load_stored (Run *run, GError **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT r.id AS id, r.version AS version, "
                                         "r.id_number AS id_number, r.name AS name, "
                                         "r.status AS status");
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (GType));
  g_autoptr(GdaDataModel) model = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  GType fixed[] = { G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING };
  const int first_value = G_N_ELEMENTS (fixed);
  int first_category;
  int birth_column = -1;
  Stored *current = NULL;
  int n;

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
                            "ON c.recipient_id = r.id WHERE r.id_number IS NOT NULL "
                            "ORDER BY r.id, c.id");
    }
  else
    g_string_append (sql, " FROM recipient r WHERE r.id_number IS NOT NULL ORDER BY r.id");
  {
    GType end = G_TYPE_NONE;
    g_array_append_val (types, end);
  }

  model = sy_database_select (run->self->db, sql->str, (const GType *) types->data, error, NULL);
  if (model == NULL)
    return FALSE;

  run->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stored_free);
  run->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  n = gda_data_model_get_n_rows (model);
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
 * statement costs tens of microseconds beyond what SQLite needs, and a
 * person is four records and four audit rows.  They are kept until
 * BULK_ROWS of them are waiting, then each table gets multi-row INSERTs
 * (pieces of BULK_ROWS, 16, 8 … 1 rows, each parsed once per import), the
 * new ids come from one last_insert_rowid() per piece (AUTOINCREMENT ids of
 * one statement are consecutive while we hold the write lock), and the
 * audit rows follow in the same way.  The rows end up exactly as
 * sy_database_insert() would write them.
 *
 * NULLs are never bound (libgda re-prepares and leaks a statement for each
 * NULL bind, see sy-database.c): a nullable column is written
 * CASE WHEN (##mask & bit) = 0 THEN ##value END, with an empty value and
 * the bit set for NULL, so one statement serves every pattern of NULLs. */

/* Not more: libgda builds a statement's parameter set in time growing with
 * the square of its placeholders (64 rows measured slower than 8). */
#define BULK_ROWS   32
#define BULK_PIECES 6   /* 32, 16 … 1 */

typedef struct {
  const char        *name;
  GType              type;       /* G_TYPE_STRING, G_TYPE_INT or G_TYPE_INT64 */
  gboolean           nullable;
  const SyFieldSpec *spec;       /* NULL for audit_log's own columns */
} BulkColumn;

typedef struct {
  GdaStatement  *stmt;
  GdaSet        *set;
  GdaHolder     *at;
  GdaHolder     *actor;
  GdaHolder    **masks;          /* per row; NULL without nullable columns */
  GdaHolder    **values;         /* row × column */
} BulkStatement;

typedef struct _BulkTable {
  const char    *table;
  const char    *fixed_columns;  /* written the same for every row */
  const char    *fixed_values;
  GArray        *columns;        /* BulkColumn */
  BulkStatement *pieces[BULK_PIECES];
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
bulk_statement_free (BulkStatement *bs)
{
  g_clear_object (&bs->stmt);
  g_clear_object (&bs->set);
  g_free (bs->masks);
  g_free (bs->values);
  g_free (bs);
}

static void
bulk_table_free (BulkTable *t)
{
  for (guint i = 0; i < BULK_PIECES; i++)
    g_clear_pointer (&t->pieces[i], bulk_statement_free);
  g_array_unref (t->columns);
  g_free (t);
}

static GType
bulk_type_of (SyFieldType type)
{
  switch (type)
    {
    case SY_FIELD_STRING:  return G_TYPE_STRING;
    case SY_FIELD_INT:
    case SY_FIELD_BOOLEAN: return G_TYPE_INT;
    case SY_FIELD_INT64:
    case SY_FIELD_REF:     return G_TYPE_INT64;
    default:               g_assert_not_reached ();
    }
}

static const char *
bulk_holder_type (GType type)
{
  return type == G_TYPE_STRING ? "string" : type == G_TYPE_INT ? "gint" : "gint64";
}

/* A record table: every stored field of @type, as sy_database_insert()
 * writes them. */
static BulkTable *
bulk_table_for_records (GType type)
{
  g_autoptr(SyRecordClass) klass = g_type_class_ref (type);
  BulkTable *t = g_new0 (BulkTable, 1);
  const SyFieldSpec *fields;
  guint n;

  t->table = sy_record_class_get_entity_name (klass);
  t->fixed_columns = "version, created_at, created_by, updated_at, updated_by";
  t->fixed_values = "1, ##at::string, ##actor::string, ##at::string, ##actor::string";
  t->columns = g_array_new (FALSE, TRUE, sizeof (BulkColumn));
  fields = sy_record_class_get_fields (klass, &n);
  for (guint i = 0; i < n; i++)
    {
      BulkColumn c = { fields[i].name, bulk_type_of (fields[i].type),
                       fields[i].type == SY_FIELD_STRING || fields[i].type == SY_FIELD_REF,
                       &fields[i] };

      if (!(fields[i].flags & SY_FIELD_DERIVED))
        g_array_append_val (t->columns, c);
    }
  g_assert (t->columns->len < 63);
  return t;
}

/* audit_log rows of inserted records: entity, entity_id, new_values. */
static BulkTable *
bulk_table_for_audit (void)
{
  static const BulkColumn columns[] = {
    { "entity", G_TYPE_STRING, FALSE, NULL },
    { "entity_id", G_TYPE_INT64, FALSE, NULL },
    { "new_values", G_TYPE_STRING, FALSE, NULL },
  };
  BulkTable *t = g_new0 (BulkTable, 1);

  t->table = "audit_log";
  t->fixed_columns = "at, actor, action, old_values";
  t->fixed_values = "##at::string, ##actor::string, 'insert', NULL";
  t->columns = g_array_new (FALSE, TRUE, sizeof (BulkColumn));
  g_array_append_vals (t->columns, columns, G_N_ELEMENTS (columns));
  return t;
}

static GdaHolder *
bulk_holder (GdaSet *set, const char *name)
{
  GdaHolder *holder = gda_set_get_holder (set, name);

  g_assert (holder != NULL);
  return holder;
}

static BulkStatement *
bulk_statement_new (Run *run, BulkTable *t, guint n_rows, GError **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  guint n_columns = t->columns->len;
  gboolean any_nullable = FALSE;
  BulkStatement *bs;

  g_string_printf (sql, "INSERT INTO %s (%s", t->table, t->fixed_columns);
  for (guint j = 0; j < n_columns; j++)
    {
      BulkColumn *c = &g_array_index (t->columns, BulkColumn, j);

      g_string_append_printf (sql, ", %s", c->name);
      any_nullable |= c->nullable;
    }
  g_string_append (sql, ") VALUES ");
  for (guint i = 0; i < n_rows; i++)
    {
      g_string_append_printf (sql, "%s(%s", i > 0 ? ", " : "", t->fixed_values);
      for (guint j = 0; j < n_columns; j++)
        {
          BulkColumn *c = &g_array_index (t->columns, BulkColumn, j);
          const char *type = bulk_holder_type (c->type);

          if (c->nullable)
            g_string_append_printf (sql, ", CASE WHEN (##m%u::gint64 & %" G_GUINT64_FORMAT ") = 0 "
                                    "THEN ##v%u_%u::%s END", i, (guint64) 1 << j, i, j, type);
          else
            g_string_append_printf (sql, ", ##v%u_%u::%s", i, j, type);
        }
      g_string_append_c (sql, ')');
    }

  bs = g_new0 (BulkStatement, 1);
  bs->stmt = gda_sql_parser_parse_string (run->parser, sql->str, NULL, &local_error);
  if (bs->stmt == NULL
      || !gda_statement_get_parameters (bs->stmt, &bs->set, &local_error))
    {
      g_critical ("cannot prepare a bulk insert into %s: %s", t->table,
                  local_error ? local_error->message : "?");
      g_set_error (error, SY_ERROR, SY_ERROR_DATABASE, _("The database failed while %s: %s"),
                   _("preparing a statement"), local_error ? local_error->message : "?");
      bulk_statement_free (bs);
      return NULL;
    }
  /* The values are checked here already; libgda's per-holder validation
   * signals cost as much as the insert. */
  g_object_set (bs->set, "validate-changes", FALSE, NULL);
  bs->at = bulk_holder (bs->set, "at");
  bs->actor = bulk_holder (bs->set, "actor");
  bs->masks = g_new0 (GdaHolder *, n_rows);
  bs->values = g_new0 (GdaHolder *, n_rows * n_columns);
  for (guint i = 0; i < n_rows; i++)
    {
      char name[32];

      if (any_nullable)
        {
          g_snprintf (name, sizeof name, "m%u", i);
          bs->masks[i] = bulk_holder (bs->set, name);
        }
      for (guint j = 0; j < n_columns; j++)
        {
          g_snprintf (name, sizeof name, "v%u_%u", i, j);
          bs->values[i * n_columns + j] = bulk_holder (bs->set, name);
        }
    }
  return bs;
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

static gboolean
bulk_set (GdaHolder *holder, const GValue *value, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (gda_holder_set_value (holder, value, &local_error))
    return TRUE;
  set_write_error (error, local_error);
  return FALSE;
}

/* Writes rows [@first, @first + @n) of @values (n_columns GValues a row;
 * an unset GValue is NULL) with one statement, and sets their ids. */
static gboolean
bulk_execute (Run *run, BulkTable *t, GArray *values, guint first, guint n,
              gint64 *ids, GError **error)
{
  guint n_columns = t->columns->len;
  guint piece = 0;
  BulkStatement *bs;
  g_autoptr(GError) local_error = NULL;
  gint64 last = 0;

  while (((guint) BULK_ROWS >> piece) != n)
    piece++;
  g_assert (piece < BULK_PIECES);
  if (t->pieces[piece] == NULL
      && (t->pieces[piece] = bulk_statement_new (run, t, n, error)) == NULL)
    return FALSE;
  bs = t->pieces[piece];

  if (!bulk_set (bs->at, &run->now, error) || !bulk_set (bs->actor, &run->actor, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guint64 mask = 0;

      for (guint j = 0; j < n_columns; j++)
        {
          BulkColumn *c = &g_array_index (t->columns, BulkColumn, j);
          GValue *v = &g_array_index (values, GValue, (first + i) * n_columns + j);
          GdaHolder *holder = bs->values[i * n_columns + j];

          if (G_IS_VALUE (v))
            {
              if (!bulk_set (holder, v, error))
                return FALSE;
            }
          else
            {
              /* A NULL: any value of the right type, masked out. */
              g_assert (c->nullable);
              mask |= (guint64) 1 << j;
              if (!bulk_set (holder, c->type == G_TYPE_STRING ? &run->empty_string
                                                              : &run->zero_int64, error))
                return FALSE;
            }
        }
      if (bs->masks[i] != NULL)
        {
          g_auto(GValue) m = G_VALUE_INIT;

          g_value_init (&m, G_TYPE_INT64);
          g_value_set_int64 (&m, (gint64) mask);
          if (!bulk_set (bs->masks[i], &m, error))
            return FALSE;
        }
    }

  gda_connection_statement_execute_non_select (sy_database_get_connection (run->self->db),
                                               bs->stmt, bs->set, NULL, &local_error);
  if (local_error != NULL)
    {
      set_write_error (error, local_error);
      return FALSE;
    }
  if (ids == NULL)
    return TRUE;
  if (!sy_database_query_int64 (run->self->db, &last, "SELECT last_insert_rowid()", error, NULL))
    return FALSE;
  for (guint i = 0; i < n; i++)
    ids[first + i] = last - n + 1 + i;
  return TRUE;
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

/* Writes all rows of @values in pieces; on a failure, finds the row that
 * fails alone (a failed statement left nothing behind) so the error can
 * name its line.  @owners: the Pending of each row. */
static gboolean
bulk_insert (Run *run, BulkTable *t, GArray *values, GPtrArray *owners, gint64 *ids,
             GError **error)
{
  guint n_rows = owners->len;
  guint done = 0;

  while (done < n_rows)
    {
      guint n = BULK_ROWS;
      g_autoptr(GError) local_error = NULL;

      while (n > n_rows - done)
        n >>= 1;
      if (bulk_execute (run, t, values, done, n, ids, &local_error))
        {
          done += n;
          continue;
        }
      for (guint i = done; i < done + n && n > 1; i++)
        {
          g_autoptr(GError) row_error = NULL;

          if (!bulk_execute (run, t, values, i, 1, ids, &row_error))
            {
              prefix_person (run, g_ptr_array_index (owners, i), &row_error);
              g_propagate_error (error, g_steal_pointer (&row_error));
              return FALSE;
            }
        }
      prefix_person (run, g_ptr_array_index (owners, done), &local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static GArray *
bulk_values_new (void)
{
  GArray *values = g_array_new (FALSE, TRUE, sizeof (GValue));

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  return values;
}

/* Appends the stored fields of @record (NULLs as unset GValues). */
static void
append_record (BulkTable *t, GArray *values, SyRecord *record)
{
  for (guint j = 0; j < t->columns->len; j++)
    {
      BulkColumn *c = &g_array_index (t->columns, BulkColumn, j);
      g_auto(GValue) field = G_VALUE_INIT;
      GValue *v;

      g_array_set_size (values, values->len + 1);
      v = &g_array_index (values, GValue, values->len - 1);
      sy_record_get_field_value (record, c->spec, &field);
      switch (c->spec->type)
        {
        case SY_FIELD_STRING:
          if (g_value_get_string (&field) != NULL)
            {
              g_value_init (v, G_TYPE_STRING);
              g_value_set_string (v, g_value_get_string (&field));
            }
          break;
        case SY_FIELD_REF:
          if (g_value_get_int64 (&field) != 0)
            {
              g_value_init (v, G_TYPE_INT64);
              g_value_set_int64 (v, g_value_get_int64 (&field));
            }
          break;
        case SY_FIELD_INT64:
          g_value_init (v, G_TYPE_INT64);
          g_value_set_int64 (v, g_value_get_int64 (&field));
          break;
        case SY_FIELD_INT:
          g_value_init (v, G_TYPE_INT);
          g_value_set_int (v, g_value_get_int (&field));
          break;
        case SY_FIELD_BOOLEAN:
          g_value_init (v, G_TYPE_INT);
          g_value_set_int (v, g_value_get_boolean (&field) ? 1 : 0);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
append_audit (GArray *values, const char *entity, gint64 id, char *json)
{
  guint at = values->len;

  g_array_set_size (values, at + 3);
  g_value_init (&g_array_index (values, GValue, at), G_TYPE_STRING);
  g_value_set_static_string (&g_array_index (values, GValue, at), entity);
  g_value_init (&g_array_index (values, GValue, at + 1), G_TYPE_INT64);
  g_value_set_int64 (&g_array_index (values, GValue, at + 1), id);
  g_value_init (&g_array_index (values, GValue, at + 2), G_TYPE_STRING);
  g_value_take_string (&g_array_index (values, GValue, at + 2), json);
}

/* Writes the waiting people: recipients, then their categories and 新增
 * status changes (which need the recipients' ids), then the audit rows of
 * all of them. */
static gboolean
flush_people (Run *run, GError **error)
{
  GPtrArray *people = run->pending;
  g_autoptr(GArray) values = bulk_values_new ();
  g_autoptr(GArray) audit = bulk_values_new ();
  g_autoptr(GPtrArray) owners = g_ptr_array_new ();
  g_autoptr(GPtrArray) audit_owners = g_ptr_array_new ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree gint64 *ids = NULL;
  guint n = people->len;

  if (n == 0)
    return TRUE;
  g_value_take_string (&run->now, sy_database_now ());

  /* The recipients. */
  ids = g_new0 (gint64, n);
  for (guint i = 0; i < n; i++)
    {
      Pending *p = g_ptr_array_index (people, i);

      append_record (run->recipients, values, SY_RECORD (p->recipient));
      g_ptr_array_add (owners, p);
    }
  if (!bulk_insert (run, run->recipients, values, owners, ids, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      Pending *p = g_ptr_array_index (people, i);

      append_audit (audit, "recipient", ids[i], sy_record_to_json (SY_RECORD (p->recipient)));
      g_ptr_array_add (audit_owners, p);
    }

  /* Their categories and status changes. */
  for (guint table = 0; table < 2; table++)
    {
      BulkTable *t = table == 0 ? run->categories_table : run->changes;

      g_array_set_size (values, 0);
      g_ptr_array_set_size (owners, 0);
      g_ptr_array_set_size (records, 0);
      for (guint i = 0; i < n; i++)
        {
          Pending *p = g_ptr_array_index (people, i);

          if (table == 0)
            for (guint k = 0; k < p->categories->len; k++)
              {
                SyRecipientCategory *category = g_ptr_array_index (p->categories, k);

                sy_recipient_category_set_recipient_id (category, ids[i]);
                g_ptr_array_add (records, g_object_ref (category));
                g_ptr_array_add (owners, p);
              }
          else
            {
              SyStatusChange *change = sy_status_change_new ();

              sy_status_change_set_recipient_id (change, ids[i]);
              sy_status_change_set_kind (change, "新增");
              sy_status_change_set_effective_date (change, run->today);
              sy_status_change_set_reason (change, run->reason);
              g_ptr_array_add (records, change);
              g_ptr_array_add (owners, p);
            }
        }
      if (records->len == 0)
        continue;
      {
        g_autofree gint64 *record_ids = g_new0 (gint64, records->len);

        for (guint i = 0; i < records->len; i++)
          append_record (t, values, g_ptr_array_index (records, i));
        if (!bulk_insert (run, t, values, owners, record_ids, error))
          return FALSE;
        for (guint i = 0; i < records->len; i++)
          {
            append_audit (audit, t->table, record_ids[i],
                          sy_record_to_json (g_ptr_array_index (records, i)));
            g_ptr_array_add (audit_owners, g_ptr_array_index (owners, i));
          }
      }
    }

  if (!bulk_insert (run, run->audit, audit, audit_owners, NULL, error))
    return FALSE;
  g_ptr_array_set_size (people, 0);
  return TRUE;
}

static void
bulk_start (Run *run)
{
  run->parser = gda_connection_create_parser (sy_database_get_connection (run->self->db));
  if (run->parser == NULL)
    run->parser = gda_sql_parser_new ();
  run->recipients = bulk_table_for_records (SY_TYPE_RECIPIENT);
  run->categories_table = bulk_table_for_records (SY_TYPE_RECIPIENT_CATEGORY);
  run->changes = bulk_table_for_records (SY_TYPE_STATUS_CHANGE);
  run->audit = bulk_table_for_audit ();
  run->pending = g_ptr_array_new_with_free_func (pending_free);
  g_value_init (&run->now, G_TYPE_STRING);
  g_value_init (&run->actor, G_TYPE_STRING);
  g_value_set_string (&run->actor, sy_database_get_actor (run->self->db));
  g_value_init (&run->empty_string, G_TYPE_STRING);
  g_value_set_static_string (&run->empty_string, "");
  g_value_init (&run->zero_int64, G_TYPE_INT64);
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

/* --- the pass ------------------------------------------------------------ */

/* Sets *@action; FALSE when a write failed. */
static gboolean
classify (Run *run, SyRecipientRow *row, SyImportAction *action, GError **error)
{
  SyRecipient *recipient = sy_recipient_row_get_recipient (row);
  const char *id_number = sy_recipient_row_get_id_number (row);
  Stored *stored = g_hash_table_lookup (run->stored, id_number);
  g_autofree char *values = NULL;
  g_autofree char *categories = NULL;
  gboolean fields_changed, status_changed = FALSE, categories_changed = FALSE;

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
  if (!fields_changed && !status_changed && !categories_changed)
    {
      *action = SY_IMPORT_ACTION_UNCHANGED;
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
  guint8 byte;

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

      if (!classify (run, row, &action, &local_error))
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
  report_progress (&run, 0.0, _("Reading the stored recipients"));
  if (!load_stored (&run, error))
    {
      run_clear (&run);
      return FALSE;
    }

  if (write)
    {
      if (!sy_database_begin (self->db, error))
        {
          run_clear (&run);
          return FALSE;
        }
      run.writing = TRUE;
      bulk_start (&run);
    }

  ok = sy_recipient_mapping_foreach (mapping, on_row, &run, cancellable, error)
       && (!run.writing || flush_people (&run, error));
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
