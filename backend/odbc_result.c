/*
 * odbc_result.c
 *		ODBC result sets -> RowDescription and DataRow messages.
 *
 * Owns: choosing a PostgreSQL type for each ODBC column (from the driver's
 * type name when it is a PostgreSQL type, else from the ODBC SQL type), and
 * encoding each value in PostgreSQL's text format directly into the output
 * buffer. Long values are fetched in pieces with SQLGetData, growing the
 * output buffer, never through a separate copy. A value the client wants in
 * binary is made the same way, then read back with the type's input
 * function and written with its send function (common/types.h), so both
 * formats always carry the same value.
 */
#include "backend/odbc_result.h"

#include "common/protocol.h"
#include "common/types.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SUCCEEDED(rc) ((rc) == SQL_SUCCESS || (rc) == SQL_SUCCESS_WITH_INFO)

uint32_t
odbc_sql_type_oid(SQLSMALLINT sql_type)
{
	switch (sql_type)
	{
		case SQL_BIT:
			return BOOLOID;
		case SQL_TINYINT:
		case SQL_SMALLINT:
			return INT2OID;
		case SQL_INTEGER:
			return INT4OID;
		case SQL_BIGINT:
			return INT8OID;
		case SQL_REAL:
			return FLOAT4OID;
		case SQL_FLOAT:
		case SQL_DOUBLE:
			return FLOAT8OID;
		case SQL_DECIMAL:
		case SQL_NUMERIC:
			return NUMERICOID;
		case SQL_CHAR:
		case SQL_WCHAR:
			return BPCHAROID;
		case SQL_VARCHAR:
		case SQL_WVARCHAR:
			return VARCHAROID;
		case SQL_BINARY:
		case SQL_VARBINARY:
		case SQL_LONGVARBINARY:
			return BYTEAOID;
		case SQL_TYPE_DATE:
			return DATEOID;
		case SQL_TYPE_TIME:
			return TIMEOID;
		case SQL_TYPE_TIMESTAMP:
			return TIMESTAMPOID;
		case SQL_GUID:
			return UUIDOID;
		default:
			return TEXTOID;
	}
}

/*
 * The driver's type name ("timestamptz", "boolean", "varchar(40)") when it
 * names a PostgreSQL type: psqlODBC and SQLite's declared types say more
 * than the ODBC SQL type (timestamptz vs timestamp, bytea declared as text).
 */
uint32_t
odbc_type_name_oid(const char *type_name)
{
	char		name[64];
	size_t		n = 0;
	const PgType *t;

	while (type_name[n] && type_name[n] != '(' && n < sizeof(name) - 1)
	{
		name[n] = (char) tolower((unsigned char) type_name[n]);
		n++;
	}
	while (n > 0 && name[n - 1] == ' ')
		n--;
	name[n] = '\0';
	t = pgtype_by_name(name);
	return t ? t->oid : 0;
}

/*
 * How to fetch a type. Dates and times travel as text except from IRIS:
 * psqlODBC's text is PostgreSQL's own output, and SQLite stores them as
 * text (a typed fetch would silently turn a malformed value into NULL).
 */
static FetchKind
fetch_kind_for(uint32_t oid, SqlDialect dialect)
{
	switch (oid)
	{
		case BOOLOID:
			return FETCH_BOOL;
		case INT2OID:
		case INT4OID:
		case INT8OID:
		case OIDOID:
			return FETCH_INT;
		case FLOAT4OID:
			return FETCH_FLOAT4;
		case FLOAT8OID:
			return FETCH_FLOAT8;
		case BYTEAOID:
			return FETCH_BINARY;
		case DATEOID:
			return dialect == DIALECT_IRIS ? FETCH_DATE : FETCH_TEXT;
		case TIMESTAMPOID:
			return dialect == DIALECT_IRIS ? FETCH_TIMESTAMP : FETCH_TEXT;
		case VECTOROID:
			return dialect == DIALECT_SQLITE ? FETCH_VECTOR : FETCH_TEXT;
		default:
			return FETCH_TEXT;
	}
}

