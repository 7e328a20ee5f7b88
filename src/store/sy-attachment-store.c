/* sy-attachment-store.c: content-addressed attachments beside the database */
#include "sy-attachment-store.h"
#include "sy-database.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

struct _SyAttachmentStore
{
  GObject parent_instance;

  SyDatabase *db;         /* not owned: the database owns the store */
  char       *directory;
};

G_DEFINE_FINAL_TYPE (SyAttachmentStore, sy_attachment_store, G_TYPE_OBJECT)

static void
sy_attachment_store_finalize (GObject *object)
{
  SyAttachmentStore *self = SY_ATTACHMENT_STORE (object);

  g_free (self->directory);
  G_OBJECT_CLASS (sy_attachment_store_parent_class)->finalize (object);
}

static void
sy_attachment_store_class_init (SyAttachmentStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sy_attachment_store_finalize;
}

static void
sy_attachment_store_init (SyAttachmentStore *self)
{
}

SyAttachmentStore *
sy_attachment_store_new (SyDatabase *db, const char *directory)
{
  SyAttachmentStore *self = g_object_new (SY_TYPE_ATTACHMENT_STORE, NULL);

  self->db = db;
  self->directory = g_strdup (directory);
  return self;
}

static gboolean
is_hash (const char *hash)
{
  if (!hash || strlen (hash) != 64)
    return FALSE;
  for (const char *p = hash; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* The file of @hash under the folder: the store itself on SQLite, a cache
 * of the database's content on PostgreSQL. */
static char *
cache_path (SyAttachmentStore *self, const char *hash)
{
  char prefix[3] = { 0 };

  if (!is_hash (hash))
    return NULL;
  prefix[0] = hash[0];
  prefix[1] = hash[1];
  return g_build_filename (self->directory, prefix, hash, NULL);
}

gboolean
sy_attachment_store_contains (SyAttachmentStore *self, const char *hash)
{
  g_autofree char *path = NULL;
  gint64 n = 0;

  if (!sy_database_is_postgres (self->db))
    {
      path = cache_path (self, hash);
      return path && g_file_test (path, G_FILE_TEST_IS_REGULAR);
    }
  return is_hash (hash)
         && sy_database_query_int64 (self->db, &n,
                                     "SELECT COUNT(*) FROM attachment_blob WHERE hash = ##hash::string",
                                     NULL, "hash", G_TYPE_STRING, hash, NULL)
         && n > 0;
}

static gboolean
fsync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY);
  if (fd < 0)
    return FALSE;
  fsync (fd);
  close (fd);
  return TRUE;
}

/* Temp file → fsync → rename → fsync the folder: after a crash the final
 * name either holds the whole content or does not exist. */
static gboolean
write_atomically (const char *path, GBytes *bytes, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strconcat (path, ".tmp-XXXXXX", NULL);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    goto io_error;
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    goto io_error;
  while (len > 0)
    {
      gssize n = write (fd, data, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          g_unlink (tmp);
          errno = saved;
          goto io_error;
        }
      data += n;
      len -= n;
    }
  if (fsync (fd) != 0 || close (fd) != 0 || g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      errno = saved;
      goto io_error;
    }
  fsync_dir (dir);
  return TRUE;

io_error:
  {
    int saved = errno;
    g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot store the attachment in %s: %s"),
                 dir, g_strerror (saved));
  }
  return FALSE;
}

static char *
hash_bytes (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* PostgreSQL: bytea travels as hex text, decode (…, 'hex') / encode (…,
 * 'hex'), because libgda 5's PostgreSQL provider has no reliable way to
 * bind a GdaBinary of several megabytes as a parameter. */
static char *
to_hex (GBytes *bytes)
{
  static const char digits[] = "0123456789abcdef";
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  char *hex = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      hex[2 * i] = digits[data[i] >> 4];
      hex[2 * i + 1] = digits[data[i] & 0xf];
    }
  hex[len * 2] = '\0';
  return hex;
}

static GBytes *
from_hex (const char *hex)
{
  gsize len = strlen (hex);
  guint8 *data;

  if (len % 2)
    return NULL;
  data = g_malloc (len / 2 + 1);
  for (gsize i = 0; i < len / 2; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);
      if (hi < 0 || lo < 0)
        {
          g_free (data);
          return NULL;
        }
      data[i] = (guint8) (hi << 4 | lo);
    }
  return g_bytes_new_take (data, len / 2);
}

/* The attachment row (size, type, name, who and when). */
static gboolean
insert_row (SyAttachmentStore *self,
            GBytes            *bytes,
            const char        *hash,
            const char        *mime_type,
            const char        *original_name,
            GError           **error)
{
  g_autofree char *now = sy_database_now ();

  return sy_database_execute (self->db,
                              "INSERT INTO attachment (hash, size, mime_type, original_name, created_at, created_by) "
                              "VALUES (##hash::string, ##size::gint64, ##mime::string::null, ##name::string::null, "
                              "##at::string, ##by::string)",
                              error,
                              "hash", G_TYPE_STRING, hash,
                              "size", G_TYPE_INT64, (gint64) g_bytes_get_size (bytes),
                              "mime", G_TYPE_STRING, mime_type,
                              "name", G_TYPE_STRING, original_name,
                              "at", G_TYPE_STRING, now,
                              "by", G_TYPE_STRING, sy_database_get_actor (self->db),
                              NULL) >= 0;
}

