/*
 * select_list_internal.h
 *		What the files of the target-list analyser share: the expression
 *		shapes and types it computes, and the parser's entry points.
 *
 * select_list.c finds target lists and names their columns (the API in
 * translate.h); select_operands.c and select_operators.c are the
 * recursive-descent expression reader; select_types.c says what type a
 * node has and reads type names. Nothing here is used outside them.
 */
#ifndef PGW_SELECT_LIST_INTERNAL_H
#define PGW_SELECT_LIST_INTERNAL_H

#include "translate/xl_internal.h"

#include "common/types.h"

#define NAMEDATALEN		64		/* names are cut to NAMEDATALEN - 1 bytes */
#define MAX_NESTING		100		/* deeper expressions are not analysed */
#define NO_MATCH		SIZE_MAX

/* Operator precedence, lowest first, as in PostgreSQL's gram.y. */
typedef enum Prec
{
	PREC_NONE,
	PREC_OR,
	PREC_AND,
	PREC_NOT,
	PREC_IS,					/* IS ..., ISNULL, NOTNULL */
	PREC_COMPARE,				/* < > = <= >= <> */
	PREC_PATTERN,				/* BETWEEN IN LIKE ILIKE SIMILAR */
	PREC_OP,					/* any other operator */
	PREC_ADD,
	PREC_MUL,
	PREC_POW,
	PREC_AT,					/* AT TIME ZONE */
	PREC_COLLATE,
	PREC_UNARY					/* unary minus and plus */
} Prec;

typedef enum OpKind
{
	OP_OR,
	OP_AND,
	OP_NOT,
	OP_IS,						/* IS [NOT] NULL/TRUE/..., IS DISTINCT FROM, ISNULL */
	OP_COMPARE,
	OP_PATTERN,					/* [NOT] BETWEEN/IN/LIKE/ILIKE/SIMILAR TO */
	OP_QUANTIFIED,				/* op ANY/SOME/ALL (...) */
	OP_REGEX,					/* ~ ~* !~ ~~ ... */
	OP_CONCAT,					/* || */
	OP_DISTANCE,				/* pgvector's <-> <=> <#> <+>: double precision */
	OP_OTHER,					/* any other operator */
	OP_ADD,
	OP_SUB,
	OP_MUL,
	OP_DIV,
	OP_MOD,
	OP_POW,
	OP_AT_TIME_ZONE,
	OP_COLLATE,
	OP_MINUS,					/* prefix - */
	OP_PLUS						/* prefix + */
} OpKind;

/* What an expression is at its top, like the node PostgreSQL's grammar builds. */
typedef enum ShapeKind
{
	SH_INTEGER,					/* 42, 0x2A */
	SH_NUMBER,					/* 1.5, 1e3 */
	SH_STRING,					/* 'a', E'a', $$a$$ */
	SH_BIT_STRING,				/* B'101', X'1F' */
	SH_BOOL,					/* TRUE, FALSE */
	SH_NULL,
	SH_PARAM,					/* $1 */
	SH_COLUMN,					/* a, t.a */
	SH_STAR,					/* *, t.* */
	SH_FUNCTION,				/* f(...), SQL value functions */
	SH_CAST,					/* x::t, CAST(x AS t), t 'literal' */
	SH_CASE,
	SH_SUBQUERY,				/* (SELECT ...) */
	SH_EXISTS,
	SH_ARRAY,					/* ARRAY[...], ARRAY(SELECT ...) */
	SH_ROW,						/* ROW(...), (a, b) */
	SH_PAREN,					/* (x) */
	SH_INDIRECTION,				/* x[1], (x).f */
	SH_COLLATE,					/* x COLLATE c */
	SH_PREFIX,					/* -x, NOT x, ~x */
	SH_OPERATOR					/* x op y, x IS NULL, x IN (...), ... */
} ShapeKind;

/*
 * What an expression gives its column: FigureColname's name and strength
 * (0 no name, 1 a type's name, 2 a good name) and the type, if the text
 * decides it. Names point into the query or at constant strings.
 */
typedef struct ExprInfo
{
	ShapeKind	kind;
	const Token *tok;			/* SH_INTEGER: the literal */
	const char *name;			/* a fixed name, or NULL: */
	const Token *name_tok;		/* the identifier that spells the name */
	int			strength;
	uint32_t	type;			/* 0: not decided by the text */
	bool		untyped;		/* string constant or NULL: typed by its context */
} ExprInfo;

