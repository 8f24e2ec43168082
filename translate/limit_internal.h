/*
 * limit_internal.h
 *		What the files of the limit rule share: the row-limit clauses and
 *		query levels it reads, the edits it makes, and its entry points.
 *
 * limit_read.c reads the clauses and their values (and owns the rule's
 * errors), limit_levels.c the query levels and the edit list,
 * limit_write.c writes the edits, limit.c decides per dialect and runs
 * the rule. Nothing here is used outside them.
 */
#ifndef PGW_LIMIT_INTERNAL_H
#define PGW_LIMIT_INTERNAL_H

#include "translate/xl_internal.h"

#define ERRCODE_INVALID_ROW_COUNT_IN_LIMIT_CLAUSE			"2201W"
#define ERRCODE_INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE	"2201X"

#define NO_WORD			XL_NO_WORD
#define NO_EDIT			UINT32_MAX

/* A count no table reaches: IRIS's LIMIT for an OFFSET given alone. */
#define IRIS_ALL_ROWS	"9223372036854775807"
/* SQLite's LIMIT for an OFFSET given alone: a negative count is no limit. */
#define SQLITE_ALL_ROWS	"-1"

/* ---- what the clauses say ---- */

typedef enum ValueKind
{
	VAL_NONE,					/* not given */
	VAL_ALL,					/* LIMIT ALL, LIMIT NULL, OFFSET NULL: no effect */
	VAL_CONST,					/* a constant, folded to its bigint value */
	VAL_PARAM,					/* $n, perhaps cast to an integer type */
	VAL_EXPR					/* any other expression */
} ValueKind;

typedef struct LimitValue
{
	ValueKind	kind;
	uint32_t	keyword;		/* its LIMIT, OFFSET or FETCH */
	uint32_t	from;			/* its words (a constant's or parameter's without */
	uint32_t	to;				/* the parentheses around it) */
	bool		plain;			/* one unsigned decimal integer token */
	int64_t		value;			/* VAL_CONST */
} LimitValue;

/* The limit clauses of one query: LIMIT, OFFSET, FETCH in any order. */
typedef struct Group
{
	uint32_t	first;			/* words [first, end) */
	uint32_t	end;
	LimitValue	count;
	LimitValue	offset;
	bool		fetch;			/* the count came from FETCH FIRST|NEXT */
	bool		offset_first;	/* OFFSET written before the count */
} Group;

/* A query level: the statement's own, or one in parentheses. */
typedef struct Level
{
	uint32_t	open;			/* its '(' (NO_WORD: the statement's own) */
	uint32_t	body;			/* its first SELECT, VALUES, TABLE or leg '(' */
	uint32_t	select;			/* its first SELECT */
	uint32_t	values;			/* its first VALUES or TABLE */
	uint32_t	setop;			/* its first UNION, INTERSECT or EXCEPT */
	uint32_t	order;			/* the ORDER of its ORDER BY */
	uint32_t	group;			/* index of its limit clauses, or NO_WORD */
	uint32_t	group_end;		/* words before this belong to its clauses */
	bool		starts_with_leg;	/* its first word opens a parenthesized leg */
	bool		starts_with_query;	/* its first word opens a parenthesized query */
	bool		limited_leg;	/* a parenthesized leg has limit clauses or ORDER BY */
	bool		top;			/* the outermost query of a SELECT statement */
} Level;

/* A parenthesized leg of a query level, waiting for its level to close. */
typedef struct Leg
{
	uint32_t	level;			/* its level's '(' (NO_WORD: the statement's) */
	uint32_t	open;			/* its own '(' */
} Leg;

/* ---- what is written ---- */

typedef enum EditKind
{
	EDIT_OPEN,					/* text, then the word */
	EDIT_CLOSE,					/* text before the gap before the word, then the word */
	EDIT_TOP,					/* SELECT [ALL | DISTINCT [ON (...)]], then TOP n */
	EDIT_GROUP					/* the limit clauses, rewritten or removed */
} EditKind;

typedef enum GroupForm
{
	FORM_REMOVE,				/* nothing: no effect, or said by TOP */
	FORM_LIMIT					/* LIMIT count [OFFSET start] */
} GroupForm;

typedef struct Edit
{
	EditKind	kind;
	uint32_t	to;				/* EDIT_TOP, EDIT_GROUP: past the words written */
	uint32_t	group;			/* EDIT_TOP, EDIT_GROUP: the clauses, NO_WORD for TOP ALL */
	const char *text[2];		/* EDIT_OPEN: outermost first; EDIT_CLOSE, EDIT_GROUP: closing text */
	GroupForm	form;
} Edit;

/* The rule's state for one statement. */
typedef struct Limits
{
	XlRuleEnv	env;
	XlWords		w;
	SqlDialect	dialect;
	bool		is_select;		/* the statement is a SELECT: its query is outermost */
	uint32_t	top_chain;		/* leading '(' words enclosing the whole statement */
	const uint32_t *match;		/* closing word of each '(', '[' and CASE (the env's) */
	uint32_t   *edit_at;		/* edit of each word, or NO_EDIT */
	Level	   *stack;			/* open levels, innermost last */
	size_t		depth;
	size_t		stack_cap;
	Level	   *levels;			/* closed query levels with something to do */
	size_t		nlevels;
	size_t		levels_cap;
	Group	   *groups;
	size_t		ngroups;
	size_t		groups_cap;
	Leg		   *legs;			/* legs of open levels, innermost last */
	size_t		nlegs;
	size_t		legs_cap;
	Edit	   *edits;
	size_t		nedits;
	size_t		edits_cap;
	bool		top_style;		/* IRIS: TOP throughout the statement */
	bool		failed;			/* out of memory */
	uint32_t	guard_from;		/* words being written through the rules */
	uint32_t	guard_to;
	uint32_t	error_word;		/* where the first error is raised, or NO_WORD */
	Buf			scratch[2];
	PgError		error;			/* last: not cleared */
} Limits;

extern const char *const lim_set_operation_words[];

/* ---- limit_read.c ---- */

bool		lim_after_dot(const XlWords *w, size_t i);
bool		lim_keyword_at(const XlWords *w, size_t i, const char *kw);
bool		lim_keyword_in(const XlWords *w, size_t i, const char *const *kws);
bool		lim_limit_keyword_at(const XlWords *w, size_t i);
uint32_t	lim_closing(const Limits *s, size_t i);
bool		lim_grow(void **array, size_t *cap, size_t count, size_t size);
const char *lim_dialect_name(const Limits *s);
const char *lim_top_style_name(const Limits *s);
void		lim_refuse_by(Limits *s, const char *by, uint32_t raise_at, size_t at,
						  const char *fmt,...) PGW_PRINTF(5, 6);
bool		lim_count_effective(const LimitValue *v);
bool		lim_offset_effective(const LimitValue *v);
void		lim_read_group(Limits *s, Level *L, size_t i);

/* ---- limit_levels.c ---- */

void		lim_add_open(Limits *s, size_t word, const char *text);
void		lim_add_close(Limits *s, size_t word, const char *text);
void		lim_add_group_edit(Limits *s, uint32_t group, GroupForm form, const char *close);
void		lim_add_top(Limits *s, uint32_t select, uint32_t group);
size_t		lim_first_word(const Level *L);
bool		lim_read_levels(Limits *s);

/* ---- limit_write.c ---- */

bool		lim_write_edit(Limits *s, size_t i, const Edit *e, PgError *err);
size_t		lim_edit_end(const Edit *e, size_t i);

#endif							/* PGW_LIMIT_INTERNAL_H */
