/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader window, for real, under Xvfb: first run, search, topic filter
 * and chips, sort, opening an article, related navigation and back, the
 * empty and no-result states, a refused import, accessible roles and names;
 * saving, the Saved and New views, notes and the text size.
 *
 * With MYELIN_SCREENSHOT_DIR set, /window/screenshots also writes the
 * screenshots the README and the AppStream metadata use.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "myelin-application.h"
#include "myelin-article-card.h"
#include "myelin-article-page.h"
#include "myelin-card-grid.h"
#include "myelin-library-window.h"
#include "myelin-test-util.h"
#include "myelin-window-test-util.h"
#include "myelin-window.h"

#define SAMPLE_ARTICLES 26
#define SAMPLE_ID "io.github.myelinreader.sample"

static MyelinApplication *app;

/* --- Waiting and finding ------------------------------------------------- */

static guint
n_articles (MyelinWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (myelin_window_get_article_list (window)));
}

static char *
article_title (MyelinWindow *window,
               guint         position)
{
  g_autoptr(MyelinArticle) article = g_list_model_get_item (G_LIST_MODEL (myelin_window_get_article_list (window)), position);

  return g_strdup (myelin_article_get_title (article));
}

/* The expected result, asked of the library directly. */
static guint
expected_count (MyelinQuery *query)
{
  g_autoptr(MyelinStore) store = myelin_test_open_library ();

  return myelin_store_count_articles (store, query, NULL);
}

static const char *
visible_page (MyelinWindow *window)
{
  return gtk_stack_get_visible_child_name (myelin_test_window_child (window, "content_stack"));
}

/* A status page gets its icon when it is shown (not before: see
 * show_content_page()). */
static const char *
visible_status_icon (MyelinWindow *window)
{
  GtkWidget *page = gtk_stack_get_visible_child (myelin_test_window_child (window, "content_stack"));

  g_assert_true (ADW_IS_STATUS_PAGE (page));
  return adw_status_page_get_icon_name (ADW_STATUS_PAGE (page));
}

static void resize          (MyelinWindow *window,
                             int           width,
                             int           height);
static void save_screenshot (GtkWidget    *widget,
                             const char   *path);

/* --- The window under test ----------------------------------------------- */

/* Back to the start: the grid, no search, no topic, newest first. */
static MyelinWindow *
fresh_window (void)
{
  MyelinWindow *window = myelin_test_open_window (1280, 800);

  g_settings_set_string (myelin_application_get_settings (app), "sort", "newest");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "all");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  myelin_test_wait_for_page (window, "browse");
  return window;
}

static void
test_first_run (void)
{
  MyelinWindow *window = myelin_test_open_window (1280, 800);

  /* The sample bundle arrived by itself, with no dialog. */
  g_assert_cmpuint (n_articles (window), ==, SAMPLE_ARTICLES);
  g_assert_cmpstr (visible_page (window), ==, "grid");
  g_assert_cmpstr (gtk_label_get_text (myelin_test_window_child (window, "result_label")), ==, "26 articles");
  g_assert_true (g_settings_get_boolean (myelin_application_get_settings (app), "sample-imported"));
}

static void
test_search_narrows (void)
{
  MyelinWindow *window = fresh_window ();
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autofree char *label = NULL;
  guint expected;

  myelin_query_set_search (query, "fatig");
  expected = expected_count (query);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, SAMPLE_ARTICLES);

  gtk_editable_set_text (myelin_test_window_child (window, "search_entry"), "fatig");
  myelin_test_spin (300);  /* the entry's search delay */
  myelin_test_wait_idle (window);

  g_assert_cmpuint (n_articles (window), ==, expected);
  label = g_strdup_printf ("%u articles match", expected);
  g_assert_cmpstr (gtk_label_get_text (myelin_test_window_child (window, "result_label")), ==, label);
}

