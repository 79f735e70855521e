/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MYELIN_TYPE_ARTICLE (myelin_article_get_type ())
G_DECLARE_FINAL_TYPE (MyelinArticle, myelin_article, MYELIN, ARTICLE, GObject)

/**
 * MyelinArticleField:
 *
 * Every field an article carries. Its property has the same name with
 * hyphens ("key-takeaway"); its library column and JSON key use
 * underscores ("key_takeaway").
 */
typedef enum
{
  MYELIN_ARTICLE_ROWID = 1,
  MYELIN_ARTICLE_BUNDLE,
  MYELIN_ARTICLE_ID,
  MYELIN_ARTICLE_TITLE,
  MYELIN_ARTICLE_PUBLISHED,
  MYELIN_ARTICLE_UPDATED,
  MYELIN_ARTICLE_TEASER,
  MYELIN_ARTICLE_CREDIBILITY,
  MYELIN_ARTICLE_INTEREST,
  MYELIN_ARTICLE_KEY_TAKEAWAY,
  MYELIN_ARTICLE_WHAT_THEY_FOUND,
  MYELIN_ARTICLE_WHO_SHOULD_CARE,
  MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS,
  MYELIN_ARTICLE_TOPICS,
  MYELIN_ARTICLE_SOURCE_JOURNAL,
  MYELIN_ARTICLE_SOURCE_TITLE,
  MYELIN_ARTICLE_SOURCE_AUTHORS,
  MYELIN_ARTICLE_SOURCE_YEAR,
  MYELIN_ARTICLE_SOURCE_DOI,
  MYELIN_ARTICLE_SOURCE_URL,
  MYELIN_ARTICLE_SOURCE_DESIGN,
  MYELIN_ARTICLE_SOURCE_PARTICIPANTS,
  MYELIN_ARTICLE_SOURCE_STUDIES,
  MYELIN_ARTICLE_RELATED,
  MYELIN_ARTICLE_IMAGE_PATH,
  MYELIN_ARTICLE_IMAGE_ALT,
  MYELIN_ARTICLE_REVIEW_AI_GENERATED,
  MYELIN_ARTICLE_REVIEW_REVIEWED_BY,
  MYELIN_ARTICLE_REVIEW_REVIEWED,
  MYELIN_ARTICLE_REVIEW_NEXT_REVIEW,
  MYELIN_ARTICLE_RETRACTED,
  MYELIN_ARTICLE_RETRACTED_DATE,
  MYELIN_ARTICLE_RETRACTED_NOTE,
  MYELIN_ARTICLE_RETRACTED_URL,
  MYELIN_ARTICLE_BUNDLE_TITLE,
  MYELIN_ARTICLE_DISCLAIMER,
  MYELIN_ARTICLE_SAVED,
  MYELIN_ARTICLE_READ,
  MYELIN_ARTICLE_NOTE,
  MYELIN_ARTICLE_COMPLETE,
  MYELIN_ARTICLE_N_FIELDS
} MyelinArticleField;

typedef enum
{
  MYELIN_FIELD_STRING,
  MYELIN_FIELD_INT,      /* gint64; -1 when absent */
  MYELIN_FIELD_BOOLEAN,
  MYELIN_FIELD_TRISTATE, /* gint64: -1 unknown, 0 false, 1 true */
  MYELIN_FIELD_STRV,
} MyelinFieldType;

const char      *myelin_article_field_column (MyelinArticleField field);
MyelinFieldType  myelin_article_field_type   (MyelinArticleField field);
int              myelin_article_field_from_column (const char *column);

MyelinArticle *myelin_article_new (void);

const char          *myelin_article_get_string  (MyelinArticle      *self,
                                                 MyelinArticleField  field);
gint64               myelin_article_get_int     (MyelinArticle      *self,
                                                 MyelinArticleField  field);
gboolean             myelin_article_get_boolean (MyelinArticle      *self,
                                                 MyelinArticleField  field);
const char * const  *myelin_article_get_strv    (MyelinArticle      *self,
                                                 MyelinArticleField  field);
void                 myelin_article_set_string  (MyelinArticle      *self,
                                                 MyelinArticleField  field,
                                                 const char         *value);
void                 myelin_article_set_int     (MyelinArticle      *self,
                                                 MyelinArticleField  field,
                                                 gint64              value);
void                 myelin_article_set_boolean (MyelinArticle      *self,
                                                 MyelinArticleField  field,
                                                 gboolean            value);
void                 myelin_article_set_strv    (MyelinArticle      *self,
                                                 MyelinArticleField  field,
                                                 const char * const *value);

/* Shorthands for the fields every caller wants. */
gint64              myelin_article_get_rowid       (MyelinArticle *self);
const char         *myelin_article_get_bundle_id   (MyelinArticle *self);
const char         *myelin_article_get_id          (MyelinArticle *self);
const char         *myelin_article_get_title       (MyelinArticle *self);
const char         *myelin_article_get_published   (MyelinArticle *self);
const char         *myelin_article_get_teaser      (MyelinArticle *self);
gint64              myelin_article_get_credibility (MyelinArticle *self);
gint64              myelin_article_get_interest    (MyelinArticle *self);
const char * const *myelin_article_get_topics      (MyelinArticle *self);

G_END_DECLS
