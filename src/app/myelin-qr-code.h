/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MYELIN_TYPE_QR_CODE (myelin_qr_code_get_type ())
G_DECLARE_FINAL_TYPE (MyelinQrCode, myelin_qr_code, MYELIN, QR_CODE, GtkWidget)

MyelinQrCode *myelin_qr_code_new            (void);
void          myelin_qr_code_set_text       (MyelinQrCode *self,
                                             const char   *text);
const char   *myelin_qr_code_get_text       (MyelinQrCode *self);
guint         myelin_qr_code_get_modules    (MyelinQrCode *self);
GdkTexture   *myelin_qr_code_render_texture (MyelinQrCode *self,
                                             guint         module_pixels);

G_END_DECLS
