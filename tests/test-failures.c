/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the disk or the file fails: a full disk, a read-only library and a
 * damaged file each give a clear error, change nothing (or keep the damaged
 * file aside), and leave the store usable.
 */
#define G_LOG_DOMAIN "myelin-test-failures"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "myelin-error.h"
#include "myelin-test-util.h"

typedef MyelinTestLibrary Fixture;

/* A library with bundle "org.example.lib" revision 1 (articles a1…a40) and
 * some of the reader's data. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) articles = g_string_new (NULL);
  g_autofree char *bundle = NULL;
  g_autoptr(MyelinImportReport) report = NULL;

  myelin_test_library_open (f);

  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *article = myelin_test_article (id, NULL);

      g_string_append_printf (articles, "%s%s", i > 1 ? ", " : "", article);
    }
  bundle = myelin_test_bundle ("org.example.lib", 1, articles->str);
  report = myelin_test_import_text (f->store, f->dir, bundle, MYELIN_IMPORT_FLAGS_NONE);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  g_assert_true (myelin_store_set_saved (f->store, "org.example.lib", "a1", TRUE, &error));
  g_assert_true (myelin_store_set_note (f->store, "org.example.lib", "a2", "Ask the neurologist.", &error));
  g_assert_true (myelin_store_set_read (f->store, "org.example.lib", "a3", TRUE, &error));
  g_assert_no_error (error);
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

/* For a library on a read-only mount, where SQLite cannot make the -shm
 * a WAL library needs: nothing can change the file there. */
static char *
snapshot_immutable (const char *path)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", path);

  return myelin_test_snapshot (uri);
}

/* Revision 2 with enough text to need many new pages. */
static char *
large_revision (void)
{
  g_autoptr(GString) articles = g_string_new (NULL);
  g_autofree char *body = NULL;
  GString *text = g_string_new (NULL);

  for (guint w = 0; w < 2000; w++)
    g_string_append (text, "findings ");
  body = g_string_free (text, FALSE);
  for (guint i = 1; i <= 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *extra = g_strdup_printf ("\"what_they_found\": \"%s\"", body);
      g_autofree char *article = myelin_test_article (id, extra);

      g_string_append_printf (articles, "%s%s", i > 1 ? ", " : "", article);
    }
  return myelin_test_bundle ("org.example.lib", 2, articles->str);
}

static char *
run_ctl (int        *status,
         char      **err,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("MYELINCTL"));
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  g_test_message ("myelinctl exited %d\nstdout: %s\nstderr: %s", *status, out, *err);
  return out;
}

/* --- A full disk ---------------------------------------------------------- */

static void
test_full_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = snapshot (f->path);
  g_autofree char *after = NULL;
  g_autofree char *large = large_revision ();
  g_autoptr(MyelinImportReport) report = NULL;
  g_autoptr(MyelinImportReport) again = NULL;
  const GError *refusal;
  guint64 cap;

  /* The library may not grow past its present size. */
  cap = myelin_store_set_max_size (f->store, 1);
  g_assert_cmpuint (cap, >, 0);

  report = myelin_test_import_text (f->store, f->dir, large, MYELIN_IMPORT_FLAGS_NONE);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_REFUSED);
  refusal = myelin_import_report_get_refusal (report);
  g_assert_error (refusal, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (refusal->message, "disk is full"));
  g_assert_nonnull (strstr (refusal->message, "not changed"));
  after = snapshot (f->path);
  g_assert_cmpstr (after, ==, before);

  /* The same connection goes on working once there is room. */
  myelin_store_set_max_size (f->store, 0);
  again = myelin_test_import_text (f->store, f->dir, large, MYELIN_IMPORT_FLAGS_NONE);
  g_assert_cmpint (myelin_import_report_get_status (again), ==, MYELIN_IMPORT_STATUS_UPDATED);
}

