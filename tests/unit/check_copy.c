/*
 * check_copy.c
 *		Unit tests of COPY's pure parts: the text and CSV row reader (rows
 *		split across chunks of every size, escapes, quotes, end markers,
 *		headers, errors), the field writer, and the COPY statement parser
 *		with both option syntaxes and PostgreSQL's option errors.
 *
 * Expected messages are PostgreSQL 15's (copyfromparse.c, copy.c).
 */
#include "common/copy_format.h"
#include "translate/copy_cmd.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

/*
 * Read input in chunks of chunk bytes (0: all at once) and describe the
 * rows as "line:field|field|<null>\n" ..., or "ERROR sqlstate message" at
 * the first error (then "@line").
 */
static void
read_rows(const CopyFormatOptions *o, const char *input, size_t len, size_t chunk, Buf *out)
{
	CopyReader	r;
	PgError		err;
	size_t		fed = 0;
	bool		done = false;

	copy_reader_init(&r, o);
	buf_reset(out);
	while (!done)
	{
		int			rc;

		if (fed < len)
		{
			size_t		n = chunk == 0 ? len - fed : Min(chunk, len - fed);

			ck_assert(copy_reader_feed(&r, input + fed, n));
			fed += n;
		}
		else
		{
			copy_reader_finish(&r);
			done = true;
		}
		while ((rc = copy_reader_next(&r, &err)) == 1)
		{
			buf_appendf(out, "%lld%s:", (long long) r.lineno, r.row_is_header ? "h" : "");
			for (int i = 0; i < r.nfields; i++)
			{
				if (i > 0)
					buf_append_byte(out, '|');
				if (r.fields[i].data == NULL)
					buf_append_str(out, "<null>");
				else
				{
					ck_assert_uint_eq(strlen(r.fields[i].data), r.fields[i].len);
					buf_append(out, r.fields[i].data, r.fields[i].len);
				}
			}
			buf_append_byte(out, '\n');
		}
		if (rc < 0)
		{
			buf_appendf(out, "ERROR %s %s @%lld", err.sqlstate, err.message, (long long) r.lineno);
			break;
		}
		if (r.finished)
			break;
	}
	copy_reader_free(&r);
}

/* The rows of input, checked to be the same for every chunk size. */
static char *
rows_of(const CopyFormatOptions *o, const char *input)
{
	size_t		len = strlen(input);
	Buf			whole;
	Buf			pieces;

	buf_init(&whole);
	buf_init(&pieces);
	read_rows(o, input, len, 0, &whole);
	for (size_t chunk = 1; chunk <= len + 1; chunk++)
	{
		read_rows(o, input, len, chunk, &pieces);
		if (strcmp(whole.data ? whole.data : "", pieces.data ? pieces.data : "") != 0)
			ck_abort_msg("chunk size %zu gives\n%s\ninstead of\n%s", chunk, pieces.data, whole.data);
	}
	buf_free(&pieces);
	return whole.data ? whole.data : strdup("");
}

static CopyFormatOptions
text_opts(void)
{
	CopyFormatOptions o;

	copy_options_defaults(&o, COPY_FORMAT_TEXT);
	return o;
}

static CopyFormatOptions
csv_opts(void)
{
	CopyFormatOptions o;

	copy_options_defaults(&o, COPY_FORMAT_CSV);
	return o;
}

#define ck_rows(opts, input, expected) \
	do { \
		CopyFormatOptions o_ = (opts); \
		char *got_ = rows_of(&o_, (input)); \
		ck_assert_str_eq(got_, (expected)); \
		free(got_); \
	} while (0)

/* ---- text format ---- */

START_TEST(test_text_basic)
{
	ck_rows(text_opts(), "1\t2\tabc\n3\t\\N\tx\n", "1:1|2|abc\n2:3|<null>|x\n");
	/* the last line needs no newline; an empty line is one empty field */
	ck_rows(text_opts(), "a\tb\n\nc", "1:a|b\n2:\n3:c\n");
	ck_rows(text_opts(), "", "");
	/* an empty field is not NULL */
	ck_rows(text_opts(), "\t\n", "1:|\n");
}
END_TEST

