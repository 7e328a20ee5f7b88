/* sy-demo-photo.h: generated activity photos for the demo data (private)
 *
 * Each photo is painted with cairo from a small description (a scene, a seed,
 * the banner text and a date stamp) and encoded as JPEG.  The painting is a
 * pure function of the description, so the same seed gives the same bytes,
 * and photos are rendered on worker threads while the main thread writes
 * the rest of the demo data.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  SY_DEMO_SCENE_MEETING,   /* 会议, 座谈会: 会标 on the wall, a long table */
  SY_DEMO_SCENE_LECTURE,   /* 讲座: 会标, a lectern, rows of listeners */
  SY_DEMO_SCENE_STAGE,     /* 联欢, 表彰: a stage with curtains */
  SY_DEMO_SCENE_VISIT,     /* 走访慰问 at home: 光荣之家 plaque, gifts */
  SY_DEMO_SCENE_PARADE,    /* 升旗, 军训, 欢送新兵: flagpole and ranks */
  SY_DEMO_SCENE_MEMORIAL,  /* 烈士陵园: monument and wreaths */
  SY_DEMO_SCENE_FIELD,     /* 帮耕帮种: fields and people at work */
  SY_DEMO_SCENE_SQUARE,    /* 义诊, 法律服务, 宣传: tents on a square */
} SyDemoScene;

typedef struct {
  SyDemoScene  scene;
  guint32      seed;
  char        *banner;  /* the red banner's text */
  char        *stamp;   /* the camera's date stamp, "2025 01 20" */
  GBytes      *jpeg;    /* the result */
} SyDemoPhoto;

SyDemoPhoto *sy_demo_photo_new  (SyDemoScene  scene,
                                 guint32      seed,
                                 const char  *banner,
                                 const char  *stamp);
void         sy_demo_photo_free (SyDemoPhoto *photo);

/* Renders every photo of @photos (SyDemoPhoto *) on worker threads. */
typedef struct _SyDemoPhotoJob SyDemoPhotoJob;

SyDemoPhotoJob *sy_demo_photo_job_start (GPtrArray *photos);
/* Number of photos finished so far (any thread). */
guint           sy_demo_photo_job_get_done (SyDemoPhotoJob *job);
/* Blocks until a photo finishes or all are done; returns the done count. */
guint           sy_demo_photo_job_wait_some (SyDemoPhotoJob *job);
/* Stops early if @cancel, joins the workers, frees the job.  FALSE with
 * @error if a photo could not be encoded (or the job was cancelled). */
gboolean        sy_demo_photo_job_finish (SyDemoPhotoJob *job,
                                          gboolean        cancel,
                                          GError        **error);

/* Renders one photo in the calling thread (tests, and the workers). */
GBytes         *sy_demo_photo_render (const SyDemoPhoto *photo,
                                      GError           **error);

G_END_DECLS
