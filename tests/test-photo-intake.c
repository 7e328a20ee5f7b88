/* test-photo-intake.c: checking photos (orientation, date, bad files) and thumbnails
 *
 * The fixtures are made here (the JPEG ones by sy-test-photo.c): a JPEG
 * written by gdk-pixbuf with an EXIF segment spliced in (orientation 6,
 * DateTimeOriginal), a truncated copy, a text file, and a PNG header
 * claiming 30 000 × 30 000 pixels.
 */
#include "sy-ledger.h"
#include "sy-test-util.h"
#include "sy-test-photo.h"
#include "sy-photo-intake.h"
#include "sy-error.h"
#include "sy-core.h"

#include <glib/gstdio.h>
#include <string.h>

static guint32
crc32 (const guint8 *data, gsize len)
{
  guint32 crc = 0xFFFFFFFF;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
    }
  return crc ^ 0xFFFFFFFF;
}

/* A PNG signature and IHDR chunk for @w × @h RGB, then a scrap of IDAT. */
static GBytes *
png_header (guint32 w, guint32 h)
{
  GByteArray *a = g_byte_array_new ();
  gsize chunk;

  g_byte_array_append (a, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  sy_test_photo_put32 (a, 13);
  chunk = a->len;
  g_byte_array_append (a, (const guint8 *) "IHDR", 4);
  sy_test_photo_put32 (a, w);
  sy_test_photo_put32 (a, h);
  g_byte_array_append (a, (const guint8 *) "\x08\x02\x00\x00\x00", 5);
  sy_test_photo_put32 (a, crc32 (a->data + chunk, a->len - chunk));
  sy_test_photo_put32 (a, 4);
  chunk = a->len;
  g_byte_array_append (a, (const guint8 *) "IDAT\x78\x9c\x00\x00", 8);
  sy_test_photo_put32 (a, crc32 (a->data + chunk, a->len - chunk));
  return g_byte_array_free_to_bytes (a);
}

static gboolean
is_red (GdkPixbuf *p, int x, int y)
{
  const guint8 *px = gdk_pixbuf_read_pixels (p) + y * gdk_pixbuf_get_rowstride (p)
                     + x * gdk_pixbuf_get_n_channels (p);
  return px[0] > 150 && px[2] < 100;
}

static gboolean
is_blue (GdkPixbuf *p, int x, int y)
{
  const guint8 *px = gdk_pixbuf_read_pixels (p) + y * gdk_pixbuf_get_rowstride (p)
                     + x * gdk_pixbuf_get_n_channels (p);
  return px[2] > 150 && px[0] < 100;
}

/* Orientation 6: stored sideways (landscape), shown rotated a quarter turn
 * clockwise, so the stored left edge (red) is the top of the upright
 * thumbnail, and width and height are swapped. */
static void
test_orientation (void)
{
  g_autoptr(GdkPixbuf) stored = sy_test_photo_picture (640, 320);
  g_autoptr(GBytes) jpeg = sy_test_photo_jpeg_with_exif (stored, 6, "2025:01:20 09:30:15");
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(GError) error = NULL;
  SyPhotoInfo info;
  int w, h;

  thumb = sy_photo_intake_check (jpeg, "IMG_0001.jpg", 256, &info, &error);
  g_assert_no_error (error);
  g_assert_nonnull (thumb);
  g_assert_cmpstr (info.mime_type, ==, "image/jpeg");
  g_assert_cmpint (info.width, ==, 640);
  g_assert_cmpint (info.height, ==, 320);
  g_assert_cmpint (info.orientation, ==, 6);
  g_assert_cmpstr (info.taken_at, ==, "2025-01-20 09:30:15");

  w = gdk_pixbuf_get_width (thumb);
  h = gdk_pixbuf_get_height (thumb);
  g_assert_cmpint (h, ==, 256);
  g_assert_cmpint (w, ==, 128);
  /* Top of the upright picture red, bottom blue. */
  g_assert_true (is_red (thumb, w / 2, 8));
  g_assert_true (is_red (thumb, w / 2, h / 4 - 10));
  g_assert_true (is_blue (thumb, w / 2, h / 2));
  g_assert_true (is_blue (thumb, w / 2, h - 8));
  sy_photo_info_clear (&info);

  /* Without the tag the picture stays as stored. */
  {
    g_autoptr(GBytes) plain = sy_test_photo_jpeg_with_exif (stored, 1, "2024:12:31 23:59:59");
    g_autoptr(GdkPixbuf) t = sy_photo_intake_check (plain, "IMG_0002.jpg", 256, &info, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gdk_pixbuf_get_width (t), ==, 256);
    g_assert_cmpint (gdk_pixbuf_get_height (t), ==, 128);
    g_assert_true (is_red (t, 8, 64));
    g_assert_true (is_blue (t, 250, 64));
    g_assert_cmpstr (info.taken_at, ==, "2024-12-31 23:59:59");
    sy_photo_info_clear (&info);
  }
}

/* A camera without a clock writes zeros: no date, not an error. */
static void
test_no_date (void)
{
  g_autoptr(GdkPixbuf) stored = sy_test_photo_picture (64, 48);
  g_autoptr(GBytes) jpeg = sy_test_photo_jpeg_with_exif (stored, 1, "0000:00:00 00:00:00");
  g_autoptr(GError) error = NULL;
  SyPhotoInfo info;

  g_assert_true (sy_photo_intake_probe (jpeg, "a.jpg", &info, &error));
  g_assert_no_error (error);
  g_assert_null (info.taken_at);
  sy_photo_info_clear (&info);
}

static void
test_png (void)
{
  g_autoptr(GdkPixbuf) stored = sy_test_photo_picture (300, 200);
  g_autofree char *png = NULL;
  gsize len = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(GError) error = NULL;
  SyPhotoInfo info;

  g_assert_true (gdk_pixbuf_save_to_buffer (stored, &png, &len, "png", &error, NULL));
  bytes = g_bytes_new (png, len);
  thumb = sy_photo_intake_check (bytes, "scan.png", 256, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info.mime_type, ==, "image/png");
  g_assert_cmpint (info.width, ==, 300);
  g_assert_cmpint (gdk_pixbuf_get_width (thumb), ==, 256);
  sy_photo_info_clear (&info);

  /* gdk-pixbuf shows a PNG cut in half without an error; intake must not. */
  {
    g_autoptr(GBytes) half = g_bytes_new_from_bytes (bytes, 0, len / 2);
    g_autoptr(GdkPixbuf) none = sy_photo_intake_check (half, "scan-cut.png", 256, &info, &error);

    g_assert_null (none);
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "scan-cut.png"));
  }
}

