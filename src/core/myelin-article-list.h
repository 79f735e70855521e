/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "myelin-query.h"
#include "myelin-store.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_ARTICLE_LIST (myelin_article_list_get_type ())
G_DECLARE_FINAL_TYPE (MyelinArticleList, myelin_article_list, MYELIN, ARTICLE_LIST, GObject)

MyelinArticleList *myelin_article_list_new        (MyelinStore        *store);
MyelinStore       *myelin_article_list_get_store  (MyelinArticleList  *self);
gboolean           myelin_article_list_set_query  (MyelinArticleList  *self,
                                                   MyelinQuery        *query,
                                                   GError            **error);
void               myelin_article_list_set_rowids (MyelinArticleList  *self,
                                                   GArray             *rowids);

G_END_DECLS
