/*
 * copy_format.c
 *		COPY's text and CSV formats: splitting a byte stream into lines and
 *		fields, decoding escapes, and escaping fields on the way out.
 *
 * Owns: PostgreSQL's rules for those formats (copyfromparse.c's
 * CopyReadLineText and CopyReadAttributesText/CSV, copyto.c's
 * CopyAttributeOutText/CSV) and their error messages. Pure: bytes in,
 * fields or bytes out; it never knows about tables, types or sockets, and
 * never adds CONTEXT (the caller knows the table and the column).
 */
#include "common/copy_format.h"

#include "common/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERRCODE_BAD_COPY_FILE_FORMAT "22P04"

void
copy_options_defaults(CopyFormatOptions *o, CopyFormat format)
{
	memset(o, 0, sizeof(*o));
	o->format = format;
	o->header = COPY_HEADER_NONE;
	o->delim = format == COPY_FORMAT_CSV ? ',' : '\t';
	o->quote = '"';
	o->escape = '"';
	o->null_print = format == COPY_FORMAT_CSV ? "" : "\\N";
	o->null_len = strlen(o->null_print);
}

/* ---- reader set-up ---- */

void
copy_reader_init(CopyReader *r, const CopyFormatOptions *opts)
{
	memset(r, 0, sizeof(*r));
	r->opts = *opts;
	buf_init(&r->in);
	buf_init(&r->values);
	r->special['\r'] = r->special['\n'] = r->special['\\'] = 1;
	if (opts->format == COPY_FORMAT_CSV)
		r->special[(unsigned char) opts->quote] = r->special[(unsigned char) opts->escape] = 1;
}

void
copy_reader_free(CopyReader *r)
{
	buf_free(&r->in);
	buf_free(&r->values);
	free(r->fields);
	r->fields = NULL;
	r->cap = 0;
}

bool
copy_reader_feed(CopyReader *r, const void *data, size_t len)
{
	if (r->finished)
		return true;			/* after \. the rest is ignored, as PostgreSQL does */
	/* drop consumed lines before growing the buffer */
	if (r->in_pos > 0 && (r->in_pos >= r->in.len / 2 || r->in.len + len > r->in.cap))
	{
		buf_consume(&r->in, r->in_pos);
		r->scan -= r->in_pos;
		r->in_pos = 0;
	}
	buf_append(&r->in, data, len);
	return !buf_failed(&r->in);
}

void
copy_reader_finish(CopyReader *r)
{
	r->input_done = true;
}

/* ---- finding the end of a line ---- */

static bool
format_error(PgError *err, const char *msg, const char *hint)
{
	pgerr_set(err, ERRCODE_BAD_COPY_FILE_FORMAT, "%s", msg);
	if (hint != NULL)
		pgerr_set_hint(err, "%s", hint);
	return false;
}

static void
stray_cr(const CopyReader *r, PgError *err)
{
	if (r->opts.format == COPY_FORMAT_CSV)
		format_error(err, "unquoted carriage return found in data",
					 "Use quoted CSV field to represent carriage return.");
	else
		format_error(err, "literal carriage return found in data",
					 "Use \"\\r\" to represent carriage return.");
}

static void
stray_nl(const CopyReader *r, PgError *err)
{
	if (r->opts.format == COPY_FORMAT_CSV)
		format_error(err, "unquoted newline found in data",
					 "Use quoted CSV field to represent newline.");
	else
		format_error(err, "literal newline found in data",
					 "Use \"\\n\" to represent newline.");
}

typedef enum LineScan
{
	SCAN_ERROR = -1,
	SCAN_MORE = 0,				/* the line does not end in the bytes so far */
	SCAN_LINE,					/* a line ended by a newline */
	SCAN_MARKER,				/* a line ended by the end marker \. */
	SCAN_EOF					/* the rest of the input is the last line */
} LineScan;

