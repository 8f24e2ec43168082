/*
 * dml_plan.c
 *		Statements a dialect runs as several: INSERT ... RETURNING on
 *		databases without RETURNING.
 *
 * Owns: deciding which data-changing statements need a plan on IRIS and
 * SQLite, and writing its steps as PostgreSQL text. IRIS has no RETURNING
 * (iris-dialect.md #9) and SQLite's ODBC driver returns no rows for it, so
 * INSERT ... VALUES (r1), (r2) RETURNING list becomes, per row,
 *		INSERT ... VALUES (r1)
 *		SELECT list FROM t WHERE <the row just inserted>
 * where the marker pgwire_inserted_row() is read by the insert rule
 * (insert.c) as the dialect's %ID = LAST_IDENTITY() or rowid =
 * last_insert_rowid(). The backend runs the steps in one transaction on
 * one connection. Each step is copied from the client's text in pieces,
 * so an error the translator finds in a step points into that text.
 * What no plan carries faithfully is refused with 0A000 here: UPDATE and
 * DELETE ... RETURNING (which rows they touched cannot be told afterwards),
 * RETURNING after INSERT ... SELECT (the rows are not known one by one)
 * or with ON CONFLICT (a row skipped or updated is no "last inserted row").
 * It never runs anything.
 */
#include "translate/xl_internal.h"

#include <stdlib.h>
#include <string.h>

void
xl_plan_init(XlPlan *plan)
{
	memset(plan, 0, sizeof(*plan));
	buf_init(&plan->text);
}

void
xl_plan_free(XlPlan *plan)
{
	buf_free(&plan->text);
	free(plan->steps);
	free(plan->pieces);
	xl_plan_init(plan);
}

const char *
xl_plan_step_text(const XlPlan *plan, size_t k)
{
	return plan->text.data + plan->steps[k].text;
}

/* ---- building steps ---- */

/* Room for one more element of size size in *items (cap *cap); false on out of memory. */
static bool
grow(void **items, size_t *cap, size_t count, size_t size)
{
	void	   *p;
	size_t		n = *cap ? *cap * 2 : 8;

	if (count < *cap)
		return true;
	if ((p = realloc(*items, n * size)) == NULL)
		return false;
	*items = p;
	*cap = n;
	return true;
}

/* Begin a new step; false on out of memory. */
static bool
begin_step(XlPlan *plan, bool returns_rows, int same_as, uint32_t origin)
{
	XlPlanStep *st;

	if (!grow((void **) &plan->steps, &plan->cap, plan->count, sizeof(XlPlanStep)))
		return false;
	st = &plan->steps[plan->count++];
	memset(st, 0, sizeof(*st));
	st->returns_rows = returns_rows;
	st->same_as = same_as;
	st->origin = origin;
	if (same_as >= 0)
	{
		const XlPlanStep *orig = &plan->steps[same_as];

		st->text = orig->text;
		st->len = orig->len;
		st->first_piece = orig->first_piece;
		st->npieces = orig->npieces;
	}
	else
	{
		st->text = plan->text.len;
		st->first_piece = plan->npieces;
	}
	return true;
}

/* Append query[from, to) to the step being built, remembering where it came from. */
static bool
copy_piece(XlPlan *plan, const char *query, size_t from, size_t to)
{
	XlPlanStep *st = &plan->steps[plan->count - 1];
	XlPlanPiece *p;

	if (!grow((void **) &plan->pieces, &plan->pieces_cap, plan->npieces, sizeof(XlPlanPiece)))
		return false;
	p = &plan->pieces[plan->npieces++];
	p->at = (uint32_t) (plan->text.len - st->text);
	p->from = (uint32_t) from;
	p->len = (uint32_t) (to - from);
	st->npieces++;
	buf_append(&plan->text, query + from, to - from);
	return true;
}

static void
end_step(XlPlan *plan)
{
	XlPlanStep *st = &plan->steps[plan->count - 1];

	st->len = plan->text.len - st->text;
	buf_append_byte(&plan->text, '\0');
}

/* Byte offsets of words [from, to) of w: from the first's start to the last's end. */
static size_t
word_start(const XlWords *w, size_t i)
{
	return w->tok[i].start;
}

static size_t
word_end(const XlWords *w, size_t i)
{
	return xl_token_end(&w->tok[i - 1]);
}

/*
 * INSERT ... VALUES (row) without the other rows and RETURNING, or INSERT
 * ... DEFAULT VALUES (row SIZE_MAX); without the table's alias, which
 * only RETURNING could use (and IRIS's INSERT has none: RSQL_insert).
 */
static bool
add_insert_step(XlPlan *plan, const XlWords *w, const XlInsert *ins, size_t row)
{
	size_t		from = word_start(w, 0);
	size_t		to;

	if (!begin_step(plan, false, -1, (uint32_t) from))
		return false;
	if (ins->alias != SIZE_MAX)
	{
		if (!copy_piece(plan, w->query, from, word_end(w, ins->alias - 1)))
			return false;
		buf_append_byte(&plan->text, ' ');
		from = word_start(w, ins->table_end);
	}
	to = row == SIZE_MAX ? word_end(w, ins->source_end) : word_start(w, ins->first_row);
	if (!copy_piece(plan, w->query, from, to) ||
		(row != SIZE_MAX &&
		 !copy_piece(plan, w->query, word_start(w, row), word_end(w, xl_matching_close(w, row) + 1))))
		return false;
	end_step(plan);
	return true;
}

