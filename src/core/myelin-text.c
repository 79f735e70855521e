/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "myelin-text"

#include "config.h"

#include <string.h>

#include "myelin-text.h"

/**
 * myelin_text_normalize:
 * @text: text from a bundle
 *
 * Applies the format's text rules: `\r\n` and a lone `\r` become `\n`, and
 * leading and trailing white space is trimmed.
 *
 * Returns: (transfer full): the normalised text
 */
char *
myelin_text_normalize (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (out, *p);
    }

  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

/**
 * myelin_text_is_date:
 *
 * Returns: whether @text is `YYYY-MM-DD` and a real calendar date
 */
gboolean
myelin_text_is_date (const char *text)
{
  guint year, month, day;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  return year >= 1 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/**
 * myelin_text_is_url:
 *
 * Returns: whether @text is an absolute `http://` or `https://` URL with a
 *   host and no white space
 */
gboolean
myelin_text_is_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p))
      return FALSE;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
    return FALSE;
  return g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

/**
 * myelin_text_is_doi:
 *
 * Returns: whether @text is `10.` + 4–9 digits + `/` + non-space characters
 */
gboolean
myelin_text_is_doi (const char *text)
{
  const char *p = text;
  guint digits = 0;

  if (!g_str_has_prefix (p, "10."))
    return FALSE;
  p += 3;
  while (g_ascii_isdigit (*p))
    {
      p++;
      digits++;
    }
  if (digits < 4 || digits > 9 || *p != '/')
    return FALSE;
  p++;
  if (*p == '\0')
    return FALSE;
  for (; *p; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * myelin_text_is_language_tag:
 *
 * A BCP 47 shape check: a primary subtag of 2–8 letters, then subtags of
 * 1–8 letters or digits, joined by `-`. It does not consult the registry.
 *
 * Returns: whether @text looks like a language tag
 */
gboolean
myelin_text_is_language_tag (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", -1);

  if (parts[0] == NULL)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize len = strlen (parts[i]);

      if (len < (i == 0 ? 2 : 1) || len > 8)
        return FALSE;
      for (const char *p = parts[i]; *p; p++)
        if (i == 0 ? !g_ascii_isalpha (*p) : !g_ascii_isalnum (*p))
          return FALSE;
    }
  return TRUE;
}

/**
 * myelin_text_first_sentence:
 * @text: normalised text
 * @max_chars: the most characters to return
 *
 * The first sentence of the first paragraph, used as a card's teaser when a
 * bundle gives none; cut at a word with an ellipsis if it is too long.
 *
 * Returns: (transfer full): the sentence
 */
char *
myelin_text_first_sentence (const char *text,
                            guint       max_chars)
{
  const char *end = NULL;
  g_autofree char *sentence = NULL;
  const char *cut;
  const char *last_space = NULL;
  guint n = 0;

  for (const char *p = text; *p; p++)
    {
      if (p[0] == '\n' && p[1] == '\n')
        {
          end = p;
          break;
        }
      if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == '\0' || g_ascii_isspace (p[1])))
        {
          end = p + 1;
          break;
        }
    }
  sentence = end ? g_strndup (text, end - text) : g_strdup (text);
  g_strstrip (sentence);

  if (g_utf8_strlen (sentence, -1) <= max_chars)
    return g_steal_pointer (&sentence);

  /* Too long: cut at the last space that leaves room for the ellipsis. */
  for (cut = sentence; *cut && n < max_chars - 1; cut = g_utf8_next_char (cut), n++)
    if (*cut == ' ' || *cut == '\n')
      last_space = cut;
  if (last_space != NULL && last_space > sentence)
    cut = last_space;
  return g_strdup_printf ("%.*s…", (int) (cut - sentence), sentence);
}

/**
 * myelin_text_fold_key:
 *
 * The identity of a topic: items that differ only in case (or in Unicode
 * normalisation) are one topic.
 *
 * Returns: (transfer full): the folded key
 */
char *
myelin_text_fold_key (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = g_utf8_casefold (normal ? normal : text, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);
}

/**
 * myelin_set_str:
 *
 * Replaces *@dest with a copy of @value (GLib 2.76 has g_set_str; Debian 12
 * has 2.74).
 *
 * Returns: whether the value changed
 */
gboolean
myelin_set_str (char      **dest,
                const char *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;
  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}
