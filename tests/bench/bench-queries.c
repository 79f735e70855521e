/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Query benchmark: the store API against bare SQL on the same library file,
 * in the same process. For each case the store call (a fresh statement, rows
 * turned into MyelinArticle/MyelinTopic objects) and a hand-written SQL
 * statement (prepared once, columns read, no objects) must give the same
 * rows, in the same order; the benchmark fails only when they do not, or on
 * an error. Slowness is reported, never a failure.
 *
 *   bench-queries LIBRARY [RUNS]
 */
#define G_LOG_DOMAIN "myelin-bench"

#include "config.h"

#include <glib.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "myelin-store.h"

#define PAGE 50
#define WARMUP 5

typedef enum
{
  KIND_ARTICLES,
  KIND_TOPICS,
} Kind;

typedef struct
{
  const char *name;
  Kind        kind;
  const char *search;      /* typed text, or NULL */
  const char *topics[3];   /* topic names, NULL-terminated */
  const char *bare_sql;    /* ?1 the FTS query, ?2 ?3 the folded topic keys */
  gboolean    broad;       /* reported, but outside the goal */
} Case;

#define CARD_COLUMNS \
  "a.rid, a.bundle, a.id, a.title, a.published, a.updated, a.teaser, a.credibility," \
  " a.interest, a.topics, a.source_design, a.retracted, a.review_ai_generated," \
  " a.review_reviewed_by, a.review_next_review, coalesce (r.saved, 0), coalesce (r.read, 0)"
#define READER " LEFT JOIN reader_state r ON r.bundle = a.bundle AND r.article = a.id"
#define HAS_TOPIC(n) \
  " a.rid IN (SELECT article FROM article_topics WHERE topic = (SELECT id FROM topics WHERE key = ?" #n "))"

static const Case cases[] = {
  { "prefix search (selective)", KIND_ARTICLES, "natal", { NULL },
    "SELECT " CARD_COLUMNS " FROM articles_fts f JOIN articles a ON a.rid = f.rowid" READER
    " WHERE articles_fts MATCH ?1 ORDER BY f.rank, a.published DESC, a.rid DESC LIMIT 50", FALSE },
  { "prefix search (a third)", KIND_ARTICLES, "pregn", { NULL },
    "SELECT " CARD_COLUMNS " FROM articles_fts f JOIN articles a ON a.rid = f.rowid" READER
    " WHERE articles_fts MATCH ?1 ORDER BY f.rank, a.published DESC, a.rid DESC LIMIT 50", FALSE },
  { "two-topic filter", KIND_ARTICLES, NULL, { "Fatigue", "MRI", NULL },
    "SELECT " CARD_COLUMNS " FROM articles a" READER
    " WHERE" HAS_TOPIC (2) " AND" HAS_TOPIC (3) " ORDER BY a.published DESC, a.rid DESC LIMIT 50", FALSE },
  { "search + two topics", KIND_ARTICLES, "pregn", { "Fatigue", "MRI", NULL },
    "SELECT " CARD_COLUMNS " FROM articles_fts f JOIN articles a ON a.rid = f.rowid" READER
    " WHERE articles_fts MATCH ?1 AND" HAS_TOPIC (2) " AND" HAS_TOPIC (3)
    " ORDER BY f.rank, a.published DESC, a.rid DESC LIMIT 50", FALSE },
  { "topic counts, search", KIND_TOPICS, "pregn", { NULL },
    "SELECT t.name, count (at.article) FROM topics t LEFT JOIN article_topics at ON at.topic = t.id"
    " AND at.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1)"
    " GROUP BY t.id ORDER BY t.key", FALSE },
  { "topic counts, two topics", KIND_TOPICS, NULL, { "Fatigue", "MRI", NULL },
    "SELECT t.name, count (at.article) FROM topics t LEFT JOIN article_topics at ON at.topic = t.id"
    " AND at.article IN (SELECT a.rid FROM articles a WHERE" HAS_TOPIC (2) " AND" HAS_TOPIC (3) ")"
    " GROUP BY t.id ORDER BY t.key", FALSE },
  { "topic counts, search + topics", KIND_TOPICS, "pregn", { "Fatigue", "MRI", NULL },
    "SELECT t.name, count (at.article) FROM topics t LEFT JOIN article_topics at ON at.topic = t.id"
    " AND at.article IN (SELECT a.rid FROM articles_fts f JOIN articles a ON a.rid = f.rowid"
    " WHERE articles_fts MATCH ?1 AND" HAS_TOPIC (2) " AND" HAS_TOPIC (3) ")"
    " GROUP BY t.id ORDER BY t.key", FALSE },
  { "broad prefix search", KIND_ARTICLES, "peop", { NULL },
    "SELECT " CARD_COLUMNS " FROM articles_fts f JOIN articles a ON a.rid = f.rowid" READER
    " WHERE articles_fts MATCH ?1 ORDER BY f.rank, a.published DESC, a.rid DESC LIMIT 50", TRUE },
  { "topic counts, broad search", KIND_TOPICS, "peop", { NULL },
    "SELECT t.name, count (at.article) FROM topics t LEFT JOIN article_topics at ON at.topic = t.id"
    " AND at.article IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1)"
    " GROUP BY t.id ORDER BY t.key", TRUE },
};

/* One row as text, to compare store and bare results. */
static void
add_key (GPtrArray  *rows,
         const char *first,
         gint64      second)
{
  g_ptr_array_add (rows, g_strdup_printf ("%s|%" G_GINT64_FORMAT, first, second));
}

