/* test-ledger.c: the 台帐 PDF, exported from the demo office and read back
 *
 * One demo database and one export are shared by the tests (filling the
 * demo takes a few seconds); each test then checks one property of the
 * file: page count, 目录 page numbers against the pages' own text and
 * folios, the cover, embedded font subsets (pdffonts), structure (qpdf),
 * and the all-or-nothing file handling on cancellation and write errors.
 */
#include "sy-ledger.h"
#include "sy-test-pdf.h"
#include "sy-test-util.h"
#include "sy-ledger-photo.h"
#include "sy-demo.h"

#include <locale.h>
#include <poppler.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <utime.h>
#include <time.h>
#include <glib/gstdio.h>


#define DEMO_SEED      20240801
#define DEMO_LAST_YEAR 2025

static struct {
  char             *dir;
  SyDatabase       *db;
  SyLedgerDocument *doc;
  char             *pdf;
  char             *office;
  guint             progress_calls;
  double            last_fraction;
  double            export_seconds;
} shared;

/* --- helpers ------------------------------------------------------------ */

/* The text of page @index (0-based), white space removed. */
static char *
page_text (PopplerDocument *pdf, guint index)
{
  g_autofree char *text = sy_test_pdf_page_text (pdf, index + 1);

  return sy_test_pdf_squeeze (text);
}

/* Runs @argv; fails the test if the program is missing (the test command
 * installs poppler-utils and qpdf: a skip would hide a broken setup). */
static int
run (const char * const *argv, char **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                out, &err, &status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s: %s", argv[0], err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static gboolean
has_temp_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".tmp-") != NULL)
      return TRUE;
  return FALSE;
}

static SyLedgerDocument *
new_document (void)
{
  SyLedgerOptions options = { DEMO_LAST_YEAR - 1, DEMO_LAST_YEAR, "测试编制人" };

  return sy_ledger_document_new (shared.db, &options);
}

static void
count_progress (double fraction, const char *what, gpointer user_data)
{
  g_assert_cmpfloat (fraction, >, shared.last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_assert_nonnull (what);
  shared.last_fraction = fraction;
  shared.progress_calls++;
}

/* The demo office, exported once. */
static void
ensure_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autofree char *setting = NULL;

  if (shared.pdf != NULL)
    return;

  shared.dir = g_dir_make_tmp ("sy-ledger-XXXXXX", &error);
  g_assert_no_error (error);
  shared.db = sy_database_open (shared.dir, &error);
  g_assert_no_error (error);
  g_assert_true (sy_demo_populate (shared.db, DEMO_SEED, DEMO_LAST_YEAR, NULL, NULL, &error));
  g_assert_no_error (error);

  setting = sy_database_get_setting (shared.db, "office-name");
  if (setting != NULL && *setting != '\0')
    shared.office = g_steal_pointer (&setting);
  else
    {
      g_autoptr(SyUnit) office = sy_queries_office (shared.db, &error);

      g_assert_no_error (error);
      g_assert_nonnull (office);
      shared.office = g_strdup (sy_unit_get_name (office));
    }

  shared.doc = new_document ();
  g_assert_true (sy_ledger_document_layout (shared.doc, NULL, &error));
  g_assert_no_error (error);

  shared.pdf = g_build_filename (shared.dir, "台帐.pdf", NULL);
  timer = g_timer_new ();
  g_assert_true (sy_ledger_document_export_pdf (shared.doc, shared.pdf, count_progress, NULL,
                                                NULL, &error));
  g_assert_no_error (error);
  shared.export_seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("export: %u pages in %.2f s", sy_ledger_document_get_n_pages (shared.doc),
                  shared.export_seconds);
}

/* --- tests -------------------------------------------------------------- */

/* The JPEG header reader behind embedding: size, EXIF orientation, and
 * which JPEGs a PDF reader can show as they are. */
static GByteArray *
jpeg_header (guint8 sof_marker, guint8 components, int orientation, gboolean little_endian)
{
  GByteArray *a = g_byte_array_new ();
  const guint8 soi[] = { 0xFF, 0xD8 };
  const guint8 sof[] = { 0xFF, sof_marker, 0x00, 0x0B, 8, 0x00, 200, 0x01, 0x2C, components,
                         1, 0x11, 0 };
  const guint8 sos[] = { 0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 63, 0 };

  g_byte_array_append (a, soi, sizeof soi);
  if (orientation > 0)
    {
      guint8 app1[] = { 0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
                        'M', 'M', 0, 42, 0, 0, 0, 8,
                        0, 1,                                 /* one entry */
                        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (guint8) orientation, 0, 0,
                        0, 0, 0, 0 };
      if (little_endian)
        {
          guint8 le[] = { 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0,
                          0x12, 0x01, 3, 0, 1, 0, 0, 0, (guint8) orientation, 0, 0, 0,
                          0, 0, 0, 0 };
          memcpy (app1 + 10, le, sizeof le);
        }
      g_byte_array_append (a, app1, sizeof app1);
    }
  g_byte_array_append (a, sof, sizeof sof);
  g_byte_array_append (a, sos, sizeof sos);
  return a;
}