/* SELECT <returning list> FROM t [AS a] WHERE <the row just inserted>. */
static bool
add_select_step(XlPlan *plan, const XlWords *w, const XlInsert *ins, int *first)
{
	if (*first >= 0)
		return begin_step(plan, true, *first, (uint32_t) word_start(w, ins->returning));
	*first = (int) plan->count;
	if (!begin_step(plan, true, -1, (uint32_t) word_start(w, ins->returning)))
		return false;
	buf_append_str(&plan->text, "SELECT ");
	if (!copy_piece(plan, w->query, word_start(w, ins->returning + 1), word_end(w, w->n)))
		return false;
	buf_append_str(&plan->text, " FROM ");
	if (!copy_piece(plan, w->query, word_start(w, ins->table), word_end(w, ins->table_end)))
		return false;
	buf_append_str(&plan->text, " WHERE " XL_INSERTED_ROW_MARKER "()");
	end_step(plan);
	return true;
}

static bool
build_returning_plan(XlPlan *plan, const XlWords *w, const XlInsert *ins, PgError *err)
{
	int			select_step = -1;
	bool		ok = true;

	if (ins->source == XL_INSERT_DEFAULT_VALUES)
		ok = add_insert_step(plan, w, ins, SIZE_MAX) && add_select_step(plan, w, ins, &select_step);
	for (size_t row = ins->first_row; ok && row != SIZE_MAX; row = xl_insert_next_row(w, row))
		ok = add_insert_step(plan, w, ins, row) && add_select_step(plan, w, ins, &select_step);
	if (ok && !buf_failed(&plan->text))
		return true;
	pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return false;
}

/* ---- what needs a plan, and what cannot have one ---- */

static bool
refuse(PgError *err, const XlWords *w, size_t word, SqlDialect dialect, const char *why,
	   const char *what)
{
	xl_refuse(err, w, word, xl_dialect_display(dialect), why, "%s", what);
	return false;
}

/* Can a plan carry this statement's RETURNING? If not, err says why. */
static bool
check_returning(const XlWords *w, const Statement *stmt, const XlInsert *ins, bool parsed,
				size_t returning, SqlDialect dialect, PgError *err)
{
	if (stmt->kind == STMT_UPDATE)
		return refuse(err, w, returning, dialect,
					  "the rows it changed cannot be read back afterwards; "
					  "SELECT them in the same transaction instead",
					  "UPDATE ... RETURNING");
	if (stmt->kind == STMT_DELETE)
		return refuse(err, w, returning, dialect,
					  "the rows it deletes cannot be read back afterwards; "
					  "SELECT them first in the same transaction instead",
					  "DELETE ... RETURNING");
	if (!parsed)
		return refuse(err, w, returning, dialect,
					  "only a plain INSERT ... VALUES can return its rows",
					  "RETURNING in this INSERT");
	if (ins->source == XL_INSERT_QUERY)
		return refuse(err, w, returning, dialect,
					  "only rows given by VALUES can be read back one by one",
					  "INSERT ... SELECT ... RETURNING");
	if (ins->on_conflict != SIZE_MAX)
		return refuse(err, w, returning, dialect,
					  "a row the conflict skipped or updated cannot be read back",
					  "ON CONFLICT with RETURNING");
	return true;
}

bool
xl_plan_dml(const char *query, const StatementList *list, const Statement *stmt,
			SqlDialect dialect, XlPlan *plan, PgError *err)
{
	XlWords		w = xl_words(query, list, stmt);
	XlInsert	ins;
	size_t		returning;
	bool		parsed;

	if (dialect == DIALECT_POSTGRES ||
		(stmt->kind != STMT_INSERT && stmt->kind != STMT_UPDATE && stmt->kind != STMT_DELETE) ||
		(returning = xl_returning_word(&w, 0)) == SIZE_MAX)
		return true;
	parsed = stmt->kind == STMT_INSERT && xl_parse_insert(&w, &ins);
	if (!check_returning(&w, stmt, &ins, parsed, returning, dialect, err))
		return false;
	if (returning + 1 == w.n)
		return xl_error_near(err, query, word_end(&w, w.n), word_end(&w, w.n),
							 word_end(&w, w.n), "syntax error");
	return build_returning_plan(plan, &w, &ins, err);
}

/* ---- translating a step ---- */

/* The query offset of byte off of step st's text. */
static size_t
query_offset(const XlPlan *plan, const XlPlanStep *st, size_t off)
{
	for (size_t k = 0; k < st->npieces; k++)
	{
		const XlPlanPiece *p = &plan->pieces[st->first_piece + k];

		if (off >= p->at && off < (size_t) p->at + p->len)
			return p->from + (off - p->at);
	}
	return st->origin;
}

/* The byte offset of 1-based character position pos in text. */
static size_t
byte_offset(const char *text, size_t len, int pos)
{
	size_t		off = 0;

	for (int chars = 1; chars < pos && off < len; chars++)
	{
		off++;
		while (off < len && ((unsigned char) text[off] & 0xC0) == 0x80)
			off++;
	}
	return off;
}

bool
xl_plan_rewrite_step(const char *query, const XlPlan *plan, size_t k, const RewriteContext *ctx,
					 StatementList *list, Buf *out, PgError *err)
{
	const XlPlanStep *st = &plan->steps[k];
	const char *text = xl_plan_step_text(plan, k);
	RewriteContext step_ctx = *ctx;
	bool		ok;

	step_ctx.plan_step = true;
	ok = xl_split(text, st->len, list, err);
	if (ok && list->count != 1)
	{
		pgerr_set(err, ERRCODE_INTERNAL_ERROR, "a step of a plan is not one statement");
		return false;
	}
	ok = ok && xl_rewrite(text, list, &list->stmts[0], &step_ctx, out, err);
	if (!ok && err->position > 0)
		err->position = xl_char_position(query, query_offset(plan, st,
															 byte_offset(text, st->len, err->position)));
	return ok;
}
