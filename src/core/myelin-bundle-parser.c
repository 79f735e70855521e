/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads a bundle file and checks it against every rule of the bundle format
 * (docs/bundle-format.md). The outcome is either a refusal, recorded in the
 * report, or the bundle's valid articles, normalised and ready to store,
 * with each skipped article and each warning in the report.
 */
#define G_LOG_DOMAIN "myelin-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "myelin-bundle-fields.h"
#include "myelin-bundle-parser.h"
#include "myelin-error.h"
#include "myelin-json-scan.h"

typedef struct
{
  MyelinImportReport *report;
  MyelinParseFlags    flags;
  GFile              *folder;
  GHashTable         *bad_values;   /* pointer -> reason, from the scanner */
  GFile              *source;       /* to read the text again, or NULL */
  GBytes             *bytes;        /* the text, when parse_text() may drop it */
} Parse;

static const char * const top_keys[] = { "format", "format_version", "bundle", "articles", NULL };
static const char * const bundle_keys[] = {
  "id", "title", "revision", "publisher", "language", "published", "homepage", "disclaimer", NULL
};
static const char * const article_keys[] = {
  "id", "title", "published", "updated", "teaser", "credibility", "interest", "key_takeaway",
  "what_they_found", "who_should_care", "important_considerations", "topics", "source",
  "related", "image", "review", "retracted", NULL
};
static const char * const source_keys[] = {
  "journal", "title", "authors", "year", "doi", "url", "design", "participants", "studies", NULL
};
static const char * const image_keys[] = { "path", "alt", NULL };
static const char * const review_keys[] = { "ai_generated", "reviewed_by", "reviewed", "next_review", NULL };
static const char * const retracted_keys[] = { "date", "note", "url", NULL };

void
myelin_article_data_free (MyelinArticleData *a)
{
  if (a == NULL)
    return;
  g_free (a->id);
  g_free (a->title);
  g_free (a->published);
  g_free (a->updated);
  g_free (a->teaser);
  g_free (a->key_takeaway);
  g_free (a->what_they_found);
  g_free (a->who_should_care);
  g_free (a->important_considerations);
  g_clear_pointer (&a->topics, g_ptr_array_unref);
  g_free (a->source_journal);
  g_free (a->source_title);
  g_clear_pointer (&a->source_authors, g_ptr_array_unref);
  g_free (a->source_doi);
  g_free (a->source_url);
  g_free (a->source_design);
  g_clear_pointer (&a->related, g_ptr_array_unref);
  g_free (a->image_path);
  g_free (a->image_alt);
  g_clear_pointer (&a->image_data, g_bytes_unref);
  g_free (a->image_type);
  g_free (a->review_reviewed_by);
  g_free (a->review_reviewed);
  g_free (a->review_next_review);
  g_free (a->retracted_date);
  g_free (a->retracted_note);
  g_free (a->retracted_url);
  g_free (a->hash);
  g_free (a);
}

void
myelin_bundle_data_free (MyelinBundleData *b)
{
  if (b == NULL)
    return;
  g_free (b->id);
  g_free (b->title);
  g_free (b->publisher);
  g_free (b->language);
  g_free (b->published);
  g_free (b->homepage);
  g_free (b->disclaimer);
  g_clear_pointer (&b->articles, g_ptr_array_unref);
  g_free (b);
}

static void
on_bad_value (const char *pointer,
              const char *reason,
              gpointer    user_data)
{
  Parse *parse = user_data;

  if (!g_hash_table_contains (parse->bad_values, pointer))
    g_hash_table_insert (parse->bad_values, g_strdup (pointer), g_strdup (reason));
}

/* "/articles/12/title" -> 12; -1 when the pointer is not inside an article. */
static int
article_index_of (const char *pointer)
{
  const char *p;
  char *end;
  guint64 index;

  if (!g_str_has_prefix (pointer, "/articles/"))
    return -1;
  p = pointer + strlen ("/articles/");
  if (!g_ascii_isdigit (*p))
    return -1;
  index = g_ascii_strtoull (p, &end, 10);
  if ((*end != '/' && *end != '\0') || index > G_MAXINT)
    return -1;
  return (int) index;
}

static void
refuse (Parse        *parse,
        int           code,
        const char   *pointer,
        const char   *format,
        ...) G_GNUC_PRINTF (4, 5);

static void
refuse (Parse        *parse,
        int           code,
        const char   *pointer,
        const char   *format,
        ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (MYELIN_IMPORT_ERROR, code, format, args);
  va_end (args);
  myelin_import_report_refuse (parse->report, error, pointer, 0, 0);
}

/* Moves the problems of one object into the report. */
static void
take_problems (Parse        *parse,
               MyelinFields *fields)
{
  for (guint i = 0; i < fields->warnings->len; i++)
    myelin_import_report_add_warning (parse->report,
                                      myelin_problem_copy (g_ptr_array_index (fields->warnings, i)));
  for (guint i = 0; i < fields->problems->len; i++)
    myelin_import_report_add_error (parse->report,
                                    myelin_problem_copy (g_ptr_array_index (fields->problems, i)));
}

