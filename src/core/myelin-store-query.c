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

/* What a query filters on, worked out once per statement. */
typedef struct
{
  char       *fts;         /* the FTS5 query, or NULL */
  GPtrArray  *keys;        /* folded topic keys, rarest topic first */
  gint64      min_count;   /* articles of the rarest topic */
  double      share;       /* estimated share of the library matching all topics */
  gint64      library;     /* estimated number of articles */
  gboolean    saved_only;
  gboolean    unread_only;
  MyelinSort  sort;
} Filter;

static void
filter_clear (Filter *filter)
{
  g_clear_pointer (&filter->fts, g_free);
  g_clear_pointer (&filter->keys, g_ptr_array_unref);
}

static gint64
query_int64 (MyelinStore *self,
             const char  *sql,
             const char  *text)
{
  g_autoptr(sqlite3_stmt) stmt = myelin_store_prepare (self, sql, NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  if (text != NULL)
    myelin_store_bind_text (stmt, 1, text);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  return value;
}

typedef struct
{
  char   *key;
  gint64  count;
} TopicCount;

static int
compare_topic_counts (gconstpointer a,
                      gconstpointer b)
{
  const TopicCount *x = a, *y = b;

  return (x->count > y->count) - (x->count < y->count);
}

/* The topics' article counts (kept by every import) only steer the plan and
 * the order of the checks; the SQL still looks each topic up by its key, so
 * the rows are the same whatever they say. */
static void
filter_init (Filter      *filter,
             MyelinStore *self,
             MyelinQuery *query)
{
  const char * const *topics = myelin_query_get_topics (query);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (TopicCount));

  filter->fts = myelin_search_to_fts (myelin_query_get_search (query));
  filter->keys = g_ptr_array_new_with_free_func (g_free);
  filter->saved_only = myelin_query_get_saved_only (query);
  filter->unread_only = myelin_query_get_unread_only (query);
  filter->sort = effective_sort (query, filter->fts != NULL);
  filter->share = 1.0;
  filter->min_count = G_MAXINT64;
  filter->library = 0;

  for (guint i = 0; topics != NULL && topics[i] != NULL; i++)
    {
      TopicCount t;

      t.key = myelin_text_fold_key (topics[i]);
      t.count = query_int64 (self, "SELECT article_count FROM topics WHERE key = ?1", t.key);
      g_array_append_val (counts, t);
    }
  if (counts->len == 0)
    return;

  /* Cheap (the last row of the table), and never below the number of
   * articles: an overestimate only makes the probing plan look dearer. */
  filter->library = MAX (query_int64 (self, "SELECT max(rid) FROM articles", NULL), 1);
  g_array_sort (counts, compare_topic_counts);
  for (guint i = 0; i < counts->len; i++)
    {
      TopicCount *t = &g_array_index (counts, TopicCount, i);

      filter->min_count = MIN (filter->min_count, t->count);
      filter->share *= MIN ((double) t->count / filter->library, 1.0);
      g_ptr_array_add (filter->keys, t->key);
    }
}

static gboolean
filter_has_topics (Filter *filter)
{
  return filter->keys->len > 0;
}

/* " AND EXISTS (…)" for each topic but the first @skip, about the article
 * whose row id is @rid. Rarest first, so most rows fail the first check. */
static void
append_topic_probes (Sql        *sql,
                     Filter     *filter,
                     guint       skip,
                     const char *rid)
{
  for (guint i = skip; i < filter->keys->len; i++)
    {
      g_string_append (sql->sql, " AND EXISTS (SELECT 1 FROM article_topics"
                                 " WHERE topic = (SELECT id FROM topics WHERE key = ");
      sql_param (sql, g_ptr_array_index (filter->keys, i));
      g_string_append_printf (sql->sql, ") AND article = %s)", rid);
    }
}

/* " AND a.rid IN (…)" for each topic: SQLite gathers the links of each
 * topic once, then looks up those articles. */
static void
append_topic_lists (Sql    *sql,
                    Filter *filter)
{
  for (guint i = 0; i < filter->keys->len; i++)
    {
      g_string_append (sql->sql, " AND a.rid IN (SELECT article FROM article_topics"
                                 " WHERE topic = (SELECT id FROM topics WHERE key = ");
      sql_param (sql, g_ptr_array_index (filter->keys, i));
      g_string_append (sql->sql, "))");
    }
}

static void
append_reader_filters (Sql    *sql,
                       Filter *filter)
{
  if (filter->saved_only)
    g_string_append (sql->sql, " AND r.saved = 1");
  if (filter->unread_only)
    g_string_append (sql->sql, " AND coalesce (r.read, 0) = 0");
}

