/* sy-mask.c: personal-data masking profiles (DOMAIN.md, 个人信息保护法 art. 28) */
#include "sy-mask.h"

#include <string.h>

#define MASK_CHAR '*'

/* Copies @text replacing its characters in [@keep_head, n − @keep_tail) by
 * '*', counting characters rather than bytes so that a stray CJK character
 * or full-width digit never gets cut in half.  Only characters for which
 * @significant returns TRUE are counted and masked (NULL: all of them). */
static char *
mask_middle (const char *text,
             glong       keep_head,
             glong       keep_tail,
             gboolean  (*significant) (gunichar c))
{
  GString *out = g_string_sized_new (strlen (text));
  glong n = 0, i = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (significant == NULL || significant (g_utf8_get_char (p)))
      n++;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (significant != NULL && !significant (c))
        {
          g_string_append_unichar (out, c);
          continue;
        }
      if (i < keep_head || i >= n - keep_tail)
        g_string_append_unichar (out, c);
      else
        g_string_append_c (out, MASK_CHAR);
      i++;
    }
  return g_string_free (out, FALSE);
}

/* Invalid UTF-8 is masked whole: better nothing than a broken fragment. */
static char *
mask_invalid (const char *text)
{
  return g_strnfill ((gsize) MAX (1, (gssize) strlen (text) / 2), MASK_CHAR);
}

char *
sy_mask_id_number (const char *id_number)
{
  g_autofree char *trimmed = NULL;
  glong n;

  if (id_number == NULL || *id_number == '\0')
    return g_strdup ("");
  if (!g_utf8_validate (id_number, -1, NULL))
    return mask_invalid (id_number);

  trimmed = g_strstrip (g_strdup (id_number));
  n = g_utf8_strlen (trimmed, -1);
  if (n == 0)
    return g_strdup ("");
  /* Keeping 6 + 4 only hides something when at least one character is left
   * between them. */
  if (n > 10)
    return mask_middle (trimmed, 6, 4, NULL);
  return mask_middle (trimmed, 0, 1, NULL);
}

/* Separators people write in phone numbers stay visible; everything else
 * (digits, and whatever else was typed there) counts and can be masked. */
static gboolean
phone_significant (gunichar c)
{
  return !(g_unichar_isspace (c) || c == '-' || c == '+' || c == '(' || c == ')'
           || c == 0xFF08 || c == 0xFF09 || c == 0x2014 || c == 0xFF0D);
}

char *
sy_mask_phone (const char *phone)
{
  g_autofree char *trimmed = NULL;
  glong n = 0;

  if (phone == NULL || *phone == '\0')
    return g_strdup ("");
  if (!g_utf8_validate (phone, -1, NULL))
    return mask_invalid (phone);

  trimmed = g_strstrip (g_strdup (phone));
  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    if (phone_significant (g_utf8_get_char (p)))
      n++;

  /* Mobile numbers (11 digits, or more with +86): 138****1234.  Landlines
   * and shorter numbers keep only the last four, very short ones one. */
  if (n >= 11)
    return mask_middle (trimmed, 3, 4, phone_significant);
  if (n >= 7)
    return mask_middle (trimmed, 0, 4, phone_significant);
  if (n >= 2)
    return mask_middle (trimmed, 0, 1, phone_significant);
  return mask_middle (trimmed, 0, 0, phone_significant);
}

static const struct {
  SyMaskProfile profile;
  const char   *name;
  const char   *alias;  /* what staff call it */
} profiles[] = {
  { SY_MASK_INTERNAL, "internal", "内部" },
  { SY_MASK_PUBLIC,   "public",   "公示" },
  { SY_MASK_BANK,     "bank",     "银行" },
};

const char *
sy_mask_profile_to_string (SyMaskProfile profile)
{
  for (gsize i = 0; i < G_N_ELEMENTS (profiles); i++)
    if (profiles[i].profile == profile)
      return profiles[i].name;
  g_return_val_if_reached (NULL);
}

gboolean
sy_mask_profile_from_string (const char *text, SyMaskProfile *profile)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  for (gsize i = 0; i < G_N_ELEMENTS (profiles); i++)
    if (g_ascii_strcasecmp (trimmed, profiles[i].name) == 0
        || strcmp (trimmed, profiles[i].alias) == 0)
      {
        if (profile != NULL)
          *profile = profiles[i].profile;
        return TRUE;
      }
  return FALSE;
}
