/*
 * plan.c
 *		Running a statement the database runs as several steps, for both
 *		protocols (see plan.h; the steps come from translate/dml_plan.c).
 *
 * Owns: translating and preparing a plan's steps, running them in order
 * on the one connection inside one transaction (an implicit one outside
 * a transaction block, so a failure half-way leaves nothing behind), and
 * answering as PostgreSQL answers the one statement: the RETURNING rows,
 * held until the client fetches them, as PostgreSQL holds them in a
 * tuplestore, then INSERT 0 n. A step that fails fails the statement; a
 * cancel or statement_timeout covers the statement as a whole.
 */
#include "backend/plan.h"

#include "backend/cancel.h"
#include "backend/exec.h"
#include "backend/xact.h"
#include "common/proto.h"
#include "common/protocol.h"

#include <stdlib.h>
#include <string.h>

/* ---- translating and preparing ---- */

static bool
out_of_memory(PgError *err)
{
	pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return false;
}

/* The step whose handle and translation step k uses (itself, or the one it repeats). */
static PlanStep *
step_for(const ExecPlan *plan, size_t k)
{
	int			same = plan->xl.steps[k].same_as;

	return &plan->steps[same >= 0 ? (size_t) same : k];
}

static bool
translate_step(Session *s, const char *query, ExecPlan *plan, size_t k, bool params,
			   const ParamInput *in, PgError *err)
{
	PlanStep   *step = &plan->steps[k];
	SessionValues values;
	RewriteContext ctx;

	be_rewrite_context(s, &values, params ? &step->params : NULL, in, &ctx);
	if (!xl_plan_rewrite_step(query, &plan->xl, k, &ctx, &step->list, &step->sql, err))
		return false;
	/* every $n a step uses, and how, in the plan's own map */
	if (buf_failed(&step->sql) || !xl_params_append(&plan->all_params, &step->params))
		return out_of_memory(err);
	if (plan->xl.steps[k].returns_rows)
		(void) xl_select_columns(xl_plan_step_text(&plan->xl, k), &step->list,
								 &step->list.stmts[0], &step->columns);
	return true;
}

bool
be_plan_translate(Session *s, const char *query, const StatementList *list,
				  const Statement *stmt, bool params, const ParamInput *in, ExecPlan **out,
				  PgError *err)
{
	ExecPlan   *plan;
	XlPlan		xl;

	*out = NULL;
	xl_plan_init(&xl);
	if (!xl_plan_dml(query, list, stmt, s->db.dialect, &xl, err))
	{
		xl_plan_free(&xl);
		return false;
	}
	if (xl.count == 0)
	{
		xl_plan_free(&xl);
		return true;			/* one statement does it */
	}
	if ((plan = calloc(1, sizeof(ExecPlan))) == NULL ||
		(plan->steps = calloc(xl.count, sizeof(PlanStep))) == NULL)
	{
		free(plan);
		xl_plan_free(&xl);
		return out_of_memory(err);
	}
	plan->xl = xl;
	xl_params_init(&plan->all_params);
	for (size_t k = 0; k < xl.count; k++)
	{
		xl_statements_init(&plan->steps[k].list);
		buf_init(&plan->steps[k].sql);
		xl_params_init(&plan->steps[k].params);
		xl_columns_init(&plan->steps[k].columns);
	}
	for (size_t k = 0; k < xl.count; k++)
	{
		if (xl.steps[k].same_as < 0 &&
			!translate_step(s, query, plan, k, params, in, err))
		{
			be_plan_free(plan, &s->db);
			return false;
		}
	}
	*out = plan;
	return true;
}

bool
be_plan_prepare(Session *s, ExecPlan *plan, PgError *err)
{
	for (size_t k = 0; k < plan->xl.count; k++)
	{
		PlanStep   *step = &plan->steps[k];

		if (plan->xl.steps[k].same_as < 0 &&
			!odbc_prepare(&s->db, step->sql.data, step->sql.len, &step->hstmt, err))
			return false;
	}
	return true;
}

/* The first step whose rows are the result. */
static size_t
first_row_step(const ExecPlan *plan)
{
	for (size_t k = 0; k < plan->xl.count; k++)
	{
		if (plan->xl.steps[k].returns_rows)
			return k;
	}
	return SIZE_MAX;
}

bool
be_plan_describe(Session *s, ExecPlan *plan, ResultSet *desc, PgError *err)
{
	size_t		k = first_row_step(plan);
	ResultSet	rs;
	bool		ok;

	if (k == SIZE_MAX)
	{
		memset(&rs, 0, sizeof(rs));
		rs.conn = &s->db;
		return odbc_result_copy_description(&rs, desc) || out_of_memory(err);
	}
	if (!odbc_result_open(&s->db, step_for(plan, k)->hstmt, &step_for(plan, k)->columns, &rs, err))
		return false;
	ok = odbc_result_copy_description(&rs, desc) || out_of_memory(err);
	odbc_result_close(&rs);
	return ok;
}

uint32_t
be_plan_param_type(const ExecPlan *plan, int n)
{
	for (size_t k = 0; k < plan->xl.count; k++)
	{
		const PlanStep *step = step_for(plan, k);
		int			marker = xl_params_first_marker(&step->params, n);

		if (marker > 0 && step->hstmt != SQL_NULL_HSTMT)
			return odbc_describe_param_type(step->hstmt, marker);
	}
	return 0;
}

