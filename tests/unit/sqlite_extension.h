/*
 * sqlite_extension.h
 *		For the unit tests of pgwire_vector.so: an in-memory SQLite database
 *		with the extension loaded, the way the SQLite ODBC driver loads it
 *		(from PGWIRE_BUILDDIR, which make check sets).
 */
#ifndef PGW_TESTS_SQLITE_EXTENSION_H
#define PGW_TESTS_SQLITE_EXTENSION_H

#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static inline sqlite3 *
open_with_extension(void)
{
	const char *dir = getenv("PGWIRE_BUILDDIR");
	char		path[4096];
	char	   *err = NULL;
	sqlite3    *db;

	snprintf(path, sizeof(path), "%s/pgwire_vector.so", dir ? dir : ".");
	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_enable_load_extension(db, 1), SQLITE_OK);
	ck_assert_msg(sqlite3_load_extension(db, path, NULL, &err) == SQLITE_OK, "load %s: %s", path,
				  err ? err : "?");
	return db;
}

#endif							/* PGW_TESTS_SQLITE_EXTENSION_H */
