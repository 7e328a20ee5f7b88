/* sy-ledger-photo.h: photos on ledger pages
 *
 * On PDF and PostScript surfaces a JPEG goes into the file byte for byte
 * (cairo mime data), shown through a 1×1 placeholder surface scaled to the
 * photo's box: nothing is decoded, and cairo 1.16 never copies big pixel
 * buffers (see TOOLCHAIN.md).  The attachment hash is the unique id, so a
 * photo painted twice is stored once.  Other formats, and any photo on a
 * raster surface (the preview), are decoded by gdk-pixbuf at the size they
 * are placed at.  EXIF orientation is honoured in both paths.
 */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* What the header of an image says, without decoding it. */
typedef struct {
  int      width;        /* stored pixels, before orientation */
  int      height;
  int      orientation;  /* EXIF 1–8; 1 when absent */
  gboolean embeddable;   /* a JPEG a PDF reader can show as it is */
} SyLedgerPhotoInfo;

/* Reads a JPEG header (SOF, EXIF orientation).  FALSE if @data is not a
 * JPEG or is cut short before its frame header. */
gboolean sy_ledger_photo_probe_jpeg (const guint8      *data,
                                     gsize              length,
                                     SyLedgerPhotoInfo *info);

/* Paints @bytes fitted into the box (@x, @y, @width, @height), centred,
 * aspect kept.  @bytes NULL, unreadable or not an image: a framed
 * "照片缺失" placeholder instead (@context lays out its text).  Never fails. */
void     sy_ledger_photo_paint      (cairo_t      *cr,
                                     PangoContext *context,
                                     GBytes       *bytes,
                                     const char   *unique_id,
                                     double        x,
                                     double        y,
                                     double        width,
                                     double        height);

/* The placeholder alone. */
void     sy_ledger_photo_paint_missing (cairo_t      *cr,
                                        PangoContext *context,
                                        double        x,
                                        double        y,
                                        double        width,
                                        double        height);

G_END_DECLS
