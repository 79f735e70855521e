/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: owns the library connection and the settings, opens
 * bundle files given on the command line or by a file manager, and holds
 * the app-wide actions (about, preferences, quit) and applies the style.
 * In kiosk mode (--kiosk, or the kiosk-mode key) it turns its window into
 * a kiosk and offers none of those actions.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include <glib/gi18n.h>

#include "myelin-application.h"
#include "myelin-error.h"
#include "myelin-kiosk.h"
#include "myelin-preferences-window.h"
#include "myelin-window.h"

struct _MyelinApplication
{
  AdwApplication  parent_instance;

  MyelinStore    *store;
  GSettings      *settings;
  MyelinSpeaker  *speaker;
  char           *library_path;
  gboolean        kiosk_requested;  /* --kiosk */
  gboolean        kiosk_mode;
  MyelinKiosk    *kiosk;
};

G_DEFINE_FINAL_TYPE (MyelinApplication, myelin_application, ADW_TYPE_APPLICATION)

/**
 * myelin_application_get_sample_bundle:
 *
 * Returns: the sample bundle shipped with the app; `MYELIN_SAMPLE_BUNDLE`
 *   overrides it, so an uninstalled build finds the one in the source tree
 */
const char *
myelin_application_get_sample_bundle (void)
{
  const char *path = g_getenv ("MYELIN_SAMPLE_BUNDLE");

  return path != NULL && *path != '\0' ? path : SAMPLE_BUNDLE;
}

static MyelinWindow *
get_window (MyelinApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (myelin_window_new (self));
      /* libadwaita's Nightly stripes: a development build is told apart at a glance. */
      if (g_str_equal (PROFILE, "development"))
        gtk_widget_add_css_class (GTK_WIDGET (window), "devel");
      if (self->kiosk_mode)
        {
          g_clear_object (&self->kiosk);
          self->kiosk = myelin_kiosk_new (MYELIN_WINDOW (window), self->settings);
        }
    }
  return MYELIN_WINDOW (window);
}

/* The window, presented; NULL when the library could not be opened (the
 * reader was told why at startup). */
static MyelinWindow *
present_window (MyelinApplication *self)
{
  MyelinWindow *window;

  if (self->store == NULL)
    return NULL;
  window = get_window (self);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
myelin_application_activate (GApplication *app)
{
  present_window (MYELIN_APPLICATION (app));
}

static void
myelin_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  MyelinApplication *self = MYELIN_APPLICATION (app);
  MyelinWindow *window = present_window (self);

  /* A kiosk's library is changed by its administrator (myelinctl), never
   * by whatever a file manager or a second launch hands over. */
  if (self->kiosk_mode && n_files > 0)
    {
      g_message ("Kiosk mode: not importing %d file(s); use myelinctl import", n_files);
      return;
    }
  for (int i = 0; window != NULL && i < n_files; i++)
    myelin_window_import_file (window, files[i]);
}

static void show_library_error (MyelinApplication *self,
                                const GError      *error);

/* The damaged file is kept aside, never deleted, and the reader's data
 * that can still be read comes along (myelin_store_start_fresh()). */
static void
on_library_error_response (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  MyelinApplication *self = MYELIN_APPLICATION (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *body = NULL;
  MyelinWindow *window;
  GtkWidget *done;
  guint salvaged = 0;

  if (!g_str_equal (response, "fresh"))
    return;

  self->store = myelin_store_start_fresh (self->library_path, &kept, &salvaged, &error);
  if (self->store == NULL)
    {
      show_library_error (self, error);
      return;
    }
  window = present_window (self);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The damaged file was kept as %s. %u saved article, read mark or note was"
                                       " rescued from it. Import your bundles again to fill the new library.",
                                       "The damaged file was kept as %s. %u saved articles, read marks and notes were"
                                       " rescued from it. Import your bundles again to fill the new library.",
                                       salvaged),
                          kept, salvaged);
  done = adw_message_dialog_new (GTK_WINDOW (window), _("A Fresh Library Was Started"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (done), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (done));
}

static void
show_library_error (MyelinApplication *self,
                    const GError      *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("The Library Cannot Be Opened"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (g_error_matches (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_CORRUPT))
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message,
                                               _("Myelin can keep the damaged file aside (it is never deleted)"
                                                 " and start a fresh library, rescuing the saved articles and"
                                                 " notes that can still be read."));

      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "fresh", _("_Start a Fresh Library"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "fresh", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "fresh");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_library_error_response), self, 0);
    }
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
apply_style (MyelinApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  AdwColorScheme scheme;

  switch ((MyelinStyle) g_settings_get_enum (self->settings, "style"))
    {
    case MYELIN_STYLE_LIGHT: scheme = ADW_COLOR_SCHEME_FORCE_LIGHT; break;
    case MYELIN_STYLE_DARK: scheme = ADW_COLOR_SCHEME_FORCE_DARK; break;
    case MYELIN_STYLE_SYSTEM:
    default: scheme = ADW_COLOR_SCHEME_DEFAULT; break;
    }
  adw_style_manager_set_color_scheme (manager, scheme);
}