static const char *
sort_index (MyelinSort sort)
{
  switch (sort)
    {
    case MYELIN_SORT_CREDIBILITY:
      return "articles_credibility";
    case MYELIN_SORT_INTEREST:
      return "articles_interest";
    case MYELIN_SORT_TITLE:
      return "articles_title";
    case MYELIN_SORT_NEWEST:
    case MYELIN_SORT_DEFAULT:
    case MYELIN_SORT_RELEVANCE:
    default:
      return "articles_newest";
    }
}

/* Fetching an article's row (to sort, or to list it) costs about as much as
 * this many probes of article_topics' primary key (measured on the 100,000
 * article library of tests/bench: ~4 µs against ~0.15 µs; kept low, to
 * err on the side of the plan whose cost is known). */
#define FETCH_COST_IN_PROBES 20.0

/* Whether to walk the articles in the sort order's index, checking each
 * one's topics, rather than gathering each topic's articles and sorting
 * them. The walk stops once the page is full, so it wins when the topics
 * are common; for rare topics it would walk most of the library. */
static gboolean
walk_sort_index (Filter      *filter,
                 MyelinQuery *query)
{
  guint limit = myelin_query_get_limit (query);
  double wanted, walked;

  if (filter->fts != NULL || !filter_has_topics (filter) || filter->saved_only)
    return FALSE;

  wanted = limit > 0 ? (double) limit + myelin_query_get_offset (query) : (double) filter->library;
  walked = filter->share > 0 ? MIN (wanted / filter->share, (double) filter->library)
                             : (double) filter->library;
  return walked <= FETCH_COST_IN_PROBES * filter->min_count;
}

/* FROM … WHERE … for listing the articles matching @filter in order.
 * @with_reader adds the reader-state join even when no filter needs it,
 * for the saved/read columns. @with_links joins each article's topic
 * links, as "at". */
static void
append_from_where (Sql         *sql,
                   Filter      *filter,
                   MyelinQuery *query,
                   gboolean     with_reader,
                   gboolean     with_links)
{
  gboolean reader = with_reader || filter->saved_only || filter->unread_only;
  gboolean walk = walk_sort_index (filter, query);

  if (filter->fts != NULL)
    g_string_append (sql->sql, " FROM articles_fts f JOIN articles a ON a.rid = f.rowid");
  else if (walk)
    /* Names of our own indexes, not text from anyone. */
    g_string_append_printf (sql->sql, " FROM articles a INDEXED BY %s", sort_index (filter->sort));
  else
    g_string_append (sql->sql, " FROM articles a");
  if (reader)
    g_string_append (sql->sql, READER_JOIN);
  if (with_links)
    g_string_append (sql->sql, " JOIN article_topics at ON at.article = a.rid");

  g_string_append (sql->sql, " WHERE 1");
  if (filter->fts != NULL)
    {
      g_string_append (sql->sql, " AND articles_fts MATCH ");
      sql_param (sql, filter->fts);
      /* On f.rowid, not a.rid, so that each match's topics are checked
       * before its (large) article row is read. */
      append_topic_probes (sql, filter, 0, "f.rowid");
    }
  else if (walk)
    append_topic_probes (sql, filter, 0, "a.rid");
  else
    append_topic_lists (sql, filter);
  append_reader_filters (sql, filter);
}

/* SELECT of the row ids matching @filter, in no order, for counting; or,
 * with @topics, of the topic of each link of each of those articles. It
 * reads the articles table only when a reader filter needs its ids, since
 * each article row is large; the FTS5 index and article_topics are kept in
 * step with it by triggers and foreign keys, so they hold the same ids. */
static void
append_selection (Sql         *sql,
                  Filter      *filter,
                  MyelinQuery *query,
                  gboolean     topics)
{
  const char *rid;

  if (filter->saved_only || filter->unread_only)
    {
      g_string_append (sql->sql, topics ? "SELECT at.topic" : "SELECT a.rid");
      append_from_where (sql, filter, query, FALSE, topics);
      return;
    }

  if (filter->fts != NULL)
    {
      rid = "f.rowid";
      g_string_append_printf (sql->sql, "SELECT %s FROM articles_fts f", topics ? "at.topic" : rid);
      if (topics)
        g_string_append (sql->sql, " JOIN article_topics at ON at.article = f.rowid");
      g_string_append (sql->sql, " WHERE articles_fts MATCH ");
      sql_param (sql, filter->fts);
      append_topic_probes (sql, filter, 0, rid);
    }
  else if (filter_has_topics (filter))
    {
      rid = "x.article";
      g_string_append_printf (sql->sql, "SELECT %s FROM article_topics x", topics ? "at.topic" : rid);
      if (topics)
        g_string_append (sql->sql, " JOIN article_topics at ON at.article = x.article");
      g_string_append (sql->sql, " WHERE x.topic = (SELECT id FROM topics WHERE key = ");
      sql_param (sql, g_ptr_array_index (filter->keys, 0));
      g_string_append (sql->sql, ")");
      append_topic_probes (sql, filter, 1, rid);
    }
  else if (topics)
    g_string_append (sql->sql, "SELECT at.topic FROM article_topics at");
  else
    g_string_append (sql->sql, "SELECT a.rid FROM articles a");
}

