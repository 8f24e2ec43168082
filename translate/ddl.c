/*
 * ddl.c
 *		The ddl rule: the column definitions of CREATE TABLE and of ALTER
 *		TABLE ... ADD COLUMN in the dialect's terms.
 *
 * Owns: reading a table's elements (columns and table constraints) well
 * enough to decide, per dialect, what each column's type becomes, what an
 * auto-increment column (serial, GENERATED ... AS IDENTITY) becomes, what
 * clock and uuid defaults become, where IRIS wants a column's foreign key,
 * that PostgreSQL's storage parameters (WITH (fillfactor = ...)) go, and
 * what the dialect cannot hold (0A000 naming it). The statement is
 * read once when it begins; what to write is a list of edits of word
 * spans, applied as the rewriter reaches them. Everything else (default
 * expressions, names, constraints kept) is written through the other
 * rules. It never renames, reorders or drops a column.
 *
 * IRIS (iris-dialect.md #5, #6, #8, #12): BIT for booleans, VARCHAR with a
 * length for text, IDENTITY (one per table) for serial, no CHECK, no time
 * zones, CURRENT_TIMESTAMP(6) for now(). SQLite keeps the type names
 * PostgreSQL wrote, which pgwire reads back to type result columns
 * (backend/odbc_result.c), and has one auto-increment form: INTEGER
 * PRIMARY KEY AUTOINCREMENT. A column definition itself is ddl_columns.c's.
 */
#include "translate/ddl_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Words that may stand between CREATE and TABLE. */
static const char *const table_prefix_words[] = {
	"global", "local", "temp", "temporary", "unlogged", NULL
};

/* ---- words ---- */

/* The word after word j, past the whole group if j opens one. */
size_t
ddl_word_after(const XlWords *w, size_t j)
{
	if (xl_word_kind(w, j, TOK_LPAREN) || xl_word_kind(w, j, TOK_LBRACKET))
		return Min(xl_group_end(w, j) + 1, w->n);
	return j + 1;
}

/* Is word i the decoded name name (unquoted words fold to lower case)? */
bool
ddl_word_names(Ddl *d, size_t i, const char *name)
{
	PgError		err;

	buf_reset(&d->scratch);
	return xl_word_is_name(d->w, i) &&
		xl_ident_value(d->w->query, &d->w->tok[i], &d->scratch, &err) &&
		!buf_failed(&d->scratch) && strcmp(d->scratch.data, name) == 0;
}

/* Do words a and b name the same column? */
bool
ddl_same_name(Ddl *d, size_t a, size_t b)
{
	PgError		err;

	buf_reset(&d->scratch2);
	return xl_ident_value(d->w->query, &d->w->tok[b], &d->scratch2, &err) &&
		!buf_failed(&d->scratch2) && ddl_word_names(d, a, d->scratch2.data);
}

/* ---- refusals and edits ---- */

/* 0A000 "<what> is not supported by the <dialect> dialect" at word; the first one counts. */
void
PGW_PRINTF(3, 4)
ddl_refuse(Ddl *d, size_t word, const char *fmt,...)
{
	va_list		ap;

	if (d->refused)
		return;
	va_start(ap, fmt);
	xl_refusev(&d->refusal, d->w, word, d->dialect == DIALECT_IRIS ? "the iris dialect" : "the sqlite dialect",
			   NULL, fmt, ap);
	va_end(ap);
	d->refused = true;
}

/* An error PostgreSQL itself would raise (a bad type modifier) at word. */
void
ddl_fail_at(Ddl *d, size_t word, const PgError *err)
{
	if (d->refused)
		return;
	d->refusal = *err;
	xl_set_position(d->w, &d->refusal, word);
	d->refused = true;
}

/* The type of c as written, for messages. */
const char *
ddl_type_text(Ddl *d, const Column *c)
{
	return xl_words_text(d->w, c->type, c->type_end, &d->scratch);
}

static Edit *
add_edit(Ddl *d, EditKind kind, size_t at, size_t end)
{
	Edit	   *e;

	if (d->nedits == d->edits_cap)
	{
		size_t		cap = d->edits_cap ? 2 * d->edits_cap : 8;
		Edit	   *grown = realloc(d->edits, cap * sizeof(Edit));

		if (grown == NULL)
		{
			d->failed = true;
			return NULL;
		}
		d->edits = grown;
		d->edits_cap = cap;
	}
	e = &d->edits[d->nedits++];
	e->kind = kind;
	e->at = at;
	e->end = end;
	e->text = d->texts.len;
	e->text_len = 0;
	return e;
}

