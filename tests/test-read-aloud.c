/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading an article aloud, in the real window under Xvfb, with a fake
 * speech backend in place of speech-dispatcher: what is said and in what
 * order, the highlighted section, the buttons and their accessible labels,
 * pause, resume and stop, leaving the article, and a missing daemon.
 */
#include "config.h"

#include <adwaita.h>

#include "myelin-application.h"
#include "myelin-article-page.h"
#include "myelin-fake-speech-backend.h"
#include "myelin-test-util.h"
#include "myelin-window-test-util.h"
#include "myelin-window.h"

#define SAMPLE "io.github.myelinreader.sample"

static MyelinApplication *app;
static MyelinFakeSpeechBackend *fake;

/* --- Waiting and finding ------------------------------------------------- */

static MyelinArticlePage *
open_article (MyelinWindow *window,
              const char   *id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-article", "(ss)", SAMPLE, id));
  myelin_test_wait_for_page (window, "detail");
  return myelin_window_get_article_page (window);
}

static MyelinArticle *
get_article (const char *id)
{
  g_autoptr(MyelinStore) store = myelin_store_open (myelin_store_get_path (myelin_application_get_store (app)), NULL);
  MyelinArticle *article = myelin_store_get_article (store, SAMPLE, id, NULL);

  g_assert_nonnull (article);
  return article;
}

/* What the reading should say of a section: its heading, a blank line,
 * its text as the bundle has it. */
static char *
section_chunk (const char         *heading,
               MyelinArticle      *article,
               MyelinArticleField  field)
{
  return g_strconcat (heading, "\n\n", myelin_article_get_string (article, field), NULL);
}

static const char *
said (guint i)
{
  GPtrArray *texts = myelin_fake_speech_backend_get_said (fake);

  g_assert_cmpuint (i, <, texts->len);
  return g_ptr_array_index (texts, i);
}

static MyelinSpeaker *
speaker (void)
{
  return myelin_application_get_speaker (app);
}

static void
use_backend (MyelinFakeSpeechBackend *backend)
{
  myelin_speaker_set_backend (speaker (), MYELIN_SPEECH_BACKEND (backend));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The parts of the page carrying the highlight, by template name. */
static const char *parts[] = { "title_box", "takeaway_box", "found_box", "care_box", "considerations_box" };

static void
assert_highlighted (MyelinArticlePage *page,
                    const char        *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      gboolean has = gtk_widget_has_css_class (myelin_test_page_child (page, parts[i]), "myelin-reading");

      if (g_strcmp0 (parts[i], name) == 0)
        g_assert_true (has);
      else if (has)
        g_error ("%s is highlighted; only %s should be", parts[i], name != NULL ? name : "nothing");
    }
}

/* --- Tests --------------------------------------------------------------- */

