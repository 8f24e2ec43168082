/*
 * cat_functions.c
 *		PostgreSQL's catalog functions as SQLite functions of the catalog.
 *
 * Owns: format_type, pg_get_indexdef, pg_get_constraintdef, pg_get_expr,
 * the visibility and privilege functions, obj_description and friends,
 * current_setting and the session's information functions, regular
 * expressions (REGEXP for ~, MATCH for ~*), the helpers the other
 * function files share, the registration of every function (the reg*
 * conversions are in cat_regtypes.c, information_schema's in
 * cat_info_schema.c) and the result type of each for RowDescription.
 * Errors PostgreSQL raises carry their SQLSTATE as "42P01: message"
 * (cat_statement_error reads it). It must never change a catalog row.
 */
#include "catalog/cat_internal.h"

#include "common/types.h"

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define REGCLASSOID		2205
#define REGTYPEOID		2206
#define REGPROCOID		24
#define REGNAMESPACEOID	4089
#define REGROLEOID		4096

/* ---- helpers ---- */

Catalog *
cat_function_catalog(sqlite3_context *ctx)
{
	return sqlite3_user_data(ctx);
}

void
cat_result_buf(sqlite3_context *ctx, Buf *b)
{
	if (buf_failed(b))
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_text(ctx, b->data ? b->data : "", (int) b->len, SQLITE_TRANSIENT);
	buf_free(b);
}

/* The first row of sql (bound to the function's first nbind arguments) into a Buf. */
bool
cat_lookup_row(Catalog *cat, const char *sql, sqlite3_value **argv, int nbind, sqlite3_stmt **out)
{
	if (!cat_prepare(cat, sql, out))
		return false;
	for (int i = 0; i < nbind; i++)
		sqlite3_bind_value(*out, i + 1, argv[i]);
	if (sqlite3_step(*out) == SQLITE_ROW)
		return true;
	cat_release(cat, *out);
	*out = NULL;
	return false;
}

const char *
cat_column_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *) sqlite3_column_text(st, i);

	return s ? s : "";
}

/* Does name need quotes to be read back as itself (PostgreSQL's quote_ident)? */
static bool
needs_quotes(const char *name)
{
	if (!(islower((unsigned char) name[0]) || name[0] == '_'))
		return true;
	for (const char *p = name; *p; p++)
	{
		if (!(islower((unsigned char) *p) || isdigit((unsigned char) *p) || *p == '_' || *p == '$'))
			return true;
	}
	return false;
}

void
cat_append_ident(Buf *out, const char *name)
{
	if (!needs_quotes(name))
	{
		buf_append_str(out, name);
		return;
	}
	buf_append_byte(out, '"');
	for (const char *p = name; *p; p++)
	{
		if (*p == '"')
			buf_append_byte(out, '"');
		buf_append_byte(out, (uint8_t) *p);
	}
	buf_append_byte(out, '"');
}

/* Is namespace nsp on the search path (pg_catalog, public)? */
bool
cat_namespace_visible(int64_t nsp)
{
	return nsp == CAT_PG_CATALOG_OID || nsp == CAT_PUBLIC_OID;
}

/* ---- format_type ---- */

static const struct
{
	const char *typname;
	const char *sql;
}			sql_names[] = {
	{"bool", "boolean"}, {"int2", "smallint"}, {"int4", "integer"}, {"int8", "bigint"},
	{"float4", "real"}, {"float8", "double precision"}, {"varchar", "character varying"},
	{"bpchar", "character"}, {"char", "\"char\""}, {"timestamp", "timestamp without time zone"},
	{"timestamptz", "timestamp with time zone"}, {"time", "time without time zone"},
	{"timetz", "time with time zone"}, {"varbit", "bit varying"},
};