/*
 * Look for the end of the line starting at in_pos, from scan on (PostgreSQL's
 * CopyReadLineText). *end: where the line's data ends; *next: where the next
 * line starts. Needing a byte not received yet rewinds to the character that
 * needed it, so the search resumes there when more arrives.
 */
static LineScan
scan_line(CopyReader *r, size_t *end, size_t *next, PgError *err)
{
	const char *buf = r->in.data;
	size_t		len = r->in.len;
	size_t		i = r->scan;
	bool		csv = r->opts.format == COPY_FORMAT_CSV;
	int			quotec = csv ? (unsigned char) r->opts.quote : -1;
	int			escapec = csv ? (unsigned char) r->opts.escape : -1;
	bool		more = !r->input_done;

	if (quotec == escapec)
		escapec = -1;			/* the quote doubled is its own escape */

	while (i < len)
	{
		size_t		run = i;
		size_t		at;
		unsigned char c;

		/* most bytes mean nothing to the scanner: pass them in one go */
		while (i < len && !r->special[(unsigned char) buf[i]])
			i++;
		if (i > run)
			r->last_was_esc = false;
		if (i >= len)
			break;
		at = i;
		c = (unsigned char) buf[i++];

		if (csv)
		{
			/* \ and \r may need the next byte: have it before changing state */
			if ((c == '\\' || c == '\r') && i >= len && more)
			{
				i = at;
				break;
			}
			if (r->in_quote && c == escapec)
				r->last_was_esc = !r->last_was_esc;
			if (c == quotec && !r->last_was_esc)
				r->in_quote = !r->in_quote;
			if (c != escapec)
				r->last_was_esc = false;
			if (r->in_quote && c == (r->eol == COPY_EOL_NL ? '\n' : '\r'))
				r->embedded++;
		}

		if (c == '\r' && !(csv && r->in_quote))
		{
			if (r->eol == COPY_EOL_UNKNOWN || r->eol == COPY_EOL_CRNL)
			{
				if (i >= len && more)
				{
					i = at;
					break;
				}
				if (i < len && buf[i] == '\n')
				{
					i++;
					r->eol = COPY_EOL_CRNL;
				}
				else if (r->eol == COPY_EOL_CRNL)
				{
					stray_cr(r, err);
					return SCAN_ERROR;
				}
				else
					r->eol = COPY_EOL_CR;
			}
			else if (r->eol == COPY_EOL_NL)
			{
				stray_cr(r, err);
				return SCAN_ERROR;
			}
			*end = at;
			*next = i;
			return SCAN_LINE;
		}
		if (c == '\n' && !(csv && r->in_quote))
		{
			if (r->eol == COPY_EOL_CR || r->eol == COPY_EOL_CRNL)
			{
				stray_nl(r, err);
				return SCAN_ERROR;
			}
			r->eol = COPY_EOL_NL;
			*end = at;
			*next = i;
			return SCAN_LINE;
		}
		/* CSV knows \. only alone on a line: there it may be data */
		if (c == '\\' && (!csv || at == r->in_pos))
		{
			size_t		j = i;
			unsigned char c2;

			if (j >= len)
			{
				if (more)
				{
					i = at;
					break;
				}
				i = len;		/* a backslash just before the end is data */
				break;
			}
			if (buf[j] != '.')
			{
				if (!csv)
					i++;		/* in text, the escaped character is data */
				continue;
			}
			j++;
			if (r->eol == COPY_EOL_CRNL)
			{
				if (j >= len && more)
				{
					i = at;
					break;
				}
				c2 = j < len ? (unsigned char) buf[j++] : '\0';
				if (c2 == '\n' || c2 != '\r')
				{
					if (csv)
						continue;	/* data after all: go on after the backslash */
					if (c2 == '\n')
						format_error(err, "end-of-copy marker does not match previous newline style", NULL);
					else
						format_error(err, "end-of-copy marker corrupt", NULL);
					return SCAN_ERROR;
				}
			}
			if (j >= len && more)
			{
				i = at;
				break;
			}
			c2 = j < len ? (unsigned char) buf[j++] : '\0';
			if (c2 != '\r' && c2 != '\n')
			{
				if (csv)
					continue;
				format_error(err, "end-of-copy marker corrupt", NULL);
				return SCAN_ERROR;
			}
			if ((r->eol == COPY_EOL_NL && c2 != '\n') ||
				(r->eol == COPY_EOL_CRNL && c2 != '\n') ||
				(r->eol == COPY_EOL_CR && c2 != '\r'))
			{
				format_error(err, "end-of-copy marker does not match previous newline style", NULL);
				return SCAN_ERROR;
			}
			*end = at;
			*next = j;
			return SCAN_MARKER;
		}
	}
	r->scan = i;
	if (i < len || more)
		return SCAN_MORE;
	*end = len;
	*next = len;
	return SCAN_EOF;
}

