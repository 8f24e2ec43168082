/*
 * select_list.c
 *		The columns a row-returning statement produces, named and typed as
 *		PostgreSQL would, from the statement's text alone.
 *
 * Owns: finding the outermost target list (SELECT, VALUES or RETURNING,
 * under WITH and parentheses), PostgreSQL's FigureColname() rules for items
 * without an alias, and the word helpers the translator shares (matching
 * brackets, the words that end a target list). It reads only: an
 * expression the analyser does not follow makes the whole answer
 * "unknown" rather than a guess. The expression reader is
 * select_operands.c and select_operators.c; types are select_types.c.
 */
#include "translate/select_list_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const set_operation_words[] = {"union", "intersect", "except", NULL};

static const char *const returning_word[] = {"returning", NULL};

/* ---- words ---- */

size_t
xl_matching_close(const XlWords *w, size_t open)
{
	int			depth = 0;

	for (size_t j = open; j < w->n; j++)
	{
		TokenKind	k = w->tok[j].kind;

		if (k == TOK_LPAREN || k == TOK_LBRACKET)
			depth++;
		else if ((k == TOK_RPAREN || k == TOK_RBRACKET) && --depth == 0)
		{
			bool		paren = w->tok[open].kind == TOK_LPAREN;

			return (paren == (k == TOK_RPAREN)) ? j : NO_MATCH;
		}
	}
	return NO_MATCH;
}

size_t
xl_group_end(const XlWords *w, size_t open)
{
	size_t		close = xl_matching_close(w, open);

	return close == SIZE_MAX ? w->n : close;
}

/* Step over the bracketed group at *i; false if there is none. */
bool
sl_skip_group(const XlWords *w, size_t *i)
{
	size_t		close;

	if (!xl_word_kind(w, *i, TOK_LPAREN) && !xl_word_kind(w, *i, TOK_LBRACKET))
		return false;
	if ((close = xl_matching_close(w, *i)) == NO_MATCH)
		return false;
	*i = close + 1;
	return true;
}

/* Past an optional parenthesised group at j (type modifiers, precisions). */
size_t
sl_skip_optional_group(const XlWords *w, size_t j)
{
	if (xl_word_kind(w, j, TOK_LPAREN))
		(void) sl_skip_group(w, &j);
	return j;
}

/* Past an optional (modifiers) group of a type at j, noting where it is. */
size_t
sl_skip_modifiers(const XlWords *w, size_t j, XlTypeName *t)
{
	if (xl_word_kind(w, j, TOK_LPAREN))
		t->modifiers = j;
	return sl_skip_optional_group(w, j);
}

bool
xl_word_ends_target_list(const XlWords *w, size_t i)
{
	return xl_word_has_class(w, i, KW_ENDS_TARGET_LIST);
}

bool
xl_word_is_reserved(const XlWords *w, size_t i)
{
	return xl_word_has_class(w, i, KW_NOT_OPERAND);
}

/* The first of words [from, end) at bracket depth 0 that is one of keywords, or NO_MATCH. */
static size_t
top_level_word(const XlWords *w, size_t from, size_t end, const char *const *keywords)
{
	int			depth = 0;

	for (size_t j = from; j < end; j++)
	{
		TokenKind	k = w->tok[j].kind;

		if (k == TOK_LPAREN || k == TOK_LBRACKET)
			depth++;
		else if (k == TOK_RPAREN || k == TOK_RBRACKET)
			depth--;
		else if (depth == 0 && xl_word_in(w, j, keywords))
			return j;
	}
	return NO_MATCH;
}

/* ---- target lists ---- */

static ColumnInfo *
push_column(ColumnList *cols)
{
	ColumnInfo *c;

	if (cols->count == cols->cap)
	{
		size_t		cap = cols->cap > 0 ? cols->cap * 2 : 8;
		ColumnInfo *items = realloc(cols->items, cap * sizeof(ColumnInfo));

		if (items == NULL)
			return NULL;
		cols->items = items;
		cols->cap = cap;
	}
	c = &cols->items[cols->count++];
	memset(c, 0, sizeof(*c));
	return c;
}

