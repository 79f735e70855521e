/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An article as the library holds it. The fields are described by one
 * table, so that the store's row loader, the GObject properties and the
 * command line's JSON all come from the same list and cannot drift apart.
 */
#define G_LOG_DOMAIN "myelin-article"

#include "config.h"

#include "myelin-article.h"
#include "myelin-text.h"

typedef union
{
  char    *string;
  gint64   integer;
  gboolean boolean;
  char   **strv;
} Value;

struct _MyelinArticle
{
  GObject parent_instance;
  Value   values[MYELIN_ARTICLE_N_FIELDS];
};

typedef struct
{
  const char      *column;
  MyelinFieldType  type;
} FieldInfo;

static const FieldInfo fields[MYELIN_ARTICLE_N_FIELDS] = {
  [MYELIN_ARTICLE_ROWID] = { "rowid", MYELIN_FIELD_INT },
  [MYELIN_ARTICLE_BUNDLE] = { "bundle", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_ID] = { "id", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_TITLE] = { "title", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_PUBLISHED] = { "published", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_UPDATED] = { "updated", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_TEASER] = { "teaser", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_CREDIBILITY] = { "credibility", MYELIN_FIELD_INT },
  [MYELIN_ARTICLE_INTEREST] = { "interest", MYELIN_FIELD_INT },
  [MYELIN_ARTICLE_KEY_TAKEAWAY] = { "key_takeaway", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_WHAT_THEY_FOUND] = { "what_they_found", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_WHO_SHOULD_CARE] = { "who_should_care", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS] = { "important_considerations", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_TOPICS] = { "topics", MYELIN_FIELD_STRV },
  [MYELIN_ARTICLE_SOURCE_JOURNAL] = { "source_journal", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_SOURCE_TITLE] = { "source_title", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_SOURCE_AUTHORS] = { "source_authors", MYELIN_FIELD_STRV },
  [MYELIN_ARTICLE_SOURCE_YEAR] = { "source_year", MYELIN_FIELD_INT },
  [MYELIN_ARTICLE_SOURCE_DOI] = { "source_doi", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_SOURCE_URL] = { "source_url", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_SOURCE_DESIGN] = { "source_design", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_SOURCE_PARTICIPANTS] = { "source_participants", MYELIN_FIELD_INT },
  [MYELIN_ARTICLE_SOURCE_STUDIES] = { "source_studies", MYELIN_FIELD_INT },
  [MYELIN_ARTICLE_RELATED] = { "related", MYELIN_FIELD_STRV },
  [MYELIN_ARTICLE_IMAGE_PATH] = { "image_path", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_IMAGE_ALT] = { "image_alt", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_REVIEW_AI_GENERATED] = { "review_ai_generated", MYELIN_FIELD_TRISTATE },
  [MYELIN_ARTICLE_REVIEW_REVIEWED_BY] = { "review_reviewed_by", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_REVIEW_REVIEWED] = { "review_reviewed", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_REVIEW_NEXT_REVIEW] = { "review_next_review", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_RETRACTED] = { "retracted", MYELIN_FIELD_BOOLEAN },
  [MYELIN_ARTICLE_RETRACTED_DATE] = { "retracted_date", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_RETRACTED_NOTE] = { "retracted_note", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_RETRACTED_URL] = { "retracted_url", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_BUNDLE_TITLE] = { "bundle_title", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_DISCLAIMER] = { "disclaimer", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_SAVED] = { "saved", MYELIN_FIELD_BOOLEAN },
  [MYELIN_ARTICLE_READ] = { "read", MYELIN_FIELD_BOOLEAN },
  [MYELIN_ARTICLE_NOTE] = { "note", MYELIN_FIELD_STRING },
  [MYELIN_ARTICLE_COMPLETE] = { "complete", MYELIN_FIELD_BOOLEAN },
};

static GParamSpec *properties[MYELIN_ARTICLE_N_FIELDS];

G_DEFINE_FINAL_TYPE (MyelinArticle, myelin_article, G_TYPE_OBJECT)

/**
 * myelin_article_field_column:
 *
 * Returns: the field's library column and JSON key, such as "key_takeaway"
 */
const char *
myelin_article_field_column (MyelinArticleField field)
{
  g_return_val_if_fail (field > 0 && field < MYELIN_ARTICLE_N_FIELDS, NULL);
  return fields[field].column;
}

