/*
 * odbc_params.c
 *		Client parameter values -> ODBC parameter bindings.
 *
 * Owns: the choice of ODBC C and SQL types for each decoded value, the
 * SQLBindParameter calls and the execution that sends the values. Numbers
 * and booleans are bound as numbers so the database compares and stores
 * them as such; dates and times as the text PostgreSQL would print (SQLite
 * stores them as text; the other drivers convert it); everything else as
 * UTF-8 text or bytes. A long text or binary value is bound as data at
 * execution (SQL_LEN_DATA_AT_EXEC) and sent in pieces through SQLPutData,
 * as drivers expect long data (IRIS's report of large vector parameters
 * failing from external connections: iris-dialect.md, "Vectors"); text is
 * cut between characters, never inside one.
 */
#include "backend/odbc_params.h"

#include "backend/odbc_meta.h"
#include "backend/odbc_result.h"
#include "common/types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SUCCEEDED(rc) ((rc) == SQL_SUCCESS || (rc) == SQL_SUCCESS_WITH_INFO)

/* Append v's bytes to values, aligned for the C type. */
static size_t
append_aligned(Buf *values, const void *data, size_t len)
{
	size_t		pad = (8 - values->len % 8) % 8;
	size_t		offset;

	for (size_t i = 0; i < pad; i++)
		buf_append_byte(values, 0);
	offset = values->len;
	buf_append(values, data, len);
	return offset;
}

/* The SQL type a date/time value is declared as, per dialect. */
static SQLSMALLINT
datetime_sql_type(SqlDialect dialect, PgValueKind kind)
{
	if (dialect == DIALECT_SQLITE)
		return SQL_VARCHAR;
	switch (kind)
	{
		case PGV_DATE:
			return SQL_TYPE_DATE;
		case PGV_TIME:
			return SQL_TYPE_TIME;
		default:
			return SQL_TYPE_TIMESTAMP;
	}
}

