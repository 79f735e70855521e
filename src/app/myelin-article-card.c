/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One card of the grid: title, date, teaser, the two ratings as 5-step
 * meters with words for screen readers, the study design, up to three
 * topics, badges, and a toggle to save it. All text from the bundle is set as plain text.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include <glib/gi18n.h>

#include "myelin-article-card.h"

#define MAX_CARD_TOPICS 3

struct _MyelinArticleCard
{
  GtkWidget      parent_instance;

  MyelinArticle *article;

  GtkWidget     *badges;
  GtkWidget     *retracted_badge;
  GtkWidget     *unreviewed_badge;
  GtkWidget     *saved_badge;
  GtkWidget     *unread_badge;
  GtkWidget     *save_button;
  GtkLabel      *title_label;
  GtkLabel      *date_label;
  GtkLabel      *teaser_label;
  GtkLevelBar   *credibility_bar;
  GtkLevelBar   *interest_bar;
  GtkLabel      *design_label;
  GtkLabel      *topics_label;
};

enum { PROP_0, PROP_ARTICLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MyelinArticleCard, myelin_article_card, GTK_TYPE_WIDGET)

static GQuark
tooltip_quark (void)
{
  return g_quark_from_static_string ("myelin-tooltip");
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *text = g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* A tooltip handed out when GTK asks for one. gtk_widget_set_tooltip_text()
 * asks the X server where the pointer is, a round trip that blocks until
 * the server answers, every time it is called; every keystroke and topic
 * toggle rebinds a dozen or more cards with three tooltips each. The
 * accessible description, which the tooltip gave screen readers, is set
 * here instead. */
static void
set_tooltip_when_asked (GtkWidget  *widget,
                        const char *text)
{
  const char *old = g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());

  g_assert (text != NULL);

  if (g_strcmp0 (old, text) == 0)
    return;
  if (old == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
      gtk_widget_set_has_tooltip (widget, TRUE);
    }
  g_object_set_qdata_full (G_OBJECT (widget), tooltip_quark (), g_strdup (text), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/**
 * myelin_format_date:
 * @iso_date: (nullable): `YYYY-MM-DD`
 *
 * Returns: (transfer full) (nullable): the date in the reader's language and
 *   word order, e.g. "January 31, 2026"
 */
char *
myelin_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return NULL;
  date = g_date_time_new_utc (year, month, day, 12, 0, 0);
  if (date == NULL)
    return NULL;
  /* Translators: a date as in "January 31, 2026"; see strftime(3) for the
   * codes. Put the day, month and year in your language's order. */
  return g_date_time_format (date, _("%B %-d, %Y"));
}

/**
 * myelin_rating_update:
 * @what: "credibility" or "interest"
 *
 * Shows a 1–5 rating on a level bar and says it in words to screen
 * readers ("Credibility 3 of 5").
 */
void
myelin_rating_update (GtkLevelBar *bar,
                      const char  *what,
                      gint64       value)
{
  g_autofree char *label = NULL;

  value = CLAMP (value, 0, 5);
  gtk_level_bar_set_value (bar, (double) value);
  if (g_str_equal (what, "credibility"))
    label = g_strdup_printf (_("Credibility %d of 5"), (int) value);
  else
    label = g_strdup_printf (_("Interest %d of 5"), (int) value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  set_tooltip_when_asked (GTK_WIDGET (bar), label);
}

static gboolean
is_unreviewed (MyelinArticle *article)
{
  return myelin_article_get_int (article, MYELIN_ARTICLE_REVIEW_AI_GENERATED) == 1
         && myelin_article_get_string (article, MYELIN_ARTICLE_REVIEW_REVIEWED_BY) == NULL;
}

static char *
card_topics (MyelinArticle *article)
{
  const char * const *topics = myelin_article_get_topics (article);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) shown = NULL;

  for (guint i = 0; topics != NULL && topics[i] != NULL && i < MAX_CARD_TOPICS; i++)
    g_strv_builder_add (builder, topics[i]);
  shown = g_strv_builder_end (builder);
  return g_strjoinv (" · ", shown);
}

/* The star follows its action: where saving is disabled (kiosk mode) it
 * is not offered at all, rather than shown greyed out. */
static void
update_save_button_visible (MyelinArticleCard *self)
{
  /* Also called while the template is disposed, when the button goes. */
  if (self->save_button == NULL)
    return;
  gtk_widget_set_visible (self->save_button,
                          self->article != NULL && myelin_article_get_id (self->article) != NULL
                          && gtk_widget_get_sensitive (self->save_button));
}

static void
update (MyelinArticleCard *self)
{
  MyelinArticle *a = self->article;
  g_autofree char *date = NULL;
  g_autofree char *topics = NULL;
  g_autofree char *save_label = NULL;
  const char *design;
  gboolean saved;

  update_save_button_visible (self);
  if (a == NULL || myelin_article_get_title (a) == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->teaser_label, "");
      return;
    }

  /* Plain text only: gtk_label_set_text never parses markup. */
  gtk_label_set_text (self->title_label, myelin_article_get_title (a));
  date = myelin_format_date (myelin_article_get_published (a));
  gtk_label_set_text (self->date_label, date ? date : "");
  gtk_label_set_text (self->teaser_label, myelin_article_get_teaser (a) ? myelin_article_get_teaser (a) : "");
  myelin_rating_update (self->credibility_bar, "credibility", myelin_article_get_credibility (a));
  myelin_rating_update (self->interest_bar, "interest", myelin_article_get_interest (a));

  design = myelin_article_get_string (a, MYELIN_ARTICLE_SOURCE_DESIGN);
  gtk_label_set_text (self->design_label, design ? design : "");
  gtk_widget_set_visible (GTK_WIDGET (self->design_label), design != NULL);
  topics = card_topics (a);
  gtk_label_set_text (self->topics_label, topics);

  gtk_widget_set_visible (self->retracted_badge, myelin_article_get_boolean (a, MYELIN_ARTICLE_RETRACTED));
  gtk_widget_set_visible (self->unreviewed_badge, is_unreviewed (a));
  saved = myelin_article_get_boolean (a, MYELIN_ARTICLE_SAVED);
  gtk_widget_set_visible (self->saved_badge, saved);
  gtk_widget_set_visible (self->unread_badge, !myelin_article_get_boolean (a, MYELIN_ARTICLE_READ));

  /* The action toggles the library; the button only shows the state. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->save_button), saved);
  gtk_button_set_icon_name (GTK_BUTTON (self->save_button), saved ? "starred-symbolic" : "non-starred-symbolic");
  set_tooltip_when_asked (self->save_button, saved ? _("Saved — Click to Unsave") : _("Save for Later"));
  save_label = g_strdup_printf (saved ? _("Unsave “%s”") : _("Save “%s”"), myelin_article_get_title (a));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_PROPERTY_LABEL, save_label, -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->save_button), "(ss)",
                                    myelin_article_get_bundle_id (a), myelin_article_get_id (a));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "win.toggle-saved");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, myelin_article_get_title (a),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, myelin_article_get_teaser (a) ? myelin_article_get_teaser (a) : "",
                                  -1);
}

static void
myelin_article_card_dispose (GObject *object)
{
  MyelinArticleCard *self = MYELIN_ARTICLE_CARD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MYELIN_TYPE_ARTICLE_CARD);
  /* Template children without an id are not disposed by the call above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->article != NULL)
    g_signal_handlers_disconnect_by_func (self->article, update, self);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (myelin_article_card_parent_class)->dispose (object);
}

static void
myelin_article_card_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MyelinArticleCard *self = MYELIN_ARTICLE_CARD (object);

  switch (prop_id)
    {
    case PROP_ARTICLE: g_value_set_object (value, self->article); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_article_card_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MyelinArticleCard *self = MYELIN_ARTICLE_CARD (object);

  switch (prop_id)
    {
    case PROP_ARTICLE: myelin_article_card_set_article (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_article_card_class_init (MyelinArticleCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myelin_article_card_dispose;
  object_class->get_property = myelin_article_card_get_property;
  object_class->set_property = myelin_article_card_set_property;

  properties[PROP_ARTICLE] = g_param_spec_object ("article", NULL, NULL, MYELIN_TYPE_ARTICLE,
                                                  G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/myelinreader/Myelin/ui/myelin-article-card.ui");
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, badges);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, retracted_badge);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, unreviewed_badge);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, saved_badge);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, unread_badge);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, save_button);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, date_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, teaser_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, credibility_bar);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, interest_bar);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, design_label);
  gtk_widget_class_bind_template_child (widget_class, MyelinArticleCard, topics_label);
  gtk_widget_class_set_css_name (widget_class, "myelin-article-card");
}

static void
myelin_article_card_init (MyelinArticleCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->save_button, "notify::sensitive", G_CALLBACK (update_save_button_visible),
                           self, G_CONNECT_SWAPPED);
}

MyelinArticleCard *
myelin_article_card_new (void)
{
  return g_object_new (MYELIN_TYPE_ARTICLE_CARD, NULL);
}

MyelinArticle *
myelin_article_card_get_article (MyelinArticleCard *self)
{
  g_return_val_if_fail (MYELIN_IS_ARTICLE_CARD (self), NULL);
  return self->article;
}

void
myelin_article_card_set_article (MyelinArticleCard *self,
                                 MyelinArticle     *article)
{
  g_return_if_fail (MYELIN_IS_ARTICLE_CARD (self));
  g_return_if_fail (article == NULL || MYELIN_IS_ARTICLE (article));

  if (self->article == article)
    return;
  /* Saving or opening an article elsewhere changes the object the card
   * shows: its badges follow. */
  if (self->article != NULL)
    g_signal_handlers_disconnect_by_func (self->article, update, self);
  g_set_object (&self->article, article);
  if (article != NULL)
    {
      g_signal_connect_object (article, "notify::saved", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (article, "notify::read", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}
