/*
 * operators.c
 *		The operators of the functions rule: LIKE and ILIKE, regular
 *		expressions, integer division, and which construct is written at a
 *		word.
 *
 * Owns: choosing the construct to write at a word (the outermost one
 * beginning there, or one whose operand begins with a cast and would be the
 * cast rule's word), LIKE with PostgreSQL's case sensitivity and default
 * backslash escape in each dialect, the refusals of ~, ~*, SIMILAR TO and
 * ~~, and the division of two integer literals IRIS would not truncate.
 */
#include "translate/xl_internal.h"

#include <string.h>

/* ---- which constructs the dialect rewrites ---- */

/* Does the dialect write this construct from its left operand on? */
static bool
needs_left_operand(const XlFn *fn, const XlFnNode *x)
{
	if (fn->dialect == DIALECT_SQLITE)
		return x->kind == XL_FN_ILIKE || x->kind == XL_FN_NOT_ILIKE;
	switch (x->kind)
	{
		case XL_FN_LIKE:
		case XL_FN_NOT_LIKE:
			return true;		/* %EXACT(left) */
		case XL_FN_NULLS_FIRST:
		case XL_FN_NULLS_LAST:
			return x->in_order_by;
		default:
			return xl_fn_is_boolean_node(x);
	}
}

/* Has the construct all its operands (broken syntax is left to the database)? */
static bool
node_complete(const XlFnNode *x)
{
	bool		binary = xl_fn_is_like_kind(x->kind) || x->kind == XL_FN_DISTINCT ||
		x->kind == XL_FN_NOT_DISTINCT;

	if (x->kind == XL_FN_ITEM)
		return true;			/* never empty */
	if (x->kind == XL_FN_NULLS_FIRST || x->kind == XL_FN_NULLS_LAST)
		return !x->in_order_by || x->start < x->expr_end;
	return x->start < x->op && (!binary || x->after < x->right_end);
}

static size_t
node_end(const XlFn *fn, const XlFnNode *x)
{
	if (xl_fn_is_like_kind(x->kind) && x->escape != XL_NO_WORD)
		return fn->a.nodes[x->escape].right_end;
	if (x->kind >= XL_FN_IS_TRUE && x->kind <= XL_FN_IS_NULL)
		return x->after;
	if (x->kind == XL_FN_NULLS_FIRST || x->kind == XL_FN_NULLS_LAST)
		return x->after;
	return x->right_end;
}

/*
 * The outermost construct beginning at word i that fits in [i, to) and is
 * not being written: a select item before the operator it is made of.
 */
static XlFnNode *
outer_node(XlFn *fn, size_t i, size_t to)
{
	XlFnNode   *best = NULL;
	size_t		best_end = 0;

	for (uint32_t k = fn->a.first_at[i]; k != XL_NO_WORD; k = fn->a.nodes[k].next)
	{
		XlFnNode   *x = &fn->a.nodes[k];
		size_t		e = node_end(fn, x);

		if (x->active || e > to || !needs_left_operand(fn, x) || !node_complete(x))
			continue;
		if (best == NULL || e > best_end || (e == best_end && x->kind == XL_FN_ITEM))
		{
			best = x;
			best_end = e;
		}
	}
	return best;
}

/* ---- LIKE ---- */

/* The statement's text between the end of word a and the start of word b. */
static void
emit_space(XlFn *fn, size_t a, size_t b)
{
	const Token *t = fn->w.tok;

	if (b < fn->w.n && t[b].start > xl_token_end(&t[a]))
		buf_append(fn->env.out, fn->w.query + xl_token_end(&t[a]),
				   t[b].start - xl_token_end(&t[a]));
	else
		xl_fn_emit(fn, " ");
}

/*
 * PostgreSQL's LIKE escapes with '\' by default; IRIS's and SQLite's have
 * no escape character unless told. A pattern that is a constant without a
 * backslash needs none.
 */
static bool
needs_escape_clause(XlFn *fn, const XlFnNode *x)
{
	const char *pattern = xl_fn_string(fn, x->after, x->right_end);

	return x->escape == XL_NO_WORD && (pattern == NULL || strchr(pattern, '\\') != NULL);
}

