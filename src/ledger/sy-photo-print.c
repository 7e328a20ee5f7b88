/* sy-photo-print.c: print copies of photos for the ledger
 *
 * The pipeline for a JPEG: libjpeg-turbo decodes at the smallest DCT scale
 * (n/8) whose output still covers the box, with the fast integer IDCT and
 * plain chroma upsampling: the following downscale averages away what
 * those save, and Huffman decoding (which no scale avoids) is then most
 * of the cost.  Each decoded row is resampled at once (box filter, both
 * axes), the finished rows are written in upright position, and the
 * result is encoded as a baseline JPEG without metadata.  PNG, CMYK and
 * other JPEGs go through gdk-pixbuf and then the same resampler.
 */
#include "sy-photo-print.h"
#include "sy-ledger-photo.h"
#include "sy-ledger-style.h"
#include "sy-photo-intake.h"
#include "sy-error.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <jpeglib.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#define PRINT_QUALITY 85

/* --- resampling ------------------------------------------------------------------ */

/* The source pixels one output pixel averages along one axis. */
typedef struct {
  int    first;
  int    count;
  float *weights;  /* @count of them, summing to 1 */
} Span;

typedef struct {
  Span  *spans;
  float *pool;
} Spans;

/* Box filter from @src_len to @dst_len <= @src_len pixels: output pixel i
 * covers [i·r, (i+1)·r) of the source with r = src_len / dst_len, each
 * source pixel weighted by how much of it lies inside. */
static void
spans_init (Spans *s, int src_len, int dst_len)
{
  double r = (double) src_len / dst_len;
  int max_count = (int) ceil (r) + 1;

  s->spans = g_new (Span, dst_len);
  s->pool = g_new (float, (gsize) dst_len * max_count);
  for (int i = 0; i < dst_len; i++)
    {
      double lo = i * r, hi = MIN ((i + 1) * r, (double) src_len);
      int first = (int) floor (lo);
      int last = MIN ((int) ceil (hi), src_len) - 1;
      Span *span = &s->spans[i];

      span->first = first;
      span->count = MAX (1, MIN (last - first + 1, max_count));
      span->weights = s->pool + (gsize) i * max_count;
      for (int k = 0; k < span->count; k++)
        {
          double a = MAX (lo, (double) (first + k));
          double b = MIN (hi, (double) (first + k + 1));
          span->weights[k] = (float) (MAX (0.0, b - a) / (hi - lo));
        }
    }
}

static void
spans_clear (Spans *s)
{
  g_clear_pointer (&s->spans, g_free);
  g_clear_pointer (&s->pool, g_free);
}

/* Resamples rows of @src_w × @src_h pixels (@nc channels) arriving in
 * order to @dst_w × @dst_h, and writes each finished row into @out (the
 * upright picture, 3 channels) turned per EXIF @orientation.  Source rows
 * are written straight into a ring (the decoder fills its slots); an
 * output row is made once its last source row is in: first down the
 * columns over whole rows (a loop the compiler vectorises), then across. */
typedef struct {
  int      nc;
  int      src_w, src_h, dst_w, dst_h;
  int      orientation;
  Spans    xs, ys;
  int      ring_len;
  guint8 **ring;       /* source rows, row y in slot y % ring_len */
  float   *acc;        /* one source-width row, averaged down */
  int      next_dst;   /* the next output row to finish */
  guint8  *out;
  int      out_w, out_h;
} Resampler;

/* Rows the decoder may hand over at once (libjpeg's rec_outbuf_height is
 * at most 4 for the sampling factors it reads). */
#define MAX_ROWS_AT_ONCE 4

static gboolean
orientation_swaps (int orientation)
{
  return orientation >= 5 && orientation <= 8;
}

