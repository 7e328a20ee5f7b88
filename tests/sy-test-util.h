/* sy-test-util.h: helpers every test program shares (GLib only) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes @path and everything below it (a test's temporary folder). */
void sy_test_remove_tree (const char *path);

G_END_DECLS
