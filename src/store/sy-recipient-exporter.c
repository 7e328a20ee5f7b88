/* sy-recipient-exporter.c: the recipient registry out to a CSV or XLSX file */
#include "sy-recipient-exporter.h"
#include "sy-table-writer.h"

#include <glib/gi18n-lib.h>

#define PROGRESS_STEP 1000

struct _SyRecipientExporter
{
  GObject parent_instance;

  SyDatabase    *db;
  SyMaskProfile  profile;
  const char   **titles;
  guint          n_rows;
};

G_DEFINE_FINAL_TYPE (SyRecipientExporter, sy_recipient_exporter, G_TYPE_OBJECT)

static const SyRecipientField internal_fields[] = {
  SY_RECIPIENT_FIELD_NAME, SY_RECIPIENT_FIELD_SEX, SY_RECIPIENT_FIELD_ETHNICITY,
  SY_RECIPIENT_FIELD_ID_NUMBER, SY_RECIPIENT_FIELD_BIRTH_DATE, SY_RECIPIENT_FIELD_PHONE,
  SY_RECIPIENT_FIELD_HUKOU, SY_RECIPIENT_FIELD_VILLAGE, SY_RECIPIENT_FIELD_ADDRESS,
  SY_RECIPIENT_FIELD_CATEGORIES, SY_RECIPIENT_FIELD_BANK, SY_RECIPIENT_FIELD_ACCOUNT_NAME,
  SY_RECIPIENT_FIELD_ACCOUNT, SY_RECIPIENT_FIELD_STATUS, SY_RECIPIENT_FIELD_NONE
};
static const SyRecipientField public_fields[] = {
  SY_RECIPIENT_FIELD_NAME, SY_RECIPIENT_FIELD_CATEGORIES, SY_RECIPIENT_FIELD_VILLAGE,
  SY_RECIPIENT_FIELD_ID_NUMBER, SY_RECIPIENT_FIELD_PHONE, SY_RECIPIENT_FIELD_NONE
};
static const SyRecipientField bank_fields[] = {
  SY_RECIPIENT_FIELD_NAME, SY_RECIPIENT_FIELD_BANK, SY_RECIPIENT_FIELD_ACCOUNT,
  SY_RECIPIENT_FIELD_NONE
};

static const SyRecipientField *
profile_fields (SyMaskProfile profile)
{
  switch (profile)
    {
    case SY_MASK_PUBLIC: return public_fields;
    case SY_MASK_BANK: return bank_fields;
    case SY_MASK_INTERNAL:
    default: return internal_fields;
    }
}

static void
sy_recipient_exporter_finalize (GObject *object)
{
  SyRecipientExporter *self = SY_RECIPIENT_EXPORTER (object);

  g_clear_object (&self->db);
  g_free (self->titles);

  G_OBJECT_CLASS (sy_recipient_exporter_parent_class)->finalize (object);
}

static void
sy_recipient_exporter_class_init (SyRecipientExporterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_recipient_exporter_finalize;
}

static void
sy_recipient_exporter_init (SyRecipientExporter *self)
{
}

SyRecipientExporter *
sy_recipient_exporter_new (SyDatabase    *db,
                           SyMaskProfile  profile)
{
  SyRecipientExporter *self;
  const SyRecipientField *fields = profile_fields (profile);
  guint n = 0;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_RECIPIENT_EXPORTER, NULL);
  self->db = g_object_ref (db);
  self->profile = profile;
  while (fields[n] != SY_RECIPIENT_FIELD_NONE)
    n++;
  self->titles = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    self->titles[i] = sy_recipient_field_get_title (fields[i]);
  return self;
}

SyMaskProfile
sy_recipient_exporter_get_profile (SyRecipientExporter *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_EXPORTER (self), SY_MASK_PUBLIC);
  return self->profile;
}

const char * const *
sy_recipient_exporter_get_titles (SyRecipientExporter *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_EXPORTER (self), NULL);
  return (const char * const *) self->titles;
}

guint
sy_recipient_exporter_get_n_rows (SyRecipientExporter *self)
{
  g_return_val_if_fail (SY_IS_RECIPIENT_EXPORTER (self), 0);
  return self->n_rows;
}

static char *
select_sql (const SyRecipientField *fields)
{
  GString *sql = g_string_new ("SELECT ");

  for (guint i = 0; fields[i] != SY_RECIPIENT_FIELD_NONE; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      if (fields[i] == SY_RECIPIENT_FIELD_CATEGORIES)
        /* group_concat is SQLite's; PostgreSQL spells it string_agg. */
        g_string_append (sql, "(SELECT group_concat (c.category, '、') FROM recipient_category c "
                              "WHERE c.recipient_id = r.id) AS categories");
      else
        g_string_append_printf (sql, "r.%s AS %s", sy_recipient_field_to_string (fields[i]),
                                sy_recipient_field_to_string (fields[i]));
    }
  g_string_append (sql, " FROM recipient r ORDER BY r.village, r.name, r.id");
  return g_string_free (sql, FALSE);
}