static const char *
order_by (MyelinSort sort)
{
  switch (sort)
    {
    case MYELIN_SORT_RELEVANCE:
      return " ORDER BY f.rank, a.published DESC, a.rid DESC";
    case MYELIN_SORT_CREDIBILITY:
      return " ORDER BY a.credibility DESC, a.published DESC, a.rid DESC";
    case MYELIN_SORT_INTEREST:
      return " ORDER BY a.interest DESC, a.published DESC, a.rid DESC";
    case MYELIN_SORT_TITLE:
      return " ORDER BY a.sort_title, a.rid";
    case MYELIN_SORT_NEWEST:
    case MYELIN_SORT_DEFAULT:
    default:
      return " ORDER BY a.published DESC, a.rid DESC";
    }
}

/* Every article's row id in @sort's order (not relevance), from the
 * sort's own index, which holds every column the order needs. */
char *
myelin_store_order_sql (MyelinSort sort)
{
  return g_strdup_printf ("SELECT a.rid FROM articles a INDEXED BY %s%s", sort_index (sort), order_by (sort));
}

static void
append_order_limit (Sql         *sql,
                    Filter      *filter,
                    MyelinQuery *query)
{
  g_string_append (sql->sql, order_by (filter->sort));

  /* Numbers we own, not text from anyone: printed, as SQLite's LIMIT needs
   * no quoting and cannot be injected through a guint. */
  if (myelin_query_get_limit (query) > 0)
    g_string_append_printf (sql->sql, " LIMIT %u OFFSET %u",
                            myelin_query_get_limit (query), myelin_query_get_offset (query));
  else if (myelin_query_get_offset (query) > 0)
    g_string_append_printf (sql->sql, " LIMIT -1 OFFSET %u", myelin_query_get_offset (query));
}

/* The whole SELECT for a page (or all) of the matching articles, in order.
 *
 * A page of a ranked search is found in two steps. bm25 must score every
 * match, but only the matches that can be on the page need their article
 * row (for the date that breaks ties): the matches are scored once into a
 * temporary table, the rank of the last row of the page is taken from it,
 * and only the matches ranked no worse are joined to articles and sorted.
 * Ties at that rank are all kept, so the page is exactly the one the plain
 * ORDER BY gives. */
static void
append_select (Sql         *sql,
               Filter      *filter,
               MyelinQuery *query,
               const char  *columns,
               gboolean     with_reader)
{
  guint limit = myelin_query_get_limit (query);
  guint offset = myelin_query_get_offset (query);

  if (filter->sort == MYELIN_SORT_RELEVANCE && limit > 0 && offset < G_MAXUINT - limit
      && !filter->saved_only && !filter->unread_only)
    {
      g_string_append (sql->sql, "WITH m AS MATERIALIZED (SELECT f.rowid AS rid, f.rank AS rank"
                                 " FROM articles_fts f WHERE articles_fts MATCH ");
      sql_param (sql, filter->fts);
      append_topic_probes (sql, filter, 0, "f.rowid");
      g_string_append_printf (sql->sql, "), cut AS (SELECT rank FROM m ORDER BY rank LIMIT 1 OFFSET %u)",
                              offset + limit - 1);
      g_string_append_printf (sql->sql, " SELECT %s FROM m f JOIN articles a ON a.rid = f.rid", columns);
      if (with_reader)
        g_string_append (sql->sql, READER_JOIN);
      g_string_append (sql->sql, " WHERE NOT EXISTS (SELECT 1 FROM cut) OR f.rank <= (SELECT rank FROM cut)");
    }
  else
    {
      g_string_append_printf (sql->sql, "SELECT %s", columns);
      append_from_where (sql, filter, query, with_reader, FALSE);
    }
  append_order_limit (sql, filter, query);
}

