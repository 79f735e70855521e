/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader window: the card grid with topic filters, search and sort on
 * one leaflet page, the article on the other; the All, Saved and New views;
 * the text size. Queries run in a worker thread on a connection of their
 * own; the grid's model then fetches only the cards on screen.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "myelin-application.h"
#include "myelin-bundle-folder.h"
#include "myelin-card-grid.h"
#include "myelin-article-card.h"
#include "myelin-article-list.h"
#include "myelin-article-page.h"
#include "myelin-library-window.h"
#include "myelin-text-scale.h"
#include "myelin-toast.h"
#include "myelin-window.h"

/* How often to look for changes made by another program (myelinctl). */
#define CHANGE_POLL_SECONDS 2

/* libadwaita 1.2 gives its type classes sizes in points, which a font size
 * set on the window would not reach: they are scaled here with the rest. */
static const struct { const char *selector; double points; } text_classes[] = {
  { ".large-title", 24 }, { ".title-1", 20 }, { ".title-2", 15 }, { ".title-3", 15 },
  { ".title-4", 13 }, { ".heading", 11 }, { ".body", 11 }, { ".caption-heading", 9 }, { ".caption", 9 },
};

typedef enum
{
  VIEW_ALL,
  VIEW_SAVED,
  VIEW_NEW,
} View;

static const char * const view_names[] = { "all", "saved", "new" };

struct _MyelinWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  AdwFlap              *flap;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *import_revealer;
  GtkLabel             *import_label;
  GtkProgressBar       *import_progress;
  GtkListBox           *topic_list;
  GtkRevealer          *chips_revealer;
  GtkFlowBox           *chips_box;
  GtkLabel             *result_label;
  GtkStack             *content_stack;
  MyelinCardGrid       *grid;
  MyelinArticlePage    *article_page;      /* made when first opened */
  GtkListBox           *views_list;
  GtkListBoxRow        *all_row;
  GtkListBoxRow        *saved_row;
  GtkListBoxRow        *new_row;
  GtkLabel             *saved_count_label;
  GtkLabel             *new_count_label;
  GtkWidget            *new_bar;
  GtkLabel             *new_label;
  GtkWidget            *saved_extras;
  GtkListBox           *saved_list;
  GtkMenuButton        *primary_menu_button;
  GtkMenuButton        *sort_button;
  GMenuModel           *primary_menu;
  GMenuModel           *sort_menu;
  GtkLabel             *text_size_label;   /* in the main menu, once built */
  GtkWidget            *empty_import_button;
  GtkEventController   *drop_target;
  gulong                scroll_to_top_id;  /* once the reset's query is in */
  GtkOverlay           *overlay;           /* in kiosk mode, for its notice */
  GtkWindow            *help_overlay;      /* made when first shown */
  gboolean              kiosk;

  MyelinStore          *store;        /* the app's connection: cards, writes */
  MyelinStore          *reader;       /* queries, in worker threads */
  GSettings            *settings;
  MyelinQuery          *query;
  MyelinArticleList    *articles;
  GHashTable           *topic_counts; /* topic name -> GtkLabel of its row */
  char                 *topic_names;  /* the names of the rows, joined, to tell when to rebuild */
  char                 *chip_topics;  /* the same for the chips */
  GCancellable         *refresh_cancellable;
  guint                 refresh_serial;
  gboolean              refreshing;
  guint                 library_total;
  GArray               *rowids;       /* what the grid shows */
  View                  view;
  char                 *last_visit;   /* the visit before this session: "New" starts there */
  GtkCssProvider       *text_css;
  GWeakRef              browse_focus;  /* what had the focus when an article opened */

  GCancellable         *import_cancellable;
  GQueue                import_queue;  /* GFile */
  gboolean              importing;
  gboolean              index_requested;
  gboolean              importing_sample;
  gboolean              sample_checked;  /* on the first result */
  guint                 poll_id;
};

G_DEFINE_FINAL_TYPE (MyelinWindow, myelin_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_BUSY, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Busy while a query or an import is under way: tests wait on it, and a
 * kiosk's idle reset can tell a quiet screen from a working one. */
static void
update_busy (MyelinWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
myelin_window_get_busy (MyelinWindow *self)
{
  g_return_val_if_fail (MYELIN_IS_WINDOW (self), FALSE);
  return self->refreshing || self->importing || !g_queue_is_empty (&self->import_queue)
         || (self->article_page != NULL && myelin_article_page_get_loading (self->article_page));
}

static void refresh (MyelinWindow *self);
static void refresh_for_change (MyelinWindow *self);
static void load_index_after_paint (MyelinWindow *self);
static void reader_state_changed (MyelinWindow *self);
static void on_page_saved_cb (MyelinWindow *self);
static void start_next_import (MyelinWindow *self);
static void import_sample_if_new (MyelinWindow *self,
                                  guint         library_total);

/* --- Refreshing the grid, counts and topics ------------------------------ */

/* How long a change waits for its query before the next frame goes ahead
 * without the result: most answers take a few milliseconds
 * (myelin-store-index.c), and waiting for them saves painting a frame of
 * old cards (~20-40 ms on a machine without a GPU). No longer than a
 * frame at 60 Hz, so that typing never feels held up. */
#define QUICK_RESULT_US (16 * 1000)

typedef struct _RefreshResult RefreshResult;

static void apply_refresh (MyelinWindow  *self,
                           RefreshResult *data);
static void finish_refresh (MyelinWindow  *self,
                            RefreshResult *data);

typedef struct
{
  MyelinQuery   *query;
  View           view;
  char          *since;

  /* For refresh()'s brief wait: the thread's result as soon as it is
   * ready (still owned by the task), under @lock. */
  GMutex         lock;
  GCond          cond;
  gboolean       finished;
  RefreshResult *ready;
  gboolean       applied;    /* main thread only */
} RefreshRequest;

static void
refresh_request_free (RefreshRequest *request)
{
  g_clear_object (&request->query);
  g_free (request->since);
  g_mutex_clear (&request->lock);
  g_cond_clear (&request->cond);
  g_free (request);
}

struct _RefreshResult
{
  GArray    *rowids;
  GPtrArray *topics;
  GPtrArray *saved;     /* MyelinSavedArticle, those gone from the library too */
  guint      total;     /* articles in the whole library */
  guint      n_new;
};

static void
refresh_result_free (RefreshResult *result)
{
  g_clear_pointer (&result->rowids, g_array_unref);
  g_clear_pointer (&result->topics, g_ptr_array_unref);
  g_clear_pointer (&result->saved, g_ptr_array_unref);
  g_free (result);
}

/* Everything a refresh reads, on @reader. */
static void
refresh_read (MyelinStore     *reader,
              RefreshRequest  *request,
              MyelinQuery     *everything,
              RefreshResult   *result,
              GError         **error)
{
  MyelinQuery *query = request->query;

  /* "New" is what came in after the visit before this one; on a first
   * visit nothing is. */
  if (request->view != VIEW_NEW)
    result->rowids = myelin_store_query_rowids (reader, query, error);
  else if (request->since != NULL)
    result->rowids = myelin_store_query_new_rowids (reader, request->since, error);
  else
    result->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (result->rowids != NULL)
    result->topics = myelin_store_list_topics (reader, query, error);
  if (result->topics != NULL)
    result->total = myelin_store_count_articles (reader, everything, error);
  if (*error == NULL)
    result->saved = myelin_store_list_saved (reader, error);
  if (*error == NULL && request->since != NULL)
    result->n_new = myelin_store_count_new (reader, request->since, error);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MyelinStore *reader = g_object_get_data (G_OBJECT (task), "reader");
  RefreshRequest *request = task_data;
  g_autoptr(MyelinQuery) everything = myelin_query_new ();
  RefreshResult *result = g_new0 (RefreshResult, 1);
  GError *error = NULL;

  /* A superseded refresh may still be running on the same connection (and
   * the article page's work uses it too); one superseded while it waited
   * reads nothing. */
  myelin_store_hold (reader);
  if (!g_cancellable_is_cancelled (cancellable))
    refresh_read (reader, request, everything, result, &error);
  myelin_store_release (reader);

  if (error == NULL)
    g_cancellable_set_error_if_cancelled (cancellable, &error);
  if (error != NULL)
    g_clear_pointer (&result, refresh_result_free);

  g_mutex_lock (&request->lock);
  request->finished = TRUE;
  request->ready = result;
  g_cond_signal (&request->cond);
  g_mutex_unlock (&request->lock);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) refresh_result_free);
}

