/* sy-store.h: everything store/ offers */
#pragma once

#include "sy-core.h"
#include "sy-database.h"
#include "sy-attachment-store.h"
#include "sy-query-model.h"
#include "sy-queries.h"
#include "sy-recipient-importer.h"
#include "sy-recipient-exporter.h"
#include "sy-recipient-repo.h"
#include "sy-standard-repo.h"
#include "sy-plan-importer.h"
#include "sy-run-repo.h"
#include "sy-payment-audit.h"
#include "sy-bank-file.h"
