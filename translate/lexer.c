/*
 * lexer.c
 *		PostgreSQL's lexical grammar (src/backend/parser/scan.l, PostgreSQL
 *		16, standard_conforming_strings on) as a single-pass scanner.
 *
 * Owns: cutting query text into tokens that point back into the text, the
 * lexical errors PostgreSQL reports (its messages, SQLSTATEs and cursor
 * positions). It never allocates per token: the token array grows
 * geometrically. Decoding identifier and string tokens (quote undoubling,
 * E'' and U& escapes, UESCAPE) is lexer_values.c's.
 */
#include "translate/lexer_internal.h"

#include "common/utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- character classes (scan.l's space, ident_start, op_chars ...) ---- */

static inline bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline bool
is_newline(unsigned char c)
{
	return c == '\n' || c == '\r';
}

static inline bool
is_digit(unsigned char c)
{
	return (unsigned) (c - '0') < 10;
}

static inline bool
is_ident_start(unsigned char c)
{
	return (unsigned) ((c | 0x20) - 'a') < 26 || c == '_' || c >= 0x80;
}

/* dolq_cont: an identifier character other than '$' */
static inline bool
is_dolq_cont(unsigned char c)
{
	return is_ident_start(c) || is_digit(c);
}

static inline bool
is_ident_cont(unsigned char c)
{
	return is_dolq_cont(c) || c == '$';
}

static inline bool
is_op_char(unsigned char c)
{
	return c != '\0' && strchr("~!@#^&|`?+-*/%<>=", c) != NULL;
}

/* Operator characters that SQL's own operators never use. */
static inline bool
is_non_sql_op_char(unsigned char c)
{
	return c != '\0' && strchr("~!@#^&|`?%", c) != NULL;
}

/* Value of a hexadecimal digit, or 16 for anything else. */
unsigned
lex_hex_value(unsigned char c)
{
	if (is_digit(c))
		return c - '0';
	if ((unsigned) ((c | 0x20) - 'a') < 6)
		return (unsigned) ((c | 0x20) - 'a' + 10);
	return 16;
}

/* Bytes of the UTF-8 character whose first byte is c (1 for stray bytes). */
static inline size_t
utf8_char_len(unsigned char c)
{
	if (c >= 0xF0)
		return 4;
	if (c >= 0xE0)
		return 3;
	if (c >= 0xC0)
		return 2;
	return 1;
}

/* Offset just past the character starting at pos, within len. */
size_t
lex_char_end(const char *s, size_t len, size_t pos)
{
	return Min(len, pos + utf8_char_len((unsigned char) s[pos]));
}

/* ---- errors and positions ---- */

int
xl_char_position(const char *src, size_t off)
{
	int			chars = 1;

	for (size_t i = 0; i < off; i++)
	{
		if (((unsigned char) src[i] & 0xC0) != 0x80)
			chars++;
	}
	return chars;
}

bool
xl_error_near(PgError *err, const char *src, size_t len, size_t from, size_t to,
			  const char *msg)
{
	if (from >= len)
		pgerr_set(err, ERRCODE_SYNTAX_ERROR, "%s at end of input", msg);
	else
		pgerr_set(err, ERRCODE_SYNTAX_ERROR, "%s at or near \"%.*s\"", msg,
				  (int) Min(to - from, (size_t) MAX_NEAR_TEXT), src + from);
	err->position = xl_char_position(src, Min(from, len));
	return false;
}

/* An error PostgreSQL raises with a cursor but no "at or near" text. */
bool
lex_error_at(PgError *err, const char *sqlstate, const char *src, size_t off, const char *msg)
{
	pgerr_set(err, sqlstate, "%s", msg);
	err->position = xl_char_position(src, off);
	return false;
}

bool
lex_out_of_memory(PgError *err)
{
	pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return false;
}

/* ---- token list ---- */

void
xl_tokens_init(TokenList *list)
{
	list->tokens = NULL;
	list->count = 0;
	list->cap = 0;
}

void
xl_tokens_free(TokenList *list)
{
	free(list->tokens);
	xl_tokens_init(list);
}