/* Adds @name to the topic filter or takes it out, and shows the result. */
static void
set_topic_selected (MyelinWindow *self,
                    const char   *name,
                    gboolean      selected)
{
  const char * const *current = myelin_query_get_topics (self->query);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) topics = NULL;

  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    if (!g_str_equal (current[i], name))
      g_strv_builder_add (builder, current[i]);
  if (selected)
    g_strv_builder_add (builder, name);
  topics = g_strv_builder_end (builder);

  myelin_query_set_topics (self->query, (const char * const *) topics);
  refresh_for_change (self);
}

static void
on_topic_toggled_cb (GtkCheckButton *check,
                     MyelinWindow   *self)
{
  set_topic_selected (self, g_object_get_data (G_OBJECT (check), "topic"), gtk_check_button_get_active (check));
}

static gboolean
topic_is_selected (MyelinWindow *self,
                   const char   *name)
{
  const char * const *topics = myelin_query_get_topics (self->query);

  return topics != NULL && g_strv_contains (topics, name);
}

static GtkWidget *
create_topic_row (MyelinWindow *self,
                  MyelinTopic  *topic)
{
  const char *name = myelin_topic_get_name (topic);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);

  g_object_set_data_full (G_OBJECT (check), "topic", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (count), "check", check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), topic_is_selected (self, name));
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_topic_toggled_cb), self, 0);
  g_hash_table_insert (self->topic_counts, g_strdup (name), count);
  return check;
}

/* Brings a sidebar row in line with the query: its count, and its check
 * box, which may have changed from elsewhere (a chip, an article's topic
 * button, Clear All). */
static void
update_topic_row (MyelinWindow *self,
                  GtkLabel     *count_label,
                  const char   *name,
                  guint         count)
{
  GtkWidget *check = g_object_get_data (G_OBJECT (count_label), "check");
  gboolean selected = topic_is_selected (self, name);

  /* Each refresh comes here for every topic: the text and the accessible
   * name (a message to the screen reader) change only with the count. */
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (count_label), "count")) != count + 1)
    {
      g_autofree char *text = g_strdup_printf ("%u", count);
      g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u article", "%s, %u articles", count),
                                                      name, count);

      g_object_set_data (G_OBJECT (count_label), "count", GUINT_TO_POINTER (count + 1));
      gtk_label_set_text (count_label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
    }
  /* A topic with no matching article cannot narrow anything: greyed out,
   * unless it is selected and so must stay removable. */
  gtk_widget_set_sensitive (check, count > 0 || selected);

  g_signal_handlers_block_by_func (check, on_topic_toggled_cb, self);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), selected);
  g_signal_handlers_unblock_by_func (check, on_topic_toggled_cb, self);
}

/* Rebuilds the sidebar only when the set of topics changed, so that
 * keyboard focus and scrolling survive a refresh of the counts. */
static void
update_topics (MyelinWindow *self,
               GPtrArray    *topics)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < topics->len; i++)
    g_string_append_printf (names, "%s\n", myelin_topic_get_name (g_ptr_array_index (topics, i)));

  if (g_strcmp0 (names->str, self->topic_names) != 0)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->topic_list))) != NULL)
        gtk_list_box_remove (self->topic_list, child);
      g_hash_table_remove_all (self->topic_counts);
      for (guint i = 0; i < topics->len; i++)
        gtk_list_box_append (self->topic_list, create_topic_row (self, g_ptr_array_index (topics, i)));
      g_free (self->topic_names);
      self->topic_names = g_strdup (names->str);
    }

  for (guint i = 0; i < topics->len; i++)
    {
      MyelinTopic *topic = g_ptr_array_index (topics, i);
      GtkLabel *count = g_hash_table_lookup (self->topic_counts, myelin_topic_get_name (topic));

      if (count != NULL)
        update_topic_row (self, count, myelin_topic_get_name (topic), myelin_topic_get_count (topic));
    }
}

static void
update_chips (MyelinWindow *self)
{
  const char * const *topics = myelin_query_get_topics (self->query);
  g_autofree char *joined = topics != NULL ? g_strjoinv ("\n", (char **) topics) : g_strdup ("");
  GtkWidget *child;

  /* Every refresh comes here, a letter typed too: the chips are made again
   * only when the topics change, so that one focused keeps its focus. */
  if (g_strcmp0 (joined, self->chip_topics) == 0)
    return;
  g_free (self->chip_topics);
  self->chip_topics = g_steal_pointer (&joined);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_flow_box_remove (self->chips_box, child);

  for (guint i = 0; topics != NULL && topics[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *text = gtk_label_new (topics[i]);
      g_autofree char *label = g_strdup_printf (_("Remove filter “%s”"), topics[i]);

      /* Not AdwButtonContent: its label cannot shrink (before libadwaita
       * 1.4), and one long topic would widen the window past a phone's
       * width. The tooltip and accessible name keep the whole topic. */
      gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (text), 32);
      gtk_box_append (GTK_BOX (content), text);
      gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("window-close-symbolic"));
      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      gtk_widget_add_css_class (button, "myelin-chip");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.remove-topic");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", topics[i]);
      gtk_flow_box_append (self->chips_box, button);
    }
  gtk_revealer_set_reveal_child (self->chips_revealer, topics != NULL && topics[0] != NULL);
}

static gboolean
query_has_search_or_topics (MyelinQuery *query)
{
  const char *search = myelin_query_get_search (query);
  const char * const *topics = myelin_query_get_topics (query);

  return (search != NULL && *search != '\0') || (topics != NULL && topics[0] != NULL);
}

static gboolean
query_has_filters (MyelinQuery *query)
{
  const char *search = myelin_query_get_search (query);
  const char * const *topics = myelin_query_get_topics (query);

  return (search != NULL && *search != '\0') || (topics != NULL && topics[0] != NULL)
         || myelin_query_get_saved_only (query) || myelin_query_get_unread_only (query);
}

static void
update_result_label (MyelinWindow *self,
                     guint         n)
{
  g_autofree char *text = NULL;

  if (query_has_filters (self->query))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article matches", "%u articles match", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", n), n);
  gtk_label_set_text (self->result_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), self->library_total > 0);
}

/* --- The views ----------------------------------------------------------- */

static void
select_view_row (MyelinWindow *self)
{
  GtkListBoxRow *rows[] = { self->all_row, self->saved_row, self->new_row };

  gtk_list_box_select_row (self->views_list, rows[self->view]);
}

static void
update_view_counts (MyelinWindow *self,
                    guint         n_saved,
                    guint         n_new)
{
  g_autofree char *saved = g_strdup_printf ("%u", n_saved);
  g_autofree char *new = g_strdup_printf ("%u", n_new);
  g_autofree char *saved_description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved, %u article",
                                                                     "Saved, %u articles", n_saved), n_saved);
  g_autofree char *new_description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "New, %u article",
                                                                   "New, %u articles", n_new), n_new);

  gtk_label_set_text (self->saved_count_label, saved);
  gtk_label_set_text (self->new_count_label, new);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->saved_row), GTK_ACCESSIBLE_PROPERTY_LABEL, saved_description, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_row), GTK_ACCESSIBLE_PROPERTY_LABEL, new_description, -1);
}

