/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library file: opening and migrating, revisions, atomicity, the
 * reader's own data, removal, asynchronous import and cancellation.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "myelin-bundle-folder.h"
#include "myelin-error.h"
#include "myelin-test-util.h"

typedef MyelinTestLibrary Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  myelin_test_library_open (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  myelin_test_library_close (f);
}

static char *
snapshot (const char *path)
{
  return myelin_test_snapshot (path);
}

static char *
articles_json (const char * const *specs)
{
  GString *out = g_string_new (NULL);

  /* Each spec is "id" or "id|extra JSON members". */
  for (guint i = 0; specs[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (specs[i], "|", 2);
      g_autofree char *article = myelin_test_article (parts[0], parts[1]);

      g_string_append_printf (out, "%s%s", i ? "," : "", article);
    }
  return g_string_free (out, FALSE);
}

static MyelinImportReport *
import_revision (Fixture            *f,
                 gint64              revision,
                 const char * const *specs)
{
  g_autofree char *articles = articles_json (specs);
  g_autofree char *json = myelin_test_bundle ("org.example.digest", revision, articles);

  return myelin_test_import_text (f->store, f->dir, json, MYELIN_IMPORT_FLAGS_NONE);
}

static gboolean
has_article (Fixture    *f,
             const char *id)
{
  g_autoptr(MyelinArticle) article = myelin_store_get_article (f->store, "org.example.digest", id, NULL);
  return article != NULL;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* The ids of the saved articles, in order; "id(gone)" for those no longer
 * in the library. */
static char *
saved_ids (MyelinStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) saved = myelin_store_list_saved (store, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < saved->len; i++)
    {
      MyelinSavedArticle *item = g_ptr_array_index (saved, i);

      g_string_append_printf (out, "%s%s%s", i > 0 ? " " : "", myelin_saved_article_get_id (item),
                              myelin_saved_article_get_available (item) ? "" : "(gone)");
      /* An entry has an article exactly when it is available. */
      g_assert_true ((myelin_saved_article_get_article (item) != NULL) == myelin_saved_article_get_available (item));
    }
  return g_string_free (out, FALSE);
}

/* --- Opening ------------------------------------------------------------ */

static void
test_open_default_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "myelin", "library.db", NULL);
  g_autofree char *folder = g_path_get_dirname (expected);
  GStatBuf st;

  store = myelin_store_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (myelin_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_open_schema (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpint (query_int (f->path, "PRAGMA user_version"), ==, MYELIN_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (f->path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'reader_state'"), ==, 1);
}

static void
test_open_too_new (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) again = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  again = myelin_store_open (f->path, &error);
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_TOO_NEW);
  g_assert_null (again);
  /* The file is left as it was. */
  g_assert_cmpint (query_int (f->path, "PRAGMA user_version"), ==, 99);
}

static void
test_open_not_a_database (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = NULL;
  g_autofree char *path = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = myelin_test_write_file (f->dir, "garbage.db",
                                                  "This is not a database, but it is long enough to look like a header. "
                                                  "Padding padding padding padding padding padding.");

  store = myelin_store_open (path, &error);
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  /* Never overwritten. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "This is not a database"));
}

/* The size of @path's write-ahead log, or -1 when there is none. */
static goffset
wal_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 ? (goffset) st.st_size : -1;
}

/* A library written by schema version 1 (tests/fixtures/library-v1.sql)
 * opens, is migrated to the current version and keeps everything. */
static void
test_open_migrate_from_1 (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(MyelinArticle) kept = NULL;
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(MyelinImportReport) report = NULL;
  g_autofree char *fixture = g_build_filename (g_getenv ("MYELIN_TEST_FIXTURES"), "library-v1.sql", NULL);
  g_autofree char *path = g_build_filename (f->dir, "old.db", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *found_ids = NULL;
  g_autofree char *saved = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 1);

  store = myelin_store_open (path, &error);
  g_assert_no_error (error);
  /* The migration's pages are already in the library, not left in the
   * WAL for every later open to read. */
  g_assert_cmpint (wal_size (path), ==, 0);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, MYELIN_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM pragma_table_info ('articles') WHERE name = 'added'"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'library_state'"), ==, 1);
  /* 2 -> 3: the full-text index was made again, with one-letter prefixes. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'"
                                    " AND sql LIKE '%prefix=''1 2 3''%'"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT value FROM library_state WHERE key = 'articles_version'"), ==, 0);

  /* The articles, their full-text index and the reader's data are kept. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM articles"), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM reader_state"), ==, 2);
  kept = myelin_store_get_article (store, "org.example.old", "kept", &error);
  g_assert_no_error (error);
  g_assert_true (myelin_article_get_boolean (kept, MYELIN_ARTICLE_SAVED));
  g_assert_true (myelin_article_get_boolean (kept, MYELIN_ARTICLE_READ));
  g_assert_cmpstr (myelin_article_get_string (kept, MYELIN_ARTICLE_NOTE), ==, "Ask about this");
  myelin_query_set_search (query, "walking");
  found = myelin_store_list_articles (store, query, &error);
  g_assert_no_error (error);
  found_ids = myelin_test_ids (found);
  g_assert_cmpstr (found_ids, ==, "org.example.old/kept");
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&found_ids, g_free);
  /* One letter goes through the new prefix index. */
  myelin_query_set_search (query, "w");
  found = myelin_store_list_articles (store, query, &error);
  g_assert_no_error (error);
  found_ids = myelin_test_ids (found);
  g_assert_cmpstr (found_ids, ==, "org.example.old/kept");
  saved = saved_ids (store);
  g_assert_cmpstr (saved, ==, "gone(gone) kept");

  /* Articles from before "New" existed are never new; later ones are. */
  g_assert_cmpuint (myelin_store_count_new (store, "2000-01-01", &error), ==, 0);
  g_assert_no_error (error);
  {
    g_autofree char *article = myelin_test_article ("a", NULL);
    g_autofree char *json = myelin_test_bundle ("org.example.digest", 1, article);

    report = myelin_test_import_text (store, f->dir, json, MYELIN_IMPORT_FLAGS_NONE);
  }
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  g_assert_cmpuint (myelin_store_count_new (store, "2000-01-01", &error), ==, 1);
  g_assert_no_error (error);
}

