/* fuzz-id-number.c: libFuzzer target for the 身份证号 validator
 *
 * Any text from a cell: validate() either fills the info with an 18-character
 * number whose check character is right, or fails with a GError.  The
 * mangled-value and region checks must not crash on the same text.
 */
#include <stdint.h>
#include <string.h>

#include "sy-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  SyIdInfo info;
  char check;

  (void) sy_id_number_is_excel_mangled (text);
  check = sy_id_number_check_char (text);
  if (sy_id_number_validate (text, &info, &error))
    {
      g_assert (error == NULL);
      g_assert (strlen (info.normalized) == 18);
      g_assert (sy_id_number_check_char (info.normalized) == info.normalized[17]);
      g_assert (g_date_valid (&info.birth_date));
      (void) sy_id_number_region_known (info.normalized);
    }
  else
    g_assert (error != NULL && error->message != NULL);
  /* check_char reads only the first 17 bytes and only when they are digits. */
  if (size >= 17 && check != '\0')
    g_assert (strchr ("0123456789X", check) != NULL);
  return 0;
}
