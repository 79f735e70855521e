/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kiosk mode, for real, under Xvfb: every action a visitor may not use is
 * disabled and does nothing when activated anyway; the window cannot be
 * closed and stays fullscreen; opening an article marks nothing read and
 * shows a QR code of the study's link, which zbarimg decodes back to that
 * exact link; and after the idle time (on a manual clock, not in real
 * time) the start screen comes back.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "myelin-application.h"
#include "myelin-article-card.h"
#include "myelin-article-page.h"
#include "myelin-article-printer.h"
#include "myelin-kiosk.h"
#include "myelin-qr-code.h"
#include "myelin-test-util.h"
#include "myelin-window-test-util.h"
#include "myelin-window.h"

#define SAMPLE_ID "io.github.myelinreader.sample"
#define SAMPLE_ARTICLES 26
#define IDLE_SECONDS 120
#define HOME_TOPIC "Fatigue"

static MyelinApplication *app;
static MyelinClock *manual_clock;

/* --- Waiting and finding (as in test-window.c) ----------------------------- */

static guint
n_articles (MyelinWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (myelin_window_get_article_list (window)));
}

/* A mapped label below @root whose text starts with @prefix. */
static GtkWidget *
find_label_starting (GtkWidget  *root,
            const char *prefix)
{
  g_autoptr(GPtrArray) labels = myelin_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), prefix))
      return g_ptr_array_index (labels, i);
  return NULL;
}

static guint
count_on_topic (const char *topic)
{
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  g_autoptr(MyelinQuery) query = myelin_query_new ();

  if (topic != NULL)
    myelin_query_add_topic (query, topic);
  return myelin_store_count_articles (store, query, NULL);
}

/* Everything an import, a save, a note or a read mark would change. */
static char *
library_snapshot (void)
{
  return myelin_test_snapshot (myelin_store_get_path (myelin_application_get_store (app)));
}

static MyelinArticle *
load_article (const char *id)
{
  g_autoptr(MyelinStore) store = myelin_test_open_library ();
  MyelinArticle *article = myelin_store_get_article (store, SAMPLE_ID, id, NULL);

  g_assert_nonnull (article);
  return article;
}

/* --- The kiosk under test ----------------------------------------------- */

static MyelinWindow *
kiosk_window (void)
{
  MyelinWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = MYELIN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_assert_nonnull (myelin_application_get_kiosk (app));
  myelin_test_wait_idle (window);
  return window;
}

/* The start screen again, as the idle timer would leave it. */
static MyelinWindow *
fresh_kiosk (void)
{
  MyelinWindow *window = kiosk_window ();

  myelin_kiosk_reset (myelin_application_get_kiosk (app));
  myelin_test_wait_for_page (window, "browse");
  return window;
}

static void
open_article (MyelinWindow *window,
              const char   *id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-article", "(ss)", SAMPLE_ID, id));
  myelin_test_wait_for_page (window, "detail");
}

static void
test_starts_on_home_topics (void)
{
  MyelinWindow *window = kiosk_window ();
  GtkCheckButton *topic;

  /* The sample arrived on the first run, and the start screen shows the
   * topics the settings name, selected. */
  g_assert_cmpuint (count_on_topic (NULL), ==, SAMPLE_ARTICLES);
  topic = myelin_test_find_topic (window, HOME_TOPIC);
  g_assert_nonnull (topic);
  g_assert_true (gtk_check_button_get_active (topic));
  g_assert_cmpuint (n_articles (window), ==, count_on_topic (HOME_TOPIC));
  g_assert_cmpuint (n_articles (window), <, SAMPLE_ARTICLES);

  /* Touch first: the style class, and larger text than the default. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "kiosk"));
  g_assert_cmpfloat (g_settings_get_double (myelin_application_get_settings (app), "text-scale"), ==, MYELIN_KIOSK_TEXT_SCALE);
}

/* A visible window other than @window: a dialog, About, the shortcuts. */
static GtkWindow *
other_window (MyelinWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i);

      if (other != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (other)))
        return other;
    }
  return NULL;
}

