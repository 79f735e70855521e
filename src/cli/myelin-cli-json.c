/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The `--json` output of myelinctl, as docs/cli-json.md describes it. Keys
 * are the bundle format's names; text is printed exactly as stored.
 */
#define G_LOG_DOMAIN "myelinctl"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "myelin-cli-json.h"

/* Fields stored flat in the library that the format nests in an object. */
static const char * const nested_prefixes[] = { "source_", "review_", "retracted_", "image_" };

/* Fields that are the reader's or the library's, not the bundle's, and that
 * the article object does not print (rowid is internal; bundle_title and
 * disclaimer belong to the bundle; complete is bookkeeping). */
static gboolean
is_internal (MyelinArticleField field)
{
  return field == MYELIN_ARTICLE_ROWID || field == MYELIN_ARTICLE_BUNDLE_TITLE
         || field == MYELIN_ARTICLE_DISCLAIMER || field == MYELIN_ARTICLE_COMPLETE;
}

static void
add_value (JsonObject         *object,
           const char         *key,
           MyelinArticle      *article,
           MyelinArticleField  field)
{
  switch (myelin_article_field_type (field))
    {
    case MYELIN_FIELD_STRING:
      if (myelin_article_get_string (article, field) != NULL)
        json_object_set_string_member (object, key, myelin_article_get_string (article, field));
      break;
    case MYELIN_FIELD_INT:
      if (myelin_article_get_int (article, field) >= 0)
        json_object_set_int_member (object, key, myelin_article_get_int (article, field));
      break;
    case MYELIN_FIELD_TRISTATE:
      if (myelin_article_get_int (article, field) >= 0)
        json_object_set_boolean_member (object, key, myelin_article_get_int (article, field) == 1);
      break;
    case MYELIN_FIELD_BOOLEAN:
      json_object_set_boolean_member (object, key, myelin_article_get_boolean (article, field));
      break;
    case MYELIN_FIELD_STRV:
      {
        const char * const *strv = myelin_article_get_strv (article, field);
        JsonArray *array;

        if (strv == NULL)
          break;
        array = json_array_new ();
        for (guint i = 0; strv[i] != NULL; i++)
          json_array_add_string_element (array, strv[i]);
        json_object_set_array_member (object, key, array);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static JsonObject *
nested_object (JsonObject *parent,
               const char *name)
{
  if (!json_object_has_member (parent, name))
    json_object_set_object_member (parent, name, json_object_new ());
  return json_object_get_object_member (parent, name);
}

/**
 * myelin_cli_json_article:
 * @full: every stored field, as `show` prints; otherwise the list fields
 *
 * Returns: (transfer full): the article as a JSON object
 */
JsonNode *
myelin_cli_json_article (MyelinArticle *article,
                         gboolean       full)
{
  static const MyelinArticleField list_fields[] = {
    MYELIN_ARTICLE_BUNDLE, MYELIN_ARTICLE_ID, MYELIN_ARTICLE_TITLE, MYELIN_ARTICLE_PUBLISHED,
    MYELIN_ARTICLE_UPDATED, MYELIN_ARTICLE_CREDIBILITY, MYELIN_ARTICLE_INTEREST, MYELIN_ARTICLE_TOPICS,
    MYELIN_ARTICLE_TEASER, MYELIN_ARTICLE_RETRACTED, MYELIN_ARTICLE_SAVED, MYELIN_ARTICLE_READ,
  };
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (!full)
    {
      for (guint i = 0; i < G_N_ELEMENTS (list_fields); i++)
        add_value (object, myelin_article_field_column (list_fields[i]), article, list_fields[i]);
      json_node_take_object (node, object);
      return node;
    }

  for (int field = 1; field < MYELIN_ARTICLE_N_FIELDS; field++)
    {
      const char *column = myelin_article_field_column (field);
      gboolean nested = FALSE;

      if (is_internal (field))
        continue;
      /* "retracted" is the object's presence; its keys are nested below.
       * A retraction may carry no details at all: it is still printed. */
      if (field == MYELIN_ARTICLE_RETRACTED)
        {
          if (myelin_article_get_boolean (article, field))
            nested_object (object, "retracted");
          continue;
        }

      for (guint p = 0; p < G_N_ELEMENTS (nested_prefixes); p++)
        if (g_str_has_prefix (column, nested_prefixes[p]))
          {
            g_autofree char *name = g_strndup (column, strlen (nested_prefixes[p]) - 1);
            gboolean present = g_str_equal (name, "retracted")
                               ? myelin_article_get_boolean (article, MYELIN_ARTICLE_RETRACTED)
                               : TRUE;
            if (present)
              add_value (nested_object (object, name), column + strlen (nested_prefixes[p]), article, field);
            nested = TRUE;
            break;
          }
      if (!nested)
        add_value (object, column, article, field);
    }

  /* An absent optional object is omitted rather than printed empty;
   * "note" is always there, null when the reader wrote none. */
  for (guint p = 0; p < G_N_ELEMENTS (nested_prefixes); p++)
    {
      g_autofree char *name = g_strndup (nested_prefixes[p], strlen (nested_prefixes[p]) - 1);
      if (json_object_has_member (object, name) && json_object_get_size (json_object_get_object_member (object, name)) == 0
          && !g_str_equal (name, "retracted"))
        json_object_remove_member (object, name);
    }
  if (!json_object_has_member (object, "note"))
    json_object_set_null_member (object, "note");

  json_node_take_object (node, object);
  return node;
}

/* Optional strings print null when the bundle has none: json-glib turns a
 * NULL string into a null node. */
JsonNode *
myelin_cli_json_bundle (MyelinBundleInfo *bundle)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", myelin_bundle_info_get_id (bundle));
  json_object_set_string_member (object, "title", myelin_bundle_info_get_title (bundle));
  json_object_set_int_member (object, "revision", myelin_bundle_info_get_revision (bundle));
  json_object_set_string_member (object, "publisher", myelin_bundle_info_get_publisher (bundle));
  json_object_set_string_member (object, "language", myelin_bundle_info_get_language (bundle));
  json_object_set_string_member (object, "published", myelin_bundle_info_get_published (bundle));
  json_object_set_string_member (object, "homepage", myelin_bundle_info_get_homepage (bundle));
  json_object_set_string_member (object, "disclaimer", myelin_bundle_info_get_disclaimer (bundle));
  json_object_set_int_member (object, "articles", myelin_bundle_info_get_articles (bundle));
  json_object_set_string_member (object, "imported", myelin_bundle_info_get_imported (bundle));
  json_node_take_object (node, object);
  return node;
}

JsonNode *
myelin_cli_json_topic (MyelinTopic *topic)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "name", myelin_topic_get_name (topic));
  json_object_set_int_member (object, "count", myelin_topic_get_count (topic));
  json_node_take_object (node, object);
  return node;
}

