/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MYELIN_TYPE_BUNDLE_INFO (myelin_bundle_info_get_type ())
G_DECLARE_FINAL_TYPE (MyelinBundleInfo, myelin_bundle_info, MYELIN, BUNDLE_INFO, GObject)

const char *myelin_bundle_info_get_id         (MyelinBundleInfo *self);
const char *myelin_bundle_info_get_title      (MyelinBundleInfo *self);
gint64      myelin_bundle_info_get_revision   (MyelinBundleInfo *self);
const char *myelin_bundle_info_get_publisher  (MyelinBundleInfo *self);
const char *myelin_bundle_info_get_language   (MyelinBundleInfo *self);
const char *myelin_bundle_info_get_published  (MyelinBundleInfo *self);
const char *myelin_bundle_info_get_homepage   (MyelinBundleInfo *self);
const char *myelin_bundle_info_get_disclaimer (MyelinBundleInfo *self);
const char *myelin_bundle_info_get_imported   (MyelinBundleInfo *self);
guint       myelin_bundle_info_get_articles   (MyelinBundleInfo *self);

G_END_DECLS
