/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Toasts whose text is shown as written. In libadwaita 1.2 a toast's title
 * is always Pango markup (use-markup arrived in 1.4), and toasts carry
 * bundle titles and error messages, which must never be parsed: a title
 * such as "Diet & MS <b>" would be cut or rejected.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include "myelin-toast.h"

/**
 * myelin_toast_new_plain:
 * @text: plain text, from a bundle or anywhere else
 *
 * Returns: (transfer floating): a toast showing @text literally
 */
AdwToast *
myelin_toast_new_plain (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

void
myelin_toast_set_plain_title (AdwToast   *toast,
                              const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_set_title (toast, escaped);
}
