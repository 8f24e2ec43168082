/*
 * select_types.c
 *		The result types the text alone fixes: of literals, casts, operators
 *		and well-known functions, and type names as PostgreSQL's grammar
 *		reads them.
 *
 * Owns: FigureColname()'s names for nodes, the type of a node when the
 * text decides it (else 0: the driver's), merging the types of CASE and
 * UNION branches, and reading a type name (with modifiers, arrays,
 * keywords such as DOUBLE PRECISION and TIME WITH TIME ZONE). Never a guess.
 */
#include "translate/select_list_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static const char *const interval_fields[] = {
	"year", "month", "day", "hour", "minute", "second", NULL
};

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
char
sl_string_prefix(const char *query, const Token *tok)
{
	char		c = query[tok->start];

	return (tok->kind == TOK_STRING && c != '\'') ? (char) (c | 0x20) : '\0';
}

/* ---- names and types of nodes ---- */

void
sl_set_name(ExprInfo *e, const char *name, const Token *tok, int strength)
{
	e->name = name;
	e->name_tok = name != NULL ? NULL : tok;
	e->strength = strength;
}

static void
copy_name(ExprInfo *e, const ExprInfo *from)
{
	sl_set_name(e, from->name, from->name_tok, from->strength);
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
			sl_set_name(e, s->word, s->tok, 2);
			break;
		case SH_INDIRECTION:
			if (s->tok != NULL)
				sl_set_name(e, NULL, s->tok, 2);
			else
				copy_name(e, s->arg);
			break;
		case SH_CAST:
			if (s->arg != NULL && s->arg->strength == 2)
				copy_name(e, s->arg);
			else
				sl_set_name(e, s->word, s->tok, 1);
			break;
		case SH_CASE:
			if (s->arg != NULL && s->arg->strength == 2)
				copy_name(e, s->arg);
			else
				sl_set_name(e, "case", NULL, 1);
			break;
		case SH_SUBQUERY:
			/* the subquery's column always has a name, if only "?column?" */
			if (s->arg->strength > 0)
			{
				copy_name(e, s->arg);
				e->strength = 2;
			}
			else
				sl_set_name(e, "?column?", NULL, 2);
			break;
		case SH_EXISTS:
			sl_set_name(e, "exists", NULL, 2);
			break;
		case SH_ARRAY:
			sl_set_name(e, "array", NULL, 2);
			break;
		case SH_ROW:
			sl_set_name(e, "row", NULL, 2);
			break;
		case SH_PAREN:
		case SH_COLLATE:
			copy_name(e, s->arg);
			break;
		case SH_OPERATOR:
			if (s->op == OP_AT_TIME_ZONE)
				sl_set_name(e, "timezone", NULL, 2);	/* it is timezone(zone, x) */
			break;
		default:
			break;
	}
}

void
sl_merge_type(TypeMerge *m, const ExprInfo *e)
{
	if (e->untyped)
		m->untyped = true;
	else if (e->type == 0 || (m->type != 0 && m->type != e->type))
		m->conflict = true;
	else
		m->type = e->type;
}

/* Known types must agree; string constants and NULLs alone resolve to text. */
uint32_t
sl_merged_type(const TypeMerge *m)
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

Shape
sl_shape(ShapeKind kind)
{
	Shape		s;

	memset(&s, 0, sizeof(s));
	s.kind = kind;
	return s;
}

/* Describe the node just parsed in out. */
void
sl_finish(const Analyser *a, ExprInfo *out, const Shape *s)
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
size_t
sl_skip_interval_fields(const XlWords *w, size_t j)
{
	if (!xl_word_in(w, j, interval_fields))
		return j;
	j = sl_skip_optional_group(w, j + 1);
	if (xl_word_is(w, j, "to") && xl_word_in(w, j + 1, interval_fields))
		j = sl_skip_optional_group(w, j + 2);
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
				j = sl_skip_modifiers(w, j, t);
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
				j = sl_skip_modifiers(w, j, t);
				t->length_one = !variant && !xl_word_kind(w, t->modifiers, TOK_LPAREN);
				break;
			case TF_DATETIME:
				j = sl_skip_modifiers(w, j, t);
				if ((xl_word_is(w, j, "with") || xl_word_is(w, j, "without")) &&
					xl_word_is(w, j + 1, "time") && xl_word_is(w, j + 2, "zone"))
				{
					variant = xl_word_is(w, j, "with");
					j += 3;
				}
				break;
			case TF_INTERVAL:
				j = sl_skip_interval_fields(w, sl_skip_modifiers(w, j, t));
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
	*i = sl_skip_modifiers(w, j + 1, t);
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
				(void) sl_skip_group(w, i);
		}
		else if (!xl_word_kind(w, *i, TOK_LBRACKET) || !sl_skip_group(w, i))
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

bool
sl_parse_type(Analyser *a, size_t *i, XlTypeName *t)
{
	if (!xl_parse_type_name(&a->w, i, t))
		return false;
	t->oid = t->is_array ? 0 : xl_type_name_oid(&a->w, t, &a->scratch);
	return true;
}

Shape
sl_cast_shape(const XlTypeName *t, const ExprInfo *arg)
{
	Shape		s = sl_shape(SH_CAST);

	s.word = t->word;
	s.tok = t->tok;
	s.oid = t->oid;
	s.arg = arg;
	return s;
}