static char *
first_line (const char *text)
{
  const char *end = strchr (text, '\n');

  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

/* A saved article with a note, or one that left the library: the grid
 * cannot show the one, nor hold the other. */
static GtkWidget *
create_saved_row (MyelinSavedArticle *saved)
{
  GtkWidget *row = adw_action_row_new ();
  const char *title = myelin_saved_article_get_title (saved);
  const char *note = myelin_saved_article_get_note (saved);
  gboolean available = myelin_saved_article_get_available (saved);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  /* Bundle text and the reader's note are text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : myelin_saved_article_get_id (saved));
  if (!available)
    g_string_append (subtitle, _("No longer in your library"));
  if (note != NULL && *note != '\0')
    {
      g_autofree char *line = first_line (note);

      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      /* Translators: the first line of the reader's note on an article */
      g_string_append_printf (subtitle, _("Note: %s"), line);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);

  if (available)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)", myelin_saved_article_get_bundle_id (saved),
                                        myelin_saved_article_get_id (saved));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-article");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Unsave"));
      g_autofree char *label = g_strdup_printf (_("Unsave “%s”"), title != NULL ? title : "");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)", myelin_saved_article_get_bundle_id (saved),
                                        myelin_saved_article_get_id (saved));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.unsave");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
update_saved_extras (MyelinWindow *self,
                     GPtrArray    *saved)
{
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->saved_list))) != NULL)
    gtk_list_box_remove (self->saved_list, child);
  for (guint i = 0; self->view == VIEW_SAVED && i < saved->len; i++)
    {
      MyelinSavedArticle *article = g_ptr_array_index (saved, i);
      const char *note = myelin_saved_article_get_note (article);

      if (myelin_saved_article_get_available (article) && (note == NULL || *note == '\0'))
        continue;
      gtk_list_box_append (self->saved_list, create_saved_row (article));
      n++;
    }
  gtk_widget_set_visible (self->saved_extras, n > 0);
}

static void
update_new_bar (MyelinWindow *self,
                guint         n_new)
{
  g_autofree char *text = NULL;

  if (self->last_visit == NULL)
    text = g_strdup (_("This is your first visit: from the next one on, what was added meanwhile shows here."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article added since your last visit",
                                         "%u articles added since your last visit", n_new), n_new);
  gtk_label_set_text (self->new_label, text);
  gtk_widget_set_visible (self->new_bar, self->view == VIEW_NEW);
}

static gboolean
same_rowids (GArray *a,
             GArray *b)
{
  /* An empty GArray may have no data at all, and memcmp() must not be
   * given NULL even for 0 bytes (UBSan caught it). */
  return a != NULL && b != NULL && a->len == b->len
         && (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0);
}

/* The cards on screen, brought up to date with the library's saved and
 * read state without rebuilding the grid (which would lose its scroll
 * position and the keyboard focus). */
static void
sync_cards_in (MyelinWindow *self,
               GtkWidget    *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      MyelinArticle *shown;
      g_autoptr(MyelinArticle) now = NULL;

      if (!MYELIN_IS_ARTICLE_CARD (c))
        {
          sync_cards_in (self, c);
          continue;
        }
      /* The grid's spare cards (and its sizer) are not shown. */
      if (!gtk_widget_get_child_visible (c))
        continue;
      shown = myelin_article_card_get_article (MYELIN_ARTICLE_CARD (c));
      if (shown == NULL || myelin_article_get_rowid (shown) <= 0)
        continue;
      now = myelin_store_get_summary (self->store, myelin_article_get_rowid (shown), NULL);
      if (now == NULL)
        continue;
      for (MyelinArticleField f = MYELIN_ARTICLE_SAVED; f <= MYELIN_ARTICLE_READ; f++)
        if (myelin_article_get_boolean (now, f) != myelin_article_get_boolean (shown, f))
          myelin_article_set_boolean (shown, f, myelin_article_get_boolean (now, f));
    }
}

static void
sync_cards (MyelinWindow *self)
{
  sync_cards_in (self, GTK_WIDGET (self->grid));
}

static void
on_refresh_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MyelinWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  RefreshResult *data;
  guint serial = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "serial"));
  RefreshRequest *request = g_task_get_task_data (G_TASK (result));

  data = g_task_propagate_pointer (G_TASK (result), &error);
  /* A newer refresh was started meanwhile, and its result will come; or
   * refresh_for_change() has shown this one already. */
  if (serial != self->refresh_serial || request->applied)
    {
      g_clear_pointer (&data, refresh_result_free);
      return;
    }
  if (data == NULL)
    {
      self->refreshing = FALSE;
      update_busy (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, myelin_toast_new_plain (error->message));
      return;
    }
  finish_refresh (self, data);
  refresh_result_free (data);
}

/* A refresh's result has come, by either way. */
static void
finish_refresh (MyelinWindow  *self,
                RefreshResult *data)
{
  /* Before the refresh counts as done, so that the window does not look
   * idle between the two. */
  if (!self->sample_checked)
    {
      self->sample_checked = TRUE;
      import_sample_if_new (self, data->total);
    }
  self->refreshing = FALSE;
  update_busy (self);
  apply_refresh (self, data);
}

/* The status pages of the content stack and their icons. The icons are
 * given when a page is first shown, not in the template: an icon set on
 * a hidden page is still loaded with the window, and these are drawn at
 * 128 px, a size Adwaita has only as SVG, so every window loaded librsvg
 * and rendered four SVGs it never showed: ~18 MiB more resident memory
 * in the window benchmark's memory run. */
static const struct
{
  const char *page;
  const char *icon;
} status_icons[] = {
  { "empty", "document-open-symbolic" },
  { "no-saved", "starred-symbolic" },
  { "no-new", "document-new-symbolic" },
  { "no-results", "edit-find-symbolic" },
};

static void
show_content_page (MyelinWindow *self,
                   const char   *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, name);

  g_assert (page != NULL);
  if (ADW_IS_STATUS_PAGE (page) && adw_status_page_get_icon_name (ADW_STATUS_PAGE (page)) == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (status_icons); i++)
        if (g_str_equal (status_icons[i].page, name))
          adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), status_icons[i].icon);
    }
  gtk_stack_set_visible_child_name (self->content_stack, name);
}

/* Shows a refresh's result: the grid, the counts, the sidebar, the chips,
 * the views and the empty states. */
static void
apply_refresh (MyelinWindow  *self,
               RefreshResult *data)
{
  self->library_total = data->total;
  /* The same result (a save, a note, coming back from an article) keeps
   * the grid as it is, scroll position, focus and all. */
  if (same_rowids (self->rowids, data->rowids))
    sync_cards (self);
  else
    {
      g_clear_pointer (&self->rowids, g_array_unref);
      self->rowids = g_array_ref (data->rowids);
      /* A new result: the grid rebinds the cards it has and starts again
       * from the top. */
      myelin_article_list_set_rowids (self->articles, data->rowids);
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->grid)), 0);
    }
  update_topics (self, data->topics);
  update_chips (self);
  update_result_label (self, data->rowids->len);
  update_view_counts (self, data->saved->len, data->n_new);
  update_saved_extras (self, data->saved);
  update_new_bar (self, data->n_new);

  if (self->library_total == 0)
    show_content_page (self, "empty");
  else if (data->rowids->len > 0 || gtk_widget_get_visible (self->saved_extras))
    show_content_page (self, "grid");
  else if (self->view == VIEW_SAVED && !query_has_search_or_topics (self->query))
    show_content_page (self, "no-saved");
  else if (self->view == VIEW_NEW)
    show_content_page (self, "no-new");
  else
    show_content_page (self, "no-results");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filters", query_has_filters (self->query));
  load_index_after_paint (self);
}