static bool
push_token(Lexer *lx, TokenKind kind, size_t start, size_t end, int32_t param)
{
	TokenList  *l = lx->list;
	Token	   *t;

	if (l->count == l->cap)
	{
		size_t		newcap = l->cap ? l->cap * 2 : INITIAL_TOKENS;
		Token	   *p = realloc(l->tokens, newcap * sizeof(Token));

		if (p == NULL)
			return lex_out_of_memory(lx->err);
		l->tokens = p;
		l->cap = newcap;
	}
	t = &l->tokens[l->count++];
	t->kind = kind;
	t->start = (uint32_t) start;
	t->len = (uint32_t) (end - start);
	t->param = param;
	t->kwclass = kind == TOK_IDENT ? xl_keyword_classes(lx->src + start, end - start) : 0;
	lx->pos = end;
	return true;
}

/* ---- whitespace and comments ---- */

/* Skip spaces and -- comments; *newline is set when a newline is passed. */
static size_t
skip_space_and_dash_comments(const char *s, size_t len, size_t pos, bool *newline)
{
	while (pos < len)
	{
		unsigned char c = (unsigned char) s[pos];

		if (is_space(c))
		{
			if (is_newline(c))
				*newline = true;
			pos++;
		}
		else if (c == '-' && pos + 1 < len && s[pos + 1] == '-')
		{
			pos += 2;
			while (pos < len && !is_newline((unsigned char) s[pos]))
				pos++;
		}
		else
			break;
	}
	return pos;
}

/* Past the (nested) slash-star comment opening at pos; false if unterminated. */
static bool
skip_block_comment(const char *s, size_t len, size_t *pos)
{
	size_t		p = *pos + 2;
	int			depth = 0;

	while (p + 1 < len)
	{
		if (s[p] == '/' && s[p + 1] == '*')
		{
			depth++;
			p += 2;
		}
		else if (s[p] == '*' && s[p + 1] == '/')
		{
			p += 2;
			if (depth-- == 0)
			{
				*pos = p;
				return true;
			}
		}
		else
			p++;
	}
	return false;
}

/*
 * Skip whitespace and comments of both kinds. On an unterminated comment
 * returns false with *pos at the comment's start.
 */
static bool
skip_blanks(const char *s, size_t len, size_t *pos)
{
	bool		newline = false;

	for (;;)
	{
		*pos = skip_space_and_dash_comments(s, len, *pos, &newline);
		if (*pos + 1 >= len || s[*pos] != '/' || s[*pos + 1] != '*')
			return true;
		if (!skip_block_comment(s, len, pos))
			return false;
	}
}

/*
 * SQL joins 'a' and 'b' into one literal when only whitespace with at
 * least one newline separates them (scan.l's quotecontinue; no slash-star
 * comments allowed). pos is just past a closing quote; on success *next is
 * the offset of the continuing quote.
 */
bool
lex_continuation_quote(const char *s, size_t len, size_t pos, size_t *next)
{
	bool		newline = false;
	size_t		p = skip_space_and_dash_comments(s, len, pos, &newline);

	if (!newline || p >= len || s[p] != '\'')
		return false;
	*next = p;
	return true;
}

/* ---- scanning literals ---- */

/* Offset of the quote closing a literal body starting at pos, or len. */
static size_t
segment_end(const char *s, size_t len, size_t pos, QuoteStyle style)
{
	while (pos < len)
	{
		char		c = s[pos];

		if (c == '\'')
		{
			if (style != QS_BITS && pos + 1 < len && s[pos + 1] == '\'')
			{
				pos += 2;
				continue;
			}
			return pos;
		}
		if (c == '\\' && style == QS_EXTENDED)
		{
			pos += 2;
			continue;
		}
		if (style != QS_EXTENDED)
		{
			const char *q = memchr(s + pos, '\'', len - pos);

			if (q == NULL)
				return len;
			pos = (size_t) (q - s);
			continue;
		}
		pos++;
	}
	return len;
}

/*
 * Offset of the quote closing the last segment of a literal whose first
 * body starts at pos (following continuations), or len if unterminated.
 */
static size_t
literal_end(const char *s, size_t len, size_t pos, QuoteStyle style)
{
	for (;;)
	{
		size_t		close = segment_end(s, len, pos, style);
		size_t		next;

		if (close >= len || !lex_continuation_quote(s, len, close + 1, &next))
			return close;
		pos = next + 1;
	}
}

