/*
 * limit.c
 *		The limit rule: PostgreSQL's row limits (LIMIT, OFFSET, FETCH FIRST)
 *		in each dialect's own words.
 *
 * Owns: reading a statement's query levels (the statement's own query and
 * every parenthesized one) for what row limits depend on: the limit
 * clauses, ORDER BY, set operations, the SELECT a TOP would follow;
 * deciding what each becomes per dialect; writing it. SQLite reads
 * LIMIT n OFFSET m (an OFFSET alone needs LIMIT -1), but no parenthesized
 * set-operation leg (one with a limit is written SELECT * FROM (...)) and
 * no limit on VALUES. IRIS reads LIMIT from 2025.1
 * and TOP in every release; it applies a trailing LIMIT to a UNION's last
 * leg, needs TOP for ORDER BY in a subquery, and TOP may not be mixed with
 * LIMIT, so a statement uses one or the other throughout. What no form
 * says faithfully is refused with 0A000; constants PostgreSQL rejects
 * (negative counts, LIMIT #,#) get PostgreSQL's errors. Every pass is
 * linear in the statement; text outside the constructs is never touched.
 */
#include "translate/xl_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERRCODE_INVALID_ROW_COUNT_IN_LIMIT_CLAUSE			"2201W"
#define ERRCODE_INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE	"2201X"

#define NO_WORD			XL_NO_WORD
#define NO_EDIT			UINT32_MAX

/* A count no table reaches: IRIS's LIMIT for an OFFSET given alone. */
#define IRIS_ALL_ROWS	"9223372036854775807"
/* SQLite's LIMIT for an OFFSET given alone: a negative count is no limit. */
#define SQLITE_ALL_ROWS	"-1"

/* Words that end a row count or offset expression at its own depth. */
static const char *const value_end_words[] = {
	"limit", "offset", "fetch", "for", "on", "returning", "with", "union", "intersect",
	"except", "order", "window", "row", "rows", "into", NULL
};

static const char *const set_operation_words[] = {"union", "intersect", "except", NULL};

/* Words after a parenthesized query that make it one leg of a longer query. */
static const char *const leg_follow_words[] = {
	"union", "intersect", "except", "order", "limit", "offset", "fetch", NULL
};

static const char *const limit_words[] = {"limit", "offset", "fetch", NULL};

/* ---- what the clauses say ---- */

typedef enum ValueKind
{
	VAL_NONE,					/* not given */
	VAL_ALL,					/* LIMIT ALL, LIMIT NULL, OFFSET NULL: no effect */
	VAL_CONST,					/* a constant, folded to its bigint value */
	VAL_PARAM,					/* $n, perhaps cast to an integer type */
	VAL_EXPR					/* any other expression */
} ValueKind;

typedef struct LimitValue
{
	ValueKind	kind;
	uint32_t	keyword;		/* its LIMIT, OFFSET or FETCH */
	uint32_t	from;			/* its words (a constant's or parameter's without */
	uint32_t	to;				/* the parentheses around it) */
	bool		plain;			/* one unsigned decimal integer token */
	int64_t		value;			/* VAL_CONST */
} LimitValue;

/* The limit clauses of one query: LIMIT, OFFSET, FETCH in any order. */
typedef struct Group
{
	uint32_t	first;			/* words [first, end) */
	uint32_t	end;
	LimitValue	count;
	LimitValue	offset;
	bool		fetch;			/* the count came from FETCH FIRST|NEXT */
	bool		offset_first;	/* OFFSET written before the count */
} Group;

/* A query level: the statement's own, or one in parentheses. */
typedef struct Level
{
	uint32_t	open;			/* its '(' (NO_WORD: the statement's own) */
	uint32_t	body;			/* its first SELECT, VALUES, TABLE or leg '(' */
	uint32_t	select;			/* its first SELECT */
	uint32_t	values;			/* its first VALUES or TABLE */
	uint32_t	setop;			/* its first UNION, INTERSECT or EXCEPT */
	uint32_t	order;			/* the ORDER of its ORDER BY */
	uint32_t	group;			/* index of its limit clauses, or NO_WORD */
	uint32_t	group_end;		/* words before this belong to its clauses */
	bool		starts_with_leg;	/* its first word opens a parenthesized leg */
	bool		starts_with_query;	/* its first word opens a parenthesized query */
	bool		limited_leg;	/* a parenthesized leg has limit clauses or ORDER BY */
	bool		top;			/* the outermost query of a SELECT statement */
} Level;

