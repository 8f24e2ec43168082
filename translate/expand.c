/*
 * expand.c
 *		Statements a dialect runs as several statements, or as none.
 *
 * Owns: the forms PostgreSQL accepts as one statement that SQLite takes
 * one table at a time, or has no use for, written as the PostgreSQL
 * statements that do the same there (each is then translated as usual):
 *   DROP TABLE [IF EXISTS] a, b        one DROP TABLE per table
 *   TRUNCATE [TABLE] a, b              DELETE FROM each (SQLite has no TRUNCATE)
 *   VACUUM [ANALYZE] [a, b]            ANALYZE each when asked; otherwise
 *                                      nothing: vacuuming reclaims
 *                                      PostgreSQL's dead rows and changes no
 *                                      result (SQLite's own VACUUM rewrites
 *                                      the whole file and refuses to run in
 *                                      a transaction)
 *   ALTER TABLE t ADD [CONSTRAINT c]   CREATE UNIQUE INDEX c ON t (cols):
 *     PRIMARY KEY | UNIQUE (cols)      SQLite cannot add table constraints;
 *                                      the index enforces the uniqueness under
 *                                      PostgreSQL's name (t_pkey), NOT NULL
 *                                      only holds if the columns declared it
 * The backend runs the parts in one transaction. Other dialects get their
 * statements as written. Pure: text in, texts out.
 */
#include "translate/xl_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void
xl_parts_init(XlParts *p)
{
	memset(p, 0, sizeof(*p));
}

void
xl_parts_free(XlParts *p)
{
	for (int i = 0; i < p->count; i++)
		buf_free(&p->texts[i]);
	free(p->texts);
	memset(p, 0, sizeof(*p));
}

/* A new part, empty, to be written by the caller. */
static Buf *
new_part(XlParts *p)
{
	if (p->count == p->cap)
	{
		int			cap = p->cap ? p->cap * 2 : 4;
		Buf		   *texts = realloc(p->texts, (size_t) cap * sizeof(Buf));

		if (texts == NULL)
			return NULL;
		p->texts = texts;
		p->cap = cap;
	}
	buf_init(&p->texts[p->count]);
	return &p->texts[p->count++];
}

/* Words [from, to) as written, to out. */
static void
append_words(Buf *out, const XlWords *w, size_t from, size_t to)
{
	if (from < to)
		buf_append(out, w->query + w->tok[from].start,
				   xl_token_end(&w->tok[to - 1]) - w->tok[from].start);
}

size_t
xl_qualified_name_end(const XlWords *w, size_t j)
{
	if (!xl_word_is_name(w, j))
		return j;
	j++;
	while (xl_word_kind(w, j, TOK_DOT) && xl_word_is_name(w, j + 1))
		j += 2;
	return j;
}

/* One part per name of "name, name, ..." at word j: prefix name suffix. */
static bool
part_per_name(XlParts *p, const XlWords *w, size_t j, const char *prefix, size_t suffix_from,
			  size_t suffix_to)
{
	for (;;)
	{
		size_t		end = xl_qualified_name_end(w, j);
		Buf		   *b;

		if (end == j || (b = new_part(p)) == NULL)
			return false;
		buf_append_str(b, prefix);
		append_words(b, w, j, end);
		if (suffix_from < suffix_to)
			buf_append_byte(b, ' ');
		append_words(b, w, suffix_from, suffix_to);
		if (xl_word_is_op(w, end, '*'))
			end++;				/* inheritance is PostgreSQL's own */
		if (!xl_word_kind(w, end, TOK_COMMA))
			return true;
		j = end + 1;
	}
}

/* The end of a list of names at word j, or j when there is none. */
static size_t
name_list_end(const XlWords *w, size_t j)
{
	size_t		end = xl_qualified_name_end(w, j);

	if (end == j)
		return j;
	if (xl_word_is_op(w, end, '*'))
		end++;
	while (xl_word_kind(w, end, TOK_COMMA))
	{
		size_t		next = xl_qualified_name_end(w, end + 1);

		if (next == end + 1)
			return end;
		end = next;
		if (xl_word_is_op(w, end, '*'))
			end++;
	}
	return end;
}

