/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library: one SQLite file. This part opens it, creates and migrates the
 * schema, and keeps the bundles and the reader's own state. Reading articles
 * is in myelin-store-query.c, writing bundles in myelin-store-import.c.
 *
 * Every statement is prepared and takes its values as bound parameters.
 */
#define G_LOG_DOMAIN "myelin-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "myelin-error.h"
#include "myelin-store-private.h"

/* How long a statement waits for another writer (the app and myelinctl
 * share the file) before it fails. */
#define BUSY_TIMEOUT_MS 10000

struct _MyelinStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
  gint64   data_version;
  gboolean read_only;

  /* Statements run very often (a card's summary, once per card bound) are
   * prepared once: parsing the SQL was a third of the time a card took. */
  GMutex      cached_lock;
  GRecMutex   hold;         /* myelin_store_hold() */
  GHashTable *cached;   /* SQL text (static) -> sqlite3_stmt */

  gboolean          indexed;   /* myelin_store_set_indexed() */
  MyelinStoreIndex *index;     /* read when first needed */
};

G_DEFINE_FINAL_TYPE (MyelinStore, myelin_store, G_TYPE_OBJECT)

/* Forward migrations: entry N takes a library from user_version N to N+1.
 * Never edit a shipped entry; append a new one. */
static const char * const migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE bundles ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  title TEXT NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  publisher TEXT,"
  "  language TEXT NOT NULL DEFAULT 'en',"
  "  published TEXT,"
  "  homepage TEXT,"
  "  disclaimer TEXT,"
  "  imported TEXT NOT NULL"
  ");"
  "CREATE TABLE articles ("
  "  rid INTEGER PRIMARY KEY,"
  "  bundle TEXT NOT NULL REFERENCES bundles (id) ON DELETE CASCADE,"
  "  id TEXT NOT NULL,"
  "  hash TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  sort_title TEXT NOT NULL,"
  "  published TEXT NOT NULL,"
  "  updated TEXT,"
  "  teaser TEXT,"
  "  credibility INTEGER NOT NULL,"
  "  interest INTEGER NOT NULL,"
  "  key_takeaway TEXT NOT NULL,"
  "  what_they_found TEXT NOT NULL,"
  "  who_should_care TEXT,"
  "  important_considerations TEXT,"
  "  topics TEXT NOT NULL,"              /* JSON array of display names */
  "  topics_text TEXT NOT NULL,"         /* the same, for full-text search */
  "  source_journal TEXT,"
  "  source_title TEXT,"
  "  source_authors TEXT,"               /* JSON array */
  "  source_year INTEGER,"
  "  source_doi TEXT,"
  "  source_url TEXT,"
  "  source_design TEXT,"
  "  source_participants INTEGER,"
  "  source_studies INTEGER,"
  "  source_text TEXT,"                  /* journal and title, for search */
  "  related TEXT,"                      /* JSON array of article ids */
  "  image_path TEXT,"
  "  image_alt TEXT,"
  "  review_ai_generated INTEGER,"
  "  review_reviewed_by TEXT,"
  "  review_reviewed TEXT,"
  "  review_next_review TEXT,"
  "  retracted INTEGER NOT NULL DEFAULT 0,"
  "  retracted_date TEXT,"
  "  retracted_note TEXT,"
  "  retracted_url TEXT,"
  "  UNIQUE (bundle, id)"
  ");"
  "CREATE INDEX articles_newest ON articles (published DESC, rid DESC);"
  "CREATE INDEX articles_credibility ON articles (credibility DESC, published DESC, rid DESC);"
  "CREATE INDEX articles_interest ON articles (interest DESC, published DESC, rid DESC);"
  "CREATE INDEX articles_title ON articles (sort_title, rid);"
  "CREATE TABLE images ("
  "  article INTEGER PRIMARY KEY REFERENCES articles (rid) ON DELETE CASCADE,"
  "  type TEXT NOT NULL,"
  "  data BLOB NOT NULL"
  ");"
  "CREATE TABLE topics ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"          /* case-folded identity */
  "  name TEXT NOT NULL,"                /* display form, first one seen */
  "  article_count INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE article_topics ("
  "  topic INTEGER NOT NULL REFERENCES topics (id),"
  "  article INTEGER NOT NULL REFERENCES articles (rid) ON DELETE CASCADE,"
  "  PRIMARY KEY (topic, article)"
  ") WITHOUT ROWID;"
  "CREATE INDEX article_topics_article ON article_topics (article, topic);"
  /* The reader's own data. Keyed by bundle and article id, with no foreign
   * key: imports and removals never delete from it, so it comes back when
   * the article does. */
  "CREATE TABLE reader_state ("
  "  bundle TEXT NOT NULL,"
  "  article TEXT NOT NULL,"
  "  saved INTEGER NOT NULL DEFAULT 0,"
  "  saved_at TEXT,"
  "  read INTEGER NOT NULL DEFAULT 0,"
  "  read_at TEXT,"
  "  note TEXT,"
  "  title TEXT,"                        /* last known title, for articles that left */
  "  PRIMARY KEY (bundle, article)"
  ") WITHOUT ROWID;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, teaser, key_takeaway, what_they_found, who_should_care,"
  "  important_considerations, topics_text, source_text,"
  "  content='articles', content_rowid='rid',"
  "  tokenize='unicode61 remove_diacritics 2', prefix='2 3'"
  ");"
  /* Title and topics weigh most in ranking, then the teaser and takeaway. */
  "INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 4.0, 1.0, 1.0, 1.0, 6.0, 2.0)');"
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN"
  "  INSERT INTO articles_fts (rowid, title, teaser, key_takeaway, what_they_found, who_should_care,"
  "                            important_considerations, topics_text, source_text)"
  "  VALUES (new.rid, new.title, new.teaser, new.key_takeaway, new.what_they_found, new.who_should_care,"
  "          new.important_considerations, new.topics_text, new.source_text);"
  "END;"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, teaser, key_takeaway, what_they_found,"
  "                            who_should_care, important_considerations, topics_text, source_text)"
  "  VALUES ('delete', old.rid, old.title, old.teaser, old.key_takeaway, old.what_they_found,"
  "          old.who_should_care, old.important_considerations, old.topics_text, old.source_text);"
  "END;"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, teaser, key_takeaway, what_they_found,"
  "                            who_should_care, important_considerations, topics_text, source_text)"
  "  VALUES ('delete', old.rid, old.title, old.teaser, old.key_takeaway, old.what_they_found,"
  "          old.who_should_care, old.important_considerations, old.topics_text, old.source_text);"
  "  INSERT INTO articles_fts (rowid, title, teaser, key_takeaway, what_they_found, who_should_care,"
  "                            important_considerations, topics_text, source_text)"
  "  VALUES (new.rid, new.title, new.teaser, new.key_takeaway, new.what_they_found, new.who_should_care,"
  "          new.important_considerations, new.topics_text, new.source_text);"
  "END;",

  /* 1 -> 2: "New" (articles added since the last visit). added is when the
   * article first came into the library (MYELIN_STORE_NOW at its INSERT;
   * an update keeps it). Articles already there are left NULL, never new:
   * filling them in would rewrite every row and its full-text entry. */
  "ALTER TABLE articles ADD COLUMN added TEXT;"
  "CREATE INDEX articles_added ON articles (added);"
  /* The library's own small settings, such as last_visit. */
  "CREATE TABLE library_state ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT"
  ") WITHOUT ROWID;",

  /* 2 -> 3: one-letter prefixes indexed too. Without it, the first letter
   * typed in the search merged the doclists of every word starting with
   * it: 55 ms against 4 on a 100,000-article library, for ~18 % more index
   * (docs/performance.md). FTS5 cannot change its prefixes in place, so the
   * index is made again from the articles; the triggers name the table, so
   * they carry on. The articles' version starts here (see
   * myelin_store_articles_changed()). */
  "DROP TABLE articles_fts;"
  "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
  "  title, teaser, key_takeaway, what_they_found, who_should_care,"
  "  important_considerations, topics_text, source_text,"
  "  content='articles', content_rowid='rid',"
  "  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'"
  ");"
  "INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 4.0, 1.0, 1.0, 1.0, 6.0, 2.0)');"
  "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');"
  "INSERT INTO library_state (key, value) VALUES ('articles_version', 0);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MYELIN_STORE_SCHEMA_VERSION);