static gboolean
check_top (Parse      *parse,
           JsonNode   *root,
           JsonArray **articles)
{
  MyelinFields top;
  g_autofree char *format = NULL;
  gint64 version;
  gboolean ok = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      refuse (parse, MYELIN_IMPORT_ERROR_INVALID, "",
              _("The file is JSON but not a Myelin bundle: its top level must be an object."));
      return FALSE;
    }

  myelin_fields_init (&top, json_node_get_object (root), "", -1);
  myelin_fields_warn_unknown (&top, top_keys);

  /* A newer format is told apart first: its other rules may well differ. */
  if (myelin_fields_integer (&top, "format_version", TRUE, 1, G_MAXINT64, &version) && version > 1)
    {
      refuse (parse, MYELIN_IMPORT_ERROR_NEWER_FORMAT, "/format_version",
              _("This bundle was made for a newer version of Myelin (format version %lld); update Myelin to read it."),
              (long long) version);
      goto out;
    }
  if (myelin_fields_string (&top, "format", TRUE, 1, 64, &format) && g_strcmp0 (format, "myelin-bundle") != 0)
    myelin_fields_problem (&top, "format", _("“format” must be exactly \"myelin-bundle\"."));
  myelin_fields_object (&top, "bundle", TRUE);
  *articles = myelin_fields_array (&top, "articles", TRUE, 0, G_MAXUINT);

  if (!myelin_fields_ok (&top))
    {
      MyelinProblem *first = g_ptr_array_index (top.problems, 0);
      refuse (parse, MYELIN_IMPORT_ERROR_INVALID, first->pointer,
              _("The file is not a valid Myelin bundle: %s"), first->message);
      goto out;
    }
  if (json_array_get_length (*articles) > MYELIN_BUNDLE_MAX_ARTICLES)
    {
      refuse (parse, MYELIN_IMPORT_ERROR_TOO_MANY, "/articles",
              _("The bundle has %u articles; at most %u are allowed. Split it into several bundles."),
              json_array_get_length (*articles), MYELIN_BUNDLE_MAX_ARTICLES);
      goto out;
    }
  ok = TRUE;

out:
  for (guint i = 0; i < top.warnings->len; i++)
    myelin_import_report_add_warning (parse->report, myelin_problem_copy (g_ptr_array_index (top.warnings, i)));
  myelin_fields_clear (&top);
  return ok;
}

static MyelinBundleData *
read_bundle_object (Parse      *parse,
                    JsonObject *object)
{
  g_autoptr(MyelinBundleData) bundle = g_new0 (MyelinBundleData, 1);
  MyelinFields f;
  gboolean ok;

  myelin_fields_init (&f, object, "/bundle", -1);
  myelin_fields_warn_unknown (&f, bundle_keys);

  if (myelin_fields_string (&f, "id", TRUE, 1, 128, &bundle->id))
    {
      for (const char *p = bundle->id; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
          {
            myelin_fields_problem (&f, "id", _("“id” may hold only letters A–Z and a–z, digits, dots, underscores and hyphens."));
            break;
          }
    }
  myelin_fields_string (&f, "title", TRUE, 1, 200, &bundle->title);
  myelin_fields_integer (&f, "revision", TRUE, 1, G_MAXINT64, &bundle->revision);
  myelin_fields_string (&f, "publisher", FALSE, 0, 200, &bundle->publisher);
  if (myelin_fields_string (&f, "language", FALSE, 1, 35, &bundle->language)
      && bundle->language != NULL && !myelin_text_is_language_tag (bundle->language))
    myelin_fields_problem (&f, "language", _("“language” must be a BCP 47 language tag such as \"en\" or \"pt-BR\"."));
  if (bundle->language == NULL)
    bundle->language = g_strdup ("en");
  if (myelin_fields_string (&f, "published", FALSE, 1, 64, &bundle->published) && bundle->published != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (bundle->published, utc);

      if (!myelin_text_is_date (bundle->published) && when == NULL)
        myelin_fields_problem (&f, "published", _("“published” must be an ISO 8601 date or date-time, such as 2026-01-31."));
    }
  myelin_fields_url (&f, "homepage", &bundle->homepage);
  myelin_fields_string (&f, "disclaimer", FALSE, 0, 4000, &bundle->disclaimer);

  take_problems (parse, &f);
  ok = myelin_fields_ok (&f);
  if (!ok)
    {
      MyelinProblem *first = g_ptr_array_index (f.problems, 0);
      refuse (parse, MYELIN_IMPORT_ERROR_INVALID, first->pointer,
              _("The bundle's description is invalid: %s"), first->message);
    }
  myelin_fields_clear (&f);

  return ok ? g_steal_pointer (&bundle) : NULL;
}

static void
read_topics (MyelinFields      *f,
             MyelinArticleData *a)
{
  g_autoptr(GPtrArray) items = myelin_fields_string_array (f, "topics", TRUE, 1, 32, 64);
  g_autoptr(GHashTable) seen = NULL;

  if (items == NULL)
    return;

  /* Items that differ only in case are one topic; the first spelling is kept. */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  a->topics = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < items->len; i++)
    {
      const char *name = g_ptr_array_index (items, i);
      char *key = myelin_text_fold_key (name);

      if (g_hash_table_add (seen, key))
        g_ptr_array_add (a->topics, g_strdup (name));
    }
}