static GPtrArray *
run_store (MyelinStore *store,
           MyelinQuery *query,
           Kind         kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) result = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  if (kind == KIND_ARTICLES)
    result = myelin_store_list_articles (store, query, &error);
  else
    result = myelin_store_list_topics (store, query, &error);
  if (result == NULL)
    g_error ("store query failed: %s", error->message);

  for (guint i = 0; i < result->len; i++)
    {
      if (kind == KIND_ARTICLES)
        {
          MyelinArticle *a = g_ptr_array_index (result, i);
          add_key (rows, myelin_article_get_string (a, MYELIN_ARTICLE_ID), myelin_article_get_rowid (a));
        }
      else
        {
          MyelinTopic *t = g_ptr_array_index (result, i);
          add_key (rows, myelin_topic_get_name (t), myelin_topic_get_count (t));
        }
    }
  return rows;
}

static GPtrArray *
run_bare (sqlite3_stmt *stmt,
          Kind          kind)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  int n = sqlite3_column_count (stmt);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* Read every column, as a caller showing them would. */
      for (int c = 0; c < n; c++)
        (void) sqlite3_column_text (stmt, c);
      if (kind == KIND_ARTICLES)
        add_key (rows, (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_int64 (stmt, 0));
      else
        add_key (rows, (const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    g_error ("bare query failed: %s", sqlite3_errstr (rc));
  sqlite3_reset (stmt);
  return rows;
}

static gboolean
same_rows (GPtrArray *a,
           GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
percentile (GArray *times,
            double  p)
{
  guint i;

  g_array_sort (times, compare_double);
  i = (guint) (p * (times->len - 1) + 0.5);
  return g_array_index (times, double, i);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinQuery) all = myelin_query_new ();
  sqlite3 *db = NULL;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 50;
  gboolean broken = FALSE;
  guint total;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("usage: %s LIBRARY [RUNS]\n", argv[0]);
      return 2;
    }

  store = myelin_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("cannot open %s: %s", argv[1], error->message);
  if (sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("cannot open %s: %s", argv[1], sqlite3_errmsg (db));
  total = myelin_store_count_articles (store, all, NULL);

  g_print ("Library: %s, %u articles; %u timed runs per case after %u warm-up runs; times in ms.\n\n",
           argv[1], total, runs, WARMUP);
  g_print ("%-30s %8s | %8s %8s | %8s %8s | %6s | %s\n",
           "case", "matches", "store", "p95", "bare SQL", "p95", "ratio", "goal (≤1.5× and <20 ms)");

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const Case *k = &cases[c];
      g_autoptr(MyelinQuery) query = myelin_query_new ();
      g_autoptr(GArray) store_times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) bare_times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *fts = myelin_search_to_fts (k->search);
      sqlite3_stmt *stmt = NULL;
      double store_median, bare_median, ratio;
      guint matches;
      gboolean met;

      if (k->search != NULL)
        myelin_query_set_search (query, k->search);
      myelin_query_set_topics (query, k->topics);
      myelin_query_set_limit (query, PAGE);
      matches = myelin_store_count_articles (store, query, NULL);

      if (sqlite3_prepare_v2 (db, k->bare_sql, -1, &stmt, NULL) != SQLITE_OK)
        g_error ("bare SQL for “%s”: %s", k->name, sqlite3_errmsg (db));
      if (fts != NULL)
        sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_TRANSIENT);
      for (guint t = 0; k->topics[t] != NULL; t++)
        {
          g_autofree char *folded = g_utf8_casefold (k->topics[t], -1);
          sqlite3_bind_text (stmt, 2 + t, folded, -1, SQLITE_TRANSIENT);
        }

      /* Alternate the two, so neither gets a warmer cache. */
      for (guint i = 0; i < WARMUP + runs; i++)
        {
          g_autoptr(GPtrArray) from_store = NULL;
          g_autoptr(GPtrArray) from_bare = NULL;
          double t0, t1, t2, store_ms, bare_ms;

          t0 = now_ms ();
          from_store = run_store (store, query, k->kind);
          t1 = now_ms ();
          from_bare = run_bare (stmt, k->kind);
          t2 = now_ms ();

          if (i == 0 && !same_rows (from_store, from_bare))
            {
              g_printerr ("“%s”: the store and the bare SQL give different rows (%u and %u)\n",
                          k->name, from_store->len, from_bare->len);
              broken = TRUE;
            }
          if (i < WARMUP)
            continue;
          store_ms = t1 - t0;
          bare_ms = t2 - t1;
          g_array_append_val (store_times, store_ms);
          g_array_append_val (bare_times, bare_ms);
        }
      sqlite3_finalize (stmt);

      store_median = percentile (store_times, 0.5);
      bare_median = percentile (bare_times, 0.5);
      ratio = bare_median > 0 ? store_median / bare_median : 0;
      met = store_median < 20.0 && ratio <= 1.5;
      g_print ("%-30s %8u | %8.3f %8.3f | %8.3f %8.3f | %6.2f | %s\n",
               k->name, matches, store_median, percentile (store_times, 0.95),
               bare_median, percentile (bare_times, 0.95), ratio,
               met ? "met" : (k->broad ? "missed (broad, reported)" : "MISSED"));
    }

  sqlite3_close (db);
  if (broken)
    return 1;
  return 0;
}
