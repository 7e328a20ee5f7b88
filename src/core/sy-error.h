/* sy-error.h: the project's error domain, used at every layer boundary */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SY_ERROR (sy_error_quark ())

typedef enum {
  SY_ERROR_FAILED,          /* anything else; the message says what */
  SY_ERROR_INVALID,         /* input that breaks a rule (ID number, amount …) */
  SY_ERROR_NOT_FOUND,       /* a row, file or attachment that does not exist */
  SY_ERROR_CONFLICT,        /* optimistic lock: the row changed meanwhile */
  SY_ERROR_DUPLICATE,       /* a unique value already stored */
  SY_ERROR_SCHEMA_TOO_NEW,  /* the database was written by a newer version */
  SY_ERROR_DATABASE,        /* the database failed; raw SQL errors stay in the log */
  SY_ERROR_IO,              /* files */
  SY_ERROR_CANCELLED,
  SY_ERROR_READ_ONLY,       /* the database role may only read */
  SY_ERROR_AUTH,            /* the server refused this user name or password */
} SyErrorCode;

GQuark sy_error_quark (void);

/* The whole content of @file, with a GIO failure turned into a SY_ERROR a
 * user can read ("Cannot read NAME: …"; NOT_FOUND, CANCELLED or IO). */
GBytes *sy_load_file_bytes (GFile        *file,
                            const char   *display_name,
                            GCancellable *cancellable,
                            GError      **error);

/* The same for files read whole into memory by an import, refusing one
 * larger than @max_size bytes with SY_ERROR_INVALID ("NAME is too large to
 * import …") before reading it when its size is known, and after reading
 * at most about @max_size bytes from a pipe or a device. */
GBytes *sy_load_file_bytes_max (GFile        *file,
                                const char   *display_name,
                                gsize         max_size,
                                GCancellable *cancellable,
                                GError      **error);

G_END_DECLS
