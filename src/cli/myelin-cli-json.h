/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "myelin-article.h"
#include "myelin-bundle-info.h"
#include "myelin-import-report.h"
#include "myelin-saved-article.h"
#include "myelin-topic.h"

G_BEGIN_DECLS

JsonNode *myelin_cli_json_article (MyelinArticle      *article,
                                   gboolean            full);
JsonNode *myelin_cli_json_bundle  (MyelinBundleInfo   *bundle);
JsonNode *myelin_cli_json_topic   (MyelinTopic        *topic);
JsonNode *myelin_cli_json_report  (MyelinImportReport *report);
JsonNode *myelin_cli_json_saved   (MyelinSavedArticle *saved);
JsonNode *myelin_cli_json_array   (GPtrArray          *items,
                                   JsonNode         *(*convert) (gpointer item));
void      myelin_cli_json_print   (JsonNode           *node);

G_END_DECLS
