/* sy-migrate.c: a local office database copied to a shared PostgreSQL one
 *
 * The tables travel through sy-db-copy.c; this file adds the attachments,
 * the marker that makes a re-run safe, and the verification.
 */
#include "sy-migrate.h"
#include "sy-attachment-store.h"
#include "sy-db-copy.h"
#include "sy-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MARKER_KEY "migrated-from"

/* Every attachment on the target, loaded (which verifies its hash). */
static gboolean
verify_attachments (SyDatabase *target, GError **error)
{
  static const GType types[] = { G_TYPE_STRING, G_TYPE_NONE };
  g_autoptr(GdaDataModel) model =
    sy_database_select (target, "SELECT hash FROM attachment ORDER BY hash", types, error, NULL);
  SyAttachmentStore *store = sy_database_get_attachments (target);

  if (!model)
    return FALSE;
  for (gint r = 0; r < gda_data_model_get_n_rows (model); r++)
    {
      const char *hash = _sy_model_get_string (model, 0, r);
      g_autoptr(GBytes) bytes = sy_attachment_store_load (store, hash, error);
      if (!bytes)
        return FALSE;
    }
  return TRUE;
}

/* A target nobody has used: no marker, no audit row (every change writes
 * one) and no office data.  What it holds came from the migrations
 * (the 考评 items of 0006) and is replaced by the source's rows. */
static gboolean
target_is_fresh (SyDatabase *target, gboolean *fresh, GError **error)
{
  gint64 audited = 0, attachments = 0;

  if (!sy_database_query_int64 (target, &audited, "SELECT COUNT(*) FROM audit_log", error, NULL)
      || !sy_database_query_int64 (target, &attachments, "SELECT COUNT(*) FROM attachment", error, NULL))
    return FALSE;
  *fresh = audited == 0 && attachments == 0 && sy_database_is_empty (target);
  return TRUE;
}

/* The marker is the migration's bookkeeping, not an office change: no
 * audit row (the audit log is copied and compared like any table). */
static gboolean
set_marker (SyDatabase *target, const char *value, GError **error)
{
  if (!sy_database_begin (target, error))
    return FALSE;
  if (sy_database_execute (target, "DELETE FROM setting WHERE key = ##key::string", error,
                           "key", G_TYPE_STRING, MARKER_KEY, NULL) < 0
      || sy_database_execute (target, "INSERT INTO setting (key, value) VALUES (##key::string, ##value::string)",
                              error, "key", G_TYPE_STRING, MARKER_KEY, "value", G_TYPE_STRING, value, NULL) < 0)
    {
      sy_database_rollback (target);
      return FALSE;
    }
  return sy_database_commit (target, error);
}

/* Empties the tables (last created first) and sets the marker
 * "incomplete", in one transaction. */
static gboolean
start_target (SyDatabase *target, GPtrArray *tables, const char *from, GError **error)
{
  g_autofree char *marker = g_strconcat ("incomplete: ", from, NULL);

  if (!sy_database_begin (target, error))
    return FALSE;
  if (!_sy_db_copy_clear (target, tables, error) || !set_marker (target, marker, error))
    {
      sy_database_rollback (target);
      return FALSE;
    }
  return sy_database_commit (target, error);
}

gboolean
sy_migrate_to_postgres (const char        *from_dir,
                        const char        *to_uri,
                        SyMigrateProgress  progress,
                        gpointer           user_data,
                        SyMigrateResult   *result,
                        GError           **error)
{
  g_autoptr(SyDatabase) source = NULL;
  g_autoptr(SyDatabase) target = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *differs = NULL;
  g_autofree char *done = NULL;
  g_autofree char *db_file = NULL;
  gboolean fresh = FALSE;

  *result = SY_MIGRATE_COPIED;
  if (!sy_database_require_local (from_dir, error))
    return FALSE;
  if (!sy_database_location_is_postgres (to_uri))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_INVALID,
                   _("The target must be a shared database postgresql://user@host:port/name, not “%s”"),
                   to_uri);
      return FALSE;
    }
  /* Opening a folder without a database would create an empty one. */
  db_file = g_build_filename (from_dir, "office.db", NULL);
  if (!g_file_test (db_file, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND, _("There is no local database in %s"), from_dir);
      return FALSE;
    }
  source = sy_database_open (from_dir, error);
  if (!source)
    return FALSE;
  _sy_db_copy_say ((SyDbCopyProgress) progress, user_data, _("opening %s"), to_uri);
  target = sy_database_open_uri (to_uri, error);
  if (!target)
    return FALSE;

  tables = _sy_db_copy_list_tables (source, target, error);
  if (!tables || !_sy_db_copy_measure (source, tables, error))
    return FALSE;

  marker = sy_database_get_setting (target, MARKER_KEY);
  if (marker && g_str_has_prefix (marker, "complete"))
    {
      if (!_sy_db_copy_compare (target, tables, &differs, error))
        return FALSE;
      if (!differs)
        {
          *result = SY_MIGRATE_ALREADY_DONE;
          return TRUE;
        }
      g_set_error (error, SY_ERROR, SY_ERROR_CONFLICT,
                   _("%s already holds data migrated earlier that differs from %s (table %s): "
                     "nothing was changed. Migrate into a new, empty database."),
                   to_uri, from_dir, differs);
      return FALSE;
    }
  if (marker)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_CONFLICT,
                   _("An earlier migration into %s did not finish: nothing was changed. "
                     "Drop that database, create it again empty and run migrate again."),
                   to_uri);
      return FALSE;
    }
  if (!target_is_fresh (target, &fresh, error))
    return FALSE;
  if (!fresh)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_CONFLICT,
                   _("%s already holds office data: nothing was changed. "
                     "Migrate into a new, empty database."),
                   to_uri);
      return FALSE;
    }

  if (!start_target (target, tables, from_dir, error))
    return FALSE;
  for (guint i = 0; i < tables->len; i++)
    if (!_sy_db_copy_table (source, target, tables->pdata[i], TRUE,
                            (SyDbCopyProgress) progress, user_data, error))
      return FALSE;
  if (!_sy_db_copy_reset_sequences (target, tables, error)
      || !_sy_db_copy_attachments (source, target, NULL, (SyDbCopyProgress) progress,
                                   user_data, error))
    return FALSE;

  _sy_db_copy_say ((SyDbCopyProgress) progress, user_data, _("verifying"));
  if (!_sy_db_copy_compare (target, tables, &differs, error) || !verify_attachments (target, error))
    return FALSE;
  if (differs)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_FAILED,
                   _("The copy in %s does not match %s (table %s). Drop that database, "
                     "create it again empty and run migrate again."),
                   to_uri, from_dir, differs);
      return FALSE;
    }
  done = g_strconcat ("complete: ", from_dir, NULL);
  return set_marker (target, done, error);
}
