/* sy-recipient-exporter.h: the recipient registry out to a file, masked by
 * profile
 *
 * CSV (UTF-8 with a BOM, so Excel and WPS open the Chinese right;
 * CRLF line ends; RFC 4180 quoting).  Column titles are the standard
 * Chinese ones the import reads back (sy_recipient_field_get_title), so an
 * internal export imported again into the same database changes nothing.
 *   internal: 姓名 性别 民族 身份证号 出生日期 联系电话 户籍类别 所属村（社区）
 *             住址 优抚类别 开户银行 户名 账号 状态
 *   public (公示): 姓名 优抚类别 所属村（社区） 身份证号 联系电话, the last
 *             two masked (110105********1234, 138****1234)
 *   bank:     姓名 开户银行 账号
 * Digit strings longer than Excel keeps exactly (ID and account numbers)
 * are written ="…", which Excel and WPS show as text instead of 3.60426E+17
 * and which the import unwraps.
 *
 * The file is written to a temporary file beside the target, synced and
 * renamed over it, so a reader never sees half a file; each export is
 * recorded in the audit log (action "export", entity "recipient", with the
 * profile, the row count and the file).
 */
#pragma once

#include "sy-database.h"

G_BEGIN_DECLS

typedef void (*SyRecipientExportProgress) (double      fraction,
                                           const char *what,
                                           gpointer    user_data);

#define SY_TYPE_RECIPIENT_EXPORTER (sy_recipient_exporter_get_type ())
G_DECLARE_FINAL_TYPE (SyRecipientExporter, sy_recipient_exporter, SY, RECIPIENT_EXPORTER, GObject)

SyRecipientExporter *sy_recipient_exporter_new         (SyDatabase    *db,
                                                        SyMaskProfile  profile);
SyMaskProfile        sy_recipient_exporter_get_profile (SyRecipientExporter *self);

/* The column titles of the profile, NULL-terminated. */
const char * const  *sy_recipient_exporter_get_titles  (SyRecipientExporter *self);

/* Writes every recipient (by village, then name) to @path.  Fails with
 * SY_ERROR_IO when the file cannot be written (nothing is left behind and
 * an existing file is untouched), SY_ERROR_DATABASE, or SY_ERROR_CANCELLED. */
gboolean             sy_recipient_exporter_write_csv   (SyRecipientExporter       *self,
                                                        const char                *path,
                                                        SyRecipientExportProgress  progress,
                                                        gpointer                   user_data,
                                                        GCancellable              *cancellable,
                                                        GError                   **error);

/* The same rows and columns as an Excel workbook (.xlsx): one sheet named
 * 优抚对象, a bold filled title row that stays in view, every cell a text
 * cell (ID and account numbers can never become 3.60426E+17), column widths
 * set.  Written, logged and failing like write_csv. */
gboolean             sy_recipient_exporter_write_xlsx  (SyRecipientExporter       *self,
                                                        const char                *path,
                                                        SyRecipientExportProgress  progress,
                                                        gpointer                   user_data,
                                                        GCancellable              *cancellable,
                                                        GError                   **error);

/* The number of rows the last export wrote. */
guint                sy_recipient_exporter_get_n_rows  (SyRecipientExporter *self);

G_END_DECLS
