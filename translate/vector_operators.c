/*
 * vector_operators.c
 *		pgvector's distance operators (<->, <=>, <#>, <+>, ...): where their
 *		operands begin and end, by PostgreSQL's operator precedence, and
 *		what each dialect writes for them.
 *
 * Owns: one pass over the statement that records, for each operator, the
 * words of its left and right operands (so the rewriter, reaching the
 * left operand's first word, can write the whole construct as a function
 * of the two), and the refusal of operators a dialect has no faithful
 * form for. A distance never becomes a similarity.
 */
#include "translate/vector_internal.h"

#include <stdlib.h>

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
refuse_operator(const VectorRule *v, size_t at, const char *why, PgError *err)
{
	const PgvectorOperator *op = vector_pgvector_operator_at(&v->w, at);

	return vector_refuse(v, err, at, why, "operator %s (pgvector's %s)", op->op, op->computes);
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
			if (vector_pgvector_operator_at(w, i) != NULL)
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
bool
vector_find_operators(VectorRule *v)
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

/*
 * IRIS: ORDER BY a <=> b ASC LIMIT k is ORDER BY VECTOR_COSINE(a, b) DESC
 * (1 - x ascending is x descending), the shape IRIS's HNSW index serves
 * under SELECT TOP k (limit.c writes the TOP); <#> likewise with
 * VECTOR_DOT_PRODUCT. False if op is not that item; else *ok is the result
 * and *end past the words written (the ASC after the operand goes too).
 */
static bool
write_similarity_order(VectorRule *v, const VectorOp *op, PgError *err, bool *ok, size_t *end)
{
	size_t		at;
	size_t		asc;
	bool		cosine = xl_word_is_operator(&v->w, op->at, "<=>");

	if (!v->dialect->similarity_order || op->left < 2 ||
		!xl_vector_top_order(&v->w, op->left - 2, &at, &asc) || at != op->at)
		return false;
	buf_append_str(v->out, cosine ? "VECTOR_COSINE(" : "VECTOR_DOT_PRODUCT(");
	*ok = vector_write_operand(v, op->left, op->at, err);
	buf_append_str(v->out, ", ");
	*ok = *ok && vector_write_operand(v, op->at + 1, op->end, err);
	buf_append_str(v->out, ") DESC");
	if (asc == op->end)
		*end = asc + 1;
	return true;
}

/* Write op and its operands; *end past the words written. */
static bool
write_operator(VectorRule *v, const VectorOp *op, PgError *err, size_t *end)
{
	const OperatorRule *rule = vector_operator_rule(v->dialect, &v->w, op->at);
	bool		done = false;

	*end = op->end;
	if (rule == NULL || rule->prefix == NULL)
		return refuse_operator(v, op->at, rule != NULL ? rule->missing : NULL, err);
	if (op->chained)
		return vector_refuse(v, err, op->at, "pgvector has no vector operator on a distance",
					  "operator %s applied to a vector operator's result", rule->op);
	if (op->end == op->at + 1)
		return vector_syntax_error(v, err, op->end);
	if (write_similarity_order(v, op, err, &done, end))
		return done;
	buf_append_str(v->out, rule->prefix);
	if (!vector_write_operand(v, op->left, op->at, err))
		return false;
	buf_append_str(v->out, ", ");
	if (!vector_write_operand(v, op->at + 1, op->end, err))
		return false;
	buf_append_str(v->out, rule->suffix);
	return true;
}

/* A vector operator whose left operand begins at word i, written whole. */
XlRuleResult
vector_apply_operator(VectorRule *v, size_t i, size_t to, size_t *end, PgError *err)
{
	const VectorOp *op;

	if (v->op_at == NULL || v->op_at[i] == XL_NO_WORD)
		return XL_RULE_NONE;
	op = &v->ops[v->op_at[i]];
	if (op->end > to)
		return XL_RULE_NONE;	/* writing its left operand now */
	if (!write_operator(v, op, err, end))
		return XL_RULE_FAILED;
	return XL_RULE_WRITTEN;
}

/* An operator reached on its own: its left operand was not there to take. */
XlRuleResult
vector_refuse_lone_operator(VectorRule *v, size_t i, PgError *err)
{
	const OperatorRule *rule;

	if (vector_pgvector_operator_at(&v->w, i) == NULL)
		return XL_RULE_NONE;
	rule = v->dialect->syntax != VECTOR_NONE ? vector_operator_rule(v->dialect, &v->w, i) : NULL;
	if (rule != NULL && rule->prefix != NULL)
		(void) vector_refuse(v, err, i, "its left operand is not an operand pgwire can rewrite",
					  "this use of operator %s", rule->op);
	else
		(void) refuse_operator(v, i, rule != NULL ? rule->missing : NULL, err);
	return XL_RULE_FAILED;
}

/* ---- IRIS's HNSW shape ---- */

/* Could word i stand in an operand of the ordered distance (no operator)? */
static bool
operand_word(const XlWords *w, size_t i)
{
	switch (w->tok[i].kind)
	{
		case TOK_IDENT:
			return !xl_word_has_class(w, i, KW_NOT_OPERAND | KW_CLAUSE | KW_ENDS_TARGET_LIST);
		case TOK_QIDENT:
		case TOK_STRING:
		case TOK_DOLLAR_STRING:
		case TOK_INTEGER:
		case TOK_NUMERIC:
		case TOK_PARAM:
		case TOK_TYPECAST:
		case TOK_DOT:
			return true;
		default:
			return false;
	}
}

bool
xl_vector_top_order(const XlWords *w, size_t order, size_t *op, size_t *asc)
{
	size_t		j = order + 2;
	size_t		end;

	*op = SIZE_MAX;
	*asc = SIZE_MAX;
	if (!xl_word_is(w, order, "order") || !xl_word_is(w, order + 1, "by"))
		return false;
	for (; j < w->n; j++)
	{
		if (xl_word_kind(w, j, TOK_LPAREN) || xl_word_kind(w, j, TOK_LBRACKET))
		{
			j = xl_group_end(w, j);
			continue;
		}
		if (xl_word_is(w, j, "asc") || xl_word_is(w, j, "limit") || xl_word_is(w, j, "fetch") ||
			xl_word_kind(w, j, TOK_RPAREN))
			break;
		if (xl_word_is_operator(w, j, "<=>") || xl_word_is_operator(w, j, "<#>"))
		{
			if (*op != SIZE_MAX)
				return false;
			*op = j;
		}
		else if (!operand_word(w, j))
			return false;
	}
	if (*op == SIZE_MAX || *op == order + 2 || *op + 1 == j)
		return false;
	if (xl_word_is(w, j, "asc"))
		*asc = j++;
	/* LIMIT n | FETCH FIRST|NEXT [n] ROW|ROWS ONLY, then the query's end */
	if (xl_word_is(w, j, "limit") && (xl_word_kind(w, j + 1, TOK_INTEGER) || xl_word_kind(w, j + 1, TOK_PARAM)))
		end = j + 2;
	else if (xl_word_is(w, j, "fetch") && (xl_word_is(w, j + 1, "first") || xl_word_is(w, j + 1, "next")))
	{
		end = j + 2;
		if (xl_word_kind(w, end, TOK_INTEGER) || xl_word_kind(w, end, TOK_PARAM))
			end++;
		if (!(xl_word_is(w, end, "row") || xl_word_is(w, end, "rows")) || !xl_word_is(w, end + 1, "only"))
			return false;
		end += 2;
	}
	else
		return false;
	return end == w->n || xl_word_kind(w, end, TOK_RPAREN);
}
