/*
 * check_lexer.c
 *		Unit tests for translate/lexer.c: tokens, values and errors of
 *		PostgreSQL's lexical grammar.
 *
 * Each test lexes a query and asserts what PostgreSQL 16 would see: token
 * kinds and byte ranges, decoded values, or the exact error message,
 * SQLSTATE and cursor position.
 */
#include "translate/lexer.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

typedef struct Lexed
{
	const char *src;
	TokenList	list;
	PgError		err;
	bool		ok;
} Lexed;

static Lexed
lex(const char *src)
{
	Lexed		l;

	l.src = src;
	xl_tokens_init(&l.list);
	pgerr_clear(&l.err);
	l.ok = xl_lex(src, strlen(src), &l.list, &l.err);
	return l;
}

static void
done(Lexed *l)
{
	xl_tokens_free(&l->list);
}

/* Lex src, which must succeed, into a list the caller frees with done(). */
static Lexed
lex_ok(const char *src)
{
	Lexed		l = lex(src);

	ck_assert_msg(l.ok, "lexing <%s> failed: %s", src, l.err.message);
	return l;
}

/* Assert token i has this kind and covers the text `text` at byte offset start. */
static void
assert_token(const Lexed *l, size_t i, TokenKind kind, uint32_t start, const char *text)
{
	const Token *t;

	ck_assert_msg(i < l->list.count, "<%s>: no token %zu (only %zu)", l->src, i, l->list.count);
	t = &l->list.tokens[i];
	ck_assert_msg(t->kind == kind, "<%s> token %zu: kind %d, expected %d", l->src, i,
				  (int) t->kind, (int) kind);
	ck_assert_uint_eq(t->start, start);
	ck_assert_uint_eq(t->len, strlen(text));
	ck_assert_msg(memcmp(l->src + t->start, text, t->len) == 0, "<%s> token %zu is <%.*s>",
				  l->src, i, (int) t->len, l->src + t->start);
}

/* Assert the sequence of token kinds of src, terminated by -1. */
static void
assert_kinds(const char *src, const int *kinds)
{
	Lexed		l = lex_ok(src);
	size_t		n = 0;

	while (kinds[n] >= 0)
	{
		ck_assert_msg(n < l.list.count, "<%s>: missing token %zu", src, n);
		ck_assert_msg((int) l.list.tokens[n].kind == kinds[n], "<%s> token %zu: kind %d, expected %d",
					  src, n, (int) l.list.tokens[n].kind, kinds[n]);
		n++;
	}
	ck_assert_msg(l.list.count == n, "<%s>: %zu tokens, expected %zu", src, l.list.count, n);
	done(&l);
}

/* Assert that lexing src fails with this error. */
static void
assert_lex_error(const char *src, const char *sqlstate, const char *message, int position)
{
	Lexed		l = lex(src);

	ck_assert_msg(!l.ok, "<%s> lexed without error", src);
	ck_assert_str_eq(l.err.sqlstate, sqlstate);
	ck_assert_str_eq(l.err.message, message);
	ck_assert_int_eq(l.err.position, position);
	done(&l);
}

/* Value of token i (string or identifier) of src. */
static void
assert_value(const char *src, size_t i, const char *expected)
{
	Lexed		l = lex_ok(src);
	Buf			out;
	const Token *t;
	bool		ok;
	PgError		err;

	ck_assert_msg(i < l.list.count, "<%s>: no token %zu", src, i);
	t = &l.list.tokens[i];
	buf_init(&out);
	pgerr_clear(&err);
	if (t->kind == TOK_IDENT || t->kind == TOK_QIDENT)
		ok = xl_ident_value(src, t, &out, &err);
	else
		ok = xl_string_value(src, t, &out, &err);
	ck_assert_msg(ok, "<%s>: value failed: %s", src, err.message);
	ck_assert_str_eq(out.data ? out.data : "", expected);
	buf_free(&out);
	done(&l);
}

/* ---- identifiers and keywords ---- */

