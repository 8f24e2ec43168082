/*
 * expressions.c
 *		A statement's expression structure, read once for the functions
 *		rule: PostgreSQL's operator precedence over the lexer's words.
 *
 * Owns: one pass that finds, for each operator the rule cares about (LIKE,
 * IS TRUE, IS DISTINCT FROM, ...), where its left operand begins and its
 * right operand ends, whether an operand is a condition or a value, the
 * select-list, VALUES and SET items that are conditions, the sort
 * expressions of NULLS FIRST/LAST, which WHEN belongs to a CASE without
 * operand and which AND to a BETWEEN. It reads, never writes; unknown or
 * broken syntax only ends expressions early. Linear: each word is read
 * once, groups are stepped over by their matching word.
 */
#include "translate/xl_internal.h"

#include <stdlib.h>
#include <string.h>

/* PostgreSQL's operator precedence, lowest first (gram.y). */
enum
{
	LV_OR = 1,
	LV_AND,
	LV_NOT,
	LV_IS,
	LV_CMP,
	LV_LIKE,					/* LIKE ILIKE SIMILAR IN BETWEEN */
	LV_OP,						/* any other operator: || ~ -> ... */
	LV_ADD,
	LV_MUL,
	LV_EXP,
	LV_AT,
	LV_UNARY,
	LV_NONE = 0xFF
};

typedef enum FrameType
{
	FR_STATEMENT,
	FR_GROUP,					/* (...) as an operand */
	FR_CALL,					/* the arguments of name(...) */
	FR_BRACKET,
	FR_CASE
} FrameType;

/* An expression level: the statement, or the inside of a (...), [...] or CASE. */
typedef struct Frame
{
	uint32_t	open;			/* the word that opened it */
	uint8_t		type;			/* FrameType */
	bool		expect;			/* the next word begins an operand */
	bool		chain;			/* after '.': the next name continues the operand */
	bool		searched;		/* CASE without an operand */
	bool		query;			/* a SELECT, VALUES or WITH at this level */
	bool		select_list;	/* between SELECT and the list's end, or in a VALUES row */
	bool		values_list;	/* after VALUES: its rows are lists of values */
	bool		set_list;		/* after UPDATE's SET: a value follows each '=' */
	bool		order_list;		/* after ORDER BY */
	bool		item_open;		/* the select item at item_start has not ended */
	bool		order_open;		/* the sort expression at order_start has not ended */
	bool		order_operators;	/* the last sort expression had operators */
	bool		min_never_null; /* the operators at min_level are never NULL */
	uint8_t		min_level;		/* the lowest operator level in the expression */
	uint16_t	pending_between;	/* BETWEENs waiting for their AND */
	uint32_t	nboundaries;	/* expressions ended at this level */
	uint32_t	base;			/* its first entry on the operator stack */
	uint32_t	expr_start;		/* first word of the expression being read */
	uint32_t	operand_start;	/* first word of the operand being read */
	uint32_t	last_cond;		/* where the last condition-valued operand began */
	uint32_t	last_exists;	/* where the last EXISTS (...) began */
	uint32_t	item_start;
	uint32_t	order_start;
	uint32_t	order_end;
} Frame;

/* An operator waiting for the end of its right operand. */
typedef struct Entry
{
	uint32_t	after;			/* past its words: where its right operand begins */
	uint32_t	node;			/* its node, or XL_NO_WORD */
	uint8_t		level;
} Entry;

typedef struct Reader
{
	XlFn	   *fn;
	const XlWords *w;
	XlFnAnalysis *a;
	Frame	   *frames;
	size_t		nframes;
	size_t		frames_cap;
	Entry	   *stack;
	size_t		nstack;
	size_t		stack_cap;
	uint32_t	last_popped;	/* the node of the last entry pop_operators() took */
	bool		failed;
} Reader;

static const char *const not_operand_keywords[] = {
	"exists", "not", "null", "true", "false", "case", "array", "any", "all", "some", NULL
};

bool
xl_fn_is_value_keyword(const XlWords *w, size_t i)
{
	return xl_word_in(w, i, not_operand_keywords);
}

/* ---- growing arrays ---- */

static bool
reserve(void **array, size_t *cap, size_t need, size_t size)
{
	size_t		n = *cap ? *cap : 16;
	void	   *p;

	if (need <= *cap)
		return true;
	while (n < need)
		n *= 2;
	if ((p = realloc(*array, n * size)) == NULL)
		return false;
	*array = p;
	*cap = n;
	return true;
}

