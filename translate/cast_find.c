/*
 * cast_find.c
 *		Finding the casts of a statement: x::type, CAST(x AS type) and
 *		type 'literal', with the operand each applies to.
 *
 * Owns: PostgreSQL's syntax around a cast, read from the lexer's words:
 * the primary expression before '::' (a literal, a name, a call, (...),
 * CASE ... END, $n, with subscripts), chains of casts (x::a::b; a cast that
 * is the whole operand of another is merged into it), which parenthesis
 * or CASE closes which, and the words that cannot begin an operand. What
 * a cast becomes is decided in cast.c.
 */
#include "translate/xl_internal.h"

#include <string.h>

#define MAX_FLATTEN		4		/* CAST(CAST(...)) and ((x::t)) merged into one chain */
#define MAX_TYPE_WORDS	16		/* words of a type name before a typed literal's string */

/* Words that introduce an operand without being one: NOT (x)::int is NOT ((x)::int). */
static const char *const not_operand_words[] = {
	"not", "by", "escape", "return", "first", "next", "values", NULL
};

static bool find_chain(XlCasts *c, const XlWords *w, size_t i, XlCast *cast, int depth);

/* ---- which word closes which ---- */

void
xl_cast_match_groups(const XlWords *w, uint32_t *match)
{
	uint32_t   *stack = match + w->n;
	size_t		depth = 0;

	for (size_t i = 0; i < w->n; i++)
	{
		TokenKind	k = w->tok[i].kind;

		match[i] = XL_NO_WORD;
		if (k == TOK_LPAREN || k == TOK_LBRACKET || xl_word_is(w, i, "case"))
			stack[depth++] = (uint32_t) i;
		else if (k == TOK_RPAREN || k == TOK_RBRACKET)
		{
			TokenKind	open = k == TOK_RPAREN ? TOK_LPAREN : TOK_LBRACKET;

			while (depth > 0 && w->tok[stack[depth - 1]].kind == TOK_IDENT)
				depth--;		/* a CASE without its END */
			if (depth > 0 && w->tok[stack[depth - 1]].kind == open)
				match[stack[--depth]] = (uint32_t) i;
		}
		else if (depth > 0 && w->tok[stack[depth - 1]].kind == TOK_IDENT &&
				 xl_word_is(w, i, "end"))
			match[stack[--depth]] = (uint32_t) i;
	}
}

/* ---- finding casts ---- */

/* The word closing the group or CASE opened at word i, or SIZE_MAX. */
static size_t
closing(const XlCasts *c, const XlWords *w, size_t i)
{
	uint32_t	m = c->match[i];

	return (m == XL_NO_WORD || m >= w->n) ? SIZE_MAX : m;
}

/* Is word i the continuation of a name (t.x), so that nothing begins there? */
static bool
after_dot(const XlWords *w, size_t i)
{
	return i > 0 && w->tok[i - 1].kind == TOK_DOT;
}

/* May the identifier at word i begin an operand? */
static bool
begins_operand(const XlWords *w, size_t i)
{
	if (w->tok[i].kind == TOK_QIDENT)
		return true;
	if (xl_word_is_reserved(w, i) || xl_word_in(w, i, not_operand_words))
		return false;
	return !(xl_word_is(w, i, "zone") && xl_word_is(w, i - 1, "time"));	/* AT TIME ZONE */
}

/* Past [subscripts] and .fields after an operand ending before word j. */
static size_t
indirection_end(const XlCasts *c, const XlWords *w, size_t j)
{
	for (;;)
	{
		size_t		close;

		if (xl_word_kind(w, j, TOK_LBRACKET) && (close = closing(c, w, j)) != SIZE_MAX)
			j = close + 1;
		else if (xl_word_kind(w, j, TOK_DOT) && xl_word_is_name(w, j + 1))
			j += 2;
		else
			return j;
	}
}

/* A column a.b.c or a call [schema.]f(...) [OVER (...)] starting at word i. */
static size_t
name_end(const XlCasts *c, const XlWords *w, size_t i)
{
	size_t		j = i + 1;
	size_t		close;

	while (xl_word_kind(w, j, TOK_DOT) && xl_word_is_name(w, j + 1))
		j += 2;
	if (!xl_word_kind(w, j, TOK_LPAREN))
		return j;
	if ((close = closing(c, w, j)) == SIZE_MAX)
		return i;
	return xl_skip_call_suffixes(w, close + 1);
}

/*
 * The end of what has the shape of a primary expression at word i (a
 * literal, a name, a call, (...), CASE ... END, $n, with subscripts), or i
 * if nothing does. Reserved words are not told apart yet.
 */
