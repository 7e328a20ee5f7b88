/* sy-backup.c: one-file backups (see sy-backup.h for the format)
 *
 * Four parts: the archive and its manifest (format-neutral), the database
 * side (a snapshot file of either kind of database), the atomic swap of a
 * local database folder on restore, and the restore into a shared
 * (PostgreSQL) database, one transaction.
 *
 * Messages name files, entries and hashes, never record contents: backups
 * hold personal data, their reports must not.
 */
#define _GNU_SOURCE  /* renameat2 (glibc ≥ 2.28) */
#include "sy-backup.h"
#include "sy-attachment-store.h"
#include "sy-db-copy.h"
#include "sy-store-private.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#define FORMAT_NAME     "shuangyong-backup"
#define FORMAT_VERSION  1
#define MANIFEST_NAME   "manifest.json"
#define DB_NAME         "office.db"
#define ATTACH_DIR      "attachments"
#define BUFFER_SIZE     (256 * 1024)
#define JSON_MAX_DEPTH  16

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GdaConnection, g_object_unref)

void
sy_backup_report_clear (SyBackupReport *report)
{
  if (!report)
    return;
  g_clear_pointer (&report->app_version, g_free);
  g_clear_pointer (&report->created_at, g_free);
  g_clear_pointer (&report->missing, g_strfreev);
  memset (report, 0, sizeof *report);
}

/* ---- small helpers ---------------------------------------------------- */

static gboolean
is_lower_hex (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (s[i]) || g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_hash (const char *s)
{
  return s && strlen (s) == 64 && is_lower_hex (s, 64);
}

typedef enum {
  ENTRY_INVALID,
  ENTRY_MANIFEST,
  ENTRY_DATABASE,
  ENTRY_ATTACHMENT,
} EntryKind;

/* The only names a backup may hold.  A whitelist rather than a blacklist of
 * "../" and "/": nothing outside this layout can ever be written. */
static EntryKind
classify_path (const char *path)
{
  gsize prefix = strlen (ATTACH_DIR "/");

  if (!path)
    return ENTRY_INVALID;
  if (strcmp (path, MANIFEST_NAME) == 0)
    return ENTRY_MANIFEST;
  if (strcmp (path, DB_NAME) == 0)
    return ENTRY_DATABASE;
  if (strncmp (path, ATTACH_DIR "/", prefix) == 0
      && strlen (path) == prefix + 3 + 64
      && path[prefix + 2] == '/'
      && is_hash (path + prefix + 3)
      && strncmp (path + prefix, path + prefix + 3, 2) == 0)
    return ENTRY_ATTACHMENT;
  return ENTRY_INVALID;
}

static char *
attachment_entry_path (const char *hash)
{
  return g_strdup_printf (ATTACH_DIR "/%.2s/%s", hash, hash);
}

static void
fsync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static void
set_io_error (GError **error, const char *what, int errsv)
{
  g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write %s: %s"), what, g_strerror (errsv));
}

/* Removes a folder tree without following links (lstat: a link inside is
 * removed, never what it points to).  Best effort: used on our own
 * temporary folders and on the old database folder after a swap. */
static void
remove_tree (const char *path)
{
  GStatBuf st;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_lstat (path, &st) != 0)
    return;
  if (!S_ISDIR (st.st_mode))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static gboolean
write_all (int fd, const void *data, gsize len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      gssize n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= n;
    }
  return TRUE;
}

/* SHA-256 and size of a file, read in blocks (attachments may be large). */
static gboolean
hash_file (const char *path, char **hex, guint64 *size, int *errsv)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (BUFFER_SIZE);
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  guint64 total = 0;

  if (fd < 0)
    {
      *errsv = errno;
      return FALSE;
    }
  for (;;)
    {
      gssize n = read (fd, buf, BUFFER_SIZE);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          *errsv = errno;
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;
      g_checksum_update (sum, buf, n);
      total += n;
    }
  close (fd);
  *hex = g_strdup (g_checksum_get_string (sum));
  *size = total;
  return TRUE;
}

/* Whether folder @path is @folder or inside it (links resolved). */
static gboolean
is_inside (const char *path, const char *folder)
{
  char *real_path = realpath (path, NULL);
  char *real_folder = realpath (folder, NULL);
  gboolean inside = FALSE;

  if (real_path && real_folder)
    {
      gsize n = strlen (real_folder);
      inside = strncmp (real_path, real_folder, n) == 0
               && (real_path[n] == '\0' || real_path[n] == '/');
    }
  free (real_path);
  free (real_folder);
  return inside;
}

static gboolean
value_to_int64 (const GValue *v, gint64 *out)
{
  g_auto(GValue) tmp = G_VALUE_INIT;

  *out = 0;
  if (!v || G_VALUE_HOLDS (v, GDA_TYPE_NULL))
    return TRUE;
  g_value_init (&tmp, G_TYPE_INT64);
  if (!g_value_transform (v, &tmp))
    return FALSE;
  *out = g_value_get_int64 (&tmp);
  return TRUE;
}

/* ---- JSON ------------------------------------------------------------- */

