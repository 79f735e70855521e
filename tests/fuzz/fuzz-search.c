/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fuzzes the search box: any typed text goes through
 * myelin_search_to_fts() and must give an FTS5 query that SQLite accepts
 * (no syntax error, ever), whether run as a bare MATCH or through the
 * store's own queries, sorted by relevance and with topics.
 */
#define G_LOG_DOMAIN "myelin-fuzz"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fuzz-common.h"
#include "myelin-store-private.h"

/* A tiny library: a few words in several scripts, accents and numbers. */
static const char bundle_text[] =
  "{\"format\": \"myelin-bundle\", \"format_version\": 1,"
  " \"bundle\": {\"id\": \"org.example.fuzz\", \"title\": \"Fuzz\", \"revision\": 1},"
  " \"articles\": ["
  "  {\"id\": \"a\", \"title\": \"Sclérose en plaques: fatigue and walking\", \"published\": \"2026-01-01\","
  "   \"credibility\": 3, \"interest\": 4, \"key_takeaway\": \"Walking 6 minutes, T-cells, vitamin D3.\","
  "   \"what_they_found\": \"Café au lait; naïve B cells; NEAR AND OR NOT\", \"topics\": [\"Fatigue\", \"Gait\"]},"
  "  {\"id\": \"b\", \"title\": \"Многоуровневый анализ 多发性硬化 التصلب\", \"published\": \"2025-12-31\","
  "   \"credibility\": 2, \"interest\": 5, \"key_takeaway\": \"Ünïcödé ﬁnal ß straße İstanbul.\","
  "   \"what_they_found\": \"Emoji 🧠 and combining e\\u0301 text.\", \"topics\": [\"Fatigue\", \"Imaging\"]}"
  " ]}";

static MyelinStore *store;

static void
close_store (void)
{
  g_clear_object (&store);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinImportReport) report = myelin_import_report_new ("fuzz");
  g_autoptr(MyelinBundleData) bundle = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (bundle_text, strlen (bundle_text));

  fuzz_make_warnings_fatal ();
  store = myelin_store_open (":memory:", &error);
  FUZZ_CHECK (store != NULL, "%s", error->message);
  atexit (close_store);
  bundle = myelin_bundle_parse_bytes (bytes, NULL, MYELIN_PARSE_FLAGS_STRICT, report, NULL);
  FUZZ_CHECK (bundle != NULL, "the fuzz library's bundle is invalid");
  FUZZ_CHECK (myelin_store_apply_bundle (store, bundle, report, NULL, NULL, NULL, &error),
              "%s", error->message);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *fts = myelin_search_to_fts (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  const char * const fatigue[] = { "fatigue", NULL };

  if (fts != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      sqlite3 *db = myelin_store_get_db (store);
      int rc;

      FUZZ_CHECK (g_utf8_validate (fts, -1, NULL), "the query is not UTF-8");
      rc = sqlite3_prepare_v2 (db, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rank",
                               -1, &stmt, NULL);
      FUZZ_CHECK (rc == SQLITE_OK, "%s", sqlite3_errmsg (db));
      sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        ;
      FUZZ_CHECK (rc == SQLITE_DONE, "MATCH '%s' (from '%s'): %s", fts, text, sqlite3_errmsg (db));
    }

  /* The store's own queries over the same text. */
  myelin_query_set_search (query, text);
  myelin_query_set_sort (query, MYELIN_SORT_RELEVANCE);
  rowids = myelin_store_query_rowids (store, query, &error);
  FUZZ_CHECK (rowids != NULL, "query_rowids '%s': %s", text, error->message);
  topics = myelin_store_list_topics (store, query, &error);
  FUZZ_CHECK (topics != NULL, "list_topics '%s': %s", text, error->message);
  myelin_query_set_topics (query, fatigue);
  myelin_query_set_sort (query, MYELIN_SORT_DEFAULT);
  articles = myelin_store_list_articles (store, query, &error);
  FUZZ_CHECK (articles != NULL, "list_articles '%s': %s", text, error->message);
  FUZZ_CHECK (myelin_store_count_articles (store, query, &error) == articles->len || error != NULL,
              "count and list disagree for '%s'", text);
  FUZZ_CHECK (error == NULL, "count_articles '%s': %s", text, error->message);
  return 0;
}