static size_t
primary_shape_end(const XlCasts *c, const XlWords *w, size_t i)
{
	size_t		j;

	if (i >= w->n || after_dot(w, i))
		return i;
	switch (w->tok[i].kind)
	{
		case TOK_STRING:
		case TOK_DOLLAR_STRING:
		case TOK_INTEGER:
		case TOK_NUMERIC:
			return i + 1;
		case TOK_PARAM:
			j = i + 1;
			break;
		case TOK_LPAREN:
			if ((j = closing(c, w, i)) == SIZE_MAX)
				return i;
			j++;
			break;
		case TOK_IDENT:
		case TOK_QIDENT:
			if (xl_word_is(w, i, "case"))
				return (j = closing(c, w, i)) == SIZE_MAX ? i : j + 1;
			j = name_end(c, w, i);
			if (j == i)
				return i;
			break;
		default:
			return i;
	}
	return indirection_end(c, w, j);
}

/* The end of the primary expression at word i, or i if none begins there. */
static size_t
primary_end(const XlCasts *c, const XlWords *w, size_t i)
{
	size_t		j = primary_shape_end(c, w, i);

	return (j > i && w->tok[i].kind == TOK_IDENT && !begins_operand(w, i)) ? i : j;
}

/*
 * Could a string constant follow a type name beginning at word i, as in
 * TIMESTAMP(3) WITH TIME ZONE '...'? Looks at the kinds of words only.
 */
static bool
string_follows(const XlWords *w, size_t i)
{
	bool		modifiers = false;

	for (size_t j = i + 1; j < w->n && j <= i + MAX_TYPE_WORDS; j++)
	{
		switch (w->tok[j].kind)
		{
			case TOK_STRING:
			case TOK_DOLLAR_STRING:
				return !modifiers;
			case TOK_IDENT:
			case TOK_QIDENT:
			case TOK_DOT:
			case TOK_LPAREN:
				if (modifiers)
					return false;
				modifiers = w->tok[j].kind == TOK_LPAREN;
				break;
			case TOK_INTEGER:
			case TOK_COMMA:
			case TOK_OPERATOR:
			case TOK_RPAREN:
				if (!modifiers)
					return false;
				modifiers = w->tok[j].kind != TOK_RPAREN;
				break;
			default:
				return false;
		}
	}
	return false;
}

static void
add_level(XlCast *cast, size_t at, size_t type_first, size_t type_end)
{
	XlCastLevel *l;

	if (cast->nlevels == XL_MAX_CHAIN)
	{
		cast->too_long = true;
		return;
	}
	l = &cast->levels[cast->nlevels++];
	l->at = at;
	l->type_first = type_first;
	l->type_end = type_end;
}

/* Take over the operand and casts of sub, a cast that is the whole operand. */
static void
merge_chain(XlCast *cast, const XlCast *sub)
{
	cast->operand = sub->operand;
	cast->operand_end = sub->operand_end;
	cast->operand_primary = sub->operand_primary;
	cast->nlevels = sub->nlevels;
	memcpy(cast->levels, sub->levels, sizeof(sub->levels[0]) * (size_t) sub->nlevels);
}

/* Is words [from, to) one cast of its own, found in *sub? */
static bool
whole_chain(XlCasts *c, const XlWords *w, size_t from, size_t to, XlCast *sub, int depth)
{
	XlWords		inner = *w;

	inner.n = to;
	return depth < MAX_FLATTEN && find_chain(c, &inner, from, sub, depth + 1) &&
		sub->end == to && sub->operand < sub->operand_end && !sub->too_long;
}

/*
 * The operand of a cast is words [from, to). When it is a cast itself
 * (CAST(x::int AS text), ('1'::int)::text) its casts are taken over, so a
 * constant folds through all of them; parentheses around a primary go.
 */
static void
set_operand(XlCasts *c, const XlWords *w, size_t from, size_t to, XlCast *cast, int depth)
{
	XlWords		inner = *w;
	XlCast		sub;

	if (whole_chain(c, w, from, to, &sub, depth))
	{
		merge_chain(cast, &sub);
		return;
	}
	inner.n = to;
	while (to - from > 2 && w->tok[from].kind == TOK_LPAREN && closing(c, &inner, from) == to - 1)
	{
		if (whole_chain(c, w, from + 1, to - 1, &sub, depth))
		{
			merge_chain(cast, &sub);
			return;
		}
		inner.n = to - 1;
		if (primary_end(c, &inner, from + 1) != to - 1)
			break;
		from++;
		to--;
	}
	inner.n = to;
	cast->operand = from;
	cast->operand_end = to;
	cast->operand_primary = primary_end(c, &inner, from) == to;
}