/* PostgreSQL's format_type(oid, typmod), appended to out. */
void
cat_format_type(Catalog *cat, int64_t oid, int64_t typmod, Buf *out)
{
	sqlite3_stmt *st;
	const char *typname;
	const char *name;
	int64_t		elem;
	int64_t		nsp;
	char		mods[64] = "";

	if (!cat_prepare(cat, "SELECT typname, typelem, typcategory, typnamespace FROM pg_type"
						   " WHERE oid = ?1", &st))
		return;
	sqlite3_bind_int64(st, 1, oid);
	if (sqlite3_step(st) != SQLITE_ROW)
	{
		cat_release(cat, st);
		buf_append_str(out, oid == 0 ? "-" : "???");
		return;
	}
	elem = sqlite3_column_int64(st, 1);
	nsp = sqlite3_column_int64(st, 3);
	if (elem != 0 && strcmp(cat_column_text(st, 2), "A") == 0)
	{
		cat_release(cat, st);
		cat_format_type(cat, elem, typmod, out);
		buf_append_str(out, "[]");
		return;
	}
	typname = cat_column_text(st, 0);
	name = NULL;
	for (size_t i = 0; i < lengthof(sql_names); i++)
	{
		if (strcmp(sql_names[i].typname, typname) == 0)
			name = sql_names[i].sql;
	}
	if (typmod >= 0)
	{
		if (oid == VARCHAROID || oid == BPCHAROID)
			snprintf(mods, sizeof(mods), "(%d)", (int) (typmod - 4));
		else if (oid == NUMERICOID && typmod >= 4)
			snprintf(mods, sizeof(mods), "(%d,%d)", (int) (((typmod - 4) >> 16) & 0xffff),
					 (int) ((typmod - 4) & 0xffff));
		else if (oid == TIMESTAMPOID || oid == TIMESTAMPTZOID || oid == TIMEOID || oid == TIMETZOID ||
				 oid == 1560 || oid == 1562 || oid == VECTOROID)
			snprintf(mods, sizeof(mods), "(%d)", (int) typmod);
	}
	if (name != NULL && strstr(name, " with") != NULL)
	{
		/* timestamp(3) without time zone */
		const char *space = strchr(name, ' ');

		buf_append(out, name, (size_t) (space - name));
		buf_append_str(out, mods);
		buf_append_str(out, space);
	}
	else
	{
		if (name != NULL)
			buf_append_str(out, name);
		else
		{
			if (!cat_namespace_visible(nsp))
			{
				Buf			b;
				const char *ns;

				buf_init(&b);
				if ((ns = cat_query_text(cat, "SELECT nspname FROM pg_namespace WHERE oid = ?1", nsp, &b)) != NULL)
				{
					cat_append_ident(out, ns);
					buf_append_byte(out, '.');
				}
				buf_free(&b);
			}
			cat_append_ident(out, typname);
		}
		buf_append_str(out, mods);
	}
	cat_release(cat, st);
}

static void
fn_format_type(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Buf			b;

	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	buf_init(&b);
	cat_format_type(cat_function_catalog(ctx), sqlite3_value_int64(argv[0]),
				argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL ? sqlite3_value_int64(argv[1]) : -1, &b);
	cat_result_buf(ctx, &b);
}

/* ---- definitions ---- */

/* The names of attnums (an int2vector "1 2" or an array "{1,2}") of relation rel, joined by ", ". */
static void
append_columns(Catalog *cat, int64_t rel, const char *attnums, Buf *out)
{
	const char *p = attnums;
	bool		first = true;

	while (*p)
	{
		char	   *end;
		long		n = strtol(p, &end, 10);
		Buf			b;
		const char *name;

		if (end == p)
		{
			p++;
			continue;
		}
		p = end;
		buf_init(&b);
		{
			char		sql[160];

			snprintf(sql, sizeof(sql), "SELECT attname FROM _pg_attribute WHERE attrelid = ?1 AND attnum = %ld", n);
			name = cat_query_text(cat, sql, rel, &b);
		}
		if (!first)
			buf_append_str(out, ", ");
		cat_append_ident(out, name ? name : "?");
		first = false;
		buf_free(&b);
	}
}

/* schema.table for a relation, as pg_get_indexdef writes it. */
static void
append_qualified(Catalog *cat, int64_t rel, Buf *out)
{
	sqlite3_stmt *st;

	if (!cat_prepare(cat, "SELECT n.nspname, c.relname FROM _pg_class c JOIN pg_namespace n"
						   " ON n.oid = c.relnamespace WHERE c.oid = ?1", &st))
		return;
	sqlite3_bind_int64(st, 1, rel);
	if (sqlite3_step(st) == SQLITE_ROW)
	{
		cat_append_ident(out, cat_column_text(st, 0));
		buf_append_byte(out, '.');
		cat_append_ident(out, cat_column_text(st, 1));
	}
	cat_release(cat, st);
}

