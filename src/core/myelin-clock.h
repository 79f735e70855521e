/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MYELIN_TYPE_CLOCK (myelin_clock_get_type ())
G_DECLARE_FINAL_TYPE (MyelinClock, myelin_clock, MYELIN, CLOCK, GObject)

/* Called once when a timeout is due. */
typedef void (*MyelinClockFunc) (gpointer user_data);

MyelinClock *myelin_clock_new            (void);
MyelinClock *myelin_clock_new_manual     (void);
gboolean     myelin_clock_is_manual      (MyelinClock     *self);
gint64       myelin_clock_get_time       (MyelinClock     *self);
guint        myelin_clock_add_timeout    (MyelinClock     *self,
                                          guint            milliseconds,
                                          MyelinClockFunc  func,
                                          gpointer         user_data);
void         myelin_clock_remove_timeout (MyelinClock     *self,
                                          guint            id);
void         myelin_clock_advance        (MyelinClock     *self,
                                          guint            milliseconds);

G_END_DECLS