static Frame *
top(Reader *r)
{
	return &r->frames[r->nframes - 1];
}

static uint32_t
add_node(Reader *r, XlFnKind kind, size_t start, size_t op, size_t after, bool indexed)
{
	XlFnAnalysis *a = r->a;
	XlFnNode   *x;

	if (!reserve((void **) &a->nodes, &a->cap, a->nnodes + 1, sizeof(XlFnNode)))
	{
		r->failed = true;
		return XL_NO_WORD;
	}
	x = &a->nodes[a->nnodes];
	memset(x, 0, sizeof(*x));
	x->kind = (uint8_t) kind;
	x->start = (uint32_t) start;
	x->op = (uint32_t) op;
	x->after = x->right_end = x->expr_end = (uint32_t) after;
	x->escape = XL_NO_WORD;
	x->next = a->first_at[start];
	a->first_at[start] = (uint32_t) a->nnodes;
	if (indexed)
		a->op_at[op] = (uint32_t) a->nnodes;
	return (uint32_t) a->nnodes++;
}

static void
push_frame(Reader *r, size_t open, FrameType type)
{
	Frame	   *f;

	if (!reserve((void **) &r->frames, &r->frames_cap, r->nframes + 1, sizeof(Frame)))
	{
		r->failed = true;
		return;
	}
	f = &r->frames[r->nframes++];
	memset(f, 0, sizeof(*f));
	f->open = (uint32_t) open;
	f->type = (uint8_t) type;
	f->expect = true;
	f->min_level = LV_NONE;
	f->base = (uint32_t) r->nstack;
	f->expr_start = (uint32_t) (open == XL_NO_WORD ? 0 : open + 1);
	f->operand_start = f->last_cond = f->last_exists = XL_NO_WORD;
	f->item_start = f->order_start = f->order_end = XL_NO_WORD;
	f->searched = type == FR_CASE && xl_word_is(r->w, open + 1, "when");
}

/* ---- operands and conditions ---- */

/* Is the expression read since word start (at this level) a condition? */
static bool
is_condition(const Frame *f, size_t start)
{
	return f->min_level <= LV_LIKE || (f->last_cond != XL_NO_WORD && f->last_cond >= start);
}

static bool
never_null_kind(XlFnKind kind)
{
	return (kind >= XL_FN_IS_TRUE && kind <= XL_FN_IS_NULL) || kind == XL_FN_DISTINCT ||
		kind == XL_FN_NOT_DISTINCT;
}

static void
note_level(Frame *f, uint8_t level, XlFnKind kind)
{
	if (level < f->min_level)
	{
		f->min_level = level;
		f->min_never_null = never_null_kind(kind);
	}
	else if (level == f->min_level)
		f->min_never_null = f->min_never_null && never_null_kind(kind);
}

/* The select item or sort expression being read ends at word at. */
static void
end_item(Reader *r, Frame *f, size_t at)
{
	if (f->item_open && at > f->item_start)
	{
		f->item_open = false;
		if (is_condition(f, f->item_start))
		{
			uint32_t	k = add_node(r, XL_FN_ITEM, f->item_start, f->item_start, f->item_start, false);

			if (k != XL_NO_WORD)
			{
				r->a->nodes[k].right_end = (uint32_t) at;
				r->a->nodes[k].left_cond = true;
				r->a->nodes[k].never_null = (f->min_level == LV_IS && f->min_never_null) ||
					(f->min_level == LV_NONE && f->last_exists == f->item_start);
			}
		}
	}
	if (f->order_open && at > f->order_start)
	{
		f->order_open = false;
		f->order_end = (uint32_t) at;
		f->order_operators = f->min_level != LV_NONE;
	}
}

/*
 * Take the operators of level >= level off the frame's stack: their right
 * operands end at word at. Returns the lowest level taken.
 */
static uint8_t
pop_operators(Reader *r, Frame *f, uint8_t level, size_t at)
{
	uint8_t		lowest = LV_NONE;

	r->last_popped = XL_NO_WORD;
	while (r->nstack > f->base && r->stack[r->nstack - 1].level >= level)
	{
		Entry		e = r->stack[--r->nstack];

		if (e.node != XL_NO_WORD)
		{
			XlFnNode   *x = &r->a->nodes[e.node];

			x->right_end = (uint32_t) at;
			x->right_cond = lowest <= LV_LIKE ||
				(f->last_cond != XL_NO_WORD && f->last_cond >= x->after);
		}
		lowest = Min(lowest, e.level);
		r->last_popped = e.node;
	}
	return lowest;
}