MyelinFieldType
myelin_article_field_type (MyelinArticleField field)
{
  g_return_val_if_fail (field > 0 && field < MYELIN_ARTICLE_N_FIELDS, MYELIN_FIELD_STRING);
  return fields[field].type;
}

/**
 * myelin_article_field_from_column:
 *
 * Returns: the field stored in @column, or 0 for a column that is no field
 */
int
myelin_article_field_from_column (const char *column)
{
  for (int i = 1; i < MYELIN_ARTICLE_N_FIELDS; i++)
    if (g_str_equal (fields[i].column, column))
      return i;
  return 0;
}

static void
clear_value (MyelinArticle      *self,
             MyelinArticleField  field)
{
  if (fields[field].type == MYELIN_FIELD_STRING)
    g_clear_pointer (&self->values[field].string, g_free);
  else if (fields[field].type == MYELIN_FIELD_STRV)
    g_clear_pointer (&self->values[field].strv, g_strfreev);
}

static void
myelin_article_finalize (GObject *object)
{
  MyelinArticle *self = MYELIN_ARTICLE (object);

  for (int i = 1; i < MYELIN_ARTICLE_N_FIELDS; i++)
    clear_value (self, i);

  G_OBJECT_CLASS (myelin_article_parent_class)->finalize (object);
}

