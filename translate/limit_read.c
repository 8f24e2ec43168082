/*
 * limit_read.c
 *		Reading row limits: LIMIT, OFFSET and FETCH FIRST clauses in any
 *		order, and their values (constants folded as PostgreSQL folds them,
 *		parameters, expressions), with PostgreSQL's errors for what it
 *		rejects.
 *
 * Owns the limit rule's errors too: the first one in word order is raised
 * when the rewriter reaches its word.
 */
#include "translate/limit_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Words that end a row count or offset expression at its own depth. */
static const char *const value_end_words[] = {
	"limit", "offset", "fetch", "for", "on", "returning", "with", "union", "intersect",
	"except", "order", "window", "row", "rows", "into", NULL
};

static const char *const limit_words[] = {"limit", "offset", "fetch", NULL};

/* ---- small helpers ---- */

bool
lim_after_dot(const XlWords *w, size_t i)
{
	return i > 0 && w->tok[i - 1].kind == TOK_DOT;
}

/* Is word i the unquoted keyword kw, not a qualified name's field (t.limit)? */
bool
lim_keyword_at(const XlWords *w, size_t i, const char *kw)
{
	return xl_word_is(w, i, kw) && !lim_after_dot(w, i);
}

bool
lim_keyword_in(const XlWords *w, size_t i, const char *const *kws)
{
	return xl_word_in(w, i, kws) && !lim_after_dot(w, i);
}

/* LIMIT, OFFSET or FETCH as a clause (not t.limit, not AS limit). */
bool
lim_limit_keyword_at(const XlWords *w, size_t i)
{
	/* all three end a target list: the class rejects other words at once */
	return xl_word_has_class(w, i, KW_ENDS_TARGET_LIST) && lim_keyword_in(w, i, limit_words) &&
		!(i > 0 && xl_word_is(w, i - 1, "as"));
}

/* The word closing the group opened at word i, or NO_WORD. */
uint32_t
lim_closing(const Limits *s, size_t i)
{
	return i < s->w.n ? s->match[i] : NO_WORD;
}

/* Grow *array (of *cap elements of size) to hold one more; false on out of memory. */
bool
lim_grow(void **array, size_t *cap, size_t count, size_t size)
{
	size_t		n;
	void	   *p;

	if (count < *cap)
		return true;
	n = *cap == 0 ? 8 : *cap * 2;
	if ((p = realloc(*array, n * size)) == NULL)
		return false;
	*array = p;
	*cap = n;
	return true;
}

/* ---- errors: the first one in word order is raised when its word comes ---- */

static void
keep_error(Limits *s, uint32_t raise_at, const PgError *err)
{
	if (raise_at < s->error_word)
	{
		s->error_word = raise_at;
		s->error = *err;
	}
}

static void
set_position(const Limits *s, PgError *err, size_t word)
{
	xl_set_position(&s->w, err, word);
}

/* The dialect as refusals name it: "SQLite", "IRIS". */
const char *
lim_dialect_name(const Limits *s)
{
	return s->dialect == DIALECT_SQLITE ? "SQLite" : "IRIS";
}

/* Why a statement is limited with TOP, as refusals of what TOP cannot say name it. */
const char *
lim_top_style_name(const Limits *s)
{
	if (s->env.ctx->iris_top_only)
		return "IRIS before 2025.1 (TOP only)";
	return "IRIS in a statement that needs TOP for ORDER BY in a subquery";
}

/* 0A000 "<what> is not supported by <by>" at word at, raised at raise_at. */
void
PGW_PRINTF(5, 6)
lim_refuse_by(Limits *s, const char *by, uint32_t raise_at, size_t at, const char *fmt,...)
{
	PgError		err;
	va_list		ap;

	pgerr_clear(&err);
	va_start(ap, fmt);
	xl_refusev(&err, &s->w, at, by, NULL, fmt, ap);
	va_end(ap);
	keep_error(s, raise_at, &err);
}

/* PostgreSQL's own error for the clauses beginning at raise_at (position at word at). */
static void
reject(Limits *s, uint32_t raise_at, size_t at, const char *sqlstate, const char *msg)
{
	PgError		err;

	pgerr_clear(&err);
	pgerr_set(&err, sqlstate, "%s", msg);
	if (at != NO_WORD)
		set_position(s, &err, at);
	keep_error(s, raise_at, &err);
}

