/* sy-ledger.h: everything ledger/ offers */
#pragma once

#include "sy-ledger-document.h"
