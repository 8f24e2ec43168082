/*
 * vector.c
 *		The vector rule: pgvector's distance operators, vector constants and
 *		parameters, and HNSW indexes, in each dialect's terms.
 *
 * Owns: what pgvector's constructs become. On IRIS a <=> b is the cosine
 * distance (1 - VECTOR_COSINE(a, b)) and a <#> b the negative inner product
 * (-VECTOR_DOT_PRODUCT(a, b)), so ORDER BY ... ASC keeps pgvector's order;
 * a vector constant (checked as pgvector's vector_in checks it) and a
 * vector parameter become TO_VECTOR(..., DOUBLE[, n]); CREATE INDEX ...
 * USING hnsw becomes IRIS's AS HNSW(...). The operands of the operators
 * are found in one pass over the statement, by PostgreSQL's operator
 * precedence. What a dialect has no faithful equivalent for (L2 distance
 * and ivfflat on IRIS, every vector construct on SQLite) is refused with
 * 0A000: a distance must never become a similarity. cast.c, which sees
 * every word first, leaves casts to vector to this rule.
 */
#include "translate/xl_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PGVECTOR_MAX_DIM		16000	/* pgvector's VECTOR_MAX_DIM */
#define HNSW_MIN_M				2		/* pgvector's hnsw.h */
#define HNSW_MAX_M				100
#define HNSW_DEFAULT_M			16
#define HNSW_MIN_EF_CONSTRUCTION	4
#define HNSW_MAX_EF_CONSTRUCTION	1000
#define HNSW_DEFAULT_EF_CONSTRUCTION	64

/* ---- pgvector ---- */

/* pgvector's distance operators and what each computes. */
typedef struct PgvectorOperator
{
	const char *op;
	const char *computes;
} PgvectorOperator;

static const PgvectorOperator pgvector_operators[] = {
	{"<->", "L2 distance"},
	{"<#>", "negative inner product"},
	{"<=>", "cosine distance"},
	{"<+>", "L1 distance"},
	{"<~>", "Hamming distance"},
	{"<%>", "Jaccard distance"},
};

/* ---- what each dialect makes of it ---- */

/* An operator the dialect computes as prefix, the operands, suffix. */
typedef struct OperatorRule
{
	const char *op;
	const char *prefix;			/* NULL: refused, because of missing */
	const char *suffix;
	const char *missing;
} OperatorRule;

/* An HNSW operator class and the distance of the dialect's index for it. */
typedef struct OpclassRule
{
	const char *opclass;
	const char *distance;		/* NULL: refused, because of missing */
	const char *missing;
} OpclassRule;

typedef struct VectorDialect
{
	SqlDialect	dialect;
	const char *database;		/* "IRIS" in messages */
	const char *missing;		/* why what has no rule here is refused */
	bool		has_vectors;	/* writes constants, parameters and HNSW indexes */
	const OperatorRule *operators;
	size_t		noperators;
	const OpclassRule *opclasses;
	size_t		nopclasses;
} VectorDialect;

/*
 * IRIS SQL reference: VECTOR_COSINE is a similarity in [-1, 1] and
 * VECTOR_DOT_PRODUCT the inner product; no Euclidean distance is
 * documented (iris-dialect.md, "Vectors").
 */
static const OperatorRule iris_operators[] = {
	{"<=>", "(1 - VECTOR_COSINE(", "))", NULL},
	{"<#>", "(-VECTOR_DOT_PRODUCT(", "))", NULL},
	{"<->", NULL, NULL, "IRIS SQL documents no Euclidean distance function"},
};

/* %SQL.Index.HNSW: Distance = Cosine | DotProduct */
static const OpclassRule iris_opclasses[] = {
	{"vector_cosine_ops", "Cosine", NULL},
	{"vector_ip_ops", "DotProduct", NULL},
	{"vector_l2_ops", NULL, "IRIS's HNSW index has no Euclidean distance"},
};

static const VectorDialect vector_dialects[] = {
	{DIALECT_IRIS, "IRIS", "IRIS SQL has no equivalent", true,
	iris_operators, lengthof(iris_operators), iris_opclasses, lengthof(iris_opclasses)},
	{DIALECT_SQLITE, "SQLite", "the SQLite default has no vector support", false,
	NULL, 0, NULL, 0},
};

/* ---- the rule's state ---- */

/* A pgvector operator of the statement, with the words of its operands. */
typedef struct VectorOp
{
	uint32_t	left;			/* first word of the left operand, XL_NO_WORD: none */
	uint32_t	at;				/* the operator */
	uint32_t	end;			/* past the right operand */
	bool		chained;		/* its left operand holds another of them */
} VectorOp;

typedef struct VectorRule
{
	const VectorDialect *dialect;
	const Statement *stmt;
	XlWords		w;
	Buf		   *out;
	XlWriteWords write_words;
	void	   *rewriter;
	uint32_t   *match;			/* closing word of each group (xl_cast_match_groups) */
	uint32_t   *op_at;			/* the operator whose left operand begins at each word */
	VectorOp   *ops;
	size_t		nops;
	size_t		cap;
	Buf			text;			/* a constant's value, then its canonical text */
	Buf			scratch;
} VectorRule;

/* A cast to vector: x::vector(n), CAST(x AS vector), vector '...'. */
typedef struct VectorCast
{
	size_t		first;			/* words [first, end) of the construct */
	size_t		end;
	size_t		operand;		/* its operand, empty when it is neither a */
	size_t		operand_end;	/* constant, a parameter nor NULL */
	size_t		type;			/* the type name's words */
	size_t		type_end;
	size_t		modifiers;		/* the '(' of vector(n), or XL_NO_WORD */
	bool		array;			/* vector[] */
} VectorCast;

