/* sy-error.c: the project's error domain */
#include "sy-error.h"

G_DEFINE_QUARK (sy-error-quark, sy_error)
