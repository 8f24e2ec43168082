/*
 * functions.c
 *		The functions rule: PostgreSQL's functions, operators and boolean
 *		values carried to the iris and sqlite dialects.
 *
 * Owns: the rule as the rewriter runs it (which statements it looks at and
 * what it tries at each word), the vocabulary its writers share (writing
 * words through every rule, refusing with 0A000 at a word, keeping written
 * text apart from its neighbours), and the function calls: string
 * functions (length, substring, position, trim), greatest/least, random,
 * regular-expression functions, string_agg and aggregates with FILTER.
 * The clock and dates are in functions_time.c, the statement's expression
 * structure in expressions.c, LIKE, regular expressions and division in
 * operators.c, booleans and conditions in booleans.c. A construct becomes
 * the dialect's equivalent or a refusal naming it, never a silently
 * different meaning.
 */
#include "translate/xl_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COPIES		64		/* an operand written over this many times at most */
#define MAX_NESTING		100		/* constructs written inside constructs' operands */
#define TRIGGER_LEN		24		/* longest word that can start a construct */

/* ==== the rule's state and its writing vocabulary ==== */

/* Open the rule's state for a statement of a dialect it serves. */
static void
fn_open(XlFn *fn, const XlRuleEnv *env)
{
	memset(fn, 0, sizeof(*fn));
	fn->env = *env;
	fn->w = env->w;
	fn->dialect = env->ctx->dialect;
	fn->dialect_name = fn->dialect == DIALECT_IRIS ? "the iris dialect" : "the sqlite dialect";
	fn->copies = 1;
	fn->skip_term = XL_NO_WORD;
	buf_init(&fn->scratch);
}

static void
fn_close(XlFn *fn)
{
	xl_fn_analysis_free(&fn->a);
	buf_free(&fn->scratch);
}

void
xl_fn_set_position(const XlFn *fn, PgError *err, size_t word)
{
	xl_set_position(&fn->w, err, word);
}

XlRuleResult
xl_fn_refuse(const XlFn *fn, PgError *err, size_t word, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	xl_refusev(err, &fn->w, word, fn->dialect_name, NULL, fmt, ap);
	va_end(ap);
	return XL_RULE_FAILED;
}

void
xl_fn_emit(XlFn *fn, const char *s)
{
	buf_append_str(fn->env.out, s);
}

/* The statement's own text from the start of word from to the start of word to. */
void
xl_fn_emit_gap(XlFn *fn, size_t from, size_t to)
{
	const Token *t = fn->w.tok;
	size_t		end = to < fn->w.n ? t[to].start : xl_token_end(&t[fn->w.n - 1]);

	if (from < fn->w.n && end > t[from].start)
		buf_append(fn->env.out, fn->w.query + t[from].start, end - t[from].start);
}

/* The text of word i as written. */
void
xl_fn_emit_word(XlFn *fn, size_t i)
{
	buf_append(fn->env.out, fn->w.query + fn->w.tok[i].start, fn->w.tok[i].len);
}

bool
xl_fn_write_words(XlFn *fn, size_t from, size_t to, PgError *err)
{
	bool		ok;

	if (from >= to)
		return true;
	if (fn->depth >= MAX_NESTING)
	{
		xl_fn_refuse(fn, err, from, "expressions nested more than %d deep in rewritten constructs",
					 MAX_NESTING);
		return false;
	}
	fn->depth++;
	ok = fn->env.write_words(fn->env.rewriter, from, to, err);
	fn->depth--;
	return ok;
}

bool
xl_fn_begin_copies(XlFn *fn, int times, size_t word, PgError *err)
{
	if (fn->copies * times > MAX_COPIES)
	{
		xl_fn_refuse(fn, err, word, "operands copied more than %d times over by nested rewrites",
					 MAX_COPIES);
		return false;
	}
	fn->copies *= times;
	return true;
}

void
xl_fn_end_copies(XlFn *fn, int times)
{
	fn->copies /= times;
}

