/*
 * cast.c
 *		The cast rule: PostgreSQL's casts (x::type, CAST(x AS type) and
 *		type 'literal') carried to dialects that do not read them.
 *
 * Owns: the one decision of what each cast becomes in the dialect, and
 * writing it: a literal folded at translation time when the operand is a
 * constant, the dialect's conversion around the operand otherwise, or a
 * 0A000 refusal naming the construct. Each dialect is a table of rules; one
 * without a table keeps casts as written. Casts are found in cast_find.c,
 * constants read in cast_value.c, cast_number.c and cast_datetime.c;
 * rewrite.c calls in for every word and writes operands through its own
 * rules.
 */
#include "translate/xl_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH		64		/* casts written inside casts' operands */
#define MAX_VARCHAR		10485760

/* How a dialect writes a cast of an operand that is not a constant. */
typedef enum ExprForm
{
	EXPR_CAST,					/* CAST(x AS sql) */
	EXPR_TEXT,					/* CAST(x AS sql), in substr(..., 1, n) for a length */
	EXPR_FUNCTION,				/* sql(x) */
	EXPR_KEEP					/* x: the database holds the value as it is */
} ExprForm;

/* How a dialect writes a constant of the type. */
typedef enum LiteralForm
{
	LIT_INTEGER,				/* 42 */
	LIT_REAL,					/* 1.5, 2.0, infinities */
	LIT_NUMERIC,				/* 1.50 */
	LIT_BOOL,					/* 1, 0 */
	LIT_STRING,					/* '...' */
	LIT_BLOB					/* X'0102' */
} LiteralForm;

typedef struct TypeRule
{
	uint32_t	oid;
	ExprForm	expr;
	const char *sql;
	LiteralForm literal;
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
	const char *infinity;		/* a literal that reads as +Infinity */
	const TypeRule *types;		/* the types it carries; others are refused */
	size_t		ntypes;
	const ClockRule *clocks;
	size_t		nclocks;
} CastDialect;