/* The expression at this level ends at word at; the next begins at restart. */
static void
boundary(Reader *r, size_t at, size_t restart)
{
	Frame	   *f = top(r);

	end_item(r, f, at);
	pop_operators(r, f, 0, at);
	f->expr_start = (uint32_t) restart;
	f->operand_start = XL_NO_WORD;
	f->expect = true;
	f->chain = false;
	f->min_level = LV_NONE;
	f->min_never_null = false;
	f->pending_between = 0;
	f->nboundaries++;
}

/* Does the string at word i continue a typed literal (DATE '...', INTERVAL '...')? */
static bool
continues_typed_literal(const Reader *r, const Frame *f, size_t i)
{
	return (r->w->tok[i].kind == TOK_STRING || r->w->tok[i].kind == TOK_DOLLAR_STRING) &&
		i > 0 && f->operand_start == i - 1 && xl_word_kind(r->w, i - 1, TOK_IDENT) &&
		!xl_word_is_reserved(r->w, i - 1);
}

/* Word i begins or continues an operand. Two operands in a row begin a new expression. */
static void
operand(Reader *r, size_t i)
{
	Frame	   *f = top(r);

	if (!f->expect && !f->chain && !continues_typed_literal(r, f, i))
		boundary(r, i, i);
	if (f->expect)
		f->operand_start = (uint32_t) i;
	f->expect = false;
	f->chain = false;
}

/* ---- operators ---- */

static void
push_entry(Reader *r, size_t after, uint32_t node, uint8_t level)
{
	if (!reserve((void **) &r->stack, &r->stack_cap, r->nstack + 1, sizeof(Entry)))
	{
		r->failed = true;
		return;
	}
	r->stack[r->nstack].after = (uint32_t) after;
	r->stack[r->nstack].node = node;
	r->stack[r->nstack].level = level;
	r->nstack++;
}

/* Does the construct of this kind get a node? */
static bool
kind_has_node(XlFnKind kind)
{
	return kind != XL_FN_OTHER && kind != XL_FN_IS_NULL;
}

/*
 * An infix (binary) or postfix operator at words [i, after): its left
 * operand is what follows the last operator of a lower level.
 */
static void
operator_at(Reader *r, size_t i, size_t after, uint8_t level, XlFnKind kind, bool postfix)
{
	Frame	   *f = top(r);
	uint8_t		lowest = pop_operators(r, f, level, i);
	uint32_t	popped = r->last_popped;
	size_t		left = r->nstack > f->base ? r->stack[r->nstack - 1].after : f->expr_start;
	uint32_t	k = XL_NO_WORD;

	if (kind_has_node(kind) && (k = add_node(r, kind, left, i, after, true)) != XL_NO_WORD)
		r->a->nodes[k].left_cond = lowest <= LV_LIKE ||
			(f->last_cond != XL_NO_WORD && f->last_cond >= left);
	if (kind == XL_FN_ESCAPE && popped != XL_NO_WORD && xl_fn_is_like_kind(r->a->nodes[popped].kind))
		r->a->nodes[popped].escape = k;
	push_entry(r, after, postfix ? XL_NO_WORD : k, level);
	if (!postfix || kind != XL_FN_OTHER)
		note_level(f, level, kind); /* IS DOCUMENT, IS NORMALIZED: not IRIS's conditions */
	f->expect = !postfix;
	f->chain = false;
}

static void
prefix_at(Reader *r, size_t i, uint8_t level)
{
	Frame	   *f = top(r);

	push_entry(r, i + 1, XL_NO_WORD, level);
	note_level(f, level, XL_FN_OTHER);
	f->expect = true;
}

