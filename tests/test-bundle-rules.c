/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One test (at least) per rule of the bundle format (shared/bundle-format.md):
 * each checks the outcome a publisher sees (refused, or the article skipped
 * with the pointer, line and column of the bad value) and, for input that is
 * valid but normalised, what the library holds afterwards.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "myelin-bundle-parser.h"
#include "myelin-error.h"
#include "myelin-test-util.h"

#define BUNDLE_ID "org.example.test"
#define PNG_SIGNATURE "\x89PNG\r\n\x1a\n"

typedef struct
{
  char        *dir;         /* removed with everything in it */
  char        *bundle_dir;  /* the bundle's folder, inside dir */
  MyelinStore *store;       /* opened on first use */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = myelin_test_mkdtemp ();
  f->bundle_dir = g_build_filename (f->dir, "bundle", NULL);
  g_assert_cmpint (g_mkdir (f->bundle_dir, 0700), ==, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  myelin_test_rmdir (f->dir);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
  g_free (f->bundle_dir);
  g_free (f->dir);
}

/* --- Building bundles --------------------------------------------------- */

/* Replaces each "%s" of @tmpl by @value (textually: templates are data). */
static char *
fill (const char *tmpl,
      const char *value)
{
  g_autoptr(GString) out = g_string_new (tmpl);

  g_string_replace (out, "%s", value, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
repeat (const char *unit,
        guint       n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

/* A whole bundle; @top_extra and @bundle_extra are appended inside the top
 * level and the "bundle" object, so that they can override any key. */
static char *
make_bundle (const char *top_extra,
             const char *bundle_extra,
             const char *articles)
{
  return g_strdup_printf ("{\n"
                          "  \"format\": \"myelin-bundle\",\n"
                          "  \"format_version\": 1,\n"
                          "  \"bundle\": {\"id\": \"" BUNDLE_ID "\", \"title\": \"Test bundle\", \"revision\": 1%s%s},\n"
                          "  \"articles\": [\n%s\n  ]%s%s\n"
                          "}\n",
                          bundle_extra ? ", " : "", bundle_extra ? bundle_extra : "",
                          articles ? articles : "",
                          top_extra ? ",\n  " : "", top_extra ? top_extra : "");
}

/* A bundle of one article "a1" with @extra. */
static char *
one_article (const char *extra)
{
  g_autofree char *article = myelin_test_article ("a1", extra);

  return make_bundle (NULL, NULL, article);
}

static MyelinImportReport *
check_json (Fixture           *f,
            const char        *json,
            MyelinImportFlags  flags)
{
  return myelin_test_import_text (NULL, f->bundle_dir, json, flags);
}

static MyelinStore *
fixture_store (Fixture *f)
{
  if (f->store == NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, "library.db", NULL);
      g_autoptr(GError) error = NULL;

      f->store = myelin_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (f->store);
    }
  return f->store;
}

static MyelinImportReport *
import_json (Fixture           *f,
             const char        *json,
             MyelinImportFlags  flags)
{
  return myelin_test_import_text (fixture_store (f), f->bundle_dir, json, flags);
}

static guint
count_articles (Fixture *f)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GError) error = NULL;
  guint n = myelin_store_count_articles (fixture_store (f), query, &error);

  g_assert_no_error (error);
  return n;
}

/* --- Checking reports --------------------------------------------------- */

static void
assert_located (MyelinProblem *problem)
{
  g_assert_nonnull (problem);
  g_assert_cmpuint (problem->line, >, 0);
  g_assert_cmpuint (problem->column, >, 0);
  g_assert_nonnull (problem->message);
  g_assert_cmpstr (problem->message, !=, "");
}

static void
assert_no_problems (MyelinImportReport *report)
{
  GPtrArray *errors = myelin_import_report_get_errors (report);

  if (errors->len > 0)
    {
      MyelinProblem *p = g_ptr_array_index (errors, 0);
      g_error ("unexpected error at “%s”: %s", p->pointer, p->message);
    }
  g_assert_null (myelin_import_report_get_refusal (report));
  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 0);
}

static void
assert_warning (MyelinImportReport *report,
                const char         *pointer)
{
  MyelinProblem *problem = myelin_test_find_warning (report, pointer);

  if (problem == NULL)
    g_error ("no warning at “%s”", pointer);
  assert_located (problem);
}

/* The bundle is refused as a whole, with @code, and an error at @pointer. */
static MyelinImportReport *
refused_report (Fixture    *f,
                const char *json,
                int         code,
                const char *pointer)
{
  g_autoptr(MyelinImportReport) report = check_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  MyelinProblem *problem;

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_REFUSED);
  g_assert_error ((GError *) myelin_import_report_get_refusal (report), MYELIN_IMPORT_ERROR, code);
  problem = myelin_test_find_error (report, pointer);
  if (problem == NULL)
    g_error ("no error at “%s”", pointer);
  g_assert_cmpint (problem->article_index, ==, -1);
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, 0);
  return g_steal_pointer (&report);
}

static void
assert_refused (Fixture    *f,
                const char *json,
                int         code,
                const char *pointer)
{
  g_autoptr(MyelinImportReport) report = refused_report (f, json, code, pointer);
  MyelinProblem *problem = myelin_test_find_error (report, pointer);

  /* Every value of a parsed document has a place. */
  if (code != MYELIN_IMPORT_ERROR_TOO_LARGE && code != MYELIN_IMPORT_ERROR_UNREADABLE)
    assert_located (problem);
}

static void
assert_bundle_invalid (Fixture    *f,
                       const char *bundle_extra,
                       const char *pointer)
{
  g_autofree char *article = myelin_test_article ("a1", NULL);
  g_autofree char *json = make_bundle (NULL, bundle_extra, article);

  g_test_message ("bundle extra: %s", bundle_extra);
  assert_refused (f, json, MYELIN_IMPORT_ERROR_INVALID, pointer);
}

static void
assert_bundle_valid (Fixture    *f,
                     const char *bundle_extra)
{
  g_autofree char *article = myelin_test_article ("a1", NULL);
  g_autofree char *json = make_bundle (NULL, bundle_extra, article);
  g_autoptr(MyelinImportReport) report = check_json (f, json, MYELIN_IMPORT_FLAGS_NONE);

  g_test_message ("bundle extra: %s", bundle_extra);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_VALID);
  assert_no_problems (report);
}

/* Article 0 ("bad" with @extra) is skipped with an error at @pointer, and
 * article 1 is still valid; strict mode refuses the same bundle. */
static void
assert_article_invalid (Fixture    *f,
                        const char *extra,
                        const char *pointer)
{
  g_autofree char *bad = myelin_test_article ("bad", extra);
  g_autofree char *good = myelin_test_article ("good", NULL);
  g_autofree char *articles = g_strdup_printf ("%s,\n%s", bad, good);
  g_autofree char *json = make_bundle (NULL, NULL, articles);
  g_autoptr(MyelinImportReport) report = NULL;
  g_autoptr(MyelinImportReport) strict = NULL;
  GPtrArray *errors;
  MyelinProblem *problem;

  g_test_message ("article extra: %s", extra);
  report = check_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_VALID);
  g_assert_null (myelin_import_report_get_refusal (report));
  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 1);

  problem = myelin_test_find_error (report, pointer);
  if (problem == NULL)
    {
      errors = myelin_import_report_get_errors (report);
      for (guint i = 0; i < errors->len; i++)
        g_test_message ("error at “%s”", ((MyelinProblem *) g_ptr_array_index (errors, i))->pointer);
      g_error ("no error at “%s”", pointer);
    }
  assert_located (problem);
  g_assert_cmpint (problem->article_index, ==, 0);
  if (strstr (extra, "\"id\"") == NULL)
    g_assert_cmpstr (problem->article_id, ==, "bad");

  /* Only the bad article is at fault. */
  errors = myelin_import_report_get_errors (report);
  for (guint i = 0; i < errors->len; i++)
    g_assert_cmpint (((MyelinProblem *) g_ptr_array_index (errors, i))->article_index, ==, 0);

  strict = check_json (f, json, MYELIN_IMPORT_FLAGS_STRICT);
  g_assert_cmpint (myelin_import_report_get_status (strict), ==, MYELIN_IMPORT_STATUS_REFUSED);
  g_assert_error ((GError *) myelin_import_report_get_refusal (strict), MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_STRICT);
}

/* One article "a1" with @extra is valid, with no error and no warning. */
static void
assert_article_valid (Fixture    *f,
                      const char *extra)
{
  g_autofree char *json = one_article (extra);
  g_autoptr(MyelinImportReport) report = check_json (f, json, MYELIN_IMPORT_FLAGS_NONE);

  g_test_message ("article extra: %s", extra);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_VALID);
  assert_no_problems (report);
  g_assert_cmpuint (myelin_import_report_get_warnings (report)->len, ==, 0);
}

/* Checks @tmpl (with "%s" for the text) at the length limits of a string. */
static void
check_length (Fixture    *f,
              const char *tmpl,
              guint       min,
              guint       max,
              const char *pointer)
{
  g_autofree char *longest = repeat ("é", max);
  g_autofree char *too_long = repeat ("a", max + 1);
  g_autofree char *ok = fill (tmpl, longest);
  g_autofree char *bad = fill (tmpl, too_long);
  g_autofree char *empty = fill (tmpl, "");
  g_autofree char *blank = fill (tmpl, "  \\n ");

  /* Characters are counted, not bytes: "é" is two bytes. */
  assert_article_valid (f, ok);
  assert_article_invalid (f, bad, pointer);
  if (min > 0)
    {
      assert_article_invalid (f, empty, pointer);
      /* Trimmed first, so white space alone is empty. */
      assert_article_invalid (f, blank, pointer);
    }
  else
    assert_article_valid (f, empty);
}

/* Imports one article "a1" with @extra into the library and reads it back. */
static MyelinArticle *
import_article (Fixture            *f,
                const char         *extra,
                MyelinImportReport **report_out)
{
  g_autofree char *json = one_article (extra);
  g_autoptr(MyelinImportReport) report = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  MyelinArticle *article;

  g_test_message ("article extra: %s", extra);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  assert_no_problems (report);
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, 1);

  article = myelin_store_get_article (fixture_store (f), BUNDLE_ID, "a1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return article;
}

static void
assert_stored (Fixture            *f,
               const char         *extra,
               MyelinArticleField  field,
               const char         *expected)
{
  g_autoptr(MyelinArticle) article = import_article (f, extra, NULL);

  g_assert_cmpstr (myelin_article_get_string (article, field), ==, expected);
}

static void
assert_strv (const char * const *strv,
             const char         *expected)
{
  g_autofree char *joined = strv ? g_strjoinv ("|", (char **) strv) : NULL;

  g_assert_cmpstr (joined, ==, expected);
}

