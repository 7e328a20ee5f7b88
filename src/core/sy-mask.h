/* sy-mask.h: personal-data masking profiles (DOMAIN.md, 个人信息保护法 art. 28) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SY_MASK_INTERNAL,  /* full data, for internal rosters */
  SY_MASK_PUBLIC,    /* 公示: ID and phone masked, no accounts */
  SY_MASK_BANK,      /* bank files: name and account */
} SyMaskProfile;

/* 110105199001011234 → 110105********1234; other lengths keep the first 6 and
 * last 4 when possible, else everything but the last character is masked. */
char          *sy_mask_id_number (const char *id_number);
/* 13812341234 → 138****1234 */
char          *sy_mask_phone     (const char *phone);

const char    *sy_mask_profile_to_string   (SyMaskProfile profile);  /* "internal" … */
gboolean       sy_mask_profile_from_string (const char *text, SyMaskProfile *profile);

G_END_DECLS
