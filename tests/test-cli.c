/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real myelinctl binary ($MYELINCTL) as a subprocess: every
 * command, every exit status, and the `--json` output of docs/cli-json.md,
 * parsed with json-glib and checked value by value.
 */
#define G_LOG_DOMAIN "myelin-test-cli"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "myelin-test-util.h"

typedef struct
{
  char *dir;
  char *library;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = myelin_test_mkdtemp ();
  f->library = g_build_filename (f->dir, "lib.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  myelin_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->library);
}

/* Runs myelinctl with @argv (NULL-terminated) in @launcher's environment. */
static Run *
run_argv (GSubprocessLauncher *launcher,
          const char * const  *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *ctl = g_getenv ("MYELINCTL");
  Run *run = g_new0 (Run, 1);

  g_assert_nonnull (ctl);
  g_ptr_array_add (args, (gpointer) ctl);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("myelinctl exited %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
  return run;
}

/* myelinctl --library DIR/lib.db ARGS… */
/* myelinctl --library LIBRARY @args… (@args ends with NULL). */
static Run *
ctl_argv (Fixture            *f,
          const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_ptr_array_add (argv, (gpointer) "--library");
  g_ptr_array_add (argv, f->library);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return run_argv (launcher, (const char * const *) argv->pdata);
}

/* Appends the arguments from @first to the terminating NULL. */
static void
add_args (GPtrArray  *args,
          const char *first,
          va_list     ap)
{
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);
}

static Run *
ctl (Fixture    *f,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  add_args (args, first, ap);
  va_end (ap);
  return ctl_argv (f, (const char * const *) args->pdata);
}

/* myelinctl ARGS… without --library, with a private home and data dir. */
static Run *
ctl_default (Fixture    *f,
             const char *first,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *home = g_build_filename (f->dir, "home", NULL);
  g_autofree char *data = g_build_filename (f->dir, "data", NULL);
  va_list ap;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  va_start (ap, first);
  add_args (args, first, ap);
  va_end (ap);
  return run_argv (launcher, (const char * const *) args->pdata);
}

/* Writes @text to DIR/@name and returns its path. */
static char *
write_bundle (Fixture    *f,
              const char *name,
              const char *text)
{
  g_autoptr(GFile) file = myelin_test_write_file (f->dir, name, text);

  return g_file_get_path (file);
}

static char *
bundle_path (Fixture    *f,
             const char *name,
             const char *bundle_id,
             gint64      revision,
             const char *articles)
{
  g_autofree char *text = myelin_test_bundle (bundle_id, revision, articles);

  return write_bundle (f, name, text);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
json_array_of (JsonNode *node)
{
  g_assert_cmpint (json_node_get_node_type (node), ==, JSON_NODE_ARRAY);
  return json_node_get_array (node);
}

static JsonObject *
json_object_of (JsonNode *node)
{
  g_assert_cmpint (json_node_get_node_type (node), ==, JSON_NODE_OBJECT);
  return json_node_get_object (node);
}

/* The member @key of @object; a missing one fails the test. */
static JsonNode *
member (JsonObject *object,
        const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    g_error ("JSON object has no \"%s\" member", key);
  return node;
}

static void
assert_value_type (JsonObject *object,
                   const char *key,
                   GType       type)
{
  JsonNode *node = member (object, key);

  g_assert_cmpint (json_node_get_node_type (node), ==, JSON_NODE_VALUE);
  g_assert_cmpstr (g_type_name (json_node_get_value_type (node)), ==, g_type_name (type));
}

static void
assert_node_type (JsonObject   *object,
                  const char   *key,
                  JsonNodeType  type)
{
  g_assert_cmpint (json_node_get_node_type (member (object, key)), ==, type);
}

static const char *
str (JsonObject *object,
     const char *key)
{
  assert_value_type (object, key, G_TYPE_STRING);
  return json_object_get_string_member (object, key);
}

static gint64
num (JsonObject *object,
     const char *key)
{
  assert_value_type (object, key, G_TYPE_INT64);
  return json_object_get_int_member (object, key);
}

static gboolean
boolean (JsonObject *object,
         const char *key)
{
  assert_value_type (object, key, G_TYPE_BOOLEAN);
  return json_object_get_boolean_member (object, key);
}

static void
assert_null (JsonObject *object,
             const char *key)
{
  assert_node_type (object, key, JSON_NODE_NULL);
}

/* "id id id" of an array of article objects, in order. */
static char *
article_ids (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, str (json_array_get_object_element (array, i), "id"));
  ids = g_strv_builder_end (builder);
  return g_strjoinv (" ", ids);
}

static char *
list_ids (Fixture    *f,
          const char *first,
          ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(Run) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "list");
  g_ptr_array_add (args, (gpointer) "--json");
  va_start (ap, first);
  add_args (args, first, ap);
  va_end (ap);

  run = ctl_argv (f, (const char * const *) args->pdata);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  root = parse_json (run->out);
  return article_ids (json_array_of (root));
}

/* The import of @path, which must exit with @status. */
static void
import_expect (Fixture    *f,
               const char *path,
               int         status)
{
  g_autoptr(Run) run = ctl (f, "import", path, NULL);

  g_assert_cmpint (run->status, ==, status);
}

static JsonNode *
bundles_json (Fixture *f)
{
  g_autoptr(Run) run = ctl (f, "bundles", "--json", NULL);

  g_assert_cmpint (run->status, ==, 0);
  return parse_json (run->out);
}

static void
assert_usage_error (Run *run)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpstr (run->err, !=, "");
}

/* --- import --------------------------------------------------------------- */

