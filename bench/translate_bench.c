/*
 * translate_bench.c
 *		How long the translator takes per statement, over the golden corpus.
 *
 *		translate_bench [--dialect NAME]... [-n REPEAT] INPUTS
 *
 * INPUTS holds the corpus inputs as NUL-terminated records ("-" for
 * standard input), as tests/integration/corpus.py list-inputs writes them
 * (bench/translate.sh does both steps). Each input is translated with
 * xl_translate_script() REPEAT times after a warm-up, in 5 rounds; the
 * fastest round's mean time divided by its statement count is one sample. Prints, per dialect, the number of
 * statements and the median, 90th and 99th percentile and largest sample.
 * Inputs the translator refuses are timed too: refusing is its work as well.
 * Owns nothing else; never run by make check.
 */
#include "common/base.h"

#include "common/buf.h"
#include "common/pgerror.h"
#include "translate/translate.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_REPEAT	1000
#define WARMUP			10
#define ROUNDS			5
#define MAX_DIALECTS	3

typedef struct Inputs
{
	Buf			text;			/* the records, each NUL-terminated */
	const char **items;
	size_t		count;
} Inputs;

typedef struct Row
{
	const char *dialect;
	size_t		statements;
	double		median;
	double		p90;
	double		p99;
	double		max;
} Row;

/* Read every record of path ("-": stdin) into in. */
static bool
inputs_load(const char *path, Inputs *in)
{
	FILE	   *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char		chunk[65536];
	size_t		n;
	bool		ok;

	if (f == NULL)
		return false;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&in->text, chunk, n);
	ok = !ferror(f) && !buf_failed(&in->text);
	if (f != stdin)
		fclose(f);
	if (!ok)
		return false;
	if (in->text.len > 0 && in->text.data[in->text.len - 1] != '\0')
		buf_append_byte(&in->text, '\0');	/* the last record's terminator */
	if (buf_failed(&in->text))
		return false;
	for (size_t i = 0; i < in->text.len; i++)
		in->count += in->text.data[i] == '\0';
	in->items = calloc(in->count + 1, sizeof(char *));
	if (in->items == NULL)
		return false;
	n = 0;
	for (size_t off = 0; off < in->text.len; off += strlen(in->text.data + off) + 1)
		in->items[n++] = in->text.data + off;
	return true;
}

static void
inputs_free(Inputs *in)
{
	free(in->items);
	buf_free(&in->text);
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec * 1e9 + (double) ts.tv_nsec;
}

/* Statements the translator sees in sql (at least 1, so refusals count once). */
static size_t
statements_in(const char *sql)
{
	StatementList list;
	PgError		err;
	size_t		n = 0;

	xl_statements_init(&list);
	if (xl_split(sql, strlen(sql), &list, &err))
		n = list.count;
	xl_statements_free(&list);
	return Max(n, 1);
}

static void
translate_once(const char *sql, size_t len, const RewriteContext *ctx, Buf *out)
{
	PgError		err;

	buf_reset(out);
	if (!xl_translate_script(sql, len, ctx, out, &err))
		pgerr_clear(&err);		/* a refusal is timed like a translation */
}

/*
 * Nanoseconds of one translation of sql: the mean over repeat runs, split
 * into ROUNDS rounds of which the fastest counts, so that time the machine
 * spent elsewhere (other processes, interrupts) is left out.
 */
static double
time_translation(const char *sql, const RewriteContext *ctx, int repeat, Buf *out)
{
	size_t		len = strlen(sql);
	int			per_round = Max(repeat / ROUNDS, 1);
	double		best = 0;

	for (int i = 0; i < WARMUP; i++)
		translate_once(sql, len, ctx, out);
	for (int round = 0; round < ROUNDS; round++)
	{
		double		start = now_ns();
		double		mean;

		for (int i = 0; i < per_round; i++)
			translate_once(sql, len, ctx, out);
		mean = (now_ns() - start) / per_round;
		if (round == 0 || mean < best)
			best = mean;
	}
	return best;
}

