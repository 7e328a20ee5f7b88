/* bench/ledger-gen.c: a synthetic office for the ledger benchmark (issue 6)
 *
 *   ledger-gen --db DIR [--activities N] [--year Y]      build DIR (must be empty)
 *   ledger-gen --db DIR --prepare-only [--dpi D] [--threads T]
 *
 * Building writes an office with N activities (default 200) of year Y
 * (default 2025), each with 4 camera-like photos, and a disbursement run
 * of 2000 lines (2000 recipients with valid ID numbers, one standard,
 * created and approved by the run repository).  The photos are 12 MP
 * (4000 × 3000) JPEGs at quality 92, 3–5 MB each: 8 base pictures are made
 * from smooth gradients, hard edges and strong per-pixel noise, and every
 * photo is one of them with its own COM marker after SOI, so each has its
 * own hash (and its own print copy) while decoding exactly as its base.
 * Photos go through the attachment store and event_photo records, as the
 * demo stores them.
 *
 * --prepare-only times sy_photo_print_cache_prepare() of every photo of
 * DIR (cache emptied first) and prints the wall time, photos per second
 * and the average print copy size.
 */
#include "sy-store.h"
#include "sy-photo-print.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

#define PHOTO_W        4000
#define PHOTO_H        3000
#define N_BASES        8
#define PHOTOS_PER_ACTIVITY 4
#define N_RECIPIENTS   2000

static guint32
xorshift (guint32 *state)
{
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

/* One base picture: two crossing gradients, a few dozen hard-edged
 * rectangles and ±20 of noise per sample (a camera's sensor noise and
 * fine texture), encoded at quality 92 like a phone does. */
static GBytes *
make_base (guint seed)
{
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  unsigned char *out = NULL;
  unsigned long out_len = 0;
  g_autofree guint8 *row = g_malloc (PHOTO_W * 3);
  guint32 state = (seed + 1) * 2654435761u;
  struct { int x0, y0, x1, y1; guint8 rgb[3]; } rects[40];

  for (guint i = 0; i < G_N_ELEMENTS (rects); i++)
    {
      rects[i].x0 = (int) (xorshift (&state) % PHOTO_W);
      rects[i].y0 = (int) (xorshift (&state) % PHOTO_H);
      rects[i].x1 = rects[i].x0 + 100 + (int) (xorshift (&state) % 900);
      rects[i].y1 = rects[i].y0 + 100 + (int) (xorshift (&state) % 700);
      for (int k = 0; k < 3; k++)
        rects[i].rgb[k] = (guint8) (xorshift (&state) % 256);
    }

  c.err = jpeg_std_error (&err);
  jpeg_create_compress (&c);
  jpeg_mem_dest (&c, &out, &out_len);
  c.image_width = PHOTO_W;
  c.image_height = PHOTO_H;
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults (&c);
  jpeg_set_quality (&c, 92, TRUE);
  jpeg_start_compress (&c, TRUE);
  while (c.next_scanline < c.image_height)
    {
      int y = (int) c.next_scanline;

      for (int x = 0; x < PHOTO_W; x++)
        {
          const guint8 *fill = NULL;

          for (guint i = 0; i < G_N_ELEMENTS (rects) && fill == NULL; i++)
            if (x >= rects[i].x0 && x < rects[i].x1 && y >= rects[i].y0 && y < rects[i].y1)
              fill = rects[i].rgb;
          for (int k = 0; k < 3; k++)
            {
              int base = fill ? fill[k]
                              : (int) ((x * (k + 2) + y * (3 - k) + (int) seed * 500) / 40) % 180 + 40;
              int noise = (int) (xorshift (&state) % 33) - 16;

              row[x * 3 + k] = (guint8) CLAMP (base + noise, 0, 255);
            }
        }
      {
        JSAMPROW r = row;
        jpeg_write_scanlines (&c, &r, 1);
      }
    }
  jpeg_finish_compress (&c);
  jpeg_destroy_compress (&c);
  return g_bytes_new_with_free_func (out, out_len, free, out);
}

/* @base with a COM segment naming photo @n after SOI. */
static GBytes *
unique_photo (GBytes *base, guint n)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (base, &len);
  g_autofree char *text = g_strdup_printf ("ledger bench photo %u", n);
  gsize text_len = strlen (text);
  GByteArray *out = g_byte_array_sized_new (len + text_len + 4);
  guint8 marker[4] = { 0xFF, 0xFE, (guint8) ((text_len + 2) >> 8), (guint8) ((text_len + 2) & 0xFF) };

  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, marker, 4);
  g_byte_array_append (out, (const guint8 *) text, (guint) text_len);
  g_byte_array_append (out, data + 2, (guint) (len - 2));
  return g_byte_array_free_to_bytes (out);
}

