/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MyelinJsonPos:
 * @line: 1-based line
 * @column: 1-based column, counted in characters
 *
 * A place in a JSON text. @line is 0 when unknown.
 */
typedef struct
{
  guint line;
  guint column;
} MyelinJsonPos;

/**
 * MyelinJsonBadValueFunc:
 * @pointer: the JSON pointer (RFC 6901) of the value
 * @reason: a sentence saying what is wrong with it
 *
 * Called for a value that is valid JSON but that json-glib would misread:
 * a string holding an escaped NUL, another C0 control character or a lone
 * surrogate, or a number too large to represent.
 */
typedef void (*MyelinJsonBadValueFunc) (const char *pointer,
                                        const char *reason,
                                        gpointer    user_data);

gboolean myelin_json_scan   (const char             *text,
                             gsize                   length,
                             guint                   max_depth,
                             MyelinJsonBadValueFunc  bad_value,
                             gpointer                user_data,
                             MyelinJsonPos          *error_pos,
                             GError                **error);

void     myelin_json_locate (const char             *text,
                             gsize                   length,
                             GHashTable             *positions);

char    *myelin_json_pointer_append (const char *pointer,
                                     const char *token);

G_END_DECLS
