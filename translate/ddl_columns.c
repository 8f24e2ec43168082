/*
 * ddl_columns.c
 *		One column definition of CREATE TABLE or ALTER TABLE ... ADD COLUMN
 *		in the dialect's terms: reading it (type, constraints, default,
 *		identity, references, collation), its type (IRIS's types, SQLite's
 *		as written), its default (clock, uuid), and what the dialect cannot
 *		hold (refused with 0A000 at the construct).
 */
#include "translate/ddl_internal.h"

#include "common/types.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Words that begin a column constraint, ending the expression before them. */
static const char *const constraint_words[] = {
	"constraint", "not", "null", "default", "primary", "unique", "references", "check",
	"generated", "collate", "deferrable", "initially", NULL
};

/* ---- reading a column definition ---- */

/* Past the expression of DEFAULT beginning at word j: up to the next constraint. */
static size_t
expression_end(const XlWords *w, size_t j, size_t to)
{
	int			cases = 0;

	do
	{
		if (xl_word_is(w, j, "case"))
			cases++;
		else if (cases > 0 && xl_word_is(w, j, "end"))
			cases--;
		j = ddl_word_after(w, j);
	} while (j < to && (cases > 0 || !xl_word_in(w, j, constraint_words)));
	return Min(j, to);
}

/* Past a referential action (ON DELETE ...) beginning at word j. */
static size_t
action_end(const XlWords *w, size_t j)
{
	if (xl_word_is(w, j, "no") && xl_word_is(w, j + 1, "action"))
		return j + 2;
	if (xl_word_is(w, j, "set") && (xl_word_is(w, j + 1, "null") || xl_word_is(w, j + 1, "default")))
		return xl_word_kind(w, j + 2, TOK_LPAREN) ? ddl_word_after(w, j + 2) : j + 2;
	if (xl_word_is(w, j, "cascade") || xl_word_is(w, j, "restrict"))
		return j + 1;
	return j;
}

/* Past REFERENCES t [(c)] [MATCH x] [ON DELETE a] [ON UPDATE a] at word j. */
static size_t
references_end(const XlWords *w, size_t j, size_t to)
{
	j = xl_qualified_name_end(w, j + 1);
	if (xl_word_kind(w, j, TOK_LPAREN))
		j = ddl_word_after(w, j);
	for (;;)
	{
		if (xl_word_is(w, j, "match"))
			j += 2;
		else if (xl_word_is(w, j, "on") &&
				 (xl_word_is(w, j + 1, "delete") || xl_word_is(w, j + 1, "update")))
			j = action_end(w, j + 2);
		else
			return Min(j, to);
	}
}

/* GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(...)] or GENERATED ALWAYS AS (...) STORED at j. */
static size_t
read_generated(const XlWords *w, Column *c, size_t j)
{
	size_t		k;
	bool		by_default = false;

	if (xl_word_is(w, j + 1, "always"))
		k = j + 2;
	else if (xl_word_is(w, j + 1, "by") && xl_word_is(w, j + 2, "default"))
	{
		k = j + 3;
		by_default = true;
	}
	else
		return j + 1;
	if (!xl_word_is(w, k, "as"))
		return j + 1;
	k++;
	if (xl_word_is(w, k, "identity"))
	{
		k++;
		c->identity = j;
		c->by_default = by_default;
		c->identity_options = xl_word_kind(w, k, TOK_LPAREN);
		c->identity_end = c->identity_options ? ddl_word_after(w, k) : k;
		return c->identity_end;
	}
	if (!xl_word_kind(w, k, TOK_LPAREN))
		return j + 1;
	c->generated = j;
	k = ddl_word_after(w, k);
	return xl_word_is(w, k, "stored") ? k + 1 : k;
}

/* The constraints of c, words [j, to). */
static void
read_constraints(const XlWords *w, Column *c, size_t j, size_t to)
{
	size_t		name = SIZE_MAX;	/* CONSTRAINT name of the constraint at j */

	while (j < to)
	{
		size_t		start = name != SIZE_MAX ? name : j;

		name = SIZE_MAX;
		if (xl_word_is(w, j, "constraint"))
		{
			name = j;
			j += 2;
		}
		else if (xl_word_is(w, j, "primary") && xl_word_is(w, j + 1, "key"))
		{
			c->primary_key = j;
			j += 2;
		}
		else if (xl_word_is(w, j, "default") && j + 1 < to)
		{
			c->default_from = j + 1;
			c->default_to = j = expression_end(w, j + 1, to);
		}
		else if (xl_word_is(w, j, "references"))
		{
			c->references = start;
			c->references_kw = j;
			c->references_end = j = references_end(w, j, to);
		}
		else if (xl_word_is(w, j, "check"))
		{
			c->check = j;
			j = ddl_word_after(w, j + 1);
		}
		else if (xl_word_is(w, j, "generated"))
			j = read_generated(w, c, j);
		else if (xl_word_is(w, j, "collate") && j + 1 < to)
		{
			c->collate = j;
			j += 2;
		}
		else
			j = ddl_word_after(w, j);
	}
}