static void
test_jpeg_probe (void)
{
  SyLedgerPhotoInfo info;
  g_autoptr(GByteArray) plain = jpeg_header (0xC0, 3, 0, FALSE);
  g_autoptr(GByteArray) rotated = jpeg_header (0xC2, 3, 6, FALSE);
  g_autoptr(GByteArray) rotated_le = jpeg_header (0xC0, 1, 8, TRUE);
  g_autoptr(GByteArray) cmyk = jpeg_header (0xC0, 4, 0, FALSE);
  g_autoptr(GByteArray) arithmetic = jpeg_header (0xC9, 3, 0, FALSE);
  const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

  g_assert_true (sy_ledger_photo_probe_jpeg (plain->data, plain->len, &info));
  g_assert_cmpint (info.width, ==, 300);
  g_assert_cmpint (info.height, ==, 200);
  g_assert_cmpint (info.orientation, ==, 1);
  g_assert_true (info.embeddable);

  g_assert_true (sy_ledger_photo_probe_jpeg (rotated->data, rotated->len, &info));
  g_assert_cmpint (info.orientation, ==, 6);
  g_assert_true (info.embeddable);  /* progressive is fine */

  g_assert_true (sy_ledger_photo_probe_jpeg (rotated_le->data, rotated_le->len, &info));
  g_assert_cmpint (info.orientation, ==, 8);
  g_assert_true (info.embeddable);  /* greyscale too */

  g_assert_true (sy_ledger_photo_probe_jpeg (cmyk->data, cmyk->len, &info));
  g_assert_false (info.embeddable);
  g_assert_true (sy_ledger_photo_probe_jpeg (arithmetic->data, arithmetic->len, &info));
  g_assert_false (info.embeddable);

  g_assert_false (sy_ledger_photo_probe_jpeg (png, sizeof png, &info));
  /* Cut inside the frame header. */
  g_assert_false (sy_ledger_photo_probe_jpeg (plain->data, 8, &info));
  g_assert_false (sy_ledger_photo_probe_jpeg (plain->data, 0, &info));
}


static void
test_layout (void)
{
  guint n_toc, n_entries = 0, previous_page = 0, previous_entry_page = 0;
  double w, h;

  ensure_export ();

  sy_ledger_document_get_page_size (shared.doc, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 595.2756, 0.01);
  g_assert_cmpfloat_with_epsilon (h, 841.8898, 0.01);

  n_toc = sy_ledger_document_get_n_toc_entries (shared.doc);
  g_assert_cmpuint (n_toc, >, 2);
  /* Entries come in page order, each inside the ledger, after cover and 目录. */
  for (guint i = 0; i < n_toc; i++)
    {
      guint page = sy_ledger_document_get_toc_page (shared.doc, i);
      guint level = sy_ledger_document_get_toc_level (shared.doc, i);

      /* A volume without evidence says so, without a page. */
      if (page == 0)
        {
          g_assert_cmpstr (sy_ledger_document_get_toc_title (shared.doc, i), ==, "本卷暂无佐证材料");
          continue;
        }
      g_assert_cmpuint (page, >=, 3);
      g_assert_cmpuint (page, <=, sy_ledger_document_get_n_pages (shared.doc));
      g_assert_cmpuint (page, >=, previous_page);
      g_assert_cmpuint (level, <=, 1);
      g_assert_cmpstr (sy_ledger_document_get_toc_title (shared.doc, i), !=, "");
      /* Every piece of evidence starts a page of its own. */
      if (level == 1)
        {
          g_assert_cmpuint (page, >, previous_entry_page);
          previous_entry_page = page;
          n_entries++;
        }
      previous_page = page;
    }
  g_assert_cmpuint (n_entries, >, 10);

  /* The first entry is volume 1's heading, at its divider page, just
   * before its first piece of evidence. */
  g_assert_cmpuint (sy_ledger_document_get_toc_level (shared.doc, 0), ==, 0);
  g_assert_true (g_str_has_prefix (sy_ledger_document_get_toc_title (shared.doc, 0), "第一卷"));
  g_assert_cmpuint (sy_ledger_document_get_toc_page (shared.doc, 0) + 1, ==,
                    sy_ledger_document_get_toc_page (shared.doc, 1));

  /* Progress: photos, then once a page, always forward, ending at 1. */
  g_assert_cmpuint (shared.progress_calls, >=, sy_ledger_document_get_n_pages (shared.doc));
  g_assert_cmpfloat (shared.last_fraction, ==, 1.0);

  /* Photos go in as they are, so even ~45 activities export quickly. */
  g_assert_cmpfloat (shared.export_seconds, <, 15.0);
}