/* The level of the operator token at word i, and what construct it is. */
static uint8_t
operator_level(const XlWords *w, size_t i, XlFnKind *kind)
{
	static const char *const comparisons[] = {"<=", ">=", "<>", "!="};
	static const char *const regexes[] = {"~", "~*", "!~", "!~*"};
	static const char *const likes[] = {"~~", "~~*", "!~~", "!~~*"};
	const char *p = w->query + w->tok[i].start;

	*kind = XL_FN_OTHER;
	if (w->tok[i].len == 1 && strchr("=<>", p[0]) != NULL)
		return LV_CMP;
	if (w->tok[i].len == 1 && strchr("+-", p[0]) != NULL)
		return LV_ADD;
	if (w->tok[i].len == 1 && strchr("*/%", p[0]) != NULL)
		return LV_MUL;
	if (w->tok[i].len == 1 && p[0] == '^')
		return LV_EXP;
	for (size_t k = 0; k < lengthof(comparisons); k++)
	{
		if (xl_word_is_operator(w, i, comparisons[k]))
			return LV_CMP;
	}
	for (size_t k = 0; k < lengthof(regexes); k++)
	{
		if (xl_word_is_operator(w, i, regexes[k]))
			*kind = XL_FN_REGEX;
		if (xl_word_is_operator(w, i, likes[k]))
			*kind = XL_FN_LIKE_OPERATOR;
	}
	return LV_OP;
}

static size_t
operator_word(Reader *r, size_t i)
{
	Frame	   *f = top(r);
	XlFnKind	kind;
	uint8_t		level;

	if (i > 0 && r->w->tok[i - 1].kind == TOK_DOT)
	{
		f->expect = false;		/* t.* */
		return i + 1;
	}
	if (f->expect)
	{
		prefix_at(r, i, xl_word_is_op(r->w, i, '-') || xl_word_is_op(r->w, i, '+') ? LV_UNARY : LV_OP);
		return i + 1;
	}
	if (f->set_list && xl_word_is_op(r->w, i, '=') && f->min_level == LV_NONE)
	{
		/* SET column = value: the value is an item */
		boundary(r, i, i + 1);
		top(r)->item_start = (uint32_t) (i + 1);
		top(r)->item_open = true;
		return i + 1;
	}
	level = operator_level(r->w, i, &kind);
	operator_at(r, i, i + 1, level, kind, false);
	return i + 1;
}

/* IS [NOT] TRUE | FALSE | UNKNOWN | NULL | DISTINCT FROM | DOCUMENT | ... at word i. */
static size_t
is_operator(Reader *r, size_t i)
{
	const XlWords *w = r->w;
	bool		not = xl_word_is(w, i + 1, "not");
	size_t		j = i + (not ? 2 : 1);

	if (xl_word_is(w, j, "true"))
		operator_at(r, i, j + 1, LV_IS, not ? XL_FN_IS_NOT_TRUE : XL_FN_IS_TRUE, true);
	else if (xl_word_is(w, j, "false"))
		operator_at(r, i, j + 1, LV_IS, not ? XL_FN_IS_NOT_FALSE : XL_FN_IS_FALSE, true);
	else if (xl_word_is(w, j, "unknown"))
		operator_at(r, i, j + 1, LV_IS, not ? XL_FN_IS_NOT_UNKNOWN : XL_FN_IS_UNKNOWN, true);
	else if (xl_word_is(w, j, "null"))
		operator_at(r, i, j + 1, LV_IS, XL_FN_IS_NULL, true);
	else if (xl_word_is(w, j, "distinct") && xl_word_is(w, j + 1, "from"))
	{
		operator_at(r, i, j + 2, LV_IS, not ? XL_FN_NOT_DISTINCT : XL_FN_DISTINCT, false);
		return j + 2;
	}
	else if (xl_word_is(w, j, "of") && xl_word_kind(w, j + 1, TOK_LPAREN) &&
			 r->a->match[j + 1] != XL_NO_WORD)
	{
		operator_at(r, i, r->a->match[j + 1] + 1, LV_IS, XL_FN_OTHER, true);
		return r->a->match[j + 1] + 1;
	}
	else if (xl_word_kind(w, j, TOK_IDENT) && !xl_word_is_reserved(w, j))
		operator_at(r, i, j + 1, LV_IS, XL_FN_OTHER, true);	/* DOCUMENT, JSON, NORMALIZED */
	else
	{
		boundary(r, i, i + 1);
		return i + 1;
	}
	return j + 1;
}