/* --- Revisions ---------------------------------------------------------- */

static void
test_import_added (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MyelinImportReport) report = import_revision (f, 1, (const char *[]) { "a", "b", "c", NULL });

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  g_assert_cmpint (myelin_import_report_get_revision_before (report), ==, 0);
  g_assert_cmpint (myelin_import_report_get_revision_after (report), ==, 1);
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, 3);
  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 0);
  g_assert_cmpstr (myelin_import_report_get_bundle_id (report), ==, "org.example.digest");
  g_assert_cmpstr (myelin_import_report_get_bundle_title (report), ==, "Bundle org.example.digest");
  g_assert_cmpint (myelin_import_report_get_exit_status (report), ==, 0);
  g_assert_true (has_article (f, "a") && has_article (f, "b") && has_article (f, "c"));
}

static void
test_revision_same (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MyelinImportReport) first = import_revision (f, 1, (const char *[]) { "a", "b", NULL });
  g_autofree char *before = snapshot (f->path);
  /* Same revision, different content: still "up to date", nothing changes. */
  g_autoptr(MyelinImportReport) again = import_revision (f, 1, (const char *[]) { "a|\"title\": \"Changed\"", NULL });
  g_autofree char *after = snapshot (f->path);

  g_assert_cmpint (myelin_import_report_get_status (again), ==, MYELIN_IMPORT_STATUS_UP_TO_DATE);
  g_assert_cmpint (myelin_import_report_get_exit_status (again), ==, 0);
  g_assert_cmpuint (myelin_import_report_get_added (again), ==, 0);
  g_assert_cmpstr (before, ==, after);
}

static void
test_revision_higher (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MyelinImportReport) first = import_revision (f, 1, (const char *[]) { "a", "b", "c", NULL });
  g_autoptr(MyelinImportReport) second = import_revision (f, 2, (const char *[]) {
    "a", "b|\"title\": \"B, revised\"", "d", NULL });
  g_autoptr(MyelinArticle) b = NULL;

  g_assert_cmpint (myelin_import_report_get_status (second), ==, MYELIN_IMPORT_STATUS_UPDATED);
  g_assert_cmpint (myelin_import_report_get_revision_before (second), ==, 1);
  g_assert_cmpint (myelin_import_report_get_revision_after (second), ==, 2);
  g_assert_cmpuint (myelin_import_report_get_added (second), ==, 1);
  g_assert_cmpuint (myelin_import_report_get_updated (second), ==, 1);
  g_assert_cmpuint (myelin_import_report_get_removed (second), ==, 1);
  g_assert_cmpuint (myelin_import_report_get_unchanged (second), ==, 1);

  g_assert_false (has_article (f, "c"));
  g_assert_true (has_article (f, "d"));
  b = myelin_store_get_article (f->store, "org.example.digest", "b", NULL);
  g_assert_cmpstr (myelin_article_get_title (b), ==, "B, revised");
  g_assert_cmpint (query_int (f->path, "SELECT revision FROM bundles"), ==, 2);
}

