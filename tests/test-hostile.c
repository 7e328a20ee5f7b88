/* test-hostile.c: input and conditions that try to break the store
 *
 * SQL metacharacters and 100 000-character strings in every text field of a
 * recipient, an event and a document; decompression-bomb images; a 1 GB
 * CSV (a sparse file, and an endless stream through a FIFO: nothing of that
 * size is ever written); a database from a newer schema; a full disk
 * during a ledger export (RLIMIT_FSIZE on the CLI child); the modes of the
 * database, attachments and backups; and the logs of an import, which must
 * never hold personal data.
 *
 * Run with --cli=PATH (tests/meson.build passes shuangyong-cli) for the
 * full-disk test; without it that test is skipped.
 */
#include <glib/gi18n.h>
#include "sy-store.h"
#include "sy-ledger.h"
#include "sy-photo-intake.h"
#include "sy-backup.h"
#include "sy-attachment-store.h"
#include "sy-test-util.h"
#include "sy-test-db.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <glib/gstdio.h>

static const char *cli_path;

/* Peak resident memory of this process so far, in bytes. */
static gint64
peak_rss (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return (gint64) usage.ru_maxrss * 1024;
}

static char *
make_work_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sy-hostile-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* --- SQL metacharacters and long strings ------------------------------- */

static const char *const metachars[] = {
  "'; DROP TABLE recipient; --",
  "\" OR \"1\"=\"1",
  "Robert'); DELETE FROM event WHERE ('1'='1",
  "' || (SELECT sqlite_version()) || '",
  "##name::string ##id::gint64",
  "%_\\%\\_ LIKE '%'",
  "/* comment */ -- line\n\r\t\x01\x7f",
  "王建国'\"；——《》「」𠀀😀",
  "NULL",
  "",
};

/* @n_chars characters (not bytes) of quotes, semicolons, backslashes and
 * CJK, so that a limit counted either way shows. */
static char *
long_string (gsize n_chars, guint salt)
{
  static const char *const pieces[] = { "'", "\"", ";", "\\", "-", "%", "王", "𠀀", "x", "\n" };
  GString *s = g_string_sized_new (n_chars * 2);

  for (gsize i = 0; i < n_chars; i++)
    g_string_append (s, pieces[(i * 7 + salt) % G_N_ELEMENTS (pieces)]);
  return g_string_free (s, FALSE);
}

static gboolean
is_text_field (const SyFieldSpec *spec)
{
  /* attachment_hash is a foreign key to the attachment table, not text a
   * user types. */
  return spec->type == SY_FIELD_STRING && !(spec->flags & SY_FIELD_DERIVED)
         && strcmp (spec->name, "attachment_hash") != 0;
}

/* Sets every text field of a new @type record to a hostile value, stores
 * it, loads it back and compares every field. */
static void
round_trip (SyDatabase *db, GType type, gboolean long_values, guint salt)
{
  g_autoptr(SyRecord) record = g_object_new (type, NULL);
  g_autoptr(SyRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;
  SyRecordClass *klass = SY_RECORD_GET_CLASS (record);
  const SyFieldSpec *fields;
  guint n_fields;
  guint n_text = 0;

  fields = sy_record_class_get_fields (klass, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *text = NULL;

      if (!is_text_field (&fields[i]))
        continue;
      /* One-line fields (names, numbers, dates) take SY_RECORD_LINE_MAX
       * characters, the limit itself; longer is refused (below). */
      if (long_values)
        text = long_string ((fields[i].flags & SY_FIELD_LINE) ? SY_RECORD_LINE_MAX : 100000, salt + i);
      else
        /* The field name keeps unique columns (id_number) unique. */
        text = g_strdup_printf ("%s%s", metachars[(salt + i) % G_N_ELEMENTS (metachars)],
                                fields[i].name);
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, text);
      sy_record_set_field_value (record, &fields[i], &value);
      n_text++;
    }
  g_assert_cmpuint (n_text, >=, 3);

  g_assert_true (sy_database_insert (db, record, &error));
  g_assert_no_error (error);
  loaded = sy_database_load (db, type, sy_record_get_id (record), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_fields; i++)
    {
      g_auto(GValue) want = G_VALUE_INIT;
      g_auto(GValue) got = G_VALUE_INIT;

      if (!is_text_field (&fields[i]))
        continue;
      sy_record_get_field_value (record, &fields[i], &want);
      sy_record_get_field_value (loaded, &fields[i], &got);
      if (g_strcmp0 (g_value_get_string (&want), g_value_get_string (&got)) != 0)
        g_error ("%s.%s changed on the way through the database",
                 sy_record_class_get_entity_name (klass), fields[i].name);
      if (long_values)
        g_assert_cmpint (g_utf8_strlen (g_value_get_string (&got), -1), ==,
                         (fields[i].flags & SY_FIELD_LINE) ? SY_RECORD_LINE_MAX : 100000);
    }
}

