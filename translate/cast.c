/*
 * cast.c
 *		The cast rule: PostgreSQL's casts (x::type, CAST(x AS type) and
 *		type 'literal') carried to dialects that do not read them.
 *
 * Owns: the one decision of what each cast becomes in the dialect, and
 * writing it: a literal folded at translation time when the operand is a
 * constant, the dialect's conversion around the operand otherwise, or a
 * 0A000 refusal naming the construct. Each dialect is a table of rules; one
 * without a table keeps casts as written. Casts to pgvector's vector are
 * never touched: they belong to the vector rule (vector.c), which runs
 * after this one. Casts are found in cast_find.c, constants read in
 * cast_value.c, cast_number.c and cast_datetime.c; rewrite.c calls in for
 * every word and writes operands through its own rules.
 *
 * IRIS (iris-dialect.md #5, #6, #8): CAST with an explicit length for every
 * string type (IRIS's CAST(x AS VARCHAR) keeps 30 characters), BIT and 1/0
 * for booleans, DOUBLE for floats, dates and times as CAST('...' AS DATE),
 * no time zones, no intervals, no binary literals.
 */
#include "translate/xl_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH		64		/* casts written inside casts' operands */
#define MAX_VARCHAR		10485760
#define MAX_MODIFIER	1000000000	/* larger modifiers are read as this */

/* How a dialect writes a cast of an operand that is not a constant. */
typedef enum ExprForm
{
	EXPR_CAST,					/* CAST(x AS sql) */
	EXPR_TEXT,					/* CAST(x AS sql), in substr(..., 1, n) for a length */
	EXPR_SIZED,					/* CAST(x AS sql(n)): the cast's length, at most the rule's */
	EXPR_FUNCTION,				/* sql(x) */
	EXPR_KEEP,					/* x: the database holds the value as it is */
	EXPR_NONE					/* constants only: a cast of an expression is refused */
} ExprForm;

/* How a dialect writes a constant of the type. */
typedef enum LiteralForm
{
	LIT_INTEGER,				/* 42 */
	LIT_REAL,					/* 1.5, 2.0, infinities */
	LIT_NUMERIC,				/* 1.50 */
	LIT_BOOL,					/* 1, 0 */
	LIT_STRING,					/* '...' */
	LIT_BLOB,					/* X'0102' */
	LIT_NONE					/* the dialect has no literal for it: refused */
} LiteralForm;

typedef struct TypeRule
{
	uint32_t	oid;
	ExprForm	expr;
	const char *sql;
	LiteralForm literal;
	int32_t		length;			/* EXPR_SIZED: the length without one, and the most */
	const char *literal_type;	/* a constant is written CAST(literal AS literal_type) */
} TypeRule;

/* What a date/time input that reads the clock ('now', 'today') becomes. */
typedef struct ClockRule
{
	uint32_t	oid;
	XlClock		clock;
	const char *sql;
} ClockRule;

typedef struct CastDialect
{
	SqlDialect	dialect;
	const char *name;			/* "the sqlite dialect" in messages */
	const char *database;		/* "NaN cannot be stored in SQLite" */
	const char *infinity;		/* a literal that reads as +Infinity; NULL: refused */
	bool		decimal64;		/* numbers are 64-bit decimals: 19 digits at most */
	bool		whole_second_times; /* a time constant's fraction of a second is lost */
	const TypeRule *types;		/* the types it carries; others are refused */
	size_t		ntypes;
	const ClockRule *clocks;
	size_t		nclocks;
} CastDialect;

static const TypeRule sqlite_types[] = {
	{INT2OID, EXPR_CAST, "INTEGER", LIT_INTEGER, 0, NULL},
	{INT4OID, EXPR_CAST, "INTEGER", LIT_INTEGER, 0, NULL},
	{INT8OID, EXPR_CAST, "INTEGER", LIT_INTEGER, 0, NULL},
	{FLOAT4OID, EXPR_CAST, "REAL", LIT_REAL, 0, NULL},
	{FLOAT8OID, EXPR_CAST, "REAL", LIT_REAL, 0, NULL},
	{NUMERICOID, EXPR_CAST, "NUMERIC", LIT_NUMERIC, 0, NULL},
	{TEXTOID, EXPR_TEXT, "TEXT", LIT_STRING, 0, NULL},
	{VARCHAROID, EXPR_TEXT, "TEXT", LIT_STRING, 0, NULL},
	{BPCHAROID, EXPR_TEXT, "TEXT", LIT_STRING, 0, NULL},
	{NAMEOID, EXPR_TEXT, "TEXT", LIT_STRING, 0, NULL},
	{CHAROID, EXPR_TEXT, "TEXT", LIT_STRING, 0, NULL},
	{BYTEAOID, EXPR_CAST, "BLOB", LIT_BLOB, 0, NULL},
	{BOOLOID, EXPR_KEEP, NULL, LIT_BOOL, 0, NULL},
	{JSONOID, EXPR_KEEP, NULL, LIT_STRING, 0, NULL},
	{JSONBOID, EXPR_KEEP, NULL, LIT_STRING, 0, NULL},
	{UUIDOID, EXPR_KEEP, NULL, LIT_STRING, 0, NULL},
	{TIMESTAMPOID, EXPR_KEEP, NULL, LIT_STRING, 0, NULL},
	{TIMESTAMPTZOID, EXPR_KEEP, NULL, LIT_STRING, 0, NULL},
	{DATEOID, EXPR_FUNCTION, "date", LIT_STRING, 0, NULL},
	{TIMEOID, EXPR_FUNCTION, "time", LIT_STRING, 0, NULL},
};

