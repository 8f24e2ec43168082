/*
 * catalog_srf.c
 *		The catalog rule's set-returning functions and composites: what
 *		SQLite has no syntax for, written as joins and JSON.
 *
 * Owns: generate_series, unnest and pg_partition_ancestors in FROM (a
 * subquery whose columns are named as PostgreSQL names them, WITH
 * ORDINALITY and column aliases included), unnest, generate_subscripts
 * and information_schema._pg_expandarray in a select list (a join of
 * json_each over the array in that SELECT's FROM clause, one per array,
 * so calls over the same array advance together), composites as JSON
 * objects read by (x).field, and (array)[n]. It must never touch a query
 * of the database's tables (the rule runs in catalog queries only).
 */
#include "translate/xl_catalog.h"

#include <stdio.h>
#include <string.h>

/*
 * FROM generate_series(a, b), unnest(arr) and pg_partition_ancestors(rel)
 * [WITH ORDINALITY] [AS] alias [(col[, ord])]: a subquery whose columns
 * are named as PostgreSQL names them (the alias, when the function gives
 * one column), so that the alias alone reads the value.
 */
XlRuleResult
xl_cat_apply_table_function(CatalogRule *r, size_t i, size_t *end, PgError *err)
{
	const XlWords *w = &r->w;
	size_t		name = i;
	size_t		close;
	size_t		after;
	size_t		alias = SIZE_MAX;
	size_t		cols[2] = {SIZE_MAX, SIZE_MAX};
	size_t		comma = SIZE_MAX;
	int			depth = 0;
	int			kind;			/* 0 generate_series, 1 unnest, 2 pg_partition_ancestors */

	if (i == 0 || !(xl_word_is(w, i - 1, "from") || xl_word_is(w, i - 1, "join") ||
					xl_word_is(w, i - 1, "lateral") || xl_word_kind(w, i - 1, TOK_COMMA)))
		return XL_RULE_NONE;
	if (xl_word_is(w, i, "pg_catalog") && xl_word_kind(w, i + 1, TOK_DOT))
		name = i + 2;
	if (xl_word_is(w, name, "generate_series"))
		kind = 0;
	else if (xl_word_is(w, name, "unnest"))
		kind = 1;
	else if (xl_word_is(w, name, "pg_partition_ancestors"))
		kind = 2;
	else
		return XL_RULE_NONE;
	if (!xl_word_kind(w, name + 1, TOK_LPAREN) || (close = xl_matching_close(w, name + 1)) == SIZE_MAX)
		return XL_RULE_NONE;
	after = close + 1;
	/* in a select list (a, unnest(x)) it is no table: only FROM items end so */
	if (xl_word_kind(w, i - 1, TOK_COMMA) && !(xl_word_is(w, after, "as") || xl_word_is(w, after, "with") ||
											  (xl_word_is_name(w, after) && !xl_word_is_reserved(w, after))))
		return XL_RULE_NONE;
	if (xl_word_is(w, after, "with") && xl_word_is(w, after + 1, "ordinality"))
		after += 2;
	if (xl_word_is(w, after, "as"))
		after++;
	if (xl_word_is_name(w, after) && !xl_word_is_reserved(w, after))
	{
		alias = after++;
		if (xl_word_kind(w, after, TOK_LPAREN) && xl_word_is_name(w, after + 1))
		{
			cols[0] = after + 1;
			if (xl_word_kind(w, after + 2, TOK_COMMA) && xl_word_is_name(w, after + 3) &&
				xl_word_kind(w, after + 4, TOK_RPAREN))
			{
				cols[1] = after + 3;
				after += 5;
			}
			else if (xl_word_kind(w, after + 2, TOK_RPAREN))
				after += 3;
			else
				return XL_RULE_NONE;
		}
	}
	for (size_t k = name + 2; k < close; k++)
	{
		if (w->tok[k].kind == TOK_LPAREN || w->tok[k].kind == TOK_LBRACKET)
			depth++;
		else if (w->tok[k].kind == TOK_RPAREN || w->tok[k].kind == TOK_RBRACKET)
			depth--;
		else if (depth == 0 && w->tok[k].kind == TOK_COMMA && comma == SIZE_MAX)
			comma = k;
	}
	if (kind == 0)
	{
		if (comma == SIZE_MAX)
			return XL_RULE_NONE;
		xl_cat_emit(r, "(WITH RECURSIVE pgw_series(value) AS (SELECT ");
		if (!xl_cat_write_words(r, name + 2, comma, err))
			return XL_RULE_FAILED;
		xl_cat_emit(r, " UNION ALL SELECT value + 1 FROM pgw_series WHERE value < (");
		if (!xl_cat_write_words(r, comma + 1, close, err))
			return XL_RULE_FAILED;
		xl_cat_emit(r, ")) SELECT value AS ");
	}
	else if (kind == 1)
		xl_cat_emit(r, "(SELECT value AS ");
	else
	{
		xl_cat_emit(r, "(SELECT (");
		if (!xl_cat_write_words(r, name + 2, close, err))
			return XL_RULE_FAILED;
		xl_cat_emit(r, ") AS ");
	}
	{
		size_t		col = cols[0] != SIZE_MAX ? cols[0] : alias != SIZE_MAX ? alias : name;

		buf_append(r->env.out, w->query + w->tok[col].start, w->tok[col].len);
		xl_cat_emit(r, kind == 0 ? ", value AS " : kind == 1 ? ", key + 1 AS " : ", 1 AS ");
		if (cols[1] != SIZE_MAX)
			buf_append(r->env.out, w->query + w->tok[cols[1]].start, w->tok[cols[1]].len);
		else
			xl_cat_emit(r, "ordinality");
	}
	if (kind == 0)
		xl_cat_emit(r, " FROM pgw_series) ");
	else if (kind == 1)
	{
		xl_cat_emit(r, " FROM json_each(pgw_array_json(");
		if (!xl_cat_write_words(r, name + 2, close, err))
			return XL_RULE_FAILED;
		xl_cat_emit(r, "))) ");
	}
	else
		xl_cat_emit(r, ") ");
	if (alias != SIZE_MAX)
		buf_append(r->env.out, w->query + w->tok[alias].start, w->tok[alias].len);
	else
		buf_append(r->env.out, w->query + w->tok[name].start, w->tok[name].len);
	*end = after;
	return XL_RULE_WRITTEN;
}