static void
write_bytes (const char *dir,
             const char *name,
             const char *data,
             gsize       length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, data, (gssize) length, &error);
  g_assert_no_error (error);
}

static void
write_png (const char *dir,
           const char *name)
{
  static const char png[] = PNG_SIGNATURE "\0\0\0\rIHDR-not-a-real-image";

  write_bytes (dir, name, png, sizeof png - 1);
}

/* --- File --------------------------------------------------------------- */

static void
test_file_size_limit (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *json = one_article (NULL);
  g_autoptr(GFile) file = myelin_test_write_file (f->bundle_dir, "bundle.json", json);
  g_autoptr(MyelinImportReport) report = myelin_import_report_new ("bundle.json");
  g_autoptr(MyelinImportReport) fits = myelin_import_report_new ("bundle.json");
  g_autoptr(MyelinBundleData) bundle = NULL;

  g_assert_cmpuint (strlen (json), >, 100);
  bundle = myelin_bundle_parse_file (file, 100, MYELIN_PARSE_FLAGS_NONE, report, NULL);
  g_assert_null (bundle);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_REFUSED);
  g_assert_error ((GError *) myelin_import_report_get_refusal (report), MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (myelin_test_find_error (report, ""));

  /* Exactly at the limit is allowed. */
  bundle = myelin_bundle_parse_file (file, strlen (json), MYELIN_PARSE_FLAGS_NONE, fits, NULL);
  g_assert_nonnull (bundle);
  g_assert_null (myelin_import_report_get_refusal (fits));
  g_assert_cmpuint (bundle->articles->len, ==, 1);

  /* The default limit is the format's 64 MiB. */
  g_assert_cmpuint (MYELIN_BUNDLE_MAX_FILE_SIZE, ==, 64 * 1024 * 1024);
}

static void
test_file_size_checked_before_parsing (Fixture       *f,
                                       gconstpointer  data)
{
  /* Not even JSON: refused for its size, not its syntax. */
  g_autofree char *junk = repeat ("x", 200);
  g_autoptr(GFile) file = myelin_test_write_file (f->bundle_dir, "bundle.json", junk);
  g_autoptr(MyelinImportReport) report = myelin_import_report_new ("bundle.json");
  g_autoptr(MyelinBundleData) bundle = myelin_bundle_parse_file (file, 100, MYELIN_PARSE_FLAGS_NONE, report, NULL);

  g_assert_null (bundle);
  g_assert_error ((GError *) myelin_import_report_get_refusal (report), MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_TOO_LARGE);
}

static void
test_file_unreadable (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->bundle_dir, "missing.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MyelinImportReport) report = myelin_store_import_file (NULL, file, MYELIN_IMPORT_FLAGS_CHECK, NULL, NULL, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (f->bundle_dir);
  g_autoptr(MyelinImportReport) dir_report = myelin_store_import_file (NULL, folder, MYELIN_IMPORT_FLAGS_CHECK, NULL, NULL, NULL);

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_REFUSED);
  g_assert_error ((GError *) myelin_import_report_get_refusal (report), MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_UNREADABLE);
  g_assert_error ((GError *) myelin_import_report_get_refusal (dir_report), MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_UNREADABLE);
}

static void
test_file_bom (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *json = one_article (NULL);
  g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", json, NULL);
  g_autofree char *two_boms = g_strconcat ("\xEF\xBB\xBF\xEF\xBB\xBF", json, NULL);
  g_autoptr(MyelinImportReport) report = import_json (f, with_bom, MYELIN_IMPORT_FLAGS_NONE);

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  assert_no_problems (report);
  g_assert_cmpuint (count_articles (f), ==, 1);

  /* Only one mark is a byte-order mark; a second is text before the JSON. */
  assert_refused (f, two_boms, MYELIN_IMPORT_ERROR_SYNTAX, "");
}

static void
test_file_not_utf8 (Fixture       *f,
                    gconstpointer  data)
{
  /* A Latin-1 "é" in an article's title. */
  g_autofree char *json = one_article ("\"title\": \"Caf\xe9\"");
  g_autoptr(MyelinImportReport) report = refused_report (f, json, MYELIN_IMPORT_ERROR_NOT_UTF8, "");
  MyelinProblem *problem = myelin_test_find_error (report, "");

  /* The last line of the article, where the title override is. */
  g_assert_cmpuint (problem->line, ==, 6);
  g_assert_cmpuint (problem->column, >, 1);
  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 0);
}

static void
test_file_utf16 (Fixture       *f,
                 gconstpointer  data)
{
  /* "{}" in UTF-16LE with its byte-order mark. */
  static const char utf16[] = "\xFF\xFE{\0}\0";

  write_bytes (f->bundle_dir, "bundle.json", utf16, sizeof utf16 - 1);
  {
    g_autofree char *path = g_build_filename (f->bundle_dir, "bundle.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(MyelinImportReport) report = myelin_store_import_file (NULL, file, MYELIN_IMPORT_FLAGS_CHECK, NULL, NULL, NULL);

    g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_REFUSED);
    g_assert_error ((GError *) myelin_import_report_get_refusal (report), MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_NOT_UTF8);
  }
}

static void
test_file_too_deep (Fixture       *f,
                    gconstpointer  data)
{
  /* The top level is depth 1; an unknown key's value adds the rest. */
  g_autofree char *deep63 = repeat ("[", 63);
  g_autofree char *close63 = repeat ("]", 63);
  g_autofree char *deep64 = repeat ("[", 64);
  g_autofree char *close64 = repeat ("]", 64);
  g_autofree char *extra_ok = g_strdup_printf ("\"x_nested\": %s%s", deep63, close63);
  g_autofree char *extra_deep = g_strdup_printf ("\"x_nested\": %s%s", deep64, close64);
  g_autofree char *article = myelin_test_article ("a1", NULL);
  g_autofree char *ok = make_bundle (extra_ok, NULL, article);
  g_autofree char *bad = make_bundle (extra_deep, NULL, article);
  g_autofree char *huge = repeat ("[", 100000);
  g_autoptr(MyelinImportReport) report = check_json (f, ok, MYELIN_IMPORT_FLAGS_NONE);

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_VALID);
  assert_warning (report, "/x_nested");
  assert_refused (f, bad, MYELIN_IMPORT_ERROR_TOO_DEEP, "");
  assert_refused (f, huge, MYELIN_IMPORT_ERROR_TOO_DEEP, "");
}

static void
test_file_syntax_error (Fixture       *f,
                        gconstpointer  data)
{
  const char *json =
    "{\n"
    "  \"format\": \"myelin-bundle\",\n"
    "  \"format_version\": 1,\n"
    "  \"bundle\": {\"id\": \"x\", \"title\": \"T\", \"revision\": 1,},\n"
    "  \"articles\": []\n"
    "}\n";
  g_autoptr(MyelinImportReport) report = refused_report (f, json, MYELIN_IMPORT_ERROR_SYNTAX, "");
  MyelinProblem *problem = myelin_test_find_error (report, "");
  g_autofree char *text = myelin_problem_to_string (problem, "bundle.json");

  /* The "}" after the trailing comma. */
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_cmpuint (problem->column, ==, 53);
  g_assert_nonnull (strstr (text, "4"));
  g_assert_nonnull (strstr (text, "53"));
}

static void
test_file_syntax_lenient_forms (Fixture       *f,
                                gconstpointer  data)
{
  /* What json-glib would accept but RFC 8259 does not. */
  const char *extras[] = {
    "\"credibility\": 0x3",
    "\"credibility\": 03",
    "\"credibility\": .5",
    "\"title\": 'single'",
    "\"credibility\": 3,",
  };

  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    {
      g_autofree char *json = one_article (extras[i]);
      g_test_message ("%s", extras[i]);
      assert_refused (f, json, MYELIN_IMPORT_ERROR_SYNTAX, "");
    }
  {
    g_autofree char *json = one_article (NULL);
    g_autofree char *garbage = g_strconcat (json, "{}", NULL);
    g_autofree char *empty = g_strdup ("");

    assert_refused (f, garbage, MYELIN_IMPORT_ERROR_SYNTAX, "");
    assert_refused (f, empty, MYELIN_IMPORT_ERROR_SYNTAX, "");
  }
}

static void
test_file_nul_byte (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *json = one_article (NULL);
  g_autofree char *path = g_build_filename (f->bundle_dir, "bundle.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MyelinImportReport) report = NULL;
  gsize len = strlen (json);

  /* A raw NUL byte in place of the last space of the title. */
  json[strstr (json, "Article a1") - json + 7] = '\0';
  write_bytes (f->bundle_dir, "bundle.json", json, len);
  report = myelin_store_import_file (NULL, file, MYELIN_IMPORT_FLAGS_CHECK, NULL, NULL, NULL);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_REFUSED);
  g_assert_error ((GError *) myelin_import_report_get_refusal (report), MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_SYNTAX);
  assert_located (myelin_test_find_error (report, ""));
}

/* --- Top level ---------------------------------------------------------- */

static void
test_top_not_object (Fixture       *f,
                     gconstpointer  data)
{
  assert_refused (f, "[]", MYELIN_IMPORT_ERROR_INVALID, "");
  assert_refused (f, "\"myelin-bundle\"", MYELIN_IMPORT_ERROR_INVALID, "");
  assert_refused (f, "null", MYELIN_IMPORT_ERROR_INVALID, "");
}

static void
test_top_format_wrong (Fixture       *f,
                       gconstpointer  data)
{
  const char *bad[] = {
    "\"format\": \"myelin-bundles\"",
    "\"format\": \"Myelin-Bundle\"",
    "\"format\": 1",
    "\"format\": \"\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = make_bundle (bad[i], NULL, "");
      assert_refused (f, json, MYELIN_IMPORT_ERROR_INVALID, "/format");
    }
}

static void
test_top_format_missing (Fixture       *f,
                         gconstpointer  data)
{
  assert_refused (f,
                  "{\"format_version\": 1, \"bundle\": {\"id\": \"x\", \"title\": \"T\", \"revision\": 1}, \"articles\": []}",
                  MYELIN_IMPORT_ERROR_INVALID, "/format");
}

static void
test_top_format_version_missing (Fixture       *f,
                                 gconstpointer  data)
{
  assert_refused (f,
                  "{\"format\": \"myelin-bundle\", \"bundle\": {\"id\": \"x\", \"title\": \"T\", \"revision\": 1}, \"articles\": []}",
                  MYELIN_IMPORT_ERROR_INVALID, "/format_version");
}

static void
test_top_format_version_not_integer (Fixture       *f,
                                     gconstpointer  data)
{
  const char *bad[] = {
    "\"format_version\": \"1\"",
    "\"format_version\": 1.0",
    "\"format_version\": 1.5",
    "\"format_version\": true",
    "\"format_version\": 0",
    "\"format_version\": -1",
    "\"format_version\": null",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = make_bundle (bad[i], NULL, "");
      g_test_message ("%s", bad[i]);
      assert_refused (f, json, MYELIN_IMPORT_ERROR_INVALID, "/format_version");
    }
}

