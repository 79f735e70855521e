/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "myelin-article.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_ARTICLE_CARD (myelin_article_card_get_type ())
G_DECLARE_FINAL_TYPE (MyelinArticleCard, myelin_article_card, MYELIN, ARTICLE_CARD, GtkWidget)

MyelinArticleCard *myelin_article_card_new         (void);
MyelinArticle     *myelin_article_card_get_article (MyelinArticleCard *self);
void               myelin_article_card_set_article (MyelinArticleCard *self,
                                                    MyelinArticle     *article);

char *myelin_format_date   (const char *iso_date);
void  myelin_rating_update (GtkLevelBar *bar,
                            const char  *what,
                            gint64       value);

G_END_DECLS