static void
test_reads_in_order (void)
{
  MyelinWindow *window = myelin_test_open_window (1000, 700);
  g_autoptr(MyelinArticle) article = get_article ("exercise-and-walking");
  MyelinArticlePage *page;
  GtkWidget *read_button, *stop_button;
  g_autofree char *takeaway = section_chunk ("Key Takeaway", article, MYELIN_ARTICLE_KEY_TAKEAWAY);
  g_autofree char *found = section_chunk ("What They Found", article, MYELIN_ARTICLE_WHAT_THEY_FOUND);
  g_autofree char *care = section_chunk ("Who Should Care and Why", article, MYELIN_ARTICLE_WHO_SHOULD_CARE);
  g_autofree char *considerations = section_chunk ("Important Considerations", article,
                                                   MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS);
  const char *expected[] = { myelin_article_get_title (article), takeaway, found, care, considerations };

  myelin_fake_speech_backend_clear (fake);
  page = open_article (window, "exercise-and-walking");
  read_button = myelin_test_page_child (page, "read_aloud_button");
  stop_button = myelin_test_page_child (page, "stop_reading_button");

  g_assert_true (gtk_widget_get_mapped (read_button));
  g_assert_false (gtk_widget_get_visible (stop_button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (read_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Read Aloud");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (read_button), GTK_ACCESSIBLE_ROLE_BUTTON);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL));
  myelin_test_wait_idle (window);
  g_assert_cmpint (myelin_speaker_get_state (speaker ()), ==, MYELIN_SPEAKER_SPEAKING);
  g_assert_true (gtk_widget_get_mapped (stop_button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (read_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Pause Reading");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (stop_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Stop Reading");
  /* The bundle's language, so the voice fits the text. */
  g_assert_cmpstr (myelin_fake_speech_backend_get_language (fake), ==, "en");

  /* The daemon ends each chunk; the reading and the highlight move on. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpuint (myelin_fake_speech_backend_get_said (fake)->len, ==, i + 1);
      g_assert_cmpstr (said (i), ==, expected[i]);
      assert_highlighted (page, parts[i]);
      myelin_fake_speech_backend_emit (fake, MYELIN_SPEECH_EVENT_BEGIN);
      myelin_fake_speech_backend_emit (fake, MYELIN_SPEECH_EVENT_END);
      myelin_test_wait_idle (window);
    }

  /* After the last: idle, nothing highlighted, the button reads again. */
  g_assert_cmpint (myelin_speaker_get_state (speaker ()), ==, MYELIN_SPEAKER_IDLE);
  assert_highlighted (page, NULL);
  g_assert_false (gtk_widget_get_visible (stop_button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (read_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Read Aloud");
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (fake), ==, "say say say say say");
}

/* Reading aloud at once after opening, before the sections below the first
 * screen are shown, still reads them all. */
static void
test_reads_all_at_once (void)
{
  MyelinWindow *window = myelin_test_open_window (1000, 700);
  g_autoptr(MyelinArticle) article = get_article ("exercise-and-walking");
  MyelinArticlePage *page;
  g_autofree char *considerations = section_chunk ("Important Considerations", article,
                                                   MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS);
  guint n_said;

  /* Shown once, the page knows how much fits on its first screen. */
  page = open_article (window, "exercise-and-walking");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_wait_for_page (window, "browse");
  myelin_fake_speech_backend_clear (fake);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-article", "(ss)", SAMPLE,
                                             "exercise-and-walking"));
  g_assert_false (gtk_widget_get_visible (myelin_test_page_child (page, "considerations_box")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL));
  g_assert_cmpstr (said (0), ==, myelin_article_get_title (article));
  do
    {
      n_said = myelin_fake_speech_backend_get_said (fake)->len;
      myelin_fake_speech_backend_emit (fake, MYELIN_SPEECH_EVENT_BEGIN);
      myelin_fake_speech_backend_emit (fake, MYELIN_SPEECH_EVENT_END);
      myelin_test_wait_idle (window);
    }
  while (myelin_fake_speech_backend_get_said (fake)->len > n_said);
  g_assert_cmpuint (n_said, ==, 5);
  g_assert_cmpstr (said (4), ==, considerations);
}

/* The highlighted section is scrolled into view. */
static void
test_scrolls_to_section (void)
{
  MyelinWindow *window = myelin_test_open_window (1000, 700);
  MyelinArticlePage *page = open_article (window, "exercise-and-walking");
  GtkScrolledWindow *scroller = myelin_test_page_child (page, "scroller");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  GtkWidget *considerations = myelin_test_page_child (page, "considerations_box");
  graphene_rect_t bounds;

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  myelin_test_wait_idle (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL);
  for (guint i = 0; i < 4; i++)
    myelin_fake_speech_backend_emit (fake, MYELIN_SPEECH_EVENT_END);
  myelin_test_wait_idle (window);
  assert_highlighted (page, "considerations_box");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_true (gtk_widget_compute_bounds (considerations, GTK_WIDGET (scroller), &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y, <, gtk_adjustment_get_page_size (adjustment));

  gtk_widget_activate_action (GTK_WIDGET (page), "page.stop-reading", NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  myelin_test_wait_idle (window);
}

static void
test_pause_resume_stop (void)
{
  MyelinWindow *window = myelin_test_open_window (1000, 700);
  MyelinArticlePage *page = open_article (window, "exercise-and-walking");
  GtkWidget *read_button = myelin_test_page_child (page, "read_aloud_button");
  GtkWidget *stop_button = myelin_test_page_child (page, "stop_reading_button");

  myelin_fake_speech_backend_clear (fake);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL);
  myelin_fake_speech_backend_emit (fake, MYELIN_SPEECH_EVENT_END);

  /* The same action pauses, then resumes. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL);
  myelin_test_wait_idle (window);
  g_assert_cmpint (myelin_speaker_get_state (speaker ()), ==, MYELIN_SPEAKER_PAUSED);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (read_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Resume Reading");
  g_assert_true (gtk_widget_get_mapped (stop_button));
  assert_highlighted (page, "takeaway_box");

  gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL);
  myelin_test_wait_idle (window);
  g_assert_cmpint (myelin_speaker_get_state (speaker ()), ==, MYELIN_SPEAKER_SPEAKING);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (read_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Pause Reading");

  /* Stop, by its button. */
  g_signal_emit_by_name (stop_button, "clicked");
  myelin_test_wait_idle (window);
  g_assert_cmpint (myelin_speaker_get_state (speaker ()), ==, MYELIN_SPEAKER_IDLE);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (fake), ==, "say say pause resume cancel");
  g_assert_false (gtk_widget_get_visible (stop_button));
  assert_highlighted (page, NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (read_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "Read Aloud");
}

/* Back, another article, or closing the window: the reading stops. */
static void
test_leaving_stops (void)
{
  MyelinWindow *window = myelin_test_open_window (1000, 700);
  MyelinArticlePage *page = open_article (window, "exercise-and-walking");

  myelin_fake_speech_backend_clear (fake);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_wait_for_page (window, "browse");
  g_assert_cmpint (myelin_speaker_get_state (speaker ()), ==, MYELIN_SPEAKER_IDLE);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (fake), ==, "say cancel");
  assert_highlighted (page, NULL);

  page = open_article (window, "exercise-and-walking");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL);
  page = open_article (window, "vitamin-d-and-ms-risk");
  g_assert_cmpint (myelin_speaker_get_state (speaker ()), ==, MYELIN_SPEAKER_IDLE);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (fake), ==, "say cancel say cancel");
  g_assert_false (gtk_widget_get_visible (myelin_test_page_child (page, "stop_reading_button")));

  gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL);
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (myelin_speaker_get_state (speaker ()), ==, MYELIN_SPEAKER_IDLE);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (fake), ==, "say cancel say cancel say cancel");
}

/* A retracted study is read with its warning first; a missing section is
 * left out, not read as an empty heading. */
static void
test_retraction_and_missing_section (void)
{
  MyelinWindow *window = myelin_test_open_window (1000, 700);
  g_autoptr(MyelinArticle) retracted = get_article ("retracted-fatigue-supplement-study");
  g_autoptr(MyelinArticle) microbiome = get_article ("gut-microbiome");
  MyelinArticlePage *page = open_article (window, "retracted-fatigue-supplement-study");

  myelin_fake_speech_backend_clear (fake);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL);
  g_assert_true (g_str_has_prefix (said (0), "This Study Was Retracted\n\nRetracted on "));
  g_assert_true (gtk_widget_has_css_class (myelin_test_page_child (page, "retraction_banner"), "myelin-reading"));
  myelin_fake_speech_backend_emit (fake, MYELIN_SPEECH_EVENT_END);
  g_assert_cmpstr (said (1), ==, myelin_article_get_title (retracted));
  assert_highlighted (page, "title_box");
  g_assert_false (gtk_widget_has_css_class (myelin_test_page_child (page, "retraction_banner"), "myelin-reading"));

  page = open_article (window, "gut-microbiome");
  myelin_fake_speech_backend_clear (fake);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL);
  for (guint i = 0; i < 6; i++)
    myelin_fake_speech_backend_emit (fake, MYELIN_SPEECH_EVENT_END);
  g_assert_cmpuint (myelin_fake_speech_backend_get_said (fake)->len, ==, 4);
  g_assert_cmpstr (said (0), ==, myelin_article_get_title (microbiome));
  g_assert_true (g_str_has_prefix (said (1), "Key Takeaway\n\n"));
  g_assert_true (g_str_has_prefix (said (2), "What They Found\n\n"));
  g_assert_true (g_str_has_prefix (said (3), "Important Considerations\n\n"));
  g_assert_cmpint (myelin_speaker_get_state (speaker ()), ==, MYELIN_SPEAKER_IDLE);
}

