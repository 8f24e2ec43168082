/*
 * limit_levels.c
 *		The query levels of a statement as row limits see them (its own
 *		query and each parenthesized one: where its SELECT, set operations,
 *		ORDER BY and limit clauses are), and the list of edits the limit
 *		rule will make.
 */
#include "translate/limit_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const lim_set_operation_words[] = {"union", "intersect", "except", NULL};

/* Words after a parenthesized query that make it one leg of a longer query. */
static const char *const leg_follow_words[] = {
	"union", "intersect", "except", "order", "limit", "offset", "fetch", NULL
};

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
		lim_refuse_by(s, lim_dialect_name(s), (uint32_t) word, word, "this combination of row limits");
		return NULL;
	}
	if (!lim_grow((void **) &s->edits, &s->edits_cap, s->nedits, sizeof(Edit)))
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
void
lim_add_open(Limits *s, size_t word, const char *text)
{
	Edit	   *e = add_edit(s, word, EDIT_OPEN);

	if (e != NULL)
		e->text[0] = text;
}

void
lim_add_close(Limits *s, size_t word, const char *text)
{
	Edit	   *e = add_edit(s, word, EDIT_CLOSE);

	if (e != NULL)
		e->text[0] = text;
}

void
lim_add_group_edit(Limits *s, uint32_t group, GroupForm form, const char *close)
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
void
lim_add_top(Limits *s, uint32_t select, uint32_t group)
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
			lim_closing(s, j + 1) != NO_WORD)
			j = lim_closing(s, j + 1) + 1;
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

	if (!lim_grow((void **) &s->stack, &s->stack_cap, s->depth, sizeof(Level)))
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
size_t
lim_first_word(const Level *L)
{
	return L->open == NO_WORD ? 0 : L->open + 1;
}

/* Does a set operation (UNION [ALL | DISTINCT]) come right before word i? */
static bool
after_set_operation(const XlWords *w, size_t i)
{
	if (i > 0 && lim_keyword_in(w, i - 1, lim_set_operation_words))
		return true;
	return i > 1 && (xl_word_is(w, i - 1, "all") || xl_word_is(w, i - 1, "distinct")) &&
		lim_keyword_in(w, i - 2, lim_set_operation_words);
}

/* Note what word i, at level L's own depth, tells about L. */
static void
note_word(Limits *s, Level *L, size_t i)
{
	const XlWords *w = &s->w;
	bool		leg_start = i == lim_first_word(L) || after_set_operation(w, i);

	if (lim_after_dot(w, i))
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
	else if (xl_word_in(w, i, lim_set_operation_words))
		L->setop = L->setop == NO_WORD ? (uint32_t) i : L->setop;
	else if (xl_word_is(w, i, "order") && xl_word_is(w, i + 1, "by"))
		L->order = (uint32_t) i;
	else if (i >= L->group_end && lim_limit_keyword_at(w, i))
		lim_read_group(s, L, i);
}

/* Is the level closed at word close (or the statement's) a query? */
static bool
is_query(const Limits *s, const Level *L, size_t close)
{
	const XlWords *w = &s->w;
	size_t		first = lim_first_word(L);

	if (xl_word_is(w, first, "select") || xl_word_is(w, first, "values") ||
		xl_word_is(w, first, "table") || xl_word_is(w, first, "with"))
		return true;
	if (L->starts_with_leg || L->open == NO_WORD)
		return L->body != NO_WORD;
	return L->starts_with_query && lim_closing(s, first) == close - 1;
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
	if (C->open != lim_first_word(P))
		return false;
	return lim_keyword_in(w, close + 1, leg_follow_words) ||
		(P->open == NO_WORD && close + 1 == w->n);
}

/* Keep a closed query level that has limit clauses or an ORDER BY for planning. */
static void
record_level(Limits *s, const Level *L)
{
	if (L->group == NO_WORD && (L->order == NO_WORD || s->dialect != DIALECT_IRIS))
		return;
	if (!lim_grow((void **) &s->levels, &s->levels_cap, s->nlevels, sizeof(Level)))
	{
		s->failed = true;
		return;
	}
	s->levels[s->nlevels++] = *L;
}

static void
add_leg(Limits *s, const Level *P, const Level *C)
{
	if (!lim_grow((void **) &s->legs, &s->legs_cap, s->nlegs, sizeof(Leg)))
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
			lim_add_open(s, s->legs[s->nlegs].open, "SELECT * FROM ");
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
	if (C.open == lim_first_word(P))
		P->starts_with_query = true;
	if (is_leg(s, P, &C, close))
	{
		if (C.open == lim_first_word(P))
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
bool
lim_read_levels(Limits *s)
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
