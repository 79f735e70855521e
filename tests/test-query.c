/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the library: full-text search, topic and reader-state filters,
 * sort orders and pages, topic counts for the current filter, related
 * articles, and the paging list model. Every test builds the same small
 * library of twelve articles in two bundles and asserts exact id lists.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "myelin-article-list.h"
#include "myelin-test-util.h"

/* Words used by the search tests appear only where noted:
 * "walk…" in beta/walking-title (title), alpha/gait-aids (teaser) and
 * beta/spasticity (what_they_found); "sclérose" in alpha/cooling-vests,
 * "sclerose" in beta/heat-sensitivity; "Neurolinguistica" and "calcidiol"
 * in alpha/vitamin-d's source; "not" in alpha/sleep-hygiene; "near",
 * "care" and "home" together only in alpha/french-review. */
typedef struct
{
  const char *id;
  const char *published;
  int         credibility;
  int         interest;
  const char *title;
  const char *teaser;
  const char *key_takeaway;
  const char *what_they_found;
  const char *topics;   /* a JSON array */
  const char *extra;    /* more keys, or NULL */
} Spec;

static const Spec alpha[] = {
  { "gait-aids", "2025-06-10", 5, 2, "Canes, poles and rollators",
    "Simple aids make walking safer for many people.",
    "Aids help people stay steady on their feet.",
    "Trials compared canes with poles.",
    "[\"Gait\", \"Mobility\"]", NULL },
  { "fatigue-exercise", "2025-05-01", 4, 5, "exercise eases fatigue",
    "Regular activity lowers tiredness.",
    "Moderate activity helps with tiredness.",
    "Twelve weeks of cycling lowered tiredness scores.",
    "[\"Fatigue\", \"Exercise\"]",
    "\"related\": [\"sleep-hygiene\", \"cooling-vests\"]" },
  { "cooling-vests", "2025-04-15", 2, 3, "Cooling vests in summer heat",
    "Vests keep body temperature down.",
    "Cooling garments can ease symptoms in hot weather.",
    "In a French trial on la sclérose en plaques, vests helped.",
    "[\"Heat\", \"Fatigue\"]", NULL },
  { "french-review", "2025-03-01", 3, 1, "Care near home",
    "Local clinics make visits easier.",
    "Nearby services save travel.",
    "Surveys asked people about clinics.",
    "[\"Quality of life\"]", NULL },
  { "sleep-hygiene", "2025-02-01", 3, 4, "Sleep and night-time bladder",
    "Poor sleep is not rare with a busy bladder.",
    "Timing drinks helps sleep.",
    "Fewer night-time trips to the toilet improved rest.",
    "[\"Sleep\", \"Bladder\"]", NULL },
  { "vitamin-d", "2025-01-10", 1, 3, "Vitamin D levels",
    "Low vitamin D is linked with relapses.",
    "Supplements may help some people.",
    "Blood levels were measured in a cohort.",
    "[\"Risk factors\"]",
    "\"source\": {\"journal\": \"Neurolinguistica Acta\", \"title\": \"Serum calcidiol in a cohort\", \"year\": 2024}" },
};

static const Spec beta[] = {
  { "balance-training", "2025-06-20", 4, 4, "Balance training at home",
    "Exercises you can do in the kitchen.",
    "Short daily sessions improve balance.",
    "Falls became less frequent.",
    "[\"Gait\", \"Exercise\"]", NULL },
  { "walking-title", "2024-12-01", 3, 2, "Walking further with MS",
    "Distance tests in clinics.",
    "Some people cover more distance over time.",
    "Distance was measured each year.",
    "[\"Gait\"]", NULL },
  { "spasticity", "2024-11-05", 5, 5, "Stretching for spasticity",
    "Gentle stretches reduce stiffness.",
    "Daily stretching eases tight muscles.",
    "Stretching before walking reduced stiffness in the legs.",
    "[\"Spasticity\", \"Exercise\"]", NULL },
  { "bladder", "2024-10-01", 2, 1, "bladder control clinics",
    "Specialist nurses can help.",
    "Treatments exist for urgency.",
    "Pelvic floor training helped many.",
    "[\"Bladder\"]", NULL },
  { "heat-sensitivity", "2024-09-01", 4, 2, "Heat sensitivity explained",
    "Why la sclerose en plaques flares up in hot baths.",
    "Symptoms return once the body cools.",
    "Warmth slows signals in damaged nerves.",
    "[\"heat\"]", NULL },
  { "mood", "2024-08-01", 3, 3, "Mood and depression",
    "Low mood is common and treatable.",
    "Talking therapies help.",
    "Therapy lowered depression scores.",
    "[\"Mood\", \"Fatigue\", \"Exercise\"]",
    "\"who_should_care\": \"Partners and families.\","
    " \"important_considerations\": \"Antidepressants need a doctor.\"" },
};

#define ALL_NEWEST \
  "beta/balance-training alpha/gait-aids alpha/fatigue-exercise alpha/cooling-vests" \
  " alpha/french-review alpha/sleep-hygiene alpha/vitamin-d beta/walking-title" \
  " beta/spasticity beta/bladder beta/heat-sensitivity beta/mood"

#define WALK_NEWEST "alpha/gait-aids beta/walking-title beta/spasticity"

typedef MyelinTestLibrary Fixture;

static char *
spec_to_json (const Spec *spec)
{
  g_autofree char *extra = g_strdup_printf ("\"published\": \"%s\", \"credibility\": %d, \"interest\": %d,"
                                            " \"title\": \"%s\", \"teaser\": \"%s\", \"key_takeaway\": \"%s\","
                                            " \"what_they_found\": \"%s\", \"topics\": %s%s%s",
                                            spec->published, spec->credibility, spec->interest,
                                            spec->title, spec->teaser, spec->key_takeaway,
                                            spec->what_they_found, spec->topics,
                                            spec->extra ? ", " : "", spec->extra ? spec->extra : "");

  return myelin_test_article (spec->id, extra);
}

static void
import_bundle (Fixture    *f,
               const char *bundle_id,
               const Spec *specs,
               guint       n_specs)
{
  g_autoptr(GString) articles = g_string_new (NULL);
  g_autoptr(MyelinImportReport) report = NULL;
  g_autofree char *json = NULL;
  g_autofree char *folder = g_build_filename (f->dir, bundle_id, NULL);

  for (guint i = 0; i < n_specs; i++)
    {
      g_autofree char *article = spec_to_json (&specs[i]);

      if (i > 0)
        g_string_append_c (articles, ',');
      g_string_append (articles, article);
    }
  json = myelin_test_bundle (bundle_id, 1, articles->str);
  report = myelin_test_import_text (f->store, folder, json, MYELIN_IMPORT_FLAGS_STRICT);

  g_assert_null (myelin_import_report_get_refusal (report));
  g_assert_cmpuint (myelin_import_report_get_errors (report)->len, ==, 0);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  g_assert_cmpuint (myelin_import_report_get_added (report), ==, n_specs);
}

