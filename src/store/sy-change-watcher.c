/* sy-change-watcher.c: polls the change stamp in a worker thread */

#include "sy-change-watcher.h"

/* What the worker thread owns: its connection lives and dies there
 * (libgda connections are not shared between threads).  Refcounted: the
 * thread outlives a disposed watcher until its current poll ends. */
typedef struct {
  gatomicrefcount ref;
  char           *location;
  GAsyncQueue    *requests;   /* Request * ; QUIT ends the thread */
} Worker;

typedef struct {
  GWeakRef      watcher;
  GMainContext *context;
  gint64        since;        /* count rows newer than this stamp */
  /* results */
  gboolean      ok;
  gint64        stamp;
  gint64        newer;
} Request;

static Request QUIT;

struct _SyChangeWatcher
{
  GObject     parent_instance;

  SyDatabase *db;
  Worker     *worker;
  guint       interval;
  guint       timeout_id;
  gboolean    in_flight;
  gboolean    have_stamp;
  gint64      stamp;          /* the last judged stamp */
  gint64      own_at_stamp;   /* own write count when it was read */
  gint64      own_at_send;    /* own write count when the poll was sent */
  gint64      generation;     /* its generation then (0: a commit under way) */
};

G_DEFINE_FINAL_TYPE (SyChangeWatcher, sy_change_watcher, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
worker_unref (Worker *w)
{
  if (!g_atomic_ref_count_dec (&w->ref))
    return;
  g_async_queue_unref (w->requests);
  g_free (w->location);
  g_free (w);
}

static void
request_free (Request *r)
{
  g_weak_ref_clear (&r->watcher);
  g_main_context_unref (r->context);
  g_free (r);
}

static gboolean
deliver (gpointer data)
{
  Request *r = data;
  g_autoptr(SyChangeWatcher) self = g_weak_ref_get (&r->watcher);
  gint64 own, generation = 0;

  if (self == NULL)
    return G_SOURCE_REMOVE;
  self->in_flight = FALSE;
  if (!r->ok)
    return G_SOURCE_REMOVE;

  own = sy_database_get_own_writes (self->db, &generation);
  /* An own commit overlapped the poll: its rows may or may not have been
   * seen, so judge the next one. */
  if (self->generation == 0 || generation != self->generation)
    return G_SOURCE_REMOVE;
  if (!self->have_stamp)
    {
      self->have_stamp = TRUE;
      self->stamp = r->stamp;
      self->own_at_stamp = own;
      return G_SOURCE_REMOVE;
    }
  if (r->stamp != self->stamp || r->newer != 0)
    {
      /* More new rows than own ones.  (Fewer: on PostgreSQL own rows can
       * carry ids below the stamp, drawn before it and committed after.)
       * A smaller stamp: the database was replaced (a restore). */
      gboolean others = r->newer > own - self->own_at_stamp || r->stamp < self->stamp;

      self->stamp = r->stamp;
      self->own_at_stamp = own;
      if (others)
        g_signal_emit (self, signals[CHANGED], 0);
    }
  return G_SOURCE_REMOVE;
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  g_autoptr(SyDatabase) db = NULL;

  for (;;)
    {
      Request *r = g_async_queue_pop (w->requests);
      g_autoptr(GError) error = NULL;

      if (r == &QUIT)
        break;
      if (db == NULL)
        db = sy_database_open (w->location, &error);
      r->ok = db != NULL
        && sy_database_get_change_stamp (db, &r->stamp, &error)
        && sy_database_count_changes_since (db, r->since, &r->newer, &error);
      if (!r->ok)
        {
          /* A lost server: reconnect on the next poll. */
          g_debug ("change watcher: %s", error ? error->message : "?");
          g_clear_object (&db);
        }
      g_main_context_invoke_full (r->context, G_PRIORITY_DEFAULT, deliver, r,
                                  (GDestroyNotify) request_free);
    }
  worker_unref (w);
  return NULL;
}

static gboolean
poll_cb (gpointer data)
{
  SyChangeWatcher *self = data;
  Request *r;

  if (self->in_flight)
    return G_SOURCE_CONTINUE;
  r = g_new0 (Request, 1);
  g_weak_ref_init (&r->watcher, self);
  r->context = g_main_context_ref_thread_default ();
  r->since = self->have_stamp ? self->stamp : G_MAXINT64;
  self->own_at_send = sy_database_get_own_writes (self->db, &self->generation);
  self->in_flight = TRUE;
  g_async_queue_push (self->worker->requests, r);
  return G_SOURCE_CONTINUE;
}

static void
sy_change_watcher_dispose (GObject *object)
{
  SyChangeWatcher *self = SY_CHANGE_WATCHER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->worker)
    {
      /* Not joined: a poll stuck on a slow server must not block closing. */
      g_async_queue_push (self->worker->requests, &QUIT);
      worker_unref (self->worker);
      self->worker = NULL;
    }
  g_clear_object (&self->db);
  G_OBJECT_CLASS (sy_change_watcher_parent_class)->dispose (object);
}

static void
sy_change_watcher_class_init (SyChangeWatcherClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sy_change_watcher_dispose;

  /* Another connection changed the database since the last poll. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sy_change_watcher_init (SyChangeWatcher *self)
{
}

SyChangeWatcher *
sy_change_watcher_new (SyDatabase *db, guint interval_seconds)
{
  SyChangeWatcher *self;
  g_autoptr(GThread) thread = NULL;

  g_return_val_if_fail (SY_IS_DATABASE (db), NULL);

  self = g_object_new (SY_TYPE_CHANGE_WATCHER, NULL);
  self->db = g_object_ref (db);
  self->worker = g_new0 (Worker, 1);
  g_atomic_ref_count_init (&self->worker->ref);
  g_atomic_ref_count_inc (&self->worker->ref);   /* the thread's */
  self->worker->location = g_strdup (sy_database_get_directory (db));
  self->worker->requests = g_async_queue_new ();
  thread = g_thread_new ("sy-change-watcher", worker_main, self->worker);
  /* The first poll sets the baseline right away. */
  poll_cb (self);
  sy_change_watcher_set_interval (self, interval_seconds);
  return self;
}

void
sy_change_watcher_set_interval (SyChangeWatcher *self, guint interval_seconds)
{
  g_return_if_fail (SY_IS_CHANGE_WATCHER (self));

  self->interval = MAX (interval_seconds, 1);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (self->interval, poll_cb, self);
}

guint
sy_change_watcher_get_interval (SyChangeWatcher *self)
{
  g_return_val_if_fail (SY_IS_CHANGE_WATCHER (self), 0);
  return self->interval;
}