START_TEST(test_identifiers)
{
	Lexed		l = lex_ok("SELECT _x1, a$b$, \xc3\x9c" "ber FROM t9");

	assert_token(&l, 0, TOK_IDENT, 0, "SELECT");
	assert_token(&l, 1, TOK_IDENT, 7, "_x1");
	assert_token(&l, 2, TOK_COMMA, 10, ",");
	assert_token(&l, 3, TOK_IDENT, 12, "a$b$");
	assert_token(&l, 4, TOK_COMMA, 16, ",");
	assert_token(&l, 5, TOK_IDENT, 18, "\xc3\x9c" "ber");
	assert_token(&l, 6, TOK_IDENT, 24, "FROM");
	assert_token(&l, 7, TOK_IDENT, 29, "t9");
	ck_assert_uint_eq(l.list.count, 8);
	done(&l);

	/* only ASCII letters are down-cased, as PostgreSQL does in UTF8 */
	assert_value("MiXeD", 0, "mixed");
	assert_value("\xc3\x9c" "BER", 0, "\xc3\x9c" "ber");
}
END_TEST

START_TEST(test_keywords)
{
	Lexed		l = lex_ok("SeLeCt \"select\" sel selection");

	ck_assert(xl_is_keyword(l.src, &l.list.tokens[0], "select"));
	ck_assert(xl_is_keyword(l.src, &l.list.tokens[0], "SELECT"));
	ck_assert(!xl_is_keyword(l.src, &l.list.tokens[1], "select"));	/* quoted */
	ck_assert(!xl_is_keyword(l.src, &l.list.tokens[2], "select"));	/* prefix */
	ck_assert(!xl_is_keyword(l.src, &l.list.tokens[3], "select"));	/* longer */
	done(&l);
}
END_TEST

START_TEST(test_quoted_identifiers)
{
	Lexed		l = lex_ok("x.\"My \"\"Table\"\"\"");

	assert_token(&l, 0, TOK_IDENT, 0, "x");
	assert_token(&l, 1, TOK_DOT, 1, ".");
	assert_token(&l, 2, TOK_QIDENT, 2, "\"My \"\"Table\"\"\"");
	done(&l);
	assert_value("\"My \"\"Table\"\"\"", 0, "My \"Table\"");
	assert_value("\"MiXeD\"", 0, "MiXeD");
	assert_value("\"a;b--c\"", 0, "a;b--c");
}
END_TEST

START_TEST(test_unicode_identifiers)
{
	Lexed		l = lex_ok("U&\"d!0061t!+000061\" UESCAPE '!' , u&\"x\"");

	/* the UESCAPE clause belongs to the token */
	assert_token(&l, 0, TOK_QIDENT, 0, "U&\"d!0061t!+000061\" UESCAPE '!'");
	assert_token(&l, 1, TOK_COMMA, 32, ",");
	assert_token(&l, 2, TOK_QIDENT, 34, "u&\"x\"");
	done(&l);
	assert_value("U&\"d\\0061t\\+000061\"", 0, "data");
	assert_value("U&\"d!0061t!+000061\" UESCAPE '!'", 0, "data");
	assert_value("U&\"a\\\\b\"", 0, "a\\b");
	assert_value("U&\"\\00e9\"", 0, "\xc3\xa9");
	/* U& not followed by a quote is the identifier u and the operator & */
	assert_kinds("U&x", (const int[]) {TOK_IDENT, TOK_OPERATOR, TOK_IDENT, -1});
}
END_TEST

/* ---- string constants ---- */

START_TEST(test_plain_strings)
{
	Lexed		l = lex_ok("SELECT 'it''s', ''");

	assert_token(&l, 1, TOK_STRING, 7, "'it''s'");
	assert_token(&l, 3, TOK_STRING, 16, "''");
	done(&l);
	assert_value("'it''s'", 0, "it's");
	assert_value("''", 0, "");
	/* backslashes are ordinary characters with standard_conforming_strings */
	assert_value("'a\\nb\\'", 0, "a\\nb\\");
	assert_value("'a;b'", 0, "a;b");
	assert_value("N'national'", 0, "national");
}
END_TEST

