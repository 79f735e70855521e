/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The installed bundles, with Remove. The list is a handful of rows read
 * from SQLite in well under a frame, so it is loaded on the main thread,
 * once the language names are (myelin_language_load_async()).
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include <glib/gi18n.h>

#include "myelin-language.h"
#include "myelin-library-window.h"
#include "myelin-toast.h"

struct _MyelinLibraryWindow
{
  AdwWindow        parent_instance;

  MyelinStore     *store;
  GListStore      *bundles;  /* MyelinBundleInfo */

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *status_page;
  GtkWidget       *import_button;
  GtkListBox      *list_box;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MyelinLibraryWindow, myelin_library_window, ADW_TYPE_WINDOW)

/* --- Rows ---------------------------------------------------------------- */

static char *
format_imported (const char *imported)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;

  if (imported == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (imported, NULL);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  /* Translators: the date a bundle was imported, as in “Imported 3 March 2025”;
   * see https://docs.gtk.org/glib/method.DateTime.format.html */
  date = g_date_time_format (local, _("%-d %B %Y"));
  if (date == NULL)
    return NULL;
  /* Translators: %s is a date */
  return g_strdup_printf (_("Imported %s"), date);
}

static void
add_part (GPtrArray  *parts,
          const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (parts, g_strdup (text));
}

static char *
build_subtitle (MyelinBundleInfo *info)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *revision = g_strdup_printf ("%" G_GINT64_FORMAT, myelin_bundle_info_get_revision (info));
  g_autofree char *imported = format_imported (myelin_bundle_info_get_imported (info));
  g_autofree char *language = myelin_language_get_name (myelin_bundle_info_get_language (info));
  guint articles = myelin_bundle_info_get_articles (info);

  add_part (parts, myelin_bundle_info_get_publisher (info));
  add_part (parts, language);
  /* Translators: %s is the revision number of a bundle */
  g_ptr_array_add (parts, g_strdup_printf (_("Revision %s"), revision));
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u article", "%u articles", articles), articles));
  if (imported != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&imported));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between the facts about a bundle */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static GtkWidget *
create_remove_button (MyelinBundleInfo *info)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *label = g_strdup_printf (_("Remove %s"), myelin_bundle_info_get_title (info));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove"));
  /* libadwaita 1.2 draws a flat .destructive-action button white on white;
   * .error gives the same red on a flat button. */
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "library.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", myelin_bundle_info_get_id (info));
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MyelinBundleInfo *info = MYELIN_BUNDLE_INFO (item);
  g_autofree char *subtitle = build_subtitle (info);
  GtkWidget *row = adw_action_row_new ();

  /* Titles come from bundle files: they are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), myelin_bundle_info_get_title (info));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_remove_button (info));
  return row;
}

/* --- Helpers ------------------------------------------------------------- */

static void
show_status (MyelinLibraryWindow *self,
             const char          *title,
             const char          *description,
             gboolean             offer_import)
{
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->import_button, offer_import);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
refresh_list (MyelinLibraryWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bundles = myelin_store_list_bundles (self->store, &error);

  if (bundles == NULL)
    {
      g_list_store_remove_all (self->bundles);
      show_status (self, _("The Library Cannot Be Read"), error->message, FALSE);
      return;
    }

  g_list_store_splice (self->bundles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->bundles)),
                       bundles->pdata, bundles->len);
  if (bundles->len == 0)
    show_status (self, _("No Bundles"), _("Import a research bundle to read its articles."), TRUE);
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static MyelinBundleInfo *
find_bundle (MyelinLibraryWindow *self,
             const char          *bundle_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->bundles));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MyelinBundleInfo) info = g_list_model_get_item (G_LIST_MODEL (self->bundles), i);

      if (g_strcmp0 (myelin_bundle_info_get_id (info), bundle_id) == 0)
        return info;
    }
  return NULL;
}