/* On SQLite, and on PostgreSQL under tests/pg/run-with-pg.sh (hostile-pg):
 * the same statements, the other parser and quoting rules. */
/* A one-line field one character over the limit, or 100 000 over: refused
 * with the field named, nothing written (on PostgreSQL such a value would
 * not even fit in its index). */
static void
refuse_long_line (SyDatabase *db, GType type)
{
  g_autoptr(SyRecord) record = g_object_new (type, NULL);
  g_autoptr(GError) error = NULL;
  SyRecordClass *klass = SY_RECORD_GET_CLASS (record);
  const SyFieldSpec *fields;
  guint n_fields, n_line = 0;
  gint64 audit_before = 0, audit_after = 0;

  g_assert_true (sy_database_query_int64 (db, &audit_before, "SELECT COUNT(*) FROM audit_log", &error, NULL));
  fields = sy_record_class_get_fields (klass, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *text = NULL;

      if (!(fields[i].flags & SY_FIELD_LINE))
        continue;
      g_value_init (&value, G_TYPE_STRING);
      text = long_string (n_line % 2 ? 100000 : SY_RECORD_LINE_MAX + 1, i);
      g_value_set_string (&value, text);
      sy_record_set_field_value (record, &fields[i], &value);
      g_assert_false (sy_database_insert (db, record, &error));
      g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, fields[i].label ? _(fields[i].label) : fields[i].name));
      g_clear_error (&error);
      g_value_set_string (&value, "x");
      sy_record_set_field_value (record, &fields[i], &value);
      n_line++;
    }
  g_assert_cmpuint (n_line, >=, 3);
  g_assert_true (sy_database_query_int64 (db, &audit_after, "SELECT COUNT(*) FROM audit_log", &error, NULL));
  g_assert_cmpint (audit_after, ==, audit_before);
}

static void
test_text_fields (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = sy_test_open_database (&dir);
  const GType types[] = { SY_TYPE_RECIPIENT, SY_TYPE_EVENT, SY_TYPE_DOCUMENT };
  const char *const tables[] = { "recipient", "event", "document" };

  g_assert_no_error (error);
  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      for (guint salt = 0; salt < G_N_ELEMENTS (metachars); salt++)
        round_trip (db, types[t], FALSE, salt);
      round_trip (db, types[t], TRUE, t);
      refuse_long_line (db, types[t]);
    }
  /* Nothing was dropped or deleted by the metacharacters. */
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[t]);
      gint64 n = 0;

      g_assert_true (sy_database_query_int64 (db, &n, sql, &error, NULL));
      g_assert_no_error (error);
      g_assert_cmpint (n, ==, G_N_ELEMENTS (metachars) + 1);
    }
  g_clear_object (&db);
  sy_test_remove_tree (dir);
}

/* --- decompression bombs ---------------------------------------------- */

static guint32
crc32_of (const guint8 *data, gsize len)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
  return ~crc;
}

/* A real 16 × 16 picture from gdk-pixbuf, saved as @type. */
static guint8 *
small_picture (const char *type, gsize *len)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;

  gdk_pixbuf_fill (pixbuf, 0xc0302000);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, len, type, &error, NULL));
  g_assert_no_error (error);
  return (guint8 *) buffer;
}

