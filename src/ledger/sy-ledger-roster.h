/* sy-ledger-roster.h: the 发放花名册 of a disbursement run, and its 公示 version
 *
 * A ledger section (same text engine, fonts and rules as the 台帐) on
 * landscape A4 pages:
 *   internal: 序号 姓名 身份证号 类别 标准 月数 金额 账号 签名/指印 备注
 *   public (公示): 序号 姓名 身份证号 (masked 110105********1234) 类别
 *             所属村（社区） 标准 月数 金额 备注 — no accounts, no signatures
 * Title "<run title>发放花名册" (公示: "<run title>公示名单"), unit and period
 * under it; the header row repeated on every page; each page ends with 本页小计
 * in figures and 大写; the last page with 合计 in figures and 大写 and the
 * signature blocks 制表人 审核人 负责人 with the date (internal), or the 公示期
 * and the office (public); "第 N 页 共 M 页" on every page.
 *
 * Construction reads the run and reconciles before anything is drawn: the
 * sum of the lines, the total printed and the 大写 parsed back
 * (sy_money_reconcile) must agree, or SY_ERROR_INVALID — never a printed
 * document that does not add up.  Each export is logged (action "export",
 * entity "disbursement_batch", the profile and the file).
 */
#pragma once

#include "sy-ledger-document.h"
#include "sy-ledger-section.h"
#include "sy-store.h"

G_BEGIN_DECLS

#define SY_TYPE_LEDGER_ROSTER (sy_ledger_roster_get_type ())
G_DECLARE_FINAL_TYPE (SyLedgerRoster, sy_ledger_roster, SY, LEDGER_ROSTER, GObject)

/* @profile: SY_MASK_INTERNAL or SY_MASK_PUBLIC (anything else: PUBLIC). */
SyLedgerRoster *sy_ledger_roster_new           (SyDatabase     *db,
                                                gint64          batch_id,
                                                SyMaskProfile   profile,
                                                GError        **error);
gint64          sy_ledger_roster_get_total_fen (SyLedgerRoster *self);
guint           sy_ledger_roster_get_n_lines   (SyLedgerRoster *self);

/* Paginates and writes the PDF (temp file + fsync + rename; an old file at
 * @path is kept on error or cancellation).  @progress may be NULL. */
gboolean        sy_ledger_roster_export_pdf    (SyLedgerRoster   *self,
                                                const char       *path,
                                                SyLedgerProgress  progress,
                                                gpointer          user_data,
                                                GCancellable     *cancellable,
                                                GError          **error);

G_END_DECLS
