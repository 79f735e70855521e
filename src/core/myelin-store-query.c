/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the library: filtered, sorted pages of articles, the topic list
 * with counts for the current filter, one whole article, related articles.
 *
 * Filters are re-run in SQLite rather than in GTK list models, because a
 * library may hold 100,000 articles (see docs/architecture.md). Queries are
 * assembled from fixed fragments; every value is a bound parameter.
 */
#define G_LOG_DOMAIN "myelin-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "myelin-error.h"
#include "myelin-store-private.h"
#include "myelin-text.h"

/* What a card needs: no body text. */
#define SUMMARY_COLUMNS \
  "a.rid AS rowid, a.bundle, a.id, a.title, a.published, a.updated, a.teaser, a.credibility," \
  " a.interest, a.topics, a.source_design, a.retracted, a.review_ai_generated," \
  " a.review_reviewed_by, a.review_next_review, coalesce (r.saved, 0) AS saved," \
  " coalesce (r.read, 0) AS read"

#define FULL_COLUMNS \
  "a.rid AS rowid, a.bundle, a.id, a.title, a.published, a.updated, a.teaser, a.credibility," \
  " a.interest, a.key_takeaway, a.what_they_found, a.who_should_care, a.important_considerations," \
  " a.topics, a.source_journal, a.source_title, a.source_authors, a.source_year, a.source_doi," \
  " a.source_url, a.source_design, a.source_participants, a.source_studies, a.related," \
  " a.image_path, a.image_alt, a.review_ai_generated, a.review_reviewed_by, a.review_reviewed," \
  " a.review_next_review, a.retracted, a.retracted_date, a.retracted_note, a.retracted_url," \
  " b.title AS bundle_title, b.disclaimer, coalesce (r.saved, 0) AS saved," \
  " coalesce (r.read, 0) AS read, r.note, 1 AS complete"

#define READER_JOIN " LEFT JOIN reader_state r ON r.bundle = a.bundle AND r.article = a.id"

typedef struct
{
  GString   *sql;
  GPtrArray *texts;    /* bound in order as ?1, ?2, … */
} Sql;

static void
sql_clear (Sql *sql)
{
  g_string_free (sql->sql, TRUE);
  g_ptr_array_unref (sql->texts);
}

static void
sql_init (Sql *sql)
{
  sql->sql = g_string_new (NULL);
  sql->texts = g_ptr_array_new_with_free_func (g_free);
}

/* Appends a parameter placeholder for @text and returns nothing: the value
 * is bound later, never pasted into the SQL. */
static void
sql_param (Sql        *sql,
           const char *text)
{
  g_ptr_array_add (sql->texts, g_strdup (text));
  g_string_append_printf (sql->sql, "?%u", sql->texts->len);
}

static gboolean
query_uses_search (MyelinQuery *query,
                   char       **fts)
{
  *fts = myelin_search_to_fts (myelin_query_get_search (query));
  return *fts != NULL;
}

static MyelinSort
effective_sort (MyelinQuery *query,
                gboolean     searching)
{
  MyelinSort sort = myelin_query_get_sort (query);

  if (sort == MYELIN_SORT_DEFAULT)
    return searching ? MYELIN_SORT_RELEVANCE : MYELIN_SORT_NEWEST;
  if (sort == MYELIN_SORT_RELEVANCE && !searching)
    return MYELIN_SORT_NEWEST;
  return sort;
}

/* FROM … WHERE … for @query. @with_reader adds the reader-state join even
 * when no filter needs it, for the saved/read columns. */