/* Whether @action is enabled where @box is, as a button there sees it:
 * gtk_widget_activate_action() only tells whether it exists. */
static gboolean
action_enabled (GtkBox     *box,
                const char *action,
                GVariant   *target)
{
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (probe), target);
  gtk_box_append (box, probe);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  enabled = gtk_widget_get_sensitive (probe);
  gtk_box_remove (box, probe);
  return enabled;
}

/* Each action a visitor may not use is disabled, and activating it
 * anyway changes nothing in the library and opens nothing. */
static void
test_actions_disabled (void)
{
  MyelinWindow *window = fresh_kiosk ();
  MyelinArticlePage *page = myelin_window_get_article_page (window);
  GtkBox *window_box = GTK_BOX (gtk_widget_get_parent (myelin_test_window_child (window, "result_label")));
  GtkBox *page_box = GTK_BOX (gtk_widget_get_parent (myelin_test_page_child (page, "qr_box")));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GVariant) article = g_variant_ref_sink (g_variant_new ("(ss)", SAMPLE_ID, "exercise-and-walking"));
  g_autoptr(GVariant) link = g_variant_ref_sink (g_variant_new_string ("https://doi.org/10.5555/myelin-sample-04"));
  g_autoptr(GVariant) saved_view = g_variant_ref_sink (g_variant_new_string ("saved"));
  struct { GtkWidget *widget; GtkBox *box; const char *action; GVariant *target; } forbidden[] = {
    { GTK_WIDGET (window), window_box, "win.import", NULL },
    { GTK_WIDGET (window), window_box, "win.import-folder", NULL },
    { GTK_WIDGET (window), window_box, "win.cancel-import", NULL },
    { GTK_WIDGET (window), window_box, "win.library", NULL },
    { GTK_WIDGET (window), window_box, "win.mark-all-read", NULL },
    { GTK_WIDGET (window), window_box, "win.toggle-saved", article },
    { GTK_WIDGET (window), window_box, "win.unsave", article },
    { GTK_WIDGET (window), window_box, "win.show-view", saved_view },
    { GTK_WIDGET (window), window_box, "window.close", NULL },
    { GTK_WIDGET (window), window_box, "window.minimize", NULL },
    { GTK_WIDGET (window), window_box, "window.toggle-maximized", NULL },
    { GTK_WIDGET (window), window_box, "app.quit", NULL },
    { GTK_WIDGET (window), window_box, "app.preferences", NULL },
    { GTK_WIDGET (window), window_box, "app.about", NULL },
    { GTK_WIDGET (page), page_box, "page.saved", NULL },
    { GTK_WIDGET (page), page_box, "page.open-link", link },
    { GTK_WIDGET (page), page_box, "page.print", NULL },
    { GTK_WIDGET (page), page_box, "page.export-pdf", NULL },
    { GTK_WIDGET (page), page_box, "page.copy-citation", NULL },
    { GTK_WIDGET (page), page_box, "page.copy-link", NULL },
  };
  const char *app_actions[] = { "quit", "preferences", "about" };

  open_article (window, "exercise-and-walking");
  before = library_snapshot ();

  /* The probe itself works: these are enabled. */
  g_assert_true (action_enabled (window_box, "win.search", NULL));
  g_assert_true (action_enabled (window_box, "win.open-article", article));
  g_assert_true (action_enabled (page_box, "win.back", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      if (action_enabled (forbidden[i].box, forbidden[i].action, forbidden[i].target))
        g_error ("%s is enabled in kiosk mode", forbidden[i].action);
      gtk_widget_activate_action_variant (forbidden[i].widget, forbidden[i].action, forbidden[i].target);
    }
  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    {
      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), app_actions[i]));
      g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), app_actions[i]));
      g_action_group_activate_action (G_ACTION_GROUP (app), app_actions[i], NULL);
    }
  myelin_test_wait_idle (window);
  myelin_test_spin (200);

  /* Nothing was saved, imported or opened, and the app is still here. */
  after = library_snapshot ();
  g_assert_cmpstr (after, ==, before);
  g_assert_false (myelin_article_page_get_saved (page));
  g_assert_null (other_window (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));

  /* And nothing offers them: no star, note, article menu or Saved view. */
  g_assert_false (gtk_widget_get_visible (myelin_test_page_child (page, "save_button")));
  g_assert_false (gtk_widget_get_visible (myelin_test_page_child (page, "article_menu_button")));
  g_assert_false (gtk_widget_get_visible (myelin_test_page_child (page, "note_box")));
  g_assert_false (gtk_widget_get_visible (myelin_test_window_child (window, "views_list")));
}

