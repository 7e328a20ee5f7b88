/* sy-photo-intake.h: checking photos before they join an activity, and thumbnails
 *
 * Users add photos from phones, WeChat exports and scanners.  Before a file
 * is stored it is checked here: it must be a JPEG or PNG (HEIC when a
 * gdk-pixbuf loader for it is installed), not larger than the limits below
 * — read from the header, before anything is decoded, so a 30 000 × 30 000
 * picture never reaches memory — and it must decode completely (a corrupt
 * or truncated file is refused).  The EXIF orientation and date taken are
 * read, and an upright thumbnail is made at a small size (gdk-pixbuf's
 * JPEG loader scales while decoding, so that is cheap).
 *
 * Every message names the file and says why it was refused.  All functions
 * may run in any thread; the async ones run the work in a GTask thread.
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Larger photos are refused (a 20-megapixel phone photo is 5472 × 3648). */
#define SY_PHOTO_MAX_SIDE    20000
#define SY_PHOTO_MAX_PIXELS  100000000

/* The thumbnail size of the editor's grid and the Events tab. */
#define SY_PHOTO_THUMBNAIL_SIZE 256

typedef struct {
  const char *mime_type;    /* "image/jpeg", "image/png", "image/heif" (static) */
  int         width;        /* stored pixels, before orientation */
  int         height;
  int         orientation;  /* EXIF 1–8; 1 when absent */
  char       *taken_at;     /* EXIF DateTimeOriginal as "YYYY-MM-DD HH:MM:SS", or NULL */
} SyPhotoInfo;

void       sy_photo_info_clear          (SyPhotoInfo *info);

/* Reads the header of @bytes only: format, size (checked against the
 * limits), orientation and date.  @name (the file's display name) starts
 * every message.  SY_ERROR_INVALID when refused. */
gboolean   sy_photo_intake_probe        (GBytes       *bytes,
                                         const char   *name,
                                         SyPhotoInfo  *info,
                                         GError      **error);

/* sy_photo_intake_probe(), then decodes the whole picture at thumbnail
 * size: a corrupt or truncated file is refused.  Returns the upright
 * thumbnail (no side longer than @size) and fills @info. */
GdkPixbuf *sy_photo_intake_check        (GBytes       *bytes,
                                         const char   *name,
                                         int           size,
                                         SyPhotoInfo  *info,
                                         GError      **error);

/* A checked file, read whole. */
typedef struct {
  GFile       *file;
  char        *name;       /* display name */
  GBytes      *bytes;      /* the original, unchanged */
  char        *hash;       /* SHA-256 hex of @bytes */
  SyPhotoInfo  info;
  GdkPixbuf   *thumbnail;  /* upright, at most SY_PHOTO_THUMBNAIL_SIZE */
} SyPhotoIntake;

void       sy_photo_intake_free         (SyPhotoIntake *intake);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyPhotoIntake, sy_photo_intake_free)

/* Reads @file (refusing files over 200 MB unread) and checks it, in the
 * calling thread. */
SyPhotoIntake *sy_photo_intake_load     (GFile         *file,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* The same in a worker thread. */
void       sy_photo_intake_load_async   (GFile               *file,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
SyPhotoIntake *sy_photo_intake_load_finish (GAsyncResult  *result,
                                            GError       **error);

/* True for names a folder intake should look at (.jpg, .jpeg, .png, .heic). */
gboolean   sy_photo_intake_is_photo_name (const char *name);

/* Folder intake (a phone's DCIM, a WeChat export): checks every photo file
 * in @folder and its subfolders (3 levels, at most 2000 files), in name
 * order, and returns the good ones (SyPhotoIntake, the bytes dropped to
 * spare memory: read the file again to store it; thumbnails at @thumb_size).
 * The refused files' messages go to @refused (char *), when not NULL.
 * NULL with @error only when the folder itself cannot be read or on
 * cancellation. */
GPtrArray *sy_photo_intake_scan_folder  (GFile         *folder,
                                         int            thumb_size,
                                         GPtrArray     *refused,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* The activities of @events (SyEvent) a photo taken at @taken_at
 * ("YYYY-MM-DD…") may belong to: those dated within @days days of it, the
 * same day first, then by distance (ties keep the list's order).  Empty for
 * a photo without a date.  *@n_same_day counts the same-day ones. */
GPtrArray *sy_photo_intake_match        (const char    *taken_at,
                                         GListModel    *events,
                                         int            days,
                                         guint         *n_same_day);

/* An upright thumbnail of a stored photo at @path, made in a worker thread
 * and kept in a small in-memory cache keyed by @hash (the attachment
 * hash; the content never changes for a hash), so a grid shown again is
 * shown at once. */
void       sy_photo_thumbnail_async     (const char          *path,
                                         const char          *hash,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GdkPixbuf *sy_photo_thumbnail_finish    (GAsyncResult  *result,
                                         GError       **error);
/* The cached thumbnail of @hash, or NULL (no I/O). */
GdkPixbuf *sy_photo_thumbnail_lookup    (const char    *hash);
/* Puts a thumbnail made elsewhere (an intake) into the cache. */
void       sy_photo_thumbnail_remember  (const char    *hash,
                                         GdkPixbuf     *thumbnail);

G_END_DECLS