static const TypeRule sqlite_types[] = {
	{INT2OID, EXPR_CAST, "INTEGER", LIT_INTEGER},
	{INT4OID, EXPR_CAST, "INTEGER", LIT_INTEGER},
	{INT8OID, EXPR_CAST, "INTEGER", LIT_INTEGER},
	{FLOAT4OID, EXPR_CAST, "REAL", LIT_REAL},
	{FLOAT8OID, EXPR_CAST, "REAL", LIT_REAL},
	{NUMERICOID, EXPR_CAST, "NUMERIC", LIT_NUMERIC},
	{TEXTOID, EXPR_TEXT, "TEXT", LIT_STRING},
	{VARCHAROID, EXPR_TEXT, "TEXT", LIT_STRING},
	{BPCHAROID, EXPR_TEXT, "TEXT", LIT_STRING},
	{NAMEOID, EXPR_TEXT, "TEXT", LIT_STRING},
	{CHAROID, EXPR_TEXT, "TEXT", LIT_STRING},
	{BYTEAOID, EXPR_CAST, "BLOB", LIT_BLOB},
	{BOOLOID, EXPR_KEEP, NULL, LIT_BOOL},
	{JSONOID, EXPR_KEEP, NULL, LIT_STRING},
	{JSONBOID, EXPR_KEEP, NULL, LIT_STRING},
	{UUIDOID, EXPR_KEEP, NULL, LIT_STRING},
	{TIMESTAMPOID, EXPR_KEEP, NULL, LIT_STRING},
	{TIMESTAMPTZOID, EXPR_KEEP, NULL, LIT_STRING},
	{DATEOID, EXPR_FUNCTION, "date", LIT_STRING},
	{TIMEOID, EXPR_FUNCTION, "time", LIT_STRING},
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

static const CastDialect cast_dialects[] = {
	{DIALECT_SQLITE, "the sqlite dialect", "SQLite", "9e999",
	sqlite_types, lengthof(sqlite_types), sqlite_clocks, lengthof(sqlite_clocks)},
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

bool
xl_casts_init(XlCasts *c, SqlDialect dialect, const XlWords *w, bool stored, Buf *out,
			  XlWriteWords write_words, void *rewriter)
{
	memset(c, 0, sizeof(*c));
	for (size_t k = 0; k < lengthof(cast_dialects); k++)
	{
		if (cast_dialects[k].dialect == dialect)
			c->dialect = &cast_dialects[k];
	}
	if (c->dialect == NULL || w->n == 0)
		return false;
	if ((c->match = malloc(2 * w->n * sizeof(uint32_t))) == NULL)
	{
		out->failed = true;
		c->dialect = NULL;
		return false;
	}
	c->w = *w;
	c->out = out;
	c->write_words = write_words;
	c->rewriter = rewriter;
	c->stored = stored;
	buf_init(&c->value[0]);
	buf_init(&c->value[1]);
	buf_init(&c->scratch);
	xl_cast_match_groups(&c->w, c->match);
	return true;
}

void
xl_casts_free(XlCasts *c)
{
	free(c->match);
	buf_free(&c->value[0]);
	buf_free(&c->value[1]);
	buf_free(&c->scratch);
	memset(c, 0, sizeof(*c));
}

/* ---- refusals ---- */

static void
set_position(const XlCasts *c, PgError *err, size_t word)
{
	err->position = xl_char_position(c->w.query, c->w.tok[word].start);
}

/* 0A000 "<what> is not supported by the <dialect>" at word. */
static bool
PGW_PRINTF(4, 5)
refuse(const XlCasts *c, PgError *err, size_t word, const char *fmt,...)
{
	char		what[512];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported by %s", what,
			  c->dialect->name);
	set_position(c, err, word);
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

/* The type name of level as written, words joined by single spaces. */
static const char *
type_text(XlCasts *c, const XlCastLevel *l)
{
	const XlWords *w = &c->w;

	buf_reset(&c->scratch);
	for (size_t k = l->type_first; k < l->type_end; k++)
	{
		if (k > l->type_first && xl_word_is_name(w, k) && xl_word_is_name(w, k - 1))
			buf_append_byte(&c->scratch, ' ');
		buf_append(&c->scratch, w->query + w->tok[k].start, w->tok[k].len);
		if (w->tok[k].kind == TOK_COMMA)
			buf_append_byte(&c->scratch, ' ');
	}
	return buf_failed(&c->scratch) ? "?" : c->scratch.data;
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
		v = strtol(w->query + w->tok[j].start, NULL, 10);
		mods[(*nmods)++] = (int32_t) (negative ? -Min(v, 100000) : Min(v, 100000));
		j++;
		if (xl_word_kind(w, j, TOK_RPAREN))
			return true;
		if (!xl_word_kind(w, j, TOK_COMMA))
			return false;
		j++;
	}
}

static bool
PGW_PRINTF(4, 5)
modifier_error(const XlCasts *c, PgError *err, size_t word, const char *fmt,...)
{
	char		msg[256];
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "%s", msg);
	set_position(c, err, word);
	return false;
}