static void
myelin_store_finalize (GObject *object)
{
  MyelinStore *self = MYELIN_STORE (object);

  g_clear_pointer (&self->index, myelin_store_index_free);
  g_clear_pointer (&self->cached, g_hash_table_unref);
  g_mutex_clear (&self->cached_lock);
  g_rec_mutex_clear (&self->hold);
  /* close_v2 defers the close until every statement is finalised. */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_free (self->path);

  G_OBJECT_CLASS (myelin_store_parent_class)->finalize (object);
}

static void
myelin_store_class_init (MyelinStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = myelin_store_finalize;
}

static void
myelin_store_init (MyelinStore *self)
{
  g_mutex_init (&self->cached_lock);
  g_rec_mutex_init (&self->hold);
  self->cached = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) sqlite3_finalize);
}

/**
 * myelin_store_lock_cached:
 * @sql: a string literal: statements are cached by its address
 *
 * Gives a statement prepared once for the store's lifetime, with the
 * store's cache locked so that no other thread binds it meanwhile. Hand it
 * back with myelin_store_unlock_cached().
 *
 * Returns: (transfer none) (nullable): the statement, or %NULL with @error
 *   set (and nothing locked)
 */
sqlite3_stmt *
myelin_store_lock_cached (MyelinStore  *self,
                          const char   *sql,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_mutex_lock (&self->cached_lock);
  stmt = g_hash_table_lookup (self->cached, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_mutex_unlock (&self->cached_lock);
      myelin_store_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->cached, (gpointer) sql, stmt);
  return stmt;
}

