/*
 * simple_query.c
 *		The simple query protocol: one Query message, any number of
 *		statements, one ReadyForQuery.
 *
 * Owns: walking the statements of a Query string in order, handing each to
 * pgwire itself (exec.c) or, translated, to the database, and PostgreSQL's
 * rules for the string as a whole: the first error ends it, several
 * statements run in one implicit transaction, and a Query ends the unnamed
 * prepared statement and portal of the extended protocol.
 */
#include "backend/backend.h"

#include "backend/cancel.h"
#include "backend/catalog_exec.h"
#include "backend/exec.h"
#include "backend/plan.h"
#include "backend/session.h"
#include "backend/xact.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/utf8.h"

#include <string.h>
#include <strings.h>

/*
 * Send the result of the statement just executed on hstmt: rows or a row
 * count. described: its result columns as already known (NULL: ask the
 * driver, with the translator's hints columns).
 */
static bool
send_result(Session *s, SQLHSTMT hstmt, const Statement *stmt, const ColumnList *columns,
			const ResultSet *described, PgError *err)
{
	ResultSet	rs;
	int64_t		count;
	bool		suspended;
	bool		opened;

	if (described != NULL)
		opened = odbc_result_reopen(&s->db, hstmt, described, &rs, err);
	else
		opened = odbc_result_open(&s->db, hstmt, columns, &rs, err);
	if (!opened)
	{
		odbc_stmt_close(hstmt);
		return false;
	}
	if (described == NULL)
		be_catalog_annotate_result(s, &rs);
	if (rs.ncols > 0)
	{
		odbc_result_write_description(&rs, NULL, &s->conn.out);
		count = be_send_rows(s, &rs, NULL, 0, &suspended, err);
	}
	else
		count = odbc_affected_rows(hstmt);
	odbc_result_close(&rs);
	odbc_stmt_close(hstmt);
	if (count < 0)
		return false;
	be_write_tag(s, stmt, count);
	return true;
}

/*
 * Run translated sql and send its result; a statement that may be run
 * again as it is keeps its translation (repeat_query.h).
 */
static bool
execute_and_send(Session *s, const char *query, const StatementList *list,
				 const Statement *stmt, Buf *sql, PgError *err)
{
	ColumnList	columns;
	bool		ok;

	be_catalog_note_statement(s, stmt);
	if (!odbc_exec_direct(&s->db, sql->data, sql->len, err))
		return false;
	xl_columns_init(&columns);
	(void) xl_select_columns(query, list, stmt, &columns);
	ok = send_result(s, s->db.stmt, stmt, &columns, NULL, err);
	if (ok && repeat_can_keep(list, stmt))
		repeat_keep(&s->repeat, stmt, sql, &columns);
	xl_columns_free(&columns);
	return ok;
}

/* Run a statement the database runs as several steps, and send its one result. */
static bool
run_plan_and_send(Session *s, const Statement *stmt, ExecPlan *plan, PgError *err)
{
	PlanResult	res;
	bool		suspended;
	bool		ok;

	be_plan_result_init(&res);
	ok = be_plan_run(s, plan, NULL, NULL, NULL, &res, err);
	if (ok)
		be_plan_send(s, stmt, &res, true, 0, &suspended);
	be_plan_result_free(&res);
	return ok;
}

/*
 * Hand a statement to the database and report its result; a CancelRequest
 * or statement_timeout stops it with 57014.
 */
static bool
run_on_database(Session *s, const char *query, const StatementList *list,
				const Statement *stmt, PgError *err)
{
	Buf			sql;
	ExecPlan   *plan = NULL;
	XlParts		parts;
	bool		ok;
	CancelReason why;

	buf_init(&sql);
	xl_parts_init(&parts);
	ok = xl_expand(query, list, stmt, s->db.dialect, &parts, err);
	if (ok && !parts.expanded)
		ok = be_translate(s, query, list, stmt, NULL, NULL, &sql, &plan, err);
	if (ok)
	{
		be_cancel_begin(s->db.stmt, s->params.statement_timeout);
		if (parts.expanded)
			ok = be_run_expanded(s, stmt, &parts, err);
		else if (plan != NULL)
			ok = run_plan_and_send(s, stmt, plan, err);
		else
			ok = execute_and_send(s, query, list, stmt, &sql, err);
		why = be_cancel_end();
		if (!ok)
			be_cancel_explain(why, err);
	}
	be_plan_free(plan, &s->db);
	xl_parts_free(&parts);
	buf_free(&sql);
	return ok;
}