typedef enum FunctionResult
{
	FR_FIXED,					/* always oid */
	FR_COMMON,					/* the common type of the arguments */
	FR_AVG						/* numeric, float8 for float arguments */
} FunctionResult;

typedef struct FunctionType
{
	const char *name;
	FunctionResult result;
	uint32_t	oid;
} FunctionType;

/* One node just parsed, described for figure_colname() and figure_type(). */
typedef struct Shape
{
	ShapeKind	kind;
	const Token *tok;			/* literal; column, function or field name; type name */
	const char *word;			/* fixed name: value function, trim variant, keyword type */
	const FunctionType *fn;		/* SH_FUNCTION with a known result type */
	OpKind		op;				/* SH_PREFIX, SH_OPERATOR */
	bool		negative;		/* SH_INTEGER written after a unary minus */
	bool		set_operation;	/* SH_SUBQUERY of UNION/INTERSECT/EXCEPT */
	uint32_t	oid;			/* SH_CAST target; SH_CASE, SH_FUNCTION: merged types */
	const ExprInfo *arg;		/* operand, left operand, CASE's ELSE, subquery's column */
	const ExprInfo *right;		/* right operand */
} Shape;

/* The common type of CASE branches, function arguments or VALUES rows. */
typedef struct TypeMerge
{
	uint32_t	type;
	bool		untyped;		/* some were string constants or NULL */
	bool		conflict;		/* some disagree or are of unknown type */
} TypeMerge;

/* Where the items of a target list go. */
typedef struct Sink
{
	ColumnList *cols;			/* every column, or NULL: */
	ExprInfo	first;			/* only the first one's (scalar subqueries) */
	bool		has_first;
	bool		set_operation;
	bool		is_values;
} Sink;

/* Token span and alias of a target-list item. */
typedef struct ItemSpan
{
	size_t		first;
	size_t		last;
	bool		has_alias;
} ItemSpan;

typedef struct Analyser
{
	XlWords		w;
	Buf			scratch;		/* decoded identifiers */
	int			nesting;		/* depth of parse_expr() and analyse_query() */
} Analyser;

typedef enum TypeForm
{
	TF_PLAIN,					/* INT */
	TF_TYPMOD,					/* NUMERIC [(p, s)] */
	TF_VARYING,					/* CHAR [VARYING] [(n)] */
	TF_NATIONAL,				/* NATIONAL CHAR [VARYING] [(n)] */
	TF_DOUBLE,					/* DOUBLE PRECISION */
	TF_FLOAT,					/* FLOAT [(p)] */
	TF_DATETIME,				/* TIME [(p)] [WITH[OUT] TIME ZONE] */
	TF_INTERVAL					/* INTERVAL [(p)] [fields] */
} TypeForm;

/* ---- select_list.c ---- */

bool		sl_analyse_query(Analyser *a, size_t i, size_t end, Sink *sink);
bool		sl_analyse_statement(Analyser *a, Sink *sink);
bool		sl_skip_group(const XlWords *w, size_t *i);
size_t		sl_skip_optional_group(const XlWords *w, size_t j);
size_t		sl_skip_modifiers(const XlWords *w, size_t j, XlTypeName *t);

/* ---- select_types.c ---- */

size_t		sl_skip_interval_fields(const XlWords *w, size_t j);
bool		sl_parse_type(Analyser *a, size_t *i, XlTypeName *t);
Shape		sl_cast_shape(const XlTypeName *t, const ExprInfo *arg);
char		sl_string_prefix(const char *query, const Token *tok);
void		sl_set_name(ExprInfo *e, const char *name, const Token *tok, int strength);
void		sl_merge_type(TypeMerge *m, const ExprInfo *e);
uint32_t	sl_merged_type(const TypeMerge *m);
Shape		sl_shape(ShapeKind kind);
void		sl_finish(const Analyser *a, ExprInfo *out, const Shape *s);

/* ---- select_operators.c ---- */

int			sl_op_precedence(OpKind op);
bool		sl_binary_op_at(const XlWords *w, size_t i, OpKind *op);
bool		sl_prefix_op_at(const XlWords *w, size_t i, OpKind *op);
bool		sl_parse_binary(Analyser *a, size_t *i, OpKind op, ExprInfo *inout);

/* ---- select_operands.c ---- */

bool		sl_parse_expr(Analyser *a, size_t *i, int min_prec, ExprInfo *out);

#endif							/* PGW_SELECT_LIST_INTERNAL_H */
