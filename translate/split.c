/*
 * split.c
 *		Cutting a Query string into statements and naming each one.
 *
 * Owns: where one statement ends and the next begins (top-level ';', with
 * psql's rule for BEGIN ATOMIC ... END bodies of CREATE FUNCTION), and the
 * kind and CommandComplete tag of each statement, spelled as PostgreSQL's
 * src/include/tcop/cmdtaglist.h. Classification only looks at keywords; it
 * never rejects a statement (the database or the session parser does).
 */
#include "translate/xl_internal.h"

#include <stdlib.h>
#include <string.h>

#define INITIAL_STATEMENTS	8

/* ---- tags ---- */

static void
set_tag(Statement *st, StmtKind kind, const char *tag, TagCount count)
{
	st->kind = kind;
	st->tag_count = count;
	pgerr_copy_text(st->tag, sizeof(st->tag), tag);
}

/* "<verb> <object>" for CREATE/DROP/ALTER ... */
static void
set_object_tag(Statement *st, const char *verb, const char *object)
{
	char		tag[sizeof(st->tag)];
	size_t		n = strlen(verb);

	memcpy(tag, verb, n + 1);
	if (object != NULL && n + 1 + strlen(object) < sizeof(tag))
	{
		tag[n] = ' ';
		memcpy(tag + n + 1, object, strlen(object) + 1);
	}
	set_tag(st, STMT_DDL, tag, TAG_NO_COUNT);
}

/* Unknown statements are tagged with their first word in upper case. */
static void
set_tag_from_word(Statement *st, const XlWords *w)
{
	char		word[sizeof(st->tag)];
	size_t		n = Min((size_t) w->tok[0].len, sizeof(word) - 1);

	memcpy(word, w->query + w->tok[0].start, n);
	word[n] = '\0';
	for (size_t i = 0; i < n; i++)
	{
		if (word[i] >= 'a' && word[i] <= 'z')
			word[i] = (char) (word[i] - 'a' + 'A');
	}
	set_tag(st, STMT_OTHER, word, TAG_NO_COUNT);
}

/* ---- looking at words ---- */

/* Is there a keyword kw at paren depth 0 among words [from, w->n)? */
static bool
has_top_level_word(const XlWords *w, size_t from, const char *kw)
{
	int			depth = 0;

	for (size_t i = from; i < w->n; i++)
	{
		if (w->tok[i].kind == TOK_LPAREN)
			depth++;
		else if (w->tok[i].kind == TOK_RPAREN)
			depth--;
		else if (depth == 0 && xl_word_is(w, i, kw))
			return true;
	}
	return false;
}

/* Does the statement end with WITH NO DATA? */
static bool
ends_with_no_data(const XlWords *w)
{
	return w->n >= 3 && xl_word_is(w, w->n - 3, "with") &&
		xl_word_is(w, w->n - 2, "no") && xl_word_is(w, w->n - 1, "data");
}

/* Skip the words in the NULL-terminated list that follow i; returns the next index. */
static size_t
skip_words(const XlWords *w, size_t i, const char *const *words)
{
	for (;;)
	{
		const char *const *k;

		for (k = words; *k != NULL && !xl_word_is(w, i, *k); k++)
			;
		if (*k == NULL)
			return i;
		i++;
	}
}

/* ---- CREATE / DROP / ALTER ---- */

typedef struct ObjectType
{
	const char *words[3];		/* lower case; unused trailing entries NULL */
	const char *tag;			/* as PostgreSQL prints it after the verb */
} ObjectType;

