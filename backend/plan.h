/*
 * plan.h
 *		Running a statement the database runs as several (INSERT ...
 *		RETURNING on IRIS and SQLite: translate/dml_plan.c), so the client
 *		sees PostgreSQL's one result.
 */
#ifndef PGW_PLAN_H
#define PGW_PLAN_H

#include "backend/backend.h"
#include "backend/exec.h"
#include "backend/odbc_params.h"
#include "backend/odbc_result.h"

/* One step, translated (and prepared, for the extended protocol). */
typedef struct PlanStep
{
	StatementList list;			/* its statement; the text is the plan's */
	Buf			sql;			/* translated, with ? markers */
	ParamMap	params;			/* ? marker -> the client's $n */
	ColumnList	columns;		/* a row step's target list */
	SQLHSTMT	hstmt;			/* prepared handle (extended protocol) */
} PlanStep;

typedef struct ExecPlan
{
	XlPlan		xl;
	PlanStep   *steps;			/* one per xl step; a repeat (same_as) uses the first's */
	ParamMap	all_params;		/* every step's markers: the $n used and their types */
} ExecPlan;

/* What a plan produced: the rows, held until the client asks for them. */
typedef struct PlanResult
{
	ResultSet	description;	/* the rows' columns (a copy that fetches nothing) */
	bool		described;
	Buf			rows;			/* DataRow messages */
	int64_t		nrows;
	int64_t		count;			/* rows the data-changing steps affected */
	size_t		sent;			/* bytes of rows already sent */
} PlanResult;

/*
 * Translate stmt for the session's database: *out is NULL when it runs
 * as one statement (be_translate's job), else its plan with every step
 * translated (params: the extended protocol, $n become ? markers).
 * Refusals (UPDATE ... RETURNING ...) and translation errors fill err.
 */
bool		be_plan_translate(Session *s, const char *query, const StatementList *list,
							  const Statement *stmt, bool params, const ParamInput *in,
							  ExecPlan **out, PgError *err) PGW_MUSTCHECK;

/* Prepare every step on its own handle (extended protocol, at Parse). */
bool		be_plan_prepare(Session *s, ExecPlan *plan, PgError *err) PGW_MUSTCHECK;

/* The result columns of a prepared plan, copied into desc, without running it. */
bool		be_plan_describe(Session *s, ExecPlan *plan, ResultSet *desc, PgError *err) PGW_MUSTCHECK;

/*
 * The type SQLDescribeParam gives $n in the first step using it, or 0.
 */
uint32_t	be_plan_param_type(const ExecPlan *plan, int n);

/*
 * Run every step in order, in one transaction (an implicit one when
 * there is no transaction block, which the end of the Query or Sync
 * commits), collecting the rows in res encoded in formats (NULL: text).
 * bound/values: the portal's parameters (NULL for a simple Query, whose
 * steps run directly). The caller wraps the call in be_cancel_begin/end.
 */
bool		be_plan_run(Session *s, ExecPlan *plan, const BoundParam *bound, const Buf *values,
						const int16_t *formats, PlanResult *res, PgError *err) PGW_MUSTCHECK;

/*
 * Send the rows not sent yet (all, or up to max_rows > 0) and then the
 * statement's CommandComplete, or PortalSuspended when rows remain.
 * with_description: a RowDescription first (the simple protocol).
 */
void		be_plan_send(Session *s, const Statement *stmt, PlanResult *res, bool with_description,
						 int64_t max_rows, bool *suspended);

void		be_plan_result_init(PlanResult *res);
void		be_plan_result_free(PlanResult *res);
void		be_plan_free(ExecPlan *plan, OdbcConn *db);

#endif							/* PGW_PLAN_H */