static void
assert_refused (GBytes *bytes, const char *name, const char *expect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  SyPhotoInfo info;

  thumb = sy_photo_intake_check (bytes, name, 256, &info, &error);
  g_assert_null (thumb);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_test_message ("%s", error->message);
  /* Names the file, says why. */
  g_assert_true (g_str_has_prefix (error->message, name));
  g_assert_nonnull (strstr (error->message, expect));
  g_assert_null (info.taken_at);
}

static void
test_truncated (void)
{
  g_autoptr(GdkPixbuf) stored = sy_test_photo_picture (640, 480);
  g_autoptr(GBytes) jpeg = sy_test_photo_jpeg_with_exif (stored, 6, "2025:01:20 09:30:15");
  gsize len = g_bytes_get_size (jpeg);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (jpeg, 0, len * 6 / 10);
  g_autoptr(GBytes) header_only = g_bytes_new_from_bytes (jpeg, 0, 40);
  GByteArray *garbled = g_byte_array_new ();
  g_autoptr(GBytes) garbled_bytes = NULL;

  assert_refused (cut, "IMG_0003.jpg", "incomplete");
  assert_refused (header_only, "IMG_0004.jpg", "incomplete");

  /* The scan replaced by a run of markers: not a picture any more. */
  g_byte_array_append (garbled, g_bytes_get_data (jpeg, NULL), len);
  for (gsize i = len / 2; i < len - 2; i++)
    garbled->data[i] = i % 2 ? 0xFF : 0xC4;
  garbled_bytes = g_byte_array_free_to_bytes (garbled);
  assert_refused (garbled_bytes, "IMG_0005.jpg", "IMG_0005.jpg is");
}

static void
test_not_image (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("会议纪要：\n今天的会议...\n",
                                                strlen ("会议纪要：\n今天的会议...\n"));
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) gif = g_bytes_new_static ("GIF89a\x01\x00\x01\x00", 10);

  assert_refused (text, "纪要.jpg", "not a picture");
  assert_refused (empty, "empty.png", "empty");
  assert_refused (gif, "anim.gif", "GIF");
}

/* The header claims 30 000 × 30 000: refused from the header, the size in
 * the message (the decoder is never asked: the file has no pixels). */
