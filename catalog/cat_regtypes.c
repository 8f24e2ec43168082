/*
 * cat_regtypes.c
 *		PostgreSQL's reg* types in the catalog: 'foo'::regclass and friends.
 *
 * Owns: reading a name (qualified, quoted) or a number as the OID of a
 * relation, type, schema or role (pgw_regclass(...), to_regtype(...)),
 * showing an OID by name (pgw_regclass_name(...): qualified when not on the
 * search path), and ::regproc, which the catalog keeps by name. A name
 * that denotes nothing is PostgreSQL's error (42P01, 42704, 3F000, 42883).
 * It must never change a catalog row.
 */
#include "catalog/cat_internal.h"

#include "common/types.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static RegData *
reg_data(sqlite3_context *ctx)
{
	return sqlite3_user_data(ctx);
}

/* Split a possibly qualified, possibly quoted name into schema and name (folded unless quoted). */
static void
split_name(const char *text, char *schema, char *name, size_t len)
{
	char		parts[2][CAT_NAME_LEN] = {"", ""};
	int			n = 0;
	const char *p = text;

	while (*p && n < 2)
	{
		size_t		k = 0;

		if (*p == '"')
		{
			for (p++; *p && !(*p == '"' && p[1] != '"'); p++)
			{
				if (*p == '"')
					p++;
				if (k + 1 < CAT_NAME_LEN)
					parts[n][k++] = *p;
			}
			if (*p == '"')
				p++;
		}
		else
		{
			for (; *p && *p != '.'; p++)
				if (k + 1 < CAT_NAME_LEN)
					parts[n][k++] = (char) tolower((unsigned char) *p);
		}
		parts[n][k] = '\0';
		n++;
		if (*p == '.')
			p++;
		else
			break;
	}
	if (n == 2)
	{
		snprintf(schema, len, "%s", parts[0]);
		snprintf(name, len, "%s", parts[1]);
	}
	else
	{
		schema[0] = '\0';
		snprintf(name, len, "%s", parts[0]);
	}
}

