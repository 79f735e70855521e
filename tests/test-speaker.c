/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MyelinSpeaker against the fake backend: chunks are said one at a time in
 * order, pause, resume and stop, the current chunk follows the daemon's
 * events, stale events are ignored, and an unavailable backend reads
 * nothing. No display needed.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "myelin-fake-speech-backend.h"
#include "myelin-speaker.h"
#include "myelin-speechd-backend.h"

static const char * const chunks[] = { "A title", "Key Takeaway\n\nFirst.", "What They Found\n\nSecond.", NULL };

typedef struct
{
  MyelinFakeSpeechBackend *fake;
  MyelinSpeaker           *speaker;
} Fixture;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static const char *
said (Fixture *f,
      guint    i)
{
  GPtrArray *texts = myelin_fake_speech_backend_get_said (f->fake);

  g_assert_cmpuint (i, <, texts->len);
  return g_ptr_array_index (texts, i);
}

static guint
n_said (Fixture *f)
{
  return myelin_fake_speech_backend_get_said (f->fake)->len;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->fake = myelin_fake_speech_backend_new (data == NULL);
  f->speaker = myelin_speaker_new_with_backend (MYELIN_SPEECH_BACKEND (f->fake));
  drain ();
}

/* Neither the speaker nor the fake outlives the test: nothing holds on. */
static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->fake), (gpointer *) &f->fake);
  g_object_add_weak_pointer (G_OBJECT (f->speaker), (gpointer *) &f->speaker);
  g_object_unref (f->speaker);
  g_object_unref (f->fake);
  drain ();
  g_assert_null (f->speaker);
  g_assert_null (f->fake);
}

static void
test_available_after_probe (void)
{
  g_autoptr(MyelinFakeSpeechBackend) fake = myelin_fake_speech_backend_new (TRUE);
  g_autoptr(MyelinSpeaker) speaker = myelin_speaker_new_with_backend (MYELIN_SPEECH_BACKEND (fake));

  /* The probe answers from the main loop, never at once. */
  g_assert_false (myelin_speaker_get_available (speaker));
  drain ();
  g_assert_true (myelin_speaker_get_available (speaker));
  g_assert_cmpint (myelin_speaker_get_state (speaker), ==, MYELIN_SPEAKER_IDLE);
  g_assert_cmpint (myelin_speaker_get_current_chunk (speaker), ==, -1);
}

static void
test_unavailable (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_false (myelin_speaker_get_available (f->speaker));
  g_assert_false (myelin_speaker_speak (f->speaker, chunks, NULL));
  myelin_speaker_pause (f->speaker);
  myelin_speaker_resume (f->speaker);
  myelin_speaker_stop (f->speaker);
  g_assert_cmpuint (n_said (f), ==, 0);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (f->fake), ==, "");
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_IDLE);
  g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, -1);
}