/* serial, serial4: INT4OID; bigserial, serial8: INT8OID; smallserial, serial2: INT2OID; else 0. */
static uint32_t
serial_type(Ddl *d, const XlTypeName *tn, size_t type)
{
	static const struct
	{
		const char *name;
		uint32_t	oid;
	}			serials[] = {
		{"serial", INT4OID}, {"serial4", INT4OID}, {"bigserial", INT8OID},
		{"serial8", INT8OID}, {"smallserial", INT2OID}, {"serial2", INT2OID},
	};

	if (tn->word != NULL || tn->foreign_schema || tn->is_array || tn->modifiers != SIZE_MAX ||
		xl_word_kind(d->w, type + 1, TOK_DOT))
		return 0;
	for (size_t k = 0; k < lengthof(serials); k++)
	{
		if (ddl_word_names(d, (size_t) (tn->tok - d->w->tok), serials[k].name))
			return serials[k].oid;
	}
	return 0;
}

/* Is c's type pgvector's vector? */
static bool
is_vector(Ddl *d, const Column *c)
{
	return c->tn.word == NULL && ddl_word_names(d, (size_t) (c->tn.tok - d->w->tok), "vector");
}

/* Read the column definition in words [from, to); false if it is none. */
static bool
read_column(Ddl *d, size_t from, size_t to, Column *c)
{
	const XlWords *w = d->w;
	size_t		j = from + 1;

	memset(c, 0, sizeof(*c));
	c->primary_key = c->identity = c->default_from = c->references = SIZE_MAX;
	c->check = c->generated = c->collate = SIZE_MAX;
	c->name = from;
	c->type = j;
	if (!xl_word_is_name(w, from) || !xl_word_is_name(w, j) ||
		xl_word_in(w, j, constraint_words) || !xl_parse_type_name(w, &j, &c->tn) || j > to)
		return false;
	c->type_end = j;
	c->oid = c->tn.is_array ? 0 : xl_type_name_oid(w, &c->tn, &d->scratch);
	c->serial = serial_type(d, &c->tn, c->type);
	read_constraints(w, c, j, to);
	return true;
}

/* ---- types ---- */

/* c's modifiers, checked as PostgreSQL checks them; false (and the error kept) if bad. */
static bool
column_modifiers(Ddl *d, const Column *c, XlType *t)
{
	PgError		err;

	t->oid = c->oid;
	t->length = c->tn.length_one ? 1 : -1;
	t->precision = -1;
	t->scale = 0;
	if (c->tn.modifiers == SIZE_MAX || c->oid == 0)
		return true;			/* a type pgwire does not know is the database's business */
	pgerr_clear(&err);
	if (xl_type_modifiers(d->w, c->tn.modifiers, t, &err))
		return true;
	ddl_fail_at(d, c->type, &err);
	return false;
}

/* VARCHAR(n) for IRIS: at most IRIS's longest string, which is what no length means. */
static void
append_iris_varchar(Buf *out, const char *type, int32_t length)
{
	buf_appendf(out, "%s(%d)", type,
				(int) (length > 0 ? Min(length, XL_IRIS_MAX_STRING) : XL_IRIS_MAX_STRING));
}

/* NUMERIC(p, s): IRIS numbers hold 19 digits; NUMERIC alone has scale 0. */
static bool
append_iris_numeric(Ddl *d, const Column *c, const XlType *t, Buf *out)
{
	if (t->precision < 0)
	{
		ddl_refuse(d, c->type, "column type %s without a precision and scale", ddl_type_text(d, c));
		return false;
	}
	if (t->precision > IRIS_MAX_DIGITS || t->scale < 0 || t->scale > t->precision)
	{
		ddl_refuse(d, c->type, "column type %s", ddl_type_text(d, c));
		return false;
	}
	buf_appendf(out, "NUMERIC(%d,%d)", (int) t->precision, (int) t->scale);
	return true;
}