typedef enum
{
  ANSWERED,
  USE_SQL,
  FAILED,
} Answered;

/* What the store's index answered, copied out of it: only what was asked
 * for is set, and owned by the caller. */
typedef struct
{
  GArray    *rowids;   /* gint64: the page the query asks for */
  GPtrArray *topics;   /* MyelinTopic, by key, with their counts */
  guint      n;        /* every selected article */
} Answer;

typedef enum
{
  ASK_ROWIDS,
  ASK_TOPICS,
  ASK_COUNT,
} Asked;

static void
answer_copy (Answer      *answer,
             Asked        asked,
             GArray      *selected,
             const guint *counts,
             GPtrArray   *names,
             MyelinQuery *query)
{
  guint offset = MIN (myelin_query_get_offset (query), selected->len);
  guint limit = myelin_query_get_limit (query);
  guint end = limit > 0 ? offset + MIN (limit, selected->len - offset) : selected->len;

  answer->n = selected->len;
  if (asked == ASK_ROWIDS)
    {
      answer->rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), end - offset);
      for (guint i = offset; i < end; i++)
        {
          gint64 rowid = g_array_index (selected, guint32, i);
          g_array_append_val (answer->rowids, rowid);
        }
    }
  else if (asked == ASK_TOPICS)
    {
      answer->topics = g_ptr_array_new_full (names->len, g_object_unref);
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (answer->topics, myelin_topic_new (g_ptr_array_index (names, i), counts[i]));
    }
}

/* Answers @filter from the store's index (myelin-store-index.c), when the
 * store keeps one and it can: not for relevance, which needs FTS5's bm25,
 * nor for the saved/unread filters, which change with every article read.
 * The index is read again when the articles changed (after an import, say:
 * in the worker, not at the next keystroke). An unfiltered query, which SQL
 * answers from an index in a few milliseconds, never reads it the first
 * time: that is left to myelin_store_load_index(), after the window's first
 * frame. All in one read transaction, so the index's version and the
 * search's matches are of one state of the library.
 *
 * Returns: whether the index answered, SQL must, or reading failed (with
 *   @error set) */
static Answered
answer_from_index (MyelinStore  *self,
                   Filter       *filter,
                   MyelinQuery  *query,
                   Asked         asked,
                   Answer       *answer,
                   GError      **error)
{
  MyelinStoreIndex **index;
  gboolean filtered = filter->fts != NULL || filter_has_topics (filter);
  gboolean began = FALSE;
  Answered answered = USE_SQL;
  const guint *counts = NULL;
  GArray *selected;

  if (filter->sort == MYELIN_SORT_RELEVANCE || filter->saved_only || filter->unread_only)
    return USE_SQL;

  myelin_store_hold (self);
  index = myelin_store_get_index (self);
  if (index == NULL || (!filtered && *index == NULL))
    goto out;
  answered = FAILED;
  if (!myelin_store_begin_read (self, &began, error)
      || !myelin_store_index_update (index, self, error))
    goto out;
  answered = USE_SQL;
  if (*index == NULL)
    goto out;

  answered = ANSWERED;
  /* Everything: no need to go through it. */
  if (!filtered && asked == ASK_COUNT)
    {
      answer->n = myelin_store_index_get_n_articles (*index);
      goto out;
    }
  answered = FAILED;
  selected = myelin_store_index_select (*index, self, filter->fts, filter->keys, filter->sort, &counts, error);
  if (selected == NULL)
    goto out;
  answer_copy (answer, asked, selected, counts, myelin_store_index_get_topics (*index), query);
  answered = ANSWERED;

out:
  myelin_store_end_read (self, began);
  myelin_store_release (self);
  return answered;
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
  Filter filter = { 0 };
  Sql sql;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);
  g_return_val_if_fail (MYELIN_IS_QUERY (query), NULL);

  sql_init (&sql);
  filter_init (&filter, self, query);
  append_select (&sql, &filter, query, SUMMARY_COLUMNS, TRUE);
  stmt = sql_prepare (self, &sql, error);
  sql_clear (&sql);
  filter_clear (&filter);

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
  g_autoptr(GArray) rowids = NULL;
  Filter filter = { 0 };
  Answer answer = { 0 };
  Sql sql;
  int rc;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);
  g_return_val_if_fail (MYELIN_IS_QUERY (query), NULL);

  filter_init (&filter, self, query);
  switch (answer_from_index (self, &filter, query, ASK_ROWIDS, &answer, error))
    {
    case ANSWERED:
      filter_clear (&filter);
      return answer.rowids;
    case FAILED:
      filter_clear (&filter);
      return NULL;
    case USE_SQL:
    default:
      break;
    }

  sql_init (&sql);
  append_select (&sql, &filter, query, "a.rid", FALSE);
  stmt = sql_prepare (self, &sql, error);
  sql_clear (&sql);
  filter_clear (&filter);
  if (stmt == NULL)
    return NULL;

  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
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
  Filter filter = { 0 };
  Answer answer = { 0 };
  Sql sql;
  int rc;

  g_return_val_if_fail (MYELIN_IS_STORE (self), 0);
  g_return_val_if_fail (MYELIN_IS_QUERY (query), 0);

  filter_init (&filter, self, query);
  switch (answer_from_index (self, &filter, query, ASK_COUNT, &answer, error))
    {
    case ANSWERED:
      filter_clear (&filter);
      return answer.n;
    case FAILED:
      filter_clear (&filter);
      return 0;
    case USE_SQL:
    default:
      break;
    }

  sql_init (&sql);
  g_string_append (sql.sql, "SELECT count(*) FROM (");
  append_selection (&sql, &filter, query, FALSE);
  g_string_append_c (sql.sql, ')');
  stmt = sql_prepare (self, &sql, error);
  sql_clear (&sql);
  filter_clear (&filter);
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

