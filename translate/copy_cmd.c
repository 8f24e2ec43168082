/*
 * copy_cmd.c
 *		Parsing the COPY statement.
 *
 * Owns: COPY's grammar as PostgreSQL's gram.y accepts it (CopyStmt, both
 * option syntaxes) and the checks of ProcessCopyOptions() in copy.c, with
 * their SQLSTATEs and messages. It only describes the statement in a
 * CopyCmd: it never decides what pgwire refuses to run (files, programs),
 * nor looks at the table.
 */
#include "translate/copy_cmd.h"

#include "translate/xl_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NAMEDATALEN		64

typedef struct Parser
{
	XlCursor	c;				/* the statement's words, and where errors go */
	Buf			text;			/* scratch for decoded names and strings */
	CopyCmd    *cmd;
	/* which options were given (for "conflicting or redundant options") */
	bool		seen_format;
	bool		seen_header;
	bool		seen_freeze;
	bool		seen_delim;
	bool		seen_null;
	bool		seen_quote;
	bool		seen_escape;
	bool		seen_encoding;
	bool		delim_given;
	bool		quote_given;
	bool		escape_given;
	Buf			delim;
	Buf			quote;
	Buf			escape;
} Parser;

/* An option's argument, as gram.y's copy_generic_opt_arg. */
typedef enum ArgKind
{
	ARG_NONE,
	ARG_WORD,					/* an identifier or keyword, TRUE, ON ... */
	ARG_STRING,					/* a string constant */
	ARG_NUMBER,
	ARG_STAR,
	ARG_LIST					/* ( name, ... ) or, in the old syntax, name, ... */
} ArgKind;

typedef struct OptArg
{
	ArgKind		kind;
	Buf			text;			/* WORD, STRING, NUMBER: the value */
	size_t		list_from;		/* LIST: the words of the names */
	size_t		list_to;
} OptArg;

/* ---- the cursor ---- */