/* CREATE INDEX ... USING hnsw (column opclass) WITH (...), as read. */
typedef struct HnswIndex
{
	size_t		column;
	const OpclassRule *opclass;
	int			m;
	int			ef_construction;
	size_t		m_word;			/* where each option was given, XL_NO_WORD: not */
	size_t		ef_word;
	size_t		end;			/* past the clause */
} HnswIndex;

/* ---- words ---- */

static const PgvectorOperator *
pgvector_operator_at(const XlWords *w, size_t i)
{
	for (size_t k = 0; k < lengthof(pgvector_operators); k++)
	{
		if (xl_word_is_operator(w, i, pgvector_operators[k].op))
			return &pgvector_operators[k];
	}
	return NULL;
}

static const OperatorRule *
operator_rule(const VectorDialect *d, const XlWords *w, size_t i)
{
	for (size_t k = 0; k < d->noperators; k++)
	{
		if (xl_word_is_operator(w, i, d->operators[k].op))
			return &d->operators[k];
	}
	return NULL;
}

/* Operators binding tighter than pgvector's: PostgreSQL's + - * / % ^. */
static bool
is_arithmetic(const XlWords *w, size_t i)
{
	static const char *const ops[] = {"+", "-", "*", "/", "%", "^", NULL};

	for (const char *const *op = ops; *op != NULL; op++)
	{
		if (xl_word_is_operator(w, i, *op))
			return true;
	}
	return false;
}

/* Operators binding looser than pgvector's: comparisons. */
static bool
is_comparison(const XlWords *w, size_t i)
{
	static const char *const ops[] = {"=", "<", ">", "<=", ">=", "<>", "!=", NULL};

	for (const char *const *op = ops; *op != NULL; op++)
	{
		if (xl_word_is_operator(w, i, *op))
			return true;
	}
	return false;
}

static bool
after_dot(const XlWords *w, size_t i)
{
	return i > 0 && w->tok[i - 1].kind == TOK_DOT;
}

static bool
is_string(const XlWords *w, size_t i)
{
	return xl_word_kind(w, i, TOK_STRING) || xl_word_kind(w, i, TOK_DOLLAR_STRING);
}

/* The word closing the group opened at word i, if it closes before limit. */
static size_t
closing(const VectorRule *v, size_t i, size_t limit)
{
	uint32_t	m = i < v->w.n ? v->match[i] : XL_NO_WORD;

	return (m == XL_NO_WORD || m >= limit) ? SIZE_MAX : m;
}

/* ---- refusals ---- */

static void
set_position(const VectorRule *v, PgError *err, size_t word)
{
	size_t		off = word < v->w.n ? v->w.tok[word].start : v->stmt->offset + v->stmt->len;

	err->position = xl_char_position(v->w.query, off);
}

/* 0A000 "<what> is not supported by <database>: <why>" at word. */
static bool
PGW_PRINTF(5, 6)
refuse(const VectorRule *v, PgError *err, size_t word, const char *why, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	xl_refusev(err, &v->w, word, v->dialect->database, why != NULL ? why : v->dialect->missing, fmt, ap);
	va_end(ap);
	return false;
}

/* An error PostgreSQL (or pgvector) itself raises, at word. */
static bool
PGW_PRINTF(5, 6)
fail(const VectorRule *v, PgError *err, size_t word, const char *sqlstate, const char *fmt,...)
{
	char		msg[512];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pgerr_set(err, sqlstate, "%s", msg);
	set_position(v, err, word);
	return false;
}

static bool
syntax_error(const VectorRule *v, PgError *err, size_t word)
{
	size_t		end = v->stmt->offset + v->stmt->len;

	if (word >= v->w.n)
		return xl_error_near(err, v->w.query, end, end, end, "syntax error");
	return xl_error_near(err, v->w.query, end, v->w.tok[word].start,
						 xl_token_end(&v->w.tok[word]), "syntax error");
}

static bool
refuse_operator(const VectorRule *v, size_t at, const char *why, PgError *err)
{
	const PgvectorOperator *op = pgvector_operator_at(&v->w, at);

	return refuse(v, err, at, why, "operator %s (pgvector's %s)", op->op, op->computes);
}

/* ---- output ---- */

/* Keep a function name written next from joining the word before it. */
static void
separate(VectorRule *v)
{
	Buf		   *out = v->out;

	if (!buf_failed(out) && out->len > 0 && xl_is_word_byte(out->data[out->len - 1]))
		buf_append_byte(out, ' ');
}

/* ", DOUBLE[, n])": the element type pgvector computes with, and its length. */
static void
append_to_vector_tail(Buf *out, int32_t dims)
{
	buf_append_str(out, ", DOUBLE");
	if (dims > 0)
		buf_appendf(out, ", %d", (int) dims);
	buf_append_byte(out, ')');
}

/*
 * A vector constant, read and checked as pgvector's vector_in reads it
 * (PostgreSQL's error otherwise), as TO_VECTOR('1,2,3', DOUBLE[, n]) with
 * the canonical text of its float4 elements.
 */
