/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hostile content in the core: markup, control characters, right-to-left
 * and combining text, extremely long words, the most topics, and image
 * paths that try to leave the bundle. Each is refused, or imported and read
 * back exactly as written, never interpreted.
 */
#define G_LOG_DOMAIN "myelin-test-hostile"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Imports one article with @extra and returns the report. */
static MyelinImportReport *
import_one (Fixture    *f,
            const char *extra)
{
  g_autofree char *article = myelin_test_article ("x", extra);
  g_autofree char *bundle = myelin_test_bundle ("org.example.hostile", 1, article);

  return myelin_test_import_text (f->store, f->dir, bundle, MYELIN_IMPORT_FLAGS_NONE);
}

static MyelinArticle *
read_back (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  MyelinArticle *article = myelin_store_get_article (f->store, "org.example.hostile", "x", &error);

  g_assert_no_error (error);
  return article;
}

/* Stored as written: @json is the JSON string's text, @expected the value. */
static void
assert_title_literal (Fixture    *f,
                      const char *json,
                      const char *expected)
{
  g_autofree char *extra = g_strdup_printf ("\"title\": \"%s\"", json);
  g_autoptr(MyelinImportReport) report = import_one (f, extra);
  g_autoptr(MyelinArticle) article = NULL;

  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 0);
  article = read_back (f);
  g_assert_cmpstr (myelin_article_get_title (article), ==, expected);
}

static void
test_markup (Fixture       *f,
             gconstpointer  data)
{
  assert_title_literal (f,
                        "<b>Bold</b> &amp; <a href=\\\"javascript:alert(1)\\\">link</a> <span foreground='red'>%s",
                        "<b>Bold</b> &amp; <a href=\"javascript:alert(1)\">link</a> <span foreground='red'>%s");
}

static void
test_bidi_and_combining (Fixture       *f,
                         gconstpointer  data)
{
  /* Hebrew, an RLO override left open, Arabic, and a letter under many
   * combining marks. */
  const char *text = "שלום \u202Eevil.exe\u202C مرحبا Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032D\u0308\u0307";

  assert_title_literal (f, text, text);
}

static void
test_control_characters (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(MyelinImportReport) refused = import_one (f, "\"title\": \"Bell \\u0007 and escape \\u001b[31m\"");
  g_autoptr(MyelinImportReport) tab = NULL;
  g_autoptr(MyelinArticle) article = NULL;

  /* The article is invalid, named by its pointer; nothing is stored. */
  g_assert_cmpuint (myelin_import_report_get_skipped (refused), ==, 1);
  g_assert_nonnull (myelin_test_find_error (refused, "/articles/0/title"));

  /* A tab and a new line are text. */
  g_clear_object (&f->store);
  fixture_teardown (f, data);
  fixture_setup (f, data);
  tab = import_one (f, "\"what_they_found\": \"One\\tTwo\\n\\nThree\"");
  g_assert_cmpuint (myelin_import_report_get_skipped (tab), ==, 0);
  article = read_back (f);
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_WHAT_THEY_FOUND), ==, "One\tTwo\n\nThree");
}

static void
test_long_word (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *word = g_strnfill (300, 'w');
  g_autofree char *too_long = g_strnfill (301, 'w');
  g_autofree char *extra = g_strdup_printf ("\"title\": \"%s\"", too_long);
  g_autoptr(MyelinImportReport) report = NULL;

  assert_title_literal (f, word, word);

  report = import_one (f, extra);
  g_assert_nonnull (myelin_test_find_error (report, "/articles/0/title"));
}

static char *
topics_json (guint n,
             guint length)
{
  GString *out = g_string_new ("\"topics\": [");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *tail = g_strnfill (length - 3, 'x');

      g_string_append_printf (out, "%s\"%02u-%s\"", i > 0 ? ", " : "", i, tail);
    }
  g_string_append (out, "]");
  return g_string_free (out, FALSE);
}

static void
test_topics (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *most = topics_json (32, 64);
  g_autofree char *too_many = topics_json (33, 64);
  g_autofree char *too_long = topics_json (1, 65);
  g_autoptr(MyelinImportReport) report = import_one (f, most);
  g_autoptr(MyelinImportReport) many = NULL;
  g_autoptr(MyelinImportReport) long_one = NULL;
  g_autoptr(MyelinArticle) article = NULL;
  const char * const *topics;

  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 0);
  article = read_back (f);
  topics = myelin_article_get_topics (article);
  g_assert_cmpuint (g_strv_length ((char **) topics), ==, 32);
  for (guint i = 0; i < 32; i++)
    g_assert_cmpuint (g_utf8_strlen (topics[i], -1), ==, 64);

  many = import_one (f, too_many);
  g_assert_nonnull (myelin_test_find_error (many, "/articles/0/topics"));
  long_one = import_one (f, too_long);
  g_assert_nonnull (myelin_test_find_error (long_one, "/articles/0/topics/0"));
}