void
myelin_store_unlock_cached (MyelinStore  *self,
                            sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  g_mutex_unlock (&self->cached_lock);
}

/**
 * myelin_store_set_indexed:
 * @indexed: whether to keep an index of the articles in memory
 *
 * A store that answers many filtered queries (the window's, one per
 * keystroke) keeps the articles' order and topics in memory, about 10 bytes
 * an article, and answers searches and topic filters from it with the same
 * rows the SQL gives (myelin-store-index.c). It is read by the first
 * filtered query, or by myelin_store_load_index(), and again after any
 * import or removal, from whichever connection.
 */
void
myelin_store_set_indexed (MyelinStore *self,
                          gboolean     indexed)
{
  g_return_if_fail (MYELIN_IS_STORE (self));

  myelin_store_hold (self);
  self->indexed = indexed;
  if (!indexed)
    g_clear_pointer (&self->index, myelin_store_index_free);
  myelin_store_release (self);
}

/* The index's slot, or %NULL when the store keeps none. Under
 * myelin_store_hold(). */
MyelinStoreIndex **
myelin_store_get_index (MyelinStore *self)
{
  return self->indexed ? &self->index : NULL;
}

/**
 * myelin_store_load_index:
 *
 * Reads the index now (if the store keeps one and it is out of date), so
 * that the first search does not wait for it: ~40 ms for 100,000 articles.
 */
gboolean
myelin_store_load_index (MyelinStore  *self,
                         GError      **error)
{
  gboolean ok = TRUE, began;

  g_return_val_if_fail (MYELIN_IS_STORE (self), FALSE);

  myelin_store_hold (self);
  if (self->indexed)
    {
      ok = myelin_store_begin_read (self, &began, error)
           && myelin_store_index_update (&self->index, self, error);
      myelin_store_end_read (self, began);
    }
  myelin_store_release (self);
  return ok;
}

/* A read transaction, so that several statements see one state of the
 * library; none is begun inside one already open. */
gboolean
myelin_store_begin_read (MyelinStore  *self,
                         gboolean     *began,
                         GError      **error)
{
  *began = FALSE;
  if (!sqlite3_get_autocommit (self->db))
    return TRUE;
  if (!myelin_store_exec (self, "BEGIN", error))
    return FALSE;
  *began = TRUE;
  return TRUE;
}