static void
test_import_added_then_up_to_date (Fixture       *f,
                                   gconstpointer  data)
{
  const char *sample = g_getenv ("MYELIN_SAMPLE_BUNDLE");
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;

  g_assert_nonnull (sample);
  first = ctl (f, "import", sample, NULL);
  g_assert_cmpint (first->status, ==, 0);
  g_assert_nonnull (strstr (first->out, "added 26"));
  g_assert_true (g_file_test (f->library, G_FILE_TEST_EXISTS));

  again = ctl (f, "import", sample, NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_nonnull (strstr (again->out, "up to date"));

  json = ctl (f, "import", "--json", sample, NULL);
  g_assert_cmpint (json->status, ==, 0);
  root = parse_json (json->out);
  report = json_object_of (root);
  g_assert_cmpstr (str (report, "status"), ==, "up-to-date");
  g_assert_cmpstr (str (report, "bundle"), ==, "io.github.myelinreader.sample");
  g_assert_cmpstr (str (report, "title"), ==, "MS Research Digest");
  g_assert_cmpint (num (report, "revision_before"), ==, 1);
  g_assert_cmpint (num (report, "revision_after"), ==, 1);
  g_assert_cmpint (num (report, "added"), ==, 0);
  g_assert_cmpint (num (report, "skipped"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (member (report, "errors"))), ==, 0);
}

static void
test_import_report_json (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", NULL);
  g_autofree char *b = myelin_test_article ("b", NULL);
  g_autofree char *c = myelin_test_article ("c", NULL);
  g_autofree char *b2 = myelin_test_article ("b", "\"title\": \"B, new words\"");
  g_autofree char *d = myelin_test_article ("d", NULL);
  g_autofree char *rev1 = g_strjoin (",", a, b, c, NULL);
  g_autofree char *rev2 = g_strjoin (",", a, b2, d, NULL);
  g_autofree char *path1 = bundle_path (f, "r1.json", "t.report", 1, rev1);
  g_autofree char *path2 = bundle_path (f, "r2.json", "t.report", 2, rev2);
  g_autoptr(Run) run1 = ctl (f, "import", "--json", path1, NULL);
  g_autoptr(Run) run2 = ctl (f, "import", "--json", path2, NULL);
  g_autoptr(JsonNode) root1 = parse_json (run1->out);
  g_autoptr(JsonNode) root2 = parse_json (run2->out);
  JsonObject *report;
  static const char * const keys[] = {
    "file", "status", "bundle", "title", "revision_before", "revision_after",
    "added", "updated", "removed", "unchanged", "skipped", "errors", "warnings",
  };

  g_assert_cmpint (run1->status, ==, 0);
  report = json_object_of (root1);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (report, keys[i]));
  g_assert_cmpstr (str (report, "file"), ==, path1);
  g_assert_cmpstr (str (report, "status"), ==, "added");
  g_assert_cmpstr (str (report, "bundle"), ==, "t.report");
  g_assert_cmpstr (str (report, "title"), ==, "Bundle t.report");
  assert_null (report, "revision_before");
  g_assert_cmpint (num (report, "revision_after"), ==, 1);
  g_assert_cmpint (num (report, "added"), ==, 3);
  g_assert_cmpint (num (report, "updated"), ==, 0);
  g_assert_cmpint (num (report, "removed"), ==, 0);
  g_assert_cmpint (num (report, "unchanged"), ==, 0);
  g_assert_cmpint (num (report, "skipped"), ==, 0);
  assert_node_type (report, "errors", JSON_NODE_ARRAY);
  assert_node_type (report, "warnings", JSON_NODE_ARRAY);

  g_assert_cmpint (run2->status, ==, 0);
  report = json_object_of (root2);
  g_assert_cmpstr (str (report, "status"), ==, "updated");
  g_assert_cmpint (num (report, "revision_before"), ==, 1);
  g_assert_cmpint (num (report, "revision_after"), ==, 2);
  g_assert_cmpint (num (report, "added"), ==, 1);
  g_assert_cmpint (num (report, "updated"), ==, 1);
  g_assert_cmpint (num (report, "removed"), ==, 1);
  g_assert_cmpint (num (report, "unchanged"), ==, 1);
  g_assert_cmpint (num (report, "skipped"), ==, 0);
}

static void
test_import_skipped (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *good = myelin_test_article ("good", NULL);
  g_autofree char *bad = myelin_test_article ("bad", "\"credibility\": 9");
  g_autofree char *articles = g_strdup_printf ("\n%s,\n%s\n", good, bad);
  g_autofree char *path = bundle_path (f, "skip.json", "t.skip", 1, articles);
  g_autofree char *place = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *ids = NULL;
  JsonObject *report, *problem;
  const char *at = g_strrstr (bad, "\"credibility\": 9");
  guint column = (guint) (at - bad) + strlen ("\"credibility\": ") + 1;

  /* The bad article is the whole of line 3. */
  run = ctl (f, "import", path, NULL);
  g_assert_cmpint (run->status, ==, 3);
  place = g_strdup_printf ("%s:3:%u", path, column);
  g_assert_nonnull (strstr (run->err, place));
  g_assert_nonnull (strstr (run->err, "/articles/1/credibility"));
  g_assert_nonnull (strstr (run->err, "“bad”"));
  g_assert_null (strstr (run->out, "credibility"));

  ids = list_ids (f, NULL);
  g_assert_cmpstr (ids, ==, "good");

  /* The same report as JSON, from check so that nothing changes. */
  json = ctl (f, "check", "--json", path, NULL);
  g_assert_cmpint (json->status, ==, 3);
  root = parse_json (json->out);
  report = json_object_of (root);
  g_assert_cmpint (num (report, "skipped"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (member (report, "errors"))), ==, 1);
  problem = json_array_get_object_element (json_node_get_array (member (report, "errors")), 0);
  g_assert_cmpstr (str (problem, "pointer"), ==, "/articles/1/credibility");
  g_assert_cmpint (num (problem, "line"), ==, 3);
  g_assert_cmpint (num (problem, "column"), ==, column);
  g_assert_cmpint (num (problem, "article"), ==, 1);
  g_assert_cmpstr (str (problem, "article_id"), ==, "bad");
  g_assert_nonnull (strstr (str (problem, "message"), "credibility"));
}

static void
test_import_syntax_error (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = write_bundle (f, "syntax.json",
                                        "{\n"
                                        "  \"format\": \"myelin-bundle\",\n"
                                        "  \"format_version\": 1\n"
                                        "  \"bundle\": {}\n"
                                        "}\n");
  g_autofree char *place = g_strdup_printf ("%s:4:3", path);
  g_autoptr(Run) run = ctl (f, "import", path, NULL);
  g_autoptr(Run) json = ctl (f, "import", "--json", path, NULL);
  g_autoptr(JsonNode) root = parse_json (json->out);
  g_autoptr(JsonNode) bundles = NULL;
  JsonObject *report, *problem;

  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, place));

  g_assert_cmpint (json->status, ==, 1);
  report = json_object_of (root);
  g_assert_cmpstr (str (report, "status"), ==, "refused");
  assert_null (report, "bundle");
  assert_null (report, "revision_after");
  problem = json_array_get_object_element (json_node_get_array (member (report, "errors")), 0);
  g_assert_cmpint (num (problem, "line"), ==, 4);
  g_assert_cmpint (num (problem, "column"), ==, 3);
  assert_null (problem, "article");
  assert_null (problem, "article_id");
  str (problem, "pointer");
  str (problem, "message");

  bundles = bundles_json (f);
  g_assert_cmpuint (json_array_get_length (json_array_of (bundles)), ==, 0);
}

static void
test_import_lower_revision (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", NULL);
  g_autofree char *b = myelin_test_article ("b", NULL);
  g_autofree char *two = g_strjoin (",", a, b, NULL);
  g_autofree char *newer = bundle_path (f, "rev5.json", "t.rev", 5, two);
  g_autofree char *older = bundle_path (f, "rev4.json", "t.rev", 4, a);
  g_autoptr(Run) run = NULL;
  g_autoptr(JsonNode) bundles = NULL;
  g_autofree char *ids = NULL;
  JsonObject *bundle;

  import_expect (f, newer, 0);
  run = ctl (f, "import", older, NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, older));
  g_assert_nonnull (strstr (run->err, "revision 4"));
  g_assert_nonnull (strstr (run->err, "revision 5"));

  bundles = bundles_json (f);
  g_assert_cmpuint (json_array_get_length (json_array_of (bundles)), ==, 1);
  bundle = json_array_get_object_element (json_array_of (bundles), 0);
  g_assert_cmpint (num (bundle, "revision"), ==, 5);
  g_assert_cmpint (num (bundle, "articles"), ==, 2);
  ids = list_ids (f, "--sort", "title", NULL);
  g_assert_cmpstr (ids, ==, "a b");
}

