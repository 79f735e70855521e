/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "myelin-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "myelin-import-report.h"

struct _MyelinImportReport
{
  GObject             parent_instance;

  char               *file;
  MyelinImportStatus  status;
  char               *bundle_id;
  char               *bundle_title;
  gint64              revision_before;
  gint64              revision_after;
  guint               added;
  guint               updated;
  guint               removed;
  guint               unchanged;
  guint               skipped;
  GPtrArray          *errors;
  GPtrArray          *warnings;
  GError             *refusal;
};

G_DEFINE_FINAL_TYPE (MyelinImportReport, myelin_import_report, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (MyelinProblem, myelin_problem, myelin_problem_copy, myelin_problem_free)

MyelinProblem *
myelin_problem_new (const char *pointer,
                    int         article_index,
                    const char *article_id,
                    const char *message)
{
  MyelinProblem *problem = g_new0 (MyelinProblem, 1);

  problem->pointer = g_strdup (pointer ? pointer : "");
  problem->article_index = article_index;
  problem->article_id = g_strdup (article_id);
  problem->message = g_strdup (message);
  return problem;
}

MyelinProblem *
myelin_problem_copy (const MyelinProblem *problem)
{
  MyelinProblem *copy = myelin_problem_new (problem->pointer, problem->article_index,
                                            problem->article_id, problem->message);

  copy->line = problem->line;
  copy->column = problem->column;
  return copy;
}

void
myelin_problem_free (MyelinProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->pointer);
  g_free (problem->message);
  g_free (problem->article_id);
  g_free (problem);
}

/**
 * myelin_problem_to_string:
 * @problem: a problem
 * @file: (nullable): the file it was found in
 *
 * Formats @problem as one line for people: the file, the place (line and
 * column, then the JSON pointer), the article, and what is wrong.
 *
 * Returns: (transfer full): the line
 */
char *
myelin_problem_to_string (const MyelinProblem *problem,
                          const char          *file)
{
  GString *out = g_string_new (NULL);

  if (file != NULL)
    g_string_append_printf (out, "%s:", file);
  if (problem->line > 0)
    g_string_append_printf (out, "%u:%u:", problem->line, problem->column);
  if (out->len > 0)
    g_string_append_c (out, ' ');
  if (problem->pointer != NULL && problem->pointer[0] != '\0')
    g_string_append_printf (out, "%s: ", problem->pointer);
  if (problem->article_index >= 0 && problem->article_id != NULL)
    g_string_append_printf (out, _("article %d (“%s”): "), problem->article_index, problem->article_id);
  else if (problem->article_index >= 0)
    g_string_append_printf (out, _("article %d: "), problem->article_index);
  g_string_append (out, problem->message);
  return g_string_free (out, FALSE);
}

static void
myelin_import_report_finalize (GObject *object)
{
  MyelinImportReport *self = MYELIN_IMPORT_REPORT (object);

  g_free (self->file);
  g_free (self->bundle_id);
  g_free (self->bundle_title);
  g_ptr_array_unref (self->errors);
  g_ptr_array_unref (self->warnings);
  g_clear_error (&self->refusal);

  G_OBJECT_CLASS (myelin_import_report_parent_class)->finalize (object);
}

static void
myelin_import_report_class_init (MyelinImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = myelin_import_report_finalize;
}

static void
myelin_import_report_init (MyelinImportReport *self)
{
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) myelin_problem_free);
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) myelin_problem_free);
  self->status = MYELIN_IMPORT_STATUS_VALID;
}

MyelinImportReport *
myelin_import_report_new (const char *file)
{
  MyelinImportReport *self = g_object_new (MYELIN_TYPE_IMPORT_REPORT, NULL);

  self->file = g_strdup (file);
  return self;
}

const char *
myelin_import_report_get_file (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), NULL);
  return self->file;
}

MyelinImportStatus
myelin_import_report_get_status (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), MYELIN_IMPORT_STATUS_REFUSED);
  return self->status;
}

const char *
myelin_import_report_get_bundle_id (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), NULL);
  return self->bundle_id;
}

const char *
myelin_import_report_get_bundle_title (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), NULL);
  return self->bundle_title;
}