/* The part of a 目录 title the section's own page prints: a document's
 * title without the 文号 the 目录 adds in brackets. */
static char *
printed_title (const char *toc_title)
{
  g_autofree char *squeezed = sy_test_pdf_squeeze (toc_title);
  const char *bracket = g_str_has_suffix (squeezed, "）") ? g_strrstr (squeezed, "（") : NULL;

  return bracket ? g_strndup (squeezed, bracket - squeezed) : g_steal_pointer (&squeezed);
}

/* Every 目录 entry against the page it names: the section starts there
 * (its title is on that page and not on the page before, unless the
 * previous section has the same title, and the page carries "— N —"). */
static void
test_pages_match_toc (void)
{
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GString) toc_text = g_string_new (NULL);
  guint n_pages, n_toc, first_divider, checked = 0, volumes = 0;

  ensure_export ();
  n_pages = sy_ledger_document_get_n_pages (shared.doc);
  n_toc = sy_ledger_document_get_n_toc_entries (shared.doc);
  first_divider = sy_ledger_document_get_toc_page (shared.doc, 0);

  pdf = sy_test_pdf_open (shared.pdf);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, (int) n_pages);

  /* Every page, the cover included, carries "— N —" with its physical number. */
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *text = page_text (pdf, p);
      g_autofree char *folio = g_strdup_printf ("—%u—", p + 1);

      g_assert_nonnull (strstr (text, folio));
      /* The 目录 runs from page 2 to the page before the first divider. */
      if (p >= 1 && p + 1 < first_divider)
        g_string_append (toc_text, text);
    }
  /* "目　录" is letter-spaced: poppler may read its two characters apart. */
  g_assert_nonnull (strstr (toc_text->str, "目"));
  g_assert_nonnull (strstr (toc_text->str, "录"));

  for (guint i = 0; i < n_toc; i++)
    {
      g_autofree char *title = printed_title (sy_ledger_document_get_toc_title (shared.doc, i));
      g_autofree char *text = NULL;
      g_autofree char *folio = NULL;
      guint page = sy_ledger_document_get_toc_page (shared.doc, i);

      if (page == 0)
        continue;  /* "本卷暂无佐证材料" (test_layout) */
      text = page_text (pdf, page - 1);
      folio = g_strdup_printf ("—%u—", page);
      g_assert_nonnull (strstr (text, folio));
      if (sy_ledger_document_get_toc_level (shared.doc, i) == 0)
        {
          /* "第一卷　组织领导坚强有力": the divider and the 目录 print both parts. */
          g_auto(GStrv) parts = g_strsplit (sy_ledger_document_get_toc_title (shared.doc, i), "　", 2);

          g_assert_nonnull (strstr (text, parts[0]));
          g_assert_nonnull (strstr (text, parts[1]));
          g_assert_nonnull (strstr (toc_text->str, parts[0]));
          g_assert_nonnull (strstr (toc_text->str, parts[1]));
          volumes++;
          continue;
        }
      /* The 目录 lists it (titles may wrap: squeeze()). */
      if (strstr (toc_text->str, title) == NULL)
        g_error ("entry %u “%s” is not in the 目录", i, title);
      if (strstr (text, title) == NULL)
        g_error ("entry %u “%s”: not on page %u: %s", i, title, page, text);
      /* It starts there: a sheet's first page, not its continuation. */
      if (strstr (text, "活动记录表") != NULL)
        g_assert_null (strstr (text, "活动记录表（续）"));
      checked++;
    }
  g_test_message ("%u entries checked in %u volumes", checked, volumes);
  g_assert_cmpuint (volumes, ==, 8);
  g_assert_cmpuint (checked, >=, 40);
}

static void
test_cover (void)
{
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *cover = NULL;
  g_autofree char *office = NULL;
  g_autofree char *years = NULL;

  ensure_export ();
  pdf = sy_test_pdf_open (shared.pdf);
  cover = page_text (pdf, 0);
  office = sy_test_pdf_squeeze (shared.office);
  years = g_strdup_printf ("%d—%d年度", DEMO_LAST_YEAR - 1, DEMO_LAST_YEAR);

  g_assert_nonnull (strstr (cover, office));
  g_assert_nonnull (strstr (cover, "双拥工作台帐"));
  g_assert_nonnull (strstr (cover, years));
  g_assert_nonnull (strstr (cover, "测试编制人"));

  g_assert_cmpstr (poppler_document_get_author (pdf), ==, shared.office);
  g_assert_cmpstr (poppler_document_get_creator (pdf), ==, "双拥台帐");
  g_assert_nonnull (strstr (poppler_document_get_title (pdf), "双拥工作台帐"));
  g_assert_cmpint (poppler_document_get_creation_date (pdf), >, 0);
}