static void
read_source (MyelinFields      *article,
             MyelinArticleData *a)
{
  JsonObject *object = myelin_fields_object (article, "source", FALSE);
  g_autofree char *pointer = NULL;
  MyelinFields f;

  a->source_year = a->source_participants = a->source_studies = -1;
  if (object == NULL)
    return;

  pointer = myelin_fields_pointer (article, "source");
  myelin_fields_init (&f, object, pointer, article->article_index);
  f.article_id = article->article_id;
  myelin_fields_warn_unknown (&f, source_keys);

  myelin_fields_string (&f, "journal", FALSE, 0, 300, &a->source_journal);
  myelin_fields_string (&f, "title", FALSE, 0, 500, &a->source_title);
  a->source_authors = myelin_fields_string_array (&f, "authors", FALSE, 0, 100, 300);
  myelin_fields_integer (&f, "year", FALSE, 1800, 2100, &a->source_year);
  if (myelin_fields_string (&f, "doi", FALSE, 1, 300, &a->source_doi)
      && a->source_doi != NULL && !myelin_text_is_doi (a->source_doi))
    myelin_fields_problem (&f, "doi", _("“doi” must look like 10.1234/abc: \"10.\", 4 to 9 digits, a slash, then no spaces."));
  myelin_fields_url (&f, "url", &a->source_url);
  myelin_fields_string (&f, "design", FALSE, 0, 100, &a->source_design);
  myelin_fields_integer (&f, "participants", FALSE, 0, G_MAXINT64, &a->source_participants);
  myelin_fields_integer (&f, "studies", FALSE, 0, G_MAXINT64, &a->source_studies);

  g_ptr_array_extend_and_steal (article->problems, g_steal_pointer (&f.problems));
  g_ptr_array_extend_and_steal (article->warnings, g_steal_pointer (&f.warnings));
  myelin_fields_clear (&f);
}

static void
read_review (MyelinFields      *article,
             MyelinArticleData *a)
{
  JsonObject *object = myelin_fields_object (article, "review", FALSE);
  g_autofree char *pointer = NULL;
  MyelinFields f;

  a->review_ai_generated = -1;
  if (object == NULL)
    return;

  pointer = myelin_fields_pointer (article, "review");
  myelin_fields_init (&f, object, pointer, article->article_index);
  f.article_id = article->article_id;
  myelin_fields_warn_unknown (&f, review_keys);
  myelin_fields_boolean (&f, "ai_generated", &a->review_ai_generated);
  myelin_fields_string (&f, "reviewed_by", FALSE, 0, 200, &a->review_reviewed_by);
  myelin_fields_date (&f, "reviewed", FALSE, &a->review_reviewed);
  myelin_fields_date (&f, "next_review", FALSE, &a->review_next_review);

  g_ptr_array_extend_and_steal (article->problems, g_steal_pointer (&f.problems));
  g_ptr_array_extend_and_steal (article->warnings, g_steal_pointer (&f.warnings));
  myelin_fields_clear (&f);
}

static void
read_retracted (MyelinFields      *article,
                MyelinArticleData *a)
{
  JsonObject *object = myelin_fields_object (article, "retracted", FALSE);
  g_autofree char *pointer = NULL;
  MyelinFields f;

  if (object == NULL)
    return;

  a->retracted = TRUE;
  pointer = myelin_fields_pointer (article, "retracted");
  myelin_fields_init (&f, object, pointer, article->article_index);
  f.article_id = article->article_id;
  myelin_fields_warn_unknown (&f, retracted_keys);
  myelin_fields_date (&f, "date", FALSE, &a->retracted_date);
  myelin_fields_string (&f, "note", FALSE, 0, 4000, &a->retracted_note);
  myelin_fields_url (&f, "url", &a->retracted_url);

  g_ptr_array_extend_and_steal (article->problems, g_steal_pointer (&f.problems));
  g_ptr_array_extend_and_steal (article->warnings, g_steal_pointer (&f.warnings));
  myelin_fields_clear (&f);
}

static gboolean
image_path_is_safe (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path[0] == '/' || strchr (path, '\\') != NULL || strchr (path, ':') != NULL)
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], "..") || parts[i][0] == '\0')
      return FALSE;
  return TRUE;
}

/* Reads the image file. A path that breaks the rules (absolute, "..", or a
 * link leading out of the folder) makes the article invalid; a file that is
 * missing, unreadable, too large or not PNG/JPEG is only a warning. */
