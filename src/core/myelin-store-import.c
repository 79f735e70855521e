/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writing a parsed bundle into the library, in one transaction: a new
 * bundle is added, a higher revision replaces the installed one's articles
 * all at once, the same revision changes nothing and a lower one is
 * refused. The reader's own data is never touched.
 */
#define G_LOG_DOMAIN "myelin-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "myelin-error.h"
#include "myelin-store-private.h"
#include "myelin-text.h"

#define ARTICLE_COLUMNS \
  "bundle, id, hash, title, sort_title, published, updated, teaser, credibility, interest," \
  " key_takeaway, what_they_found, who_should_care, important_considerations, topics, topics_text," \
  " source_journal, source_title, source_authors, source_year, source_doi, source_url, source_design," \
  " source_participants, source_studies, source_text, related, image_path, image_alt," \
  " review_ai_generated, review_reviewed_by, review_reviewed, review_next_review," \
  " retracted, retracted_date, retracted_note, retracted_url"
#define N_ARTICLE_COLUMNS 37

/* New articles are written this many to a statement. Each INSERT into
 * articles (which has a trigger and foreign keys) runs inside a statement
 * savepoint, and SQLite 3.40's FTS5 writes out its pending index at every
 * savepoint: one row per statement makes one tiny index segment per
 * article, and merging those cost more than all the rest of an import
 * (docs/performance.md). 128 rows of 37 values stay far below SQLite's
 * limit on parameters. */
#define INSERT_BATCH 128

typedef struct
{
  MyelinStore  *store;
  sqlite3_stmt *insert_batch;  /* INSERT_BATCH rows */
  sqlite3_stmt *update_article;
  sqlite3_stmt *delete_article;
  sqlite3_stmt *insert_topic;
  sqlite3_stmt *find_topic;
  sqlite3_stmt *link_topic;
  sqlite3_stmt *unlink_topics;
  sqlite3_stmt *put_image;
  sqlite3_stmt *drop_image;
  GHashTable   *topic_ids;     /* folded key -> topic id */
  GPtrArray    *pending;       /* new articles not yet inserted (not owned) */
} Writer;

typedef struct
{
  gint64  rid;
  char   *hash;
  gboolean seen;
} Existing;

static void
existing_free (Existing *e)
{
  g_free (e->hash);
  g_free (e);
}

static void
writer_clear (Writer *w)
{
  g_clear_pointer (&w->insert_batch, sqlite3_finalize);
  g_clear_pointer (&w->update_article, sqlite3_finalize);
  g_clear_pointer (&w->delete_article, sqlite3_finalize);
  g_clear_pointer (&w->insert_topic, sqlite3_finalize);
  g_clear_pointer (&w->find_topic, sqlite3_finalize);
  g_clear_pointer (&w->link_topic, sqlite3_finalize);
  g_clear_pointer (&w->unlink_topics, sqlite3_finalize);
  g_clear_pointer (&w->put_image, sqlite3_finalize);
  g_clear_pointer (&w->drop_image, sqlite3_finalize);
  g_clear_pointer (&w->topic_ids, g_hash_table_unref);
  g_clear_pointer (&w->pending, g_ptr_array_unref);
}

/* INSERT … VALUES (?1, …, ?37), (?38, …), … for @rows articles. */
static char *
insert_sql (guint rows)
{
  /* added: when the article first came in, for "New"; an update keeps it. */
  GString *sql = g_string_new ("INSERT INTO articles (" ARTICLE_COLUMNS ", added) VALUES ");

  for (guint r = 0; r < rows; r++)
    {
      g_string_append (sql, r > 0 ? ", (" : "(");
      for (guint c = 1; c <= N_ARTICLE_COLUMNS; c++)
        {
          if (c > 1)
            g_string_append (sql, ", ");
          g_string_append_printf (sql, "?%u", r * N_ARTICLE_COLUMNS + c);
        }
      g_string_append (sql, ", " MYELIN_STORE_NOW ")");
    }
  g_string_append (sql, " RETURNING rid, id");
  return g_string_free (sql, FALSE);
}

