/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's idle timer on a manual clock: the countdown starts after the
 * idle time, ticks 10 to 1 a second apart, activity cancels it, the
 * timeout fires once and the timer waits again — all without waiting.
 */
#include "config.h"

#include <glib.h>

#include "myelin-clock.h"
#include "myelin-idle-timer.h"

#define IDLE_SECONDS 120
#define COUNTDOWN_SECONDS 10

typedef struct
{
  MyelinClock     *clock;
  MyelinIdleTimer *timer;
  GArray          *ticks;      /* guint: each countdown's remaining seconds */
  GArray          *tick_times; /* gint64: the clock when it came */
  guint            cancelled;
  guint            timeouts;
  gint64           timeout_time;
} Fixture;

static void
on_countdown (MyelinIdleTimer *timer,
              guint            remaining,
              Fixture         *f)
{
  gint64 now = myelin_clock_get_time (f->clock);

  g_array_append_val (f->ticks, remaining);
  g_array_append_val (f->tick_times, now);
}

static void
on_cancelled (MyelinIdleTimer *timer,
              Fixture         *f)
{
  f->cancelled++;
}

static void
on_timeout (MyelinIdleTimer *timer,
            Fixture         *f)
{
  f->timeouts++;
  f->timeout_time = myelin_clock_get_time (f->clock);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->clock = myelin_clock_new_manual ();
  f->timer = myelin_idle_timer_new (f->clock, IDLE_SECONDS, COUNTDOWN_SECONDS);
  f->ticks = g_array_new (FALSE, FALSE, sizeof (guint));
  f->tick_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (f->timer, "countdown", G_CALLBACK (on_countdown), f);
  g_signal_connect (f->timer, "cancelled", G_CALLBACK (on_cancelled), f);
  g_signal_connect (f->timer, "timeout", G_CALLBACK (on_timeout), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->timer);
  g_clear_object (&f->clock);
  g_array_unref (f->ticks);
  g_array_unref (f->tick_times);
}

static void
advance_seconds (Fixture *f,
                 double   seconds)
{
  myelin_clock_advance (f->clock, (guint) (seconds * 1000));
}

static void
test_countdown_starts_after_idle (Fixture       *f,
                                  gconstpointer  data)
{
  myelin_idle_timer_start (f->timer);
  g_assert_cmpint (myelin_idle_timer_get_state (f->timer), ==, MYELIN_IDLE_TIMER_WAITING);

  advance_seconds (f, IDLE_SECONDS - 0.001);
  g_assert_cmpuint (f->ticks->len, ==, 0);
  g_assert_cmpint (myelin_idle_timer_get_state (f->timer), ==, MYELIN_IDLE_TIMER_WAITING);
  g_assert_cmpuint (myelin_idle_timer_get_remaining (f->timer), ==, 0);

  advance_seconds (f, 0.001);
  g_assert_cmpuint (f->ticks->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->ticks, guint, 0), ==, COUNTDOWN_SECONDS);
  g_assert_cmpint (g_array_index (f->tick_times, gint64, 0), ==, IDLE_SECONDS * 1000);
  g_assert_cmpint (myelin_idle_timer_get_state (f->timer), ==, MYELIN_IDLE_TIMER_COUNTING_DOWN);
  g_assert_cmpuint (myelin_idle_timer_get_remaining (f->timer), ==, COUNTDOWN_SECONDS);
  g_assert_cmpuint (f->timeouts, ==, 0);
}

static void
test_ticks_ten_to_one (Fixture       *f,
                       gconstpointer  data)
{
  myelin_idle_timer_start (f->timer);
  advance_seconds (f, IDLE_SECONDS + COUNTDOWN_SECONDS - 1);

  g_assert_cmpuint (f->ticks->len, ==, COUNTDOWN_SECONDS);
  for (guint i = 0; i < COUNTDOWN_SECONDS; i++)
    {
      g_assert_cmpuint (g_array_index (f->ticks, guint, i), ==, COUNTDOWN_SECONDS - i);
      g_assert_cmpint (g_array_index (f->tick_times, gint64, i), ==, (IDLE_SECONDS + i) * 1000);
    }
  g_assert_cmpuint (myelin_idle_timer_get_remaining (f->timer), ==, 1);
  g_assert_cmpuint (f->timeouts, ==, 0);
}

