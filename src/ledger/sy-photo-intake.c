/* sy-photo-intake.c: checking photos before they join an activity, and thumbnails */
#include "sy-photo-intake.h"
#include "sy-ledger-photo.h"
#include "sy-error.h"
#include "sy-event.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

/* A file larger than this is not a photo anyone took (and is not read). */
#define MAX_FILE_BYTES (200 * 1024 * 1024)

/* Thumbnails kept in memory: 512 × 256² × 3 bytes ≈ 100 MB at most, enough
 * for an activity's grid of 500 photos to scroll without decoding twice. */
#define CACHE_CAPACITY 512

void
sy_photo_info_clear (SyPhotoInfo *info)
{
  g_clear_pointer (&info->taken_at, g_free);
  memset (info, 0, sizeof *info);
}

/* --- header parsing ----------------------------------------------------------- */

static guint
u16 (const guint8 *p, gboolean be)
{
  return be ? (guint) (p[0] << 8 | p[1]) : (guint) (p[1] << 8 | p[0]);
}

static guint32
u32 (const guint8 *p, gboolean be)
{
  return be ? ((guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3])
            : ((guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0]);
}

/* The ASCII value of @tag in the IFD at @ifd, or NULL; also the offset of
 * the Exif sub-IFD (tag 0x8769) when @exif_ifd is not NULL. */
static char *
ifd_ascii (const guint8 *tiff, gsize len, gboolean be, guint32 ifd, guint tag, guint32 *exif_ifd)
{
  guint n;
  char *found = NULL;

  if ((gsize) ifd + 2 > len)
    return NULL;
  n = u16 (tiff + ifd, be);
  for (guint i = 0; i < n; i++)
    {
      gsize entry = ifd + 2 + (gsize) i * 12;
      guint entry_tag, type;
      guint32 count, offset;

      if (entry + 12 > len)
        break;
      entry_tag = u16 (tiff + entry, be);
      type = u16 (tiff + entry + 2, be);
      count = u32 (tiff + entry + 4, be);
      offset = u32 (tiff + entry + 8, be);
      if (entry_tag == 0x8769 && exif_ifd != NULL && type == 4)
        *exif_ifd = offset;
      if (entry_tag == tag && type == 2 && found == NULL && count >= 19 && count < 64)
        {
          const guint8 *value = count <= 4 ? tiff + entry + 8 : tiff + offset;

          if (count > 4 && (gsize) offset + count > len)
            continue;
          found = g_strndup ((const char *) value, count);
        }
    }
  return found;
}

/* "2025:01:20 09:30:15" → "2025-01-20 09:30:15"; NULL when not a date
 * (cameras without a clock write "0000:00:00 00:00:00"). */
static char *
exif_date (const char *raw)
{
  int y, mo, d, h, mi, s;

  if (raw == NULL || sscanf (raw, "%4d:%2d:%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6
      || y < 1900 || !g_date_valid_dmy (d, mo, y) || h > 23 || mi > 59 || s > 60)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
}

/* The date taken from a TIFF/EXIF block (DateTimeOriginal, else DateTime). */
static char *
tiff_date (const guint8 *tiff, gsize len)
{
  gboolean be;
  guint32 ifd0, exif_ifd = 0;
  g_autofree char *original = NULL;
  g_autofree char *modified = NULL;

  if (len < 8)
    return NULL;
  if (memcmp (tiff, "MM\0*", 4) == 0)
    be = TRUE;
  else if (memcmp (tiff, "II*\0", 4) == 0)
    be = FALSE;
  else
    return NULL;
  ifd0 = u32 (tiff + 4, be);
  modified = ifd_ascii (tiff, len, be, ifd0, 0x0132, &exif_ifd);
  if (exif_ifd > 0)
    original = ifd_ascii (tiff, len, be, exif_ifd, 0x9003, NULL);
  if (original != NULL)
    {
      char *date = exif_date (original);
      if (date != NULL)
        return date;
    }
  return exif_date (modified);
}

/* The EXIF date of a JPEG: its APP1 "Exif" segment, before the scan. */
static char *
jpeg_date (const guint8 *data, gsize len)
{
  gsize pos = 2;

  while (pos + 4 <= len && data[pos] == 0xFF)
    {
      guint8 marker = data[pos + 1];
      gsize seg = u16 (data + pos + 2, TRUE);

      if (marker == 0xDA || marker == 0xD9 || seg < 2 || pos + 2 + seg > len)
        break;
      if (marker == 0xE1 && seg >= 8 && memcmp (data + pos + 4, "Exif\0\0", 6) == 0)
        return tiff_date (data + pos + 10, seg - 8);
      pos += 2 + seg;
    }
  return NULL;
}

static gboolean
have_pixbuf_format (const char *mime)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_auto(GStrv) types = gdk_pixbuf_format_get_mime_types (l->data);

      if (types != NULL && g_strv_contains ((const char * const *) types, mime))
        return TRUE;
    }
  return FALSE;
}

