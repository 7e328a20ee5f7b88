/* sy-database.h: the office database (SQLite, or a shared PostgreSQL)
 *
 * Opens or creates the database, applies the numbered migrations from the
 * GResource in one transaction, refuses a database written by a newer
 * schema, and offers parameterised statements plus generic CRUD for SyRecord
 * subclasses with optimistic locking and an audit row for every change.
 */
#pragma once

#include <gio/gio.h>
#include <libgda/libgda.h>
#include "sy-core.h"

G_BEGIN_DECLS

/* libgda 5 predates g_autoptr. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdaSet, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdaDataModel, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdaStatement, g_object_unref)

#define SY_TYPE_DATABASE (sy_database_get_type ())
G_DECLARE_FINAL_TYPE (SyDatabase, sy_database, SY, DATABASE, GObject)

typedef struct _SyAttachmentStore SyAttachmentStore;

/* The schema version this build knows (the highest migration number). */
int            sy_database_get_known_schema_version (void);

/* The default location: $XDG_DATA_HOME/shuangyong */
char          *sy_database_default_directory (void);

/* Opens the SQLite database "office.db" in @directory (created 0700 if
 * missing; NULL = the default), migrating it to the current schema; a
 * postgresql:// URI opens that database instead (sy_database_open_uri()). */
SyDatabase    *sy_database_open            (const char  *directory,
                                            GError     **error);

/* Opens @location: a folder (SQLite, as sy_database_open()) or a shared
 * PostgreSQL database "postgresql://user@host:port/dbname" (host may be a
 * socket folder, URL-encoded: postgresql://me@%2Frun%2Fpostgresql/office).
 * The password comes from the URI, else one that connected to this
 * database before in this process (sy_database_open_with_password(), a URI
 * with one), else $SHUANGYONG_DB_PASSWORD, else $PGPASSWORD, else libpq's
 * ~/.pgpass.  A server refusing the user name or password is SY_ERROR_AUTH
 * (the message names user, server and database, never the password); a
 * server that cannot be reached SY_ERROR_DATABASE.  The same migrations run
 * on both; on PostgreSQL the attachments live in the database, with a local
 * cache folder (sy_database_get_files_directory()) for get_path().
 * sy_database_open() takes URIs too. */
SyDatabase    *sy_database_open_uri        (const char  *location,
                                            GError     **error);
/* The same with @password (typed by the user: the password prompt and
 * dialog), which goes before the URI's and the environment's; NULL or ""
 * is sy_database_open_uri().  A password the server accepts is remembered
 * for the process, so worker threads that reopen the database by
 * sy_database_get_directory() connect too; a refused one is not.  A folder
 * ignores @password. */
SyDatabase    *sy_database_open_with_password (const char  *location,
                                               const char  *password,
                                               GError     **error);
/* What to call @location in a password prompt or a message:
 * "user@host:port/dbname" for a server database (never a password in it),
 * the folder for a local one (NULL: the default folder).  Caller frees. */
char          *sy_database_describe_location (const char *location);

/* What sy_database_open() takes to open this database again (worker
 * threads): the folder, or the URI without its password. */
const char    *sy_database_get_directory   (SyDatabase *self);
/* The local folder of the database's files (attachments, caches): the
 * database folder on SQLite, a folder per server and database on PostgreSQL. */
const char    *sy_database_get_files_directory (SyDatabase *self);
gboolean       sy_database_is_postgres     (SyDatabase *self);
/* The dialect switch, for the few statements with no portable form. */
const char    *sy_database_sql             (SyDatabase *self,
                                            const char *sqlite_sql,
                                            const char *postgres_sql);
/* PostgreSQL: the session's role (current_user), NULL on SQLite; and
 * whether that role may change nothing (changes are then refused with
 * SY_ERROR_READ_ONLY). */
const char    *sy_database_get_role        (SyDatabase *self);
gboolean       sy_database_is_read_only    (SyDatabase *self);
/* Whether @location (what sy_database_open() takes) names a PostgreSQL
 * database rather than a folder. */
gboolean       sy_database_location_is_postgres (const char *location);
/* For what needs a local (SQLite) database folder (the source of
 * `migrate`): FALSE with SY_ERROR_INVALID saying so when @location is a
 * PostgreSQL database. */
gboolean       sy_database_require_local   (const char *location, GError **error);
GdaConnection *sy_database_get_connection  (SyDatabase *self);
int            sy_database_get_schema_version (SyDatabase *self);
SyAttachmentStore *sy_database_get_attachments (SyDatabase *self);

/* Who is acting, for created_by/updated_by and the audit log (default: the
 * login name). */
const char    *sy_database_get_actor       (SyDatabase *self);
void           sy_database_set_actor       (SyDatabase *self, const char *actor);

/* Transactions nest: only the outermost begin/commit reaches the database;
 * a rollback anywhere rolls back the whole outermost transaction. */
