/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Speech through speech-dispatcher (libspeechd). The connection is opened
 * in a thread: with autospawn, spd_open2() may wait for a daemon to start.
 * When the daemon is not installed it fails in about a millisecond (measured
 * on Debian 12), and Myelin then simply has no read-aloud button.
 *
 * libspeechd reports events on a thread of its own, through callbacks that
 * carry no user data, only the connection's client id. They are passed to
 * the main context, where a table (touched on the main thread only) finds
 * the backend by that id; a backend leaves the table before it closes its
 * connection, so a late event finds nobody and is dropped.
 */
#define G_LOG_DOMAIN "myelin-speech"

#include "config.h"

#include <libspeechd.h>
#include <stdlib.h>
#include <string.h>

#include "myelin-speechd-backend.h"

struct _MyelinSpeechdBackend
{
  GObject        parent_instance;

  SPDConnection *connection;
  guint          client_id;
  char          *language;  /* what the connection was last set to */
};

typedef struct
{
  SPDConnection *connection;
  guint          client_id;
} Connection;

typedef struct
{
  guint             client_id;
  guint             message_id;
  MyelinSpeechEvent event;
} Event;

static void myelin_speechd_backend_iface_init (MyelinSpeechBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MyelinSpeechdBackend, myelin_speechd_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MYELIN_TYPE_SPEECH_BACKEND, myelin_speechd_backend_iface_init))

/* client id → MyelinSpeechdBackend (not owned); main thread only */
static GHashTable *backends;

/* --- Events, from libspeechd's thread to the main context ---------------- */

static gboolean
dispatch_event_cb (gpointer data)
{
  Event *event = data;
  MyelinSpeechBackend *backend = NULL;

  if (backends != NULL)
    backend = g_hash_table_lookup (backends, GUINT_TO_POINTER (event->client_id));
  if (backend != NULL)
    myelin_speech_backend_emit_event (backend, event->message_id, event->event);
  return G_SOURCE_REMOVE;
}

static void
post_event (size_t            message_id,
            size_t            client_id,
            MyelinSpeechEvent type)
{
  Event *event = g_new0 (Event, 1);

  event->client_id = client_id;
  event->message_id = message_id;
  event->event = type;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, dispatch_event_cb, event, g_free);
}

static void
on_spd_event (size_t              message_id,
              size_t              client_id,
              SPDNotificationType type)
{
  switch (type)
    {
    case SPD_EVENT_BEGIN: post_event (message_id, client_id, MYELIN_SPEECH_EVENT_BEGIN); break;
    case SPD_EVENT_END: post_event (message_id, client_id, MYELIN_SPEECH_EVENT_END); break;
    case SPD_EVENT_CANCEL: post_event (message_id, client_id, MYELIN_SPEECH_EVENT_CANCEL); break;
    case SPD_EVENT_PAUSE: post_event (message_id, client_id, MYELIN_SPEECH_EVENT_PAUSE); break;
    case SPD_EVENT_RESUME: post_event (message_id, client_id, MYELIN_SPEECH_EVENT_RESUME); break;
    case SPD_EVENT_INDEX_MARK:
    default: break;
    }
}

/* --- Connecting ---------------------------------------------------------- */

static void
connection_free (Connection *c)
{
  spd_close (c->connection);
  g_free (c);
}

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  static const SPDNotification notifications[] = { SPD_BEGIN, SPD_END, SPD_CANCEL, SPD_PAUSE, SPD_RESUME };
  char *error_text = NULL;
  SPDConnection *connection;
  Connection *c;

  /* When autospawn fails, libspeechd 0.11 leaks a little of its own
   * (tests/valgrind.supp); once per probe, so it is left at that. */
  connection = spd_open2 ("myelin", "read-aloud", NULL, SPD_MODE_THREADED, NULL, TRUE, &error_text);
  if (connection == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Speech-dispatcher is not available: %s",
                               error_text != NULL ? error_text : "no reason given");
      free (error_text);
      return;
    }
  connection->callback_begin = on_spd_event;
  connection->callback_end = on_spd_event;
  connection->callback_cancel = on_spd_event;
  connection->callback_pause = on_spd_event;
  connection->callback_resume = on_spd_event;
  for (guint i = 0; i < G_N_ELEMENTS (notifications); i++)
    spd_set_notification_on (connection, notifications[i]);
  /* Bundle text must never be read as SSML. */
  spd_set_data_mode (connection, SPD_DATA_TEXT);

  c = g_new0 (Connection, 1);
  c->connection = connection;
  c->client_id = spd_get_client_id (connection);
  g_task_return_pointer (task, c, (GDestroyNotify) connection_free);
}

static void
myelin_speechd_backend_probe_async (MyelinSpeechBackend *backend,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  MyelinSpeechdBackend *self = MYELIN_SPEECHD_BACKEND (backend);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, myelin_speechd_backend_probe_async);
  if (self->connection != NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    g_task_run_in_thread (task, connect_thread);
}