/* ---- reading words ---- */

/* Is word i an integer literal, possibly signed ([+-] n in words [from, to))? */
bool
xl_fn_integer(const XlFn *fn, size_t from, size_t to, int64_t *value)
{
	const XlWords *w = &fn->w;
	bool		negative = false;
	uint64_t	v;

	if (to == from + 2 && (xl_word_is_op(w, from, '-') || xl_word_is_op(w, from, '+')))
	{
		negative = xl_word_is_op(w, from, '-');
		from++;
	}
	if (to != from + 1 || !xl_word_kind(w, from, TOK_INTEGER) ||
		!xl_integer_literal_value(w->query + w->tok[from].start, w->tok[from].len, &v) ||
		v > INT32_MAX)
		return false;
	*value = negative ? -(int64_t) v : (int64_t) v;
	return true;
}

/*
 * The value of a string constant that is all of words [from, to), lower
 * case, in fn->scratch; NULL if they are something else.
 */
const char *
xl_fn_string(XlFn *fn, size_t from, size_t to)
{
	const XlWords *w = &fn->w;
	PgError		ignored;

	if (to != from + 1 || (!xl_word_kind(w, from, TOK_STRING) &&
						   !xl_word_kind(w, from, TOK_DOLLAR_STRING)))
		return NULL;
	buf_reset(&fn->scratch);
	if (!xl_string_value(w->query, &w->tok[from], &fn->scratch, &ignored) ||
		buf_failed(&fn->scratch))
		return NULL;
	buf_append_byte(&fn->scratch, '\0');
	for (size_t k = 0; k < fn->scratch.len; k++)
	{
		char		c = (char) fn->scratch.data[k];

		if (c >= 'A' && c <= 'Z')
			fn->scratch.data[k] = (uint8_t) (c - 'A' + 'a');
	}
	return (const char *) fn->scratch.data;
}

/* ==== function calls ==== */

typedef XlRuleResult (*CallWriter) (XlFn *fn, const XlFnCall *c, PgError *err);

/* Split the call's arguments at its top-level commas. */
static void
read_arguments(const XlFn *fn, XlFnCall *c)
{
	size_t		start = c->open + 1;

	c->nargs = 0;
	if (start == c->close)
		return;
	for (size_t j = start; j <= c->close; j++)
	{
		if (j < c->close && fn->a.match[j] != XL_NO_WORD)
			j = fn->a.match[j];
		else if (j == c->close || fn->w.tok[j].kind == TOK_COMMA)
		{
			if (c->nargs < XL_FN_MAX_ARGS)
			{
				c->arg[c->nargs] = start;
				c->arg_end[c->nargs] = j;
			}
			c->nargs++;
			start = j + 1;
		}
	}
}

/* A call name(...) beginning at word i, optionally qualified with pg_catalog. */
static bool
read_call(const XlFn *fn, size_t i, size_t to, XlFnCall *c)
{
	const XlWords *w = &fn->w;
	size_t		name = i;

	if (!xl_word_kind(w, i, TOK_IDENT) || (i > 0 && w->tok[i - 1].kind == TOK_DOT))
		return false;
	if (xl_word_is(w, i, "pg_catalog") && xl_word_kind(w, i + 1, TOK_DOT) &&
		xl_word_kind(w, i + 2, TOK_IDENT))
		name = i + 2;
	if (!xl_word_kind(w, name + 1, TOK_LPAREN) || fn->a.match[name + 1] == XL_NO_WORD ||
		fn->a.match[name + 1] >= to)
		return false;
	c->first = i;
	c->name = name;
	c->open = name + 1;
	c->close = fn->a.match[name + 1];
	c->filter = c->filter_close = XL_NO_WORD;
	if (xl_word_is(w, c->close + 1, "filter") && xl_word_kind(w, c->close + 2, TOK_LPAREN) &&
		fn->a.match[c->close + 2] != XL_NO_WORD && fn->a.match[c->close + 2] < to)
	{
		c->filter = c->close + 1;
		c->filter_close = fn->a.match[c->close + 2];
	}
	read_arguments(fn, c);
	return true;
}