/* Every row of the profile's columns, as text, in the export's order. */
static GdaDataModel *
read_rows (SyRecipientExporter       *self,
           SyRecipientExportProgress  progress,
           gpointer                   user_data,
           const SyRecipientField   **out_fields,
           guint                     *out_n_fields,
           GError                   **error)
{
  const SyRecipientField *fields = profile_fields (self->profile);
  g_autofree char *sql = NULL;
  g_autofree GType *types = NULL;
  guint n_fields = 0;

  self->n_rows = 0;
  while (fields[n_fields] != SY_RECIPIENT_FIELD_NONE)
    n_fields++;

  sql = select_sql (fields);
  types = g_new (GType, n_fields + 1);
  for (guint i = 0; i < n_fields; i++)
    types[i] = G_TYPE_STRING;
  types[n_fields] = G_TYPE_NONE;

  if (progress != NULL)
    progress (0.0, _("Reading the recipients"), user_data);
  *out_fields = fields;
  *out_n_fields = n_fields;
  return sy_database_select (self->db, sql, types, error, NULL);
}

/* Column width in Excel's character units: enough for the usual content,
 * and for the title (CJK characters are two units wide). */
static double
column_width (SyRecipientField field, const char *title)
{
  double width = 2;

  for (const char *p = title; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  switch (field)
    {
    case SY_RECIPIENT_FIELD_ID_NUMBER: return MAX (width, 21);
    case SY_RECIPIENT_FIELD_ACCOUNT: return MAX (width, 24);
    case SY_RECIPIENT_FIELD_PHONE: return MAX (width, 14);
    case SY_RECIPIENT_FIELD_ADDRESS: return MAX (width, 30);
    case SY_RECIPIENT_FIELD_BANK: return MAX (width, 20);
    case SY_RECIPIENT_FIELD_CATEGORIES: return MAX (width, 18);
    case SY_RECIPIENT_FIELD_BIRTH_DATE: return MAX (width, 12);
    default: return MAX (width, 10);
    }
}

static gboolean
write_file (SyRecipientExporter       *self,
            const char                *path,
            gboolean                   xlsx,
            SyRecipientExportProgress  progress,
            gpointer                   user_data,
            GCancellable              *cancellable,
            GError                   **error)
{
  const SyRecipientField *fields;
  g_autoptr(GdaDataModel) model = NULL;
  g_autoptr(SyTableWriter) writer = NULL;
  g_autofree SyTableColumn *columns = NULL;
  g_autofree char *members = NULL;
  SyTableLayout layout = { .sheet = "优抚对象", .autofilter = TRUE,
                           /* 100 000 recipients do not sit in memory twice. */
                           .stream = TRUE };
  /* The workbook is written out after the rows: leave room for it. */
  double share = xlsx ? 0.85 : 0.9;
  guint n_fields = 0;
  int n_rows;

  g_return_val_if_fail (SY_IS_RECIPIENT_EXPORTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  model = read_rows (self, progress, user_data, &fields, &n_fields, error);
  if (model == NULL)
    return FALSE;
  n_rows = gda_data_model_get_n_rows (model);
  columns = g_new0 (SyTableColumn, n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      columns[i].title = self->titles[i];
      columns[i].width = column_width (fields[i], self->titles[i]);
      columns[i].kind = SY_TABLE_TEXT;
    }
  layout.columns = columns;
  layout.n_columns = n_fields;
  writer = sy_table_writer_new (path, xlsx, &layout, n_rows, error);
  if (writer == NULL)
    return FALSE;

  for (int row = 0; row < n_rows; row++)
    {
      if (row % PROGRESS_STEP == 0 && row > 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              g_set_error_literal (error, SY_ERROR, SY_ERROR_CANCELLED,
                                   _("The export was cancelled."));
              return FALSE;
            }
          if (progress != NULL)
            {
              g_autofree char *what = g_strdup_printf (_("Row %d of %d"), row, n_rows);
              progress (0.05 + share * row / n_rows, what, user_data);
            }
        }

      for (guint i = 0; i < n_fields; i++)
        {
          const GValue *v = gda_data_model_get_value_at (model, i, row, NULL);
          const char *text = v != NULL && G_VALUE_HOLDS_STRING (v) ? g_value_get_string (v) : NULL;
          g_autofree char *masked = NULL;

          if (self->profile == SY_MASK_PUBLIC && text != NULL && *text != '\0')
            {
              if (fields[i] == SY_RECIPIENT_FIELD_ID_NUMBER)
                text = masked = sy_mask_id_number (text);
              else if (fields[i] == SY_RECIPIENT_FIELD_PHONE)
                text = masked = sy_mask_phone (text);
            }
          sy_table_writer_add_text (writer, text);
        }
      if (!sy_table_writer_end_row (writer, error))
        return FALSE;
    }

  if (xlsx && progress != NULL)
    progress (0.9, _("Writing the workbook"), user_data);
  members = g_strdup_printf ("\"profile\":\"%s\",\"rows\":%d",
                             sy_mask_profile_to_string (self->profile), n_rows);
  if (!sy_table_writer_finish (writer, error)
      || !sy_table_writer_commit (writer, self->db, "recipient", 0, members, error))
    return FALSE;

  self->n_rows = n_rows;
  if (progress != NULL)
    progress (1.0, _("Done"), user_data);
  return TRUE;
}

gboolean
sy_recipient_exporter_write_csv (SyRecipientExporter       *self,
                                 const char                *path,
                                 SyRecipientExportProgress  progress,
                                 gpointer                   user_data,
                                 GCancellable              *cancellable,
                                 GError                   **error)
{
  return write_file (self, path, FALSE, progress, user_data, cancellable, error);
}

gboolean
sy_recipient_exporter_write_xlsx (SyRecipientExporter       *self,
                                  const char                *path,
                                  SyRecipientExportProgress  progress,
                                  gpointer                   user_data,
                                  GCancellable              *cancellable,
                                  GError                   **error)
{
  return write_file (self, path, TRUE, progress, user_data, cancellable, error);
}
