/*
 * insert.c
 *		The insert rule: INSERT forms a dialect does not read, in forms it
 *		does, and the "row just inserted" of a plan's step.
 *
 * Owns, on IRIS: several VALUES rows (iris-dialect.md #10) become one
 * INSERT ... SELECT ... UNION ALL SELECT ... (one statement, so still
 * atomic); ON CONFLICT (#11) with one VALUES row becomes INSERT ...
 * SELECT ... WHERE NOT EXISTS (DO NOTHING) or INSERT OR UPDATE (DO UPDATE
 * that stores exactly the inserted values); every other ON CONFLICT is
 * refused with 0A000 naming what to write instead. On SQLite, which reads
 * PostgreSQL's multi-row VALUES and upserts: DEFAULT as a VALUES item and
 * ON CONFLICT ON CONSTRAINT are refused (SQLite has neither), and INSERT
 * ... SELECT ... FROM t ON CONFLICT gets the WHERE true SQLite needs to
 * tell the ON from a join's. On both, a plan step's pgwire_inserted_row()
 * (dml_plan.c) becomes the dialect's test for the row the step before
 * inserted. Operands are written through every rule; text outside the
 * constructs is untouched.
 */
#include "translate/xl_internal.h"

#include <stdlib.h>
#include <string.h>

typedef enum InsertForm
{
	FORM_NONE,					/* nothing to rewrite in the INSERT itself */
	FORM_UNION_ALL,				/* IRIS: VALUES rows as SELECT ... UNION ALL SELECT ... */
	FORM_NOT_EXISTS,			/* IRIS: ON CONFLICT (k) DO NOTHING */
	FORM_INSERT_OR_UPDATE,		/* IRIS: ON CONFLICT (k) DO UPDATE SET c = EXCLUDED.c, ... */
	FORM_WHERE_TRUE				/* SQLite: INSERT ... SELECT ... FROM t ON CONFLICT */
} InsertForm;

typedef struct InsertRule
{
	XlRuleEnv	env;
	const XlWords *w;
	XlInsert	ins;
	InsertForm	form;
	size_t		target;			/* '(' of the ON CONFLICT target */
	bool		refused;		/* refusal is reported at the statement's first word */
	Buf			a;				/* names being compared */
	Buf			b;
	PgError		refusal;		/* last: not cleared */
} InsertRule;

/* ---- reading ---- */

/* Words [*from, *to) of item k (0-based) of the row or list whose '(' is word open; false if none. */
static bool
list_item(const XlWords *w, size_t open, size_t k, size_t *from, size_t *to)
{
	size_t		close = xl_matching_close(w, open);
	size_t		start = open + 1;

	if (close == SIZE_MAX || close == open + 1)
		return false;
	for (size_t j = start; j <= close; j++)
	{
		if (xl_word_kind(w, j, TOK_LPAREN) || xl_word_kind(w, j, TOK_LBRACKET))
			j = xl_group_end(w, j);
		else if (j == close || xl_word_kind(w, j, TOK_COMMA))
		{
			if (k-- == 0)
			{
				*from = start;
				*to = j;
				return true;
			}
			start = j + 1;
		}
	}
	return false;
}

/* The number of items in the row or list whose '(' is word open. */
static size_t
list_length(const XlWords *w, size_t open)
{
	size_t		n = 0;
	size_t		from,
				to;

	while (list_item(w, open, n, &from, &to))
		n++;
	return n;
}

/* Are words i and j the same name (decoded: unquoted ones folded)? */
static bool
same_name(InsertRule *r, size_t i, size_t j)
{
	PgError		err;

	buf_reset(&r->a);
	buf_reset(&r->b);
	if (!xl_ident_value(r->w->query, &r->w->tok[i], &r->a, &err) ||
		!xl_ident_value(r->w->query, &r->w->tok[j], &r->b, &err))
		return false;
	return r->a.len == r->b.len && memcmp(r->a.data, r->b.data, r->a.len) == 0;
}

