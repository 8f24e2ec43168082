/*
 * txn_sql.c
 *		Dialect SQL for transaction control the backend cannot express
 *		through ODBC calls: savepoints and transaction characteristics.
 *
 * Owns: the text of SAVEPOINT / RELEASE / ROLLBACK TO and of the statements
 * that apply BEGIN's options, per dialect, and the statements that make a
 * new database session behave as PostgreSQL's. BEGIN, COMMIT and ROLLBACK
 * themselves are ODBC calls (autocommit off, SQLEndTran), not SQL.
 */
#include "translate/translate.h"

#include <string.h>

void
xl_append_identifier(Buf *out, const char *name)
{
	buf_append_byte(out, '"');
	for (const char *p = name; *p; p++)
	{
		if (*p == '"')
			buf_append_byte(out, '"');
		buf_append_byte(out, (uint8_t) *p);
	}
	buf_append_byte(out, '"');
}

bool
xl_savepoint_sql(SqlDialect dialect, StmtKind kind, const char *name, Buf *out, PgError *err)
{
	(void) dialect;				/* the three dialects share the standard syntax */
	switch (kind)
	{
		case STMT_SAVEPOINT:
			buf_append_str(out, "SAVEPOINT ");
			break;
		case STMT_RELEASE:
			buf_append_str(out, "RELEASE SAVEPOINT ");
			break;
		case STMT_ROLLBACK_TO:
			buf_append_str(out, "ROLLBACK TO SAVEPOINT ");
			break;
		default:
			pgerr_set(err, ERRCODE_INTERNAL_ERROR, "not a savepoint command");
			return false;
	}
	xl_append_identifier(out, name);
	return true;
}

static const char *
isolation_name(IsolationLevel level)
{
	switch (level)
	{
		case ISO_READ_UNCOMMITTED:
			return "READ UNCOMMITTED";
		case ISO_READ_COMMITTED:
			return "READ COMMITTED";
		case ISO_REPEATABLE_READ:
			return "REPEATABLE READ";
		case ISO_SERIALIZABLE:
			return "SERIALIZABLE";
		case ISO_DEFAULT:
			break;
	}
	return NULL;
}

bool
xl_txn_options_sql(SqlDialect dialect, const TxnOptions *opts, Buf *out, PgError *err)
{
	const char *iso = isolation_name(opts->isolation);

	switch (dialect)
	{
		case DIALECT_POSTGRES:
			if (iso == NULL && opts->read_only < 0 && opts->deferrable < 0)
				return true;
			buf_append_str(out, "SET TRANSACTION");
			if (iso)
				buf_appendf(out, " ISOLATION LEVEL %s", iso);
			if (opts->read_only >= 0)
				buf_append_str(out, opts->read_only ? " READ ONLY" : " READ WRITE");
			if (opts->deferrable >= 0)
				buf_append_str(out, opts->deferrable ? " DEFERRABLE" : " NOT DEFERRABLE");
			return true;

		case DIALECT_SQLITE:
			/* SQLite transactions are serializable: every level is honoured. */
			if (opts->read_only == 1)
				buf_append_str(out, "PRAGMA query_only = 1");
			return true;

		case DIALECT_IRIS:
			if (opts->read_only == 1)
			{
				pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
						  "READ ONLY transactions are not supported by IRIS");
				return false;
			}
			if (iso)
				buf_appendf(out, "SET TRANSACTION ISOLATION LEVEL %s", iso);
			return true;
	}
	return true;
}

bool
xl_txn_end_sql(SqlDialect dialect, const TxnOptions *opts, Buf *out)
{
	if (dialect == DIALECT_SQLITE && opts->read_only == 1)
		buf_append_str(out, "PRAGMA query_only = 0");
	return out->len > 0;
}

/*
 * SQLite: LIKE is case-sensitive in PostgreSQL (the translator writes
 * ILIKE as lower() LIKE lower()). IRIS: its default isolation is READ
 * UNCOMMITTED; PostgreSQL clients assume READ COMMITTED
 * (iris-dialect.md #13, IRIS SQL reference "SET TRANSACTION").
 */
static const char *const sqlite_setup[] = {
	"PRAGMA case_sensitive_like = ON",
	/* scans read pages in place from the shared page cache, not copied per backend */
	"PRAGMA mmap_size = 1073741824",
	NULL
};
static const char *const iris_setup[] = {"SET TRANSACTION ISOLATION LEVEL READ COMMITTED", NULL};
static const char *const no_setup[] = {NULL};

const char *const *
xl_session_setup_sql(SqlDialect dialect)
{
	switch (dialect)
	{
		case DIALECT_SQLITE:
			return sqlite_setup;
		case DIALECT_IRIS:
			return iris_setup;
		case DIALECT_POSTGRES:
			break;
	}
	return no_setup;
}