/* What the first bytes say the file is; NULL when no photo format. */
static const char *
sniff (const guint8 *d, gsize len, const char **other)
{
  *other = NULL;
  if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
    return "image/jpeg";
  if (len >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (len >= 12 && memcmp (d + 4, "ftyp", 4) == 0
      && (memcmp (d + 8, "heic", 4) == 0 || memcmp (d + 8, "heix", 4) == 0
          || memcmp (d + 8, "mif1", 4) == 0 || memcmp (d + 8, "msf1", 4) == 0))
    return "image/heif";
  /* Pictures of other kinds get a message naming their kind. */
  if (len >= 6 && (memcmp (d, "GIF87a", 6) == 0 || memcmp (d, "GIF89a", 6) == 0))
    *other = "GIF";
  else if (len >= 2 && memcmp (d, "BM", 2) == 0)
    *other = "BMP";
  else if (len >= 4 && (memcmp (d, "II*\0", 4) == 0 || memcmp (d, "MM\0*", 4) == 0))
    *other = "TIFF";
  else if (len >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    *other = "WebP";
  return NULL;
}

static gboolean
check_size (const char   *name,
            SyPhotoInfo  *info,
            GError      **error)
{
  if (info->width <= 0 || info->height <= 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is damaged: its header gives no picture size"), name);
      return FALSE;
    }
  if (info->width > SY_PHOTO_MAX_SIDE || info->height > SY_PHOTO_MAX_SIDE
      || (gint64) info->width * info->height > SY_PHOTO_MAX_PIXELS)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is %d × %d pixels, too large for a photo (at most %d pixels a side and "
                     "%d megapixels); reduce it first"),
                   name, info->width, info->height, SY_PHOTO_MAX_SIDE, SY_PHOTO_MAX_PIXELS / 1000000);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  int      width;
  int      height;
  gboolean seen;
} HeaderSize;

static void
header_size_prepared (GdkPixbufLoader *loader, int width, int height, gpointer data)
{
  HeaderSize *size = data;

  size->width = width;
  size->height = height;
  size->seen = TRUE;
  /* Whatever it is, nothing big is allocated for it. */
  gdk_pixbuf_loader_set_size (loader, 1, 1);
}

/* The size of a picture in a format whose header we do not parse
 * ourselves: feeds the loader small pieces until it announces the size,
 * and stops there. */
static void
loader_header_size (GBytes *bytes, const char *mime, SyPhotoInfo *info)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_mime_type (mime, NULL);
  HeaderSize size = { 0 };
  gsize len, pos = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (loader == NULL)
    return;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (header_size_prepared), &size);
  while (pos < len && !size.seen)
    {
      gsize chunk = MIN (len - pos, 4096);

      if (!gdk_pixbuf_loader_write (loader, data + pos, chunk, NULL))
        break;
      pos += chunk;
    }
  gdk_pixbuf_loader_close (loader, NULL);
  info->width = size.width;
  info->height = size.height;
}

