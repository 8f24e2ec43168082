/*
 * odbc.c
 *		Connecting, executing and ending transactions over ODBC.
 *
 * Owns: the environment, connection and statement handles of a backend,
 * and reading diagnostics into PgErrors. Every ODBC return code is checked
 * here; callers see only true/false and a PgError.
 */
#include "backend/odbc.h"

#include "backend/odbc_error.h"
#include "common/buf.h"
#include "common/log.h"
#include "translate/translate.h"

#include <openssl/crypto.h>
#include <string.h>
#include <strings.h>

#define SUCCEEDED(rc) ((rc) == SQL_SUCCESS || (rc) == SQL_SUCCESS_WITH_INFO)

void
odbc_report(OdbcConn *conn, SQLSMALLINT handle_type, SQLHANDLE handle, PgError *err)
{
	SQLCHAR		state[6] = "HY000";
	SQLCHAR		message[1024] = "";
	SQLINTEGER	native = 0;
	SQLSMALLINT len = 0;
	SQLRETURN	rc;

	rc = SQLGetDiagRec(handle_type, handle, 1, state, &native, message,
					   (SQLSMALLINT) sizeof(message), &len);
	if (!SUCCEEDED(rc))
	{
		pgerr_set(err, ERRCODE_INTERNAL_ERROR, "database driver reported an error without diagnostics");
		return;
	}
	odbc_map_error(conn->dialect, (const char *) state, (int32_t) native,
				   (const char *) message, err);
	if (odbc_error_is_connection_lost(err))
		conn->lost = true;
}

/* Is the attribute "key=..." at s one of the credentials a login replaces? */
static bool
is_credential(const char *s, size_t len)
{
	static const char *const keys[] = {"UID", "PWD", "User", "Username", "Password"};
	size_t		klen = strcspn(s, "=");

	if (klen >= len)
		return false;
	while (klen > 0 && s[klen - 1] == ' ')
		klen--;
	for (size_t i = 0; i < lengthof(keys); i++)
	{
		if (strlen(keys[i]) == klen && strncasecmp(s, keys[i], klen) == 0)
			return true;
	}
	return false;
}

/* connstr without its credentials: attributes split at ';' outside {braces}. */
static void
append_without_credentials(Buf *out, const char *connstr)
{
	const char *s = connstr;

	while (*s)
	{
		const char *p = s;
		bool		braced = false;

		for (; *p && (braced || *p != ';'); p++)
		{
			if (*p == '{')
				braced = true;
			else if (*p == '}')
				braced = false;
		}
		if (!is_credential(s, (size_t) (p - s)) && p > s)
		{
			buf_append(out, s, (size_t) (p - s));
			buf_append_byte(out, ';');
		}
		s = *p ? p + 1 : p;
	}
}

/*
 * key=value; in braces ('}' doubled) only when the value needs them: not
 * every driver removes braces (psqlODBC keeps them around a UID).
 */
static void
append_attribute(Buf *out, const char *key, const char *value)
{
	size_t		len = strlen(value);

	if (value[strcspn(value, ";{}=")] == '\0' && len > 0 && value[0] != ' ' && value[len - 1] != ' ')
	{
		buf_appendf(out, "%s=%s;", key, value);
		return;
	}
	buf_appendf(out, "%s={", key);
	for (const char *p = value; *p; p++)
	{
		if (*p == '}')
			buf_append_byte(out, '}');
		buf_append_byte(out, (uint8_t) *p);
	}
	buf_append_str(out, "};");
}

/*
 * The string given to the driver: the configured one, the login's
 * credentials instead of its own, and StepAPI=1 for the sqlite dialect
 * (it streams results; see docs/odbc.md).
 */
static void
build_connection_string(Buf *out, const char *connstr, SqlDialect dialect, const OdbcLogin *login)
{
	if (login == NULL)
		buf_append_str(out, connstr);
	else
	{
		append_without_credentials(out, connstr);
		append_attribute(out, "UID", login->user);
		append_attribute(out, "PWD", login->password);
	}
	if (dialect == DIALECT_SQLITE && strcasestr(connstr, "StepAPI=") == NULL)
	{
		if (out->len > 0 && out->data[out->len - 1] != ';')
			buf_append_byte(out, ';');
		buf_append_str(out, "StepAPI=1");
	}
}

/* Does the driver say it has the ODBC function (SQLGetFunctions)? */
static bool
has_function(OdbcConn *conn, SQLUSMALLINT function)
{
	SQLUSMALLINT supported = SQL_FALSE;

	return SUCCEEDED(SQLGetFunctions(conn->dbc, function, &supported)) && supported == SQL_TRUE;
}

