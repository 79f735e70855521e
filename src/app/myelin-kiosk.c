/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kiosk mode, for a touch screen in a clinic's waiting room that anyone
 * can walk up to: the window is fullscreen and cannot be closed (a kiosk
 * compositor such as cage ends the session with its last window), what a
 * visitor may not do is disabled (myelin_window_set_kiosk()), the settings
 * a visitor changes (sort, text size) are never written, and after a while
 * without input a notice counts down and the start screen comes back.
 *
 * The waiting is MyelinIdleTimer's (GLib only, tested on a manual clock);
 * this file connects it to the window's input and to the reset.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include <glib/gi18n.h>

#include "myelin-kiosk.h"

struct _MyelinKiosk
{
  GObject          parent_instance;

  GWeakRef         window;
  GSettings       *settings;
  MyelinIdleTimer *timer;
  GtkRevealer     *notice;        /* the countdown */
  GtkLabel        *notice_label;
  gboolean         own_text_scale;
};

G_DEFINE_FINAL_TYPE (MyelinKiosk, myelin_kiosk, G_TYPE_OBJECT)

static void
hide_window_controls (GtkWidget *widget)
{
  if (ADW_IS_HEADER_BAR (widget))
    {
      adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (widget), FALSE);
      adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (widget), FALSE);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    hide_window_controls (c);
}

/* Larger text for reading at arm's length, unless the administrator set
 * a size; written to the delayed settings, so never stored. */
static void
apply_text_scale (MyelinKiosk *self)
{
  if (self->own_text_scale)
    g_settings_set_double (self->settings, "text-scale", MYELIN_KIOSK_TEXT_SCALE);
}

static void
dismiss_notice (MyelinKiosk *self)
{
  if (self->notice != NULL)
    gtk_revealer_set_reveal_child (self->notice, FALSE);
}

/* Over both pages, at the bottom, large: not a toast, which could be
 * missed and which libadwaita 1.2 cannot take back while it slides in. */
static void
add_notice (MyelinKiosk  *self,
            MyelinWindow *window)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "input-touchscreen-symbolic",
                                  "icon-size", GTK_ICON_SIZE_LARGE,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  /* A status: read out as it changes, for those who cannot see it. */
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_STATUS, NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "myelin-kiosk-notice");
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_set_can_target (box, FALSE);

  self->notice = GTK_REVEALER (gtk_revealer_new ());
  self->notice_label = GTK_LABEL (label);
  gtk_revealer_set_transition_type (self->notice, GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_revealer_set_child (self->notice, box);
  gtk_widget_set_halign (GTK_WIDGET (self->notice), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->notice), GTK_ALIGN_END);
  gtk_widget_set_can_target (GTK_WIDGET (self->notice), FALSE);
  myelin_window_add_overlay (window, GTK_WIDGET (self->notice));
}

static void
on_countdown (MyelinKiosk *self,
              guint        remaining)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Touch the screen to keep reading. Going back to the start in %u second.",
                                                        "Touch the screen to keep reading. Going back to the start in %u seconds.",
                                                        remaining),
                                           remaining);

  gtk_label_set_text (self->notice_label, text);
  gtk_revealer_set_reveal_child (self->notice, TRUE);
}

static void
on_cancelled (MyelinKiosk *self)
{
  dismiss_notice (self);
}

static void
on_timeout (MyelinKiosk *self)
{
  myelin_kiosk_reset (self);
}

