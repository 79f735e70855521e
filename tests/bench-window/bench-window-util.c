/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the window benchmark programs: see bench-window-util.h.
 */
#include "bench-window-util.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

static guint n_frames;
static gint64 frame_start;
static gint64 layout_end;
static gint64 paint_end;
static gint64 frame_end;

static void
on_before_paint (GdkFrameClock *clock)
{
  frame_start = bench_now ();
}

static void
on_layout_done (GdkFrameClock *clock)
{
  layout_end = bench_now ();
}

static void
on_paint_done (GdkFrameClock *clock)
{
  paint_end = bench_now ();
}

static void
on_after_paint (GdkFrameClock *clock)
{
  frame_end = bench_now ();
  n_frames++;
}

void
bench_watch_frames (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_assert (clock != NULL);
  /* After GTK's own handlers, whenever those were connected: the ends of
   * the layout phase (sizes, and binding list items) and of the paint
   * phase (snapshot and render). */
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_done), NULL);
  g_signal_connect_after (clock, "paint", G_CALLBACK (on_paint_done), NULL);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
}

guint
bench_frames (void)
{
  return n_frames;
}

void
bench_last_frame (gint64 *start,
                  gint64 *layout_done,
                  gint64 *paint_done,
                  gint64 *end)
{
  *start = frame_start;
  /* A phase that did not run in this frame took no time. */
  *layout_done = layout_end >= frame_start ? layout_end : frame_start;
  *paint_done = paint_end >= *layout_done ? paint_end : *layout_done;
  *end = frame_end;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
bench_wait (gboolean  (*done) (gpointer data),
            gpointer    data,
            guint       timeout_s,
            const char *what)
{
  gint64 deadline = bench_now () + (gint64) timeout_s * G_USEC_PER_SEC;
  /* Wakes the blocking loop now and then, so the deadline is seen even
   * when nothing happens; it costs nothing measurable. */
  guint wake_id = g_timeout_add (250, wake_up, NULL);

  while (!done (data))
    {
      if (bench_now () > deadline)
        {
          fprintf (stderr, "bench: timed out after %u s waiting for %s\n", timeout_s, what);
          exit (1);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake_id);
}

static gboolean
frame_after (gpointer data)
{
  return n_frames > GPOINTER_TO_UINT (data);
}

void
bench_wait_frame_after (guint n)
{
  bench_wait (frame_after, GUINT_TO_POINTER (n), 30, "a frame");
}

void
bench_draw (GtkWidget *widget)
{
  guint n = n_frames;

  gtk_widget_queue_draw (widget);
  bench_wait_frame_after (n);
}

static gboolean
time_passed (gpointer data)
{
  return bench_now () >= *(gint64 *) data;
}

void
bench_spin (guint ms)
{
  gint64 until = bench_now () + (gint64) ms * 1000;

  bench_wait (time_passed, &until, ms / 1000 + 30, "time to pass");
}

void
bench_scroll_through (GtkWidget *grid,
                      guint      n_items,
                      guint      step)
{
  for (guint i = 0; i < n_items; i += step)
    {
      gtk_widget_activate_action (grid, "list.scroll-to-item", "u", i);
      bench_draw (grid);
    }
  gtk_widget_activate_action (grid, "list.scroll-to-item", "u", n_items - 1);
  bench_draw (grid);
}

/* Opt-in, to find where the memory is: with BENCH_SMAPS=PREFIX, each
 * measurement also copies /proc/self/smaps (per mapping) and glibc's
 * malloc_info (per arena) to PREFIX.N.smaps and PREFIX.N.malloc, N counting
 * the measurements from 0 (0 at the first frame, 1 after scrolling). */
static void
dump_memory_maps (void)
{
  static guint n_dumps;
  const char *prefix = g_getenv ("BENCH_SMAPS");
  g_autofree char *smaps = NULL;
  g_autofree char *smaps_path = NULL;
  g_autofree char *malloc_path = NULL;
  FILE *f;

  if (prefix == NULL || *prefix == '\0')
    return;
  smaps_path = g_strdup_printf ("%s.%u.smaps", prefix, n_dumps);
  malloc_path = g_strdup_printf ("%s.%u.malloc", prefix, n_dumps);
  n_dumps++;
  if (g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    g_file_set_contents (smaps_path, smaps, -1, NULL);
  f = fopen (malloc_path, "w");
  if (f != NULL)
    {
      malloc_info (0, f);
      fclose (f);
    }
}

void
bench_memory (guint64 *rss_kib,
              guint64 *hwm_kib)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  *rss_kib = *hwm_kib = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "VmRSS:"))
        *rss_kib = g_ascii_strtoull (lines[i] + 6, NULL, 10);
      else if (g_str_has_prefix (lines[i], "VmHWM:"))
        *hwm_kib = g_ascii_strtoull (lines[i] + 6, NULL, 10);
    }
  /* After reading the figures, so that copying does not count. */
  dump_memory_maps ();
}
