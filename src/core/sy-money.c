/* sy-money.c: money is integer 分 (int64), never floating point */
#include "sy-money.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sy-error.h"

#define PREFIX "人民币"

static const char *const digits_cn[10] = {
  "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖",
};

/* PBOC rule (三) lets a 零 be written or left out in two places; the
 * canonical output leaves it out, the parser accepts either. */
typedef enum {
  ZERO_AT_SECTION_GAP = 1 << 0,  /* 壹拾万零柒仟 for 107000 */
  ZERO_BEFORE_JIAO    = 1 << 1,  /* 壹仟陆佰捌拾元零叁角 for 1680.30 */
} RenderFlags;

static guint64
magnitude (gint64 v)
{
  return v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;
}

static char *
format_figures (gint64 fen, gboolean separators)
{
  guint64 mag = magnitude (fen);
  g_autofree char *yuan = g_strdup_printf ("%" G_GUINT64_FORMAT, mag / 100);
  GString *out = g_string_new (fen < 0 ? "-" : "");
  gsize len = strlen (yuan);

  for (gsize i = 0; i < len; i++)
    {
      if (separators && i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, yuan[i]);
    }
  g_string_append_printf (out, ".%02u", (guint) (mag % 100));
  return g_string_free (out, FALSE);
}

char *
sy_money_format (gint64 fen)
{
  return format_figures (fen, TRUE);
}

char *
sy_money_format_plain (gint64 fen)
{
  return format_figures (fen, FALSE);
}

/* 1–9999, with 零 for each run of zeros between non-zero digits and 壹拾
 * (never a bare 拾), as cheques require. */
static void
append_section4 (GString *out, guint n)
{
  static const char *const units[4] = { "仟", "佰", "拾", "" };
  static const guint powers[4] = { 1000, 100, 10, 1 };
  gboolean started = FALSE, pending_zero = FALSE;

  for (int i = 0; i < 4; i++)
    {
      guint d = (n / powers[i]) % 10;

      if (d == 0)
        {
          pending_zero = started;
          continue;
        }
      if (pending_zero)
        g_string_append (out, digits_cn[0]);
      pending_zero = FALSE;
      started = TRUE;
      g_string_append (out, digits_cn[d]);
      g_string_append (out, units[i]);
    }
}

static void append_lower (GString *out, guint64 lo, guint64 leading_place,
                          guint64 hi, RenderFlags flags);

static void
append_below_yi (GString *out, guint64 n, RenderFlags flags)
{
  if (n >= 10000)
    {
      append_section4 (out, (guint) (n / 10000));
      g_string_append (out, "万");
      append_lower (out, n % 10000, 1000, n / 10000, flags);
    }
  else
    append_section4 (out, (guint) n);
}

static void
append_integer (GString *out, guint64 n, RenderFlags flags)
{
  if (n >= 100000000)
    {
      /* Recursing on the part above 亿 gives 万亿 and 亿亿 for free. */
      append_integer (out, n / 100000000, flags);
      g_string_append (out, "亿");
      append_lower (out, n % 100000000, 10000000, n / 100000000, flags);
    }
  else
    append_below_yi (out, n, flags);
}

/* The part below a section unit (the 8 digits below 亿, or the 4 below 万),
 * @hi being the part above it: a 零 goes in front when the leading digit
 * of @lo is zero, and by choice (rule 三) when only the digit of @hi just
 * above the unit is. */
static void
append_lower (GString *out, guint64 lo, guint64 leading_place,
              guint64 hi, RenderFlags flags)
{
  if (lo == 0)
    return;
  if (lo < leading_place || ((flags & ZERO_AT_SECTION_GAP) && hi % 10 == 0))
    g_string_append (out, digits_cn[0]);
  if (leading_place == 1000)
    append_section4 (out, (guint) lo);
  else
    append_below_yi (out, lo, flags);
}

static char *
render_chinese (guint64 fen, RenderFlags flags)
{
  guint64 yuan = fen / 100;
  guint jiao = (guint) (fen / 10 % 10);
  guint fen_digit = (guint) (fen % 10);
  GString *out = g_string_new (PREFIX);

  if (fen == 0)
    {
      g_string_append (out, "零元整");
      return g_string_free (out, FALSE);
    }

  /* Below one yuan PBOC writes only 角 and 分: 人民币伍分, not 零元零伍分. */
  if (yuan > 0)
    {
      append_integer (out, yuan, flags);
      g_string_append (out, "元");
      if (jiao == 0 && fen_digit == 0)
        {
          g_string_append (out, "整");
          return g_string_free (out, FALSE);
        }
      if (jiao == 0 || ((flags & ZERO_BEFORE_JIAO) && yuan % 10 == 0))
        g_string_append (out, digits_cn[0]);
    }
  if (jiao != 0)
    {
      g_string_append (out, digits_cn[jiao]);
      g_string_append (out, "角");
    }
  if (fen_digit != 0)
    {
      g_string_append (out, digits_cn[fen_digit]);
      g_string_append (out, "分");
    }
  return g_string_free (out, FALSE);
}