/* SQLite's clock is UTC, as pgwire's default TimeZone. */
static const ClockRule sqlite_clocks[] = {
	{DATEOID, XL_CLOCK_NOW, "date('now')"},
	{DATEOID, XL_CLOCK_TODAY, "date('now')"},
	{DATEOID, XL_CLOCK_TOMORROW, "date('now', '+1 day')"},
	{DATEOID, XL_CLOCK_YESTERDAY, "date('now', '-1 day')"},
	{TIMESTAMPOID, XL_CLOCK_NOW, "CURRENT_TIMESTAMP"},
	{TIMESTAMPOID, XL_CLOCK_TODAY, "datetime('now', 'start of day')"},
	{TIMESTAMPOID, XL_CLOCK_TOMORROW, "datetime('now', 'start of day', '+1 day')"},
	{TIMESTAMPOID, XL_CLOCK_YESTERDAY, "datetime('now', 'start of day', '-1 day')"},
	{TIMESTAMPTZOID, XL_CLOCK_NOW, "(CURRENT_TIMESTAMP || '+00')"},
	{TIMESTAMPTZOID, XL_CLOCK_TODAY, "(datetime('now', 'start of day') || '+00')"},
	{TIMESTAMPTZOID, XL_CLOCK_TOMORROW, "(datetime('now', 'start of day', '+1 day') || '+00')"},
	{TIMESTAMPTZOID, XL_CLOCK_YESTERDAY, "(datetime('now', 'start of day', '-1 day') || '+00')"},
	{TIMEOID, XL_CLOCK_NOW, "CURRENT_TIME"},
};

/*
 * IRIS: CAST's types (IRIS SQL reference, "CAST"): strings always with a
 * length, up to IRIS's longest string (XL_IRIS_MAX_STRING); BIT takes 1/0,
 * and CAST(x AS BIT) converts numbers and the words TRUE and FALSE as
 * PostgreSQL does (other strings PostgreSQL reads as booleans, 't' or
 * 'yes', become 0); numbers are 64-bit decimals except DOUBLE, and REAL is
 * no cast target, so only constants of float4 fold. IRIS has no binary
 * literal, so a bytea constant is refused (a bytea parameter is bound).
 */
static const TypeRule iris_types[] = {
	{INT2OID, EXPR_CAST, "SMALLINT", LIT_INTEGER, 0, NULL},
	{INT4OID, EXPR_CAST, "INTEGER", LIT_INTEGER, 0, NULL},
	{INT8OID, EXPR_CAST, "BIGINT", LIT_INTEGER, 0, NULL},
	{FLOAT4OID, EXPR_NONE, "DOUBLE", LIT_REAL, 0, "DOUBLE"},
	{FLOAT8OID, EXPR_CAST, "DOUBLE", LIT_REAL, 0, "DOUBLE"},
	{NUMERICOID, EXPR_CAST, "NUMERIC", LIT_NUMERIC, 0, NULL},
	{TEXTOID, EXPR_SIZED, "VARCHAR", LIT_STRING, XL_IRIS_MAX_STRING, NULL},
	{VARCHAROID, EXPR_SIZED, "VARCHAR", LIT_STRING, XL_IRIS_MAX_STRING, NULL},
	{BPCHAROID, EXPR_SIZED, "VARCHAR", LIT_STRING, XL_IRIS_MAX_STRING, NULL},
	{NAMEOID, EXPR_SIZED, "VARCHAR", LIT_STRING, 63, NULL},
	{CHAROID, EXPR_SIZED, "VARCHAR", LIT_STRING, 1, NULL},
	{BYTEAOID, EXPR_SIZED, "VARBINARY", LIT_NONE, XL_IRIS_MAX_STRING, NULL},
	{BOOLOID, EXPR_CAST, "BIT", LIT_BOOL, 0, NULL},
	{JSONOID, EXPR_KEEP, NULL, LIT_STRING, 0, NULL},
	{JSONBOID, EXPR_KEEP, NULL, LIT_STRING, 0, NULL},
	{UUIDOID, EXPR_KEEP, NULL, LIT_STRING, 0, NULL},
	{DATEOID, EXPR_CAST, "DATE", LIT_STRING, 0, "DATE"},
	{TIMEOID, EXPR_CAST, "TIME", LIT_STRING, 0, "TIME"},
	{TIMESTAMPOID, EXPR_CAST, "TIMESTAMP", LIT_STRING, 0, "TIMESTAMP"},
};

