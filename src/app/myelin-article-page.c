/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The detail view of one article: a retraction banner when needed, the
 * title, dates, ratings and review state, the image, the four sections of
 * the summary, topics, the reference, related articles and the bundle's
 * disclaimer; the reader's own save toggle and note, and copying, printing
 * and saving the article as PDF. Every text from the bundle is set as plain text, never as
 * markup, and wraps so nothing overflows a phone-sized window.
 *
 * Read aloud: the retraction notice, the title and each section are one
 * chunk each for the application's MyelinSpeaker, so the part being read
 * can be highlighted. Leaving the article stops the reading.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include <glib/gi18n.h>

#include "myelin-article-card.h"
#include "myelin-toast.h"
#include "myelin-article-page.h"
#include "myelin-qr-code.h"
#include "myelin-article-printer.h"
#include "myelin-speaker.h"

#define MAX_RELATED 6
#define RELATED_CARD_CHARS 24
#define MAX_IMAGE_HEIGHT 320
/* A paragraph's narrowest width. Without one, GTK 4.8 finds a wrapping
 * label's minimum width by breaking its text at every character it may
 * (word-char wrapping), shaping each piece again: on a long article that
 * was most of laying out the page. The page is never this narrow anyway
 * (the window's minimum is wider, at the largest text size too). */
#define PARAGRAPH_MIN_CHARS 10
/* A note is saved this long after the last key, and on leaving the article. */
#define NOTE_SAVE_DELAY_MS 500
/* Room left above a section scrolled to for reading aloud. */
#define SCROLL_MARGIN 24

struct _MyelinArticlePage
{
  AdwBin               parent_instance;

  MyelinArticle        *article;
  MyelinStore          *store;
  GPtrArray            *detail_rows;  /* the rows added to details_group */
  guint                 note_save_id;
  gboolean              note_dirty;
  gboolean              loading_note;
  MyelinSpeaker        *speaker;
  gboolean              reading;        /* the speaker reads this article */
  GPtrArray            *reading_parts;  /* the widget of each chunk read */
  GtkWidget            *highlighted;
  gboolean              kiosk;

  GtkLabel             *window_title;
  GtkScrolledWindow    *scroller;
  GtkWidget            *retraction_banner;
  GtkLabel             *retraction_heading;
  GtkLabel             *retraction_date_label;
  GtkLabel             *retraction_note_label;
  GtkWidget            *retraction_link_button;
  GtkWidget            *title_box;
  GtkLabel             *title_label;
  GtkLabel             *dates_label;
  GtkLevelBar          *credibility_bar;
  GtkLevelBar          *interest_bar;
  GtkWidget            *review_box;
  GtkLabel             *review_label;
  GtkWidget            *overdue_label;
  GtkWidget            *picture_frame;
  GtkPicture           *picture;
  GtkWidget            *takeaway_box;
  GtkWidget            *found_box;
  GtkWidget            *care_box;
  GtkWidget            *considerations_box;
  GtkWidget            *topics_box;
  GtkFlowBox           *topics_flow;
  AdwPreferencesGroup  *details_group;
  GtkWidget            *related_box;
  GtkFlowBox           *related_flow;
  MyelinStore          *reader;           /* for work off the main thread */
  GCancellable         *related_cancellable;
  guint                 pending;          /* tasks under way: related, read mark */
  GtkWidget            *disclaimer_box;
  GtkLabel             *disclaimer_label;
  GtkButton            *save_button;
  GtkButton            *read_aloud_button;
  GtkWidget            *stop_reading_button;
  GtkWidget            *note_box;
  GtkTextView          *note_view;
  GtkWidget            *note_placeholder;
  GtkWidget            *qr_box;
  MyelinQrCode         *qr_code;
  GtkWidget            *content;

  /* Filling the parts below the first screen after the first frame. */
  gboolean              filling;          /* parts wait for the next frame */
  guint                 n_filled;         /* parts filled, in page order */
  GdkFrameClock        *frame_clock;
  gulong                after_paint_id;
  guint                 fill_id;
};

G_DEFINE_FINAL_TYPE (MyelinArticlePage, myelin_article_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_SAVED, PROP_LOADING, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* --- Helpers ------------------------------------------------------------- */

static GtkWidget *
new_wrapped_label (const char *text)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  return label;
}

static void
remove_all_children (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

/* A flow box child would be a second tab stop around each button. */
static void
flow_box_append_unfocusable (GtkFlowBox *flow,
                             GtkWidget  *widget)
{
  gtk_flow_box_append (flow, widget);
  gtk_widget_set_focusable (gtk_widget_get_parent (widget), FALSE);
}

static gboolean
is_web_uri (const char *uri)
{
  const char *scheme = uri != NULL ? g_uri_peek_scheme (uri) : NULL;

  return g_strcmp0 (scheme, "https") == 0 || g_strcmp0 (scheme, "http") == 0;
}

static char *
doi_uri (const char *doi)
{
  g_autofree char *escaped = g_uri_escape_string (doi, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH, FALSE);

  return g_strconcat ("https://doi.org/", escaped, NULL);
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static const char *
get_string (MyelinArticle      *article,
            MyelinArticleField  field)
{
  const char *value = myelin_article_get_string (article, field);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* --- The image frame ----------------------------------------------------- */

/* A GtkPicture that can shrink asks for no height at least and for the
 * height its width gives it at most; the frame asks for the latter, capped
 * so that a wide window does not fill with one image. (A vertical AdwClamp
 * caps it too, but then leaves the minimum at 0, and a scrolled window gives
 * its child only the minimum height: the image would not show.) */
static GtkSizeRequestMode
picture_frame_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
picture_frame_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_should_layout (child))
    return;
  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      /* A scrolled window gives its child only the minimum height. */
      *natural = MIN (*natural, MAX_IMAGE_HEIGHT);
      *minimum = *natural;
    }
}

static void
picture_frame_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* --- Sections ------------------------------------------------------------ */

/* Paragraphs are separated by blank lines in the bundle.
 *
 * The box is new for every article: GTK 4.8 keeps the size request mode a
 * box had while empty (constant size) after wrapping labels are added, and
 * would then measure them as one long line each, so they overlap. */
