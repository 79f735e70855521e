/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "myelin-speech-backend.h"

G_BEGIN_DECLS

/**
 * MyelinSpeakerState:
 * @MYELIN_SPEAKER_IDLE: nothing is being read
 * @MYELIN_SPEAKER_SPEAKING: reading
 * @MYELIN_SPEAKER_PAUSED: reading, paused
 */
typedef enum
{
  MYELIN_SPEAKER_IDLE,
  MYELIN_SPEAKER_SPEAKING,
  MYELIN_SPEAKER_PAUSED,
} MyelinSpeakerState;

#define MYELIN_TYPE_SPEAKER_STATE (myelin_speaker_state_get_type ())
GType myelin_speaker_state_get_type (void) G_GNUC_CONST;

#define MYELIN_TYPE_SPEAKER (myelin_speaker_get_type ())
G_DECLARE_FINAL_TYPE (MyelinSpeaker, myelin_speaker, MYELIN, SPEAKER, GObject)

MyelinSpeaker       *myelin_speaker_new_with_backend (MyelinSpeechBackend *backend);
MyelinSpeaker       *myelin_speaker_new              (void);

MyelinSpeechBackend *myelin_speaker_get_backend       (MyelinSpeaker       *self);
void                 myelin_speaker_set_backend       (MyelinSpeaker       *self,
                                                       MyelinSpeechBackend *backend);
gboolean             myelin_speaker_get_available     (MyelinSpeaker       *self);
MyelinSpeakerState   myelin_speaker_get_state         (MyelinSpeaker       *self);
int                  myelin_speaker_get_current_chunk (MyelinSpeaker       *self);

gboolean             myelin_speaker_speak             (MyelinSpeaker       *self,
                                                       const char * const  *chunks,
                                                       const char          *language);
void                 myelin_speaker_pause             (MyelinSpeaker       *self);
void                 myelin_speaker_resume            (MyelinSpeaker       *self);
void                 myelin_speaker_stop              (MyelinSpeaker       *self);

G_END_DECLS