/* IRIS's clock is the server's; CURRENT_TIMESTAMP alone has no fraction (iris-dialect.md #8). */
static const ClockRule iris_clocks[] = {
	{DATEOID, XL_CLOCK_NOW, "CURRENT_DATE"},
	{DATEOID, XL_CLOCK_TODAY, "CURRENT_DATE"},
	{TIMESTAMPOID, XL_CLOCK_NOW, "CURRENT_TIMESTAMP(6)"},
};

static const CastDialect cast_dialects[] = {
	{
		.dialect = DIALECT_SQLITE,
		.name = "the sqlite dialect",
		.database = "SQLite",
		.infinity = "9e999",
		.types = sqlite_types,
		.ntypes = lengthof(sqlite_types),
		.clocks = sqlite_clocks,
		.nclocks = lengthof(sqlite_clocks),
	},
	{
		.dialect = DIALECT_IRIS,
		.name = "the iris dialect",
		.database = "IRIS",
		.decimal64 = true,
		.whole_second_times = true,
		.types = iris_types,
		.ntypes = lengthof(iris_types),
		.clocks = iris_clocks,
		.nclocks = lengthof(iris_clocks),
	},
};

/* What the operand of the casts still to apply is. */
typedef enum ValueKind
{
	VAL_NULL,
	VAL_CONSTANT,				/* c->value[buf]: the value's PostgreSQL text */
	VAL_SQL,					/* sql: dialect SQL computing it (the clock) */
	VAL_OPERAND					/* the operand's words, written by the rewriter */
} ValueKind;

typedef struct Value
{
	ValueKind	kind;
	uint32_t	type;			/* UNKNOWNOID: a string constant not yet typed */
	int			buf;
	const char *sql;
} Value;

/* One cast applied to a value that is not a constant. */
typedef struct ExprStep
{
	const TypeRule *rule;
	int32_t		length;			/* varchar(n): n, else -1 */
} ExprStep;

/* ---- setup ---- */

/* The cast rules of dialect, or NULL when it keeps casts as written. */
static const CastDialect *
cast_dialect(SqlDialect dialect)
{
	for (size_t k = 0; k < lengthof(cast_dialects); k++)
	{
		if (cast_dialects[k].dialect == dialect)
			return &cast_dialects[k];
	}
	return NULL;
}

bool
xl_casts_init(XlCasts *c, const XlRuleEnv *env, SqlDialect dialect, bool stored)
{
	memset(c, 0, sizeof(*c));
	c->dialect = cast_dialect(dialect);
	if (c->dialect == NULL || env->w.n == 0)
		return false;
	c->w = env->w;
	c->match = env->match;
	c->out = env->out;
	c->write_words = env->write_words;
	c->rewriter = env->rewriter;
	c->stored = stored;
	buf_init(&c->value[0]);
	buf_init(&c->value[1]);
	buf_init(&c->scratch);
	return true;
}

void
xl_casts_free(XlCasts *c)
{
	buf_free(&c->value[0]);
	buf_free(&c->value[1]);
	buf_free(&c->scratch);
	memset(c, 0, sizeof(*c));
}

/* ---- refusals ---- */

static void
set_position(const XlCasts *c, PgError *err, size_t word)
{
	xl_set_position(&c->w, err, word);
}

/* 0A000 "<what> is not supported by the <dialect>" at word. */
static bool
PGW_PRINTF(4, 5)
refuse(const XlCasts *c, PgError *err, size_t word, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	xl_refusev(err, &c->w, word, c->dialect->name, NULL, fmt, ap);
	va_end(ap);
	return false;
}