/* A catalog query: answered by the session's catalog. */
static bool
run_on_catalog(Session *s, const char *query, const StatementList *list,
			   const Statement *stmt, PgError *err)
{
	Buf			sql;
	ColumnList	columns;
	bool		ok;

	buf_init(&sql);
	xl_columns_init(&columns);
	ok = be_catalog_translate(s, query, list, stmt, NULL, &sql, err);
	if (ok)
	{
		CatalogRun	run = {.query = query,.stmt = stmt,.sql = sql.data,.hints = &columns,
		.with_description = true};

		(void) xl_select_columns(query, list, stmt, &columns);
		ok = be_catalog_run(s, &run, err);
	}
	xl_columns_free(&columns);
	buf_free(&sql);
	return ok;
}

static bool
exec_statement(Session *s, const char *query, const StatementList *list,
			   const Statement *stmt, PgError *err)
{
	bool		is_catalog;

	if (!xact_check_allowed(s, stmt->kind, err))
		return false;
	if (xl_is_local(stmt->kind))
		return be_run_local(s, query, list, stmt, NULL, true, err);
	if (!be_catalog_query(s, query, list, stmt, &is_catalog, err))
		return false;
	if (is_catalog)
		return run_on_catalog(s, query, list, stmt, err);
	return run_on_database(s, query, list, stmt, err);
}

static bool
kind_is_logged(const Session *s, StmtKind k)
{
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
			return k == STMT_DDL;
		default:
			return false;
	}
}

static bool
statement_is_logged(const Session *s, const StatementList *list)
{
	for (size_t i = 0; i < list->count; i++)
	{
		if (kind_is_logged(s, list->stmts[i].kind))
			return true;
	}
	return false;
}

/* Run the statements of a Query string in order; the first error ends it. */
static void
run_statements(Session *s, const char *sql, const StatementList *list)
{
	PgError		err;
	bool		ok = true;

	pgerr_clear(&err);
	if (statement_is_logged(s, list))
		log_write(LL_LOG, "statement: %s", sql);
	if (list->count == 0)
	{
		proto_write_empty_query(&s->conn.out);
		return;
	}
	if (list->count > 1 && !xact_begin_implicit(s, &err))
	{
		be_report_statement_error(s, &err);
		return;
	}
	for (size_t i = 0; i < list->count && ok; i++)
	{
		ok = exec_statement(s, sql, list, &list->stmts[i], &err);
		if (!ok)
			be_report_statement_error(s, &err);
	}
	if (ok && !xact_end_implicit(s, &err))
		be_report_statement_error(s, &err);
}

/* The kept statement again: its text, checks and translation are as they were. */
static void
run_kept(Session *s)
{
	RepeatQuery *rq = &s->repeat;
	SQLHSTMT	prepared = repeat_handle(rq, &s->db);
	SQLHSTMT	hstmt = prepared != SQL_NULL_HSTMT ? prepared : s->db.stmt;
	PgError		err;
	CancelReason why;
	bool		ok;

	pgerr_clear(&err);
	if (kind_is_logged(s, rq->stmt.kind))
		log_write(LL_LOG, "statement: %s", rq->text);
	if (!xact_check_allowed(s, rq->stmt.kind, &err))
	{
		be_report_statement_error(s, &err);
		return;
	}
	be_cancel_begin(hstmt, s->params.statement_timeout);
	if (prepared != SQL_NULL_HSTMT)
		ok = odbc_execute(&s->db, prepared, &err);
	else
		ok = odbc_exec_direct(&s->db, rq->sql.data, rq->sql.len, &err);
	ok = ok && send_result(s, hstmt, &rq->stmt, &rq->columns, repeat_description(rq, &s->db), &err);
	why = be_cancel_end();
	if (!ok)
	{
		be_cancel_explain(why, &err);
		be_report_statement_error(s, &err);
	}
}

void
be_exec_simple_query(Session *s, const char *sql, size_t len)
{
	StatementList list;
	PgError		err;

	prep_drop_unnamed(&s->prepared, &s->db);
	if (repeat_is_kept(&s->repeat, sql, len, s->generation))
	{
		run_kept(s);
		return;
	}
	pgerr_clear(&err);
	if (strcasecmp(s->params.client_encoding, "UTF8") == 0 && !utf8_check(sql, len, &err))
	{
		be_report_statement_error(s, &err);
		return;
	}
	xl_statements_init(&list);
	if (xl_split(sql, len, &list, &err))
	{
		repeat_note(&s->repeat, sql, len, s->generation);
		run_statements(s, sql, &list);
	}
	else
		be_report_statement_error(s, &err);
	xl_statements_free(&list);
}
