/*
 * check_sqlite_vector.c
 *		Unit tests of pgwire_vector.so, the embedded default's vector
 *		functions, loaded into an in-memory SQLite database the way the
 *		SQLite ODBC driver loads it: distances equal pgvector's, text in and
 *		out as pgvector writes it, pgvector's errors.
 */
#include "tests/unit/sqlite_extension.h"

#include <check.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db;

static void
open_db(void)
{
	db = open_with_extension();
}

static void
close_db(void)
{
	sqlite3_close(db);
}

/* The one value of sql as text ("NULL" for NULL), or "ERROR: message". */
static const char *
eval(const char *sql)
{
	static char result[65536];
	sqlite3_stmt *st;
	int			rc;

	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK, "%s: %s", sql, sqlite3_errmsg(db));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
	{
		const unsigned char *t = sqlite3_column_text(st, 0);

		snprintf(result, sizeof(result), "%s", t ? (const char *) t : "NULL");
	}
	else
		snprintf(result, sizeof(result), "ERROR: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return result;
}

static double
eval_double(const char *sql)
{
	return strtod(eval(sql), NULL);
}

START_TEST(test_text_round_trip)
{
	ck_assert_str_eq(eval("SELECT pgw_vector_text(pgw_vector('[1,2,3]'))"), "[1,2,3]");
	ck_assert_str_eq(eval("SELECT pgw_vector_text(pgw_vector(' [ 1.5 , -2e-3,0.1 ] '))"), "[1.5,-0.002,0.1]");
	ck_assert_str_eq(eval("SELECT pgw_vector_text('[3.4028235e38]')"), "[3.4028235e+38]");
	ck_assert_str_eq(eval("SELECT length(pgw_vector('[1,2,3]'))"), "12");
	ck_assert_str_eq(eval("SELECT pgw_vector_dims(pgw_vector('[1,2,3,4]'))"), "4");
	ck_assert_str_eq(eval("SELECT pgw_vector_dims('[1,2]')"), "2");
	ck_assert_str_eq(eval("SELECT pgw_vector_text(NULL)"), "NULL");
}
END_TEST

START_TEST(test_distances)
{
	ck_assert_double_eq_tol(eval_double("SELECT pgw_l2_distance('[0,0]', '[3,4]')"), 5.0, 1e-12);
	ck_assert_double_eq_tol(eval_double("SELECT pgw_l2_distance(pgw_vector('[1,2,3]'), '[1,2,3]')"), 0.0, 1e-12);
	ck_assert_double_eq_tol(eval_double("SELECT pgw_inner_product('[1,2,3]', '[4,5,6]')"), 32.0, 1e-12);
	ck_assert_double_eq_tol(eval_double("SELECT pgw_negative_inner_product('[1,2,3]', '[4,5,6]')"), -32.0, 1e-12);
	ck_assert_double_eq_tol(eval_double("SELECT pgw_cosine_distance('[1,0]', '[0,1]')"), 1.0, 1e-12);
	ck_assert_double_eq_tol(eval_double("SELECT pgw_cosine_distance('[1,1]', '[2,2]')"), 0.0, 1e-12);
	ck_assert_double_eq_tol(eval_double("SELECT pgw_cosine_distance('[1,0]', '[-1,0]')"), 2.0, 1e-12);
	ck_assert_double_eq_tol(eval_double("SELECT pgw_l1_distance('[1,2]', '[4,-2]')"), 7.0, 1e-12);
	ck_assert_double_eq_tol(eval_double("SELECT pgw_l2_norm('[3,4]')"), 5.0, 1e-12);
	/* pgvector: a zero vector's cosine distance is NaN; SQLite has no NaN */
	ck_assert_str_eq(eval("SELECT pgw_cosine_distance('[0,0]', '[1,1]')"), "NULL");
	ck_assert_str_eq(eval("SELECT pgw_l2_distance(NULL, '[1]')"), "NULL");
}
END_TEST

