/* sy-numeral.h: Chinese counting numerals (一, 十二, 二十三)
 *
 * The way plans number their parts (一、二、…) and the ledger its volumes
 * (第三卷): lower-case counting numerals, not the 大写 of money
 * (sy-money.h).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @n as 一 … 九十九; other numbers (0, negative, ≥ 100) as
 * Arabic digits, which a reader understands as well. */
void  sy_numeral_append_chinese (GString *out,
                                 int      n);
/* The same as a new string. */
char *sy_numeral_chinese        (int      n);

G_END_DECLS
