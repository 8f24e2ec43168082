/*
 * xl_internal.h
 *		Helpers shared by the files of translate/, not part of its API.
 *
 * A statement is looked at as a window of words over the query's tokens;
 * the inline helpers below answer "is word i the keyword k?" without
 * copying anything. xl_error_near() words a lexical or syntax error the
 * way PostgreSQL's scanner_yyerror() does.
 */
#ifndef PGW_XL_INTERNAL_H
#define PGW_XL_INTERNAL_H

#include "translate/translate.h"

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* The tokens of one statement. */
typedef struct XlWords
{
	const char *query;
	const char *folded;			/* query with ASCII letters in lower case (same offsets) */
	const Token *tok;
	size_t		n;
} XlWords;

static inline XlWords
xl_words(const char *query, const StatementList *list, const Statement *stmt)
{
	XlWords		w;

	w.query = query;
	w.folded = list->folded;
	w.tok = list->tokens.tokens + stmt->first_token;
	w.n = stmt->ntokens;
	return w;
}

/* Is word i of w a token of this kind? False past the end. */
static inline bool
xl_word_kind(const XlWords *w, size_t i, TokenKind kind)
{
	return i < w->n && w->tok[i].kind == kind;
}

/* Is word i of w an identifier, quoted or not? False past the end. */
static inline bool
xl_word_is_name(const XlWords *w, size_t i)
{
	return xl_word_kind(w, i, TOK_IDENT) || xl_word_kind(w, i, TOK_QIDENT);
}

/* c in lower case, for ASCII letters. */
static inline unsigned char
xl_fold_ascii(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char) (c + 'a' - 'A') : c;
}

/*
 * Does the folded word s[0..len) equal kw (in lower case)? A constant kw
 * is compared by length first, any other without measuring it.
 */
static PGW_INLINE bool
xl_folded_is(const char *s, size_t len, const char *kw)
{
	if (__builtin_constant_p(strlen(kw)))
		return len == strlen(kw) && memcmp(s, kw, len) == 0;
	return s[0] == kw[0] && xl_folded_equal(s, len, kw);
}

/* Is word i of w the unquoted keyword kw (in lower case)? False past the end. */
static PGW_INLINE bool
xl_word_is(const XlWords *w, size_t i, const char *kw)
{
	return i < w->n && w->tok[i].kind == TOK_IDENT &&
		xl_folded_is(w->folded + w->tok[i].start, w->tok[i].len, kw);
}

/*
 * A cursor over one statement's words, for the hand-written parsers of
 * session commands (session_cmd.c) and COPY (copy_cmd.c).
 */
typedef struct XlCursor
{
	XlWords		w;
	size_t		i;				/* next word */
	const Token *after;			/* the token after the statement (its ';'), or NULL */
	PgError    *err;			/* where errors go */
} XlCursor;

/* Start c at the first word of stmt. */
void		xl_cursor_init(XlCursor *c, const char *query, const StatementList *list,
						   const Statement *stmt, PgError *err);

/* PostgreSQL's "syntax error at or near ..." for the next word; returns false. */
bool		xl_cursor_syntax_error(const XlCursor *c);

static inline bool
xl_cursor_at_end(const XlCursor *c)
{
	return c->i >= c->w.n;
}

/* Is word i of w an unquoted keyword of one of the classes (KeywordClass bits)? */
static inline bool
xl_word_has_class(const XlWords *w, size_t i, unsigned classes)
{
	return i < w->n && (w->tok[i].kwclass & classes) != 0;
}

/* Is word i of w the one-character operator op? */
static inline bool
xl_word_is_op(const XlWords *w, size_t i, char op)
{
	return i < w->n && w->tok[i].kind == TOK_OPERATOR && w->tok[i].len == 1 &&
		w->query[w->tok[i].start] == op;
}

/* Is word i of w the operator op (any length, e.g. "<>")? */
static inline bool
xl_word_is_operator(const XlWords *w, size_t i, const char *op)
{
	size_t		len = strlen(op);

	return i < w->n && w->tok[i].kind == TOK_OPERATOR && w->tok[i].len == len &&
		memcmp(w->query + w->tok[i].start, op, len) == 0;
}

