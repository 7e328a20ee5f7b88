/* sy-bank-file.c: the file a bank pays a disbursement run from
 *
 * The amounts are checked the way the bank will see them: every amount is
 * summed again from the text (CSV) or the number (XLSX) that went into the
 * file, and that sum must reconcile with the run's lines before the file
 * is renamed into place.
 */
#include "sy-bank-file.h"
#include "sy-queries.h"
#include "sy-table-writer.h"

#include <glib/gi18n-lib.h>

static const SyTableColumn columns[] = {
  { "序号", 6, SY_TABLE_NUMBER },
  { "姓名", 12, SY_TABLE_TEXT },
  { "开户银行", 24, SY_TABLE_TEXT },
  /* Excel turns a cell of digits into a number: a 19-digit account would
   * lose its tail, a leading 0 would go. */
  { "账号", 26, SY_TABLE_DIGITS },
  { "金额", 14, SY_TABLE_MONEY },
};

static const SyTableLayout layout = {
  .sheet = "代发明细",
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .plain_header = TRUE,
};

typedef struct {
  SyDatabase *db;
  gint64      batch_id;
  const char *path;
  GListModel *lines;
  gint64      lines_total;
} BankFile;

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

/* The rows, summed again as the bank will read them: the text (CSV) or the
 * number (XLSX) that went into the file. */
static SyTableWriter *
write_rows (BankFile *bf, gboolean xlsx, GError **error)
{
  g_autoptr(SyTableWriter) writer = NULL;
  guint n = g_list_model_get_n_items (bf->lines);

  writer = sy_table_writer_new (bf->path, xlsx, &layout, n, error);
  if (writer == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SyDisbursementLine) l = g_list_model_get_item (bf->lines, i);

      sy_table_writer_add_number (writer, i + 1);
      sy_table_writer_add_text (writer, sy_disbursement_line_get_recipient_name (l));
      sy_table_writer_add_text (writer, sy_disbursement_line_get_bank (l));
      sy_table_writer_add_text (writer, sy_disbursement_line_get_account (l));
      sy_table_writer_add_money (writer, sy_disbursement_line_get_amount_fen (l));
      if (!sy_table_writer_end_row (writer, error))
        return NULL;
    }
  if (!sy_table_writer_finish (writer, error))
    return NULL;
  return g_steal_pointer (&writer);
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
  g_autoptr(SyTableWriter) writer = NULL;
  g_autofree char *words = NULL;
  g_autofree char *members = NULL;
  gboolean xlsx, known, ok = FALSE;
  gint64 file_total;
  guint n;

  g_return_val_if_fail (SY_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  xlsx = sy_table_writer_path_is_xlsx (path, &known);
  if (!known)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s: a bank file is written as .csv or .xlsx; give a name ending "
                     "in one of them."), path);
      return FALSE;
    }

  if (!read_run (&bf, error))
    goto out;
  writer = write_rows (&bf, xlsx, error);
  if (writer == NULL)
    goto out;
  file_total = sy_table_writer_get_money_total (writer);
  words = sy_money_to_chinese (bf.lines_total, error);
  if (words == NULL
      || !sy_money_reconcile (bf.lines_total, bf.lines_total, words, file_total, error))
    goto out;
  n = g_list_model_get_n_items (bf.lines);
  members = g_strdup_printf ("\"profile\":\"bank\",\"lines\":%u,\"total_fen\":%" G_GINT64_FORMAT,
                             n, file_total);
  if (!sy_table_writer_commit (writer, db, "disbursement_batch", batch_id, members, error))
    goto out;

  if (total_fen != NULL)
    *total_fen = file_total;
  if (n_rows != NULL)
    *n_rows = n;
  ok = TRUE;

out:
  g_clear_object (&bf.lines);
  return ok;
}