static void
test_revision_lower (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MyelinImportReport) first = import_revision (f, 3, (const char *[]) { "a", NULL });
  g_autofree char *before = snapshot (f->path);
  g_autoptr(MyelinImportReport) older = import_revision (f, 2, (const char *[]) { "a", "b", NULL });
  g_autofree char *after = snapshot (f->path);
  const GError *refusal = myelin_import_report_get_refusal (older);

  g_assert_cmpint (myelin_import_report_get_status (older), ==, MYELIN_IMPORT_STATUS_REFUSED);
  g_assert_cmpint (myelin_import_report_get_exit_status (older), ==, 1);
  g_assert_error ((GError *) refusal, MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_OLDER_REVISION);
  /* The message names both revisions. */
  g_assert_nonnull (strstr (refusal->message, "2"));
  g_assert_nonnull (strstr (refusal->message, "3"));
  g_assert_nonnull (myelin_test_find_error (older, "/bundle/revision"));
  g_assert_cmpstr (before, ==, after);
}

static void
test_revision_sequence (Fixture       *f,
                        gconstpointer  data)
{
  struct { gint64 revision; const char *ids; MyelinImportStatus status; } steps[] = {
    { 1, "a b", MYELIN_IMPORT_STATUS_ADDED },
    { 3, "b c", MYELIN_IMPORT_STATUS_UPDATED },
    { 2, "a", MYELIN_IMPORT_STATUS_REFUSED },
    { 3, "z", MYELIN_IMPORT_STATUS_UP_TO_DATE },
    { 4, "", MYELIN_IMPORT_STATUS_UPDATED },
    { 5, "a", MYELIN_IMPORT_STATUS_UPDATED },
  };
  const char *expected_ids[] = { "a b", "b c", "b c", "b c", "", "a" };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      /* g_strsplit() of "" is an empty list: a revision with no articles. */
      g_auto(GStrv) ids = g_strsplit (steps[i].ids, " ", -1);
      g_autoptr(MyelinImportReport) report = NULL;
      g_autoptr(MyelinQuery) query = myelin_query_new ();
      g_autoptr(GPtrArray) articles = NULL;
      g_autoptr(GString) got = g_string_new (NULL);

      report = import_revision (f, steps[i].revision, (const char * const *) ids);
      g_assert_cmpint (myelin_import_report_get_status (report), ==, steps[i].status);

      myelin_query_set_sort (query, MYELIN_SORT_TITLE);
      articles = myelin_store_list_articles (f->store, query, NULL);
      for (guint j = 0; j < articles->len; j++)
        g_string_append_printf (got, "%s%s", j ? " " : "", myelin_article_get_id (g_ptr_array_index (articles, j)));
      g_assert_cmpstr (got->str, ==, expected_ids[i]);
    }
}

/* --- Atomicity ---------------------------------------------------------- */

static void
test_atomic_failure_mid_import (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(MyelinImportReport) first = import_revision (f, 1, (const char *[]) { "a", "b", "c", NULL });
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(MyelinImportReport) second = NULL;
  sqlite3 *db = NULL;

  /* A trigger makes the database fail on the last article of revision 2,
   * after the others were written inside the transaction. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER boom BEFORE INSERT ON articles WHEN new.id = 'zz-boom'"
                                     " BEGIN SELECT RAISE (ABORT, 'injected failure'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = snapshot (f->path);

  second = import_revision (f, 2, (const char *[]) { "a|\"title\": \"New A\"", "d", "e", "zz-boom", NULL });
  after = snapshot (f->path);

  g_assert_cmpint (myelin_import_report_get_status (second), ==, MYELIN_IMPORT_STATUS_REFUSED);
  g_assert_nonnull (myelin_import_report_get_refusal (second));
  g_assert_cmpstr (before, ==, after);
}

static void
cancel_after_parse (double   fraction,
                    gpointer user_data)
{
  /* 0.3 is reported once the file is parsed, before any write. */
  if (fraction >= 0.3)
    g_cancellable_cancel (user_data);
}