/* A parenthesized leg of a query level, waiting for its level to close. */
typedef struct Leg
{
	uint32_t	level;			/* its level's '(' (NO_WORD: the statement's) */
	uint32_t	open;			/* its own '(' */
} Leg;

/* ---- what is written ---- */

typedef enum EditKind
{
	EDIT_OPEN,					/* text, then the word */
	EDIT_CLOSE,					/* text before the gap before the word, then the word */
	EDIT_TOP,					/* SELECT [ALL | DISTINCT [ON (...)]], then TOP n */
	EDIT_GROUP					/* the limit clauses, rewritten or removed */
} EditKind;

typedef enum GroupForm
{
	FORM_REMOVE,				/* nothing: no effect, or said by TOP */
	FORM_LIMIT					/* LIMIT count [OFFSET start] */
} GroupForm;

typedef struct Edit
{
	EditKind	kind;
	uint32_t	to;				/* EDIT_TOP, EDIT_GROUP: past the words written */
	uint32_t	group;			/* EDIT_TOP, EDIT_GROUP: the clauses, NO_WORD for TOP ALL */
	const char *text[2];		/* EDIT_OPEN: outermost first; EDIT_CLOSE, EDIT_GROUP: closing text */
	GroupForm	form;
} Edit;

/* The rule's state for one statement. */
typedef struct Limits
{
	XlRuleEnv	env;
	XlWords		w;
	SqlDialect	dialect;
	bool		is_select;		/* the statement is a SELECT: its query is outermost */
	uint32_t	top_chain;		/* leading '(' words enclosing the whole statement */
	uint32_t   *match;			/* closing word of each '(', '[' and CASE (2n) */
	uint32_t   *edit_at;		/* edit of each word, or NO_EDIT */
	Level	   *stack;			/* open levels, innermost last */
	size_t		depth;
	size_t		stack_cap;
	Level	   *levels;			/* closed query levels with something to do */
	size_t		nlevels;
	size_t		levels_cap;
	Group	   *groups;
	size_t		ngroups;
	size_t		groups_cap;
	Leg		   *legs;			/* legs of open levels, innermost last */
	size_t		nlegs;
	size_t		legs_cap;
	Edit	   *edits;
	size_t		nedits;
	size_t		edits_cap;
	bool		top_style;		/* IRIS: TOP throughout the statement */
	bool		failed;			/* out of memory */
	uint32_t	guard_from;		/* words being written through the rules */
	uint32_t	guard_to;
	uint32_t	error_word;		/* where the first error is raised, or NO_WORD */
	PgError		error;
	Buf			scratch[2];
} Limits;

/* ---- small helpers ---- */

static bool
after_dot(const XlWords *w, size_t i)
{
	return i > 0 && w->tok[i - 1].kind == TOK_DOT;
}

/* Is word i the unquoted keyword kw, not a qualified name's field (t.limit)? */
static bool
keyword_at(const XlWords *w, size_t i, const char *kw)
{
	return xl_word_is(w, i, kw) && !after_dot(w, i);
}

static bool
keyword_in(const XlWords *w, size_t i, const char *const *kws)
{
	return xl_word_in(w, i, kws) && !after_dot(w, i);
}

/* LIMIT, OFFSET or FETCH as a clause (not t.limit, not AS limit). */
static bool
limit_keyword_at(const XlWords *w, size_t i)
{
	return keyword_in(w, i, limit_words) && !(i > 0 && xl_word_is(w, i - 1, "as"));
}

/* The word closing the group opened at word i, or NO_WORD. */
static uint32_t
closing(const Limits *s, size_t i)
{
	return i < s->w.n ? s->match[i] : NO_WORD;
}

/* Grow *array (of *cap elements of size) to hold one more; false on out of memory. */
static bool
grow(void **array, size_t *cap, size_t count, size_t size)
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
static const char *
dialect_name(const Limits *s)
{
	return s->dialect == DIALECT_SQLITE ? "SQLite" : "IRIS";
}

/* Why a statement is limited with TOP, as refusals of what TOP cannot say name it. */
static const char *
top_style_name(const Limits *s)
{
	if (s->env.ctx->iris_top_only)
		return "IRIS before 2025.1 (TOP only)";
	return "IRIS in a statement that needs TOP for ORDER BY in a subquery";
}

/* 0A000 "<what> is not supported by <by>" at word at, raised at raise_at. */
static void
PGW_PRINTF(5, 6)
refuse_by(Limits *s, const char *by, uint32_t raise_at, size_t at, const char *fmt,...)
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
			if ((close = closing(s, j)) == NO_WORD)
				return w->n;
			j = close + 1;
			continue;
		}
		if (k == TOK_RPAREN || k == TOK_RBRACKET || k == TOK_COMMA || k == TOK_SEMICOLON ||
			keyword_in(w, j, value_end_words))
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
		   closing(s, inner_from) == inner_to - 1)
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
static bool
count_effective(const LimitValue *v)
{
	return v->kind == VAL_CONST || v->kind == VAL_PARAM || v->kind == VAL_EXPR;
}

