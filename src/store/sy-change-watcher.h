/* sy-change-watcher.h: noticing that another desk changed the database
 *
 * Polls the change stamp (sy_database_get_change_stamp(): the newest
 * audit_log id) every few seconds on its own connection, in a worker thread
 * of its own, so a slow server never blocks the UI; emits "changed" in the
 * main context when the stamp moved because ANOTHER process wrote.
 *
 * Telling this app's own writes apart: every change writes audit rows, and
 * SyDatabase counts the audit rows this process committed to the database
 * through any of its connections, worker threads' included
 * (sy_database_get_own_writes()).  A poll reads the newest id and how many
 * rows are newer than the last stamp; if that is more than the own rows
 * committed meanwhile, another process (another desk, or a second app
 * instance on the same SQLite folder) wrote.  This needs no schema change
 * and no guess from actor or role names (two desks may log in alike; two
 * instances on one folder are the same user).  It is exact: a poll is only
 * judged when no own commit started or ended while it was in flight (else
 * the next one is), so every own row counted was visible to it and newer
 * than the previous stamp.  On PostgreSQL a row whose id was drawn before a
 * poll and committed after it is noticed with the next change.
 * Tests act as another desk in-process with
 * sy_database_set_own_writes_private().
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

#define SY_TYPE_CHANGE_WATCHER (sy_change_watcher_get_type ())
G_DECLARE_FINAL_TYPE (SyChangeWatcher, sy_change_watcher, SY, CHANGE_WATCHER, GObject)

/* Watches the database of @db (reopened by sy_database_get_directory() in
 * the worker thread), ignoring @db's own writes.  Polls every
 * @interval_seconds (at least 1) from the thread-default main context. */
SyChangeWatcher *sy_change_watcher_new          (SyDatabase *db,
                                                 guint       interval_seconds);
void             sy_change_watcher_set_interval (SyChangeWatcher *self,
                                                 guint            interval_seconds);
guint            sy_change_watcher_get_interval (SyChangeWatcher *self);

G_END_DECLS