/* 42601 syntax error at or near word at. */
static void
syntax_error(Limits *s, uint32_t raise_at, size_t at)
{
	PgError		err;
	size_t		end = s->env.stmt->offset + s->env.stmt->len;

	pgerr_clear(&err);
	if (at < s->w.n)
		(void) xl_error_near(&err, s->w.query, end, s->w.tok[at].start,
							 xl_token_end(&s->w.tok[at]), "syntax error");
	else
		(void) xl_error_near(&err, s->w.query, end, end, end, "syntax error");
	keep_error(s, raise_at, &err);
}

/* ---- reading row counts and offsets ---- */

/* The end of the expression starting at word j: the first word at its depth that ends it. */
static size_t
value_end(const Limits *s, size_t j)
{
	const XlWords *w = &s->w;

	while (j < w->n)
	{
		TokenKind	k = w->tok[j].kind;
		uint32_t	close;

		if (k == TOK_LPAREN || k == TOK_LBRACKET || xl_word_is(w, j, "case"))
		{
			if ((close = lim_closing(s, j)) == NO_WORD)
				return w->n;
			j = close + 1;
			continue;
		}
		if (k == TOK_RPAREN || k == TOK_RBRACKET || k == TOK_COMMA || k == TOK_SEMICOLON ||
			lim_keyword_in(w, j, value_end_words))
			break;
		j++;
	}
	return j;
}

/* Is the unsigned integer token at word j written as plain decimal digits? */
static bool
plain_integer(const XlWords *w, size_t j)
{
	const Token *t = &w->tok[j];

	if (t->kind != TOK_INTEGER)
		return false;
	for (size_t k = 0; k < t->len; k++)
	{
		if (w->query[t->start + k] < '0' || w->query[t->start + k] > '9')
			return false;
	}
	return true;
}

/* Has b failed? Then err says out of memory. */
static bool
out_of_memory(const Buf *b, PgError *err)
{
	if (!buf_failed(b))
		return false;
	pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return true;
}

/* The PostgreSQL text of the number at word j, with its sign; false with err set. */
static bool
number_text(Limits *s, size_t j, bool negative, Buf *out, PgError *err)
{
	const Token *t = &s->w.tok[j];
	const char *text = s->w.query + t->start;
	uint32_t	type;

	buf_append_str(out, negative ? "-" : "");
	if (t->kind == TOK_INTEGER)
		return xl_integer_literal(text, t->len, out, &type, err);
	return xl_numeric_literal(text, t->len, &s->scratch[1], out, err);
}

/*
 * Fold the constant at word j (a number with an optional sign before it,
 * or a string) to bigint, as PostgreSQL coerces a LIMIT or OFFSET value.
 */
static bool
fold_constant(Limits *s, size_t j, bool negative, LimitValue *v, PgError *err)
{
	static const XlType int8_type = {INT8OID, -1, -1, 0};
	const Token *t = &s->w.tok[j];
	Buf		   *text = &s->scratch[0];
	Buf			folded;
	XlClock		clock;
	bool		ok;

	buf_reset(text);
	buf_init(&folded);
	if (t->kind == TOK_STRING || t->kind == TOK_DOLLAR_STRING)
		ok = xl_string_value(s->w.query, t, text, err);
	else
		ok = number_text(s, j, negative, text, err);
	ok = ok && !out_of_memory(text, err);
	if (ok && (t->kind == TOK_STRING || t->kind == TOK_DOLLAR_STRING))
		ok = xl_value_input(&int8_type, text->data ? text->data : "", &folded, &clock, err);
	else if (ok)
		ok = xl_value_cast(NUMERICOID, &int8_type, text->data, &folded, &clock, err);
	ok = ok && !out_of_memory(&folded, err);
	if (ok)
		v->value = strtoll(folded.data, NULL, 10);
	else if (err->position == 0)
		set_position(s, err, j);
	buf_free(&folded);
	v->kind = VAL_CONST;
	v->plain = ok && !negative && plain_integer(&s->w, j);
	return ok;
}

/* Is words [from, to) $n cast to an integer type ($1::int8)? */
static bool
integer_param(Limits *s, size_t from, size_t to)
{
	XlWords		w = s->w;
	XlTypeName	t;
	size_t		j = from + 2;
	uint32_t	oid;

	w.n = to;
	if (to - from < 3 || !xl_word_kind(&w, from + 1, TOK_TYPECAST) ||
		!xl_parse_type_name(&w, &j, &t) || j != to || t.is_array)
		return false;
	buf_reset(&s->scratch[0]);
	oid = xl_type_name_oid(&w, &t, &s->scratch[0]);
	return oid == INT2OID || oid == INT4OID || oid == INT8OID;
}

