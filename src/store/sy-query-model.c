/* sy-query-model.c: a lazily materialised GListModel of records */
#include "sy-query-model.h"
#include "sy-store-private.h"

struct _SyQueryModel
{
  GObject parent_instance;

  SyDatabase         *db;
  GType               record_type;
  char               *sql;
  GArray             *args;     /* the query's parameters, kept for reload() */
  GdaDataModel       *model;
  const SyFieldSpec **specs;
  GPtrArray          *items;    /* row → SyRecord or NULL until asked for */
};

static void sy_query_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SyQueryModel, sy_query_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sy_query_model_list_model_init))

/* Parameters are copied out of the va_list so reload() can run the query
 * again; this is the same triple format sy_database_select() takes. */
typedef struct {
  char  *name;
  GType  type;
  gint64 i;
  char  *s;
} Arg;

static void
arg_clear (gpointer data)
{
  Arg *a = data;
  g_free (a->name);
  g_free (a->s);
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
  self->args = g_array_new (FALSE, TRUE, sizeof (Arg));
  g_array_set_clear_func (self->args, arg_clear);
}

static GdaDataModel *
run_query (SyQueryModel *self, GError **error, ...)
{
  va_list ap;
  GdaDataModel *model;

  va_start (ap, error);
  model = _sy_database_select_records (self->db, self->record_type, self->sql, ap, error);
  va_end (ap);
  return model;
}

/* The list queries take at most one parameter (a year, an id); the call is
 * spelled out because a va_list cannot be rebuilt for reload(). */
static GdaDataModel *
execute (SyQueryModel *self, GError **error)
{
  Arg *a = (Arg *) self->args->data;

  switch (self->args->len)
    {
    case 0:
      return run_query (self, error, NULL);
    case 1:
      if (a[0].type == G_TYPE_STRING)
        return run_query (self, error, a[0].name, a[0].type, a[0].s, NULL);
      if (a[0].type == G_TYPE_INT64)
        return run_query (self, error, a[0].name, a[0].type, a[0].i, NULL);
      return run_query (self, error, a[0].name, a[0].type, (int) a[0].i, NULL);
    default:
      g_error ("SyQueryModel supports at most one parameter");
    }
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

SyQueryModel *
sy_query_model_new (SyDatabase *db, GType record_type, const char *sql, GError **error, ...)
{
  g_autoptr(SyQueryModel) self = g_object_new (SY_TYPE_QUERY_MODEL, NULL);
  GdaDataModel *model;
  const char *name;
  va_list ap;

  self->db = g_object_ref (db);
  self->record_type = record_type;
  self->sql = g_strdup (sql);

  va_start (ap, error);
  while ((name = va_arg (ap, const char *)))
    {
      Arg a = { g_strdup (name), va_arg (ap, GType), 0, NULL };
      if (a.type == G_TYPE_STRING)
        a.s = g_strdup (va_arg (ap, const char *));
      else if (a.type == G_TYPE_INT64)
        a.i = va_arg (ap, gint64);
      else
        a.i = va_arg (ap, int);
      g_array_append_val (self->args, a);
    }
  va_end (ap);

  model = execute (self, error);
  if (!model)
    return NULL;
  replace_model (self, model);
  return g_steal_pointer (&self);
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
