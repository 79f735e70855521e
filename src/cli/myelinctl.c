/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * myelinctl: the command line over Myelin's library, for publishers and
 * kiosk administrators. A thin shell over src/core: it parses arguments,
 * calls the store and prints.
 *
 * Exit status: 0 done (or already up to date), 3 done but some articles
 * skipped, 1 refused or failed (nothing changed), 2 usage error.
 */
#define G_LOG_DOMAIN "myelinctl"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "myelin-cli-json.h"
#include "myelin-error.h"
#include "myelin-store.h"

enum {
  EXIT_DONE = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_SKIPPED = 3,
};

typedef struct
{
  const char *library;   /* --library, or NULL for the default */
} Globals;

typedef int (*CommandFunc) (Globals *globals,
                            int      argc,
                            char   **argv);

typedef struct
{
  const char  *name;
  const char  *args;
  const char  *summary;
  CommandFunc  run;
} Command;

static const Command *find_command (const char *name);

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("myelinctl: %s\n", message);
  g_printerr (_("Run “myelinctl --help” for the commands and their options.\n"));
  return EXIT_USAGE;
}

static int
fail (const GError *error)
{
  g_printerr ("myelinctl: %s\n", error->message);
  if (g_error_matches (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_CORRUPT))
    g_printerr (_("myelinctl: Nothing was changed. “myelinctl repair” keeps the damaged file aside (it is never deleted)"
                  " and starts a fresh library with the saved articles and notes that can still be read.\n"));
  return EXIT_FAILED;
}

static MyelinStore *
open_store (Globals  *globals,
            GError  **error)
{
  return myelin_store_open (globals->library, error);
}

/* Commands that only read (or remove) must not leave an empty library
 * behind at a mistyped path: a library that does not exist reads as an
 * empty one, held in memory. */
static MyelinStore *
open_existing_store (Globals  *globals,
                     GError  **error)
{
  g_autofree char *path = globals->library != NULL ? g_strdup (globals->library) : myelin_store_default_path ();

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return myelin_store_open (":memory:", error);
  return myelin_store_open (globals->library, error);
}

/* Parses a command's options; FALSE (and a usage message) on a bad one. */
static gboolean
parse_options (const char    *command,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *args = find_command (command)->args;
  g_autofree char *parameter = *args != '\0' ? g_strdup_printf ("%s %s", command, _(args)) : g_strdup (command);

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, _(find_command (command)->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* --- Reports ------------------------------------------------------------ */

static void
print_report_text (MyelinImportReport *report,
                   gboolean            check_only)
{
  const char *file = myelin_import_report_get_file (report);
  const char *title = myelin_import_report_get_bundle_title (report);
  guint skipped = myelin_import_report_get_skipped (report);

  for (guint i = 0; i < myelin_import_report_get_errors (report)->len; i++)
    {
      g_autofree char *line = myelin_problem_to_string (g_ptr_array_index (myelin_import_report_get_errors (report), i), file);
      g_printerr (_("error: %s\n"), line);
    }
  for (guint i = 0; i < myelin_import_report_get_warnings (report)->len; i++)
    {
      g_autofree char *line = myelin_problem_to_string (g_ptr_array_index (myelin_import_report_get_warnings (report), i), file);
      g_printerr (_("warning: %s\n"), line);
    }

  switch (myelin_import_report_get_status (report))
    {
    case MYELIN_IMPORT_STATUS_REFUSED:
      g_printerr (_("%s: refused; the library was not changed.\n"), file);
      return;
    case MYELIN_IMPORT_STATUS_UP_TO_DATE:
      g_print (_("%s: “%s” revision %lld is already up to date.\n"),
               file, title, (long long) myelin_import_report_get_revision_after (report));
      return;
    case MYELIN_IMPORT_STATUS_VALID:
      g_print (_("%s: “%s” revision %lld is valid.\n"),
               file, title, (long long) myelin_import_report_get_revision_after (report));
      break;
    case MYELIN_IMPORT_STATUS_ADDED:
    case MYELIN_IMPORT_STATUS_UPDATED:
      g_print (_("%s: “%s” revision %lld: added %u, updated %u, removed %u, unchanged %u.\n"),
               file, title, (long long) myelin_import_report_get_revision_after (report),
               myelin_import_report_get_added (report), myelin_import_report_get_updated (report),
               myelin_import_report_get_removed (report), myelin_import_report_get_unchanged (report));
      break;
    default:
      g_assert_not_reached ();
    }
  /* Two whole calls, not a ?: inside one: xgettext sees only literal
   * arguments, and each wording needs its own plural forms. */
  if (skipped > 0 && check_only)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%s: %u article would be skipped; the errors above say why.\n",
                             "%s: %u articles would be skipped; the errors above say why.\n",
                             skipped),
                file, skipped);
  else if (skipped > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%s: %u article was skipped; the errors above say why.\n",
                             "%s: %u articles were skipped; the errors above say why.\n",
                             skipped),
                file, skipped);
}