/* An error from reading or casting a constant, placed at word unless the lexer placed it. */
static bool
value_error(const XlCasts *c, PgError *err, size_t word)
{
	static const char suffix[] = " is not supported";
	size_t		len = strlen(err->message);
	char		what[sizeof(err->message)];

	if (strcmp(err->sqlstate, ERRCODE_FEATURE_NOT_SUPPORTED) == 0 && len >= sizeof(suffix) - 1 &&
		strcmp(err->message + len - (sizeof(suffix) - 1), suffix) == 0)
	{
		memcpy(what, err->message, len - (sizeof(suffix) - 1));
		what[len - (sizeof(suffix) - 1)] = '\0';
		return refuse(c, err, word, "%s", what);
	}
	if (err->position == 0)
		set_position(c, err, word);
	return false;
}

const char *
xl_words_text(const XlWords *w, size_t from, size_t to, Buf *scratch)
{
	buf_reset(scratch);
	for (size_t k = from; k < to; k++)
	{
		if (k > from && xl_word_is_name(w, k) && xl_word_is_name(w, k - 1))
			buf_append_byte(scratch, ' ');
		buf_append(scratch, w->query + w->tok[k].start, w->tok[k].len);
		if (w->tok[k].kind == TOK_COMMA)
			buf_append_byte(scratch, ' ');
	}
	return buf_failed(scratch) || scratch->data == NULL ? "?" : scratch->data;
}

/* The type name of level as written. */
static const char *
type_text(XlCasts *c, const XlCastLevel *l)
{
	return xl_words_text(&c->w, l->type_first, l->type_end, &c->scratch);
}

static bool
refuse_type(XlCasts *c, const XlCastLevel *l, PgError *err)
{
	return refuse(c, err, l->type_first, "type %s", type_text(c, l));
}

/* ---- types ---- */

static const TypeRule *
type_rule(const CastDialect *d, uint32_t oid)
{
	for (size_t k = 0; k < d->ntypes && oid != 0; k++)
	{
		if (d->types[k].oid == oid)
			return &d->types[k];
	}
	return NULL;
}

/* The integers of a modifier list (n) or (p, s); false if it holds anything else. */
static bool
read_modifiers(const XlWords *w, size_t open, int32_t *mods, int *nmods)
{
	size_t		j = open + 1;

	*nmods = 0;
	for (;;)
	{
		bool		negative = xl_word_is_op(w, j, '-');
		long		v;

		j += negative ? 1 : 0;
		if (!xl_word_kind(w, j, TOK_INTEGER) || *nmods == 2)
			return false;
		v = Min(strtol(w->query + w->tok[j].start, NULL, 10), MAX_MODIFIER);
		mods[(*nmods)++] = (int32_t) (negative ? -v : v);
		j++;
		if (xl_word_kind(w, j, TOK_RPAREN))
			return true;
		if (!xl_word_kind(w, j, TOK_COMMA))
			return false;
		j++;
	}
}

static bool
PGW_PRINTF(2, 3)
modifier_error(PgError *err, const char *fmt,...)
{
	char		msg[256];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "%s", msg);
	return false;
}

/* Does PostgreSQL's type take modifiers that change its values? */
static bool
takes_modifiers(uint32_t oid)
{
	return oid == VARCHAROID || oid == BPCHAROID || oid == NUMERICOID || oid == TIMEOID ||
		oid == TIMESTAMPOID || oid == TIMESTAMPTZOID;
}

/* Apply modifiers mods[0..n) to t, checked as PostgreSQL's typmodin functions do. */
static bool
check_modifiers(XlType *t, const int32_t *mods, int n, PgError *err)
{
	switch (t->oid)
	{
		case VARCHAROID:
		case BPCHAROID:
			if (n != 1)
				return modifier_error(err, "invalid type modifier");
			if (mods[0] < 1 || mods[0] > MAX_VARCHAR)
				return modifier_error(err, "length for type %s %s",
									  t->oid == VARCHAROID ? "varchar" : "char",
									  mods[0] < 1 ? "must be at least 1" : "cannot exceed 10485760");
			t->length = mods[0];
			return true;
		case NUMERICOID:
			if (mods[0] < 1 || mods[0] > 1000)
				return modifier_error(err, "NUMERIC precision %d must be between 1 and 1000", mods[0]);
			if (n == 2 && (mods[1] < -1000 || mods[1] > 1000))
				return modifier_error(err, "NUMERIC scale %d must be between -1000 and 1000", mods[1]);
			t->precision = mods[0];
			t->scale = n == 2 ? mods[1] : 0;
			return true;
		case TIMEOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			if (n != 1)
				return modifier_error(err, "invalid type modifier");
			if (mods[0] < 0)
				return modifier_error(err, "%s(%d) precision must not be negative",
									  t->oid == TIMEOID ? "TIME" : "TIMESTAMP", mods[0]);
			t->precision = Min(mods[0], 6);
			return true;
		default:
			pgerr_set(err, ERRCODE_SYNTAX_ERROR, "type modifier is not allowed for type \"%s\"",
					  pgtype_by_oid(t->oid) ? pgtype_by_oid(t->oid)->name : "?");
			return false;
	}
}