static int32_t
typmod_for(uint32_t oid, SQLULEN size, SQLSMALLINT digits)
{
	if ((oid == VARCHAROID || oid == BPCHAROID) && size > 0 && size < 10485760)
		return pgtype_char_typmod((int32_t) size);
	if (oid == NUMERICOID && size > 0 && size <= 1000)
		return pgtype_numeric_typmod((int32_t) size, digits);
	return -1;
}

/*
 * Does the driver know nothing about this column's type? SQLite describes
 * every expression (no base table) as varchar before the first row.
 */
static bool
driver_type_unknown(const OdbcConn *conn, SQLHSTMT stmt, SQLUSMALLINT col)
{
	SQLCHAR		table[128] = "";
	SQLSMALLINT len = 0;

	if (conn->dialect != DIALECT_SQLITE)
		return false;
	if (!SUCCEEDED(SQLColAttribute(stmt, col, SQL_DESC_TABLE_NAME, table,
								   (SQLSMALLINT) sizeof(table), &len, NULL)))
		return false;
	return table[0] == '\0';
}

/*
 * The translator's type for column i, if the target list maps one to one
 * onto the result (no star) and it knows one.
 */
static uint32_t
hinted_type(const ColumnList *hints, int ncols, int i)
{
	if (hints == NULL || hints->count != (size_t) ncols)
		return 0;
	for (size_t k = 0; k < hints->count; k++)
	{
		if (hints->items[k].is_star)
			return 0;
	}
	return hints->items[i].type_oid;
}