static void
test_topic_filter_and_chip (void)
{
  MyelinWindow *window = fresh_window ();
  g_autoptr(MyelinQuery) query = myelin_query_new ();
  g_autoptr(GPtrArray) chips = NULL;
  GtkCheckButton *fatigue = myelin_test_find_topic (window, "Fatigue");

  g_assert_nonnull (fatigue);
  myelin_query_add_topic (query, "Fatigue");

  gtk_check_button_set_active (fatigue, TRUE);
  myelin_test_wait_idle (window);
  myelin_test_spin (400);  /* the chips' revealer */
  g_assert_cmpuint (n_articles (window), ==, expected_count (query));
  g_assert_cmpuint (n_articles (window), <, SAMPLE_ARTICLES);

  /* The active filter shows as a removable chip. */
  g_assert_true (gtk_revealer_get_reveal_child (myelin_test_window_child (window, "chips_revealer")));
  chips = myelin_test_find_all (myelin_test_window_child (window, "chips_box"), GTK_TYPE_BUTTON);
  g_assert_cmpuint (chips->len, ==, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (chips, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Remove filter “Fatigue”");

  /* A second topic narrows further: all must match. */
  myelin_query_add_topic (query, "Symptom management");
  gtk_check_button_set_active (myelin_test_find_topic (window, "Symptom management"), TRUE);
  myelin_test_wait_idle (window);
  g_assert_cmpuint (n_articles (window), ==, expected_count (query));

  /* Removing the "Fatigue" chip leaves the other filter. */
  g_clear_pointer (&chips, g_ptr_array_unref);
  chips = myelin_test_find_all (myelin_test_window_child (window, "chips_box"), GTK_TYPE_BUTTON);
  g_assert_cmpuint (chips->len, ==, 2);
  /* The click removes the chips at once when the answer is quick: look no
   * further. */
  for (guint i = 0; i < chips->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (chips, i)), "Remove filter “Fatigue”") == 0)
      {
        g_signal_emit_by_name (g_ptr_array_index (chips, i), "clicked");
        break;
      }
  myelin_test_wait_idle (window);
  myelin_query_set_topics (query, (const char *[]) { "Symptom management", NULL });
  g_assert_cmpuint (n_articles (window), ==, expected_count (query));
  g_assert_false (gtk_check_button_get_active (myelin_test_find_topic (window, "Fatigue")));
  g_assert_true (gtk_check_button_get_active (myelin_test_find_topic (window, "Symptom management")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  myelin_test_wait_idle (window);
  g_assert_cmpuint (n_articles (window), ==, SAMPLE_ARTICLES);
  g_assert_false (gtk_check_button_get_active (myelin_test_find_topic (window, "Fatigue")));
}

static void
test_sort_order (void)
{
  MyelinWindow *window = fresh_window ();
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  const char *orders[] = { "title", "credibility", "interest", "newest" };
  MyelinSort sorts[] = { MYELIN_SORT_TITLE, MYELIN_SORT_CREDIBILITY, MYELIN_SORT_INTEREST, MYELIN_SORT_NEWEST };

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autoptr(MyelinQuery) query = myelin_query_new ();
      g_autoptr(GPtrArray) expected = NULL;

      myelin_query_set_sort (query, sorts[i]);
      expected = myelin_store_list_articles (store, query, NULL);
      g_action_group_activate_action (G_ACTION_GROUP (window), "sort", g_variant_new_string (orders[i]));
      myelin_test_wait_idle (window);

      for (guint j = 0; j < expected->len; j++)
        {
          g_autofree char *title = article_title (window, j);
          g_assert_cmpstr (title, ==, myelin_article_get_title (g_ptr_array_index (expected, j)));
        }
    }
}

static void
open_article_of (MyelinWindow *window,
                 const char   *bundle_id,
                 const char   *id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-article", "(ss)", bundle_id, id));
  myelin_test_wait_for_page (window, "detail");
}

static void
open_article (MyelinWindow *window,
              const char   *id)
{
  open_article_of (window, SAMPLE_ID, id);
}

static void
test_open_article_sections (void)
{
  MyelinWindow *window = fresh_window ();
  MyelinArticlePage *page = myelin_window_get_article_page (window);
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  g_autoptr(MyelinArticle) article = myelin_store_get_article (store, "io.github.myelinreader.sample", "exercise-and-walking", NULL);
  const MyelinArticleField sections[] = {
    MYELIN_ARTICLE_KEY_TAKEAWAY, MYELIN_ARTICLE_WHAT_THEY_FOUND,
    MYELIN_ARTICLE_WHO_SHOULD_CARE, MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS,
  };
  const char *headings[] = { "Key Takeaway", "What They Found", "Who Should Care and Why", "Important Considerations" };
  int last_y = -1;

  open_article (window, "exercise-and-walking");
  g_assert_nonnull (myelin_test_find_label (GTK_WIDGET (page), myelin_article_get_title (article)));

  /* Every section, its heading, in this order, paragraph by paragraph. */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_auto(GStrv) paragraphs = g_strsplit (myelin_article_get_string (article, sections[i]), "\n\n", -1);
      GtkWidget *heading = myelin_test_find_label (GTK_WIDGET (page), headings[i]);
      graphene_point_t point;

      g_assert_nonnull (heading);
      g_assert_true (gtk_widget_compute_point (heading, GTK_WIDGET (page), &GRAPHENE_POINT_INIT (0, 0), &point));
      g_assert_cmpint ((int) point.y, >, last_y);
      last_y = (int) point.y;
      for (guint p = 0; paragraphs[p] != NULL; p++)
        g_assert_nonnull (myelin_test_find_label (GTK_WIDGET (page), paragraphs[p]));
    }

  /* Opening marks it read. */
  g_clear_object (&article);
  article = myelin_store_get_article (store, "io.github.myelinreader.sample", "exercise-and-walking", NULL);
  g_assert_true (myelin_article_get_boolean (article, MYELIN_ARTICLE_READ));
}

/* What the article page held when its first frame was painted. */
typedef struct
{
  MyelinArticlePage *page;
  gboolean           painted;
  gboolean           details_shown;
  int                next;    /* where a part after the last shown would be */
  int                view;    /* the scroller's height */
} FirstFrame;

static void
on_first_frame_painted (GdkFrameClock *clock,
                        FirstFrame    *first)
{
  GtkWidget *content = myelin_test_page_child (first->page, "content");
  GtkWidget *scroller = myelin_test_page_child (first->page, "scroller");
  GtkWidget *last = NULL;
  graphene_rect_t bounds;

  g_signal_handlers_disconnect_by_data (clock, first);
  for (GtkWidget *child = gtk_widget_get_first_child (content); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      last = child;
  g_assert_true (gtk_widget_compute_bounds (last, scroller, &bounds));
  first->next = (int) (bounds.origin.y + bounds.size.height) + gtk_box_get_spacing (GTK_BOX (content));
  first->view = gtk_widget_get_height (scroller);
  first->details_shown = gtk_widget_get_visible (myelin_test_page_child (first->page, "details_group"));
  first->painted = TRUE;
}

/* Opens @id and runs the main loop until its first frame is painted. */
static void
open_article_first_frame (MyelinWindow *window,
                          const char   *id,
                          FirstFrame   *first)
{
  first->page = myelin_window_get_article_page (window);
  first->painted = FALSE;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_first_frame_painted), first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-article", "(ss)", SAMPLE_ID, id));
  g_assert_true (myelin_window_get_busy (window));
  while (!first->painted)
    g_main_context_iteration (NULL, TRUE);
}

/* An article's first frame (the leaflet starts to slide it in) shows its
 * first screen whole; the parts below are filled once it is painted. */
static void
test_open_article_first_screen (void)
{
  MyelinWindow *window = fresh_window ();
  FirstFrame first = { NULL, };
  int view;

  /* Shown once at this size: it goes by the sizes it had then. */
  open_article (window, "exercise-and-walking");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_wait_for_page (window, "browse");

  open_article_first_frame (window, "retracted-fatigue-supplement-study", &first);
  g_assert_false (first.details_shown);
  g_assert_cmpint (first.next, >=, first.view);
  myelin_test_wait_for_page (window, "detail");
  g_assert_true (gtk_widget_get_visible (myelin_test_page_child (first.page, "details_group")));
  g_assert_nonnull (myelin_test_find_label (GTK_WIDGET (first.page), "Important Considerations"));
  view = first.view;

  /* A window made taller meanwhile: it goes by the window's size. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_wait_for_page (window, "browse");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1200);
  myelin_test_wait_idle (window);
  open_article_first_frame (window, "exercise-and-walking", &first);
  g_assert_cmpint (first.view, >, view + 100);
  g_assert_cmpint (first.next, >=, first.view);
  myelin_test_wait_for_page (window, "detail");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
}

static void
test_related_and_back (void)
{
  MyelinWindow *window = fresh_window ();
  MyelinArticlePage *page = myelin_window_get_article_page (window);
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  g_autoptr(GPtrArray) related = myelin_store_list_related (store, "io.github.myelinreader.sample",
                                                            "retracted-fatigue-supplement-study", 6, NULL);
  MyelinArticle *first;

  g_assert_cmpuint (related->len, >, 0);
  first = g_ptr_array_index (related, 0);

  gtk_editable_set_text (myelin_test_window_child (window, "search_entry"), "fatigue");
  myelin_test_spin (300);
  myelin_test_wait_idle (window);
  open_article (window, "retracted-fatigue-supplement-study");
  open_article (window, myelin_article_get_id (first));
  g_assert_cmpstr (myelin_article_get_id (myelin_article_page_get_article (page)), ==, myelin_article_get_id (first));

  /* Back keeps the search that was there. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_wait_for_page (window, "browse");
  g_assert_cmpstr (gtk_editable_get_text (myelin_test_window_child (window, "search_entry")), ==, "fatigue");
}

/* Back on the grid, it is scrolled where it was. */
static void
test_back_keeps_scroll (void)
{
  MyelinWindow *window = fresh_window ();
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (myelin_test_window_child (window, "grid_scroller"));
  double position;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 600);
  myelin_test_wait_idle (window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  myelin_test_wait_idle (window);
  position = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (position, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (myelin_test_window_child (window, "grid")), "list.activate-item", "u", 9));
  myelin_test_wait_for_page (window, "detail");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_wait_for_page (window, "browse");
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment), position, 150);
}

