/*
 * exec.c
 *		Running one statement, for both protocols.
 *
 * Owns: which statements pgwire answers itself and how (session commands,
 * transaction control, and the forms it refuses), PostgreSQL's command
 * tags, streaming result rows in batches with an optional row limit, the
 * translation of each statement (or its plan of several: plan.c), and the
 * aftermath of a failed statement.
 */
#include "backend/exec.h"

#include "backend/copy.h"
#include "backend/plan.h"
#include "backend/schema_changes.h"
#include "backend/session.h"
#include "backend/signal_backend.h"
#include "backend/xact.h"
#include "common/proto.h"
#include "common/protocol.h"

#include <stdlib.h>
#include <string.h>

/* IRIS releases before 2025.1 have TOP but no LIMIT/OFFSET/FETCH. */
static bool
iris_before_2025(const char *version)
{
	return version != NULL && atoi(version) < 2025;
}

void
be_rewrite_context(Session *s, SessionValues *values, ParamMap *params, const ParamInput *in,
				   RewriteContext *ctx)
{
	session_values(s, values);
	memset(ctx, 0, sizeof(*ctx));
	ctx->dialect = s->db.dialect;
	ctx->session = values;
	ctx->params = params;
	if (in != NULL)
	{
		ctx->declared_types = in->declared;
		ctx->ndeclared = in->ndeclared;
		ctx->vector_literals = in->vector_literals;
		ctx->nvector_literals = in->nvector_literals;
	}
	ctx->iris_top_only = s->db.dialect == DIALECT_IRIS && iris_before_2025(s->params.iris_version);
	ctx->iris_vector_float = s->params.iris_vector_type == 1;
}

bool
be_translate(Session *s, const char *query, const StatementList *list, const Statement *stmt,
			 ParamMap *params, const ParamInput *in, Buf *sql, ExecPlan **plan, PgError *err)
{
	SessionValues values;
	RewriteContext ctx;

	if (stmt->kind == STMT_DDL)
		be_schema_note_ddl(s);
	if (!be_plan_translate(s, query, list, stmt, params != NULL, in, plan, err))
		return false;
	if (*plan != NULL)
		return true;
	be_rewrite_context(s, &values, params, in, &ctx);
	if (!xl_rewrite(query, list, stmt, &ctx, sql, err))
		return false;
	if (buf_failed(sql))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	return true;
}

bool
be_translate_text(Session *s, const char *text, size_t len, ParamMap *params,
				  const ParamInput *in, Buf *sql, PgError *err)
{
	StatementList list;
	ExecPlan   *plan = NULL;
	bool		ok;

	xl_statements_init(&list);
	ok = xl_split(text, len, &list, err);
	if (ok && list.count != 1)
	{
		pgerr_set(err, ERRCODE_SYNTAX_ERROR, "not a single statement");
		ok = false;
	}
	ok = ok && be_translate(s, text, &list, &list.stmts[0], params, in, sql, &plan, err);
	if (plan != NULL)
	{
		/* pgwire's own SQL never needs a plan (no RETURNING) */
		be_plan_free(plan, &s->db);
		pgerr_set(err, ERRCODE_INTERNAL_ERROR, "pgwire's statement needs a plan");
		ok = false;
	}
	xl_statements_free(&list);
	/* a position would point into pgwire's text, not the client's */
	if (!ok)
		err->position = 0;
	return ok;
}

void
be_write_tag(Session *s, const Statement *stmt, int64_t count)
{
	if (stmt->tag_count == TAG_NO_COUNT)
		proto_write_command_complete(&s->conn.out, stmt->tag);
	else
		proto_write_command_complete_count(&s->conn.out, stmt->tag,
										   stmt->tag_count == TAG_INSERT_COUNT, count);
}