static void
json_append_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; p && *p; p++)
    {
      guchar c = *p;
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

/* A small strict JSON reader for the manifest, which comes from a file the
 * user picked and so is untrusted: depth-limited, UTF-8 checked, duplicate
 * keys refused (two readers must never see two different manifests). */
typedef enum { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } JType;

typedef struct _JNode JNode;
struct _JNode {
  JType      type;
  gboolean   boolean;
  gboolean   integral;
  gint64     integer;
  char      *string;
  GPtrArray *keys;    /* object: char * */
  GPtrArray *values;  /* array and object: JNode * */
};

static void
jnode_free (gpointer data)
{
  JNode *node = data;

  if (!node)
    return;
  g_free (node->string);
  if (node->keys)
    g_ptr_array_unref (node->keys);
  if (node->values)
    g_ptr_array_unref (node->values);
  g_free (node);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JNode, jnode_free)

typedef struct {
  const char *p;
  const char *end;
  const char *start;
} JParser;

static void
jskip (JParser *jp)
{
  while (jp->p < jp->end && (*jp->p == ' ' || *jp->p == '\t' || *jp->p == '\n' || *jp->p == '\r'))
    jp->p++;
}

static JNode *jparse_value (JParser *jp, int depth);

static gboolean
jparse_hex4 (JParser *jp, gunichar *out)
{
  *out = 0;
  if (jp->end - jp->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (jp->p[i]);
      if (d < 0)
        return FALSE;
      *out = (*out << 4) | d;
    }
  jp->p += 4;
  return TRUE;
}

static char *
jparse_string (JParser *jp)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (jp->p >= jp->end || *jp->p != '"')
    return NULL;
  jp->p++;
  while (jp->p < jp->end && *jp->p != '"')
    {
      guchar c = *jp->p++;

      if (c < 0x20)
        return NULL;
      if (c != '\\')
        {
          g_string_append_c (s, c);
          continue;
        }
      if (jp->p >= jp->end)
        return NULL;
      c = *jp->p++;
      switch (c)
        {
        case '"': case '\\': case '/': g_string_append_c (s, c); break;
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'u':
          {
            gunichar u, low;
            if (!jparse_hex4 (jp, &u))
              return NULL;
            if (u >= 0xDC00 && u <= 0xDFFF)
              return NULL;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                if (jp->end - jp->p < 6 || jp->p[0] != '\\' || jp->p[1] != 'u')
                  return NULL;
                jp->p += 2;
                if (!jparse_hex4 (jp, &low) || low < 0xDC00 || low > 0xDFFF)
                  return NULL;
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            if (u == 0)
              return NULL;  /* would cut the C string short */
            g_string_append_unichar (s, u);
            break;
          }
        default:
          return NULL;
        }
    }
  if (jp->p >= jp->end)
    return NULL;
  jp->p++;
  if (!g_utf8_validate_len (s->str, s->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static JNode *
jnode_new (JType type)
{
  JNode *node = g_new0 (JNode, 1);
  node->type = type;
  return node;
}

static JNode *
jparse_number (JParser *jp)
{
  const char *start = jp->p;
  gboolean integral = TRUE;
  g_autoptr(JNode) node = jnode_new (J_NUMBER);

  if (jp->p < jp->end && *jp->p == '-')
    jp->p++;
  if (jp->p >= jp->end || !g_ascii_isdigit (*jp->p))
    return NULL;
  if (*jp->p == '0')
    jp->p++;
  else
    while (jp->p < jp->end && g_ascii_isdigit (*jp->p))
      jp->p++;
  if (jp->p < jp->end && *jp->p == '.')
    {
      integral = FALSE;
      jp->p++;
      if (jp->p >= jp->end || !g_ascii_isdigit (*jp->p))
        return NULL;
      while (jp->p < jp->end && g_ascii_isdigit (*jp->p))
        jp->p++;
    }
  if (jp->p < jp->end && (*jp->p == 'e' || *jp->p == 'E'))
    {
      integral = FALSE;
      jp->p++;
      if (jp->p < jp->end && (*jp->p == '+' || *jp->p == '-'))
        jp->p++;
      if (jp->p >= jp->end || !g_ascii_isdigit (*jp->p))
        return NULL;
      while (jp->p < jp->end && g_ascii_isdigit (*jp->p))
        jp->p++;
    }
  node->integral = integral;
  if (integral)
    {
      g_autofree char *text = g_strndup (start, jp->p - start);
      /* Out of range is not integral: a size that big is refused anyway. */
      node->integral = g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64,
                                                 &node->integer, NULL);
    }
  return g_steal_pointer (&node);
}

static gboolean
jliteral (JParser *jp, const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (jp->end - jp->p) < len || strncmp (jp->p, word, len) != 0)
    return FALSE;
  jp->p += len;
  return TRUE;
}

static JNode *
jparse_container (JParser *jp, int depth, gboolean object)
{
  g_autoptr(JNode) node = jnode_new (object ? J_OBJECT : J_ARRAY);
  char close = object ? '}' : ']';

  node->values = g_ptr_array_new_with_free_func (jnode_free);
  if (object)
    node->keys = g_ptr_array_new_with_free_func (g_free);
  jp->p++;
  jskip (jp);
  if (jp->p < jp->end && *jp->p == close)
    {
      jp->p++;
      return g_steal_pointer (&node);
    }
  for (;;)
    {
      JNode *value;

      jskip (jp);
      if (object)
        {
          char *key = jparse_string (jp);
          if (!key)
            return NULL;
          for (guint i = 0; i < node->keys->len; i++)
            if (strcmp (g_ptr_array_index (node->keys, i), key) == 0)
              {
                g_free (key);
                return NULL;
              }
          g_ptr_array_add (node->keys, key);
          jskip (jp);
          if (jp->p >= jp->end || *jp->p != ':')
            return NULL;
          jp->p++;
        }
      value = jparse_value (jp, depth + 1);
      if (!value)
        return NULL;
      g_ptr_array_add (node->values, value);
      jskip (jp);
      if (jp->p < jp->end && *jp->p == ',')
        {
          jp->p++;
          continue;
        }
      if (jp->p < jp->end && *jp->p == close)
        {
          jp->p++;
          return g_steal_pointer (&node);
        }
      return NULL;
    }
}

static JNode *
jparse_value (JParser *jp, int depth)
{
  JNode *node;

  if (depth > JSON_MAX_DEPTH)
    return NULL;
  jskip (jp);
  if (jp->p >= jp->end)
    return NULL;
  switch (*jp->p)
    {
    case '{':
      return jparse_container (jp, depth, TRUE);
    case '[':
      return jparse_container (jp, depth, FALSE);
    case '"':
      {
        char *s = jparse_string (jp);
        if (!s)
          return NULL;
        node = jnode_new (J_STRING);
        node->string = s;
        return node;
      }
    case 't':
    case 'f':
      {
        gboolean value = *jp->p == 't';
        if (!jliteral (jp, value ? "true" : "false"))
          return NULL;
        node = jnode_new (J_BOOL);
        node->boolean = value;
        return node;
      }
    case 'n':
      if (!jliteral (jp, "null"))
        return NULL;
      return jnode_new (J_NULL);
    default:
      return jparse_number (jp);
    }
}

/* Parses a whole document; NULL with the byte offset of the problem. */
static JNode *
json_parse (const char *text, gsize len, gsize *error_offset)
{
  JParser jp = { text, text + len, text };
  g_autoptr(JNode) root = jparse_value (&jp, 0);

  if (root)
    {
      jskip (&jp);
      if (jp.p == jp.end)
        return g_steal_pointer (&root);
    }
  *error_offset = jp.p - jp.start;
  return NULL;
}

static JNode *
json_member (JNode *object, const char *key)
{
  if (!object || object->type != J_OBJECT)
    return NULL;
  for (guint i = 0; i < object->keys->len; i++)
    if (strcmp (g_ptr_array_index (object->keys, i), key) == 0)
      return g_ptr_array_index (object->values, i);
  return NULL;
}

/* ---- the manifest ----------------------------------------------------- */

typedef struct {
  char    *path;
  guint64  size;
  char    *sha256;
  gboolean seen;   /* restore: the entry was read */
} ManifestFile;

static void
manifest_file_free (gpointer data)
{
  ManifestFile *f = data;

  g_free (f->path);
  g_free (f->sha256);
  g_free (f);
}

typedef struct {
  int         schema_version;
  char       *app_version;
  char       *created_at;
  char       *office_name;
  GPtrArray  *files;   /* ManifestFile *, the database first */
  GHashTable *by_path; /* path → ManifestFile * (not owned) */
  guint64     total;
} Manifest;

static Manifest *
manifest_new (void)
{
  Manifest *m = g_new0 (Manifest, 1);

  m->files = g_ptr_array_new_with_free_func (manifest_file_free);
  m->by_path = g_hash_table_new (g_str_hash, g_str_equal);
  return m;
}

static void
manifest_free (Manifest *m)
{
  if (!m)
    return;
  g_free (m->app_version);
  g_free (m->created_at);
  g_free (m->office_name);
  g_hash_table_unref (m->by_path);
  g_ptr_array_unref (m->files);
  g_free (m);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Manifest, manifest_free)

static ManifestFile *
manifest_add (Manifest *m, const char *path, guint64 size, const char *sha256)
{
  ManifestFile *f = g_new0 (ManifestFile, 1);

  f->path = g_strdup (path);
  f->size = size;
  f->sha256 = g_strdup (sha256);
  g_ptr_array_add (m->files, f);
  g_hash_table_insert (m->by_path, f->path, f);
  m->total += size;
  return f;
}

static char *
manifest_to_json (Manifest *m)
{
  GString *out = g_string_new ("{\n  \"format\": ");

  json_append_string (out, FORMAT_NAME);
  g_string_append_printf (out, ",\n  \"format_version\": %d,\n  \"app_version\": ", FORMAT_VERSION);
  json_append_string (out, m->app_version);
  g_string_append_printf (out, ",\n  \"schema_version\": %d,\n  \"created_at\": ", m->schema_version);
  json_append_string (out, m->created_at);
  g_string_append (out, ",\n  \"office_name\": ");
  if (m->office_name)
    json_append_string (out, m->office_name);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\n  \"files\": [");
  for (guint i = 0; i < m->files->len; i++)
    {
      ManifestFile *f = g_ptr_array_index (m->files, i);

      g_string_append (out, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
      json_append_string (out, f->path);
      g_string_append_printf (out, ", \"size\": %" G_GUINT64_FORMAT ", \"sha256\": ", f->size);
      json_append_string (out, f->sha256);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "\n  ]\n}\n");
  return g_string_free (out, FALSE);
}

static gboolean
invalid_manifest (GError **error, const char *archive, const char *why)
{
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
               _("%s is not a usable backup: its manifest is invalid (%s)"), archive, why);
  return FALSE;
}