/* Neither the cards nor the detail rows offer what is disabled. */
static void
test_nothing_disabled_on_show (void)
{
  MyelinWindow *window = fresh_kiosk ();
  MyelinArticlePage *page = myelin_window_get_article_page (window);
  g_autoptr(GPtrArray) cards = myelin_test_find_all (myelin_test_window_child (window, "grid"), MYELIN_TYPE_ARTICLE_CARD);
  g_autoptr(GPtrArray) rows = NULL;
  guint checked = 0;

  g_assert_cmpuint (cards->len, >, 0);
  for (guint i = 0; i < cards->len; i++)
    {
      g_autoptr(GPtrArray) buttons = myelin_test_find_all (g_ptr_array_index (cards, i), GTK_TYPE_BUTTON);

      for (guint b = 0; b < buttons->len; b++)
        g_assert_cmpstr (gtk_actionable_get_action_name (g_ptr_array_index (buttons, b)), !=, "win.toggle-saved");
    }

  open_article (window, "exercise-and-walking");
  rows = myelin_test_find_all (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW);
  for (guint i = 0; i < rows->len; i++)
    {
      g_assert_null (gtk_actionable_get_action_name (g_ptr_array_index (rows, i)));
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

static gboolean
shortcut_acts (MyelinWindow    *window,
               const char      *accel)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), accel);

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = NULL;

      g_assert_true (g_action_parse_detailed_name (actions[i], &name, &target, NULL));
      if (g_str_has_prefix (name, "app.") && g_action_group_get_action_enabled (G_ACTION_GROUP (app), name + 4))
        return TRUE;
      if (g_str_has_prefix (name, "win.") && g_action_group_get_action_enabled (G_ACTION_GROUP (window), name + 4))
        return TRUE;
    }
  return FALSE;
}

/* Ctrl+Q, Ctrl+W, F11, Alt+F4 and closing by any route leave the window
 * open, fullscreen, with its app running. */
static void
test_cannot_close (void)
{
  MyelinWindow *window = fresh_kiosk ();

  g_assert_false (shortcut_acts (window, "<Control>q"));
  g_assert_false (shortcut_acts (window, "<Control>w"));
  g_assert_false (shortcut_acts (window, "F11"));
  g_assert_false (shortcut_acts (window, "<Alt>F4"));
  g_assert_false (shortcut_acts (window, "<Control>comma"));

  /* Alt+F4 and the compositor's close button come as a close request. */
  gtk_window_close (GTK_WINDOW (window));
  myelin_test_wait_idle (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));

  /* Under Xvfb no window manager grants fullscreen, so what is checked is
   * the request: the window asked for it (fullscreened is set on a
   * request before the window manager answers) and shows no controls. */
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  {
    g_autoptr(GPtrArray) bars = myelin_test_find_all (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);

    g_assert_cmpuint (bars->len, >, 0);
    for (guint i = 0; i < bars->len; i++)
      {
        g_assert_false (adw_header_bar_get_show_start_title_buttons (g_ptr_array_index (bars, i)));
        g_assert_false (adw_header_bar_get_show_end_title_buttons (g_ptr_array_index (bars, i)));
      }
  }
}

/* Files handed to the app (a second launch, a file manager, a drop) are
 * not imported. */
