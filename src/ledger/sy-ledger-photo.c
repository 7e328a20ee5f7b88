/* sy-ledger-photo.c: photos on ledger pages */
#include "sy-ledger-photo.h"
#include "sy-ledger-text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

/* Resolution of decoded (non-embedded) photos on vector surfaces. */
#define PRINT_DPI 300.0

static guint
read_u16 (const guint8 *p, gboolean big_endian)
{
  return big_endian ? (guint) (p[0] << 8 | p[1]) : (guint) (p[1] << 8 | p[0]);
}

static guint32
read_u32 (const guint8 *p, gboolean big_endian)
{
  return big_endian
    ? (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3]
    : (guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0];
}

/* Orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment, or 1. */
static int
exif_orientation (const guint8 *seg, gsize len)
{
  const guint8 *tiff;
  gsize tiff_len;
  gboolean be;
  guint32 ifd;
  guint n;

  if (len < 14 || memcmp (seg, "Exif\0\0", 6) != 0)
    return 1;
  tiff = seg + 6;
  tiff_len = len - 6;
  if (memcmp (tiff, "MM", 2) == 0)
    be = TRUE;
  else if (memcmp (tiff, "II", 2) == 0)
    be = FALSE;
  else
    return 1;
  if (read_u16 (tiff + 2, be) != 42)
    return 1;
  ifd = read_u32 (tiff + 4, be);
  if (ifd > tiff_len - 2 || ifd + 2 > tiff_len)
    return 1;
  n = read_u16 (tiff + ifd, be);
  for (guint i = 0; i < n; i++)
    {
      gsize entry = ifd + 2 + (gsize) i * 12;

      if (entry + 12 > tiff_len)
        break;
      if (read_u16 (tiff + entry, be) == 0x0112 &&
          read_u16 (tiff + entry + 2, be) == 3)
        {
          guint value = read_u16 (tiff + entry + 8, be);
          return value >= 1 && value <= 8 ? (int) value : 1;
        }
    }
  return 1;
}

gboolean
sy_ledger_photo_probe_jpeg (const guint8      *data,
                            gsize              length,
                            SyLedgerPhotoInfo *info)
{
  gsize pos = 2;

  memset (info, 0, sizeof *info);
  info->orientation = 1;
  if (length < 4 || data[0] != 0xFF || data[1] != 0xD8)
    return FALSE;

  while (pos + 4 <= length)
    {
      guint8 marker;
      gsize seg_len;

      if (data[pos] != 0xFF)
        return FALSE;
      while (pos < length && data[pos] == 0xFF)
        pos++;
      if (pos >= length)
        return FALSE;
      marker = data[pos++];
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        continue;
      if (marker == 0xD9 || marker == 0xDA || pos + 2 > length)
        return FALSE;  /* scan data or end before any frame header */
      seg_len = read_u16 (data + pos, TRUE);
      if (seg_len < 2 || pos + seg_len > length)
        return FALSE;

      if (marker == 0xE1)
        {
          int o = exif_orientation (data + pos + 2, seg_len - 2);
          if (o != 1)
            info->orientation = o;
        }
      else if (marker >= 0xC0 && marker <= 0xCF &&
               marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          const guint8 *sof = data + pos + 2;
          guint components;

          if (seg_len < 8)
            return FALSE;
          info->height = (int) read_u16 (sof + 1, TRUE);
          info->width = (int) read_u16 (sof + 3, TRUE);
          components = sof[5];
          /* PDF's DCTDecode reads 8-bit baseline and progressive Huffman
           * JPEGs; CMYK ones come inverted from Photoshop, so those (and
           * arithmetic or lossless coding) are decoded instead. */
          info->embeddable = sof[0] == 8 &&
                             (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) &&
                             (components == 1 || components == 3);
          return info->width > 0 && info->height > 0;
        }
      pos += seg_len;
    }
  return FALSE;
}

/* Maps the unit square of the stored image onto the unit square of the
 * upright picture, for EXIF orientations 1–8. */