static GtkWidget *
create_paragraphs (const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", -1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      GtkWidget *label;

      g_strstrip (paragraphs[i]);
      if (*paragraphs[i] == '\0')
        continue;
      label = new_wrapped_label (paragraphs[i]);
      gtk_label_set_width_chars (GTK_LABEL (label), PARAGRAPH_MIN_CHARS);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

/* A section is its heading, then the paragraphs of @text. */
static void
update_section (GtkWidget  *section,
                const char *text)
{
  GtkWidget *heading = gtk_widget_get_first_child (section);
  GtkWidget *old;

  while ((old = gtk_widget_get_next_sibling (heading)) != NULL)
    gtk_box_remove (GTK_BOX (section), old);
  if (text != NULL)
    gtk_box_append (GTK_BOX (section), create_paragraphs (text));
  gtk_widget_set_visible (section, text != NULL);
}

static void
update_retraction (MyelinArticlePage *self)
{
  MyelinArticle *a = self->article;
  const char *note = get_string (a, MYELIN_ARTICLE_RETRACTED_NOTE);
  const char *url = get_string (a, MYELIN_ARTICLE_RETRACTED_URL);
  g_autofree char *date = myelin_format_date (get_string (a, MYELIN_ARTICLE_RETRACTED_DATE));
  g_autofree char *date_text = NULL;

  gtk_widget_set_visible (self->retraction_banner, myelin_article_get_boolean (a, MYELIN_ARTICLE_RETRACTED));

  if (date != NULL)
    date_text = g_strdup_printf (_("Retracted on %s. Its findings should not be relied on."), date);
  else
    date_text = g_strdup (_("Its findings should not be relied on."));
  gtk_label_set_text (self->retraction_date_label, date_text);

  gtk_label_set_text (self->retraction_note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->retraction_note_label), note != NULL);

  /* A kiosk opens no browser: the notice's text is all it shows. */
  gtk_widget_set_visible (self->retraction_link_button, is_web_uri (url) && !self->kiosk);
  if (is_web_uri (url))
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->retraction_link_button), "s", url);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retraction_link_button), "page.open-link");
      gtk_widget_set_tooltip_text (self->retraction_link_button, url);
    }
}

static void
update_heading (MyelinArticlePage *self)
{
  MyelinArticle *a = self->article;
  g_autofree char *published = myelin_format_date (myelin_article_get_published (a));
  g_autofree char *updated = myelin_format_date (get_string (a, MYELIN_ARTICLE_UPDATED));
  g_autofree char *text = NULL;
  const char *bundle_title = get_string (a, MYELIN_ARTICLE_BUNDLE_TITLE);

  gtk_label_set_text (self->window_title, bundle_title != NULL ? bundle_title : "");
  gtk_label_set_text (self->title_label, myelin_article_get_title (a));

  if (published != NULL && updated != NULL)
    /* Translators: both are dates */
    text = g_strdup_printf (_("Published %s · Updated %s"), published, updated);
  else if (published != NULL)
    text = g_strdup_printf (_("Published %s"), published);
  else if (updated != NULL)
    text = g_strdup_printf (_("Updated %s"), updated);
  gtk_label_set_text (self->dates_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->dates_label), text != NULL);
}

static void
update_ratings (MyelinArticlePage *self)
{
  myelin_rating_update (self->credibility_bar, "credibility", myelin_article_get_credibility (self->article));
  myelin_rating_update (self->interest_bar, "interest", myelin_article_get_interest (self->article));
}

static void
update_review (MyelinArticlePage *self)
{
  MyelinArticle *a = self->article;
  const char *reviewer = get_string (a, MYELIN_ARTICLE_REVIEW_REVIEWED_BY);
  const char *next_review = get_string (a, MYELIN_ARTICLE_REVIEW_NEXT_REVIEW);
  g_autofree char *reviewed = myelin_format_date (get_string (a, MYELIN_ARTICLE_REVIEW_REVIEWED));
  g_autofree char *today = today_iso ();
  g_autofree char *text = NULL;
  gboolean unreviewed = FALSE;
  gboolean overdue;

  if (reviewer != NULL && reviewed != NULL)
    /* Translators: "Reviewed by <name> on <date>" */
    text = g_strdup_printf (_("Reviewed by %s on %s"), reviewer, reviewed);
  else if (reviewer != NULL)
    text = g_strdup_printf (_("Reviewed by %s"), reviewer);
  else if (myelin_article_get_int (a, MYELIN_ARTICLE_REVIEW_AI_GENERATED) == 1)
    {
      text = g_strdup (_("Written by software, not reviewed by a person"));
      unreviewed = TRUE;
    }

  gtk_label_set_text (self->review_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->review_label), text != NULL);
  if (unreviewed)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->review_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->review_label), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->review_label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->review_label), "warning");
    }

  /* Both are YYYY-MM-DD, so they sort as strings. */
  overdue = next_review != NULL && strncmp (next_review, today, 10) < 0;
  gtk_widget_set_visible (self->overdue_label, overdue);
  gtk_widget_set_visible (self->review_box, text != NULL || overdue);
}

static void
update_image (MyelinArticlePage *self,
              MyelinStore       *store)
{
  MyelinArticle *a = self->article;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const char *alt = get_string (a, MYELIN_ARTICLE_IMAGE_ALT);

  bytes = myelin_store_get_image (store, myelin_article_get_bundle_id (a), myelin_article_get_id (a), NULL, &error);
  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (error != NULL)
    g_warning ("Cannot show the image of “%s”: %s", myelin_article_get_id (a), error->message);

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_picture_set_alternative_text (self->picture, alt);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, alt != NULL ? alt : _("Illustration"),
                                  -1);
  gtk_widget_set_visible (self->picture_frame, texture != NULL);
}

static GtkWidget *
create_topic_button (const char *topic)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = new_wrapped_label (topic);
  g_autofree char *description = g_strdup_printf (_("Show all articles on %s"), topic);

  gtk_label_set_xalign (GTK_LABEL (label), 0.5);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_button_set_child (GTK_BUTTON (button), label);
  /* The flow box would stretch the pills to fill each line. */
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "myelin-chip");
  gtk_widget_set_tooltip_text (button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", topic);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-topic");
  return button;
}

static void
update_topics (MyelinArticlePage *self)
{
  const char * const *topics = myelin_article_get_topics (self->article);

  remove_all_children (GTK_WIDGET (self->topics_flow));
  for (guint i = 0; topics != NULL && topics[i] != NULL; i++)
    flow_box_append_unfocusable (self->topics_flow, create_topic_button (topics[i]));
  gtk_widget_set_visible (self->topics_box, topics != NULL && topics[0] != NULL);
}

/* libadwaita 1.2 has no AdwActionRow:subtitle-selectable (1.3 has); the
 * subtitle label is a template child there, so the reference can still be
 * copied, for instance to show a doctor. */
static void
make_subtitle_selectable (AdwActionRow *row)
{
  GObject *subtitle;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (row), "subtitle-selectable") != NULL)
    {
      g_object_set (row, "subtitle-selectable", TRUE, NULL);
      return;
    }
  subtitle = gtk_widget_get_template_child (GTK_WIDGET (row), ADW_TYPE_ACTION_ROW, "subtitle");
  if (GTK_IS_LABEL (subtitle))
    gtk_label_set_selectable (GTK_LABEL (subtitle), TRUE);
}

