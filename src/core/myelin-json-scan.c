/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A strict, non-recursive RFC 8259 scanner that runs before json-glib.
 *
 * json-glib is lenient (it accepts hex numbers, single quotes and trailing
 * garbage), recurses without a depth limit, cuts strings at an escaped NUL
 * and mangles lone surrogates. This pass refuses what is not JSON with a
 * line and column, bounds the depth, and reports the values json-glib would
 * misread so that the importer can treat them as invalid.
 */
#define G_LOG_DOMAIN "myelin-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include "myelin-error.h"
#include "myelin-json-scan.h"

typedef struct
{
  gboolean is_object;
  guint    index;       /* arrays: index of the current element */
  gsize    key_start;   /* objects: the current key, raw, without quotes */
  gsize    key_len;
} Frame;

typedef struct
{
  const char             *text;
  gsize                   len;
  gsize                   pos;
  guint                   line;
  guint                   column;
  GArray                 *stack;       /* of Frame */
  guint                   max_depth;
  MyelinJsonBadValueFunc  bad_value;
  gpointer                user_data;
  GHashTable             *positions;   /* locate mode: pointer -> MyelinJsonPos* */
  MyelinJsonPos           error_pos;
  GError                 *error;
} Scanner;

static inline void
advance (Scanner *s)
{
  guchar c = (guchar) s->text[s->pos++];

  if (c == '\n')
    {
      s->line++;
      s->column = 1;
    }
  else if ((c & 0xC0) != 0x80)
    {
      /* Count characters, not bytes: continuation bytes do not move the column. */
      s->column++;
    }
}

static inline int
peek (Scanner *s)
{
  return s->pos < s->len ? (guchar) s->text[s->pos] : -1;
}

static void
skip_space (Scanner *s)
{
  for (;;)
    {
      int c = peek (s);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        return;
      advance (s);
    }
}

