/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An article laid out for paper: the title, the date it was printed, the
 * ratings in words, every section, the source with its DOI and the
 * reader's note. One Pango layout holds the whole text; pages break
 * between its lines. The same operation prints or exports a PDF, which
 * tests can do without any dialog.
 */
#define G_LOG_DOMAIN "myelin"

#include "config.h"

#include <glib/gi18n.h>

#include "myelin-article-card.h"
#include "myelin-article-printer.h"

#define BODY_FONT "Sans 11"

struct _MyelinArticlePrinter
{
  GObject            parent_instance;

  MyelinArticle     *article;
  GtkPrintOperation *operation;
  PangoLayout       *layout;
  GArray            *page_starts; /* int: the first line of each page */
};

G_DEFINE_FINAL_TYPE (MyelinArticlePrinter, myelin_article_printer, G_TYPE_OBJECT)

/* --- The text ------------------------------------------------------------ */

static const char *
get_string (MyelinArticle      *article,
            MyelinArticleField  field)
{
  const char *value = myelin_article_get_string (article, field);

  return value != NULL && *value != '\0' ? value : NULL;
}

static const char *
credibility_words (gint64 value)
{
  switch (value)
    {
    case 1: return _("very weak evidence");
    case 2: return _("weak evidence");
    case 3: return _("moderate evidence");
    case 4: return _("strong evidence");
    case 5: return _("very strong evidence");
    default: return _("not rated");
    }
}

static const char *
interest_words (gint64 value)
{
  switch (value)
    {
    case 1: return _("of little interest to people with MS");
    case 2: return _("of some interest to people with MS");
    case 3: return _("of interest to people with MS");
    case 4: return _("of much interest to people with MS");
    case 5: return _("of great interest to people with MS");
    default: return _("not rated");
    }
}

/* Bundle text goes into the layout escaped: it is never markup. */
static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
append_heading (GString    *out,
                const char *heading)
{
  g_string_append (out, "\n<span size=\"large\" weight=\"bold\">");
  append_escaped (out, heading);
  g_string_append (out, "</span>\n");
}

static void
append_section (GString    *out,
                const char *heading,
                const char *text)
{
  if (text == NULL)
    return;
  append_heading (out, heading);
  append_escaped (out, text);
  g_string_append_c (out, '\n');
}

/**
 * myelin_article_get_link:
 *
 * Returns: (transfer full) (nullable): the DOI as a https://doi.org/ address,
 *   else the source's web address
 */
char *
myelin_article_get_link (MyelinArticle *article)
{
  const char *doi, *url;

  g_return_val_if_fail (MYELIN_IS_ARTICLE (article), NULL);

  doi = get_string (article, MYELIN_ARTICLE_SOURCE_DOI);
  url = get_string (article, MYELIN_ARTICLE_SOURCE_URL);
  if (doi != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (doi, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH, FALSE);
      return g_strconcat ("https://doi.org/", escaped, NULL);
    }
  return g_strdup (url);
}

/**
 * myelin_article_format_citation:
 *
 * "Authors (year). Paper title. Journal. https://doi.org/DOI", from what
 * the bundle gives; the summary's own title stands in for a missing paper
 * title.
 *
 * Returns: (transfer full): the citation
 */
char *
myelin_article_format_citation (MyelinArticle *article)
{
  const char * const *authors;
  const char *title, *journal;
  gint64 year;
  g_autofree char *link = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (MYELIN_IS_ARTICLE (article), NULL);

  authors = myelin_article_get_strv (article, MYELIN_ARTICLE_SOURCE_AUTHORS);
  year = myelin_article_get_int (article, MYELIN_ARTICLE_SOURCE_YEAR);
  title = get_string (article, MYELIN_ARTICLE_SOURCE_TITLE);
  journal = get_string (article, MYELIN_ARTICLE_SOURCE_JOURNAL);
  link = myelin_article_get_link (article);
  if (title == NULL)
    title = myelin_article_get_title (article);

  if (authors != NULL && authors[0] != NULL)
    {
      g_autofree char *names = g_strjoinv (", ", (char **) authors);

      if (year > 0)
        g_ptr_array_add (parts, g_strdup_printf ("%s (%" G_GINT64_FORMAT ").", names, year));
      else
        g_ptr_array_add (parts, g_strdup_printf ("%s.", names));
    }
  else if (year > 0)
    g_ptr_array_add (parts, g_strdup_printf ("(%" G_GINT64_FORMAT ").", year));
  if (title != NULL)
    g_ptr_array_add (parts, g_str_has_suffix (title, ".") || g_str_has_suffix (title, "?")
                            ? g_strdup (title) : g_strconcat (title, ".", NULL));
  if (journal != NULL)
    g_ptr_array_add (parts, g_strconcat (journal, ".", NULL));
  if (link != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&link));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" ", (char **) parts->pdata);
}

