/* sy-ooxml-private.c: zip members and XML readers for the OOXML readers */
#include "sy-ooxml-private.h"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>

#include "sy-error.h"

gboolean
sy_ooxml_fail (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (SY_ERROR, SY_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
name_matches (const char *entry, const char *member)
{
  /* Part names are case-insensitive (OPC); some writers add a leading /. */
  if (*entry == '/')
    entry++;
  return g_ascii_strcasecmp (entry, member) == 0;
}

static char *
archive_message (struct archive *a)
{
  return g_strdup (archive_error_string (a) ? archive_error_string (a) : "?");
}

GBytes *
sy_ooxml_extract (GBytes        *zip,
                  const char    *member,
                  gsize          max_size,
                  SyOoxmlStatus *status,
                  char         **message)
{
  struct archive *a;
  struct archive_entry *entry;
  gsize len;
  gconstpointer data = g_bytes_get_data (zip, &len);
  GBytes *result = NULL;
  int r;

  *status = SY_OOXML_OK;
  if (message != NULL)
    *message = NULL;
  a = archive_read_new ();
  archive_read_support_format_zip (a);
  if (archive_read_open_memory (a, data, len) != ARCHIVE_OK)
    {
      *status = SY_OOXML_NOT_ZIP;
      if (message != NULL)
        *message = archive_message (a);
      archive_read_free (a);
      return NULL;
    }

  while ((r = archive_read_next_header (a, &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN)
    {
      const char *path = archive_entry_pathname_utf8 (entry);
      g_autoptr(GByteArray) buf = NULL;
      char chunk[65536];
      la_ssize_t n;

      if (path == NULL)
        path = archive_entry_pathname (entry);
      if (path == NULL || !name_matches (path, member))
        continue;

      if (archive_entry_is_encrypted (entry))
        {
          *status = SY_OOXML_ENCRYPTED;
          break;
        }
      /* The declared size first, then the bytes actually inflated: a
       * bomb may lie about its size. */
      if (archive_entry_size_is_set (entry)
          && archive_entry_size (entry) > (la_int64_t) max_size)
        {
          *status = SY_OOXML_TOO_LARGE;
          break;
        }

      buf = g_byte_array_new ();
      while ((n = archive_read_data (a, chunk, sizeof chunk)) > 0)
        {
          if (buf->len + (gsize) n > max_size)
            {
              *status = SY_OOXML_TOO_LARGE;
              break;
            }
          g_byte_array_append (buf, (const guint8 *) chunk, n);
        }
      if (*status != SY_OOXML_OK)
        break;
      if (n < 0)
        *status = SY_OOXML_DAMAGED;
      else
        result = g_byte_array_free_to_bytes (g_steal_pointer (&buf));
      break;
    }

  if (result == NULL && *status == SY_OOXML_OK)
    {
      if (r == ARCHIVE_EOF)
        *status = SY_OOXML_MISSING;
      else
        {
          *status = SY_OOXML_BAD_ZIP;
          if (message != NULL)
            *message = archive_message (a);
        }
    }
  archive_read_free (a);
  return result;
}

gboolean
sy_ooxml_is_compound (const guchar *data, gsize len)
{
  return len >= 8 && memcmp (data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

gboolean
sy_ooxml_is_zip (const guchar *data, gsize len)
{
  return len >= 4 && (memcmp (data, "PK\003\004", 4) == 0 || memcmp (data, "PK\005\006", 4) == 0);
}

xmlTextReaderPtr
sy_ooxml_xml_open (GBytes *bytes, const char *member)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return xmlReaderForMemory (data ? data : "", (int) len, member, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

gboolean
sy_ooxml_is_name (xmlTextReaderPtr r, const char *name)
{
  const xmlChar *local = xmlTextReaderConstLocalName (r);
  return local != NULL && strcmp ((const char *) local, name) == 0;
}

char *
sy_ooxml_get_attr (xmlTextReaderPtr r, const char *local_name, gboolean namespaced)
{
  char *value = NULL;

  if (!namespaced)
    {
      xmlChar *v = xmlTextReaderGetAttribute (r, (const xmlChar *) local_name);

      if (v != NULL)
        {
          value = g_strdup ((const char *) v);
          xmlFree (v);
        }
      return value;
    }
  if (xmlTextReaderMoveToFirstAttribute (r) == 1)
    {
      do
        {
          const xmlChar *ln = xmlTextReaderConstLocalName (r);
          const xmlChar *ns = xmlTextReaderConstNamespaceUri (r);

          if (ns != NULL && ln != NULL && strcmp ((const char *) ln, local_name) == 0)
            {
              value = g_strdup ((const char *) xmlTextReaderConstValue (r));
              break;
            }
        }
      while (xmlTextReaderMoveToNextAttribute (r) == 1);
      xmlTextReaderMoveToElement (r);
    }
  return value;
}

gboolean
sy_ooxml_is_text_node (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
         || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE
         || type == XML_READER_TYPE_WHITESPACE;
}

char *
sy_ooxml_unescape (const char *text, gsize len)
{
  GString *out;

  if (memchr (text, '_', len) == NULL)
    return g_strndup (text, len);

  out = g_string_sized_new (len);
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '_' && i + 6 < len && text[i + 1] == 'x' && text[i + 6] == '_'
          && g_ascii_isxdigit (text[i + 2]) && g_ascii_isxdigit (text[i + 3])
          && g_ascii_isxdigit (text[i + 4]) && g_ascii_isxdigit (text[i + 5]))
        {
          gunichar c = 0;

          for (int k = 2; k < 6; k++)
            c = c * 16 + g_ascii_xdigit_value (text[i + k]);
          if (c != 0 && g_unichar_validate (c))
            g_string_append_unichar (out, c);
          i += 6;
        }
      else
        g_string_append_c (out, text[i]);
    }
  return g_string_free (out, FALSE);
}
