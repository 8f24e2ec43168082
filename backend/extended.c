/*
 * extended.c
 *		The extended query protocol: Parse, Bind, Describe, Execute, Close,
 *		Sync (Flush is a plain flush in backend_main.c).
 *
 * Owns: one handler per message and PostgreSQL's rules around them. After
 * an error every message up to Sync is skipped; Sync ends the implicit
 * transaction (commit, or rollback after an error) unless a BEGIN block is
 * open, and answers ReadyForQuery. Replies are only queued: they leave at
 * Sync, Flush, or when a large result fills the output buffer, so a
 * pipeline of many messages costs one write. Statements the database runs
 * are translated and prepared once, at Parse; each Execute binds and
 * executes the prepared handle (or a second handle when the first still
 * has an open cursor) and streams rows up to the row limit, leaving the
 * cursor open behind a PortalSuspended. A statement the database runs as
 * several steps (plan.c) has each step prepared at Parse, runs them all at
 * its first Execute and hands out the rows it holds. Parameter types are
 * decided in param_types.c, a Bind's values and formats read in
 * bind_params.c, result columns found and kept in describe.c.
 */
#include "backend/backend.h"

#include "backend/bind_params.h"
#include "backend/cancel.h"
#include "backend/catalog_exec.h"
#include "backend/describe.h"
#include "backend/exec.h"
#include "backend/odbc_params.h"
#include "backend/param_types.h"
#include "backend/plan.h"
#include "backend/session.h"
#include "backend/translation.h"
#include "backend/xact.h"
#include "common/proto.h"
#include "common/protocol.h"
#include "common/types.h"
#include "common/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* An error in an extended-query message: report it and skip until Sync. */
static void
fail_message(Session *s, PgError *err)
{
	be_report_statement_error(s, err);
	s->ignore_till_sync = true;
}

/* ---- Parse ---- */

/*
 * Translate a database statement, record its parameters and prepare it.
 * With vector_parameters = inline a statement with vector parameters is
 * translated again for each portal (translation.c); the handle prepared
 * here, with a marker for each, still describes it. A SELECT that reads no
 * table is prepared to be read whole (odbc_prepare_tableless: on SQLite,
 * compiled once for all its executions).
 */
static bool
prepare_for_database(Session *s, PreparedStatement *ps, PgError *err)
{
	ParamInput	in = {.declared = ps->declared,.ndeclared = ps->ndeclared};

	if (!be_translate_statement(s, ps, &in, &ps->tr, err))
		return false;
	ps->inline_vectors = be_inlines_vectors(s, &ps->tr);
	if (ps->tr.plan != NULL)
		return be_plan_prepare(s, ps->tr.plan, err);
	(void) xl_select_columns(ps->query, &ps->list, prep_statement_of(ps), &ps->columns);
	if (prep_statement_of(ps)->kind == STMT_SELECT && odbc_reads_no_table(ps->tr.sql.data, ps->tr.sql.len))
		return odbc_prepare_tableless(&s->db, ps->tr.sql.data, ps->tr.sql.len, &ps->hstmt, err);
	return odbc_prepare(&s->db, ps->tr.sql.data, ps->tr.sql.len, &ps->hstmt, err);
}

