/* sy-database.c: the office database
 *
 * libgda underneath, but nothing libgda-specific leaks out of store/: callers
 * get SY_ERROR errors with messages a user can read, and records instead of
 * data models.
 */
#include "sy-database.h"
#include "sy-attachment-store.h"
#include "sy-store-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MIGRATIONS_PATH "/io/github/shuangyong/Ledger/sql"

/* The migrations' GResource registers itself from a constructor; naming
 * it here makes the linker keep that object out of the static library. */
#include "sy-store-resources.h"

static void
ensure_initialized (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      gda_init ();
      g_assert (sy_store_get_resource () != NULL);
      g_once_init_leave (&done, 1);
    }
}

/* A parsed statement and, for SELECTs, the names of its result columns:
 * records are filled by column name, and the names give the column types
 * libgda wants up front (without them the SQLite provider prefetches rows to
 * guess). */
typedef struct {
  GdaStatement *stmt;
  GStrv         columns;
  GdaSet       *params;   /* reused by writes; built once per statement */
} CachedStatement;

typedef struct {
  gint64  committed;    /* audit rows committed */
  gint64  generation;   /* moves when a commit starts and when it ends */
  guint   committing;   /* commits under way (worker threads') */
} OwnWrites;

/* location → OwnWrites: one per database this process opens, kept for the
 * process's life (a few dozen bytes). */
static GMutex own_lock;
static GHashTable *own_groups;

struct _SyDatabase
{
  GObject parent_instance;

  char              *directory;   /* what sy_database_open() takes: a folder or a URI */
  char              *files_dir;   /* local files (attachments, caches) */
  char              *role;        /* PostgreSQL: the session's role (current_user) */
  gboolean           postgres;
  gboolean           read_only;   /* PostgreSQL: the role may not write */
  GdaConnection     *cnc;
  GdaSqlParser      *parser;
  GHashTable        *statements;   /* sql → CachedStatement */
  SyAttachmentStore *attachments;
  char              *actor;
  int                schema_version;
  guint              tx_depth;
  gboolean           tx_failed;
  /* This process's audit rows in the database (see sy_database_get_own_writes()):
   * shared by its connections to one database, unless made private; and
   * those of the open transaction (counted on commit, dropped on rollback). */
  OwnWrites         *own;
  gboolean           own_private;
  gint64             own_writes_pending;
};

G_DEFINE_FINAL_TYPE (SyDatabase, sy_database, G_TYPE_OBJECT)

static void own_commit_begin (SyDatabase *self);
static void own_commit_end   (SyDatabase *self, gint64 rows);

static void
cached_statement_free (gpointer data)
{
  CachedStatement *cs = data;

  g_clear_object (&cs->stmt);
  g_clear_object (&cs->params);
  g_strfreev (cs->columns);
  g_free (cs);
}

static void
sy_database_finalize (GObject *object)
{
  SyDatabase *self = SY_DATABASE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_object (&self->attachments);
  g_clear_object (&self->parser);
  if (self->cnc)
    gda_connection_close (self->cnc);
  g_clear_object (&self->cnc);
  if (self->own_private)
    g_free (self->own);
  g_free (self->directory);
  g_free (self->files_dir);
  g_free (self->role);
  g_free (self->actor);

  G_OBJECT_CLASS (sy_database_parent_class)->finalize (object);
}

static void
sy_database_class_init (SyDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_database_finalize;
}

static void
sy_database_init (SyDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            cached_statement_free);
  self->actor = g_strdup (g_get_user_name ());
}

/* Raw libgda/SQLite messages are for the log, not for users: keep the
 * detail in the debug log and say what failed in words. */
static void
set_database_error (GError **error, GError *cause, const char *what)
{
  if (cause)
    g_debug ("database error while %s: %s", what, cause->message);
  g_set_error (error, SY_ERROR, SY_ERROR_DATABASE,
               _("The database failed while %s: %s"), what,
               cause ? cause->message : _("unknown error"));
}

GdaDataModel *
_sy_database_select_command (SyDatabase *self, const char *sql, const char *what, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GdaDataModel *model = gda_connection_execute_select_command (self->cnc, sql, &local_error);

  if (!model)
    set_database_error (error, local_error, what);
  return model;
}

char *
sy_database_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

char *
sy_database_default_directory (void)
{
  return g_build_filename (g_get_user_data_dir (), "shuangyong", NULL);
}

const char *
sy_database_get_directory (SyDatabase *self)
{
  return self->directory;
}

const char *
sy_database_get_files_directory (SyDatabase *self)
{
  return self->files_dir;
}

gboolean
sy_database_is_postgres (SyDatabase *self)
{
  g_return_val_if_fail (SY_IS_DATABASE (self), FALSE);
  return self->postgres;
}

const char *
sy_database_sql (SyDatabase *self, const char *sqlite_sql, const char *postgres_sql)
{
  return self->postgres ? postgres_sql : sqlite_sql;
}

const char *
sy_database_get_role (SyDatabase *self)
{
  return self->role;
}

gboolean
sy_database_is_read_only (SyDatabase *self)
{
  return self->read_only;
}

GdaConnection *
sy_database_get_connection (SyDatabase *self)
{
  return self->cnc;
}

int
sy_database_get_schema_version (SyDatabase *self)
{
  return self->schema_version;
}

SyAttachmentStore *
sy_database_get_attachments (SyDatabase *self)
{
  return self->attachments;
}

const char *
sy_database_get_actor (SyDatabase *self)
{
  return self->actor;
}

void
sy_database_set_actor (SyDatabase *self, const char *actor)
{
  g_free (self->actor);
  self->actor = g_strdup (actor && *actor ? actor : g_get_user_name ());
}

/* ---- statements ------------------------------------------------------ */

static char *
column_name_of (GdaSqlSelectField *field)
{
  if (field->as)
    return g_strdup (field->as);
  if (field->field_name)
    return g_strdup (field->field_name);
  if (field->expr && field->expr->value && G_VALUE_HOLDS_STRING (field->expr->value))
    {
      const char *s = g_value_get_string (field->expr->value);
      const char *dot = strrchr (s, '.');
      return g_strdup (dot ? dot + 1 : s);
    }
  return g_strdup ("");
}

static CachedStatement *
get_statement (SyDatabase *self, const char *sql, GError **error)
{
  CachedStatement *cs = g_hash_table_lookup (self->statements, sql);
  g_autoptr(GError) local_error = NULL;
  GdaStatement *stmt;

  if (cs)
    return cs;

  stmt = gda_sql_parser_parse_string (self->parser, sql, NULL, &local_error);
  if (!stmt)
    {
      g_critical ("cannot parse SQL: %s\n%s", local_error->message, sql);
      set_database_error (error, local_error, _("preparing a statement"));
      return NULL;
    }

  cs = g_new0 (CachedStatement, 1);
  cs->stmt = stmt;
  if (gda_statement_get_statement_type (stmt) == GDA_SQL_STATEMENT_SELECT)
    {
      GdaSqlStatement *sqlst = NULL;
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

      g_object_get (stmt, "structure", &sqlst, NULL);
      if (sqlst && sqlst->stmt_type == GDA_SQL_STATEMENT_SELECT)
        {
          GdaSqlStatementSelect *sel = sqlst->contents;
          for (GSList *l = sel->expr_list; l; l = l->next)
            {
              g_autofree char *name = column_name_of (l->data);
              g_strv_builder_add (names, name);
            }
        }
      if (sqlst)
        gda_sql_statement_free (sqlst);
      cs->columns = g_strv_builder_end (names);
    }
  g_hash_table_insert (self->statements, g_strdup (sql), cs);
  return cs;
}

/* PostgreSQL aborts a transaction at its first failed statement and then
 * answers COMMIT with a silent ROLLBACK: remember the failure so that
 * sy_database_commit() reports it instead of pretending to have saved. */
static void
statement_failed (SyDatabase *self)
{
  if (self->postgres && self->tx_depth > 0)
    self->tx_failed = TRUE;
}

/* A reviewer's role may only read: say so, instead of a raw "permission
 * denied" from the server. */
static void
set_read_only_error (SyDatabase *self, GError **error)
{
  g_set_error (error, SY_ERROR, SY_ERROR_READ_ONLY,
               _("This database connection is read-only (role %s): changes are refused"),
               self->role ? self->role : "?");
}

/* A named parameter value. */
typedef struct {
  const char *name;
  GValue      value;
} Param;

static void
param_clear (gpointer data)
{
  Param *p = data;
  if (G_IS_VALUE (&p->value))
    g_value_unset (&p->value);
}

static GArray *
params_new (void)
{
  GArray *params = g_array_new (FALSE, TRUE, sizeof (Param));
  g_array_set_clear_func (params, param_clear);
  return params;
}

static GValue *
params_add (GArray *params, const char *name, GType type)
{
  Param p = { name, G_VALUE_INIT };
  g_array_append_val (params, p);
  Param *added = &g_array_index (params, Param, params->len - 1);
  if (type != G_TYPE_NONE)
    g_value_init (&added->value, type);
  return &added->value;
}

