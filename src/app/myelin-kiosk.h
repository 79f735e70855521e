/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "myelin-clock.h"
#include "myelin-idle-timer.h"
#include "myelin-window.h"

G_BEGIN_DECLS

/* What a kiosk's idle notice counts down from, in seconds. */
#define MYELIN_KIOSK_COUNTDOWN_SECONDS 10
/* The text size on a kiosk when the settings do not name one. */
#define MYELIN_KIOSK_TEXT_SCALE 1.25

#define MYELIN_TYPE_KIOSK (myelin_kiosk_get_type ())
G_DECLARE_FINAL_TYPE (MyelinKiosk, myelin_kiosk, MYELIN, KIOSK, GObject)

MyelinKiosk     *myelin_kiosk_new             (MyelinWindow *window,
                                               GSettings    *settings);
MyelinIdleTimer *myelin_kiosk_get_idle_timer  (MyelinKiosk  *self);
void             myelin_kiosk_set_clock       (MyelinKiosk  *self,
                                               MyelinClock  *clock);
void             myelin_kiosk_notice_activity (MyelinKiosk  *self);
void             myelin_kiosk_reset           (MyelinKiosk  *self);

G_END_DECLS
