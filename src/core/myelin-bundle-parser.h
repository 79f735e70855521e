/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "myelin-import-report.h"

G_BEGIN_DECLS

/* The bundle format's limits (shared/bundle-format.md). */
#define MYELIN_BUNDLE_MAX_FILE_SIZE  (64 * 1024 * 1024)
#define MYELIN_BUNDLE_MAX_DEPTH      64
#define MYELIN_BUNDLE_MAX_ARTICLES   20000
#define MYELIN_BUNDLE_MAX_IMAGE_SIZE (2 * 1024 * 1024)

/**
 * MyelinArticleData:
 *
 * One valid article, normalised (trimmed, line ends folded), ready to store.
 * Optional text is %NULL when absent; optional numbers are -1.
 */
typedef struct
{
  guint       index;
  char       *id;
  char       *title;
  char       *published;
  char       *updated;
  char       *teaser;          /* given, or derived from key_takeaway */
  gboolean    teaser_derived;
  gint64      credibility;
  gint64      interest;
  char       *key_takeaway;
  char       *what_they_found;
  char       *who_should_care;
  char       *important_considerations;
  GPtrArray  *topics;          /* display forms, one per case-insensitive topic */

  char       *source_journal;
  char       *source_title;
  GPtrArray  *source_authors;  /* NULL when absent */
  gint64      source_year;
  char       *source_doi;
  char       *source_url;
  char       *source_design;
  gint64      source_participants;
  gint64      source_studies;

  GPtrArray  *related;         /* ids that exist in the bundle */

  char       *image_path;
  char       *image_alt;
  GBytes     *image_data;      /* read at parse time; NULL when missing */
  char       *image_type;      /* "image/png" or "image/jpeg" */

  gint64      review_ai_generated;   /* -1 unknown, 0, 1 */
  char       *review_reviewed_by;
  char       *review_reviewed;
  char       *review_next_review;

  gboolean    retracted;
  char       *retracted_date;
  char       *retracted_note;
  char       *retracted_url;

  char       *hash;            /* of everything above but index: tells updated from unchanged */
} MyelinArticleData;

typedef struct
{
  char       *id;
  char       *title;
  gint64      revision;
  char       *publisher;
  char       *language;
  char       *published;
  char       *homepage;
  char       *disclaimer;
  GPtrArray  *articles;        /* of MyelinArticleData, valid ones only */
} MyelinBundleData;

typedef enum
{
  MYELIN_PARSE_FLAGS_NONE   = 0,
  MYELIN_PARSE_FLAGS_STRICT = 1 << 0,  /* any invalid article refuses the bundle */
} MyelinParseFlags;

void myelin_article_data_free (MyelinArticleData *article);
void myelin_bundle_data_free  (MyelinBundleData  *bundle);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MyelinBundleData, myelin_bundle_data_free)

MyelinBundleData *myelin_bundle_parse_bytes (GBytes              *bytes,
                                             GFile               *folder,
                                             MyelinParseFlags     flags,
                                             MyelinImportReport  *report,
                                             GCancellable        *cancellable);
MyelinBundleData *myelin_bundle_parse_file  (GFile               *file,
                                             gsize                max_size,
                                             MyelinParseFlags     flags,
                                             MyelinImportReport  *report,
                                             GCancellable        *cancellable);

G_END_DECLS