static void
add_detail_row (MyelinArticlePage *self,
                const char        *title,
                const char        *value,
                const char        *uri)
{
  GtkWidget *row;

  if (value == NULL)
    return;

  row = adw_action_row_new ();
  /* AdwPreferencesRow parses markup by default: bundle text must not be. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);

  /* In kiosk mode no link is followed: the QR code stands for them. */
  if (uri != NULL && !self->kiosk)
    {
      g_autofree char *description = g_strdup_printf (_("Open %s in the web browser"), uri);
      GtkWidget *icon = gtk_image_new_from_icon_name ("adw-external-link-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Opens in the web browser"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", uri);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "page.open-link");
      gtk_widget_set_tooltip_text (row, description);
    }
  else
    make_subtitle_selectable (ADW_ACTION_ROW (row));

  adw_preferences_group_add (self->details_group, row);
  g_ptr_array_add (self->detail_rows, row);
}

static void
add_detail_int_row (MyelinArticlePage  *self,
                    const char         *title,
                    MyelinArticleField  field)
{
  gint64 value = myelin_article_get_int (self->article, field);
  g_autofree char *text = NULL;

  if (value < 0)
    return;
  text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  add_detail_row (self, title, text, NULL);
}

static void
clear_detail_rows (MyelinArticlePage *self)
{
  for (guint i = 0; i < self->detail_rows->len; i++)
    adw_preferences_group_remove (self->details_group, g_ptr_array_index (self->detail_rows, i));
  g_ptr_array_set_size (self->detail_rows, 0);
}

static void
update_details (MyelinArticlePage *self)
{
  MyelinArticle *a = self->article;
  const char * const *authors = myelin_article_get_strv (a, MYELIN_ARTICLE_SOURCE_AUTHORS);
  const char *doi = get_string (a, MYELIN_ARTICLE_SOURCE_DOI);
  const char *url = get_string (a, MYELIN_ARTICLE_SOURCE_URL);
  g_autofree char *author_list = NULL;
  g_autofree char *doi_link = NULL;

  clear_detail_rows (self);

  if (authors != NULL && authors[0] != NULL)
    author_list = g_strjoinv (", ", (char **) authors);
  if (doi != NULL)
    doi_link = doi_uri (doi);

  add_detail_row (self, _("Journal"), get_string (a, MYELIN_ARTICLE_SOURCE_JOURNAL), NULL);
  add_detail_row (self, _("Paper title"), get_string (a, MYELIN_ARTICLE_SOURCE_TITLE), NULL);
  add_detail_row (self, _("Authors"), author_list, NULL);
  add_detail_int_row (self, _("Year"), MYELIN_ARTICLE_SOURCE_YEAR);
  add_detail_row (self, _("Study design"), get_string (a, MYELIN_ARTICLE_SOURCE_DESIGN), NULL);
  add_detail_int_row (self, _("Participants"), MYELIN_ARTICLE_SOURCE_PARTICIPANTS);
  add_detail_int_row (self, _("Studies included"), MYELIN_ARTICLE_SOURCE_STUDIES);
  add_detail_row (self, _("DOI"), doi, doi_link);
  if (is_web_uri (url))
    add_detail_row (self, _("Web page"), url, url);

  gtk_widget_set_visible (GTK_WIDGET (self->details_group), self->detail_rows->len > 0);
}

/* The link the source would open (and "Copy Link" copies), for the
 * visitor's phone to open instead. */
static void
update_qr_code (MyelinArticlePage *self)
{
  g_autofree char *link = NULL;

  if (self->kiosk && self->article != NULL)
    link = myelin_article_get_link (self->article);
  /* Bundles are not trusted: only a web page goes to a visitor's phone. */
  myelin_qr_code_set_text (self->qr_code, is_web_uri (link) ? link : NULL);
  gtk_widget_set_visible (self->qr_box, myelin_qr_code_get_modules (self->qr_code) > 0);
}

static GtkWidget *
create_related_card (MyelinArticle *article)
{
  const char *title = myelin_article_get_title (article);
  const char *teaser = myelin_article_get_teaser (article);
  g_autofree char *date = myelin_format_date (myelin_article_get_published (article));
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label;

  /* The natural width of the labels sets how many cards share a line, and
   * grows with the text size. */
  label = new_wrapped_label (title);
  gtk_label_set_max_width_chars (GTK_LABEL (label), RELATED_CARD_CHARS);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  if (date != NULL)
    {
      label = new_wrapped_label (date);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  if (teaser != NULL)
    {
      label = new_wrapped_label (teaser);
      gtk_label_set_max_width_chars (GTK_LABEL (label), RELATED_CARD_CHARS);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "myelin-related-card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, teaser != NULL ? teaser : "",
                                  -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ss)",
                                    myelin_article_get_bundle_id (article), myelin_article_get_id (article));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-article");
  return button;
}

static void
show_related (MyelinArticlePage *self,
              GPtrArray         *related)
{
  for (guint i = 0; related != NULL && i < related->len; i++)
    {
      MyelinArticle *other = g_ptr_array_index (related, i);

      if (myelin_article_get_title (other) != NULL && myelin_article_get_id (other) != NULL)
        flow_box_append_unfocusable (self->related_flow, create_related_card (other));
    }
  gtk_widget_set_visible (self->related_box, gtk_widget_get_first_child (GTK_WIDGET (self->related_flow)) != NULL);
}

/* --- Work off the main thread ---------------------------------------------- */

/* The related articles (a ranking over the whole library: tens of ms on a
 * large one) and the read mark (a write, with its fsync) are done on the
 * window's reading connection in a thread, so that opening an article
 * shows it at once. */

typedef struct
{
  MyelinStore *store;
  char        *bundle_id;
  char        *article_id;
} PageTask;

static void
page_task_free (PageTask *t)
{
  g_object_unref (t->store);
  g_free (t->bundle_id);
  g_free (t->article_id);
  g_free (t);
}

static void
set_pending (MyelinArticlePage *self,
             int                change)
{
  self->pending += change;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
run_page_task (MyelinArticlePage   *self,
               GCancellable        *cancellable,
               GTaskThreadFunc      thread,
               GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, done, NULL);
  PageTask *t = g_new0 (PageTask, 1);

  t->store = g_object_ref (self->reader);
  t->bundle_id = g_strdup (myelin_article_get_bundle_id (self->article));
  t->article_id = g_strdup (myelin_article_get_id (self->article));
  g_task_set_task_data (task, t, (GDestroyNotify) page_task_free);
  g_task_run_in_thread (task, thread);
  set_pending (self, +1);
}

/* Whether the task's article is still the one shown (and the page alive). */
static gboolean
task_is_current (MyelinArticlePage *self,
                 GAsyncResult      *result)
{
  PageTask *t = g_task_get_task_data (G_TASK (result));

  return self->article != NULL
         && g_strcmp0 (myelin_article_get_bundle_id (self->article), t->bundle_id) == 0
         && g_strcmp0 (myelin_article_get_id (self->article), t->article_id) == 0;
}

static void
related_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PageTask *t = task_data;
  GError *error = NULL;
  GPtrArray *related;

  myelin_store_hold (t->store);
  related = myelin_store_list_related (t->store, t->bundle_id, t->article_id, MAX_RELATED, &error);
  myelin_store_release (t->store);

  if (related == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, related, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_related_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MyelinArticlePage *self = MYELIN_ARTICLE_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) related = g_task_propagate_pointer (G_TASK (result), &error);

  set_pending (self, -1);
  /* Cancelled: another article was opened meanwhile, and its own list comes. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !task_is_current (self, result))
    return;
  g_clear_object (&self->related_cancellable);
  if (related == NULL)
    g_warning ("Cannot list the articles related to “%s”: %s", myelin_article_get_id (self->article), error->message);
  show_related (self, related);
}

static void
update_related (MyelinArticlePage *self,
                MyelinStore       *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) related = NULL;

  g_cancellable_cancel (self->related_cancellable);
  g_clear_object (&self->related_cancellable);
  remove_all_children (GTK_WIDGET (self->related_flow));
  gtk_widget_set_visible (self->related_box, FALSE);
  if (self->reader != NULL)
    {
      self->related_cancellable = g_cancellable_new ();
      run_page_task (self, self->related_cancellable, related_thread, on_related_done);
      return;
    }
  related = myelin_store_list_related (store, myelin_article_get_bundle_id (self->article),
                                       myelin_article_get_id (self->article), MAX_RELATED, &error);
  if (related == NULL)
    g_warning ("Cannot list the articles related to “%s”: %s", myelin_article_get_id (self->article), error->message);
  show_related (self, related);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PageTask *t = task_data;
  GError *error = NULL;
  gboolean done;

  myelin_store_hold (t->store);
  done = myelin_store_set_read (t->store, t->bundle_id, t->article_id, TRUE, &error);
  myelin_store_release (t->store);
  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_read_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MyelinArticlePage *self = MYELIN_ARTICLE_PAGE (source);
  PageTask *t = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_pending (self, -1);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Cannot mark “%s” as read: %s", t->article_id, error->message);
  else if (task_is_current (self, result))
    myelin_article_set_boolean (self->article, MYELIN_ARTICLE_READ, TRUE);
}

/* Opening an article is what reading it means here. */
static void
mark_read (MyelinArticlePage *self,
           MyelinStore       *store)
{
  g_autoptr(GError) error = NULL;

  if (self->reader != NULL)
    {
      run_page_task (self, NULL, read_thread, on_read_done);
      return;
    }
  if (myelin_store_set_read (store, myelin_article_get_bundle_id (self->article),
                             myelin_article_get_id (self->article), TRUE, &error))
    myelin_article_set_boolean (self->article, MYELIN_ARTICLE_READ, TRUE);
  else
    g_warning ("Cannot mark “%s” as read: %s", myelin_article_get_id (self->article), error->message);
}

static void
update_disclaimer (MyelinArticlePage *self)
{
  const char *disclaimer = get_string (self->article, MYELIN_ARTICLE_DISCLAIMER);

  gtk_label_set_text (self->disclaimer_label, disclaimer != NULL ? disclaimer : "");
  gtk_widget_set_visible (self->disclaimer_box, disclaimer != NULL);
}

static void
update_saved (MyelinArticlePage *self)
{
  gboolean saved = myelin_article_page_get_saved (self);

  gtk_button_set_icon_name (self->save_button, saved ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                               saved ? _("Saved — Unsave (Ctrl+D)") : _("Save for Later (Ctrl+D)"));
}

static void
update_note_placeholder (MyelinArticlePage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);

  gtk_widget_set_visible (self->note_placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
}

static void
update_note (MyelinArticlePage *self)
{
  const char *note = get_string (self->article, MYELIN_ARTICLE_NOTE);

  self->loading_note = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note != NULL ? note : "", -1);
  self->loading_note = FALSE;
  self->note_dirty = FALSE;
  update_note_placeholder (self);
}

