/*
 * copy_format.h
 *		The data formats of COPY (text and CSV): their options, a streaming
 *		reader that turns CopyData bytes into rows of fields (COPY FROM),
 *		and a writer that escapes one field (COPY TO).
 *
 * The reader is fed chunks of any size (CopyData boundaries have nothing
 * to do with rows) and hands out one row at a time, exactly as
 * PostgreSQL's copyfromparse.c splits lines and fields: the first line
 * decides the newline style, "\." ends the data, text escapes (\t \n \\
 * \x41 \101 ...) are decoded and the NULL string is compared before
 * decoding; CSV quotes may hold delimiters and newlines. Errors carry
 * PostgreSQL's SQLSTATE and message; the caller adds the CONTEXT.
 */
#ifndef PGW_COPY_FORMAT_H
#define PGW_COPY_FORMAT_H

#include "common/base.h"
#include "common/buf.h"
#include "common/pgerror.h"

typedef enum CopyFormat
{
	COPY_FORMAT_TEXT,
	COPY_FORMAT_CSV,
	COPY_FORMAT_BINARY
} CopyFormat;

typedef enum CopyHeader
{
	COPY_HEADER_NONE,
	COPY_HEADER_SKIP,			/* HEADER true: the first line is column names */
	COPY_HEADER_MATCH			/* HEADER match: ... and must name the columns */
} CopyHeader;

typedef struct CopyFormatOptions
{
	CopyFormat	format;
	CopyHeader	header;
	char		delim;
	char		quote;			/* CSV only */
	char		escape;			/* CSV only */
	const char *null_print;		/* NUL-terminated, owned by whoever set the options */
	size_t		null_len;
} CopyFormatOptions;

/* PostgreSQL's defaults for format: tab and \N (text), comma, "" and '"' (CSV). */
void		copy_options_defaults(CopyFormatOptions *o, CopyFormat format);

/* ---- reading (COPY FROM) ---- */

typedef struct CopyField
{
	const char *data;			/* decoded value, NUL-terminated (NULL for SQL NULL) */
	size_t		len;
	bool		quoted;			/* CSV: some of it was quoted */
} CopyField;

typedef enum CopyEol
{
	COPY_EOL_UNKNOWN,
	COPY_EOL_NL,
	COPY_EOL_CR,
	COPY_EOL_CRNL
} CopyEol;

typedef struct CopyReader
{
	CopyFormatOptions opts;
	Buf			in;				/* received bytes; those before in_pos are consumed */
	size_t		in_pos;			/* start of the line being read */
	size_t		scan;			/* where the search for its end resumes */
	bool		in_quote;		/* CSV state at scan */
	bool		last_was_esc;
	int64_t		embedded;		/* CSV newlines inside quotes of the line so far */
	CopyEol		eol;
	bool		input_done;		/* copy_reader_finish() was called */
	bool		finished;		/* no rows left: end marker or end of input */
	int64_t		lineno;			/* line number of the current row, as PostgreSQL counts */
	bool		row_is_header;
	const char *line;			/* the current row's raw line (valid until the next feed) */
	size_t		line_len;
	uint8_t		special[256];	/* bytes the line scanner must look at */
	Buf			values;			/* the decoded fields of the current row */
	CopyField  *fields;
	int			nfields;
	int			cap;
} CopyReader;

void		copy_reader_init(CopyReader *r, const CopyFormatOptions *opts);
void		copy_reader_free(CopyReader *r);

/* Add received bytes. False only on out of memory. */
bool		copy_reader_feed(CopyReader *r, const void *data, size_t len) PGW_MUSTCHECK;

/* No more bytes will come (CopyDone): a last line without newline is a row. */
void		copy_reader_finish(CopyReader *r);

/*
 * The next row: 1 when r->fields[0 .. r->nfields) hold one (r->lineno is
 * its line, r->row_is_header tells the header line apart), 0 when more
 * input is needed or (r->finished) there are no more rows, -1 on a format
 * error (err filled: 22P04 for a malformed line, 22021 for bad UTF-8).
 */
int			copy_reader_next(CopyReader *r, PgError *err);

/*
 * HEADER MATCH: do the fields of the header row name the columns, in
 * order? 22P04 "wrong number of fields in header line ..." or "column name
 * mismatch in header line field N ..." otherwise.
 */
bool		copy_check_header(const CopyReader *r, const char *const *names, int n,
							  PgError *err) PGW_MUSTCHECK;

/* ---- writing (COPY TO) ---- */

/*
 * Append one field: s[0..len), or the NULL string when s is NULL, escaped
 * for the format (text: backslash escapes; CSV: quoted when it must be,
 * or when force_quote). single_column: the row has one column (CSV then
 * quotes a lone "\." so it cannot end the data).
 */
void		copy_append_field(Buf *out, const CopyFormatOptions *o, const char *s, size_t len,
							  bool force_quote, bool single_column);

#endif							/* PGW_COPY_FORMAT_H */
