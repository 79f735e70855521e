/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fuzzes the importer with whole bundle files: the bytes are written to
 * bundle.json in a private folder (beside a PNG, a JPEG, a folder and a
 * link that leads out of it, for image paths to find) and imported into a
 * fresh in-memory library. Whatever the bytes, the import must not crash,
 * leak, warn or hang, and the library it leaves must be consistent.
 */
#define G_LOG_DOMAIN "myelin-fuzz"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "myelin-store-private.h"

static char *folder_path;
static char *bundle_path;

static void
remove_folder (void)
{
  const char * const names[] = { "bundle.json", "image.png", "image.jpg", "outside.png", NULL };
  g_autofree char *sub = g_build_filename (folder_path, "sub", NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (folder_path, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (sub);
  g_rmdir (folder_path);
  g_clear_pointer (&folder_path, g_free);
  g_clear_pointer (&bundle_path, g_free);
}

static void
write_file (const char *name,
            const char *contents,
            gsize       length)
{
  g_autofree char *path = g_build_filename (folder_path, name, NULL);
  FILE *out = fopen (path, "wb");

  /* Not g_file_set_contents(): its fsync would make every run wait for the disk. */
  FUZZ_CHECK (out != NULL, "%s: %s", path, g_strerror (errno));
  FUZZ_CHECK (fwrite (contents, 1, length, out) == (size_t) length, "%s: %s", path, g_strerror (errno));
  FUZZ_CHECK (fclose (out) == 0, "%s: %s", path, g_strerror (errno));
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;

  fuzz_make_warnings_fatal ();
  folder_path = g_dir_make_tmp ("myelin-fuzz-import-XXXXXX", &error);
  FUZZ_CHECK (folder_path != NULL, "%s", error->message);
  bundle_path = g_build_filename (folder_path, "bundle.json", NULL);
  atexit (remove_folder);

  write_file ("image.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  write_file ("image.jpg", "\xff\xd8\xff\xe0\0\x10JFIF", 10);
  link = g_build_filename (folder_path, "outside.png", NULL);
  FUZZ_CHECK (symlink ("/etc/hostname", link) == 0, "symlink: %s", g_strerror (errno));
  {
    g_autofree char *sub = g_build_filename (folder_path, "sub", NULL);
    FUZZ_CHECK (g_mkdir (sub, 0700) == 0, "mkdir: %s", g_strerror (errno));
  }
  return 0;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  FUZZ_CHECK (rc == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  FUZZ_CHECK (rc == SQLITE_ROW, "%s: %s", sql, sqlite3_errmsg (db));
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  FUZZ_CHECK (rc == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  FUZZ_CHECK (rc == SQLITE_ROW, "%s: %s", sql, sqlite3_errmsg (db));
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The library is whole, whatever the import did. */
static void
check_library (MyelinStore        *store,
               MyelinImportReport *report)
{
  sqlite3 *db = myelin_store_get_db (store);
  g_autofree char *integrity = query_text (db, "PRAGMA integrity_check");
  gint64 articles = query_int (db, "SELECT count(*) FROM articles");
  MyelinImportStatus status = myelin_import_report_get_status (report);
  int rc;

  FUZZ_CHECK (g_str_equal (integrity, "ok"), "integrity_check: %s", integrity);
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
    FUZZ_CHECK (sqlite3_step (stmt) == SQLITE_DONE, "a foreign key is broken");
  }

  /* The full-text index holds exactly the articles. */
  rc = sqlite3_exec (db, "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')", NULL, NULL, NULL);
  FUZZ_CHECK (rc == SQLITE_OK, "FTS integrity-check: %s", sqlite3_errmsg (db));
  FUZZ_CHECK (query_int (db, "SELECT count(*) FROM articles_fts_docsize") == articles,
              "the FTS index does not hold %" G_GINT64_FORMAT " articles", articles);

  /* Every article has a topic, and every topic's count is right. */
  FUZZ_CHECK (query_int (db, "SELECT count(*) FROM articles a WHERE NOT EXISTS"
                             " (SELECT 1 FROM article_topics t WHERE t.article = a.rid)") == 0,
              "an article has no topic");
  FUZZ_CHECK (query_int (db, "SELECT count(*) FROM topics t WHERE article_count !="
                             " (SELECT count(*) FROM article_topics a WHERE a.topic = t.id)"
                             " OR article_count = 0") == 0,
              "a topic's article count is wrong");

  switch (status)
    {
    case MYELIN_IMPORT_STATUS_ADDED:
      FUZZ_CHECK (articles == myelin_import_report_get_added (report),
                  "%" G_GINT64_FORMAT " articles, %u added", articles, myelin_import_report_get_added (report));
      FUZZ_CHECK (query_int (db, "SELECT count(*) FROM bundles") == 1, "not one bundle");
      FUZZ_CHECK (myelin_import_report_get_refusal (report) == NULL, "added but refused");
      break;
    case MYELIN_IMPORT_STATUS_REFUSED:
      FUZZ_CHECK (articles == 0, "refused, yet %" G_GINT64_FORMAT " articles", articles);
      FUZZ_CHECK (query_int (db, "SELECT count(*) FROM bundles") == 0, "refused, yet a bundle");
      FUZZ_CHECK (myelin_import_report_get_errors (report)->len > 0, "refused without an error");
      break;
    case MYELIN_IMPORT_STATUS_VALID:
    case MYELIN_IMPORT_STATUS_UPDATED:
    case MYELIN_IMPORT_STATUS_UP_TO_DATE:
    default:
      FUZZ_CHECK (FALSE, "a first import into an empty library gave status %d", status);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (bundle_path);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(MyelinImportReport) report = NULL;
  g_autoptr(MyelinImportReport) again = NULL;
  g_autoptr(MyelinImportReport) strict_report = myelin_import_report_new ("bundle.json");
  g_autoptr(MyelinBundleData) strict = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  /* The parser alone, strictly, from memory. */
  strict = myelin_bundle_parse_bytes (bytes, folder, MYELIN_PARSE_FLAGS_STRICT, strict_report, NULL);
  FUZZ_CHECK ((strict == NULL) == (myelin_import_report_get_status (strict_report) == MYELIN_IMPORT_STATUS_REFUSED),
              "parse result and report disagree");

  /* The whole importer, from a file, into a fresh library. */
  write_file ("bundle.json", (const char *) data, size);
  store = myelin_store_open (":memory:", &error);
  FUZZ_CHECK (store != NULL, "%s", error->message);
  report = myelin_store_import_file (store, file, MYELIN_IMPORT_FLAGS_NONE, NULL, NULL, NULL);
  check_library (store, report);

  /* A bundle that passes strictly imports whole. */
  if (strict != NULL)
    {
      FUZZ_CHECK (myelin_import_report_get_status (report) == MYELIN_IMPORT_STATUS_ADDED,
                  "strictly valid but not added");
      FUZZ_CHECK (myelin_import_report_get_added (report) == strict->articles->len
                  && myelin_import_report_get_skipped (report) == 0,
                  "strictly valid, %u articles, yet %u added and %u skipped", strict->articles->len,
                  myelin_import_report_get_added (report), myelin_import_report_get_skipped (report));
    }

  /* The same bundle again changes nothing. */
  if (myelin_import_report_get_status (report) == MYELIN_IMPORT_STATUS_ADDED)
    {
      gint64 before = query_int (myelin_store_get_db (store), "SELECT total_changes ()");

      again = myelin_store_import_file (store, file, MYELIN_IMPORT_FLAGS_NONE, NULL, NULL, NULL);
      FUZZ_CHECK (myelin_import_report_get_status (again) == MYELIN_IMPORT_STATUS_UP_TO_DATE,
                  "the same bundle twice gave status %d", myelin_import_report_get_status (again));
      FUZZ_CHECK (query_int (myelin_store_get_db (store), "SELECT total_changes ()") == before,
                  "importing the same bundle again changed the library");
    }
  return 0;
}
