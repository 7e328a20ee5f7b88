/* sy-id-number.h: 居民身份证号 (GB 11643-1999) validation */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SY_SEX_UNKNOWN,
  SY_SEX_MALE,
  SY_SEX_FEMALE,
} SySex;

typedef struct {
  char    normalized[19];  /* 18 characters, trailing X upper case */
  GDate   birth_date;
  SySex   sex;
  char    region[7];       /* the 6-digit region code */
} SyIdInfo;

/* The check character ("10X98765432"[Σ dᵢ·wᵢ mod 11]) for the first 17 digits;
 * '\0' when @first17 does not start with 17 ASCII digits. */
char      sy_id_number_check_char (const char *first17);

/* Validates @text (surrounding whitespace ignored, lowercase x accepted).
 * On success fills @info (may be NULL).  On failure sets SY_ERROR_INVALID with
 * a message a user can act on; Excel-mangled values (3.60426E+17, or 18
 * digits ending in 000 that fail the check) get a message that says what
 * happened and how to fix it in Excel. */
gboolean  sy_id_number_validate   (const char  *text,
                                   SyIdInfo    *info,
                                   GError     **error);

/* TRUE when the value looks like an ID number that went through a numeric
 * spreadsheet cell (scientific notation, or float rounding to ...000). */
gboolean  sy_id_number_is_excel_mangled (const char *text);

/* TRUE when the first two digits name a known province-level region.
 * An unknown code is a warning for the caller, never an error. */
gboolean  sy_id_number_region_known (const char *normalized);

/* A valid 18-character ID number (for demo data and tests) made of
 * @region6 (6 digits), @birth and @sequence (0–999; odd is male, even
 * female) plus the computed check character.  Caller frees. */
char     *sy_id_number_generate     (const char  *region6,
                                     const GDate *birth,
                                     int          sequence);

G_END_DECLS
