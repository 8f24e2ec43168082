/*
 * select_operands.c
 *		The target-list analyser's operands: literals, names, parameters,
 *		calls (with the result types of well-known functions), casts, CASE,
 *		subqueries, arrays and rows, read by recursive descent.
 *
 * Owns parse_expr(), the entry point for one expression; an operand it
 * cannot follow makes the analysis give up rather than guess.
 */
#include "translate/select_list_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Result types of functions (and SQL value functions) the text decides. */
static const FunctionType function_types[] = {
	{"count", FR_FIXED, INT8OID},
	/* pgvector's functions */
	{"cosine_distance", FR_FIXED, FLOAT8OID},
	{"inner_product", FR_FIXED, FLOAT8OID},
	{"l2_distance", FR_FIXED, FLOAT8OID},
	{"l1_distance", FR_FIXED, FLOAT8OID},
	{"vector_norm", FR_FIXED, FLOAT8OID},
	{"l2_norm", FR_FIXED, FLOAT8OID},
	{"vector_dims", FR_FIXED, INT4OID},
	{"row_number", FR_FIXED, INT8OID},
	{"rank", FR_FIXED, INT8OID},
	{"dense_rank", FR_FIXED, INT8OID},
	{"avg", FR_AVG, NUMERICOID},
	{"length", FR_FIXED, INT4OID},
	{"char_length", FR_FIXED, INT4OID},
	{"character_length", FR_FIXED, INT4OID},
	{"octet_length", FR_FIXED, INT4OID},
	{"bit_length", FR_FIXED, INT4OID},
	{"strpos", FR_FIXED, INT4OID},
	{"position", FR_FIXED, INT4OID},
	{"ascii", FR_FIXED, INT4OID},
	{"pg_backend_pid", FR_FIXED, INT4OID},
	{"lower", FR_FIXED, TEXTOID},
	{"upper", FR_FIXED, TEXTOID},
	{"btrim", FR_FIXED, TEXTOID},
	{"ltrim", FR_FIXED, TEXTOID},
	{"rtrim", FR_FIXED, TEXTOID},
	{"trim", FR_FIXED, TEXTOID},
	{"substr", FR_FIXED, TEXTOID},
	{"substring", FR_FIXED, TEXTOID},
	{"replace", FR_FIXED, TEXTOID},
	{"concat", FR_FIXED, TEXTOID},
	{"concat_ws", FR_FIXED, TEXTOID},
	{"left", FR_FIXED, TEXTOID},
	{"right", FR_FIXED, TEXTOID},
	{"lpad", FR_FIXED, TEXTOID},
	{"rpad", FR_FIXED, TEXTOID},
	{"repeat", FR_FIXED, TEXTOID},
	{"reverse", FR_FIXED, TEXTOID},
	{"md5", FR_FIXED, TEXTOID},
	{"initcap", FR_FIXED, TEXTOID},
	{"to_char", FR_FIXED, TEXTOID},
	{"quote_ident", FR_FIXED, TEXTOID},
	{"quote_literal", FR_FIXED, TEXTOID},
	{"format", FR_FIXED, TEXTOID},
	{"chr", FR_FIXED, TEXTOID},
	{"split_part", FR_FIXED, TEXTOID},
	{"translate", FR_FIXED, TEXTOID},
	{"version", FR_FIXED, TEXTOID},
	{"current_database", FR_FIXED, TEXTOID},
	{"current_catalog", FR_FIXED, TEXTOID},
	{"current_schema", FR_FIXED, TEXTOID},
	{"current_user", FR_FIXED, TEXTOID},
	{"current_role", FR_FIXED, TEXTOID},
	{"session_user", FR_FIXED, TEXTOID},
	{"system_user", FR_FIXED, TEXTOID},
	{"user", FR_FIXED, TEXTOID},
	{"now", FR_FIXED, TIMESTAMPTZOID},
	{"current_timestamp", FR_FIXED, TIMESTAMPTZOID},
	{"transaction_timestamp", FR_FIXED, TIMESTAMPTZOID},
	{"statement_timestamp", FR_FIXED, TIMESTAMPTZOID},
	{"clock_timestamp", FR_FIXED, TIMESTAMPTZOID},
	{"localtimestamp", FR_FIXED, TIMESTAMPOID},
	{"current_date", FR_FIXED, DATEOID},
	{"current_time", FR_FIXED, TIMETZOID},
	{"localtime", FR_FIXED, TIMEOID},
	{"random", FR_FIXED, FLOAT8OID},
	{"pi", FR_FIXED, FLOAT8OID},
	{"percent_rank", FR_FIXED, FLOAT8OID},
	{"cume_dist", FR_FIXED, FLOAT8OID},
	{"coalesce", FR_COMMON, 0},
	{"nullif", FR_COMMON, 0},
	{"greatest", FR_COMMON, 0},
	{"least", FR_COMMON, 0},
	{"min", FR_COMMON, 0},
	{"max", FR_COMMON, 0},
	{"abs", FR_COMMON, 0},
};