bool
xl_type_modifiers(const XlWords *w, size_t open, XlType *t, PgError *err)
{
	int32_t		mods[2];
	int			n;

	if (!read_modifiers(w, open, mods, &n))
		return modifier_error(err, "invalid type modifier");
	return check_modifiers(t, mods, n, err);
}

/*
 * The modifiers of t's type, checked as PostgreSQL's typmodin functions
 * do; a type the dialect does not carry is refused later as a type.
 */
static bool
apply_modifiers(XlCasts *c, const XlTypeName *tn, const XlCastLevel *l, XlType *t,
				PgError *err)
{
	int32_t		mods[2];
	int			n;
	bool		ok;

	if (!read_modifiers(&c->w, tn->modifiers, mods, &n))
		ok = modifier_error(err, "invalid type modifier");
	else if (!takes_modifiers(t->oid) && type_rule(c->dialect, t->oid) == NULL)
		return true;			/* refused as unsupported, or a NULL of it */
	else
		ok = check_modifiers(t, mods, n, err);
	if (!ok)
		set_position(c, err, l->type_first);
	return ok;
}

/* The type level casts to: OID (0 for arrays and unknown names) and modifiers. */
static bool
resolve_type(XlCasts *c, const XlCastLevel *l, XlType *t, PgError *err)
{
	XlTypeName	tn;
	size_t		j = l->type_first;

	(void) xl_parse_type_name(&c->w, &j, &tn);
	t->oid = tn.is_array ? 0 : xl_type_name_oid(&c->w, &tn, &c->scratch);
	t->length = tn.length_one && t->oid == BPCHAROID ? 1 : -1;
	t->precision = -1;
	t->scale = 0;
	if (tn.modifiers == SIZE_MAX || tn.is_array)
		return true;
	return apply_modifiers(c, &tn, l, t, err);
}

/* ---- folding constants ---- */

/* The text of the constant v (a Buf never written to has no data yet). */
static const char *
value_text(const XlCasts *c, const Value *v)
{
	const char *data = c->value[v->buf].data;

	return data != NULL ? data : "";
}

/* The operand as a value: a constant when it is a literal, NULL, TRUE or FALSE. */
static bool
operand_value(XlCasts *c, const XlCast *cast, Value *v, PgError *err)
{
	const Token *tok = &c->w.tok[cast->operand];
	const char *text = c->w.query + tok->start;
	char		prefix = (char) (text[0] | 0x20);
	bool		ok = true;

	memset(v, 0, sizeof(*v));
	v->kind = VAL_OPERAND;
	if (cast->operand_end != cast->operand + 1)
		return true;
	buf_reset(&c->value[0]);
	v->kind = VAL_CONSTANT;
	switch (tok->kind)
	{
		case TOK_STRING:
			if (prefix == 'b' || prefix == 'x')
				return refuse(c, err, cast->operand, "a cast of a bit-string constant");
			if (prefix == 'n')
				return refuse(c, err, cast->operand, "a cast of a national character constant");
			/* FALLTHROUGH */
		case TOK_DOLLAR_STRING:
			v->type = UNKNOWNOID;
			ok = xl_string_value(c->w.query, tok, &c->value[0], err);
			break;
		case TOK_INTEGER:
			ok = xl_integer_literal(text, tok->len, &c->value[0], &v->type, err);
			break;
		case TOK_NUMERIC:
			v->type = NUMERICOID;
			ok = xl_numeric_literal(text, tok->len, &c->scratch, &c->value[0], err);
			break;
		default:
			if (xl_is_keyword(c->w.query, tok, "null"))
				v->kind = VAL_NULL;
			else if (xl_is_keyword(c->w.query, tok, "true") || xl_is_keyword(c->w.query, tok, "false"))
			{
				v->type = BOOLOID;
				buf_append_str(&c->value[0], prefix == 't' ? "true" : "false");
			}
			else
				v->kind = VAL_OPERAND;
			break;
	}
	return ok ? true : value_error(c, err, cast->operand);
}

static const char *
clock_sql(const CastDialect *d, uint32_t oid, XlClock clock)
{
	for (size_t k = 0; k < d->nclocks; k++)
	{
		if (d->clocks[k].oid == oid && d->clocks[k].clock == clock)
			return d->clocks[k].sql;
	}
	return NULL;
}

const char *
xl_clock_sql(SqlDialect dialect, uint32_t oid, XlClock clock)
{
	const CastDialect *d = cast_dialect(dialect);

	return d != NULL ? clock_sql(d, oid, clock) : NULL;
}

