/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail view of one article.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include <glib/gi18n.h>

#include "myelin-article-page.h"

struct _MyelinArticlePage
{
  AdwBin          parent_instance;

  MyelinArticle  *article;

  AdwWindowTitle *window_title;
  GtkLabel       *title_label;
};

G_DEFINE_FINAL_TYPE (MyelinArticlePage, myelin_article_page, ADW_TYPE_BIN)

static void
myelin_article_page_dispose (GObject *object)
{
  MyelinArticlePage *self = MYELIN_ARTICLE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MYELIN_TYPE_ARTICLE_PAGE);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (myelin_article_page_parent_class)->dispose (object);
}

static void
myelin_article_page_class_init (MyelinArticlePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myelin_article_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/myelinreader/Myelin/ui/myelin-article-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, title_label);
}

static void
myelin_article_page_init (MyelinArticlePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

gboolean
myelin_article_page_show (MyelinArticlePage  *self,
                          MyelinStore        *store,
                          const char         *bundle_id,
                          const char         *article_id,
                          GError            **error)
{
  g_autoptr(MyelinArticle) article = NULL;

  g_return_val_if_fail (MYELIN_IS_ARTICLE_PAGE (self), FALSE);

  article = myelin_store_get_article (store, bundle_id, article_id, error);
  if (article == NULL)
    return FALSE;
  g_set_object (&self->article, article);
  gtk_label_set_text (self->title_label, myelin_article_get_title (article));
  return TRUE;
}

MyelinArticle *
myelin_article_page_get_article (MyelinArticlePage *self)
{
  g_return_val_if_fail (MYELIN_IS_ARTICLE_PAGE (self), NULL);
  return self->article;
}
