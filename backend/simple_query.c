/*
 * simple_query.c
 *		The simple query protocol: one Query message, any number of
 *		statements, one ReadyForQuery.
 *
 * Owns: walking the statements of a Query string in order, deciding for
 * each whether pgwire answers it (session and transaction commands) or the
 * database does (everything else, after translation), streaming result
 * rows, and writing PostgreSQL's CommandComplete tags. The first error ends
 * the Query; several statements run in one implicit transaction.
 */
#include "backend/backend.h"

#include "backend/odbc_result.h"
#include "backend/session.h"
#include "backend/xact.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/utf8.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Flush rows to the client whenever this much output is queued. */
#define STREAM_FLUSH_BYTES	(64 * 1024)

static void
write_tag(Session *s, const Statement *stmt, int64_t count)
{
	char		tag[96];

	switch (stmt->tag_count)
	{
		case TAG_INSERT_COUNT:
			snprintf(tag, sizeof(tag), "%s 0 %lld", stmt->tag, (long long) count);
			break;
		case TAG_COUNT:
			snprintf(tag, sizeof(tag), "%s %lld", stmt->tag, (long long) count);
			break;
		case TAG_NO_COUNT:
			snprintf(tag, sizeof(tag), "%s", stmt->tag);
			break;
	}
	proto_write_command_complete(&s->conn.out, tag);
}

/* Send every row of the current result; returns the row count or -1. */
static int64_t
stream_rows(Session *s, ResultSet *rs, PgError *err)
{
	FormatOptions fmt = {.extra_float_digits = s->params.extra_float_digits};
	int64_t		nrows = 0;
	int			rc;

	odbc_result_write_description(rs, &s->conn.out);
	while ((rc = odbc_result_fetch(rs, &s->conn.out, &fmt, err)) == 1)
	{
		nrows++;
		if (s->conn.out.len >= STREAM_FLUSH_BYTES)
			be_flush(s);
	}
	return rc < 0 ? -1 : nrows;
}

/* Hand a statement to the database and report its result. */
static bool
run_on_database(Session *s, const char *query, const StatementList *list,
				const Statement *stmt, PgError *err)
{
	SessionValues values;
	RewriteContext ctx;
	ColumnList	columns;
	Buf			sql;
	ResultSet	rs;
	int64_t		count;
	bool		ok;

	session_values(s, &values);
	ctx.dialect = s->db.dialect;
	ctx.session = &values;
	buf_init(&sql);
	ok = xl_rewrite(query, list, stmt, &ctx, &sql, err);
	if (ok && buf_failed(&sql))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		ok = false;
	}
	if (ok)
		ok = odbc_exec_direct(&s->db, sql.data, sql.len, err);
	buf_free(&sql);
	if (!ok)
		return false;

	xl_columns_init(&columns);
	(void) xl_select_columns(query, list, stmt, &columns);
	ok = odbc_result_open(&s->db, &columns, &rs, err);
	xl_columns_free(&columns);
	if (!ok)
	{
		odbc_stmt_reset(&s->db);
		return false;
	}
	if (rs.ncols > 0)
		count = stream_rows(s, &rs, err);
	else
		count = odbc_affected_rows(&s->db);
	odbc_result_close(&rs);
	odbc_stmt_reset(&s->db);
	if (count < 0)
		return false;
	write_tag(s, stmt, count);
	return true;
}

static bool
run_session_command(Session *s, const char *query, const StatementList *list,
					const Statement *stmt, PgError *err)
{
	SessionCmd	cmd;
	bool		ok;

	xl_session_cmd_init(&cmd);
	ok = xl_parse_session_cmd(query, list, stmt, &cmd, err);
	if (ok)
	{
		switch (stmt->kind)
		{
			case STMT_SET:
				ok = session_exec_set(s, &cmd, err);
				break;
			case STMT_RESET:
				ok = session_exec_reset(s, &cmd, err);
				break;
			case STMT_SHOW:
				ok = session_exec_show(s, &cmd, err);
				break;
			case STMT_DISCARD:
				ok = session_exec_discard(s, &cmd, err);
				break;
			default:
				ok = xact_exec(s, stmt->tag, &cmd, err);
				break;
		}
	}
	xl_session_cmd_free(&cmd);
	return ok;
}