static void
test_no_import_by_open_or_drop (void)
{
  MyelinWindow *window = fresh_kiosk ();
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *intruder = myelin_test_article ("intruder", NULL);
  g_autofree char *bundle = myelin_test_bundle ("org.example.kiosk", 1, intruder);
  g_autoptr(GFile) file = myelin_test_write_file (dir, "intruder.json", bundle);
  g_autofree char *before = library_snapshot ();
  g_autofree char *after = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  guint drop_targets = 0;

  g_test_expect_message ("myelin", G_LOG_LEVEL_MESSAGE, "Kiosk mode: not importing*");
  g_application_open (G_APPLICATION (app), &file, 1, "");
  g_test_assert_expected_messages ();
  myelin_test_wait_idle (window);
  myelin_test_spin (200);
  myelin_test_wait_idle (window);
  after = library_snapshot ();
  g_assert_cmpstr (after, ==, before);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_NONE);
          drop_targets++;
        }
    }
  g_assert_cmpuint (drop_targets, ==, 1);
  myelin_test_rmdir (dir);
}

/* The visitor's sort and text size are never stored, and go at a reset. */
static void
test_settings_not_stored (void)
{
  MyelinWindow *window = fresh_kiosk ();
  GSettings *app_settings = myelin_application_get_settings (app);
  g_autoptr(GSettings) stored = g_settings_new (SCHEMA_ID);
  g_autofree char *sort = NULL, *stored_sort = NULL, *sort_after_reset = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort", "s", "title"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.text-larger", NULL));
  myelin_test_wait_idle (window);
  sort = g_settings_get_string (app_settings, "sort");
  g_assert_cmpstr (sort, ==, "title");
  g_assert_cmpfloat (g_settings_get_double (app_settings, "text-scale"), >, MYELIN_KIOSK_TEXT_SCALE);
  stored_sort = g_settings_get_string (stored, "sort");
  g_assert_cmpstr (stored_sort, ==, "newest");
  g_assert_cmpfloat (g_settings_get_double (stored, "text-scale"), ==, 1.0);

  myelin_kiosk_reset (myelin_application_get_kiosk (app));
  myelin_test_wait_idle (window);
  sort_after_reset = g_settings_get_string (app_settings, "sort");
  g_assert_cmpstr (sort_after_reset, ==, "newest");
  g_assert_cmpfloat (g_settings_get_double (app_settings, "text-scale"), ==, MYELIN_KIOSK_TEXT_SCALE);
}

/* Opening an article marks nothing read, and a QR code carries its link. */
static void
test_article_qr_code (void)
{
  MyelinWindow *window = fresh_kiosk ();
  MyelinArticlePage *page = myelin_window_get_article_page (window);
  g_autoptr(MyelinArticle) article = NULL;
  MyelinQrCode *qr = myelin_test_page_child (page, "qr_code");
  GtkWidget *qr_box = myelin_test_page_child (page, "qr_box");
  int width, height;

  open_article (window, "vitamin-d-and-ms-risk");
  article = load_article ("vitamin-d-and-ms-risk");
  g_assert_false (myelin_article_get_boolean (article, MYELIN_ARTICLE_READ));

  g_assert_true (gtk_widget_get_mapped (qr_box));
  g_assert_cmpstr (myelin_qr_code_get_text (qr), ==, "https://doi.org/10.5555/myelin-sample-02");
  g_assert_cmpuint (myelin_qr_code_get_modules (qr), >=, 21);
  g_assert_nonnull (find_label_starting (qr_box, "Scan to read the original study on your phone"));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (qr), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (qr), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "QR code linking to the original study");
  /* Large enough to scan from a phone held at arm's length. */
  width = gtk_widget_get_width (GTK_WIDGET (qr));
  height = gtk_widget_get_height (GTK_WIDGET (qr));
  g_assert_cmpint (width, >=, (int) (myelin_qr_code_get_modules (qr) + 8) * 6);
  g_assert_cmpint (height, ==, width);

  /* An article without a DOI or web page has no code. */
  open_article (window, "ebv-likely-trigger");
  g_assert_false (gtk_widget_get_visible (qr_box));
  g_assert_cmpuint (myelin_qr_code_get_modules (qr), ==, 0);
}