static bool
offset_effective(const LimitValue *v)
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
		refuse_by(s, dialect_name(s), g->first, *j, "FETCH FIRST ... WITH TIES");
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
static void
read_group(Limits *s, Level *L, size_t i)
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
		if (keyword_at(&s->w, j, "limit"))
			ok = read_limit(s, &g, &j);
		else if (keyword_at(&s->w, j, "offset"))
			ok = read_offset(s, &g, &j);
		else if (keyword_at(&s->w, j, "fetch"))
			ok = read_fetch(s, &g, &j);
		else
			break;
	}
	L->group_end = (uint32_t) Max(j, i + 1);
	if (!ok || !check_signs(s, &g))
		return;
	g.end = (uint32_t) j;
	if (!grow((void **) &s->groups, &s->groups_cap, s->ngroups, sizeof(Group)))
	{
		s->failed = true;
		return;
	}
	L->group = (uint32_t) s->ngroups;
	s->groups[s->ngroups++] = g;
}

/* ---- edits ---- */

static Edit *
add_edit(Limits *s, size_t word, EditKind kind)
{
	Edit	   *e;

	if (s->edit_at[word] != NO_EDIT)
	{
		e = &s->edits[s->edit_at[word]];
		/* two levels open at one word: the outer one's text comes first */
		if (kind == EDIT_OPEN && e->kind == EDIT_OPEN && e->text[1] == NULL)
		{
			e->text[1] = e->text[0];
			return e;
		}
		/* not expected; refused rather than written half */
		refuse_by(s, dialect_name(s), (uint32_t) word, word, "this combination of row limits");
		return NULL;
	}
	if (!grow((void **) &s->edits, &s->edits_cap, s->nedits, sizeof(Edit)))
	{
		s->failed = true;
		return NULL;
	}
	e = &s->edits[s->nedits];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->group = NO_WORD;
	s->edit_at[word] = (uint32_t) s->nedits++;
	return e;
}

/* Write text before word (the outer of two openings comes first). */
static void
add_open(Limits *s, size_t word, const char *text)
{
	Edit	   *e = add_edit(s, word, EDIT_OPEN);

	if (e != NULL)
		e->text[0] = text;
}

static void
add_close(Limits *s, size_t word, const char *text)
{
	Edit	   *e = add_edit(s, word, EDIT_CLOSE);

	if (e != NULL)
		e->text[0] = text;
}

static void
add_group_edit(Limits *s, uint32_t group, GroupForm form, const char *close)
{
	Edit	   *e = add_edit(s, s->groups[group].first, EDIT_GROUP);

	if (e == NULL)
		return;
	e->to = s->groups[group].end;
	e->group = group;
	e->form = form;
	e->text[0] = close;
}

/* TOP after SELECT [ALL | DISTINCT [ON (...)]] at word select. */
static void
add_top(Limits *s, uint32_t select, uint32_t group)
{
	const XlWords *w = &s->w;
	size_t		j = select + 1;
	Edit	   *e;

	if (xl_word_is(w, j, "all"))
		j++;
	else if (xl_word_is(w, j, "distinct"))
	{
		j++;
		if (xl_word_is(w, j, "on") && xl_word_kind(w, j + 1, TOK_LPAREN) &&
			closing(s, j + 1) != NO_WORD)
			j = closing(s, j + 1) + 1;
	}
	if ((e = add_edit(s, select, EDIT_TOP)) == NULL)
		return;
	e->to = (uint32_t) j;
	e->group = group;
}

/* ---- query levels ---- */

static bool
push_level(Limits *s, uint32_t open)
{
	Level	   *L;

	if (!grow((void **) &s->stack, &s->stack_cap, s->depth, sizeof(Level)))
	{
		s->failed = true;
		return false;
	}
	L = &s->stack[s->depth++];
	memset(L, 0, sizeof(*L));
	L->open = open;
	L->body = L->select = L->values = L->setop = L->order = L->group = NO_WORD;
	L->top = s->is_select && (open == NO_WORD || open < s->top_chain);
	return true;
}

/* The first word inside level L. */
static size_t
first_word(const Level *L)
{
	return L->open == NO_WORD ? 0 : L->open + 1;
}