/* Every mapped widget under @root, as type and text, in tree order. */
static void
describe (GtkWidget *widget,
          GString   *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  g_string_append_printf (out, "%s", G_OBJECT_TYPE_NAME (widget));
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, " “%s”", gtk_label_get_text (GTK_LABEL (widget)));
  g_string_append_c (out, '\n');
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    describe (c, out);
}

static char *
describe_page (MyelinArticlePage *page)
{
  GString *out = g_string_new (NULL);

  describe (GTK_WIDGET (page), out);
  return g_string_free (out, FALSE);
}

/* No speech-dispatcher: no button, no shortcut, and nothing else changes. */
static void
test_unavailable_hidden (void)
{
  g_autoptr(MyelinFakeSpeechBackend) none = myelin_fake_speech_backend_new (FALSE);
  MyelinWindow *window = myelin_test_open_window (1000, 700);
  MyelinArticlePage *page = open_article (window, "exercise-and-walking");
  g_autofree char *with_speech = describe_page (page);
  g_autofree char *without_speech = NULL;
  g_auto(GStrv) lines_with = NULL;
  g_auto(GStrv) lines_without = NULL;
  g_autoptr(GString) only_with = g_string_new (NULL);
  guint i = 0, j = 0;

  g_assert_true (gtk_widget_get_mapped (myelin_test_page_child (page, "read_aloud_button")));
  use_backend (none);
  myelin_test_wait_idle (window);
  g_assert_false (myelin_speaker_get_available (speaker ()));
  g_assert_false (gtk_widget_get_visible (myelin_test_page_child (page, "read_aloud_button")));
  g_assert_false (gtk_widget_get_visible (myelin_test_page_child (page, "stop_reading_button")));

  /* The action is off too: the shortcut does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.read-aloud", NULL);
  g_assert_cmpint (myelin_speaker_get_state (speaker ()), ==, MYELIN_SPEAKER_IDLE);

  /* The same page, less the one header button (a button and its icon). */
  page = open_article (window, "exercise-and-walking");
  without_speech = describe_page (page);
  lines_with = g_strsplit (with_speech, "\n", -1);
  lines_without = g_strsplit (without_speech, "\n", -1);
  while (lines_with[i] != NULL)
    {
      if (lines_without[j] != NULL && g_str_equal (lines_with[i], lines_without[j]))
        j++;
      else
        g_string_append_printf (only_with, "%s\n", lines_with[i]);
      i++;
    }
  g_assert_null (lines_without[j]);
  g_assert_cmpstr (only_with->str, ==, "GtkButton\nGtkImage\n");

  use_backend (fake);
  g_assert_true (gtk_widget_get_visible (myelin_test_page_child (page, "read_aloud_button")));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  home = myelin_test_mkdtemp ();
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);

  app = myelin_test_application_new ();
  /* In place of speech-dispatcher, before any window exists. */
  fake = myelin_fake_speech_backend_new (TRUE);
  use_backend (fake);
  g_assert_true (myelin_speaker_get_available (speaker ()));

  g_test_add_func ("/read-aloud/reads-in-order", test_reads_in_order);
  g_test_add_func ("/read-aloud/reads-all-at-once", test_reads_all_at_once);
  g_test_add_func ("/read-aloud/scrolls-to-section", test_scrolls_to_section);
  g_test_add_func ("/read-aloud/pause-resume-stop", test_pause_resume_stop);
  g_test_add_func ("/read-aloud/leaving-stops", test_leaving_stops);
  g_test_add_func ("/read-aloud/retraction-and-missing-section", test_retraction_and_missing_section);
  g_test_add_func ("/read-aloud/unavailable-hidden", test_unavailable_hidden);

  status = g_test_run ();
  g_object_unref (app);
  g_object_unref (fake);
  myelin_test_rmdir (home);
  return status;
}