static gboolean
insert (SyDatabase *db, gpointer record, GError **error)
{
  return sy_database_insert (db, SY_RECORD (record), error);
}

static gboolean
write_office (SyDatabase *db, gint64 *office_id, gint64 *village_id, GError **error)
{
  g_autoptr(SyUnit) office = sy_unit_new ();
  g_autoptr(SyUnit) village = sy_unit_new ();

  if (!sy_database_set_setting (db, "office-name", "基准县退役军人事务局", error)
      || !sy_database_set_setting (db, "office-level", "县", error)
      || !sy_database_set_setting (db, "region-code", "330100", error))
    return FALSE;
  sy_unit_set_name (office, "基准县退役军人事务局");
  sy_unit_set_level (office, "县");
  sy_unit_set_region_code (office, "330100");
  if (!insert (db, office, error))
    return FALSE;
  *office_id = sy_record_get_id (SY_RECORD (office));
  sy_unit_set_parent_id (village, *office_id);
  sy_unit_set_name (village, "东风村");
  sy_unit_set_level (village, "村");
  sy_unit_set_region_code (village, "330100");
  if (!insert (db, village, error))
    return FALSE;
  *village_id = sy_record_get_id (SY_RECORD (village));
  return TRUE;
}

static gboolean
write_activities (SyDatabase *db, gint64 office_id, guint n, int year, GError **error)
{
  static const char *kinds[] = { "走访慰问", "拥军优属", "军民共建", "双拥宣传" };
  SyAttachmentStore *store = sy_database_get_attachments (db);
  GBytes *bases[N_BASES];
  guint photo = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < N_BASES; i++)
    {
      bases[i] = make_base (i);
      fprintf (stderr, "ledger-gen: base picture %u: %zu KB\n", i + 1, g_bytes_get_size (bases[i]) / 1024);
    }

  for (guint e = 0; e < n && ok; e++)
    {
      g_autoptr(SyEvent) event = sy_event_new ();
      g_autofree char *date = g_strdup_printf ("%04d-%02u-%02u", year, e * 12 / n + 1, e % 28 + 1);
      g_autofree char *title = g_strdup_printf ("%s活动（第%u次）", kinds[e % G_N_ELEMENTS (kinds)], e + 1);
      gint64 event_id;

      sy_event_set_unit_id (event, office_id);
      sy_event_set_kind (event, kinds[e % G_N_ELEMENTS (kinds)]);
      sy_event_set_title (event, title);
      sy_event_set_date (event, date);
      sy_event_set_place (event, "县退役军人服务中心");
      sy_event_set_organiser (event, "县双拥办");
      sy_event_set_participants (event, "县双拥领导小组成员单位");
      sy_event_set_content (event, "走访慰问重点优抚对象，送去慰问金和慰问品，了解生活困难并登记跟进。");
      sy_event_set_outcome (event, "慰问对象的困难已登记，交镇乡跟进办理。");
      sy_event_set_recorder (event, "王记录");
      sy_event_set_reviewer (event, "李审核");
      if (!insert (db, event, error))
        {
          ok = FALSE;
          break;
        }
      event_id = sy_record_get_id (SY_RECORD (event));
      for (guint k = 0; k < PHOTOS_PER_ACTIVITY && ok; k++, photo++)
        {
          g_autoptr(GBytes) bytes = unique_photo (bases[photo % N_BASES], photo);
          g_autoptr(SyEventPhoto) row = sy_event_photo_new ();
          g_autofree char *name = g_strdup_printf ("IMG_%05u.jpg", photo);
          g_autofree char *hash = sy_attachment_store_add_bytes (store, bytes, "image/jpeg", name, error);

          if (hash == NULL)
            {
              ok = FALSE;
              break;
            }
          sy_event_photo_set_event_id (row, event_id);
          sy_event_photo_set_attachment_hash (row, hash);
          sy_event_photo_set_caption (row, "慰问组与优抚对象亲切交谈");
          sy_event_photo_set_position (row, (int) k);
          sy_event_photo_set_in_ledger (row, TRUE);
          ok = insert (db, row, error);
        }
      if (e % 50 == 49)
        fprintf (stderr, "ledger-gen: %u activities\n", e + 1);
    }
  for (guint i = 0; i < N_BASES; i++)
    g_bytes_unref (bases[i]);
  return ok;
}

