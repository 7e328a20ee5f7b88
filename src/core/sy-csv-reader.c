/* sy-csv-reader.c: CSV and tab-separated text files */
#include "sy-csv-reader.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sy-error.h"

/* Lines looked at to find the delimiter: enough to get past a title line
 * ("XX镇优抚对象花名册") above the column titles. */
#define DELIMITER_PROBE_LINES 10

struct _SyCsvReader
{
  GObject parent_instance;

  char           forced_delimiter;  /* '\0': detect */
  char           delimiter;         /* of the last read */
  SyTextEncoding encoding;          /* of the last read */
};

G_DEFINE_FINAL_TYPE (SyCsvReader, sy_csv_reader, G_TYPE_OBJECT)

static void
sy_csv_reader_class_init (SyCsvReaderClass *klass)
{
}

static void
sy_csv_reader_init (SyCsvReader *self)
{
  self->delimiter = ',';
  self->encoding = SY_TEXT_ENCODING_UTF8;
}

SyCsvReader *
sy_csv_reader_new (void)
{
  return g_object_new (SY_TYPE_CSV_READER, NULL);
}

const char *
sy_text_encoding_to_string (SyTextEncoding encoding)
{
  switch (encoding)
    {
    case SY_TEXT_ENCODING_UTF8: return "UTF-8";
    case SY_TEXT_ENCODING_UTF8_BOM: return "UTF-8 (BOM)";
    case SY_TEXT_ENCODING_UTF16LE: return "UTF-16LE";
    case SY_TEXT_ENCODING_UTF16BE: return "UTF-16BE";
    case SY_TEXT_ENCODING_GB18030: return "GB18030";
    default: return "?";
    }
}

static gboolean
delimiter_allowed (char c)
{
  return c == ',' || c == '\t' || c == ';' || c == '|';
}

void
sy_csv_reader_set_delimiter (SyCsvReader *self,
                             char         delimiter)
{
  g_return_if_fail (SY_IS_CSV_READER (self));
  g_return_if_fail (delimiter == '\0' || delimiter_allowed (delimiter));

  self->forced_delimiter = delimiter;
}

char
sy_csv_reader_get_delimiter (SyCsvReader *self)
{
  g_return_val_if_fail (SY_IS_CSV_READER (self), ',');
  return self->delimiter;
}

SyTextEncoding
sy_csv_reader_get_encoding (SyCsvReader *self)
{
  g_return_val_if_fail (SY_IS_CSV_READER (self), SY_TEXT_ENCODING_UTF8);
  return self->encoding;
}

/* --- decoding ------------------------------------------------------------ */

static gboolean fail (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (SY_ERROR, SY_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

static guint
line_at (const char *data, gsize offset)
{
  guint line = 1;
  const char *p = data;
  const char *end = data + offset;

  while ((p = memchr (p, '\n', end - p)) != NULL)
    {
      line++;
      p++;
    }
  return line;
}

/* "0xE9 0x20 0x63" for a message: the bytes that could not be decoded. */
static char *
describe_bytes (const guchar *data, gsize len, gsize offset)
{
  GString *s = g_string_new (NULL);

  for (gsize i = offset; i < len && i < offset + 4; i++)
    g_string_append_printf (s, "%s0x%02X", i > offset ? " " : "", data[i]);
  return g_string_free (s, FALSE);
}

static gboolean
is_private_use (gunichar c)
{
  return c >= 0xE000 && c <= 0xF8FF;
}

/* GB18030 decodes nearly any byte soup; what it makes of text in another
 * encoding (or of binary data) is full of user-defined (private use)
 * characters.  A real file has at most a few, for rare characters in names.
 * Returns the offset of the first one when they are too many, else -1. */
static gssize
implausible_gb18030 (const char *text, gsize len)
{
  gsize non_ascii = 0, private_use = 0;
  gssize first = -1;

  for (const char *p = text; p < text + len; p++)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        continue;
      c = g_utf8_get_char (p);
      non_ascii++;
      if (is_private_use (c))
        {
          if (first < 0)
            first = p - text;
          private_use++;
        }
      p = g_utf8_next_char (p) - 1;
    }
  return private_use * 20 > non_ascii ? first : -1;
}

static gboolean
encoding_error (GError **error, const char *file_name, const guchar *data,
                gsize len, gsize offset)
{
  g_autofree char *bytes = describe_bytes (data, len, offset);

  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("%s:%u: the text encoding of the file is not recognised: the "
                 "bytes %s are neither UTF-8 nor GB18030 (GBK). Save the file as "
                 "“CSV UTF-8” in Excel or WPS and import it again."),
               file_name, line_at ((const char *) data, offset), bytes);
  return FALSE;
}

/* Sets *text to the UTF-8 text of @data, without a BOM: either pointing
 * into @data or to a new buffer returned in *owned. */