/* Gives the thread QUICK_RESULT_US to answer, and shows its result at
 * once if it does: the change that asked (a letter typed, a box ticked)
 * and the cards it brings are then painted in one frame, not two. A
 * slower answer is shown when it comes, as before. */
static void
wait_for_quick_result (MyelinWindow   *self,
                       RefreshRequest *request)
{
  gint64 deadline = g_get_monotonic_time () + QUICK_RESULT_US;
  RefreshResult *ready;

  g_mutex_lock (&request->lock);
  while (!request->finished)
    if (!g_cond_wait_until (&request->cond, &request->lock, deadline))
      break;
  ready = request->ready;
  g_mutex_unlock (&request->lock);

  /* An error is left to on_refresh_done(), which reports it. */
  if (ready == NULL)
    return;
  request->applied = TRUE;
  finish_refresh (self, ready);
}

static void
load_index_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  /* A failure here is met again, and reported, by the next query. */
  if (!myelin_store_load_index (MYELIN_STORE (source_object), &error))
    g_debug ("Cannot read the library's index yet: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* The reader's index is read once the first cards are painted: the first
 * search then need not wait for it, and the first frame does not share
 * the processor with it. */
static void
on_first_paint (GdkFrameClock *clock,
                MyelinWindow  *self)
{
  g_autoptr(GTask) task = NULL;

  g_signal_handlers_disconnect_by_func (clock, on_first_paint, self);
  if (self->reader == NULL)
    return;
  task = g_task_new (self->reader, NULL, NULL, NULL);
  g_task_set_source_tag (task, on_first_paint);
  g_task_run_in_thread (task, load_index_thread);
}

static void
load_index_after_paint (MyelinWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->index_requested || clock == NULL)
    return;
  self->index_requested = TRUE;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_first_paint), self, 0);
}

/* Runs the current query off the main thread; a newer call supersedes an
 * older one still running. Returns the request (owned by its task), or
 * %NULL when there is no library to ask. */
static RefreshRequest *
start_refresh (MyelinWindow *self)
{
  g_autoptr(GTask) task = NULL;
  RefreshRequest *request;

  if (self->reader == NULL)
    return NULL;

  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  self->refresh_cancellable = g_cancellable_new ();

  request = g_new0 (RefreshRequest, 1);
  request->query = myelin_query_copy (self->query);
  request->view = self->view;
  request->since = g_strdup (self->last_visit);
  g_mutex_init (&request->lock);
  g_cond_init (&request->cond);

  task = g_task_new (NULL, self->refresh_cancellable, on_refresh_done, g_object_ref (self));
  g_task_set_source_tag (task, refresh);
  g_task_set_task_data (task, request, (GDestroyNotify) refresh_request_free);
  g_object_set_data_full (G_OBJECT (task), "reader", g_object_ref (self->reader), g_object_unref);
  g_object_set_data (G_OBJECT (task), "serial", GUINT_TO_POINTER (++self->refresh_serial));
  g_task_run_in_thread (task, refresh_thread);
  self->refreshing = TRUE;
  update_busy (self);
  return request;
}

/* For a change in the library or the reader's data, shown when it comes. */
static void
refresh (MyelinWindow *self)
{
  start_refresh (self);
}

/* For a change the reader made to what is shown (a letter typed, a topic
 * ticked, the sort, the view): its cards in the same frame when they come
 * quickly. */
static void
refresh_for_change (MyelinWindow *self)
{
  RefreshRequest *request = start_refresh (self);

  if (request != NULL)
    wait_for_quick_result (self, request);
}

/* --- Navigation ---------------------------------------------------------- */

static void
open_article (MyelinWindow *self,
              const char   *bundle_id,
              const char   *article_id)
{
  MyelinArticlePage *page = myelin_window_get_article_page (self);
  g_autoptr(GError) error = NULL;
  gboolean shown;

  /* The page's "saved" now tells of another article; the library has not
   * changed, so the grid is not synced and queried again for it (on the
   * way back it is, for the read mark). */
  g_signal_handlers_block_by_func (page, on_page_saved_cb, self);
  shown = myelin_article_page_show (page, self->store, bundle_id, article_id, &error);
  g_signal_handlers_unblock_by_func (page, on_page_saved_cb, self);
  if (!shown)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, myelin_toast_new_plain (error->message));
      return;
    }
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "browse") == 0)
    g_weak_ref_set (&self->browse_focus, gtk_root_get_focus (GTK_ROOT (self)));
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
on_grid_activate_cb (MyelinWindow *self,
                     guint         position)
{
  g_autoptr(MyelinArticle) article = g_list_model_get_item (G_LIST_MODEL (self->articles), position);

  if (article == NULL || myelin_article_get_id (article) == NULL)
    return;
  open_article (self, myelin_article_get_bundle_id (article), myelin_article_get_id (article));
}

static void
go_back (MyelinWindow *self)
{
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") != 0)
    return;
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Leaving an article (by any way back, swipes included): its note is
 * written, its reading aloud stops, and the grid shows it read. */
static void
left_article (MyelinWindow *self)
{
  if (self->article_page != NULL)
    {
      myelin_article_page_save_note (self->article_page);
      myelin_article_page_stop_reading (self->article_page);
    }
  reader_state_changed (self);
}

static void
on_visible_child_changed_cb (MyelinWindow *self)
{
  gboolean browsing = g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "browse") == 0;
  g_autoptr(GtkWidget) focus = NULL;

  /* Back (and so Escape and Alt+Left) only means something on an article;
   * on the grid, Escape is left to the search bar. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", !browsing);
  if (!browsing || adw_leaflet_get_child_transition_running (self->leaflet))
    return;
  left_article (self);
  /* Back on the grid, which kept its scroll position: the keyboard focus
   * goes back to the card (or button) it was on. */
  focus = g_weak_ref_get (&self->browse_focus);
  if (focus != NULL && gtk_widget_get_root (focus) == GTK_ROOT (self) && gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (focus);
  g_weak_ref_set (&self->browse_focus, NULL);
}

static void
on_back_button_pressed_cb (GtkGestureClick *gesture,
                           int              n_press,
                           double           x,
                           double           y,
                           MyelinWindow    *self)
{
  go_back (self);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* --- Search -------------------------------------------------------------- */

static void
on_search_changed_cb (MyelinWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  myelin_query_set_search (self->query, *text ? text : NULL);
  refresh_for_change (self);
}

static void
on_stop_search_cb (MyelinWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* --- Actions ------------------------------------------------------------- */

static void
action_back (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  go_back (MYELIN_WINDOW (widget));
}

static void
action_open_article (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *bundle_id, *article_id;

  g_variant_get (parameter, "(&s&s)", &bundle_id, &article_id);
  open_article (MYELIN_WINDOW (widget), bundle_id, article_id);
}

static void
action_show_topic (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);
  const char *topics[] = { g_variant_get_string (parameter, NULL), NULL };

  /* "All articles on this topic": the topic alone, no search. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  myelin_query_set_search (self->query, NULL);
  myelin_query_set_topics (self->query, topics);
  refresh_for_change (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "browse");
}

static void
action_remove_topic (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  set_topic_selected (MYELIN_WINDOW (widget), g_variant_get_string (parameter, NULL), FALSE);
}

/* No search, no saved or unread filter, and only @topics (may be NULL). */
static void
clear_filters (MyelinWindow       *self,
               const char * const *topics)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  myelin_query_set_search (self->query, NULL);
  myelin_query_set_topics (self->query, topics);
  myelin_query_set_saved_only (self->query, FALSE);
  myelin_query_set_unread_only (self->query, FALSE);
  self->view = VIEW_ALL;
  select_view_row (self);
  refresh_for_change (self);
}

static void
action_clear_filters (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  clear_filters (MYELIN_WINDOW (widget), NULL);
}

/* The query's sort, from the settings. */
static void
apply_sort_setting (MyelinWindow *self)
{
  MyelinSort sort = MYELIN_SORT_NEWEST;
  g_autofree char *name = g_settings_get_string (self->settings, "sort");

  myelin_sort_from_string (name, &sort);
  myelin_query_set_sort (self->query, sort);
}

static void
on_sort_changed (MyelinWindow *self)
{
  apply_sort_setting (self);
  refresh_for_change (self);
}

static void
action_refresh (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  refresh (MYELIN_WINDOW (widget));
}

static void
action_search (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "browse");
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
action_library (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);
  MyelinLibraryWindow *library = myelin_library_window_new (self->store);

  gtk_window_set_transient_for (GTK_WINDOW (library), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (library));
}

/* The keyboard shortcuts, made the first time they are asked for. GTK
 * builds a gtk/help-overlay.ui it finds among an application's resources
 * for every window it opens, whether or not anyone looks: 6 ms of each
 * launch. (The accelerator is set by the application.) */
static void
on_show_help_overlay_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  MyelinWindow *self = MYELIN_WINDOW (user_data);

  if (self->help_overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/myelinreader/Myelin/ui/myelin-shortcuts-window.ui");

      self->help_overlay = g_object_ref (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
      gtk_window_set_transient_for (self->help_overlay, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->help_overlay, TRUE);
    }
  gtk_window_present (self->help_overlay);
}

/* --- Saved, read and the views -------------------------------------------- */

/* After the reader's saved or read state changed: the cards on screen,
 * the counts, and the Saved view follow. */
static void
reader_state_changed (MyelinWindow *self)
{
  sync_cards (self);
  refresh (self);
}

static gboolean
page_shows (MyelinWindow *self,
            const char   *bundle_id,
            const char   *article_id)
{
  MyelinArticle *shown = self->article_page != NULL ? myelin_article_page_get_article (self->article_page) : NULL;

  return shown != NULL && g_strcmp0 (myelin_article_get_bundle_id (shown), bundle_id) == 0
         && g_strcmp0 (myelin_article_get_id (shown), article_id) == 0;
}

static void
set_saved (MyelinWindow *self,
           const char   *bundle_id,
           const char   *article_id,
           gboolean      saved)
{
  g_autoptr(GError) error = NULL;

  /* The page, when it shows the article, writes it and tells us. */
  if (page_shows (self, bundle_id, article_id))
    {
      myelin_article_page_set_saved (self->article_page, saved);
      return;
    }
  if (!myelin_store_set_saved (self->store, bundle_id, article_id, saved, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, myelin_toast_new_plain (error->message));
      return;
    }
  reader_state_changed (self);
}

static void
action_toggle_saved (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);
  const char *bundle_id, *article_id;
  g_autoptr(MyelinArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  g_variant_get (parameter, "(&s&s)", &bundle_id, &article_id);
  article = myelin_store_get_article (self->store, bundle_id, article_id, &error);
  if (article == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, myelin_toast_new_plain (error->message));
      return;
    }
  set_saved (self, bundle_id, article_id, !myelin_article_get_boolean (article, MYELIN_ARTICLE_SAVED));
}