static GArray *
params_from_va (va_list args)
{
  GArray *params = params_new ();
  const char *name;

  while ((name = va_arg (args, const char *)))
    {
      GType type = va_arg (args, GType);
      GValue *v;

      if (type == G_TYPE_STRING)
        {
          const char *s = va_arg (args, const char *);
          /* A NULL string is SQL NULL. */
          v = params_add (params, name, s ? G_TYPE_STRING : G_TYPE_NONE);
          if (s)
            g_value_set_string (v, s);
        }
      else if (type == G_TYPE_INT)
        g_value_set_int (params_add (params, name, G_TYPE_INT), va_arg (args, int));
      else if (type == G_TYPE_BOOLEAN)
        g_value_set_int (params_add (params, name, G_TYPE_INT), va_arg (args, int) ? 1 : 0);
      else if (type == G_TYPE_INT64)
        g_value_set_int64 (params_add (params, name, G_TYPE_INT64), va_arg (args, gint64));
      else
        g_error ("sy_database: unsupported parameter type %s for %s", g_type_name (type), name);
    }
  return params;
}

/* Writes "NULL" in place of every "##name::type[::null]" placeholder.
 * libgda 5.2's SQLite provider re-prepares (and leaks, 1–7 KB a time) a
 * statement whenever a parameter is bound to NULL, so NULLs never reach it
 * as parameters: a statement per NULL pattern is parsed once and cached. */
static void
inline_null (GString *sql, const char *name)
{
  g_autofree char *needle = g_strconcat ("##", name, "::", NULL);
  gsize from = 0;
  char *hit;

  while ((hit = strstr (sql->str + from, needle)))
    {
      gsize start = hit - sql->str;
      gsize end = start + strlen (needle);

      while (end < sql->len && (g_ascii_isalnum (sql->str[end]) || sql->str[end] == '_'
                                || sql->str[end] == ':'))
        end++;
      g_string_erase (sql, start, end - start);
      g_string_insert (sql, start, "NULL");
      from = start + 4;
    }
}

static CachedStatement *
prepare (SyDatabase *self, const char *sql, GArray *params, GError **error)
{
  g_autoptr(GString) effective = NULL;

  for (guint i = 0; params && i < params->len; i++)
    {
      Param *p = &g_array_index (params, Param, i);

      if (G_IS_VALUE (&p->value))
        continue;
      if (!effective)
        effective = g_string_new (sql);
      inline_null (effective, p->name);
    }
  return get_statement (self, effective ? effective->str : sql, error);
}

/* Binds the non-NULL parameters.  Writes reuse the statement's parameter
 * set (building one costs as much as the insert itself); SELECTs get a fresh
 * one because their result models keep a reference to it. */
static gboolean
bind_params (CachedStatement *cs, GArray *params, GdaSet **out_set, GError **error)
{
  g_autoptr(GdaSet) set = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean reuse = gda_statement_get_statement_type (cs->stmt) != GDA_SQL_STATEMENT_SELECT;
  guint bound = 0;

  if (reuse && cs->params)
    set = g_object_ref (cs->params);
  else if (!gda_statement_get_parameters (cs->stmt, &set, &local_error))
    {
      set_database_error (error, local_error, _("preparing a statement"));
      return FALSE;
    }
  if (reuse && set && !cs->params)
    cs->params = g_object_ref (set);

  for (guint i = 0; params && i < params->len; i++)
    {
      Param *p = &g_array_index (params, Param, i);
      GdaHolder *holder;
      GType want;
      g_auto(GValue) converted = G_VALUE_INIT;
      g_autoptr(GError) e = NULL;

      if (!G_IS_VALUE (&p->value))
        continue;  /* written into the SQL by prepare() */

      holder = set ? gda_set_get_holder (set, p->name) : NULL;
      if (!holder)
        g_error ("sy_database: statement has no parameter named %s", p->name);

      /* Convert to the holder's declared type: the varargs API must never
       * store a silently wrong value (TOOLCHAIN.md). */
      want = gda_holder_get_g_type (holder);
      g_value_init (&converted, want);
      if (!g_value_transform (&p->value, &converted))
        g_error ("sy_database: cannot convert %s to %s for parameter %s",
                 G_VALUE_TYPE_NAME (&p->value), g_type_name (want), p->name);
      if (!gda_holder_set_value (holder, &converted, &e))
        {
          set_database_error (error, e, _("binding a parameter"));
          return FALSE;
        }
      bound++;
    }

  /* A reused set still holds the previous call's values: every parameter
   * must be given each time, or a row would silently get old data. */
  if (set && bound < g_slist_length (set->holders))
    g_error ("sy_database: %u of %u parameters given for: %s", bound,
             g_slist_length (set->holders), gda_statement_to_sql (cs->stmt, NULL, NULL));

  *out_set = g_steal_pointer (&set);
  return TRUE;
}

static GdaDataModel *
select_with_params (SyDatabase   *self,
                    const char   *sql,
                    const GType  *types,
                    GArray       *params,
                    CachedStatement **out_cs,
                    GError      **error)
{
  CachedStatement *cs = prepare (self, sql, params, error);
  g_autoptr(GdaSet) set = NULL;
  g_autoptr(GError) local_error = NULL;
  GdaDataModel *model;

  if (!cs || !bind_params (cs, params, &set, error))
    return NULL;

  model = gda_connection_statement_execute_select_full (self->cnc, cs->stmt, set,
                                                        GDA_STATEMENT_MODEL_RANDOM_ACCESS,
                                                        (GType *) types, &local_error);
  if (!model)
    {
      statement_failed (self);
      set_database_error (error, local_error, _("reading data"));
      return NULL;
    }
  if (out_cs)
    *out_cs = cs;
  return model;
}

static gint
execute_with_params (SyDatabase *self, const char *sql, GArray *params, GError **error)
{
  CachedStatement *cs = prepare (self, sql, params, error);
  g_autoptr(GdaSet) set = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean audit;
  gint n;

  if (!cs || !bind_params (cs, params, &set, error))
    return -1;

  /* Outside a transaction the statement commits by itself. */
  audit = g_str_has_prefix (sql, "INSERT INTO audit_log ");
  if (audit && self->tx_depth == 0)
    own_commit_begin (self);
  n = gda_connection_statement_execute_non_select (self->cnc, cs->stmt, set, NULL, &local_error);
  if (audit && self->tx_depth == 0)
    own_commit_end (self, local_error == NULL ? MAX (n, 0) : 0);
  else if (audit && local_error == NULL && n > 0)
    _sy_database_note_own_audit_rows (self, n);
  if (local_error)
    {
      const char *msg = local_error->message;

      statement_failed (self);
      if (msg && (strstr (msg, "UNIQUE") || strstr (msg, "unique") || strstr (msg, "duplicate key")))
        g_set_error (error, SY_ERROR, SY_ERROR_DUPLICATE,
                     _("A record with the same unique value already exists"));
      else if (self->postgres && msg && (strstr (msg, "permission denied")
                                         || strstr (msg, "read-only transaction")))
        {
          g_debug ("database error while writing data: %s", msg);
          set_read_only_error (self, error);
        }
      else
        set_database_error (error, local_error, _("writing data"));
      return -1;
    }
  return MAX (n, 0);
}

GdaDataModel *
sy_database_select (SyDatabase  *self,
                    const char  *sql,
                    const GType *types,
                    GError     **error,
                    ...)
{
  va_list args;
  g_autoptr(GArray) params = NULL;

  va_start (args, error);
  params = params_from_va (args);
  va_end (args);

  return select_with_params (self, sql, types, params, NULL, error);
}

gint
sy_database_execute_va (SyDatabase *self, const char *sql, GError **error, va_list args)
{
  g_autoptr(GArray) params = params_from_va (args);
  return execute_with_params (self, sql, params, error);
}

gint
sy_database_execute (SyDatabase *self, const char *sql, GError **error, ...)
{
  va_list args;
  gint n;

  va_start (args, error);
  n = sy_database_execute_va (self, sql, error, args);
  va_end (args);
  return n;
}

static gboolean
value_to_int64 (const GValue *v, gint64 *out)
{
  g_auto(GValue) tmp = G_VALUE_INIT;

  if (!v || G_VALUE_HOLDS (v, GDA_TYPE_NULL))
    {
      *out = 0;
      return TRUE;
    }
  g_value_init (&tmp, G_TYPE_INT64);
  if (!g_value_transform (v, &tmp))
    return FALSE;
  *out = g_value_get_int64 (&tmp);
  return TRUE;
}

gboolean
sy_database_query_int64 (SyDatabase *self, gint64 *value, const char *sql, GError **error, ...)
{
  va_list args;
  g_autoptr(GArray) params = NULL;
  g_autoptr(GdaDataModel) model = NULL;
  static const GType types[] = { G_TYPE_INT64, G_TYPE_NONE };

  va_start (args, error);
  params = params_from_va (args);
  va_end (args);

  *value = 0;
  model = select_with_params (self, sql, types, params, NULL, error);
  if (!model)
    return FALSE;
  if (gda_data_model_get_n_rows (model) > 0)
    value_to_int64 (gda_data_model_get_value_at (model, 0, 0, NULL), value);
  return TRUE;
}