/* SQL value functions: keywords that act like functions without parentheses. */
static const struct ValueFunction
{
	const char *name;
	bool		precision;		/* takes an optional (p) */
}			value_functions[] = {
	{"current_date", false},
	{"current_time", true},
	{"current_timestamp", true},
	{"localtime", true},
	{"localtimestamp", true},
	{"current_role", false},
	{"current_user", false},
	{"session_user", false},
	{"system_user", false},
	{"user", false},
	{"current_catalog", false},
	{"current_schema", false},
};

/* ---- operands ---- */

/* A string constant, with PostgreSQL's continuation of adjacent ones. */
static bool
parse_string(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	const Token *tok = &w->tok[*i];
	char		prefix = sl_string_prefix(w->query, tok);
	Shape		s = sl_shape(prefix == 'b' || prefix == 'x' ? SH_BIT_STRING : SH_STRING);

	(*i)++;
	while (tok->kind == TOK_STRING && xl_word_kind(w, *i, TOK_STRING))
		(*i)++;
	sl_finish(a, out, &s);
	if (prefix == 'n')
	{
		/* N'...' is NCHAR '...', a bpchar constant */
		ExprInfo	literal = *out;

		s = sl_shape(SH_CAST);
		s.word = "bpchar";
		s.oid = BPCHAROID;
		s.arg = &literal;
		sl_finish(a, out, &s);
	}
	return true;
}

/* The first column of the subquery in the parentheses open..close. */
static bool
parse_subquery(Analyser *a, size_t open, size_t close, size_t *i, ExprInfo *out)
{
	Sink		sink;
	Shape		s = sl_shape(SH_SUBQUERY);

	memset(&sink, 0, sizeof(sink));
	if (!sl_analyse_query(a, open + 1, close, &sink) || !sink.has_first)
		return false;
	s.arg = &sink.first;
	s.set_operation = sink.set_operation;
	sl_finish(a, out, &s);
	*i = close + 1;
	return true;
}

static bool
starts_query(const XlWords *w, size_t i)
{
	return xl_word_is(w, i, "select") || xl_word_is(w, i, "values") ||
		xl_word_is(w, i, "with") || xl_word_is(w, i, "table");
}

/* (x), (a, b), (SELECT ...) */
static bool
parse_paren(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	size_t		open = *i;
	size_t		close = xl_matching_close(w, open);
	size_t		j = open + 1;
	ExprInfo	inner;
	Shape		s;

	if (close == NO_MATCH)
		return false;
	if (starts_query(w, j))
		return parse_subquery(a, open, close, i, out);
	if (sl_parse_expr(a, &j, PREC_NONE, &inner) && (j == close || xl_word_kind(w, j, TOK_COMMA)))
	{
		s = sl_shape(j == close ? SH_PAREN : SH_ROW);
		s.arg = &inner;
		sl_finish(a, out, &s);
		*i = close + 1;
		return true;
	}
	/* ((SELECT ...) UNION (SELECT ...)) */
	return xl_word_kind(w, open + 1, TOK_LPAREN) && parse_subquery(a, open, close, i, out);
}

/* CASE [x] WHEN c THEN r ... [ELSE e] END */
static bool
parse_case(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	ExprInfo	e;
	ExprInfo	otherwise;
	TypeMerge	results;
	Shape		s = sl_shape(SH_CASE);

	memset(&results, 0, sizeof(results));
	(*i)++;
	if (!xl_word_is(w, *i, "when") && !sl_parse_expr(a, i, PREC_NONE, &e))
		return false;
	if (!xl_word_is(w, *i, "when"))
		return false;
	while (xl_word_is(w, *i, "when"))
	{
		(*i)++;
		if (!sl_parse_expr(a, i, PREC_NONE, &e) || !xl_word_is(w, *i, "then"))
			return false;
		(*i)++;
		if (!sl_parse_expr(a, i, PREC_NONE, &e))
			return false;
		sl_merge_type(&results, &e);
	}
	if (xl_word_is(w, *i, "else"))
	{
		(*i)++;
		if (!sl_parse_expr(a, i, PREC_NONE, &otherwise))
			return false;
		sl_merge_type(&results, &otherwise);
		s.arg = &otherwise;
	}
	if (!xl_word_is(w, *i, "end"))
		return false;
	(*i)++;
	s.oid = sl_merged_type(&results);
	sl_finish(a, out, &s);
	return true;
}