/*
 * Is word i of w one of the unquoted keywords of the NULL-terminated list?
 * A different first letter rejects a keyword at once.
 */
static inline bool
xl_word_in(const XlWords *w, size_t i, const char *const *keywords)
{
	const char *word;

	if (i >= w->n || w->tok[i].kind != TOK_IDENT)
		return false;
	word = w->folded + w->tok[i].start;
	for (const char *const *k = keywords; *k != NULL; k++)
	{
		if (xl_folded_is(word, w->tok[i].len, *k))
			return true;
	}
	return false;
}

/* Step over the next word if it is the unquoted keyword kw. */
static inline bool
xl_cursor_accept_kw(XlCursor *c, const char *kw)
{
	if (!xl_word_is(&c->w, c->i, kw))
		return false;
	c->i++;
	return true;
}

/* Step over the next word if it is a token of this kind. */
static inline bool
xl_cursor_accept_kind(XlCursor *c, TokenKind kind)
{
	if (!xl_word_kind(&c->w, c->i, kind))
		return false;
	c->i++;
	return true;
}

/* The keyword kw, or a syntax error at the next word. */
static inline bool
xl_cursor_expect_kw(XlCursor *c, const char *kw)
{
	return xl_cursor_accept_kw(c, kw) || xl_cursor_syntax_error(c);
}

/* A token of this kind, or a syntax error at the next word. */
static inline bool
xl_cursor_expect_kind(XlCursor *c, TokenKind kind)
{
	return xl_cursor_accept_kind(c, kind) || xl_cursor_syntax_error(c);
}

/* Is word i of w TO or '=', as after the parameter name of SET? */
static inline bool
xl_word_is_assign(const XlWords *w, size_t i)
{
	return xl_word_is(w, i, "to") || xl_word_is_op(w, i, '=');
}

/* Byte offset just past token t. */
static inline size_t
xl_token_end(const Token *t)
{
	return (size_t) t->start + t->len;
}

/*
 * The length of s[0..len) cut to at most max bytes without splitting a
 * UTF-8 character, as PostgreSQL's truncate_identifier() cuts names.
 */
static inline size_t
xl_clip_utf8(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char) s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* Past a name [schema.]name at word j (j itself if there is none); expand.c. */
size_t		xl_qualified_name_end(const XlWords *w, size_t j);

/* ---- session commands (session_cmd.c) ---- */

/*
 * Is w exactly SELECT [pg_catalog.]pg_cancel_backend(n | $n) [[AS] alias] (or
 * pg_terminate_backend)? The words of the function name, the pid and the
 * alias (SIZE_MAX: none).
 */
bool		xl_signal_call_words(const XlWords *w, size_t *fn, size_t *pid, size_t *alias);

/*
 * Is w exactly SELECT [pg_catalog.]set_config('name', 'value', true|false)
 * [[AS] alias]? The words of the three arguments and the alias (SIZE_MAX:
 * none).
 */
bool		xl_set_config_call_words(const XlWords *w, size_t args[3], size_t *alias);

/* ---- target lists (select_list.c) ---- */

/*
 * The word of the ')' or ']' closing the bracket at word open, or SIZE_MAX
 * if it is not closed (or closed by the other kind).
 */
size_t		xl_matching_close(const XlWords *w, size_t open);

/* xl_matching_close(), or w->n for a group that is not closed. */
size_t		xl_group_end(const XlWords *w, size_t open);

/*
 * Does word i of w end a target list at its own depth (FROM, INTO, WHERE,
 * GROUP, HAVING, WINDOW, ORDER, LIMIT, OFFSET, FETCH, FOR, UNION,
 * INTERSECT, EXCEPT)?
 */
bool		xl_word_ends_target_list(const XlWords *w, size_t i);

/*
 * xl_select_columns(), also telling whether the outermost list is a VALUES
 * list, whose items are values, not select-list items (they take no alias).
 */
bool		xl_target_list(const char *query, const StatementList *list,
						   const Statement *stmt, ColumnList *cols, bool *is_values);

/* Is word i of w a reserved word that cannot begin an operand (FROM, AND, ...)? */
bool		xl_word_is_reserved(const XlWords *w, size_t i);