/* Longer phrases come before shorter ones with the same first word. */
static const ObjectType object_types[] = {
	{{"access", "method"}, "ACCESS METHOD"},
	{{"aggregate"}, "AGGREGATE"},
	{{"cast"}, "CAST"},
	{{"collation"}, "COLLATION"},
	{{"conversion"}, "CONVERSION"},
	{{"database"}, "DATABASE"},
	{{"default", "privileges"}, "DEFAULT PRIVILEGES"},
	{{"domain"}, "DOMAIN"},
	{{"event", "trigger"}, "EVENT TRIGGER"},
	{{"extension"}, "EXTENSION"},
	{{"foreign", "data", "wrapper"}, "FOREIGN DATA WRAPPER"},
	{{"foreign", "table"}, "FOREIGN TABLE"},
	{{"function"}, "FUNCTION"},
	{{"group"}, "ROLE"},
	{{"index"}, "INDEX"},
	{{"language"}, "LANGUAGE"},
	{{"large", "object"}, "LARGE OBJECT"},
	{{"materialized", "view"}, "MATERIALIZED VIEW"},
	{{"operator", "class"}, "OPERATOR CLASS"},
	{{"operator", "family"}, "OPERATOR FAMILY"},
	{{"operator"}, "OPERATOR"},
	{{"owned"}, "OWNED"},
	{{"policy"}, "POLICY"},
	{{"procedure"}, "PROCEDURE"},
	{{"publication"}, "PUBLICATION"},
	{{"role"}, "ROLE"},
	{{"routine"}, "ROUTINE"},
	{{"rule"}, "RULE"},
	{{"schema"}, "SCHEMA"},
	{{"sequence"}, "SEQUENCE"},
	{{"server"}, "SERVER"},
	{{"statistics"}, "STATISTICS"},
	{{"subscription"}, "SUBSCRIPTION"},
	{{"system"}, "SYSTEM"},
	{{"table"}, "TABLE"},
	{{"tablespace"}, "TABLESPACE"},
	{{"text", "search", "configuration"}, "TEXT SEARCH CONFIGURATION"},
	{{"text", "search", "dictionary"}, "TEXT SEARCH DICTIONARY"},
	{{"text", "search", "parser"}, "TEXT SEARCH PARSER"},
	{{"text", "search", "template"}, "TEXT SEARCH TEMPLATE"},
	{{"transform"}, "TRANSFORM"},
	{{"trigger"}, "TRIGGER"},
	{{"type"}, "TYPE"},
	{{"user", "mapping"}, "USER MAPPING"},
	{{"user"}, "ROLE"},
	{{"view"}, "VIEW"},
};

/* The object type named by the words at i, or NULL. */
static const ObjectType *
object_type_at(const XlWords *w, size_t i)
{
	for (size_t k = 0; k < lengthof(object_types); k++)
	{
		const ObjectType *o = &object_types[k];
		size_t		j = 0;

		while (j < lengthof(o->words) && o->words[j] != NULL && xl_word_is(w, i + j, o->words[j]))
			j++;
		if (j == lengthof(o->words) || o->words[j] == NULL)
			return o;
	}
	return NULL;
}

/*
 * CREATE TABLE ... AS and CREATE MATERIALIZED VIEW report "SELECT n" like
 * PostgreSQL's ExecCreateTableAs(), unless WITH NO DATA skips the query.
 */
static void
classify_create_as(const XlWords *w, Statement *st, const ObjectType *o, size_t after)
{
	bool		matview = strcmp(o->tag, "MATERIALIZED VIEW") == 0;

	if (!matview && !has_top_level_word(w, after, "as"))
		return;
	if (!ends_with_no_data(w))
		set_tag(st, STMT_DDL, "SELECT", TAG_COUNT);
	else if (!matview)
		set_tag(st, STMT_DDL, "CREATE TABLE AS", TAG_NO_COUNT);
}

static void
classify_create(const XlWords *w, Statement *st)
{
	static const char *const modifiers[] = {
		"or", "replace", "temp", "temporary", "unlogged", "global", "local", "unique",
		"trusted", "procedural", "recursive", "constraint", "default", NULL
	};
	size_t		i = skip_words(w, 1, modifiers);
	const ObjectType *o = object_type_at(w, i);

	set_object_tag(st, "CREATE", o ? o->tag : NULL);
	if (o != NULL && (strcmp(o->tag, "TABLE") == 0 || strcmp(o->tag, "MATERIALIZED VIEW") == 0))
		classify_create_as(w, st, o, i);
	else if (o != NULL && strcmp(o->tag, "EXTENSION") == 0)
		st->kind = STMT_EXTENSION;	/* pgwire provides its extensions itself */
}

static void
classify_drop_alter(const XlWords *w, Statement *st)
{
	static const char *const modifiers[] = {"procedural", NULL};
	const ObjectType *o = object_type_at(w, skip_words(w, 1, modifiers));

	set_object_tag(st, xl_word_is(w, 0, "drop") ? "DROP" : "ALTER", o ? o->tag : NULL);
	if (o != NULL && strcmp(o->tag, "EXTENSION") == 0 && xl_word_is(w, 0, "drop"))
		st->kind = STMT_EXTENSION;
}