/* DROP TABLE [IF EXISTS] a, b [CASCADE | RESTRICT] */
static bool
expand_drop(XlParts *p, const XlWords *w)
{
	size_t		j = 2;
	size_t		end;

	if (!xl_word_is(w, 1, "table"))
		return true;
	if (xl_word_is(w, j, "if") && xl_word_is(w, j + 1, "exists"))
		j += 2;
	end = name_list_end(w, j);
	if (end == j || !xl_word_kind(w, xl_qualified_name_end(w, j), TOK_COMMA))
		return true;			/* one table: as written */
	p->expanded = true;
	{
		Buf			prefix;
		bool		ok;

		buf_init(&prefix);
		append_words(&prefix, w, 0, j);
		buf_append_byte(&prefix, ' ');
		ok = !buf_failed(&prefix) && part_per_name(p, w, j, prefix.data, end, w->n);
		buf_free(&prefix);
		return ok;
	}
}

static void
refuse(PgError *err, const XlWords *w, size_t word, const char *fmt,...) PGW_PRINTF(4, 5);

static void
refuse(PgError *err, const XlWords *w, size_t word, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	xl_refusev(err, w, word, "the sqlite dialect", NULL, fmt, ap);
	va_end(ap);
}

/* TRUNCATE [TABLE] [ONLY] a [*], b [CONTINUE IDENTITY] [RESTRICT] */
static bool
expand_truncate(XlParts *p, const XlWords *w, PgError *err)
{
	size_t		j = 1;
	size_t		end;

	if (xl_word_is(w, j, "table"))
		j++;
	if (xl_word_is(w, j, "only"))
		j++;
	end = name_list_end(w, j);
	if (end == j)
		return true;			/* the database's syntax error */
	for (size_t k = end; k < w->n; k++)
	{
		if (xl_word_is(w, k, "restart") || xl_word_is(w, k, "cascade"))
		{
			refuse(err, w, k, "%s", xl_word_is(w, k, "cascade") ? "TRUNCATE ... CASCADE" :
				   "TRUNCATE ... RESTART IDENTITY");
			return false;
		}
	}
	p->expanded = true;
	return part_per_name(p, w, j, "DELETE FROM ", 0, 0);
}

/* VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [names] or VACUUM (options) [names] */
static bool
expand_vacuum(XlParts *p, const XlWords *w)
{
	size_t		j = 1;
	bool		analyze = false;
	static const char *const flags[] = {"full", "freeze", "verbose", "analyze", "analyse", NULL};

	if (xl_word_kind(w, j, TOK_LPAREN))
	{
		size_t		close = xl_group_end(w, j);

		for (size_t k = j + 1; k < close; k++)
			analyze |= xl_word_is(w, k, "analyze") || xl_word_is(w, k, "analyse");
		j = Min(close + 1, w->n);
	}
	else
	{
		for (; xl_word_in(w, j, flags); j++)
			analyze |= xl_word_is(w, j, "analyze") || xl_word_is(w, j, "analyse");
	}
	p->expanded = true;
	if (!analyze)
		return true;			/* nothing to do */
	if (j >= w->n)
	{
		Buf		   *b = new_part(p);

		if (b == NULL)
			return false;
		buf_append_str(b, "ANALYZE");
		return true;
	}
	/* the column list of VACUUM ANALYZE t (a, b): SQLite analyses tables */
	return part_per_name(p, w, j, "ANALYZE ", 0, 0);
}

