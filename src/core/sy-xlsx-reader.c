/* sy-xlsx-reader.c: Excel workbooks (.xlsx) as tables of shown text
 *
 * libarchive opens the zip container in memory, libxml2's streaming reader
 * walks each part (never a DOM: a sheet of 100 000 rows is tens of MB of
 * XML).  Parts are found through the relationships, as Excel does, so that
 * workbooks written by WPS, LibreOffice or libxlsxwriter all work.
 */
#include "sy-xlsx-reader.h"

#include <math.h>
#include <string.h>
#include <libxml/xmlreader.h>
#include <glib/gi18n-lib.h>

#include "sy-error.h"
#include "sy-ooxml-private.h"

/* Excel's limits: XFD columns, 1 048 576 rows. */
#define MAX_COLUMNS 16384
#define MAX_ROW     1048576
/* The last date Excel shows (9999-12-31). */
#define MAX_SERIAL  2958465.0

#define KIND_MASK    0x7f
#define KIND_SECONDS 0x80

struct _SyXlsxReader
{
  GObject parent_instance;

  int        chosen_sheet;   /* -1: default */
  guint      last_sheet;

  /* the open workbook */
  char      *file_name;
  GBytes    *bytes;
  GPtrArray *sheet_names;    /* char *, NULL-terminated */
  GPtrArray *sheet_paths;    /* char * member name; "" for a chart sheet */
  GArray    *sheet_hidden;   /* gboolean */
  gboolean   date1904;
  char      *strings_path;   /* NULL: none */
  char      *styles_path;    /* NULL: none */

  /* loaded on the first read_sheet */
  gboolean   aux_loaded;
  GPtrArray *shared_strings; /* char * */
  GArray    *xf_kinds;       /* guint8: SyXlsxFormatKind | KIND_SECONDS */
  GPtrArray *xf_codes;       /* char *: the number format code; NULL for General */
};

G_DEFINE_FINAL_TYPE (SyXlsxReader, sy_xlsx_reader, G_TYPE_OBJECT)

static void
close_workbook (SyXlsxReader *self)
{
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->sheet_names, g_ptr_array_unref);
  g_clear_pointer (&self->sheet_paths, g_ptr_array_unref);
  g_clear_pointer (&self->sheet_hidden, g_array_unref);
  g_clear_pointer (&self->strings_path, g_free);
  g_clear_pointer (&self->styles_path, g_free);
  g_clear_pointer (&self->shared_strings, g_ptr_array_unref);
  g_clear_pointer (&self->xf_kinds, g_array_unref);
  g_clear_pointer (&self->xf_codes, g_ptr_array_unref);
  self->aux_loaded = FALSE;
  self->date1904 = FALSE;
}

static void
sy_xlsx_reader_finalize (GObject *object)
{
  close_workbook (SY_XLSX_READER (object));

  G_OBJECT_CLASS (sy_xlsx_reader_parent_class)->finalize (object);
}

static void
sy_xlsx_reader_class_init (SyXlsxReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_xlsx_reader_finalize;
}

static void
sy_xlsx_reader_init (SyXlsxReader *self)
{
  self->chosen_sheet = -1;
}

SyXlsxReader *
sy_xlsx_reader_new (void)
{
  return g_object_new (SY_TYPE_XLSX_READER, NULL);
}

static gboolean
damaged (SyXlsxReader *self, const char *member, GError **error)
{
  return sy_ooxml_fail (error,
                        _("%s is damaged or incomplete (part %s cannot be read). Open it in "
                          "Excel or WPS, save it again as .xlsx, and import it again."),
                        self->file_name, member);
}

/* --- number formats -------------------------------------------------------- */

static SyXlsxFormatKind
builtin_kind (guint id, gboolean *with_seconds)
{
  *with_seconds = FALSE;
  switch (id)
    {
    case 14: case 15: case 16: case 17:
    /* The Chinese built-ins: 年月日 forms. */
    case 27: case 28: case 29: case 30: case 31: case 36:
    case 50: case 51: case 52: case 53: case 54: case 57: case 58:
      return SY_XLSX_FORMAT_DATE;
    case 19: case 21: case 45: case 46: case 47: case 33: case 35:
      *with_seconds = TRUE;
      return SY_XLSX_FORMAT_TIME;
    case 18: case 20: case 32: case 34: case 55: case 56:
      return SY_XLSX_FORMAT_TIME;
    case 22:
      return SY_XLSX_FORMAT_DATE_TIME;
    case 49:
      return SY_XLSX_FORMAT_TEXT;
    default:
      return SY_XLSX_FORMAT_GENERAL;
    }
}

SyXlsxFormatKind
sy_xlsx_classify_format (const char *code,
                         gboolean   *with_seconds)
{
  gboolean date = FALSE, time = FALSE, seconds = FALSE;
  char previous = '\0';  /* the last date/time letter seen */

  if (with_seconds != NULL)
    *with_seconds = FALSE;
  if (code == NULL)
    return SY_XLSX_FORMAT_GENERAL;
  if (strcmp (code, "@") == 0)
    return SY_XLSX_FORMAT_TEXT;

  /* Only the first section (positive numbers) matters; quoted text,
   * escaped characters, fill and padding characters and [colour]/[$-804]
   * brackets are not format letters. */
  for (const char *p = code; *p && *p != ';'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (*p == '"')
        {
          p = strchr (p + 1, '"');
          if (p == NULL)
            break;
          continue;
        }
      if (*p == '\\' || *p == '_' || *p == '*')
        {
          if (p[1] == '\0')
            break;
          p++;
          continue;
        }
      if (*p == '[')
        {
          const char *close = strchr (p, ']');
          char first;

          if (close == NULL)
            break;
          first = g_ascii_tolower (p[1]);
          /* [h]:mm, [mm]:ss: elapsed time */
          if (first == 'h' || first == 'm' || first == 's')
            {
              gboolean all_same = TRUE;

              for (const char *q = p + 1; q < close; q++)
                if (g_ascii_tolower (*q) != first)
                  all_same = FALSE;
              if (all_same)
                {
                  time = TRUE;
                  seconds |= first == 's';
                  previous = first;
                }
            }
          p = close;
          continue;
        }
      if (g_ascii_strncasecmp (p, "am/pm", 5) == 0)
        {
          time = TRUE;
          p += 4;
          continue;
        }
      if (g_ascii_strncasecmp (p, "a/p", 3) == 0)
        {
          time = TRUE;
          p += 2;
          continue;
        }

      switch (c)
        {
        case 'y': case 'd':
          date = TRUE;
          previous = c;
          break;
        case 'h':
          time = TRUE;
          previous = c;
          break;
        case 's':
          time = TRUE;
          seconds = TRUE;
          previous = c;
          break;
        case 'm':
          {
            const char *q = p;

            /* m after h or before s is minutes, otherwise the month. */
            while (g_ascii_tolower (*q) == 'm')
              q++;
            while (*q && !g_ascii_isalpha (*q) && *q != '"' && *q != ';')
              q++;
            if (previous == 'h' || g_ascii_tolower (*q) == 's')
              time = TRUE;
            else
              date = TRUE;
            previous = 'm';
            while (g_ascii_tolower (p[1]) == 'm')
              p++;
          }
          break;
        default:
          break;
        }
    }

  if (with_seconds != NULL)
    *with_seconds = seconds;
  if (date && time)
    return SY_XLSX_FORMAT_DATE_TIME;
  if (date)
    return SY_XLSX_FORMAT_DATE;
  if (time)
    return SY_XLSX_FORMAT_TIME;
  return SY_XLSX_FORMAT_GENERAL;
}

