/* test-photo-print.c: print copies of photos and their cache
 *
 * Fixtures are made here: noisy JPEGs written by gdk-pixbuf (2000 × 1500
 * for most checks, one 4000 × 3000 camera-like photo for the size goal),
 * an orientation-6 JPEG (sy-test-photo.c), a PNG with transparency, a
 * CMYK JPEG from ImageMagick when `convert` is installed, and garbage.
 */
#include "sy-ledger.h"
#include "sy-photo-print.h"
#include "sy-ledger-style.h"
#include "sy-ledger-photo.h"
#include "sy-test-util.h"
#include "sy-test-photo.h"
#include "sy-error.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#define BOX_W SY_LEDGER_PHOTO_WIDTH
#define BOX_H SY_LEDGER_PHOTO_HEIGHT

static int
box_px (double pt, int dpi)
{
  return (int) ceil (pt * dpi / 72.0 - 1e-6);
}

/* Smooth gradients, hard-edged blocks and strong per-pixel noise: what
 * makes a camera photo expensive to code (seeded, so sizes repeat). */
static GdkPixbuf *
camera_picture (int width, int height, guint32 seed)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  guint32 state = (seed + 1) * 2654435761u;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + x * 3;
        gboolean block = ((x / 97) + (y / 83)) % 3 == 0;

        for (int c = 0; c < 3; c++)
          {
            int base = block ? 40 + 60 * c : (x * (c + 1) / 23 + y / (c + 7)) % 200 + 20;
            int noise;

            /* xorshift: g_rand per sample would dominate the test's time */
            state ^= state << 13, state ^= state >> 17, state ^= state << 5;
            noise = (int) (state & 63) - 32;
            p[c] = (guint8) CLAMP (base + noise, 0, 255);
          }
      }
  return pixbuf;
}

static GBytes *
encode_jpeg (GdkPixbuf *pixbuf, const char *quality)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, "jpeg", &error,
                                            "quality", quality, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static GdkPixbuf *
decode (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, bytes, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static gboolean
has_marker (GBytes *bytes, guint8 marker)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (bytes, &len);

  /* In entropy-coded data every 0xFF is followed by 0x00 or a restart
   * marker, so a marker byte pair is a real marker. */
  for (gsize i = 0; i + 1 < len; i++)
    if (d[i] == 0xFF && d[i + 1] == marker)
      return TRUE;
  return FALSE;
}

/* A baseline JPEG without EXIF, fitted into the box at @dpi with the
 * aspect of @src_w × @src_h kept. */
static void
assert_fits (GBytes *copy, int src_w, int src_h, int dpi)
{
  g_autoptr(GdkPixbuf) pixbuf = decode (copy);
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int bw = box_px (BOX_W, dpi), bh = box_px (BOX_H, dpi);

  g_assert_true (has_marker (copy, 0xC0));   /* SOF0: baseline */
  g_assert_false (has_marker (copy, 0xC2));  /* not progressive */
  g_assert_false (has_marker (copy, 0xE1));  /* no EXIF */
  g_assert_cmpint (w, <=, bw);
  g_assert_cmpint (h, <=, bh);
  g_assert_true (w >= bw - 1 || h >= bh - 1);
  g_assert_cmpfloat (fabs ((double) w / h - (double) src_w / src_h), <, 0.01);
}

static void
test_fit (void)
{
  g_autoptr(GdkPixbuf) picture = camera_picture (2000, 1500, 1);
  g_autoptr(GBytes) jpeg = encode_jpeg (picture, "90");
  g_autoptr(GdkPixbuf) tall = camera_picture (1200, 1800, 2);
  g_autoptr(GBytes) tall_jpeg = encode_jpeg (tall, "90");
  int dpis[] = { SY_PHOTO_PRINT_DPI, SY_PHOTO_PRINT_DPI_DRAFT };

  for (guint i = 0; i < G_N_ELEMENTS (dpis); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) copy = sy_photo_print_make (jpeg, BOX_W, BOX_H, dpis[i], &error);
      g_autoptr(GBytes) tall_copy = NULL;

      g_assert_no_error (error);
      assert_fits (copy, 2000, 1500, dpis[i]);
      tall_copy = sy_photo_print_make (tall_jpeg, BOX_W, BOX_H, dpis[i], &error);
      g_assert_no_error (error);
      assert_fits (tall_copy, 1200, 1800, dpis[i]);
    }

  /* The colours survive: the mean of a block region matches the source's. */
  {
    g_autoptr(GBytes) copy = sy_photo_print_make (jpeg, BOX_W, BOX_H, 300, NULL);
    g_autoptr(GdkPixbuf) out = decode (copy);
    double scale = (double) gdk_pixbuf_get_width (out) / 2000;
    /* Block (0, 0) spans x < 97, y < 83 in the source: base 40, 100, 160. */
    const guint8 *p = gdk_pixbuf_read_pixels (out) + (int) (40 * scale) * gdk_pixbuf_get_rowstride (out)
                      + (int) (40 * scale) * 3;

    g_assert_cmpint (ABS (p[0] - 40), <, 20);
    g_assert_cmpint (ABS (p[1] - 100), <, 20);
    g_assert_cmpint (ABS (p[2] - 160), <, 20);
  }
}