static void
test_import_strict (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *good = myelin_test_article ("good", NULL);
  g_autofree char *bad = myelin_test_article ("bad", "\"interest\": 0");
  g_autofree char *articles = g_strjoin (",", good, bad, NULL);
  g_autofree char *path = bundle_path (f, "strict.json", "t.strict", 1, articles);
  g_autoptr(Run) run = ctl (f, "import", "--strict", path, NULL);
  g_autoptr(Run) json = ctl (f, "import", "--strict", "--json", path, NULL);
  g_autoptr(JsonNode) root = parse_json (json->out);
  g_autoptr(JsonNode) bundles = bundles_json (f);
  g_autofree char *ids = list_ids (f, NULL);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_nonnull (strstr (run->err, "/articles/1/interest"));
  g_assert_cmpint (json->status, ==, 1);
  g_assert_cmpstr (str (json_object_of (root), "status"), ==, "refused");
  g_assert_cmpuint (json_array_get_length (json_array_of (bundles)), ==, 0);
  g_assert_cmpstr (ids, ==, "");
}

static void
test_import_several_files (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *good = myelin_test_article ("good", NULL);
  g_autofree char *bad = myelin_test_article ("bad", "\"published\": \"2026-02-30\"");
  g_autofree char *mixed = g_strjoin (",", good, bad, NULL);
  g_autofree char *ok1 = bundle_path (f, "ok1.json", "t.ok1", 1, good);
  g_autofree char *ok2 = bundle_path (f, "ok2.json", "t.ok2", 1, good);
  g_autofree char *ok3 = bundle_path (f, "ok3.json", "t.ok3", 1, good);
  g_autofree char *skip = bundle_path (f, "skip.json", "t.skip", 1, mixed);
  g_autofree char *broken = write_bundle (f, "broken.json", "{\"format\": ");
  g_autoptr(Run) zero = ctl (f, "import", ok1, ok2, NULL);
  g_autoptr(Run) three = ctl (f, "import", skip, ok3, NULL);
  g_autoptr(Run) one = ctl (f, "check", "--json", broken, skip, ok1, NULL);
  g_autoptr(JsonNode) root = parse_json (one->out);
  g_autoptr(JsonNode) bundles = bundles_json (f);
  JsonArray *reports;

  g_assert_cmpint (zero->status, ==, 0);
  g_assert_cmpint (three->status, ==, 3);
  g_assert_cmpint (one->status, ==, 1);

  /* Several files: an array of reports, in the order given. */
  reports = json_array_of (root);
  g_assert_cmpuint (json_array_get_length (reports), ==, 3);
  g_assert_cmpstr (str (json_array_get_object_element (reports, 0), "status"), ==, "refused");
  g_assert_cmpstr (str (json_array_get_object_element (reports, 0), "file"), ==, broken);
  g_assert_cmpstr (str (json_array_get_object_element (reports, 1), "status"), ==, "up-to-date");
  g_assert_cmpint (num (json_array_get_object_element (reports, 1), "skipped"), ==, 1);
  g_assert_cmpstr (str (json_array_get_object_element (reports, 2), "status"), ==, "up-to-date");

  /* The refused file did not stop the others. */
  g_assert_cmpuint (json_array_get_length (json_array_of (bundles)), ==, 4);
}

/* --- check ---------------------------------------------------------------- */

static void
test_check_valid (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", NULL);
  g_autofree char *path = bundle_path (f, "valid.json", "t.valid", 1, a);
  g_autoptr(Run) run = ctl (f, "check", "--json", path, NULL);
  g_autoptr(JsonNode) root = parse_json (run->out);
  g_autoptr(JsonNode) bundles = NULL;
  JsonObject *report = json_object_of (root);

  g_assert_cmpint (run->status, ==, 0);
  /* A --library that does not exist yet is not created by check. */
  g_assert_false (g_file_test (f->library, G_FILE_TEST_EXISTS));
  bundles = bundles_json (f);
  g_assert_cmpstr (str (report, "status"), ==, "valid");
  g_assert_cmpstr (str (report, "bundle"), ==, "t.valid");
  g_assert_cmpint (num (report, "revision_after"), ==, 1);
  g_assert_cmpint (num (report, "skipped"), ==, 0);
  /* check never imports, even with a library. */
  g_assert_cmpuint (json_array_get_length (json_array_of (bundles)), ==, 0);
}

static void
test_check_bad_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = write_bundle (f, "bad.json", "{\"format\": \"myelin-bundle\", \"format_version\": 1,\n \"bundle\": [], \"articles\": []}");
  g_autoptr(Run) run = ctl (f, "check", path, NULL);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, path));
  g_assert_nonnull (strstr (run->err, "/bundle"));
}

static void
test_check_unknown_key (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", "\"credibilty\": 3");
  g_autofree char *path = bundle_path (f, "typo.json", "t.typo", 1, a);
  g_autoptr(Run) run = ctl (f, "check", path, NULL);
  g_autoptr(Run) json = ctl (f, "check", "--json", path, NULL);
  g_autoptr(JsonNode) root = parse_json (json->out);
  JsonArray *warnings;
  JsonObject *warning;

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->err, "warning"));
  g_assert_nonnull (strstr (run->err, "credibilty"));

  g_assert_cmpint (json->status, ==, 0);
  warnings = json_node_get_array (member (json_object_of (root), "warnings"));
  g_assert_cmpuint (json_array_get_length (warnings), ==, 1);
  warning = json_array_get_object_element (warnings, 0);
  g_assert_cmpstr (str (warning, "pointer"), ==, "/articles/0/credibilty");
  g_assert_cmpint (num (warning, "line"), ==, 1);
  num (warning, "column");
  g_assert_cmpint (num (warning, "article"), ==, 0);
  g_assert_nonnull (strstr (str (warning, "message"), "credibilty"));
}

static void
test_check_no_library_created (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", NULL);
  g_autofree char *path = bundle_path (f, "valid.json", "t.valid", 1, a);
  g_autofree char *default_library = g_build_filename (f->dir, "data", "myelin", "library.db", NULL);
  g_autofree char *default_folder = g_build_filename (f->dir, "data", "myelin", NULL);
  g_autoptr(Run) run = ctl_default (f, "check", path, NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "valid"));
  g_assert_false (g_file_test (default_library, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (default_folder, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->library, G_FILE_TEST_EXISTS));
}

/* --- bundles -------------------------------------------------------------- */