/* With @data non-NULL the store keeps its index in memory, so every test
 * runs twice: once answered by SQL, once by the index
 * (myelin-store-index.c), for saved/unread and relevance by SQL still. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  myelin_test_library_open (f);
  if (data != NULL)
    myelin_store_set_indexed (f->store, TRUE);
  import_bundle (f, "alpha", alpha, G_N_ELEMENTS (alpha));
  import_bundle (f, "beta", beta, G_N_ELEMENTS (beta));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  myelin_test_library_close (f);
}

/* The ids @query lists. The row ids and the count, used by the list model
 * and the result header, must agree with the listed articles. */
static char *
list_ids (Fixture     *f,
          MyelinQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GArray) rowids = NULL;

  articles = myelin_store_list_articles (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (articles);

  rowids = myelin_store_query_rowids (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rowids);
  g_assert_cmpuint (rowids->len, ==, articles->len);
  for (guint i = 0; i < articles->len; i++)
    g_assert_cmpint (g_array_index (rowids, gint64, i), ==,
                     myelin_article_get_rowid (g_ptr_array_index (articles, i)));

  if (myelin_query_get_limit (query) == 0 && myelin_query_get_offset (query) == 0)
    {
      g_assert_cmpuint (myelin_store_count_articles (f->store, query, &error), ==, articles->len);
      g_assert_no_error (error);
    }

  return myelin_test_ids (articles);
}

static char *
search_ids (Fixture    *f,
            const char *search,
            MyelinSort  sort)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();

  myelin_query_set_search (query, search);
  myelin_query_set_sort (query, sort);
  return list_ids (f, query);
}

static char *
topic_ids (Fixture            *f,
           const char * const *topics)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();

  myelin_query_set_topics (query, topics);
  return list_ids (f, query);
}

/* "Name:count, …" for every topic, in the library's order. */
static char *
topic_counts (Fixture     *f,
              MyelinQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) topics = myelin_store_list_topics (f->store, query, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (topics);
  for (guint i = 0; i < topics->len; i++)
    {
      MyelinTopic *topic = g_ptr_array_index (topics, i);

      g_string_append_printf (out, "%s%s:%u", i > 0 ? ", " : "",
                              myelin_topic_get_name (topic), myelin_topic_get_count (topic));
    }
  return g_string_free (out, FALSE);
}

static char *
related_ids (Fixture    *f,
             const char *bundle_id,
             const char *article_id,
             guint       max)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) related = myelin_store_list_related (f->store, bundle_id, article_id, max, &error);

  g_assert_no_error (error);
  g_assert_nonnull (related);
  return myelin_test_ids (related);
}

static void
set_saved (Fixture    *f,
           const char *bundle_id,
           const char *article_id,
           gboolean    saved)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (myelin_store_set_saved (f->store, bundle_id, article_id, saved, &error));
  g_assert_no_error (error);
}

static void
set_read (Fixture    *f,
          const char *bundle_id,
          const char *article_id,
          gboolean    read)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (myelin_store_set_read (f->store, bundle_id, article_id, read, &error));
  g_assert_no_error (error);
}

#define ASSERT_SEARCH(f, search, sort, expected) \
  G_STMT_START { \
    g_autofree char *ids_ = search_ids ((f), (search), (sort)); \
    g_assert_cmpstr (ids_, ==, (expected)); \
  } G_STMT_END

#define ASSERT_TOPICS(f, expected, ...) \
  G_STMT_START { \
    const char * const topics_[] = { __VA_ARGS__, NULL }; \
    g_autofree char *ids_ = topic_ids ((f), topics_); \
    g_assert_cmpstr (ids_, ==, (expected)); \
  } G_STMT_END

/* Search */

static void
test_search_prefix (Fixture       *f,
                    gconstpointer  data)
{
  ASSERT_SEARCH (f, "walk", MYELIN_SORT_NEWEST, WALK_NEWEST);
  ASSERT_SEARCH (f, "wal", MYELIN_SORT_NEWEST, WALK_NEWEST);
  ASSERT_SEARCH (f, "walking", MYELIN_SORT_NEWEST, WALK_NEWEST);
  ASSERT_SEARCH (f, "walkingx", MYELIN_SORT_NEWEST, "");
  /* Every word is a prefix, not just the last. */
  ASSERT_SEARCH (f, "stretch stiff", MYELIN_SORT_NEWEST, "beta/spasticity");
}

static void
test_search_fields (Fixture       *f,
                    gconstpointer  data)
{
  ASSERT_SEARCH (f, "rollators", MYELIN_SORT_NEWEST, "alpha/gait-aids");
  ASSERT_SEARCH (f, "kitchen", MYELIN_SORT_NEWEST, "beta/balance-training");
  ASSERT_SEARCH (f, "garments", MYELIN_SORT_NEWEST, "alpha/cooling-vests");
  ASSERT_SEARCH (f, "cycling", MYELIN_SORT_NEWEST, "alpha/fatigue-exercise");
  ASSERT_SEARCH (f, "partners", MYELIN_SORT_NEWEST, "beta/mood");
  ASSERT_SEARCH (f, "antidepressants", MYELIN_SORT_NEWEST, "beta/mood");
  /* Topics are searched as text too. */
  ASSERT_SEARCH (f, "mobility", MYELIN_SORT_NEWEST, "alpha/gait-aids");
  ASSERT_SEARCH (f, "risk", MYELIN_SORT_NEWEST, "alpha/vitamin-d");
  /* And the source's journal and title. */
  ASSERT_SEARCH (f, "neurolinguistica", MYELIN_SORT_NEWEST, "alpha/vitamin-d");
  ASSERT_SEARCH (f, "calcidiol", MYELIN_SORT_NEWEST, "alpha/vitamin-d");
}

static void
test_search_all_words (Fixture       *f,
                       gconstpointer  data)
{
  ASSERT_SEARCH (f, "heat", MYELIN_SORT_NEWEST, "alpha/cooling-vests beta/heat-sensitivity");
  ASSERT_SEARCH (f, "vests heat", MYELIN_SORT_NEWEST, "alpha/cooling-vests");
  ASSERT_SEARCH (f, "walking stiffness", MYELIN_SORT_NEWEST, "beta/spasticity");
  ASSERT_SEARCH (f, "walking kitchen", MYELIN_SORT_NEWEST, "");
}

static void
test_search_diacritics (Fixture       *f,
                        gconstpointer  data)
{
  const char *both = "alpha/cooling-vests beta/heat-sensitivity";

  ASSERT_SEARCH (f, "sclerose", MYELIN_SORT_NEWEST, both);
  ASSERT_SEARCH (f, "sclérose", MYELIN_SORT_NEWEST, both);
  ASSERT_SEARCH (f, "SCLÉROSE", MYELIN_SORT_NEWEST, both);
  /* The same word typed with a combining accent (NFD). */
  ASSERT_SEARCH (f, "scle\xcc\x81rose", MYELIN_SORT_NEWEST, both);
  ASSERT_SEARCH (f, "sclé", MYELIN_SORT_NEWEST, both);
}

static void
test_search_case (Fixture       *f,
                  gconstpointer  data)
{
  ASSERT_SEARCH (f, "WALKING", MYELIN_SORT_NEWEST, WALK_NEWEST);
  ASSERT_SEARCH (f, "Walk", MYELIN_SORT_NEWEST, WALK_NEWEST);
  ASSERT_SEARCH (f, "KITCHEN", MYELIN_SORT_NEWEST, "beta/balance-training");
  ASSERT_SEARCH (f, "MoBiLiTy", MYELIN_SORT_NEWEST, "alpha/gait-aids");
}