/* check and import share everything but the flag. */
static int
run_import (Globals          *globals,
            int               argc,
            char            **argv,
            const char       *command,
            MyelinImportFlags flags)
{
  gboolean strict = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, N_("Refuse the whole bundle if any article is invalid"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the reports as JSON"), NULL },
    { NULL }
  };
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) reports = json_array_new ();
  gboolean check_only = (flags & MYELIN_IMPORT_FLAGS_CHECK) != 0;
  int worst = EXIT_DONE;

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return usage_error (_("“%s” needs at least one bundle file."), command);
  if (strict)
    flags |= MYELIN_IMPORT_FLAGS_STRICT;

  /* check reads a library only to tell "up to date" and "older": never
   * create one for it, neither the default one nor one named by --library. */
  if (!check_only)
    {
      store = open_store (globals, &error);
      if (store == NULL)
        return fail (error);
    }
  else
    {
      g_autofree char *path = globals->library != NULL ? g_strdup (globals->library)
                                                       : myelin_store_default_path ();
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          store = open_store (globals, &error);
          if (store == NULL && globals->library != NULL)
            return fail (error);
        }
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(MyelinImportReport) report = myelin_store_import_file (store, file, flags, NULL, NULL, NULL);
      int status = myelin_import_report_get_exit_status (report);

      /* check validates the file: its invalid articles count even when
       * the library already holds this revision. */
      if (check_only && status == EXIT_DONE && myelin_import_report_get_skipped (report) > 0)
        status = EXIT_SKIPPED;

      if (json)
        json_array_add_element (reports, myelin_cli_json_report (report));
      else
        print_report_text (report, check_only);

      if (status == EXIT_FAILED || (status == EXIT_SKIPPED && worst == EXIT_DONE))
        worst = status;
    }

  if (json)
    {
      g_autoptr(JsonNode) node = NULL;
      if (argc == 2)
        node = json_node_copy (json_array_get_element (reports, 0));
      else
        {
          node = json_node_new (JSON_NODE_ARRAY);
          json_node_set_array (node, reports);
        }
      myelin_cli_json_print (node);
    }
  return worst;
}

static int
cmd_check (Globals *globals,
           int      argc,
           char   **argv)
{
  return run_import (globals, argc, argv, "check", MYELIN_IMPORT_FLAGS_CHECK);
}

static int
cmd_import (Globals *globals,
            int      argc,
            char   **argv)
{
  return run_import (globals, argc, argv, "import", MYELIN_IMPORT_FLAGS_NONE);
}

/* --- Listing ------------------------------------------------------------ */

static int
print_json_array (GPtrArray  *items,
                  JsonNode *(*convert) (gpointer item))
{
  g_autoptr(JsonNode) node = myelin_cli_json_array (items, convert);

  myelin_cli_json_print (node);
  return EXIT_DONE;
}

static JsonNode *
article_summary_json (gpointer item)
{
  return myelin_cli_json_article (item, FALSE);
}