gboolean       sy_database_begin           (SyDatabase *self, GError **error);
gboolean       sy_database_commit          (SyDatabase *self, GError **error);
void           sy_database_rollback        (SyDatabase *self);

/* Parameterised statements.  Parameters in @sql are written ##name::type
 * (libgda syntax, e.g. ##year::gint, ##name::string::null); the variadic
 * arguments are triples (const char *name, GType type, value) ended by NULL,
 * with value an int for G_TYPE_INT/G_TYPE_BOOLEAN, a gint64 for G_TYPE_INT64
 * and a const char * for G_TYPE_STRING (NULL allowed).
 * @types lists the column types of the result, ended by G_TYPE_NONE.
 * The result is a random-access model. */
GdaDataModel  *sy_database_select          (SyDatabase  *self,
                                            const char  *sql,
                                            const GType *types,
                                            GError     **error,
                                            ...) G_GNUC_NULL_TERMINATED;
/* Returns the number of affected rows, or -1 with @error set. */
gint           sy_database_execute         (SyDatabase  *self,
                                            const char  *sql,
                                            GError     **error,
                                            ...) G_GNUC_NULL_TERMINATED;
gint           sy_database_execute_va      (SyDatabase  *self,
                                            const char  *sql,
                                            GError     **error,
                                            va_list      args);
/* A single integer result (COUNT(*), MAX(id)…); @value is 0 for NULL. */
gboolean       sy_database_query_int64     (SyDatabase  *self,
                                            gint64      *value,
                                            const char  *sql,
                                            GError     **error,
                                            ...) G_GNUC_NULL_TERMINATED;

/* Records.  insert sets id, version 1 and created/updated; update requires
 * the stored version to equal the record's (else SY_ERROR_CONFLICT, nothing
 * written) and increments it; delete checks the version too.  Each writes an
 * audit_log row with the old and new values, in the same transaction. */
gboolean       sy_database_insert          (SyDatabase *self, SyRecord *record, GError **error);
gboolean       sy_database_update          (SyDatabase *self, SyRecord *record, GError **error);
gboolean       sy_database_delete          (SyDatabase *self, SyRecord *record, GError **error);
/* An audit_log row for an event that changes no record (an export of
 * personal data, a revealed ID number …): @details, a JSON object or NULL,
 * goes to new_values; @entity_id 0 for none. */
gboolean       sy_database_audit_event     (SyDatabase *self, const char *action,
                                            const char *entity, gint64 entity_id,
                                            const char *details, GError **error);
/* Loads one record of @type by id (SY_ERROR_NOT_FOUND if absent). */
gpointer       sy_database_load            (SyDatabase *self, GType type, gint64 id, GError **error);

/* Records of @type from a full SELECT whose result column names are field
 * names of @type (unknown columns are ignored; missing fields keep their
 * defaults).  Parameters as for sy_database_select().  Returns a GListStore. */
GListModel    *sy_database_list            (SyDatabase  *self,
                                            GType        type,
                                            const char  *sql,
                                            GError     **error,
                                            ...) G_GNUC_NULL_TERMINATED;

/* "SELECT id, version, …every stored column… FROM table" for @type; append
 * WHERE/ORDER BY to it.  Caller frees. */
char          *sy_database_select_all_sql  (GType type);

/* Office settings (unit name …), kept in the database so every desk shares them. */
char          *sy_database_get_setting     (SyDatabase *self, const char *key);
gboolean       sy_database_set_setting     (SyDatabase *self, const char *key,
                                            const char *value, GError **error);

/* TRUE when the database holds no office data at all (first start): no
 * unit, person, plan, activity, document, standard or run. */
gboolean       sy_database_is_empty        (SyDatabase *self);

/* Noticing other desks' changes (SyChangeWatcher).  The change stamp is
 * the newest audit_log id: it moves with every committed change by anyone.
 * sy_database_count_changes_since() counts the audit rows newer than a
 * stamp.  The own writes are the audit rows this process committed to this
 * database through any of its connections (worker threads' included; a
 * rolled-back transaction's rows do not count), so (rows since stamp) −
 * (own writes since stamp) are other desks' changes.  *@generation (may be
 * NULL) moves whenever such a commit starts or ends, and is 0 while one is
 * under way. */
gboolean       sy_database_get_change_stamp (SyDatabase *self, gint64 *stamp, GError **error);
gboolean       sy_database_count_changes_since (SyDatabase *self, gint64 stamp,
                                                gint64 *count, GError **error);
gint64         sy_database_get_own_writes  (SyDatabase *self, gint64 *generation);
/* Counts @self's writes apart from the process's other connections, as if
 * it were another desk (tests). */
void           sy_database_set_own_writes_private (SyDatabase *self);

/* The current time as the database stores it: "2026-11-29T13:52:28". */
char          *sy_database_now             (void);

G_END_DECLS