START_TEST(test_text_escapes)
{
	ck_rows(text_opts(), "a\\tb\\\\c\\nd\\re\\bf\\fg\\vh\n",
			"1:a\tb\\c\nd\re\bf\fg\vh\n");
	ck_rows(text_opts(), "\\x41\\x4a\\x4Z\\101\\60\\1x\n", "1:AJ\x04Z" "A0\001x\n");
	/* \N is NULL only as the whole field; elsewhere \N is N */
	ck_rows(text_opts(), "a\\Nb\t\\N\t\\\\N\n", "1:aNb|<null>|\\N\n");
	/* an escaped delimiter and an escaped newline are data */
	ck_rows(text_opts(), "a\\\tb\tc\\\nd\n", "1:a\tb|c\nd\n");
	/* a backslash at the very end of a line is dropped, as PostgreSQL does */
	ck_rows(text_opts(), "ab\\", "1:ab\n");
	/* UTF-8 through escapes */
	ck_rows(text_opts(), "\\xc3\\xa9t\\303\\251\n", "1:\xc3\xa9t\xc3\xa9\n");
	ck_rows(text_opts(), "h\xc3\xa9llo\t\xe2\x82\xac\n", "1:h\xc3\xa9llo|\xe2\x82\xac\n");
}
END_TEST

START_TEST(test_text_end_marker)
{
	ck_rows(text_opts(), "1\n\\.\nignored\n", "1:1\n");
	/* \. after data on a line ends the data too; what came before is the last row */
	ck_rows(text_opts(), "1\n2\\.\n3\n", "1:1\n2:2\n");
	ck_rows(text_opts(), "1\r\n\\.\r\n", "1:1\n");
	ck_rows(text_opts(), "\\.\n", "");
	/* \\. is a backslash and a dot */
	ck_rows(text_opts(), "\\\\.\n", "1:\\.\n");
	ck_rows(text_opts(), "1\n\\.x\n", "1:1\nERROR 22P04 end-of-copy marker corrupt @2");
	ck_rows(text_opts(), "1\r\n\\.\n", "1:1\nERROR 22P04 end-of-copy marker does not match previous newline style @2");
}
END_TEST

START_TEST(test_text_newline_styles)
{
	ck_rows(text_opts(), "a\r\nb\r\n", "1:a\n2:b\n");
	ck_rows(text_opts(), "a\rb\r", "1:a\n2:b\n");
	ck_rows(text_opts(), "a\nb\rc\n", "1:a\nERROR 22P04 literal carriage return found in data @2");
	ck_rows(text_opts(), "a\r\nb\nc\n", "1:a\nERROR 22P04 literal newline found in data @2");
	ck_rows(text_opts(), "a\rb\nc\n", "1:a\nERROR 22P04 literal newline found in data @2");
}
END_TEST

START_TEST(test_text_bad_utf8)
{
	ck_rows(text_opts(), "ok\n\xc3\x28\n",
			"1:ok\nERROR 22021 invalid byte sequence for encoding \"UTF8\": 0xc3 0x28 @2");
	ck_rows(text_opts(), "\\xff\n", "ERROR 22021 invalid byte sequence for encoding \"UTF8\": 0xff @1");
	ck_rows(text_opts(), "\\0\n", "ERROR 22021 invalid byte sequence for encoding \"UTF8\": 0x00 @1");
	/* but a NULL string is never decoded */
	{
		CopyFormatOptions o = text_opts();

		o.null_print = "\\xff";
		o.null_len = 4;
		ck_rows(o, "\\xff\n", "1:<null>\n");
	}
}
END_TEST

START_TEST(test_text_options)
{
	CopyFormatOptions o = text_opts();

	o.delim = '|';
	o.null_print = "";
	o.null_len = 0;
	ck_rows(o, "a|b\\|c||\n", "1:a|b|c|<null>|<null>\n");
}
END_TEST

