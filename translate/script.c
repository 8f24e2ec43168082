/*
 * script.c
 *		A whole query string translated for people and tests: what
 *		pgwire-translate prints and what the golden corpus compares.
 *
 * Owns: walking the statements of one string the way the backend does
 * (statements pgwire handles itself are named, not translated; a
 * statement run as several shows its steps, each after a "-- pgwire:
 * then" line; $n become ? markers as in the extended protocol) and
 * joining their texts; the
 * dialect names and session values the tool, the corpus and the benchmark
 * share.
 */
#include "translate/xl_internal.h"

#include <string.h>

const SessionValues xl_example_session = {
	.version = "PostgreSQL 16.6 (pgwire 0.1.0)",
	.database = "testdb",
	.user = "tester",
	.schema = "public",
	.backend_pid = 4242,
};

/* The values of $1 .. $9 for the -inline dialects (vector_parameters = inline). */
static const char *const example_vector_literals[] = {
	"[1,2,3]", "[4,5,6]", "[7,8,9]", "[-1,0.5,1e-07]", "[0,0,0]",
	"[1,1,1]", "[2,2,2]", "[3,3,3]", "[4,4,4]",
};

bool
xl_dialect_from_name(const char *name, RewriteContext *ctx)
{
	bool		iris_inline = strcmp(name, "iris-inline") == 0;
	bool		sqlite_inline = strcmp(name, "sqlite-inline") == 0;

	ctx->iris_top_only = strcmp(name, "iris-top") == 0;
	ctx->iris_vector_float = strcmp(name, "iris-float") == 0;
	ctx->catalog = strcmp(name, "catalog") == 0;
	ctx->vector_literals = iris_inline || sqlite_inline ? example_vector_literals : NULL;
	ctx->nvector_literals = iris_inline || sqlite_inline ? (int) lengthof(example_vector_literals) : 0;
	if (strcmp(name, "iris") == 0 || ctx->iris_top_only || ctx->iris_vector_float || iris_inline)
		ctx->dialect = DIALECT_IRIS;
	else if (strcmp(name, "sqlite") == 0 || ctx->catalog || sqlite_inline)
		ctx->dialect = DIALECT_SQLITE;
	else if (strcmp(name, "postgres") == 0)
		ctx->dialect = DIALECT_POSTGRES;
	else
		return false;
	return true;
}

/* The text a step of a plan follows the step before it with. */
#define PLAN_STEP_SEPARATOR ";\n-- pgwire: then\n"

/* Append stmt's translation: its text, or its plan's steps joined by PLAN_STEP_SEPARATOR. */
static bool
translate_statement(const char *query, const StatementList *list, const Statement *stmt,
					const RewriteContext *ctx, Buf *out, PgError *err)
{
	XlPlan		plan;
	ParamMap	params;
	RewriteContext rctx = *ctx;
	bool		ok;

	xl_plan_init(&plan);
	ok = xl_plan_dml(query, list, stmt, ctx->dialect, &plan, err);
	for (size_t k = 0; ok && k < plan.count; k++)
	{
		StatementList step;

		if (k > 0)
			buf_append_str(out, PLAN_STEP_SEPARATOR);
		xl_statements_init(&step);
		xl_params_init(&params);
		rctx.params = ctx->params ? ctx->params : &params;
		ok = xl_plan_rewrite_step(query, &plan, k, &rctx, &step, out, err);
		xl_params_free(&params);
		xl_statements_free(&step);
	}
	if (ok && plan.count == 0)
	{
		xl_params_init(&params);
		rctx.params = ctx->params ? ctx->params : &params;
		ok = xl_rewrite(query, list, stmt, &rctx, out, err);
		xl_params_free(&params);
	}
	xl_plan_free(&plan);
	return ok;
}

/* The statements an expanded one becomes, each translated, or a note that there are none. */
static bool
write_parts(const Statement *stmt, const XlParts *parts, const RewriteContext *ctx, Buf *out,
			PgError *err)
{
	bool		ok = true;

	if (parts->count == 0)
		buf_appendf(out, "-- pgwire: %s (nothing to do)", stmt->tag);
	for (int i = 0; ok && i < parts->count; i++)
	{
		StatementList list;

		if (i > 0)
			buf_append_str(out, ";\n");
		xl_statements_init(&list);
		ok = xl_split(parts->texts[i].data, parts->texts[i].len, &list, err) && list.count == 1 &&
			xl_rewrite(parts->texts[i].data, &list, &list.stmts[0], ctx, out, err);
		xl_statements_free(&list);
	}
	if (!ok && !pgerr_is_set(err))
		pgerr_set(err, ERRCODE_INTERNAL_ERROR, "an expanded statement is not one statement");
	return ok;
}

bool
xl_translate_script(const char *query, size_t len, const RewriteContext *ctx, Buf *out,
					PgError *err)
{
	StatementList list;
	ParamMap	params;
	XlParts		parts;
	RewriteContext rctx = *ctx;
	bool		ok;

	xl_statements_init(&list);
	ok = xl_split(query, len, &list, err);
	for (size_t i = 0; ok && i < list.count; i++)
	{
		const Statement *stmt = &list.stmts[i];

		if (i > 0)
			buf_append_str(out, ";\n");
		if (xl_is_local(stmt->kind))
			buf_appendf(out, "-- pgwire: %s", stmt->tag);
		else
		{
			xl_params_init(&params);
			rctx.params = ctx->params ? ctx->params : &params;
			xl_parts_init(&parts);
			ok = xl_expand(query, &list, stmt, rctx.dialect, &parts, err);
			if (ok && parts.expanded)
				ok = write_parts(stmt, &parts, &rctx, out, err);
			else if (ok)
				ok = translate_statement(query, &list, stmt, ctx, out, err);
			xl_parts_free(&parts);
			xl_params_free(&params);
		}
	}
	xl_statements_free(&list);
	if (ok && buf_failed(out))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		ok = false;
	}
	return ok;
}