static void
read_image_file (MyelinFields      *f,
                 MyelinArticleData *a,
                 GFile             *folder)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *real_folder = NULL;
  g_autofree char *real_file = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  gboolean png, jpeg;

  if (folder == NULL || !g_file_is_native (folder))
    {
      myelin_fields_warn (f, "image/path", _("The image cannot be read because the bundle was not read from a folder; the article is imported without it."));
      return;
    }

  file = g_file_resolve_relative_path (folder, a->image_path);
  {
    g_autofree char *folder_path = g_file_get_path (folder);
    g_autofree char *file_path = g_file_get_path (file);
    real_folder = realpath (folder_path, NULL);
    real_file = realpath (file_path, NULL);
  }
  if (real_folder == NULL || real_file == NULL)
    {
      myelin_fields_warn (f, "image/path", _("The image file “%s” is missing; the article is imported without it."), a->image_path);
      return;
    }
  if (!g_str_has_prefix (real_file, real_folder) || real_file[strlen (real_folder)] != '/')
    {
      myelin_fields_problem (f, "image/path", _("The image path leads outside the bundle's folder through a link; images must stay inside it."));
      return;
    }
  if (!g_file_test (real_file, G_FILE_TEST_IS_REGULAR))
    {
      myelin_fields_warn (f, "image/path", _("The image “%s” is not a regular file; the article is imported without it."), a->image_path);
      return;
    }
  {
    GStatBuf st;
    if (g_stat (real_file, &st) != 0 || st.st_size > MYELIN_BUNDLE_MAX_IMAGE_SIZE)
      {
        myelin_fields_warn (f, "image/path", _("The image “%s” is larger than 2 MiB; the article is imported without it."), a->image_path);
        return;
      }
  }
  if (!g_file_get_contents (real_file, &contents, &length, &error))
    {
      myelin_fields_warn (f, "image/path", _("The image “%s” cannot be read (%s); the article is imported without it."),
                          a->image_path, error->message);
      return;
    }
  png = length >= 8 && memcmp (contents, "\x89PNG\r\n\x1a\n", 8) == 0;
  jpeg = length >= 3 && memcmp (contents, "\xff\xd8\xff", 3) == 0;
  if ((!png && !jpeg) || length > MYELIN_BUNDLE_MAX_IMAGE_SIZE)
    {
      myelin_fields_warn (f, "image/path", _("The image “%s” is not a PNG or JPEG file; the article is imported without it."), a->image_path);
      return;
    }
  a->image_type = g_strdup (png ? "image/png" : "image/jpeg");
  a->image_data = g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
read_image (MyelinFields      *article,
            MyelinArticleData *a,
            GFile             *folder)
{
  JsonObject *object = myelin_fields_object (article, "image", FALSE);
  g_autofree char *pointer = NULL;
  g_autofree char *path = NULL;
  g_autofree char *alt = NULL;
  MyelinFields f;

  if (object == NULL)
    return;

  pointer = myelin_fields_pointer (article, "image");
  myelin_fields_init (&f, object, pointer, article->article_index);
  f.article_id = article->article_id;
  myelin_fields_warn_unknown (&f, image_keys);
  if (myelin_fields_string (&f, "path", TRUE, 1, 1024, &path) && !image_path_is_safe (path))
    myelin_fields_problem (&f, "path", _("The image path must be relative and stay inside the bundle's folder: no \"..\", no absolute path."));
  myelin_fields_string (&f, "alt", TRUE, 1, 300, &alt);

  g_ptr_array_extend_and_steal (article->problems, g_steal_pointer (&f.problems));
  g_ptr_array_extend_and_steal (article->warnings, g_steal_pointer (&f.warnings));
  myelin_fields_clear (&f);

  if (myelin_fields_ok (article) && path != NULL && alt != NULL)
    {
      a->image_path = g_steal_pointer (&path);
      a->image_alt = g_steal_pointer (&alt);
      read_image_file (article, a, folder);
    }
}

static void
hash_text (GChecksum  *sum,
           const char *text)
{
  /* A separator that cannot occur in text keeps fields from running together. */
  if (text != NULL)
    g_checksum_update (sum, (const guchar *) text, strlen (text));
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
}

static void
hash_number (GChecksum *sum,
             gint64     value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  hash_text (sum, buf);
}

static void
hash_list (GChecksum *sum,
           GPtrArray *list)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    hash_text (sum, g_ptr_array_index (list, i));
  hash_text (sum, "\x1e");
}