static void
test_chunks_in_order (Fixture       *f,
                      gconstpointer  data)
{
  g_assert_true (myelin_speaker_speak (f->speaker, chunks, "de"));
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_SPEAKING);
  g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, 0);
  /* One at a time: the next waits for the end of the last. */
  g_assert_cmpuint (n_said (f), ==, 1);
  g_assert_cmpstr (said (f, 0), ==, chunks[0]);
  g_assert_cmpstr (myelin_fake_speech_backend_get_language (f->fake), ==, "de");

  myelin_fake_speech_backend_emit (f->fake, MYELIN_SPEECH_EVENT_BEGIN);
  g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, 0);
  g_assert_cmpuint (n_said (f), ==, 1);

  for (guint i = 1; chunks[i] != NULL; i++)
    {
      myelin_fake_speech_backend_emit (f->fake, MYELIN_SPEECH_EVENT_END);
      g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, (int) i);
      g_assert_cmpuint (n_said (f), ==, i + 1);
      g_assert_cmpstr (said (f, i), ==, chunks[i]);
      g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_SPEAKING);
    }

  /* The end of the last chunk is the end of the reading. */
  myelin_fake_speech_backend_emit (f->fake, MYELIN_SPEECH_EVENT_END);
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_IDLE);
  g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, -1);
  g_assert_cmpuint (n_said (f), ==, 3);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (f->fake), ==, "say say say");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_pause_resume (Fixture       *f,
                   gconstpointer  data)
{
  guint state_changes = 0;

  g_signal_connect (f->speaker, "notify::state", G_CALLBACK (count_notify), &state_changes);
  myelin_speaker_speak (f->speaker, chunks, NULL);
  g_assert_cmpuint (state_changes, ==, 1);

  myelin_speaker_pause (f->speaker);
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_PAUSED);
  g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, 0);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (f->fake), ==, "say pause");
  /* The daemon confirming it changes nothing more. */
  myelin_fake_speech_backend_emit (f->fake, MYELIN_SPEECH_EVENT_PAUSE);
  g_assert_cmpuint (state_changes, ==, 2);

  myelin_speaker_resume (f->speaker);
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_SPEAKING);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (f->fake), ==, "say pause resume");
  g_assert_cmpuint (state_changes, ==, 3);

  /* Paused as a chunk ends: the next is held back until resumed. */
  myelin_speaker_pause (f->speaker);
  myelin_fake_speech_backend_emit (f->fake, MYELIN_SPEECH_EVENT_END);
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_PAUSED);
  g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, 1);
  g_assert_cmpuint (n_said (f), ==, 1);
  myelin_speaker_resume (f->speaker);
  g_assert_cmpuint (n_said (f), ==, 2);
  g_assert_cmpstr (said (f, 1), ==, chunks[1]);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (f->fake), ==, "say pause resume pause resume say");

  /* Pausing twice, or resuming what is not paused, does nothing. */
  myelin_speaker_resume (f->speaker);
  myelin_speaker_pause (f->speaker);
  myelin_speaker_pause (f->speaker);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (f->fake), ==, "say pause resume pause resume say pause");
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  guint stale;

  myelin_speaker_speak (f->speaker, chunks, NULL);
  myelin_fake_speech_backend_emit (f->fake, MYELIN_SPEECH_EVENT_END);
  g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, 1);

  myelin_speaker_stop (f->speaker);
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_IDLE);
  g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, -1);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (f->fake), ==, "say say cancel");

  /* The daemon's late word on the cancelled chunk changes nothing. */
  stale = myelin_fake_speech_backend_get_last_id (f->fake);
  myelin_fake_speech_backend_emit (f->fake, MYELIN_SPEECH_EVENT_CANCEL);
  myelin_fake_speech_backend_emit (f->fake, MYELIN_SPEECH_EVENT_END);
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_IDLE);
  g_assert_cmpuint (n_said (f), ==, 2);

  /* Stopping while paused also lifts the daemon's pause, or the next
   * reading would wait for it. */
  myelin_fake_speech_backend_clear (f->fake);
  myelin_speaker_speak (f->speaker, chunks, NULL);
  myelin_speaker_pause (f->speaker);
  myelin_speaker_stop (f->speaker);
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (f->fake), ==, "say pause cancel resume");
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_IDLE);

  /* A stale end from the first reading does not move a new one on. */
  myelin_speaker_speak (f->speaker, chunks, NULL);
  myelin_speech_backend_emit_event (MYELIN_SPEECH_BACKEND (f->fake), stale, MYELIN_SPEECH_EVENT_END);
  g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, 0);
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_SPEAKING);
}

static void
test_speak_again_restarts (Fixture       *f,
                           gconstpointer  data)
{
  const char * const other[] = { "Another title", NULL };

  myelin_speaker_speak (f->speaker, chunks, NULL);
  myelin_fake_speech_backend_emit (f->fake, MYELIN_SPEECH_EVENT_END);
  g_assert_true (myelin_speaker_speak (f->speaker, other, NULL));
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (f->fake), ==, "say say cancel say");
  g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, 0);
  g_assert_cmpstr (said (f, 2), ==, "Another title");

  /* No chunks: nothing to read. */
  g_assert_false (myelin_speaker_speak (f->speaker, (const char * const[]) { NULL }, NULL));
}