static bool
write_constant(VectorRule *v, size_t word, int32_t dims, PgError *err)
{
	const Token *tok = &v->w.tok[word];
	char		prefix = (char) (v->w.query[tok->start] | 0x20);
	TypeFormat	fmt = {.extra_float_digits = 1};
	PgValue		value;

	if (tok->kind == TOK_STRING && (prefix == 'b' || prefix == 'x' || prefix == 'n'))
		return refuse(v, err, word, NULL, "this kind of string constant as a vector");
	buf_reset(&v->text);
	buf_reset(&v->scratch);
	if (!xl_string_value(v->w.query, tok, &v->text, err))
	{
		if (err->position == 0)
			set_position(v, err, word);
		return false;
	}
	if (buf_failed(&v->text))
		return fail(v, err, word, ERRCODE_OUT_OF_MEMORY, "out of memory");
	if (!pgtype_input(VECTOROID, v->text.len > 0 ? v->text.data : "", v->text.len, dims,
					  &value, &v->scratch, err))
	{
		set_position(v, err, word);
		return false;
	}
	buf_reset(&v->text);
	pgtype_output(VECTOROID, &value, &fmt, &v->text);
	if (buf_failed(&v->text) || v->text.len < 2)
		return fail(v, err, word, ERRCODE_OUT_OF_MEMORY, "out of memory");
	separate(v);
	buf_append_str(v->out, "TO_VECTOR('");
	buf_append(v->out, v->text.data + 1, v->text.len - 2);	/* without [ ] */
	buf_append_byte(v->out, '\'');
	append_to_vector_tail(v->out, dims);
	return true;
}

/* A vector parameter: TO_VECTOR(?, DOUBLE[, n]), the marker written by the rewriter. */
static bool
write_parameter(VectorRule *v, size_t word, int32_t dims, PgError *err)
{
	separate(v);
	buf_append_str(v->out, "TO_VECTOR(");
	if (!v->write_words(v->rewriter, word, word + 1, err))
		return false;
	append_to_vector_tail(v->out, dims);
	return true;
}

/*
 * An operand of a vector operator: a bare constant or parameter is a
 * vector there (PostgreSQL resolves it so); anything else is written with
 * every rule.
 */
static bool
write_operand(VectorRule *v, size_t from, size_t to, PgError *err)
{
	if (to == from + 1 && is_string(&v->w, from))
		return write_constant(v, from, -1, err);
	if (to == from + 1 && v->w.tok[from].kind == TOK_PARAM)
		return write_parameter(v, from, -1, err);
	return v->write_words(v->rewriter, from, to, err);
}

/* ---- finding the operands of the operators ---- */

/* What the walk has just read at one nesting level. */
typedef enum After
{
	AFTER_BOUNDARY,				/* a clause keyword, ',', '(': an operand may begin */
	AFTER_OPERATOR,				/* a binary or prefix operator: its operand follows */
	AFTER_DOT,					/* a qualifier's '.' */
	AFTER_TYPE,					/* '::' and the words of a type name */
	AFTER_TERM					/* an operand */
} After;

/* One nesting level: the statement, or a (...), [...] or CASE ... END in it. */
typedef struct Level
{
	uint32_t	close;			/* the word closing it */
	uint32_t	run;			/* where the operand read last began, or XL_NO_WORD */
	uint32_t	open_op;		/* the operator whose right operand is being read */
	bool		run_has_op;		/* that operand holds a vector operator */
	After		after;
} Level;

static void
start_level(Level *l, uint32_t close)
{
	l->close = close;
	l->run = XL_NO_WORD;
	l->open_op = XL_NO_WORD;
	l->run_has_op = false;
	l->after = AFTER_BOUNDARY;
}

/* The right operand of the operator being read, if any, ends before word i. */
static void
end_right_operand(VectorRule *v, Level *l, size_t i)
{
	if (l->open_op != XL_NO_WORD)
		v->ops[l->open_op].end = (uint32_t) i;
	l->open_op = XL_NO_WORD;
}

/* Word i binds looser than any operator (a keyword, ',', '='): operands end. */
static void
boundary(VectorRule *v, Level *l, size_t i)
{
	end_right_operand(v, l, i);
	l->run = XL_NO_WORD;
	l->run_has_op = false;
	l->after = AFTER_BOUNDARY;
}

/*
 * An operand begins at word i: after an operator it continues the
 * expression; right after another operand (an alias, a keyword such as BY)
 * it starts afresh.
 */
static void
begin_operand(VectorRule *v, Level *l, size_t i)
{
	switch (l->after)
	{
		case AFTER_TERM:
		case AFTER_TYPE:
			end_right_operand(v, l, i);
			/* FALLTHROUGH */
		case AFTER_BOUNDARY:
			l->run = (uint32_t) i;
			l->run_has_op = false;
			break;
		case AFTER_OPERATOR:
		case AFTER_DOT:
			break;
	}
	l->after = AFTER_TERM;
}

static bool
add_operator(VectorRule *v, Level *l, size_t i)
{
	bool		after_operand = l->after == AFTER_TERM || l->after == AFTER_TYPE;
	VectorOp   *op;

	if (v->nops == v->cap)
	{
		size_t		cap = v->cap == 0 ? 8 : 2 * v->cap;
		VectorOp   *ops = realloc(v->ops, cap * sizeof(VectorOp));

		if (ops == NULL)
			return false;
		v->ops = ops;
		v->cap = cap;
	}
	op = &v->ops[v->nops];
	op->at = (uint32_t) i;
	op->end = XL_NO_WORD;
	op->left = after_operand ? l->run : XL_NO_WORD;
	op->chained = l->run_has_op;
	end_right_operand(v, l, i);
	if (op->left != XL_NO_WORD)
		v->op_at[op->left] = (uint32_t) v->nops;
	else
		l->run = (uint32_t) i;
	l->open_op = (uint32_t) v->nops++;
	l->run_has_op = true;
	l->after = AFTER_OPERATOR;
	return true;
}