/* zbarimg reads back exactly the link: @text in, @text out. */
static void
assert_decodes_to (const char *text)
{
  const char *zbarimg = g_getenv ("MYELIN_ZBARIMG");
  g_autoptr(MyelinQrCode) qr = g_object_ref_sink (myelin_qr_code_new ());
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = myelin_test_mkdtemp ();
  g_autofree char *png = g_build_filename (dir, "qr.png", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (zbarimg == NULL || *zbarimg == '\0')
    {
      g_test_fail_printf ("zbarimg is needed to decode the QR code: install zbar-tools");
      return;
    }
  myelin_qr_code_set_text (qr, text);
  texture = myelin_qr_code_render_texture (qr, 8);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int) (myelin_qr_code_get_modules (qr) + 8) * 8);
  g_assert_true (gdk_texture_save_to_png (texture, png));

  {
    const char *argv[] = { zbarimg, "--raw", "-q", png, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strchomp (out);
  g_assert_cmpstr (out, ==, text);
  myelin_test_rmdir (dir);
}

static void
test_qr_code_decodes (void)
{
  MyelinWindow *window = fresh_kiosk ();
  MyelinArticlePage *page = myelin_window_get_article_page (window);
  MyelinQrCode *qr = myelin_test_page_child (page, "qr_code");
  g_autoptr(MyelinArticle) article = load_article ("smoking-and-progression");
  g_autofree char *link = myelin_article_get_link (article);

  /* The code on the page is the source's own link... */
  open_article (window, "smoking-and-progression");
  g_assert_cmpstr (myelin_qr_code_get_text (qr), ==, link);
  assert_decodes_to (myelin_qr_code_get_text (qr));
  /* ...and long or unusual links survive too. */
  assert_decodes_to ("https://example.org/study?id=42&lang=de#sec-3");
  assert_decodes_to ("https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0");
}

/* The code is black on white in the dark style too. */
static void
test_qr_code_colours (void)
{
  g_autoptr(MyelinQrCode) qr = g_object_ref_sink (myelin_qr_code_new ());
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int side;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  myelin_qr_code_set_text (qr, "https://doi.org/10.5555/myelin-sample-02");
  texture = myelin_qr_code_render_texture (qr, 1);
  side = gdk_texture_get_width (texture);
  pixels = g_malloc (side * side * 4);
  gdk_texture_download (texture, pixels, side * 4);
  /* The quiet zone's corner is white; the finder pattern's corner black. */
  g_assert_cmphex (pixels[0], ==, 0xff);
  g_assert_cmphex (pixels[(4 * side + 4) * 4], ==, 0x00);
  g_assert_cmphex (pixels[(4 * side + 4) * 4 + 1], ==, 0x00);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* Touch targets: every button and row shown is at least 48 px high. */
static void
test_touch_targets (void)
{
  MyelinWindow *window = fresh_kiosk ();
  g_autoptr(GPtrArray) buttons = myelin_test_find_all (GTK_WIDGET (window), GTK_TYPE_BUTTON);
  g_autoptr(GPtrArray) rows = myelin_test_find_all (myelin_test_window_child (window, "topic_list"), GTK_TYPE_LIST_BOX_ROW);

  g_assert_cmpuint (buttons->len, >, 2);
  for (guint i = 0; i < buttons->len; i++)
    g_assert_cmpint (gtk_widget_get_height (g_ptr_array_index (buttons, i)), >=, 48);
  g_assert_cmpuint (rows->len, >, 3);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (gtk_widget_get_height (g_ptr_array_index (rows, i)), >=, 48);
}

/* After the idle time a notice counts down; any input cancels it. */
static void
test_countdown_cancelled (void)
{
  MyelinWindow *window = fresh_kiosk ();
  MyelinKiosk *kiosk = myelin_application_get_kiosk (app);

  myelin_kiosk_set_clock (kiosk, manual_clock);
  gtk_editable_set_text (myelin_test_window_child (window, "search_entry"), "vitamin");
  myelin_test_spin (300);
  myelin_test_wait_idle (window);

  /* Nobody has touched the screen since the reset: nothing counts. */
  myelin_clock_advance (manual_clock, 10 * IDLE_SECONDS * 1000);
  myelin_test_wait_idle (window);
  g_assert_null (find_label_starting (GTK_WIDGET (window), "Touch the screen to keep reading"));

  myelin_kiosk_notice_activity (kiosk);
  myelin_clock_advance (manual_clock, (IDLE_SECONDS - 1) * 1000);
  myelin_test_wait_idle (window);
  g_assert_null (find_label_starting (GTK_WIDGET (window), "Touch the screen to keep reading"));
  myelin_clock_advance (manual_clock, 1000);
  myelin_test_wait_idle (window);
  myelin_test_spin (300);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (window), "Touch the screen to keep reading. Going back to the start in 10 seconds."));
  myelin_clock_advance (manual_clock, 3000);
  myelin_test_wait_idle (window);
  g_assert_nonnull (find_label_starting (GTK_WIDGET (window), "Touch the screen to keep reading. Going back to the start in 7 seconds."));

  myelin_kiosk_notice_activity (kiosk);
  myelin_test_spin (600);  /* the toast's way out */
  myelin_test_wait_idle (window);
  g_assert_null (find_label_starting (GTK_WIDGET (window), "Touch the screen to keep reading"));
  myelin_clock_advance (manual_clock, 9 * 1000);
  myelin_test_wait_idle (window);
  g_assert_cmpstr (gtk_editable_get_text (myelin_test_window_child (window, "search_entry")), ==, "vitamin");
}