static void
test_search_ranked (Fixture       *f,
                    gconstpointer  data)
{
  /* Title hit, then teaser hit, then a hit in the body only. */
  ASSERT_SEARCH (f, "walk", MYELIN_SORT_DEFAULT, "beta/walking-title alpha/gait-aids beta/spasticity");
  ASSERT_SEARCH (f, "walk", MYELIN_SORT_RELEVANCE, "beta/walking-title alpha/gait-aids beta/spasticity");
  /* Another order, asked for, wins over relevance. */
  ASSERT_SEARCH (f, "walk", MYELIN_SORT_TITLE, "alpha/gait-aids beta/spasticity beta/walking-title");
  ASSERT_SEARCH (f, "walk", MYELIN_SORT_CREDIBILITY, "alpha/gait-aids beta/spasticity beta/walking-title");
  ASSERT_SEARCH (f, "walk", MYELIN_SORT_INTEREST, "beta/spasticity alpha/gait-aids beta/walking-title");
}

static void
test_search_syntax (Fixture       *f,
                    gconstpointer  data)
{
  static const struct
  {
    const char *search;
    const char *expected;
  } cases[] = {
    { "\"walking", WALK_NEWEST },
    { "walking\"", WALK_NEWEST },
    { "\"walking\"", WALK_NEWEST },
    { "walk*", WALK_NEWEST },
    { "*walk", WALK_NEWEST },
    { "-walking", WALK_NEWEST },
    { "(walking", WALK_NEWEST },
    { "walking)", WALK_NEWEST },
    { "walking:", WALK_NEWEST },
    { "^walking", WALK_NEWEST },
    { "{walking}", WALK_NEWEST },
    { "walking + ", WALK_NEWEST },
    /* Operators are words like any other, which must be in the text. */
    { "NEAR", "alpha/french-review" },
    { "NEAR(care home)", "alpha/french-review" },
    { "NEAR(care home, 2)", "" },
    { "sleep NOT bladder", "alpha/sleep-hygiene" },
    { "sleep OR bladder", "" },
    { "sleep AND bladder", "alpha/sleep-hygiene" },
    { "bladder -sleep", "alpha/sleep-hygiene" },
    { "bladder - sleep", "alpha/sleep-hygiene" },
    /* Not a column filter: "title" is a word no article holds. */
    { "title:walking", "" },
    { "title : walking", "" },
    { "\"sleep bladder\"", "alpha/sleep-hygiene" },
    { "\"bladder", "alpha/sleep-hygiene beta/bladder" },
    { "walk \xcc\x81", WALK_NEWEST },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("search: %s", cases[i].search);
      ASSERT_SEARCH (f, cases[i].search, MYELIN_SORT_NEWEST, cases[i].expected);
      /* Ranked, the default order for a search, without an error either. */
      g_free (search_ids (f, cases[i].search, MYELIN_SORT_DEFAULT));
    }
}

static void
test_search_no_words (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const searches[] = {
    "", "   ", "\"", "\"\"", "*", "-", "()", ":", "^", "\" * - ( ) : ^ + { }", "\t\n",
    /* Accents with no letter to sit on are not words either. */
    "\xcc\x81", " \xcc\x81\xcc\x88 - \xcc\x81",
  };

  ASSERT_SEARCH (f, NULL, MYELIN_SORT_DEFAULT, ALL_NEWEST);
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_test_message ("search: %s", searches[i]);
      ASSERT_SEARCH (f, searches[i], MYELIN_SORT_DEFAULT, ALL_NEWEST);
      ASSERT_SEARCH (f, searches[i], MYELIN_SORT_RELEVANCE, ALL_NEWEST);
    }
}

static void
test_search_to_fts (void)
{
  static const char * const no_words[] = { "", "  ", "\"", "*-()", ":^", "\xcc\x81", NULL };
  g_autofree char *walk = myelin_search_to_fts ("walk");
  g_autofree char *quoted = myelin_search_to_fts ("\"near\" (walk");

  for (guint i = 0; no_words[i] != NULL; i++)
    g_assert_null (myelin_search_to_fts (no_words[i]));
  g_assert_null (myelin_search_to_fts (NULL));
  g_assert_cmpstr (walk, ==, "\"walk\"*");
  g_assert_cmpstr (quoted, ==, "\"near\"* \"walk\"*");
}

/* Topics */

static void
test_topics_filter (Fixture       *f,
                    gconstpointer  data)
{
  ASSERT_TOPICS (f, "beta/balance-training alpha/gait-aids beta/walking-title", "Gait");
  ASSERT_TOPICS (f, "beta/balance-training", "Gait", "Exercise");
  ASSERT_TOPICS (f, "beta/balance-training", "Exercise", "Gait");
  ASSERT_TOPICS (f, "alpha/fatigue-exercise beta/mood", "Fatigue", "Exercise");
  ASSERT_TOPICS (f, "beta/mood", "Fatigue", "Exercise", "Mood");
  ASSERT_TOPICS (f, "alpha/vitamin-d", "Risk factors");
}

static void
test_topics_case (Fixture       *f,
                  gconstpointer  data)
{
  ASSERT_TOPICS (f, "alpha/fatigue-exercise alpha/cooling-vests beta/mood", "fatigue");
  ASSERT_TOPICS (f, "alpha/fatigue-exercise alpha/cooling-vests beta/mood", "FATIGUE");
  /* "Heat" and "heat" in the bundles are one topic. */
  ASSERT_TOPICS (f, "alpha/cooling-vests beta/heat-sensitivity", "Heat");
  ASSERT_TOPICS (f, "alpha/cooling-vests beta/heat-sensitivity", "heat");
  ASSERT_TOPICS (f, "alpha/vitamin-d", "RISK FACTORS");
  ASSERT_TOPICS (f, "beta/balance-training", "gait", "exercise");
}

static void
test_topics_unknown (Fixture       *f,
                     gconstpointer  data)
{
  ASSERT_TOPICS (f, "", "Nope");
  ASSERT_TOPICS (f, "", "Gait", "Nope");
  ASSERT_TOPICS (f, "", "Nope", "Gait");
  /* A prefix of a topic is not the topic. */
  ASSERT_TOPICS (f, "", "Gai");
  ASSERT_TOPICS (f, "", "");
}

static void
test_topics_add (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;

  myelin_query_add_topic (query, "Gait");
  one = list_ids (f, query);
  g_assert_cmpstr (one, ==, "beta/balance-training alpha/gait-aids beta/walking-title");
  myelin_query_add_topic (query, "Mobility");
  two = list_ids (f, query);
  g_assert_cmpstr (two, ==, "alpha/gait-aids");
}

#define ALL_COUNTS \
  "Bladder:2, Exercise:4, Fatigue:3, Gait:3, Heat:2, Mobility:1, Mood:1, Quality of life:1," \
  " Risk factors:1, Sleep:1, Spasticity:1"