/* The index name PostgreSQL gives the key: t_pkey, t_a_b_key. */
static bool
default_key_name(const XlWords *w, size_t table_end, size_t open, size_t close, bool primary,
				 Buf *out, PgError *err)
{
	Buf			name;
	bool		ok;

	buf_init(&name);
	ok = xl_ident_value(w->query, &w->tok[table_end - 1], &name, err);
	for (size_t k = open + 1; ok && !primary && k < close; k += 2)
	{
		buf_append_byte(&name, '_');
		ok = xl_ident_value(w->query, &w->tok[k], &name, err);
	}
	buf_append_str(&name, primary ? "_pkey" : "_key");
	if (ok && !buf_failed(&name))
		xl_append_identifier(out, name.data);
	buf_free(&name);
	return ok;
}

/* ALTER TABLE [IF EXISTS] [ONLY] t ADD [CONSTRAINT c] PRIMARY KEY | UNIQUE (cols) */
static bool
expand_alter(XlParts *p, const XlWords *w, PgError *err)
{
	size_t		j = 2;
	size_t		table;
	size_t		table_end;
	size_t		name = SIZE_MAX;
	size_t		open;
	size_t		close;
	bool		primary;
	Buf		   *b;

	if (!xl_word_is(w, 1, "table"))
		return true;
	if (xl_word_is(w, j, "if") && xl_word_is(w, j + 1, "exists"))
		return true;			/* the database's own error for a missing table */
	if (xl_word_is(w, j, "only"))
		j++;
	table = j;
	table_end = xl_qualified_name_end(w, j);
	j = table_end;
	if (table_end == table || !xl_word_is(w, j++, "add"))
		return true;
	if (xl_word_is(w, j, "constraint") && xl_word_is_name(w, j + 1))
	{
		name = j + 1;
		j += 2;
	}
	primary = xl_word_is(w, j, "primary") && xl_word_is(w, j + 1, "key");
	if (primary)
		j += 2;
	else if (xl_word_is(w, j, "unique"))
		j++;
	else
		return true;
	open = j;
	if (!xl_word_kind(w, open, TOK_LPAREN) || (close = xl_group_end(w, open)) != w->n - 1)
		return true;			/* USING INDEX, INCLUDE, WITH ...: as written */
	for (size_t k = open + 1; k < close; k++)
	{
		if ((k - open) % 2 == 1 ? !xl_word_is_name(w, k) : !xl_word_kind(w, k, TOK_COMMA))
			return true;
	}
	p->expanded = true;
	if ((b = new_part(p)) == NULL)
		return false;
	buf_append_str(b, "CREATE UNIQUE INDEX ");
	if (name != SIZE_MAX)
		append_words(b, w, name, name + 1);
	else if (!default_key_name(w, table_end, open, close, primary, b, err))
		return false;
	buf_append_str(b, " ON ");
	append_words(b, w, table, table_end);
	buf_append_byte(b, ' ');
	append_words(b, w, open, close + 1);
	return true;
}

bool
xl_expand(const char *query, const StatementList *list, const Statement *stmt, SqlDialect dialect,
		  XlParts *out, PgError *err)
{
	XlWords		w = xl_words(query, list, stmt);
	bool		ok = true;

	out->expanded = false;
	if (dialect != DIALECT_SQLITE || w.n == 0)
		return true;
	if (stmt->kind == STMT_DDL && xl_word_is(&w, 0, "drop"))
		ok = expand_drop(out, &w);
	else if (stmt->kind == STMT_DDL && xl_word_is(&w, 0, "truncate"))
		ok = expand_truncate(out, &w, err);
	else if (stmt->kind == STMT_MAINTENANCE && xl_word_is(&w, 0, "vacuum"))
		ok = expand_vacuum(out, &w);
	else if (stmt->kind == STMT_DDL && xl_word_is(&w, 0, "alter"))
		ok = expand_alter(out, &w, err);
	for (int i = 0; ok && i < out->count; i++)
		ok = !buf_failed(&out->texts[i]);
	if (!ok && !pgerr_is_set(err))
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return ok;
}