static void
action_unsave (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *bundle_id, *article_id;

  g_variant_get (parameter, "(&s&s)", &bundle_id, &article_id);
  set_saved (MYELIN_WINDOW (widget), bundle_id, article_id, FALSE);
}

static void
on_page_saved_cb (MyelinWindow *self)
{
  reader_state_changed (self);
}

/* Ctrl+D anywhere on the article, wherever the keyboard focus is. */
static gboolean
toggle_saved_shortcut_cb (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") != 0)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self->article_page), "page.saved", NULL);
}

/* Ctrl+R, likewise: read aloud, pause or resume. */
static gboolean
read_aloud_shortcut_cb (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") != 0)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (self->article_page), "page.read-aloud", NULL);
}

static void
set_view (MyelinWindow *self,
          View          view)
{
  self->view = view;
  myelin_query_set_saved_only (self->query, view == VIEW_SAVED);
  myelin_query_set_unread_only (self->query, FALSE);
  select_view_row (self);
  refresh_for_change (self);
}

static void
action_show_view (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    if (g_str_equal (name, view_names[i]))
      {
        set_view (self, (View) i);
        adw_leaflet_set_visible_child_name (self->leaflet, "browse");
        return;
      }
  g_warning ("No view called “%s”", name);
}

static void
action_mark_all_read (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!myelin_store_mark_all_read (self->store, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, myelin_toast_new_plain (error->message));
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, myelin_toast_new_plain (_("All articles marked as read")));
  reader_state_changed (self);
}

/* --- Text size ----------------------------------------------------------- */

/* The size shown in the main menu, once it is built. */
static void
update_text_size_label (MyelinWindow *self)
{
  double scale = g_settings_get_double (self->settings, "text-scale");
  g_autofree char *percent = NULL;

  if (self->text_size_label == NULL)
    return;
  /* Translators: a text size, e.g. "125%" */
  percent = g_strdup_printf (_("%d%%"), (int) (scale * 100 + 0.5));
  gtk_label_set_text (self->text_size_label, percent);
}

static void
apply_text_scale (MyelinWindow *self)
{
  double scale = g_settings_get_double (self->settings, "text-scale");
  guint n_steps;
  const double *steps = myelin_text_scale_steps (&n_steps);
  g_autoptr(GString) css = g_string_new (NULL);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  /* At 100% nothing is set: the system's sizes stand as they are. Sizes
   * are relative to the system's, so its large-text setting still counts.
   * A popover's style node is a child of its button's, so menus follow. */
  if (!G_APPROX_VALUE (scale, 1.0, 0.001))
    {
      g_string_append_printf (css, "window.myelin-window { font-size: %s%%; }\n",
                              g_ascii_formatd (number, sizeof number, "%.1f", scale * 100));
      for (guint i = 0; i < G_N_ELEMENTS (text_classes); i++)
        g_string_append_printf (css, "window.myelin-window %s { font-size: %spt; }\n", text_classes[i].selector,
                                g_ascii_formatd (number, sizeof number, "%.2f", text_classes[i].points * scale));
    }
  gtk_css_provider_load_from_data (self->text_css, css->str, -1);

  update_text_size_label (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.text-larger", scale < steps[n_steps - 1] - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.text-smaller", scale > steps[0] + 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.text-reset", !G_APPROX_VALUE (scale, 1.0, 0.001));
}

static void
action_text_size (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);
  double scale = g_settings_get_double (self->settings, "text-scale");

  if (g_str_equal (action_name, "win.text-larger"))
    scale = myelin_text_scale_next (scale, 1);
  else if (g_str_equal (action_name, "win.text-smaller"))
    scale = myelin_text_scale_next (scale, -1);
  else
    scale = 1.0;
  g_settings_set_double (self->settings, "text-scale", scale);
}

/* − 100% + in the main menu. */
static GtkWidget *
create_text_size_control (MyelinWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *smaller = gtk_button_new_from_icon_name ("zoom-out-symbolic");
  GtkWidget *larger = gtk_button_new_from_icon_name ("zoom-in-symbolic");
  GtkWidget *reset = gtk_button_new ();
  GtkWidget *caption = gtk_label_new (_("Text Size"));

  self->text_size_label = GTK_LABEL (gtk_label_new ("100%"));
  gtk_widget_add_css_class (GTK_WIDGET (self->text_size_label), "numeric");
  gtk_label_set_width_chars (self->text_size_label, 5);
  gtk_button_set_child (GTK_BUTTON (reset), GTK_WIDGET (self->text_size_label));

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_set_hexpand (caption, TRUE);
  gtk_widget_set_margin_start (caption, 12);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (smaller), "win.text-smaller");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), "win.text-reset");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (larger), "win.text-larger");
  gtk_widget_set_tooltip_text (smaller, _("Smaller Text (Ctrl+−)"));
  gtk_widget_set_tooltip_text (reset, _("Reset Text Size (Ctrl+0)"));
  gtk_widget_set_tooltip_text (larger, _("Larger Text (Ctrl++)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (smaller), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Smaller Text"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reset), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reset Text Size"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (larger), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Larger Text"), -1);
  for (GtkWidget *b = smaller; b != NULL; b = b == smaller ? reset : b == reset ? larger : NULL)
    {
      gtk_widget_add_css_class (b, "flat");
      gtk_widget_add_css_class (b, "circular");
    }

  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), smaller);
  gtk_box_append (GTK_BOX (box), reset);
  gtk_box_append (GTK_BOX (box), larger);
  return box;
}

