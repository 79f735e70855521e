/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MyelinSpeechdBackend when Myelin is built without libspeechd (meson
 * option read_aloud=disabled, or a Flatpak runtime without it): its probe
 * says no, so the Read Aloud button stays hidden and nothing else changes.
 */
#include "config.h"

#include "myelin-speechd-backend.h"

struct _MyelinSpeechdBackend
{
  GObject parent_instance;
};

static void myelin_speechd_backend_iface_init (MyelinSpeechBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MyelinSpeechdBackend, myelin_speechd_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MYELIN_TYPE_SPEECH_BACKEND, myelin_speechd_backend_iface_init))

static void
myelin_speechd_backend_probe_async (MyelinSpeechBackend *backend,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, myelin_speechd_backend_probe_async);
  /* The same errors as the real backend's without a daemon. */
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "Speech-dispatcher is not available: Myelin was built without it");
}

static gboolean
myelin_speechd_backend_probe_finish (MyelinSpeechBackend  *backend,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static guint
myelin_speechd_backend_say (MyelinSpeechBackend  *backend,
                            const char           *text,
                            const char           *language,
                            GError              **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "Not connected to speech-dispatcher");
  return 0;
}

static void
myelin_speechd_backend_nothing (MyelinSpeechBackend *backend)
{
}

static void
myelin_speechd_backend_iface_init (MyelinSpeechBackendInterface *iface)
{
  iface->probe_async = myelin_speechd_backend_probe_async;
  iface->probe_finish = myelin_speechd_backend_probe_finish;
  iface->say = myelin_speechd_backend_say;
  iface->pause = myelin_speechd_backend_nothing;
  iface->resume = myelin_speechd_backend_nothing;
  iface->cancel = myelin_speechd_backend_nothing;
}

static void
myelin_speechd_backend_class_init (MyelinSpeechdBackendClass *klass)
{
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
