/*
 * lexer_internal.h
 *		What the lexer's two files share: the scanner's state, quoting
 *		styles, and the helpers both use (character classes, errors with
 *		PostgreSQL's positions, quoted-identifier and UESCAPE reading).
 *
 * lexer.c scans; lexer_values.c decodes literal and identifier values.
 */
#ifndef PGW_LEXER_INTERNAL_H
#define PGW_LEXER_INTERNAL_H

#include "translate/xl_internal.h"

#define NAMEDATALEN			64	/* PostgreSQL's limit for operators */
#define MAX_NEAR_TEXT		4096	/* longer "at or near" texts are cut */
#define INITIAL_TOKENS		40	/* 800 bytes: below glibc's large requests, which sweep its free lists */

/* How the body of a single-quoted literal is written. */
typedef enum QuoteStyle
{
	QS_PLAIN,					/* '...' and N'...': '' is a quote */
	QS_EXTENDED,				/* E'...': '' and backslash escapes */
	QS_BITS,					/* B'...' and X'...': no escapes at all */
	QS_UNICODE					/* U&'...': '' and \XXXX escapes, UESCAPE may follow */
} QuoteStyle;

typedef struct Lexer
{
	const char *src;
	size_t		len;
	size_t		pos;			/* next byte to scan */
	TokenList  *list;
	PgError    *err;
	Buf			scratch;		/* decoded text of escaped literals, to validate them */
} Lexer;

/* ---- lexer.c ---- */

unsigned	lex_hex_value(unsigned char c);
size_t		lex_char_end(const char *s, size_t len, size_t pos);
bool		lex_error_at(PgError *err, const char *sqlstate, const char *src, size_t off,
						 const char *msg);
bool		lex_out_of_memory(PgError *err);
bool		lex_continuation_quote(const char *s, size_t len, size_t pos, size_t *next);
size_t		lex_qident_end(const char *s, size_t len, size_t pos);
bool		lex_parse_uescape(const char *s, size_t len, size_t pos, size_t *end, char *esc,
							  PgError *err);

/* ---- lexer_values.c ---- */

bool		lex_decode_string_token(const char *src, const Token *tok, Buf *out, PgError *err);

#endif							/* PGW_LEXER_INTERNAL_H */
