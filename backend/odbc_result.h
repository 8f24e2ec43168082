/*
 * odbc_result.h
 *		Reading a result set from ODBC and writing it as PostgreSQL
 *		RowDescription and DataRow messages.
 *
 * A ResultSet describes the columns of the statement that just executed
 * (name, PostgreSQL type, how to fetch each value) and then yields one row
 * at a time, encoded straight into the client's output buffer, so rows
 * stream from the driver to the socket without being collected.
 */
#ifndef PGW_ODBC_RESULT_H
#define PGW_ODBC_RESULT_H

#include "backend/odbc.h"
#include "common/buf.h"
#include "common/proto.h"
#include "translate/translate.h"

/* How a column's values are fetched and formatted. */
typedef enum FetchKind
{
	FETCH_TEXT,					/* SQL_C_CHAR, passed through */
	FETCH_INT,					/* SQL_C_SBIGINT */
	FETCH_FLOAT4,				/* SQL_C_FLOAT */
	FETCH_FLOAT8,				/* SQL_C_DOUBLE */
	FETCH_BOOL,					/* SQL_C_BIT */
	FETCH_BINARY,				/* SQL_C_BINARY, bytea hex */
	FETCH_DATE,					/* SQL_C_TYPE_DATE */
	FETCH_TIMESTAMP,			/* SQL_C_TYPE_TIMESTAMP */
	FETCH_VECTOR				/* SQLite: pgwire_vector.so's float4 BLOB (or text), as pgvector's text */
} FetchKind;

typedef struct ResultColumn
{
	char		name[128];
	uint32_t	type_oid;
	int16_t		typlen;
	int32_t		typmod;
	FetchKind	fetch;
	uint32_t	table_oid;		/* the column's table in the catalog, 0 if unknown */
	int16_t		attnum;			/* and its position there */
} ResultColumn;

typedef struct ResultSet
{
	OdbcConn   *conn;
	SQLHSTMT	stmt;
	int			ncols;
	ResultColumn *cols;			/* owned; freed by odbc_result_close */
	Buf			text;			/* binary conversions: the text form, */
	Buf			scratch;		/* and the input function's scratch (freed by close) */
} ResultSet;

/* Output settings that change how values are printed. */
typedef struct FormatOptions
{
	int			extra_float_digits;
} FormatOptions;

/*
 * The PostgreSQL type a driver's type name or a declared column type names
 * ("timestamptz", "boolean", "varchar(40)"), or 0.
 */
uint32_t	odbc_type_name_oid(const char *type_name);

/* The PostgreSQL type for an ODBC SQL type (0 when there is none). */
uint32_t	odbc_sql_type_oid(SQLSMALLINT sql_type);

/*
 * Describe the current (or, after SQLPrepare, the coming) result of hstmt.
 * rs->ncols == 0 means the
 * statement produced no result set. hints (may be NULL) is the translator's
 * view of the target list: its types are used for columns the driver cannot
 * type itself (SQLite expressions, which it describes as varchar).
 */
bool		odbc_result_open(OdbcConn *conn, SQLHSTMT hstmt, const ColumnList *hints,
							 ResultSet *rs, PgError *err) PGW_MUSTCHECK;

/*
 * Copy rs's column descriptions into to (which then owns its own copy and
 * is freed with odbc_result_close, but fetches nothing).
 */
bool		odbc_result_copy_description(const ResultSet *rs, ResultSet *to) PGW_MUSTCHECK;

/*
 * The result of hstmt, a statement executed again whose result columns
 * are described's: what odbc_result_open would read, without asking the
 * driver again.
 */
bool		odbc_result_reopen(OdbcConn *conn, SQLHSTMT hstmt, const ResultSet *described,
							   ResultSet *rs, PgError *err) PGW_MUSTCHECK;

/* Append a RowDescription for rs; formats: one per column (NULL = all text). */
void		odbc_result_write_description(const ResultSet *rs, const int16_t *formats, Buf *out);

/*
 * Fetch the next row and append it to out as a DataRow, each value in the
 * format formats[i] asks for (NULL = all text). Returns 1 when a row
 * was written, 0 at the end of the result, -1 on error (err filled; out is
 * left as it was before the call).
 */
int			odbc_result_fetch(ResultSet *rs, Buf *out, const FormatOptions *fmt,
							  const int16_t *formats, PgError *err);

void		odbc_result_close(ResultSet *rs);

/*
 * The table and column result column i comes from, as the driver names
 * them (schema "" when it has none); false for an expression.
 */
bool		odbc_result_base_column(const ResultSet *rs, int i, char *schema, size_t schema_len,
									char *table, size_t table_len, char *column, size_t column_len);

#endif							/* PGW_ODBC_RESULT_H */