/* Any input, anywhere in the window, seen on its way down and let through. */
static gboolean
on_event (GtkEventControllerLegacy *controller,
          GdkEvent                 *event,
          MyelinKiosk              *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
      /* GDK makes up a motion event of its own (with no time) when what
       * is under a still pointer moves, as when the grid goes back to the
       * top after a reset: nobody touched the screen. */
      if (gdk_event_get_time (event) == GDK_CURRENT_TIME)
        break;
      myelin_kiosk_notice_activity (self);
      break;
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
    case GDK_TOUCHPAD_HOLD:
    case GDK_PAD_BUTTON_PRESS:
    case GDK_PAD_RING:
    case GDK_PAD_STRIP:
      myelin_kiosk_notice_activity (self);
      break;
    default:
      /* Crossing and focus events also come when nobody is there. */
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Nothing closes the window: not Alt+F4, the compositor or an action. */
static gboolean
on_close_request (GtkWindow *window)
{
  return TRUE;
}

/* GtkWindow sets these itself when it is realized, so they are disabled
 * again after it; the close request is refused besides. */
static void
disable_window_actions (GtkWidget *window)
{
  gtk_widget_action_set_enabled (window, "window.close", FALSE);
  gtk_widget_action_set_enabled (window, "window.minimize", FALSE);
  gtk_widget_action_set_enabled (window, "window.toggle-maximized", FALSE);
}

static void
on_fullscreened_changed (GtkWindow *window)
{
  if (!gtk_window_is_fullscreen (window))
    gtk_window_fullscreen (window);
}

static void
myelin_kiosk_dispose (GObject *object)
{
  MyelinKiosk *self = MYELIN_KIOSK (object);

  if (self->timer != NULL)
    myelin_idle_timer_stop (self->timer);
  g_clear_object (&self->timer);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (myelin_kiosk_parent_class)->dispose (object);
}

static void
myelin_kiosk_finalize (GObject *object)
{
  g_weak_ref_clear (&MYELIN_KIOSK (object)->window);
  G_OBJECT_CLASS (myelin_kiosk_parent_class)->finalize (object);
}

static void
myelin_kiosk_class_init (MyelinKioskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = myelin_kiosk_dispose;
  object_class->finalize = myelin_kiosk_finalize;
}

static void
myelin_kiosk_init (MyelinKiosk *self)
{
  g_weak_ref_init (&self->window, NULL);
}

static void
watch_input (MyelinKiosk  *self,
             MyelinWindow *window)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "myelin-kiosk-input");
  g_signal_connect_object (controller, "event", G_CALLBACK (on_event), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

/**
 * myelin_kiosk_new:
 * @settings: the application's settings; from now on they are delayed,
 *   never applied, so that nothing a visitor changes is stored
 *
 * Turns @window into a kiosk, for as long as it lives.
 *
 * Returns: (transfer full): the kiosk
 */
MyelinKiosk *
myelin_kiosk_new (MyelinWindow *window,
                  GSettings    *settings)
{
  MyelinKiosk *self;
  g_autoptr(GVariant) text_scale = NULL;

  g_return_val_if_fail (MYELIN_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MYELIN_TYPE_KIOSK, NULL);
  g_weak_ref_set (&self->window, window);
  self->settings = g_object_ref (settings);
  text_scale = g_settings_get_user_value (settings, "text-scale");
  self->own_text_scale = text_scale == NULL;
  g_settings_delay (settings);
  apply_text_scale (self);

  self->timer = myelin_idle_timer_new (NULL, g_settings_get_uint (settings, "kiosk-idle-seconds"),
                                       MYELIN_KIOSK_COUNTDOWN_SECONDS);
  g_signal_connect_object (self->timer, "countdown", G_CALLBACK (on_countdown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timer, "cancelled", G_CALLBACK (on_cancelled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timer, "timeout", G_CALLBACK (on_timeout), self, G_CONNECT_SWAPPED);

  myelin_window_set_kiosk (window, TRUE);
  hide_window_controls (GTK_WIDGET (window));
  gtk_window_set_deletable (GTK_WINDOW (window), FALSE);
  g_signal_connect (window, "close-request", G_CALLBACK (on_close_request), NULL);
  g_signal_connect_after (window, "realize", G_CALLBACK (disable_window_actions), NULL);
  g_signal_connect_after (window, "map", G_CALLBACK (disable_window_actions), NULL);
  disable_window_actions (GTK_WIDGET (window));
  g_signal_connect (window, "notify::fullscreened", G_CALLBACK (on_fullscreened_changed), NULL);
  gtk_window_fullscreen (GTK_WINDOW (window));
  watch_input (self, window);
  add_notice (self, window);
  myelin_kiosk_reset (self);
  return self;
}

/**
 * myelin_kiosk_get_idle_timer:
 *
 * Returns: (transfer none): the timer that brings the start screen back
 */
MyelinIdleTimer *
myelin_kiosk_get_idle_timer (MyelinKiosk *self)
{
  g_return_val_if_fail (MYELIN_IS_KIOSK (self), NULL);
  return self->timer;
}

/* For tests: a manual clock makes two idle minutes take no time. */
void
myelin_kiosk_set_clock (MyelinKiosk *self,
                        MyelinClock *clock)
{
  g_return_if_fail (MYELIN_IS_KIOSK (self));
  myelin_idle_timer_set_clock (self->timer, clock);
}

/**
 * myelin_kiosk_notice_activity:
 *
 * Someone is using the screen: the countdown, if any, stops, and the idle
 * time starts again. The window's input comes here.
 */
void
myelin_kiosk_notice_activity (MyelinKiosk *self)
{
  g_return_if_fail (MYELIN_IS_KIOSK (self));

  /* After a reset the timer rests until someone comes: an untouched
   * start screen needs no countdown. */
  if (myelin_idle_timer_get_state (self->timer) == MYELIN_IDLE_TIMER_STOPPED)
    {
      myelin_idle_timer_set_idle_seconds (self->timer, g_settings_get_uint (self->settings, "kiosk-idle-seconds"));
      myelin_idle_timer_start (self->timer);
    }
  else
    myelin_idle_timer_notice_activity (self->timer);
}

/**
 * myelin_kiosk_reset:
 *
 * The start screen for the next visitor: the settings as they were, the
 * window as myelin_window_reset_to_start() leaves it with the topics of
 * `kiosk-home-topics`; the idle timer rests until the next input.
 */
void
myelin_kiosk_reset (MyelinKiosk *self)
{
  g_autoptr(MyelinWindow) window = NULL;
  g_auto(GStrv) topics = NULL;

  g_return_if_fail (MYELIN_IS_KIOSK (self));

  myelin_idle_timer_stop (self->timer);
  dismiss_notice (self);
  window = g_weak_ref_get (&self->window);
  if (window == NULL)
    return;
  g_settings_revert (self->settings);
  apply_text_scale (self);
  topics = g_settings_get_strv (self->settings, "kiosk-home-topics");
  myelin_window_reset_to_start (window, topics[0] != NULL ? (const char * const *) topics : NULL);
}