static void
test_bundles_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", NULL);
  g_autofree char *bare = bundle_path (f, "bare.json", "t.bare", 3, a);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *sample, *plain;

  import_expect (f, g_getenv ("MYELIN_SAMPLE_BUNDLE"), 0);
  import_expect (f, bare, 0);
  root = bundles_json (f);
  array = json_array_of (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);

  /* Ordered by title: "Bundle t.bare" before "MS Research Digest". */
  plain = json_array_get_object_element (array, 0);
  sample = json_array_get_object_element (array, 1);

  g_assert_cmpstr (str (sample, "id"), ==, "io.github.myelinreader.sample");
  g_assert_cmpstr (str (sample, "title"), ==, "MS Research Digest");
  g_assert_cmpint (num (sample, "revision"), ==, 1);
  g_assert_cmpstr (str (sample, "publisher"), ==, "Myelin project (sample content)");
  g_assert_cmpstr (str (sample, "language"), ==, "en");
  g_assert_cmpint (num (sample, "articles"), ==, 26);
  g_assert_true (g_str_has_prefix (str (sample, "disclaimer"), "This is SAMPLE CONTENT"));
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T", str (sample, "imported"), 0, 0));

  /* A bundle without publisher prints null, and the default language. */
  g_assert_cmpstr (str (plain, "id"), ==, "t.bare");
  g_assert_cmpint (num (plain, "revision"), ==, 3);
  assert_null (plain, "publisher");
  assert_null (plain, "published");
  assert_null (plain, "homepage");
  assert_null (plain, "disclaimer");
  g_assert_cmpstr (str (plain, "language"), ==, "en");
  g_assert_cmpint (num (plain, "articles"), ==, 1);
  str (plain, "imported");
}

static void
test_bundles_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) root = bundles_json (f);

  g_assert_cmpuint (json_array_get_length (json_array_of (root)), ==, 0);
}

/* Reading a library that does not exist shows it empty and creates nothing. */
static void
test_read_missing_library (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(Run) list = ctl (f, "list", "--json", NULL);
  g_autoptr(Run) topics = ctl (f, "topics", NULL);
  g_autoptr(Run) show = ctl (f, "show", "a.b/c", NULL);
  g_autoptr(Run) remove = ctl (f, "remove", "a.b", NULL);
  g_autoptr(JsonNode) root = parse_json (list->out);

  g_assert_cmpint (list->status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_array_of (root)), ==, 0);
  g_assert_cmpint (topics->status, ==, 0);
  g_assert_cmpstr (topics->out, ==, "");
  g_assert_cmpint (show->status, ==, 1);
  g_assert_cmpint (remove->status, ==, 1);
  g_assert_false (g_file_test (f->library, G_FILE_TEST_EXISTS));
}

/* --- list, topics, related ------------------------------------------------ */

/* Three articles whose orders differ for every --sort. */
static void
import_list_bundle (Fixture *f)
{
  g_autofree char *alpha = myelin_test_article ("alpha",
                                                "\"title\": \"Zebra study\", \"published\": \"2026-01-01\","
                                                "\"credibility\": 5, \"interest\": 1, \"topics\": [\"Fatigue\", \"MRI\"],"
                                                "\"related\": [\"gamma\"]");
  g_autofree char *beta = myelin_test_article ("beta",
                                               "\"title\": \"apple trial\", \"published\": \"2026-03-01\","
                                               "\"credibility\": 2, \"interest\": 5, \"topics\": [\"Fatigue\"],"
                                               "\"teaser\": \"A short teaser.\"");
  g_autofree char *gamma = myelin_test_article ("gamma",
                                                "\"title\": \"Mango review\", \"published\": \"2026-02-01\","
                                                "\"credibility\": 3, \"interest\": 3, \"topics\": [\"mri\", \"Diet\"],"
                                                "\"key_takeaway\": \"A walrus swims. Then more.\"");
  g_autofree char *articles = g_strjoin (",", alpha, beta, gamma, NULL);
  g_autofree char *path = bundle_path (f, "list.json", "t.list", 1, articles);

  import_expect (f, path, 0);
}

static void
test_list_json (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *beta;

  import_list_bundle (f);
  run = ctl (f, "list", "--json", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  root = parse_json (run->out);
  array = json_array_of (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);

  beta = json_array_get_object_element (array, 0);
  g_assert_cmpstr (str (beta, "bundle"), ==, "t.list");
  g_assert_cmpstr (str (beta, "id"), ==, "beta");
  g_assert_cmpstr (str (beta, "title"), ==, "apple trial");
  g_assert_cmpstr (str (beta, "published"), ==, "2026-03-01");
  g_assert_cmpint (num (beta, "credibility"), ==, 2);
  g_assert_cmpint (num (beta, "interest"), ==, 5);
  assert_node_type (beta, "topics", JSON_NODE_ARRAY);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (beta, "topics")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (beta, "topics"), 0), ==, "Fatigue");
  g_assert_cmpstr (str (beta, "teaser"), ==, "A short teaser.");
  g_assert_false (boolean (beta, "saved"));
  g_assert_false (boolean (beta, "read"));
  g_assert_false (boolean (beta, "retracted"));
  g_assert_false (json_object_has_member (beta, "updated"));

  /* Without a teaser, the first sentence of the key takeaway. */
  g_assert_cmpstr (str (json_array_get_object_element (array, 1), "teaser"), ==, "A walrus swims.");
}

static void
test_list_sort (Fixture       *f,
                gconstpointer  data)
{
  static const struct { const char *sort; const char *ids; } cases[] = {
    { "newest", "beta gamma alpha" },
    { "credibility", "alpha gamma beta" },
    { "interest", "beta gamma alpha" },
    { "title", "beta gamma alpha" },
  };
  g_autofree char *by_default = NULL;

  import_list_bundle (f);
  by_default = list_ids (f, NULL);
  g_assert_cmpstr (by_default, ==, "beta gamma alpha");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = list_ids (f, "--sort", cases[i].sort, NULL);
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }
}

static void
test_list_sort_title_case (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *ids = NULL;
  g_autofree char *credibility = NULL;

  import_list_bundle (f);
  /* "apple" < "Mango" < "Zebra": title order ignores case. */
  ids = list_ids (f, "--sort=title", NULL);
  g_assert_cmpstr (ids, ==, "beta gamma alpha");
  credibility = list_ids (f, "--sort=credibility", "--limit", "1", NULL);
  g_assert_cmpstr (credibility, ==, "alpha");
}

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fatigue = NULL;
  g_autofree char *mri = NULL;
  g_autofree char *both = NULL;
  g_autofree char *none = NULL;
  g_autofree char *search = NULL;
  g_autofree char *page = NULL;
  g_autofree char *past_end = NULL;
  g_autofree char *limit = NULL;

  import_list_bundle (f);
  fatigue = list_ids (f, "--topic", "Fatigue", NULL);
  g_assert_cmpstr (fatigue, ==, "beta alpha");
  /* "MRI" and "mri" are one topic. */
  mri = list_ids (f, "--topic", "mri", NULL);
  g_assert_cmpstr (mri, ==, "gamma alpha");
  /* Repeated: all must match. */
  both = list_ids (f, "--topic", "Fatigue", "--topic", "MRI", NULL);
  g_assert_cmpstr (both, ==, "alpha");
  none = list_ids (f, "--topic", "Diet", "--topic", "Fatigue", NULL);
  g_assert_cmpstr (none, ==, "");

  search = list_ids (f, "--search", "walrus", NULL);
  g_assert_cmpstr (search, ==, "gamma");

  limit = list_ids (f, "--limit", "2", NULL);
  g_assert_cmpstr (limit, ==, "beta gamma");
  page = list_ids (f, "--limit", "1", "--offset", "1", NULL);
  g_assert_cmpstr (page, ==, "gamma");
  past_end = list_ids (f, "--offset", "5", NULL);
  g_assert_cmpstr (past_end, ==, "");
}