/*
 * The n of a vector(n) column, checked as pgvector's typmod (-1: plain
 * vector); false (refused or failed) for what is no vector column type.
 */
static bool
vector_dimensions(Ddl *d, const Column *c, int *dims)
{
	const XlWords *w = d->w;
	size_t		open = c->tn.modifiers;
	uint64_t	dimensions;
	PgError		err;

	*dims = -1;
	if (open == SIZE_MAX && !c->tn.is_array)
		return true;
	if (c->tn.is_array || !xl_word_kind(w, open + 1, TOK_INTEGER) || !xl_word_kind(w, open + 2, TOK_RPAREN))
	{
		ddl_refuse(d, c->type, "column type %s", ddl_type_text(d, c));
		return false;
	}
	if (!xl_integer_literal_value(w->query + w->tok[open + 1].start, w->tok[open + 1].len,
								  &dimensions))
		dimensions = UINT64_MAX;
	if (dimensions < 1 || dimensions > VECTOR_MAX_DIM)
	{
		/* pgvector's typmod check */
		pgerr_set(&err, ERRCODE_INVALID_PARAMETER_VALUE, "dimensions for type vector %s",
				  dimensions < 1 ? "must be at least 1" : "cannot exceed 16000");
		ddl_fail_at(d, c->type, &err);
		return false;
	}
	*dims = (int) dimensions;
	return true;
}

/* IRIS's VECTOR(DOUBLE, n) for vector(n) (iris-dialect.md, "Vectors"); plain vector it cannot hold. */
static bool
append_iris_vector(Ddl *d, const Column *c, Buf *out)
{
	int			dims;

	if (!vector_dimensions(d, c, &dims))
		return false;
	if (dims < 0)
	{
		ddl_refuse(d, c->type, "column type %s", ddl_type_text(d, c));
		return false;
	}
	buf_appendf(out, "VECTOR(%s, %d)", d->env->ctx->iris_vector_float ? "FLOAT" : "DOUBLE", dims);
	return true;
}

/* The IRIS type of c, appended to out (CREATE TABLE's data types: IRIS SQL reference, "Data Types"). */
static bool
append_iris_type(Ddl *d, const Column *c, Buf *out)
{
	XlType		t;

	if (c->serial != 0)
		t.oid = c->serial;
	else if (is_vector(d, c))
		return append_iris_vector(d, c, out);
	else if (!column_modifiers(d, c, &t))
		return false;
	switch (t.oid)
	{
		case INT2OID:
			buf_append_str(out, "SMALLINT");
			return true;
		case INT4OID:
			buf_append_str(out, "INTEGER");
			return true;
		case INT8OID:
			buf_append_str(out, "BIGINT");
			return true;
		case FLOAT4OID:
		case FLOAT8OID:
			buf_append_str(out, "DOUBLE");
			return true;
		case NUMERICOID:
			return append_iris_numeric(d, c, &t, out);
		case BOOLOID:
			buf_append_str(out, "BIT");
			return true;
		case TEXTOID:
		case VARCHAROID:
		case JSONOID:
		case JSONBOID:
			append_iris_varchar(out, "VARCHAR", t.length);
			return true;
		case BPCHAROID:
			append_iris_varchar(out, t.length > 0 ? "CHAR" : "VARCHAR", t.length);
			return true;
		case CHAROID:
			buf_append_str(out, "CHAR(1)");
			return true;
		case NAMEOID:
			buf_append_str(out, "VARCHAR(63)");
			return true;
		case UUIDOID:
			buf_append_str(out, "VARCHAR(36)");
			return true;
		case BYTEAOID:
			append_iris_varchar(out, "VARBINARY", -1);
			return true;
		case DATEOID:
			buf_append_str(out, "DATE");
			return true;
		case TIMEOID:
			buf_appendf(out, "TIME(%d)", (int) (t.precision >= 0 ? t.precision : 6));
			return true;
		case TIMESTAMPOID:
			if (t.precision >= 0 && t.precision < 6)
				break;			/* PostgreSQL rounds to it; IRIS would not */
			buf_append_str(out, "TIMESTAMP");
			return true;
		default:
			break;
	}
	ddl_refuse(d, c->type, "column type %s", ddl_type_text(d, c));
	return false;
}

/* ---- defaults ---- */