gint64
myelin_import_report_get_revision_before (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), 0);
  return self->revision_before;
}

gint64
myelin_import_report_get_revision_after (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), 0);
  return self->revision_after;
}

guint
myelin_import_report_get_added (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), 0);
  return self->added;
}

guint
myelin_import_report_get_updated (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), 0);
  return self->updated;
}

guint
myelin_import_report_get_removed (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), 0);
  return self->removed;
}

guint
myelin_import_report_get_unchanged (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), 0);
  return self->unchanged;
}

guint
myelin_import_report_get_skipped (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), 0);
  return self->skipped;
}

/**
 * myelin_import_report_get_errors:
 *
 * Returns: (transfer none) (element-type MyelinProblem): the errors: the
 *   refusal, or the reasons articles were skipped
 */
GPtrArray *
myelin_import_report_get_errors (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), NULL);
  return self->errors;
}

/**
 * myelin_import_report_get_warnings:
 *
 * Returns: (transfer none) (element-type MyelinProblem): the warnings
 */
GPtrArray *
myelin_import_report_get_warnings (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), NULL);
  return self->warnings;
}

/**
 * myelin_import_report_get_refusal:
 *
 * Returns: (nullable): why the bundle was refused, with a code to branch on
 */
const GError *
myelin_import_report_get_refusal (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), NULL);
  return self->refusal;
}

/**
 * myelin_import_report_get_exit_status:
 *
 * Returns: what `myelinctl` exits with for this report: 0 done or already
 *   up to date (nothing was done, so nothing was skipped), 3 done with
 *   skipped articles, 1 refused
 */
int
myelin_import_report_get_exit_status (MyelinImportReport *self)
{
  g_return_val_if_fail (MYELIN_IS_IMPORT_REPORT (self), 1);

  if (self->status == MYELIN_IMPORT_STATUS_REFUSED)
    return 1;
  if (self->status == MYELIN_IMPORT_STATUS_UP_TO_DATE)
    return 0;
  if (self->skipped > 0)
    return 3;
  return 0;
}

void
myelin_import_report_set_status (MyelinImportReport *self,
                                 MyelinImportStatus  status)
{
  self->status = status;
}

void
myelin_import_report_set_bundle (MyelinImportReport *self,
                                 const char         *id,
                                 const char         *title)
{
  g_free (self->bundle_id);
  g_free (self->bundle_title);
  self->bundle_id = g_strdup (id);
  self->bundle_title = g_strdup (title);
}

void
myelin_import_report_set_revisions (MyelinImportReport *self,
                                    gint64              before,
                                    gint64              after)
{
  self->revision_before = before;
  self->revision_after = after;
}

void
myelin_import_report_set_counts (MyelinImportReport *self,
                                 guint               added,
                                 guint               updated,
                                 guint               removed,
                                 guint               unchanged)
{
  self->added = added;
  self->updated = updated;
  self->removed = removed;
  self->unchanged = unchanged;
}

void
myelin_import_report_add_skipped (MyelinImportReport *self)
{
  self->skipped++;
}

void
myelin_import_report_add_error (MyelinImportReport *self,
                                MyelinProblem      *problem)
{
  g_ptr_array_add (self->errors, problem);
}

void
myelin_import_report_add_warning (MyelinImportReport *self,
                                  MyelinProblem      *problem)
{
  g_ptr_array_add (self->warnings, problem);
}

/**
 * myelin_import_report_refuse:
 *
 * Marks the whole bundle as refused, keeping @error for callers and adding
 * it to the errors with its place.
 */
void
myelin_import_report_refuse (MyelinImportReport *self,
                             const GError       *error,
                             const char         *pointer,
                             guint               line,
                             guint               column)
{
  MyelinProblem *problem = myelin_problem_new (pointer, -1, NULL, error->message);

  problem->line = line;
  problem->column = column;
  g_ptr_array_add (self->errors, problem);
  g_clear_error (&self->refusal);
  self->refusal = g_error_copy (error);
  self->status = MYELIN_IMPORT_STATUS_REFUSED;
  /* A refused bundle changes nothing: no counts may suggest otherwise. */
  self->added = self->updated = self->removed = self->unchanged = 0;
  self->revision_after = self->revision_before;
}