static void
fn_pg_get_indexdef(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Catalog    *cat = cat_function_catalog(ctx);
	sqlite3_stmt *st;
	Buf			b;
	int			column = argc > 1 ? sqlite3_value_int(argv[1]) : 0;

	if (!cat_lookup_row(cat, "SELECT i.relname, x.indrelid, x.indisunique, x.indkey FROM _pg_index x"
					" JOIN _pg_class i ON i.oid = x.indexrelid WHERE x.indexrelid = ?1", argv, 1, &st))
		return;
	buf_init(&b);
	if (column > 0)
	{
		const char *indkey = cat_column_text(st, 3);
		const char *p = indkey;

		for (int k = 1; k < column && *p; k++)
		{
			p = strchr(p, ' ');
			p = p ? p + 1 : "";
		}
		if (*p)
		{
			char		one[16];

			snprintf(one, sizeof(one), "%ld", strtol(p, NULL, 10));
			append_columns(cat, sqlite3_column_int64(st, 1), one, &b);
		}
	}
	else
	{
		buf_appendf(&b, "CREATE %sINDEX ", sqlite3_column_int(st, 2) ? "UNIQUE " : "");
		cat_append_ident(&b, cat_column_text(st, 0));
		buf_append_str(&b, " ON ");
		append_qualified(cat, sqlite3_column_int64(st, 1), &b);
		buf_append_str(&b, " USING btree (");
		append_columns(cat, sqlite3_column_int64(st, 1), cat_column_text(st, 3), &b);
		buf_append_byte(&b, ')');
	}
	cat_release(cat, st);
	cat_result_buf(ctx, &b);
}

const char *
cat_action_sql(const char *code)
{
	switch (code[0])
	{
		case 'r':
			return "RESTRICT";
		case 'c':
			return "CASCADE";
		case 'n':
			return "SET NULL";
		case 'd':
			return "SET DEFAULT";
		default:
			return NULL;
	}
}

static void
fn_pg_get_constraintdef(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Catalog    *cat = cat_function_catalog(ctx);
	sqlite3_stmt *st;
	Buf			b;
	const char *type;

	(void) argc;
	if (!cat_lookup_row(cat, "SELECT contype, conrelid, conkey, confrelid, confkey, confupdtype, confdeltype"
					" FROM _pg_constraint WHERE oid = ?1", argv, 1, &st))
		return;
	buf_init(&b);
	type = cat_column_text(st, 0);
	if (type[0] == 'p' || type[0] == 'u')
		buf_append_str(&b, type[0] == 'p' ? "PRIMARY KEY (" : "UNIQUE (");
	else if (type[0] == 'f')
		buf_append_str(&b, "FOREIGN KEY (");
	append_columns(cat, sqlite3_column_int64(st, 1), cat_column_text(st, 2), &b);
	buf_append_byte(&b, ')');
	if (type[0] == 'f')
	{
		const char *action;
		sqlite3_stmt *rel;

		buf_append_str(&b, " REFERENCES ");
		if (cat_prepare(cat, "SELECT c.relname, c.relnamespace FROM _pg_class c WHERE c.oid = ?1", &rel))
		{
			sqlite3_bind_int64(rel, 1, sqlite3_column_int64(st, 3));
			if (sqlite3_step(rel) == SQLITE_ROW)
			{
				if (!cat_namespace_visible(sqlite3_column_int64(rel, 1)))
				{
					Buf			ns;
					const char *nsp;

					buf_init(&ns);
					if ((nsp = cat_query_text(cat, "SELECT nspname FROM pg_namespace WHERE oid = ?1",
											  sqlite3_column_int64(rel, 1), &ns)) != NULL)
					{
						cat_append_ident(&b, nsp);
						buf_append_byte(&b, '.');
					}
					buf_free(&ns);
				}
				cat_append_ident(&b, cat_column_text(rel, 0));
			}
			cat_release(cat, rel);
		}
		buf_append_byte(&b, '(');
		append_columns(cat, sqlite3_column_int64(st, 3), cat_column_text(st, 4), &b);
		buf_append_byte(&b, ')');
		if ((action = cat_action_sql(cat_column_text(st, 5))) != NULL)
			buf_appendf(&b, " ON UPDATE %s", action);
		if ((action = cat_action_sql(cat_column_text(st, 6))) != NULL)
			buf_appendf(&b, " ON DELETE %s", action);
	}
	cat_release(cat, st);
	cat_result_buf(ctx, &b);
}