/* ---- splitting a line into fields ---- */

static bool
reserve_fields(CopyReader *r, int n)
{
	CopyField  *f;
	int			cap;

	if (n <= r->cap)
		return true;
	cap = r->cap ? r->cap * 2 : 16;
	while (cap < n)
		cap *= 2;
	f = realloc(r->fields, (size_t) cap * sizeof(CopyField));
	if (f == NULL)
		return false;
	r->fields = f;
	r->cap = cap;
	return true;
}

/*
 * Decode one text-format field from line[*pos ..), stopping at the
 * delimiter or the end, into out. Returns the bytes written; *saw_high is
 * set when an escape produced a non-ASCII byte (or NUL), whose result must
 * be checked as UTF-8; *found_delim when a delimiter ended the field.
 */
static size_t
decode_text_field(const char *line, size_t len, size_t *pos, char delim, char *out,
				  bool *saw_high, bool *found_delim)
{
	size_t		i = *pos;
	char	   *o = out;

	*saw_high = false;
	*found_delim = false;
	while (i < len)
	{
		unsigned char c = (unsigned char) line[i++];

		if (c == (unsigned char) delim)
		{
			*found_delim = true;
			break;
		}
		if (c == '\\')
		{
			if (i >= len)
				break;
			c = (unsigned char) line[i++];
			if (c >= '0' && c <= '7')
			{
				int			val = c - '0';

				for (int k = 0; k < 2 && i < len && line[i] >= '0' && line[i] <= '7'; k++)
					val = (val << 3) + (line[i++] - '0');
				c = (unsigned char) (val & 0377);
				if (c == 0 || c >= 0x80)
					*saw_high = true;
			}
			else if (c == 'x')
			{
				int			h;

				if (i < len && (h = hex_digit_value((unsigned char) line[i])) >= 0)
				{
					int			val = h;

					i++;
					if (i < len && (h = hex_digit_value((unsigned char) line[i])) >= 0)
					{
						val = (val << 4) + h;
						i++;
					}
					c = (unsigned char) val;
					if (c == 0 || c >= 0x80)
						*saw_high = true;
				}
			}
			else
			{
				switch (c)
				{
					case 'b':
						c = '\b';
						break;
					case 'f':
						c = '\f';
						break;
					case 'n':
						c = '\n';
						break;
					case 'r':
						c = '\r';
						break;
					case 't':
						c = '\t';
						break;
					case 'v':
						c = '\v';
						break;
					default:
						break;	/* any other character stands for itself */
				}
			}
		}
		*o++ = (char) c;
	}
	*pos = i;
	return (size_t) (o - out);
}