START_TEST(test_string_continuation)
{
	Lexed		l = lex_ok("SELECT 'a'\n'b' , 'c' 'd'");

	/* whitespace with a newline joins, without a newline it does not */
	assert_token(&l, 1, TOK_STRING, 7, "'a'\n'b'");
	assert_token(&l, 2, TOK_COMMA, 15, ",");
	assert_token(&l, 3, TOK_STRING, 17, "'c'");
	assert_token(&l, 4, TOK_STRING, 21, "'d'");
	done(&l);

	assert_value("'a'\n'b'", 0, "ab");
	assert_value("'a'  -- note\n  'b'\r\n'c'", 0, "abc");
	assert_value("'a' --x\n--y\n'b'", 0, "ab");
	assert_value("E'\\t'\n'\\n'", 0, "\t\n");	/* continues in E'' mode */
	assert_value("X'1F'\n'2a'", 0, "1F2a");
	/* a slash-star comment breaks the continuation */
	assert_kinds("'a' /* c */\n'b'", (const int[]) {TOK_STRING, TOK_STRING, -1});
	assert_kinds("'a'\n/* c */'b'", (const int[]) {TOK_STRING, TOK_STRING, -1});
}
END_TEST

START_TEST(test_escape_strings)
{
	assert_value("E'a\\nb\\tc\\bd\\fe\\rf'", 0, "a\nb\tc\bd\fe\rf");
	assert_value("E'\\\\ \\' '' \\q'", 0, "\\ ' ' q");
	assert_value("e'\\101\\x41\\x4a\\7'", 0, "AAJ\a");
	assert_value("E'\\u00e9\\U0001F600'", 0, "\xc3\xa9\xf0\x9f\x98\x80");
	assert_value("E'\\uD83D\\uDE00'", 0, "\xf0\x9f\x98\x80");	/* surrogate pair */
	assert_value("E'\\xc3\\xa9'", 0, "\xc3\xa9");	/* bytes forming valid UTF-8 */
	assert_value("E'\\x'", 0, "x");	/* \x without digits is just x */

	/* a backslash-quote does not end an E'' string */
	{
		Lexed		l = lex_ok("E'\\'' x");

		assert_token(&l, 0, TOK_STRING, 0, "E'\\''");
		assert_token(&l, 1, TOK_IDENT, 6, "x");
		done(&l);
	}
}
END_TEST

START_TEST(test_unicode_strings)
{
	Lexed		l = lex_ok("U&'d!0061t' UESCAPE /* c */ '!' x");

	assert_token(&l, 0, TOK_STRING, 0, "U&'d!0061t' UESCAPE /* c */ '!'");
	assert_token(&l, 1, TOK_IDENT, 32, "x");
	done(&l);
	assert_value("U&'d\\0061t\\+000061'", 0, "data");
	assert_value("U&'d!0061t' UESCAPE '!'", 0, "dat");
	assert_value("U&'\\D83D\\DE00'", 0, "\xf0\x9f\x98\x80");
	assert_value("U&'it''s \\\\'", 0, "it's \\");
	assert_value("u&'a'\n'\\0062'", 0, "ab");
	/* only the whole word UESCAPE introduces the clause */
	assert_kinds("U&'a' uescaped", (const int[]) {TOK_STRING, TOK_IDENT, -1});
}
END_TEST

START_TEST(test_bit_strings)
{
	Lexed		l = lex_ok("B'101' x'1F' B'1''0'");

	assert_token(&l, 0, TOK_STRING, 0, "B'101'");
	assert_token(&l, 1, TOK_STRING, 7, "x'1F'");
	/* no quote doubling in bit strings: B'1' then '0' */
	assert_token(&l, 2, TOK_STRING, 13, "B'1'");
	assert_token(&l, 3, TOK_STRING, 17, "'0'");
	done(&l);
	assert_value("B'101'", 0, "101");
	assert_value("X'dead'", 0, "dead");
}
END_TEST