/* Words [at, end) become text. */
void
ddl_replace_words(Ddl *d, size_t at, size_t end, const char *text)
{
	Edit	   *e = add_edit(d, EDIT_TEXT, at, end);

	if (e == NULL)
		return;
	buf_append_str(&d->texts, text);
	e->text_len = d->texts.len - e->text;
}

void
ddl_drop_words(Ddl *d, size_t at, size_t end)
{
	(void) add_edit(d, EDIT_DROP, at, end);
}

void
ddl_move_key(Ddl *d, const Column *c)
{
	MovedKey   *k;

	if (d->nkeys == d->keys_cap)
	{
		size_t		cap = d->keys_cap ? 2 * d->keys_cap : 4;
		MovedKey   *grown = realloc(d->keys, cap * sizeof(MovedKey));

		if (grown == NULL)
		{
			d->failed = true;
			return;
		}
		d->keys = grown;
		d->keys_cap = cap;
	}
	k = &d->keys[d->nkeys++];
	k->column = c->name;
	k->name = c->references < c->references_kw ? c->references : SIZE_MAX;
	k->from = c->references_kw;
	k->to = c->references_end;
	ddl_drop_words(d, c->references, c->references_end);
}

/* ---- elements ---- */

/* Where a table constraint begins after [CONSTRAINT name]: its keyword's word, or SIZE_MAX. */
static size_t
table_constraint_at(const XlWords *w, size_t from)
{
	static const char *const kinds[] = {"primary", "unique", "check", "foreign", NULL};
	size_t		j = xl_word_is(w, from, "constraint") ? from + 2 : from;

	if (xl_word_in(w, j, kinds) ||
		(xl_word_is(w, j, "exclude") && (xl_word_kind(w, j + 1, TOK_LPAREN) || xl_word_is(w, j + 1, "using"))))
		return j;
	return j == from ? SIZE_MAX : j;
}

/* One element of the list (or what ALTER TABLE ... ADD adds), words [from, to). */
static void
plan_element(Ddl *d, size_t from, size_t to)
{
	size_t		kw = table_constraint_at(d->w, from);

	if (xl_word_is(d->w, from, "like"))
		return;					/* LIKE other_table: its columns are already the database's */
	if (kw == SIZE_MAX)
		ddl_plan_column(d, from, to);
	else if (d->dialect == DIALECT_IRIS && xl_word_is(d->w, kw, "check"))
		ddl_refuse(d, kw, "a CHECK constraint");	/* iris-dialect.md #12 */
}

/*
 * Find the table's PRIMARY KEY (column) among the elements of words
 * [from, close): SQLite writes it on the column when that is serial.
 */
static void
find_table_key(Ddl *d, size_t from, size_t close)
{
	const XlWords *w = d->w;
	size_t		start = from;

	d->table_key.column = SIZE_MAX;
	for (size_t j = from; j <= close; j = ddl_word_after(w, j))
	{
		size_t		kw;

		if (j < close && !xl_word_kind(w, j, TOK_COMMA))
			continue;
		kw = table_constraint_at(w, start);
		if (kw != SIZE_MAX && xl_word_is(w, kw, "primary") && xl_word_kind(w, kw + 2, TOK_LPAREN) &&
			xl_word_is_name(w, kw + 3) && xl_word_kind(w, kw + 4, TOK_RPAREN))
		{
			d->table_key.column = kw + 3;
			d->table_key.from = start > from ? start - 1 : start;
			d->table_key.to = start > from || j == close ? j : j + 1;
		}
		start = j + 1;
	}
}

/*
 * IRIS: ddl_refuse a column whose name differs from an earlier one's only in
 * case ("Foo" and foo): IRIS identifiers are case-insensitive even when
 * quoted (iris-dialect.md #4), so the table could not have both.
 */