bool
odbc_connect(OdbcConn *conn, const char *connstr, SqlDialect dialect, const OdbcLogin *login,
			 PgError *err)
{
	Buf			cs;
	SQLRETURN	rc;

	memset(conn, 0, sizeof(*conn));
	conn->dialect = dialect;
	conn->autocommit = true;

	if (connstr == NULL || connstr[0] == '\0')
	{
		pgerr_set(err, ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH,
				  "no database configured");
		pgerr_set_hint(err, "Set odbc_connection_string in pgwire.yaml.");
		return false;
	}
	if (!SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &conn->env)) ||
		!SUCCEEDED(SQLSetEnvAttr(conn->env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER) SQL_OV_ODBC3, 0)) ||
		!SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, conn->env, &conn->dbc)))
	{
		pgerr_set(err, ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH,
				  "could not initialise the ODBC driver manager");
		odbc_disconnect(conn);
		return false;
	}

	buf_init(&cs);
	build_connection_string(&cs, connstr, dialect, login);
	if (buf_failed(&cs))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		odbc_disconnect(conn);
		return false;
	}
	rc = SQLDriverConnect(conn->dbc, NULL, (SQLCHAR *) cs.data, SQL_NTS,
						  NULL, 0, NULL, SQL_DRIVER_NOPROMPT);
	OPENSSL_cleanse(cs.data, cs.len);	/* it may hold a password */
	buf_free(&cs);
	if (!SUCCEEDED(rc))
	{
		PgError		cause;

		odbc_report(conn, SQL_HANDLE_DBC, conn->dbc, &cause);
		if (login != NULL && strncmp(cause.sqlstate, "28", 2) == 0)
			pgerr_set(err, ERRCODE_INVALID_PASSWORD, "the database refused the login: %s", cause.message);
		else
			pgerr_set(err, ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH,
					  "could not connect to the database: %s", cause.message);
		if (cause.detail[0])
			pgerr_set_detail(err, "%s", cause.detail);
		odbc_disconnect(conn);
		return false;
	}
	conn->connected = true;
	conn->put_data = has_function(conn, SQL_API_SQLPARAMDATA) && has_function(conn, SQL_API_SQLPUTDATA);

	if (!SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, conn->dbc, &conn->stmt)))
	{
		odbc_report(conn, SQL_HANDLE_DBC, conn->dbc, err);
		odbc_disconnect(conn);
		return false;
	}
	for (const char *const *sql = xl_session_setup_sql(dialect); *sql != NULL; sql++)
	{
		if (!odbc_exec_command(conn, *sql, strlen(*sql), err))
		{
			odbc_disconnect(conn);
			return false;
		}
	}
	return true;
}

void
odbc_disconnect(OdbcConn *conn)
{
	if (conn->stmt)
		SQLFreeHandle(SQL_HANDLE_STMT, conn->stmt);
	if (conn->connected)
	{
		if (!conn->autocommit && !conn->lost)
			(void) SQLEndTran(SQL_HANDLE_DBC, conn->dbc, SQL_ROLLBACK);
		SQLDisconnect(conn->dbc);
	}
	if (conn->dbc)
		SQLFreeHandle(SQL_HANDLE_DBC, conn->dbc);
	if (conn->env)
		SQLFreeHandle(SQL_HANDLE_ENV, conn->env);
	conn->stmt = NULL;
	conn->dbc = NULL;
	conn->env = NULL;
	conn->connected = false;
}

/*
 * SQLite: transactions are begun and ended in SQL, the driver staying in
 * autocommit. In its own transaction mode the SQLite driver reads the
 * whole result of every SELECT into memory before the first row (it
 * streams only in autocommit: 180 MB for a million 100-byte rows, against
 * 9 MB), and psycopg2, JDBC and other drivers run everything in
 * transactions by default.
 */
bool
odbc_set_autocommit(OdbcConn *conn, bool on, PgError *err)
{
	SQLRETURN	rc;

	if (conn->autocommit == on)
		return true;
	if (conn->dialect == DIALECT_SQLITE)
	{
		/* COMMIT or ROLLBACK (odbc_end_transaction) already ended it */
		if (!on && !odbc_exec_command(conn, "BEGIN", strlen("BEGIN"), err))
			return false;
		conn->autocommit = on;
		return true;
	}
	rc = SQLSetConnectAttr(conn->dbc, SQL_ATTR_AUTOCOMMIT,
						   (SQLPOINTER) (uintptr_t) (on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF),
						   SQL_IS_UINTEGER);
	if (!SUCCEEDED(rc))
	{
		odbc_report(conn, SQL_HANDLE_DBC, conn->dbc, err);
		return false;
	}
	conn->autocommit = on;
	return true;
}

bool
odbc_end_transaction(OdbcConn *conn, bool commit, PgError *err)
{
	SQLRETURN	rc;

	odbc_stmt_reset(conn);
	if (conn->dialect == DIALECT_SQLITE)
	{
		const char *sql = commit ? "COMMIT" : "ROLLBACK";

		return odbc_exec_command(conn, sql, strlen(sql), err);
	}
	rc = SQLEndTran(SQL_HANDLE_DBC, conn->dbc, commit ? SQL_COMMIT : SQL_ROLLBACK);
	if (!SUCCEEDED(rc))
	{
		odbc_report(conn, SQL_HANDLE_DBC, conn->dbc, err);
		return false;
	}
	return true;
}