static void
test_full_save (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (f->path);
  g_autofree char *after = NULL;
  g_autofree char *long_note = g_strnfill (300000, 'n');

  myelin_store_set_max_size (f->store, 1);
  g_assert_false (myelin_store_set_note (f->store, "org.example.lib", "a4", long_note, &error));
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  after = snapshot (f->path);
  g_assert_cmpstr (after, ==, before);

  g_clear_error (&error);
  myelin_store_set_max_size (f->store, 0);
  g_assert_true (myelin_store_set_note (f->store, "org.example.lib", "a4", long_note, &error));
  g_assert_no_error (error);
}

static gboolean
run_quietly (const char *command_line)
{
  int status = -1;

  return g_spawn_command_line_sync (command_line, NULL, NULL, &status, NULL) && g_spawn_check_wait_status (status, NULL);
}

/* A real full disk: a 1 MiB tmpfs, through myelinctl. Needs root to mount. */
static void
test_full_tmpfs (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *mnt = g_build_filename (f->dir, "small-disk", NULL);
  g_autofree char *library = g_build_filename (mnt, "library.db", NULL);
  g_autofree char *mount = NULL;
  g_autofree char *umount = NULL;
  g_autofree char *large = large_revision ();
  g_autoptr(GFile) bundle = myelin_test_write_file (f->dir, "large.json", large);
  g_autofree char *bundle_path = g_file_get_path (bundle);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  int status;

  if (geteuid () != 0)
    {
      g_test_skip ("Mounting a small tmpfs needs root; /reliability/full/import covers a full library without it");
      return;
    }
  g_mkdir (mnt, 0700);
  mount = g_strdup_printf ("mount -t tmpfs -o size=1m tmpfs %s", mnt);
  if (!run_quietly (mount))
    {
      g_test_skip ("This system does not let the test mount a tmpfs");
      return;
    }
  umount = g_strdup_printf ("umount %s", mnt);

  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (library, contents, length, NULL));
  before = snapshot (library);

  out = run_ctl (&status, &err, "--library", library, "import", bundle_path, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "disk is full"));
  after = snapshot (library);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (run_quietly (umount));
}

/* --- A read-only library ------------------------------------------------- */

static void
assert_read_only_refuses (MyelinStore *store,
                          const char  *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *large = large_revision ();
  g_autoptr(MyelinImportReport) report = NULL;
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  const GError *refusal;

  g_assert_true (myelin_store_is_read_only (store));

  /* Reading works. */
  g_assert_cmpuint (myelin_store_count_articles (store, query, &error), ==, 40);
  g_assert_no_error (error);

  report = myelin_test_import_text (store, dir, large, MYELIN_IMPORT_FLAGS_NONE);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_REFUSED);
  refusal = myelin_import_report_get_refusal (report);
  g_assert_error (refusal, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (refusal->message, "read-only"));

  g_assert_false (myelin_store_set_saved (store, "org.example.lib", "a5", TRUE, &error));
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_false (myelin_store_set_note (store, "org.example.lib", "a2", "changed", &error));
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_READ_ONLY);
}