/* NOT at word i: NOT LIKE / ILIKE / IN / BETWEEN / SIMILAR TO, or the prefix NOT. */
static size_t
not_word(Reader *r, size_t i)
{
	const XlWords *w = r->w;
	Frame	   *f = top(r);
	size_t		after = i + 2;

	if (f->expect)
	{
		prefix_at(r, i, LV_NOT);
		return i + 1;
	}
	if (xl_word_is(w, i + 1, "like"))
		operator_at(r, i, after, LV_LIKE, XL_FN_NOT_LIKE, false);
	else if (xl_word_is(w, i + 1, "ilike"))
		operator_at(r, i, after, LV_LIKE, XL_FN_NOT_ILIKE, false);
	else if (xl_word_is(w, i + 1, "similar") && xl_word_is(w, i + 2, "to"))
		operator_at(r, i, ++after, LV_LIKE, XL_FN_SIMILAR, false);
	else if (xl_word_is(w, i + 1, "in"))
		operator_at(r, i, after, LV_LIKE, XL_FN_OTHER, false);
	else if (xl_word_is(w, i + 1, "between"))
	{
		if (xl_word_is(w, after, "symmetric") || xl_word_is(w, after, "asymmetric"))
			after++;
		operator_at(r, i, after, LV_LIKE, XL_FN_OTHER, false);
		top(r)->pending_between++;
	}
	else
	{
		boundary(r, i, i + 1);	/* NOT NULL, NOT DEFERRABLE ... */
		return i + 1;
	}
	return after;
}

/* Word i (not '(' or ')') closes the CASE or bracket being read. */
static void
close_frame(Reader *r, size_t at)
{
	Frame	   *f = top(r);

	end_item(r, f, at);
	pop_operators(r, f, 0, at);
	r->nframes--;
	top(r)->expect = false;
	top(r)->chain = false;
}

/* ')' at word i. */
static void
close_group(Reader *r, size_t i)
{
	Frame	   *g;
	Frame	   *f;
	bool		condition;

	while (r->nframes > 1 && top(r)->type != FR_GROUP && top(r)->type != FR_CALL)
		close_frame(r, i);		/* a CASE or '[' left open */
	if (r->nframes == 1)
	{
		boundary(r, i, i + 1);	/* a ')' without its '(' */
		return;
	}
	g = top(r);
	end_item(r, g, i);
	pop_operators(r, g, 0, i);
	condition = g->type == FR_GROUP && !g->query && g->nboundaries == 0 &&
		is_condition(g, g->expr_start);
	if (g->query)
		r->a->flags[g->open] |= XL_FN_QUERY;
	r->nframes--;
	f = top(r);
	f->expect = false;
	f->chain = false;
	if (condition)
		f->last_cond = g->open;
	if (g->type == FR_CALL && f->operand_start != XL_NO_WORD &&
		xl_word_is(r->w, f->operand_start, "exists"))
		f->last_cond = f->last_exists = f->operand_start;
}

static size_t
open_frame(Reader *r, size_t i, FrameType type)
{
	bool		row = type == FR_GROUP && top(r)->values_list && i > 0 &&
		(xl_word_is(r->w, i - 1, "values") || xl_word_kind(r->w, i - 1, TOK_COMMA));

	if (type == FR_GROUP)
		operand(r, i);
	push_frame(r, i, type);
	if (row && !r->failed)
	{
		/* a row of VALUES: its items are values, as a select list's */
		top(r)->select_list = true;
		top(r)->item_start = (uint32_t) (i + 1);
		top(r)->item_open = true;
	}
	return i + 1;
}

/* SELECT at word i: a select list begins, its first item after ALL or DISTINCT [ON (...)]. */
static size_t
select_word(Reader *r, size_t i)
{
	const XlWords *w = r->w;
	Frame	   *f;
	size_t		j = i + 1;

	boundary(r, i, i + 1);
	f = top(r);
	f->query = true;
	f->select_list = true;
	f->order_list = false;
	if (xl_word_is(w, j, "all"))
		j++;
	else if (xl_word_is(w, j, "distinct"))
	{
		j++;
		if (xl_word_is(w, j, "on") && xl_word_kind(w, j + 1, TOK_LPAREN) &&
			r->a->match[j + 1] != XL_NO_WORD)
			j = r->a->match[j + 1] + 1;
	}
	f->item_start = (uint32_t) j;
	f->item_open = true;
	return i + 1;
}

/* NULLS FIRST | LAST at word i: the sort expression it is about. */
static size_t
nulls_word(Reader *r, size_t i)
{
	Frame	   *f;
	bool		in_order;
	uint32_t	k;
	XlFnKind	kind = xl_word_is(r->w, i + 1, "first") ? XL_FN_NULLS_FIRST : XL_FN_NULLS_LAST;

	boundary(r, i, i + 2);
	f = top(r);
	in_order = f->order_list && f->order_start != XL_NO_WORD && f->order_start < i &&
		f->order_end != XL_NO_WORD;
	k = add_node(r, kind, in_order ? f->order_start : i, i, i + 2, true);
	if (k != XL_NO_WORD)
	{
		r->a->nodes[k].in_order_by = in_order;
		r->a->nodes[k].expr_end = in_order ? f->order_end : (uint32_t) i;
		r->a->nodes[k].has_operators = in_order && f->order_operators;
	}
	return i + 2;
}

