/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain-text rules of the bundle format, shared by the importer and the store.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *myelin_text_normalize (const char *text);
gboolean    myelin_text_is_date   (const char *text);
gboolean    myelin_text_is_url    (const char *text);
gboolean    myelin_text_is_doi    (const char *text);
gboolean    myelin_text_is_language_tag (const char *text);
char       *myelin_text_first_sentence  (const char *text,
                                         guint       max_chars);
char       *myelin_text_fold_key (const char *text);
gboolean    myelin_set_str       (char      **dest,
                                  const char *value);

G_END_DECLS