/* ---- running ---- */

/* The rows of a row step: exactly the one row its INSERT step stored. */
static bool
collect_rows(Session *s, SQLHSTMT hstmt, const PlanStep *step, const int16_t *formats,
			 PlanResult *res, PgError *err)
{
	FormatOptions fmt = {.extra_float_digits = s->params.extra_float_digits};
	int64_t		before = res->nrows;
	ResultSet	rs;
	int			rc;

	if (!odbc_result_open(&s->db, hstmt, &step->columns, &rs, err))
		return false;
	if (!res->described)
	{
		if (!odbc_result_copy_description(&rs, &res->description))
		{
			odbc_result_close(&rs);
			return out_of_memory(err);
		}
		res->described = true;
	}
	while ((rc = odbc_result_fetch(&rs, &res->rows, &fmt, formats, err)) > 0)
		res->nrows++;
	odbc_result_close(&rs);
	if (rc < 0)
		return false;
	if (buf_failed(&res->rows))
		return out_of_memory(err);
	if (res->nrows == before)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
				  "RETURNING could not read back the inserted row");
		pgerr_set_detail(err, "pgwire reads it by the row id the database gives the last insert "
						 "(IRIS: LAST_IDENTITY(), SQLite: last_insert_rowid()); a table without "
						 "one, or a trigger that inserts elsewhere, defeats that.");
		return false;
	}
	return true;
}

static bool
run_step(Session *s, const PlanStep *step, bool returns_rows, const BoundParam *bound,
		 const Buf *values, const int16_t *formats, PlanResult *res, PgError *err)
{
	bool		prepared = step->hstmt != SQL_NULL_HSTMT;
	SQLHSTMT	hstmt = prepared ? step->hstmt : s->db.stmt;
	bool		ok;

	be_cancel_switch(hstmt);
	if (prepared)
		ok = odbc_execute_params(&s->db, hstmt, &step->params, bound, values, err);
	else
		ok = odbc_exec_direct(&s->db, step->sql.data, step->sql.len, err);
	if (ok && returns_rows)
		ok = collect_rows(s, hstmt, step, formats, res, err);
	else if (ok)
		res->count += odbc_affected_rows(hstmt);
	odbc_stmt_close(hstmt);
	return ok;
}

bool
be_plan_run(Session *s, ExecPlan *plan, const BoundParam *bound, const Buf *values,
			const int16_t *formats, PlanResult *res, PgError *err)
{
	if (plan->xl.count > 1 && s->xact == XACT_IDLE && !xact_begin_implicit(s, err))
		return false;
	for (size_t k = 0; k < plan->xl.count; k++)
	{
		if (!run_step(s, step_for(plan, k), plan->xl.steps[k].returns_rows, bound, values,
					  formats, res, err))
			return false;
		if (be_cancel_pending())
		{
			/* the caller words it: user request or statement_timeout */
			pgerr_set(err, ERRCODE_QUERY_CANCELED, "canceling statement due to user request");
			return false;
		}
	}
	return true;
}

/* ---- answering ---- */

void
be_plan_send(Session *s, const Statement *stmt, PlanResult *res, bool with_description,
			 int64_t max_rows, bool *suspended)
{
	int64_t		n = 0;
	bool		resumed = res->sent > 0;

	*suspended = false;
	if (with_description && res->described)
		odbc_result_write_description(&res->description, NULL, &s->conn.out);
	while (res->sent < res->rows.len && (max_rows == 0 || n < max_rows))
	{
		const uint8_t *msg = (const uint8_t *) res->rows.data + res->sent;
		size_t		len = 1 + ((size_t) msg[1] << 24 | (size_t) msg[2] << 16 |
							   (size_t) msg[3] << 8 | (size_t) msg[4]);

		buf_append(&s->conn.out, msg, len);
		res->sent += len;
		n++;
		if (s->conn.out.len >= BE_STREAM_FLUSH_BYTES)
			be_flush(s);
	}
	/* as PostgreSQL, a limit reached suspends the portal without looking ahead */
	if (max_rows > 0 && n == max_rows)
	{
		*suspended = true;
		proto_write_empty(&s->conn.out, PqMsg_PortalSuspended);
		return;
	}
	/* after a suspension PostgreSQL counts the rows this Execute returned */
	be_write_tag(s, stmt, resumed ? n : res->count);
}

void
be_plan_result_init(PlanResult *res)
{
	memset(res, 0, sizeof(*res));
	buf_init(&res->rows);
}

void
be_plan_result_free(PlanResult *res)
{
	if (res->described)
		odbc_result_close(&res->description);
	buf_free(&res->rows);
	be_plan_result_init(res);
}

void
be_plan_free(ExecPlan *plan, OdbcConn *db)
{
	if (plan == NULL)
		return;
	for (size_t k = 0; k < plan->xl.count; k++)
	{
		PlanStep   *step = &plan->steps[k];

		if (step->hstmt != SQL_NULL_HSTMT && db->connected)
			SQLFreeHandle(SQL_HANDLE_STMT, step->hstmt);
		xl_statements_free(&step->list);
		buf_free(&step->sql);
		xl_params_free(&step->params);
		xl_columns_free(&step->columns);
	}
	free(plan->steps);
	xl_params_free(&plan->all_params);
	xl_plan_free(&plan->xl);
	free(plan);
}
