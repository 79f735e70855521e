/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A topic as shown in the filter list: its display name and how many
 * articles of the current selection have it.
 */
#define G_LOG_DOMAIN "myelin-topic"

#include "config.h"

#include "myelin-topic.h"

struct _MyelinTopic
{
  GObject  parent_instance;
  char    *name;
  guint    count;
};

enum { PROP_0, PROP_NAME, PROP_COUNT, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MyelinTopic, myelin_topic, G_TYPE_OBJECT)

static void
myelin_topic_finalize (GObject *object)
{
  g_free (MYELIN_TOPIC (object)->name);
  G_OBJECT_CLASS (myelin_topic_parent_class)->finalize (object);
}

static void
myelin_topic_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MyelinTopic *self = MYELIN_TOPIC (object);

  switch (prop_id)
    {
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_COUNT: g_value_set_uint (value, self->count); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_topic_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MyelinTopic *self = MYELIN_TOPIC (object);

  switch (prop_id)
    {
    case PROP_NAME: self->name = g_value_dup_string (value); break;
    case PROP_COUNT: self->count = g_value_get_uint (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_topic_class_init (MyelinTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = myelin_topic_finalize;
  object_class->get_property = myelin_topic_get_property;
  object_class->set_property = myelin_topic_set_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
myelin_topic_init (MyelinTopic *self)
{
}

MyelinTopic *
myelin_topic_new (const char *name,
                  guint       count)
{
  return g_object_new (MYELIN_TYPE_TOPIC, "name", name, "count", count, NULL);
}

const char *
myelin_topic_get_name (MyelinTopic *self)
{
  g_return_val_if_fail (MYELIN_IS_TOPIC (self), NULL);
  return self->name;
}

guint
myelin_topic_get_count (MyelinTopic *self)
{
  g_return_val_if_fail (MYELIN_IS_TOPIC (self), 0);
  return self->count;
}
