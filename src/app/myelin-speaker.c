/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads a list of chunks aloud, one after the other: the article page gives
 * one chunk per part of the page (title, then each section), so that it can
 * highlight the part being read. Chunks are handed to the backend one at a
 * time, the next when the last has ended: the speaker alone knows where the
 * reading is, a pause between chunks holds the next one back, and a stop
 * leaves nothing queued in the daemon.
 *
 * GLib only: the page watches the properties; no GTK here.
 */
#define G_LOG_DOMAIN "myelin-speech"

#include "config.h"

#include "myelin-speaker.h"
#include "myelin-speechd-backend.h"

struct _MyelinSpeaker
{
  GObject              parent_instance;

  MyelinSpeechBackend *backend;
  gulong               event_handler;
  GCancellable        *probe_cancellable;
  gboolean             available;

  MyelinSpeakerState   state;
  GStrv                chunks;
  guint                n_chunks;
  char                *language;
  int                  current;
  guint                message_id;    /* of the chunk being read; 0 for none */
  gboolean             say_on_resume; /* a chunk ended while paused */
};

G_DEFINE_ENUM_TYPE (MyelinSpeakerState, myelin_speaker_state,
                    G_DEFINE_ENUM_VALUE (MYELIN_SPEAKER_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (MYELIN_SPEAKER_SPEAKING, "speaking"),
                    G_DEFINE_ENUM_VALUE (MYELIN_SPEAKER_PAUSED, "paused"))

G_DEFINE_FINAL_TYPE (MyelinSpeaker, myelin_speaker, G_TYPE_OBJECT)

enum { PROP_0, PROP_BACKEND, PROP_AVAILABLE, PROP_STATE, PROP_CURRENT_CHUNK, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* --- State --------------------------------------------------------------- */

static void
set_state (MyelinSpeaker      *self,
           MyelinSpeakerState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_current (MyelinSpeaker *self,
             int            current)
{
  if (self->current == current)
    return;
  self->current = current;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_CHUNK]);
}

static void
set_available (MyelinSpeaker *self,
               gboolean       available)
{
  if (self->available == available)
    return;
  self->available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

/* Back to idle, without telling the backend. */
static void
reset (MyelinSpeaker *self)
{
  self->message_id = 0;
  self->say_on_resume = FALSE;
  g_clear_pointer (&self->chunks, g_strfreev);
  self->n_chunks = 0;
  g_clear_pointer (&self->language, g_free);
  set_current (self, -1);
  set_state (self, MYELIN_SPEAKER_IDLE);
}

static void
say_current (MyelinSpeaker *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (self->current >= 0 && (guint) self->current < self->n_chunks);

  self->say_on_resume = FALSE;
  self->message_id = myelin_speech_backend_say (self->backend, self->chunks[self->current], self->language, &error);
  if (self->message_id == 0)
    {
      g_warning ("Cannot read aloud: %s", error->message);
      reset (self);
    }
}

/* The chunk being read has ended: on to the next, unless paused. */
static void
advance (MyelinSpeaker *self)
{
  if ((guint) self->current + 1 >= self->n_chunks)
    {
      reset (self);
      return;
    }
  self->message_id = 0;
  set_current (self, self->current + 1);
  if (self->state == MYELIN_SPEAKER_PAUSED)
    self->say_on_resume = TRUE;
  else
    say_current (self);
}

/* --- Backend ------------------------------------------------------------- */

static void
on_backend_event_cb (MyelinSpeechBackend *backend,
                     guint                message_id,
                     MyelinSpeechEvent    event,
                     MyelinSpeaker       *self)
{
  /* Events about a message already left behind (stopped, or superseded by
   * a new reading) can still arrive: they mean nothing now. */
  if (message_id == 0 || message_id != self->message_id)
    return;

  switch (event)
    {
    case MYELIN_SPEECH_EVENT_END:
      advance (self);
      break;
    case MYELIN_SPEECH_EVENT_CANCEL:
      /* Cancelled by someone else: another reading took the daemon. */
      reset (self);
      break;
    case MYELIN_SPEECH_EVENT_PAUSE:
      if (self->state == MYELIN_SPEAKER_SPEAKING)
        set_state (self, MYELIN_SPEAKER_PAUSED);
      break;
    case MYELIN_SPEECH_EVENT_RESUME:
      if (self->state == MYELIN_SPEAKER_PAUSED)
        set_state (self, MYELIN_SPEAKER_SPEAKING);
      break;
    case MYELIN_SPEECH_EVENT_BEGIN:
    default:
      /* The chunk is shown as read from the moment it is queued. */
      break;
    }
}

static void
on_probe_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MyelinSpeaker) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean available = myelin_speech_backend_probe_finish (MYELIN_SPEECH_BACKEND (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || MYELIN_SPEECH_BACKEND (source) != self->backend)
    return;
  if (!available)
    g_debug ("No reading aloud: %s", error->message);
  set_available (self, available);
}

/* --- GObject ------------------------------------------------------------- */

static void
myelin_speaker_dispose (GObject *object)
{
  MyelinSpeaker *self = MYELIN_SPEAKER (object);

  myelin_speaker_stop (self);
  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  g_clear_signal_handler (&self->event_handler, self->backend);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (myelin_speaker_parent_class)->dispose (object);
}

static void
myelin_speaker_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MyelinSpeaker *self = MYELIN_SPEAKER (object);

  switch (prop_id)
    {
    case PROP_BACKEND: g_value_set_object (value, self->backend); break;
    case PROP_AVAILABLE: g_value_set_boolean (value, self->available); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_CURRENT_CHUNK: g_value_set_int (value, self->current); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_speaker_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_BACKEND: myelin_speaker_set_backend (MYELIN_SPEAKER (object), g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_speaker_class_init (MyelinSpeakerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = myelin_speaker_dispose;
  object_class->get_property = myelin_speaker_get_property;
  object_class->set_property = myelin_speaker_set_property;

  /* What speaks; setting another stops the reading and probes it. */
  properties[PROP_BACKEND] = g_param_spec_object ("backend", NULL, NULL, MYELIN_TYPE_SPEECH_BACKEND,
                                                  G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether the backend can speak; FALSE until its probe has answered. */
  properties[PROP_AVAILABLE] = g_param_spec_boolean ("available", NULL, NULL, FALSE, ro);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, MYELIN_TYPE_SPEAKER_STATE,
                                              MYELIN_SPEAKER_IDLE, ro);
  /* The index of the chunk being read (or paused in), -1 when idle. */
  properties[PROP_CURRENT_CHUNK] = g_param_spec_int ("current-chunk", NULL, NULL, -1, G_MAXINT, -1, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
myelin_speaker_init (MyelinSpeaker *self)
{
  self->current = -1;
}

/* --- Public API ---------------------------------------------------------- */

/**
 * myelin_speaker_new_with_backend:
 *
 * Returns: (transfer full): a speaker that speaks through @backend, which
 *   it probes at once
 */
MyelinSpeaker *
myelin_speaker_new_with_backend (MyelinSpeechBackend *backend)
{
  g_return_val_if_fail (MYELIN_IS_SPEECH_BACKEND (backend), NULL);
  return g_object_new (MYELIN_TYPE_SPEAKER, "backend", backend, NULL);
}

/**
 * myelin_speaker_new:
 *
 * Returns: (transfer full): a speaker that speaks through speech-dispatcher
 */
MyelinSpeaker *
myelin_speaker_new (void)
{
  g_autoptr(MyelinSpeechBackend) backend = myelin_speechd_backend_new ();

  return myelin_speaker_new_with_backend (backend);
}

/**
 * myelin_speaker_get_backend:
 *
 * Returns: (transfer none): what speaks
 */
MyelinSpeechBackend *
myelin_speaker_get_backend (MyelinSpeaker *self)
{
  g_return_val_if_fail (MYELIN_IS_SPEAKER (self), NULL);
  return self->backend;
}

/**
 * myelin_speaker_set_backend:
 *
 * Stops any reading and speaks through @backend from now on. It is not
 * available until its probe (run at once, off the main thread where it
 * could block) says it is.
 */
void
myelin_speaker_set_backend (MyelinSpeaker       *self,
                            MyelinSpeechBackend *backend)
{
  g_return_if_fail (MYELIN_IS_SPEAKER (self));
  g_return_if_fail (MYELIN_IS_SPEECH_BACKEND (backend));

  if (backend == self->backend)
    return;
  myelin_speaker_stop (self);
  g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  g_clear_signal_handler (&self->event_handler, self->backend);
  g_set_object (&self->backend, backend);
  set_available (self, FALSE);

  self->event_handler = g_signal_connect (backend, "event", G_CALLBACK (on_backend_event_cb), self);
  self->probe_cancellable = g_cancellable_new ();
  myelin_speech_backend_probe_async (backend, self->probe_cancellable, on_probe_done_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}

gboolean
myelin_speaker_get_available (MyelinSpeaker *self)
{
  g_return_val_if_fail (MYELIN_IS_SPEAKER (self), FALSE);
  return self->available;
}

MyelinSpeakerState
myelin_speaker_get_state (MyelinSpeaker *self)
{
  g_return_val_if_fail (MYELIN_IS_SPEAKER (self), MYELIN_SPEAKER_IDLE);
  return self->state;
}

/**
 * myelin_speaker_get_current_chunk:
 *
 * Returns: the index of the chunk being read, or -1 when idle
 */
int
myelin_speaker_get_current_chunk (MyelinSpeaker *self)
{
  g_return_val_if_fail (MYELIN_IS_SPEAKER (self), -1);
  return self->current;
}

/**
 * myelin_speaker_speak:
 * @chunks: (array zero-terminated=1): plain texts, read in order
 * @language: (nullable): their language as a BCP 47 tag, or %NULL for the
 *   user's locale
 *
 * Reads @chunks aloud from the first, in place of any reading under way.
 *
 * Returns: %FALSE when nothing can be read: no speech, or no chunks
 */
gboolean
myelin_speaker_speak (MyelinSpeaker      *self,
                      const char * const *chunks,
                      const char         *language)
{
  g_return_val_if_fail (MYELIN_IS_SPEAKER (self), FALSE);
  g_return_val_if_fail (chunks != NULL, FALSE);

  if (!self->available || chunks[0] == NULL)
    return FALSE;
  myelin_speaker_stop (self);
  self->chunks = g_strdupv ((char **) chunks);
  self->n_chunks = g_strv_length (self->chunks);
  self->language = g_strdup (language);
  set_current (self, 0);
  set_state (self, MYELIN_SPEAKER_SPEAKING);
  say_current (self);
  return self->state == MYELIN_SPEAKER_SPEAKING;
}

void
myelin_speaker_pause (MyelinSpeaker *self)
{
  g_return_if_fail (MYELIN_IS_SPEAKER (self));

  if (self->state != MYELIN_SPEAKER_SPEAKING)
    return;
  myelin_speech_backend_pause (self->backend);
  set_state (self, MYELIN_SPEAKER_PAUSED);
}

void
myelin_speaker_resume (MyelinSpeaker *self)
{
  g_return_if_fail (MYELIN_IS_SPEAKER (self));

  if (self->state != MYELIN_SPEAKER_PAUSED)
    return;
  /* The daemon holds all of this client's text while paused: resume it
   * even when the next chunk is still to be sent. */
  myelin_speech_backend_resume (self->backend);
  set_state (self, MYELIN_SPEAKER_SPEAKING);
  if (self->say_on_resume)
    say_current (self);
}

/**
 * myelin_speaker_stop:
 *
 * Stops reading, drops what was left to read, and goes back to idle.
 */
void
myelin_speaker_stop (MyelinSpeaker *self)
{
  g_return_if_fail (MYELIN_IS_SPEAKER (self));

  if (self->state == MYELIN_SPEAKER_IDLE)
    return;
  myelin_speech_backend_cancel (self->backend);
  /* A paused client stays paused in the daemon: the next reading would
   * wait for a resume. */
  if (self->state == MYELIN_SPEAKER_PAUSED)
    myelin_speech_backend_resume (self->backend);
  reset (self);
}
