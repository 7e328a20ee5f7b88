/* sy-query-model.h: a GListModel of records over a random-access GdaDataModel
 *
 * The tabs' lists: rows become SyRecord objects only when a widget asks for
 * them, so a long list costs one SELECT and the visible rows.  reload() runs
 * the query again and reports the change with items-changed.
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
