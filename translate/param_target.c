/*
 * param_target.c
 *		The table column each parameter of a statement is stored in or
 *		compared with, so a backend whose driver cannot type parameters
 *		(SQLite's) can give $n the column's declared type, as PostgreSQL
 *		infers it.
 *
 * Owns: recognising, at the top level of one statement,
 *		INSERT INTO t [(c1, c2, ...)] VALUES ($1, ...), (...)
 *		UPDATE t SET c = $1, ...
 *		... FROM t / UPDATE t / DELETE FROM t ... WHERE c = $1 (also $1 = c,
 *		<>, <, >, <=, >=, and qualified t.c), when exactly one table is named.
 * Anything else leaves a parameter without a target: it stays undecided.
 */
#include "translate/xl_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct Walker
{
	XlWords		w;
	ParamTargets *out;
	char	   *table;			/* the one table the statement names, or NULL */
	bool		ok;				/* false after out of memory */
} Walker;

void
xl_param_targets_init(ParamTargets *t)
{
	memset(t, 0, sizeof(*t));
}

void
xl_param_targets_free(ParamTargets *t)
{
	for (size_t k = 0; k < t->count; k++)
	{
		free(t->items[k].table);
		free(t->items[k].column);
	}
	free(t->items);
	xl_param_targets_init(t);
}

const ParamTarget *
xl_param_target_of(const ParamTargets *t, int param)
{
	for (size_t k = 0; k < t->count; k++)
	{
		if (t->items[k].param == param)
			return &t->items[k];
	}
	return NULL;
}

/* The decoded name at word i (NULL if it is not a name, or out of memory). */
static char *
name_at(const XlWords *w, size_t i)
{
	Buf			b;
	PgError		err;
	char	   *name = NULL;

	if (!xl_word_is_name(w, i))
		return NULL;
	buf_init(&b);
	if (xl_ident_value(w->query, &w->tok[i], &b, &err) && !buf_failed(&b))
		name = strndup(b.data, b.len);
	buf_free(&b);
	return name;
}

/*
 * A table name at word *i, schema-qualified or not: the last part, with
 * *i moved past it. NULL if there is none.
 */
static char *
table_at(const XlWords *w, size_t *i)
{
	size_t		j = *i;

	while (xl_word_is_name(w, j) && xl_word_kind(w, j + 1, TOK_DOT) && xl_word_is_name(w, j + 2))
		j += 2;
	if (!xl_word_is_name(w, j))
		return NULL;
	*i = j + 1;
	return name_at(w, j);
}

/* Record that $param goes to table.column (or the table's ordinal-th column). */
static void
add_target(Walker *wk, int param, const char *table, char *column, int ordinal)
{
	ParamTargets *t = wk->out;
	ParamTarget *item;

	if (table == NULL || xl_param_target_of(t, param) != NULL)
	{
		free(column);
		return;
	}
	if (t->count == t->cap)
	{
		size_t		cap = t->cap ? t->cap * 2 : 8;
		ParamTarget *items = realloc(t->items, cap * sizeof(ParamTarget));

		if (items == NULL)
		{
			free(column);
			wk->ok = false;
			return;
		}
		t->items = items;
		t->cap = cap;
	}
	item = &t->items[t->count];
	item->param = param;
	item->column = column;
	item->ordinal = ordinal;
	item->table = strdup(table);
	if (item->table == NULL)
	{
		free(column);
		wk->ok = false;
		return;
	}
	t->count++;
}

/*
 * Is word i a lone parameter: $n between separators of a list? $n::vector
 * counts too: the column still says how many dimensions it holds.
 */
static bool
lone_param(const XlWords *w, size_t i)
{
	size_t		j = i + 1;

	if (!xl_word_kind(w, i, TOK_PARAM))
		return false;
	if (xl_word_kind(w, j, TOK_TYPECAST) && xl_word_is(w, j + 1, "vector"))
	{
		j += 2;
		if (xl_word_kind(w, j, TOK_LPAREN))
			j = xl_group_end(w, j) + 1;
	}
	return xl_word_kind(w, j, TOK_COMMA) || xl_word_kind(w, j, TOK_RPAREN);
}

/* Are words [item, end) one lone parameter ($n, or $n::vector[(n)])? */
static bool
lone_item(const XlWords *w, size_t item, size_t end)
{
	size_t		j = item + 1;

	if (!lone_param(w, item))
		return false;
	if (xl_word_kind(w, j, TOK_TYPECAST))
	{
		j += 2;
		if (xl_word_kind(w, j, TOK_LPAREN))
			j = xl_group_end(w, j) + 1;
	}
	return j == end;
}

