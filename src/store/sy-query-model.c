/* sy-query-model.c: a lazily materialised GListModel of records */
#include "sy-query-model.h"
#include "sy-store-private.h"

#include <glib/gi18n-lib.h>

/* Rows live in pages: an unpaged model is one page holding the whole
 * result; a paged model keeps at most max_pages pages of page_size rows,
 * least recently used first out.
 *
 * Identity: a row's SyRecord is made once, when first asked for, and kept
 * in its page, so the same position gives the same object for as long as
 * the page stays cached (GtkSingleSelection and GtkColumnView compare items
 * by pointer).  Evicting a page only drops the model's references: objects
 * a widget still holds stay valid, but asking for that position again gives
 * a new object with the same content.  The cache holds max_pages ×
 * page_size rows (4 000 by default), several screens more than a list shows
 * at once, so visible rows are not evicted while they are shown. */
typedef struct {
  guint         index;     /* first row = index × page_size */
  GdaDataModel *model;
  GPtrArray    *items;     /* row in page → SyRecord or NULL until asked for */
  GList        *link;      /* in lru */
} Page;

struct _SyQueryModel
{
  GObject parent_instance;

  SyDatabase         *db;
  GType               record_type;
  char               *sql;
  char               *page_sql;   /* sql + LIMIT/OFFSET; NULL = unpaged */
  char               *count_sql;  /* SELECT COUNT(*) of the same rows (paged) */
  char               *dense_sql;  /* page_sql for when matches are dense, or NULL */
  char               *fill_sql;   /* fills a hit table (see _sy_query_model_new_hits()), or NULL */
  int                 hits;       /* the hit table holding the current rows, or -1 */
  GArray             *args;       /* SyStoreParam: the query's parameters, kept for reload() */
  const SyFieldSpec **specs;      /* per result column, from the first page read */
  guint               n_items;
  guint               page_size;
  guint               max_pages;
  GHashTable         *pages;      /* index → Page */
  GQueue              lru;        /* Page, most recently used first */
  guint               n_page_loads;
};

static void sy_query_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyQueryModel, sy_query_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sy_query_model_list_model_init))

static void
store_param_clear (gpointer data)
{
  SyStoreParam *p = data;

  g_free (p->name);
  if (G_IS_VALUE (&p->value))
    g_value_unset (&p->value);
}

GArray *
_sy_store_params_new (void)
{
  GArray *params = g_array_new (FALSE, TRUE, sizeof (SyStoreParam));

  g_array_set_clear_func (params, store_param_clear);
  return params;
}

static GValue *
store_params_add (GArray *params, const char *name, GType type)
{
  SyStoreParam p = { g_strdup (name), G_VALUE_INIT };
  SyStoreParam *added;

  g_array_append_val (params, p);
  added = &g_array_index (params, SyStoreParam, params->len - 1);
  g_value_init (&added->value, type);
  return &added->value;
}

void
_sy_store_params_add_string (GArray *params, const char *name, const char *value)
{
  g_value_set_string (store_params_add (params, name, G_TYPE_STRING), value);
}

void
_sy_store_params_add_int (GArray *params, const char *name, int value)
{
  g_value_set_int (store_params_add (params, name, G_TYPE_INT), value);
}

void
_sy_store_params_add_int64 (GArray *params, const char *name, gint64 value)
{
  g_value_set_int64 (store_params_add (params, name, G_TYPE_INT64), value);
}

/* Hit tables: temporary tables "sy_hits_N" of the connection, each owned
 * by one model at a time.  A reload fills a free one and frees the old one
 * only when that worked, so a failed reload leaves the rows as they were.
 * Which are taken is a bit mask kept on the SyDatabase. */
#define N_HIT_TABLES 32

/* Errors as SyDatabase words them, with its (already translated) messages:
 * this file adds no new ones. */
static void
set_read_error (GError **error, const char *cause)
{
  g_debug ("database error while reading a list: %s", cause);
  g_set_error (error, SY_ERROR, SY_ERROR_DATABASE,
               g_dgettext (GETTEXT_PACKAGE, "The database failed while %s: %s"),
               g_dgettext (GETTEXT_PACKAGE, "reading data"), cause);
}

