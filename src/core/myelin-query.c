/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the reader asks of the library: search text, topics (all must
 * match), saved/unread, sort order and a page. MyelinStore turns it into SQL.
 */
#define G_LOG_DOMAIN "myelin-query"

#include "config.h"

#include "myelin-query.h"
#include "myelin-text.h"

struct _MyelinQuery
{
  GObject     parent_instance;

  char       *search;
  char      **topics;
  gboolean    saved_only;
  gboolean    unread_only;
  MyelinSort  sort;
  guint       limit;    /* 0: no limit */
  guint       offset;
};

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_TOPICS,
  PROP_SAVED_ONLY,
  PROP_UNREAD_ONLY,
  PROP_SORT,
  PROP_LIMIT,
  PROP_OFFSET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MyelinQuery, myelin_query, G_TYPE_OBJECT)

GType
myelin_sort_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { MYELIN_SORT_DEFAULT, "MYELIN_SORT_DEFAULT", "default" },
    { MYELIN_SORT_NEWEST, "MYELIN_SORT_NEWEST", "newest" },
    { MYELIN_SORT_CREDIBILITY, "MYELIN_SORT_CREDIBILITY", "credibility" },
    { MYELIN_SORT_INTEREST, "MYELIN_SORT_INTEREST", "interest" },
    { MYELIN_SORT_TITLE, "MYELIN_SORT_TITLE", "title" },
    { MYELIN_SORT_RELEVANCE, "MYELIN_SORT_RELEVANCE", "relevance" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("MyelinSort", values));
  return type;
}

/**
 * myelin_sort_from_string:
 * @name: "newest", "credibility", "interest", "title" or "relevance"
 *
 * Returns: whether @name is a sort order
 */
gboolean
myelin_sort_from_string (const char *name,
                         MyelinSort *sort)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MYELIN_TYPE_SORT);
  GEnumValue *value = g_enum_get_value_by_nick (klass, name);

  if (value == NULL)
    return FALSE;
  *sort = value->value;
  return TRUE;
}

static void
myelin_query_finalize (GObject *object)
{
  MyelinQuery *self = MYELIN_QUERY (object);

  g_free (self->search);
  g_strfreev (self->topics);

  G_OBJECT_CLASS (myelin_query_parent_class)->finalize (object);
}

static void
myelin_query_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MyelinQuery *self = MYELIN_QUERY (object);

  switch (prop_id)
    {
    case PROP_SEARCH: g_value_set_string (value, self->search); break;
    case PROP_TOPICS: g_value_set_boxed (value, self->topics); break;
    case PROP_SAVED_ONLY: g_value_set_boolean (value, self->saved_only); break;
    case PROP_UNREAD_ONLY: g_value_set_boolean (value, self->unread_only); break;
    case PROP_SORT: g_value_set_enum (value, self->sort); break;
    case PROP_LIMIT: g_value_set_uint (value, self->limit); break;
    case PROP_OFFSET: g_value_set_uint (value, self->offset); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_query_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MyelinQuery *self = MYELIN_QUERY (object);

  switch (prop_id)
    {
    case PROP_SEARCH: myelin_query_set_search (self, g_value_get_string (value)); break;
    case PROP_TOPICS: myelin_query_set_topics (self, g_value_get_boxed (value)); break;
    case PROP_SAVED_ONLY: myelin_query_set_saved_only (self, g_value_get_boolean (value)); break;
    case PROP_UNREAD_ONLY: myelin_query_set_unread_only (self, g_value_get_boolean (value)); break;
    case PROP_SORT: myelin_query_set_sort (self, g_value_get_enum (value)); break;
    case PROP_LIMIT: myelin_query_set_limit (self, g_value_get_uint (value)); break;
    case PROP_OFFSET: myelin_query_set_offset (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_query_class_init (MyelinQueryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = myelin_query_finalize;
  object_class->get_property = myelin_query_get_property;
  object_class->set_property = myelin_query_set_property;

  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, flags);
  properties[PROP_TOPICS] = g_param_spec_boxed ("topics", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SAVED_ONLY] = g_param_spec_boolean ("saved-only", NULL, NULL, FALSE, flags);
  properties[PROP_UNREAD_ONLY] = g_param_spec_boolean ("unread-only", NULL, NULL, FALSE, flags);
  properties[PROP_SORT] = g_param_spec_enum ("sort", NULL, NULL, MYELIN_TYPE_SORT, MYELIN_SORT_DEFAULT, flags);
  properties[PROP_LIMIT] = g_param_spec_uint ("limit", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_OFFSET] = g_param_spec_uint ("offset", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
myelin_query_init (MyelinQuery *self)
{
  self->topics = g_new0 (char *, 1);
}

MyelinQuery *
myelin_query_new (void)
{
  return g_object_new (MYELIN_TYPE_QUERY, NULL);
}

/**
 * myelin_query_copy:
 *
 * Returns: (transfer full): an independent copy, for handing to a thread
 */
MyelinQuery *
myelin_query_copy (MyelinQuery *self)
{
  g_return_val_if_fail (MYELIN_IS_QUERY (self), NULL);

  return g_object_new (MYELIN_TYPE_QUERY,
                       "search", self->search,
                       "topics", self->topics,
                       "saved-only", self->saved_only,
                       "unread-only", self->unread_only,
                       "sort", self->sort,
                       "limit", self->limit,
                       "offset", self->offset,
                       NULL);
}

const char *
myelin_query_get_search (MyelinQuery *self)
{
  g_return_val_if_fail (MYELIN_IS_QUERY (self), NULL);
  return self->search;
}

void
myelin_query_set_search (MyelinQuery *self,
                         const char  *search)
{
  g_return_if_fail (MYELIN_IS_QUERY (self));
  if (myelin_set_str (&self->search, search))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char * const *
myelin_query_get_topics (MyelinQuery *self)
{
  g_return_val_if_fail (MYELIN_IS_QUERY (self), NULL);
  return (const char * const *) self->topics;
}

void
myelin_query_set_topics (MyelinQuery        *self,
                         const char * const *topics)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (MYELIN_IS_QUERY (self));

  if (topics == NULL)
    topics = none;
  if (g_strv_equal ((const char * const *) self->topics, topics))
    return;
  g_strfreev (self->topics);
  self->topics = g_strdupv ((char **) topics);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOPICS]);
}

void
myelin_query_add_topic (MyelinQuery *self,
                        const char  *topic)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) topics = NULL;

  g_return_if_fail (MYELIN_IS_QUERY (self));
  g_return_if_fail (topic != NULL);

  g_strv_builder_addv (builder, (const char **) self->topics);
  g_strv_builder_add (builder, topic);
  topics = g_strv_builder_end (builder);
  myelin_query_set_topics (self, (const char * const *) topics);
}

