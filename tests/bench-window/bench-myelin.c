/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader window, measured in-process (the driver, bench-window.py,
 * runs each mode in a process of its own and prints the tables):
 *
 *   bench-myelin launch --library FILE
 *       exactly what src/main.c does, plus a watch on the window's frames:
 *       prints when the first frame with bound, mapped cards is painted
 *   bench-myelin interact
 *       keystrokes in search, topic toggles and opening articles: the time
 *       from the change to the first frame painted after the window's
 *       query is done, each with the data floor (the same store calls on a
 *       connection of our own, no UI); --open-only opens articles only, to
 *       iterate on that part faster; with BENCH_TRACE=1 in the environment,
 *       what runs between each opening and its first frame goes to stderr
 *   bench-myelin memory
 *       scrolls through the first 2,000 cards, then prints VmRSS
 *
 * interact and memory open the library at $XDG_DATA_HOME/myelin/library.db,
 * as the window tests do. Times are CLOCK_MONOTONIC µs (launch) or ms.
 */
#define G_LOG_DOMAIN "myelin-bench"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bench-window-util.h"
#include "myelin-application.h"
#include "myelin-article-card.h"
#include "myelin-card-grid.h"
#include "myelin-window.h"

#define MEMORY_CARDS 2000
#define SCROLL_STEP 10
#define SEARCH_CYCLES 2
#define N_OPENS 30

static MyelinApplication *app;
static MyelinWindow *window;

static gpointer
child (const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), MYELIN_TYPE_WINDOW, name);

  g_assert (object != NULL);
  return object;
}