/* The fields of a text-format line (CopyReadAttributesText). */
static bool
split_text(CopyReader *r, const char *line, size_t len, PgError *err)
{
	char	   *base = r->values.data;
	char	   *o = base;
	size_t		pos = 0;

	for (;;)
	{
		size_t		start = pos;
		size_t		n;
		bool		saw_high;
		bool		found_delim;
		CopyField  *f;
		size_t		raw_len;

		if (!reserve_fields(r, r->nfields + 1))
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return false;
		}
		n = decode_text_field(line, len, &pos, r->opts.delim, o, &saw_high, &found_delim);
		raw_len = pos - start - (found_delim ? 1 : 0);
		f = &r->fields[r->nfields++];
		f->quoted = false;
		f->len = n;
		/* the NULL string is compared with the field as written, before decoding */
		if (raw_len == r->opts.null_len && memcmp(line + start, r->opts.null_print, raw_len) == 0)
			f->data = NULL;
		else
		{
			if (saw_high && !utf8_check(o, n, err))
				return false;
			f->data = o;
		}
		o[n] = '\0';
		o += n + 1;
		if (!found_delim)
			break;
	}
	return true;
}

/* The fields of a CSV line (CopyReadAttributesCSV). */
static bool
split_csv(CopyReader *r, const char *line, size_t len, PgError *err)
{
	char	   *o = r->values.data;
	char		delimc = r->opts.delim;
	char		quotec = r->opts.quote;
	char		escapec = r->opts.escape;
	size_t		i = 0;

	for (;;)
	{
		size_t		start = i;
		size_t		end = i;
		char	   *field = o;
		bool		found_delim = false;
		bool		saw_quote = false;
		CopyField  *f;

		if (!reserve_fields(r, r->nfields + 1))
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return false;
		}
		for (;;)
		{
			char		c;

			/* not in quotes */
			for (;;)
			{
				end = i;
				if (i >= len)
					goto endfield;
				c = line[i++];
				if (c == delimc)
				{
					found_delim = true;
					goto endfield;
				}
				if (c == quotec)
				{
					saw_quote = true;
					break;
				}
				*o++ = c;
			}
			/* in quotes */
			for (;;)
			{
				end = i;
				if (i >= len)
					return format_error(err, "unterminated CSV quoted field", NULL);
				c = line[i++];
				if (c == escapec && i < len && (line[i] == escapec || line[i] == quotec))
				{
					*o++ = line[i++];
					continue;
				}
				if (c == quotec)
					break;
				*o++ = c;
			}
		}
endfield:
		f = &r->fields[r->nfields++];
		f->quoted = saw_quote;
		f->len = (size_t) (o - field);
		*o++ = '\0';
		if (!saw_quote && end - start == r->opts.null_len &&
			memcmp(line + start, r->opts.null_print, r->opts.null_len) == 0)
			f->data = NULL;
		else
			f->data = field;
		if (!found_delim)
			break;
	}
	return true;
}

static bool
split_line(CopyReader *r, const char *line, size_t len, PgError *err)
{
	r->nfields = 0;
	buf_reset(&r->values);
	/* the decoded fields never outgrow the line, plus one NUL each */
	if (!buf_reserve(&r->values, 2 * len + 2))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	if (!utf8_check(line, len, err))
		return false;
	return r->opts.format == COPY_FORMAT_CSV ? split_csv(r, line, len, err) :
		split_text(r, line, len, err);
}

int
copy_reader_next(CopyReader *r, PgError *err)
{
	size_t		end = 0;
	size_t		next = 0;
	LineScan	scan;

	if (r->finished)
		return 0;
	scan = scan_line(r, &end, &next, err);
	if (scan == SCAN_ERROR)
	{
		r->lineno += 1 + r->embedded;
		r->line = NULL;
		r->line_len = 0;
		return -1;
	}
	if (scan == SCAN_MORE)
		return 0;

	r->row_is_header = r->lineno == 0 && r->opts.header != COPY_HEADER_NONE;
	r->line = r->in.data ? r->in.data + r->in_pos : "";	/* no data at all: an empty line */
	r->line_len = end - r->in_pos;
	r->in_pos = next;
	r->scan = next;
	if (scan != SCAN_LINE)
	{
		r->finished = true;
		/* an empty last line (or nothing before \.) is no row; a header still is */
		if (r->line_len == 0 && !r->row_is_header)
			return 0;
	}
	r->lineno += 1 + r->embedded;
	r->embedded = 0;
	r->in_quote = false;
	r->last_was_esc = false;
	if (!split_line(r, r->line, r->line_len, err))
		return -1;
	return 1;
}