/* PostgreSQL: the row and its content in one transaction, each only if
 * missing (a row copied by `migrate` gets its content here). */
static gboolean
add_to_database (SyAttachmentStore *self,
                 GBytes            *bytes,
                 const char        *hash,
                 const char        *mime_type,
                 const char        *original_name,
                 GError           **error)
{
  g_autofree char *hex = NULL;
  gint64 known = 0;

  if (!sy_database_begin (self->db, error))
    return FALSE;
  /* A row copied by `migrate` keeps its original name and time. */
  if (!sy_database_query_int64 (self->db, &known,
                                "SELECT COUNT(*) FROM attachment WHERE hash = ##hash::string",
                                error, "hash", G_TYPE_STRING, hash, NULL)
      || (!known && !insert_row (self, bytes, hash, mime_type, original_name, error)))
    goto failed;
  hex = to_hex (bytes);
  if (sy_database_execute (self->db,
                           "INSERT INTO attachment_blob (hash, content) "
                           "SELECT ##hash::string, decode (##hex::string, 'hex') "
                           "WHERE NOT EXISTS (SELECT 1 FROM attachment_blob WHERE hash = ##hash::string)",
                           error, "hash", G_TYPE_STRING, hash, "hex", G_TYPE_STRING, hex, NULL) < 0)
    goto failed;
  return sy_database_commit (self->db, error);

failed:
  sy_database_rollback (self->db);
  return FALSE;
}

static GBytes *
load_from_database (SyAttachmentStore *self, const char *hash, GError **error)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model = sy_database_select (self->db,
                                                      "SELECT encode (content, 'hex') FROM attachment_blob "
                                                      "WHERE hash = ##hash::string",
                                                      types, error, "hash", G_TYPE_STRING, hash, NULL);
  const GValue *v;
  GBytes *bytes;

  if (!model)
    return NULL;
  v = gda_data_model_get_n_rows (model) > 0 ? gda_data_model_get_value_at (model, 0, 0, NULL) : NULL;
  if (!v || !G_VALUE_HOLDS_STRING (v))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("Attachment %s is missing: %s"),
                   hash, _("it is not in the database"));
      return NULL;
    }
  bytes = from_hex (g_value_get_string (v));
  if (!bytes)
    g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                 _("Attachment %s is damaged: its content no longer matches its checksum"), hash);
  return bytes;
}

char *
sy_attachment_store_add_bytes (SyAttachmentStore *self,
                               GBytes            *bytes,
                               const char        *mime_type,
                               const char        *original_name,
                               GError           **error)
{
  g_autofree char *hash = hash_bytes (bytes);
  g_autofree char *path = cache_path (self, hash);
  gint64 known = 0;

  if (sy_database_is_postgres (self->db))
    return add_to_database (self, bytes, hash, mime_type, original_name, error)
           ? g_steal_pointer (&hash) : NULL;

  if (!sy_database_query_int64 (self->db, &known,
                                "SELECT COUNT(*) FROM attachment WHERE hash = ##hash::string",
                                error, "hash", G_TYPE_STRING, hash, NULL))
    return NULL;

  /* The file goes first: a row must never point at a missing file. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) && !write_atomically (path, bytes, error))
    return NULL;

  if (known)
    return g_steal_pointer (&hash);

  if (!insert_row (self, bytes, hash, mime_type, original_name, error))
    return NULL;
  return g_steal_pointer (&hash);
}

char *
sy_attachment_store_add_file (SyAttachmentStore *self,
                              GFile             *file,
                              const char        *mime_type,
                              GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  g_autofree char *name = g_file_get_basename (file);

  if (!bytes)
    {
      g_autofree char *where = g_file_get_parse_name (file);
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot read %s: %s"), where, local_error->message);
      return NULL;
    }
  return sy_attachment_store_add_bytes (self, bytes, mime_type, name, error);
}

GBytes *
sy_attachment_store_load (SyAttachmentStore *self, const char *hash, GError **error)
{
  g_autofree char *path = cache_path (self, hash);
  g_autofree char *actual = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!path)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("“%s” is not an attachment reference"),
                   hash ? hash : "");
      return NULL;
    }
  if (sy_database_is_postgres (self->db))
    {
      bytes = load_from_database (self, hash, error);
      if (!bytes)
        return NULL;
    }
  else if (!(mapped = g_mapped_file_new (path, FALSE, &local_error)))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("Attachment %s is missing: %s"),
                   hash, local_error->message);
      return NULL;
    }
  else
    bytes = g_mapped_file_get_bytes (mapped);
  actual = hash_bytes (bytes);
  if (g_strcmp0 (actual, hash) != 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("Attachment %s is damaged: its content no longer matches its checksum"), hash);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

char *
sy_attachment_store_get_path (SyAttachmentStore *self, const char *hash)
{
  g_autofree char *path = cache_path (self, hash);
  g_autoptr(GBytes) bytes = NULL;

  if (!path || !sy_database_is_postgres (self->db) || g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);

  /* PostgreSQL: written once to the local cache from verified content; a
   * missing or damaged attachment leaves no file, so the caller's open
   * fails as it would on a missing local file. */
  bytes = sy_attachment_store_load (self, hash, NULL);
  if (bytes)
    write_atomically (path, bytes, NULL);
  return g_steal_pointer (&path);
}