/* 2000 复员军人 with valid ID numbers and accounts, a 定期生活补助
 * standard for them, and the run of the last quarter, approved. */
static gboolean
write_run (SyDatabase *db, gint64 village_id, int year, GError **error)
{
  g_autoptr(SySubsidyStandard) standard = sy_subsidy_standard_new ();
  g_autoptr(SyRunRepo) runs = sy_run_repo_new (db);
  g_autofree char *from = g_strdup_printf ("%d-01-01", year);
  g_autofree char *period = g_strdup_printf ("%d-Q4", year);
  gint64 batch = 0;

  for (guint i = 0; i < N_RECIPIENTS; i++)
    {
      g_autoptr(SyRecipient) r = sy_recipient_new ();
      g_autoptr(SyRecipientCategory) c = sy_recipient_category_new ();
      GDate *birth = g_date_new_dmy ((GDateDay) (i % 28 + 1), (GDateMonth) (i % 12 + 1),
                                     (GDateYear) (1930 + i % 30));
      g_autofree char *id_number = sy_id_number_generate ("330102", birth, (int) (i / 360) * 2 + 1);
      g_autofree char *name = g_strdup_printf ("基准%04u", i);
      g_autofree char *account = g_strdup_printf ("6230%015u", i);
      char birth_iso[16];

      /* 30 years × 360 days: each birth date at most 6 times, sequences apart. */
      g_date_strftime (birth_iso, sizeof birth_iso, "%Y-%m-%d", birth);
      g_date_free (birth);
      sy_recipient_set_unit_id (r, village_id);
      sy_recipient_set_name (r, name);
      sy_recipient_set_sex (r, "男");
      sy_recipient_set_id_number (r, id_number);
      sy_recipient_set_birth_date (r, birth_iso);
      sy_recipient_set_hukou (r, "农村");
      sy_recipient_set_village (r, "东风村");
      sy_recipient_set_bank (r, "基准县农村商业银行");
      sy_recipient_set_account_name (r, name);
      sy_recipient_set_account (r, account);
      sy_recipient_set_status (r, "在册");
      if (!insert (db, r, error))
        return FALSE;
      sy_recipient_category_set_recipient_id (c, sy_record_get_id (SY_RECORD (r)));
      sy_recipient_category_set_category (c, "复员军人");
      if (!insert (db, c, error))
        return FALSE;
    }

  sy_subsidy_standard_set_kind (standard, "定期生活补助");
  sy_subsidy_standard_set_category (standard, "复员军人");
  sy_subsidy_standard_set_amount_fen (standard, 118000);
  sy_subsidy_standard_set_period (standard, "月");
  sy_subsidy_standard_set_effective_from (standard, from);
  if (!insert (db, standard, error))
    return FALSE;
  if (!sy_run_repo_create (runs, "定期生活补助", period, NULL, &batch, error)
      || !sy_run_repo_approve (runs, batch, error))
    return FALSE;
  {
    g_autoptr(SyDisbursementBatch) loaded = sy_run_repo_load (runs, batch, error);

    if (loaded == NULL)
      return FALSE;
    fprintf (stderr, "ledger-gen: run %" G_GINT64_FORMAT " with %d lines\n",
             batch, sy_disbursement_batch_get_line_count (loaded));
  }
  return TRUE;
}

