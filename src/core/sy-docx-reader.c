/* sy-docx-reader.c: Word documents (.docx) as lines of text
 *
 * Like the .xlsx reader: libarchive opens the zip in memory with a size cap
 * per part (sy-ooxml-private.c), libxml2's streaming reader walks the XML.
 */
#include "sy-docx-reader.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sy-error.h"
#include "sy-numeral.h"
#include "sy-ooxml-private.h"

#define DOCUMENT_PART  "word/document.xml"
#define NUMBERING_PART "word/numbering.xml"
#define MAX_LEVELS     9

static gboolean
refuse_compound (const char *file_name, GError **error)
{
  /* Word wraps a password-protected .docx in the same OLE compound file as
   * an old .doc: the two cannot be told apart without the password. */
  return sy_ooxml_fail (error,
                        _("%s is an old Word document (.doc) or a password-protected one, which "
                          "cannot be read. Open it in Word or WPS, remove any password, save it "
                          "as .docx (Word document) or as plain text (.txt), and import that file."),
                        file_name);
}

static gboolean
damaged (const char *file_name, const char *member, GError **error)
{
  return sy_ooxml_fail (error,
                        _("%s is damaged or incomplete (part %s cannot be read). Open it in "
                          "Word or WPS, save it again as .docx, and import it again."),
                        file_name, member);
}

/* @member, or NULL with an error — or without one if it is @optional and
 * missing. */
static GBytes *
extract (GBytes *bytes, const char *file_name, const char *member, gboolean optional,
         GError **error)
{
  g_autofree char *why = NULL;
  SyOoxmlStatus status;
  GBytes *result;

  result = sy_ooxml_extract (bytes, member, SY_DOCX_MAX_PART_SIZE, &status, &why);
  switch (status)
    {
    case SY_OOXML_OK:
      break;
    case SY_OOXML_MISSING:
      if (!optional)
        sy_ooxml_fail (error,
                       _("%s is not a Word document (.docx): it has no %s. If it was saved "
                         "by another program, open it in Word or WPS and save it as .docx "
                         "or as plain text (.txt)."),
                       file_name, member);
      break;
    case SY_OOXML_NOT_ZIP:
    case SY_OOXML_BAD_ZIP:
      sy_ooxml_fail (error,
                     _("%s is damaged or incomplete: the zip container cannot be read (%s). "
                       "Open it in Word or WPS, save it again as .docx, and import it again."),
                     file_name, why);
      break;
    case SY_OOXML_ENCRYPTED:
      sy_ooxml_fail (error,
                     _("%s is password protected. Open it in Word or WPS, remove the password, "
                       "save it as .docx or as plain text (.txt), and import that file."),
                     file_name);
      break;
    case SY_OOXML_TOO_LARGE:
      sy_ooxml_fail (error,
                     _("%s: part %s would be larger than %d MB uncompressed; it is refused as "
                       "damaged or malicious (a “zip bomb”). Save the plan as plain text (.txt) "
                       "and import that file."),
                     file_name, member, SY_DOCX_MAX_PART_SIZE / (1024 * 1024));
      break;
    case SY_OOXML_DAMAGED:
      damaged (file_name, member, error);
      break;
    }
  return result;
}

/* --- automatic numbering --------------------------------------------------- */

typedef enum {
  FMT_NONE,      /* bullets, letters, Roman …: not rebuilt */
  FMT_DECIMAL,
  FMT_CHINESE,
  FMT_CIRCLED,
} NumFormat;

typedef struct {
  NumFormat format[MAX_LEVELS];
  char     *text[MAX_LEVELS];    /* lvlText, NULL if none */
  int       start[MAX_LEVELS];
} AbstractNum;

typedef struct {
  GHashTable *abstracts;   /* abstractNumId string → AbstractNum * */
  GHashTable *nums;        /* numId string → abstractNumId string */
  GHashTable *counters;    /* numId string → int[MAX_LEVELS] */
} Numbering;