/* a nearest-neighbour query over stored BLOBs ranks as pgvector does */
START_TEST(test_ranking)
{
	char	   *err = NULL;

	ck_assert_int_eq(sqlite3_exec(db,
								  "CREATE TABLE items (id integer, embedding blob);"
								  "INSERT INTO items VALUES (1, pgw_vector('[1,0,0]')), (2, pgw_vector('[0,1,0]')),"
								  " (3, pgw_vector('[0.9,0.1,0]')), (4, NULL)", NULL, NULL, &err), SQLITE_OK);
	ck_assert_str_eq(eval("SELECT group_concat(id) FROM (SELECT id FROM items WHERE embedding IS NOT NULL"
						  " ORDER BY pgw_cosine_distance(embedding, '[1,0,0]') LIMIT 2)"), "1,3");
	ck_assert_str_eq(eval("SELECT group_concat(id) FROM (SELECT id FROM items WHERE embedding IS NOT NULL"
						  " ORDER BY pgw_l2_distance(embedding, '[0,1,0]'))"), "2,3,1");
	ck_assert_str_eq(eval("SELECT group_concat(id) FROM (SELECT id FROM items WHERE embedding IS NOT NULL"
						  " ORDER BY pgw_negative_inner_product(embedding, '[1,1,0]'))"), "1,2,3");
}
END_TEST

START_TEST(test_errors)
{
	ck_assert_str_eq(eval("SELECT pgw_vector('1,2')"),
					 "ERROR: invalid input syntax for type vector: \"1,2\": Vector contents must start with \"[\".");
	ck_assert_str_eq(eval("SELECT pgw_vector('[1,,2]')"), "ERROR: invalid input syntax for type vector: \"[1,,2]\"");
	ck_assert_str_eq(eval("SELECT pgw_vector('[1,2] x')"),
					 "ERROR: invalid input syntax for type vector: \"[1,2] x\": Junk after closing right brace.");
	ck_assert_str_eq(eval("SELECT pgw_vector('[]')"), "ERROR: vector must have at least 1 dimension");
	ck_assert_str_eq(eval("SELECT pgw_vector('[1,NaN]')"), "ERROR: NaN not allowed in vector");
	ck_assert_str_eq(eval("SELECT pgw_vector('[1e39]')"), "ERROR: infinite value not allowed in vector");
	ck_assert_str_eq(eval("SELECT pgw_l2_distance('[1,2]', '[1,2,3]')"), "ERROR: different vector dimensions 2 and 3");
	ck_assert_str_eq(eval("SELECT pgw_vector('[1,2]', 3)"), "ERROR: expected 3 dimensions, not 2");
	ck_assert_str_eq(eval("SELECT length(pgw_vector('[1,2,3]', 3))"), "12");
	ck_assert_str_eq(eval("SELECT pgw_vector_dims(x'010203')"),
					 "ERROR: a vector BLOB must hold 1 to 16000 float4 values");
}
END_TEST

/* 16,000 dimensions (pgvector's most) in and out; one more is an error */
START_TEST(test_dimensions)
{
	size_t		cap = 16001 * 4 + 64;
	char	   *sql = malloc(cap);
	size_t		len;

	ck_assert_ptr_nonnull(sql);
	len = (size_t) snprintf(sql, cap, "SELECT pgw_vector_dims('[");
	for (int i = 0; i < 16000; i++)
		len += (size_t) snprintf(sql + len, cap - len, i ? ",1" : "1");
	snprintf(sql + len, cap - len, "]')");
	ck_assert_str_eq(eval(sql), "16000");
	snprintf(sql + len, cap - len, ",1]')");
	ck_assert_str_eq(eval(sql), "ERROR: vector cannot have more than 16000 dimensions");
	free(sql);
}
END_TEST

static Suite *
vector_suite(void)
{
	Suite	   *s = suite_create("sqlite_vector");
	TCase	   *tc = tcase_create("functions");

	tcase_add_checked_fixture(tc, open_db, close_db);
	tcase_add_test(tc, test_text_round_trip);
	tcase_add_test(tc, test_distances);
	tcase_add_test(tc, test_ranking);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_dimensions);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner    *sr = srunner_create(vector_suite());
	int			failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