char *
sy_money_to_chinese (gint64 fen, GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (fen < 0)
    {
      g_autofree char *figures = sy_money_format (fen);

      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("A negative amount (%s) cannot be written in Chinese capital "
                     "figures."),
                   figures);
      return NULL;
    }
  return render_chinese ((guint64) fen, 0);
}

/* --- parsing ------------------------------------------------------------ */

static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0xFEFF || (c >= 0x200B && c <= 0x200D);
}

static char *
trim_dup (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (start < end && is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !is_blank (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

static int
digit_value (gunichar c)
{
  for (int i = 0; i < 10; i++)
    if (g_utf8_get_char (digits_cn[i]) == c)
      return i;
  return -1;
}

/* Reads a run of 大写 numerals into @value.  Deliberately forgiving: the
 * caller renders the value again and compares, which is what rejects any
 * text that is not the way the amount is written. */
static gboolean
read_integer (const char *s, const char *end, guint64 *value)
{
  guint64 total = 0, section = 0;
  int digit = -1;

  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int d = digit_value (c);
      guint64 unit = 0;

      if (d >= 0)
        {
          if (digit > 0)
            return FALSE;  /* two digits in a row */
          digit = d;
          continue;
        }
      switch (c)
        {
        case 0x62FE: unit = 10; break;    /* 拾 */
        case 0x4F70: unit = 100; break;   /* 佰 */
        case 0x4EDF: unit = 1000; break;  /* 仟 */
        case 0x4E07:                      /* 万 */
          if (digit > 0)
            section += (guint64) digit;
          digit = -1;
          if (section == 0 || section >= 10000)
            return FALSE;
          if (!g_uint64_checked_mul (&section, section, 10000)
              || !g_uint64_checked_add (&total, total, section))
            return FALSE;
          section = 0;
          continue;
        case 0x4EBF:                      /* 亿 */
          if (digit > 0)
            section += (guint64) digit;
          digit = -1;
          if (!g_uint64_checked_add (&total, total, section)
              || total == 0
              || !g_uint64_checked_mul (&total, total, 100000000))
            return FALSE;
          section = 0;
          continue;
        default:
          return FALSE;
        }
      if (digit <= 0)
        return FALSE;  /* a unit needs a non-zero digit before it */
      section += (guint64) digit * unit;
      digit = -1;
    }
  if (digit > 0)
    section += (guint64) digit;
  if (!g_uint64_checked_add (&total, total, section))
    return FALSE;
  *value = total;
  return TRUE;
}

static gboolean
read_fraction (const char *s, const char *end, guint *jiao, guint *fen)
{
  int digit = -1;

  *jiao = *fen = 0;
  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int d = digit_value (c);

      if (d >= 0)
        {
          if (digit > 0)
            return FALSE;
          digit = d;
        }
      else if (c == 0x89D2 && digit > 0)  /* 角 */
        {
          *jiao = (guint) digit;
          digit = -1;
        }
      else if (c == 0x5206 && digit > 0)  /* 分 */
        {
          *fen = (guint) digit;
          digit = -1;
        }
      else
        return FALSE;
    }
  return digit <= 0;
}

static gboolean
invalid_chinese (GError **error, const char *text)
{
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("“%s” is not an amount written in Chinese capital figures "
                 "(for example 人民币壹仟肆佰零玖元伍角)."),
               text);
  return FALSE;
}

gboolean
sy_money_parse_chinese (const char *text, gint64 *fen, GError **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *body = NULL;
  const char *yuan_mark, *frac, *end;
  guint64 yuan = 0, total;
  guint jiao, fen_digit;
  static const RenderFlags variants[] = {
    0, ZERO_AT_SECTION_GAP, ZERO_BEFORE_JIAO, ZERO_AT_SECTION_GAP | ZERO_BEFORE_JIAO,
  };

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return invalid_chinese (error, "");

  trimmed = trim_dup (text);
  /* Accepted spellings: with or without the 人民币 prefix, 正 for 整, and
   * an optional 整 after 角 (PBOC allows both). */
  body = g_strdup (g_str_has_prefix (trimmed, PREFIX)
                   ? trimmed + strlen (PREFIX) : trimmed);
  if (g_str_has_suffix (body, "正"))
    strcpy (body + strlen (body) - strlen ("正"), "整");
  if (g_str_has_suffix (body, "角整"))
    body[strlen (body) - strlen ("整")] = '\0';

  end = body + strlen (body);
  if (g_str_has_suffix (body, "整"))
    end -= strlen ("整");
  yuan_mark = strstr (body, "元");
  frac = body;
  if (yuan_mark != NULL)
    {
      if (!read_integer (body, yuan_mark, &yuan))
        return invalid_chinese (error, trimmed);
      frac = yuan_mark + strlen ("元");
    }
  if (!read_fraction (frac, end, &jiao, &fen_digit))
    return invalid_chinese (error, trimmed);

  if (!g_uint64_checked_mul (&total, yuan, 100)
      || !g_uint64_checked_add (&total, total, jiao * 10 + fen_digit)
      || total > G_MAXINT64)
    return invalid_chinese (error, trimmed);

  for (gsize i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *again = render_chinese (total, variants[i]);

      if (strcmp (again + strlen (PREFIX), body) == 0)
        {
          if (fen != NULL)
            *fen = (gint64) total;
          return TRUE;
        }
    }
  return invalid_chinese (error, trimmed);
}