static void
test_list_saved_unread (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *saved = NULL;
  g_autofree char *unread = NULL;
  g_autofree char *both = NULL;
  g_autoptr(Run) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  import_list_bundle (f);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MyelinStore) store = myelin_store_open (f->library, &error);

    g_assert_no_error (error);
    g_assert_true (myelin_store_set_saved (store, "t.list", "beta", TRUE, &error));
    g_assert_true (myelin_store_set_saved (store, "t.list", "alpha", TRUE, &error));
    g_assert_true (myelin_store_set_read (store, "t.list", "alpha", TRUE, &error));
    g_assert_no_error (error);
  }

  saved = list_ids (f, "--saved", NULL);
  g_assert_cmpstr (saved, ==, "beta alpha");
  unread = list_ids (f, "--unread", NULL);
  g_assert_cmpstr (unread, ==, "beta gamma");
  both = list_ids (f, "--saved", "--unread", NULL);
  g_assert_cmpstr (both, ==, "beta");

  run = ctl (f, "list", "--json", "--sort", "title", NULL);
  root = parse_json (run->out);
  array = json_array_of (root);
  g_assert_true (boolean (json_array_get_object_element (array, 0), "saved"));
  g_assert_false (boolean (json_array_get_object_element (array, 0), "read"));
  g_assert_false (boolean (json_array_get_object_element (array, 1), "saved"));
  g_assert_true (boolean (json_array_get_object_element (array, 2), "saved"));
  g_assert_true (boolean (json_array_get_object_element (array, 2), "read"));
}

static void
test_list_text (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_auto(GStrv) lines = NULL;

  import_list_bundle (f);
  run = ctl (f, "list", NULL);
  g_assert_cmpint (run->status, ==, 0);
  lines = g_strsplit (run->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[0], "t.list/beta\t"));
}

static void
test_topics_json (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { const char *name; gint64 count; } expected[] = {
    { "Diet", 1 }, { "Fatigue", 2 }, { "MRI", 2 },
  };
  g_autoptr(Run) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  import_list_bundle (f);
  run = ctl (f, "topics", "--json", NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  array = json_array_of (root);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *topic = json_array_get_object_element (array, i);
      g_assert_cmpint (g_ascii_strcasecmp (str (topic, "name"), expected[i].name), ==, 0);
      g_assert_cmpint (num (topic, "count"), ==, expected[i].count);
    }
}

static void
test_related_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) missing = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *first;

  import_list_bundle (f);
  run = ctl (f, "related", "t.list/alpha", "--json", NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  array = json_array_of (root);
  g_assert_cmpuint (json_array_get_length (array), >=, 1);
  /* The bundle's own "related" come first; never the article itself. */
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (str (first, "id"), ==, "gamma");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *article = json_array_get_object_element (array, i);
      g_assert_cmpstr (str (article, "bundle"), ==, "t.list");
      g_assert_cmpstr (str (article, "id"), !=, "alpha");
      str (article, "title");
      str (article, "published");
      num (article, "credibility");
      num (article, "interest");
      assert_node_type (article, "topics", JSON_NODE_ARRAY);
      boolean (article, "saved");
      boolean (article, "read");
    }

  missing = ctl (f, "related", "t.list/nope", "--json", NULL);
  g_assert_cmpint (missing->status, ==, 1);
  g_assert_cmpstr (missing->out, ==, "");
  g_assert_nonnull (strstr (missing->err, "t.list/nope"));
}

/* --- show ------------------------------------------------------------------- */

#define MARKUP_TITLE "Caf\\u00e9 <b>&amp;</b> trial"
#define MARKUP_FOUND "First <a href=\\\"x\\\">line</a> &lt;\\n\\nSecond, na\\u00efve."