/*
 * An operator other than pgvector's: arithmetic binds tighter (it stays in
 * the operand), comparisons looser (they end it); any other operator has
 * pgvector's precedence, left-associative: a || b <=> c is (a || b) <=> c.
 */
static void
other_operator(VectorRule *v, Level *l, size_t i)
{
	bool		after_operand = l->after == AFTER_TERM || l->after == AFTER_TYPE;

	if (is_comparison(&v->w, i))
	{
		boundary(v, l, i);
		return;
	}
	if (l->after == AFTER_DOT)
	{
		l->after = AFTER_TERM;	/* t.* */
		return;
	}
	if (after_operand && !is_arithmetic(&v->w, i))
		end_right_operand(v, l, i);
	else if (l->after == AFTER_BOUNDARY)
	{
		l->run = (uint32_t) i;	/* a prefix operator begins the operand */
		l->run_has_op = false;
	}
	l->after = AFTER_OPERATOR;
}

/* A group (...), [...] or CASE ... END at word i is one operand of level l. */
static void
note_group(VectorRule *v, Level *l, size_t i)
{
	const XlWords *w = &v->w;
	bool		call = w->tok[i].kind == TOK_LPAREN && xl_word_is_name(w, i - 1);
	bool		subscript = w->tok[i].kind == TOK_LBRACKET;

	if (l->after == AFTER_TYPE || (l->after == AFTER_TERM && (call || subscript)))
		l->after = AFTER_TERM;	/* f(...), x[1], numeric(10, 2) */
	else
		begin_operand(v, l, i);
}

/* Keywords no reserved word list holds that begin no operand: ORDER BY x, NOT x. */
static const char *const clause_words[] = {
	"by", "not", "escape", "values", "set", NULL
};

/* Follow word i, which opens no group, at level l. */
static bool
step(VectorRule *v, Level *l, size_t i)
{
	const XlWords *w = &v->w;

	switch (w->tok[i].kind)
	{
		case TOK_TYPECAST:
			l->after = AFTER_TYPE;
			return true;
		case TOK_DOT:
			if (l->after != AFTER_TYPE)
				l->after = AFTER_DOT;
			return true;
		case TOK_OPERATOR:
			if (pgvector_operator_at(w, i) != NULL)
				return add_operator(v, l, i);
			other_operator(v, l, i);
			return true;
		case TOK_IDENT:
			if (xl_word_is_reserved(w, i) || xl_word_in(w, i, clause_words))
			{
				boundary(v, l, i);
				return true;
			}
			/* FALLTHROUGH */
		case TOK_QIDENT:
			if (l->after != AFTER_TYPE)
				begin_operand(v, l, i);
			return true;
		case TOK_STRING:
		case TOK_DOLLAR_STRING:
			if (!(l->after == AFTER_TERM && xl_word_is_name(w, i - 1)))
				begin_operand(v, l, i);	/* else a typed literal: DATE '...' */
			return true;
		case TOK_INTEGER:
		case TOK_NUMERIC:
		case TOK_PARAM:
			begin_operand(v, l, i);
			return true;
		default:
			boundary(v, l, i);	/* ',' ';' ':' and unmatched ')' ']' */
			return true;
	}
}

static bool
opens_group(const VectorRule *v, size_t i)
{
	const XlWords *w = &v->w;

	return v->match[i] != XL_NO_WORD &&
		(w->tok[i].kind == TOK_LPAREN || w->tok[i].kind == TOK_LBRACKET ||
		 xl_word_is(w, i, "case"));
}

/*
 * Find every pgvector operator of the statement and its operands, in one
 * pass with a level per open group (groups close in order: the matches
 * come from a stack).
 */
static bool
find_operators(VectorRule *v)
{
	const XlWords *w = &v->w;
	Level	   *levels = malloc((w->n + 1) * sizeof(Level));
	size_t		depth = 0;
	bool		ok = true;

	if (levels == NULL)
		return false;
	start_level(&levels[0], XL_NO_WORD);
	for (size_t i = 0; i < w->n && ok; i++)
	{
		if (depth > 0 && i == levels[depth].close)
		{
			end_right_operand(v, &levels[depth--], i);
			continue;
		}
		if (opens_group(v, i))
		{
			note_group(v, &levels[depth], i);
			start_level(&levels[++depth], v->match[i]);
			continue;
		}
		ok = step(v, &levels[depth], i);
	}
	for (size_t d = 0; d <= depth; d++)
		end_right_operand(v, &levels[d], w->n);
	free(levels);
	return ok;
}

/* ---- operators ---- */

static bool
write_operator(VectorRule *v, const VectorOp *op, PgError *err)
{
	const OperatorRule *rule = operator_rule(v->dialect, &v->w, op->at);

	if (rule == NULL || rule->prefix == NULL)
		return refuse_operator(v, op->at, rule != NULL ? rule->missing : NULL, err);
	if (op->chained)
		return refuse(v, err, op->at, "pgvector has no vector operator on a distance",
					  "operator %s applied to a vector operator's result", rule->op);
	if (op->end == op->at + 1)
		return syntax_error(v, err, op->end);
	buf_append_str(v->out, rule->prefix);
	if (!write_operand(v, op->left, op->at, err))
		return false;
	buf_append_str(v->out, ", ");
	if (!write_operand(v, op->at + 1, op->end, err))
		return false;
	buf_append_str(v->out, rule->suffix);
	return true;
}

