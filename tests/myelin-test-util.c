/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include <glib/gstdio.h>
#include <string.h>

#include "myelin-test-util.h"

char *
myelin_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("myelin-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
myelin_test_rmdir (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      if (path != NULL)
        g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      myelin_test_rmdir (child);
    }
  g_rmdir (path);
}

GFile *
myelin_test_write_file (const char *dir,
                        const char *name,
                        const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (folder, 0700);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

char *
myelin_test_article (const char *id,
                     const char *extra)
{
  return g_strdup_printf ("{"
                          "\"id\": \"%s\","
                          "\"title\": \"Article %s\","
                          "\"published\": \"2026-01-01\","
                          "\"credibility\": 3,"
                          "\"interest\": 4,"
                          "\"key_takeaway\": \"Takeaway of %s. More words.\","
                          "\"what_they_found\": \"Findings of %s.\","
                          "\"topics\": [\"Testing\"]"
                          "%s%s"
                          "}",
                          id, id, id, id,
                          extra && *extra ? ", " : "", extra ? extra : "");
}

char *
myelin_test_bundle (const char *bundle_id,
                    gint64      revision,
                    const char *articles)
{
  return g_strdup_printf ("{"
                          "\"format\": \"myelin-bundle\","
                          "\"format_version\": 1,"
                          "\"bundle\": {\"id\": \"%s\", \"title\": \"Bundle %s\", \"revision\": %" G_GINT64_FORMAT "},"
                          "\"articles\": [%s]"
                          "}",
                          bundle_id, bundle_id, revision, articles ? articles : "");
}

MyelinImportReport *
myelin_test_import_text (MyelinStore       *store,
                         const char        *dir,
                         const char        *json,
                         MyelinImportFlags  flags)
{
  g_autoptr(GFile) file = myelin_test_write_file (dir, "bundle.json", json);

  if (store == NULL)
    flags |= MYELIN_IMPORT_FLAGS_CHECK;
  return myelin_store_import_file (store, file, flags, NULL, NULL, NULL);
}

static MyelinProblem *
find_problem (GPtrArray  *problems,
              const char *pointer)
{
  for (guint i = 0; i < problems->len; i++)
    {
      MyelinProblem *problem = g_ptr_array_index (problems, i);
      if (g_str_equal (problem->pointer, pointer))
        return problem;
    }
  return NULL;
}

MyelinProblem *
myelin_test_find_error (MyelinImportReport *report,
                        const char         *pointer)
{
  return find_problem (myelin_import_report_get_errors (report), pointer);
}

MyelinProblem *
myelin_test_find_warning (MyelinImportReport *report,
                          const char         *pointer)
{
  return find_problem (myelin_import_report_get_warnings (report), pointer);
}

char *
myelin_test_ids (GPtrArray *articles)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < articles->len; i++)
    {
      MyelinArticle *article = g_ptr_array_index (articles, i);
      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s/%s", myelin_article_get_bundle_id (article), myelin_article_get_id (article));
    }
  return g_string_free (out, FALSE);
}

char *
myelin_test_snapshot (const char *path)
{
  static const char * const queries[] = {
    "SELECT id, title, revision, publisher, disclaimer, imported FROM bundles ORDER BY id",
    "SELECT bundle, id, hash, title, teaser, topics FROM articles ORDER BY bundle, id",
    "SELECT key, name, article_count FROM topics ORDER BY key",
    "SELECT t.key, a.bundle, a.id FROM article_topics x JOIN topics t ON t.id = x.topic"
    " JOIN articles a ON a.rid = x.article ORDER BY 1, 2, 3",
    "SELECT bundle, article, saved, read, note FROM reader_state ORDER BY 1, 2",
    "SELECT count(*) FROM articles_fts",
  };
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "∅");
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (out, "--\n");
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

void
myelin_test_library_open (MyelinTestLibrary *library)
{
  g_autoptr(GError) error = NULL;

  library->dir = myelin_test_mkdtemp ();
  library->path = g_build_filename (library->dir, "library.db", NULL);
  library->store = myelin_store_open (library->path, &error);
  g_assert_no_error (error);
}

void
myelin_test_library_close (MyelinTestLibrary *library)
{
  g_clear_object (&library->store);
  g_chmod (library->dir, 0700);
  myelin_test_rmdir (library->dir);
  g_clear_pointer (&library->dir, g_free);
  g_clear_pointer (&library->path, g_free);
}