/* The modifiers of t's type, checked as PostgreSQL's typmodin functions do. */
static bool
apply_modifiers(XlCasts *c, const XlTypeName *tn, const XlCastLevel *l, XlType *t,
				PgError *err)
{
	int32_t		mods[2];
	int			n;

	if (!read_modifiers(&c->w, tn->modifiers, mods, &n))
		return modifier_error(c, err, l->type_first, "invalid type modifier");
	switch (t->oid)
	{
		case VARCHAROID:
		case BPCHAROID:
			if (n != 1)
				return modifier_error(c, err, l->type_first, "invalid type modifier");
			if (mods[0] < 1 || mods[0] > MAX_VARCHAR)
				return modifier_error(c, err, l->type_first, "length for type %s %s",
									  t->oid == VARCHAROID ? "varchar" : "char",
									  mods[0] < 1 ? "must be at least 1" : "cannot exceed 10485760");
			t->length = mods[0];
			return true;
		case NUMERICOID:
			if (mods[0] < 1 || mods[0] > 1000)
				return modifier_error(c, err, l->type_first,
									  "NUMERIC precision %d must be between 1 and 1000", mods[0]);
			if (n == 2 && (mods[1] < -1000 || mods[1] > 1000))
				return modifier_error(c, err, l->type_first,
									  "NUMERIC scale %d must be between -1000 and 1000", mods[1]);
			t->precision = mods[0];
			t->scale = n == 2 ? mods[1] : 0;
			return true;
		case TIMEOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
			if (n != 1)
				return modifier_error(c, err, l->type_first, "invalid type modifier");
			if (mods[0] < 0)
				return modifier_error(c, err, l->type_first, "%s(%d) precision must not be negative",
									  t->oid == TIMEOID ? "TIME" : "TIMESTAMP", mods[0]);
			t->precision = Min(mods[0], 6);
			return true;
		default:
			if (type_rule(c->dialect, t->oid) == NULL)
				return true;	/* refused as unsupported, or a NULL of it */
			pgerr_set(err, ERRCODE_SYNTAX_ERROR, "type modifier is not allowed for type \"%s\"",
					  pgtype_by_oid(t->oid) ? pgtype_by_oid(t->oid)->name : "?");
			set_position(c, err, l->type_first);
			return false;
	}
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

static bool
is_word_byte(char ch)
{
	unsigned char u = (unsigned char) ch;

	return u >= 0x80 || u == '_' || u == '$' || (u >= '0' && u <= '9') ||
		((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
}

/* Would a and b, written one after the other, read as one token (or begin a comment)? */
static bool
would_join(char a, char b)
{
	return (is_word_byte(a) && is_word_byte(b)) || (a == '-' && b == '-') ||
		(a == '/' && b == '*') || (a == '\'' && b == '\'');
}

/*
 * Keep what the cast wrote, out[start..), apart from the text around it:
 * the text before it, and the source from byte next on (SIZE_MAX: none).
 */
static void
separate(XlCasts *c, size_t start, size_t next)
{
	Buf		   *out = c->out;

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
	if (next != SIZE_MAX && would_join(out->data[out->len - 1], c->w.query[next]))
		buf_append_byte(out, ' ');
}

/* A constant of type as the dialect writes it. */
static bool
write_constant(XlCasts *c, const XlCast *cast, const Value *v, PgError *err)
{
	const TypeRule *rule = type_rule(c->dialect, v->type);
	const char *text = value_text(c, v);
	bool		real = rule->literal == LIT_REAL || rule->literal == LIT_NUMERIC;

	if (real && strcmp(text, "NaN") == 0)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "NaN cannot be stored in %s",
				  c->dialect->database);
		set_position(c, err, cast->operand);
		return false;
	}
	if (real && (strcmp(text, "Infinity") == 0 || strcmp(text, "-Infinity") == 0))
	{
		buf_append_str(c->out, text[0] == '-' ? "-" : "");
		buf_append_str(c->out, c->dialect->infinity);
		return true;
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
	}
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
		if (t.precision >= 0 && (t.oid == NUMERICOID || t.precision < 6))
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
			buf_append_str(out, "CAST(");
			break;
		case EXPR_FUNCTION:
			buf_appendf(out, "%s(", s->rule->sql);
			break;
		case EXPR_KEEP:
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
		case EXPR_FUNCTION:
			buf_append_byte(out, ')');
			break;
		case EXPR_KEEP:
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
	size_t		start = c->out->len;
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
	if (ok)
		separate(c, start, cast->end < c->w.n ? xl_token_end(&c->w.tok[cast->end - 1]) : SIZE_MAX);
	return ok;
}

/* ---- the rule, as the rewriter runs it ---- */

static bool
cast_rule_begin(const XlRuleEnv *env, void **state)
{
	XlCasts    *c = malloc(sizeof(XlCasts));

	if (c == NULL)
	{
		env->out->failed = true;
		return false;
	}
	if (!xl_casts_init(c, env->ctx->dialect, &env->w, env->stored, env->out,
					   env->write_words, env->rewriter))
	{
		free(c);
		return false;
	}
	*state = c;
	return true;
}

static XlRuleResult
cast_rule_apply(void *state, size_t i, size_t to, size_t *end, PgError *err)
{
	XlCasts    *c = state;
	XlCast		cast;

	if (!xl_cast_find(c, i, to, &cast))
		return XL_RULE_NONE;
	if (!xl_cast_write(c, &cast, err))
		return XL_RULE_FAILED;
	*end = cast.end;
	return XL_RULE_WRITTEN;
}

static void
cast_rule_end(void *state)
{
	xl_casts_free(state);
	free(state);
}

const XlRule xl_cast_rule = {"casts", cast_rule_begin, cast_rule_apply, cast_rule_end};