/* A vector operator whose left operand begins at word i, written whole. */
static XlRuleResult
apply_operator(VectorRule *v, size_t i, size_t to, size_t *end, PgError *err)
{
	const VectorOp *op;

	if (v->op_at == NULL || v->op_at[i] == XL_NO_WORD)
		return XL_RULE_NONE;
	op = &v->ops[v->op_at[i]];
	if (op->end > to)
		return XL_RULE_NONE;	/* writing its left operand now */
	if (!write_operator(v, op, err))
		return XL_RULE_FAILED;
	*end = op->end;
	return XL_RULE_WRITTEN;
}

/* An operator reached on its own: its left operand was not there to take. */
static XlRuleResult
refuse_lone_operator(VectorRule *v, size_t i, PgError *err)
{
	const OperatorRule *rule;

	if (pgvector_operator_at(&v->w, i) == NULL)
		return XL_RULE_NONE;
	rule = v->dialect->has_vectors ? operator_rule(v->dialect, &v->w, i) : NULL;
	if (rule != NULL && rule->prefix != NULL)
		(void) refuse(v, err, i, "its left operand is not an operand pgwire can rewrite",
					  "this use of operator %s", rule->op);
	else
		(void) refuse_operator(v, i, rule != NULL ? rule->missing : NULL, err);
	return XL_RULE_FAILED;
}

/* ---- casts to vector ---- */

/* Past array bounds at word j ([], [3], ARRAY, ARRAY[3]), if any. */
static size_t
array_bounds_end(const VectorRule *v, const XlWords *w, size_t j)
{
	for (;;)
	{
		size_t		close;

		if (xl_word_is(w, j, "array"))
			j++;
		else if (!xl_word_kind(w, j, TOK_LBRACKET))
			return j;
		if (xl_word_kind(w, j, TOK_LBRACKET))
		{
			if ((close = closing(v, j, w->n)) == SIZE_MAX)
				return j;
			j = close + 1;
		}
	}
}

/* Is the type name at word i ([schema.]vector[(n)][[]]) pgvector's? */
static bool
vector_type_at(const VectorRule *v, const XlWords *w, size_t i, VectorCast *c)
{
	size_t		j = i;
	size_t		close;

	if (xl_word_is_name(w, j) && xl_word_kind(w, j + 1, TOK_DOT))
		j += 2;
	if (!xl_word_is(w, j, "vector"))
		return false;
	c->type = i;
	c->modifiers = XL_NO_WORD;
	j++;
	if (xl_word_kind(w, j, TOK_LPAREN))
	{
		c->modifiers = j;
		close = closing(v, j, w->n);
		j = close == SIZE_MAX ? j + 1 : close + 1;
	}
	c->end = array_bounds_end(v, w, j);
	c->array = c->end > j;
	c->type_end = c->end;
	return true;
}

static bool
is_single_operand(const XlWords *w, size_t i)
{
	return is_string(w, i) || xl_word_kind(w, i, TOK_PARAM) || xl_word_is(w, i, "null");
}

/* The operand [from, to) of a cast, kept only when it is one constant or parameter. */
static void
set_operand(const XlWords *w, size_t from, size_t to, VectorCast *c)
{
	bool		single = to == from + 1 && is_single_operand(w, from);

	c->operand = from;
	c->operand_end = single ? to : from;
}

/* 'text'::vector, $1::vector(3), NULL::vector at word i. */
static bool
typecast_at(const VectorRule *v, const XlWords *w, size_t i, VectorCast *c)
{
	if (!is_single_operand(w, i) || after_dot(w, i) || !xl_word_kind(w, i + 1, TOK_TYPECAST) ||
		!vector_type_at(v, w, i + 2, c))
		return false;
	c->first = i;
	set_operand(w, i, i + 1, c);
	return true;
}

/* The AS of CAST(x AS t) whose '(' is word open and ')' word close. */
static size_t
cast_as(const VectorRule *v, const XlWords *w, size_t open, size_t close)
{
	for (size_t j = open + 1; j < close; j++)
	{
		size_t		k;

		if ((k = closing(v, j, close)) != SIZE_MAX)
			j = k;
		else if (xl_word_is(w, j, "as"))
			return j;
	}
	return SIZE_MAX;
}

/* CAST(x AS vector) at word i. */
static bool
cast_call_at(const VectorRule *v, const XlWords *w, size_t i, VectorCast *c)
{
	size_t		close;
	size_t		as;

	if (!xl_word_is(w, i, "cast") || after_dot(w, i) || !xl_word_kind(w, i + 1, TOK_LPAREN) ||
		(close = closing(v, i + 1, w->n)) == SIZE_MAX ||
		(as = cast_as(v, w, i + 1, close)) == SIZE_MAX ||
		!vector_type_at(v, w, as + 1, c) || c->end != close)
		return false;
	c->first = i;
	c->end = close + 1;
	set_operand(w, i + 2, as, c);
	return true;
}

/* vector '[1,2]' at word i. */
static bool
typed_literal_at(const XlWords *w, size_t i, VectorCast *c)
{
	if (!xl_word_is(w, i, "vector") || after_dot(w, i) || !is_string(w, i + 1) ||
		(i > 0 && (w->tok[i - 1].kind == TOK_TYPECAST || xl_word_is(w, i - 1, "as"))))
		return false;
	c->first = c->type = i;
	c->type_end = i + 1;
	c->modifiers = XL_NO_WORD;
	c->array = false;
	c->end = i + 2;
	set_operand(w, i + 1, i + 2, c);
	return true;
}