/* A value read from the clock: SQL the database evaluates when it runs. */
static bool
clock_value(XlCasts *c, const XlCast *cast, const XlType *t, XlClock clock, Value *v,
			PgError *err)
{
	const char *sql = clock_sql(c->dialect, t->oid, clock);
	const char *text = value_text(c, v);

	if (sql == NULL)
		return refuse(c, err, cast->operand, "%s input \"%s\"", xl_type_display_name(t->oid), text);
	if (c->stored)
		return refuse(c, err, cast->operand, "\"%s\" in a stored expression", text);
	v->kind = VAL_SQL;
	v->sql = sql;
	return true;
}

/* Apply level of the chain to the constant v: the cast PostgreSQL would do. */
static bool
fold(XlCasts *c, const XlCast *cast, int level, Value *v, PgError *err)
{
	const XlCastLevel *l = &cast->levels[level];
	int			to = 1 - v->buf;
	XlType		t;
	XlClock		clock;
	bool		ok;

	if (!resolve_type(c, l, &t, err))
		return false;
	if (v->kind == VAL_NULL)
		return true;			/* NULL is NULL whatever its type */
	if (type_rule(c->dialect, t.oid) == NULL)
		return refuse_type(c, l, err);
	buf_reset(&c->value[to]);
	if (v->type == UNKNOWNOID)
		ok = xl_value_input(&t, value_text(c, v), &c->value[to], &clock, err);
	else
		ok = xl_value_cast(v->type, &t, value_text(c, v), &c->value[to], &clock, err);
	if (!ok)
		return value_error(c, err, v->type == UNKNOWNOID ? cast->operand : l->at);
	if (clock != XL_CLOCK_NONE && !clock_value(c, cast, &t, clock, v, err))
		return false;
	v->type = t.oid;
	v->buf = to;
	return true;
}

/* ---- writing ---- */

/*
 * Do the significant digits of the decimal text fit a 64-bit integer, as
 * the digits of an IRIS number must (IRIS SQL reference, "Data Types":
 * DEC(p) means something only up to p = 19)?
 */
static bool
fits_decimal64(const char *text)
{
	const char *limit = text[0] == '-' ? "9223372036854775808" : "9223372036854775807";
	char		digits[19];
	size_t		n = 0;
	size_t		significant = 0;

	for (const char *p = text; *p != '\0'; p++)
	{
		if (*p < '0' || *p > '9' || (n == 0 && *p == '0'))
			continue;			/* sign, point, leading zeros */
		if (n < sizeof(digits))
			digits[n] = *p;
		n++;
		if (*p != '0')
			significant = n;
	}
	if (significant != sizeof(digits))
		return significant < sizeof(digits);
	return memcmp(digits, limit, sizeof(digits)) <= 0;
}

/* Can the dialect hold the constant v of type rule? 0A000 at its operand if not. */
static bool
constant_storable(XlCasts *c, const XlCast *cast, const TypeRule *rule, const Value *v,
				  PgError *err)
{
	const CastDialect *d = c->dialect;
	const char *text = value_text(c, v);
	bool		real = rule->literal == LIT_REAL || rule->literal == LIT_NUMERIC;
	const char *what = NULL;

	if (rule->literal == LIT_NONE)
		return refuse(c, err, cast->operand, "a %s constant", xl_type_display_name(v->type));
	if (real && strcmp(text, "NaN") == 0)
		what = "NaN";
	else if (real && d->infinity == NULL && strstr(text, "Infinity") != NULL)
		what = "Infinity";
	else if (d->decimal64 && (rule->literal == LIT_INTEGER || rule->literal == LIT_NUMERIC) &&
			 !fits_decimal64(text))
		what = "a number of more than 19 significant digits";
	else if (d->whole_second_times && v->type == TIMEOID && strchr(text, '.') != NULL)
		return refuse(c, err, cast->operand, "a time with a fraction of a second (\"%s\")", text);
	if (what == NULL)
		return true;
	pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s cannot be stored in %s", what, d->database);
	set_position(c, err, cast->operand);
	return false;
}

