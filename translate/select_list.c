/*
 * select_list.c
 *		The columns a row-returning statement produces, named and typed as
 *		PostgreSQL would, from the statement's text alone.
 *
 * Owns: finding the outermost target list (SELECT, VALUES or RETURNING,
 * under WITH and parentheses), PostgreSQL's FigureColname() rules for items
 * without an alias, and the result types that literals, casts, operators
 * and well-known functions fix without a catalog. It is a small
 * recursive-descent parser over the lexer's tokens that only reads: an
 * expression it does not follow makes the whole answer "unknown" rather
 * than a guess.
 */
#include "translate/xl_internal.h"

#include "common/types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Type names the grammar spells with keywords, and their pg_type names. */
static const struct KeywordType
{
	const char *word;
	TypeForm	form;
	const char *typname;
	const char *variant;		/* VARYING, WITH TIME ZONE, FLOAT(p <= 24) */
}			keyword_types[] = {
	{"int", TF_PLAIN, "int4", NULL},
	{"integer", TF_PLAIN, "int4", NULL},
	{"smallint", TF_PLAIN, "int2", NULL},
	{"bigint", TF_PLAIN, "int8", NULL},
	{"real", TF_PLAIN, "float4", NULL},
	{"boolean", TF_PLAIN, "bool", NULL},
	{"double", TF_DOUBLE, "float8", NULL},
	{"float", TF_FLOAT, "float8", "float4"},
	{"decimal", TF_TYPMOD, "numeric", NULL},
	{"dec", TF_TYPMOD, "numeric", NULL},
	{"numeric", TF_TYPMOD, "numeric", NULL},
	{"varchar", TF_TYPMOD, "varchar", NULL},
	{"bit", TF_VARYING, "bit", "varbit"},
	{"character", TF_VARYING, "bpchar", "varchar"},
	{"char", TF_VARYING, "bpchar", "varchar"},
	{"nchar", TF_VARYING, "bpchar", "varchar"},
	{"national", TF_NATIONAL, "bpchar", "varchar"},
	{"timestamp", TF_DATETIME, "timestamp", "timestamptz"},
	{"time", TF_DATETIME, "time", "timetz"},
	{"interval", TF_INTERVAL, "interval", NULL},
};

/* Result types of functions (and SQL value functions) the text decides. */
static const FunctionType function_types[] = {
	{"count", FR_FIXED, INT8OID},
	/* pgvector's functions */
	{"cosine_distance", FR_FIXED, FLOAT8OID},
	{"inner_product", FR_FIXED, FLOAT8OID},
	{"l2_distance", FR_FIXED, FLOAT8OID},
	{"l1_distance", FR_FIXED, FLOAT8OID},
	{"vector_norm", FR_FIXED, FLOAT8OID},
	{"l2_norm", FR_FIXED, FLOAT8OID},
	{"vector_dims", FR_FIXED, INT4OID},
	{"row_number", FR_FIXED, INT8OID},
	{"rank", FR_FIXED, INT8OID},
	{"dense_rank", FR_FIXED, INT8OID},
	{"avg", FR_AVG, NUMERICOID},
	{"length", FR_FIXED, INT4OID},
	{"char_length", FR_FIXED, INT4OID},
	{"character_length", FR_FIXED, INT4OID},
	{"octet_length", FR_FIXED, INT4OID},
	{"bit_length", FR_FIXED, INT4OID},
	{"strpos", FR_FIXED, INT4OID},
	{"position", FR_FIXED, INT4OID},
	{"ascii", FR_FIXED, INT4OID},
	{"pg_backend_pid", FR_FIXED, INT4OID},
	{"lower", FR_FIXED, TEXTOID},
	{"upper", FR_FIXED, TEXTOID},
	{"btrim", FR_FIXED, TEXTOID},
	{"ltrim", FR_FIXED, TEXTOID},
	{"rtrim", FR_FIXED, TEXTOID},
	{"trim", FR_FIXED, TEXTOID},
	{"substr", FR_FIXED, TEXTOID},
	{"substring", FR_FIXED, TEXTOID},
	{"replace", FR_FIXED, TEXTOID},
	{"concat", FR_FIXED, TEXTOID},
	{"concat_ws", FR_FIXED, TEXTOID},
	{"left", FR_FIXED, TEXTOID},
	{"right", FR_FIXED, TEXTOID},
	{"lpad", FR_FIXED, TEXTOID},
	{"rpad", FR_FIXED, TEXTOID},
	{"repeat", FR_FIXED, TEXTOID},
	{"reverse", FR_FIXED, TEXTOID},
	{"md5", FR_FIXED, TEXTOID},
	{"initcap", FR_FIXED, TEXTOID},
	{"to_char", FR_FIXED, TEXTOID},
	{"quote_ident", FR_FIXED, TEXTOID},
	{"quote_literal", FR_FIXED, TEXTOID},
	{"format", FR_FIXED, TEXTOID},
	{"chr", FR_FIXED, TEXTOID},
	{"split_part", FR_FIXED, TEXTOID},
	{"translate", FR_FIXED, TEXTOID},
	{"version", FR_FIXED, TEXTOID},
	{"current_database", FR_FIXED, TEXTOID},
	{"current_catalog", FR_FIXED, TEXTOID},
	{"current_schema", FR_FIXED, TEXTOID},
	{"current_user", FR_FIXED, TEXTOID},
	{"current_role", FR_FIXED, TEXTOID},
	{"session_user", FR_FIXED, TEXTOID},
	{"system_user", FR_FIXED, TEXTOID},
	{"user", FR_FIXED, TEXTOID},
	{"now", FR_FIXED, TIMESTAMPTZOID},
	{"current_timestamp", FR_FIXED, TIMESTAMPTZOID},
	{"transaction_timestamp", FR_FIXED, TIMESTAMPTZOID},
	{"statement_timestamp", FR_FIXED, TIMESTAMPTZOID},
	{"clock_timestamp", FR_FIXED, TIMESTAMPTZOID},
	{"localtimestamp", FR_FIXED, TIMESTAMPOID},
	{"current_date", FR_FIXED, DATEOID},
	{"current_time", FR_FIXED, TIMETZOID},
	{"localtime", FR_FIXED, TIMEOID},
	{"random", FR_FIXED, FLOAT8OID},
	{"pi", FR_FIXED, FLOAT8OID},
	{"percent_rank", FR_FIXED, FLOAT8OID},
	{"cume_dist", FR_FIXED, FLOAT8OID},
	{"coalesce", FR_COMMON, 0},
	{"nullif", FR_COMMON, 0},
	{"greatest", FR_COMMON, 0},
	{"least", FR_COMMON, 0},
	{"min", FR_COMMON, 0},
	{"max", FR_COMMON, 0},
	{"abs", FR_COMMON, 0},
};

/* SQL value functions: keywords that act like functions without parentheses. */
static const struct ValueFunction
{
	const char *name;
	bool		precision;		/* takes an optional (p) */
}			value_functions[] = {
	{"current_date", false},
	{"current_time", true},
	{"current_timestamp", true},
	{"localtime", true},
	{"localtimestamp", true},
	{"current_role", false},
	{"current_user", false},
	{"session_user", false},
	{"system_user", false},
	{"user", false},
	{"current_catalog", false},
	{"current_schema", false},
};

static const char *const set_operation_words[] = {"union", "intersect", "except", NULL};

static const char *const returning_word[] = {"returning", NULL};

static const char *const interval_fields[] = {
	"year", "month", "day", "hour", "minute", "second", NULL
};

static const char *const is_test_words[] = {
	"null", "true", "false", "unknown", "document", NULL
};

static const char *const pattern_words[] = {
	"between", "in", "like", "ilike", "similar", NULL
};