static void
resampler_init (Resampler *rs, int nc, int src_w, int src_h, int dst_w, int dst_h, int orientation)
{
  memset (rs, 0, sizeof *rs);
  rs->nc = nc;
  rs->src_w = src_w;
  rs->src_h = src_h;
  rs->dst_w = dst_w;
  rs->dst_h = dst_h;
  rs->orientation = orientation;
  spans_init (&rs->xs, src_w, dst_w);
  spans_init (&rs->ys, src_h, dst_h);
  /* Slots for the rows one output row averages, plus a batch arriving. */
  rs->ring_len = (int) ceil ((double) src_h / dst_h) + 2 + MAX_ROWS_AT_ONCE;
  rs->ring = g_new (guint8 *, rs->ring_len);
  for (int i = 0; i < rs->ring_len; i++)
    rs->ring[i] = g_malloc ((gsize) src_w * nc);
  rs->acc = g_new (float, (gsize) src_w * nc);
  rs->out_w = orientation_swaps (orientation) ? dst_h : dst_w;
  rs->out_h = orientation_swaps (orientation) ? dst_w : dst_h;
  rs->out = g_malloc ((gsize) rs->out_w * rs->out_h * 3);
}

static void
resampler_clear (Resampler *rs)
{
  spans_clear (&rs->xs);
  spans_clear (&rs->ys);
  for (int i = 0; rs->ring != NULL && i < rs->ring_len; i++)
    g_free (rs->ring[i]);
  g_clear_pointer (&rs->ring, g_free);
  g_clear_pointer (&rs->acc, g_free);
  g_clear_pointer (&rs->out, g_free);
}

/* Where source row @y goes: fill it, then call resampler_rows_in(). */
static inline guint8 *
resampler_slot (Resampler *rs, int y)
{
  return rs->ring[y % rs->ring_len];
}

/* The offset in @out of stored pixel (@x, @y) of the @w × @h picture once
 * upright (the same mapping as sy-ledger-photo.c's orientation matrices). */
static gssize
oriented_offset (const Resampler *rs, int x, int y)
{
  int w = rs->dst_w, h = rs->dst_h, u, v;

  switch (rs->orientation)
    {
    case 2: u = w - 1 - x; v = y; break;
    case 3: u = w - 1 - x; v = h - 1 - y; break;
    case 4: u = x; v = h - 1 - y; break;
    case 5: u = y; v = x; break;
    case 6: u = h - 1 - y; v = x; break;
    case 7: u = h - 1 - y; v = w - 1 - x; break;
    case 8: u = y; v = w - 1 - x; break;
    default: u = x; v = y; break;
    }
  return ((gssize) v * rs->out_w + u) * 3;
}

static void
finish_row (Resampler *rs, int y)
{
  const Span *span = &rs->ys.spans[y];
  int n = rs->src_w * rs->nc;
  float *acc = rs->acc;
  const guint8 *src = resampler_slot (rs, span->first);
  float w = span->weights[0];
  /* Along a stored row the upright position moves by a fixed step. */
  guint8 *dst = rs->out + oriented_offset (rs, 0, y);
  gssize step = rs->dst_w > 1 ? oriented_offset (rs, 1, y) - oriented_offset (rs, 0, y) : 3;

  for (int i = 0; i < n; i++)
    acc[i] = src[i] * w;
  for (int k = 1; k < span->count; k++)
    {
      src = resampler_slot (rs, span->first + k);
      w = span->weights[k];
      for (int i = 0; i < n; i++)
        acc[i] += src[i] * w;
    }

  for (int x = 0; x < rs->dst_w; x++, dst += step)
    {
      const Span *sx = &rs->xs.spans[x];
      const float *p = acc + (gsize) sx->first * rs->nc;
      float r = 0.5f, g = 0.5f, b = 0.5f;

      if (rs->nc == 3)
        for (int k = 0; k < sx->count; k++, p += 3)
          {
            r += p[0] * sx->weights[k];
            g += p[1] * sx->weights[k];
            b += p[2] * sx->weights[k];
          }
      else
        {
          /* Grey pictures come out as RGB: the copy is small either way. */
          for (int k = 0; k < sx->count; k++)
            r += p[k] * sx->weights[k];
          g = b = r;
        }
      dst[0] = (guint8) MIN (r, 255.0f);
      dst[1] = (guint8) MIN (g, 255.0f);
      dst[2] = (guint8) MIN (b, 255.0f);
    }
}

