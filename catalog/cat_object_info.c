/*
 * cat_object_info.c
 *		PostgreSQL's functions that describe a catalog object, as SQLite
 *		functions of the catalog.
 *
 * Owns: format_type, pg_get_indexdef, pg_get_constraintdef (the SQL text
 * PostgreSQL writes back for a type, an index or a constraint), the
 * pg_*_is_visible functions that read an object's namespace,
 * pg_get_userbyid, obj_description and col_description. It must never
 * change a catalog row.
 */
#include "catalog/cat_internal.h"

#include "common/types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void
cat_fn_format_type(sqlite3_context *ctx, int argc, sqlite3_value **argv)
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

void
cat_fn_pg_get_indexdef(sqlite3_context *ctx, int argc, sqlite3_value **argv)
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

void
cat_fn_pg_get_constraintdef(sqlite3_context *ctx, int argc, sqlite3_value **argv)
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

void
cat_fn_table_is_visible(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	object_is_visible(ctx, argv, "SELECT relnamespace FROM _pg_class WHERE oid = ?1");
}

void
cat_fn_type_is_visible(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	object_is_visible(ctx, argv, "SELECT typnamespace FROM pg_type WHERE oid = ?1");
}

void
cat_fn_pg_get_userbyid(sqlite3_context *ctx, int argc, sqlite3_value **argv)
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

void
cat_fn_obj_description(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	fn_description(ctx, argc, argv, 0);
}

void
cat_fn_col_description(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	fn_description(ctx, argc, argv, sqlite3_value_int(argv[1]));
}