bool
odbc_result_open(OdbcConn *conn, SQLHSTMT hstmt, const ColumnList *hints, ResultSet *rs,
				 PgError *err)
{
	SQLSMALLINT ncols = 0;

	memset(rs, 0, sizeof(*rs));
	buf_init(&rs->text);
	buf_init(&rs->scratch);
	rs->conn = conn;
	rs->stmt = hstmt;
	if (!SUCCEEDED(SQLNumResultCols(rs->stmt, &ncols)))
	{
		odbc_report(conn, SQL_HANDLE_STMT, rs->stmt, err);
		return false;
	}
	if (ncols <= 0)
		return true;

	rs->cols = calloc((size_t) ncols, sizeof(ResultColumn));
	if (rs->cols == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	rs->ncols = ncols;
	for (SQLUSMALLINT i = 0; i < (SQLUSMALLINT) ncols; i++)
	{
		ResultColumn *col = &rs->cols[i];
		SQLSMALLINT namelen = 0;
		SQLSMALLINT sql_type = 0;
		SQLSMALLINT digits = 0;
		SQLSMALLINT nullable = 0;
		SQLULEN		size = 0;
		SQLCHAR		type_name[64] = "";
		SQLSMALLINT tnlen = 0;
		uint32_t	oid;
		const PgType *t;

		if (!SUCCEEDED(SQLDescribeCol(rs->stmt, i + 1, (SQLCHAR *) col->name,
									  (SQLSMALLINT) sizeof(col->name), &namelen,
									  &sql_type, &size, &digits, &nullable)))
		{
			odbc_report(conn, SQL_HANDLE_STMT, rs->stmt, err);
			odbc_result_close(rs);
			return false;
		}
		if (!SUCCEEDED(SQLColAttribute(rs->stmt, i + 1, SQL_DESC_TYPE_NAME, type_name,
									   (SQLSMALLINT) sizeof(type_name), &tnlen, NULL)))
			type_name[0] = '\0';

		if (driver_type_unknown(conn, rs->stmt, i + 1))
		{
			/*
			 * Only the translator can say; its values are still fetched as
			 * text (booleans as bits, bytea and vectors as bytes: the
			 * driver would print a blob as X'..'; a vector fetch takes text
			 * too), so a wrong guess can mislabel a value but never corrupt
			 * it through a typed conversion.
			 */
			oid = hinted_type(hints, ncols, i);
			if (oid == 0)
				oid = TEXTOID;
			col->fetch = (oid == BOOLOID || oid == BYTEAOID || oid == VECTOROID) ?
				fetch_kind_for(oid, conn->dialect) : FETCH_TEXT;
			size = 0;
		}
		else
		{
			oid = odbc_type_name_oid((const char *) type_name);
			if (oid == 0)
				oid = odbc_sql_type_oid(sql_type);
			col->fetch = fetch_kind_for(oid, conn->dialect);
		}
		t = pgtype_by_oid(oid);
		col->type_oid = oid;
		col->typlen = t ? t->typlen : -1;
		col->typmod = typmod_for(oid, size, digits);
		if (col->name[0] == '\0')
			strcpy(col->name, "?column?");
	}
	return true;
}

bool
odbc_result_copy_description(const ResultSet *rs, ResultSet *to)
{
	memset(to, 0, sizeof(*to));
	buf_init(&to->text);
	buf_init(&to->scratch);
	to->conn = rs->conn;
	to->stmt = SQL_NULL_HSTMT;
	if (rs->ncols == 0)
		return true;
	to->cols = malloc((size_t) rs->ncols * sizeof(ResultColumn));
	if (to->cols == NULL)
		return false;
	memcpy(to->cols, rs->cols, (size_t) rs->ncols * sizeof(ResultColumn));
	to->ncols = rs->ncols;
	return true;
}

bool
odbc_result_reopen(OdbcConn *conn, SQLHSTMT hstmt, const ResultSet *described, ResultSet *rs,
				   PgError *err)
{
	if (!odbc_result_copy_description(described, rs))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	rs->conn = conn;
	rs->stmt = hstmt;
	return true;
}

void
odbc_result_write_description(const ResultSet *rs, const int16_t *formats, Buf *out)
{
	FieldDesc  *f = calloc((size_t) rs->ncols, sizeof(FieldDesc));

	if (f == NULL)
	{
		out->failed = true;
		return;
	}
	for (int i = 0; i < rs->ncols; i++)
	{
		f[i].name = rs->cols[i].name;
		f[i].type_oid = rs->cols[i].type_oid;
		f[i].typlen = rs->cols[i].typlen;
		f[i].typmod = rs->cols[i].typmod;
		f[i].table_oid = rs->cols[i].table_oid;
		f[i].column_attnum = rs->cols[i].attnum;
		f[i].format = formats ? formats[i] : 0;
	}
	proto_write_row_description(out, f, rs->ncols);
	free(f);
}

/*
 * Append a character or binary value in pieces: SQLGetData writes straight
 * into the output buffer, which grows when the driver reports truncation.
 * Returns the number of bytes appended, or -1 (NULL) / -2 (error).
 */
static int64_t
get_long_value(ResultSet *rs, SQLUSMALLINT col, SQLSMALLINT ctype, Buf *out, PgError *err)
{
	size_t		start = out->len;
	size_t		chunk = 8192;
	size_t		terminator = (ctype == SQL_C_CHAR) ? 1 : 0;

	for (;;)
	{
		SQLLEN		ind = 0;
		SQLRETURN	rc;
		size_t		got;

		if (!buf_reserve(out, chunk))
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return -2;
		}
		rc = SQLGetData(rs->stmt, col, ctype, out->data + out->len,
						(SQLLEN) (chunk + terminator), &ind);
		if (rc == SQL_NO_DATA)
			break;
		if (!SUCCEEDED(rc))
		{
			odbc_report(rs->conn, SQL_HANDLE_STMT, rs->stmt, err);
			return -2;
		}
		if (ind == SQL_NULL_DATA)
			return -1;
		if (rc == SQL_SUCCESS)
		{
			out->len += (size_t) ind;
			break;
		}
		/* truncated: the buffer is full (less the terminator for text) */
		got = chunk;
		out->len += got;
		if (ind != SQL_NO_TOTAL && (size_t) ind > got)
			chunk = (size_t) ind - got;
		else
			chunk *= 2;
	}
	out->data[out->len] = '\0';
	return (int64_t) (out->len - start);
}