gboolean
sy_photo_intake_probe (GBytes       *bytes,
                       const char   *name,
                       SyPhotoInfo  *info,
                       GError      **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  const char *other = NULL;

  memset (info, 0, sizeof *info);
  info->orientation = 1;

  if (len == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s is empty"), name);
      return FALSE;
    }
  info->mime_type = sniff (data, len, &other);
  if (info->mime_type == NULL)
    {
      if (other != NULL)
        g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                     _("%s is a %s picture; only JPEG and PNG photos can be added"), name, other);
      else
        g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                     _("%s is not a picture (a JPEG or PNG photo was expected)"), name);
      return FALSE;
    }

  if (g_str_equal (info->mime_type, "image/jpeg"))
    {
      SyLedgerPhotoInfo jpeg;

      if (!sy_ledger_photo_probe_jpeg (data, len, &jpeg))
        {
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       _("%s is damaged or incomplete: the JPEG header ends before the picture size"),
                       name);
          return FALSE;
        }
      info->width = jpeg.width;
      info->height = jpeg.height;
      info->orientation = jpeg.orientation;
      info->taken_at = jpeg_date (data, len);
    }
  else if (g_str_equal (info->mime_type, "image/png"))
    {
      /* The IHDR chunk comes first: signature, length, "IHDR", width, height. */
      if (len < 24 || memcmp (data + 12, "IHDR", 4) != 0)
        {
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       _("%s is damaged or incomplete: the PNG header is missing"), name);
          return FALSE;
        }
      info->width = (int) MIN (u32 (data + 16, TRUE), (guint32) G_MAXINT);
      info->height = (int) MIN (u32 (data + 20, TRUE), (guint32) G_MAXINT);
    }
  else
    {
      if (!have_pixbuf_format (info->mime_type) && !have_pixbuf_format ("image/heic"))
        {
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       _("%s is a HEIC photo, which this computer cannot read (install "
                         "heif-gdk-pixbuf, or export it from the phone as JPEG)"), name);
          return FALSE;
        }
      loader_header_size (bytes, have_pixbuf_format (info->mime_type) ? info->mime_type : "image/heic",
                          info);
    }
  if (!check_size (name, info, error))
    {
      sy_photo_info_clear (info);
      return FALSE;
    }
  return TRUE;
}

/* --- decoding ------------------------------------------------------------------- */

typedef struct {
  int max;
} ScaleRequest;

static void
scale_size_prepared (GdkPixbufLoader *loader, int width, int height, gpointer data)
{
  const ScaleRequest *req = data;
  double scale = MIN ((double) req->max / width, (double) req->max / height);

  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)),
                                MAX (1, (int) (height * scale + 0.5)));
}

