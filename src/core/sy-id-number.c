/* sy-id-number.c: 居民身份证号 (GB 11643-1999) validation */
#include "sy-id-number.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sy-error.h"

#define ID_LENGTH 18
#define EARLIEST_BIRTH_YEAR 1890

static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char check_chars[] = "10X98765432";

/* Characters that arrive around IDs pasted from Word, WPS, web pages or
 * spreadsheets but are invisible to the user: treat them like spaces.
 * g_unichar_isspace already covers U+3000 (全角空格) and U+00A0. */
static gboolean
is_blank (gunichar c)
{
  return g_unichar_isspace (c) || c == 0xFEFF || (c >= 0x200B && c <= 0x200D);
}

/* Trimmed copy of @text with full-width digits and X (typed with a Chinese
 * input method in full-width mode) folded to ASCII.  @text is valid UTF-8. */
static char *
normalize (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);
  GString *out;

  while (start < end && is_blank (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);
      if (prev == NULL || !is_blank (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  out = g_string_sized_new (end - start);
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)
        g_string_append_c (out, (char) ('0' + (c - 0xFF10)));
      else if (c == 0xFF38 || c == 0xFF58)  /* Ｘ ｘ */
        g_string_append_c (out, 'X');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
all_digits (const char *s, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

char
sy_id_number_check_char (const char *first17)
{
  int sum = 0;

  g_return_val_if_fail (first17 != NULL, '\0');

  for (int i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (first17[i]))
        return '\0';
      sum += (first17[i] - '0') * weights[i];
    }
  return check_chars[sum % 11];
}

/* 3.60426E+17, 3.60426e17, 3,60426E+17 (a decimal comma locale): what a
 * General-format cell shows for a long number. */
static gboolean
is_scientific (const char *s)
{
  const char *p = s;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.' || *p == ',')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != 'e' && *p != 'E')
    return FALSE;
  p++;
  if (*p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return *p == '\0';
}

/* A numeric cell keeps 15 significant digits, so an 18-digit ID comes back
 * with its last three digits replaced by 000 and, nearly always, a wrong
 * check character.  A genuine ID ending in 000 passes the check. */
static gboolean
is_rounded (const char *s)
{
  return strlen (s) == ID_LENGTH
         && all_digits (s, ID_LENGTH)
         && g_str_has_suffix (s, "000")
         && sy_id_number_check_char (s) != s[17];
}

static gboolean
is_mangled_normalized (const char *s)
{
  return is_scientific (s) || is_rounded (s);
}

gboolean
sy_id_number_is_excel_mangled (const char *text)
{
  g_autofree char *norm = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  norm = normalize (text);
  return is_mangled_normalized (norm);
}

static gboolean
fail (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, SY_ERROR, SY_ERROR_INVALID, message);
  return FALSE;
}

static int
parse_digits (const char *s, int n)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

/* Today's local date.  Asking the clock for local time reads the time zone
 * each call (≈7 µs), which dominated a 100 000-row import; the answer is
 * reused for a minute, so a date change is still seen promptly. */
static void
local_today (GDate *today)
{
  static GMutex lock;
  static gint64 computed_at = 0;
  static guint32 julian = 0;
  gint64 now_us = g_get_monotonic_time ();

  g_mutex_lock (&lock);
  if (julian == 0 || now_us - computed_at > 60 * G_USEC_PER_SEC)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate d;

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
      julian = g_date_get_julian (&d);
      computed_at = now_us;
    }
  g_date_clear (today, 1);
  g_date_set_julian (today, julian);
  g_mutex_unlock (&lock);
}

gboolean
sy_id_number_validate (const char  *text,
                       SyIdInfo    *info,
                       GError     **error)
{
  g_autofree char *norm = NULL;
  GDate birth, today;
  glong n_chars;
  const char *p;
  int year, month, day;
  char expected;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, _("The ID number contains bytes that are not valid text."));

  norm = normalize (text);
  if (*norm == '\0')
    return fail (error, _("The ID number is empty."));

  if (is_mangled_normalized (norm))
    return fail (error,
                 _("“%s” is not an ID number any more: Excel stored the cell as a "
                   "number and rounded away its last digits. In Excel, format the "
                   "column as Text (文本), then enter or paste the ID numbers again."),
                 norm);

  n_chars = g_utf8_strlen (norm, -1);
  if (n_chars == 15 && all_digits (norm, 15))
    return fail (error,
                 _("“%s” is an old 15-digit ID number; enter the 18-digit number "
                   "from the current ID card."),
                 norm);
  if (n_chars != ID_LENGTH)
    return fail (error,
                 _("An ID number has 18 characters, but “%s” has %ld."),
                 norm, n_chars);

  /* Only now that the length is right does an x in last place mean X. */
  if (norm[17] == 'x')
    norm[17] = 'X';

  p = norm;
  for (int i = 0; i < ID_LENGTH; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean ok = (c >= '0' && c <= '9') || (i == ID_LENGTH - 1 && c == 'X');

      if (!ok)
        {
          char buf[8] = { 0 };

          g_unichar_to_utf8 (c, buf);
          if (i == ID_LENGTH - 1)
            return fail (error,
                         _("The last character of the ID number must be a digit "
                           "or X, not “%s”."),
                         buf);
          return fail (error,
                       _("Character %d of the ID number is “%s”; the first 17 "
                         "characters must be digits."),
                       i + 1, buf);
        }
    }

  year = parse_digits (norm + 6, 4);
  month = parse_digits (norm + 10, 2);
  day = parse_digits (norm + 12, 2);
  if (!g_date_valid_dmy (day, month, year))
    return fail (error,
                 _("The birth date %.8s in the ID number (characters 7–14) is not "
                   "a real date."),
                 norm + 6);
  if (year < EARLIEST_BIRTH_YEAR)
    return fail (error,
                 _("The birth year %d in the ID number is before %d."),
                 year, EARLIEST_BIRTH_YEAR);

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, day, month, year);
  local_today (&today);
  if (g_date_compare (&birth, &today) > 0)
    return fail (error,
                 _("The birth date %04d-%02d-%02d in the ID number is in the future."),
                 year, month, day);

  expected = sy_id_number_check_char (norm);
  if (expected != norm[17])
    return fail (error,
                 _("The check character of ID number %s is wrong: expected %c, "
                   "found %c. A digit was probably mistyped."),
                 norm, expected, norm[17]);

  if (info != NULL)
    {
      memset (info, 0, sizeof *info);
      memcpy (info->normalized, norm, ID_LENGTH);
      info->birth_date = birth;
      info->sex = ((norm[16] - '0') % 2 == 1) ? SY_SEX_MALE : SY_SEX_FEMALE;
      memcpy (info->region, norm, 6);
    }
  return TRUE;
}