START_TEST(test_dollar_strings)
{
	Lexed		l = lex_ok("SELECT $$a'b;c$$, $fn$ $$ $x$ $fn$, $1 , $_a1$z$_a1$");

	assert_token(&l, 1, TOK_DOLLAR_STRING, 7, "$$a'b;c$$");
	assert_token(&l, 3, TOK_DOLLAR_STRING, 18, "$fn$ $$ $x$ $fn$");
	assert_token(&l, 5, TOK_PARAM, 36, "$1");
	assert_token(&l, 7, TOK_DOLLAR_STRING, 41, "$_a1$z$_a1$");
	ck_assert_int_eq(l.list.tokens[5].param, 1);
	done(&l);
	assert_value("$$a'b;c$$", 0, "a'b;c");
	assert_value("$fn$ $$ $x$ $fn$", 0, " $$ $x$ ");
	assert_value("$$$$", 0, "");
	assert_value("$a$\\n$a$", 0, "\\n");
	/* $ inside an identifier is part of it; a lone $ is a character token */
	assert_kinds("a$$b$$", (const int[]) {TOK_IDENT, -1});
	assert_kinds("$abc", (const int[]) {TOK_OPERATOR, TOK_IDENT, -1});
	/* a tag cannot start with a digit: $1$ is a parameter then a $ */
	assert_kinds("$1$", (const int[]) {TOK_PARAM, TOK_OPERATOR, -1});
}
END_TEST

/* ---- numbers and parameters ---- */

START_TEST(test_numbers)
{
	Lexed		l = lex_ok("42 1e10 .5 5. 1.5E-3 0x1F 0o17 0b101 1_000 0X_ff 1.2e+5");

	assert_token(&l, 0, TOK_INTEGER, 0, "42");
	assert_token(&l, 1, TOK_NUMERIC, 3, "1e10");
	assert_token(&l, 2, TOK_NUMERIC, 8, ".5");
	assert_token(&l, 3, TOK_NUMERIC, 11, "5.");
	assert_token(&l, 4, TOK_NUMERIC, 14, "1.5E-3");
	assert_token(&l, 5, TOK_INTEGER, 21, "0x1F");
	assert_token(&l, 6, TOK_INTEGER, 26, "0o17");
	assert_token(&l, 7, TOK_INTEGER, 31, "0b101");
	assert_token(&l, 8, TOK_INTEGER, 37, "1_000");
	assert_token(&l, 9, TOK_INTEGER, 43, "0X_ff");
	assert_token(&l, 10, TOK_NUMERIC, 49, "1.2e+5");
	ck_assert_uint_eq(l.list.count, 11);
	done(&l);

	/* "1..2" is 1, "..", 2 (numericfail) */
	l = lex_ok("1..2");
	assert_token(&l, 0, TOK_INTEGER, 0, "1");
	assert_token(&l, 1, TOK_OPERATOR, 1, "..");
	assert_token(&l, 2, TOK_INTEGER, 3, "2");
	done(&l);

	/* a digit of the wrong base ends the number */
	l = lex_ok("0b102");
	assert_token(&l, 0, TOK_INTEGER, 0, "0b10");
	assert_token(&l, 1, TOK_INTEGER, 4, "2");
	done(&l);

	assert_kinds("a.b 1.5.5", (const int[]) {TOK_IDENT, TOK_DOT, TOK_IDENT, TOK_NUMERIC, TOK_NUMERIC, -1});
	assert_kinds("t.1", (const int[]) {TOK_IDENT, TOK_NUMERIC, -1});
}
END_TEST

START_TEST(test_params)
{
	Lexed		l = lex_ok("$1 + $23");

	assert_token(&l, 0, TOK_PARAM, 0, "$1");
	assert_token(&l, 1, TOK_OPERATOR, 3, "+");
	assert_token(&l, 2, TOK_PARAM, 5, "$23");
	ck_assert_int_eq(l.list.tokens[0].param, 1);
	ck_assert_int_eq(l.list.tokens[2].param, 23);
	done(&l);
}
END_TEST

/* ---- operators and punctuation ---- */