static gboolean
decode (SyCsvReader  *self,
        const guchar *data,
        gsize         len,
        const char   *file_name,
        const char  **text,
        gsize        *text_len,
        char        **owned,
        GError      **error)
{
  const char *end = NULL;
  g_autoptr(GError) convert_error = NULL;
  gsize bytes_read = 0, written = 0;
  char *converted;
  gssize odd;

  *owned = NULL;

  if (len >= 4 && memcmp (data, "PK\003\004", 4) == 0)
    return fail (error,
                 _("%s is an Excel workbook (.xlsx), not a CSV file: import "
                   "it as .xlsx, or save it as “CSV UTF-8” first."),
                 file_name);
  if (len >= 4 && memcmp (data, "\xD0\xCF\x11\xE0", 4) == 0)
    return fail (error,
                 _("%s is an old Excel or WPS workbook (.xls), not a CSV "
                   "file: save it as “CSV UTF-8” first."),
                 file_name);

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      self->encoding = SY_TEXT_ENCODING_UTF8_BOM;
      if (!g_utf8_validate ((const char *) data + 3, len - 3, &end))
        return encoding_error (error, file_name, data, len, (const guchar *) end - data);
      *text = (const char *) data + 3;
      *text_len = len - 3;
      return TRUE;
    }

  if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      gboolean le = data[0] == 0xFF;

      self->encoding = le ? SY_TEXT_ENCODING_UTF16LE : SY_TEXT_ENCODING_UTF16BE;
      converted = g_convert ((const char *) data + 2, len - 2, "UTF-8",
                             le ? "UTF-16LE" : "UTF-16BE",
                             &bytes_read, &written, &convert_error);
      if (converted == NULL)
        return fail (error,
                     _("%s starts like UTF-16 text (Excel’s “Unicode text”) "
                       "but is not valid UTF-16 after %lu bytes. Save the "
                       "file as “CSV UTF-8” and import it again."),
                     file_name, (gulong) (bytes_read + 2));
      *owned = converted;
      *text = converted;
      *text_len = written;
    }
  else if (g_utf8_validate ((const char *) data, len, &end))
    {
      self->encoding = SY_TEXT_ENCODING_UTF8;
      *text = (const char *) data;
      *text_len = len;
      return TRUE;
    }
  else
    {
      gsize utf8_failed_at = (const guchar *) end - data;

      self->encoding = SY_TEXT_ENCODING_GB18030;
      converted = g_convert ((const char *) data, len, "UTF-8", "GB18030",
                             &bytes_read, &written, &convert_error);
      if (converted == NULL)
        {
          /* Whichever decoder got further is the file's likely encoding:
           * point at the bytes that broke it. */
          if (!g_error_matches (convert_error, G_CONVERT_ERROR,
                                G_CONVERT_ERROR_ILLEGAL_SEQUENCE)
              && !g_error_matches (convert_error, G_CONVERT_ERROR,
                                   G_CONVERT_ERROR_PARTIAL_INPUT))
            {
              g_set_error (error, SY_ERROR, SY_ERROR_FAILED,
                           _("%s: cannot convert the file from GB18030: %s"),
                           file_name, convert_error->message);
              return FALSE;
            }
          return encoding_error (error, file_name, data, len,
                                 MAX (utf8_failed_at, bytes_read));
        }
      *owned = converted;
      *text = converted;
      *text_len = written;
      if ((odd = implausible_gb18030 (converted, written)) >= 0)
        return fail (error,
                     _("%s:%u: the text encoding of the file is not "
                       "recognised: it is not UTF-8, and read as GB18030 "
                       "(GBK) it gives unassigned characters. Save the file "
                       "as “CSV UTF-8” in Excel or WPS and import it again."),
                     file_name, line_at (converted, odd));
    }

  /* Converted text: a NUL means binary data or UTF-16 without its BOM. */
  if (memchr (*text, '\0', *text_len) != NULL)
    return fail (error,
                 _("%s:%u: the file contains NUL characters: it is not a "
                   "text file in a recognised encoding. Save it as “CSV "
                   "UTF-8” and import it again."),
                 file_name,
                 line_at (*text, (const char *) memchr (*text, '\0', *text_len) - *text));
  if (*text_len >= 3 && memcmp (*text, "\xEF\xBB\xBF", 3) == 0)
    {
      *text += 3;
      *text_len -= 3;
    }
  return TRUE;
}

/* --- parsing ------------------------------------------------------------- */

/* The delimiter of the first line that has one outside quotes; among
 * several, the most frequent (ties: comma, tab, semicolon). */
static char
detect_delimiter (const char *p, const char *end)
{
  for (int n = 0; n < DELIMITER_PROBE_LINES && p < end; n++)
    {
      guint commas = 0, tabs = 0, semicolons = 0;
      gboolean quoted = FALSE;

      for (; p < end; p++)
        {
          char c = *p;

          if (c == '"')
            quoted = !quoted;
          else if (quoted)
            continue;
          else if (c == ',')
            commas++;
          else if (c == '\t')
            tabs++;
          else if (c == ';')
            semicolons++;
          else if (c == '\n' || c == '\r')
            break;
        }
      while (p < end && (*p == '\n' || *p == '\r'))
        p++;

      if (commas > 0 && commas >= tabs && commas >= semicolons)
        return ',';
      if (tabs > 0 && tabs >= semicolons)
        return '\t';
      if (semicolons > 0)
        return ';';
    }
  return ',';
}