/* ---- CSV ---- */

START_TEST(test_csv_quotes)
{
	ck_rows(csv_opts(), "\"a,b\",\"c\"\"d\",,\"\"\n", "1:a,b|c\"d|<null>|\n");
	/* quotes may cover part of a field */
	ck_rows(csv_opts(), "ab\"c,d\"e,f\n", "1:abc,de|f\n");
	/* backslashes are data in CSV */
	ck_rows(csv_opts(), "a\\N,\\x41\n", "1:a\\N|\\x41\n");
	{
		CopyFormatOptions o = csv_opts();

		o.escape = '\\';
		ck_rows(o, "\"a\\\"b\",\"c\\\\d\",\"e\\f\"\n", "1:a\"b|c\\d|e\\f\n");
		o.quote = '\'';
		o.escape = '\'';
		o.delim = ';';
		ck_rows(o, "'x;y';'it''s'\n", "1:x;y|it's\n");
	}
}
END_TEST

START_TEST(test_csv_embedded_newlines)
{
	/* PostgreSQL counts the newlines inside quotes as lines */
	ck_rows(csv_opts(), "1,\"two\nlines\"\n2,\"a\r\nb\"\n3,x\n", "1:1|two\nlines\n3:2|a\r\nb\n4:3|x\n");
	ck_rows(csv_opts(), "1,\"open\n", "ERROR 22P04 unterminated CSV quoted field @1");
	ck_rows(csv_opts(), "a\r\nb\rc\r\n", "1:a\nERROR 22P04 unquoted carriage return found in data @2");
}
END_TEST

START_TEST(test_csv_end_marker)
{
	ck_rows(csv_opts(), "1\n\\.\n2\n", "1:1\n");
	/* only alone on a line: otherwise, and quoted, it is data */
	ck_rows(csv_opts(), "1,\\.\n\"\\.\"\n\\.x\n", "1:1|\\.\n2:\\.\n3:\\.x\n");
}
END_TEST

START_TEST(test_csv_null_handling)
{
	CopyFormatOptions o = csv_opts();

	o.null_print = "NULL";
	o.null_len = 4;
	ck_rows(o, "NULL,\"NULL\",,x\n", "1:<null>|NULL||x\n");
}
END_TEST

/* ---- headers ---- */

START_TEST(test_header)
{
	CopyFormatOptions o = csv_opts();

	o.header = COPY_HEADER_SKIP;
	ck_rows(o, "a,b\n1,2\n", "1h:a|b\n2:1|2\n");
	ck_rows(o, "a,b", "1h:a|b\n");
	ck_rows(o, "", "1h:<null>\n");
}
END_TEST

START_TEST(test_header_match)
{
	const char *names[] = {"id", "Name"};
	CopyFormatOptions o = csv_opts();
	CopyReader	r;
	PgError		err;
	static const char *const inputs[] = {
		"id,Name\n", "id,name\n", "id\n", "id,\n"
	};
	static const char *const errors[] = {
		NULL,
		"column name mismatch in header line field 2: got \"name\", expected \"Name\"",
		"wrong number of fields in header line: got 1, expected 2",
		"column name mismatch in header line field 2: got null value (\"\"), expected \"Name\"",
	};

	o.header = COPY_HEADER_MATCH;
	for (size_t k = 0; k < lengthof(inputs); k++)
	{
		bool		ok;

		copy_reader_init(&r, &o);
		ck_assert(copy_reader_feed(&r, inputs[k], strlen(inputs[k])));
		ck_assert_int_eq(copy_reader_next(&r, &err), 1);
		ck_assert(r.row_is_header);
		ok = copy_check_header(&r, names, 2, &err);
		if (errors[k] == NULL)
			ck_assert(ok);
		else
		{
			ck_assert(!ok);
			ck_assert_str_eq(err.sqlstate, "22P04");
			ck_assert_str_eq(err.message, errors[k]);
		}
		copy_reader_free(&r);
	}
}
END_TEST

