/*
 * fuzz_sql.c
 *		libFuzzer target for the translator: lexing and splitting any text,
 *		decoding every identifier and string token, parsing session
 *		commands and rewriting each statement for every dialect (as a plan
 *		of several too, where the dialect needs one).
 */
#include "translate/translate.h"

#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The statement as a plan of several (INSERT ... RETURNING), every step rewritten. */
static void
visit_plan(const char *sql, const StatementList *list, const Statement *st, const RewriteContext *ctx)
{
	XlPlan		plan;
	PgError		err;

	xl_plan_init(&plan);
	if (xl_plan_dml(sql, list, st, ctx->dialect, &plan, &err))
	{
		for (size_t k = 0; k < plan.count; k++)
		{
			StatementList step;
			ParamMap	params;
			RewriteContext step_ctx = *ctx;
			Buf			out;

			xl_statements_init(&step);
			xl_params_init(&params);
			step_ctx.params = &params;
			buf_init(&out);
			(void) !xl_plan_rewrite_step(sql, &plan, k, &step_ctx, &step, &out, &err);
			buf_free(&out);
			xl_params_free(&params);
			xl_statements_free(&step);
		}
	}
	xl_plan_free(&plan);
}

static void
visit_statement(const char *sql, const StatementList *list, const Statement *st)
{
	static const SessionValues values = {"PostgreSQL 16.6", "db", "user", "public", 42};
	PgError		err;
	Buf			out;

	buf_init(&out);
	for (size_t i = 0; i < st->ntokens; i++)
	{
		const Token *tok = &list->tokens.tokens[st->first_token + i];

		buf_reset(&out);
		if (tok->kind == TOK_IDENT || tok->kind == TOK_QIDENT)
			(void) !xl_ident_value(sql, tok, &out, &err);
		else if (tok->kind == TOK_STRING || tok->kind == TOK_DOLLAR_STRING)
			(void) !xl_string_value(sql, tok, &out, &err);
	}
	for (int d = DIALECT_SQLITE; d <= DIALECT_POSTGRES; d++)
	{
		ParamMap	params;
		RewriteContext ctx = {.dialect = (SqlDialect) d,.session = &values,.params = &params};

		xl_params_init(&params);
		buf_reset(&out);
		(void) !xl_rewrite(sql, list, st, &ctx, &out, &err);
		xl_params_free(&params);
		visit_plan(sql, list, st, &ctx);
	}
	{
		/* a catalog query as pgwire's catalog reads it, and the verdict on it */
		static const char *const bools[] = {"attnotnull", "indisprimary", NULL};
		ParamMap	params;
		RewriteContext ctx = {.dialect = DIALECT_SQLITE,.session = &values,.params = &params,.catalog = true,
		.catalog_bool_columns = bools};
		int			position;

		(void) xl_catalog_scope(sql, list, st, &position);
		xl_params_init(&params);
		buf_reset(&out);
		(void) !xl_rewrite(sql, list, st, &ctx, &out, &err);
		xl_params_free(&params);
	}
	{
		ColumnList	cols;
		ParamTargets targets;

		xl_columns_init(&cols);
		(void) xl_select_columns(sql, list, st, &cols);
		xl_columns_free(&cols);
		xl_param_targets_init(&targets);
		(void) !xl_param_targets(sql, list, st, &targets);
		xl_param_targets_free(&targets);
	}
	if (xl_is_session_cmd(st->kind))
	{
		SessionCmd	cmd;

		xl_session_cmd_init(&cmd);
		(void) !xl_parse_session_cmd(sql, list, st, &cmd, &err);
		xl_session_cmd_free(&cmd);
	}
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *sql = malloc(size + 1);
	StatementList list;
	PgError		err;

	memcpy(sql, data, size);
	sql[size] = '\0';
	xl_statements_init(&list);
	if (xl_split(sql, size, &list, &err))
	{
		for (size_t i = 0; i < list.count; i++)
			visit_statement(sql, &list, &list.stmts[i]);
	}
	xl_statements_free(&list);
	free(sql);
	return 0;
}
