/* sy-record.h: base class of every stored entity
 *
 * A record is a GObject whose read-write properties are exactly the columns
 * of its table.  Subclasses describe their columns once, as a table of
 * SyFieldSpec, and SyRecord turns that into GObject properties, a
 * getter/setter dispatcher and finalisation.  store/ reads the same table to
 * build SELECT, INSERT and UPDATE statements, so a column exists in one
 * place only.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SY_TYPE_RECORD (sy_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (SyRecord, sy_record, SY, RECORD, GObject)

typedef enum {
  SY_FIELD_STRING,   /* char *; NULL is SQL NULL; dates are ISO 8601 text */
  SY_FIELD_INT,      /* gint */
  SY_FIELD_INT64,    /* gint64; money is always integer 分 */
  SY_FIELD_BOOLEAN,  /* gboolean; stored as INTEGER 0/1 for portability */
  SY_FIELD_REF,      /* gint64 id of another row; 0 is SQL NULL */
} SyFieldType;

typedef enum {
  SY_FIELD_STORED  = 0,      /* a column of the entity's own table */
  SY_FIELD_DERIVED = 1 << 0, /* filled by queries (joins, counts); never written */
  /* A one-line text (a name, a number, a date) of at most SY_RECORD_LINE_MAX
   * characters.  Such columns are indexed, and a PostgreSQL index entry
   * holds at most about 2.7 KB; no real name or number comes near it. */
  SY_FIELD_LINE    = 1 << 1,
} SyFieldFlags;

#define SY_RECORD_LINE_MAX 200

typedef struct {
  const char  *name;    /* column name; the property name is the same with '-' */
  SyFieldType  type;
  gsize        offset;  /* of the member in the instance struct */
  SyFieldFlags flags;
  const char  *label;   /* translatable label (N_()), for audit/UI; may be NULL */
} SyFieldSpec;

struct _SyRecordClass
{
  GObjectClass parent_class;

  /* Name of the table and of the entity in the audit log. */
  const char        *entity_name;
  const SyFieldSpec *fields;
  guint              n_fields;
};

/* Call from a subclass's class_init. */
void               sy_record_class_install_fields (SyRecordClass     *klass,
                                                   const char        *entity_name,
                                                   const SyFieldSpec *fields,
                                                   guint              n_fields);

/* Common columns of every editable row. */
gint64             sy_record_get_id         (SyRecord *self);
void               sy_record_set_id         (SyRecord *self, gint64 id);
gint64             sy_record_get_version    (SyRecord *self);
void               sy_record_set_version    (SyRecord *self, gint64 version);
const char        *sy_record_get_created_at (SyRecord *self);
const char        *sy_record_get_created_by (SyRecord *self);
const char        *sy_record_get_updated_at (SyRecord *self);
const char        *sy_record_get_updated_by (SyRecord *self);

const char        *sy_record_class_get_entity_name (SyRecordClass *klass);
const SyFieldSpec *sy_record_class_get_fields      (SyRecordClass *klass,
                                                    guint         *n_fields);
/* The spec of a field of this class, or NULL. */
const SyFieldSpec *sy_record_class_find_field      (SyRecordClass *klass,
                                                    const char    *name);

/* Raw access to a field by spec; the spec must belong to the record's class. */
void               sy_record_get_field_value (SyRecord          *self,
                                              const SyFieldSpec *spec,
                                              GValue            *value);
void               sy_record_set_field_value (SyRecord          *self,
                                              const SyFieldSpec *spec,
                                              const GValue      *value);

/* A new record of the same type with the same field values (deep copy). */
SyRecord          *sy_record_copy (SyRecord *self);

/* Field values as a compact JSON object (stored fields only), for the audit log. */
char              *sy_record_to_json (SyRecord *self);
/* SY_ERROR_INVALID naming the field when a SY_FIELD_LINE text is longer
 * than SY_RECORD_LINE_MAX characters (the store checks before writing). */
gboolean     sy_record_check_lengths (SyRecord *self, GError **error);

/* Accessor helpers for subclasses; keep entity files short. */
#define SY_RECORD_DEFINE_STRING(TypeName, type_name, field)                    \
  const char *type_name##_get_##field (TypeName *self)                         \
  { g_return_val_if_fail (self != NULL, NULL); return self->field; }           \
  void type_name##_set_##field (TypeName *self, const char *value)             \
  { g_return_if_fail (self != NULL);                                           \
    if (g_strcmp0 (self->field, value) == 0) return;                           \
    g_free (self->field); self->field = g_strdup (value);                      \
    g_object_notify (G_OBJECT (self), #field); }

#define SY_RECORD_DEFINE_SCALAR(TypeName, type_name, ctype, field)             \
  ctype type_name##_get_##field (TypeName *self)                               \
  { g_return_val_if_fail (self != NULL, 0); return self->field; }              \
  void type_name##_set_##field (TypeName *self, ctype value)                   \
  { g_return_if_fail (self != NULL);                                           \
    if (self->field == value) return;                                          \
    self->field = value;                                                       \
    g_object_notify (G_OBJECT (self), #field); }

#define SY_FIELD(TypeName, member, ftype, flags, label) \
  { #member, ftype, G_STRUCT_OFFSET (TypeName, member), flags, label }

G_END_DECLS
