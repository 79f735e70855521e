/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel over a query's result that never loads it whole: it holds
 * only the row ids (8 bytes an article) and builds an article summary when
 * a card asks for one, keeping a window of recent ones. A 100,000-article
 * result costs under a megabyte until it is scrolled.
 */
#define G_LOG_DOMAIN "myelin-list"

#include "config.h"

#include "myelin-article-list.h"

/* A few screens of cards: the grid binds about 30 at 1920×1080 (the rows
 * on screen and one either side), so scrolling back a little finds them. */
#define CACHE_SIZE 128

struct _MyelinArticleList
{
  GObject      parent_instance;

  MyelinStore *store;
  GArray      *rowids;
  GHashTable  *cache;      /* rowid -> MyelinArticle */
  GQueue       cache_order; /* rowids, oldest first */
};

enum { PROP_0, PROP_STORE, PROP_N_ITEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void myelin_article_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MyelinArticleList, myelin_article_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, myelin_article_list_model_init))

static GType
myelin_article_list_get_item_type (GListModel *model)
{
  return MYELIN_TYPE_ARTICLE;
}

static guint
myelin_article_list_get_n_items (GListModel *model)
{
  return MYELIN_ARTICLE_LIST (model)->rowids->len;
}

static void
cache_clear (MyelinArticleList *self)
{
  g_hash_table_remove_all (self->cache);
  while (!g_queue_is_empty (&self->cache_order))
    g_free (g_queue_pop_head (&self->cache_order));
}

static gpointer
myelin_article_list_get_item (GListModel *model,
                              guint       position)
{
  MyelinArticleList *self = MYELIN_ARTICLE_LIST (model);
  g_autoptr(GError) error = NULL;
  MyelinArticle *article;
  gint64 rowid;

  if (position >= self->rowids->len)
    return NULL;

  rowid = g_array_index (self->rowids, gint64, position);
  article = g_hash_table_lookup (self->cache, &rowid);
  if (article != NULL)
    return g_object_ref (article);

  article = myelin_store_get_summary (self->store, rowid, &error);
  if (article == NULL)
    {
      /* Removed by another program since the query ran: an empty article
       * keeps the model's promise of n_items until the next refresh. */
      g_debug ("Article %" G_GINT64_FORMAT " is gone: %s", rowid, error->message);
      article = myelin_article_new ();
      myelin_article_set_int (article, MYELIN_ARTICLE_ROWID, rowid);
    }

  if (g_queue_get_length (&self->cache_order) >= CACHE_SIZE)
    {
      gint64 *oldest = g_queue_pop_head (&self->cache_order);
      g_hash_table_remove (self->cache, oldest);
      g_free (oldest);
    }
  g_queue_push_tail (&self->cache_order, g_memdup2 (&rowid, sizeof rowid));
  g_hash_table_insert (self->cache, g_memdup2 (&rowid, sizeof rowid), g_object_ref (article));
  return article;
}

static void
myelin_article_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = myelin_article_list_get_item_type;
  iface->get_n_items = myelin_article_list_get_n_items;
  iface->get_item = myelin_article_list_get_item;
}

static void
myelin_article_list_finalize (GObject *object)
{
  MyelinArticleList *self = MYELIN_ARTICLE_LIST (object);

  cache_clear (self);
  g_hash_table_unref (self->cache);
  g_array_unref (self->rowids);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (myelin_article_list_parent_class)->finalize (object);
}

static void
myelin_article_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MyelinArticleList *self = MYELIN_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->rowids->len); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_article_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MyelinArticleList *self = MYELIN_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_article_list_class_init (MyelinArticleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = myelin_article_list_finalize;
  object_class->get_property = myelin_article_list_get_property;
  object_class->set_property = myelin_article_list_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, MYELIN_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
myelin_article_list_init (MyelinArticleList *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_queue_init (&self->cache_order);
}

MyelinArticleList *
myelin_article_list_new (MyelinStore *store)
{
  g_return_val_if_fail (MYELIN_IS_STORE (store), NULL);
  return g_object_new (MYELIN_TYPE_ARTICLE_LIST, "store", store, NULL);
}

MyelinStore *
myelin_article_list_get_store (MyelinArticleList *self)
{
  g_return_val_if_fail (MYELIN_IS_ARTICLE_LIST (self), NULL);
  return self->store;
}

/**
 * myelin_article_list_set_rowids:
 * @rowids: (element-type gint64): ids from myelin_store_query_rowids(),
 *   for example computed in a thread
 *
 * Shows a new result. Cached articles are dropped: their saved and read
 * state may have changed.
 */
void
myelin_article_list_set_rowids (MyelinArticleList *self,
                                GArray            *rowids)
{
  guint removed;

  g_return_if_fail (MYELIN_IS_ARTICLE_LIST (self));
  g_return_if_fail (rowids != NULL);

  removed = self->rowids->len;
  cache_clear (self);
  g_array_unref (self->rowids);
  self->rowids = g_array_ref (rowids);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, rowids->len);
  if (removed != rowids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * myelin_article_list_set_query:
 *
 * Runs @query (its limit and offset included) and shows the result.
 *
 * Returns: %FALSE with @error set when the library could not be read
 */
gboolean
myelin_article_list_set_query (MyelinArticleList  *self,
                               MyelinQuery        *query,
                               GError            **error)
{
  g_autoptr(GArray) rowids = NULL;

  g_return_val_if_fail (MYELIN_IS_ARTICLE_LIST (self), FALSE);
  g_return_val_if_fail (MYELIN_IS_QUERY (query), FALSE);

  rowids = myelin_store_query_rowids (self->store, query, error);
  if (rowids == NULL)
    return FALSE;
  myelin_article_list_set_rowids (self, rowids);
  return TRUE;
}