/* The upright form of @pixbuf for EXIF @orientation (transfer full). */
static GdkPixbuf *
apply_orientation (GdkPixbuf *pixbuf, int orientation)
{
  g_autoptr(GdkPixbuf) turned = NULL;

  switch (orientation)
    {
    case 2:
      return gdk_pixbuf_flip (pixbuf, TRUE);
    case 3:
      return gdk_pixbuf_rotate_simple (pixbuf, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 4:
      return gdk_pixbuf_flip (pixbuf, FALSE);
    case 5:
      turned = gdk_pixbuf_rotate_simple (pixbuf, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
      return gdk_pixbuf_flip (turned, TRUE);
    case 6:
      return gdk_pixbuf_rotate_simple (pixbuf, GDK_PIXBUF_ROTATE_CLOCKWISE);
    case 7:
      turned = gdk_pixbuf_rotate_simple (pixbuf, GDK_PIXBUF_ROTATE_CLOCKWISE);
      return gdk_pixbuf_flip (turned, TRUE);
    case 8:
      return gdk_pixbuf_rotate_simple (pixbuf, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    default:
      return g_object_ref (pixbuf);
    }
}

/* A JPEG whose scan has no end marker was cut short: libjpeg pads the
 * missing rows with grey and only warns, so gdk-pixbuf may take it.  Some
 * phones append data after the end marker, so look for it anywhere after
 * the start of the scan (0xFF inside scan data is always stuffed as FF 00,
 * so FF D9 there is the marker; the EXIF thumbnail before the scan has an
 * end marker of its own, hence not before). */
static gboolean
jpeg_has_end (const guint8 *data, gsize len)
{
  gsize pos = 2;

  while (pos + 4 <= len && data[pos] == 0xFF)
    {
      guint8 marker = data[pos + 1];

      if (marker == 0xFF)
        {
          pos++;
          continue;
        }
      if (marker == 0xDA)
        break;
      pos += 2 + u16 (data + pos + 2, TRUE);
    }
  for (gsize i = len; i >= pos + 2 && i >= 2; i--)
    if (data[i - 2] == 0xFF && data[i - 1] == 0xD9)
      return TRUE;
  return FALSE;
}

/* A PNG ends with its IEND chunk: zero length, the type, and a fixed CRC. */
static gboolean
png_has_end (const guint8 *data, gsize len)
{
  static const guint8 iend[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };

  return len >= sizeof iend && memcmp (data + len - sizeof iend, iend, sizeof iend) == 0;
}

GdkPixbuf *
sy_photo_intake_check (GBytes       *bytes,
                       const char   *name,
                       int           size,
                       SyPhotoInfo  *info,
                       GError      **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  ScaleRequest req = { MAX (size, 1) };
  GdkPixbuf *decoded;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (!sy_photo_intake_probe (bytes, name, info, error))
    return NULL;

  /* Both loaders show a cut-off file without complaint (the missing part
   * grey or black), so the end markers are checked here. */
  if ((g_str_equal (info->mime_type, "image/jpeg") && !jpeg_has_end (data, len))
      || (g_str_equal (info->mime_type, "image/png") && !png_has_end (data, len)))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is incomplete: the file ends in the middle of the picture (was it copied "
                     "completely?)"), name);
      goto fail;
    }

  loader = gdk_pixbuf_loader_new_with_mime_type (info->mime_type, NULL);
  if (loader == NULL && g_str_equal (info->mime_type, "image/heif"))
    loader = gdk_pixbuf_loader_new_with_mime_type ("image/heic", NULL);
  if (loader == NULL)
    loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (scale_size_prepared), &req);
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &local_error))
    {
      /* close() must run even after a failed write, or the loader warns. */
      gdk_pixbuf_loader_close (loader, NULL);
    }
  else
    gdk_pixbuf_loader_close (loader, &local_error);
  decoded = gdk_pixbuf_loader_get_pixbuf (loader);
  if (local_error != NULL || decoded == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s is damaged or incomplete: %s"), name,
                   local_error != NULL ? local_error->message : _("it could not be decoded"));
      goto fail;
    }
  return apply_orientation (decoded, info->orientation);

fail:
  sy_photo_info_clear (info);
  return NULL;
}

/* --- files ----------------------------------------------------------------------- */

void
sy_photo_intake_free (SyPhotoIntake *intake)
{
  if (intake == NULL)
    return;
  g_clear_object (&intake->file);
  g_free (intake->name);
  g_clear_pointer (&intake->bytes, g_bytes_unref);
  g_free (intake->hash);
  sy_photo_info_clear (&intake->info);
  g_clear_object (&intake->thumbnail);
  g_free (intake);
}

static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  char *name = g_filename_display_name (base != NULL ? base : "?");

  return name;
}

SyPhotoIntake *
sy_photo_intake_load (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(SyPhotoIntake) intake = g_new0 (SyPhotoIntake, 1);
  g_autoptr(GFileInfo) file_info = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  intake->file = g_object_ref (file);
  intake->name = display_name (file);
  file_info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                 G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (file_info == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("%s cannot be read: %s"), intake->name,
                   local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (file_info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s is a folder, not a photo"), intake->name);
      return NULL;
    }
  if (g_file_info_get_size (file_info) > MAX_FILE_BYTES)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is larger than %d MB; it is not a photo this ledger can hold"),
                   intake->name, MAX_FILE_BYTES / (1024 * 1024));
      return NULL;
    }
  intake->bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (intake->bytes == NULL)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("%s cannot be read: %s"), intake->name,
                   local_error->message);
      return NULL;
    }
  intake->thumbnail = sy_photo_intake_check (intake->bytes, intake->name, SY_PHOTO_THUMBNAIL_SIZE,
                                             &intake->info, error);
  if (intake->thumbnail == NULL)
    return NULL;
  intake->hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, intake->bytes);
  return g_steal_pointer (&intake);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  SyPhotoIntake *intake = sy_photo_intake_load (task_data, cancellable, &error);

  if (intake == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, intake, (GDestroyNotify) sy_photo_intake_free);
}