/* A card on screen shows an article. */
static gboolean
cards_painted (void)
{
  GtkWidget *grid = child ("grid");

  for (GtkWidget *card = gtk_widget_get_first_child (grid); card != NULL; card = gtk_widget_get_next_sibling (card))
    {
      MyelinArticle *article;

      if (!MYELIN_IS_ARTICLE_CARD (card) || !gtk_widget_get_mapped (card))
        continue;
      article = myelin_article_card_get_article (MYELIN_ARTICLE_CARD (card));
      if (article != NULL && myelin_article_get_title (article) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* --- launch -------------------------------------------------------------- */

static gint64 main_at, startup_at, window_at, realize_at, query_done_at, any_frame_at;

static void
on_launch_after_paint (GdkFrameClock *clock)
{
  gint64 now = bench_now ();
  gint64 start, layout_done, paint_done, end;
  guint cards = 0;

  if (any_frame_at == 0)
    any_frame_at = now;
  if (myelin_window_get_busy (window) || !cards_painted ())
    return;
  /* Cards built (shown or kept for reuse), not counting the grid's sizer. */
  cards = myelin_card_grid_get_n_cards (child ("grid"));
  /* This frame's phases: when it started, when its layout phase (binding
   * the cards) and its paint phase (rendering them) were done. */
  bench_last_frame (&start, &layout_done, &paint_done, &end);
  printf ("main %" G_GINT64_FORMAT "\nstartup %" G_GINT64_FORMAT "\nwindow %" G_GINT64_FORMAT "\n"
          "realize %" G_GINT64_FORMAT "\nquery-done %" G_GINT64_FORMAT "\nany-frame %" G_GINT64_FORMAT "\n"
          "frame-start %" G_GINT64_FORMAT "\nlayout-done %" G_GINT64_FORMAT "\npaint-done %" G_GINT64_FORMAT "\n"
          "first-frame %" G_GINT64_FORMAT "\ncards %u\n",
          main_at, startup_at, window_at, realize_at, query_done_at, any_frame_at,
          start, layout_done, paint_done, now, cards);
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_launch_after_paint, NULL);
  g_application_quit (G_APPLICATION (app));
}

static void
on_launch_busy (MyelinWindow *w)
{
  if (!myelin_window_get_busy (w) && query_done_at == 0)
    query_done_at = bench_now ();
}

static void
on_launch_realize (GtkWidget *widget)
{
  realize_at = bench_now ();
  bench_watch_frames (widget);
  g_signal_connect_after (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (on_launch_after_paint), NULL);
}

static void
on_launch_startup (GApplication *application)
{
  startup_at = bench_now ();
}

static void
on_launch_window_added (GtkApplication *application,
                        GtkWindow      *added)
{
  if (!MYELIN_IS_WINDOW (added) || window != NULL)
    return;
  window_at = bench_now ();
  window = MYELIN_WINDOW (added);
  g_signal_connect (window, "realize", G_CALLBACK (on_launch_realize), NULL);
  g_signal_connect (window, "notify::busy", G_CALLBACK (on_launch_busy), NULL);
}

static int
run_launch (int   argc,
            char *argv[])
{
  int status;

  /* What src/main.c does. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = myelin_application_new ();
  g_signal_connect_after (app, "startup", G_CALLBACK (on_launch_startup), NULL);
  g_signal_connect (app, "window-added", G_CALLBACK (on_launch_window_added), NULL);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  g_object_unref (app);
  return status;
}

/* --- The window, in-process, like tests/test-window.c -------------------- */

static guint busy_falls;
static gint64 busy_fall_at;
static guint frames_at_fall;

static void
on_busy (MyelinWindow *w)
{
  if (myelin_window_get_busy (w))
    return;
  busy_falls++;
  busy_fall_at = bench_now ();
  frames_at_fall = bench_frames ();
}

static gboolean
not_busy (gpointer data)
{
  return !myelin_window_get_busy (window);
}

static void
wait_idle (void)
{
  bench_wait (not_busy, NULL, 120, "the window to be idle");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  bench_draw (GTK_WIDGET (window));
}

static void
open_window (void)
{
  app = myelin_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    g_error ("Cannot register the application");
  g_application_activate (G_APPLICATION (app));
  window = MYELIN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert (window != NULL);
  bench_watch_frames (GTK_WIDGET (window));
  g_signal_connect (window, "notify::busy", G_CALLBACK (on_busy), NULL);
  wait_idle ();
}

static gboolean
fell_since (gpointer data)
{
  return busy_falls > GPOINTER_TO_UINT (data);
}

/* One change measured: @t0 is when it was made (before @falls0 was read
 * it was not yet running). Waits for the window's query to be done and the
 * next frame, and prints: total ms, query ms (change → results applied),
 * frame ms (results → painted), of which layout and paint ms. */
static void
finish_sample (const char *what,
               gint64      t0,
               guint       falls0,
               double      floor_ms,
               const char *label)
{
  gint64 done, start, layout_done, paint_done, end;

  bench_wait (fell_since, GUINT_TO_POINTER (falls0), 60, "a query");
  done = busy_fall_at;
  /* A result equal to the one shown changes nothing on screen, and GTK
   * then paints no frame: ask for one, so every sample ends the same way. */
  gtk_widget_queue_draw (GTK_WIDGET (window));
  bench_wait_frame_after (frames_at_fall);
  bench_last_frame (&start, &layout_done, &paint_done, &end);
  printf ("%s %.2f %.2f %.2f %.2f %.2f %u %.2f %s\n", what,
          (end - t0) / 1000.0, (done - t0) / 1000.0, (end - done) / 1000.0,
          (layout_done - start) / 1000.0, (paint_done - layout_done) / 1000.0,
          g_list_model_get_n_items (G_LIST_MODEL (myelin_window_get_article_list (window))),
          floor_ms, label);
  fflush (stdout);
}

/* The query the window runs for the current search and topics. */
static MyelinQuery *
window_query (const char         *search,
              const char * const *topics)
{
  MyelinQuery *query = myelin_query_new ();
  MyelinSort sort = MYELIN_SORT_NEWEST;
  g_autofree char *name = g_settings_get_string (myelin_application_get_settings (app), "sort");

  myelin_sort_from_string (name, &sort);
  myelin_query_set_sort (query, sort);
  myelin_query_set_search (query, search != NULL && *search != '\0' ? search : NULL);
  myelin_query_set_topics (query, topics);
  return query;
}

/* The data floor: what the window's worker thread asks of the store, on a
 * connection of our own, with no UI at all. */
static double
floor_refresh (MyelinStore *store,
               MyelinQuery *query)
{
  g_autoptr(MyelinQuery) everything = myelin_query_new ();
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  gint64 t0 = bench_now ();

  rowids = myelin_store_query_rowids (store, query, NULL);
  topics = myelin_store_list_topics (store, query, NULL);
  myelin_store_count_articles (store, everything, NULL);
  g_assert (rowids != NULL && topics != NULL);
  return (bench_now () - t0) / 1000.0;
}

static void
type_text (MyelinStore *store,
           const char  *text)
{
  GtkEditable *entry = child ("search_entry");
  guint falls0 = busy_falls;
  g_autoptr(MyelinQuery) query = window_query (text, NULL);
  g_autofree char *label = g_strdup_printf ("\"%s\"", text);
  gint64 t0;

  /* As a keystroke does: one letter added at the end, or the last one
   * taken away. (Setting the whole text would first empty the entry, and
   * the empty search would run too.) */
  const char *shown = gtk_editable_get_text (entry);
  size_t shown_len = strlen (shown), len = strlen (text);
  int position = (int) shown_len;

  g_assert (len + 1 == shown_len ? strncmp (shown, text, len) == 0
                                 : len == shown_len + 1 && strncmp (shown, text, shown_len) == 0);
  t0 = bench_now ();
  if (len < shown_len)
    gtk_editable_delete_text (entry, (int) len, (int) shown_len);
  else
    gtk_editable_insert_text (entry, text + shown_len, 1, &position);
  finish_sample ("search", t0, falls0, floor_refresh (store, query), label);
}

static void
bench_search (MyelinStore *store)
{
  static const char *words[] = { "natal", "pregnancy", "people" };
  GtkSearchEntry *entry = child ("search_entry");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  /* The window's own delay (0 since the index): what is measured is a
   * real keystroke. */
  printf ("search-delay %u\n", gtk_search_entry_get_search_delay (entry));
  wait_idle ();

  for (guint cycle = 0; cycle < SEARCH_CYCLES; cycle++)
    for (guint w = 0; w < G_N_ELEMENTS (words); w++)
      {
        size_t len = strlen (words[w]);

        /* Typed one letter at a time, then erased one at a time. */
        for (size_t i = 1; i <= len; i++)
          {
            g_autofree char *text = g_strndup (words[w], i);
            type_text (store, text);
          }
        for (size_t i = len - 1; i + 1 > 0; i--)
          {
            g_autofree char *text = g_strndup (words[w], i);
            type_text (store, text);
          }
      }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  wait_idle ();
}

static GtkCheckButton *
find_topic (const char *name)
{
  GtkWidget *list = child ("topic_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = GTK_IS_LIST_BOX_ROW (row) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) : NULL;

      if (GTK_IS_CHECK_BUTTON (check) && g_strcmp0 (g_object_get_data (G_OBJECT (check), "topic"), name) == 0)
        return GTK_CHECK_BUTTON (check);
    }
  return NULL;
}

static GStrv
topic_names (void)
{
  GtkWidget *list = child ("topic_list");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = GTK_IS_LIST_BOX_ROW (row) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) : NULL;

      if (GTK_IS_CHECK_BUTTON (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "topic"));
    }
  return g_strv_builder_end (builder);
}

/* Toggles @name; @selected is what the topic filter holds afterwards. */
static void
toggle_topic (MyelinStore        *store,
              const char         *name,
              const char * const *selected)
{
  GtkCheckButton *check = find_topic (name);
  guint falls0 = busy_falls;
  g_autoptr(MyelinQuery) query = window_query (NULL, selected);
  g_autofree char *label = g_strdup_printf ("\"%s%s\"", gtk_check_button_get_active (check) ? "-" : "+", name);
  gint64 t0;

  g_assert (check != NULL);
  t0 = bench_now ();
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
  finish_sample ("topic", t0, falls0, floor_refresh (store, query), label);
}

static void
bench_topics (MyelinStore *store)
{
  g_auto(GStrv) names = topic_names ();
  guint n = g_strv_length (names);

  /* Each topic alone, on then off. */
  for (guint i = 0; i < n; i++)
    {
      const char *one[] = { names[i], NULL };

      toggle_topic (store, names[i], one);
      toggle_topic (store, names[i], NULL);
    }
  /* Two at once: neighbours in the sidebar. */
  for (guint i = 0; i + 1 < n; i += 2)
    {
      const char *one[] = { names[i], NULL };
      const char *two[] = { names[i], names[i + 1], NULL };

      toggle_topic (store, names[i], one);
      toggle_topic (store, names[i + 1], two);
      toggle_topic (store, names[i + 1], one);
      toggle_topic (store, names[i], NULL);
    }
}

/* --- Tracing an opening (BENCH_TRACE=1) ------------------------------------ */

/* What runs on the main thread between an opening's action and its first
 * frame, on stderr, in ms since the action: each wake-up of the main loop
 * (how long it slept), each computation of the window's size and the
 * source it ran from, and the end of each of the frame's phases. This is
 * how the 20-35 ms wait before that frame was traced to GDK's X11 size
 * idle, which measured the whole article page. */

static gboolean tracing;
static gint64 trace_t0;
static GPollFunc default_poll;

static void G_GNUC_PRINTF (1, 2)
trace (const char *format,
       ...)
{
  va_list args;

  if (!tracing)
    return;
  fprintf (stderr, "%8.2f ", (bench_now () - trace_t0) / 1000.0);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
}

static gint
trace_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 start = bench_now ();
  gint ready = default_poll (fds, n_fds, timeout);

  trace ("main loop woke: slept %.2f ms (timeout %d ms), %d ready", (bench_now () - start) / 1000.0, timeout, ready);
  return ready;
}