/* A long input read in odd chunks gives every row, with bounded buffering. */
START_TEST(test_many_rows_streaming)
{
	CopyFormatOptions o = csv_opts();
	CopyReader	r;
	PgError		err;
	Buf			in;
	int			rows = 0;
	size_t		fed = 0;
	size_t		chunk = 7;

	buf_init(&in);
	for (int i = 0; i < 20000; i++)
		buf_appendf(&in, "%d,\"row %d, with a comma\",x\n", i, i);
	copy_reader_init(&r, &o);
	while (fed < in.len)
	{
		size_t		n = Min(chunk, in.len - fed);

		ck_assert(copy_reader_feed(&r, in.data + fed, n));
		fed += n;
		chunk = chunk * 3 % 1021 + 1;
		while (copy_reader_next(&r, &err) == 1)
		{
			ck_assert_int_eq(r.nfields, 3);
			ck_assert_int_eq(atoi(r.fields[0].data), rows);
			rows++;
		}
		ck_assert_uint_lt(r.in.len, 4096);
	}
	copy_reader_finish(&r);
	ck_assert_int_eq(copy_reader_next(&r, &err), 0);
	ck_assert(r.finished);
	ck_assert_int_eq(rows, 20000);
	ck_assert_int_eq(r.lineno, 20000);
	copy_reader_free(&r);
	buf_free(&in);
}
END_TEST

/* ---- writing ---- */

static char *
write_fields(const CopyFormatOptions *o, const char *const *values, int n, bool force_quote)
{
	Buf			out;

	buf_init(&out);
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			buf_append_byte(&out, (uint8_t) o->delim);
		copy_append_field(&out, o, values[i], values[i] ? strlen(values[i]) : 0, force_quote, n == 1);
	}
	return out.data ? out.data : strdup("");
}

#define ck_write(opts, force, expected, ...) \
	do { \
		CopyFormatOptions o_ = (opts); \
		const char *v_[] = {__VA_ARGS__}; \
		char *got_ = write_fields(&o_, v_, (int) lengthof(v_), (force)); \
		ck_assert_str_eq(got_, (expected)); \
		free(got_); \
	} while (0)

START_TEST(test_write_text)
{
	ck_write(text_opts(), false, "a\\tb\t\\N\tc\\\\d\te\\nf\\rg", "a\tb", NULL, "c\\d", "e\nf\rg");
	ck_write(text_opts(), false, "\\b\\f\\v\x01\x7f\xc3\xa9", "\b\f\v\x01\x7f\xc3\xa9");
	{
		CopyFormatOptions o = text_opts();

		o.delim = '|';
		ck_write(o, false, "a\\|b|\\t", "a|b", "\t");
	}
}
END_TEST

START_TEST(test_write_csv)
{
	ck_write(csv_opts(), false, "plain,\"a,b\",\"c\"\"d\",\"e\nf\",,\"\"", "plain", "a,b", "c\"d", "e\nf", NULL, "");
	ck_write(csv_opts(), true, "\"x\",\"\"", "x", "");
	/* a lone \. is quoted when it is the only column */
	ck_write(csv_opts(), false, "\"\\.\"", "\\.");
	ck_write(csv_opts(), false, "\\.,x", "\\.", "x");
	{
		CopyFormatOptions o = csv_opts();

		o.escape = '\\';
		o.null_print = "NULL";
		o.null_len = 4;
		ck_write(o, false, "\"a\\\"b\",back\\slash,\"NULL\",NULL", "a\"b", "back\\slash", "NULL", NULL);
	}
}
END_TEST

/* ---- the statement ---- */

static bool
parse_copy(const char *sql, CopyCmd *cmd, PgError *err)
{
	StatementList list;
	bool		ok;

	xl_statements_init(&list);
	ck_assert(xl_split(sql, strlen(sql), &list, err));
	ck_assert_uint_eq(list.count, 1);
	ck_assert_int_eq(list.stmts[0].kind, STMT_COPY);
	xl_copy_cmd_init(cmd);
	ok = xl_parse_copy(sql, &list, &list.stmts[0], cmd, err);
	xl_statements_free(&list);
	return ok;
}