/* The word ending the FROM clause of the SELECT at word select (its depth), or SIZE_MAX. */
static size_t
from_clause_end(const XlWords *w, size_t select)
{
	int			depth = 0;
	bool		in_from = false;

	for (size_t j = select + 1; j < w->n; j++)
	{
		TokenKind	k = w->tok[j].kind;

		if (k == TOK_LPAREN || k == TOK_LBRACKET)
			depth++;
		else if (k == TOK_RPAREN || k == TOK_RBRACKET)
		{
			if (depth-- == 0)
				return in_from ? j : SIZE_MAX;
		}
		else if (depth == 0 && xl_word_is(w, j, "from"))
			in_from = true;
		else if (depth == 0 && in_from &&
				 xl_word_in(w, j, (const char *const[]) {"where", "group", "having", "window", "order", "limit",
							"offset", "fetch", "for", "union", "intersect", "except", NULL}))
			return j;
	}
	return SIZE_MAX;
}

/* The SELECT whose select list holds word i, or SIZE_MAX. */
static size_t
enclosing_select(const XlWords *w, size_t i)
{
	int			depth = 0;

	for (size_t j = i; j-- > 0;)
	{
		TokenKind	k = w->tok[j].kind;

		if (k == TOK_RPAREN || k == TOK_RBRACKET)
			depth++;
		else if (k == TOK_LPAREN || k == TOK_LBRACKET)
		{
			/* an expression's parentheses: a subquery's SELECT would have come first */
			if (depth > 0)
				depth--;
		}
		else if (depth == 0 && xl_word_is(w, j, "select"))
			return j;
		else if (depth == 0 && xl_word_is(w, j, "from"))
			return SIZE_MAX;	/* not in a select list */
	}
	return SIZE_MAX;
}

/* Do words [a, a_end) and [b, b_end) read the same? */
static bool
same_words(const XlWords *w, size_t a, size_t a_end, size_t b, size_t b_end)
{
	if (a_end - a != b_end - b)
		return false;
	for (size_t k = 0; k < a_end - a; k++)
	{
		if (w->tok[a + k].len != w->tok[b + k].len ||
			memcmp(w->query + w->tok[a + k].start, w->query + w->tok[b + k].start, w->tok[a + k].len) != 0)
			return false;
	}
	return true;
}

void
xl_cat_find_expands(CatalogRule *r)
{
	const XlWords *w = &r->w;
	int			njoins = 0;

	for (size_t i = 0; i + 1 < w->n && r->nexpands < MAX_EXPANDS; i++)
	{
		Expand	   *e = &r->expands[r->nexpands];
		size_t		close;
		size_t		select;

		if (xl_word_is(w, i, "_pg_expandarray"))
			e->kind = EXPAND_COMPOSITE;
		else if (xl_word_is(w, i, "unnest"))
			e->kind = EXPAND_UNNEST;
		else if (xl_word_is(w, i, "generate_subscripts"))
			e->kind = EXPAND_SUBSCRIPTS;
		else
			continue;
		if (!xl_word_kind(w, i + 1, TOK_LPAREN) || (close = xl_matching_close(w, i + 1)) == SIZE_MAX ||
			(select = enclosing_select(w, i)) == SIZE_MAX)
			continue;
		e->first = (i >= 2 && xl_word_kind(w, i - 1, TOK_DOT)) ? i - 2 : i;
		e->arg = i + 2;
		e->arg_end = close;
		e->close = close;
		if (e->kind == EXPAND_SUBSCRIPTS)
		{
			/* the array is the first argument */
			int			depth = 0;

			for (size_t k = i + 2; k < close; k++)
			{
				if (w->tok[k].kind == TOK_LPAREN || w->tok[k].kind == TOK_LBRACKET)
					depth++;
				else if (w->tok[k].kind == TOK_RPAREN || w->tok[k].kind == TOK_RBRACKET)
					depth--;
				else if (depth == 0 && w->tok[k].kind == TOK_COMMA)
				{
					e->arg_end = k;
					break;
				}
			}
		}
		e->insert_at = from_clause_end(w, select);
		if (e->insert_at == SIZE_MAX)
			continue;
		e->join = -1;
		for (int k = 0; k < r->nexpands; k++)
		{
			const Expand *o = &r->expands[k];

			if (o->insert_at == e->insert_at && same_words(w, o->arg, o->arg_end, e->arg, e->arg_end))
				e->join = o->join;
		}
		e->joined = e->join >= 0;
		if (e->join < 0)
			e->join = njoins++;
		r->nexpands++;
	}
}