/* The AS of CAST(x AS t) whose '(' is word open, or SIZE_MAX. */
static size_t
cast_as(const XlCasts *c, const XlWords *w, size_t open, size_t close)
{
	for (size_t j = open + 1; j < close; j++)
	{
		size_t		k;

		if (w->tok[j].kind == TOK_LPAREN || w->tok[j].kind == TOK_LBRACKET ||
			xl_word_is(w, j, "case"))
		{
			if ((k = closing(c, w, j)) == SIZE_MAX || k >= close)
				return SIZE_MAX;
			j = k;
		}
		else if (xl_word_is(w, j, "as"))
			return j;
	}
	return SIZE_MAX;
}

/* CAST(x AS type) at word i; one not understood is found with an empty operand. */
static bool
cast_call_at(XlCasts *c, const XlWords *w, size_t i, XlCast *cast, int depth)
{
	size_t		close;
	size_t		as = SIZE_MAX;
	size_t		type_end;
	XlTypeName	t;

	if (!xl_word_is(w, i, "cast") || !xl_word_kind(w, i + 1, TOK_LPAREN) || after_dot(w, i))
		return false;
	cast->end = i + 2;
	cast->operand = cast->operand_end = i;
	if ((close = closing(c, w, i + 1)) == SIZE_MAX)
		return true;
	cast->end = close + 1;
	if ((as = cast_as(c, w, i + 1, close)) == SIZE_MAX || as == i + 2)
		return true;
	type_end = as + 1;
	if (!xl_parse_type_name(w, &type_end, &t) || type_end != close)
		return true;
	set_operand(c, w, i + 2, as, cast, depth);
	add_level(cast, i, as + 1, close);
	return true;
}

/* type 'literal' (DATE '2024-01-02') at word i, for a type pgwire knows. */
static bool
typed_literal_at(XlCasts *c, const XlWords *w, size_t i, size_t *string)
{
	size_t		j = i;
	XlTypeName	t;
	char		prefix;

	if (!xl_word_is_name(w, i) || after_dot(w, i) || !string_follows(w, i) ||
		!begins_operand(w, i) || !xl_parse_type_name(w, &j, &t) || t.is_array ||
		(!xl_word_kind(w, j, TOK_STRING) && !xl_word_kind(w, j, TOK_DOLLAR_STRING)))
		return false;
	prefix = (char) (w->query[w->tok[j].start] | 0x20);
	if (w->tok[j].kind == TOK_STRING && (prefix == 'b' || prefix == 'x' || prefix == 'n'))
		return false;
	if (t.word == NULL && xl_type_name_oid(w, &t, &c->scratch) == 0)
		return false;			/* not a type: LANGUAGE 'sql', OPTIONS (host 'x') */
	*string = j;
	return true;
}

/* A cast beginning at word i: its operand, then each ::type after it. */
static bool
find_chain(XlCasts *c, const XlWords *w, size_t i, XlCast *cast, int depth)
{
	size_t		j = primary_shape_end(c, w, i);
	size_t		string;

	/* most words begin no cast: tell that from their shape first */
	if (!(j > i && xl_word_kind(w, j, TOK_TYPECAST)) && !xl_word_is(w, i, "cast") &&
		!(xl_word_is_name(w, i) && string_follows(w, i)))
		return false;
	memset(cast, 0, offsetof(XlCast, levels));
	cast->first = i;
	if (cast_call_at(c, w, i, cast, depth))
	{
		if (cast->nlevels == 0)
			return true;		/* refused as written */
		j = cast->end;
	}
	else if (typed_literal_at(c, w, i, &string))
	{
		cast->operand = string;
		cast->operand_end = string + 1;
		cast->operand_primary = true;
		add_level(cast, i, i, string);
		j = string + 1;
	}
	else
	{
		j = primary_end(c, w, i);
		if (j == i || !xl_word_kind(w, j, TOK_TYPECAST))
			return false;
		set_operand(c, w, i, j, cast, depth);
	}
	while (xl_word_kind(w, j, TOK_TYPECAST))
	{
		size_t		k = j + 1;
		XlTypeName	t;

		if (xl_word_is_reserved(w, k) || !xl_parse_type_name(w, &k, &t))
			break;				/* the '::' stays, to be refused */
		add_level(cast, j, j + 1, k);
		j = k;
	}
	cast->end = j;
	return cast->nlevels > 0;	/* x:: with no type: the '::' is refused on its own */
}

bool
xl_cast_find(XlCasts *c, size_t i, size_t limit, XlCast *cast)
{
	XlWords		w = c->w;

	w.n = limit;
	if (xl_word_kind(&w, i, TOK_TYPECAST))
	{
		memset(cast, 0, sizeof(*cast));
		cast->first = cast->operand = cast->operand_end = i;
		cast->end = i + 1;
		return true;
	}
	return find_chain(c, &w, i, cast, 0);
}