/* Operators whose spelling decides their kind. */
static const struct
{
	const char *text;
	OpKind		op;
}			operator_kinds[] = {
	{"=", OP_COMPARE}, {"<>", OP_COMPARE}, {"!=", OP_COMPARE}, {"<", OP_COMPARE},
	{">", OP_COMPARE}, {"<=", OP_COMPARE}, {">=", OP_COMPARE},
	{"+", OP_ADD}, {"-", OP_SUB}, {"*", OP_MUL}, {"/", OP_DIV}, {"%", OP_MOD},
	{"^", OP_POW}, {"||", OP_CONCAT},
	{"<->", OP_DISTANCE}, {"<=>", OP_DISTANCE}, {"<#>", OP_DISTANCE}, {"<+>", OP_DISTANCE},
	{"~", OP_REGEX}, {"~*", OP_REGEX}, {"!~", OP_REGEX}, {"!~*", OP_REGEX},
	{"~~", OP_REGEX}, {"~~*", OP_REGEX}, {"!~~", OP_REGEX}, {"!~~*", OP_REGEX},
};

static bool parse_expr(Analyser *a, size_t *i, int min_prec, ExprInfo *out);
static bool analyse_query(Analyser *a, size_t i, size_t end, Sink *sink);

/* ---- words ---- */

size_t
xl_matching_close(const XlWords *w, size_t open)
{
	int			depth = 0;

	for (size_t j = open; j < w->n; j++)
	{
		TokenKind	k = w->tok[j].kind;

		if (k == TOK_LPAREN || k == TOK_LBRACKET)
			depth++;
		else if ((k == TOK_RPAREN || k == TOK_RBRACKET) && --depth == 0)
		{
			bool		paren = w->tok[open].kind == TOK_LPAREN;

			return (paren == (k == TOK_RPAREN)) ? j : NO_MATCH;
		}
	}
	return NO_MATCH;
}

size_t
xl_group_end(const XlWords *w, size_t open)
{
	size_t		close = xl_matching_close(w, open);

	return close == SIZE_MAX ? w->n : close;
}

/* Step over the bracketed group at *i; false if there is none. */
static bool
skip_group(const XlWords *w, size_t *i)
{
	size_t		close;

	if (!xl_word_kind(w, *i, TOK_LPAREN) && !xl_word_kind(w, *i, TOK_LBRACKET))
		return false;
	if ((close = xl_matching_close(w, *i)) == NO_MATCH)
		return false;
	*i = close + 1;
	return true;
}

/* Past an optional parenthesised group at j (type modifiers, precisions). */
static size_t
skip_optional_group(const XlWords *w, size_t j)
{
	if (xl_word_kind(w, j, TOK_LPAREN))
		(void) skip_group(w, &j);
	return j;
}

/* Past an optional (modifiers) group of a type at j, noting where it is. */
static size_t
skip_modifiers(const XlWords *w, size_t j, XlTypeName *t)
{
	if (xl_word_kind(w, j, TOK_LPAREN))
		t->modifiers = j;
	return skip_optional_group(w, j);
}

bool
xl_word_ends_target_list(const XlWords *w, size_t i)
{
	return xl_word_has_class(w, i, KW_ENDS_TARGET_LIST);
}

bool
xl_word_is_reserved(const XlWords *w, size_t i)
{
	return xl_word_has_class(w, i, KW_NOT_OPERAND);
}

/* The first of words [from, end) at bracket depth 0 that is one of keywords, or NO_MATCH. */
static size_t
top_level_word(const XlWords *w, size_t from, size_t end, const char *const *keywords)
{
	int			depth = 0;

	for (size_t j = from; j < end; j++)
	{
		TokenKind	k = w->tok[j].kind;

		if (k == TOK_LPAREN || k == TOK_LBRACKET)
			depth++;
		else if (k == TOK_RPAREN || k == TOK_RBRACKET)
			depth--;
		else if (depth == 0 && xl_word_in(w, j, keywords))
			return j;
	}
	return NO_MATCH;
}

/* ---- literals ---- */

/*
 * int4, int8 or numeric, as PostgreSQL types an integer literal (with a
 * leading minus folded into it); decimal, 0x, 0o, 0b, with '_' separators.
 */
static uint32_t
integer_literal_type(const char *text, size_t len, bool negative)
{
	uint64_t	v;
	uint64_t	max4 = negative ? (uint64_t) INT32_MAX + 1 : INT32_MAX;
	uint64_t	max8 = negative ? (uint64_t) INT64_MAX + 1 : INT64_MAX;

	if (!xl_integer_literal_value(text, len, &v))
		return NUMERICOID;
	if (v <= max4)
		return INT4OID;
	return v <= max8 ? INT8OID : NUMERICOID;
}

/* The prefix letter of a string constant (b, x, e, n, u), or '\0'. */
static char
string_prefix(const char *query, const Token *tok)
{
	char		c = query[tok->start];

	return (tok->kind == TOK_STRING && c != '\'') ? (char) (c | 0x20) : '\0';
}

/* ---- names and types of nodes ---- */

static void
set_name(ExprInfo *e, const char *name, const Token *tok, int strength)
{
	e->name = name;
	e->name_tok = name != NULL ? NULL : tok;
	e->strength = strength;
}

static void
copy_name(ExprInfo *e, const ExprInfo *from)
{
	set_name(e, from->name, from->name_tok, from->strength);
}

/* PostgreSQL's FigureColnameInternal() for the node s. */
static void
figure_colname(ExprInfo *e, const Shape *s)
{
	switch (s->kind)
	{
		case SH_COLUMN:
		case SH_STAR:
		case SH_FUNCTION:
			set_name(e, s->word, s->tok, 2);
			break;
		case SH_INDIRECTION:
			if (s->tok != NULL)
				set_name(e, NULL, s->tok, 2);
			else
				copy_name(e, s->arg);
			break;
		case SH_CAST:
			if (s->arg != NULL && s->arg->strength == 2)
				copy_name(e, s->arg);
			else
				set_name(e, s->word, s->tok, 1);
			break;
		case SH_CASE:
			if (s->arg != NULL && s->arg->strength == 2)
				copy_name(e, s->arg);
			else
				set_name(e, "case", NULL, 1);
			break;
		case SH_SUBQUERY:
			/* the subquery's column always has a name, if only "?column?" */
			if (s->arg->strength > 0)
			{
				copy_name(e, s->arg);
				e->strength = 2;
			}
			else
				set_name(e, "?column?", NULL, 2);
			break;
		case SH_EXISTS:
			set_name(e, "exists", NULL, 2);
			break;
		case SH_ARRAY:
			set_name(e, "array", NULL, 2);
			break;
		case SH_ROW:
			set_name(e, "row", NULL, 2);
			break;
		case SH_PAREN:
		case SH_COLLATE:
			copy_name(e, s->arg);
			break;
		case SH_OPERATOR:
			if (s->op == OP_AT_TIME_ZONE)
				set_name(e, "timezone", NULL, 2);	/* it is timezone(zone, x) */
			break;
		default:
			break;
	}
}

static void
merge_type(TypeMerge *m, const ExprInfo *e)
{
	if (e->untyped)
		m->untyped = true;
	else if (e->type == 0 || (m->type != 0 && m->type != e->type))
		m->conflict = true;
	else
		m->type = e->type;
}

/* Known types must agree; string constants and NULLs alone resolve to text. */
static uint32_t
merged_type(const TypeMerge *m)
{
	if (m->conflict)
		return 0;
	if (m->type != 0)
		return m->type;
	return m->untyped ? TEXTOID : 0;
}

/* Order of the numeric types in arithmetic, 0 for other types. */
static int
numeric_rank(const ExprInfo *e)
{
	if (e->untyped)
		return 0;
	switch (e->type)
	{
		case INT2OID:
			return 1;
		case INT4OID:
			return 2;
		case INT8OID:
			return 3;
		case NUMERICOID:
			return 4;
		case FLOAT4OID:
			return 5;
		case FLOAT8OID:
			return 6;
		default:
			return 0;
	}
}

