/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader's side of the library beyond single marks (which are in
 * myelin-store.c): the saved articles, including those that have left the
 * library; marking everything read; and "New", the articles added since
 * the last visit.
 *
 * Timestamps are stored as MYELIN_STORE_NOW writes them, so that they
 * compare as text; a time given by a caller is put in that form first.
 */
#define G_LOG_DOMAIN "myelin-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "myelin-error.h"
#include "myelin-store-private.h"

/* @text in the library's timestamp form: an ISO 8601 date-time (read as
 * UTC when it names no zone) or a bare date (its midnight, UTC). */
static char *
canonical_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) in_utc = NULL;
  g_autofree char *seconds = NULL;

  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL && strlen (text) == strlen ("YYYY-MM-DD"))
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00", NULL);
      parsed = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (parsed == NULL)
    return NULL;

  in_utc = g_date_time_to_utc (parsed);
  if (g_date_time_get_year (in_utc) < 1000)
    return NULL;
  seconds = g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (in_utc) / 1000);
}

static char *
canonical_time_or_error (const char  *text,
                         GError     **error)
{
  char *canonical = canonical_time (text);

  if (canonical == NULL)
    g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_INVALID,
                 _("“%s” is not a date and time; write it as 2026-11-23T20:23:11Z, or as a date."), text);
  return canonical;
}

/* Runs @stmt and keeps column 0 of each row. */
static gboolean
collect_rowids (MyelinStore   *self,
                sqlite3_stmt  *stmt,
                GArray        *rowids,
                GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  if (rc != SQLITE_DONE)
    return myelin_store_set_error (self, rc, error);
  return TRUE;
}

/* --- Saved articles ------------------------------------------------------ */

typedef struct
{
  char   *bundle_id;
  char   *id;
  char   *title;
  char   *note;
  char   *saved_at;
  gint64  rowid;     /* -1: no longer in the library */
} SavedRow;

static void
saved_row_clear (SavedRow *row)
{
  g_free (row->bundle_id);
  g_free (row->id);
  g_free (row->title);
  g_free (row->note);
  g_free (row->saved_at);
}

static GArray *
read_saved_rows (MyelinStore  *self,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (SavedRow));
  int rc;

  g_array_set_clear_func (rows, (GDestroyNotify) saved_row_clear);
  /* Newest saved first; the ids break ties, so the order is stable. */
  stmt = myelin_store_prepare (self,
                               "SELECT r.bundle, r.article, coalesce (a.title, r.title), r.note, r.saved_at,"
                               "       coalesce (a.rid, -1)"
                               " FROM reader_state r"
                               " LEFT JOIN articles a ON a.bundle = r.bundle AND a.id = r.article"
                               " WHERE r.saved = 1"
                               " ORDER BY r.saved_at DESC, r.bundle, r.article",
                               error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SavedRow row = {
        .bundle_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        .id = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .title = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .note = g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
        .saved_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4)),
        .rowid = sqlite3_column_int64 (stmt, 5),
      };
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      myelin_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * myelin_store_list_saved:
 *
 * Every article the reader saved, newest saved first, including those no
 * longer in the library (after a bundle update or removal): those are not
 * available and carry the title they last had.
 *
 * Returns: (transfer full) (element-type MyelinSavedArticle) (nullable):
 *   the saved articles, or %NULL with @error set
 */
GPtrArray *
myelin_store_list_saved (MyelinStore  *self,
                         GError      **error)
{
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);

  /* One read transaction: an import in another process cannot remove an
   * article between the list and its summary. */
  if (!myelin_store_exec (self, "BEGIN", error))
    return NULL;
  rows = read_saved_rows (self, error);
  if (rows == NULL)
    goto fail;

  for (guint i = 0; i < rows->len; i++)
    {
      SavedRow *row = &g_array_index (rows, SavedRow, i);
      g_autoptr(MyelinArticle) article = NULL;

      if (row->rowid >= 0 && (article = myelin_store_get_summary (self, row->rowid, error)) == NULL)
        goto fail;
      g_ptr_array_add (saved, g_object_new (MYELIN_TYPE_SAVED_ARTICLE,
                                            "bundle-id", row->bundle_id,
                                            "id", row->id,
                                            "title", row->title,
                                            "note", row->note,
                                            "saved-at", row->saved_at,
                                            "article", article,
                                            NULL));
    }

  if (!myelin_store_exec (self, "COMMIT", error))
    goto fail;
  return g_steal_pointer (&saved);