/* GRANT/REVOKE of privileges names an object after ON; of roles, not. */
static void
classify_grant(const XlWords *w, Statement *st)
{
	bool		grant = xl_word_is(w, 0, "grant");

	if (has_top_level_word(w, 1, "on"))
		set_tag(st, STMT_DDL, grant ? "GRANT" : "REVOKE", TAG_NO_COUNT);
	else
		set_tag(st, STMT_DDL, grant ? "GRANT ROLE" : "REVOKE ROLE", TAG_NO_COUNT);
}

/* ---- the main statement of WITH ---- */

/*
 * WITH takes the tag of the statement after its CTEs: the first top-level
 * SELECT/INSERT/UPDATE/DELETE/MERGE/VALUES/TABLE, or a '(' right after a
 * CTE's closing ')'.
 */
static void
classify_with(const XlWords *w, Statement *st)
{
	static const struct
	{
		const char *word;
		StmtKind	kind;
		const char *tag;
		TagCount	count;
	}			mains[] = {
		{"select", STMT_SELECT, "SELECT", TAG_COUNT},
		{"values", STMT_SELECT, "SELECT", TAG_COUNT},
		{"table", STMT_SELECT, "SELECT", TAG_COUNT},
		{"insert", STMT_INSERT, "INSERT", TAG_INSERT_COUNT},
		{"update", STMT_UPDATE, "UPDATE", TAG_COUNT},
		{"delete", STMT_DELETE, "DELETE", TAG_COUNT},
		{"merge", STMT_MERGE, "MERGE", TAG_COUNT},
	};
	int			depth = 0;

	for (size_t i = 1; i < w->n; i++)
	{
		TokenKind	k = w->tok[i].kind;

		if (k == TOK_LPAREN)
		{
			if (depth == 0 && xl_word_kind(w, i - 1, TOK_RPAREN))
				return;			/* WITH ... (SELECT ...): a SELECT */
			depth++;
		}
		else if (k == TOK_RPAREN)
			depth--;
		else if (depth == 0)
		{
			for (size_t m = 0; m < lengthof(mains); m++)
			{
				if (xl_word_is(w, i, mains[m].word))
				{
					set_tag(st, mains[m].kind, mains[m].tag, mains[m].count);
					return;
				}
			}
		}
	}
}

/* ---- statements whose tag depends on their second word ---- */

static void
classify_start(const XlWords *w, Statement *st)
{
	if (!xl_word_is(w, 1, "transaction"))
		set_tag_from_word(st, w);
}

static void
classify_commit(const XlWords *w, Statement *st)
{
	if (xl_word_is(w, 1, "prepared"))
		set_tag(st, STMT_UNSUPPORTED, "COMMIT PREPARED", TAG_NO_COUNT);
}

static void
classify_rollback(const XlWords *w, Statement *st)
{
	size_t		i = 1;

	if (xl_word_is(w, 1, "prepared"))
	{
		set_tag(st, STMT_UNSUPPORTED, "ROLLBACK PREPARED", TAG_NO_COUNT);
		return;
	}
	if (xl_word_is(w, i, "work") || xl_word_is(w, i, "transaction"))
		i++;
	if (xl_word_is(w, i, "to"))
		st->kind = STMT_ROLLBACK_TO;
}

static void
classify_prepare(const XlWords *w, Statement *st)
{
	if (xl_word_is(w, 1, "transaction"))
		set_tag(st, STMT_UNSUPPORTED, "PREPARE TRANSACTION", TAG_NO_COUNT);
}

static void
classify_deallocate(const XlWords *w, Statement *st)
{
	size_t		i = xl_word_is(w, 1, "prepare") ? 2 : 1;

	if (xl_word_is(w, i, "all"))
		set_tag(st, STMT_DEALLOCATE, "DEALLOCATE ALL", TAG_NO_COUNT);
}

static void
classify_close(const XlWords *w, Statement *st)
{
	if (xl_word_is(w, 1, "all"))
		set_tag(st, STMT_CURSOR, "CLOSE CURSOR ALL", TAG_NO_COUNT);
}