static void
test_atomic_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MyelinImportReport) first = import_revision (f, 1, (const char *[]) { "a", NULL });
  g_autofree char *before = snapshot (f->path);
  g_autofree char *articles = articles_json ((const char *[]) { "a|\"title\": \"X\"", "b", "c", NULL });
  g_autofree char *json = myelin_test_bundle ("org.example.digest", 2, articles);
  g_autoptr(GFile) file = myelin_test_write_file (f->dir, "bundle.json", json);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MyelinImportReport) report = NULL;
  g_autofree char *after = NULL;

  report = myelin_store_import_file (f->store, file, MYELIN_IMPORT_FLAGS_NONE, cancel_after_parse, cancellable, cancellable);
  after = snapshot (f->path);

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_REFUSED);
  g_assert_error ((GError *) myelin_import_report_get_refusal (report), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (before, ==, after);
}

/* --- The reader's own data ---------------------------------------------- */

static void
test_reader_data_survives_revisions (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinImportReport) r1 = import_revision (f, 1, (const char *[]) { "a", "b", NULL });
  g_autoptr(MyelinImportReport) r2 = NULL;
  g_autoptr(MyelinImportReport) r3 = NULL;
  g_autoptr(MyelinArticle) back = NULL;
  g_autofree char *while_gone = NULL;
  g_autofree char *when_back = NULL;

  g_assert_true (myelin_store_set_saved (f->store, "org.example.digest", "a", TRUE, &error));
  g_assert_true (myelin_store_set_read (f->store, "org.example.digest", "a", TRUE, &error));
  g_assert_true (myelin_store_set_note (f->store, "org.example.digest", "a", "Ask the neurologist", &error));
  g_assert_no_error (error);

  /* Revision 2 drops "a": its state stays, with its last title. */
  r2 = import_revision (f, 2, (const char *[]) { "b", NULL });
  g_assert_false (has_article (f, "a"));
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM reader_state WHERE article = 'a' AND saved = 1"
                                       " AND read = 1 AND note = 'Ask the neurologist' AND title = 'Article a'"), ==, 1);
  while_gone = saved_ids (f->store);
  g_assert_cmpstr (while_gone, ==, "a(gone)");

  /* Revision 3 brings it back: so does the reader's data. */
  r3 = import_revision (f, 3, (const char *[]) { "a", "b", NULL });
  when_back = saved_ids (f->store);
  g_assert_cmpstr (when_back, ==, "a");
  back = myelin_store_get_article (f->store, "org.example.digest", "a", &error);
  g_assert_no_error (error);
  g_assert_true (myelin_article_get_boolean (back, MYELIN_ARTICLE_SAVED));
  g_assert_true (myelin_article_get_boolean (back, MYELIN_ARTICLE_READ));
  g_assert_cmpstr (myelin_article_get_string (back, MYELIN_ARTICLE_NOTE), ==, "Ask the neurologist");
}

static void
test_reader_data_survives_removal (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinImportReport) r1 = import_revision (f, 1, (const char *[]) { "a", NULL });
  g_autoptr(MyelinImportReport) r2 = NULL;
  g_autoptr(GPtrArray) bundles = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(MyelinArticle) back = NULL;
  MyelinSavedArticle *gone;

  g_assert_true (myelin_store_set_saved (f->store, "org.example.digest", "a", TRUE, &error));
  g_assert_true (myelin_store_set_read (f->store, "org.example.digest", "a", TRUE, &error));
  g_assert_true (myelin_store_set_note (f->store, "org.example.digest", "a", "Bring to the appointment", &error));
  g_assert_true (myelin_store_remove_bundle (f->store, "org.example.digest", &error));
  g_assert_no_error (error);

  bundles = myelin_store_list_bundles (f->store, &error);
  g_assert_cmpuint (bundles->len, ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM articles"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM topics"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM reader_state WHERE saved = 1 AND title = 'Article a'"), ==, 1);

  /* Still listed as saved, by its last title, with its note. */
  saved = myelin_store_list_saved (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  gone = g_ptr_array_index (saved, 0);
  g_assert_cmpstr (myelin_saved_article_get_bundle_id (gone), ==, "org.example.digest");
  g_assert_cmpstr (myelin_saved_article_get_id (gone), ==, "a");
  g_assert_cmpstr (myelin_saved_article_get_title (gone), ==, "Article a");
  g_assert_cmpstr (myelin_saved_article_get_note (gone), ==, "Bring to the appointment");
  g_assert_false (myelin_saved_article_get_available (gone));
  g_assert_null (myelin_saved_article_get_article (gone));

  r2 = import_revision (f, 1, (const char *[]) { "a", NULL });
  back = myelin_store_get_article (f->store, "org.example.digest", "a", &error);
  g_assert_no_error (error);
  g_assert_true (myelin_article_get_boolean (back, MYELIN_ARTICLE_SAVED));
  g_assert_true (myelin_article_get_boolean (back, MYELIN_ARTICLE_READ));
  g_assert_cmpstr (myelin_article_get_string (back, MYELIN_ARTICLE_NOTE), ==, "Bring to the appointment");
}

static void
test_remove_unknown (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (myelin_store_remove_bundle (f->store, "no.such.bundle", &error));
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_NOT_FOUND);
}