/* Offset of the '"' closing a quoted identifier body starting at pos, or len. */
size_t
lex_qident_end(const char *s, size_t len, size_t pos)
{
	while (pos < len)
	{
		const char *q = memchr(s + pos, '"', len - pos);

		if (q == NULL)
			return len;
		pos = (size_t) (q - s);
		if (pos + 1 < len && s[pos + 1] == '"')
		{
			pos += 2;
			continue;
		}
		return pos;
	}
	return len;
}

/* Is the unquoted word at p exactly kw (lower case), case-insensitively? */
static bool
word_at(const char *s, size_t len, size_t p, const char *kw)
{
	size_t		n = strlen(kw);

	if (len - p < n)
		return false;
	for (size_t i = 0; i < n; i++)
	{
		if ((s[p + i] | 0x20) != kw[i])
			return false;
	}
	return p + n == len || !is_ident_cont((unsigned char) s[p + n]);
}

/* Offset just past the token-ish text at p, for "at or near" messages. */
static size_t
rough_token_end(const char *s, size_t len, size_t p)
{
	size_t		q;

	if (p >= len || !is_ident_start((unsigned char) s[p]))
		return p < len ? lex_char_end(s, len, p) : p;
	for (q = p + 1; q < len && is_ident_cont((unsigned char) s[q]); q++)
		;
	return q;
}

/* scan.l's check_uescapechar() */
static bool
uescape_char_ok(unsigned char c)
{
	return lex_hex_value(c) == 16 && c != '+' && c != '\'' && c != '"' && !is_space(c);
}

/*
 * Look for "UESCAPE 'c'" after a U& literal ending at pos (PostgreSQL's
 * parser.c does this with one token of lookahead, so comments may come
 * between). Sets *end past the clause, or to pos when there is none, and
 * *esc to the escape character.
 */
bool
lex_parse_uescape(const char *s, size_t len, size_t pos, size_t *end, char *esc, PgError *err)
{
	size_t		p = pos;
	size_t		close;

	*end = pos;
	*esc = '\\';
	if (!skip_blanks(s, len, &p) || !word_at(s, len, p, "uescape"))
		return true;			/* an unterminated comment is reported later */
	p += strlen("uescape");
	if (!skip_blanks(s, len, &p))
		return xl_error_near(err, s, len, p, len, "unterminated /* comment");
	if (p >= len || s[p] != '\'')
		return xl_error_near(err, s, len, p, rough_token_end(s, len, p),
							 "UESCAPE must be followed by a simple string literal");
	close = segment_end(s, len, p + 1, QS_PLAIN);
	if (close >= len)
		return xl_error_near(err, s, len, p, len, "unterminated quoted string");
	if (close != p + 2 || !uescape_char_ok((unsigned char) s[p + 1]))
		return xl_error_near(err, s, len, p, close + 1, "invalid Unicode escape character");
	*esc = s[p + 1];
	*end = close + 1;
	return true;
}

/* ---- the scanner ---- */

/* Validate the escapes of the literal just pushed by decoding it into scratch. */
static bool
validate_last_literal(Lexer *lx)
{
	const Token *t = &lx->list->tokens[lx->list->count - 1];

	buf_reset(&lx->scratch);
	if (t->kind == TOK_STRING)
		return lex_decode_string_token(lx->src, t, &lx->scratch, lx->err);
	return xl_ident_value(lx->src, t, &lx->scratch, lx->err);
}

static const char *
unterminated_literal_message(const char *s, QuoteStyle style)
{
	if (style != QS_BITS)
		return "unterminated quoted string";
	if ((s[0] | 0x20) == 'b')
		return "unterminated bit string literal";
	return "unterminated hexadecimal string literal";
}