/* Opened read-only on purpose: works as root too. */
static void
test_read_only_explicit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_clear_object (&f->store);
  before = snapshot (f->path);
  store = myelin_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  assert_read_only_refuses (store, f->dir);
  g_clear_object (&store);
  after = snapshot (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* A library that cannot be written is opened read-only by
 * myelin_store_open(), and myelinctl says why it refuses. Root writes
 * through chmod, so as root the folder is bind-mounted read-only. */
static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = NULL;
  g_autofree char *ro_dir = g_build_filename (f->dir, "ro", NULL);
  g_autofree char *library = g_build_filename (ro_dir, "library.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *umount = NULL;
  g_autofree char *large = large_revision ();
  g_autoptr(GFile) bundle = myelin_test_write_file (f->dir, "large.json", large);
  g_autofree char *bundle_path = g_file_get_path (bundle);
  g_autofree char *shm = NULL;
  int status;

  g_clear_object (&f->store);
  g_mkdir (ro_dir, 0700);
  if (geteuid () == 0)
    {
      g_autofree char *source = g_build_filename (f->dir, "rw", NULL);
      g_autofree char *bind = g_strdup_printf ("mount --bind %s %s", source, ro_dir);
      g_autofree char *remount = g_strdup_printf ("mount -o remount,bind,ro %s", ro_dir);
      g_autofree char *inside = g_build_filename (source, "library.db", NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_mkdir (source, 0700);
      g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (inside, contents, length, NULL));
      if (!run_quietly (bind))
        {
          g_test_skip ("As root, only a read-only mount stops writes, and this system does not let the test mount");
          return;
        }
      umount = g_strdup_printf ("umount %s", ro_dir);
      if (!run_quietly (remount))
        {
          run_quietly (umount);
          g_test_skip ("This system does not let the test remount read-only");
          return;
        }
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (library, contents, length, NULL));
      g_chmod (library, 0444);
      g_chmod (ro_dir, 0555);
    }

  before = snapshot_immutable (library);
  store = myelin_store_open (library, &error);
  g_assert_no_error (error);
  assert_read_only_refuses (store, f->dir);
  g_clear_object (&store);

  out = run_ctl (&status, &err, "--library", library, "import", bundle_path, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "read-only"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_ctl (&status, &err, "--library", library, "save", "org.example.lib/a9", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "read-only"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Reading still works. */
  out = run_ctl (&status, &err, "--library", library, "saved", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "org.example.lib/a1"));

  after = snapshot_immutable (library);
  g_assert_cmpstr (after, ==, before);
  shm = g_strconcat (library, "-shm", NULL);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  if (umount != NULL)
    g_assert_true (run_quietly (umount));
  else
    g_chmod (ro_dir, 0700);
}

/* --- A damaged library ------------------------------------------------- */

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Overwrites page @page (from 1) of @path with garbage. */
static void
damage_page (const char *path,
             gint64      page,
             gint64      page_size)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint ((page - 1) * page_size + 200, <=, (gint64) length);
  memset (contents + (page - 1) * page_size + 8, 0xa5, 200);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

/* Closes the fixture's store with everything in the main file. */
static gint64
close_library (Fixture *f)
{
  g_clear_object (&f->store);
  return query_int (f->path, "PRAGMA page_size");
}

static void
assert_same_file (const char *a,
                  const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  gsize lx, ly;

  g_assert_true (g_file_get_contents (a, &x, &lx, NULL));
  g_assert_true (g_file_get_contents (b, &y, &ly, NULL));
  g_assert_cmpmem (x, lx, y, ly);
}

static void
test_damaged_header (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(MyelinStore) fresh = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "as-damaged.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint salvaged = 99;

  close_library (f);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  memset (contents, 'x', 100);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));

  store = myelin_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  /* Detection changes nothing. */
  assert_same_file (f->path, copy);
  g_clear_error (&error);

  fresh = myelin_store_start_fresh (f->path, &kept, &salvaged, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fresh);
  g_assert_cmpuint (salvaged, ==, 0);
  g_assert_true (g_str_has_prefix (kept, f->path));
  g_assert_true (g_regex_match_simple ("\\.damaged-[0-9]{8}-[0-9]{6}$", kept, 0, 0));
  assert_same_file (kept, copy);
}

/* Damage in the reader's data is found on open; the rows on the other
 * pages are salvaged. */