static void
test_outline (void)
{
  g_autoptr(PopplerDocument) pdf = NULL;
  PopplerIndexIter *iter;
  guint top_level = 0;

  ensure_export ();
  pdf = sy_test_pdf_open (shared.pdf);
  iter = poppler_index_iter_new (pdf);
  g_assert_nonnull (iter);
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);

      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      top_level++;
      poppler_action_free (action);
    }
  while (poppler_index_iter_next (iter));
  poppler_index_iter_free (iter);
  /* 封面, 目录 and a heading per volume. */
  g_assert_cmpuint (top_level, ==, 10);
}

static void
test_fonts_embedded (void)
{
  const char *argv[] = { "pdffonts", NULL, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean serif = FALSE, sans = FALSE;

  ensure_export ();
  argv[1] = shared.pdf;
  g_assert_cmpint (run (argv, &out), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) tok = g_ptr_array_new ();
      const char *name;

      for (guint c = 0; cols[c] != NULL; c++)
        if (*cols[c] != '\0')
          g_ptr_array_add (tok, cols[c]);
      if (tok->len < 7)
        continue;
      name = g_ptr_array_index (tok, 0);
      g_test_message ("font %s", lines[i]);
      /* Columns from the end: … emb sub uni object-id generation. */
      g_assert_cmpstr (g_ptr_array_index (tok, tok->len - 5), ==, "yes");
      g_assert_cmpstr (g_ptr_array_index (tok, tok->len - 4), ==, "yes");
      g_assert_cmpstr (g_ptr_array_index (tok, tok->len - 3), ==, "yes");
      /* A subset's name carries a six-letter tag. */
      g_assert_nonnull (strchr (name, '+'));
      if (strstr (name, "NotoSerifCJKsc") != NULL)
        serif = TRUE;
      if (strstr (name, "NotoSansCJKsc") != NULL)
        sans = TRUE;
    }
  g_assert_true (serif);
  g_assert_true (sans);
}

static void
test_qpdf_check (void)
{
  const char *argv[] = { "qpdf", "--check", NULL, NULL };
  g_autofree char *out = NULL;

  ensure_export ();
  argv[2] = shared.pdf;
  g_assert_cmpint (run (argv, &out), ==, 0);
}

/* Nothing overflows the margins: every character of every page lies in
 * the text block (GB/T 9704: 156 × 225 mm at 28 mm, 37 mm), except the page
 * number in its line 7 mm below the block. */
/* No glyph outside the text block (portrait) or the margins (the
 * landscape rosters), page numbers aside. */
static void
test_within_margins (void)
{
  g_autoptr(PopplerDocument) pdf = NULL;

  ensure_export ();
  pdf = sy_test_pdf_open (shared.pdf);
  sy_test_pdf_assert_glyphs_inside (pdf);
}

/* Years without records: cover, 目录 and eight dividers, each volume
 * saying it has no evidence. */
