/* sy-test-pdf.h: reading back the PDFs the ledger writes (tests only)
 *
 * Opens a PDF with poppler, gets a page's text, finds which page holds a
 * text, checks that no glyph lies outside the page's text block (a table
 * or text that runs over the margin is a layout bug a reader sees at once
 * on paper), and runs qpdf and pdffonts over the file when they are
 * installed.
 */
#pragma once

#include <poppler.h>

G_BEGIN_DECLS

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* Opens @path (any path: made into a URI here); asserts it opens. */
PopplerDocument *sy_test_pdf_open               (const char      *path);
/* The text of @page (1-based) as poppler reads it, lines separated by
 * "\n"; asserts the page exists. */
char            *sy_test_pdf_page_text          (PopplerDocument *doc,
                                                 guint            page);
/* The first page at or after @from_page (1-based) whose text contains
 * @needle, white space ignored on both sides; 0 if none. */
guint            sy_test_pdf_find_text          (PopplerDocument *doc,
                                                 const char      *needle,
                                                 guint            from_page);
/* @text without white space of any kind: poppler breaks and spaces glyph
 * runs its own way, so texts are compared squeezed. */
char            *sy_test_pdf_squeeze            (const char      *text);
/* Every glyph of every page inside the allowed area: on portrait A4 the
 * text block's width (28–184 mm) and from its top (37 mm) to the foot of
 * the page-number line; on other sizes the page less 9 mm all round.
 * Fails naming the page, the glyph and its rectangle. */
void             sy_test_pdf_assert_glyphs_inside (PopplerDocument *doc);
/* `qpdf --check` exits 0 and `pdffonts` lists every font embedded and
 * subset; each check is left out (with a message) when its program is not
 * installed. */
void             sy_test_pdf_check_tools        (const char      *path);

G_END_DECLS
