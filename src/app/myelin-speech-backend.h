/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * MyelinSpeechEvent:
 *
 * What a speech backend reports about a message it was given.
 */
typedef enum
{
  MYELIN_SPEECH_EVENT_BEGIN,
  MYELIN_SPEECH_EVENT_END,
  MYELIN_SPEECH_EVENT_CANCEL,
  MYELIN_SPEECH_EVENT_PAUSE,
  MYELIN_SPEECH_EVENT_RESUME,
} MyelinSpeechEvent;

#define MYELIN_TYPE_SPEECH_EVENT (myelin_speech_event_get_type ())
GType myelin_speech_event_get_type (void) G_GNUC_CONST;

#define MYELIN_TYPE_SPEECH_BACKEND (myelin_speech_backend_get_type ())
G_DECLARE_INTERFACE (MyelinSpeechBackend, myelin_speech_backend, MYELIN, SPEECH_BACKEND, GObject)

/**
 * MyelinSpeechBackendInterface:
 * @probe_async: finds out, without blocking the caller, whether speech can
 *   be had at all (and connects if so)
 * @probe_finish: %TRUE when it can
 * @say: queues @text as plain text, never markup; returns its message id
 *   (never 0), or 0 with @error set
 * @pause: pauses what is being said
 * @resume: resumes it
 * @cancel: stops it and drops what is queued
 *
 * Events about a message arrive, on the main context, as the
 * #MyelinSpeechBackend::event signal.
 */
struct _MyelinSpeechBackendInterface
{
  GTypeInterface parent_iface;

  void     (*probe_async)  (MyelinSpeechBackend  *self,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data);
  gboolean (*probe_finish) (MyelinSpeechBackend  *self,
                            GAsyncResult         *result,
                            GError              **error);
  guint    (*say)          (MyelinSpeechBackend  *self,
                            const char           *text,
                            const char           *language,
                            GError              **error);
  void     (*pause)        (MyelinSpeechBackend  *self);
  void     (*resume)       (MyelinSpeechBackend  *self);
  void     (*cancel)       (MyelinSpeechBackend  *self);
};

void     myelin_speech_backend_probe_async  (MyelinSpeechBackend  *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean myelin_speech_backend_probe_finish (MyelinSpeechBackend  *self,
                                             GAsyncResult         *result,
                                             GError              **error);
guint    myelin_speech_backend_say          (MyelinSpeechBackend  *self,
                                             const char           *text,
                                             const char           *language,
                                             GError              **error);
void     myelin_speech_backend_pause        (MyelinSpeechBackend  *self);
void     myelin_speech_backend_resume       (MyelinSpeechBackend  *self);
void     myelin_speech_backend_cancel       (MyelinSpeechBackend  *self);
void     myelin_speech_backend_emit_event   (MyelinSpeechBackend  *self,
                                             guint                 message_id,
                                             MyelinSpeechEvent     event);

G_END_DECLS