static bool
out_of_memory(Parser *p)
{
	pgerr_set(p->c.err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return false;
}

/* An option error at word (the option's name), as parser_errposition() places it. */
static bool
option_error(Parser *p, size_t word, const char *sqlstate, const char *fmt,...) PGW_PRINTF(4, 5);

static bool
option_error(Parser *p, size_t word, const char *sqlstate, const char *fmt,...)
{
	char		msg[512];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pgerr_set(p->c.err, sqlstate, "%s", msg);
	if (word != SIZE_MAX)
		xl_set_position(&p->c.w, p->c.err, word);
	return false;
}

/* ---- names ---- */

/* Decode the name at word i into out[NAMEDATALEN], cut as truncate_identifier() cuts. */
static bool
decode_name(Parser *p, size_t i, char *out)
{
	size_t		n;

	buf_reset(&p->text);
	if (!xl_ident_value(p->c.w.query, &p->c.w.tok[i], &p->text, p->c.err))
		return false;
	if (buf_failed(&p->text))
		return out_of_memory(p);
	n = xl_clip_utf8(p->text.data, p->text.len, NAMEDATALEN - 1);
	memcpy(out, p->text.data, n);
	out[n] = '\0';
	return true;
}

static bool
add_column(Parser *p, CopyColumnList *list, size_t i)
{
	CopyColumn *c;

	if (list->count == list->cap)
	{
		int			cap = list->cap ? list->cap * 2 : 8;
		CopyColumn *items = realloc(list->items, (size_t) cap * sizeof(CopyColumn));

		if (items == NULL)
			return out_of_memory(p);
		list->items = items;
		list->cap = cap;
	}
	c = &list->items[list->count];
	if (!decode_name(p, i, c->name))
		return false;
	c->start = p->c.w.tok[i].start;
	c->end = (uint32_t) xl_token_end(&p->c.w.tok[i]);
	list->count++;
	return true;
}

int
xl_copy_column_index(const CopyColumnList *list, const char *name)
{
	for (int i = 0; i < list->count; i++)
	{
		if (strcmp(list->items[i].name, name) == 0)
			return i;
	}
	return -1;
}

/* Names from words [from, to): name (',' name)*. */
static bool
read_name_list(Parser *p, CopyColumnList *list, size_t from, size_t to)
{
	for (size_t i = from; i < to; i += 2)
	{
		if (!xl_word_is_name(&p->c.w, i) || (i + 1 < to && !xl_word_kind(&p->c.w, i + 1, TOK_COMMA)))
		{
			p->c.i = xl_word_is_name(&p->c.w, i) ? i + 1 : i;
			return xl_cursor_syntax_error(&p->c);
		}
		if (!add_column(p, list, i))
			return false;
	}
	list->given = true;
	return true;
}

/* ---- option values (defGetString, defGetBoolean) ---- */

static bool
arg_string(Parser *p, const char *name, const OptArg *a, Buf *out)
{
	if (a->kind == ARG_NONE)
		return option_error(p, SIZE_MAX, ERRCODE_SYNTAX_ERROR, "%s requires a parameter", name);
	if (a->kind == ARG_STAR || a->kind == ARG_LIST)
		return option_error(p, SIZE_MAX, ERRCODE_SYNTAX_ERROR, "%s requires a parameter", name);
	buf_reset(out);
	buf_append(out, a->text.data, a->text.len);
	return !buf_failed(out) || out_of_memory(p);
}

/* 1 true, 0 false, -1 "match" (when allowed), -2 an error */
static int
arg_boolean(Parser *p, const char *name, const OptArg *a, bool allow_match)
{
	const char *s = a->text.data;

	if (a->kind == ARG_NONE)
		return 1;
	if (a->kind == ARG_NUMBER)
	{
		if (strcmp(s, "0") == 0)
			return 0;
		if (strcmp(s, "1") == 0)
			return 1;
	}
	else if (a->kind == ARG_WORD || a->kind == ARG_STRING)
	{
		if (strcasecmp(s, "true") == 0 || strcasecmp(s, "on") == 0)
			return 1;
		if (strcasecmp(s, "false") == 0 || strcasecmp(s, "off") == 0)
			return 0;
		if (allow_match && strcasecmp(s, "match") == 0)
			return -1;
	}
	if (allow_match)
		option_error(p, SIZE_MAX, ERRCODE_SYNTAX_ERROR, "%s requires a Boolean value or \"match\"", name);
	else
		option_error(p, SIZE_MAX, ERRCODE_SYNTAX_ERROR, "%s requires a Boolean value", name);
	return -2;
}

static bool
conflicting(Parser *p, size_t word, bool *seen)
{
	if (*seen)
		return option_error(p, word, ERRCODE_SYNTAX_ERROR, "conflicting or redundant options");
	*seen = true;
	return true;
}

static bool
column_list_option(Parser *p, size_t word, const char *name, const OptArg *a, CopyColumnList *list,
				   bool star_allowed)
{
	if (list->given)
		return option_error(p, word, ERRCODE_SYNTAX_ERROR, "conflicting or redundant options");
	if (star_allowed && a->kind == ARG_STAR)
	{
		list->all = true;
		list->given = true;
		return true;
	}
	if (a->kind != ARG_LIST)
		return option_error(p, word, ERRCODE_INVALID_PARAMETER_VALUE,
							"argument to option \"%s\" must be a list of column names", name);
	return read_name_list(p, list, a->list_from, a->list_to);
}

/* One option, in either syntax (ProcessCopyOptions' loop). */
static bool
apply_option(Parser *p, size_t word, const char *name, const OptArg *a)
{
	CopyCmd    *cmd = p->cmd;

	if (strcmp(name, "format") == 0)
	{
		if (!conflicting(p, word, &p->seen_format) || !arg_string(p, name, a, &p->text))
			return false;
		if (strcmp(p->text.data, "text") == 0)
			cmd->opts.format = COPY_FORMAT_TEXT;
		else if (strcmp(p->text.data, "csv") == 0)
			cmd->opts.format = COPY_FORMAT_CSV;
		else if (strcmp(p->text.data, "binary") == 0)
			cmd->opts.format = COPY_FORMAT_BINARY;
		else
			return option_error(p, word, ERRCODE_INVALID_PARAMETER_VALUE,
								"COPY format \"%s\" not recognized", p->text.data);
		return true;
	}
	if (strcmp(name, "freeze") == 0)
	{
		int			b;

		if (!conflicting(p, word, &p->seen_freeze) ||
			(b = arg_boolean(p, name, a, false)) == -2)
			return false;
		cmd->freeze = b == 1;
		return true;
	}
	if (strcmp(name, "delimiter") == 0)
		return conflicting(p, word, &p->seen_delim) && arg_string(p, name, a, &p->delim);
	if (strcmp(name, "null") == 0)
		return conflicting(p, word, &p->seen_null) && arg_string(p, name, a, &cmd->null_text);
	if (strcmp(name, "header") == 0)
	{
		int			b;

		if (!conflicting(p, word, &p->seen_header) ||
			(b = arg_boolean(p, name, a, true)) == -2)
			return false;
		if (b == -1 && !cmd->is_from)
			return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED,
								"cannot use \"%s\" with HEADER in COPY TO", "match");
		cmd->opts.header = b == -1 ? COPY_HEADER_MATCH : b == 1 ? COPY_HEADER_SKIP : COPY_HEADER_NONE;
		return true;
	}
	if (strcmp(name, "quote") == 0)
		return conflicting(p, word, &p->seen_quote) && arg_string(p, name, a, &p->quote);
	if (strcmp(name, "escape") == 0)
		return conflicting(p, word, &p->seen_escape) && arg_string(p, name, a, &p->escape);
	if (strcmp(name, "force_quote") == 0)
		return column_list_option(p, word, name, a, &cmd->force_quote, true);
	if (strcmp(name, "force_not_null") == 0)
		return column_list_option(p, word, name, a, &cmd->force_not_null, false);
	if (strcmp(name, "force_null") == 0)
		return column_list_option(p, word, name, a, &cmd->force_null, false);
	if (strcmp(name, "encoding") == 0)
	{
		if (!conflicting(p, word, &p->seen_encoding) || !arg_string(p, name, a, &p->text))
			return false;
		pgerr_copy_text(cmd->encoding, sizeof(cmd->encoding), p->text.data);
		return true;
	}
	return option_error(p, word, ERRCODE_SYNTAX_ERROR, "option \"%s\" not recognized", name);
}

