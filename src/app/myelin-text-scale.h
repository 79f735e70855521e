/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text sizes Myelin offers, one list for the window's menu and
 * shortcuts and for the Preferences window.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const double *myelin_text_scale_steps   (guint  *n_steps);
double        myelin_text_scale_next    (double  scale,
                                         int     direction);
guint         myelin_text_scale_nearest (double  scale);

G_END_DECLS
