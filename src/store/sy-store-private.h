/* sy-store-private.h: helpers shared inside store/ only */
#pragma once

#include "sy-database.h"

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

G_END_DECLS