static gboolean
save_note_cb (gpointer user_data)
{
  MyelinArticlePage *self = user_data;

  self->note_save_id = 0;
  myelin_article_page_save_note (self);
  return G_SOURCE_REMOVE;
}

static void
on_note_changed_cb (MyelinArticlePage *self)
{
  update_note_placeholder (self);
  if (self->loading_note || self->article == NULL || self->kiosk)
    return;
  self->note_dirty = TRUE;
  g_clear_handle_id (&self->note_save_id, g_source_remove);
  self->note_save_id = g_timeout_add (NOTE_SAVE_DELAY_MS, save_note_cb, self);
}

/* --- Filling the page ---------------------------------------------------- */

/* The parts under the heading and the image, in the page's order. An
 * article opens from the top as the leaflet starts to slide it in: its
 * first frame shows only the parts that reach into the first screenful, and
 * the others are filled once that frame is painted. Measuring and laying
 * out the text below the fold (three long sections, topics, the reference's
 * rows) was most of the time between opening an article and that frame. */
typedef enum
{
  PART_TAKEAWAY,
  PART_FOUND,
  PART_CARE,
  PART_CONSIDERATIONS,
  PART_NOTE,
  PART_TOPICS,
  PART_DETAILS,
  PART_QR,
  PART_RELATED,
  PART_DISCLAIMER,
  N_PARTS
} PagePart;

static GtkWidget *
part_widget (MyelinArticlePage *self,
             PagePart           part)
{
  switch (part)
    {
    case PART_TAKEAWAY: return self->takeaway_box;
    case PART_FOUND: return self->found_box;
    case PART_CARE: return self->care_box;
    case PART_CONSIDERATIONS: return self->considerations_box;
    case PART_NOTE: return self->note_box;
    case PART_TOPICS: return self->topics_box;
    case PART_DETAILS: return GTK_WIDGET (self->details_group);
    case PART_QR: return self->qr_box;
    case PART_RELATED: return self->related_box;
    case PART_DISCLAIMER: return self->disclaimer_box;
    case N_PARTS:
    default: break;
    }
  g_assert_not_reached ();
}