fail:
  sqlite3_exec (myelin_store_get_db (self), "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}

/* --- Reading state ------------------------------------------------------- */

/**
 * myelin_store_mark_all_read:
 *
 * Marks every article in the library read, at once. Articles already read
 * keep the time they were first read.
 *
 * Returns: %TRUE on success; nothing changed otherwise
 */
gboolean
myelin_store_mark_all_read (MyelinStore  *self,
                            GError      **error)
{
  g_return_val_if_fail (MYELIN_IS_STORE (self), FALSE);

  if (!myelin_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* Fixed statements, no values: exec is enough. The titles are kept as
   * set_state() keeps them, for articles that later leave. */
  if (!myelin_store_exec (self,
                          "INSERT OR IGNORE INTO reader_state (bundle, article)"
                          " SELECT bundle, id FROM articles;"
                          "UPDATE reader_state SET read = 1, read_at = " MYELIN_STORE_NOW ","
                          " title = a.title FROM articles a"
                          " WHERE a.bundle = reader_state.bundle AND a.id = reader_state.article"
                          " AND reader_state.read = 0;",
                          error))
    goto fail;
  return myelin_store_exec (self, "COMMIT", error);

fail:
  sqlite3_exec (myelin_store_get_db (self), "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* --- New articles -------------------------------------------------------- */

/**
 * myelin_store_get_last_visit:
 *
 * Returns: (transfer full) (nullable): when the reader last visited, as
 *   myelin_store_set_last_visit() stored it (ISO 8601 UTC); %NULL, without
 *   an error, when no visit was recorded
 */
char *
myelin_store_get_last_visit (MyelinStore  *self,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);

  stmt = myelin_store_prepare (self, "SELECT value FROM library_state WHERE key = 'last_visit'", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    myelin_store_set_error (self, rc, error);
  return NULL;
}

/**
 * myelin_store_set_last_visit:
 * @when: (nullable): an ISO 8601 date-time (UTC unless it names a zone) or
 *   date; %NULL for now
 *
 * Records the reader's visit. The app reads the previous one first, with
 * myelin_store_get_last_visit(), to know what is new to them.
 *
 * Returns: %TRUE on success; %MYELIN_STORE_ERROR_INVALID when @when is no
 *   date
 */
gboolean
myelin_store_set_last_visit (MyelinStore  *self,
                             const char   *when,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (MYELIN_IS_STORE (self), FALSE);

  if (when != NULL && (canonical = canonical_time_or_error (when, error)) == NULL)
    return FALSE;
  stmt = myelin_store_prepare (self,
                               "INSERT INTO library_state (key, value)"
                               " VALUES ('last_visit', coalesce (?1, " MYELIN_STORE_NOW "))"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt == NULL)
    return FALSE;
  myelin_store_bind_text (stmt, 1, canonical);
  return myelin_store_step_done (self, stmt, error);
}

/* The time "New" starts from: @since in the library's form, or the last
 * visit. *@out stays NULL when neither is known: nothing is new then. */
static gboolean
resolve_since (MyelinStore  *self,
               const char   *since,
               char        **out,
               GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  *out = NULL;
  if (since != NULL)
    return (*out = canonical_time_or_error (since, error)) != NULL;

  *out = myelin_store_get_last_visit (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * myelin_store_count_new:
 * @since: (nullable): an ISO 8601 date-time or date; %NULL for the last
 *   visit (myelin_store_get_last_visit())
 *
 * How many articles came into the library after @since. An article that a
 * bundle update changes is not new again; one that a bundle brings back
 * after it had left is. Articles imported by a library of schema
 * version 1 are never new. With no @since and no recorded visit, nothing
 * is new: on a first visit everything is.
 *
 * Returns: the count; 0 with @error set on failure
 */
guint
myelin_store_count_new (MyelinStore  *self,
                        const char   *since,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *from = NULL;
  int rc;

  g_return_val_if_fail (MYELIN_IS_STORE (self), 0);

  if (!resolve_since (self, since, &from, error) || from == NULL)
    return 0;
  stmt = myelin_store_prepare (self, "SELECT count(*) FROM articles WHERE added > ?1", error);
  if (stmt == NULL)
    return 0;
  myelin_store_bind_text (stmt, 1, from);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      myelin_store_set_error (self, rc, error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/**
 * myelin_store_query_new_rowids:
 * @since: (nullable): as for myelin_store_count_new()
 *
 * The articles myelin_store_count_new() counts, newest published first
 * (the library's default order), as row ids for
 * myelin_article_list_set_rowids().
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the row ids,
 *   or %NULL with @error set
 */
GArray *
myelin_store_query_new_rowids (MyelinStore  *self,
                               const char   *since,
                               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *from = NULL;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);

  if (!resolve_since (self, since, &from, error))
    return NULL;
  if (from == NULL)
    return g_steal_pointer (&rowids);
  stmt = myelin_store_prepare (self,
                               "SELECT rid FROM articles WHERE added > ?1 ORDER BY published DESC, rid DESC",
                               error);
  if (stmt == NULL)
    return NULL;
  myelin_store_bind_text (stmt, 1, from);
  if (!collect_rowids (self, stmt, rowids, error))
    return NULL;
  return g_steal_pointer (&rowids);
}

/**
 * myelin_store_list_new:
 * @since: (nullable): as for myelin_store_count_new()
 *
 * Returns: (transfer full) (element-type MyelinArticle) (nullable):
 *   summaries of the new articles, in the order of
 *   myelin_store_query_new_rowids(), or %NULL with @error set
 */
GPtrArray *
myelin_store_list_new (MyelinStore  *self,
                       const char   *since,
                       GError      **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) rowids = NULL;

  g_return_val_if_fail (MYELIN_IS_STORE (self), NULL);

  if (!myelin_store_exec (self, "BEGIN", error))
    return NULL;
  rowids = myelin_store_query_new_rowids (self, since, error);
  if (rowids == NULL)
    goto fail;
  for (guint i = 0; i < rowids->len; i++)
    {
      MyelinArticle *article = myelin_store_get_summary (self, g_array_index (rowids, gint64, i), error);

      if (article == NULL)
        goto fail;
      g_ptr_array_add (articles, article);
    }
  if (!myelin_store_exec (self, "COMMIT", error))
    goto fail;
  return g_steal_pointer (&articles);

fail:
  sqlite3_exec (myelin_store_get_db (self), "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}