/* Get a fixed-size value; returns false with *is_null or an error. */
static bool
get_fixed(ResultSet *rs, SQLUSMALLINT col, SQLSMALLINT ctype, void *value, SQLLEN size,
		  bool *is_null, PgError *err)
{
	SQLLEN		ind = 0;
	SQLRETURN	rc = SQLGetData(rs->stmt, col, ctype, value, size, &ind);

	if (!SUCCEEDED(rc))
	{
		odbc_report(rs->conn, SQL_HANDLE_STMT, rs->stmt, err);
		return false;
	}
	*is_null = (ind == SQL_NULL_DATA);
	return true;
}

/*
 * The SQLite default's vector at out[raw_at ..), as pgvector's text in
 * place: a float4 BLOB (pgwire_vector.so's storage) is printed; a value
 * stored as text ('[1,2,3]', an INSERT of a string) is left as it is.
 */
static bool
vector_blob_to_text(ResultSet *rs, Buf *out, size_t raw_at, const FormatOptions *fmt, PgError *err)
{
	const unsigned char *raw = (const unsigned char *) out->data + raw_at;
	size_t		len = out->len - raw_at;
	TypeFormat	tf = {.extra_float_digits = fmt->extra_float_digits};
	bool		text = len >= 2 && raw[0] == '[' && raw[len - 1] == ']';
	PgValue		v;

	for (size_t k = 0; text && k < len; k++)
		text = raw[k] >= 0x20 && raw[k] < 0x7f;
	if (text)
		return true;
	if (len == 0 || len % sizeof(float) != 0)
	{
		pgerr_set(err, ERRCODE_DATA_EXCEPTION, "a vector value of %zu bytes is no float4 array", len);
		return false;
	}
	buf_reset(&rs->scratch);
	buf_append(&rs->scratch, raw, len);	/* aligned, and out is about to change */
	if (buf_failed(&rs->scratch))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	v.kind = PGV_VECTOR;
	v.u.vector.values = (const float *) (const void *) rs->scratch.data;
	v.u.vector.dims = (int) (len / sizeof(float));
	out->len = raw_at;
	pgtype_output(VECTOROID, &v, &tf, out);
	return true;
}

/*
 * Append one value in text format after its Int32 length word. Returns
 * false on error.
 */
