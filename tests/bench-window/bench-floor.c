/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floors the reader window is measured against, built with GTK and
 * libadwaita alone (no Myelin code):
 *
 *   bench-floor empty  an empty AdwApplicationWindow; prints when its first
 *                      frame is painted, then quits
 *   bench-floor grid   an AdwApplicationWindow with a GtkGridView of 1,000
 *                      label cards (card-sized, styled like ours); scrolls
 *                      through them all, then prints its resident memory
 *
 * Both windows are 1100×760, the reader window's default size.
 * Times are CLOCK_MONOTONIC µs; the driver subtracts its own exec time.
 */
#include <adwaita.h>
#include <stdio.h>

#include "bench-window-util.h"

#define FLOOR_CARDS 1000
#define SCROLL_STEP 10

static const char *mode;
static gint64 main_at;

static void
on_first_frame (GdkFrameClock  *clock,
                GtkApplication *app)
{
  printf ("main %" G_GINT64_FORMAT "\nfirst-frame %" G_GINT64_FORMAT "\n", main_at, bench_now ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, app);
  g_application_quit (G_APPLICATION (app));
}

static void
on_realize (GtkWidget      *window,
            GtkApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_frame), app);
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "card");
  gtk_widget_add_css_class (label, "floor-card");
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static GtkWidget *
make_grid (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkStringList *strings = gtk_string_list_new (NULL);
  GtkWidget *grid;

  /* The same sizes as the reader's cards (data/style.css), so about as
   * many are on screen at once. */
  gtk_css_provider_load_from_data (css,
                                   ".floor-grid { padding: 12px; background: none; }"
                                   ".floor-grid > child { padding: 6px; border-radius: 12px; }"
                                   ".floor-card { padding: 14px; min-width: 220px; min-height: 200px; }",
                                   -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  for (guint i = 0; i < FLOOR_CARDS; i++)
    {
      g_autofree char *text = g_strdup_printf ("Card %u", i + 1);
      gtk_string_list_append (strings, text);
    }
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), NULL);
  grid = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (strings))),
                            g_object_ref (factory));
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (grid), 5);
  gtk_widget_add_css_class (grid, "floor-grid");
  return grid;
}

static void
run_grid (GtkWidget *window,
          GtkWidget *grid)
{
  guint64 rss_start, hwm_start, rss, hwm;

  bench_watch_frames (window);
  bench_draw (window);
  bench_memory (&rss_start, &hwm_start);
  bench_scroll_through (grid, FLOOR_CARDS, SCROLL_STEP);
  bench_memory (&rss, &hwm);
  printf ("rss-start-kib %" G_GUINT64_FORMAT "\nrss-kib %" G_GUINT64_FORMAT "\nhwm-kib %" G_GUINT64_FORMAT "\n",
          rss_start, rss, hwm);
  fflush (stdout);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  if (g_str_equal (mode, "empty"))
    {
      g_signal_connect (window, "realize", G_CALLBACK (on_realize), app);
      gtk_window_present (GTK_WINDOW (window));
    }
  else
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *grid = make_grid ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), scroller);
      gtk_window_present (GTK_WINDOW (window));
      run_grid (window, grid);
      g_application_quit (G_APPLICATION (app));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  main_at = bench_now ();
  if (argc != 2 || (!g_str_equal (argv[1], "empty") && !g_str_equal (argv[1], "grid")))
    {
      fprintf (stderr, "usage: %s empty|grid\n", argv[0]);
      return 2;
    }
  mode = argv[1];
  /* Like the reader: an application id and the same flags. */
  app = adw_application_new ("io.github.myelinreader.Myelin.BenchFloor", G_APPLICATION_HANDLES_OPEN);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