static void
test_show_json (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *full = myelin_test_article ("full",
                                               "\"title\": \"" MARKUP_TITLE "\","
                                               "\"updated\": \"2026-02-01\","
                                               "\"teaser\": \"Teaser <i>text</i>.\","
                                               "\"credibility\": 4, \"interest\": 2,"
                                               "\"key_takeaway\": \"Takeaway \\u2014 here.\","
                                               "\"what_they_found\": \"" MARKUP_FOUND "\","
                                               "\"who_should_care\": \"Carers.\","
                                               "\"important_considerations\": \"Small study.\","
                                               "\"topics\": [\"Fatigue\", \"Sleep\"],"
                                               "\"source\": {\"journal\": \"J\", \"title\": \"Paper\","
                                               "  \"authors\": [\"A One\", \"B Two\"], \"year\": 2024,"
                                               "  \"doi\": \"10.1234/abc.5\", \"url\": \"https://example.org/p\","
                                               "  \"design\": \"randomised controlled trial\","
                                               "  \"participants\": 120, \"studies\": 0},"
                                               "\"related\": [\"other\"],"
                                               "\"review\": {\"ai_generated\": true, \"reviewed_by\": \"Dr R\","
                                               "  \"reviewed\": \"2026-02-02\", \"next_review\": \"2027-02-02\"},"
                                               "\"retracted\": {\"date\": \"2026-03-01\", \"note\": \"Data <b>lost</b>.\","
                                               "  \"url\": \"https://example.org/r\"}");
  g_autofree char *other = myelin_test_article ("other", NULL);
  g_autofree char *articles = g_strjoin (",", full, other, NULL);
  g_autofree char *path = bundle_path (f, "show.json", "t.show", 1, articles);
  g_autoptr(Run) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *article, *source, *review, *retracted;
  JsonArray *authors;

  import_expect (f, path, 0);
  run = ctl (f, "show", "t.show/full", "--json", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  root = parse_json (run->out);
  article = json_object_of (root);

  g_assert_cmpstr (str (article, "bundle"), ==, "t.show");
  g_assert_cmpstr (str (article, "id"), ==, "full");
  /* Text exactly as stored: markup stays literal, non-ASCII and newlines kept. */
  g_assert_cmpstr (str (article, "title"), ==, "Café <b>&amp;</b> trial");
  g_assert_cmpstr (str (article, "what_they_found"), ==, "First <a href=\"x\">line</a> &lt;\n\nSecond, naïve.");
  g_assert_cmpstr (str (article, "teaser"), ==, "Teaser <i>text</i>.");
  g_assert_cmpstr (str (article, "key_takeaway"), ==, "Takeaway — here.");
  g_assert_cmpstr (str (article, "who_should_care"), ==, "Carers.");
  g_assert_cmpstr (str (article, "important_considerations"), ==, "Small study.");
  g_assert_cmpstr (str (article, "published"), ==, "2026-01-01");
  g_assert_cmpstr (str (article, "updated"), ==, "2026-02-01");
  g_assert_cmpint (num (article, "credibility"), ==, 4);
  g_assert_cmpint (num (article, "interest"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (article, "topics")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (article, "topics"), 1), ==, "Sleep");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (article, "related")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (article, "related"), 0), ==, "other");

  assert_node_type (article, "source", JSON_NODE_OBJECT);
  source = json_object_get_object_member (article, "source");
  g_assert_cmpstr (str (source, "journal"), ==, "J");
  g_assert_cmpstr (str (source, "title"), ==, "Paper");
  authors = json_object_get_array_member (source, "authors");
  g_assert_cmpuint (json_array_get_length (authors), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (authors, 0), ==, "A One");
  g_assert_cmpstr (json_array_get_string_element (authors, 1), ==, "B Two");
  g_assert_cmpint (num (source, "year"), ==, 2024);
  g_assert_cmpstr (str (source, "doi"), ==, "10.1234/abc.5");
  g_assert_cmpstr (str (source, "url"), ==, "https://example.org/p");
  g_assert_cmpstr (str (source, "design"), ==, "randomised controlled trial");
  g_assert_cmpint (num (source, "participants"), ==, 120);
  g_assert_cmpint (num (source, "studies"), ==, 0);

  assert_node_type (article, "review", JSON_NODE_OBJECT);
  review = json_object_get_object_member (article, "review");
  g_assert_true (boolean (review, "ai_generated"));
  g_assert_cmpstr (str (review, "reviewed_by"), ==, "Dr R");
  g_assert_cmpstr (str (review, "reviewed"), ==, "2026-02-02");
  g_assert_cmpstr (str (review, "next_review"), ==, "2027-02-02");

  assert_node_type (article, "retracted", JSON_NODE_OBJECT);
  retracted = json_object_get_object_member (article, "retracted");
  g_assert_cmpstr (str (retracted, "date"), ==, "2026-03-01");
  g_assert_cmpstr (str (retracted, "note"), ==, "Data <b>lost</b>.");
  g_assert_cmpstr (str (retracted, "url"), ==, "https://example.org/r");

  g_assert_false (boolean (article, "saved"));
  g_assert_false (boolean (article, "read"));
  assert_null (article, "note");
  /* Bookkeeping stays inside. */
  g_assert_false (json_object_has_member (article, "rowid"));
  g_assert_false (json_object_has_member (article, "complete"));
}

static void
test_show_json_minimal (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *plain = myelin_test_article ("plain", NULL);
  g_autofree char *bare = myelin_test_article ("bare-retraction", "\"retracted\": {}");
  g_autofree char *articles = g_strjoin (",", plain, bare, NULL);
  g_autofree char *path = bundle_path (f, "min.json", "t.min", 1, articles);
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) retraction = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) retraction_root = NULL;
  JsonObject *article;

  import_expect (f, path, 0);
  run = ctl (f, "show", "t.min/plain", "--json", NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  article = json_object_of (root);
  /* Absent optional values are left out; note is null. */
  g_assert_false (json_object_has_member (article, "updated"));
  g_assert_false (json_object_has_member (article, "who_should_care"));
  g_assert_false (json_object_has_member (article, "source"));
  g_assert_false (json_object_has_member (article, "review"));
  g_assert_false (json_object_has_member (article, "retracted"));
  g_assert_false (json_object_has_member (article, "related"));
  g_assert_false (json_object_has_member (article, "image"));
  assert_null (article, "note");

  /* A retraction without details is still a retraction. */
  retraction = ctl (f, "show", "t.min/bare-retraction", "--json", NULL);
  g_assert_cmpint (retraction->status, ==, 0);
  retraction_root = parse_json (retraction->out);
  assert_node_type (json_object_of (retraction_root), "retracted", JSON_NODE_OBJECT);
}

static void
test_show_reader_data (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", NULL);
  g_autofree char *path = bundle_path (f, "reader.json", "t.reader", 1, a);
  g_autoptr(Run) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *article;

  import_expect (f, path, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MyelinStore) store = myelin_store_open (f->library, &error);

    g_assert_no_error (error);
    g_assert_true (myelin_store_set_saved (store, "t.reader", "a", TRUE, &error));
    g_assert_true (myelin_store_set_read (store, "t.reader", "a", TRUE, &error));
    g_assert_true (myelin_store_set_note (store, "t.reader", "a", "Ask <Dr> about it\nnext time", &error));
    g_assert_no_error (error);
  }
  run = ctl (f, "show", "t.reader/a", "--json", NULL);
  root = parse_json (run->out);
  article = json_object_of (root);
  g_assert_true (boolean (article, "saved"));
  g_assert_true (boolean (article, "read"));
  g_assert_cmpstr (str (article, "note"), ==, "Ask <Dr> about it\nnext time");
}

static void
test_show_sample_image (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *image;

  import_expect (f, g_getenv ("MYELIN_SAMPLE_BUNDLE"), 0);
  run = ctl (f, "show", "io.github.myelinreader.sample/mri-monitoring", "--json", NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = parse_json (run->out);
  assert_node_type (json_object_of (root), "image", JSON_NODE_OBJECT);
  image = json_object_get_object_member (json_object_of (root), "image");
  g_assert_cmpstr (str (image, "path"), ==, "images/mri-monitoring.png");
  g_assert_cmpuint (strlen (str (image, "alt")), >, 0);
}

static void
test_show_text (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) missing = NULL;

  import_expect (f, g_getenv ("MYELIN_SAMPLE_BUNDLE"), 0);
  run = ctl (f, "show", "io.github.myelinreader.sample/retracted-fatigue-supplement-study", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "Retracted: a small study of a supplement for MS fatigue\n"));
  /* Every field, the nested ones too. */
  g_assert_nonnull (strstr (run->out, "2026-09-30"));
  g_assert_nonnull (strstr (run->out, "https://example.org/myelin-sample/retraction"));
  g_assert_nonnull (strstr (run->out, "pilot study"));
  g_assert_nonnull (strstr (run->out, "Myelin sample editors"));
  g_assert_nonnull (strstr (run->out, "2027-04-06"));
  g_assert_nonnull (strstr (run->out, "fatigue-management-programmes"));

  missing = ctl (f, "show", "io.github.myelinreader.sample/nope", NULL);
  g_assert_cmpint (missing->status, ==, 1);
  g_assert_cmpstr (missing->out, ==, "");
  g_assert_cmpstr (missing->err, !=, "");
}

