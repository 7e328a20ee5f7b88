/* sy-ledger-plan.h: a 工作计划 as it is bound in the ledger
 *
 * Title: the plan's own, or "<unit><year>年双拥工作计划" when it has none;
 * then the outline as the office wrote
 * it: each item with its stored label (一、（一）1.…), indented by level,
 * level-1 items as headings; under a task item, in small type, its time
 * node, due date, responsible and status (计划中/进行中/已完成/已取消).
 * Text wraps and continues on the next page; a heading is never the last
 * thing on a page (it moves with its first child).  Portrait A4.
 */
#pragma once

#include "sy-ledger-section.h"
#include "sy-core.h"

G_BEGIN_DECLS

#define SY_TYPE_LEDGER_PLAN (sy_ledger_plan_get_type ())
G_DECLARE_FINAL_TYPE (SyLedgerPlan, sy_ledger_plan, SY, LEDGER_PLAN, GObject)

/* @items: the plan's SyPlanItem in outline order (as sy_queries lists them
 * for the outline editor); referenced. */
SyLedgerPlan *sy_ledger_plan_new (SyPlan     *plan,
                                  GListModel *items,
                                  const char *unit_name);

G_END_DECLS