static void
put_be32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

/* The small PNG with its IHDR claiming @width × @height (CRC fixed up, so
 * only the size gives it away). */
static GBytes *
png_bomb (guint32 width, guint32 height)
{
  gsize len;
  guint8 *data = small_picture ("png", &len);

  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  put_be32 (data + 16, width);
  put_be32 (data + 20, height);
  put_be32 (data + 29, crc32_of (data + 12, 17));
  return g_bytes_new_take (data, len);
}

/* The small JPEG with its SOF frame claiming @width × @height. */
static GBytes *
jpeg_bomb (guint16 width, guint16 height)
{
  gsize len;
  guint8 *data = small_picture ("jpeg", &len);
  gsize i = 2;

  while (i + 9 < len)
    {
      guint8 marker;

      g_assert_cmpuint (data[i], ==, 0xff);
      marker = data[i + 1];
      if (marker >= 0xc0 && marker <= 0xc2)
        {
          data[i + 5] = height >> 8, data[i + 6] = height & 0xff;
          data[i + 7] = width >> 8, data[i + 8] = width & 0xff;
          return g_bytes_new_take (data, len);
        }
      i += 2 + ((data[i + 2] << 8) | data[i + 3]);
    }
  g_assert_not_reached ();
}

static void
assert_bomb_refused (GBytes *bytes, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  gint64 before = peak_rss ();
  SyPhotoInfo info = { 0 };

  g_assert_false (sy_photo_intake_probe (bytes, name, &info, &error));
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, name));
  sy_photo_info_clear (&info);
  /* The full check refuses it too, at the same early point. */
  thumbnail = sy_photo_intake_check (bytes, name, 64, &info, &check_error);
  g_assert_null (thumbnail);
  g_assert_error (check_error, SY_ERROR, SY_ERROR_INVALID);
  sy_photo_info_clear (&info);
  /* Decoding 30 000 × 30 000 would take gigabytes and seconds. */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 2.0);
  g_assert_cmpint (peak_rss () - before, <, 64 * 1024 * 1024);
  g_test_message ("%s: %s", name, error->message);
}

static void
test_image_bombs (void)
{
  g_autoptr(GBytes) png_sides = png_bomb (30000, 30000);
  g_autoptr(GBytes) png_pixels = png_bomb (19000, 19000);
  g_autoptr(GBytes) jpeg_sides = jpeg_bomb (30000, 30000);
  g_autoptr(GBytes) jpeg_pixels = jpeg_bomb (15000, 15000);

  g_assert_cmpuint (g_bytes_get_size (png_sides), <, 4096);
  assert_bomb_refused (png_sides, "bomb.png");
  assert_bomb_refused (png_pixels, "pixels.png");
  assert_bomb_refused (jpeg_sides, "bomb.jpg");
  assert_bomb_refused (jpeg_pixels, "pixels.jpg");
}

/* --- a 1 GB CSV ----------------------------------------------------------- */

static const char csv_header[] = "姓名,身份证号,联系电话\n";

static void
assert_too_large (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  g_autoptr(SyTable) table = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = peak_rss ();

  table = sy_csv_reader_read_file (reader, file, "huge.csv", NULL, &error);
  g_assert_null (table);
  g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "huge.csv"));
  g_test_message ("%s", error->message);
  /* Bounded by the limit, far below the 1 GB offered. */
  g_assert_cmpint (peak_rss () - before, <, 2 * (gint64) SY_CSV_MAX_FILE_SIZE + 64 * 1024 * 1024);
}

static void
test_csv_sparse_gigabyte (void)
{
  g_autofree char *dir = make_work_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.csv", NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  gint64 before = peak_rss ();
  struct stat st;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, csv_header, strlen (csv_header)), ==, (gssize) strlen (csv_header));
  /* A hole: 1 GB by its size, almost nothing on the disk. */
  g_assert_cmpint (ftruncate (fd, (off_t) 1 << 30), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, (gint64) 1 << 30);

  assert_too_large (path);
  /* Refused by its size, unread. */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 1.0);
  g_assert_cmpint (peak_rss () - before, <, 16 * 1024 * 1024);
  sy_test_remove_tree (dir);
}