/* '::vector' at word i after an operand that is no constant or parameter. */
static bool
expression_cast_at(const VectorRule *v, const XlWords *w, size_t i, VectorCast *c)
{
	if (!xl_word_kind(w, i, TOK_TYPECAST) || !vector_type_at(v, w, i + 1, c))
		return false;
	c->first = i;
	c->operand = c->operand_end = i;
	return true;
}

/* A cast to vector beginning at word i and ending before word to. */
static bool
find_cast(const VectorRule *v, size_t i, size_t to, VectorCast *c)
{
	XlWords		w = v->w;

	w.n = to;
	return typecast_at(v, &w, i, c) || cast_call_at(v, &w, i, c) ||
		typed_literal_at(&w, i, c) || expression_cast_at(v, &w, i, c);
}

/* The dimensions of vector(n), checked as pgvector's vector_typmod_in; -1 without. */
static bool
cast_dimensions(const VectorRule *v, const VectorCast *c, int32_t *dims, PgError *err)
{
	const XlWords *w = &v->w;
	size_t		j = c->modifiers + 1;
	bool		negative;
	uint64_t	n;

	*dims = -1;
	if (c->modifiers == XL_NO_WORD)
		return true;
	negative = xl_word_is_op(w, j, '-');
	j += negative ? 1 : 0;
	if (!xl_word_kind(w, j, TOK_INTEGER) || !xl_word_kind(w, j + 1, TOK_RPAREN) ||
		closing(v, c->modifiers, w->n) != j + 1)
		return fail(v, err, c->type, ERRCODE_INVALID_PARAMETER_VALUE, "invalid type modifier");
	if (!xl_integer_literal_value(w->query + w->tok[j].start, w->tok[j].len, &n))
		n = UINT64_MAX;
	if (negative || n < 1)
		return fail(v, err, c->type, ERRCODE_INVALID_PARAMETER_VALUE,
					"dimensions for type vector must be at least 1");
	if (n > PGVECTOR_MAX_DIM)
		return fail(v, err, c->type, ERRCODE_INVALID_PARAMETER_VALUE,
					"dimensions for type vector cannot exceed %d", PGVECTOR_MAX_DIM);
	*dims = (int32_t) n;
	return true;
}

static bool
write_cast(VectorRule *v, const VectorCast *c, PgError *err)
{
	int32_t		dims;

	if (!v->dialect->has_vectors || c->array)
		return refuse(v, err, c->type, v->dialect->has_vectors ? "it has no arrays of vectors" : NULL, "type %s",
					  xl_words_text(&v->w, c->type, c->type_end, &v->scratch));
	if (!cast_dimensions(v, c, &dims, err))
		return false;
	if (c->operand == c->operand_end)
		return refuse(v, err, c->first, "only a constant or a parameter becomes TO_VECTOR(...)",
					  "a cast of an expression to vector");
	if (xl_word_kind(&v->w, c->end, TOK_TYPECAST))
		return refuse(v, err, c->end, NULL, "a cast of a vector to another type");
	if (xl_word_is(&v->w, c->operand, "null"))
	{
		separate(v);
		buf_append_str(v->out, "NULL");
		return true;
	}
	if (v->w.tok[c->operand].kind == TOK_PARAM)
		return write_parameter(v, c->operand, dims, err);
	return write_constant(v, c->operand, dims, err);
}

static XlRuleResult
apply_cast(VectorRule *v, size_t i, size_t to, size_t *end, PgError *err)
{
	VectorCast	c;

	if (!find_cast(v, i, to, &c))
		return XL_RULE_NONE;
	if (!write_cast(v, &c, err))
		return XL_RULE_FAILED;
	*end = c.end;
	return XL_RULE_WRITTEN;
}

/* ---- HNSW indexes ---- */

/* Is word i the USING of CREATE INDEX ... USING hnsw|ivfflat? */
static bool
index_method_at(const VectorRule *v, size_t i)
{
	return v->stmt->kind == STMT_DDL && strcmp(v->stmt->tag, "CREATE INDEX") == 0 &&
		xl_word_is(&v->w, i, "using") &&
		(xl_word_is(&v->w, i + 1, "hnsw") || xl_word_is(&v->w, i + 1, "ivfflat"));
}

static const OpclassRule *
opclass_rule(const VectorDialect *d, const XlWords *w, size_t i)
{
	for (size_t k = 0; k < d->nopclasses; k++)
	{
		if (xl_word_is(w, i, d->opclasses[k].opclass))
			return &d->opclasses[k];
	}
	return NULL;
}

/* The one column of USING hnsw (column opclass) whose '(' is word open. */
static bool
read_index_column(VectorRule *v, size_t open, size_t close, HnswIndex *ix, PgError *err)
{
	const XlWords *w = &v->w;
	size_t		j = open + 2;
	char		name[128];

	if (!xl_word_is_name(w, open + 1))
		return refuse(v, err, open + 1, NULL, "an hnsw index on an expression");
	ix->column = open + 1;
	if (j == close)
		return refuse(v, err, j, "pgvector has no default operator class for hnsw",
					  "an hnsw index column without an operator class");
	if (xl_word_kind(w, j, TOK_COMMA))
		return refuse(v, err, j, NULL, "an hnsw index on more than one column");
	if (xl_word_is_name(w, j) && xl_word_kind(w, j + 1, TOK_DOT))
		j += 2;					/* schema.opclass */
	if (xl_word_is_name(w, j) && xl_word_kind(w, j + 1, TOK_COMMA))
		return refuse(v, err, j + 1, NULL, "an hnsw index on more than one column");
	if (!xl_word_is_name(w, j) || j + 1 != close)
		return refuse(v, err, j, NULL, "this hnsw index column");
	if ((ix->opclass = opclass_rule(v->dialect, w, j)) != NULL && ix->opclass->distance != NULL)
		return true;
	snprintf(name, sizeof(name), "%.*s", (int) Min(w->tok[j].len, 100), w->query + w->tok[j].start);
	return refuse(v, err, j, ix->opclass != NULL ? ix->opclass->missing : NULL,
				  "operator class %s", name);
}

