/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bundles declare their language as a BCP 47 tag ("en", "de-AT",
 * "sr-Latn-RS"). The library shows a name instead, read from the iso-codes
 * package's JSON tables (ISO 639 for the language, ISO 3166-1 for the
 * region) and translated with iso-codes' own gettext domains, as GNOME's
 * language choosers do. Without iso-codes, or for a code it does not know,
 * the tag itself is shown: a tag is still better than nothing.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "myelin-language.h"

typedef struct
{
  const char *file;    /* in the iso-codes JSON folder */
  const char *key;     /* its top-level array */
  const char *domain;  /* iso-codes' gettext domain for its names */
} Table;

/* ISO 639-3 first: it knows every two- and three-letter language code and
 * names them as people do ("Spanish", where ISO 639-2 says "Spanish;
 * Castilian"). ISO 639-2 adds the collective codes ("ber", Berber). */
static const Table languages = { "iso_639-3.json", "639-3", "iso_639-3" };
static const Table languages_collective = { "iso_639-2.json", "639-2", "iso_639-2" };
static const Table regions = { "iso_3166-1.json", "3166-1", "iso_3166-1" };

G_LOCK_DEFINE_STATIC (tables);
static char *iso_codes_dir;
/* Table file name → (GHashTable of code → English name), loaded once. */
static GHashTable *loaded;

static void
index_entry (JsonArray *array,
             guint      index,
             JsonNode  *node,
             gpointer   user_data)
{
  GHashTable *names = user_data;
  JsonObject *entry;
  const char *name;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  entry = json_node_get_object (node);
  /* Some entries have a "common_name" ("Bengali" for "Bangla"): that is
   * the one people use. */
  name = json_object_get_string_member_with_default (entry, "common_name", NULL);
  if (name == NULL)
    name = json_object_get_string_member_with_default (entry, "name", NULL);
  if (name == NULL)
    return;
  for (guint i = 0; i < 3; i++)
    {
      const char *keys[] = { "alpha_2", "alpha_3", "bibliographic" };
      const char *code = json_object_get_string_member_with_default (entry, keys[i], NULL);

      if (code != NULL && !g_hash_table_contains (names, code))
        g_hash_table_insert (names, g_ascii_strdown (code, -1), g_strdup (name));
    }
}

static GHashTable *
load_table (const Table *table)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (iso_codes_dir ? iso_codes_dir : ISO_CODES_DIR, table->file, NULL);
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *root;
  JsonNode *array;

  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_debug ("No language names from %s: %s", path, error->message);
      return names;
    }
  root = json_parser_get_root (parser);
  array = JSON_NODE_HOLDS_OBJECT (root) ? json_object_get_member (json_node_get_object (root), table->key) : NULL;
  if (array != NULL && JSON_NODE_HOLDS_ARRAY (array))
    json_array_foreach_element (json_node_get_array (array), index_entry, names);
  return names;
}

/* @table's names, read on first use. Call with the lock held. */
static GHashTable *
ensure_table (const Table *table)
{
  GHashTable *names;

  if (loaded == NULL)
    loaded = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  names = g_hash_table_lookup (loaded, table->file);
  if (names == NULL)
    {
      names = load_table (table);
      g_hash_table_insert (loaded, (gpointer) table->file, names);
    }
  return names;
}

/* The English name of @code in @table, translated; or NULL. */
static char *
lookup (const Table *table,
        const char  *code)
{
  g_autofree char *key = g_ascii_strdown (code, -1);
  const char *name;
  char *translated;

  G_LOCK (tables);
  name = g_hash_table_lookup (ensure_table (table), key);
  translated = name != NULL ? g_strdup (g_dgettext (table->domain, name)) : NULL;
  G_UNLOCK (tables);

  return translated;
}

static gboolean
is_alpha (const char *text,
          gsize       min,
          gsize       max)
{
  gsize length = strlen (text);

  if (length < min || length > max)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalpha (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * myelin_language_get_name:
 * @tag: (nullable): a BCP 47 language tag
 *
 * Returns: (transfer full) (nullable): the language's name in the user's
 *   language, with the region if the tag has one ("German (Austria)"); the
 *   tag itself when its language is not known; %NULL for %NULL or ""
 */
char *
myelin_language_get_name (const char *tag)
{
  g_auto(GStrv) subtags = NULL;
  g_autofree char *language = NULL;
  g_autofree char *region = NULL;

  if (tag == NULL || *tag == '\0')
    return NULL;

  subtags = g_strsplit (tag, "-", -1);
  if (is_alpha (subtags[0], 2, 3))
    language = lookup (&languages, subtags[0]);
  if (language == NULL && is_alpha (subtags[0], 3, 3))
    language = lookup (&languages_collective, subtags[0]);
  if (language == NULL)
    return g_strdup (tag);

  /* The region is the first two-letter subtag after the language (a script
   * such as "Latn" has four, an extension "x-…" ends the search). */
  for (guint i = 1; subtags[i] != NULL && region == NULL; i++)
    {
      if (strlen (subtags[i]) == 1)
        break;
      if (is_alpha (subtags[i], 2, 2))
        region = lookup (&regions, subtags[i]);
    }
  if (region == NULL)
    return g_steal_pointer (&language);
  /* Translators: a language and the country or region it is written for,
   * e.g. "German (Austria)" */
  return g_strdup_printf (_("%s (%s)"), language, region);
}

/* ISO 639-3 alone is 0.9 MB of JSON, ~40 ms to read: not for the main
 * thread. */
static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  G_LOCK (tables);
  ensure_table (&languages);
  ensure_table (&languages_collective);
  ensure_table (&regions);
  G_UNLOCK (tables);
  g_task_return_boolean (task, TRUE);
}

/**
 * myelin_language_load_async:
 *
 * Reads the tables myelin_language_get_name() needs in a thread, so that
 * it then answers at once. Reading them cannot fail: a missing table
 * names nothing.
 */
void
myelin_language_load_async (GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, myelin_language_load_async);
  g_task_run_in_thread (task, load_thread);
}

gboolean
myelin_language_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
myelin_language_set_iso_codes_dir (const char *dir)
{
  G_LOCK (tables);
  g_free (iso_codes_dir);
  iso_codes_dir = g_strdup (dir);
  g_clear_pointer (&loaded, g_hash_table_unref);
  G_UNLOCK (tables);
}