/* The oid a name or number denotes as a relation ('r') or type ('t'), or 0. */
static int64_t
reg_lookup(Catalog *cat, char kind, sqlite3_value *v)
{
	const char *text;
	char		schema[CAT_NAME_LEN];
	char		name[CAT_NAME_LEN];
	sqlite3_stmt *st;
	int64_t		oid = 0;
	const char *sql;

	if (sqlite3_value_type(v) == SQLITE_INTEGER || sqlite3_value_type(v) == SQLITE_FLOAT)
		return sqlite3_value_int64(v);
	text = (const char *) sqlite3_value_text(v);
	if (text == NULL)
		return 0;
	if (text[0] != '\0' && strspn(text, "0123456789") == strlen(text))
		return strtoll(text, NULL, 10);
	if (kind == 't')
	{
		/* a type's SQL spelling (integer, character varying(40)) or typname */
		char		base[CAT_NAME_LEN];
		const PgType *t;
		size_t		n = strcspn(text, "([");

		snprintf(base, sizeof(base), "%.*s", (int) n, text);
		while (n > 0 && base[n - 1] == ' ')
			base[--n] = '\0';
		if ((t = pgtype_by_name(base)) != NULL && strchr(text, '[') == NULL)
			return t->oid;
		split_name(base, schema, name, sizeof(name));
		sql = "SELECT t.oid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
			" WHERE t.typname = ?2 AND (?1 = '' AND n.oid IN (11, 2200) OR n.nspname = ?1)"
			" ORDER BY n.oid LIMIT 1";
		if (strchr(text, '[') != NULL)
		{
			memmove(name + 1, name, strlen(name) + 1);
			name[0] = '_';
			if ((t = pgtype_by_name(name + 1)) != NULL)
				snprintf(name, sizeof(name), "_%s", t->name);
		}
	}
	else if (kind == 'n')
	{
		split_name(text, schema, name, sizeof(name));
		sql = "SELECT oid FROM pg_namespace WHERE nspname = ?2";
	}
	else if (kind == 'o')
	{
		split_name(text, schema, name, sizeof(name));
		sql = "SELECT oid FROM pg_authid WHERE rolname = ?2";
	}
	else
	{
		split_name(text, schema, name, sizeof(name));
		sql = "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
			" WHERE c.relname = ?2 AND (?1 = '' AND n.oid IN (11, 2200) OR n.nspname = ?1)"
			" ORDER BY n.oid LIMIT 1";
	}
	if (!cat_prepare(cat, sql, &st))
		return 0;
	sqlite3_bind_text(st, 1, schema, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		oid = sqlite3_column_int64(st, 0);
	cat_release(cat, st);
	return oid;
}

/* to_regclass('name'): the oid or NULL. */
void
cat_fn_to_reg(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int64_t		oid = reg_lookup(reg_data(ctx)->cat, reg_data(ctx)->kind, argv[0]);

	(void) argc;
	if (oid != 0)
		sqlite3_result_int64(ctx, oid);
}

/*
 * 'pg_catalog.array_in'::regproc: the catalog keeps procedures by name
 * (pg_type.typinput); a name it does not know is PostgreSQL's 42883.
 */
void
cat_fn_regproc(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Catalog    *cat = cat_function_catalog(ctx);
	const char *name = (const char *) sqlite3_value_text(argv[0]);
	sqlite3_stmt *st;
	bool		known = false;

	(void) argc;
	if (name == NULL)
		return;
	if (strncmp(name, "pg_catalog.", 11) == 0)
		name += 11;
	if (cat_prepare(cat, "SELECT 1 FROM pg_type WHERE typinput = ?1 OR typoutput = ?1 OR typreceive = ?1"
					" OR typsend = ?1 UNION ALL SELECT 1 FROM pg_proc WHERE proname = ?1", &st))
	{
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		known = sqlite3_step(st) == SQLITE_ROW;
		cat_release(cat, st);
	}
	if (known)
	{
		sqlite3_result_text(ctx, name, -1, SQLITE_TRANSIENT);
		return;
	}
	cat_result_errorf(ctx, "42883: function \"%s\" does not exist", name);
}


/* 'name'::regclass: the oid, or PostgreSQL's error. */
void
cat_fn_reg(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Catalog    *cat = reg_data(ctx)->cat;
	char		kind = reg_data(ctx)->kind;
	int64_t		oid;

	(void) argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	if ((oid = reg_lookup(cat, kind, argv[0])) != 0)
	{
		sqlite3_result_int64(ctx, oid);
		return;
	}
	cat_result_errorf(ctx, kind == 't' ? "42704: type \"%s\" does not exist" :
					  kind == 'n' ? "3F000: schema \"%s\" does not exist" :
					  kind == 'o' ? "42704: role \"%s\" does not exist" :
					  "42P01: relation \"%s\" does not exist", sqlite3_value_text(argv[0]));
}

/* oid::regclass as text: the name, qualified when not visible, or the number. */
void
cat_fn_reg_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Catalog    *cat = reg_data(ctx)->cat;
	char		kind = reg_data(ctx)->kind;
	int64_t		oid;
	sqlite3_stmt *st;
	Buf			b;
	const char *sql;

	(void) argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	oid = reg_lookup(cat, kind, argv[0]);
	buf_init(&b);
	if (kind == 't')
	{
		cat_format_type(cat, oid, -1, &b);
		cat_result_buf(ctx, &b);
		return;
	}
	sql = kind == 'n' ? "SELECT nspname, 11 FROM pg_namespace WHERE oid = ?1" :
		kind == 'o' ? "SELECT rolname, 11 FROM pg_authid WHERE oid = ?1" :
		kind == 'p' ? "SELECT proname, pronamespace FROM pg_proc WHERE oid = ?1" :
		"SELECT c.relname, c.relnamespace, n.nspname FROM pg_class c JOIN pg_namespace n"
		" ON n.oid = c.relnamespace WHERE c.oid = ?1";
	if (cat_prepare(cat, sql, &st))
	{
		sqlite3_bind_int64(st, 1, oid);
		if (sqlite3_step(st) == SQLITE_ROW)
		{
			if (kind == 'r' && !cat_namespace_visible(sqlite3_column_int64(st, 1)))
			{
				cat_append_ident(&b, cat_column_text(st, 2));
				buf_append_byte(&b, '.');
			}
			cat_append_ident(&b, cat_column_text(st, 0));
		}
		else
			buf_appendf(&b, "%lld", (long long) oid);
		cat_release(cat, st);
	}
	cat_result_buf(ctx, &b);
}

