/*
 * limit.c
 *		The limit rule: PostgreSQL's row limits (LIMIT, OFFSET, FETCH FIRST)
 *		in each dialect's own words.
 *
 * Owns: reading a statement's query levels (the statement's own query and
 * every parenthesized one) for what row limits depend on: the limit
 * clauses, ORDER BY, set operations, the SELECT a TOP would follow;
 * deciding what each becomes per dialect; writing it. SQLite reads
 * LIMIT n OFFSET m (an OFFSET alone needs LIMIT -1), but no parenthesized
 * set-operation leg (one with a limit is written SELECT * FROM (...)) and
 * no limit on VALUES. IRIS reads LIMIT from 2025.1
 * and TOP in every release; it applies a trailing LIMIT to a UNION's last
 * leg, needs TOP for ORDER BY in a subquery, and TOP may not be mixed with
 * LIMIT, so a statement uses one or the other throughout. What no form
 * says faithfully is refused with 0A000; constants PostgreSQL rejects
 * (negative counts, LIMIT #,#) get PostgreSQL's errors. Every pass is
 * linear in the statement; text outside the constructs is never touched.
 * This file decides per dialect and runs the rule; limit_read.c,
 * limit_levels.c and limit_write.c read and write.
 */
#include "translate/limit_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- deciding: SQLite ---- */

/*
 * Can SQLite read the clauses as written: LIMIT n [OFFSET m] with integer
 * literals (a value computed at run time may be NULL: see write_value)?
 */
static bool
sqlite_reads_as_written(const Group *g)
{
	const LimitValue *c = &g->count;
	const LimitValue *o = &g->offset;

	if (g->fetch || g->offset_first || !(c->kind == VAL_CONST && c->plain))
		return false;
	/* OFFSET m ROWS: the value must end the clauses */
	return o->kind == VAL_NONE || (o->kind == VAL_CONST && o->plain && o->to == g->end);
}

/*
 * SQLite: the clauses as LIMIT n OFFSET m; a VALUES query with a limit in
 * SELECT * FROM (...), as SQLite takes no ORDER BY or LIMIT after VALUES.
 */
static void
plan_sqlite(Limits *s, const Level *L)
{
	const Group *g = &s->groups[L->group];
	bool		effective = lim_count_effective(&g->count) || lim_offset_effective(&g->offset);
	const char *close = NULL;

	if (L->values != NO_WORD && (effective || L->order != NO_WORD))
	{
		lim_add_open(s, L->body, "SELECT * FROM (");
		if (L->order != NO_WORD)
			lim_add_close(s, L->order, ")");
		else
			close = ")";
	}
	if (!effective)
		lim_add_group_edit(s, L->group, FORM_REMOVE, close);
	else if (close != NULL || !sqlite_reads_as_written(g))
		lim_add_group_edit(s, L->group, FORM_LIMIT, close);
}

/* ---- deciding: IRIS ---- */

/* Does the level's query begin with its one SELECT, where a TOP can go? */
static bool
takes_top(const Level *L)
{
	return L->select != NO_WORD && L->body == L->select && L->setop == NO_WORD;
}

/* ORDER BY in a subquery (or a view, or INSERT ... SELECT): IRIS wants TOP there. */
static bool
needs_top(const Level *L)
{
	return !L->top && L->order != NO_WORD && takes_top(L);
}

/* Is v one integer literal or $n, right after its keyword, as IRIS reads it? */
static bool
iris_reads_value(const LimitValue *v)
{
	return ((v->kind == VAL_CONST && v->plain) || v->kind == VAL_PARAM) &&
		v->from == v->keyword + 1 && v->to == v->from + 1;
}

/* Can IRIS read the clauses as written: LIMIT n [OFFSET m [ROWS]]? */
static bool
iris_reads_as_written(const Group *g)
{
	if (g->fetch || g->offset_first || !iris_reads_value(&g->count))
		return false;
	return g->offset.kind == VAL_NONE || iris_reads_value(&g->offset);
}

/* IRIS takes literals and ? in LIMIT, OFFSET and TOP, no other expression. */
static bool
iris_values_ok(Limits *s, const Group *g)
{
	if (g->count.kind == VAL_EXPR)
	{
		lim_refuse_by(s, lim_dialect_name(s), g->first, g->count.from, "a row count that is an expression");
		return false;
	}
	if (g->offset.kind == VAL_EXPR)
	{
		lim_refuse_by(s, lim_dialect_name(s), g->first, g->offset.from, "an OFFSET that is an expression");
		return false;
	}
	return true;
}

