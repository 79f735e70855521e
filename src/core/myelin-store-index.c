/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An index of the library's articles kept in memory: their order under
 * each sort and their topics, as small integers. A store that answers a
 * query at every keystroke (the window's worker) keeps one; see
 * myelin_store_set_indexed().
 *
 * Why: with SQL alone, listing the ids of a search's matches in date order
 * read and sorted every matching article's row (~2.5 KB each), and the
 * topic counts joined every match's links: 100–300 ms for a broad search of
 * a 100,000-article library. Here the same answer is one pass over an
 * array of ids, checking each against the search's matches (a bitmap, from
 * the FTS5 index alone) and its topics: a few milliseconds
 * (docs/performance.md).
 *
 * The index is read in one transaction and knows the articles' version it
 * was read at (library_state "articles_version", moved on by every import
 * and removal: myelin_store_articles_changed()). Each use checks that
 * version in the same transaction as the search it runs, so the answer is
 * always that of one state of the library, exactly as the SQL would give
 * it; tests/test-query.c compares the two on random queries.
 */
#define G_LOG_DOMAIN "myelin-store"

#include "config.h"

#include "myelin-store-private.h"

#define N_ORDERS (MYELIN_SORT_TITLE + 1)

struct _MyelinStoreIndex
{
  gint64      version;
  guint32     max_rid;
  guint32     n_articles;

  /* The topics of article r are links[link_start[r] .. link_start[r + 1]),
   * as topic numbers: positions in topic_names (the topics by key). */
  guint32    *link_start;
  guint16    *links;
  GPtrArray  *topic_names;
  GHashTable *topic_numbers;   /* folded key -> number + 1 */

  /* Row ids in each sort's order, read when first needed (~4 ms each). */
  guint32    *orders[N_ORDERS];

  /* The last selection, asked for again straight away: the rows, their
   * count and the topic counts come from one pass. */
  char       *last_filter;
  GArray     *last_rowids;     /* guint32 */
  guint      *last_counts;
};

void
myelin_store_index_free (MyelinStoreIndex *self)
{
  if (self == NULL)
    return;
  g_free (self->link_start);
  g_free (self->links);
  g_clear_pointer (&self->topic_names, g_ptr_array_unref);
  g_clear_pointer (&self->topic_numbers, g_hash_table_unref);
  for (guint i = 0; i < N_ORDERS; i++)
    g_free (self->orders[i]);
  g_free (self->last_filter);
  g_clear_pointer (&self->last_rowids, g_array_unref);
  g_free (self->last_counts);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MyelinStoreIndex, myelin_store_index_free)

/* The articles' version, in the caller's transaction. */
static gboolean
read_version (MyelinStore  *store,
              gint64       *version,
              GError      **error)
{
  static const char sql[] = "SELECT value FROM library_state WHERE key = 'articles_version'";
  sqlite3_stmt *stmt = myelin_store_lock_cached (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *version = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  myelin_store_unlock_cached (store, stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return myelin_store_set_error (store, rc, error);
  return TRUE;
}

static gboolean
read_topics (MyelinStoreIndex  *self,
             MyelinStore       *store,
             GHashTable        *number_of_id,
             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = myelin_store_prepare (store, "SELECT id, key, name FROM topics ORDER BY key", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint number = self->topic_names->len;
      gint64 *id = g_new (gint64, 1);

      /* Numbers are 16 bits, to keep the links small; no library comes
       * near that, and one that did is answered by SQL instead. */
      if (number > G_MAXUINT16)
        return FALSE;
      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (number_of_id, id, GUINT_TO_POINTER (number + 1));
      g_hash_table_insert (self->topic_numbers, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                           GUINT_TO_POINTER (number + 1));
      g_ptr_array_add (self->topic_names, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    return myelin_store_set_error (store, rc, error);
  return TRUE;
}

/* Every link, in article order (the index on article), into link_start and
 * links. */
static gboolean
read_links (MyelinStoreIndex  *self,
            MyelinStore       *store,
            GHashTable        *number_of_id,
            GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = myelin_store_prepare (store,
                                                       "SELECT article, topic FROM article_topics"
                                                       " INDEXED BY article_topics_article ORDER BY article, topic",
                                                       error);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (guint16));
  int rc;

  if (stmt == NULL)
    return FALSE;
  self->link_start = g_new0 (guint32, (gsize) self->max_rid + 2);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 article = sqlite3_column_int64 (stmt, 0);
      gint64 topic = sqlite3_column_int64 (stmt, 1);
      guint number = GPOINTER_TO_UINT (g_hash_table_lookup (number_of_id, &topic));
      guint16 link;

      /* Both are foreign keys, read in the same transaction. */
      if (article < 1 || article > self->max_rid || number == 0)
        continue;
      link = number - 1;
      g_array_append_val (links, link);
      self->link_start[article + 1]++;
    }
  if (rc != SQLITE_DONE)
    return myelin_store_set_error (store, rc, error);

  for (guint32 r = 1; r <= self->max_rid + 1; r++)
    self->link_start[r] += self->link_start[r - 1];
  self->links = (guint16 *) g_array_free (g_steal_pointer (&links), FALSE);
  return TRUE;
}

/* One sort order's row ids; @n_read (optional) gets how many. */
static guint32 *
read_order (MyelinStore  *store,
            MyelinSort    sort,
            guint32       max_rid,
            guint32      *n_read,
            GError      **error)
{
  g_autofree char *sql = myelin_store_order_sql (sort);
  g_autoptr(sqlite3_stmt) stmt = myelin_store_prepare (store, sql, error);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint32));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);
      guint32 value = (guint32) rid;

      if (rid >= 1 && rid <= max_rid)
        g_array_append_val (order, value);
    }
  if (rc != SQLITE_DONE)
    {
      myelin_store_set_error (store, rc, error);
      return NULL;
    }
  if (n_read != NULL)
    *n_read = order->len;
  return (guint32 *) g_array_free (g_steal_pointer (&order), FALSE);
}

