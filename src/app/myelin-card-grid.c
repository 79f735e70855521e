/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid of article cards: a scrollable widget that builds cards only
 * for the rows on screen (and one row either side), and when the result
 * changes or the grid scrolls, gives the same cards other articles instead
 * of making new ones.
 *
 * Why not GtkGridView: in GTK 4.8 it keeps max-columns × 30 items alive
 * whatever fits on screen (161 cards at five columns), creates a new card
 * from its template for every item it binds, and on a new result destroys
 * them all and builds them again. On a 100,000-article library that was
 * most of the time of a launch, a keystroke and a topic toggle
 * (docs/performance.md). Here a 1080p window holds about 30 cards, and a
 * new result only rebinds them.
 *
 * The rows on screen are bound first; the row either side (there so the
 * arrows and scrolling find a card ready) is bound when the main loop is
 * idle again, after the frame that shows the others: at launch and for a
 * new result that is a quarter of the cards, off screen, not waited for.
 *
 * Every row is as tall as the tallest card can be at the current width and
 * text size (the title, teaser and topics have line limits), measured on a
 * card that is never shown: rows need no estimate, the scroll range is
 * exact, and the cards line up.
 *
 * Keyboard: Tab enters at the card last focused and leaves after its save
 * button; the arrows, Home, End, Page Up and Page Down move between cards,
 * scrolling as needed; Enter and Space open the card.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include "myelin-card-grid.h"

#define PADDING 18  /* around the cards */
#define SPACING 12  /* between them */
#define DEFAULT_MAX_COLUMNS 5

struct _MyelinCardGrid
{
  GtkWidget          parent_instance;

  GListModel        *model;
  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;
  guint              max_columns;

  GHashTable        *bound;    /* position → MyelinArticleCard, shown */
  GPtrArray         *spare;    /* cards kept for reuse, hidden */
  MyelinArticleCard *sizer;    /* never shown: the tallest a card can be */

  /* The geometry of the last allocation. */
  guint              columns;
  int                cell_width;
  int                row_height;

  guint              cursor;   /* the card that has, or last had, focus */
  guint              margin_id; /* binds the row either side, when idle */
};

static void myelin_card_grid_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MyelinCardGrid, myelin_card_grid, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, myelin_card_grid_scrollable_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_MAX_COLUMNS,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};
static GParamSpec *properties[N_PROPS];

enum { ACTIVATE, N_SIGNALS };
static guint signals[N_SIGNALS];

static GQuark position_quark;

/* --- Positions and geometry ---------------------------------------------- */

static guint
n_items (MyelinCardGrid *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static guint
card_position (GtkWidget *card)
{
  return GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (card), position_quark)) - 1;
}

static int
row_top (MyelinCardGrid *self,
         guint           row)
{
  return PADDING + (int) row * (self->row_height + SPACING);
}

static int
content_height (MyelinCardGrid *self)
{
  guint rows;

  if (self->columns == 0 || n_items (self) == 0)
    return 0;
  rows = (n_items (self) + self->columns - 1) / self->columns;
  return 2 * PADDING + (int) rows * self->row_height + ((int) rows - 1) * SPACING;
}

static double
scroll_value (MyelinCardGrid *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

/* --- Cards: made once, then rebound -------------------------------------- */

static void activate_position (MyelinCardGrid *self,
                               guint           position);

static void
on_card_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    gpointer         user_data)
{
  gtk_widget_grab_focus (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
}

static void
on_card_released_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     gpointer         user_data)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  if (n_press == 1 && gtk_widget_contains (card, x, y))
    activate_position (MYELIN_CARD_GRID (user_data), card_position (card));
}