static void
show_help_overlay (MyelinWindow *window)
{
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "show-help-overlay"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  myelin_test_wait_idle (window);
}

/* A visitor searched, filtered, scrolled, opened an article and a menu
 * and the shortcuts, and walked away: the next one gets the start screen. */
static void
test_idle_reset (void)
{
  MyelinWindow *window = fresh_kiosk ();
  MyelinKiosk *kiosk = myelin_application_get_kiosk (app);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (myelin_test_window_child (window, "grid_scroller"));
  GtkMenuButton *sort_button = myelin_test_window_child (window, "sort_button");
  GtkCheckButton *topic;

  myelin_kiosk_set_clock (kiosk, manual_clock);
  /* A visitor: all topics, scrolled down, searching, reading. */
  gtk_check_button_set_active (myelin_test_find_topic (window, HOME_TOPIC), FALSE);
  myelin_test_wait_idle (window);
  g_assert_cmpuint (n_articles (window), ==, SAMPLE_ARTICLES);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 500);
  myelin_test_wait_idle (window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  myelin_test_wait_idle (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  myelin_kiosk_notice_activity (kiosk);
  gtk_check_button_set_active (myelin_test_find_topic (window, "Lifestyle"), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (myelin_test_window_child (window, "search_entry"), "walk");
  myelin_test_spin (300);
  myelin_test_wait_idle (window);
  g_assert_cmpuint (n_articles (window), <, SAMPLE_ARTICLES);
  open_article (window, "exercise-and-walking");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  myelin_test_wait_for_page (window, "browse");
  gtk_menu_button_popup (sort_button);
  show_help_overlay (window);
  g_assert_nonnull (other_window (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (sort_button))));
  open_article (window, "smoking-and-progression");

  /* Two minutes and ten seconds later, on the kiosk's clock. */
  myelin_clock_advance (manual_clock, (IDLE_SECONDS + MYELIN_KIOSK_COUNTDOWN_SECONDS) * 1000);
  myelin_test_wait_for_page (window, "browse");
  myelin_test_wait_idle (window);

  g_assert_null (other_window (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (sort_button))));
  g_assert_cmpstr (gtk_editable_get_text (myelin_test_window_child (window, "search_entry")), ==, "");
  g_assert_false (gtk_search_bar_get_search_mode (myelin_test_window_child (window, "search_bar")));
  topic = myelin_test_find_topic (window, HOME_TOPIC);
  g_assert_true (gtk_check_button_get_active (topic));
  g_assert_false (gtk_check_button_get_active (myelin_test_find_topic (window, "Lifestyle")));
  g_assert_cmpuint (n_articles (window), ==, count_on_topic (HOME_TOPIC));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_null (find_label_starting (GTK_WIDGET (window), "Touch the screen to keep reading"));
  g_assert_cmpint (myelin_idle_timer_get_state (myelin_kiosk_get_idle_timer (kiosk)), ==, MYELIN_IDLE_TIMER_STOPPED);

  /* With no home topics, the start screen is every article. */
  {
    g_autoptr(GSettings) settings = g_settings_new (SCHEMA_ID);

    g_settings_set_strv (settings, "kiosk-home-topics", NULL);
    myelin_kiosk_notice_activity (kiosk);
    myelin_clock_advance (manual_clock, (IDLE_SECONDS + MYELIN_KIOSK_COUNTDOWN_SECONDS) * 1000);
    myelin_test_wait_idle (window);
    g_assert_cmpuint (n_articles (window), ==, SAMPLE_ARTICLES);
    g_assert_false (gtk_check_button_get_active (myelin_test_find_topic (window, HOME_TOPIC)));
    g_settings_set_strv (settings, "kiosk-home-topics", (const char * const[]) { HOME_TOPIC, NULL });
  }
}