/* ---- transactions ---------------------------------------------------- */

/* libgda's transaction API (gda_connection_begin_transaction …) keeps every
 * statement run inside a transaction in a list that it walks again on each
 * new statement: importing 20 000 people in one transaction took 172 s and
 * 1.8 GB that way.  The outermost level is therefore plain SQL, which SQLite
 * runs as any other statement: SAVEPOINT outside a transaction opens one,
 * and releasing the outermost savepoint commits it.  libgda's parser knows
 * SAVEPOINT, RELEASE and ROLLBACK TO, and would start its tracking (and warn
 * that no transaction exists) on seeing them, so these three are parsed in
 * delimiter mode, which leaves them opaque text.
 * PostgreSQL has no SAVEPOINT outside a transaction: BEGIN/COMMIT/ROLLBACK,
 * the same way (see tx_sql()). */
static gboolean
exec_transaction_sql (SyDatabase *self, const char *sql, const char *what, GError **error)
{
  CachedStatement *cs = g_hash_table_lookup (self->statements, sql);
  g_autoptr(GError) local_error = NULL;

  if (cs == NULL)
    {
      GdaSqlParser *parser = gda_connection_create_parser (self->cnc);
      GdaStatement *stmt;

      if (parser == NULL)
        parser = gda_sql_parser_new ();
      g_object_set (parser, "mode", GDA_SQL_PARSER_MODE_DELIMIT, NULL);
      stmt = gda_sql_parser_parse_string (parser, sql, NULL, &local_error);
      g_object_unref (parser);
      if (stmt == NULL)
        {
          set_database_error (error, local_error, what);
          return FALSE;
        }
      cs = g_new0 (CachedStatement, 1);
      cs->stmt = stmt;
      g_hash_table_insert (self->statements, g_strdup (sql), cs);
    }

  gda_connection_statement_execute_non_select (self->cnc, cs->stmt, NULL, NULL, &local_error);
  if (local_error != NULL)
    {
      set_database_error (error, local_error, what);
      return FALSE;
    }
  return TRUE;
}

/* The outermost transaction's statements: SAVEPOINT/RELEASE/ROLLBACK TO
 * on SQLite (see above), BEGIN/COMMIT/ROLLBACK on PostgreSQL. */
typedef enum { TX_BEGIN, TX_COMMIT, TX_ROLLBACK } TxStep;

static gboolean
tx_sql (SyDatabase *self, TxStep step, const char *what, GError **error)
{
  static const char *const sqlite_sql[] = { "SAVEPOINT sy_tx", "RELEASE sy_tx", "ROLLBACK TO sy_tx" };
  static const char *const postgres_sql[] = { "BEGIN", "COMMIT", "ROLLBACK" };

  if (self->postgres)
    return exec_transaction_sql (self, postgres_sql[step], what, error);
  if (step == TX_ROLLBACK)
    return exec_transaction_sql (self, sqlite_sql[step], what, error)
           && exec_transaction_sql (self, sqlite_sql[TX_COMMIT], what, error);
  return exec_transaction_sql (self, sqlite_sql[step], what, error);
}

/* Undoes everything since the outermost begin and ends the transaction.
 * Errors are only logged: when SQLite has already rolled the transaction
 * back by itself (a full disk, an I/O error) the savepoint is gone too. */
static void
rollback_outermost (SyDatabase *self)
{
  g_autoptr(GError) error = NULL;

  if (!tx_sql (self, TX_ROLLBACK, _("rolling back"), &error))
    g_debug ("rollback: %s", error->message);
  self->tx_failed = FALSE;
  self->own_writes_pending = 0;
}

/* Called with own_lock held. */
static OwnWrites *
own_writes (SyDatabase *self)
{
  if (self->own == NULL)
    {
      const char *key = self->directory ? self->directory : "";

      if (own_groups == NULL)
        own_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->own = g_hash_table_lookup (own_groups, key);
      if (self->own == NULL)
        {
          self->own = g_new0 (OwnWrites, 1);
          self->own->generation = 1;
          g_hash_table_insert (own_groups, g_strdup (key), self->own);
        }
    }
  return self->own;
}

/* A commit's rows become visible to a poll at an instant between these two
 * calls; the change watcher judges no poll that overlaps one. */
static void
own_commit_begin (SyDatabase *self)
{
  OwnWrites *own;

  g_mutex_lock (&own_lock);
  own = own_writes (self);
  own->committing++;
  own->generation++;
  g_mutex_unlock (&own_lock);
}

static void
own_commit_end (SyDatabase *self, gint64 rows)
{
  OwnWrites *own;

  g_mutex_lock (&own_lock);
  own = own_writes (self);
  own->committed += rows;
  own->committing--;
  own->generation++;
  g_mutex_unlock (&own_lock);
}

