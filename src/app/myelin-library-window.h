/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "myelin-store.h"

G_BEGIN_DECLS

#define MYELIN_TYPE_LIBRARY_WINDOW (myelin_library_window_get_type ())
G_DECLARE_FINAL_TYPE (MyelinLibraryWindow, myelin_library_window, MYELIN, LIBRARY_WINDOW, AdwWindow)

MyelinLibraryWindow *myelin_library_window_new (MyelinStore *store);

G_END_DECLS