/* Source rows up to @last_y are in their slots. */
static void
resampler_rows_in (Resampler *rs, int last_y)
{
  while (rs->next_dst < rs->dst_h)
    {
      const Span *span = &rs->ys.spans[rs->next_dst];

      if (span->first + span->count - 1 > last_y)
        break;
      finish_row (rs, rs->next_dst++);
    }
}

/* --- sizes ----------------------------------------------------------------------- */

/* The stored-orientation size of the print copy of a @w × @h picture
 * (stored pixels) fitted into @box_w × @box_h device pixels: aspect kept,
 * never enlarged. */
static void
fit_size (int w, int h, int orientation, int box_w, int box_h, int *out_w, int *out_h)
{
  int pic_w = orientation_swaps (orientation) ? h : w;
  int pic_h = orientation_swaps (orientation) ? w : h;
  double scale = MIN ((double) box_w / pic_w, (double) box_h / pic_h);
  int fw, fh;

  if (scale >= 1.0)
    {
      fw = pic_w;
      fh = pic_h;
    }
  else
    {
      fw = CLAMP ((int) lround (pic_w * scale), 1, pic_w);
      fh = CLAMP ((int) lround (pic_h * scale), 1, pic_h);
    }
  *out_w = orientation_swaps (orientation) ? fh : fw;
  *out_h = orientation_swaps (orientation) ? fw : fh;
}

static int
box_pixels (double pt, int dpi)
{
  return MAX (1, (int) ceil (pt * dpi / 72.0 - 1e-6));
}

/* --- libjpeg --------------------------------------------------------------------- */

typedef struct {
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
  char                  message[JMSG_LENGTH_MAX];
} JpegError;

static void
jpeg_error_exit (j_common_ptr cinfo)
{
  JpegError *err = (JpegError *) cinfo->err;

  cinfo->err->format_message (cinfo, err->message);
  longjmp (err->jump, 1);
}

/* Warnings (a few corrupt bytes, a missing end marker) are not printed:
 * what can be decoded is printed, as a PDF reader would show it. */
static void
jpeg_output_message (j_common_ptr cinfo)
{
}

static void
jpeg_error_init (JpegError *err)
{
  jpeg_std_error (&err->pub);
  err->pub.error_exit = jpeg_error_exit;
  err->pub.output_message = jpeg_output_message;
  err->message[0] = '\0';
}

/* Everything a libjpeg call may leave behind when it jumps out. */
typedef struct {
  struct jpeg_decompress_struct dinfo;
  struct jpeg_compress_struct   cinfo;
  JpegError      err;
  gboolean       have_dinfo;
  gboolean       have_cinfo;
  Resampler      rs;
  gboolean       have_rs;
  unsigned char *encoded;
  unsigned long  encoded_len;
} Job;