/* CAST(x AS type) */
static bool
parse_cast(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	size_t		close = xl_matching_close(w, *i + 1);
	size_t		j = *i + 2;
	ExprInfo	arg;
	XlTypeName	t;
	Shape		s;

	if (!xl_word_kind(w, *i + 1, TOK_LPAREN) || close == NO_MATCH ||
		!sl_parse_expr(a, &j, PREC_NONE, &arg) || !xl_word_is(w, j, "as"))
		return false;
	j++;
	if (!sl_parse_type(a, &j, &t) || j != close)
		return false;
	s = sl_cast_shape(&t, &arg);
	sl_finish(a, out, &s);
	*i = close + 1;
	return true;
}

/* A typed literal: DATE '2024-01-01', INTERVAL '1' DAY, int4 '1'. */
static bool
parse_typed_literal(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	size_t		j = *i;
	XlTypeName	t;
	ExprInfo	literal;
	Shape		s;
	char		prefix;

	if (!xl_parse_type_name(w, &j, &t) || t.is_array ||
		(!xl_word_kind(w, j, TOK_STRING) && !xl_word_kind(w, j, TOK_DOLLAR_STRING)))
		return false;
	prefix = sl_string_prefix(w->query, &w->tok[j]);
	if (prefix == 'b' || prefix == 'x' || prefix == 'n' || !parse_string(a, &j, &literal))
		return false;
	t.oid = xl_type_name_oid(w, &t, &a->scratch);
	if (t.is_interval)
		j = sl_skip_interval_fields(w, j);
	s = sl_cast_shape(&t, &literal);
	sl_finish(a, out, &s);
	*i = j;
	return true;
}

/* Is word i an SQL value function (CURRENT_DATE, USER, ...) written as one? */
static const struct ValueFunction *
value_function_at(const XlWords *w, size_t i)
{
	for (size_t k = 0; k < lengthof(value_functions); k++)
	{
		const struct ValueFunction *vf = &value_functions[k];

		if (xl_word_is(w, i, vf->name))
		{
			if (xl_word_kind(w, i + 1, TOK_DOT) ||
				(xl_word_kind(w, i + 1, TOK_LPAREN) && !vf->precision))
				return NULL;	/* a qualifier, or current_schema() */
			return vf;
		}
	}
	return NULL;
}

/* The result type of the function tok (unquoted) or word, if pgwire knows it. */
static const FunctionType *
known_function(const Analyser *a, const Token *tok, const char *word)
{
	if (tok != NULL && tok->kind != TOK_IDENT)
		return NULL;
	for (size_t k = 0; k < lengthof(function_types); k++)
	{
		const char *name = function_types[k].name;

		if (tok != NULL ? xl_folded_is(a->w.folded + tok->start, tok->len, name) : strcmp(word, name) == 0)
			return &function_types[k];
	}
	return NULL;
}

/* CURRENT_DATE, CURRENT_TIMESTAMP(3), USER, ... */
static bool
parse_value_function(Analyser *a, size_t *i, const struct ValueFunction *vf, ExprInfo *out)
{
	Shape		s = sl_shape(SH_FUNCTION);

	(*i)++;
	if (vf->precision && xl_word_kind(&a->w, *i, TOK_LPAREN) && !sl_skip_group(&a->w, i))
		return false;
	s.word = vf->name;
	s.fn = known_function(a, NULL, vf->name);
	sl_finish(a, out, &s);
	return true;
}

/* TRIM([BOTH|LEADING|TRAILING] ...): PostgreSQL calls btrim, ltrim or rtrim. */
static bool
parse_trim(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	Shape		s = sl_shape(SH_FUNCTION);

	s.tok = &w->tok[*i];
	s.fn = known_function(a, s.tok, NULL);
	if (xl_word_is(w, *i + 2, "leading"))
		s.word = "ltrim";
	else if (xl_word_is(w, *i + 2, "trailing"))
		s.word = "rtrim";
	else
		s.word = "btrim";
	(*i)++;
	if (!sl_skip_group(w, i))
		return false;
	sl_finish(a, out, &s);
	return true;
}