static void
classify_discard(const XlWords *w, Statement *st)
{
	if (xl_word_is(w, 1, "all"))
		set_tag(st, STMT_DISCARD, "DISCARD ALL", TAG_NO_COUNT);
	else if (xl_word_is(w, 1, "plans"))
		set_tag(st, STMT_DISCARD, "DISCARD PLANS", TAG_NO_COUNT);
	else if (xl_word_is(w, 1, "sequences"))
		set_tag(st, STMT_DISCARD, "DISCARD SEQUENCES", TAG_NO_COUNT);
	else if (xl_word_is(w, 1, "temp") || xl_word_is(w, 1, "temporary"))
		set_tag(st, STMT_DISCARD, "DISCARD TEMP", TAG_NO_COUNT);
}

static void
classify_set(const XlWords *w, Statement *st)
{
	size_t		i = 1;

	if (xl_word_is(w, 1, "local") ||
		(xl_word_is(w, 1, "session") && !xl_word_is(w, 2, "characteristics") &&
		 !xl_word_is(w, 2, "authorization") && !xl_word_is_assign(w, 2)))
		i = 2;
	if ((xl_word_is(w, i, "transaction") && !xl_word_is_assign(w, i + 1)) ||
		(xl_word_is(w, i, "session") && xl_word_is(w, i + 1, "characteristics")))
		st->kind = STMT_SET_TRANSACTION;
	else if (xl_word_is(w, i, "constraints") && !xl_word_is_assign(w, i + 1))
		set_tag(st, STMT_SET, "SET CONSTRAINTS", TAG_NO_COUNT);
}

/*
 * SELECT pg_cancel_backend(pid): pgwire signals the backend itself;
 * SELECT set_config(...): it sets its own parameter.
 */
static void
classify_select(const XlWords *w, Statement *st)
{
	size_t		fn;
	size_t		pid;
	size_t		alias;
	size_t		args[3];

	if (xl_signal_call_words(w, &fn, &pid, &alias))
		st->kind = STMT_SIGNAL_BACKEND;
	else if (xl_set_config_call_words(w, args, &alias))
		st->kind = STMT_SET_CONFIG;
}

/* ---- classification by first word ---- */

typedef struct FirstWord
{
	const char *word;
	StmtKind	kind;
	const char *tag;
	TagCount	count;
	void		(*refine) (const XlWords *w, Statement *st);	/* NULL: as above */
} FirstWord;