/* What an execution's return code means; a failure is reported and hstmt closed. */
static bool
execution_outcome(OdbcConn *conn, SQLHSTMT hstmt, SQLRETURN rc, PgError *err)
{
	/* ODBC 3: a searched UPDATE/DELETE that touched no row returns SQL_NO_DATA */
	if (SUCCEEDED(rc) || rc == SQL_NO_DATA)
		return true;
	odbc_report(conn, SQL_HANDLE_STMT, hstmt, err);
	odbc_stmt_close(hstmt);
	return false;
}

bool
odbc_exec_direct(OdbcConn *conn, const char *sql, size_t len, PgError *err)
{
	SQLRETURN	rc;

	if (len > INT32_MAX)
	{
		pgerr_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "statement is too long");
		return false;
	}
	rc = SQLExecDirect(conn->stmt, (SQLCHAR *) sql, (SQLINTEGER) len);
	return execution_outcome(conn, conn->stmt, rc, err);
}

bool
odbc_exec_command(OdbcConn *conn, const char *sql, size_t len, PgError *err)
{
	bool		ok = odbc_exec_direct(conn, sql, len, err);

	odbc_stmt_reset(conn);
	return ok;
}

bool
odbc_exec_discard(OdbcConn *conn, const char *sql, size_t len, PgError *err)
{
	SQLRETURN	rc;
	bool		ok;

	if (!odbc_exec_direct(conn, sql, len, err))
		return false;
	do
		rc = SQLFetch(conn->stmt);
	while (SUCCEEDED(rc));
	ok = rc == SQL_NO_DATA;
	if (!ok)
		odbc_report(conn, SQL_HANDLE_STMT, conn->stmt, err);
	odbc_stmt_reset(conn);
	return ok;
}

bool
odbc_reads_no_table(const char *sql, size_t len)
{
	for (size_t i = 0; i + 4 <= len; i++)
	{
		if (strncasecmp(sql + i, "from", 4) == 0)
			return false;
	}
	return true;
}

/* Prepare sql on a new handle; static: read the result whole at each execution. */
static bool
prepare_new(OdbcConn *conn, const char *sql, size_t len, bool static_cursor, SQLHSTMT *hstmt,
			PgError *err)
{
	*hstmt = SQL_NULL_HSTMT;
	if (!SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, conn->dbc, hstmt)))
	{
		odbc_report(conn, SQL_HANDLE_DBC, conn->dbc, err);
		*hstmt = SQL_NULL_HSTMT;
		return false;
	}
	if (static_cursor &&
		!SUCCEEDED(SQLSetStmtAttr(*hstmt, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER) SQL_CURSOR_STATIC, 0)))
		odbc_report(conn, SQL_HANDLE_STMT, *hstmt, err);
	else if (odbc_prepare_again(conn, *hstmt, sql, len, err))
		return true;
	SQLFreeHandle(SQL_HANDLE_STMT, *hstmt);
	*hstmt = SQL_NULL_HSTMT;
	return false;
}

bool
odbc_prepare(OdbcConn *conn, const char *sql, size_t len, SQLHSTMT *hstmt, PgError *err)
{
	return prepare_new(conn, sql, len, false, hstmt, err);
}

bool
odbc_prepare_tableless(OdbcConn *conn, const char *sql, size_t len, SQLHSTMT *hstmt, PgError *err)
{
	return prepare_new(conn, sql, len, conn->dialect == DIALECT_SQLITE, hstmt, err);
}

bool
odbc_execute(OdbcConn *conn, SQLHSTMT hstmt, PgError *err)
{
	return execution_outcome(conn, hstmt, SQLExecute(hstmt), err);
}

bool
odbc_prepare_again(OdbcConn *conn, SQLHSTMT hstmt, const char *sql, size_t len, PgError *err)
{
	if (len > INT32_MAX)
	{
		pgerr_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "statement is too long");
		return false;
	}
	if (SUCCEEDED(SQLPrepare(hstmt, (SQLCHAR *) sql, (SQLINTEGER) len)))
		return true;
	odbc_report(conn, SQL_HANDLE_STMT, hstmt, err);
	return false;
}

int64_t
odbc_affected_rows(SQLHSTMT hstmt)
{
	SQLLEN		n = 0;

	if (!SUCCEEDED(SQLRowCount(hstmt, &n)) || n < 0)
		return 0;
	return (int64_t) n;
}

void
odbc_stmt_close(SQLHSTMT hstmt)
{
	if (hstmt == SQL_NULL_HSTMT)
		return;
	/* no SQL_UNBIND: pgwire binds no columns (it reads them with SQLGetData) */
	(void) SQLFreeStmt(hstmt, SQL_CLOSE);
	(void) SQLFreeStmt(hstmt, SQL_RESET_PARAMS);
}

void
odbc_stmt_reset(OdbcConn *conn)
{
	odbc_stmt_close(conn->stmt);
}