/* What words [from, to) are when they are one constant or parameter: VAL_EXPR otherwise. */
static bool
read_simple_value(Limits *s, size_t from, size_t to, LimitValue *v, PgError *err)
{
	const XlWords *w = &s->w;

	v->from = (uint32_t) from;
	v->to = (uint32_t) to;
	v->kind = VAL_EXPR;
	if (to - from == 2 && (xl_word_is_op(w, from, '-') || xl_word_is_op(w, from, '+')) &&
		(xl_word_kind(w, from + 1, TOK_INTEGER) || xl_word_kind(w, from + 1, TOK_NUMERIC)))
		return fold_constant(s, from + 1, xl_word_is_op(w, from, '-'), v, err);
	if (w->tok[from].kind == TOK_PARAM && (to - from == 1 || integer_param(s, from, to)))
		v->kind = VAL_PARAM;
	else if (to - from != 1)
		return true;
	else if (xl_word_is(w, from, "null"))
		v->kind = VAL_ALL;
	else if (xl_word_kind(w, from, TOK_INTEGER) || xl_word_kind(w, from, TOK_NUMERIC) ||
			 xl_word_kind(w, from, TOK_DOLLAR_STRING) ||
			 (xl_word_kind(w, from, TOK_STRING) &&
			  strchr("bBxXnN", w->query[w->tok[from].start]) == NULL))
		return fold_constant(s, from, false, v, err);
	return true;
}

/*
 * What words [from, to), the value of a LIMIT, OFFSET or FETCH, are: a
 * constant or parameter (in parentheses or not), or an expression, kept
 * whole ((SELECT ...) keeps its parentheses).
 */
static bool
read_value(Limits *s, size_t from, size_t to, LimitValue *v, PgError *err)
{
	size_t		inner_from = from;
	size_t		inner_to = to;

	while (inner_to - inner_from >= 3 && s->w.tok[inner_from].kind == TOK_LPAREN &&
		   lim_closing(s, inner_from) == inner_to - 1)
	{
		inner_from++;
		inner_to--;
	}
	if (!read_simple_value(s, inner_from, inner_to, v, err))
		return false;
	if (v->kind == VAL_EXPR)
	{
		v->from = (uint32_t) from;
		v->to = (uint32_t) to;
	}
	return true;
}

/* Does the value change anything (a count or an offset other than none, ALL, NULL, 0)? */
bool
lim_count_effective(const LimitValue *v)
{
	return v->kind == VAL_CONST || v->kind == VAL_PARAM || v->kind == VAL_EXPR;
}

bool
lim_offset_effective(const LimitValue *v)
{
	return v->kind == VAL_PARAM || v->kind == VAL_EXPR || (v->kind == VAL_CONST && v->value != 0);
}

/* ---- reading the limit clauses ---- */

/* The value after a LIMIT or OFFSET keyword at word k; false on an error (kept). */
static bool
read_clause_value(Limits *s, Group *g, size_t k, size_t *j, LimitValue *v)
{
	size_t		end = value_end(s, *j);
	PgError		err;

	if (end == *j)
	{
		syntax_error(s, g->first, *j);
		return false;
	}
	pgerr_clear(&err);
	if (!read_value(s, *j, end, v, &err))
	{
		keep_error(s, g->first, &err);
		return false;
	}
	v->keyword = (uint32_t) k;
	*j = end;
	return true;
}

static bool
read_limit(Limits *s, Group *g, size_t *j)
{
	size_t		k = *j;

	if (g->count.kind != VAL_NONE)
	{
		reject(s, g->first, k, ERRCODE_SYNTAX_ERROR, "multiple LIMIT clauses not allowed");
		return false;
	}
	(*j)++;
	g->offset_first = g->offset.kind != VAL_NONE;
	if (xl_word_is(&s->w, *j, "all"))
	{
		g->count.kind = VAL_ALL;
		g->count.keyword = (uint32_t) k;
		(*j)++;
		return true;
	}
	if (!read_clause_value(s, g, k, j, &g->count))
		return false;
	if (xl_word_kind(&s->w, *j, TOK_COMMA))
	{
		reject(s, g->first, k, ERRCODE_SYNTAX_ERROR, "LIMIT #,# syntax is not supported");
		if (s->error_word == g->first)
			pgerr_set_hint(&s->error, "Use separate LIMIT and OFFSET clauses.");
		return false;
	}
	return true;
}