START_TEST(test_operators)
{
	Lexed		l = lex_ok("a<>b!=c->>d<=>e@-1");

	assert_token(&l, 1, TOK_OPERATOR, 1, "<>");
	assert_token(&l, 3, TOK_OPERATOR, 4, "!=");
	assert_token(&l, 5, TOK_OPERATOR, 7, "->>");
	assert_token(&l, 7, TOK_OPERATOR, 11, "<=>");
	/* @- keeps its '-': it has a character SQL operators never use */
	assert_token(&l, 9, TOK_OPERATOR, 15, "@-");
	assert_token(&l, 10, TOK_INTEGER, 17, "1");
	done(&l);

	/* "=-" is two operators, so "a=-1" compares with -1 */
	l = lex_ok("a=-1 b<=+-2");
	assert_token(&l, 1, TOK_OPERATOR, 1, "=");
	assert_token(&l, 2, TOK_OPERATOR, 2, "-");
	assert_token(&l, 5, TOK_OPERATOR, 6, "<=");
	assert_token(&l, 6, TOK_OPERATOR, 8, "+");
	assert_token(&l, 7, TOK_OPERATOR, 9, "-");
	done(&l);

	/* "--" and slash-star inside an operator start a comment */
	l = lex_ok("a+--c\n1 b*/*x*/2");
	assert_token(&l, 1, TOK_OPERATOR, 1, "+");
	assert_token(&l, 2, TOK_INTEGER, 6, "1");
	assert_token(&l, 4, TOK_OPERATOR, 9, "*");
	assert_token(&l, 5, TOK_INTEGER, 15, "2");
	ck_assert_uint_eq(l.list.count, 6);
	done(&l);

	l = lex_ok("a::int x := 1 f(a => 2) arr[1:2];");
	assert_token(&l, 1, TOK_TYPECAST, 1, "::");
	assert_token(&l, 4, TOK_OPERATOR, 9, ":=");
	assert_token(&l, 7, TOK_LPAREN, 15, "(");
	assert_token(&l, 9, TOK_OPERATOR, 18, "=>");
	assert_token(&l, 11, TOK_RPAREN, 22, ")");
	assert_token(&l, 13, TOK_LBRACKET, 27, "[");
	assert_token(&l, 15, TOK_COLON, 29, ":");
	assert_token(&l, 17, TOK_RBRACKET, 31, "]");
	assert_token(&l, 18, TOK_SEMICOLON, 32, ";");
	done(&l);

	/* characters the grammar rejects still make tokens, for the database to judge */
	assert_kinds("{fn now()} \\", (const int[]) {TOK_OPERATOR, TOK_IDENT, TOK_IDENT, TOK_LPAREN,
			TOK_RPAREN, TOK_OPERATOR, TOK_OPERATOR, -1});
}
END_TEST

START_TEST(test_comments)
{
	Lexed		l = lex_ok("/* a /* nested */ still */ x -- to end\ny --");

	assert_token(&l, 0, TOK_IDENT, 27, "x");
	assert_token(&l, 1, TOK_IDENT, 39, "y");
	ck_assert_uint_eq(l.list.count, 2);
	done(&l);

	l = lex_ok("/**/x/*/ y */z");
	assert_token(&l, 0, TOK_IDENT, 4, "x");
	assert_token(&l, 1, TOK_IDENT, 13, "z");
	ck_assert_uint_eq(l.list.count, 2);
	done(&l);

	l = lex_ok("  \t\r\n\f\v ");
	ck_assert_uint_eq(l.list.count, 0);
	done(&l);
}
END_TEST

/* ---- errors ---- */

START_TEST(test_unterminated)
{
	assert_lex_error("select 'abc", "42601", "unterminated quoted string at or near \"'abc\"", 8);
	assert_lex_error("select E'ab\\'", "42601", "unterminated quoted string at or near \"E'ab\\'\"", 8);
	assert_lex_error("select 'a'\n'b", "42601", "unterminated quoted string at or near \"'a'\n'b\"", 8);
	assert_lex_error("select /* x", "42601", "unterminated /* comment at or near \"/* x\"", 8);
	assert_lex_error("/* a /* b */", "42601", "unterminated /* comment at or near \"/* a /* b */\"", 1);
	assert_lex_error("select $$abc", "42601", "unterminated dollar-quoted string at or near \"$$abc\"", 8);
	assert_lex_error("select $a$x$b$", "42601", "unterminated dollar-quoted string at or near \"$a$x$b$\"", 8);
	assert_lex_error("select \"abc", "42601", "unterminated quoted identifier at or near \"\"abc\"", 8);
	assert_lex_error("select B'10", "42601", "unterminated bit string literal at or near \"B'10\"", 8);
	assert_lex_error("select x'1F", "42601", "unterminated hexadecimal string literal at or near \"x'1F\"", 8);
}
END_TEST