static void
test_cancelled_by_daemon (Fixture       *f,
                          gconstpointer  data)
{
  myelin_speaker_speak (f->speaker, chunks, NULL);
  myelin_fake_speech_backend_emit (f->fake, MYELIN_SPEECH_EVENT_CANCEL);
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_IDLE);
  g_assert_cmpint (myelin_speaker_get_current_chunk (f->speaker), ==, -1);
  g_assert_cmpuint (n_said (f), ==, 1);
}

static void
test_backend_swap (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MyelinFakeSpeechBackend) none = myelin_fake_speech_backend_new (FALSE);

  myelin_speaker_speak (f->speaker, chunks, NULL);
  myelin_speaker_set_backend (f->speaker, MYELIN_SPEECH_BACKEND (none));
  g_assert_cmpstr (myelin_fake_speech_backend_get_calls (f->fake), ==, "say cancel");
  g_assert_cmpint (myelin_speaker_get_state (f->speaker), ==, MYELIN_SPEAKER_IDLE);
  g_assert_false (myelin_speaker_get_available (f->speaker));
  drain ();
  g_assert_false (myelin_speaker_get_available (f->speaker));

  /* The old backend's events no longer reach the speaker. */
  myelin_fake_speech_backend_emit (f->fake, MYELIN_SPEECH_EVENT_END);
  g_assert_cmpuint (n_said (f), ==, 1);

  myelin_speaker_set_backend (f->speaker, MYELIN_SPEECH_BACKEND (f->fake));
  drain ();
  g_assert_true (myelin_speaker_get_available (f->speaker));
}

static void
on_probed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The real backend: the probe runs off the main thread and answers soon.
 * Pointed at a socket that cannot exist, it is unavailable and says
 * nothing (where speech-dispatcher is installed, autospawn may still bring
 * a daemon up: then it is available, and that is right too). */
static void
test_speechd_probe_answers (void)
{
  g_autoptr(MyelinSpeechBackend) backend = myelin_speechd_backend_new ();
  g_autofree char *dir = g_dir_make_tmp ("myelin-speechd-XXXXXX", NULL);
  g_autofree char *address = g_strdup_printf ("unix_socket:%s/none.sock", dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_setenv ("SPEECHD_ADDRESS", address, TRUE);
  start = g_get_monotonic_time ();
  myelin_speech_backend_probe_async (backend, NULL, on_probed, &result);
  /* It never answers before the main loop runs: nothing blocked here. */
  g_assert_null (result);
  while (result == NULL && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);
  g_test_message ("speech-dispatcher probe answered in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  if (!myelin_speech_backend_probe_finish (backend, result, &error))
    {
      g_autoptr(GError) say_error = NULL;

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_cmpuint (myelin_speech_backend_say (backend, "Hello", NULL, &say_error), ==, 0);
      g_assert_error (say_error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speaker/available-after-probe", test_available_after_probe);
  g_test_add ("/speaker/unavailable-reads-nothing", Fixture, GINT_TO_POINTER (1),
              fixture_set_up, test_unavailable, fixture_tear_down);
  g_test_add ("/speaker/chunks-in-order", Fixture, NULL, fixture_set_up, test_chunks_in_order, fixture_tear_down);
  g_test_add ("/speaker/pause-resume", Fixture, NULL, fixture_set_up, test_pause_resume, fixture_tear_down);
  g_test_add ("/speaker/stop", Fixture, NULL, fixture_set_up, test_stop, fixture_tear_down);
  g_test_add ("/speaker/speak-again-restarts", Fixture, NULL, fixture_set_up, test_speak_again_restarts, fixture_tear_down);
  g_test_add ("/speaker/cancelled-by-daemon", Fixture, NULL, fixture_set_up, test_cancelled_by_daemon, fixture_tear_down);
  g_test_add ("/speaker/backend-swap", Fixture, NULL, fixture_set_up, test_backend_swap, fixture_tear_down);

  g_test_add_func ("/speaker/speechd-probe-answers", test_speechd_probe_answers);

  return g_test_run ();
}