static void
test_timeout_fires_once (Fixture       *f,
                         gconstpointer  data)
{
  myelin_idle_timer_start (f->timer);
  advance_seconds (f, IDLE_SECONDS + COUNTDOWN_SECONDS);

  g_assert_cmpuint (f->timeouts, ==, 1);
  g_assert_cmpint (f->timeout_time, ==, (IDLE_SECONDS + COUNTDOWN_SECONDS) * 1000);
  g_assert_cmpuint (f->ticks->len, ==, COUNTDOWN_SECONDS);
  g_assert_cmpuint (f->cancelled, ==, 0);
  /* Waiting again, and nothing more until a whole idle time has passed. */
  g_assert_cmpint (myelin_idle_timer_get_state (f->timer), ==, MYELIN_IDLE_TIMER_WAITING);
  advance_seconds (f, IDLE_SECONDS - 1);
  g_assert_cmpuint (f->timeouts, ==, 1);
  g_assert_cmpuint (f->ticks->len, ==, COUNTDOWN_SECONDS);
}

static void
test_restarts_after_timeout (Fixture       *f,
                             gconstpointer  data)
{
  myelin_idle_timer_start (f->timer);
  advance_seconds (f, IDLE_SECONDS + COUNTDOWN_SECONDS);
  g_assert_cmpuint (f->timeouts, ==, 1);

  /* A second full round, in one stretch of time. */
  advance_seconds (f, IDLE_SECONDS + COUNTDOWN_SECONDS);
  g_assert_cmpuint (f->timeouts, ==, 2);
  g_assert_cmpuint (f->ticks->len, ==, 2 * COUNTDOWN_SECONDS);
  g_assert_cmpuint (g_array_index (f->ticks, guint, COUNTDOWN_SECONDS), ==, COUNTDOWN_SECONDS);
  g_assert_cmpint (f->timeout_time, ==, 2 * (IDLE_SECONDS + COUNTDOWN_SECONDS) * 1000);
}

static void
test_activity_cancels_countdown (Fixture       *f,
                                 gconstpointer  data)
{
  myelin_idle_timer_start (f->timer);
  advance_seconds (f, IDLE_SECONDS + 3);
  g_assert_cmpuint (myelin_idle_timer_get_remaining (f->timer), ==, COUNTDOWN_SECONDS - 3);

  myelin_idle_timer_notice_activity (f->timer);
  g_assert_cmpuint (f->cancelled, ==, 1);
  g_assert_cmpint (myelin_idle_timer_get_state (f->timer), ==, MYELIN_IDLE_TIMER_WAITING);
  g_assert_cmpuint (myelin_idle_timer_get_remaining (f->timer), ==, 0);

  /* The countdown does not go on, and the wait starts from the touch. */
  advance_seconds (f, IDLE_SECONDS - 1);
  g_assert_cmpuint (f->ticks->len, ==, 4);
  g_assert_cmpuint (f->timeouts, ==, 0);
  advance_seconds (f, 1);
  g_assert_cmpuint (f->ticks->len, ==, 5);
  g_assert_cmpuint (g_array_index (f->ticks, guint, 4), ==, COUNTDOWN_SECONDS);
  advance_seconds (f, COUNTDOWN_SECONDS);
  g_assert_cmpuint (f->timeouts, ==, 1);
  g_assert_cmpuint (f->cancelled, ==, 1);
}

