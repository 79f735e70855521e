/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "myelin-application.h"
#include "myelin-article-list.h"
#include "myelin-article-page.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_WINDOW (myelin_window_get_type ())
G_DECLARE_FINAL_TYPE (MyelinWindow, myelin_window, MYELIN, WINDOW, AdwApplicationWindow)

MyelinWindow      *myelin_window_new              (MyelinApplication *app);
void               myelin_window_import_file      (MyelinWindow      *self,
                                                   GFile             *file);
MyelinArticleList *myelin_window_get_article_list (MyelinWindow      *self);
gboolean           myelin_window_get_busy         (MyelinWindow      *self);
MyelinArticlePage *myelin_window_get_article_page (MyelinWindow      *self);
void               myelin_window_set_last_visit   (MyelinWindow      *self,
                                                   const char        *when);
void               myelin_window_set_kiosk        (MyelinWindow      *self,
                                                   gboolean           kiosk);
void               myelin_window_reset_to_start   (MyelinWindow       *self,
                                                   const char * const *topics);
void               myelin_window_add_overlay      (MyelinWindow      *self,
                                                   GtkWidget         *widget);

G_END_DECLS