/* ---- the two option syntaxes ---- */

/* A string constant at the cursor into a->text. */
static bool
read_string(Parser *p, OptArg *a)
{
	if (!xl_word_kind(&p->c.w, p->c.i, TOK_STRING))
		return xl_cursor_syntax_error(&p->c);
	buf_reset(&a->text);
	if (!xl_string_value(p->c.w.query, &p->c.w.tok[p->c.i], &a->text, p->c.err))
		return false;
	p->c.i++;
	a->kind = ARG_STRING;
	return !buf_failed(&a->text) || out_of_memory(p);
}

/* One argument of the parenthesised syntax (copy_generic_opt_arg). */
static bool
read_generic_arg(Parser *p, OptArg *a)
{
	const Token *t = p->c.i < p->c.w.n ? &p->c.w.tok[p->c.i] : NULL;

	a->kind = ARG_NONE;
	if (t == NULL || t->kind == TOK_COMMA || t->kind == TOK_RPAREN)
		return true;
	if (t->kind == TOK_STRING)
		return read_string(p, a);
	if (t->kind == TOK_LPAREN)
	{
		size_t		close = xl_matching_close(&p->c.w, p->c.i);

		if (close == SIZE_MAX)
		{
			p->c.i = p->c.w.n;
			return xl_cursor_syntax_error(&p->c);
		}
		a->kind = ARG_LIST;
		a->list_from = p->c.i + 1;
		a->list_to = close;
		p->c.i = close + 1;
		return true;
	}
	if (xl_word_is_op(&p->c.w, p->c.i, '*'))
	{
		a->kind = ARG_STAR;
		p->c.i++;
		return true;
	}
	buf_reset(&a->text);
	if (t->kind == TOK_INTEGER || t->kind == TOK_NUMERIC ||
		((xl_word_is_op(&p->c.w, p->c.i, '-') || xl_word_is_op(&p->c.w, p->c.i, '+')) &&
		 (xl_word_kind(&p->c.w, p->c.i + 1, TOK_INTEGER) || xl_word_kind(&p->c.w, p->c.i + 1, TOK_NUMERIC))))
	{
		if (t->kind == TOK_OPERATOR)
		{
			if (p->c.w.query[t->start] == '-')
				buf_append_byte(&a->text, '-');
			t = &p->c.w.tok[++p->c.i];
		}
		buf_append(&a->text, p->c.w.query + t->start, t->len);
		a->kind = ARG_NUMBER;
		p->c.i++;
		return !buf_failed(&a->text) || out_of_memory(p);
	}
	if (t->kind == TOK_IDENT || t->kind == TOK_QIDENT)
	{
		if (!xl_ident_value(p->c.w.query, t, &a->text, p->c.err))
			return false;
		a->kind = ARG_WORD;
		p->c.i++;
		return !buf_failed(&a->text) || out_of_memory(p);
	}
	return xl_cursor_syntax_error(&p->c);
}

