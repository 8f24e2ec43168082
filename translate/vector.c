/*
 * vector.c
 *		The vector rule: pgvector's constructs in each dialect's terms, and
 *		the rule as the rewriter runs it.
 *
 * Owns: the dialects' tables, vector constants and the text of every vector
 * value, and casts to vector (parameters are written by vector_params.c).
 * On IRIS a <=> b is the cosine distance (1 - VECTOR_COSINE(a,
 * b)) and a <#> b the negative inner product (-VECTOR_DOT_PRODUCT(a, b)),
 * so ORDER BY ... ASC keeps pgvector's order; a vector constant (checked
 * as pgvector's vector_in checks it) and a vector parameter become
 * TO_VECTOR(..., DOUBLE[, n]). On the embedded SQLite default they become
 * the functions of pgwire_vector.so (backend/sqlite_vector.c):
 * pgw_cosine_distance(a, b), pgw_vector('[1,2,3]'), ... What a dialect
 * has no faithful equivalent for (L2 distance on IRIS, ivfflat) is refused
 * with 0A000: a distance must never become a similarity. cast.c, which
 * sees every word first, leaves casts to vector to this rule.
 */
#include "translate/vector_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- pgvector ---- */

static const PgvectorOperator pgvector_operators[] = {
	{"<->", "L2 distance"},
	{"<#>", "negative inner product"},
	{"<=>", "cosine distance"},
	{"<+>", "L1 distance"},
	{"<~>", "Hamming distance"},
	{"<%>", "Jaccard distance"},
};

/* ---- what each dialect makes of it ---- */

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

/*
 * pgvector's functions on IRIS: VECTOR_COSINE and VECTOR_DOT_PRODUCT
 * (IRIS SQL reference "VECTOR_COSINE (SQL)", "VECTOR_DOT_PRODUCT (SQL)").
 */
static const OperatorRule iris_functions[] = {
	{"cosine_distance", "(1 - VECTOR_COSINE(", "))", NULL},
	{"inner_product", "VECTOR_DOT_PRODUCT(", ")", NULL},
	{"l2_distance", NULL, NULL, "IRIS SQL documents no Euclidean distance function"},
};

/* pgwire_vector.so (backend/sqlite_vector.c) computes each as pgvector does. */
static const OperatorRule sqlite_operators[] = {
	{"<=>", "pgw_cosine_distance(", ")", NULL},
	{"<#>", "pgw_negative_inner_product(", ")", NULL},
	{"<->", "pgw_l2_distance(", ")", NULL},
	{"<+>", "pgw_l1_distance(", ")", NULL},
};

static const OperatorRule sqlite_functions[] = {
	{"cosine_distance", "pgw_cosine_distance(", ")", NULL},
	{"inner_product", "pgw_inner_product(", ")", NULL},
	{"l2_distance", "pgw_l2_distance(", ")", NULL},
	{"l1_distance", "pgw_l1_distance(", ")", NULL},
	{"vector_dims", "pgw_vector_dims(", ")", NULL},
	{"vector_norm", "pgw_l2_norm(", ")", NULL},
	{"l2_norm", "pgw_l2_norm(", ")", NULL},
};

/* SQLite has no approximate index: every operator class gets the empty index */
static const OpclassRule sqlite_opclasses[] = {
	{"vector_cosine_ops", "", NULL},
	{"vector_ip_ops", "", NULL},
	{"vector_l2_ops", "", NULL},
	{"vector_l1_ops", "", NULL},
};

static const VectorDialect vector_dialects[] = {
	{DIALECT_IRIS, "IRIS", "IRIS SQL has no equivalent", VECTOR_TO_VECTOR, INDEX_IRIS_HNSW, true,
		iris_operators, lengthof(iris_operators), iris_functions, lengthof(iris_functions),
	iris_opclasses, lengthof(iris_opclasses)},
	{DIALECT_SQLITE, "SQLite", "pgwire_vector.so has no equivalent", VECTOR_PGW_FUNCTION, INDEX_EMPTY, false,
		sqlite_operators, lengthof(sqlite_operators), sqlite_functions, lengthof(sqlite_functions),
	sqlite_opclasses, lengthof(sqlite_opclasses)},
};

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

