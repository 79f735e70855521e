/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a fuzz target over its corpus without libFuzzer, one TAP case per
 * file, so that every seed and every input a fuzzer once crashed on stays
 * a regression test of the normal build (and under ASan and valgrind).
 * Usage: fuzz-replay-TARGET FILE-OR-FOLDER...
 */
#define G_LOG_DOMAIN "myelin-fuzz"

#include "config.h"

#include "fuzz-common.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  names = g_ptr_array_new_with_free_func (g_free);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_strdup (g_ptr_array_index (names, i)));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    if (!g_str_has_prefix (argv[i], "--"))
      collect (argv[i], files);

  LLVMFuzzerInitialize (&argc, &argv);
  printf ("TAP version 13\n1..%u\n", files->len);
  fflush (stdout);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      g_autofree char *base = g_path_get_basename (path);
      g_autoptr(GError) error = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          printf ("not ok %u - %s # %s\n", i + 1, base, error->message);
          continue;
        }
      /* An abort here kills the program: meson and the summary count it. */
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      printf ("ok %u - %s\n", i + 1, base);
      fflush (stdout);
    }
  return 0;
}