static void
test_note_cleared_by_empty_text (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(MyelinImportReport) r1 = import_revision (f, 1, (const char *[]) { "a", NULL });
  g_autoptr(MyelinArticle) article = NULL;

  g_assert_true (myelin_store_set_note (f->store, "org.example.digest", "a", "Something", NULL));
  g_assert_true (myelin_store_set_note (f->store, "org.example.digest", "a", "", NULL));
  article = myelin_store_get_article (f->store, "org.example.digest", "a", NULL);
  g_assert_null (myelin_article_get_string (article, MYELIN_ARTICLE_NOTE));
}

static void
test_saved_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinImportReport) r1 = import_revision (f, 1, (const char *[]) { "a", "b", "c", NULL });
  g_autoptr(MyelinImportReport) r2 = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autofree char *first = NULL;
  g_autofree char *after_unsave = NULL;
  MyelinSavedArticle *b, *a;

  g_assert_true (myelin_store_set_saved (f->store, "org.example.digest", "a", TRUE, &error));
  /* Saved times have milliseconds: make the order certain. */
  g_usleep (5000);
  g_assert_true (myelin_store_set_saved (f->store, "org.example.digest", "b", TRUE, &error));
  g_assert_true (myelin_store_set_note (f->store, "org.example.digest", "a", "Ask the nurse", &error));
  /* A note alone does not save an article. */
  g_assert_true (myelin_store_set_note (f->store, "org.example.digest", "c", "Not saved", &error));
  g_assert_no_error (error);
  first = saved_ids (f->store);
  g_assert_cmpstr (first, ==, "b a");

  /* Revision 2 renames b and drops a. */
  r2 = import_revision (f, 2, (const char *[]) { "b|\"title\": \"Renamed b\"", "c", NULL });
  saved = myelin_store_list_saved (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 2);
  b = g_ptr_array_index (saved, 0);
  a = g_ptr_array_index (saved, 1);
  g_assert_true (myelin_saved_article_get_available (b));
  g_assert_cmpstr (myelin_saved_article_get_title (b), ==, "Renamed b");
  g_assert_cmpstr (myelin_article_get_title (myelin_saved_article_get_article (b)), ==, "Renamed b");
  g_assert_null (myelin_saved_article_get_note (b));
  g_assert_false (myelin_saved_article_get_available (a));
  g_assert_cmpstr (myelin_saved_article_get_title (a), ==, "Article a");
  g_assert_cmpstr (myelin_saved_article_get_note (a), ==, "Ask the nurse");
  g_assert_true (g_str_has_suffix (myelin_saved_article_get_saved_at (a), "Z"));
  g_assert_cmpstr (myelin_saved_article_get_saved_at (a), <, myelin_saved_article_get_saved_at (b));

  /* An article that left the library can still be unsaved. */
  g_assert_true (myelin_store_set_saved (f->store, "org.example.digest", "a", FALSE, &error));
  g_assert_no_error (error);
  after_unsave = saved_ids (f->store);
  g_assert_cmpstr (after_unsave, ==, "b");
}

