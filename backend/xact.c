/*
 * xact.c
 *		Transaction blocks over ODBC.
 *
 * Owns: the session's XactState and its mapping onto the ODBC connection
 * (autocommit off for a block, SQLEndTran at its end), the savepoint stack,
 * and PostgreSQL's rules and messages for BEGIN/COMMIT/ROLLBACK in every
 * state, including a failed block and the implicit block of a
 * multi-statement Query.
 */
#include "backend/xact.h"

#include "backend/session.h"
#include "common/log.h"
#include "common/proto.h"

#include <string.h>

char
xact_status(const Session *s)
{
	switch (s->xact)
	{
		case XACT_BLOCK:
			return 'T';
		case XACT_FAILED:
			return 'E';
		default:
			return 'I';
	}
}

bool
xact_check_allowed(Session *s, StmtKind kind, PgError *err)
{
	if (s->xact != XACT_FAILED)
		return true;
	if (kind == STMT_COMMIT || kind == STMT_ROLLBACK || kind == STMT_ROLLBACK_TO)
		return true;
	pgerr_set(err, ERRCODE_IN_FAILED_SQL_TRANSACTION,
			  "current transaction is aborted, commands ignored until end of transaction block");
	return false;
}

static void
send_warning(Session *s, const char *sqlstate, const char *message)
{
	PgError		warning;

	pgerr_set(&warning, sqlstate, "%s", message);
	warning.severity = PGSEV_WARNING;
	be_send_notice(s, &warning);
}

/* Run a transaction-control statement the dialect needs as SQL. */
static bool
exec_control_sql(Session *s, const Buf *sql, PgError *err)
{
	if (sql->len == 0)
		return true;
	if (buf_failed(sql))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	return odbc_exec_command(&s->db, sql->data, sql->len, err);
}

static bool
apply_options(Session *s, const TxnOptions *opts, PgError *err)
{
	Buf			sql;
	bool		ok;

	buf_init(&sql);
	ok = xl_txn_options_sql(s->db.dialect, opts, &sql, err) && exec_control_sql(s, &sql, err);
	buf_free(&sql);
	return ok;
}

static bool
start_db_transaction(Session *s, const TxnOptions *opts, PgError *err)
{
	if (!odbc_set_autocommit(&s->db, false, err))
		return false;
	s->xact_opts = *opts;
	s->nsavepoints = 0;
	return apply_options(s, opts, err);
}

/*
 * Commit or roll back the database transaction and return to autocommit.
 * A failed commit leaves the transaction rolled back, as in PostgreSQL.
 */
static bool
finish_db_transaction(Session *s, bool commit, PgError *err)
{
	bool		ok;
	PgError		cleanup_err;
	Buf			sql;

	prep_close_cursors(&s->prepared, &s->db);
	ok = odbc_end_transaction(&s->db, commit, err);
	if (!ok && commit && !odbc_end_transaction(&s->db, false, &cleanup_err))
		log_pgerror(LL_WARNING, &cleanup_err);
	if (!odbc_set_autocommit(&s->db, true, ok ? err : &cleanup_err))
		ok = false;

	buf_init(&sql);
	if (xl_txn_end_sql(s->db.dialect, &s->xact_opts, &sql) &&
		!exec_control_sql(s, &sql, &cleanup_err))
		log_pgerror(LL_WARNING, &cleanup_err);
	buf_free(&sql);

	session_end_xact_params(s, ok && commit);
	be_mark_prepared_reset(s, PREPARED_RESET_PORTALS);
	s->xact = XACT_IDLE;
	s->nsavepoints = 0;
	memset(&s->xact_opts, 0, sizeof(s->xact_opts));
	return ok;
}

bool
xact_begin_implicit(Session *s, PgError *err)
{
	TxnOptions	none = {ISO_DEFAULT, -1, -1};

	if (s->xact != XACT_IDLE)
		return true;
	if (!start_db_transaction(s, &none, err))
		return false;
	s->xact = XACT_IMPLICIT;
	return true;
}

bool
xact_end_implicit(Session *s, PgError *err)
{
	if (s->xact != XACT_IMPLICIT)
		return true;
	return finish_db_transaction(s, true, err);
}

void
xact_on_error(Session *s)
{
	PgError		err;

	switch (s->xact)
	{
		case XACT_IMPLICIT:
			if (!finish_db_transaction(s, false, &err))
				log_pgerror(LL_WARNING, &err);
			break;
		case XACT_BLOCK:
			s->xact = XACT_FAILED;
			break;
		default:
			break;
	}
}

void
xact_abort_all(Session *s)
{
	PgError		err;

	if (s->xact == XACT_IDLE || !s->db.connected || s->db.lost)
		return;
	if (!finish_db_transaction(s, false, &err))
		log_pgerror(LL_WARNING, &err);
}

static int
find_savepoint(const Session *s, const char *name)
{
	for (int i = s->nsavepoints - 1; i >= 0; i--)
	{
		if (strcmp(s->savepoints[i], name) == 0)
			return i;
	}
	return -1;
}