/* The inserted column (0-based) named like word i, or SIZE_MAX. */
static size_t
inserted_column(InsertRule *r, size_t i)
{
	for (size_t k = 0; k < r->ins.ncolumns; k++)
	{
		if (same_name(r, r->ins.columns + 1 + 2 * k, i))
			return k;
	}
	return SIZE_MAX;
}

/* Is word i a conflict-target column? */
static bool
is_target_column(InsertRule *r, size_t i)
{
	for (size_t k = 0; k < list_length(r->w, r->target); k++)
	{
		size_t		from,
					to;

		if (list_item(r->w, r->target, k, &from, &to) && same_name(r, from, i))
			return true;
	}
	return false;
}

/* ---- deciding ---- */

static bool
refuse(InsertRule *r, size_t word, const char *why, const char *what)
{
	xl_refuse(&r->refusal, r->w, word, xl_dialect_display(r->env.ctx->dialect), why, "%s", what);
	r->refused = true;
	return false;
}

/* The first DEFAULT standing alone as a VALUES item, or SIZE_MAX. */
static size_t
default_item(const XlWords *w, const XlInsert *ins)
{
	for (size_t row = ins->first_row; row != SIZE_MAX; row = xl_insert_next_row(w, row))
	{
		size_t		from,
					to;

		for (size_t k = 0; list_item(w, row, k, &from, &to); k++)
		{
			if (to == from + 1 && xl_word_is(w, from, "default"))
				return from;
		}
	}
	return SIZE_MAX;
}

/* IRIS: several VALUES rows, one INSERT ... SELECT ... UNION ALL ... */
static bool
decide_rows(InsertRule *r)
{
	size_t		word = default_item(r->w, &r->ins);

	if (word != SIZE_MAX)
		return refuse(r, word, "a row given by SELECT cannot take a column's default; "
					  "insert the rows that use DEFAULT one per statement",
					  "DEFAULT in a VALUES list of several rows");
	for (size_t row = r->ins.first_row; row != SIZE_MAX; row = xl_insert_next_row(r->w, row))
	{
		if (xl_word_kind(r->w, row + 1, TOK_RPAREN))
			return true;		/* VALUES (): the database says what is wrong */
	}
	r->form = FORM_UNION_ALL;
	return true;
}

/* IRIS: the single VALUES row and the column list an ON CONFLICT needs. */
static bool
check_conflict_source(InsertRule *r)
{
	const XlInsert *ins = &r->ins;
	const char *one_row = "insert one row per statement, or the rows of a query without ON CONFLICT";

	if (ins->source == XL_INSERT_QUERY)
		return refuse(r, ins->source_start, one_row, "ON CONFLICT after INSERT ... SELECT");
	if (ins->source == XL_INSERT_DEFAULT_VALUES)
		return refuse(r, ins->source_start, "list the columns and their values",
					  "ON CONFLICT with DEFAULT VALUES");
	if (ins->nrows > 1)
		return refuse(r, xl_insert_next_row(r->w, ins->first_row), one_row,
					  "ON CONFLICT with several VALUES rows");
	if (ins->columns == SIZE_MAX || !ins->plain_columns)
		return refuse(r, ins->on_conflict, "list the inserted columns by name",
					  "ON CONFLICT in an INSERT without a plain column list");
	if (list_length(r->w, ins->first_row) != ins->ncolumns)
		return refuse(r, ins->first_row, "give one value per listed column",
					  "ON CONFLICT in an INSERT whose values do not match its columns");
	return true;
}

/* IRIS: ON CONFLICT (...) names a target; *close is its ')'. */
static bool
check_conflict_target(InsertRule *r, size_t *close)
{
	const XlWords *w = r->w;
	size_t		i = r->ins.on_conflict + 2;

	if (xl_word_is(w, i, "on"))
		return refuse(r, i, "name the constraint's columns instead: ON CONFLICT (column, ...)",
					  "ON CONFLICT ON CONSTRAINT");
	if (!xl_word_kind(w, i, TOK_LPAREN) || (*close = xl_matching_close(w, i)) == SIZE_MAX)
		return refuse(r, r->ins.on_conflict,
					  "name the columns of the unique key: ON CONFLICT (column, ...)",
					  "ON CONFLICT without a conflict target");
	r->target = i;
	return true;
}

