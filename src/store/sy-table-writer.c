/* sy-table-writer.c: a table out to CSV for Excel or to .xlsx, all or
 * nothing */
#include "sy-table-writer.h"
#include "sy-export-file.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

struct _SyTableWriter
{
  const SyTableLayout *layout;
  char                *path;
  char                *tmp_path;
  gboolean             committed;
  GError              *error;      /* the first cell error */
  gint64               money_total;
  guint                column;     /* of the next cell */
  guint                row;        /* of the next cell, 0 the titles */

  /* CSV */
  FILE                *out;
  GString             *line;

  /* XLSX */
  lxw_workbook        *workbook;
  lxw_worksheet       *sheet;
  lxw_format          *text;
  lxw_format          *money;
};

gboolean
sy_table_writer_path_is_xlsx (const char *path, gboolean *known)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gboolean xlsx = g_str_has_suffix (lower, ".xlsx");

  *known = xlsx || g_str_has_suffix (lower, ".csv");
  return xlsx;
}

static void
keep_lxw_error (SyTableWriter *self, lxw_error err)
{
  if (err != LXW_NO_ERROR && self->error == NULL)
    g_set_error (&self->error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"),
                 self->path, lxw_strerror (err));
}

/* --- CSV ------------------------------------------------------------------ */

/* Excel turns a cell of digits into a number: more than 15 digits lose
 * their tail (3.60426E+17) and a leading 0 is dropped. */
