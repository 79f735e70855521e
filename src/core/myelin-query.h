/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MYELIN_SORT_DEFAULT,      /* relevance when searching, else newest */
  MYELIN_SORT_NEWEST,
  MYELIN_SORT_CREDIBILITY,
  MYELIN_SORT_INTEREST,
  MYELIN_SORT_TITLE,
  MYELIN_SORT_RELEVANCE,
} MyelinSort;

#define MYELIN_TYPE_SORT (myelin_sort_get_type ())
GType myelin_sort_get_type (void) G_GNUC_CONST;

#define MYELIN_TYPE_QUERY (myelin_query_get_type ())
G_DECLARE_FINAL_TYPE (MyelinQuery, myelin_query, MYELIN, QUERY, GObject)

MyelinQuery        *myelin_query_new            (void);
MyelinQuery        *myelin_query_copy           (MyelinQuery        *self);

const char         *myelin_query_get_search     (MyelinQuery        *self);
void                myelin_query_set_search     (MyelinQuery        *self,
                                                 const char         *search);
const char * const *myelin_query_get_topics     (MyelinQuery        *self);
void                myelin_query_set_topics     (MyelinQuery        *self,
                                                 const char * const *topics);
void                myelin_query_add_topic      (MyelinQuery        *self,
                                                 const char         *topic);
gboolean            myelin_query_get_saved_only (MyelinQuery        *self);
void                myelin_query_set_saved_only (MyelinQuery        *self,
                                                 gboolean            saved_only);
gboolean            myelin_query_get_unread_only (MyelinQuery       *self);
void                myelin_query_set_unread_only (MyelinQuery       *self,
                                                  gboolean           unread_only);
MyelinSort          myelin_query_get_sort       (MyelinQuery        *self);
void                myelin_query_set_sort       (MyelinQuery        *self,
                                                 MyelinSort          sort);
guint               myelin_query_get_limit      (MyelinQuery        *self);
void                myelin_query_set_limit      (MyelinQuery        *self,
                                                 guint               limit);
guint               myelin_query_get_offset     (MyelinQuery        *self);
void                myelin_query_set_offset     (MyelinQuery        *self,
                                                 guint               offset);

gboolean            myelin_sort_from_string     (const char         *name,
                                                 MyelinSort         *sort);
char               *myelin_search_to_fts        (const char         *text);

G_END_DECLS