/* The literal of a constant of type rule. */
static void
append_literal(XlCasts *c, const TypeRule *rule, const char *text)
{
	bool		real = rule->literal == LIT_REAL || rule->literal == LIT_NUMERIC;

	if (real && (strcmp(text, "Infinity") == 0 || strcmp(text, "-Infinity") == 0))
	{
		buf_append_str(c->out, text[0] == '-' ? "-" : "");
		buf_append_str(c->out, c->dialect->infinity);
		return;
	}
	switch (rule->literal)
	{
		case LIT_INTEGER:
		case LIT_NUMERIC:
			buf_append_str(c->out, text);
			break;
		case LIT_REAL:
			buf_append_str(c->out, text);
			if (strpbrk(text, ".eE") == NULL)
				buf_append_str(c->out, ".0");	/* a REAL, for REAL arithmetic */
			break;
		case LIT_BOOL:
			buf_append_byte(c->out, strcmp(text, "true") == 0 ? '1' : '0');
			break;
		case LIT_STRING:
			xl_append_literal(c->out, text);
			break;
		case LIT_BLOB:
			buf_appendf(c->out, "X'%s'", text + 2);		/* past "\x" */
			break;
		case LIT_NONE:
			break;
	}
}

/* A constant of type as the dialect writes it. */
static bool
write_constant(XlCasts *c, const XlCast *cast, const Value *v, PgError *err)
{
	const TypeRule *rule = type_rule(c->dialect, v->type);

	if (!constant_storable(c, cast, rule, v, err))
		return false;
	if (rule->literal_type != NULL)
		buf_append_str(c->out, "CAST(");
	append_literal(c, rule, value_text(c, v));
	if (rule->literal_type != NULL)
		buf_appendf(c->out, " AS %s)", rule->literal_type);
	return true;
}

/* The rule of each cast still to apply to a value that is not a constant. */
static bool
plan_steps(XlCasts *c, const XlCast *cast, int level, ExprStep *steps, PgError *err)
{
	for (int k = level; k < cast->nlevels; k++)
	{
		const XlCastLevel *l = &cast->levels[k];
		XlType		t;

		if (!resolve_type(c, l, &t, err))
			return false;
		if ((steps[k].rule = type_rule(c->dialect, t.oid)) == NULL)
			return refuse_type(c, l, err);
		if (steps[k].rule->expr == EXPR_NONE ||
			(t.precision >= 0 && (t.oid == NUMERICOID || t.precision < 6)))
			return refuse(c, err, l->type_first, "a cast of an expression to %s", type_text(c, l));
		steps[k].length = t.oid == CHAROID ? 1 : t.length;
	}
	return true;
}

static void
write_prefix(Buf *out, const ExprStep *s)
{
	switch (s->rule->expr)
	{
		case EXPR_TEXT:
			if (s->length > 0)
				buf_append_str(out, "substr(");
			/* FALLTHROUGH */
		case EXPR_CAST:
		case EXPR_SIZED:
			buf_append_str(out, "CAST(");
			break;
		case EXPR_FUNCTION:
			buf_appendf(out, "%s(", s->rule->sql);
			break;
		case EXPR_KEEP:
		case EXPR_NONE:
			break;
	}
}

static void
write_suffix(Buf *out, const ExprStep *s)
{
	switch (s->rule->expr)
	{
		case EXPR_CAST:
		case EXPR_TEXT:
			buf_appendf(out, " AS %s)", s->rule->sql);
			if (s->rule->expr == EXPR_TEXT && s->length > 0)
				buf_appendf(out, ", 1, %d)", (int) s->length);
			break;
		case EXPR_SIZED:
			buf_appendf(out, " AS %s(%d))", s->rule->sql,
						(int) (s->length > 0 ? Min(s->length, s->rule->length) : s->rule->length));
			break;
		case EXPR_FUNCTION:
			buf_append_byte(out, ')');
			break;
		case EXPR_KEEP:
		case EXPR_NONE:
			break;
	}
}

/* Casts level.. applied to v, the operand or clock SQL, by the dialect's conversions. */
static bool
write_expression(XlCasts *c, const XlCast *cast, int level, const Value *v, PgError *err)
{
	ExprStep	steps[XL_MAX_CHAIN];
	bool		parens;
	bool		ok = true;

	if (!plan_steps(c, cast, level, steps, err))
		return false;
	parens = v->kind == VAL_OPERAND && !cast->operand_primary &&
		steps[level].rule->expr == EXPR_KEEP;
	for (int k = cast->nlevels - 1; k >= level; k--)
		write_prefix(c->out, &steps[k]);
	if (parens)
		buf_append_byte(c->out, '(');
	if (v->kind == VAL_SQL)
		buf_append_str(c->out, v->sql);
	else
		ok = c->write_words(c->rewriter, cast->operand, cast->operand_end, err);
	if (parens)
		buf_append_byte(c->out, ')');
	for (int k = level; k < cast->nlevels; k++)
		write_suffix(c->out, &steps[k]);
	return ok;
}