/* A literal in single quotes; body is the offset after the opening quote. */
static bool
lex_string(Lexer *lx, size_t start, size_t body, QuoteStyle style)
{
	const char *s = lx->src;
	size_t		close = literal_end(s, lx->len, body, style);
	size_t		end;
	char		esc;

	if (close >= lx->len)
		return xl_error_near(lx->err, s, lx->len, start, lx->len,
							 unterminated_literal_message(s + start, style));
	end = close + 1;
	if (style == QS_UNICODE && !lex_parse_uescape(s, lx->len, end, &end, &esc, lx->err))
		return false;
	if (!push_token(lx, TOK_STRING, start, end, 0))
		return false;
	if (style == QS_UNICODE ||
		(style == QS_EXTENDED && memchr(s + body, '\\', close - body) != NULL))
		return validate_last_literal(lx);
	return true;
}

/* "ident" or U&"ident"; body is the offset after the opening quote. */
static bool
lex_quoted_ident(Lexer *lx, size_t start, size_t body, bool unicode)
{
	const char *s = lx->src;
	size_t		close = lex_qident_end(s, lx->len, body);
	size_t		end;
	char		esc;

	if (close >= lx->len)
		return xl_error_near(lx->err, s, lx->len, start, lx->len,
							 "unterminated quoted identifier");
	end = close + 1;
	if (close == body)
		return xl_error_near(lx->err, s, lx->len, start, end,
							 "zero-length delimited identifier");
	if (unicode && !lex_parse_uescape(s, lx->len, end, &end, &esc, lx->err))
		return false;
	if (!push_token(lx, TOK_QIDENT, start, end, 0))
		return false;
	return unicode ? validate_last_literal(lx) : true;
}

/* $n: digits only, then nothing that could continue an identifier. */
static bool
lex_param(Lexer *lx)
{
	const char *s = lx->src;
	size_t		start = lx->pos;
	size_t		p = start + 1;
	int64_t		value = 0;
	bool		overflow = false;

	for (; p < lx->len && is_digit((unsigned char) s[p]); p++)
	{
		value = value * 10 + (s[p] - '0');
		if (value > INT32_MAX)
		{
			overflow = true;
			value = INT32_MAX;
		}
	}
	if (p < lx->len && is_ident_start((unsigned char) s[p]))
		return xl_error_near(lx->err, s, lx->len, start, lex_char_end(s, lx->len, p),
							 "trailing junk after parameter");
	if (overflow)
		return xl_error_near(lx->err, s, lx->len, start, p, "parameter number too large");
	return push_token(lx, TOK_PARAM, start, p, (int32_t) value);
}

/* '$' starts a parameter, a dollar-quoted string, or is a character of its own. */
static bool
lex_dollar(Lexer *lx)
{
	const char *s = lx->src;
	size_t		start = lx->pos;
	size_t		q = start + 1;
	size_t		delim;

	if (q < lx->len && is_digit((unsigned char) s[q]))
		return lex_param(lx);
	if (q < lx->len && is_ident_start((unsigned char) s[q]))
	{
		while (q < lx->len && is_dolq_cont((unsigned char) s[q]))
			q++;
	}
	if (q >= lx->len || s[q] != '$')
		return push_token(lx, TOK_OPERATOR, start, start + 1, 0);

	delim = q + 1 - start;
	for (size_t p = q + 1; p < lx->len;)
	{
		const char *d = memchr(s + p, '$', lx->len - p);

		if (d == NULL)
			break;
		p = (size_t) (d - s);
		if (lx->len - p >= delim && memcmp(s + p, s + start, delim) == 0)
			return push_token(lx, TOK_DOLLAR_STRING, start, p + delim, 0);
		p++;
	}
	return xl_error_near(lx->err, s, lx->len, start, lx->len,
						 "unterminated dollar-quoted string");
}

/*
 * End of a run of digits of the radix starting at p, each digit optionally
 * preceded by one '_' (but the first only if underscore_first). p itself
 * when there is no digit.
 */
static size_t
scan_digits(const char *s, size_t len, size_t p, unsigned radix, bool underscore_first)
{
	size_t		end = p;
	bool		first = true;

	while (end < len)
	{
		size_t		d = end;

		if (s[d] == '_' && (underscore_first || !first))
			d++;
		if (d >= len || lex_hex_value((unsigned char) s[d]) >= radix)
			break;
		end = d + 1;
		first = false;
	}
	return end;
}