static void
abstract_free (gpointer data)
{
  AbstractNum *a = data;

  for (int i = 0; i < MAX_LEVELS; i++)
    g_free (a->text[i]);
  g_free (a);
}

static void
numbering_clear (Numbering *n)
{
  g_clear_pointer (&n->abstracts, g_hash_table_unref);
  g_clear_pointer (&n->nums, g_hash_table_unref);
  g_clear_pointer (&n->counters, g_hash_table_unref);
}

static NumFormat
parse_format (const char *fmt)
{
  if (fmt == NULL || strcmp (fmt, "decimal") == 0)
    return fmt == NULL ? FMT_NONE : FMT_DECIMAL;
  if (g_str_has_prefix (fmt, "chineseCounting") || strcmp (fmt, "ideographTraditional") == 0
      || strcmp (fmt, "japaneseCounting") == 0 || strcmp (fmt, "taiwaneseCounting") == 0
      || strcmp (fmt, "taiwaneseCountingThousand") == 0)
    return FMT_CHINESE;
  if (g_str_has_prefix (fmt, "decimalEnclosedCircle"))
    return FMT_CIRCLED;
  return FMT_NONE;
}

/* Reads numbering.xml; a missing or unreadable one leaves @n empty (the
 * numbering is lost, the text is not). */
static void
read_numbering (GBytes *zip, const char *file_name, Numbering *n)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) ignored = NULL;
  AbstractNum *current = NULL;
  g_autofree char *num_id = NULL;
  xmlTextReaderPtr r;
  int level = -1;

  n->abstracts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, abstract_free);
  n->nums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  n->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  bytes = extract (zip, file_name, NUMBERING_PART, TRUE, &ignored);
  if (bytes == NULL || (r = sy_ooxml_xml_open (bytes, NUMBERING_PART)) == NULL)
    return;
  while (xmlTextReaderRead (r) == 1)
    {
      int type = xmlTextReaderNodeType (r);

      if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (sy_ooxml_is_name (r, "abstractNum"))
            current = NULL;
          else if (sy_ooxml_is_name (r, "lvl"))
            level = -1;
          else if (sy_ooxml_is_name (r, "num"))
            g_clear_pointer (&num_id, g_free);
          continue;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;

      if (sy_ooxml_is_name (r, "abstractNum"))
        {
          g_autofree char *id = sy_ooxml_get_attr (r, "abstractNumId", TRUE);

          if (id == NULL || xmlTextReaderIsEmptyElement (r))
            continue;
          current = g_new0 (AbstractNum, 1);
          for (int i = 0; i < MAX_LEVELS; i++)
            current->start[i] = 1;
          g_hash_table_replace (n->abstracts, g_steal_pointer (&id), current);
        }
      else if (current != NULL && sy_ooxml_is_name (r, "lvl"))
        {
          g_autofree char *ilvl = sy_ooxml_get_attr (r, "ilvl", TRUE);

          level = ilvl ? atoi (ilvl) : -1;
          if (level < 0 || level >= MAX_LEVELS)
            level = -1;
        }
      else if (current != NULL && level >= 0
               && (sy_ooxml_is_name (r, "numFmt") || sy_ooxml_is_name (r, "lvlText")
                   || sy_ooxml_is_name (r, "start")))
        {
          g_autofree char *val = sy_ooxml_get_attr (r, "val", TRUE);

          if (sy_ooxml_is_name (r, "numFmt"))
            current->format[level] = parse_format (val);
          else if (sy_ooxml_is_name (r, "lvlText"))
            g_free (current->text[level]), current->text[level] = g_steal_pointer (&val);
          else if (val != NULL)
            current->start[level] = atoi (val);
        }
      else if (sy_ooxml_is_name (r, "num") && !xmlTextReaderIsEmptyElement (r))
        {
          g_free (num_id);
          num_id = sy_ooxml_get_attr (r, "numId", TRUE);
        }
      else if (num_id != NULL && sy_ooxml_is_name (r, "abstractNumId"))
        {
          char *val = sy_ooxml_get_attr (r, "val", TRUE);

          if (val != NULL)
            g_hash_table_replace (n->nums, g_strdup (num_id), val);
        }
    }
  xmlFreeTextReader (r);
}

