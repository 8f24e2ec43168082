/*
 * rewrite.c
 *		PostgreSQL statement text in, target-dialect statement text out.
 *
 * Owns: the rules that change a statement on its way to the database. Text
 * is copied verbatim, comments and spacing included, except where a rule
 * applies. The rules: the session information functions (version(),
 * current_user, pg_backend_pid(), ...) become literals of the values pgwire
 * reports, and select-list items get PostgreSQL's column names (all
 * unaliased items of the outermost list on databases that name columns
 * their own way, a whole-item session function everywhere), and casts on
 * databases that do not read PostgreSQL's (cast.c decides each one; their
 * operands come back here to be written with all the rules). It must never
 * touch string constants, comments or quoted names. Parameters $n become
 * ODBC ? markers, recorded in the statement's ParamMap (param_map.c).
 */
#include "translate/xl_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_TRACKED_DEPTH	32	/* select lists nested deeper get no column names */
#define MAX_RULES			9
#define LOCAL_WORDS			256	/* statements this long keep their analysis on the stack */
#define STATE_SPACE			(24 * 1024)	/* the rules' states of a statement, on the stack */
#define MAX_SPILLS			16	/* states that did not fit, allocated */

/*
 * Every rule, in the order each word is offered to them (xl_internal.h).
 * Casts come first: a cast's operand (which may start with a function or
 * an operator's left side) is written through the other rules.
 */
static const XlRule *const all_rules[] = {
	&xl_catalog_rule,
	&xl_cast_rule,
	&xl_insert_rule,
	&xl_limit_rule,
	&xl_ddl_rule,
	&xl_ddl_statements_rule,
	&xl_vector_rule,
	&xl_functions_rule,
	&xl_names_rule,
};

typedef enum SessionValue
{
	SV_VERSION,
	SV_DATABASE,
	SV_USER,
	SV_SCHEMA,
	SV_PID
} SessionValue;

/* How a session information function may be written. */
#define SF_CALL		0x01		/* name() */
#define SF_BARE		0x02		/* name alone: an SQL keyword */
#define SF_GUARDED	0x04		/* bare only right after SELECT, ',' or '=' */

typedef struct SessionFunction
{
	const char *name;
	int			forms;
	SessionValue value;
	const char *column;			/* PostgreSQL's output column name, as SQL */
} SessionFunction;

/* Each name is of class KW_SESSION_VALUE in keywords.c: the lexer finds them. */
static const SessionFunction session_functions[] = {
	{"version", SF_CALL, SV_VERSION, "version"},
	{"current_database", SF_CALL, SV_DATABASE, "current_database"},
	{"current_catalog", SF_BARE, SV_DATABASE, "current_catalog"},
	{"current_user", SF_BARE, SV_USER, "current_user"},
	{"session_user", SF_BARE, SV_USER, "session_user"},
	{"current_role", SF_BARE, SV_USER, "current_role"},
	{"user", SF_BARE | SF_GUARDED, SV_USER, "\"user\""},
	{"current_schema", SF_CALL | SF_BARE, SV_SCHEMA, "current_schema"},
	{"pg_backend_pid", SF_CALL, SV_PID, "pg_backend_pid"},
};

/*
 * Where the walk is with respect to select lists (and RETURNING lists),
 * per parenthesis depth, so a call that is a whole item can be named.
 */
typedef struct TargetLists
{
	int			depth;
	bool		open[MAX_TRACKED_DEPTH];	/* a select list is open at this depth */
	bool		item_start;		/* the next word begins a list item */
	int			distinct_on_depth;	/* depth of SELECT DISTINCT ON (...), or -1 */
} TargetLists;