/* Excel's General format: integers in full up to 15 digits; longer numbers
 * (which a double cannot hold exactly anyway) in 6 significant digits. */
static char *
format_general (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("#NUM!");
  if (value == 0)
    return g_strdup ("0");
  if (fabs (value) >= 1e15)
    {
      char *e, *m;

      g_ascii_formatd (buf, sizeof buf, "%.5E", value);
      /* 1.00000E+15 → 1E+15 */
      e = strchr (buf, 'E');
      m = e;
      while (m > buf && m[-1] == '0')
        m--;
      if (m > buf && m[-1] == '.')
        m--;
      memmove (m, e, strlen (e) + 1);
      return g_strdup (buf);
    }
  if (value == floor (value))
    return g_strdup_printf ("%.0f", value);

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  for (char *p = buf; *p; p++)
    if (*p == 'e')
      *p = 'E';
  return g_strdup (buf);
}

/* --- number format codes ---------------------------------------------------
 * Excel shows a number through at most 15 significant digits, whatever the
 * double holds, and rounds half away from zero on that decimal form.  So the
 * renderer works on a decimal digit string (never on the double again):
 * 360426199101010071 typed into a "0" cell is the double
 * 360426199101010048, which Excel shows as 360426199101010000. */

typedef struct
{
  GString *digits;  /* significant digits, no leading or trailing zeros */
  int      point;   /* value = 0.digits × 10^point */
} Decimal;

static void
decimal_init (Decimal *d, double magnitude)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *e;

  d->digits = g_string_new (NULL);
  d->point = 0;
  if (magnitude == 0)
    return;
  /* d.dddddddddddddde±X: 15 significant digits, correctly rounded */
  g_ascii_formatd (buf, sizeof buf, "%.14e", magnitude);
  for (const char *p = buf; *p && *p != 'e'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (d->digits, *p);
  e = strchr (buf, 'e');
  d->point = (e != NULL ? atoi (e + 1) : 0) + 1;
  while (d->digits->len > 0 && d->digits->str[d->digits->len - 1] == '0')
    g_string_truncate (d->digits, d->digits->len - 1);
  if (d->digits->len == 0)
    d->point = 0;
}

/* Keeps @keep significant digits, rounding half away from zero. */
static void
decimal_round_digits (Decimal *d, int keep)
{
  gboolean up;
  int i;

  if (keep < 0)
    {
      g_string_truncate (d->digits, 0);
      d->point = 0;
      return;
    }
  if ((gsize) keep >= d->digits->len)
    return;
  up = d->digits->str[keep] >= '5';
  g_string_truncate (d->digits, keep);
  for (i = keep - 1; up && i >= 0; i--)
    {
      if (d->digits->str[i] == '9')
        d->digits->str[i] = '0';
      else
        {
          d->digits->str[i]++;
          up = FALSE;
        }
    }
  if (up)
    {
      /* 9.99 → 10.0: the carry made a new leading digit */
      g_string_prepend_c (d->digits, '1');
      d->point++;
    }
  while (d->digits->len > 0 && d->digits->str[d->digits->len - 1] == '0')
    g_string_truncate (d->digits, d->digits->len - 1);
  if (d->digits->len == 0)
    d->point = 0;
}

/* The digit @index places after the first significant one's slot: with
 * d->point integer digits, index d->point is the first decimal. */
static char
decimal_digit_at (const Decimal *d, int index)
{
  if (index < 0 || (gsize) index >= d->digits->len)
    return '0';
  return d->digits->str[index];
}

typedef enum {
  TOK_LITERAL,
  TOK_INT,       /* an integer digit placeholder 0 # ? */
  TOK_POINT,
  TOK_FRAC,      /* a decimal digit placeholder */
  TOK_EXP,       /* E+ or E- */
  TOK_EXP_DIGIT,
  TOK_GENERAL,
} TokenKind;

typedef struct
{
  TokenKind   kind;
  char        ch;       /* the placeholder, or E/e, or the exponent sign */
  const char *text;     /* TOK_LITERAL: into the section or a static string */
  gsize       len;
} Token;

typedef struct
{
  GArray  *tokens;
  int      n_int, n_frac, n_exp;
  int      scale;       /* powers of ten: +2 per %, -3 per trailing comma */
  gboolean thousands;
  gboolean exponent;
} Section;

static gboolean
is_placeholder (char c)
{
  return c == '0' || c == '#' || c == '?';
}

static void
add_token (Section *s, TokenKind kind, char ch, const char *text, gsize len)
{
  Token t = { kind, ch, text, len };
  g_array_append_val (s->tokens, t);
}

/* Parses one section [start, end) of a format code.  FALSE for what this
 * renderer does not do (fractions, conditions, text sections, stray
 * letters): the caller then shows General. */
static gboolean
parse_section (const char *start, const char *end, Section *s)
{
  gboolean after_point = FALSE, seen_int = FALSE;
  gboolean scaling = FALSE;  /* the last character was a scaling comma */
  const char *p = start;

  while (p < end)
    {
      char c = *p;
      gboolean was_scaling = scaling;

      scaling = FALSE;
      if (c == '"')
        {
          const char *close = memchr (p + 1, '"', end - p - 1);

          if (close == NULL)
            return FALSE;
          add_token (s, TOK_LITERAL, 0, p + 1, close - p - 1);
          p = close + 1;
        }
      else if (c == '\\' || c == '_' || c == '*')
        {
          const char *next = p + 1;

          if (next >= end)
            return FALSE;
          next = g_utf8_next_char (next);
          /* _x pads with the width of x and *x fills the cell: neither is
           * text a reader of the value wants. */
          if (c == '\\')
            add_token (s, TOK_LITERAL, 0, p + 1, next - p - 1);
          p = next;
        }
      else if (c == '[')
        {
          const char *close = memchr (p, ']', end - p);

          if (close == NULL)
            return FALSE;
          if (p[1] == '$')
            {
              /* [$¥-804]: the symbol, then the locale */
              const char *sym = p + 2, *dash = sym;

              while (dash < close && *dash != '-')
                dash++;
              if (dash > sym)
                add_token (s, TOK_LITERAL, 0, sym, dash - sym);
            }
          else if (!g_ascii_isalpha (p[1]))
            return FALSE;  /* [>100] conditions, [h] elapsed time */
          /* [Red], [Color10]: colours are not text */
          p = close + 1;
        }
      else if (end - p >= 7 && g_ascii_strncasecmp (p, "General", 7) == 0)
        {
          add_token (s, TOK_GENERAL, 0, NULL, 0);
          p += 7;
        }
      else if (is_placeholder (c))
        {
          if (s->exponent)
            {
              add_token (s, TOK_EXP_DIGIT, c, NULL, 0);
              s->n_exp++;
            }
          else if (after_point)
            {
              add_token (s, TOK_FRAC, c, NULL, 0);
              s->n_frac++;
            }
          else
            {
              add_token (s, TOK_INT, c, NULL, 0);
              s->n_int++;
              seen_int = TRUE;
            }
          p++;
        }
      else if (c == '.' && !after_point && !s->exponent)
        {
          add_token (s, TOK_POINT, 0, NULL, 0);
          after_point = TRUE;
          p++;
        }
      else if (c == ',')
        {
          /* Between integer placeholders it groups thousands; after the
           * last placeholder each one divides by 1000. */
          if (seen_int && !after_point && p + 1 < end && is_placeholder (p[1]))
            s->thousands = TRUE;
          else if (p > start && (is_placeholder (p[-1]) || (p[-1] == ',' && was_scaling)))
            {
              s->scale -= 3;
              scaling = TRUE;
              p++;
              continue;
            }
          else
            add_token (s, TOK_LITERAL, 0, p, 1);
          p++;
        }
      else if (c == '%')
        {
          s->scale += 2;
          add_token (s, TOK_LITERAL, 0, p, 1);
          p++;
        }
      else if ((c == 'E' || c == 'e') && p + 2 < end && (p[1] == '+' || p[1] == '-')
               && !s->exponent && (seen_int || after_point))
        {
          s->exponent = TRUE;
          add_token (s, TOK_EXP, p[1], p, 1);
          p += 2;
        }
      else if (strchr ("$-+()/:!^&'~{}<>= ", c) != NULL && c != '\0')
        {
          if (c == '/')
            return FALSE;  /* fractions */
          add_token (s, TOK_LITERAL, 0, p, 1);
          p++;
        }
      else if ((guchar) c >= 0x80)
        {
          /* ¥, 元, 人 …: literal text, however the writer escaped it */
          const char *next = g_utf8_next_char (p);

          add_token (s, TOK_LITERAL, 0, p, next - p);
          p = next;
        }
      else
        return FALSE;  /* @, date letters, anything unknown */
    }
  if (s->exponent && s->n_exp == 0)
    return FALSE;
  return TRUE;
}