static void
test_topics_counts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autofree char *all = topic_counts (f, NULL);
  g_autofree char *unfiltered = NULL;
  g_autofree char *no_words = NULL;

  g_assert_cmpstr (all, ==, ALL_COUNTS);

  /* Sort and page never change the counts. */
  myelin_query_set_sort (query, MYELIN_SORT_TITLE);
  myelin_query_set_limit (query, 2);
  myelin_query_set_offset (query, 1);
  unfiltered = topic_counts (f, query);
  g_assert_cmpstr (unfiltered, ==, ALL_COUNTS);

  myelin_query_set_search (query, " \"* ");
  no_words = topic_counts (f, query);
  g_assert_cmpstr (no_words, ==, ALL_COUNTS);
}

static void
test_topics_counts_follow_search (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autofree char *walk = NULL;
  g_autofree char *sclerose = NULL;
  g_autofree char *nothing = NULL;

  myelin_query_set_search (query, "walk");
  walk = topic_counts (f, query);
  g_assert_cmpstr (walk, ==,
                   "Bladder:0, Exercise:1, Fatigue:0, Gait:2, Heat:0, Mobility:1, Mood:0,"
                   " Quality of life:0, Risk factors:0, Sleep:0, Spasticity:1");

  myelin_query_set_search (query, "sclérose");
  sclerose = topic_counts (f, query);
  g_assert_cmpstr (sclerose, ==,
                   "Bladder:0, Exercise:0, Fatigue:1, Gait:0, Heat:2, Mobility:0, Mood:0,"
                   " Quality of life:0, Risk factors:0, Sleep:0, Spasticity:0");

  myelin_query_set_search (query, "zzzz");
  nothing = topic_counts (f, query);
  g_assert_cmpstr (nothing, ==,
                   "Bladder:0, Exercise:0, Fatigue:0, Gait:0, Heat:0, Mobility:0, Mood:0,"
                   " Quality of life:0, Risk factors:0, Sleep:0, Spasticity:0");
}

static void
test_topics_counts_follow_topics (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autofree char *gait = NULL;
  g_autofree char *gait_exercise = NULL;
  g_autofree char *with_search = NULL;

  myelin_query_add_topic (query, "gait");
  gait = topic_counts (f, query);
  g_assert_cmpstr (gait, ==,
                   "Bladder:0, Exercise:1, Fatigue:0, Gait:3, Heat:0, Mobility:1, Mood:0,"
                   " Quality of life:0, Risk factors:0, Sleep:0, Spasticity:0");

  myelin_query_add_topic (query, "Exercise");
  gait_exercise = topic_counts (f, query);
  g_assert_cmpstr (gait_exercise, ==,
                   "Bladder:0, Exercise:1, Fatigue:0, Gait:1, Heat:0, Mobility:0, Mood:0,"
                   " Quality of life:0, Risk factors:0, Sleep:0, Spasticity:0");

  myelin_query_set_topics (query, (const char * const []) { "Exercise", NULL });
  myelin_query_set_search (query, "stiffness");
  with_search = topic_counts (f, query);
  g_assert_cmpstr (with_search, ==,
                   "Bladder:0, Exercise:1, Fatigue:0, Gait:0, Heat:0, Mobility:0, Mood:0,"
                   " Quality of life:0, Risk factors:0, Sleep:0, Spasticity:1");
}

static void
test_topics_counts_follow_saved (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autofree char *none = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *unread = NULL;

  myelin_query_set_saved_only (query, TRUE);
  none = topic_counts (f, query);
  g_assert_cmpstr (none, ==,
                   "Bladder:0, Exercise:0, Fatigue:0, Gait:0, Heat:0, Mobility:0, Mood:0,"
                   " Quality of life:0, Risk factors:0, Sleep:0, Spasticity:0");

  set_saved (f, "alpha", "sleep-hygiene", TRUE);
  set_saved (f, "beta", "mood", TRUE);
  saved = topic_counts (f, query);
  g_assert_cmpstr (saved, ==,
                   "Bladder:1, Exercise:1, Fatigue:1, Gait:0, Heat:0, Mobility:0, Mood:1,"
                   " Quality of life:0, Risk factors:0, Sleep:1, Spasticity:0");

  myelin_query_set_saved_only (query, FALSE);
  myelin_query_set_unread_only (query, TRUE);
  set_read (f, "alpha", "gait-aids", TRUE);
  set_read (f, "beta", "balance-training", TRUE);
  unread = topic_counts (f, query);
  g_assert_cmpstr (unread, ==,
                   "Bladder:2, Exercise:3, Fatigue:3, Gait:1, Heat:2, Mobility:0, Mood:1, Quality of life:1,"
                   " Risk factors:1, Sleep:1, Spasticity:1");
}

/* Reader state */

static void
test_filter_saved (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autofree char *none = NULL;
  g_autofree char *three = NULL;
  g_autofree char *two = NULL;

  myelin_query_set_saved_only (query, TRUE);
  none = list_ids (f, query);
  g_assert_cmpstr (none, ==, "");

  set_saved (f, "beta", "bladder", TRUE);
  set_saved (f, "alpha", "vitamin-d", TRUE);
  set_saved (f, "beta", "walking-title", TRUE);
  three = list_ids (f, query);
  g_assert_cmpstr (three, ==, "alpha/vitamin-d beta/walking-title beta/bladder");

  set_saved (f, "alpha", "vitamin-d", FALSE);
  two = list_ids (f, query);
  g_assert_cmpstr (two, ==, "beta/walking-title beta/bladder");
}

static void
test_filter_unread (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autofree char *all = NULL;
  g_autofree char *some = NULL;
  g_autofree char *again = NULL;

  myelin_query_set_unread_only (query, TRUE);
  all = list_ids (f, query);
  g_assert_cmpstr (all, ==, ALL_NEWEST);

  set_read (f, "alpha", "gait-aids", TRUE);
  set_read (f, "beta", "balance-training", TRUE);
  set_read (f, "beta", "mood", TRUE);
  /* Saving an article does not read it. */
  set_saved (f, "alpha", "vitamin-d", TRUE);
  some = list_ids (f, query);
  g_assert_cmpstr (some, ==,
                   "alpha/fatigue-exercise alpha/cooling-vests alpha/french-review alpha/sleep-hygiene"
                   " alpha/vitamin-d beta/walking-title beta/spasticity beta/bladder beta/heat-sensitivity");

  set_read (f, "beta", "mood", FALSE);
  again = list_ids (f, query);
  g_assert_cmpstr (again, ==,
                   "alpha/fatigue-exercise alpha/cooling-vests alpha/french-review alpha/sleep-hygiene"
                   " alpha/vitamin-d beta/walking-title beta/spasticity beta/bladder beta/heat-sensitivity"
                   " beta/mood");
}