static void
job_free (Job *job)
{
  if (job->have_dinfo)
    jpeg_destroy_decompress (&job->dinfo);
  if (job->have_cinfo)
    jpeg_destroy_compress (&job->cinfo);
  if (job->have_rs)
    resampler_clear (&job->rs);
  free (job->encoded);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* Encodes @job->rs.out as a baseline JPEG (no EXIF: the copy is upright). */
static GBytes *
encode (Job *job, GError **error)
{
  struct jpeg_compress_struct *c = &job->cinfo;
  GBytes *bytes;

  c->err = &job->err.pub;
  if (setjmp (job->err.jump))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED, _("Cannot encode the print copy: %s"),
                   job->err.message);
      return NULL;
    }
  jpeg_create_compress (c);
  job->have_cinfo = TRUE;
  jpeg_mem_dest (c, &job->encoded, &job->encoded_len);
  c->image_width = (JDIMENSION) job->rs.out_w;
  c->image_height = (JDIMENSION) job->rs.out_h;
  c->input_components = 3;
  c->in_color_space = JCS_RGB;
  jpeg_set_defaults (c);
  jpeg_set_quality (c, PRINT_QUALITY, TRUE);
  jpeg_start_compress (c, TRUE);
  while (c->next_scanline < c->image_height)
    {
      JSAMPROW row = job->rs.out + (gsize) c->next_scanline * job->rs.out_w * 3;
      jpeg_write_scanlines (c, &row, 1);
    }
  jpeg_finish_compress (c);
  bytes = g_bytes_new_with_free_func (job->encoded, job->encoded_len, free, job->encoded);
  job->encoded = NULL;
  return bytes;
}

/* Decodes the JPEG @data with libjpeg at DCT scale and resamples it.
 * FALSE with *@fallback set when it is a kind gdk-pixbuf should read
 * (CMYK, YCCK, an unusual component count). */
static gboolean
decode_jpeg (Job          *job,
             const guint8 *data,
             gsize         len,
             int           orientation,
             int           box_w,
             int           box_h,
             gboolean     *fallback,
             GError      **error)
{
  struct jpeg_decompress_struct *d = &job->dinfo;
  int want_w, want_h, nc;

  *fallback = FALSE;
  d->err = &job->err.pub;
  if (setjmp (job->err.jump))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("The photo cannot be read: %s"),
                   job->err.message);
      return FALSE;
    }
  jpeg_create_decompress (d);
  job->have_dinfo = TRUE;
  jpeg_mem_src (d, data, (unsigned long) len);
  jpeg_read_header (d, TRUE);
  if ((d->jpeg_color_space != JCS_YCbCr && d->jpeg_color_space != JCS_GRAYSCALE
       && d->jpeg_color_space != JCS_RGB)
      || (d->num_components != 1 && d->num_components != 3))
    {
      *fallback = TRUE;
      return FALSE;
    }

  fit_size ((int) d->image_width, (int) d->image_height, orientation, box_w, box_h,
            &want_w, &want_h);
  nc = d->num_components == 1 ? 1 : 3;
  d->out_color_space = nc == 1 ? JCS_GRAYSCALE : JCS_RGB;
  d->dct_method = JDCT_IFAST;
  d->do_fancy_upsampling = FALSE;
  d->do_block_smoothing = FALSE;
  d->scale_denom = 8;
  for (d->scale_num = 1; d->scale_num < 8; d->scale_num++)
    {
      jpeg_calc_output_dimensions (d);
      if ((int) d->output_width >= want_w && (int) d->output_height >= want_h)
        break;
    }
  jpeg_start_decompress (d);
  /* Never more than the full size, whatever rounding gave. */
  want_w = MIN (want_w, (int) d->output_width);
  want_h = MIN (want_h, (int) d->output_height);

  resampler_init (&job->rs, nc, (int) d->output_width, (int) d->output_height,
                  want_w, want_h, orientation);
  job->have_rs = TRUE;
  while (d->output_scanline < d->output_height)
    {
      /* Whole row groups at a time: one row at a time makes the merged
       * upsampler decode into a spare row and copy it. */
      int y = (int) d->output_scanline;
      int want = MIN (MIN (d->rec_outbuf_height, MAX_ROWS_AT_ONCE), (int) d->output_height - y);
      JSAMPROW rows[MAX_ROWS_AT_ONCE];
      JDIMENSION got;

      for (int k = 0; k < want; k++)
        rows[k] = resampler_slot (&job->rs, y + k);
      got = jpeg_read_scanlines (d, rows, (JDIMENSION) want);
      if (got == 0)
        break;
      resampler_rows_in (&job->rs, y + (int) got - 1);
    }
  jpeg_finish_decompress (d);
  return TRUE;
}