/* ---- words ---- */

const PgvectorOperator *
vector_pgvector_operator_at(const XlWords *w, size_t i)
{
	for (size_t k = 0; k < lengthof(pgvector_operators); k++)
	{
		if (xl_word_is_operator(w, i, pgvector_operators[k].op))
			return &pgvector_operators[k];
	}
	return NULL;
}

const OperatorRule *
vector_operator_rule(const VectorDialect *d, const XlWords *w, size_t i)
{
	for (size_t k = 0; k < d->noperators; k++)
	{
		if (xl_word_is_operator(w, i, d->operators[k].op))
			return &d->operators[k];
	}
	return NULL;
}

/* The word closing the group opened at word i, if it closes before limit. */
size_t
vector_closing(const VectorRule *v, size_t i, size_t limit)
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
bool
vector_refuse(const VectorRule *v, PgError *err, size_t word, const char *why, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	xl_refusev(err, &v->w, word, v->dialect->database, why != NULL ? why : v->dialect->missing, fmt, ap);
	va_end(ap);
	return false;
}

/* An error PostgreSQL (or pgvector) itself raises, at word. */
bool
vector_fail(const VectorRule *v, PgError *err, size_t word, const char *sqlstate, const char *fmt,...)
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

bool
vector_syntax_error(const VectorRule *v, PgError *err, size_t word)
{
	size_t		end = v->stmt->offset + v->stmt->len;

	if (word >= v->w.n)
		return xl_error_near(err, v->w.query, end, end, end, "syntax error");
	return xl_error_near(err, v->w.query, end, v->w.tok[word].start,
						 xl_token_end(&v->w.tok[word]), "syntax error");
}


/* ---- output ---- */

/* Keep a function name written next from joining the word before it. */
void
vector_separate(VectorRule *v)
{
	Buf		   *out = v->out;

	if (!buf_failed(out) && out->len > 0 && xl_is_word_byte(out->data[out->len - 1]))
		buf_append_byte(out, ' ');
}

/*
 * After a vector's value: IRIS's ", DOUBLE[, n])" (the element type pgvector
 * computes with, and its length), SQLite's "[, n])" (pgw_vector checks it).
 */
void
vector_append_tail(const VectorRule *v, int32_t dims)
{
	if (v->dialect->syntax == VECTOR_TO_VECTOR)
		buf_append_str(v->out, v->float_elements ? ", FLOAT" : ", DOUBLE");
	if (dims > 0)
		buf_appendf(v->out, ", %d", (int) dims);
	buf_append_byte(v->out, ')');
}

/* IRIS: TO_VECTOR(; SQLite: pgw_vector( */
void
vector_append_head(VectorRule *v)
{
	vector_separate(v);
	buf_append_str(v->out, v->dialect->syntax == VECTOR_TO_VECTOR ? "TO_VECTOR(" : "pgw_vector(");
}

/*
 * A vector's text (a constant's value, an inlined parameter's), read and
 * checked as pgvector's vector_in reads it (PostgreSQL's error at word
 * otherwise), written with the canonical text of its float4 elements:
 * TO_VECTOR('1,2,3', DOUBLE[, n]) on IRIS, pgw_vector('[1,2,3]') on SQLite.
 */
