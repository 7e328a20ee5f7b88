/* sy-ledger-section.h: a part of the ledger that lays itself out on pages
 *
 * The cover, the 目录 and every activity record are sections.  The document
 * asks each to paginate once (measuring with the shared PangoContext and
 * keeping what it measured), then asks for any of its pages to be painted
 * on any cairo_t, in any order, as often as wanted: PDF export, printing
 * and the preview share the same pages.  Coordinates are points on an A4
 * page; the document paints the page number, not the section.
 */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define SY_TYPE_LEDGER_SECTION (sy_ledger_section_get_type ())
G_DECLARE_INTERFACE (SyLedgerSection, sy_ledger_section, SY, LEDGER_SECTION, GObject)

struct _SyLedgerSectionInterface
{
  GTypeInterface parent_iface;

  /* Returns the number of pages (at least 1). */
  guint (*paginate)   (SyLedgerSection *self,
                       PangoContext    *context);
  void  (*paint_page) (SyLedgerSection *self,
                       guint            index,
                       cairo_t         *cr,
                       PangoContext    *context);
};

guint sy_ledger_section_paginate   (SyLedgerSection *self,
                                    PangoContext    *context);
void  sy_ledger_section_paint_page (SyLedgerSection *self,
                                    guint            index,
                                    cairo_t         *cr,
                                    PangoContext    *context);

G_END_DECLS
