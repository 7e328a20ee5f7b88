/* sy-recipient-exporter.c: the recipient registry out to a CSV or XLSX file */
#include "sy-recipient-exporter.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

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

/* --- CSV ------------------------------------------------------------------ */

/* Excel turns a cell of digits into a number: more than 15 digits lose
 * their tail (3.60426E+17) and a leading 0 is dropped. */
static gboolean
excel_would_mangle (const char *text)
{
  gsize len = 0;

  for (const char *p = text; *p; p++, len++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return len > 15 || (len > 1 && text[0] == '0');
}

static void
append_cell (GString *line, const char *text, gboolean first)
{
  g_autofree char *wrapped = NULL;

  if (!first)
    g_string_append_c (line, ',');
  if (text == NULL || *text == '\0')
    return;
  if (excel_would_mangle (text))
    text = wrapped = g_strdup_printf ("=\"%s\"", text);

  if (strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (text[0])
      || g_ascii_isspace (text[strlen (text) - 1]))
    {
      g_string_append_c (line, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *p);
        }
      g_string_append_c (line, '"');
    }
  else
    g_string_append (line, text);
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

static char *
json_string (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static gboolean
set_io_error (GError **error, const char *path, int errsv)
{
  g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path, g_strerror (errsv));
  return FALSE;
}

/* Makes the rename itself durable. */
static void
sync_directory (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Renames the written temp file over @target and logs the export, both or
 * neither: no export without its entry.  Removes @tmp_path on failure. */
static gboolean
commit_file (SyRecipientExporter *self,
             const char          *path,
             const char          *tmp_path,
             const char          *target,
             const char          *dir,
             int                  n_rows,
             GError             **error)
{
  g_autofree char *json_file = json_string (target);
  g_autofree char *details = NULL;
  int errsv;

  details = g_strdup_printf ("{\"profile\":\"%s\",\"rows\":%d,\"file\":%s}",
                             sy_mask_profile_to_string (self->profile), n_rows, json_file);
  if (!sy_database_begin (self->db, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (!sy_database_audit_event (self->db, "export", "recipient", 0, details, error))
    {
      sy_database_rollback (self->db);
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, target) != 0)
    {
      errsv = errno;
      sy_database_rollback (self->db);
      g_unlink (tmp_path);
      return set_io_error (error, path, errsv);
    }
  if (!sy_database_commit (self->db, error))
    {
      g_unlink (target);
      return FALSE;
    }
  sync_directory (dir);
  return TRUE;
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

/* A hidden temp name beside the target, so the final rename stays on one
 * file system. */
static void
temp_path_for (const char *path, char **target, char **dir, char **tmp_path)
{
  g_autofree char *base = NULL;

  *target = g_canonicalize_filename (path, NULL);
  *dir = g_path_get_dirname (*target);
  base = g_path_get_basename (*target);
  *tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", *dir, base);
}

gboolean
sy_recipient_exporter_write_csv (SyRecipientExporter       *self,
                                 const char                *path,
                                 SyRecipientExportProgress  progress,
                                 gpointer                   user_data,
                                 GCancellable              *cancellable,
                                 GError                   **error)
{
  const SyRecipientField *fields;
  g_autoptr(GdaDataModel) model = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr(GString) line = g_string_sized_new (512);
  FILE *out = NULL;
  guint n_fields = 0;
  int n_rows;
  int fd;
  int errsv;

  g_return_val_if_fail (SY_IS_RECIPIENT_EXPORTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  model = read_rows (self, progress, user_data, &fields, &n_fields, error);
  if (model == NULL)
    return FALSE;
  n_rows = gda_data_model_get_n_rows (model);
  temp_path_for (path, &target, &dir, &tmp_path);
  /* Personal data: private to the user, like the database. */
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_io_error (error, path, errno);
  out = fdopen (fd, "wb");
  if (out == NULL)
    {
      errsv = errno;
      close (fd);
      g_unlink (tmp_path);
      return set_io_error (error, path, errsv);
    }

  /* The BOM tells Excel the file is UTF-8 (without it Excel assumes the
   * ANSI code page and shows mojibake). */
  g_string_assign (line, "\xEF\xBB\xBF");
  for (guint i = 0; i < n_fields; i++)
    append_cell (line, self->titles[i], i == 0);
  g_string_append (line, "\r\n");
  fwrite (line->str, 1, line->len, out);

  for (int row = 0; row < n_rows; row++)
    {
      if (row % PROGRESS_STEP == 0 && row > 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              fclose (out);
              g_unlink (tmp_path);
              g_set_error_literal (error, SY_ERROR, SY_ERROR_CANCELLED,
                                   _("The export was cancelled."));
              return FALSE;
            }
          if (progress != NULL)
            {
              g_autofree char *what = g_strdup_printf (_("Row %d of %d"), row, n_rows);
              progress (0.05 + 0.9 * row / n_rows, what, user_data);
            }
        }

      g_string_truncate (line, 0);
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
          append_cell (line, text, i == 0);
        }
      g_string_append (line, "\r\n");
      fwrite (line->str, 1, line->len, out);
    }

  if (ferror (out) || fflush (out) != 0 || fsync (fileno (out)) != 0)
    {
      errsv = errno ? errno : EIO;
      fclose (out);
      g_unlink (tmp_path);
      return set_io_error (error, path, errsv);
    }
  if (fclose (out) != 0)
    {
      errsv = errno;
      g_unlink (tmp_path);
      return set_io_error (error, path, errsv);
    }

  if (!commit_file (self, path, tmp_path, target, dir, n_rows, error))
    return FALSE;

  self->n_rows = n_rows;
  if (progress != NULL)
    progress (1.0, _("Done"), user_data);
  return TRUE;
}

/* --- XLSX ----------------------------------------------------------------- */

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
xlsx_error (GError **error, const char *path, lxw_error err)
{
  g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path, lxw_strerror (err));
  return FALSE;
}

gboolean
sy_recipient_exporter_write_xlsx (SyRecipientExporter       *self,
                                  const char                *path,
                                  SyRecipientExportProgress  progress,
                                  gpointer                   user_data,
                                  GCancellable              *cancellable,
                                  GError                   **error)
{
  const SyRecipientField *fields;
  g_autoptr(GdaDataModel) model = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *header, *text;
  lxw_error err;
  guint n_fields = 0;
  int n_rows, fd;

  g_return_val_if_fail (SY_IS_RECIPIENT_EXPORTER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  model = read_rows (self, progress, user_data, &fields, &n_fields, error);
  if (model == NULL)
    return FALSE;
  n_rows = gda_data_model_get_n_rows (model);
  temp_path_for (path, &target, &dir, &tmp_path);
  /* Personal data: the temp file is created 0600 here, and libxlsxwriter's
   * fopen ("wb") keeps the mode when it writes into it. */
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_io_error (error, path, errno);
  close (fd);

  /* constant_memory streams the rows to disk as they come: 100 000
   * recipients do not sit in memory twice. */
  workbook = workbook_new_opt (tmp_path, &options);
  if (workbook == NULL)
    {
      g_unlink (tmp_path);
      return set_io_error (error, path, ENOMEM);
    }
  sheet = workbook_add_worksheet (workbook, "优抚对象");
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_bg_color (header, 0xD9E1F2);
  format_set_pattern (header, LXW_PATTERN_SOLID);
  format_set_border (header, LXW_BORDER_THIN);
  format_set_align (header, LXW_ALIGN_CENTER);
  /* "@": text, so that ID and account numbers stay digits for digits even
   * when someone retypes a cell in Excel. */
  text = workbook_add_format (workbook);
  format_set_num_format (text, "@");

  for (guint i = 0; i < n_fields; i++)
    worksheet_set_column (sheet, i, i, column_width (fields[i], self->titles[i]), text);
  worksheet_freeze_panes (sheet, 1, 0);
  if (n_fields > 0)
    worksheet_autofilter (sheet, 0, 0, MAX (n_rows, 1), n_fields - 1);
  for (guint i = 0; i < n_fields; i++)
    worksheet_write_string (sheet, 0, i, self->titles[i], header);

  for (int row = 0; row < n_rows; row++)
    {
      if (row % PROGRESS_STEP == 0 && row > 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              workbook_close (workbook);
              g_unlink (tmp_path);
              g_set_error_literal (error, SY_ERROR, SY_ERROR_CANCELLED,
                                   _("The export was cancelled."));
              return FALSE;
            }
          if (progress != NULL)
            {
              g_autofree char *what = g_strdup_printf (_("Row %d of %d"), row, n_rows);
              progress (0.05 + 0.85 * row / n_rows, what, user_data);
            }
        }

      for (guint i = 0; i < n_fields; i++)
        {
          const GValue *v = gda_data_model_get_value_at (model, i, row, NULL);
          const char *value = v != NULL && G_VALUE_HOLDS_STRING (v) ? g_value_get_string (v) : NULL;
          g_autofree char *masked = NULL;

          if (value == NULL || *value == '\0')
            continue;
          if (self->profile == SY_MASK_PUBLIC)
            {
              if (fields[i] == SY_RECIPIENT_FIELD_ID_NUMBER)
                value = masked = sy_mask_id_number (value);
              else if (fields[i] == SY_RECIPIENT_FIELD_PHONE)
                value = masked = sy_mask_phone (value);
            }
          /* Always a string cell, never a number: see the "@" above. */
          err = worksheet_write_string (sheet, row + 1, i, value, text);
          if (err != LXW_NO_ERROR)
            {
              workbook_close (workbook);
              g_unlink (tmp_path);
              return xlsx_error (error, path, err);
            }
        }
    }

  if (progress != NULL)
    progress (0.9, _("Writing the workbook"), user_data);
  err = workbook_close (workbook);
  if (err != LXW_NO_ERROR)
    {
      g_unlink (tmp_path);
      return xlsx_error (error, path, err);
    }
  fd = open (tmp_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fsync (fd) != 0)
    {
      int errsv = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (tmp_path);
      return set_io_error (error, path, errsv);
    }
  close (fd);

  if (!commit_file (self, path, tmp_path, target, dir, n_rows, error))
    return FALSE;

  self->n_rows = n_rows;
  if (progress != NULL)
    progress (1.0, _("Done"), user_data);
  return TRUE;
}
