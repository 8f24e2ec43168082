/*
 * cat_text_functions.c
 *		PostgreSQL's text functions the catalog's queries use, as SQLite
 *		functions of the catalog.
 *
 * Owns: quote_ident, pg_size_pretty, and regular expressions: REGEXP for
 * ~ and MATCH for ~* (POSIX extended, compiled once per statement). A bad
 * pattern is 2201B, as in PostgreSQL.
 */
#include "catalog/cat_internal.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- quoting and sizes ---- */

void
cat_fn_size_pretty(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char		text[64];

	(void) argc;
	snprintf(text, sizeof(text), "%lld bytes", (long long) sqlite3_value_int64(argv[0]));
	sqlite3_result_text(ctx, text, -1, SQLITE_TRANSIENT);
}

void
cat_fn_quote_ident(sqlite3_context *ctx, int argc, sqlite3_value **argv)
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

/* ---- regular expressions ---- */

static void
free_regex(void *p)
{
	regfree(p);
	free(p);
}

/* regexp(pattern, text) for REGEXP (~), match(pattern, text) for MATCH (~*). */
void
cat_fn_regexp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
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
		re = malloc(sizeof(regex_t));
		if (re == NULL)
		{
			sqlite3_result_error_nomem(ctx);
			return;
		}
		if (regcomp(re, pattern, REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0)) != 0)
		{
			free(re);
			cat_result_errorf(ctx, "2201B: invalid regular expression: %s", pattern);
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