/* Advances past one line end (LF, CRLF or CR) at *p. */
static inline void
skip_newline (const char **p, const char *end)
{
  if (**p == '\r')
    {
      (*p)++;
      if (*p < end && **p == '\n')
        (*p)++;
    }
  else
    (*p)++;
}

static gboolean
parse (const char  *p,
       const char  *end,
       guint        line,
       char         delimiter,
       SyTable     *table,
       const char  *file_name,
       GError     **error)
{
  g_autoptr(GString) scratch = g_string_sized_new (256);

  while (p < end)
    {
      sy_table_begin_row (table, line);
      for (;;)
        {
          const char *q = p;

          /* A quote after some spaces still opens a quoted field. */
          while (q < end && *q == ' ')
            q++;
          if (q < end && *q == '"')
            {
              guint quote_line = line;
              const char *run;

              g_string_truncate (scratch, 0);
              p = q + 1;
              for (;;)
                {
                  run = p;
                  while (p < end && *p != '"' && *p != '\n' && *p != '\r')
                    p++;
                  g_string_append_len (scratch, run, p - run);
                  if (p >= end)
                    {
                      sy_table_end_row (table);
                      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                                   _("%s:%u: the quoted field that starts on this "
                                     "line is never closed: a closing \" is "
                                     "missing, so the rest of the file would be "
                                     "one cell."),
                                   file_name, quote_line);
                      return FALSE;
                    }
                  if (*p == '"')
                    {
                      if (p + 1 < end && p[1] == '"')
                        {
                          g_string_append_c (scratch, '"');
                          p += 2;
                          continue;
                        }
                      p++;
                      break;
                    }
                  /* A line break inside the quotes is part of the value;
                   * CRLF becomes LF. */
                  skip_newline (&p, end);
                  g_string_append_c (scratch, '\n');
                  line++;
                }
              /* Text between the closing quote and the delimiter is kept,
               * as Excel does ("ab"c is abc). */
              run = p;
              while (p < end && *p != delimiter && *p != '\n' && *p != '\r')
                p++;
              g_string_append_len (scratch, run, p - run);
              sy_table_add_cell (table, scratch->str, scratch->len);
            }
          else
            {
              const char *start = p;

              while (p < end && *p != delimiter && *p != '\n' && *p != '\r')
                p++;
              sy_table_add_cell (table, start, p - start);
            }

          if (p < end && *p == delimiter)
            {
              p++;
              continue;
            }
          if (p < end)
            {
              skip_newline (&p, end);
              line++;
            }
          break;
        }
      sy_table_end_row (table);
    }
  return TRUE;
}

SyTable *
sy_csv_reader_read_bytes (SyCsvReader  *self,
                          GBytes       *bytes,
                          const char   *file_name,
                          GError      **error)
{
  g_autoptr(SyTable) table = NULL;
  g_autofree char *owned = NULL;
  const guchar *data;
  const char *text = NULL, *end;
  gsize len, text_len = 0;
  guint line = 1;

  g_return_val_if_fail (SY_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (file_name == NULL)
    file_name = "-";
  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = (const guchar *) "";

  if (!decode (self, data, len, file_name, &text, &text_len, &owned, error))
    return NULL;
  end = text + text_len;

  /* Excel writes and reads a first line "sep=;" naming the delimiter. */
  if (text_len >= 5 && g_ascii_strncasecmp (text, "sep=", 4) == 0
      && delimiter_allowed (text[4])
      && (text_len == 5 || text[5] == '\n' || text[5] == '\r'))
    {
      self->delimiter = text[4];
      text += 5;
      if (text < end)
        skip_newline (&text, end);
      line = 2;
    }
  else
    self->delimiter = detect_delimiter (text, end);
  if (self->forced_delimiter != '\0')
    self->delimiter = self->forced_delimiter;

  table = sy_table_new (file_name);
  if (!parse (text, end, line, self->delimiter, table, file_name, error))
    return NULL;

  if (sy_table_get_n_rows (table) == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is empty: expected a line of column titles (such as "
                     "姓名 and 身份证号) and then one line per person."),
                   file_name);
      return NULL;
    }
  return g_steal_pointer (&table);
}

SyTable *
sy_csv_reader_read_file (SyCsvReader   *self,
                         GFile         *file,
                         const char    *file_name,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *parse_name = NULL;

  g_return_val_if_fail (SY_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (file_name == NULL)
    file_name = parse_name = g_file_get_parse_name (file);

  bytes = sy_load_file_bytes_max (file, file_name, SY_CSV_MAX_FILE_SIZE, cancellable, error);
  if (bytes == NULL)
    return NULL;
  return sy_csv_reader_read_bytes (self, bytes, file_name, error);
}