static char *
article_hash (MyelinArticleData *a)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  hash_text (sum, a->id);
  hash_text (sum, a->title);
  hash_text (sum, a->published);
  hash_text (sum, a->updated);
  hash_text (sum, a->teaser);
  hash_number (sum, a->credibility);
  hash_number (sum, a->interest);
  hash_text (sum, a->key_takeaway);
  hash_text (sum, a->what_they_found);
  hash_text (sum, a->who_should_care);
  hash_text (sum, a->important_considerations);
  hash_list (sum, a->topics);
  hash_text (sum, a->source_journal);
  hash_text (sum, a->source_title);
  hash_list (sum, a->source_authors);
  hash_number (sum, a->source_year);
  hash_text (sum, a->source_doi);
  hash_text (sum, a->source_url);
  hash_text (sum, a->source_design);
  hash_number (sum, a->source_participants);
  hash_number (sum, a->source_studies);
  hash_list (sum, a->related);
  hash_text (sum, a->image_path);
  hash_text (sum, a->image_alt);
  if (a->image_data != NULL)
    g_checksum_update (sum, g_bytes_get_data (a->image_data, NULL), g_bytes_get_size (a->image_data));
  hash_number (sum, a->review_ai_generated);
  hash_text (sum, a->review_reviewed_by);
  hash_text (sum, a->review_reviewed);
  hash_text (sum, a->review_next_review);
  hash_number (sum, a->retracted);
  hash_text (sum, a->retracted_date);
  hash_text (sum, a->retracted_note);
  hash_text (sum, a->retracted_url);

  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
article_id_is_valid (const char *id)
{
  for (const char *p = id; *p; p++)
    if (!(*p >= 'a' && *p <= 'z') && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static void
read_article_fields (MyelinFields      *f,
                     MyelinArticleData *a,
                     GFile             *folder)
{
  myelin_fields_warn_unknown (f, article_keys);

  if (myelin_fields_string (f, "id", TRUE, 1, 128, &a->id))
    {
      if (article_id_is_valid (a->id))
        f->article_id = a->id;
      else
        myelin_fields_problem (f, "id", _("“id” may hold only lowercase letters a–z, digits and hyphens."));
    }
  myelin_fields_string (f, "title", TRUE, 1, 300, &a->title);
  myelin_fields_date (f, "published", TRUE, &a->published);
  if (myelin_fields_date (f, "updated", FALSE, &a->updated)
      && a->updated != NULL && a->published != NULL && strcmp (a->updated, a->published) < 0)
    myelin_fields_problem (f, "updated", _("“updated” (%s) is before “published” (%s)."), a->updated, a->published);
  myelin_fields_string (f, "teaser", FALSE, 0, 400, &a->teaser);
  myelin_fields_integer (f, "credibility", TRUE, 1, 5, &a->credibility);
  myelin_fields_integer (f, "interest", TRUE, 1, 5, &a->interest);
  myelin_fields_string (f, "key_takeaway", TRUE, 1, 2000, &a->key_takeaway);
  myelin_fields_string (f, "what_they_found", TRUE, 1, 20000, &a->what_they_found);
  myelin_fields_string (f, "who_should_care", FALSE, 0, 20000, &a->who_should_care);
  myelin_fields_string (f, "important_considerations", FALSE, 0, 20000, &a->important_considerations);
  read_topics (f, a);
  read_source (f, a);
  a->related = myelin_fields_string_array (f, "related", FALSE, 0, 20, 128);
  read_review (f, a);
  read_retracted (f, a);
  read_image (f, a, folder);

  /* An empty optional text is the same as leaving it out. */
  if (a->teaser != NULL && a->teaser[0] == '\0')
    g_clear_pointer (&a->teaser, g_free);
  if (a->teaser == NULL && a->key_takeaway != NULL)
    {
      a->teaser = myelin_text_first_sentence (a->key_takeaway, 400);
      a->teaser_derived = TRUE;
    }
}

/* Values the scanner flagged (NUL, control characters, lone surrogates,
 * huge numbers) inside this article make it invalid, whatever key holds them. */
static void
add_bad_values (Parse        *parse,
                MyelinFields *f)
{
  GHashTableIter iter;
  gpointer pointer, reason;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  if (g_hash_table_size (parse->bad_values) == 0)
    return;

  g_hash_table_iter_init (&iter, parse->bad_values);
  while (g_hash_table_iter_next (&iter, &pointer, &reason))
    if (article_index_of (pointer) == f->article_index)
      g_ptr_array_add (found, pointer);

  g_ptr_array_sort (found, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < found->len; i++)
    {
      const char *p = g_ptr_array_index (found, i);
      g_ptr_array_add (f->problems, myelin_problem_new (p, f->article_index, f->article_id,
                                                        g_hash_table_lookup (parse->bad_values, p)));
    }
}

static MyelinArticleData *
read_article (Parse     *parse,
              JsonNode  *node,
              guint      index)
{
  g_autofree char *pointer = g_strdup_printf ("/articles/%u", index);
  MyelinArticleData *a;
  MyelinFields f;
  gboolean ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *message = g_strdup (_("Each article must be an object ({…})."));
      myelin_import_report_add_error (parse->report, myelin_problem_new (pointer, index, NULL, message));
      myelin_import_report_add_skipped (parse->report);
      return NULL;
    }

  a = g_new0 (MyelinArticleData, 1);
  a->index = index;
  myelin_fields_init (&f, json_node_get_object (node), pointer, index);
  read_article_fields (&f, a, parse->folder);
  add_bad_values (parse, &f);

  /* Problems found before the id was read lack it: name the article in all. */
  for (guint i = 0; i < f.problems->len; i++)
    {
      MyelinProblem *p = g_ptr_array_index (f.problems, i);
      if (p->article_id == NULL && f.article_id != NULL)
        p->article_id = g_strdup (f.article_id);
    }

  take_problems (parse, &f);
  ok = myelin_fields_ok (&f);
  myelin_fields_clear (&f);

  if (!ok)
    {
      myelin_import_report_add_skipped (parse->report);
      myelin_article_data_free (a);
      return NULL;
    }
  return a;
}

/* Keeps only related ids that are articles of this bundle, warning for the rest. */
static void
resolve_related (Parse     *parse,
                 GPtrArray *articles)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < articles->len; i++)
    g_hash_table_add (ids, ((MyelinArticleData *) g_ptr_array_index (articles, i))->id);

  for (guint i = 0; i < articles->len; i++)
    {
      MyelinArticleData *a = g_ptr_array_index (articles, i);
      g_autoptr(GPtrArray) kept = NULL;
      g_autoptr(GHashTable) seen = NULL;

      if (a->related == NULL)
        continue;
      kept = g_ptr_array_new_with_free_func (g_free);
      seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint j = 0; j < a->related->len; j++)
        {
          const char *id = g_ptr_array_index (a->related, j);
          g_autofree char *pointer = g_strdup_printf ("/articles/%u/related/%u", a->index, j);

          if (g_str_equal (id, a->id))
            myelin_import_report_add_warning (parse->report,
              myelin_problem_new (pointer, a->index, a->id, _("An article cannot be related to itself; this id is ignored.")));
          else if (!g_hash_table_contains (ids, id))
            {
              g_autofree char *message = g_strdup_printf (_("No article “%s” is imported from this bundle; this related id is ignored."), id);
              myelin_import_report_add_warning (parse->report, myelin_problem_new (pointer, a->index, a->id, message));
            }
          else if (g_hash_table_add (seen, (gpointer) id))
            g_ptr_array_add (kept, g_strdup (id));
        }
      g_ptr_array_unref (a->related);
      a->related = g_steal_pointer (&kept);
    }
}