/* The statement being rewritten and how far its text has been copied. */
typedef struct Rewriter
{
	const char *query;
	XlWords		w;
	const RewriteContext *ctx;
	Buf		   *out;
	size_t		copied;			/* query[..copied) is dealt with */
	bool		replace_functions;
	TargetLists lists;
	ColumnList	cols;			/* outermost items to name (not for VALUES) */
	size_t		next_item;		/* the first of cols not yet reached */
	int			in_operand;		/* writing a rule's operand: no outermost item ends */
	XlRuleEnv	env;			/* what the rules see */
	uint32_t   *match;			/* env.match: match_local, or allocated for long statements */
	const XlRule *rules[MAX_RULES];	/* the rules that accepted the statement */
	void	   *states[MAX_RULES];
	int			nrules;
	size_t		state_used;		/* bytes of state_space given to rules */
	void	   *spills[MAX_SPILLS];	/* states given from the heap */
	int			nspills;
	/* last: not cleared */
	uint32_t	match_local[2 * LOCAL_WORDS];
	_Alignas(max_align_t) char state_space[STATE_SPACE];
} Rewriter;

void
xl_append_literal(Buf *out, const char *s)
{
	if (s == NULL)
	{
		buf_append_str(out, "NULL");
		return;
	}
	buf_append_byte(out, '\'');
	for (const char *p = s; *p; p++)
	{
		if (*p == '\'')
			buf_append_byte(out, '\'');
		buf_append_byte(out, (uint8_t) *p);
	}
	buf_append_byte(out, '\'');
}

/* ---- select lists ---- */

static bool
list_open(const TargetLists *t)
{
	return t->depth < MAX_TRACKED_DEPTH && t->open[t->depth];
}

static void
set_list_open(TargetLists *t, bool open)
{
	if (t->depth < MAX_TRACKED_DEPTH)
		t->open[t->depth] = open;
}

/* Follow word i, which is not a session function. */
static void
track_word(TargetLists *t, const XlWords *w, size_t i)
{
	bool		start = false;

	switch (w->tok[i].kind)
	{
		case TOK_LPAREN:
			t->depth++;
			set_list_open(t, false);
			break;
		case TOK_RPAREN:
			set_list_open(t, false);
			if (t->depth > 0)
				t->depth--;
			if (t->depth == t->distinct_on_depth)
			{
				start = true;	/* SELECT DISTINCT ON (...) item */
				t->distinct_on_depth = -1;
			}
			break;
		case TOK_COMMA:
			start = list_open(t);
			break;
		case TOK_IDENT:
			if (xl_word_is(w, i, "select") || xl_word_is(w, i, "returning"))
			{
				set_list_open(t, true);
				start = true;
			}
			else if (t->item_start && xl_word_is(w, i, "distinct") && xl_word_is(w, i + 1, "on"))
				t->distinct_on_depth = t->depth;
			else if (t->item_start && (xl_word_is(w, i, "distinct") || xl_word_is(w, i, "all")))
				start = true;
			else if (xl_word_ends_target_list(w, i))
				set_list_open(t, false);
			break;
		default:
			break;
	}
	t->item_start = start;
}

/* Does word j end the select-list item being looked at? */
static bool
ends_item(const TargetLists *t, const XlWords *w, size_t j)
{
	if (j >= w->n || w->tok[j].kind == TOK_COMMA)
		return true;
	if (w->tok[j].kind == TOK_RPAREN)
		return t->depth > 0;
	return xl_word_ends_target_list(w, j);
}

/* ---- session information functions ---- */

static const SessionFunction *
function_named(const XlWords *w, size_t i)
{
	for (size_t k = 0; k < lengthof(session_functions); k++)
	{
		if (xl_word_is(w, i, session_functions[k].name))
			return &session_functions[k];
	}
	return NULL;
}

/*
 * Is the previous word one after which a name cannot be the function: a
 * qualifier's '.', an alias's AS, or FROM/JOIN (a table function, which
 * PostgreSQL names differently)?
 */
static bool
after_non_call_word(const XlWords *w, size_t i)
{
	return i > 0 && (w->tok[i - 1].kind == TOK_DOT || xl_word_is(w, i - 1, "as") ||
					 xl_word_is(w, i - 1, "from") || xl_word_is(w, i - 1, "join"));
}

/* Bare "user" only in SELECT user, ..., user and = user (it is a column name elsewhere). */
static bool
after_guard_word(const XlWords *w, size_t i)
{
	return i > 0 && (xl_word_is(w, i - 1, "select") || w->tok[i - 1].kind == TOK_COMMA ||
					 xl_word_is_op(w, i - 1, '='));
}

/*
 * Is there a session information function at word i, optionally
 * qualified with pg_catalog? *ntokens is the number of words it spans.
 */