/* --- remove --------------------------------------------------------------- */

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", NULL);
  g_autofree char *path = bundle_path (f, "rm.json", "t.rm", 1, a);
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *saved = NULL;

  import_expect (f, path, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MyelinStore) store = myelin_store_open (f->library, &error);

    g_assert_no_error (error);
    g_assert_true (myelin_store_set_saved (store, "t.rm", "a", TRUE, &error));
  }

  run = ctl (f, "remove", "t.rm", NULL);
  g_assert_cmpint (run->status, ==, 0);
  root = bundles_json (f);
  g_assert_cmpuint (json_array_get_length (json_array_of (root)), ==, 0);
  empty = list_ids (f, NULL);
  g_assert_cmpstr (empty, ==, "");

  again = ctl (f, "remove", "t.rm", NULL);
  g_assert_cmpint (again->status, ==, 1);
  g_assert_cmpstr (again->out, ==, "");
  g_assert_nonnull (strstr (again->err, "t.rm"));

  /* The reader's own data comes back with the article. */
  import_expect (f, path, 0);
  saved = list_ids (f, "--saved", NULL);
  g_assert_cmpstr (saved, ==, "a");
}

/* --- save, unsave, note, saved --------------------------------------------- */

static JsonArray *
saved_json (Fixture  *f,
            JsonNode **root)
{
  g_autoptr(Run) run = ctl (f, "saved", "--json", NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  *root = parse_json (run->out);
  return json_array_of (*root);
}

static void
expect_quiet_success (Run *run)
{
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpstr (run->err, ==, "");
}

static void
test_saved_json (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", NULL);
  g_autofree char *b = myelin_test_article ("b", NULL);
  g_autofree char *both = g_strjoin (",", a, b, NULL);
  g_autofree char *rev1 = bundle_path (f, "saved1.json", "t.saved", 1, both);
  g_autofree char *rev2 = bundle_path (f, "saved2.json", "t.saved", 2, b);
  g_autoptr(Run) save_a = NULL;
  g_autoptr(Run) note_a = NULL;
  g_autoptr(Run) save_b = NULL;
  g_autoptr(Run) unsave_a = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(JsonNode) first_root = NULL;
  g_autoptr(JsonNode) gone_root = NULL;
  g_autoptr(JsonNode) last_root = NULL;
  g_autofree char *first_ids = NULL;
  g_autofree char *last_ids = NULL;
  JsonArray *first, *gone, *last;
  JsonObject *item;

  import_expect (f, rev1, 0);
  save_a = ctl (f, "save", "t.saved/a", NULL);
  expect_quiet_success (save_a);
  note_a = ctl (f, "note", "t.saved/a", "Ask <Dr> & co\nsoon", NULL);
  expect_quiet_success (note_a);
  g_usleep (5000);
  save_b = ctl (f, "save", "t.saved/b", NULL);
  expect_quiet_success (save_b);

  /* Newest saved first; every key always there. */
  first = saved_json (f, &first_root);
  first_ids = article_ids (first);
  g_assert_cmpstr (first_ids, ==, "b a");
  item = json_array_get_object_element (first, 0);
  g_assert_cmpstr (str (item, "bundle"), ==, "t.saved");
  g_assert_cmpstr (str (item, "title"), ==, "Article b");
  assert_null (item, "note");
  g_assert_true (g_str_has_suffix (str (item, "saved_at"), "Z"));
  g_assert_true (boolean (item, "available"));
  item = json_array_get_object_element (first, 1);
  g_assert_cmpstr (str (item, "note"), ==, "Ask <Dr> & co\nsoon");
  g_assert_true (boolean (item, "available"));
  g_assert_cmpuint (json_object_get_size (item), ==, 6);

  /* Revision 2 drops a: still listed, unavailable, by its last title. */
  import_expect (f, rev2, 0);
  gone = saved_json (f, &gone_root);
  g_assert_cmpuint (json_array_get_length (gone), ==, 2);
  item = json_array_get_object_element (gone, 1);
  g_assert_cmpstr (str (item, "id"), ==, "a");
  g_assert_cmpstr (str (item, "title"), ==, "Article a");
  g_assert_cmpstr (str (item, "note"), ==, "Ask <Dr> & co\nsoon");
  g_assert_false (boolean (item, "available"));
  g_assert_true (boolean (json_array_get_object_element (gone, 0), "available"));
  text = ctl (f, "saved", NULL);
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "t.saved/a\t"));
  g_assert_nonnull (strstr (text->out, "no longer in the library"));

  /* It can be unsaved all the same. */
  unsave_a = ctl (f, "unsave", "t.saved/a", NULL);
  expect_quiet_success (unsave_a);
  last = saved_json (f, &last_root);
  last_ids = article_ids (last);
  g_assert_cmpstr (last_ids, ==, "b");
}

static void
test_saved_after_remove (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", NULL);
  g_autofree char *path = bundle_path (f, "gone.json", "t.gone", 1, a);
  g_autoptr(Run) save = NULL;
  g_autoptr(Run) remove = NULL;
  g_autoptr(Run) note = NULL;
  g_autoptr(Run) show = NULL;
  g_autoptr(JsonNode) gone_root = NULL;
  g_autoptr(JsonNode) back_root = NULL;
  g_autoptr(JsonNode) show_root = NULL;
  JsonArray *gone, *back;

  import_expect (f, path, 0);
  save = ctl (f, "save", "t.gone/a", NULL);
  expect_quiet_success (save);
  note = ctl (f, "note", "t.gone/a", "Keep this", NULL);
  expect_quiet_success (note);
  remove = ctl (f, "remove", "t.gone", NULL);
  g_assert_cmpint (remove->status, ==, 0);

  gone = saved_json (f, &gone_root);
  g_assert_cmpuint (json_array_get_length (gone), ==, 1);
  g_assert_false (boolean (json_array_get_object_element (gone, 0), "available"));
  g_assert_cmpstr (str (json_array_get_object_element (gone, 0), "title"), ==, "Article a");

  /* Imported again, the article is saved again, with its note. */
  import_expect (f, path, 0);
  back = saved_json (f, &back_root);
  g_assert_cmpuint (json_array_get_length (back), ==, 1);
  g_assert_true (boolean (json_array_get_object_element (back, 0), "available"));
  show = ctl (f, "show", "t.gone/a", "--json", NULL);
  show_root = parse_json (show->out);
  g_assert_true (boolean (json_object_of (show_root), "saved"));
  g_assert_cmpstr (str (json_object_of (show_root), "note"), ==, "Keep this");
}