static void
fn_first_argument(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	sqlite3_result_value(ctx, argv[0]);
}

static void
fn_null(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_null(ctx);
}

static void
fn_true(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_int(ctx, 1);
}

static void
fn_false(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_int(ctx, 0);
}

static void
fn_zero(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_int64(ctx, 0);
}

static void
fn_empty(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
}

/* pg_*_is_visible(oid): is the namespace sql reads for oid on the search path? */
static void
object_is_visible(sqlite3_context *ctx, sqlite3_value **argv, const char *sql)
{
	Catalog    *cat = cat_function_catalog(ctx);
	sqlite3_stmt *st;
	int64_t		nsp = -1;

	if (cat_lookup_row(cat, sql, argv, 1, &st))
	{
		nsp = sqlite3_column_int64(st, 0);
		cat_release(cat, st);
	}
	sqlite3_result_int(ctx, cat_namespace_visible(nsp));
}

static void
fn_table_is_visible(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	object_is_visible(ctx, argv, "SELECT relnamespace FROM _pg_class WHERE oid = ?1");
}

static void
fn_type_is_visible(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	object_is_visible(ctx, argv, "SELECT typnamespace FROM pg_type WHERE oid = ?1");
}

static void
fn_pg_get_userbyid(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Catalog    *cat = cat_function_catalog(ctx);
	char		text[64];

	(void) argc;
	if (sqlite3_value_int64(argv[0]) == 6171)
	{
		/* PostgreSQL 15's owner of the public schema */
		sqlite3_result_text(ctx, "pg_database_owner", -1, SQLITE_STATIC);
		return;
	}
	if (sqlite3_value_int64(argv[0]) == CAT_SUPERUSER_OID)
	{
		sqlite3_result_text(ctx, cat->session->user, -1, SQLITE_TRANSIENT);
		return;
	}
	snprintf(text, sizeof(text), "unknown (OID=%lld)", (long long) sqlite3_value_int64(argv[0]));
	sqlite3_result_text(ctx, text, -1, SQLITE_TRANSIENT);
}

/* obj_description(oid [, catalog]) and col_description(table, column) */
static void
fn_description(sqlite3_context *ctx, int argc, sqlite3_value **argv, int subid)
{
	Catalog    *cat = cat_function_catalog(ctx);
	sqlite3_stmt *st;

	(void) argc;
	if (!cat_prepare(cat, "SELECT description FROM pg_description WHERE objoid = ?1"
						   " AND objsubid = ?2", &st))
		return;
	sqlite3_bind_value(st, 1, argv[0]);
	sqlite3_bind_int(st, 2, subid);
	if (sqlite3_step(st) == SQLITE_ROW)
		sqlite3_result_value(ctx, sqlite3_column_value(st, 0));
	cat_release(cat, st);
}

static void
fn_obj_description(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	fn_description(ctx, argc, argv, 0);
}

static void
fn_col_description(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	fn_description(ctx, argc, argv, sqlite3_value_int(argv[1]));
}

/* ---- the session ---- */

static void
fn_current_setting(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Catalog    *cat = cat_function_catalog(ctx);
	const char *name = (const char *) sqlite3_value_text(argv[0]);
	Buf			b;
	char	   *msg;

	if (name == NULL)
		return;
	buf_init(&b);
	if (cat->session->setting(cat->session->ctx, name, &b))
	{
		cat_result_buf(ctx, &b);
		return;
	}
	buf_free(&b);
	if (argc > 1 && sqlite3_value_int(argv[1]))
		return;
	msg = sqlite3_mprintf("42704: unrecognized configuration parameter \"%s\"", name);
	sqlite3_result_error(ctx, msg, -1);
	sqlite3_free(msg);
}

static void
fn_session_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *const *which = sqlite3_user_data(ctx);

	(void) argc;
	(void) argv;
	sqlite3_result_text(ctx, *which, -1, SQLITE_TRANSIENT);
}

