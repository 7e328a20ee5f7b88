/* sy-test-pdf.c: reading back the PDFs the ledger writes (tests only) */
#include "sy-test-pdf.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#define MM(mm)       ((mm) * 72.0 / 25.4)
#define A4_WIDTH     MM (210.0)
#define A4_HEIGHT    MM (297.0)
/* The ledger's text block (sy-ledger-style.h, GB/T 9704); the page number
 * line (10.5–12 pt) starts 7 mm below the block. */
#define BLOCK_LEFT   MM (28.0)
#define BLOCK_RIGHT  MM (28.0 + 156.0)
#define BLOCK_TOP    MM (37.0)
/* Poppler boxes glyphs by the font's ascent and descent: a 12 pt "— N —"
 * reaches a little over 6 mm below its line's top. */
#define FOLIO_BOTTOM MM (37.0 + 225.0 + 7.0 + 8.0)
#define INSET        MM (9.0)
#define SLACK        1.0

PopplerDocument *
sy_test_pdf_open (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

char *
sy_test_pdf_page_text (PopplerDocument *doc,
                       guint            page)
{
  g_autoptr(PopplerPage) p = NULL;
  char *text;

  g_assert_cmpuint (page, >=, 1);
  g_assert_cmpint (page, <=, poppler_document_get_n_pages (doc));
  p = poppler_document_get_page (doc, (int) page - 1);
  g_assert_nonnull (p);
  text = poppler_page_get_text (p);
  return text != NULL ? text : g_strdup ("");
}

char *
sy_test_pdf_squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

guint
sy_test_pdf_find_text (PopplerDocument *doc,
                       const char      *needle,
                       guint            from_page)
{
  g_autofree char *want = sy_test_pdf_squeeze (needle);
  guint n = (guint) poppler_document_get_n_pages (doc);

  for (guint page = MAX (from_page, 1); page <= n; page++)
    {
      g_autofree char *text = sy_test_pdf_page_text (doc, page);
      g_autofree char *have = sy_test_pdf_squeeze (text);

      if (strstr (have, want) != NULL)
        return page;
    }
  return 0;
}

void
sy_test_pdf_assert_glyphs_inside (PopplerDocument *doc)
{
  int n = poppler_document_get_n_pages (doc);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *rects = NULL;
      guint n_rects = 0;
      double w, h, x0, x1, y0, y1;
      const char *p = text;

      poppler_page_get_size (page, &w, &h);
      if (fabs (w - A4_WIDTH) < 2 && fabs (h - A4_HEIGHT) < 2)
        {
          x0 = BLOCK_LEFT - SLACK;
          x1 = BLOCK_RIGHT + SLACK;
          y0 = BLOCK_TOP - SLACK;
          y1 = FOLIO_BOTTOM;
        }
      else
        {
          x0 = y0 = INSET;
          x1 = w - INSET;
          y1 = h - INSET;
        }
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects) || n_rects == 0);
      /* One rectangle per character of the text, line breaks included. */
      for (guint r = 0; r < n_rects && p != NULL && *p != '\0'; r++, p = g_utf8_next_char (p))
        {
          const PopplerRectangle *rect = &rects[r];
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_isspace (c))
            continue;
          if (rect->x1 < x0 || rect->x2 > x1 || rect->y1 < y0 || rect->y2 > y1)
            {
              char glyph[8] = { 0 };

              g_unichar_to_utf8 (c, glyph);
              g_error ("page %d: glyph “%s” at (%.1f, %.1f)–(%.1f, %.1f) pt is outside "
                       "(%.1f, %.1f)–(%.1f, %.1f)", i + 1, glyph, rect->x1, rect->y1,
                       rect->x2, rect->y2, x0, y0, x1, y1);
            }
        }
    }
}

/* The program's output, or NULL (with a message) when it is not installed. */
static char *
run_tool (const char * const *argv, int *status)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status = 0;

  if (program == NULL)
    {
      g_test_message ("%s is not installed: its check is left out", argv[0]);
      return NULL;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s: %s", argv[0], err);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

void
sy_test_pdf_check_tools (const char *path)
{
  const char *qpdf[] = { "qpdf", "--check", path, NULL };
  const char *pdffonts[] = { "pdffonts", path, NULL };
  g_autofree char *qpdf_out = NULL;
  g_autofree char *fonts = NULL;
  int status = -1;

  qpdf_out = run_tool (qpdf, &status);
  if (qpdf_out != NULL)
    {
      if (status != 0)
        g_test_message ("%s", qpdf_out);
      g_assert_cmpint (status, ==, 0);
    }

  fonts = run_tool (pdffonts, &status);
  if (fonts != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
      guint n_fonts = 0;

      g_assert_cmpint (status, ==, 0);
      /* name type encoding emb sub uni object ID: two header lines, then
       * one font a line; "emb" and "sub" are the 4th and 3rd words from
       * the end (the type may hold spaces, "CID Type 0C"). */
      for (guint i = 2; lines[i] != NULL; i++)
        {
          g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
          g_autoptr(GPtrArray) kept = g_ptr_array_new ();
          guint k;

          if (*lines[i] == '\0')
            continue;
          for (guint w = 0; words[w] != NULL; w++)
            if (*words[w] != '\0')
              g_ptr_array_add (kept, words[w]);
          k = kept->len;
          g_assert_cmpuint (k, >=, 6);
          if (g_strcmp0 (kept->pdata[k - 5], "yes") != 0 || g_strcmp0 (kept->pdata[k - 4], "yes") != 0)
            g_error ("%s: a font is not embedded as a subset: %s", path, lines[i]);
          n_fonts++;
        }
      g_test_message ("%s: %u fonts, all embedded subsets", path, n_fonts);
    }
}
