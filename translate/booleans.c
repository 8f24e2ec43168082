/*
 * booleans.c
 *		Booleans and conditions for the functions rule on IRIS, which has no
 *		boolean type (iris-dialect.md #5).
 *
 * Owns: TRUE and FALSE (1 and 0, or 1 = 1 and 1 = 0 where a condition is
 * expected), a boolean value used as a condition (compared with 1), IS
 * [NOT] TRUE / FALSE / UNKNOWN, IS [NOT] DISTINCT FROM, conditions used as
 * values (select-list, VALUES and SET items) and NULLS FIRST/LAST, each
 * keeping PostgreSQL's three-valued logic.
 */
#include "translate/xl_internal.h"

bool
xl_fn_is_boolean_node(const XlFnNode *node)
{
	return (node->kind >= XL_FN_IS_TRUE && node->kind <= XL_FN_IS_NOT_UNKNOWN) ||
		node->kind == XL_FN_DISTINCT || node->kind == XL_FN_NOT_DISTINCT ||
		node->kind == XL_FN_ITEM || node->kind == XL_FN_NULLS_FIRST ||
		node->kind == XL_FN_NULLS_LAST;
}

/*
 * x IS [NOT] TRUE | FALSE | UNKNOWN on IRIS, which has no boolean type
 * (iris-dialect.md #5): a BIT value compared with 1 or 0 where NULL counts
 * as neither, a condition through CASE, which takes NULL as not true.
 */