/*
 * Past WITHIN GROUP (...), FILTER (...) and OVER (...) / OVER name after
 * a function call whose ')' is word j - 1.
 */
size_t		xl_skip_call_suffixes(const XlWords *w, size_t j);

/* ---- type names (select_list.c) ---- */

/* A type name as written after :: or AS, or before a literal. */
typedef struct XlTypeName
{
	const char *word;			/* pg_type name of a keyword type ("float8"), or NULL: */
	const Token *tok;			/* the identifier naming it */
	bool		foreign_schema; /* qualified by a schema other than pg_catalog */
	bool		is_interval;
	bool		is_array;		/* [], [n], ARRAY */
	bool		length_one;		/* CHAR without a length: character(1) */
	size_t		modifiers;		/* word of the '(' of its modifiers, SIZE_MAX if none */
	uint32_t	oid;			/* 0 for arrays and types pgwire does not know */
} XlTypeName;

/*
 * Parse the type name at word *i (INTEGER, DOUBLE PRECISION, CHAR
 * VARYING(3), TIMESTAMP(3) WITH TIME ZONE, pg_catalog.int4, numeric(10,2),
 * text[], ...) and move *i past it. t->oid is left 0.
 */
bool		xl_parse_type_name(const XlWords *w, size_t *i, XlTypeName *t);

/*
 * The OID of the type t names, if pgwire knows it by its pg_type name
 * (generic names must be typnames: "int4", not "integer"); 0 otherwise.
 * scratch is used to decode the name.
 */
uint32_t	xl_type_name_oid(const XlWords *w, const XlTypeName *t, Buf *scratch);

/* ---- INSERT statements (insert_parse.c) ---- */

typedef enum XlInsertSource
{
	XL_INSERT_VALUES,			/* VALUES (...), ... and nothing more */
	XL_INSERT_DEFAULT_VALUES,
	XL_INSERT_QUERY				/* SELECT, VALUES ... ORDER BY, (...), TABLE ... */
} XlInsertSource;

/*
 * INSERT INTO t [AS a] [(c, ...)] [OVERRIDING ... VALUE] source
 * [ON CONFLICT ...] [RETURNING ...], as words of the statement. Words
 * absent are SIZE_MAX.
 */
typedef struct XlInsert
{
	size_t		table;			/* first word of the (qualified) table name */
	size_t		alias;			/* the name after AS */
	size_t		table_end;		/* past the name and its alias */
	size_t		columns;		/* '(' of the column list */
	size_t		columns_close;
	size_t		ncolumns;		/* names in it (all of them when plain_columns) */
	bool		plain_columns;	/* every column is a bare name (no c.f, c[1]) */
	XlInsertSource source;
	size_t		source_start;	/* VALUES, DEFAULT, or the query's first word */
	size_t		source_end;		/* past the source */
	size_t		first_row;		/* VALUES: '(' of the first row */
	size_t		nrows;
	size_t		on_conflict;	/* ON of ON CONFLICT */
	size_t		conflict_end;	/* past the ON CONFLICT clause */
	size_t		returning;		/* RETURNING */
} XlInsert;

/*
 * Take the INSERT of w apart; false if it is none pgwire can read (WITH
 * ... INSERT, a bracket left open, no table name).
 */
bool		xl_parse_insert(const XlWords *w, XlInsert *ins);

/* The '(' of the VALUES row after the one at word row, or SIZE_MAX after the last. */
size_t		xl_insert_next_row(const XlWords *w, size_t row);

/* Is word i the ON of ON CONFLICT? */
bool		xl_insert_is_on_conflict(const XlWords *w, size_t i);

/* The top-level RETURNING of w from word from on, or SIZE_MAX. */
size_t		xl_returning_word(const XlWords *w, size_t from);

/*
 * The call a plan's SELECT step (dml_plan.c) tests "the row the step
 * before inserted" with, which the insert rule writes in the dialect's
 * words, in plan steps only (RewriteContext.plan_step).
 */
#define XL_INSERTED_ROW_MARKER	"pgwire_inserted_row"

/* ---- rewrite rules (rewrite.c runs them) ---- */

/*
 * How the rewriter writes words [from, to) of the statement with all its
 * rules applied (a construct's operands, which may hold further constructs).
 */
