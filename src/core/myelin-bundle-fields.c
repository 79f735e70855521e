/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "myelin-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "myelin-bundle-fields.h"
#include "myelin-json-scan.h"

void
myelin_fields_init (MyelinFields *fields,
                    JsonObject   *object,
                    const char   *pointer,
                    int           article_index)
{
  fields->object = object;
  fields->pointer = g_strdup (pointer);
  fields->article_index = article_index;
  fields->article_id = NULL;
  fields->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) myelin_problem_free);
  fields->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) myelin_problem_free);
}

void
myelin_fields_clear (MyelinFields *fields)
{
  g_clear_pointer (&fields->pointer, g_free);
  g_clear_pointer (&fields->problems, g_ptr_array_unref);
  g_clear_pointer (&fields->warnings, g_ptr_array_unref);
}

gboolean
myelin_fields_ok (MyelinFields *fields)
{
  return fields->problems->len == 0;
}

char *
myelin_fields_pointer (MyelinFields *fields,
                       const char   *key)
{
  if (key == NULL)
    return g_strdup (fields->pointer);
  return myelin_json_pointer_append (fields->pointer, key);
}

/* The member, or NULL when it is absent or null (the same thing for optional keys). */
JsonNode *
myelin_fields_member (MyelinFields *fields,
                      const char   *key)
{
  JsonNode *node = json_object_get_member (fields->object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static void
add_problem (MyelinFields *fields,
             GPtrArray    *to,
             const char   *key,
             const char   *format,
             va_list       args)
{
  g_autofree char *pointer = NULL;
  g_autofree char *message = g_strdup_vprintf (format, args);
  const char *slash = key ? strchr (key, '/') : NULL;

  /* "topics/3" names item 3 of "topics": keep the slash a separator. */
  if (slash != NULL)
    {
      g_autofree char *name = g_strndup (key, slash - key);
      g_autofree char *parent = myelin_fields_pointer (fields, name);
      pointer = myelin_json_pointer_append (parent, slash + 1);
    }
  else
    pointer = myelin_fields_pointer (fields, key);

  g_ptr_array_add (to, myelin_problem_new (pointer, fields->article_index,
                                           fields->article_id, message));
}

void
myelin_fields_problem (MyelinFields *fields,
                       const char   *key,
                       const char   *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  add_problem (fields, fields->problems, key, format, args);
  va_end (args);
}

void
myelin_fields_warn (MyelinFields *fields,
                    const char   *key,
                    const char   *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  add_problem (fields, fields->warnings, key, format, args);
  va_end (args);
}

/* Unknown keys are ignored, so that later compatible bundles still read,
 * but each is a warning: it catches typos such as "credibilty". */
void
myelin_fields_warn_unknown (MyelinFields       *fields,
                            const char * const *known)
{
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init (&iter, fields->object);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (known, name))
      {
        /* Not myelin_fields_warn(): a "/" in an unknown key is part of
         * the key, to be escaped, not a path separator. */
        g_autofree char *pointer = myelin_fields_pointer (fields, name);
        g_autofree char *message = g_strdup_printf (_("Unknown key “%s” is ignored; check its spelling."), name);

        g_ptr_array_add (fields->warnings, myelin_problem_new (pointer, fields->article_index,
                                                               fields->article_id, message));
      }
}

static gboolean
is_missing (MyelinFields *fields,
            const char   *key,
            gboolean      required,
            JsonNode    **node)
{
  *node = myelin_fields_member (fields, key);
  if (*node != NULL)
    return FALSE;
  if (required)
    myelin_fields_problem (fields, key, _("“%s” is missing; it is required."), key);
  return TRUE;
}

gboolean
myelin_fields_string (MyelinFields *fields,
                      const char   *key,
                      gboolean      required,
                      guint         min_chars,
                      guint         max_chars,
                      char        **out)
{
  JsonNode *node;
  g_autofree char *text = NULL;
  glong n;

  *out = NULL;
  if (is_missing (fields, key, required, &node))
    return !required;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      myelin_fields_problem (fields, key, _("“%s” must be a string."), key);
      return FALSE;
    }

  text = myelin_text_normalize (json_node_get_string (node));
  n = g_utf8_strlen (text, -1);
  if (n < (glong) min_chars)
    {
      /* Every minimum in the format is one character: no count to pluralise. */
      myelin_fields_problem (fields, key, _("“%s” is empty; it needs some text."), key);
      return FALSE;
    }
  if (n > (glong) max_chars)
    {
      myelin_fields_problem (fields, key, _("“%s” is %ld characters long; at most %u are allowed."),
                             key, n, max_chars);
      return FALSE;
    }
  *out = g_steal_pointer (&text);
  return TRUE;
}

