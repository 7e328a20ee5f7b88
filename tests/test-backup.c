/* test-backup.c: backups, restores and the database check on the demo office
 *
 * The demo office is made once (a couple of seconds) and each test works on
 * its own copy.  Work goes to /dev/shm when there is one: the database
 * fsyncs every commit, which costs seconds on a disk and nothing in RAM.
 */
#include "sy-demo.h"
#include "sy-test-util.h"
#include "sy-test-db.h"
#include "sy-backup.h"
#include "sy-check.h"
#include "sy-attachment-store.h"

#include <archive.h>
#include <archive_entry.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

static char *work_root;
static char *template_dir;

static void
copy_tree (const char *from, const char *to)
{
  const char *argv[] = { "cp", "-a", from, to, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

/* A fresh copy of the demo office; caller frees. */
static char *
new_office (const char *name)
{
  g_autofree char *dir = g_build_filename (work_root, name, NULL);

  sy_test_remove_tree (dir);
  copy_tree (template_dir, dir);
  return g_steal_pointer (&dir);
}

static SyDatabase *
open_db (const char *dir)
{
  g_autoptr(GError) error = NULL;
  SyDatabase *db = sy_database_open (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
tree_digest_into (GChecksum *sum, const char *root, const char *rel)
{
  g_autofree char *path = rel ? g_build_filename (root, rel, NULL) : g_strdup (root);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *child_rel = rel ? g_build_filename (rel, n, NULL) : g_strdup (n);
      g_autofree char *child = g_build_filename (root, child_rel, NULL);

      g_checksum_update (sum, (const guchar *) child_rel, -1);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        tree_digest_into (sum, root, child_rel);
      else if (strcmp (child_rel, "office.db") == 0)
        {
          g_autofree char *data = NULL;
          gsize len = 0;
          g_assert_true (g_file_get_contents (child, &data, &len, NULL));
          g_checksum_update (sum, (const guchar *) data, len);
        }
      else
        {
          /* Attachments: any write changes size, inode or mtime (hashing
           * them all for every refusal would cost seconds). */
          struct stat st;
          g_autofree char *meta = NULL;

          g_assert_cmpint (lstat (child, &st), ==, 0);
          meta = g_strdup_printf ("%lld %llu %lld.%09ld", (long long) st.st_size,
                                  (unsigned long long) st.st_ino, (long long) st.st_mtim.tv_sec,
                                  st.st_mtim.tv_nsec);
          g_checksum_update (sum, (const guchar *) meta, -1);
        }
    }
}

/* A digest of a folder — names, every byte of the database, the identity
 * of every other file —: "untouched" means equal. */
static char *
tree_digest (const char *root)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  tree_digest_into (sum, root, NULL);
  return g_strdup (g_checksum_get_string (sum));
}

static void
touch_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
}

/* Row counts of every table, a few values, and the attachment hashes: what
 * a restore must bring back. */
static char *
snapshot_of (SyDatabase *db)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *tables = sy_test_db_text (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%' ORDER BY name");
  g_auto(GStrv) names = g_strsplit (tables, "\n", -1);

  for (guint i = 0; names[i] && *names[i]; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM \"%s\"", names[i]);
      g_string_append_printf (out, "%s %" G_GINT64_FORMAT "\n", names[i], sy_test_db_count (db, sql));
    }
  {
    g_autofree char *values = sy_test_db_text (db, "SELECT id, name, id_number FROM recipient ORDER BY id LIMIT 5");
    g_autofree char *settings = sy_test_db_text (db, "SELECT key, value FROM setting ORDER BY key");
    g_autofree char *hashes = sy_test_db_text (db, "SELECT hash, size FROM attachment ORDER BY hash");
    g_string_append (out, values);
    g_string_append (out, settings);
    g_string_append (out, hashes);
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_no_leftovers (void)
{
  g_autoptr(GDir) dir = g_dir_open (work_root, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)))
    {
      g_assert_false (strstr (name, ".restore-") != NULL);
      g_assert_false (strstr (name, ".old-") != NULL);
      g_assert_false (strstr (name, ".backup-") != NULL);
      g_assert_false (strstr (name, ".tmp-") != NULL);
    }
}

