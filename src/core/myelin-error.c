/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "myelin-error.h"

G_DEFINE_QUARK (myelin-import-error-quark, myelin_import_error)
G_DEFINE_QUARK (myelin-store-error-quark, myelin_store_error)