/* Does a set operation (UNION [ALL | DISTINCT]) come right before word i? */
static bool
after_set_operation(const XlWords *w, size_t i)
{
	if (i > 0 && keyword_in(w, i - 1, set_operation_words))
		return true;
	return i > 1 && (xl_word_is(w, i - 1, "all") || xl_word_is(w, i - 1, "distinct")) &&
		keyword_in(w, i - 2, set_operation_words);
}

/* Note what word i, at level L's own depth, tells about L. */
static void
note_word(Limits *s, Level *L, size_t i)
{
	const XlWords *w = &s->w;
	bool		leg_start = i == first_word(L) || after_set_operation(w, i);

	if (after_dot(w, i))
		return;
	if (xl_word_is(w, i, "select"))
	{
		L->select = L->select == NO_WORD ? (uint32_t) i : L->select;
		L->body = L->body == NO_WORD ? (uint32_t) i : L->body;
	}
	else if ((xl_word_is(w, i, "values") && !(i > 0 && xl_word_is(w, i - 1, "default"))) ||
			 (xl_word_is(w, i, "table") && leg_start))
	{
		L->values = L->values == NO_WORD ? (uint32_t) i : L->values;
		L->body = L->body == NO_WORD ? (uint32_t) i : L->body;
	}
	else if (xl_word_in(w, i, set_operation_words))
		L->setop = L->setop == NO_WORD ? (uint32_t) i : L->setop;
	else if (xl_word_is(w, i, "order") && xl_word_is(w, i + 1, "by"))
		L->order = (uint32_t) i;
	else if (i >= L->group_end && limit_keyword_at(w, i))
		read_group(s, L, i);
}

/* Is the level closed at word close (or the statement's) a query? */
static bool
is_query(const Limits *s, const Level *L, size_t close)
{
	const XlWords *w = &s->w;
	size_t		first = first_word(L);

	if (xl_word_is(w, first, "select") || xl_word_is(w, first, "values") ||
		xl_word_is(w, first, "table") || xl_word_is(w, first, "with"))
		return true;
	if (L->starts_with_leg || L->open == NO_WORD)
		return L->body != NO_WORD;
	return L->starts_with_query && closing(s, first) == close - 1;
}

/*
 * Is the parenthesized query C (closed at word close) one leg of its
 * parent P: a set operation's operand, or the whole query that ORDER BY,
 * LIMIT ... or the statement's end follow?
 */
static bool
is_leg(const Limits *s, const Level *P, const Level *C, size_t close)
{
	const XlWords *w = &s->w;

	if (after_set_operation(w, C->open))
		return true;
	if (C->open != first_word(P))
		return false;
	return keyword_in(w, close + 1, leg_follow_words) ||
		(P->open == NO_WORD && close + 1 == w->n);
}

/* Keep a closed query level that has limit clauses or an ORDER BY for planning. */
static void
record_level(Limits *s, const Level *L)
{
	if (L->group == NO_WORD && (L->order == NO_WORD || s->dialect != DIALECT_IRIS))
		return;
	if (!grow((void **) &s->levels, &s->levels_cap, s->nlevels, sizeof(Level)))
	{
		s->failed = true;
		return;
	}
	s->levels[s->nlevels++] = *L;
}

static void
add_leg(Limits *s, const Level *P, const Level *C)
{
	if (!grow((void **) &s->legs, &s->legs_cap, s->nlegs, sizeof(Leg)))
	{
		s->failed = true;
		return;
	}
	s->legs[s->nlegs].level = P->open;
	s->legs[s->nlegs++].open = C->open;
}

/*
 * Level L closes: SQLite reads no parenthesized leg, so when a row limit
 * is why L's legs are parenthesized (L's own, or one inside a leg), each
 * leg becomes SELECT * FROM (...). Other legs are not this rule's.
 */
static void
close_legs(Limits *s, const Level *L)
{
	bool		wrap = s->dialect == DIALECT_SQLITE &&
		(L->group != NO_WORD || L->limited_leg);

	while (s->nlegs > 0 && s->legs[s->nlegs - 1].level == L->open)
	{
		s->nlegs--;
		if (wrap)
			add_open(s, s->legs[s->nlegs].open, "SELECT * FROM ");
	}
}

/* Level C closes at word close: tell its parent, keep it if it is a query. */
static void
pop_level(Limits *s, size_t close)
{
	Level		C = s->stack[--s->depth];
	Level	   *P = &s->stack[s->depth - 1];

	close_legs(s, &C);
	if (!is_query(s, &C, close))
		return;
	if (C.open == first_word(P))
		P->starts_with_query = true;
	if (is_leg(s, P, &C, close))
	{
		if (C.open == first_word(P))
			P->starts_with_leg = true;
		if (P->body == NO_WORD)
			P->body = C.open;
		if (C.group != NO_WORD || C.order != NO_WORD)
			P->limited_leg = true;
		add_leg(s, P, &C);
	}
	record_level(s, &C);
}