static char *
span(const char *sql, uint32_t start, uint32_t end)
{
	return strndup(sql + start, end - start);
}

START_TEST(test_parse_defaults)
{
	const char *sql = "copy t from stdin";
	CopyCmd		c;
	PgError		err;

	ck_assert(parse_copy(sql, &c, &err));
	ck_assert(c.is_from);
	ck_assert(!c.is_query);
	ck_assert_int_eq(c.io, COPY_IO_CLIENT);
	ck_assert_str_eq(c.relname, "t");
	ck_assert_int_eq(c.columns.count, 0);
	ck_assert_int_eq(c.opts.format, COPY_FORMAT_TEXT);
	ck_assert_int_eq(c.opts.delim, '\t');
	ck_assert_str_eq(c.opts.null_print, "\\N");
	ck_assert_int_eq(c.opts.header, COPY_HEADER_NONE);
	xl_copy_cmd_free(&c);
}
END_TEST

START_TEST(test_parse_generic_options)
{
	const char *sql = "COPY public.\"My T\" (a, \"B\") FROM STDIN WITH (FORMAT csv, HEADER match, "
		"DELIMITER ';', NULL 'x', QUOTE '''', ESCAPE '\\', FORCE_NULL (a), FORCE_NOT_NULL (\"B\"), "
		"ENCODING 'UTF8', FREEZE)";
	CopyCmd		c;
	PgError		err;
	char	   *s;

	ck_assert_msg(parse_copy(sql, &c, &err), "%s", err.message);
	s = span(sql, c.target_start, c.target_end);
	ck_assert_str_eq(s, "public.\"My T\"");
	free(s);
	ck_assert_str_eq(c.relname, "My T");
	ck_assert_int_eq(c.columns.count, 2);
	ck_assert_str_eq(c.columns.items[0].name, "a");
	ck_assert_str_eq(c.columns.items[1].name, "B");
	s = span(sql, c.columns.items[1].start, c.columns.items[1].end);
	ck_assert_str_eq(s, "\"B\"");
	free(s);
	ck_assert_int_eq(c.opts.format, COPY_FORMAT_CSV);
	ck_assert_int_eq(c.opts.header, COPY_HEADER_MATCH);
	ck_assert_int_eq(c.opts.delim, ';');
	ck_assert_str_eq(c.opts.null_print, "x");
	ck_assert_int_eq(c.opts.quote, '\'');
	ck_assert_int_eq(c.opts.escape, '\\');
	ck_assert_int_eq(xl_copy_column_index(&c.force_null, "a"), 0);
	ck_assert_int_eq(xl_copy_column_index(&c.force_not_null, "B"), 0);
	ck_assert_str_eq(c.encoding, "UTF8");
	ck_assert(c.freeze);
	xl_copy_cmd_free(&c);
}
END_TEST

START_TEST(test_parse_legacy_options)
{
	CopyCmd		c;
	PgError		err;

	ck_assert(parse_copy("COPY t FROM STDIN WITH CSV HEADER DELIMITER AS ',' NULL AS '' "
						 "QUOTE AS '\"' FORCE NOT NULL a, b", &c, &err));
	ck_assert_int_eq(c.opts.format, COPY_FORMAT_CSV);
	ck_assert_int_eq(c.opts.header, COPY_HEADER_SKIP);
	ck_assert_str_eq(c.opts.null_print, "");
	ck_assert_int_eq(c.force_not_null.count, 2);
	xl_copy_cmd_free(&c);

	ck_assert(parse_copy("copy t to stdout csv force quote *", &c, &err));
	ck_assert(!c.is_from);
	ck_assert(c.force_quote.all);
	xl_copy_cmd_free(&c);

	ck_assert(parse_copy("COPY t FROM STDIN USING DELIMITERS '|' WITH NULL AS 'nil'", &c, &err));
	ck_assert_int_eq(c.opts.delim, '|');
	ck_assert_str_eq(c.opts.null_print, "nil");
	xl_copy_cmd_free(&c);

	ck_assert(parse_copy("COPY BINARY t TO STDOUT", &c, &err));
	ck_assert_int_eq(c.opts.format, COPY_FORMAT_BINARY);
	xl_copy_cmd_free(&c);
}
END_TEST