static const FirstWord first_words[] = {
	{"select", STMT_SELECT, "SELECT", TAG_COUNT, classify_select},
	{"insert", STMT_INSERT, "INSERT", TAG_INSERT_COUNT, NULL},
	{"update", STMT_UPDATE, "UPDATE", TAG_COUNT, NULL},
	{"delete", STMT_DELETE, "DELETE", TAG_COUNT, NULL},
	{"with", STMT_SELECT, "SELECT", TAG_COUNT, classify_with},
	{"values", STMT_SELECT, "SELECT", TAG_COUNT, NULL},
	{"table", STMT_SELECT, "SELECT", TAG_COUNT, NULL},
	{"merge", STMT_MERGE, "MERGE", TAG_COUNT, NULL},
	{"begin", STMT_BEGIN, "BEGIN", TAG_NO_COUNT, NULL},
	{"start", STMT_BEGIN, "START TRANSACTION", TAG_NO_COUNT, classify_start},
	{"commit", STMT_COMMIT, "COMMIT", TAG_NO_COUNT, classify_commit},
	{"end", STMT_COMMIT, "COMMIT", TAG_NO_COUNT, NULL},
	{"rollback", STMT_ROLLBACK, "ROLLBACK", TAG_NO_COUNT, classify_rollback},
	{"abort", STMT_ROLLBACK, "ROLLBACK", TAG_NO_COUNT, NULL},
	{"savepoint", STMT_SAVEPOINT, "SAVEPOINT", TAG_NO_COUNT, NULL},
	{"release", STMT_RELEASE, "RELEASE", TAG_NO_COUNT, NULL},
	{"set", STMT_SET, "SET", TAG_NO_COUNT, classify_set},
	{"reset", STMT_RESET, "RESET", TAG_NO_COUNT, NULL},
	{"show", STMT_SHOW, "SHOW", TAG_NO_COUNT, NULL},
	{"discard", STMT_DISCARD, "DISCARD", TAG_NO_COUNT, classify_discard},
	{"create", STMT_DDL, "CREATE", TAG_NO_COUNT, classify_create},
	{"drop", STMT_DDL, "DROP", TAG_NO_COUNT, classify_drop_alter},
	{"alter", STMT_DDL, "ALTER", TAG_NO_COUNT, classify_drop_alter},
	{"truncate", STMT_DDL, "TRUNCATE TABLE", TAG_NO_COUNT, NULL},
	{"comment", STMT_DDL, "COMMENT", TAG_NO_COUNT, NULL},
	{"grant", STMT_DDL, "GRANT", TAG_NO_COUNT, classify_grant},
	{"revoke", STMT_DDL, "REVOKE", TAG_NO_COUNT, classify_grant},
	{"reassign", STMT_DDL, "REASSIGN OWNED", TAG_NO_COUNT, NULL},
	{"copy", STMT_COPY, "COPY", TAG_COUNT, NULL},
	{"prepare", STMT_PREPARE, "PREPARE", TAG_NO_COUNT, classify_prepare},
	{"execute", STMT_EXECUTE, "EXECUTE", TAG_NO_COUNT, NULL},
	{"deallocate", STMT_DEALLOCATE, "DEALLOCATE", TAG_NO_COUNT, classify_deallocate},
	{"declare", STMT_CURSOR, "DECLARE CURSOR", TAG_NO_COUNT, NULL},
	{"fetch", STMT_CURSOR, "FETCH", TAG_COUNT, NULL},
	{"move", STMT_CURSOR, "MOVE", TAG_COUNT, NULL},
	{"close", STMT_CURSOR, "CLOSE CURSOR", TAG_NO_COUNT, classify_close},
	{"listen", STMT_LISTEN, "LISTEN", TAG_NO_COUNT, NULL},
	{"unlisten", STMT_LISTEN, "UNLISTEN", TAG_NO_COUNT, NULL},
	{"notify", STMT_LISTEN, "NOTIFY", TAG_NO_COUNT, NULL},
	{"explain", STMT_EXPLAIN, "EXPLAIN", TAG_NO_COUNT, NULL},
	{"vacuum", STMT_MAINTENANCE, "VACUUM", TAG_NO_COUNT, NULL},
	{"analyze", STMT_MAINTENANCE, "ANALYZE", TAG_NO_COUNT, NULL},
	{"analyse", STMT_MAINTENANCE, "ANALYZE", TAG_NO_COUNT, NULL},
	{"checkpoint", STMT_MAINTENANCE, "CHECKPOINT", TAG_NO_COUNT, NULL},
	{"reindex", STMT_MAINTENANCE, "REINDEX", TAG_NO_COUNT, NULL},
	{"cluster", STMT_MAINTENANCE, "CLUSTER", TAG_NO_COUNT, NULL},
	{"lock", STMT_UNSUPPORTED, "LOCK TABLE", TAG_NO_COUNT, NULL},
	{"call", STMT_UNSUPPORTED, "CALL", TAG_NO_COUNT, NULL},
	{"do", STMT_UNSUPPORTED, "DO", TAG_NO_COUNT, NULL},
	{"load", STMT_UNSUPPORTED, "LOAD", TAG_NO_COUNT, NULL},
	{"refresh", STMT_UNSUPPORTED, "REFRESH MATERIALIZED VIEW", TAG_NO_COUNT, NULL},
	{"security", STMT_UNSUPPORTED, "SECURITY LABEL", TAG_NO_COUNT, NULL},
	{"import", STMT_UNSUPPORTED, "IMPORT FOREIGN SCHEMA", TAG_NO_COUNT, NULL},
};

static void
classify(const XlWords *w, Statement *st)
{
	if (w->tok[0].kind == TOK_LPAREN)
	{
		set_tag(st, STMT_SELECT, "SELECT", TAG_COUNT);	/* (SELECT 1) UNION ... */
		return;
	}
	for (size_t k = 0; k < lengthof(first_words); k++)
	{
		const FirstWord *f = &first_words[k];

		if (xl_word_is(w, 0, f->word))
		{
			set_tag(st, f->kind, f->tag, f->count);
			if (f->refine != NULL)
				f->refine(w, st);
			return;
		}
	}
	set_tag_from_word(st, w);
}

/* ---- splitting ---- */

void
xl_statements_init(StatementList *list)
{
	xl_tokens_init(&list->tokens);
	list->folded = NULL;
	list->stmts = NULL;
	list->count = 0;
	list->cap = 0;
}

void
xl_statements_free(StatementList *list)
{
	xl_tokens_free(&list->tokens);
	free(list->folded);
	list->folded = NULL;
	free(list->stmts);
	list->stmts = NULL;
	list->count = 0;
	list->cap = 0;
}