static void
test_filter_combined (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autofree char *search_topic = NULL;
  g_autofree char *unread = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_unread = NULL;
  g_autofree char *all_filters = NULL;

  set_read (f, "alpha", "gait-aids", TRUE);
  set_saved (f, "alpha", "gait-aids", TRUE);
  set_saved (f, "beta", "spasticity", TRUE);
  set_saved (f, "beta", "walking-title", TRUE);

  myelin_query_set_search (query, "walk");
  myelin_query_add_topic (query, "gait");
  myelin_query_set_sort (query, MYELIN_SORT_NEWEST);
  search_topic = list_ids (f, query);
  g_assert_cmpstr (search_topic, ==, "alpha/gait-aids beta/walking-title");

  myelin_query_set_unread_only (query, TRUE);
  unread = list_ids (f, query);
  g_assert_cmpstr (unread, ==, "beta/walking-title");

  myelin_query_set_unread_only (query, FALSE);
  myelin_query_set_topics (query, NULL);
  myelin_query_set_saved_only (query, TRUE);
  saved = list_ids (f, query);
  g_assert_cmpstr (saved, ==, WALK_NEWEST);

  myelin_query_set_unread_only (query, TRUE);
  saved_unread = list_ids (f, query);
  g_assert_cmpstr (saved_unread, ==, "beta/walking-title beta/spasticity");

  myelin_query_add_topic (query, "Exercise");
  myelin_query_set_sort (query, MYELIN_SORT_DEFAULT);
  all_filters = list_ids (f, query);
  g_assert_cmpstr (all_filters, ==, "beta/spasticity");
}

/* Sorting and pages */

static void
test_sort_newest (Fixture       *f,
                  gconstpointer  data)
{
  ASSERT_SEARCH (f, NULL, MYELIN_SORT_DEFAULT, ALL_NEWEST);
  ASSERT_SEARCH (f, NULL, MYELIN_SORT_NEWEST, ALL_NEWEST);
  /* Relevance means nothing without a search. */
  ASSERT_SEARCH (f, NULL, MYELIN_SORT_RELEVANCE, ALL_NEWEST);
}

static void
test_sort_credibility (Fixture       *f,
                       gconstpointer  data)
{
  /* Highest first; newest first among equals. */
  ASSERT_SEARCH (f, NULL, MYELIN_SORT_CREDIBILITY,
                 "alpha/gait-aids beta/spasticity beta/balance-training alpha/fatigue-exercise"
                 " beta/heat-sensitivity alpha/french-review alpha/sleep-hygiene beta/walking-title"
                 " beta/mood alpha/cooling-vests beta/bladder alpha/vitamin-d");
}

static void
test_sort_interest (Fixture       *f,
                    gconstpointer  data)
{
  ASSERT_SEARCH (f, NULL, MYELIN_SORT_INTEREST,
                 "alpha/fatigue-exercise beta/spasticity beta/balance-training alpha/sleep-hygiene"
                 " alpha/cooling-vests alpha/vitamin-d beta/mood alpha/gait-aids beta/walking-title"
                 " beta/heat-sensitivity alpha/french-review beta/bladder");
}

static void
test_sort_title (Fixture       *f,
                 gconstpointer  data)
{
  /* "bladder control clinics" and "exercise eases fatigue" start in
   * lowercase: they sort among the others, not after them. */
  ASSERT_SEARCH (f, NULL, MYELIN_SORT_TITLE,
                 "beta/balance-training beta/bladder alpha/gait-aids alpha/french-review"
                 " alpha/cooling-vests alpha/fatigue-exercise beta/heat-sensitivity beta/mood"
                 " alpha/sleep-hygiene beta/spasticity alpha/vitamin-d beta/walking-title");
}

static char *
page_ids (Fixture    *f,
          MyelinSort  sort,
          guint       limit,
          guint       offset)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();

  myelin_query_set_sort (query, sort);
  myelin_query_set_limit (query, limit);
  myelin_query_set_offset (query, offset);
  return list_ids (f, query);
}

static void
test_page_limit_offset (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = page_ids (f, MYELIN_SORT_NEWEST, 3, 0);
  g_autofree char *middle = page_ids (f, MYELIN_SORT_NEWEST, 3, 2);
  g_autofree char *last = page_ids (f, MYELIN_SORT_NEWEST, 3, 10);
  g_autofree char *past = page_ids (f, MYELIN_SORT_NEWEST, 3, 12);
  g_autofree char *offset_only = page_ids (f, MYELIN_SORT_NEWEST, 0, 10);
  g_autofree char *titles = page_ids (f, MYELIN_SORT_TITLE, 2, 1);
  g_autofree char *searched = NULL;

  g_assert_cmpstr (first, ==, "beta/balance-training alpha/gait-aids alpha/fatigue-exercise");
  g_assert_cmpstr (middle, ==, "alpha/fatigue-exercise alpha/cooling-vests alpha/french-review");
  g_assert_cmpstr (last, ==, "beta/heat-sensitivity beta/mood");
  g_assert_cmpstr (past, ==, "");
  g_assert_cmpstr (offset_only, ==, "beta/heat-sensitivity beta/mood");
  g_assert_cmpstr (titles, ==, "beta/bladder alpha/gait-aids");

  /* The count is of the whole result, not of the page. */
  myelin_query_set_limit (query, 3);
  myelin_query_set_offset (query, 2);
  g_assert_cmpuint (myelin_store_count_articles (f->store, query, &error), ==, 12);
  g_assert_no_error (error);

  myelin_query_set_search (query, "walk");
  myelin_query_set_limit (query, 1);
  myelin_query_set_offset (query, 1);
  searched = list_ids (f, query);
  g_assert_cmpstr (searched, ==, "alpha/gait-aids");
  g_assert_cmpuint (myelin_store_count_articles (f->store, query, &error), ==, 3);
  g_assert_no_error (error);
}

/* Related articles */

static void
test_related_explicit_first (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *related = related_ids (f, "alpha", "fatigue-exercise", 6);

  /* sleep-hygiene and cooling-vests in the bundle's order (not by date;
   * cooling-vests, sharing "Fatigue", only once), then beta/mood sharing
   * two topics, then one topic each, newest first. */
  g_assert_cmpstr (related, ==,
                   "alpha/sleep-hygiene alpha/cooling-vests beta/mood beta/balance-training beta/spasticity");
}

static void
test_related_max (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *one = related_ids (f, "alpha", "fatigue-exercise", 1);
  g_autofree char *two = related_ids (f, "alpha", "fatigue-exercise", 2);
  g_autofree char *four = related_ids (f, "alpha", "fatigue-exercise", 4);
  g_autofree char *none = related_ids (f, "alpha", "fatigue-exercise", 0);
  g_autofree char *shared = related_ids (f, "beta", "mood", 2);

  g_assert_cmpstr (one, ==, "alpha/sleep-hygiene");
  g_assert_cmpstr (two, ==, "alpha/sleep-hygiene alpha/cooling-vests");
  g_assert_cmpstr (four, ==, "alpha/sleep-hygiene alpha/cooling-vests beta/mood beta/balance-training");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (shared, ==, "alpha/fatigue-exercise beta/balance-training");
}

static void
test_related_shared_topics (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *mood = related_ids (f, "beta", "mood", 6);
  g_autofree char *gait = related_ids (f, "alpha", "gait-aids", 6);
  g_autofree char *heat = related_ids (f, "beta", "heat-sensitivity", 6);
  g_autofree char *alone = related_ids (f, "alpha", "vitamin-d", 6);

  /* Two shared topics first, then one, newest first; across bundles. */
  g_assert_cmpstr (mood, ==, "alpha/fatigue-exercise beta/balance-training alpha/cooling-vests beta/spasticity");
  g_assert_cmpstr (gait, ==, "beta/balance-training beta/walking-title");
  /* "heat" and "Heat" are one topic. */
  g_assert_cmpstr (heat, ==, "alpha/cooling-vests");
  g_assert_cmpstr (alone, ==, "");
}