static size_t
comma(Reader *r, size_t i)
{
	Frame	   *f;

	boundary(r, i, i + 1);
	f = top(r);
	if (f->select_list)
	{
		f->item_start = (uint32_t) (i + 1);
		f->item_open = true;
	}
	if (f->order_list)
	{
		f->order_start = (uint32_t) (i + 1);
		f->order_end = XL_NO_WORD;
		f->order_open = true;
	}
	return i + 1;
}

static bool
after_close(const XlWords *w, size_t i)
{
	return i > 0 && w->tok[i - 1].kind == TOK_RPAREN;
}

/* Words of the clause structure: they end the expression at their level. */
static size_t
clause_word(Reader *r, size_t i)
{
	const XlWords *w = r->w;
	Frame	   *f = top(r);

	if (xl_word_is(w, i, "when") || xl_word_is(w, i, "then"))
	{
		if (f->type == FR_CASE && f->searched)
			r->a->flags[i] |= XL_FN_SEARCHED;
	}
	else if (xl_word_is(w, i, "values") || xl_word_is(w, i, "with"))
	{
		f->query = true;
		f->select_list = false;
		f->values_list = xl_word_is(w, i, "values");
	}
	else if (xl_word_is(w, i, "order") && xl_word_is(w, i + 1, "by"))
	{
		boundary(r, i, i + 2);
		f->select_list = false;
		f->order_list = true;
		f->order_start = (uint32_t) (i + 2);
		f->order_end = XL_NO_WORD;
		f->order_open = true;
		return i + 2;
	}
	else if (xl_word_ends_target_list(w, i) || xl_word_is(w, i, "returning"))
		f->select_list = f->order_list = f->values_list = f->set_list = false;
	boundary(r, i, i + 1);
	return i + 1;
}

static bool
is_clause_word(const XlWords *w, size_t i)
{
	return xl_word_has_class(w, i, KW_CLAUSE | KW_ENDS_TARGET_LIST | KW_NOT_OPERAND);
}

/* Is a SET in this statement UPDATE's (or ON CONFLICT's, MERGE's) list of assignments? */
static bool
sets_values(const Reader *r)
{
	StmtKind	k = r->fn->env.stmt->kind;

	return k == STMT_UPDATE || k == STMT_INSERT || k == STMT_MERGE;
}