static void
test_empty_years (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLedgerDocument) doc = NULL;
  g_autofree char *path = NULL;
  SyLedgerOptions options = { 1990, 1991, NULL };
  guint n_toc;

  ensure_export ();
  doc = sy_ledger_document_new (shared.db, &options);
  g_assert_true (sy_ledger_document_layout (doc, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sy_ledger_document_get_n_pages (doc), ==, 2 + 8);
  n_toc = sy_ledger_document_get_n_toc_entries (doc);
  g_assert_cmpuint (n_toc, ==, 16);
  for (guint i = 0; i < n_toc; i++)
    if (sy_ledger_document_get_toc_level (doc, i) == 1)
      {
        g_assert_cmpstr (sy_ledger_document_get_toc_title (doc, i), ==, "本卷暂无佐证材料");
        g_assert_cmpuint (sy_ledger_document_get_toc_page (doc, i), ==, 0);
      }

  path = g_build_filename (shared.dir, "empty.pdf", NULL);
  g_assert_true (sy_ledger_document_export_pdf (doc, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "qpdf", "--check", path, NULL };
    g_autofree char *out = NULL;
    g_assert_cmpint (run (argv, &out), ==, 0);
  }

  /* Years the wrong way round are refused. */
  g_clear_object (&doc);
  options.from_year = 2025;
  options.to_year = 2024;
  doc = sy_ledger_document_new (shared.db, &options);
  g_assert_false (sy_ledger_document_layout (doc, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_cmpuint (sy_ledger_document_get_n_pages (doc), ==, 0);
}

/* The 目录 is clickable: each entry with a page is a link to it. */
static void
test_toc_links (void)
{
  g_autoptr(PopplerDocument) pdf = NULL;
  guint first_divider, n_links = 0, n_expected = 0, n_toc;

  ensure_export ();
  pdf = sy_test_pdf_open (shared.pdf);
  first_divider = sy_ledger_document_get_toc_page (shared.doc, 0);
  n_toc = sy_ledger_document_get_n_toc_entries (shared.doc);
  for (guint i = 0; i < n_toc; i++)
    if (sy_ledger_document_get_toc_page (shared.doc, i) > 0)
      n_expected++;

  for (guint p = 1; p + 1 < first_divider; p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (pdf, (int) p);
      GList *mapping = poppler_page_get_link_mapping (page);

      for (GList *l = mapping; l != NULL; l = l->next)
        {
          PopplerLinkMapping *m = l->data;
          PopplerDest *dest;
          g_autofree char *area_text = NULL;
          g_autofree char *squeezed = NULL;
          PopplerRectangle area = m->area;
          double w, h;
          gboolean found = FALSE;

          g_assert_cmpint (m->action->type, ==, POPPLER_ACTION_GOTO_DEST);
          dest = m->action->goto_dest.dest;
          if (dest->type == POPPLER_DEST_NAMED)
            dest = poppler_document_find_dest (pdf, dest->named_dest);
          g_assert_cmpint (dest->page_num, >=, 1);
          /* The linked line's own page number is the target. */
          poppler_page_get_size (page, &w, &h);
          area.y1 = h - m->area.y2;
          area.y2 = h - m->area.y1;
          area_text = poppler_page_get_text_for_area (page, &area);
          squeezed = sy_test_pdf_squeeze (area_text);
          for (guint i = 0; i < n_toc && !found; i++)
            {
              /* A volume's "第一卷　标准": poppler may read the letter-spaced
               * "目　录" into the first one, so its standard part is matched. */
              const char *full = sy_ledger_document_get_toc_title (shared.doc, i);
              const char *tail = g_strrstr (full, "　");
              g_autofree char *title = sy_test_pdf_squeeze (tail ? tail : full);
              g_autofree char *number = g_strdup_printf ("%u", dest->page_num);

              found = sy_ledger_document_get_toc_page (shared.doc, i) == (guint) dest->page_num
                      && strstr (squeezed, title) != NULL
                      && g_str_has_suffix (squeezed, number);
            }
          if (!found)
            g_error ("link on 目录 page %u around “%s” goes to page %d", p + 1, squeezed,
                     dest->page_num);
          if (dest != m->action->goto_dest.dest)
            poppler_dest_free (dest);
          n_links++;
        }
      poppler_page_free_link_mapping (mapping);
    }
  g_assert_cmpuint (n_links, ==, n_expected);
}

/* The archived documents are bound as their own pages: the text of the
 * scan's PDF is still text on the ledger's page (kept vector). */
static void
test_documents_embedded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyQueryModel) documents = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  guint n, checked = 0, n_toc;

  ensure_export ();
  pdf = sy_test_pdf_open (shared.pdf);
  documents = sy_queries_documents (shared.db, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (documents));
  n_toc = sy_ledger_document_get_n_toc_entries (shared.doc);
  for (guint d = 0; d < n; d++)
    {
      g_autoptr(SyDocument) document = g_list_model_get_item (G_LIST_MODEL (documents), d);
      const char *date = sy_document_get_date (document);
      g_autofree char *body = sy_test_pdf_squeeze (sy_document_get_body_text (document));
      g_autofree char *excerpt = NULL;
      guint page = 0;

      if (date == NULL || atoi (date) < DEMO_LAST_YEAR - 1 || g_utf8_strlen (body, -1) < 20)
        continue;
      for (guint i = 0; i < n_toc && page == 0; i++)
        if (g_str_has_prefix (sy_ledger_document_get_toc_title (shared.doc, i),
                              sy_document_get_title (document)))
          page = sy_ledger_document_get_toc_page (shared.doc, i);
      g_assert_cmpuint (page, >, 0);
      /* Twenty characters from the middle of the scan's first page. */
      excerpt = g_utf8_substring (body, 10, 30);
      if (sy_test_pdf_find_text (pdf, excerpt, page) != page)
        g_error ("“%s”: “%s” is not on ledger page %u", sy_document_get_title (document), excerpt, page);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

/* One volume, 公示: the cover names it, only its entries are bound, and no
 * full ID number is printed anywhere. */
static void
test_volume_and_profile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLedgerDocument) doc = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autoptr(GRegex) id_number = g_regex_new ("[0-9]{17}[0-9Xx]", 0, 0, NULL);
  g_autofree char *path = g_build_filename (shared.dir, "volume2.pdf", NULL);
  g_autofree char *cover = NULL;
  SyLedgerOptions options = { DEMO_LAST_YEAR - 1, DEMO_LAST_YEAR, NULL,
                              SY_LEDGER_VOLUME (2), SY_MASK_PUBLIC, 150, 0 };
  guint n_toc, headings = 0, rosters = 0;

  ensure_export ();
  doc = sy_ledger_document_new (shared.db, &options);
  g_assert_true (sy_ledger_document_export_pdf (doc, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  n_toc = sy_ledger_document_get_n_toc_entries (doc);
  for (guint i = 0; i < n_toc; i++)
    {
      const char *title = sy_ledger_document_get_toc_title (doc, i);

      if (sy_ledger_document_get_toc_level (doc, i) == 0)
        {
          g_assert_true (g_str_has_prefix (title, "第二卷"));
          headings++;
        }
      if (g_str_has_suffix (title, "公示名单"))
        rosters++;
      g_assert_false (g_str_has_suffix (title, "发放花名册"));
    }
  g_assert_cmpuint (headings, ==, 1);
  g_assert_cmpuint (rosters, >, 0);

  pdf = sy_test_pdf_open (path);
  cover = page_text (pdf, 0);
  g_assert_nonnull (strstr (cover, "第二卷"));
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autofree char *text = page_text (pdf, (guint) p);

      if (g_regex_match (id_number, text, 0, NULL))
        g_error ("page %d of the 公示 ledger shows a full ID number", p + 1);
    }
}

/* Renders a few pages to PNG in the build directory, to be looked at. */
static void
test_snapshots (void)
{
  g_autofree char *prefix = g_build_filename (g_test_get_dir (G_TEST_BUILT), "ledger-page", NULL);
  guint first_sheet = 0;
  g_autofree char *last = NULL;
  g_autofree char *png = NULL;

  ensure_export ();
  first_sheet = sy_ledger_document_get_toc_page (shared.doc, 1);
  last = g_strdup_printf ("%u", first_sheet + 2);
  {
    const char *argv[] = { "pdftoppm", "-r", "60", "-png", "-l", NULL, NULL, NULL, NULL };
    g_autofree char *out = NULL;

    argv[5] = last;
    argv[6] = shared.pdf;
    argv[7] = prefix;
    g_assert_cmpint (run (argv, &out), ==, 0);
  }
  png = g_strdup_printf ("%s-%0*u.png", prefix,
                         sy_ledger_document_get_n_pages (shared.doc) >= 100 ? 3 : 2, 1);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
}

/* Pixels of @page painted at half size on an image surface whose colour
 * is not a grey: text is black and shading grey, so they come from photos. */
static guint
coloured_pixels (guint page)
{
  const int w = 298, h = 421;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint coloured = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 0.5, 0.5);
  sy_ledger_document_render_page (shared.doc, page, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);
        guint r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

        if (MAX (r, MAX (g, b)) - MIN (r, MIN (g, b)) > 40)
          coloured++;
      }
  cairo_surface_destroy (surface);
  return coloured;
}

