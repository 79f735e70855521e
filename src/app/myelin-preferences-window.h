/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The values of the io.github.myelinreader.Myelin.Style enum in the schema. */
typedef enum {
  MYELIN_STYLE_SYSTEM = 0,
  MYELIN_STYLE_LIGHT  = 1,
  MYELIN_STYLE_DARK   = 2,
} MyelinStyle;

#define MYELIN_TYPE_PREFERENCES_WINDOW (myelin_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (MyelinPreferencesWindow, myelin_preferences_window, MYELIN, PREFERENCES_WINDOW, AdwPreferencesWindow)

MyelinPreferencesWindow *myelin_preferences_window_new (GSettings *settings);

G_END_DECLS