typedef enum ClockKind
{
	CLOCK_NONE,
	CLOCK_TIMESTAMP,			/* now(), CURRENT_TIMESTAMP, LOCALTIMESTAMP, ... */
	CLOCK_DATE,					/* CURRENT_DATE */
	CLOCK_TIME					/* CURRENT_TIME, LOCALTIME */
} ClockKind;

/* Is words [from, to) a call name() of one of names, optionally pg_catalog-qualified? */
static bool
is_call(const XlWords *w, size_t from, size_t to, const char *const *names)
{
	if (xl_word_is(w, from, "pg_catalog") && xl_word_kind(w, from + 1, TOK_DOT))
		from += 2;
	return to == from + 3 && xl_word_in(w, from, names) && xl_word_kind(w, from + 1, TOK_LPAREN) &&
		xl_word_kind(w, from + 2, TOK_RPAREN);
}

/* Is words [from, to) the keyword kw, with a precision (kw(3)) if precision? */
static bool
is_value_function(const XlWords *w, size_t from, size_t to, const char *kw, bool precision)
{
	if (!xl_word_is(w, from, kw))
		return false;
	return to == from + 1 || (precision && to == from + 4 && xl_word_kind(w, from + 1, TOK_LPAREN) &&
							  xl_word_kind(w, from + 2, TOK_INTEGER) &&
							  xl_word_kind(w, from + 3, TOK_RPAREN));
}

/* What of the clock words [from, to) read, if they are only that. */
static ClockKind
clock_kind(const XlWords *w, size_t from, size_t to)
{
	static const char *const now_calls[] = {
		"now", "transaction_timestamp", "statement_timestamp", "clock_timestamp", NULL
	};

	if (is_call(w, from, to, now_calls) || is_value_function(w, from, to, "current_timestamp", true) ||
		is_value_function(w, from, to, "localtimestamp", true))
		return CLOCK_TIMESTAMP;
	if (is_value_function(w, from, to, "current_date", false))
		return CLOCK_DATE;
	if (is_value_function(w, from, to, "current_time", true) ||
		is_value_function(w, from, to, "localtime", true))
		return CLOCK_TIME;
	return CLOCK_NONE;
}

/* DEFAULT now() and the like: the dialect's reading of the clock for c's type. */
static void
plan_clock_default(Ddl *d, const Column *c, ClockKind kind, size_t from, size_t to)
{
	uint32_t	oid = c->oid;
	XlClock		clock = (kind == CLOCK_DATE && oid != DATEOID) ? XL_CLOCK_TODAY : XL_CLOCK_NOW;
	const char *sql = NULL;
	char		text[128];

	if ((oid == DATEOID || oid == TIMESTAMPOID || oid == TIMESTAMPTZOID || oid == TIMEOID) &&
		(kind == CLOCK_TIME) == (oid == TIMEOID) && !(kind == CLOCK_DATE && oid == TIMEOID))
		sql = xl_clock_sql(d->dialect, oid, clock);
	if (sql == NULL)
		ddl_refuse(d, c->default_from, "DEFAULT %s for a column of type %s",
			   xl_words_text(d->w, from, to, &d->scratch2), ddl_type_text(d, c));
	else if (d->alter && d->dialect == DIALECT_SQLITE)
		ddl_refuse(d, c->default_from, "a DEFAULT that reads the clock in ALTER TABLE ... ADD COLUMN");
	else
	{
		/* SQLite: an expression other than a literal or CURRENT_* needs parentheses */
		bool		parens = d->dialect == DIALECT_SQLITE && sql[0] != '(' && strchr(sql, '(') != NULL;

		snprintf(text, sizeof(text), parens ? "(%s)" : "%s", sql);
		ddl_replace_words(d, c->default_from, c->default_to, text);
	}
}

/* DEFAULT gen_random_uuid(): SQLite computes a version 4 uuid; IRIS has no function for one. */
static void
plan_uuid_default(Ddl *d, const Column *c)
{
	if (d->dialect == DIALECT_IRIS)
		ddl_refuse(d, c->default_from, "DEFAULT %s",
			   xl_words_text(d->w, c->default_from, c->default_to, &d->scratch));
	else if (d->alter)
		ddl_refuse(d, c->default_from, "a random DEFAULT in ALTER TABLE ... ADD COLUMN");
	else
		ddl_replace_words(d, c->default_from, c->default_to, SQLITE_RANDOM_UUID);
}