static void
append_from_where (Sql         *sql,
                   MyelinQuery *query,
                   gboolean     with_reader)
{
  g_autofree char *fts = NULL;
  gboolean searching = query_uses_search (query, &fts);
  const char * const *topics = myelin_query_get_topics (query);
  gboolean reader = with_reader || myelin_query_get_saved_only (query) || myelin_query_get_unread_only (query);

  if (searching)
    g_string_append (sql->sql, " FROM articles_fts f JOIN articles a ON a.rid = f.rowid");
  else
    g_string_append (sql->sql, " FROM articles a");
  if (reader)
    g_string_append (sql->sql, READER_JOIN);

  g_string_append (sql->sql, " WHERE 1");
  if (searching)
    {
      g_string_append (sql->sql, " AND articles_fts MATCH ");
      sql_param (sql, fts);
    }
  for (guint i = 0; topics != NULL && topics[i] != NULL; i++)
    {
      g_autofree char *key = myelin_text_fold_key (topics[i]);

      g_string_append (sql->sql, " AND a.rid IN (SELECT article FROM article_topics"
                                 " WHERE topic = (SELECT id FROM topics WHERE key = ");
      sql_param (sql, key);
      g_string_append (sql->sql, "))");
    }
  if (myelin_query_get_saved_only (query))
    g_string_append (sql->sql, " AND r.saved = 1");
  if (myelin_query_get_unread_only (query))
    g_string_append (sql->sql, " AND coalesce (r.read, 0) = 0");
}

static void
append_order_limit (Sql         *sql,
                    MyelinQuery *query)
{
  g_autofree char *fts = NULL;
  gboolean searching = query_uses_search (query, &fts);

  switch (effective_sort (query, searching))
    {
    case MYELIN_SORT_RELEVANCE:
      g_string_append (sql->sql, " ORDER BY f.rank, a.published DESC, a.rid DESC");
      break;
    case MYELIN_SORT_CREDIBILITY:
      g_string_append (sql->sql, " ORDER BY a.credibility DESC, a.published DESC, a.rid DESC");
      break;
    case MYELIN_SORT_INTEREST:
      g_string_append (sql->sql, " ORDER BY a.interest DESC, a.published DESC, a.rid DESC");
      break;
    case MYELIN_SORT_TITLE:
      g_string_append (sql->sql, " ORDER BY a.sort_title, a.rid");
      break;
    case MYELIN_SORT_NEWEST:
    case MYELIN_SORT_DEFAULT:
    default:
      g_string_append (sql->sql, " ORDER BY a.published DESC, a.rid DESC");
      break;
    }

  /* Numbers we own, not text from anyone: printed, as SQLite's LIMIT needs
   * no quoting and cannot be injected through a guint. */
  if (myelin_query_get_limit (query) > 0)
    g_string_append_printf (sql->sql, " LIMIT %u OFFSET %u",
                            myelin_query_get_limit (query), myelin_query_get_offset (query));
  else if (myelin_query_get_offset (query) > 0)
    g_string_append_printf (sql->sql, " LIMIT -1 OFFSET %u", myelin_query_get_offset (query));
}

static sqlite3_stmt *
sql_prepare (MyelinStore  *self,
             Sql          *sql,
             GError      **error)
{
  sqlite3_stmt *stmt = myelin_store_prepare (self, sql->sql->str, error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < sql->texts->len; i++)
    myelin_store_bind_text (stmt, i + 1, g_ptr_array_index (sql->texts, i));
  return stmt;
}

static char **
strv_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    g_strv_builder_add (builder, json_array_get_string_element (json_node_get_array (root), i));
  return g_strv_builder_end (builder);
}

/**
 * myelin_store_article_from_row:
 *
 * Builds an article from the current row, matching columns to fields by
 * name, so each query selects just the fields it needs.
 *
 * Returns: (transfer full): the article
 */