void
myelin_store_end_read (MyelinStore *self,
                       gboolean     began)
{
  /* Ending a transaction that wrote nothing cannot lose anything. */
  if (began && sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/**
 * myelin_store_hold:
 *
 * A store is one SQLite connection, and a connection's transactions are
 * not per thread: two threads working on one store at once could meet
 * inside one transaction ("cannot start a transaction within a
 * transaction"). Work run in threads on a shared store holds it for the
 * whole job, and myelin_store_release() lets the next one in.
 */
void
myelin_store_hold (MyelinStore *self)
{
  g_return_if_fail (MYELIN_IS_STORE (self));
  g_rec_mutex_lock (&self->hold);
}

void
myelin_store_release (MyelinStore *self)
{
  g_return_if_fail (MYELIN_IS_STORE (self));
  g_rec_mutex_unlock (&self->hold);
}

sqlite3 *
myelin_store_get_db (MyelinStore *self)
{
  return self->db;
}

/**
 * myelin_store_set_error:
 * @rc: an SQLite result code
 *
 * Turns an SQLite failure into a #MYELIN_STORE_ERROR a caller can branch on,
 * with a sentence a person can act on.
 *
 * Returns: %FALSE, for `return myelin_store_set_error (…)`
 */
gboolean
myelin_store_set_error (MyelinStore *self,
                        int          rc,
                        GError     **error)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_FULL,
                   _("The disk is full, so the library was not changed. Free some space and try again."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_READ_ONLY,
                   _("The library at %s cannot be written (it is read-only), so it was not changed."), self->path);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_BUSY,
                   _("Another program kept the library busy for too long; try again in a moment."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_CORRUPT,
                   _("The library file %s is damaged or is not a Myelin library (%s)."), self->path, detail);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_OPEN,
                   _("The library file %s cannot be opened (%s)."), self->path, detail);
      break;
    default:
      g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_FAILED,
                   _("The library could not be used: %s."), detail);
      break;
    }
  return FALSE;
}

/**
 * myelin_store_prepare:
 *
 * Returns: (transfer full) (nullable): the statement, or %NULL with @error set
 */