static MyelinArticleCard *
new_card (MyelinCardGrid *self)
{
  MyelinArticleCard *card = myelin_article_card_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (card), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (card), "activatable");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_card_pressed_cb), NULL);
  g_signal_connect (click, "released", G_CALLBACK (on_card_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (card), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_parent (GTK_WIDGET (card), GTK_WIDGET (self));
  return card;
}

static void
bind_card (MyelinCardGrid    *self,
           MyelinArticleCard *card,
           guint              position)
{
  g_autoptr(MyelinArticle) article = g_list_model_get_item (self->model, position);

  g_object_set_qdata (G_OBJECT (card), position_quark, GUINT_TO_POINTER (position + 1));
  myelin_article_card_set_article (card, article);
}

static void
release_card (MyelinCardGrid    *self,
              MyelinArticleCard *card)
{
  g_hash_table_remove (self->bound, GUINT_TO_POINTER (card_position (GTK_WIDGET (card))));
  g_object_set_qdata (G_OBJECT (card), position_quark, NULL);
  gtk_widget_set_child_visible (GTK_WIDGET (card), FALSE);
  g_ptr_array_add (self->spare, card);
}

static MyelinArticleCard *
acquire_card (MyelinCardGrid *self,
              guint           position)
{
  MyelinArticleCard *card;

  if (self->spare->len > 0)
    card = g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1);
  else
    card = new_card (self);
  gtk_widget_set_child_visible (GTK_WIDGET (card), TRUE);
  bind_card (self, card, position);
  g_hash_table_insert (self->bound, GUINT_TO_POINTER (position), card);
  return card;
}

/* The card with the keyboard focus, if one has it. */
static GtkWidget *
focused_card (MyelinCardGrid *self)
{
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self));

  return child != NULL && MYELIN_IS_ARTICLE_CARD (child) && child != GTK_WIDGET (self->sizer) ? child : NULL;
}

/* The positions in the rows on screen, [*first, *end), and with the row
 * either side, [*margin_first, *margin_end); all empty before the first
 * allocation. */
static void
visible_range (MyelinCardGrid *self,
               guint          *first,
               guint          *end,
               guint          *margin_first,
               guint          *margin_end)
{
  guint n = n_items (self);
  double top, bottom;
  int stride, first_row, end_row;

  *first = *end = *margin_first = *margin_end = 0;
  if (self->columns == 0 || self->row_height <= 0 || n == 0)
    return;
  stride = self->row_height + SPACING;
  top = scroll_value (self) - PADDING;
  bottom = top + gtk_widget_get_height (GTK_WIDGET (self));
  first_row = MAX (0, (int) (top / stride));
  end_row = MAX (0, (int) (bottom / stride) + 1);
  *first = MIN (n, (guint) first_row * self->columns);
  *end = MIN (n, (guint) end_row * self->columns);
  *margin_first = (guint) MAX (0, first_row - 1) * self->columns;
  *margin_end = MIN (n, (guint) (end_row + 1) * self->columns);
}

/* Binds a card to each position in the rows on screen, and with @margin
 * in the row either side too (so the arrows always find the next card);
 * cards already bound there stay either way, and so does the focused card.
 * Every other card goes back to the spares. Returns whether the row
 * either side is bound. */
static gboolean
update_cards (MyelinCardGrid *self,
              gboolean        margin)
{
  guint n = n_items (self);
  GtkWidget *focus = focused_card (self);
  g_autoptr(GPtrArray) leaving = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  guint first, end, margin_first, margin_end;
  gboolean complete = TRUE;

  visible_range (self, &first, &end, &margin_first, &margin_end);
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);

      if ((position < margin_first || position >= margin_end || position >= n) && !(value == focus && position < n))
        g_ptr_array_add (leaving, value);
    }
  for (guint i = 0; i < leaving->len; i++)
    release_card (self, g_ptr_array_index (leaving, i));
  for (guint position = margin_first; position < margin_end; position++)
    {
      if (g_hash_table_contains (self->bound, GUINT_TO_POINTER (position)))
        continue;
      if (margin || (position >= first && position < end))
        acquire_card (self, position);
      else
        complete = FALSE;
    }
  return complete;
}

