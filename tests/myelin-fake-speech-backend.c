/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A speech backend for tests: it records what it was asked to say and to
 * do, and the test plays the daemon's part by emitting the events.
 */
#include "config.h"

#include "myelin-fake-speech-backend.h"

struct _MyelinFakeSpeechBackend
{
  GObject    parent_instance;

  gboolean   available;
  GPtrArray *said;      /* the texts, in order */
  char      *language;  /* of the last text */
  GString   *calls;     /* "say pause resume cancel …" */
  guint      last_id;
};

static void myelin_fake_speech_backend_iface_init (MyelinSpeechBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MyelinFakeSpeechBackend, myelin_fake_speech_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MYELIN_TYPE_SPEECH_BACKEND, myelin_fake_speech_backend_iface_init))

static void
record_call (MyelinFakeSpeechBackend *self,
             const char              *call)
{
  if (self->calls->len > 0)
    g_string_append_c (self->calls, ' ');
  g_string_append (self->calls, call);
}

/* Answers from the main loop, as a real probe would. */
static void
fake_probe_async (MyelinSpeechBackend *backend,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  MyelinFakeSpeechBackend *self = MYELIN_FAKE_SPEECH_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (self->available)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "The fake is unavailable");
}

static gboolean
fake_probe_finish (MyelinSpeechBackend  *backend,
                   GAsyncResult         *result,
                   GError              **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static guint
fake_say (MyelinSpeechBackend  *backend,
          const char           *text,
          const char           *language,
          GError              **error)
{
  MyelinFakeSpeechBackend *self = MYELIN_FAKE_SPEECH_BACKEND (backend);

  g_assert_true (self->available);
  record_call (self, "say");
  g_ptr_array_add (self->said, g_strdup (text));
  g_free (self->language);
  self->language = g_strdup (language);
  return ++self->last_id;
}

static void
fake_pause (MyelinSpeechBackend *backend)
{
  record_call (MYELIN_FAKE_SPEECH_BACKEND (backend), "pause");
}

static void
fake_resume (MyelinSpeechBackend *backend)
{
  record_call (MYELIN_FAKE_SPEECH_BACKEND (backend), "resume");
}

static void
fake_cancel (MyelinSpeechBackend *backend)
{
  record_call (MYELIN_FAKE_SPEECH_BACKEND (backend), "cancel");
}

static void
myelin_fake_speech_backend_finalize (GObject *object)
{
  MyelinFakeSpeechBackend *self = MYELIN_FAKE_SPEECH_BACKEND (object);

  g_ptr_array_unref (self->said);
  g_free (self->language);
  g_string_free (self->calls, TRUE);
  G_OBJECT_CLASS (myelin_fake_speech_backend_parent_class)->finalize (object);
}

static void
myelin_fake_speech_backend_iface_init (MyelinSpeechBackendInterface *iface)
{
  iface->probe_async = fake_probe_async;
  iface->probe_finish = fake_probe_finish;
  iface->say = fake_say;
  iface->pause = fake_pause;
  iface->resume = fake_resume;
  iface->cancel = fake_cancel;
}

static void
myelin_fake_speech_backend_class_init (MyelinFakeSpeechBackendClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = myelin_fake_speech_backend_finalize;
}

static void
myelin_fake_speech_backend_init (MyelinFakeSpeechBackend *self)
{
  self->said = g_ptr_array_new_with_free_func (g_free);
  self->calls = g_string_new (NULL);
}

MyelinFakeSpeechBackend *
myelin_fake_speech_backend_new (gboolean available)
{
  MyelinFakeSpeechBackend *self = g_object_new (MYELIN_TYPE_FAKE_SPEECH_BACKEND, NULL);

  self->available = available;
  return self;
}

/* Returns: (transfer none) (element-type utf8): the texts said, in order */
GPtrArray *
myelin_fake_speech_backend_get_said (MyelinFakeSpeechBackend *self)
{
  return self->said;
}

const char *
myelin_fake_speech_backend_get_language (MyelinFakeSpeechBackend *self)
{
  return self->language;
}

/* Returns: what was called, in order, space-separated ("say pause …") */
const char *
myelin_fake_speech_backend_get_calls (MyelinFakeSpeechBackend *self)
{
  return self->calls->str;
}

guint
myelin_fake_speech_backend_get_last_id (MyelinFakeSpeechBackend *self)
{
  return self->last_id;
}

/* Plays the daemon: @event about the last message said. */
void
myelin_fake_speech_backend_emit (MyelinFakeSpeechBackend *self,
                                 MyelinSpeechEvent        event)
{
  myelin_speech_backend_emit_event (MYELIN_SPEECH_BACKEND (self), self->last_id, event);
}

/* Forgets what was said and called (message ids go on counting). */
void
myelin_fake_speech_backend_clear (MyelinFakeSpeechBackend *self)
{
  g_ptr_array_set_size (self->said, 0);
  g_string_truncate (self->calls, 0);
  g_clear_pointer (&self->language, g_free);
}