/* One pass over the statement: its query levels and their clauses. */
static bool
read_levels(Limits *s)
{
	const XlWords *w = &s->w;

	if (!push_level(s, NO_WORD))
		return false;
	for (size_t i = 0; i < w->n && !s->failed; i++)
	{
		switch (w->tok[i].kind)
		{
			case TOK_LPAREN:
				(void) push_level(s, (uint32_t) i);
				break;
			case TOK_RPAREN:
				if (s->depth > 1)
					pop_level(s, i);
				break;
			case TOK_IDENT:
				note_word(s, &s->stack[s->depth - 1], i);
				break;
			default:
				break;
		}
	}
	while (s->depth > 1 && !s->failed)
		pop_level(s, w->n);		/* an unclosed '(' */
	close_legs(s, &s->stack[0]);
	if (!s->failed && is_query(s, &s->stack[0], w->n))
		record_level(s, &s->stack[0]);
	return !s->failed;
}

/* ---- deciding: SQLite ---- */

/*
 * Can SQLite read the clauses as written: LIMIT n [OFFSET m] with integer
 * literals (a value computed at run time may be NULL: see write_value)?
 */
static bool
sqlite_reads_as_written(const Group *g)
{
	const LimitValue *c = &g->count;
	const LimitValue *o = &g->offset;

	if (g->fetch || g->offset_first || !(c->kind == VAL_CONST && c->plain))
		return false;
	/* OFFSET m ROWS: the value must end the clauses */
	return o->kind == VAL_NONE || (o->kind == VAL_CONST && o->plain && o->to == g->end);
}

/*
 * SQLite: the clauses as LIMIT n OFFSET m; a VALUES query with a limit in
 * SELECT * FROM (...), as SQLite takes no ORDER BY or LIMIT after VALUES.
 */
static void
plan_sqlite(Limits *s, const Level *L)
{
	const Group *g = &s->groups[L->group];
	bool		effective = count_effective(&g->count) || offset_effective(&g->offset);
	const char *close = NULL;

	if (L->values != NO_WORD && (effective || L->order != NO_WORD))
	{
		add_open(s, L->body, "SELECT * FROM (");
		if (L->order != NO_WORD)
			add_close(s, L->order, ")");
		else
			close = ")";
	}
	if (!effective)
		add_group_edit(s, L->group, FORM_REMOVE, close);
	else if (close != NULL || !sqlite_reads_as_written(g))
		add_group_edit(s, L->group, FORM_LIMIT, close);
}

/* ---- deciding: IRIS ---- */

/* Does the level's query begin with its one SELECT, where a TOP can go? */
static bool
takes_top(const Level *L)
{
	return L->select != NO_WORD && L->body == L->select && L->setop == NO_WORD;
}

/* ORDER BY in a subquery (or a view, or INSERT ... SELECT): IRIS wants TOP there. */
static bool
needs_top(const Level *L)
{
	return !L->top && L->order != NO_WORD && takes_top(L);
}

/* Is v one integer literal or $n, right after its keyword, as IRIS reads it? */
static bool
iris_reads_value(const LimitValue *v)
{
	return ((v->kind == VAL_CONST && v->plain) || v->kind == VAL_PARAM) &&
		v->from == v->keyword + 1 && v->to == v->from + 1;
}

/* Can IRIS read the clauses as written: LIMIT n [OFFSET m [ROWS]]? */
static bool
iris_reads_as_written(const Group *g)
{
	if (g->fetch || g->offset_first || !iris_reads_value(&g->count))
		return false;
	return g->offset.kind == VAL_NONE || iris_reads_value(&g->offset);
}

/* IRIS takes literals and ? in LIMIT, OFFSET and TOP, no other expression. */
static bool
iris_values_ok(Limits *s, const Group *g)
{
	if (g->count.kind == VAL_EXPR)
	{
		refuse_by(s, dialect_name(s), g->first, g->count.from, "a row count that is an expression");
		return false;
	}
	if (g->offset.kind == VAL_EXPR)
	{
		refuse_by(s, dialect_name(s), g->first, g->offset.from, "an OFFSET that is an expression");
		return false;
	}
	return true;
}

