/* sy-money.h: money is integer 分 (int64), never floating point */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "1409.50" style figures with thousands separators: "1,409.50".  Caller frees. */
char     *sy_money_format        (gint64 fen);
/* Plain figures without separators: "1409.50".  Caller frees. */
char     *sy_money_format_plain  (gint64 fen);

/* 大写金额 by the PBOC rules: 1409.50 → 人民币壹仟肆佰零玖元伍角.
 * Negative amounts are refused (NULL + SY_ERROR_INVALID). */
char     *sy_money_to_chinese    (gint64 fen, GError **error);

/* Parses a 大写 amount back to 分 (the reconciliation check uses it). */
gboolean  sy_money_parse_chinese (const char *text, gint64 *fen, GError **error);

/* Parses figures like "1,409.5", "1409.50", "1409" into 分 without floating
 * point; more than two decimals or garbage is SY_ERROR_INVALID. */
gboolean  sy_money_parse         (const char *text, gint64 *fen, GError **error);

/* The reconciliation every roster and bank file passes before it is written:
 * @lines_total (the sum of the run's lines), @printed_total (the 合计 shown),
 * @printed_words (the 大写 shown, parsed back with sy_money_parse_chinese)
 * and @file_total (the sum of a bank file's amounts; -1 when there is no
 * file) must all be equal.  SY_ERROR_INVALID naming the figures otherwise. */
gboolean  sy_money_reconcile     (gint64      lines_total,
                                  gint64      printed_total,
                                  const char *printed_words,
                                  gint64      file_total,
                                  GError    **error);

G_END_DECLS
