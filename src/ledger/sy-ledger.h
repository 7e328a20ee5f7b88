/* sy-ledger.h: everything ledger/ offers */
#pragma once

#include "sy-ledger-document.h"
#include "sy-ledger-roster.h"
#include "sy-ledger-chart.h"
#include "sy-photo-intake.h"