/* A number ends at end; a letter right after it is an error. */
static bool
finish_number(Lexer *lx, size_t start, size_t end, TokenKind kind)
{
	if (end < lx->len && is_ident_start((unsigned char) lx->src[end]))
		return xl_error_near(lx->err, lx->src, lx->len, start,
							 lex_char_end(lx->src, lx->len, end),
							 "trailing junk after numeric literal");
	return push_token(lx, kind, start, end, 0);
}

/* 0x1F, 0o17, 0b101 (PostgreSQL 16). */
static bool
lex_prefixed_integer(Lexer *lx, unsigned radix)
{
	const char *s = lx->src;
	size_t		start = lx->pos;
	size_t		end = scan_digits(s, lx->len, start + 2, radix, true);

	if (end == start + 2)
	{
		size_t		fail_end = start + 2;
		const char *msg = radix == 16 ? "invalid hexadecimal integer" :
			radix == 8 ? "invalid octal integer" : "invalid binary integer";

		if (fail_end < lx->len && s[fail_end] == '_')
			fail_end++;
		return xl_error_near(lx->err, s, lx->len, start, fail_end, msg);
	}
	return finish_number(lx, start, end, TOK_INTEGER);
}

unsigned
xl_radix_of_prefix(char c)
{
	switch (c | 0x20)
	{
		case 'x':
			return 16;
		case 'o':
			return 8;
		case 'b':
			return 2;
		default:
			return 0;
	}
}

/* decinteger, numeric (1.5, .5, 5.) and real (1e10) as scan.l. */
static bool
lex_number(Lexer *lx)
{
	const char *s = lx->src;
	size_t		len = lx->len;
	size_t		start = lx->pos;
	size_t		p;
	TokenKind	kind = TOK_INTEGER;

	if (s[start] == '0' && start + 1 < len && xl_radix_of_prefix(s[start + 1]) != 0)
		return lex_prefixed_integer(lx, xl_radix_of_prefix(s[start + 1]));

	p = scan_digits(s, len, start, 10, false);
	if (p < len && s[p] == '.')
	{
		/* "1..": the integer, then ".." (numericfail) */
		if (p > start && p + 1 < len && s[p + 1] == '.')
			return finish_number(lx, start, p, TOK_INTEGER);
		p = scan_digits(s, len, p + 1, 10, false);
		kind = TOK_NUMERIC;
	}
	if (p < len && (s[p] | 0x20) == 'e')
	{
		size_t		q = p + 1;
		bool		sign = q < len && (s[q] == '+' || s[q] == '-');
		size_t		e;

		if (sign)
			q++;
		e = scan_digits(s, len, q, 10, false);
		if (e > q)
		{
			p = e;
			kind = TOK_NUMERIC;
		}
		else if (sign)			/* realfail */
			return xl_error_near(lx->err, s, len, start, q,
								 "trailing junk after numeric literal");
	}
	return finish_number(lx, start, p, kind);
}

/*
 * A run of operator characters, cut before an embedded comment start, and
 * without trailing '+'/'-' unless the operator has a character SQL's own
 * operators never use (so "=-" is "=" then "-", but "@-" is one operator).
 */
static bool
lex_operator(Lexer *lx)
{
	const char *s = lx->src;
	size_t		start = lx->pos;
	size_t		end = start + 1;
	size_t		n;

	while (end < lx->len && is_op_char((unsigned char) s[end]))
	{
		if ((s[end - 1] == '-' && s[end] == '-') || (s[end - 1] == '/' && s[end] == '*'))
		{
			end--;
			break;
		}
		end++;
	}
	n = end - start;
	if (n > 1 && (s[start + n - 1] == '+' || s[start + n - 1] == '-'))
	{
		bool		keep = false;

		for (size_t i = 0; i < n - 1 && !keep; i++)
			keep = is_non_sql_op_char((unsigned char) s[start + i]);
		while (!keep && n > 1 && (s[start + n - 1] == '+' || s[start + n - 1] == '-'))
			n--;
	}
	if (n >= NAMEDATALEN)
		return xl_error_near(lx->err, s, lx->len, start, start + n, "operator too long");
	return push_token(lx, TOK_OPERATOR, start, start + n, 0);
}

