/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The strict RFC 8259 pre-scanner: what it accepts, what it refuses and
 * where, the depth limit, the values it flags for the importer, and how it
 * locates JSON pointers.
 */
#include "config.h"

#include <string.h>

#include "myelin-error.h"
#include "myelin-json-scan.h"

#define DEPTH 64

/* --- Helpers ------------------------------------------------------------ */

static void
assert_valid (const char *text)
{
  g_autoptr(GError) error = NULL;
  MyelinJsonPos pos = { 0, 0 };

  if (!myelin_json_scan (text, strlen (text), DEPTH, NULL, NULL, &pos, &error))
    g_error ("“%s” was refused at %u:%u: %s", text, pos.line, pos.column, error->message);
  g_assert_no_error (error);
}

/* Scans @length bytes of @text (which may hold NUL) and checks the refusal. */
static void
assert_refused_len (const char *text,
                    gsize       length,
                    int         code,
                    guint       line,
                    guint       column)
{
  g_autoptr(GError) error = NULL;
  MyelinJsonPos pos = { 0, 0 };
  gboolean ok;

  ok = myelin_json_scan (text, length, DEPTH, NULL, NULL, &pos, &error);
  g_assert_false (ok);
  g_assert_error (error, MYELIN_IMPORT_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpuint (pos.line, ==, line);
  g_assert_cmpuint (pos.column, ==, column);
}

static void
assert_refused (const char *text,
                int         code,
                guint       line,
                guint       column)
{
  assert_refused_len (text, strlen (text), code, line, column);
}

static void
on_bad_value (const char *pointer,
              const char *reason,
              gpointer    user_data)
{
  GPtrArray *found = user_data;

  g_assert_nonnull (reason);
  g_assert_cmpstr (reason, !=, "");
  g_ptr_array_add (found, g_strdup (pointer));
}

/* The pointers the scanner flags in @text, joined by spaces. */
static char *
bad_values (const char *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = myelin_json_scan (text, strlen (text), DEPTH, on_bad_value, found, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_ptr_array_add (found, NULL);
  return g_strjoinv (" ", (char **) found->pdata);
}

static void
assert_flags (const char *text,
              const char *expected)
{
  g_autofree char *found = bad_values (text);

  g_assert_cmpstr (found, ==, expected);
}

static char *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (out, open);
  g_string_append (out, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (out, close);
  return g_string_free (out, FALSE);
}

/* --- Valid documents ---------------------------------------------------- */

static void
test_valid_documents (void)
{
  assert_valid ("{}");
  assert_valid ("[]");
  assert_valid ("  {\"a\": [1, -2, 3.5, 1e10, -0.5E-3, 0, true, false, null]}\n");
  assert_valid ("\"just a string\"");
  assert_valid ("42");
  assert_valid ("{\"a\": {\"b\": {\"c\": []}}, \"d\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}");
  assert_valid ("{\"é\": \"ünïcødé ✓ \\ud83d\\ude00\"}");
  assert_valid ("\r\n\t [ ]\r\n");
}

/* --- Syntax errors ------------------------------------------------------ */

static void
test_syntax_trailing_comma (void)
{
  assert_refused ("[1, 2,]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 7);
  assert_refused ("{\"a\": 1,\n}", MYELIN_IMPORT_ERROR_SYNTAX, 2, 1);
}

static void
test_syntax_missing_colon (void)
{
  assert_refused ("{\"a\" 1}", MYELIN_IMPORT_ERROR_SYNTAX, 1, 6);
}

static void
test_syntax_single_quotes (void)
{
  assert_refused ("{'a': 1}", MYELIN_IMPORT_ERROR_SYNTAX, 1, 2);
  assert_refused ("{\"a\": 'b'}", MYELIN_IMPORT_ERROR_SYNTAX, 1, 7);
}

static void
test_syntax_hex_number (void)
{
  assert_refused ("[0x1F]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 3);
}

static void
test_syntax_leading_zero (void)
{
  assert_refused ("[01]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 3);
  assert_refused ("{\"n\":\n  -007}", MYELIN_IMPORT_ERROR_SYNTAX, 2, 5);
  assert_valid ("[0, -0, 0.5, 10]");
}

static void
test_syntax_bare_fraction (void)
{
  assert_refused ("[.5]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 2);
  assert_refused ("[5.]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 4);
  assert_refused ("[+5]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 2);
  assert_refused ("[1e]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 4);
}

static void
test_syntax_unterminated_string (void)
{
  assert_refused ("{\"a\": \"abc", MYELIN_IMPORT_ERROR_SYNTAX, 1, 11);
}

static void
test_syntax_unterminated_object (void)
{
  assert_refused ("{\"a\": 1", MYELIN_IMPORT_ERROR_SYNTAX, 1, 8);
  assert_refused ("{\"a\": 1,\n\"b\": ", MYELIN_IMPORT_ERROR_SYNTAX, 2, 6);
}

static void
test_syntax_unterminated_array (void)
{
  assert_refused ("[1, 2\n", MYELIN_IMPORT_ERROR_SYNTAX, 2, 1);
  assert_refused ("[", MYELIN_IMPORT_ERROR_SYNTAX, 1, 2);
}

static void
test_syntax_control_char (void)
{
  assert_refused ("[\"a\tb\"]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 4);
  assert_refused ("[\"line\nbreak\"]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 7);
  assert_refused ("[\"x\x01\"]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 4);
}

static void
test_syntax_bad_escape (void)
{
  assert_refused ("[\"a\\xb\"]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 5);
  assert_refused ("[\"\\u12G4\"]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 5);
  assert_refused ("[\"\\'\"]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 4);
}

static void
test_syntax_trailing_garbage (void)
{
  assert_refused ("{} x", MYELIN_IMPORT_ERROR_SYNTAX, 1, 4);
  assert_refused ("{}\n{}", MYELIN_IMPORT_ERROR_SYNTAX, 2, 1);
  assert_refused ("[1] ]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 5);
  assert_valid ("{}\n\n  \t");
}

static void
test_syntax_empty (void)
{
  assert_refused ("", MYELIN_IMPORT_ERROR_SYNTAX, 1, 1);
  assert_refused ("  \n  ", MYELIN_IMPORT_ERROR_SYNTAX, 2, 3);
}

static void
test_syntax_nul_byte (void)
{
  static const char text[] = "{\"a\":\n \"b\0c\"}";

  assert_refused_len (text, sizeof text - 1, MYELIN_IMPORT_ERROR_SYNTAX, 2, 4);
  /* Between values, too. */
  assert_refused_len ("[1,\0 2]", 7, MYELIN_IMPORT_ERROR_SYNTAX, 1, 4);
}

static void
test_syntax_literals (void)
{
  assert_refused ("[tru]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 2);
  assert_refused ("[True]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 2);
  assert_refused ("[NaN]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 2);
  assert_refused ("{\"a\": 1 // comment\n}", MYELIN_IMPORT_ERROR_SYNTAX, 1, 9);
}

static void
test_syntax_column_counts_characters (void)
{
  /* "é" is two bytes but one column. */
  assert_refused ("[\"é\", x]", MYELIN_IMPORT_ERROR_SYNTAX, 1, 7);
}

static void
test_utf8_invalid (void)
{
  /* A Latin-1 "é" on line 2, after two characters. */
  assert_refused ("{\"a\":\n \"\xe9t\xe9\"}", MYELIN_IMPORT_ERROR_NOT_UTF8, 2, 3);
  /* A truncated sequence at the very end. */
  assert_refused ("[\"ab\"]\xe2\x82", MYELIN_IMPORT_ERROR_NOT_UTF8, 1, 7);
  /* An overlong encoding of "/". */
  assert_refused ("[\"\xc0\xaf\"]", MYELIN_IMPORT_ERROR_NOT_UTF8, 1, 3);
  /* An encoded surrogate. */
  assert_refused ("[\"\xed\xa0\x80\"]", MYELIN_IMPORT_ERROR_NOT_UTF8, 1, 3);
}

/* --- Depth -------------------------------------------------------------- */

static void
test_depth_limit (void)
{
  g_autofree char *arrays64 = nested (64, "[", "1", "]");
  g_autofree char *arrays65 = nested (65, "[", "1", "]");
  g_autofree char *objects64 = nested (64, "{\"a\":", "1", "}");
  g_autofree char *objects65 = nested (65, "{\"a\":", "1", "}");
  g_autofree char *empty65 = nested (65, "[", "", "]");

  assert_valid (arrays64);
  assert_valid (objects64);
  assert_refused (arrays65, MYELIN_IMPORT_ERROR_TOO_DEEP, 1, 65);
  assert_refused (objects65, MYELIN_IMPORT_ERROR_TOO_DEEP, 1, 64 * 5 + 1);
  assert_refused (empty65, MYELIN_IMPORT_ERROR_TOO_DEEP, 1, 65);
}

static void
test_depth_huge (void)
{
  g_autofree char *deep = nested (100000, "[", "", "");
  gint64 start = g_get_monotonic_time ();

  assert_refused (deep, MYELIN_IMPORT_ERROR_TOO_DEEP, 1, 65);
  /* Refused at level 65, long before reading the whole text. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  /* A deep but unfinished text must not slip through either. */
  {
    g_autofree char *closed = nested (100000, "[", "", "]");
    assert_refused (closed, MYELIN_IMPORT_ERROR_TOO_DEEP, 1, 65);
  }
}

/* --- Values flagged for the importer ------------------------------------ */

static void
test_bad_value_nul (void)
{
  assert_flags ("{\"a\": {\"b\": [\"x\", \"y\\u0000z\"]}}", "/a/b/1");
}

static void
test_bad_value_control (void)
{
  assert_flags ("{\"t\": \"a\\u0001b\"}", "/t");
  assert_flags ("{\"t\": \"a\\u001Fb\"}", "/t");
  assert_flags ("{\"t\": \"bell\\b\", \"u\": \"form\\f\"}", "/t /u");
}

static void
test_bad_value_lone_high_surrogate (void)
{
  assert_flags ("[\"ok\", \"\\ud800\"]", "/1");
  assert_flags ("[\"\\ud800x\"]", "/0");
  assert_flags ("[\"\\uD800\\u0041\"]", "/0");
  assert_flags ("[\"\\ud800\\ud800\\udc00\"]", "/0");
}

static void
test_bad_value_lone_low_surrogate (void)
{
  assert_flags ("{\"a\": \"\\udc00\"}", "/a");
  assert_flags ("{\"a\": \"\\udc00\\ud800\"}", "/a");
}

static void
test_bad_value_pair_ok (void)
{
  assert_flags ("{\"a\": \"\\ud83d\\ude00 and \\uD834\\uDD1E\"}", "");
}

static void
test_bad_value_allowed_escapes (void)
{
  assert_flags ("{\"a\": \"x\\ny\\tz\\r\\u000a\\u0009\\u000D\\u0020\\u00e9\\\"\\\\\\/\"}", "");
}

static void
test_bad_value_large_integer (void)
{
  assert_flags ("{\"n\": 9223372036854775807, \"m\": -9223372036854775808}", "");
  assert_flags ("{\"n\": 9223372036854775808}", "/n");
  assert_flags ("{\"n\": [1, -9223372036854775809]}", "/n/1");
  assert_flags ("{\"n\": 1e999}", "/n");
}

static void
test_bad_value_pointer_escaping (void)
{
  assert_flags ("{\"a/b\": {\"c~d\": [\"\\u0000\"]}}", "/a~1b/c~0d/0");
  assert_flags ("{\"~1\": \"\\u0001\"}", "/~01");
  /* An escaped key is named by its value. */
  assert_flags ("{\"\\u0041\\u002fb\": \"\\u0000\"}", "/A~1b");
  assert_flags ("{\"\": \"\\u0000\"}", "/");
}

static void
test_bad_value_many (void)
{
  assert_flags ("{\"x\": [1, 2, {\"y\": \"\\u0000\"}], \"z\": \"\\udfff\", \"w\": 99999999999999999999}",
                "/x/2/y /z /w");
}

static void
test_bad_value_key (void)
{
  /* The key itself cannot be named; the object holding it is. */
  assert_flags ("{\"ok\": 1, \"a\": {\"first\": 1, \"b\\u0000\": 2}}", "/a");
  assert_flags ("{\"a\": {\"b\\u0000\": 2}}", "/a");
  assert_flags ("{\"\\u0000\": 2}", "");
}

/* --- Locating values ---------------------------------------------------- */

static MyelinJsonPos *
pos_new (void)
{
  return g_new0 (MyelinJsonPos, 1);
}

static void
test_locate (void)
{
  const char *text =
    "{\n"
    "  \"format\": \"x\",\n"
    "  \"articles\": [\n"
    "    {\"id\": \"é\", \"n\": 5},\n"
    "    {\"a/b\": [true,\n"
    "       null]}\n"
    "  ]\n"
    "}\n";
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  struct { const char *pointer; guint line, column; } expected[] = {
    { "", 1, 1 },
    { "/format", 2, 13 },
    { "/articles", 3, 15 },
    { "/articles/0", 4, 5 },
    { "/articles/0/id", 4, 12 },
    { "/articles/0/n", 4, 22 },
    { "/articles/1/a~1b", 5, 13 },
    { "/articles/1/a~1b/1", 6, 8 },
    { "/articles/2", 0, 0 },
    { "/nothing", 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_hash_table_insert (positions, g_strdup (expected[i].pointer), pos_new ());
  myelin_json_locate (text, strlen (text), positions);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      MyelinJsonPos *pos = g_hash_table_lookup (positions, expected[i].pointer);

      g_test_message ("pointer “%s”", expected[i].pointer);
      g_assert_cmpuint (pos->line, ==, expected[i].line);
      g_assert_cmpuint (pos->column, ==, expected[i].column);
    }
}

static void
test_locate_repeated_key (void)
{
  /* The last of repeated keys counts, so it is the one located. */
  const char *text = "{\"a\": 1,\n \"a\": {\"b\": 2}}";
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  MyelinJsonPos *pos;

  g_hash_table_insert (positions, g_strdup ("/a"), pos_new ());
  g_hash_table_insert (positions, g_strdup ("/a/b"), pos_new ());
  myelin_json_locate (text, strlen (text), positions);

  pos = g_hash_table_lookup (positions, "/a");
  g_assert_cmpuint (pos->line, ==, 2);
  g_assert_cmpuint (pos->column, ==, 7);
  pos = g_hash_table_lookup (positions, "/a/b");
  g_assert_cmpuint (pos->line, ==, 2);
  g_assert_cmpuint (pos->column, ==, 13);
}

static void
test_locate_empty_table (void)
{
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Nothing to find: must simply return. */
  myelin_json_locate ("[1, 2]", 6, positions);
  g_assert_cmpuint (g_hash_table_size (positions), ==, 0);
}

/* --- Pointers ----------------------------------------------------------- */

static void
test_pointer_append (void)
{
  struct { const char *pointer, *token, *expected; } cases[] = {
    { "", "articles", "/articles" },
    { "/articles", "12", "/articles/12" },
    { "", "a/b", "/a~1b" },
    { "", "m~n", "/m~0n" },
    { "/x", "~/", "/x/~0~1" },
    { "/x", "~1", "/x/~01" },
    { "", "", "/" },
    { "/x", "é ü", "/x/é ü" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *pointer = myelin_json_pointer_append (cases[i].pointer, cases[i].token);
      g_assert_cmpstr (pointer, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-scan/valid", test_valid_documents);
  g_test_add_func ("/json-scan/syntax/trailing-comma", test_syntax_trailing_comma);
  g_test_add_func ("/json-scan/syntax/missing-colon", test_syntax_missing_colon);
  g_test_add_func ("/json-scan/syntax/single-quotes", test_syntax_single_quotes);
  g_test_add_func ("/json-scan/syntax/hex-number", test_syntax_hex_number);
  g_test_add_func ("/json-scan/syntax/leading-zero", test_syntax_leading_zero);
  g_test_add_func ("/json-scan/syntax/bare-fraction", test_syntax_bare_fraction);
  g_test_add_func ("/json-scan/syntax/unterminated-string", test_syntax_unterminated_string);
  g_test_add_func ("/json-scan/syntax/unterminated-object", test_syntax_unterminated_object);
  g_test_add_func ("/json-scan/syntax/unterminated-array", test_syntax_unterminated_array);
  g_test_add_func ("/json-scan/syntax/control-char", test_syntax_control_char);
  g_test_add_func ("/json-scan/syntax/bad-escape", test_syntax_bad_escape);
  g_test_add_func ("/json-scan/syntax/trailing-garbage", test_syntax_trailing_garbage);
  g_test_add_func ("/json-scan/syntax/empty", test_syntax_empty);
  g_test_add_func ("/json-scan/syntax/nul-byte", test_syntax_nul_byte);
  g_test_add_func ("/json-scan/syntax/literals", test_syntax_literals);
  g_test_add_func ("/json-scan/syntax/column-counts-characters", test_syntax_column_counts_characters);
  g_test_add_func ("/json-scan/utf8/invalid", test_utf8_invalid);
  g_test_add_func ("/json-scan/depth/limit", test_depth_limit);
  g_test_add_func ("/json-scan/depth/huge", test_depth_huge);
  g_test_add_func ("/json-scan/bad-value/nul", test_bad_value_nul);
  g_test_add_func ("/json-scan/bad-value/control", test_bad_value_control);
  g_test_add_func ("/json-scan/bad-value/lone-high-surrogate", test_bad_value_lone_high_surrogate);
  g_test_add_func ("/json-scan/bad-value/lone-low-surrogate", test_bad_value_lone_low_surrogate);
  g_test_add_func ("/json-scan/bad-value/surrogate-pair-ok", test_bad_value_pair_ok);
  g_test_add_func ("/json-scan/bad-value/allowed-escapes", test_bad_value_allowed_escapes);
  g_test_add_func ("/json-scan/bad-value/large-integer", test_bad_value_large_integer);
  g_test_add_func ("/json-scan/bad-value/pointer-escaping", test_bad_value_pointer_escaping);
  g_test_add_func ("/json-scan/bad-value/many", test_bad_value_many);
  g_test_add_func ("/json-scan/bad-value/key", test_bad_value_key);
  g_test_add_func ("/json-scan/locate/pointers", test_locate);
  g_test_add_func ("/json-scan/locate/repeated-key", test_locate_repeated_key);
  g_test_add_func ("/json-scan/locate/empty-table", test_locate_empty_table);
  g_test_add_func ("/json-scan/pointer/append", test_pointer_append);

  return g_test_run ();
}