START_TEST(test_parse_query_and_io)
{
	const char *sql = "COPY (SELECT a, (b) FROM t WHERE c = ')') TO STDOUT (FORMAT csv, HEADER)";
	CopyCmd		c;
	PgError		err;
	char	   *s;

	ck_assert(parse_copy(sql, &c, &err));
	ck_assert(c.is_query);
	s = span(sql, c.target_start, c.target_end);
	ck_assert_str_eq(s, "SELECT a, (b) FROM t WHERE c = ')'");
	free(s);
	ck_assert_int_eq(c.opts.header, COPY_HEADER_SKIP);
	xl_copy_cmd_free(&c);

	ck_assert(parse_copy("COPY t FROM '/tmp/x.csv' CSV", &c, &err));
	ck_assert_int_eq(c.io, COPY_IO_FILE);
	xl_copy_cmd_free(&c);
	ck_assert(parse_copy("COPY t TO PROGRAM 'gzip > /tmp/x'", &c, &err));
	ck_assert_int_eq(c.io, COPY_IO_PROGRAM);
	xl_copy_cmd_free(&c);
	ck_assert(parse_copy("COPY t TO STDIN", &c, &err));
	ck_assert_int_eq(c.io, COPY_IO_CLIENT);
	xl_copy_cmd_free(&c);
}
END_TEST

typedef struct BadCopy
{
	const char *sql;
	const char *sqlstate;
	const char *message;
	int			position;
} BadCopy;

static const BadCopy bad_copies[] = {
	{"COPY t FROM STDIN (FORMAT csv, FORMAT text)", "42601", "conflicting or redundant options", 32},
	{"COPY t FROM STDIN (FORMAT xml)", "22023", "COPY format \"xml\" not recognized", 20},
	{"COPY t FROM STDIN (BOGUS 1)", "42601", "option \"bogus\" not recognized", 20},
	{"COPY t FROM STDIN (HEADER maybe)", "42601", "header requires a Boolean value or \"match\"", 0},
	{"COPY t FROM STDIN (FREEZE maybe)", "42601", "freeze requires a Boolean value", 0},
	{"COPY t FROM STDIN (DELIMITER)", "42601", "delimiter requires a parameter", 0},
	{"COPY t FROM STDIN (DELIMITER ';;')", "0A000", "COPY delimiter must be a single one-byte character", 0},
	{"COPY t FROM STDIN (DELIMITER E'\\n')", "22023", "COPY delimiter cannot be newline or carriage return", 0},
	{"COPY t FROM STDIN (DELIMITER 'a')", "22023", "COPY delimiter cannot be \"a\"", 0},
	{"COPY t FROM STDIN (QUOTE '\"')", "0A000", "COPY quote available only in CSV mode", 0},
	{"COPY t FROM STDIN (ESCAPE '\\')", "0A000", "COPY escape available only in CSV mode", 0},
	{"COPY t FROM STDIN (FORMAT csv, QUOTE ',')", "22023", "COPY delimiter and quote must be different", 0},
	{"COPY t FROM STDIN (FORMAT csv, FORCE_QUOTE *)", "0A000", "COPY force quote only available using COPY TO", 0},
	{"COPY t TO STDOUT (FORMAT csv, FORCE_NULL (a))", "0A000", "COPY force null only available using COPY FROM", 0},
	{"COPY t TO STDOUT (FORCE_QUOTE (a))", "0A000", "COPY force quote available only in CSV mode", 0},
	{"COPY t FROM STDIN (FORMAT csv, FORCE_NOT_NULL a)", "22023", "argument to option \"force_not_null\" must be a list of column names", 32},
	{"COPY t TO STDOUT (HEADER match)", "0A000", "cannot use \"match\" with HEADER in COPY TO", 0},
	{"COPY t FROM STDIN (NULL 'a\tb')", "0A000", "COPY delimiter must not appear in the NULL specification", 0},
	{"COPY t FROM STDIN (FORMAT csv, NULL '\"')", "0A000", "CSV quote character must not appear in the NULL specification", 0},
	{"COPY t FROM STDIN (FORMAT binary, DELIMITER ',')", "42601", "cannot specify DELIMITER in BINARY mode", 0},
	{"COPY t FROM STDIN (FORMAT binary, HEADER)", "0A000", "cannot specify HEADER in BINARY mode", 0},
	{"COPY t (a, a) FROM STDIN", "42701", "column \"a\" specified more than once", 0},
	{"COPY t FROM STDIN WHERE a > 1", "0A000", "COPY FROM ... WHERE is not supported by pgwire", 19},
	{"COPY t STDIN", "42601", "syntax error at or near \"STDIN\"", 8},
	{"COPY t FROM", "42601", "syntax error at end of input", 12},
	{"COPY (SELECT 1) FROM STDIN", "42601", "syntax error at or near \"FROM\"", 17},
	{"COPY t FROM STDIN CSV BOGUS", "42601", "syntax error at or near \"BOGUS\"", 23},
	{"COPY t FROM STDIN (FORMAT csv", "42601", "syntax error at end of input", 30},
};