static bool
savepoint_command(Session *s, const SessionCmd *cmd, const char *what, PgError *err)
{
	int			at = -1;
	Buf			sql;
	bool		ok;

	if (s->xact != XACT_BLOCK && s->xact != XACT_FAILED)
	{
		pgerr_set(err, ERRCODE_NO_ACTIVE_SQL_TRANSACTION,
				  "%s can only be used in transaction blocks", what);
		return false;
	}
	if (cmd->kind == STMT_SAVEPOINT)
	{
		if (s->nsavepoints >= SESSION_MAX_SAVEPOINTS)
		{
			pgerr_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
					  "too many savepoints (at most %d)", SESSION_MAX_SAVEPOINTS);
			return false;
		}
	}
	else if ((at = find_savepoint(s, cmd->name)) < 0)
	{
		pgerr_set(err, "3B001", "savepoint \"%s\" does not exist", cmd->name);
		return false;
	}

	buf_init(&sql);
	ok = xl_savepoint_sql(s->db.dialect, cmd->kind, cmd->name, &sql, err) &&
		exec_control_sql(s, &sql, err);
	buf_free(&sql);
	if (!ok)
		return false;

	switch (cmd->kind)
	{
		case STMT_SAVEPOINT:
			pgerr_copy_text(s->savepoints[s->nsavepoints], sizeof(s->savepoints[0]), cmd->name);
			s->nsavepoints++;
			break;
		case STMT_RELEASE:
			s->nsavepoints = at;
			break;
		default:				/* ROLLBACK TO keeps the savepoint itself */
			s->nsavepoints = at + 1;
			s->xact = XACT_BLOCK;
			break;
	}
	return true;
}

static bool
exec_begin(Session *s, const SessionCmd *cmd, PgError *err)
{
	switch (s->xact)
	{
		case XACT_IDLE:
			if (!start_db_transaction(s, &cmd->txn, err))
				return false;
			break;
		case XACT_IMPLICIT:
			/* the statements so far join the explicit block */
			s->xact_opts = cmd->txn;
			if (!apply_options(s, &cmd->txn, err))
				return false;
			break;
		default:
			send_warning(s, ERRCODE_ACTIVE_SQL_TRANSACTION,
						 "there is already a transaction in progress");
			return true;
	}
	s->xact = XACT_BLOCK;
	return true;
}

/* COMMIT or ROLLBACK; *tag becomes "ROLLBACK" for COMMIT of a failed block. */
static bool
exec_end(Session *s, const SessionCmd *cmd, const char **tag, PgError *err)
{
	bool		commit = (cmd->kind == STMT_COMMIT);
	TxnOptions	chain_opts = s->xact_opts;

	switch (s->xact)
	{
		case XACT_IDLE:
			send_warning(s, ERRCODE_NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
			return true;
		case XACT_IMPLICIT:
			send_warning(s, ERRCODE_NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
			if (!finish_db_transaction(s, commit, err))
				return false;
			/* the rest of the Query string runs in a new implicit transaction */
			return xact_begin_implicit(s, err);
		case XACT_FAILED:
			commit = false;
			*tag = "ROLLBACK";
			break;
		case XACT_BLOCK:
			break;
	}
	if (!finish_db_transaction(s, commit, err))
		return false;
	if (cmd->and_chain)
	{
		if (!start_db_transaction(s, &chain_opts, err))
			return false;
		s->xact = XACT_BLOCK;
	}
	return true;
}

bool
xact_exec(Session *s, const char *tag, const SessionCmd *cmd, PgError *err)
{
	bool		ok;

	switch (cmd->kind)
	{
		case STMT_BEGIN:
			ok = exec_begin(s, cmd, err);
			break;
		case STMT_COMMIT:
		case STMT_ROLLBACK:
			ok = exec_end(s, cmd, &tag, err);
			break;
		case STMT_SAVEPOINT:
			ok = savepoint_command(s, cmd, "SAVEPOINT", err);
			break;
		case STMT_RELEASE:
			ok = savepoint_command(s, cmd, "RELEASE SAVEPOINT", err);
			break;
		case STMT_ROLLBACK_TO:
			ok = savepoint_command(s, cmd, "ROLLBACK TO SAVEPOINT", err);
			break;
		case STMT_SET_TRANSACTION:
			if (s->xact != XACT_BLOCK)
			{
				send_warning(s, ERRCODE_NO_ACTIVE_SQL_TRANSACTION,
							 "SET TRANSACTION can only be used in transaction blocks");
				ok = true;
			}
			else
				ok = apply_options(s, &cmd->txn, err);
			break;
		default:
			pgerr_set(err, ERRCODE_INTERNAL_ERROR, "not a transaction command");
			ok = false;
			break;
	}
	if (ok)
		proto_write_command_complete(&s->conn.out, tag);
	return ok;
}