/* + - * / % between numeric types, as PostgreSQL's operators resolve. */
static uint32_t
arithmetic_type(OpKind op, const ExprInfo *l, const ExprInfo *r)
{
	int			lr = numeric_rank(l);
	int			rr = numeric_rank(r);
	bool		float4 = l->type == FLOAT4OID || r->type == FLOAT4OID;
	bool		float8 = l->type == FLOAT8OID || r->type == FLOAT8OID;

	if (lr == 0 || rr == 0)
		return 0;
	if (op == OP_MOD && (float4 || float8))
		return 0;				/* no float % */
	if (float8)
		return FLOAT8OID;
	if (float4)
		return lr == rr ? FLOAT4OID : 0;	/* float4 and an integer: not decided here */
	return lr >= rr ? l->type : r->type;
}

static bool
is_text_like(const ExprInfo *e)
{
	return e->untyped || e->type == TEXTOID || e->type == VARCHAROID ||
		e->type == BPCHAROID || e->type == NAMEOID;
}

/* ||: text when one side is text and the other a known non-array scalar. */
static uint32_t
concat_type(const ExprInfo *l, const ExprInfo *r)
{
	const ExprInfo *sides[2] = {l, r};

	if (!is_text_like(l) && !is_text_like(r))
		return 0;
	for (int k = 0; k < 2; k++)
	{
		uint32_t	t = sides[k]->type;

		if (!is_text_like(sides[k]) &&
			(t == 0 || t == BYTEAOID || t == JSONOID || t == JSONBOID))
			return 0;
	}
	return TEXTOID;
}

static uint32_t
at_time_zone_type(const ExprInfo *l)
{
	switch (l->untyped ? 0 : l->type)
	{
		case TIMESTAMPTZOID:
			return TIMESTAMPOID;
		case TIMESTAMPOID:
			return TIMESTAMPTZOID;
		case TIMETZOID:
			return TIMETZOID;
		default:
			return 0;
	}
}

static uint32_t
function_type(const FunctionType *fn, uint32_t merged)
{
	if (fn == NULL)
		return 0;
	switch (fn->result)
	{
		case FR_FIXED:
			return fn->oid;
		case FR_COMMON:
			return merged;
		case FR_AVG:
			if (merged == FLOAT4OID || merged == FLOAT8OID)
				return FLOAT8OID;
			return merged == INTERVALOID ? INTERVALOID : NUMERICOID;
	}
	return 0;
}

static uint32_t
prefix_type(OpKind op, const ExprInfo *arg)
{
	if (op == OP_NOT)
		return BOOLOID;
	if ((op == OP_MINUS || op == OP_PLUS) &&
		(numeric_rank(arg) > 0 || (!arg->untyped && arg->type == INTERVALOID)))
		return arg->type;
	return 0;
}

static uint32_t
operator_type(OpKind op, const ExprInfo *l, const ExprInfo *r)
{
	switch (op)
	{
		case OP_OR:
		case OP_AND:
		case OP_IS:
		case OP_COMPARE:
		case OP_PATTERN:
		case OP_QUANTIFIED:
		case OP_REGEX:
			return BOOLOID;
		case OP_CONCAT:
			return concat_type(l, r);
		case OP_ADD:
		case OP_SUB:
		case OP_MUL:
		case OP_DIV:
		case OP_MOD:
			return arithmetic_type(op, l, r);
		case OP_AT_TIME_ZONE:
			return at_time_zone_type(l);
		case OP_DISTANCE:
			return FLOAT8OID;
		default:
			return 0;
	}
}

/* The type of the node s when the text alone decides it. */
static void
figure_type(const Analyser *a, ExprInfo *e, const Shape *s)
{
	switch (s->kind)
	{
		case SH_INTEGER:
			e->type = integer_literal_type(a->w.query + s->tok->start, s->tok->len,
										   s->negative);
			break;
		case SH_NUMBER:
			e->type = NUMERICOID;
			break;
		case SH_STRING:
		case SH_NULL:
			e->type = TEXTOID;
			e->untyped = true;
			break;
		case SH_BOOL:
		case SH_EXISTS:
			e->type = BOOLOID;
			break;
		case SH_FUNCTION:
			e->type = function_type(s->fn, s->oid);
			break;
		case SH_CAST:
		case SH_CASE:
			e->type = s->oid;
			break;
		case SH_SUBQUERY:
			e->type = s->set_operation ? 0 : s->arg->type;
			break;
		case SH_PAREN:
			e->type = s->arg->type;
			e->untyped = s->arg->untyped;
			break;
		case SH_COLLATE:
			e->type = s->arg->type;
			break;
		case SH_PREFIX:
			e->type = prefix_type(s->op, s->arg);
			break;
		case SH_OPERATOR:
			e->type = operator_type(s->op, s->arg, s->right);
			break;
		default:
			e->type = 0;
			break;
	}
}

static Shape
shape(ShapeKind kind)
{
	Shape		s;

	memset(&s, 0, sizeof(s));
	s.kind = kind;
	return s;
}

/* Describe the node just parsed in out. */
static void
finish(const Analyser *a, ExprInfo *out, const Shape *s)
{
	ExprInfo	e;

	memset(&e, 0, sizeof(e));
	e.kind = s->kind;
	e.tok = s->tok;
	figure_colname(&e, s);
	figure_type(a, &e, s);
	*out = e;
}

/* ---- type names ---- */

/* PostgreSQL's FLOAT(p): float4 up to 24 binary digits. */
static bool
parse_float_precision(const XlWords *w, size_t *j, bool *is_float4)
{
	const Token *p;
	int			digits = 0;

	*is_float4 = false;
	if (!xl_word_kind(w, *j, TOK_LPAREN))
		return true;
	if (!xl_word_kind(w, *j + 1, TOK_INTEGER) || !xl_word_kind(w, *j + 2, TOK_RPAREN))
		return false;
	p = &w->tok[*j + 1];
	for (uint32_t k = 0; k < p->len && digits <= 24; k++)
	{
		char		c = w->query[p->start + k];

		if (c < '0' || c > '9')
			return false;
		digits = digits * 10 + (c - '0');
	}
	*is_float4 = digits <= 24;
	*j += 3;
	return true;
}

/* Past the fields of INTERVAL: YEAR, DAY TO SECOND(3), ... */
static size_t
skip_interval_fields(const XlWords *w, size_t j)
{
	if (!xl_word_in(w, j, interval_fields))
		return j;
	j = skip_optional_group(w, j + 1);
	if (xl_word_is(w, j, "to") && xl_word_in(w, j + 1, interval_fields))
		j = skip_optional_group(w, j + 2);
	return j;
}

/* A type spelled with keywords: INTEGER, DOUBLE PRECISION, CHAR VARYING(3), ... */
static bool
parse_keyword_type(const XlWords *w, size_t *i, XlTypeName *t)
{
	for (size_t k = 0; k < lengthof(keyword_types); k++)
	{
		const struct KeywordType *kt = &keyword_types[k];
		size_t		j = *i + 1;
		bool		variant = false;

		if (!xl_word_is(w, *i, kt->word))
			continue;
		switch (kt->form)
		{
			case TF_PLAIN:
				break;
			case TF_TYPMOD:
				j = skip_modifiers(w, j, t);
				break;
			case TF_DOUBLE:
				if (!xl_word_is(w, j, "precision"))
					return false;
				j++;
				break;
			case TF_FLOAT:
				if (!parse_float_precision(w, &j, &variant))
					return false;
				break;
			case TF_NATIONAL:
				if (!xl_word_is(w, j, "character") && !xl_word_is(w, j, "char"))
					return false;
				j++;
				/* FALLTHROUGH */
			case TF_VARYING:
				if ((variant = xl_word_is(w, j, "varying")))
					j++;
				j = skip_modifiers(w, j, t);
				t->length_one = !variant && !xl_word_kind(w, t->modifiers, TOK_LPAREN);
				break;
			case TF_DATETIME:
				j = skip_modifiers(w, j, t);
				if ((xl_word_is(w, j, "with") || xl_word_is(w, j, "without")) &&
					xl_word_is(w, j + 1, "time") && xl_word_is(w, j + 2, "zone"))
				{
					variant = xl_word_is(w, j, "with");
					j += 3;
				}
				break;
			case TF_INTERVAL:
				j = skip_interval_fields(w, skip_modifiers(w, j, t));
				t->is_interval = true;
				break;
		}
		t->word = variant ? kt->variant : kt->typname;
		*i = j;
		return true;
	}
	return false;
}

