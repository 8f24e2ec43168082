/*
 * vector_internal.h
 *		What the files of the vector rule share: each dialect's terms for
 *		pgvector's constructs, the rule's per-statement state, and the
 *		helpers that write operands and word refusals.
 *
 * vector.c runs the rule (casts, constants); vector_params.c writes
 * parameters used as vectors; vector_operators.c finds and writes the
 * distance operators; vector_functions.c pgvector's functions;
 * vector_index.c HNSW indexes.
 */
#ifndef PGW_VECTOR_INTERNAL_H
#define PGW_VECTOR_INTERNAL_H

#include "translate/xl_internal.h"

#define PGVECTOR_MAX_DIM		16000	/* pgvector's VECTOR_MAX_DIM */

/* pgvector's distance operators and what each computes. */
typedef struct PgvectorOperator
{
	const char *op;
	const char *computes;
} PgvectorOperator;

/* An operator (or function) the dialect computes as prefix, the operands, suffix. */
typedef struct OperatorRule
{
	const char *op;				/* "<=>", or a function's name */
	const char *prefix;			/* NULL: refused, because of missing */
	const char *suffix;
	const char *missing;
} OperatorRule;

/* An HNSW operator class and the distance of the dialect's index for it. */
typedef struct OpclassRule
{
	const char *opclass;
	const char *distance;		/* NULL: refused, because of missing */
	const char *missing;
} OpclassRule;

/* How a dialect writes a vector value. */
typedef enum VectorSyntax
{
	VECTOR_NONE,				/* no vectors at all: every construct refused */
	VECTOR_TO_VECTOR,			/* IRIS: TO_VECTOR('1,2,3', DOUBLE[, n]) */
	VECTOR_PGW_FUNCTION			/* SQLite: pgw_vector('[1,2,3]'[, n]), pgwire_vector.so */
} VectorSyntax;

/* How a dialect writes CREATE INDEX ... USING hnsw. */
typedef enum IndexSyntax
{
	INDEX_NONE,					/* refused */
	INDEX_IRIS_HNSW,			/* (col) AS HNSW(Distance=..., M=..., efConstruction=...) */
	INDEX_EMPTY					/* (col) WHERE 0: the name, no entries; searches scan */
} IndexSyntax;

typedef struct VectorDialect
{
	SqlDialect	dialect;
	const char *database;		/* "IRIS" in messages */
	const char *missing;		/* why what has no rule here is refused */
	VectorSyntax syntax;
	IndexSyntax index;
	bool		similarity_order;	/* IRIS: ORDER BY a <=> b LIMIT k as TOP k ... similarity DESC */
	const OperatorRule *operators;
	size_t		noperators;
	const OperatorRule *functions;	/* pgvector's functions: name(a[, b]) */
	size_t		nfunctions;
	const OpclassRule *opclasses;
	size_t		nopclasses;
} VectorDialect;

/* A pgvector operator of the statement, with the words of its operands. */
typedef struct VectorOp
{
	uint32_t	left;			/* first word of the left operand, XL_NO_WORD: none */
	uint32_t	at;				/* the operator */
	uint32_t	end;			/* past the right operand */
	bool		chained;		/* its left operand holds another of them */
} VectorOp;

typedef struct VectorRule
{
	const VectorDialect *dialect;
	const RewriteContext *ctx;	/* parameters: their map, declared types, inlined values */
	bool		float_elements;	/* IRIS: TO_VECTOR(..., FLOAT), not DOUBLE */
	bool		writing_parameter;	/* its marker is being written (write_parameter) */
	const Statement *stmt;
	XlWords		w;
	Buf		   *out;
	XlWriteWords write_words;
	void	   *rewriter;
	const uint32_t *match;		/* closing word of each group (the env's) */
	uint32_t   *op_at;			/* the operator whose left operand begins at each word */
	VectorOp   *ops;
	size_t		nops;
	size_t		cap;
	Buf			text;			/* a constant's value, then its canonical text */
	Buf			scratch;
} VectorRule;

/* ---- words (vector.c) ---- */

