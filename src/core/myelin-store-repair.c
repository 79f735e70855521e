/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A damaged library: the file is kept aside, never deleted, a fresh
 * library takes its place, and the reader's own data (saved articles, read
 * marks, notes) is copied over wherever SQLite can still read it. Bundles
 * can be imported again; the reader's data cannot.
 */
#define G_LOG_DOMAIN "myelin-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "myelin-error.h"
#include "myelin-store-private.h"

#define READER_COLUMNS "bundle, article, saved, saved_at, read, read_at, note, title"

/* The name the damaged file is kept under, beside it: one that is free. */
static char *
kept_name (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *name = g_strdup_printf ("%s.damaged-%s", path, stamp);

  for (guint i = 2; g_file_test (name, G_FILE_TEST_EXISTS); i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, i);
    }
  return name;
}

static gboolean
move_aside (const char  *from,
            const char  *to,
            GError     **error)
{
  if (g_rename (from, to) == 0 || errno == ENOENT)
    return TRUE;
  {
    int saved_errno = errno;

    g_set_error (error, MYELIN_STORE_ERROR, MYELIN_STORE_ERROR_OPEN,
                 _("The damaged library %s cannot be moved aside to %s (%s), so it was left as it was."),
                 from, to, g_strerror (saved_errno));
  }
  return FALSE;
}

/* Copies the rows @read yields until it fails: a damaged page ends the
 * scan, which is why the caller scans from both ends. */
static guint
copy_rows (sqlite3_stmt *read,
           sqlite3_stmt *write)
{
  sqlite3 *db = sqlite3_db_handle (write);
  guint copied = 0;

  while (sqlite3_step (read) == SQLITE_ROW)
    {
      for (int c = 0; c < 8; c++)
        sqlite3_bind_value (write, c + 1, sqlite3_column_value (read, c));
      if (sqlite3_step (write) == SQLITE_DONE)
        copied += sqlite3_changes (db);
      sqlite3_reset (write);
    }
  return copied;
}

/* Salvages reader_state from the damaged file at @kept into @store. */
static guint
salvage (MyelinStore *store,
         const char  *kept)
{
  g_autofree char *absolute = g_canonicalize_filename (kept, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", escaped);
  g_autoptr(sqlite3_stmt) forward = NULL;
  g_autoptr(sqlite3_stmt) backward = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  sqlite3 *damaged = NULL;
  sqlite3 *fresh = myelin_store_get_db (store);
  guint copied = 0;

  /* Read-only, so the kept file (and its -wal) stays exactly as found. */
  if (sqlite3_open_v2 (uri, &damaged, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
    goto out;
  if (sqlite3_prepare_v2 (damaged, "SELECT " READER_COLUMNS " FROM reader_state ORDER BY bundle, article",
                          -1, &forward, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (damaged, "SELECT " READER_COLUMNS " FROM reader_state ORDER BY bundle DESC, article DESC",
                             -1, &backward, NULL) != SQLITE_OK)
    goto out;
  if (sqlite3_prepare_v2 (fresh, "INSERT OR IGNORE INTO reader_state (" READER_COLUMNS ")"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                          -1, &write, NULL) != SQLITE_OK)
    goto out;

  sqlite3_exec (fresh, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  copied = copy_rows (forward, write);
  copied += copy_rows (backward, write);
  if (sqlite3_exec (fresh, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite3_exec (fresh, "ROLLBACK", NULL, NULL, NULL);
      copied = 0;
    }

out:
  g_clear_pointer (&forward, sqlite3_finalize);
  g_clear_pointer (&backward, sqlite3_finalize);
  sqlite3_close (damaged);
  return copied;
}

/**
 * myelin_store_start_fresh:
 * @path: (nullable): the damaged library, or %NULL for the default one
 * @kept_path: (out) (optional) (transfer full): where the damaged file now is
 * @salvaged: (out) (optional): how many of the reader's rows (saved
 *   articles, read marks, notes) were copied into the fresh library
 * @error: a #GError
 *
 * For a library that myelin_store_open() or myelin_store_check() found
 * damaged: renames the file, with its `-wal` and `-shm`, to
 * `PATH.damaged-YYYYMMDD-HHMMSS` (never deleting anything), creates a
 * fresh library at @path and copies into it the reader's data that SQLite
 * can still read from the damaged file. The bundles are imported again by
 * whoever has them.
 *
 * Returns: (transfer full) (nullable): the fresh library
 */
MyelinStore *
myelin_store_start_fresh (const char  *path,
                          char       **kept_path,
                          guint       *salvaged,
                          GError     **error)
{
  g_autofree char *file = path ? g_strdup (path) : myelin_store_default_path ();
  g_autofree char *kept = NULL;
  g_autoptr(MyelinStore) store = NULL;
  static const char * const suffixes[] = { "-wal", "-shm" };

  if (kept_path != NULL)
    *kept_path = NULL;
  if (salvaged != NULL)
    *salvaged = 0;

  if (g_file_test (file, G_FILE_TEST_EXISTS))
    {
      kept = kept_name (file);
      /* The -wal first: a stale -wal beside the fresh file would be
       * replayed into it. Renamed with the file, SQLite still pairs them. */
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *from = g_strconcat (file, suffixes[i], NULL);
          g_autofree char *to = g_strconcat (kept, suffixes[i], NULL);

          if (!move_aside (from, to, error))
            return NULL;
        }
      if (!move_aside (file, kept, error))
        return NULL;
    }

  store = myelin_store_open (file, error);
  if (store == NULL)
    return NULL;
  if (kept != NULL)
    {
      guint copied = salvage (store, kept);

      g_info ("Kept the damaged library as %s; salvaged %u rows of the reader's data", kept, copied);
      if (salvaged != NULL)
        *salvaged = copied;
    }
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return g_steal_pointer (&store);
}