/* ( name [arg] [, ...] ) */
static bool
read_generic_options(Parser *p)
{
	OptArg		a;
	bool		ok = true;

	memset(&a, 0, sizeof(a));
	buf_init(&a.text);
	p->c.i++;						/* ( */
	while (ok)
	{
		char		name[NAMEDATALEN];
		size_t		word = p->c.i;

		if (!xl_word_kind(&p->c.w, p->c.i, TOK_IDENT) && !xl_word_kind(&p->c.w, p->c.i, TOK_QIDENT))
		{
			ok = xl_cursor_syntax_error(&p->c);
			break;
		}
		ok = decode_name(p, p->c.i, name);
		p->c.i++;
		ok = ok && read_generic_arg(p, &a) && apply_option(p, word, name, &a);
		if (!ok || xl_cursor_accept_kind(&p->c, TOK_RPAREN))
			break;
		ok = xl_cursor_expect_kind(&p->c, TOK_COMMA);
	}
	buf_free(&a.text);
	return ok;
}

/* The old option words: BINARY, CSV, HEADER, DELIMITER [AS] 'x', FORCE QUOTE a, b ... */
static bool
read_legacy_option(Parser *p, OptArg *a)
{
	size_t		word = p->c.i;
	const char *name = NULL;

	a->kind = ARG_NONE;
	buf_reset(&a->text);
	if (xl_cursor_accept_kw(&p->c, "binary") || xl_cursor_accept_kw(&p->c, "csv"))
	{
		buf_append_str(&a->text, xl_word_is(&p->c.w, word, "csv") ? "csv" : "binary");
		a->kind = ARG_WORD;
		name = "format";
	}
	else if (xl_cursor_accept_kw(&p->c, "freeze"))
		name = "freeze";
	else if (xl_cursor_accept_kw(&p->c, "header"))
		name = "header";
	else if (xl_cursor_accept_kw(&p->c, "delimiter") || xl_cursor_accept_kw(&p->c, "null") || xl_cursor_accept_kw(&p->c, "quote") ||
			 xl_cursor_accept_kw(&p->c, "escape") || xl_cursor_accept_kw(&p->c, "encoding"))
	{
		static const char *const names[] = {"delimiter", "null", "quote", "escape", "encoding"};

		for (size_t k = 0; k < lengthof(names); k++)
		{
			if (xl_word_is(&p->c.w, word, names[k]))
				name = names[k];
		}
		if (strcmp(name, "encoding") != 0)
			(void) xl_cursor_accept_kw(&p->c, "as");
		if (!read_string(p, a))
			return false;
	}
	else if (xl_cursor_accept_kw(&p->c, "force"))
	{
		size_t		from;

		if (xl_cursor_accept_kw(&p->c, "quote"))
			name = "force_quote";
		else if (xl_cursor_accept_kw(&p->c, "not"))
		{
			if (!xl_cursor_accept_kw(&p->c, "null"))
				return xl_cursor_syntax_error(&p->c);
			name = "force_not_null";
		}
		else if (xl_cursor_accept_kw(&p->c, "null"))
			name = "force_null";
		else
			return xl_cursor_syntax_error(&p->c);
		if (strcmp(name, "force_quote") == 0 && xl_word_is_op(&p->c.w, p->c.i, '*'))
		{
			a->kind = ARG_STAR;
			p->c.i++;
		}
		else
		{
			/* columnList without parentheses */
			from = p->c.i;
			if (!xl_word_is_name(&p->c.w, p->c.i))
				return xl_cursor_syntax_error(&p->c);
			p->c.i++;
			while (xl_word_kind(&p->c.w, p->c.i, TOK_COMMA) && xl_word_is_name(&p->c.w, p->c.i + 1))
				p->c.i += 2;
			a->kind = ARG_LIST;
			a->list_from = from;
			a->list_to = p->c.i;
		}
	}
	else
		return xl_cursor_syntax_error(&p->c);
	if (buf_failed(&a->text))
		return out_of_memory(p);
	return apply_option(p, word, name, a);
}

