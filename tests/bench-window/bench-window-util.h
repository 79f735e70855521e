/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the window benchmark programs (ours and the floors): the
 * clock, frames, scrolling a grid, resident memory.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The time every program prints: CLOCK_MONOTONIC in µs, the clock the
 * driver reads (time.monotonic_ns) just before it starts a program. */
#define bench_now() g_get_monotonic_time ()

/* Counts @widget's frames; call once its root is realized. */
void     bench_watch_frames     (GtkWidget *widget);
/* How many frames have been painted. */
guint    bench_frames           (void);
/* When the last frame started, finished its layout phase (sizes, binding
 * list items), finished its paint phase (snapshot, render) and ended (µs). */
void     bench_last_frame       (gint64 *start,
                                 gint64 *layout_done,
                                 gint64 *paint_done,
                                 gint64 *end);

/* Runs the main loop until @done returns TRUE; aborts the program after
 * @timeout_s seconds, saying @what. */
void     bench_wait             (gboolean  (*done) (gpointer data),
                                 gpointer    data,
                                 guint       timeout_s,
                                 const char *what);
/* Runs the main loop until a frame after @n_frames has been painted. */
void     bench_wait_frame_after (guint       n_frames);
/* Asks @widget for a frame and waits until it is painted. */
void     bench_draw             (GtkWidget  *widget);
/* Runs the main loop for @ms milliseconds. */
void     bench_spin             (guint       ms);

/* Scrolls @grid (a GtkGridView, or Myelin's card grid, which has the same
 * list.scroll-to-item action) from the top to item @n_items - 1 in steps
 * of @step items, drawing each step. */
void     bench_scroll_through   (GtkWidget  *grid,
                                 guint       n_items,
                                 guint       step);

/* VmRSS and VmHWM from /proc/self/status, in KiB. With BENCH_SMAPS=PREFIX
 * in the environment, also copies /proc/self/smaps and malloc_info() to
 * PREFIX.N.smaps and PREFIX.N.malloc, N counting the calls from 0. */
void     bench_memory           (guint64    *rss_kib,
                                 guint64    *hwm_kib);

G_END_DECLS