/* What a level's query is, for refusals: "UNION, INTERSECT or EXCEPT", "VALUES" ... */
static const char *
query_shape(const Level *L)
{
	if (L->setop != NO_WORD)
		return "UNION, INTERSECT or EXCEPT";
	if (L->values != NO_WORD)
		return "VALUES or TABLE";
	return "a parenthesized query";
}

/* The statement uses TOP: the level's limit becomes SELECT TOP n. */
static void
plan_iris_top(Limits *s, const Level *L)
{
	const Group *g = L->group != NO_WORD ? &s->groups[L->group] : NULL;
	bool		counted = g != NULL && count_effective(&g->count);

	if (g != NULL && (counted || offset_effective(&g->offset)))
	{
		if (!takes_top(L))
		{
			refuse_by(s, top_style_name(s), g->first, g->first, "a row limit on %s",
					  query_shape(L));
			return;
		}
		if (!iris_values_ok(s, g))
			return;
		if (offset_effective(&g->offset))
		{
			refuse_by(s, top_style_name(s), g->first, g->offset.keyword, "OFFSET");
			return;
		}
	}
	if (counted)
		add_top(s, L->select, L->group);
	else if (needs_top(L))
		add_top(s, L->select, NO_WORD);
	if (g != NULL)
		add_group_edit(s, L->group, FORM_REMOVE, NULL);
}

/*
 * The statement uses LIMIT: clauses IRIS cannot read as written become
 * LIMIT n OFFSET m, and a set operation whose limit IRIS would give its
 * last leg is parenthesized, so the limit applies to the whole.
 */
static void
plan_iris_limit(Limits *s, const Level *L)
{
	const Group *g;
	bool		wrap;

	if (L->group == NO_WORD)
		return;
	g = &s->groups[L->group];
	if (!count_effective(&g->count) && !offset_effective(&g->offset))
	{
		add_group_edit(s, L->group, FORM_REMOVE, NULL);
		return;
	}
	if (!iris_values_ok(s, g))
		return;
	wrap = L->setop != NO_WORD && L->order == NO_WORD;
	if (wrap && L->body != first_word(L))
	{
		/* "INSERT INTO t (SELECT ...": the parenthesis would change the statement */
		refuse_by(s, dialect_name(s), g->first, g->first,
				  "a row limit on UNION, INTERSECT or EXCEPT after %.*s",
				  (int) s->w.tok[first_word(L)].len, s->w.query + s->w.tok[first_word(L)].start);
		return;
	}
	if (wrap)
		add_open(s, L->body, "(");
	if (wrap || !iris_reads_as_written(g))
		add_group_edit(s, L->group, FORM_LIMIT, wrap ? ")" : NULL);
}

static void
plan_iris(Limits *s, const Level *L)
{
	const Group *g = L->group != NO_WORD ? &s->groups[L->group] : NULL;

	if (g != NULL && !L->top && L->order != NO_WORD && !takes_top(L) &&
		(count_effective(&g->count) || offset_effective(&g->offset)))
	{
		refuse_by(s, dialect_name(s), g->first, g->first,
				  "a row limit after ORDER BY in a subquery of %s", query_shape(L));
		return;
	}
	if (s->top_style)
		plan_iris_top(s, L);
	else
		plan_iris_limit(s, L);
}

/* A nearest-neighbour search IRIS's HNSW index serves only under TOP (vector_operators.c). */
static bool
hnsw_shape(const Limits *s, const Level *L)
{
	size_t		op;
	size_t		asc;

	return L->order != NO_WORD && takes_top(L) && xl_vector_top_order(&s->w, L->order, &op, &asc);
}

/* Decide every kept level's text. IRIS: TOP throughout if any level needs it. */
static void
plan_levels(Limits *s)
{
	s->top_style = s->env.ctx->iris_top_only;
	for (size_t k = 0; k < s->nlevels && s->dialect == DIALECT_IRIS; k++)
		s->top_style = s->top_style || needs_top(&s->levels[k]) || hnsw_shape(s, &s->levels[k]);
	for (size_t k = 0; k < s->nlevels && !s->failed; k++)
	{
		if (s->dialect == DIALECT_SQLITE)
			plan_sqlite(s, &s->levels[k]);
		else
			plan_iris(s, &s->levels[k]);
	}
}

/* ---- writing ---- */

/* Write words [from, to) through every rule but this one. */
static bool
write_through(Limits *s, size_t from, size_t to, PgError *err)
{
	bool		ok;

	s->guard_from = (uint32_t) from;
	s->guard_to = (uint32_t) to;
	ok = s->env.write_words(s->env.rewriter, from, to, err);
	s->guard_from = s->guard_to = NO_WORD;
	return ok;
}

/*
 * The length of the gap before word i when it is whitespace only and the
 * output ends with it (0 otherwise), so text can go before it.
 */