typedef struct {
  char   *path;
  guint64 written;
} Feeder;

/* Writes an endless CSV (up to 1 GB) into the FIFO until the reader hangs up. */
static gpointer
feed_fifo (gpointer data)
{
  Feeder *feeder = data;
  GString *chunk = g_string_new (NULL);
  int fd = g_open (feeder->path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  for (guint i = 0; chunk->len < 64 * 1024; i++)
    g_string_append_printf (chunk, "王%05u,11010519491231%04u,1380000%04u\n", i, i % 10000, i % 10000);
  if (write (fd, csv_header, strlen (csv_header)) > 0)
    while (feeder->written < ((guint64) 1 << 30))
      {
        gssize n = write (fd, chunk->str, chunk->len);

        if (n <= 0)
          break;  /* EPIPE: the reader gave up, as it should */
        feeder->written += n;
      }
  close (fd);
  g_string_free (chunk, TRUE);
  return NULL;
}

static void
test_csv_endless_stream (void)
{
  g_autofree char *dir = make_work_dir ();
  Feeder feeder = { g_build_filename (dir, "huge.csv", NULL), 0 };
  GThread *thread;

  /* The feeder learns that the reader hung up from EPIPE. */
  signal (SIGPIPE, SIG_IGN);
  g_assert_cmpint (mkfifo (feeder.path, 0600), ==, 0);
  thread = g_thread_new ("feeder", feed_fifo, &feeder);
  assert_too_large (feeder.path);
  g_thread_join (thread);
  /* The reader stopped soon after the limit, not at the end of the 1 GB. */
  g_assert_cmpuint (feeder.written, >, SY_CSV_MAX_FILE_SIZE);
  g_assert_cmpuint (feeder.written, <, (guint64) SY_CSV_MAX_FILE_SIZE + 16 * 1024 * 1024);
  g_free (feeder.path);
  sy_test_remove_tree (dir);
}

/* --- a database from a newer version ------------------------------------- */

static void
test_newer_schema (void)
{
  g_autofree char *dir = make_work_dir ();
  g_autofree char *db_file = g_build_filename (dir, "office.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = sy_database_open (dir, &error);
  SyDatabase *again;
  struct stat st_before, st_after;
  int newer = sy_database_get_known_schema_version () + 1;

  g_assert_no_error (error);
  g_assert_cmpint (sy_database_execute (db, "INSERT INTO schema_migration (version, applied_at) "
                                            "VALUES (##v::gint, '2099-01-01T00:00:00')",
                                        &error, "v", G_TYPE_INT, newer, NULL), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&db);

  before = file_sha256 (db_file);
  g_assert_cmpint (g_stat (db_file, &st_before), ==, 0);
  again = sy_database_open (dir, &error);
  g_assert_null (again);
  g_assert_error (error, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW);
  g_assert_nonnull (strstr (error->message, dir));
  g_test_message ("%s", error->message);
  after = file_sha256 (db_file);
  g_assert_cmpint (g_stat (db_file, &st_after), ==, 0);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (st_before.st_size, ==, st_after.st_size);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
  sy_test_remove_tree (dir);
}

/* A shared database migrated by a newer version: refused when opened,
 * and the opening changes nothing (no migration row, no table). */
static void
test_newer_schema_shared (void)
{
  g_autofree char *files = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  const char *digest_sql = "SELECT COUNT(*) || ':' || MAX(version) || ':' || "
                           "(SELECT COUNT(*) FROM information_schema.tables "
                           "WHERE table_schema = current_schema ()) FROM schema_migration";
  int newer = sy_database_get_known_schema_version () + 1;

  if (!sy_test_database_is_postgres ())
    {
      g_test_skip ("needs the test PostgreSQL server (tests/pg/run-with-pg.sh)");
      return;
    }
  db = sy_test_open_database (&files);
  uri = g_strdup (sy_database_get_directory (db));
  g_assert_cmpint (sy_database_execute (db, "INSERT INTO schema_migration (version, applied_at) "
                                            "VALUES (##v::gint, '2099-01-01T00:00:00')",
                                        &error, "v", G_TYPE_INT, newer, NULL), ==, 1);
  g_assert_no_error (error);
  before = sy_test_db_text (db, digest_sql);
  g_clear_object (&db);

  db = sy_database_open (uri, &error);
  g_assert_null (db);
  g_assert_error (error, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* What the refused open left: read after taking the forged row out
   * again (every way in through the store is refused while it is there). */
  {
    const char *dbname = strrchr (uri, '/') + 1;
    g_autofree char *sql = g_strdup_printf ("DELETE FROM schema_migration WHERE version = %d", newer);

    sy_test_pg_execute (dbname, sql);
    db = sy_database_open (uri, &error);
    g_assert_no_error (error);
    after = sy_test_db_text (db, digest_sql);
  }
  /* Only the forged row differed: everything else as before. */
  {
    g_auto(GStrv) b = g_strsplit (before, ":", -1);
    g_auto(GStrv) a = g_strsplit (after, ":", -1);

    g_assert_cmpint (g_ascii_strtoll (a[0], NULL, 10), ==, g_ascii_strtoll (b[0], NULL, 10) - 1);
    g_assert_cmpint (g_ascii_strtoll (a[1], NULL, 10), ==, newer - 1);
    g_assert_cmpstr (a[2], ==, b[2]);
  }
  g_clear_object (&db);
  sy_test_remove_tree (files);
}

/* --- a full disk during a ledger export --------------------------------- */

static int
run_cli (const char *const *args, GSpawnChildSetupFunc setup, char **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               setup, NULL, NULL, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}

/* In the child, before exec: no file may grow past 1 MB (a full disk, for
 * this process only), and the write fails with EFBIG instead of SIGXFSZ. */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 1024 * 1024, 1024 * 1024 };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* Counts and sums that change if any committed row changes. */
static char *
database_fingerprint (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = sy_database_open (dir, &error);
  const char *const queries[] = {
    "SELECT count(*) FROM recipient",
    "SELECT total(length(name) + length(coalesce(address, ''))) FROM recipient",
    "SELECT count(*) FROM disbursement_line",
    "SELECT total(amount_fen) FROM disbursement_line",
    "SELECT count(*) FROM event",
    "SELECT count(*) FROM attachment",
    "SELECT count(*) FROM audit_log",
  };
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      gint64 n = 0;

      g_assert_true (sy_database_query_int64 (db, &n, queries[i], &error, NULL));
      g_assert_no_error (error);
      g_string_append_printf (s, "%" G_GINT64_FORMAT " ", n);
    }
  return g_string_free (s, FALSE);
}

static void
test_full_disk_export (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db_dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *old_hash = NULL;
  g_autofree char *new_hash = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *year = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gint64 max_year = 0;

  if (cli_path == NULL)
    {
      g_test_skip ("run with --cli=PATH to shuangyong-cli");
      return;
    }
  dir = make_work_dir ();
  db_dir = g_build_filename (dir, "db", NULL);
  out = g_build_filename (dir, "out.pdf", NULL);
  {
    const char *init[] = { "--db", db_dir, "init", NULL };
    const char *demo[] = { "--db", db_dir, "demo", "--seed", "3", NULL };

    g_assert_cmpint (run_cli (init, NULL, NULL), ==, 0);
    g_assert_cmpint (run_cli (demo, NULL, NULL), ==, 0);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SyDatabase) db = sy_database_open (db_dir, &error);

    g_assert_no_error (error);
    g_assert_true (sy_database_query_int64 (db, &max_year,
                                            "SELECT CAST(max(substr(period, 1, 4)) AS INTEGER) "
                                            "FROM disbursement_batch", &error, NULL));
    g_assert_no_error (error);
    year = g_strdup_printf ("%" G_GINT64_FORMAT, max_year);
  }
  {
    const char *ledger[] = { "--db", db_dir, "ledger", "--from", year, "--to", year, "-o", out, NULL };
    const char *check[] = { "--db", db_dir, "check", NULL };
    struct stat st;

    /* The old PDF, larger than the limit, so the new one cannot fit. */
    g_assert_cmpint (run_cli (ledger, NULL, NULL), ==, 0);
    g_assert_cmpint (g_stat (out, &st), ==, 0);
    g_assert_cmpint (st.st_size, >, 1024 * 1024);
    old_hash = file_sha256 (out);
    before = database_fingerprint (db_dir);

    g_assert_cmpint (run_cli (ledger, limit_file_size, &err), !=, 0);
    g_strchomp (err);
    /* The last line is the message (progress lines come before it). */
    g_test_message ("ledger on a full disk: %s", strrchr (err, '\n') ? strrchr (err, '\n') + 1 : err);
    g_assert_nonnull (strstr (err, "out.pdf"));

    new_hash = file_sha256 (out);
    g_assert_cmpstr (old_hash, ==, new_hash);
    g_assert_cmpint (run_cli (check, NULL, NULL), ==, 0);
    after = database_fingerprint (db_dir);
    g_assert_cmpstr (before, ==, after);
  }
  /* The failed export cleans up after itself. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (strcmp (name, "db") != 0 && strcmp (name, "out.pdf") != 0)
      g_error ("the failed export left %s behind", name);
  sy_test_remove_tree (dir);
}

/* --- modes of the files that hold personal data ------------------------- */

static void
assert_mode (const char *path, mode_t want)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if ((st.st_mode & 0777) != want)
    g_error ("%s has mode %03o, expected %03o", path, st.st_mode & 0777, want);
}