static void
plan_default(Ddl *d, const Column *c)
{
	static const char *const uuid_calls[] = {"gen_random_uuid", "uuid_generate_v4", NULL};
	const XlWords *w = d->w;
	size_t		from = c->default_from;
	size_t		to = c->default_to;
	ClockKind	kind;

	if (from == SIZE_MAX)
		return;
	for (int k = 0; k < MAX_PARENS && to - from > 2 && xl_word_kind(w, from, TOK_LPAREN) &&
		 xl_group_end(w, from) == to - 1; k++)
	{
		from++;
		to--;
	}
	if ((kind = clock_kind(w, from, to)) != CLOCK_NONE)
		plan_clock_default(d, c, kind, from, to);
	else if (is_call(w, from, to, uuid_calls))
		plan_uuid_default(d, c);
	else if (d->dialect == DIALECT_IRIS && to == from + 1 &&
			 (xl_word_is(w, from, "true") || xl_word_is(w, from, "false")))
		ddl_replace_words(d, c->default_from, c->default_to, xl_word_is(w, from, "true") ? "1" : "0");
}

/* ---- columns, per dialect ---- */

/* What no dialect here holds, or holds only in CREATE TABLE. */
static void
check_column(Ddl *d, const Column *c)
{
	bool		auto_increment = c->serial != 0 || c->identity != SIZE_MAX;
	size_t		at = c->identity != SIZE_MAX ? c->identity : c->type;

	if (c->tn.is_array)
		ddl_refuse(d, c->type, "array column type %s", ddl_type_text(d, c));
	if (!auto_increment)
		return;
	if (d->alter)
		ddl_refuse(d, at, "an auto-increment column in ALTER TABLE ... ADD COLUMN");
	if (c->identity_options)
		ddl_refuse(d, c->identity, "an identity column with sequence options");
	/* IRIS: one IDENTITY per table (iris-dialect.md #12); SQLite: one INTEGER PRIMARY KEY */
	if (++d->auto_columns > 1)
		ddl_refuse(d, at, "a second auto-increment column in a table");
}

static void plan_collation(Ddl *d, const Column *c, Buf *type);

/*
 * IRIS: the type in IRIS's terms; serial and identity columns become
 * IDENTITY, explicit values allowed for serial and BY DEFAULT as
 * PostgreSQL allows them; a column's REFERENCES becomes a table's FOREIGN
 * KEY; no CHECK, no generated columns.
 */
static void
plan_iris_column(Ddl *d, const Column *c)
{
	Buf			type;

	if (c->check != SIZE_MAX)
		ddl_refuse(d, c->check, "a CHECK constraint");
	if (c->generated != SIZE_MAX)
		ddl_refuse(d, c->generated, "a generated column");
	buf_init(&type);
	if (append_iris_type(d, c, &type))
	{
		/* "column type IDENTITY" (IRIS SQL reference, "CREATE TABLE") */
		if (c->serial != 0 || c->identity != SIZE_MAX)
			buf_append_str(&type, " IDENTITY");
		plan_collation(d, c, &type);
		if (buf_failed(&type))
			d->failed = true;
		else
			ddl_replace_words(d, c->type, c->type_end, type.data);
	}
	buf_free(&type);
	if (c->identity != SIZE_MAX)
		ddl_drop_words(d, c->identity, c->identity_end);
	if (c->serial != 0 || (c->identity != SIZE_MAX && c->by_default))
		d->identity_insert = true;
	if (c->references != SIZE_MAX && d->alter)
		ddl_refuse(d, c->references, "REFERENCES in ALTER TABLE ... ADD COLUMN");
	else if (c->references != SIZE_MAX)
		ddl_move_key(d, c);
}

/* Is oid a string type, whose IRIS column takes a collation? */
static bool
is_string_type(uint32_t oid)
{
	return oid == TEXTOID || oid == VARCHAROID || oid == BPCHAROID || oid == CHAROID;
}

/*
 * A string column's collation. IRIS: string columns compare as
 * PostgreSQL's do, case-sensitively, with the EXACT collation; IRIS's
 * default, SQLUPPER, ignores case in =, <, LIKE, ORDER BY, GROUP BY and
 * DISTINCT and returns grouped values upper-cased (iris-dialect.md #3;
 * IRIS docs "Table Field/Property Definition Collation",
 * KEY=GSQL_collation_tabledef: COLLATE in CREATE/ALTER TABLE), so every
 * string column gets COLLATE %EXACT (appended to type). SQLite's default,
 * BINARY, already is. PostgreSQL's byte-order collations C and POSIX are
 * EXACT and BINARY; language collations neither database has: refused.
 */