static void
test_related_summaries (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) related = NULL;

  set_saved (f, "alpha", "sleep-hygiene", TRUE);
  related = myelin_store_list_related (f->store, "alpha", "fatigue-exercise", 6, &error);
  g_assert_no_error (error);
  g_assert_nonnull (related);
  g_assert_cmpuint (related->len, ==, 5);
  for (guint i = 0; i < related->len; i++)
    {
      MyelinArticle *article = g_ptr_array_index (related, i);

      g_assert_nonnull (myelin_article_get_title (article));
      g_assert_null (myelin_article_get_string (article, MYELIN_ARTICLE_KEY_TAKEAWAY));
      g_assert_cmpint (myelin_article_get_boolean (article, MYELIN_ARTICLE_SAVED), ==, i == 0);
    }
}

static void
test_related_unknown (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) related = myelin_store_list_related (f->store, "alpha", "nope", 6, &error);

  g_assert_null (related);
  g_assert_nonnull (error);
}

/* The list model */

typedef struct
{
  guint n_signals;
  guint position;
  guint removed;
  guint added;
  guint n_items_at_signal;
} Changed;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changed    *changed)
{
  changed->n_signals++;
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->n_items_at_signal = g_list_model_get_n_items (model);
}

static char *
model_ids (GListModel *model)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (articles, g_list_model_get_item (model, i));
  return myelin_test_ids (articles);
}

static void
test_model_items (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(MyelinArticleList) list = myelin_article_list_new (f->store);
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *by_title = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(MyelinArticle) first = NULL;
  g_autoptr(MyelinArticle) again = NULL;

  g_assert_true (g_list_model_get_item_type (model) == MYELIN_TYPE_ARTICLE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (g_list_model_get_item (model, 0));

  g_assert_true (myelin_article_list_set_query (list, query, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, myelin_store_count_articles (f->store, query, NULL));
  all = model_ids (model);
  g_assert_cmpstr (all, ==, ALL_NEWEST);
  g_assert_null (g_list_model_get_item (model, 12));
  g_assert_null (g_list_model_get_item (model, G_MAXUINT));

  /* Asking twice gives the same article. */
  first = g_list_model_get_item (model, 0);
  again = g_list_model_get_item (model, 0);
  g_assert_cmpstr (myelin_article_get_id (first), ==, myelin_article_get_id (again));

  myelin_query_set_sort (query, MYELIN_SORT_TITLE);
  myelin_query_set_search (query, "walk");
  g_assert_true (myelin_article_list_set_query (list, query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  by_title = model_ids (model);
  g_assert_cmpstr (by_title, ==, "alpha/gait-aids beta/spasticity beta/walking-title");

  /* The page of the query is the model's content. */
  myelin_query_set_search (query, NULL);
  myelin_query_set_sort (query, MYELIN_SORT_NEWEST);
  myelin_query_set_limit (query, 4);
  myelin_query_set_offset (query, 8);
  g_assert_true (myelin_article_list_set_query (list, query, &error));
  expected = model_ids (model);
  g_assert_cmpstr (expected, ==, "beta/spasticity beta/bladder beta/heat-sensitivity beta/mood");
}

static void
test_model_items_changed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MyelinArticleList) list = myelin_article_list_new (f->store);
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GError) error = NULL;
  Changed changed = { 0, };

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changed);

  g_assert_true (myelin_article_list_set_query (list, query, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed.n_signals, ==, 1);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 0);
  g_assert_cmpuint (changed.added, ==, 12);
  g_assert_cmpuint (changed.n_items_at_signal, ==, 12);

  myelin_query_add_topic (query, "Gait");
  g_assert_true (myelin_article_list_set_query (list, query, &error));
  g_assert_cmpuint (changed.n_signals, ==, 2);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 12);
  g_assert_cmpuint (changed.added, ==, 3);
  g_assert_cmpuint (changed.n_items_at_signal, ==, 3);

  myelin_query_add_topic (query, "Nope");
  g_assert_true (myelin_article_list_set_query (list, query, &error));
  g_assert_cmpuint (changed.n_signals, ==, 3);
  g_assert_cmpuint (changed.removed, ==, 3);
  g_assert_cmpuint (changed.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
test_model_refresh_state (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MyelinArticleList) list = myelin_article_list_new (f->store);
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinArticle) before = NULL;
  g_autoptr(MyelinArticle) after = NULL;

  g_assert_true (myelin_article_list_set_query (list, query, &error));
  before = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_false (myelin_article_get_boolean (before, MYELIN_ARTICLE_SAVED));

  /* A new result shows the reader's latest state, not a cached card. */
  set_saved (f, "beta", "balance-training", TRUE);
  g_assert_true (myelin_article_list_set_query (list, query, &error));
  after = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (myelin_article_get_id (after), ==, "balance-training");
  g_assert_true (myelin_article_get_boolean (after, MYELIN_ARTICLE_SAVED));
}

