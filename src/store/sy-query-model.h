/* sy-query-model.h: a GListModel of records over random-access GdaDataModels
 *
 * The tabs' lists: rows become SyRecord objects only when a widget asks for
 * them.  A short list is one SELECT.  A paged list (the recipients, from
 * sy-queries.h) is a SELECT COUNT(*) for its length plus pages of 200 rows
 * read when asked for, of which the 20 most recently used are kept: the
 * same position gives the same object while its page is cached; after an
 * eviction, objects still held elsewhere stay valid and the position gives
 * a new object with the same content.
 *
 * reload() runs the query (or the count) again and reports the change with
 * items-changed (0, old, new) — for a paged list longer than a page, as two
 * signals (0, old, 0) and (0, 0, new), so a GtkSingleSelection does not ask
 * for every row looking for its selected object.
 */
#pragma once

#include <gio/gio.h>
#include "sy-database.h"

G_BEGIN_DECLS

#define SY_TYPE_QUERY_MODEL (sy_query_model_get_type ())
G_DECLARE_FINAL_TYPE (SyQueryModel, sy_query_model, SY, QUERY_MODEL, GObject)

/* @sql: a SELECT whose column names are field names of @record_type;
 * parameters as for sy_database_select().  The query runs at once. */
SyQueryModel *sy_query_model_new    (SyDatabase  *db,
                                     GType        record_type,
                                     const char  *sql,
                                     GError     **error,
                                     ...) G_GNUC_NULL_TERMINATED;
gboolean      sy_query_model_reload (SyQueryModel *self, GError **error);

G_END_DECLS