/* A 12 MP camera-like photo: a copy at 300 dpi fits in 150 KB. */
static void
test_camera_size (void)
{
  g_autoptr(GdkPixbuf) picture = camera_picture (4000, 3000, 3);
  g_autoptr(GBytes) jpeg = encode_jpeg (picture, "92");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) copy = NULL;
  gint64 start;

  g_clear_object (&picture);
  start = g_get_monotonic_time ();
  copy = sy_photo_print_make (jpeg, BOX_W, BOX_H, SY_PHOTO_PRINT_DPI, &error);
  g_assert_no_error (error);
  g_test_message ("4000 × 3000, %zu KB → %zu KB in %.0f ms",
                  g_bytes_get_size (jpeg) / 1024, g_bytes_get_size (copy) / 1024,
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (g_bytes_get_size (jpeg), >, 2 * 1024 * 1024);
  g_assert_cmpuint (g_bytes_get_size (copy), <=, 150 * 1024);
  assert_fits (copy, 4000, 3000, SY_PHOTO_PRINT_DPI);
}

static gboolean
is_red (const guint8 *p)
{
  return p[0] > 150 && p[1] < 80 && p[2] < 80;
}

static gboolean
is_blue (const guint8 *p)
{
  return p[2] > 150 && p[0] < 80 && p[1] < 80;
}

/* Stored 640 × 320 with the left quarter red and EXIF orientation 6 (turn
 * clockwise): upright 320 × 640 with the top quarter red. */
static void
test_orientation (void)
{
  g_autoptr(GdkPixbuf) stored = sy_test_photo_picture (640, 320);
  g_autoptr(GBytes) jpeg = sy_test_photo_jpeg_with_exif (stored, 6, "2025:01:20 09:30:15");
  g_autoptr(GError) error = NULL;
  /* A 200 pt square at 72 dpi: 200 × 200 pixels, the picture 100 × 200. */
  g_autoptr(GBytes) copy = sy_photo_print_make (jpeg, 200, 200, 72, &error);
  g_autoptr(GdkPixbuf) out = NULL;
  SyLedgerPhotoInfo info;
  int stride;
  const guint8 *px;

  g_assert_no_error (error);
  out = decode (copy);
  g_assert_cmpint (gdk_pixbuf_get_width (out), ==, 100);
  g_assert_cmpint (gdk_pixbuf_get_height (out), ==, 200);
  g_assert_true (sy_ledger_photo_probe_jpeg (g_bytes_get_data (copy, NULL), g_bytes_get_size (copy), &info));
  g_assert_cmpint (info.orientation, ==, 1);
  stride = gdk_pixbuf_get_rowstride (out);
  px = gdk_pixbuf_read_pixels (out);
  g_assert_true (is_red (px + 20 * stride + 50 * 3));
  g_assert_true (is_blue (px + 150 * stride + 50 * 3));

  /* Orientation 8 (anticlockwise): the red quarter goes to the bottom. */
  {
    g_autoptr(GBytes) jpeg8 = sy_test_photo_jpeg_with_exif (stored, 8, "2025:01:20 09:30:15");
    g_autoptr(GBytes) copy8 = sy_photo_print_make (jpeg8, 200, 200, 72, &error);
    g_autoptr(GdkPixbuf) out8 = NULL;

    g_assert_no_error (error);
    out8 = decode (copy8);
    px = gdk_pixbuf_read_pixels (out8);
    stride = gdk_pixbuf_get_rowstride (out8);
    g_assert_true (is_red (px + 180 * stride + 50 * 3));
    g_assert_true (is_blue (px + 20 * stride + 50 * 3));
  }
}