sqlite3_stmt *
myelin_store_prepare (MyelinStore  *self,
                      const char   *sql,
                      GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      myelin_store_set_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

gboolean
myelin_store_exec (MyelinStore  *self,
                   const char   *sql,
                   GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return myelin_store_set_error (self, rc, error);
  return TRUE;
}

/* Runs a statement that returns no rows. */
gboolean
myelin_store_step_done (MyelinStore   *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return myelin_store_set_error (self, rc, error);
  return TRUE;
}

void
myelin_store_bind_text (sqlite3_stmt *stmt,
                        int           index,
                        const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* Binds an optional number: -1 means absent. */
void
myelin_store_bind_int (sqlite3_stmt *stmt,
                       int           index,
                       gint64        value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

static gint64
query_int (MyelinStore *self,
           const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = myelin_store_prepare (self, sql, NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return -1;
}

static gboolean
migrate (MyelinStore  *self,
         GError      **error)
{
  gint64 version = query_int (self, "PRAGMA user_version");

  if (version < 0)
    return myelin_store_set_error (self, sqlite3_errcode (self->db), error);
  if (version > MYELIN_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_TOO_NEW,
                   _("The library %s was made by a newer version of Myelin; update Myelin to open it."), self->path);
      return FALSE;
    }
  if (version == MYELIN_STORE_SCHEMA_VERSION)
    return TRUE;

  /* All steps in one transaction: a library is at one version or the next. */
  if (!myelin_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Another process may have migrated while we waited for the lock. */
  version = query_int (self, "PRAGMA user_version");
  for (; version >= 0 && version < MYELIN_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = NULL;

      if (!myelin_store_exec (self, migrations[version], error))
        goto fail;
      /* PRAGMA takes no bound parameters; the value is our own integer. */
      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
      if (!myelin_store_exec (self, set_version, error))
        goto fail;
    }
  if (!myelin_store_exec (self, "COMMIT", error))
    return FALSE;
  /* A migration can rewrite the whole full-text index (2 -> 3), which
   * leaves a WAL as large as the library. Should this process end without
   * closing, every later open would read all of it again (+110 ms for
   * 100,000 articles), so write it back and empty it now. Without
   * waiting: with another process reading, it does what it can without
   * blocking, loses nothing, and a later checkpoint does the rest. */
  sqlite3_busy_timeout (self->db, 0);
  sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  return TRUE;

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * myelin_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/myelin/library.db`
 */
char *
myelin_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "myelin", "library.db", NULL);
}

static gboolean
make_folder (const char  *path,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;
  /* The reader's notes are private: the folder is theirs alone. */
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_OPEN,
                   _("The folder %s for the library cannot be created: %s."), folder, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Whether this process may write @path (and create its -wal and -shm
 * beside it). As root, access() says yes to a chmod 0444 file, and SQLite
 * writes it: only a read-only mount stops root. */
static gboolean
can_write (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);

  return access (path, W_OK) == 0 && access (folder, W_OK) == 0;
}


/* Runs quick_check or integrity_check; anything but "ok" is damage. */
static gboolean
run_check_pragma (MyelinStore  *self,
                  const char   *sql,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = myelin_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return myelin_store_set_error (self, rc, error);
  if (!g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "ok"))
    {
      g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_CORRUPT,
                   _("The library file %s is damaged (%s)."), self->path, sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

/* The first read of the schema: a file that is not a database, or whose
 * first page is damaged, fails here. The reader's data is checked whole,
 * since it is what cannot be imported again; the rest of a large library
 * is too big to check on every start (docs/reliability.md), and damage
 * there shows as MYELIN_STORE_ERROR_CORRUPT when it is read. */
static gboolean
check_health (MyelinStore  *self,
              GError      **error)
{
  if (query_int (self, "SELECT count(*) FROM sqlite_schema") < 0)
    return myelin_store_set_error (self, sqlite3_errcode (self->db), error);
  if (query_int (self, "SELECT count(*) FROM sqlite_schema WHERE name = 'reader_state'") != 1)
    return TRUE;  /* a new library, not created yet */

  return run_check_pragma (self, "PRAGMA quick_check (reader_state)", error);
}

static MyelinStore *
open_connection (const char  *path,
                 gboolean     read_only,
                 GError     **error)
{
  g_autoptr(MyelinStore) self = g_object_new (MYELIN_TYPE_STORE, NULL);
  g_autofree char *uri = NULL;
  int rc;

  self->path = path ? g_strdup (path) : myelin_store_default_path ();
  self->read_only = read_only;
  if (!read_only && !make_folder (self->path, error))
    return NULL;

  if (read_only)
    {
      g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
      g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
      g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

      /* A WAL library needs its -shm file; when it is gone and cannot be
       * made (a read-only folder), nobody can be writing the file, and
       * SQLite may read it as immutable. */
      uri = g_strdup_printf ("file:%s?mode=ro%s", escaped,
                             !g_file_test (shm, G_FILE_TEST_EXISTS) && !can_write (self->path) ? "&immutable=1" : "");
      rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL);
    }
  else
    rc = sqlite3_open_v2 (self->path, &self->db,
                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      myelin_store_set_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* SQLite opens a file it may not write read-only, even when asked for
   * read and write. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    self->read_only = TRUE;

  if (!check_health (self, error))
    return NULL;

  if (self->read_only)
    {
      gint64 version = query_int (self, "PRAGMA user_version");

      if (version > MYELIN_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_TOO_NEW,
                       _("The library %s was made by a newer version of Myelin; update Myelin to open it."), self->path);
          return NULL;
        }
      if (version != MYELIN_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_READ_ONLY,
                       _("The library at %s needs updating for this version of Myelin, but it is read-only."), self->path);
          return NULL;
        }
    }
  /* WAL lets the app read while myelinctl imports; FULL sync makes every
   * commit durable across a power cut, and costs one fsync per import. */
  else if (!myelin_store_exec (self, "PRAGMA journal_mode = WAL", error)
           || !myelin_store_exec (self, "PRAGMA synchronous = FULL", error)
           || !myelin_store_exec (self, "PRAGMA foreign_keys = ON", error)
           || !migrate (self, error))
    return NULL;

  self->data_version = query_int (self, "PRAGMA data_version");
  return g_steal_pointer (&self);
}

/**
 * myelin_store_open:
 * @path: (nullable): the library file, or %NULL for myelin_store_default_path()
 *
 * Opens the library, creating it (and its folder, mode 0700) on first use
 * and bringing its schema up to date. A library this process cannot write
 * (a read-only file, folder or mount) is opened read-only: it can be read,
 * and every change fails with %MYELIN_STORE_ERROR_READ_ONLY.
 *
 * A file that is not a healthy library fails with
 * %MYELIN_STORE_ERROR_CORRUPT and is left untouched; see
 * myelin_store_start_fresh().
 *
 * Returns: (transfer full) (nullable): the store
 */
MyelinStore *
myelin_store_open (const char  *path,
                   GError     **error)
{
  g_autofree char *file = path ? g_strdup (path) : myelin_store_default_path ();
  gboolean exists = !g_str_equal (file, ":memory:") && g_file_test (file, G_FILE_TEST_EXISTS);

  return open_connection (file, exists && !can_write (file), error);
}

/**
 * myelin_store_open_read_only:
 * @path: (nullable): an existing library file, or %NULL for the default one
 *
 * Opens an existing library for reading only, even where this process
 * could write it (as root does, whatever the file's mode). Every change
 * fails with %MYELIN_STORE_ERROR_READ_ONLY and leaves the file as it was.
 *
 * Returns: (transfer full) (nullable): the store
 */
MyelinStore *
myelin_store_open_read_only (const char  *path,
                             GError     **error)
{
  g_autofree char *file = path ? g_strdup (path) : myelin_store_default_path ();

  return open_connection (file, TRUE, error);
}

/**
 * myelin_store_is_read_only:
 *
 * Returns: %TRUE when the library was opened for reading only
 */
gboolean
myelin_store_is_read_only (MyelinStore *self)
{
  g_return_val_if_fail (MYELIN_IS_STORE (self), TRUE);
  return self->read_only;
}

/**
 * myelin_store_set_max_size:
 * @bytes: the largest the library file may grow, or 0 for no limit
 *
 * Caps the library's size on this connection, for kiosk administrators
 * who give it a fixed share of a small disk; tests use it to stand in for
 * a full disk. A change that would pass the cap fails with
 * %MYELIN_STORE_ERROR_FULL and leaves the library as it was. A cap below
 * the library's present size holds it at that size.
 *
 * Returns: the cap now in force, in bytes
 */
guint64
myelin_store_set_max_size (MyelinStore *self,
                           guint64      bytes)
{
  g_autofree char *sql = NULL;
  gint64 page_size;
  gint64 pages;

  g_return_val_if_fail (MYELIN_IS_STORE (self), 0);

  page_size = query_int (self, "PRAGMA page_size");
  if (page_size <= 0)
    return 0;
  /* SQLite's own ceiling stands for "no limit". */
  pages = bytes == 0 ? G_MAXUINT32 - 1 : (gint64) MIN (bytes / page_size, G_MAXUINT32 - 1);
  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, MAX (pages, 1));
  return (guint64) query_int (self, sql) * page_size;
}

/**
 * myelin_store_check:
 *
 * Runs SQLite's full integrity check: every page of the library is read.
 * It takes time on a large library, so it is for `myelinctl repair` and
 * tests, not for every start.
 *
 * Returns: %TRUE when the library is healthy; otherwise
 *   %MYELIN_STORE_ERROR_CORRUPT
 */
gboolean
myelin_store_check (MyelinStore  *self,
                    GError      **error)
{
  g_return_val_if_fail (MYELIN_IS_STORE (self), FALSE);

  return run_check_pragma (self, "PRAGMA integrity_check (1)", error);
}

const char *
myelin_store_get_path (MyelinStore *self)
{
  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);
  return self->path;
}

/**
 * myelin_store_has_changed:
 *
 * Tells whether another connection (another process, or an import thread)
 * has changed the library since the last call. Cheap: no table is read.
 *
 * Returns: %TRUE once for each change
 */
gboolean
myelin_store_has_changed (MyelinStore *self)
{
  gint64 version;

  g_return_val_if_fail (MYELIN_IS_STORE (self), FALSE);

  version = query_int (self, "PRAGMA data_version");
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  return TRUE;
}

/**
 * myelin_store_list_bundles:
 *
 * Returns: (transfer full) (element-type MyelinBundleInfo): the installed
 *   bundles, by title
 */
GPtrArray *
myelin_store_list_bundles (MyelinStore  *self,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) bundles = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);

  stmt = myelin_store_prepare (self,
                               "SELECT id, title, revision, publisher, language, published, homepage,"
                               "       disclaimer, imported,"
                               "       (SELECT count(*) FROM articles a WHERE a.bundle = b.id)"
                               " FROM bundles b ORDER BY title COLLATE NOCASE, id",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (bundles, g_object_new (MYELIN_TYPE_BUNDLE_INFO,
                                            "id", sqlite3_column_text (stmt, 0),
                                            "title", sqlite3_column_text (stmt, 1),
                                            "revision", sqlite3_column_int64 (stmt, 2),
                                            "publisher", sqlite3_column_text (stmt, 3),
                                            "language", sqlite3_column_text (stmt, 4),
                                            "published", sqlite3_column_text (stmt, 5),
                                            "homepage", sqlite3_column_text (stmt, 6),
                                            "disclaimer", sqlite3_column_text (stmt, 7),
                                            "imported", sqlite3_column_text (stmt, 8),
                                            "articles", (guint) sqlite3_column_int64 (stmt, 9),
                                            NULL));
  if (rc != SQLITE_DONE)
    {
      myelin_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&bundles);
}

/**
 * myelin_store_remember_titles:
 *
 * Copies the current titles of a bundle's articles into the reader's data,
 * so that a saved article that leaves the library can still be named.
 * Call inside the transaction that removes or replaces the bundle.
 */
gboolean
myelin_store_remember_titles (MyelinStore  *self,
                              const char   *bundle_id,
                              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = myelin_store_prepare (self,
                               "UPDATE reader_state SET title = a.title FROM articles a"
                               " WHERE reader_state.bundle = ?1 AND a.bundle = reader_state.bundle"
                               " AND a.id = reader_state.article",
                               error);
  if (stmt == NULL)
    return FALSE;
  myelin_store_bind_text (stmt, 1, bundle_id);
  return myelin_store_step_done (self, stmt, error);
}

/*
 * myelin_store_articles_changed:
 *
 * Run by every change to the articles (an import, a removal), inside its
 * transaction: topics no article has any more go, the topics' counts are
 * made again, and the articles' version moves on, so that an index kept in
 * memory on any connection (myelin-store-index.c) knows it is out of date.
 */
gboolean
myelin_store_articles_changed (MyelinStore  *self,
                               GError      **error)
{
  return myelin_store_exec (self,
                            "DELETE FROM topics WHERE id NOT IN (SELECT topic FROM article_topics);"
                            "UPDATE topics SET article_count ="
                            " (SELECT count(*) FROM article_topics WHERE topic = topics.id);"
                            "INSERT INTO library_state (key, value) VALUES ('articles_version', 1)"
                            " ON CONFLICT (key) DO UPDATE SET value = value + 1;",
                            error);
}

/**
 * myelin_store_remove_bundle:
 *
 * Removes a bundle and its articles, at once. The reader's saved articles,
 * read marks and notes stay: they come back if the bundle is imported again.
 *
 * Returns: %TRUE on success; %MYELIN_STORE_ERROR_NOT_FOUND when no such bundle
 */
gboolean
myelin_store_remove_bundle (MyelinStore  *self,
                            const char   *bundle_id,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) remove = NULL;

  g_return_val_if_fail (MYELIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (bundle_id != NULL, FALSE);

  if (!myelin_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!myelin_store_remember_titles (self, bundle_id, error))
    goto fail;

  remove = myelin_store_prepare (self, "DELETE FROM bundles WHERE id = ?1", error);
  if (remove == NULL)
    goto fail;
  myelin_store_bind_text (remove, 1, bundle_id);
  if (!myelin_store_step_done (self, remove, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_NOT_FOUND,
                   _("No bundle “%s” is installed; `myelinctl bundles` lists the installed ones."), bundle_id);
      goto fail;
    }
  if (!myelin_store_articles_changed (self, error))
    goto fail;

  return myelin_store_exec (self, "COMMIT", error);

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Writes one reader-state column for an article, creating its row, and
 * remembers the article's title while it is known. */
static gboolean
set_state (MyelinStore  *self,
           const char   *sql,
           const char   *bundle_id,
           const char   *article_id,
           gboolean      use_text,
           gint64        flag,
           const char   *text,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;

  if (!myelin_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  insert = myelin_store_prepare (self,
                                 "INSERT OR IGNORE INTO reader_state (bundle, article) VALUES (?1, ?2)",
                                 error);
  if (insert == NULL)
    goto fail;
  myelin_store_bind_text (insert, 1, bundle_id);
  myelin_store_bind_text (insert, 2, article_id);
  if (!myelin_store_step_done (self, insert, error))
    goto fail;

  update = myelin_store_prepare (self, sql, error);
  if (update == NULL)
    goto fail;
  myelin_store_bind_text (update, 1, bundle_id);
  myelin_store_bind_text (update, 2, article_id);
  if (use_text)
    myelin_store_bind_text (update, 3, text);
  else
    sqlite3_bind_int64 (update, 3, flag);
  if (!myelin_store_step_done (self, update, error))
    goto fail;

  return myelin_store_exec (self, "COMMIT", error);

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

#define KNOWN_TITLE \
  "title = coalesce ((SELECT a.title FROM articles a WHERE a.bundle = ?1 AND a.id = ?2), title)"

gboolean
myelin_store_set_saved (MyelinStore  *self,
                        const char   *bundle_id,
                        const char   *article_id,
                        gboolean      saved,
                        GError      **error)
{
  g_return_val_if_fail (MYELIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (bundle_id != NULL && article_id != NULL, FALSE);

  return set_state (self,
                    "UPDATE reader_state SET saved = ?3,"
                    " saved_at = CASE WHEN ?3 THEN coalesce (saved_at, " MYELIN_STORE_NOW ") END,"
                    " " KNOWN_TITLE " WHERE bundle = ?1 AND article = ?2",
                    bundle_id, article_id, FALSE, saved ? 1 : 0, NULL, error);
}

gboolean
myelin_store_set_read (MyelinStore  *self,
                       const char   *bundle_id,
                       const char   *article_id,
                       gboolean      read,
                       GError      **error)
{
  g_return_val_if_fail (MYELIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (bundle_id != NULL && article_id != NULL, FALSE);

  return set_state (self,
                    "UPDATE reader_state SET read = ?3,"
                    " read_at = CASE WHEN ?3 THEN " MYELIN_STORE_NOW " END,"
                    " " KNOWN_TITLE " WHERE bundle = ?1 AND article = ?2",
                    bundle_id, article_id, FALSE, read ? 1 : 0, NULL, error);
}

/**
 * myelin_store_set_note:
 * @note: (nullable): the note; %NULL or empty clears it
 */
gboolean
myelin_store_set_note (MyelinStore  *self,
                       const char   *bundle_id,
                       const char   *article_id,
                       const char   *note,
                       GError      **error)
{
  g_return_val_if_fail (MYELIN_IS_STORE (self), FALSE);
  g_return_val_if_fail (bundle_id != NULL && article_id != NULL, FALSE);

  return set_state (self,
                    "UPDATE reader_state SET note = nullif (?3, ''),"
                    " " KNOWN_TITLE " WHERE bundle = ?1 AND article = ?2",
                    bundle_id, article_id, TRUE, 0, note, error);
}