static void
test_show_topic_from_article (void)
{
  MyelinWindow *window = fresh_window ();
  g_autoptr(MyelinQuery) query = myelin_query_new ();

  open_article (window, "exercise-and-walking");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-topic", "s", "Exercise");
  myelin_test_wait_for_page (window, "browse");
  myelin_query_add_topic (query, "Exercise");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (myelin_test_window_child (window, "leaflet")), ==, "browse");
  g_assert_cmpuint (n_articles (window), ==, expected_count (query));
  g_assert_true (gtk_check_button_get_active (myelin_test_find_topic (window, "Exercise")));
}

static void
test_no_results (void)
{
  MyelinWindow *window = fresh_window ();

  gtk_editable_set_text (myelin_test_window_child (window, "search_entry"), "zzqxv nothing matches this");
  myelin_test_spin (300);
  myelin_test_wait_idle (window);
  g_assert_cmpuint (n_articles (window), ==, 0);
  g_assert_cmpstr (visible_page (window), ==, "no-results");
  g_assert_cmpstr (visible_status_icon (window), ==, "edit-find-symbolic");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  myelin_test_wait_idle (window);
  g_assert_cmpstr (visible_page (window), ==, "grid");
  g_assert_cmpuint (n_articles (window), ==, SAMPLE_ARTICLES);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_import_refused (void)
{
  MyelinWindow *window = fresh_window ();
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autoptr(GFile) file = myelin_test_write_file (dir, "broken.json", "{\"format\": \"myelin-bundle\",\n  \"format_version\": 1,,\n}");
  AdwMessageDialog *dialog;

  myelin_window_import_file (window, file);
  myelin_test_wait_idle (window);

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "“broken.json” Was Not Imported");
  /* It says where: line 2, column 23 (the second comma). */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2:23"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (n_articles (window), ==, SAMPLE_ARTICLES);
  myelin_test_rmdir (dir);
}

static void
test_accessible (void)
{
  MyelinWindow *window = fresh_window ();
  g_autoptr(GPtrArray) cards = myelin_test_find_all (myelin_test_window_child (window, "grid"), MYELIN_TYPE_ARTICLE_CARD);
  g_autoptr(GPtrArray) bars = NULL;
  MyelinArticle *article;
  g_autofree char *credibility = NULL;

  g_assert_cmpuint (cards->len, >, 0);
  article = myelin_article_card_get_article (g_ptr_array_index (cards, 0));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (g_ptr_array_index (cards, 0)), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (cards, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, myelin_article_get_title (article));

  /* The meters say their value in words. */
  bars = myelin_test_find_all (g_ptr_array_index (cards, 0), GTK_TYPE_LEVEL_BAR);
  g_assert_cmpuint (bars->len, ==, 2);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (g_ptr_array_index (bars, 0)), GTK_ACCESSIBLE_ROLE_METER);
  credibility = g_strdup_printf ("Credibility %d of 5", (int) myelin_article_get_credibility (article));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (bars, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, credibility);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (myelin_test_window_child (window, "search_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Search");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (myelin_test_window_child (window, "sort_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Sort Articles");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (myelin_test_find_topic (window, "Fatigue")), GTK_ACCESSIBLE_ROLE_CHECKBOX);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (myelin_test_window_child (window, "result_label")), GTK_ACCESSIBLE_ROLE_STATUS);
}

/* Markup in a bundle is shown as text, never parsed. */
static void
test_markup_literal (void)
{
  MyelinWindow *window = fresh_window ();
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *article = myelin_test_article ("markup", "\"title\": \"<b>Bold</b> &amp; <i>claims</i>\"");
  g_autofree char *json = myelin_test_bundle ("org.example.markup", 1, article);
  g_autoptr(GFile) file = myelin_test_write_file (dir, "markup.json", json);
  g_autoptr(GPtrArray) cards = NULL;

  myelin_window_import_file (window, file);
  myelin_test_wait_idle (window);
  gtk_editable_set_text (myelin_test_window_child (window, "search_entry"), "claims");
  myelin_test_spin (300);
  myelin_test_wait_idle (window);
  g_assert_cmpuint (n_articles (window), ==, 1);
  g_assert_nonnull (myelin_test_find_label (myelin_test_window_child (window, "grid"), "<b>Bold</b> &amp; <i>claims</i>"));

  open_article_of (window, "org.example.markup", "markup");
  g_assert_nonnull (myelin_test_find_label (GTK_WIDGET (myelin_window_get_article_page (window)), "<b>Bold</b> &amp; <i>claims</i>"));
  myelin_test_rmdir (dir);
}

/* Like `myelinctl import` while the app is open: another connection writes,
 * and the grid shows it without a restart. */