/* PNG through gdk-pixbuf: fitted, transparency on white; a small picture
 * is not enlarged. */
static void
test_png (void)
{
  g_autoptr(GdkPixbuf) picture = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 600, 400);
  g_autoptr(GdkPixbuf) small = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL, copy = NULL, small_copy = NULL;
  g_autoptr(GdkPixbuf) out = NULL;
  char *data = NULL;
  gsize len = 0;
  guint8 *pixels = gdk_pixbuf_get_pixels (picture);
  int stride = gdk_pixbuf_get_rowstride (picture);
  const guint8 *px;

  /* Left half opaque green, right half transparent. */
  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 600; x++)
      {
        guint8 *p = pixels + y * stride + x * 4;
        p[0] = 0, p[1] = 180, p[2] = 0, p[3] = x < 300 ? 255 : 0;
      }
  g_assert_true (gdk_pixbuf_save_to_buffer (picture, &data, &len, "png", &error, NULL));
  png = g_bytes_new_take (data, len);
  copy = sy_photo_print_make (png, 150, 150, 72, &error);
  g_assert_no_error (error);
  out = decode (copy);
  g_assert_cmpint (gdk_pixbuf_get_width (out), ==, 150);
  g_assert_cmpint (gdk_pixbuf_get_height (out), ==, 100);
  px = gdk_pixbuf_read_pixels (out);
  stride = gdk_pixbuf_get_rowstride (out);
  g_assert_cmpint (px[50 * stride + 20 * 3 + 1], >, 150);
  g_assert_cmpint (px[50 * stride + 20 * 3 + 0], <, 60);
  g_assert_cmpint (px[50 * stride + 130 * 3 + 0], >, 240);
  g_assert_cmpint (px[50 * stride + 130 * 3 + 2], >, 240);

  small = gdk_pixbuf_new_subpixbuf (picture, 0, 0, 100, 80);
  g_assert_true (gdk_pixbuf_save_to_buffer (small, &data, &len, "png", &error, NULL));
  g_clear_pointer (&png, g_bytes_unref);
  png = g_bytes_new_take (data, len);
  small_copy = sy_photo_print_make (png, BOX_W, BOX_H, 300, &error);
  g_assert_no_error (error);
  g_clear_object (&out);
  out = decode (small_copy);
  g_assert_cmpint (gdk_pixbuf_get_width (out), ==, 100);
  g_assert_cmpint (gdk_pixbuf_get_height (out), ==, 80);
}

/* A CMYK JPEG (ImageMagick writes one) goes through gdk-pixbuf. */
static void
test_cmyk (void)
{
  g_autofree char *convert = g_find_program_in_path ("convert");
  g_autofree char *dir = g_dir_make_tmp ("sy-photo-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cmyk.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) jpeg = NULL, copy = NULL;
  g_autoptr(GdkPixbuf) out = NULL;
  g_autoptr(GFile) file = NULL;
  const char *argv[] = { NULL, "-size", "400x300", "gradient:red-blue", "-colorspace", "CMYK",
                         "-quality", "90", NULL, NULL };
  int status = -1;

  if (convert == NULL)
    {
      g_test_skip ("ImageMagick's convert is not installed");
      sy_test_remove_tree (dir);
      return;
    }
  argv[0] = convert;
  argv[8] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  jpeg = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  copy = sy_photo_print_make (jpeg, 100, 100, 72, &error);
  g_assert_no_error (error);
  out = decode (copy);
  g_assert_cmpint (gdk_pixbuf_get_width (out), ==, 100);
  g_assert_cmpint (gdk_pixbuf_get_height (out), ==, 75);
  sy_test_remove_tree (dir);
}

static void
assert_refused (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) copy = sy_photo_print_make (bytes, BOX_W, BOX_H, 300, &error);

  g_assert_null (copy);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_true (error->message != NULL && *error->message != '\0');
}

