/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time, and one-shot timeouts, as the main loop gives them — or, for
 * tests, a manual clock that only moves when told to, so that two minutes
 * of idleness take no time at all. Code that waits (the kiosk's idle
 * timer) asks a MyelinClock instead of GLib, and tests hand it a manual one.
 */
#define G_LOG_DOMAIN "myelin-clock"

#include "config.h"

#include "myelin-clock.h"

typedef struct
{
  guint            id;
  gint64           due;   /* manual clocks only, in milliseconds */
  MyelinClockFunc  func;
  gpointer         user_data;
} Timeout;

struct _MyelinClock
{
  GObject   parent_instance;

  gboolean  manual;
  gint64    now;          /* manual clocks only, in milliseconds */
  guint     last_id;
  GArray   *pending;      /* Timeout, manual clocks only */
};

G_DEFINE_FINAL_TYPE (MyelinClock, myelin_clock, G_TYPE_OBJECT)

static gboolean
on_system_timeout (gpointer data)
{
  Timeout *timeout = data;

  timeout->func (timeout->user_data);
  return G_SOURCE_REMOVE;
}

/* The earliest due timeout at or before @until, or -1; among equals, the
 * one added first, as the main loop would. */
static int
next_due (MyelinClock *self,
          gint64       until)
{
  int found = -1;

  for (guint i = 0; i < self->pending->len; i++)
    {
      Timeout *t = &g_array_index (self->pending, Timeout, i);

      if (t->due <= until && (found < 0 || t->due < g_array_index (self->pending, Timeout, found).due))
        found = (int) i;
    }
  return found;
}

static void
myelin_clock_finalize (GObject *object)
{
  MyelinClock *self = MYELIN_CLOCK (object);

  g_clear_pointer (&self->pending, g_array_unref);
  G_OBJECT_CLASS (myelin_clock_parent_class)->finalize (object);
}

static void
myelin_clock_class_init (MyelinClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = myelin_clock_finalize;
}

static void
myelin_clock_init (MyelinClock *self)
{
  self->pending = g_array_new (FALSE, FALSE, sizeof (Timeout));
}

/**
 * myelin_clock_new:
 *
 * Returns: (transfer full): a clock on the main loop's monotonic time
 */
MyelinClock *
myelin_clock_new (void)
{
  return g_object_new (MYELIN_TYPE_CLOCK, NULL);
}

/**
 * myelin_clock_new_manual:
 *
 * Returns: (transfer full): a clock at time 0 that moves only with
 *   myelin_clock_advance(), running the timeouts that fall due on the way
 */
MyelinClock *
myelin_clock_new_manual (void)
{
  MyelinClock *self = myelin_clock_new ();

  self->manual = TRUE;
  return self;
}

gboolean
myelin_clock_is_manual (MyelinClock *self)
{
  g_return_val_if_fail (MYELIN_IS_CLOCK (self), FALSE);
  return self->manual;
}

/**
 * myelin_clock_get_time:
 *
 * Returns: the time in milliseconds, monotonic, from an arbitrary start
 */
gint64
myelin_clock_get_time (MyelinClock *self)
{
  g_return_val_if_fail (MYELIN_IS_CLOCK (self), 0);
  return self->manual ? self->now : g_get_monotonic_time () / 1000;
}

/**
 * myelin_clock_add_timeout:
 * @func: called once, @milliseconds from now
 *
 * Returns: an id for myelin_clock_remove_timeout(), never 0
 */
guint
myelin_clock_add_timeout (MyelinClock     *self,
                          guint            milliseconds,
                          MyelinClockFunc  func,
                          gpointer         user_data)
{
  Timeout timeout = { 0, 0, func, user_data };

  g_return_val_if_fail (MYELIN_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  if (!self->manual)
    return g_timeout_add_full (G_PRIORITY_DEFAULT, milliseconds, on_system_timeout,
                               g_memdup2 (&timeout, sizeof timeout), g_free);

  timeout.id = ++self->last_id;
  timeout.due = self->now + milliseconds;
  g_array_append_val (self->pending, timeout);
  return timeout.id;
}

/**
 * myelin_clock_remove_timeout:
 * @id: from myelin_clock_add_timeout(), not yet run
 */
void
myelin_clock_remove_timeout (MyelinClock *self,
                             guint        id)
{
  g_return_if_fail (MYELIN_IS_CLOCK (self));
  g_return_if_fail (id != 0);

  if (!self->manual)
    {
      g_source_remove (id);
      return;
    }
  for (guint i = 0; i < self->pending->len; i++)
    if (g_array_index (self->pending, Timeout, i).id == id)
      {
        g_array_remove_index (self->pending, i);
        return;
      }
  g_critical ("No timeout %u on this clock", id);
}

/**
 * myelin_clock_advance:
 *
 * Moves a manual clock on by @milliseconds, running each timeout that
 * falls due on the way at its own time, in order; a timeout added by one
 * of them runs too when it falls within the same stretch.
 */
void
myelin_clock_advance (MyelinClock *self,
                      guint        milliseconds)
{
  gint64 until;
  int i;

  g_return_if_fail (MYELIN_IS_CLOCK (self));
  g_return_if_fail (self->manual);

  until = self->now + milliseconds;
  g_object_ref (self);
  while ((i = next_due (self, until)) >= 0)
    {
      Timeout timeout = g_array_index (self->pending, Timeout, i);

      g_array_remove_index (self->pending, (guint) i);
      self->now = timeout.due;
      timeout.func (timeout.user_data);
    }
  self->now = until;
  g_object_unref (self);
}