/* Dates, times, intervals, uuids, IRIS's vectors: bound as PostgreSQL's text form. */
static bool
bind_as_text(SqlDialect dialect, const PgValue *v, uint32_t type_oid, Buf *values, BoundParam *out,
			 PgError *err)
{
	TypeFormat	fmt = {.extra_float_digits = 1};
	Buf			text;

	buf_init(&text);
	pgtype_output(type_oid, v, &fmt, &text);
	if (buf_failed(&text))
	{
		buf_free(&text);
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	out->c_type = SQL_C_CHAR;
	out->sql_type = (v->kind == PGV_DATE || v->kind == PGV_TIME ||
					 v->kind == PGV_TIMESTAMP || v->kind == PGV_TIMESTAMPTZ) ?
		datetime_sql_type(dialect, v->kind) : SQL_VARCHAR;
	out->length = (SQLLEN) text.len;
	out->offset = append_aligned(values, text.data ? text.data : "", text.len);
	buf_append_byte(values, 0);
	buf_free(&text);
	return true;
}

bool
odbc_param_from_value(SqlDialect dialect, const PgValue *v, uint32_t type_oid,
					  Buf *values, BoundParam *out, PgError *err)
{
	memset(out, 0, sizeof(*out));
	switch (v->kind)
	{
		case PGV_NULL:
			out->c_type = SQL_C_CHAR;
			out->sql_type = SQL_VARCHAR;
			out->length = SQL_NULL_DATA;
			out->offset = append_aligned(values, "", 1);
			break;
		case PGV_BOOL:
			{
				SQLCHAR		b = v->u.b ? 1 : 0;

				out->c_type = SQL_C_BIT;
				out->sql_type = SQL_BIT;
				out->length = 1;
				out->offset = append_aligned(values, &b, 1);
				break;
			}
		case PGV_INT:
			{
				SQLBIGINT	i = v->u.i;

				out->c_type = SQL_C_SBIGINT;
				out->sql_type = SQL_BIGINT;
				out->length = sizeof(i);
				out->offset = append_aligned(values, &i, sizeof(i));
				break;
			}
		case PGV_FLOAT4:
		case PGV_FLOAT8:
			{
				SQLDOUBLE	d = v->kind == PGV_FLOAT4 ? (double) v->u.f4 : v->u.f8;

				out->c_type = SQL_C_DOUBLE;
				out->sql_type = SQL_DOUBLE;
				out->length = sizeof(d);
				out->offset = append_aligned(values, &d, sizeof(d));
				break;
			}
		case PGV_BYTES:
			out->c_type = SQL_C_BINARY;
			out->sql_type = SQL_VARBINARY;
			out->length = (SQLLEN) v->u.text.len;
			out->offset = append_aligned(values, v->u.text.data, v->u.text.len);
			break;
		case PGV_VECTOR:
			if (dialect == DIALECT_SQLITE)
			{
				/* pgwire_vector.so's storage: the float4 values, machine order */
				out->c_type = SQL_C_BINARY;
				out->sql_type = SQL_VARBINARY;
				out->length = (SQLLEN) (sizeof(float) * (size_t) v->u.vector.dims);
				out->offset = append_aligned(values, v->u.vector.values, (size_t) out->length);
				break;
			}
			/* IRIS: the text TO_VECTOR reads */
			return bind_as_text(dialect, v, type_oid, values, out, err);
		case PGV_TEXT:
		case PGV_NUMERIC:
			out->c_type = SQL_C_CHAR;
			out->sql_type = (v->kind == PGV_NUMERIC && dialect != DIALECT_SQLITE) ?
				SQL_NUMERIC : SQL_VARCHAR;
			out->length = (SQLLEN) v->u.text.len;
			out->offset = append_aligned(values, v->u.text.data, v->u.text.len);
			buf_append_byte(values, 0);
			break;
		default:
			return bind_as_text(dialect, v, type_oid, values, out, err);
	}
	if (buf_failed(values))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	out->at_exec = out->length > 0 ? SQL_LEN_DATA_AT_EXEC(out->length) : 0;
	return true;
}

/* Is p sent in pieces at execution time? */
static bool
put_in_pieces(const OdbcConn *conn, const BoundParam *p)
{
	return conn->put_data && p->length > ODBC_PUT_DATA_ABOVE &&
		(p->c_type == SQL_C_CHAR || p->c_type == SQL_C_BINARY);
}

static bool
bind_params(OdbcConn *conn, SQLHSTMT hstmt, const ParamMap *map, const BoundParam *params,
			const Buf *values, PgError *err)
{
	for (size_t k = 0; k < map->count; k++)
	{
		const BoundParam *p = &params[map->markers[k] - 1];
		bool		pieces = put_in_pieces(conn, p);
		SQLULEN		column_size = p->length > 0 ? (SQLULEN) p->length : 1;
		SQLRETURN	rc;

		/*
		 * SQLBindParameter keeps the pointers: they live in the portal's
		 * params. In pieces, the data pointer is the token SQLParamData
		 * gives back: the parameter.
		 */
		rc = SQLBindParameter(hstmt, (SQLUSMALLINT) (k + 1), SQL_PARAM_INPUT, p->c_type,
							  p->sql_type, column_size, 0,
							  pieces ? (SQLPOINTER) p : (SQLPOINTER) (values->data + p->offset),
							  pieces || p->length < 0 ? 0 : p->length,
							  (SQLLEN *) (pieces ? &p->at_exec : &p->length));
		if (!SUCCEEDED(rc))
		{
			odbc_report(conn, SQL_HANDLE_STMT, hstmt, err);
			return false;
		}
	}
	return true;
}

/* How much of text[0..len) a piece of at most max bytes takes: whole characters. */
static size_t
piece_length(const char *text, size_t len, size_t max)
{
	size_t		n = Min(len, max);

	/* back off UTF-8 continuation bytes (10xxxxxx): the piece ends before a character */
	while (n < len && n > 0 && ((unsigned char) text[n] & 0xC0) == 0x80)
		n--;
	return n > 0 ? n : Min(len, max);
}

/*
 * The driver asks for the next value bound in pieces (SQLParamData): send
 * it (SQLPutData). SQL_NEED_DATA while it may ask for more, else how the
 * execution ended.
 */
static SQLRETURN
put_next_value(SQLHSTMT hstmt, const Buf *values)
{
	SQLPOINTER	token;
	SQLRETURN	rc = SQLParamData(hstmt, &token);
	const BoundParam *p = token;
	const char *data;
	size_t		left;

	if (rc != SQL_NEED_DATA)
		return rc;
	data = values->data + p->offset;
	left = (size_t) p->length;
	while (left > 0)
	{
		size_t		n = p->c_type == SQL_C_CHAR ? piece_length(data, left, ODBC_PUT_DATA_PIECE) :
			Min(left, (size_t) ODBC_PUT_DATA_PIECE);

		rc = SQLPutData(hstmt, (SQLPOINTER) data, (SQLLEN) n);
		if (!SUCCEEDED(rc))
			return rc;
		data += n;
		left -= n;
	}
	return SQL_NEED_DATA;
}

bool
odbc_execute_params(OdbcConn *conn, SQLHSTMT hstmt, const ParamMap *map,
					const BoundParam *params, const Buf *values, PgError *err)
{
	SQLRETURN	rc;
	bool		in_pieces;

	if (!bind_params(conn, hstmt, map, params, values, err))
		return false;
	rc = SQLExecute(hstmt);
	in_pieces = rc == SQL_NEED_DATA;
	while (rc == SQL_NEED_DATA)
		rc = put_next_value(hstmt, values);
	/* ODBC 3: a searched UPDATE/DELETE that touched no row returns SQL_NO_DATA */
	if (SUCCEEDED(rc) || rc == SQL_NO_DATA)
		return true;
	odbc_report(conn, SQL_HANDLE_STMT, hstmt, err);
	/* a piece that failed leaves the statement waiting for data: end that first */
	if (in_pieces)
		(void) SQLCancel(hstmt);
	odbc_stmt_close(hstmt);
	return false;
}

uint32_t
odbc_describe_param_type(SQLHSTMT hstmt, int marker)
{
	SQLSMALLINT sql_type = 0;
	SQLULEN		size = 0;
	SQLSMALLINT digits = 0;
	SQLSMALLINT nullable = 0;
	SQLRETURN	rc;
	uint32_t	oid;

	rc = SQLDescribeParam(hstmt, (SQLUSMALLINT) marker, &sql_type, &size, &digits, &nullable);
	if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO)
		return 0;
	oid = odbc_sql_type_oid(sql_type);
	return (oid == VARCHAROID || oid == BPCHAROID) ? 0 : oid;
}