/* Where the exponent of a scientific format puts the point for a number
 * whose point is at @point (value = 0.ddd × 10^point): one integer digit,
 * none for ".00E+00", or a multiple of the integer placeholders for
 * engineering formats like ##0.0E+0. */
static int
exponent_for (const Section *s, int point)
{
  int lead = point - 1;

  if (s->n_int == 0)
    return point;
  if (s->n_int == 1)
    return lead;
  return (lead >= 0 ? lead / s->n_int : -((-lead + s->n_int - 1) / s->n_int)) * s->n_int;
}

/* Renders @magnitude (≥ 0) through a parsed section; FALSE when what it
 * shows is zero (so a single-section format adds no minus sign). */
static gboolean
render_section (const Section *s, double magnitude, GString *out)
{
  Decimal d;
  g_autofree char *int_digits = NULL;  /* the integer part, no leading zeros */
  g_autoptr(GString) grouped = NULL;
  int exponent = 0, int_len, int_index = 0, frac_index = 0, exp_index = 0;
  g_autofree char *exp_digits = NULL;
  char frac[64];
  int frac_shown;
  gboolean nonzero, general = FALSE;

  decimal_init (&d, magnitude);
  if (s->exponent)
    {
      if (d.digits->len > 0)
        {
          int point = d.point;

          exponent = exponent_for (s, point);
          d.point = point - exponent;
          decimal_round_digits (&d, d.point + s->n_frac);
          /* 9.996 → 10.00: a carry can move the number into the next
           * exponent; its digits are then a lone 1 */
          if (d.digits->len > 0 && exponent_for (s, d.point + exponent) != exponent)
            {
              point = d.point + exponent;
              exponent = exponent_for (s, point);
              d.point = point - exponent;
            }
        }
    }
  else
    {
      if (d.digits->len > 0)
        d.point += s->scale;
      decimal_round_digits (&d, d.point + s->n_frac);
    }

  int_len = MAX (d.point, 0);
  int_digits = g_malloc (int_len + 1);
  for (int i = 0; i < int_len; i++)
    int_digits[i] = decimal_digit_at (&d, i);
  int_digits[int_len] = '\0';

  /* decimals: trailing zeros under # vanish, under ? become spaces */
  for (int j = 0; j < s->n_frac && j < (int) sizeof frac; j++)
    frac[j] = decimal_digit_at (&d, d.point + j);
  frac_shown = MIN (s->n_frac, (int) sizeof frac);

  if (s->exponent)
    exp_digits = g_strdup_printf ("%d", ABS (exponent));

  if (s->thousands)
    {
      /* the whole integer part, grouped, at the first placeholder */
      g_autoptr(GString) plain = g_string_new (NULL);
      int n_zero = 0, k = 0;
      const Token *toks = (const Token *) s->tokens->data;

      /* placeholders from the first 0 on are always shown */
      for (guint i = 0, seen = 0; i < s->tokens->len; i++)
        if (toks[i].kind == TOK_INT)
          {
            if (toks[i].ch == '0' && n_zero == 0)
              n_zero = s->n_int - seen;
            seen++;
          }
      for (int i = int_len; i < n_zero; i++)
        g_string_append_c (plain, '0');
      g_string_append (plain, int_digits);
      grouped = g_string_new (NULL);
      for (gsize i = 0; i < plain->len; i++)
        {
          g_string_append_c (grouped, plain->str[i]);
          k = plain->len - i - 1;
          if (k > 0 && k % 3 == 0)
            g_string_append_c (grouped, ',');
        }
    }

  for (guint i = 0; i < s->tokens->len; i++)
    {
      const Token *t = &g_array_index (s->tokens, Token, i);

      switch (t->kind)
        {
        case TOK_LITERAL:
          g_string_append_len (out, t->text, t->len);
          break;
        case TOK_GENERAL:
          {
            g_autofree char *g = format_general (magnitude);
            g_string_append (out, g);
            general = TRUE;
          }
          break;
        case TOK_INT:
          {
            /* the k-th placeholder from the right takes the k-th digit;
             * the leftmost one takes all the digits left over */
            int from_right = s->n_int - 1 - int_index;

            if (grouped != NULL)
              {
                if (int_index == 0)
                  g_string_append (out, grouped->str);
              }
            else if (int_index == 0 && int_len > s->n_int)
              g_string_append_len (out, int_digits, int_len - s->n_int + 1);
            else if (from_right < int_len)
              g_string_append_c (out, int_digits[int_len - 1 - from_right]);
            else if (t->ch == '0')
              g_string_append_c (out, '0');
            else if (t->ch == '?')
              g_string_append_c (out, ' ');
            int_index++;
          }
          break;
        case TOK_POINT:
          g_string_append_c (out, '.');
          break;
        case TOK_FRAC:
          if (frac_index < frac_shown)
            {
              gboolean trailing = TRUE;
              const Token *toks = (const Token *) s->tokens->data;
              int j = frac_index;

              /* is this and everything after it zero under # or ? */
              for (guint m = i, f = frac_index; m < s->tokens->len; m++)
                if (toks[m].kind == TOK_FRAC && (int) f < frac_shown)
                  {
                    if (frac[f] != '0' || toks[m].ch == '0')
                      trailing = FALSE;
                    f++;
                  }
              if (!trailing)
                g_string_append_c (out, frac[j]);
              else if (t->ch == '?')
                g_string_append_c (out, ' ');
            }
          frac_index++;
          break;
        case TOK_EXP:
          g_string_append_c (out, *t->text);
          if (exponent < 0)
            g_string_append_c (out, '-');
          else if (t->ch == '+')
            g_string_append_c (out, '+');
          break;
        case TOK_EXP_DIGIT:
          {
            int len = strlen (exp_digits);
            int from_right = s->n_exp - 1 - exp_index;

            if (exp_index == 0 && len > s->n_exp)
              g_string_append_len (out, exp_digits, len - s->n_exp + 1);
            else if (from_right < len)
              g_string_append_c (out, exp_digits[len - 1 - from_right]);
            else if (t->ch == '0')
              g_string_append_c (out, '0');
            exp_index++;
          }
          break;
        default:
          break;
        }
    }
  nonzero = general ? magnitude != 0 : d.digits->len > 0;
  g_string_free (d.digits, TRUE);
  return nonzero;
}