static void
test_top_format_version_newer (Fixture       *f,
                               gconstpointer  data)
{
  /* A newer format may change anything else, too. */
  g_autofree char *json = make_bundle ("\"format_version\": 2, \"format\": \"myelin-bundle\", \"articles\": 7", NULL, "");
  g_autoptr(MyelinImportReport) report = refused_report (f, json, MYELIN_IMPORT_ERROR_NEWER_FORMAT, "/format_version");
  const GError *refusal = myelin_import_report_get_refusal (report);

  g_assert_nonnull (strstr (refusal->message, "newer version of Myelin"));
  assert_located (myelin_test_find_error (report, "/format_version"));
}

static void
test_top_bundle_missing (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *json_null = make_bundle ("\"bundle\": null", NULL, "");
  g_autofree char *json_array = make_bundle ("\"bundle\": []", NULL, "");
  g_autofree char *json_string = make_bundle ("\"bundle\": \"x\"", NULL, "");

  assert_refused (f, "{\"format\": \"myelin-bundle\", \"format_version\": 1, \"articles\": []}",
                  MYELIN_IMPORT_ERROR_INVALID, "/bundle");
  assert_refused (f, json_null, MYELIN_IMPORT_ERROR_INVALID, "/bundle");
  assert_refused (f, json_array, MYELIN_IMPORT_ERROR_INVALID, "/bundle");
  assert_refused (f, json_string, MYELIN_IMPORT_ERROR_INVALID, "/bundle");
}

static void
test_top_articles_missing (Fixture       *f,
                           gconstpointer  data)
{
  assert_refused (f,
                  "{\"format\": \"myelin-bundle\", \"format_version\": 1, \"bundle\": {\"id\": \"x\", \"title\": \"T\", \"revision\": 1}}",
                  MYELIN_IMPORT_ERROR_INVALID, "/articles");
}

static void
test_top_articles_not_array (Fixture       *f,
                             gconstpointer  data)
{
  const char *bad[] = { "\"articles\": {}", "\"articles\": \"a\"", "\"articles\": 3", "\"articles\": null" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = make_bundle (bad[i], NULL, "");
      assert_refused (f, json, MYELIN_IMPORT_ERROR_INVALID, "/articles");
    }
}

static void
test_top_articles_empty (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *json = make_bundle (NULL, NULL, "");
  g_autoptr(MyelinImportReport) report = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  assert_no_problems (report);
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, 0);
  g_assert_cmpuint (count_articles (f), ==, 0);
}

static char *
many_articles (guint n)
{
  GString *out = g_string_sized_new (n * 200);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out,
                            "%s{\"id\":\"a%u\",\"title\":\"T\",\"published\":\"2026-01-01\",\"credibility\":3,"
                            "\"interest\":3,\"key_takeaway\":\"K.\",\"what_they_found\":\"W.\",\"topics\":[\"t\"]}",
                            i > 0 ? ",\n" : "", i);
  return g_string_free (out, FALSE);
}

static void
test_top_articles_too_many (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *over = many_articles (MYELIN_BUNDLE_MAX_ARTICLES + 1);
  g_autofree char *limit = many_articles (MYELIN_BUNDLE_MAX_ARTICLES);
  g_autofree char *json_over = make_bundle (NULL, NULL, over);
  g_autofree char *json_limit = make_bundle (NULL, NULL, limit);
  g_autoptr(MyelinImportReport) report = NULL;

  g_assert_cmpuint (MYELIN_BUNDLE_MAX_ARTICLES, ==, 20000);
  assert_refused (f, json_over, MYELIN_IMPORT_ERROR_TOO_MANY, "/articles");

  report = check_json (f, json_limit, MYELIN_IMPORT_FLAGS_NONE);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_VALID);
  assert_no_problems (report);
}

static void
test_top_unknown_key (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *article = myelin_test_article ("a1", NULL);
  g_autofree char *json = make_bundle ("\"x_future\": {\"a\": [1, 2]}, \"formt\": 1", NULL, article);
  g_autoptr(MyelinImportReport) report = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  assert_no_problems (report);
  assert_warning (report, "/x_future");
  assert_warning (report, "/formt");
  g_assert_cmpuint (count_articles (f), ==, 1);
}

static void
test_top_bad_text_refuses (Fixture       *f,
                           gconstpointer  data)
{
  assert_bundle_invalid (f, "\"title\": \"Bad\\u0000title\"", "/bundle/title");
  assert_bundle_invalid (f, "\"disclaimer\": \"Lone \\ud800\"", "/bundle/disclaimer");
}

/* --- The bundle object -------------------------------------------------- */

static void
test_bundle_id (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id128 = repeat ("A", 128);
  g_autofree char *id129 = repeat ("A", 129);
  g_autofree char *ok = g_strdup_printf ("\"id\": \"%s\"", id128);
  g_autofree char *bad = g_strdup_printf ("\"id\": \"%s\"", id129);
  const char *invalid[] = {
    "\"id\": \"\"",
    "\"id\": \"org example\"",
    "\"id\": \"org/example\"",
    "\"id\": \"café\"",
    "\"id\": \"a+b\"",
    "\"id\": 12",
    "\"id\": null",
  };

  assert_bundle_valid (f, "\"id\": \"org.Example_2.ms-digest\"");
  assert_bundle_valid (f, "\"id\": \"x\"");
  assert_bundle_valid (f, ok);
  assert_bundle_invalid (f, bad, "/bundle/id");
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_bundle_invalid (f, invalid[i], "/bundle/id");
}

static void
test_bundle_id_missing (Fixture       *f,
                        gconstpointer  data)
{
  assert_refused (f,
                  "{\"format\": \"myelin-bundle\", \"format_version\": 1, \"bundle\": {\"title\": \"T\", \"revision\": 1}, \"articles\": []}",
                  MYELIN_IMPORT_ERROR_INVALID, "/bundle/id");
}

static void
test_bundle_title (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *t200 = repeat ("é", 200);
  g_autofree char *t201 = repeat ("e", 201);
  g_autofree char *ok = g_strdup_printf ("\"title\": \"%s\"", t200);
  g_autofree char *bad = g_strdup_printf ("\"title\": \"%s\"", t201);

  assert_bundle_valid (f, ok);
  assert_bundle_invalid (f, bad, "/bundle/title");
  assert_bundle_invalid (f, "\"title\": \"\"", "/bundle/title");
  assert_bundle_invalid (f, "\"title\": \" \\t \"", "/bundle/title");
  assert_bundle_invalid (f, "\"title\": [\"T\"]", "/bundle/title");
  assert_bundle_invalid (f, "\"title\": null", "/bundle/title");
}

static void
test_bundle_revision (Fixture       *f,
                      gconstpointer  data)
{
  const char *invalid[] = {
    "\"revision\": 0",
    "\"revision\": -3",
    "\"revision\": 1.0",
    "\"revision\": 2.5",
    "\"revision\": \"2\"",
    "\"revision\": null",
    "\"revision\": 99999999999999999999",
  };

  assert_bundle_valid (f, "\"revision\": 1");
  assert_bundle_valid (f, "\"revision\": 9007199254740993");
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_bundle_invalid (f, invalid[i], "/bundle/revision");
}

static void
test_bundle_publisher (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *p200 = repeat ("p", 200);
  g_autofree char *p201 = repeat ("p", 201);
  g_autofree char *ok = g_strdup_printf ("\"publisher\": \"%s\"", p200);
  g_autofree char *bad = g_strdup_printf ("\"publisher\": \"%s\"", p201);

  assert_bundle_valid (f, ok);
  assert_bundle_valid (f, "\"publisher\": null");
  assert_bundle_invalid (f, bad, "/bundle/publisher");
  assert_bundle_invalid (f, "\"publisher\": 5", "/bundle/publisher");
}

static void
test_bundle_language (Fixture       *f,
                      gconstpointer  data)
{
  const char *valid[] = { "en", "pt-BR", "zh-Hant-TW", "de-CH-1996", "sgn-BE-FR" };
  const char *invalid[] = { "e", "en_US", "english language", "en-", "-en", "1en", "en-toolongsubtag", "" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"language\": \"%s\"", valid[i]);
      assert_bundle_valid (f, extra);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"language\": \"%s\"", invalid[i]);
      assert_bundle_invalid (f, extra, "/bundle/language");
    }
}

static void
test_bundle_language_default (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *article = myelin_test_article ("a1", NULL);
  g_autofree char *json = make_bundle (NULL, "\"language\": null", article);
  g_autoptr(MyelinImportReport) report = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  g_autoptr(GPtrArray) bundles = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  bundles = myelin_store_list_bundles (fixture_store (f), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bundles->len, ==, 1);
  g_assert_cmpstr (myelin_bundle_info_get_language (g_ptr_array_index (bundles, 0)), ==, "en");
}

static void
test_bundle_published (Fixture       *f,
                       gconstpointer  data)
{
  const char *valid[] = { "2026-01-02", "2026-01-02T10:30:00Z", "2026-01-02T10:30:00+02:00" };
  const char *invalid[] = { "2026-02-30", "yesterday", "02/01/2026", "2026-01-02T25:00:00Z", "" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"published\": \"%s\"", valid[i]);
      assert_bundle_valid (f, extra);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"published\": \"%s\"", invalid[i]);
      assert_bundle_invalid (f, extra, "/bundle/published");
    }
  assert_bundle_invalid (f, "\"published\": 20260102", "/bundle/published");
}

static void
test_bundle_homepage (Fixture       *f,
                      gconstpointer  data)
{
  const char *invalid[] = {
    "javascript:alert(1)", "ftp://example.org/", "file:///etc/passwd", "example.org",
    "https://", "https://exa mple.org/", "",
  };

  assert_bundle_valid (f, "\"homepage\": \"https://example.org/ms\"");
  assert_bundle_valid (f, "\"homepage\": \"http://example.org\"");
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"homepage\": \"%s\"", invalid[i]);
      assert_bundle_invalid (f, extra, "/bundle/homepage");
    }
}

static void
test_bundle_disclaimer (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *d4000 = repeat ("d", 4000);
  g_autofree char *d4001 = repeat ("d", 4001);
  g_autofree char *ok = g_strdup_printf ("\"disclaimer\": \"%s\"", d4000);
  g_autofree char *bad = g_strdup_printf ("\"disclaimer\": \"%s\"", d4001);

  assert_bundle_valid (f, ok);
  assert_bundle_invalid (f, bad, "/bundle/disclaimer");
}

