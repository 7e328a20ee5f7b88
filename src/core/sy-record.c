/* sy-record.c: base class of every stored entity */
#include "sy-record.h"
#include "sy-error.h"

#include <glib/gi18n-lib.h>

#include <string.h>

typedef struct
{
  gint64 id;
  gint64 version;
  char  *created_at;
  char  *created_by;
  char  *updated_at;
  char  *updated_by;
} SyRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SyRecord, sy_record, G_TYPE_OBJECT)

/* The base class's own columns are described the same way as a subclass's,
 * with offsets into the private struct. */
static const SyFieldSpec base_fields[] = {
  { "id",         SY_FIELD_INT64,  G_STRUCT_OFFSET (SyRecordPrivate, id),         0, NULL },
  { "version",    SY_FIELD_INT64,  G_STRUCT_OFFSET (SyRecordPrivate, version),    0, NULL },
  { "created_at", SY_FIELD_STRING, G_STRUCT_OFFSET (SyRecordPrivate, created_at), 0, NULL },
  { "created_by", SY_FIELD_STRING, G_STRUCT_OFFSET (SyRecordPrivate, created_by), 0, NULL },
  { "updated_at", SY_FIELD_STRING, G_STRUCT_OFFSET (SyRecordPrivate, updated_at), 0, NULL },
  { "updated_by", SY_FIELD_STRING, G_STRUCT_OFFSET (SyRecordPrivate, updated_by), 0, NULL },
};

static gpointer
field_ptr (SyRecord *self, const SyFieldSpec *spec)
{
  if (spec >= base_fields && spec < base_fields + G_N_ELEMENTS (base_fields))
    return G_STRUCT_MEMBER_P (sy_record_get_instance_private (self), spec->offset);
  return G_STRUCT_MEMBER_P (self, spec->offset);
}

/* Property ids: 1..n index the owning class's field table; the base class
 * uses its own table.  GObject dispatches get/set_property to the class that
 * installed the pspec, so the owner's table is always the right one. */
static const SyFieldSpec *
spec_for_pspec (GParamSpec *pspec, guint prop_id)
{
  if (pspec->owner_type == SY_TYPE_RECORD)
    return &base_fields[prop_id - 1];

  SyRecordClass *owner = g_type_class_peek (pspec->owner_type);
  g_assert (owner != NULL && prop_id >= 1 && prop_id <= owner->n_fields);
  return &owner->fields[prop_id - 1];
}

void
sy_record_get_field_value (SyRecord *self, const SyFieldSpec *spec, GValue *value)
{
  gpointer p = field_ptr (self, spec);

  switch (spec->type)
    {
    case SY_FIELD_STRING:
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, *(char **) p);
      break;
    case SY_FIELD_INT:
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, *(gint *) p);
      break;
    case SY_FIELD_INT64:
    case SY_FIELD_REF:
      g_value_init (value, G_TYPE_INT64);
      g_value_set_int64 (value, *(gint64 *) p);
      break;
    case SY_FIELD_BOOLEAN:
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, *(gboolean *) p);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
sy_record_set_field_value (SyRecord *self, const SyFieldSpec *spec, const GValue *value)
{
  gpointer p = field_ptr (self, spec);

  switch (spec->type)
    {
    case SY_FIELD_STRING:
      g_free (*(char **) p);
      *(char **) p = g_value_dup_string (value);
      break;
    case SY_FIELD_INT:
      *(gint *) p = g_value_get_int (value);
      break;
    case SY_FIELD_INT64:
    case SY_FIELD_REF:
      *(gint64 *) p = g_value_get_int64 (value);
      break;
    case SY_FIELD_BOOLEAN:
      *(gboolean *) p = g_value_get_boolean (value);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
sy_record_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  const SyFieldSpec *spec = spec_for_pspec (pspec, prop_id);
  g_auto(GValue) tmp = G_VALUE_INIT;

  sy_record_get_field_value (SY_RECORD (object), spec, &tmp);
  g_value_copy (&tmp, value);
}

static void
sy_record_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  const SyFieldSpec *spec = spec_for_pspec (pspec, prop_id);
  g_auto(GValue) old = G_VALUE_INIT;

  /* The properties are EXPLICIT_NOTIFY (so the typed setters can skip
   * no-op changes); g_object_set must notify on a real change too. */
  sy_record_get_field_value (SY_RECORD (object), spec, &old);
  if (g_param_values_cmp (pspec, &old, value) == 0)
    return;
  sy_record_set_field_value (SY_RECORD (object), spec, value);
  g_object_notify_by_pspec (object, pspec);
}