/* The menus are built when first opened (their popovers, a dozen widgets
 * each, were built with the window). */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  MyelinWindow *self = MYELIN_WINDOW (user_data);

  gtk_menu_button_set_menu_model (button, self->primary_menu);
  gtk_popover_menu_add_child (GTK_POPOVER_MENU (gtk_menu_button_get_popover (button)),
                              create_text_size_control (self), "text-size");
  update_text_size_label (self);
}

static void
create_sort_menu_cb (GtkMenuButton *button,
                     gpointer       user_data)
{
  gtk_menu_button_set_menu_model (button, MYELIN_WINDOW (user_data)->sort_menu);
}

/* --- Importing ----------------------------------------------------------- */

static void
on_import_progress (double   fraction,
                    gpointer user_data)
{
  MyelinWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->import_progress, fraction);
}

static char *
format_problems (MyelinImportReport *report,
                 guint               max)
{
  GPtrArray *errors = myelin_import_report_get_errors (report);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < errors->len && i < max; i++)
    {
      g_autofree char *line = myelin_problem_to_string (g_ptr_array_index (errors, i), NULL);
      g_string_append_printf (out, "%s• %s", i ? "\n" : "", line);
    }
  if (errors->len > max)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "\n… and %u more problem.", "\n… and %u more problems.",
                                              errors->len - max),
                            errors->len - max);
  return g_string_free (out, FALSE);
}

static void
show_message (MyelinWindow *self,
              const char   *heading,
              const char   *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_details_clicked_cb (AdwToast *toast,
                       gpointer  user_data)
{
  MyelinImportReport *report = g_object_get_data (G_OBJECT (toast), "report");
  MyelinWindow *self = user_data;
  g_autofree char *problems = format_problems (report, 20);

  show_message (self, _("Skipped Articles"), problems);
}

static void
report_import (MyelinWindow       *self,
               MyelinImportReport *report)
{
  const char *title = myelin_import_report_get_bundle_title (report);
  g_autofree char *text = NULL;
  AdwToast *toast;

  switch (myelin_import_report_get_status (report))
    {
    case MYELIN_IMPORT_STATUS_REFUSED:
      {
        g_autofree char *name = g_path_get_basename (myelin_import_report_get_file (report));
        g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Imported"), name);
        g_autofree char *problems = format_problems (report, 5);
        g_autofree char *body = g_strdup_printf (_("Nothing in the library was changed.\n\n%s"), problems);

        show_message (self, heading, body);
      }
      return;
    case MYELIN_IMPORT_STATUS_UP_TO_DATE:
      text = g_strdup_printf (_("“%s” is already up to date"), title);
      break;
    case MYELIN_IMPORT_STATUS_ADDED:
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u article from %s", "Added %u articles from %s",
                                           myelin_import_report_get_added (report)),
                              myelin_import_report_get_added (report), title);
      break;
    case MYELIN_IMPORT_STATUS_UPDATED:
      text = g_strdup_printf (_("Updated %s (added: %u, changed: %u, removed: %u)"), title,
                              myelin_import_report_get_added (report), myelin_import_report_get_updated (report),
                              myelin_import_report_get_removed (report));
      break;
    case MYELIN_IMPORT_STATUS_VALID:
    default:
      g_assert_not_reached ();
    }

  toast = myelin_toast_new_plain (text);
  if (myelin_import_report_get_skipped (report) > 0)
    {
      g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u skipped)", "%s (%u skipped)",
                                                               myelin_import_report_get_skipped (report)),
                                                  text, myelin_import_report_get_skipped (report));
      myelin_toast_set_plain_title (toast, skipped);
      adw_toast_set_button_label (toast, _("_Details"));
      g_object_set_data_full (G_OBJECT (toast), "report", g_object_ref (report), g_object_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_details_clicked_cb), self, 0);
      adw_toast_set_timeout (toast, 10);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MyelinWindow) self = user_data;
  g_autoptr(MyelinImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sample = self->importing_sample;

  report = myelin_store_import_file_finish (MYELIN_STORE (source), result, &error);
  self->importing = FALSE;
  self->importing_sample = FALSE;
  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, myelin_toast_new_plain (_("Import cancelled; nothing was changed")));
      else
        show_message (self, _("The Bundle Was Not Imported"), error->message);
    }
  else if (sample)
    {
      /* The first-run sample arrives quietly: no dialog, no toast. */
      if (myelin_import_report_get_status (report) != MYELIN_IMPORT_STATUS_REFUSED)
        g_settings_set_boolean (self->settings, "sample-imported", TRUE);
      else
        g_warning ("The sample bundle was refused: %s", myelin_import_report_get_refusal (report)->message);
    }
  else
    report_import (self, report);

  refresh (self);
  start_next_import (self);
  update_busy (self);
}

static void
start_next_import (MyelinWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  if (self->importing || (file = g_queue_pop_head (&self->import_queue)) == NULL)
    return;

  self->importing = TRUE;
  self->importing_sample = g_object_get_data (G_OBJECT (file), "sample") != NULL;
  self->import_cancellable = g_cancellable_new ();
  name = g_file_get_basename (file);
  label = g_strdup_printf (_("Importing “%s”…"), name);
  gtk_label_set_text (self->import_label, label);
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_revealer_set_reveal_child (self->import_revealer, !self->importing_sample);

  myelin_store_import_file_async (self->store, file, MYELIN_IMPORT_FLAGS_NONE,
                                  on_import_progress, self, NULL,
                                  self->import_cancellable, on_import_done, g_object_ref (self));
}

/* Each bundle in @folder, queued like files chosen one by one: a folder is
 * how a bundle's images reach the Flatpak (myelin-bundle-folder.c). */
static void
import_folder (MyelinWindow *self,
               GFile        *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = myelin_bundle_folder_list (folder, NULL, &error);

  if (files == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, myelin_toast_new_plain (error->message));
      return;
    }
  for (guint i = 0; i < files->len; i++)
    g_queue_push_tail (&self->import_queue, g_object_ref (g_ptr_array_index (files, i)));
  start_next_import (self);
  update_busy (self);
}

/**
 * myelin_window_import_file:
 *
 * Imports a bundle in the background, after any import already running,
 * with progress, cancellation and a report when done.
 */
void
myelin_window_import_file (MyelinWindow *self,
                           GFile        *file)
{
  g_return_if_fail (MYELIN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      import_folder (self, file);
      return;
    }
  g_queue_push_tail (&self->import_queue, g_object_ref (file));
  start_next_import (self);
  update_busy (self);
}

static void
action_cancel_import (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);

  g_cancellable_cancel (self->import_cancellable);
}

static void
on_file_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   MyelinWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          myelin_window_import_file (self, file);
        }
    }
  g_object_unref (dialog);
}