static gboolean
writer_init (Writer       *w,
             MyelinStore  *store,
             GError      **error)
{
  g_autofree char *batch_sql = insert_sql (INSERT_BATCH);

  w->store = store;
  w->topic_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->pending = g_ptr_array_sized_new (INSERT_BATCH);

#define PREPARE(field, sql) \
  if ((w->field = myelin_store_prepare (store, sql, error)) == NULL) return FALSE

  PREPARE (insert_batch, batch_sql);
  PREPARE (update_article,
           "UPDATE articles SET (" ARTICLE_COLUMNS ") = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
           " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28,"
           " ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37) WHERE rid = ?38");
  PREPARE (delete_article, "DELETE FROM articles WHERE rid = ?1");
  PREPARE (insert_topic, "INSERT INTO topics (key, name) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING");
  PREPARE (find_topic, "SELECT id FROM topics WHERE key = ?1");
  PREPARE (link_topic, "INSERT OR IGNORE INTO article_topics (topic, article) VALUES (?1, ?2)");
  PREPARE (unlink_topics, "DELETE FROM article_topics WHERE article = ?1");
  PREPARE (put_image, "INSERT OR REPLACE INTO images (article, type, data) VALUES (?1, ?2, ?3)");
  PREPARE (drop_image, "DELETE FROM images WHERE article = ?1");
#undef PREPARE

  return TRUE;
}

static char *
list_to_json (GPtrArray *list)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (list == NULL)
    return NULL;

  builder = json_builder_new_immutable ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (list, i));
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
join_lines (const char *a,
            const char *b)
{
  if (a == NULL && b == NULL)
    return NULL;
  return g_strjoin ("\n", a ? a : "", b ? b : "", NULL);
}

/* Binds @a as parameters @base + 1 to @base + 37. */
static void
bind_article (sqlite3_stmt      *stmt,
              int                base,
              const char        *bundle_id,
              MyelinArticleData *a)
{
  g_autofree char *sort_title = myelin_text_fold_key (a->title);
  g_autofree char *topics = list_to_json (a->topics);
  g_autofree char *authors = list_to_json (a->source_authors);
  g_autofree char *related = list_to_json (a->related);
  g_autofree char *source_text = join_lines (a->source_journal, a->source_title);
  g_autofree char *topics_text = NULL;

  g_ptr_array_add (a->topics, NULL);
  topics_text = g_strjoinv ("\n", (char **) a->topics->pdata);
  g_ptr_array_remove_index (a->topics, a->topics->len - 1);

  myelin_store_bind_text (stmt, base + 1, bundle_id);
  myelin_store_bind_text (stmt, base + 2, a->id);
  myelin_store_bind_text (stmt, base + 3, a->hash);
  myelin_store_bind_text (stmt, base + 4, a->title);
  myelin_store_bind_text (stmt, base + 5, sort_title);
  myelin_store_bind_text (stmt, base + 6, a->published);
  myelin_store_bind_text (stmt, base + 7, a->updated);
  myelin_store_bind_text (stmt, base + 8, a->teaser);
  myelin_store_bind_int (stmt, base + 9, a->credibility);
  myelin_store_bind_int (stmt, base + 10, a->interest);
  myelin_store_bind_text (stmt, base + 11, a->key_takeaway);
  myelin_store_bind_text (stmt, base + 12, a->what_they_found);
  myelin_store_bind_text (stmt, base + 13, a->who_should_care);
  myelin_store_bind_text (stmt, base + 14, a->important_considerations);
  myelin_store_bind_text (stmt, base + 15, topics);
  myelin_store_bind_text (stmt, base + 16, topics_text);
  myelin_store_bind_text (stmt, base + 17, a->source_journal);
  myelin_store_bind_text (stmt, base + 18, a->source_title);
  myelin_store_bind_text (stmt, base + 19, authors);
  myelin_store_bind_int (stmt, base + 20, a->source_year);
  myelin_store_bind_text (stmt, base + 21, a->source_doi);
  myelin_store_bind_text (stmt, base + 22, a->source_url);
  myelin_store_bind_text (stmt, base + 23, a->source_design);
  myelin_store_bind_int (stmt, base + 24, a->source_participants);
  myelin_store_bind_int (stmt, base + 25, a->source_studies);
  myelin_store_bind_text (stmt, base + 26, source_text);
  myelin_store_bind_text (stmt, base + 27, related);
  myelin_store_bind_text (stmt, base + 28, a->image_data ? a->image_path : NULL);
  myelin_store_bind_text (stmt, base + 29, a->image_data ? a->image_alt : NULL);
  myelin_store_bind_int (stmt, base + 30, a->review_ai_generated);
  myelin_store_bind_text (stmt, base + 31, a->review_reviewed_by);
  myelin_store_bind_text (stmt, base + 32, a->review_reviewed);
  myelin_store_bind_text (stmt, base + 33, a->review_next_review);
  sqlite3_bind_int (stmt, base + 34, a->retracted ? 1 : 0);
  myelin_store_bind_text (stmt, base + 35, a->retracted_date);
  myelin_store_bind_text (stmt, base + 36, a->retracted_note);
  myelin_store_bind_text (stmt, base + 37, a->retracted_url);
}

