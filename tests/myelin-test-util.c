/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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
