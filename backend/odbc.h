/*
 * odbc.h
 *		The backend's one ODBC connection to the database.
 *
 * backend/odbc*.c are the only files that call ODBC. An OdbcConn is opened
 * once per backend, after authentication, and kept for the session's life.
 * One statement handle is reused for simple-query execution.
 */
#ifndef PGW_ODBC_H
#define PGW_ODBC_H

#include "common/base.h"
#include "common/pgerror.h"
#include "config/config.h"

#include <sql.h>
#include <sqlext.h>

typedef struct OdbcConn
{
	SQLHENV		env;
	SQLHDBC		dbc;
	SQLHSTMT	stmt;			/* reused by odbc_exec_direct */
	SqlDialect	dialect;
	bool		connected;
	bool		autocommit;
	bool		lost;			/* the connection failed: the session must end */
	bool		put_data;		/* the driver takes parameter data in pieces at execution
								 * (SQLParamData, SQLPutData) */
} OdbcConn;

/* Credentials of the client, for the password authentication method. */
typedef struct OdbcLogin
{
	const char *user;
	const char *password;
} OdbcLogin;

/*
 * Connect with a DSN-less connection string. For the sqlite dialect
 * "StepAPI=1" is added unless given, so results stream instead of being
 * materialised by the driver. With a login, the string's own UID and PWD
 * are replaced by the login's. Failure: 08001 with the driver's message,
 * or 28P01 when the driver says the login was refused (SQLSTATE class 28).
 */
bool		odbc_connect(OdbcConn *conn, const char *connstr, SqlDialect dialect,
						 const OdbcLogin *login, PgError *err) PGW_MUSTCHECK;
void		odbc_disconnect(OdbcConn *conn);

/*
 * Open (on = false) or leave a database transaction; odbc_end_transaction
 * commits or rolls it back. On SQLite these are BEGIN, COMMIT and ROLLBACK
 * in SQL, the driver staying in autocommit so that results still stream.
 */
bool		odbc_set_autocommit(OdbcConn *conn, bool on, PgError *err) PGW_MUSTCHECK;
bool		odbc_end_transaction(OdbcConn *conn, bool commit, PgError *err) PGW_MUSTCHECK;

/*
 * Execute sql on the connection's statement handle. Afterwards
 * odbc_result_open() reads a result set if there is one, and
 * odbc_affected_rows() tells how many rows a DML statement touched.
 */
bool		odbc_exec_direct(OdbcConn *conn, const char *sql, size_t len,
							 PgError *err) PGW_MUSTCHECK;

/* odbc_exec_direct for a statement that returns no rows, the handle then reset. */
bool		odbc_exec_command(OdbcConn *conn, const char *sql, size_t len,
							  PgError *err) PGW_MUSTCHECK;

/* odbc_exec_direct, then read the rows to the end, keeping none. */
bool		odbc_exec_discard(OdbcConn *conn, const char *sql, size_t len,
							  PgError *err) PGW_MUSTCHECK;

/* Prepare sql on a new statement handle (*hstmt, freed by the caller). */
bool		odbc_prepare(OdbcConn *conn, const char *sql, size_t len, SQLHSTMT *hstmt,
						 PgError *err) PGW_MUSTCHECK;

/*
 * Whether sql, a SELECT as the database runs it, reads no table: it has no
 * FROM anywhere (a "from" inside a literal or a name only makes this say
 * no).
 */
bool		odbc_reads_no_table(const char *sql, size_t len);

/*
 * Prepare sql, a SELECT that reads no table, to be executed again and
 * again. Its result is small, so on SQLite it is read whole at each
 * execution (a static cursor): the SQLite driver then keeps the compiled
 * statement between executions, where it compiles a streamed one again
 * each time.
 */
bool		odbc_prepare_tableless(OdbcConn *conn, const char *sql, size_t len, SQLHSTMT *hstmt,
								   PgError *err) PGW_MUSTCHECK;

/* Execute a prepared statement that has no parameters. */
bool		odbc_execute(OdbcConn *conn, SQLHSTMT hstmt, PgError *err) PGW_MUSTCHECK;

/* Prepare sql again on hstmt, which was prepared before and is not running. */
bool		odbc_prepare_again(OdbcConn *conn, SQLHSTMT hstmt, const char *sql, size_t len,
							   PgError *err) PGW_MUSTCHECK;

/* Prepared handles are executed with their parameters: odbc_execute_params() (odbc_params.h). */

/* Rows a DML statement on hstmt touched (0 when unknown). */
int64_t		odbc_affected_rows(SQLHSTMT hstmt);

/* Close the cursor and forget the parameters bound on hstmt, ready for its next execution. */
void		odbc_stmt_close(SQLHSTMT hstmt);

/* odbc_stmt_close on the connection's simple-query handle. */
void		odbc_stmt_reset(OdbcConn *conn);

/*
 * Fill err from the diagnostics of handle (mapped for the dialect); marks
 * the connection lost when the database connection is gone.
 */
void		odbc_report(OdbcConn *conn, SQLSMALLINT handle_type, SQLHANDLE handle,
						PgError *err);

#endif							/* PGW_ODBC_H */