static void
test_external_import (void)
{
  MyelinWindow *window = fresh_window ();
  g_autoptr(MyelinStore) other = myelin_test_open_library ();
  g_autoptr(MyelinQuery) everything = myelin_query_new ();
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *one = myelin_test_article ("outside-one", NULL);
  g_autofree char *two = myelin_test_article ("outside-two", NULL);
  g_autofree char *articles = g_strjoin (",", one, two, NULL);
  g_autofree char *json = myelin_test_bundle ("org.example.outside", 1, articles);
  g_autoptr(MyelinImportReport) report = NULL;
  guint expected;
  gint64 deadline;

  report = myelin_test_import_text (other, dir, json, MYELIN_IMPORT_FLAGS_NONE);
  g_assert_cmpint (myelin_import_report_get_status (report), ==, MYELIN_IMPORT_STATUS_ADDED);
  /* What the library holds now, whatever else ran before. */
  expected = myelin_store_count_articles (other, everything, NULL);

  /* The window polls every two seconds; a loaded CI machine may need
   * several polls before the query thread runs. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (n_articles (window) != expected && g_get_monotonic_time () < deadline)
    {
      myelin_test_spin (100);
      myelin_test_wait_idle (window);
    }
  g_assert_cmpuint (n_articles (window), ==, expected);
  myelin_test_rmdir (dir);
}

/* --- Saved, New, notes, text size ----------------------------------------- */


static MyelinArticleCard *
find_card (MyelinWindow *window,
           const char   *article_id)
{
  g_autoptr(GPtrArray) cards = myelin_test_find_all (myelin_test_window_child (window, "grid"), MYELIN_TYPE_ARTICLE_CARD);

  for (guint i = 0; i < cards->len; i++)
    {
      MyelinArticle *article = myelin_article_card_get_article (g_ptr_array_index (cards, i));

      if (article != NULL && g_strcmp0 (myelin_article_get_id (article), article_id) == 0)
        return g_ptr_array_index (cards, i);
    }
  return NULL;
}

static gboolean
is_saved (const char *bundle_id,
          const char *article_id)
{
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  g_autoptr(MyelinArticle) article = myelin_store_get_article (store, bundle_id, article_id, NULL);

  g_assert_nonnull (article);
  return myelin_article_get_boolean (article, MYELIN_ARTICLE_SAVED);
}

static void
test_save_toggle (void)
{
  MyelinWindow *window = fresh_window ();
  MyelinArticlePage *page = myelin_window_get_article_page (window);
  g_autoptr(MyelinArticle) first = g_list_model_get_item (G_LIST_MODEL (myelin_window_get_article_list (window)), 0);
  g_autofree char *id = g_strdup (myelin_article_get_id (first));
  MyelinArticleCard *card = find_card (window, id);

  g_assert_nonnull (card);
  g_assert_false (is_saved (SAMPLE_ID, id));
  g_assert_null (myelin_test_find_label (GTK_WIDGET (card), "Saved"));

  /* The card's star: saved in the library, and the badge shows at once. */
  gtk_widget_activate_action (GTK_WIDGET (card), "win.toggle-saved", "(ss)", SAMPLE_ID, id);
  myelin_test_wait_idle (window);
  g_assert_true (is_saved (SAMPLE_ID, id));
  g_assert_nonnull (myelin_test_find_label (GTK_WIDGET (find_card (window, id)), "Saved"));
  g_assert_cmpstr (gtk_label_get_text (myelin_test_window_child (window, "saved_count_label")), ==, "1");

  /* On the article, the toggle shows it saved; Ctrl+D's action unsaves. */
  open_article (window, id);
  g_assert_true (myelin_article_page_get_saved (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.saved", NULL);
  g_assert_false (myelin_article_page_get_saved (page));
  g_assert_false (is_saved (SAMPLE_ID, id));
  gtk_widget_activate_action (GTK_WIDGET (page), "page.saved", NULL);
  g_assert_true (is_saved (SAMPLE_ID, id));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_wait_for_page (window, "browse");
  g_assert_nonnull (myelin_test_find_label (GTK_WIDGET (find_card (window, id)), "Saved"));
}

static void
test_saved_view (void)
{
  MyelinWindow *window = fresh_window ();
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *article = myelin_test_article ("leaving", "\"title\": \"An article that leaves\"");
  g_autofree char *json = myelin_test_bundle ("org.example.leaving", 1, article);
  g_autoptr(MyelinImportReport) report = NULL;
  g_autoptr(MyelinQuery) saved_only = myelin_query_new ();
  GtkWidget *gone;
  GtkWidget *row;

  /* Saved, then its bundle removed: it stays in the Saved view. */
  report = myelin_test_import_text (store, dir, json, MYELIN_IMPORT_FLAGS_NONE);
  g_assert_true (myelin_store_set_saved (store, "org.example.leaving", "leaving", TRUE, NULL));
  g_assert_true (myelin_store_remove_bundle (store, "org.example.leaving", NULL));
  g_assert_true (myelin_store_set_saved (store, SAMPLE_ID, "exercise-and-walking", TRUE, NULL));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "saved");
  myelin_test_wait_idle (window);
  myelin_query_set_saved_only (saved_only, TRUE);
  g_assert_cmpuint (n_articles (window), ==, expected_count (saved_only));
  g_assert_cmpuint (n_articles (window), >=, 1);
  g_assert_nonnull (find_card (window, "exercise-and-walking"));
  g_assert_true (gtk_widget_get_visible (myelin_test_window_child (window, "saved_extras")));
  g_assert_nonnull (myelin_test_find_label (myelin_test_window_child (window, "saved_list"), "An article that leaves"));
  gone = myelin_test_find_label (myelin_test_window_child (window, "saved_list"), "No longer in your library");
  g_assert_nonnull (gone);

  /* Its Unsave button takes it off the list. */
  row = gtk_widget_get_ancestor (gone, ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.unsave", "(ss)", "org.example.leaving", "leaving");
  myelin_test_wait_idle (window);
  g_assert_null (myelin_test_find_label (myelin_test_window_child (window, "saved_list"), "No longer in your library"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "all");
  myelin_test_wait_idle (window);
  g_clear_object (&saved_only);
  saved_only = myelin_query_new ();
  g_assert_cmpuint (n_articles (window), ==, expected_count (saved_only));
  myelin_test_rmdir (dir);
}

static void
test_new_view (void)
{
  MyelinWindow *window = fresh_window ();
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *since = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *first = NULL, *second = NULL, *articles = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MyelinArticle) article = NULL;

  /* The visit before this one was now: only what comes next is new. */
  myelin_window_set_last_visit (window, since);
  myelin_test_wait_idle (window);
  g_assert_cmpstr (gtk_label_get_text (myelin_test_window_child (window, "new_count_label")), ==, "0");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "new");
  myelin_test_wait_idle (window);
  g_assert_cmpuint (n_articles (window), ==, 0);
  g_assert_cmpstr (visible_page (window), ==, "no-new");

  myelin_test_spin (20);
  first = myelin_test_article ("fresh-one", NULL);
  second = myelin_test_article ("fresh-two", NULL);
  articles = g_strjoin (",", first, second, NULL);
  json = myelin_test_bundle ("org.example.fresh", 1, articles);
  file = myelin_test_write_file (dir, "fresh.json", json);
  myelin_window_import_file (window, file);
  myelin_test_wait_idle (window);

  g_assert_cmpuint (n_articles (window), ==, 2);
  g_assert_cmpstr (gtk_label_get_text (myelin_test_window_child (window, "new_count_label")), ==, "2");
  g_assert_cmpstr (gtk_label_get_text (myelin_test_window_child (window, "new_label")), ==, "2 articles added since your last visit");
  g_assert_true (gtk_widget_get_visible (myelin_test_window_child (window, "new_bar")));
  g_assert_nonnull (myelin_test_find_label (myelin_test_window_child (window, "grid"), "Unread"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-all-read", NULL);
  myelin_test_wait_idle (window);
  article = myelin_store_get_article (store, "org.example.fresh", "fresh-one", NULL);
  g_assert_true (myelin_article_get_boolean (article, MYELIN_ARTICLE_READ));
  g_assert_null (myelin_test_find_label (myelin_test_window_child (window, "grid"), "Unread"));

  g_assert_true (myelin_store_remove_bundle (store, "org.example.fresh", NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "all");
  myelin_test_wait_idle (window);
  myelin_test_rmdir (dir);
}

static int
natural_height (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  return natural;
}

static void
test_text_size (void)
{
  MyelinWindow *window = fresh_window ();
  GSettings *settings = myelin_application_get_settings (app);
  GtkWidget *label = myelin_test_window_child (window, "result_label");
  GtkWidget *heading = myelin_test_window_child (window, "topics_heading");
  int label_height, heading_height;

  g_settings_set_double (settings, "text-scale", 1.0);
  myelin_test_wait_idle (window);
  label_height = natural_height (label);
  heading_height = natural_height (heading);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.text-larger", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.1, 0.0001);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.text-larger", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.25, 0.0001);

  /* Larger text: plain labels and libadwaita's type classes alike. */
  for (guint i = 0; i < 20; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.text-larger", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 2.5, 0.0001);
  myelin_test_wait_idle (window);
  g_assert_cmpint (natural_height (label), >, label_height * 3 / 2);
  g_assert_cmpint (natural_height (heading), >, heading_height * 3 / 2);

  for (guint i = 0; i < 20; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.text-smaller", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 0.8, 0.0001);
  myelin_test_wait_idle (window);
  g_assert_cmpint (natural_height (label), <, label_height);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.text-reset", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.0, 0.0001);
  myelin_test_wait_idle (window);
  g_assert_cmpint (natural_height (label), ==, label_height);
}

static void
test_note_saved (void)
{
  MyelinWindow *window = fresh_window ();
  MyelinArticlePage *page = myelin_window_get_article_page (window);
  GtkTextView *view = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page), MYELIN_TYPE_ARTICLE_PAGE, "note_view"));
  GtkWidget *placeholder = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), MYELIN_TYPE_ARTICLE_PAGE, "note_placeholder"));
  const char *note = "Ask the neurologist about this\nat the June appointment";
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  g_autoptr(MyelinArticle) article = NULL;
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  open_article (window, "exercise-and-walking");
  g_assert_true (gtk_widget_get_visible (placeholder));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), note, -1);
  g_assert_false (gtk_widget_get_visible (placeholder));
  myelin_test_spin (800);  /* saved as typed, after a short pause */
  article = myelin_store_get_article (store, SAMPLE_ID, "exercise-and-walking", NULL);
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_NOTE), ==, note);

  /* Shown again after another article. */
  open_article (window, "retracted-fatigue-supplement-study");
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  g_assert_true (gtk_text_iter_equal (&start, &end));
  open_article (window, "exercise-and-walking");
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  shown = gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, note);

  /* Typed and left at once: written on the way back, not lost. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Changed my mind", -1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_wait_for_page (window, "browse");
  g_clear_object (&article);
  article = myelin_store_get_article (store, SAMPLE_ID, "exercise-and-walking", NULL);
  g_assert_cmpstr (myelin_article_get_string (article, MYELIN_ARTICLE_NOTE), ==, "Changed my mind");

  /* The Saved view lists it with the note's first line. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "saved");
  myelin_test_wait_idle (window);
  g_assert_nonnull (myelin_test_find_label (myelin_test_window_child (window, "saved_list"), "Note: Changed my mind"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "all");
  myelin_test_wait_idle (window);
}

/* At 200% text and 360 px wide, everything still fits: the window's
 * minimum width (what its content cannot shrink below) stays within 360. */
