/*
 * describe.c
 *		A prepared statement's result columns: read once, remembered, and
 *		checked again when the tables may have changed.
 *
 * Owns: what Describe answers for a statement or portal (RowDescription
 * or NoData), the copy of the columns a statement's executions reuse, and
 * preparing a statement again after DDL (schema_changes.h), refused as in
 * PostgreSQL when its result columns changed.
 */
#include "backend/describe.h"

#include "backend/bind_params.h"
#include "backend/catalog_exec.h"
#include "backend/exec.h"
#include "backend/plan.h"
#include "common/proto.h"
#include "common/protocol.h"
#include "common/sqlstate.h"

#include <stdlib.h>
#include <string.h>

/*
 * Remember the statement's result columns: Describe answers from this
 * copy, because drivers cannot always describe a handle that has already
 * run (psqlODBC after a cursor closed).
 */
bool
be_remember_description(PreparedStatement *ps, const ResultSet *rs, PgError *err)
{
	if (ps->described)
		return true;
	if (!odbc_result_copy_description(rs, &ps->description))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	ps->described = true;
	return true;
}

/* Describe a database statement that has not run yet, through its prepared handle(s). */
bool
be_describe_prepared(Session *s, PreparedStatement *ps, PgError *err)
{
	ResultSet	rs;
	bool		ok;

	if (ps->tr.plan != NULL)
	{
		if (!be_plan_describe(s, ps->tr.plan, &ps->description, err))
			return false;
		ps->described = true;
		return true;
	}
	if (!odbc_result_open(&s->db, ps->hstmt, &ps->columns, &rs, err))
		return false;
	be_catalog_annotate_result(s, &rs);
	ok = be_remember_description(ps, &rs, err);
	odbc_result_close(&rs);
	return ok;
}

/* RowDescription or NoData for a statement, with the portal's formats if any. */
bool
be_describe_result(Session *s, PreparedStatement *ps, Portal *portal, PgError *err)
{
	const Statement *stmt = prep_statement_of(ps);
	const ResultSet *rs = &ps->description;
	int16_t    *formats;

	if (stmt == NULL)
	{
		proto_write_empty(&s->conn.out, PqMsg_NoData);
		return true;
	}
	if (ps->local)
		return be_describe_local(s, ps->query, &ps->list, stmt, err);
	if (ps->catalog)
		return be_catalog_describe(s, ps->query, ps->tr.sql.data, &ps->columns,
								   portal ? portal->result_formats : NULL, portal ? portal->nresult_formats : 0, err);
	if (!ps->described && !be_describe_prepared(s, ps, err))
		return false;
	if (rs->ncols == 0)
	{
		proto_write_empty(&s->conn.out, PqMsg_NoData);
		return true;
	}
	pgerr_clear(err);
	formats = be_bind_column_formats(portal, rs->ncols, err);
	if (formats == NULL && pgerr_is_set(err))
		return false;
	odbc_result_write_description(rs, formats, &s->conn.out);
	free(formats);
	return true;
}

static bool
same_result_columns(const ResultSet *a, const ResultSet *b)
{
	if (a->ncols != b->ncols)
		return false;
	for (int i = 0; i < a->ncols; i++)
	{
		if (a->cols[i].type_oid != b->cols[i].type_oid || strcmp(a->cols[i].name, b->cols[i].name) != 0)
			return false;
	}
	return true;
}

/*
 * A statement prepared before DDL ran (in this session or another:
 * schema_changes.h) is prepared again before a portal runs it, so that the
 * driver describes it from the tables as they are now. As in PostgreSQL, a
 * statement whose result columns changed is refused. A handle with a
 * cursor open on it, and a plan of several statements, are left as they
 * are.
 */
bool
be_reprepare_if_stale(Session *s, PreparedStatement *ps, PgError *err)
{
	ResultSet	before;
	bool		same;

	if (ps->schema_generation == s->schema_generation || ps->hstmt == SQL_NULL_HSTMT ||
		ps->hstmt_in_use || ps->tr.plan != NULL)
		return true;
	if (!odbc_prepare_again(&s->db, ps->hstmt, ps->tr.sql.data, ps->tr.sql.len, err))
		return false;
	if (!ps->described)
	{
		ps->schema_generation = s->schema_generation;
		return true;
	}
	before = ps->description;
	ps->described = false;
	if (!be_describe_prepared(s, ps, err))
	{
		ps->description = before;
		ps->described = true;
		return false;
	}
	same = same_result_columns(&before, &ps->description);
	odbc_result_close(same ? &before : &ps->description);
	if (same)
	{
		ps->schema_generation = s->schema_generation;
		return true;
	}
	ps->description = before;
	ps->described = true;
	pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
	return false;
}