/* Any other type: [schema.]name [(modifiers)] */
static bool
parse_generic_type(const XlWords *w, size_t *i, XlTypeName *t)
{
	size_t		first = *i;
	size_t		j = *i;

	if (!xl_word_is_name(w, j))
		return false;
	while (xl_word_kind(w, j + 1, TOK_DOT) && xl_word_is_name(w, j + 2))
		j += 2;
	t->tok = &w->tok[j];
	t->foreign_schema = j > first && !(j == first + 2 && xl_word_is(w, first, "pg_catalog"));
	*i = skip_modifiers(w, j + 1, t);
	return true;
}

/* Past array bounds after a type: [], [3], ARRAY, ARRAY[3]. */
static bool
skip_array_bounds(const XlWords *w, size_t *i)
{
	bool		is_array = false;

	for (;;)
	{
		if (xl_word_is(w, *i, "array"))
		{
			(*i)++;
			if (xl_word_kind(w, *i, TOK_LBRACKET))
				(void) skip_group(w, i);
		}
		else if (!xl_word_kind(w, *i, TOK_LBRACKET) || !skip_group(w, i))
			return is_array;
		is_array = true;
	}
}

uint32_t
xl_type_name_oid(const XlWords *w, const XlTypeName *t, Buf *scratch)
{
	const char *name = t->word;
	const PgType *pt;

	if (name == NULL)
	{
		PgError		err;

		if (t->foreign_schema)
			return 0;
		buf_reset(scratch);
		if (!xl_ident_value(w->query, t->tok, scratch, &err) || buf_failed(scratch))
			return 0;
		name = scratch->data;
	}
	pt = pgtype_by_name(name);
	return (pt != NULL && strcmp(pt->name, name) == 0) ? pt->oid : 0;
}

bool
xl_parse_type_name(const XlWords *w, size_t *i, XlTypeName *t)
{
	memset(t, 0, sizeof(*t));
	t->modifiers = NO_MATCH;
	if (!parse_keyword_type(w, i, t) && !parse_generic_type(w, i, t))
		return false;
	t->is_array = skip_array_bounds(w, i);
	return true;
}

static bool
parse_type(Analyser *a, size_t *i, XlTypeName *t)
{
	if (!xl_parse_type_name(&a->w, i, t))
		return false;
	t->oid = t->is_array ? 0 : xl_type_name_oid(&a->w, t, &a->scratch);
	return true;
}

static Shape
cast_shape(const XlTypeName *t, const ExprInfo *arg)
{
	Shape		s = shape(SH_CAST);

	s.word = t->word;
	s.tok = t->tok;
	s.oid = t->oid;
	s.arg = arg;
	return s;
}

/* ---- operators ---- */

static int
op_precedence(OpKind op)
{
	switch (op)
	{
		case OP_OR:
			return PREC_OR;
		case OP_AND:
			return PREC_AND;
		case OP_NOT:
			return PREC_NOT;
		case OP_IS:
			return PREC_IS;
		case OP_COMPARE:
			return PREC_COMPARE;
		case OP_PATTERN:
			return PREC_PATTERN;
		case OP_ADD:
		case OP_SUB:
			return PREC_ADD;
		case OP_MUL:
		case OP_DIV:
		case OP_MOD:
			return PREC_MUL;
		case OP_POW:
			return PREC_POW;
		case OP_AT_TIME_ZONE:
			return PREC_AT;
		case OP_COLLATE:
			return PREC_COLLATE;
		case OP_MINUS:
		case OP_PLUS:
			return PREC_UNARY;
		default:
			return PREC_OP;
	}
}

/* Is word i an infix or postfix operator? Its kind in *op. */
static bool
binary_op_at(const XlWords *w, size_t i, OpKind *op)
{
	if (xl_word_kind(w, i, TOK_OPERATOR))
	{
		*op = OP_OTHER;
		for (size_t k = 0; k < lengthof(operator_kinds); k++)
		{
			if (xl_word_is_operator(w, i, operator_kinds[k].text))
				*op = operator_kinds[k].op;
		}
		return true;
	}
	if (xl_word_is(w, i, "or"))
		*op = OP_OR;
	else if (xl_word_is(w, i, "and"))
		*op = OP_AND;
	else if (xl_word_is(w, i, "is") || xl_word_is(w, i, "isnull") || xl_word_is(w, i, "notnull"))
		*op = OP_IS;
	else if (xl_word_in(w, i, pattern_words) ||
			 (xl_word_is(w, i, "not") && xl_word_in(w, i + 1, pattern_words)))
		*op = OP_PATTERN;
	else if (xl_word_is(w, i, "at") &&
			 ((xl_word_is(w, i + 1, "time") && xl_word_is(w, i + 2, "zone")) ||
			  xl_word_is(w, i + 1, "local")))
		*op = OP_AT_TIME_ZONE;
	else if (xl_word_is(w, i, "collate"))
		*op = OP_COLLATE;
	else
		return false;
	return true;
}

/* Is word i a prefix operator? Its kind in *op. */
static bool
prefix_op_at(const XlWords *w, size_t i, OpKind *op)
{
	if (xl_word_is(w, i, "not"))
		*op = OP_NOT;
	else if (xl_word_is_op(w, i, '-'))
		*op = OP_MINUS;
	else if (xl_word_is_op(w, i, '+'))
		*op = OP_PLUS;
	else if (xl_word_kind(w, i, TOK_OPERATOR) && !xl_word_is_op(w, i, '*'))
		*op = OP_OTHER;
	else
		return false;
	return true;
}

/* After IS: [NOT] NULL/TRUE/FALSE/UNKNOWN/DOCUMENT, [NOT] DISTINCT FROM x. */
static bool
parse_is_test(Analyser *a, size_t *i)
{
	const XlWords *w = &a->w;
	ExprInfo	right;

	if (!xl_word_is(w, *i, "is"))
	{
		(*i)++;					/* ISNULL, NOTNULL */
		return true;
	}
	(*i)++;
	if (xl_word_is(w, *i, "not"))
		(*i)++;
	if (xl_word_in(w, *i, is_test_words))
	{
		(*i)++;
		return true;
	}
	if (!xl_word_is(w, *i, "distinct") || !xl_word_is(w, *i + 1, "from"))
		return false;			/* IS NORMALIZED, IS JSON, ...: not followed */
	*i += 2;
	return parse_expr(a, i, PREC_IS + 1, &right);
}