static const struct { guint id; const char *code; } builtin_codes[] = {
  { 0, "General" },
  { 1, "0" },
  { 2, "0.00" },
  { 3, "#,##0" },
  { 4, "#,##0.00" },
  { 9, "0%" },
  { 10, "0.00%" },
  { 11, "0.00E+00" },
  { 37, "#,##0 ;(#,##0)" },
  { 38, "#,##0 ;[Red](#,##0)" },
  { 39, "#,##0.00;(#,##0.00)" },
  { 40, "#,##0.00;[Red](#,##0.00)" },
  { 48, "##0.0E+0" },
  { 49, "@" },
};

const char *
sy_xlsx_builtin_format_code (guint id)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_codes); i++)
    if (builtin_codes[i].id == id)
      return builtin_codes[i].code;
  return NULL;
}

char *
sy_xlsx_format_number_code (double      value,
                            const char *format_code)
{
  const char *sections[4] = { NULL }, *ends[4] = { NULL };
  const char *start, *p;
  guint n = 0, chosen;
  gboolean minus, nonzero;
  Section s = { 0 };
  g_autoptr(GString) out = NULL;

  if (format_code == NULL || !isfinite (value))
    return format_general (value);

  /* split at ; outside quotes, escapes and brackets */
  start = format_code;
  for (p = format_code; ; p++)
    {
      if (*p == '"')
        {
          p = strchr (p + 1, '"');
          if (p == NULL)
            return format_general (value);
        }
      else if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '[')
        {
          p = strchr (p, ']');
          if (p == NULL)
            return format_general (value);
        }
      else if (*p == ';' || *p == '\0')
        {
          if (n < G_N_ELEMENTS (sections))
            {
              sections[n] = start;
              ends[n] = p;
              n++;
            }
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }

  /* positive; negative (shown without a minus of its own); zero */
  if (value < 0 && n >= 2)
    chosen = 1;
  else if (value == 0 && n >= 3)
    chosen = 2;
  else
    chosen = 0;
  minus = value < 0 && chosen == 0;

  s.tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  if (!parse_section (sections[chosen], ends[chosen], &s))
    {
      g_array_unref (s.tokens);
      return format_general (value);
    }
  out = g_string_new (NULL);
  nonzero = render_section (&s, fabs (value), out);
  g_array_unref (s.tokens);

  /* -0.001 under "0.00" shows no sign: no digit says it is negative */
  if (minus && nonzero)
    g_string_prepend_c (out, '-');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
sy_xlsx_format_number (double           value,
                       SyXlsxFormatKind kind,
                       gboolean         with_seconds,
                       gboolean         date1904)
{
  gint64 total, days, secs;
  g_autoptr(GString) out = NULL;

  if (kind != SY_XLSX_FORMAT_DATE && kind != SY_XLSX_FORMAT_TIME
      && kind != SY_XLSX_FORMAT_DATE_TIME)
    return format_general (value);
  /* Excel shows #### for these. */
  if (!isfinite (value) || value < 0 || value > MAX_SERIAL + 1)
    return format_general (value);

  total = (gint64) llround (value * 86400.0);
  days = total / 86400;
  secs = total % 86400;
  out = g_string_new (NULL);

  if (kind != SY_XLSX_FORMAT_TIME)
    {
      if (date1904)
        {
          GDate *d = g_date_new_dmy (1, G_DATE_JANUARY, 1904);

          g_date_add_days (d, (guint) days);
          g_string_printf (out, "%04d-%02d-%02d", g_date_get_year (d),
                           g_date_get_month (d), g_date_get_day (d));
          g_date_free (d);
        }
      else if (days == 60)
        /* Lotus 1-2-3 thought 1900 a leap year and Excel kept the day. */
        g_string_assign (out, "1900-02-29");
      else if (days == 0)
        g_string_assign (out, "1900-01-00");
      else
        {
          GDate *d = g_date_new_dmy (days < 60 ? 31 : 30, G_DATE_DECEMBER, 1899);

          g_date_add_days (d, (guint) days);
          g_string_printf (out, "%04d-%02d-%02d", g_date_get_year (d),
                           g_date_get_month (d), g_date_get_day (d));
          g_date_free (d);
        }
    }
  if (kind != SY_XLSX_FORMAT_DATE)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%02d:%02d", (int) (secs / 3600), (int) (secs / 60 % 60));
      if (with_seconds)
        g_string_append_printf (out, ":%02d", (int) (secs % 60));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- the zip container -------------------------------------------------- */

/* The uncompressed bytes of @member, or NULL: *missing is set when the zip
 * has no such member (and no error is set then). */
static GBytes *
extract_member (SyXlsxReader *self,
                const char   *member,
                gboolean     *missing,
                GError      **error)
{
  g_autofree char *why = NULL;
  SyOoxmlStatus status;
  GBytes *result;

  *missing = FALSE;
  result = sy_ooxml_extract (self->bytes, member, SY_XLSX_MAX_MEMBER_SIZE, &status, &why);
  switch (status)
    {
    case SY_OOXML_OK:
      break;
    case SY_OOXML_MISSING:
      *missing = TRUE;
      break;
    case SY_OOXML_NOT_ZIP:
      sy_ooxml_fail (error,
                     _("%s is damaged or incomplete: it is not a readable zip file (%s). "
                       "Open it in Excel or WPS, save it again as .xlsx, and import it again."),
                     self->file_name, why);
      break;
    case SY_OOXML_ENCRYPTED:
      sy_ooxml_fail (error,
                     _("%s is password protected. Open it in Excel or WPS, remove the "
                       "password, save it as .xlsx or “CSV UTF-8”, and import that file."),
                     self->file_name);
      break;
    case SY_OOXML_TOO_LARGE:
      sy_ooxml_fail (error,
                     _("%s: part %s would be larger than %d MB uncompressed; it is "
                       "refused as damaged or malicious (a “zip bomb”). Save the "
                       "sheet as “CSV UTF-8” and import that file."),
                     self->file_name, member, SY_XLSX_MAX_MEMBER_SIZE / (1024 * 1024));
      break;
    case SY_OOXML_DAMAGED:
      damaged (self, member, error);
      break;
    case SY_OOXML_BAD_ZIP:
      sy_ooxml_fail (error,
                     _("%s is damaged or incomplete: the zip container cannot be read "
                       "(%s). Open it in Excel or WPS, save it again as .xlsx, and "
                       "import it again."),
                     self->file_name, why);
      break;
    }
  return result;
}

/* A member that must be there. */
static GBytes *
require_member (SyXlsxReader *self, const char *member, GError **error)
{
  gboolean missing;
  GBytes *bytes = extract_member (self, member, &missing, error);

  if (bytes == NULL && missing)
    damaged (self, member, error);
  return bytes;
}

/* --- workbook and relationships ------------------------------------------- */

/* @target relative to the folder of @source ("xl/workbook.xml"), or
 * absolute ("/xl/worksheets/sheet1.xml"), as a member name. */
static char *
resolve_target (const char *source, const char *target)
{
  g_autofree char *dir = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  if (target[0] == '/')
    joined = g_strdup (target + 1);
  else
    {
      dir = g_path_get_dirname (source);
      joined = strcmp (dir, ".") == 0 ? g_strdup (target) : g_strconcat (dir, "/", target, NULL);
    }
  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (stack->len > 0)
            g_ptr_array_remove_index (stack, stack->len - 1);
          continue;
        }
      g_ptr_array_add (stack, parts[i]);
    }
  g_ptr_array_add (stack, NULL);
  return g_strjoinv ("/", (char **) stack->pdata);
}