/* Sets the part's content and whether it shows. */
static void
fill_part (MyelinArticlePage *self,
           PagePart           part)
{
  MyelinArticle *a = self->article;

  switch (part)
    {
    case PART_TAKEAWAY: update_section (self->takeaway_box, get_string (a, MYELIN_ARTICLE_KEY_TAKEAWAY)); break;
    case PART_FOUND: update_section (self->found_box, get_string (a, MYELIN_ARTICLE_WHAT_THEY_FOUND)); break;
    case PART_CARE: update_section (self->care_box, get_string (a, MYELIN_ARTICLE_WHO_SHOULD_CARE)); break;
    case PART_CONSIDERATIONS:
      update_section (self->considerations_box, get_string (a, MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS));
      break;
    case PART_NOTE: gtk_widget_set_visible (self->note_box, !self->kiosk); break;
    case PART_TOPICS: update_topics (self); break;
    case PART_DETAILS: update_details (self); break;
    case PART_QR: update_qr_code (self); break;
    case PART_RELATED: update_related (self, self->store); break;
    case PART_DISCLAIMER: update_disclaimer (self); break;
    case N_PARTS:
    default: g_assert_not_reached ();
    }
}

/* Whether a part added now would start below the scroller's view.
 * Measuring here costs nothing extra: the frame asks for the same size of
 * the same widgets, and GTK keeps the answer. */
static gboolean
first_screen_filled (MyelinArticlePage *self)
{
  GtkWidget *page = GTK_WIDGET (self);
  GtkWidget *parent = gtk_widget_get_parent (page);
  GtkWidget *clamp = gtk_widget_get_parent (self->content);
  int width, view, height;

  if (parent == NULL || gtk_widget_get_width (parent) <= 0)
    return FALSE;
  if (gtk_widget_get_width (clamp) > 0
      && gtk_widget_get_width (page) == gtk_widget_get_width (parent)
      && gtk_widget_get_height (page) == gtk_widget_get_height (parent))
    {
      /* Shown at this size before: the sizes it had then. */
      width = gtk_widget_get_width (clamp);
      view = gtk_widget_get_height (GTK_WIDGET (self->scroller));
    }
  else
    {
      /* Never shown, or the window's size changed since. The (folded)
       * leaflet gives the page all of its own size: taking the page's
       * width for the clamp's and its height for the view's errs towards
       * filling more now, never less. */
      width = gtk_widget_get_width (parent);
      view = gtk_widget_get_height (parent);
    }
  gtk_widget_measure (clamp, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  height += gtk_box_get_spacing (GTK_BOX (self->content)) - gtk_widget_get_margin_bottom (self->content);
  return height >= view;
}

static void
stop_filling (MyelinArticlePage *self)
{
  if (!self->filling)
    return;
  self->filling = FALSE;
  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  set_pending (self, -1);
}

/* The parts not filled yet, all at once: after the first frame, and
 * whenever the whole page is needed sooner (reading it aloud). */
static void
fill_rest (MyelinArticlePage *self)
{
  stop_filling (self);
  while (self->n_filled < N_PARTS)
    fill_part (self, self->n_filled++);
}

static gboolean
fill_rest_cb (gpointer user_data)
{
  MyelinArticlePage *self = user_data;

  self->fill_id = 0;
  fill_rest (self);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock     *clock,
                   MyelinArticlePage *self)
{
  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  /* After the frame rather than in it, and before the next one. */
  self->fill_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fill_rest_cb, self, NULL);
}

/* Fills the parts that show on the first screen now, the rest after the
 * next frame. Without a frame to wait for (the page is in no window on
 * screen), it all is filled now. */
static void
fill_parts (MyelinArticlePage *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkFrameClock *clock = NULL;

  if (native != NULL && gtk_widget_get_mapped (GTK_WIDGET (native)))
    clock = gtk_widget_get_frame_clock (GTK_WIDGET (native));

  stop_filling (self);
  /* Parts after one not filled must not show in its place. */
  for (PagePart part = 0; part < N_PARTS; part++)
    gtk_widget_set_visible (part_widget (self, part), FALSE);
  /* Nor may a list of related articles come for a part not filled. */
  g_cancellable_cancel (self->related_cancellable);
  g_clear_object (&self->related_cancellable);

  self->n_filled = 0;
  while (self->n_filled < N_PARTS && (clock == NULL || !first_screen_filled (self)))
    fill_part (self, self->n_filled++);
  if (self->n_filled == N_PARTS)
    return;
  self->frame_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
  self->filling = TRUE;
  set_pending (self, +1);
}

/* What shows above the parts, and the state behind the buttons. */
static void
update_top (MyelinArticlePage *self,
            MyelinStore       *store)
{
  update_retraction (self);
  update_heading (self);
  update_ratings (self);
  update_review (self);
  update_image (self, store);
  update_saved (self);
  update_note (self);
}

static void
update (MyelinArticlePage *self,
        MyelinStore       *store)
{
  update_top (self, store);
  fill_parts (self);
}

/* --- Actions ------------------------------------------------------------- */

static void
show_toast (MyelinArticlePage *self,
            const char        *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), myelin_toast_new_plain (text));
}

static void
action_copy_citation (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MyelinArticlePage *self = MYELIN_ARTICLE_PAGE (widget);
  g_autofree char *citation = NULL;

  if (self->article == NULL)
    return;
  citation = myelin_article_format_citation (self->article);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), citation);
  show_toast (self, _("Citation copied"));
}

static void
action_copy_link (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MyelinArticlePage *self = MYELIN_ARTICLE_PAGE (widget);
  g_autofree char *link = NULL;

  if (self->article == NULL)
    return;
  link = myelin_article_get_link (self->article);
  if (link == NULL)
    {
      show_toast (self, _("This article has no link"));
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), link);
  show_toast (self, _("Link copied"));
}

static GtkWindow *
get_window (MyelinArticlePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  MyelinArticlePage       *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_toast (self, error->message);
    }
}

static void
action_print (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MyelinArticlePage *self = MYELIN_ARTICLE_PAGE (widget);
  g_autoptr(MyelinArticlePrinter) printer = NULL;
  GtkPrintOperation *operation;
  g_autoptr(GError) error = NULL;

  if (self->article == NULL)
    return;
  myelin_article_page_save_note (self);
  printer = myelin_article_printer_new (self->article);
  operation = myelin_article_printer_get_operation (printer);
  /* The operation runs on after this returns: it keeps its printer. */
  g_object_set_data_full (G_OBJECT (operation), "printer", g_object_ref (printer), g_object_unref);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, get_window (self), &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_toast (self, error->message);
}

static void
on_pdf_chosen_cb (GtkNativeDialog   *dialog,
                  int                response,
                  MyelinArticlePage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->article != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path == NULL)
        show_toast (self, _("The PDF can only be saved to a local folder"));
      else if (!myelin_article_printer_export_pdf (self->article, path, &error))
        show_toast (self, error->message);
      else
        show_toast (self, _("Saved as PDF"));
    }
  g_object_unref (dialog);
}