/* Reads the index, in the caller's transaction. NULL without an error when
 * the library cannot be indexed (row ids or topics beyond its limits). */
static MyelinStoreIndex *
index_read (MyelinStore  *store,
            gint64        version,
            GError      **error)
{
  g_autoptr(MyelinStoreIndex) self = g_new0 (MyelinStoreIndex, 1);
  g_autoptr(GHashTable) number_of_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) max = myelin_store_prepare (store, "SELECT coalesce (max(rid), 0) FROM articles", error);
  gint64 max_rid;
  int rc;

  if (max == NULL)
    return NULL;
  rc = sqlite3_step (max);
  if (rc != SQLITE_ROW)
    {
      myelin_store_set_error (store, rc, error);
      return NULL;
    }
  max_rid = sqlite3_column_int64 (max, 0);
  /* Row ids index arrays here; a library whose ids went that high (it
   * takes billions of imported articles) is answered by SQL. */
  if (max_rid < 0 || max_rid >= G_MAXUINT32 / 2)
    return NULL;

  self->version = version;
  self->max_rid = (guint32) max_rid;
  self->topic_names = g_ptr_array_new_with_free_func (g_free);
  self->topic_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!read_topics (self, store, number_of_id, error))
    return NULL;
  if (!read_links (self, store, number_of_id, error))
    return NULL;
  self->orders[MYELIN_SORT_NEWEST] = read_order (store, MYELIN_SORT_NEWEST, self->max_rid, &self->n_articles, error);
  if (self->orders[MYELIN_SORT_NEWEST] == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * myelin_store_index_update:
 * @index: (inout) (nullable): the store's index
 *
 * In the caller's read transaction: reads the index again when the
 * articles changed since it was read (or it was never read).
 *
 * Returns: %FALSE with @error set on a library error. @index may still be
 *   %NULL without an error: the library cannot be indexed.
 */
gboolean
myelin_store_index_update (MyelinStoreIndex **index,
                           MyelinStore       *store,
                           GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 version;

  if (!read_version (store, &version, error))
    return FALSE;
  if (*index != NULL && (*index)->version == version)
    return TRUE;

  g_clear_pointer (index, myelin_store_index_free);
  *index = index_read (store, version, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

guint
myelin_store_index_get_n_articles (MyelinStoreIndex *self)
{
  return self->n_articles;
}

/* The search's matches as a bitmap of row ids, from the FTS5 index alone. */
static guint64 *
search_matches (MyelinStoreIndex  *self,
                MyelinStore       *store,
                const char        *fts,
                GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = myelin_store_prepare (store,
                                                       "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1",
                                                       error);
  g_autofree guint64 *bits = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  myelin_store_bind_text (stmt, 1, fts);
  bits = g_new0 (guint64, self->max_rid / 64 + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      if (rid >= 1 && rid <= self->max_rid)
        bits[rid / 64] |= G_GUINT64_CONSTANT (1) << (rid % 64);
    }
  if (rc != SQLITE_DONE)
    {
      myelin_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&bits);
}

static gboolean
has_topic (MyelinStoreIndex *self,
           guint32           rid,
           guint16           topic)
{
  for (guint32 l = self->link_start[rid]; l < self->link_start[rid + 1]; l++)
    if (self->links[l] == topic)
      return TRUE;
  return FALSE;
}

/* A key naming the selection, to know it when it is asked for again. */
static char *
filter_key (const char *fts,
            GPtrArray  *keys,
            MyelinSort  sort)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GString *key = g_string_new (NULL);

  g_ptr_array_extend (sorted, keys, NULL, NULL);

  g_ptr_array_sort (sorted, (GCompareFunc) g_strcmp0);
  g_string_append_printf (key, "%d\x1f%s", sort, fts != NULL ? fts : "");
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (key, "\x1f%s", (const char *) g_ptr_array_index (sorted, i));
  return g_string_free (key, FALSE);
}

/**
 * myelin_store_index_select:
 * @fts: (nullable): the FTS5 query
 * @keys: (element-type utf8): folded topic keys the articles must all have
 * @sort: not %MYELIN_SORT_DEFAULT or %MYELIN_SORT_RELEVANCE
 * @counts: (out) (transfer none) (array): per topic number, how many of the
 *   selected articles have it; valid until the next call
 *
 * In the caller's read transaction, with the index current.
 *
 * Returns: (transfer none) (element-type guint32): the selected row ids in
 *   order; valid until the next call
 */
GArray *
myelin_store_index_select (MyelinStoreIndex  *self,
                           MyelinStore       *store,
                           const char        *fts,
                           GPtrArray         *keys,
                           MyelinSort         sort,
                           const guint      **counts,
                           GError           **error)
{
  g_autofree char *key = filter_key (fts, keys, sort);
  g_autofree guint64 *matches = NULL;
  g_autofree guint16 *wanted = NULL;
  const guint32 *order;
  gboolean none = FALSE;

  g_return_val_if_fail (sort > MYELIN_SORT_DEFAULT && sort < N_ORDERS, NULL);

  if (g_strcmp0 (key, self->last_filter) == 0)
    {
      *counts = self->last_counts;
      return self->last_rowids;
    }

  if (self->orders[sort] == NULL)
    {
      self->orders[sort] = read_order (store, sort, self->max_rid, NULL, error);
      if (self->orders[sort] == NULL)
        return NULL;
    }
  order = self->orders[sort];

  if (fts != NULL && (matches = search_matches (self, store, fts, error)) == NULL)
    return NULL;

  wanted = g_new (guint16, keys->len + 1);
  for (guint i = 0; i < keys->len; i++)
    {
      guint number = GPOINTER_TO_UINT (g_hash_table_lookup (self->topic_numbers, g_ptr_array_index (keys, i)));

      /* A topic no article has: nothing has all of them. */
      none |= number == 0;
      wanted[i] = number > 0 ? number - 1 : 0;
    }

  g_free (self->last_filter);
  g_clear_pointer (&self->last_rowids, g_array_unref);
  g_free (self->last_counts);
  self->last_filter = NULL;
  self->last_rowids = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->last_counts = g_new0 (guint, self->topic_names->len + 1);

  for (guint32 i = 0; i < self->n_articles && !none; i++)
    {
      guint32 rid = order[i];
      gboolean selected = matches == NULL || (matches[rid / 64] >> (rid % 64)) & 1;

      for (guint t = 0; selected && t < keys->len; t++)
        selected = has_topic (self, rid, wanted[t]);
      if (!selected)
        continue;
      g_array_append_val (self->last_rowids, rid);
      for (guint32 l = self->link_start[rid]; l < self->link_start[rid + 1]; l++)
        self->last_counts[self->links[l]]++;
    }

  self->last_filter = g_steal_pointer (&key);
  *counts = self->last_counts;
  return self->last_rowids;
}

/**
 * myelin_store_index_get_topics:
 *
 * Returns: (transfer none) (element-type utf8): the topics' names by
 *   number, which is their order by key
 */
GPtrArray *
myelin_store_index_get_topics (MyelinStoreIndex *self)
{
  return self->topic_names;
}
