/*
 * limit_write.c
 *		Writing the limit rule's edits as the rewriter reaches their words:
 *		TOP after SELECT, LIMIT ... OFFSET ... in the dialect's spelling,
 *		parentheses around a set operation, the clauses removed.
 */
#include "translate/limit_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
			buf_append_int64(s->env.out, v->value);
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
	if (!lim_offset_effective(&g->offset))
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
	{
		buf_append_str(s->env.out, "((");
		buf_append_int64(s->env.out, c->value);
		buf_append_str(s->env.out, "))");
	}
	else
		return s->env.write_words(s->env.rewriter, c->from, c->from + 1, err);
	return true;
}

bool
lim_write_edit(Limits *s, size_t i, const Edit *e, PgError *err)
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
size_t
lim_edit_end(const Edit *e, size_t i)
{
	return (e->kind == EDIT_TOP || e->kind == EDIT_GROUP) ? e->to : i + 1;
}
