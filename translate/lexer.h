/*
 * lexer.h
 *		Tokens of PostgreSQL's lexical grammar.
 *
 * The lexer turns query text into an array of tokens that point back into
 * the text (byte offsets), so rewriting can keep the user's text verbatim
 * where no rule applies. Whitespace and comments produce no tokens; they
 * stay in the gaps between tokens. It follows PostgreSQL's scan.l with
 * standard_conforming_strings on: see xl_lex() for the accepted forms.
 */
#ifndef PGW_XL_LEXER_H
#define PGW_XL_LEXER_H

#include "common/base.h"
#include "common/buf.h"
#include "common/pgerror.h"

typedef enum TokenKind
{
	TOK_IDENT,					/* unquoted identifier or keyword */
	TOK_QIDENT,					/* "quoted" or U&"quoted" identifier */
	TOK_STRING,					/* '...', E'...', U&'...', N'...', B'...', X'...' */
	TOK_DOLLAR_STRING,			/* $$...$$ or $tag$...$tag$ */
	TOK_INTEGER,				/* 42, 0x2A, 0o52, 0b101010, 1_000 */
	TOK_NUMERIC,				/* 1.5, .5, 5., 1e10, 1.5E-3 */
	TOK_PARAM,					/* $1 */
	TOK_OPERATOR,				/* +, <>, ->>, <=>, ... (PostgreSQL operator rules) */
	TOK_TYPECAST,				/* :: */
	TOK_LPAREN,
	TOK_RPAREN,
	TOK_LBRACKET,
	TOK_RBRACKET,
	TOK_COMMA,
	TOK_SEMICOLON,
	TOK_DOT,
	TOK_COLON					/* array slice ':' */
} TokenKind;

typedef struct Token
{
	TokenKind	kind;
	uint32_t	start;			/* byte offset of the first byte in the source */
	uint32_t	len;			/* bytes, including quotes and delimiters */
	int32_t		param;			/* TOK_PARAM: the n of $n */
	uint8_t		kwclass;		/* TOK_IDENT: its KeywordClass bits, else 0 */
} Token;

/* What a keyword does in the grammar (keywords.c), as bits of Token.kwclass. */
typedef enum KeywordClass
{
	KW_NOT_OPERAND = 0x01,		/* a reserved word that cannot begin an operand (FROM, AND) */
	KW_ENDS_TARGET_LIST = 0x02, /* FROM, INTO, WHERE, GROUP, ... UNION, INTERSECT, EXCEPT */
	KW_NOT_BARE_LABEL = 0x04,	/* no alias without AS: AS_LABEL keywords, and words that
								 * could continue an expression or begin a clause */
	KW_CLAUSE = 0x08,			/* WHEN, THEN, ELSE, VALUES, WITH */
	KW_FUNCTION_WORD = 0x10,	/* can begin a construct of the functions rule (now, trim, ilike) */
	KW_IRIS_FUNCTION_WORD = 0x20,	/* ... on IRIS only (true, and, where: booleans) */
	KW_CLOCK = 0x40,			/* now(), current_timestamp, localtime, ... */
	KW_SESSION_VALUE = 0x80		/* version(), current_user, pg_backend_pid(), ... */
} KeywordClass;

/* The KeywordClass bits of the word s[0..len) (any case), 0 for other words. */
uint8_t		xl_keyword_classes(const char *s, size_t len);

typedef struct TokenList
{
	Token	   *tokens;
	size_t		count;
	size_t		cap;
} TokenList;

void		xl_tokens_init(TokenList *list);
void		xl_tokens_free(TokenList *list);

/*
 * Tokenise src[0..len). Appends to list (which the caller initialised).
 * On a lexical error fills err with PostgreSQL's message and SQLSTATE
 * (42601 "unterminated quoted string at or near ...", "unterminated /\*
 * comment", "unterminated dollar-quoted string", "zero-length delimited
 * identifier", "trailing junk after numeric literal", 22025/42601 for bad
 * escapes), with err->position set (1-based, in characters), and returns
 * false. NUL bytes in src are an error (PostgreSQL never sees them either).
 * Sources longer than UINT32_MAX bytes are refused.
 */
bool		xl_lex(const char *src, size_t len, TokenList *list, PgError *err) PGW_MUSTCHECK;

/* 16, 8 or 2 for the letter after "0" in 0x, 0o, 0b (either case), else 0. */
unsigned	xl_radix_of_prefix(char c);

/* Does the folded (lower-cased) word s[0..len) equal the string kw? */
bool		xl_folded_equal(const char *s, size_t len, const char *kw);

/* Is tok an unquoted identifier equal to keyword (ASCII case-insensitive)? */
bool		xl_is_keyword(const char *src, const Token *tok, const char *keyword);

/*
 * The value of an identifier token: unquoted ones are down-cased (ASCII
 * only, as PostgreSQL), quoted ones have "" undoubled and U& escapes
 * decoded. Appends to out.
 */
bool		xl_ident_value(const char *src, const Token *tok, Buf *out, PgError *err) PGW_MUSTCHECK;

/*
 * The value of a TOK_STRING or TOK_DOLLAR_STRING: '' undoubled, E'' escapes
 * (\n \t \\ \' \ooo \xhh \uXXXX \UXXXXXXXX ...), U&'' escapes with
 * UESCAPE, dollar quotes stripped. B'' and X'' are returned as written
 * (without quotes). Appends to out; on a bad escape fills err.
 */
bool		xl_string_value(const char *src, const Token *tok, Buf *out, PgError *err) PGW_MUSTCHECK;

/* 1-based character position (UTF-8) of byte offset off in src. */
int			xl_char_position(const char *src, size_t off);

#endif							/* PGW_XL_LEXER_H */