static gboolean
myelin_speechd_backend_probe_finish (MyelinSpeechBackend  *backend,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  MyelinSpeechdBackend *self = MYELIN_SPEECHD_BACKEND (backend);
  g_autoptr(GError) local_error = NULL;
  Connection *c = g_task_propagate_pointer (G_TASK (result), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (c == NULL || self->connection != NULL)
    {
      /* Already connected (by an earlier probe). */
      g_clear_pointer (&c, connection_free);
      return TRUE;
    }
  self->connection = c->connection;
  self->client_id = c->client_id;
  g_free (c);
  if (backends == NULL)
    backends = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (backends, GUINT_TO_POINTER (self->client_id), self);
  return TRUE;
}

/* --- Speaking ------------------------------------------------------------ */

/* The locale's language as a BCP 47 tag ("de_DE.UTF-8" gives "de-DE"), or
 * NULL for the C locale: the daemon's default voice then. */
static char *
locale_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (strchr (names[i], '.') != NULL || strchr (names[i], '@') != NULL
          || g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX"))
        continue;
      return g_strdelimit (g_strdup (names[i]), "_", '-');
    }
  return NULL;
}

static guint
myelin_speechd_backend_say (MyelinSpeechBackend  *backend,
                            const char           *text,
                            const char           *language,
                            GError              **error)
{
  MyelinSpeechdBackend *self = MYELIN_SPEECHD_BACKEND (backend);
  g_autofree char *wanted = language != NULL ? g_strdup (language) : locale_language ();
  int message_id;

  if (self->connection == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "Not connected to speech-dispatcher");
      return 0;
    }
  if (wanted != NULL && g_strcmp0 (wanted, self->language) != 0)
    {
      if (spd_set_language (self->connection, wanted) == 0)
        {
          g_free (self->language);
          self->language = g_strdup (wanted);
        }
      else
        g_debug ("speech-dispatcher has no voice for “%s”", wanted);
    }
  /* SPD_TEXT: the priority for reading long text; others' messages come first. */
  message_id = spd_say (self->connection, SPD_TEXT, text);
  if (message_id <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Speech-dispatcher did not take the text");
      return 0;
    }
  return (guint) message_id;
}

static void
myelin_speechd_backend_pause (MyelinSpeechBackend *backend)
{
  MyelinSpeechdBackend *self = MYELIN_SPEECHD_BACKEND (backend);

  if (self->connection != NULL)
    spd_pause (self->connection);
}

static void
myelin_speechd_backend_resume (MyelinSpeechBackend *backend)
{
  MyelinSpeechdBackend *self = MYELIN_SPEECHD_BACKEND (backend);

  if (self->connection != NULL)
    spd_resume (self->connection);
}

static void
myelin_speechd_backend_cancel (MyelinSpeechBackend *backend)
{
  MyelinSpeechdBackend *self = MYELIN_SPEECHD_BACKEND (backend);

  if (self->connection != NULL)
    spd_cancel (self->connection);
}

/* --- GObject ------------------------------------------------------------- */

static void
myelin_speechd_backend_dispose (GObject *object)
{
  MyelinSpeechdBackend *self = MYELIN_SPEECHD_BACKEND (object);

  if (self->connection != NULL)
    {
      g_hash_table_remove (backends, GUINT_TO_POINTER (self->client_id));
      /* The daemon would finish the message after we leave. */
      spd_cancel (self->connection);
      g_clear_pointer (&self->connection, spd_close);
    }
  G_OBJECT_CLASS (myelin_speechd_backend_parent_class)->dispose (object);
}

static void
myelin_speechd_backend_finalize (GObject *object)
{
  MyelinSpeechdBackend *self = MYELIN_SPEECHD_BACKEND (object);

  g_free (self->language);
  G_OBJECT_CLASS (myelin_speechd_backend_parent_class)->finalize (object);
}

static void
myelin_speechd_backend_iface_init (MyelinSpeechBackendInterface *iface)
{
  iface->probe_async = myelin_speechd_backend_probe_async;
  iface->probe_finish = myelin_speechd_backend_probe_finish;
  iface->say = myelin_speechd_backend_say;
  iface->pause = myelin_speechd_backend_pause;
  iface->resume = myelin_speechd_backend_resume;
  iface->cancel = myelin_speechd_backend_cancel;
}

static void
myelin_speechd_backend_class_init (MyelinSpeechdBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = myelin_speechd_backend_dispose;
  object_class->finalize = myelin_speechd_backend_finalize;
}

static void
myelin_speechd_backend_init (MyelinSpeechdBackend *self)
{
}

MyelinSpeechBackend *
myelin_speechd_backend_new (void)
{
  return g_object_new (MYELIN_TYPE_SPEECHD_BACKEND, NULL);
}
