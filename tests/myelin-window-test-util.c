/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "myelin-window-test-util.h"

static gboolean
on_wait_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
myelin_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_wait_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
myelin_test_wait_idle (MyelinWindow *window)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, on_wait_timeout, &timed_out);

  while (myelin_window_get_busy (window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  /* Let the grid bind its cards. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

void
myelin_test_wait_for_page (MyelinWindow *window,
                           const char   *name)
{
  AdwLeaflet *leaflet = myelin_test_window_child (window, "leaflet");
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), name) != 0
          || adw_leaflet_get_child_transition_running (leaflet))
         && g_get_monotonic_time () < deadline)
    myelin_test_spin (20);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, name);
  g_assert_false (adw_leaflet_get_child_transition_running (leaflet));
  myelin_test_wait_idle (window);
}

gpointer
myelin_test_window_child (MyelinWindow *window,
                          const char   *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), MYELIN_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

gpointer
myelin_test_page_child (MyelinArticlePage *page,
                        const char        *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page), MYELIN_TYPE_ARTICLE_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_widgets (c, type, out);
}

GPtrArray *
myelin_test_find_all (GtkWidget *root,
                      GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect_widgets (root, type, out);
  return out;
}

GtkWidget *
myelin_test_find_label (GtkWidget  *root,
                        const char *text)
{
  g_autoptr(GPtrArray) labels = myelin_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return g_ptr_array_index (labels, i);
  return NULL;
}

MyelinWindow *
myelin_test_open_window (int width,
                         int height)
{
  GApplication *app = g_application_get_default ();
  MyelinWindow *window;

  g_application_activate (app);
  window = MYELIN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  myelin_test_wait_idle (window);
  return window;
}

MyelinStore *
myelin_test_open_library (void)
{
  MyelinApplication *app = MYELIN_APPLICATION (g_application_get_default ());
  MyelinStore *store = myelin_store_open (myelin_store_get_path (myelin_application_get_store (app)), NULL);

  g_assert_nonnull (store);
  return store;
}

GtkCheckButton *
myelin_test_find_topic (MyelinWindow *window,
                        const char   *name)
{
  g_autoptr(GPtrArray) checks = myelin_test_find_all (myelin_test_window_child (window, "topic_list"),
                                                      GTK_TYPE_CHECK_BUTTON);

  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (checks, i), "topic"), name) == 0)
      return g_ptr_array_index (checks, i);
  return NULL;
}

MyelinApplication *
myelin_test_application_new (void)
{
  MyelinApplication *app = myelin_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  return app;
}
