/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MyelinProblem:
 * @pointer: JSON pointer of the value at fault ("" for the whole file)
 * @line: 1-based line, or 0 when unknown
 * @column: 1-based column in characters, or 0 when unknown
 * @message: a sentence saying what is wrong and what to do
 * @article_index: index in "articles", or -1 when not about one article
 * @article_id: (nullable): that article's id, when it has a usable one
 */
typedef struct
{
  char  *pointer;
  guint  line;
  guint  column;
  char  *message;
  int    article_index;
  char  *article_id;
} MyelinProblem;

#define MYELIN_TYPE_PROBLEM (myelin_problem_get_type ())
GType          myelin_problem_get_type (void) G_GNUC_CONST;
MyelinProblem *myelin_problem_copy     (const MyelinProblem *problem);
void           myelin_problem_free     (MyelinProblem       *problem);
char          *myelin_problem_to_string (const MyelinProblem *problem,
                                         const char          *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MyelinProblem, myelin_problem_free)

/**
 * MyelinImportStatus:
 * @MYELIN_IMPORT_STATUS_VALID: checked only, and it would import
 * @MYELIN_IMPORT_STATUS_ADDED: a bundle new to the library was added
 * @MYELIN_IMPORT_STATUS_UPDATED: a newer revision replaced the installed one
 * @MYELIN_IMPORT_STATUS_UP_TO_DATE: the same revision is installed; nothing changed
 * @MYELIN_IMPORT_STATUS_REFUSED: nothing changed; the errors say why
 */
typedef enum
{
  MYELIN_IMPORT_STATUS_VALID,
  MYELIN_IMPORT_STATUS_ADDED,
  MYELIN_IMPORT_STATUS_UPDATED,
  MYELIN_IMPORT_STATUS_UP_TO_DATE,
  MYELIN_IMPORT_STATUS_REFUSED,
} MyelinImportStatus;

#define MYELIN_TYPE_IMPORT_REPORT (myelin_import_report_get_type ())
G_DECLARE_FINAL_TYPE (MyelinImportReport, myelin_import_report, MYELIN, IMPORT_REPORT, GObject)

MyelinImportReport *myelin_import_report_new (const char *file);

const char         *myelin_import_report_get_file            (MyelinImportReport *self);
MyelinImportStatus  myelin_import_report_get_status          (MyelinImportReport *self);
const char         *myelin_import_report_get_bundle_id       (MyelinImportReport *self);
const char         *myelin_import_report_get_bundle_title    (MyelinImportReport *self);
gint64              myelin_import_report_get_revision_before (MyelinImportReport *self);
gint64              myelin_import_report_get_revision_after  (MyelinImportReport *self);
guint               myelin_import_report_get_added           (MyelinImportReport *self);
guint               myelin_import_report_get_updated         (MyelinImportReport *self);
guint               myelin_import_report_get_removed         (MyelinImportReport *self);
guint               myelin_import_report_get_unchanged       (MyelinImportReport *self);
guint               myelin_import_report_get_skipped         (MyelinImportReport *self);
GPtrArray          *myelin_import_report_get_errors          (MyelinImportReport *self);
GPtrArray          *myelin_import_report_get_warnings        (MyelinImportReport *self);
const GError       *myelin_import_report_get_refusal         (MyelinImportReport *self);
int                 myelin_import_report_get_exit_status     (MyelinImportReport *self);

/* Used by the parser and the store while they fill the report in. */
void myelin_import_report_set_status   (MyelinImportReport *self,
                                        MyelinImportStatus  status);
void myelin_import_report_set_bundle   (MyelinImportReport *self,
                                        const char         *id,
                                        const char         *title);
void myelin_import_report_set_revisions (MyelinImportReport *self,
                                         gint64              before,
                                         gint64              after);
void myelin_import_report_set_counts   (MyelinImportReport *self,
                                        guint               added,
                                        guint               updated,
                                        guint               removed,
                                        guint               unchanged);
void myelin_import_report_add_skipped  (MyelinImportReport *self);
void myelin_import_report_add_error    (MyelinImportReport *self,
                                        MyelinProblem      *problem);
void myelin_import_report_add_warning  (MyelinImportReport *self,
                                        MyelinProblem      *problem);
void myelin_import_report_refuse       (MyelinImportReport *self,
                                        const GError       *error,
                                        const char         *pointer,
                                        guint               line,
                                        guint               column);

MyelinProblem *myelin_problem_new (const char *pointer,
                                   int         article_index,
                                   const char *article_id,
                                   const char *message);

G_END_DECLS
