/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Language names for bundle language tags (src/core/myelin-language.c):
 * from iso-codes' real tables, from a folder of our own, and without any.
 */
#include "config.h"

#include "myelin-language.h"
#include "myelin-test-util.h"

static void
assert_name (const char *tag,
             const char *expected)
{
  g_autofree char *name = myelin_language_get_name (tag);

  g_assert_cmpstr (name, ==, expected);
}

/* iso-codes as installed (build-aux/deps.sh installs it). */
static void
test_iso_codes (void)
{
  g_autofree char *table = g_build_filename (ISO_CODES_DIR, "iso_639-3.json", NULL);

  if (!g_file_test (table, G_FILE_TEST_EXISTS))
    {
      g_test_fail_printf ("iso-codes is not installed (%s)", table);
      return;
    }
  myelin_language_set_iso_codes_dir (NULL);
  assert_name ("en", "English");
  assert_name ("EN", "English");
  assert_name ("de-AT", "German (Austria)");
  assert_name ("pt-BR", "Portuguese (Brazil)");
  /* A script is not a region; the region after it is. */
  assert_name ("sr-Latn-RS", "Serbian (Serbia)");
  assert_name ("zh-Hant", "Chinese");
  /* Three letters: terminology and bibliographic codes, a language that
   * has no two-letter code, and a collective code only ISO 639-2 has. */
  assert_name ("fra", "French");
  assert_name ("fre", "French");
  assert_name ("yue", "Yue Chinese");
  assert_name ("ber", "Berber languages");
  /* The name people use, not the catalogue's "Spanish; Castilian". */
  assert_name ("es", "Spanish");
  /* A private-use part ends the search for a region. */
  assert_name ("en-x-ab", "English");
  /* A region that is not a country in ISO 3166-1 (UN M.49 "419"). */
  assert_name ("es-419", "Spanish");
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The tables are read in a thread, and answer once it is done. */
static void
test_load_async (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  myelin_language_set_iso_codes_dir (NULL);
  myelin_language_load_async (NULL, on_loaded, &result);
  /* Nothing answers before the main loop runs. */
  g_assert_null (result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (myelin_language_load_finish (result, &error));
  g_assert_no_error (error);
  assert_name ("de-AT", "German (Austria)");
}

/* Unknown codes and nothing at all. */
static void
test_unknown (void)
{
  myelin_language_set_iso_codes_dir (NULL);
  assert_name ("qqq", "qqq");
  assert_name ("zz-ZZ", "zz-ZZ");
  assert_name ("de-QQ", "German");
  assert_name ("", NULL);
  assert_name (NULL, NULL);
}

/* The tables are read from the folder given, not from a list in the code. */
static void
test_own_tables (void)
{
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autoptr(GFile) languages = myelin_test_write_file (dir, "iso_639-3.json",
    "{\"639-3\": [{\"alpha_2\": \"en\", \"alpha_3\": \"eng\", \"name\": \"Testish\"},"
    " {\"alpha_3\": \"xyz\", \"name\": \"Formal, Old\", \"common_name\": \"Xyzish\"},"
    " {\"alpha_3\": \"bad\"}, 7]}");
  g_autoptr(GFile) regions = myelin_test_write_file (dir, "iso_3166-1.json",
    "{\"3166-1\": [{\"alpha_2\": \"TT\", \"name\": \"Testland\"}]}");

  myelin_language_set_iso_codes_dir (dir);
  assert_name ("en", "Testish");
  assert_name ("en-TT", "Testish (Testland)");
  assert_name ("en-GB", "Testish");
  assert_name ("xyz", "Xyzish");
  assert_name ("bad", "bad");
  assert_name ("de", "de");

  /* Tables that are not what they should be name nothing, and say nothing. */
  g_clear_object (&languages);
  languages = myelin_test_write_file (dir, "iso_639-3.json", "[1, 2]");
  myelin_language_set_iso_codes_dir (dir);
  assert_name ("en-TT", "en-TT");
  g_clear_object (&languages);
  languages = myelin_test_write_file (dir, "iso_639-3.json", "{\"639-3\": {\"en\": 1}}");
  myelin_language_set_iso_codes_dir (dir);
  assert_name ("en", "en");
  g_clear_object (&languages);
  languages = myelin_test_write_file (dir, "iso_639-3.json", "{\"639-3\": [");
  myelin_language_set_iso_codes_dir (dir);
  assert_name ("en", "en");

  myelin_language_set_iso_codes_dir (NULL);
  myelin_test_rmdir (dir);
}

/* No iso-codes at all: the tag, as written. */
static void
test_no_tables (void)
{
  myelin_language_set_iso_codes_dir ("/nonexistent/iso-codes");
  assert_name ("de-AT", "de-AT");
  assert_name ("en", "en");
  myelin_language_set_iso_codes_dir (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/language/iso-codes", test_iso_codes);
  g_test_add_func ("/language/load-async", test_load_async);
  g_test_add_func ("/language/unknown", test_unknown);
  g_test_add_func ("/language/own-tables", test_own_tables);
  g_test_add_func ("/language/no-tables", test_no_tables);
  return g_test_run ();
}