/* EXISTS (...), ARRAY[...], ARRAY(...), ROW(...) */
static bool
constructor_at(const XlWords *w, size_t i, ShapeKind *kind)
{
	bool		paren = xl_word_kind(w, i + 1, TOK_LPAREN);

	if (xl_word_is(w, i, "exists") && paren)
		*kind = SH_EXISTS;
	else if (xl_word_is(w, i, "array") && (paren || xl_word_kind(w, i + 1, TOK_LBRACKET)))
		*kind = SH_ARRAY;
	else if (xl_word_is(w, i, "row") && paren)
		*kind = SH_ROW;
	else
		return false;
	return true;
}

/* The common type of the arguments in open..close, 0 if any is unknown. */
static uint32_t
arguments_type(Analyser *a, size_t open, size_t close)
{
	TypeMerge	m;
	size_t		j = open + 1;

	memset(&m, 0, sizeof(m));
	while (j < close)
	{
		ExprInfo	e;

		if (!sl_parse_expr(a, &j, PREC_NONE, &e))
			return 0;
		sl_merge_type(&m, &e);
		if (xl_word_kind(&a->w, j, TOK_COMMA))
			j++;
		else if (j != close)
			return 0;
	}
	return sl_merged_type(&m);
}

size_t
xl_skip_call_suffixes(const XlWords *w, size_t j)
{
	size_t		k = j + 2;

	if (xl_word_is(w, j, "within") && xl_word_is(w, j + 1, "group") && sl_skip_group(w, &k))
		j = k;
	k = j + 1;
	if (xl_word_is(w, j, "filter") && sl_skip_group(w, &k))
		j = k;
	k = j + 1;
	if (xl_word_is(w, j, "over"))
	{
		if (sl_skip_group(w, &k))
			j = k;
		else if (xl_word_is_name(w, k) && !xl_word_has_class(w, k, KW_NOT_OPERAND))
			j = k + 1;			/* a window name, never a reserved word */
	}
	return j;
}

/* name(...) where the name's words are first..last and *i is at '(' */
static bool
parse_call(Analyser *a, size_t *i, size_t first, size_t last, ExprInfo *out)
{
	const XlWords *w = &a->w;
	size_t		close = xl_matching_close(w, *i);
	Shape		s = sl_shape(SH_FUNCTION);

	if (close == NO_MATCH)
		return false;
	s.tok = &w->tok[last];
	if (last == first || (last == first + 2 && xl_word_is(w, first, "pg_catalog")))
		s.fn = known_function(a, s.tok, NULL);
	if (s.fn != NULL && s.fn->result != FR_FIXED)
		s.oid = arguments_type(a, *i, close);
	*i = xl_skip_call_suffixes(w, close + 1);
	sl_finish(a, out, &s);
	return true;
}

/* A column reference a.b.c or t.*, or a function call [schema.]f(...). */
static bool
parse_name(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	size_t		first = *i;
	size_t		last = *i;
	Shape		s = sl_shape(SH_COLUMN);

	if (!xl_word_is_name(w, first))
		return false;
	(*i)++;
	while (xl_word_kind(w, *i, TOK_DOT))
	{
		if (xl_word_is_name(w, *i + 1))
		{
			last = *i + 1;
			*i += 2;
		}
		else if (xl_word_is_op(w, *i + 1, '*'))
		{
			s.kind = SH_STAR;
			*i += 2;
			break;
		}
		else
			return false;
	}
	if (s.kind == SH_COLUMN && xl_word_kind(w, *i, TOK_LPAREN))
		return parse_call(a, i, first, last, out);
	s.tok = &w->tok[last];
	sl_finish(a, out, &s);
	return true;
}