static void
append_number (GString *out, NumFormat format, int n)
{
  switch (format)
    {
    case FMT_CHINESE:
      sy_numeral_append_chinese (out, n);
      break;
    case FMT_CIRCLED:
      if (n >= 1 && n <= 20)
        g_string_append_unichar (out, 0x2460 + n - 1);
      else
        g_string_append_printf (out, "(%d)", n);
      break;
    case FMT_DECIMAL:
    case FMT_NONE:
    default:
      g_string_append_printf (out, "%d", n);
      break;
    }
}

/* The label of a paragraph numbered (@num_id, @level), counting it; NULL
 * when it cannot be rebuilt. */
static char *
next_label (Numbering *n, const char *num_id, int level)
{
  const char *abstract_id;
  AbstractNum *a;
  int *counters;
  GString *out;

  if (n->nums == NULL || num_id == NULL || strcmp (num_id, "0") == 0
      || level < 0 || level >= MAX_LEVELS)
    return NULL;
  abstract_id = g_hash_table_lookup (n->nums, num_id);
  a = abstract_id ? g_hash_table_lookup (n->abstracts, abstract_id) : NULL;
  /* Bullets (a symbol as lvlText), letters, Roman numerals: not labels
   * the outline parser knows. */
  if (a == NULL || a->text[level] == NULL || a->format[level] == FMT_NONE)
    return NULL;

  counters = g_hash_table_lookup (n->counters, num_id);
  if (counters == NULL)
    {
      counters = g_new0 (int, MAX_LEVELS);
      g_hash_table_insert (n->counters, g_strdup (num_id), counters);
    }
  counters[level] = counters[level] == 0 ? a->start[level] : counters[level] + 1;
  for (int i = level + 1; i < MAX_LEVELS; i++)
    counters[i] = 0;

  out = g_string_new (NULL);
  for (const char *p = a->text[level]; *p; p++)
    {
      if (*p == '%' && p[1] >= '1' && p[1] <= '9')
        {
          int l = p[1] - '1';

          /* A placeholder whose format cannot be written: drop the whole
           * label rather than print a wrong one. */
          if (a->format[l] == FMT_NONE)
            return (g_string_free (out, TRUE), NULL);
          append_number (out, a->format[l], counters[l] ? counters[l] : a->start[l]);
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* --- the document ------------------------------------------------------------ */

char *
sy_docx_read_text (GBytes      *bytes,
                   const char  *file_name,
                   GError     **error)
{
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GString) para = NULL;
  g_autofree char *num_id = NULL;
  Numbering numbering = { NULL, };
  xmlTextReaderPtr r;
  gsize len;
  const guchar *data;
  gboolean in_text = FALSE, in_ppr = FALSE, first = TRUE;
  int skip_depth = -1;   /* inside deleted text, field codes or a fallback */
  int level = 0;
  int ret;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (file_name == NULL)
    file_name = "-";
  data = g_bytes_get_data (bytes, &len);
  if (sy_ooxml_is_compound (data, len))
    return (refuse_compound (file_name, error), NULL);
  if (!sy_ooxml_is_zip (data, len))
    return (sy_ooxml_fail (error,
                           _("%s is not a Word document (.docx): it is not a zip file. Open it "
                             "in Word or WPS and save it as .docx or as plain text (.txt)."),
                           file_name), NULL);

  document = extract (bytes, file_name, DOCUMENT_PART, FALSE, error);
  if (document == NULL)
    return NULL;
  r = sy_ooxml_xml_open (document, DOCUMENT_PART);
  if (r == NULL)
    return (damaged (file_name, DOCUMENT_PART, error), NULL);
  read_numbering (bytes, file_name, &numbering);

  out = g_string_new (NULL);
  para = g_string_new (NULL);
  while ((ret = xmlTextReaderRead (r)) == 1)
    {
      int type = xmlTextReaderNodeType (r);
      int depth = xmlTextReaderDepth (r);

      if (skip_depth >= 0)
        {
          if (type == XML_READER_TYPE_END_ELEMENT && depth == skip_depth)
            skip_depth = -1;
          continue;
        }
      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (r);

          if (sy_ooxml_is_name (r, "delText") || sy_ooxml_is_name (r, "instrText")
              || sy_ooxml_is_name (r, "Fallback"))
            {
              if (!empty)
                skip_depth = depth;
            }
          else if (sy_ooxml_is_name (r, "p"))
            {
              g_string_truncate (para, 0);
              g_clear_pointer (&num_id, g_free);
              level = 0;
              if (empty)
                {
                  if (!first)
                    g_string_append_c (out, '\n');
                  first = FALSE;
                }
            }
          else if (sy_ooxml_is_name (r, "pPr"))
            in_ppr = !empty;
          else if (in_ppr && sy_ooxml_is_name (r, "ilvl"))
            {
              g_autofree char *val = sy_ooxml_get_attr (r, "val", TRUE);
              level = val ? atoi (val) : 0;
            }
          else if (in_ppr && sy_ooxml_is_name (r, "numId"))
            {
              g_free (num_id);
              num_id = sy_ooxml_get_attr (r, "val", TRUE);
            }
          else if (in_ppr)
            ;  /* tab stops (w:tabs/w:tab) and run defaults are not text */
          else if (sy_ooxml_is_name (r, "t"))
            in_text = !empty;
          else if (sy_ooxml_is_name (r, "tab"))
            g_string_append_c (para, '\t');
          else if (sy_ooxml_is_name (r, "br") || sy_ooxml_is_name (r, "cr"))
            g_string_append_c (para, '\n');
          else if (sy_ooxml_is_name (r, "noBreakHyphen"))
            g_string_append_c (para, '-');
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (sy_ooxml_is_name (r, "t"))
            in_text = FALSE;
          else if (sy_ooxml_is_name (r, "pPr"))
            in_ppr = FALSE;
          else if (sy_ooxml_is_name (r, "p"))
            {
              g_autofree char *label = next_label (&numbering, num_id, level);

              if (!first)
                g_string_append_c (out, '\n');
              first = FALSE;
              if (label != NULL)
                g_string_append (out, label);
              g_string_append_len (out, para->str, para->len);
              g_string_truncate (para, 0);
            }
        }
      else if (in_text && sy_ooxml_is_text_node (type))
        {
          const char *value = (const char *) xmlTextReaderConstValue (r);

          if (value != NULL)
            {
              g_autofree char *text = sy_ooxml_unescape (value, strlen (value));
              g_string_append (para, text);
            }
        }
    }
  xmlFreeTextReader (r);
  numbering_clear (&numbering);
  if (ret < 0)
    return (damaged (file_name, DOCUMENT_PART, error), NULL);
  if (out->len > 0)
    g_string_append_c (out, '\n');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
has_suffix (const char *file_name, const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (file_name, -1);
  return g_str_has_suffix (lower, suffix);
}

char *
sy_docx_load_text (GFile         *file,
                   const char    *file_name,
                   gsize         *length,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *parse_name = NULL;
  const guchar *data;
  gsize len;
  char *text;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (file_name == NULL)
    file_name = parse_name = g_file_get_parse_name (file);
  bytes = sy_load_file_bytes (file, file_name, cancellable, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);

  if (sy_ooxml_is_compound (data, len) || has_suffix (file_name, ".doc"))
    return (refuse_compound (file_name, error), NULL);
  if (sy_ooxml_is_zip (data, len) || has_suffix (file_name, ".docx"))
    {
      text = sy_docx_read_text (bytes, file_name, error);
      len = text != NULL ? strlen (text) : 0;
    }
  else
    {
      /* Kept whole, NULs included, so that the parser refuses a binary
       * file rather than reading its first bytes. */
      text = g_malloc (len + 1);
      memcpy (text, data, len);
      text[len] = '\0';
    }
  if (text != NULL && length != NULL)
    *length = len;
  return text;
}
