/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "myelin-article-card.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_CARD_GRID (myelin_card_grid_get_type ())
G_DECLARE_FINAL_TYPE (MyelinCardGrid, myelin_card_grid, MYELIN, CARD_GRID, GtkWidget)

GtkWidget         *myelin_card_grid_new            (void);
GListModel        *myelin_card_grid_get_model      (MyelinCardGrid *self);
void               myelin_card_grid_set_model      (MyelinCardGrid *self,
                                                    GListModel     *model);
guint              myelin_card_grid_get_max_columns (MyelinCardGrid *self);
void               myelin_card_grid_set_max_columns (MyelinCardGrid *self,
                                                     guint           max_columns);
guint              myelin_card_grid_get_columns    (MyelinCardGrid *self);
void               myelin_card_grid_scroll_to      (MyelinCardGrid *self,
                                                    guint           position);
MyelinArticleCard *myelin_card_grid_get_card       (MyelinCardGrid *self,
                                                    guint           position);
guint              myelin_card_grid_get_n_cards    (MyelinCardGrid *self);

G_END_DECLS