static bool
append_value(ResultSet *rs, int i, Buf *out, const FormatOptions *fmt, bool *null_out,
			 PgError *err)
{
	const ResultColumn *c = &rs->cols[i];
	SQLUSMALLINT col = (SQLUSMALLINT) (i + 1);
	size_t		len_at = out->len;
	bool		is_null = false;
	bool		ok = true;

	pq_put_int32(out, -1);		/* length, patched below */

	switch (c->fetch)
	{
		case FETCH_TEXT:
		case FETCH_BINARY:
			{
				int64_t		n;

				if (c->fetch == FETCH_TEXT)
					n = get_long_value(rs, col, SQL_C_CHAR, out, err);
				else
				{
					/* fetch raw bytes after the slot, then hex-encode them in place */
					size_t		raw_at = out->len;

					n = get_long_value(rs, col, SQL_C_BINARY, out, err);
					if (n >= 0)
						pgtype_hex_encode_tail(out, raw_at);
				}
				if (n == -2)
					return false;
				is_null = (n == -1);
				break;
			}
		case FETCH_VECTOR:
			{
				size_t		raw_at = out->len;
				int64_t		n = get_long_value(rs, col, SQL_C_BINARY, out, err);

				if (n == -2 || (n >= 0 && !vector_blob_to_text(rs, out, raw_at, fmt, err)))
					return false;
				is_null = (n == -1);
				break;
			}
		case FETCH_INT:
			{
				SQLBIGINT	v = 0;

				ok = get_fixed(rs, col, SQL_C_SBIGINT, &v, sizeof(v), &is_null, err);
				if (ok && !is_null)
					pgtype_format_int(out, (int64_t) v);
				break;
			}
		case FETCH_FLOAT4:
			{
				SQLREAL		v = 0;

				ok = get_fixed(rs, col, SQL_C_FLOAT, &v, sizeof(v), &is_null, err);
				if (ok && !is_null)
					pgtype_format_float4(out, v, fmt->extra_float_digits);
				break;
			}
		case FETCH_FLOAT8:
			{
				SQLDOUBLE	v = 0;

				ok = get_fixed(rs, col, SQL_C_DOUBLE, &v, sizeof(v), &is_null, err);
				if (ok && !is_null)
					pgtype_format_float8(out, v, fmt->extra_float_digits);
				break;
			}
		case FETCH_BOOL:
			{
				SQLCHAR		v = 0;

				ok = get_fixed(rs, col, SQL_C_BIT, &v, sizeof(v), &is_null, err);
				if (ok && !is_null)
					pgtype_format_bool(out, v != 0);
				break;
			}
		case FETCH_DATE:
			{
				SQL_DATE_STRUCT v = {0};

				ok = get_fixed(rs, col, SQL_C_TYPE_DATE, &v, sizeof(v), &is_null, err);
				if (ok && !is_null)
					pgtype_format_date(out, v.year, v.month, v.day);
				break;
			}
		case FETCH_TIMESTAMP:
			{
				SQL_TIMESTAMP_STRUCT v = {0};

				ok = get_fixed(rs, col, SQL_C_TYPE_TIMESTAMP, &v, sizeof(v), &is_null, err);
				if (ok && !is_null)
					pgtype_format_timestamp(out, v.year, v.month, v.day,
											v.hour, v.minute, v.second, v.fraction);
				break;
			}
	}
	if (!ok)
		return false;
	if (!is_null)
		pq_put_int32_at(out, len_at, (int32_t) (out->len - len_at - 4));
	*null_out = is_null;
	return true;
}

/*
 * Read the text value just appended at out[len_at + 4 ..) with the type's
 * input function and write it again in place: in binary (send), or as
 * text in the session's settings (output: a timestamptz in the session's
 * TimeZone, a date or time the way PostgreSQL prints it). A value the type
 * cannot read fails a binary result; in text it is left as the database
 * gave it.
 */
static bool
reencode_value(ResultSet *rs, int i, Buf *out, size_t len_at, bool binary,
			   const FormatOptions *fmt, PgError *err)
{
	const ResultColumn *c = &rs->cols[i];
	size_t		text_at = len_at + 4;
	TypeFormat	tf = {.extra_float_digits = fmt->extra_float_digits};
	PgValue		v;
	PgError		input_err;

	if (binary && !pgtype_has_binary(c->type_oid))
	{
		const PgType *t = pgtype_by_oid(c->type_oid);

		pgerr_set(err, ERRCODE_UNDEFINED_FUNCTION, "no binary output function available for type %s",
				  t ? t->name : "unknown");
		return false;
	}
	buf_reset(&rs->text);
	/* IRIS prints a vector as its comma-separated values: pgvector's has brackets */
	if (c->type_oid == VECTOROID && out->len > text_at && out->data[text_at] != '[')
	{
		buf_append_byte(&rs->text, '[');
		buf_append(&rs->text, out->data + text_at, out->len - text_at);
		buf_append_byte(&rs->text, ']');
	}
	else
		buf_append(&rs->text, out->data + text_at, out->len - text_at);
	buf_append_byte(&rs->text, '\0');
	buf_reset(&rs->scratch);
	if (buf_failed(&rs->text))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	/* typmod -1: the database's value is sent as it is, never rounded again */
	if (!pgtype_input(c->type_oid, rs->text.data, rs->text.len - 1, -1, &v, &rs->scratch,
					  binary ? err : &input_err))
		return !binary;
	out->len = text_at;
	if (binary)
	{
		if (!pgtype_send(c->type_oid, &v, out, err))
			return false;
	}
	else
		pgtype_output(c->type_oid, &v, &tf, out);
	pq_put_int32_at(out, len_at, (int32_t) (out->len - text_at));
	return true;
}