static void
test_model_summary_and_article (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(MyelinArticleList) list = myelin_article_list_new (f->store);
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinArticle) summary = NULL;
  g_autoptr(MyelinArticle) vitamin = NULL;
  g_autoptr(MyelinArticle) mood = NULL;
  g_autoptr(MyelinArticle) fatigue = NULL;
  const char * const *topics;
  const char * const *related;

  set_saved (f, "alpha", "vitamin-d", TRUE);
  set_read (f, "alpha", "vitamin-d", TRUE);
  g_assert_true (myelin_store_set_note (f->store, "alpha", "vitamin-d", "Ask at the next visit.", &error));
  g_assert_no_error (error);

  myelin_query_add_topic (query, "Risk factors");
  g_assert_true (myelin_article_list_set_query (list, query, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  summary = g_list_model_get_item (G_LIST_MODEL (list), 0);

  /* A card's summary: no body. */
  g_assert_cmpstr (myelin_article_get_bundle_id (summary), ==, "alpha");
  g_assert_cmpstr (myelin_article_get_id (summary), ==, "vitamin-d");
  g_assert_cmpstr (myelin_article_get_title (summary), ==, "Vitamin D levels");
  g_assert_cmpstr (myelin_article_get_published (summary), ==, "2025-01-10");
  g_assert_cmpstr (myelin_article_get_teaser (summary), ==, "Low vitamin D is linked with relapses.");
  g_assert_cmpint (myelin_article_get_credibility (summary), ==, 1);
  g_assert_cmpint (myelin_article_get_interest (summary), ==, 3);
  topics = myelin_article_get_topics (summary);
  g_assert_nonnull (topics);
  g_assert_cmpstr (topics[0], ==, "Risk factors");
  g_assert_null (topics[1]);
  g_assert_true (myelin_article_get_boolean (summary, MYELIN_ARTICLE_SAVED));
  g_assert_true (myelin_article_get_boolean (summary, MYELIN_ARTICLE_READ));
  g_assert_null (myelin_article_get_string (summary, MYELIN_ARTICLE_KEY_TAKEAWAY));
  g_assert_null (myelin_article_get_string (summary, MYELIN_ARTICLE_WHAT_THEY_FOUND));
  g_assert_null (myelin_article_get_string (summary, MYELIN_ARTICLE_SOURCE_JOURNAL));
  g_assert_false (myelin_article_get_boolean (summary, MYELIN_ARTICLE_COMPLETE));

  /* The whole article: every field. */
  vitamin = myelin_store_get_article (f->store, "alpha", "vitamin-d", &error);
  g_assert_no_error (error);
  g_assert_nonnull (vitamin);
  g_assert_true (myelin_article_get_boolean (vitamin, MYELIN_ARTICLE_COMPLETE));
  g_assert_cmpint (myelin_article_get_rowid (vitamin), ==, myelin_article_get_rowid (summary));
  g_assert_cmpstr (myelin_article_get_title (vitamin), ==, "Vitamin D levels");
  g_assert_cmpstr (myelin_article_get_string (vitamin, MYELIN_ARTICLE_KEY_TAKEAWAY), ==,
                   "Supplements may help some people.");
  g_assert_cmpstr (myelin_article_get_string (vitamin, MYELIN_ARTICLE_WHAT_THEY_FOUND), ==,
                   "Blood levels were measured in a cohort.");
  g_assert_cmpstr (myelin_article_get_string (vitamin, MYELIN_ARTICLE_SOURCE_JOURNAL), ==,
                   "Neurolinguistica Acta");
  g_assert_cmpstr (myelin_article_get_string (vitamin, MYELIN_ARTICLE_SOURCE_TITLE), ==,
                   "Serum calcidiol in a cohort");
  g_assert_cmpint (myelin_article_get_int (vitamin, MYELIN_ARTICLE_SOURCE_YEAR), ==, 2024);
  g_assert_cmpstr (myelin_article_get_string (vitamin, MYELIN_ARTICLE_BUNDLE_TITLE), ==, "Bundle alpha");
  g_assert_cmpstr (myelin_article_get_string (vitamin, MYELIN_ARTICLE_NOTE), ==, "Ask at the next visit.");
  g_assert_true (myelin_article_get_boolean (vitamin, MYELIN_ARTICLE_SAVED));
  g_assert_true (myelin_article_get_boolean (vitamin, MYELIN_ARTICLE_READ));

  mood = myelin_store_get_article (f->store, "beta", "mood", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (myelin_article_get_string (mood, MYELIN_ARTICLE_WHO_SHOULD_CARE), ==, "Partners and families.");
  g_assert_cmpstr (myelin_article_get_string (mood, MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS), ==,
                   "Antidepressants need a doctor.");
  g_assert_false (myelin_article_get_boolean (mood, MYELIN_ARTICLE_SAVED));
  g_assert_null (myelin_article_get_string (mood, MYELIN_ARTICLE_NOTE));
  topics = myelin_article_get_topics (mood);
  g_assert_cmpuint (g_strv_length ((char **) topics), ==, 3);
  g_assert_cmpstr (topics[2], ==, "Exercise");

  fatigue = myelin_store_get_article (f->store, "alpha", "fatigue-exercise", &error);
  g_assert_no_error (error);
  related = myelin_article_get_strv (fatigue, MYELIN_ARTICLE_RELATED);
  g_assert_nonnull (related);
  g_assert_cmpuint (g_strv_length ((char **) related), ==, 2);
  g_assert_cmpstr (related[0], ==, "sleep-hygiene");
  g_assert_cmpstr (related[1], ==, "cooling-vests");
}


/* The index in memory (myelin-store-index.c) against SQL */

static const char * const random_words[] = {
  "walking", "walnut", "wall", "fatigue", "fat", "father", "heat", "heart", "hearing", "sleep",
  "sleeve", "vision", "visit", "pregnancy", "pregnant", "people", "peer", "balance", "bald", "mood",
};

static const char * const random_topics[] = {
  "Gait", "Fatigue", "Heat", "Sleep", "Vision", "Mood", "Bladder", "Pregnancy",
};

static void
append_random_words (GString *out,
                     GRand   *rand,
                     guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                            random_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (random_words))]);
}

/* A bundle of @n random articles, ids "a0", "a1", …; revisions differ in
 * which articles they hold and in their fields. */
static char *
random_bundle (const char *bundle_id,
               gint64      revision,
               guint       n,
               GRand      *rand)
{
  g_autoptr(GString) articles = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) extra = g_string_new (NULL);
      g_autoptr(GString) title = g_string_new (NULL);
      g_autoptr(GString) teaser = g_string_new (NULL);
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *article = NULL;
      guint n_topics = g_rand_int_range (rand, 1, 4);

      /* Some articles leave in each revision. */
      if (g_rand_int_range (rand, 0, 10) == 0)
        continue;
      append_random_words (title, rand, 3);
      append_random_words (teaser, rand, 6);
      /* Few dates, so that ties are broken by row id. */
      g_string_append_printf (extra, "\"title\": \"%s\", \"teaser\": \"%s\", \"published\": \"2025-0%d-1%d\","
                                     " \"credibility\": %d, \"interest\": %d, \"topics\": [",
                              title->str, teaser->str, g_rand_int_range (rand, 1, 4), g_rand_int_range (rand, 0, 3),
                              g_rand_int_range (rand, 1, 6), g_rand_int_range (rand, 1, 6));
      for (guint t = 0; t < n_topics; t++)
        g_string_append_printf (extra, "%s\"%s\"", t > 0 ? ", " : "",
                                random_topics[(i * 7 + t * 3 + (guint) revision) % G_N_ELEMENTS (random_topics)]);
      g_string_append (extra, "]");
      article = myelin_test_article (id, extra->str);
      if (articles->len > 0)
        g_string_append_c (articles, ',');
      g_string_append (articles, article);
    }
  return myelin_test_bundle (bundle_id, revision, articles->str);
}

static void
import_random (MyelinStore *store,
               const char  *dir,
               const char  *bundle_id,
               gint64       revision,
               guint        n,
               GRand       *rand)
{
  g_autofree char *json = random_bundle (bundle_id, revision, n, rand);
  g_autoptr(MyelinImportReport) report = myelin_test_import_text (store, dir, json, MYELIN_IMPORT_FLAGS_STRICT);

  g_assert_null (myelin_import_report_get_refusal (report));
  g_assert_cmpuint (myelin_import_report_get_errors (report)->len, ==, 0);
}

static MyelinQuery *
random_query (GRand *rand)
{
  static const MyelinSort sorts[] = {
    MYELIN_SORT_NEWEST, MYELIN_SORT_CREDIBILITY, MYELIN_SORT_INTEREST, MYELIN_SORT_TITLE,
    MYELIN_SORT_DEFAULT, MYELIN_SORT_RELEVANCE,
  };
  MyelinQuery *query = myelin_query_new ();
  guint n_words = g_rand_int_range (rand, 0, 3);
  guint n_topics = g_rand_int_range (rand, 0, 4);
  g_autoptr(GString) search = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      const char *word = random_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (random_words))];

      /* A prefix of 1 letter to the whole word. */
      g_string_append_printf (search, "%s%.*s", i > 0 ? " " : "", g_rand_int_range (rand, 1, strlen (word) + 1), word);
    }
  myelin_query_set_search (query, search->str);
  for (guint i = 0; i < n_topics; i++)
    {
      guint which = g_rand_int_range (rand, 0, G_N_ELEMENTS (random_topics) + 1);

      myelin_query_add_topic (query, which < G_N_ELEMENTS (random_topics) ? random_topics[which] : "Unknown");
    }
  myelin_query_set_sort (query, sorts[g_rand_int_range (rand, 0, G_N_ELEMENTS (sorts))]);
  if (g_rand_boolean (rand))
    {
      myelin_query_set_limit (query, g_rand_int_range (rand, 1, 30));
      myelin_query_set_offset (query, g_rand_int_range (rand, 0, 60));
    }
  return query;
}

