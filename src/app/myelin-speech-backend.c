/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What MyelinSpeaker needs of a speech engine, so that the real one
 * (speech-dispatcher) can be swapped for a fake in tests.
 */
#define G_LOG_DOMAIN "myelin-speech"

#include "config.h"

#include "myelin-speech-backend.h"

G_DEFINE_ENUM_TYPE (MyelinSpeechEvent, myelin_speech_event,
                    G_DEFINE_ENUM_VALUE (MYELIN_SPEECH_EVENT_BEGIN, "begin"),
                    G_DEFINE_ENUM_VALUE (MYELIN_SPEECH_EVENT_END, "end"),
                    G_DEFINE_ENUM_VALUE (MYELIN_SPEECH_EVENT_CANCEL, "cancel"),
                    G_DEFINE_ENUM_VALUE (MYELIN_SPEECH_EVENT_PAUSE, "pause"),
                    G_DEFINE_ENUM_VALUE (MYELIN_SPEECH_EVENT_RESUME, "resume"))

G_DEFINE_INTERFACE (MyelinSpeechBackend, myelin_speech_backend, G_TYPE_OBJECT)

enum { EVENT, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
myelin_speech_backend_default_init (MyelinSpeechBackendInterface *iface)
{
  /**
   * MyelinSpeechBackend::event:
   * @message_id: what say() returned for the message
   * @event: what happened to it
   *
   * Always emitted on the main context, whichever thread the engine
   * reports on.
   */
  signals[EVENT] = g_signal_new ("event", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_UINT, MYELIN_TYPE_SPEECH_EVENT);
}

void
myelin_speech_backend_probe_async (MyelinSpeechBackend *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (MYELIN_IS_SPEECH_BACKEND (self));
  MYELIN_SPEECH_BACKEND_GET_IFACE (self)->probe_async (self, cancellable, callback, user_data);
}

gboolean
myelin_speech_backend_probe_finish (MyelinSpeechBackend  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (MYELIN_IS_SPEECH_BACKEND (self), FALSE);
  return MYELIN_SPEECH_BACKEND_GET_IFACE (self)->probe_finish (self, result, error);
}

/**
 * myelin_speech_backend_say:
 * @text: plain text; never read as markup
 * @language: (nullable): a BCP 47 tag, or %NULL for the user's locale
 *
 * Returns: the message's id, never 0; 0 with @error set on failure
 */
guint
myelin_speech_backend_say (MyelinSpeechBackend  *self,
                           const char           *text,
                           const char           *language,
                           GError              **error)
{
  g_return_val_if_fail (MYELIN_IS_SPEECH_BACKEND (self), 0);
  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);
  return MYELIN_SPEECH_BACKEND_GET_IFACE (self)->say (self, text, language, error);
}

void
myelin_speech_backend_pause (MyelinSpeechBackend *self)
{
  g_return_if_fail (MYELIN_IS_SPEECH_BACKEND (self));
  MYELIN_SPEECH_BACKEND_GET_IFACE (self)->pause (self);
}

void
myelin_speech_backend_resume (MyelinSpeechBackend *self)
{
  g_return_if_fail (MYELIN_IS_SPEECH_BACKEND (self));
  MYELIN_SPEECH_BACKEND_GET_IFACE (self)->resume (self);
}

void
myelin_speech_backend_cancel (MyelinSpeechBackend *self)
{
  g_return_if_fail (MYELIN_IS_SPEECH_BACKEND (self));
  MYELIN_SPEECH_BACKEND_GET_IFACE (self)->cancel (self);
}

/**
 * myelin_speech_backend_emit_event:
 *
 * For implementations: reports @event about @message_id. Call it on the
 * main context only.
 */
void
myelin_speech_backend_emit_event (MyelinSpeechBackend *self,
                                  guint                message_id,
                                  MyelinSpeechEvent    event)
{
  g_return_if_fail (MYELIN_IS_SPEECH_BACKEND (self));
  g_signal_emit (self, signals[EVENT], 0, message_id, event);
}
