/* sy-demo.h: a plausible county office, deterministic from a seed
 *
 * Used by `shuangyong-cli demo` and on the app's first start: units, a
 * leading group, two years of plans in the outline style of real plans,
 * recipients across the categories with valid ID numbers, subsidy
 * standards and two disbursement runs, activities with generated JPEG
 * photos, and a few documents.
 */
#pragma once

#include "sy-store.h"

G_BEGIN_DECLS

typedef void (*SyDemoProgress) (double fraction, const char *what, gpointer user_data);

/* Fills an empty database (SY_ERROR_FAILED if it already holds an office).
 * All in one transaction: on error nothing is left behind. */
gboolean sy_demo_populate (SyDatabase      *db,
                           guint32          seed,
                           int              last_year,
                           SyDemoProgress   progress,
                           gpointer         user_data,
                           GError         **error);

G_END_DECLS
