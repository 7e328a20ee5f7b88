/* sy-docx-reader.h: the text of a Word document (.docx), for plan import
 *
 * word/document.xml is read in document order, one line per paragraph
 * (w:p): the text of its runs (w:t) joined as they are — Word splits runs
 * anywhere, even inside a word — with w:tab as a tab and w:br / w:cr as a
 * line break.  Table cells are paragraphs too, so each cell's text comes
 * out as its own line(s), row by row.  Deleted text of tracked changes,
 * field codes and the fallback copy of drawings are not text.
 *
 * Automatic numbering (w:numPr on the paragraph) is not in the text; it is
 * rebuilt from word/numbering.xml: the level's lvlText ("%1、", "（%1）")
 * with its counters in the level's numFmt — decimal, chineseCounting (and
 * the other Chinese counting formats), decimalEnclosedCircle — so a Word
 * list "一、 （一） 1." reaches the outline parser as those labels.
 * Numbering that cannot be rebuilt — bullets, letters, Roman numerals,
 * numbering inherited from a paragraph *style* rather than set on the
 * paragraph, or a document without numbering.xml — is lost: the item comes
 * out without its label and the user adds it in the outline preview.
 *
 * Refused with SY_ERROR_INVALID and a message that says what to do: an old
 * Word document (.doc) or a password-protected .docx (both OLE compound
 * files), a file that is not a zip, a zip without word/document.xml, a
 * damaged or truncated one, and a zip bomb (a part larger than
 * SY_DOCX_MAX_PART_SIZE uncompressed).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SY_DOCX_MAX_PART_SIZE (64 * 1024 * 1024)

/* The document's text, UTF-8, lines separated by "\n".  @file_name names
 * the file in messages. */
char     *sy_docx_read_text       (GBytes        *bytes,
                                   const char    *file_name,
                                   GError       **error);

/* The text of a plan file: a Word document by its content (a zip) or its
 * name (.docx), an old .doc refused, anything else returned as it is (the
 * outline parser checks the encoding).  @length (may be NULL) gets the
 * text's length. */
char     *sy_docx_load_text       (GFile         *file,
                                   const char    *file_name,
                                   gsize         *length,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