/* [NOT] BETWEEN x AND y, IN (...), LIKE x [ESCAPE y], SIMILAR TO x [ESCAPE y] */
static bool
parse_pattern_test(Analyser *a, size_t *i)
{
	const XlWords *w = &a->w;
	ExprInfo	operand;

	if (xl_word_is(w, *i, "not"))
		(*i)++;
	if (xl_word_is(w, *i, "in"))
	{
		(*i)++;
		return xl_word_kind(w, *i, TOK_LPAREN) && skip_group(w, i);
	}
	if (xl_word_is(w, *i, "between"))
	{
		(*i)++;
		if (xl_word_is(w, *i, "symmetric") || xl_word_is(w, *i, "asymmetric"))
			(*i)++;
		if (!parse_expr(a, i, PREC_PATTERN + 1, &operand) || !xl_word_is(w, *i, "and"))
			return false;
		(*i)++;
		return parse_expr(a, i, PREC_PATTERN + 1, &operand);
	}
	if (xl_word_is(w, *i, "similar"))
	{
		if (!xl_word_is(w, *i + 1, "to"))
			return false;
		(*i)++;
	}
	(*i)++;
	if (!parse_expr(a, i, PREC_PATTERN + 1, &operand))
		return false;
	if (!xl_word_is(w, *i, "escape"))
		return true;
	(*i)++;
	return parse_expr(a, i, PREC_PATTERN + 1, &operand);
}

/* AT TIME ZONE x, AT LOCAL */
static bool
parse_at_time_zone(Analyser *a, size_t *i)
{
	ExprInfo	zone;

	if (xl_word_is(&a->w, *i + 1, "local"))
	{
		*i += 2;
		return true;
	}
	*i += 3;
	return parse_expr(a, i, PREC_AT + 1, &zone);
}

/* COLLATE [schema.]name */
static bool
skip_collation(const XlWords *w, size_t *i)
{
	(*i)++;
	if (!xl_word_is_name(w, *i))
		return false;
	while (xl_word_kind(w, *i + 1, TOK_DOT) && xl_word_is_name(w, *i + 2))
		*i += 2;
	(*i)++;
	return true;
}

/* The operator of kind op at *i and its right side, applied to *inout. */
static bool
parse_binary(Analyser *a, size_t *i, OpKind op, ExprInfo *inout)
{
	const XlWords *w = &a->w;
	ExprInfo	left = *inout;
	ExprInfo	right;
	Shape		s = shape(SH_OPERATOR);
	bool		ok;

	s.op = op;
	s.arg = &left;
	switch (op)
	{
		case OP_IS:
			ok = parse_is_test(a, i);
			break;
		case OP_PATTERN:
			ok = parse_pattern_test(a, i);
			break;
		case OP_AT_TIME_ZONE:
			ok = parse_at_time_zone(a, i);
			break;
		case OP_COLLATE:
			s.kind = SH_COLLATE;
			ok = skip_collation(w, i);
			break;
		default:
			(*i)++;
			if ((xl_word_is(w, *i, "any") || xl_word_is(w, *i, "some") ||
				 xl_word_is(w, *i, "all")) && xl_word_kind(w, *i + 1, TOK_LPAREN))
			{
				s.op = OP_QUANTIFIED;
				(*i)++;
				ok = skip_group(w, i);
				break;
			}
			ok = parse_expr(a, i, op_precedence(op) + 1, &right);
			s.right = &right;
			break;
	}
	if (ok)
		finish(a, inout, &s);
	return ok;
}

/* ---- operands ---- */

/* A string constant, with PostgreSQL's continuation of adjacent ones. */
static bool
parse_string(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	const Token *tok = &w->tok[*i];
	char		prefix = string_prefix(w->query, tok);
	Shape		s = shape(prefix == 'b' || prefix == 'x' ? SH_BIT_STRING : SH_STRING);

	(*i)++;
	while (tok->kind == TOK_STRING && xl_word_kind(w, *i, TOK_STRING))
		(*i)++;
	finish(a, out, &s);
	if (prefix == 'n')
	{
		/* N'...' is NCHAR '...', a bpchar constant */
		ExprInfo	literal = *out;

		s = shape(SH_CAST);
		s.word = "bpchar";
		s.oid = BPCHAROID;
		s.arg = &literal;
		finish(a, out, &s);
	}
	return true;
}

/* The first column of the subquery in the parentheses open..close. */
static bool
parse_subquery(Analyser *a, size_t open, size_t close, size_t *i, ExprInfo *out)
{
	Sink		sink;
	Shape		s = shape(SH_SUBQUERY);

	memset(&sink, 0, sizeof(sink));
	if (!analyse_query(a, open + 1, close, &sink) || !sink.has_first)
		return false;
	s.arg = &sink.first;
	s.set_operation = sink.set_operation;
	finish(a, out, &s);
	*i = close + 1;
	return true;
}

static bool
starts_query(const XlWords *w, size_t i)
{
	return xl_word_is(w, i, "select") || xl_word_is(w, i, "values") ||
		xl_word_is(w, i, "with") || xl_word_is(w, i, "table");
}

/* (x), (a, b), (SELECT ...) */
static bool
parse_paren(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	size_t		open = *i;
	size_t		close = xl_matching_close(w, open);
	size_t		j = open + 1;
	ExprInfo	inner;
	Shape		s;

	if (close == NO_MATCH)
		return false;
	if (starts_query(w, j))
		return parse_subquery(a, open, close, i, out);
	if (parse_expr(a, &j, PREC_NONE, &inner) && (j == close || xl_word_kind(w, j, TOK_COMMA)))
	{
		s = shape(j == close ? SH_PAREN : SH_ROW);
		s.arg = &inner;
		finish(a, out, &s);
		*i = close + 1;
		return true;
	}
	/* ((SELECT ...) UNION (SELECT ...)) */
	return xl_word_kind(w, open + 1, TOK_LPAREN) && parse_subquery(a, open, close, i, out);
}

/* CASE [x] WHEN c THEN r ... [ELSE e] END */
static bool
parse_case(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	ExprInfo	e;
	ExprInfo	otherwise;
	TypeMerge	results;
	Shape		s = shape(SH_CASE);

	memset(&results, 0, sizeof(results));
	(*i)++;
	if (!xl_word_is(w, *i, "when") && !parse_expr(a, i, PREC_NONE, &e))
		return false;
	if (!xl_word_is(w, *i, "when"))
		return false;
	while (xl_word_is(w, *i, "when"))
	{
		(*i)++;
		if (!parse_expr(a, i, PREC_NONE, &e) || !xl_word_is(w, *i, "then"))
			return false;
		(*i)++;
		if (!parse_expr(a, i, PREC_NONE, &e))
			return false;
		merge_type(&results, &e);
	}
	if (xl_word_is(w, *i, "else"))
	{
		(*i)++;
		if (!parse_expr(a, i, PREC_NONE, &otherwise))
			return false;
		merge_type(&results, &otherwise);
		s.arg = &otherwise;
	}
	if (!xl_word_is(w, *i, "end"))
		return false;
	(*i)++;
	s.oid = merged_type(&results);
	finish(a, out, &s);
	return true;
}

/* CAST(x AS type) */
static bool
parse_cast(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	size_t		close = xl_matching_close(w, *i + 1);
	size_t		j = *i + 2;
	ExprInfo	arg;
	XlTypeName	t;
	Shape		s;

	if (!xl_word_kind(w, *i + 1, TOK_LPAREN) || close == NO_MATCH ||
		!parse_expr(a, &j, PREC_NONE, &arg) || !xl_word_is(w, j, "as"))
		return false;
	j++;
	if (!parse_type(a, &j, &t) || j != close)
		return false;
	s = cast_shape(&t, &arg);
	finish(a, out, &s);
	*i = close + 1;
	return true;
}

/* A typed literal: DATE '2024-01-01', INTERVAL '1' DAY, int4 '1'. */
static bool
parse_typed_literal(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	size_t		j = *i;
	XlTypeName	t;
	ExprInfo	literal;
	Shape		s;
	char		prefix;

	if (!xl_parse_type_name(w, &j, &t) || t.is_array ||
		(!xl_word_kind(w, j, TOK_STRING) && !xl_word_kind(w, j, TOK_DOLLAR_STRING)))
		return false;
	prefix = string_prefix(w->query, &w->tok[j]);
	if (prefix == 'b' || prefix == 'x' || prefix == 'n' || !parse_string(a, &j, &literal))
		return false;
	t.oid = xl_type_name_oid(w, &t, &a->scratch);
	if (t.is_interval)
		j = skip_interval_fields(w, j);
	s = cast_shape(&t, &literal);
	finish(a, out, &s);
	*i = j;
	return true;
}