/* The column name e stands for, cut to NAMEDATALEN - 1 bytes. */
static bool
column_name(Analyser *a, const ExprInfo *e, char name[NAMEDATALEN])
{
	const char *s = e->strength > 0 ? e->name : "?column?";
	size_t		len;

	if (s == NULL)
	{
		PgError		err;

		buf_reset(&a->scratch);
		if (!xl_ident_value(a->w.query, e->name_tok, &a->scratch, &err) ||
			buf_failed(&a->scratch))
			return false;
		s = a->scratch.data;
	}
	len = xl_clip_utf8(s, strlen(s), NAMEDATALEN - 1);
	memcpy(name, s, len);
	name[len] = '\0';
	return true;
}

/* Add the item e, written at span, to the sink. */
static bool
sink_add(Analyser *a, Sink *sink, const ExprInfo *e, const ItemSpan *span)
{
	ColumnInfo *c;

	if (sink->cols == NULL)
	{
		if (e->kind == SH_STAR)
			return false;		/* which column comes first is not in the text */
		if (!sink->has_first)
			sink->first = *e;
		sink->has_first = true;
		return true;
	}
	if ((c = push_column(sink->cols)) == NULL)
		return false;
	c->type_oid = e->type;
	c->has_alias = span->has_alias;
	c->is_star = e->kind == SH_STAR;
	c->expr_start = a->w.tok[span->first].start;
	c->expr_end = (uint32_t) xl_token_end(&a->w.tok[span->last]);
	return c->is_star || column_name(a, e, c->name);
}

static bool
is_bare_label(const XlWords *w, size_t i)
{
	return xl_word_kind(w, i, TOK_QIDENT) ||
		(xl_word_kind(w, i, TOK_IDENT) && !xl_word_has_class(w, i, KW_NOT_BARE_LABEL));
}

/* One item: expression [[AS] alias], or a star. */
static bool
parse_item(Analyser *a, size_t *i, ExprInfo *e, ItemSpan *span)
{
	const XlWords *w = &a->w;
	size_t		alias;

	span->first = *i;
	span->has_alias = false;
	if (xl_word_is_op(w, *i, '*'))
	{
		memset(e, 0, sizeof(*e));
		e->kind = SH_STAR;
		(*i)++;
	}
	else if (!sl_parse_expr(a, i, PREC_NONE, e))
		return false;
	span->last = *i - 1;
	if (xl_word_is(w, *i, "as") && xl_word_is_name(w, *i + 1))
		alias = *i + 1;
	else if (is_bare_label(w, *i))
		alias = *i;
	else
		return !xl_word_is(w, *i, "as");
	if (e->kind == SH_STAR)
		return false;
	sl_set_name(e, NULL, &w->tok[alias], 2);
	span->has_alias = true;
	*i = alias + 1;
	return true;
}

static bool
list_ends(const XlWords *w, size_t i, size_t end, bool returning)
{
	return i >= end || (!returning && xl_word_ends_target_list(w, i));
}

/* items of SELECT or RETURNING, up to the clause that ends them */
static bool
parse_target_list(Analyser *a, size_t *i, size_t end, Sink *sink, bool returning)
{
	const XlWords *w = &a->w;

	if (list_ends(w, *i, end, returning))
		return true;			/* SELECT FROM t: no columns */
	for (;;)
	{
		ExprInfo	e;
		ItemSpan	span;

		if (!parse_item(a, i, &e, &span) || !sink_add(a, sink, &e, &span))
			return false;
		if (sink->cols == NULL)
			return true;		/* a scalar subquery needs its first column only */
		if (!xl_word_kind(w, *i, TOK_COMMA))
			return list_ends(w, *i, end, returning);
		(*i)++;
	}
}