START_TEST(test_bad_tokens)
{
	assert_lex_error("select \"\"", "42601", "zero-length delimited identifier at or near \"\"\"\"", 8);
	assert_lex_error("select U&\"\"", "42601", "zero-length delimited identifier at or near \"U&\"\"\"", 8);
	assert_lex_error("select 123abc", "42601", "trailing junk after numeric literal at or near \"123a\"", 8);
	assert_lex_error("select 1.5x", "42601", "trailing junk after numeric literal at or near \"1.5x\"", 8);
	assert_lex_error("select 1e", "42601", "trailing junk after numeric literal at or near \"1e\"", 8);
	assert_lex_error("select 1e+", "42601", "trailing junk after numeric literal at or near \"1e+\"", 8);
	assert_lex_error("select 1__000", "42601", "trailing junk after numeric literal at or near \"1_\"", 8);
	assert_lex_error("select 100_", "42601", "trailing junk after numeric literal at or near \"100_\"", 8);
	assert_lex_error("select 0x1g", "42601", "trailing junk after numeric literal at or near \"0x1g\"", 8);
	assert_lex_error("select 0x", "42601", "invalid hexadecimal integer at or near \"0x\"", 8);
	assert_lex_error("select 0o_", "42601", "invalid octal integer at or near \"0o_\"", 8);
	assert_lex_error("select 0b2", "42601", "invalid binary integer at or near \"0b\"", 8);
	assert_lex_error("select $1a", "42601", "trailing junk after parameter at or near \"$1a\"", 8);
	assert_lex_error("select $3000000000", "42601",
					 "parameter number too large at or near \"$3000000000\"", 8);
	assert_lex_error("select 1 @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 2",
					 "42601", "operator too long at or near "
					 "\"@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\"", 10);
}
END_TEST

START_TEST(test_bad_escapes)
{
	Lexed		l;

	l = lex("select E'\\u12'");
	ck_assert(!l.ok);
	ck_assert_str_eq(l.err.sqlstate, "22025");
	ck_assert_str_eq(l.err.message, "invalid Unicode escape");
	ck_assert_str_eq(l.err.hint, "Unicode escapes must be \\uXXXX or \\UXXXXXXXX.");
	ck_assert_int_eq(l.err.position, 10);
	done(&l);

	assert_lex_error("select E'\\u0000'", "42601", "invalid Unicode escape value at or near \"\\u0000\"", 10);
	assert_lex_error("select E'\\U00110000'", "42601",
					 "invalid Unicode escape value at or near \"\\U00110000\"", 10);
	assert_lex_error("select E'\\uD800'", "42601", "invalid Unicode surrogate pair at or near \"'\"", 16);
	assert_lex_error("select E'\\uDC00'", "42601", "invalid Unicode surrogate pair at or near \"\\uDC00\"", 10);
	assert_lex_error("select E'\\uD800\\u0041'", "42601",
					 "invalid Unicode surrogate pair at or near \"\\u0041\"", 16);
	assert_lex_error("select E'\\xff'", "22021", "invalid byte sequence for encoding \"UTF8\": 0xff", 8);
	assert_lex_error("select E'\\0'", "22021", "invalid byte sequence for encoding \"UTF8\": 0x00", 8);

	l = lex("select U&'a\\00'");
	ck_assert(!l.ok);
	ck_assert_str_eq(l.err.sqlstate, "42601");
	ck_assert_str_eq(l.err.message, "invalid Unicode escape");
	ck_assert_str_eq(l.err.hint, "Unicode escapes must be \\XXXX or \\+XXXXXX.");
	ck_assert_int_eq(l.err.position, 12);
	done(&l);

	assert_lex_error("select U&'\\D800'", "42601", "invalid Unicode surrogate pair", 16);
	assert_lex_error("select U&'\\DC00'", "42601", "invalid Unicode surrogate pair", 11);
	assert_lex_error("select U&'\\0000'", "42601", "invalid Unicode escape value", 11);
	assert_lex_error("select U&'x' UESCAPE '+'", "42601",
					 "invalid Unicode escape character at or near \"'+'\"", 22);
	assert_lex_error("select U&'x' UESCAPE 'ab'", "42601",
					 "invalid Unicode escape character at or near \"'ab'\"", 22);
	assert_lex_error("select U&'x' UESCAPE x", "42601",
					 "UESCAPE must be followed by a simple string literal at or near \"x\"", 22);
	assert_lex_error("select U&'x' UESCAPE", "42601",
					 "UESCAPE must be followed by a simple string literal at end of input", 21);
}
END_TEST

