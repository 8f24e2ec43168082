/*
 * vector_index.c
 *		CREATE INDEX ... USING hnsw (column opclass) WITH (m = ..., ef_construction = ...)
 *		in each dialect's terms.
 *
 * Owns: reading the index's column, operator class and options, checked
 * as pgvector checks them (its bounds and messages), and writing IRIS's
 * AS HNSW(Distance=..., M=..., efConstruction=...) or, on the embedded
 * SQLite default, a named index with no entries (WHERE 0): SQLite has no
 * approximate index, searches scan, and the name stays for DROP INDEX.
 * ivfflat is refused everywhere, naming hnsw.
 */
#include "translate/vector_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HNSW_MIN_M				2		/* pgvector's hnsw.h */
#define HNSW_MAX_M				100
#define HNSW_DEFAULT_M			16
#define HNSW_MIN_EF_CONSTRUCTION	4
#define HNSW_MAX_EF_CONSTRUCTION	1000
#define HNSW_DEFAULT_EF_CONSTRUCTION	64

/* CREATE INDEX ... USING hnsw (column opclass) WITH (...), as read. */
typedef struct HnswIndex
{
	size_t		column;
	const OpclassRule *opclass;
	int			m;
	int			ef_construction;
	size_t		m_word;			/* where each option was given, XL_NO_WORD: not */
	size_t		ef_word;
	size_t		end;			/* past the clause */
} HnswIndex;

/* Is word i the USING of CREATE INDEX ... USING hnsw|ivfflat? */
static bool
index_method_at(const VectorRule *v, size_t i)
{
	return v->stmt->kind == STMT_DDL && strcmp(v->stmt->tag, "CREATE INDEX") == 0 &&
		xl_word_is(&v->w, i, "using") &&
		(xl_word_is(&v->w, i + 1, "hnsw") || xl_word_is(&v->w, i + 1, "ivfflat"));
}

static const OpclassRule *
opclass_rule(const VectorDialect *d, const XlWords *w, size_t i)
{
	for (size_t k = 0; k < d->nopclasses; k++)
	{
		if (xl_word_is(w, i, d->opclasses[k].opclass))
			return &d->opclasses[k];
	}
	return NULL;
}

/* The one column of USING hnsw (column opclass) whose '(' is word open. */
static bool
read_index_column(VectorRule *v, size_t open, size_t close, HnswIndex *ix, PgError *err)
{
	const XlWords *w = &v->w;
	size_t		j = open + 2;
	char		name[128];

	if (!xl_word_is_name(w, open + 1))
		return vector_refuse(v, err, open + 1, NULL, "an hnsw index on an expression");
	ix->column = open + 1;
	if (j == close)
		return vector_refuse(v, err, j, "pgvector has no default operator class for hnsw",
					  "an hnsw index column without an operator class");
	if (xl_word_kind(w, j, TOK_COMMA))
		return vector_refuse(v, err, j, NULL, "an hnsw index on more than one column");
	if (xl_word_is_name(w, j) && xl_word_kind(w, j + 1, TOK_DOT))
		j += 2;					/* schema.opclass */
	if (xl_word_is_name(w, j) && xl_word_kind(w, j + 1, TOK_COMMA))
		return vector_refuse(v, err, j + 1, NULL, "an hnsw index on more than one column");
	if (!xl_word_is_name(w, j) || j + 1 != close)
		return vector_refuse(v, err, j, NULL, "this hnsw index column");
	if ((ix->opclass = opclass_rule(v->dialect, w, j)) != NULL && ix->opclass->distance != NULL)
		return true;
	snprintf(name, sizeof(name), "%.*s", (int) Min(w->tok[j].len, 100), w->query + w->tok[j].start);
	return vector_refuse(v, err, j, ix->opclass != NULL ? ix->opclass->missing : NULL,
				  "operator class %s", name);
}

/* The integer value of an option at word *i: 16, -1 or '16'. */
static bool
option_value(VectorRule *v, size_t *i, const char *name, long *value, PgError *err)
{
	const XlWords *w = &v->w;
	bool		negative = xl_word_is_op(w, *i, '-');
	size_t		j = *i + (negative ? 1 : 0);
	uint64_t	n;
	bool		ok = false;

	if (xl_word_kind(w, j, TOK_INTEGER))
	{
		ok = xl_integer_literal_value(w->query + w->tok[j].start, w->tok[j].len, &n) &&
			n <= INT32_MAX;
		*value = ok ? (negative ? -(long) n : (long) n) : 0;
	}
	else if (!negative && xl_word_kind(w, j, TOK_STRING))
	{
		char	   *endp;

		buf_reset(&v->text);
		if (xl_string_value(w->query, &w->tok[j], &v->text, err) && !buf_failed(&v->text) &&
			v->text.len > 0)
		{
			*value = strtol(v->text.data, &endp, 10);
			ok = endp != v->text.data && *xl_skip_spaces(endp) == '\0' &&
				*value >= INT32_MIN && *value <= INT32_MAX;
		}
	}
	if (!ok)
	{
		size_t		at = j < w->n ? j : *i;

		return vector_fail(v, err, *i, ERRCODE_INVALID_PARAMETER_VALUE,
					"invalid value for integer option \"%s\": %.*s", name,
					(int) Min(w->tok[at].len, 64), w->query + w->tok[at].start);
	}
	*i = j + 1;
	return true;
}