/* An identifier, or one of the prefixed literals B'' X'' N'' E'' U&'' U&"". */
static bool
lex_word(Lexer *lx)
{
	const char *s = lx->src;
	size_t		start = lx->pos;
	size_t		len = lx->len;
	char		c1 = start + 1 < len ? s[start + 1] : '\0';
	char		c2 = start + 2 < len ? s[start + 2] : '\0';
	size_t		end;

	switch (s[start] | 0x20)
	{
		case 'b':
		case 'x':
			if (c1 == '\'')
				return lex_string(lx, start, start + 2, QS_BITS);
			break;
		case 'e':
			if (c1 == '\'')
				return lex_string(lx, start, start + 2, QS_EXTENDED);
			break;
		case 'n':
			if (c1 == '\'')
				return lex_string(lx, start, start + 2, QS_PLAIN);
			break;
		case 'u':
			if (c1 == '&' && c2 == '\'')
				return lex_string(lx, start, start + 3, QS_UNICODE);
			if (c1 == '&' && c2 == '"')
				return lex_quoted_ident(lx, start, start + 3, true);
			break;
		default:
			break;
	}
	for (end = start + 1; end < len && is_ident_cont((unsigned char) s[end]); end++)
		;
	return push_token(lx, TOK_IDENT, start, end, 0);
}

static bool
lex_token(Lexer *lx)
{
	const char *s = lx->src;
	size_t		p = lx->pos;
	unsigned char c = (unsigned char) s[p];
	char		c1 = p + 1 < lx->len ? s[p + 1] : '\0';

	switch (c)
	{
		case '\'':
			return lex_string(lx, p, p + 1, QS_PLAIN);
		case '"':
			return lex_quoted_ident(lx, p, p + 1, false);
		case '$':
			return lex_dollar(lx);
		case '(':
			return push_token(lx, TOK_LPAREN, p, p + 1, 0);
		case ')':
			return push_token(lx, TOK_RPAREN, p, p + 1, 0);
		case '[':
			return push_token(lx, TOK_LBRACKET, p, p + 1, 0);
		case ']':
			return push_token(lx, TOK_RBRACKET, p, p + 1, 0);
		case ',':
			return push_token(lx, TOK_COMMA, p, p + 1, 0);
		case ';':
			return push_token(lx, TOK_SEMICOLON, p, p + 1, 0);
		case ':':
			if (c1 == ':')
				return push_token(lx, TOK_TYPECAST, p, p + 2, 0);
			if (c1 == '=')
				return push_token(lx, TOK_OPERATOR, p, p + 2, 0);
			return push_token(lx, TOK_COLON, p, p + 1, 0);
		case '.':
			if (is_digit((unsigned char) c1))
				return lex_number(lx);
			if (c1 == '.')
				return push_token(lx, TOK_OPERATOR, p, p + 2, 0);
			return push_token(lx, TOK_DOT, p, p + 1, 0);
		default:
			break;
	}
	if (is_digit(c))
		return lex_number(lx);
	if (is_ident_start(c))
		return lex_word(lx);
	if (is_op_char(c))
		return lex_operator(lx);
	/* scan.l's {other}: a character the grammar will reject, e.g. '{' or '\' */
	return push_token(lx, TOK_OPERATOR, p, p + 1, 0);
}

bool
xl_lex(const char *src, size_t len, TokenList *list, PgError *err)
{
	Lexer		lx;
	const char *nul;
	bool		ok = true;

	if (len > UINT32_MAX)
	{
		pgerr_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "query string is too long");
		return false;
	}
	nul = len > 0 ? memchr(src, '\0', len) : NULL;
	if (nul != NULL)
		return lex_error_at(err, ERRCODE_CHARACTER_NOT_IN_REPERTOIRE, src, (size_t) (nul - src),
						"invalid byte sequence for encoding \"UTF8\": 0x00");

	lx.src = src;
	lx.len = len;
	lx.pos = 0;
	lx.list = list;
	lx.err = err;
	buf_init(&lx.scratch);
	for (;;)
	{
		if (!skip_blanks(src, len, &lx.pos))
		{
			ok = xl_error_near(err, src, len, lx.pos, len, "unterminated /* comment");
			break;
		}
		if (lx.pos >= len)
			break;
		if (!lex_token(&lx))
		{
			ok = false;
			break;
		}
	}
	buf_free(&lx.scratch);
	return ok;
}
