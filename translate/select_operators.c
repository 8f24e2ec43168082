/*
 * select_operators.c
 *		Operators in the target-list analyser's expressions: which word is
 *		which operator, its precedence (PostgreSQL's gram.y), and reading a
 *		binary operator's right operand.
 */
#include "translate/select_list_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const is_test_words[] = {
	"null", "true", "false", "unknown", "document", NULL
};

static const char *const pattern_words[] = {
	"between", "in", "like", "ilike", "similar", NULL
};

/* Operators whose spelling decides their kind. */
static const struct
{
	const char *text;
	OpKind		op;
}			operator_kinds[] = {
	{"=", OP_COMPARE}, {"<>", OP_COMPARE}, {"!=", OP_COMPARE}, {"<", OP_COMPARE},
	{">", OP_COMPARE}, {"<=", OP_COMPARE}, {">=", OP_COMPARE},
	{"+", OP_ADD}, {"-", OP_SUB}, {"*", OP_MUL}, {"/", OP_DIV}, {"%", OP_MOD},
	{"^", OP_POW}, {"||", OP_CONCAT},
	{"<->", OP_DISTANCE}, {"<=>", OP_DISTANCE}, {"<#>", OP_DISTANCE}, {"<+>", OP_DISTANCE},
	{"~", OP_REGEX}, {"~*", OP_REGEX}, {"!~", OP_REGEX}, {"!~*", OP_REGEX},
	{"~~", OP_REGEX}, {"~~*", OP_REGEX}, {"!~~", OP_REGEX}, {"!~~*", OP_REGEX},
};

/* ---- operators ---- */

int
sl_op_precedence(OpKind op)
{
	switch (op)
	{
		case OP_OR:
			return PREC_OR;
		case OP_AND:
			return PREC_AND;
		case OP_NOT:
			return PREC_NOT;
		case OP_IS:
			return PREC_IS;
		case OP_COMPARE:
			return PREC_COMPARE;
		case OP_PATTERN:
			return PREC_PATTERN;
		case OP_ADD:
		case OP_SUB:
			return PREC_ADD;
		case OP_MUL:
		case OP_DIV:
		case OP_MOD:
			return PREC_MUL;
		case OP_POW:
			return PREC_POW;
		case OP_AT_TIME_ZONE:
			return PREC_AT;
		case OP_COLLATE:
			return PREC_COLLATE;
		case OP_MINUS:
		case OP_PLUS:
			return PREC_UNARY;
		default:
			return PREC_OP;
	}
}

/* Is word i an infix or postfix operator? Its kind in *op. */
bool
sl_binary_op_at(const XlWords *w, size_t i, OpKind *op)
{
	if (xl_word_kind(w, i, TOK_OPERATOR))
	{
		*op = OP_OTHER;
		for (size_t k = 0; k < lengthof(operator_kinds); k++)
		{
			if (xl_word_is_operator(w, i, operator_kinds[k].text))
				*op = operator_kinds[k].op;
		}
		return true;
	}
	if (xl_word_is(w, i, "or"))
		*op = OP_OR;
	else if (xl_word_is(w, i, "and"))
		*op = OP_AND;
	else if (xl_word_is(w, i, "is") || xl_word_is(w, i, "isnull") || xl_word_is(w, i, "notnull"))
		*op = OP_IS;
	else if (xl_word_in(w, i, pattern_words) ||
			 (xl_word_is(w, i, "not") && xl_word_in(w, i + 1, pattern_words)))
		*op = OP_PATTERN;
	else if (xl_word_is(w, i, "at") &&
			 ((xl_word_is(w, i + 1, "time") && xl_word_is(w, i + 2, "zone")) ||
			  xl_word_is(w, i + 1, "local")))
		*op = OP_AT_TIME_ZONE;
	else if (xl_word_is(w, i, "collate"))
		*op = OP_COLLATE;
	else
		return false;
	return true;
}

/* Is word i a prefix operator? Its kind in *op. */
bool
sl_prefix_op_at(const XlWords *w, size_t i, OpKind *op)
{
	if (xl_word_is(w, i, "not"))
		*op = OP_NOT;
	else if (xl_word_is_op(w, i, '-'))
		*op = OP_MINUS;
	else if (xl_word_is_op(w, i, '+'))
		*op = OP_PLUS;
	else if (xl_word_kind(w, i, TOK_OPERATOR) && !xl_word_is_op(w, i, '*'))
		*op = OP_OTHER;
	else
		return false;
	return true;
}

