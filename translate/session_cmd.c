/*
 * session_cmd.c
 *		Parsing the session and transaction commands pgwire answers itself:
 *		SET, RESET, SHOW, DISCARD, BEGIN/START TRANSACTION, COMMIT, ROLLBACK,
 *		SAVEPOINT, RELEASE, ROLLBACK TO, SET TRANSACTION.
 *
 * Owns: the grammar of those commands as PostgreSQL's gram.y accepts them,
 * and turning SET's arguments into the text a GUC receives (PostgreSQL's
 * flatten_set_variable_args()). It only describes the command in a
 * SessionCmd; applying it is the backend's business.
 */
#include "translate/xl_internal.h"

#include <stdio.h>
#include <string.h>

#define NAMEDATALEN		64		/* identifiers are cut to NAMEDATALEN - 1 bytes */

typedef struct Parser
{
	XlCursor	c;				/* the statement's words, and where errors go */
	Buf			word;			/* scratch for decoded identifiers and literals */
} Parser;

/* ---- the cursor ---- */

static const Token *
peek(const Parser *p)
{
	return p->c.i < p->c.w.n ? &p->c.w.tok[p->c.i] : NULL;
}

static bool
peek_kw(const Parser *p, const char *kw)
{
	return xl_word_is(&p->c.w, p->c.i, kw);
}

/* Is the next word the one-character operator op? */
static bool
peek_op(const Parser *p, char op)
{
	return xl_word_is_op(&p->c.w, p->c.i, op);
}

static bool
expect_end(const Parser *p)
{
	return xl_cursor_at_end(&p->c) || xl_cursor_syntax_error(&p->c);
}