/* What a level's query is, for refusals: "UNION, INTERSECT or EXCEPT", "VALUES" ... */
static const char *
query_shape(const Level *L)
{
	if (L->setop != NO_WORD)
		return "UNION, INTERSECT or EXCEPT";
	if (L->values != NO_WORD)
		return "VALUES or TABLE";
	return "a parenthesized query";
}

/* The statement uses TOP: the level's limit becomes SELECT TOP n. */
static void
plan_iris_top(Limits *s, const Level *L)
{
	const Group *g = L->group != NO_WORD ? &s->groups[L->group] : NULL;
	bool		counted = g != NULL && lim_count_effective(&g->count);

	if (g != NULL && (counted || lim_offset_effective(&g->offset)))
	{
		if (!takes_top(L))
		{
			lim_refuse_by(s, lim_top_style_name(s), g->first, g->first, "a row limit on %s",
					  query_shape(L));
			return;
		}
		if (!iris_values_ok(s, g))
			return;
		if (lim_offset_effective(&g->offset))
		{
			lim_refuse_by(s, lim_top_style_name(s), g->first, g->offset.keyword, "OFFSET");
			return;
		}
	}
	if (counted)
		lim_add_top(s, L->select, L->group);
	else if (needs_top(L))
		lim_add_top(s, L->select, NO_WORD);
	if (g != NULL)
		lim_add_group_edit(s, L->group, FORM_REMOVE, NULL);
}

/*
 * The statement uses LIMIT: clauses IRIS cannot read as written become
 * LIMIT n OFFSET m, and a set operation whose limit IRIS would give its
 * last leg is parenthesized, so the limit applies to the whole.
 */
static void
plan_iris_limit(Limits *s, const Level *L)
{
	const Group *g;
	bool		wrap;

	if (L->group == NO_WORD)
		return;
	g = &s->groups[L->group];
	if (!lim_count_effective(&g->count) && !lim_offset_effective(&g->offset))
	{
		lim_add_group_edit(s, L->group, FORM_REMOVE, NULL);
		return;
	}
	if (!iris_values_ok(s, g))
		return;
	wrap = L->setop != NO_WORD && L->order == NO_WORD;
	if (wrap && L->body != lim_first_word(L))
	{
		/* "INSERT INTO t (SELECT ...": the parenthesis would change the statement */
		lim_refuse_by(s, lim_dialect_name(s), g->first, g->first,
				  "a row limit on UNION, INTERSECT or EXCEPT after %.*s",
				  (int) s->w.tok[lim_first_word(L)].len, s->w.query + s->w.tok[lim_first_word(L)].start);
		return;
	}
	if (wrap)
		lim_add_open(s, L->body, "(");
	if (wrap || !iris_reads_as_written(g))
		lim_add_group_edit(s, L->group, FORM_LIMIT, wrap ? ")" : NULL);
}

static void
plan_iris(Limits *s, const Level *L)
{
	const Group *g = L->group != NO_WORD ? &s->groups[L->group] : NULL;

	if (g != NULL && !L->top && L->order != NO_WORD && !takes_top(L) &&
		(lim_count_effective(&g->count) || lim_offset_effective(&g->offset)))
	{
		lim_refuse_by(s, lim_dialect_name(s), g->first, g->first,
				  "a row limit after ORDER BY in a subquery of %s", query_shape(L));
		return;
	}
	if (s->top_style)
		plan_iris_top(s, L);
	else
		plan_iris_limit(s, L);
}

/* A nearest-neighbour search IRIS's HNSW index serves only under TOP (vector_operators.c). */
static bool
hnsw_shape(const Limits *s, const Level *L)
{
	size_t		op;
	size_t		asc;

	return L->order != NO_WORD && takes_top(L) && xl_vector_top_order(&s->w, L->order, &op, &asc);
}