bool
xl_fn_write_arg(XlFn *fn, const XlFnCall *c, int k, PgError *err)
{
	return xl_fn_write(fn, c->arg[k], c->arg_end[k], err);
}

/* The top-level word of the call's parentheses that is keyword kw, or XL_NO_WORD. */
size_t
xl_fn_call_keyword(const XlFn *fn, const XlFnCall *c, size_t from, const char *kw)
{
	for (size_t j = from; j < c->close; j++)
	{
		if (fn->a.match[j] != XL_NO_WORD)
			j = fn->a.match[j];
		else if (xl_word_is(&fn->w, j, kw))
			return j;
	}
	return XL_NO_WORD;
}

/* name(args) with only the name changed: the arguments as written, through the rules. */
static XlRuleResult
rename_call(XlFn *fn, const XlFnCall *c, const char *name, PgError *err)
{
	xl_fn_emit(fn, name);
	return xl_fn_write(fn, c->open, c->close + 1, err) ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

/* ---- string functions ---- */

/* length, char_length, character_length, octet_length */
static XlRuleResult
write_length(XlFn *fn, const XlFnCall *c, PgError *err)
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
		return chars ? XL_RULE_NONE : rename_call(fn, c, "CHAR_LENGTH", err);
	}
	if (!octets)
		return chars ? rename_call(fn, c, "length", err) : XL_RULE_NONE;
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

static XlRuleResult
write_substring(XlFn *fn, const XlFnCall *c, PgError *err)
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
static XlRuleResult
write_position(XlFn *fn, const XlFnCall *c, PgError *err)
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

static XlRuleResult
write_trim(XlFn *fn, const XlFnCall *c, PgError *err)
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
static XlRuleResult
write_greatest(XlFn *fn, const XlFnCall *c, PgError *err)
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
static XlRuleResult
write_random(XlFn *fn, const XlFnCall *c, PgError *err)
{
	if (c->nargs != 0)
		return XL_RULE_NONE;
	if (fn->dialect == DIALECT_IRIS)
		return xl_fn_refuse(fn, err, c->name, "random()");
	xl_fn_emit(fn, "((random() & 9007199254740991) / 9007199254740992.0)");
	return XL_RULE_WRITTEN;
}

static XlRuleResult
refuse_call(XlFn *fn, const XlFnCall *c, PgError *err)
{
	return xl_fn_refuse(fn, err, c->name, "%.*s()", (int) fn->w.tok[c->name].len,
						fn->w.query + fn->w.tok[c->name].start);
}

/* ---- aggregates ---- */

/* The words of FILTER (WHERE cond) after a call: [cond, cond_end). */
static bool
filter_condition(const XlFn *fn, const XlFnCall *c, size_t *cond, size_t *cond_end)
{
	if (c->filter == XL_NO_WORD || !xl_word_is(&fn->w, c->filter + 2, "where"))
		return false;
	*cond = c->filter + 3;
	*cond_end = c->filter_close;
	return *cond < *cond_end;
}

/* CASE WHEN cond THEN value END: the value where FILTER (WHERE cond) keeps the row. */
static bool
write_filtered(XlFn *fn, const XlFnCall *c, size_t from, size_t to, const char *value, PgError *err)
{
	size_t		cond,
				cond_end;
	bool		ok;

	if (!filter_condition(fn, c, &cond, &cond_end))
		return value != NULL ? (xl_fn_emit(fn, value), true) : xl_fn_write(fn, from, to, err);
	xl_fn_emit(fn, "CASE WHEN ");
	ok = xl_fn_write(fn, cond, cond_end, err);
	xl_fn_emit(fn, " THEN ");
	if (value != NULL)
		xl_fn_emit(fn, value);
	else
		ok = ok && xl_fn_write(fn, from, to, err);
	xl_fn_emit(fn, " END");
	return ok;
}