/* Garbage of every kind is refused with a message, never a crash. */
static void
test_garbage (void)
{
  g_autoptr(GdkPixbuf) picture = camera_picture (640, 480, 4);
  g_autoptr(GBytes) jpeg = encode_jpeg (picture, "90");
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint8 noise[4096];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
  assert_refused (g_bytes_new_static ("", 0));
  assert_refused (g_bytes_new_static ("not a photo at all", 18));
  assert_refused (g_bytes_new_static (noise, sizeof noise));
  /* A JPEG cut inside its header. */
  assert_refused (g_bytes_new_static (data, 40));
  /* SOI, then random bytes that look like segments. */
  noise[0] = 0xFF, noise[1] = 0xD8, noise[2] = 0xFF;
  assert_refused (g_bytes_new_static (noise, sizeof noise));

  /* Damage in the scan data, or a file cut halfway: either a copy or a
   * refusal, never a crash. */
  for (int k = 0; k < 20; k++)
    {
      g_autofree guint8 *bad = g_memdup2 (data, len);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) copy = NULL;
      g_autoptr(GError) error = NULL;
      gsize cut = len;

      for (int j = 0; j < 8; j++)
        bad[g_rand_int_range (rand, 0, (gint32) len)] = (guint8) g_rand_int_range (rand, 0, 256);
      if (k % 4 == 0)
        cut = len / 2;
      bytes = g_bytes_new (bad, cut);
      copy = sy_photo_print_make (bytes, BOX_W, BOX_H, 150, &error);
      g_assert_true ((copy != NULL) != (error != NULL));
      if (error != NULL)
        g_assert_true (error->domain == SY_ERROR);
    }
}

/* --- the cache ---------------------------------------------------------------- */