/* "xl/workbook.xml" → "xl/_rels/workbook.xml.rels" */
static char *
rels_path (const char *source)
{
  g_autofree char *dir = g_path_get_dirname (source);
  g_autofree char *base = g_path_get_basename (source);

  if (strcmp (dir, ".") == 0)
    return g_strdup_printf ("_rels/%s.rels", base);
  return g_strdup_printf ("%s/_rels/%s.rels", dir, base);
}

typedef struct
{
  char *id;
  char *type;    /* the last segment of the Type URI: "worksheet" … */
  char *target;  /* resolved member name */
} Relationship;

static void
relationship_free (gpointer data)
{
  Relationship *rel = data;

  g_free (rel->id);
  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

/* The relationships of part @source; an empty list when it has none. */
static GPtrArray *
read_relationships (SyXlsxReader *self, const char *source, GError **error)
{
  g_autofree char *path = rels_path (source);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rels = g_ptr_array_new_with_free_func (relationship_free);
  xmlTextReaderPtr r;
  gboolean missing;
  int ret;

  bytes = extract_member (self, path, &missing, error);
  if (bytes == NULL)
    return missing ? g_steal_pointer (&rels) : NULL;

  r = sy_ooxml_xml_open (bytes, path);
  if (r == NULL)
    {
      damaged (self, path, error);
      return NULL;
    }
  while ((ret = xmlTextReaderRead (r)) == 1)
    {
      g_autofree char *mode = NULL;
      g_autofree char *type = NULL;
      g_autofree char *target = NULL;
      Relationship *rel;
      const char *slash;

      if (xmlTextReaderNodeType (r) != XML_READER_TYPE_ELEMENT || !sy_ooxml_is_name (r, "Relationship"))
        continue;
      mode = sy_ooxml_get_attr (r, "TargetMode", FALSE);
      target = sy_ooxml_get_attr (r, "Target", FALSE);
      type = sy_ooxml_get_attr (r, "Type", FALSE);
      if (target == NULL || type == NULL || (mode != NULL && strcmp (mode, "External") == 0))
        continue;
      rel = g_new0 (Relationship, 1);
      rel->id = sy_ooxml_get_attr (r, "Id", FALSE);
      slash = strrchr (type, '/');
      rel->type = g_strdup (slash ? slash + 1 : type);
      rel->target = resolve_target (source, target);
      g_ptr_array_add (rels, rel);
    }
  xmlFreeTextReader (r);
  if (ret < 0)
    {
      damaged (self, path, error);
      return NULL;
    }
  return g_steal_pointer (&rels);
}

static const Relationship *
find_relationship (GPtrArray *rels, const char *id, const char *type)
{
  for (guint i = 0; i < rels->len; i++)
    {
      const Relationship *rel = g_ptr_array_index (rels, i);

      if (id != NULL && g_strcmp0 (rel->id, id) == 0)
        return rel;
      if (type != NULL && strcmp (rel->type, type) == 0)
        return rel;
    }
  return NULL;
}

static gboolean
check_container (SyXlsxReader *self, GError **error)
{
  gsize len;
  const guchar *data = g_bytes_get_data (self->bytes, &len);

  if (sy_ooxml_is_compound (data, len))
    /* Excel wraps an encrypted .xlsx in the same OLE compound file as an
     * old .xls: the two cannot be told apart without the password. */
    return sy_ooxml_fail (error,
                          _("%s is password protected or an old Excel workbook (.xls), which "
                            "cannot be read. Open it in Excel or WPS, remove any password, "
                            "save it as .xlsx (Excel workbook) or “CSV UTF-8”, and import that "
                            "file."),
                          self->file_name);
  if (!sy_ooxml_is_zip (data, len))
    return sy_ooxml_fail (error,
                          _("%s is not an Excel workbook (.xlsx): it is not a zip file. If it "
                            "is a CSV file, name it .csv; otherwise open it in Excel or WPS and "
                            "save it as .xlsx."),
                          self->file_name);
  return TRUE;
}

static gboolean
read_workbook (SyXlsxReader *self, GError **error)
{
  g_autoptr(GPtrArray) root_rels = NULL;
  g_autoptr(GPtrArray) rels = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *workbook_path = NULL;
  const Relationship *rel;
  xmlTextReaderPtr r;
  gboolean missing;
  int ret;

  root_rels = read_relationships (self, "", error);
  if (root_rels == NULL)
    return FALSE;
  rel = find_relationship (root_rels, NULL, "officeDocument");
  workbook_path = g_strdup (rel ? rel->target : "xl/workbook.xml");

  bytes = extract_member (self, workbook_path, &missing, error);
  if (bytes == NULL)
    {
      g_autoptr(GBytes) mimetype = NULL;
      gboolean no_mimetype;

      if (!missing)
        return FALSE;
      mimetype = extract_member (self, "mimetype", &no_mimetype, NULL);
      if (mimetype != NULL && g_bytes_get_size (mimetype) > 0
          && g_strstr_len (g_bytes_get_data (mimetype, NULL), g_bytes_get_size (mimetype),
                           "opendocument.spreadsheet") != NULL)
        return sy_ooxml_fail (error,
                              _("%s is an OpenDocument spreadsheet (.ods), not an Excel workbook: "
                                "save it as .xlsx or “CSV UTF-8” and import that file."),
                              self->file_name);
      return sy_ooxml_fail (error,
                            _("%s is a zip file but not an Excel workbook (.xlsx): it has no "
                              "workbook part. Open it in Excel or WPS and save it as .xlsx."),
                            self->file_name);
    }

  rels = read_relationships (self, workbook_path, error);
  if (rels == NULL)
    return FALSE;

  self->sheet_names = g_ptr_array_new_with_free_func (g_free);
  self->sheet_paths = g_ptr_array_new_with_free_func (g_free);
  self->sheet_hidden = g_array_new (FALSE, FALSE, sizeof (gboolean));

  r = sy_ooxml_xml_open (bytes, workbook_path);
  if (r == NULL)
    return damaged (self, workbook_path, error);
  while ((ret = xmlTextReaderRead (r)) == 1)
    {
      if (xmlTextReaderNodeType (r) != XML_READER_TYPE_ELEMENT)
        continue;
      if (sy_ooxml_is_name (r, "workbookPr"))
        {
          g_autofree char *v = sy_ooxml_get_attr (r, "date1904", FALSE);
          self->date1904 = v != NULL && (strcmp (v, "1") == 0 || strcmp (v, "true") == 0);
        }
      else if (sy_ooxml_is_name (r, "sheet"))
        {
          g_autofree char *name = sy_ooxml_get_attr (r, "name", FALSE);
          g_autofree char *id = sy_ooxml_get_attr (r, "id", TRUE);
          g_autofree char *state = sy_ooxml_get_attr (r, "state", FALSE);
          const Relationship *sheet_rel = id ? find_relationship (rels, id, NULL) : NULL;
          gboolean hidden = state != NULL && strcmp (state, "visible") != 0;

          if (name == NULL)
            continue;
          g_ptr_array_add (self->sheet_names, g_steal_pointer (&name));
          g_ptr_array_add (self->sheet_paths,
                           g_strdup (sheet_rel && strcmp (sheet_rel->type, "worksheet") == 0
                                     ? sheet_rel->target : ""));
          g_array_append_val (self->sheet_hidden, hidden);
        }
    }
  xmlFreeTextReader (r);
  if (ret < 0)
    return damaged (self, workbook_path, error);
  g_ptr_array_add (self->sheet_names, NULL);

  if (self->sheet_paths->len == 0)
    return sy_ooxml_fail (error, _("%s is an Excel workbook without any sheet."), self->file_name);

  if ((rel = find_relationship (rels, NULL, "sharedStrings")) != NULL)
    self->strings_path = g_strdup (rel->target);
  if ((rel = find_relationship (rels, NULL, "styles")) != NULL)
    self->styles_path = g_strdup (rel->target);
  return TRUE;
}

gboolean
sy_xlsx_reader_open_bytes (SyXlsxReader  *self,
                           GBytes        *bytes,
                           const char    *file_name,
                           GError       **error)
{
  g_return_val_if_fail (SY_IS_XLSX_READER (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  close_workbook (self);
  self->file_name = g_strdup (file_name ? file_name : "-");
  self->bytes = g_bytes_ref (bytes);
  if (!check_container (self, error) || !read_workbook (self, error))
    {
      g_autofree char *keep = g_strdup (self->file_name);

      close_workbook (self);
      self->file_name = g_steal_pointer (&keep);
      return FALSE;
    }
  return TRUE;
}

gboolean
sy_xlsx_reader_open_file (SyXlsxReader  *self,
                          GFile         *file,
                          const char    *file_name,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *parse_name = NULL;

  g_return_val_if_fail (SY_IS_XLSX_READER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (file_name == NULL)
    file_name = parse_name = g_file_get_parse_name (file);

  bytes = sy_load_file_bytes (file, file_name, cancellable, error);
  if (bytes == NULL)
    return FALSE;
  return sy_xlsx_reader_open_bytes (self, bytes, file_name, error);
}

guint
sy_xlsx_reader_get_n_sheets (SyXlsxReader *self)
{
  g_return_val_if_fail (SY_IS_XLSX_READER (self), 0);
  return self->sheet_paths ? self->sheet_paths->len : 0;
}

const char * const *
sy_xlsx_reader_get_sheet_names (SyXlsxReader *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (SY_IS_XLSX_READER (self), none);
  return self->sheet_names ? (const char * const *) self->sheet_names->pdata : none;
}

int
sy_xlsx_reader_find_sheet (SyXlsxReader *self,
                           const char   *name)
{
  g_return_val_if_fail (SY_IS_XLSX_READER (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < sy_xlsx_reader_get_n_sheets (self); i++)
    if (strcmp (g_ptr_array_index (self->sheet_names, i), name) == 0)
      return (int) i;
  return -1;
}

guint
sy_xlsx_reader_get_default_sheet (SyXlsxReader *self)
{
  g_return_val_if_fail (SY_IS_XLSX_READER (self), 0);

  for (guint i = 0; i < sy_xlsx_reader_get_n_sheets (self); i++)
    if (!g_array_index (self->sheet_hidden, gboolean, i)
        && *(const char *) g_ptr_array_index (self->sheet_paths, i) != '\0')
      return i;
  return 0;
}

/* --- shared strings and styles ------------------------------------------ */

static gboolean
read_shared_strings (SyXlsxReader *self, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  xmlTextReaderPtr r;
  gboolean in_si = FALSE, in_t = FALSE;
  int in_phonetic = 0;
  int ret;

  self->shared_strings = g_ptr_array_new_with_free_func (g_free);
  if (self->strings_path == NULL)
    return TRUE;
  bytes = require_member (self, self->strings_path, error);
  if (bytes == NULL)
    return FALSE;

  r = sy_ooxml_xml_open (bytes, self->strings_path);
  if (r == NULL)
    return damaged (self, self->strings_path, error);
  while ((ret = xmlTextReaderRead (r)) == 1)
    {
      int type = xmlTextReaderNodeType (r);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (r);

          if (sy_ooxml_is_name (r, "si"))
            {
              if (empty)
                g_ptr_array_add (self->shared_strings, g_strdup (""));
              else
                {
                  in_si = TRUE;
                  g_string_truncate (text, 0);
                }
            }
          /* rPh: the phonetic guide (furigana/pinyin) above a run, not part
           * of the value. */
          else if (sy_ooxml_is_name (r, "rPh") && !empty)
            in_phonetic++;
          else if (sy_ooxml_is_name (r, "t") && in_si && in_phonetic == 0 && !empty)
            in_t = TRUE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (sy_ooxml_is_name (r, "t"))
            in_t = FALSE;
          else if (sy_ooxml_is_name (r, "rPh") && in_phonetic > 0)
            in_phonetic--;
          else if (sy_ooxml_is_name (r, "si") && in_si)
            {
              g_ptr_array_add (self->shared_strings, sy_ooxml_unescape (text->str, text->len));
              in_si = FALSE;
            }
        }
      else if (in_t && sy_ooxml_is_text_node (type))
        g_string_append (text, (const char *) xmlTextReaderConstValue (r));
    }
  xmlFreeTextReader (r);
  if (ret < 0)
    return damaged (self, self->strings_path, error);
  return TRUE;
}

static gboolean
read_styles (SyXlsxReader *self, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) custom = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                                        NULL, g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean in_cell_xfs = FALSE;
  xmlTextReaderPtr r;
  int ret;

  self->xf_kinds = g_array_new (FALSE, TRUE, sizeof (guint8));
  self->xf_codes = g_ptr_array_new_with_free_func (g_free);
  if (self->styles_path == NULL)
    return TRUE;
  bytes = require_member (self, self->styles_path, error);
  if (bytes == NULL)
    return FALSE;

  r = sy_ooxml_xml_open (bytes, self->styles_path);
  if (r == NULL)
    return damaged (self, self->styles_path, error);
  while ((ret = xmlTextReaderRead (r)) == 1)
    {
      int type = xmlTextReaderNodeType (r);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (sy_ooxml_is_name (r, "numFmt"))
            {
              g_autofree char *id = sy_ooxml_get_attr (r, "numFmtId", FALSE);
              char *code = sy_ooxml_get_attr (r, "formatCode", FALSE);

              if (id != NULL && code != NULL)
                g_hash_table_replace (custom, GUINT_TO_POINTER (strtoul (id, NULL, 10)), code);
              else
                g_free (code);
            }
          /* cellStyleXfs has xf elements too: only cellXfs is what s= counts. */
          else if (sy_ooxml_is_name (r, "cellXfs") && !xmlTextReaderIsEmptyElement (r))
            in_cell_xfs = TRUE;
          else if (sy_ooxml_is_name (r, "xf") && in_cell_xfs)
            {
              g_autofree char *id = sy_ooxml_get_attr (r, "numFmtId", FALSE);
              guint n = id ? (guint) strtoul (id, NULL, 10) : 0;

              g_array_append_val (ids, n);
            }
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && sy_ooxml_is_name (r, "cellXfs"))
        in_cell_xfs = FALSE;
    }
  xmlFreeTextReader (r);
  if (ret < 0)
    return damaged (self, self->styles_path, error);

  for (guint i = 0; i < ids->len; i++)
    {
      guint id = g_array_index (ids, guint, i);
      const char *code = g_hash_table_lookup (custom, GUINT_TO_POINTER (id));
      gboolean seconds = FALSE;
      SyXlsxFormatKind kind;
      guint8 packed;

      kind = code ? sy_xlsx_classify_format (code, &seconds) : builtin_kind (id, &seconds);
      packed = (guint8) kind | (seconds ? KIND_SECONDS : 0);
      g_array_append_val (self->xf_kinds, packed);
      if (code == NULL)
        code = sy_xlsx_builtin_format_code (id);
      /* only number formats need their code; General needs none */
      if (kind == SY_XLSX_FORMAT_GENERAL && code != NULL
          && g_ascii_strcasecmp (code, "General") != 0)
        g_ptr_array_add (self->xf_codes, g_strdup (code));
      else
        g_ptr_array_add (self->xf_codes, NULL);
    }
  return TRUE;
}

/* --- a worksheet ----------------------------------------------------------- */

typedef struct
{
  guint  column;
  char  *text;
} Cell;

typedef struct
{
  SyXlsxReader *self;
  SyTable      *table;
  const char   *member;
  GArray       *cells;      /* Cell of the row being read */
  guint         row;        /* its number */
  guint         last_row;
  guint         last_column;
  gsize         n_cells;
  /* the cell being read */
  guint         column;
  char         *type;
  guint         style;
  gboolean      has_value;
  GString      *value;
} SheetReader;

static void
clear_cells (GArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    g_free (g_array_index (cells, Cell, i).text);
  g_array_set_size (cells, 0);
}

static int
compare_cells (gconstpointer a, gconstpointer b)
{
  const Cell *ca = a, *cb = b;
  return ca->column < cb->column ? -1 : ca->column > cb->column;
}

static gboolean
flush_row (SheetReader *sr, GError **error)
{
  guint next = 0;

  if (sr->cells->len == 0)
    return TRUE;
  g_array_sort (sr->cells, compare_cells);
  sy_table_begin_row (sr->table, sr->row);
  for (guint i = 0; i < sr->cells->len; i++)
    {
      Cell *cell = &g_array_index (sr->cells, Cell, i);

      /* A column given twice: the later cell wins. */
      if (i + 1 < sr->cells->len && g_array_index (sr->cells, Cell, i + 1).column == cell->column)
        continue;
      sr->n_cells += cell->column + 1 - next;
      if (sr->n_cells > SY_XLSX_MAX_CELLS)
        {
          sy_table_end_row (sr->table);
          clear_cells (sr->cells);
          return sy_ooxml_fail (error,
                                _("%s: the sheet has more than %d cells, more than this "
                                  "program reads from one sheet. Split it into smaller "
                                  "files."),
                                sr->self->file_name, SY_XLSX_MAX_CELLS);
        }
      for (; next < cell->column; next++)
        sy_table_add_cell (sr->table, "", 0);
      sy_table_add_cell (sr->table, cell->text, -1);
      next = cell->column + 1;
    }
  sy_table_end_row (sr->table);
  clear_cells (sr->cells);
  return TRUE;
}

/* "BC12" → column 54 (0-based); G_MAXUINT when it is not a reference. */
static guint
parse_column (const char *ref)
{
  guint column = 0;
  const char *p = ref;

  while (g_ascii_isalpha (*p))
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (column > MAX_COLUMNS)
        return G_MAXUINT;
      p++;
    }
  if (p == ref || !g_ascii_isdigit (*p))
    return G_MAXUINT;
  return column - 1;
}

/* The shown text of the cell just read, or NULL (and an error). */
static char *
render_cell (SheetReader *sr, GError **error)
{
  SyXlsxReader *self = sr->self;
  const char *type = sr->type ? sr->type : "n";
  const char *v = sr->value->str;

  if (strcmp (type, "s") == 0)
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (v, &end, 10);

      if (end == v || index >= self->shared_strings->len)
        {
          damaged (self, sr->member, error);
          return NULL;
        }
      return g_strdup (g_ptr_array_index (self->shared_strings, index));
    }
  if (strcmp (type, "str") == 0 || strcmp (type, "inlineStr") == 0)
    return sy_ooxml_unescape (v, sr->value->len);
  if (strcmp (type, "b") == 0)
    return g_strdup (g_strstrip (sr->value->str)[0] == '1' ? "TRUE" : "FALSE");
  if (strcmp (type, "n") == 0)
    {
      char *end = NULL;
      double number;
      guint8 packed = 0;

      g_strstrip (sr->value->str);
      v = sr->value->str;
      if (*v == '\0')
        return g_strdup ("");
      number = g_ascii_strtod (v, &end);
      if (end == v || *end != '\0')
        return g_strdup (v);
      if (sr->style < self->xf_kinds->len)
        packed = g_array_index (self->xf_kinds, guint8, sr->style);
      if (sr->style < self->xf_codes->len && g_ptr_array_index (self->xf_codes, sr->style) != NULL)
        return sy_xlsx_format_number_code (number, g_ptr_array_index (self->xf_codes, sr->style));
      return sy_xlsx_format_number (number, packed & KIND_MASK, (packed & KIND_SECONDS) != 0,
                                    self->date1904);
    }
  /* "e" (#N/A), "d" (an ISO date) and anything newer: the text as written. */
  return g_strdup (v);
}

