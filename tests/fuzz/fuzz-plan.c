/* fuzz-plan.c: libFuzzer target for the plan-text parser
 *
 * Any bytes pasted or imported as a 工作计划: the parser returns an outline
 * or a GError, never crashes, leaks or hangs, and the outline it returns
 * can be formatted.
 */
#include <stdint.h>

#include "sy-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(SyPlanOutline) outline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *formatted = NULL;

  outline = sy_plan_parse_text ((const char *) data, size, &error);
  g_assert ((outline == NULL) != (error == NULL));
  if (outline == NULL)
    return 0;
  for (guint i = 0; i < outline->items->len; i++)
    {
      const SyPlanOutlineItem *item = g_ptr_array_index (outline->items, i);

      g_assert (item->label != NULL && item->title != NULL);
      g_assert (g_utf8_validate (item->title, -1, NULL));
    }
  formatted = sy_plan_outline_format (outline);
  g_assert (g_utf8_validate (formatted, -1, NULL));
  return 0;
}