/* pgvector's operator at word i, or NULL. */
const PgvectorOperator *vector_pgvector_operator_at(const XlWords *w, size_t i);

/* The dialect's rule for the operator at word i, or NULL. */
const OperatorRule *vector_operator_rule(const VectorDialect *d, const XlWords *w, size_t i);

/* The word closing the group opened at word i, if it closes before limit, else SIZE_MAX. */
size_t		vector_closing(const VectorRule *v, size_t i, size_t limit);

static inline bool
vector_after_dot(const XlWords *w, size_t i)
{
	return i > 0 && w->tok[i - 1].kind == TOK_DOT;
}

static inline bool
vector_is_string(const XlWords *w, size_t i)
{
	return xl_word_kind(w, i, TOK_STRING) || xl_word_kind(w, i, TOK_DOLLAR_STRING);
}

/* ---- refusals and errors (vector.c); each returns false ---- */

/* 0A000 "<what> is not supported by <database>: <why>" at word. */
bool		vector_refuse(const VectorRule *v, PgError *err, size_t word, const char *why,
						  const char *fmt,...) PGW_PRINTF(5, 6);

/* An error PostgreSQL (or pgvector) itself raises, at word. */
bool		vector_fail(const VectorRule *v, PgError *err, size_t word, const char *sqlstate,
						const char *fmt,...) PGW_PRINTF(5, 6);

/* 42601 syntax error at or near word. */
bool		vector_syntax_error(const VectorRule *v, PgError *err, size_t word);

/* ---- output (vector.c) ---- */

/* Keep a function name written next from joining the word before it. */
void		vector_separate(VectorRule *v);

/* IRIS: TO_VECTOR( ; SQLite: pgw_vector( */
void		vector_append_head(VectorRule *v);

/* After a vector's value: IRIS's ", DOUBLE[, n])", SQLite's "[, n])" (dims -1: no n). */
void		vector_append_tail(const VectorRule *v, int32_t dims);

/*
 * A vector's text (a constant's value, an inlined parameter's), read and
 * checked as pgvector's vector_in reads it (its error at word otherwise),
 * written with the canonical text of its float4 elements.
 */
bool		vector_write_text(VectorRule *v, size_t word, const char *text, size_t len,
							  int32_t dims, PgError *err);

/*
 * An operand of a vector operator or function: a bare constant or
 * parameter is a vector there (PostgreSQL resolves it so); anything else
 * is written with every rule.
 */
bool		vector_write_operand(VectorRule *v, size_t from, size_t to, PgError *err);

/* ---- parameters (vector_params.c) ---- */

/*
 * Parameter word as a vector (of dims dimensions; -1: any): its marker
 * wrapped, or with vector_parameters = inline its value as a literal.
 */
bool		vector_write_parameter(VectorRule *v, size_t word, int32_t dims, PgError *err);

/* Did the client declare some parameter a vector (Parse's types)? */
bool		vector_declares_vectors(const RewriteContext *ctx);

/* A parameter the client declared a vector, at word i where nothing else says so. */
XlRuleResult vector_apply_declared_parameter(VectorRule *v, size_t i, size_t *end, PgError *err);

/* ---- the parts of the rule ---- */

/* Find the operators' operands (vector_operators.c); false on out of memory. */
bool		vector_find_operators(VectorRule *v);

/* A vector operator whose left operand begins at word i, written whole. */
XlRuleResult vector_apply_operator(VectorRule *v, size_t i, size_t to, size_t *end, PgError *err);

/* An operator reached on its own: refused. */
XlRuleResult vector_refuse_lone_operator(VectorRule *v, size_t i, PgError *err);

/* Is word i the name of a pgvector function the rule writes (vector_functions.c)? */
bool		vector_is_function(const XlWords *w, size_t i);

/* A pgvector function call at word i. */
XlRuleResult vector_apply_function(VectorRule *v, size_t i, size_t to, size_t *end, PgError *err);

/* CREATE INDEX ... USING hnsw at word i (vector_index.c). */
XlRuleResult vector_apply_index(VectorRule *v, size_t i, size_t to, size_t *end, PgError *err);

#endif							/* PGW_VECTOR_INTERNAL_H */