typedef struct {
  char       *dir;
  SyDatabase *db;
  char       *hashes[3];
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SyAttachmentStore *store;

  f->dir = g_dir_make_tmp ("sy-photo-print-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = sy_database_open (f->dir, &error);
  g_assert_no_error (error);
  store = sy_database_get_attachments (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (f->hashes); i++)
    {
      g_autoptr(GdkPixbuf) picture = camera_picture (1600, 1200, 20 + i);
      g_autoptr(GBytes) jpeg = encode_jpeg (picture, "90");

      f->hashes[i] = sy_attachment_store_add_bytes (store, jpeg, "image/jpeg", "p.jpg", &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->hashes); i++)
    g_free (f->hashes[i]);
  g_clear_object (&f->db);
  sy_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
cache_file (Fixture *f, const char *hash, int dpi)
{
  g_autofree char *name = g_strconcat (hash, ".jpg", NULL);
  g_autofree char *dpi_dir = g_strdup_printf ("%d", dpi);
  char prefix[3] = { hash[0], hash[1], 0 };

  return g_build_filename (f->dir, "print-cache", dpi_dir, prefix, name, NULL);
}

static void
test_cache_get (Fixture *f, gconstpointer data)
{
  g_autoptr(SyPhotoPrintCache) cache = sy_photo_print_cache_for_database (f->db);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) made = NULL, found = NULL, draft = NULL, remade = NULL;
  g_autofree char *path = cache_file (f, f->hashes[0], 300);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  gsize len;
  struct stat st;

  g_assert_null (sy_photo_print_cache_lookup (cache, f->hashes[0], 300));
  made = sy_photo_print_cache_get (cache, f->hashes[0], 300, &error);
  g_assert_no_error (error);
  assert_fits (made, 1600, 1200, 300);
  found = sy_photo_print_cache_lookup (cache, f->hashes[0], 300);
  g_assert_nonnull (found);
  g_assert_true (g_bytes_equal (made, found));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Another resolution is another copy. */
  g_assert_null (sy_photo_print_cache_lookup (cache, f->hashes[0], 150));
  draft = sy_photo_print_cache_get (cache, f->hashes[0], 150, &error);
  g_assert_no_error (error);
  assert_fits (draft, 1600, 1200, 150);

  /* A copy cut short (a crash, a full disk) is not returned, and made again. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) len / 2, NULL));
  g_assert_null (sy_photo_print_cache_lookup (cache, f->hashes[0], 300));
  remade = sy_photo_print_cache_get (cache, f->hashes[0], 300, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (made, remade));
  g_clear_pointer (&found, g_bytes_unref);
  found = sy_photo_print_cache_lookup (cache, f->hashes[0], 300);
  g_assert_nonnull (found);

  /* Not an attachment, or a missing one. */
  g_assert_null (sy_photo_print_cache_get (cache, "../../etc/passwd", 300, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sy_photo_print_cache_get (cache, "0000000000000000000000000000000000000000000000000000000000000000",
                                           300, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_NOT_FOUND);
}

typedef struct {
  GThread *thread;
  guint    calls;
  double   last;
  GCancellable *cancel_after_first;
} ProgressLog;

static void
on_progress (double fraction, const char *what, gpointer user_data)
{
  ProgressLog *log = user_data;

  g_assert_true (g_thread_self () == log->thread);
  g_assert_nonnull (what);
  g_assert_cmpfloat (fraction, >=, log->last);
  log->last = fraction;
  log->calls++;
  if (log->cancel_after_first != NULL)
    g_cancellable_cancel (log->cancel_after_first);
}

static void
test_cache_prepare (Fixture *f, gconstpointer data)
{
  g_autoptr(SyPhotoPrintCache) cache = sy_photo_print_cache_for_database (f->db);
  g_autoptr(GError) error = NULL;
  const char *missing = "1111111111111111111111111111111111111111111111111111111111111111";
  const char *hashes[] = { f->hashes[0], f->hashes[1], missing, f->hashes[2], f->hashes[1] };
  ProgressLog log = { g_thread_self (), 0, 0.0, NULL };
  guint n_failed = 99;

  g_assert_true (sy_photo_print_cache_prepare (cache, hashes, G_N_ELEMENTS (hashes), 300, 3, &n_failed,
                                               on_progress, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_failed, ==, 1);
  /* Once per distinct photo. */
  g_assert_cmpuint (log.calls, ==, 4);
  g_assert_cmpfloat (log.last, ==, 1.0);
  for (guint i = 0; i < G_N_ELEMENTS (f->hashes); i++)
    {
      g_autoptr(GBytes) copy = sy_photo_print_cache_lookup (cache, f->hashes[i], 300);
      g_assert_nonnull (copy);
    }

  /* Again: everything is cached, only the missing one fails. */
  g_assert_true (sy_photo_print_cache_prepare (cache, hashes, G_N_ELEMENTS (hashes), 300, 0, &n_failed,
                                               NULL, NULL, NULL, &error));
  g_assert_cmpuint (n_failed, ==, 1);
}

static void
test_cache_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr(SyPhotoPrintCache) cache = sy_photo_print_cache_for_database (f->db);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const char * const *hashes = (const char * const *) f->hashes;
  ProgressLog log = { g_thread_self (), 0, 0.0, cancellable };

  /* Cancelled from the progress callback after the first photo: the rest
   * are not started. */
  g_assert_false (sy_photo_print_cache_prepare (cache, hashes, 3, 300, 1, NULL,
                                                on_progress, &log, cancellable, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CANCELLED);
  g_assert_cmpuint (log.calls, ==, 1);
  g_assert_null (sy_photo_print_cache_lookup (cache, f->hashes[2], 300));
  g_clear_error (&error);

  /* Cancelled before it starts. */
  g_assert_false (sy_photo_print_cache_prepare (cache, hashes, 3, 150, 0, NULL, NULL, NULL,
                                                cancellable, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_CANCELLED);
  g_assert_null (sy_photo_print_cache_lookup (cache, f->hashes[0], 150));
}

static void
test_cache_background (Fixture *f, gconstpointer data)
{
  g_autoptr(SyPhotoPrintCache) cache = sy_photo_print_cache_for_database (f->db);
  const char *hashes[] = { f->hashes[1], f->hashes[2] };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gboolean done = FALSE;

  sy_photo_print_cache_prepare_in_background (cache, hashes, 2);
  while (!done && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GBytes) a = sy_photo_print_cache_lookup (cache, f->hashes[1], SY_PHOTO_PRINT_DPI);
      g_autoptr(GBytes) b = sy_photo_print_cache_lookup (cache, f->hashes[2], SY_PHOTO_PRINT_DPI);

      done = a != NULL && b != NULL;
      if (!done)
        g_usleep (20000);
    }
  g_assert_true (done);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/photo-print/fit", test_fit);
  g_test_add_func ("/photo-print/camera-size", test_camera_size);
  g_test_add_func ("/photo-print/orientation", test_orientation);
  g_test_add_func ("/photo-print/png", test_png);
  g_test_add_func ("/photo-print/cmyk", test_cmyk);
  g_test_add_func ("/photo-print/garbage", test_garbage);
  g_test_add ("/photo-print/cache/get", Fixture, NULL, fixture_set_up, test_cache_get, fixture_tear_down);
  g_test_add ("/photo-print/cache/prepare", Fixture, NULL, fixture_set_up, test_cache_prepare,
              fixture_tear_down);
  g_test_add ("/photo-print/cache/cancel", Fixture, NULL, fixture_set_up, test_cache_cancel,
              fixture_tear_down);
  g_test_add ("/photo-print/cache/background", Fixture, NULL, fixture_set_up, test_cache_background,
              fixture_tear_down);
  return g_test_run ();
}
