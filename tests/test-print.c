/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An article saved as PDF, with no dialog, and its text read back with
 * pdftotext: the title, every section's heading and text, the ratings in
 * words, the DOI and the reader's note.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "myelin-article-printer.h"
#include "myelin-test-util.h"

static MyelinArticle *
sample_article (void)
{
  MyelinArticle *article = myelin_article_new ();
  const char *authors[] = { "Ada Example", "Ben Sample", NULL };

  myelin_article_set_string (article, MYELIN_ARTICLE_TITLE, "Walking more eases fatigue");
  myelin_article_set_string (article, MYELIN_ARTICLE_PUBLISHED, "2026-01-31");
  myelin_article_set_int (article, MYELIN_ARTICLE_CREDIBILITY, 3);
  myelin_article_set_int (article, MYELIN_ARTICLE_INTEREST, 4);
  myelin_article_set_string (article, MYELIN_ARTICLE_KEY_TAKEAWAY, "A daily walk helped & <b>did not</b> harm.");
  myelin_article_set_string (article, MYELIN_ARTICLE_WHAT_THEY_FOUND, "People who walked felt less tired.\n\nThe effect lasted twelve weeks.");
  myelin_article_set_string (article, MYELIN_ARTICLE_WHO_SHOULD_CARE, "Anyone caring for someone with fatigue.");
  myelin_article_set_string (article, MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS, "The study was small.");
  myelin_article_set_string (article, MYELIN_ARTICLE_SOURCE_TITLE, "Walking and fatigue in MS");
  myelin_article_set_string (article, MYELIN_ARTICLE_SOURCE_JOURNAL, "Journal of Examples");
  myelin_article_set_strv (article, MYELIN_ARTICLE_SOURCE_AUTHORS, authors);
  myelin_article_set_int (article, MYELIN_ARTICLE_SOURCE_YEAR, 2025);
  myelin_article_set_string (article, MYELIN_ARTICLE_SOURCE_DOI, "10.1234/example.5678");
  myelin_article_set_string (article, MYELIN_ARTICLE_NOTE, "Ask the neurologist about this");
  return article;
}

/* pdftotext's text with every run of white space made one space, so that
 * line breaks do not matter. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_regex_replace_literal (spaces, out, -1, 0, " ", 0, NULL);
}

static void
assert_contains (const char *text,
                 const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("“%s” is not in the PDF: %s", expected, text);
}

/* Skips the test (with why) when poppler-utils is missing. */
static gboolean
have_pdftotext (void)
{
  g_autofree char *path = g_find_program_in_path ("pdftotext");

  if (path == NULL)
    g_test_skip ("pdftotext (poppler-utils) is not installed");
  return path != NULL;
}

static void
test_export_pdf (void)
{
  g_autoptr(MyelinArticle) article = sample_article ();
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "article.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *expected[] = {
    "Walking more eases fatigue",
    "Key Takeaway", "A daily walk helped & <b>did not</b> harm.",
    "What They Found", "People who walked felt less tired.", "The effect lasted twelve weeks.",
    "Who Should Care and Why", "Anyone caring for someone with fatigue.",
    "Important Considerations", "The study was small.",
    "Credibility 3 of 5 — moderate evidence", "Interest 4 of 5",
    "Ada Example, Ben Sample (2025). Walking and fatigue in MS. Journal of Examples.",
    "10.1234/example.5678", "Your Note", "Ask the neurologist about this", "Printed on",
  };

  if (!have_pdftotext ())
    return;
  g_assert_true (myelin_article_printer_export_pdf (article, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_contains (text, expected[i]);
  myelin_test_rmdir (dir);
}

/* A long article breaks over pages, and no line is lost between them. */
static void
test_export_pages (void)
{
  g_autoptr(MyelinArticle) article = sample_article ();
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "long.pdf", NULL);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };

  if (!have_pdftotext ())
    return;
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (long_text, "Paragraph number %u of the findings.\n\n", i);
  myelin_article_set_string (article, MYELIN_ARTICLE_WHAT_THEY_FOUND, long_text->str);
  g_assert_true (myelin_article_printer_export_pdf (article, path, NULL));
  text = pdf_text (path);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *line = g_strdup_printf ("Paragraph number %u of the findings.", i);
      assert_contains (text, line);
    }
  assert_contains (text, "Ask the neurologist about this");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info, NULL, NULL, NULL));
  g_assert_null (strstr (info, "Pages:           1\n"));
  myelin_test_rmdir (dir);
}

static void
test_citation (void)
{
  g_autoptr(MyelinArticle) article = sample_article ();
  g_autofree char *citation = myelin_article_format_citation (article);
  g_autofree char *link = myelin_article_get_link (article);
  g_autoptr(MyelinArticle) bare = myelin_article_new ();
  g_autofree char *bare_citation = NULL;

  g_assert_cmpstr (citation, ==, "Ada Example, Ben Sample (2025). Walking and fatigue in MS. Journal of Examples. "
                                 "https://doi.org/10.1234/example.5678");
  g_assert_cmpstr (link, ==, "https://doi.org/10.1234/example.5678");

  myelin_article_set_string (bare, MYELIN_ARTICLE_TITLE, "Only a title");
  myelin_article_set_string (bare, MYELIN_ARTICLE_SOURCE_URL, "https://example.org/paper");
  bare_citation = myelin_article_format_citation (bare);
  g_assert_cmpstr (bare_citation, ==, "Only a title. https://example.org/paper");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/print/export-pdf", test_export_pdf);
  g_test_add_func ("/print/export-pages", test_export_pages);
  g_test_add_func ("/print/citation", test_citation);
  return g_test_run ();
}