static void
trace_compute_size (GdkToplevel *toplevel)
{
  GSource *source = g_main_current_source ();

  trace ("window size computed, in %s (priority %d)", source != NULL ? g_source_get_name (source) : "no source",
         source != NULL ? g_source_get_priority (source) : 0);
}

static void
trace_phase (GdkFrameClock *clock,
             const char    *what)
{
  trace ("frame: %s", what);
}

static void
trace_start (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  const char *phases[] = { "before-paint", "update", "layout", "paint", "after-paint" };

  if (g_getenv ("BENCH_TRACE") == NULL)
    return;
  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, trace_poll);
  /* After GTK's own handlers: when each phase, and each computation, is
   * done. */
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    g_signal_connect_data (clock, phases[i], G_CALLBACK (trace_phase), (gpointer) phases[i], NULL, G_CONNECT_AFTER);
  g_signal_connect_after (gtk_native_get_surface (GTK_NATIVE (widget)), "compute-size",
                          G_CALLBACK (trace_compute_size), NULL);
}

static void
trace_opening (const char *id,
               gint64      t0)
{
  gint64 start, layout_done, paint_done, end;

  if (default_poll == NULL)
    return;
  trace_t0 = t0;
  tracing = TRUE;
  bench_last_frame (&start, &layout_done, &paint_done, &end);
  trace ("open %s; the frame before started at %.2f, ended at %.2f", id, (start - t0) / 1000.0, (end - t0) / 1000.0);
}