static void
check_name_case(Ddl *d, const size_t *names, size_t n)
{
	const XlWords *w = d->w;
	PgError		err;

	for (size_t b = 1; b < n && !d->refused; b++)
	{
		buf_reset(&d->scratch);
		if (!xl_ident_value(w->query, &w->tok[names[b]], &d->scratch, &err))
			return;				/* the database reports a bad name */
		for (size_t a = 0; a < b; a++)
		{
			buf_reset(&d->scratch2);
			if (!xl_ident_value(w->query, &w->tok[names[a]], &d->scratch2, &err))
				return;
			if (d->scratch.len != d->scratch2.len || strcmp(d->scratch.data, d->scratch2.data) == 0 ||
				strcasecmp(d->scratch.data, d->scratch2.data) != 0)
				continue;
			ddl_refuse(d, names[b], "column \"%s\" beside column \"%s\"", d->scratch.data, d->scratch2.data);
			pgerr_set_detail(&d->refusal, "IRIS does not tell identifiers apart by case, not even quoted ones.");
			return;
		}
	}
}

/* The elements of CREATE TABLE's list, words [from, close). */
static void
plan_elements(Ddl *d, size_t from, size_t close)
{
	const XlWords *w = d->w;
	size_t		start = from;
	size_t	   *names = NULL;
	size_t		nnames = 0;

	find_table_key(d, from, close);
	if (d->dialect == DIALECT_IRIS && (names = calloc(close - from + 1, sizeof(size_t))) == NULL)
	{
		d->failed = true;
		return;
	}
	for (size_t j = from; j <= close; j = ddl_word_after(w, j))
	{
		if (j < close && !xl_word_kind(w, j, TOK_COMMA))
			continue;
		if (j > start)
		{
			if (names != NULL && xl_word_is_name(w, start) && table_constraint_at(w, start) == SIZE_MAX &&
				!xl_word_is(w, start, "like"))
				names[nnames++] = start;
			plan_element(d, start, j);
		}
		start = j + 1;
	}
	check_name_case(d, names, nnames);
	free(names);
}

/* CREATE [TEMP ...] TABLE [IF NOT EXISTS] name (elements) */
static void
plan_create(Ddl *d)
{
	const XlWords *w = d->w;
	size_t		j = 1;
	size_t		close;
	Edit	   *e;

	while (xl_word_in(w, j, table_prefix_words))
		j++;
	if (!xl_word_is(w, j++, "table"))
		return;
	if (xl_word_is(w, j, "if") && xl_word_is(w, j + 1, "not") && xl_word_is(w, j + 2, "exists"))
		j += 3;
	j = xl_qualified_name_end(w, j);
	if (!xl_word_kind(w, j, TOK_LPAREN) || (close = xl_group_end(w, j)) >= w->n ||
		xl_word_is(w, close + 1, "as"))
		return;					/* CREATE TABLE ... AS, OF, PARTITION OF */
	plan_elements(d, j + 1, close);
	/*
	 * WITH (fillfactor = 100, autovacuum_enabled = off, ...): PostgreSQL's
	 * storage parameters tune its own heap; they mean nothing elsewhere
	 * and change no result, so they go.
	 */
	if (xl_word_is(w, close + 1, "with") && xl_word_kind(w, close + 2, TOK_LPAREN))
		ddl_drop_words(d, close + 1, Min(xl_group_end(w, close + 2) + 1, w->n));
	if (d->nkeys == 0 && !d->identity_insert)
		return;
	if ((e = add_edit(d, EDIT_CLOSE, close, close + 1)) == NULL)
		return;
	/* IRIS SQL reference, "CREATE TABLE": WITH %CLASSPARAMETER; RSQL_createtable_idfield */
	buf_append_str(&d->texts, d->identity_insert ? ") WITH %CLASSPARAMETER ALLOWIDENTITYINSERT = 1" : ")");
	e->text_len = d->texts.len - e->text;
}

/* ALTER TABLE [IF EXISTS] [ONLY] name [*] action, ...: the ADD actions. */
static void
plan_alter(Ddl *d)
{
	const XlWords *w = d->w;
	size_t		j = 2;
	size_t		start;

	if (!xl_word_is(w, 1, "table"))
		return;
	d->alter = true;
	if (xl_word_is(w, j, "if") && xl_word_is(w, j + 1, "exists"))
		j += 2;
	if (xl_word_is(w, j, "only"))
		j++;
	j = xl_qualified_name_end(w, j);
	if (xl_word_is_op(w, j, '*'))
		j++;
	for (start = j; j <= w->n; j = ddl_word_after(w, j))
	{
		size_t		k = start + 1;

		if (j < w->n && !xl_word_kind(w, j, TOK_COMMA))
			continue;
		if (xl_word_is(w, start, "add"))
		{
			if (xl_word_is(w, k, "column"))
				k++;
			if (xl_word_is(w, k, "if") && xl_word_is(w, k + 1, "not") && xl_word_is(w, k + 2, "exists"))
				k += 3;
			if (k < j)
				plan_element(d, k, j);
		}
		start = j + 1;
	}
}

