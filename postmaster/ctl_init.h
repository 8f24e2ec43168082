/*
 * ctl_init.h
 *		pgwire-ctl init: create a data directory.
 */
#ifndef PGW_CTL_INIT_H
#define PGW_CTL_INIT_H

#include "common/base.h"

/* Path of Debian's SQLite 3 ODBC driver, used by the embedded default. */
#define SQLITE_ODBC_DRIVER "/usr/lib/x86_64-linux-gnu/odbc/libsqlite3odbc.so"

/* pgwire's SQLite extension with pgvector's functions (backend/sqlite_vector.c) */
#define VECTOR_EXTENSION "pgwire_vector.so"

/*
 * Create data_dir (which must not exist or be empty) with a commented
 * pgwire.yaml serving a SQLite database file inside it. Prints what it
 * does; returns false after printing why it failed.
 */
bool		ctl_init_data_dir(const char *progname, const char *data_dir) PGW_MUSTCHECK;

#endif							/* PGW_CTL_INIT_H */
