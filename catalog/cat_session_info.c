/*
 * cat_session_info.c
 *		PostgreSQL's session information functions, as SQLite functions of
 *		the catalog: what they answer comes from the session
 *		(CatSession), never from the database.
 *
 * Owns: current_setting, current_database, current_user, session_user,
 * version, current_schemas and the encoding functions (always UTF8). It
 * must never change a setting.
 */
#include "catalog/cat_internal.h"

#include <strings.h>

/* ---- the session ---- */

void
cat_fn_current_setting(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	Catalog    *cat = cat_function_catalog(ctx);
	const char *name = (const char *) sqlite3_value_text(argv[0]);
	Buf			b;

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
	cat_result_errorf(ctx, "42704: unrecognized configuration parameter \"%s\"", name);
}

void
cat_fn_session_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *const *which = sqlite3_user_data(ctx);

	(void) argc;
	(void) argv;
	sqlite3_result_text(ctx, *which, -1, SQLITE_TRANSIENT);
}

void
cat_fn_current_schemas(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	sqlite3_result_text(ctx, sqlite3_value_int(argv[0]) ? "{pg_catalog,public}" : "{public}", -1,
						SQLITE_STATIC);
}

void
cat_fn_encoding_to_char(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	sqlite3_result_text(ctx, sqlite3_value_int(argv[0]) == 6 ? "UTF8" : "", -1, SQLITE_STATIC);
}

void
cat_fn_char_to_encoding(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *name = (const char *) sqlite3_value_text(argv[0]);

	(void) argc;
	sqlite3_result_int(ctx, name != NULL && (strcasecmp(name, "UTF8") == 0 || strcasecmp(name, "UTF-8") == 0) ? 6 : -1);
}

void
cat_fn_encoding(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_text(ctx, "UTF8", -1, SQLITE_STATIC);
}