static const char *
json_string_member (JNode *object, const char *key)
{
  JNode *n = json_member (object, key);
  return n && n->type == J_STRING ? n->string : NULL;
}

static gboolean
json_int_member (JNode *object, const char *key, gint64 *out)
{
  JNode *n = json_member (object, key);

  if (!n || n->type != J_NUMBER || !n->integral)
    return FALSE;
  *out = n->integer;
  return TRUE;
}

/* Checks everything the manifest alone can tell, before a byte is
 * extracted: the format, the schema (a newer one is SCHEMA_TOO_NEW), every
 * path, size and hash, and that all sizes together fit in @archive_size —
 * the archive is uncompressed and not sparse, so a file can never be bigger
 * than the archive holding it (the bomb guard). */
static Manifest *
manifest_parse (const char *text, gsize len, const char *archive, guint64 archive_size,
                GError **error)
{
  g_autoptr(Manifest) m = manifest_new ();
  g_autoptr(JNode) root = NULL;
  gsize offset = 0;
  gint64 format_version = 0, schema = 0;
  const char *format, *s;
  JNode *files, *office;
  int known = sy_database_get_known_schema_version ();

  root = json_parse (text, len, &offset);
  if (!root || root->type != J_OBJECT)
    {
      /* The offset goes in as text: xgettext cannot see through G_GSIZE_FORMAT. */
      g_autofree char *at = g_strdup_printf ("%" G_GSIZE_FORMAT, offset);
      g_autofree char *why = g_strdup_printf (_("not JSON, at byte %s"), at);
      invalid_manifest (error, archive, why);
      return NULL;
    }
  format = json_string_member (root, "format");
  if (g_strcmp0 (format, FORMAT_NAME) != 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is not a backup made by this application"), archive);
      return NULL;
    }
  if (!json_int_member (root, "format_version", &format_version) || format_version < 1)
    return invalid_manifest (error, archive, "format_version"), NULL;
  if (!json_int_member (root, "schema_version", &schema) || schema < 1 || schema > G_MAXINT)
    return invalid_manifest (error, archive, "schema_version"), NULL;
  if (format_version > FORMAT_VERSION)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW,
                   _("%s was made by a newer version of this application (backup format %d, this "
                     "version reads format %d); nothing was changed. Please update the application."),
                   archive, (int) MIN (format_version, G_MAXINT), FORMAT_VERSION);
      return NULL;
    }
  if (schema > known)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW,
                   _("%s was made by a newer version of this application (schema %d, this "
                     "version knows up to %d); nothing was changed. Please update the application."),
                   archive, (int) MIN (schema, G_MAXINT), known);
      return NULL;
    }
  m->schema_version = (int) schema;
  s = json_string_member (root, "app_version");
  m->app_version = g_strdup (s ? s : "");
  s = json_string_member (root, "created_at");
  m->created_at = g_strdup (s ? s : "");
  office = json_member (root, "office_name");
  if (office && office->type == J_STRING)
    m->office_name = g_strdup (office->string);

  files = json_member (root, "files");
  if (!files || files->type != J_ARRAY)
    return invalid_manifest (error, archive, "files"), NULL;
  if (files->values->len > SY_BACKUP_MAX_ENTRIES)
    return invalid_manifest (error, archive, _("too many files")), NULL;
  for (guint i = 0; i < files->values->len; i++)
    {
      JNode *f = g_ptr_array_index (files->values, i);
      const char *path = json_string_member (f, "path");
      const char *sha = json_string_member (f, "sha256");
      gint64 size = -1;
      EntryKind kind = classify_path (path);

      if (kind != ENTRY_DATABASE && kind != ENTRY_ATTACHMENT)
        {
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       _("%s is not a usable backup: its manifest names an unexpected file “%s”"),
                       archive, path ? path : "?");
          return NULL;
        }
      if (!json_int_member (f, "size", &size) || size < 0 || !is_hash (sha))
        {
          g_autofree char *why = g_strdup_printf (_("size or sha256 of %s"), path);
          return invalid_manifest (error, archive, why), NULL;
        }
      if (kind == ENTRY_ATTACHMENT && strcmp (sha, path + strlen (path) - 64) != 0)
        {
          g_autofree char *why = g_strdup_printf (_("the checksum of %s differs from its name"), path);
          return invalid_manifest (error, archive, why), NULL;
        }
      if (g_hash_table_contains (m->by_path, path))
        {
          g_autofree char *why = g_strdup_printf (_("%s is listed twice"), path);
          return invalid_manifest (error, archive, why), NULL;
        }
      if ((guint64) size > archive_size || m->total + size > archive_size)
        {
          g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                       _("%s is not a usable backup: its manifest lists more data than the file holds"),
                       archive);
          return NULL;
        }
      manifest_add (m, path, size, sha);
    }
  if (!g_hash_table_contains (m->by_path, DB_NAME))
    return invalid_manifest (error, archive, _("no database")), NULL;
  return g_steal_pointer (&m);
}

/* ---- SQLite: the database side ---------------------------------------- */

/* SQLite: a plain connection to DIR/office.db, for the snapshot and for the
 * restored copy (never SyDatabase: that would migrate them). */
static GdaConnection *
open_sqlite_file (const char *dir, GError **error)
{
  g_autofree char *enc = gda_rfc1738_encode (dir);
  g_autofree char *cnc_string = g_strdup_printf ("DB_DIR=%s;DB_NAME=office", enc);
  g_autoptr(GError) local_error = NULL;
  GdaConnection *cnc = gda_connection_open_from_string ("SQLite", cnc_string, NULL,
                                                         GDA_CONNECTION_OPTIONS_NONE,
                                                         &local_error);
  if (!cnc)
    g_set_error (error, SY_ERROR, SY_ERROR_DATABASE, _("Cannot open the database copy: %s"),
                 local_error ? local_error->message : _("unknown error"));
  return cnc;
}

static void
close_connection (GdaConnection *cnc)
{
  if (cnc)
    {
      gda_connection_close (cnc);
      g_object_unref (cnc);
    }
}

/* SQLite: MAX(version) of schema_migration, 0 if there is none. */
static gboolean
read_schema_version (GdaConnection *cnc, int *version, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdaDataModel) model =
    gda_connection_execute_select_command (cnc, "SELECT MAX(version) FROM schema_migration",
                                           &local_error);
  gint64 v = 0;

  *version = 0;
  if (!model)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The database in the backup cannot be read: %s"), local_error->message);
      return FALSE;
    }
  if (gda_data_model_get_n_rows (model) > 0)
    value_to_int64 (gda_data_model_get_value_at (model, 0, 0, NULL), &v);
  *version = (int) CLAMP (v, 0, G_MAXINT);
  return TRUE;
}

typedef struct {
  char   *hash;
  guint64 size;
} AttachmentRow;

static void
attachment_row_free (gpointer data)
{
  AttachmentRow *row = data;
  g_free (row->hash);
  g_free (row);
}

