/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In the Flatpak, Myelin can read only what the reader hands it through a
 * portal. A bundle file chosen alone comes without the images beside it
 * (the document portal exports that one file); a folder chosen or dropped
 * comes whole, images included. So a folder can be imported: each bundle
 * file at its top level, in name order. Subfolders are not searched: they
 * are where bundles keep their images.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "myelin-bundle-folder.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *name_a = g_file_get_basename (*(GFile **) a);
  g_autofree char *name_b = g_file_get_basename (*(GFile **) b);

  return g_utf8_collate (name_a, name_b);
}

/**
 * myelin_bundle_folder_list:
 * @folder: a folder
 *
 * Returns: (transfer full) (element-type GFile): the regular files ending in
 *   ".json" directly in @folder, by name; or %NULL with @error set when the
 *   folder cannot be read or holds no bundle
 */
GPtrArray *
myelin_bundle_folder_list (GFile         *folder,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (children == NULL)
    return NULL;

  for (;;)
    {
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (children, &info, &child, cancellable, error))
        return NULL;
      if (info == NULL)
        break;
      /* Symbolic links are followed by the type query's default; what one
       * points at is then read as the importer reads any bundle file. */
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
          && g_str_has_suffix (g_file_info_get_name (info), ".json"))
        g_ptr_array_add (files, g_object_ref (child));
    }

  if (files->len == 0)
    {
      name = g_file_get_parse_name (folder);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no bundle (a file ending in .json) in “%s”"), name);
      return NULL;
    }
  g_ptr_array_sort (files, compare_names);
  return g_steal_pointer (&files);
}