/* An unquoted word at i: an operator keyword, a clause word, or an operand. */
static size_t
keyword_word(Reader *r, size_t i)
{
	const XlWords *w = r->w;
	Frame	   *f = top(r);
	bool		infix = !f->expect;

	if (xl_word_is(w, i, "and"))
	{
		bool		between = f->pending_between > 0;

		if (between)
		{
			f->pending_between--;
			r->a->flags[i] |= XL_FN_BETWEEN_AND;
		}
		operator_at(r, i, i + 1, between ? LV_LIKE : LV_AND, XL_FN_OTHER, false);
	}
	else if (xl_word_is(w, i, "or"))
		operator_at(r, i, i + 1, LV_OR, XL_FN_OTHER, false);
	else if (xl_word_is(w, i, "not"))
		return not_word(r, i);
	else if (infix && xl_word_is(w, i, "is"))
		return is_operator(r, i);
	else if (infix && (xl_word_is(w, i, "isnull") || xl_word_is(w, i, "notnull")))
		operator_at(r, i, i + 1, LV_IS, XL_FN_IS_NULL, true);
	else if (infix && (xl_word_is(w, i, "like") || xl_word_is(w, i, "ilike")))
		operator_at(r, i, i + 1, LV_LIKE, xl_word_is(w, i, "like") ? XL_FN_LIKE : XL_FN_ILIKE, false);
	else if (infix && xl_word_is(w, i, "similar") && xl_word_is(w, i + 1, "to"))
	{
		operator_at(r, i, i + 2, LV_LIKE, XL_FN_SIMILAR, false);
		return i + 2;
	}
	else if (infix && xl_word_is(w, i, "in"))
		operator_at(r, i, i + 1, LV_LIKE, XL_FN_OTHER, false);
	else if (infix && xl_word_is(w, i, "between"))
	{
		size_t		after = i + 1;

		if (xl_word_is(w, after, "symmetric") || xl_word_is(w, after, "asymmetric"))
			after++;
		operator_at(r, i, after, LV_LIKE, XL_FN_OTHER, false);
		top(r)->pending_between++;
		return after;
	}
	else if (infix && xl_word_is(w, i, "escape"))
		operator_at(r, i, i + 1, LV_LIKE, XL_FN_ESCAPE, false);
	else if (infix && xl_word_is(w, i, "overlaps"))
		operator_at(r, i, i + 1, LV_OP, XL_FN_OTHER, false);
	else if (infix && xl_word_is(w, i, "at") && xl_word_is(w, i + 1, "time") &&
			 xl_word_is(w, i + 2, "zone"))
	{
		operator_at(r, i, i + 3, LV_AT, XL_FN_OTHER, false);
		return i + 3;
	}
	else if (infix && xl_word_is(w, i, "at") && xl_word_is(w, i + 1, "local"))
		return i + 2;
	else if (infix && xl_word_is(w, i, "collate"))
	{
		size_t		j = i + 2;

		while (xl_word_kind(w, j, TOK_DOT) && xl_word_is_name(w, j + 1))
			j += 2;
		return j;
	}
	else if (xl_word_is(w, i, "case"))
	{
		operand(r, i);
		push_frame(r, i, FR_CASE);
	}
	else if (xl_word_is(w, i, "end") && f->type == FR_CASE)
		close_frame(r, i);
	else if (xl_word_is(w, i, "select"))
		return select_word(r, i);
	else if (xl_word_is(w, i, "set") && sets_values(r))
	{
		boundary(r, i, i + 1);
		top(r)->set_list = top(r)->select_list = true;
		top(r)->item_open = false;
	}
	else if (xl_word_is(w, i, "nulls") && (xl_word_is(w, i + 1, "first") || xl_word_is(w, i + 1, "last")))
		return nulls_word(r, i);
	else if (infix && after_close(w, i) && (xl_word_is(w, i, "filter") || xl_word_is(w, i, "over")))
		return i + 1 + (xl_word_is(w, i, "over") && xl_word_is_name(w, i + 1) ? 1 : 0);
	else if (infix && after_close(w, i) && xl_word_is(w, i, "within") && xl_word_is(w, i + 1, "group"))
		return i + 2;
	else if (xl_word_in(w, i, not_operand_keywords))
		operand(r, i);
	else if (is_clause_word(w, i))
		return clause_word(r, i);
	else
		operand(r, i);
	return i + 1;
}

/*
 * Past the type name at word j (after '::'): a qualified name, the words
 * of DOUBLE PRECISION, CHARACTER VARYING, TIMESTAMP WITH TIME ZONE,
 * modifiers and array bounds. Groups are stepped over by their match.
 */
static size_t
type_name_end(const Reader *r, size_t j)
{
	static const char *const type_words[] = {
		"precision", "varying", "with", "without", "time", "zone", NULL
	};
	const XlWords *w = r->w;

	if (!xl_word_is_name(w, j))
		return j;
	j++;
	while (xl_word_kind(w, j, TOK_DOT) && xl_word_is_name(w, j + 1))
		j += 2;
	for (int pass = 0; pass < 2; pass++)
	{
		while (xl_word_in(w, j, type_words))
			j++;
		if (xl_word_kind(w, j, TOK_LPAREN) && r->a->match[j] != XL_NO_WORD && pass == 0)
			j = r->a->match[j] + 1;
	}
	while (xl_word_kind(w, j, TOK_LBRACKET) && r->a->match[j] != XL_NO_WORD)
		j = r->a->match[j] + 1;
	return j;
}

/* Read word i (and the words that belong to it); the next word to read. */
static size_t
read_word(Reader *r, size_t i)
{
	Frame	   *f = top(r);

	switch (r->w->tok[i].kind)
	{
		case TOK_LPAREN:
			return open_frame(r, i, f->expect ? FR_GROUP : FR_CALL);
		case TOK_RPAREN:
			close_group(r, i);
			return i + 1;
		case TOK_LBRACKET:
			return open_frame(r, i, FR_BRACKET);
		case TOK_RBRACKET:
			if (r->nframes > 1 && f->type == FR_BRACKET)
				close_frame(r, i);
			return i + 1;
		case TOK_COMMA:
			return comma(r, i);
		case TOK_TYPECAST:
			f->expect = false;
			return type_name_end(r, i + 1);
		case TOK_DOT:
			f->chain = !f->expect;
			return i + 1;
		case TOK_OPERATOR:
			return operator_word(r, i);
		case TOK_SEMICOLON:
		case TOK_COLON:
			boundary(r, i, i + 1);
			return i + 1;
		case TOK_IDENT:
			return keyword_word(r, i);
		default:
			operand(r, i);
			return i + 1;
	}
}

