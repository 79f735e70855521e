/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The name of a bundle's language, for people: "German (Austria)" for
 * "de-AT", from the iso-codes tables and their translations.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *myelin_language_get_name    (const char          *tag);
void      myelin_language_load_async  (GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  myelin_language_load_finish (GAsyncResult        *result,
                                       GError             **error);

/* Tests point this at a folder of their own; NULL restores the default. */
void  myelin_language_set_iso_codes_dir (const char *dir);

G_END_DECLS