static gboolean
leaflet_settled (gpointer data)
{
  AdwLeaflet *leaflet = child ("leaflet");

  return !adw_leaflet_get_child_transition_running (leaflet)
         && g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), data) == 0;
}

/* Opens articles spread over the first 2,000 cards: the time from the
 * action to the first frame showing the page (the leaflet's slide then
 * runs on; its end is printed too). */
static void
bench_open (MyelinStore *store)
{
  GListModel *articles = G_LIST_MODEL (myelin_window_get_article_list (window));
  guint n = MIN (g_list_model_get_n_items (articles), MEMORY_CARDS);

  for (guint i = 0; i < N_OPENS; i++)
    {
      g_autoptr(MyelinArticle) article = g_list_model_get_item (articles, i * (n / N_OPENS));
      g_autoptr(MyelinArticle) floor_article = NULL;
      g_autofree char *bundle_id = g_strdup (myelin_article_get_bundle_id (article));
      g_autofree char *id = g_strdup (myelin_article_get_id (article));
      gint64 t0, f0, action, start, layout_done, paint_done, end, settled;
      guint frames;

      f0 = bench_now ();
      floor_article = myelin_store_get_article (store, bundle_id, id, NULL);
      g_assert (floor_article != NULL);
      f0 = bench_now () - f0;

      frames = bench_frames ();
      t0 = bench_now ();
      trace_opening (id, t0);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.open-article", "(ss)", bundle_id, id);
      action = bench_now ();
      trace ("action returned");
      bench_wait_frame_after (frames);
      tracing = FALSE;
      bench_last_frame (&start, &layout_done, &paint_done, &end);
      bench_wait (leaflet_settled, (gpointer) "detail", 10, "the article page");
      settled = bench_now ();
      printf ("open %.2f %.2f %.2f %.2f %.2f %.2f %.2f \"%s\"\n", (end - t0) / 1000.0, (action - t0) / 1000.0,
              (end - action) / 1000.0, (settled - t0) / 1000.0, f0 / 1000.0,
              (layout_done - start) / 1000.0, (paint_done - layout_done) / 1000.0, id);
      fflush (stdout);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
      bench_wait (leaflet_settled, (gpointer) "browse", 10, "the grid");
      wait_idle ();
    }
}