static void
test_bundle_disclaimer_stored (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *article = myelin_test_article ("a1", NULL);
  g_autofree char *json = make_bundle (NULL, "\"disclaimer\": \"  Read the paper.\\r\\n\\r\\nAsk <b>a clinician</b>.  \"", article);
  g_autoptr(MyelinImportReport) report = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  g_autoptr(MyelinArticle) a = NULL;

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  a = myelin_store_get_article (fixture_store (f), BUNDLE_ID, "a1", NULL);
  g_assert_nonnull (a);
  g_assert_cmpstr (myelin_article_get_string (a, MYELIN_ARTICLE_DISCLAIMER), ==,
                   "Read the paper.\n\nAsk <b>a clinician</b>.");
}

static void
test_bundle_unknown_key (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *article = myelin_test_article ("a1", NULL);
  g_autofree char *json = make_bundle (NULL, "\"titel\": \"typo\"", article);
  g_autoptr(MyelinImportReport) report = check_json (f, json, MYELIN_IMPORT_FLAGS_NONE);

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_VALID);
  assert_no_problems (report);
  assert_warning (report, "/bundle/titel");
}

/* --- Articles ----------------------------------------------------------- */

static void
test_article_not_object (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *good = myelin_test_article ("good", NULL);
  g_autofree char *articles = g_strdup_printf ("\"a1\",\n[],\n%s,\nnull", good);
  g_autofree char *json = make_bundle (NULL, NULL, articles);
  g_autoptr(MyelinImportReport) report = check_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  MyelinProblem *problem;

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_VALID);
  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 3);
  problem = myelin_test_find_error (report, "/articles/0");
  assert_located (problem);
  g_assert_cmpint (problem->article_index, ==, 0);
  g_assert_null (problem->article_id);
  assert_located (myelin_test_find_error (report, "/articles/1"));
  assert_located (myelin_test_find_error (report, "/articles/3"));
  g_assert_null (myelin_test_find_error (report, "/articles/2"));
}

static void
test_article_id_missing (Fixture       *f,
                         gconstpointer  data)
{
  assert_article_invalid (f, "\"id\": null", "/articles/0/id");
}

static void
test_article_id_charset (Fixture       *f,
                         gconstpointer  data)
{
  const char *invalid[] = {
    "\"id\": \"Upper\"", "\"id\": \"with space\"", "\"id\": \"under_score\"", "\"id\": \"dot.ted\"",
    "\"id\": \"caf\\u00e9\"", "\"id\": \"a/b\"", "\"id\": 7",
  };

  assert_article_valid (f, "\"id\": \"ms-2026-fatigue-01\"");
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_article_invalid (f, invalid[i], "/articles/0/id");
}

static void
test_article_id_length (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id128 = repeat ("a", 128);
  g_autofree char *id129 = repeat ("a", 129);
  g_autofree char *ok = g_strdup_printf ("\"id\": \"%s\"", id128);
  g_autofree char *bad = g_strdup_printf ("\"id\": \"%s\"", id129);

  assert_article_valid (f, ok);
  assert_article_invalid (f, bad, "/articles/0/id");
  assert_article_invalid (f, "\"id\": \"\"", "/articles/0/id");
}

static void
test_article_id_duplicate (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *first = myelin_test_article ("same", "\"title\": \"First\"");
  g_autofree char *other = myelin_test_article ("other", NULL);
  g_autofree char *second = myelin_test_article ("same", "\"title\": \"Second\"");
  g_autofree char *articles = g_strdup_printf ("%s,\n%s,\n%s", first, other, second);
  g_autofree char *json = make_bundle (NULL, NULL, articles);
  g_autoptr(MyelinImportReport) report = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  g_autoptr(MyelinArticle) article = NULL;
  MyelinProblem *problem;

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, 2);
  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 1);
  problem = myelin_test_find_error (report, "/articles/2/id");
  assert_located (problem);
  g_assert_cmpint (problem->article_index, ==, 2);
  g_assert_cmpstr (problem->article_id, ==, "same");
  g_assert_null (myelin_test_find_error (report, "/articles/0/id"));

  /* The first one is kept. */
  article = myelin_store_get_article (fixture_store (f), BUNDLE_ID, "same", NULL);
  g_assert_nonnull (article);
  g_assert_cmpstr (myelin_article_get_title (article), ==, "First");
}

/* Found by tests/fuzz/fuzz-import (corpus/import/duplicate-id-thrice.json):
 * the second duplicate used to be compared with the freed id of the first,
 * which ASan and valgrind report as a use after free. */
static void
test_article_id_duplicate_many (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GString) articles = g_string_new (NULL);
  g_autoptr(MyelinImportReport) report = NULL;
  g_autofree char *json = NULL;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *same = myelin_test_article ("same", NULL);
      g_autofree char *id = g_strdup_printf ("other-%u", i);
      g_autofree char *other = myelin_test_article (id, NULL);

      g_string_append_printf (articles, "%s%s,\n%s", i ? ",\n" : "", same, other);
    }
  json = make_bundle (NULL, NULL, articles->str);
  report = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, 6);
  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 4);
  for (guint i = 1; i < 5; i++)
    {
      g_autofree char *pointer = g_strdup_printf ("/articles/%u/id", 2 * i);
      g_assert_nonnull (myelin_test_find_error (report, pointer));
    }
  g_assert_null (myelin_test_find_error (report, "/articles/0/id"));
}

static void
test_article_title (Fixture       *f,
                    gconstpointer  data)
{
  check_length (f, "\"title\": \"%s\"", 1, 300, "/articles/0/title");
  assert_article_invalid (f, "\"title\": null", "/articles/0/title");
  assert_article_invalid (f, "\"title\": 42", "/articles/0/title");
}

static void
test_article_published (Fixture       *f,
                        gconstpointer  data)
{
  const char *invalid[] = {
    "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-01-32", "2026-1-1",
    "01/02/2026", "2026-01-01T00:00:00Z", "20260101", "", "yesterday",
  };

  assert_article_valid (f, "\"published\": \"2024-02-29\"");
  assert_article_valid (f, "\"published\": \"1999-12-31\"");
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"published\": \"%s\"", invalid[i]);
      assert_article_invalid (f, extra, "/articles/0/published");
    }
  assert_article_invalid (f, "\"published\": 2026", "/articles/0/published");
  assert_article_invalid (f, "\"published\": null", "/articles/0/published");
}

static void
test_article_updated (Fixture       *f,
                      gconstpointer  data)
{
  assert_article_valid (f, "\"updated\": \"2026-01-01\"");
  assert_article_valid (f, "\"updated\": \"2026-03-15\"");
  assert_article_invalid (f, "\"updated\": \"2025-12-31\"", "/articles/0/updated");
  assert_article_invalid (f, "\"updated\": \"2026-02-30\"", "/articles/0/updated");
  assert_article_invalid (f, "\"updated\": true", "/articles/0/updated");
  assert_stored (f, "\"updated\": \"2026-03-15\"", MYELIN_ARTICLE_UPDATED, "2026-03-15");
}

static void
test_article_teaser_length (Fixture       *f,
                            gconstpointer  data)
{
  check_length (f, "\"teaser\": \"%s\"", 0, 400, "/articles/0/teaser");
  assert_stored (f, "\"teaser\": \"  A given <i>teaser</i>.  \"", MYELIN_ARTICLE_TEASER, "A given <i>teaser</i>.");
}

static void
test_article_teaser_derived (Fixture       *f,
                             gconstpointer  data)
{
  /* No teaser: the first sentence of key_takeaway. */
  assert_stored (f, "\"key_takeaway\": \"Walking practice helps. It is not the whole story.\"",
                 MYELIN_ARTICLE_TEASER, "Walking practice helps.");
}

static void
test_article_teaser_derived_long (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *words = repeat ("word ", 150);
  g_autofree char *extra = g_strdup_printf ("\"key_takeaway\": \"%s\"", words);
  g_autoptr(MyelinArticle) article = import_article (f, extra, NULL);
  const char *teaser = myelin_article_get_string (article, MYELIN_ARTICLE_TEASER);

  /* Still within the teaser's limit, cut at a word. */
  g_assert_nonnull (teaser);
  g_assert_cmpint (g_utf8_strlen (teaser, -1), <=, 400);
  g_assert_true (g_str_has_prefix (teaser, "word word"));
  g_assert_true (g_str_has_suffix (teaser, "word…"));
}

static void
test_article_teaser_null (Fixture       *f,
                          gconstpointer  data)
{
  assert_stored (f, "\"teaser\": null, \"key_takeaway\": \"First one! Then more.\"",
                 MYELIN_ARTICLE_TEASER, "First one!");
}

static void
check_rating (Fixture    *f,
              const char *key)
{
  g_autofree char *pointer = g_strdup_printf ("/articles/0/%s", key);
  const char *invalid[] = { "0", "6", "-1", "3.0", "3.5", "\"3\"", "true", "[3]", "null", "1e0", "99999999999999999999" };
  const char *valid[] = { "1", "5" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"%s\": %s", key, valid[i]);
      assert_article_valid (f, extra);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"%s\": %s", key, invalid[i]);
      assert_article_invalid (f, extra, pointer);
    }
}

static void
test_article_credibility (Fixture       *f,
                          gconstpointer  data)
{
  check_rating (f, "credibility");
}

static void
test_article_interest (Fixture       *f,
                       gconstpointer  data)
{
  check_rating (f, "interest");
}

static void
test_article_ratings_stored (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(MyelinArticle) article = import_article (f, "\"credibility\": 5, \"interest\": 1", NULL);

  g_assert_cmpint (myelin_article_get_credibility (article), ==, 5);
  g_assert_cmpint (myelin_article_get_interest (article), ==, 1);
}

static void
test_article_key_takeaway (Fixture       *f,
                           gconstpointer  data)
{
  check_length (f, "\"key_takeaway\": \"%s\"", 1, 2000, "/articles/0/key_takeaway");
  assert_article_invalid (f, "\"key_takeaway\": null", "/articles/0/key_takeaway");
}

static void
test_article_what_they_found (Fixture       *f,
                              gconstpointer  data)
{
  check_length (f, "\"what_they_found\": \"%s\"", 1, 20000, "/articles/0/what_they_found");
  assert_article_invalid (f, "\"what_they_found\": null", "/articles/0/what_they_found");
}

static void
test_article_who_should_care (Fixture       *f,
                              gconstpointer  data)
{
  check_length (f, "\"who_should_care\": \"%s\"", 0, 20000, "/articles/0/who_should_care");
  assert_article_invalid (f, "\"who_should_care\": {}", "/articles/0/who_should_care");
  assert_stored (f, "\"who_should_care\": \"Everyone.\"", MYELIN_ARTICLE_WHO_SHOULD_CARE, "Everyone.");
}

static void
test_article_important_considerations (Fixture       *f,
                                       gconstpointer  data)
{
  check_length (f, "\"important_considerations\": \"%s\"", 0, 20000, "/articles/0/important_considerations");
  assert_stored (f, "\"important_considerations\": \"Small study.\"",
                 MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS, "Small study.");
}