static void
test_too_large (void)
{
  g_autoptr(GBytes) huge = png_header (30000, 30000);
  g_autoptr(GBytes) tall = png_header (100, 20001);
  g_autoptr(GBytes) megapixels = png_header (12000, 9000);
  g_autoptr(GBytes) fine = png_header (5472, 3648);
  g_autoptr(GError) error = NULL;
  SyPhotoInfo info;

  assert_refused (huge, "huge.png", "30000 × 30000");
  assert_refused (tall, "tall.png", "100 × 20001");
  assert_refused (megapixels, "big.png", "12000 × 9000");
  /* A 20-megapixel header passes the probe (its body is then refused as damaged). */
  g_assert_true (sy_photo_intake_probe (fine, "ok.png", &info, &error));
  g_assert_no_error (error);
  sy_photo_info_clear (&info);
}

static void
test_load_file (void)
{
  g_autoptr(GdkPixbuf) stored = sy_test_photo_picture (320, 240);
  g_autoptr(GBytes) jpeg = sy_test_photo_jpeg_with_exif (stored, 6, "2025:01:20 09:30:15");
  g_autofree char *dir = g_dir_make_tmp ("sy-intake-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "IMG_20250120.jpg", NULL);
  g_autofree char *text_path = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) text_file = g_file_new_for_path (text_path);
  g_autoptr(SyPhotoIntake) intake = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), NULL));
  g_assert_true (g_file_set_contents (text_path, "hello", 5, NULL));
  intake = sy_photo_intake_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (intake->name, ==, "IMG_20250120.jpg");
  g_assert_true (g_bytes_equal (intake->bytes, jpeg));
  g_assert_cmpuint (strlen (intake->hash), ==, 64);
  g_assert_cmpint (gdk_pixbuf_get_height (intake->thumbnail), >, gdk_pixbuf_get_width (intake->thumbnail));

  g_assert_null (sy_photo_intake_load (text_file, NULL, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "notes.txt"));

  g_assert_true (sy_photo_intake_is_photo_name ("IMG_0001.JPG"));
  g_assert_true (sy_photo_intake_is_photo_name ("微信图片_2025.jpeg"));
  g_assert_false (sy_photo_intake_is_photo_name ("notes.txt"));
  g_assert_false (sy_photo_intake_is_photo_name (".thumb.jpg"));

  g_unlink (path);
  g_unlink (text_path);
  g_rmdir (dir);
}

static void
thumbnail_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GdkPixbuf **out = data;
  g_autoptr(GError) error = NULL;

  *out = sy_photo_thumbnail_finish (result, &error);
  g_assert_no_error (error);
}

/* Made in a thread, cached by hash: the second request is the same pixbuf. */
static void
test_thumbnail_cache (void)
{
  g_autoptr(GdkPixbuf) stored = sy_test_photo_picture (320, 240);
  g_autoptr(GBytes) jpeg = sy_test_photo_jpeg_with_exif (stored, 6, "2025:01:20 09:30:15");
  g_autofree char *dir = g_dir_make_tmp ("sy-thumb-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.jpg", NULL);
  GdkPixbuf *first = NULL, *second = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), NULL));
  g_assert_null (sy_photo_thumbnail_lookup ("cafe"));
  sy_photo_thumbnail_async (path, "cafe", NULL, thumbnail_done, &first);
  while (first == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gdk_pixbuf_get_height (first), ==, 256);
  g_unlink (path);  /* the cache answers now */
  sy_photo_thumbnail_async (path, "cafe", NULL, thumbnail_done, &second);
  while (second == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (first == second);
  g_object_unref (first);
  g_object_unref (second);
  g_rmdir (dir);
}

static SyEvent *
event_on (const char *date, const char *title)
{
  SyEvent *e = sy_event_new ();

  sy_event_set_date (e, date);
  sy_event_set_title (e, title);
  return e;
}

