/*
 * catalog_scope.c
 *		Which relations a query reads: the database's tables, PostgreSQL's
 *		catalog (pg_catalog, information_schema), or both.
 *
 * Owns: finding the relations a SELECT names in table position (after
 * FROM and JOIN, and in a FROM list), its WITH queries' names, the
 * catalog functions it calls (format_type, pg_get_indexdef, ...) and
 * its casts to reg* types, and the verdict the backend acts on: the
 * catalog answers a query that reads only the catalog; one that also
 * reads the database's tables is refused. It never looks inside string
 * constants and never decides how a query is written for a database.
 */
#include "translate/xl_internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH	64
#define MAX_CTES	32

/* Functions only the catalog answers: a query calling one is a catalog query. */
static const char *const catalog_functions[] = {
	"format_type", "pg_get_expr", "pg_get_indexdef", "pg_get_constraintdef", "pg_get_viewdef",
	"pg_get_triggerdef", "pg_get_ruledef", "pg_get_userbyid", "pg_table_is_visible",
	"pg_type_is_visible", "pg_function_is_visible", "has_table_privilege", "has_schema_privilege",
	"has_database_privilege", "has_column_privilege", "has_any_column_privilege",
	"has_function_privilege", "has_sequence_privilege", "pg_has_role", "obj_description",
	"col_description", "shobj_description", "current_setting", "current_schemas",
	"pg_encoding_to_char", "to_regclass", "to_regtype", "to_regnamespace", "to_regrole",
	"pg_get_serial_sequence", "pg_relation_size", "pg_total_relation_size", "pg_table_size",
	"pg_indexes_size", "pg_database_size", "pg_tablespace_location", "pg_get_partkeydef",
	"pg_get_function_arguments", "pg_get_function_result", "pg_get_function_identity_arguments",
	"pg_is_in_recovery", "pg_is_other_temp_schema", NULL
};

/* Types whose casts only the catalog reads. */
static const char *const reg_types[] = {
	"regclass", "regtype", "regproc", "regprocedure", "regnamespace", "regrole", "regoper",
	"regoperator", "regconfig", "regdictionary", NULL
};

typedef struct Scope
{
	XlWords		w;
	Buf			name;
	size_t		ctes[MAX_CTES]; /* words naming WITH queries */
	int			nctes;
	bool		catalog;		/* reads the catalog */
	size_t		database_word;	/* the first database relation, SIZE_MAX if none */
	size_t		catalog_word;
} Scope;

/* The decoded name of word i (folded unless quoted), in s->name. */
static const char *
word_name(Scope *s, size_t i)
{
	PgError		err;

	buf_reset(&s->name);
	if (!xl_word_is_name(&s->w, i) || !xl_ident_value(s->w.query, &s->w.tok[i], &s->name, &err) ||
		buf_failed(&s->name))
		return "";
	return s->name.data;
}

static bool
is_cte(Scope *s, size_t i)
{
	char		name[128];

	snprintf(name, sizeof(name), "%s", word_name(s, i));
	for (int k = 0; k < s->nctes; k++)
	{
		if (strcmp(word_name(s, s->ctes[k]), name) == 0)
			return true;
	}
	return false;
}

/* Remember WITH queries' names: WITH [RECURSIVE] name [(cols)] AS (, and , name ... AS ( */
static void
find_ctes(Scope *s)
{
	const XlWords *w = &s->w;

	for (size_t i = 1; i + 1 < w->n && s->nctes < MAX_CTES; i++)
	{
		size_t		j = i + 1;

		if (!xl_word_is_name(w, i) ||
			!(xl_word_is(w, i - 1, "with") || xl_word_is(w, i - 1, "recursive") || xl_word_kind(w, i - 1, TOK_COMMA)))
			continue;
		if (xl_word_kind(w, j, TOK_LPAREN))
		{
			j = xl_matching_close(w, j);
			if (j == SIZE_MAX)
				continue;
			j++;
		}
		if (xl_word_is(w, j, "as") && (xl_word_kind(w, j + 1, TOK_LPAREN) ||
									   (xl_word_is(w, j + 1, "materialized") || xl_word_is(w, j + 1, "not"))))
			s->ctes[s->nctes++] = i;
	}
}

static void
note(Scope *s, size_t word, bool catalog)
{
	if (catalog)
	{
		if (!s->catalog)
			s->catalog_word = word;
		s->catalog = true;
	}
	else if (s->database_word == SIZE_MAX)
		s->database_word = word;
}