/* SQLite: the attachment rows of a database copy. */
static GPtrArray *
read_attachment_rows (GdaConnection *cnc, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdaDataModel) model =
    gda_connection_execute_select_command (cnc, "SELECT hash, size FROM attachment ORDER BY hash",
                                           &local_error);
  GPtrArray *rows;
  gint n;

  if (!model)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_DATABASE,
                   _("Cannot read the list of attachments: %s"), local_error->message);
      return NULL;
    }
  rows = g_ptr_array_new_with_free_func (attachment_row_free);
  n = gda_data_model_get_n_rows (model);
  for (gint r = 0; r < n; r++)
    {
      const GValue *h = gda_data_model_get_value_at (model, 0, r, NULL);
      const GValue *s = gda_data_model_get_value_at (model, 1, r, NULL);
      AttachmentRow *row = g_new0 (AttachmentRow, 1);
      gint64 size = 0;

      row->hash = h && G_VALUE_HOLDS_STRING (h) ? g_value_dup_string (h) : g_strdup ("");
      value_to_int64 (s, &size);
      row->size = size < 0 ? 0 : (guint64) size;
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* SQLite: a consistent copy of the live database as @dir/office.db.
 * VACUUM INTO (SQLite ≥ 3.27) runs through the application's own
 * connection and reads one snapshot, WAL included, while others write;
 * libgda gives no access to sqlite3_backup. */
static gboolean
snapshot_local_database (SyDatabase *db, const char *dir, GError **error)
{
  g_autofree char *target = g_build_filename (dir, DB_NAME, NULL);
  g_auto(GStrv) parts = g_strsplit (target, "'", -1);
  g_autofree char *quoted = g_strjoinv ("''", parts);
  g_autofree char *sql = g_strdup_printf ("VACUUM INTO '%s'", quoted);
  g_autoptr(GError) local_error = NULL;

  /* DDL-like commands return -2 on SQLite even on success: judge by the error. */
  gda_connection_execute_non_select_command (sy_database_get_connection (db), sql, &local_error);
  if (local_error)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_DATABASE,
                   _("Cannot take a snapshot of the database: %s"), local_error->message);
      return FALSE;
    }
  g_chmod (target, 0600);
  return TRUE;
}

/* PostgreSQL: every row of the shared database, read in one REPEATABLE
 * READ snapshot (a consistent state while other desks write), goes into a
 * new local database made by the same migrations (so the same schema
 * version) in @dir/build, whose compact copy becomes @dir/office.db.  A
 * shared database's backup is thus the same kind of file as a local one's:
 * each restores into either, and the verification is the same.  The
 * attachments' contents come from the store afterwards, by hash. */
static gboolean
snapshot_shared_database (SyDatabase *db, const char *dir, GError **error)
{
  g_autofree char *build = g_build_filename (dir, "build", NULL);
  g_autoptr(SyDatabase) local = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  gboolean ok = TRUE;

  local = sy_database_open (build, error);
  if (!local)
    return FALSE;
  if (sy_database_get_schema_version (local) != sy_database_get_schema_version (db))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_SCHEMA_TOO_NEW,
                   _("The shared database has schema version %d, this version of the application "
                     "writes %d: update the application to make a backup"),
                   sy_database_get_schema_version (db), sy_database_get_schema_version (local));
      return FALSE;
    }
  tables = _sy_db_copy_list_tables (local, db, error);
  if (!tables)
    return FALSE;
  /* The rows the migrations put in (the 考评 standards) make way for the
   * shared database's own. */
  if (!sy_database_begin (local, error))
    return FALSE;
  if (!_sy_db_copy_clear (local, tables, error))
    {
      sy_database_rollback (local);
      return FALSE;
    }
  if (!sy_database_commit (local, error) || !_sy_db_copy_begin_snapshot (db, error))
    return FALSE;
  for (guint i = 0; ok && i < tables->len; i++)
    ok = _sy_db_copy_table (db, local, tables->pdata[i], TRUE, NULL, NULL, error);
  _sy_db_copy_end_snapshot (db);
  return ok && snapshot_local_database (local, dir, error);
}

static gboolean
snapshot_database (SyDatabase *db, const char *dir, GError **error)
{
  return sy_database_is_postgres (db) ? snapshot_shared_database (db, dir, error)
                                      : snapshot_local_database (db, dir, error);
}

/* ---- writing a backup ------------------------------------------------- */

/* libarchive's own text for a failed write is just "Write error": the
 * system's reason (disk full …) says more. */
static const char *
archive_message (struct archive *a)
{
  int errsv = archive_errno (a);

  if (errsv > 0)
    return g_strerror (errsv);
  return archive_error_string (a) ? archive_error_string (a) : "?";
}

/* Streams one file into the archive, hashing it again on the way: the
 * bytes written must be the bytes the manifest describes. */
static gboolean
archive_add_file (struct archive *a, const char *entry_path, const char *file,
                  ManifestFile *mf, time_t mtime, GError **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (BUFFER_SIZE);
  struct archive_entry *entry = archive_entry_new ();
  guint64 total = 0;
  int fd;

  archive_entry_set_pathname (entry, entry_path);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0600);
  archive_entry_set_size (entry, (la_int64_t) mf->size);
  archive_entry_set_mtime (entry, mtime, 0);
  if (archive_write_header (a, entry) != ARCHIVE_OK)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write the backup: %s"),
                   archive_message (a));
      archive_entry_free (entry);
      return FALSE;
    }
  archive_entry_free (entry);

  fd = open (file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot read %s: %s"), entry_path, g_strerror (errsv));
      return FALSE;
    }
  while (total < mf->size)
    {
      gssize n = read (fd, buf, MIN ((guint64) BUFFER_SIZE, mf->size - total));
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_checksum_update (sum, buf, n);
      if (archive_write_data (a, buf, n) != n)
        {
          g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write the backup: %s"),
                       archive_message (a));
          close (fd);
          return FALSE;
        }
      total += n;
    }
  close (fd);
  if (total != mf->size || strcmp (g_checksum_get_string (sum), mf->sha256) != 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED,
                   _("%s changed while the backup was being written; try again"), entry_path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
archive_add_bytes (struct archive *a, const char *entry_path, const char *data, gsize len,
                   time_t mtime, GError **error)
{
  struct archive_entry *entry = archive_entry_new ();
  gboolean ok;

  archive_entry_set_pathname (entry, entry_path);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0600);
  archive_entry_set_size (entry, (la_int64_t) len);
  archive_entry_set_mtime (entry, mtime, 0);
  ok = archive_write_header (a, entry) == ARCHIVE_OK
       && archive_write_data (a, data, len) == (la_ssize_t) len;
  archive_entry_free (entry);
  if (!ok)
    g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write the backup: %s"),
                 archive_message (a));
  return ok;
}

/* Writes the tar to @fd: the manifest first, so a reader knows what to
 * expect (and can refuse a newer schema) before any data. */
static gboolean
write_archive (int fd, Manifest *m, const char *staging, SyAttachmentStore *store, GError **error)
{
  struct archive *a = archive_write_new ();
  g_autofree char *json = manifest_to_json (m);
  time_t now = time (NULL);
  gboolean ok;

  /* pax: no limits on sizes or name lengths; "restricted" writes plain
   * ustar headers whenever they suffice. */
  archive_write_set_format_pax_restricted (a);
  archive_write_add_filter_none (a);
  if (archive_write_open_fd (a, fd) != ARCHIVE_OK)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write the backup: %s"),
                   archive_message (a));
      archive_write_free (a);
      return FALSE;
    }

  ok = archive_add_bytes (a, MANIFEST_NAME, json, strlen (json), now, error);
  for (guint i = 0; ok && i < m->files->len; i++)
    {
      ManifestFile *f = g_ptr_array_index (m->files, i);
      g_autofree char *file = NULL;

      if (strcmp (f->path, DB_NAME) == 0)
        file = g_build_filename (staging, DB_NAME, NULL);
      else
        file = sy_attachment_store_get_path (store, f->sha256);
      ok = archive_add_file (a, f->path, file, f, now, error);
    }
  if (archive_write_close (a) != ARCHIVE_OK && ok)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot write the backup: %s"),
                   archive_message (a));
      ok = FALSE;
    }
  archive_write_free (a);
  return ok;
}