static bool
read_legacy_options(Parser *p)
{
	OptArg		a;
	bool		ok = true;

	memset(&a, 0, sizeof(a));
	buf_init(&a.text);
	while (ok && !xl_cursor_at_end(&p->c) && !xl_word_is(&p->c.w, p->c.i, "where"))
		ok = read_legacy_option(p, &a);
	buf_free(&a.text);
	return ok;
}

/* ---- checks after all options (ProcessCopyOptions' tail) ---- */

static bool
check_char_option(Parser *p, const Buf *value, bool given, char *out, const char *what)
{
	if (!given)
		return true;
	if (value->len != 1)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED,
							"COPY %s must be a single one-byte character", what);
	*out = value->data[0];
	return true;
}

static bool
check_options(Parser *p)
{
	CopyCmd    *c = p->cmd;
	CopyFormatOptions *o = &c->opts;
	bool		csv = o->format == COPY_FORMAT_CSV;
	bool		binary = o->format == COPY_FORMAT_BINARY;
	CopyFormatOptions defaults;

	if (binary && p->seen_delim)
		return option_error(p, SIZE_MAX, ERRCODE_SYNTAX_ERROR, "cannot specify DELIMITER in BINARY mode");
	if (binary && p->seen_null)
		return option_error(p, SIZE_MAX, ERRCODE_SYNTAX_ERROR, "cannot specify NULL in BINARY mode");

	copy_options_defaults(&defaults, o->format);
	o->delim = defaults.delim;
	o->quote = defaults.quote;
	if (!p->seen_null)
	{
		buf_reset(&c->null_text);
		buf_append_str(&c->null_text, defaults.null_print);
	}
	if (buf_failed(&c->null_text))
		return out_of_memory(p);
	o->null_print = c->null_text.data ? c->null_text.data : "";
	o->null_len = c->null_text.len;

	if (!check_char_option(p, &p->delim, p->seen_delim, &o->delim, "delimiter"))
		return false;
	if (o->delim == '\r' || o->delim == '\n')
		return option_error(p, SIZE_MAX, ERRCODE_INVALID_PARAMETER_VALUE,
							"COPY delimiter cannot be newline or carriage return");
	if (memchr(o->null_print, '\r', o->null_len) || memchr(o->null_print, '\n', o->null_len))
		return option_error(p, SIZE_MAX, ERRCODE_INVALID_PARAMETER_VALUE,
							"COPY null representation cannot use newline or carriage return");
	if (!csv && o->delim != '\0' && strchr("\\.abcdefghijklmnopqrstuvwxyz0123456789", o->delim) != NULL)
		return option_error(p, SIZE_MAX, ERRCODE_INVALID_PARAMETER_VALUE,
							"COPY delimiter cannot be \"%c\"", o->delim);
	if (binary && o->header != COPY_HEADER_NONE)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED, "cannot specify HEADER in BINARY mode");
	if (!csv && p->seen_quote)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED, "COPY quote available only in CSV mode");
	if (csv && !check_char_option(p, &p->quote, p->seen_quote, &o->quote, "quote"))
		return false;
	if (csv && o->delim == o->quote)
		return option_error(p, SIZE_MAX, ERRCODE_INVALID_PARAMETER_VALUE,
							"COPY delimiter and quote must be different");
	if (!csv && p->seen_escape)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED, "COPY escape available only in CSV mode");
	o->escape = o->quote;
	if (csv && !check_char_option(p, &p->escape, p->seen_escape, &o->escape, "escape"))
		return false;
	if (!csv && c->force_quote.given)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED,
							"COPY force quote available only in CSV mode");
	if (c->force_quote.given && c->is_from)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED,
							"COPY force quote only available using COPY TO");
	if (!csv && c->force_not_null.given)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED,
							"COPY force not null available only in CSV mode");
	if (c->force_not_null.given && !c->is_from)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED,
							"COPY force not null only available using COPY FROM");
	if (!csv && c->force_null.given)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED,
							"COPY force null available only in CSV mode");
	if (c->force_null.given && !c->is_from)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED,
							"COPY force null only available using COPY FROM");
	if (!binary && memchr(o->null_print, o->delim, o->null_len) != NULL)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED,
							"COPY delimiter must not appear in the NULL specification");
	if (csv && memchr(o->null_print, o->quote, o->null_len) != NULL)
		return option_error(p, SIZE_MAX, ERRCODE_FEATURE_NOT_SUPPORTED,
							"CSV quote character must not appear in the NULL specification");
	return true;
}