typedef struct {
  int box_w;
  int box_h;
  int orientation;
} LoadRequest;

static void
load_size_prepared (GdkPixbufLoader *loader, int width, int height, gpointer data)
{
  const LoadRequest *req = data;
  int w, h;

  fit_size (width, height, req->orientation, req->box_w, req->box_h, &w, &h);
  if (w < width || h < height)
    gdk_pixbuf_loader_set_size (loader, w, h);
}

/* PNG, HEIC, CMYK JPEGs: gdk-pixbuf decodes (at scale where it can), the
 * resampler fits and turns, transparency goes onto white paper. */
static gboolean
decode_pixbuf (Job         *job,
               GBytes      *original,
               int          orientation,
               int          box_w,
               int          box_h,
               GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  LoadRequest req = { box_w, box_h, orientation };
  GdkPixbuf *pixbuf;
  const char *option;
  int w, h, n, stride, want_w, want_h;
  gboolean alpha;
  const guint8 *pixels;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (load_size_prepared), &req);
  if (!gdk_pixbuf_loader_write_bytes (loader, original, &local_error)
      || !gdk_pixbuf_loader_close (loader, local_error ? NULL : &local_error))
    {
      /* close() must run even after a failed write, or the loader warns. */
      gdk_pixbuf_loader_close (loader, NULL);
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("The photo cannot be read: %s"),
                   local_error ? local_error->message : _("unknown format"));
      return FALSE;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("The photo cannot be read: %s"),
                   _("unknown format"));
      return FALSE;
    }
  /* A JPEG's orientation is known from its header; a PNG's only here. */
  option = gdk_pixbuf_get_option (pixbuf, "orientation");
  if (orientation == 1 && option != NULL && atoi (option) >= 1 && atoi (option) <= 8)
    orientation = atoi (option);

  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  n = gdk_pixbuf_get_n_channels (pixbuf);
  alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  fit_size (w, h, orientation, box_w, box_h, &want_w, &want_h);
  resampler_init (&job->rs, 3, w, h, want_w, want_h, orientation);
  job->have_rs = TRUE;
  for (int y = 0; y < h; y++)
    {
      const guint8 *s = pixels + (gsize) y * stride;
      guint8 *row = resampler_slot (&job->rs, y);

      for (int x = 0; x < w; x++, s += n)
        for (int c = 0; c < 3; c++)
          row[x * 3 + c] = alpha ? (guint8) ((s[c] * s[3] + 255 * (255 - s[3]) + 127) / 255) : s[c];
      resampler_rows_in (&job->rs, y);
    }
  return TRUE;
}

static GBytes *
make_print_copy (GBytes     *original,
                 const char *name,
                 double      width_pt,
                 double      height_pt,
                 int         dpi,
                 GError    **error)
{
  g_autoptr(Job) job = g_new0 (Job, 1);
  SyPhotoInfo info;
  gsize len;
  const guint8 *data = g_bytes_get_data (original, &len);
  int box_w = box_pixels (width_pt, dpi > 0 ? dpi : SY_PHOTO_PRINT_DPI);
  int box_h = box_pixels (height_pt, dpi > 0 ? dpi : SY_PHOTO_PRINT_DPI);
  gboolean fallback = TRUE;
  gboolean decoded;

  /* The header first: a kind we do not take, or a size beyond the intake's
   * limits, is refused before anything is allocated for it. */
  if (!sy_photo_intake_probe (original, name, &info, error))
    return NULL;
  jpeg_error_init (&job->err);
  if (g_strcmp0 (info.mime_type, "image/jpeg") == 0)
    {
      g_autoptr(GError) jpeg_error = NULL;

      decoded = decode_jpeg (job, data, len, info.orientation, box_w, box_h, &fallback, &jpeg_error);
      if (!decoded && !fallback)
        {
          sy_photo_info_clear (&info);
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID, "%s: %s", name, jpeg_error->message);
          return NULL;
        }
      if (fallback)
        {
          /* libjpeg's state is dropped before gdk-pixbuf takes over. */
          jpeg_destroy_decompress (&job->dinfo);
          job->have_dinfo = FALSE;
        }
    }
  if (fallback)
    {
      g_autoptr(GError) pixbuf_error = NULL;

      if (!decode_pixbuf (job, original, info.orientation, box_w, box_h, &pixbuf_error))
        {
          sy_photo_info_clear (&info);
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID, "%s: %s", name, pixbuf_error->message);
          return NULL;
        }
    }
  sy_photo_info_clear (&info);
  if (job->rs.next_dst < job->rs.dst_h)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s is damaged: it ends before its last row"),
                   name);
      return NULL;
    }
  return encode (job, error);
}

