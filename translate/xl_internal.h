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

#include <string.h>

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

/* Is word i of w the operator op (any length, e.g. "<>")? */
static inline bool
xl_word_is_operator(const XlWords *w, size_t i, const char *op)
{
	size_t		len = strlen(op);

	return i < w->n && w->tok[i].kind == TOK_OPERATOR && w->tok[i].len == len &&
		memcmp(w->query + w->tok[i].start, op, len) == 0;
}

/* Is word i of w one of the unquoted keywords of the NULL-terminated list? */
static inline bool
xl_word_in(const XlWords *w, size_t i, const char *const *keywords)
{
	for (const char *const *k = keywords; *k != NULL; k++)
	{
		if (xl_word_is(w, i, *k))
			return true;
	}
	return false;
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
 * The length of s[0..len) cut to at most max bytes without splitting a
 * UTF-8 character, as PostgreSQL's truncate_identifier() cuts names.
 */
static inline size_t
xl_clip_utf8(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char) s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* ---- target lists (select_list.c) ---- */

/*
 * Does word i of w end a target list at its own depth (FROM, INTO, WHERE,
 * GROUP, HAVING, WINDOW, ORDER, LIMIT, OFFSET, FETCH, FOR, UNION,
 * INTERSECT, EXCEPT)?
 */
bool		xl_word_ends_target_list(const XlWords *w, size_t i);

/*
 * xl_select_columns(), also telling whether the outermost list is a VALUES
 * list, whose items are values, not select-list items (they take no alias).
 */
bool		xl_target_list(const char *query, const StatementList *list,
						   const Statement *stmt, ColumnList *cols, bool *is_values);

/*
 * Fill err with 42601 "<msg> at or near "<src[from..to)>"", or "<msg> at
 * end of input" when from >= len, and the 1-based character position of
 * from. Always returns false, so callers can "return xl_error_near(...)".
 */
bool		xl_error_near(PgError *err, const char *src, size_t len, size_t from,
						  size_t to, const char *msg);

#endif							/* PGW_XL_INTERNAL_H */
