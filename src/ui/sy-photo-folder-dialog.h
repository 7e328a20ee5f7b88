/* sy-photo-folder-dialog.h: photos from a folder, matched to activities by date
 *
 * For a phone's DCIM folder or a WeChat export: every photo under the
 * folder is checked in a worker thread (refused files are listed with the
 * reason), then shown with the activity it was matched to by its EXIF date
 * (same day; the choice offers the activities within a week, or "Do not
 * add").  Unmatched photos are shown as such.  Nothing is added until the
 * user confirms; photos already in their activity are reported, not added
 * twice.
 */
#pragma once

#include <adwaita.h>
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_PHOTO_FOLDER_DIALOG (sy_photo_folder_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SyPhotoFolderDialog, sy_photo_folder_dialog, SY, PHOTO_FOLDER_DIALOG, AdwWindow)

/* Starts reading @folder at once.  Emits "added" (with the number of
 * photos added) after the user confirmed and the photos were added. */
SyPhotoFolderDialog *sy_photo_folder_dialog_new (GtkWindow   *parent,
                                                 SyEventRepo *repo,
                                                 GFile       *folder);

/* TRUE while the folder is being read. */
gboolean sy_photo_folder_dialog_is_busy        (SyPhotoFolderDialog *self);
/* Photos found, of them matched to an activity, and files refused. */
guint    sy_photo_folder_dialog_get_n_photos   (SyPhotoFolderDialog *self);
guint    sy_photo_folder_dialog_get_n_matched  (SyPhotoFolderDialog *self);
guint    sy_photo_folder_dialog_get_n_refused  (SyPhotoFolderDialog *self);
/* The activity chosen for photo @index (0: not to be added). */
gint64   sy_photo_folder_dialog_get_choice     (SyPhotoFolderDialog *self,
                                                guint                index);
/* The summary shown after adding ("" before). */
const char *sy_photo_folder_dialog_get_summary (SyPhotoFolderDialog *self);

G_END_DECLS