/* An operand beginning with an identifier or keyword. */
static bool
parse_word(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	const struct ValueFunction *vf;
	ShapeKind	kind;
	Shape		s;

	if (xl_word_has_class(w, *i, KW_NOT_OPERAND))
		return false;
	if (xl_word_is(w, *i, "true") || xl_word_is(w, *i, "false") || xl_word_is(w, *i, "null"))
	{
		s = sl_shape(xl_word_is(w, *i, "null") ? SH_NULL : SH_BOOL);
		(*i)++;
		sl_finish(a, out, &s);
		return true;
	}
	if (xl_word_is(w, *i, "case"))
		return parse_case(a, i, out);
	if (xl_word_is(w, *i, "cast"))
		return parse_cast(a, i, out);
	if (constructor_at(w, *i, &kind))
	{
		s = sl_shape(kind);
		(*i)++;
		if (!sl_skip_group(w, i))
			return false;
		sl_finish(a, out, &s);
		return true;
	}
	if (xl_word_is(w, *i, "trim") && xl_word_kind(w, *i + 1, TOK_LPAREN))
		return parse_trim(a, i, out);
	if ((xl_word_is(w, *i, "treat") && xl_word_kind(w, *i + 1, TOK_LPAREN)) ||
		(xl_word_is(w, *i, "collation") && xl_word_is(w, *i + 1, "for")))
		return false;			/* named after their argument's type: not followed */
	if ((vf = value_function_at(w, *i)) != NULL)
		return parse_value_function(a, i, vf, out);
	if (parse_typed_literal(a, i, out))
		return true;
	return parse_name(a, i, out);
}

static bool
parse_primary(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	Shape		s;

	if (*i >= w->n)
		return false;
	switch (w->tok[*i].kind)
	{
		case TOK_INTEGER:
			s = sl_shape(SH_INTEGER);
			s.tok = &w->tok[*i];
			break;
		case TOK_NUMERIC:
			s = sl_shape(SH_NUMBER);
			break;
		case TOK_PARAM:
			s = sl_shape(SH_PARAM);
			break;
		case TOK_STRING:
		case TOK_DOLLAR_STRING:
			return parse_string(a, i, out);
		case TOK_LPAREN:
			return parse_paren(a, i, out);
		case TOK_IDENT:
		case TOK_QIDENT:
			return parse_word(a, i, out);
		default:
			return false;
	}
	(*i)++;
	sl_finish(a, out, &s);
	return true;
}

/* ::type, [subscript], .field after an operand */
static bool
parse_postfix(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;

	for (;;)
	{
		ExprInfo	arg = *out;
		XlTypeName	t;
		Shape		s = sl_shape(SH_INDIRECTION);

		if (xl_word_kind(w, *i, TOK_TYPECAST))
		{
			(*i)++;
			if (!sl_parse_type(a, i, &t))
				return false;
			s = sl_cast_shape(&t, &arg);
		}
		else if (xl_word_kind(w, *i, TOK_LBRACKET))
		{
			if (!sl_skip_group(w, i))
				return false;
		}
		else if (xl_word_kind(w, *i, TOK_DOT) && xl_word_is_name(w, *i + 1))
		{
			s.tok = &w->tok[*i + 1];
			*i += 2;
		}
		else
			return !xl_word_kind(w, *i, TOK_DOT);	/* (x).* is not followed */
		s.arg = &arg;
		sl_finish(a, out, &s);
	}
}

static bool
parse_prefix(Analyser *a, size_t *i, OpKind op, ExprInfo *out)
{
	size_t		at = *i;
	ExprInfo	arg;
	Shape		s = sl_shape(SH_PREFIX);
	int			prec = sl_op_precedence(op);

	(*i)++;
	if (!sl_parse_expr(a, i, (op == OP_OTHER || op == OP_DISTANCE) ? prec + 1 : prec, &arg))
		return false;
	if (op == OP_MINUS && arg.kind == SH_INTEGER && arg.tok == &a->w.tok[at + 1])
	{
		/* -2147483648 is one int4 constant, as the grammar folds it */
		s = sl_shape(SH_INTEGER);
		s.tok = arg.tok;
		s.negative = true;
	}
	s.op = op;
	s.arg = &arg;
	sl_finish(a, out, &s);
	return true;
}

static bool
parse_operand(Analyser *a, size_t *i, ExprInfo *out)
{
	OpKind		op;

	if (sl_prefix_op_at(&a->w, *i, &op))
		return parse_prefix(a, i, op, out);
	return parse_primary(a, i, out) && parse_postfix(a, i, out);
}

/* An expression whose operators bind at least as tightly as min_prec. */
bool
sl_parse_expr(Analyser *a, size_t *i, int min_prec, ExprInfo *out)
{
	bool		ok;

	if (a->nesting >= MAX_NESTING)
		return false;
	a->nesting++;
	ok = parse_operand(a, i, out);
	while (ok)
	{
		OpKind		op;

		if (!sl_binary_op_at(&a->w, *i, &op) || sl_op_precedence(op) < min_prec)
			break;
		ok = sl_parse_binary(a, i, op, out);
	}
	a->nesting--;
	return ok;
}
