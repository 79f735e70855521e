/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry of the reader's saved articles, as the Saved view lists it. It
 * outlives the article: when a bundle update or removal takes the article
 * out of the library, the entry stays, with the title it last had, until
 * the reader unsaves it. Only an available entry has an article summary.
 */
#define G_LOG_DOMAIN "myelin-saved-article"

#include "config.h"

#include "myelin-saved-article.h"

struct _MyelinSavedArticle
{
  GObject        parent_instance;

  char          *bundle_id;
  char          *id;
  char          *title;
  char          *note;
  char          *saved_at;
  MyelinArticle *article;
};

enum {
  PROP_0,
  PROP_BUNDLE_ID,
  PROP_ID,
  PROP_TITLE,
  PROP_NOTE,
  PROP_SAVED_AT,
  PROP_AVAILABLE,
  PROP_ARTICLE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MyelinSavedArticle, myelin_saved_article, G_TYPE_OBJECT)

static void
myelin_saved_article_finalize (GObject *object)
{
  MyelinSavedArticle *self = MYELIN_SAVED_ARTICLE (object);

  g_free (self->bundle_id);
  g_free (self->id);
  g_free (self->title);
  g_free (self->note);
  g_free (self->saved_at);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (myelin_saved_article_parent_class)->finalize (object);
}

static void
myelin_saved_article_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MyelinSavedArticle *self = MYELIN_SAVED_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_BUNDLE_ID: g_value_set_string (value, self->bundle_id); break;
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    case PROP_SAVED_AT: g_value_set_string (value, self->saved_at); break;
    case PROP_AVAILABLE: g_value_set_boolean (value, self->article != NULL); break;
    case PROP_ARTICLE: g_value_set_object (value, self->article); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Every writable property is construct-only: an entry is a snapshot of
 * the library, re-listed when the library changes. */
static void
myelin_saved_article_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MyelinSavedArticle *self = MYELIN_SAVED_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_BUNDLE_ID: self->bundle_id = g_value_dup_string (value); break;
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_TITLE: self->title = g_value_dup_string (value); break;
    case PROP_NOTE: self->note = g_value_dup_string (value); break;
    case PROP_SAVED_AT: self->saved_at = g_value_dup_string (value); break;
    case PROP_ARTICLE: self->article = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_saved_article_class_init (MyelinSavedArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = myelin_saved_article_finalize;
  object_class->get_property = myelin_saved_article_get_property;
  object_class->set_property = myelin_saved_article_set_property;

  properties[PROP_BUNDLE_ID] = g_param_spec_string ("bundle-id", NULL, NULL, NULL, flags);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties[PROP_SAVED_AT] = g_param_spec_string ("saved-at", NULL, NULL, NULL, flags);
  properties[PROP_AVAILABLE] = g_param_spec_boolean ("available", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE] = g_param_spec_object ("article", NULL, NULL, MYELIN_TYPE_ARTICLE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
myelin_saved_article_init (MyelinSavedArticle *self)
{
}

const char *
myelin_saved_article_get_bundle_id (MyelinSavedArticle *self)
{
  g_return_val_if_fail (MYELIN_IS_SAVED_ARTICLE (self), NULL);
  return self->bundle_id;
}

const char *
myelin_saved_article_get_id (MyelinSavedArticle *self)
{
  g_return_val_if_fail (MYELIN_IS_SAVED_ARTICLE (self), NULL);
  return self->id;
}

/**
 * myelin_saved_article_get_title:
 *
 * Returns: (nullable): the article's current title, or the last one the
 *   library knew when the article is no longer in it; %NULL only when
 *   the article was never seen
 */
const char *
myelin_saved_article_get_title (MyelinSavedArticle *self)
{
  g_return_val_if_fail (MYELIN_IS_SAVED_ARTICLE (self), NULL);
  return self->title;
}

/**
 * myelin_saved_article_get_note:
 *
 * Returns: (nullable): the reader's note, or %NULL when there is none
 */
const char *
myelin_saved_article_get_note (MyelinSavedArticle *self)
{
  g_return_val_if_fail (MYELIN_IS_SAVED_ARTICLE (self), NULL);
  return self->note;
}

/**
 * myelin_saved_article_get_saved_at:
 *
 * Returns: when the reader saved it, ISO 8601 UTC
 *   (`2026-11-23T20:23:11.646Z`; saves made by libraries of schema
 *   version 1 have no fraction of a second)
 */
const char *
myelin_saved_article_get_saved_at (MyelinSavedArticle *self)
{
  g_return_val_if_fail (MYELIN_IS_SAVED_ARTICLE (self), NULL);
  return self->saved_at;
}

/**
 * myelin_saved_article_get_available:
 *
 * Returns: whether the article is in the library now
 */
gboolean
myelin_saved_article_get_available (MyelinSavedArticle *self)
{
  g_return_val_if_fail (MYELIN_IS_SAVED_ARTICLE (self), FALSE);
  return self->article != NULL;
}

/**
 * myelin_saved_article_get_article:
 *
 * Returns: (transfer none) (nullable): the article's summary, for a card;
 *   %NULL when it is no longer in the library
 */
MyelinArticle *
myelin_saved_article_get_article (MyelinSavedArticle *self)
{
  g_return_val_if_fail (MYELIN_IS_SAVED_ARTICLE (self), NULL);
  return self->article;
}