/* A kiosk never quits (cage would end the session), and its visitors
 * change no preferences and follow no links (the About window has some). */
static void
disable_kiosk_actions (MyelinApplication *self)
{
  static const char * const names[] = { "quit", "preferences", "about" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), names[i])), FALSE);
}

static void
warm_icon_theme_thread (GTask        *task,
                        gpointer      source,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (task_data, "open-menu-symbolic", NULL, 16, 1,
                                                                 GTK_TEXT_DIR_NONE, 0);
}

/* The icon theme reads its index files (Adwaita's and hicolor's) at its
 * first lookup: ~6 ms on the main thread, in the window's first frame.
 * A theme made on the main thread may be looked up from any other, so
 * that first lookup is made in a thread while the main thread builds and
 * realizes the window; a lookup meanwhile waits for the theme's lock. */
static void
warm_icon_theme (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_object_ref (theme), g_object_unref);
  g_task_run_in_thread (task, warm_icon_theme_thread);
}

static void
myelin_application_startup (GApplication *app)
{
  MyelinApplication *self = MYELIN_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (myelin_application_parent_class)->startup (app);
  warm_icon_theme ();

  /* SCHEMA_ID, not APPLICATION_ID: the .Devel build shares the schema. */
  self->settings = g_settings_new (SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::style", G_CALLBACK (apply_style), self, G_CONNECT_SWAPPED);
  apply_style (self);
  self->kiosk_mode = self->kiosk_requested || g_settings_get_boolean (self->settings, "kiosk-mode");
  if (self->kiosk_mode)
    disable_kiosk_actions (self);
  self->store = myelin_store_open (self->library_path, &error);
  if (self->store == NULL)
    show_library_error (self, error);
  /* Probes speech-dispatcher now, off the main thread, so the read-aloud
   * button is there (or not) by the time an article is opened. */
  self->speaker = myelin_speaker_new ();
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  static const char *developers[] = { "The Myelin developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Myelin"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Myelin developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Plain-language summaries of multiple sclerosis research, for the people who care for someone with MS."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MyelinApplication *self = MYELIN_APPLICATION (user_data);
  MyelinPreferencesWindow *preferences = myelin_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit },
  { "about", on_about },
  { "preferences", on_preferences },
};

static int
myelin_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  MyelinApplication *self = MYELIN_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("myelin %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "library", "^ay", &self->library_path);
  self->kiosk_requested = g_variant_dict_contains (options, "kiosk");
  return -1;
}

static void
myelin_application_finalize (GObject *object)
{
  MyelinApplication *self = MYELIN_APPLICATION (object);

  g_clear_object (&self->kiosk);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->speaker);
  g_free (self->library_path);

  G_OBJECT_CLASS (myelin_application_parent_class)->finalize (object);
}

static void
myelin_application_class_init (MyelinApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = myelin_application_finalize;
  app_class->activate = myelin_application_activate;
  app_class->open = myelin_application_open;
  app_class->startup = myelin_application_startup;
  app_class->handle_local_options = myelin_application_handle_local_options;
}

static void
myelin_application_init (MyelinApplication *self)
{
  static const GOptionEntry options[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use this library file instead of the default"), N_("FILE") },
    { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Run as an unattended kiosk, e.g. in a waiting room"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
}

MyelinApplication *
myelin_application_new (void)
{
  MyelinApplication *self = g_object_new (MYELIN_TYPE_APPLICATION,
                                          "application-id", APPLICATION_ID,
                                          "flags", G_APPLICATION_HANDLES_OPEN,
                                          "resource-base-path", "/io/github/myelinreader/Myelin",
                                          NULL);
  const char *accels_quit[] = { "<Control>q", NULL };
  const char *accels_preferences[] = { "<Control>comma", NULL };
  const char *accels_shortcuts[] = { "<Control>question", NULL };

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", accels_quit);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", accels_preferences);
  /* GTK sets this one itself only when it builds the shortcuts window
   * for each window (myelin-window.c builds it when first shown). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", accels_shortcuts);
  return self;
}

MyelinStore *
myelin_application_get_store (MyelinApplication *self)
{
  g_return_val_if_fail (MYELIN_IS_APPLICATION (self), NULL);
  return self->store;
}

GSettings *
myelin_application_get_settings (MyelinApplication *self)
{
  g_return_val_if_fail (MYELIN_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * myelin_application_get_speaker:
 *
 * Returns: (transfer none): what reads articles aloud, one for the whole
 *   application; tests give it a fake backend with
 *   myelin_speaker_set_backend()
 */
MyelinSpeaker *
myelin_application_get_speaker (MyelinApplication *self)
{
  g_return_val_if_fail (MYELIN_IS_APPLICATION (self), NULL);
  return self->speaker;
}

/**
 * myelin_application_get_kiosk:
 *
 * Returns: (transfer none) (nullable): the kiosk, in kiosk mode once the
 *   window exists; %NULL otherwise
 */
MyelinKiosk *
myelin_application_get_kiosk (MyelinApplication *self)
{
  g_return_val_if_fail (MYELIN_IS_APPLICATION (self), NULL);
  return self->kiosk;
}