void
sy_photo_intake_load_async (GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sy_photo_intake_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

SyPhotoIntake *
sy_photo_intake_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
sy_photo_intake_is_photo_name (const char *name)
{
  static const char * const suffixes[] = { ".jpg", ".jpeg", ".jpe", ".png", ".heic", ".heif", NULL };
  g_autofree char *lower = NULL;

  if (name == NULL || name[0] == '.')
    return FALSE;
  lower = g_utf8_strdown (name, -1);
  for (guint i = 0; suffixes[i] != NULL; i++)
    if (g_str_has_suffix (lower, suffixes[i]))
      return TRUE;
  return FALSE;
}

/* --- folders ----------------------------------------------------------------------- */

#define SCAN_MAX_DEPTH 3
#define SCAN_MAX_FILES 2000

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The photo files under @dir, paths in name order per folder. */
static gboolean
collect_photo_paths (GFile         *dir,
                     int            depth,
                     GPtrArray     *paths,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (children == NULL)
    return FALSE;
  while ((info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          /* .thumbnails and the like hold copies, not photos. */
          if (name[0] != '.' && depth < SCAN_MAX_DEPTH)
            g_ptr_array_add (dirs, g_strdup (name));
        }
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && sy_photo_intake_is_photo_name (name))
        g_ptr_array_add (names, g_strdup (name));
      g_object_unref (info);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_sort (dirs, compare_names);
  for (guint i = 0; i < names->len && paths->len < SCAN_MAX_FILES; i++)
    g_ptr_array_add (paths, g_file_get_child (dir, g_ptr_array_index (names, i)));
  for (guint i = 0; i < dirs->len && paths->len < SCAN_MAX_FILES; i++)
    {
      g_autoptr(GFile) sub = g_file_get_child (dir, g_ptr_array_index (dirs, i));

      /* An unreadable subfolder is skipped, not fatal. */
      if (!collect_photo_paths (sub, depth + 1, paths, cancellable, NULL)
          && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
sy_photo_intake_scan_folder (GFile         *folder,
                             int            thumb_size,
                             GPtrArray     *refused,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) sy_photo_intake_free);

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  if (!collect_photo_paths (folder, 0, files, cancellable, error))
    return NULL;
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      SyPhotoIntake *intake;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      intake = sy_photo_intake_load (g_ptr_array_index (files, i), cancellable, &local_error);
      if (intake == NULL)
        {
          if (refused != NULL)
            g_ptr_array_add (refused, g_strdup (local_error->message));
          continue;
        }
      g_clear_pointer (&intake->bytes, g_bytes_unref);
      if (thumb_size > 0 && thumb_size < SY_PHOTO_THUMBNAIL_SIZE)
        {
          int w = gdk_pixbuf_get_width (intake->thumbnail);
          int h = gdk_pixbuf_get_height (intake->thumbnail);
          double scale = MIN ((double) thumb_size / w, (double) thumb_size / h);

          if (scale < 1.0)
            {
              GdkPixbuf *small = gdk_pixbuf_scale_simple (intake->thumbnail, MAX (1, (int) (w * scale)),
                                                          MAX (1, (int) (h * scale)), GDK_INTERP_BILINEAR);
              g_object_unref (intake->thumbnail);
              intake->thumbnail = small;
            }
        }
      g_ptr_array_add (found, intake);
    }
  return g_steal_pointer (&found);
}

/* The day of an ISO date as a Julian day number; 0 when it is none. */
static guint32
julian_of (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return 0;
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, d, m, y);
    return g_date_get_julian (&date);
  }
}

typedef struct {
  SyEvent *event;
  guint    distance;
  guint    order;
} Candidate;