static int
build (const char *dir, guint n, int year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  gint64 office_id = 0, village_id = 0;

  db = sy_database_open (dir, &error);
  if (db == NULL)
    {
      fprintf (stderr, "ledger-gen: %s\n", error->message);
      return 1;
    }
  if (!sy_database_begin (db, &error)
      || !write_office (db, &office_id, &village_id, &error)
      || !write_run (db, village_id, year, &error)
      || !write_activities (db, office_id, n, year, &error)
      || !sy_database_commit (db, &error))
    {
      sy_database_rollback (db);
      fprintf (stderr, "ledger-gen: %s\n", error->message);
      return 1;
    }
  fprintf (stderr, "ledger-gen: %s holds %u activities with %u photos\n", dir, n, n * PHOTOS_PER_ACTIVITY);
  return 0;
}

static int
prepare_only (const char *dir, int dpi, guint threads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = sy_database_open (dir, &error);
  g_autoptr(SyPhotoPrintCache) cache = NULL;
  g_autoptr(GdaDataModel) model = NULL;
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cache_dir = NULL;
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  guint n_failed = 0;
  gint64 start, bytes = 0;
  double seconds;

  if (db == NULL)
    {
      fprintf (stderr, "ledger-gen: %s\n", error->message);
      return 1;
    }
  model = sy_database_select (db, "SELECT attachment_hash FROM event_photo ORDER BY id", types, &error, NULL);
  if (model == NULL)
    {
      fprintf (stderr, "ledger-gen: %s\n", error->message);
      return 1;
    }
  for (int i = 0; i < gda_data_model_get_n_rows (model); i++)
    g_ptr_array_add (hashes, g_value_dup_string (gda_data_model_get_value_at (model, 0, i, NULL)));
  cache_dir = g_build_filename (dir, "print-cache", NULL);
  {
    g_autofree char *quoted = g_shell_quote (cache_dir);
    g_autofree char *cmd = g_strdup_printf ("rm -rf %s", quoted);
    if (system (cmd) != 0)
      return 1;
  }
  cache = sy_photo_print_cache_for_database (db);

  start = g_get_monotonic_time ();
  if (!sy_photo_print_cache_prepare (cache, (const char * const *) hashes->pdata, hashes->len, dpi,
                                     threads, &n_failed, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "ledger-gen: %s\n", error->message);
      return 1;
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  for (guint i = 0; i < hashes->len; i++)
    {
      g_autoptr(GBytes) copy = sy_photo_print_cache_lookup (cache, hashes->pdata[i], dpi);
      bytes += copy ? (gint64) g_bytes_get_size (copy) : 0;
    }
  printf ("prepare: %u photos in %.2f s (%.1f photos/s, %.1f ms/photo/core), %u failed, %.0f KB/copy\n",
          hashes->len, seconds, hashes->len / seconds,
          seconds * 1000 * (threads ? threads : g_get_num_processors ()) / MAX (hashes->len, 1),
          n_failed, bytes / 1024.0 / MAX (hashes->len, 1));
  return n_failed == 0 ? 0 : 1;
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  int activities = 200, year = 2025, dpi = SY_PHOTO_PRINT_DPI, threads = 0;
  gboolean prepare = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &dir, "The database directory", "DIR" },
    { "activities", 0, 0, G_OPTION_ARG_INT, &activities, "Activities (default 200)", "N" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "Their year (default 2025)", "Y" },
    { "prepare-only", 0, 0, G_OPTION_ARG_NONE, &prepare, "Time the print copies of DIR's photos", NULL },
    { "dpi", 0, 0, G_OPTION_ARG_INT, &dpi, "Print copy resolution (default 300)", "D" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Threads (default: one per core)", "T" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the ledger benchmark's office");
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || dir == NULL || activities <= 0)
    {
      fprintf (stderr, "ledger-gen: %s\n", error ? error->message : "--db DIR is required");
      return 2;
    }
  if (prepare)
    return prepare_only (dir, dpi, (guint) MAX (threads, 0));
  return build (dir, (guint) activities, year);
}
