/*
 * check_corpus.c
 *		The golden translation corpus: every case of the .txt files in
 *		tests/translate translated for each dialect it names and compared with the text
 *		written there (format: tests/translate/README.md).
 *
 * One check test per file; a failing case prints its title, the input,
 * what was expected and what came out.
 */
#include "translate/translate.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CORPUS_DIR
#define CORPUS_DIR "tests/translate"
#endif

#define MAX_FILES 64


static char *files[MAX_FILES];
static int	nfiles;

/* Drop trailing newlines and spaces. */
static void
trim_end(Buf *b)
{
	while (b->len > 0 && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ' '))
		b->len--;
	buf_append_byte(b, '\0');
	b->len--;
}

/* What the translation of input for dialect gives, in the corpus's notation. */
static void
translate_case(const char *input, const RewriteContext *dialect, Buf *got)
{
	RewriteContext ctx = *dialect;
	PgError		err;

	pgerr_clear(&err);
	buf_reset(got);
	if (!xl_translate_script(input, strlen(input), &ctx, got, &err))
	{
		buf_reset(got);
		buf_appendf(got, "! %s %d %s", err.sqlstate, err.position, err.message);
	}
	trim_end(got);
}

typedef enum CaseState
{
	BEFORE_CASE,				/* the file's header */
	IN_NOTES,					/* after "## title": "## ..." notes, then the input */
	IN_INPUT,
	IN_EXPECTED					/* after "-> dialect" */
} CaseState;

typedef struct Case
{
	const char *file;
	char		title[256];
	int			line;
	Buf			input;
	Buf			expected;
	RewriteContext dialect;		/* the expectation's dialect and settings */
	CaseState	state;
	int			failures;
	int			expectations;
} Case;

/* Compare the expectation just read with the translation. */
static void
finish_expectation(Case *c, Buf *got)
{
	if (c->state != IN_EXPECTED)
		return;
	trim_end(&c->expected);
	translate_case(c->input.data, &c->dialect, got);
	c->expectations++;
	if (strcmp(got->data, c->expected.data) == 0)
		return;
	c->failures++;
	fprintf(stderr, "%s:%d: %s\n  input:\n%s\n  expected:\n%s\n  got:\n%s\n\n",
			c->file, c->line, c->title, c->input.data, c->expected.data, got->data);
}

static void
read_line(Case *c, const char *line, int lineno, Buf *got)
{
	char		name[32] = "";

	if (strncmp(line, "## ", 3) == 0 && c->state == IN_NOTES)
		return;					/* a note on the case (## iris: the fact it rests on) */
	if (strncmp(line, "## ", 3) == 0)
	{
		finish_expectation(c, got);
		snprintf(c->title, sizeof(c->title), "%.*s", (int) Min(strcspn(line + 3, "\n"), sizeof(c->title) - 1),
				 line + 3);
		c->line = lineno;
		buf_reset(&c->input);
		c->state = IN_NOTES;
		return;
	}
	if (strncmp(line, "-> ", 3) == 0)
	{
		finish_expectation(c, got);
		sscanf(line + 3, "%31s", name);
		memset(&c->dialect, 0, sizeof(c->dialect));
		c->dialect.session = &xl_example_session;
		ck_assert_msg(xl_dialect_from_name(name, &c->dialect), "%s:%d: unknown dialect \"%s\"",
					  c->file, lineno, name);
		trim_end(&c->input);
		ck_assert_msg(c->input.len > 0, "%s:%d: no input before \"-> %s\"", c->file, lineno, name);
		buf_reset(&c->expected);
		c->state = IN_EXPECTED;
		return;
	}
	switch (c->state)
	{
		case BEFORE_CASE:
			break;
		case IN_NOTES:
			if (line[0] == '\n')
				break;
			c->state = IN_INPUT;
			/* fall through */
		case IN_INPUT:
			buf_append_str(&c->input, line);
			break;
		case IN_EXPECTED:
			buf_append_str(&c->expected, line);
			break;
	}
}

START_TEST(test_corpus_file)
{
	FILE	   *f = fopen(files[_i], "r");
	char		line[65536];
	Case		c;
	Buf			got;
	int			lineno = 0;

	ck_assert_msg(f != NULL, "cannot open %s", files[_i]);
	memset(&c, 0, sizeof(c));
	c.file = files[_i];
	buf_init(&c.input);
	buf_init(&c.expected);
	buf_init(&got);
	while (fgets(line, sizeof(line), f) != NULL)
		read_line(&c, line, ++lineno, &got);
	finish_expectation(&c, &got);
	fclose(f);
	buf_free(&c.input);
	buf_free(&c.expected);
	buf_free(&got);
	ck_assert_msg(c.expectations > 0, "%s: no cases", files[_i]);
	ck_assert_msg(c.failures == 0, "%s: %d of %d expectations differ (see above)",
				  files[_i], c.failures, c.expectations);
}
END_TEST

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static void
find_files(void)
{
	const char *srcdir = getenv("PGWIRE_SRCDIR");
	char		dir[1024];
	DIR		   *d;
	struct dirent *e;

	snprintf(dir, sizeof(dir), "%s", srcdir ? srcdir : ".");
	strncat(dir, "/" CORPUS_DIR, sizeof(dir) - strlen(dir) - 1);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL && nfiles < MAX_FILES)
	{
		size_t		n = strlen(e->d_name);
		char		path[2048];

		if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		files[nfiles++] = strdup(path);
	}
	closedir(d);
	qsort(files, (size_t) nfiles, sizeof(char *), compare_names);
}

int
main(void)
{
	Suite	   *s = suite_create("corpus");
	TCase	   *tc = tcase_create("files");
	SRunner    *sr;
	int			failed;

	find_files();
	if (nfiles == 0)
	{
		fprintf(stderr, "no corpus files found (set PGWIRE_SRCDIR)\n");
		return 1;
	}
	tcase_add_loop_test(tc, test_corpus_file, 0, nfiles);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	for (int i = 0; i < nfiles; i++)
		free(files[i]);
	return failed == 0 ? 0 : 1;
}