static void
test_article_topics_count (Fixture       *f,
                           gconstpointer  data)
{
  GString *t32 = g_string_new ("\"topics\": [");
  g_autofree char *ok = NULL;
  g_autofree char *bad = NULL;

  for (guint i = 0; i < 32; i++)
    g_string_append_printf (t32, "%s\"topic %u\"", i > 0 ? ", " : "", i);
  ok = g_strconcat (t32->str, "]", NULL);
  bad = g_strconcat (t32->str, ", \"one more\"]", NULL);
  g_string_free (t32, TRUE);

  assert_article_valid (f, ok);
  assert_article_invalid (f, bad, "/articles/0/topics");
  assert_article_invalid (f, "\"topics\": []", "/articles/0/topics");
  assert_article_invalid (f, "\"topics\": null", "/articles/0/topics");
  assert_article_invalid (f, "\"topics\": \"Fatigue\"", "/articles/0/topics");
}

static void
test_article_topics_items (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *t64 = repeat ("é", 64);
  g_autofree char *t65 = repeat ("t", 65);
  g_autofree char *ok = g_strdup_printf ("\"topics\": [\"%s\"]", t64);
  g_autofree char *bad = g_strdup_printf ("\"topics\": [\"Fatigue\", \"%s\"]", t65);

  assert_article_valid (f, ok);
  assert_article_invalid (f, bad, "/articles/0/topics/1");
  assert_article_invalid (f, "\"topics\": [\"Fatigue\", \"\"]", "/articles/0/topics/1");
  assert_article_invalid (f, "\"topics\": [\"  \"]", "/articles/0/topics/0");
  assert_article_invalid (f, "\"topics\": [\"Fatigue\", 3]", "/articles/0/topics/1");
  assert_article_invalid (f, "\"topics\": [null]", "/articles/0/topics/0");
}

static void
test_article_topics_case_merged (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(MyelinArticle) article =
    import_article (f, "\"topics\": [\"Fatigue\", \"Sleep\", \"fatigue\", \" FATIGUE \", \"SLEEP\", \"Diet\"]", NULL);

  /* The first spelling is kept, in the given order. */
  assert_strv (myelin_article_get_topics (article), "Fatigue|Sleep|Diet");
}

static void
test_article_source_not_object (Fixture       *f,
                                gconstpointer  data)
{
  assert_article_invalid (f, "\"source\": \"Lancet\"", "/articles/0/source");
  assert_article_invalid (f, "\"source\": []", "/articles/0/source");
  assert_article_valid (f, "\"source\": {}");
  assert_article_valid (f, "\"source\": null");
}

static void
test_article_source_journal (Fixture       *f,
                             gconstpointer  data)
{
  check_length (f, "\"source\": {\"journal\": \"%s\"}", 0, 300, "/articles/0/source/journal");
}

static void
test_article_source_title (Fixture       *f,
                           gconstpointer  data)
{
  check_length (f, "\"source\": {\"title\": \"%s\"}", 0, 500, "/articles/0/source/title");
}

static void
test_article_source_authors (Fixture       *f,
                             gconstpointer  data)
{
  GString *a100 = g_string_new ("\"source\": {\"authors\": [");
  g_autofree char *ok = NULL;
  g_autofree char *bad = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (a100, "%s\"Author %u\"", i > 0 ? ", " : "", i);
  ok = g_strconcat (a100->str, "]}", NULL);
  bad = g_strconcat (a100->str, ", \"Author 100\"]}", NULL);
  g_string_free (a100, TRUE);

  assert_article_valid (f, ok);
  assert_article_valid (f, "\"source\": {\"authors\": []}");
  assert_article_invalid (f, bad, "/articles/0/source/authors");
  assert_article_invalid (f, "\"source\": {\"authors\": \"A. Author\"}", "/articles/0/source/authors");
  assert_article_invalid (f, "\"source\": {\"authors\": [\"A. Author\", 2]}", "/articles/0/source/authors/1");
}

static void
test_article_source_year (Fixture       *f,
                          gconstpointer  data)
{
  assert_article_valid (f, "\"source\": {\"year\": 1800}");
  assert_article_valid (f, "\"source\": {\"year\": 2100}");
  assert_article_invalid (f, "\"source\": {\"year\": 1799}", "/articles/0/source/year");
  assert_article_invalid (f, "\"source\": {\"year\": 2101}", "/articles/0/source/year");
  assert_article_invalid (f, "\"source\": {\"year\": \"2025\"}", "/articles/0/source/year");
  assert_article_invalid (f, "\"source\": {\"year\": 2025.0}", "/articles/0/source/year");
}

static void
test_article_source_doi (Fixture       *f,
                         gconstpointer  data)
{
  const char *valid[] = { "10.1016/j.jbmt.2025.01.004", "10.1234/x", "10.123456789/(abc)<>" };
  const char *invalid[] = {
    "10.123/abc", "10.1234567890/abc", "10.1234/", "10.1234 /abc", "10.1234/a b", "11.1234/abc",
    "doi:10.1234/abc", "https://doi.org/10.1234/abc", "10.12a4/abc", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"source\": {\"doi\": \"%s\"}", valid[i]);
      assert_article_valid (f, extra);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"source\": {\"doi\": \"%s\"}", invalid[i]);
      assert_article_invalid (f, extra, "/articles/0/source/doi");
    }
}

static void
test_article_source_url (Fixture       *f,
                         gconstpointer  data)
{
  const char *invalid[] = {
    "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hi", "ftp://example.org/x",
    "//example.org/x", "example.org", "https:///path", "",
  };

  assert_article_valid (f, "\"source\": {\"url\": \"https://example.org/paper?id=1&x=2\"}");
  assert_article_valid (f, "\"source\": {\"url\": \"HTTP://example.org/\"}");
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"source\": {\"url\": \"%s\"}", invalid[i]);
      assert_article_invalid (f, extra, "/articles/0/source/url");
    }
}

static void
test_article_source_design (Fixture       *f,
                            gconstpointer  data)
{
  check_length (f, "\"source\": {\"design\": \"%s\"}", 0, 100, "/articles/0/source/design");
}

static void
test_article_source_counts (Fixture       *f,
                            gconstpointer  data)
{
  assert_article_valid (f, "\"source\": {\"participants\": 0, \"studies\": 0}");
  assert_article_valid (f, "\"source\": {\"participants\": 123456789, \"studies\": 9}");
  assert_article_invalid (f, "\"source\": {\"participants\": -1}", "/articles/0/source/participants");
  assert_article_invalid (f, "\"source\": {\"participants\": 12.5}", "/articles/0/source/participants");
  assert_article_invalid (f, "\"source\": {\"studies\": -1}", "/articles/0/source/studies");
  assert_article_invalid (f, "\"source\": {\"studies\": \"9\"}", "/articles/0/source/studies");
}

static void
test_article_source_stored (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(MyelinArticle) article =
    import_article (f,
                    "\"source\": {\"journal\": \" J. <Test> \", \"title\": \"Paper\", \"authors\": [\"A. One\", \"B. Two\"],"
                    " \"year\": 2025, \"doi\": \"10.1234/abc\", \"url\": \"https://example.org/p\","
                    " \"design\": \"systematic review\", \"participants\": 197, \"studies\": 9}",
                    NULL);

  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_SOURCE_JOURNAL), ==, "J. <Test>");
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_SOURCE_TITLE), ==, "Paper");
  assert_strv (myelin_article_get_strv (article, MYELIN_ARTICLE_SOURCE_AUTHORS), "A. One|B. Two");
  g_assert_cmpint (myelin_article_get_int (article, MYELIN_ARTICLE_SOURCE_YEAR), ==, 2025);
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_SOURCE_DOI), ==, "10.1234/abc");
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_SOURCE_URL), ==, "https://example.org/p");
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_SOURCE_DESIGN), ==, "systematic review");
  g_assert_cmpint (myelin_article_get_int (article, MYELIN_ARTICLE_SOURCE_PARTICIPANTS), ==, 197);
  g_assert_cmpint (myelin_article_get_int (article, MYELIN_ARTICLE_SOURCE_STUDIES), ==, 9);
}

static void
test_article_related_count (Fixture       *f,
                            gconstpointer  data)
{
  GString *r = g_string_new ("\"related\": [");
  g_autofree char *ok = NULL;
  g_autofree char *bad = NULL;

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (r, "%s\"good\"", i > 0 ? ", " : "");
  ok = g_strconcat (r->str, "]", NULL);
  bad = g_strconcat (r->str, ", \"good\"]", NULL);
  g_string_free (r, TRUE);

  assert_article_invalid (f, bad, "/articles/0/related");
  assert_article_invalid (f, "\"related\": \"good\"", "/articles/0/related");
  assert_article_invalid (f, "\"related\": [1]", "/articles/0/related/0");
  {
    /* Twenty is fine (here all the same id, which is kept once). */
    g_autofree char *good = myelin_test_article ("good", NULL);
    g_autofree char *a1 = myelin_test_article ("a1", ok);
    g_autofree char *articles = g_strdup_printf ("%s,\n%s", a1, good);
    g_autofree char *json = make_bundle (NULL, NULL, articles);
    g_autoptr(MyelinImportReport) report = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
    g_autoptr(MyelinArticle) article = NULL;

    assert_no_problems (report);
    article = myelin_store_get_article (fixture_store (f), BUNDLE_ID, "a1", NULL);
    assert_strv (myelin_article_get_strv (article, MYELIN_ARTICLE_RELATED), "good");
  }
}

static void
test_article_related_unknown (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *a1 = myelin_test_article ("a1", "\"related\": [\"a2\", \"nowhere\", \"a3\", \"a1\"]");
  g_autofree char *a2 = myelin_test_article ("a2", NULL);
  g_autofree char *a3 = myelin_test_article ("a3", NULL);
  g_autofree char *articles = g_strdup_printf ("%s,\n%s,\n%s", a1, a2, a3);
  g_autofree char *json = make_bundle (NULL, NULL, articles);
  g_autoptr(MyelinImportReport) report = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  g_autoptr(MyelinArticle) article = NULL;
  MyelinProblem *warning;

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  assert_no_problems (report);
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, 3);
  warning = myelin_test_find_warning (report, "/articles/0/related/1");
  assert_located (warning);
  g_assert_cmpint (warning->article_index, ==, 0);
  g_assert_cmpstr (warning->article_id, ==, "a1");
  /* Itself is not a related article either. */
  assert_warning (report, "/articles/0/related/3");
  g_assert_null (myelin_test_find_warning (report, "/articles/0/related/0"));

  article = myelin_store_get_article (fixture_store (f), BUNDLE_ID, "a1", NULL);
  assert_strv (myelin_article_get_strv (article, MYELIN_ARTICLE_RELATED), "a2|a3");
}