/* A form of a command pgwire does not implement. */
static bool
not_supported(Parser *p, const char *form)
{
	pgerr_set(p->c.err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported by pgwire", form);
	return false;
}

/* ---- names ---- */

/* Cut s to at most max bytes without splitting a UTF-8 character. */
static size_t
clip_utf8(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char) s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/*
 * Append the next word, an identifier (ColId), to name[size], cut to
 * NAMEDATALEN - 1 bytes as PostgreSQL's truncate_identifier().
 */
static bool
append_col_id(Parser *p, char *name, size_t size)
{
	const Token *t = peek(p);
	size_t		used = strlen(name);
	size_t		n;

	if (t == NULL || (t->kind != TOK_IDENT && t->kind != TOK_QIDENT))
		return xl_cursor_syntax_error(&p->c);
	buf_reset(&p->word);
	if (!xl_ident_value(p->c.w.query, t, &p->word, p->c.err))
		return false;
	n = clip_utf8(p->word.data, p->word.len, NAMEDATALEN - 1);
	if (used + n >= size)
	{
		pgerr_set(p->c.err, ERRCODE_INVALID_NAME, "name is too long");
		return false;
	}
	memcpy(name + used, p->word.data, n);
	name[used + n] = '\0';
	p->c.i++;
	return true;
}

/* var_name: ColId ('.' ColId)*, e.g. myapp.setting */
static bool
parse_var_name(Parser *p, SessionCmd *out)
{
	out->name[0] = '\0';
	if (!append_col_id(p, out->name, sizeof(out->name)))
		return false;
	while (xl_cursor_accept_kind(&p->c, TOK_DOT))
	{
		size_t		used = strlen(out->name);

		if (used + 1 >= sizeof(out->name))
		{
			pgerr_set(p->c.err, ERRCODE_INVALID_NAME, "name is too long");
			return false;
		}
		out->name[used] = '.';
		out->name[used + 1] = '\0';
		if (!append_col_id(p, out->name, sizeof(out->name)))
			return false;
	}
	return true;
}

static void
set_name(SessionCmd *out, const char *name)
{
	pgerr_copy_text(out->name, sizeof(out->name), name);
}

/* ---- SET values ---- */

/* PostgreSQL's quote_identifier(), without its keyword check. */
static void
append_quoted_if_needed(Buf *out, const char *s, size_t len)
{
	bool		safe = len > 0 && ((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_');

	for (size_t i = 0; i < len && safe; i++)
		safe = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_';
	if (safe)
	{
		buf_append(out, s, len);
		return;
	}
	buf_append_byte(out, '"');
	for (size_t i = 0; i < len; i++)
	{
		if (s[i] == '"')
			buf_append_byte(out, '"');
		buf_append_byte(out, (uint8_t) s[i]);
	}
	buf_append_byte(out, '"');
}

/* Is the TOK_STRING t a B'' or X'' literal (not a string constant)? */
static bool
is_bit_string(const char *query, const Token *t)
{
	char		c = (char) (query[t->start] | 0x20);

	return t->kind == TOK_STRING && (c == 'b' || c == 'x');
}

/*
 * NumericOnly: [+|-] number. Integers that fit int4 are printed in decimal
 * (PostgreSQL makes them Integer nodes); others as written, negated by a
 * leading '-' (doNegateFloat()).
 */
static bool
append_number(Parser *p, Buf *out)
{
	bool		negative = peek_op(p, '-');
	const Token *t;
	const char *text;
	uint64_t	v;

	if (negative || peek_op(p, '+'))
		p->c.i++;
	t = peek(p);
	if (t == NULL || (t->kind != TOK_INTEGER && t->kind != TOK_NUMERIC))
		return xl_cursor_syntax_error(&p->c);
	text = p->c.w.query + t->start;
	if (t->kind == TOK_INTEGER && xl_integer_literal_value(text, t->len, &v) &&
		v <= (uint64_t) INT32_MAX + (negative ? 1 : 0))
		buf_appendf(out, "%s%llu", negative && v != 0 ? "-" : "", (unsigned long long) v);
	else
	{
		if (negative)
			buf_append_byte(out, '-');
		buf_append(out, text, t->len);
	}
	p->c.i++;
	return true;
}

/*
 * One var_value: a string constant (decoded), an identifier or keyword
 * (down-cased unless quoted), or a number. search_path-like lists quote
 * identifiers that need it, as GUC_LIST_QUOTE does.
 */
static bool
append_var_value(Parser *p, Buf *out, bool list_quote)
{
	const Token *t = peek(p);
	bool		ok;

	if (t == NULL || peek_kw(p, "default") || is_bit_string(p->c.w.query, t))
		return xl_cursor_syntax_error(&p->c);
	buf_reset(&p->word);
	switch (t->kind)
	{
		case TOK_STRING:
		case TOK_DOLLAR_STRING:
			ok = xl_string_value(p->c.w.query, t, &p->word, p->c.err);
			break;
		case TOK_IDENT:
		case TOK_QIDENT:
			ok = xl_ident_value(p->c.w.query, t, &p->word, p->c.err);
			break;
		default:
			return append_number(p, out);
	}
	if (!ok)
		return false;
	if (list_quote)
		append_quoted_if_needed(out, p->word.data ? p->word.data : "", p->word.len);
	else
		buf_append(out, p->word.data ? p->word.data : "", p->word.len);
	p->c.i++;
	return true;
}

/* var_list: var_value (',' var_value)*, joined with ", " */
static bool
parse_var_list(Parser *p, SessionCmd *out)
{
	bool		list_quote = strcmp(out->name, "search_path") == 0;

	if (!append_var_value(p, &out->value, list_quote))
		return false;
	while (xl_cursor_accept_kind(&p->c, TOK_COMMA))
	{
		buf_append_str(&out->value, ", ");
		if (!append_var_value(p, &out->value, list_quote))
			return false;
	}
	return expect_end(p);
}

/* {TO | =} {DEFAULT | var_list} after a parameter name */
static bool
parse_generic_set(Parser *p, SessionCmd *out)
{
	if (xl_cursor_accept_kw(&p->c, "from"))
		return peek_kw(p, "current") ? not_supported(p, "SET FROM CURRENT") : xl_cursor_syntax_error(&p->c);
	if (!xl_cursor_accept_kw(&p->c, "to"))
	{
		if (!peek_op(p, '='))
			return xl_cursor_syntax_error(&p->c);
		p->c.i++;
	}
	if (xl_cursor_accept_kw(&p->c, "default"))
	{
		out->is_default = true;
		return expect_end(p);
	}
	return parse_var_list(p, out);
}

/* SET TIME ZONE {'zone' | zone | number | LOCAL | DEFAULT} */
static bool
parse_time_zone(Parser *p, SessionCmd *out)
{
	set_name(out, "TimeZone");
	if (xl_cursor_accept_kw(&p->c, "local") || xl_cursor_accept_kw(&p->c, "default"))
	{
		out->is_default = true;
		return expect_end(p);
	}
	if (peek_kw(p, "interval"))
		return not_supported(p, "SET TIME ZONE INTERVAL");
	return append_var_value(p, &out->value, false) && expect_end(p);
}

/* A single string constant: SET NAMES 'x', SET SCHEMA 'x'. */
static bool
parse_string_arg(Parser *p, SessionCmd *out, bool list_quote)
{
	const Token *t = peek(p);

	if (t == NULL || (t->kind != TOK_STRING && t->kind != TOK_DOLLAR_STRING) ||
		is_bit_string(p->c.w.query, t))
		return xl_cursor_syntax_error(&p->c);
	if (!append_var_value(p, &out->value, list_quote))
		return false;
	return expect_end(p);
}

/* ---- transaction modes ---- */

static bool
parse_isolation_level(Parser *p, TxnOptions *txn)
{
	if (xl_cursor_accept_kw(&p->c, "serializable"))
		txn->isolation = ISO_SERIALIZABLE;
	else if (xl_cursor_accept_kw(&p->c, "repeatable"))
	{
		if (!xl_cursor_expect_kw(&p->c, "read"))
			return false;
		txn->isolation = ISO_REPEATABLE_READ;
	}
	else if (xl_cursor_accept_kw(&p->c, "read"))
	{
		if (xl_cursor_accept_kw(&p->c, "committed"))
			txn->isolation = ISO_READ_COMMITTED;
		else if (xl_cursor_accept_kw(&p->c, "uncommitted"))
			txn->isolation = ISO_READ_UNCOMMITTED;
		else
			return xl_cursor_syntax_error(&p->c);
	}
	else
		return xl_cursor_syntax_error(&p->c);
	return true;
}

/* transaction_mode_item */
static bool
parse_txn_mode(Parser *p, TxnOptions *txn)
{
	if (xl_cursor_accept_kw(&p->c, "isolation"))
		return xl_cursor_expect_kw(&p->c, "level") && parse_isolation_level(p, txn);
	if (xl_cursor_accept_kw(&p->c, "read"))
	{
		if (xl_cursor_accept_kw(&p->c, "only"))
			txn->read_only = 1;
		else if (xl_cursor_accept_kw(&p->c, "write"))
			txn->read_only = 0;
		else
			return xl_cursor_syntax_error(&p->c);
		return true;
	}
	if (xl_cursor_accept_kw(&p->c, "deferrable"))
	{
		txn->deferrable = 1;
		return true;
	}
	if (xl_cursor_accept_kw(&p->c, "not"))
	{
		if (!xl_cursor_expect_kw(&p->c, "deferrable"))
			return false;
		txn->deferrable = 0;
		return true;
	}
	return xl_cursor_syntax_error(&p->c);
}

/* transaction_mode_list: modes separated by commas or just spaces, to the end */
static bool
parse_txn_modes(Parser *p, TxnOptions *txn)
{
	for (;;)
	{
		if (!parse_txn_mode(p, txn))
			return false;
		if (xl_cursor_at_end(&p->c))
			return true;
		(void) xl_cursor_accept_kind(&p->c, TOK_COMMA);	/* then another mode must follow */
	}
}

/* ---- the commands ---- */

/* SET SESSION AUTHORIZATION ... | SET SESSION CHARACTERISTICS AS TRANSACTION modes */
static bool
parse_set_session(Parser *p, SessionCmd *out)
{
	if (xl_cursor_accept_kw(&p->c, "authorization"))
		return not_supported(p, "SET SESSION AUTHORIZATION");
	if (!xl_cursor_expect_kw(&p->c, "characteristics") || !xl_cursor_expect_kw(&p->c, "as") || !xl_cursor_expect_kw(&p->c, "transaction"))
		return false;
	out->kind = STMT_SET_TRANSACTION;
	return parse_txn_modes(p, &out->txn);
}

/* SET TRANSACTION modes */
static bool
parse_set_transaction(Parser *p, SessionCmd *out)
{
	out->kind = STMT_SET_TRANSACTION;
	if (peek_kw(p, "snapshot"))
		return not_supported(p, "SET TRANSACTION SNAPSHOT");
	return parse_txn_modes(p, &out->txn);
}

/* SET NAMES ['encoding' | DEFAULT] */
static bool
parse_set_names(Parser *p, SessionCmd *out)
{
	set_name(out, "client_encoding");
	if (xl_cursor_at_end(&p->c) || xl_cursor_accept_kw(&p->c, "default"))
	{
		out->is_default = true;
		return expect_end(p);
	}
	return parse_string_arg(p, out, false);
}

/* SET XML OPTION {DOCUMENT | CONTENT} */
static bool
parse_set_xml_option(Parser *p, SessionCmd *out)
{
	set_name(out, "xmloption");
	if (!xl_cursor_expect_kw(&p->c, "option"))
		return false;
	if (!peek_kw(p, "document") && !peek_kw(p, "content"))
		return xl_cursor_syntax_error(&p->c);
	buf_append_str(&out->value, peek_kw(p, "document") ? "document" : "content");
	p->c.i++;
	return expect_end(p);
}

/* What follows SET [SESSION | LOCAL]: gram.y's set_rest. */
static bool
parse_set_rest(Parser *p, SessionCmd *out)
{
	/* "name TO value" wins over the special forms: SET time = ..., SET role TO ... */
	if (xl_word_is_assign(&p->c.w, p->c.i + 1) || xl_word_is(&p->c.w, p->c.i + 1, "from") ||
		xl_word_kind(&p->c.w, p->c.i + 1, TOK_DOT))
		return parse_var_name(p, out) && parse_generic_set(p, out);

	if (xl_cursor_accept_kw(&p->c, "transaction"))
		return parse_set_transaction(p, out);
	if (xl_cursor_accept_kw(&p->c, "session"))
		return parse_set_session(p, out);
	if (xl_cursor_accept_kw(&p->c, "time"))
		return xl_cursor_expect_kw(&p->c, "zone") && parse_time_zone(p, out);
	if (xl_cursor_accept_kw(&p->c, "names"))
		return parse_set_names(p, out);
	if (xl_cursor_accept_kw(&p->c, "schema"))
	{
		set_name(out, "search_path");
		return parse_string_arg(p, out, true);
	}
	if (xl_cursor_accept_kw(&p->c, "xml"))
		return parse_set_xml_option(p, out);
	if (peek_kw(p, "catalog"))
	{
		pgerr_set(p->c.err, ERRCODE_FEATURE_NOT_SUPPORTED, "current database cannot be changed");
		return false;
	}
	if (peek_kw(p, "role"))
		return not_supported(p, "SET ROLE");
	if (peek_kw(p, "constraints"))
		return not_supported(p, "SET CONSTRAINTS");
	return parse_var_name(p, out) && parse_generic_set(p, out);
}

/* SET [SESSION | LOCAL] set_rest; SESSION is a scope only when not SESSION AUTHORIZATION ... */
static bool
parse_set(Parser *p, SessionCmd *out)
{
	p->c.i = 1;
	if (xl_cursor_accept_kw(&p->c, "local"))
		out->is_local = true;
	else if (peek_kw(p, "session") && !xl_word_is(&p->c.w, p->c.i + 1, "authorization") &&
			 !xl_word_is(&p->c.w, p->c.i + 1, "characteristics") &&
			 !xl_word_is_assign(&p->c.w, p->c.i + 1))
		p->c.i++;
	return parse_set_rest(p, out);
}

/* SHOW / RESET name | ALL | TIME ZONE | TRANSACTION ISOLATION LEVEL | SESSION AUTHORIZATION */
static bool
parse_show_reset(Parser *p, SessionCmd *out)
{
	p->c.i = 1;
	if (xl_cursor_accept_kw(&p->c, "all"))
	{
		out->is_all = true;
		set_name(out, "all");
	}
	else if (xl_cursor_accept_kw(&p->c, "time"))
	{
		if (!xl_cursor_expect_kw(&p->c, "zone"))
			return false;
		set_name(out, "TimeZone");
	}
	else if (peek_kw(p, "transaction") && xl_word_is(&p->c.w, p->c.i + 1, "isolation"))
	{
		p->c.i += 2;
		if (!xl_cursor_expect_kw(&p->c, "level"))
			return false;
		set_name(out, "transaction_isolation");
	}
	else if (peek_kw(p, "session") && xl_word_is(&p->c.w, p->c.i + 1, "authorization"))
	{
		p->c.i += 2;
		set_name(out, "session_authorization");
	}
	else if (!parse_var_name(p, out))
		return false;
	return expect_end(p);
}

/* DISCARD ALL | PLANS | SEQUENCES | TEMP | TEMPORARY */
static bool
parse_discard(Parser *p, SessionCmd *out)
{
	p->c.i = 1;
	if (xl_cursor_accept_kw(&p->c, "all"))
	{
		out->is_all = true;
		set_name(out, "ALL");
	}
	else if (xl_cursor_accept_kw(&p->c, "plans"))
		set_name(out, "PLANS");
	else if (xl_cursor_accept_kw(&p->c, "sequences"))
		set_name(out, "SEQUENCES");
	else if (xl_cursor_accept_kw(&p->c, "temp") || xl_cursor_accept_kw(&p->c, "temporary"))
		set_name(out, "TEMP");
	else
		return xl_cursor_syntax_error(&p->c);
	return expect_end(p);
}

static const char *const integer_types[] = {
	"int", "integer", "int4", "int2", "int8", "smallint", "bigint", NULL
};

bool
xl_signal_call_words(const XlWords *w, size_t *fn, size_t *pid, size_t *alias)
{
	size_t		i = 1;

	if (!xl_word_is(w, 0, "select"))
		return false;
	if (xl_word_is(w, i, "pg_catalog") && xl_word_kind(w, i + 1, TOK_DOT))
		i += 2;
	if (!xl_word_is(w, i, "pg_cancel_backend") && !xl_word_is(w, i, "pg_terminate_backend"))
		return false;
	if (!xl_word_kind(w, i + 1, TOK_LPAREN) ||
		!(xl_word_kind(w, i + 2, TOK_INTEGER) || xl_word_kind(w, i + 2, TOK_PARAM)))
		return false;
	*fn = i;
	*pid = i + 2;
	*alias = SIZE_MAX;
	i += 3;
	/* $1::int, as drivers that type their parameters write it */
	if (xl_word_kind(w, i, TOK_TYPECAST) && xl_word_in(w, i + 1, integer_types))
		i += 2;
	if (!xl_word_kind(w, i, TOK_RPAREN))
		return false;
	i++;
	if (xl_word_is(w, i, "as"))
		i++;
	if (i < w->n && xl_word_is_name(w, i))
		*alias = i++;
	return i == w->n && (*alias != SIZE_MAX || !xl_word_is(w, i - 1, "as"));
}

bool
xl_set_config_call_words(const XlWords *w, size_t args[3], size_t *alias)
{
	size_t		i = 1;

	if (!xl_word_is(w, 0, "select"))
		return false;
	if (xl_word_is(w, i, "pg_catalog") && xl_word_kind(w, i + 1, TOK_DOT))
		i += 2;
	if (!xl_word_is(w, i, "set_config") || !xl_word_kind(w, i + 1, TOK_LPAREN) ||
		!xl_word_kind(w, i + 2, TOK_STRING) || !xl_word_kind(w, i + 3, TOK_COMMA) ||
		!xl_word_kind(w, i + 4, TOK_STRING) || !xl_word_kind(w, i + 5, TOK_COMMA) ||
		!(xl_word_is(w, i + 6, "true") || xl_word_is(w, i + 6, "false")) ||
		!xl_word_kind(w, i + 7, TOK_RPAREN))
		return false;
	args[0] = i + 2;
	args[1] = i + 4;
	args[2] = i + 6;
	*alias = SIZE_MAX;
	i += 8;
	if (xl_word_is(w, i, "as"))
		i++;
	if (i < w->n && xl_word_is_name(w, i))
		*alias = i++;
	return i == w->n && (*alias != SIZE_MAX || !xl_word_is(w, i - 1, "as"));
}

/* The result column: the alias, or the function's name. */
static bool
set_result_column(Parser *p, SessionCmd *out, const char *fn, size_t alias)
{
	snprintf(out->column, sizeof(out->column), "%.63s", fn);
	if (alias == SIZE_MAX)
		return true;
	p->c.i = alias;
	out->column[0] = '\0';
	return append_col_id(p, out->column, sizeof(out->column));
}

/* SELECT set_config('name', 'value', is_local) [[AS] alias]: SET [LOCAL] name = 'value' */
static bool
parse_set_config_call(Parser *p, SessionCmd *out)
{
	size_t		args[3];
	size_t		alias;

	if (!xl_set_config_call_words(&p->c.w, args, &alias))
		return xl_cursor_syntax_error(&p->c);
	buf_reset(&p->word);
	if (!xl_string_value(p->c.w.query, &p->c.w.tok[args[0]], &p->word, p->c.err))
		return false;
	set_name(out, p->word.data ? p->word.data : "");
	if (!xl_string_value(p->c.w.query, &p->c.w.tok[args[1]], &out->value, p->c.err))
		return false;
	out->is_local = xl_word_is(&p->c.w, args[2], "true");
	return set_result_column(p, out, "set_config", alias);
}

/*
 * CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]
 * DROP EXTENSION [IF EXISTS] name [CASCADE | RESTRICT]
 */
static bool
parse_extension(Parser *p, SessionCmd *out)
{
	bool		create = xl_word_is(&p->c.w, 0, "create");

	p->c.i = 2;
	if (xl_cursor_accept_kw(&p->c, "if"))
	{
		if ((create && !xl_cursor_expect_kw(&p->c, "not")) || !xl_cursor_expect_kw(&p->c, "exists"))
			return false;
		out->if_exists = true;
	}
	out->name[0] = '\0';
	if (!append_col_id(p, out->name, sizeof(out->name)))
		return false;
	if (!create)
	{
		if (!xl_cursor_accept_kw(&p->c, "cascade"))
			(void) xl_cursor_accept_kw(&p->c, "restrict");
		return expect_end(p);
	}
	(void) xl_cursor_accept_kw(&p->c, "with");
	while (!xl_cursor_at_end(&p->c))
	{
		if (xl_cursor_accept_kw(&p->c, "schema") || xl_cursor_accept_kw(&p->c, "version"))
		{
			if (!xl_cursor_accept_kind(&p->c, TOK_IDENT) && !xl_cursor_accept_kind(&p->c, TOK_QIDENT) && !xl_cursor_accept_kind(&p->c, TOK_STRING))
				return xl_cursor_syntax_error(&p->c);
		}
		else if (!xl_cursor_accept_kw(&p->c, "cascade"))
			return xl_cursor_syntax_error(&p->c);
	}
	return true;
}

/* SELECT pg_cancel_backend(pid) [[AS] alias], recognised by the classifier */
static bool
parse_signal_call(Parser *p, SessionCmd *out)
{
	size_t		fn;
	size_t		pid;
	size_t		alias;
	uint64_t	value = 0;

	if (!xl_signal_call_words(&p->c.w, &fn, &pid, &alias))
		return xl_cursor_syntax_error(&p->c);
	set_name(out, xl_word_is(&p->c.w, fn, "pg_cancel_backend") ? "pg_cancel_backend" : "pg_terminate_backend");
	if (p->c.w.tok[pid].kind == TOK_PARAM)
		out->pid_param = p->c.w.tok[pid].param;
	else if (!xl_integer_literal_value(p->c.w.query + p->c.w.tok[pid].start, p->c.w.tok[pid].len, &value) ||
		value > INT32_MAX)
		value = 0;				/* no such process */
	out->pid = (int64_t) value;
	return set_result_column(p, out, out->name, alias);
}

/* BEGIN [WORK | TRANSACTION] [modes] | START TRANSACTION [modes] */
static bool
parse_begin(Parser *p, SessionCmd *out)
{
	p->c.i = 1;
	if (xl_word_is(&p->c.w, 0, "start"))
	{
		if (!xl_cursor_expect_kw(&p->c, "transaction"))
			return false;
	}
	else if (!xl_cursor_accept_kw(&p->c, "work"))
		(void) xl_cursor_accept_kw(&p->c, "transaction");
	return xl_cursor_at_end(&p->c) || parse_txn_modes(p, &out->txn);
}

/* {COMMIT | END | ROLLBACK | ABORT} [WORK | TRANSACTION] [AND [NO] CHAIN] */
static bool
parse_end(Parser *p, SessionCmd *out)
{
	p->c.i = 1;
	if (!xl_cursor_accept_kw(&p->c, "work"))
		(void) xl_cursor_accept_kw(&p->c, "transaction");
	if (xl_cursor_accept_kw(&p->c, "and"))
	{
		out->and_chain = !xl_cursor_accept_kw(&p->c, "no");
		if (!xl_cursor_expect_kw(&p->c, "chain"))
			return false;
	}
	return expect_end(p);
}

/* SAVEPOINT x | RELEASE [SAVEPOINT] x | ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] x */
static bool
parse_savepoint(Parser *p, SessionCmd *out)
{
	p->c.i = 1;
	if (out->kind == STMT_ROLLBACK_TO)
	{
		if (!xl_cursor_accept_kw(&p->c, "work"))
			(void) xl_cursor_accept_kw(&p->c, "transaction");
		if (!xl_cursor_expect_kw(&p->c, "to"))
			return false;
	}
	/* RELEASE and ROLLBACK TO may say SAVEPOINT, itself a valid name when last */
	if (out->kind != STMT_SAVEPOINT && peek_kw(p, "savepoint") && p->c.i + 1 < p->c.w.n)
		p->c.i++;
	out->name[0] = '\0';
	return append_col_id(p, out->name, sizeof(out->name)) && expect_end(p);
}

void
xl_session_cmd_init(SessionCmd *cmd)
{
	cmd->kind = STMT_OTHER;
	cmd->is_local = false;
	cmd->is_all = false;
	cmd->is_default = false;
	cmd->and_chain = false;
	cmd->name[0] = '\0';
	buf_init(&cmd->value);
	cmd->txn.isolation = ISO_DEFAULT;
	cmd->txn.read_only = -1;
	cmd->txn.deferrable = -1;
	cmd->pid = 0;
	cmd->pid_param = 0;
	cmd->column[0] = '\0';
	cmd->if_exists = false;
}

void
xl_session_cmd_free(SessionCmd *cmd)
{
	buf_free(&cmd->value);
}

bool
xl_is_session_cmd(StmtKind kind)
{
	switch (kind)
	{
		case STMT_SET:
		case STMT_SET_TRANSACTION:
		case STMT_RESET:
		case STMT_SHOW:
		case STMT_DISCARD:
		case STMT_BEGIN:
		case STMT_COMMIT:
		case STMT_ROLLBACK:
		case STMT_SAVEPOINT:
		case STMT_RELEASE:
		case STMT_ROLLBACK_TO:
		case STMT_SIGNAL_BACKEND:
		case STMT_SET_CONFIG:
		case STMT_EXTENSION:
			return true;
		default:
			return false;
	}
}

bool
xl_is_local(StmtKind kind)
{
	if (xl_is_session_cmd(kind))
		return true;
	switch (kind)
	{
		case STMT_DEALLOCATE:
		case STMT_LISTEN:
		case STMT_COPY:
		case STMT_PREPARE:
		case STMT_EXECUTE:
		case STMT_CURSOR:
		case STMT_UNSUPPORTED:
			return true;
		default:
			return false;
	}
}

bool
xl_parse_session_cmd(const char *query, const StatementList *list, const Statement *stmt,
					 SessionCmd *out, PgError *err)
{
	Parser		p;
	bool		ok;

	xl_cursor_init(&p.c, query, list, stmt, err);
	buf_init(&p.word);
	out->kind = stmt->kind;

	switch (stmt->kind)
	{
		case STMT_SET:
		case STMT_SET_TRANSACTION:
			ok = parse_set(&p, out);
			break;
		case STMT_RESET:
		case STMT_SHOW:
			ok = parse_show_reset(&p, out);
			break;
		case STMT_DISCARD:
			ok = parse_discard(&p, out);
			break;
		case STMT_BEGIN:
			ok = parse_begin(&p, out);
			break;
		case STMT_COMMIT:
		case STMT_ROLLBACK:
			ok = parse_end(&p, out);
			break;
		case STMT_SAVEPOINT:
		case STMT_RELEASE:
		case STMT_ROLLBACK_TO:
			ok = parse_savepoint(&p, out);
			break;
		case STMT_SIGNAL_BACKEND:
			ok = parse_signal_call(&p, out);
			break;
		case STMT_SET_CONFIG:
			ok = parse_set_config_call(&p, out);
			break;
		case STMT_EXTENSION:
			ok = parse_extension(&p, out);
			break;
		default:
			pgerr_set(err, ERRCODE_INTERNAL_ERROR, "\"%s\" is not a session command", stmt->tag);
			ok = false;
			break;
	}
	if (ok && (buf_failed(&out->value) || buf_failed(&p.word)))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		ok = false;
	}
	buf_free(&p.word);
	return ok;
}