/*
 * Where a ';' ends a statement: outside parentheses, and outside the
 * BEGIN ... END body of CREATE [OR REPLACE] FUNCTION/PROCEDURE (psql's
 * heuristic in psqlscan.l, which also counts CASE ... END inside it).
 */
typedef struct SplitState
{
	int			paren_depth;
	int			begin_depth;
	size_t		nwords;			/* unquoted words seen in this statement */
	char		head[4];		/* 'c','o','r','f','p' for CREATE OR REPLACE FUNCTION|PROCEDURE */
} SplitState;

static bool
is_routine_definition(const SplitState *s)
{
	return s->head[0] == 'c' &&
		(s->head[1] == 'f' || s->head[1] == 'p' ||
		 (s->head[1] == 'o' && s->head[2] == 'r' && (s->head[3] == 'f' || s->head[3] == 'p')));
}

/* Follow the unquoted word t, whose text in lower case is at folded. */
static void
track_word(SplitState *s, const char *folded, const Token *t)
{
	static const char *const head_words[] = {"create", "or", "replace", "function", "procedure"};

	if (s->nwords < sizeof(s->head))
	{
		s->head[s->nwords] = '\0';
		for (size_t k = 0; k < lengthof(head_words); k++)
		{
			if (xl_folded_is(folded, t->len, head_words[k]))
				s->head[s->nwords] = head_words[k][0];
		}
	}
	s->nwords++;
	if (!is_routine_definition(s) || s->paren_depth != 0)
		return;
	if (xl_folded_is(folded, t->len, "begin"))
		s->begin_depth++;
	else if (xl_folded_is(folded, t->len, "case") && s->begin_depth > 0)
		s->begin_depth++;
	else if (xl_folded_is(folded, t->len, "end") && s->begin_depth > 0)
		s->begin_depth--;
}

/* Record tokens [first, end) as a statement, unless empty. */
static bool
add_statement(StatementList *out, const char *query, size_t first, size_t end, PgError *err)
{
	Statement  *st;
	XlWords		w;

	if (end == first)
		return true;
	if (out->count == out->cap)
	{
		size_t		newcap = out->cap ? out->cap * 2 : INITIAL_STATEMENTS;
		Statement  *p = realloc(out->stmts, newcap * sizeof(Statement));

		if (p == NULL)
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return false;
		}
		out->stmts = p;
		out->cap = newcap;
	}
	st = &out->stmts[out->count++];
	st->first_token = first;
	st->ntokens = end - first;
	st->offset = out->tokens.tokens[first].start;
	st->len = xl_token_end(&out->tokens.tokens[end - 1]) - st->offset;
	w = xl_words(query, out, st);
	classify(&w, st);
	return true;
}

bool
xl_split(const char *query, size_t len, StatementList *out, PgError *err)
{
	size_t		first = out->tokens.count;
	SplitState	state;

	if (out->folded != NULL || (out->folded = malloc(len + 1)) == NULL)
	{
		pgerr_set(err, out->folded != NULL ? ERRCODE_INTERNAL_ERROR : ERRCODE_OUT_OF_MEMORY,
				  out->folded != NULL ? "a statement list holds one query" : "out of memory");
		return false;
	}
	for (size_t k = 0; k < len; k++)
		out->folded[k] = (char) xl_fold_ascii((unsigned char) query[k]);
	out->folded[len] = '\0';
	if (!xl_lex(query, len, &out->tokens, err))
		return false;
	memset(&state, 0, sizeof(state));
	for (size_t i = first; i < out->tokens.count; i++)
	{
		const Token *t = &out->tokens.tokens[i];

		switch (t->kind)
		{
			case TOK_LPAREN:
				state.paren_depth++;
				break;
			case TOK_RPAREN:
				if (state.paren_depth > 0)
					state.paren_depth--;
				break;
			case TOK_IDENT:
				track_word(&state, out->folded + t->start, t);
				break;
			case TOK_SEMICOLON:
				if (state.paren_depth > 0 || state.begin_depth > 0)
					break;
				if (!add_statement(out, query, first, i, err))
					return false;
				first = i + 1;
				memset(&state, 0, sizeof(state));
				break;
			default:
				break;
		}
	}
	return add_statement(out, query, first, out->tokens.count, err);
}