static void
test_article_related_to_skipped (Fixture       *f,
                                 gconstpointer  data)
{
  /* An id of an article that was skipped is not in the library either. */
  g_autofree char *a1 = myelin_test_article ("a1", "\"related\": [\"broken\"]");
  g_autofree char *broken = myelin_test_article ("broken", "\"credibility\": 9");
  g_autofree char *articles = g_strdup_printf ("%s,\n%s", a1, broken);
  g_autofree char *json = make_bundle (NULL, NULL, articles);
  g_autoptr(MyelinImportReport) report = check_json (f, json, MYELIN_IMPORT_FLAGS_NONE);

  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 1);
  assert_warning (report, "/articles/0/related/0");
}

/* --- Images ------------------------------------------------------------- */

static void
test_image_png (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MyelinArticle) article = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;

  write_png (f->bundle_dir, "images/brain.png");
  article = import_article (f, "\"image\": {\"path\": \"images/brain.png\", \"alt\": \" An MRI scan \"}", NULL);
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_IMAGE_PATH), ==, "images/brain.png");
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_IMAGE_ALT), ==, "An MRI scan");

  bytes = myelin_store_get_image (fixture_store (f), BUNDLE_ID, "a1", &type, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpstr (type, ==, "image/png");
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 8);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 8, PNG_SIGNATURE, 8);
}

static void
test_image_jpeg (Fixture       *f,
                 gconstpointer  data)
{
  static const char jpeg[] = "\xff\xd8\xff\xe0 not really a jpeg";
  g_autoptr(MyelinArticle) article = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *type = NULL;

  write_bytes (f->bundle_dir, "photo.jpg", jpeg, sizeof jpeg - 1);
  article = import_article (f, "\"image\": {\"path\": \"./photo.jpg\", \"alt\": \"A photo\"}", NULL);
  bytes = myelin_store_get_image (fixture_store (f), BUNDLE_ID, "a1", &type, NULL);
  g_assert_nonnull (bytes);
  g_assert_cmpstr (type, ==, "image/jpeg");
}

static void
test_image_absolute_path (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->bundle_dir, "x.png", NULL);
  g_autofree char *extra = g_strdup_printf ("\"image\": {\"path\": \"%s\", \"alt\": \"A\"}", path);

  /* Even when it points into the bundle's folder. */
  write_png (f->bundle_dir, "x.png");
  assert_article_invalid (f, extra, "/articles/0/image/path");
  assert_article_invalid (f, "\"image\": {\"path\": \"/etc/passwd\", \"alt\": \"A\"}", "/articles/0/image/path");
}

static void
test_image_dotdot (Fixture       *f,
                   gconstpointer  data)
{
  write_png (f->dir, "outside.png");
  write_png (f->bundle_dir, "images/x.png");
  assert_article_invalid (f, "\"image\": {\"path\": \"../outside.png\", \"alt\": \"A\"}", "/articles/0/image/path");
  /* Even one that comes back inside. */
  assert_article_invalid (f, "\"image\": {\"path\": \"images/../images/x.png\", \"alt\": \"A\"}", "/articles/0/image/path");
}

static void
test_image_symlink_outside (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *target = g_build_filename (f->dir, "outside.png", NULL);
  g_autofree char *link = g_build_filename (f->bundle_dir, "link.png", NULL);
  g_autofree char *dir_link = g_build_filename (f->bundle_dir, "images", NULL);

  write_png (f->dir, "outside.png");
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (symlink (f->dir, dir_link), ==, 0);
  assert_article_invalid (f, "\"image\": {\"path\": \"link.png\", \"alt\": \"A\"}", "/articles/0/image/path");
  /* A linked folder leads out just as well. */
  assert_article_invalid (f, "\"image\": {\"path\": \"images/outside.png\", \"alt\": \"A\"}", "/articles/0/image/path");
}

static void
test_image_symlink_inside (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *link = g_build_filename (f->bundle_dir, "link.png", NULL);
  g_autoptr(MyelinArticle) article = NULL;
  g_autoptr(GBytes) bytes = NULL;

  write_png (f->bundle_dir, "images/real.png");
  g_assert_cmpint (symlink ("images/real.png", link), ==, 0);
  article = import_article (f, "\"image\": {\"path\": \"link.png\", \"alt\": \"A\"}", NULL);
  bytes = myelin_store_get_image (fixture_store (f), BUNDLE_ID, "a1", NULL, NULL);
  g_assert_nonnull (bytes);
}

static void
assert_image_dropped (Fixture    *f,
                      const char *extra)
{
  g_autoptr(MyelinImportReport) report = NULL;
  g_autoptr(MyelinArticle) article = import_article (f, extra, &report);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  assert_warning (report, "/articles/0/image/path");
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, 1);
  g_assert_null (myelin_article_get_string (article, MYELIN_ARTICLE_IMAGE_PATH));
  bytes = myelin_store_get_image (fixture_store (f), BUNDLE_ID, "a1", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (bytes);
}

static void
test_image_missing_file (Fixture       *f,
                         gconstpointer  data)
{
  assert_image_dropped (f, "\"image\": {\"path\": \"images/none.png\", \"alt\": \"A\"}");
}

static void
test_image_not_png (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = myelin_test_write_file (f->bundle_dir, "fake.png", "<svg>not a png</svg>");

  assert_image_dropped (f, "\"image\": {\"path\": \"fake.png\", \"alt\": \"A\"}");
}

static void
test_image_too_large (Fixture       *f,
                      gconstpointer  data)
{
  gsize size = MYELIN_BUNDLE_MAX_IMAGE_SIZE + 1;
  g_autofree char *big = g_malloc0 (size);

  memcpy (big, PNG_SIGNATURE, 8);
  write_bytes (f->bundle_dir, "big.png", big, size);
  assert_image_dropped (f, "\"image\": {\"path\": \"big.png\", \"alt\": \"A\"}");
}

static void
test_image_not_a_file (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->bundle_dir, "images", NULL);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_image_dropped (f, "\"image\": {\"path\": \"images\", \"alt\": \"A\"}");
}

static void
test_image_alt (Fixture       *f,
                gconstpointer  data)
{
  write_png (f->bundle_dir, "x.png");
  check_length (f, "\"image\": {\"path\": \"x.png\", \"alt\": \"%s\"}", 1, 300, "/articles/0/image/alt");
  assert_article_invalid (f, "\"image\": {\"path\": \"x.png\"}", "/articles/0/image/alt");
  assert_article_invalid (f, "\"image\": {\"path\": \"x.png\", \"alt\": null}", "/articles/0/image/alt");
}

static void
test_image_path_required (Fixture       *f,
                          gconstpointer  data)
{
  assert_article_invalid (f, "\"image\": {\"alt\": \"A\"}", "/articles/0/image/path");
  assert_article_invalid (f, "\"image\": {\"path\": \"\", \"alt\": \"A\"}", "/articles/0/image/path");
  assert_article_invalid (f, "\"image\": {\"path\": 3, \"alt\": \"A\"}", "/articles/0/image/path");
  assert_article_invalid (f, "\"image\": \"x.png\"", "/articles/0/image");
}

/* --- Review and retraction ---------------------------------------------- */

static void
test_review (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *by200 = repeat ("r", 200);
  g_autofree char *by201 = repeat ("r", 201);
  g_autofree char *ok = g_strdup_printf ("\"review\": {\"reviewed_by\": \"%s\"}", by200);
  g_autofree char *bad = g_strdup_printf ("\"review\": {\"reviewed_by\": \"%s\"}", by201);

  assert_article_valid (f, "\"review\": {}");
  assert_article_valid (f, ok);
  assert_article_invalid (f, bad, "/articles/0/review/reviewed_by");
  assert_article_invalid (f, "\"review\": {\"ai_generated\": \"yes\"}", "/articles/0/review/ai_generated");
  assert_article_invalid (f, "\"review\": {\"ai_generated\": 1}", "/articles/0/review/ai_generated");
  assert_article_invalid (f, "\"review\": {\"reviewed\": \"2026-02-30\"}", "/articles/0/review/reviewed");
  assert_article_invalid (f, "\"review\": {\"next_review\": \"next year\"}", "/articles/0/review/next_review");
  assert_article_invalid (f, "\"review\": true", "/articles/0/review");
}

static void
test_review_stored (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MyelinArticle) article =
    import_article (f, "\"review\": {\"ai_generated\": true, \"reviewed_by\": \"Dr. A\", \"reviewed\": \"2026-01-02\", \"next_review\": \"2027-01-02\"}", NULL);
  g_autoptr(MyelinArticle) unknown = NULL;

  g_assert_cmpint (myelin_article_get_int (article, MYELIN_ARTICLE_REVIEW_AI_GENERATED), ==, 1);
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_REVIEW_REVIEWED_BY), ==, "Dr. A");
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_REVIEW_REVIEWED), ==, "2026-01-02");
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_REVIEW_NEXT_REVIEW), ==, "2027-01-02");

  /* Not said is not "false". */
  {
    g_autofree char *a2 = myelin_test_article ("a1", "\"review\": {\"ai_generated\": null}");
    g_autofree char *json = make_bundle (NULL, "\"revision\": 2", a2);
    g_autoptr(MyelinImportReport) report = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);

    g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_UPDATED);
    unknown = myelin_store_get_article (fixture_store (f), BUNDLE_ID, "a1", NULL);
    g_assert_cmpint (myelin_article_get_int (unknown, MYELIN_ARTICLE_REVIEW_AI_GENERATED), ==, -1);
  }
}

static void
test_retracted (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *n4000 = repeat ("n", 4000);
  g_autofree char *n4001 = repeat ("n", 4001);
  g_autofree char *ok = g_strdup_printf ("\"retracted\": {\"note\": \"%s\"}", n4000);
  g_autofree char *bad = g_strdup_printf ("\"retracted\": {\"note\": \"%s\"}", n4001);

  assert_article_valid (f, "\"retracted\": {}");
  assert_article_valid (f, ok);
  assert_article_invalid (f, bad, "/articles/0/retracted/note");
  assert_article_invalid (f, "\"retracted\": {\"date\": \"2026-02-30\"}", "/articles/0/retracted/date");
  assert_article_invalid (f, "\"retracted\": {\"url\": \"javascript:alert(1)\"}", "/articles/0/retracted/url");
  assert_article_invalid (f, "\"retracted\": true", "/articles/0/retracted");
}

static void
test_retracted_stored (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MyelinArticle) article =
    import_article (f, "\"retracted\": {\"date\": \"2026-02-01\", \"note\": \"Data were fabricated.\", \"url\": \"https://example.org/r\"}", NULL);

  g_assert_true (myelin_article_get_boolean (article, MYELIN_ARTICLE_RETRACTED));
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_RETRACTED_DATE), ==, "2026-02-01");
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_RETRACTED_NOTE), ==, "Data were fabricated.");
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_RETRACTED_URL), ==, "https://example.org/r");
}

