/*
 * insert_parse.c
 *		An INSERT statement taken apart into its clauses, as spans of words.
 *
 * Owns: reading, at the top level of one statement,
 *		INSERT INTO t [AS a] [(c, ...)] [OVERRIDING {SYSTEM|USER} VALUE]
 *		{VALUES (...), ... | DEFAULT VALUES | query}
 *		[ON CONFLICT ...] [RETURNING ...]
 * for the rule that rewrites INSERTs (insert.c), the plans that emulate
 * RETURNING (dml_plan.c) and parameter typing (param_target.c). It judges
 * nothing: what a dialect can carry is for those callers to decide. A
 * statement it cannot take apart (WITH ... INSERT, unclosed brackets) is
 * reported as such, and left to the database to accept or reject.
 */
#include "translate/xl_internal.h"

/* Words that make a '(' after the table name a query, not a column list. */
static const char *const query_words[] = {"select", "values", "with", "table", NULL};

/* Past a name, qualified or not (t, s.t, db.s.t), at word i; i if there is none. */
static size_t
name_end(const XlWords *w, size_t i)
{
	if (!xl_word_is_name(w, i))
		return i;
	i++;
	while (xl_word_kind(w, i, TOK_DOT) && xl_word_is_name(w, i + 1))
		i += 2;
	return i;
}

bool
xl_insert_is_on_conflict(const XlWords *w, size_t i)
{
	return xl_word_is(w, i, "on") && xl_word_is(w, i + 1, "conflict") &&
		(xl_word_kind(w, i + 2, TOK_LPAREN) || xl_word_is(w, i + 2, "on") ||
		 xl_word_is(w, i + 2, "do"));
}

size_t
xl_returning_word(const XlWords *w, size_t from)
{
	int			depth = 0;

	for (size_t i = from; i < w->n; i++)
	{
		if (w->tok[i].kind == TOK_LPAREN || w->tok[i].kind == TOK_LBRACKET)
			depth++;
		else if (w->tok[i].kind == TOK_RPAREN || w->tok[i].kind == TOK_RBRACKET)
			depth--;
		else if (depth == 0 && xl_word_is(w, i, "returning"))
			return i;
	}
	return SIZE_MAX;
}

/* The top-level ON CONFLICT in words [from, to), or SIZE_MAX. */
static size_t
find_on_conflict(const XlWords *w, size_t from, size_t to)
{
	int			depth = 0;

	for (size_t i = from; i < to; i++)
	{
		if (w->tok[i].kind == TOK_LPAREN || w->tok[i].kind == TOK_LBRACKET)
			depth++;
		else if (w->tok[i].kind == TOK_RPAREN || w->tok[i].kind == TOK_RBRACKET)
			depth--;
		else if (depth == 0 && xl_insert_is_on_conflict(w, i))
			return i;
	}
	return SIZE_MAX;
}

/* The column list whose '(' is word open: how many plain names, and its ')'. */
static bool
read_columns(const XlWords *w, size_t open, XlInsert *ins)
{
	size_t		close = xl_matching_close(w, open);

	if (close == SIZE_MAX)
		return false;
	ins->columns = open;
	ins->columns_close = close;
	ins->ncolumns = 0;
	for (size_t j = open + 1; j < close; j += 2)
	{
		if (!xl_word_is_name(w, j) || !(xl_word_kind(w, j + 1, TOK_COMMA) || j + 1 == close))
		{
			ins->plain_columns = false;	/* c.f, c[1]: not plain columns */
			break;
		}
		ins->ncolumns++;
	}
	return true;
}

/*
 * VALUES (...), (...) at word i: the rows, if the list is the whole
 * source (nothing but ON CONFLICT, RETURNING or the end follows it).
 */
static bool
read_rows(const XlWords *w, size_t i, XlInsert *ins)
{
	size_t		row = i + 1;
	size_t		close;

	ins->first_row = row;
	ins->nrows = 0;
	for (;;)
	{
		if (!xl_word_kind(w, row, TOK_LPAREN) || (close = xl_matching_close(w, row)) == SIZE_MAX)
			return false;
		ins->nrows++;
		if (!xl_word_kind(w, close + 1, TOK_COMMA))
			break;
		row = close + 2;
	}
	ins->source_end = close + 1;
	return ins->source_end == w->n || xl_insert_is_on_conflict(w, ins->source_end) ||
		xl_word_is(w, ins->source_end, "returning");
}

bool
xl_parse_insert(const XlWords *w, XlInsert *ins)
{
	size_t		i = 2;
	size_t		end;

	memset(ins, 0, sizeof(*ins));
	ins->columns = ins->columns_close = ins->first_row = SIZE_MAX;
	ins->on_conflict = ins->returning = ins->alias = SIZE_MAX;
	ins->plain_columns = true;
	if (!xl_word_is(w, 0, "insert") || !xl_word_is(w, 1, "into") || (end = name_end(w, i)) == i)
		return false;
	ins->table = i;
	i = end;
	if (xl_word_is(w, i, "as") && xl_word_is_name(w, i + 1))
	{
		ins->alias = i + 1;
		i += 2;
	}
	ins->table_end = i;
	if (xl_word_kind(w, i, TOK_LPAREN) && !xl_word_in(w, i + 1, query_words) &&
		!xl_word_kind(w, i + 1, TOK_LPAREN))
	{
		if (!read_columns(w, i, ins))
			return false;
		i = ins->columns_close + 1;
	}
	if (xl_word_is(w, i, "overriding"))
		i += 3;
	ins->source_start = i;
	ins->returning = xl_returning_word(w, i);
	if (xl_word_is(w, i, "default") && xl_word_is(w, i + 1, "values"))
	{
		ins->source = XL_INSERT_DEFAULT_VALUES;
		ins->source_end = i + 2;
	}
	else if (xl_word_is(w, i, "values") && read_rows(w, i, ins))
		ins->source = XL_INSERT_VALUES;
	else
	{
		ins->source = XL_INSERT_QUERY;
		ins->first_row = SIZE_MAX;
		ins->nrows = 0;
		ins->source_end = find_on_conflict(w, i, Min(ins->returning, w->n));
		if (ins->source_end == SIZE_MAX)
			ins->source_end = Min(ins->returning, w->n);
	}
	if (xl_insert_is_on_conflict(w, ins->source_end))
	{
		ins->on_conflict = ins->source_end;
		ins->conflict_end = Min(ins->returning, w->n);
	}
	return true;
}

size_t
xl_insert_next_row(const XlWords *w, size_t row)
{
	size_t		close = xl_matching_close(w, row);

	return close != SIZE_MAX && xl_word_kind(w, close + 1, TOK_COMMA) ? close + 2 : SIZE_MAX;
}