static void
test_damaged_reader_data (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(MyelinStore) fresh = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "as-damaged.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *note = g_strnfill (300, 'w');
  gsize length;
  gint64 page_size, leaves, page;
  guint salvaged = 0;

  /* 600 notes of 300 characters fill many pages. */
  for (guint i = 1; i <= 600; i++)
    {
      g_autofree char *id = g_strdup_printf ("gone-%04u", i);

      g_assert_true (myelin_store_set_note (f->store, "org.example.lib", id, note, &error));
    }
  page_size = close_library (f);
  leaves = query_int (f->path, "SELECT count(*) FROM dbstat WHERE name = 'reader_state' AND pagetype = 'leaf'");
  g_assert_cmpint (leaves, >, 10);
  page = query_int (f->path, "SELECT pageno FROM dbstat WHERE name = 'reader_state' AND pagetype = 'leaf'"
                             " ORDER BY path LIMIT 1 OFFSET 5");
  damage_page (f->path, page, page_size);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));

  store = myelin_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  fresh = myelin_store_start_fresh (f->path, &kept, &salvaged, &error);
  g_assert_no_error (error);
  assert_same_file (kept, copy);
  g_test_message ("salvaged %u of 603 rows", salvaged);
  g_assert_cmpuint (salvaged, >, 500);
  g_assert_cmpuint (salvaged, <, 603);
  g_assert_true (myelin_store_check (fresh, &error));
  /* The saved article and the note, on the first pages, came back. */
  saved = myelin_store_list_saved (fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->len, ==, 1);
  g_assert_cmpstr (myelin_saved_article_get_id (g_ptr_array_index (saved, 0)), ==, "a1");
}

/* Damage outside the reader's data: open succeeds (a full check is too
 * slow for every start), reading fails with CORRUPT, and `myelinctl`
 * says so, repairs and salvages everything the reader had, from the
 * file and from its -wal. */
static void
test_damaged_cli (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GPtrArray) articles = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_wal = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gint64 page_size, page;
  int status;

  page_size = close_library (f);
  /* A healthy library is never moved. */
  out = run_ctl (&status, &err, "--library", f->path, "repair", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "healthy"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  page = query_int (f->path, "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' LIMIT 1");
  damage_page (f->path, page, page_size);

  /* One more note, left in the -wal by a connection that is still open. */
  store = myelin_store_open (f->path, &error);
  g_assert_no_error (error);
  articles = myelin_store_list_articles (store, query, &error);
  g_assert_null (articles);
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (myelin_store_set_note (store, "org.example.lib", "a40", "Only in the WAL.", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  out = run_ctl (&status, &err, "--library", f->path, "list", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "damaged"));
  g_assert_nonnull (strstr (err, "myelinctl repair"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_ctl (&status, &err, "--library", f->path, "repair", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "kept as"));
  g_assert_nonnull (strstr (out, "4 saved articles"));
  g_clear_object (&store);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "library.db.damaged-") && !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      kept = g_build_filename (f->dir, name, NULL);
  g_assert_nonnull (kept);
  kept_wal = g_strconcat (kept, "-wal", NULL);
  g_assert_true (g_file_test (kept_wal, G_FILE_TEST_EXISTS));

  out = run_ctl (&status, &err, "--library", f->path, "saved", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "org.example.lib/a1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_ctl (&status, &err, "--library", f->path, "bundles", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM reader_state WHERE note = 'Only in the WAL.'"), ==, 1);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM reader_state WHERE note = 'Ask the neurologist.'"), ==, 1);
}

static void
test_damaged_truncated (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  close_library (f);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (f->path, contents, length / 2, NULL));

  /* Found on open, or by the full check: never taken for healthy. */
  store = myelin_store_open (f->path, &error);
  if (store != NULL)
    g_assert_false (myelin_store_check (store, &error));
  g_assert_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_CORRUPT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/reliability/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("full/import", test_full_import);
  ADD ("full/save", test_full_save);
  ADD ("full/tmpfs-cli", test_full_tmpfs);
  ADD ("read-only/explicit", test_read_only_explicit);
  ADD ("read-only/file", test_read_only_file);
  ADD ("damaged/header", test_damaged_header);
  ADD ("damaged/reader-data", test_damaged_reader_data);
  ADD ("damaged/cli-repair", test_damaged_cli);
  ADD ("damaged/truncated", test_damaged_truncated);
#undef ADD

  return g_test_run ();
}
