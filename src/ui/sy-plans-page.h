/* sy-plans-page.h: the Plans view: yearly work plans and their outlines */
#pragma once

#include <adwaita.h>
#include "sy-store.h"
#include "sy-plan-outline-editor.h"

G_BEGIN_DECLS

#define SY_TYPE_PLANS_PAGE (sy_plans_page_get_type ())
G_DECLARE_FINAL_TYPE (SyPlansPage, sy_plans_page, SY, PLANS_PAGE, AdwBin)

/* Loads (or reloads) the list from @db. */
void sy_plans_page_set_database (SyPlansPage *self,
                                 SyDatabase  *db);

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