static void
plan_collation(Ddl *d, const Column *c, Buf *type)
{
	const XlWords *w = d->w;
	const char *exact = d->dialect == DIALECT_IRIS ? "COLLATE %EXACT" : "COLLATE BINARY";
	size_t		name;

	if (!is_string_type(c->oid) || c->serial != 0)
		return;
	if (c->collate == SIZE_MAX)
	{
		if (type != NULL && d->dialect == DIALECT_IRIS)
		{
			buf_append_byte(type, ' ');
			buf_append_str(type, exact);
		}
		return;
	}
	name = c->collate + 1;
	buf_reset(&d->scratch);
	if (!xl_word_is_name(w, name) || !xl_ident_value(w->query, &w->tok[name], &d->scratch, &d->refusal))
		return;					/* the database reports a bad name */
	if (strcmp(d->scratch.data, "C") == 0 || strcmp(d->scratch.data, "POSIX") == 0 ||
		strcmp(d->scratch.data, "default") == 0)
		ddl_replace_words(d, c->collate, name + 1, exact);
	else
		ddl_refuse(d, c->collate, "COLLATE \"%s\"", d->scratch.data);
}

/*
 * SQLite: a vector column is declared vector(n) (pgwire_vector.so's float4
 * BLOBs, typed vector by that name, any schema dropped) with a CHECK that reads
 * every value stored into it as pgvector would, so '[1,2]' into vector(3)
 * or 'garbage' fails with pgvector's error (22000, 22P02) whichever way it
 * comes: a constant, a parameter, COPY, an UPDATE.
 */
static void
plan_sqlite_vector(Ddl *d, const Column *c)
{
	int			dims;
	const char *name;
	Buf			text;

	if (!vector_dimensions(d, c, &dims))
		return;
	buf_init(&text);
	name = xl_words_text(d->w, c->name, c->name + 1, &d->scratch2);
	if (dims > 0)
		buf_appendf(&text, "vector(%d) CHECK (pgw_vector_dims(pgw_vector(%s, %d)) = %d)", dims, name, dims, dims);
	else
		buf_appendf(&text, "vector CHECK (pgw_vector_dims(pgw_vector(%s)) > 0)", name);
	if (buf_failed(&text))
		d->failed = true;
	else
		ddl_replace_words(d, c->type, c->type_end, text.data);
	buf_free(&text);
}

/*
 * SQLite: the type as written; an auto-increment column is INTEGER
 * PRIMARY KEY AUTOINCREMENT, which SQLite has only for the primary key
 * (and which, like PostgreSQL's sequences, never reuses a value).
 */
static void
plan_sqlite_column(Ddl *d, const Column *c)
{
	XlType		t;

	if (is_vector(d, c))
	{
		plan_sqlite_vector(d, c);
		return;
	}
	if (!column_modifiers(d, c, &t))
		return;
	plan_collation(d, c, NULL);
	if (c->serial == 0 && c->identity == SIZE_MAX)
		return;
	if (c->identity != SIZE_MAX)
		ddl_drop_words(d, c->identity, c->identity_end);
	if (c->primary_key != SIZE_MAX)
	{
		ddl_replace_words(d, c->type, c->type_end, "INTEGER");
		ddl_replace_words(d, c->primary_key, c->primary_key + 2, "PRIMARY KEY AUTOINCREMENT");
	}
	else if (d->table_key.column != SIZE_MAX && ddl_same_name(d, c->name, d->table_key.column))
	{
		ddl_replace_words(d, c->type, c->type_end, "INTEGER PRIMARY KEY AUTOINCREMENT");
		ddl_drop_words(d, d->table_key.from, d->table_key.to);
	}
	else
		ddl_refuse(d, c->identity != SIZE_MAX ? c->identity : c->type,
			   "an auto-increment column that is not the table's primary key");
}

void
ddl_plan_column(Ddl *d, size_t from, size_t to)
{
	Column		c;

	if (!read_column(d, from, to, &c))
		return;
	check_column(d, &c);
	if (d->dialect == DIALECT_IRIS)
		plan_iris_column(d, &c);
	else
		plan_sqlite_column(d, &c);
	plan_default(d, &c);
}
