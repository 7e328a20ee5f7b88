/* sy-demo-photo.c: generated activity photos for the demo data
 *
 * Nothing here aims at realism: a photo only has to look like a photo of
 * the activity at a glance in the ledger (people, a red banner with the
 * activity's title, a date stamp) and be different from every other photo.
 * Everything drawn comes from the photo's own GRand, so the bytes depend on
 * the description only, whichever thread paints it.
 */
#include "sy-demo-photo.h"
#include "sy-error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#define PHOTO_WIDTH  1024
#define PHOTO_HEIGHT 768
#define BANNER_FONT  "Noto Sans CJK SC"

typedef struct {
  double r, g, b;
} Rgb;

typedef struct {
  cairo_t      *cr;
  GRand        *rand;
  PangoContext *pango;
  const SyDemoPhoto *photo;
  int           month;
} Painter;

typedef enum {
  CAP_NONE,
  CAP_ARMY,
  CAP_STRAW,
} CapKind;

typedef struct {
  Rgb      coat;
  Rgb      trousers;
  Rgb      hair;
  Rgb      skin;
  CapKind  cap;
  Rgb      cap_colour;
  gboolean from_behind;
  gboolean seated;     /* legs hidden: drawn behind a table */
  gboolean raise_arm;  /* waving, singing, saluting */
  gboolean holds_red;  /* a red envelope, certificate or flag */
} Person;

SyDemoPhoto *
sy_demo_photo_new (SyDemoScene  scene,
                   guint32      seed,
                   const char  *banner,
                   const char  *stamp)
{
  SyDemoPhoto *photo = g_new0 (SyDemoPhoto, 1);

  photo->scene = scene;
  photo->seed = seed;
  photo->banner = g_strdup (banner);
  photo->stamp = g_strdup (stamp);
  return photo;
}

void
sy_demo_photo_free (SyDemoPhoto *photo)
{
  if (photo == NULL)
    return;
  g_free (photo->banner);
  g_free (photo->stamp);
  g_clear_pointer (&photo->jpeg, g_bytes_unref);
  g_free (photo);
}

/* ---- small helpers ------------------------------------------------------ */

static double
rnd (Painter *p, double lo, double hi)
{
  return g_rand_double_range (p->rand, lo, hi);
}

static int
rndi (Painter *p, int lo, int hi_exclusive)
{
  return g_rand_int_range (p->rand, lo, hi_exclusive);
}

static Rgb
rgb (double r, double g, double b)
{
  Rgb c = { r, g, b };
  return c;
}

/* A colour near @c, so repeated elements do not look stamped. */
static Rgb
jitter (Painter *p, Rgb c, double amount)
{
  Rgb j;

  j.r = CLAMP (c.r + rnd (p, -amount, amount), 0.0, 1.0);
  j.g = CLAMP (c.g + rnd (p, -amount, amount), 0.0, 1.0);
  j.b = CLAMP (c.b + rnd (p, -amount, amount), 0.0, 1.0);
  return j;
}

static Rgb
shade (Rgb c, double factor)
{
  return rgb (CLAMP (c.r * factor, 0, 1), CLAMP (c.g * factor, 0, 1), CLAMP (c.b * factor, 0, 1));
}

static void
set_rgb (cairo_t *cr, Rgb c)
{
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
}

static void
rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
vertical_gradient (cairo_t *cr, double x, double y, double w, double h, Rgb top, Rgb bottom)
{
  cairo_pattern_t *pat = cairo_pattern_create_linear (0, y, 0, y + h);

  cairo_pattern_add_color_stop_rgb (pat, 0, top.r, top.g, top.b);
  cairo_pattern_add_color_stop_rgb (pat, 1, bottom.r, bottom.g, bottom.b);
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source (cr, pat);
  cairo_fill (cr);
  cairo_pattern_destroy (pat);
}

static const Rgb coat_colours[] = {
  { 0.12, 0.14, 0.20 }, { 0.20, 0.22, 0.26 }, { 0.85, 0.85, 0.83 },
  { 0.35, 0.22, 0.16 }, { 0.55, 0.10, 0.12 }, { 0.18, 0.30, 0.52 },
  { 0.45, 0.45, 0.48 }, { 0.80, 0.62, 0.30 }, { 0.25, 0.40, 0.30 },
  { 0.70, 0.30, 0.35 }, { 0.92, 0.92, 0.95 }, { 0.10, 0.10, 0.12 },
};

static Rgb
skin_colour (Painter *p)
{
  return jitter (p, rgb (0.90, 0.74, 0.60), 0.05);
}

static Person
civilian (Painter *p)
{
  Person person = { 0 };
  gboolean elderly = rndi (p, 0, 6) == 0;

  person.coat = jitter (p, coat_colours[rndi (p, 0, G_N_ELEMENTS (coat_colours))], 0.05);
  person.trousers = jitter (p, rndi (p, 0, 2) ? rgb (0.15, 0.15, 0.18) : rgb (0.30, 0.32, 0.40), 0.04);
  person.hair = elderly ? jitter (p, rgb (0.75, 0.75, 0.74), 0.05) : jitter (p, rgb (0.08, 0.07, 0.07), 0.03);
  person.skin = skin_colour (p);
  return person;
}

static Person
soldier (Painter *p)
{
  Person person = { 0 };
  Rgb uniform = rndi (p, 0, 3) == 0 ? rgb (0.22, 0.33, 0.20) : rgb (0.30, 0.38, 0.22);

  person.coat = jitter (p, uniform, 0.02);
  person.trousers = shade (person.coat, 0.9);
  person.hair = rgb (0.06, 0.06, 0.06);
  person.skin = skin_colour (p);
  person.cap = CAP_ARMY;
  person.cap_colour = shade (person.coat, 1.05);
  return person;
}

static Person
student (Painter *p, Rgb uniform)
{
  Person person = civilian (p);

  person.coat = jitter (p, uniform, 0.02);
  person.trousers = jitter (p, rgb (0.15, 0.18, 0.35), 0.02);
  person.hair = jitter (p, rgb (0.08, 0.07, 0.07), 0.03);
  return person;
}

