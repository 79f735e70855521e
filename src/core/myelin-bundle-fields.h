/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typed, rule-checking readers for the members of one JSON object of a
 * bundle. Each failed rule becomes a problem with the member's pointer and
 * marks the object invalid, so that callers can read every field and report
 * every problem at once.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "myelin-import-report.h"
#include "myelin-text.h"

G_BEGIN_DECLS

typedef struct
{
  JsonObject *object;
  char       *pointer;       /* of the object itself */
  int         article_index; /* -1 outside articles */
  const char *article_id;    /* once known */
  GPtrArray  *problems;      /* MyelinProblem, owned */
  GPtrArray  *warnings;      /* MyelinProblem, owned */
} MyelinFields;

void        myelin_fields_init    (MyelinFields *fields,
                                   JsonObject   *object,
                                   const char   *pointer,
                                   int           article_index);
void        myelin_fields_clear   (MyelinFields *fields);
gboolean    myelin_fields_ok      (MyelinFields *fields);
char       *myelin_fields_pointer (MyelinFields *fields,
                                   const char   *key);
JsonNode   *myelin_fields_member  (MyelinFields *fields,
                                   const char   *key);
void        myelin_fields_problem (MyelinFields *fields,
                                   const char   *key,
                                   const char   *format,
                                   ...) G_GNUC_PRINTF (3, 4);
void        myelin_fields_warn    (MyelinFields *fields,
                                   const char   *key,
                                   const char   *format,
                                   ...) G_GNUC_PRINTF (3, 4);
void        myelin_fields_warn_unknown (MyelinFields       *fields,
                                        const char * const *known);

gboolean    myelin_fields_string  (MyelinFields *fields,
                                   const char   *key,
                                   gboolean      required,
                                   guint         min_chars,
                                   guint         max_chars,
                                   char        **out);
gboolean    myelin_fields_integer (MyelinFields *fields,
                                   const char   *key,
                                   gboolean      required,
                                   gint64        min,
                                   gint64        max,
                                   gint64       *out);
gboolean    myelin_fields_boolean (MyelinFields *fields,
                                   const char   *key,
                                   gint64       *out);
gboolean    myelin_fields_date    (MyelinFields *fields,
                                   const char   *key,
                                   gboolean      required,
                                   char        **out);
gboolean    myelin_fields_url     (MyelinFields *fields,
                                   const char   *key,
                                   char        **out);
JsonObject *myelin_fields_object  (MyelinFields *fields,
                                   const char   *key,
                                   gboolean      required);
JsonArray  *myelin_fields_array   (MyelinFields *fields,
                                   const char   *key,
                                   gboolean      required,
                                   guint         min_items,
                                   guint         max_items);
GPtrArray  *myelin_fields_string_array (MyelinFields *fields,
                                        const char   *key,
                                        gboolean      required,
                                        guint         min_items,
                                        guint         max_items,
                                        guint         max_chars);

G_END_DECLS