static GQuark
hit_tables_quark (void)
{
  return g_quark_from_static_string ("sy-query-model-hit-tables");
}

static char *
hit_table_sql (const char *sql, int table)
{
  g_auto(GStrv) parts = g_strsplit (sql, "@hits", -1);
  g_autofree char *name = g_strdup_printf ("sy_hits_%d", table);

  return g_strjoinv (name, parts);
}

static void
hit_table_release (SyDatabase *db, int table)
{
  guint32 taken = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (db), hit_tables_quark ()));

  if (table < 0)
    return;
  taken &= ~(1u << table);
  g_object_set_qdata (G_OBJECT (db), hit_tables_quark (), GUINT_TO_POINTER (taken));
}

/* Takes a free hit table, created if need be and emptied, so that the
 * rowids of what is inserted next count from 1. */
static int
hit_table_acquire (SyDatabase *db, GError **error)
{
  guint32 taken = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (db), hit_tables_quark ()));
  g_autoptr(GError) local_error = NULL;
  g_autofree char *create = NULL;
  g_autofree char *empty = NULL;
  int table = 0;

  while (table < N_HIT_TABLES && (taken & (1u << table)))
    table++;
  if (table == N_HIT_TABLES)
    {
      set_read_error (error, "every hit table is taken");
      return -1;
    }

  /* Plain SQL: libgda's parser does not take CREATE TABLE apart. */
  if (sy_database_is_postgres (db))
    {
      /* No rowid on PostgreSQL: an identity column of that name, restarted. */
      create = g_strdup_printf ("CREATE TEMP TABLE IF NOT EXISTS sy_hits_%d "
                                "(rowid BIGINT GENERATED BY DEFAULT AS IDENTITY, id BIGINT)", table);
      empty = g_strdup_printf ("TRUNCATE sy_hits_%d RESTART IDENTITY", table);
    }
  else
    {
      create = g_strdup_printf ("CREATE TEMP TABLE IF NOT EXISTS sy_hits_%d (id INTEGER)", table);
      empty = g_strdup_printf ("DELETE FROM sy_hits_%d", table);
    }
  if (gda_connection_execute_non_select_command (sy_database_get_connection (db), create,
                                                 &local_error) < 0 && local_error)
    {
      set_read_error (error, local_error->message);
      return -1;
    }
  if (sy_database_execute (db, empty, error, NULL) < 0)
    return -1;

  g_object_set_qdata (G_OBJECT (db), hit_tables_quark (), GUINT_TO_POINTER (taken | (1u << table)));
  return table;
}

#define DEFAULT_PAGE_SIZE 200
#define DEFAULT_MAX_PAGES 20

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_object (&page->model);
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static gboolean
is_paged (SyQueryModel *self)
{
  return self->page_sql != NULL;
}

static GType
sy_query_model_get_item_type (GListModel *list)
{
  return SY_QUERY_MODEL (list)->record_type;
}

static guint
sy_query_model_get_n_items (GListModel *list)
{
  return SY_QUERY_MODEL (list)->n_items;
}

/* Rows not yet asked for are NULL slots. */
static void
unref_if_set (gpointer item)
{
  if (item)
    g_object_unref (item);
}

static GArray *
params_copy (GArray *params)
{
  GArray *copy = _sy_store_params_new ();

  for (guint i = 0; params && i < params->len; i++)
    {
      SyStoreParam *p = &g_array_index (params, SyStoreParam, i);
      g_value_copy (&p->value, store_params_add (copy, p->name, G_VALUE_TYPE (&p->value)));
    }
  return copy;
}

/* The dense plan walks an index in list order and tests every row it
 * meets, fetching each at random: ≈ (offset + page) × rows / matches rows
 * for a page.  The other plan scans all rows once, in table order.  A row
 * fetched at random cost ≈ 20 rows of a scan (100 000 recipients, SQLite's
 * default page cache: 4 000 random rows 12 ms, the scan 17 ms), so the
 * walk wins while (offset + page) × 20 ≤ matches: the first pages of a
 * search that matches many rows. */
#define DENSE_COST 20