G_GNUC_PRINTF (3, 4)
static gboolean
fail (Scanner    *s,
      int         code,
      const char *format,
      ...)
{
  va_list args;

  if (s->error != NULL)
    return FALSE;

  s->error_pos.line = s->line;
  s->error_pos.column = s->column;
  va_start (args, format);
  s->error = g_error_new_valist (MYELIN_IMPORT_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

static int
hex_value (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (const char *p,
           gsize       avail,
           gunichar   *out)
{
  gunichar v = 0;

  if (avail < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int h = hex_value ((guchar) p[i]);
      if (h < 0)
        return FALSE;
      v = (v << 4) | (gunichar) h;
    }
  *out = v;
  return TRUE;
}

/* Decodes a raw JSON string body (already known to be well formed) into
 * UTF-8. Characters json-glib would misread become U+FFFD: this is only
 * used to name keys in pointers. */
static char *
unescape_raw (const char *raw,
              gsize       len)
{
  GString *out = g_string_sized_new (len);
  gsize i = 0;

  while (i < len)
    {
      gunichar u, low;

      if (raw[i] != '\\')
        {
          g_string_append_c (out, raw[i++]);
          continue;
        }
      i++;
      switch (raw[i])
        {
        case 'b': g_string_append_c (out, '\b'); i++; break;
        case 'f': g_string_append_c (out, '\f'); i++; break;
        case 'n': g_string_append_c (out, '\n'); i++; break;
        case 'r': g_string_append_c (out, '\r'); i++; break;
        case 't': g_string_append_c (out, '\t'); i++; break;
        case 'u':
          read_hex4 (raw + i + 1, len - i - 1, &u);
          i += 5;
          if (u >= 0xD800 && u <= 0xDBFF && i + 6 <= len && raw[i] == '\\' && raw[i + 1] == 'u'
              && read_hex4 (raw + i + 2, len - i - 2, &low) && low >= 0xDC00 && low <= 0xDFFF)
            {
              u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              i += 6;
            }
          if (u == 0 || (u >= 0xD800 && u <= 0xDFFF))
            u = 0xFFFD;
          g_string_append_unichar (out, u);
          break;
        default:
          g_string_append_c (out, raw[i++]);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * myelin_json_pointer_append:
 * @pointer: a JSON pointer
 * @token: an object key or array index, unescaped
 *
 * Returns: (transfer full): @pointer with @token appended, escaped as RFC 6901 says
 */
char *
myelin_json_pointer_append (const char *pointer,
                            const char *token)
{
  GString *out = g_string_new (pointer);

  g_string_append_c (out, '/');
  for (const char *p = token; *p; p++)
    {
      if (*p == '~')
        g_string_append (out, "~0");
      else if (*p == '/')
        g_string_append (out, "~1");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The pointer of the value being scanned now, or with @depth less than
 * the stack's, of the container @depth levels down. */
static char *
pointer_at_depth (Scanner *s,
                  guint    depth)
{
  g_autofree char *pointer = g_strdup ("");

  for (guint i = 0; i < depth; i++)
    {
      Frame *f = &g_array_index (s->stack, Frame, i);
      g_autofree char *token = NULL;
      char *next;

      if (f->is_object)
        token = unescape_raw (s->text + f->key_start, f->key_len);
      else
        token = g_strdup_printf ("%u", f->index);
      next = myelin_json_pointer_append (pointer, token);
      g_free (pointer);
      pointer = next;
    }

  return g_steal_pointer (&pointer);
}

static char *
current_pointer (Scanner *s)
{
  return pointer_at_depth (s, s->stack->len);
}

/* A bad key cannot be named by a pointer (the top frame still holds the
 * previous key), so it is reported on the object that holds it. */
static void
report_bad_value (Scanner    *s,
                  gboolean    in_key,
                  const char *reason)
{
  g_autofree char *pointer = NULL;

  if (s->bad_value == NULL)
    return;
  pointer = pointer_at_depth (s, s->stack->len - (in_key ? 1 : 0));
  s->bad_value (pointer, reason, s->user_data);
}

/* Scans a string starting at its opening quote. A key's raw span is
 * returned through @start and @len. */
static gboolean
scan_string (Scanner  *s,
             gboolean  is_key,
             gsize    *start,
             gsize    *len)
{
  const char *bad = NULL;

  advance (s); /* the opening quote */
  *start = s->pos;

  for (;;)
    {
      int c = peek (s);

      if (c < 0)
        return fail (s, MYELIN_IMPORT_ERROR_SYNTAX, _("The text ends inside a string: a closing quote is missing."));
      if (c == '"')
        break;
      if (c < 0x20)
        return fail (s, MYELIN_IMPORT_ERROR_SYNTAX,
                     _("A control character appears inside a string; write it as an escape such as \\n or \\t."));
      if (c != '\\')
        {
          advance (s);
          continue;
        }

      advance (s);
      c = peek (s);
      if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't')
        {
          /* \b and \f are C0 controls that the bundle format forbids. */
          if ((c == 'b' || c == 'f') && bad == NULL)
            bad = _("The text holds a control character, which is not allowed.");
          advance (s);
        }
      else if (c == 'u')
        {
          gunichar u, low;

          advance (s);
          if (!read_hex4 (s->text + s->pos, s->len - s->pos, &u))
            return fail (s, MYELIN_IMPORT_ERROR_SYNTAX, _("A \\u escape needs four hexadecimal digits."));
          for (guint i = 0; i < 4; i++)
            advance (s);

          if (u >= 0xD800 && u <= 0xDBFF)
            {
              if (s->len - s->pos >= 6 && s->text[s->pos] == '\\' && s->text[s->pos + 1] == 'u'
                  && read_hex4 (s->text + s->pos + 2, s->len - s->pos - 2, &low)
                  && low >= 0xDC00 && low <= 0xDFFF)
                {
                  for (guint i = 0; i < 6; i++)
                    advance (s);
                }
              else if (bad == NULL)
                bad = _("The text holds a lone surrogate escape (\\ud800 to \\udfff), which is not a character.");
            }
          else if (u >= 0xDC00 && u <= 0xDFFF)
            {
              if (bad == NULL)
                bad = _("The text holds a lone surrogate escape (\\ud800 to \\udfff), which is not a character.");
            }
          else if (u == 0)
            {
              if (bad == NULL)
                bad = _("The text holds a NUL character (\\u0000), which is not allowed.");
            }
          else if (u < 0x20 && u != '\n' && u != '\t' && u != '\r')
            {
              if (bad == NULL)
                bad = _("The text holds a control character, which is not allowed.");
            }
        }
      else
        {
          return fail (s, MYELIN_IMPORT_ERROR_SYNTAX,
                       _("Unknown escape in a string: after a backslash only \" \\ / b f n r t u may follow."));
        }
    }

  *len = s->pos - *start;
  advance (s); /* the closing quote */

  if (bad != NULL)
    {
      if (is_key)
        report_bad_value (s, TRUE, _("A key holds a character that is not allowed (NUL, a control character or a lone surrogate)."));
      else
        report_bad_value (s, FALSE, bad);
    }

  return TRUE;
}

static gboolean
scan_digits (Scanner *s)
{
  int c = peek (s);

  if (c < '0' || c > '9')
    return fail (s, MYELIN_IMPORT_ERROR_SYNTAX, _("A digit is expected here."));
  while ((c = peek (s)) >= '0' && c <= '9')
    advance (s);
  return TRUE;
}

static gboolean
scan_number (Scanner *s)
{
  gsize start = s->pos;
  gboolean is_integer = TRUE;
  g_autofree char *copy = NULL;

  if (peek (s) == '-')
    advance (s);
  if (peek (s) == '0')
    {
      advance (s);
      if (peek (s) >= '0' && peek (s) <= '9')
        return fail (s, MYELIN_IMPORT_ERROR_SYNTAX, _("A number may not start with 0 followed by more digits."));
    }
  else if (!scan_digits (s))
    return FALSE;

  if (peek (s) == '.')
    {
      is_integer = FALSE;
      advance (s);
      if (!scan_digits (s))
        return FALSE;
    }
  if (peek (s) == 'e' || peek (s) == 'E')
    {
      is_integer = FALSE;
      advance (s);
      if (peek (s) == '+' || peek (s) == '-')
        advance (s);
      if (!scan_digits (s))
        return FALSE;
    }

  /* json-glib stores integers as gint64 and other numbers as double;
   * anything that does not fit would be silently changed. */
  copy = g_strndup (s->text + start, s->pos - start);
  errno = 0;
  if (is_integer)
    {
      g_ascii_strtoll (copy, NULL, 10);
      if (errno == ERANGE)
        report_bad_value (s, FALSE, _("The number is too large."));
    }
  else
    {
      g_ascii_strtod (copy, NULL);
      if (errno == ERANGE)
        report_bad_value (s, FALSE, _("The number is out of range."));
    }

  return TRUE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *word)
{
  gsize n = strlen (word);

  if (s->len - s->pos < n || memcmp (s->text + s->pos, word, n) != 0)
    return fail (s, MYELIN_IMPORT_ERROR_SYNTAX,
                 _("A value is expected here: a string in double quotes, a number, an object, an array, true, false or null."));
  for (gsize i = 0; i < n; i++)
    advance (s);
  return TRUE;
}

static void
note_position (Scanner *s)
{
  g_autofree char *pointer = NULL;
  MyelinJsonPos *pos;

  if (s->positions == NULL || g_hash_table_size (s->positions) == 0)
    return;
  pointer = current_pointer (s);
  pos = g_hash_table_lookup (s->positions, pointer);
  /* When an object repeats a key the last one counts: its place wins. */
  if (pos != NULL)
    {
      pos->line = s->line;
      pos->column = s->column;
    }
}

static gboolean
push (Scanner  *s,
      gboolean  is_object)
{
  Frame f = { is_object, 0, 0, 0 };

  if (s->stack->len >= s->max_depth)
    return fail (s, MYELIN_IMPORT_ERROR_TOO_DEEP,
                 _("Objects and arrays are nested more than %u levels deep."), s->max_depth);
  advance (s);
  g_array_append_val (s->stack, f);
  return TRUE;
}

static gboolean
scan_key (Scanner *s)
{
  Frame *top = &g_array_index (s->stack, Frame, s->stack->len - 1);
  gsize start, len;

  skip_space (s);
  if (peek (s) != '"')
    return fail (s, MYELIN_IMPORT_ERROR_SYNTAX, _("A key in double quotes is expected here."));
  if (!scan_string (s, TRUE, &start, &len))
    return FALSE;
  top->key_start = start;
  top->key_len = len;
  skip_space (s);
  if (peek (s) != ':')
    return fail (s, MYELIN_IMPORT_ERROR_SYNTAX, _("A colon (:) is expected after the key."));
  advance (s);
  return TRUE;
}

/* Scans one value. Returns TRUE with *opened set when it opened a
 * container whose first element must be scanned next. */
static gboolean
scan_value (Scanner  *s,
            gboolean *opened)
{
  gsize start, len;
  int c;

  *opened = FALSE;
  skip_space (s);
  note_position (s);
  c = peek (s);

  switch (c)
    {
    case '{':
    case '[':
      if (!push (s, c == '{'))
        return FALSE;
      skip_space (s);
      if (peek (s) == (c == '{' ? '}' : ']'))
        {
          advance (s);
          g_array_set_size (s->stack, s->stack->len - 1);
          return TRUE;
        }
      if (c == '{' && !scan_key (s))
        return FALSE;
      *opened = TRUE;
      return TRUE;
    case '"':
      return scan_string (s, FALSE, &start, &len);
    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");
    case -1:
      return fail (s, MYELIN_IMPORT_ERROR_SYNTAX, _("The text ends where a value is expected."));
    default:
      if (c == '-' || (c >= '0' && c <= '9'))
        return scan_number (s);
      return fail (s, MYELIN_IMPORT_ERROR_SYNTAX,
                   _("A value is expected here: a string in double quotes, a number, an object, an array, true, false or null."));
    }
}

/* After a value: a comma, the end of the container, or the end of the text. */
static gboolean
scan_after_value (Scanner  *s,
                  gboolean *more)
{
  *more = FALSE;

  while (s->stack->len > 0)
    {
      Frame *top = &g_array_index (s->stack, Frame, s->stack->len - 1);
      int c;

      skip_space (s);
      c = peek (s);
      if (c == ',')
        {
          advance (s);
          if (top->is_object)
            {
              if (!scan_key (s))
                return FALSE;
            }
          else
            top->index++;
          *more = TRUE;
          return TRUE;
        }
      if (c == (top->is_object ? '}' : ']'))
        {
          advance (s);
          g_array_set_size (s->stack, s->stack->len - 1);
          continue;
        }
      if (c < 0)
        return fail (s, MYELIN_IMPORT_ERROR_SYNTAX,
                     top->is_object ? _("The text ends inside an object: a closing } is missing.")
                                    : _("The text ends inside an array: a closing ] is missing."));
      return fail (s, MYELIN_IMPORT_ERROR_SYNTAX,
                   top->is_object ? _("A comma or a closing } is expected here.")
                                  : _("A comma or a closing ] is expected here."));
    }

  skip_space (s);
  if (peek (s) >= 0)
    return fail (s, MYELIN_IMPORT_ERROR_SYNTAX, _("There is more text after the end of the JSON document."));
  return TRUE;
}

static gboolean
run (Scanner *s)
{
  skip_space (s);
  if (peek (s) < 0)
    return fail (s, MYELIN_IMPORT_ERROR_SYNTAX, _("The file is empty: it holds no JSON document."));

  for (;;)
    {
      gboolean opened, more;

      if (!scan_value (s, &opened))
        return FALSE;
      if (opened)
        continue;
      if (!scan_after_value (s, &more))
        return FALSE;
      if (!more)
        return TRUE;
    }
}

static void
scanner_init (Scanner    *s,
              const char *text,
              gsize       length,
              guint       max_depth)
{
  memset (s, 0, sizeof *s);
  s->text = text;
  s->len = length;
  s->line = 1;
  s->column = 1;
  s->max_depth = max_depth;
  s->stack = g_array_new (FALSE, FALSE, sizeof (Frame));
}

static gboolean
check_utf8 (Scanner *s)
{
  const char *end = NULL;

  if (g_utf8_validate (s->text, s->len, &end))
    return TRUE;

  /* Walk to the bad byte so the message can say where it is. */
  while (s->text + s->pos < end)
    advance (s);
  if (*end == '\0')
    return fail (s, MYELIN_IMPORT_ERROR_SYNTAX, _("The file holds a NUL byte, which JSON does not allow."));
  return fail (s, MYELIN_IMPORT_ERROR_NOT_UTF8,
               _("The file is not valid UTF-8 text; save it as UTF-8."));
}

/**
 * myelin_json_scan:
 * @text: the document, without a byte-order mark
 * @length: its length in bytes
 * @max_depth: how deep objects and arrays may nest
 * @bad_value: (nullable): called for values json-glib would misread
 * @user_data: data for @bad_value
 * @error_pos: (out) (optional): where the error is
 * @error: a #MYELIN_IMPORT_ERROR: SYNTAX, NOT_UTF8 or TOO_DEEP
 *
 * Checks that @text is one RFC 8259 JSON document in UTF-8.
 *
 * Returns: %TRUE if it is
 */
gboolean
myelin_json_scan (const char             *text,
                  gsize                   length,
                  guint                   max_depth,
                  MyelinJsonBadValueFunc  bad_value,
                  gpointer                user_data,
                  MyelinJsonPos          *error_pos,
                  GError                **error)
{
  Scanner s;
  gboolean ok;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  scanner_init (&s, text, length, max_depth);
  s.bad_value = bad_value;
  s.user_data = user_data;

  ok = check_utf8 (&s);
  if (ok)
    {
      s.line = 1;
      s.column = 1;
      s.pos = 0;
      ok = run (&s);
    }

  g_array_unref (s.stack);
  if (!ok)
    {
      if (error_pos != NULL)
        *error_pos = s.error_pos;
      g_propagate_error (error, s.error);
    }
  return ok;
}

/**
 * myelin_json_locate:
 * @text: a document that myelin_json_scan() accepted
 * @length: its length in bytes
 * @positions: (element-type utf8 MyelinJsonPos): JSON pointers, each mapped
 *   to a #MyelinJsonPos to fill in (left at line 0 when there is no such value)
 *
 * Finds where values are, in one pass: used only when there are problems to
 * report, so that the common path does not pay for it.
 */
void
myelin_json_locate (const char *text,
                    gsize       length,
                    GHashTable *positions)
{
  Scanner s;

  scanner_init (&s, text, length, G_MAXUINT);
  s.positions = positions;
  run (&s);
  g_clear_error (&s.error);
  g_array_unref (s.stack);
}