static size_t
trailing_gap(const Limits *s, size_t i)
{
	const Buf  *out = s->env.out;
	size_t		start;
	size_t		len;

	if (i == 0 || buf_failed(out))
		return 0;
	start = xl_token_end(&s->w.tok[i - 1]);
	len = s->w.tok[i].start - start;
	for (size_t k = start; k < start + len; k++)
	{
		if (!xl_is_space(s->w.query[k]))
			return 0;
	}
	if (out->len < len || memcmp(out->data + out->len - len, s->w.query + start, len) != 0)
		return 0;
	return len;
}

static void
drop_gap(Limits *s, size_t gap)
{
	Buf		   *out = s->env.out;

	if (gap == 0)
		return;
	out->len -= gap;
	out->data[out->len] = '\0';
}

/* Write text right after the word before word i, keeping the gap between. */
static void
insert_before_gap(Limits *s, size_t i, const char *text)
{
	size_t		gap = trailing_gap(s, i);

	drop_gap(s, gap);
	buf_append_str(s->env.out, text);
	if (gap > 0)
		buf_append(s->env.out, s->w.query + xl_token_end(&s->w.tok[i - 1]), gap);
	else
		buf_append_byte(s->env.out, ' ');
}

/*
 * A value computed when the query runs, in SQLite: NULL means no limit
 * (or no offset) in PostgreSQL but is an error in SQLite, so it becomes
 * coalesce(value, if_null).
 */
static bool
write_sqlite_runtime_value(Limits *s, const LimitValue *v, const char *if_null, PgError *err)
{
	buf_append_str(s->env.out, "coalesce(");
	if (!s->env.write_words(s->env.rewriter, v->from, v->to, err))
		return false;
	buf_appendf(s->env.out, ", %s)", if_null);
	return true;
}

/*
 * A count or offset: the folded constant, the parameter or the expression
 * (IRIS: $n alone, its integer cast dropped), or all_rows for no count.
 */
static bool
write_value(Limits *s, const LimitValue *v, const char *all_rows, const char *if_null,
			PgError *err)
{
	switch (v->kind)
	{
		case VAL_CONST:
			buf_appendf(s->env.out, "%lld", (long long) v->value);
			return true;
		case VAL_PARAM:
		case VAL_EXPR:
			if (s->dialect == DIALECT_SQLITE)
				return write_sqlite_runtime_value(s, v, if_null, err);
			return s->env.write_words(s->env.rewriter, v->from, v->from + 1, err);
		case VAL_NONE:
		case VAL_ALL:
			buf_append_str(s->env.out, all_rows);
			return true;
	}
	return true;
}

/* LIMIT count [OFFSET start] */
static bool
write_limit(Limits *s, const Group *g, PgError *err)
{
	const char *all_rows = s->dialect == DIALECT_IRIS ? IRIS_ALL_ROWS : SQLITE_ALL_ROWS;

	buf_append_str(s->env.out, "LIMIT ");
	if (!write_value(s, &g->count, all_rows, SQLITE_ALL_ROWS, err))
		return false;
	if (!offset_effective(&g->offset))
		return true;
	buf_append_str(s->env.out, " OFFSET ");
	return write_value(s, &g->offset, all_rows, "0", err);
}

static bool
write_group(Limits *s, size_t i, const Edit *e, PgError *err)
{
	if (e->text[0] != NULL)
		insert_before_gap(s, i, e->text[0]);
	if (e->form == FORM_REMOVE)
	{
		drop_gap(s, trailing_gap(s, i));
		return true;
	}
	return write_limit(s, &s->groups[e->group], err);
}

/* SELECT [DISTINCT], then TOP ((n)), TOP ? or TOP ALL. */
static bool
write_top(Limits *s, size_t i, const Edit *e, PgError *err)
{
	const LimitValue *c = e->group != NO_WORD ? &s->groups[e->group].count : NULL;

	if (!write_through(s, i, e->to, err))
		return false;
	buf_append_str(s->env.out, " TOP ");
	if (c == NULL)
		buf_append_str(s->env.out, "ALL");
	else if (c->kind == VAL_CONST)
		buf_appendf(s->env.out, "((%lld))", (long long) c->value);
	else
		return s->env.write_words(s->env.rewriter, c->from, c->from + 1, err);
	return true;
}