/* No search, topic, saved or unread filter: every article. */
static gboolean
filter_is_everything (Filter *filter)
{
  return filter->fts == NULL && !filter_has_topics (filter)
         && !filter->saved_only && !filter->unread_only;
}

/* Every topic with its count in the whole library, which every import and
 * removal keeps up to date. */
static GPtrArray *
list_all_topics (MyelinStore  *self,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = myelin_store_prepare (self, "SELECT name, article_count FROM topics ORDER BY key", error);
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

/* Every topic with how many of @filter's articles have it, by SQL. */
static GPtrArray *
count_topics (MyelinStore  *self,
              Filter       *filter,
              MyelinQuery  *query,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) links = NULL;
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *counts = NULL;
  gint64 max_id = 0;
  Sql sql;
  int rc;

  stmt = myelin_store_prepare (self, "SELECT id, name FROM topics ORDER BY key", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      max_id = MAX (max_id, id);
    }
  if (rc != SQLITE_DONE)
    {
      myelin_store_set_error (self, rc, error);
      return NULL;
    }

  /* Walks the matching articles' links (index on article), so the cost
   * follows the size of the selection, not of the library. The links are
   * counted here rather than with GROUP BY, which would sort them all
   * (about 3.5 an article) only to count a few dozen topics. */
  sql_init (&sql);
  append_selection (&sql, filter, query, TRUE);
  links = sql_prepare (self, &sql, error);
  sql_clear (&sql);
  if (links == NULL)
    return NULL;

  counts = g_new0 (guint, max_id + 1);
  while ((rc = sqlite3_step (links)) == SQLITE_ROW)
    {
      /* A link always names a topic (foreign key); an import between the
       * two statements could add one, which is then left out. */
      gint64 topic = sqlite3_column_int64 (links, 0);

      if (topic >= 0 && topic <= max_id)
        counts[topic]++;
    }
  if (rc != SQLITE_DONE)
    {
      myelin_store_set_error (self, rc, error);
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (topics, myelin_topic_new (g_ptr_array_index (names, i),
                                               counts[g_array_index (ids, gint64, i)]));
  return g_steal_pointer (&topics);
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
  Filter filter = { 0 };
  Answer answer = { 0 };
  GPtrArray *topics = NULL;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);
  g_return_val_if_fail (query == NULL || MYELIN_IS_QUERY (query), NULL);

  if (query == NULL)
    return list_all_topics (self, error);

  filter_init (&filter, self, query);
  switch (answer_from_index (self, &filter, query, ASK_TOPICS, &answer, error))
    {
    case ANSWERED:
      topics = g_steal_pointer (&answer.topics);
      break;
    case FAILED:
      break;
    case USE_SQL:
    default:
      topics = filter_is_everything (&filter) ? list_all_topics (self, error)
                                              : count_topics (self, &filter, query, error);
      break;
    }
  filter_clear (&filter);
  return topics;
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
  static const char sql[] = "SELECT " SUMMARY_COLUMNS " FROM articles a" READER_JOIN " WHERE a.rid = ?1";
  MyelinArticle *article;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);

  /* Once per card bound: prepared once, not per call. */
  stmt = myelin_store_lock_cached (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  article = get_one (self, stmt, NULL, NULL, error);
  myelin_store_unlock_cached (self, stmt);
  return article;
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
