/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A folder given to import: the bundles in it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GPtrArray *myelin_bundle_folder_list (GFile         *folder,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