static gint64
topic_id (Writer      *w,
          const char  *name,
          GError     **error)
{
  g_autofree char *key = myelin_text_fold_key (name);
  gpointer cached;
  gint64 id = -1;

  if (g_hash_table_lookup_extended (w->topic_ids, key, NULL, &cached))
    return GPOINTER_TO_SIZE (cached);

  myelin_store_bind_text (w->insert_topic, 1, key);
  myelin_store_bind_text (w->insert_topic, 2, name);
  if (!myelin_store_step_done (w->store, w->insert_topic, error))
    return -1;

  myelin_store_bind_text (w->find_topic, 1, key);
  if (sqlite3_step (w->find_topic) == SQLITE_ROW)
    id = sqlite3_column_int64 (w->find_topic, 0);
  else
    myelin_store_set_error (w->store, sqlite3_errcode (myelin_store_get_db (w->store)), error);
  sqlite3_reset (w->find_topic);

  if (id >= 0)
    g_hash_table_insert (w->topic_ids, g_steal_pointer (&key), GSIZE_TO_POINTER (id));
  return id;
}

static gboolean
write_links (Writer            *w,
             gint64             rid,
             MyelinArticleData *a,
             GError           **error)
{
  for (guint i = 0; i < a->topics->len; i++)
    {
      gint64 topic = topic_id (w, g_ptr_array_index (a->topics, i), error);

      if (topic < 0)
        return FALSE;
      sqlite3_bind_int64 (w->link_topic, 1, topic);
      sqlite3_bind_int64 (w->link_topic, 2, rid);
      if (!myelin_store_step_done (w->store, w->link_topic, error))
        return FALSE;
    }

  if (a->image_data == NULL)
    {
      sqlite3_bind_int64 (w->drop_image, 1, rid);
      return myelin_store_step_done (w->store, w->drop_image, error);
    }
  sqlite3_bind_int64 (w->put_image, 1, rid);
  myelin_store_bind_text (w->put_image, 2, a->image_type);
  sqlite3_bind_blob64 (w->put_image, 3, g_bytes_get_data (a->image_data, NULL),
                       g_bytes_get_size (a->image_data), SQLITE_STATIC);
  return myelin_store_step_done (w->store, w->put_image, error);
}

/* Inserts the pending new articles, in their order (so they get the same
 * row ids as one by one would), then their topics and images. */
static gboolean
flush_inserts (Writer      *w,
               const char  *bundle_id,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) tail = NULL;
  g_autofree gint64 *rids = NULL;
  sqlite3_stmt *stmt = w->insert_batch;
  guint n = w->pending->len;
  int rc;

  if (n == 0)
    return TRUE;
  if (n != INSERT_BATCH)
    {
      g_autofree char *sql = insert_sql (n);

      stmt = tail = myelin_store_prepare (w->store, sql, error);
      if (stmt == NULL)
        return FALSE;
    }

  for (guint i = 0; i < n; i++)
    bind_article (stmt, i * N_ARTICLE_COLUMNS, bundle_id, g_ptr_array_index (w->pending, i));

  /* RETURNING gives the rows in no promised order: match them by id. */
  rids = g_new (gint64, n);
  for (guint i = 0; i < n; i++)
    rids[i] = -1;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 1);

      for (guint i = 0; i < n; i++)
        if (rids[i] < 0 && g_strcmp0 (id, ((MyelinArticleData *) g_ptr_array_index (w->pending, i))->id) == 0)
          {
            rids[i] = sqlite3_column_int64 (stmt, 0);
            break;
          }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return myelin_store_set_error (w->store, rc, error);

  for (guint i = 0; i < n; i++)
    {
      g_assert (rids[i] >= 0);
      if (!write_links (w, rids[i], g_ptr_array_index (w->pending, i), error))
        return FALSE;
    }
  g_ptr_array_set_size (w->pending, 0);
  return TRUE;
}