/* Is the call's first argument DISTINCT x? The words of x then start at *x. */
static bool
distinct_argument(const XlFn *fn, const XlFnCall *c, size_t *x)
{
	*x = c->arg[0];
	if (c->nargs < 1 || !xl_word_is(&fn->w, c->arg[0], "distinct"))
		return false;
	*x = c->arg[0] + 1;
	return true;
}

/* The ORDER BY inside an aggregate's parentheses, or XL_NO_WORD. */
static size_t
aggregate_order(const XlFn *fn, const XlFnCall *c)
{
	size_t		order = xl_fn_call_keyword(fn, c, c->open + 1, "order");

	return order != XL_NO_WORD && xl_word_is(&fn->w, order + 1, "by") ? order : XL_NO_WORD;
}

/*
 * string_agg(x, sep): SQLite's group_concat(x, sep) (3.40 has no ORDER BY
 * in aggregates, and DISTINCT only with the default ','); IRIS's %DLIST of
 * the non-NULL values joined by $LISTTOSTRING, NULL for no values.
 */
static XlRuleResult
write_string_agg(XlFn *fn, const XlFnCall *c, PgError *err)
{
	size_t		x;
	bool		distinct = distinct_argument(fn, c, &x);
	size_t		order = aggregate_order(fn, c);
	const char *sep;
	bool		ok;

	if (c->nargs != 2)
		return XL_RULE_NONE;
	if (order != XL_NO_WORD)
		return xl_fn_refuse(fn, err, order, "ORDER BY in string_agg()");
	if (fn->dialect == DIALECT_SQLITE)
	{
		if (!distinct)
			return rename_call(fn, c, "group_concat", err);
		sep = xl_fn_string(fn, c->arg[1], c->arg_end[1]);
		if (sep == NULL || strcmp(sep, ",") != 0)
			return xl_fn_refuse(fn, err, c->arg[0], "string_agg(DISTINCT ...) with a separator other than ','");
		xl_fn_emit(fn, "group_concat(");
		ok = xl_fn_write(fn, c->arg[0], c->arg_end[0], err);
		xl_fn_emit(fn, ")");
		return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
	}
	if (distinct)
		return xl_fn_refuse(fn, err, c->arg[0], "string_agg(DISTINCT ...)");
	if (xl_word_is(&fn->w, c->filter != XL_NO_WORD ? c->filter_close + 1 : c->close + 1, "over"))
		return xl_fn_refuse(fn, err, c->name, "string_agg() as a window function");
	xl_fn_emit(fn, "NULLIF($LISTTOSTRING(%DLIST(");
	ok = write_filtered(fn, c, x, c->arg_end[0], NULL, err);
	xl_fn_emit(fn, "), ");
	ok = ok && xl_fn_write_arg(fn, c, 1, err);
	xl_fn_emit(fn, "), '')");
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

/*
 * count/sum/avg/min/max(x) FILTER (WHERE cond) on IRIS, which has no
 * FILTER: f(CASE WHEN cond THEN x END), as these aggregates skip NULLs.
 */
static XlRuleResult
write_filtered_aggregate(XlFn *fn, const XlFnCall *c, PgError *err)
{
	size_t		x;
	bool		distinct = distinct_argument(fn, c, &x);
	bool		star = c->nargs == 1 && xl_word_is_op(&fn->w, c->arg[0], '*') &&
		c->arg_end[0] == c->arg[0] + 1;
	bool		ok;

	if (c->nargs != 1 || aggregate_order(fn, c) != XL_NO_WORD)
		return xl_fn_refuse(fn, err, c->filter, "FILTER on this aggregate");
	xl_fn_emit_gap(fn, c->first, c->open + 1);
	if (distinct)
		xl_fn_emit(fn, "DISTINCT ");
	ok = write_filtered(fn, c, x, c->arg_end[0], star ? "1" : NULL, err);
	xl_fn_emit(fn, ")");
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

/* ---- the function table ---- */

typedef struct FunctionRule
{
	const char *name;
	CallWriter	write;
	bool		filtered;		/* an aggregate whose FILTER IRIS gets as CASE */
} FunctionRule;

static const FunctionRule function_rules[] = {
	{"avg", NULL, true},
	{"btrim", write_trim, false},
	{"char_length", write_length, false},
	{"character_length", write_length, false},
	{"count", NULL, true},
	{"date_part", xl_fn_write_extract, false},
	{"date_trunc", xl_fn_write_date_trunc, false},
	{"extract", xl_fn_write_extract, false},
	{"greatest", write_greatest, false},
	{"least", write_greatest, false},
	{"length", write_length, false},
	{"ltrim", write_trim, false},
	{"max", NULL, true},
	{"min", NULL, true},
	{"octet_length", write_length, false},
	{"position", write_position, false},
	{"random", write_random, false},
	{"regexp_count", refuse_call, false},
	{"regexp_instr", refuse_call, false},
	{"regexp_like", refuse_call, false},
	{"regexp_match", refuse_call, false},
	{"regexp_matches", refuse_call, false},
	{"regexp_replace", refuse_call, false},
	{"regexp_split_to_array", refuse_call, false},
	{"regexp_split_to_table", refuse_call, false},
	{"regexp_substr", refuse_call, false},
	{"rtrim", write_trim, false},
	{"setseed", refuse_call, false},
	{"string_agg", write_string_agg, false},
	{"strpos", write_position, false},
	{"substr", write_substring, false},
	{"substring", write_substring, false},
	{"sum", NULL, true},
	{"trim", write_trim, false},
};

static const FunctionRule *
function_rule(const XlWords *w, size_t name)
{
	for (size_t k = 0; k < lengthof(function_rules); k++)
	{
		if (xl_word_is(w, name, function_rules[k].name))
			return &function_rules[k];
	}
	return NULL;
}

/* A call at word i of a function this rule writes for the dialect. */
static XlRuleResult
write_call(XlFn *fn, size_t i, size_t to, size_t *end, PgError *err)
{
	XlFnCall	c;
	const FunctionRule *rule;
	XlRuleResult res;
	size_t		cond,
				cond_end;

	if (!read_call(fn, i, to, &c))
		return XL_RULE_NONE;
	rule = function_rule(&fn->w, c.name);
	if (fn->dialect == DIALECT_IRIS && c.filter != XL_NO_WORD &&
		(rule == NULL || !(rule->filtered || rule->write == write_string_agg)))
		return xl_fn_refuse(fn, err, c.filter, "FILTER on %.*s()", (int) fn->w.tok[c.name].len,
							fn->w.query + fn->w.tok[c.name].start);
	if (rule == NULL)
		return XL_RULE_NONE;
	if (fn->dialect == DIALECT_IRIS && c.filter != XL_NO_WORD && !filter_condition(fn, &c, &cond, &cond_end))
		return XL_RULE_NONE;	/* FILTER without (WHERE condition): the database's error */
	if (rule->filtered)
	{
		if (fn->dialect != DIALECT_IRIS || c.filter == XL_NO_WORD)
			return XL_RULE_NONE;
		res = write_filtered_aggregate(fn, &c, err);
	}
	else
		res = rule->write(fn, &c, err);
	*end = c.close + 1;
	if (res == XL_RULE_WRITTEN && fn->dialect == DIALECT_IRIS && c.filter != XL_NO_WORD)
		*end = c.filter_close + 1;	/* the FILTER went into the arguments */
	return res;
}

/* ==== the rule, as the rewriter runs it ==== */

/*
 * The words that can begin a construct of this rule, sorted: a statement
 * without any is left alone. iris_only ones matter to IRIS only.
 */
typedef struct Trigger
{
	const char *word;
	bool		iris_only;
} Trigger;

static const Trigger trigger_words[] = {
	{"and", true}, {"avg", true}, {"btrim", false}, {"char_length", false},
	{"character_length", false}, {"clock_timestamp", false}, {"count", true},
	{"current_date", true}, {"current_time", false}, {"current_timestamp", false},
	{"date_part", false}, {"date_trunc", false}, {"extract", false}, {"false", true},
	{"filter", true}, {"greatest", false}, {"having", true}, {"ilike", false}, {"is", true},
	{"least", false}, {"length", false}, {"like", false}, {"localtime", false},
	{"localtimestamp", false}, {"ltrim", false}, {"max", true}, {"min", true}, {"not", true},
	{"now", false}, {"nulls", true}, {"octet_length", false}, {"on", true}, {"or", true},
	{"position", false}, {"random", false}, {"regexp_count", false}, {"regexp_instr", false},
	{"regexp_like", false}, {"regexp_match", false}, {"regexp_matches", false},
	{"regexp_replace", false}, {"regexp_split_to_array", false},
	{"regexp_split_to_table", false}, {"regexp_substr", false}, {"rtrim", false},
	{"select", true}, {"set", true}, {"setseed", false}, {"similar", false}, {"statement_timestamp", false},
	{"string_agg", false}, {"strpos", false}, {"substr", false}, {"substring", false},
	{"sum", true}, {"transaction_timestamp", false}, {"trim", false}, {"true", true},
	{"unknown", false}, {"values", true}, {"when", true}, {"where", true},
};

static int
compare_trigger(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *) entry);
}