/* Is word i an SQL value function (CURRENT_DATE, USER, ...) written as one? */
static const struct ValueFunction *
value_function_at(const XlWords *w, size_t i)
{
	for (size_t k = 0; k < lengthof(value_functions); k++)
	{
		const struct ValueFunction *vf = &value_functions[k];

		if (xl_word_is(w, i, vf->name))
		{
			if (xl_word_kind(w, i + 1, TOK_DOT) ||
				(xl_word_kind(w, i + 1, TOK_LPAREN) && !vf->precision))
				return NULL;	/* a qualifier, or current_schema() */
			return vf;
		}
	}
	return NULL;
}

/* The result type of the function tok (unquoted) or word, if pgwire knows it. */
static const FunctionType *
known_function(const Analyser *a, const Token *tok, const char *word)
{
	for (size_t k = 0; k < lengthof(function_types); k++)
	{
		const char *name = function_types[k].name;

		if (tok != NULL ? xl_is_keyword(a->w.query, tok, name) : strcmp(word, name) == 0)
			return &function_types[k];
	}
	return NULL;
}

/* CURRENT_DATE, CURRENT_TIMESTAMP(3), USER, ... */
static bool
parse_value_function(Analyser *a, size_t *i, const struct ValueFunction *vf, ExprInfo *out)
{
	Shape		s = shape(SH_FUNCTION);

	(*i)++;
	if (vf->precision && xl_word_kind(&a->w, *i, TOK_LPAREN) && !skip_group(&a->w, i))
		return false;
	s.word = vf->name;
	s.fn = known_function(a, NULL, vf->name);
	finish(a, out, &s);
	return true;
}

/* TRIM([BOTH|LEADING|TRAILING] ...): PostgreSQL calls btrim, ltrim or rtrim. */
static bool
parse_trim(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	Shape		s = shape(SH_FUNCTION);

	s.tok = &w->tok[*i];
	s.fn = known_function(a, s.tok, NULL);
	if (xl_word_is(w, *i + 2, "leading"))
		s.word = "ltrim";
	else if (xl_word_is(w, *i + 2, "trailing"))
		s.word = "rtrim";
	else
		s.word = "btrim";
	(*i)++;
	if (!skip_group(w, i))
		return false;
	finish(a, out, &s);
	return true;
}

/* EXISTS (...), ARRAY[...], ARRAY(...), ROW(...) */
static bool
constructor_at(const XlWords *w, size_t i, ShapeKind *kind)
{
	bool		paren = xl_word_kind(w, i + 1, TOK_LPAREN);

	if (xl_word_is(w, i, "exists") && paren)
		*kind = SH_EXISTS;
	else if (xl_word_is(w, i, "array") && (paren || xl_word_kind(w, i + 1, TOK_LBRACKET)))
		*kind = SH_ARRAY;
	else if (xl_word_is(w, i, "row") && paren)
		*kind = SH_ROW;
	else
		return false;
	return true;
}

/* The common type of the arguments in open..close, 0 if any is unknown. */
static uint32_t
arguments_type(Analyser *a, size_t open, size_t close)
{
	TypeMerge	m;
	size_t		j = open + 1;

	memset(&m, 0, sizeof(m));
	while (j < close)
	{
		ExprInfo	e;

		if (!parse_expr(a, &j, PREC_NONE, &e))
			return 0;
		merge_type(&m, &e);
		if (xl_word_kind(&a->w, j, TOK_COMMA))
			j++;
		else if (j != close)
			return 0;
	}
	return merged_type(&m);
}

size_t
xl_skip_call_suffixes(const XlWords *w, size_t j)
{
	size_t		k = j + 2;

	if (xl_word_is(w, j, "within") && xl_word_is(w, j + 1, "group") && skip_group(w, &k))
		j = k;
	k = j + 1;
	if (xl_word_is(w, j, "filter") && skip_group(w, &k))
		j = k;
	k = j + 1;
	if (xl_word_is(w, j, "over"))
	{
		if (skip_group(w, &k))
			j = k;
		else if (xl_word_is_name(w, k) && !xl_word_has_class(w, k, KW_NOT_OPERAND))
			j = k + 1;			/* a window name, never a reserved word */
	}
	return j;
}

/* name(...) where the name's words are first..last and *i is at '(' */
static bool
parse_call(Analyser *a, size_t *i, size_t first, size_t last, ExprInfo *out)
{
	const XlWords *w = &a->w;
	size_t		close = xl_matching_close(w, *i);
	Shape		s = shape(SH_FUNCTION);

	if (close == NO_MATCH)
		return false;
	s.tok = &w->tok[last];
	if (last == first || (last == first + 2 && xl_word_is(w, first, "pg_catalog")))
		s.fn = known_function(a, s.tok, NULL);
	if (s.fn != NULL && s.fn->result != FR_FIXED)
		s.oid = arguments_type(a, *i, close);
	*i = xl_skip_call_suffixes(w, close + 1);
	finish(a, out, &s);
	return true;
}

/* A column reference a.b.c or t.*, or a function call [schema.]f(...). */
static bool
parse_name(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	size_t		first = *i;
	size_t		last = *i;
	Shape		s = shape(SH_COLUMN);

	if (!xl_word_is_name(w, first))
		return false;
	(*i)++;
	while (xl_word_kind(w, *i, TOK_DOT))
	{
		if (xl_word_is_name(w, *i + 1))
		{
			last = *i + 1;
			*i += 2;
		}
		else if (xl_word_is_op(w, *i + 1, '*'))
		{
			s.kind = SH_STAR;
			*i += 2;
			break;
		}
		else
			return false;
	}
	if (s.kind == SH_COLUMN && xl_word_kind(w, *i, TOK_LPAREN))
		return parse_call(a, i, first, last, out);
	s.tok = &w->tok[last];
	finish(a, out, &s);
	return true;
}

/* An operand beginning with an identifier or keyword. */
static bool
parse_word(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	const struct ValueFunction *vf;
	ShapeKind	kind;
	Shape		s;

	if (xl_word_has_class(w, *i, KW_NOT_OPERAND))
		return false;
	if (xl_word_is(w, *i, "true") || xl_word_is(w, *i, "false") || xl_word_is(w, *i, "null"))
	{
		s = shape(xl_word_is(w, *i, "null") ? SH_NULL : SH_BOOL);
		(*i)++;
		finish(a, out, &s);
		return true;
	}
	if (xl_word_is(w, *i, "case"))
		return parse_case(a, i, out);
	if (xl_word_is(w, *i, "cast"))
		return parse_cast(a, i, out);
	if (constructor_at(w, *i, &kind))
	{
		s = shape(kind);
		(*i)++;
		if (!skip_group(w, i))
			return false;
		finish(a, out, &s);
		return true;
	}
	if (xl_word_is(w, *i, "trim") && xl_word_kind(w, *i + 1, TOK_LPAREN))
		return parse_trim(a, i, out);
	if ((xl_word_is(w, *i, "treat") && xl_word_kind(w, *i + 1, TOK_LPAREN)) ||
		(xl_word_is(w, *i, "collation") && xl_word_is(w, *i + 1, "for")))
		return false;			/* named after their argument's type: not followed */
	if ((vf = value_function_at(w, *i)) != NULL)
		return parse_value_function(a, i, vf, out);
	if (parse_typed_literal(a, i, out))
		return true;
	return parse_name(a, i, out);
}

