/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "myelin-article.h"
#include "myelin-bundle-info.h"
#include "myelin-import-report.h"
#include "myelin-query.h"
#include "myelin-saved-article.h"
#include "myelin-topic.h"

G_BEGIN_DECLS

#define MYELIN_STORE_SCHEMA_VERSION 3

typedef enum
{
  MYELIN_IMPORT_FLAGS_NONE   = 0,
  MYELIN_IMPORT_FLAGS_STRICT = 1 << 0,  /* any invalid article refuses the bundle */
  MYELIN_IMPORT_FLAGS_CHECK  = 1 << 1,  /* validate only: the library is not written */
} MyelinImportFlags;

/**
 * MyelinProgressFunc:
 * @fraction: from 0.0 to 1.0
 *
 * Import progress. From myelin_store_import_file_async() it is called in
 * the caller's main context.
 */
typedef void (*MyelinProgressFunc) (double   fraction,
                                    gpointer user_data);

#define MYELIN_TYPE_STORE (myelin_store_get_type ())
G_DECLARE_FINAL_TYPE (MyelinStore, myelin_store, MYELIN, STORE, GObject)

char        *myelin_store_default_path (void);
MyelinStore *myelin_store_open         (const char    *path,
                                        GError       **error);
MyelinStore *myelin_store_open_read_only (const char  *path,
                                          GError     **error);
MyelinStore *myelin_store_start_fresh  (const char    *path,
                                        char         **kept_path,
                                        guint         *salvaged,
                                        GError       **error);
const char  *myelin_store_get_path     (MyelinStore   *self);
gboolean     myelin_store_has_changed  (MyelinStore   *self);
gboolean     myelin_store_is_read_only (MyelinStore   *self);
guint64      myelin_store_set_max_size (MyelinStore   *self,
                                        guint64        bytes);
gboolean     myelin_store_check        (MyelinStore   *self,
                                        GError       **error);

MyelinImportReport *myelin_store_import_file        (MyelinStore         *self,
                                                     GFile               *file,
                                                     MyelinImportFlags    flags,
                                                     MyelinProgressFunc   progress,
                                                     gpointer             progress_data,
                                                     GCancellable        *cancellable);
void                myelin_store_import_file_async  (MyelinStore         *self,
                                                     GFile               *file,
                                                     MyelinImportFlags    flags,
                                                     MyelinProgressFunc   progress,
                                                     gpointer             progress_data,
                                                     GDestroyNotify       progress_notify,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
MyelinImportReport *myelin_store_import_file_finish (MyelinStore         *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

GPtrArray     *myelin_store_list_bundles   (MyelinStore  *self,
                                            GError      **error);
gboolean       myelin_store_remove_bundle  (MyelinStore  *self,
                                            const char   *bundle_id,
                                            GError      **error);

GPtrArray     *myelin_store_list_articles  (MyelinStore  *self,
                                            MyelinQuery  *query,
                                            GError      **error);
GArray        *myelin_store_query_rowids   (MyelinStore  *self,
                                            MyelinQuery  *query,
                                            GError      **error);
guint          myelin_store_count_articles (MyelinStore  *self,
                                            MyelinQuery  *query,
                                            GError      **error);
GPtrArray     *myelin_store_list_topics    (MyelinStore  *self,
                                            MyelinQuery  *query,
                                            GError      **error);
MyelinArticle *myelin_store_get_summary    (MyelinStore  *self,
                                            gint64        rowid,
                                            GError      **error);
MyelinArticle *myelin_store_get_article    (MyelinStore  *self,
                                            const char   *bundle_id,
                                            const char   *article_id,
                                            GError      **error);
GPtrArray     *myelin_store_list_related   (MyelinStore  *self,
                                            const char   *bundle_id,
                                            const char   *article_id,
                                            guint         max,
                                            GError      **error);
GBytes        *myelin_store_get_image      (MyelinStore  *self,
                                            const char   *bundle_id,
                                            const char   *article_id,
                                            char        **content_type,
                                            GError      **error);

gboolean       myelin_store_set_saved      (MyelinStore  *self,
                                            const char   *bundle_id,
                                            const char   *article_id,
                                            gboolean      saved,
                                            GError      **error);
gboolean       myelin_store_set_read       (MyelinStore  *self,
                                            const char   *bundle_id,
                                            const char   *article_id,
                                            gboolean      read,
                                            GError      **error);
gboolean       myelin_store_set_note       (MyelinStore  *self,
                                            const char   *bundle_id,
                                            const char   *article_id,
                                            const char   *note,
                                            GError      **error);

GPtrArray     *myelin_store_list_saved     (MyelinStore  *self,
                                            GError      **error);
gboolean       myelin_store_mark_all_read  (MyelinStore  *self,
                                            GError      **error);
char          *myelin_store_get_last_visit (MyelinStore  *self,
                                            GError      **error);
gboolean       myelin_store_set_last_visit (MyelinStore  *self,
                                            const char   *when,
                                            GError      **error);
guint          myelin_store_count_new      (MyelinStore  *self,
                                            const char   *since,
                                            GError      **error);
GArray        *myelin_store_query_new_rowids (MyelinStore  *self,
                                              const char   *since,
                                              GError      **error);
GPtrArray     *myelin_store_list_new       (MyelinStore  *self,
                                            const char   *since,
                                            GError      **error);

void           myelin_store_set_indexed    (MyelinStore  *self,
                                            gboolean      indexed);
gboolean       myelin_store_load_index     (MyelinStore  *self,
                                            GError      **error);
void           myelin_store_hold           (MyelinStore  *self);
void           myelin_store_release        (MyelinStore  *self);

G_END_DECLS
