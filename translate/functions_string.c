/*
 * functions_string.c
 *		PostgreSQL's string functions (length, substring, position, trim and
 *		its forms, octet_length), greatest/least, random and the refusal of
 *		regular-expression functions, written for the iris and sqlite
 *		dialects by the functions rule (functions.c's table names them).
 *
 * Each writer gives PostgreSQL's result on the dialect or refuses with
 * 0A000 naming the construct, never a different meaning.
 */
#include "translate/functions_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- string functions ---- */

/* length, char_length, character_length, octet_length */
XlRuleResult
fn_write_length(XlFn *fn, const XlFnCall *c, PgError *err)
{
	bool		octets = xl_word_is(&fn->w, c->name, "octet_length");
	bool		chars = !octets && !xl_word_is(&fn->w, c->name, "length");

	if (c->nargs != 1)
		return XL_RULE_NONE;
	if (fn->dialect == DIALECT_IRIS)
	{
		/* IRIS's LENGTH drops trailing blanks; CHAR_LENGTH counts them as PostgreSQL does */
		if (octets)
			return xl_fn_refuse(fn, err, c->name, "octet_length()");
		return chars ? XL_RULE_NONE : fn_rename_call(fn, c, "CHAR_LENGTH", err);
	}
	if (!octets)
		return chars ? fn_rename_call(fn, c, "length", err) : XL_RULE_NONE;
	xl_fn_emit(fn, "length(CAST(");
	if (!xl_fn_write_arg(fn, c, 0, err))
		return XL_RULE_FAILED;
	xl_fn_emit(fn, " AS BLOB))");
	return XL_RULE_WRITTEN;
}

/* The parts of substring(s FROM a FOR b), substring(s, a, b), substr(s, a, b). */
typedef struct Substring
{
	size_t		s,
				s_end;
	size_t		a,
				a_end;			/* XL_NO_WORD: from the first character */
	size_t		b,
				b_end;			/* XL_NO_WORD: to the end */
	bool		regex;			/* the regular-expression forms */
} Substring;

static bool
read_substring(XlFn *fn, const XlFnCall *c, Substring *s)
{
	size_t		from = xl_fn_call_keyword(fn, c, c->open + 1, "from");
	size_t		for_ = xl_fn_call_keyword(fn, c, c->open + 1, "for");

	memset(s, 0, sizeof(*s));
	s->a = s->b = XL_NO_WORD;
	if (xl_fn_call_keyword(fn, c, c->open + 1, "similar") != XL_NO_WORD)
	{
		s->regex = true;
		return true;
	}
	if (from == XL_NO_WORD && for_ == XL_NO_WORD)
	{
		if (c->nargs < 2 || c->nargs > 3)
			return false;
		s->s = c->arg[0];
		s->s_end = c->arg_end[0];
		s->a = c->arg[1];
		s->a_end = c->arg_end[1];
		if (c->nargs == 3)
		{
			s->b = c->arg[2];
			s->b_end = c->arg_end[2];
		}
		/* substring(text, text) is the SQL regular expression form */
		s->regex = c->nargs == 2 && xl_word_is(&fn->w, c->name, "substring") &&
			xl_fn_string(fn, s->a, s->a_end) != NULL;
		return c->nargs >= 2;
	}
	if (c->nargs != 1)
		return false;
	s->s = c->open + 1;
	s->s_end = Min(from, for_);
	if (from != XL_NO_WORD)
	{
		s->a = from + 1;
		s->a_end = for_ > from ? Min(for_, c->close) : c->close;
		if (s->a >= s->a_end)
			return false;
	}
	if (for_ != XL_NO_WORD)
	{
		s->b = for_ + 1;
		s->b_end = from > for_ ? Min(from, c->close) : c->close;
		if (s->b >= s->b_end)
			return false;
	}
	/* FROM 'pattern' [FOR 'escape']: a regular expression */
	s->regex = s->a != XL_NO_WORD && xl_fn_string(fn, s->a, s->a_end) != NULL;
	return s->s < s->s_end;
}

static XlRuleResult
negative_length(XlFn *fn, size_t word, PgError *err)
{
	pgerr_set(err, "22011", "negative substring length not allowed");
	xl_fn_set_position(fn, err, word);
	return XL_RULE_FAILED;
}

