/* sy-bank-file.c: the file a bank pays a disbursement run from
 *
 * The amounts are checked the way the bank will see them: every amount is
 * summed again from the text (CSV) or the number (XLSX) that went into the
 * file, and that sum must reconcile with the run's lines before the file
 * is renamed into place.
 */
#include "sy-bank-file.h"
#include "sy-queries.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

static const char *const titles[] = { "序号", "姓名", "开户银行", "账号", "金额" };

typedef struct {
  SyDatabase *db;
  gint64      batch_id;
  const char *path;
  char       *target;
  char       *dir;
  char       *tmp_path;
  GListModel *lines;
  gint64      lines_total;
  gint64      file_total;
  guint       n_rows;
} BankFile;

static void
bank_file_clear (BankFile *bf)
{
  g_free (bf->target);
  g_free (bf->dir);
  g_free (bf->tmp_path);
  g_clear_object (&bf->lines);
}

static gboolean
set_io_error (GError **error, const char *path, int errsv)
{
  g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path, g_strerror (errsv));
  return FALSE;
}

static gboolean
xlsx_error (GError **error, const char *path, lxw_error err)
{
  g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), path, lxw_strerror (err));
  return FALSE;
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
all_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Reads the run and its lines; refuses a draft (not money yet) and lines
 * that cannot be paid (negative amounts, a total beyond gint64). */
static gboolean
read_run (BankFile *bf, GError **error)
{
  g_autoptr(SyDisbursementBatch) batch = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, bf->batch_id);
  const char *state;
  guint n;

  batch = sy_database_load (bf->db, SY_TYPE_DISBURSEMENT_BATCH, bf->batch_id, &local_error);
  if (batch == NULL)
    {
      if (g_error_matches (local_error, SY_ERROR, SY_ERROR_NOT_FOUND))
        g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND,
                     _("There is no disbursement run %s."), id_text);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  state = sy_disbursement_batch_get_state (batch);
  if (g_strcmp0 (state, "approved") != 0 && g_strcmp0 (state, "paid") != 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Run %s (“%s”) is a draft: approve it before writing its bank file."),
                   id_text, sy_disbursement_batch_get_title (batch));
      return FALSE;
    }

  bf->lines = sy_queries_batch_lines (bf->db, bf->batch_id, error);
  if (bf->lines == NULL)
    return FALSE;
  n = g_list_model_get_n_items (bf->lines);
  bf->lines_total = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyDisbursementLine) line = g_list_model_get_item (bf->lines, i);
      gint64 amount = sy_disbursement_line_get_amount_fen (line);

      if (amount < 0 || bf->lines_total > G_MAXINT64 - amount)
        {
          g_autofree char *figures = sy_money_format (amount);

          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       _("Line %u of run %s (%s) has an amount that cannot be paid: %s."),
                       i + 1, id_text, sy_disbursement_line_get_recipient_name (line), figures);
          return FALSE;
        }
      bf->lines_total += amount;
    }
  return TRUE;
}

static void
temp_path_for (BankFile *bf)
{
  g_autofree char *base = NULL;

  bf->target = g_canonicalize_filename (bf->path, NULL);
  bf->dir = g_path_get_dirname (bf->target);
  base = g_path_get_basename (bf->target);
  bf->tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", bf->dir, base);
}

/* --- CSV ------------------------------------------------------------------ */