static int
minimum_width (MyelinWindow *window)
{
  int minimum, natural;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return minimum;
}

static void
test_large_text_narrow (void)
{
  MyelinWindow *window = fresh_window ();
  GtkSettings *settings = gtk_settings_get_default ();
  const char *dir = g_getenv ("MYELIN_SCREENSHOT_DIR");
  int dpi;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 2 * 96 * 1024, NULL);
  resize (window, 360, 800);
  g_assert_cmpint (minimum_width (window), <=, 360);
  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "large-text-grid.png", NULL);
      save_screenshot (GTK_WIDGET (window), path);
    }

  /* The longest article, with every section and the related cards. */
  open_article (window, "retracted-fatigue-supplement-study");
  g_assert_cmpint (minimum_width (window), <=, 360);
  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, "large-text-detail.png", NULL);
      save_screenshot (GTK_WIDGET (window), path);
    }

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  resize (window, 1280, 800);
}

/* --- Screenshots --------------------------------------------------------- */

static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  gtk_test_widget_wait_for_draw (widget);
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Without a window manager a mapped window may not follow a new default
 * size at once: map it again at the size wanted. */
static void
resize (MyelinWindow *window,
        int           width,
        int           height)
{
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  myelin_test_spin (800);
  myelin_test_wait_idle (window);
  /* A fold of the flap or leaflet settles over a few frames. */
  for (guint i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

/* Hostile content in the window (the core's side is tests/test-hostile.c):
 * right-to-left text with an override left open and stacked combining
 * marks, a 300-letter word, and 32 topics of 64 characters. All of it is
 * shown literally, and none of it widens the window past a phone's width. */
static char *
hostile_topics_json (void)
{
  GString *out = g_string_new ("\"topics\": [");

  for (guint i = 0; i < 32; i++)
    {
      g_autofree char *tail = g_strnfill (61, 'x');

      g_string_append_printf (out, "%s\"%02u-%s\"", i > 0 ? ", " : "", i, tail);
    }
  g_string_append (out, "]");
  return g_string_free (out, FALSE);
}


static void
test_hostile_content (void)
{
  const char *bidi = "שלום \u202Eevil.exe\u202C مرحبا Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032D\u0308\u0307";
  MyelinWindow *window = fresh_window ();
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *word = g_strnfill (300, 'w');
  g_autofree char *topics = hostile_topics_json ();
  g_autofree char *tail = g_strnfill (61, 'x');
  g_autofree char *topic_00 = g_strdup_printf ("00-%s", tail);
  g_autofree char *bidi_extra = g_strdup_printf ("\"title\": \"%s\", \"topics\": [\"%s\"]", bidi, topic_00);
  g_autofree char *long_extra = g_strdup_printf ("\"title\": \"%s\", \"key_takeaway\": \"%s\", %s", word, word, topics);
  g_autofree char *first = myelin_test_article ("bidi", bidi_extra);
  g_autofree char *second = myelin_test_article ("long", long_extra);
  g_autofree char *articles = g_strjoin (",", first, second, NULL);
  g_autofree char *json = myelin_test_bundle ("org.example.hostile", 1, articles);
  g_autoptr(GFile) file = myelin_test_write_file (dir, "hostile.json", json);
  g_autoptr(GError) error = NULL;
  MyelinArticlePage *page = myelin_window_get_article_page (window);

  myelin_window_import_file (window, file);
  myelin_test_wait_idle (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-topic", "s", topic_00);
  myelin_test_wait_idle (window);
  g_assert_cmpuint (n_articles (window), ==, 2);

  /* The sidebar lists every one of the 32 topics. */
  for (guint i = 0; i < 32; i++)
    {
      g_autofree char *topic = g_strdup_printf ("%02u-%s", i, tail);

      g_assert_nonnull (myelin_test_find_topic (window, topic));
    }

  /* The grid, on a phone's width: both cards, their titles exactly as
   * written; the long topic's chip shrinks instead of widening the window. */
  resize (window, 360, 800);
  g_assert_nonnull (myelin_test_find_label (myelin_test_window_child (window, "grid"), bidi));
  g_assert_nonnull (myelin_test_find_label (myelin_test_window_child (window, "grid"), word));
  g_assert_cmpint (minimum_width (window), <=, 360);

  /* The article: the long word wraps inside the page, each topic is a
   * button of its own, the bidi title is literal. */
  open_article_of (window, "org.example.hostile", "long");
  g_assert_cmpint (minimum_width (window), <=, 360);
  g_assert_nonnull (myelin_test_find_label (GTK_WIDGET (page), word));
  g_assert_cmpint (gtk_widget_get_width (myelin_test_find_label (GTK_WIDGET (page), word)), <=, 360);
  for (guint i = 0; i < 32; i++)
    {
      g_autofree char *topic = g_strdup_printf ("%02u-%s", i, tail);

      g_assert_nonnull (myelin_test_find_label (GTK_WIDGET (page), topic));
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_wait_for_page (window, "browse");
  open_article_of (window, "org.example.hostile", "bidi");
  g_assert_nonnull (myelin_test_find_label (GTK_WIDGET (page), bidi));
  g_assert_cmpint (minimum_width (window), <=, 360);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_wait_for_page (window, "browse");
  g_assert_true (myelin_store_remove_bundle (store, "org.example.hostile", &error));
  g_assert_no_error (error);
  resize (window, 1280, 800);
  myelin_test_rmdir (dir);
}

/* A visible toplevel of @type: the library window and dialogs are not
 * the application's windows. */
static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static AdwActionRow *
find_row (GtkWidget  *root,
          const char *title)
{
  g_autoptr(GPtrArray) rows = myelin_test_find_all (root, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The menus are built when first opened; the main menu has the text size
 * in it, kept up to date. */
static void
test_menus (void)
{
  MyelinWindow *window = fresh_window ();
  GtkMenuButton *primary = myelin_test_window_child (window, "primary_menu_button");
  GtkMenuButton *sort = myelin_test_window_child (window, "sort_button");
  GtkPopover *popover;

  g_settings_set_double (myelin_application_get_settings (app), "text-scale", 1.0);
  gtk_menu_button_popup (primary);
  myelin_test_spin (100);
  popover = gtk_menu_button_get_popover (primary);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_nonnull (myelin_test_find_label (GTK_WIDGET (popover), "100%"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.text-larger", NULL);
  myelin_test_spin (100);
  g_assert_nonnull (myelin_test_find_label (GTK_WIDGET (popover), "110%"));
  gtk_menu_button_popdown (primary);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.text-reset", NULL);

  gtk_menu_button_popup (sort);
  myelin_test_spin (100);
  g_assert_nonnull (gtk_menu_button_get_popover (sort));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (sort))));
  gtk_menu_button_popdown (sort);
  myelin_test_spin (100);
}

/* The keyboard shortcuts window is built when first asked for (GTK would
 * build it with every window), and Ctrl+? still opens it. */
static void
test_shortcuts_window (void)
{
  MyelinWindow *window = fresh_window ();
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  GtkWindow *shortcuts;

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  gtk_window_close (shortcuts);
  myelin_test_spin (100);
  g_assert_null (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  /* Shown again, the same one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == shortcuts);
  gtk_window_close (shortcuts);
  myelin_test_spin (100);
}

/* Library…: each bundle with its language by name, its revision and
 * article count; Remove asks first, and the reader's saved article and
 * note outlive the bundle. */
static void
test_library_window (void)
{
  MyelinWindow *window = fresh_window ();
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *article = myelin_test_article ("kept", NULL);
  g_autofree char *json = g_strdup_printf ("{\"format\": \"myelin-bundle\", \"format_version\": 1,"
                                           " \"bundle\": {\"id\": \"org.example.austria\", \"title\": \"Wiener Digest\","
                                           " \"publisher\": \"Example Clinic\", \"language\": \"de-AT\", \"revision\": 3},"
                                           " \"articles\": [%s]}", article);
  g_autoptr(GFile) file = myelin_test_write_file (dir, "austria.json", json);
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(MyelinArticle) kept = NULL;
  g_autoptr(GError) error = NULL;
  MyelinSavedArticle *kept_saved = NULL;
  GtkWindow *library;
  AdwActionRow *row;
  GtkWindow *dialog;
  const char *subtitle;

  myelin_window_import_file (window, file);
  myelin_test_wait_idle (window);
  g_assert_true (myelin_store_set_saved (store, "org.example.austria", "kept", TRUE, &error));
  g_assert_true (myelin_store_set_note (store, "org.example.austria", "kept", "Ask about this", &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.library", NULL));
  library = find_toplevel (MYELIN_TYPE_LIBRARY_WINDOW);
  g_assert_nonnull (library);
  /* The list comes once the language names are read, in a thread. */
  for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
       (row = find_row (GTK_WIDGET (library), "Wiener Digest")) == NULL && g_get_monotonic_time () < deadline;)
    {
      myelin_test_spin (20);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (library));
    }
  g_assert_nonnull (row);
  subtitle = adw_action_row_get_subtitle (row);
  g_assert_nonnull (strstr (subtitle, "Example Clinic"));
  g_assert_nonnull (strstr (subtitle, "German (Austria)"));
  g_assert_null (strstr (subtitle, "de-AT"));
  g_assert_nonnull (strstr (subtitle, "Revision 3"));
  g_assert_nonnull (strstr (subtitle, "1 article"));
  g_assert_nonnull (find_row (GTK_WIDGET (library), "MS Research Digest"));

  /* Remove asks; Cancel keeps the bundle. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (library), "library.remove", "s", "org.example.austria"));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  myelin_test_spin (100);
  kept = myelin_store_get_article (store, "org.example.austria", "kept", NULL);
  g_assert_nonnull (kept);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (library), "library.remove", "s", "org.example.austria"));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  myelin_test_spin (100);
  myelin_test_wait_idle (window);
  g_assert_null (find_row (GTK_WIDGET (library), "Wiener Digest"));
  g_clear_object (&kept);
  kept = myelin_store_get_article (store, "org.example.austria", "kept", NULL);
  g_assert_null (kept);

  /* The reader's own data stays, listed as no longer in the library. */
  saved = myelin_store_list_saved (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < saved->len; i++)
    if (g_strcmp0 (myelin_saved_article_get_bundle_id (g_ptr_array_index (saved, i)), "org.example.austria") == 0)
      kept_saved = g_ptr_array_index (saved, i);
  g_assert_nonnull (kept_saved);
  g_assert_cmpstr (myelin_saved_article_get_id (kept_saved), ==, "kept");
  g_assert_cmpstr (myelin_saved_article_get_note (kept_saved), ==, "Ask about this");
  g_assert_false (myelin_saved_article_get_available (kept_saved));

  g_assert_true (myelin_store_set_saved (store, "org.example.austria", "kept", FALSE, &error));
  gtk_window_destroy (library);
  myelin_test_rmdir (dir);
}

/* A folder dropped or chosen: every bundle in it is imported, with the
 * images beside them (how images reach the Flatpak). A folder without
 * bundles says so and changes nothing. */
static void
test_import_folder (void)
{
  MyelinWindow *window = fresh_window ();
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *sample_dir = g_path_get_dirname (g_getenv ("MYELIN_SAMPLE_BUNDLE"));
  g_autofree char *png_path = g_build_filename (sample_dir, "images", "remyelination.png", NULL);
  g_autofree char *png = NULL;
  gsize png_length;
  g_autofree char *one = myelin_test_article ("pictured", "\"image\": {\"path\": \"images/scan.png\", \"alt\": \"A scan\"}");
  g_autofree char *two = myelin_test_article ("plain", NULL);
  g_autofree char *first = myelin_test_bundle ("org.example.folder.one", 1, one);
  g_autofree char *second = myelin_test_bundle ("org.example.folder.two", 1, two);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) empty = g_file_new_for_path (images);
  g_autoptr(GFile) file_one = myelin_test_write_file (dir, "one.json", first);
  g_autoptr(GFile) file_two = myelin_test_write_file (dir, "two.json", second);
  g_autoptr(GFile) image = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MyelinArticle) plain = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (g_file_get_contents (png_path, &png, &png_length, NULL));
  g_assert_cmpint (g_mkdir_with_parents (images, 0700), ==, 0);
  image = g_file_new_build_filename (images, "scan.png", NULL);
  g_assert_true (g_file_replace_contents (image, png, png_length, NULL, FALSE, 0, NULL, NULL, NULL));

  /* The images folder holds no bundle: nothing happens to the library. */
  before = myelin_test_snapshot (myelin_store_get_path (store));
  myelin_window_import_file (window, empty);
  myelin_test_wait_idle (window);
  after = myelin_test_snapshot (myelin_store_get_path (store));
  g_assert_cmpstr (before, ==, after);

  myelin_window_import_file (window, folder);
  myelin_test_wait_idle (window);
  bytes = myelin_store_get_image (store, "org.example.folder.one", "pictured", NULL, NULL);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, png_length);
  plain = myelin_store_get_article (store, "org.example.folder.two", "plain", NULL);
  g_assert_nonnull (plain);

  g_assert_true (myelin_store_remove_bundle (store, "org.example.folder.one", NULL));
  g_assert_true (myelin_store_remove_bundle (store, "org.example.folder.two", NULL));
  myelin_test_rmdir (dir);
}

/* Sends @keyval to @widget's key controller, as GTK would. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  return handled;
}

/* The grid builds cards only around what is on screen, gives a new result
 * to the cards it has instead of building new ones, and the arrows move
 * the keyboard focus from card to card, scrolling as they go. */
static void
test_grid_cards_and_keys (void)
{
  MyelinWindow *window = fresh_window ();
  MyelinCardGrid *grid = myelin_test_window_child (window, "grid");
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (grid));
  g_autoptr(GHashTable) before = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) cards = NULL;
  guint columns, n_cards, last, n;
  GtkWidget *focus;

  resize (window, 1280, 600);
  n = n_articles (window);
  columns = myelin_card_grid_get_columns (grid);
  g_assert_cmpuint (columns, >=, 2);
  n_cards = myelin_card_grid_get_n_cards (grid);
  g_assert_cmpuint (n_cards, >, 0);
  g_assert_cmpuint (n_cards, <, n);

  /* A new result: the same cards, rebound. */
  cards = myelin_test_find_all (GTK_WIDGET (grid), MYELIN_TYPE_ARTICLE_CARD);
  for (guint i = 0; i < cards->len; i++)
    g_hash_table_add (before, g_ptr_array_index (cards, i));
  gtk_editable_set_text (myelin_test_window_child (window, "search_entry"), "fatigue");
  myelin_test_spin (300);
  myelin_test_wait_idle (window);
  g_clear_pointer (&cards, g_ptr_array_unref);
  cards = myelin_test_find_all (GTK_WIDGET (grid), MYELIN_TYPE_ARTICLE_CARD);
  g_assert_cmpuint (cards->len, >, 0);
  for (guint i = 0; i < cards->len; i++)
    g_assert_true (g_hash_table_contains (before, g_ptr_array_index (cards, i)));
  g_assert_cmpuint (myelin_card_grid_get_n_cards (grid), <=, n_cards);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  myelin_test_wait_idle (window);

  /* The keyboard: in at the first card, then right, then down. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (grid)));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (myelin_card_grid_get_card (grid, 0)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_RIGHT));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (myelin_card_grid_get_card (grid, 1)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_DOWN));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (myelin_card_grid_get_card (grid, 1 + columns)));

  /* Down to the last row: the grid scrolls and the card is on screen. */
  for (guint i = 0; i < n; i++)
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_DOWN));
  myelin_test_wait_idle (window);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  last = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    if (focus == GTK_WIDGET (myelin_card_grid_get_card (grid, i)))
      last = i;
  /* In the last row. */
  g_assert_cmpuint (last, <, n);
  g_assert_cmpuint (last, >=, (n - 1) / columns * columns);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_true (gtk_widget_get_mapped (focus));
  {
    graphene_point_t top;

    g_assert_true (gtk_widget_compute_point (focus, GTK_WIDGET (grid), &GRAPHENE_POINT_INIT (0, 0), &top));
    g_assert_cmpfloat (top.y, >=, 0);
    g_assert_cmpfloat (top.y + gtk_widget_get_height (focus), <=, gtk_widget_get_height (GTK_WIDGET (grid)));
  }

  /* Home, End and Page Down, as the grid's key controller gets them. */
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Home));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (myelin_card_grid_get_card (grid, 0)));
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Page_Down));
  g_assert_false (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (myelin_card_grid_get_card (grid, 0)));
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_End));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (myelin_card_grid_get_card (grid, n - 1)));
  myelin_test_wait_idle (window);
  g_assert_true (press_key (GTK_WIDGET (grid), GDK_KEY_Home));
  myelin_test_wait_idle (window);

  /* The cards shown are in the widget tree in the order of their
   * positions, as screen readers meet them. */
  {
    g_autoptr(GPtrArray) shown = myelin_test_find_all (GTK_WIDGET (grid), MYELIN_TYPE_ARTICLE_CARD);
    int previous = -1;

    g_assert_cmpuint (shown->len, >, columns);
    for (guint i = 0; i < shown->len; i++)
      {
        int position = -1;

        for (guint p = 0; p < n && position < 0; p++)
          if (g_ptr_array_index (shown, i) == (gpointer) myelin_card_grid_get_card (grid, p))
            position = (int) p;
        g_assert_cmpint (position, >, previous);
        previous = position;
      }
  }

  /* Scrolled away and back, the cards are still only those near the screen. */
  g_assert_cmpuint (myelin_card_grid_get_n_cards (grid), <, n);
  resize (window, 1280, 800);
}

