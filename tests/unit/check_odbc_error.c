/*
 * check_odbc_error.c
 *		Unit tests of ODBC diagnostics -> PostgreSQL errors. The driver
 *		messages are the ones the SQLite ODBC driver and psqlODBC really
 *		produce (captured from Debian 12's drivers).
 */
#include "backend/odbc_error.h"

#include <check.h>
#include <stdlib.h>

static PgError
map(SqlDialect d, const char *state, int native, const char *msg)
{
	PgError		err;

	odbc_map_error(d, state, native, msg, &err);
	return err;
}

START_TEST(test_sqlite_errors)
{
	PgError		e;

	e = map(DIALECT_SQLITE, "HY000", 1, "[SQLite]no such table: nosuch (1)");
	ck_assert_str_eq(e.sqlstate, "42P01");
	ck_assert_str_eq(e.message, "no such table: nosuch");

	e = map(DIALECT_SQLITE, "HY000", 1, "[SQLite]near \"selec\": syntax error (1)");
	ck_assert_str_eq(e.sqlstate, "42601");
	ck_assert_str_eq(e.message, "near \"selec\": syntax error");

	e = map(DIALECT_SQLITE, "HY000", 19, "[SQLite]UNIQUE constraint failed: t.id (19)");
	ck_assert_str_eq(e.sqlstate, "23505");
	e = map(DIALECT_SQLITE, "HY000", 1299, "[SQLite]NOT NULL constraint failed: t.v (1299)");
	ck_assert_str_eq(e.sqlstate, "23502");
	e = map(DIALECT_SQLITE, "HY000", 787, "[SQLite]FOREIGN KEY constraint failed (787)");
	ck_assert_str_eq(e.sqlstate, "23503");
	e = map(DIALECT_SQLITE, "HY000", 275, "[SQLite]CHECK constraint failed: c (275)");
	ck_assert_str_eq(e.sqlstate, "23514");
	e = map(DIALECT_SQLITE, "HY000", 1, "[SQLite]table t already exists (1)");
	ck_assert_str_eq(e.sqlstate, "42P07");
	e = map(DIALECT_SQLITE, "HY000", 1, "[SQLite]no such column: nope (1)");
	ck_assert_str_eq(e.sqlstate, "42703");
	e = map(DIALECT_SQLITE, "HY000", 5, "[SQLite]database is locked (5)");
	ck_assert_str_eq(e.sqlstate, "55P03");
	e = map(DIALECT_SQLITE, "HY000", 9, "[SQLite]interrupted (9)");
	ck_assert_str_eq(e.sqlstate, "57014");
	/* anything unrecognised is still an error with a SQLSTATE */
	e = map(DIALECT_SQLITE, "HY000", 1, "[SQLite]something new (1)");
	ck_assert_str_eq(e.sqlstate, "XX000");
	ck_assert_int_eq(e.severity, PGSEV_ERROR);
}
END_TEST

START_TEST(test_postgres_errors)
{
	PgError		e;

	e = map(DIALECT_POSTGRES, "42P01", 1,
			"ERROR: relation \"nosuch\" does not exist;\nError while executing the query");
	ck_assert_str_eq(e.sqlstate, "42P01");
	ck_assert_str_eq(e.message, "relation \"nosuch\" does not exist");

	e = map(DIALECT_POSTGRES, "23505", 1,
			"ERROR: duplicate key value violates unique constraint \"t_pkey\"\n"
			"DETAIL: Key (id)=(1) already exists.;\nError while executing the query");
	ck_assert_str_eq(e.sqlstate, "23505");
	ck_assert_str_eq(e.message, "duplicate key value violates unique constraint \"t_pkey\"");
	ck_assert_str_eq(e.detail, "Key (id)=(1) already exists.");

	/* ODBC's own classes still go through the generic map */
	e = map(DIALECT_POSTGRES, "42P01", 1,
			"ERROR: relation \"t\" does not exist;\nNo query has been executed with that handle");
	ck_assert_str_eq(e.message, "relation \"t\" does not exist");
	e = map(DIALECT_POSTGRES, "08S01", 35, "[unixODBC]Could not send Query(connection dead)");
	ck_assert_str_eq(e.sqlstate, "08006");
	ck_assert(odbc_error_is_connection_lost(&e));
	ck_assert_str_eq(e.message, "Could not send Query(connection dead)");
	e = map(DIALECT_POSTGRES, "57P01", 7, "FATAL: terminating connection due to administrator command");
	ck_assert_str_eq(e.message, "terminating connection due to administrator command");
	ck_assert(odbc_error_is_connection_lost(&e));
	e = map(DIALECT_POSTGRES, "42P01", 1, "ERROR: relation \"x\" does not exist");
	ck_assert(!odbc_error_is_connection_lost(&e));
	e = map(DIALECT_POSTGRES, "HY008", 0, "Operation canceled");
	ck_assert_str_eq(e.sqlstate, "57014");
}
END_TEST

START_TEST(test_iris_errors)
{
	PgError		e;

	e = map(DIALECT_IRIS, "S1000", 30,
			"[InterSystems IRIS ODBC35][State : S1000][Native Code 30]\n[SQLCODE: <-30>:<Table or view not found>]");
	ck_assert_str_eq(e.sqlstate, "42P01");
	ck_assert(e.detail[0] != '\0');
	e = map(DIALECT_IRIS, "23000", 119, "[SQLCODE: <-119>:<UNIQUE or PRIMARY KEY constraint failed uniqueness check upon INSERT>]");
	ck_assert_str_eq(e.sqlstate, "23505");
	e = map(DIALECT_IRIS, "42000", 1, "[SQLCODE: <-1>:<Invalid SQL statement>]");
	ck_assert_str_eq(e.sqlstate, "42601");
	/* an unknown SQLCODE falls back to the ODBC SQLSTATE */
	e = map(DIALECT_IRIS, "42S22", 9999, "something");
	ck_assert_str_eq(e.sqlstate, "42703");
}
END_TEST

START_TEST(test_generic_states)
{
	PgError		e;

	ck_assert_str_eq(map(DIALECT_SQLITE, "IM002", 0, "[unixODBC][Driver Manager]Data source name not found").sqlstate, "08001");
	e = map(DIALECT_SQLITE, "IM002", 0, "[unixODBC][Driver Manager]Data source name not found");
	ck_assert_str_eq(e.message, "Data source name not found");
	ck_assert_str_eq(map(DIALECT_SQLITE, "22012", 0, "division by zero").sqlstate, "22012");
	ck_assert_str_eq(map(DIALECT_SQLITE, "22018", 0, "bad cast").sqlstate, "22P02");
	ck_assert_str_eq(map(DIALECT_SQLITE, "40001", 0, "serialization").sqlstate, "40001");
	ck_assert_str_eq(map(DIALECT_SQLITE, "HYT00", 0, "timeout").sqlstate, "57014");
	ck_assert_str_eq(map(DIALECT_SQLITE, "HY001", 0, "memory").sqlstate, "53200");
	e = map(DIALECT_SQLITE, "HY000", 0, "");
	ck_assert_str_eq(e.message, "database error");
}
END_TEST

static Suite *
odbc_error_suite(void)
{
	Suite	   *s = suite_create("odbc_error");
	TCase	   *tc = tcase_create("map");

	tcase_add_test(tc, test_sqlite_errors);
	tcase_add_test(tc, test_postgres_errors);
	tcase_add_test(tc, test_iris_errors);
	tcase_add_test(tc, test_generic_states);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner    *sr = srunner_create(odbc_error_suite());
	int			failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