static gboolean
bind_margin_cb (gpointer user_data)
{
  MyelinCardGrid *self = user_data;

  self->margin_id = 0;
  update_cards (self, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* The rows on screen now, the row either side once idle. */
static void
update_cards_on_screen (MyelinCardGrid *self)
{
  if (!update_cards (self, FALSE) && self->margin_id == 0)
    self->margin_id = g_idle_add (bind_margin_cb, self);
}

/* --- Scrolling ----------------------------------------------------------- */

static void
on_value_changed_cb (MyelinCardGrid *self)
{
  update_cards (self, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (MyelinCardGrid  *self,
                GtkAdjustment  **slot,
                GtkAdjustment   *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_value_changed_cb, self);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  g_set_object (slot, adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * myelin_card_grid_scroll_to:
 *
 * Scrolls as little as needed for the card at @position to be whole on
 * screen (as of the last allocation).
 */
void
myelin_card_grid_scroll_to (MyelinCardGrid *self,
                            guint           position)
{
  double value, top, bottom;
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_if_fail (MYELIN_IS_CARD_GRID (self));

  if (self->columns == 0 || self->vadjustment == NULL)
    return;
  top = row_top (self, position / self->columns);
  bottom = top + self->row_height;
  value = gtk_adjustment_get_value (self->vadjustment);
  if (top - SPACING < value)
    gtk_adjustment_set_value (self->vadjustment, MAX (0, top - PADDING));
  else if (bottom + SPACING > value + height)
    gtk_adjustment_set_value (self->vadjustment, bottom + PADDING - height);
}

/* --- Focus and activation ------------------------------------------------ */

static void
activate_position (MyelinCardGrid *self,
                   guint           position)
{
  if (position < n_items (self))
    g_signal_emit (self, signals[ACTIVATE], 0, position);
}

/* Moves the keyboard focus to the card at @position, scrolling to it. */
static gboolean
focus_position (MyelinCardGrid *self,
                guint           position)
{
  MyelinArticleCard *card;

  if (position >= n_items (self))
    return FALSE;
  myelin_card_grid_scroll_to (self, position);
  card = g_hash_table_lookup (self->bound, GUINT_TO_POINTER (position));
  if (card == NULL)
    card = acquire_card (self, position);
  self->cursor = position;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return gtk_widget_grab_focus (GTK_WIDGET (card));
}

static gboolean
myelin_card_grid_focus (GtkWidget        *widget,
                        GtkDirectionType  direction)
{
  MyelinCardGrid *self = MYELIN_CARD_GRID (widget);
  GtkWidget *focus = focused_card (self);
  guint n = n_items (self);
  guint position;

  if (n == 0)
    return FALSE;
  if (focus == NULL)
    return focus_position (self, MIN (self->cursor, n - 1));

  position = card_position (focus);
  switch (direction)
    {
    case GTK_DIR_TAB_FORWARD:
    case GTK_DIR_TAB_BACKWARD:
      /* Into the card's save button and out again, then out of the grid. */
      return gtk_widget_child_focus (focus, direction);
    /* At an edge the focus stays where it is. */
    case GTK_DIR_LEFT:
      return position == 0 || focus_position (self, position - 1);
    case GTK_DIR_RIGHT:
      return position + 1 >= n || focus_position (self, position + 1);
    case GTK_DIR_UP:
      return position < self->columns || focus_position (self, position - self->columns);
    case GTK_DIR_DOWN:
      /* To the card below, or the last one of a shorter last row. */
      return (position / self->columns + 1) * self->columns >= n
             || focus_position (self, MIN (position + self->columns, n - 1));
    default:
      return FALSE;
    }
}

/* The grid itself takes no focus: its card at the cursor does. */
static gboolean
myelin_card_grid_grab_focus (GtkWidget *widget)
{
  MyelinCardGrid *self = MYELIN_CARD_GRID (widget);
  guint n = n_items (self);

  return n > 0 && focus_position (self, MIN (self->cursor, n - 1));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   MyelinCardGrid        *self)
{
  GtkWidget *focus = focused_card (self);
  guint n = n_items (self);
  guint position, page;

  if (focus == NULL || n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  position = card_position (focus);
  page = self->columns * (guint) MAX (1, gtk_widget_get_height (GTK_WIDGET (self)) / (self->row_height + SPACING));
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      /* Only on the card itself: its save button takes its own keys. */
      if (gtk_widget_get_focus_child (focus) != NULL)
        return FALSE;
      activate_position (self, position);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      return focus_position (self, 0);
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      return focus_position (self, n - 1);
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      return focus_position (self, position >= page ? position - page : position % self->columns);
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      return focus_position (self, MIN (position + page, n - 1));
    default:
      return FALSE;
    }
}

static void
on_focus_changed_cb (MyelinCardGrid *self)
{
  GtkWidget *focus = focused_card (self);

  if (focus != NULL)
    self->cursor = card_position (focus);
}

static void
action_activate_item (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  activate_position (MYELIN_CARD_GRID (widget), g_variant_get_uint32 (parameter));
}

static void
action_scroll_to_item (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MyelinCardGrid *self = MYELIN_CARD_GRID (widget);
  guint position = g_variant_get_uint32 (parameter);

  if (position < n_items (self))
    myelin_card_grid_scroll_to (self, position);
}

/* --- The model ----------------------------------------------------------- */

/* Cards at or after @position show other articles now (or none): rebind
 * them in place. Nothing is built, whatever the size of the change. */
static void
on_items_changed_cb (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     MyelinCardGrid *self)
{
  guint n = n_items (self);
  GtkWidget *focus = focused_card (self);
  g_autoptr(GPtrArray) stale = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;
  guint first, end, margin_first, margin_end;

  visible_range (self, &first, &end, &margin_first, &margin_end);
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (key) >= position)
      g_ptr_array_add (stale, value);
  /* Those on screen (and the focused one) are rebound now, the others
   * once idle. */
  for (guint i = 0; i < stale->len; i++)
    {
      MyelinArticleCard *card = g_ptr_array_index (stale, i);
      guint at = card_position (GTK_WIDGET (card));

      if (at < n && ((at >= first && at < end) || GTK_WIDGET (card) == focus))
        bind_card (self, card, at);
      else
        release_card (self, card);
    }
  if (self->cursor >= n)
    self->cursor = n > 0 ? n - 1 : 0;
  update_cards_on_screen (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* --- Size ---------------------------------------------------------------- */

/* The sizer shows the most a card can: every badge, and text long enough to
 * fill each label's line limit. */
static void
fill_sizer (MyelinArticleCard *sizer)
{
  g_autoptr(MyelinArticle) article = myelin_article_new ();
  g_autoptr(GString) words = g_string_new (NULL);
  const char *topics[] = { "Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww", "Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww",
                           "Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww", NULL };

  for (guint i = 0; i < 80; i++)
    g_string_append (words, "Wwwwwww ");
  myelin_article_set_string (article, MYELIN_ARTICLE_BUNDLE, "sizer");
  myelin_article_set_string (article, MYELIN_ARTICLE_ID, "sizer");
  myelin_article_set_string (article, MYELIN_ARTICLE_TITLE, words->str);
  myelin_article_set_string (article, MYELIN_ARTICLE_TEASER, words->str);
  myelin_article_set_string (article, MYELIN_ARTICLE_SOURCE_DESIGN, words->str);
  myelin_article_set_string (article, MYELIN_ARTICLE_PUBLISHED, "2026-09-30");
  myelin_article_set_strv (article, MYELIN_ARTICLE_TOPICS, topics);
  myelin_article_set_boolean (article, MYELIN_ARTICLE_RETRACTED, TRUE);
  myelin_article_set_int (article, MYELIN_ARTICLE_REVIEW_AI_GENERATED, 1);
  myelin_article_set_boolean (article, MYELIN_ARTICLE_SAVED, TRUE);
  myelin_article_card_set_article (sizer, article);
}

static void
myelin_card_grid_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  MyelinCardGrid *self = MYELIN_CARD_GRID (widget);
  int card_minimum, card_natural;

  gtk_widget_measure (GTK_WIDGET (self->sizer), orientation, -1, &card_minimum, &card_natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 2 * PADDING + card_minimum;
      *natural = 2 * PADDING + (int) self->max_columns * (card_minimum + SPACING) - SPACING;
    }
  else
    {
      *minimum = 0;
      *natural = 2 * PADDING + card_natural;
    }
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = GPOINTER_TO_UINT (a), pb = GPOINTER_TO_UINT (b);

  return pa < pb ? -1 : pa > pb;
}

/* Reused cards come back in any order; screen readers meet children in
 * widget order, so the shown ones are kept in the order of their
 * positions (after the sizer, before the spares). */
static void
order_cards (MyelinCardGrid *self)
{
  g_autoptr(GList) positions = g_hash_table_get_keys (self->bound);
  GtkWidget *previous = GTK_WIDGET (self->sizer);

  positions = g_list_sort (positions, compare_positions);
  for (GList *l = positions; l != NULL; l = l->next)
    {
      GtkWidget *card = g_hash_table_lookup (self->bound, l->data);

      if (gtk_widget_get_prev_sibling (card) != previous)
        gtk_widget_insert_after (card, GTK_WIDGET (self), previous);
      previous = card;
    }
}

static void
myelin_card_grid_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  MyelinCardGrid *self = MYELIN_CARD_GRID (widget);
  int card_minimum, unused, total;
  double value;
  GHashTableIter iter;
  gpointer key, card;

  gtk_widget_measure (GTK_WIDGET (self->sizer), GTK_ORIENTATION_HORIZONTAL, -1, &card_minimum, &unused, NULL, NULL);
  self->columns = (guint) CLAMP ((width - 2 * PADDING + SPACING) / (card_minimum + SPACING), 1, (int) self->max_columns);
  self->cell_width = MAX (card_minimum, (width - 2 * PADDING - ((int) self->columns - 1) * SPACING) / (int) self->columns);
  gtk_widget_measure (GTK_WIDGET (self->sizer), GTK_ORIENTATION_VERTICAL, self->cell_width,
                      &unused, &self->row_height, NULL, NULL);

  total = content_height (self);
  value = CLAMP (scroll_value (self), 0, MAX (0, total - height));
  g_signal_handlers_block_by_func (self->vadjustment, on_value_changed_cb, self);
  gtk_adjustment_configure (self->vadjustment, value, 0, MAX (total, height),
                            self->row_height * 0.2, height * 0.9, height);
  g_signal_handlers_unblock_by_func (self->vadjustment, on_value_changed_cb, self);
  gtk_adjustment_configure (self->hadjustment, 0, 0, width, width * 0.1, width * 0.9, width);

  update_cards_on_screen (self);
  order_cards (self);
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, &card))
    {
      guint position = GPOINTER_TO_UINT (key);
      GtkAllocation cell = {
        .x = PADDING + (int) (position % self->columns) * (self->cell_width + SPACING),
        .y = row_top (self, position / self->columns) - (int) value,
        .width = self->cell_width,
        .height = self->row_height,
      };

      gtk_widget_measure (card, GTK_ORIENTATION_VERTICAL, cell.width, &unused, &unused, NULL, NULL);
      gtk_widget_size_allocate (card, &cell, -1);
    }
}

/* --- GObject ------------------------------------------------------------- */

static void
disconnect_model (MyelinCardGrid *self)
{
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);
}

static void
myelin_card_grid_dispose (GObject *object)
{
  MyelinCardGrid *self = MYELIN_CARD_GRID (object);
  GtkWidget *child;

  disconnect_model (self);
  g_clear_handle_id (&self->margin_id, g_source_remove);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_hash_table_remove_all (self->bound);
  g_ptr_array_set_size (self->spare, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->sizer = NULL;

  G_OBJECT_CLASS (myelin_card_grid_parent_class)->dispose (object);
}

static void
myelin_card_grid_finalize (GObject *object)
{
  MyelinCardGrid *self = MYELIN_CARD_GRID (object);

  g_hash_table_unref (self->bound);
  g_ptr_array_unref (self->spare);
  G_OBJECT_CLASS (myelin_card_grid_parent_class)->finalize (object);
}

static void
myelin_card_grid_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MyelinCardGrid *self = MYELIN_CARD_GRID (object);

  switch (prop_id)
    {
    case PROP_MODEL: g_value_set_object (value, self->model); break;
    case PROP_MAX_COLUMNS: g_value_set_uint (value, self->max_columns); break;
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_card_grid_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MyelinCardGrid *self = MYELIN_CARD_GRID (object);

  switch (prop_id)
    {
    case PROP_MODEL: myelin_card_grid_set_model (self, g_value_get_object (value)); break;
    case PROP_MAX_COLUMNS: myelin_card_grid_set_max_columns (self, g_value_get_uint (value)); break;
    case PROP_HADJUSTMENT: set_adjustment (self, &self->hadjustment, g_value_get_object (value)); break;
    case PROP_VADJUSTMENT: set_adjustment (self, &self->vadjustment, g_value_get_object (value)); break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_card_grid_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
myelin_card_grid_class_init (MyelinCardGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = myelin_card_grid_dispose;
  object_class->finalize = myelin_card_grid_finalize;
  object_class->get_property = myelin_card_grid_get_property;
  object_class->set_property = myelin_card_grid_set_property;
  widget_class->measure = myelin_card_grid_measure;
  widget_class->size_allocate = myelin_card_grid_size_allocate;
  widget_class->focus = myelin_card_grid_focus;
  widget_class->grab_focus = myelin_card_grid_grab_focus;

  properties[PROP_MODEL] = g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_COLUMNS] = g_param_spec_uint ("max-columns", NULL, NULL, 1, G_MAXUINT, DEFAULT_MAX_COLUMNS,
                                                    G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * MyelinCardGrid::activate:
   * @position: the card's position in the model
   *
   * A card was clicked, tapped, or opened with Enter or Space.
   */
  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /* The same names as GtkGridView's. */
  gtk_widget_class_install_action (widget_class, "list.activate-item", "u", action_activate_item);
  gtk_widget_class_install_action (widget_class, "list.scroll-to-item", "u", action_scroll_to_item);

  gtk_widget_class_set_css_name (widget_class, "myelin-card-grid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
  position_quark = g_quark_from_static_string ("myelin-card-grid-position");
}

static void
myelin_card_grid_init (MyelinCardGrid *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->max_columns = DEFAULT_MAX_COLUMNS;
  self->bound = g_hash_table_new (NULL, NULL);
  self->spare = g_ptr_array_new ();
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);

  /* Measured, never shown or allocated. */
  self->sizer = myelin_article_card_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->sizer), GTK_WIDGET (self));
  gtk_widget_set_child_visible (GTK_WIDGET (self->sizer), FALSE);
  gtk_widget_set_can_target (GTK_WIDGET (self->sizer), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self->sizer), FALSE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->sizer), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  fill_sizer (self->sizer);

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (self, "notify::focus-child", G_CALLBACK (on_focus_changed_cb), self);
}

GtkWidget *
myelin_card_grid_new (void)
{
  return g_object_new (MYELIN_TYPE_CARD_GRID, NULL);
}

GListModel *
myelin_card_grid_get_model (MyelinCardGrid *self)
{
  g_return_val_if_fail (MYELIN_IS_CARD_GRID (self), NULL);
  return self->model;
}

void
myelin_card_grid_set_model (MyelinCardGrid *self,
                            GListModel     *model)
{
  g_return_if_fail (MYELIN_IS_CARD_GRID (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  disconnect_model (self);
  if (model != NULL)
    {
      self->model = g_object_ref (model);
      g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
    }
  on_items_changed_cb (self->model, 0, 0, 0, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

guint
myelin_card_grid_get_max_columns (MyelinCardGrid *self)
{
  g_return_val_if_fail (MYELIN_IS_CARD_GRID (self), 0);
  return self->max_columns;
}

void
myelin_card_grid_set_max_columns (MyelinCardGrid *self,
                                  guint           max_columns)
{
  g_return_if_fail (MYELIN_IS_CARD_GRID (self));
  g_return_if_fail (max_columns > 0);

  if (self->max_columns == max_columns)
    return;
  self->max_columns = max_columns;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_COLUMNS]);
}

/**
 * myelin_card_grid_get_columns:
 *
 * Returns: the number of columns at the last allocation (0 before one)
 */
guint
myelin_card_grid_get_columns (MyelinCardGrid *self)
{
  g_return_val_if_fail (MYELIN_IS_CARD_GRID (self), 0);
  return self->columns;
}

/**
 * myelin_card_grid_get_card:
 *
 * Returns: (transfer none) (nullable): the card showing @position, if one
 *   is built for it (it is on screen, next to it, or focused)
 */
MyelinArticleCard *
myelin_card_grid_get_card (MyelinCardGrid *self,
                           guint           position)
{
  g_return_val_if_fail (MYELIN_IS_CARD_GRID (self), NULL);
  return g_hash_table_lookup (self->bound, GUINT_TO_POINTER (position));
}

/**
 * myelin_card_grid_get_n_cards:
 *
 * Returns: how many cards exist, shown or spare (for tests and benchmarks)
 */
guint
myelin_card_grid_get_n_cards (MyelinCardGrid *self)
{
  g_return_val_if_fail (MYELIN_IS_CARD_GRID (self), 0);
  return g_hash_table_size (self->bound) + self->spare->len;
}
