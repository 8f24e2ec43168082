/*
 * lexer_values.c
 *		The values of identifier and string tokens, as PostgreSQL's scanner
 *		decodes them: quote undoubling, E'' backslash escapes, U&'' and
 *		U&"" escapes with UESCAPE, and the errors (SQLSTATE and position)
 *		PostgreSQL raises for bad ones.
 *
 * Decoded text goes into caller-owned Bufs; nothing is kept.
 */
#include "translate/lexer_internal.h"

#include "common/utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- decoding literal values ---- */

static void
append_utf8(Buf *out, uint32_t cp)
{
	uint8_t		b[4];
	size_t		n;

	if (cp < 0x80)
	{
		b[0] = (uint8_t) cp;
		n = 1;
	}
	else if (cp < 0x800)
	{
		b[0] = (uint8_t) (0xC0 | (cp >> 6));
		b[1] = (uint8_t) (0x80 | (cp & 0x3F));
		n = 2;
	}
	else if (cp < 0x10000)
	{
		b[0] = (uint8_t) (0xE0 | (cp >> 12));
		b[1] = (uint8_t) (0x80 | ((cp >> 6) & 0x3F));
		b[2] = (uint8_t) (0x80 | (cp & 0x3F));
		n = 3;
	}
	else
	{
		b[0] = (uint8_t) (0xF0 | (cp >> 18));
		b[1] = (uint8_t) (0x80 | ((cp >> 12) & 0x3F));
		b[2] = (uint8_t) (0x80 | ((cp >> 6) & 0x3F));
		b[3] = (uint8_t) (0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_append(out, b, n);
}

static inline bool
is_surrogate_first(uint32_t c)
{
	return c >= 0xD800 && c <= 0xDBFF;
}

static inline bool
is_surrogate_second(uint32_t c)
{
	return c >= 0xDC00 && c <= 0xDFFF;
}

static inline uint32_t
surrogate_pair(uint32_t first, uint32_t second)
{
	return ((first & 0x3FF) << 10) + 0x10000 + (second & 0x3FF);
}

static inline bool
is_valid_code_point(uint32_t c)
{
	return c > 0 && c <= 0x10FFFF;
}

/* Read n hex digits at s[p..limit); false if there are fewer. */
static bool
read_hex(const char *s, size_t limit, size_t p, int n, uint32_t *value)
{
	uint32_t	v = 0;

	if (limit - p < (size_t) n)
		return false;
	for (int i = 0; i < n; i++)
	{
		unsigned	d = lex_hex_value((unsigned char) s[p + i]);

		if (d == 16)
			return false;
		v = (v << 4) | d;
	}
	*value = v;
	return true;
}

/* Append a byte from an octal or hex escape, noting bytes that need a UTF-8 check. */
static void
append_escaped_byte(Buf *out, unsigned value, bool *check_utf8)
{
	uint8_t		b = (uint8_t) (value & 0xFF);

	if (b == 0 || b >= 0x80)
		*check_utf8 = true;
	buf_append_byte(out, b);
}

/* scan.l's unescape_single_char() */
static uint8_t
unescape_single_char(uint8_t c)
{
	switch (c)
	{
		case 'b':
			return '\b';
		case 'f':
			return '\f';
		case 'n':
			return '\n';
		case 'r':
			return '\r';
		case 't':
			return '\t';
		default:
			return c;
	}
}

/*
 * Decode a \u or \U escape of an E'' literal at s[p] (the backslash);
 * *p moves past it. A first UTF-16 surrogate must be followed at once by
 * an escape of the second (scan.l's xeu state).
 */
static bool
decode_unicode_escape(const char *s, size_t limit, size_t *p, Buf *out, PgError *err)
{
	size_t		at = *p;
	int			ndigits = (s[at + 1] == 'u') ? 4 : 8;
	uint32_t	c;

	if (!read_hex(s, limit, at + 2, ndigits, &c))
	{
		lex_error_at(err, "22025", s, at, "invalid Unicode escape");
		pgerr_set_hint(err, "Unicode escapes must be \\uXXXX or \\UXXXXXXXX.");
		return false;
	}
	*p = at + 2 + (size_t) ndigits;
	if (is_surrogate_second(c))
		return xl_error_near(err, s, limit, at, *p, "invalid Unicode surrogate pair");
	if (is_surrogate_first(c))
	{
		size_t		second = *p;
		uint32_t	c2;

		if (second + 1 >= limit || s[second] != '\\' ||
			(s[second + 1] != 'u' && s[second + 1] != 'U'))
			return xl_error_near(err, s, limit, second, lex_char_end(s, limit, second),
								 "invalid Unicode surrogate pair");
		ndigits = (s[second + 1] == 'u') ? 4 : 8;
		if (!read_hex(s, limit, second + 2, ndigits, &c2))
		{
			lex_error_at(err, "22025", s, second, "invalid Unicode escape");
			pgerr_set_hint(err, "Unicode escapes must be \\uXXXX or \\UXXXXXXXX.");
			return false;
		}
		*p = second + 2 + (size_t) ndigits;
		if (!is_surrogate_second(c2))
			return xl_error_near(err, s, limit, second, *p, "invalid Unicode surrogate pair");
		c = surrogate_pair(c, c2);
	}
	if (!is_valid_code_point(c))
		return xl_error_near(err, s, limit, at, *p, "invalid Unicode escape value");
	append_utf8(out, c);
	return true;
}

/* Decode the backslash escape of an E'' literal at s[*p]. */
static bool
decode_backslash(const char *s, size_t limit, size_t *p, Buf *out, bool *check_utf8,
				 PgError *err)
{
	size_t		at = *p;
	uint8_t		c = (uint8_t) s[at + 1];

	if (c >= '0' && c <= '7')
	{
		unsigned	v = 0;
		size_t		q = at + 1;

		while (q < limit && q < at + 4 && s[q] >= '0' && s[q] <= '7')
			v = v * 8 + (unsigned) (s[q++] - '0');
		append_escaped_byte(out, v, check_utf8);
		*p = q;
		return true;
	}
	if (c == 'x' && at + 2 < limit && lex_hex_value((unsigned char) s[at + 2]) < 16)
	{
		unsigned	v = lex_hex_value((unsigned char) s[at + 2]);
		size_t		q = at + 3;

		if (q < limit && lex_hex_value((unsigned char) s[q]) < 16)
			v = v * 16 + lex_hex_value((unsigned char) s[q++]);
		append_escaped_byte(out, v, check_utf8);
		*p = q;
		return true;
	}
	if (c == 'u' || c == 'U')
		return decode_unicode_escape(s, limit, p, out, err);
	if (c >= 0x80)
		*check_utf8 = true;
	buf_append_byte(out, unescape_single_char(c));
	*p = at + 2;
	return true;
}

/*
 * Decode one segment of a literal starting at *p, up to its closing quote
 * (where *p is left). The literal is known to be well formed.
 */
static bool
decode_segment(const char *s, size_t limit, size_t *p, QuoteStyle style, Buf *out,
			   bool *check_utf8, PgError *err)
{
	size_t		q = *p;

	for (;;)
	{
		size_t		run = q;

		while (run < limit && s[run] != '\'' && !(s[run] == '\\' && style == QS_EXTENDED))
			run++;
		buf_append(out, s + q, run - q);
		q = run;
		if (q >= limit)
			break;
		if (style == QS_EXTENDED && s[q] == '\\')
		{
			if (!decode_backslash(s, limit, &q, out, check_utf8, err))
				return false;
			continue;
		}
		if (style != QS_BITS && q + 1 < limit && s[q + 1] == '\'')
		{
			buf_append_byte(out, '\'');
			q += 2;
			continue;
		}
		break;
	}
	*p = q;
	return true;
}

/*
 * Decode the segments of the literal at s[start..limit) whose first body
 * starts at pos. Returns the offset just past the last closing quote in
 * *after.
 */
static bool
decode_segments(const char *s, size_t start, size_t limit, size_t pos, QuoteStyle style,
				Buf *out, size_t *after, PgError *err)
{
	size_t		from = out->len;
	bool		check_utf8 = false;
	size_t		next;

	for (;;)
	{
		if (!decode_segment(s, limit, &pos, style, out, &check_utf8, err))
			return false;
		pos++;					/* the closing quote */
		if (!lex_continuation_quote(s, limit, pos, &next))
			break;
		pos = next + 1;
	}
	*after = pos;
	if (buf_failed(out))
		return lex_out_of_memory(err);
	if (check_utf8 && !utf8_check(out->data + from, out->len - from, err))
	{
		err->position = xl_char_position(s, start);
		return false;
	}
	return true;
}

/*
 * Replace the escapes of a U& literal whose undoubled, concatenated body
 * is raw (PostgreSQL's str_udeescape()). Positions point at the escape,
 * counted as PostgreSQL does: from the token start plus 3 for "U&'".
 */
static bool
unicode_unescape(const Buf *raw, char esc, const char *src, size_t base, Buf *out,
				 PgError *err)
{
	const char *in = raw->data ? raw->data : "";
	size_t		n = raw->len;
	size_t		i = 0;
	uint32_t	pair_first = 0;

	while (i < n)
	{
		uint32_t	c;
		size_t		at = i;

		if (in[i] != esc)
		{
			if (pair_first)
				return lex_error_at(err, ERRCODE_SYNTAX_ERROR, src, base + i, "invalid Unicode surrogate pair");
			buf_append_byte(out, (uint8_t) in[i++]);
			continue;
		}
		if (i + 1 < n && in[i + 1] == esc)
		{
			if (pair_first)
				return lex_error_at(err, ERRCODE_SYNTAX_ERROR, src, base + i, "invalid Unicode surrogate pair");
			buf_append_byte(out, (uint8_t) esc);
			i += 2;
			continue;
		}
		if (read_hex(in, n, i + 1, 4, &c))
			i += 5;
		else if (i + 1 < n && in[i + 1] == '+' && read_hex(in, n, i + 2, 6, &c))
			i += 8;
		else
		{
			lex_error_at(err, ERRCODE_SYNTAX_ERROR, src, base + at, "invalid Unicode escape");
			pgerr_set_hint(err, "Unicode escapes must be \\XXXX or \\+XXXXXX.");
			return false;
		}
		if (!is_valid_code_point(c))
			return lex_error_at(err, ERRCODE_SYNTAX_ERROR, src, base + at, "invalid Unicode escape value");
		if (pair_first)
		{
			if (!is_surrogate_second(c))
				return lex_error_at(err, ERRCODE_SYNTAX_ERROR, src, base + at, "invalid Unicode surrogate pair");
			c = surrogate_pair(pair_first, c);
			pair_first = 0;
		}
		else if (is_surrogate_second(c))
			return lex_error_at(err, ERRCODE_SYNTAX_ERROR, src, base + at, "invalid Unicode surrogate pair");
		if (is_surrogate_first(c))
			pair_first = c;
		else
			append_utf8(out, c);
	}
	if (pair_first)
		return lex_error_at(err, ERRCODE_SYNTAX_ERROR, src, base + i, "invalid Unicode surrogate pair");
	if (buf_failed(out))
		return lex_out_of_memory(err);
	return true;
}

/*
 * Decode a U& literal (string if quote is '\'', identifier if '"') at
 * src[start..end): undouble its quotes, read UESCAPE, replace escapes.
 */
static bool
decode_unicode_literal(const char *src, size_t start, size_t end, char quote, Buf *out,
					   PgError *err)
{
	Buf			raw;
	size_t		after;
	size_t		uend;
	char		esc;
	bool		ok;

	buf_init(&raw);
	if (quote == '"')
	{
		size_t		close = lex_qident_end(src, end, start + 3);

		for (size_t p = start + 3; p < close; p++)
		{
			buf_append_byte(&raw, (uint8_t) src[p]);
			if (src[p] == '"')
				p++;
		}
		after = close + 1;
		ok = true;
	}
	else
		ok = decode_segments(src, start, end, start + 3, QS_PLAIN, &raw, &after, err);

	ok = ok && lex_parse_uescape(src, end, after, &uend, &esc, err);
	if (ok && buf_failed(&raw))
		ok = lex_out_of_memory(err);
	ok = ok && unicode_unescape(&raw, esc, src, start + 3, out, err);
	buf_free(&raw);
	return ok;
}

/* The quoting of a TOK_STRING and the offset of its body from the token start. */
static QuoteStyle
string_style(const char *s, size_t *body)
{
	switch (s[0] | 0x20)
	{
		case 'e':
			*body = 2;
			return QS_EXTENDED;
		case 'n':
			*body = 2;
			return QS_PLAIN;
		case 'b':
		case 'x':
			*body = 2;
			return QS_BITS;
		case 'u':
			*body = 3;
			return QS_UNICODE;
		default:
			*body = 1;
			return QS_PLAIN;
	}
}

bool
lex_decode_string_token(const char *src, const Token *tok, Buf *out, PgError *err)
{
	size_t		start = tok->start;
	size_t		end = xl_token_end(tok);
	size_t		body;
	size_t		after;
	QuoteStyle	style = string_style(src + start, &body);

	if (style == QS_UNICODE)
		return decode_unicode_literal(src, start, end, '\'', out, err);
	return decode_segments(src, start, end, start + body, style, out, &after, err);
}

static bool
not_a(PgError *err, const char *what)
{
	pgerr_set(err, ERRCODE_INTERNAL_ERROR, "token is not %s", what);
	return false;
}

bool
xl_string_value(const char *src, const Token *tok, Buf *out, PgError *err)
{
	const char *s = src + tok->start;

	if (tok->kind == TOK_STRING)
		return lex_decode_string_token(src, tok, out, err);
	if (tok->kind == TOK_DOLLAR_STRING)
	{
		const char *close = memchr(s + 1, '$', tok->len - 1);
		size_t		delim = (size_t) (close - s) + 1;

		buf_append(out, s + delim, tok->len - 2 * delim);
		return buf_failed(out) ? lex_out_of_memory(err) : true;
	}
	return not_a(err, "a string constant");
}

bool
xl_ident_value(const char *src, const Token *tok, Buf *out, PgError *err)
{
	const char *s = src + tok->start;

	if (tok->kind == TOK_IDENT)
	{
		for (size_t i = 0; i < tok->len; i++)
		{
			unsigned char c = (unsigned char) s[i];

			buf_append_byte(out, (c >= 'A' && c <= 'Z') ? (uint8_t) (c + 'a' - 'A') : c);
		}
	}
	else if (tok->kind == TOK_QIDENT && s[0] == '"')
	{
		size_t		close = lex_qident_end(s, tok->len, 1);

		for (size_t i = 1; i < close; i++)
		{
			buf_append_byte(out, (uint8_t) s[i]);
			if (s[i] == '"')
				i++;
		}
	}
	else if (tok->kind == TOK_QIDENT)
		return decode_unicode_literal(src, tok->start, xl_token_end(tok), '"', out, err);
	else
		return not_a(err, "an identifier");
	return buf_failed(out) ? lex_out_of_memory(err) : true;
}

bool
xl_folded_equal(const char *s, size_t len, const char *kw)
{
	for (size_t k = 0; k < len; k++)
	{
		if (s[k] != kw[k])
			return false;
	}
	return kw[len] == '\0';
}

bool
xl_is_keyword(const char *src, const Token *tok, const char *keyword)
{
	const char *s = src + tok->start;

	if (tok->kind != TOK_IDENT)
		return false;
	for (size_t i = 0; i < tok->len; i++)
	{
		unsigned char a = (unsigned char) s[i];
		unsigned char b = (unsigned char) keyword[i];

		if (b == '\0')
			return false;
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char) (a + 'a' - 'A');
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char) (b + 'a' - 'A');
		if (a != b)
			return false;
	}
	return keyword[tok->len] == '\0';
}
