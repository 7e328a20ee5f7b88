/* sy-ooxml-private.h: the zip and XML plumbing shared by the Office Open
 * XML readers (sy-xlsx-reader.c, sy-docx-reader.c); internal to core
 *
 * The readers differ only in what they tell the user, so these helpers
 * report *what* went wrong as an SyOoxmlStatus and each reader words the
 * message for its kind of file.
 */
#pragma once

#include <glib.h>
#include <libxml/xmlreader.h>

G_BEGIN_DECLS

/* Sets @error to SY_ERROR_INVALID with the message; always FALSE. */
gboolean         sy_ooxml_fail         (GError       **error,
                                        const char    *format,
                                        ...) G_GNUC_PRINTF (2, 3);

typedef enum {
  SY_OOXML_OK,
  SY_OOXML_MISSING,     /* the zip has no such member */
  SY_OOXML_NOT_ZIP,     /* libarchive cannot open it as a zip */
  SY_OOXML_ENCRYPTED,   /* the member is encrypted (zip password) */
  SY_OOXML_TOO_LARGE,   /* more than @max_size bytes uncompressed: a zip bomb */
  SY_OOXML_DAMAGED,     /* the member's data cannot be read */
  SY_OOXML_BAD_ZIP,     /* the container cannot be walked */
} SyOoxmlStatus;

/* The uncompressed bytes of @member of the zip in @zip (part names compare
 * case-insensitively, a leading / ignored), read up to @max_size bytes.
 * NULL unless *status is SY_OOXML_OK; *archive_message gets libarchive's
 * explanation for NOT_ZIP and BAD_ZIP (caller frees; may be NULL). */
GBytes          *sy_ooxml_extract      (GBytes        *zip,
                                        const char    *member,
                                        gsize          max_size,
                                        SyOoxmlStatus *status,
                                        char         **archive_message);

/* TRUE if @data starts like an OLE compound file (an old .xls/.doc, or an
 * Office file encrypted with a password, which Office wraps the same way). */
gboolean         sy_ooxml_is_compound  (const guchar  *data,
                                        gsize          len);
/* TRUE if @data starts like a zip file. */
gboolean         sy_ooxml_is_zip       (const guchar  *data,
                                        gsize          len);

/* A streaming reader on @bytes: no network, no entities, no DTD (the parts
 * are a stranger's data).  NULL if libxml2 refuses. */
xmlTextReaderPtr sy_ooxml_xml_open     (GBytes        *bytes,
                                        const char    *member);
/* The current node's local name is @name. */
gboolean         sy_ooxml_is_name      (xmlTextReaderPtr r,
                                        const char    *name);
/* An attribute by local name; @namespaced: whatever its namespace (r:id,
 * w:val), else the unprefixed one.  Caller frees; NULL if absent. */
char            *sy_ooxml_get_attr     (xmlTextReaderPtr r,
                                        const char    *local_name,
                                        gboolean       namespaced);
gboolean         sy_ooxml_is_text_node (int            type);
/* OOXML writes characters XML cannot hold as _xHHHH_ (_x000D_ for CR). */
char            *sy_ooxml_unescape     (const char    *text,
                                        gsize          len);

G_END_DECLS