typedef bool (*XlWriteWords) (void *rewriter, size_t from, size_t to, PgError *err);

/* What a rule sees of the statement being rewritten. */
typedef struct XlRuleEnv
{
	const RewriteContext *ctx;	/* dialect, session values, parameters */
	const Statement *stmt;
	XlWords		w;				/* the statement's words */
	const uint32_t *match;		/* the word closing each '(', '[' and CASE of w */
	bool		stored;			/* it keeps its expressions for later (DDL) */
	Buf		   *out;			/* where the translation goes */
	XlWriteWords write_words;	/* write words through every rule */
	void	   *rewriter;
} XlRuleEnv;

/*
 * A rule's per-statement state of size bytes, the first cleared of them
 * zeroed (a trailing PgError, written before it is read, is left as it
 * is: clearing 4 kB per statement shows). The rewriter owns it and frees
 * it after the rule's end(), which releases only what the state holds;
 * a begin() that declines leaves it to the rewriter too. NULL on out of
 * memory, and env->out fails.
 */
void	   *xl_rule_state_alloc(const XlRuleEnv *env, size_t size, size_t cleared);

typedef enum XlRuleResult
{
	XL_RULE_NONE,				/* nothing for this rule at the word */
	XL_RULE_WRITTEN,			/* the construct was written; *end set */
	XL_RULE_FAILED				/* err set */
} XlRuleResult;

/*
 * A rule: a construct it recognises at a word, and what the dialect's text
 * for it is. The rewriter offers every word (in order, outside the spans
 * rules have written) to each rule whose begin() accepted the statement;
 * the first to write wins. Text before the word is already written when
 * apply() is called; apply() writes the construct's replacement (its
 * operands through env->write_words) and sets *end past its last word.
 */
typedef struct XlRule
{
	const char *name;
	/* Per-statement set-up: false if the rule has nothing to do here (or out of memory: env->out fails). */
	bool		(*begin) (const XlRuleEnv *env, void **state);
	XlRuleResult (*apply) (void *state, size_t i, size_t to, size_t *end, PgError *err);
	void		(*end) (void *state);
} XlRule;

/* err->position: word of w (the end of the statement past its last word). */
void		xl_set_position(const XlWords *w, PgError *err, size_t word);

/*
 * A rule's refusal: 0A000 "<what> is not supported by <by>[: <why>]" at
 * word, what formatted from fmt.
 */
void		xl_refusev(PgError *err, const XlWords *w, size_t word, const char *by, const char *why,
					   const char *fmt, va_list ap) PGW_PRINTF(6, 0);

/* xl_refusev() with its arguments. */
void		xl_refuse(PgError *err, const XlWords *w, size_t word, const char *by, const char *why,
					  const char *fmt,...) PGW_PRINTF(6, 7);

/* "the iris dialect", as refusals name the dialect. */
static inline const char *
xl_dialect_display(SqlDialect dialect)
{
	switch (dialect)
	{
		case DIALECT_IRIS:
			return "the iris dialect";
		case DIALECT_SQLITE:
			return "the sqlite dialect";
		default:
			return "the postgres dialect";
	}
}

/*
 * Can ch be part of an identifier or keyword? (The rewriter keeps what a
 * rule writes from joining the words around it; rules use this for the
 * seams inside what they write.)
 */
bool		xl_is_word_byte(char ch);

/*
 * IRIS's HNSW query shape (iris-dialect.md, "Vectors"): is the ORDER BY
 * at word order one item, a <=> or <#> at its top (other words there only
 * operands: names, constants, parameters, casts, bracketed groups),
 * optionally ASC, followed by LIMIT n or FETCH FIRST n ROWS ONLY and no
 * OFFSET, up to the end of its query? Then the distance is ordered as
 * IRIS's similarity, descending, under SELECT TOP n (vector_operators.c,
 * limit.c). *op: the operator's word; *asc: ASC's word or SIZE_MAX.
 */
bool		xl_vector_top_order(const XlWords *w, size_t order, size_t *op, size_t *asc);

/*
 * A rule drops words [.., last): the blank written before them goes too
 * when a blank, a separator or the statement's end follows them, so no
 * double blank is left (and none is taken where the words touched the
 * next one).
 */