/* Does a column's text need reading and printing again, in text format? */
static bool
needs_normalizing(const ResultColumn *c)
{
	if (c->fetch != FETCH_TEXT)
		return false;
	switch (c->type_oid)
	{
		case DATEOID:
		case TIMEOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
		case VECTOROID:			/* IRIS: "1,2,3" is pgvector's [1,2,3] */
		case UUIDOID:			/* psqlODBC hands out SQL_GUIDs in upper case */
			return true;
		default:
			return false;
	}
}

int
odbc_result_fetch(ResultSet *rs, Buf *out, const FormatOptions *fmt, const int16_t *formats,
				  PgError *err)
{
	static const FormatOptions exact = {.extra_float_digits = 1};

	SQLRETURN	rc = SQLFetch(rs->stmt);
	size_t		start;

	if (rc == SQL_NO_DATA)
		return 0;
	if (!SUCCEEDED(rc))
	{
		odbc_report(rs->conn, SQL_HANDLE_STMT, rs->stmt, err);
		return -1;
	}

	start = pq_begin(out, PqMsg_DataRow);
	pq_put_int16(out, (int16_t) rs->ncols);
	for (int i = 0; i < rs->ncols; i++)
	{
		bool		binary = formats != NULL && formats[i] != 0;
		size_t		len_at = out->len;
		bool		is_null = false;

		if (!append_value(rs, i, out, binary ? &exact : fmt, &is_null, err) ||
			(!is_null && (binary || needs_normalizing(&rs->cols[i])) &&
			 !reencode_value(rs, i, out, len_at, binary, fmt, err)))
		{
			out->len = start;
			return -1;
		}
	}
	if (buf_failed(out))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return -1;
	}
	if (out->len - start - 1 > INT32_MAX)
	{
		out->len = start;
		pgerr_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "row is too big to send");
		return -1;
	}
	pq_end(out, start);
	return 1;
}

void
odbc_result_close(ResultSet *rs)
{
	buf_free(&rs->text);
	buf_free(&rs->scratch);
	free(rs->cols);
	rs->cols = NULL;
	rs->ncols = 0;
}

static bool
col_attribute(const ResultSet *rs, int i, SQLUSMALLINT field, char *out, size_t len)
{
	SQLSMALLINT got = 0;

	out[0] = '\0';
	if (!SUCCEEDED(SQLColAttribute(rs->stmt, (SQLUSMALLINT) (i + 1), field, out, (SQLSMALLINT) len, &got, NULL)))
	{
		out[0] = '\0';
		return false;
	}
	return true;
}

bool
odbc_result_base_column(const ResultSet *rs, int i, char *schema, size_t schema_len,
						char *table, size_t table_len, char *column, size_t column_len)
{
	if (rs->stmt == SQL_NULL_HSTMT ||
		!col_attribute(rs, i, SQL_DESC_BASE_TABLE_NAME, table, table_len) || table[0] == '\0' ||
		!col_attribute(rs, i, SQL_DESC_BASE_COLUMN_NAME, column, column_len) || column[0] == '\0')
		return false;
	(void) col_attribute(rs, i, SQL_DESC_SCHEMA_NAME, schema, schema_len);
	return true;
}