static void
test_mark_all_read (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinImportReport) r1 = import_revision (f, 1, (const char *[]) { "a", "b", "c", NULL });
  g_autoptr(MyelinQuery) unread = myelin_query_new ();
  g_autofree char *first_read = NULL;
  g_autofree char *still_first = NULL;

  g_assert_true (myelin_store_set_read (f->store, "org.example.digest", "a", TRUE, &error));
  /* The reader's data of an article no longer in the library. */
  g_assert_true (myelin_store_set_note (f->store, "org.example.digest", "gone", "Old note", &error));
  g_assert_no_error (error);
  first_read = query_text (f->path, "SELECT read_at FROM reader_state WHERE article = 'a'");
  myelin_query_set_unread_only (unread, TRUE);
  g_assert_cmpuint (myelin_store_count_articles (f->store, unread, &error), ==, 2);

  g_usleep (5000);
  g_assert_true (myelin_store_mark_all_read (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (myelin_store_count_articles (f->store, unread, &error), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM reader_state WHERE read = 1 AND read_at IS NOT NULL"), ==, 3);
  g_assert_cmpint (query_int (f->path, "SELECT read FROM reader_state WHERE article = 'gone'"), ==, 0);
  /* Already read: it keeps when it was first read. */
  still_first = query_text (f->path, "SELECT read_at FROM reader_state WHERE article = 'a'");
  g_assert_cmpstr (still_first, ==, first_read);
}

static void
test_new_since_last_visit (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinImportReport) r1 = NULL;
  g_autoptr(MyelinImportReport) r2 = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GArray) rowids = NULL;
  g_autofree char *last = NULL;
  g_autofree char *added_a = NULL;
  g_autofree char *added_a_after = NULL;
  g_autofree char *fresh_ids = NULL;
  g_autofree char *moved = NULL;

  g_assert_null (myelin_store_get_last_visit (f->store, &error));
  g_assert_no_error (error);
  r1 = import_revision (f, 1, (const char *[]) { "a", "b", NULL });
  /* No visit recorded: nothing is new yet. */
  g_assert_cmpuint (myelin_store_count_new (f->store, NULL, &error), ==, 0);
  g_assert_cmpuint (myelin_store_count_new (f->store, "2000-01-01", &error), ==, 2);
  g_assert_no_error (error);
  added_a = query_text (f->path, "SELECT added FROM articles WHERE id = 'a'");
  g_assert_nonnull (added_a);

  g_usleep (5000);
  g_assert_true (myelin_store_set_last_visit (f->store, NULL, &error));
  g_assert_no_error (error);
  last = myelin_store_get_last_visit (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (last), ==, strlen ("2026-11-23T20:23:11.646Z"));
  g_assert_cmpstr (last, >, added_a);
  g_assert_cmpuint (myelin_store_count_new (f->store, NULL, &error), ==, 0);

  /* Revision 2 changes a and adds c: only c is new. */
  g_usleep (5000);
  r2 = import_revision (f, 2, (const char *[]) { "a|\"title\": \"Changed a\"", "b", "c", NULL });
  g_assert_cmpuint (myelin_import_report_get_updated (r2), ==, 1);
  g_assert_cmpuint (myelin_store_count_new (f->store, NULL, &error), ==, 1);
  g_assert_cmpuint (myelin_store_count_new (f->store, last, &error), ==, 1);
  g_assert_no_error (error);
  fresh = myelin_store_list_new (f->store, NULL, &error);
  g_assert_no_error (error);
  fresh_ids = myelin_test_ids (fresh);
  g_assert_cmpstr (fresh_ids, ==, "org.example.digest/c");
  rowids = myelin_store_query_new_rowids (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, 1);
  added_a_after = query_text (f->path, "SELECT added FROM articles WHERE id = 'a'");
  g_assert_cmpstr (added_a_after, ==, added_a);
  g_assert_cmpuint (myelin_store_count_new (f->store, "2999-01-01T00:00:00Z", &error), ==, 0);

  /* A time with a zone is stored in UTC. */
  g_assert_true (myelin_store_set_last_visit (f->store, "2000-01-01T02:00:00+02:00", &error));
  moved = myelin_store_get_last_visit (f->store, &error);
  g_assert_cmpstr (moved, ==, "2000-01-01T00:00:00.000Z");
  g_assert_cmpuint (myelin_store_count_new (f->store, NULL, &error), ==, 3);
  g_assert_no_error (error);

  g_assert_cmpuint (myelin_store_count_new (f->store, "next tuesday", &error), ==, 0);
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (myelin_store_set_last_visit (f->store, "2026-13-45", &error));
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_INVALID);
}

/* --- Topics ------------------------------------------------------------- */

static void
test_topics_case_insensitive (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", "\"topics\": [\"Gait\", \"GAIT\", \"Fatigue\"]");
  g_autofree char *b = myelin_test_article ("b", "\"topics\": [\"gait\"]");
  g_autofree char *one = myelin_test_bundle ("org.example.one", 1, a);
  g_autofree char *two = myelin_test_bundle ("org.example.two", 1, b);
  g_autoptr(MyelinImportReport) r1 = myelin_test_import_text (f->store, f->dir, one, 0);
  g_autoptr(MyelinImportReport) r2 = myelin_test_import_text (f->store, f->dir, two, 0);
  g_autoptr(GPtrArray) topics = myelin_store_list_topics (f->store, NULL, NULL);
  g_autoptr(MyelinArticle) article = myelin_store_get_article (f->store, "org.example.one", "a", NULL);
  const char * const *names = myelin_article_get_topics (article);

  g_assert_cmpuint (topics->len, ==, 2);
  g_assert_cmpstr (myelin_topic_get_name (g_ptr_array_index (topics, 0)), ==, "Fatigue");
  g_assert_cmpuint (myelin_topic_get_count (g_ptr_array_index (topics, 0)), ==, 1);
  /* One topic, in the spelling first seen, counted once per article. */
  g_assert_cmpstr (myelin_topic_get_name (g_ptr_array_index (topics, 1)), ==, "Gait");
  g_assert_cmpuint (myelin_topic_get_count (g_ptr_array_index (topics, 1)), ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) names), ==, 2);
}