static gboolean
update_article (Writer            *w,
                const char        *bundle_id,
                gint64             rid,
                MyelinArticleData *a,
                GError           **error)
{
  bind_article (w->update_article, 0, bundle_id, a);
  sqlite3_bind_int64 (w->update_article, 38, rid);
  if (!myelin_store_step_done (w->store, w->update_article, error))
    return FALSE;
  sqlite3_bind_int64 (w->unlink_topics, 1, rid);
  if (!myelin_store_step_done (w->store, w->unlink_topics, error))
    return FALSE;
  return write_links (w, rid, a, error);
}

static GHashTable *
load_existing (MyelinStore  *store,
               const char   *bundle_id,
               GError      **error)
{
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) existing_free);
  g_autoptr(sqlite3_stmt) stmt = myelin_store_prepare (store, "SELECT id, rid, hash FROM articles WHERE bundle = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  myelin_store_bind_text (stmt, 1, bundle_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Existing *e = g_new0 (Existing, 1);
      e->rid = sqlite3_column_int64 (stmt, 1);
      e->hash = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_hash_table_insert (existing, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), e);
    }
  if (rc != SQLITE_DONE)
    {
      myelin_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&existing);
}

/* Returns the installed revision, 0 when the bundle is new, -1 on error. */
static gint64
installed_revision (MyelinStore  *store,
                    const char   *bundle_id,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = myelin_store_prepare (store, "SELECT revision FROM bundles WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return -1;
  myelin_store_bind_text (stmt, 1, bundle_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  myelin_store_set_error (store, rc, error);
  return -1;
}

static gboolean
write_bundle_row (MyelinStore       *store,
                  MyelinBundleData  *bundle,
                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *imported = g_date_time_format_iso8601 (now);

  /* An upsert, not INSERT OR REPLACE: replacing would cascade-delete every
   * article, unchanged ones included. */
  stmt = myelin_store_prepare (store,
                               "INSERT INTO bundles (id, title, revision, publisher, language, published,"
                               " homepage, disclaimer, imported) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                               " ON CONFLICT (id) DO UPDATE SET title = ?2, revision = ?3, publisher = ?4,"
                               " language = ?5, published = ?6, homepage = ?7, disclaimer = ?8, imported = ?9",
                               error);
  if (stmt == NULL)
    return FALSE;
  myelin_store_bind_text (stmt, 1, bundle->id);
  myelin_store_bind_text (stmt, 2, bundle->title);
  sqlite3_bind_int64 (stmt, 3, bundle->revision);
  myelin_store_bind_text (stmt, 4, bundle->publisher);
  myelin_store_bind_text (stmt, 5, bundle->language);
  myelin_store_bind_text (stmt, 6, bundle->published);
  myelin_store_bind_text (stmt, 7, bundle->homepage);
  myelin_store_bind_text (stmt, 8, bundle->disclaimer);
  myelin_store_bind_text (stmt, 9, imported);
  return myelin_store_step_done (store, stmt, error);
}

static gboolean
write_articles (Writer              *w,
                MyelinBundleData    *bundle,
                GHashTable          *existing,
                guint               *counts,      /* added, updated, removed, unchanged */
                MyelinProgressFunc   progress,
                gpointer             progress_data,
                GCancellable        *cancellable,
                GError             **error)
{
  GHashTableIter iter;
  Existing *e;
  guint n = bundle->articles->len;

  for (guint i = 0; i < n; i++)
    {
      MyelinArticleData *a = g_ptr_array_index (bundle->articles, i);

      if (i % 128 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (0.3 + 0.65 * i / n, progress_data);
        }

      e = g_hash_table_lookup (existing, a->id);
      if (e == NULL)
        {
          g_ptr_array_add (w->pending, a);
          if (w->pending->len == INSERT_BATCH && !flush_inserts (w, bundle->id, error))
            return FALSE;
          counts[0]++;
          continue;
        }
      e->seen = TRUE;
      if (g_str_equal (e->hash, a->hash))
        counts[3]++;
      /* Earlier new articles first, so topics get their ids in the same
       * order as when each article is written in turn. */
      else if (flush_inserts (w, bundle->id, error) && update_article (w, bundle->id, e->rid, a, error))
        counts[1]++;
      else
        return FALSE;
    }
  if (!flush_inserts (w, bundle->id, error))
    return FALSE;

  /* Articles absent from the new revision leave the library. */
  g_hash_table_iter_init (&iter, existing);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    {
      if (e->seen)
        continue;
      sqlite3_bind_int64 (w->delete_article, 1, e->rid);
      if (!myelin_store_step_done (w->store, w->delete_article, error))
        return FALSE;
      counts[2]++;
    }
  return TRUE;
}

static gboolean
refuse_older (MyelinBundleData  *bundle,
              gint64             installed,
              GError           **error)
{
  g_set_error (error, MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_OLDER_REVISION,
               _("This is revision %lld of “%s”, older than the installed revision %lld; the library keeps the newer one."),
               (long long) bundle->revision, bundle->title, (long long) installed);
  return FALSE;
}

/**
 * myelin_store_apply_bundle:
 *
 * Writes @bundle in one transaction and fills in @report's status,
 * revisions and counts. With %MYELIN_IMPORT_FLAGS_CHECK in the report's
 * caller only the revision rules are checked (see myelin_store_import_file()).
 *
 * Returns: %FALSE with @error set when the bundle is refused (an older
 *   revision) or the library cannot be written; nothing changed then
 */
gboolean
myelin_store_apply_bundle (MyelinStore        *self,
                           MyelinBundleData   *bundle,
                           MyelinImportReport *report,
                           MyelinProgressFunc  progress,
                           gpointer            progress_data,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autoptr(GHashTable) existing = NULL;
  Writer w = { 0 };
  guint counts[4] = { 0 };
  gint64 installed;

  if (!myelin_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  installed = installed_revision (self, bundle->id, error);
  if (installed < 0)
    goto fail;
  myelin_import_report_set_revisions (report, installed, bundle->revision);
  if (installed > bundle->revision)
    {
      refuse_older (bundle, installed, error);
      goto fail;
    }
  if (installed == bundle->revision)
    {
      myelin_import_report_set_status (report, MYELIN_IMPORT_STATUS_UP_TO_DATE);
      sqlite3_exec (myelin_store_get_db (self), "ROLLBACK", NULL, NULL, NULL);
      return TRUE;
    }

  existing = load_existing (self, bundle->id, error);
  if (existing == NULL || !writer_init (&w, self, error))
    goto fail;

  /* Saved articles that leave keep their titles in the reader's data. */
  if (!myelin_store_remember_titles (self, bundle->id, error)
      || !write_bundle_row (self, bundle, error)
      || !write_articles (&w, bundle, existing, counts, progress, progress_data, cancellable, error)
      || !myelin_store_articles_changed (self, error))
    goto fail;

  /* The last moment a cancel can still leave the library as it was. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  writer_clear (&w);
  if (!myelin_store_exec (self, "COMMIT", error))
    goto fail;

  myelin_import_report_set_counts (report, counts[0], counts[1], counts[2], counts[3]);
  myelin_import_report_set_status (report, installed == 0 ? MYELIN_IMPORT_STATUS_ADDED
                                                          : MYELIN_IMPORT_STATUS_UPDATED);
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;

fail:
  writer_clear (&w);
  sqlite3_exec (myelin_store_get_db (self), "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Only the revision rules, for `check` against a library. */
static gboolean
check_revision (MyelinStore        *self,
                MyelinBundleData   *bundle,
                MyelinImportReport *report,
                GError            **error)
{
  gint64 installed = installed_revision (self, bundle->id, error);

  if (installed < 0)
    return FALSE;
  myelin_import_report_set_revisions (report, installed, bundle->revision);
  if (installed > bundle->revision)
    return refuse_older (bundle, installed, error);
  if (installed == bundle->revision)
    myelin_import_report_set_status (report, MYELIN_IMPORT_STATUS_UP_TO_DATE);
  return TRUE;
}

/**
 * myelin_store_import_file:
 * @self: (nullable): the library; %NULL only with %MYELIN_IMPORT_FLAGS_CHECK
 * @file: the bundle
 * @flags: strict, and check only
 * @progress: (nullable) (scope call): progress, from 0.0 to 1.0
 * @cancellable: (nullable): cancelling changes nothing
 *
 * Reads, validates and imports a bundle. Every outcome, including a refusal
 * and a library that cannot be written, is in the report.
 *
 * Returns: (transfer full): the import report
 */
MyelinImportReport *
myelin_store_import_file (MyelinStore        *self,
                          GFile              *file,
                          MyelinImportFlags   flags,
                          MyelinProgressFunc  progress,
                          gpointer            progress_data,
                          GCancellable       *cancellable)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(MyelinImportReport) report = myelin_import_report_new (name);
  g_autoptr(MyelinBundleData) bundle = NULL;
  g_autoptr(GError) error = NULL;
  MyelinParseFlags parse_flags = (flags & MYELIN_IMPORT_FLAGS_STRICT) ? MYELIN_PARSE_FLAGS_STRICT : 0;

  g_return_val_if_fail (self == NULL || MYELIN_IS_STORE (self), NULL);
  g_return_val_if_fail (self != NULL || (flags & MYELIN_IMPORT_FLAGS_CHECK), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (progress != NULL)
    progress (0.0, progress_data);
  bundle = myelin_bundle_parse_file (file, 0, parse_flags, report, cancellable);
  if (bundle == NULL)
    {
      /* Refused before the library was asked: still say what it holds. */
      const char *id = myelin_import_report_get_bundle_id (report);
      gint64 installed = (self != NULL && id != NULL) ? installed_revision (self, id, NULL) : 0;

      if (installed > 0)
        myelin_import_report_set_revisions (report, installed, installed);
      return g_steal_pointer (&report);
    }
  if (progress != NULL)
    progress (0.3, progress_data);

  if (flags & MYELIN_IMPORT_FLAGS_CHECK)
    {
      if (self != NULL && !check_revision (self, bundle, report, &error))
        myelin_import_report_refuse (report, error, "/bundle/revision", 0, 0);
    }
  else if (!myelin_store_apply_bundle (self, bundle, report, progress, progress_data, cancellable, &error))
    {
      myelin_import_report_refuse (report, error,
                                   g_error_matches (error, MYELIN_IMPORT_ERROR, MYELIN_IMPORT_ERROR_OLDER_REVISION)
                                     ? "/bundle/revision" : "",
                                   0, 0);
    }

  return g_steal_pointer (&report);
}

/* --- Asynchronous import ------------------------------------------------ */

typedef struct
{
  char               *library_path;
  GFile              *file;
  MyelinImportFlags   flags;
  MyelinProgressFunc  progress;
  gpointer            progress_data;
  GDestroyNotify      progress_notify;
  GMainContext       *context;
  int                 last_percent;
} ImportData;

typedef struct
{
  ImportData *data;
  double      fraction;
  GTask      *task;
} ProgressUpdate;

static void
import_data_free (ImportData *data)
{
  g_free (data->library_path);
  g_clear_object (&data->file);
  if (data->progress_notify != NULL)
    data->progress_notify (data->progress_data);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  update->data->progress (update->fraction, update->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  g_object_unref (update->task);
  g_free (update);
}

/* Runs in the import thread: hands progress to the caller's main context,
 * once per percent so that a large import does not flood it. */
static void
thread_progress (double   fraction,
                 gpointer user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  int percent = (int) (fraction * 100);
  ProgressUpdate *update;

  if (data->progress == NULL || percent == data->last_percent)
    return;
  data->last_percent = percent;

  update = g_new0 (ProgressUpdate, 1);
  update->data = data;
  update->fraction = fraction;
  update->task = g_object_ref (task);
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress, update, progress_update_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(MyelinStore) store = NULL;
  g_autoptr(MyelinImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of its own: the caller's stays free for reading while
   * this one writes (WAL). */
  store = myelin_store_open (data->library_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report = myelin_store_import_file (store, data->file, data->flags, thread_progress, task, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&report), g_object_unref);
}

/**
 * myelin_store_import_file_async:
 * @progress: (nullable): called in the thread-default main context of the caller
 *
 * Imports @file in a worker thread with its own connection to the library.
 * A cancelled import changes nothing and finishes with %G_IO_ERROR_CANCELLED.
 */
void
myelin_store_import_file_async (MyelinStore         *self,
                                GFile               *file,
                                MyelinImportFlags    flags,
                                MyelinProgressFunc   progress,
                                gpointer             progress_data,
                                GDestroyNotify       progress_notify,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (MYELIN_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ImportData, 1);
  data->library_path = g_strdup (myelin_store_get_path (self));
  data->file = g_object_ref (file);
  data->flags = flags;
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_notify = progress_notify;
  data->context = g_main_context_ref_thread_default ();
  data->last_percent = -1;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, myelin_store_import_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * myelin_store_import_file_finish:
 *
 * Returns: (transfer full) (nullable): the report (which may be a refusal),
 *   or %NULL with @error set when cancelled or the library cannot be opened
 */
MyelinImportReport *
myelin_store_import_file_finish (MyelinStore   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
