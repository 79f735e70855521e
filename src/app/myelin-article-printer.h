/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "myelin-article.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_ARTICLE_PRINTER (myelin_article_printer_get_type ())
G_DECLARE_FINAL_TYPE (MyelinArticlePrinter, myelin_article_printer, MYELIN, ARTICLE_PRINTER, GObject)

MyelinArticlePrinter *myelin_article_printer_new           (MyelinArticle  *article);
GtkPrintOperation    *myelin_article_printer_get_operation (MyelinArticlePrinter *self);
gboolean              myelin_article_printer_export_pdf    (MyelinArticle  *article,
                                                            const char     *path,
                                                            GError        **error);
char                 *myelin_article_format_citation       (MyelinArticle  *article);
char                 *myelin_article_get_link              (MyelinArticle  *article);

G_END_DECLS