static void
print_article_line (MyelinArticle *article)
{
  g_autofree char *topics = g_strjoinv (", ", (char **) myelin_article_get_topics (article));

  g_print ("%s/%s\t%s\t%s\n", myelin_article_get_bundle_id (article), myelin_article_get_id (article),
           myelin_article_get_published (article), myelin_article_get_title (article));
}

static int
print_articles (GPtrArray *articles,
                gboolean   json)
{
  if (json)
    return print_json_array (articles, article_summary_json);
  for (guint i = 0; i < articles->len; i++)
    print_article_line (g_ptr_array_index (articles, i));
  return EXIT_DONE;
}

static int
cmd_list (Globals *globals,
          int      argc,
          char   **argv)
{
  g_auto(GStrv) topics = NULL;
  g_autofree char *search = NULL;
  g_autofree char *sort_name = NULL;
  gboolean saved = FALSE, unread = FALSE, json = FALSE;
  int limit = 0, offset = 0;
  GOptionEntry entries[] = {
    { "topic", 0, 0, G_OPTION_ARG_STRING_ARRAY, &topics, N_("Only articles with this topic (repeat: all must match)"), N_("TOPIC") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only articles matching these words"), N_("WORDS") },
    { "saved", 0, 0, G_OPTION_ARG_NONE, &saved, N_("Only saved articles"), NULL },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &unread, N_("Only unread articles"), NULL },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_name, N_("newest, credibility, interest or title"), N_("ORDER") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N articles"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N articles"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  MyelinSort sort = MYELIN_SORT_DEFAULT;

  if (!parse_options ("list", entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("“list” takes no file or article, only options; “%s” is not one."), argv[1]);
  if (sort_name != NULL && (!myelin_sort_from_string (sort_name, &sort) || sort == MYELIN_SORT_DEFAULT))
    return usage_error (_("“%s” is not a sort order; use newest, credibility, interest, title or relevance."), sort_name);
  if (limit < 0 || offset < 0)
    return usage_error (_("--limit and --offset take a number of 0 or more."));

  myelin_query_set_topics (query, (const char * const *) topics);
  myelin_query_set_search (query, search);
  myelin_query_set_saved_only (query, saved);
  myelin_query_set_unread_only (query, unread);
  myelin_query_set_sort (query, sort);
  myelin_query_set_limit (query, (guint) limit);
  myelin_query_set_offset (query, (guint) offset);

  store = open_existing_store (globals, &error);
  if (store == NULL || (articles = myelin_store_list_articles (store, query, &error)) == NULL)
    return fail (error);
  return print_articles (articles, json);
}

static gboolean
parse_json_only (const char *command,
                 int        *argc,
                 char     ***argv,
                 gboolean   *json)
{
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, N_("Print JSON"), NULL },
    { NULL }
  };

  return parse_options (command, entries, argc, argv);
}

typedef GPtrArray *(*ListFunc)      (MyelinStore *store,
                                    GError     **error);
typedef JsonNode  *(*ItemJsonFunc)  (gpointer     item);
typedef void       (*ItemPrintFunc) (gpointer     item);

/* topics, bundles and saved: no arguments, a list, printed as JSON or as
 * one line an item. */
static int
run_listing (Globals       *globals,
             int            argc,
             char         **argv,
             const char    *command,
             ListFunc       list,
             ItemJsonFunc   to_json,
             ItemPrintFunc  print_item)
{
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;

  if (!parse_json_only (command, &argc, &argv, &json))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("“%s” takes no arguments."), command);

  store = open_existing_store (globals, &error);
  if (store == NULL || (items = list (store, &error)) == NULL)
    return fail (error);
  if (json)
    return print_json_array (items, to_json);
  for (guint i = 0; i < items->len; i++)
    print_item (g_ptr_array_index (items, i));
  return EXIT_DONE;
}

static GPtrArray *
list_all_topics (MyelinStore  *store,
                 GError      **error)
{
  return myelin_store_list_topics (store, NULL, error);
}

