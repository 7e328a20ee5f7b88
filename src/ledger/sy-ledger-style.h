/* sy-ledger-style.h: the ledger's page geometry and type scale
 *
 * One place for every measure, so all sections of the ledger share the same
 * margins and sizes.  Units are PDF points (1/72 in); Pango contexts run at
 * 72 dpi so a Pango unit of text size is a point too.
 *
 * Geometry follows GB/T 9704 (党政机关公文格式): A4, text block 156 × 225 mm,
 * left margin 28 mm, top margin 37 mm, page number 7 mm below the block.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SY_LEDGER_MM(mm)            ((mm) * 72.0 / 25.4)

#define SY_LEDGER_PAGE_WIDTH        SY_LEDGER_MM (210.0)
#define SY_LEDGER_PAGE_HEIGHT       SY_LEDGER_MM (297.0)
#define SY_LEDGER_BLOCK_X           SY_LEDGER_MM (28.0)
#define SY_LEDGER_BLOCK_Y           SY_LEDGER_MM (37.0)
#define SY_LEDGER_BLOCK_WIDTH       SY_LEDGER_MM (156.0)
#define SY_LEDGER_BLOCK_HEIGHT      SY_LEDGER_MM (225.0)
/* Distance from the block's lower edge to the top of the page number line. */
#define SY_LEDGER_FOLIO_GAP         SY_LEDGER_MM (7.0)

#define SY_LEDGER_SERIF             "Noto Serif CJK SC"
#define SY_LEDGER_SANS              "Noto Sans CJK SC"

/* The type scale, in points.  DISPLAY is for the cover title only. */
#define SY_LEDGER_SIZE_DISPLAY      36.0
#define SY_LEDGER_SIZE_TITLE        22.0
#define SY_LEDGER_SIZE_HEADING      16.0
#define SY_LEDGER_SIZE_BODY         12.0
#define SY_LEDGER_SIZE_SMALL        10.5

/* Rules and shading of the record tables. */
#define SY_LEDGER_RULE_OUTER        1.0
#define SY_LEDGER_RULE_INNER        0.5
#define SY_LEDGER_LABEL_SHADE       0.92
#define SY_LEDGER_CELL_PAD_X        SY_LEDGER_MM (2.0)
#define SY_LEDGER_CELL_PAD_Y        SY_LEDGER_MM (1.8)
#define SY_LEDGER_ROW_MIN_HEIGHT    SY_LEDGER_MM (10.0)

/* The photo box of a 活动记录表 (two photos side by side, 4:3): every photo
 * of the ledger is placed at most this large, so its print copy is made
 * for this box (sy-photo-print.h). */
#define SY_LEDGER_PHOTO_WIDTH       (SY_LEDGER_BLOCK_WIDTH / 2 - 2 * SY_LEDGER_MM (3.0))
#define SY_LEDGER_PHOTO_HEIGHT      (SY_LEDGER_PHOTO_WIDTH * 3.0 / 4.0)

G_END_DECLS