GBytes *
sy_photo_print_make (GBytes  *original,
                     double   width_pt,
                     double   height_pt,
                     int      dpi,
                     GError **error)
{
  g_return_val_if_fail (original != NULL, NULL);
  g_return_val_if_fail (width_pt > 0 && height_pt > 0, NULL);

  return make_print_copy (original, _("The photo"), width_pt, height_pt, dpi, error);
}

/* --- the cache -------------------------------------------------------------------- */

struct _SyPhotoPrintCache
{
  GObject parent_instance;

  SyAttachmentStore *store;
  char              *directory;
};

G_DEFINE_FINAL_TYPE (SyPhotoPrintCache, sy_photo_print_cache, G_TYPE_OBJECT)

static void
sy_photo_print_cache_finalize (GObject *object)
{
  SyPhotoPrintCache *self = SY_PHOTO_PRINT_CACHE (object);

  g_clear_object (&self->store);
  g_free (self->directory);
  G_OBJECT_CLASS (sy_photo_print_cache_parent_class)->finalize (object);
}

static void
sy_photo_print_cache_class_init (SyPhotoPrintCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_photo_print_cache_finalize;
}

static void
sy_photo_print_cache_init (SyPhotoPrintCache *self)
{
}

SyPhotoPrintCache *
sy_photo_print_cache_new (SyAttachmentStore *store,
                          const char        *directory)
{
  SyPhotoPrintCache *self;

  g_return_val_if_fail (SY_IS_ATTACHMENT_STORE (store), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (SY_TYPE_PHOTO_PRINT_CACHE, NULL);
  self->store = g_object_ref (store);
  self->directory = g_strdup (directory);
  return self;
}

SyPhotoPrintCache *
sy_photo_print_cache_for_database (SyDatabase *db)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  dir = g_build_filename (sy_database_get_files_directory (db), "print-cache", NULL);
  return sy_photo_print_cache_new (sy_database_get_attachments (db), dir);
}

static gboolean
valid_hash (SyPhotoPrintCache *self, const char *hash)
{
  g_autofree char *original = sy_attachment_store_get_path (self->store, hash);

  return original != NULL;
}

static char *
cache_path (SyPhotoPrintCache *self, const char *hash, int dpi)
{
  char prefix[3] = { hash[0], hash[1], '\0' };
  g_autofree char *dpi_dir = g_strdup_printf ("%d", dpi);
  g_autofree char *file = g_strconcat (hash, ".jpg", NULL);

  return g_build_filename (self->directory, dpi_dir, prefix, file, NULL);
}

static int
normal_dpi (int dpi)
{
  return dpi > 0 ? dpi : SY_PHOTO_PRINT_DPI;
}

static gboolean
looks_complete (const guint8 *data, gsize len)
{
  return len >= 4 && data[0] == 0xFF && data[1] == 0xD8 && data[len - 2] == 0xFF && data[len - 1] == 0xD9;
}