/* The preview path: pages painted on an image surface decode the photos
 * instead of embedding them, and show them. */
static void
test_render_raster (void)
{
  guint first, n_pages, best = 0;

  ensure_export ();
  first = sy_ledger_document_get_toc_page (shared.doc, 0) - 1;
  n_pages = sy_ledger_document_get_n_pages (shared.doc);
  for (guint p = first; p < MIN (first + 12, n_pages) && best <= 5000; p++)
    best = MAX (best, coloured_pixels (p));
  g_assert_cmpuint (best, >, 5000);
}

static void
cancel_after_three (double fraction, const char *what, gpointer user_data)
{
  static guint calls;

  if (++calls == 3)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *contents = NULL;

  ensure_export ();
  path = g_build_filename (shared.dir, "cancelled.pdf", NULL);
  g_assert_false (sy_ledger_document_export_pdf (shared.doc, path, cancel_after_three,
                                                 cancellable, cancellable, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (has_temp_files (shared.dir));
  g_clear_error (&error);

  /* Cancelled over an existing file: the old one stays. */
  old_path = g_build_filename (shared.dir, "old.pdf", NULL);
  g_assert_true (g_file_set_contents (old_path, "old ledger", -1, &error));
  g_assert_false (sy_ledger_document_export_pdf (shared.doc, old_path, NULL, NULL,
                                                 cancellable, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (old_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old ledger");
  g_assert_false (has_temp_files (shared.dir));
}

static void
test_failed_write_keeps_old_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  struct rlimit saved, small;

  ensure_export ();
  sub = g_build_filename (shared.dir, "out", NULL);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  path = g_build_filename (sub, "ledger.pdf", NULL);
  g_assert_true (g_file_set_contents (path, "old ledger", -1, &error));

  /* An unwritable directory: no temporary file can be made. */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (sub, 0555), ==, 0);
      g_assert_false (sy_ledger_document_export_pdf (shared.doc, path, NULL, NULL, NULL, &error));
      g_assert_error (error, SY_ERROR, SY_ERROR_IO);
      g_clear_error (&error);
      g_assert_cmpint (g_chmod (sub, 0755), ==, 0);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "old ledger");
      g_clear_pointer (&contents, g_free);
    }

  /* A disk that fills up half way (root ignores permissions, not this):
   * the write fails, the old file stays, the temporary file goes. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 64 * 1024;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  g_assert_false (sy_ledger_document_export_pdf (shared.doc, path, NULL, NULL, NULL, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  g_assert_error (error, SY_ERROR, SY_ERROR_IO);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old ledger");
  g_assert_false (has_temp_files (sub));
}

/* A killed export's temporary file is cleared by the next export of the
 * same file once it is an hour old; a younger one (an export still
 * running) and other files are left alone. */
static void
test_stale_temp_removed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLedgerDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *other = NULL;
  struct utimbuf old = { 0, };

  ensure_export ();
  path = g_build_filename (shared.dir, "stale.pdf", NULL);
  stale = g_strconcat (path, ".tmp-AbC123", NULL);
  fresh = g_strconcat (path, ".tmp-XyZ789", NULL);
  other = g_strconcat (path, ".tmp-notes.txt", NULL);
  g_assert_true (g_file_set_contents (stale, "%PDF-1.5 cut", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "%PDF-1.5 running", -1, NULL));
  g_assert_true (g_file_set_contents (other, "keep", -1, NULL));
  old.actime = old.modtime = time (NULL) - 7200;
  g_assert_cmpint (utime (stale, &old), ==, 0);
  g_assert_cmpint (utime (other, &old), ==, 0);

  doc = new_document ();
  g_assert_true (sy_ledger_document_export_pdf (doc, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_unlink (fresh);
  g_unlink (other);
}

/* A photo file gone from the attachment store: a placeholder, not a failure. */
static void
test_missing_photo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(SyLedgerDocument) doc = NULL;
  g_autoptr(PopplerDocument) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint page = 0, n_toc;
  gboolean removed = FALSE;

  ensure_export ();
  events = sy_queries_events_in_years (shared.db, DEMO_LAST_YEAR - 1, DEMO_LAST_YEAR, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (events) && !removed; i++)
    {
      g_autoptr(SyEvent) event = g_list_model_get_item (events, i);
      g_autoptr(GListModel) photos = sy_queries_event_photos (shared.db,
                                                              sy_record_get_id (SY_RECORD (event)),
                                                              &error);
      g_assert_no_error (error);
      for (guint k = 0; k < g_list_model_get_n_items (photos); k++)
        {
          g_autoptr(SyEventPhoto) photo = g_list_model_get_item (photos, k);
          g_autofree char *file = NULL;

          if (!sy_event_photo_get_in_ledger (photo))
            continue;
          file = sy_attachment_store_get_path (sy_database_get_attachments (shared.db),
                                               sy_event_photo_get_attachment_hash (photo));
          g_assert_cmpint (g_unlink (file), ==, 0);
          removed = TRUE;
          /* Its print copy too: the export only uses the cache. */
          {
            g_autofree char *cache = g_build_filename (shared.dir, "print-cache", NULL);
            sy_test_remove_tree (cache);
          }

          /* Its sheet: the 目录 entry with the event's title. */
          n_toc = sy_ledger_document_get_n_toc_entries (shared.doc);
          for (guint t = 0; t < n_toc && page == 0; t++)
            if (sy_ledger_document_get_toc_level (shared.doc, t) == 1 &&
                g_strcmp0 (sy_ledger_document_get_toc_title (shared.doc, t),
                           sy_event_get_title (event)) == 0)
              page = sy_ledger_document_get_toc_page (shared.doc, t);
          break;
        }
    }
  g_assert_true (removed);
  g_assert_cmpuint (page, >, 0);

  doc = new_document ();
  path = g_build_filename (shared.dir, "missing.pdf", NULL);
  g_assert_true (sy_ledger_document_export_pdf (doc, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  pdf = sy_test_pdf_open (path);
  text = page_text (pdf, page - 1);
  {
    g_autofree char *next = page_text (pdf, page);
    g_assert_true (strstr (text, "照片缺失") != NULL || strstr (next, "照片缺失") != NULL);
  }
}

/* The 目录 titles of a book of volume @volume only. */
static GPtrArray *
titles_of_volume (guint volume)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyLedgerDocument) doc = NULL;
  SyLedgerOptions options = { DEMO_LAST_YEAR - 1, DEMO_LAST_YEAR, NULL, SY_LEDGER_VOLUME (volume) };
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  doc = sy_ledger_document_new (shared.db, &options);
  g_assert_true (sy_ledger_document_layout (doc, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < sy_ledger_document_get_n_toc_entries (doc); i++)
    g_ptr_array_add (titles, g_strdup (sy_ledger_document_get_toc_title (doc, i)));
  return titles;
}

static gboolean
has_title (GPtrArray *titles, const char *title)
{
  for (guint i = 0; i < titles->len; i++)
    if (g_strcmp0 (g_ptr_array_index (titles, i), title) == 0)
      return TRUE;
  return FALSE;
}

static gint64
standard_id (SyAssessmentRepo *repo, const char *code)
{
  g_autoptr(GListModel) items = sy_assessment_repo_list_items (repo, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SyAssessmentItem) item = g_list_model_get_item (items, i);

      if (sy_assessment_item_get_parent_id (item) == 0
          && g_strcmp0 (sy_assessment_item_get_code (item), code) == 0)
        return sy_record_get_id (SY_RECORD (item));
    }
  g_assert_not_reached ();
}

/* An unlinked activity goes to the volume its kind belongs in; one linked
 * to a sub-item goes to that item's standard, and only there. */
static void
test_volume_assignment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyEventRepo) events = NULL;
  g_autoptr(SyAssessmentRepo) assessment = NULL;
  g_autoptr(SyEvent) publicity = sy_event_new ();
  g_autoptr(SyEvent) linked = sy_event_new ();
  g_autoptr(SyAssessmentItem) item = sy_assessment_item_new ();
  g_autoptr(GPtrArray) volume5 = NULL;
  g_autoptr(GPtrArray) volume6 = NULL;
  g_autoptr(GPtrArray) volume7 = NULL;
  g_autofree char *date = g_strdup_printf ("%d-09-20 09:00", DEMO_LAST_YEAR);

  ensure_export ();
  events = sy_event_repo_new (shared.db);
  assessment = sy_assessment_repo_new (shared.db);

  sy_event_set_kind (publicity, "国防教育");
  sy_event_set_title (publicity, "全民国防教育日进校园");
  sy_event_set_date (publicity, date);
  sy_event_set_place (publicity, "县第一中学");
  g_assert_true (sy_event_repo_save (events, publicity, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  sy_assessment_item_set_parent_id (item, standard_id (assessment, "6"));
  sy_assessment_item_set_code (item, "6.9");
  sy_assessment_item_set_title (item, "驻军支援地方建设");
  g_assert_true (sy_assessment_repo_save_item (assessment, item, &error));
  g_assert_no_error (error);
  /* A kind that alone would go to volume 7. */
  sy_event_set_kind (linked, "其他");
  sy_event_set_title (linked, "驻军官兵助农抢收");
  sy_event_set_date (linked, date);
  sy_event_set_place (linked, "城关镇");
  g_assert_true (sy_event_repo_save (events, linked, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sy_assessment_repo_link (assessment, sy_record_get_id (SY_RECORD (item)),
                                          SY_ASSESSMENT_EVENT,
                                          sy_record_get_id (SY_RECORD (linked)), &error));
  g_assert_no_error (error);

  volume5 = titles_of_volume (5);
  volume6 = titles_of_volume (6);
  volume7 = titles_of_volume (7);
  g_assert_true (has_title (volume5, "全民国防教育日进校园"));
  g_assert_false (has_title (volume7, "全民国防教育日进校园"));
  g_assert_true (has_title (volume6, "驻军官兵助农抢收"));
  g_assert_false (has_title (volume7, "驻军官兵助农抢收"));
  g_assert_false (has_title (volume5, "驻军官兵助农抢收"));
}

int
main (int argc, char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ledger/jpeg-probe", test_jpeg_probe);
  g_test_add_func ("/ledger/layout", test_layout);
  g_test_add_func ("/ledger/pages-match-toc", test_pages_match_toc);
  g_test_add_func ("/ledger/cover", test_cover);
  g_test_add_func ("/ledger/outline", test_outline);
  g_test_add_func ("/ledger/fonts-embedded", test_fonts_embedded);
  g_test_add_func ("/ledger/qpdf-check", test_qpdf_check);
  g_test_add_func ("/ledger/within-margins", test_within_margins);
  g_test_add_func ("/ledger/empty-years", test_empty_years);
  g_test_add_func ("/ledger/toc-links", test_toc_links);
  g_test_add_func ("/ledger/documents-embedded", test_documents_embedded);
  g_test_add_func ("/ledger/volume-and-profile", test_volume_and_profile);
  g_test_add_func ("/ledger/snapshots", test_snapshots);
  g_test_add_func ("/ledger/render-raster", test_render_raster);
  g_test_add_func ("/ledger/cancel", test_cancel);
  g_test_add_func ("/ledger/failed-write-keeps-old-file", test_failed_write_keeps_old_file);
  g_test_add_func ("/ledger/stale-temp-removed", test_stale_temp_removed);
  /* Last: it damages the shared attachment store. */
  g_test_add_func ("/ledger/missing-photo", test_missing_photo);
  /* After every test that compares with the shared export: it adds records. */
  g_test_add_func ("/ledger/volume-assignment", test_volume_assignment);

  status = g_test_run ();

  g_clear_object (&shared.doc);
  g_clear_object (&shared.db);
  if (shared.dir != NULL)
    sy_test_remove_tree (shared.dir);
  g_free (shared.dir);
  g_free (shared.pdf);
  g_free (shared.office);
  return status;
}
