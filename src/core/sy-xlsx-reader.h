/* sy-xlsx-reader.h: Excel workbooks (.xlsx, Office Open XML) as tables of
 * the text a user sees in the cells
 *
 * Reads one worksheet (the first visible one unless another is chosen) into
 * a SyTable whose line numbers are the spreadsheet's row numbers, so import
 * messages say FILE:ROW.  Values come out as shown:
 *   - shared, inline and formula strings as they are (rich text runs joined);
 *   - numbers with a date or time format (built-in formats 14–22, 45–47, the
 *     Chinese built-ins 27–36 and 50–58, and custom formats with y/m/d/h/s
 *     outside quotes) as ISO 8601 "2024-03-01", "2024-03-01 08:30",
 *     "08:30:00", honouring the 1904 date system and Excel's fictitious
 *     1900-02-29;
 *   - numbers under a number format as that format shows them, for the
 *     formats offices use: built-ins 1–4, 9–11, 37–40, 48 and custom codes
 *     made of 0 # ? placeholders, thousands commas, decimals, %, E+00,
 *     quoted or \-escaped text, currency ([$¥-804] or ¥) and up to three
 *     ;-sections (positive;negative;zero): "#,##0.00" → "1,409.50".  Like
 *     Excel, through at most 15 significant digits rounded half away from
 *     zero, so an ID typed into a "0" cell comes out "360426199101010000"
 *     (and the ID check refuses it as mangled).  Codes it does not
 *     understand (fractions, [>100] conditions) show as General;
 *   - under General (and "@", which does not change a number): integers in
 *     full ("13812341234"), except that a number of 16 or more digits —
 *     which a spreadsheet keeps only as a rounded double — is shown the way
 *     Excel's General format shows it ("3.60426E+17"), so that the ID
 *     number check recognises the mangled value and refuses it; other
 *     numbers with up to 15 significant digits ("1409.5");
 *   - booleans as TRUE/FALSE, errors as their code (#N/A).
 * Missing cells between present ones are empty cells, so columns stay under
 * their titles.
 *
 * Refused with SY_ERROR_INVALID and a message that says what to do: a file
 * that is not a zip (an old .xls or a password-protected workbook, which are
 * OLE compound files; an OpenDocument spreadsheet), a damaged or truncated
 * zip, a workbook without sheets.  Against zip bombs each member is read up
 * to SY_XLSX_MAX_MEMBER_SIZE bytes uncompressed and a sheet up to
 * SY_XLSX_MAX_CELLS cells.
 */
#pragma once

#include <gio/gio.h>

#include "sy-table.h"

G_BEGIN_DECLS

#define SY_XLSX_MAX_MEMBER_SIZE (200 * 1024 * 1024)
#define SY_XLSX_MAX_CELLS       (10 * 1000 * 1000)

#define SY_TYPE_XLSX_READER (sy_xlsx_reader_get_type ())
G_DECLARE_FINAL_TYPE (SyXlsxReader, sy_xlsx_reader, SY, XLSX_READER, GObject)

SyXlsxReader       *sy_xlsx_reader_new               (void);

/* --- a workbook and its sheets -----------------------------------------
 * open_* reads the workbook's sheet list (not the cells yet).  @file_name
 * names the file in messages; NULL: "-" (bytes) or the file's parse name. */
gboolean            sy_xlsx_reader_open_bytes        (SyXlsxReader  *self,
                                                      GBytes        *bytes,
                                                      const char    *file_name,
                                                      GError       **error);
/* Fails with SY_ERROR_NOT_FOUND or SY_ERROR_IO when the file cannot be
 * read, SY_ERROR_CANCELLED, or as open_bytes. */
gboolean            sy_xlsx_reader_open_file         (SyXlsxReader  *self,
                                                      GFile         *file,
                                                      const char    *file_name,
                                                      GCancellable  *cancellable,
                                                      GError       **error);

/* After an open: the sheet names in workbook order (NULL-terminated). */
guint               sy_xlsx_reader_get_n_sheets      (SyXlsxReader  *self);
const char * const *sy_xlsx_reader_get_sheet_names   (SyXlsxReader  *self);
/* The index of the sheet called @name, or -1. */
int                 sy_xlsx_reader_find_sheet        (SyXlsxReader  *self,
                                                      const char    *name);
/* The sheet read by default: the first one that is not hidden. */
guint               sy_xlsx_reader_get_default_sheet (SyXlsxReader  *self);

/* Reads sheet @index (0-based) of the open workbook.  Fails with
 * SY_ERROR_INVALID when the sheet is not a worksheet, is damaged, has no
 * cells or too many. */
SyTable            *sy_xlsx_reader_read_sheet        (SyXlsxReader  *self,
                                                      guint          index,
                                                      GError       **error);

/* --- one step, like SyCsvReader ------------------------------------------
 * The sheet read_bytes/read_file read: -1 (the default) for the default
 * sheet.  An index past the last sheet makes the read fail. */
void                sy_xlsx_reader_set_sheet         (SyXlsxReader  *self,
                                                      int            index);
/* The index of the sheet the last read read. */
guint               sy_xlsx_reader_get_sheet         (SyXlsxReader  *self);

SyTable            *sy_xlsx_reader_read_bytes        (SyXlsxReader  *self,
                                                      GBytes        *bytes,
                                                      const char    *file_name,
                                                      GError       **error);
SyTable            *sy_xlsx_reader_read_file         (SyXlsxReader  *self,
                                                      GFile         *file,
                                                      const char    *file_name,
                                                      GCancellable  *cancellable,
                                                      GError       **error);

/* --- what the reader renders, for other readers and tests ------------- */

/* How a number format shows a number. */
typedef enum {
  SY_XLSX_FORMAT_GENERAL,
  SY_XLSX_FORMAT_TEXT,
  SY_XLSX_FORMAT_DATE,
  SY_XLSX_FORMAT_TIME,
  SY_XLSX_FORMAT_DATE_TIME,
} SyXlsxFormatKind;

/* *with_seconds (may be NULL): whether a time format shows seconds. */
SyXlsxFormatKind    sy_xlsx_classify_format          (const char    *format_code,
                                                      gboolean      *with_seconds);
/* The code of built-in number format @id for the non-date built-ins this
 * reader renders (1 → "0", 4 → "#,##0.00", 49 → "@"), or NULL. */
const char         *sy_xlsx_builtin_format_code      (guint          id);
/* @value shown under the (non-date) number format @format_code, as Excel
 * shows it: sy_xlsx_format_number_code (1409.5, "¥#,##0.00") is
 * "¥1,409.50".  A code it does not understand shows General.  Free with
 * g_free. */
char               *sy_xlsx_format_number_code       (double         value,
                                                      const char    *format_code);
/* @value shown under a format of @kind ("2024-03-01", "3.60426E+17" …);
 * @date1904 for workbooks in the 1904 date system.  @with_seconds for the
 * time kinds.  Free with g_free. */
char               *sy_xlsx_format_number            (double         value,
                                                      SyXlsxFormatKind kind,
                                                      gboolean       with_seconds,
                                                      gboolean       date1904);

G_END_DECLS