/* Is word i one that can begin a construct for the dialect? */
static bool
is_trigger(const XlWords *w, size_t i, bool iris)
{
	const Token *t = &w->tok[i];
	char		word[TRIGGER_LEN + 1];
	const void *hit;

	if (t->kind == TOK_OPERATOR)
		return (t->len == 1 && w->query[t->start] == '/') ||
			memchr(w->query + t->start, '~', t->len) != NULL;
	if (t->kind != TOK_IDENT || t->len > TRIGGER_LEN)
		return false;
	for (size_t k = 0; k < t->len; k++)
	{
		char		c = w->query[t->start + k];

		word[k] = (char) (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	word[t->len] = '\0';
	hit = bsearch(word, trigger_words, lengthof(trigger_words), sizeof(trigger_words[0]),
				  compare_trigger);
	return hit != NULL && (iris || !((const Trigger *) hit)->iris_only);
}

static bool
has_trigger(const XlWords *w, bool iris)
{
	for (size_t i = 0; i < w->n; i++)
	{
		if (is_trigger(w, i, iris))
			return true;
	}
	return false;
}

static bool
functions_begin(const XlRuleEnv *env, void **state)
{
	SqlDialect	dialect = env->ctx->dialect;
	XlFn	   *fn;

	if ((dialect != DIALECT_IRIS && dialect != DIALECT_SQLITE) || env->w.n == 0 ||
		!has_trigger(&env->w, dialect == DIALECT_IRIS))
		return false;
	if ((fn = malloc(sizeof(XlFn))) == NULL)
	{
		env->out->failed = true;
		return false;
	}
	fn_open(fn, env);
	if (!xl_fn_analyse(fn))
	{
		fn_close(fn);
		free(fn);
		env->out->failed = true;
		return false;
	}
	*state = fn;
	return true;
}

static XlRuleResult
functions_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	XlFn	   *fn = state;
	XlRuleResult res = xl_fn_apply_nodes(fn, i, to, end, err);

	if (res == XL_RULE_NONE)
		res = xl_fn_apply_values(fn, i, to, end, err);
	if (res == XL_RULE_NONE)
		res = xl_fn_write_clock(fn, i, to, end, err);
	if (res == XL_RULE_NONE)
		res = write_call(fn, i, to, end, err);
	if (res == XL_RULE_NONE)
		res = xl_fn_apply_division(fn, i, to, end, err);
	return res;
}

static void
functions_end(void *state)
{
	fn_close(state);
	free(state);
}

const XlRule xl_functions_rule = {"functions", functions_begin, functions_apply, functions_end};