/*
 * SQLite's substr() counts a negative start from the end, where PostgreSQL
 * counts positions before the first character (which it returns nothing
 * for): a start below 0 moves to 0 and shortens the length by as much
 * (SQLite's position 0 is, as PostgreSQL's, before the first character).
 */
static XlRuleResult
write_sqlite_substring(XlFn *fn, const Substring *s, PgError *err)
{
	int64_t		a = 1,
				b = 0;
	bool		a_known = s->a == XL_NO_WORD || xl_fn_integer(fn, s->a, s->a_end, &a);
	bool		b_known = s->b != XL_NO_WORD && xl_fn_integer(fn, s->b, s->b_end, &b);
	bool		ok;

	xl_fn_emit(fn, "substr(");
	if (!xl_fn_write(fn, s->s, s->s_end, err))
		return XL_RULE_FAILED;
	if (a_known && a >= 0)
	{
		buf_appendf(fn->env.out, ", %lld", (long long) a);
		if (s->b != XL_NO_WORD)
		{
			xl_fn_emit(fn, ", ");
			if (!xl_fn_write(fn, s->b, s->b_end, err))
				return XL_RULE_FAILED;
		}
	}
	else if (a_known && b_known)
		buf_appendf(fn->env.out, ", 0, %lld", (long long) Max(a + b, 0));
	else if (s->b == XL_NO_WORD)
	{
		xl_fn_emit(fn, ", max(");
		if (!xl_fn_write(fn, s->a, s->a_end, err))
			return XL_RULE_FAILED;
		xl_fn_emit(fn, ", 1)");
	}
	else
	{
		/* substr(s, max(a, 0), b + a - max(a, 0)): the start is written three times */
		if (!xl_fn_begin_copies(fn, 3, s->a, err))
			return XL_RULE_FAILED;
		xl_fn_emit(fn, ", max(");
		ok = xl_fn_write(fn, s->a, s->a_end, err);
		xl_fn_emit(fn, ", 0), (");
		ok = ok && xl_fn_write(fn, s->b, s->b_end, err);
		xl_fn_emit(fn, ") + (");
		ok = ok && xl_fn_write(fn, s->a, s->a_end, err);
		xl_fn_emit(fn, ") - max(");
		ok = ok && xl_fn_write(fn, s->a, s->a_end, err);
		xl_fn_emit(fn, ", 0)");
		xl_fn_end_copies(fn, 3);
		if (!ok)
			return XL_RULE_FAILED;
	}
	xl_fn_emit(fn, ")");
	return XL_RULE_WRITTEN;
}

/* IRIS's SUBSTRING(s, a, b) counts positions as PostgreSQL does (IRIS SQL reference). */
static XlRuleResult
write_iris_substring(XlFn *fn, const XlFnCall *c, const Substring *s, PgError *err)
{
	bool		comma_form = xl_fn_call_keyword(fn, c, c->open + 1, "from") == XL_NO_WORD &&
		xl_fn_call_keyword(fn, c, c->open + 1, "for") == XL_NO_WORD;
	bool		standard = xl_word_is(&fn->w, c->name, "substring") &&
		(comma_form || (s->a != XL_NO_WORD && (s->b == XL_NO_WORD || s->a < s->b)));

	if (standard)
		return XL_RULE_NONE;	/* IRIS reads SUBSTRING(s FROM a [FOR b]) and SUBSTRING(s, a, b) */
	xl_fn_emit(fn, "SUBSTRING(");
	if (!xl_fn_write(fn, s->s, s->s_end, err))
		return XL_RULE_FAILED;
	xl_fn_emit(fn, ", ");
	if (s->a == XL_NO_WORD)
		xl_fn_emit(fn, "1");
	else if (!xl_fn_write(fn, s->a, s->a_end, err))
		return XL_RULE_FAILED;
	if (s->b != XL_NO_WORD)
	{
		xl_fn_emit(fn, ", ");
		if (!xl_fn_write(fn, s->b, s->b_end, err))
			return XL_RULE_FAILED;
	}
	xl_fn_emit(fn, ")");
	return XL_RULE_WRITTEN;
}

XlRuleResult
fn_write_substring(XlFn *fn, const XlFnCall *c, PgError *err)
{
	Substring	s;
	int64_t		b;

	if (!read_substring(fn, c, &s))
		return XL_RULE_NONE;
	if (s.regex)
		return xl_fn_refuse(fn, err, c->name, "substring() with a regular expression");
	if (s.b != XL_NO_WORD && xl_fn_integer(fn, s.b, s.b_end, &b) && b < 0)
		return negative_length(fn, s.b, err);
	if (fn->dialect == DIALECT_IRIS)
		return write_iris_substring(fn, c, &s, err);
	return write_sqlite_substring(fn, &s, err);
}