static char *
build_markup (MyelinArticle *a)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today_iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = myelin_format_date (today_iso);
  g_autofree char *published = myelin_format_date (myelin_article_get_published (a));
  g_autofree char *citation = myelin_article_format_citation (a);
  const char *bundle_title = get_string (a, MYELIN_ARTICLE_BUNDLE_TITLE);
  const char *design = get_string (a, MYELIN_ARTICLE_SOURCE_DESIGN);
  const char *doi = get_string (a, MYELIN_ARTICLE_SOURCE_DOI);
  const char *note = get_string (a, MYELIN_ARTICLE_NOTE);
  gint64 credibility = myelin_article_get_credibility (a);
  gint64 interest = myelin_article_get_interest (a);

  g_string_append (out, "<span size=\"xx-large\" weight=\"bold\">");
  append_escaped (out, myelin_article_get_title (a) != NULL ? myelin_article_get_title (a) : "");
  g_string_append (out, "</span>\n");

  g_string_append (out, "<span foreground=\"#555555\">");
  if (bundle_title != NULL)
    {
      append_escaped (out, bundle_title);
      g_string_append_c (out, '\n');
    }
  if (published != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Published %s"), published);
      append_escaped (out, line);
      g_string_append_c (out, '\n');
    }
  {
    /* Translators: the date this page was printed */
    g_autofree char *line = g_strdup_printf (_("Printed on %s"), today);
    append_escaped (out, line);
  }
  g_string_append (out, "</span>\n");

  if (myelin_article_get_boolean (a, MYELIN_ARTICLE_RETRACTED))
    {
      append_heading (out, _("This Study Was Retracted"));
      append_escaped (out, _("Its findings should not be relied on."));
      g_string_append_c (out, '\n');
    }

  {
    /* Translators: "Credibility 3 of 5 — moderate evidence" */
    g_autofree char *c = g_strdup_printf (_("Credibility %d of 5 — %s"), (int) CLAMP (credibility, 0, 5),
                                          credibility_words (credibility));
    /* Translators: "Interest 4 of 5 — of much interest to people with MS" */
    g_autofree char *i = g_strdup_printf (_("Interest %d of 5 — %s"), (int) CLAMP (interest, 0, 5),
                                          interest_words (interest));
    g_string_append_c (out, '\n');
    append_escaped (out, c);
    g_string_append_c (out, '\n');
    append_escaped (out, i);
    g_string_append_c (out, '\n');
  }

  append_section (out, _("Key Takeaway"), get_string (a, MYELIN_ARTICLE_KEY_TAKEAWAY));
  append_section (out, _("What They Found"), get_string (a, MYELIN_ARTICLE_WHAT_THEY_FOUND));
  append_section (out, _("Who Should Care and Why"), get_string (a, MYELIN_ARTICLE_WHO_SHOULD_CARE));
  append_section (out, _("Important Considerations"), get_string (a, MYELIN_ARTICLE_IMPORTANT_CONSIDERATIONS));

  append_heading (out, _("Source"));
  append_escaped (out, citation);
  g_string_append_c (out, '\n');
  if (design != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("Study design: %s"), design);
      append_escaped (out, line);
      g_string_append_c (out, '\n');
    }
  if (doi != NULL)
    {
      g_autofree char *line = g_strdup_printf (_("DOI: %s"), doi);
      append_escaped (out, line);
      g_string_append_c (out, '\n');
    }

  append_section (out, _("Your Note"), note);
  append_section (out, _("Understanding the Research"), get_string (a, MYELIN_ARTICLE_DISCLAIMER));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* --- Layout and pages ---------------------------------------------------- */

