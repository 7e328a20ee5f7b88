/* sy-numeral.c: Chinese counting numerals */
#include "sy-numeral.h"

void
sy_numeral_append_chinese (GString *out,
                           int      n)
{
  static const char *const digits[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

  g_return_if_fail (out != NULL);

  /* Plans have a few dozen items at one level, a ledger a few volumes. */
  if (n <= 0 || n > 99)
    g_string_append_printf (out, "%d", n);
  else
    {
      if (n >= 20)
        g_string_append (out, digits[n / 10]);
      if (n >= 10)
        g_string_append (out, "十");
      if (n % 10 != 0 || n < 10)
        g_string_append (out, digits[n % 10]);
    }
}

char *
sy_numeral_chinese (int n)
{
  GString *out = g_string_new (NULL);

  sy_numeral_append_chinese (out, n);
  return g_string_free (out, FALSE);
}