static const SessionFunction *
function_at(const XlWords *w, size_t i, size_t *ntokens)
{
	size_t		j = i;
	bool		qualified = false;
	const SessionFunction *fn;

	if (xl_word_is(w, i, "pg_catalog") && xl_word_kind(w, i + 1, TOK_DOT))
	{
		j = i + 2;
		qualified = true;
	}
	if (!xl_word_has_class(w, j, KW_SESSION_VALUE))
		return NULL;
	if ((fn = function_named(w, j)) == NULL || after_non_call_word(w, i))
		return NULL;
	if (xl_word_kind(w, j + 1, TOK_LPAREN))
	{
		if (!(fn->forms & SF_CALL) || !xl_word_kind(w, j + 2, TOK_RPAREN))
			return NULL;
		*ntokens = j + 3 - i;
		return fn;
	}
	if (qualified || !(fn->forms & SF_BARE) || xl_word_kind(w, j + 1, TOK_DOT))
		return NULL;
	if ((fn->forms & SF_GUARDED) && !after_guard_word(w, i))
		return NULL;
	*ntokens = 1;
	return fn;
}

static void
append_value(Buf *out, SessionValue value, const SessionValues *s)
{
	switch (value)
	{
		case SV_VERSION:
			xl_append_literal(out, s->version);
			break;
		case SV_DATABASE:
			xl_append_literal(out, s->database);
			break;
		case SV_USER:
			xl_append_literal(out, s->user);
			break;
		case SV_SCHEMA:
			xl_append_literal(out, s->schema);
			break;
		case SV_PID:
			buf_appendf(out, "%d", s->backend_pid);
			break;
	}
}

/*
 * Statements that store expressions for later (views, column defaults,
 * role names in GRANT ...) keep them: only statements that evaluate their
 * query now are rewritten, CREATE TABLE AS included.
 */
static bool
evaluates_now(const Statement *stmt)
{
	return stmt->kind != STMT_DDL || stmt->tag_count == TAG_COUNT;
}

/* ---- parameters ---- */

/* Copy the statement's text up to offset unchanged. */
static void
copy_to(Rewriter *r, size_t offset)
{
	if (offset > r->copied)
		buf_append(r->out, r->query + r->copied, offset - r->copied);
	r->copied = Max(r->copied, offset);
}


/* The type $n at word i is cast to (i + 1 is "::"), or 0. */
static uint32_t
param_cast_type(const XlWords *w, size_t i)
{
	XlTypeName	t;
	size_t		j = i + 2;
	Buf			scratch;
	uint32_t	oid;

	if (!xl_word_kind(w, i + 1, TOK_TYPECAST) || !xl_parse_type_name(w, &j, &t) || t.is_array)
		return 0;
	buf_init(&scratch);
	oid = xl_type_name_oid(w, &t, &scratch);
	buf_free(&scratch);
	return oid;
}

/*
 * $n at word i becomes an ODBC ? marker, recorded in the statement's
 * parameter map. A simple Query has no parameters, there is no $0, and
 * none past what a Bind message can carry: PostgreSQL's 42P02.
 */
static bool
write_param(Rewriter *r, size_t i, PgError *err)
{
	const Token *tok = &r->w.tok[i];

	if (r->ctx->params == NULL || tok->param < 1 || tok->param > XL_MAX_PARAMS)
	{
		pgerr_set(err, ERRCODE_UNDEFINED_PARAMETER, "there is no parameter $%d", (int) tok->param);
		err->position = xl_char_position(r->query, tok->start);
		return false;
	}
	if (!xl_params_add(r->ctx->params, (int) tok->param, param_cast_type(&r->w, i)))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	copy_to(r, tok->start);
	buf_append_byte(r->out, '?');
	r->copied = xl_token_end(tok);
	if (r->ctx->dialect == DIALECT_POSTGRES && r->ctx->declared_types != NULL &&
		tok->param <= r->ctx->ndeclared &&
		!xl_word_kind(&r->w, i + 1, TOK_TYPECAST))
	{
		const PgType *t = pgtype_by_oid(r->ctx->declared_types[tok->param - 1]);

		if (t != NULL)
			buf_appendf(r->out, "::\"%s\"", t->name);
	}
	return true;
}

