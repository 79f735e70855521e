/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the test programs: temporary folders, bundles written
 * from JSON text, and a valid article to vary one key at a time.
 */
#pragma once

#include <gio/gio.h>

#include "myelin-store.h"

G_BEGIN_DECLS

/* A fresh temporary folder, removed with everything in it by myelin_test_rmdir(). */
char               *myelin_test_mkdtemp        (void);
void                myelin_test_rmdir          (const char *path);

/* A new, empty library (library.db) in a fresh temporary folder: the
 * fixture of the store, query, failures and hostile tests. */
typedef struct
{
  char        *dir;
  char        *path;
  MyelinStore *store;
} MyelinTestLibrary;

void                myelin_test_library_open   (MyelinTestLibrary *library);
/* Closes the library and removes its folder with everything in it (made
 * writable first, for the tests that take write permission away). */
void                myelin_test_library_close  (MyelinTestLibrary *library);

/* Writes @text to @dir/@name and returns the file. */
GFile              *myelin_test_write_file     (const char *dir,
                                                const char *name,
                                                const char *text);

/* A valid article object with id @id; @extra is appended inside the object
 * (e.g. "\"credibility\": 9"), and since the last of repeated keys counts,
 * it can override any default key. */
char               *myelin_test_article        (const char *id,
                                                const char *extra);

/* A whole bundle; @articles is the text between [ and ] (may be ""). */
char               *myelin_test_bundle         (const char *bundle_id,
                                                gint64      revision,
                                                const char *articles);

/* Imports @json (written to @dir/bundle.json) into @store (NULL: check only). */
MyelinImportReport *myelin_test_import_text    (MyelinStore       *store,
                                                const char        *dir,
                                                const char        *json,
                                                MyelinImportFlags  flags);

/* The first error (or warning) at exactly @pointer, or NULL. */
MyelinProblem      *myelin_test_find_error     (MyelinImportReport *report,
                                                const char         *pointer);
MyelinProblem      *myelin_test_find_warning   (MyelinImportReport *report,
                                                const char         *pointer);

/* Every table an import or a save may change, as text, read through a raw
 * read-only connection of its own, so "unchanged" can be asserted exactly.
 * @path may be an SQLite URI ("file:…?immutable=1"). */
char               *myelin_test_snapshot       (const char *path);

/* "bundle/id" of each article, joined by spaces, for comparing results. */
char               *myelin_test_ids            (GPtrArray *articles);

G_END_DECLS