static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

static void
test_image_paths (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const escaping[] = {
    "../outside.png", "/etc/passwd", "images/../../outside.png", "images\\\\x.png",
    "C:x.png", "images//x.png", "file:///etc/passwd",
  };
  g_autofree char *outside = g_build_filename (f->dir, "outside.png", NULL);
  g_autofree char *bundle_dir = g_build_filename (f->dir, "bundle", "images", NULL);
  g_autofree char *link = g_build_filename (bundle_dir, "link.png", NULL);
  g_autofree char *fifo = g_build_filename (bundle_dir, "fifo.png", NULL);
  g_autofree char *real_dir = g_build_filename (f->dir, "bundle", NULL);

  g_assert_true (g_file_set_contents (outside, png, sizeof png, NULL));
  g_mkdir_with_parents (bundle_dir, 0700);
  g_assert_cmpint (symlink (outside, link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (escaping); i++)
    {
      g_autofree char *extra = g_strdup_printf ("\"image\": {\"path\": \"%s\", \"alt\": \"A picture\"}", escaping[i]);
      g_autofree char *article = myelin_test_article ("x", extra);
      g_autofree char *bundle = myelin_test_bundle ("org.example.hostile", i + 1, article);
      g_autoptr(MyelinImportReport) report = myelin_test_import_text (f->store, real_dir, bundle, MYELIN_IMPORT_FLAGS_NONE);

      g_test_message ("image path %s", escaping[i]);
      g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 1);
      g_assert_nonnull (myelin_test_find_error (report, "/articles/0/image/path"));
    }

  /* Through a link out of the bundle's folder: invalid. */
  {
    g_autofree char *article = myelin_test_article ("x", "\"image\": {\"path\": \"images/link.png\", \"alt\": \"A\"}");
    g_autofree char *bundle = myelin_test_bundle ("org.example.hostile", 50, article);
    g_autoptr(MyelinImportReport) report = myelin_test_import_text (f->store, real_dir, bundle, MYELIN_IMPORT_FLAGS_NONE);

    g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 1);
    g_assert_nonnull (myelin_test_find_error (report, "/articles/0/image/path"));
  }
  /* A FIFO would block a reader forever: it is not a regular file, so the
   * article comes in without it, at once. */
  {
    g_autofree char *article = myelin_test_article ("x", "\"image\": {\"path\": \"images/fifo.png\", \"alt\": \"A\"}");
    g_autofree char *bundle = myelin_test_bundle ("org.example.hostile", 51, article);
    g_autoptr(MyelinImportReport) report = myelin_test_import_text (f->store, real_dir, bundle, MYELIN_IMPORT_FLAGS_NONE);
    g_autoptr(MyelinArticle) stored = NULL;

    g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 0);
    g_assert_nonnull (myelin_test_find_warning (report, "/articles/0/image/path"));
    stored = read_back (f);
    g_assert_null (myelin_article_get_string (stored, MYELIN_ARTICLE_IMAGE_PATH));
  }
}

/* The reader's own text is as free as a bundle's, and as literal. */
static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  const char *note = "<i>not italic</i> &lt; \u202Eright-to-left\u202C e\u0301\u0301\u0301 '; DROP TABLE reader_state; --";
  g_autoptr(MyelinImportReport) report = import_one (f, NULL);
  g_autoptr(MyelinArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (myelin_import_report_get_skipped (report), ==, 0);
  g_assert_true (myelin_store_set_note (f->store, "org.example.hostile", "x", note, &error));
  g_assert_no_error (error);
  article = read_back (f);
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_NOTE), ==, note);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/reliability/hostile/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("markup", test_markup);
  ADD ("bidi-and-combining", test_bidi_and_combining);
  ADD ("control-characters", test_control_characters);
  ADD ("long-word", test_long_word);
  ADD ("topics", test_topics);
  ADD ("image-paths", test_image_paths);
  ADD ("note", test_note);
#undef ADD

  return g_test_run ();
}