/* A file name from the title: no slashes, not too long. */
static char *
pdf_file_name (MyelinArticle *article)
{
  const char *title = myelin_article_get_title (article);
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title != NULL ? title : ""; *p != '\0' && name->len < 80; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || g_unichar_iscntrl (c))
        c = ' ';
      g_string_append_unichar (name, c);
    }
  if (name->len == 0)
    g_string_append (name, _("Article"));
  g_string_append (name, ".pdf");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
action_export_pdf (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MyelinArticlePage *self = MYELIN_ARTICLE_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->article == NULL)
    return;
  myelin_article_page_save_note (self);
  name = pdf_file_name (self->article);
  chooser = gtk_file_chooser_native_new (_("Save as PDF"), get_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_pdf_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_open_link (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *uri = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* Links come from bundles: only web pages, never files or programs. */
  if (!is_web_uri (uri))
    {
      g_warning ("Refusing to open “%s”: not a web address", uri);
      return;
    }
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* --- Read aloud --------------------------------------------------------- */

static MyelinSpeakerState
reading_state (MyelinArticlePage *self)
{
  return self->reading ? myelin_speaker_get_state (self->speaker) : MYELIN_SPEAKER_IDLE;
}

/* The button says what it will do; its accessible label changing is how
 * a screen reader hears that the reading started, paused or resumed. */
static void
update_read_aloud_button (MyelinArticlePage *self)
{
  gboolean available = self->speaker != NULL && myelin_speaker_get_available (self->speaker);
  MyelinSpeakerState state = reading_state (self);
  const char *icon = "audio-speakers-symbolic";
  const char *label = _("Read Aloud");
  const char *tooltip = _("Read Aloud (Ctrl+R)");

  if (state == MYELIN_SPEAKER_SPEAKING)
    {
      icon = "media-playback-pause-symbolic";
      label = _("Pause Reading");
      tooltip = _("Pause Reading (Ctrl+R)");
    }
  else if (state == MYELIN_SPEAKER_PAUSED)
    {
      icon = "media-playback-start-symbolic";
      label = _("Resume Reading");
      tooltip = _("Resume Reading (Ctrl+R)");
    }
  gtk_button_set_icon_name (self->read_aloud_button, icon);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->read_aloud_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->read_aloud_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->read_aloud_button), available);
  gtk_widget_set_visible (self->stop_reading_button, state != MYELIN_SPEAKER_IDLE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.read-aloud", available && self->article != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.stop-reading", state != MYELIN_SPEAKER_IDLE);
}

/* Scrolls just enough to show the top of @widget, with a little room.
 * Measured against the scrolled content, not the visible area: several
 * chunks can end before the page is laid out again, and the content's
 * coordinates do not depend on the scroll position. */
static void
scroll_into_view (MyelinArticlePage *self,
                  GtkWidget         *widget)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);
  GtkWidget *content = GTK_IS_VIEWPORT (viewport) ? gtk_viewport_get_child (GTK_VIEWPORT (viewport)) : NULL;
  double top = gtk_adjustment_get_value (adjustment);
  double page_size = gtk_adjustment_get_page_size (adjustment);
  graphene_rect_t bounds;

  if (content == NULL || !gtk_widget_compute_bounds (widget, content, &bounds))
    return;
  if (bounds.origin.y >= top && bounds.origin.y + bounds.size.height <= top + page_size)
    return;
  gtk_adjustment_set_value (adjustment, bounds.origin.y - SCROLL_MARGIN);
}

static void
highlight_part (MyelinArticlePage *self,
                int                index)
{
  GtkWidget *part = NULL;

  if (index >= 0 && (guint) index < self->reading_parts->len)
    part = g_ptr_array_index (self->reading_parts, index);
  if (part == self->highlighted)
    return;
  if (self->highlighted != NULL)
    gtk_widget_remove_css_class (self->highlighted, "myelin-reading");
  self->highlighted = part;
  if (part == NULL)
    return;
  gtk_widget_add_css_class (part, "myelin-reading");
  scroll_into_view (self, part);
}

static void
on_speaker_state_cb (MyelinArticlePage *self)
{
  if (myelin_speaker_get_state (self->speaker) == MYELIN_SPEAKER_IDLE)
    {
      self->reading = FALSE;
      highlight_part (self, -1);
    }
  update_read_aloud_button (self);
}

static void
on_speaker_chunk_cb (MyelinArticlePage *self)
{
  if (self->reading)
    highlight_part (self, myelin_speaker_get_current_chunk (self->speaker));
}

/* A heading and the text under it, read as one chunk; the blank line
 * makes the voice pause after the heading. */
static void
add_chunk (MyelinArticlePage *self,
           GStrvBuilder      *chunks,
           GtkWidget         *part,
           const char        *heading,
           const char        *text)
{
  if (!gtk_widget_get_visible (part))
    return;
  if (text != NULL)
    {
      g_autofree char *chunk = g_strconcat (heading, "\n\n", text, NULL);

      g_strv_builder_add (chunks, chunk);
    }
  else
    g_strv_builder_add (chunks, heading);
  g_ptr_array_add (self->reading_parts, part);
}

static const char *
section_heading (GtkWidget *section)
{
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (section)));
}

/* What is read, in page order, one chunk per highlighted part. */
static GStrv
build_chunks (MyelinArticlePage *self)
{
  MyelinArticle *a = self->article;
  g_autoptr(GStrvBuilder) chunks = g_strv_builder_new ();
  g_autofree char *retraction = NULL;
  const char *note = get_string (a, MYELIN_ARTICLE_RETRACTED_NOTE);

  g_ptr_array_set_size (self->reading_parts, 0);
  /* A retracted study is never read without its warning. */
  retraction = g_strconcat (gtk_label_get_text (self->retraction_date_label),
                            note != NULL ? "\n\n" : NULL, note, NULL);
  add_chunk (self, chunks, self->retraction_banner, gtk_label_get_text (self->retraction_heading), retraction);
  add_chunk (self, chunks, self->title_box, myelin_article_get_title (a), NULL);
  add_chunk (self, chunks, self->takeaway_box, section_heading (self->takeaway_box),
             get_string (a, MYELIN_ARTICLE_KEY_TAKEAWAY));
  add_chunk (self, chunks, self->found_box, section_heading (self->found_box),
             get_string (a, MYELIN_ARTICLE_WHAT_THEY_FOUND));
  add_chunk (self, chunks, self->care_box, section_heading (self->care_box),
             get_string (a, MYELIN_ARTICLE_WHO_SHOULD_CARE));
  add_chunk (self, chunks, self->considerations_box, section_heading (self->considerations_box),
             get_string (a, MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS));
  return g_strv_builder_end (chunks);
}

