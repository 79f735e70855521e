/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash consistency: a `myelinctl import` of a large revision is killed
 * (SIGKILL) at many moments; every time, the library must pass SQLite's
 * integrity check, hold the old revision or the new one whole, and keep
 * the reader's data. The moments are random; the seed is in the log
 * (rerun with `--seed`).
 */
#define G_LOG_DOMAIN "myelin-test-crash"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "myelin-test-util.h"

#define BUNDLE_ID "org.example.crash"
#define N_ARTICLES 3000
/* Revision 2 drops the first SHIFT articles of revision 1 and adds SHIFT new ones. */
#define SHIFT 500
#define N_KILLS 24

/* Revision 1: a00000…a02999, "Alpha study N", word alphaword.
 * Revision 2: a00500…a03499, "Beta study N", word betaword. */
static char *
big_bundle (guint revision)
{
  GString *s = g_string_new (NULL);
  const char *word = revision == 1 ? "alphaword" : "betaword";
  const char *name = revision == 1 ? "Alpha" : "Beta";
  guint first = revision == 1 ? 0 : SHIFT;

  g_string_append_printf (s, "{\"format\": \"myelin-bundle\", \"format_version\": 1,"
                          " \"bundle\": {\"id\": \"" BUNDLE_ID "\", \"title\": \"Crash test\", \"revision\": %u},"
                          " \"articles\": [", revision);
  for (guint i = first; i < first + N_ARTICLES; i++)
    {
      g_string_append_printf (s, "%s{\"id\": \"a%05u\", \"title\": \"%s study %05u\", \"published\": \"2026-01-01\","
                              " \"credibility\": 3, \"interest\": 4,"
                              " \"key_takeaway\": \"The %s takeaway of study %u.\", \"what_they_found\": \"",
                              i > first ? ", " : "", i, name, i, word, i);
      /* Enough text that the page cache spills into the WAL mid-import. */
      for (guint w = 0; w < 60; w++)
        g_string_append_printf (s, "%s finding %u of %u. ", word, w, i);
      g_string_append_printf (s, "\", \"topics\": [\"Topic %u\", \"%s topic\"]}", i % 40, name);
    }
  g_string_append (s, "]}");
  return g_string_free (s, FALSE);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "∅");
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

#define READER_DATA "SELECT bundle, article, saved, saved_at, read, read_at, note FROM reader_state ORDER BY 1, 2"

/* Opens the library as Myelin would (recovering the WAL), then checks it
 * through a connection of its own. Returns the revision found. */
