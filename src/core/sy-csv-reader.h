/* sy-csv-reader.h: CSV and tab-separated text files as they come out of
 * Excel, WPS and other offices' systems
 *
 * Encoding: UTF-8 with or without BOM, UTF-16LE/BE with BOM (Excel's
 * "Unicode text"), otherwise GB18030 (a superset of GBK) when the bytes are
 * not UTF-8; anything else is refused rather than turned into mojibake.
 * Delimiter: comma, tab or semicolon, detected from the first line that has
 * one outside quotes (an Excel "sep=;" line is honoured).  Quoting follows
 * RFC 4180 (quoted delimiters, doubled quotes, embedded LF or CRLF); line
 * ends may be LF, CRLF or CR; the last line may lack its newline.
 */
#pragma once

#include <gio/gio.h>

#include "sy-table.h"

G_BEGIN_DECLS

typedef enum {
  SY_TEXT_ENCODING_UTF8,
  SY_TEXT_ENCODING_UTF8_BOM,
  SY_TEXT_ENCODING_UTF16LE,
  SY_TEXT_ENCODING_UTF16BE,
  SY_TEXT_ENCODING_GB18030,
} SyTextEncoding;

/* "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030" */
const char *sy_text_encoding_to_string (SyTextEncoding encoding);

#define SY_TYPE_CSV_READER (sy_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (SyCsvReader, sy_csv_reader, SY, CSV_READER, GObject)

SyCsvReader    *sy_csv_reader_new           (void);

/* ',', '\t' or ';' to force a delimiter; '\0' (the default) detects it. */
void            sy_csv_reader_set_delimiter (SyCsvReader  *self,
                                             char          delimiter);
/* After a read: the delimiter and encoding that were used. */
char            sy_csv_reader_get_delimiter (SyCsvReader  *self);
SyTextEncoding  sy_csv_reader_get_encoding  (SyCsvReader  *self);

/* Decodes and parses @bytes.  @file_name names the file in messages.
 * Fails with SY_ERROR_INVALID when the encoding is not recognised, the file
 * holds no text at all, or a quoted field is never closed.  A row with more
 * cells than its header is not an error here: the mapping reports it. */
SyTable        *sy_csv_reader_read_bytes    (SyCsvReader  *self,
                                             GBytes       *bytes,
                                             const char   *file_name,
                                             GError      **error);

/* The largest file read_file() reads (about a million rows).  The whole
 * file, its text and its table are held in memory, so a larger one (a
 * database dump picked by mistake, a 1 GB log) is refused, unread when its
 * size is known. */
#define SY_CSV_MAX_FILE_SIZE (200 * 1000 * 1000)

/* Loads @file and parses it.  @file_name as above; NULL uses the file's
 * parse name.  Fails with SY_ERROR_NOT_FOUND or SY_ERROR_IO when the file
 * cannot be read, SY_ERROR_CANCELLED when cancelled, SY_ERROR_INVALID when
 * it is larger than SY_CSV_MAX_FILE_SIZE. */
SyTable        *sy_csv_reader_read_file     (SyCsvReader  *self,
                                             GFile        *file,
                                             const char   *file_name,
                                             GCancellable *cancellable,
                                             GError      **error);

G_END_DECLS