gboolean
sy_database_begin (SyDatabase *self, GError **error)
{
  if (self->tx_depth > 0)
    {
      self->tx_depth++;
      return TRUE;
    }
  /* Every transaction here writes (reads need none): a reviewer's role is
   * told so before anything runs. */
  if (self->read_only)
    {
      set_read_only_error (self, error);
      return FALSE;
    }
  self->tx_depth++;

  self->tx_failed = FALSE;
  if (!tx_sql (self, TX_BEGIN, _("starting a transaction"), error))
    {
      self->tx_depth = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
sy_database_commit (SyDatabase *self, GError **error)
{
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (--self->tx_depth > 0)
    return TRUE;

  if (self->tx_failed)
    {
      rollback_outermost (self);
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED,
                   _("The changes were rolled back because a part of them failed"));
      return FALSE;
    }

  own_commit_begin (self);
  if (!tx_sql (self, TX_COMMIT, _("saving changes"), error))
    {
      own_commit_end (self, 0);
      /* A failed RELEASE (the database busy, say) leaves the transaction
       * open: end it, so that nothing of it is kept. */
      rollback_outermost (self);
      return FALSE;
    }
  own_commit_end (self, self->own_writes_pending);
  self->own_writes_pending = 0;
  return TRUE;
}

void
_sy_database_note_own_audit_rows (SyDatabase *self, gint64 n)
{
  if (self->tx_depth > 0)
    self->own_writes_pending += n;
  else
    {
      own_commit_begin (self);
      own_commit_end (self, n);
    }
}

gint64
sy_database_get_own_writes (SyDatabase *self, gint64 *generation)
{
  OwnWrites *own;
  gint64 count;

  g_return_val_if_fail (SY_IS_DATABASE (self), 0);

  g_mutex_lock (&own_lock);
  own = own_writes (self);
  count = own->committed;
  if (generation != NULL)
    *generation = own->committing > 0 ? 0 : own->generation;
  g_mutex_unlock (&own_lock);
  return count;
}

void
sy_database_set_own_writes_private (SyDatabase *self)
{
  g_return_if_fail (SY_IS_DATABASE (self));

  g_mutex_lock (&own_lock);
  if (!self->own_private)
    {
      self->own = g_new0 (OwnWrites, 1);
      self->own->generation = 1;
      self->own_private = TRUE;
    }
  g_mutex_unlock (&own_lock);
}

gboolean
sy_database_get_change_stamp (SyDatabase *self, gint64 *stamp, GError **error)
{
  g_return_val_if_fail (SY_IS_DATABASE (self), FALSE);
  /* The audit log's newest id: every change writes an audit row (records,
   * settings, the importer's bulk rows, link tables by hand), and the
   * primary key makes MAX(id) one index lookup on both dialects. */
  return sy_database_query_int64 (self, stamp, "SELECT MAX(id) FROM audit_log", error, NULL);
}

gboolean
sy_database_count_changes_since (SyDatabase *self, gint64 stamp, gint64 *count, GError **error)
{
  g_return_val_if_fail (SY_IS_DATABASE (self), FALSE);
  return sy_database_query_int64 (self, count,
                                  "SELECT COUNT(*) FROM audit_log WHERE id > ##stamp::gint64",
                                  error, "stamp", G_TYPE_INT64, stamp, NULL);
}

void
sy_database_rollback (SyDatabase *self)
{
  g_return_if_fail (self->tx_depth > 0);

  if (--self->tx_depth > 0)
    {
      /* An inner failure dooms the outer transaction: committing half of
       * a change would be worse than losing all of it. */
      self->tx_failed = TRUE;
      return;
    }
  rollback_outermost (self);
}

/* ---- records --------------------------------------------------------- */

static const char *
holder_type_for (SyFieldType type)
{
  switch (type)
    {
    case SY_FIELD_STRING:  return "string";
    case SY_FIELD_INT:     return "gint";
    case SY_FIELD_BOOLEAN: return "gint";
    case SY_FIELD_INT64:
    case SY_FIELD_REF:     return "gint64";
    default:               g_assert_not_reached ();
    }
}

GType
_sy_field_column_type (SyFieldType type)
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

static const char * const common_columns[] = {
  "id", "version", "created_at", "created_by", "updated_at", "updated_by", NULL
};

char *
sy_database_select_all_sql (GType type)
{
  g_autoptr(SyRecordClass) klass = g_type_class_ref (type);
  GString *sql = g_string_new ("SELECT ");
  guint n;
  const SyFieldSpec *fields = sy_record_class_get_fields (klass, &n);

  for (guint i = 0; common_columns[i]; i++)
    g_string_append_printf (sql, "%s%s", i ? ", " : "", common_columns[i]);
  for (guint i = 0; i < n; i++)
    if (!(fields[i].flags & SY_FIELD_DERIVED))
      g_string_append_printf (sql, ", %s", fields[i].name);
  g_string_append_printf (sql, " FROM %s", sy_record_class_get_entity_name (klass));
  return g_string_free (sql, FALSE);
}

GType *
_sy_database_column_types (GType record_type, const char * const *columns)
{
  g_autoptr(SyRecordClass) klass = g_type_class_ref (record_type);
  guint n = columns ? g_strv_length ((GStrv) columns) : 0;
  GType *types = g_new0 (GType, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const SyFieldSpec *spec = sy_record_class_find_field (klass, columns[i]);
      types[i] = spec ? _sy_field_column_type (spec->type) : G_TYPE_STRING;
    }
  types[n] = G_TYPE_NONE;
  return types;
}

const SyFieldSpec **
_sy_database_column_specs (GType record_type, GdaDataModel *model)
{
  g_autoptr(SyRecordClass) klass = g_type_class_ref (record_type);
  gint n = gda_data_model_get_n_columns (model);
  const SyFieldSpec **specs = g_new0 (const SyFieldSpec *, n + 1);

  for (gint i = 0; i < n; i++)
    {
      const char *name = gda_data_model_get_column_name (model, i);
      specs[i] = name ? sy_record_class_find_field (klass, name) : NULL;
    }
  return specs;
}

gpointer
_sy_database_record_from_row (GType               record_type,
                              GdaDataModel       *model,
                              gint                row,
                              const SyFieldSpec **specs)
{
  SyRecord *record = g_object_new (record_type, NULL);
  gint n = gda_data_model_get_n_columns (model);

  for (gint col = 0; col < n; col++)
    {
      const SyFieldSpec *spec = specs[col];
      const GValue *v;
      g_auto(GValue) field = G_VALUE_INIT;

      if (!spec)
        continue;
      v = gda_data_model_get_value_at (model, col, row, NULL);
      if (!v || G_VALUE_HOLDS (v, GDA_TYPE_NULL))
        continue;

      sy_record_get_field_value (record, spec, &field);  /* initialises the right type */
      if (g_value_transform (v, &field))
        sy_record_set_field_value (record, spec, &field);
      else
        g_warning ("cannot read column %s (%s) into a %s field", spec->name,
                   G_VALUE_TYPE_NAME (v), G_VALUE_TYPE_NAME (&field));
    }
  return record;
}

static void
add_field_param (GArray *params, SyRecord *record, const SyFieldSpec *spec)
{
  g_auto(GValue) v = G_VALUE_INIT;

  sy_record_get_field_value (record, spec, &v);
  switch (spec->type)
    {
    case SY_FIELD_STRING:
      if (g_value_get_string (&v))
        g_value_set_string (params_add (params, spec->name, G_TYPE_STRING), g_value_get_string (&v));
      else
        params_add (params, spec->name, G_TYPE_NONE);
      break;
    case SY_FIELD_REF:
      if (g_value_get_int64 (&v))
        g_value_set_int64 (params_add (params, spec->name, G_TYPE_INT64), g_value_get_int64 (&v));
      else
        params_add (params, spec->name, G_TYPE_NONE);
      break;
    case SY_FIELD_INT64:
      g_value_set_int64 (params_add (params, spec->name, G_TYPE_INT64), g_value_get_int64 (&v));
      break;
    case SY_FIELD_INT:
      g_value_set_int (params_add (params, spec->name, G_TYPE_INT), g_value_get_int (&v));
      break;
    case SY_FIELD_BOOLEAN:
      g_value_set_int (params_add (params, spec->name, G_TYPE_INT), g_value_get_boolean (&v) ? 1 : 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
write_audit (SyDatabase *self,
             const char *action,
             const char *entity,
             gint64      entity_id,
             const char *old_values,
             const char *new_values,
             GError    **error)
{
  g_autofree char *now = sy_database_now ();

  return sy_database_execute (self,
                              "INSERT INTO audit_log (at, actor, db_role, action, entity, entity_id, old_values, new_values) "
                              "VALUES (##at::string, ##actor::string, ##role::string::null, ##action::string, "
                              "##entity::string, ##entity_id::gint64, ##old::string::null, ##new::string::null)",
                              error,
                              "at", G_TYPE_STRING, now,
                              "actor", G_TYPE_STRING, self->actor,
                              "role", G_TYPE_STRING, self->role,
                              "action", G_TYPE_STRING, action,
                              "entity", G_TYPE_STRING, entity,
                              "entity_id", G_TYPE_INT64, entity_id,
                              "old", G_TYPE_STRING, old_values,
                              "new", G_TYPE_STRING, new_values,
                              NULL) >= 0;
}

gboolean
sy_database_audit_event (SyDatabase *self,
                         const char *action,
                         const char *entity,
                         gint64      entity_id,
                         const char *details,
                         GError    **error)
{
  g_return_val_if_fail (SY_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (action != NULL && entity != NULL, FALSE);

  if (self->read_only)
    {
      set_read_only_error (self, error);
      return FALSE;
    }
  return write_audit (self, action, entity, entity_id, NULL, details, error);
}

static gboolean
last_insert_id (SyDatabase *self, gint64 *id, GError **error)
{
  /* lastval() is the session's latest identity value: other desks'
   * inserts do not move it. */
  return sy_database_query_int64 (self, id, sy_database_sql (self, "SELECT last_insert_rowid()",
                                                             "SELECT lastval()"),
                                  error, NULL);
}

static char *
insert_sql_for (SyRecordClass *klass)
{
  GString *cols = g_string_new ("version, created_at, created_by, updated_at, updated_by");
  GString *vals = g_string_new ("1, ##created_at::string, ##created_by::string, "
                                "##created_at::string, ##created_by::string");
  guint n;
  const SyFieldSpec *fields = sy_record_class_get_fields (klass, &n);

  for (guint i = 0; i < n; i++)
    {
      if (fields[i].flags & SY_FIELD_DERIVED)
        continue;
      g_string_append_printf (cols, ", %s", fields[i].name);
      g_string_append_printf (vals, ", ##%s::%s::null", fields[i].name, holder_type_for (fields[i].type));
    }
  {
    char *sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", klass->entity_name,
                                 cols->str, vals->str);
    g_string_free (cols, TRUE);
    g_string_free (vals, TRUE);
    return sql;
  }
}

static char *
update_sql_for (SyRecordClass *klass)
{
  GString *sets = g_string_new ("version = version + 1, updated_at = ##updated_at::string, "
                                "updated_by = ##updated_by::string");
  guint n;
  const SyFieldSpec *fields = sy_record_class_get_fields (klass, &n);

  for (guint i = 0; i < n; i++)
    {
      if (fields[i].flags & SY_FIELD_DERIVED)
        continue;
      g_string_append_printf (sets, ", %s = ##%s::%s::null", fields[i].name, fields[i].name,
                              holder_type_for (fields[i].type));
    }
  {
    char *sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ##id::gint64 AND version = ##version::gint64",
                                 klass->entity_name, sets->str);
    g_string_free (sets, TRUE);
    return sql;
  }
}

/* The SQL of a record class is built once per class and kept for the life of
 * the process (classes are never unloaded). */
static const char *
class_sql (GHashTable **cache, SyRecordClass *klass, char *(*build) (SyRecordClass *))
{
  static GMutex lock;
  const char *sql;

  g_mutex_lock (&lock);
  if (!*cache)
    *cache = g_hash_table_new (NULL, NULL);
  sql = g_hash_table_lookup (*cache, klass);
  if (!sql)
    {
      sql = build (klass);
      g_hash_table_insert (*cache, klass, (gpointer) sql);
    }
  g_mutex_unlock (&lock);
  return sql;
}

static GHashTable *insert_sql_cache, *update_sql_cache;

static gboolean
check_writable (SyRecord *record, gboolean need_id, GError **error)
{
  SyRecordClass *klass = SY_RECORD_GET_CLASS (record);

  g_return_val_if_fail (klass->entity_name != NULL, FALSE);
  if (need_id && sy_record_get_id (record) <= 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("The record has not been saved yet"));
      return FALSE;
    }
  return TRUE;
}

static void
set_stamp (SyRecord *record, const char *field, const char *value)
{
  g_object_set (record, field, value, NULL);
}

gboolean
sy_database_insert (SyDatabase *self, SyRecord *record, GError **error)
{
  SyRecordClass *klass = SY_RECORD_GET_CLASS (record);
  g_autoptr(GArray) params = params_new ();
  g_autofree char *now = sy_database_now ();
  g_autofree char *json = NULL;
  const char *sql;
  guint n;
  const SyFieldSpec *fields;
  gint64 id = 0;

  if (!check_writable (record, FALSE, error))
    return FALSE;
  if (!sy_record_check_lengths (record, error))
    return FALSE;

  sql = class_sql (&insert_sql_cache, klass, insert_sql_for);
  g_value_set_string (params_add (params, "created_at", G_TYPE_STRING), now);
  g_value_set_string (params_add (params, "created_by", G_TYPE_STRING), self->actor);
  fields = sy_record_class_get_fields (klass, &n);
  for (guint i = 0; i < n; i++)
    if (!(fields[i].flags & SY_FIELD_DERIVED))
      add_field_param (params, record, &fields[i]);

  if (!sy_database_begin (self, error))
    return FALSE;
  if (execute_with_params (self, sql, params, error) < 0
      || !last_insert_id (self, &id, error))
    goto fail;

  json = sy_record_to_json (record);
  if (!write_audit (self, "insert", klass->entity_name, id, NULL, json, error))
    goto fail;
  if (!sy_database_commit (self, error))
    return FALSE;

  sy_record_set_id (record, id);
  sy_record_set_version (record, 1);
  set_stamp (record, "created_at", now);
  set_stamp (record, "created_by", self->actor);
  set_stamp (record, "updated_at", now);
  set_stamp (record, "updated_by", self->actor);
  return TRUE;

fail:
  sy_database_rollback (self);
  return FALSE;
}

/* A field as text, as sy_record_to_json() writes it (NULL for SQL NULL). */
static char *
field_text (SyRecord *record, const SyFieldSpec *spec)
{
  g_auto(GValue) value = G_VALUE_INIT;

  sy_record_get_field_value (record, spec, &value);
  switch (spec->type)
    {
    case SY_FIELD_STRING:
      return g_value_dup_string (&value);
    case SY_FIELD_INT:
      return g_strdup_printf ("%d", g_value_get_int (&value));
    case SY_FIELD_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value));
    case SY_FIELD_REF:
      return g_value_get_int64 (&value) ? g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value))
                                        : NULL;
    case SY_FIELD_BOOLEAN:
      return g_strdup (g_value_get_boolean (&value) ? "true" : "false");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_bookkeeping_field (const char *name)
{
  static const char *const names[] = { "id", "version", "created_at", "created_by",
                                       "updated_at", "updated_by" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      return TRUE;
  return FALSE;
}

/* Values in a message a desk reads: ID numbers and phones masked as the
 * lists show them, long texts cut. */
static char *
shown_value (const char *name, const char *text)
{
  g_autofree char *masked = NULL;

  if (!text || !*text)
    return g_strdup (_("(empty)"));
  if (g_str_equal (name, "id_number"))
    masked = sy_mask_id_number (text);
  else if (g_str_equal (name, "phone") || g_str_equal (name, "account"))
    masked = sy_mask_phone (text);
  if (masked)
    return g_strdup_printf ("“%s”", masked);
  if (g_utf8_strlen (text, -1) > 30)
    {
      g_autofree char *head = g_utf8_substring (text, 0, 30);
      return g_strdup_printf ("“%s…”", head);
    }
  return g_strdup_printf ("“%s”", text);
}

/* What the other desk changed: the fields that differ between the state
 * this save started from (from the audit log) and the row as stored now, as
 * "label “old” → “new”"; NULL when the audit log does not tell. */
static char *
describe_other_change (SyDatabase *self, SyRecord *record, SyRecord *current)
{
  static const GType one_text[] = { G_TYPE_STRING, G_TYPE_NONE };
  SyRecordClass *klass = SY_RECORD_GET_CLASS (record);
  const char *entity = sy_record_class_get_entity_name (klass);
  const SyFieldSpec *fields;
  g_autoptr(GdaDataModel) opened = NULL;
  g_autoptr(GdaDataModel) values = NULL;
  g_autoptr(GString) select = g_string_new ("SELECT ");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autofree GType *types = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sql = NULL;
  const char *json;
  gint64 skip;
  guint n, n_changed = 0;

  /* Every version step writes one "update" audit row whose old values
   * are the state before it: the opened state is the old values of the
   * (stored − opened)-th newest. */
  skip = sy_record_get_version (current) - sy_record_get_version (record) - 1;
  if (skip < 0)
    return NULL;
  sql = g_strdup_printf ("SELECT old_values FROM audit_log WHERE entity = ##e::string "
                         "AND entity_id = ##id::gint64 AND action = 'update' "
                         "ORDER BY id DESC LIMIT 1 OFFSET %" G_GINT64_FORMAT, skip);
  opened = sy_database_select (self, sql, one_text, &local_error,
                               "e", G_TYPE_STRING, entity,
                               "id", G_TYPE_INT64, sy_record_get_id (record), NULL);
  if (!opened)
    g_debug ("Cannot read what the other desk changed: %s", local_error->message);
  if (!opened || gda_data_model_get_n_rows (opened) < 1
      || !(json = _sy_model_get_string (opened, 0, 0)))
    return NULL;

  /* Every field of that state as text, in one statement. */
  fields = sy_record_class_get_fields (klass, &n);
  for (guint i = 0; i < n; i++)
    {
      if ((fields[i].flags & SY_FIELD_DERIVED) || is_bookkeeping_field (fields[i].name))
        continue;
      g_string_append_printf (select, "%s", shown->len ? ", " : "");
      g_string_append_printf (select,
                              sy_database_is_postgres (self)
                                ? "json_extract_path_text (o.j, '%s')"
                                : "CAST (json_extract (o.j, '$.%s') AS TEXT)",
                              fields[i].name);
      g_ptr_array_add (shown, (gpointer) &fields[i]);
    }
  if (shown->len == 0)
    return NULL;
  /* libgda's parser takes a cast parameter only in a FROM. */
  g_string_append (select, sy_database_sql (self, " FROM (SELECT ##j::string AS j) o",
                                            " FROM (SELECT CAST (##j::string AS json) AS j) o"));
  types = g_new (GType, shown->len + 1);
  for (guint i = 0; i < shown->len; i++)
    types[i] = G_TYPE_STRING;
  types[shown->len] = G_TYPE_NONE;
  values = sy_database_select (self, select->str, types, &local_error, "j", G_TYPE_STRING, json, NULL);
  if (!values)
    g_debug ("Cannot read what the other desk changed: %s", local_error->message);
  if (!values || gda_data_model_get_n_rows (values) < 1)
    return NULL;

  for (guint i = 0; i < shown->len; i++)
    {
      const SyFieldSpec *spec = shown->pdata[i];
      const char *before = _sy_model_get_string (values, i, 0);
      g_autofree char *now = field_text (current, spec);
      g_autofree char *before_shown = NULL;
      g_autofree char *now_shown = NULL;

      /* SQLite's json_extract gives 1/0 for true/false. */
      if (spec->type == SY_FIELD_BOOLEAN && before)
        before = (g_str_equal (before, "1") || g_str_equal (before, "true")) ? "true" : "false";
      if (g_strcmp0 (before, now) == 0)
        continue;
      if (++n_changed > 4)
        continue;
      before_shown = shown_value (spec->name, before);
      now_shown = shown_value (spec->name, now);
      g_string_append_printf (out, "%s%s %s → %s", out->len ? _("; ") : "",
                              spec->label ? _(spec->label) : spec->name, before_shown, now_shown);
    }
  if (n_changed > 4)
    g_string_append_printf (out, _("; %u more"), n_changed - 4);
  return n_changed ? g_strdup (out->str) : NULL;
}

/* Explains a failed versioned write: the row is gone, or another desk (or
 * window) saved it in between — and what that desk changed, so the user
 * can judge whether to apply their own change again. */
static void
set_conflict_error (SyDatabase *self, SyRecord *record, GError **error)
{
  g_autoptr(SyRecord) current = sy_database_load (self, G_OBJECT_TYPE (record),
                                                  sy_record_get_id (record), NULL);
  g_autofree char *changes = NULL;

  if (!current)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND,
                   _("The record was deleted by someone else in the meantime"));
      return;
    }
  changes = describe_other_change (self, record, current);
  if (changes)
    g_set_error (error, SY_ERROR, SY_ERROR_CONFLICT,
                 _("The record was changed by %s at %s after you opened it: %s. "
                   "Reload it and apply your change again"),
                 sy_record_get_updated_by (current), sy_record_get_updated_at (current), changes);
  else
    g_set_error (error, SY_ERROR, SY_ERROR_CONFLICT,
                 _("The record was changed by %s at %s after you opened it; reload it and apply your change again"),
                 sy_record_get_updated_by (current), sy_record_get_updated_at (current));
}