/* The window watches input in the capture phase, so a tap anywhere
 * counts, and lets every event through. */
static void
test_input_watched (void)
{
  MyelinWindow *window = fresh_kiosk ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_LEGACY (controller)
          && g_strcmp0 (gtk_event_controller_get_name (controller), "myelin-kiosk-input") == 0)
        {
          g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
          found = TRUE;
        }
    }
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autoptr(GSettings) settings = NULL;
  int status;

  home = myelin_test_mkdtemp ();
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);

  /* As an administrator would set it with dconf. */
  settings = g_settings_new (SCHEMA_ID);
  g_settings_set_boolean (settings, "kiosk-mode", TRUE);
  g_settings_set_uint (settings, "kiosk-idle-seconds", IDLE_SECONDS);
  g_settings_set_strv (settings, "kiosk-home-topics", (const char * const[]) { HOME_TOPIC, NULL });
  manual_clock = myelin_clock_new_manual ();

  app = myelin_test_application_new ();

  g_test_add_func ("/kiosk/starts-on-home-topics", test_starts_on_home_topics);
  g_test_add_func ("/kiosk/actions-disabled", test_actions_disabled);
  g_test_add_func ("/kiosk/nothing-disabled-on-show", test_nothing_disabled_on_show);
  g_test_add_func ("/kiosk/cannot-close", test_cannot_close);
  g_test_add_func ("/kiosk/no-import-by-open-or-drop", test_no_import_by_open_or_drop);
  g_test_add_func ("/kiosk/settings-not-stored", test_settings_not_stored);
  g_test_add_func ("/kiosk/article-qr-code", test_article_qr_code);
  g_test_add_func ("/kiosk/qr-code-decodes", test_qr_code_decodes);
  g_test_add_func ("/kiosk/qr-code-colours", test_qr_code_colours);
  g_test_add_func ("/kiosk/touch-targets", test_touch_targets);
  g_test_add_func ("/kiosk/input-watched", test_input_watched);
  g_test_add_func ("/kiosk/countdown-cancelled", test_countdown_cancelled);
  g_test_add_func ("/kiosk/idle-reset", test_idle_reset);

  status = g_test_run ();
  g_object_unref (app);
  g_object_unref (manual_clock);
  myelin_test_rmdir (home);
  return status;
}
