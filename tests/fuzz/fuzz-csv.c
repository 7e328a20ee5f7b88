/* fuzz-csv.c: libFuzzer target for SyCsvReader
 *
 * Any bytes are a file someone may pick in the import dialog: the reader
 * must return a table or a GError, never crash, leak or hang.  The first
 * byte chooses the delimiter (detected, or forced), so the forced paths
 * are covered too.
 */
#include <stdint.h>

#include "fuzz-util.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char delimiters[] = { '\0', ',', '\t', ';' };
  g_autoptr(SyCsvReader) reader = sy_csv_reader_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SyTable) table = NULL;
  g_autoptr(GError) error = NULL;

  if (size == 0)
    return 0;
  sy_csv_reader_set_delimiter (reader, delimiters[data[0] % G_N_ELEMENTS (delimiters)]);
  bytes = g_bytes_new (data + 1, size - 1);
  table = sy_csv_reader_read_bytes (reader, bytes, "fuzz.csv", &error);
  /* Exactly one of a table and an error. */
  g_assert ((table == NULL) != (error == NULL));
  if (table != NULL)
    fuzz_walk_table (table);
  return 0;
}