static void
assert_modes_below (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  assert_mode (dir, 0700);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        assert_modes_below (path);
      else
        assert_mode (path, 0600);
    }
}

static void
test_permissions (void)
{
  g_autofree char *dir = make_work_dir ();
  g_autofree char *db_dir = g_build_filename (dir, "office", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.tar", NULL);
  g_autofree char *db_file = g_build_filename (db_dir, "office.db", NULL);
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(GBytes) photo = g_bytes_new_static ("not really a photo", 18);
  mode_t old_umask = umask (022);

  /* With a permissive umask, as on most desktops. */
  db = sy_database_open (db_dir, &error);
  g_assert_no_error (error);
  hash = sy_attachment_store_add_bytes (sy_database_get_attachments (db), photo,
                                        "image/jpeg", "证件.jpg", &error);
  g_assert_no_error (error);
  g_assert_nonnull (hash);
  /* While open: the database folder, office.db and its WAL files, the
   * attachment folders and files. */
  assert_modes_below (db_dir);
  assert_mode (db_file, 0600);

  g_assert_true (sy_backup_create (db, backup, NULL, &error));
  g_assert_no_error (error);
  assert_mode (backup, 0600);
  g_clear_object (&db);
  assert_modes_below (db_dir);
  umask (old_umask);
  sy_test_remove_tree (dir);
}

/* --- no personal data in the logs ----------------------------------------- */

static GString *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  if (captured_log != NULL)
    for (gsize i = 0; i < n_fields; i++)
      if (strcmp (fields[i].key, "MESSAGE") == 0)
        {
          g_string_append_len (captured_log, fields[i].value,
                               fields[i].length < 0 ? (gssize) strlen (fields[i].value)
                                                    : fields[i].length);
          g_string_append_c (captured_log, '\n');
        }
  /* Errors and criticals still fail the test. */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, data);
  return G_LOG_WRITER_HANDLED;
}

