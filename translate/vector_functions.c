/*
 * vector_functions.c
 *		pgvector's functions: cosine_distance(a, b), inner_product(a, b),
 *		l2_distance(a, b), l1_distance(a, b), vector_dims(v), vector_norm(v)
 *		and l2_norm(v), in each dialect's terms.
 *
 * Owns: recognising a call of one of them (an unqualified name followed by
 * its argument list) and writing the dialect's function with the
 * arguments written as vector operands (a constant or a parameter is a
 * vector there). What a dialect has no function for is refused with
 * 0A000; a wrong number of arguments is PostgreSQL's 42883.
 */
#include "translate/vector_internal.h"

#include <string.h>

/* pgvector's functions pgwire knows, and how many arguments each takes. */
static const struct
{
	const char *name;
	int			nargs;
}			pgvector_functions[] = {
	{"cosine_distance", 2}, {"inner_product", 2}, {"l2_distance", 2}, {"l1_distance", 2},
	{"vector_dims", 1}, {"vector_norm", 1}, {"l2_norm", 1},
};

/* The index of word i's name in pgvector_functions, or -1. */
static int
function_index(const XlWords *w, size_t i)
{
	if (!xl_word_kind(w, i, TOK_IDENT) || !xl_word_kind(w, i + 1, TOK_LPAREN) || vector_after_dot(w, i))
		return -1;
	for (size_t k = 0; k < lengthof(pgvector_functions); k++)
	{
		if (xl_word_is(w, i, pgvector_functions[k].name))
			return (int) k;
	}
	return -1;
}

bool
vector_is_function(const XlWords *w, size_t i)
{
	return function_index(w, i) >= 0;
}

static const OperatorRule *
function_rule(const VectorDialect *d, const char *name)
{
	for (size_t k = 0; k < d->nfunctions; k++)
	{
		if (strcmp(d->functions[k].op, name) == 0)
			return &d->functions[k];
	}
	return NULL;
}

/* The arguments of the call whose '(' is word open and ')' word close: where each ends. */
static int
split_arguments(const VectorRule *v, size_t open, size_t close, size_t *ends, int max)
{
	int			n = 0;

	if (close == open + 1)
		return 0;
	for (size_t j = open + 1; j < close; j++)
	{
		size_t		group = (xl_word_kind(&v->w, j, TOK_LPAREN) || xl_word_kind(&v->w, j, TOK_LBRACKET)) ?
			vector_closing(v, j, close) : SIZE_MAX;

		if (group != SIZE_MAX)
			j = group;
		else if (xl_word_kind(&v->w, j, TOK_COMMA))
		{
			if (n == max)
				return max + 1;
			ends[n++] = j;
		}
	}
	if (n == max)
		return max + 1;
	ends[n++] = close;
	return n;
}

XlRuleResult
vector_apply_function(VectorRule *v, size_t i, size_t to, size_t *end, PgError *err)
{
	int			k = function_index(&v->w, i);
	const OperatorRule *rule;
	size_t		close;
	size_t		ends[2];
	int			nargs;
	size_t		from;

	if (k < 0 || (close = vector_closing(v, i + 1, v->w.n)) == SIZE_MAX || close >= to)
		return XL_RULE_NONE;
	rule = function_rule(v->dialect, pgvector_functions[k].name);
	if (rule == NULL || rule->prefix == NULL)
	{
		(void) vector_refuse(v, err, i, rule != NULL ? rule->missing : NULL, "function %s (pgvector's)",
							 pgvector_functions[k].name);
		return XL_RULE_FAILED;
	}
	nargs = split_arguments(v, i + 1, close, ends, 2);
	if (nargs != pgvector_functions[k].nargs)
	{
		(void) vector_fail(v, err, i, ERRCODE_UNDEFINED_FUNCTION, "function %s with %d argument%s does not exist",
						   pgvector_functions[k].name, nargs, nargs == 1 ? "" : "s");
		pgerr_set_hint(err, "No function matches the given name and argument types.");
		return XL_RULE_FAILED;
	}
	buf_append_str(v->out, rule->prefix);
	from = i + 2;
	for (int a = 0; a < nargs; a++)
	{
		if (a > 0)
			buf_append_str(v->out, ", ");
		if (ends[a] == from)
			return vector_syntax_error(v, err, from) ? XL_RULE_NONE : XL_RULE_FAILED;
		if (!vector_write_operand(v, from, ends[a], err))
			return XL_RULE_FAILED;
		from = ends[a] + 1;
	}
	buf_append_str(v->out, rule->suffix);
	*end = close + 1;
	return XL_RULE_WRITTEN;
}