/* IRIS: the target's items are plain columns the INSERT sets, and no index predicate follows. */
static bool
check_conflict_columns(InsertRule *r, size_t close)
{
	const XlWords *w = r->w;
	size_t		from,
				to;

	for (size_t k = 0; list_item(w, r->target, k, &from, &to); k++)
	{
		size_t		col;

		if (to != from + 1 || !xl_word_is_name(w, from))
			return refuse(r, from, "name the columns of the unique key",
						  "an ON CONFLICT target that is not a plain column");
		col = inserted_column(r, from);
		if (col == SIZE_MAX)
			return refuse(r, from, "the value to look for must be one the INSERT gives",
						  "an ON CONFLICT column the INSERT does not set");
		if (list_item(w, r->ins.first_row, col, &from, &to) && to == from + 1 &&
			xl_word_is(w, from, "default"))
			return refuse(r, from, "give the key's value", "DEFAULT for an ON CONFLICT column");
	}
	if (xl_word_is(w, close + 1, "where"))
		return refuse(r, close + 1, "name the columns of a unique key without a predicate",
					  "ON CONFLICT (...) WHERE");
	return true;
}

/* Is SET item [from, to) "c = EXCLUDED.c"? */
static bool
sets_excluded_value(InsertRule *r, size_t from, size_t to)
{
	const XlWords *w = r->w;

	return to == from + 5 && xl_word_is_name(w, from) && xl_word_is_op(w, from + 1, '=') &&
		xl_word_is(w, from + 2, "excluded") && xl_word_kind(w, from + 3, TOK_DOT) &&
		xl_word_is_name(w, from + 4) && same_name(r, from, from + 4);
}

/*
 * IRIS: DO UPDATE SET c = EXCLUDED.c, ... for every inserted column
 * outside the key and nothing else: what INSERT OR UPDATE stores. (It also
 * fires on a collision with any other unique key: docs/translation.md.)
 */
static bool
check_do_update(InsertRule *r, size_t set)
{
	const XlWords *w = r->w;
	size_t		end = r->ins.conflict_end;
	size_t		item = set + 1;
	bool	   *covered;
	bool		ok = true;

	if ((covered = calloc(r->ins.ncolumns + 1, sizeof(bool))) == NULL)
	{
		r->env.out->failed = true;
		return false;
	}
	for (size_t j = item; ok && j <= end; j++)
	{
		if (xl_word_kind(w, j, TOK_LPAREN) || xl_word_kind(w, j, TOK_LBRACKET))
			j = xl_group_end(w, j);
		else if (j == end || xl_word_kind(w, j, TOK_COMMA) || xl_word_is(w, j, "where"))
		{
			size_t		col = sets_excluded_value(r, item, j) ? inserted_column(r, item) : SIZE_MAX;

			if (col == SIZE_MAX)
				ok = refuse(r, item, "INSERT OR UPDATE can only store the inserted values: "
							"SET column = EXCLUDED.column for inserted columns",
							"this ON CONFLICT DO UPDATE SET item");
			else if (xl_word_is(w, j, "where"))
				ok = refuse(r, j, "INSERT OR UPDATE updates unconditionally",
							"ON CONFLICT DO UPDATE ... WHERE");
			else
				covered[col] = true;
			item = j + 1;
		}
	}
	for (size_t k = 0; ok && k < r->ins.ncolumns; k++)
	{
		size_t		name = r->ins.columns + 1 + 2 * k;

		if (!covered[k] && !is_target_column(r, name))
			ok = refuse(r, name, "INSERT OR UPDATE stores every inserted column: SET it to "
						"EXCLUDED too, or leave it out of the INSERT",
						"ON CONFLICT DO UPDATE that keeps an inserted column unchanged");
	}
	free(covered);
	return ok;
}