static gboolean
use_dense_sql (SyQueryModel *self, guint index)
{
  return self->dense_sql != NULL
         && ((guint64) index + 1) * self->page_size * DENSE_COST <= self->n_items;
}

/* The page's rows: the whole query (unpaged) or LIMIT page_size OFFSET
 * index × page_size of it. */
static GdaDataModel *
execute_page (SyQueryModel *self, guint index, GError **error)
{
  g_autoptr(GArray) params = NULL;

  if (!is_paged (self))
    return _sy_database_select_records_params (self->db, self->record_type, self->sql,
                                               self->args, error);
  if (self->fill_sql)
    {
      g_autofree char *sql = hit_table_sql (self->page_sql, self->hits);

      params = _sy_store_params_new ();
      _sy_store_params_add_int64 (params, "sy_offset", (gint64) index * self->page_size);
      _sy_store_params_add_int64 (params, "sy_end", ((gint64) index + 1) * self->page_size);
      return _sy_database_select_records_params (self->db, self->record_type, sql, params, error);
    }

  params = params_copy (self->args);
  _sy_store_params_add_int (params, "sy_limit", (int) self->page_size);
  _sy_store_params_add_int64 (params, "sy_offset", (gint64) index * self->page_size);
  return _sy_database_select_records_params (self->db, self->record_type,
                                             use_dense_sql (self, index) ? self->dense_sql
                                                                         : self->page_sql,
                                             params, error);
}

static Page *
page_add (SyQueryModel *self, guint index, GdaDataModel *model)
{
  Page *page = g_new0 (Page, 1);

  page->index = index;
  page->model = model;
  page->items = g_ptr_array_new_with_free_func (unref_if_set);
  g_ptr_array_set_size (page->items, gda_data_model_get_n_rows (model));
  if (!self->specs)
    self->specs = _sy_database_column_specs (self->record_type, model);

  g_queue_push_head (&self->lru, page);
  page->link = self->lru.head;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);

  /* Evicted rows' objects live on wherever a widget still holds them. */
  while (self->lru.length > self->max_pages)
    {
      Page *oldest = g_queue_pop_tail (&self->lru);
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
  return page;
}

static Page *
get_page (SyQueryModel *self, guint index, GError **error)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  GdaDataModel *model;

  if (page)
    {
      if (page->link != self->lru.head)
        {
          g_queue_unlink (&self->lru, page->link);
          g_queue_push_head_link (&self->lru, page->link);
        }
      return page;
    }

  model = execute_page (self, index, error);
  if (!model)
    return NULL;
  self->n_page_loads++;
  return page_add (self, index, model);
}

static gpointer
sy_query_model_get_item (GListModel *list, guint position)
{
  SyQueryModel *self = SY_QUERY_MODEL (list);
  g_autoptr(GError) error = NULL;
  guint index, row;
  gpointer item;
  Page *page;

  if (position >= self->n_items)
    return NULL;
  index = is_paged (self) ? position / self->page_size : 0;
  row = is_paged (self) ? position % self->page_size : position;
  page = get_page (self, index, &error);

  /* The count promised a row that is not there: the query failed, or
   * another connection deleted rows since the last reload().  A list must
   * not hand out NULL inside its length, so the row shows empty until the
   * next reload(). */
  if (!page || row >= page->items->len)
    {
      if (error)
        g_warning ("Reading rows %u… of a list failed: %s", position, error->message);
      return g_object_new (self->record_type, NULL);
    }

  item = g_ptr_array_index (page->items, row);
  if (!item)
    {
      item = _sy_database_record_from_row (self->record_type, page->model, row, self->specs);
      g_ptr_array_index (page->items, row) = item;
    }
  return g_object_ref (item);
}

static void
sy_query_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sy_query_model_get_item_type;
  iface->get_n_items = sy_query_model_get_n_items;
  iface->get_item = sy_query_model_get_item;
}

static void
drop_pages (SyQueryModel *self)
{
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->pages);
}