static JsonNode *
topic_json (gpointer item)
{
  return myelin_cli_json_topic (item);
}

static void
print_topic (gpointer item)
{
  g_print ("%u\t%s\n", myelin_topic_get_count (item), myelin_topic_get_name (item));
}

static int
cmd_topics (Globals *globals,
            int      argc,
            char   **argv)
{
  return run_listing (globals, argc, argv, "topics", list_all_topics, topic_json, print_topic);
}

static JsonNode *
bundle_json (gpointer item)
{
  return myelin_cli_json_bundle (item);
}

static void
print_bundle (gpointer item)
{
  MyelinBundleInfo *b = item;

  g_print (_("%s\t%s\trevision %lld\tarticles: %u\n"),
           myelin_bundle_info_get_id (b), myelin_bundle_info_get_title (b),
           (long long) myelin_bundle_info_get_revision (b), myelin_bundle_info_get_articles (b));
}

static int
cmd_bundles (Globals *globals,
             int      argc,
             char   **argv)
{
  return run_listing (globals, argc, argv, "bundles", myelin_store_list_bundles, bundle_json, print_bundle);
}

/* "BUNDLE/ARTICLE": the bundle id may hold dots but no slash. */
static gboolean
split_article_ref (const char  *ref,
                   char       **bundle_id,
                   char       **article_id)
{
  const char *slash = strrchr (ref, '/');

  if (slash == NULL || slash == ref || slash[1] == '\0')
    return FALSE;
  *bundle_id = g_strndup (ref, slash - ref);
  *article_id = g_strdup (slash + 1);
  return TRUE;
}