static bool
decide_conflict_iris(InsertRule *r)
{
	const XlWords *w = r->w;
	size_t		close;
	size_t		i;

	if (!check_conflict_target(r, &close) || !check_conflict_source(r) ||
		!check_conflict_columns(r, close))
		return false;
	i = close + 1;
	if (xl_word_is(w, i, "do") && xl_word_is(w, i + 1, "nothing") && i + 2 == r->ins.conflict_end)
	{
		r->form = FORM_NOT_EXISTS;
		return true;
	}
	if (xl_word_is(w, i, "do") && xl_word_is(w, i + 1, "update") && xl_word_is(w, i + 2, "set"))
	{
		if (!check_do_update(r, i + 2))
			return false;
		r->form = FORM_INSERT_OR_UPDATE;
		return true;
	}
	return true;				/* not PostgreSQL's syntax: the database says so */
}

/* Words ending a query's FROM list, after which ON cannot belong to a join. */
static const char *const after_from_words[] = {
	"where", "group", "having", "window", "order", "limit", "offset", "fetch",
	"union", "intersect", "except", NULL
};

/* SQLite: does INSERT ... SELECT ... FROM t ON CONFLICT need WHERE true? */
static bool
needs_where_true(const XlWords *w, const XlInsert *ins)
{
	bool		from = false;
	int			depth = 0;

	for (size_t i = ins->source_start; i < ins->on_conflict; i++)
	{
		if (w->tok[i].kind == TOK_LPAREN)
			depth++;
		else if (w->tok[i].kind == TOK_RPAREN)
			depth--;
		else if (depth == 0 && xl_word_is(w, i, "from"))
			from = true;
		else if (depth == 0 && xl_word_in(w, i, after_from_words))
			from = false;
	}
	return from;
}

static void
decide(InsertRule *r)
{
	const XlInsert *ins = &r->ins;
	bool		iris = r->env.ctx->dialect == DIALECT_IRIS;
	size_t		word;

	if (!iris && ins->source == XL_INSERT_VALUES && (word = default_item(r->w, ins)) != SIZE_MAX)
		(void) refuse(r, word, "leave the column out of the INSERT's column list",
					  "DEFAULT in VALUES");
	else if (ins->on_conflict == SIZE_MAX)
	{
		if (iris && ins->source == XL_INSERT_VALUES && ins->nrows > 1)
			(void) decide_rows(r);
	}
	else if (iris)
		(void) decide_conflict_iris(r);
	else if (xl_word_is(r->w, ins->on_conflict + 2, "on"))
		(void) refuse(r, ins->on_conflict + 2,
					  "name the constraint's columns instead: ON CONFLICT (column, ...)",
					  "ON CONFLICT ON CONSTRAINT");
	else if (ins->source == XL_INSERT_QUERY && needs_where_true(r->w, ins))
		r->form = FORM_WHERE_TRUE;
}

/* ---- writing ---- */

static bool
write_words(InsertRule *r, size_t from, size_t to, PgError *err)
{
	return r->env.write_words(r->env.rewriter, from, to, err);
}

/* "SELECT <the row's items>" for the VALUES row whose '(' is word row. */
static bool
write_row_select(InsertRule *r, size_t row, PgError *err)
{
	buf_append_str(r->env.out, "SELECT ");
	return write_words(r, row + 1, xl_matching_close(r->w, row), err);
}

/* key = value AND ... for the conflict target, each value parenthesised (#7). */
static bool
write_key_test(InsertRule *r, PgError *err)
{
	size_t		from,
				to,
				vfrom,
				vto;

	for (size_t k = 0; list_item(r->w, r->target, k, &from, &to); k++)
	{
		size_t		col = inserted_column(r, from);
		bool		one_word;

		(void) list_item(r->w, r->ins.first_row, col, &vfrom, &vto);
		one_word = vto == vfrom + 1;
		buf_append_str(r->env.out, k > 0 ? " AND " : "");
		if (!write_words(r, from, to, err))
			return false;
		buf_append_str(r->env.out, one_word ? " = " : " = (");
		if (!write_words(r, vfrom, vto, err))
			return false;
		buf_append_str(r->env.out, one_word ? "" : ")");
	}
	return true;
}