/* One option name = value of WITH (...), checked as PostgreSQL's reloptions. */
static bool
read_option(VectorRule *v, size_t *i, HnswIndex *ix, PgError *err)
{
	const XlWords *w = &v->w;
	size_t		at = *i;
	bool		is_m = xl_word_is(w, at, "m");
	long		min = is_m ? HNSW_MIN_M : HNSW_MIN_EF_CONSTRUCTION;
	long		max = is_m ? HNSW_MAX_M : HNSW_MAX_EF_CONSTRUCTION;
	size_t	   *given = is_m ? &ix->m_word : &ix->ef_word;
	long		value = 0;

	if (!xl_word_kind(w, at, TOK_IDENT) || !xl_word_is_op(w, at + 1, '='))
		return vector_syntax_error(v, err, xl_word_kind(w, at, TOK_IDENT) ? at + 1 : at);
	if (!is_m && !xl_word_is(w, at, "ef_construction"))
		return vector_fail(v, err, at, ERRCODE_INVALID_PARAMETER_VALUE, "unrecognized parameter \"%.*s\"",
					(int) Min(w->tok[at].len, 64), w->query + w->tok[at].start);
	if (*given != XL_NO_WORD)
		return vector_fail(v, err, at, ERRCODE_INVALID_PARAMETER_VALUE,
					"parameter \"%s\" specified more than once", is_m ? "m" : "ef_construction");
	*i = at + 2;
	if (!option_value(v, i, is_m ? "m" : "ef_construction", &value, err))
		return false;
	if (value < min || value > max)
	{
		(void) vector_fail(v, err, at, ERRCODE_INVALID_PARAMETER_VALUE,
					"value %ld out of bounds for option \"%s\"", value, is_m ? "m" : "ef_construction");
		pgerr_set_detail(err, "Valid values are between \"%ld\" and \"%ld\".", min, max);
		return false;
	}
	*given = at;
	*(is_m ? &ix->m : &ix->ef_construction) = (int) value;
	return true;
}

/* WITH (m = ..., ef_construction = ...) at word i, if there. */
static bool
read_index_options(VectorRule *v, size_t i, HnswIndex *ix, PgError *err)
{
	const XlWords *w = &v->w;
	size_t		close;

	ix->end = i;
	if (!xl_word_is(w, i, "with"))
		return true;
	if (!xl_word_kind(w, i + 1, TOK_LPAREN) || (close = vector_closing(v, i + 1, w->n)) == SIZE_MAX)
		return vector_syntax_error(v, err, i + 1);
	if (close == i + 2)
		return vector_syntax_error(v, err, close);
	for (size_t j = i + 2; j < close;)
	{
		if (!read_option(v, &j, ix, err))
			return false;
		if (j < close && !xl_word_kind(w, j++, TOK_COMMA))
			return vector_syntax_error(v, err, j - 1);
	}
	ix->end = close + 1;
	if (ix->ef_construction < 2 * ix->m)
		return vector_fail(v, err, Min(ix->m_word, ix->ef_word), ERRCODE_INVALID_PARAMETER_VALUE,
					"ef_construction must be greater than or equal to 2 * m");
	return true;
}

/* USING hnsw (column opclass) [WITH (...)] at word i, to the statement's end. */
static bool
read_index(VectorRule *v, size_t i, HnswIndex *ix, PgError *err)
{
	const XlWords *w = &v->w;
	size_t		close;

	ix->m = HNSW_DEFAULT_M;
	ix->ef_construction = HNSW_DEFAULT_EF_CONSTRUCTION;
	ix->m_word = ix->ef_word = XL_NO_WORD;
	if (!xl_word_kind(w, i + 2, TOK_LPAREN) || (close = vector_closing(v, i + 2, w->n)) == SIZE_MAX)
		return vector_syntax_error(v, err, i + 2);
	if (!read_index_column(v, i + 2, close, ix, err) ||
		!read_index_options(v, close + 1, ix, err))
		return false;
	if (ix->end < w->n)
		return vector_refuse(v, err, ix->end, NULL, "a clause after an hnsw index's column and options");
	return true;
}

static bool
write_index(VectorRule *v, const HnswIndex *ix, PgError *err)
{
	buf_append_byte(v->out, '(');
	if (!v->write_words(v->rewriter, ix->column, ix->column + 1, err))
		return false;
	if (v->dialect->index == INDEX_EMPTY)
	{
		buf_append_str(v->out, ") WHERE 0");
		return true;
	}
	buf_appendf(v->out, ") AS HNSW(Distance='%s'", ix->opclass->distance);
	if (ix->m_word != XL_NO_WORD)
		buf_appendf(v->out, ", M=%d", ix->m);
	if (ix->ef_word != XL_NO_WORD)
		buf_appendf(v->out, ", efConstruction=%d", ix->ef_construction);
	buf_append_byte(v->out, ')');
	return true;
}

/*
 * CREATE INDEX name ON t USING hnsw (...) -> CREATE INDEX name ON t (col)
 * AS HNSW(...) on IRIS, CREATE INDEX name ON t (col) WHERE 0 on SQLite
 */
XlRuleResult
vector_apply_index(VectorRule *v, size_t i, size_t to, size_t *end, PgError *err)
{
	HnswIndex	ix;
	bool		ivfflat;

	if (!index_method_at(v, i))
		return XL_RULE_NONE;
	ivfflat = xl_word_is(&v->w, i + 1, "ivfflat");
	if (v->dialect->index == INDEX_NONE || ivfflat)
	{
		(void) vector_refuse(v, err, i + 1, v->dialect->index != INDEX_NONE ? "its vector index is HNSW" : NULL,
					  "an %s index", ivfflat ? "ivfflat" : "hnsw");
		return XL_RULE_FAILED;
	}
	if (!read_index(v, i, &ix, err))
		return XL_RULE_FAILED;
	if (ix.end > to)
		return XL_RULE_NONE;
	if (!write_index(v, &ix, err))
		return XL_RULE_FAILED;
	*end = ix.end;
	return XL_RULE_WRITTEN;
}