static void
show_error (MyelinLibraryWindow *self,
            const char          *heading,
            const char          *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_removed_toast (MyelinLibraryWindow *self,
                    const char          *title)
{
  g_autofree char *text = g_strdup_printf (_("“%s” removed"), title);

  adw_toast_overlay_add_toast (self->toast_overlay, myelin_toast_new_plain (text));
}

static void
remove_bundle (MyelinLibraryWindow *self,
               const char          *bundle_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  MyelinBundleInfo *info = find_bundle (self, bundle_id);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  title = g_strdup (info != NULL ? myelin_bundle_info_get_title (info) : bundle_id);
  if (!myelin_store_remove_bundle (self->store, bundle_id, &error))
    {
      show_error (self, _("The Bundle Cannot Be Removed"), error->message);
      refresh_list (self);
      return;
    }

  refresh_list (self);
  show_removed_toast (self, title);
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.refresh", NULL);
}

/* --- Callbacks ----------------------------------------------------------- */

static void
on_remove_response_cb (AdwMessageDialog    *dialog,
                       const char          *response,
                       MyelinLibraryWindow *self)
{
  const char *bundle_id = g_object_get_data (G_OBJECT (dialog), "bundle-id");

  if (g_strcmp0 (response, "remove") == 0)
    remove_bundle (self, bundle_id);
}

static void
on_import_clicked_cb (MyelinLibraryWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.import", NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static void
action_remove (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MyelinLibraryWindow *self = MYELIN_LIBRARY_WINDOW (widget);
  const char *bundle_id = g_variant_get_string (parameter, NULL);
  MyelinBundleInfo *info = find_bundle (self, bundle_id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint articles;

  if (info == NULL)
    return;

  articles = myelin_bundle_info_get_articles (info);
  heading = g_strdup_printf (_("Remove “%s”?"), myelin_bundle_info_get_title (info));
  body = g_strdup_printf (ngettext ("Its %u article leaves the library. Saved articles, read marks and notes are kept, and come back if the bundle is imported again.",
                                    "Its %u articles leave the library. Saved articles, read marks and notes are kept, and come back if the bundle is imported again.",
                                    articles),
                          articles);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "bundle-id", g_strdup (bundle_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- GObject ------------------------------------------------------------- */

static void
on_languages_loaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MyelinLibraryWindow) self = user_data;

  myelin_language_load_finish (result, NULL);
  if (self->store != NULL)
    refresh_list (self);
}

static void
myelin_library_window_constructed (GObject *object)
{
  MyelinLibraryWindow *self = MYELIN_LIBRARY_WINDOW (object);

  G_OBJECT_CLASS (myelin_library_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  /* The rows name each bundle's language: the tables for that are read in
   * a thread first (at once when an earlier window read them). */
  myelin_language_load_async (NULL, on_languages_loaded, g_object_ref (self));
}

static void
myelin_library_window_dispose (GObject *object)
{
  MyelinLibraryWindow *self = MYELIN_LIBRARY_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MYELIN_TYPE_LIBRARY_WINDOW);
  g_clear_object (&self->bundles);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (myelin_library_window_parent_class)->dispose (object);
}

static void
myelin_library_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MyelinLibraryWindow *self = MYELIN_LIBRARY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_library_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MyelinLibraryWindow *self = MYELIN_LIBRARY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_library_window_class_init (MyelinLibraryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = myelin_library_window_constructed;
  object_class->dispose = myelin_library_window_dispose;
  object_class->get_property = myelin_library_window_get_property;
  object_class->set_property = myelin_library_window_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, MYELIN_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/myelinreader/Myelin/ui/myelin-library-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MyelinLibraryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MyelinLibraryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MyelinLibraryWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, MyelinLibraryWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, MyelinLibraryWindow, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);

  gtk_widget_class_install_action (widget_class, "library.remove", "s", action_remove);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
myelin_library_window_init (MyelinLibraryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bundles = g_list_store_new (MYELIN_TYPE_BUNDLE_INFO);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->bundles), create_row, NULL, NULL);
}

/**
 * myelin_library_window_new:
 * @store: the library to show
 *
 * Returns: (transfer full): a new window listing the bundles in @store
 */
MyelinLibraryWindow *
myelin_library_window_new (MyelinStore *store)
{
  g_return_val_if_fail (MYELIN_IS_STORE (store), NULL);

  return g_object_new (MYELIN_TYPE_LIBRARY_WINDOW, "store", store, NULL);
}