static void
fill_report (SyBackupReport *report, Manifest *m, GPtrArray *missing)
{
  if (!report)
    return;
  sy_backup_report_clear (report);
  report->schema_version = m->schema_version;
  report->app_version = g_strdup (m->app_version);
  report->created_at = g_strdup (m->created_at);
  report->n_attachments = m->files->len > 0 ? m->files->len - 1 : 0;
  report->n_bytes = m->total;
  if (missing && missing->len > 0)
    {
      g_ptr_array_add (missing, NULL);
      report->missing = g_strdupv ((char **) missing->pdata);
      g_ptr_array_remove_index (missing, missing->len - 1);
    }
}

gboolean
sy_backup_create (SyDatabase *db, const char *path, SyBackupReport *report, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *staging = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *db_hash = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(Manifest) m = manifest_new ();
  SyAttachmentStore *store = sy_database_get_attachments (db);
  GdaConnection *snapshot = NULL;
  guint64 db_size = 0;
  gboolean ok = FALSE;
  int errsv = 0;
  int fd = -1;

  g_return_val_if_fail (SY_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  if (!sy_database_is_postgres (db) && is_inside (dir, sy_database_get_directory (db)))
    {
      /* It would be lost with the folder it should save, and a restore
       * replaces that whole folder. */
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("A backup cannot be written into the database folder %s; choose another folder"),
                   sy_database_get_directory (db));
      return FALSE;
    }
  /* The snapshot is staged beside the backup: same free space, and /tmp
   * may be a small tmpfs. */
  staging = g_build_filename (dir, ".backup-XXXXXX", NULL);
  if (!g_mkdtemp_full (staging, 0700))
    {
      set_io_error (error, dir, errno);
      g_clear_pointer (&staging, g_free);
      return FALSE;
    }

  if (!snapshot_database (db, staging, error))
    goto out;
  {
    g_autofree char *db_file = g_build_filename (staging, DB_NAME, NULL);
    if (!hash_file (db_file, &db_hash, &db_size, &errsv))
      {
        g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot read the database snapshot: %s"),
                     g_strerror (errsv));
        goto out;
      }
  }

  /* The attachments are those the snapshot names (a file is stored before
   * its row, so every one of them exists unless the store is damaged). */
  snapshot = open_sqlite_file (staging, error);
  if (!snapshot || !read_schema_version (snapshot, &m->schema_version, error)
      || !(rows = read_attachment_rows (snapshot, error)))
    goto out;
  close_connection (g_steal_pointer (&snapshot));

  m->app_version = g_strdup (PACKAGE_VERSION);
  m->created_at = sy_database_now ();
  m->office_name = sy_database_get_setting (db, "office-name");
  manifest_add (m, DB_NAME, db_size, db_hash);
  for (guint i = 0; i < rows->len; i++)
    {
      AttachmentRow *row = g_ptr_array_index (rows, i);
      g_autofree char *file = sy_attachment_store_get_path (store, row->hash);
      g_autofree char *hex = NULL;
      g_autofree char *entry = NULL;
      guint64 size = 0;

      /* A missing or damaged file is left out (and reported) rather than
       * making every backup fail: the rest of the office is still worth
       * saving, and a damaged file would make the backup unrestorable. */
      if (!file || !hash_file (file, &hex, &size, &errsv)
          || strcmp (hex, row->hash) != 0 || size != row->size)
        {
          g_ptr_array_add (missing, g_strdup (row->hash));
          continue;
        }
      entry = attachment_entry_path (row->hash);
      manifest_add (m, entry, size, hex);
    }

  tmp = g_strconcat (path, ".tmp-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_io_error (error, base, errno);
      g_clear_pointer (&tmp, g_free);
      goto out;
    }
  if (!write_archive (fd, m, staging, store, error))
    goto out;
  if (fsync (fd) != 0)
    {
      set_io_error (error, base, errno);
      goto out;
    }
  errsv = close (fd) != 0 ? errno : 0;
  fd = -1;
  if (errsv != 0 || g_rename (tmp, path) != 0)
    {
      set_io_error (error, base, errsv ? errsv : errno);
      goto out;
    }
  g_clear_pointer (&tmp, g_free);
  fsync_dir (dir);
  fill_report (report, m, missing);
  ok = TRUE;

out:
  close_connection (snapshot);
  if (fd >= 0)
    close (fd);
  if (tmp)
    g_unlink (tmp);
  remove_tree (staging);
  return ok;
}

/* ---- reading a backup ------------------------------------------------- */

static gboolean
entry_error (GError **error, const char *archive, const char *entry, const char *why)
{
  g_set_error (error, SY_ERROR, SY_ERROR_INVALID, _("%s is not a usable backup: %s: %s"),
               archive, entry ? entry : "?", why);
  return FALSE;
}

/* Creates @dir/@rel's parent folders (0700) and the file itself, refusing
 * to follow or reuse anything already there. */
static int
create_output_file (const char *dir, const char *rel, GError **error)
{
  g_autofree char *file = g_build_filename (dir, rel, NULL);
  g_autofree char *parent = g_path_get_dirname (file);
  int fd;

  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      set_io_error (error, rel, errno);
      return -1;
    }
  fd = open (file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    set_io_error (error, rel, errno);
  return fd;
}

/* Reads one entry's data, hashing it and (with @out_dir) writing it to
 * @out_dir/@path with fsync; checks size and hash against the manifest. */
static gboolean
read_entry_data (struct archive *a, const char *archive, ManifestFile *mf,
                 const char *out_dir, GError **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (BUFFER_SIZE);
  guint64 total = 0;
  int fd = -1;

  if (out_dir && (fd = create_output_file (out_dir, mf->path, error)) < 0)
    return FALSE;
  for (;;)
    {
      la_ssize_t n = archive_read_data (a, buf, BUFFER_SIZE);

      if (n == 0)
        break;
      if (n < 0)
        {
          if (fd >= 0)
            close (fd);
          return entry_error (error, archive, mf->path, archive_error_string (a));
        }
      total += n;
      if (total > mf->size)
        {
          if (fd >= 0)
            close (fd);
          return entry_error (error, archive, mf->path, _("larger than its manifest says"));
        }
      g_checksum_update (sum, buf, n);
      if (fd >= 0 && !write_all (fd, buf, n))
        {
          set_io_error (error, mf->path, errno);
          close (fd);
          return FALSE;
        }
    }
  if (fd >= 0)
    {
      int errsv = fsync (fd) != 0 ? errno : 0;
      if (close (fd) != 0 && errsv == 0)
        errsv = errno;
      if (errsv)
        {
          set_io_error (error, mf->path, errsv);
          return FALSE;
        }
    }
  if (total != mf->size)
    return entry_error (error, archive, mf->path, _("its size differs from the manifest"));
  if (strcmp (g_checksum_get_string (sum), mf->sha256) != 0)
    return entry_error (error, archive, mf->path,
                        _("its checksum differs from the manifest (the file is damaged or was changed)"));
  return TRUE;
}