static void
sy_query_model_finalize (GObject *object)
{
  SyQueryModel *self = SY_QUERY_MODEL (object);

  drop_pages (self);
  if (self->db)
    hit_table_release (self->db, self->hits);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->specs, g_free);
  g_clear_pointer (&self->args, g_array_unref);
  g_clear_object (&self->db);
  g_free (self->sql);
  g_free (self->page_sql);
  g_free (self->count_sql);
  g_free (self->dense_sql);
  g_free (self->fill_sql);

  G_OBJECT_CLASS (sy_query_model_parent_class)->finalize (object);
}

static void
sy_query_model_class_init (SyQueryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_query_model_finalize;
}

static void
sy_query_model_init (SyQueryModel *self)
{
  self->args = _sy_store_params_new ();
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  g_queue_init (&self->lru);
  self->page_size = G_MAXUINT;
  self->max_pages = 1;
  self->hits = -1;
}

/* Reads the new row count (and, unpaged, the rows) without touching the
 * current state, so a failed reload leaves the list as it was. */
/* One pass over the rows into a fresh hit table (*hits), then its length. */
static gboolean
fill_hits (SyQueryModel *self, guint *n_items, int *hits, GError **error)
{
  g_autofree char *fill = NULL;
  g_autofree char *count = NULL;
  gint64 n = 0;

  *hits = hit_table_acquire (self->db, error);
  if (*hits < 0)
    return FALSE;
  fill = hit_table_sql (self->fill_sql, *hits);
  count = hit_table_sql ("SELECT MAX (rowid) FROM @hits", *hits);
  if (_sy_database_execute_params (self->db, fill, self->args, error) < 0
      || !_sy_database_query_int64_params (self->db, &n, count, NULL, error))
    {
      hit_table_release (self->db, *hits);
      *hits = -1;
      return FALSE;
    }
  *n_items = (guint) CLAMP (n, 0, G_MAXUINT - 1);
  return TRUE;
}

static gboolean
fetch (SyQueryModel *self, guint *n_items, GdaDataModel **all_rows, int *hits, GError **error)
{
  gint64 n = 0;

  *all_rows = NULL;
  *hits = -1;
  if (self->fill_sql)
    return fill_hits (self, n_items, hits, error);
  if (!is_paged (self))
    {
      *all_rows = execute_page (self, 0, error);
      if (!*all_rows)
        return FALSE;
      *n_items = gda_data_model_get_n_rows (*all_rows);
      return TRUE;
    }
  if (!_sy_database_query_int64_params (self->db, &n, self->count_sql, self->args, error))
    return FALSE;
  *n_items = (guint) CLAMP (n, 0, G_MAXUINT - 1);
  return TRUE;
}

static void
replace_rows (SyQueryModel *self, guint new_n, GdaDataModel *all_rows, int hits, gboolean notify)
{
  guint old_n = self->n_items;

  drop_pages (self);
  if (self->fill_sql)
    {
      hit_table_release (self->db, self->hits);
      self->hits = hits;
    }
  g_clear_pointer (&self->specs, g_free);
  if (all_rows)
    page_add (self, 0, all_rows);

  if (!notify || (old_n == 0 && new_n == 0))
    {
      self->n_items = new_n;
      return;
    }

  /* One items-changed (0, old, new) makes a GtkSingleSelection look for
   * its selected item among all new rows by pointer — none is the same
   * object after a reload — so it would ask for every row, loading every
   * page (GTK 4.8 also keeps a reference to each one it looks at).  A
   * paged list longer than a page therefore empties first and fills
   * again: the selection is simply lost (the page selects by id again). */
  if (is_paged (self) && old_n > 0 && new_n > 0
      && (old_n > self->page_size || new_n > self->page_size))
    {
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, new_n);
      return;
    }
  self->n_items = new_n;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
}