/* ---- the statement ---- */

/* COPY ( query ) or COPY [BINARY] name[.name[.name]] [( columns )] */
static bool
read_target(Parser *p)
{
	CopyCmd    *c = p->cmd;

	if (xl_word_kind(&p->c.w, p->c.i, TOK_LPAREN))
	{
		size_t		close = xl_matching_close(&p->c.w, p->c.i);

		if (close == SIZE_MAX || close == p->c.i + 1)
		{
			p->c.i = close == SIZE_MAX ? p->c.w.n : close;
			return xl_cursor_syntax_error(&p->c);
		}
		c->is_query = true;
		c->target_start = p->c.w.tok[p->c.i + 1].start;
		c->target_end = (uint32_t) xl_token_end(&p->c.w.tok[close - 1]);
		p->c.i = close + 1;
		return true;
	}
	if (xl_cursor_accept_kw(&p->c, "binary"))
	{
		c->opts.format = COPY_FORMAT_BINARY;
		p->seen_format = true;
	}
	if (!xl_word_is_name(&p->c.w, p->c.i))
		return xl_cursor_syntax_error(&p->c);
	c->target_start = p->c.w.tok[p->c.i].start;
	for (int parts = 0;; parts++)
	{
		if (!xl_word_is_name(&p->c.w, p->c.i))
			return xl_cursor_syntax_error(&p->c);
		if (!decode_name(p, p->c.i, c->relname))
			return false;
		p->c.i++;
		if (parts == 2 || !xl_word_kind(&p->c.w, p->c.i, TOK_DOT))
			break;
		p->c.i++;
	}
	c->target_end = (uint32_t) xl_token_end(&p->c.w.tok[p->c.i - 1]);
	if (xl_word_kind(&p->c.w, p->c.i, TOK_LPAREN))
	{
		size_t		close = xl_matching_close(&p->c.w, p->c.i);

		if (close == SIZE_MAX)
		{
			p->c.i = p->c.w.n;
			return xl_cursor_syntax_error(&p->c);
		}
		if (!read_name_list(p, &c->columns, p->c.i + 1, close))
			return false;
		for (int i = 0; i < c->columns.count; i++)
		{
			if (xl_copy_column_index(&c->columns, c->columns.items[i].name) != i)
			{
				pgerr_set(p->c.err, ERRCODE_DUPLICATE_COLUMN, "column \"%s\" specified more than once",
						  c->columns.items[i].name);
				return false;
			}
		}
		p->c.i = close + 1;
	}
	return true;
}