/* An entry must be a plain file at an allowed path: no links, devices,
 * folders, sparse tricks or repeated names. */
static gboolean
check_entry (struct archive_entry *entry, const char *archive, GError **error)
{
  const char *path = archive_entry_pathname (entry);

  if (classify_path (path) == ENTRY_INVALID)
    return entry_error (error, archive, path, _("unexpected file name in the archive"));
  if (archive_entry_filetype (entry) != AE_IFREG
      || archive_entry_hardlink (entry) != NULL || archive_entry_symlink (entry) != NULL)
    return entry_error (error, archive, path, _("not a plain file (a link or a device)"));
  if (archive_entry_sparse_reset (entry) > 0)
    return entry_error (error, archive, path, _("a sparse file"));
  if (!archive_entry_size_is_set (entry) || archive_entry_size (entry) < 0)
    return entry_error (error, archive, path, _("no size"));
  return TRUE;
}

/* Reads the whole archive, verifying it against its manifest; with
 * @out_dir, extracts it there.  Returns the manifest. */
static Manifest *
read_archive (const char *path, const char *out_dir, GError **error)
{
  g_autofree char *display = g_path_get_basename (path);
  g_autoptr(Manifest) m = NULL;
  struct archive *a = NULL;
  struct archive_entry *entry;
  GStatBuf st;
  guint n_entries = 0;
  int fd = -1;
  int r;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      int errsv = errno;
      g_set_error (error, SY_ERROR, fd < 0 && errsv == ENOENT ? SY_ERROR_NOT_FOUND : SY_ERROR_IO,
                   _("Cannot read %s: %s"), display,
                   fd >= 0 ? _("not a regular file") : g_strerror (errsv));
      if (fd >= 0)
        close (fd);
      return NULL;
    }

  a = archive_read_new ();
  /* tar only, and no decompression: the sizes can then be checked against
   * the archive's own size (no bombs). */
  archive_read_support_format_tar (a);
  archive_read_support_filter_none (a);
  if (archive_read_open_fd (a, fd, 64 * 1024) != ARCHIVE_OK)
    {
      entry_error (error, display, MANIFEST_NAME, archive_error_string (a));
      goto fail;
    }

  while ((r = archive_read_next_header (a, &entry)) == ARCHIVE_OK)
    {
      const char *name;
      ManifestFile *mf;

      if (++n_entries > SY_BACKUP_MAX_ENTRIES + 1)
        {
          entry_error (error, display, NULL, _("too many files"));
          goto fail;
        }
      if (!check_entry (entry, display, error))
        goto fail;
      name = archive_entry_pathname (entry);

      if (!m)
        {
          /* The manifest comes first, so nothing is written before it is
           * known to be good. */
          g_autofree char *text = NULL;
          la_int64_t size = archive_entry_size (entry);
          la_int64_t got = 0;

          if (classify_path (name) != ENTRY_MANIFEST)
            {
              g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                           _("%s is not a backup made by this application (no manifest)"), display);
              goto fail;
            }
          if ((guint64) size > SY_BACKUP_MAX_MANIFEST_SIZE)
            {
              entry_error (error, display, name, _("too large"));
              goto fail;
            }
          text = g_malloc (size + 1);
          while (got < size)
            {
              la_ssize_t n = archive_read_data (a, text + got, size - got);
              if (n <= 0)
                break;
              got += n;
            }
          if (got != size)
            {
              entry_error (error, display, name, _("truncated"));
              goto fail;
            }
          text[size] = '\0';
          m = manifest_parse (text, size, display, st.st_size, error);
          if (!m)
            goto fail;
          continue;
        }

      mf = g_hash_table_lookup (m->by_path, name);
      if (!mf)
        {
          entry_error (error, display, name, _("not listed in the manifest"));
          goto fail;
        }
      if (mf->seen)
        {
          entry_error (error, display, name, _("appears twice"));
          goto fail;
        }
      mf->seen = TRUE;
      if ((guint64) archive_entry_size (entry) != mf->size)
        {
          entry_error (error, display, name, _("its size differs from the manifest"));
          goto fail;
        }
      if (!read_entry_data (a, display, mf, out_dir, error))
        goto fail;
    }
  if (r != ARCHIVE_EOF)
    {
      if (!m)
        g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                     _("%s is not a backup made by this application (%s)"), display,
                     archive_error_string (a) ? archive_error_string (a) : "?");
      else
        entry_error (error, display, NULL, archive_error_string (a) ? archive_error_string (a) : "?");
      goto fail;
    }
  if (!m)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is not a backup made by this application (no manifest)"), display);
      goto fail;
    }
  for (guint i = 0; i < m->files->len; i++)
    {
      ManifestFile *mf = g_ptr_array_index (m->files, i);
      if (!mf->seen)
        {
          entry_error (error, display, mf->path, _("listed in the manifest but missing"));
          goto fail;
        }
    }

  archive_read_free (a);
  close (fd);
  return g_steal_pointer (&m);

fail:
  archive_read_free (a);
  close (fd);
  return NULL;
}

/* SQLite: the restored copy must be the database the manifest describes
 * and be sound; lists the attachment rows without a file. */
static gboolean
verify_restored_database (const char *dir, const char *display, Manifest *m,
                          GPtrArray *missing, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdaDataModel) check = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GdaConnection *cnc = open_sqlite_file (dir, error);
  int version = 0;
  gboolean ok = FALSE;

  if (!cnc)
    return FALSE;
  if (!read_schema_version (cnc, &version, error))
    goto out;
  if (version != m->schema_version)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("%s is not a usable backup: its database has schema %d, its manifest says %d"),
                   display, version, m->schema_version);
      goto out;
    }
  check = gda_connection_execute_select_command (cnc, "PRAGMA quick_check", &local_error);
  if (!check || gda_data_model_get_n_rows (check) < 1)
    {
      entry_error (error, display, DB_NAME, local_error ? local_error->message : "quick_check");
      goto out;
    }
  {
    const GValue *v = gda_data_model_get_value_at (check, 0, 0, NULL);
    if (!v || !G_VALUE_HOLDS_STRING (v) || g_strcmp0 (g_value_get_string (v), "ok") != 0)
      {
        entry_error (error, display, DB_NAME, _("the database is damaged"));
        goto out;
      }
  }
  rows = read_attachment_rows (cnc, error);
  if (!rows)
    goto out;
  for (guint i = 0; i < rows->len; i++)
    {
      AttachmentRow *row = g_ptr_array_index (rows, i);
      g_autofree char *entry = is_hash (row->hash) ? attachment_entry_path (row->hash) : NULL;

      if (!entry || !g_hash_table_contains (m->by_path, entry))
        g_ptr_array_add (missing, g_strdup (row->hash));
    }
  ok = TRUE;

out:
  close_connection (cnc);
  return ok;
}

gboolean
sy_backup_verify (const char *path, SyBackupReport *report, GError **error)
{
  g_autoptr(Manifest) m = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  /* The database side is checked by restore, which has a copy to open. */
  m = read_archive (path, NULL, error);
  if (!m)
    return FALSE;
  fill_report (report, m, NULL);
  return TRUE;
}

/* ---- restoring: the folder swap --------------------------------------- */