gboolean
sy_database_update (SyDatabase *self, SyRecord *record, GError **error)
{
  SyRecordClass *klass = SY_RECORD_GET_CLASS (record);
  g_autoptr(GArray) params = params_new ();
  g_autoptr(SyRecord) old = NULL;
  g_autofree char *now = sy_database_now ();
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  guint n;
  const SyFieldSpec *fields;
  gint affected;

  if (!check_writable (record, TRUE, error))
    return FALSE;
  if (!sy_record_check_lengths (record, error))
    return FALSE;

  if (!sy_database_begin (self, error))
    return FALSE;

  old = sy_database_load (self, G_OBJECT_TYPE (record), sy_record_get_id (record), NULL);
  g_value_set_string (params_add (params, "updated_at", G_TYPE_STRING), now);
  g_value_set_string (params_add (params, "updated_by", G_TYPE_STRING), self->actor);
  g_value_set_int64 (params_add (params, "id", G_TYPE_INT64), sy_record_get_id (record));
  g_value_set_int64 (params_add (params, "version", G_TYPE_INT64), sy_record_get_version (record));
  fields = sy_record_class_get_fields (klass, &n);
  for (guint i = 0; i < n; i++)
    if (!(fields[i].flags & SY_FIELD_DERIVED))
      add_field_param (params, record, &fields[i]);

  affected = execute_with_params (self, class_sql (&update_sql_cache, klass, update_sql_for),
                                  params, error);
  if (affected < 0)
    goto fail;
  if (affected == 0)
    {
      set_conflict_error (self, record, error);
      goto fail;
    }

  old_json = old ? sy_record_to_json (old) : NULL;
  new_json = sy_record_to_json (record);
  if (!write_audit (self, "update", klass->entity_name, sy_record_get_id (record),
                    old_json, new_json, error))
    goto fail;
  if (!sy_database_commit (self, error))
    return FALSE;

  sy_record_set_version (record, sy_record_get_version (record) + 1);
  set_stamp (record, "updated_at", now);
  set_stamp (record, "updated_by", self->actor);
  return TRUE;

fail:
  sy_database_rollback (self);
  return FALSE;
}