static gint64
check_library (const char *path,
               const char *reader_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = myelin_store_open (path, &error);
  g_autofree char *now_reader_data = NULL;
  g_autofree char *integrity = NULL;
  sqlite3 *db = NULL;
  gint64 revision, first, expected_match;
  const char *name, *word, *other_word, *topic;

  g_assert_no_error (error);
  g_assert_true (myelin_store_check (store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok|\n");
  /* The full-text index agrees with the articles, row for row. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  revision = query_int (db, "SELECT revision FROM bundles WHERE id = '" BUNDLE_ID "'");
  g_assert_true (revision == 1 || revision == 2);
  first = revision == 1 ? 0 : SHIFT;
  name = revision == 1 ? "Alpha" : "Beta";
  word = revision == 1 ? "alphaword" : "betaword";
  other_word = revision == 1 ? "betaword" : "alphaword";
  topic = revision == 1 ? "alpha topic" : "beta topic";

  /* Exactly the articles of that revision, each with its own title. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM articles"), ==, N_ARTICLES);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM articles WHERE bundle = '" BUNDLE_ID "'"
                                            " AND CAST (substr (id, 2) AS INTEGER) BETWEEN %" G_GINT64_FORMAT
                                            " AND %" G_GINT64_FORMAT
                                            " AND title = '%s study ' || substr (id, 2)",
                                            first, first + N_ARTICLES - 1, name);
    g_assert_cmpint (query_int (db, sql), ==, N_ARTICLES);
  }
  /* Search finds that revision's words only. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '%s'", word);
    g_autofree char *other = g_strdup_printf ("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '%s'", other_word);

    expected_match = N_ARTICLES;
    g_assert_cmpint (query_int (db, sql), ==, expected_match);
    g_assert_cmpint (query_int (db, other), ==, 0);
  }
  /* Topics and their counts are that revision's. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT article_count FROM topics WHERE key = '%s'", topic);

    g_assert_cmpint (query_int (db, sql), ==, N_ARTICLES);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM topics"), ==, 41);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM topics t WHERE article_count !="
                                    " (SELECT count(*) FROM article_topics WHERE topic = t.id)"), ==, 0);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM article_topics"), ==, 2 * N_ARTICLES);
  }

  now_reader_data = query_text (db, READER_DATA);
  g_assert_cmpstr (now_reader_data, ==, reader_data);
  sqlite3_close (db);
  return revision;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_true (g_file_set_contents (to, contents, length, &error));
  g_assert_no_error (error);
}

/* A fresh copy of the revision-1 library at @path, with no -wal or -shm. */
static void
restore (const char *pristine,
         const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  copy_file (pristine, path);
}

static GSubprocess *
spawn_import (const char *library,
              const char *bundle)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              g_getenv ("MYELINCTL"), "--library", library, "import", bundle, NULL);
  g_assert_no_error (error);
  return process;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size : 0;
}

static void
test_crash_import_killed (void)
{
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *pristine = g_build_filename (dir, "pristine.db", NULL);
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autofree char *wal = g_strconcat (library, "-wal", NULL);
  g_autofree char *reader_data = NULL;
  g_autofree char *rev1 = big_bundle (1);
  g_autofree char *rev2 = big_bundle (2);
  g_autoptr(GFile) rev2_file = myelin_test_write_file (dir, "rev2.json", rev2);
  g_autofree char *rev2_path = g_file_get_path (rev2_file);
  g_autoptr(GError) error = NULL;
  gint64 start, full_time;
  guint outcomes[3] = { 0 }, mid_write = 0, finished = 0;

  g_assert_nonnull (g_getenv ("MYELINCTL"));

  /* Revision 1 installed, and the reader's data: on articles that stay,
   * and on one that revision 2 drops. */
  {
    g_autoptr(MyelinStore) store = myelin_store_open (pristine, &error);
    g_autoptr(MyelinImportReport) report = NULL;
    sqlite3 *db = NULL;

    g_assert_no_error (error);
    report = myelin_test_import_text (store, dir, rev1, MYELIN_IMPORT_FLAGS_NONE);
    g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
    g_assert_true (myelin_store_set_saved (store, BUNDLE_ID, "a00001", TRUE, &error));
    g_assert_true (myelin_store_set_note (store, BUNDLE_ID, "a00002", "Dropped by revision 2, kept by the reader.", &error));
    g_assert_true (myelin_store_set_read (store, BUNDLE_ID, "a00700", TRUE, &error));
    g_assert_true (myelin_store_set_saved (store, BUNDLE_ID, "a02999", TRUE, &error));
    g_assert_true (myelin_store_set_note (store, BUNDLE_ID, "a02999", "Ünïcödé note ✓", &error));
    g_assert_no_error (error);
    g_clear_object (&store);

    g_assert_cmpint (sqlite3_open (pristine, &db), ==, SQLITE_OK);
    reader_data = query_text (db, READER_DATA);
    sqlite3_close (db);
  }
  g_assert_cmpint (check_library (pristine, reader_data), ==, 1);

  /* One whole import, to time it and to check that revision 2 passes. */
  restore (pristine, library);
  start = g_get_monotonic_time ();
  {
    g_autoptr(GSubprocess) process = spawn_import (library, rev2_path);

    g_assert_true (g_subprocess_wait_check (process, NULL, &error));
    g_assert_no_error (error);
  }
  full_time = g_get_monotonic_time () - start;
  g_test_message ("a whole import of %u articles took %" G_GINT64_FORMAT " ms", N_ARTICLES, full_time / 1000);
  g_assert_cmpint (check_library (library, reader_data), ==, 2);

  /* Kills spread over the whole run, one in each of N_KILLS slices of
   * 1.2 times its length, at a random moment inside the slice. */
  for (guint k = 0; k < N_KILLS; k++)
    {
      g_autoptr(GSubprocess) process = NULL;
      gint64 delay = (gint64) ((k + g_test_rand_double ()) * 1.2 * full_time / N_KILLS);
      gboolean killed;
      goffset wal_size;
      gint64 revision;

      restore (pristine, library);
      process = spawn_import (library, rev2_path);
      g_usleep (delay);
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      killed = g_subprocess_get_if_signaled (process);
      wal_size = file_size (wal);

      revision = check_library (library, reader_data);
      outcomes[revision]++;
      if (!killed)
        finished++;
      else if (revision == 1 && wal_size > 0)
        mid_write++;
      g_test_message ("kill %u at %" G_GINT64_FORMAT " ms: %s, WAL %" G_GOFFSET_FORMAT " bytes, revision %" G_GINT64_FORMAT,
                      k, delay / 1000, killed ? "killed" : "had finished", wal_size, revision);
    }

  g_test_message ("%u kills: %u left revision 1 (%u of them in the middle of writing), %u revision 2; %u had finished",
                  N_KILLS, outcomes[1], mid_write, outcomes[2], finished);
  g_assert_cmpuint (outcomes[1] + outcomes[2], ==, N_KILLS);
  /* The kills must have hit the write itself, not only before and after. */
  g_assert_cmpuint (mid_write, >=, 1);

  myelin_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/reliability/crash/import-killed", test_crash_import_killed);

  return g_test_run ();
}