static SyQueryModel *
query_model_new (SyDatabase *db, GType record_type, const char *sql, const char *count_sql,
                 const char *fill_sql, GArray *params, GError **error)
{
  g_autoptr(SyQueryModel) self = g_object_new (SY_TYPE_QUERY_MODEL, NULL);
  GdaDataModel *all_rows = NULL;
  guint n = 0;
  int hits = -1;

  self->db = g_object_ref (db);
  self->record_type = record_type;
  self->sql = g_strdup (sql);
  self->fill_sql = g_strdup (fill_sql);
  if (count_sql || fill_sql)
    {
      self->page_sql = g_strdup (sql);
      self->count_sql = g_strdup (count_sql);
      self->page_size = DEFAULT_PAGE_SIZE;
      self->max_pages = DEFAULT_MAX_PAGES;
    }
  if (params)
    {
      g_array_unref (self->args);
      self->args = g_array_ref (params);
    }

  if (!fetch (self, &n, &all_rows, &hits, error))
    return NULL;
  replace_rows (self, n, all_rows, hits, FALSE);
  return g_steal_pointer (&self);
}

SyQueryModel *
sy_query_model_new (SyDatabase *db, GType record_type, const char *sql, GError **error, ...)
{
  g_autoptr(GArray) params = _sy_store_params_new ();
  const char *name;
  va_list ap;

  /* Copied out of the va_list so reload() can run the query again. */
  va_start (ap, error);
  while ((name = va_arg (ap, const char *)))
    {
      GType type = va_arg (ap, GType);

      if (type == G_TYPE_STRING)
        _sy_store_params_add_string (params, name, va_arg (ap, const char *));
      else if (type == G_TYPE_INT64)
        _sy_store_params_add_int64 (params, name, va_arg (ap, gint64));
      else if (type == G_TYPE_INT || type == G_TYPE_BOOLEAN)
        _sy_store_params_add_int (params, name, va_arg (ap, int));
      else
        g_error ("sy_query_model: unsupported parameter type %s for %s", g_type_name (type), name);
    }
  va_end (ap);

  return query_model_new (db, record_type, sql, NULL, NULL, params, error);
}

SyQueryModel *
_sy_query_model_new_params (SyDatabase *db, GType record_type, const char *sql, GArray *params,
                            GError **error)
{
  /* The caller may change its array afterwards; reload() needs these. */
  g_autoptr(GArray) copy = params_copy (params);

  return query_model_new (db, record_type, sql, NULL, NULL, copy, error);
}

SyQueryModel *
_sy_query_model_new_paged (SyDatabase *db, GType record_type, const char *sql,
                           const char *count_sql, GArray *params, GError **error)
{
  g_autoptr(GArray) copy = params_copy (params);

  g_return_val_if_fail (count_sql != NULL, NULL);
  return query_model_new (db, record_type, sql, count_sql, NULL, copy, error);
}

SyQueryModel *
_sy_query_model_new_hits (SyDatabase *db, GType record_type, const char *fill_sql,
                          const char *page_sql, GArray *params, GError **error)
{
  g_autoptr(GArray) copy = params_copy (params);

  g_return_val_if_fail (fill_sql != NULL && page_sql != NULL, NULL);
  return query_model_new (db, record_type, page_sql, NULL, fill_sql, copy, error);
}

void
_sy_query_model_set_paging (SyQueryModel *self, guint page_size, guint max_pages)
{
  g_return_if_fail (is_paged (self));
  g_return_if_fail (page_size > 0 && max_pages > 0);

  drop_pages (self);
  self->page_size = page_size;
  self->max_pages = max_pages;
}

void
_sy_query_model_set_dense_sql (SyQueryModel *self, const char *dense_sql)
{
  g_return_if_fail (is_paged (self));

  drop_pages (self);
  g_free (self->dense_sql);
  self->dense_sql = g_strdup (dense_sql);
}

gboolean
_sy_query_model_is_paged (SyQueryModel *self)
{
  return is_paged (self);
}

guint
_sy_query_model_get_n_cached_pages (SyQueryModel *self)
{
  return self->lru.length;
}

guint
_sy_query_model_get_n_page_loads (SyQueryModel *self)
{
  return self->n_page_loads;
}

gboolean
sy_query_model_reload (SyQueryModel *self, GError **error)
{
  GdaDataModel *all_rows = NULL;
  guint n = 0;
  int hits = -1;

  g_return_val_if_fail (SY_IS_QUERY_MODEL (self), FALSE);

  if (!fetch (self, &n, &all_rows, &hits, error))
    return FALSE;
  replace_rows (self, n, all_rows, hits, TRUE);
  return TRUE;
}