int64_t
be_send_rows(Session *s, ResultSet *rs, const int16_t *formats, int64_t max_rows,
			 bool *suspended, PgError *err)
{
	FormatOptions fmt = {.extra_float_digits = s->params.extra_float_digits};
	int64_t		nrows = 0;
	int			rc;

	*suspended = false;
	while (max_rows == 0 || nrows < max_rows)
	{
		rc = odbc_result_fetch(rs, &s->conn.out, &fmt, formats, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return nrows;
		nrows++;
		if (s->conn.out.len >= BE_STREAM_FLUSH_BYTES)
			be_flush(s);
	}
	*suspended = true;
	return nrows;
}

bool
be_run_expanded(Session *s, const Statement *stmt, const XlParts *parts, PgError *err)
{
	bool		own_xact = parts->count > 1 && s->xact == XACT_IDLE;
	Buf			sql;
	bool		ok = true;

	/* several statements for one: all or none, as the one would be */
	if (own_xact && !xact_begin_implicit(s, err))
		return false;
	buf_init(&sql);
	for (int i = 0; ok && i < parts->count; i++)
	{
		buf_reset(&sql);
		ok = be_translate_text(s, parts->texts[i].data, parts->texts[i].len, NULL, NULL, &sql, err) &&
			odbc_exec_command(&s->db, sql.data, sql.len, err);
		if (!ok)
			err->position = 0;
	}
	buf_free(&sql);
	if (ok && own_xact && !xact_end_implicit(s, err))
		ok = false;
	if (ok)
		be_write_tag(s, stmt, 0);
	return ok;
}

void
be_report_statement_error(Session *s, PgError *err)
{
	/* a fast shutdown stopped the statement: the client hears only 57P01 */
	be_process_interrupts(s);
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

/* ---- statements pgwire answers ---- */

static bool
refuse(const Statement *stmt, PgError *err)
{
	pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported by pgwire", stmt->tag);
	return false;
}

/* DEALLOCATE: protocol-level statements are the only prepared statements. */
static bool
run_deallocate(Session *s, const char *query, const StatementList *list,
			   const Statement *stmt, PgError *err)
{
	SessionCmd	cmd;
	bool		ok;

	if (strcmp(stmt->tag, "DEALLOCATE ALL") == 0)
	{
		be_mark_prepared_reset(s, PREPARED_RESET_ALL);
		be_write_tag(s, stmt, 0);
		return true;
	}
	xl_session_cmd_init(&cmd);
	ok = xl_parse_session_cmd(query, list, stmt, &cmd, err);
	if (ok && prep_find_statement(&s->prepared, cmd.name) == NULL)
	{
		pgerr_set(err, ERRCODE_INVALID_SQL_STATEMENT_NAME,
				  "prepared statement \"%s\" does not exist", cmd.name);
		ok = false;
	}
	if (ok)
	{
		prep_close_statement(&s->prepared, cmd.name, &s->db);
		be_write_tag(s, stmt, 0);
	}
	xl_session_cmd_free(&cmd);
	return ok;
}

/*
 * CREATE EXTENSION vector (pgvector) and plpgsql succeed: pgwire provides
 * the one and PostgreSQL always has the other. No other extension exists
 * here (PostgreSQL's 0A000 for an extension that is not installed); the
 * provided ones cannot be dropped.
 */
static bool
run_extension(Session *s, const Statement *stmt, const SessionCmd *cmd, PgError *err)
{
	bool		provided = strcmp(cmd->name, "vector") == 0 || strcmp(cmd->name, "plpgsql") == 0;

	if (strcmp(stmt->tag, "CREATE EXTENSION") == 0)
	{
		if (!provided)
		{
			pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "extension \"%s\" is not available", cmd->name);
			pgerr_set_hint(err, "pgwire provides the extension vector (pgvector's type, operators and functions).");
			return false;
		}
	}
	else if (provided)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "extension \"%s\" is part of pgwire and cannot be dropped",
				  cmd->name);
		return false;
	}
	else if (!cmd->if_exists)
	{
		pgerr_set(err, ERRCODE_UNDEFINED_OBJECT, "extension \"%s\" does not exist", cmd->name);
		return false;
	}
	else
	{
		PgError		notice;

		pgerr_set(&notice, ERRCODE_SUCCESSFUL_COMPLETION, "extension \"%s\" does not exist, skipping", cmd->name);
		notice.severity = PGSEV_NOTICE;
		be_send_notice(s, &notice);
	}
	be_write_tag(s, stmt, 0);
	return true;
}

bool
be_run_local(Session *s, const char *query, const StatementList *list,
			 const Statement *stmt, const Portal *portal, bool with_description, PgError *err)
{
	SessionCmd	cmd;
	bool		ok;

	switch (stmt->kind)
	{
		case STMT_DEALLOCATE:
			return run_deallocate(s, query, list, stmt, err);
		case STMT_LISTEN:
			/* nothing can be listening, so UNLISTEN has nothing to undo */
			if (strcmp(stmt->tag, "UNLISTEN") == 0)
			{
				be_write_tag(s, stmt, 0);
				return true;
			}
			return refuse(stmt, err);
		case STMT_COPY:
			return be_run_copy(s, query, list, stmt, err);
		case STMT_PREPARE:
		case STMT_EXECUTE:
		case STMT_CURSOR:
		case STMT_UNSUPPORTED:
			return refuse(stmt, err);
		default:
			break;
	}

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
				ok = session_exec_show(s, &cmd, with_description, err);
				break;
			case STMT_DISCARD:
				ok = session_exec_discard(s, &cmd, err);
				break;
			case STMT_SIGNAL_BACKEND:
				ok = be_signal_backend(s, &cmd, portal, with_description, err);
				break;
			case STMT_SET_CONFIG:
				ok = session_exec_set_config(s, &cmd, with_description, err);
				break;
			case STMT_EXTENSION:
				ok = run_extension(s, stmt, &cmd, err);
				break;
			default:
				ok = xact_exec(s, stmt->tag, &cmd, err);
				break;
		}
	}
	xl_session_cmd_free(&cmd);
	/* SET, RESET, DISCARD and a transaction's end may have changed TimeZone */
	session_apply_timezone(s);
	return ok;
}

bool
be_describe_local(Session *s, const char *query, const StatementList *list,
				  const Statement *stmt, PgError *err)
{
	SessionCmd	cmd;
	bool		ok;

	if (stmt->kind != STMT_SHOW && stmt->kind != STMT_SIGNAL_BACKEND && stmt->kind != STMT_SET_CONFIG)
	{
		proto_write_empty(&s->conn.out, PqMsg_NoData);
		return true;
	}
	xl_session_cmd_init(&cmd);
	ok = xl_parse_session_cmd(query, list, stmt, &cmd, err);
	if (ok && stmt->kind == STMT_SHOW)
		ok = session_describe_show(s, &cmd, err);
	else if (ok && stmt->kind == STMT_SET_CONFIG)
		session_describe_set_config(s, &cmd);
	else if (ok)
		be_describe_signal_backend(s, &cmd);
	xl_session_cmd_free(&cmd);
	return ok;
}
