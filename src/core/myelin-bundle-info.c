/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An installed bundle, as the library list shows it. Built with
 * g_object_new() and its construct-only properties by the store.
 */
#define G_LOG_DOMAIN "myelin-bundle"

#include "config.h"

#include "myelin-bundle-info.h"

struct _MyelinBundleInfo
{
  GObject  parent_instance;
  char    *id;
  char    *title;
  gint64   revision;
  char    *publisher;
  char    *language;
  char    *published;
  char    *homepage;
  char    *disclaimer;
  char    *imported;
  guint    articles;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_REVISION,
  PROP_PUBLISHER,
  PROP_LANGUAGE,
  PROP_PUBLISHED,
  PROP_HOMEPAGE,
  PROP_DISCLAIMER,
  PROP_IMPORTED,
  PROP_ARTICLES,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MyelinBundleInfo, myelin_bundle_info, G_TYPE_OBJECT)

/* The string properties, in order, for the loops below. */
#define STRING_FIELD(self, prop) \
  ((prop) == PROP_ID ? &(self)->id : (prop) == PROP_TITLE ? &(self)->title : \
   (prop) == PROP_PUBLISHER ? &(self)->publisher : (prop) == PROP_LANGUAGE ? &(self)->language : \
   (prop) == PROP_PUBLISHED ? &(self)->published : (prop) == PROP_HOMEPAGE ? &(self)->homepage : \
   (prop) == PROP_DISCLAIMER ? &(self)->disclaimer : (prop) == PROP_IMPORTED ? &(self)->imported : NULL)

static void
myelin_bundle_info_finalize (GObject *object)
{
  MyelinBundleInfo *self = MYELIN_BUNDLE_INFO (object);

  for (guint prop = 1; prop < N_PROPS; prop++)
    if (STRING_FIELD (self, prop) != NULL)
      g_free (*STRING_FIELD (self, prop));

  G_OBJECT_CLASS (myelin_bundle_info_parent_class)->finalize (object);
}

static void
myelin_bundle_info_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MyelinBundleInfo *self = MYELIN_BUNDLE_INFO (object);

  if (prop_id == PROP_REVISION)
    g_value_set_int64 (value, self->revision);
  else if (prop_id == PROP_ARTICLES)
    g_value_set_uint (value, self->articles);
  else if (prop_id < N_PROPS && STRING_FIELD (self, prop_id) != NULL)
    g_value_set_string (value, *STRING_FIELD (self, prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
myelin_bundle_info_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MyelinBundleInfo *self = MYELIN_BUNDLE_INFO (object);

  if (prop_id == PROP_REVISION)
    self->revision = g_value_get_int64 (value);
  else if (prop_id == PROP_ARTICLES)
    self->articles = g_value_get_uint (value);
  else if (prop_id < N_PROPS && STRING_FIELD (self, prop_id) != NULL)
    *STRING_FIELD (self, prop_id) = g_value_dup_string (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
myelin_bundle_info_class_init (MyelinBundleInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = myelin_bundle_info_finalize;
  object_class->get_property = myelin_bundle_info_get_property;
  object_class->set_property = myelin_bundle_info_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_REVISION] = g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PUBLISHER] = g_param_spec_string ("publisher", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHED] = g_param_spec_string ("published", NULL, NULL, NULL, flags);
  properties[PROP_HOMEPAGE] = g_param_spec_string ("homepage", NULL, NULL, NULL, flags);
  properties[PROP_DISCLAIMER] = g_param_spec_string ("disclaimer", NULL, NULL, NULL, flags);
  properties[PROP_IMPORTED] = g_param_spec_string ("imported", NULL, NULL, NULL, flags);
  properties[PROP_ARTICLES] = g_param_spec_uint ("articles", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
myelin_bundle_info_init (MyelinBundleInfo *self)
{
}

const char *
myelin_bundle_info_get_id (MyelinBundleInfo *self)
{
  g_return_val_if_fail (MYELIN_IS_BUNDLE_INFO (self), NULL);
  return self->id;
}

const char *
myelin_bundle_info_get_title (MyelinBundleInfo *self)
{
  g_return_val_if_fail (MYELIN_IS_BUNDLE_INFO (self), NULL);
  return self->title;
}

gint64
myelin_bundle_info_get_revision (MyelinBundleInfo *self)
{
  g_return_val_if_fail (MYELIN_IS_BUNDLE_INFO (self), 0);
  return self->revision;
}

const char *
myelin_bundle_info_get_publisher (MyelinBundleInfo *self)
{
  g_return_val_if_fail (MYELIN_IS_BUNDLE_INFO (self), NULL);
  return self->publisher;
}

const char *
myelin_bundle_info_get_language (MyelinBundleInfo *self)
{
  g_return_val_if_fail (MYELIN_IS_BUNDLE_INFO (self), NULL);
  return self->language;
}

const char *
myelin_bundle_info_get_published (MyelinBundleInfo *self)
{
  g_return_val_if_fail (MYELIN_IS_BUNDLE_INFO (self), NULL);
  return self->published;
}

const char *
myelin_bundle_info_get_homepage (MyelinBundleInfo *self)
{
  g_return_val_if_fail (MYELIN_IS_BUNDLE_INFO (self), NULL);
  return self->homepage;
}

const char *
myelin_bundle_info_get_disclaimer (MyelinBundleInfo *self)
{
  g_return_val_if_fail (MYELIN_IS_BUNDLE_INFO (self), NULL);
  return self->disclaimer;
}

const char *
myelin_bundle_info_get_imported (MyelinBundleInfo *self)
{
  g_return_val_if_fail (MYELIN_IS_BUNDLE_INFO (self), NULL);
  return self->imported;
}

guint
myelin_bundle_info_get_articles (MyelinBundleInfo *self)
{
  g_return_val_if_fail (MYELIN_IS_BUNDLE_INFO (self), 0);
  return self->articles;
}
