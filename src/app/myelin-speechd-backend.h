/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "myelin-speech-backend.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_SPEECHD_BACKEND (myelin_speechd_backend_get_type ())
G_DECLARE_FINAL_TYPE (MyelinSpeechdBackend, myelin_speechd_backend, MYELIN, SPEECHD_BACKEND, GObject)

MyelinSpeechBackend *myelin_speechd_backend_new (void);

G_END_DECLS
