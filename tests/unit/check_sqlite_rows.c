/*
 * check_sqlite_rows.c
 *		Unit tests of COPY's packed batches: rows packed by batch_pack.c,
 *		inserted through pgwire_rows() of pgwire_vector.so loaded into an
 *		in-memory SQLite, store exactly what binding the same values as the
 *		SQLite ODBC driver binds them stores; a malformed batch is an
 *		error, never a crash.
 */
#include "backend/batch_pack.h"
#include "backend/sqlite_rows.h"
#include "tests/unit/sqlite_extension.h"

#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db;

/* The columns: every C type COPY binds, and text and numbers across affinities. */
#define NCOLS	11
static const char *const table_columns =
	"(i INTEGER, b BOOLEAN, f REAL, x TEXT, e TEXT, y BYTEA, z BYTEA, n TEXT, v BLOB, ti INTEGER, tn TEXT)";

static void
open_db(void)
{
	char		sql[512];

	db = open_with_extension();
	snprintf(sql, sizeof(sql), "CREATE TABLE packed %s; CREATE TABLE bound %s", table_columns, table_columns);
	ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void
close_db(void)
{
	sqlite3_close(db);
}

/* Staged rows, as odbc_param_from_value() leaves them. */
typedef struct Rows
{
	BoundParam	cells[16 * NCOLS];
	int			n;				/* cells so far */
	Buf			values;
} Rows;

static void
add(Rows *r, SQLSMALLINT c_type, SQLSMALLINT sql_type, const void *data, SQLLEN len)
{
	BoundParam *p = &r->cells[r->n++];

	while (r->values.len % 8 != 0)
		buf_append_byte(&r->values, 0);
	p->c_type = c_type;
	p->sql_type = sql_type;
	p->offset = r->values.len;
	p->length = len;
	buf_append(&r->values, data, len == SQL_NULL_DATA ? 1 : (size_t) len);
}

static void
add_int(Rows *r, SQLBIGINT v)
{
	add(r, SQL_C_SBIGINT, SQL_BIGINT, &v, sizeof(v));
}

static void
add_text(Rows *r, const char *s)
{
	add(r, SQL_C_CHAR, SQL_VARCHAR, s, (SQLLEN) strlen(s));
}

static void
add_null(Rows *r)
{
	add(r, SQL_C_CHAR, SQL_VARCHAR, "", SQL_NULL_DATA);
}

/* Two rows over every column: values, then extremes and NULLs. */
static void
make_rows(Rows *r)
{
	SQLCHAR		yes = 1;
	SQLCHAR		no = 0;
	SQLDOUBLE	d = 1.5;
	SQLDOUBLE	negzero = -0.0;
	float		vec[3] = {1.0f, -2.5f, 3e-3f};

	memset(r, 0, sizeof(*r));
	buf_init(&r->values);
	add_int(r, 7);
	add(r, SQL_C_BIT, SQL_BIT, &yes, 1);
	add(r, SQL_C_DOUBLE, SQL_DOUBLE, &d, sizeof(d));
	add_text(r, "h\xc3\xa9llo, 'quoted'");
	add_text(r, "");
	add(r, SQL_C_BINARY, SQL_VARBINARY, "\0\1\xff", 3);
	add(r, SQL_C_BINARY, SQL_VARBINARY, "", 0);
	add_null(r);
	add(r, SQL_C_BINARY, SQL_VARBINARY, vec, sizeof(vec));
	add_text(r, "42");			/* text into an INTEGER column: the affinity makes it 42 */
	add_int(r, 5);				/* an integer into a TEXT column: '5' */

	add_int(r, INT64_MIN);
	add(r, SQL_C_BIT, SQL_BIT, &no, 1);
	add(r, SQL_C_DOUBLE, SQL_DOUBLE, &negzero, sizeof(negzero));
	for (int j = 3; j < NCOLS - 1; j++)
		add_null(r);
	add_text(r, "  12  ");
}

/* Bind p as the SQLite ODBC driver binds it (setupparam() and s3bind() in sqlite3odbc.c). */
static void
bind_like_driver(sqlite3_stmt *st, int k, const BoundParam *p, const Buf *values)
{
	const char *data = values->data + p->offset;
	SQLBIGINT	i;
	SQLDOUBLE	d;

	if (p->length == SQL_NULL_DATA)
		sqlite3_bind_null(st, k);
	else if (p->c_type == SQL_C_SBIGINT)
	{
		memcpy(&i, data, sizeof(i));
		sqlite3_bind_int64(st, k, i);
	}
	else if (p->c_type == SQL_C_BIT)
		sqlite3_bind_int(st, k, *data ? 1 : 0);
	else if (p->c_type == SQL_C_DOUBLE)
	{
		memcpy(&d, data, sizeof(d));
		sqlite3_bind_double(st, k, d);
	}
	else if (p->c_type == SQL_C_BINARY)
		sqlite3_bind_blob(st, k, data, (int) p->length, SQLITE_STATIC);
	else
		sqlite3_bind_text(st, k, data, (int) p->length, SQLITE_STATIC);
}

static void
insert_bound(const Rows *r)
{
	sqlite3_stmt *st;

	ck_assert_int_eq(sqlite3_prepare_v2(db, "INSERT INTO bound VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
										-1, &st, NULL), SQLITE_OK);
	for (int row = 0; row < r->n / NCOLS; row++)
	{
		for (int j = 0; j < NCOLS; j++)
			bind_like_driver(st, j + 1, &r->cells[row * NCOLS + j], &r->values);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

/* Run sql with blob bound to its one parameter: "" or "ERROR: message". */
static const char *
run_with_blob(const char *sql, const void *blob, int len)
{
	static char result[1024];
	sqlite3_stmt *st;
	int			rc;

	result[0] = '\0';
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
	{
		snprintf(result, sizeof(result), "ERROR: %s", sqlite3_errmsg(db));
		return result;
	}
	if (blob != NULL)
		sqlite3_bind_blob(st, 1, blob, len, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE)
		snprintf(result, sizeof(result), "ERROR: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return result;
}

static void
insert_packed(const Rows *r, size_t max_bytes)
{
	Buf			blob;
	PgError		err;
	int			from = 0;

	buf_init(&blob);
	while (from < r->n / NCOLS)
	{
		int			end;

		ck_assert(batch_pack_rows(r->cells, NCOLS, &r->values, from, r->n / NCOLS, max_bytes, &blob,
								  &end, &err));
		ck_assert_int_gt(end, from);
		ck_assert_str_eq(run_with_blob("INSERT INTO packed SELECT c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10 "
									   "FROM pgwire_rows(?)", blob.data, (int) blob.len), "");
		from = end;
	}
	buf_free(&blob);
}

/* Every stored value of table as "typeof:quote" lines, in row order. */
static char *
dump(const char *table)
{
	static char out[2][8192];
	static int	which;
	char		sql[256];
	sqlite3_stmt *st;
	size_t		len = 0;
	char	   *o = out[which ^= 1];

	snprintf(sql, sizeof(sql), "SELECT * FROM %s ORDER BY rowid", table);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	o[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW)
	{
		for (int j = 0; j < sqlite3_column_count(st); j++)
		{
			sqlite3_stmt *q;

			ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT typeof(?1) || ':' || quote(?1)", -1, &q, NULL),
							 SQLITE_OK);
			sqlite3_bind_value(q, 1, sqlite3_column_value(st, j));
			ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
			len += (size_t) snprintf(o + len, sizeof(out[0]) - len, "%s\n", sqlite3_column_text(q, 0));
			sqlite3_finalize(q);
		}
	}
	sqlite3_finalize(st);
	return o;
}

START_TEST(test_same_as_bound)
{
	Rows		r;
	const char *packed;

	make_rows(&r);
	insert_bound(&r);
	insert_packed(&r, 1 << 20);
	packed = dump("packed");
	ck_assert_str_eq(packed, dump("bound"));
	ck_assert_str_eq(packed,
					 "integer:7\ninteger:1\nreal:1.5\ntext:'h\xc3\xa9llo, ''quoted'''\ntext:''\n"
					 "blob:X'0001FF'\nblob:X''\nnull:NULL\nblob:X'0000803F000020C0A69B443B'\ninteger:42\ntext:'5'\n"
					 "integer:-9223372036854775808\ninteger:0\nreal:0.0\nnull:NULL\nnull:NULL\nnull:NULL\n"
					 "null:NULL\nnull:NULL\nnull:NULL\nnull:NULL\ntext:'  12  '\n");
	buf_free(&r.values);
}
END_TEST

/* A small max_bytes: one row a batch, the same rows in the same order. */
START_TEST(test_split_by_bytes)
{
	Rows		r;

	make_rows(&r);
	insert_bound(&r);
	insert_packed(&r, 1);
	ck_assert_str_eq(dump("packed"), dump("bound"));
	buf_free(&r.values);
}
END_TEST

/*
 * A C type with no packed storage class is refused, not guessed; so are
 * more columns than pgwire_rows has.
 */
START_TEST(test_refused)
{
	Rows		r;
	Buf			blob;
	PgError		err;
	int			end;
	SQLINTEGER	v = 1;

	memset(&r, 0, sizeof(r));
	buf_init(&r.values);
	buf_init(&blob);
	add(&r, SQL_C_SLONG, SQL_INTEGER, &v, sizeof(v));
	ck_assert(!batch_pack_rows(r.cells, 1, &r.values, 0, 1, 1024, &blob, &end, &err));
	ck_assert_str_eq(err.sqlstate, ERRCODE_INTERNAL_ERROR);
	ck_assert(!batch_pack_rows(r.cells, PGW_ROWS_MAX_COLUMNS + 1, &r.values, 0, 0, 1024, &blob, &end, &err));
	ck_assert_str_eq(err.sqlstate, ERRCODE_PROGRAM_LIMIT_EXCEEDED);
	buf_free(&blob);
	buf_free(&r.values);
}
END_TEST

/* Batches that are not what sqlite_rows.h describes, and their errors. */
typedef struct BadBatch
{
	const char *bytes;
	int			len;
	const char *error;			/* "" for none */
} BadBatch;

#define BATCH(s, error) {s, sizeof(s) - 1, error}

static const BadBatch bad_batches[] = {
	BATCH("\2\0\0\0", ""),	/* two columns, no rows */
	{NULL, 0, ""},				/* NULL: no rows */
	BATCH("\2\0\0\0nt\310\0\0\0x", "at byte 5"),	/* text of 200 bytes, 1 there */
	BATCH("\2\0\0\0nq", "at byte 5"),	/* no such tag */
	BATCH("\2\0\0\0n", "at byte 5"),	/* a row's second value missing */
	BATCH("\2\0\0\0ni\1\2", "at byte 5"),	/* an integer of 2 bytes */
	BATCH("\0\0\0\0", "at byte 0"),	/* no columns */
	BATCH("\101\6\0\0", "at byte 0"),	/* 1601 columns */
	BATCH("abc", "at byte 0"),	/* no header */
};

START_TEST(test_malformed)
{
	static const char insert[] = "INSERT INTO packed (i, x) SELECT c0, c1 FROM pgwire_rows(?)";
	static const char good[] = "\2\0\0\0i\1\0\0\0\0\0\0\0t\2\0\0\0ok";

	ck_assert_str_eq(run_with_blob(insert, good, sizeof(good) - 1), "");
	for (size_t i = 0; i < sizeof(bad_batches) / sizeof(bad_batches[0]); i++)
	{
		const BadBatch *b = &bad_batches[i];
		char		expected[128] = "";

		if (b->error[0] != '\0')
			snprintf(expected, sizeof(expected), "ERROR: pgwire_rows(): malformed batch %s", b->error);
		ck_assert_str_eq(run_with_blob(insert, b->bytes, b->len), expected);
	}
	ck_assert_str_eq(run_with_blob("SELECT c0 FROM pgwire_rows('text, not a batch')", NULL, 0),
					 "ERROR: pgwire_rows(): malformed batch at byte 0");
	ck_assert_str_eq(run_with_blob("SELECT c0 FROM pgwire_rows", NULL, 0),
					 "ERROR: pgwire_rows() takes one argument, a batch of rows");
	ck_assert_str_eq(run_with_blob("CREATE VIRTUAL TABLE v USING pgwire_rows", NULL, 0),
					 "ERROR: no such module: pgwire_rows");
	/* only the good row went in */
	ck_assert_str_eq(dump("packed"), "integer:1\nnull:NULL\nnull:NULL\ntext:'ok'\nnull:NULL\nnull:NULL\n"
					 "null:NULL\nnull:NULL\nnull:NULL\nnull:NULL\nnull:NULL\n");
}
END_TEST

static Suite *
rows_suite(void)
{
	Suite	   *s = suite_create("sqlite_rows");
	TCase	   *tc = tcase_create("pgwire_rows");

	tcase_add_checked_fixture(tc, open_db, close_db);
	tcase_add_test(tc, test_same_as_bound);
	tcase_add_test(tc, test_split_by_bytes);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_malformed);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner    *sr = srunner_create(rows_suite());
	int			failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
