/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "myelin-speaker.h"
#include "myelin-store.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_ARTICLE_PAGE (myelin_article_page_get_type ())
G_DECLARE_FINAL_TYPE (MyelinArticlePage, myelin_article_page, MYELIN, ARTICLE_PAGE, AdwBin)

gboolean       myelin_article_page_show        (MyelinArticlePage  *self,
                                                MyelinStore        *store,
                                                const char         *bundle_id,
                                                const char         *article_id,
                                                GError            **error);
MyelinArticle *myelin_article_page_get_article (MyelinArticlePage  *self);
gboolean       myelin_article_page_get_saved   (MyelinArticlePage  *self);
void           myelin_article_page_set_saved   (MyelinArticlePage  *self,
                                                gboolean            saved);
void           myelin_article_page_save_note   (MyelinArticlePage  *self);
void           myelin_article_page_set_reader  (MyelinArticlePage  *self,
                                                MyelinStore        *reader);
gboolean       myelin_article_page_get_loading (MyelinArticlePage  *self);
void           myelin_article_page_set_speaker (MyelinArticlePage  *self,
                                                MyelinSpeaker      *speaker);
void           myelin_article_page_stop_reading (MyelinArticlePage *self);
void           myelin_article_page_set_kiosk   (MyelinArticlePage  *self,
                                                gboolean            kiosk);

G_END_DECLS