static bool
parse_primary(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;
	Shape		s;

	if (*i >= w->n)
		return false;
	switch (w->tok[*i].kind)
	{
		case TOK_INTEGER:
			s = shape(SH_INTEGER);
			s.tok = &w->tok[*i];
			break;
		case TOK_NUMERIC:
			s = shape(SH_NUMBER);
			break;
		case TOK_PARAM:
			s = shape(SH_PARAM);
			break;
		case TOK_STRING:
		case TOK_DOLLAR_STRING:
			return parse_string(a, i, out);
		case TOK_LPAREN:
			return parse_paren(a, i, out);
		case TOK_IDENT:
		case TOK_QIDENT:
			return parse_word(a, i, out);
		default:
			return false;
	}
	(*i)++;
	finish(a, out, &s);
	return true;
}

/* ::type, [subscript], .field after an operand */
static bool
parse_postfix(Analyser *a, size_t *i, ExprInfo *out)
{
	const XlWords *w = &a->w;

	for (;;)
	{
		ExprInfo	arg = *out;
		XlTypeName	t;
		Shape		s = shape(SH_INDIRECTION);

		if (xl_word_kind(w, *i, TOK_TYPECAST))
		{
			(*i)++;
			if (!parse_type(a, i, &t))
				return false;
			s = cast_shape(&t, &arg);
		}
		else if (xl_word_kind(w, *i, TOK_LBRACKET))
		{
			if (!skip_group(w, i))
				return false;
		}
		else if (xl_word_kind(w, *i, TOK_DOT) && xl_word_is_name(w, *i + 1))
		{
			s.tok = &w->tok[*i + 1];
			*i += 2;
		}
		else
			return !xl_word_kind(w, *i, TOK_DOT);	/* (x).* is not followed */
		s.arg = &arg;
		finish(a, out, &s);
	}
}

static bool
parse_prefix(Analyser *a, size_t *i, OpKind op, ExprInfo *out)
{
	size_t		at = *i;
	ExprInfo	arg;
	Shape		s = shape(SH_PREFIX);
	int			prec = op_precedence(op);

	(*i)++;
	if (!parse_expr(a, i, (op == OP_OTHER || op == OP_DISTANCE) ? prec + 1 : prec, &arg))
		return false;
	if (op == OP_MINUS && arg.kind == SH_INTEGER && arg.tok == &a->w.tok[at + 1])
	{
		/* -2147483648 is one int4 constant, as the grammar folds it */
		s = shape(SH_INTEGER);
		s.tok = arg.tok;
		s.negative = true;
	}
	s.op = op;
	s.arg = &arg;
	finish(a, out, &s);
	return true;
}

static bool
parse_operand(Analyser *a, size_t *i, ExprInfo *out)
{
	OpKind		op;

	if (prefix_op_at(&a->w, *i, &op))
		return parse_prefix(a, i, op, out);
	return parse_primary(a, i, out) && parse_postfix(a, i, out);
}

/* An expression whose operators bind at least as tightly as min_prec. */
static bool
parse_expr(Analyser *a, size_t *i, int min_prec, ExprInfo *out)
{
	bool		ok;

	if (a->nesting >= MAX_NESTING)
		return false;
	a->nesting++;
	ok = parse_operand(a, i, out);
	while (ok)
	{
		OpKind		op;

		if (!binary_op_at(&a->w, *i, &op) || op_precedence(op) < min_prec)
			break;
		ok = parse_binary(a, i, op, out);
	}
	a->nesting--;
	return ok;
}

/* ---- target lists ---- */

static ColumnInfo *
push_column(ColumnList *cols)
{
	ColumnInfo *c;

	if (cols->count == cols->cap)
	{
		size_t		cap = cols->cap > 0 ? cols->cap * 2 : 8;
		ColumnInfo *items = realloc(cols->items, cap * sizeof(ColumnInfo));

		if (items == NULL)
			return NULL;
		cols->items = items;
		cols->cap = cap;
	}
	c = &cols->items[cols->count++];
	memset(c, 0, sizeof(*c));
	return c;
}

/* The column name e stands for, cut to NAMEDATALEN - 1 bytes. */
static bool
column_name(Analyser *a, const ExprInfo *e, char name[NAMEDATALEN])
{
	const char *s = e->strength > 0 ? e->name : "?column?";
	size_t		len;

	if (s == NULL)
	{
		PgError		err;

		buf_reset(&a->scratch);
		if (!xl_ident_value(a->w.query, e->name_tok, &a->scratch, &err) ||
			buf_failed(&a->scratch))
			return false;
		s = a->scratch.data;
	}
	len = xl_clip_utf8(s, strlen(s), NAMEDATALEN - 1);
	memcpy(name, s, len);
	name[len] = '\0';
	return true;
}

/* Add the item e, written at span, to the sink. */
static bool
sink_add(Analyser *a, Sink *sink, const ExprInfo *e, const ItemSpan *span)
{
	ColumnInfo *c;

	if (sink->cols == NULL)
	{
		if (e->kind == SH_STAR)
			return false;		/* which column comes first is not in the text */
		if (!sink->has_first)
			sink->first = *e;
		sink->has_first = true;
		return true;
	}
	if ((c = push_column(sink->cols)) == NULL)
		return false;
	c->type_oid = e->type;
	c->has_alias = span->has_alias;
	c->is_star = e->kind == SH_STAR;
	c->expr_start = a->w.tok[span->first].start;
	c->expr_end = (uint32_t) xl_token_end(&a->w.tok[span->last]);
	return c->is_star || column_name(a, e, c->name);
}

static bool
is_bare_label(const XlWords *w, size_t i)
{
	return xl_word_kind(w, i, TOK_QIDENT) ||
		(xl_word_kind(w, i, TOK_IDENT) && !xl_word_has_class(w, i, KW_NOT_BARE_LABEL));
}

/* One item: expression [[AS] alias], or a star. */
static bool
parse_item(Analyser *a, size_t *i, ExprInfo *e, ItemSpan *span)
{
	const XlWords *w = &a->w;
	size_t		alias;

	span->first = *i;
	span->has_alias = false;
	if (xl_word_is_op(w, *i, '*'))
	{
		memset(e, 0, sizeof(*e));
		e->kind = SH_STAR;
		(*i)++;
	}
	else if (!parse_expr(a, i, PREC_NONE, e))
		return false;
	span->last = *i - 1;
	if (xl_word_is(w, *i, "as") && xl_word_is_name(w, *i + 1))
		alias = *i + 1;
	else if (is_bare_label(w, *i))
		alias = *i;
	else
		return !xl_word_is(w, *i, "as");
	if (e->kind == SH_STAR)
		return false;
	set_name(e, NULL, &w->tok[alias], 2);
	span->has_alias = true;
	*i = alias + 1;
	return true;
}

static bool
list_ends(const XlWords *w, size_t i, size_t end, bool returning)
{
	return i >= end || (!returning && xl_word_ends_target_list(w, i));
}

/* items of SELECT or RETURNING, up to the clause that ends them */
static bool
parse_target_list(Analyser *a, size_t *i, size_t end, Sink *sink, bool returning)
{
	const XlWords *w = &a->w;

	if (list_ends(w, *i, end, returning))
		return true;			/* SELECT FROM t: no columns */
	for (;;)
	{
		ExprInfo	e;
		ItemSpan	span;

		if (!parse_item(a, i, &e, &span) || !sink_add(a, sink, &e, &span))
			return false;
		if (sink->cols == NULL)
			return true;		/* a scalar subquery needs its first column only */
		if (!xl_word_kind(w, *i, TOK_COMMA))
			return list_ends(w, *i, end, returning);
		(*i)++;
	}
}

/* SELECT [ALL | DISTINCT [ON (...)]] items */
static bool
parse_select(Analyser *a, size_t *i, size_t end, Sink *sink)
{
	const XlWords *w = &a->w;

	(*i)++;
	if (xl_word_is(w, *i, "all"))
		(*i)++;
	else if (xl_word_is(w, *i, "distinct"))
	{
		(*i)++;
		if (xl_word_is(w, *i, "on"))
		{
			(*i)++;
			if (!xl_word_kind(w, *i, TOK_LPAREN) || !skip_group(w, i))
				return false;
		}
	}
	return parse_target_list(a, i, end, sink, false);
}