static void
test_screenshots (void)
{
  const char *dir = g_getenv ("MYELIN_SCREENSHOT_DIR");
  MyelinWindow *window;
  g_autofree char *desktop = NULL, *narrow = NULL, *dark = NULL, *detail = NULL;

  if (dir == NULL)
    {
      g_test_skip ("MYELIN_SCREENSHOT_DIR is not set");
      return;
    }
  window = fresh_window ();
  desktop = g_build_filename (dir, "desktop.png", NULL);
  narrow = g_build_filename (dir, "narrow.png", NULL);
  dark = g_build_filename (dir, "dark.png", NULL);
  detail = g_build_filename (dir, "detail.png", NULL);

  resize (window, 1280, 800);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (myelin_test_window_child (window, "grid_scroller")), 0);
  myelin_test_wait_idle (window);
  save_screenshot (GTK_WIDGET (window), desktop);

  resize (window, 400, 800);
  save_screenshot (GTK_WIDGET (window), narrow);

  resize (window, 1280, 800);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  myelin_test_spin (600);
  save_screenshot (GTK_WIDGET (window), dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  open_article (window, "exercise-and-walking");
  myelin_test_spin (400);
  save_screenshot (GTK_WIDGET (window), detail);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_spin (400);
}

/* Last: it empties the library. */
static void
test_empty_library (void)
{
  MyelinWindow *window = fresh_window ();
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  g_autoptr(GPtrArray) bundles = myelin_store_list_bundles (store, NULL);

  for (guint i = 0; i < bundles->len; i++)
    g_assert_true (myelin_store_remove_bundle (store, myelin_bundle_info_get_id (g_ptr_array_index (bundles, i)), NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  myelin_test_wait_idle (window);

  g_assert_cmpuint (n_articles (window), ==, 0);
  g_assert_cmpstr (visible_page (window), ==, "empty");
  g_assert_cmpstr (visible_status_icon (window), ==, "document-open-symbolic");
  /* The sample is not forced back on a library the reader emptied. */
  g_assert_true (g_settings_get_boolean (myelin_application_get_settings (app), "sample-imported"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* One library for the whole run, made before the app opens it: the
   * first test sees a first run, the others build on it. */
  home = myelin_test_mkdtemp ();
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);

  app = myelin_test_application_new ();

  /* The first test sees the first run; the others start from its library. */
  g_test_add_func ("/window/first-run-imports-sample", test_first_run);
  g_test_add_func ("/window/search-narrows", test_search_narrows);
  g_test_add_func ("/window/topic-filter-and-chip", test_topic_filter_and_chip);
  g_test_add_func ("/window/sort-order", test_sort_order);
  g_test_add_func ("/window/open-article-sections", test_open_article_sections);
  g_test_add_func ("/window/open-article-first-screen", test_open_article_first_screen);
  g_test_add_func ("/window/related-and-back", test_related_and_back);
  g_test_add_func ("/window/back-keeps-scroll", test_back_keeps_scroll);
  g_test_add_func ("/window/show-topic-from-article", test_show_topic_from_article);
  g_test_add_func ("/window/no-results", test_no_results);
  g_test_add_func ("/window/import-refused", test_import_refused);
  g_test_add_func ("/window/accessible", test_accessible);
  g_test_add_func ("/window/markup-literal", test_markup_literal);
  g_test_add_func ("/window/external-import-shows-up", test_external_import);
  g_test_add_func ("/window/save-toggle", test_save_toggle);
  g_test_add_func ("/window/saved-view", test_saved_view);
  g_test_add_func ("/window/new-view", test_new_view);
  g_test_add_func ("/window/text-size", test_text_size);
  g_test_add_func ("/window/note-saved", test_note_saved);
  g_test_add_func ("/window/large-text-narrow", test_large_text_narrow);
  g_test_add_func ("/window/hostile-content", test_hostile_content);
  g_test_add_func ("/window/library", test_library_window);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/menus", test_menus);
  g_test_add_func ("/window/import-folder", test_import_folder);
  g_test_add_func ("/window/grid-cards-and-keys", test_grid_cards_and_keys);
  g_test_add_func ("/window/screenshots", test_screenshots);
  g_test_add_func ("/window/empty-library", test_empty_library);

  status = g_test_run ();
  g_object_unref (app);
  myelin_test_rmdir (home);
  return status;
}