static gboolean
end_cell (SheetReader *sr, GError **error)
{
  g_autofree char *text = NULL;
  Cell cell;

  if (!sr->has_value)
    return TRUE;
  text = render_cell (sr, error);
  if (text == NULL)
    return FALSE;
  if (*text == '\0')
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return damaged (sr->self, sr->member, error);
  cell.column = sr->column;
  cell.text = g_steal_pointer (&text);
  g_array_append_val (sr->cells, cell);
  return TRUE;
}

static gboolean
parse_sheet (SheetReader *sr, xmlTextReaderPtr r, GError **error)
{
  gboolean in_cell = FALSE, in_v = FALSE, in_is = FALSE, in_t = FALSE;
  int in_phonetic = 0;
  int ret;

  while ((ret = xmlTextReaderRead (r)) == 1)
    {
      int type = xmlTextReaderNodeType (r);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (r);

          if (sy_ooxml_is_name (r, "row"))
            {
              g_autofree char *ref = sy_ooxml_get_attr (r, "r", FALSE);
              guint64 number = ref ? g_ascii_strtoull (ref, NULL, 10) : sr->last_row + 1;

              if (!flush_row (sr, error))
                return FALSE;
              if (number == 0 || number > MAX_ROW)
                return damaged (sr->self, sr->member, error);
              sr->row = sr->last_row = (guint) number;
              sr->last_column = G_MAXUINT;
            }
          else if (sy_ooxml_is_name (r, "c"))
            {
              g_autofree char *ref = sy_ooxml_get_attr (r, "r", FALSE);
              g_autofree char *style = sy_ooxml_get_attr (r, "s", FALSE);

              sr->column = ref ? parse_column (ref) : sr->last_column + 1;
              if (sr->column >= MAX_COLUMNS)
                return damaged (sr->self, sr->member, error);
              sr->last_column = sr->column;
              g_free (sr->type);
              sr->type = sy_ooxml_get_attr (r, "t", FALSE);
              sr->style = style ? (guint) strtoul (style, NULL, 10) : 0;
              sr->has_value = FALSE;
              g_string_truncate (sr->value, 0);
              /* <c r="F9" s="3"/>: formatting only, no value. */
              in_cell = !empty;
            }
          else if (in_cell && sy_ooxml_is_name (r, "v"))
            {
              sr->has_value = TRUE;
              in_v = !empty;
            }
          else if (in_cell && sy_ooxml_is_name (r, "is"))
            {
              sr->has_value = TRUE;
              in_is = !empty;
            }
          else if (in_is && sy_ooxml_is_name (r, "rPh") && !empty)
            in_phonetic++;
          else if (in_is && in_phonetic == 0 && sy_ooxml_is_name (r, "t") && !empty)
            in_t = TRUE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (sy_ooxml_is_name (r, "c") && in_cell)
            {
              in_cell = in_v = in_is = in_t = FALSE;
              in_phonetic = 0;
              if (!end_cell (sr, error))
                return FALSE;
            }
          else if (sy_ooxml_is_name (r, "v"))
            in_v = FALSE;
          else if (sy_ooxml_is_name (r, "t"))
            in_t = FALSE;
          else if (sy_ooxml_is_name (r, "rPh") && in_phonetic > 0)
            in_phonetic--;
          else if (sy_ooxml_is_name (r, "is"))
            in_is = FALSE;
          else if (sy_ooxml_is_name (r, "row"))
            {
              if (!flush_row (sr, error))
                return FALSE;
            }
        }
      else if ((in_v || in_t) && sy_ooxml_is_text_node (type))
        g_string_append (sr->value, (const char *) xmlTextReaderConstValue (r));
    }
  if (ret < 0)
    return damaged (sr->self, sr->member, error);
  return flush_row (sr, error);
}

