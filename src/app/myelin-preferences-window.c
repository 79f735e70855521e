/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences: the style (follow the system, light or dark) and the
 * text size, stored in GSettings; the application and window apply them.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include <glib/gi18n.h>

#include "myelin-preferences-window.h"
#include "myelin-text-scale.h"

struct _MyelinPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *style_row;
  AdwComboRow          *text_size_row;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MyelinPreferencesWindow, myelin_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Indexed by MyelinStyle, which is also the order of the combo row's items. */
static const char * const style_nicks[] = { "system", "light", "dark" };

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (style_nicks); i++)
    if (g_str_equal (nick, style_nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (style_nicks))
    return NULL;
  return g_variant_new_string (style_nicks[selected]);
}

/* The nearest step: a size set elsewhere may lie between two. */
static gboolean
text_scale_get_mapping (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  g_value_set_uint (value, myelin_text_scale_nearest (g_variant_get_double (variant)));
  return TRUE;
}

static GVariant *
text_scale_set_mapping (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint selected = g_value_get_uint (value);
  guint n_steps;
  const double *steps = myelin_text_scale_steps (&n_steps);

  if (selected >= n_steps)
    return NULL;
  return g_variant_new_double (steps[selected]);
}

static void
myelin_preferences_window_constructed (GObject *object)
{
  MyelinPreferencesWindow *self = MYELIN_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (myelin_preferences_window_parent_class)->constructed (object);

  g_assert (self->settings != NULL);
  g_settings_bind_with_mapping (self->settings, "style", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                style_get_mapping, style_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "text-scale", self->text_size_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                text_scale_get_mapping, text_scale_set_mapping, NULL, NULL);
}

static void
myelin_preferences_window_dispose (GObject *object)
{
  MyelinPreferencesWindow *self = MYELIN_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MYELIN_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (myelin_preferences_window_parent_class)->dispose (object);
}

static void
myelin_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  MyelinPreferencesWindow *self = MYELIN_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS: g_value_set_object (value, self->settings); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  MyelinPreferencesWindow *self = MYELIN_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS: self->settings = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_preferences_window_class_init (MyelinPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = myelin_preferences_window_constructed;
  object_class->dispose = myelin_preferences_window_dispose;
  object_class->get_property = myelin_preferences_window_get_property;
  object_class->set_property = myelin_preferences_window_set_property;

  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/myelinreader/Myelin/ui/myelin-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MyelinPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, MyelinPreferencesWindow, text_size_row);
}

static void
myelin_preferences_window_init (MyelinPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * myelin_preferences_window_new:
 * @settings: the application's settings, which the window edits
 *
 * Returns: (transfer full): a new preferences window
 */
MyelinPreferencesWindow *
myelin_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MYELIN_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
