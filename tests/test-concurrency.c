/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two `myelinctl import` processes and the reader's saves in this process,
 * all writing the same library at once, round after round: nothing is
 * lost, nothing is refused as busy, and the file stays healthy.
 */
#define G_LOG_DOMAIN "myelin-test-concurrency"

#include "config.h"

#include "myelin-error.h"
#include "myelin-test-util.h"

#define ROUNDS 4
#define N_ARTICLES 800

static char *
bundle_text (const char *bundle_id,
             guint       revision)
{
  g_autoptr(GString) articles = g_string_new (NULL);

  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u-%04u", revision, i);
      g_autofree char *article = myelin_test_article (id, "\"what_they_found\": \"Findings of a study, at length."
                                                          " Findings of a study, at length. Findings of a study.\"");

      g_string_append_printf (articles, "%s%s", i > 0 ? ", " : "", article);
    }
  return myelin_test_bundle (bundle_id, revision, articles->str);
}

static GSubprocess *
spawn_import (const char *library,
              const char *bundle)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                           g_getenv ("MYELINCTL"), "--library", library, "import", bundle, NULL);

  g_assert_no_error (error);
  return process;
}

static void
test_concurrency_two_imports_and_saves (void)
{
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *library = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = myelin_store_open (library, &error);
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GPtrArray) bundles = NULL;
  g_autofree char *reader_bundle = bundle_text ("org.example.reader", 1);
  g_autoptr(MyelinImportReport) report = NULL;
  guint saves = 0;

  g_assert_no_error (error);
  g_assert_nonnull (g_getenv ("MYELINCTL"));
  report = myelin_test_import_text (store, dir, reader_bundle, MYELIN_IMPORT_FLAGS_NONE);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);

  for (guint round = 1; round <= ROUNDS; round++)
    {
      g_autofree char *p_text = bundle_text ("org.example.p", round);
      g_autofree char *q_text = bundle_text ("org.example.q", round);
      g_autofree char *p_name = g_strdup_printf ("p%u.json", round);
      g_autofree char *q_name = g_strdup_printf ("q%u.json", round);
      g_autoptr(GFile) p_file = myelin_test_write_file (dir, p_name, p_text);
      g_autoptr(GFile) q_file = myelin_test_write_file (dir, q_name, q_text);
      g_autofree char *p_path = g_file_get_path (p_file);
      g_autofree char *q_path = g_file_get_path (q_file);
      g_autoptr(GSubprocess) p = spawn_import (library, p_path);
      g_autoptr(GSubprocess) q = spawn_import (library, q_path);
      g_autofree char *p_err = NULL;
      g_autofree char *q_err = NULL;

      /* The reader saves and writes notes while both imports run. */
      for (guint i = 0; i < 40; i++)
        {
          g_autofree char *id = g_strdup_printf ("r1-%04u", (round - 1) * 40 + i);
          g_autofree char *note = g_strdup_printf ("Round %u, note %u.", round, i);

          g_assert_true (myelin_store_set_saved (store, "org.example.reader", id, TRUE, &error));
          g_assert_no_error (error);
          g_assert_true (myelin_store_set_note (store, "org.example.reader", id, note, &error));
          g_assert_no_error (error);
          saves++;
        }

      g_subprocess_communicate_utf8 (p, NULL, NULL, NULL, &p_err, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (q, NULL, NULL, NULL, &q_err, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (p_err, ==, "");
      g_assert_cmpstr (q_err, ==, "");
      g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
      g_assert_cmpint (g_subprocess_get_exit_status (q), ==, 0);
    }

  /* Both bundles at the last revision, whole; every save and note there. */
  bundles = myelin_store_list_bundles (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bundles->len, ==, 3);
  for (guint i = 0; i < bundles->len; i++)
    {
      MyelinBundleInfo *info = g_ptr_array_index (bundles, i);

      g_assert_cmpuint (myelin_bundle_info_get_articles (info), ==, N_ARTICLES);
      if (!g_str_equal (myelin_bundle_info_get_id (info), "org.example.reader"))
        g_assert_cmpint (myelin_bundle_info_get_revision (info), ==, ROUNDS);
    }
  saved = myelin_store_list_saved (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, saves);
  for (guint i = 0; i < saved->len; i++)
    g_assert_true (g_str_has_prefix (myelin_saved_article_get_note (g_ptr_array_index (saved, i)), "Round "));
  g_assert_true (myelin_store_check (store, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  myelin_test_rmdir (dir);
}

/* --- Threads sharing one connection ---------------------------------------- */

typedef struct
{
  MyelinStore *store;
  guint        thread;
  GError      *error;
} SharedJob;

/* Marks read and lists the saved articles, over and over: each job a
 * transaction of its own, on the one connection all threads share. */
static gpointer
shared_job (gpointer data)
{
  SharedJob *job = data;

  for (guint round = 0; round < 200 && job->error == NULL; round++)
    {
      g_autoptr(GPtrArray) saved = NULL;
      g_autofree char *id = g_strdup_printf ("a%u", (job->thread + round) % 20);

      myelin_store_hold (job->store);
      if (myelin_store_set_read (job->store, "org.example.shared", id, round % 2 == 0, &job->error))
        saved = myelin_store_list_saved (job->store, &job->error);
      myelin_store_release (job->store);
    }
  return NULL;
}

/* The window's refresh and its article page both work in threads on one
 * reading connection. Held for each job, they never meet inside one
 * transaction ("cannot start a transaction within a transaction", which
 * the window once showed when a read mark and a refresh ran together). */
static void
test_concurrency_threads_share_a_connection (void)
{
  MyelinTestLibrary library;
  MyelinStore *store;
  g_autoptr(GString) articles = g_string_new (NULL);
  g_autofree char *bundle = NULL;
  g_autoptr(MyelinImportReport) report = NULL;
  SharedJob jobs[4];
  GThread *threads[G_N_ELEMENTS (jobs)];

  myelin_test_library_open (&library);
  store = library.store;
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *article = myelin_test_article (id, NULL);

      g_string_append_printf (articles, "%s%s", i > 0 ? ", " : "", article);
    }
  bundle = myelin_test_bundle ("org.example.shared", 1, articles->str);
  report = myelin_test_import_text (store, library.dir, bundle, MYELIN_IMPORT_FLAGS_NONE);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  g_assert_true (myelin_store_set_saved (store, "org.example.shared", "a1", TRUE, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      jobs[i] = (SharedJob) { .store = store, .thread = i, .error = NULL };
      threads[i] = g_thread_new ("shared-job", shared_job, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (jobs[i].error);
    }
  myelin_test_library_close (&library);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/reliability/concurrency/two-imports-and-saves", test_concurrency_two_imports_and_saves);
  g_test_add_func ("/reliability/concurrency/threads-share-a-connection", test_concurrency_threads_share_a_connection);

  return g_test_run ();
}