/* --- Changes seen from another connection ------------------------------- */

static void
test_has_changed (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) other = myelin_store_open (f->path, &error);
  g_autofree char *articles = myelin_test_article ("a", NULL);
  g_autofree char *json = myelin_test_bundle ("org.example.digest", 1, articles);
  g_autoptr(MyelinImportReport) report = NULL;

  g_assert_no_error (error);
  g_assert_false (myelin_store_has_changed (f->store));
  report = myelin_test_import_text (other, f->dir, json, 0);
  g_assert_true (myelin_store_has_changed (f->store));
  g_assert_false (myelin_store_has_changed (f->store));
}

/* --- Asynchronous import ------------------------------------------------ */

typedef struct
{
  GMainLoop          *loop;
  GThread            *main_thread;
  guint               progress_calls;
  double              last_fraction;
  gboolean            progress_in_main_thread;
  MyelinImportReport *report;
  GError             *error;
} AsyncState;

static void
on_async_progress (double   fraction,
                   gpointer user_data)
{
  AsyncState *state = user_data;

  state->progress_calls++;
  state->progress_in_main_thread &= (g_thread_self () == state->main_thread);
  g_assert_cmpfloat (fraction, >=, state->last_fraction);
  state->last_fraction = fraction;
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  state->report = myelin_store_import_file_finish (MYELIN_STORE (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
run_async_import (Fixture      *f,
                  GFile        *file,
                  GCancellable *cancellable,
                  AsyncState   *state)
{
  state->loop = g_main_loop_new (NULL, FALSE);
  state->main_thread = g_thread_self ();
  state->progress_in_main_thread = TRUE;
  myelin_store_import_file_async (f->store, file, MYELIN_IMPORT_FLAGS_NONE, on_async_progress, state, NULL,
                                  cancellable, on_async_done, state);
  g_main_loop_run (state->loop);
  g_main_loop_unref (state->loop);
}

static void
test_async_import (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) articles = g_string_new (NULL);
  g_autofree char *json = NULL;
  g_autoptr(GFile) file = NULL;
  AsyncState state = { 0 };

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("article-%u", i);
      g_autofree char *article = myelin_test_article (id, NULL);
      g_string_append_printf (articles, "%s%s", i ? "," : "", article);
    }
  json = myelin_test_bundle ("org.example.digest", 1, articles->str);
  file = myelin_test_write_file (f->dir, "big.json", json);

  run_async_import (f, file, NULL, &state);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.report);
  g_assert_cmpuint (myelin_import_report_get_added (state.report), ==, 300);
  g_assert_cmpuint (state.progress_calls, >=, 2);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);
  g_assert_true (state.progress_in_main_thread);
  /* Written through another connection: this one sees it. */
  g_assert_true (has_article (f, "article-299"));
  g_object_unref (state.report);
}

static void
test_async_cancelled (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MyelinImportReport) first = import_revision (f, 1, (const char *[]) { "a", NULL });
  g_autofree char *before = snapshot (f->path);
  g_autofree char *articles = articles_json ((const char *[]) { "b", "c", NULL });
  g_autofree char *json = myelin_test_bundle ("org.example.digest", 2, articles);
  g_autoptr(GFile) file = myelin_test_write_file (f->dir, "bundle.json", json);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *after = NULL;
  AsyncState state = { 0 };

  g_cancellable_cancel (cancellable);
  run_async_import (f, file, cancellable, &state);
  after = snapshot (f->path);

  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (state.report);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&state.error);
}

/* --- Images ------------------------------------------------------------- */