/* The integer value of an option at word *i: 16, -1 or '16'. */
static bool
option_value(VectorRule *v, size_t *i, const char *name, long *value, PgError *err)
{
	const XlWords *w = &v->w;
	bool		negative = xl_word_is_op(w, *i, '-');
	size_t		j = *i + (negative ? 1 : 0);
	uint64_t	n;
	bool		ok = false;

	if (xl_word_kind(w, j, TOK_INTEGER))
	{
		ok = xl_integer_literal_value(w->query + w->tok[j].start, w->tok[j].len, &n) &&
			n <= INT32_MAX;
		*value = ok ? (negative ? -(long) n : (long) n) : 0;
	}
	else if (!negative && xl_word_kind(w, j, TOK_STRING))
	{
		char	   *endp;

		buf_reset(&v->text);
		if (xl_string_value(w->query, &w->tok[j], &v->text, err) && !buf_failed(&v->text) &&
			v->text.len > 0)
		{
			*value = strtol(v->text.data, &endp, 10);
			ok = endp != v->text.data && *xl_skip_spaces(endp) == '\0' &&
				*value >= INT32_MIN && *value <= INT32_MAX;
		}
	}
	if (!ok)
	{
		size_t		at = j < w->n ? j : *i;

		return fail(v, err, *i, ERRCODE_INVALID_PARAMETER_VALUE,
					"invalid value for integer option \"%s\": %.*s", name,
					(int) Min(w->tok[at].len, 64), w->query + w->tok[at].start);
	}
	*i = j + 1;
	return true;
}

/* One option name = value of WITH (...), checked as PostgreSQL's reloptions. */
static bool
read_option(VectorRule *v, size_t *i, HnswIndex *ix, PgError *err)
{
	const XlWords *w = &v->w;
	size_t		at = *i;
	bool		is_m = xl_word_is(w, at, "m");
	long		min = is_m ? HNSW_MIN_M : HNSW_MIN_EF_CONSTRUCTION;
	long		max = is_m ? HNSW_MAX_M : HNSW_MAX_EF_CONSTRUCTION;
	size_t	   *given = is_m ? &ix->m_word : &ix->ef_word;
	long		value = 0;

	if (!xl_word_kind(w, at, TOK_IDENT) || !xl_word_is_op(w, at + 1, '='))
		return syntax_error(v, err, xl_word_kind(w, at, TOK_IDENT) ? at + 1 : at);
	if (!is_m && !xl_word_is(w, at, "ef_construction"))
		return fail(v, err, at, ERRCODE_INVALID_PARAMETER_VALUE, "unrecognized parameter \"%.*s\"",
					(int) Min(w->tok[at].len, 64), w->query + w->tok[at].start);
	if (*given != XL_NO_WORD)
		return fail(v, err, at, ERRCODE_INVALID_PARAMETER_VALUE,
					"parameter \"%s\" specified more than once", is_m ? "m" : "ef_construction");
	*i = at + 2;
	if (!option_value(v, i, is_m ? "m" : "ef_construction", &value, err))
		return false;
	if (value < min || value > max)
	{
		(void) fail(v, err, at, ERRCODE_INVALID_PARAMETER_VALUE,
					"value %ld out of bounds for option \"%s\"", value, is_m ? "m" : "ef_construction");
		pgerr_set_detail(err, "Valid values are between \"%ld\" and \"%ld\".", min, max);
		return false;
	}
	*given = at;
	*(is_m ? &ix->m : &ix->ef_construction) = (int) value;
	return true;
}

/* WITH (m = ..., ef_construction = ...) at word i, if there. */
static bool
read_index_options(VectorRule *v, size_t i, HnswIndex *ix, PgError *err)
{
	const XlWords *w = &v->w;
	size_t		close;

	ix->end = i;
	if (!xl_word_is(w, i, "with"))
		return true;
	if (!xl_word_kind(w, i + 1, TOK_LPAREN) || (close = closing(v, i + 1, w->n)) == SIZE_MAX)
		return syntax_error(v, err, i + 1);
	if (close == i + 2)
		return syntax_error(v, err, close);
	for (size_t j = i + 2; j < close;)
	{
		if (!read_option(v, &j, ix, err))
			return false;
		if (j < close && !xl_word_kind(w, j++, TOK_COMMA))
			return syntax_error(v, err, j - 1);
	}
	ix->end = close + 1;
	if (ix->ef_construction < 2 * ix->m)
		return fail(v, err, Min(ix->m_word, ix->ef_word), ERRCODE_INVALID_PARAMETER_VALUE,
					"ef_construction must be greater than or equal to 2 * m");
	return true;
}

