/*
 * odbc_params.h
 *		Binding a portal's parameter values to an ODBC statement.
 *
 * The backend decodes each client value (text or binary, per its type)
 * into a BoundParam whose bytes live in the portal's value buffer; this
 * module hands them to SQLBindParameter in ? marker order, following the
 * translator's ParamMap (a $n used twice is bound twice; one written into
 * the text is not bound), and executes the statement. A long text or binary
 * value goes to the driver in pieces at execution time (SQLParamData,
 * SQLPutData) when the driver has them.
 */
#ifndef PGW_ODBC_PARAMS_H
#define PGW_ODBC_PARAMS_H

#include "backend/odbc.h"
#include "common/buf.h"
#include "common/pgvalue.h"
#include "translate/translate.h"

typedef struct BoundParam
{
	SQLSMALLINT c_type;			/* SQL_C_CHAR, SQL_C_SBIGINT, SQL_C_DOUBLE, SQL_C_BIT, SQL_C_BINARY */
	SQLSMALLINT sql_type;		/* SQL_VARCHAR, SQL_BIGINT, SQL_DOUBLE, SQL_BIT, SQL_VARBINARY, ... */
	size_t		offset;			/* of the value's bytes in the portal's value buffer */
	SQLLEN		length;			/* bytes, or SQL_NULL_DATA */
	SQLLEN		at_exec;		/* SQL_LEN_DATA_AT_EXEC(length): its indicator when sent in pieces */
} BoundParam;

/* Text and binary values longer than this go to the driver in pieces of ODBC_PUT_DATA_PIECE. */
#define ODBC_PUT_DATA_ABOVE		8192
#define ODBC_PUT_DATA_PIECE		32768

/*
 * Turn a decoded value into a BoundParam, appending its bytes to values.
 * The ODBC types follow the value's kind and the dialect (SQLite stores
 * dates and times as the text PostgreSQL would print).
 */
bool		odbc_param_from_value(SqlDialect dialect, const PgValue *v, uint32_t type_oid,
								  Buf *values, BoundParam *out, PgError *err) PGW_MUSTCHECK;

/*
 * Bind params[map->markers[k] - 1] to marker k + 1, for every marker, and
 * execute the prepared hstmt (SQL_NO_DATA counts as success). A value
 * longer than ODBC_PUT_DATA_ABOVE is sent in pieces, when conn->put_data.
 */
bool		odbc_execute_params(OdbcConn *conn, SQLHSTMT hstmt, const ParamMap *map,
								const BoundParam *params, const Buf *values,
								PgError *err) PGW_MUSTCHECK;

/*
 * The type the driver gives ? marker number marker (1-based) of a prepared
 * statement, through SQLDescribeParam: 0 when it cannot say, or says only
 * "character" (a driver's answer for a parameter it cannot type).
 */
uint32_t	odbc_describe_param_type(SQLHSTMT hstmt, int marker);

/* A table's columns in order, with their declared types (0: unknown to pgwire). */
typedef struct TableColumns
{
	char		table[128];
	int			count;
	char		(*names)[128];
	uint32_t   *types;
	int32_t    *dims;			/* n of a vector(n) column, else 0 */
} TableColumns;

/*
 * Read table's columns through SQLColumns (one call for all of them).
 * A table that does not exist has none. False only on out of memory.
 */
bool		odbc_table_columns(OdbcConn *conn, const char *table, TableColumns *out) PGW_MUSTCHECK;
void		odbc_table_columns_free(TableColumns *cols);

/* The type of a column by name, or by 1-based ordinal when column is NULL; 0 if none. */
/* The n of the column's vector(n) type, or 0. */
int32_t		odbc_table_column_dims(const TableColumns *cols, const char *column, int ordinal);

uint32_t	odbc_table_column_type(const TableColumns *cols, const char *column, int ordinal);

#endif							/* PGW_ODBC_PARAMS_H */
