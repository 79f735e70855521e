/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's idle timer, without GTK: after a stretch with no activity it
 * counts down ("countdown" with 10, 9, … 1, a second apart), then emits
 * "timeout" once and starts waiting again. Activity during the countdown
 * cancels it ("cancelled"). Time comes from a MyelinClock, so tests drive
 * it with a manual clock instead of waiting.
 *
 * Activity is frequent (every pointer motion), so noticing it only notes
 * the time: the wait is not rescheduled on every event but, when it ends,
 * measured again from the last activity and extended if need be.
 */
#define G_LOG_DOMAIN "myelin-idle-timer"

#include "config.h"

#include "myelin-idle-timer.h"

struct _MyelinIdleTimer
{
  GObject               parent_instance;

  MyelinClock          *clock;
  guint                 idle_seconds;
  guint                 countdown_seconds;
  MyelinIdleTimerState  state;
  gint64                last_activity;  /* clock time, ms */
  guint                 remaining;      /* seconds, while counting down */
  guint                 timeout_id;     /* on clock */
};

enum { COUNTDOWN, CANCELLED, TIMEOUT, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MyelinIdleTimer, myelin_idle_timer, G_TYPE_OBJECT)

static void on_timeout (gpointer user_data);

static void
unschedule (MyelinIdleTimer *self)
{
  if (self->timeout_id != 0)
    myelin_clock_remove_timeout (self->clock, self->timeout_id);
  self->timeout_id = 0;
}

static void
schedule (MyelinIdleTimer *self,
          gint64           milliseconds)
{
  unschedule (self);
  self->timeout_id = myelin_clock_add_timeout (self->clock, (guint) MAX (milliseconds, 0), on_timeout, self);
}

static void
wait_from_now (MyelinIdleTimer *self)
{
  self->state = MYELIN_IDLE_TIMER_WAITING;
  self->last_activity = myelin_clock_get_time (self->clock);
  schedule (self, (gint64) self->idle_seconds * 1000);
}

static void
waited (MyelinIdleTimer *self)
{
  gint64 idle_for = myelin_clock_get_time (self->clock) - self->last_activity;
  gint64 wanted = (gint64) self->idle_seconds * 1000;

  if (idle_for < wanted)
    {
      schedule (self, wanted - idle_for);
      return;
    }
  self->state = MYELIN_IDLE_TIMER_COUNTING_DOWN;
  self->remaining = self->countdown_seconds;
  schedule (self, 1000);
  g_signal_emit (self, signals[COUNTDOWN], 0, self->remaining);
}

static void
counted (MyelinIdleTimer *self)
{
  self->remaining--;
  if (self->remaining > 0)
    {
      schedule (self, 1000);
      g_signal_emit (self, signals[COUNTDOWN], 0, self->remaining);
      return;
    }
  /* Waiting again before the signal: a handler may stop or restart us. */
  wait_from_now (self);
  g_signal_emit (self, signals[TIMEOUT], 0);
}

static void
on_timeout (gpointer user_data)
{
  MyelinIdleTimer *self = user_data;

  self->timeout_id = 0;
  g_object_ref (self);
  if (self->state == MYELIN_IDLE_TIMER_WAITING)
    waited (self);
  else if (self->state == MYELIN_IDLE_TIMER_COUNTING_DOWN)
    counted (self);
  g_object_unref (self);
}

static void
myelin_idle_timer_dispose (GObject *object)
{
  MyelinIdleTimer *self = MYELIN_IDLE_TIMER (object);

  if (self->clock != NULL)
    unschedule (self);
  g_clear_object (&self->clock);
  G_OBJECT_CLASS (myelin_idle_timer_parent_class)->dispose (object);
}