/* A saved article's keys are fixed, as the Saved view shows them: title
 * and note are null when unknown or absent. The title is the article's
 * current one, or the last one the library knew once it has left. */
JsonNode *
myelin_cli_json_saved (MyelinSavedArticle *saved)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "bundle", myelin_saved_article_get_bundle_id (saved));
  json_object_set_string_member (object, "id", myelin_saved_article_get_id (saved));
  json_object_set_string_member (object, "title", myelin_saved_article_get_title (saved));
  json_object_set_string_member (object, "note", myelin_saved_article_get_note (saved));
  json_object_set_string_member (object, "saved_at", myelin_saved_article_get_saved_at (saved));
  json_object_set_boolean_member (object, "available", myelin_saved_article_get_available (saved));
  json_node_take_object (node, object);
  return node;
}

static JsonArray *
problems_array (GPtrArray *problems)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < problems->len; i++)
    {
      MyelinProblem *problem = g_ptr_array_index (problems, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "pointer", problem->pointer);
      if (problem->line > 0)
        {
          json_object_set_int_member (object, "line", problem->line);
          json_object_set_int_member (object, "column", problem->column);
        }
      else
        {
          json_object_set_null_member (object, "line");
          json_object_set_null_member (object, "column");
        }
      /* Every key is always there, null when it does not apply, so that
       * scripts can read them without testing for them first. */
      if (problem->article_index >= 0)
        json_object_set_int_member (object, "article", problem->article_index);
      else
        json_object_set_null_member (object, "article");
      json_object_set_string_member (object, "article_id", problem->article_id);
      json_object_set_string_member (object, "message", problem->message);
      json_array_add_object_element (array, object);
    }
  return array;
}

JsonNode *
myelin_cli_json_report (MyelinImportReport *report)
{
  static const char * const status_names[] = { "valid", "added", "updated", "up-to-date", "refused" };
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "file", myelin_import_report_get_file (report));
  json_object_set_string_member (object, "status", status_names[myelin_import_report_get_status (report)]);
  json_object_set_string_member (object, "bundle", myelin_import_report_get_bundle_id (report));
  json_object_set_string_member (object, "title", myelin_import_report_get_bundle_title (report));
  if (myelin_import_report_get_revision_before (report) > 0)
    json_object_set_int_member (object, "revision_before", myelin_import_report_get_revision_before (report));
  else
    json_object_set_null_member (object, "revision_before");
  if (myelin_import_report_get_revision_after (report) > 0)
    json_object_set_int_member (object, "revision_after", myelin_import_report_get_revision_after (report));
  else
    json_object_set_null_member (object, "revision_after");
  json_object_set_int_member (object, "added", myelin_import_report_get_added (report));
  json_object_set_int_member (object, "updated", myelin_import_report_get_updated (report));
  json_object_set_int_member (object, "removed", myelin_import_report_get_removed (report));
  json_object_set_int_member (object, "unchanged", myelin_import_report_get_unchanged (report));
  json_object_set_int_member (object, "skipped", myelin_import_report_get_skipped (report));
  json_object_set_array_member (object, "errors", problems_array (myelin_import_report_get_errors (report)));
  json_object_set_array_member (object, "warnings", problems_array (myelin_import_report_get_warnings (report)));
  json_node_take_object (node, object);
  return node;
}

/**
 * myelin_cli_json_array:
 * @convert: turns one item into a node
 *
 * Returns: (transfer full): a JSON array of @items
 */
JsonNode *
myelin_cli_json_array (GPtrArray  *items,
                       JsonNode *(*convert) (gpointer item))
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, convert (g_ptr_array_index (items, i)));
  json_node_take_array (node, array);
  return node;
}

void
myelin_cli_json_print (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}