void		xl_drop_blank_before(Buf *out, const XlWords *w, size_t last, size_t stmt_end);

/* The rules (rewrite.c offers each word to them in its own order). */
extern const XlRule xl_catalog_rule;	/* catalog_rule.c */
extern const XlRule xl_cast_rule;		/* cast.c */
extern const XlRule xl_insert_rule;		/* insert.c */
extern const XlRule xl_limit_rule;		/* limit.c */
extern const XlRule xl_ddl_rule;		/* ddl.c */
extern const XlRule xl_ddl_statements_rule;	/* ddl_statements.c */
extern const XlRule xl_functions_rule;	/* functions.c */
extern const XlRule xl_vector_rule;		/* vector.c */
extern const XlRule xl_names_rule;		/* names.c */

/* ---- casts (cast.c) ---- */

/*
 * IRIS's longest string, in characters (IRIS docs, "General System Limits":
 * 3,641,144): the length pgwire gives IRIS's VARCHAR where PostgreSQL's
 * text has none (CAST(x AS VARCHAR) keeps 30 characters: iris-dialect.md #6).
 */
#define XL_IRIS_MAX_STRING	3641144

/* A cast's target type: OID and modifiers, as PostgreSQL's typmod means them. */
typedef struct XlType
{
	uint32_t	oid;
	int32_t		length;			/* varchar(n), bpchar(n): n; -1 without */
	int32_t		precision;		/* numeric(p[, s]), time(p), timestamp(p): p; -1 without */
	int32_t		scale;			/* numeric(p, s): s */
} XlType;

#define XL_MAX_CHAIN	16		/* casts applied one after the other: x::a::b ... */

/* One cast applied to an operand: ::type, CAST(... AS type) or type '...'. */
typedef struct XlCastLevel
{
	size_t		at;				/* word of the '::', the CAST or the typed literal */
	size_t		type_first;		/* the words of the type name */
	size_t		type_end;
} XlCastLevel;

/* A cast found in a statement: an operand and the casts applied to it in turn. */
typedef struct XlCast
{
	size_t		first;			/* words [first, end) of the whole construct */
	size_t		end;
	size_t		operand;		/* words [operand, operand_end) of the operand, */
	size_t		operand_end;	/* empty for a '::' whose operand is not followed */
	bool		operand_primary;	/* one primary: needs no parentheses */
	bool		too_long;		/* more than XL_MAX_CHAIN casts in a row */
	int			nlevels;
	XlCastLevel levels[XL_MAX_CHAIN];
} XlCast;

/* The cast rule for one statement. */
typedef struct XlCasts
{
	const struct CastDialect *dialect;	/* NULL: the dialect keeps casts as written */
	XlWords		w;
	Buf		   *out;
	XlWriteWords write_words;
	void	   *rewriter;
	bool		stored;			/* the statement keeps its expressions for later */
	const uint32_t *match;		/* closing word of each '(', '[' and CASE */
	Buf			value[2];		/* constants being folded */
	Buf			scratch;
	int			depth;			/* casts being written inside casts' operands */
	size_t		vector_type;	/* words [vector_type, vector_type_end): a type after */
	size_t		vector_type_end;	/* a '::' to vector, left to the vector rule */
} XlCasts;

/*
 * Prepare the cast rule of dialect for env's statement (stored: it keeps
 * its expressions for later). Returns false when the dialect keeps casts
 * as written.
 */
bool		xl_casts_init(XlCasts *c, const XlRuleEnv *env, SqlDialect dialect, bool stored);
void		xl_casts_free(XlCasts *c);

/* ---- finding casts (cast_find.c) ---- */

#define XL_NO_WORD	UINT32_MAX

/*
 * Fill match[0..w->n) with the word closing each '(', '[' and CASE of w
 * (XL_NO_WORD for other words and unclosed ones), using match[w->n..2n)
 * as a stack.
 */
void		xl_cast_match_groups(const XlWords *w, uint32_t *match);

/*
 * Does a cast begin at word i (looking no further than word limit)? A '::'
 * whose operand was not recognised is found too, with an empty operand.
 */
bool		xl_cast_find(XlCasts *c, size_t i, size_t limit, XlCast *cast);