static bool
write_edit(Limits *s, size_t i, const Edit *e, PgError *err)
{
	switch (e->kind)
	{
		case EDIT_OPEN:
			buf_append_str(s->env.out, e->text[0]);
			if (e->text[1] != NULL)
				buf_append_str(s->env.out, e->text[1]);
			return write_through(s, i, i + 1, err);
		case EDIT_CLOSE:
			insert_before_gap(s, i, e->text[0]);
			return write_through(s, i, i + 1, err);
		case EDIT_TOP:
			return write_top(s, i, e, err);
		case EDIT_GROUP:
			return write_group(s, i, e, err);
	}
	return true;
}

/* The word after the last one edit e writes. */
static size_t
edit_end(const Edit *e, size_t i)
{
	return (e->kind == EDIT_TOP || e->kind == EDIT_GROUP) ? e->to : i + 1;
}

/* ---- the rule, as the rewriter runs it ---- */

/*
 * Is there a word the rule may have work for: a limit clause, ORDER (IRIS),
 * a set operation or a leading '(' (SQLite)? One quick pass.
 */
static bool
has_work(const XlWords *w, SqlDialect dialect)
{
	if (dialect == DIALECT_SQLITE && xl_word_kind(w, 0, TOK_LPAREN))
		return true;
	for (size_t i = 0; i < w->n; i++)
	{
		if (w->tok[i].kind != TOK_IDENT)
			continue;
		if (limit_keyword_at(w, i) ||
			(dialect == DIALECT_IRIS && keyword_at(w, i, "order")) ||
			(dialect == DIALECT_SQLITE && keyword_in(w, i, set_operation_words)))
			return true;
	}
	return false;
}

static void
limits_free(Limits *s)
{
	free(s->match);
	free(s->edit_at);
	free(s->stack);
	free(s->levels);
	free(s->groups);
	free(s->legs);
	free(s->edits);
	buf_free(&s->scratch[0]);
	buf_free(&s->scratch[1]);
	free(s);
}

/* The number of '(' at the start that each enclose the whole statement. */
static uint32_t
top_chain(const Limits *s)
{
	uint32_t	k = 0;

	while (k < s->w.n / 2 && s->w.tok[k].kind == TOK_LPAREN && s->match[k] == s->w.n - 1 - k)
		k++;
	return k;
}

static bool
limits_init(Limits *s, const XlRuleEnv *env)
{
	s->env = *env;
	s->w = env->w;
	s->dialect = env->ctx->dialect;
	s->is_select = env->stmt->kind == STMT_SELECT;
	s->guard_from = s->guard_to = NO_WORD;
	s->error_word = NO_WORD;
	buf_init(&s->scratch[0]);
	buf_init(&s->scratch[1]);
	s->match = malloc(2 * s->w.n * sizeof(uint32_t));
	s->edit_at = malloc(s->w.n * sizeof(uint32_t));
	if (s->match == NULL || s->edit_at == NULL)
		return false;
	xl_cast_match_groups(&s->w, s->match);
	memset(s->edit_at, 0xff, s->w.n * sizeof(uint32_t));	/* NO_EDIT */
	s->top_chain = top_chain(s);
	return true;
}

static bool
limit_begin(const XlRuleEnv *env, void **state)
{
	SqlDialect	dialect = env->ctx->dialect;
	Limits	   *s;

	if ((dialect != DIALECT_SQLITE && dialect != DIALECT_IRIS) || env->w.n == 0 ||
		xl_is_local(env->stmt->kind) || !has_work(&env->w, dialect))
		return false;
	if ((s = calloc(1, sizeof(Limits))) == NULL)
	{
		env->out->failed = true;
		return false;
	}
	if (!limits_init(s, env) || !read_levels(s) || (plan_levels(s), s->failed))
	{
		env->out->failed = true;
		limits_free(s);
		return false;
	}
	if (s->nedits == 0 && s->error_word == NO_WORD)
	{
		limits_free(s);
		return false;
	}
	*state = s;
	return true;
}

static XlRuleResult
limit_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	Limits	   *s = state;
	const Edit *e;

	if (i >= s->guard_from && i < s->guard_to)
		return XL_RULE_NONE;
	if (i == s->error_word)
	{
		*err = s->error;
		return XL_RULE_FAILED;
	}
	if (s->edit_at[i] == NO_EDIT)
		return XL_RULE_NONE;
	e = &s->edits[s->edit_at[i]];
	if (edit_end(e, i) > to)
		return XL_RULE_NONE;	/* cut by the construct being written: leave it */
	if (!write_edit(s, i, e, err))
		return XL_RULE_FAILED;
	*end = edit_end(e, i);
	return XL_RULE_WRITTEN;
}

static void
limit_end(void *state)
{
	limits_free(state);
}

const XlRule xl_limit_rule = {"limit", limit_begin, limit_apply, limit_end};