/* The relation (or table function) whose name begins at word i. */
static void
classify_relation(Scope *s, size_t i)
{
	const XlWords *w = &s->w;
	char		first[128];
	size_t		last = i;

	if (xl_word_is(w, i, "lateral") || xl_word_is(w, i, "only"))
		i = last = i + 1;
	if (!xl_word_is_name(w, i))
		return;
	snprintf(first, sizeof(first), "%s", word_name(s, i));
	while (xl_word_kind(w, last + 1, TOK_DOT) && xl_word_is_name(w, last + 2))
		last += 2;
	if (xl_word_kind(w, last + 1, TOK_LPAREN))
		return;					/* a table function: its name is looked at as a call */
	if (last > i)
	{
		/* schema.table */
		note(s, i, strcmp(first, "pg_catalog") == 0 || strcmp(first, "information_schema") == 0);
		return;
	}
	if (is_cte(s, i))
		return;
	note(s, i, strncmp(first, "pg_", 3) == 0);
}

/* Is word i the name of a function call only the catalog answers? */
static bool
calls_catalog_function(Scope *s, size_t i)
{
	const XlWords *w = &s->w;
	const char *name;

	if (!xl_word_kind(w, i + 1, TOK_LPAREN) || !xl_word_is_name(w, i))
		return false;
	name = word_name(s, i);
	for (const char *const *f = catalog_functions; *f; f++)
	{
		if (strcmp(*f, name) == 0)
			return true;
	}
	return false;
}

/* Is word i a '::' to a reg* type? */
static bool
casts_to_reg(Scope *s, size_t i)
{
	const XlWords *w = &s->w;
	size_t		t = i + 1;
	const char *name;

	if (!xl_word_kind(w, i, TOK_TYPECAST))
		return false;
	if (xl_word_is(w, t, "pg_catalog") && xl_word_kind(w, t + 1, TOK_DOT))
		t += 2;
	name = word_name(s, t);
	for (const char *const *r = reg_types; *r; r++)
	{
		if (strcmp(*r, name) == 0)
			return true;
	}
	return false;
}

/*
 * Could the statement's text name the catalog at all? Every catalog
 * relation, function and reg* type contains one of these (case aside), so
 * most queries of the database's tables are passed on after one look at
 * their bytes.
 */
static bool
may_name_catalog(const char *text, size_t len)
{
	static const char *const hints[] = {
		"pg_", "information_schema", "reg", "format_type", "has_", "description", "current_s", NULL
	};

	for (size_t i = 0; i < len; i++)
	{
		char		c = (char) xl_fold_ascii((unsigned char) text[i]);

		for (const char *const *h = hints; *h; h++)
		{
			size_t		n = strlen(*h);

			if (c == (*h)[0] && i + n <= len && strncasecmp(text + i, *h, n) == 0)
				return true;
		}
	}
	return false;
}

XlCatalogScope
xl_catalog_scope(const char *query, const StatementList *list, const Statement *stmt, int *position)
{
	Scope		s;
	bool		in_from[MAX_DEPTH] = {false};
	bool		has_select[MAX_DEPTH] = {false};
	int			depth = 0;
	XlCatalogScope result;

	*position = 0;
	if (stmt->kind != STMT_SELECT || !may_name_catalog(query + stmt->offset, stmt->len))
		return XL_SCOPE_DATABASE;
	memset(&s, 0, sizeof(s));
	s.w = xl_words(query, list, stmt);
	s.database_word = SIZE_MAX;
	buf_init(&s.name);
	find_ctes(&s);
	for (size_t i = 0; i < s.w.n; i++)
	{
		const XlWords *w = &s.w;

		if (xl_word_kind(w, i, TOK_LPAREN))
		{
			if (depth + 1 < MAX_DEPTH)
			{
				depth++;
				in_from[depth] = has_select[depth] = false;
			}
			continue;
		}
		if (xl_word_kind(w, i, TOK_RPAREN))
		{
			if (depth > 0)
				depth--;
			continue;
		}
		if (xl_word_is(w, i, "from") || xl_word_is(w, i, "join"))
		{
			/* FROM of EXTRACT(x FROM y), SUBSTRING(x FROM n), IS DISTINCT FROM is no table list */
			if (xl_word_is(w, i, "from") && (!has_select[depth] || (i > 0 && xl_word_is(w, i - 1, "distinct"))))
				continue;
			in_from[depth] = true;
			classify_relation(&s, i + 1);
			continue;
		}
		if (xl_word_kind(w, i, TOK_COMMA) && in_from[depth])
		{
			classify_relation(&s, i + 1);
			continue;
		}
		if (xl_word_is(w, i, "select"))
			has_select[depth] = true;
		if (xl_word_in(w, i, (const char *const[]) {"where", "group", "having", "window", "order", "limit",
						   "offset", "fetch", "for", "union", "intersect", "except", "select", NULL}))
			in_from[depth] = false;
		if (calls_catalog_function(&s, i) || casts_to_reg(&s, i))
			note(&s, i, true);
	}
	buf_free(&s.name);
	if (!s.catalog)
		return XL_SCOPE_DATABASE;
	if (s.database_word == SIZE_MAX)
		return XL_SCOPE_CATALOG;
	result = XL_SCOPE_MIXED;
	*position = xl_char_position(query, s.w.tok[s.database_word].start);
	return result;
}