/*
 * Append the dialect's text for cast to the output: constants folded, other
 * operands written through write_words. Casts the dialect cannot carry
 * fill err (0A000, or PostgreSQL's own error for a bad constant) with the
 * construct's position, and return false.
 */
bool		xl_cast_write(XlCasts *c, const XlCast *cast, PgError *err);

/* Words [from, to) as written, joined by single spaces ("numeric(10, 2)"); scratch holds it. */
const char *xl_words_text(const XlWords *w, size_t from, size_t to, Buf *scratch);

/*
 * Read the modifiers of a type name whose '(' is word open into t
 * (varchar(n), bpchar(n), numeric(p[, s]), time(p), timestamp[tz](p)),
 * checked as PostgreSQL's typmodin functions check them; errors with
 * PostgreSQL's SQLSTATE and message, and no position.
 */
bool		xl_type_modifiers(const XlWords *w, size_t open, XlType *t, PgError *err);

/* ---- constants folded at translation time (cast_value.c, cast_number.c, cast_datetime.c) ---- */

/* Date/time inputs whose value is the clock's: they become SQL, not literals. */
typedef enum XlClock
{
	XL_CLOCK_NONE,
	XL_CLOCK_NOW,
	XL_CLOCK_TODAY,
	XL_CLOCK_TOMORROW,
	XL_CLOCK_YESTERDAY
} XlClock;

/* The SQL the dialect reads the clock with for a value of type oid, or NULL (cast.c). */
const char *xl_clock_sql(SqlDialect dialect, uint32_t oid, XlClock clock);

/*
 * PostgreSQL's input function of type t for text (with its modifiers
 * applied): appends the value's text output (the form ::text gives: "true"
 * for booleans, "\x0102" for bytea) to out. Inputs that read the clock set
 * *clock and append nothing. Bad input fails with PostgreSQL's error;
 * inputs pgwire cannot fold fail with 0A000 and a message ending in "is
 * not supported", to which the caller adds the dialect. text must not
 * point into out.
 */
bool		xl_value_input(const XlType *t, const char *text, Buf *out, XlClock *clock,
						   PgError *err);

/*
 * Cast a constant of type from, whose text output is text, to t (modifiers
 * applied), as PostgreSQL's cast between the two would; appends to out.
 */
bool		xl_value_cast(uint32_t from, const XlType *t, const char *text, Buf *out,
						  XlClock *clock, PgError *err);

/* isspace() in the C locale, as PostgreSQL's input functions use it */
static inline bool
xl_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static inline const char *
xl_skip_spaces(const char *p)
{
	while (xl_is_space(*p))
		p++;
	return p;
}

/* The value of hex digit c, or 99 if it is none. */
static inline unsigned
xl_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned) (c - '0');
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (unsigned) ((c | 0x20) - 'a' + 10);
	return 99;
}

/* 22P02 invalid input syntax for type T: "text"; returns false */
bool		xl_fail_syntax(PgError *err, uint32_t oid, const char *text);

/* Input and casts of int2, int4, int8, float4, float8 and numeric (cast_number.c). */
bool		xl_number_input(const XlType *t, const char *text, Buf *out, PgError *err);
bool		xl_number_cast(uint32_t from, const XlType *t, const char *text, Buf *out,
						   PgError *err);

/* The decimal text and type (int4, int8 or numeric) of an integer literal token. */
bool		xl_integer_literal(const char *text, size_t len, Buf *out, uint32_t *type,
							   PgError *err);

/* The magnitude of an integer literal (decimal, 0x, 0o, 0b, '_'); false if > UINT64_MAX. */
bool		xl_integer_literal_value(const char *text, size_t len, uint64_t *value);

/* The canonical text of a numeric literal token (1.50, 1e3 -> 1000); scratch is used. */
bool		xl_numeric_literal(const char *text, size_t len, Buf *scratch, Buf *out,
							   PgError *err);

/* The name PostgreSQL's messages give a type: "integer", "double precision". */
const char *xl_type_display_name(uint32_t oid);

/* Date and time input (cast_datetime.c), for xl_value_input(). */
bool		xl_datetime_input(const XlType *t, const char *text, Buf *out, XlClock *clock,
							  PgError *err);