static char *
describe_topics (GPtrArray *topics)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < topics->len; i++)
    g_string_append_printf (out, "%s:%u ", myelin_topic_get_name (g_ptr_array_index (topics, i)),
                            myelin_topic_get_count (g_ptr_array_index (topics, i)));
  return g_string_free (out, FALSE);
}

static void
assert_same_answers (MyelinStore *by_sql,
                     MyelinStore *by_index,
                     MyelinQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sql_rowids = myelin_store_query_rowids (by_sql, query, &error);
  g_autoptr(GArray) index_rowids = myelin_store_query_rowids (by_index, query, &error);
  g_autoptr(GPtrArray) sql_topics = myelin_store_list_topics (by_sql, query, &error);
  g_autoptr(GPtrArray) index_topics = myelin_store_list_topics (by_index, query, &error);
  g_autofree char *sql_described = describe_topics (sql_topics);
  g_autofree char *index_described = describe_topics (index_topics);

  g_assert_no_error (error);
  g_assert_cmpuint (sql_rowids->len, ==, index_rowids->len);
  g_assert_cmpmem (sql_rowids->data, sql_rowids->len * sizeof (gint64),
                   index_rowids->data, index_rowids->len * sizeof (gint64));
  g_assert_cmpstr (sql_described, ==, index_described);
  g_assert_cmpuint (myelin_store_count_articles (by_sql, query, &error), ==,
                    myelin_store_count_articles (by_index, query, &error));
  g_assert_no_error (error);
}

/* Random searches (one letter to whole words), topics (some unknown),
 * sorts and pages give the same rows, counts and topic counts from the
 * index as from SQL; and so they do after each new revision or removal
 * made on another connection, as myelinctl would. */
static void
test_index_random (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autoptr(MyelinStore) indexed = NULL;
  g_autoptr(GError) error = NULL;

  import_random (f->store, f->dir, "org.example.random1", 1, 300, rand);
  import_random (f->store, f->dir, "org.example.random2", 1, 200, rand);
  indexed = myelin_store_open (f->path, &error);
  g_assert_no_error (error);
  myelin_store_set_indexed (indexed, TRUE);
  g_assert_true (myelin_store_load_index (indexed, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 4; round++)
    {
      for (guint i = 0; i < 150; i++)
        {
          g_autoptr(MyelinQuery) query = random_query (rand);

          assert_same_answers (f->store, indexed, query);
        }
      if (round == 2)
        {
          g_assert_true (myelin_store_remove_bundle (f->store, "org.example.random2", &error));
          g_assert_no_error (error);
        }
      else
        import_random (f->store, f->dir, "org.example.random1", round + 2, 300 + round * 20, rand);
    }
}

static gint64
first_gait_rowid (MyelinStore *store)
{
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GError) error = NULL;

  myelin_query_add_topic (query, "Gait");
  rowids = myelin_store_query_rowids (store, query, &error);
  g_assert_no_error (error);
  return rowids->len > 0 ? g_array_index (rowids, gint64, 0) : 0;
}

/* The index answers from memory until the articles' version moves on,
 * which every import and removal does: a link taken out behind its back
 * (no import) is not seen, then is once the version moves. */
static void
test_index_version (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MyelinStore) indexed = myelin_store_open (f->path, &error);
  gint64 newest_gait;
  sqlite3 *db = NULL;
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  myelin_store_set_indexed (indexed, TRUE);
  newest_gait = first_gait_rowid (indexed);
  g_assert_cmpint (newest_gait, ==, first_gait_rowid (f->store));
  g_assert_cmpint (newest_gait, !=, 0);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("DELETE FROM article_topics WHERE article = %" G_GINT64_FORMAT, newest_gait);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (first_gait_rowid (f->store), !=, newest_gait);
  g_assert_cmpint (first_gait_rowid (indexed), ==, newest_gait);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE library_state SET value = value + 1 WHERE key = 'articles_version'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (first_gait_rowid (indexed), ==, first_gait_rowid (f->store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  G_STMT_START { \
    g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown); \
    g_test_add ("/indexed" path, Fixture, "indexed", fixture_setup, func, fixture_teardown); \
  } G_STMT_END
  ADD ("/query/search/prefix", test_search_prefix);
  ADD ("/query/search/fields", test_search_fields);
  ADD ("/query/search/all-words", test_search_all_words);
  ADD ("/query/search/diacritics", test_search_diacritics);
  ADD ("/query/search/case", test_search_case);
  ADD ("/query/search/ranked", test_search_ranked);
  ADD ("/query/search/syntax", test_search_syntax);
  ADD ("/query/search/no-words", test_search_no_words);
  g_test_add_func ("/query/search/to-fts", test_search_to_fts);
  ADD ("/query/topics/filter", test_topics_filter);
  ADD ("/query/topics/case", test_topics_case);
  ADD ("/query/topics/unknown", test_topics_unknown);
  ADD ("/query/topics/add", test_topics_add);
  ADD ("/query/topics/counts", test_topics_counts);
  ADD ("/query/topics/counts-follow-search", test_topics_counts_follow_search);
  ADD ("/query/topics/counts-follow-topics", test_topics_counts_follow_topics);
  ADD ("/query/topics/counts-follow-saved", test_topics_counts_follow_saved);
  ADD ("/query/filter/saved", test_filter_saved);
  ADD ("/query/filter/unread", test_filter_unread);
  ADD ("/query/filter/combined", test_filter_combined);
  ADD ("/query/sort/newest", test_sort_newest);
  ADD ("/query/sort/credibility", test_sort_credibility);
  ADD ("/query/sort/interest", test_sort_interest);
  ADD ("/query/sort/title", test_sort_title);
  ADD ("/query/page/limit-offset", test_page_limit_offset);
  ADD ("/query/related/explicit-first", test_related_explicit_first);
  ADD ("/query/related/max", test_related_max);
  ADD ("/query/related/shared-topics", test_related_shared_topics);
  ADD ("/query/related/summaries", test_related_summaries);
  ADD ("/query/related/unknown", test_related_unknown);
  ADD ("/query/model/items", test_model_items);
  ADD ("/query/model/items-changed", test_model_items_changed);
  ADD ("/query/model/refresh-state", test_model_refresh_state);
  ADD ("/query/model/summary-and-article", test_model_summary_and_article);
#undef ADD
  g_test_add ("/query/index/random", Fixture, NULL, fixture_setup, test_index_random, fixture_teardown);
  g_test_add ("/query/index/version", Fixture, NULL, fixture_setup, test_index_version, fixture_teardown);

  return g_test_run ();
}