static int
edit_order(const void *a, const void *b)
{
	const Edit *x = a;
	const Edit *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

/* ---- the rule, as the rewriter runs it ---- */

static const Edit *
edit_at(const Ddl *d, size_t i)
{
	size_t		lo = 0;
	size_t		hi = d->nedits;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (d->edits[mid].at < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->nedits && d->edits[lo].at == i ? &d->edits[lo] : NULL;
}

static void
ddl_free(Ddl *d)
{
	free(d->edits);
	free(d->keys);
	buf_free(&d->texts);
	buf_free(&d->scratch);
	buf_free(&d->scratch2);
}

static bool
ddl_begin(const XlRuleEnv *env, void **state)
{
	const XlWords *w = &env->w;
	SqlDialect	dialect = env->ctx->dialect;
	Ddl		   *d;

	if ((dialect != DIALECT_IRIS && dialect != DIALECT_SQLITE) || env->stmt->kind != STMT_DDL ||
		!(xl_word_is(w, 0, "create") || xl_word_is(w, 0, "alter")))
		return false;
	if ((d = xl_rule_state_alloc(env, sizeof(Ddl), offsetof(Ddl, refusal))) == NULL)
		return false;
	d->env = env;
	d->w = w;
	d->dialect = dialect;
	d->stmt_end = env->stmt->offset + env->stmt->len;
	buf_init(&d->texts);
	buf_init(&d->scratch);
	buf_init(&d->scratch2);
	if (xl_word_is(w, 0, "create"))
		plan_create(d);
	else
		plan_alter(d);
	if (d->failed || buf_failed(&d->texts) || (d->nedits == 0 && !d->refused))
	{
		if (d->failed || buf_failed(&d->texts))
			env->out->failed = true;
		ddl_free(d);
		return false;
	}
	if (d->nedits > 1)
		qsort(d->edits, d->nedits, sizeof(Edit), edit_order);
	*state = d;
	return true;
}


/* IRIS: the columns' foreign keys as table constraints, before the list's ')'. */
static bool
write_moved_keys(Ddl *d, PgError *err)
{
	const XlRuleEnv *env = d->env;
	bool		ok = true;

	d->writing_keys = true;
	for (size_t k = 0; ok && k < d->nkeys; k++)
	{
		const MovedKey *key = &d->keys[k];

		buf_append_str(env->out, ", ");
		if (key->name != SIZE_MAX)
		{
			ok = env->write_words(env->rewriter, key->name, key->name + 2, err);
			buf_append_byte(env->out, ' ');
		}
		buf_append_str(env->out, "FOREIGN KEY (");
		ok = ok && env->write_words(env->rewriter, key->column, key->column + 1, err);
		buf_append_str(env->out, ") ");
		ok = ok && env->write_words(env->rewriter, key->from, key->to, err);
	}
	d->writing_keys = false;
	return ok;
}

static XlRuleResult
ddl_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	Ddl		   *d = state;
	const Edit *e;

	if (d->refused)
	{
		*err = d->refusal;
		return XL_RULE_FAILED;
	}
	if (d->writing_keys || (e = edit_at(d, i)) == NULL || e->end > to)
		return XL_RULE_NONE;
	switch (e->kind)
	{
		case EDIT_TEXT:
			break;
		case EDIT_DROP:
			xl_drop_blank_before(d->env->out, d->w, e->end - 1, d->stmt_end);
			break;
		case EDIT_CLOSE:
			if (!write_moved_keys(d, err))
				return XL_RULE_FAILED;
			break;
	}
	if (e->text_len > 0)
		buf_append(d->env->out, d->texts.data + e->text, e->text_len);
	*end = e->end;
	return XL_RULE_WRITTEN;
}

static void
ddl_end(void *state)
{
	ddl_free(state);
}

const XlRule xl_ddl_rule = {"ddl", ddl_begin, ddl_apply, ddl_end};
