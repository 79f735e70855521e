/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "myelin-speech-backend.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_FAKE_SPEECH_BACKEND (myelin_fake_speech_backend_get_type ())
G_DECLARE_FINAL_TYPE (MyelinFakeSpeechBackend, myelin_fake_speech_backend, MYELIN, FAKE_SPEECH_BACKEND, GObject)

MyelinFakeSpeechBackend *myelin_fake_speech_backend_new          (gboolean                 available);
GPtrArray               *myelin_fake_speech_backend_get_said     (MyelinFakeSpeechBackend *self);
const char              *myelin_fake_speech_backend_get_language (MyelinFakeSpeechBackend *self);
const char              *myelin_fake_speech_backend_get_calls    (MyelinFakeSpeechBackend *self);
guint                    myelin_fake_speech_backend_get_last_id  (MyelinFakeSpeechBackend *self);
void                     myelin_fake_speech_backend_emit         (MyelinFakeSpeechBackend *self,
                                                                  MyelinSpeechEvent        event);
void                     myelin_fake_speech_backend_clear        (MyelinFakeSpeechBackend *self);

G_END_DECLS