/* After IS: [NOT] NULL/TRUE/FALSE/UNKNOWN/DOCUMENT, [NOT] DISTINCT FROM x. */
static bool
parse_is_test(Analyser *a, size_t *i)
{
	const XlWords *w = &a->w;
	ExprInfo	right;

	if (!xl_word_is(w, *i, "is"))
	{
		(*i)++;					/* ISNULL, NOTNULL */
		return true;
	}
	(*i)++;
	if (xl_word_is(w, *i, "not"))
		(*i)++;
	if (xl_word_in(w, *i, is_test_words))
	{
		(*i)++;
		return true;
	}
	if (!xl_word_is(w, *i, "distinct") || !xl_word_is(w, *i + 1, "from"))
		return false;			/* IS NORMALIZED, IS JSON, ...: not followed */
	*i += 2;
	return sl_parse_expr(a, i, PREC_IS + 1, &right);
}

/* [NOT] BETWEEN x AND y, IN (...), LIKE x [ESCAPE y], SIMILAR TO x [ESCAPE y] */
static bool
parse_pattern_test(Analyser *a, size_t *i)
{
	const XlWords *w = &a->w;
	ExprInfo	operand;

	if (xl_word_is(w, *i, "not"))
		(*i)++;
	if (xl_word_is(w, *i, "in"))
	{
		(*i)++;
		return xl_word_kind(w, *i, TOK_LPAREN) && sl_skip_group(w, i);
	}
	if (xl_word_is(w, *i, "between"))
	{
		(*i)++;
		if (xl_word_is(w, *i, "symmetric") || xl_word_is(w, *i, "asymmetric"))
			(*i)++;
		if (!sl_parse_expr(a, i, PREC_PATTERN + 1, &operand) || !xl_word_is(w, *i, "and"))
			return false;
		(*i)++;
		return sl_parse_expr(a, i, PREC_PATTERN + 1, &operand);
	}
	if (xl_word_is(w, *i, "similar"))
	{
		if (!xl_word_is(w, *i + 1, "to"))
			return false;
		(*i)++;
	}
	(*i)++;
	if (!sl_parse_expr(a, i, PREC_PATTERN + 1, &operand))
		return false;
	if (!xl_word_is(w, *i, "escape"))
		return true;
	(*i)++;
	return sl_parse_expr(a, i, PREC_PATTERN + 1, &operand);
}

/* AT TIME ZONE x, AT LOCAL */
static bool
parse_at_time_zone(Analyser *a, size_t *i)
{
	ExprInfo	zone;

	if (xl_word_is(&a->w, *i + 1, "local"))
	{
		*i += 2;
		return true;
	}
	*i += 3;
	return sl_parse_expr(a, i, PREC_AT + 1, &zone);
}

/* COLLATE [schema.]name */
static bool
skip_collation(const XlWords *w, size_t *i)
{
	(*i)++;
	if (!xl_word_is_name(w, *i))
		return false;
	while (xl_word_kind(w, *i + 1, TOK_DOT) && xl_word_is_name(w, *i + 2))
		*i += 2;
	(*i)++;
	return true;
}

/* The operator of kind op at *i and its right side, applied to *inout. */
bool
sl_parse_binary(Analyser *a, size_t *i, OpKind op, ExprInfo *inout)
{
	const XlWords *w = &a->w;
	ExprInfo	left = *inout;
	ExprInfo	right;
	Shape		s = sl_shape(SH_OPERATOR);
	bool		ok;

	s.op = op;
	s.arg = &left;
	switch (op)
	{
		case OP_IS:
			ok = parse_is_test(a, i);
			break;
		case OP_PATTERN:
			ok = parse_pattern_test(a, i);
			break;
		case OP_AT_TIME_ZONE:
			ok = parse_at_time_zone(a, i);
			break;
		case OP_COLLATE:
			s.kind = SH_COLLATE;
			ok = skip_collation(w, i);
			break;
		default:
			(*i)++;
			if ((xl_word_is(w, *i, "any") || xl_word_is(w, *i, "some") ||
				 xl_word_is(w, *i, "all")) && xl_word_kind(w, *i + 1, TOK_LPAREN))
			{
				s.op = OP_QUANTIFIED;
				(*i)++;
				ok = sl_skip_group(w, i);
				break;
			}
			ok = sl_parse_expr(a, i, sl_op_precedence(op) + 1, &right);
			s.right = &right;
			break;
	}
	if (ok)
		sl_finish(a, inout, &s);
	return ok;
}