START_TEST(test_error_positions_count_characters)
{
	/* two-byte é and three-byte € before the error count as one character each */
	assert_lex_error("select '\xc3\xa9\xe2\x82\xac' || 'x", "42601",
					 "unterminated quoted string at or near \"'x\"", 16);
	assert_lex_error("select \xc3\xa9" "1 + 1abc", "42601",
					 "trailing junk after numeric literal at or near \"1a\"", 13);
	ck_assert_int_eq(xl_char_position("a\xc3\xa9" "b", 0), 1);
	ck_assert_int_eq(xl_char_position("a\xc3\xa9" "b", 3), 3);
	ck_assert_int_eq(xl_char_position("a\xc3\xa9" "b", 4), 4);
}
END_TEST

START_TEST(test_nul_and_limits)
{
	TokenList	list;
	PgError		err;
	const char	src[] = "select 'a\0b'";

	xl_tokens_init(&list);
	pgerr_clear(&err);
	ck_assert(!xl_lex(src, sizeof(src) - 1, &list, &err));
	ck_assert_str_eq(err.sqlstate, "22021");
	ck_assert_str_eq(err.message, "invalid byte sequence for encoding \"UTF8\": 0x00");
	ck_assert_int_eq(err.position, 10);
	xl_tokens_free(&list);

	/* the empty query has no tokens */
	ck_assert(xl_lex("", 0, &list, &err));
	ck_assert_uint_eq(list.count, 0);
	xl_tokens_free(&list);
}
END_TEST

/* Tokens are appended, and the array grows past its first allocation. */
START_TEST(test_many_tokens)
{
	Buf			q;
	TokenList	list;
	PgError		err;

	buf_init(&q);
	for (int i = 0; i < 1000; i++)
		buf_appendf(&q, "x%d,", i);
	xl_tokens_init(&list);
	ck_assert(xl_lex(q.data, q.len, &list, &err));
	ck_assert_uint_eq(list.count, 2000);
	ck_assert(xl_lex("y", 1, &list, &err));
	ck_assert_uint_eq(list.count, 2001);
	ck_assert_uint_eq(list.tokens[1998].start, q.len - 5);
	ck_assert_int_eq(list.tokens[1999].kind, TOK_COMMA);
	xl_tokens_free(&list);
	ck_assert_ptr_null(list.tokens);
	buf_free(&q);
}
END_TEST

START_TEST(test_value_of_wrong_kind)
{
	Lexed		l = lex_ok("42");
	Buf			out;
	PgError		err;

	buf_init(&out);
	ck_assert(!xl_string_value(l.src, &l.list.tokens[0], &out, &err));
	ck_assert_str_eq(err.sqlstate, "XX000");
	ck_assert(!xl_ident_value(l.src, &l.list.tokens[0], &out, &err));
	buf_free(&out);
	done(&l);
}
END_TEST

static Suite *
lexer_suite(void)
{
	Suite	   *s = suite_create("lexer");
	TCase	   *tc = tcase_create("core");

	tcase_add_test(tc, test_identifiers);
	tcase_add_test(tc, test_keywords);
	tcase_add_test(tc, test_quoted_identifiers);
	tcase_add_test(tc, test_unicode_identifiers);
	tcase_add_test(tc, test_plain_strings);
	tcase_add_test(tc, test_string_continuation);
	tcase_add_test(tc, test_escape_strings);
	tcase_add_test(tc, test_unicode_strings);
	tcase_add_test(tc, test_bit_strings);
	tcase_add_test(tc, test_dollar_strings);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_params);
	tcase_add_test(tc, test_operators);
	tcase_add_test(tc, test_comments);
	tcase_add_test(tc, test_unterminated);
	tcase_add_test(tc, test_bad_tokens);
	tcase_add_test(tc, test_bad_escapes);
	tcase_add_test(tc, test_error_positions_count_characters);
	tcase_add_test(tc, test_nul_and_limits);
	tcase_add_test(tc, test_many_tokens);
	tcase_add_test(tc, test_value_of_wrong_kind);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner    *sr = srunner_create(lexer_suite());
	int			failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