/*
 * Fill err with 42601 "<msg> at or near "<src[from..to)>"", or "<msg> at
 * end of input" when from >= len, and the 1-based character position of
 * from. Always returns false, so callers can "return xl_error_near(...)".
 */
bool		xl_error_near(PgError *err, const char *src, size_t len, size_t from,
						  size_t to, const char *msg);

/* ---- the functions rule (functions.c, functions_time.c, expressions.c, operators.c, booleans.c) ---- */

/* Per-word flags of a statement's expression structure. */
#define XL_FN_SEARCHED		0x01	/* WHEN or THEN of a CASE without an operand */
#define XL_FN_BETWEEN_AND	0x02	/* the AND of BETWEEN ... AND */
#define XL_FN_QUERY			0x04	/* '(' of a subquery */

/* The constructs the functions rule finds in a statement's expressions. */
typedef enum XlFnKind
{
	XL_FN_LIKE,					/* LIKE */
	XL_FN_NOT_LIKE,
	XL_FN_ILIKE,
	XL_FN_NOT_ILIKE,
	XL_FN_LIKE_OPERATOR,		/* ~~ ~~* !~~ !~~* */
	XL_FN_ESCAPE,				/* ESCAPE after a LIKE's pattern */
	XL_FN_REGEX,				/* ~ ~* !~ !~* */
	XL_FN_SIMILAR,				/* [NOT] SIMILAR TO */
	XL_FN_IS_TRUE,
	XL_FN_IS_NOT_TRUE,
	XL_FN_IS_FALSE,
	XL_FN_IS_NOT_FALSE,
	XL_FN_IS_UNKNOWN,
	XL_FN_IS_NOT_UNKNOWN,
	XL_FN_IS_NULL,				/* IS [NOT] NULL, ISNULL, NOTNULL */
	XL_FN_DISTINCT,				/* IS DISTINCT FROM */
	XL_FN_NOT_DISTINCT,			/* IS NOT DISTINCT FROM */
	XL_FN_ITEM,					/* a select-list, VALUES or SET item that is a condition */
	XL_FN_NULLS_FIRST,			/* an ORDER BY item ... NULLS FIRST */
	XL_FN_NULLS_LAST,
	XL_FN_OTHER					/* any other operator */
} XlFnKind;

/* One construct: an operator with its operands, or a list item. */
typedef struct XlFnNode
{
	uint32_t	start;			/* first word (of the left operand, of the item) */
	uint32_t	op;				/* first word of the operator (NULLS; the item's start) */
	uint32_t	after;			/* past the operator's words */
	uint32_t	right_end;		/* past the right operand, or the item */
	uint32_t	expr_end;		/* NULLS: past the sort expression */
	uint32_t	escape;			/* LIKE: the node of its ESCAPE, or XL_NO_WORD */
	uint32_t	next;			/* the next node beginning at the same word */
	uint8_t		kind;			/* XlFnKind */
	bool		left_cond;		/* the left operand (the item) is a condition */
	bool		right_cond;		/* the right operand is a condition */
	bool		never_null;		/* ITEM: the condition is never NULL */
	bool		has_operators;	/* NULLS: the sort expression has operators */
	bool		in_order_by;	/* NULLS: in an ORDER BY list */
	bool		active;			/* being written */
} XlFnNode;

/* A statement's expression structure, read once (expressions.c). */
typedef struct XlFnAnalysis
{
	const uint32_t *match;		/* the word closing each '(', '[' and CASE (the env's) */
	uint8_t    *flags;			/* XL_FN_* per word */
	uint32_t   *first_at;		/* the first node beginning at each word */
	uint32_t   *op_at;			/* the node whose operator is at each word */
	XlFnNode   *nodes;
	size_t		nnodes;
	size_t		cap;
} XlFnAnalysis;

/* The functions rule for one statement. */
typedef struct XlFn
{
	XlRuleEnv	env;
	XlWords		w;
	SqlDialect	dialect;
	const char *dialect_name;	/* "the iris dialect" in messages */
	XlFnAnalysis a;
	Buf			scratch;
	uint32_t	skip_term;		/* a condition's first word, being written as a value */
	int			copies;			/* times over the words being written are written */
	int			depth;			/* constructs being written inside constructs */
} XlFn;