static gboolean
is_database_file_name (const char *name)
{
  /* print-cache (sy-photo-print.h) is made again from the attachments. */
  static const char *const allowed[] = {
    DB_NAME, DB_NAME "-wal", DB_NAME "-shm", DB_NAME "-journal", ATTACH_DIR, "print-cache",
  };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (strcmp (name, allowed[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The whole folder is replaced, so anything else in it would be lost:
 * refuse instead. */
static gboolean
check_folder_contents (const char *directory, GError **error)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (!is_database_file_name (name))
      {
        g_set_error (error, SY_ERROR, SY_ERROR_FAILED,
                     _("The database folder %s also holds “%s”, which a restore would remove; "
                       "move it elsewhere and try again"), directory, name);
        return FALSE;
      }
  return TRUE;
}

static gboolean no_exchange;

void
_sy_backup_set_no_exchange (gboolean no)
{
  no_exchange = no;
}

/* Temporary folders of restores that were interrupted (killed, power
 * loss): never the live folder, so safe to remove; they hold personal data
 * and may be large.  The ".old-" folders of the two-rename path are left
 * alone: after an interruption between its renames one is the only copy. */
static void
remove_stale_restores (const char *parent, const char *base)
{
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.restore-", base);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, prefix) && strlen (name) == strlen (prefix) + 6)
      {
        g_autofree char *path = g_build_filename (parent, name, NULL);
        remove_tree (path);
      }
}

/* SQLite: whether another process has the database open.  Every
 * connection to a WAL database holds a shared lock on byte 128 of the -shm
 * file (the "DMS" lock) for as long as it is open, so a write-lock probe
 * there fails exactly when someone else uses it.  Restoring under a running
 * app would lose everything it writes afterwards. */
static gboolean
database_in_use (const char *live)
{
  g_autofree char *shm = g_build_filename (live, DB_NAME "-shm", NULL);
  struct flock fl = { 0 };
  gboolean in_use = FALSE;
  int fd = open (shm, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

  if (fd < 0)
    return FALSE;
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = 128;
  fl.l_len = 1;
  if (fcntl (fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
    in_use = TRUE;
  close (fd);
  return in_use;
}

/* Swaps @fresh into @live.  RENAME_EXCHANGE swaps both names in one step,
 * so @live always names a complete folder; where the file system cannot
 * (EINVAL), the old folder is renamed aside first and the new one in:
 * an interruption between the two leaves the old folder complete under
 * @aside.  Afterwards @fresh/@aside holds the old folder. */
static gboolean
swap_folders (const char *fresh, const char *live, gboolean live_exists, char **old_out,
              GError **error)
{
  g_autofree char *parent = g_path_get_dirname (live);

  if (!live_exists)
    {
      if (g_rename (fresh, live) != 0)
        {
          set_io_error (error, live, errno);
          return FALSE;
        }
      fsync_dir (parent);
      *old_out = NULL;
      return TRUE;
    }

#ifdef RENAME_EXCHANGE
  if (!no_exchange && renameat2 (AT_FDCWD, fresh, AT_FDCWD, live, RENAME_EXCHANGE) == 0)
    {
      fsync_dir (parent);
      *old_out = g_strdup (fresh);
      return TRUE;
    }
  if (!no_exchange && errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    {
      set_io_error (error, live, errno);
      return FALSE;
    }
#endif
  {
    g_autofree char *base = g_path_get_basename (live);
    g_autofree char *aside_name = g_strdup_printf (".%s.old-XXXXXX", base);
    g_autofree char *aside = g_build_filename (parent, aside_name, NULL);

    /* mkdtemp reserves a unique name; rename() may replace an empty folder. */
    if (!g_mkdtemp_full (aside, 0700) || g_rename (live, aside) != 0)
      {
        set_io_error (error, live, errno);
        if (aside)
          g_rmdir (aside);
        return FALSE;
      }
    if (g_rename (fresh, live) != 0)
      {
        int errsv = errno;
        g_rename (aside, live);  /* put the old one back */
        set_io_error (error, live, errsv);
        return FALSE;
      }
    fsync_dir (parent);
    *old_out = g_steal_pointer (&aside);
    return TRUE;
  }
}

static void
fsync_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        fsync_tree (child);
    }
  fsync_dir (path);
}

gboolean
sy_backup_restore (const char *path, const char *directory, SyBackupReport *report, GError **error)
{
  g_autofree char *live = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *old = NULL;
  g_autofree char *display = NULL;
  g_autoptr(Manifest) m = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  gboolean live_exists;
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);
  if (directory && sy_database_location_is_postgres (directory))
    {
      g_autoptr(SyDatabase) shared = sy_database_open_uri (directory, error);

      return shared && sy_backup_restore_into (shared, path, report, error);
    }

  display = g_path_get_basename (path);
  {
    g_autofree char *given = directory && *directory ? g_canonicalize_filename (directory, NULL)
                                                     : sy_database_default_directory ();
    char *real = realpath (given, NULL);

    /* A folder reached through a symlink is restored where it really is;
     * the link stays. */
    live = real ? g_strdup (real) : g_strdup (given);
    free (real);
  }
  live_exists = g_file_test (live, G_FILE_TEST_EXISTS);
  if (live_exists && !g_file_test (live, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED, _("%s is not a folder"), live);
      return FALSE;
    }
  if (live_exists && !check_folder_contents (live, error))
    return FALSE;
  if (live_exists && database_in_use (live))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED,
                   _("The database in %s is in use (is the application open?); close it and try again"),
                   live);
      return FALSE;
    }

  parent = g_path_get_dirname (live);
  base = g_path_get_basename (live);
  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      set_io_error (error, parent, errno);
      return FALSE;
    }
  remove_stale_restores (parent, base);
  {
    g_autofree char *fresh_name = g_strdup_printf (".%s.restore-XXXXXX", base);
    fresh = g_build_filename (parent, fresh_name, NULL);
  }
  if (!g_mkdtemp_full (fresh, 0700))
    {
      set_io_error (error, parent, errno);
      g_clear_pointer (&fresh, g_free);
      return FALSE;
    }

  /* Everything is read, verified and written beside the live folder
   * first; the live folder is touched only by the final swap. */
  m = read_archive (path, fresh, error);
  if (!m || !verify_restored_database (fresh, display, m, missing, error))
    goto out;
  {
    g_autofree char *attach = g_build_filename (fresh, ATTACH_DIR, NULL);
    g_mkdir_with_parents (attach, 0700);
  }
  fsync_tree (fresh);
  fsync_dir (parent);

  if (!swap_folders (fresh, live, live_exists, &old, error))
    goto out;
  g_clear_pointer (&fresh, g_free);  /* it is the live folder now */
  fill_report (report, m, missing);
  ok = TRUE;

out:
  if (fresh)
    remove_tree (fresh);
  if (old)
    {
      remove_tree (old);
      fsync_dir (parent);
    }
  return ok;
}

/* ---- restoring into a shared database --------------------------------- */

/* The contents of the restored attachments that the shared database lacks,
 * from the verified copy; then the contents no row names any more. */
static gboolean
restore_blobs (SyDatabase *staged, SyDatabase *db, GPtrArray *missing, GError **error)
{
  return _sy_db_copy_attachments (staged, db, missing, NULL, NULL, error)
         && sy_database_execute (db, "DELETE FROM attachment_blob WHERE hash NOT IN "
                                     "(SELECT hash FROM attachment)", error, NULL) >= 0;
}

/* Everything of @db replaced by the verified copy @staged, in the caller's
 * transaction: either all of it or nothing. */
static gboolean
replace_shared_rows (SyDatabase *staged, SyDatabase *db, GPtrArray *missing, const char *display,
                     GError **error)
{
  g_autoptr(GPtrArray) tables = _sy_db_copy_list_tables (staged, db, error);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *differs = NULL;

  if (!tables || !_sy_db_copy_measure (staged, tables, error))
    return FALSE;
  /* Attachment rows go and come back while their contents stay (0009). */
  gda_connection_execute_non_select_command (sy_database_get_connection (db),
                                             "SET CONSTRAINTS attachment_blob_hash_fkey DEFERRED",
                                             &local_error);
  if (local_error)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_DATABASE, _("Cannot restore into the shared database: %s"),
                   local_error->message);
      return FALSE;
    }
  if (!_sy_db_copy_clear (db, tables, error))
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    if (!_sy_db_copy_table (staged, db, tables->pdata[i], FALSE, NULL, NULL, error))
      return FALSE;
  if (!_sy_db_copy_reset_sequences (db, tables, error)
      || !restore_blobs (staged, db, missing, error)
      || !_sy_db_copy_compare (db, tables, &differs, error))
    return FALSE;
  if (differs)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED,
                   _("The shared database did not take the backup %s as it is (table %s); "
                     "nothing was changed"), display, differs);
      return FALSE;
    }
  return TRUE;
}