static void
orientation_matrix (int orientation, cairo_matrix_t *m)
{
  switch (orientation)
    {
    case 2: cairo_matrix_init (m, -1, 0, 0, 1, 1, 0); break;   /* mirrored */
    case 3: cairo_matrix_init (m, -1, 0, 0, -1, 1, 1); break;  /* 180° */
    case 4: cairo_matrix_init (m, 1, 0, 0, -1, 0, 1); break;   /* flipped */
    case 5: cairo_matrix_init (m, 0, 1, 1, 0, 0, 0); break;    /* transposed */
    case 6: cairo_matrix_init (m, 0, 1, -1, 0, 1, 0); break;   /* 90° clockwise */
    case 7: cairo_matrix_init (m, 0, -1, -1, 0, 1, 1); break;  /* transversed */
    case 8: cairo_matrix_init (m, 0, -1, 1, 0, 0, 1); break;   /* 90° anticlockwise */
    default: cairo_matrix_init_identity (m); break;
    }
}

static gboolean
orientation_swaps (int orientation)
{
  return orientation >= 5 && orientation <= 8;
}

/* The upright picture's rectangle inside the box, centred. */
static void
fit_box (double  pic_w, double  pic_h,
         double  x, double  y, double  w, double  h,
         double *out_x, double *out_y, double *out_w, double *out_h)
{
  double scale = MIN (w / pic_w, h / pic_h);

  *out_w = pic_w * scale;
  *out_h = pic_h * scale;
  *out_x = x + (w - *out_w) / 2;
  *out_y = y + (h - *out_h) / 2;
}

/* Paints @surface (whose pixels are the stored image, @sw × @sh) so that
 * the upright picture fills the rectangle exactly. */
static void
paint_oriented (cairo_t         *cr,
                cairo_surface_t *surface,
                int              sw,
                int              sh,
                int              orientation,
                cairo_extend_t   extend,
                double x, double y, double w, double h)
{
  cairo_matrix_t orient;

  orientation_matrix (orientation, &orient);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, w, h);
  cairo_transform (cr, &orient);
  cairo_scale (cr, 1.0 / sw, 1.0 / sh);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_pattern_set_extend (cairo_get_source (cr), extend);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
frame_box (cairo_t *cr, double x, double y, double w, double h)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static gboolean
target_embeds_jpeg (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
paint_embedded_jpeg (cairo_t                 *cr,
                     GBytes                  *bytes,
                     const char              *unique_id,
                     const SyLedgerPhotoInfo *info,
                     double x, double y, double w, double h)
{
  cairo_surface_t *placeholder;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  /* The reader draws the JPEG itself; the placeholder's one grey pixel
   * only stands in for it in cairo's geometry. */
  placeholder = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_surface_set_mime_data (placeholder, CAIRO_MIME_TYPE_JPEG, data, len,
                               (cairo_destroy_func_t) g_bytes_unref,
                               g_bytes_ref (bytes));
  if (unique_id != NULL)
    {
      char *id = g_strdup (unique_id);
      cairo_surface_set_mime_data (placeholder, CAIRO_MIME_TYPE_UNIQUE_ID,
                                   (const unsigned char *) id, strlen (id),
                                   g_free, id);
    }
  paint_oriented (cr, placeholder, 1, 1, info->orientation,
                  CAIRO_EXTEND_NONE, x, y, w, h);
  cairo_surface_destroy (placeholder);
}

typedef struct {
  int max_w;
  int max_h;
} SizeRequest;

static void
on_size_prepared (GdkPixbufLoader *loader, int width, int height, gpointer data)
{
  const SizeRequest *req = data;
  double scale = MIN ((double) req->max_w / width, (double) req->max_h / height);

  /* Never enlarge: a small photo stays as sharp as it is. */
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) (width * scale + 0.5)),
                                MAX (1, (int) (height * scale + 0.5)));
}

static GdkPixbuf *
decode_at_size (GBytes *bytes, int max_w, int max_h)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  SizeRequest req = { MAX (max_w, 1), MAX (max_h, 1) };
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &req);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, NULL) ||
      !gdk_pixbuf_loader_close (loader, NULL))
    {
      /* close() must run even after a failed write, or the loader warns. */
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  return pixbuf ? g_object_ref (pixbuf) : NULL;
}