/* Number of items in the parenthesised list open..close. */
static size_t
count_items(const XlWords *w, size_t open, size_t close)
{
	size_t		n = 1;
	int			depth = 0;

	if (close == open + 1)
		return 0;
	for (size_t j = open + 1; j < close; j++)
	{
		TokenKind	k = w->tok[j].kind;

		if (k == TOK_LPAREN || k == TOK_LBRACKET)
			depth++;
		else if (k == TOK_RPAREN || k == TOK_RBRACKET)
			depth--;
		else if (k == TOK_COMMA && depth == 0)
			n++;
	}
	return n;
}

/* One row (...) of VALUES; the first row also makes the columns. */
static bool
parse_values_row(Analyser *a, size_t open, size_t close, TypeMerge *merges,
				 size_t ncols, bool first_row, Sink *sink)
{
	const XlWords *w = &a->w;
	size_t		j = open + 1;

	for (size_t k = 0; k < ncols; k++)
	{
		ExprInfo	e;
		ItemSpan	span;
		char		name[32];

		span.first = j;
		span.has_alias = false;
		if (!parse_expr(a, &j, PREC_NONE, &e) ||
			!xl_word_kind(w, j, k + 1 < ncols ? TOK_COMMA : TOK_RPAREN))
			return false;
		span.last = j - 1;
		merge_type(&merges[k], &e);
		if (first_row)
		{
			/* only the first column's name outlives this call (scalar subqueries) */
			snprintf(name, sizeof(name), "column%zu", k + 1);
			set_name(&e, k == 0 ? "column1" : name, NULL, 2);
			if (!sink_add(a, sink, &e, &span))
				return false;
		}
		j++;
	}
	return j == close + 1;
}

/* VALUES (...), (...): columns column1, column2, ... typed by all rows */
static bool
parse_values(Analyser *a, size_t *i, Sink *sink)
{
	const XlWords *w = &a->w;
	size_t		base = sink->cols != NULL ? sink->cols->count : 0;
	size_t		close = xl_matching_close(w, *i + 1);
	size_t		ncols;
	TypeMerge  *merges;
	bool		ok = true;

	if (!xl_word_kind(w, *i + 1, TOK_LPAREN) || close == NO_MATCH ||
		(ncols = count_items(w, *i + 1, close)) == 0)
		return false;
	if ((merges = calloc(ncols, sizeof(TypeMerge))) == NULL)
		return false;
	(*i)++;
	for (bool first_row = true;; first_row = false)
	{
		close = xl_matching_close(w, *i);
		ok = xl_word_kind(w, *i, TOK_LPAREN) && close != NO_MATCH &&
			parse_values_row(a, *i, close, merges, ncols, first_row, sink);
		if (!ok || !xl_word_kind(w, close + 1, TOK_COMMA))
			break;
		*i = close + 2;
	}
	*i = close + 1;
	for (size_t k = 0; ok && k < ncols; k++)
	{
		if (sink->cols != NULL)
			sink->cols->items[base + k].type_oid = merged_type(&merges[k]);
		else if (k == 0)
			sink->first.type = merged_type(&merges[0]);
	}
	free(merges);
	sink->is_values = true;
	return ok;
}

/* WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (...), ... */
static bool
skip_with(const XlWords *w, size_t *i)
{
	size_t		j = *i + 1;

	if (xl_word_is(w, j, "recursive"))
		j++;
	for (;;)
	{
		if (!xl_word_is_name(w, j))
			return false;
		j = skip_optional_group(w, j + 1);
		if (!xl_word_is(w, j, "as"))
			return false;
		j++;
		if (xl_word_is(w, j, "not") && xl_word_is(w, j + 1, "materialized"))
			j += 2;
		else if (xl_word_is(w, j, "materialized"))
			j++;
		if (!skip_group(w, &j))
			return false;
		if (xl_word_is(w, j, "search") || xl_word_is(w, j, "cycle"))
			return false;
		if (!xl_word_kind(w, j, TOK_COMMA))
			break;
		j++;
	}
	*i = j;
	return true;
}

/* The first branch of a query: [WITH ...] SELECT ... | VALUES ... | (query) */
static bool
analyse_first_branch(Analyser *a, size_t *i, size_t end, Sink *sink)
{
	const XlWords *w = &a->w;
	size_t		close;

	if (xl_word_is(w, *i, "with") && !skip_with(w, i))
		return false;
	if (xl_word_is(w, *i, "select"))
		return parse_select(a, i, end, sink);
	if (xl_word_is(w, *i, "values"))
		return parse_values(a, i, sink);
	if (!xl_word_kind(w, *i, TOK_LPAREN))
		return false;			/* TABLE t, ... */
	close = xl_matching_close(w, *i);
	if (close == NO_MATCH || close >= end || !analyse_query(a, *i + 1, close, sink))
		return false;
	*i = close + 1;
	return true;
}

/* A query in words [i, end): its first branch, then any set operation. */
static bool
analyse_query(Analyser *a, size_t i, size_t end, Sink *sink)
{
	bool		ok;

	if (a->nesting >= MAX_NESTING)
		return false;
	a->nesting++;
	ok = analyse_first_branch(a, &i, end, sink);
	if (ok && top_level_word(&a->w, i, end, set_operation_words) != NO_MATCH)
		sink->set_operation = true;
	a->nesting--;
	return ok;
}

/* INSERT/UPDATE/DELETE ... RETURNING items */
static bool
analyse_returning(Analyser *a, size_t i, Sink *sink)
{
	size_t		returning = top_level_word(&a->w, i, a->w.n, returning_word);

	if (returning == NO_MATCH)
		return false;
	i = returning + 1;
	return parse_target_list(a, &i, a->w.n, sink, true);
}

static bool
analyse_statement(Analyser *a, Sink *sink)
{
	const XlWords *w = &a->w;
	size_t		i = 0;

	if (xl_word_is(w, 0, "with") && !skip_with(w, &i))
		return false;
	if (xl_word_is(w, i, "insert") || xl_word_is(w, i, "update") || xl_word_is(w, i, "delete"))
		return analyse_returning(a, i, sink);
	return analyse_query(a, i, w->n, sink);
}

/* ---- API ---- */

void
xl_columns_init(ColumnList *cols)
{
	memset(cols, 0, sizeof(*cols));
}

void
xl_columns_free(ColumnList *cols)
{
	free(cols->items);
	memset(cols, 0, sizeof(*cols));
}

bool
xl_target_list(const char *query, const StatementList *list, const Statement *stmt,
			   ColumnList *cols, bool *is_values)
{
	Analyser	a;
	Sink		sink;
	bool		ok;

	cols->count = 0;
	cols->set_operation = false;
	*is_values = false;
	if (stmt->kind != STMT_SELECT && stmt->kind != STMT_INSERT &&
		stmt->kind != STMT_UPDATE && stmt->kind != STMT_DELETE)
		return false;
	a.w = xl_words(query, list, stmt);
	a.nesting = 0;
	buf_init(&a.scratch);
	memset(&sink, 0, sizeof(sink));
	sink.cols = cols;
	ok = analyse_statement(&a, &sink);
	buf_free(&a.scratch);
	if (!ok)
	{
		cols->count = 0;
		return false;
	}
	cols->set_operation = sink.set_operation;
	*is_values = sink.is_values;
	for (size_t k = 0; k < cols->count && sink.set_operation; k++)
		cols->items[k].type_oid = 0;
	return true;
}

bool
xl_select_columns(const char *query, const StatementList *list, const Statement *stmt,
				  ColumnList *cols)
{
	bool		is_values;

	return xl_target_list(query, list, stmt, cols, &is_values);
}