/* Decide every kept level's text. IRIS: TOP throughout if any level needs it. */
static void
plan_levels(Limits *s)
{
	s->top_style = s->env.ctx->iris_top_only;
	for (size_t k = 0; k < s->nlevels && s->dialect == DIALECT_IRIS; k++)
		s->top_style = s->top_style || needs_top(&s->levels[k]) || hnsw_shape(s, &s->levels[k]);
	for (size_t k = 0; k < s->nlevels && !s->failed; k++)
	{
		if (s->dialect == DIALECT_SQLITE)
			plan_sqlite(s, &s->levels[k]);
		else
			plan_iris(s, &s->levels[k]);
	}
}

/* ---- the rule, as the rewriter runs it ---- */

/*
 * Is there a word the rule may have work for: a limit clause, ORDER (IRIS),
 * a set operation or a leading '(' (SQLite)? One quick pass.
 */
static bool
has_work(const XlWords *w, SqlDialect dialect)
{
	if (dialect == DIALECT_SQLITE && xl_word_kind(w, 0, TOK_LPAREN))
		return true;
	for (size_t i = 0; i < w->n; i++)
	{
		if (w->tok[i].kind != TOK_IDENT)
			continue;
		if (lim_limit_keyword_at(w, i) ||
			(dialect == DIALECT_IRIS && lim_keyword_at(w, i, "order")) ||
			(dialect == DIALECT_SQLITE && lim_keyword_in(w, i, lim_set_operation_words)))
			return true;
	}
	return false;
}

static void
limits_free(Limits *s)
{
	free(s->edit_at);
	free(s->stack);
	free(s->levels);
	free(s->groups);
	free(s->legs);
	free(s->edits);
	buf_free(&s->scratch[0]);
	buf_free(&s->scratch[1]);
}

/* The number of '(' at the start that each enclose the whole statement. */
static uint32_t
top_chain(const Limits *s)
{
	uint32_t	k = 0;

	while (k < s->w.n / 2 && s->w.tok[k].kind == TOK_LPAREN && s->match[k] == s->w.n - 1 - k)
		k++;
	return k;
}

static bool
limits_init(Limits *s, const XlRuleEnv *env)
{
	s->env = *env;
	s->w = env->w;
	s->dialect = env->ctx->dialect;
	s->is_select = env->stmt->kind == STMT_SELECT;
	s->guard_from = s->guard_to = NO_WORD;
	s->error_word = NO_WORD;
	buf_init(&s->scratch[0]);
	buf_init(&s->scratch[1]);
	s->match = env->match;
	s->edit_at = malloc(s->w.n * sizeof(uint32_t));
	if (s->edit_at == NULL)
		return false;
	memset(s->edit_at, 0xff, s->w.n * sizeof(uint32_t));	/* NO_EDIT */
	s->top_chain = top_chain(s);
	return true;
}

static bool
limit_begin(const XlRuleEnv *env, void **state)
{
	SqlDialect	dialect = env->ctx->dialect;
	Limits	   *s;

	if ((dialect != DIALECT_SQLITE && dialect != DIALECT_IRIS) || env->w.n == 0 ||
		xl_is_local(env->stmt->kind) || !has_work(&env->w, dialect))
		return false;
	if ((s = xl_rule_state_alloc(env, sizeof(Limits), offsetof(Limits, error))) == NULL)
		return false;
	if (!limits_init(s, env) || !lim_read_levels(s) || (plan_levels(s), s->failed))
	{
		env->out->failed = true;
		limits_free(s);
		return false;
	}
	if (s->nedits == 0 && s->error_word == NO_WORD)
	{
		limits_free(s);
		return false;
	}
	*state = s;
	return true;
}

static XlRuleResult
limit_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	Limits	   *s = state;
	const Edit *e;

	if (i >= s->guard_from && i < s->guard_to)
		return XL_RULE_NONE;
	if (i == s->error_word)
	{
		*err = s->error;
		return XL_RULE_FAILED;
	}
	if (s->edit_at[i] == NO_EDIT)
		return XL_RULE_NONE;
	e = &s->edits[s->edit_at[i]];
	if (lim_edit_end(e, i) > to)
		return XL_RULE_NONE;	/* cut by the construct being written: leave it */
	if (!lim_write_edit(s, i, e, err))
		return XL_RULE_FAILED;
	*end = lim_edit_end(e, i);
	return XL_RULE_WRITTEN;
}

static void
limit_end(void *state)
{
	limits_free(state);
}

const XlRule xl_limit_rule = {"limit", limit_begin, limit_apply, limit_end};
