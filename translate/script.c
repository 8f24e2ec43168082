/*
 * script.c
 *		A whole query string translated for people and tests: what
 *		pgwire-translate prints and what the golden corpus compares.
 *
 * Owns: walking the statements of one string the way the backend does
 * (statements pgwire handles itself are named, not translated; $n become
 * ? markers as in the extended protocol) and joining their texts.
 */
#include "translate/xl_internal.h"

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