SyTable *
sy_xlsx_reader_read_sheet (SyXlsxReader  *self,
                           guint          index,
                           GError       **error)
{
  g_autoptr(SyTable) table = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *path, *name;
  SheetReader sr = { 0 };
  xmlTextReaderPtr r;
  gboolean ok;

  g_return_val_if_fail (SY_IS_XLSX_READER (self), NULL);
  g_return_val_if_fail (self->sheet_paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (index >= self->sheet_paths->len)
    {
      sy_ooxml_fail (error, _("%s has %u sheets; there is no sheet %u."), self->file_name,
                     self->sheet_paths->len, index + 1);
      return NULL;
    }
  path = g_ptr_array_index (self->sheet_paths, index);
  name = g_ptr_array_index (self->sheet_names, index);
  if (*path == '\0')
    {
      sy_ooxml_fail (error, _("%s: sheet “%s” is a chart or macro sheet, not a table of cells."),
                     self->file_name, name);
      return NULL;
    }

  if (!self->aux_loaded)
    {
      if (!read_shared_strings (self, error) || !read_styles (self, error))
        {
          g_clear_pointer (&self->shared_strings, g_ptr_array_unref);
          g_clear_pointer (&self->xf_kinds, g_array_unref);
          g_clear_pointer (&self->xf_codes, g_ptr_array_unref);
          return NULL;
        }
      self->aux_loaded = TRUE;
    }

  bytes = require_member (self, path, error);
  if (bytes == NULL)
    return NULL;
  r = sy_ooxml_xml_open (bytes, path);
  if (r == NULL)
    {
      damaged (self, path, error);
      return NULL;
    }

  table = sy_table_new (self->file_name);
  sr.self = self;
  sr.table = table;
  sr.member = path;
  sr.cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  sr.value = g_string_new (NULL);
  sr.last_column = G_MAXUINT;
  ok = parse_sheet (&sr, r, error);
  xmlFreeTextReader (r);
  clear_cells (sr.cells);
  g_array_unref (sr.cells);
  g_string_free (sr.value, TRUE);
  g_free (sr.type);
  if (!ok)
    return NULL;

  self->last_sheet = index;
  if (sy_table_get_n_rows (table) == 0)
    {
      sy_ooxml_fail (error,
                     _("%s: sheet “%s” is empty: expected a row of column titles (such as "
                       "姓名 and 身份证号) and then one row per person."),
                     self->file_name, name);
      return NULL;
    }
  return g_steal_pointer (&table);
}

/* --- one step ------------------------------------------------------------- */

void
sy_xlsx_reader_set_sheet (SyXlsxReader *self,
                          int           index)
{
  g_return_if_fail (SY_IS_XLSX_READER (self));
  self->chosen_sheet = index < 0 ? -1 : index;
}

guint
sy_xlsx_reader_get_sheet (SyXlsxReader *self)
{
  g_return_val_if_fail (SY_IS_XLSX_READER (self), 0);
  return self->last_sheet;
}

static SyTable *
read_chosen (SyXlsxReader *self, GError **error)
{
  guint index = self->chosen_sheet < 0 ? sy_xlsx_reader_get_default_sheet (self)
                                       : (guint) self->chosen_sheet;
  return sy_xlsx_reader_read_sheet (self, index, error);
}

SyTable *
sy_xlsx_reader_read_bytes (SyXlsxReader  *self,
                           GBytes        *bytes,
                           const char    *file_name,
                           GError       **error)
{
  if (!sy_xlsx_reader_open_bytes (self, bytes, file_name, error))
    return NULL;
  return read_chosen (self, error);
}

SyTable *
sy_xlsx_reader_read_file (SyXlsxReader  *self,
                          GFile         *file,
                          const char    *file_name,
                          GCancellable  *cancellable,
                          GError       **error)
{
  if (!sy_xlsx_reader_open_file (self, file, file_name, cancellable, error))
    return NULL;
  return read_chosen (self, error);
}