static void
test_image_stored (Fixture       *f,
                   gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n" "fake image data";
  g_autofree char *path = g_build_filename (f->dir, "images", "x.png", NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *article = myelin_test_article ("a", "\"image\": {\"path\": \"images/x.png\", \"alt\": \"A drawing\"}");
  g_autofree char *json = myelin_test_bundle ("org.example.digest", 1, article);
  g_autoptr(MyelinImportReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MyelinArticle) stored = NULL;
  g_autofree char *type = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, png, sizeof png - 1, NULL));
  report = myelin_test_import_text (f->store, f->dir, json, 0);
  g_assert_cmpuint (myelin_import_report_get_warnings (report)->len, ==, 0);

  bytes = myelin_store_get_image (f->store, "org.example.digest", "a", &type, NULL);
  g_assert_nonnull (bytes);
  g_assert_cmpstr (type, ==, "image/png");
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), png, sizeof png - 1);
  stored = myelin_store_get_article (f->store, "org.example.digest", "a", NULL);
  g_assert_cmpstr (myelin_article_get_string (stored, MYELIN_ARTICLE_IMAGE_ALT), ==, "A drawing");

  /* The bundle's folder may go away (a USB stick): the library keeps the image. */
  g_unlink (path);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = myelin_store_get_image (f->store, "org.example.digest", "a", NULL, NULL);
  g_assert_nonnull (bytes);
}

/* --- A folder of bundles (myelin-bundle-folder.c) ------------------------- */

static char *
folder_names (GPtrArray *files)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (files, i));

      g_string_append_printf (out, "%s%s", i > 0 ? " " : "", name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The bundle files at the top, by name; not other files, not subfolders
 * (where images live), not a FIFO named like a bundle. */
static void
test_folder_lists_bundles (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "stick", NULL);
  g_autofree char *images = g_build_filename (folder, "images", NULL);
  g_autofree char *fifo = g_build_filename (folder, "pipe.json", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GFile) b = NULL, a = NULL, notes = NULL, nested = NULL, upper = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;

  g_assert_cmpint (g_mkdir_with_parents (images, 0700), ==, 0);
  b = myelin_test_write_file (folder, "b-second.json", "{}");
  a = myelin_test_write_file (folder, "a-first.json", "{}");
  notes = myelin_test_write_file (folder, "notes.txt", "not a bundle");
  upper = myelin_test_write_file (folder, "c-third.JSON.txt", "{}");
  nested = myelin_test_write_file (images, "nested.json", "{}");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  files = myelin_bundle_folder_list (dir, NULL, &error);
  g_assert_no_error (error);
  names = folder_names (files);
  g_assert_cmpstr (names, ==, "a-first.json b-second.json");
}

/* No bundle, or no folder: an error that names the folder. */
static void
test_folder_without_bundles (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "empty", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/myelin-folder");
  g_autoptr(GFile) notes = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  notes = myelin_test_write_file (folder, "readme.txt", "nothing here");
  files = myelin_bundle_folder_list (dir, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);

  files = myelin_bundle_folder_list (missing, NULL, &error);
  g_assert_null (files);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/store/open/default-path", test_open_default_path);
  ADD ("/store/open/schema", test_open_schema);
  ADD ("/store/open/too-new", test_open_too_new);
  ADD ("/store/open/not-a-database", test_open_not_a_database);
  ADD ("/store/open/migrate-from-1", test_open_migrate_from_1);
  ADD ("/store/import/added", test_import_added);
  ADD ("/store/revision/same-is-up-to-date", test_revision_same);
  ADD ("/store/revision/higher-replaces", test_revision_higher);
  ADD ("/store/revision/lower-refused", test_revision_lower);
  ADD ("/store/revision/sequence", test_revision_sequence);
  ADD ("/store/atomic/failure-mid-import", test_atomic_failure_mid_import);
  ADD ("/store/atomic/cancelled", test_atomic_cancel);
  ADD ("/store/reader-data/survives-revisions", test_reader_data_survives_revisions);
  ADD ("/store/reader-data/survives-removal", test_reader_data_survives_removal);
  ADD ("/store/reader-data/empty-note-clears", test_note_cleared_by_empty_text);
  ADD ("/store/reader-data/saved-list", test_saved_list);
  ADD ("/store/reader-data/mark-all-read", test_mark_all_read);
  ADD ("/store/reader-data/new-since-last-visit", test_new_since_last_visit);
  ADD ("/store/remove/unknown", test_remove_unknown);
  ADD ("/store/folder/lists-bundles", test_folder_lists_bundles);
  ADD ("/store/folder/without-bundles", test_folder_without_bundles);
  ADD ("/store/topics/case-insensitive", test_topics_case_insensitive);
  ADD ("/store/has-changed", test_has_changed);
  ADD ("/store/async/import", test_async_import);
  ADD ("/store/async/cancelled", test_async_cancelled);
  ADD ("/store/image/stored", test_image_stored);
#undef ADD

  return g_test_run ();
}
