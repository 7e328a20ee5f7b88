/* sy-plan-importer.h: a parsed plan outline written to the database
 *
 * One plan row and one plan_item row per outline item, in one transaction
 * (all or nothing).  Items keep the parser's level and label; parent_id
 * points at the nearest item one level up, and position is the item's
 * index among its siblings (0-based), so the tree reads back in document
 * order with ORDER BY parent_id, position.  An item's body paragraphs are
 * appended to its title after a newline: the schema has no description
 * column yet, and nothing the user wrote may be dropped.
 */
#pragma once

#include "sy-database.h"
#include "sy-plan-parser.h"
#include "sy-plan.h"

G_BEGIN_DECLS

/* The id of the unit called @name (exact match; the oldest if several);
 * SY_ERROR_NOT_FOUND if there is none. */
gboolean sy_plan_importer_find_unit (SyDatabase *db,
                                     const char *name,
                                     gint64     *unit_id,
                                     GError    **error);

/* Writes @outline as the plan of @year for @unit_id (0: no unit).  The
 * plan's title is the outline's, else "<year>年双拥工作计划" (translated).
 * Returns the stored plan (id set, item-count filled in). */
SyPlan  *sy_plan_importer_write     (SyDatabase    *db,
                                     SyPlanOutline *outline,
                                     int            year,
                                     gint64         unit_id,
                                     GError       **error);

G_END_DECLS