gboolean
sy_database_delete (SyDatabase *self, SyRecord *record, GError **error)
{
  SyRecordClass *klass = SY_RECORD_GET_CLASS (record);
  g_autofree char *sql = NULL;
  g_autofree char *old_json = NULL;
  gint affected;

  if (!check_writable (record, TRUE, error))
    return FALSE;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ##id::gint64 AND version = ##version::gint64",
                         klass->entity_name);
  if (!sy_database_begin (self, error))
    return FALSE;

  {
    g_autoptr(SyRecord) old = sy_database_load (self, G_OBJECT_TYPE (record),
                                                sy_record_get_id (record), NULL);
    old_json = old ? sy_record_to_json (old) : NULL;
  }

  affected = sy_database_execute (self, sql, error,
                                  "id", G_TYPE_INT64, sy_record_get_id (record),
                                  "version", G_TYPE_INT64, sy_record_get_version (record),
                                  NULL);
  if (affected < 0)
    goto fail;
  if (affected == 0)
    {
      set_conflict_error (self, record, error);
      goto fail;
    }
  if (!write_audit (self, "delete", klass->entity_name, sy_record_get_id (record),
                    old_json, NULL, error))
    goto fail;
  return sy_database_commit (self, error);

fail:
  sy_database_rollback (self);
  return FALSE;
}

static GListModel *
list_with_params (SyDatabase *self, GType type, const char *sql, GArray *params, GError **error)
{
  CachedStatement *cs = get_statement (self, sql, error);
  g_autofree GType *types = NULL;
  g_autofree const SyFieldSpec **specs = NULL;
  g_autoptr(GdaDataModel) model = NULL;
  GListStore *store;
  gint rows;

  if (!cs)
    return NULL;
  types = _sy_database_column_types (type, (const char * const *) cs->columns);
  model = select_with_params (self, sql, types, params, NULL, error);
  if (!model)
    return NULL;

  specs = _sy_database_column_specs (type, model);
  store = g_list_store_new (type);
  rows = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < rows; r++)
    {
      g_autoptr(GObject) record = _sy_database_record_from_row (type, model, r, specs);
      g_list_store_append (store, record);
    }
  return G_LIST_MODEL (store);
}

GListModel *
sy_database_list (SyDatabase *self, GType type, const char *sql, GError **error, ...)
{
  va_list args;
  g_autoptr(GArray) params = NULL;

  va_start (args, error);
  params = params_from_va (args);
  va_end (args);

  return list_with_params (self, type, sql, params, error);
}

GdaDataModel *
_sy_database_select_records (SyDatabase  *self,
                             GType        type,
                             const char  *sql,
                             va_list      args,
                             GError     **error)
{
  g_autoptr(GArray) params = params_from_va (args);
  CachedStatement *cs = get_statement (self, sql, error);
  g_autofree GType *types = NULL;

  if (!cs)
    return NULL;
  types = _sy_database_column_types (type, (const char * const *) cs->columns);
  return select_with_params (self, sql, types, params, NULL, error);
}

/* SyStoreParam (store/'s typed parameter arrays) → the internal form. */
static GArray *
params_from_store (GArray *store_params)
{
  GArray *params = params_new ();

  for (guint i = 0; store_params && i < store_params->len; i++)
    {
      SyStoreParam *sp = &g_array_index (store_params, SyStoreParam, i);

      /* A NULL string is SQL NULL, as in params_from_va(). */
      if (G_VALUE_HOLDS_STRING (&sp->value) && !g_value_get_string (&sp->value))
        params_add (params, sp->name, G_TYPE_NONE);
      else
        g_value_copy (&sp->value, params_add (params, sp->name, G_VALUE_TYPE (&sp->value)));
    }
  return params;
}

gint
_sy_database_execute_params (SyDatabase *self, const char *sql, GArray *store_params, GError **error)
{
  g_autoptr(GArray) params = params_from_store (store_params);

  return execute_with_params (self, sql, params, error);
}

GdaDataModel *
_sy_database_select_records_params (SyDatabase  *self,
                                    GType        type,
                                    const char  *sql,
                                    GArray      *store_params,
                                    GError     **error)
{
  g_autoptr(GArray) params = params_from_store (store_params);
  CachedStatement *cs = get_statement (self, sql, error);
  g_autofree GType *types = NULL;

  if (!cs)
    return NULL;
  types = _sy_database_column_types (type, (const char * const *) cs->columns);
  return select_with_params (self, sql, types, params, NULL, error);
}

gboolean
_sy_database_query_int64_params (SyDatabase *self, gint64 *value, const char *sql,
                                 GArray *store_params, GError **error)
{
  g_autoptr(GArray) params = params_from_store (store_params);
  g_autoptr(GdaDataModel) model = NULL;
  static const GType types[] = { G_TYPE_INT64, G_TYPE_NONE };

  *value = 0;
  model = select_with_params (self, sql, types, params, NULL, error);
  if (!model)
    return FALSE;
  if (gda_data_model_get_n_rows (model) > 0)
    value_to_int64 (gda_data_model_get_value_at (model, 0, 0, NULL), value);
  return TRUE;
}

