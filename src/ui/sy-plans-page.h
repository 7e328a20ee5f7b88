/* sy-plans-page.h: the Plans view: yearly work plans and their outlines */
#pragma once

#include <adwaita.h>
#include "sy-store.h"
#include "sy-plan-outline-editor.h"

G_BEGIN_DECLS

#define SY_TYPE_PLANS_PAGE (sy_plans_page_get_type ())
G_DECLARE_FINAL_TYPE (SyPlansPage, sy_plans_page, SY, PLANS_PAGE, AdwBin)

/* Loads the list from @db, from the top. */
void sy_plans_page_set_database (SyPlansPage *self,
                                 SyDatabase  *db);
/* Reads the list, the selected plan's outline and Upcoming again from the
 * same database (after another desk's change), keeping the search, the
 * selected plan (by id; one deleted meanwhile gives way to the row now in
 * its place), the scroll position, the outline's selection and what is
 * being typed in its fields. */
void sy_plans_page_reload       (SyPlansPage *self);

/* The outline editor of the selected plan. */
SyPlanOutlineEditor *sy_plans_page_get_outline (SyPlansPage *self);
/* Selects plan @plan_id in the list; FALSE if it is not listed. */
gboolean    sy_plans_page_select_plan   (SyPlansPage *self,
                                         gint64       plan_id);
/* Shows "outline", "plan" or "upcoming" beside the list. */
void        sy_plans_page_show_view     (SyPlansPage *self,
                                         const char  *name);

GStrv       sy_plans_page_get_upcoming_titles (SyPlansPage *self);

G_END_DECLS