gboolean
sy_id_number_region_known (const char *normalized)
{
  /* Province-level codes of GB/T 2260 (71 台湾, 81 香港, 82 澳门). */
  static const guint8 provinces[] = {
    11, 12, 13, 14, 15,
    21, 22, 23,
    31, 32, 33, 34, 35, 36, 37,
    41, 42, 43, 44, 45, 46,
    50, 51, 52, 53, 54,
    61, 62, 63, 64, 65,
    71, 81, 82,
  };
  int code;

  if (normalized == NULL
      || !g_ascii_isdigit (normalized[0]) || !g_ascii_isdigit (normalized[1]))
    return FALSE;

  code = parse_digits (normalized, 2);
  for (gsize i = 0; i < G_N_ELEMENTS (provinces); i++)
    if (provinces[i] == code)
      return TRUE;
  return FALSE;
}

char *
sy_id_number_generate (const char  *region6,
                       const GDate *birth,
                       int          sequence)
{
  char buf[ID_LENGTH + 1];

  g_return_val_if_fail (region6 != NULL && strlen (region6) == 6
                        && all_digits (region6, 6), NULL);
  g_return_val_if_fail (birth != NULL && g_date_valid (birth), NULL);
  g_return_val_if_fail (g_date_get_year (birth) <= 9999, NULL);
  g_return_val_if_fail (sequence >= 0 && sequence <= 999, NULL);

  g_snprintf (buf, sizeof buf, "%s%04u%02u%02u%03d",
              region6,
              (guint) g_date_get_year (birth),
              (guint) g_date_get_month (birth),
              (guint) g_date_get_day (birth),
              sequence);
  buf[17] = sy_id_number_check_char (buf);
  buf[18] = '\0';
  return g_strdup (buf);
}