bool
odbc_table_columns(OdbcConn *conn, const char *table, TableColumns *out)
{
	CatTableRef ref;
	CatDetails	d = {0};
	PgError		err;
	bool		ok = true;

	memset(out, 0, sizeof(*out));
	snprintf(out->table, sizeof(out->table), "%s", table);
	memset(&ref, 0, sizeof(ref));
	snprintf(ref.name, sizeof(ref.name), "%s", table);
	/* a table the driver cannot describe has no columns: parameters stay untyped */
	if (odbc_meta_columns(conn, &ref, true, &d, &err) && d.ncolumns > 0)
	{
		out->names = calloc(d.ncolumns, sizeof(*out->names));
		out->types = calloc(d.ncolumns, sizeof(uint32_t));
		out->dims = calloc(d.ncolumns, sizeof(int32_t));
		ok = out->names != NULL && out->types != NULL && out->dims != NULL;
		for (size_t i = 0; ok && i < d.ncolumns; i++)
		{
			snprintf(out->names[i], sizeof(out->names[i]), "%s", d.columns[i].name);
			out->types[i] = d.columns[i].type_oid;
			/* vector(n): pg_attribute's typmod is n */
			out->dims[i] = d.columns[i].type_oid == VECTOROID && d.columns[i].typmod > 0 ? d.columns[i].typmod : 0;
		}
		out->count = ok ? (int) d.ncolumns : 0;
	}
	cat_details_free(&d);
	return ok;
}

void
odbc_table_columns_free(TableColumns *cols)
{
	free(cols->names);
	free(cols->types);
	free(cols->dims);
	memset(cols, 0, sizeof(*cols));
}

int32_t
odbc_table_column_dims(const TableColumns *cols, const char *column, int ordinal)
{
	for (int i = 0; i < cols->count; i++)
	{
		if (column ? strcasecmp(cols->names[i], column) == 0 : i + 1 == ordinal)
			return cols->dims[i];
	}
	return 0;
}

uint32_t
odbc_table_column_type(const TableColumns *cols, const char *column, int ordinal)
{
	for (int i = 0; i < cols->count; i++)
	{
		if (column ? strcasecmp(cols->names[i], column) == 0 : i + 1 == ordinal)
			return cols->types[i];
	}
	return 0;
}