static bool
refuse(const Statement *stmt, PgError *err)
{
	pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported by pgwire", stmt->tag);
	return false;
}

static bool
exec_statement(Session *s, const char *query, const StatementList *list,
			   const Statement *stmt, PgError *err)
{
	if (!xact_check_allowed(s, stmt->kind, err))
		return false;

	switch (stmt->kind)
	{
		case STMT_BEGIN:
		case STMT_COMMIT:
		case STMT_ROLLBACK:
		case STMT_SAVEPOINT:
		case STMT_RELEASE:
		case STMT_ROLLBACK_TO:
		case STMT_SET_TRANSACTION:
		case STMT_SET:
		case STMT_RESET:
		case STMT_SHOW:
		case STMT_DISCARD:
			return run_session_command(s, query, list, stmt, err);

		case STMT_DEALLOCATE:
			/* no SQL-level prepared statements exist, so only ALL succeeds */
			if (strcmp(stmt->tag, "DEALLOCATE ALL") == 0)
			{
				write_tag(s, stmt, 0);
				return true;
			}
			pgerr_set(err, ERRCODE_INVALID_SQL_STATEMENT_NAME,
					  "prepared statement does not exist");
			return false;

		case STMT_LISTEN:
			/* nothing can be listening, so UNLISTEN has nothing to undo */
			if (strcmp(stmt->tag, "UNLISTEN") == 0)
			{
				write_tag(s, stmt, 0);
				return true;
			}
			return refuse(stmt, err);

		case STMT_COPY:
		case STMT_PREPARE:
		case STMT_EXECUTE:
		case STMT_CURSOR:
		case STMT_UNSUPPORTED:
			return refuse(stmt, err);

		default:
			return run_on_database(s, query, list, stmt, err);
	}
}

static bool
statement_is_logged(const Session *s, const StatementList *list)
{
	for (size_t i = 0; i < list->count; i++)
	{
		StmtKind	k = list->stmts[i].kind;

		switch (s->params.log_statement)
		{
			case LOGSTMT_ALL:
				return true;
			case LOGSTMT_MOD:
				if (k == STMT_INSERT || k == STMT_UPDATE || k == STMT_DELETE ||
					k == STMT_MERGE || k == STMT_COPY)
					return true;
				/* FALLTHROUGH */
			case LOGSTMT_DDL:
				if (k == STMT_DDL)
					return true;
				break;
			default:
				return false;
		}
	}
	return false;
}

/* After an error: report it, fail the transaction, end the session if the database is gone. */
static void
report_statement_error(Session *s, PgError *err)
{
	if (s->db.lost)
	{
		PgError		fatal;

		pgerr_set(&fatal, ERRCODE_CONNECTION_FAILURE,
				  "terminating connection because the database connection was lost");
		pgerr_set_detail(&fatal, "%s", err->message);
		be_fatal(s, &fatal);
	}
	be_send_error(s, err);
	xact_on_error(s);
}

void
be_exec_simple_query(Session *s, const char *sql, size_t len)
{
	StatementList list;
	PgError		err;

	pgerr_clear(&err);
	if (strcasecmp(s->params.client_encoding, "UTF8") == 0 && !utf8_check(sql, len, &err))
	{
		report_statement_error(s, &err);
		return;
	}

	xl_statements_init(&list);
	if (!xl_split(sql, len, &list, &err))
	{
		report_statement_error(s, &err);
		xl_statements_free(&list);
		return;
	}
	if (statement_is_logged(s, &list))
		log_write(LL_LOG, "statement: %s", sql);

	if (list.count == 0)
		proto_write_empty_query(&s->conn.out);
	else if (list.count > 1 && !xact_begin_implicit(s, &err))
		report_statement_error(s, &err);
	else
	{
		bool		ok = true;

		for (size_t i = 0; i < list.count && ok; i++)
		{
			ok = exec_statement(s, sql, &list, &list.stmts[i], &err);
			if (!ok)
				report_statement_error(s, &err);
		}
		if (ok && !xact_end_implicit(s, &err))
			report_statement_error(s, &err);
	}
	xl_statements_free(&list);
}