GBytes *
sy_photo_print_cache_lookup (SyPhotoPrintCache *self,
                             const char        *hash,
                             int                dpi)
{
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (SY_IS_PHOTO_PRINT_CACHE (self), NULL);

  /* The store's test of a well-formed hash keeps "../" out of the path. */
  if (!valid_hash (self, hash))
    return NULL;
  path = cache_path (self, hash, normal_dpi (dpi));
  if (!g_file_get_contents (path, &contents, &len, NULL))
    return NULL;
  if (!looks_complete ((const guint8 *) contents, len))
    {
      g_free (contents);
      return NULL;
    }
  return g_bytes_new_take (contents, len);
}

/* The same test as lookup() without reading the whole file: the first
 * and last two bytes. */
static gboolean
cached (SyPhotoPrintCache *self, const char *hash, int dpi)
{
  g_autofree char *path = NULL;
  guint8 head[2], tail[2];
  struct stat st;
  gboolean ok;
  int fd;

  if (!valid_hash (self, hash))
    return FALSE;
  path = cache_path (self, hash, dpi);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  ok = fstat (fd, &st) == 0 && st.st_size >= 4
       && pread (fd, head, 2, 0) == 2 && pread (fd, tail, 2, st.st_size - 2) == 2
       && head[0] == 0xFF && head[1] == 0xD8 && tail[0] == 0xFF && tail[1] == 0xD9;
  close (fd);
  return ok;
}

/* Temp file → rename (GLib's "consistent" mode), so the final name only
 * ever holds a whole copy.  No fsync for a new file: the cache is made
 * again from the originals, and a file a crash left short fails the
 * end-marker test and is made again. */
static gboolean
store_copy (const char *path, GBytes *bytes, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write the print copy %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write the print copy %s: %s"),
                   path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Makes and stores the copy of @hash.  The original is read through its
 * path, not verified against its hash: hashing 4 MB costs a third of the
 * decode, and the database check (sy-check.h) verifies attachments. */
static GBytes *
make_and_store (SyPhotoPrintCache *self, const char *hash, int dpi, GError **error)
{
  g_autofree char *original_path = sy_attachment_store_get_path (self->store, hash);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *copy;

  if (original_path == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("“%s” is not an attachment reference"),
                   hash ? hash : "");
      return NULL;
    }
  mapped = g_mapped_file_new (original_path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("Attachment %s is missing: %s"),
                   hash, local_error->message);
      return NULL;
    }
  original = g_mapped_file_get_bytes (mapped);
  name = g_strdup_printf (_("Photo %.12s"), hash);
  copy = make_print_copy (original, name, SY_LEDGER_PHOTO_WIDTH, SY_LEDGER_PHOTO_HEIGHT, dpi, error);
  if (copy == NULL)
    return NULL;
  path = cache_path (self, hash, dpi);
  if (!store_copy (path, copy, error))
    {
      g_bytes_unref (copy);
      return NULL;
    }
  return copy;
}

GBytes *
sy_photo_print_cache_get (SyPhotoPrintCache *self,
                          const char        *hash,
                          int                dpi,
                          GError           **error)
{
  GBytes *bytes;

  g_return_val_if_fail (SY_IS_PHOTO_PRINT_CACHE (self), NULL);

  dpi = normal_dpi (dpi);
  bytes = sy_photo_print_cache_lookup (self, hash, dpi);
  if (bytes != NULL)
    return bytes;
  return make_and_store (self, hash, dpi, error);
}

/* --- preparing many --------------------------------------------------------------- */

typedef struct {
  SyPhotoPrintCache *cache;
  int                dpi;
  gint               stop;     /* atomic: cancelled, start nothing more */
  GAsyncQueue       *done;     /* one Result per hash */
} Batch;

typedef struct {
  gboolean ok;
} Result;

