/* test-document-render.c: checking archived documents, text extraction, page rendering */
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "sy-ledger.h"
#include "sy-document-test-pdf.h"

static char *tmpdir;

static char *
write_temp (const char *name, GBytes *bytes)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

/* A surface with at least one pixel that is not white. */
static gboolean
has_ink (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);

        if ((px & 0xffffff) != 0xffffff)
          return TRUE;
      }
  return FALSE;
}

static void
test_pdf_text_and_pages (void)
{
  g_autoptr(GBytes) pdf = sy_test_make_pdf ("关于做好双拥优待金发放工作的通知");
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDocumentIntake) intake = sy_document_intake_check (pdf, "通知.pdf", NULL, &error);
  cairo_surface_t *thumb;

  g_assert_no_error (error);
  g_assert_nonnull (intake);
  g_assert_cmpstr (intake->mime_type, ==, "application/pdf");
  g_assert_cmpint (intake->n_pages, ==, 2);
  g_assert_cmpstr (intake->title, ==, "关于做好双拥优待金发放工作的通知");
  g_assert_nonnull (strstr (intake->text, "优抚对象"));
  /* Page 2's text is extracted too. */
  g_assert_nonnull (strstr (intake->text, SY_TEST_PAGE2_WORD));
  g_assert_cmpint (strlen (intake->hash), ==, 64);

  thumb = sy_document_render_page (pdf, intake->mime_type, 0, SY_DOCUMENT_THUMBNAIL_WIDTH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (thumb), ==, SY_DOCUMENT_THUMBNAIL_WIDTH);
  /* A4 portrait: taller than wide. */
  g_assert_cmpint (cairo_image_surface_get_height (thumb), >, SY_DOCUMENT_THUMBNAIL_WIDTH * 14 / 10);
  g_assert_true (has_ink (thumb));
  cairo_surface_destroy (thumb);

  thumb = sy_document_render_page (pdf, intake->mime_type, 5, 100, &error);
  g_assert_null (thumb);
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
}

static void
test_title_from_name (void)
{
  g_autoptr(GBytes) pdf = sy_test_make_pdf (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDocumentIntake) intake = sy_document_intake_check (pdf, "清源县双拥会议纪要.pdf", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (intake->title, ==, "清源县双拥会议纪要");
}

static void
assert_refused (GBytes *bytes, const char *name, const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDocumentIntake) intake = sy_document_intake_check (bytes, name, NULL, &error);

  g_assert_null (intake);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, name));
  g_assert_nonnull (strstr (error->message, reason));
}

static void
test_truncated (void)
{
  g_autoptr(GBytes) pdf = sy_test_make_pdf ("截断");
  g_autoptr(GBytes) half = g_bytes_new_from_bytes (pdf, 0, g_bytes_get_size (pdf) * 2 / 3);

  /* No text domain is bound here: the messages are the English msgids. */
  assert_refused (half, "截断.pdf", "truncated");
}

static void
test_not_pdf (void)
{
  static const char text[] = "这是一个文本文件，不是PDF。\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  assert_refused (bytes, "会议纪要.pdf", "not a PDF");
  assert_refused (empty, "空.pdf", "empty");
}

static void
test_damaged (void)
{
  /* Header and end present, nothing in between that poppler can read. */
  static const char text[] = "%PDF-1.5\ngarbage garbage\n%%EOF\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);

  assert_refused (bytes, "坏.pdf", "damaged");
}

static void
test_encrypted (void)
{
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autoptr(GBytes) pdf = sy_test_make_pdf ("加密");
  g_autofree char *plain = NULL;
  g_autofree char *locked = g_build_filename (tmpdir, "locked.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  int status = 0;

  if (qpdf == NULL)
    {
      g_test_skip ("qpdf is not installed");
      return;
    }
  plain = write_temp ("plain.pdf", pdf);
  {
    char *argv[] = { qpdf, "--encrypt", "user-pw", "owner-pw", "256", "--", plain, locked, NULL };

    g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_file_get_contents (locked, &contents, &len, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), len);

    assert_refused (bytes, "加密文件.pdf", "encrypted");
  }
}

static void
test_image (void)
{
  g_autoptr(GBytes) png = sy_test_make_png ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDocumentIntake) intake = sy_document_intake_check (png, "凭证扫描.png", NULL, &error);
  cairo_surface_t *page;

  g_assert_no_error (error);
  g_assert_cmpstr (intake->mime_type, ==, "image/png");
  g_assert_cmpint (intake->n_pages, ==, 1);
  g_assert_null (intake->text);
  g_assert_cmpstr (intake->title, ==, "凭证扫描");

  page = sy_document_render_page (png, "image/png", 0, 120, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (page), ==, 120);
  g_assert_cmpint (cairo_image_surface_get_height (page), ==, 60);  /* 400 × 200 */
  g_assert_true (has_ink (page));
  cairo_surface_destroy (page);

  /* A PNG cut short fails the photo intake's full decode. */
  {
    g_autoptr(GBytes) half = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 2);
    g_autoptr(SyDocumentIntake) refused = sy_document_intake_check (half, "半张.png", NULL, &error);

    g_assert_null (refused);
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "半张.png"));
  }
}

static void
on_rendered (GObject *source, GAsyncResult *result, gpointer data)
{
  cairo_surface_t **out = data;
  g_autoptr(GError) error = NULL;
  int n_pages = 0;

  *out = sy_document_render_finish (result, &n_pages, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_pages, ==, 2);
}

static void
test_async_cache (void)
{
  g_autoptr(GBytes) pdf = sy_test_make_pdf ("缓存");
  g_autofree char *path = write_temp ("cache.pdf", pdf);
  g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  cairo_surface_t *surface = NULL;
  cairo_surface_t *cached;

  g_assert_null (sy_document_render_lookup (hash, 1, 300));
  sy_document_render_async (path, hash, "application/pdf", 1, 300, G_PRIORITY_DEFAULT, NULL,
                            on_rendered, &surface);
  while (surface == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (has_ink (surface));
  cached = sy_document_render_lookup (hash, 1, 300);
  g_assert_true (cached == surface);
  g_assert_null (sy_document_render_lookup (hash, 0, 300));
  cairo_surface_destroy (cached);
  cairo_surface_destroy (surface);
}

static void
on_intake (GObject *source, GAsyncResult *result, gpointer data)
{
  GError **out = data;
  g_autoptr(SyDocumentIntake) intake = sy_document_intake_load_finish (result, out);

  g_assert_null (intake);
}

static void
test_load_async_missing (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "没有这个文件.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *error = NULL;

  sy_document_intake_load_async (file, NULL, on_intake, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_str_has_prefix (error->message, "没有这个文件.pdf"));
  g_error_free (error);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("sy-document-render-XXXXXX", NULL);

  g_test_add_func ("/document-render/pdf", test_pdf_text_and_pages);
  g_test_add_func ("/document-render/title-from-name", test_title_from_name);
  g_test_add_func ("/document-render/truncated", test_truncated);
  g_test_add_func ("/document-render/not-pdf", test_not_pdf);
  g_test_add_func ("/document-render/damaged", test_damaged);
  g_test_add_func ("/document-render/encrypted", test_encrypted);
  g_test_add_func ("/document-render/image", test_image);
  g_test_add_func ("/document-render/async-cache", test_async_cache);
  g_test_add_func ("/document-render/load-async-missing", test_load_async_missing);
  status = g_test_run ();
  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", tmpdir);
    (void) !system (rm);
  }
  g_free (tmpdir);
  return status;
}