static GPtrArray *
read_articles (Parse        *parse,
               JsonArray    *array,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func ((GDestroyNotify) myelin_article_data_free);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      MyelinArticleData *a;
      JsonNode *node;

      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      node = json_array_get_element (array, i);
      a = read_article (parse, node, i);
      /* Everything wanted from the article's JSON is now in @a (or the
       * report): drop its tree, so that the tree shrinks while the copies
       * grow and the two are not both whole at once (the peak memory of
       * an import). The tree is mutable for this; the emptied node stays
       * in the array as a null. */
      json_node_init_null (node);
      if (a == NULL)
        continue;
      /* Not g_hash_table_add()'s result: on a duplicate it would also
       * swap in this article's id, freed just below, and the next
       * duplicate would compare against freed memory. */
      if (g_hash_table_contains (ids, a->id))
        {
          g_autofree char *pointer = g_strdup_printf ("/articles/%u/id", i);
          g_autofree char *message = g_strdup_printf (_("The id “%s” is already used by an earlier article of this bundle; ids must be unique."), a->id);
          myelin_import_report_add_error (parse->report, myelin_problem_new (pointer, i, a->id, message));
          myelin_import_report_add_skipped (parse->report);
          myelin_article_data_free (a);
          continue;
        }
      g_hash_table_add (ids, a->id);
      g_ptr_array_add (articles, a);
    }

  resolve_related (parse, articles);
  for (guint i = 0; i < articles->len; i++)
    {
      MyelinArticleData *a = g_ptr_array_index (articles, i);
      a->hash = article_hash (a);
    }
  return g_steal_pointer (&articles);
}

/* Every problem gets the line and column of its value (or of the nearest
 * enclosing value, for a missing key). Done in one extra pass, and only when
 * there are problems, so valid bundles do not pay for it. */
static void
locate_problems (MyelinImportReport *report,
                 const char         *text,
                 gsize               length)
{
  GPtrArray *lists[] = { myelin_import_report_get_errors (report), myelin_import_report_get_warnings (report) };
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        MyelinProblem *p = g_ptr_array_index (lists[l], i);
        g_autofree char *pointer = g_strdup (p->pointer);

        if (p->line > 0)
          continue;
        for (;;)
          {
            char *slash;
            if (!g_hash_table_contains (positions, pointer))
              g_hash_table_insert (positions, g_strdup (pointer), g_new0 (MyelinJsonPos, 1));
            slash = strrchr (pointer, '/');
            if (slash == NULL)
              break;
            *slash = '\0';
          }
      }

  if (g_hash_table_size (positions) == 0)
    return;
  myelin_json_locate (text, length, positions);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        MyelinProblem *p = g_ptr_array_index (lists[l], i);
        g_autofree char *pointer = g_strdup (p->pointer);

        while (p->line == 0)
          {
            MyelinJsonPos *pos = g_hash_table_lookup (positions, pointer);
            char *slash;

            if (pos != NULL && pos->line > 0)
              {
                p->line = pos->line;
                p->column = pos->column;
                break;
              }
            slash = strrchr (pointer, '/');
            if (slash == NULL)
              break;
            *slash = '\0';
          }
      }
}

