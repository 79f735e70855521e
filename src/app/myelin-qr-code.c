/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A QR code of a piece of text (a study's link, in kiosk mode), drawn as
 * rectangles so that it stays sharp at any size: black modules on white
 * with the four-module quiet zone scanners need, whatever the style, since
 * many phones cannot read a light-on-dark code. Also renders to a texture,
 * which tests save and decode.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include <qrencode.h>
#include <string.h>

#include "myelin-qr-code.h"

/* Modules of white around the code: the QR standard's quiet zone. */
#define QUIET_ZONE 4
/* Pixels per module: about 25 mm for a typical code on a kiosk's screen,
 * which a phone reads from arm's length, and still within a phone's width. */
#define MODULE_PIXELS 6

struct _MyelinQrCode
{
  GtkWidget  parent_instance;

  char      *text;
  QRcode    *code;   /* NULL without text, or when it cannot be encoded */
};

enum { PROP_0, PROP_TEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MyelinQrCode, myelin_qr_code, GTK_TYPE_WIDGET)

static gboolean
module_is_dark (QRcode *code,
                int     x,
                int     y)
{
  return code->data[y * code->width + x] & 1;
}

/* Modules across, quiet zone included. */
static int
total_modules (MyelinQrCode *self)
{
  return self->code != NULL ? self->code->width + 2 * QUIET_ZONE : 0;
}

static void
myelin_qr_code_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  int modules = total_modules (MYELIN_QR_CODE (widget));

  /* Always square, and never squeezed: a smaller code scans worse. */
  *minimum = *natural = modules * MODULE_PIXELS;
}

/* Whole pixels per module, so every edge falls on a pixel: a code drawn
 * at a fractional scale blurs, and blurred codes scan badly. */
static void
myelin_qr_code_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  MyelinQrCode *self = MYELIN_QR_CODE (widget);
  const GdkRGBA white = { 1, 1, 1, 1 };
  const GdkRGBA black = { 0, 0, 0, 1 };
  int modules = total_modules (self);
  int side, module, left, top;

  if (modules == 0)
    return;
  side = MIN (gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  module = MAX (side / modules, 1);
  left = (gtk_widget_get_width (widget) - module * modules) / 2;
  top = (gtk_widget_get_height (widget) - module * modules) / 2;

  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (left, top, module * modules, module * modules));
  for (int y = 0; y < self->code->width; y++)
    for (int x = 0; x < self->code->width; x++)
      {
        int run = 0;

        /* One rectangle per run of dark modules in a row. */
        while (x + run < self->code->width && module_is_dark (self->code, x + run, y))
          run++;
        if (run == 0)
          continue;
        gtk_snapshot_append_color (snapshot, &black,
                                   &GRAPHENE_RECT_INIT (left + (x + QUIET_ZONE) * module,
                                                        top + (y + QUIET_ZONE) * module,
                                                        run * module, module));
        x += run;
      }
}

static void
myelin_qr_code_finalize (GObject *object)
{
  MyelinQrCode *self = MYELIN_QR_CODE (object);

  g_clear_pointer (&self->code, QRcode_free);
  g_free (self->text);
  G_OBJECT_CLASS (myelin_qr_code_parent_class)->finalize (object);
}

static void
myelin_qr_code_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT: g_value_set_string (value, MYELIN_QR_CODE (object)->text); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_qr_code_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT: myelin_qr_code_set_text (MYELIN_QR_CODE (object), g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
myelin_qr_code_class_init (MyelinQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = myelin_qr_code_finalize;
  object_class->get_property = myelin_qr_code_get_property;
  object_class->set_property = myelin_qr_code_set_property;
  widget_class->measure = myelin_qr_code_measure;
  widget_class->snapshot = myelin_qr_code_snapshot;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "myelin-qr-code");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
myelin_qr_code_init (MyelinQrCode *self)
{
}

MyelinQrCode *
myelin_qr_code_new (void)
{
  return g_object_new (MYELIN_TYPE_QR_CODE, NULL);
}

/**
 * myelin_qr_code_set_text:
 * @text: (nullable): what the code says, as UTF-8 bytes; %NULL for none
 *
 * Encodes @text at error correction level M. Text too long for a QR code
 * gives none: see myelin_qr_code_get_modules().
 */
void
myelin_qr_code_set_text (MyelinQrCode *self,
                         const char   *text)
{
  g_return_if_fail (MYELIN_IS_QR_CODE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->code, QRcode_free);
  if (text != NULL && *text != '\0')
    {
      /* 8-bit mode keeps every byte as it is: a link must decode exactly. */
      self->code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
      if (self->code == NULL)
        g_debug ("No QR code for a text of %zu bytes", strlen (text));
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
myelin_qr_code_get_text (MyelinQrCode *self)
{
  g_return_val_if_fail (MYELIN_IS_QR_CODE (self), NULL);
  return self->text;
}

/**
 * myelin_qr_code_get_modules:
 *
 * Returns: the code's modules across, without the quiet zone; 0 when
 *   there is no code (no text, or too much of it)
 */
guint
myelin_qr_code_get_modules (MyelinQrCode *self)
{
  g_return_val_if_fail (MYELIN_IS_QR_CODE (self), 0);
  return self->code != NULL ? (guint) self->code->width : 0;
}

/**
 * myelin_qr_code_render_texture:
 * @module_pixels: pixels per module, at least 1
 *
 * Returns: (transfer full) (nullable): the code as drawn, quiet zone
 *   included, black on white; %NULL when there is no code
 */
GdkTexture *
myelin_qr_code_render_texture (MyelinQrCode *self,
                               guint         module_pixels)
{
  g_autoptr(GBytes) bytes = NULL;
  guint8 *pixels;
  gsize stride;
  int side;

  g_return_val_if_fail (MYELIN_IS_QR_CODE (self), NULL);
  g_return_val_if_fail (module_pixels > 0, NULL);

  if (self->code == NULL)
    return NULL;
  side = total_modules (self) * (int) module_pixels;
  stride = (gsize) side * 3;
  pixels = g_malloc (stride * side);
  for (int y = 0; y < side; y++)
    for (int x = 0; x < side; x++)
      {
        int mx = x / (int) module_pixels - QUIET_ZONE;
        int my = y / (int) module_pixels - QUIET_ZONE;
        gboolean dark = mx >= 0 && my >= 0 && mx < self->code->width && my < self->code->width
                        && module_is_dark (self->code, mx, my);

        memset (pixels + y * stride + x * 3, dark ? 0x00 : 0xff, 3);
      }
  bytes = g_bytes_new_take (pixels, stride * side);
  return gdk_memory_texture_new (side, side, GDK_MEMORY_R8G8B8, bytes, stride);
}