/* ---- column names ---- */

/*
 * Does the dialect name result columns its own way (SQLite: "count(*)",
 * IRIS: "Aggregate_1"), so that every item needs PostgreSQL's name?
 */
static bool
names_columns_differently(SqlDialect dialect)
{
	return dialect != DIALECT_POSTGRES;
}

/* Find the items of the outermost target list that may take an alias. */
static void
find_outer_items(Rewriter *r, const StatementList *list, const Statement *stmt)
{
	bool		is_values;

	if (!names_columns_differently(r->ctx->dialect))
		return;
	if (xl_target_list(r->query, list, stmt, &r->cols, &is_values) && is_values)
		r->cols.count = 0;		/* VALUES items are no select-list items */
}

/* The outermost item whose expression ends at byte offset end, if any. */
static const ColumnInfo *
outer_item_ending_at(Rewriter *r, size_t end)
{
	while (r->next_item < r->cols.count && r->cols.items[r->next_item].expr_end < end)
		r->next_item++;
	if (r->next_item < r->cols.count && r->cols.items[r->next_item].expr_end == end)
		return &r->cols.items[r->next_item++];
	return NULL;
}

/*
 * The one place that names a select-list item, appended right after its
 * expression. item is the outermost-list item ending here (only where the
 * dialect names columns differently), fn the session function that is the
 * whole item (in any list). An item with its own alias or a star keeps
 * its text.
 */
static void
append_item_alias(Rewriter *r, const ColumnInfo *item, const SessionFunction *fn)
{
	if (item != NULL && (item->has_alias || item->is_star))
		return;
	if (item != NULL)
	{
		buf_append_str(r->out, " AS ");
		xl_append_identifier(r->out, item->name);
	}
	else if (fn != NULL)
	{
		buf_append_str(r->out, " AS ");
		buf_append_str(r->out, fn->column);
	}
}

void
xl_set_position(const XlWords *w, PgError *err, size_t word)
{
	size_t		off;

	if (word < w->n)
		off = w->tok[word].start;
	else
		off = w->n > 0 ? xl_token_end(&w->tok[w->n - 1]) : 0;
	err->position = xl_char_position(w->query, off);
}

void
xl_refusev(PgError *err, const XlWords *w, size_t word, const char *by, const char *why,
		   const char *fmt, va_list ap)
{
	char		what[512];

	vsnprintf(what, sizeof(what), fmt, ap);
	if (why != NULL)
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported by %s: %s", what, by, why);
	else
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported by %s", what, by);
	xl_set_position(w, err, word);
}

void
xl_refuse(PgError *err, const XlWords *w, size_t word, const char *by, const char *why,
		  const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	xl_refusev(err, w, word, by, why, fmt, ap);
	va_end(ap);
}