/* json-glib refuses a whole document over one escaped lone surrogate. The
 * scanner has reported each as a bad value, which makes its article (or the
 * bundle) invalid, so json-glib is given a copy with U+FFFD in its place;
 * the escape keeps its length, so every position stays the same. */
static char *
replace_lone_surrogates (const char *text,
                         gsize       length)
{
  char *copy = g_strndup (text, length);
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      gunichar u = 0;

      if (copy[i] == '"')
        {
          in_string = !in_string;
          continue;
        }
      if (!in_string || copy[i] != '\\')
        continue;
      i++;
      if (copy[i] != 'u')
        continue;
      /* The scanner has checked that four hexadecimal digits follow. */
      for (guint k = 1; k <= 4; k++)
        u = (u << 4) | (gunichar) g_ascii_xdigit_value (copy[i + k]);

      if (u >= 0xD800 && u <= 0xDBFF && i + 10 < length && copy[i + 5] == '\\' && copy[i + 6] == 'u')
        {
          gunichar low = 0;

          for (guint k = 7; k <= 10; k++)
            low = (low << 4) | (gunichar) g_ascii_xdigit_value (copy[i + k]);
          if (low >= 0xDC00 && low <= 0xDFFF)
            {
              i += 10;
              continue;
            }
        }
      if (u >= 0xD800 && u <= 0xDFFF)
        memcpy (copy + i + 1, "fffd", 4);
      i += 4;
    }

  return copy;
}

/* Whether some problem still lacks its line and column. */
static gboolean
report_needs_positions (MyelinImportReport *report)
{
  GPtrArray *lists[] = { myelin_import_report_get_errors (report), myelin_import_report_get_warnings (report) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      if (((MyelinProblem *) g_ptr_array_index (lists[l], i))->line == 0)
        return TRUE;
  return FALSE;
}

/* After the text was dropped: reads it again to place the problems. Should
 * the file have changed meanwhile (another length), positions are left out
 * rather than given wrong. */
static void
locate_problems_again (Parse *parse,
                       gsize  length)
{
  g_autofree char *contents = NULL;
  const char *text;
  gsize read;

  if (!report_needs_positions (parse->report)
      || !g_file_load_contents (parse->source, NULL, &contents, &read, NULL, NULL))
    return;
  text = contents;
  if (read >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      read -= 3;
    }
  if (read == length)
    locate_problems (parse->report, text, length);
}

static MyelinBundleData *
parse_text (Parse        *parse,
            const char   *text,
            gsize         length,
            GCancellable *cancellable)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinBundleData) bundle = NULL;
  g_autofree char *patched = NULL;
  MyelinJsonPos pos = { 0, 0 };
  JsonArray *articles = NULL;
  JsonObject *root;

  if (!myelin_json_scan (text, length, MYELIN_BUNDLE_MAX_DEPTH, on_bad_value, parse, &pos, &error))
    {
      myelin_import_report_refuse (parse->report, error, "", pos.line, pos.column);
      return NULL;
    }

  /* The scan above has proven the text strict JSON, so json-glib's
   * leniencies cannot come into play, and its recursion is bounded.
   * Mutable, so that read_articles() can free each article's nodes. */
  parser = json_parser_new ();
  if (g_hash_table_size (parse->bad_values) > 0)
    patched = replace_lone_surrogates (text, length);
  if (!json_parser_load_from_data (parser, patched ? patched : text, (gssize) length, &error))
    {
      refuse (parse, MYELIN_IMPORT_ERROR_SYNTAX, "", _("The JSON cannot be read: %s"), error->message);
      return NULL;
    }
  g_clear_pointer (&patched, g_free);

  /* The text is wanted again only to give problems their lines, which a
   * valid bundle does not have; a file can be read again for that. Freeing
   * it here keeps it from adding to the tree and the copies at the peak
   * of memory use. */
  if (parse->source != NULL && parse->bytes != NULL)
    {
      g_clear_pointer (&parse->bytes, g_bytes_unref);
      text = NULL;
    }

  if (!check_top (parse, json_parser_get_root (parser), &articles))
    goto out;

  /* Flagged values outside the articles refuse the bundle. */
  {
    GHashTableIter iter;
    gpointer pointer, reason;

    g_hash_table_iter_init (&iter, parse->bad_values);
    while (g_hash_table_iter_next (&iter, &pointer, &reason))
      if (article_index_of (pointer) < 0)
        {
          refuse (parse, MYELIN_IMPORT_ERROR_INVALID, pointer, _("The bundle's description is invalid: %s"), (char *) reason);
          goto out;
        }
  }

  root = json_node_get_object (json_parser_get_root (parser));
  bundle = read_bundle_object (parse, json_object_get_object_member (root, "bundle"));
  if (bundle == NULL)
    goto out;
  myelin_import_report_set_bundle (parse->report, bundle->id, bundle->title);
  myelin_import_report_set_revisions (parse->report, 0, bundle->revision);

  bundle->articles = read_articles (parse, articles, cancellable, &error);
  if (bundle->articles == NULL)
    {
      myelin_import_report_refuse (parse->report, error, "", 0, 0);
      g_clear_pointer (&bundle, myelin_bundle_data_free);
      goto out;
    }

  if ((parse->flags & MYELIN_PARSE_FLAGS_STRICT) && myelin_import_report_get_skipped (parse->report) > 0)
    {
      refuse (parse, MYELIN_IMPORT_ERROR_STRICT, "",
              g_dngettext (GETTEXT_PACKAGE,
                           "Strict mode refuses the bundle because %u article is invalid.",
                           "Strict mode refuses the bundle because %u articles are invalid.",
                           myelin_import_report_get_skipped (parse->report)),
              myelin_import_report_get_skipped (parse->report));
      g_clear_pointer (&bundle, myelin_bundle_data_free);
    }