/* A standing (or seated) figure; @foot is the y of the soles, @h the height. */
static void
draw_person (cairo_t *cr, double x, double foot, double h, const Person *person)
{
  double head_r = h * 0.072;
  double head_y = foot - h + head_r;
  double shoulder_y = head_y + head_r * 1.25;
  double hip_y = foot - h * 0.47;
  double sw = h * 0.13;   /* half the shoulder width */
  double hw = h * 0.105;  /* half the hip width */

  /* legs */
  if (!person->seated)
    {
      set_rgb (cr, person->trousers);
      cairo_rectangle (cr, x - hw, hip_y - h * 0.02, hw * 0.92, foot - hip_y);
      cairo_rectangle (cr, x + hw * 0.08, hip_y - h * 0.02, hw * 0.92, foot - hip_y);
      cairo_fill (cr);
      set_rgb (cr, rgb (0.08, 0.08, 0.08));
      cairo_rectangle (cr, x - hw * 1.05, foot - h * 0.025, hw * 0.98, h * 0.025);
      cairo_rectangle (cr, x + hw * 0.07, foot - h * 0.025, hw * 0.98, h * 0.025);
      cairo_fill (cr);
    }

  /* torso */
  set_rgb (cr, person->coat);
  cairo_move_to (cr, x - sw, shoulder_y + h * 0.02);
  cairo_curve_to (cr, x - sw, shoulder_y - h * 0.01, x + sw, shoulder_y - h * 0.01, x + sw, shoulder_y + h * 0.02);
  cairo_line_to (cr, x + hw, hip_y + h * 0.03);
  cairo_line_to (cr, x - hw, hip_y + h * 0.03);
  cairo_close_path (cr);
  cairo_fill (cr);

  /* arms */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, h * 0.05);
  set_rgb (cr, shade (person->coat, 0.92));
  cairo_move_to (cr, x - sw * 0.95, shoulder_y + h * 0.03);
  cairo_line_to (cr, x - sw * 1.1, hip_y + h * 0.02);
  cairo_stroke (cr);
  cairo_move_to (cr, x + sw * 0.95, shoulder_y + h * 0.03);
  if (person->raise_arm)
    cairo_line_to (cr, x + sw * 1.6, shoulder_y - h * 0.12);
  else
    cairo_line_to (cr, x + sw * 1.1, hip_y + h * 0.02);
  cairo_stroke (cr);

  if (person->holds_red)
    {
      cairo_set_source_rgb (cr, 0.85, 0.08, 0.08);
      cairo_rectangle (cr, x - sw * 0.7, hip_y - h * 0.13, sw * 1.4, h * 0.09);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.95, 0.78, 0.20);
      cairo_rectangle (cr, x - sw * 0.35, hip_y - h * 0.105, sw * 0.7, h * 0.018);
      cairo_fill (cr);
    }

  /* a collar or a shirt front, for the ones facing us */
  if (!person->from_behind)
    {
      cairo_set_source_rgb (cr, 0.93, 0.93, 0.92);
      cairo_move_to (cr, x - sw * 0.28, shoulder_y);
      cairo_line_to (cr, x, shoulder_y + h * 0.07);
      cairo_line_to (cr, x + sw * 0.28, shoulder_y);
      cairo_close_path (cr);
      cairo_fill (cr);
    }

  /* head */
  set_rgb (cr, person->from_behind ? person->hair : person->skin);
  cairo_arc (cr, x, head_y, head_r, 0, 2 * G_PI);
  cairo_fill (cr);
  if (!person->from_behind)
    {
      set_rgb (cr, person->hair);
      cairo_arc (cr, x, head_y - head_r * 0.05, head_r * 1.02, G_PI * 1.05, G_PI * 1.95);
      cairo_close_path (cr);
      cairo_fill (cr);
      /* eyes: two dots are enough at this size */
      cairo_set_source_rgb (cr, 0.1, 0.08, 0.08);
      cairo_arc (cr, x - head_r * 0.35, head_y + head_r * 0.05, head_r * 0.09, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_arc (cr, x + head_r * 0.35, head_y + head_r * 0.05, head_r * 0.09, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  switch (person->cap)
    {
    case CAP_ARMY:
      set_rgb (cr, person->cap_colour);
      cairo_rectangle (cr, x - head_r * 1.02, head_y - head_r * 1.05, head_r * 2.04, head_r * 0.75);
      cairo_fill (cr);
      set_rgb (cr, shade (person->cap_colour, 0.7));
      cairo_rectangle (cr, x - head_r * 1.1, head_y - head_r * 0.38, head_r * 2.2, head_r * 0.16);
      cairo_fill (cr);
      if (!person->from_behind)
        {
          cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
          cairo_arc (cr, x, head_y - head_r * 0.7, head_r * 0.16, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      break;
    case CAP_STRAW:
      cairo_set_source_rgb (cr, 0.86, 0.76, 0.48);
      cairo_save (cr);
      cairo_translate (cr, x, head_y - head_r * 0.55);
      cairo_scale (cr, head_r * 2.1, head_r * 0.5);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
      cairo_fill (cr);
      cairo_arc (cr, x, head_y - head_r * 0.6, head_r * 0.8, G_PI, 2 * G_PI);
      cairo_fill (cr);
      break;
    case CAP_NONE:
    default:
      break;
    }
}

/* ---- text ---------------------------------------------------------------- */

static PangoLayout *
new_layout (Painter *p, const char *family, gboolean bold, double px)
{
  PangoLayout *layout;
  PangoFontDescription *desc = pango_font_description_new ();

  pango_cairo_update_context (p->cr, p->pango);
  layout = pango_layout_new (p->pango);
  pango_font_description_set_family (desc, family);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  return layout;
}

/* Text centred in a box, shrunk until it fits. */
static void
draw_text_in_box (Painter *p, const char *text, const char *family, gboolean bold,
                  double x, double y, double w, double h, Rgb colour)
{
  double px = h * 0.62;
  PangoLayout *layout = NULL;
  PangoRectangle ink, logical;

  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_clear_object (&layout);
      layout = new_layout (p, family, bold, px);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      if (logical.width <= w * 0.94)
        break;
      px *= (w * 0.94) / logical.width;
    }

  set_rgb (p->cr, colour);
  cairo_move_to (p->cr, x + (w - logical.width) / 2.0, y + (h - logical.height) / 2.0);
  pango_cairo_show_layout (p->cr, layout);
  g_object_unref (layout);
}

/* The red banner with the activity's title: the one thing every photo of
 * an office's ledger has. */
static void
draw_banner (Painter *p, double x, double y, double w, double h, gboolean sag)
{
  cairo_t *cr = p->cr;
  Rgb red = jitter (p, rgb (0.80, 0.06, 0.07), 0.04);
  Rgb text = rndi (p, 0, 3) == 0 ? rgb (1.0, 0.95, 0.35) : rgb (1.0, 1.0, 1.0);

  /* shadow */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_rectangle (cr, x + 4, y + 5, w, h);
  cairo_fill (cr);

  vertical_gradient (cr, x, y, w, h, shade (red, 1.1), shade (red, 0.88));
  if (sag)
    {
      /* a cloth banner hangs a little between its ropes */
      set_rgb (cr, shade (red, 0.75));
      cairo_set_line_width (cr, 2);
      for (int i = 1; i < 4; i++)
        {
          double fx = x + w * i / 4.0;
          cairo_move_to (cr, fx, y + 2);
          cairo_curve_to (cr, fx + 6, y + h * 0.4, fx - 6, y + h * 0.6, fx + 2, y + h - 2);
          cairo_stroke (cr);
        }
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x - 40, y - 10);
      cairo_line_to (cr, x, y + 2);
      cairo_move_to (cr, x + w + 40, y - 10);
      cairo_line_to (cr, x + w, y + 2);
      cairo_stroke (cr);
    }
  draw_text_in_box (p, p->photo->banner, BANNER_FONT, TRUE, x, y, w, h, text);
}

static void
draw_stamp (Painter *p)
{
  cairo_t *cr = p->cr;
  PangoLayout *layout;
  PangoRectangle logical;

  if (p->photo->stamp == NULL)
    return;

  layout = new_layout (p, "DejaVu Sans Mono", TRUE, 30);
  pango_layout_set_text (layout, p->photo->stamp, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);

  cairo_move_to (cr, PHOTO_WIDTH - logical.width - 36 + 2, PHOTO_HEIGHT - logical.height - 26 + 2);
  cairo_set_source_rgba (cr, 0.2, 0.05, 0.0, 0.6);
  pango_cairo_show_layout (cr, layout);
  cairo_move_to (cr, PHOTO_WIDTH - logical.width - 36, PHOTO_HEIGHT - logical.height - 26);
  cairo_set_source_rgb (cr, 1.0, 0.55, 0.10);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* ---- landscape ----------------------------------------------------------- */

static void
draw_sky (Painter *p, double horizon)
{
  cairo_t *cr = p->cr;
  static const Rgb tops[] = { { 0.30, 0.52, 0.82 }, { 0.55, 0.64, 0.76 }, { 0.40, 0.60, 0.88 }, { 0.62, 0.68, 0.74 } };
  static const Rgb lows[] = { { 0.78, 0.87, 0.95 }, { 0.86, 0.88, 0.90 }, { 0.96, 0.88, 0.76 }, { 0.90, 0.90, 0.88 } };
  int k = rndi (p, 0, G_N_ELEMENTS (tops));
  int clouds = rndi (p, 2, 7);

  vertical_gradient (cr, 0, 0, PHOTO_WIDTH, horizon, jitter (p, tops[k], 0.04), jitter (p, lows[k], 0.03));

  for (int i = 0; i < clouds; i++)
    {
      double cx = rnd (p, -50, PHOTO_WIDTH + 50);
      double cy = rnd (p, 30, horizon * 0.6);
      double s = rnd (p, 30, 70);
      int puffs = rndi (p, 3, 6);

      cairo_set_source_rgba (cr, 1, 1, 1, rnd (p, 0.45, 0.8));
      for (int j = 0; j < puffs; j++)
        {
          cairo_arc (cr, cx + j * s * 0.8, cy + rnd (p, -s * 0.3, s * 0.3), s * rnd (p, 0.6, 1.0), 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
}

static void
draw_hills (Painter *p, double horizon)
{
  cairo_t *cr = p->cr;

  for (int layer = 0; layer < 2; layer++)
    {
      Rgb c = layer == 0 ? jitter (p, rgb (0.55, 0.65, 0.72), 0.04) : jitter (p, rgb (0.35, 0.50, 0.38), 0.05);
      double x = -60;

      set_rgb (cr, c);
      cairo_move_to (cr, x, horizon);
      while (x < PHOTO_WIDTH + 60)
        {
          double w = rnd (p, 140, 320);
          double top = horizon - rnd (p, 30, 120) * (layer == 0 ? 1.3 : 0.7);
          cairo_curve_to (cr, x + w * 0.3, top, x + w * 0.7, top, x + w, horizon - rnd (p, 0, 20));
          x += w;
        }
      cairo_line_to (cr, PHOTO_WIDTH + 60, horizon + 2);
      cairo_line_to (cr, -60, horizon + 2);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static void
draw_tree (Painter *p, double x, double base, double h, gboolean pine)
{
  cairo_t *cr = p->cr;
  Rgb leaf = pine ? jitter (p, rgb (0.12, 0.30, 0.18), 0.04) : jitter (p, rgb (0.25, 0.48, 0.22), 0.06);

  cairo_set_source_rgb (cr, 0.38, 0.26, 0.16);
  cairo_rectangle (cr, x - h * 0.04, base - h * 0.35, h * 0.08, h * 0.35);
  cairo_fill (cr);

  if (pine)
    {
      for (int i = 0; i < 3; i++)
        {
          double y0 = base - h * (0.25 + i * 0.22);
          double hw = h * (0.32 - i * 0.07);
          set_rgb (cr, shade (leaf, 1.0 + i * 0.08));
          cairo_move_to (cr, x - hw, y0);
          cairo_line_to (cr, x + hw, y0);
          cairo_line_to (cr, x, y0 - h * 0.36);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
      return;
    }

  for (int i = 0; i < 6; i++)
    {
      set_rgb (cr, shade (leaf, rnd (p, 0.85, 1.2)));
      cairo_arc (cr, x + rnd (p, -h * 0.2, h * 0.2), base - h * rnd (p, 0.5, 0.85), h * rnd (p, 0.14, 0.24), 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
draw_building (Painter *p, double x, double base, double w, double h)
{
  cairo_t *cr = p->cr;
  Rgb wall = jitter (p, rnd (p, 0, 1) < 0.5 ? rgb (0.88, 0.85, 0.78) : rgb (0.80, 0.82, 0.84), 0.04);
  int cols = MAX (2, (int) (w / 48));
  int rows = MAX (1, (int) (h / 60));

  vertical_gradient (cr, x, base - h, w, h, wall, shade (wall, 0.9));
  set_rgb (cr, shade (wall, 0.7));
  cairo_rectangle (cr, x - 6, base - h - 10, w + 12, 12);
  cairo_fill (cr);

  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++)
      {
        double wx = x + (c + 0.25) * w / cols;
        double wy = base - h + (r + 0.3) * h / rows;

        cairo_set_source_rgb (cr, 0.38 + 0.1 * ((r + c) % 2), 0.52, 0.64);
        cairo_rectangle (cr, wx, wy, w / cols * 0.5, h / rows * 0.45);
        cairo_fill (cr);
      }
}

static void
draw_flag (Painter *p, double x, double base, double pole_h)
{
  cairo_t *cr = p->cr;
  double fy = base - pole_h + 6;
  double fw = pole_h * 0.33, fh = fw * 0.66;
  double wave = rnd (p, 6, 16);

  cairo_set_source_rgb (cr, 0.78, 0.78, 0.80);
  cairo_rectangle (cr, x - 3, base - pole_h, 6, pole_h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.58);
  cairo_rectangle (cr, x - 30, base - 8, 60, 8);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.87, 0.08, 0.06);
  cairo_move_to (cr, x + 3, fy);
  cairo_curve_to (cr, x + fw * 0.35, fy - wave, x + fw * 0.65, fy + wave, x + fw, fy);
  cairo_line_to (cr, x + fw, fy + fh);
  cairo_curve_to (cr, x + fw * 0.65, fy + fh + wave, x + fw * 0.35, fy + fh - wave, x + 3, fy + fh);
  cairo_close_path (cr);
  cairo_fill (cr);

  /* five small yellow stars */
  cairo_set_source_rgb (cr, 1.0, 0.87, 0.0);
  for (int s = 0; s < 5; s++)
    {
      double sx = s == 0 ? x + fw * 0.17 : x + fw * (0.32 + 0.04 * (s % 2));
      double sy = s == 0 ? fy + fh * 0.28 : fy + fh * (0.08 + 0.1 * s);
      double r = s == 0 ? fh * 0.15 : fh * 0.05;

      for (int k = 0; k < 5; k++)
        {
          double a = -G_PI / 2 + k * 4 * G_PI / 5;
          if (k == 0)
            cairo_move_to (cr, sx + r * cos (a), sy + r * sin (a));
          else
            cairo_line_to (cr, sx + r * cos (a), sy + r * sin (a));
        }
      cairo_close_path (cr);
      cairo_fill (cr);
    }
}

static void
draw_ground (Painter *p, double horizon, Rgb near, Rgb far)
{
  vertical_gradient (p->cr, 0, horizon, PHOTO_WIDTH, PHOTO_HEIGHT - horizon, far, near);
}

/* ---- indoor -------------------------------------------------------------- */

static void
draw_room (Painter *p, double floor_y, Rgb wall)
{
  cairo_t *cr = p->cr;
  Rgb floor = jitter (p, rnd (p, 0, 1) < 0.5 ? rgb (0.62, 0.46, 0.32) : rgb (0.76, 0.74, 0.70), 0.04);

  vertical_gradient (cr, 0, 0, PHOTO_WIDTH, floor_y, shade (wall, 1.04), shade (wall, 0.92));
  vertical_gradient (cr, 0, floor_y, PHOTO_WIDTH, PHOTO_HEIGHT - floor_y, floor, shade (floor, 0.75));

  /* floor tiles in perspective */
  set_rgb (cr, shade (floor, 0.85));
  cairo_set_line_width (cr, 1.2);
  for (int i = -8; i <= 8; i++)
    {
      cairo_move_to (cr, PHOTO_WIDTH / 2.0 + i * 40, floor_y);
      cairo_line_to (cr, PHOTO_WIDTH / 2.0 + i * 160, PHOTO_HEIGHT);
    }
  for (double y = floor_y + 12, step = 14; y < PHOTO_HEIGHT; step *= 1.35, y += step)
    {
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, PHOTO_WIDTH, y);
    }
  cairo_stroke (cr);

  set_rgb (cr, shade (wall, 0.7));
  cairo_rectangle (cr, 0, floor_y - 10, PHOTO_WIDTH, 10);
  cairo_fill (cr);
}

static void
draw_ceiling_lights (Painter *p)
{
  cairo_t *cr = p->cr;
  int n = rndi (p, 3, 6);

  for (int i = 0; i < n; i++)
    {
      double x = (i + 0.5) * PHOTO_WIDTH / n + rnd (p, -20, 20);
      cairo_pattern_t *glow = cairo_pattern_create_radial (x, 12, 2, x, 12, 90);

      cairo_pattern_add_color_stop_rgba (glow, 0, 1, 1, 0.95, 0.7);
      cairo_pattern_add_color_stop_rgba (glow, 1, 1, 1, 0.95, 0.0);
      cairo_set_source (cr, glow);
      cairo_arc (cr, x, 12, 90, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_pattern_destroy (glow);
      cairo_set_source_rgb (cr, 1, 1, 0.97);
      cairo_rectangle (cr, x - 45, 4, 90, 10);
      cairo_fill (cr);
    }
}

static void
draw_audience_from_behind (Painter *p, double front_y, int rows, gboolean soldiers)
{
  Rgb school = jitter (p, rgb (0.20, 0.35, 0.70), 0.05);

  for (int r = rows - 1; r >= 0; r--)
    {
      double scale = 1.0 - r * 0.18;
      double h = 420 * scale;
      double foot = front_y + 300 * scale - r * 40;
      double spacing = 120 * scale;
      double offset = rnd (p, -spacing / 2, spacing / 2);

      for (double x = offset - spacing; x < PHOTO_WIDTH + spacing; x += spacing * rnd (p, 0.9, 1.1))
        {
          Person person;

          if (soldiers)
            person = soldier (p);
          else if (rndi (p, 0, 3) == 0)
            person = student (p, school);
          else
            person = civilian (p);
          person.from_behind = TRUE;
          person.seated = TRUE;
          draw_person (p->cr, x, foot, h, &person);
        }
    }
}

/* ---- scenes -------------------------------------------------------------- */

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Distances into the picture, far to near, so nearer people overlap farther ones. */
static void
sorted_depths (Painter *p, double *depths, int n)
{
  for (int i = 0; i < n; i++)
    depths[i] = rnd (p, 0, 1);
  qsort (depths, n, sizeof (double), compare_doubles);
}

static void
scene_meeting (Painter *p)
{
  cairo_t *cr = p->cr;
  double floor_y = rnd (p, 420, 470);
  double table_y = floor_y + rnd (p, 40, 70);
  Rgb wall = jitter (p, rgb (0.90, 0.87, 0.80), 0.05);
  Rgb cloth = rndi (p, 0, 2) ? jitter (p, rgb (0.14, 0.40, 0.25), 0.04) : jitter (p, rgb (0.92, 0.92, 0.90), 0.03);
  int seats = rndi (p, 5, 9);
  double table_x0 = rnd (p, 40, 120), table_x1 = PHOTO_WIDTH - rnd (p, 40, 120);

  draw_room (p, floor_y, wall);
  draw_ceiling_lights (p);
  draw_banner (p, 90 + rnd (p, -30, 30), rnd (p, 60, 100), PHOTO_WIDTH - 180, rnd (p, 70, 95), FALSE);

  /* potted plants at the ends of the wall */
  for (int side = 0; side < 2; side++)
    {
      double x = side == 0 ? 40 + rnd (p, 0, 20) : PHOTO_WIDTH - 40 - rnd (p, 0, 20);
      cairo_set_source_rgb (cr, 0.45, 0.30, 0.20);
      cairo_rectangle (cr, x - 22, floor_y - 50, 44, 50);
      cairo_fill (cr);
      draw_tree (p, x, floor_y - 50, 150, FALSE);
    }

  for (int i = 0; i < seats; i++)
    {
      double x = table_x0 + (i + 0.5) * (table_x1 - table_x0) / seats;
      Person person = rndi (p, 0, 4) == 0 ? soldier (p) : civilian (p);

      person.seated = TRUE;
      /* hips at the table's edge: the cloth hides the rest */
      draw_person (cr, x + rnd (p, -8, 8), table_y + rnd (p, 160, 185), 330, &person);
    }

  /* the table and its cloth */
  vertical_gradient (cr, table_x0 - 20, table_y, table_x1 - table_x0 + 40, PHOTO_HEIGHT - table_y, cloth, shade (cloth, 0.7));
  set_rgb (cr, shade (cloth, 1.15));
  cairo_rectangle (cr, table_x0 - 20, table_y, table_x1 - table_x0 + 40, 14);
  cairo_fill (cr);

  for (int i = 0; i < seats; i++)
    {
      double x = table_x0 + (i + 0.5) * (table_x1 - table_x0) / seats;

      /* name plate, cup, papers */
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.93);
      cairo_rectangle (cr, x - 34, table_y - 26, 68, 24);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.75, 0.10, 0.10);
      cairo_rectangle (cr, x - 24, table_y - 19, 48, 10);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
      cairo_rectangle (cr, x + 40, table_y - 28, 16, 26);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.96, 0.96, 0.90);
      cairo_rectangle (cr, x - 60, table_y + 2, 40, 8);
      cairo_fill (cr);
    }

  if (rndi (p, 0, 2))
    draw_audience_from_behind (p, PHOTO_HEIGHT - 80, 1, FALSE);
}

static void
scene_lecture (Painter *p)
{
  cairo_t *cr = p->cr;
  double floor_y = rnd (p, 400, 440);
  Rgb wall = jitter (p, rgb (0.86, 0.88, 0.90), 0.05);
  gboolean screen_left = rndi (p, 0, 2);
  double sx = screen_left ? rnd (p, 60, 120) : PHOTO_WIDTH - rnd (p, 400, 460);
  double lx = screen_left ? PHOTO_WIDTH - rnd (p, 230, 300) : rnd (p, 180, 260);
  Person speaker = rndi (p, 0, 2) ? soldier (p) : civilian (p);

  draw_room (p, floor_y, wall);
  draw_ceiling_lights (p);
  draw_banner (p, 70, rnd (p, 40, 70), PHOTO_WIDTH - 140, rnd (p, 64, 84), FALSE);

  /* projection screen with a slide: a title bar and a few lines */
  cairo_set_source_rgb (cr, 0.97, 0.97, 0.97);
  cairo_rectangle (cr, sx, 170, 340, 210);
  cairo_fill (cr);
  vertical_gradient (cr, sx + 10, 180, 320, 190, jitter (p, rgb (0.15, 0.30, 0.62), 0.06), jitter (p, rgb (0.08, 0.15, 0.40), 0.05));
  draw_text_in_box (p, "国防教育", BANNER_FONT, TRUE, sx + 20, 190, 300, 50, rgb (1, 0.9, 0.3));
  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  for (int i = 0; i < 4; i++)
    {
      cairo_rectangle (cr, sx + 40, 260 + i * 24, rnd (p, 150, 260), 8);
      cairo_fill (cr);
    }

  /* lectern and speaker */
  speaker.raise_arm = rndi (p, 0, 2);
  draw_person (cr, lx, floor_y + 20, 300, &speaker);
  vertical_gradient (cr, lx - 55, floor_y - 110, 110, 130, rgb (0.55, 0.32, 0.18), rgb (0.38, 0.22, 0.12));
  cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
  cairo_rectangle (cr, lx - 35, floor_y - 90, 70, 30);
  cairo_fill (cr);

  /* listeners in a barracks are soldiers, elsewhere students and cadres */
  draw_audience_from_behind (p, PHOTO_HEIGHT - 250, 3,
                             p->photo->banner != NULL && strstr (p->photo->banner, "军营") != NULL);
}

static void
scene_stage (Painter *p)
{
  cairo_t *cr = p->cr;
  double stage_y = rnd (p, 500, 560);
  Rgb curtain = jitter (p, rgb (0.62, 0.05, 0.08), 0.05);
  Rgb backdrop0 = jitter (p, rndi (p, 0, 2) ? rgb (0.25, 0.10, 0.45) : rgb (0.70, 0.05, 0.06), 0.06);
  int performers = rndi (p, 3, 7);
  gboolean award = rndi (p, 0, 2);

  cairo_set_source_rgb (cr, 0.06, 0.05, 0.07);
  cairo_paint (cr);

  /* LED backdrop */
  vertical_gradient (cr, 120, 60, PHOTO_WIDTH - 240, stage_y - 60, backdrop0, shade (backdrop0, 0.5));
  cairo_set_source_rgba (cr, 1, 0.85, 0.3, 0.35);
  for (int i = 0; i < 14; i++)
    {
      double x = rnd (p, 140, PHOTO_WIDTH - 140), y = rnd (p, 200, stage_y - 40);
      cairo_arc (cr, x, y, rnd (p, 3, 10), 0, 2 * G_PI);
      cairo_fill (cr);
    }
  draw_banner (p, 150, 90, PHOTO_WIDTH - 300, rnd (p, 70, 90), FALSE);

  /* stage floor */
  vertical_gradient (cr, 0, stage_y, PHOTO_WIDTH, PHOTO_HEIGHT - stage_y, rgb (0.45, 0.28, 0.15), rgb (0.25, 0.14, 0.07));

  /* curtains */
  for (int side = 0; side < 2; side++)
    {
      double x0 = side == 0 ? 0 : PHOTO_WIDTH - 140;
      for (int fold = 0; fold < 5; fold++)
        {
          set_rgb (cr, shade (curtain, fold % 2 ? 0.8 : 1.05));
          cairo_rectangle (cr, x0 + fold * 28, 0, 28, stage_y);
          cairo_fill (cr);
        }
    }
  vertical_gradient (cr, 0, 0, PHOTO_WIDTH, 55, shade (curtain, 1.1), shade (curtain, 0.7));

  for (int i = 0; i < performers; i++)
    {
      double x = 220 + (i + 0.5) * (PHOTO_WIDTH - 440) / performers + rnd (p, -15, 15);
      Person person = rndi (p, 0, 2) ? soldier (p) : civilian (p);
      cairo_pattern_t *spot = cairo_pattern_create_radial (x, stage_y - 150, 10, x, stage_y - 150, 220);

      cairo_pattern_add_color_stop_rgba (spot, 0, 1, 1, 0.85, 0.25);
      cairo_pattern_add_color_stop_rgba (spot, 1, 1, 1, 0.85, 0.0);
      cairo_set_source (cr, spot);
      cairo_paint (cr);
      cairo_pattern_destroy (spot);

      if (award)
        person.holds_red = TRUE;
      else
        {
          person.raise_arm = rndi (p, 0, 2);
          if (rndi (p, 0, 2))
            person.coat = jitter (p, rgb (0.85, 0.15, 0.35), 0.1);
        }
      draw_person (cr, x, stage_y + 30, 330, &person);
    }

  /* the audience's heads in the dark */
  for (double x = rnd (p, -40, 0); x < PHOTO_WIDTH + 40; x += rnd (p, 55, 80))
    {
      cairo_set_source_rgb (cr, 0.04, 0.04, 0.05);
      cairo_arc (cr, x, PHOTO_HEIGHT - rnd (p, 20, 50), rnd (p, 28, 36), 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_rectangle (cr, x - 50, PHOTO_HEIGHT - 30, 100, 40);
      cairo_fill (cr);
    }
}

static void
draw_plaque (Painter *p, double x, double y)
{
  cairo_t *cr = p->cr;

  cairo_set_source_rgb (cr, 0.72, 0.55, 0.18);
  cairo_rectangle (cr, x - 6, y - 6, 252, 92);
  cairo_fill (cr);
  vertical_gradient (cr, x, y, 240, 80, rgb (0.85, 0.07, 0.07), rgb (0.65, 0.03, 0.03));
  draw_text_in_box (p, "光荣之家", "Noto Serif CJK SC", TRUE, x, y, 240, 80, rgb (1.0, 0.85, 0.30));
}

static void
scene_visit (Painter *p)
{
  cairo_t *cr = p->cr;
  double floor_y = rnd (p, 470, 520);
  Rgb wall = jitter (p, rgb (0.93, 0.92, 0.86), 0.05);
  double host_x = rnd (p, 380, 640);
  Person host = civilian (p);
  int visitors = rndi (p, 2, 5);

  draw_room (p, floor_y, wall);

  /* window with a view */
  {
    double wx = rndi (p, 0, 2) ? 60 : PHOTO_WIDTH - 300;
    vertical_gradient (cr, wx, 200, 240, 180, rgb (0.60, 0.78, 0.92), rgb (0.55, 0.72, 0.50));
    cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
    cairo_set_line_width (cr, 10);
    cairo_rectangle (cr, wx, 200, 240, 180);
    cairo_move_to (cr, wx + 120, 200);
    cairo_line_to (cr, wx + 120, 380);
    cairo_stroke (cr);
  }

  draw_plaque (p, rnd (p, 300, 520), rnd (p, 170, 230));
  draw_banner (p, 120, rnd (p, 40, 70), PHOTO_WIDTH - 240, rnd (p, 58, 72), TRUE);

  /* sofa and the elderly host seated on it */
  {
    Rgb sofa = jitter (p, rgb (0.45, 0.30, 0.22), 0.06);
    double sx = host_x - 190;
    set_rgb (cr, sofa);
    rounded_rect (cr, sx, floor_y - 170, 380, 120, 18);
    cairo_fill (cr);
    host.hair = rgb (0.82, 0.82, 0.80);
    host.seated = TRUE;
    draw_person (cr, host_x, floor_y - 10, 300, &host);
    set_rgb (cr, shade (sofa, 1.15));
    rounded_rect (cr, sx - 10, floor_y - 70, 400, 80, 14);
    cairo_fill (cr);
  }

  for (int i = 0; i < visitors; i++)
    {
      double x = host_x + (i % 2 ? 1 : -1) * (170 + (i / 2) * 140) + rnd (p, -20, 20);
      Person person = rndi (p, 0, 3) == 0 ? soldier (p) : civilian (p);

      person.holds_red = i == 0;
      draw_person (cr, x, floor_y + rnd (p, 80, 140), 430, &person);
    }

  /* gifts on the floor: a sack of rice, oil, a box */
  {
    double gx = host_x + rnd (p, -120, 40);
    double gy = floor_y + 170;

    cairo_set_source_rgb (cr, 0.96, 0.95, 0.90);
    rounded_rect (cr, gx, gy - 110, 90, 110, 20);
    cairo_fill (cr);
    draw_text_in_box (p, "大米", BANNER_FONT, TRUE, gx, gy - 90, 90, 40, rgb (0.8, 0.1, 0.1));
    cairo_set_source_rgb (cr, 0.95, 0.80, 0.20);
    cairo_rectangle (cr, gx + 100, gy - 90, 40, 90);
    cairo_rectangle (cr, gx + 145, gy - 90, 40, 90);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.80, 0.10, 0.10);
    cairo_rectangle (cr, gx + 195, gy - 70, 90, 70);
    cairo_fill (cr);
  }
}

static void
scene_parade (Painter *p)
{
  cairo_t *cr = p->cr;
  double horizon = rnd (p, 300, 360);
  Rgb square = jitter (p, rgb (0.70, 0.68, 0.64), 0.05);
  gboolean soldiers = rndi (p, 0, 2);
  Rgb school = jitter (p, rgb (0.15, 0.35, 0.75), 0.08);
  double flag_x = rnd (p, 140, PHOTO_WIDTH - 140);

  draw_sky (p, horizon);
  draw_building (p, rnd (p, -40, 200), horizon, rnd (p, 500, 800), rnd (p, 120, 200));
  for (int i = 0; i < 5; i++)
    draw_tree (p, rnd (p, 0, PHOTO_WIDTH), horizon + 5, rnd (p, 100, 160), FALSE);
  draw_ground (p, horizon, shade (square, 0.85), square);

  /* tiles of the square */
  set_rgb (cr, shade (square, 0.9));
  cairo_set_line_width (cr, 1);
  for (int i = -10; i <= 10; i++)
    {
      cairo_move_to (cr, PHOTO_WIDTH / 2.0 + i * 50, horizon);
      cairo_line_to (cr, PHOTO_WIDTH / 2.0 + i * 220, PHOTO_HEIGHT);
    }
  cairo_stroke (cr);

  draw_flag (p, flag_x, horizon + 40, rnd (p, 260, 320));
  draw_banner (p, rnd (p, 120, 240), horizon - rnd (p, 100, 150), rnd (p, 560, 700), rnd (p, 56, 70), TRUE);

  /* ranks in perspective, back to front */
  for (int row = 4; row >= 0; row--)
    {
      double scale = 0.45 + (4 - row) * 0.14;
      double foot = horizon + 70 + (4 - row) * 70;
      double spacing = 95 * scale;
      double x0 = rnd (p, 40, 120);

      for (double x = x0; x < PHOTO_WIDTH - 40; x += spacing)
        {
          Person person = soldiers ? soldier (p) : student (p, school);

          person.from_behind = rndi (p, 0, 2);
          person.raise_arm = !person.from_behind && rndi (p, 0, 6) == 0;
          draw_person (cr, x, foot, 300 * scale, &person);
        }
    }
}

static void
scene_memorial (Painter *p)
{
  cairo_t *cr = p->cr;
  double horizon = rnd (p, 430, 480);
  double mx = rnd (p, 380, 640);
  double top = rnd (p, 40, 90);
  Rgb stone = jitter (p, rgb (0.86, 0.86, 0.84), 0.04);

  draw_sky (p, horizon);
  draw_hills (p, horizon);
  for (int i = 0; i < 8; i++)
    {
      double x = rnd (p, 0, PHOTO_WIDTH);
      if (fabs (x - mx) > 140)
        draw_tree (p, x, horizon + 10, rnd (p, 150, 260), TRUE);
    }
  draw_ground (p, horizon, jitter (p, rgb (0.60, 0.58, 0.55), 0.04), rgb (0.72, 0.70, 0.66));

  /* steps and the monument */
  for (int s = 0; s < 4; s++)
    {
      set_rgb (cr, shade (stone, 0.95 - s * 0.05));
      cairo_rectangle (cr, mx - 200 + s * 30, horizon - s * 18, 400 - s * 60, 18);
      cairo_fill (cr);
    }
  vertical_gradient (cr, mx - 55, top, 110, horizon - 72 - top, stone, shade (stone, 0.85));
  set_rgb (cr, shade (stone, 0.95));
  cairo_move_to (cr, mx - 55, top);
  cairo_line_to (cr, mx, top - 40);
  cairo_line_to (cr, mx + 55, top);
  cairo_close_path (cr);
  cairo_fill (cr);
  {
    static const char *words[] = { "革", "命", "烈", "士", "永", "垂", "不", "朽" };
    double step = (horizon - 100 - top) / G_N_ELEMENTS (words);
    for (guint i = 0; i < G_N_ELEMENTS (words); i++)
      draw_text_in_box (p, words[i], "Noto Serif CJK SC", TRUE, mx - 40, top + 20 + i * step, 80, step, rgb (0.75, 0.58, 0.15));
  }

  /* wreaths */
  for (int w = 0; w < rndi (p, 2, 4); w++)
    {
      double wx = mx + (w - 1) * 110 + rnd (p, -10, 10);
      double wy = horizon + 40;

      cairo_set_source_rgb (cr, 0.20, 0.45, 0.22);
      cairo_arc (cr, wx, wy - 60, 50, 0, 2 * G_PI);
      cairo_fill (cr);
      for (int f = 0; f < 14; f++)
        {
          double a = f * 2 * G_PI / 14;
          cairo_set_source_rgb (cr, f % 3 ? 0.98 : 0.95, f % 3 ? 0.98 : 0.85, f % 3 ? 0.96 : 0.2);
          cairo_arc (cr, wx + 42 * cos (a), wy - 60 + 42 * sin (a), 9, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.97, 0.97, 0.97);
      cairo_rectangle (cr, wx - 8, wy - 20, 16, 60);
      cairo_fill (cr);
    }

  /* hung across the foot of the monument, above the mourners' heads */
  {
    double bw = rnd (p, 460, 560), bh = rnd (p, 46, 56);
    draw_banner (p, mx - bw / 2, horizon - 72 - bh - rnd (p, 8, 30), bw, bh, TRUE);
  }

  /* mourners facing the monument */
  for (int row = 1; row >= 0; row--)
    for (double x = rnd (p, 20, 80); x < PHOTO_WIDTH; x += rnd (p, 80, 110))
      {
        Person person = rndi (p, 0, 3) == 0 ? soldier (p) : student (p, jitter (p, rgb (0.9, 0.9, 0.92), 0.03));
        person.from_behind = TRUE;
        draw_person (cr, x, PHOTO_HEIGHT + 120 - row * 70, 380 - row * 60, &person);
      }
}

static void
scene_field (Painter *p)
{
  cairo_t *cr = p->cr;
  double horizon = rnd (p, 260, 330);
  gboolean autumn = p->month >= 8 || p->month <= 1;
  Rgb crop = autumn ? jitter (p, rgb (0.85, 0.70, 0.30), 0.05) : jitter (p, rgb (0.35, 0.62, 0.28), 0.05);
  int workers = rndi (p, 5, 10);
  double depths[16];

  draw_sky (p, horizon);
  draw_hills (p, horizon);
  draw_ground (p, horizon, shade (crop, 0.8), shade (crop, 1.1));

  /* rows of crops converging at the horizon */
  set_rgb (cr, shade (crop, 0.72));
  cairo_set_line_width (cr, 3);
  for (int i = -20; i <= 20; i++)
    {
      cairo_move_to (cr, PHOTO_WIDTH / 2.0 + i * 20, horizon);
      cairo_line_to (cr, PHOTO_WIDTH / 2.0 + i * 140, PHOTO_HEIGHT);
    }
  cairo_stroke (cr);

  /* banner between two bamboo poles at the field's edge */
  {
    double bx = rnd (p, 80, 220), bw = rnd (p, 560, 720), by = horizon - rnd (p, 150, 170);
    cairo_set_source_rgb (cr, 0.55, 0.45, 0.25);
    cairo_rectangle (cr, bx - 12, by - 10, 8, 250);
    cairo_rectangle (cr, bx + bw + 4, by - 10, 8, 250);
    cairo_fill (cr);
    draw_banner (p, bx, by, bw, rnd (p, 50, 62), TRUE);
  }

  sorted_depths (p, depths, workers);
  for (int i = 0; i < workers; i++)
    {
      double depth = depths[i];
      double h = 170 + depth * 260;
      double foot = horizon + 90 + depth * 330;
      Person person = rndi (p, 0, 2) ? soldier (p) : civilian (p);

      if (person.cap == CAP_NONE && rndi (p, 0, 2))
        person.cap = CAP_STRAW;
      person.raise_arm = rndi (p, 0, 2);
      draw_person (cr, rnd (p, 60, PHOTO_WIDTH - 60), foot, h, &person);

      /* a basket or a bundle of seedlings */
      cairo_set_source_rgb (cr, autumn ? 0.80 : 0.30, autumn ? 0.65 : 0.55, autumn ? 0.30 : 0.25);
      cairo_arc (cr, rnd (p, 60, PHOTO_WIDTH - 60), foot - h * 0.05, h * 0.06, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
scene_square (Painter *p)
{
  cairo_t *cr = p->cr;
  double horizon = rnd (p, 320, 380);
  Rgb paving = jitter (p, rgb (0.66, 0.64, 0.62), 0.04);
  int tents = rndi (p, 2, 4);
  double depths[16];
  int n_people;

  draw_sky (p, horizon);
  draw_building (p, rnd (p, -100, 300), horizon, rnd (p, 400, 700), rnd (p, 140, 220));
  for (int i = 0; i < 4; i++)
    draw_tree (p, rnd (p, 0, PHOTO_WIDTH), horizon, rnd (p, 120, 180), FALSE);
  draw_ground (p, horizon, shade (paving, 0.85), paving);

  draw_banner (p, 100, horizon - 150, PHOTO_WIDTH - 200, rnd (p, 56, 68), TRUE);

  for (int t = 0; t < tents; t++)
    {
      double tw = (PHOTO_WIDTH - 120) / (double) tents;
      double tx = 60 + t * tw + 10;
      double ty = horizon - 60;
      Rgb canopy = t % 2 ? jitter (p, rgb (0.15, 0.35, 0.70), 0.05) : jitter (p, rgb (0.85, 0.12, 0.10), 0.05);

      cairo_set_source_rgb (cr, 0.8, 0.8, 0.82);
      cairo_rectangle (cr, tx + 4, ty, 5, 160);
      cairo_rectangle (cr, tx + tw - 29, ty, 5, 160);
      cairo_fill (cr);
      set_rgb (cr, canopy);
      cairo_move_to (cr, tx - 10, ty);
      cairo_line_to (cr, tx + tw / 2 - 10, ty - 50);
      cairo_line_to (cr, tx + tw - 10, ty);
      cairo_close_path (cr);
      cairo_fill (cr);
      set_rgb (cr, shade (canopy, 0.8));
      cairo_rectangle (cr, tx - 10, ty, tw, 22);
      cairo_fill (cr);

      /* table with leaflets */
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
      cairo_rectangle (cr, tx + 10, ty + 110, tw - 50, 50);
      cairo_fill (cr);
      for (int l = 0; l < 5; l++)
        {
          cairo_set_source_rgb (cr, 0.3 + 0.1 * l, 0.5, 0.8 - 0.1 * l);
          cairo_rectangle (cr, tx + 20 + l * 25, ty + 102, 18, 10);
          cairo_fill (cr);
        }
    }

  /* display boards */
  for (int b = 0; b < rndi (p, 1, 3); b++)
    {
      double bx = rnd (p, 40, PHOTO_WIDTH - 200);
      cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
      cairo_rectangle (cr, bx, horizon + 20, 150, 110);
      cairo_fill (cr);
      vertical_gradient (cr, bx + 8, horizon + 28, 134, 30, rgb (0.8, 0.1, 0.1), rgb (0.7, 0.05, 0.05));
      cairo_set_source_rgb (cr, 0.4, 0.55, 0.75);
      cairo_rectangle (cr, bx + 8, horizon + 64, 60, 58);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
      for (int l = 0; l < 5; l++)
        {
          cairo_rectangle (cr, bx + 76, horizon + 66 + l * 11, 60, 4);
          cairo_fill (cr);
        }
    }

  /* people queueing and talking */
  n_people = rndi (p, 9, 16);
  sorted_depths (p, depths, n_people);
  for (int i = 0; i < n_people; i++)
    {
      double depth = depths[i];
      Person person = rndi (p, 0, 3) == 0 ? soldier (p) : civilian (p);

      person.from_behind = rndi (p, 0, 3) == 0;
      person.holds_red = !person.from_behind && rndi (p, 0, 5) == 0;
      draw_person (cr, rnd (p, 30, PHOTO_WIDTH - 30), horizon + 180 + depth * 230, 220 + depth * 200, &person);
    }
}

/* ---- encoding ------------------------------------------------------------ */

/* cairo RGB24 (native-endian xRGB words) to packed RGB, with a faint
 * luminance grain: flat vector shapes would otherwise give JPEGs unlike any
 * camera's, and the grain makes two similar photos differ byte for byte. */
static GdkPixbuf *
surface_to_pixbuf (cairo_surface_t *surface, guint32 seed)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  int sstride = cairo_image_surface_get_stride (surface);
  const guchar *src = cairo_image_surface_get_data (surface);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  int dstride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *dst = gdk_pixbuf_get_pixels (pixbuf);
  guint32 state = seed | 1;

  for (int y = 0; y < h; y++)
    {
      const guint32 *in = (const guint32 *) (src + (gsize) y * sstride);
      guchar *out = dst + (gsize) y * dstride;

      for (int x = 0; x < w; x++)
        {
          guint32 px = in[x];
          int noise;

          /* xorshift32 */
          state ^= state << 13;
          state ^= state >> 17;
          state ^= state << 5;
          noise = (int) (state % 7) - 3;

          out[3 * x + 0] = CLAMP ((int) ((px >> 16) & 0xff) + noise, 0, 255);
          out[3 * x + 1] = CLAMP ((int) ((px >> 8) & 0xff) + noise, 0, 255);
          out[3 * x + 2] = CLAMP ((int) (px & 0xff) + noise, 0, 255);
        }
    }
  return pixbuf;
}

static GBytes *
render_with (const SyDemoPhoto *photo, PangoFontMap *fontmap, GError **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PHOTO_WIDTH, PHOTO_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  Painter p = { 0 };
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  gchar *buffer = NULL;
  gsize size = 0;
  double zoom;

  p.cr = cr;
  p.rand = g_rand_new_with_seed (photo->seed);
  p.pango = pango_font_map_create_context (fontmap);
  p.photo = photo;
  p.month = photo->stamp != NULL && strlen (photo->stamp) >= 7 ? atoi (photo->stamp + 5) : 6;

  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_paint (cr);

  /* A slight zoom and tilt per photo, as from a hand-held camera. */
  zoom = rnd (&p, 1.08, 1.16);
  cairo_translate (cr, PHOTO_WIDTH / 2.0, PHOTO_HEIGHT / 2.0);
  cairo_rotate (cr, rnd (&p, -0.015, 0.015));
  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -PHOTO_WIDTH / 2.0 + rnd (&p, -20, 20), -PHOTO_HEIGHT / 2.0 + rnd (&p, -15, 15));

  switch (photo->scene)
    {
    case SY_DEMO_SCENE_MEETING:  scene_meeting (&p); break;
    case SY_DEMO_SCENE_LECTURE:  scene_lecture (&p); break;
    case SY_DEMO_SCENE_STAGE:    scene_stage (&p); break;
    case SY_DEMO_SCENE_VISIT:    scene_visit (&p); break;
    case SY_DEMO_SCENE_PARADE:   scene_parade (&p); break;
    case SY_DEMO_SCENE_MEMORIAL: scene_memorial (&p); break;
    case SY_DEMO_SCENE_FIELD:    scene_field (&p); break;
    case SY_DEMO_SCENE_SQUARE:
    default:                     scene_square (&p); break;
    }

  cairo_identity_matrix (cr);
  /* a soft vignette, as lenses do */
  {
    cairo_pattern_t *vignette = cairo_pattern_create_radial (PHOTO_WIDTH / 2.0, PHOTO_HEIGHT / 2.0, PHOTO_HEIGHT * 0.45,
                                                             PHOTO_WIDTH / 2.0, PHOTO_HEIGHT / 2.0, PHOTO_WIDTH * 0.75);
    cairo_pattern_add_color_stop_rgba (vignette, 0, 0, 0, 0, 0);
    cairo_pattern_add_color_stop_rgba (vignette, 1, 0, 0, 0, 0.28);
    cairo_set_source (cr, vignette);
    cairo_paint (cr);
    cairo_pattern_destroy (vignette);
  }
  draw_stamp (&p);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixbuf = surface_to_pixbuf (surface, photo->seed);
  cairo_surface_destroy (surface);
  g_object_unref (p.pango);
  g_rand_free (p.rand);

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &local_error, "quality", "85", NULL))
    {
      /* the project's domain at the layer boundary */
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED, "Could not encode a demo photo: %s", local_error->message);
      return NULL;
    }
  return g_bytes_new_take (buffer, size);
}

GBytes *
sy_demo_photo_render (const SyDemoPhoto *photo,
                      GError           **error)
{
  g_autoptr(PangoFontMap) fontmap = pango_cairo_font_map_new ();

  return render_with (photo, fontmap, error);
}

/* ---- the worker threads ------------------------------------------------- */

struct _SyDemoPhotoJob
{
  GPtrArray *photos;
  GPtrArray *threads;
  GMutex     mutex;
  GCond      cond;
  guint      next;       /* next photo to take */
  guint      done;
  gboolean   cancelled;
  GError    *error;      /* the first failure */
};

static gpointer
worker (gpointer data)
{
  SyDemoPhotoJob *job = data;
  /* One font map per thread: Pango's font maps are not shared across threads. */
  PangoFontMap *fontmap = pango_cairo_font_map_new ();

  for (;;)
    {
      SyDemoPhoto *photo;
      GError *error = NULL;
      GBytes *jpeg;

      g_mutex_lock (&job->mutex);
      if (job->cancelled || job->error != NULL || job->next >= job->photos->len)
        {
          g_mutex_unlock (&job->mutex);
          break;
        }
      photo = g_ptr_array_index (job->photos, job->next++);
      g_mutex_unlock (&job->mutex);

      jpeg = render_with (photo, fontmap, &error);

      g_mutex_lock (&job->mutex);
      if (jpeg != NULL)
        photo->jpeg = jpeg;
      else if (job->error == NULL)
        job->error = error;
      else
        g_error_free (error);
      job->done++;
      g_cond_broadcast (&job->cond);
      g_mutex_unlock (&job->mutex);
    }

  g_object_unref (fontmap);
  g_mutex_lock (&job->mutex);
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->mutex);
  return NULL;
}

SyDemoPhotoJob *
sy_demo_photo_job_start (GPtrArray *photos)
{
  SyDemoPhotoJob *job = g_new0 (SyDemoPhotoJob, 1);
  guint n_threads = CLAMP (g_get_num_processors (), 1, 4);

  job->photos = g_ptr_array_ref (photos);
  job->threads = g_ptr_array_new ();
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);

  /* Loaders and savers register lazily; do it once here rather than racing
   * in the workers. */
  {
    g_autoptr(GdkPixbuf) tiny = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1, 1);
    gchar *buffer = NULL;
    gsize size = 0;

    gdk_pixbuf_fill (tiny, 0);
    if (gdk_pixbuf_save_to_buffer (tiny, &buffer, &size, "jpeg", NULL, NULL))
      g_free (buffer);
  }

  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add (job->threads, g_thread_new ("sy-demo-photo", worker, job));
  return job;
}

guint
sy_demo_photo_job_get_done (SyDemoPhotoJob *job)
{
  guint done;

  g_mutex_lock (&job->mutex);
  done = job->done;
  g_mutex_unlock (&job->mutex);
  return done;
}

guint
sy_demo_photo_job_wait_some (SyDemoPhotoJob *job)
{
  guint done;

  g_mutex_lock (&job->mutex);
  done = job->done;
  /* Also stop waiting when a failure ends the workers early. */
  if (done < job->photos->len && job->error == NULL)
    g_cond_wait (&job->cond, &job->mutex);
  done = job->done;
  g_mutex_unlock (&job->mutex);
  return done;
}

gboolean
sy_demo_photo_job_finish (SyDemoPhotoJob *job,
                          gboolean        cancel,
                          GError        **error)
{
  gboolean ok;

  g_mutex_lock (&job->mutex);
  if (cancel)
    job->cancelled = TRUE;
  g_mutex_unlock (&job->mutex);

  for (guint i = 0; i < job->threads->len; i++)
    g_thread_join (g_ptr_array_index (job->threads, i));

  ok = job->error == NULL && !job->cancelled;
  if (job->error != NULL)
    g_propagate_error (error, job->error);
  else if (job->cancelled)
    g_set_error_literal (error, SY_ERROR, SY_ERROR_CANCELLED, "Photo rendering was cancelled");

  g_ptr_array_unref (job->threads);
  g_ptr_array_unref (job->photos);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_free (job);
  return ok;
}