/* INSERT INTO t [AS a] [(columns)] VALUES (...), ... (insert_parse.c reads it) */
static void
walk_insert(Walker *wk)
{
	const XlWords *w = &wk->w;
	XlInsert	ins;
	size_t		i;

	if (!xl_parse_insert(w, &ins) || ins.source != XL_INSERT_VALUES || !ins.plain_columns)
		return;					/* c.f[1] and the like: not plain columns */
	i = ins.table;
	if ((wk->table = table_at(w, &i)) == NULL)
		return;
	for (size_t row = ins.first_row; row != SIZE_MAX; row = xl_insert_next_row(w, row))
	{
		size_t		end = xl_group_end(w, row);
		size_t		k = 0;

		for (size_t j = row + 1; j < end; j++, k++)
		{
			size_t		item = j;
			char	   *column;

			/* skip to the comma ending this item, at this depth */
			while (j < end && !xl_word_kind(w, j, TOK_COMMA))
				j = xl_word_kind(w, j, TOK_LPAREN) ? xl_group_end(w, j) + 1 : j + 1;
			if (!lone_item(w, item, j))
				continue;
			if (ins.columns == SIZE_MAX)
				add_target(wk, w->tok[item].param, wk->table, NULL, (int) k + 1);
			else if (k < ins.ncolumns && (column = name_at(w, ins.columns + 1 + 2 * k)) != NULL)
				add_target(wk, w->tok[item].param, wk->table, column, 0);
		}
	}
}

/* Words after a table (and its alias) that bring in another table. */
static const char *const join_words[] = {
	"join", "inner", "left", "right", "full", "cross", "natural", NULL
};

/* The one table of UPDATE t / DELETE FROM t / SELECT ... FROM t (no join, no list). */
static char *
single_table(const XlWords *w)
{
	size_t		i;
	int			depth = 0;
	char	   *table;

	if (xl_word_is(w, 0, "update"))
		i = 1;
	else if (xl_word_is(w, 0, "delete") && xl_word_is(w, 1, "from"))
		i = 2;
	else
	{
		for (i = 0; i < w->n; i++)
		{
			if (w->tok[i].kind == TOK_LPAREN)
				depth++;
			else if (w->tok[i].kind == TOK_RPAREN)
				depth--;
			else if (depth == 0 && xl_word_is(w, i, "from"))
				break;
		}
		if (i++ >= w->n)
			return NULL;
	}
	if (xl_word_is(w, i, "only"))
		i++;
	if ((table = table_at(w, &i)) == NULL)
		return NULL;
	if (xl_word_is(w, i, "as"))
		i += 2;					/* AS alias */
	else if (xl_word_is_name(w, i) && !xl_word_is_reserved(w, i) && !xl_word_is(w, i, "set") &&
			 !xl_word_in(w, i, join_words))
		i++;					/* alias */
	if (xl_word_kind(w, i, TOK_COMMA) || xl_word_in(w, i, join_words))
	{
		free(table);
		return NULL;
	}
	return table;
}

static bool
is_comparison(const XlWords *w, size_t i)
{
	static const char *const ops[] = {"=", "<>", "!=", "<", ">", "<=", ">=", NULL};

	for (const char *const *op = ops; *op != NULL; op++)
	{
		if (xl_word_is_operator(w, i, *op))
			return true;
	}
	return false;
}

/* The column named by words ending at word i (c or x.c), or NULL. */
static char *
column_ending_at(const XlWords *w, size_t i)
{
	if (!xl_word_is_name(w, i) || xl_word_is_reserved(w, i))
		return NULL;
	if (i >= 2 && xl_word_kind(w, i - 1, TOK_DOT) && xl_word_kind(w, i - 2, TOK_DOT))
		return NULL;
	return name_at(w, i);
}

/* col = $n and $n = col anywhere (UPDATE's SET col = $n is one of them). */
static void
walk_comparisons(Walker *wk)
{
	const XlWords *w = &wk->w;

	if ((wk->table = single_table(w)) == NULL)
		return;
	for (size_t i = 1; i + 1 < w->n; i++)
	{
		if (!is_comparison(w, i))
			continue;
		if (xl_word_kind(w, i + 1, TOK_PARAM) && !xl_word_kind(w, i + 2, TOK_TYPECAST) &&
			!xl_word_kind(w, i + 2, TOK_OPERATOR) && !xl_word_kind(w, i - 2, TOK_OPERATOR))
			add_target(wk, w->tok[i + 1].param, wk->table, column_ending_at(w, i - 1), 0);
		else if (xl_word_kind(w, i - 1, TOK_PARAM) && i + 1 < w->n &&
				 !(i >= 2 && (xl_word_kind(w, i - 2, TOK_OPERATOR) || xl_word_kind(w, i - 2, TOK_TYPECAST))) &&
				 !xl_word_kind(w, i + 2, TOK_DOT) && !xl_word_kind(w, i + 2, TOK_LPAREN))
			add_target(wk, w->tok[i - 1].param, wk->table, column_ending_at(w, i + 1), 0);
	}
}

bool
xl_param_targets(const char *query, const StatementList *list, const Statement *stmt,
				 ParamTargets *out)
{
	Walker		wk;

	memset(&wk, 0, sizeof(wk));
	wk.w = xl_words(query, list, stmt);
	wk.out = out;
	wk.ok = true;
	if (stmt->kind == STMT_INSERT)
		walk_insert(&wk);
	else if (stmt->kind == STMT_SELECT || stmt->kind == STMT_UPDATE || stmt->kind == STMT_DELETE)
		walk_comparisons(&wk);
	free(wk.table);
	return wk.ok;
}
