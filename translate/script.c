/*
 * script.c
 *		A whole query string translated for people and tests: what
 *		pgwire-translate prints and what the golden corpus compares.
 *
 * Owns: walking the statements of one string the way the backend does
 * (statements pgwire handles itself are named, not translated; $n become
 * ? markers as in the extended protocol) and joining their texts; the
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

bool
xl_dialect_from_name(const char *name, RewriteContext *ctx)
{
	ctx->iris_top_only = strcmp(name, "iris-top") == 0;
	ctx->catalog = strcmp(name, "catalog") == 0;
	if (strcmp(name, "iris") == 0 || ctx->iris_top_only)
		ctx->dialect = DIALECT_IRIS;
	else if (strcmp(name, "sqlite") == 0 || ctx->catalog)
		ctx->dialect = DIALECT_SQLITE;
	else if (strcmp(name, "postgres") == 0)
		ctx->dialect = DIALECT_POSTGRES;
	else
		return false;
	return true;
}

bool
xl_translate_script(const char *query, size_t len, const RewriteContext *ctx, Buf *out,
					PgError *err)
{
	StatementList list;
	ParamMap	params;
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
		{
			buf_appendf(out, "-- pgwire: %s", stmt->tag);
			continue;
		}
		xl_params_init(&params);
		rctx.params = ctx->params ? ctx->params : &params;
		ok = xl_rewrite(query, &list, stmt, &rctx, out, err);
		xl_params_free(&params);
	}
	xl_statements_free(&list);
	if (ok && buf_failed(out))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		ok = false;
	}
	return ok;
}
