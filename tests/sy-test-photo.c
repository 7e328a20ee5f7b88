/* sy-test-photo.c: photo fixtures the photo tests share */
#include "sy-test-photo.h"

/* A landscape picture as stored: the left quarter red, the rest blue,
 * with some noise so the JPEG has a body worth truncating. */
GdkPixbuf *
sy_test_photo_picture (int width, int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  GRand *rand = g_rand_new_with_seed (7);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;
        int noise = g_rand_int_range (rand, 0, 24);

        if (x < width / 4)
          p[0] = 230 - noise, p[1] = noise, p[2] = noise;
        else
          p[0] = noise, p[1] = noise, p[2] = 230 - noise;
      }
  g_rand_free (rand);
  return pixbuf;
}

static void
put16 (GByteArray *a, guint v)
{
  guint8 b[2] = { v >> 8, v & 0xFF };
  g_byte_array_append (a, b, 2);
}

void
sy_test_photo_put32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF };
  g_byte_array_append (a, b, 4);
}

/* IFD entry: tag, type, count, value/offset (big-endian TIFF). */
static void
put_entry (GByteArray *a, guint tag, guint type, guint32 count, guint32 value)
{
  put16 (a, tag);
  put16 (a, type);
  sy_test_photo_put32 (a, count);
  sy_test_photo_put32 (a, value);
}

/* A JPEG of @pixbuf with an APP1 EXIF segment right after SOI holding
 * @orientation and DateTimeOriginal @date ("2025:01:20 09:30:15"). */
GBytes *
sy_test_photo_jpeg_with_exif (GdkPixbuf *pixbuf, int orientation, const char *date)
{
  g_autofree char *jpeg = NULL;
  gsize jpeg_len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) tiff = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &jpeg_len, "jpeg", &error,
                                            "quality", "90", NULL));
  g_assert_no_error (error);
  g_assert_true ((guint8) jpeg[0] == 0xFF && (guint8) jpeg[1] == 0xD8);

  /* TIFF header; IFD0 at 8: orientation and the Exif IFD pointer (2 entries,
   * 30 bytes, ends at 38); Exif IFD at 38: DateTimeOriginal (18 bytes, ends
   * at 56); the date string at 56. */
  g_byte_array_append (tiff, (const guint8 *) "MM\0*", 4);
  sy_test_photo_put32 (tiff, 8);
  put16 (tiff, 2);
  put16 (tiff, 0x0112), put16 (tiff, 3), sy_test_photo_put32 (tiff, 1), put16 (tiff, orientation), put16 (tiff, 0);
  put_entry (tiff, 0x8769, 4, 1, 38);
  sy_test_photo_put32 (tiff, 0);
  put16 (tiff, 1);
  put_entry (tiff, 0x9003, 2, 20, 56);
  sy_test_photo_put32 (tiff, 0);
  g_assert_cmpuint (tiff->len, ==, 56);
  g_byte_array_append (tiff, (const guint8 *) date, 20);

  g_byte_array_append (out, (const guint8 *) jpeg, 2);
  put16 (out, 0xFFE1);
  put16 (out, 2 + 6 + tiff->len);
  g_byte_array_append (out, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (out, tiff->data, tiff->len);
  g_byte_array_append (out, (const guint8 *) jpeg + 2, jpeg_len - 2);
  return g_byte_array_free_to_bytes (out);
}