static void
append_cell (GString *line, const char *text, gboolean first)
{
  if (!first)
    g_string_append_c (line, ',');
  if (text == NULL || *text == '\0')
    return;
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
write_csv (BankFile *bf, GError **error)
{
  g_autoptr(GString) line = g_string_sized_new (256);
  guint n = g_list_model_get_n_items (bf->lines);
  FILE *out;
  int fd, errsv;

  /* Names and accounts: private to the user, like the database. */
  fd = g_mkstemp_full (bf->tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_io_error (error, bf->path, errno);
  out = fdopen (fd, "wb");
  if (out == NULL)
    {
      errsv = errno;
      close (fd);
      g_unlink (bf->tmp_path);
      return set_io_error (error, bf->path, errsv);
    }

  /* The BOM: Excel reads the file as UTF-8 only with it. */
  g_string_assign (line, "\xEF\xBB\xBF");
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    append_cell (line, titles[c], c == 0);
  g_string_append (line, "\r\n");
  fwrite (line->str, 1, line->len, out);

  bf->file_total = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyDisbursementLine) l = g_list_model_get_item (bf->lines, i);
      g_autofree char *serial = g_strdup_printf ("%u", i + 1);
      g_autofree char *amount = sy_money_format_plain (sy_disbursement_line_get_amount_fen (l));
      g_autofree char *account = NULL;
      const char *acc = sy_disbursement_line_get_account (l);
      gint64 written = 0;

      /* Excel turns a cell of digits into a number: a 19-digit account
       * would lose its tail, a leading 0 would go. */
      account = all_digits (acc) ? g_strdup_printf ("=\"%s\"", acc) : g_strdup (acc);
      g_string_truncate (line, 0);
      append_cell (line, serial, TRUE);
      append_cell (line, sy_disbursement_line_get_recipient_name (l), FALSE);
      append_cell (line, sy_disbursement_line_get_bank (l), FALSE);
      append_cell (line, account, FALSE);
      append_cell (line, amount, FALSE);
      g_string_append (line, "\r\n");
      fwrite (line->str, 1, line->len, out);

      /* What the bank will add up is the text, so add up the text. */
      if (!sy_money_parse (amount, &written, error))
        {
          fclose (out);
          g_unlink (bf->tmp_path);
          return FALSE;
        }
      bf->file_total += written;
    }
  bf->n_rows = n;

  if (ferror (out) || fflush (out) != 0 || fsync (fileno (out)) != 0)
    {
      errsv = errno ? errno : EIO;
      fclose (out);
      g_unlink (bf->tmp_path);
      return set_io_error (error, bf->path, errsv);
    }
  if (fclose (out) != 0)
    {
      errsv = errno;
      g_unlink (bf->tmp_path);
      return set_io_error (error, bf->path, errsv);
    }
  return TRUE;
}

/* --- XLSX ----------------------------------------------------------------- */