bool
vector_write_text(VectorRule *v, size_t word, const char *text, size_t len, int32_t dims,
				  PgError *err)
{
	TypeFormat	fmt = {.extra_float_digits = 1};
	PgValue		value;
	bool		brackets = v->dialect->syntax != VECTOR_TO_VECTOR;

	buf_reset(&v->scratch);
	if (!pgtype_input(VECTOROID, len > 0 ? text : "", len, dims, &value, &v->scratch, err))
	{
		set_position(v, err, word);
		return false;
	}
	/* value lives in scratch: text (perhaps v->text) is no longer needed */
	buf_reset(&v->text);
	pgtype_output(VECTOROID, &value, &fmt, &v->text);
	if (buf_failed(&v->text) || v->text.len < 2)
		return vector_fail(v, err, word, ERRCODE_OUT_OF_MEMORY, "out of memory");
	vector_append_head(v);
	buf_append_byte(v->out, '\'');
	buf_append(v->out, v->text.data + (brackets ? 0 : 1), v->text.len - (brackets ? 0 : 2));
	buf_append_byte(v->out, '\'');
	/* the value's dimensions are checked already: SQLite needs no n */
	vector_append_tail(v, brackets ? -1 : dims);
	return true;
}

/* A vector constant, its value written by vector_write_text. */
static bool
write_constant(VectorRule *v, size_t word, int32_t dims, PgError *err)
{
	const Token *tok = &v->w.tok[word];
	char		prefix = (char) (v->w.query[tok->start] | 0x20);

	if (tok->kind == TOK_STRING && (prefix == 'b' || prefix == 'x' || prefix == 'n'))
		return vector_refuse(v, err, word, NULL, "this kind of string constant as a vector");
	buf_reset(&v->text);
	if (!xl_string_value(v->w.query, tok, &v->text, err))
	{
		if (err->position == 0)
			set_position(v, err, word);
		return false;
	}
	if (buf_failed(&v->text))
		return vector_fail(v, err, word, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return vector_write_text(v, word, v->text.data, v->text.len, dims, err);
}

/*
 * An operand of a vector operator: a bare constant or parameter is a
 * vector there (PostgreSQL resolves it so); anything else is written with
 * every rule.
 */
bool
vector_write_operand(VectorRule *v, size_t from, size_t to, PgError *err)
{
	if (to == from + 1 && vector_is_string(&v->w, from))
		return write_constant(v, from, -1, err);
	if (to == from + 1 && v->w.tok[from].kind == TOK_PARAM)
		return vector_write_parameter(v, from, -1, err);
	return v->write_words(v->rewriter, from, to, err);
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
			if ((close = vector_closing(v, j, w->n)) == SIZE_MAX)
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
		close = vector_closing(v, j, w->n);
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
	return vector_is_string(w, i) || xl_word_kind(w, i, TOK_PARAM) || xl_word_is(w, i, "null");
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
	if (!is_single_operand(w, i) || vector_after_dot(w, i) || !xl_word_kind(w, i + 1, TOK_TYPECAST) ||
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

		if ((k = vector_closing(v, j, close)) != SIZE_MAX)
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

	if (!xl_word_is(w, i, "cast") || vector_after_dot(w, i) || !xl_word_kind(w, i + 1, TOK_LPAREN) ||
		(close = vector_closing(v, i + 1, w->n)) == SIZE_MAX ||
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
	if (!xl_word_is(w, i, "vector") || vector_after_dot(w, i) || !vector_is_string(w, i + 1) ||
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
		vector_closing(v, c->modifiers, w->n) != j + 1)
		return vector_fail(v, err, c->type, ERRCODE_INVALID_PARAMETER_VALUE, "invalid type modifier");
	if (!xl_integer_literal_value(w->query + w->tok[j].start, w->tok[j].len, &n))
		n = UINT64_MAX;
	if (negative || n < 1)
		return vector_fail(v, err, c->type, ERRCODE_INVALID_PARAMETER_VALUE,
					"dimensions for type vector must be at least 1");
	if (n > PGVECTOR_MAX_DIM)
		return vector_fail(v, err, c->type, ERRCODE_INVALID_PARAMETER_VALUE,
					"dimensions for type vector cannot exceed %d", PGVECTOR_MAX_DIM);
	*dims = (int32_t) n;
	return true;
}

static bool
write_cast(VectorRule *v, const VectorCast *c, PgError *err)
{
	int32_t		dims;

	if (v->dialect->syntax == VECTOR_NONE || c->array)
		return vector_refuse(v, err, c->type, v->dialect->syntax != VECTOR_NONE ? "it has no arrays of vectors" : NULL, "type %s",
					  xl_words_text(&v->w, c->type, c->type_end, &v->scratch));
	if (!cast_dimensions(v, c, &dims, err))
		return false;
	if (c->operand == c->operand_end)
		return vector_refuse(v, err, c->first, "only a constant or a parameter becomes TO_VECTOR(...)",
					  "a cast of an expression to vector");
	if (xl_word_kind(&v->w, c->end, TOK_TYPECAST))
		return vector_refuse(v, err, c->end, NULL, "a cast of a vector to another type");
	if (xl_word_is(&v->w, c->operand, "null"))
	{
		vector_separate(v);
		buf_append_str(v->out, "NULL");
		return true;
	}
	if (v->w.tok[c->operand].kind == TOK_PARAM)
		return vector_write_parameter(v, c->operand, dims, err);
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

/*
 * One pass: does the statement hold a pgvector operator, or name vector,
 * hnsw, ivfflat or one of pgvector's functions?
 */
static bool
mentions_vectors(const XlWords *w, bool *has_operators)
{
	bool		found = false;

	*has_operators = false;
	for (size_t i = 0; i < w->n; i++)
	{
		if (w->tok[i].kind == TOK_OPERATOR && vector_pgvector_operator_at(w, i) != NULL)
			found = *has_operators = true;
		else if (w->tok[i].kind == TOK_IDENT &&
				 (xl_word_is(w, i, "vector") || xl_word_is(w, i, "hnsw") ||
				  xl_word_is(w, i, "ivfflat") || vector_is_function(w, i)))
			found = true;
	}
	return found;
}

/* Which word closes which, and where the operators' operands are. */
static bool
analyse(VectorRule *v, bool has_operators)
{
	size_t		n = v->w.n;

	if (!has_operators)
		return true;
	if ((v->op_at = malloc(n * sizeof(uint32_t))) == NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		v->op_at[i] = XL_NO_WORD;
	return vector_find_operators(v);
}

static void
vector_end(void *state)
{
	VectorRule *v = state;

	free(v->op_at);
	free(v->ops);
	buf_free(&v->text);
	buf_free(&v->scratch);
}

static bool
vector_begin(const XlRuleEnv *env, void **state)
{
	const VectorDialect *d = vector_dialect(env->ctx->dialect);
	bool		has_operators;
	VectorRule *v;

	if (d == NULL || env->w.n == 0 ||
		(!mentions_vectors(&env->w, &has_operators) && !vector_declares_vectors(env->ctx)))
		return false;
	if ((v = xl_rule_state_alloc(env, sizeof(VectorRule), sizeof(VectorRule))) == NULL)
		return false;
	v->dialect = d;
	v->ctx = env->ctx;
	v->float_elements = env->ctx->iris_vector_float;
	v->stmt = env->stmt;
	v->w = env->w;
	v->match = env->match;
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

	if ((res = vector_apply_operator(v, i, to, end, err)) != XL_RULE_NONE)
		return res;
	if ((res = apply_cast(v, i, to, end, err)) != XL_RULE_NONE)
		return res;
	if ((res = vector_refuse_lone_operator(v, i, err)) != XL_RULE_NONE)
		return res;
	if ((res = vector_apply_function(v, i, to, end, err)) != XL_RULE_NONE)
		return res;
	if ((res = vector_apply_declared_parameter(v, i, end, err)) != XL_RULE_NONE)
		return res;
	return vector_apply_index(v, i, to, end, err);
}

const XlRule xl_vector_rule = {"vector", vector_begin, vector_apply, vector_end};
