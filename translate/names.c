/*
 * names.c
 *		The names rule: schema names as the dialect knows them.
 *
 * Owns: PostgreSQL's public schema, which is IRIS's default schema SQLUser
 * (public.t, "public"."t", public.t.c, public.f(x), SCHEMA public) and, on
 * SQLite, the main database (public.t -> t: "public" would name an attached
 * database there); and pg_catalog.f(...) on IRIS, whose built-in functions
 * are unqualified. A two-part name in an expression is a table and its
 * column (public.c of a table called public), so when a statement also
 * names something public, only names in a table's place are taken for
 * schema-qualified. It never touches string constants, quoted names other
 * than "public", information_schema, or PUBLIC the role.
 */
#include "translate/xl_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct NamesDialect
{
	SqlDialect	dialect;
	const char *public_schema;	/* what the schema public is called; NULL: the */
								/* qualifier is dropped (the default schema) */
	bool		schema_keyword;	/* SCHEMA public is renamed too */
	bool		unqualify_pg_catalog;	/* pg_catalog.f(...) -> f(...) */
} NamesDialect;

static const NamesDialect names_dialects[] = {
	/* IRIS's default schema (iris-dialect.md, "Schemas, identifiers, types") */
	{DIALECT_IRIS, "SQLUser", true, true},
	/* SQLite's main database is where pgwire's tables are */
	{DIALECT_SQLITE, NULL, false, false},
};

/*
 * pg_catalog functions the rewriter itself answers with literals
 * (rewrite.c, session_functions): their qualifier is left for it to read.
 */
static const char *const answered_by_rewriter[] = {
	"version", "current_database", "current_schema", "pg_backend_pid", NULL
};

/* Words after which a name is in a table's (or type's) place. */
static const char *const relation_words[] = {
	"from", "join", "into", "update", "table", "only", "on", "references", "exists",
	"view", "truncate", "using", "sequence", "type", "index", NULL
};

typedef struct NamesRule
{
	const NamesDialect *dialect;
	XlWords		w;
	Buf		   *out;
	bool		public_named;	/* something public (a table, column, alias) is named */
} NamesRule;

/* ---- words ---- */

/* Is word i the schema name public, unquoted in any case or quoted in lower case? */
static bool
is_public(const XlWords *w, size_t i)
{
	return xl_word_is(w, i, "public") ||
		(xl_word_kind(w, i, TOK_QIDENT) && w->tok[i].len == 8 &&
		 memcmp(w->query + w->tok[i].start, "\"public\"", 8) == 0);
}

static bool
after_dot(const XlWords *w, size_t i)
{
	return i > 0 && w->tok[i - 1].kind == TOK_DOT;
}

/* Is word i a qualifier: name . name, and not itself qualified? */
static bool
is_qualifier(const XlWords *w, size_t i)
{
	return !after_dot(w, i) && xl_word_kind(w, i + 1, TOK_DOT) && xl_word_is_name(w, i + 2);
}

/* Is word i public in a name public.x? */
static bool
is_public_qualifier(const XlWords *w, size_t i)
{
	return is_public(w, i) && is_qualifier(w, i);
}

/* Is word i after SCHEMA [IF [NOT] EXISTS]? */
static bool
after_schema_keyword(const XlWords *w, size_t i)
{
	size_t		j = i;

	if (j > 0 && xl_word_is(w, j - 1, "exists"))
	{
		j--;
		if (j > 0 && xl_word_is(w, j - 1, "not"))
			j--;
		if (!(j > 0 && xl_word_is(w, j - 1, "if")))
			return false;
		j--;
	}
	return j > 0 && xl_word_is(w, j - 1, "schema");
}

/* Is word i the schema public of SCHEMA public (CREATE SCHEMA, IN SCHEMA)? */
static bool
is_schema_public(const XlWords *w, size_t i)
{
	return is_public(w, i) && !xl_word_kind(w, i + 1, TOK_DOT) && after_schema_keyword(w, i);
}