static void
test_activity_extends_wait (Fixture       *f,
                            gconstpointer  data)
{
  myelin_idle_timer_start (f->timer);
  advance_seconds (f, IDLE_SECONDS - 10);
  myelin_idle_timer_notice_activity (f->timer);
  advance_seconds (f, 20);
  /* 130 s since the start, but only 20 since the last touch. */
  g_assert_cmpuint (f->ticks->len, ==, 0);
  g_assert_cmpuint (f->cancelled, ==, 0);

  advance_seconds (f, IDLE_SECONDS - 20);
  g_assert_cmpuint (f->ticks->len, ==, 1);
  g_assert_cmpint (g_array_index (f->tick_times, gint64, 0), ==, (2 * IDLE_SECONDS - 10) * 1000);
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  myelin_idle_timer_start (f->timer);
  advance_seconds (f, IDLE_SECONDS + 2);
  myelin_idle_timer_stop (f->timer);
  g_assert_cmpint (myelin_idle_timer_get_state (f->timer), ==, MYELIN_IDLE_TIMER_STOPPED);

  /* Stopping is not a cancel, and activity does not wake a stopped timer. */
  myelin_idle_timer_notice_activity (f->timer);
  advance_seconds (f, 10 * IDLE_SECONDS);
  g_assert_cmpuint (f->cancelled, ==, 0);
  g_assert_cmpuint (f->timeouts, ==, 0);
  g_assert_cmpuint (f->ticks->len, ==, 3);
  g_assert_cmpint (myelin_idle_timer_get_state (f->timer), ==, MYELIN_IDLE_TIMER_STOPPED);
}

/* A handler of "timeout" may stop the timer (the kiosk does, until the
 * next visitor touches the screen). */
static void
stop_on_timeout (MyelinIdleTimer *timer,
                 gpointer         data)
{
  myelin_idle_timer_stop (timer);
}

static void
test_stop_from_timeout (Fixture       *f,
                        gconstpointer  data)
{
  g_signal_connect (f->timer, "timeout", G_CALLBACK (stop_on_timeout), NULL);
  myelin_idle_timer_start (f->timer);
  advance_seconds (f, 5 * (IDLE_SECONDS + COUNTDOWN_SECONDS));
  g_assert_cmpuint (f->timeouts, ==, 1);
  g_assert_cmpint (myelin_idle_timer_get_state (f->timer), ==, MYELIN_IDLE_TIMER_STOPPED);

  myelin_idle_timer_start (f->timer);
  advance_seconds (f, IDLE_SECONDS + COUNTDOWN_SECONDS);
  g_assert_cmpuint (f->timeouts, ==, 2);
}

static void
test_set_clock (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(MyelinClock) other = myelin_clock_new_manual ();

  myelin_idle_timer_start (f->timer);
  advance_seconds (f, IDLE_SECONDS - 1);
  myelin_idle_timer_set_clock (f->timer, other);
  g_assert_true (myelin_idle_timer_get_clock (f->timer) == other);

  /* The old clock no longer drives it; the new one starts a whole wait. */
  advance_seconds (f, 10 * IDLE_SECONDS);
  g_assert_cmpuint (f->ticks->len, ==, 0);
  myelin_clock_advance (other, IDLE_SECONDS * 1000);
  g_assert_cmpuint (f->ticks->len, ==, 1);
}

static int calls;

static void
count_call (gpointer data)
{
  calls++;
  g_assert_cmpint (myelin_clock_get_time (data), ==, 50);
}

static void
test_manual_clock (void)
{
  g_autoptr(MyelinClock) clock = myelin_clock_new_manual ();
  guint removed;

  g_assert_true (myelin_clock_is_manual (clock));
  g_assert_cmpint (myelin_clock_get_time (clock), ==, 0);
  myelin_clock_add_timeout (clock, 50, count_call, clock);
  removed = myelin_clock_add_timeout (clock, 20, count_call, clock);
  myelin_clock_remove_timeout (clock, removed);
  myelin_clock_advance (clock, 49);
  g_assert_cmpint (calls, ==, 0);
  myelin_clock_advance (clock, 100);
  g_assert_cmpint (calls, ==, 1);
  g_assert_cmpint (myelin_clock_get_time (clock), ==, 149);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/idle-timer/manual-clock", test_manual_clock);
#define ADD(path, func) g_test_add ("/idle-timer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("countdown-starts-after-idle", test_countdown_starts_after_idle);
  ADD ("ticks-ten-to-one", test_ticks_ten_to_one);
  ADD ("timeout-fires-once", test_timeout_fires_once);
  ADD ("restarts-after-timeout", test_restarts_after_timeout);
  ADD ("activity-cancels-countdown", test_activity_cancels_countdown);
  ADD ("activity-extends-wait", test_activity_extends_wait);
  ADD ("stop", test_stop);
  ADD ("stop-from-timeout", test_stop_from_timeout);
  ADD ("set-clock", test_set_clock);
#undef ADD

  return g_test_run ();
}
