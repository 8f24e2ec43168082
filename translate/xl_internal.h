/*
 * xl_internal.h
 *		Helpers shared by the files of translate/, not part of its API.
 *
 * A statement is looked at as a window of words over the query's tokens;
 * the inline helpers below answer "is word i the keyword k?" without
 * copying anything. xl_error_near() words a lexical or syntax error the
 * way PostgreSQL's scanner_yyerror() does.
 */
#ifndef PGW_XL_INTERNAL_H
#define PGW_XL_INTERNAL_H

#include "translate/translate.h"

/* The tokens of one statement. */
typedef struct XlWords
{
	const char *query;
	const Token *tok;
	size_t		n;
} XlWords;

static inline XlWords
xl_words(const char *query, const StatementList *list, const Statement *stmt)
{
	XlWords		w;

	w.query = query;
	w.tok = list->tokens.tokens + stmt->first_token;
	w.n = stmt->ntokens;
	return w;
}

/* Is word i of w a token of this kind? False past the end. */
static inline bool
xl_word_kind(const XlWords *w, size_t i, TokenKind kind)
{
	return i < w->n && w->tok[i].kind == kind;
}

/* Is word i of w the unquoted keyword kw? False past the end. */
static inline bool
xl_word_is(const XlWords *w, size_t i, const char *kw)
{
	return i < w->n && xl_is_keyword(w->query, &w->tok[i], kw);
}

/* Is word i of w the one-character operator op? */
static inline bool
xl_word_is_op(const XlWords *w, size_t i, char op)
{
	return i < w->n && w->tok[i].kind == TOK_OPERATOR && w->tok[i].len == 1 &&
		w->query[w->tok[i].start] == op;
}

/* Is word i of w TO or '=', as after the parameter name of SET? */
static inline bool
xl_word_is_assign(const XlWords *w, size_t i)
{
	return xl_word_is(w, i, "to") || xl_word_is_op(w, i, '=');
}

/* Byte offset just past token t. */
static inline size_t
xl_token_end(const Token *t)
{
	return (size_t) t->start + t->len;
}

/*
 * Fill err with 42601 "<msg> at or near "<src[from..to)>"", or "<msg> at
 * end of input" when from >= len, and the 1-based character position of
 * from. Always returns false, so callers can "return xl_error_near(...)".
 */
bool		xl_error_near(PgError *err, const char *src, size_t len, size_t from,
						  size_t to, const char *msg);

#endif							/* PGW_XL_INTERNAL_H */