static XlRuleResult
write_is(XlFn *fn, const XlFnNode *x, PgError *err)
{
	bool		negated = x->kind == XL_FN_IS_NOT_TRUE || x->kind == XL_FN_IS_NOT_FALSE ||
		x->kind == XL_FN_IS_NOT_UNKNOWN;
	bool		falsity = x->kind == XL_FN_IS_FALSE || x->kind == XL_FN_IS_NOT_FALSE;
	bool		unknown = x->kind == XL_FN_IS_UNKNOWN || x->kind == XL_FN_IS_NOT_UNKNOWN;
	bool		ok;

	if (unknown)
	{
		if (x->left_cond)
			return xl_fn_refuse(fn, err, x->op, "%s of a condition",
								negated ? "IS NOT UNKNOWN" : "IS UNKNOWN");
		ok = xl_fn_write(fn, x->start, x->op, err);
		xl_fn_emit(fn, negated ? " IS NOT NULL" : " IS NULL");
		return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
	}
	if (x->left_cond)
	{
		xl_fn_emit(fn, falsity ? "CASE WHEN NOT (" : "CASE WHEN ");
		ok = xl_fn_write(fn, x->start, x->op, err);
		xl_fn_emit(fn, falsity ? ") THEN 1 ELSE 0 END = " : " THEN 1 ELSE 0 END = ");
		xl_fn_emit(fn, negated ? "0" : "1");
		return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
	}
	xl_fn_emit(fn, "COALESCE(");
	ok = xl_fn_write(fn, x->start, x->op, err);
	xl_fn_emit(fn, falsity ? ", 1)" : ", 0)");
	xl_fn_emit(fn, negated ? " <> " : " = ");
	xl_fn_emit(fn, falsity ? "0" : "1");
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

/*
 * a IS [NOT] DISTINCT FROM b on IRIS, which lacks it (iris-dialect.md #5):
 * equal or both NULL, through CASE so that the answer is never NULL.
 */
static XlRuleResult
write_distinct(XlFn *fn, const XlFnNode *x, PgError *err)
{
	bool		ok;

	if (x->left_cond || x->right_cond)
		return xl_fn_refuse(fn, err, x->op, "%s between conditions", xl_fn_kind_name(x->kind));
	if (!xl_fn_begin_copies(fn, 2, x->op, err))
		return XL_RULE_FAILED;
	xl_fn_emit(fn, "CASE WHEN ");
	ok = xl_fn_write(fn, x->start, x->op, err);
	xl_fn_emit(fn, " = ");
	ok = ok && xl_fn_write(fn, x->after, x->right_end, err);
	xl_fn_emit(fn, " OR ");
	ok = ok && xl_fn_write(fn, x->start, x->op, err);
	xl_fn_emit(fn, " IS NULL AND ");
	ok = ok && xl_fn_write(fn, x->after, x->right_end, err);
	xl_fn_emit(fn, x->kind == XL_FN_DISTINCT ? " IS NULL THEN 0 ELSE 1 END = 1" :
			   " IS NULL THEN 1 ELSE 0 END = 1");
	xl_fn_end_copies(fn, 2);
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

/*
 * A condition as a select-list item: IRIS allows none there
 * (iris-dialect.md #5), so it becomes 1, 0, or NULL when it is unknown.
 */
static XlRuleResult
write_item(XlFn *fn, const XlFnNode *x, PgError *err)
{
	bool		ok;

	xl_fn_emit(fn, "CASE WHEN ");
	if (x->never_null)
	{
		ok = xl_fn_write(fn, x->start, x->right_end, err);
		xl_fn_emit(fn, " THEN 1 ELSE 0 END");
		return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
	}
	if (!xl_fn_begin_copies(fn, 2, x->start, err))
		return XL_RULE_FAILED;
	ok = xl_fn_write(fn, x->start, x->right_end, err);
	xl_fn_emit(fn, " THEN 1 WHEN NOT (");
	ok = ok && xl_fn_write(fn, x->start, x->right_end, err);
	xl_fn_emit(fn, ") THEN 0 END");
	xl_fn_end_copies(fn, 2);
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

/*
 * e [ASC | DESC] NULLS FIRST | LAST on IRIS, which has no NULLS clause
 * (iris-dialect.md #5): a first sort key that puts the NULLs where asked.
 */
static XlRuleResult
write_nulls(XlFn *fn, const XlFnNode *x, PgError *err)
{
	bool		ok;

	if (x->expr_end == x->start + 1 && xl_word_kind(&fn->w, x->start, TOK_INTEGER))
		return xl_fn_refuse(fn, err, x->op, "%s on an output column number", xl_fn_kind_name(x->kind));
	if (!xl_fn_begin_copies(fn, 2, x->start, err))
		return XL_RULE_FAILED;
	xl_fn_emit(fn, x->has_operators ? "CASE WHEN (" : "CASE WHEN ");
	ok = xl_fn_write(fn, x->start, x->expr_end, err);
	xl_fn_emit(fn, x->has_operators ? ") IS NULL THEN " : " IS NULL THEN ");
	xl_fn_emit(fn, x->kind == XL_FN_NULLS_FIRST ? "0 ELSE 1 END, " : "1 ELSE 0 END, ");
	ok = ok && xl_fn_write(fn, x->start, x->op, err);
	xl_fn_end_copies(fn, 2);
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

XlRuleResult
xl_fn_write_boolean_node(XlFn *fn, XlFnNode *node, PgError *err)
{
	switch (node->kind)
	{
		case XL_FN_DISTINCT:
		case XL_FN_NOT_DISTINCT:
			return write_distinct(fn, node, err);
		case XL_FN_ITEM:
			return write_item(fn, node, err);
		case XL_FN_NULLS_FIRST:
		case XL_FN_NULLS_LAST:
			return write_nulls(fn, node, err);
		default:
			return write_is(fn, node, err);
	}
}

/* ---- conditions made of a single value ---- */

static bool
is_dml(const XlFn *fn)
{
	StmtKind	k = fn->env.stmt->kind;

	return k == STMT_SELECT || k == STMT_INSERT || k == STMT_UPDATE || k == STMT_DELETE ||
		k == STMT_MERGE;
}

/* Is word i an AND that joins conditions (not BETWEEN's)? */
static bool
is_and(const XlFn *fn, size_t i)
{
	return xl_word_is(&fn->w, i, "and") && !(fn->a.flags[i] & XL_FN_BETWEEN_AND);
}

/* Can word i come right before a whole condition? */
static bool
begins_term(const XlFn *fn, size_t i)
{
	static const char *const words[] = {
		"where", "having", "or", "not", "when", "then", "else", "on", "select", NULL
	};
	const XlWords *w = &fn->w;

	return xl_word_kind(w, i, TOK_LPAREN) || xl_word_kind(w, i, TOK_COMMA) || is_and(fn, i) ||
		xl_word_in(w, i, words);
}

/* Can word i come right after a whole condition? */
static bool
ends_term(const XlFn *fn, size_t i)
{
	static const char *const words[] = {"or", "then", "when", "else", "end", "returning", NULL};
	const XlWords *w = &fn->w;

	return i >= w->n || xl_word_kind(w, i, TOK_RPAREN) || xl_word_kind(w, i, TOK_COMMA) ||
		xl_word_kind(w, i, TOK_SEMICOLON) || is_and(fn, i) || xl_word_in(w, i, words) ||
		xl_word_ends_target_list(w, i);
}

/* Does word i, before an operand, make it a condition? */
static bool
condition_before(const XlFn *fn, size_t i)
{
	static const char *const words[] = {"where", "having", "or", "not", NULL};
	const XlWords *w = &fn->w;

	return is_and(fn, i) || xl_word_in(w, i, words) ||
		(xl_word_is(w, i, "when") && (fn->a.flags[i] & XL_FN_SEARCHED)) ||
		(xl_word_is(w, i, "on") && is_dml(fn));
}

/* Does word i, after an operand, make it a condition? */
static bool
condition_after(const XlFn *fn, size_t i)
{
	const XlWords *w = &fn->w;

	return is_and(fn, i) || xl_word_is(w, i, "or") ||
		(xl_word_is(w, i, "then") && (fn->a.flags[i] & XL_FN_SEARCHED));
}

/* Is the operand in words [s, e) a whole condition (WHERE x, x AND y, NOT (x))? */
static bool
is_condition_operand(const XlFn *fn, size_t s, size_t e)
{
	const XlWords *w = &fn->w;

	for (;;)
	{
		if (s == 0 || !begins_term(fn, s - 1) || !ends_term(fn, e))
			return false;
		if (condition_before(fn, s - 1) || condition_after(fn, e))
			return true;
		if (!xl_word_kind(w, s - 1, TOK_LPAREN) || fn->a.match[s - 1] != e)
			return false;
		s--;					/* (x): is the group a condition? */
		e++;
	}
}

/* Can the primary at word i be a boolean value (a column, $n, f(x), CASE, a subquery)? */
static bool
is_boolean_candidate(const XlFn *fn, size_t i)
{
	const XlWords *w = &fn->w;

	switch (w->tok[i].kind)
	{
		case TOK_QIDENT:
		case TOK_PARAM:
			return true;
		case TOK_LPAREN:
			return (fn->a.flags[i] & XL_FN_QUERY) != 0;
		case TOK_IDENT:
			return xl_word_is(w, i, "case") ||
				!(xl_word_is_reserved(w, i) || xl_fn_is_value_keyword(w, i));
		default:
			return false;
	}
}

/*
 * TRUE and FALSE on IRIS: 1 and 0 (iris-dialect.md #5), or 1 = 1 and 1 = 0
 * where a condition is expected. A value used as a condition (WHERE
 * flag) is compared with 1.
 */
XlRuleResult
xl_fn_apply_values(XlFn *fn, size_t i, size_t to, size_t *end, PgError *err)
{
	const XlWords *w = &fn->w;
	uint32_t	saved = fn->skip_term;
	size_t		e;
	bool		ok;

	if (fn->dialect != DIALECT_IRIS || (i > 0 && w->tok[i - 1].kind == TOK_DOT))
		return XL_RULE_NONE;
	if (xl_word_is(w, i, "true") || xl_word_is(w, i, "false"))
	{
		bool		truth = xl_word_is(w, i, "true");

		if (is_condition_operand(fn, i, i + 1))
			xl_fn_emit(fn, truth ? "1 = 1" : "1 = 0");
		else
			xl_fn_emit(fn, truth ? "1" : "0");
		*end = i + 1;
		return XL_RULE_WRITTEN;
	}
	if (i == fn->skip_term || i == 0 || !is_boolean_candidate(fn, i) || !begins_term(fn, i - 1) ||
		(e = xl_fn_primary_end(fn, i)) <= i || e > to || !is_condition_operand(fn, i, e))
		return XL_RULE_NONE;
	fn->skip_term = (uint32_t) i;
	ok = xl_fn_write(fn, i, e, err);
	fn->skip_term = saved;
	xl_fn_emit(fn, " = 1");
	*end = e;
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