static void
test_note_empty_clears (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *a = myelin_test_article ("a", NULL);
  g_autofree char *path = bundle_path (f, "note.json", "t.note", 1, a);
  g_autoptr(Run) set = NULL;
  g_autoptr(Run) dash = NULL;
  g_autoptr(Run) clear = NULL;
  g_autoptr(Run) shown = NULL;
  g_autoptr(Run) dashed = NULL;
  g_autoptr(Run) cleared = NULL;
  g_autoptr(JsonNode) shown_root = NULL;
  g_autoptr(JsonNode) dashed_root = NULL;
  g_autoptr(JsonNode) cleared_root = NULL;

  import_expect (f, path, 0);
  set = ctl (f, "note", "t.note/a", "  Saved as typed  ", NULL);
  expect_quiet_success (set);
  shown = ctl (f, "show", "t.note/a", "--json", NULL);
  shown_root = parse_json (shown->out);
  g_assert_cmpstr (str (json_object_of (shown_root), "note"), ==, "  Saved as typed  ");
  /* After "--", a note may start with a dash. */
  dash = ctl (f, "note", "t.note/a", "--", "-5 mg?", NULL);
  expect_quiet_success (dash);
  dashed = ctl (f, "show", "t.note/a", "--json", NULL);
  dashed_root = parse_json (dashed->out);
  g_assert_cmpstr (str (json_object_of (dashed_root), "note"), ==, "-5 mg?");

  clear = ctl (f, "note", "t.note/a", "", NULL);
  expect_quiet_success (clear);
  cleared = ctl (f, "show", "t.note/a", "--json", NULL);
  cleared_root = parse_json (cleared->out);
  assert_null (json_object_of (cleared_root), "note");
  /* A note alone does not save the article. */
  g_assert_false (boolean (json_object_of (cleared_root), "saved"));
}

/* Only articles in the library can be saved or annotated; exit 1, nothing
 * on stdout, nothing changed, and no library created. */
static void
test_saved_refused (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const cases[][4] = {
    { "save", "t.refuse/nope", NULL },
    { "note", "t.refuse/nope", "text", NULL },
    { "note", "t.refuse/nope", "", NULL },
    { "unsave", "t.refuse/nope", NULL },
    { "save", "other.bundle/a", NULL },
  };
  g_autofree char *a = myelin_test_article ("a", NULL);
  g_autofree char *path = bundle_path (f, "refuse.json", "t.refuse", 1, a);
  g_autoptr(Run) missing = NULL;
  g_autoptr(Run) empty = NULL;
  g_autoptr(Run) unsave_unsaved = NULL;
  g_autoptr(JsonNode) empty_root = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* No library yet: nothing to save, and none is created. */
  missing = ctl (f, "save", "t.refuse/a", NULL);
  g_assert_cmpint (missing->status, ==, 1);
  g_assert_cmpstr (missing->out, ==, "");
  g_assert_nonnull (strstr (missing->err, "t.refuse/a"));
  empty = ctl (f, "saved", "--json", NULL);
  g_assert_cmpint (empty->status, ==, 0);
  empty_root = parse_json (empty->out);
  g_assert_cmpuint (json_array_get_length (json_array_of (empty_root)), ==, 0);
  g_assert_false (g_file_test (f->library, G_FILE_TEST_EXISTS));

  import_expect (f, path, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = ctl_argv (f, cases[i]);

      g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_nonnull (strstr (run->err, cases[i][1]));
    }
  g_assert_cmpuint (json_array_get_length (saved_json (f, &root)), ==, 0);

  /* Unsaving an article of the library that is not saved: already done. */
  unsave_unsaved = ctl (f, "unsave", "t.refuse/a", NULL);
  expect_quiet_success (unsave_unsaved);
}

/* --- usage, --help, --version --------------------------------------------- */

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const cases[][5] = {
    { "frobnicate", NULL },
    { NULL },
    { "import", NULL },
    { "check", NULL },
    { "show", NULL },
    { "show", "no-slash", NULL },
    { "show", "t.x/", NULL },
    { "related", NULL },
    { "remove", NULL },
    { "list", "--sort", "bogus", NULL },
    { "list", "--limit", "-1", NULL },
    { "list", "--limit", "many", NULL },
    { "list", "stray", NULL },
    { "list", "--no-such-option", NULL },
    { "topics", "extra", NULL },
    { "bundles", "extra", NULL },
    { "save", NULL },
    { "save", "no-slash", NULL },
    { "save", "t.x/a", "t.x/b", NULL },
    { "save", "--json", "t.x/a", NULL },
    { "unsave", NULL },
    { "note", "t.x/a", NULL },
    { "note", "t.x/a", "one", "two" },
    { "note", "no-slash", "text", NULL },
    { "saved", "extra", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Run) run = ctl_argv (f, cases[i]);

      assert_usage_error (run);
    }
}

static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Run) run = ctl_default (f, "--version", NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "myelinctl " PACKAGE_VERSION "\n");
  g_assert_cmpstr (run->err, ==, "");
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  static const char * const commands[] = {
    "check", "import", "bundles", "list", "topics", "show", "related", "save", "unsave",
    "note", "saved", "remove",
  };
  g_autoptr(Run) run = ctl_default (f, "--help", NULL);
  g_autoptr(Run) list_help = ctl_default (f, "list", "--help", NULL);

  g_assert_cmpint (run->status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %s ", commands[i]);
      g_assert_nonnull (strstr (run->out, line));
    }

  g_assert_cmpint (list_help->status, ==, 0);
  g_assert_nonnull (strstr (list_help->out, "--sort"));
  g_assert_nonnull (strstr (list_help->out, "--topic"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/cli/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("import/added-then-up-to-date", test_import_added_then_up_to_date);
  ADD ("read/missing-library-is-empty", test_read_missing_library);
  ADD ("import/report-json", test_import_report_json);
  ADD ("import/skipped", test_import_skipped);
  ADD ("import/syntax-error", test_import_syntax_error);
  ADD ("import/lower-revision", test_import_lower_revision);
  ADD ("import/strict", test_import_strict);
  ADD ("import/several-files", test_import_several_files);
  ADD ("check/valid", test_check_valid);
  ADD ("check/bad-file", test_check_bad_file);
  ADD ("check/unknown-key", test_check_unknown_key);
  ADD ("check/no-library-created", test_check_no_library_created);
  ADD ("bundles/json", test_bundles_json);
  ADD ("bundles/empty", test_bundles_empty);
  ADD ("list/json", test_list_json);
  ADD ("list/sort", test_list_sort);
  ADD ("list/sort-title-case", test_list_sort_title_case);
  ADD ("list/filters", test_list_filters);
  ADD ("list/saved-unread", test_list_saved_unread);
  ADD ("list/text", test_list_text);
  ADD ("topics/json", test_topics_json);
  ADD ("related/json", test_related_json);
  ADD ("show/json", test_show_json);
  ADD ("show/json-minimal", test_show_json_minimal);
  ADD ("show/reader-data", test_show_reader_data);
  ADD ("show/sample-image", test_show_sample_image);
  ADD ("show/text", test_show_text);
  ADD ("remove", test_remove);
  ADD ("saved/json", test_saved_json);
  ADD ("saved/after-remove", test_saved_after_remove);
  ADD ("saved/refused", test_saved_refused);
  ADD ("note/empty-clears", test_note_empty_clears);
  ADD ("usage/errors", test_usage_errors);
  ADD ("usage/version", test_version);
  ADD ("usage/help", test_help);
#undef ADD

  return g_test_run ();
}
