/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "myelin-article.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_SAVED_ARTICLE (myelin_saved_article_get_type ())
G_DECLARE_FINAL_TYPE (MyelinSavedArticle, myelin_saved_article, MYELIN, SAVED_ARTICLE, GObject)

const char    *myelin_saved_article_get_bundle_id (MyelinSavedArticle *self);
const char    *myelin_saved_article_get_id        (MyelinSavedArticle *self);
const char    *myelin_saved_article_get_title     (MyelinSavedArticle *self);
const char    *myelin_saved_article_get_note      (MyelinSavedArticle *self);
const char    *myelin_saved_article_get_saved_at  (MyelinSavedArticle *self);
gboolean       myelin_saved_article_get_available (MyelinSavedArticle *self);
MyelinArticle *myelin_saved_article_get_article   (MyelinSavedArticle *self);

G_END_DECLS