/* The bundle's language, so the voice matches the text; NULL (the
 * locale's) if it cannot be told. */
static char *
article_language (MyelinArticlePage *self)
{
  g_autoptr(GPtrArray) bundles = myelin_store_list_bundles (self->store, NULL);
  const char *bundle_id = myelin_article_get_bundle_id (self->article);

  for (guint i = 0; bundles != NULL && i < bundles->len; i++)
    {
      MyelinBundleInfo *info = g_ptr_array_index (bundles, i);

      if (g_strcmp0 (myelin_bundle_info_get_id (info), bundle_id) == 0)
        return g_strdup (myelin_bundle_info_get_language (info));
    }
  return NULL;
}

static void
start_reading (MyelinArticlePage *self)
{
  g_auto(GStrv) chunks = NULL;
  g_autofree char *language = article_language (self);

  /* Every section is read, the ones below the first screen too. */
  fill_rest (self);
  chunks = build_chunks (self);

  /* Whatever the speaker read before (and its state changes) is not ours. */
  myelin_speaker_stop (self->speaker);
  self->reading = TRUE;
  if (!myelin_speaker_speak (self->speaker, (const char * const *) chunks, language))
    self->reading = FALSE;
  update_read_aloud_button (self);
  on_speaker_chunk_cb (self);
}

static void
action_read_aloud (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MyelinArticlePage *self = MYELIN_ARTICLE_PAGE (widget);

  if (self->speaker == NULL || self->article == NULL)
    return;
  switch (reading_state (self))
    {
    case MYELIN_SPEAKER_SPEAKING: myelin_speaker_pause (self->speaker); break;
    case MYELIN_SPEAKER_PAUSED: myelin_speaker_resume (self->speaker); break;
    case MYELIN_SPEAKER_IDLE:
    default: start_reading (self); break;
    }
}

static void
action_stop_reading (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  myelin_article_page_stop_reading (MYELIN_ARTICLE_PAGE (widget));
}

/* --- GObject ------------------------------------------------------------- */

static void
myelin_article_page_dispose (GObject *object)
{
  MyelinArticlePage *self = MYELIN_ARTICLE_PAGE (object);

  myelin_article_page_save_note (self);
  g_clear_handle_id (&self->note_save_id, g_source_remove);
  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
  g_clear_handle_id (&self->fill_id, g_source_remove);
  if (self->speaker != NULL)
    {
      myelin_article_page_stop_reading (self);
      g_signal_handlers_disconnect_by_data (self->speaker, self);
      g_clear_object (&self->speaker);
    }
  self->highlighted = NULL;
  g_clear_pointer (&self->reading_parts, g_ptr_array_unref);
  g_cancellable_cancel (self->related_cancellable);
  g_clear_object (&self->related_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MYELIN_TYPE_ARTICLE_PAGE);
  g_clear_object (&self->article);
  g_clear_object (&self->store);
  g_clear_object (&self->reader);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (myelin_article_page_parent_class)->dispose (object);
}

static void
myelin_article_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SAVED: g_value_set_boolean (value, myelin_article_page_get_saved (MYELIN_ARTICLE_PAGE (object))); break;
    case PROP_LOADING: g_value_set_boolean (value, myelin_article_page_get_loading (MYELIN_ARTICLE_PAGE (object))); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_article_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SAVED: myelin_article_page_set_saved (MYELIN_ARTICLE_PAGE (object), g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_article_page_class_init (MyelinArticlePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myelin_article_page_dispose;
  object_class->get_property = myelin_article_page_get_property;
  object_class->set_property = myelin_article_page_set_property;

  /* Whether the article shown is saved; writing it saves or unsaves. */
  properties[PROP_SAVED] = g_param_spec_boolean ("saved", NULL, NULL, FALSE,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "page.open-link", "s", action_open_link);
  gtk_widget_class_install_property_action (widget_class, "page.saved", "saved");
  gtk_widget_class_install_action (widget_class, "page.copy-citation", NULL, action_copy_citation);
  gtk_widget_class_install_action (widget_class, "page.copy-link", NULL, action_copy_link);
  gtk_widget_class_install_action (widget_class, "page.print", NULL, action_print);
  gtk_widget_class_install_action (widget_class, "page.export-pdf", NULL, action_export_pdf);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "page.saved", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "page.print", NULL);
  gtk_widget_class_install_action (widget_class, "page.read-aloud", NULL, action_read_aloud);
  gtk_widget_class_install_action (widget_class, "page.stop-reading", NULL, action_stop_reading);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "page.read-aloud", NULL);

  g_type_ensure (MYELIN_TYPE_QR_CODE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/myelinreader/Myelin/ui/myelin-article-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, retraction_banner);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, retraction_heading);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, retraction_date_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, retraction_note_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, retraction_link_button);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, title_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, dates_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, credibility_bar);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, interest_bar);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, review_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, review_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, picture_frame);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, picture);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, takeaway_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, found_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, care_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, considerations_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, topics_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, topics_flow);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, details_group);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, related_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, related_flow);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, disclaimer_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, disclaimer_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, save_button);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, read_aloud_button);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, stop_reading_button);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, note_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, note_view);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, note_placeholder);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, qr_box);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, content);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticlePage, qr_code);
  /* Reachable by name for tests and assistive checks; no field needed. */
  gtk_widget_class_bind_template_child_full (widget_class, "article_menu_button", FALSE, 0);
}

static void
myelin_article_page_init (MyelinArticlePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (self->picture_frame,
                                 gtk_custom_layout_new (picture_frame_request_mode,
                                                        picture_frame_measure,
                                                        picture_frame_allocate));
  self->detail_rows = g_ptr_array_new ();
  self->reading_parts = g_ptr_array_new ();
  update_read_aloud_button (self);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_note_changed_cb), self, G_CONNECT_SWAPPED);
}

/* --- Public API ---------------------------------------------------------- */

/**
 * myelin_article_page_show:
 *
 * Shows an article from the start of the page, and marks it read (except
 * in kiosk mode). What fits on the first screen is filled at once, the
 * parts below it once the next frame is painted (#MyelinArticlePage:loading
 * is %TRUE until then).
 *
 * Returns: %FALSE, with @error set, when the article cannot be loaded; the
 *   page then keeps what it showed.
 */