/* Fold what can be folded, then write the rest. */
static bool
write_cast(XlCasts *c, const XlCast *cast, PgError *err)
{
	Value		v;
	int			level = 0;

	if (!operand_value(c, cast, &v, err))
		return false;
	while (level < cast->nlevels && (v.kind == VAL_CONSTANT || v.kind == VAL_NULL))
	{
		if (!fold(c, cast, level++, &v, err))
			return false;
	}
	if (level < cast->nlevels)
		return write_expression(c, cast, level, &v, err);
	if (v.kind == VAL_NULL)
	{
		buf_append_str(c->out, "NULL");
		return true;
	}
	if (v.kind == VAL_SQL)
	{
		buf_append_str(c->out, v.sql);
		return true;
	}
	return write_constant(c, cast, &v, err);
}

bool
xl_cast_write(XlCasts *c, const XlCast *cast, PgError *err)
{
	bool		ok;

	if (cast->operand == cast->operand_end)
	{
		if (xl_word_kind(&c->w, cast->first, TOK_TYPECAST))
			return refuse(c, err, cast->first, "a :: cast of this expression");
		return refuse(c, err, cast->first, "this form of CAST");
	}
	if (cast->too_long)
		return refuse(c, err, cast->first, "a chain of more than %d casts", XL_MAX_CHAIN);
	if (c->depth >= MAX_DEPTH)
		return refuse(c, err, cast->first, "casts nested more than %d deep", MAX_DEPTH);
	c->depth++;
	ok = write_cast(c, cast, err);
	c->depth--;
	return ok;
}

/* ---- the rule, as the rewriter runs it ---- */

/*
 * Can the statement hold a cast at all: a '::', CAST, or a string right
 * after a name or a ')' (DATE '...', TIMESTAMP(3) '...')? Most do not.
 */
static bool
may_cast(const XlWords *w)
{
	for (size_t i = 0; i < w->n; i++)
	{
		TokenKind	k = w->tok[i].kind;

		if (k == TOK_TYPECAST || xl_word_is(w, i, "cast"))
			return true;
		if ((k == TOK_STRING || k == TOK_DOLLAR_STRING) && i > 0 &&
			(w->tok[i - 1].kind == TOK_IDENT || w->tok[i - 1].kind == TOK_QIDENT ||
			 w->tok[i - 1].kind == TOK_RPAREN))
			return true;
	}
	return false;
}

static bool
cast_rule_begin(const XlRuleEnv *env, void **state)
{
	XlCasts    *c;

	if (!may_cast(&env->w) || (c = xl_rule_state_alloc(env, sizeof(XlCasts), 0)) == NULL)
		return false;
	if (!xl_casts_init(c, env, env->ctx->dialect, env->stored))
		return false;
	*state = c;
	return true;
}

/*
 * Does the type name at word i name pgvector's vector (in any schema, or
 * an array of it)? *end is set past it.
 */
static bool
names_vector(XlCasts *c, size_t i, size_t *end)
{
	XlTypeName	t;
	PgError		err;

	*end = i;
	if (!xl_parse_type_name(&c->w, end, &t) || t.word != NULL)
		return false;
	buf_reset(&c->scratch);
	return xl_ident_value(c->w.query, t.tok, &c->scratch, &err) && !buf_failed(&c->scratch) &&
		strcmp(c->scratch.data, "vector") == 0;
}

/*
 * Is one of the casts of the chain a cast to vector, or the lone '::'
 * found one? The type name after a lone '::' is then no operand either.
 */
static bool
casts_to_vector(XlCasts *c, const XlCast *cast)
{
	size_t		end;

	if (cast->nlevels == 0)
	{
		if (!xl_word_kind(&c->w, cast->first, TOK_TYPECAST) ||
			!names_vector(c, cast->first + 1, &end))
			return false;
		c->vector_type = cast->first + 1;
		c->vector_type_end = end;
		return true;
	}
	for (int k = 0; k < cast->nlevels; k++)
	{
		if (names_vector(c, cast->levels[k].type_first, &end))
			return true;
	}
	return false;
}

static XlRuleResult
cast_rule_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	XlCasts    *c = state;
	XlCast		cast;

	if (i >= c->vector_type && i < c->vector_type_end)
		return XL_RULE_NONE;	/* "vector(3)" after a '::' */
	if (!xl_cast_find(c, i, to, &cast) || casts_to_vector(c, &cast))
		return XL_RULE_NONE;	/* vectors are the vector rule's */
	if (!xl_cast_write(c, &cast, err))
		return XL_RULE_FAILED;
	*end = cast.end;
	return XL_RULE_WRITTEN;
}

static void
cast_rule_end(void *state)
{
	xl_casts_free(state);
}

const XlRule xl_cast_rule = {"casts", cast_rule_begin, cast_rule_apply, cast_rule_end};