static char *
make_backup (const char *office, const char *name, SyBackupReport *report)
{
  g_autoptr(SyDatabase) db = open_db (office);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (work_root, name, NULL);

  g_assert_true (sy_backup_create (db, path, report, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* The office the refusal tests try to damage (each checks that it stays
 * untouched, so they can share it) and its backup. */
static char *shared_dir;
static char *shared_backup;

static const char *
shared_office (void)
{
  if (!shared_dir)
    {
      shared_dir = new_office ("shared");
      shared_backup = make_backup (shared_dir, "shared.tar", NULL);
    }
  return shared_dir;
}

/* A copy of the shared office's backup, to be altered. */
static char *
shared_backup_copy (const char *name)
{
  g_autofree char *path = g_build_filename (work_root, name, NULL);
  g_autofree char *data = NULL;
  gsize len = 0;

  shared_office ();
  g_assert_true (g_file_get_contents (shared_backup, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return g_steal_pointer (&path);
}

/* ---- round trip ------------------------------------------------------- */

static void
test_round_trip (void)
{
  g_autofree char *office = new_office ("round-trip");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *extra_hash = NULL;
  g_autofree char *extra_path = NULL;
  g_auto(SyBackupReport) report = { 0 };
  g_auto(SyBackupReport) restored = { 0 };
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  gint64 n_attachments;

  {
    g_autoptr(SyDatabase) db = open_db (office);
    before = snapshot_of (db);
    n_attachments = sy_test_db_count (db, "SELECT COUNT(*) FROM attachment");
    g_assert_cmpint (n_attachments, >, 10);
  }
  path = make_backup (office, "round-trip.tar", &report);
  g_assert_cmpint (report.n_attachments, ==, n_attachments);
  g_assert_cmpint (report.schema_version, ==, sy_database_get_known_schema_version ());
  g_assert_null (report.missing);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  assert_no_leftovers ();

  /* Change the office after the backup: a setting, a person, a new
   * attachment, a deleted one's row reference. */
  {
    g_autoptr(SyDatabase) db = open_db (office);
    g_autoptr(GBytes) bytes = g_bytes_new_static ("not in the backup", 17);

    g_assert_true (sy_database_set_setting (db, "office-name", "改过的名字", &error));
    g_assert_no_error (error);
    g_assert_cmpint (sy_database_execute (db, "UPDATE recipient SET name = '改名' WHERE id = "
                                              "(SELECT MIN(id) FROM recipient)", &error, NULL), ==, 1);
    g_assert_no_error (error);
    extra_hash = sy_attachment_store_add_bytes (sy_database_get_attachments (db), bytes,
                                                "text/plain", "x.txt", &error);
    g_assert_no_error (error);
    extra_path = sy_attachment_store_get_path (sy_database_get_attachments (db), extra_hash);
    g_assert_true (g_file_test (extra_path, G_FILE_TEST_EXISTS));
    after = snapshot_of (db);
    g_assert_cmpstr (after, !=, before);
  }

  g_assert_true (sy_backup_restore (path, office, &restored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (restored.n_attachments, ==, n_attachments);
  g_assert_null (restored.missing);
  assert_no_leftovers ();
  g_assert_false (g_file_test (extra_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (office, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  {
    g_autoptr(SyDatabase) db = open_db (office);
    g_autoptr(GPtrArray) findings = NULL;
    g_autofree char *now = snapshot_of (db);
    g_autofree char *hashes = sy_test_db_text (db, "SELECT hash FROM attachment");
    g_auto(GStrv) list = g_strsplit (hashes, "\n", -1);

    g_assert_cmpstr (now, ==, before);
    /* Every attachment file is back with its content. */
    for (guint i = 0; list[i] && *list[i]; i++)
      {
        g_autoptr(GBytes) b = sy_attachment_store_load (sy_database_get_attachments (db), list[i], &error);
        g_assert_no_error (error);
        g_assert_nonnull (b);
      }
    findings = sy_check_run (db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (findings->len, ==, 0);
  }
}

/* Where the file system cannot exchange two names, the old folder is
 * renamed aside and the new one in. */
static void
test_two_renames (void)
{
  g_autofree char *office = new_office ("two-renames");
  g_autofree char *before = NULL;
  g_autofree char *path = make_backup (office, "two-renames.tar", NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(SyDatabase) db = open_db (office);
    before = snapshot_of (db);
    g_assert_true (sy_database_set_setting (db, "office-name", "改过的名字", &error));
    g_assert_no_error (error);
  }
  _sy_backup_set_no_exchange (TRUE);
  g_assert_true (sy_backup_restore (path, office, NULL, &error));
  _sy_backup_set_no_exchange (FALSE);
  g_assert_no_error (error);
  assert_no_leftovers ();
  {
    g_autoptr(SyDatabase) db = open_db (office);
    g_autofree char *now = snapshot_of (db);
    g_assert_cmpstr (now, ==, before);
  }
}

/* A restore killed before its swap leaves a temporary folder behind; the
 * next restore removes it. */
static void
test_stale_temporary_folder (void)
{
  g_autofree char *office = new_office ("stale");
  g_autofree char *path = make_backup (office, "stale.tar", NULL);
  g_autofree char *stale = g_build_filename (work_root, ".stale.restore-AbC123", NULL);
  g_autofree char *other = g_build_filename (work_root, ".stale.old-AbC123", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (stale, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (other, 0700), ==, 0);
  touch_file (stale, "office.db");
  g_assert_true (sy_backup_restore (path, office, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  /* Never an ".old-" folder: it may be the only copy. */
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_rmdir (other);
}

/* ---- archives that must be refused ------------------------------------ */

/* The offset of the data of the first tar member whose name starts with
 * @prefix (ustar headers: name at 0, octal size at 124). */
static gsize
tar_member_offset (const guint8 *data, gsize len, const char *prefix)
{
  gsize off = 0;

  while (off + 512 <= len && data[off] != '\0')
    {
      char size_text[13] = { 0 };
      guint64 size;

      memcpy (size_text, data + off + 124, 12);
      size = g_ascii_strtoull (size_text, NULL, 8);
      if (strncmp ((const char *) data + off, prefix, strlen (prefix)) == 0 && size > 0)
        return off + 512;
      off += 512 + (size + 511) / 512 * 512;
    }
  g_assert_not_reached ();
  return 0;
}

static void
flip_byte (const char *path, const char *member_prefix, gsize skip)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  gsize off;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  off = tar_member_offset ((const guint8 *) data, len, member_prefix) + skip;
  data[off] ^= 0x01;
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

static void
assert_restore_refused (const char *backup, const char *office, GQuark domain, int code,
                        const char *message_part)
{
  g_autofree char *before = tree_digest (office);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (sy_backup_restore (backup, office, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_error (error, domain, code);
  if (message_part)
    g_assert_nonnull (strstr (error->message, message_part));
  after = tree_digest (office);
  g_assert_cmpstr (after, ==, before);
  assert_no_leftovers ();
}

static void
test_tampered_attachment (void)
{
  const char *office = shared_office ();
  g_autofree char *path = shared_backup_copy ("tampered-attachment.tar");

  flip_byte (path, "attachments/", 100);
  assert_restore_refused (path, office, SY_ERROR, SY_ERROR_INVALID, "attachments/");
  /* verify alone says the same, without a folder to restore to. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (sy_backup_verify (path, NULL, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  }
}

static void
test_tampered_database (void)
{
  const char *office = shared_office ();
  g_autofree char *path = shared_backup_copy ("tampered-db.tar");

  flip_byte (path, "office.db", 5000);
  assert_restore_refused (path, office, SY_ERROR, SY_ERROR_INVALID, "office.db");
}

typedef gboolean (*EntryFilter) (struct archive *out, struct archive_entry *entry,
                                 const void *data, gsize len, gpointer user_data);

/* Copies backup @from to @to through @filter, which writes (or not) each
 * entry itself. */
static void
rewrite_archive (const char *from, const char *to, EntryFilter filter, gpointer user_data)
{
  struct archive *in = archive_read_new ();
  struct archive *out = archive_write_new ();
  struct archive_entry *entry;

  archive_read_support_format_tar (in);
  g_assert_cmpint (archive_read_open_filename (in, from, 65536), ==, ARCHIVE_OK);
  archive_write_set_format_pax_restricted (out);
  g_assert_cmpint (archive_write_open_filename (out, to), ==, ARCHIVE_OK);
  while (archive_read_next_header (in, &entry) == ARCHIVE_OK)
    {
      gsize len = archive_entry_size (entry);
      g_autofree char *data = g_malloc (len + 1);
      gsize got = 0;

      while (got < len)
        {
          la_ssize_t n = archive_read_data (in, data + got, len - got);
          g_assert_cmpint (n, >, 0);
          got += n;
        }
      data[len] = '\0';
      if (!filter || !filter (out, entry, data, len, user_data))
        {
          g_assert_cmpint (archive_write_header (out, entry), ==, ARCHIVE_OK);
          g_assert_cmpint (archive_write_data (out, data, len), ==, (la_ssize_t) len);
        }
    }
  archive_read_free (in);
  archive_write_close (out);
  archive_write_free (out);
}

/* Writes @text as the manifest entry @entry stood for. */
static void
write_manifest (struct archive *out, struct archive_entry *entry, const char *text)
{
  struct archive_entry *copy = archive_entry_clone (entry);

  archive_entry_set_size (copy, strlen (text));
  g_assert_cmpint (archive_write_header (out, copy), ==, ARCHIVE_OK);
  archive_write_data (out, text, strlen (text));
  archive_entry_free (copy);
}

/* A change of the manifest's text: @pattern (a regex) replaced by
 * @replacement, which must leave @expect in it. */
typedef struct {
  const char *pattern;
  const char *replacement;
  const char *expect;
} ManifestEdit;

static gboolean
edit_manifest_filter (struct archive *out, struct archive_entry *entry, const void *data, gsize len,
                      gpointer user_data)
{
  const ManifestEdit *edit = user_data;
  g_autoptr(GRegex) re = NULL;
  g_autofree char *changed = NULL;

  if (strcmp (archive_entry_pathname (entry), "manifest.json") != 0)
    return FALSE;
  re = g_regex_new (edit->pattern, 0, 0, NULL);
  changed = g_regex_replace (re, data, len, 0, edit->replacement, 0, NULL);
  g_assert_nonnull (strstr (changed, edit->expect));
  write_manifest (out, entry, changed);
  return TRUE;
}

static void
test_newer_schema (void)
{
  const char *office = shared_office ();
  g_autofree char *path = shared_backup_copy ("newer.tar");
  g_autofree char *forged = g_build_filename (work_root, "newer-999.tar", NULL);
  ManifestEdit edit = { "\"schema_version\": [0-9]+", "\"schema_version\": 999", "999" };

  rewrite_archive (path, forged, edit_manifest_filter, &edit);
  assert_restore_refused (forged, office, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW, "999");
}

/* Adds one extra entry after the manifest. */
static gboolean
add_entry_filter (struct archive *out, struct archive_entry *entry, const void *data, gsize len,
                  gpointer user_data)
{
  struct archive_entry *extra = user_data;

  if (strcmp (archive_entry_pathname (entry), "manifest.json") != 0)
    return FALSE;
  g_assert_cmpint (archive_write_header (out, entry), ==, ARCHIVE_OK);
  archive_write_data (out, data, len);
  g_assert_cmpint (archive_write_header (out, extra), ==, ARCHIVE_OK);
  if (archive_entry_size (extra) > 0)
    archive_write_data (out, "evil!", 5);
  return TRUE;
}

static void
test_unsafe_paths (void)
{
  const char *office = shared_office ();
  g_autofree char *path = shared_backup_copy ("unsafe.tar");
  g_autofree char *parent = g_path_get_dirname (office);
  g_autofree char *evil = g_build_filename (parent, "evil", NULL);
  g_autofree char *abs = g_build_filename (work_root, "abs-evil", NULL);
  const char *names[] = { "../evil", "attachments/../../evil", NULL, "attachments/ab/../../../evil" };
  g_autoptr(GError) error = NULL;

  names[2] = abs;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *forged = g_strdup_printf ("%s/unsafe-%u.tar", work_root, i);
      struct archive_entry *extra = archive_entry_new ();

      archive_entry_set_pathname (extra, names[i]);
      archive_entry_set_filetype (extra, AE_IFREG);
      archive_entry_set_perm (extra, 0600);
      archive_entry_set_size (extra, 5);
      rewrite_archive (path, forged, add_entry_filter, extra);
      archive_entry_free (extra);
      assert_restore_refused (forged, office, SY_ERROR, SY_ERROR_INVALID, NULL);
      g_assert_false (g_file_test (evil, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (abs, G_FILE_TEST_EXISTS));
    }

  /* A symlink under an allowed name. */
  {
    g_autofree char *forged = g_build_filename (work_root, "unsafe-link.tar", NULL);
    struct archive_entry *extra = archive_entry_new ();
    g_autofree char *name = g_strdup_printf ("attachments/ab/ab%062d", 0);

    archive_entry_set_pathname (extra, name);
    archive_entry_set_filetype (extra, AE_IFLNK);
    archive_entry_set_symlink (extra, "/etc/passwd");
    archive_entry_set_perm (extra, 0777);
    archive_entry_set_size (extra, 0);
    rewrite_archive (path, forged, add_entry_filter, extra);
    archive_entry_free (extra);
    assert_restore_refused (forged, office, SY_ERROR, SY_ERROR_INVALID, "link");
  }

  /* Not a backup at all. */
  {
    g_autofree char *junk = g_build_filename (work_root, "junk.tar", NULL);
    g_assert_true (g_file_set_contents (junk, "this is not a tar file", -1, NULL));
    g_assert_false (sy_backup_verify (junk, NULL, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
  }
}

/* A manifest claiming more data than the archive holds (a bomb). */
static void
test_size_bomb (void)
{
  const char *office = shared_office ();
  g_autofree char *path = shared_backup_copy ("bomb.tar");
  g_autofree char *forged = g_build_filename (work_root, "bomb-forged.tar", NULL);
  ManifestEdit edit = { "(\"path\": \"office.db\", \"size\": )[0-9]+", "\\g<1>999999999999",
                        "999999999999" };

  rewrite_archive (path, forged, edit_manifest_filter, &edit);
  assert_restore_refused (forged, office, SY_ERROR, SY_ERROR_INVALID, "more data");
}

/* Replaces the manifest by user_data. */
static gboolean
manifest_filter (struct archive *out, struct archive_entry *entry, const void *data, gsize len,
                 gpointer user_data)
{
  if (strcmp (archive_entry_pathname (entry), "manifest.json") != 0)
    return FALSE;
  write_manifest (out, entry, user_data);
  return TRUE;
}

/* Hostile or broken manifests: refused with a message, never a crash. */
static void
test_bad_manifests (void)
{
  const char *office = shared_office ();
  g_autofree char *path = shared_backup_copy ("bad-manifest.tar");
  g_autofree char *deep = NULL;
  const char *head = "{\"format\": \"shuangyong-backup\", \"format_version\": 1, \"schema_version\": 1, ";
  const char *hash = "0000000000000000000000000000000000000000000000000000000000000000";
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);

  {
    GString *d = g_string_new (NULL);
    for (int i = 0; i < 5000; i++)
      g_string_append_c (d, '[');
    deep = g_string_free (d, FALSE);
  }
  g_ptr_array_add (cases, g_strdup (""));
  g_ptr_array_add (cases, g_strdup ("{"));
  g_ptr_array_add (cases, g_strdup ("[]"));
  g_ptr_array_add (cases, g_strdup (deep));
  g_ptr_array_add (cases, g_strdup ("{\"format\": \"something else\"}"));
  g_ptr_array_add (cases, g_strdup ("{\"format\": \"shuangyong-backup\", \"format\": \"shuangyong-backup\"}"));
  g_ptr_array_add (cases, g_strdup_printf ("%s\"files\": []}", head));
  g_ptr_array_add (cases, g_strdup_printf ("%s\"files\": [{\"path\": \"office.db\", \"size\": -1, \"sha256\": \"%s\"}]}", head, hash));
  g_ptr_array_add (cases, g_strdup_printf ("%s\"files\": [{\"path\": \"office.db\", \"size\": 1.5, \"sha256\": \"%s\"}]}", head, hash));
  g_ptr_array_add (cases, g_strdup_printf ("%s\"files\": [{\"path\": \"office.db\", \"size\": 1, \"sha256\": \"XYZ\"}]}", head));
  g_ptr_array_add (cases, g_strdup_printf ("%s\"files\": [{\"path\": \"office.db\", \"size\": 1, \"sha256\": \"%s\"}, "
                                           "{\"path\": \"office.db\", \"size\": 1, \"sha256\": \"%s\"}]}", head, hash, hash));
  g_ptr_array_add (cases, g_strdup_printf ("%s\"files\": [{\"path\": \"../office.db\", \"size\": 1, \"sha256\": \"%s\"}]}", head, hash));
  g_ptr_array_add (cases, g_strdup_printf ("%s\"files\": [{\"path\": \"office.\\u0000db\", \"size\": 1, \"sha256\": \"%s\"}]}", head, hash));
  /* A valid manifest that does not match the entries. */
  g_ptr_array_add (cases, g_strdup_printf ("%s\"files\": [{\"path\": \"office.db\", \"size\": 1, \"sha256\": \"%s\"}]}", head, hash));

  for (guint i = 0; i < cases->len; i++)
    {
      g_autofree char *forged = g_strdup_printf ("%s/bad-manifest-%u.tar", work_root, i);

      rewrite_archive (path, forged, manifest_filter, g_ptr_array_index (cases, i));
      assert_restore_refused (forged, office, SY_ERROR, SY_ERROR_INVALID, NULL);
    }

  /* A newer format is a newer version, like a newer schema. */
  {
    g_autofree char *forged = g_build_filename (work_root, "bad-manifest-format.tar", NULL);
    g_autofree char *text = g_strdup_printf ("{\"format\": \"shuangyong-backup\", \"format_version\": 2, "
                                             "\"schema_version\": 1, \"files\": []}");
    rewrite_archive (path, forged, manifest_filter, text);
    assert_restore_refused (forged, office, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW, NULL);
  }
}

/* ---- automatic backups ------------------------------------------------ */

static void
touch (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
}

static void
test_rotate (void)
{
  g_autofree char *dir = g_build_filename (work_root, "rotate", NULL);
  g_autoptr(GError) error = NULL;
  guint removed = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  touch (dir, "backup-20250101-000000.tar");
  touch (dir, "backup-20250301-120000.tar");
  touch (dir, "backup-20250301-120000-2.tar");
  touch (dir, "backup-20240101-000000.tar");
  touch (dir, "backup-2025.tar");           /* not ours: never touched */
  touch (dir, "notes.txt");
  g_assert_true (sy_backup_rotate (dir, 2, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 2);
  g_assert_true (g_file_test (g_build_filename (dir, "backup-20250301-120000-2.tar", NULL), G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (g_build_filename (dir, "backup-20250301-120000.tar", NULL), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (g_build_filename (dir, "backup-20250101-000000.tar", NULL), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (g_build_filename (dir, "backup-20240101-000000.tar", NULL), G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (g_build_filename (dir, "backup-2025.tar", NULL), G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (g_build_filename (dir, "notes.txt", NULL), G_FILE_TEST_EXISTS));
}

static void
test_auto (void)
{
  g_autofree char *office = new_office ("auto");
  g_autofree char *dir = g_build_filename (work_root, "auto-backups", NULL);
  g_autoptr(SyDatabase) db = open_db (office);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GStatBuf st;
  guint n = 0;

  /* Never into the folder it saves. */
  {
    g_autofree char *inside = g_build_filename (office, "attachments", "x.tar", NULL);
    g_assert_false (sy_backup_create (db, inside, NULL, &error));
    g_assert_error (error, SY_ERROR, SY_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  }

  first = sy_backup_auto (db, dir, 1, &error);
  g_assert_no_error (error);
  second = sy_backup_auto (db, dir, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (second, G_FILE_TEST_EXISTS));
  g_assert_true (sy_backup_verify (second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d))
    n++;
  g_assert_cmpuint (n, ==, 1);
}

/* ---- check ------------------------------------------------------------ */

/* The findings as "error: …"/"warning: …" lines. */
static char *
run_check (const char *office, guint *n_errors, guint *n_warnings)
{
  g_autoptr(SyDatabase) db = open_db (office);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = sy_check_run (db, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (findings);
  for (guint i = 0; i < findings->len; i++)
    {
      SyCheckFinding *f = g_ptr_array_index (findings, i);
      g_string_append_printf (out, "%s: %s\n", f->severity == SY_CHECK_ERROR ? "error" : "warning",
                              f->message);
    }
  *n_errors = sy_check_count (findings, SY_CHECK_ERROR);
  *n_warnings = sy_check_count (findings, SY_CHECK_WARNING);
  return g_string_free (out, FALSE);
}

static char *
some_attachment (const char *office, char **path)
{
  g_autoptr(SyDatabase) db = open_db (office);
  g_autofree char *text = sy_test_db_text (db, "SELECT hash FROM attachment ORDER BY hash LIMIT 1");
  char *hash = g_strdup (g_strstrip (text));

  *path = sy_attachment_store_get_path (sy_database_get_attachments (db), hash);
  return hash;
}

static void
test_check_clean (void)
{
  g_autofree char *office = new_office ("check-clean");
  guint errors = 99, warnings = 99;
  g_autofree char *report = run_check (office, &errors, &warnings);

  if (*report)
    g_test_message ("%s", report);
  g_assert_cmpuint (errors, ==, 0);
  g_assert_cmpuint (warnings, ==, 0);
}

static void
test_check_missing_file (void)
{
  g_autofree char *office = new_office ("check-missing");
  g_autofree char *path = NULL;
  g_autofree char *hash = some_attachment (office, &path);
  guint errors = 0, warnings = 0;
  g_autofree char *report = NULL;

  g_assert_cmpint (g_unlink (path), ==, 0);
  report = run_check (office, &errors, &warnings);
  g_assert_cmpuint (errors, ==, 1);
  g_assert_nonnull (strstr (report, hash));
  g_assert_true (g_str_has_prefix (report, "error: "));
}

static void
test_check_damaged_file (void)
{
  g_autofree char *office = new_office ("check-damaged");
  g_autofree char *path = NULL;
  g_autofree char *hash = some_attachment (office, &path);
  g_autofree char *data = NULL;
  gsize len = 0;
  guint errors = 0, warnings = 0;
  g_autofree char *report = NULL;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  data[len / 2] ^= 0x20;
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  report = run_check (office, &errors, &warnings);
  g_assert_cmpuint (errors, ==, 1);
  g_assert_nonnull (strstr (report, hash));

  /* A backup leaves the damaged file out and says so. */
  {
    g_auto(SyBackupReport) br = { 0 };
    g_autofree char *backup = make_backup (office, "damaged.tar", &br);
    g_assert_nonnull (br.missing);
    g_assert_cmpstr (br.missing[0], ==, hash);
    g_assert_null (br.missing[1]);
  }
}

static void
test_check_orphan (void)
{
  g_autofree char *office = new_office ("check-orphan");
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "orphan", -1);
  g_autofree char *sub = g_strdup_printf ("%s/attachments/%.2s", office, hash);
  g_autofree char *file = g_build_filename (sub, hash, NULL);
  guint errors = 0, warnings = 0;
  g_autofree char *report = NULL;

  g_mkdir_with_parents (sub, 0700);
  g_assert_true (g_file_set_contents (file, "orphan", -1, NULL));
  report = run_check (office, &errors, &warnings);
  g_assert_cmpuint (errors, ==, 0);
  g_assert_cmpuint (warnings, ==, 1);
  g_assert_nonnull (strstr (report, hash));
  g_assert_true (g_str_has_prefix (report, "warning: "));
}

static void
test_check_foreign_keys (void)
{
  g_autofree char *office = new_office ("check-fk");
  const char *missing_hash = "00000000000000000000000000000000000000000000000000000000000000ff";
  guint errors = 0, warnings = 0;
  g_autofree char *report = NULL;

  {
    g_autoptr(SyDatabase) db = open_db (office);
    GdaConnection *cnc = sy_database_get_connection (db);
    g_autoptr(GError) error = NULL;
    g_autofree char *photo = g_strdup_printf (
      "UPDATE event_photo SET attachment_hash = '%s' WHERE id = (SELECT MIN(id) FROM event_photo)",
      missing_hash);

    /* What a buggy import or a hand edit could leave behind. */
    g_autoptr(GdaDataModel) pragma = NULL;

    /* libgda takes a PRAGMA for a SELECT. */
    pragma = gda_connection_execute_select_command (cnc, "PRAGMA foreign_keys = OFF", &error);
    g_clear_error (&error);
    gda_connection_execute_non_select_command (
      cnc, "INSERT INTO event_military_unit (event_id, military_unit_id) VALUES (987654, 987655)", &error);
    g_assert_no_error (error);
    gda_connection_execute_non_select_command (cnc, photo, &error);
    g_assert_no_error (error);
  }
  report = run_check (office, &errors, &warnings);
  g_test_message ("%s", report);
  g_assert_cmpuint (errors, ==, 3);   /* two foreign keys of the link row, one hash */
  g_assert_nonnull (strstr (report, "event_military_unit"));
  g_assert_nonnull (strstr (report, missing_hash));
  /* The photo's old attachment is now used by nobody. */
  g_assert_cmpuint (warnings, ==, 1);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  work_root = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0
              ? g_mkdtemp (g_strdup ("/dev/shm/sy-backup-XXXXXX"))
              : g_dir_make_tmp ("sy-backup-XXXXXX", &error);
  g_assert_nonnull (work_root);
  template_dir = g_build_filename (work_root, "template", NULL);
  {
    g_autoptr(SyDatabase) db = open_db (template_dir);
    g_assert_true (sy_demo_populate (db, 20261129, 2025, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  g_test_add_func ("/backup/round-trip", test_round_trip);
  g_test_add_func ("/backup/two-renames", test_two_renames);
  g_test_add_func ("/backup/stale-temporary-folder", test_stale_temporary_folder);
  g_test_add_func ("/backup/tampered-attachment", test_tampered_attachment);
  g_test_add_func ("/backup/tampered-database", test_tampered_database);
  g_test_add_func ("/backup/newer-schema", test_newer_schema);
  g_test_add_func ("/backup/unsafe-paths", test_unsafe_paths);
  g_test_add_func ("/backup/size-bomb", test_size_bomb);
  g_test_add_func ("/backup/bad-manifests", test_bad_manifests);
  g_test_add_func ("/backup/rotate", test_rotate);
  g_test_add_func ("/backup/auto", test_auto);
  g_test_add_func ("/check/clean", test_check_clean);
  g_test_add_func ("/check/missing-file", test_check_missing_file);
  g_test_add_func ("/check/damaged-file", test_check_damaged_file);
  g_test_add_func ("/check/orphan", test_check_orphan);
  g_test_add_func ("/check/foreign-keys", test_check_foreign_keys);

  status = g_test_run ();
  sy_test_remove_tree (work_root);
  return status;
}
