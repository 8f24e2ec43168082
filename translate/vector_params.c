/*
 * vector_params.c
 *		Parameters used as vectors: how each reaches the database.
 *
 * Owns: a vector parameter's text (TO_VECTOR(?, DOUBLE[, n]) on IRIS,
 * pgw_vector(?[, n]) on SQLite, the marker recorded in the ParamMap as
 * read as a vector), its literal when vector_parameters = inline (the
 * value the backend decoded, read and printed again by vector.c's
 * vector_write_text, never the client's text; the map records it as
 * inlined and the text has no marker for it), and parameters the client
 * declared vectors at Parse, which are vector parameters wherever they
 * stand. Which parameters are vectors is the rest of the rule's business.
 */
#include "translate/vector_internal.h"

#include "common/types.h"

#include <string.h>

/* $n's value written as a literal (NULL as NULL), and recorded as inlined. */
static bool
write_inlined(VectorRule *v, size_t word, int n, int32_t dims, PgError *err)
{
	const char *literal = v->ctx->vector_literals[n - 1];

	if (!xl_params_add_inlined(v->ctx->params, n, dims))
		return vector_fail(v, err, word, ERRCODE_OUT_OF_MEMORY, "out of memory");
	if (literal == NULL)
	{
		vector_separate(v);
		buf_append_str(v->out, "NULL");
		return true;
	}
	return vector_write_text(v, word, literal, strlen(literal), dims, err);
}

bool
vector_write_parameter(VectorRule *v, size_t word, int32_t dims, PgError *err)
{
	const RewriteContext *ctx = v->ctx;
	int			n = v->w.tok[word].param;
	bool		ok;

	if (ctx->params != NULL && ctx->vector_literals != NULL && n >= 1 && n <= ctx->nvector_literals)
		return write_inlined(v, word, n, dims, err);
	vector_append_head(v);
	/* the rewriter offers the word to this rule again: it is a vector already */
	v->writing_parameter = true;
	ok = v->write_words(v->rewriter, word, word + 1, err);
	v->writing_parameter = false;
	if (!ok)
		return false;
	if (ctx->params != NULL)
		xl_params_mark_vector(ctx->params, n, dims);
	vector_append_tail(v, dims);
	return true;
}

/* ---- parameters the client declared vectors ---- */

static bool
declared_vector(const RewriteContext *ctx, int n)
{
	return ctx->declared_types != NULL && n >= 1 && n <= ctx->ndeclared &&
		ctx->declared_types[n - 1] == VECTOROID;
}

bool
vector_declares_vectors(const RewriteContext *ctx)
{
	for (int n = 1; n <= ctx->ndeclared; n++)
	{
		if (declared_vector(ctx, n))
			return true;
	}
	return false;
}

XlRuleResult
vector_apply_declared_parameter(VectorRule *v, size_t i, size_t *end, PgError *err)
{
	if (v->w.tok[i].kind != TOK_PARAM || v->writing_parameter || xl_word_kind(&v->w, i + 1, TOK_TYPECAST) ||
		!declared_vector(v->ctx, v->w.tok[i].param))
		return XL_RULE_NONE;
	if (!vector_write_parameter(v, i, -1, err))
		return XL_RULE_FAILED;
	*end = i + 1;
	return XL_RULE_WRITTEN;
}