gboolean
myelin_article_page_show (MyelinArticlePage  *self,
                          MyelinStore        *store,
                          const char         *bundle_id,
                          const char         *article_id,
                          GError            **error)
{
  g_autoptr(MyelinArticle) article = NULL;

  g_return_val_if_fail (MYELIN_IS_ARTICLE_PAGE (self), FALSE);
  g_return_val_if_fail (MYELIN_IS_STORE (store), FALSE);
  g_return_val_if_fail (bundle_id != NULL && article_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  article = myelin_store_get_article (store, bundle_id, article_id, error);
  if (article == NULL)
    return FALSE;
  /* The note typed on the article being left is kept first, and its
   * reading stops. */
  myelin_article_page_save_note (self);
  myelin_article_page_stop_reading (self);
  g_set_object (&self->store, store);
  g_set_object (&self->article, article);
  update (self, store);
  update_read_aloud_button (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  /* On a kiosk, where the next visitor must not see what the last one
   * read, opening means nothing. */
  if (!self->kiosk)
    mark_read (self, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED]);
  return TRUE;
}

/**
 * myelin_article_page_get_article:
 *
 * Returns: (transfer none) (nullable): the article shown
 */
MyelinArticle *
myelin_article_page_get_article (MyelinArticlePage *self)
{
  g_return_val_if_fail (MYELIN_IS_ARTICLE_PAGE (self), NULL);
  return self->article;
}

/**
 * myelin_article_page_get_saved:
 *
 * Returns: whether the article shown is saved
 */
gboolean
myelin_article_page_get_saved (MyelinArticlePage *self)
{
  g_return_val_if_fail (MYELIN_IS_ARTICLE_PAGE (self), FALSE);
  return self->article != NULL && myelin_article_get_boolean (self->article, MYELIN_ARTICLE_SAVED);
}

/**
 * myelin_article_page_set_saved:
 *
 * Saves or unsaves the article shown, in the library.
 */
void
myelin_article_page_set_saved (MyelinArticlePage *self,
                               gboolean           saved)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MYELIN_IS_ARTICLE_PAGE (self));

  saved = !!saved;
  if (self->article == NULL || saved == myelin_article_page_get_saved (self))
    return;
  if (!myelin_store_set_saved (self->store, myelin_article_get_bundle_id (self->article),
                               myelin_article_get_id (self->article), saved, &error))
    {
      show_toast (self, error->message);
      return;
    }
  myelin_article_set_boolean (self->article, MYELIN_ARTICLE_SAVED, saved);
  update_saved (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED]);
}

/**
 * myelin_article_page_save_note:
 *
 * Writes the note typed on the article shown now, rather than after the
 * short delay that follows typing; nothing happens when it is unchanged.
 */
void
myelin_article_page_save_note (MyelinArticlePage *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MYELIN_IS_ARTICLE_PAGE (self));

  g_clear_handle_id (&self->note_save_id, g_source_remove);
  if (!self->note_dirty || self->article == NULL || self->store == NULL)
    return;
  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  if (!myelin_store_set_note (self->store, myelin_article_get_bundle_id (self->article),
                              myelin_article_get_id (self->article), text, &error))
    {
      show_toast (self, error->message);
      return;
    }
  self->note_dirty = FALSE;
  myelin_article_set_string (self->article, MYELIN_ARTICLE_NOTE, *text != '\0' ? text : NULL);
}

/**
 * myelin_article_page_set_speaker:
 * @speaker: (nullable): what reads aloud; %NULL for no reading aloud
 *
 * The read-aloud button shows while @speaker is available.
 */
void
myelin_article_page_set_speaker (MyelinArticlePage *self,
                                 MyelinSpeaker     *speaker)
{
  g_return_if_fail (MYELIN_IS_ARTICLE_PAGE (self));
  g_return_if_fail (speaker == NULL || MYELIN_IS_SPEAKER (speaker));

  if (speaker == self->speaker)
    return;
  if (self->speaker != NULL)
    {
      myelin_article_page_stop_reading (self);
      g_signal_handlers_disconnect_by_data (self->speaker, self);
    }
  g_set_object (&self->speaker, speaker);
  if (speaker != NULL)
    {
      g_signal_connect_swapped (speaker, "notify::available", G_CALLBACK (update_read_aloud_button), self);
      g_signal_connect_swapped (speaker, "notify::state", G_CALLBACK (on_speaker_state_cb), self);
      g_signal_connect_swapped (speaker, "notify::current-chunk", G_CALLBACK (on_speaker_chunk_cb), self);
    }
  update_read_aloud_button (self);
}

/**
 * myelin_article_page_stop_reading:
 *
 * Stops reading this article aloud, if it is being read.
 */
void
myelin_article_page_stop_reading (MyelinArticlePage *self)
{
  g_return_if_fail (MYELIN_IS_ARTICLE_PAGE (self));

  if (self->reading && self->speaker != NULL)
    myelin_speaker_stop (self->speaker);
  self->reading = FALSE;
  highlight_part (self, -1);
  update_read_aloud_button (self);
}

/* What a kiosk's visitor may not do: change the reader's data, or leave
 * the app for a browser, a print dialog or a file chooser. */
static const char * const kiosk_disabled_actions[] = {
  "page.saved", "page.open-link", "page.print", "page.export-pdf", "page.copy-citation", "page.copy-link",
};

/**
 * myelin_article_page_set_kiosk:
 *
 * In kiosk mode the page offers no saving, note, menu or link (their
 * actions are disabled), marks nothing read, and shows a QR code of the
 * study's link instead.
 */
void
myelin_article_page_set_kiosk (MyelinArticlePage *self,
                               gboolean           kiosk)
{
  g_return_if_fail (MYELIN_IS_ARTICLE_PAGE (self));

  self->kiosk = !!kiosk;
  for (guint i = 0; i < G_N_ELEMENTS (kiosk_disabled_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), kiosk_disabled_actions[i], !self->kiosk);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), !self->kiosk);
  gtk_widget_set_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), MYELIN_TYPE_ARTICLE_PAGE,
                                                                     "article_menu_button")), !self->kiosk);
  gtk_widget_set_visible (self->note_box, !self->kiosk);
  gtk_text_view_set_editable (self->note_view, !self->kiosk);
  if (self->article != NULL && self->store != NULL)
    update (self, self->store);
}

/**
 * myelin_article_page_set_reader:
 * @reader: (nullable): a connection of its own to the library, for the
 *   related articles and the read mark, off the main thread; %NULL does
 *   them on the page's store, at once
 */
void
myelin_article_page_set_reader (MyelinArticlePage *self,
                                MyelinStore       *reader)
{
  g_return_if_fail (MYELIN_IS_ARTICLE_PAGE (self));
  g_return_if_fail (reader == NULL || MYELIN_IS_STORE (reader));

  g_set_object (&self->reader, reader);
}

/**
 * myelin_article_page_get_loading:
 *
 * Returns: whether the related articles or the read mark are still under
 *   way in a thread
 */
gboolean
myelin_article_page_get_loading (MyelinArticlePage *self)
{
  g_return_val_if_fail (MYELIN_IS_ARTICLE_PAGE (self), FALSE);
  return self->pending > 0;
}