gboolean
sy_money_parse (const char *text, gint64 *fen, GError **error)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  gboolean negative = FALSE;
  guint64 yuan = 0, total;
  guint cents = 0;
  int n_digits = 0, group = 0, n_decimals = 0;
  gboolean grouped = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";
  trimmed = trim_dup (text);
  p = trimmed;

  if (*p == '\0')
    {
      g_set_error_literal (error, SY_ERROR, SY_ERROR_INVALID,
                           _("The amount is empty."));
      return FALSE;
    }
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  /* A currency sign is common in pasted figures: ¥ (U+00A5) or ￥ (U+FFE5). */
  if (g_str_has_prefix (p, "¥"))
    p += strlen ("¥");
  else if (g_str_has_prefix (p, "￥"))
    p += strlen ("￥");

  for (; *p != '\0' && *p != '.'; p++)
    {
      if (*p == ',')
        {
          /* Separators must group by three: 1,409 not 14,09. */
          if (n_digits == 0 || (grouped && group != 3) || (!grouped && group > 3))
            goto garbage;
          grouped = TRUE;
          group = 0;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        goto garbage;
      if (!g_uint64_checked_mul (&yuan, yuan, 10)
          || !g_uint64_checked_add (&yuan, yuan, (guint64) (*p - '0')))
        goto too_large;
      n_digits++;
      group++;
    }
  if (n_digits == 0 || (grouped && group != 3))
    goto garbage;

  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++)
        {
          n_decimals++;
          if (n_decimals > 2)
            {
              g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                           _("“%s” has more than two decimal places; amounts go "
                             "down to 分 (0.01)."),
                           trimmed);
              return FALSE;
            }
          cents = cents * 10 + (guint) (*p - '0');
        }
      if (n_decimals == 0 || *p != '\0')
        goto garbage;
      if (n_decimals == 1)
        cents *= 10;
    }

  if (!g_uint64_checked_mul (&total, yuan, 100)
      || !g_uint64_checked_add (&total, total, cents)
      || total > G_MAXINT64)
    goto too_large;

  if (fen != NULL)
    *fen = negative ? -(gint64) total : (gint64) total;
  return TRUE;

garbage:
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("“%s” is not an amount; write it in figures like 1409.50 or "
                 "1,409.50."),
               trimmed);
  return FALSE;

too_large:
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("The amount “%s” is too large."), trimmed);
  return FALSE;
}

/* --- reconciliation ----------------------------------------------------- */

gboolean
sy_money_reconcile (gint64      lines_total,
                    gint64      printed_total,
                    const char *printed_words,
                    gint64      file_total,
                    GError    **error)
{
  g_autofree char *lines_text = sy_money_format (lines_total);
  g_autofree char *printed_text = sy_money_format (printed_total);
  g_autoptr(GError) parse_error = NULL;
  gint64 words_total = -1;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (lines_total != printed_total)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The lines add up to %s but the total printed is %s."),
                   lines_text, printed_text);
      return FALSE;
    }
  if (printed_words == NULL
      || !sy_money_parse_chinese (printed_words, &words_total, &parse_error))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The total in words (“%s”) cannot be read back as an amount; "
                     "the lines add up to %s."),
                   printed_words ? printed_words : "", lines_text);
      return FALSE;
    }
  if (words_total != lines_total)
    {
      g_autofree char *words_text = sy_money_format (words_total);

      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The total in words (%s, that is %s) differs from the lines’ "
                     "total %s."),
                   printed_words, words_text, lines_text);
      return FALSE;
    }
  if (file_total != -1 && file_total != lines_total)
    {
      g_autofree char *file_text = sy_money_format (file_total);

      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The bank file adds up to %s but the lines add up to %s."),
                   file_text, lines_text);
      return FALSE;
    }
  return TRUE;
}