/* The source and ON CONFLICT clause of an INSERT, at its VALUES. */
static XlRuleResult
write_source(InsertRule *r, size_t *end, PgError *err)
{
	const XlInsert *ins = &r->ins;
	Buf		   *out = r->env.out;
	bool		ok = true;

	switch (r->form)
	{
		case FORM_UNION_ALL:
			for (size_t row = ins->first_row; ok && row != SIZE_MAX; row = xl_insert_next_row(r->w, row))
			{
				buf_append_str(out, row == ins->first_row ? "" : " UNION ALL ");
				ok = write_row_select(r, row, err);
			}
			*end = ins->source_end;
			break;
		case FORM_NOT_EXISTS:
			ok = write_row_select(r, ins->first_row, err);
			buf_append_str(out, " WHERE NOT EXISTS (SELECT 1 FROM ");
			ok = ok && write_words(r, ins->table, ins->alias == SIZE_MAX ? ins->table_end : ins->alias - 1, err);
			buf_append_str(out, " WHERE ");
			ok = ok && write_key_test(r, err);
			buf_append_str(out, ")");
			*end = ins->conflict_end;
			break;
		default:
			buf_append_str(out, "VALUES (");
			ok = write_words(r, ins->first_row + 1, ins->source_end - 1, err);
			buf_append_str(out, ")");
			*end = ins->conflict_end;
			break;
	}
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

/* The marker of a plan's step: the row the step before inserted (iris-dialect.md #9). */
static bool
is_inserted_row_marker(const XlWords *w, size_t i)
{
	return xl_word_is(w, i, XL_INSERTED_ROW_MARKER) && xl_word_kind(w, i + 1, TOK_LPAREN) &&
		xl_word_kind(w, i + 2, TOK_RPAREN);
}

/* ---- the rule, as the rewriter runs it ---- */

static bool
insert_begin(const XlRuleEnv *env, void **state)
{
	SqlDialect	dialect = env->ctx->dialect;
	InsertRule *r;

	if ((dialect != DIALECT_IRIS && dialect != DIALECT_SQLITE) ||
		(env->stmt->kind != STMT_INSERT && !env->ctx->plan_step))
		return false;
	if ((r = xl_rule_state_alloc(env, sizeof(InsertRule), offsetof(InsertRule, refusal))) == NULL)
		return false;
	r->env = *env;
	r->w = &r->env.w;
	buf_init(&r->a);
	buf_init(&r->b);
	if (env->stmt->kind == STMT_INSERT && xl_parse_insert(r->w, &r->ins))
		decide(r);
	if (r->form == FORM_NONE && !r->refused && !env->ctx->plan_step)
	{
		buf_free(&r->a);
		buf_free(&r->b);
		return false;
	}
	*state = r;
	return true;
}

static XlRuleResult
insert_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	InsertRule *r = state;
	Buf		   *out = r->env.out;

	(void) to;
	if (i == 0 && r->refused)
	{
		*err = r->refusal;
		return XL_RULE_FAILED;
	}
	if (r->env.ctx->plan_step && is_inserted_row_marker(r->w, i))
	{
		buf_append_str(out, r->env.ctx->dialect == DIALECT_IRIS ? "%ID = LAST_IDENTITY()"
					   : "rowid = last_insert_rowid()");
		*end = i + 3;
		return XL_RULE_WRITTEN;
	}
	if (i == 0 && r->form == FORM_INSERT_OR_UPDATE)
	{
		buf_append_str(out, "INSERT OR UPDATE");
		*end = 1;
		return XL_RULE_WRITTEN;
	}
	if (i == r->ins.on_conflict && r->form == FORM_WHERE_TRUE)
	{
		buf_append_str(out, "WHERE true ON");
		*end = i + 1;
		return XL_RULE_WRITTEN;
	}
	if (i == r->ins.source_start && r->form != FORM_NONE && r->form != FORM_WHERE_TRUE)
		return write_source(r, end, err);
	return XL_RULE_NONE;
}

static void
insert_end(void *state)
{
	InsertRule *r = state;

	buf_free(&r->a);
	buf_free(&r->b);
}

const XlRule xl_insert_rule = {"insert", insert_begin, insert_apply, insert_end};