static void
prepare_one (gpointer data, gpointer user_data)
{
  const char *hash = data;
  Batch *batch = user_data;
  Result *result = g_new0 (Result, 1);

  if (g_atomic_int_get (&batch->stop))
    result->ok = TRUE;  /* not counted: the caller reports the cancellation */
  else if (cached (batch->cache, hash, batch->dpi))
    result->ok = TRUE;
  else
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) copy = make_and_store (batch->cache, hash, batch->dpi, &error);

      result->ok = copy != NULL;
      if (copy == NULL)
        g_debug ("print copy of %s: %s", hash, error->message);
    }
  g_async_queue_push (batch->done, result);
}

gboolean
sy_photo_print_cache_prepare (SyPhotoPrintCache  *self,
                              const char * const *hashes,
                              guint               n,
                              int                 dpi,
                              guint               n_threads,
                              guint              *n_failed,
                              SyLedgerProgress    progress,
                              gpointer            user_data,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  Batch batch = { self, normal_dpi (dpi), 0, NULL };
  GThreadPool *pool;
  guint failed = 0, finished = 0;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (SY_IS_PHOTO_PRINT_CACHE (self), FALSE);
  g_return_val_if_fail (hashes != NULL || n == 0, FALSE);

  if (n_failed != NULL)
    *n_failed = 0;
  /* Each original is decoded once, however often the ledger shows it. */
  for (guint i = 0; i < n; i++)
    if (hashes[i] != NULL && g_hash_table_add (seen, (gpointer) hashes[i]))
      g_ptr_array_add (todo, (gpointer) hashes[i]);
  if (g_cancellable_set_error_if_cancelled (cancellable, NULL))
    cancelled = TRUE;
  if (todo->len == 0 || cancelled)
    goto out;

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = MIN (n_threads, todo->len);
  batch.done = g_async_queue_new_full (g_free);
  pool = g_thread_pool_new (prepare_one, &batch, (int) n_threads, TRUE, NULL);
  for (guint i = 0; i < todo->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (todo, i), NULL);

  while (finished < todo->len)
    {
      /* Woken now and then to notice a cancellation while photos decode. */
      Result *result = g_async_queue_timeout_pop (batch.done, 50 * 1000);

      if (result != NULL)
        {
          finished++;
          if (!result->ok)
            failed++;
          g_free (result);
          if (progress != NULL && !cancelled)
            progress ((double) finished / todo->len, _("Making print copies of the photos"), user_data);
        }
      /* After the progress callback too: it may be what cancelled. */
      if (!cancelled && g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          g_atomic_int_set (&batch.stop, 1);
        }
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  g_async_queue_unref (batch.done);

out:
  if (n_failed != NULL)
    *n_failed = failed;
  if (cancelled)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_CANCELLED, _("Cancelled"));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  SyPhotoPrintCache *cache;
  GStrv              hashes;
} Background;

static gpointer
prepare_background (gpointer data)
{
  Background *bg = data;

  /* One thread: the user is still working in the app meanwhile. */
  sy_photo_print_cache_prepare (bg->cache, (const char * const *) bg->hashes,
                                g_strv_length (bg->hashes), SY_PHOTO_PRINT_DPI, 1,
                                NULL, NULL, NULL, NULL, NULL);
  g_object_unref (bg->cache);
  g_strfreev (bg->hashes);
  g_free (bg);
  return NULL;
}

void
sy_photo_print_cache_prepare_in_background (SyPhotoPrintCache  *self,
                                            const char * const *hashes,
                                            guint               n)
{
  Background *bg;

  g_return_if_fail (SY_IS_PHOTO_PRINT_CACHE (self));

  if (n == 0)
    return;
  bg = g_new0 (Background, 1);
  bg->cache = g_object_ref (self);
  bg->hashes = g_new0 (char *, n + 1);
  for (guint i = 0, k = 0; i < n; i++)
    if (hashes[i] != NULL)
      bg->hashes[k++] = g_strdup (hashes[i]);
  g_thread_unref (g_thread_new ("sy-print-copies", prepare_background, bg));
}
