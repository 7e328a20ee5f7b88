/* sy-ledger.h: everything ledger/ offers */
#pragma once

#include "sy-ledger-document.h"
#include "sy-ledger-divider.h"
#include "sy-ledger-embed.h"
#include "sy-ledger-plan.h"
#include "sy-ledger-roster.h"
#include "sy-ledger-table.h"
#include "sy-ledger-chart.h"
#include "sy-ledger-coverage.h"
#include "sy-photo-intake.h"
#include "sy-photo-print.h"
#include "sy-document-render.h"
#include "sy-year-summary.h"