static gboolean
write_xlsx (BankFile *bf, GError **error)
{
  guint n = g_list_model_get_n_items (bf->lines);
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *header, *text, *money;
  lxw_error err = LXW_NO_ERROR;
  int fd;

  fd = g_mkstemp_full (bf->tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_io_error (error, bf->path, errno);
  close (fd);

  workbook = workbook_new (bf->tmp_path);
  if (workbook == NULL)
    {
      g_unlink (bf->tmp_path);
      return set_io_error (error, bf->path, ENOMEM);
    }
  sheet = workbook_add_worksheet (workbook, "代发明细");
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_border (header, LXW_BORDER_THIN);
  format_set_align (header, LXW_ALIGN_CENTER);
  text = workbook_add_format (workbook);
  format_set_num_format (text, "@");
  money = workbook_add_format (workbook);
  format_set_num_format (money, "0.00");

  worksheet_set_column (sheet, 0, 0, 6, NULL);
  worksheet_set_column (sheet, 1, 1, 12, text);
  worksheet_set_column (sheet, 2, 2, 24, text);
  worksheet_set_column (sheet, 3, 3, 26, text);
  worksheet_set_column (sheet, 4, 4, 14, money);
  worksheet_freeze_panes (sheet, 1, 0);
  for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
    worksheet_write_string (sheet, 0, c, titles[c], header);

  bf->file_total = 0;
  for (guint i = 0; i < n && err == LXW_NO_ERROR; i++)
    {
      g_autoptr(SyDisbursementLine) l = g_list_model_get_item (bf->lines, i);
      gint64 fen = sy_disbursement_line_get_amount_fen (l);
      /* Exact for any amount below 2^53 分; the sum below checks it. */
      double yuan = (double) fen / 100.0;
      const char *name = sy_disbursement_line_get_recipient_name (l);
      const char *bank = sy_disbursement_line_get_bank (l);
      const char *account = sy_disbursement_line_get_account (l);
      lxw_row_t row = i + 1;

      err = worksheet_write_number (sheet, row, 0, i + 1, NULL);
      if (err == LXW_NO_ERROR && name != NULL && *name != '\0')
        err = worksheet_write_string (sheet, row, 1, name, text);
      if (err == LXW_NO_ERROR && bank != NULL && *bank != '\0')
        err = worksheet_write_string (sheet, row, 2, bank, text);
      /* A string cell: every digit of the account stays. */
      if (err == LXW_NO_ERROR && account != NULL && *account != '\0')
        err = worksheet_write_string (sheet, row, 3, account, text);
      if (err == LXW_NO_ERROR)
        err = worksheet_write_number (sheet, row, 4, yuan, money);
      /* The bank adds up the numbers in the cells: so do we. */
      bf->file_total += (gint64) llround (yuan * 100.0);
    }
  if (err != LXW_NO_ERROR)
    {
      workbook_close (workbook);
      g_unlink (bf->tmp_path);
      return xlsx_error (error, bf->path, err);
    }
  bf->n_rows = n;

  err = workbook_close (workbook);
  if (err != LXW_NO_ERROR)
    {
      g_unlink (bf->tmp_path);
      return xlsx_error (error, bf->path, err);
    }
  fd = open (bf->tmp_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fsync (fd) != 0)
    {
      int errsv = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (bf->tmp_path);
      return set_io_error (error, bf->path, errsv);
    }
  close (fd);
  return TRUE;
}

/* Renames the temp file over the target and logs the export, both or
 * neither.  Removes the temp file on failure. */
static gboolean
commit_file (BankFile *bf, GError **error)
{
  g_autofree char *json_file = json_string (bf->target);
  g_autofree char *details = NULL;
  int errsv, dir_fd;

  details = g_strdup_printf ("{\"profile\":\"bank\",\"lines\":%u,\"total_fen\":%" G_GINT64_FORMAT
                             ",\"file\":%s}", bf->n_rows, bf->file_total, json_file);
  if (!sy_database_begin (bf->db, error))
    {
      g_unlink (bf->tmp_path);
      return FALSE;
    }
  if (!sy_database_audit_event (bf->db, "export", "disbursement_batch", bf->batch_id,
                                details, error))
    {
      sy_database_rollback (bf->db);
      g_unlink (bf->tmp_path);
      return FALSE;
    }
  if (g_rename (bf->tmp_path, bf->target) != 0)
    {
      errsv = errno;
      sy_database_rollback (bf->db);
      g_unlink (bf->tmp_path);
      return set_io_error (error, bf->path, errsv);
    }
  if (!sy_database_commit (bf->db, error))
    {
      g_unlink (bf->target);
      return FALSE;
    }
  dir_fd = open (bf->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

gboolean
sy_bank_file_write (SyDatabase  *db,
                    gint64       batch_id,
                    const char  *path,
                    gint64      *total_fen,
                    guint       *n_rows,
                    GError     **error)
{
  BankFile bf = { db, batch_id, path, };
  g_autofree char *lower = NULL;
  g_autofree char *words = NULL;
  gboolean xlsx, ok = FALSE;

  g_return_val_if_fail (SY_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  xlsx = g_str_has_suffix (lower, ".xlsx");
  if (!xlsx && !g_str_has_suffix (lower, ".csv"))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s: a bank file is written as .csv or .xlsx; give a name ending "
                     "in one of them."), path);
      return FALSE;
    }

  if (!read_run (&bf, error))
    goto out;
  temp_path_for (&bf);
  if (!(xlsx ? write_xlsx (&bf, error) : write_csv (&bf, error)))
    goto out;
  words = sy_money_to_chinese (bf.lines_total, error);
  if (words == NULL
      || !sy_money_reconcile (bf.lines_total, bf.lines_total, words, bf.file_total, error))
    {
      g_unlink (bf.tmp_path);
      goto out;
    }
  if (!commit_file (&bf, error))
    goto out;

  if (total_fen != NULL)
    *total_fen = bf.file_total;
  if (n_rows != NULL)
    *n_rows = bf.n_rows;
  ok = TRUE;

out:
  bank_file_clear (&bf);
  return ok;
}