bool
copy_check_header(const CopyReader *r, const char *const *names, int n, PgError *err)
{
	if (r->nfields != n)
	{
		pgerr_set(err, ERRCODE_BAD_COPY_FILE_FORMAT,
				  "wrong number of fields in header line: got %d, expected %d", r->nfields, n);
		return false;
	}
	for (int i = 0; i < n; i++)
	{
		const CopyField *f = &r->fields[i];

		if (f->data == NULL)
		{
			pgerr_set(err, ERRCODE_BAD_COPY_FILE_FORMAT,
					  "column name mismatch in header line field %d: got null value (\"%s\"), expected \"%s\"",
					  i + 1, r->opts.null_print, names[i]);
			return false;
		}
		if (strcmp(f->data, names[i]) != 0)
		{
			pgerr_set(err, ERRCODE_BAD_COPY_FILE_FORMAT,
					  "column name mismatch in header line field %d: got \"%s\", expected \"%s\"",
					  i + 1, f->data, names[i]);
			return false;
		}
	}
	return true;
}

/* ---- writing ---- */

/* Text format (CopyAttributeOutText): control characters, \ and the delimiter escaped. */
static void
append_text(Buf *out, char delim, const char *s, size_t len)
{
	size_t		start = 0;

	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];
		char		esc;

		if (c >= 0x20 && c != '\\' && c != (unsigned char) delim)
			continue;
		if (c == '\\' || (c == (unsigned char) delim && c >= 0x20))
		{
			buf_append(out, s + start, i - start);
			buf_append_byte(out, '\\');
			start = i;			/* the character itself follows */
			continue;
		}
		switch (c)
		{
			case '\b':
				esc = 'b';
				break;
			case '\f':
				esc = 'f';
				break;
			case '\n':
				esc = 'n';
				break;
			case '\r':
				esc = 'r';
				break;
			case '\t':
				esc = 't';
				break;
			case '\v':
				esc = 'v';
				break;
			default:
				if (c != (unsigned char) delim)
					continue;	/* other control characters pass as they are */
				esc = (char) c;
				break;
		}
		buf_append(out, s + start, i - start);
		buf_append_byte(out, '\\');
		buf_append_byte(out, (uint8_t) esc);
		start = i + 1;
	}
	buf_append(out, s + start, len - start);
}

/* CSV (CopyAttributeOutCSV): quoted when it holds a delimiter, quote or newline. */
static void
append_csv(Buf *out, const CopyFormatOptions *o, const char *s, size_t len, bool quote,
		   bool single_column)
{
	size_t		start = 0;

	if (!quote && len == o->null_len && memcmp(s, o->null_print, len) == 0)
		quote = true;
	if (!quote && single_column && len == 2 && s[0] == '\\' && s[1] == '.')
		quote = true;
	for (size_t i = 0; !quote && i < len; i++)
	{
		char		c = s[i];

		quote = c == o->delim || c == o->quote || c == '\n' || c == '\r';
	}
	if (!quote)
	{
		buf_append(out, s, len);
		return;
	}
	buf_append_byte(out, (uint8_t) o->quote);
	for (size_t i = 0; i < len; i++)
	{
		if (s[i] == o->quote || s[i] == o->escape)
		{
			buf_append(out, s + start, i - start);
			buf_append_byte(out, (uint8_t) o->escape);
			start = i;
		}
	}
	buf_append(out, s + start, len - start);
	buf_append_byte(out, (uint8_t) o->quote);
}

void
copy_append_field(Buf *out, const CopyFormatOptions *o, const char *s, size_t len,
				  bool force_quote, bool single_column)
{
	if (s == NULL)
		buf_append(out, o->null_print, o->null_len);
	else if (o->format == COPY_FORMAT_CSV)
		append_csv(out, o, s, len, force_quote, single_column);
	else
		append_text(out, o->delim, s, len);
}