gpointer
sy_database_load (SyDatabase *self, GType type, gint64 id, GError **error)
{
  g_autofree char *base = sy_database_select_all_sql (type);
  g_autofree char *sql = g_strconcat (base, " WHERE id = ##id::gint64", NULL);
  g_autoptr(GListModel) list = sy_database_list (self, type, sql, error,
                                                 "id", G_TYPE_INT64, id, NULL);

  if (!list)
    return NULL;
  if (g_list_model_get_n_items (list) == 0)
    {
      /* The id goes in as text: xgettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND,
                   _("No %s with id %s exists"), g_type_name (type), id_text);
      return NULL;
    }
  return g_list_model_get_item (list, 0);
}

/* ---- settings -------------------------------------------------------- */

char *
sy_database_get_setting (SyDatabase *self, const char *key)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = NULL;
  const GValue *v;

  model = sy_database_select (self, "SELECT value FROM setting WHERE key = ##key::string",
                              types, NULL, "key", G_TYPE_STRING, key, NULL);
  if (!model || gda_data_model_get_n_rows (model) < 1)
    return NULL;
  v = gda_data_model_get_value_at (model, 0, 0, NULL);
  return v && G_VALUE_HOLDS_STRING (v) ? g_value_dup_string (v) : NULL;
}

gboolean
sy_database_set_setting (SyDatabase *self, const char *key, const char *value, GError **error)
{
  g_autofree char *old = sy_database_get_setting (self, key);
  gint n;

  if (!sy_database_begin (self, error))
    return FALSE;
  n = sy_database_execute (self, "UPDATE setting SET value = ##value::string::null WHERE key = ##key::string",
                           error, "value", G_TYPE_STRING, value, "key", G_TYPE_STRING, key, NULL);
  if (n == 0)
    n = sy_database_execute (self, "INSERT INTO setting (key, value) VALUES (##key::string, ##value::string::null)",
                             error, "key", G_TYPE_STRING, key, "value", G_TYPE_STRING, value, NULL);
  if (n < 0 || !write_audit (self, "update", "setting", 0, old, value, error))
    {
      sy_database_rollback (self);
      return FALSE;
    }
  return sy_database_commit (self, error);
}

gboolean
sy_database_is_empty (SyDatabase *self)
{
  gint64 n = 0;

  /* Empty means no office data of any kind: a database that only holds an
   * imported roster must never be taken for a first start (and get demo
   * records mixed into it). */
  if (!sy_database_query_int64 (self, &n,
                                "SELECT (SELECT COUNT(*) FROM unit) + (SELECT COUNT(*) FROM recipient) "
                                "+ (SELECT COUNT(*) FROM plan) + (SELECT COUNT(*) FROM event) "
                                "+ (SELECT COUNT(*) FROM document) + (SELECT COUNT(*) FROM subsidy_standard) "
                                "+ (SELECT COUNT(*) FROM disbursement_batch)",
                                NULL, NULL))
    return FALSE;
  return n == 0;
}

/* ---- opening and migrations ----------------------------------------- */

int
sy_database_get_known_schema_version (void)
{
  ensure_initialized ();
  g_auto(GStrv) children = g_resources_enumerate_children (MIGRATIONS_PATH,
                                                           G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  int max = 0;

  for (guint i = 0; children && children[i]; i++)
    max = MAX (max, atoi (children[i]));
  return max;
}

static gboolean
exec_raw (SyDatabase *self, const char *sql, GError **error)
{
  g_autoptr(GError) local_error = NULL;

  /* DDL returns -2 on SQLite even on success (TOOLCHAIN.md): judge by the error. */
  gda_connection_execute_non_select_command (self->cnc, sql, &local_error);
  if (local_error)
    {
      set_database_error (error, local_error, _("updating the database structure"));
      return FALSE;
    }
  return TRUE;
}

/* Reads the schema version without writing anything, so a database from a
 * newer version can be refused untouched.  No schema_migration table means a
 * new, empty database. */
static int
read_schema_version (SyDatabase *self)
{
  gint64 v = 0;

  if (!sy_database_query_int64 (self, &v, "SELECT MAX(version) FROM schema_migration", NULL, NULL))
    return 0;
  return (int) v;
}

static gboolean
apply_migration (SyDatabase *self, int version, GError **error)
{
  g_autofree char *path = g_strdup_printf (MIGRATIONS_PATH "/%04d.sql", version);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GString) script = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) statements = NULL;
  g_autofree char *now = sy_database_now ();
  GString *clean = g_string_new (NULL);
  gboolean skip = FALSE;

  if (!bytes)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED, _("Migration %d is missing from this build"), version);
      g_string_free (clean, TRUE);
      return FALSE;
    }

  script = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_string_replace (script, "@PK@", sy_database_sql (self, "INTEGER PRIMARY KEY AUTOINCREMENT",
                                                     "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"), 0);
  {
    /* The migration's time, as the application writes times. */
    g_autofree char *quoted_now = g_strdup_printf ("'%s'", now);
    g_string_replace (script, "@NOW@", quoted_now, 0);
  }

  /* Drop comment lines so statements can be split on ';', and the lines of
   * the other dialect: "-- @sqlite" or "-- @postgresql" starts a block of
   * one dialect's statements, "-- @end" ends it. */
  lines = g_strsplit (script->str, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, "-- @"))
        {
          const char *marker = line + 4;

          if (g_str_equal (marker, "end"))
            skip = FALSE;
          else if (g_str_equal (marker, "sqlite") || g_str_equal (marker, "postgresql"))
            skip = g_str_equal (marker, "postgresql") != self->postgres;
          else
            g_error ("migration %d: unknown marker %s", version, line);
          continue;
        }
      if (!skip && !g_str_has_prefix (line, "--"))
        g_string_append_printf (clean, "%s\n", lines[i]);
    }

  statements = g_strsplit (clean->str, ";", -1);
  g_string_free (clean, TRUE);
  for (guint i = 0; statements[i]; i++)
    {
      g_autoptr(GString) stmt = g_string_new (g_strstrip (statements[i]));

      /* A trigger body holds ';'-ended statements: rejoin up to its END. */
      if (g_ascii_strncasecmp (stmt->str, "CREATE TRIGGER", 14) == 0)
        while (statements[i + 1] && !g_str_has_suffix (stmt->str, "\nEND")
               && !g_str_has_suffix (stmt->str, " END"))
          g_string_append_printf (stmt, ";\n%s", g_strstrip (statements[++i]));
      if (stmt->len && !exec_raw (self, stmt->str, error))
        return FALSE;
    }

  return sy_database_execute (self,
                              "INSERT INTO schema_migration (version, applied_at) "
                              "VALUES (##version::gint, ##at::string)",
                              error, "version", G_TYPE_INT, version, "at", G_TYPE_STRING, now,
                              NULL) >= 0;
}

static gboolean
migrate (SyDatabase *self, GError **error)
{
  int known = sy_database_get_known_schema_version ();
  int current = read_schema_version (self);

  if (current > known)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW,
                   _("The database in %s was written by a newer version of this application "
                     "(schema %d, this version knows up to %d). It was left untouched; "
                     "please update the application."),
                   self->directory, current, known);
      return FALSE;
    }

  if (current == known)
    {
      self->schema_version = current;
      return TRUE;
    }

  if (!sy_database_begin (self, error))
    return FALSE;
  if (!exec_raw (self, "CREATE TABLE IF NOT EXISTS schema_migration ("
                       "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", error))
    {
      sy_database_rollback (self);
      return FALSE;
    }
  for (int v = current + 1; v <= known; v++)
    if (!apply_migration (self, v, error))
      {
        sy_database_rollback (self);
        return FALSE;
      }
  if (!sy_database_commit (self, error))
    return FALSE;

  self->schema_version = known;
  return TRUE;
}