static int
compare_doubles(const void *a, const void *b)
{
	double		x = *(const double *) a;
	double		y = *(const double *) b;

	return (x > y) - (x < y);
}

/* The nearest-rank percentile p of sorted[0..n). */
static double
percentile(const double *sorted, size_t n, double p)
{
	size_t		rank = (size_t) (p / 100.0 * (double) n + 0.999999);

	return sorted[Max(rank, 1) - 1];
}

static bool
measure(const Inputs *in, const RewriteContext *dialect, const char *name, int repeat, Row *row)
{
	RewriteContext ctx = *dialect;
	double	   *samples = malloc(Max(in->count, 1) * sizeof(double));
	Buf			out;

	if (samples == NULL)
		return false;
	buf_init(&out);
	memset(row, 0, sizeof(*row));
	row->dialect = name;
	for (size_t i = 0; i < in->count; i++)
	{
		size_t		stmts = statements_in(in->items[i]);

		samples[i] = time_translation(in->items[i], &ctx, repeat, &out) / (double) stmts;
		row->statements += stmts;
	}
	buf_free(&out);
	qsort(samples, in->count, sizeof(double), compare_doubles);
	row->median = percentile(samples, in->count, 50);
	row->p90 = percentile(samples, in->count, 90);
	row->p99 = percentile(samples, in->count, 99);
	row->max = samples[in->count - 1];
	free(samples);
	return true;
}

static void
print_table(const Row *rows, int n)
{
	printf("| dialect | statements | median ns/statement | p90 ns | p99 ns | max ns |\n");
	printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (int i = 0; i < n; i++)
		printf("| %s | %zu | %.0f | %.0f | %.0f | %.0f |\n", rows[i].dialect, rows[i].statements,
			   rows[i].median, rows[i].p90, rows[i].p99, rows[i].max);
}

static int
usage_error(const char *message)
{
	fprintf(stderr, "translate_bench: %s\n"
			"usage: translate_bench [--dialect iris|sqlite|postgres]... [-n REPEAT] INPUTS\n",
			message);
	return 2;
}

int
main(int argc, char **argv)
{
	static const struct option long_options[] = {
		{"dialect", required_argument, NULL, 'D'},
		{NULL, 0, NULL, 0}
	};
	const char *names[MAX_DIALECTS];
	RewriteContext dialects[MAX_DIALECTS] = {{0}};
	Row			rows[MAX_DIALECTS];
	int			ndialects = 0;
	int			repeat = DEFAULT_REPEAT;
	Inputs		in = {0};
	int			c;

	buf_init(&in.text);
	while ((c = getopt_long(argc, argv, "n:", long_options, NULL)) != -1)
	{
		if (c == 'n' && (repeat = atoi(optarg)) > 0)
			continue;
		if (c != 'D' || ndialects == MAX_DIALECTS || !xl_dialect_from_name(optarg, &dialects[ndialects]))
			return usage_error("bad option");
		names[ndialects++] = optarg;
	}
	if (optind != argc - 1)
		return usage_error("one INPUTS file expected");
	if (ndialects == 0)
	{
		dialects[0].dialect = DIALECT_IRIS;
		names[ndialects++] = "iris";
	}
	if (!inputs_load(argv[optind], &in) || in.count == 0)
	{
		fprintf(stderr, "translate_bench: no inputs read from %s\n", argv[optind]);
		inputs_free(&in);
		return 1;
	}
	for (int i = 0; i < ndialects; i++)
	{
		dialects[i].session = &xl_example_session;
		if (!measure(&in, &dialects[i], names[i], repeat, &rows[i]))
		{
			fprintf(stderr, "translate_bench: out of memory\n");
			inputs_free(&in);
			return 1;
		}
	}
	print_table(rows, ndialects);
	inputs_free(&in);
	return 0;
}