static gboolean
all_digits (const char *text, gsize *len)
{
  *len = 0;
  for (const char *p = text; *p; p++, (*len)++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return *len > 0;
}

static gboolean
excel_would_mangle (const char *text, SyTableColumnKind kind)
{
  gsize len;

  if (!all_digits (text, &len))
    return FALSE;
  return kind == SY_TABLE_DIGITS || len > 15 || (len > 1 && text[0] == '0');
}

static void
csv_cell (SyTableWriter *self, const char *text, SyTableColumnKind kind)
{
  GString *line = self->line;
  g_autofree char *wrapped = NULL;

  if (self->column > 0)
    g_string_append_c (line, ',');
  if (text == NULL || *text == '\0')
    return;
  if (excel_would_mangle (text, kind))
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

static gboolean
csv_open (SyTableWriter *self, int fd, GError **error)
{
  self->out = fdopen (fd, "wb");
  if (self->out == NULL)
    {
      int errsv = errno;

      close (fd);
      return sy_export_io_error (error, self->path, errsv);
    }
  self->line = g_string_new ("\xEF\xBB\xBF");
  return TRUE;
}

/* --- XLSX ----------------------------------------------------------------- */

static gboolean
xlsx_open (SyTableWriter *self, guint n_rows, GError **error)
{
  const SyTableLayout *layout = self->layout;
  lxw_workbook_options options = { .constant_memory = layout->stream ? LXW_TRUE : LXW_FALSE };
  lxw_format *header;

  /* The temporary file exists (0600) and libxlsxwriter's fopen ("wb")
   * keeps its mode when it writes into it. */
  self->workbook = workbook_new_opt (self->tmp_path, &options);
  if (self->workbook == NULL)
    return sy_export_io_error (error, self->path, ENOMEM);
  self->sheet = workbook_add_worksheet (self->workbook, layout->sheet);
  header = workbook_add_format (self->workbook);
  format_set_bold (header);
  if (!layout->plain_header)
    {
      format_set_bg_color (header, 0xD9E1F2);
      format_set_pattern (header, LXW_PATTERN_SOLID);
    }
  format_set_border (header, LXW_BORDER_THIN);
  format_set_align (header, LXW_ALIGN_CENTER);
  self->text = workbook_add_format (self->workbook);
  format_set_num_format (self->text, "@");
  self->money = workbook_add_format (self->workbook);
  format_set_num_format (self->money, "0.00");

  for (guint i = 0; i < layout->n_columns; i++)
    {
      SyTableColumnKind kind = layout->columns[i].kind;
      lxw_format *format = kind == SY_TABLE_MONEY ? self->money
                           : kind == SY_TABLE_NUMBER ? NULL : self->text;

      worksheet_set_column (self->sheet, i, i, layout->columns[i].width, format);
    }
  worksheet_freeze_panes (self->sheet, 1, 0);
  if (layout->autofilter && layout->n_columns > 0)
    worksheet_autofilter (self->sheet, 0, 0, MAX (n_rows, 1), layout->n_columns - 1);
  for (guint i = 0; i < layout->n_columns; i++)
    keep_lxw_error (self, worksheet_write_string (self->sheet, 0, i, layout->columns[i].title,
                                                  header));
  return TRUE;
}

/* --- cells ---------------------------------------------------------------- */

static SyTableColumnKind
next_kind (SyTableWriter *self)
{
  g_return_val_if_fail (self->column < self->layout->n_columns, SY_TABLE_TEXT);
  return self->layout->columns[self->column].kind;
}

void
sy_table_writer_add_text (SyTableWriter *self, const char *text)
{
  if (self->out != NULL)
    csv_cell (self, text, next_kind (self));
  else if (self->error == NULL && text != NULL && *text != '\0')
    /* Always a string cell, never a number: see the "@" format. */
    keep_lxw_error (self, worksheet_write_string (self->sheet, self->row, self->column, text,
                                                  self->text));
  self->column++;
}

void
sy_table_writer_add_money (SyTableWriter *self, gint64 fen)
{
  if (self->out != NULL)
    {
      g_autofree char *figures = sy_money_format_plain (fen);
      gint64 written = 0;

      csv_cell (self, figures, SY_TABLE_MONEY);
      /* What a reader adds up is the text, so add up the text. */
      if (self->error == NULL && sy_money_parse (figures, &written, &self->error))
        self->money_total += written;
    }
  else
    {
      /* A number so the sheet sums; 分 → 元 only here, at the edge: exact
       * for any amount below 2^53 分, and the total below checks it. */
      double yuan = (double) fen / 100.0;

      if (self->error == NULL)
        keep_lxw_error (self, worksheet_write_number (self->sheet, self->row, self->column,
                                                      yuan, self->money));
      self->money_total += (gint64) llround (yuan * 100.0);
    }
  self->column++;
}

void
sy_table_writer_add_number (SyTableWriter *self, gint64 number)
{
  if (self->out != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      csv_cell (self, text, SY_TABLE_NUMBER);
    }
  else if (self->error == NULL)
    keep_lxw_error (self, worksheet_write_number (self->sheet, self->row, self->column,
                                                  (double) number, NULL));
  self->column++;
}

gboolean
sy_table_writer_end_row (SyTableWriter *self, GError **error)
{
  if (self->out != NULL)
    {
      g_string_append (self->line, "\r\n");
      fwrite (self->line->str, 1, self->line->len, self->out);
      g_string_truncate (self->line, 0);
    }
  self->row++;
  self->column = 0;
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}

gint64
sy_table_writer_get_money_total (SyTableWriter *self)
{
  return self->money_total;
}

/* --- the file ------------------------------------------------------------- */

SyTableWriter *
sy_table_writer_new (const char          *path,
                     gboolean             xlsx,
                     const SyTableLayout *layout,
                     guint                n_rows,
                     GError             **error)
{
  g_autoptr(SyTableWriter) self = g_new0 (SyTableWriter, 1);
  int fd;
  gboolean ok;

  self->layout = layout;
  self->path = g_strdup (path);
  fd = sy_export_temp_file (path, &self->tmp_path, error);
  if (fd < 0)
    return NULL;
  if (xlsx)
    {
      close (fd);
      ok = xlsx_open (self, n_rows, error);
    }
  else
    {
      ok = csv_open (self, fd, error);
      for (guint i = 0; ok && i < layout->n_columns; i++)
        sy_table_writer_add_text (self, layout->columns[i].title);
    }
  if (!ok)
    return NULL;
  self->column = 0;
  if (!sy_table_writer_end_row (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

static void
close_quietly (SyTableWriter *self)
{
  g_clear_pointer (&self->out, fclose);
  g_clear_pointer (&self->workbook, workbook_close);
}

void
sy_table_writer_free (SyTableWriter *self)
{
  if (self == NULL)
    return;
  close_quietly (self);
  if (!self->committed && self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  if (self->line != NULL)
    g_string_free (self->line, TRUE);
  g_clear_error (&self->error);
  g_free (self->tmp_path);
  g_free (self->path);
  g_free (self);
}

gboolean
sy_table_writer_finish (SyTableWriter *self, GError **error)
{
  int fd, errsv;

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  if (self->out != NULL)
    {
      FILE *out = g_steal_pointer (&self->out);

      if (ferror (out) || fflush (out) != 0 || fsync (fileno (out)) != 0)
        {
          errsv = errno ? errno : EIO;
          fclose (out);
          return sy_export_io_error (error, self->path, errsv);
        }
      if (fclose (out) != 0)
        return sy_export_io_error (error, self->path, errno);
      return TRUE;
    }

  keep_lxw_error (self, workbook_close (g_steal_pointer (&self->workbook)));
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  fd = open (self->tmp_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fsync (fd) != 0)
    {
      errsv = errno;
      if (fd >= 0)
        close (fd);
      return sy_export_io_error (error, self->path, errsv);
    }
  close (fd);
  return TRUE;
}

gboolean
sy_table_writer_commit (SyTableWriter *self,
                        SyDatabase    *db,
                        const char    *entity,
                        gint64         entity_id,
                        const char    *members,
                        GError       **error)
{
  /* The commit removes the temporary file itself when it fails. */
  self->committed = TRUE;
  return sy_export_file_commit (db, self->tmp_path, self->path, entity, entity_id, members,
                                NULL, error);
}