/* SELECT [ALL | DISTINCT [ON (...)]] items */
static bool
parse_select(Analyser *a, size_t *i, size_t end, Sink *sink)
{
	const XlWords *w = &a->w;

	(*i)++;
	if (xl_word_is(w, *i, "all"))
		(*i)++;
	else if (xl_word_is(w, *i, "distinct"))
	{
		(*i)++;
		if (xl_word_is(w, *i, "on"))
		{
			(*i)++;
			if (!xl_word_kind(w, *i, TOK_LPAREN) || !sl_skip_group(w, i))
				return false;
		}
	}
	return parse_target_list(a, i, end, sink, false);
}

/* Number of items in the parenthesised list open..close. */
static size_t
count_items(const XlWords *w, size_t open, size_t close)
{
	size_t		n = 1;
	int			depth = 0;

	if (close == open + 1)
		return 0;
	for (size_t j = open + 1; j < close; j++)
	{
		TokenKind	k = w->tok[j].kind;

		if (k == TOK_LPAREN || k == TOK_LBRACKET)
			depth++;
		else if (k == TOK_RPAREN || k == TOK_RBRACKET)
			depth--;
		else if (k == TOK_COMMA && depth == 0)
			n++;
	}
	return n;
}

/* One row (...) of VALUES; the first row also makes the columns. */
static bool
parse_values_row(Analyser *a, size_t open, size_t close, TypeMerge *merges,
				 size_t ncols, bool first_row, Sink *sink)
{
	const XlWords *w = &a->w;
	size_t		j = open + 1;

	for (size_t k = 0; k < ncols; k++)
	{
		ExprInfo	e;
		ItemSpan	span;
		char		name[32];

		span.first = j;
		span.has_alias = false;
		if (!sl_parse_expr(a, &j, PREC_NONE, &e) ||
			!xl_word_kind(w, j, k + 1 < ncols ? TOK_COMMA : TOK_RPAREN))
			return false;
		span.last = j - 1;
		sl_merge_type(&merges[k], &e);
		if (first_row)
		{
			/* only the first column's name outlives this call (scalar subqueries) */
			snprintf(name, sizeof(name), "column%zu", k + 1);
			sl_set_name(&e, k == 0 ? "column1" : name, NULL, 2);
			if (!sink_add(a, sink, &e, &span))
				return false;
		}
		j++;
	}
	return j == close + 1;
}

/* VALUES (...), (...): columns column1, column2, ... typed by all rows */
static bool
parse_values(Analyser *a, size_t *i, Sink *sink)
{
	const XlWords *w = &a->w;
	size_t		base = sink->cols != NULL ? sink->cols->count : 0;
	size_t		close = xl_matching_close(w, *i + 1);
	size_t		ncols;
	TypeMerge  *merges;
	bool		ok = true;

	if (!xl_word_kind(w, *i + 1, TOK_LPAREN) || close == NO_MATCH ||
		(ncols = count_items(w, *i + 1, close)) == 0)
		return false;
	if ((merges = calloc(ncols, sizeof(TypeMerge))) == NULL)
		return false;
	(*i)++;
	for (bool first_row = true;; first_row = false)
	{
		close = xl_matching_close(w, *i);
		ok = xl_word_kind(w, *i, TOK_LPAREN) && close != NO_MATCH &&
			parse_values_row(a, *i, close, merges, ncols, first_row, sink);
		if (!ok || !xl_word_kind(w, close + 1, TOK_COMMA))
			break;
		*i = close + 2;
	}
	*i = close + 1;
	for (size_t k = 0; ok && k < ncols; k++)
	{
		if (sink->cols != NULL)
			sink->cols->items[base + k].type_oid = sl_merged_type(&merges[k]);
		else if (k == 0)
			sink->first.type = sl_merged_type(&merges[0]);
	}
	free(merges);
	sink->is_values = true;
	return ok;
}

/* WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (...), ... */
static bool
skip_with(const XlWords *w, size_t *i)
{
	size_t		j = *i + 1;

	if (xl_word_is(w, j, "recursive"))
		j++;
	for (;;)
	{
		if (!xl_word_is_name(w, j))
			return false;
		j = sl_skip_optional_group(w, j + 1);
		if (!xl_word_is(w, j, "as"))
			return false;
		j++;
		if (xl_word_is(w, j, "not") && xl_word_is(w, j + 1, "materialized"))
			j += 2;
		else if (xl_word_is(w, j, "materialized"))
			j++;
		if (!sl_skip_group(w, &j))
			return false;
		if (xl_word_is(w, j, "search") || xl_word_is(w, j, "cycle"))
			return false;
		if (!xl_word_kind(w, j, TOK_COMMA))
			break;
		j++;
	}
	*i = j;
	return true;
}

