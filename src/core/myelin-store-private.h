/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MyelinStore spans myelin-store.c (connection, schema, bundles, reader
 * state), myelin-store-query.c (reading articles) and myelin-store-import.c
 * (writing bundles). This header is what they share; nothing else includes it.
 */
#pragma once

#include <sqlite3.h>

#include "myelin-bundle-parser.h"
#include "myelin-store.h"

G_BEGIN_DECLS

/* The library's timestamps (articles.added, saved_at, last_visit): ISO 8601
 * UTC with milliseconds, one fixed width, so they compare as text and an
 * index on them works. */
#define MYELIN_STORE_NOW "strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')"

sqlite3      *myelin_store_get_db       (MyelinStore   *self);
sqlite3_stmt *myelin_store_lock_cached  (MyelinStore   *self,
                                         const char    *sql,
                                         GError       **error);
void          myelin_store_unlock_cached (MyelinStore  *self,
                                          sqlite3_stmt *stmt);
sqlite3_stmt *myelin_store_prepare      (MyelinStore   *self,
                                         const char    *sql,
                                         GError       **error);
gboolean      myelin_store_exec         (MyelinStore   *self,
                                         const char    *sql,
                                         GError       **error);
gboolean      myelin_store_set_error    (MyelinStore   *self,
                                         int            rc,
                                         GError       **error);
gboolean      myelin_store_step_done    (MyelinStore   *self,
                                         sqlite3_stmt  *stmt,
                                         GError       **error);
void          myelin_store_bind_text    (sqlite3_stmt  *stmt,
                                         int            index,
                                         const char    *text);
void          myelin_store_bind_int     (sqlite3_stmt  *stmt,
                                         int            index,
                                         gint64         value);

gboolean      myelin_store_remember_titles (MyelinStore  *self,
                                            const char   *bundle_id,
                                            GError      **error);
gboolean      myelin_store_articles_changed (MyelinStore  *self,
                                             GError      **error);
gboolean      myelin_store_apply_bundle (MyelinStore        *self,
                                         MyelinBundleData   *bundle,
                                         MyelinImportReport *report,
                                         MyelinProgressFunc  progress,
                                         gpointer            progress_data,
                                         GCancellable       *cancellable,
                                         GError            **error);

MyelinArticle *myelin_store_article_from_row (sqlite3_stmt *stmt);
char          *myelin_store_order_sql   (MyelinSort     sort);

gboolean      myelin_store_begin_read   (MyelinStore   *self,
                                         gboolean      *began,
                                         GError       **error);
void          myelin_store_end_read     (MyelinStore   *self,
                                         gboolean       began);

/* myelin-store-index.c */
typedef struct _MyelinStoreIndex MyelinStoreIndex;

MyelinStoreIndex **myelin_store_get_index (MyelinStore *self);

void       myelin_store_index_free        (MyelinStoreIndex   *self);
gboolean   myelin_store_index_update      (MyelinStoreIndex  **index,
                                           MyelinStore        *store,
                                           GError            **error);
guint      myelin_store_index_get_n_articles (MyelinStoreIndex *self);
GPtrArray *myelin_store_index_get_topics  (MyelinStoreIndex   *self);
GArray    *myelin_store_index_select      (MyelinStoreIndex   *self,
                                           MyelinStore        *store,
                                           const char         *fts,
                                           GPtrArray          *keys,
                                           MyelinSort          sort,
                                           const guint       **counts,
                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