/* USING hnsw (column opclass) [WITH (...)] at word i, to the statement's end. */
static bool
read_index(VectorRule *v, size_t i, HnswIndex *ix, PgError *err)
{
	const XlWords *w = &v->w;
	size_t		close;

	ix->m = HNSW_DEFAULT_M;
	ix->ef_construction = HNSW_DEFAULT_EF_CONSTRUCTION;
	ix->m_word = ix->ef_word = XL_NO_WORD;
	if (!xl_word_kind(w, i + 2, TOK_LPAREN) || (close = closing(v, i + 2, w->n)) == SIZE_MAX)
		return syntax_error(v, err, i + 2);
	if (!read_index_column(v, i + 2, close, ix, err) ||
		!read_index_options(v, close + 1, ix, err))
		return false;
	if (ix->end < w->n)
		return refuse(v, err, ix->end, NULL, "a clause after an hnsw index's column and options");
	return true;
}

static bool
write_index(VectorRule *v, const HnswIndex *ix, PgError *err)
{
	buf_append_byte(v->out, '(');
	if (!v->write_words(v->rewriter, ix->column, ix->column + 1, err))
		return false;
	buf_appendf(v->out, ") AS HNSW(Distance='%s'", ix->opclass->distance);
	if (ix->m_word != XL_NO_WORD)
		buf_appendf(v->out, ", M=%d", ix->m);
	if (ix->ef_word != XL_NO_WORD)
		buf_appendf(v->out, ", efConstruction=%d", ix->ef_construction);
	buf_append_byte(v->out, ')');
	return true;
}

/* CREATE INDEX name ON t USING hnsw (...) -> CREATE INDEX name ON t (col) AS HNSW(...) */
static XlRuleResult
apply_index(VectorRule *v, size_t i, size_t to, size_t *end, PgError *err)
{
	HnswIndex	ix;
	bool		ivfflat;

	if (!index_method_at(v, i))
		return XL_RULE_NONE;
	ivfflat = xl_word_is(&v->w, i + 1, "ivfflat");
	if (!v->dialect->has_vectors || ivfflat)
	{
		(void) refuse(v, err, i + 1, v->dialect->has_vectors ? "its vector index is HNSW" : NULL,
					  "an %s index", ivfflat ? "ivfflat" : "hnsw");
		return XL_RULE_FAILED;
	}
	if (!read_index(v, i, &ix, err))
		return XL_RULE_FAILED;
	if (ix.end > to)
		return XL_RULE_NONE;
	if (!write_index(v, &ix, err))
		return XL_RULE_FAILED;
	*end = ix.end;
	return XL_RULE_WRITTEN;
}

/* ---- the rule, as the rewriter runs it ---- */

static const VectorDialect *
vector_dialect(SqlDialect dialect)
{
	for (size_t k = 0; k < lengthof(vector_dialects); k++)
	{
		if (vector_dialects[k].dialect == dialect)
			return &vector_dialects[k];
	}
	return NULL;
}

/* One pass: does the statement hold a pgvector operator, or name vector, hnsw or ivfflat? */
static bool
mentions_vectors(const XlWords *w, bool *has_operators)
{
	bool		found = false;

	*has_operators = false;
	for (size_t i = 0; i < w->n; i++)
	{
		if (w->tok[i].kind == TOK_OPERATOR && pgvector_operator_at(w, i) != NULL)
			found = *has_operators = true;
		else if (w->tok[i].kind == TOK_IDENT &&
				 (xl_word_is(w, i, "vector") || xl_word_is(w, i, "hnsw") ||
				  xl_word_is(w, i, "ivfflat")))
			found = true;
	}
	return found;
}

/* Which word closes which, and where the operators' operands are. */
static bool
analyse(VectorRule *v, bool has_operators)
{
	size_t		n = v->w.n;

	if ((v->match = malloc(2 * n * sizeof(uint32_t))) == NULL)
		return false;
	xl_cast_match_groups(&v->w, v->match);
	if (!has_operators)
		return true;
	if ((v->op_at = malloc(n * sizeof(uint32_t))) == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		v->op_at[i] = XL_NO_WORD;
	return find_operators(v);
}

static void
vector_end(void *state)
{
	VectorRule *v = state;

	free(v->match);
	free(v->op_at);
	free(v->ops);
	buf_free(&v->text);
	buf_free(&v->scratch);
	free(v);
}

static bool
vector_begin(const XlRuleEnv *env, void **state)
{
	const VectorDialect *d = vector_dialect(env->ctx->dialect);
	bool		has_operators;
	VectorRule *v;

	if (d == NULL || env->w.n == 0 || !mentions_vectors(&env->w, &has_operators))
		return false;
	if ((v = calloc(1, sizeof(VectorRule))) == NULL)
	{
		env->out->failed = true;
		return false;
	}
	v->dialect = d;
	v->stmt = env->stmt;
	v->w = env->w;
	v->out = env->out;
	v->write_words = env->write_words;
	v->rewriter = env->rewriter;
	buf_init(&v->text);
	buf_init(&v->scratch);
	if (!analyse(v, has_operators))
	{
		vector_end(v);
		env->out->failed = true;
		return false;
	}
	*state = v;
	return true;
}

static XlRuleResult
vector_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	VectorRule *v = state;
	XlRuleResult res;

	if ((res = apply_operator(v, i, to, end, err)) != XL_RULE_NONE)
		return res;
	if ((res = apply_cast(v, i, to, end, err)) != XL_RULE_NONE)
		return res;
	if ((res = refuse_lone_operator(v, i, err)) != XL_RULE_NONE)
		return res;
	return apply_index(v, i, to, end, err);
}

const XlRule xl_vector_rule = {"vector", vector_begin, vector_apply, vector_end};
