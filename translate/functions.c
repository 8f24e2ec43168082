/*
 * functions.c
 *		The functions rule: PostgreSQL's functions, operators and boolean
 *		values carried to the iris and sqlite dialects.
 *
 * Owns: the rule as the rewriter runs it (which statements it looks at and
 * what it tries at each word), the vocabulary its writers share (writing
 * words through every rule, refusing with 0A000 at a word, keeping written
 * text apart from its neighbours), and the function calls' table, reading
 * calls and aggregates with FILTER. The string functions (length,
 * substring, position, trim), greatest/least, random and
 * regular-expression functions are functions_string.c's.
 * The clock and dates are in functions_time.c, the statement's expression
 * structure in expressions.c, LIKE, regular expressions and division in
 * operators.c, booleans and conditions in booleans.c. A construct becomes
 * the dialect's equivalent or a refusal naming it, never a silently
 * different meaning.
 */
#include "translate/functions_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
XlRuleResult
fn_rename_call(XlFn *fn, const XlFnCall *c, const char *name, PgError *err)
{
	xl_fn_emit(fn, name);
	return xl_fn_write(fn, c->open, c->close + 1, err) ? XL_RULE_WRITTEN : XL_RULE_FAILED;
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
			return fn_rename_call(fn, c, "group_concat", err);
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
	{"btrim", fn_write_trim, false},
	{"char_length", fn_write_length, false},
	{"character_length", fn_write_length, false},
	{"count", NULL, true},
	{"date_part", xl_fn_write_extract, false},
	{"date_trunc", xl_fn_write_date_trunc, false},
	{"extract", xl_fn_write_extract, false},
	{"greatest", fn_write_greatest, false},
	{"least", fn_write_greatest, false},
	{"length", fn_write_length, false},
	{"ltrim", fn_write_trim, false},
	{"max", NULL, true},
	{"min", NULL, true},
	{"octet_length", fn_write_length, false},
	{"position", fn_write_position, false},
	{"random", fn_write_random, false},
	{"regexp_count", fn_refuse_call, false},
	{"regexp_instr", fn_refuse_call, false},
	{"regexp_like", fn_refuse_call, false},
	{"regexp_match", fn_refuse_call, false},
	{"regexp_matches", fn_refuse_call, false},
	{"regexp_replace", fn_refuse_call, false},
	{"regexp_split_to_array", fn_refuse_call, false},
	{"regexp_split_to_table", fn_refuse_call, false},
	{"regexp_substr", fn_refuse_call, false},
	{"rtrim", fn_write_trim, false},
	{"setseed", fn_refuse_call, false},
	{"string_agg", write_string_agg, false},
	{"strpos", fn_write_position, false},
	{"substr", fn_write_substring, false},
	{"substring", fn_write_substring, false},
	{"sum", NULL, true},
	{"trim", fn_write_trim, false},
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
 * Is word i one that can begin a construct for the dialect (the lexer's
 * keyword classes: now, trim, ilike, ... and on IRIS the booleans' words),
 * or an operator that can ('/', '~')? A statement without any is left alone.
 */
static bool
is_trigger(const XlWords *w, size_t i, bool iris)
{
	const Token *t = &w->tok[i];

	if (t->kind == TOK_OPERATOR)
		return (t->len == 1 && w->query[t->start] == '/') ||
			memchr(w->query + t->start, '~', t->len) != NULL;
	return xl_word_has_class(w, i, iris ? KW_FUNCTION_WORD | KW_IRIS_FUNCTION_WORD : KW_FUNCTION_WORD);
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
	if ((fn = xl_rule_state_alloc(env, sizeof(XlFn), 0)) == NULL)
		return false;
	fn_open(fn, env);
	if (!xl_fn_analyse(fn))
	{
		fn_close(fn);
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
}

const XlRule xl_functions_rule = {"functions", functions_begin, functions_apply, functions_end};