static bool
allocate_analysis(XlFnAnalysis *a, size_t n)
{
	memset(a, 0, sizeof(*a));
	a->flags = calloc(n, 1);
	a->first_at = malloc(n * sizeof(uint32_t));
	a->op_at = malloc(n * sizeof(uint32_t));
	if (a->flags == NULL || a->first_at == NULL || a->op_at == NULL)
		return false;
	memset(a->first_at, 0xFF, n * sizeof(uint32_t));
	memset(a->op_at, 0xFF, n * sizeof(uint32_t));
	return true;
}

bool
xl_fn_analyse(XlFn *fn)
{
	Reader		r;
	size_t		i = 0;

	memset(&r, 0, sizeof(r));
	r.fn = fn;
	r.w = &fn->w;
	r.a = &fn->a;
	if (!allocate_analysis(&fn->a, fn->w.n))
		return false;
	fn->a.match = fn->env.match;
	push_frame(&r, XL_NO_WORD, FR_STATEMENT);
	while (i < fn->w.n && !r.failed)
		i = read_word(&r, i);
	while (r.nframes > 1 && !r.failed)
		close_frame(&r, fn->w.n);
	if (r.nframes == 1 && !r.failed)
	{
		end_item(&r, top(&r), fn->w.n);
		pop_operators(&r, top(&r), 0, fn->w.n);
	}
	free(r.frames);
	free(r.stack);
	return !r.failed;
}

void
xl_fn_analysis_free(XlFnAnalysis *a)
{
	free(a->flags);
	free(a->first_at);
	free(a->op_at);
	free(a->nodes);
	memset(a, 0, sizeof(*a));
}

/* The group at word j, if it is one: past its closing word, or j. */
static size_t
past_group(const XlFn *fn, size_t j)
{
	if (j < fn->w.n && fn->a.match[j] != XL_NO_WORD)
		return fn->a.match[j] + 1;
	return j;
}

/* Past WITHIN GROUP (...), FILTER (...) and OVER (...) | OVER name after a call ending before j. */
static size_t
skip_call_suffixes(const XlFn *fn, size_t j)
{
	const XlWords *w = &fn->w;

	if (xl_word_is(w, j, "within") && xl_word_is(w, j + 1, "group"))
		j = past_group(fn, j + 2);
	if (xl_word_is(w, j, "filter"))
		j = past_group(fn, j + 1);
	if (xl_word_is(w, j, "over"))
		j = xl_word_kind(w, j + 1, TOK_LPAREN) ? past_group(fn, j + 1) :
			(xl_word_is_name(w, j + 1) && !xl_word_is_reserved(w, j + 1)) ? j + 2 : j;
	return j;
}

size_t
xl_fn_primary_end(const XlFn *fn, size_t i)
{
	const XlWords *w = &fn->w;
	const uint32_t *match = fn->a.match;
	size_t		j;

	if (i >= w->n)
		return i;
	switch (w->tok[i].kind)
	{
		case TOK_PARAM:
		case TOK_STRING:
		case TOK_DOLLAR_STRING:
		case TOK_INTEGER:
		case TOK_NUMERIC:
			return i + 1;
		case TOK_LPAREN:
			return match[i] == XL_NO_WORD ? i : match[i] + 1;
		case TOK_IDENT:
			if (xl_word_is(w, i, "case"))
				return match[i] == XL_NO_WORD ? i : match[i] + 1;
			/* FALLTHROUGH */
		case TOK_QIDENT:
			j = i + 1;
			while (xl_word_kind(w, j, TOK_DOT) && xl_word_is_name(w, j + 1))
				j += 2;
			if (xl_word_kind(w, j, TOK_LPAREN))
			{
				if (match[j] == XL_NO_WORD)
					return i;
				j = skip_call_suffixes(fn, match[j] + 1);
			}
			return j;
		default:
			return i;
	}
}