static void
action_import (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* A portal file chooser: in the Flatpak the app has no access to the
   * reader's files but the ones chosen here. */
  chooser = gtk_file_chooser_native_new (_("Import Bundle"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Myelin bundles (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* In the Flatpak, choosing the folder is what brings a bundle's images
 * along: the portal exports a chosen file alone. */
static void
action_import_folder (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MyelinWindow *self = MYELIN_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Bundle Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            MyelinWindow  *self)
{
  GSList *files = g_value_get_boxed (value);
  gboolean any = FALSE;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if ((name != NULL && g_str_has_suffix (name, ".json"))
          || g_file_query_file_type (l->data, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        {
          myelin_window_import_file (self, l->data);
          any = TRUE;
        }
    }
  if (!any)
    adw_toast_overlay_add_toast (self->toast_overlay, myelin_toast_new_plain (_("Only bundle files ending in .json, or folders of them, can be imported")));
  return any;
}

/* --- Changes from elsewhere, first run, window state ---------------------- */

static gboolean
poll_changes_cb (gpointer user_data)
{
  MyelinWindow *self = user_data;

  /* myelinctl import in another process: pick it up without a restart. */
  if (!self->importing && myelin_store_has_changed (self->store))
    refresh (self);
  return G_SOURCE_CONTINUE;
}

/* A first run, on a library with no bundle, gets the sample bundle with no
 * dialog. The first refresh tells whether the library has any article
 * (counted in its thread); only when it has none are the bundles listed
 * here, on the main thread: that took 7 ms on a 100,000-article library,
 * at every launch until a sample had been imported. */
static void
import_sample_if_new (MyelinWindow *self,
                      guint         library_total)
{
  g_autoptr(GPtrArray) bundles = NULL;
  g_autoptr(GFile) sample = NULL;

  if (library_total > 0 || g_settings_get_boolean (self->settings, "sample-imported"))
    return;
  /* A bundle without articles is still the reader's own. */
  bundles = myelin_store_list_bundles (self->store, NULL);
  if (bundles == NULL || bundles->len > 0)
    return;

  sample = g_file_new_for_path (myelin_application_get_sample_bundle ());
  g_object_set_data (G_OBJECT (sample), "sample", GINT_TO_POINTER (TRUE));
  myelin_window_import_file (self, sample);
}

static gboolean
myelin_window_close_request (GtkWindow *window)
{
  MyelinWindow *self = MYELIN_WINDOW (window);
  g_autoptr(GError) error = NULL;
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_cancellable_cancel (self->import_cancellable);
  if (self->article_page != NULL)
    {
      myelin_article_page_save_note (self->article_page);
      myelin_article_page_stop_reading (self->article_page);
    }
  /* What is new next time is what comes in after now. */
  if (self->store != NULL && !myelin_store_set_last_visit (self->store, NULL, &error))
    g_warning ("Cannot record this visit: %s", error->message);

  return GTK_WINDOW_CLASS (myelin_window_parent_class)->close_request (window);
}

static void
myelin_window_dispose (GObject *object)
{
  MyelinWindow *self = MYELIN_WINDOW (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->text_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->text_css));
  g_cancellable_cancel (self->refresh_cancellable);
  g_cancellable_cancel (self->import_cancellable);
  g_queue_clear_full (&self->import_queue, g_object_unref);
  if (self->help_overlay != NULL)
    gtk_window_destroy (self->help_overlay);
  g_clear_object (&self->help_overlay);

  G_OBJECT_CLASS (myelin_window_parent_class)->dispose (object);
}

static void
myelin_window_finalize (GObject *object)
{
  MyelinWindow *self = MYELIN_WINDOW (object);

  g_clear_object (&self->refresh_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->articles);
  g_clear_object (&self->query);
  g_clear_object (&self->reader);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->topic_counts, g_hash_table_unref);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_object (&self->text_css);
  g_free (self->last_visit);
  g_free (self->topic_names);
  g_free (self->chip_topics);
  g_weak_ref_clear (&self->browse_focus);

  G_OBJECT_CLASS (myelin_window_parent_class)->finalize (object);
}

static void
myelin_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BUSY: g_value_set_boolean (value, myelin_window_get_busy (MYELIN_WINDOW (object))); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_window_class_init (MyelinWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  g_type_ensure (MYELIN_TYPE_CARD_GRID);
  object_class->dispose = myelin_window_dispose;
  object_class->finalize = myelin_window_finalize;
  object_class->get_property = myelin_window_get_property;
  window_class->close_request = myelin_window_close_request;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/myelinreader/Myelin/ui/myelin-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, topic_list);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, chips_revealer);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, chips_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, result_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, grid);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, views_list);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, all_row);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, saved_row);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, new_row);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, saved_count_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, new_count_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, new_bar);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, new_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, saved_extras);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, saved_list);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, sort_menu);
  gtk_widget_class_bind_template_child (widget_class, MyelinWindow, empty_import_button);
  /* Reachable by name for tests and assistive checks; no field needed. */
  gtk_widget_class_bind_template_child_full (widget_class, "search_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "grid_scroller", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "topics_heading", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, action_back);
  gtk_widget_class_install_action (widget_class, "win.open-article", "(ss)", action_open_article);
  gtk_widget_class_install_action (widget_class, "win.show-topic", "s", action_show_topic);
  gtk_widget_class_install_action (widget_class, "win.remove-topic", "s", action_remove_topic);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, action_clear_filters);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, action_refresh);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, action_search);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, action_import);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, action_import_folder);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, action_cancel_import);
  gtk_widget_class_install_action (widget_class, "win.library", NULL, action_library);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", action_show_view);
  gtk_widget_class_install_action (widget_class, "win.toggle-saved", "(ss)", action_toggle_saved);
  gtk_widget_class_install_action (widget_class, "win.unsave", "(ss)", action_unsave);
  gtk_widget_class_install_action (widget_class, "win.mark-all-read", NULL, action_mark_all_read);
  gtk_widget_class_install_action (widget_class, "win.text-larger", NULL, action_text_size);
  gtk_widget_class_install_action (widget_class, "win.text-smaller", NULL, action_text_size);
  gtk_widget_class_install_action (widget_class, "win.text-reset", NULL, action_text_size);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, toggle_saved_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, read_aloud_shortcut_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.text-smaller", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.text-smaller", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.text-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.text-reset", NULL);
}

static void
myelin_window_init (MyelinWindow *self)
{
  g_autoptr(GSimpleAction) help_action = NULL;
  GtkGesture *back_button;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->query = myelin_query_new ();
  self->topic_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->import_queue);
  g_weak_ref_init (&self->browse_focus, NULL);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  help_action = g_simple_action_new ("show-help-overlay", NULL);
  g_signal_connect_object (help_action, "activate", G_CALLBACK (on_show_help_overlay_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (help_action));

  g_signal_connect_object (self->leaflet, "notify::visible-child", G_CALLBACK (on_visible_child_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::child-transition-running", G_CALLBACK (on_visible_child_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* The mouse's back button (8) goes back too. */
  back_button = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (back_button), 8);
  g_signal_connect_object (back_button, "pressed", G_CALLBACK (on_back_button_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (back_button));

  self->drop_target = GTK_EVENT_CONTROLLER (gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY));
  g_signal_connect_object (self->drop_target, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), self->drop_target);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filters", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", FALSE);

  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_primary_menu_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->sort_button, create_sort_menu_cb, self, NULL);
  self->text_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->text_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  select_view_row (self);
}