out:
  if (text != NULL)
    locate_problems (parse->report, text, length);
  else
    locate_problems_again (parse, length);
  return g_steal_pointer (&bundle);
}

/**
 * myelin_bundle_parse_bytes:
 * @bytes: the bundle file's contents
 * @folder: (nullable): the folder the bundle was read from, for its images
 * @flags: parse flags
 * @report: the report to fill in
 * @cancellable: (nullable): a #GCancellable
 *
 * Returns: (transfer full) (nullable): the valid part of the bundle, or
 *   %NULL when it was refused (the report says why)
 */
static MyelinBundleData *
parse_bytes (GBytes             *bytes,   /* transfer full */
             GFile              *source,
             GFile              *folder,
             MyelinParseFlags    flags,
             MyelinImportReport *report,
             GCancellable       *cancellable)
{
  g_autoptr(GHashTable) bad_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Parse parse = { report, flags, folder, bad_values, source, bytes };
  MyelinBundleData *bundle;
  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);

  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (report), NULL);

  if (text == NULL)
    text = "";
  /* A byte-order mark is tolerated and ignored. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  bundle = parse_text (&parse, text, length, cancellable);
  g_clear_pointer (&parse.bytes, g_bytes_unref);
  return bundle;
}

/**
 * myelin_bundle_parse_bytes:
 * @bytes: the bundle file's contents
 * @folder: (nullable): the folder the bundle was read from, for its images
 * @flags: parse flags
 * @report: the report to fill in
 * @cancellable: (nullable): a #GCancellable
 *
 * Returns: (transfer full) (nullable): the valid part of the bundle, or
 *   %NULL when it was refused (the report says why)
 */
MyelinBundleData *
myelin_bundle_parse_bytes (GBytes             *bytes,
                           GFile              *folder,
                           MyelinParseFlags    flags,
                           MyelinImportReport *report,
                           GCancellable       *cancellable)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (report), NULL);

  return parse_bytes (g_bytes_ref (bytes), NULL, folder, flags, report, cancellable);
}

/**
 * myelin_bundle_parse_file:
 * @file: the bundle file
 * @max_size: the size limit in bytes (0 for the format's default, 64 MiB)
 *
 * Like myelin_bundle_parse_bytes(), reading @file; a file over the size
 * limit is refused before it is read.
 *
 * Returns: (transfer full) (nullable): the bundle, or %NULL when refused
 */
MyelinBundleData *
myelin_bundle_parse_file (GFile              *file,
                          gsize               max_size,
                          MyelinParseFlags    flags,
                          MyelinImportReport *report,
                          GCancellable       *cancellable)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (max_size == 0)
    max_size = MYELIN_BUNDLE_MAX_FILE_SIZE;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      refuse (&(Parse) { report }, MYELIN_IMPORT_ERROR_UNREADABLE, "",
              _("The file cannot be read: %s"), error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      refuse (&(Parse) { report }, MYELIN_IMPORT_ERROR_UNREADABLE, "",
              _("This is not a regular file; choose a bundle's .json file."));
      return NULL;
    }
  if ((guint64) g_file_info_get_size (info) > max_size)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (max_size);

      refuse (&(Parse) { report }, MYELIN_IMPORT_ERROR_TOO_LARGE, "",
              _("The file is %s; bundles may be at most %s. Split it into several bundles."), size, limit);
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
    {
      refuse (&(Parse) { report }, MYELIN_IMPORT_ERROR_UNREADABLE, "",
              _("The file cannot be read: %s"), error->message);
      return NULL;
    }
  /* The file may have grown between the check and the read. */
  if (length > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);

      g_free (contents);
      refuse (&(Parse) { report }, MYELIN_IMPORT_ERROR_TOO_LARGE, "",
              _("The file is larger than the limit of %s."), limit);
      return NULL;
    }

  bytes = g_bytes_new_take (contents, length);
  folder = g_file_get_parent (file);
  /* Handed over, so that the parser can free the text early. */
  return parse_bytes (g_steal_pointer (&bytes), file, folder, flags, report, cancellable);
}
