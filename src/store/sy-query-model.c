/* sy-query-model.c: a lazily materialised GListModel of records */
#include "sy-query-model.h"
#include "sy-store-private.h"

struct _SyQueryModel
{
  GObject parent_instance;

  SyDatabase         *db;
  GType               record_type;
  char               *sql;
  GArray             *args;     /* SyStoreParam: the query's parameters, kept for reload() */
  GdaDataModel       *model;
  const SyFieldSpec **specs;
  GPtrArray          *items;    /* row → SyRecord or NULL until asked for */
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

static GType
sy_query_model_get_item_type (GListModel *list)
{
  return SY_QUERY_MODEL (list)->record_type;
}

static guint
sy_query_model_get_n_items (GListModel *list)
{
  return SY_QUERY_MODEL (list)->items->len;
}

static gpointer
sy_query_model_get_item (GListModel *list, guint position)
{
  SyQueryModel *self = SY_QUERY_MODEL (list);
  gpointer item;

  if (position >= self->items->len)
    return NULL;
  item = g_ptr_array_index (self->items, position);
  if (!item)
    {
      item = _sy_database_record_from_row (self->record_type, self->model, position, self->specs);
      g_ptr_array_index (self->items, position) = item;
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
sy_query_model_finalize (GObject *object)
{
  SyQueryModel *self = SY_QUERY_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->specs, g_free);
  g_clear_object (&self->model);
  g_clear_pointer (&self->args, g_array_unref);
  g_clear_object (&self->db);
  g_free (self->sql);

  G_OBJECT_CLASS (sy_query_model_parent_class)->finalize (object);
}

static void
sy_query_model_class_init (SyQueryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_query_model_finalize;
}

/* Rows not yet asked for are NULL slots. */
static void
unref_if_set (gpointer item)
{
  if (item)
    g_object_unref (item);
}

static void
sy_query_model_init (SyQueryModel *self)
{
  self->items = g_ptr_array_new_with_free_func (unref_if_set);
  self->args = _sy_store_params_new ();
}

static GdaDataModel *
execute (SyQueryModel *self, GError **error)
{
  return _sy_database_select_records_params (self->db, self->record_type, self->sql,
                                             self->args, error);
}

static void
replace_model (SyQueryModel *self, GdaDataModel *model)
{
  guint old_n = self->items->len;
  guint new_n = gda_data_model_get_n_rows (model);

  g_clear_object (&self->model);
  g_clear_pointer (&self->specs, g_free);
  self->model = model;
  self->specs = _sy_database_column_specs (self->record_type, model);
  g_ptr_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->items, new_n);
  if (old_n || new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
}

static SyQueryModel *
query_model_new (SyDatabase *db, GType record_type, const char *sql, GArray *params,
                 GError **error)
{
  g_autoptr(SyQueryModel) self = g_object_new (SY_TYPE_QUERY_MODEL, NULL);
  GdaDataModel *model;

  self->db = g_object_ref (db);
  self->record_type = record_type;
  self->sql = g_strdup (sql);
  if (params)
    {
      g_array_unref (self->args);
      self->args = g_array_ref (params);
    }

  model = execute (self, error);
  if (!model)
    return NULL;
  replace_model (self, model);
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

  return query_model_new (db, record_type, sql, params, error);
}

SyQueryModel *
_sy_query_model_new_params (SyDatabase *db, GType record_type, const char *sql, GArray *params,
                            GError **error)
{
  g_autoptr(GArray) copy = _sy_store_params_new ();

  /* The caller may change its array afterwards; reload() needs these. */
  for (guint i = 0; params && i < params->len; i++)
    {
      SyStoreParam *p = &g_array_index (params, SyStoreParam, i);
      g_value_copy (&p->value, store_params_add (copy, p->name, G_VALUE_TYPE (&p->value)));
    }
  return query_model_new (db, record_type, sql, copy, error);
}

gboolean
sy_query_model_reload (SyQueryModel *self, GError **error)
{
  GdaDataModel *model = execute (self, error);

  if (!model)
    return FALSE;
  replace_model (self, model);
  return TRUE;
}
