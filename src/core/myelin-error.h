/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MYELIN_IMPORT_ERROR (myelin_import_error_quark ())
#define MYELIN_STORE_ERROR (myelin_store_error_quark ())

/**
 * MyelinImportError:
 *
 * Why a bundle was refused as a whole.
 */
typedef enum
{
  MYELIN_IMPORT_ERROR_UNREADABLE,      /* the file cannot be read */
  MYELIN_IMPORT_ERROR_TOO_LARGE,       /* over the size limit, refused before parsing */
  MYELIN_IMPORT_ERROR_NOT_UTF8,        /* bytes that are not UTF-8 */
  MYELIN_IMPORT_ERROR_SYNTAX,          /* not RFC 8259 JSON (line and column known) */
  MYELIN_IMPORT_ERROR_TOO_DEEP,        /* nesting over the depth limit */
  MYELIN_IMPORT_ERROR_INVALID,         /* invalid top level or bundle object */
  MYELIN_IMPORT_ERROR_NEWER_FORMAT,    /* format_version higher than we read */
  MYELIN_IMPORT_ERROR_TOO_MANY,        /* more articles than the limit */
  MYELIN_IMPORT_ERROR_STRICT,          /* strict mode and an article was invalid */
  MYELIN_IMPORT_ERROR_OLDER_REVISION,  /* a lower revision than the installed one */
  MYELIN_IMPORT_ERROR_CANCELLED,       /* unused: cancellation is G_IO_ERROR_CANCELLED */
} MyelinImportError;

/**
 * MyelinStoreError:
 *
 * Failures of the library database.
 */
typedef enum
{
  MYELIN_STORE_ERROR_OPEN,        /* the file cannot be opened or created */
  MYELIN_STORE_ERROR_CORRUPT,     /* the file is not a healthy Myelin library */
  MYELIN_STORE_ERROR_TOO_NEW,     /* made by a newer Myelin (schema version) */
  MYELIN_STORE_ERROR_FULL,        /* the disk or database is full */
  MYELIN_STORE_ERROR_READ_ONLY,   /* the library cannot be written */
  MYELIN_STORE_ERROR_BUSY,        /* another program held the library too long */
  MYELIN_STORE_ERROR_NOT_FOUND,   /* no such bundle or article */
  MYELIN_STORE_ERROR_FAILED,      /* any other SQLite failure */
  MYELIN_STORE_ERROR_INVALID,     /* a value the library cannot take (a malformed date) */
} MyelinStoreError;

GQuark myelin_import_error_quark (void);
GQuark myelin_store_error_quark  (void);

G_END_DECLS