static int
compare_candidates (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

GPtrArray *
sy_photo_intake_match (const char *taken_at,
                       GListModel *events,
                       int         days,
                       guint      *n_same_day)
{
  GPtrArray *matches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  guint32 day = julian_of (taken_at);
  guint same = 0;

  if (day != 0)
    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        SyEvent *event = g_list_model_get_item (events, i);
        guint32 other = julian_of (sy_event_get_date (event));
        guint distance = other > day ? other - day : day - other;

        if (other != 0 && distance <= (guint) MAX (days, 0))
          {
            Candidate c = { event, distance, i };

            g_array_append_val (candidates, c);
            same += distance == 0;
          }
        else
          g_object_unref (event);
      }
  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len; i++)
    g_ptr_array_add (matches, g_array_index (candidates, Candidate, i).event);
  if (n_same_day != NULL)
    *n_same_day = same;
  return matches;
}

/* --- thumbnail cache --------------------------------------------------------------- */

static GMutex cache_lock;
static GHashTable *cache;    /* hash → GList link in cache_order */
static GQueue cache_order;   /* most recent first; data: CacheEntry */

typedef struct {
  char      *hash;
  GdkPixbuf *pixbuf;
} CacheEntry;

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->hash);
  g_object_unref (entry->pixbuf);
  g_free (entry);
}

GdkPixbuf *
sy_photo_thumbnail_lookup (const char *hash)
{
  GdkPixbuf *found = NULL;
  GList *link;

  if (hash == NULL)
    return NULL;
  g_mutex_lock (&cache_lock);
  if (cache != NULL && (link = g_hash_table_lookup (cache, hash)) != NULL)
    {
      g_queue_unlink (&cache_order, link);
      g_queue_push_head_link (&cache_order, link);
      found = g_object_ref (((CacheEntry *) link->data)->pixbuf);
    }
  g_mutex_unlock (&cache_lock);
  return found;
}

void
sy_photo_thumbnail_remember (const char *hash,
                             GdkPixbuf  *thumbnail)
{
  CacheEntry *entry;

  if (hash == NULL || thumbnail == NULL)
    return;
  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_contains (cache, hash))
    {
      entry = g_new0 (CacheEntry, 1);
      entry->hash = g_strdup (hash);
      entry->pixbuf = g_object_ref (thumbnail);
      g_queue_push_head (&cache_order, entry);
      g_hash_table_insert (cache, entry->hash, cache_order.head);
      while (cache_order.length > CACHE_CAPACITY)
        {
          CacheEntry *old = g_queue_pop_tail (&cache_order);

          g_hash_table_remove (cache, old->hash);
          cache_entry_free (old);
        }
    }
  g_mutex_unlock (&cache_lock);
}

typedef struct {
  char *path;
  char *hash;
} ThumbJob;

static void
thumb_job_free (ThumbJob *job)
{
  g_free (job->path);
  g_free (job->hash);
  g_free (job);
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ThumbJob *job = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;
  SyPhotoInfo info;
  GdkPixbuf *pixbuf;

  if (g_task_return_error_if_cancelled (task))
    return;
  pixbuf = sy_photo_thumbnail_lookup (job->hash);
  if (pixbuf != NULL)
    {
      g_task_return_pointer (task, pixbuf, g_object_unref);
      return;
    }
  file = g_file_new_for_path (job->path);
  name = display_name (file);
  bytes = g_file_load_bytes (file, cancellable, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  pixbuf = sy_photo_intake_check (bytes, name, SY_PHOTO_THUMBNAIL_SIZE, &info, &error);
  sy_photo_info_clear (&info);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sy_photo_thumbnail_remember (job->hash, pixbuf);
  g_task_return_pointer (task, pixbuf, g_object_unref);
}

void
sy_photo_thumbnail_async (const char          *path,
                          const char          *hash,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ThumbJob *job = g_new0 (ThumbJob, 1);

  job->path = g_strdup (path);
  job->hash = g_strdup (hash);
  g_task_set_source_tag (task, sy_photo_thumbnail_async);
  g_task_set_task_data (task, job, (GDestroyNotify) thumb_job_free);
  g_task_run_in_thread (task, thumbnail_thread);
}

GdkPixbuf *
sy_photo_thumbnail_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