/* position(a IN b), strpos(b, a): SQLite's instr(b, a); IRIS's POSITION(a IN b). */
XlRuleResult
fn_write_position(XlFn *fn, const XlFnCall *c, PgError *err)
{
	bool		strpos = xl_word_is(&fn->w, c->name, "strpos");
	size_t		in = strpos ? XL_NO_WORD : xl_fn_call_keyword(fn, c, c->open + 1, "in");
	size_t		a = c->open + 1,
				a_end = in,
				b = in + 1,
				b_end = c->close;
	bool		ok;

	if (strpos)
	{
		if (c->nargs != 2)
			return XL_RULE_NONE;
		b = c->arg[0];
		b_end = c->arg_end[0];
		a = c->arg[1];
		a_end = c->arg_end[1];
	}
	else if (in == XL_NO_WORD || c->nargs != 1)
		return XL_RULE_NONE;
	if (fn->dialect == DIALECT_IRIS)
	{
		if (!strpos)
			return XL_RULE_NONE;
		xl_fn_emit(fn, "POSITION(");
		ok = xl_fn_write(fn, a, a_end, err);
		xl_fn_emit(fn, " IN ");
		ok = ok && xl_fn_write(fn, b, b_end, err);
	}
	else
	{
		xl_fn_emit(fn, "instr(");
		ok = xl_fn_write(fn, b, b_end, err);
		xl_fn_emit(fn, ", ");
		ok = ok && xl_fn_write(fn, a, a_end, err);
	}
	xl_fn_emit(fn, ")");
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

/* ---- trim ---- */

typedef enum TrimMode
{
	TRIM_BOTH,
	TRIM_LEADING,
	TRIM_TRAILING
} TrimMode;

/* What a trim removes: chars (a set, XL_NO_WORD for blanks) from which end of s. */
typedef struct Trim
{
	TrimMode	mode;
	size_t		s,
				s_end;
	size_t		chars,
				chars_end;
	bool		standard;		/* written trim([mode] [chars] FROM s) or trim(s) */
} Trim;

static bool
read_trim(XlFn *fn, const XlFnCall *c, Trim *t)
{
	const XlWords *w = &fn->w;
	size_t		first = c->open + 1;
	size_t		from;

	memset(t, 0, sizeof(*t));
	t->chars = XL_NO_WORD;
	if (!xl_word_is(w, c->name, "trim"))
	{
		t->mode = xl_word_is(w, c->name, "ltrim") ? TRIM_LEADING :
			xl_word_is(w, c->name, "rtrim") ? TRIM_TRAILING : TRIM_BOTH;
		first = c->arg[0];
	}
	else if (xl_word_is(w, first, "leading") || xl_word_is(w, first, "trailing") ||
			 xl_word_is(w, first, "both"))
	{
		t->mode = xl_word_is(w, first, "leading") ? TRIM_LEADING :
			xl_word_is(w, first, "trailing") ? TRIM_TRAILING : TRIM_BOTH;
		first++;
	}
	if (c->nargs < 1 || c->nargs > 2)
		return false;
	from = xl_fn_call_keyword(fn, c, first, "from");
	if (from != XL_NO_WORD)
	{
		if (c->nargs != 1 || from + 1 >= c->close)
			return false;
		t->standard = true;
		t->s = from + 1;
		t->s_end = c->close;
		if (from > first)
		{
			t->chars = first;
			t->chars_end = from;
		}
		return true;
	}
	t->standard = c->nargs == 1 && first == c->open + 1;
	t->s = first;
	t->s_end = c->arg_end[0];
	if (c->nargs == 2)
	{
		t->chars = c->arg[1];
		t->chars_end = c->arg_end[1];
	}
	return t->s < t->s_end;
}

XlRuleResult
fn_write_trim(XlFn *fn, const XlFnCall *c, PgError *err)
{
	static const char *const iris_modes[] = {"BOTH", "LEADING", "TRAILING"};
	static const char *const sqlite_functions[] = {"trim(", "ltrim(", "rtrim("};
	Trim		t;
	bool		ok;

	if (!read_trim(fn, c, &t))
		return XL_RULE_NONE;
	if (fn->dialect == DIALECT_IRIS)
	{
		/* IRIS reads the standard TRIM, LTRIM(s) and RTRIM(s) */
		if (t.standard || (t.chars == XL_NO_WORD && !xl_word_is(&fn->w, c->name, "btrim")))
			return XL_RULE_NONE;
		buf_appendf(fn->env.out, "TRIM(%s ", iris_modes[t.mode]);
		ok = xl_fn_write(fn, t.chars, t.chars_end, err);
		xl_fn_emit(fn, t.chars == XL_NO_WORD ? "FROM " : " FROM ");
		ok = ok && xl_fn_write(fn, t.s, t.s_end, err);
	}
	else
	{
		if (!t.standard && !xl_word_is(&fn->w, c->name, "btrim") && !xl_word_is(&fn->w, c->name, "trim"))
			return XL_RULE_NONE;	/* ltrim and rtrim are SQLite's own */
		xl_fn_emit(fn, sqlite_functions[t.mode]);
		ok = xl_fn_write(fn, t.s, t.s_end, err);
		if (t.chars != XL_NO_WORD)
		{
			xl_fn_emit(fn, ", ");
			ok = ok && xl_fn_write(fn, t.chars, t.chars_end, err);
		}
	}
	xl_fn_emit(fn, ")");
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

/* ---- greatest and least ---- */

/*
 * PostgreSQL ignores NULL arguments; SQLite's max()/min() and IRIS's
 * GREATEST/LEAST return NULL if any is NULL. Each argument k is replaced
 * by coalesce(a_k, a_k+1, ..., a_k-1): itself, or another argument when it
 * is NULL, which never changes the result and is NULL only when all are.
 */
XlRuleResult
fn_write_greatest(XlFn *fn, const XlFnCall *c, PgError *err)
{
	bool		greatest = xl_word_is(&fn->w, c->name, "greatest");
	bool		ok = true;

	if (c->nargs < 1)
		return XL_RULE_NONE;
	if (c->nargs > XL_FN_MAX_ARGS)
		return xl_fn_refuse(fn, err, c->name, "%s() with more than %d arguments",
							greatest ? "greatest" : "least", XL_FN_MAX_ARGS);
	if (c->nargs == 1)
	{
		xl_fn_emit(fn, "(");
		ok = xl_fn_write_arg(fn, c, 0, err);
		xl_fn_emit(fn, ")");
		return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
	}
	if (!xl_fn_begin_copies(fn, c->nargs, c->name, err))
		return XL_RULE_FAILED;
	if (fn->dialect == DIALECT_IRIS)
		xl_fn_emit(fn, greatest ? "GREATEST(" : "LEAST(");
	else
		xl_fn_emit(fn, greatest ? "max(" : "min(");
	for (int k = 0; k < c->nargs && ok; k++)
	{
		if (k > 0)
			xl_fn_emit(fn, ", ");
		xl_fn_emit(fn, fn->dialect == DIALECT_IRIS ? "COALESCE(" : "coalesce(");
		for (int m = 0; m < c->nargs && ok; m++)
		{
			if (m > 0)
				xl_fn_emit(fn, ", ");
			ok = xl_fn_write_arg(fn, c, (k + m) % c->nargs, err);
		}
		xl_fn_emit(fn, ")");
	}
	xl_fn_emit(fn, ")");
	xl_fn_end_copies(fn, c->nargs);
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

/* ---- random, regular expressions ---- */

/*
 * SQLite's random() is a 64-bit integer; 53 of its bits over 2^53 are
 * PostgreSQL's double in [0, 1). IRIS SQL has no random function.
 */
XlRuleResult
fn_write_random(XlFn *fn, const XlFnCall *c, PgError *err)
{
	if (c->nargs != 0)
		return XL_RULE_NONE;
	if (fn->dialect == DIALECT_IRIS)
		return xl_fn_refuse(fn, err, c->name, "random()");
	xl_fn_emit(fn, "((random() & 9007199254740991) / 9007199254740992.0)");
	return XL_RULE_WRITTEN;
}

XlRuleResult
fn_refuse_call(XlFn *fn, const XlFnCall *c, PgError *err)
{
	return xl_fn_refuse(fn, err, c->name, "%.*s()", (int) fn->w.tok[c->name].len,
						fn->w.query + fn->w.tok[c->name].start);
}
