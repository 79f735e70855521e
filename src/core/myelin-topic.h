/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MYELIN_TYPE_TOPIC (myelin_topic_get_type ())
G_DECLARE_FINAL_TYPE (MyelinTopic, myelin_topic, MYELIN, TOPIC, GObject)

MyelinTopic *myelin_topic_new       (const char  *name,
                                     guint        count);
const char  *myelin_topic_get_name  (MyelinTopic *self);
guint        myelin_topic_get_count (MyelinTopic *self);

G_END_DECLS
