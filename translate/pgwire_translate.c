/*
 * pgwire_translate.c
 *		pgwire-translate: what pgwire sends to the database for a statement.
 *
 *		pgwire-translate [--dialect iris|iris-top|iris-float|iris-inline|sqlite|sqlite-inline|postgres|catalog] [-c SQL]
 *		                 [--database NAME] [--user NAME]
 *
 * Owns: the command line. SQL comes from -c or standard input; the text
 * xl_translate_script() makes of it for the dialect goes to standard
 * output, or the error to standard error as psql shows one (severity,
 * SQLSTATE, message, the input line with a caret under the position).
 * Exit status: 0 translated, 1 refused or invalid, 2 usage or I/O error.
 * Session functions get the golden corpus's fixed values, so the output is
 * what a corpus file (tests/translate) expects. Never touches a database:
 * only translate/ and common/ are linked in.
 */
#include "common/base.h"

#include "common/buf.h"
#include "common/pgerror.h"
#include "common/utf8.h"
#include "translate/translate.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_REFUSED	1
#define EXIT_USAGE		2

/* psql's excerpt of a long line: at most this many columns, ... */
#define DISPLAY_WIDTH	60
/* ... keeping at least this many after the caret when cutting the right end */
#define MIN_RIGHT_CUT	10

static const char *progname = "pgwire-translate";

typedef struct Options
{
	RewriteContext dialect;		/* --dialect: the dialect and its settings */
	const char *command;		/* -c SQL, or NULL: read standard input */
	const char *database;
	const char *user;
	bool		help;
} Options;

static void
usage(FILE *out)
{
	fprintf(out,
			"pgwire-translate shows the SQL pgwire sends to the database for PostgreSQL SQL.\n\n"
			"Usage:\n"
			"  pgwire-translate [OPTION]... [-c SQL]\n\n"
			"Options:\n"
			"  --dialect=DIALECT  iris (default), iris-top (IRIS before 2025.1: TOP,\n"
			"                     no LIMIT), iris-float (iris_vector_type float),\n"
			"                     sqlite, postgres, or catalog (a catalog\n"
			"                     query as pgwire's catalog reads it);\n"
			"                     iris-inline, sqlite-inline: vector_parameters\n"
			"                     inline, $1 = '[1,2,3]', $2 = '[4,5,6]', ...\n"
			"  -c, --command=SQL  translate SQL (default: read standard input)\n"
			"  --database=NAME    what current_database() returns (default \"testdb\")\n"
			"  --user=NAME        what current_user returns (default \"tester\")\n"
			"  -?, --help         show this help, then exit\n\n"
			"Statements pgwire answers itself (SET, BEGIN, SHOW, ...) print as\n"
			"\"-- pgwire: TAG\". version() is \"PostgreSQL %s (pgwire %s)\", the schema\n"
			"\"public\" and pg_backend_pid() 4242, as in the golden corpus.\n\n"
			"Exit status: 0 translated, 1 refused or invalid SQL, 2 usage error.\n",
			PGWIRE_PG_VERSION, PACKAGE_VERSION);
}

static bool
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", progname);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry \"%s --help\" for more information.\n", progname);
	return false;
}

/* The option getopt_long() just stumbled on, as the user wrote it. */
static const char *
offending_option(char **argv, char *shortopt, size_t size)
{
	if (optopt == 0)
		return argv[optind - 1];
	snprintf(shortopt, size, "-%c", optopt);
	return shortopt;
}

static bool
parse_args(int argc, char **argv, Options *o)
{
	static const struct option long_options[] = {
		{"dialect", required_argument, NULL, 'D'},
		{"command", required_argument, NULL, 'c'},
		{"database", required_argument, NULL, 'd'},
		{"user", required_argument, NULL, 'U'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}
	};
	char		shortopt[3];
	int			c;

	opterr = 0;					/* our own messages, with the usage hint */
	while ((c = getopt_long(argc, argv, ":c:", long_options, NULL)) != -1)
	{
		switch (c)
		{
			case 'D':
				if (!xl_dialect_from_name(optarg, &o->dialect))
					return usage_error("unknown dialect \"%s\" (iris, iris-top, iris-float, iris-inline, sqlite, sqlite-inline, postgres or catalog)",
									   optarg);
				break;
			case 'c':
				if (o->command != NULL)
					return usage_error("%s", "-c given more than once");
				o->command = optarg;
				break;
			case 'd':
				o->database = optarg;
				break;
			case 'U':
				o->user = optarg;
				break;
			case 'h':
				o->help = true;
				return true;
			case ':':
				return usage_error("option \"%s\" requires an argument", argv[optind - 1]);
			default:
				if (optopt == '?')
				{
					o->help = true;		/* -? */
					return true;
				}
				return usage_error("invalid option \"%s\"",
								   offending_option(argv, shortopt, sizeof(shortopt)));
		}
	}
	if (optind < argc)
		return usage_error("too many command-line arguments (first is \"%s\")", argv[optind]);
	return true;
}

/* All of stream, appended to out; false on a read error or out of memory. */
static bool
read_all(FILE *stream, Buf *out)
{
	char		chunk[65536];
	size_t		n;

	while ((n = fread(chunk, 1, sizeof(chunk), stream)) > 0)
		buf_append(out, chunk, n);
	return !ferror(stream) && !buf_failed(out);
}

/* ---- showing an error's position as psql does ---- */