static int
run_interact (gboolean open_only)
{
  g_autoptr(MyelinStore) store = NULL;

  open_window ();
  /* The window reads its index of the library once its first cards are
   * painted (~50 ms); nobody types sooner than a second after launch. */
  bench_spin (1000);
  store = myelin_store_open (myelin_store_get_path (myelin_application_get_store (app)), NULL);
  g_assert (store != NULL);
  /* The floor answers from the same index the window's worker keeps. */
  myelin_store_set_indexed (store, TRUE);
  if (!myelin_store_load_index (store, NULL))
    g_error ("Cannot read the library's index");
  trace_start (GTK_WIDGET (window));
  printf ("renderer %s\n", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  printf ("articles %u\n", g_list_model_get_n_items (G_LIST_MODEL (myelin_window_get_article_list (window))));
  if (!open_only)
    {
      bench_search (store);
      bench_topics (store);
    }
  bench_open (store);
  return 0;
}

static int
run_memory (void)
{
  guint64 rss_start, hwm_start, rss, hwm;

  open_window ();
  bench_memory (&rss_start, &hwm_start);
  bench_scroll_through (child ("grid"), MEMORY_CARDS, SCROLL_STEP);
  bench_memory (&rss, &hwm);
  printf ("rss-start-kib %" G_GUINT64_FORMAT "\nrss-kib %" G_GUINT64_FORMAT "\nhwm-kib %" G_GUINT64_FORMAT "\n",
          rss_start, rss, hwm);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  main_at = bench_now ();
  if (argc >= 2 && g_str_equal (argv[1], "launch"))
    {
      /* The program's name, then the reader's own options. */
      argv[1] = argv[0];
      return run_launch (argc - 1, argv + 1);
    }
  if (argc == 2 && g_str_equal (argv[1], "interact"))
    return run_interact (FALSE);
  if (argc == 3 && g_str_equal (argv[1], "interact") && g_str_equal (argv[2], "--open-only"))
    return run_interact (TRUE);
  if (argc == 2 && g_str_equal (argv[1], "memory"))
    return run_memory ();
  fprintf (stderr, "usage: %s launch [--library FILE] | interact [--open-only] | memory\n", argv[0]);
  return 2;
}