static bool
parse_statement(Session *s, const ParseMsg *m, PreparedStatement **out, PgError *err)
{
	PreparedStatement *ps;
	const Statement *stmt;

	if (!utf8_check(m->query, m->query_len, err))
		return false;
	ps = prep_statement_new(m->name, m->query, m->query_len);
	if (ps == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	*out = ps;
	ps->generation = s->generation;
	ps->schema_generation = s->schema_generation;
	if (!be_param_types_remember(ps, m, err) || !xl_split(ps->query, ps->query_len, &ps->list, err))
		return false;
	if (ps->list.count > 1)
	{
		pgerr_set(err, ERRCODE_SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
		return false;
	}
	stmt = prep_statement_of(ps);
	if (stmt != NULL)
	{
		if (!xact_check_allowed(s, stmt->kind, err))
			return false;
		ps->local = xl_is_local(stmt->kind);
		if (!ps->local && !be_catalog_query(s, ps->query, &ps->list, stmt, &ps->catalog, err))
			return false;
		if (ps->catalog)
		{
			if (!be_catalog_translate(s, ps->query, &ps->list, stmt, &ps->tr.params, &ps->tr.sql, err))
				return false;
			(void) xl_select_columns(ps->query, &ps->list, stmt, &ps->columns);
		}
		else if (!ps->local && !prepare_for_database(s, ps, err))
			return false;
		if (stmt->kind == STMT_SIGNAL_BACKEND && !be_param_types_signal(ps, stmt, err))
			return false;
	}
	return be_param_types_set(ps, m, err) &&
		(ps->local || ps->catalog || be_param_types_from_columns(s, ps, prep_statement_of(ps), err));
}

/*
 * The unnamed statement parsed again with the same text and parameter
 * types (pgbench -M extended, drivers before they name statements) keeps
 * its translation and its prepared handle, unless DDL has run or a setting
 * changed since (the tables it describes, or what the translation read,
 * may have changed) or a cursor is open on it. The
 * database is spared a prepare (and psqlODBC a prepare and a DEALLOCATE)
 * per execution. What it keeps never depends on parameter values: with
 * vector_parameters = inline, a text with values in it belongs to the
 * portal, not the statement (translation.c).
 */
static bool
reuse_unnamed(Session *s, const ParseMsg *m)
{
	PreparedStatement *ps = s->prepared.unnamed_statement;

	if (m->name[0] != '\0' || ps == NULL || ps->hstmt_in_use || ps->generation != s->generation ||
		s->xact == XACT_FAILED ||
		ps->query_len != m->query_len || memcmp(ps->query, m->query, m->query_len) != 0 ||
		ps->ndeclared != m->nparam_types)
		return false;
	for (int i = 0; i < m->nparam_types; i++)
	{
		if (ps->declared[i] != proto_uint32_at(m->param_types, i))
			return false;
	}
	return true;
}

void
be_handle_parse(Session *s, const uint8_t *body, size_t len)
{
	ParseMsg	m;
	PreparedStatement *ps = NULL;
	PgError		err;

	if (s->ignore_till_sync)
		return;
	pgerr_clear(&err);
	if (proto_parse_parse(body, len, &m, &err) && reuse_unnamed(s, &m))
	{
		proto_write_empty(&s->conn.out, PqMsg_ParseComplete);
		return;
	}
	if (pgerr_is_set(&err) || !parse_statement(s, &m, &ps, &err) ||
		!prep_add_statement(&s->prepared, ps, &s->db, &err))
	{
		prep_statement_release(ps, &s->db);
		fail_message(s, &err);
		return;
	}
	proto_write_empty(&s->conn.out, PqMsg_ParseComplete);
}

/* ---- Bind ---- */

static Portal *
bind_portal(Session *s, const BindMsg *b, PgError *err)
{
	PreparedStatement *ps = prep_find_statement(&s->prepared, b->statement);
	Portal	   *portal;

	if (ps == NULL)
	{
		pgerr_set(err, ERRCODE_INVALID_SQL_STATEMENT_NAME,
				  "prepared statement \"%s\" does not exist", b->statement);
		return NULL;
	}
	if (prep_statement_of(ps) && !xact_check_allowed(s, prep_statement_of(ps)->kind, err))
		return NULL;
	if (!be_reprepare_if_stale(s, ps, err))
		return NULL;
	portal = prep_portal_new(b->portal, ps);
	if (portal == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return NULL;
	}
	if (!be_bind_params(s, b, ps, portal, err) || !be_bind_result_formats(b, portal, err))
	{
		prep_portal_free(portal, &s->db);
		return NULL;
	}
	return portal;
}

void
be_handle_bind(Session *s, const uint8_t *body, size_t len)
{
	BindMsg		b;
	Portal	   *portal = NULL;
	PgError		err;

	if (s->ignore_till_sync)
		return;
	pgerr_clear(&err);
	if (!proto_parse_bind(body, len, &b, &err))
	{
		fail_message(s, &err);
		return;
	}
	portal = bind_portal(s, &b, &err);
	proto_bind_free(&b);
	if (portal == NULL || !prep_add_portal(&s->prepared, portal, &s->db, &err))
	{
		prep_portal_free(portal, &s->db);
		fail_message(s, &err);
		return;
	}
	proto_write_empty(&s->conn.out, PqMsg_BindComplete);
}

/* ---- Describe ---- */

void
be_handle_describe(Session *s, const uint8_t *body, size_t len)
{
	TargetMsg	t;
	PgError		err;
	bool		ok;

	if (s->ignore_till_sync)
		return;
	pgerr_clear(&err);
	if (!proto_parse_target(body, len, &t, &err))
		ok = false;
	else if (t.kind == 'S')
	{
		PreparedStatement *ps = prep_find_statement(&s->prepared, t.name);

		if (ps == NULL)
		{
			pgerr_set(&err, ERRCODE_INVALID_SQL_STATEMENT_NAME,
					  "prepared statement \"%s\" does not exist", t.name);
			ok = false;
		}
		else
		{
			be_param_types_resolve(ps);
			proto_write_parameter_description(&s->conn.out, ps->param_types, ps->nparams);
			ok = be_describe_result(s, ps, NULL, &err);
		}
	}
	else
	{
		Portal	   *portal = prep_find_portal(&s->prepared, t.name);

		if (portal == NULL)
		{
			pgerr_set(&err, ERRCODE_INVALID_CURSOR_NAME, "portal \"%s\" does not exist", t.name);
			ok = false;
		}
		else
			ok = be_describe_result(s, portal->stmt, portal, &err);
	}
	if (!ok)
		fail_message(s, &err);
}

/* ---- Execute ---- */

/* What a portal runs: its own translation (values in its text), or its statement's. */
static const Translation *
translation_of(const Portal *portal)
{
	return portal->inlined != NULL ? portal->inlined : &portal->stmt->tr;
}

/*
 * The handle a portal runs on: its statement's, or a new one if that is
 * busy or the portal has a text of its own.
 */
static bool
portal_take_handle(Session *s, Portal *portal, PgError *err)
{
	PreparedStatement *ps = portal->stmt;
	const Translation *tr = translation_of(portal);

	if (!ps->hstmt_in_use && portal->inlined == NULL)
	{
		ps->hstmt_in_use = true;
		portal->hstmt = ps->hstmt;
		portal->own_hstmt = false;
		return true;
	}
	portal->own_hstmt = true;
	if (!odbc_prepare(&s->db, tr->sql.data, tr->sql.len, &portal->hstmt, err))
		return false;
	/* a cancel now stops this handle, not the statement's */
	be_cancel_switch(portal->hstmt);
	return true;
}

/* Bind, execute and open the result of a portal that has not run yet. */
static bool
portal_start(Session *s, Portal *portal, PgError *err)
{
	PreparedStatement *ps = portal->stmt;

	/*
	 * Statements up to Sync form one transaction; when Sync is next, that
	 * is this statement alone, and the database's autocommit does it (as
	 * a one-statement simple Query), saving two round trips to it.
	 */
	if (s->xact == XACT_IDLE && !conn_next_is_sync(&s->conn) && !xact_begin_implicit(s, err))
		return false;
	be_catalog_note_statement(s, prep_statement_of(ps));
	if (!portal_take_handle(s, portal, err) ||
		!odbc_execute_params(&s->db, portal->hstmt, &translation_of(portal)->params, portal->bound,
							 &portal->values, err))
		return false;
	/* described already (and prepared again if the tables changed since) */
	if (ps->described ? !odbc_result_reopen(&s->db, portal->hstmt, &ps->description, &portal->rs, err)
		: !odbc_result_open(&s->db, portal->hstmt, &ps->columns, &portal->rs, err))
		return false;
	portal->has_rs = true;
	if (!ps->described)
		be_catalog_annotate_result(s, &portal->rs);
	if (!be_remember_description(ps, &portal->rs, err))
		return false;
	portal->state = PORTAL_ACTIVE;
	return true;
}

/*
 * Run a portal whose statement is a plan: every step at the first Execute
 * (its rows held, as PostgreSQL holds RETURNING rows), then the rows up to
 * max_rows at each.
 */
static bool
portal_run_plan(Session *s, Portal *portal, int32_t max_rows, PgError *err)
{
	PreparedStatement *ps = portal->stmt;
	int16_t    *formats;
	bool		suspended;
	bool		ok;

	if (portal->state == PORTAL_READY)
	{
		if (!ps->described && !be_describe_prepared(s, ps, err))
			return false;
		pgerr_clear(err);
		formats = be_bind_column_formats(portal, ps->description.ncols, err);
		if (formats == NULL && pgerr_is_set(err))
			return false;
		if ((portal->plan_result = malloc(sizeof(PlanResult))) == NULL)
		{
			free(formats);
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return false;
		}
		be_plan_result_init(portal->plan_result);
		ok = be_plan_run(s, translation_of(portal)->plan, portal->bound, &portal->values, formats,
						 portal->plan_result, err);
		free(formats);
		if (!ok)
			return false;
		portal->state = PORTAL_ACTIVE;
	}
	be_plan_send(s, prep_statement_of(ps), portal->plan_result, false, max_rows, &suspended);
	if (!suspended)
	{
		portal->state = PORTAL_DONE;
		prep_portal_close_cursor(portal, &s->db);
	}
	return true;
}

/* Run (or continue) a database portal: rows up to max_rows, or its row count. */
static bool
portal_run(Session *s, Portal *portal, int32_t max_rows, PgError *err)
{
	const Statement *stmt = prep_statement_of(portal->stmt);
	int16_t    *formats = NULL;
	int64_t		count;
	bool		suspended = false;

	if (portal->state == PORTAL_DONE)
	{
		/* a finished query yields nothing more; other statements cannot rerun */
		if (stmt->kind == STMT_SELECT)
		{
			be_write_tag(s, stmt, 0);
			return true;
		}
		pgerr_set(err, ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
				  "portal \"%s\" cannot be run", portal->name);
		return false;
	}
	if (translation_of(portal)->plan != NULL)
		return portal_run_plan(s, portal, max_rows, err);
	if (portal->state == PORTAL_READY && !portal_start(s, portal, err))
		return false;

	if (portal->rs.ncols > 0)
	{
		pgerr_clear(err);
		formats = be_bind_column_formats(portal, portal->rs.ncols, err);
		if (formats == NULL && pgerr_is_set(err))
			return false;
		count = be_send_rows(s, &portal->rs, formats, max_rows, &suspended, err);
		free(formats);
	}
	else
		count = odbc_affected_rows(portal->hstmt);
	if (count < 0)
		return false;
	if (suspended)
	{
		proto_write_empty(&s->conn.out, PqMsg_PortalSuspended);
		return true;
	}
	/* run to completion: the cursor closes now, not at the end of the transaction */
	portal->state = PORTAL_DONE;
	prep_portal_close_cursor(portal, &s->db);
	be_write_tag(s, stmt, count);
	return true;
}

/*
 * Run (or continue) a catalog portal: its rows are made at the first
 * Execute and kept, then sent up to each Execute's row limit.
 */
static bool
portal_run_catalog(Session *s, Portal *portal, int32_t max_rows, PgError *err)
{
	PreparedStatement *ps = portal->stmt;
	const Statement *stmt = prep_statement_of(ps);

	if (portal->state == PORTAL_DONE)
	{
		be_write_tag(s, stmt, 0);
		return true;
	}
	if (portal->state == PORTAL_READY)
	{
		CatalogRun	run = {.query = ps->query,.stmt = stmt,.sql = ps->tr.sql.data,.hints = &ps->columns,
			.params = &ps->tr.params,.bound = portal->bound,.values = &portal->values,
			.formats = portal->result_formats,.nformats = portal->nresult_formats,
		.keep_rows = &portal->catalog_rows,.count = &portal->catalog_count};

		if (!be_catalog_run(s, &run, err))
			return false;
		portal->state = PORTAL_ACTIVE;
	}
	if (be_catalog_send_kept(s, &portal->catalog_rows, &portal->catalog_pos, max_rows))
	{
		proto_write_empty(&s->conn.out, PqMsg_PortalSuspended);
		return true;
	}
	portal->state = PORTAL_DONE;
	buf_free(&portal->catalog_rows);
	be_write_tag(s, stmt, portal->catalog_count);
	return true;
}

void
be_handle_execute(Session *s, const uint8_t *body, size_t len)
{
	ExecuteMsg	e;
	Portal	   *portal;
	const Statement *stmt;
	PgError		err;
	bool		ok;

	if (s->ignore_till_sync)
		return;
	pgerr_clear(&err);
	if (!proto_parse_execute(body, len, &e, &err))
	{
		fail_message(s, &err);
		return;
	}
	portal = prep_find_portal(&s->prepared, e.portal);
	if (portal == NULL)
	{
		pgerr_set(&err, ERRCODE_INVALID_CURSOR_NAME, "portal \"%s\" does not exist", e.portal);
		fail_message(s, &err);
		return;
	}
	stmt = prep_statement_of(portal->stmt);
	if (stmt == NULL)
	{
		proto_write_empty_query(&s->conn.out);
		return;
	}
	shm_set_activity(s->start->slot, BACKEND_ACTIVE, portal->stmt->query, portal->stmt->query_len);
	if (!xact_check_allowed(s, stmt->kind, &err))
		ok = false;
	else if (portal->stmt->local && portal->state == PORTAL_DONE)
	{
		pgerr_set(&err, ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE,
				  "portal \"%s\" cannot be run", portal->name);
		ok = false;
	}
	else if (portal->stmt->local)
	{
		/* may end the transaction; portals are dropped only after this message */
		portal->state = PORTAL_DONE;
		ok = be_run_local(s, portal->stmt->query, &portal->stmt->list, stmt, portal, false, &err);
	}
	else if (portal->stmt->catalog)
		ok = portal_run_catalog(s, portal, e.max_rows, &err);
	else
	{
		CancelReason why;

		be_cancel_begin(portal->hstmt != SQL_NULL_HSTMT ? portal->hstmt : portal->stmt->hstmt,
						s->params.statement_timeout);
		ok = portal_run(s, portal, e.max_rows, &err);
		why = be_cancel_end();
		if (!ok)
			be_cancel_explain(why, &err);
	}
	if (!ok)
		fail_message(s, &err);
}

/* ---- Close and Sync ---- */

void
be_handle_close(Session *s, const uint8_t *body, size_t len)
{
	TargetMsg	t;
	PgError		err;

	if (s->ignore_till_sync)
		return;
	pgerr_clear(&err);
	if (!proto_parse_target(body, len, &t, &err))
	{
		fail_message(s, &err);
		return;
	}
	if (t.kind == 'S')
		prep_close_statement(&s->prepared, t.name, &s->db);
	else
		prep_close_portal(&s->prepared, t.name, &s->db);
	proto_write_empty(&s->conn.out, PqMsg_CloseComplete);
}

void
be_handle_sync(Session *s)
{
	PgError		err;

	s->ignore_till_sync = false;
	pgerr_clear(&err);
	if (!xact_end_implicit(s, &err))
		be_report_statement_error(s, &err);
	/* outside a BEGIN block the transaction is over, and with it every portal */
	if (s->xact == XACT_IDLE)
		be_mark_prepared_reset(s, PREPARED_RESET_PORTALS);
}
