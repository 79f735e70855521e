/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "myelin-clock.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_IDLE_TIMER (myelin_idle_timer_get_type ())
G_DECLARE_FINAL_TYPE (MyelinIdleTimer, myelin_idle_timer, MYELIN, IDLE_TIMER, GObject)

typedef enum
{
  MYELIN_IDLE_TIMER_STOPPED,
  MYELIN_IDLE_TIMER_WAITING,
  MYELIN_IDLE_TIMER_COUNTING_DOWN,
} MyelinIdleTimerState;

MyelinIdleTimer      *myelin_idle_timer_new              (MyelinClock     *clock,
                                                          guint            idle_seconds,
                                                          guint            countdown_seconds);
void                  myelin_idle_timer_set_clock        (MyelinIdleTimer *self,
                                                          MyelinClock     *clock);
MyelinClock          *myelin_idle_timer_get_clock        (MyelinIdleTimer *self);
void                  myelin_idle_timer_set_idle_seconds (MyelinIdleTimer *self,
                                                          guint            idle_seconds);
guint                 myelin_idle_timer_get_idle_seconds (MyelinIdleTimer *self);
void                  myelin_idle_timer_start            (MyelinIdleTimer *self);
void                  myelin_idle_timer_stop             (MyelinIdleTimer *self);
void                  myelin_idle_timer_notice_activity  (MyelinIdleTimer *self);
MyelinIdleTimerState  myelin_idle_timer_get_state        (MyelinIdleTimer *self);
guint                 myelin_idle_timer_get_remaining    (MyelinIdleTimer *self);

G_END_DECLS
