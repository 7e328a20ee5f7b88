/* fuzz-util.h: what the fuzz targets share (header only: each target is one
 * program) */
#pragma once

#include "sy-core.h"

/* Reads every cell of @table, so that a bad length or pointer inside it
 * shows up under ASan, and checks the reader's promise of UTF-8 text. */
static inline void
fuzz_walk_table (SyTable *table)
{
  for (guint r = 0; r < sy_table_get_n_rows (table); r++)
    {
      g_assert (sy_table_get_line (table, r) > 0);
      for (guint c = 0; c < sy_table_get_n_cells (table, r); c++)
        g_assert (g_utf8_validate (sy_table_get_cell (table, r, c), -1, NULL));
    }
}
