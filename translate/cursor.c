/*
 * cursor.c
 *		A cursor over one statement's words for the hand-written parsers
 *		(session_cmd.c, copy_cmd.c): where it starts, and the syntax error
 *		it reports, worded and placed as PostgreSQL's scanner_yyerror().
 *
 * Stepping over words is inline in xl_internal.h.
 */
#include "translate/xl_internal.h"

void
xl_cursor_init(XlCursor *c, const char *query, const StatementList *list, const Statement *stmt,
			   PgError *err)
{
	size_t		next = stmt->first_token + stmt->ntokens;

	c->w = xl_words(query, list, stmt);
	c->i = 0;
	c->after = next < list->tokens.count ? &list->tokens.tokens[next] : NULL;
	c->err = err;
}

bool
xl_cursor_syntax_error(const XlCursor *c)
{
	const Token *t = xl_cursor_at_end(c) ? c->after : &c->w.tok[c->i];

	if (t == NULL)
	{
		size_t		end = c->w.n > 0 ? xl_token_end(&c->w.tok[c->w.n - 1]) : 0;

		return xl_error_near(c->err, c->w.query, end, end, end, "syntax error");
	}
	return xl_error_near(c->err, c->w.query, xl_token_end(t), t->start, xl_token_end(t), "syntax error");
}
