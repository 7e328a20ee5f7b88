/* sy-test-photo.h: photo fixtures the photo tests share (gdk-pixbuf) */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* A landscape picture as stored: the left quarter red, the rest blue,
 * with some noise so the JPEG has a body worth truncating. */
GdkPixbuf *sy_test_photo_picture        (int         width,
                                         int         height);

/* A JPEG of @pixbuf (quality 90) with an APP1 EXIF segment right after
 * SOI holding @orientation and DateTimeOriginal @date
 * ("2025:01:20 09:30:15"). */
GBytes    *sy_test_photo_jpeg_with_exif (GdkPixbuf  *pixbuf,
                                         int         orientation,
                                         const char *date);

/* Appends @v big-endian. */
void       sy_test_photo_put32          (GByteArray *a,
                                         guint32     v);

G_END_DECLS