gboolean
myelin_query_get_saved_only (MyelinQuery *self)
{
  g_return_val_if_fail (MYELIN_IS_QUERY (self), FALSE);
  return self->saved_only;
}

void
myelin_query_set_saved_only (MyelinQuery *self,
                             gboolean     saved_only)
{
  g_return_if_fail (MYELIN_IS_QUERY (self));
  saved_only = !!saved_only;
  if (self->saved_only == saved_only)
    return;
  self->saved_only = saved_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED_ONLY]);
}

gboolean
myelin_query_get_unread_only (MyelinQuery *self)
{
  g_return_val_if_fail (MYELIN_IS_QUERY (self), FALSE);
  return self->unread_only;
}

void
myelin_query_set_unread_only (MyelinQuery *self,
                              gboolean     unread_only)
{
  g_return_if_fail (MYELIN_IS_QUERY (self));
  unread_only = !!unread_only;
  if (self->unread_only == unread_only)
    return;
  self->unread_only = unread_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD_ONLY]);
}

MyelinSort
myelin_query_get_sort (MyelinQuery *self)
{
  g_return_val_if_fail (MYELIN_IS_QUERY (self), MYELIN_SORT_DEFAULT);
  return self->sort;
}

void
myelin_query_set_sort (MyelinQuery *self,
                       MyelinSort   sort)
{
  g_return_if_fail (MYELIN_IS_QUERY (self));
  if (self->sort == sort)
    return;
  self->sort = sort;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

guint
myelin_query_get_limit (MyelinQuery *self)
{
  g_return_val_if_fail (MYELIN_IS_QUERY (self), 0);
  return self->limit;
}

void
myelin_query_set_limit (MyelinQuery *self,
                        guint        limit)
{
  g_return_if_fail (MYELIN_IS_QUERY (self));
  if (self->limit == limit)
    return;
  self->limit = limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
}

guint
myelin_query_get_offset (MyelinQuery *self)
{
  g_return_val_if_fail (MYELIN_IS_QUERY (self), 0);
  return self->offset;
}

void
myelin_query_set_offset (MyelinQuery *self,
                         guint        offset)
{
  g_return_if_fail (MYELIN_IS_QUERY (self));
  if (self->offset == offset)
    return;
  self->offset = offset;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSET]);
}

/**
 * myelin_search_to_fts:
 * @text: what the reader typed
 *
 * Turns typed text into an FTS5 query that cannot be a syntax error: the
 * text is split into words on everything that is not a letter or digit
 * (as the unicode61 tokenizer does), and each word becomes a quoted prefix
 * term, so `"`, `*`, `-`, `(` and `NEAR` are only ever plain words. All
 * words must match.
 *
 * Returns: (transfer full) (nullable): the FTS5 query, or %NULL when the
 *   text holds no word
 */
char *
myelin_search_to_fts (const char *text)
{
  GString *out = g_string_new (NULL);
  GString *word = g_string_new (NULL);
  gboolean word_has_alnum = FALSE;
  guint n_words = 0;

  if (text == NULL)
    text = "";

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      gboolean at_end = (*p == '\0');
      gboolean is_word_char = !at_end && c != (gunichar) -1 && c != (gunichar) -2
                              && (g_unichar_isalnum (c) || g_unichar_ismark (c));

      if (is_word_char)
        {
          g_string_append_unichar (word, c);
          word_has_alnum |= g_unichar_isalnum (c);
        }
      else if (word->len > 0)
        {
          /* Accents alone are no word: the tokenizer drops them, and the
           * empty term left would match nothing. Ten words are plenty;
           * more only slow the query down. */
          if (word_has_alnum)
            {
              if (n_words < 10)
                g_string_append_printf (out, "%s\"%s\"*", n_words ? " " : "", word->str);
              n_words++;
            }
          g_string_truncate (word, 0);
          word_has_alnum = FALSE;
        }
      if (at_end || c == (gunichar) -1 || c == (gunichar) -2)
        break;
    }

  g_string_free (word, TRUE);
  if (n_words == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}