static void
fn_current_schemas(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	sqlite3_result_text(ctx, sqlite3_value_int(argv[0]) ? "{pg_catalog,public}" : "{public}", -1,
						SQLITE_STATIC);
}

static void
fn_encoding_to_char(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	sqlite3_result_text(ctx, sqlite3_value_int(argv[0]) == 6 ? "UTF8" : "", -1, SQLITE_STATIC);
}

static void
fn_size_pretty(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char		text[64];

	(void) argc;
	snprintf(text, sizeof(text), "%lld bytes", (long long) sqlite3_value_int64(argv[0]));
	sqlite3_result_text(ctx, text, -1, SQLITE_TRANSIENT);
}

static void
fn_quote_ident(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *) sqlite3_value_text(argv[0]);
	Buf			b;

	(void) argc;
	if (s == NULL)
		return;
	buf_init(&b);
	cat_append_ident(&b, s);
	cat_result_buf(ctx, &b);
}

static void
fn_char_to_encoding(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *name = (const char *) sqlite3_value_text(argv[0]);

	(void) argc;
	sqlite3_result_int(ctx, name != NULL && (strcasecmp(name, "UTF8") == 0 || strcasecmp(name, "UTF-8") == 0) ? 6 : -1);
}

static void
fn_encoding(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_text(ctx, "UTF8", -1, SQLITE_STATIC);
}

/* ---- regular expressions ---- */

static void
free_regex(void *p)
{
	regfree(p);
	free(p);
}

/* regexp(pattern, text) for REGEXP (~), match(pattern, text) for MATCH (~*). */
static void
fn_regexp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	bool		icase = sqlite3_user_data(ctx) != NULL;
	const char *pattern = (const char *) sqlite3_value_text(argv[0]);
	const char *text = (const char *) sqlite3_value_text(argv[1]);
	regex_t    *re = sqlite3_get_auxdata(ctx, 0);

	(void) argc;
	if (pattern == NULL || text == NULL)
		return;
	if (re == NULL)
	{
		char	   *msg;

		re = malloc(sizeof(regex_t));
		if (re == NULL)
		{
			sqlite3_result_error_nomem(ctx);
			return;
		}
		if (regcomp(re, pattern, REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0)) != 0)
		{
			free(re);
			msg = sqlite3_mprintf("2201B: invalid regular expression: %s", pattern);
			sqlite3_result_error(ctx, msg, -1);
			sqlite3_free(msg);
			return;
		}
		sqlite3_set_auxdata(ctx, 0, re, free_regex);
		re = sqlite3_get_auxdata(ctx, 0);
		if (re == NULL)
		{
			/* not kept: compile again for this call */
			regex_t		once;

			if (regcomp(&once, pattern, REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0)) != 0)
				return;
			sqlite3_result_int(ctx, regexec(&once, text, 0, NULL, 0) == 0);
			regfree(&once);
			return;
		}
	}
	sqlite3_result_int(ctx, regexec(re, text, 0, NULL, 0) == 0);
}

/* ---- registration ---- */

typedef struct CatFunction
{
	const char *name;
	int			nargs;			/* -1: any */
	void		(*fn) (sqlite3_context *, int, sqlite3_value **);
	uint32_t	result_type;
	char		reg;			/* reg* functions: 'r' class, 't' type, 'n' namespace, 'o' role, 'p' proc */
} CatFunction;