static void
test_retracted_absent (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(MyelinArticle) article = import_article (f, "\"retracted\": null", NULL);

  g_assert_false (myelin_article_get_boolean (article, MYELIN_ARTICLE_RETRACTED));
}

/* --- Text --------------------------------------------------------------- */

static void
test_text_line_ends (Fixture       *f,
                     gconstpointer  data)
{
  assert_stored (f, "\"what_they_found\": \"One\\r\\nTwo\\rThree\\n\\r\\nFour\\r\\rFive\"",
                 MYELIN_ARTICLE_WHAT_THEY_FOUND, "One\nTwo\nThree\n\nFour\n\nFive");
}

static void
test_text_trimmed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MyelinArticle) article =
    import_article (f, "\"title\": \"\\n\\t  Spaced title \\r\\n\", \"what_they_found\": \"  First.\\n\\nSecond.  \\n\"", NULL);

  g_assert_cmpstr (myelin_article_get_title (article), ==, "Spaced title");
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_WHAT_THEY_FOUND), ==, "First.\n\nSecond.");
}

static void
test_text_markup_literal (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MyelinArticle) article =
    import_article (f,
                    "\"title\": \"<b>Bold</b> &amp; <a href=\\\"x\\\">link</a>\","
                    " \"key_takeaway\": \"Use &lt;care&gt; & <script>alert(1)</script>.\"",
                    NULL);

  g_assert_cmpstr (myelin_article_get_title (article), ==, "<b>Bold</b> &amp; <a href=\"x\">link</a>");
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_KEY_TAKEAWAY), ==,
                   "Use &lt;care&gt; & <script>alert(1)</script>.");
}

static void
test_text_tab_newline_allowed (Fixture       *f,
                               gconstpointer  data)
{
  assert_stored (f, "\"what_they_found\": \"a\\tb\\nc\\u0009d\\u000ae\"",
                 MYELIN_ARTICLE_WHAT_THEY_FOUND, "a\tb\nc\td\ne");
}

static void
test_text_nul (Fixture       *f,
               gconstpointer  data)
{
  assert_article_invalid (f, "\"what_they_found\": \"Before\\u0000after\"", "/articles/0/what_they_found");
  assert_article_invalid (f, "\"topics\": [\"ok\", \"bad\\u0000\"]", "/articles/0/topics/1");
  assert_article_invalid (f, "\"source\": {\"title\": \"\\u0000\"}", "/articles/0/source/title");
}

static void
test_text_control (Fixture       *f,
                   gconstpointer  data)
{
  const char *controls[] = { "\\u0001", "\\u001b", "\\u001F", "\\b", "\\f", "\\u000b" };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"title\": \"Bell%s\"", controls[i]);
      assert_article_invalid (f, extra, "/articles/0/title");
    }
}

static void
test_text_lone_surrogate (Fixture       *f,
                          gconstpointer  data)
{
  assert_article_invalid (f, "\"key_takeaway\": \"Broken \\ud800 text.\"", "/articles/0/key_takeaway");
  assert_article_invalid (f, "\"key_takeaway\": \"Broken \\udc00 text.\"", "/articles/0/key_takeaway");
  assert_article_invalid (f, "\"image\": {\"path\": \"x.png\", \"alt\": \"\\ud83d\"}", "/articles/0/image/alt");
  /* A pair is one character. */
  assert_stored (f, "\"title\": \"Smile \\ud83d\\ude00\"", MYELIN_ARTICLE_TITLE, "Smile 😀");
}

static void
test_text_bad_value_anywhere (Fixture       *f,
                              gconstpointer  data)
{
  /* Even under an unknown key, the text is in this article. */
  assert_article_invalid (f, "\"x_note\": \"\\u0000\"", "/articles/0/x_note");
  /* A key that holds one names its object. */
  assert_article_invalid (f, "\"source\": {\"jour\\u0000nal\": \"J\"}", "/articles/0/source");
  /* A number json-glib cannot hold. */
  assert_article_invalid (f, "\"source\": {\"participants\": 123456789012345678901234}", "/articles/0/source/participants");
}

/* --- null, repeated and unknown keys ------------------------------------ */

static void
test_null_optional (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MyelinArticle) article =
    import_article (f,
                    "\"updated\": null, \"teaser\": null, \"who_should_care\": null,"
                    " \"important_considerations\": null, \"source\": null, \"related\": null,"
                    " \"image\": null, \"review\": null, \"retracted\": null",
                    NULL);

  g_assert_null (myelin_article_get_string (article, MYELIN_ARTICLE_UPDATED));
  g_assert_null (myelin_article_get_string (article, MYELIN_ARTICLE_WHO_SHOULD_CARE));
  g_assert_null (myelin_article_get_string (article, MYELIN_ARTICLE_SOURCE_JOURNAL));
  g_assert_null (myelin_article_get_string (article, MYELIN_ARTICLE_IMAGE_PATH));
  g_assert_cmpstr (myelin_article_get_teaser (article), ==, "Takeaway of a1.");
  g_assert_false (myelin_article_get_boolean (article, MYELIN_ARTICLE_RETRACTED));
}

static void
test_null_optional_nested (Fixture       *f,
                           gconstpointer  data)
{
  assert_article_valid (f,
                        "\"source\": {\"journal\": null, \"title\": null, \"authors\": null, \"year\": null,"
                        " \"doi\": null, \"url\": null, \"design\": null, \"participants\": null, \"studies\": null},"
                        " \"review\": {\"ai_generated\": null, \"reviewed_by\": null, \"reviewed\": null, \"next_review\": null},"
                        " \"retracted\": {\"date\": null, \"note\": null, \"url\": null}");
}

static void
test_null_required (Fixture       *f,
                    gconstpointer  data)
{
  const char *keys[] = { "id", "title", "published", "credibility", "interest", "key_takeaway", "what_they_found", "topics" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"%s\": null", keys[i]);
      g_autofree char *pointer = g_strdup_printf ("/articles/0/%s", keys[i]);
      assert_article_invalid (f, extra, pointer);
    }
}

static void
test_missing_required (Fixture       *f,
                       gconstpointer  data)
{
  /* Truly absent, not null. */
  const char *bad =
    "{\"id\": \"bad\", \"title\": \"T\", \"published\": \"2026-01-01\", \"interest\": 3,"
    " \"key_takeaway\": \"K.\", \"what_they_found\": \"W.\", \"topics\": [\"t\"]}";
  g_autofree char *good = myelin_test_article ("good", NULL);
  g_autofree char *articles = g_strdup_printf ("%s,\n%s", bad, good);
  g_autofree char *json = make_bundle (NULL, NULL, articles);
  g_autoptr(MyelinImportReport) report = check_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  MyelinProblem *problem;

  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 1);
  problem = myelin_test_find_error (report, "/articles/0/credibility");
  assert_located (problem);
  g_assert_cmpstr (problem->article_id, ==, "bad");
  /* Located at the article, since the key has no value. */
  g_assert_cmpuint (problem->line, ==, 6);
  g_assert_cmpuint (problem->column, ==, 1);
}

static void
test_repeated_key (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *json = NULL;
  g_autoptr(MyelinImportReport) report = NULL;
  MyelinProblem *problem;

  /* The helper's article already says 3; the last one counts. */
  {
    g_autoptr(MyelinArticle) article = import_article (f, "\"credibility\": 9, \"credibility\": 5", NULL);
    g_assert_cmpint (myelin_article_get_credibility (article), ==, 5);
  }
  assert_article_invalid (f, "\"credibility\": 9", "/articles/0/credibility");

  /* The error points at the value that counts, on its own line. */
  json = one_article ("\n\"title\": \"ok\",\n  \"credibility\": 0");
  report = check_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  problem = myelin_test_find_error (report, "/articles/0/credibility");
  assert_located (problem);
  g_assert_cmpuint (problem->line, ==, 8);
  g_assert_cmpuint (problem->column, ==, 18);
}

static void
test_unknown_key_article (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MyelinImportReport) report = NULL;
  g_autoptr(MyelinArticle) article =
    import_article (f, "\"credibilty\": 9, \"source\": {\"jornal\": \"J\"}, \"image\": null, \"review\": {\"by\": \"x\"}", &report);
  MyelinProblem *warning = myelin_test_find_warning (report, "/articles/0/credibilty");

  assert_located (warning);
  g_assert_cmpint (warning->article_index, ==, 0);
  g_assert_nonnull (strstr (warning->message, "credibilty"));
  assert_warning (report, "/articles/0/source/jornal");
  assert_warning (report, "/articles/0/review/by");
  g_assert_cmpint (myelin_article_get_credibility (article), ==, 3);
}

static void
test_unknown_key_escaped_pointer (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(MyelinImportReport) report = NULL;
  g_autoptr(MyelinArticle) article = import_article (f, "\"x/y~z\": 1", &report);

  assert_warning (report, "/articles/0/x~1y~0z");
}

/* --- Strict mode, refusals and the report ------------------------------- */

static char *
revision_with (gint64      revision,
               const char *bad_extra)
{
  g_autofree char *a1 = myelin_test_article ("a1", NULL);
  g_autofree char *a2 = myelin_test_article ("a2", bad_extra);
  g_autofree char *rev = g_strdup_printf ("\"revision\": %" G_GINT64_FORMAT, revision);
  g_autofree char *articles = g_strdup_printf ("%s,\n%s", a1, a2);

  return make_bundle (NULL, rev, articles);
}

static void
test_strict_refuses (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *rev1 = revision_with (1, "\"title\": \"First\"");
  g_autofree char *rev2 = revision_with (2, "\"credibility\": 6");
  g_autoptr(MyelinImportReport) first = import_json (f, rev1, MYELIN_IMPORT_FLAGS_NONE);
  g_autoptr(MyelinImportReport) report = import_json (f, rev2, MYELIN_IMPORT_FLAGS_STRICT);
  g_autoptr(GPtrArray) bundles = NULL;
  g_autoptr(MyelinArticle) a2 = NULL;

  g_assert_cmpint (myelin_import_report_get_status (first), ==, MYELIN_IMPORT_STATUS_ADDED);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_REFUSED);
  g_assert_error ((GError *) myelin_import_report_get_refusal (report), MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_STRICT);
  assert_located (myelin_test_find_error (report, "/articles/1/credibility"));
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, 0);
  g_assert_cmpuint (myelin_import_report_get_updated (report), ==, 0);

  /* The library still holds revision 1, whole. */
  bundles = myelin_store_list_bundles (fixture_store (f), NULL);
  g_assert_cmpuint (bundles->len, ==, 1);
  g_assert_cmpint (myelin_bundle_info_get_revision (g_ptr_array_index (bundles, 0)), ==, 1);
  g_assert_cmpuint (count_articles (f), ==, 2);
  a2 = myelin_store_get_article (fixture_store (f), BUNDLE_ID, "a2", NULL);
  g_assert_cmpstr (myelin_article_get_title (a2), ==, "First");
}