MyelinArticle *
myelin_store_article_from_row (sqlite3_stmt *stmt)
{
  MyelinArticle *article = myelin_article_new ();
  int n = sqlite3_column_count (stmt);

  g_object_freeze_notify (G_OBJECT (article));
  for (int i = 0; i < n; i++)
    {
      int field = myelin_article_field_from_column (sqlite3_column_name (stmt, i));
      gboolean is_null = sqlite3_column_type (stmt, i) == SQLITE_NULL;

      if (field == 0)
        continue;
      switch (myelin_article_field_type (field))
        {
        case MYELIN_FIELD_STRING:
          myelin_article_set_string (article, field, (const char *) sqlite3_column_text (stmt, i));
          break;
        case MYELIN_FIELD_INT:
        case MYELIN_FIELD_TRISTATE:
          myelin_article_set_int (article, field, is_null ? -1 : sqlite3_column_int64 (stmt, i));
          break;
        case MYELIN_FIELD_BOOLEAN:
          myelin_article_set_boolean (article, field, sqlite3_column_int64 (stmt, i) != 0);
          break;
        case MYELIN_FIELD_STRV:
          {
            g_auto(GStrv) strv = strv_from_json ((const char *) sqlite3_column_text (stmt, i));
            myelin_article_set_strv (article, field, (const char * const *) strv);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_object_thaw_notify (G_OBJECT (article));
  return article;
}

static GPtrArray *
collect_articles (MyelinStore   *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (articles, myelin_store_article_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      myelin_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&articles);
}

/**
 * myelin_store_list_articles:
 * @query: what to list; its limit and offset give the page
 *
 * Returns: (transfer full) (element-type MyelinArticle): summaries of the
 *   matching articles (no body text), in order
 */
GPtrArray *
myelin_store_list_articles (MyelinStore  *self,
                            MyelinQuery  *query,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Sql sql;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);
  g_return_val_if_fail (MYELIN_IS_QUERY (query), NULL);

  sql_init (&sql);
  g_string_append (sql.sql, "SELECT " SUMMARY_COLUMNS);
  append_from_where (&sql, query, TRUE);
  append_order_limit (&sql, query);
  stmt = sql_prepare (self, &sql, error);
  sql_clear (&sql);

  return stmt ? collect_articles (self, stmt, error) : NULL;
}

/**
 * myelin_store_query_rowids:
 *
 * The ids of every matching article, in order: cheap enough for 100,000
 * rows, so a list model can know its length and fetch cards on demand.
 *
 * Returns: (transfer full) (element-type gint64): the row ids
 */
GArray *
myelin_store_query_rowids (MyelinStore  *self,
                           MyelinQuery  *query,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Sql sql;
  int rc;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);
  g_return_val_if_fail (MYELIN_IS_QUERY (query), NULL);

  sql_init (&sql);
  g_string_append (sql.sql, "SELECT a.rid");
  append_from_where (&sql, query, FALSE);
  append_order_limit (&sql, query);
  stmt = sql_prepare (self, &sql, error);
  sql_clear (&sql);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  if (rc != SQLITE_DONE)
    {
      myelin_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rowids);
}

/**
 * myelin_store_count_articles:
 *
 * Returns: how many articles match @query, ignoring its limit and offset
 */
guint
myelin_store_count_articles (MyelinStore  *self,
                             MyelinQuery  *query,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Sql sql;
  int rc;

  g_return_val_if_fail (MYELIN_IS_STORE (self), 0);
  g_return_val_if_fail (MYELIN_IS_QUERY (query), 0);

  sql_init (&sql);
  g_string_append (sql.sql, "SELECT count(*)");
  append_from_where (&sql, query, FALSE);
  stmt = sql_prepare (self, &sql, error);
  sql_clear (&sql);
  if (stmt == NULL)
    return 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      myelin_store_set_error (self, rc, error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

static gboolean
query_is_unfiltered (MyelinQuery *query)
{
  g_autofree char *fts = myelin_search_to_fts (myelin_query_get_search (query));
  const char * const *topics = myelin_query_get_topics (query);

  return fts == NULL && (topics == NULL || topics[0] == NULL)
         && !myelin_query_get_saved_only (query) && !myelin_query_get_unread_only (query);
}

/**
 * myelin_store_list_topics:
 * @query: (nullable): the current filter; %NULL counts the whole library
 *
 * Every topic in the library, by name, with how many articles matching
 * @query have it (possibly 0). @query's sort and page are ignored.
 *
 * Returns: (transfer full) (element-type MyelinTopic): the topics
 */
GPtrArray *
myelin_store_list_topics (MyelinStore  *self,
                          MyelinQuery  *query,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  Sql sql;
  int rc;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);
  g_return_val_if_fail (query == NULL || MYELIN_IS_QUERY (query), NULL);

  sql_init (&sql);
  if (query == NULL || query_is_unfiltered (query))
    {
      /* Kept up to date by every import and removal. */
      g_string_append (sql.sql, "SELECT name, article_count FROM topics ORDER BY key");
    }
  else
    {
      /* Walks the matching articles' topics (index on article), so the
       * cost follows the size of the selection, not of the library. */
      g_string_append (sql.sql,
                       "SELECT t.name, coalesce (c.n, 0) FROM topics t LEFT JOIN"
                       " (SELECT at.topic, count(*) AS n FROM article_topics at"
                       "  WHERE at.article IN (SELECT a.rid");
      append_from_where (&sql, query, FALSE);
      g_string_append (sql.sql, ") GROUP BY at.topic) c ON c.topic = t.id ORDER BY t.key");
    }
  stmt = sql_prepare (self, &sql, error);
  sql_clear (&sql);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (topics, myelin_topic_new ((const char *) sqlite3_column_text (stmt, 0),
                                               (guint) sqlite3_column_int64 (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      myelin_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&topics);
}

static MyelinArticle *
get_one (MyelinStore   *self,
         sqlite3_stmt  *stmt,
         const char    *bundle_id,
         const char    *article_id,
         GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return myelin_store_article_from_row (stmt);
  if (rc == SQLITE_DONE)
    {
      if (bundle_id != NULL)
        g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_NOT_FOUND,
                     _("There is no article “%s/%s” in the library; `myelinctl list` shows the articles."),
                     bundle_id, article_id);
      else
        g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_NOT_FOUND,
                     _("The article is no longer in the library."));
      return NULL;
    }
  myelin_store_set_error (self, rc, error);
  return NULL;
}

/**
 * myelin_store_get_summary:
 * @rowid: an id from myelin_store_query_rowids()
 *
 * Returns: (transfer full) (nullable): the article's summary, for a card
 */
MyelinArticle *
myelin_store_get_summary (MyelinStore  *self,
                          gint64        rowid,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);

  stmt = myelin_store_prepare (self, "SELECT " SUMMARY_COLUMNS " FROM articles a" READER_JOIN " WHERE a.rid = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  return get_one (self, stmt, NULL, NULL, error);
}

/**
 * myelin_store_get_article:
 *
 * Returns: (transfer full) (nullable): every field of the article, with its
 *   bundle's title and disclaimer and the reader's own data
 */
MyelinArticle *
myelin_store_get_article (MyelinStore  *self,
                          const char   *bundle_id,
                          const char   *article_id,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);
  g_return_val_if_fail (bundle_id != NULL && article_id != NULL, NULL);

  stmt = myelin_store_prepare (self,
                               "SELECT " FULL_COLUMNS " FROM articles a JOIN bundles b ON b.id = a.bundle"
                               READER_JOIN " WHERE a.bundle = ?1 AND a.id = ?2",
                               error);
  if (stmt == NULL)
    return NULL;
  myelin_store_bind_text (stmt, 1, bundle_id);
  myelin_store_bind_text (stmt, 2, article_id);
  return get_one (self, stmt, bundle_id, article_id, error);
}

static gboolean
add_unique (GPtrArray     *out,
            GHashTable    *seen,
            MyelinArticle *article)
{
  gint64 rowid = myelin_article_get_rowid (article);

  if (!g_hash_table_add (seen, g_memdup2 (&rowid, sizeof rowid)))
    {
      g_object_unref (article);
      return FALSE;
    }
  g_ptr_array_add (out, article);
  return TRUE;
}

/**
 * myelin_store_list_related:
 * @max: how many at most (the app shows 6)
 *
 * "You may also like": the article's own `related` ids first, in their
 * order, then the articles sharing the most topics with it, newest first
 * among equals. Never the article itself.
 *
 * Returns: (transfer full) (element-type MyelinArticle): summaries
 */
GPtrArray *
myelin_store_list_related (MyelinStore  *self,
                           const char   *bundle_id,
                           const char   *article_id,
                           guint         max,
                           GError      **error)
{
  g_autoptr(MyelinArticle) article = NULL;
  g_autoptr(GPtrArray) related = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) by_id = NULL;
  g_autoptr(sqlite3_stmt) by_topic = NULL;
  const char * const *ids;
  gint64 rowid;
  int rc;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);

  article = myelin_store_get_article (self, bundle_id, article_id, error);
  if (article == NULL)
    return NULL;
  rowid = myelin_article_get_rowid (article);
  g_hash_table_add (seen, g_memdup2 (&rowid, sizeof rowid));

  by_id = myelin_store_prepare (self, "SELECT " SUMMARY_COLUMNS " FROM articles a" READER_JOIN
                                      " WHERE a.bundle = ?1 AND a.id = ?2", error);
  if (by_id == NULL)
    return NULL;
  ids = myelin_article_get_strv (article, MYELIN_ARTICLE_RELATED);
  for (guint i = 0; ids != NULL && ids[i] != NULL && related->len < max; i++)
    {
      myelin_store_bind_text (by_id, 1, bundle_id);
      myelin_store_bind_text (by_id, 2, ids[i]);
      if (sqlite3_step (by_id) == SQLITE_ROW)
        add_unique (related, seen, myelin_store_article_from_row (by_id));
      sqlite3_reset (by_id);
    }
  if (related->len >= max)
    return g_steal_pointer (&related);

  by_topic = myelin_store_prepare (self,
                                   "SELECT " SUMMARY_COLUMNS " FROM"
                                   " (SELECT other.article AS rid, count(*) AS shared"
                                   "  FROM article_topics mine JOIN article_topics other ON other.topic = mine.topic"
                                   "  WHERE mine.article = ?1 AND other.article != ?1 GROUP BY other.article) s"
                                   " JOIN articles a ON a.rid = s.rid" READER_JOIN
                                   " ORDER BY s.shared DESC, a.published DESC, a.rid DESC LIMIT ?2",
                                   error);
  if (by_topic == NULL)
    return NULL;
  sqlite3_bind_int64 (by_topic, 1, rowid);
  sqlite3_bind_int64 (by_topic, 2, max + related->len);
  while (related->len < max && (rc = sqlite3_step (by_topic)) == SQLITE_ROW)
    add_unique (related, seen, myelin_store_article_from_row (by_topic));

  return g_steal_pointer (&related);
}

/**
 * myelin_store_get_image:
 * @content_type: (out) (optional): "image/png" or "image/jpeg"
 *
 * Returns: (transfer full) (nullable): the article's image, or %NULL when
 *   it has none (without an error)
 */
GBytes *
myelin_store_get_image (MyelinStore  *self,
                        const char   *bundle_id,
                        const char   *article_id,
                        char        **content_type,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GBytes *bytes = NULL;
  int rc;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);

  stmt = myelin_store_prepare (self,
                               "SELECT i.type, i.data FROM images i JOIN articles a ON a.rid = i.article"
                               " WHERE a.bundle = ?1 AND a.id = ?2",
                               error);
  if (stmt == NULL)
    return NULL;
  myelin_store_bind_text (stmt, 1, bundle_id);
  myelin_store_bind_text (stmt, 2, article_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      bytes = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      if (content_type != NULL)
        *content_type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  else if (rc != SQLITE_DONE)
    myelin_store_set_error (self, rc, error);
  return bytes;
}