static gboolean
set_pragmas (SyDatabase *self, GError **error)
{
  static const char *pragmas[] = {
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA busy_timeout = 5000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GdaDataModel) m = gda_connection_execute_select_command (self->cnc, pragmas[i], &local_error);

      if (local_error && !m)
        {
          /* Some PRAGMAs return no rows; only a real error matters. */
          g_autoptr(GError) e2 = NULL;
          gda_connection_execute_non_select_command (self->cnc, pragmas[i], &e2);
          if (e2)
            {
              set_database_error (error, e2, _("configuring the database"));
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* PostgreSQL: who this desk is on the server, and whether the role may
 * write at all (a reviewer's read-only role).  A role that cannot insert
 * into audit_log can change nothing: every change writes an audit row. */
static gboolean
read_role (SyDatabase *self, GError **error)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = NULL;
  const GValue *v;

  model = sy_database_select (self,
                              "SELECT CAST (current_user AS TEXT) AS role, "
                              "current_setting ('transaction_read_only') AS ro, "
                              "CASE WHEN to_regclass ('audit_log') IS NULL THEN 1 "
                              "WHEN has_table_privilege ('audit_log', 'INSERT') THEN 1 ELSE 0 END AS can",
                              types, error, NULL);
  if (!model || gda_data_model_get_n_rows (model) < 1)
    return FALSE;
  v = gda_data_model_get_value_at (model, 0, 0, NULL);
  self->role = v && G_VALUE_HOLDS_STRING (v) ? g_value_dup_string (v) : g_strdup ("");
  v = gda_data_model_get_value_at (model, 1, 0, NULL);
  self->read_only = v && G_VALUE_HOLDS_STRING (v) && g_str_equal (g_value_get_string (v), "on");
  v = gda_data_model_get_value_at (model, 2, 0, NULL);
  if (v && G_VALUE_HOLDS_INT (v) && g_value_get_int (v) == 0)
    self->read_only = TRUE;
  return TRUE;
}

/* Everything after the connection: the parser, the migrations, the
 * session settings and the attachments. */
static gboolean
finish_open (SyDatabase *self, GError **error)
{
  g_autofree char *attach_dir = NULL;

  self->parser = gda_connection_create_parser (self->cnc);
  if (!self->parser)
    self->parser = gda_sql_parser_new ();

  /* migrate() refuses a newer schema before anything is written; the
   * PRAGMAs (journal mode) come after for that reason.  The role comes
   * first: a read-only role cannot migrate. */
  if (self->postgres && !read_role (self, error))
    return FALSE;
  if (!migrate (self, error))
    return FALSE;
  if (!self->postgres && !set_pragmas (self, error))
    return FALSE;

  attach_dir = g_build_filename (self->files_dir, "attachments", NULL);
  self->attachments = sy_attachment_store_new (self, attach_dir);
  return TRUE;
}

static gboolean
make_private_dir (const char *dir, GError **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot create the database folder %s: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static SyDatabase *
open_sqlite (const char *directory, GError **error)
{
  g_autoptr(SyDatabase) self = g_object_new (SY_TYPE_DATABASE, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *enc_dir = NULL;
  g_autofree char *cnc_string = NULL;

  ensure_initialized ();

  self->directory = directory && *directory ? g_canonicalize_filename (directory, NULL)
                                            : sy_database_default_directory ();
  self->files_dir = g_strdup (self->directory);
  if (!make_private_dir (self->directory, error))
    return NULL;

  enc_dir = gda_rfc1738_encode (self->directory);
  cnc_string = g_strdup_printf ("DB_DIR=%s;DB_NAME=office", enc_dir);
  self->cnc = gda_connection_open_from_string ("SQLite", cnc_string, NULL,
                                               GDA_CONNECTION_OPTIONS_NONE, &local_error);
  if (!self->cnc)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_DATABASE, _("Cannot open the database in %s: %s"),
                   self->directory, local_error ? local_error->message : _("unknown error"));
      return NULL;
    }
  {
    g_autofree char *db_file = g_build_filename (self->directory, "office.db", NULL);
    g_chmod (db_file, 0600);
  }

  if (!finish_open (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
sy_database_location_is_postgres (const char *location)
{
  return location && (g_str_has_prefix (location, "postgresql://")
                      || g_str_has_prefix (location, "postgres://"));
}

gboolean
sy_database_require_local (const char *location, GError **error)
{
  if (!sy_database_location_is_postgres (location))
    return TRUE;
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("This needs a local database folder, not the shared database %s"), location);
  return FALSE;
}

/* "KEY=value;" with the value escaped: a password may hold ; = @ %. */
static void
append_cnc_value (GString *out, const char *key, const char *value)
{
  g_autofree char *enc = NULL;

  if (!value || !*value)
    return;
  enc = gda_rfc1738_encode (value);
  g_string_append_printf (out, "%s%s=%s", out->len ? ";" : "", key, enc);
}

/* The local folder of a server database's files (attachments, caches):
 * one per server and database, under the default folder. */
static char *
postgres_files_dir (const char *host, int port, const char *dbname)
{
  g_autofree char *raw = g_strdup_printf ("%s_%d_%s", host ? host : "", port, dbname);
  g_autofree char *base = sy_database_default_directory ();

  g_strcanon (raw, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.", '_');
  return g_build_filename (base, "servers", raw, NULL);
}

/* Passwords given in a URI, by the URI without them: worker threads
 * reopen the database by sy_database_get_directory(), which never holds
 * the password.  Kept for the life of the process, as the connection
 * itself needs it. */
static GMutex passwords_lock;
static GHashTable *passwords;

static void
remember_password (const char *location, const char *password)
{
  g_mutex_lock (&passwords_lock);
  if (!passwords)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (passwords, g_strdup (location), g_strdup (password));
  g_mutex_unlock (&passwords_lock);
}

static char *
recall_password (const char *location)
{
  char *password = NULL;

  g_mutex_lock (&passwords_lock);
  if (passwords)
    password = g_strdup (g_hash_table_lookup (passwords, location));
  g_mutex_unlock (&passwords_lock);
  return password;
}

/* Whether libpq's reason for a failed connection is the server refusing
 * the user name or password (asking for one again can help), rather than
 * a server that is down or a database that does not exist.  The server's
 * words are in its own language (lc_messages): English and Chinese. */
static gboolean
is_auth_failure (const char *message)
{
  static const char *const reasons[] = {
    "password authentication failed",    /* md5, scram-sha-256, password */
    "no password supplied",              /* libpq: none given, one needed */
    "Password 认证失败",                  /* the same, zh_CN server */
  };

  for (guint i = 0; message && i < G_N_ELEMENTS (reasons); i++)
    if (strstr (message, reasons[i]))
      return TRUE;
  return FALSE;
}

/* "user@host:port/dbname" of a server database, never the password. */
static char *
describe_server (const char *user, const char *host, int port, const char *dbname)
{
  return g_strdup_printf ("%s@%s:%d/%s", user ? user : g_get_user_name (), host ? host : "localhost",
                          port, dbname);
}

static SyDatabase *
open_postgres (const char *location, const char *given_password, GError **error)
{
  g_autoptr(SyDatabase) self = g_object_new (SY_TYPE_DATABASE, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) cnc = g_string_new (NULL);
  g_autoptr(GString) auth = g_string_new (NULL);
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *port_text = NULL;
  const char *host, *path, *env_password;
  gboolean remember;
  int port;

  ensure_initialized ();

  uri = g_uri_parse (location, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_NON_DNS, &local_error);
  path = uri ? g_uri_get_path (uri) : NULL;
  if (!uri || !path || path[0] != '/' || path[1] == '\0' || strchr (path + 1, '/'))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Not a database address: %s (expected postgresql://user@host:port/database)"),
                   location);
      return NULL;
    }
  host = g_uri_get_host (uri);
  port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 5432;
  user = g_strdup (g_uri_get_user (uri));
  /* Scripts give the password in the environment, never on a command line
   * other users can read. */
  env_password = g_getenv ("SHUANGYONG_DB_PASSWORD");
  if (!env_password || !*env_password)
    env_password = g_getenv ("PGPASSWORD");

  self->postgres = TRUE;
  {
    /* The location to open again (worker threads): no password in it. */
    g_autoptr(GUri) bare = g_uri_build_with_user (G_URI_FLAGS_NON_DNS | G_URI_FLAGS_HAS_PASSWORD,
                                                  "postgresql", user, NULL, NULL, host, port,
                                                  path, NULL, NULL);
    self->directory = g_uri_to_string (bare);
  }
  /* Typed (the password prompt), else in the URI, else one that worked in
   * this process before (a worker thread reopening by get_directory()),
   * else the environment; without any, libpq reads ~/.pgpass. */
  remember = TRUE;
  if (given_password && *given_password)
    password = g_strdup (given_password);
  else if (g_uri_get_password (uri))
    password = g_strdup (g_uri_get_password (uri));
  else if ((password = recall_password (self->directory)) != NULL)
    remember = FALSE;
  else
    {
      remember = FALSE;
      if (env_password && *env_password)
        password = g_strdup (env_password);
    }
  self->files_dir = postgres_files_dir (host, port, path + 1);
  if (!make_private_dir (self->files_dir, error))
    return NULL;

  port_text = g_strdup_printf ("%d", port);
  append_cnc_value (cnc, "HOST", host);
  append_cnc_value (cnc, "PORT", port_text);
  append_cnc_value (cnc, "DB_NAME", path + 1);
  append_cnc_value (auth, "USERNAME", user);
  append_cnc_value (auth, "PASSWORD", password);
  self->cnc = gda_connection_open_from_string ("PostgreSQL", cnc->str, auth->len ? auth->str : NULL,
                                               GDA_CONNECTION_OPTIONS_NONE, &local_error);
  /* Only a password the server took is kept: a mistyped one must not
   * shadow the environment's for the rest of the process. */
  if (self->cnc && remember && password)
    remember_password (self->directory, password);
  /* Not left behind in freed memory. */
  if (password)
    memset (password, 0, strlen (password));
  memset (auth->str, 0, auth->len);
  if (!self->cnc)
    {
      const char *reason = local_error ? local_error->message : NULL;
      g_autofree char *who = describe_server (user, host, port, path + 1);

      if (is_auth_failure (reason))
        {
          /* The raw reason (libpq's) stays in the log. */
          g_debug ("connecting to %s: %s", who, reason);
          if (strstr (reason, "no password supplied"))
            g_set_error (error, SY_ERROR, SY_ERROR_AUTH,
                         _("The database server needs the password of %s"), who);
          else
            g_set_error (error, SY_ERROR, SY_ERROR_AUTH,
                         _("The database server refused the user name or password for %s"), who);
        }
      else
        g_set_error (error, SY_ERROR, SY_ERROR_DATABASE, _("Cannot open the database at %s: %s"),
                     self->directory, reason ? reason : _("unknown error"));
      return NULL;
    }

  if (!finish_open (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

char *
sy_database_describe_location (const char *location)
{
  g_autoptr(GUri) uri = NULL;
  const char *path;

  if (!sy_database_location_is_postgres (location))
    return location && *location ? g_strdup (location) : sy_database_default_directory ();
  uri = g_uri_parse (location, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_NON_DNS, NULL);
  path = uri ? g_uri_get_path (uri) : NULL;
  if (!path || path[0] != '/')
    return g_strdup (location);
  return describe_server (g_uri_get_user (uri), g_uri_get_host (uri),
                          g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 5432, path + 1);
}

SyDatabase *
sy_database_open_uri (const char *location, GError **error)
{
  if (sy_database_location_is_postgres (location))
    return open_postgres (location, NULL, error);
  return open_sqlite (location, error);
}

SyDatabase *
sy_database_open_with_password (const char *location, const char *password, GError **error)
{
  if (sy_database_location_is_postgres (location))
    return open_postgres (location, password, error);
  return open_sqlite (location, error);
}

SyDatabase *
sy_database_open (const char *directory, GError **error)
{
  /* Worker threads reopen what sy_database_get_directory() gave them. */
  return sy_database_open_uri (directory, error);
}