/* The first branch of a query: [WITH ...] SELECT ... | VALUES ... | (query) */
static bool
analyse_first_branch(Analyser *a, size_t *i, size_t end, Sink *sink)
{
	const XlWords *w = &a->w;
	size_t		close;

	if (xl_word_is(w, *i, "with") && !skip_with(w, i))
		return false;
	if (xl_word_is(w, *i, "select"))
		return parse_select(a, i, end, sink);
	if (xl_word_is(w, *i, "values"))
		return parse_values(a, i, sink);
	if (!xl_word_kind(w, *i, TOK_LPAREN))
		return false;			/* TABLE t, ... */
	close = xl_matching_close(w, *i);
	if (close == NO_MATCH || close >= end || !sl_analyse_query(a, *i + 1, close, sink))
		return false;
	*i = close + 1;
	return true;
}

/* A query in words [i, end): its first branch, then any set operation. */
bool
sl_analyse_query(Analyser *a, size_t i, size_t end, Sink *sink)
{
	bool		ok;

	if (a->nesting >= MAX_NESTING)
		return false;
	a->nesting++;
	ok = analyse_first_branch(a, &i, end, sink);
	if (ok && top_level_word(&a->w, i, end, set_operation_words) != NO_MATCH)
		sink->set_operation = true;
	a->nesting--;
	return ok;
}

/* INSERT/UPDATE/DELETE ... RETURNING items */
static bool
analyse_returning(Analyser *a, size_t i, Sink *sink)
{
	size_t		returning = top_level_word(&a->w, i, a->w.n, returning_word);

	if (returning == NO_MATCH)
		return false;
	i = returning + 1;
	return parse_target_list(a, &i, a->w.n, sink, true);
}

bool
sl_analyse_statement(Analyser *a, Sink *sink)
{
	const XlWords *w = &a->w;
	size_t		i = 0;

	if (xl_word_is(w, 0, "with") && !skip_with(w, &i))
		return false;
	if (xl_word_is(w, i, "insert") || xl_word_is(w, i, "update") || xl_word_is(w, i, "delete"))
		return analyse_returning(a, i, sink);
	return sl_analyse_query(a, i, w->n, sink);
}

/* ---- API ---- */

void
xl_columns_init(ColumnList *cols)
{
	memset(cols, 0, sizeof(*cols));
}

void
xl_columns_free(ColumnList *cols)
{
	free(cols->items);
	memset(cols, 0, sizeof(*cols));
}

bool
xl_target_list(const char *query, const StatementList *list, const Statement *stmt,
			   ColumnList *cols, bool *is_values)
{
	Analyser	a;
	Sink		sink;
	bool		ok;

	cols->count = 0;
	cols->set_operation = false;
	*is_values = false;
	if (stmt->kind != STMT_SELECT && stmt->kind != STMT_INSERT &&
		stmt->kind != STMT_UPDATE && stmt->kind != STMT_DELETE)
		return false;
	a.w = xl_words(query, list, stmt);
	a.nesting = 0;
	buf_init(&a.scratch);
	memset(&sink, 0, sizeof(sink));
	sink.cols = cols;
	ok = sl_analyse_statement(&a, &sink);
	buf_free(&a.scratch);
	if (!ok)
	{
		cols->count = 0;
		return false;
	}
	cols->set_operation = sink.set_operation;
	*is_values = sink.is_values;
	for (size_t k = 0; k < cols->count && sink.set_operation; k++)
		cols->items[k].type_oid = 0;
	return true;
}

bool
xl_select_columns(const char *query, const StatementList *list, const Statement *stmt,
				  ColumnList *cols)
{
	bool		is_values;

	return xl_target_list(query, list, stmt, cols, &is_values);
}
