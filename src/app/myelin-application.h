/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "myelin-speaker.h"
#include "myelin-store.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_APPLICATION (myelin_application_get_type ())
G_DECLARE_FINAL_TYPE (MyelinApplication, myelin_application, MYELIN, APPLICATION, AdwApplication)

typedef struct _MyelinKiosk MyelinKiosk;

MyelinApplication *myelin_application_new         (void);
MyelinStore       *myelin_application_get_store   (MyelinApplication *self);
GSettings         *myelin_application_get_settings (MyelinApplication *self);
MyelinSpeaker     *myelin_application_get_speaker (MyelinApplication *self);
const char        *myelin_application_get_sample_bundle (void);
MyelinKiosk       *myelin_application_get_kiosk   (MyelinApplication *self);

G_END_DECLS