/* Is word i pg_catalog in pg_catalog.f(...), f not answered by the rewriter? */
static bool
is_pg_catalog_call(const XlWords *w, size_t i)
{
	size_t		f = i + 2;

	if (!xl_word_is(w, i, "pg_catalog") || !is_qualifier(w, i) || !xl_word_kind(w, f + 1, TOK_LPAREN))
		return false;
	return !(xl_word_in(w, f, answered_by_rewriter) && xl_word_kind(w, f + 2, TOK_RPAREN));
}

/*
 * Is the public.x at word i schema-qualified? Always when it is longer
 * (public.t.c) or a call (public.f(x)); a two-part name only in a table's
 * place when the statement also names something public, which public.x
 * may then be a column of.
 */
static bool
names_schema(const NamesRule *r, size_t i)
{
	const XlWords *w = &r->w;

	if (xl_word_kind(w, i + 3, TOK_DOT) || xl_word_kind(w, i + 3, TOK_LPAREN) || !r->public_named)
		return true;
	return i > 0 && (xl_word_in(w, i - 1, relation_words) || w->tok[i - 1].kind == TOK_TYPECAST);
}

/* ---- the rule, as the rewriter runs it ---- */

static const NamesDialect *
names_dialect(SqlDialect dialect)
{
	for (size_t k = 0; k < lengthof(names_dialects); k++)
	{
		if (names_dialects[k].dialect == dialect)
			return &names_dialects[k];
	}
	return NULL;
}

/* One pass: is there a name for this rule, and is something called public? */
static bool
scan_statement(NamesRule *r)
{
	const XlWords *w = &r->w;
	const NamesDialect *d = r->dialect;
	bool		found = false;

	for (size_t i = 0; i < w->n; i++)
	{
		if (!is_public(w, i))
			found |= d->unqualify_pg_catalog && is_pg_catalog_call(w, i);
		else if (is_qualifier(w, i) || (d->schema_keyword && is_schema_public(w, i)))
			found = true;
		else if (!xl_word_kind(w, i + 1, TOK_DOT))
			r->public_named = true;
	}
	return found;
}

static bool
names_begin(const XlRuleEnv *env, void **state)
{
	const NamesDialect *d = names_dialect(env->ctx->dialect);
	NamesRule	probe = {.dialect = d,.w = env->w,.out = env->out};
	NamesRule  *r;

	if (d == NULL || !scan_statement(&probe))
		return false;
	if ((r = xl_rule_state_alloc(env, sizeof(NamesRule), 0)) == NULL)
		return false;
	*r = probe;
	*state = r;
	return true;
}

/* public. as the dialect names the schema: SQLUser., or nothing (its default schema). */
static void
write_public_qualifier(NamesRule *r, size_t i, size_t *end)
{
	if (r->dialect->public_schema == NULL)
	{
		*end = i + 2;			/* "public." goes */
		return;
	}
	buf_append_str(r->out, r->dialect->public_schema);
	*end = i + 1;
}

static XlRuleResult
names_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	NamesRule  *r = state;
	const XlWords *w = &r->w;

	(void) err;
	if (i + 2 < to && is_public_qualifier(w, i) && names_schema(r, i))
	{
		write_public_qualifier(r, i, end);
		return XL_RULE_WRITTEN;
	}
	if (r->dialect->schema_keyword && is_schema_public(w, i))
	{
		buf_append_str(r->out, r->dialect->public_schema);
		*end = i + 1;
		return XL_RULE_WRITTEN;
	}
	if (r->dialect->unqualify_pg_catalog && i + 3 < to && is_pg_catalog_call(w, i))
	{
		*end = i + 2;			/* "pg_catalog." goes */
		return XL_RULE_WRITTEN;
	}
	return XL_RULE_NONE;
}

static void
names_end(void *state)
{
	(void) state;				/* nothing of its own to release */
}

const XlRule xl_names_rule = {"names", names_begin, names_apply, names_end};