/* The joins of expanded arrays, before the word ending their FROM clause. */
XlRuleResult
xl_cat_apply_expand_join(CatalogRule *r, size_t i, size_t *end, PgError *err)
{
	bool		wrote = false;

	for (int k = 0; k < r->nexpands; k++)
	{
		Expand	   *e = &r->expands[k];

		if (e->insert_at != i || e->joined)
			continue;
		e->joined = true;
		xl_cat_emit(r, " JOIN json_each(pgw_array_json(");
		if (!xl_cat_write_words(r, e->arg, e->arg_end, err))
			return XL_RULE_FAILED;
		buf_appendf(r->env.out, ")) AS pgw_expand%d ", e->join);
		wrote = true;
	}
	if (!wrote)
		return XL_RULE_NONE;
	buf_append(r->env.out, r->w.query + r->w.tok[i].start, r->w.tok[i].len);
	*end = i + 1;
	return XL_RULE_WRITTEN;
}

/* A set-returning call in a select list -> the value of its joined row */
XlRuleResult
xl_cat_apply_expand_call(CatalogRule *r, size_t i, size_t *end, PgError *err)
{
	for (int k = 0; k < r->nexpands; k++)
	{
		const Expand *e = &r->expands[k];

		if (e->first != i)
			continue;
		switch (e->kind)
		{
			case EXPAND_UNNEST:
				buf_appendf(r->env.out, "pgw_expand%d.value", e->join);
				break;
			case EXPAND_SUBSCRIPTS:
				/* int2vector and oidvector count from 0, arrays from 1 */
				buf_appendf(r->env.out, "(pgw_expand%d.key + pgw_array_base(", e->join);
				if (!xl_cat_write_words(r, e->arg, e->arg_end, err))
					return XL_RULE_FAILED;
				xl_cat_emit(r, "))");
				break;
			case EXPAND_COMPOSITE:
				buf_appendf(r->env.out, "json_object('x', pgw_expand%d.value, 'n', pgw_expand%d.key + 1)",
							e->join, e->join);
				break;
		}
		*end = e->close + 1;
		return XL_RULE_WRITTEN;
	}
	return XL_RULE_NONE;
}

/*
 * (composite).field -> json_extract(composite, '$.field'): composites are
 * JSON objects; (array)[n] -> pgw_array_elem(array, n)
 */
XlRuleResult
xl_cat_apply_field_selection(CatalogRule *r, size_t i, size_t *end, PgError *err)
{
	const XlWords *w = &r->w;
	size_t		close;
	size_t		sub_close;

	if (!xl_word_kind(w, i, TOK_LPAREN) || (close = xl_matching_close(w, i)) == SIZE_MAX ||
		xl_word_is(w, i + 1, "select"))
		return XL_RULE_NONE;
	if (xl_word_kind(w, close + 1, TOK_LBRACKET) && (sub_close = xl_matching_close(w, close + 1)) != SIZE_MAX)
	{
		xl_cat_emit(r, "pgw_array_elem(");
		if (!xl_cat_write_words(r, i + 1, close, err))
			return XL_RULE_FAILED;
		xl_cat_emit(r, ", ");
		if (!xl_cat_write_words(r, close + 2, sub_close, err))
			return XL_RULE_FAILED;
		xl_cat_emit(r, ")");
		*end = sub_close + 1;
		return XL_RULE_WRITTEN;
	}
	if (!xl_word_kind(w, close + 1, TOK_DOT) || !xl_word_is_name(w, close + 2))
		return XL_RULE_NONE;
	xl_cat_emit(r, "json_extract(");
	if (!xl_cat_write_words(r, i + 1, close, err))
		return XL_RULE_FAILED;
	xl_cat_emit(r, ", '$.");
	xl_cat_emit(r, xl_cat_name_of(r, close + 2));
	xl_cat_emit(r, "')");
	*end = close + 3;
	return XL_RULE_WRITTEN;
}