/* Same day first, then nearer before farther, nothing outside the window. */
static void
test_match (void)
{
  g_autoptr(GListStore) events = g_list_store_new (SY_TYPE_EVENT);
  const char *list[][2] = {
    { "2025-01-25", "five days later" },
    { "2025-01-20 14:00", "same day, afternoon" },
    { "2025-01-19", "day before" },
    { "2025-03-01", "far" },
    { "2025-01-20", "same day" },
  };
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  guint same = 99;

  for (guint i = 0; i < G_N_ELEMENTS (list); i++)
    {
      g_autoptr(SyEvent) e = event_on (list[i][0], list[i][1]);
      g_list_store_append (events, e);
    }
  found = sy_photo_intake_match ("2025-01-20 09:30:15", G_LIST_MODEL (events), 7, &same);
  g_assert_cmpuint (same, ==, 2);
  g_assert_cmpuint (found->len, ==, 4);
  g_assert_cmpstr (sy_event_get_title (g_ptr_array_index (found, 0)), ==, "same day, afternoon");
  g_assert_cmpstr (sy_event_get_title (g_ptr_array_index (found, 1)), ==, "same day");
  g_assert_cmpstr (sy_event_get_title (g_ptr_array_index (found, 2)), ==, "day before");
  g_assert_cmpstr (sy_event_get_title (g_ptr_array_index (found, 3)), ==, "five days later");

  none = sy_photo_intake_match (NULL, G_LIST_MODEL (events), 7, &same);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (same, ==, 0);
}

/* A DCIM-like tree: good photos in name order (subfolders after files), a
 * refused file named, other files and hidden folders ignored. */
static void
test_scan_folder (void)
{
  g_autoptr(GdkPixbuf) stored = sy_test_photo_picture (320, 240);
  g_autoptr(GBytes) a = sy_test_photo_jpeg_with_exif (stored, 1, "2025:01:20 09:30:15");
  g_autoptr(GBytes) b = sy_test_photo_jpeg_with_exif (stored, 6, "2025:02:01 10:00:00");
  g_autofree char *dir = g_dir_make_tmp ("sy-scan-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "Camera", NULL);
  g_autofree char *hidden = g_build_filename (dir, ".thumbnails", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  struct { const char *dir, *name; GBytes *bytes; const char *text; } files[] = {
    { dir, "IMG_0002.jpg", b, NULL },
    { dir, "IMG_0001.JPG", a, NULL },
    { dir, "broken.jpg", NULL, "not a photo" },
    { dir, "notes.txt", NULL, "ignored" },
    { sub, "IMG_0003.jpg", a, NULL },
    { hidden, "thumb.jpg", a, NULL },
  };

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (hidden, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (files[i].dir, files[i].name, NULL);

      if (files[i].bytes != NULL)
        g_assert_true (g_file_set_contents (path, g_bytes_get_data (files[i].bytes, NULL),
                                            g_bytes_get_size (files[i].bytes), NULL));
      else
        g_assert_true (g_file_set_contents (path, files[i].text, -1, NULL));
    }

  found = sy_photo_intake_scan_folder (folder, 96, refused, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpstr (((SyPhotoIntake *) g_ptr_array_index (found, 0))->name, ==, "IMG_0001.JPG");
  g_assert_cmpstr (((SyPhotoIntake *) g_ptr_array_index (found, 1))->name, ==, "IMG_0002.jpg");
  g_assert_cmpstr (((SyPhotoIntake *) g_ptr_array_index (found, 2))->name, ==, "IMG_0003.jpg");
  g_assert_cmpstr (((SyPhotoIntake *) g_ptr_array_index (found, 1))->info.taken_at, ==, "2025-02-01 10:00:00");
  g_assert_null (((SyPhotoIntake *) g_ptr_array_index (found, 0))->bytes);
  g_assert_cmpint (gdk_pixbuf_get_width (((SyPhotoIntake *) g_ptr_array_index (found, 0))->thumbnail), <=, 96);
  g_assert_cmpuint (refused->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (refused, 0), "broken.jpg"));

  {
    g_autoptr(GFile) missing = g_file_get_child (folder, "nope");
    g_autoptr(GPtrArray) nothing = sy_photo_intake_scan_folder (missing, 96, NULL, NULL, &error);

    g_assert_null (nothing);
    g_assert_nonnull (error);
  }
  sy_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/photo-intake/orientation", test_orientation);
  g_test_add_func ("/photo-intake/no-date", test_no_date);
  g_test_add_func ("/photo-intake/png", test_png);
  g_test_add_func ("/photo-intake/truncated", test_truncated);
  g_test_add_func ("/photo-intake/not-image", test_not_image);
  g_test_add_func ("/photo-intake/too-large", test_too_large);
  g_test_add_func ("/photo-intake/load-file", test_load_file);
  g_test_add_func ("/photo-intake/thumbnail-cache", test_thumbnail_cache);
  g_test_add_func ("/photo-intake/match", test_match);
  g_test_add_func ("/photo-intake/scan-folder", test_scan_folder);
  return g_test_run ();
}