/* Byte offsets where each character of s starts, plus one for the end. */
static size_t *
char_offsets(const char *s, size_t len, size_t *nchars)
{
	size_t	   *starts = malloc((len + 1) * sizeof(size_t));
	size_t		n = 0;

	if (starts == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++)
	{
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			starts[n++] = i;
	}
	starts[n] = len;
	*nchars = n;
	return starts;
}

/*
 * The characters [first, last) shown for the error at character loc, and
 * its line number. psql's rules: a line ends at \r or \n (\r\n counting
 * once); a line longer than DISPLAY_WIDTH is cut on the right if that
 * keeps MIN_RIGHT_CUT characters after the caret, else around the caret.
 * Every character counts as one column (psql counts East Asian wide
 * characters as two; pgwire's messages are rarely about them).
 */
typedef struct Excerpt
{
	int			line;
	size_t		first;
	size_t		last;
	bool		cut_left;
	bool		cut_right;
} Excerpt;

static Excerpt
excerpt_around(const char *query, const size_t *starts, size_t nchars, size_t loc)
{
	Excerpt		e = {.line = 1,.first = 0,.last = nchars};

	for (size_t i = 0; i < nchars; i++)
	{
		char		ch = query[starts[i]];

		if (ch != '\r' && ch != '\n')
			continue;
		if (i >= loc)
		{
			e.last = i;
			break;
		}
		if (ch == '\r' || i == 0 || query[starts[i - 1]] != '\r')
			e.line++;
		e.first = i + 1;
	}
	if (e.last - e.first <= DISPLAY_WIDTH)
		return e;
	if (e.first + DISPLAY_WIDTH >= loc + MIN_RIGHT_CUT)
	{
		e.last = e.first + DISPLAY_WIDTH;
		e.cut_right = true;
		return e;
	}
	if (loc + MIN_RIGHT_CUT < e.last)
	{
		e.last = loc + MIN_RIGHT_CUT;
		e.cut_right = true;
	}
	if (e.last - e.first > DISPLAY_WIDTH)
	{
		e.first = e.last - DISPLAY_WIDTH;
		e.cut_left = true;
	}
	return e;
}

/* "LINE n: <the line>" and a caret under the character at position. */
static void
show_position(FILE *out, const char *query, size_t len, int position)
{
	size_t		nchars;
	size_t	   *starts;
	Excerpt		e;
	int			prefix;

	if (position <= 0 || (starts = char_offsets(query, len, &nchars)) == NULL)
		return;
	if ((size_t) position - 1 <= nchars)
	{
		size_t		loc = (size_t) position - 1;

		e = excerpt_around(query, starts, nchars, loc);
		prefix = fprintf(out, "LINE %d: %s", e.line, e.cut_left ? "..." : "");
		for (size_t i = starts[e.first]; i < starts[e.last]; i++)
			fputc(query[i] == '\t' ? ' ' : query[i], out);
		fprintf(out, "%s\n%*s^\n", e.cut_right ? "..." : "",
				prefix + (int) (loc - e.first), "");
	}
	free(starts);
}

static void
report_error(const PgError *err, const char *query, size_t len)
{
	fprintf(stderr, "%s:  %s: %s\n", pgerr_severity_name(err->severity), err->sqlstate,
			err->message);
	show_position(stderr, query, len, err->position);
	if (err->detail[0] != '\0')
		fprintf(stderr, "DETAIL:  %s\n", err->detail);
	if (err->hint[0] != '\0')
		fprintf(stderr, "HINT:  %s\n", err->hint);
}

/* Translate sql for the options' dialect and print the outcome. */
static int
translate_and_print(const Options *o, const char *sql, size_t len)
{
	SessionValues session = {
		.version = "PostgreSQL " PGWIRE_PG_VERSION " (pgwire " PACKAGE_VERSION ")",
		.database = o->database,
		.user = o->user,
		.schema = "public",
		.backend_pid = 4242,
	};
	RewriteContext ctx = o->dialect;
	PgError		err;
	Buf			out;
	int			status = EXIT_SUCCESS;

	ctx.session = &session;
	pgerr_clear(&err);
	buf_init(&out);
	if (utf8_check(sql, len, &err) && xl_translate_script(sql, len, &ctx, &out, &err))
	{
		if (out.len > 0)
			fwrite(out.data, 1, out.len, stdout);
		fputc('\n', stdout);
	}
	else
	{
		report_error(&err, sql, len);
		status = EXIT_REFUSED;
	}
	buf_free(&out);
	return status;
}

int
main(int argc, char **argv)
{
	Options		o = {.dialect = {.dialect = DIALECT_IRIS},.database = "testdb",.user = "tester"};
	Buf			input;
	int			status;

	if (!parse_args(argc, argv, &o))
		return EXIT_USAGE;
	if (o.help)
	{
		usage(stdout);
		return EXIT_SUCCESS;
	}
	buf_init(&input);
	if (o.command != NULL)
		buf_append_str(&input, o.command);
	else if (!read_all(stdin, &input))
	{
		fprintf(stderr, "%s: could not read standard input\n", progname);
		buf_free(&input);
		return EXIT_USAGE;
	}
	if (buf_failed(&input))
	{
		fprintf(stderr, "%s: out of memory\n", progname);
		buf_free(&input);
		return EXIT_USAGE;
	}
	status = translate_and_print(&o, input.data ? input.data : "", input.len);
	if (fflush(stdout) != 0)
	{
		fprintf(stderr, "%s: could not write standard output\n", progname);
		status = EXIT_USAGE;
	}
	buf_free(&input);
	return status;
}