void
xl_drop_blank_before(Buf *out, const XlWords *w, size_t last, size_t stmt_end)
{
	size_t		next = xl_token_end(&w->tok[last]);
	char		c = next < stmt_end ? w->query[next] : '\0';

	if (c != ' ' && c != '\t' && c != '\n' && c != ',' && c != ')' && c != '\0')
		return;
	while (out->len > 0 && (out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\t'))
		out->len--;
}

bool
xl_is_word_byte(char ch)
{
	unsigned char u = (unsigned char) ch;

	return u >= 0x80 || u == '_' || u == '$' || (u >= '0' && u <= '9') ||
		((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
}

/* Would a and b, written one after the other, read as one token (or begin a comment)? */
static bool
would_join(char a, char b)
{
	return (xl_is_word_byte(a) && xl_is_word_byte(b)) || (a == '-' && b == '-') ||
		(a == '/' && b == '*') || (a == '\'' && b == '\'');
}

/*
 * Keep what a rule wrote, out[start..), apart from the text before it and
 * from the statement's text after its last word (end - 1).
 */
static void
separate_written(Rewriter *r, size_t start, size_t end)
{
	Buf		   *out = r->out;

	if (buf_failed(out) || out->len == start)
		return;
	if (start > 0 && would_join(out->data[start - 1], out->data[start]))
	{
		buf_append_byte(out, ' ');
		if (buf_failed(out))
			return;
		memmove(out->data + start + 1, out->data + start, out->len - start - 1);
		out->data[start] = ' ';
	}
	if (end < r->w.n && would_join(out->data[out->len - 1], r->query[xl_token_end(&r->w.tok[end - 1])]))
		buf_append_byte(out, ' ');
}

/*
 * Offer word i to the rules; the first that writes a construct there wins.
 * *ntokens is set to the words it spans.
 */
static XlRuleResult
apply_rules(Rewriter *r, size_t i, size_t to, size_t *ntokens, PgError *err)
{
	size_t		start;

	if (r->nrules == 0)
		return XL_RULE_NONE;
	/* the text before word i is final whatever happens at i */
	copy_to(r, r->w.tok[i].start);
	start = r->out->len;
	for (int k = 0; k < r->nrules; k++)
	{
		size_t		end = i + 1;
		XlRuleResult res = r->rules[k]->apply(r->states[k], i, to, &end, err);

		if (res == XL_RULE_NONE)
			continue;
		if (res == XL_RULE_WRITTEN)
		{
			separate_written(r, start, end);
			r->copied = xl_token_end(&r->w.tok[end - 1]);
			*ntokens = end - i;
		}
		return res;
	}
	return XL_RULE_NONE;
}

/*
 * Apply the rules to words [from, to) of the statement (all of it, or a
 * cast's operand), copying the text between them.
 */
static bool
rewrite_words(Rewriter *r, size_t from, size_t to, PgError *err)
{
	XlWords		w = r->w;
	size_t		i = from;

	w.n = to;
	while (i < to)
	{
		size_t		ntokens = 1;
		const SessionFunction *fn = NULL;
		bool		whole_item = false;
		const ColumnInfo *item;
		size_t		end;

		XlRuleResult rule = apply_rules(r, i, to, &ntokens, err);

		if (rule == XL_RULE_FAILED)
			return false;
		if (rule == XL_RULE_WRITTEN)
			r->lists.item_start = false;
		else if (w.tok[i].kind == TOK_PARAM)
		{
			if (!write_param(r, i, err))
				return false;
			track_word(&r->lists, &w, i);
		}
		else if (r->replace_functions && (fn = function_at(&w, i, &ntokens)) != NULL)
		{
			copy_to(r, w.tok[i].start);
			append_value(r->out, fn->value, r->ctx->session);
			r->copied = xl_token_end(&w.tok[i + ntokens - 1]);
			whole_item = r->lists.item_start && list_open(&r->lists) &&
				ends_item(&r->lists, &w, i + ntokens);
			r->lists.item_start = false;
		}
		else
			track_word(&r->lists, &w, i);
		i += ntokens;
		end = xl_token_end(&w.tok[i - 1]);
		item = r->in_operand == 0 ? outer_item_ending_at(r, end) : NULL;
		if (item != NULL || whole_item)
		{
			copy_to(r, end);
			append_item_alias(r, item, whole_item ? fn : NULL);
		}
	}
	return true;
}

/* XlWriteWords for cast.c: a cast's operand, written with every rule. */
static bool
write_operand(void *rewriter, size_t from, size_t to, PgError *err)
{
	Rewriter   *r = rewriter;
	bool		ok;

	r->copied = r->w.tok[from].start;
	r->lists.item_start = false;
	r->in_operand++;
	ok = rewrite_words(r, from, to, err);
	r->in_operand--;
	copy_to(r, xl_token_end(&r->w.tok[to - 1]));
	return ok;
}

int
xl_returning_position(const char *query, const StatementList *list, const Statement *stmt)
{
	XlWords		w = xl_words(query, list, stmt);
	size_t		i;

	if (stmt->kind != STMT_INSERT && stmt->kind != STMT_UPDATE && stmt->kind != STMT_DELETE)
		return 0;
	i = xl_returning_word(&w, 0);
	return i == SIZE_MAX ? 0 : xl_char_position(query, w.tok[i].start);
}

/*
 * Rules' states live in the rewriter, freed in one place when the
 * statement is written (end_rules): from its stack space while it lasts,
 * then from the heap.
 */
void *
xl_rule_state_alloc(const XlRuleEnv *env, size_t size, size_t cleared)
{
	Rewriter   *r = env->rewriter;
	size_t		rounded = (size + _Alignof(max_align_t) - 1) & ~(_Alignof(max_align_t) - 1);
	void	   *state = NULL;

	if (rounded <= STATE_SPACE - r->state_used)
	{
		state = r->state_space + r->state_used;
		r->state_used += rounded;
	}
	else if (r->nspills < MAX_SPILLS && (state = malloc(size)) != NULL)
		r->spills[r->nspills++] = state;
	if (state == NULL)
	{
		env->out->failed = true;
		return NULL;
	}
	memset(state, 0, Min(cleared, size));
	return state;
}

/* Let every rule release what its state holds, then the states go. */
static void
end_rules(Rewriter *r)
{
	for (int k = 0; k < r->nrules; k++)
		r->rules[k]->end(r->states[k]);
	for (int k = 0; k < r->nspills; k++)
		free(r->spills[k]);
}

/*
 * What every rule reads of the statement's structure, found once: which
 * word closes each group. False on out of memory.
 */
static bool
analyse_statement(Rewriter *r)
{
	r->match = r->match_local;
	if (r->w.n > LOCAL_WORDS && (r->match = malloc(2 * r->w.n * sizeof(uint32_t))) == NULL)
		return false;
	xl_cast_match_groups(&r->w, r->match);
	return true;
}

/* Ask every rule whether it has work in this statement. */
static void
begin_rules(Rewriter *r, const Statement *stmt)
{
	r->env.ctx = r->ctx;
	r->env.stmt = stmt;
	r->env.w = r->w;
	r->env.match = r->match;
	r->env.stored = !evaluates_now(stmt);
	r->env.out = r->out;
	r->env.write_words = write_operand;
	r->env.rewriter = r;
	for (size_t k = 0; k < lengthof(all_rules) && r->nrules < MAX_RULES; k++)
	{
		void	   *state = NULL;

		if (all_rules[k]->begin(&r->env, &state))
		{
			r->rules[r->nrules] = all_rules[k];
			r->states[r->nrules++] = state;
		}
	}
}

/*
 * SQLite's ODBC driver reads a statement as a query only when it begins
 * with SELECT or WITH: a translated VALUES ... or (SELECT ...) would run as
 * a command and return no rows (TABLE t, which SQLite does not have, is
 * left as written). Such a query is written SELECT * FROM
 * (...), which names VALUES' columns column1, column2, ... as PostgreSQL
 * does.
 */
static bool
needs_select_head(const Rewriter *r, const Statement *stmt, const Buf *out, size_t start)
{
	const char *text = out->data + start;

	if (r->ctx->dialect != DIALECT_SQLITE || stmt->kind != STMT_SELECT || buf_failed(out) ||
		out->len == start)
		return false;
	return text[0] == '(' || strncasecmp(text, "values", 6) == 0;
}

bool
xl_rewrite(const char *query, const StatementList *list, const Statement *stmt,
		   const RewriteContext *ctx, Buf *out, PgError *err)
{
	Rewriter	r;
	bool		ok;
	size_t		start = out->len;

	memset(&r, 0, offsetof(Rewriter, match_local));
	r.w = xl_words(query, list, stmt);
	if (r.w.n == 0)
		return true;
	if (!analyse_statement(&r))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	r.query = query;
	r.ctx = ctx;
	r.out = out;
	r.copied = r.w.tok[0].start;
	r.replace_functions = ctx->session != NULL && evaluates_now(stmt);
	r.lists.distinct_on_depth = -1;
	xl_columns_init(&r.cols);
	find_outer_items(&r, list, stmt);
	begin_rules(&r, stmt);
	ok = rewrite_words(&r, 0, r.w.n, err);
	if (ok)
		copy_to(&r, xl_token_end(&r.w.tok[r.w.n - 1]));
	if (ok && needs_select_head(&r, stmt, out, start))
	{
		buf_insert(out, start, "SELECT * FROM (");
		buf_append_byte(out, ')');
	}
	end_rules(&r);
	xl_columns_free(&r.cols);
	if (r.match != r.match_local)
		free(r.match);
	return ok;
}