START_TEST(test_parse_errors)
{
	const BadCopy *b = &bad_copies[_i];
	CopyCmd		c;
	PgError		err;

	pgerr_clear(&err);
	ck_assert_msg(!parse_copy(b->sql, &c, &err), "%s parsed", b->sql);
	ck_assert_msg(strcmp(err.sqlstate, b->sqlstate) == 0 && strcmp(err.message, b->message) == 0,
				  "%s: got %s %s", b->sql, err.sqlstate, err.message);
	ck_assert_msg(err.position == b->position, "%s: position %d, expected %d", b->sql,
				  err.position, b->position);
	xl_copy_cmd_free(&c);
}
END_TEST

static Suite *
copy_suite(void)
{
	Suite	   *s = suite_create("copy");
	TCase	   *reader = tcase_create("reader");
	TCase	   *writer = tcase_create("writer");
	TCase	   *parser = tcase_create("parser");

	tcase_add_test(reader, test_text_basic);
	tcase_add_test(reader, test_text_escapes);
	tcase_add_test(reader, test_text_end_marker);
	tcase_add_test(reader, test_text_newline_styles);
	tcase_add_test(reader, test_text_bad_utf8);
	tcase_add_test(reader, test_text_options);
	tcase_add_test(reader, test_csv_quotes);
	tcase_add_test(reader, test_csv_embedded_newlines);
	tcase_add_test(reader, test_csv_end_marker);
	tcase_add_test(reader, test_csv_null_handling);
	tcase_add_test(reader, test_header);
	tcase_add_test(reader, test_header_match);
	tcase_add_test(reader, test_many_rows_streaming);
	suite_add_tcase(s, reader);

	tcase_add_test(writer, test_write_text);
	tcase_add_test(writer, test_write_csv);
	suite_add_tcase(s, writer);

	tcase_add_test(parser, test_parse_defaults);
	tcase_add_test(parser, test_parse_generic_options);
	tcase_add_test(parser, test_parse_legacy_options);
	tcase_add_test(parser, test_parse_query_and_io);
	tcase_add_loop_test(parser, test_parse_errors, 0, (int) lengthof(bad_copies));
	suite_add_tcase(s, parser);
	return s;
}

int
main(void)
{
	SRunner    *sr = srunner_create(copy_suite());
	int			failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