static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  int n = gdk_pixbuf_get_n_channels (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *src = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface;
  guint8 *dst;
  int dst_stride;

  surface = cairo_image_surface_create (alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;
  cairo_surface_flush (surface);
  dst = cairo_image_surface_get_data (surface);
  dst_stride = cairo_image_surface_get_stride (surface);

  for (int row = 0; row < h; row++)
    {
      const guint8 *s = src + (gsize) row * src_stride;
      guint32 *d = (guint32 *) (dst + (gsize) row * dst_stride);

      for (int col = 0; col < w; col++, s += n)
        {
          guint a = alpha ? s[3] : 255;
          guint r = (s[0] * a + 127) / 255;
          guint g = (s[1] * a + 127) / 255;
          guint b = (s[2] * a + 127) / 255;

          d[col] = a << 24 | r << 16 | g << 8 | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

void
sy_ledger_photo_paint_missing (cairo_t      *cr,
                               PangoContext *context,
                               double        x,
                               double        y,
                               double        width,
                               double        height)
{
  g_autoptr(PangoLayout) layout = NULL;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.96, 0.96, 0.96);
  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
  frame_box (cr, x, y, width, height);
  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  layout = sy_ledger_text_layout_new (context, SY_LEDGER_FONT_SMALL_SANS, "照片缺失",
                                      width, PANGO_ALIGN_CENTER);
  sy_ledger_text_show (cr, layout, x, y + (height - sy_ledger_text_height (layout)) / 2);
  cairo_restore (cr);
}

void
sy_ledger_photo_paint (cairo_t      *cr,
                       PangoContext *context,
                       GBytes       *bytes,
                       const char   *unique_id,
                       double        x,
                       double        y,
                       double        width,
                       double        height)
{
  SyLedgerPhotoInfo info = { 0, };
  const guint8 *data = NULL;
  gsize len = 0;
  gboolean is_jpeg;
  g_autoptr(GdkPixbuf) decoded = NULL;
  cairo_surface_t *surface;
  double dev_w, dev_h, px, py, pw, ph;
  int orientation;

  if (bytes != NULL)
    data = g_bytes_get_data (bytes, &len);
  if (data == NULL || len == 0)
    {
      sy_ledger_photo_paint_missing (cr, context, x, y, width, height);
      return;
    }

  is_jpeg = sy_ledger_photo_probe_jpeg (data, len, &info);
  if (is_jpeg && info.embeddable && target_embeds_jpeg (cr))
    {
      double pic_w = orientation_swaps (info.orientation) ? info.height : info.width;
      double pic_h = orientation_swaps (info.orientation) ? info.width : info.height;

      fit_box (pic_w, pic_h, x, y, width, height, &px, &py, &pw, &ph);
      paint_embedded_jpeg (cr, bytes, unique_id, &info, px, py, pw, ph);
      return;
    }

  /* Decode at the size the photo is placed at: device pixels on a raster
   * target, PRINT_DPI on a vector one. */
  dev_w = width;
  dev_h = height;
  if (target_embeds_jpeg (cr) ||
      cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_SVG)
    {
      dev_w = width * PRINT_DPI / 72.0;
      dev_h = height * PRINT_DPI / 72.0;
    }
  else
    {
      cairo_user_to_device_distance (cr, &dev_w, &dev_h);
      dev_w = fabs (dev_w);
      dev_h = fabs (dev_h);
    }
  /* The request is in stored orientation: swap for rotated JPEGs. */
  if (is_jpeg && orientation_swaps (info.orientation))
    decoded = decode_at_size (bytes, (int) ceil (dev_h), (int) ceil (dev_w));
  else
    decoded = decode_at_size (bytes, (int) ceil (dev_w), (int) ceil (dev_h));
  if (decoded == NULL)
    {
      sy_ledger_photo_paint_missing (cr, context, x, y, width, height);
      return;
    }

  orientation = 1;
  if (is_jpeg)
    orientation = info.orientation;
  else
    {
      const char *o = gdk_pixbuf_get_option (decoded, "orientation");
      if (o != NULL && atoi (o) >= 1 && atoi (o) <= 8)
        orientation = atoi (o);
    }

  {
    int sw = gdk_pixbuf_get_width (decoded);
    int sh = gdk_pixbuf_get_height (decoded);
    double pic_w = orientation_swaps (orientation) ? sh : sw;
    double pic_h = orientation_swaps (orientation) ? sw : sh;

    fit_box (pic_w, pic_h, x, y, width, height, &px, &py, &pw, &ph);
    surface = surface_from_pixbuf (decoded);
    if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
      paint_oriented (cr, surface, sw, sh, orientation,
                      CAIRO_EXTEND_PAD, px, py, pw, ph);
    else
      sy_ledger_photo_paint_missing (cr, context, x, y, width, height);
    cairo_surface_destroy (surface);
  }
}