static const CatFunction functions[] = {
	{"format_type", 2, fn_format_type, TEXTOID, 0},
	{"pg_get_indexdef", -1, fn_pg_get_indexdef, TEXTOID, 0},
	{"pg_get_constraintdef", -1, fn_pg_get_constraintdef, TEXTOID, 0},
	{"pg_get_expr", -1, fn_first_argument, TEXTOID, 0},
	{"pg_get_viewdef", -1, fn_null, TEXTOID, 0},
	{"pg_get_triggerdef", -1, fn_null, TEXTOID, 0},
	{"pg_get_ruledef", -1, fn_null, TEXTOID, 0},
	{"pg_get_partkeydef", 1, fn_null, TEXTOID, 0},
	{"pg_get_statisticsobjdef_columns", 1, fn_null, TEXTOID, 0},
	{"pg_get_function_arguments", 1, fn_empty, TEXTOID, 0},
	{"pg_get_function_identity_arguments", 1, fn_empty, TEXTOID, 0},
	{"pg_get_function_result", 1, fn_empty, TEXTOID, 0},
	{"pg_get_serial_sequence", 2, fn_null, TEXTOID, 0},
	{"pg_partition_ancestors", 1, fn_first_argument, REGCLASSOID, 0},
	{"pg_partition_root", 1, fn_first_argument, REGCLASSOID, 0},
	{"pg_table_is_visible", 1, fn_table_is_visible, BOOLOID, 0},
	{"pg_type_is_visible", 1, fn_type_is_visible, BOOLOID, 0},
	{"pg_function_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_operator_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_opclass_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_opfamily_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_collation_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_conversion_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_statistics_obj_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_ts_config_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_ts_dict_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_ts_parser_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_ts_template_is_visible", 1, fn_true, BOOLOID, 0},
	{"pg_is_other_temp_schema", 1, fn_false, BOOLOID, 0},
	{"pg_is_in_recovery", 0, fn_false, BOOLOID, 0},
	{"pg_relation_is_publishable", 1, fn_false, BOOLOID, 0},
	{"has_table_privilege", -1, fn_true, BOOLOID, 0},
	{"has_schema_privilege", -1, fn_true, BOOLOID, 0},
	{"has_database_privilege", -1, fn_true, BOOLOID, 0},
	{"has_column_privilege", -1, fn_true, BOOLOID, 0},
	{"has_any_column_privilege", -1, fn_true, BOOLOID, 0},
	{"has_function_privilege", -1, fn_true, BOOLOID, 0},
	{"has_sequence_privilege", -1, fn_true, BOOLOID, 0},
	{"has_type_privilege", -1, fn_true, BOOLOID, 0},
	{"has_tablespace_privilege", -1, fn_true, BOOLOID, 0},
	{"pg_has_role", -1, fn_true, BOOLOID, 0},
	{"pg_get_userbyid", 1, fn_pg_get_userbyid, NAMEOID, 0},
	{"obj_description", -1, fn_obj_description, TEXTOID, 0},
	{"col_description", 2, fn_col_description, TEXTOID, 0},
	{"shobj_description", 2, fn_null, TEXTOID, 0},
	{"current_setting", -1, fn_current_setting, TEXTOID, 0},
	{"current_schemas", 1, fn_current_schemas, 1003, 0},
	{"pg_encoding_to_char", 1, fn_encoding_to_char, NAMEOID, 0},
	{"pg_relation_size", -1, fn_zero, INT8OID, 0},
	{"pg_total_relation_size", 1, fn_zero, INT8OID, 0},
	{"pg_table_size", 1, fn_zero, INT8OID, 0},
	{"pg_indexes_size", 1, fn_zero, INT8OID, 0},
	{"pg_database_size", 1, fn_zero, INT8OID, 0},
	{"pg_size_pretty", 1, fn_size_pretty, TEXTOID, 0},
	{"pg_tablespace_location", 1, fn_empty, TEXTOID, 0},
	{"quote_ident", 1, fn_quote_ident, TEXTOID, 0},
	{"regexp", 2, fn_regexp, BOOLOID, 0},
	{"pgw_is_data_type", 1, cat_fn_is_data_type, TEXTOID, 0},
	{"pgw_is_char_length", 2, cat_fn_is_char_length, INT4OID, 0},
	{"pgw_is_numeric_precision", 2, cat_fn_is_numeric_precision, INT4OID, 0},
	{"pgw_is_numeric_radix", 1, cat_fn_is_numeric_radix, INT4OID, 0},
	{"pgw_is_numeric_scale", 2, cat_fn_is_numeric_scale, INT4OID, 0},
	{"pgw_is_datetime_precision", 2, cat_fn_is_datetime_precision, INT4OID, 0},
	{"pgw_is_rule", 1, cat_fn_is_rule, TEXTOID, 0},
	{"to_regclass", 1, cat_fn_to_reg, REGCLASSOID, 'r'},
	{"to_regtype", 1, cat_fn_to_reg, REGTYPEOID, 't'},
	{"to_regnamespace", 1, cat_fn_to_reg, REGNAMESPACEOID, 'n'},
	{"to_regrole", 1, cat_fn_to_reg, REGROLEOID, 'o'},
	{"pgw_regclass", 1, cat_fn_reg, OIDOID, 'r'},
	{"pgw_regtype", 1, cat_fn_reg, OIDOID, 't'},
	{"pgw_regnamespace", 1, cat_fn_reg, OIDOID, 'n'},
	{"pgw_regrole", 1, cat_fn_reg, OIDOID, 'o'},
	{"pgw_regproc", 1, cat_fn_regproc, REGPROCOID, 0},
	{"getdatabaseencoding", 0, fn_encoding, NAMEOID, 0},
	{"pg_client_encoding", 0, fn_encoding, NAMEOID, 0},
	{"pg_get_function_sqlbody", 1, fn_null, TEXTOID, 0},
	{"pg_get_functiondef", 1, fn_null, TEXTOID, 0},
	{"pg_char_to_encoding", 1, fn_char_to_encoding, INT4OID, 0},
	{"pg_describe_object", 3, fn_null, TEXTOID, 0},
	{"pgw_regclass_name", 1, cat_fn_reg_name, REGCLASSOID, 'r'},
	{"pgw_regtype_name", 1, cat_fn_reg_name, REGTYPEOID, 't'},
	{"pgw_regnamespace_name", 1, cat_fn_reg_name, REGNAMESPACEOID, 'n'},
	{"pgw_regrole_name", 1, cat_fn_reg_name, REGROLEOID, 'o'},
	{"pgw_regproc_name", 1, cat_fn_reg_name, REGPROCOID, 'p'},
};