static void
myelin_article_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MyelinArticle *self = MYELIN_ARTICLE (object);

  if (prop_id == 0 || prop_id >= MYELIN_ARTICLE_N_FIELDS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  switch (fields[prop_id].type)
    {
    case MYELIN_FIELD_STRING:
      g_value_set_string (value, self->values[prop_id].string);
      break;
    case MYELIN_FIELD_INT:
    case MYELIN_FIELD_TRISTATE:
      g_value_set_int64 (value, self->values[prop_id].integer);
      break;
    case MYELIN_FIELD_BOOLEAN:
      g_value_set_boolean (value, self->values[prop_id].boolean);
      break;
    case MYELIN_FIELD_STRV:
      g_value_set_boxed (value, self->values[prop_id].strv);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
myelin_article_class_init (MyelinArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = myelin_article_finalize;
  object_class->get_property = myelin_article_get_property;

  for (int i = 1; i < MYELIN_ARTICLE_N_FIELDS; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (fields[i].column), "_", '-');
      GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB | G_PARAM_EXPLICIT_NOTIFY;

      /* The name is built at run time, so GLib must copy it. */
      switch (fields[i].type)
        {
        case MYELIN_FIELD_STRING:
          properties[i] = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        case MYELIN_FIELD_INT:
        case MYELIN_FIELD_TRISTATE:
          properties[i] = g_param_spec_int64 (name, NULL, NULL, -1, G_MAXINT64, -1, flags);
          break;
        case MYELIN_FIELD_BOOLEAN:
          properties[i] = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        case MYELIN_FIELD_STRV:
          properties[i] = g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, flags);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_object_class_install_properties (object_class, MYELIN_ARTICLE_N_FIELDS, properties);
}

static void
myelin_article_init (MyelinArticle *self)
{
  for (int i = 1; i < MYELIN_ARTICLE_N_FIELDS; i++)
    if (fields[i].type == MYELIN_FIELD_INT || fields[i].type == MYELIN_FIELD_TRISTATE)
      self->values[i].integer = -1;
}

MyelinArticle *
myelin_article_new (void)
{
  return g_object_new (MYELIN_TYPE_ARTICLE, NULL);
}

#define CHECK_FIELD(field, kind, ret) \
  g_return_val_if_fail (MYELIN_IS_ARTICLE (self), ret); \
  g_return_val_if_fail ((field) > 0 && (field) < MYELIN_ARTICLE_N_FIELDS, ret); \
  g_return_val_if_fail (fields[field].type == (kind) || ((kind) == MYELIN_FIELD_INT && fields[field].type == MYELIN_FIELD_TRISTATE), ret)

const char *
myelin_article_get_string (MyelinArticle      *self,
                           MyelinArticleField  field)
{
  CHECK_FIELD (field, MYELIN_FIELD_STRING, NULL);
  return self->values[field].string;
}

gint64
myelin_article_get_int (MyelinArticle      *self,
                        MyelinArticleField  field)
{
  CHECK_FIELD (field, MYELIN_FIELD_INT, -1);
  return self->values[field].integer;
}

gboolean
myelin_article_get_boolean (MyelinArticle      *self,
                            MyelinArticleField  field)
{
  CHECK_FIELD (field, MYELIN_FIELD_BOOLEAN, FALSE);
  return self->values[field].boolean;
}

/**
 * myelin_article_get_strv:
 *
 * Returns: (transfer none) (nullable): the list, or %NULL when absent
 */
const char * const *
myelin_article_get_strv (MyelinArticle      *self,
                         MyelinArticleField  field)
{
  CHECK_FIELD (field, MYELIN_FIELD_STRV, NULL);
  return (const char * const *) self->values[field].strv;
}

void
myelin_article_set_string (MyelinArticle      *self,
                           MyelinArticleField  field,
                           const char         *value)
{
  g_return_if_fail (MYELIN_IS_ARTICLE (self));
  g_return_if_fail (field > 0 && field < MYELIN_ARTICLE_N_FIELDS && fields[field].type == MYELIN_FIELD_STRING);

  if (myelin_set_str (&self->values[field].string, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[field]);
}

void
myelin_article_set_int (MyelinArticle      *self,
                        MyelinArticleField  field,
                        gint64              value)
{
  g_return_if_fail (MYELIN_IS_ARTICLE (self));
  g_return_if_fail (field > 0 && field < MYELIN_ARTICLE_N_FIELDS);
  g_return_if_fail (fields[field].type == MYELIN_FIELD_INT || fields[field].type == MYELIN_FIELD_TRISTATE);

  if (self->values[field].integer == value)
    return;
  self->values[field].integer = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[field]);
}

void
myelin_article_set_boolean (MyelinArticle      *self,
                            MyelinArticleField  field,
                            gboolean            value)
{
  g_return_if_fail (MYELIN_IS_ARTICLE (self));
  g_return_if_fail (field > 0 && field < MYELIN_ARTICLE_N_FIELDS && fields[field].type == MYELIN_FIELD_BOOLEAN);

  value = !!value;
  if (self->values[field].boolean == value)
    return;
  self->values[field].boolean = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[field]);
}

void
myelin_article_set_strv (MyelinArticle      *self,
                         MyelinArticleField  field,
                         const char * const *value)
{
  g_return_if_fail (MYELIN_IS_ARTICLE (self));
  g_return_if_fail (field > 0 && field < MYELIN_ARTICLE_N_FIELDS && fields[field].type == MYELIN_FIELD_STRV);

  if (self->values[field].strv == NULL && value == NULL)
    return;
  if (self->values[field].strv != NULL && value != NULL
      && g_strv_equal ((const char * const *) self->values[field].strv, value))
    return;
  g_strfreev (self->values[field].strv);
  self->values[field].strv = g_strdupv ((char **) value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[field]);
}

gint64
myelin_article_get_rowid (MyelinArticle *self)
{
  return myelin_article_get_int (self, MYELIN_ARTICLE_ROWID);
}

const char *
myelin_article_get_bundle_id (MyelinArticle *self)
{
  return myelin_article_get_string (self, MYELIN_ARTICLE_BUNDLE);
}

const char *
myelin_article_get_id (MyelinArticle *self)
{
  return myelin_article_get_string (self, MYELIN_ARTICLE_ID);
}

const char *
myelin_article_get_title (MyelinArticle *self)
{
  return myelin_article_get_string (self, MYELIN_ARTICLE_TITLE);
}

const char *
myelin_article_get_published (MyelinArticle *self)
{
  return myelin_article_get_string (self, MYELIN_ARTICLE_PUBLISHED);
}

const char *
myelin_article_get_teaser (MyelinArticle *self)
{
  return myelin_article_get_string (self, MYELIN_ARTICLE_TEASER);
}

gint64
myelin_article_get_credibility (MyelinArticle *self)
{
  return myelin_article_get_int (self, MYELIN_ARTICLE_CREDIBILITY);
}

gint64
myelin_article_get_interest (MyelinArticle *self)
{
  return myelin_article_get_int (self, MYELIN_ARTICLE_INTEREST);
}

const char * const *
myelin_article_get_topics (MyelinArticle *self)
{
  return myelin_article_get_strv (self, MYELIN_ARTICLE_TOPICS);
}