/*
 * [left] LIKE pattern [ESCAPE e] for the dialect: IRIS compares with
 * %EXACT (its strings compare case-insensitively by default) and reads
 * ILIKE as its own LIKE; SQLite lowers both sides of ILIKE.
 */
static XlRuleResult
write_like(XlFn *fn, XlFnNode *x, bool with_left, PgError *err)
{
	const XlWords *w = &fn->w;
	bool		insensitive = x->kind == XL_FN_ILIKE || x->kind == XL_FN_NOT_ILIKE;
	bool		lower = fn->dialect == DIALECT_SQLITE && insensitive;
	size_t		like = x->after - 1;	/* the LIKE or ILIKE word */
	bool		ok = true;

	if (xl_word_in(w, x->after, (const char *const[]) {"any", "all", "some", NULL}) &&
		xl_word_kind(w, x->after + 1, TOK_LPAREN))
		return xl_fn_refuse(fn, err, x->after, "LIKE %.*s (...)", (int) w->tok[x->after].len,
							w->query + w->tok[x->after].start);
	if (with_left)
	{
		xl_fn_emit(fn, lower ? "lower(" : "%EXACT(");
		ok = xl_fn_write(fn, x->start, x->op, err);
		xl_fn_emit(fn, ")");
		emit_space(fn, x->op - 1, x->op);
	}
	if (insensitive)
	{
		/* ILIKE -> LIKE in the user's letter case: drop the I */
		xl_fn_emit_gap(fn, x->op, like);
		buf_append(fn->env.out, w->query + w->tok[like].start + 1, w->tok[like].len - 1);
		emit_space(fn, like, x->after);
	}
	else
		xl_fn_emit_gap(fn, x->op, x->after);
	if (lower)
		xl_fn_emit(fn, "lower(");
	ok = ok && xl_fn_write(fn, x->after, x->right_end, err);
	if (lower)
		xl_fn_emit(fn, ")");
	if (x->escape != XL_NO_WORD)
	{
		emit_space(fn, x->right_end - 1, x->right_end);
		ok = ok && xl_fn_write(fn, x->right_end, fn->a.nodes[x->escape].right_end, err);
	}
	else if (needs_escape_clause(fn, x))
		xl_fn_emit(fn, " ESCAPE '\\'");
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

const char *
xl_fn_kind_name(XlFnKind kind)
{
	switch (kind)
	{
		case XL_FN_LIKE:
			return "LIKE";
		case XL_FN_NOT_LIKE:
			return "NOT LIKE";
		case XL_FN_ILIKE:
			return "ILIKE";
		case XL_FN_NOT_ILIKE:
			return "NOT ILIKE";
		case XL_FN_IS_TRUE:
			return "IS TRUE";
		case XL_FN_IS_NOT_TRUE:
			return "IS NOT TRUE";
		case XL_FN_IS_FALSE:
			return "IS FALSE";
		case XL_FN_IS_NOT_FALSE:
			return "IS NOT FALSE";
		case XL_FN_IS_UNKNOWN:
			return "IS UNKNOWN";
		case XL_FN_IS_NOT_UNKNOWN:
			return "IS NOT UNKNOWN";
		case XL_FN_DISTINCT:
			return "IS DISTINCT FROM";
		case XL_FN_NOT_DISTINCT:
			return "IS NOT DISTINCT FROM";
		case XL_FN_NULLS_FIRST:
			return "NULLS FIRST";
		case XL_FN_NULLS_LAST:
			return "NULLS LAST";
		default:
			return "this operator";
	}
}

/* The construct whose operator is at word i, when the dialect writes it from there. */
static XlRuleResult
write_at_operator(XlFn *fn, XlFnNode *x, size_t i, size_t to, size_t *end, PgError *err)
{
	const XlWords *w = &fn->w;
	XlRuleResult res;

	switch (x->kind)
	{
		case XL_FN_REGEX:
			return xl_fn_refuse(fn, err, i, "the regular expression operator %.*s",
								(int) w->tok[i].len, w->query + w->tok[i].start);
		case XL_FN_LIKE_OPERATOR:
			return xl_fn_refuse(fn, err, i, "the operator %.*s (write LIKE or ILIKE)",
								(int) w->tok[i].len, w->query + w->tok[i].start);
		case XL_FN_SIMILAR:
			return xl_fn_refuse(fn, err, i, "SIMILAR TO");
		case XL_FN_NULLS_FIRST:
		case XL_FN_NULLS_LAST:
			if (fn->dialect != DIALECT_IRIS)
				return XL_RULE_NONE;
			return xl_fn_refuse(fn, err, i, "%s outside ORDER BY", xl_fn_kind_name(x->kind));
		case XL_FN_IS_UNKNOWN:
		case XL_FN_IS_NOT_UNKNOWN:
			/* SQLite has IS TRUE and IS FALSE, not IS UNKNOWN: a boolean is NULL */
			xl_fn_emit(fn, x->kind == XL_FN_IS_UNKNOWN ? "IS NULL" : "IS NOT NULL");
			*end = x->after;
			return XL_RULE_WRITTEN;
		case XL_FN_LIKE:
		case XL_FN_NOT_LIKE:
		case XL_FN_ILIKE:
		case XL_FN_NOT_ILIKE:
			if (node_end(fn, x) > to)
				return XL_RULE_NONE;
			x->active = true;
			res = write_like(fn, x, false, err);
			x->active = false;
			*end = node_end(fn, x);
			return res;
		default:
			return XL_RULE_NONE;
	}
}

/* Does the operand at word s begin with a cast, which the cast rule writes? */
static bool
begins_with_cast(const XlFn *fn, size_t s)
{
	const XlWords *w = &fn->w;
	size_t		e = xl_fn_primary_end(fn, s);

	return (e > s && xl_word_kind(w, e, TOK_TYPECAST)) ||
		(xl_word_is(w, s, "cast") && xl_word_kind(w, s + 1, TOK_LPAREN)) ||
		(xl_word_kind(w, s, TOK_IDENT) && !xl_word_is_reserved(w, s) &&
		 (xl_word_kind(w, s + 1, TOK_STRING) || xl_word_kind(w, s + 1, TOK_DOLLAR_STRING)));
}

/* Can word i, written as it is, come before a construct (a keyword, '(', ',', an operator)? */
static bool
can_precede(const XlFn *fn, size_t i)
{
	static const char *const words[] = {
		"not", "and", "or", "where", "when", "then", "else", "select", "on", "having", "by", NULL
	};
	const XlWords *w = &fn->w;

	switch (w->tok[i].kind)
	{
		case TOK_LPAREN:
		case TOK_COMMA:
		case TOK_OPERATOR:
			return true;
		case TOK_IDENT:
			return xl_word_in(w, i, words) || xl_word_is_reserved(w, i);
		default:
			return false;
	}
}

/*
 * The construct to write at word i: one beginning there, or one beginning
 * at i + 1 with a cast, which would be the cast rule's word: written from
 * word i, which goes as it is.
 */
static XlFnNode *
node_to_write(XlFn *fn, size_t i, size_t to, bool *from_previous)
{
	XlFnNode   *x = outer_node(fn, i, to);

	*from_previous = false;
	if (x == NULL && i + 1 < fn->w.n && can_precede(fn, i) && begins_with_cast(fn, i + 1) &&
		(x = outer_node(fn, i + 1, to)) != NULL)
		*from_previous = true;
	return x;
}

static XlRuleResult
write_node(XlFn *fn, XlFnNode *x, PgError *err)
{
	XlRuleResult res;

	x->active = true;
	res = xl_fn_is_boolean_node(x) ? xl_fn_write_boolean_node(fn, x, err) :
		write_like(fn, x, true, err);
	x->active = false;
	return res;
}

/*
 * Write words [from, to) through the rules. A construct at from whose
 * operand begins with a cast is written here: the rewriter would offer
 * word from to the cast rule first.
 */
bool
xl_fn_write(XlFn *fn, size_t from, size_t to, PgError *err)
{
	XlFnNode   *x;
	size_t		e;

	if (from >= to || !begins_with_cast(fn, from) || (x = outer_node(fn, from, to)) == NULL)
		return xl_fn_write_words(fn, from, to, err);
	e = node_end(fn, x);
	if (write_node(fn, x, err) != XL_RULE_WRITTEN)
		return false;
	if (e < to)
		emit_space(fn, e - 1, e);
	return xl_fn_write_words(fn, e, to, err);
}

XlRuleResult
xl_fn_apply_nodes(XlFn *fn, size_t i, size_t to, size_t *end, PgError *err)
{
	bool		from_previous;
	XlFnNode   *x = node_to_write(fn, i, to, &from_previous);
	uint32_t	k;

	if (x != NULL)
	{
		if (from_previous)
			xl_fn_emit_gap(fn, i, i + 1);
		*end = node_end(fn, x);
		return write_node(fn, x, err);
	}
	if ((k = fn->a.op_at[i]) == XL_NO_WORD || !node_complete(&fn->a.nodes[k]))
		return XL_RULE_NONE;
	x = &fn->a.nodes[k];
	if (needs_left_operand(fn, x))
	{
		/* its left operand began with a construct another rule wrote */
		xl_fn_refuse(fn, err, i, "%s after an operand another rule rewrites", xl_fn_kind_name(x->kind));
		pgerr_set_hint(err, "Put the left operand in parentheses.");
		return XL_RULE_FAILED;
	}
	return write_at_operator(fn, x, i, to, end, err);
}

/* ---- integer division ---- */

/*
 * PostgreSQL's integer / integer truncates; IRIS's / does not
 * (iris-dialect.md #7). Two integer literals are divided here, as
 * PostgreSQL folds them; other operands keep IRIS's /. SQLite divides
 * integers as PostgreSQL does, but by zero gives NULL: a constant zero
 * divisor is PostgreSQL's error, raised when it plans the statement.
 */
XlRuleResult
xl_fn_apply_division(XlFn *fn, size_t i, size_t to, size_t *end, PgError *err)
{
	static const char *const left_operators[] = {"*", "/", "%", "^", NULL};
	const XlWords *w = &fn->w;
	uint64_t	a,
				b;

	if (i + 3 > to || !xl_word_kind(w, i, TOK_INTEGER) ||
		!xl_word_is_op(w, i + 1, '/') || !xl_word_kind(w, i + 2, TOK_INTEGER))
		return XL_RULE_NONE;
	for (const char *const *op = left_operators; *op != NULL; op++)
	{
		if (i > 0 && xl_word_is_operator(w, i - 1, *op))
			return XL_RULE_NONE;	/* x * 7 / 2 is (x * 7) / 2 */
	}
	if (xl_word_is_op(w, i + 3, '^') || xl_word_kind(w, i + 3, TOK_TYPECAST) ||
		xl_word_kind(w, i + 3, TOK_LBRACKET) ||
		(i > 0 && (xl_word_kind(w, i - 1, TOK_TYPECAST) || xl_word_kind(w, i - 1, TOK_DOT))) ||
		!xl_integer_literal_value(w->query + w->tok[i].start, w->tok[i].len, &a) ||
		!xl_integer_literal_value(w->query + w->tok[i + 2].start, w->tok[i + 2].len, &b) ||
		a > INT64_MAX || b > INT64_MAX)
		return XL_RULE_NONE;	/* numeric literals divide exactly in PostgreSQL too */
	if (b == 0)
	{
		pgerr_set(err, ERRCODE_DIVISION_BY_ZERO, "division by zero");
		return XL_RULE_FAILED;
	}
	if (fn->dialect != DIALECT_IRIS)
		return XL_RULE_NONE;
	buf_appendf(fn->env.out, "%llu", (unsigned long long) (a / b));
	*end = i + 3;
	return XL_RULE_WRITTEN;
}