static inline bool
xl_fn_is_like_kind(XlFnKind kind)
{
	return kind <= XL_FN_NOT_ILIKE;
}

/* Writing (functions.c): through env->write_words, the dialect's text, refusals. */
bool		xl_fn_write_words(XlFn *fn, size_t from, size_t to, PgError *err);
void		xl_fn_emit(XlFn *fn, const char *s);
void		xl_fn_emit_word(XlFn *fn, size_t i);
void		xl_fn_emit_gap(XlFn *fn, size_t from, size_t to);
bool		xl_fn_begin_copies(XlFn *fn, int times, size_t word, PgError *err);
void		xl_fn_end_copies(XlFn *fn, int times);
XlRuleResult xl_fn_refuse(const XlFn *fn, PgError *err, size_t word, const char *fmt,...) PGW_PRINTF(4, 5);
void		xl_fn_set_position(const XlFn *fn, PgError *err, size_t word);
bool		xl_fn_integer(const XlFn *fn, size_t from, size_t to, int64_t *value);
const char *xl_fn_string(XlFn *fn, size_t from, size_t to);

/* A call name(args) as read at its name (functions.c). */
#define XL_FN_MAX_ARGS	16		/* arguments remembered of a call */

typedef struct XlFnCall
{
	size_t		first;			/* first word: the name, or pg_catalog before it */
	size_t		name;
	size_t		open;			/* '(' */
	size_t		close;			/* ')' */
	int			nargs;
	size_t		arg[XL_FN_MAX_ARGS];	/* words [arg[k], arg_end[k]) of argument k */
	size_t		arg_end[XL_FN_MAX_ARGS];
	size_t		filter;			/* FILTER after the call, or XL_NO_WORD */
	size_t		filter_close;	/* its ')' */
} XlFnCall;

bool		xl_fn_write_arg(XlFn *fn, const XlFnCall *c, int k, PgError *err);

/* The top-level word of the call's parentheses from word from on that is keyword kw, or XL_NO_WORD. */
size_t		xl_fn_call_keyword(const XlFn *fn, const XlFnCall *c, size_t from, const char *kw);

/* The clock and dates (functions_time.c). */
XlRuleResult xl_fn_write_clock(XlFn *fn, size_t i, size_t to, size_t *end, PgError *err);
XlRuleResult xl_fn_write_date_trunc(XlFn *fn, const XlFnCall *c, PgError *err);
XlRuleResult xl_fn_write_extract(XlFn *fn, const XlFnCall *c, PgError *err);

/* The expression structure (expressions.c); false on out of memory. */
bool		xl_fn_analyse(XlFn *fn);
void		xl_fn_analysis_free(XlFnAnalysis *a);

/* Is word i a keyword that is an operand or begins one (NULL, TRUE, EXISTS, CASE, ARRAY ...)? */
bool		xl_fn_is_value_keyword(const XlWords *w, size_t i);

/* Past the primary expression (a name, a call, (...), CASE ... END, a literal) at word i, or i (expressions.c). */
size_t		xl_fn_primary_end(const XlFn *fn, size_t i);

/* "IS DISTINCT FROM", "NULLS FIRST" ... for messages (operators.c). */
const char *xl_fn_kind_name(XlFnKind kind);

/* Words [from, to) through every rule, a construct beginning with a cast there included (operators.c). */
bool		xl_fn_write(XlFn *fn, size_t from, size_t to, PgError *err);

/* The constructs at word i: operators and division (operators.c), booleans (booleans.c). */
XlRuleResult xl_fn_apply_nodes(XlFn *fn, size_t i, size_t to, size_t *end, PgError *err);
XlRuleResult xl_fn_apply_division(XlFn *fn, size_t i, size_t to, size_t *end, PgError *err);
bool		xl_fn_is_boolean_node(const XlFnNode *node);
XlRuleResult xl_fn_write_boolean_node(XlFn *fn, XlFnNode *node, PgError *err);
XlRuleResult xl_fn_apply_values(XlFn *fn, size_t i, size_t to, size_t *end, PgError *err);

#endif							/* PGW_XL_INTERNAL_H */