static gboolean
parse_article_command (const char  *command,
                       int         *argc,
                       char      ***argv,
                       gboolean    *json,
                       char       **bundle_id,
                       char       **article_id)
{
  if (!parse_json_only (command, argc, argv, json))
    return FALSE;
  if (*argc != 2)
    {
      usage_error (_("“%s” needs one article, written BUNDLE/ARTICLE."), command);
      return FALSE;
    }
  if (!split_article_ref ((*argv)[1], bundle_id, article_id))
    {
      usage_error (_("“%s” is not an article reference; write BUNDLE/ARTICLE, as “myelinctl list” prints."), (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

static void
print_section (const char *heading,
               const char *text)
{
  if (text != NULL)
    g_print ("\n%s\n%s\n", heading, text);
}

/* One "Label: value" line, only when the article has the value. */
static void
print_field (const char         *label,
             MyelinArticle      *a,
             MyelinArticleField  field)
{
  switch (myelin_article_field_type (field))
    {
    case MYELIN_FIELD_STRING:
      if (myelin_article_get_string (a, field) != NULL)
        g_print ("%s: %s\n", label, myelin_article_get_string (a, field));
      break;
    case MYELIN_FIELD_INT:
      if (myelin_article_get_int (a, field) >= 0)
        g_print ("%s: %" G_GINT64_FORMAT "\n", label, myelin_article_get_int (a, field));
      break;
    case MYELIN_FIELD_TRISTATE:
      if (myelin_article_get_int (a, field) >= 0)
        g_print ("%s: %s\n", label, myelin_article_get_int (a, field) == 1 ? _("yes") : _("no"));
      break;
    case MYELIN_FIELD_BOOLEAN:
      g_print ("%s: %s\n", label, myelin_article_get_boolean (a, field) ? _("yes") : _("no"));
      break;
    case MYELIN_FIELD_STRV:
      if (myelin_article_get_strv (a, field) != NULL)
        {
          g_autofree char *joined = g_strjoinv (", ", (char **) myelin_article_get_strv (a, field));
          g_print ("%s: %s\n", label, joined);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Every field of the article, as `show` promises; the labels are the
 * app's headings, the values are printed exactly as stored. */
static void
print_article_text (MyelinArticle *a)
{
  g_autofree char *topics = g_strjoinv (", ", (char **) myelin_article_get_topics (a));

  g_print ("%s\n", myelin_article_get_title (a));
  g_print ("%s/%s\n", myelin_article_get_bundle_id (a), myelin_article_get_id (a));
  g_print (_("Published %s"), myelin_article_get_published (a));
  if (myelin_article_get_string (a, MYELIN_ARTICLE_UPDATED) != NULL)
    g_print (_(", updated %s"), myelin_article_get_string (a, MYELIN_ARTICLE_UPDATED));
  g_print (_(" · Credibility %lld of 5 · Interest %lld of 5\n"),
           (long long) myelin_article_get_credibility (a), (long long) myelin_article_get_interest (a));
  if (myelin_article_get_boolean (a, MYELIN_ARTICLE_RETRACTED))
    {
      g_print (_("RETRACTED: the original study was withdrawn.\n"));
      print_field (_("Retracted on"), a, MYELIN_ARTICLE_RETRACTED_DATE);
      print_field (_("Retraction note"), a, MYELIN_ARTICLE_RETRACTED_NOTE);
      print_field (_("Retraction notice"), a, MYELIN_ARTICLE_RETRACTED_URL);
    }
  g_print (_("Topics: %s\n"), topics);
  print_section (_("Teaser"), myelin_article_get_teaser (a));
  print_section (_("Key takeaway"), myelin_article_get_string (a, MYELIN_ARTICLE_KEY_TAKEAWAY));
  print_section (_("What they found"), myelin_article_get_string (a, MYELIN_ARTICLE_WHAT_THEY_FOUND));
  print_section (_("Who should care and why"), myelin_article_get_string (a, MYELIN_ARTICLE_WHO_SHOULD_CARE));
  print_section (_("Important considerations"), myelin_article_get_string (a, MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS));

  g_print ("\n%s\n", _("More details"));
  print_field (_("Title"), a, MYELIN_ARTICLE_SOURCE_TITLE);
  print_field (_("Journal"), a, MYELIN_ARTICLE_SOURCE_JOURNAL);
  print_field (_("Authors"), a, MYELIN_ARTICLE_SOURCE_AUTHORS);
  print_field (_("Year"), a, MYELIN_ARTICLE_SOURCE_YEAR);
  print_field (_("Design"), a, MYELIN_ARTICLE_SOURCE_DESIGN);
  print_field (_("Participants"), a, MYELIN_ARTICLE_SOURCE_PARTICIPANTS);
  print_field (_("Studies"), a, MYELIN_ARTICLE_SOURCE_STUDIES);
  print_field (_("DOI"), a, MYELIN_ARTICLE_SOURCE_DOI);
  print_field (_("Link"), a, MYELIN_ARTICLE_SOURCE_URL);
  print_field (_("Image"), a, MYELIN_ARTICLE_IMAGE_PATH);
  print_field (_("Image description"), a, MYELIN_ARTICLE_IMAGE_ALT);
  print_field (_("Related"), a, MYELIN_ARTICLE_RELATED);
  print_field (_("Written by software"), a, MYELIN_ARTICLE_REVIEW_AI_GENERATED);
  print_field (_("Reviewed by"), a, MYELIN_ARTICLE_REVIEW_REVIEWED_BY);
  print_field (_("Reviewed on"), a, MYELIN_ARTICLE_REVIEW_REVIEWED);
  print_field (_("Next review"), a, MYELIN_ARTICLE_REVIEW_NEXT_REVIEW);
  print_field (_("Saved"), a, MYELIN_ARTICLE_SAVED);
  print_field (_("Read"), a, MYELIN_ARTICLE_READ);
  print_field (_("Note"), a, MYELIN_ARTICLE_NOTE);
  print_section (_("Understanding the research"), myelin_article_get_string (a, MYELIN_ARTICLE_DISCLAIMER));
}

static int
cmd_show (Globals *globals,
          int      argc,
          char   **argv)
{
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(MyelinArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle_id = NULL;
  g_autofree char *article_id = NULL;
  gboolean json = FALSE;

  if (!parse_article_command ("show", &argc, &argv, &json, &bundle_id, &article_id))
    return EXIT_USAGE;

  store = open_existing_store (globals, &error);
  if (store == NULL || (article = myelin_store_get_article (store, bundle_id, article_id, &error)) == NULL)
    return fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = myelin_cli_json_article (article, TRUE);
      myelin_cli_json_print (node);
    }
  else
    print_article_text (article);
  return EXIT_DONE;
}

static int
cmd_related (Globals *globals,
             int      argc,
             char   **argv)
{
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle_id = NULL;
  g_autofree char *article_id = NULL;
  gboolean json = FALSE;

  if (!parse_article_command ("related", &argc, &argv, &json, &bundle_id, &article_id))
    return EXIT_USAGE;

  store = open_existing_store (globals, &error);
  if (store == NULL || (related = myelin_store_list_related (store, bundle_id, article_id, 6, &error)) == NULL)
    return fail (error);
  return print_articles (related, json);
}

static int
cmd_remove (Globals *globals,
            int      argc,
            char   **argv)
{
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options ("remove", entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("“remove” needs one bundle id; “myelinctl bundles” lists them."));

  store = open_existing_store (globals, &error);
  if (store == NULL || !myelin_store_remove_bundle (store, argv[1], &error))
    return fail (error);
  g_print (_("Removed “%s”. Saved articles, read marks and notes are kept.\n"), argv[1]);
  return EXIT_DONE;
}

/* --- The reader's own data ------------------------------------------------ */

static gboolean
parse_reader_command (const char   *command,
                      int          *argc,
                      char       ***argv,
                      int           n_texts,
                      char        **bundle_id,
                      char        **article_id)
{
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options (command, entries, argc, argv))
    return FALSE;
  /* GOption leaves the "--" that lets a note start with "-": drop it. */
  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--"))
      {
        memmove (*argv + i, *argv + i + 1, (*argc - i) * sizeof (char *));
        (*argc)--;
        break;
      }
  if (*argc != 2 + n_texts)
    {
      if (n_texts > 0)
        usage_error (_("“%s” needs one article, written BUNDLE/ARTICLE, and one text (\"\" clears the note)."), command);
      else
        usage_error (_("“%s” needs one article, written BUNDLE/ARTICLE."), command);
      return FALSE;
    }
  if (!split_article_ref ((*argv)[1], bundle_id, article_id))
    {
      usage_error (_("“%s” is not an article reference; write BUNDLE/ARTICLE, as “myelinctl list” prints."), (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

/* The reader can only save or annotate what they can see: the article
 * must be in the library. */
static gboolean
require_article (MyelinStore  *store,
                 const char   *bundle_id,
                 const char   *article_id,
                 GError      **error)
{
  g_autoptr(MyelinArticle) article = NULL;
  g_autoptr(GError) local_error = NULL;

  article = myelin_store_get_article (store, bundle_id, article_id, &local_error);
  if (article != NULL)
    return TRUE;
  if (g_error_matches (local_error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_NOT_FOUND))
    g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_NOT_FOUND,
                 _("There is no article “%s/%s” in the library, and only articles in the library can be saved"
                   " or given a note; `myelinctl list` shows them."),
                 bundle_id, article_id);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static int
cmd_save (Globals *globals,
          int      argc,
          char   **argv)
{
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle_id = NULL;
  g_autofree char *article_id = NULL;

  if (!parse_reader_command ("save", &argc, &argv, 0, &bundle_id, &article_id))
    return EXIT_USAGE;

  store = open_existing_store (globals, &error);
  if (store == NULL
      || !require_article (store, bundle_id, article_id, &error)
      || !myelin_store_set_saved (store, bundle_id, article_id, TRUE, &error))
    return fail (error);
  return EXIT_DONE;
}

/* Whether the reader saved this article, in the library or not. */
static gboolean
is_saved (MyelinStore  *store,
          const char   *bundle_id,
          const char   *article_id,
          GError      **error)
{
  g_autoptr(GPtrArray) saved = myelin_store_list_saved (store, error);

  for (guint i = 0; saved != NULL && i < saved->len; i++)
    {
      MyelinSavedArticle *item = g_ptr_array_index (saved, i);

      if (g_str_equal (myelin_saved_article_get_bundle_id (item), bundle_id)
          && g_str_equal (myelin_saved_article_get_id (item), article_id))
        return TRUE;
    }
  return FALSE;
}

/* Works for a saved article that has left the library, too: that is how
 * the reader lets it go. */
static int
cmd_unsave (Globals *globals,
            int      argc,
            char   **argv)
{
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle_id = NULL;
  g_autofree char *article_id = NULL;

  if (!parse_reader_command ("unsave", &argc, &argv, 0, &bundle_id, &article_id))
    return EXIT_USAGE;

  store = open_existing_store (globals, &error);
  if (store == NULL)
    return fail (error);
  if (!is_saved (store, bundle_id, article_id, &error))
    {
      if (error != NULL)
        return fail (error);
      if (!require_article (store, bundle_id, article_id, NULL))
        {
          g_printerr (_("myelinctl: “%s/%s” is neither saved nor in the library; `myelinctl saved` lists the saved articles.\n"),
                      bundle_id, article_id);
          return EXIT_FAILED;
        }
      /* In the library and not saved: already done. */
      return EXIT_DONE;
    }
  if (!myelin_store_set_saved (store, bundle_id, article_id, FALSE, &error))
    return fail (error);
  return EXIT_DONE;
}

static int
cmd_note (Globals *globals,
          int      argc,
          char   **argv)
{
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bundle_id = NULL;
  g_autofree char *article_id = NULL;

  if (!parse_reader_command ("note", &argc, &argv, 1, &bundle_id, &article_id))
    return EXIT_USAGE;
  if (!g_utf8_validate (argv[2], -1, NULL))
    return usage_error (_("The note is not UTF-8 text; run myelinctl in a UTF-8 locale."));

  store = open_existing_store (globals, &error);
  /* Saved as typed: an empty text clears the note. */
  if (store == NULL
      || !require_article (store, bundle_id, article_id, &error)
      || !myelin_store_set_note (store, bundle_id, article_id, argv[2], &error))
    return fail (error);
  return EXIT_DONE;
}

/* --- A damaged library ----------------------------------------------------- */

static int
cmd_repair (Globals *globals,
            int      argc,
            char   **argv)
{
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = globals->library != NULL ? g_strdup (globals->library) : myelin_store_default_path ();
  g_autofree char *kept = NULL;
  GOptionEntry entries[] = { { NULL } };
  guint salvaged = 0;

  if (!parse_options ("repair", entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("“repair” takes no arguments; --library names the library."));
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("myelinctl: There is no library at %s, so there is nothing to repair.\n"), path);
      return EXIT_FAILED;
    }

  /* Every page is read: a healthy library is never moved. */
  store = myelin_store_open (path, &error);
  if (store != NULL && myelin_store_check (store, &error))
    {
      g_print (_("The library %s is healthy; nothing was changed.\n"), path);
      return EXIT_DONE;
    }
  if (!g_error_matches (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_CORRUPT))
    return fail (error);
  g_printerr ("myelinctl: %s\n", error->message);
  g_clear_error (&error);
  g_clear_object (&store);

  store = myelin_store_start_fresh (path, &kept, &salvaged, &error);
  if (store == NULL)
    return fail (error);
  g_print (_("The damaged library was kept as %s (nothing was deleted).\n"), kept);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "A fresh library was started at %s with %u saved article, read mark or note salvaged.\n",
                        "A fresh library was started at %s with %u saved articles, read marks and notes salvaged.\n",
                        salvaged),
           path, salvaged);
  g_print (_("Import your bundles again to fill it.\n"));
  return EXIT_DONE;
}

static JsonNode *
saved_json (gpointer item)
{
  return myelin_cli_json_saved (item);
}

static void
print_saved (gpointer data)
{
  MyelinSavedArticle *item = data;
  const char *title = myelin_saved_article_get_title (item);

  g_print ("%s/%s\t%s\t%s", myelin_saved_article_get_bundle_id (item), myelin_saved_article_get_id (item),
           myelin_saved_article_get_saved_at (item), title != NULL ? title : _("(title unknown)"));
  if (!myelin_saved_article_get_available (item))
    g_print ("\t%s", _("(no longer in the library)"));
  g_print ("\n");
  if (myelin_saved_article_get_note (item) != NULL)
    g_print (_("\tNote: %s\n"), myelin_saved_article_get_note (item));
}

static int
cmd_saved (Globals *globals,
           int      argc,
           char   **argv)
{
  return run_listing (globals, argc, argv, "saved", myelin_store_list_saved, saved_json, print_saved);
}

static const Command commands[] = {
  { "check", N_("FILE…"), N_("Validate bundles without importing them; print errors and warnings."), cmd_check },
  { "import", N_("FILE…"), N_("Import bundles into the library."), cmd_import },
  { "bundles", "", N_("List the installed bundles."), cmd_bundles },
  { "list", "", N_("List articles, filtered and sorted."), cmd_list },
  { "topics", "", N_("List the topics with their article counts."), cmd_topics },
  { "show", N_("BUNDLE/ARTICLE"), N_("Print every field of one article."), cmd_show },
  { "related", N_("BUNDLE/ARTICLE"), N_("List the articles related to one article."), cmd_related },
  { "save", N_("BUNDLE/ARTICLE"), N_("Save an article of the library."), cmd_save },
  { "unsave", N_("BUNDLE/ARTICLE"), N_("Unsave an article, in the library or no longer."), cmd_unsave },
  { "note", N_("BUNDLE/ARTICLE TEXT"), N_("Set the reader's note on an article; \"\" clears it."), cmd_note },
  { "saved", "", N_("List the saved articles with their notes, those no longer in the library too."), cmd_saved },
  { "remove", N_("BUNDLE"), N_("Remove a bundle; the reader's own data is kept."), cmd_remove },
  { "repair", "", N_("Keep a damaged library aside and start a fresh one with the reader's data."), cmd_repair },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static char *
commands_description (void)
{
  GString *out = g_string_new (_("Commands:\n"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      /* gettext ("") is the catalogue's header, never an empty string. */
      const char *args = commands[i].args[0] != '\0' ? _(commands[i].args) : "";
      g_autofree char *usage = g_strdup_printf ("%s %s", commands[i].name, args);
      glong width = g_utf8_strlen (usage, -1);

      /* Pad by characters, not bytes: “…” is one column but three bytes. */
      g_string_append_printf (out, "  %s%*s %s\n", usage, (int) MAX (26 - width, 0), "",
                              _(commands[i].summary));
    }
  g_string_append (out, _("\nRun “myelinctl COMMAND --help” for a command's options.\n"
                          "Exit status: 0 done, 3 done with skipped articles, 1 refused or failed, 2 usage error."));
  return g_string_free (out, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;
  g_autofree char *description = NULL;
  gboolean version = FALSE;
  const Command *command;
  Globals globals = { NULL };
  GOptionEntry entries[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, N_("Use this library file instead of the default"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [OPTION…]"));
  g_option_context_set_summary (context, _("Manage the Myelin library of plain-language MS research summaries."));
  description = commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command: its own options are parsed by the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);

  if (version)
    {
      g_print ("myelinctl %s\n", PACKAGE_VERSION);
      return EXIT_DONE;
    }
  if (argc < 2)
    return usage_error (_("No command given."));

  command = find_command (argv[1]);
  if (command == NULL)
    return usage_error (_("“%s” is not a command."), argv[1]);

  globals.library = library;
  return command->run (&globals, argc - 1, argv + 1);
}