gboolean
myelin_fields_integer (MyelinFields *fields,
                       const char   *key,
                       gboolean      required,
                       gint64        min,
                       gint64        max,
                       gint64       *out)
{
  JsonNode *node;
  gint64 value;

  *out = -1;
  if (is_missing (fields, key, required, &node))
    return !required;
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    {
      myelin_fields_problem (fields, key, _("“%s” must be a whole number written without a decimal point."), key);
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      if (max == G_MAXINT64)
        myelin_fields_problem (fields, key, _("“%s” is %lld; it must be %lld or more."),
                               key, (long long) value, (long long) min);
      else
        myelin_fields_problem (fields, key, _("“%s” is %lld; it must be from %lld to %lld."),
                               key, (long long) value, (long long) min, (long long) max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
myelin_fields_boolean (MyelinFields *fields,
                       const char   *key,
                       gint64       *out)
{
  JsonNode *node;

  *out = -1;
  if (is_missing (fields, key, FALSE, &node))
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      myelin_fields_problem (fields, key, _("“%s” must be true or false."), key);
      return FALSE;
    }
  *out = json_node_get_boolean (node) ? 1 : 0;
  return TRUE;
}

gboolean
myelin_fields_date (MyelinFields *fields,
                    const char   *key,
                    gboolean      required,
                    char        **out)
{
  g_autofree char *text = NULL;

  *out = NULL;
  if (!myelin_fields_string (fields, key, required, 1, 10, &text))
    {
      /* myelin_fields_string said why, unless it was only too long. */
      JsonNode *node = myelin_fields_member (fields, key);
      if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_ptr_array_remove_index (fields->problems, fields->problems->len - 1);
          myelin_fields_problem (fields, key, _("“%s” must be a date written YYYY-MM-DD, such as 2026-01-31."), key);
        }
      return FALSE;
    }
  if (text != NULL && !myelin_text_is_date (text))
    {
      myelin_fields_problem (fields, key, _("“%s” must be a real date written YYYY-MM-DD, such as 2026-01-31."), key);
      return FALSE;
    }
  *out = g_steal_pointer (&text);
  return TRUE;
}

gboolean
myelin_fields_url (MyelinFields *fields,
                   const char   *key,
                   char        **out)
{
  g_autofree char *text = NULL;

  *out = NULL;
  if (!myelin_fields_string (fields, key, FALSE, 1, 2048, &text))
    return FALSE;
  if (text != NULL && !myelin_text_is_url (text))
    {
      myelin_fields_problem (fields, key, _("“%s” must be a web address starting with https:// or http://."), key);
      return FALSE;
    }
  *out = g_steal_pointer (&text);
  return TRUE;
}

JsonObject *
myelin_fields_object (MyelinFields *fields,
                      const char   *key,
                      gboolean      required)
{
  JsonNode *node;

  if (is_missing (fields, key, required, &node))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      myelin_fields_problem (fields, key, _("“%s” must be an object ({…})."), key);
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
myelin_fields_array (MyelinFields *fields,
                     const char   *key,
                     gboolean      required,
                     guint         min_items,
                     guint         max_items)
{
  JsonNode *node;
  JsonArray *array;
  guint n;

  if (is_missing (fields, key, required, &node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      myelin_fields_problem (fields, key, _("“%s” must be an array ([…])."), key);
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n < min_items)
    {
      myelin_fields_problem (fields, key, _("“%s” is empty; it needs at least one item."), key);
      return NULL;
    }
  if (n > max_items)
    {
      myelin_fields_problem (fields, key, _("“%s” has %u items; at most %u are allowed."), key, n, max_items);
      return NULL;
    }
  return array;
}

/**
 * myelin_fields_string_array:
 *
 * Returns: (transfer full) (nullable): the normalised strings, or %NULL when
 *   absent or invalid (check myelin_fields_ok())
 */
GPtrArray *
myelin_fields_string_array (MyelinFields *fields,
                            const char   *key,
                            gboolean      required,
                            guint         min_items,
                            guint         max_items,
                            guint         max_chars)
{
  JsonArray *array = myelin_fields_array (fields, key, required, min_items, max_items);
  g_autoptr(GPtrArray) out = NULL;
  g_autofree char *pointer = NULL;
  guint n;

  if (array == NULL)
    return NULL;

  pointer = myelin_fields_pointer (fields, key);
  n = json_array_get_length (array);
  out = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_key = g_strdup_printf ("%s/%u", key, i);
      g_autofree char *text = NULL;
      glong len;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        {
          myelin_fields_problem (fields, item_key, _("Each item of “%s” must be a string."), key);
          continue;
        }
      text = myelin_text_normalize (json_node_get_string (node));
      len = g_utf8_strlen (text, -1);
      if (len < 1 || len > (glong) max_chars)
        {
          myelin_fields_problem (fields, item_key, _("Each item of “%s” must be 1 to %u characters long."),
                                 key, max_chars);
          continue;
        }
      g_ptr_array_add (out, g_steal_pointer (&text));
    }

  return myelin_fields_ok (fields) ? g_steal_pointer (&out) : NULL;
}