static void
setup_store (MyelinWindow      *self,
             MyelinApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) visit_error = NULL;
  g_autoptr(GAction) sort_action = NULL;

  self->settings = g_object_ref (myelin_application_get_settings (app));
  self->store = g_object_ref (myelin_application_get_store (app));
  self->reader = myelin_store_open (myelin_store_get_path (self->store), &error);
  if (self->reader == NULL)
    g_warning ("No reading connection: %s", error->message);
  else
    /* Searches and topic filters are answered from memory
     * (myelin-store-index.c): a few milliseconds where SQL took hundreds
     * on a large library. */
    myelin_store_set_indexed (self->reader, TRUE);

  self->articles = myelin_article_list_new (self->store);
  myelin_card_grid_set_model (self->grid, G_LIST_MODEL (self->articles));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  sort_action = g_settings_create_action (self->settings, "sort");
  g_action_map_add_action (G_ACTION_MAP (self), sort_action);
  g_signal_connect_object (self->settings, "changed::sort", G_CALLBACK (on_sort_changed), self, G_CONNECT_SWAPPED);

  self->poll_id = g_timeout_add_seconds (CHANGE_POLL_SECONDS, poll_changes_cb, self);

  g_signal_connect_object (self->settings, "changed::text-scale", G_CALLBACK (apply_text_scale), self, G_CONNECT_SWAPPED);
  apply_text_scale (self);

  /* Kept for the whole session: "New" is what came since the visit before. */
  self->last_visit = myelin_store_get_last_visit (self->store, &visit_error);
  if (visit_error != NULL)
    g_warning ("Cannot read the last visit: %s", visit_error->message);
}

MyelinWindow *
myelin_window_new (MyelinApplication *app)
{
  MyelinWindow *self = g_object_new (MYELIN_TYPE_WINDOW, "application", app, NULL);

  setup_store (self, app);
  apply_sort_setting (self);
  /* The first query is not waited for (refresh_for_change()): the window
   * is realized meanwhile, and its answer comes before the first frame. */
  refresh (self);
  /* Without a reading connection no refresh tells: ask the library now. */
  if (self->reader == NULL)
    {
      self->sample_checked = TRUE;
      import_sample_if_new (self, 0);
    }
  return self;
}

/**
 * myelin_window_get_article_list:
 *
 * Returns: (transfer none): the grid's model, for tests
 */
MyelinArticleList *
myelin_window_get_article_list (MyelinWindow *self)
{
  g_return_val_if_fail (MYELIN_IS_WINDOW (self), NULL);
  return self->articles;
}

/**
 * myelin_window_get_article_page:
 *
 * The page an article opens on, made the first time it is asked for: at
 * launch only the grid is built, styled and measured (the page is the
 * larger half of the window's widgets, and shows only when an article is
 * opened).
 *
 * Returns: (transfer none): the article page
 */
MyelinArticlePage *
myelin_window_get_article_page (MyelinWindow *self)
{
  GtkApplication *app;
  AdwLeafletPage *leaflet_page;

  g_return_val_if_fail (MYELIN_IS_WINDOW (self), NULL);

  if (self->article_page != NULL)
    return self->article_page;

  self->article_page = g_object_new (MYELIN_TYPE_ARTICLE_PAGE, NULL);
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (MYELIN_IS_APPLICATION (app))
    myelin_article_page_set_speaker (self->article_page, myelin_application_get_speaker (MYELIN_APPLICATION (app)));
  myelin_article_page_set_reader (self->article_page, self->reader);
  if (self->kiosk)
    myelin_article_page_set_kiosk (self->article_page, TRUE);
  g_signal_connect_object (self->article_page, "notify::saved", G_CALLBACK (on_page_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->article_page, "notify::loading", G_CALLBACK (update_busy), self, G_CONNECT_SWAPPED);
  leaflet_page = adw_leaflet_append (self->leaflet, GTK_WIDGET (self->article_page));
  adw_leaflet_page_set_name (leaflet_page, "detail");
  return self->article_page;
}

/**
 * myelin_window_set_last_visit:
 * @when: (nullable): the last visit, as myelin_store_get_last_visit() gives
 *   it; %NULL for none
 *
 * Sets where "New" starts. The window reads it from the library when it
 * opens; this is for tests.
 */
void
myelin_window_set_last_visit (MyelinWindow *self,
                              const char   *when)
{
  g_return_if_fail (MYELIN_IS_WINDOW (self));

  g_free (self->last_visit);
  self->last_visit = g_strdup (when);
  refresh (self);
}

/* --- Kiosk mode (the rest is in myelin-kiosk.c) ---------------------------- */

/* What a kiosk's visitor may not do: change the library or the reader's
 * data, or see the last visitor's (Saved, New). */
static const char * const kiosk_disabled_actions[] = {
  "win.import", "win.import-folder", "win.cancel-import", "win.library", "win.toggle-saved", "win.unsave",
  "win.mark-all-read", "win.show-view",
};

/**
 * myelin_window_set_kiosk:
 *
 * Disables (not just hides) every action a kiosk's visitor may not use,
 * here and on the article page, and stops files dropped on the window
 * from being imported. The `.kiosk` style class gives touch-sized targets.
 */
void
myelin_window_set_kiosk (MyelinWindow *self,
                         gboolean      kiosk)
{
  g_return_if_fail (MYELIN_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (kiosk_disabled_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), kiosk_disabled_actions[i], !kiosk);
  gtk_event_controller_set_propagation_phase (self->drop_target, kiosk ? GTK_PHASE_NONE : GTK_PHASE_BUBBLE);
  gtk_widget_set_visible (GTK_WIDGET (self->views_list), !kiosk);
  gtk_widget_set_visible (self->empty_import_button, !kiosk);
  self->kiosk = !!kiosk;
  if (self->article_page != NULL)
    myelin_article_page_set_kiosk (self->article_page, kiosk);
  if (kiosk)
    gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "kiosk");
}

static void
popdown_popovers (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget))
    gtk_popover_popdown (GTK_POPOVER (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    popdown_popovers (c);
}

/* Dialogs, the shortcuts window, About: whatever the last visitor opened. */
static void
close_other_windows (MyelinWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WINDOW (self) && gtk_widget_get_visible (GTK_WIDGET (window)))
        g_ptr_array_add (others, g_steal_pointer (&window));
    }
  for (guint i = 0; i < others->len; i++)
    gtk_window_close (g_ptr_array_index (others, i));
}

/* Leaving an article ends with a refresh of its own (left_article()), so
 * the last one to come in is after the leaflet has stopped moving. */
static void
scroll_to_top_when_idle_cb (MyelinWindow *self)
{
  if (myelin_window_get_busy (self) || adw_leaflet_get_child_transition_running (self->leaflet))
    return;
  g_clear_signal_handler (&self->scroll_to_top_id, self);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->grid)), 0);
}

/**
 * myelin_window_reset_to_start:
 * @topics: (nullable) (array zero-terminated=1): the topics to select
 *
 * The start screen, as a new visitor should find it: the grid of all
 * articles (or those on @topics) from the top, no search, no open menu or
 * dialog. Kiosk mode does this after a while without input.
 */
void
myelin_window_reset_to_start (MyelinWindow       *self,
                              const char * const *topics)
{
  g_return_if_fail (MYELIN_IS_WINDOW (self));

  close_other_windows (self);
  popdown_popovers (GTK_WIDGET (self));
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  clear_filters (self, topics);
  g_weak_ref_set (&self->browse_focus, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "browse");
  /* The grid keeps its place across a change of model: it goes to the top
   * once the new result is in. */
  if (self->scroll_to_top_id == 0)
    self->scroll_to_top_id = g_signal_connect (self, "notify::busy", G_CALLBACK (scroll_to_top_when_idle_cb), NULL);
}

/**
 * myelin_window_add_overlay:
 * @widget: shown over both pages (kiosk mode's idle notice)
 */
void
myelin_window_add_overlay (MyelinWindow *self,
                           GtkWidget    *widget)
{
  g_return_if_fail (MYELIN_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* Made on first use: only kiosk mode needs one. */
  if (self->overlay == NULL)
    {
      g_autoptr(GtkWidget) content = g_object_ref (adw_toast_overlay_get_child (self->toast_overlay));

      self->overlay = GTK_OVERLAY (gtk_overlay_new ());
      adw_toast_overlay_set_child (self->toast_overlay, NULL);
      gtk_overlay_set_child (self->overlay, content);
      adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->overlay));
    }
  gtk_overlay_add_overlay (self->overlay, widget);
}
