/* sy-bank-file.h: the file a bank pays a disbursement run from
 *
 * Columns 序号 姓名 开户银行 账号 金额 (yuan with two decimals, "1409.50"),
 * one row per line of the run; CSV (UTF-8 with BOM, CRLF, account numbers
 * written ="…" so Excel keeps every digit) or .xlsx (libxlsxwriter; accounts
 * as text, amounts as numbers with two decimals) by @path's extension.
 * Approved and paid runs only (a draft is not money yet).  Before the file
 * is renamed into place the amounts written are summed and reconciled with
 * the run's lines (sy_money_reconcile); a mismatch is an error and no file.
 * Temp file + fsync + rename; logged (action "export", entity
 * "disbursement_batch", profile "bank").
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

gboolean sy_bank_file_write (SyDatabase  *db,
                             gint64       batch_id,
                             const char  *path,
                             gint64      *total_fen,
                             guint       *n_rows,
                             GError     **error);

G_END_DECLS
