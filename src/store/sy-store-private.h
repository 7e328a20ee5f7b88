/* sy-store-private.h: helpers shared inside store/ only */
#pragma once

#include "sy-database.h"
#include "sy-query-model.h"

G_BEGIN_DECLS

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
GdaDataModel       *_sy_database_select_records_params (SyDatabase *self, GType type, const char *sql,
                                                        GArray *params, GError **error);
/* A SyQueryModel whose parameters are an array of SyStoreParam (copied). */
SyQueryModel       *_sy_query_model_new_params   (SyDatabase *db, GType record_type, const char *sql,
                                                  GArray *params, GError **error);

G_END_DECLS