uint32_t
cat_function_type(const char *name)
{
	static const struct
	{
		const char *name;
		uint32_t	type;
	}			others[] = {
		{"count", INT8OID}, {"array_to_string", TEXTOID}, {"string_agg", TEXTOID},
		{"current_database", NAMEOID}, {"version", TEXTOID}, {"array_length", INT4OID},
		{"array_upper", INT4OID}, {"array_lower", INT4OID}, {"cardinality", INT4OID},
		{"lower", TEXTOID}, {"upper", TEXTOID}, {"length", INT4OID}, {"coalesce", 0},
	};

	for (size_t i = 0; i < lengthof(functions); i++)
	{
		if (strcmp(functions[i].name, name) == 0)
			return functions[i].result_type;
	}
	for (size_t i = 0; i < lengthof(others); i++)
	{
		if (strcmp(others[i].name, name) == 0)
			return others[i].type;
	}
	return 0;
}

bool
cat_register_functions(Catalog *cat, PgError *err)
{
	int			flags = SQLITE_UTF8;

	for (size_t i = 0; i < lengthof(functions); i++)
	{
		const CatFunction *f = &functions[i];
		void	   *data = cat;
		int			rc;

		if (f->reg != 0)
		{
			RegData    *rd = sqlite3_malloc(sizeof(RegData));

			if (rd == NULL)
			{
				pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
				return false;
			}
			rd->kind = f->reg;
			rd->cat = cat;
			rc = sqlite3_create_function_v2(cat->db, f->name, f->nargs, flags, rd, f->fn, NULL, NULL,
											sqlite3_free);
		}
		else
			rc = sqlite3_create_function_v2(cat->db, f->name, f->nargs, flags, data, f->fn, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
		{
			cat_sqlite_error(cat, err);
			return false;
		}
	}
	/* ~* as MATCH: case-insensitive */
	if (sqlite3_create_function_v2(cat->db, "match", 2, flags, (void *) 1, fn_regexp, NULL, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function_v2(cat->db, "current_database", 0, flags, (void *) &cat->session->database,
								   fn_session_text, NULL, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function_v2(cat->db, "current_user", 0, flags, (void *) &cat->session->user,
								   fn_session_text, NULL, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function_v2(cat->db, "session_user", 0, flags, (void *) &cat->session->user,
								   fn_session_text, NULL, NULL, NULL) != SQLITE_OK ||
		sqlite3_create_function_v2(cat->db, "version", 0, flags, (void *) &cat->session->version,
								   fn_session_text, NULL, NULL, NULL) != SQLITE_OK)
	{
		cat_sqlite_error(cat, err);
		return false;
	}
	return true;
}