static void
on_begin_print (GtkPrintOperation    *operation,
                GtkPrintContext      *context,
                MyelinArticlePrinter *self)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (BODY_FONT);
  g_autofree char *markup = build_markup (self->article);
  double page_height = gtk_print_context_get_height (context);
  double page_top = 0;
  PangoLayoutIter *iter;
  int line = 0;

  g_clear_object (&self->layout);
  self->layout = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (self->layout, font);
  pango_layout_set_width (self->layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing (self->layout, 2 * PANGO_SCALE);
  pango_layout_set_markup (self->layout, markup, -1);

  /* A page ends before the first line that would cross its bottom. */
  g_array_set_size (self->page_starts, 0);
  g_array_append_val (self->page_starts, line);
  iter = pango_layout_get_iter (self->layout);
  do
    {
      PangoRectangle rect;

      pango_layout_iter_get_line_extents (iter, NULL, &rect);
      if ((rect.y + rect.height) / (double) PANGO_SCALE - page_top > page_height && line > 0)
        {
          g_array_append_val (self->page_starts, line);
          page_top = rect.y / (double) PANGO_SCALE;
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  gtk_print_operation_set_n_pages (operation, (int) self->page_starts->len);
}

static void
on_draw_page (GtkPrintOperation    *operation,
              GtkPrintContext      *context,
              int                   page_nr,
              MyelinArticlePrinter *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int first = g_array_index (self->page_starts, int, page_nr);
  int end = (guint) page_nr + 1 < self->page_starts->len
            ? g_array_index (self->page_starts, int, page_nr + 1) : G_MAXINT;
  PangoLayoutIter *iter = pango_layout_get_iter (self->layout);
  double page_top = -1;
  int line = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  do
    {
      PangoRectangle rect;
      int baseline;

      if (line >= end)
        break;
      if (line >= first)
        {
          pango_layout_iter_get_line_extents (iter, NULL, &rect);
          baseline = pango_layout_iter_get_baseline (iter);
          if (page_top < 0)
            page_top = rect.y / (double) PANGO_SCALE;
          cairo_move_to (cr, rect.x / (double) PANGO_SCALE, baseline / (double) PANGO_SCALE - page_top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
on_end_print (GtkPrintOperation    *operation,
              GtkPrintContext      *context,
              MyelinArticlePrinter *self)
{
  g_clear_object (&self->layout);
}

/* --- GObject ------------------------------------------------------------- */

static void
myelin_article_printer_finalize (GObject *object)
{
  MyelinArticlePrinter *self = MYELIN_ARTICLE_PRINTER (object);

  g_clear_object (&self->article);
  g_clear_object (&self->operation);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->page_starts, g_array_unref);

  G_OBJECT_CLASS (myelin_article_printer_parent_class)->finalize (object);
}

static void
myelin_article_printer_class_init (MyelinArticlePrinterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = myelin_article_printer_finalize;
}

static void
myelin_article_printer_init (MyelinArticlePrinter *self)
{
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (int));
  self->operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (self->operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (self->operation, TRUE);
  g_signal_connect_object (self->operation, "begin-print", G_CALLBACK (on_begin_print), self, 0);
  g_signal_connect_object (self->operation, "draw-page", G_CALLBACK (on_draw_page), self, 0);
  g_signal_connect_object (self->operation, "end-print", G_CALLBACK (on_end_print), self, 0);
}

/* --- Public API ---------------------------------------------------------- */

/**
 * myelin_article_printer_new:
 * @article: a whole article, as myelin_store_get_article() gives it
 *
 * Returns: (transfer full): a printer whose operation prints @article
 */
MyelinArticlePrinter *
myelin_article_printer_new (MyelinArticle *article)
{
  MyelinArticlePrinter *self;
  const char *title;

  g_return_val_if_fail (MYELIN_IS_ARTICLE (article), NULL);

  self = g_object_new (MYELIN_TYPE_ARTICLE_PRINTER, NULL);
  self->article = g_object_ref (article);
  title = myelin_article_get_title (article);
  if (title != NULL)
    gtk_print_operation_set_job_name (self->operation, title);
  return self;
}

/**
 * myelin_article_printer_get_operation:
 *
 * Returns: (transfer none): the print operation, to run with a dialog
 */
GtkPrintOperation *
myelin_article_printer_get_operation (MyelinArticlePrinter *self)
{
  g_return_val_if_fail (MYELIN_IS_ARTICLE_PRINTER (self), NULL);
  return self->operation;
}

/**
 * myelin_article_printer_export_pdf:
 * @path: the PDF file to write
 *
 * Writes @article as a PDF, with no dialog.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
myelin_article_printer_export_pdf (MyelinArticle  *article,
                                   const char     *path,
                                   GError        **error)
{
  g_autoptr(MyelinArticlePrinter) self = NULL;

  g_return_val_if_fail (MYELIN_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self = myelin_article_printer_new (article);
  gtk_print_operation_set_export_filename (self->operation, path);
  return gtk_print_operation_run (self->operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}