gboolean
sy_backup_restore_into (SyDatabase *db, const char *path, SyBackupReport *report, GError **error)
{
  g_autofree char *display = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *details = NULL;
  g_autoptr(Manifest) m = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SyDatabase) staged = NULL;
  const char *files;
  gboolean ok = FALSE;

  g_return_val_if_fail (SY_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!sy_database_is_postgres (db))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("A local database is restored by replacing its folder (restore FILE with --db DIR)"));
      return FALSE;
    }
  display = g_path_get_basename (path);
  /* The verified copy is staged in the local files folder of this shared
   * database, never in /tmp (it may be a small tmpfs). */
  files = sy_database_get_files_directory (db);
  if (g_mkdir_with_parents (files, 0700) != 0)
    {
      set_io_error (error, files, errno);
      return FALSE;
    }
  remove_stale_restores (files, "shared");
  fresh = g_build_filename (files, ".shared.restore-XXXXXX", NULL);
  if (!g_mkdtemp_full (fresh, 0700))
    {
      set_io_error (error, files, errno);
      g_clear_pointer (&fresh, g_free);
      return FALSE;
    }

  m = read_archive (path, fresh, error);
  if (!m || !verify_restored_database (fresh, display, m, missing, error))
    goto out;
  /* Opened as an office database: a backup from an older version is
   * migrated up to this one's schema before it is copied. */
  staged = sy_database_open (fresh, error);
  if (!staged)
    goto out;

  if (!sy_database_begin (db, error))
    goto out;
  {
    g_autoptr(GString) json = g_string_new ("{\"backup\": ");
    json_append_string (json, display);
    g_string_append (json, ", \"made\": ");
    json_append_string (json, m->created_at ? m->created_at : "");
    g_string_append_c (json, '}');
    details = g_strdup (json->str);
  }
  /* The audit row, after the audit log itself was replaced, is also what
   * tells the other desks' windows to reload (its id is above every id
   * they saw: sequences never go back). */
  if (!replace_shared_rows (staged, db, missing, display, error)
      || !sy_database_audit_event (db, "restore", "database", 0, details, error))
    {
      sy_database_rollback (db);
      goto out;
    }
  if (!sy_database_commit (db, error))
    goto out;
  fill_report (report, m, missing);
  ok = TRUE;

out:
  g_clear_object (&staged);
  if (fresh)
    remove_tree (fresh);
  return ok;
}

/* ---- automatic backups ------------------------------------------------ */

typedef struct {
  char  *name;
  char  *stamp;   /* YYYYMMDD-HHMMSS */
  guint  serial;  /* the -N of a second backup in the same second */
} AutoFile;

static void
auto_file_free (gpointer data)
{
  AutoFile *f = data;
  g_free (f->name);
  g_free (f->stamp);
  g_free (f);
}

static gint
auto_file_compare (gconstpointer a, gconstpointer b)
{
  const AutoFile *fa = *(AutoFile * const *) a;
  const AutoFile *fb = *(AutoFile * const *) b;
  int c = strcmp (fa->stamp, fb->stamp);

  if (c != 0)
    return c;
  return fa->serial < fb->serial ? -1 : fa->serial > fb->serial;
}

/* backup-YYYYMMDD-HHMMSS[-N].tar, exactly. */
static AutoFile *
parse_auto_name (const char *name)
{
  g_autoptr(GRegex) re = g_regex_new ("^backup-([0-9]{8}-[0-9]{6})(?:-([0-9]{1,6}))?\\."
                                      SY_BACKUP_EXTENSION "$", 0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;
  AutoFile *f;
  g_autofree char *serial = NULL;

  if (!g_regex_match (re, name, 0, &info))
    return NULL;
  f = g_new0 (AutoFile, 1);
  f->name = g_strdup (name);
  f->stamp = g_match_info_fetch (info, 1);
  serial = g_match_info_fetch (info, 2);
  f->serial = serial && *serial ? (guint) atoi (serial) : 0;
  return f;
}

static gboolean rotate (const char *dir, guint keep, const char *protect, guint *n_removed,
                        GError **error);

gboolean
sy_backup_rotate (const char *dir, guint keep, guint *n_removed, GError **error)
{
  return rotate (dir, keep, NULL, n_removed, error);
}

/* @protect: a name never removed (the backup just written, whatever the
 * clock said when it was named). */
static gboolean
rotate (const char *dir, guint keep, const char *protect, guint *n_removed, GError **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (auto_file_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (dir != NULL, FALSE);
  if (n_removed)
    *n_removed = 0;
  keep = MAX (keep, 1);

  d = g_dir_open (dir, 0, &local_error);
  if (!d)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot read the folder %s: %s"), dir,
                   local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (d)))
    {
      AutoFile *f = parse_auto_name (name);
      g_autofree char *full = NULL;

      if (!f)
        continue;
      if (protect && strcmp (name, protect) == 0)
        {
          /* Counted among the kept ones, never removed. */
          keep = keep > 1 ? keep - 1 : 0;
          auto_file_free (f);
          continue;
        }
      full = g_build_filename (dir, name, NULL);
      if (!g_file_test (full, G_FILE_TEST_IS_REGULAR) || g_file_test (full, G_FILE_TEST_IS_SYMLINK))
        {
          auto_file_free (f);
          continue;
        }
      g_ptr_array_add (files, f);
    }
  g_ptr_array_sort (files, auto_file_compare);
  for (guint i = 0; i + keep < files->len; i++)
    {
      AutoFile *f = g_ptr_array_index (files, i);
      g_autofree char *full = g_build_filename (dir, f->name, NULL);

      if (g_unlink (full) != 0)
        {
          int errsv = errno;
          g_set_error (error, SY_ERROR, SY_ERROR_IO, _("Cannot remove the old backup %s: %s"),
                       f->name, g_strerror (errsv));
          return FALSE;
        }
      removed++;
    }
  if (removed)
    fsync_dir (dir);
  if (n_removed)
    *n_removed = removed;
  return TRUE;
}

char *
sy_backup_auto (SyDatabase *db, const char *dir, guint keep, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *path = NULL;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_io_error (error, dir, errno);
      return NULL;
    }
  for (guint serial = 0; serial < 1000; serial++)
    {
      g_autofree char *name = serial == 0
        ? g_strdup_printf ("backup-%s." SY_BACKUP_EXTENSION, stamp)
        : g_strdup_printf ("backup-%s-%u." SY_BACKUP_EXTENSION, stamp, serial);

      g_free (path);
      path = g_build_filename (dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        break;
    }
  if (!sy_backup_create (db, path, NULL, error))
    return NULL;
  {
    g_autofree char *name = g_path_get_basename (path);
    if (!rotate (dir, keep, name, NULL, error))
      return NULL;
  }
  return g_steal_pointer (&path);
}