static void
test_strict_valid (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *json = revision_with (1, NULL);
  g_autoptr(MyelinImportReport) report = import_json (f, json, MYELIN_IMPORT_FLAGS_STRICT);

  /* Warnings do not count against strict mode. */
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, 2);
}

static void
test_refused_library_unchanged (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *rev1 = revision_with (1, NULL);
  g_autofree char *a1 = myelin_test_article ("a1", "\"title\": \"New\"");
  g_autofree char *bad_bundle = make_bundle (NULL, "\"revision\": 2, \"homepage\": \"javascript:x\"", a1);
  g_autoptr(MyelinImportReport) first = import_json (f, rev1, MYELIN_IMPORT_FLAGS_NONE);
  g_autoptr(MyelinImportReport) report = import_json (f, bad_bundle, MYELIN_IMPORT_FLAGS_NONE);
  g_autoptr(MyelinArticle) article = NULL;

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_REFUSED);
  g_assert_error ((GError *) myelin_import_report_get_refusal (report), MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_INVALID);
  assert_located (myelin_test_find_error (report, "/bundle/homepage"));
  g_assert_cmpuint (count_articles (f), ==, 2);
  article = myelin_store_get_article (fixture_store (f), BUNDLE_ID, "a1", NULL);
  g_assert_cmpstr (myelin_article_get_title (article), ==, "Article a1");
}

static void
test_report_counts (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a1 = myelin_test_article ("a1", NULL);
  g_autofree char *a2 = myelin_test_article ("a2", "\"interest\": 0, \"credibility\": 0");
  g_autofree char *a3 = myelin_test_article ("a3", "\"unknown_one\": 1");
  g_autofree char *a4 = myelin_test_article ("a4", "\"published\": \"2026-02-30\"");
  g_autofree char *a5 = myelin_test_article ("a5", NULL);
  g_autofree char *articles = g_strdup_printf ("%s,\n%s,\n%s,\n%s,\n%s", a1, a2, a3, a4, a5);
  g_autofree char *json = make_bundle (NULL, NULL, articles);
  g_autoptr(MyelinImportReport) check = check_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  g_autoptr(MyelinImportReport) report = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  g_autoptr(MyelinImportReport) again = import_json (f, json, MYELIN_IMPORT_FLAGS_NONE);
  MyelinProblem *problem;

  g_assert_cmpint (myelin_import_report_get_status (check), ==, MYELIN_IMPORT_STATUS_VALID);
  g_assert_cmpuint (myelin_import_report_get_skipped (check), ==, 2);
  g_assert_cmpuint (count_articles (f), ==, 3);

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  g_assert_cmpstr (myelin_import_report_get_bundle_id (report), ==, BUNDLE_ID);
  g_assert_cmpstr (myelin_import_report_get_bundle_title (report), ==, "Test bundle");
  g_assert_cmpint (myelin_import_report_get_revision_before (report), ==, 0);
  g_assert_cmpint (myelin_import_report_get_revision_after (report), ==, 1);
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, 3);
  g_assert_cmpuint (myelin_import_report_get_updated (report), ==, 0);
  g_assert_cmpuint (myelin_import_report_get_removed (report), ==, 0);
  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 2);
  /* Every error, not only the first of each article. */
  g_assert_cmpuint (myelin_import_report_get_errors (report)->len, ==, 3);
  g_assert_cmpuint (myelin_import_report_get_warnings (report)->len, ==, 1);
  problem = myelin_test_find_error (report, "/articles/1/interest");
  assert_located (problem);
  g_assert_cmpint (problem->article_index, ==, 1);
  g_assert_cmpstr (problem->article_id, ==, "a2");
  assert_located (myelin_test_find_error (report, "/articles/1/credibility"));
  problem = myelin_test_find_error (report, "/articles/3/published");
  assert_located (problem);
  g_assert_cmpint (problem->article_index, ==, 3);
  g_assert_cmpstr (problem->article_id, ==, "a4");

  g_assert_cmpint (myelin_import_report_get_status (again), ==, MYELIN_IMPORT_STATUS_UP_TO_DATE);
  g_assert_cmpuint (count_articles (f), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/bundle/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("file/size-limit", test_file_size_limit);
  ADD ("file/size-checked-before-parsing", test_file_size_checked_before_parsing);
  ADD ("file/unreadable", test_file_unreadable);
  ADD ("file/bom-tolerated", test_file_bom);
  ADD ("file/not-utf8", test_file_not_utf8);
  ADD ("file/utf16", test_file_utf16);
  ADD ("file/too-deep", test_file_too_deep);
  ADD ("file/syntax-error-position", test_file_syntax_error);
  ADD ("file/syntax-lenient-forms", test_file_syntax_lenient_forms);
  ADD ("file/nul-byte", test_file_nul_byte);

  ADD ("top/not-object", test_top_not_object);
  ADD ("top/format/wrong", test_top_format_wrong);
  ADD ("top/format/missing", test_top_format_missing);
  ADD ("top/format-version/missing", test_top_format_version_missing);
  ADD ("top/format-version/not-integer", test_top_format_version_not_integer);
  ADD ("top/format-version/newer", test_top_format_version_newer);
  ADD ("top/bundle/missing", test_top_bundle_missing);
  ADD ("top/articles/missing", test_top_articles_missing);
  ADD ("top/articles/not-array", test_top_articles_not_array);
  ADD ("top/articles/empty", test_top_articles_empty);
  ADD ("top/articles/too-many", test_top_articles_too_many);
  ADD ("top/unknown-key", test_top_unknown_key);
  ADD ("top/bad-text-refuses", test_top_bad_text_refuses);

  ADD ("bundle/id/rules", test_bundle_id);
  ADD ("bundle/id/missing", test_bundle_id_missing);
  ADD ("bundle/title/length", test_bundle_title);
  ADD ("bundle/revision/integer", test_bundle_revision);
  ADD ("bundle/publisher/length", test_bundle_publisher);
  ADD ("bundle/language/bcp47", test_bundle_language);
  ADD ("bundle/language/default", test_bundle_language_default);
  ADD ("bundle/published/date", test_bundle_published);
  ADD ("bundle/homepage/http-only", test_bundle_homepage);
  ADD ("bundle/disclaimer/length", test_bundle_disclaimer);
  ADD ("bundle/disclaimer/stored", test_bundle_disclaimer_stored);
  ADD ("bundle/unknown-key", test_bundle_unknown_key);

  ADD ("article/not-object", test_article_not_object);
  ADD ("article/id/missing", test_article_id_missing);
  ADD ("article/id/charset", test_article_id_charset);
  ADD ("article/id/length", test_article_id_length);
  ADD ("article/id/duplicate", test_article_id_duplicate);
  ADD ("article/id/duplicate-many", test_article_id_duplicate_many);
  ADD ("article/title/length", test_article_title);
  ADD ("article/published/real-date", test_article_published);
  ADD ("article/updated/not-before-published", test_article_updated);
  ADD ("article/teaser/length", test_article_teaser_length);
  ADD ("article/teaser/derived", test_article_teaser_derived);
  ADD ("article/teaser/derived-long", test_article_teaser_derived_long);
  ADD ("article/teaser/null-derived", test_article_teaser_null);
  ADD ("article/credibility/out-of-range", test_article_credibility);
  ADD ("article/interest/out-of-range", test_article_interest);
  ADD ("article/ratings/stored", test_article_ratings_stored);
  ADD ("article/key-takeaway/length", test_article_key_takeaway);
  ADD ("article/what-they-found/length", test_article_what_they_found);
  ADD ("article/who-should-care/length", test_article_who_should_care);
  ADD ("article/important-considerations/length", test_article_important_considerations);
  ADD ("article/topics/count", test_article_topics_count);
  ADD ("article/topics/items", test_article_topics_items);
  ADD ("article/topics/case-merged", test_article_topics_case_merged);
  ADD ("article/source/not-object", test_article_source_not_object);
  ADD ("article/source/journal", test_article_source_journal);
  ADD ("article/source/title", test_article_source_title);
  ADD ("article/source/authors", test_article_source_authors);
  ADD ("article/source/year", test_article_source_year);
  ADD ("article/source/doi", test_article_source_doi);
  ADD ("article/source/url", test_article_source_url);
  ADD ("article/source/design", test_article_source_design);
  ADD ("article/source/counts", test_article_source_counts);
  ADD ("article/source/stored", test_article_source_stored);
  ADD ("article/related/count", test_article_related_count);
  ADD ("article/related/unknown-ignored", test_article_related_unknown);
  ADD ("article/related/skipped-target", test_article_related_to_skipped);
  ADD ("article/image/png", test_image_png);
  ADD ("article/image/jpeg", test_image_jpeg);
  ADD ("article/image/absolute-path", test_image_absolute_path);
  ADD ("article/image/dotdot", test_image_dotdot);
  ADD ("article/image/symlink-outside", test_image_symlink_outside);
  ADD ("article/image/symlink-inside", test_image_symlink_inside);
  ADD ("article/image/missing-file", test_image_missing_file);
  ADD ("article/image/not-png", test_image_not_png);
  ADD ("article/image/too-large", test_image_too_large);
  ADD ("article/image/not-a-file", test_image_not_a_file);
  ADD ("article/image/alt", test_image_alt);
  ADD ("article/image/path-required", test_image_path_required);
  ADD ("article/review/rules", test_review);
  ADD ("article/review/stored", test_review_stored);
  ADD ("article/retracted/rules", test_retracted);
  ADD ("article/retracted/stored", test_retracted_stored);
  ADD ("article/retracted/absent", test_retracted_absent);

  ADD ("text/line-ends", test_text_line_ends);
  ADD ("text/trimmed", test_text_trimmed);
  ADD ("text/markup-literal", test_text_markup_literal);
  ADD ("text/tab-newline-allowed", test_text_tab_newline_allowed);
  ADD ("text/nul", test_text_nul);
  ADD ("text/control", test_text_control);
  ADD ("text/lone-surrogate", test_text_lone_surrogate);
  ADD ("text/bad-value-anywhere", test_text_bad_value_anywhere);

  ADD ("null/optional-is-absent", test_null_optional);
  ADD ("null/optional-nested", test_null_optional_nested);
  ADD ("null/required-is-missing", test_null_required);
  ADD ("missing/required", test_missing_required);
  ADD ("repeated-key/last-counts", test_repeated_key);
  ADD ("unknown-key/article", test_unknown_key_article);
  ADD ("unknown-key/escaped-pointer", test_unknown_key_escaped_pointer);

  ADD ("strict/refuses", test_strict_refuses);
  ADD ("strict/valid", test_strict_valid);
  ADD ("refused/library-unchanged", test_refused_library_unchanged);
  ADD ("report/counts", test_report_counts);

#undef ADD

  return g_test_run ();
}
