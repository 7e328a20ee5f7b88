/* sy-plan-importer.c: a parsed plan outline written to the database */
#include "sy-plan-importer.h"

#include <glib/gi18n-lib.h>

#include "sy-error.h"
#include "sy-plan-item.h"

gboolean
sy_plan_importer_find_unit (SyDatabase *db,
                            const char *name,
                            gint64     *unit_id,
                            GError    **error)
{
  gint64 id = 0;

  g_return_val_if_fail (name != NULL, FALSE);

  if (!sy_database_query_int64 (db, &id, "SELECT MIN(id) FROM unit WHERE name = ##name::string",
                                error, "name", G_TYPE_STRING, name, NULL))
    return FALSE;
  if (id == 0)
    {
      g_set_error (error, SY_ERROR, SY_ERROR_NOT_FOUND,
                   _("There is no unit called “%s”"), name);
      return FALSE;
    }
  *unit_id = id;
  return TRUE;
}

static char *
stored_title (SyPlanOutlineItem *item)
{
  if (item->body == NULL || *item->body == '\0')
    return g_strdup (item->title);
  return g_strconcat (item->title, "\n", item->body, NULL);
}

static gboolean
write_items (SyDatabase *db, SyPlanOutline *outline, gint64 plan_id, GError **error)
{
  g_autoptr(GArray) parents = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GArray) positions = g_array_new (FALSE, TRUE, sizeof (int));

  for (guint i = 0; i < outline->items->len; i++)
    {
      SyPlanOutlineItem *o = g_ptr_array_index (outline->items, i);
      g_autoptr(SyPlanItem) item = sy_plan_item_new ();
      g_autofree char *title = stored_title (o);
      guint level = MIN (o->level, parents->len);

      /* The slots deeper than this item belong to the previous subtree. */
      g_array_set_size (parents, level + 1);
      g_array_set_size (positions, level + 1);

      sy_plan_item_set_plan_id (item, plan_id);
      sy_plan_item_set_parent_id (item, level > 0 ? g_array_index (parents, gint64, level - 1) : 0);
      sy_plan_item_set_position (item, g_array_index (positions, int, level)++);
      sy_plan_item_set_level (item, (int) level);
      sy_plan_item_set_label (item, o->label);
      sy_plan_item_set_title (item, title);
      sy_plan_item_set_status (item, "planned");
      if (!sy_database_insert (db, SY_RECORD (item), error))
        return FALSE;
      g_array_index (parents, gint64, level) = sy_record_get_id (SY_RECORD (item));
    }
  return TRUE;
}

SyPlan *
sy_plan_importer_write (SyDatabase    *db,
                        SyPlanOutline *outline,
                        int            year,
                        gint64         unit_id,
                        GError       **error)
{
  g_autoptr(SyPlan) plan = sy_plan_new ();
  g_autofree char *title = NULL;

  g_return_val_if_fail (outline != NULL, NULL);

  if (outline->title != NULL)
    title = g_strdup (outline->title);
  else
    /* TRANSLATORS: the default name of an imported plan; %d is the year */
    title = g_strdup_printf (_("%d support work plan"), year);

  sy_plan_set_unit_id (plan, unit_id);
  sy_plan_set_year (plan, year);
  sy_plan_set_title (plan, title);
  sy_plan_set_preface (plan, outline->preface);

  if (!sy_database_begin (db, error))
    return NULL;
  if (!sy_database_insert (db, SY_RECORD (plan), error)
      || !write_items (db, outline, sy_record_get_id (SY_RECORD (plan)), error))
    {
      sy_database_rollback (db);
      return NULL;
    }
  if (!sy_database_commit (db, error))
    return NULL;
  sy_plan_set_item_count (plan, (int) outline->items->len);
  return g_steal_pointer (&plan);
}
