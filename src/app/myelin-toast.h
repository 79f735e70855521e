/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *myelin_toast_new_plain       (const char *text);
void      myelin_toast_set_plain_title (AdwToast   *toast,
                                        const char *text);

G_END_DECLS
