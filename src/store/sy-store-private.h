/* sy-store-private.h: helpers shared inside store/ only */
#pragma once

#include "sy-database.h"
#include "sy-query-model.h"

G_BEGIN_DECLS

/* Counts @n audit rows this connection wrote (the importer's bulk audit
 * statements bypass sy_database_execute()); see
 * sy_database_get_own_writes(). */
void                _sy_database_note_own_audit_rows (SyDatabase *self, gint64 n);

GType               _sy_field_column_type        (SyFieldType type);
/* Column types (ended by G_TYPE_NONE) for result columns named like fields. */
GType              *_sy_database_column_types    (GType record_type, const char * const *columns);
/* The field spec of each model column (NULL for unknown columns). */
const SyFieldSpec **_sy_database_column_specs    (GType record_type, GdaDataModel *model);
gpointer            _sy_database_record_from_row (GType record_type, GdaDataModel *model,
                                                  gint row, const SyFieldSpec **specs);
/* A random-access model for a SELECT of records, typed from its column names. */
GdaDataModel       *_sy_database_select_records  (SyDatabase *self, GType type, const char *sql,
                                                  va_list args, GError **error);

/* A named, typed parameter (G_TYPE_STRING — a NULL string is SQL NULL —,
 * G_TYPE_INT or G_TYPE_INT64) for statements whose parameters are chosen at
 * run time. */
typedef struct {
  char   *name;
  GValue  value;
} SyStoreParam;

GArray             *_sy_store_params_new         (void);
void                _sy_store_params_add_string  (GArray *params, const char *name, const char *value);
void                _sy_store_params_add_int     (GArray *params, const char *name, int value);
void                _sy_store_params_add_int64   (GArray *params, const char *name, gint64 value);
/* As _sy_database_select_records(), parameters from an array of SyStoreParam. */
/* A write with an array of SyStoreParam; the rows affected, or -1. */
gint                _sy_database_execute_params  (SyDatabase *self, const char *sql,
                                                  GArray *params, GError **error);
GdaDataModel       *_sy_database_select_records_params (SyDatabase *self, GType type, const char *sql,
                                                        GArray *params, GError **error);
/* A SyQueryModel whose parameters are an array of SyStoreParam (copied). */
SyQueryModel       *_sy_query_model_new_params   (SyDatabase *db, GType record_type, const char *sql,
                                                  GArray *params, GError **error);

/* A SELECT through libgda's plain command path (no parameters, no
 * statement cache): catalogue queries, PRAGMAs and SQL built from checked
 * identifiers.  @what says what was being done, for the error. */
GdaDataModel       *_sy_database_select_command  (SyDatabase *self, const char *sql,
                                                  const char *what, GError **error);

/* A single integer result, parameters from an array of SyStoreParam. */
gboolean            _sy_database_query_int64_params (SyDatabase *self, gint64 *value, const char *sql,
                                                     GArray *params, GError **error);

/* A paged SyQueryModel.  @page_sql selects one page of rows: it takes the
 * parameters ##sy_limit::gint and ##sy_offset::gint64 (for LIMIT and
 * OFFSET) besides @params, and its ORDER BY must order every row (end it
 * with the id) so pages neither overlap nor miss rows.  @count_sql is a
 * SELECT COUNT(*) of all those rows with @params.  The list's length is
 * that count; rows are read a page at a time when asked for, and only the
 * most recently used pages are kept (see sy-query-model.c about
 * identity). */
SyQueryModel       *_sy_query_model_new_paged    (SyDatabase *db, GType record_type, const char *page_sql,
                                                  const char *count_sql, GArray *params,
                                                  GError **error);
/* Another page statement, same parameters and order, for the first pages
 * when many rows match (see use_dense_sql() in sy-query-model.c): typically
 * one that walks an index in list order instead of sorting the matches. */
void                _sy_query_model_set_dense_sql (SyQueryModel *self, const char *dense_sql);
/* A paged SyQueryModel whose rows are found once per (re)load: @fill_sql,
 * "INSERT INTO @hits (id) SELECT t.id … ORDER BY …" with @params, stores
 * the ids of the whole list in order into a temporary table of the
 * connection ("@hits" stands for its name; its rowids are the positions
 * 1…n).  The count and every page then come from that table: @page_sql
 * selects the rows whose "@hits h" rowid is in (##sy_offset::gint64,
 * ##sy_end::gint64], ordered by it.  For filters without an index, where
 * a count and a page would each scan every row. */
SyQueryModel       *_sy_query_model_new_hits     (SyDatabase *db, GType record_type, const char *fill_sql,
                                                  const char *page_sql, GArray *params, GError **error);
/* A cell of a model from sy_database_select(): an integer column as gint64
 * (0 for NULL), a text column as a string (NULL for NULL).  Defined in
 * sy-queries.c; sy-payment-audit.c and sy-run-repo.c still have their own. */
gint64              _sy_model_get_int64          (GdaDataModel *model, int column, int row);
const char         *_sy_model_get_string         (GdaDataModel *model, int column, int row);

/* Appends one CSV field (RFC 4180 quoting when needed) and "," or, when
 * @last, CRLF: the files the importers read back (sy-standard-repo.c). */
void                _sy_csv_append_field         (GString *out, const char *text, gboolean last);

/* For tests: other page sizes, and a look at the cache. */
void                _sy_query_model_set_paging   (SyQueryModel *self, guint page_size, guint max_pages);
gboolean            _sy_query_model_is_paged     (SyQueryModel *self);
guint               _sy_query_model_get_n_cached_pages (SyQueryModel *self);
guint               _sy_query_model_get_n_page_loads   (SyQueryModel *self);

G_END_DECLS
