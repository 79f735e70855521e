/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The installed bundles, with Remove.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include <glib/gi18n.h>

#include "myelin-library-window.h"

struct _MyelinLibraryWindow
{
  AdwWindow             parent_instance;

  MyelinStore          *store;
  AdwPreferencesGroup  *group;
};

G_DEFINE_FINAL_TYPE (MyelinLibraryWindow, myelin_library_window, ADW_TYPE_WINDOW)

static void
myelin_library_window_dispose (GObject *object)
{
  MyelinLibraryWindow *self = MYELIN_LIBRARY_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MYELIN_TYPE_LIBRARY_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (myelin_library_window_parent_class)->dispose (object);
}

static void
myelin_library_window_class_init (MyelinLibraryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myelin_library_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/myelinreader/Myelin/ui/myelin-library-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MyelinLibraryWindow, group);
}

static void
myelin_library_window_init (MyelinLibraryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MyelinLibraryWindow *
myelin_library_window_new (MyelinStore *store)
{
  MyelinLibraryWindow *self = g_object_new (MYELIN_TYPE_LIBRARY_WINDOW, NULL);

  self->store = g_object_ref (store);
  return self;
}