static bool
read_offset(Limits *s, Group *g, size_t *j)
{
	size_t		k = *j;

	if (g->offset.kind != VAL_NONE)
	{
		reject(s, g->first, k, ERRCODE_SYNTAX_ERROR, "multiple OFFSET clauses not allowed");
		return false;
	}
	(*j)++;
	if (!read_clause_value(s, g, k, j, &g->offset))
		return false;
	if (xl_word_is(&s->w, *j, "row") || xl_word_is(&s->w, *j, "rows"))
		(*j)++;
	return true;
}

/* FETCH FIRST|NEXT [count] ROW|ROWS ONLY|WITH TIES */
static bool
read_fetch(Limits *s, Group *g, size_t *j)
{
	const XlWords *w = &s->w;
	size_t		k = *j;

	if (g->count.kind != VAL_NONE)
	{
		reject(s, g->first, k, ERRCODE_SYNTAX_ERROR, "multiple LIMIT clauses not allowed");
		return false;
	}
	g->fetch = true;
	g->offset_first = g->offset.kind != VAL_NONE;
	if (!xl_word_is(w, k + 1, "first") && !xl_word_is(w, k + 1, "next"))
	{
		syntax_error(s, g->first, k + 1);
		return false;
	}
	*j = k + 2;
	if (xl_word_is(w, *j, "row") || xl_word_is(w, *j, "rows"))
	{
		g->count.kind = VAL_CONST;	/* FETCH FIRST ROW ONLY: one row */
		g->count.value = 1;
		g->count.keyword = (uint32_t) k;
		g->count.from = g->count.to = (uint32_t) *j;
	}
	else if (!read_clause_value(s, g, k, j, &g->count))
		return false;
	if (!xl_word_is(w, *j, "row") && !xl_word_is(w, *j, "rows"))
	{
		syntax_error(s, g->first, *j);
		return false;
	}
	(*j)++;
	if (xl_word_is(w, *j, "only"))
	{
		(*j)++;
		return true;
	}
	if (xl_word_is(w, *j, "with") && xl_word_is(w, *j + 1, "ties"))
		lim_refuse_by(s, lim_dialect_name(s), g->first, *j, "FETCH FIRST ... WITH TIES");
	else
		syntax_error(s, g->first, *j);
	return false;
}

/* A negative constant count or offset: PostgreSQL's error when the query runs. */
static bool
check_signs(Limits *s, const Group *g)
{
	if (g->count.kind == VAL_CONST && g->count.value < 0)
	{
		reject(s, g->first, NO_WORD, ERRCODE_INVALID_ROW_COUNT_IN_LIMIT_CLAUSE,
			   "LIMIT must not be negative");
		return false;
	}
	if (g->offset.kind == VAL_CONST && g->offset.value < 0)
	{
		reject(s, g->first, NO_WORD, ERRCODE_INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE,
			   "OFFSET must not be negative");
		return false;
	}
	return true;
}

/*
 * Read the limit clauses of level L starting at word i. Clauses with an
 * error leave the error to be raised at their first word and no group.
 */
void
lim_read_group(Limits *s, Level *L, size_t i)
{
	Group		g;
	size_t		j = i;
	bool		ok = true;

	memset(&g, 0, sizeof(g));
	g.first = (uint32_t) i;
	if (L->group != NO_WORD)
	{
		syntax_error(s, g.first, i);	/* LIMIT 1 FOR UPDATE LIMIT 2 */
		ok = false;
	}
	while (ok && j < s->w.n)
	{
		if (lim_keyword_at(&s->w, j, "limit"))
			ok = read_limit(s, &g, &j);
		else if (lim_keyword_at(&s->w, j, "offset"))
			ok = read_offset(s, &g, &j);
		else if (lim_keyword_at(&s->w, j, "fetch"))
			ok = read_fetch(s, &g, &j);
		else
			break;
	}
	L->group_end = (uint32_t) Max(j, i + 1);
	if (!ok || !check_signs(s, &g))
		return;
	g.end = (uint32_t) j;
	if (!lim_grow((void **) &s->groups, &s->groups_cap, s->ngroups, sizeof(Group)))
	{
		s->failed = true;
		return;
	}
	L->group = (uint32_t) s->ngroups;
	s->groups[s->ngroups++] = g;
}