static GParamSpec *
pspec_for_field (const SyFieldSpec *spec)
{
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  g_autofree char *name = g_strdelimit (g_strdup (spec->name), "_", '-');
  const char *iname = g_intern_string (name);

  switch (spec->type)
    {
    case SY_FIELD_STRING:
      return g_param_spec_string (iname, NULL, NULL, NULL, flags);
    case SY_FIELD_INT:
      return g_param_spec_int (iname, NULL, NULL, G_MININT, G_MAXINT, 0, flags);
    case SY_FIELD_INT64:
    case SY_FIELD_REF:
      return g_param_spec_int64 (iname, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
    case SY_FIELD_BOOLEAN:
      return g_param_spec_boolean (iname, NULL, NULL, FALSE, flags);
    default:
      g_assert_not_reached ();
    }
}

void
sy_record_class_install_fields (SyRecordClass     *klass,
                                const char        *entity_name,
                                const SyFieldSpec *fields,
                                guint              n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->entity_name = entity_name;
  klass->fields = fields;
  klass->n_fields = n_fields;
  object_class->get_property = sy_record_get_property;
  object_class->set_property = sy_record_set_property;

  for (guint i = 0; i < n_fields; i++)
    g_object_class_install_property (object_class, i + 1, pspec_for_field (&fields[i]));
}

static void
free_strings (SyRecord *self, const SyFieldSpec *fields, guint n)
{
  for (guint i = 0; i < n; i++)
    if (fields[i].type == SY_FIELD_STRING)
      g_clear_pointer ((char **) field_ptr (self, &fields[i]), g_free);
}

static void
sy_record_finalize (GObject *object)
{
  SyRecord *self = SY_RECORD (object);
  SyRecordClass *klass = SY_RECORD_GET_CLASS (self);

  free_strings (self, klass->fields, klass->n_fields);
  free_strings (self, base_fields, G_N_ELEMENTS (base_fields));

  G_OBJECT_CLASS (sy_record_parent_class)->finalize (object);
}

static void
sy_record_class_init (SyRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sy_record_finalize;
  object_class->get_property = sy_record_get_property;
  object_class->set_property = sy_record_set_property;

  for (guint i = 0; i < G_N_ELEMENTS (base_fields); i++)
    g_object_class_install_property (object_class, i + 1, pspec_for_field (&base_fields[i]));
}

static void
sy_record_init (SyRecord *self)
{
}

#define PRIV(self) ((SyRecordPrivate *) sy_record_get_instance_private (self))

gint64 sy_record_get_id (SyRecord *self) { return PRIV (self)->id; }
gint64 sy_record_get_version (SyRecord *self) { return PRIV (self)->version; }
const char *sy_record_get_created_at (SyRecord *self) { return PRIV (self)->created_at; }
const char *sy_record_get_created_by (SyRecord *self) { return PRIV (self)->created_by; }
const char *sy_record_get_updated_at (SyRecord *self) { return PRIV (self)->updated_at; }
const char *sy_record_get_updated_by (SyRecord *self) { return PRIV (self)->updated_by; }

void
sy_record_set_id (SyRecord *self, gint64 id)
{
  if (PRIV (self)->id == id)
    return;
  PRIV (self)->id = id;
  g_object_notify (G_OBJECT (self), "id");
}

void
sy_record_set_version (SyRecord *self, gint64 version)
{
  if (PRIV (self)->version == version)
    return;
  PRIV (self)->version = version;
  g_object_notify (G_OBJECT (self), "version");
}

const char *
sy_record_class_get_entity_name (SyRecordClass *klass)
{
  return klass->entity_name;
}

const SyFieldSpec *
sy_record_class_get_fields (SyRecordClass *klass, guint *n_fields)
{
  *n_fields = klass->n_fields;
  return klass->fields;
}

const SyFieldSpec *
sy_record_class_find_field (SyRecordClass *klass, const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (base_fields); i++)
    if (strcmp (base_fields[i].name, name) == 0)
      return &base_fields[i];
  for (guint i = 0; i < klass->n_fields; i++)
    if (strcmp (klass->fields[i].name, name) == 0)
      return &klass->fields[i];
  return NULL;
}

static void
copy_fields (SyRecord *dst, SyRecord *src, const SyFieldSpec *fields, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) v = G_VALUE_INIT;
      sy_record_get_field_value (src, &fields[i], &v);
      sy_record_set_field_value (dst, &fields[i], &v);
    }
}

SyRecord *
sy_record_copy (SyRecord *self)
{
  SyRecordClass *klass = SY_RECORD_GET_CLASS (self);
  SyRecord *copy = g_object_new (G_OBJECT_TYPE (self), NULL);

  copy_fields (copy, self, base_fields, G_N_ELEMENTS (base_fields));
  copy_fields (copy, self, klass->fields, klass->n_fields);
  return copy;
}

static void
json_append_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

char *
sy_record_to_json (SyRecord *self)
{
  SyRecordClass *klass = SY_RECORD_GET_CLASS (self);
  GString *out = g_string_new ("{");
  gboolean first = TRUE;

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const SyFieldSpec *spec = &klass->fields[i];
      gpointer p = field_ptr (self, spec);

      if (spec->flags & SY_FIELD_DERIVED)
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      json_append_string (out, spec->name);
      g_string_append_c (out, ':');
      switch (spec->type)
        {
        case SY_FIELD_STRING:
          if (*(char **) p)
            json_append_string (out, *(char **) p);
          else
            g_string_append (out, "null");
          break;
        case SY_FIELD_INT:
          g_string_append_printf (out, "%d", *(gint *) p);
          break;
        case SY_FIELD_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, *(gint64 *) p);
          break;
        case SY_FIELD_REF:
          if (*(gint64 *) p)
            g_string_append_printf (out, "%" G_GINT64_FORMAT, *(gint64 *) p);
          else
            g_string_append (out, "null");
          break;
        case SY_FIELD_BOOLEAN:
          g_string_append (out, *(gboolean *) p ? "true" : "false");
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

gboolean
sy_record_check_lengths (SyRecord *self, GError **error)
{
  SyRecordClass *klass = SY_RECORD_GET_CLASS (self);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const SyFieldSpec *spec = &klass->fields[i];
      const char *text;
      glong n;

      if (!(spec->flags & SY_FIELD_LINE) || spec->type != SY_FIELD_STRING)
        continue;
      text = *(char **) field_ptr (self, spec);
      if (text == NULL || (n = g_utf8_strlen (text, -1)) <= SY_RECORD_LINE_MAX)
        continue;
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is too long: %ld characters, at most %d"),
                   spec->label ? _(spec->label) : spec->name, n, SY_RECORD_LINE_MAX);
      return FALSE;
    }
  return TRUE;
}