static void
import_csv (SyDatabase *db, const char *text, gboolean skip_invalid, gboolean expect_ok)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SyTable) table = sy_csv_reader_read_bytes (reader, bytes, "roster.csv", &error);
  g_autoptr(SyRecipientMapping) mapping = NULL;
  g_autoptr(SyRecipientImporter) importer = NULL;

  g_assert_no_error (error);
  mapping = sy_recipient_mapping_new (table);
  importer = sy_recipient_importer_new (db, mapping);
  sy_recipient_importer_set_skip_invalid (importer, skip_invalid);
  g_assert_true (sy_recipient_importer_commit (importer, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sy_recipient_importer_get_committed (importer) == expect_ok);
}

static void
test_no_personal_data_in_logs (void)
{
  g_autofree char *dir = make_work_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SyDatabase) db = NULL;
  g_autoptr(GDate) birth = g_date_new_dmy (17, G_DATE_MARCH, 1961);
  g_autofree char *id = sy_id_number_generate ("360426", birth, 123);
  g_autofree char *id2 = sy_id_number_generate ("360426", birth, 125);
  g_autofree char *bad_id = g_strdup (id);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  const char *const secrets[] = { "13912345678", "6228480012345678", "桃花源路88号" };

  bad_id[17] = bad_id[17] == '0' ? '1' : '0';
  first = g_strdup_printf ("姓名,身份证号,联系电话,账号,住址,优抚类别\n"
                           "欧阳秀英,%s,13912345678,6228480012345678,桃花源路88号,退役士兵\n", id);
  /* The same person renamed (a warning), a bad check character and a
   * duplicate (errors): every message path of the importer. */
  second = g_strdup_printf ("姓名,身份证号,联系电话,账号,住址,优抚类别\n"
                            "欧阳秀兰,%s,13912345678,6228480012345678,桃花源路88号,退役士兵\n"
                            "慕容雪,%s,13912345678,6228480012345678,桃花源路88号,退役士兵\n"
                            "慕容雪,%s,13912345678,6228480012345678,桃花源路88号,退役士兵\n"
                            "慕容雪,%s,13912345678,6228480012345678,桃花源路88号,退役士兵\n",
                            id, bad_id, id2, id2);
  third = g_strdup_printf ("姓名,身份证号,联系电话\n欧阳秀兰,%s,13912345678\n", id);

  captured_log = g_string_new (NULL);
  g_debug ("log capture works");
  db = sy_database_open (dir, &error);
  g_assert_no_error (error);
  import_csv (db, first, FALSE, TRUE);
  import_csv (db, second, FALSE, FALSE);
  import_csv (db, second, TRUE, TRUE);
  import_csv (db, third, FALSE, TRUE);
  g_clear_object (&db);

  g_assert_nonnull (strstr (captured_log->str, "log capture works"));
  g_test_message ("%u bytes of log captured", (guint) captured_log->len);
  /* No ID number, not even its first 14 digits (region and birth date). */
  for (const char *const *p = (const char *const[]) { id, id2, bad_id, NULL }; *p != NULL; p++)
    {
      g_autofree char *prefix = g_strndup (*p, 14);

      if (strstr (captured_log->str, prefix) != NULL)
        g_error ("an ID number reached the log:\n%s", captured_log->str);
    }
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (strstr (captured_log->str, secrets[i]) != NULL)
      g_error ("%s reached the log:\n%s", secrets[i], captured_log->str);
  for (const char *const *p = (const char *const[]) { "欧阳秀", "慕容雪", NULL }; *p != NULL; p++)
    if (strstr (captured_log->str, *p) != NULL)
      g_error ("a name reached the log:\n%s", captured_log->str);
  g_string_free (captured_log, TRUE);
  captured_log = NULL;
  sy_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  /* Debug messages too: they are the ones most likely to carry a value. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--cli="))
      cli_path = argv[i] + strlen ("--cli=");

  g_test_add_func ("/hostile/db/text-fields", test_text_fields);
  g_test_add_func ("/hostile/image-bombs", test_image_bombs);
  g_test_add_func ("/hostile/csv/sparse-gigabyte", test_csv_sparse_gigabyte);
  g_test_add_func ("/hostile/csv/endless-stream", test_csv_endless_stream);
  g_test_add_func ("/hostile/newer-schema", test_newer_schema);
  g_test_add_func ("/hostile/db/newer-schema-shared", test_newer_schema_shared);
  g_test_add_func ("/hostile/full-disk-export", test_full_disk_export);
  g_test_add_func ("/hostile/permissions", test_permissions);
  g_test_add_func ("/hostile/no-personal-data-in-logs", test_no_personal_data_in_logs);
  return g_test_run ();
}