static void
myelin_idle_timer_class_init (MyelinIdleTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = myelin_idle_timer_dispose;

  /**
   * MyelinIdleTimer::countdown:
   * @remaining: seconds left before the timeout, from the countdown's
   *   length down to 1
   */
  signals[COUNTDOWN] = g_signal_new ("countdown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* Activity ended a countdown before it ran out. */
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The countdown ran out; the timer is waiting again. */
  signals[TIMEOUT] = g_signal_new ("timeout", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
myelin_idle_timer_init (MyelinIdleTimer *self)
{
  self->state = MYELIN_IDLE_TIMER_STOPPED;
}

/**
 * myelin_idle_timer_new:
 * @clock: (nullable): where time comes from; %NULL for the main loop's
 * @idle_seconds: how long without activity before the countdown starts
 * @countdown_seconds: how long the countdown lasts, at least 1
 *
 * Returns: (transfer full): a stopped timer
 */
MyelinIdleTimer *
myelin_idle_timer_new (MyelinClock *clock,
                       guint        idle_seconds,
                       guint        countdown_seconds)
{
  MyelinIdleTimer *self;

  g_return_val_if_fail (clock == NULL || MYELIN_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (countdown_seconds > 0, NULL);

  self = g_object_new (MYELIN_TYPE_IDLE_TIMER, NULL);
  self->clock = clock != NULL ? g_object_ref (clock) : myelin_clock_new ();
  self->idle_seconds = idle_seconds;
  self->countdown_seconds = countdown_seconds;
  return self;
}

/**
 * myelin_idle_timer_set_clock:
 *
 * Moves the timer to another clock (tests hand it a manual one); a timer
 * that was running starts waiting again from the new clock's now.
 */
void
myelin_idle_timer_set_clock (MyelinIdleTimer *self,
                             MyelinClock     *clock)
{
  gboolean running;

  g_return_if_fail (MYELIN_IS_IDLE_TIMER (self));
  g_return_if_fail (MYELIN_IS_CLOCK (clock));

  running = self->state != MYELIN_IDLE_TIMER_STOPPED;
  unschedule (self);
  g_set_object (&self->clock, clock);
  if (running)
    wait_from_now (self);
}

/**
 * myelin_idle_timer_get_clock:
 *
 * Returns: (transfer none): the clock
 */
MyelinClock *
myelin_idle_timer_get_clock (MyelinIdleTimer *self)
{
  g_return_val_if_fail (MYELIN_IS_IDLE_TIMER (self), NULL);
  return self->clock;
}

/* Takes effect from the next wait. */
void
myelin_idle_timer_set_idle_seconds (MyelinIdleTimer *self,
                                    guint            idle_seconds)
{
  g_return_if_fail (MYELIN_IS_IDLE_TIMER (self));
  self->idle_seconds = idle_seconds;
}

guint
myelin_idle_timer_get_idle_seconds (MyelinIdleTimer *self)
{
  g_return_val_if_fail (MYELIN_IS_IDLE_TIMER (self), 0);
  return self->idle_seconds;
}

/**
 * myelin_idle_timer_start:
 *
 * Starts waiting from now; a running timer starts its wait again.
 */
void
myelin_idle_timer_start (MyelinIdleTimer *self)
{
  g_return_if_fail (MYELIN_IS_IDLE_TIMER (self));
  wait_from_now (self);
}

/**
 * myelin_idle_timer_stop:
 *
 * Stops the timer, countdown included, without "cancelled".
 */
void
myelin_idle_timer_stop (MyelinIdleTimer *self)
{
  g_return_if_fail (MYELIN_IS_IDLE_TIMER (self));
  unschedule (self);
  self->state = MYELIN_IDLE_TIMER_STOPPED;
}

/**
 * myelin_idle_timer_notice_activity:
 *
 * Someone is there: the wait starts again from now, and a countdown under
 * way is cancelled. A stopped timer stays stopped.
 */
void
myelin_idle_timer_notice_activity (MyelinIdleTimer *self)
{
  g_return_if_fail (MYELIN_IS_IDLE_TIMER (self));

  switch (self->state)
    {
    case MYELIN_IDLE_TIMER_STOPPED:
      break;
    case MYELIN_IDLE_TIMER_WAITING:
      self->last_activity = myelin_clock_get_time (self->clock);
      break;
    case MYELIN_IDLE_TIMER_COUNTING_DOWN:
      wait_from_now (self);
      g_signal_emit (self, signals[CANCELLED], 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

MyelinIdleTimerState
myelin_idle_timer_get_state (MyelinIdleTimer *self)
{
  g_return_val_if_fail (MYELIN_IS_IDLE_TIMER (self), MYELIN_IDLE_TIMER_STOPPED);
  return self->state;
}

/**
 * myelin_idle_timer_get_remaining:
 *
 * Returns: the seconds left in the countdown, or 0 when not counting down
 */
guint
myelin_idle_timer_get_remaining (MyelinIdleTimer *self)
{
  g_return_val_if_fail (MYELIN_IS_IDLE_TIMER (self), 0);
  return self->state == MYELIN_IDLE_TIMER_COUNTING_DOWN ? self->remaining : 0;
}