/* FROM | TO, [PROGRAM] STDIN | STDOUT | 'file' */
static bool
read_direction(Parser *p)
{
	CopyCmd    *c = p->cmd;

	if (xl_cursor_accept_kw(&p->c, "from"))
		c->is_from = true;
	else if (!xl_cursor_accept_kw(&p->c, "to"))
		return xl_cursor_syntax_error(&p->c);
	if (c->is_query && c->is_from)
	{
		p->c.i--;
		return xl_cursor_syntax_error(&p->c);
	}
	if (xl_cursor_accept_kw(&p->c, "program"))
	{
		c->io = COPY_IO_PROGRAM;
		return xl_cursor_expect_kind(&p->c, TOK_STRING);
	}
	if (xl_cursor_accept_kind(&p->c, TOK_STRING))
		c->io = COPY_IO_FILE;
	else if (xl_cursor_accept_kw(&p->c, "stdin") || xl_cursor_accept_kw(&p->c, "stdout"))
		c->io = COPY_IO_CLIENT;
	else
		return xl_cursor_syntax_error(&p->c);
	return true;
}

static bool
parse(Parser *p)
{
	CopyCmd    *c = p->cmd;

	p->c.i = 1;					/* after COPY */
	if (!read_target(p) || !read_direction(p))
		return false;
	/* [USING] DELIMITERS 'x' (only after a table) */
	if (!c->is_query && (xl_word_is(&p->c.w, p->c.i, "using") || xl_word_is(&p->c.w, p->c.i, "delimiters")))
	{
		OptArg		a;
		size_t		word;
		bool		ok;

		(void) xl_cursor_accept_kw(&p->c, "using");
		word = p->c.i;
		if (!xl_cursor_accept_kw(&p->c, "delimiters"))
			return xl_cursor_syntax_error(&p->c);
		memset(&a, 0, sizeof(a));
		buf_init(&a.text);
		ok = read_string(p, &a) && apply_option(p, word, "delimiter", &a);
		buf_free(&a.text);
		if (!ok)
			return false;
	}
	(void) xl_cursor_accept_kw(&p->c, "with");
	if (xl_word_kind(&p->c.w, p->c.i, TOK_LPAREN))
	{
		if (!read_generic_options(p))
			return false;
	}
	else if (!read_legacy_options(p))
		return false;
	if (xl_word_is(&p->c.w, p->c.i, "where"))
	{
		if (c->is_query || !c->is_from)
			return xl_cursor_syntax_error(&p->c);
		pgerr_set(p->c.err, ERRCODE_FEATURE_NOT_SUPPORTED, "COPY FROM ... WHERE is not supported by pgwire");
		xl_set_position(&p->c.w, p->c.err, p->c.i);
		return false;
	}
	if (!xl_cursor_at_end(&p->c))
		return xl_cursor_syntax_error(&p->c);
	return check_options(p);
}

void
xl_copy_cmd_init(CopyCmd *cmd)
{
	memset(cmd, 0, sizeof(*cmd));
	buf_init(&cmd->null_text);
	copy_options_defaults(&cmd->opts, COPY_FORMAT_TEXT);
}

void
xl_copy_cmd_free(CopyCmd *cmd)
{
	free(cmd->columns.items);
	free(cmd->force_quote.items);
	free(cmd->force_not_null.items);
	free(cmd->force_null.items);
	buf_free(&cmd->null_text);
	memset(cmd, 0, sizeof(*cmd));
}

bool
xl_parse_copy(const char *query, const StatementList *list, const Statement *stmt, CopyCmd *out,
			  PgError *err)
{
	Parser		p;
	bool		ok;

	memset(&p, 0, sizeof(p));
	xl_cursor_init(&p.c, query, list, stmt, err);
	p.cmd = out;
	buf_init(&p.text);
	buf_init(&p.delim);
	buf_init(&p.quote);
	buf_init(&p.escape);
	ok = parse(&p);
	buf_free(&p.text);
	buf_free(&p.delim);
	buf_free(&p.quote);
	buf_free(&p.escape);
	return ok;
}
