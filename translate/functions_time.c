/*
 * functions_time.c
 *		The clock and dates for the functions rule: now(), CURRENT_TIMESTAMP
 *		and the other clock words, date_trunc, extract and date_part.
 *
 * Owns: which SQL reads the clock in each dialect (IRIS's CURRENT_TIMESTAMP
 * with six digits of fractions, SQLite's strftime() in UTC) and how a date
 * is truncated or taken apart (IRIS's DATEADD/DATEDIFF/DATEPART, SQLite's
 * date modifiers and strftime()). Units neither can compute are refused.
 */
#include "translate/xl_internal.h"

#include <string.h>

/* ---- the clock ---- */

typedef enum ClockKind
{
	CLOCK_TIMESTAMPTZ,			/* now(), CURRENT_TIMESTAMP, transaction_timestamp() ... */
	CLOCK_TIMESTAMP,			/* LOCALTIMESTAMP */
	CLOCK_TIMETZ,				/* CURRENT_TIME */
	CLOCK_TIME,					/* LOCALTIME */
	CLOCK_DATE					/* CURRENT_DATE */
} ClockKind;

typedef struct ClockWord
{
	const char *name;
	ClockKind	kind;
	bool		call;			/* name() rather than a keyword with an optional (p) */
} ClockWord;

/* Each word is of class KW_CLOCK in keywords.c: the lexer finds them. */
static const ClockWord clock_words[] = {
	{"now", CLOCK_TIMESTAMPTZ, true},
	{"transaction_timestamp", CLOCK_TIMESTAMPTZ, true},
	{"statement_timestamp", CLOCK_TIMESTAMPTZ, true},
	{"clock_timestamp", CLOCK_TIMESTAMPTZ, true},
	{"current_timestamp", CLOCK_TIMESTAMPTZ, false},
	{"localtimestamp", CLOCK_TIMESTAMP, false},
	{"current_time", CLOCK_TIMETZ, false},
	{"localtime", CLOCK_TIME, false},
	{"current_date", CLOCK_DATE, false},
};

/*
 * SQLite's clock reads UTC, pgwire's default TimeZone, to the millisecond
 * (%f); a zone-bearing value carries its +00:00 so that any session
 * TimeZone shows it right and SQLite's date functions still read it.
 */
static void
emit_sqlite_clock(XlFn *fn, ClockKind kind, int64_t precision)
{
	bool		zone = kind == CLOCK_TIMESTAMPTZ || kind == CLOCK_TIMETZ;
	const char *date = kind == CLOCK_TIMESTAMPTZ || kind == CLOCK_TIMESTAMP ? "%Y-%m-%d " : "";

	if (precision == 1 || precision == 2)
	{
		/* %f has three digits: cut to one or two */
		buf_appendf(fn->env.out, "%ssubstr(strftime('%s%%H:%%M:%%f', 'now'), 1, %d)%s",
					zone ? "(" : "", date, (int) ((date[0] ? 11 : 0) + 9 + precision),
					zone ? " || '+00:00')" : "");
		return;
	}
	buf_appendf(fn->env.out, "strftime('%s%%H:%%M:%s%s', 'now')", date,
				precision == 0 ? "%S" : "%f", zone ? "+00:00" : "");
}

/* The clock as IRIS reads it: CURRENT_TIMESTAMP(6) (fractions are 0 digits by default). */
static void
emit_iris_clock(XlFn *fn, ClockKind kind, int64_t precision, bool in_default)
{
	switch (kind)
	{
		case CLOCK_TIMESTAMPTZ:
		case CLOCK_TIMESTAMP:
			buf_appendf(fn->env.out, "CURRENT_TIMESTAMP(%d)", (int) precision);
			break;
		case CLOCK_TIMETZ:
		case CLOCK_TIME:
			/* a column default takes no precision (IRIS SQL reference, CURRENT_TIME) */
			if (in_default)
				xl_fn_emit(fn, "CURRENT_TIME");
			else
				buf_appendf(fn->env.out, "CURRENT_TIME(%d)", (int) precision);
			break;
		case CLOCK_DATE:
			xl_fn_emit(fn, "CURRENT_DATE");
			break;
	}
}

XlRuleResult
xl_fn_write_clock(XlFn *fn, size_t i, size_t to, size_t *end, PgError *err)
{
	const XlWords *w = &fn->w;
	const ClockWord *cw = NULL;
	int64_t		precision = 6;
	bool		in_default;
	size_t		name = i;

	if (xl_word_is(w, i, "pg_catalog") && xl_word_kind(w, i + 1, TOK_DOT))
		name = i + 2;
	if (!xl_word_has_class(w, name, KW_CLOCK))
		return XL_RULE_NONE;
	for (size_t k = 0; k < lengthof(clock_words) && cw == NULL; k++)
	{
		if (xl_word_is(w, name, clock_words[k].name) && (name == i || clock_words[k].call))
			cw = &clock_words[k];
	}
	if (cw == NULL || (i > 0 && (w->tok[i - 1].kind == TOK_DOT || xl_word_is(w, i - 1, "as"))))
		return XL_RULE_NONE;
	in_default = i > 0 && xl_word_is(w, i - 1, "default");
	*end = name + 1;
	if (cw->call)
	{
		if (!xl_word_kind(w, name + 1, TOK_LPAREN) || !xl_word_kind(w, name + 2, TOK_RPAREN) ||
			name + 3 > to)
			return XL_RULE_NONE;
		*end = name + 3;
	}
	else if (cw->kind != CLOCK_DATE && xl_word_kind(w, i + 1, TOK_LPAREN) && i + 4 <= to &&
			 xl_word_kind(w, i + 3, TOK_RPAREN))
	{
		if (!xl_fn_integer(fn, i + 2, i + 3, &precision) || precision < 0)
			return xl_fn_refuse(fn, err, i + 2, "this precision of %s", cw->name);
		precision = Min(precision, 6);
		*end = i + 4;
	}
	if (fn->dialect == DIALECT_IRIS)
	{
		emit_iris_clock(fn, cw->kind, precision, in_default);
		return XL_RULE_WRITTEN;
	}
	if (cw->kind == CLOCK_DATE)
		return XL_RULE_NONE;	/* SQLite's CURRENT_DATE is the UTC date */
	if (in_default)
		xl_fn_emit(fn, "(");	/* SQLite takes an expression default in parentheses */
	emit_sqlite_clock(fn, cw->kind, precision);
	if (in_default)
		xl_fn_emit(fn, ")");
	return XL_RULE_WRITTEN;
}

/* ---- date_trunc, extract and date_part ---- */

typedef enum DateField
{
	DF_MICROSECONDS,
	DF_MILLISECONDS,
	DF_SECOND,
	DF_MINUTE,
	DF_HOUR,
	DF_DAY,
	DF_WEEK,
	DF_MONTH,
	DF_QUARTER,
	DF_YEAR,
	DF_DECADE,
	DF_CENTURY,
	DF_MILLENNIUM,
	DF_DOW,
	DF_ISODOW,
	DF_DOY,
	DF_EPOCH,
	DF_ISOYEAR,
	DF_UNKNOWN
} DateField;

/* PostgreSQL's unit names (datetktbl's units and their abbreviations). */
static const struct
{
	const char *name;
	DateField	field;
}			date_fields[] = {
	{"microseconds", DF_MICROSECONDS}, {"microsecond", DF_MICROSECONDS}, {"us", DF_MICROSECONDS},
	{"usec", DF_MICROSECONDS}, {"usecs", DF_MICROSECONDS}, {"useconds", DF_MICROSECONDS},
	{"milliseconds", DF_MILLISECONDS}, {"millisecond", DF_MILLISECONDS}, {"ms", DF_MILLISECONDS},
	{"msec", DF_MILLISECONDS}, {"msecs", DF_MILLISECONDS}, {"mseconds", DF_MILLISECONDS},
	{"second", DF_SECOND}, {"seconds", DF_SECOND}, {"s", DF_SECOND}, {"sec", DF_SECOND},
	{"secs", DF_SECOND},
	{"minute", DF_MINUTE}, {"minutes", DF_MINUTE}, {"m", DF_MINUTE}, {"min", DF_MINUTE},
	{"mins", DF_MINUTE},
	{"hour", DF_HOUR}, {"hours", DF_HOUR}, {"h", DF_HOUR}, {"hr", DF_HOUR}, {"hrs", DF_HOUR},
	{"day", DF_DAY}, {"days", DF_DAY}, {"d", DF_DAY},
	{"week", DF_WEEK}, {"weeks", DF_WEEK}, {"w", DF_WEEK},
	{"month", DF_MONTH}, {"months", DF_MONTH}, {"mon", DF_MONTH}, {"mons", DF_MONTH},
	{"quarter", DF_QUARTER}, {"qtr", DF_QUARTER},
	{"year", DF_YEAR}, {"years", DF_YEAR}, {"y", DF_YEAR}, {"yr", DF_YEAR}, {"yrs", DF_YEAR},
	{"decade", DF_DECADE}, {"decades", DF_DECADE}, {"dec", DF_DECADE}, {"decs", DF_DECADE},
	{"century", DF_CENTURY}, {"centuries", DF_CENTURY}, {"c", DF_CENTURY}, {"cent", DF_CENTURY},
	{"millennium", DF_MILLENNIUM}, {"millennia", DF_MILLENNIUM}, {"mil", DF_MILLENNIUM},
	{"mils", DF_MILLENNIUM},
	{"dow", DF_DOW}, {"isodow", DF_ISODOW}, {"doy", DF_DOY}, {"epoch", DF_EPOCH},
	{"isoyear", DF_ISOYEAR},
};

static DateField
date_field(const char *name)
{
	for (size_t k = 0; k < lengthof(date_fields) && name != NULL; k++)
	{
		if (strcmp(date_fields[k].name, name) == 0)
			return date_fields[k].field;
	}
	return DF_UNKNOWN;
}

/* A unit written as a string constant or (in EXTRACT) as a word. */
static DateField
read_date_field(XlFn *fn, size_t from, size_t to, const char **text)
{
	const char *s = xl_fn_string(fn, from, to);

	if (s == NULL && to == from + 1 && xl_word_kind(&fn->w, from, TOK_IDENT))
	{
		PgError		ignored;

		buf_reset(&fn->scratch);
		if (!xl_ident_value(fn->w.query, &fn->w.tok[from], &fn->scratch, &ignored) ||
			buf_failed(&fn->scratch))
			return DF_UNKNOWN;
		buf_append_byte(&fn->scratch, '\0');
		s = (const char *) fn->scratch.data;
	}
	*text = s != NULL ? s : "?";
	return date_field(s);
}

/*
 * SQL around a date/time operand: pieces[0] x pieces[1] x ... pieces[n-1].
 * The operand is written once between each two pieces.
 */
typedef struct DateSql
{
	const char *pieces[4];
	int			npieces;
} DateSql;

static XlRuleResult
emit_date_sql(XlFn *fn, const DateSql *d, size_t x, size_t x_end, size_t word, PgError *err)
{
	int			copies = d->npieces - 1;
	bool		ok = true;

	if (copies > 1 && !xl_fn_begin_copies(fn, copies, word, err))
		return XL_RULE_FAILED;
	xl_fn_emit(fn, d->pieces[0]);
	for (int k = 1; k < d->npieces && ok; k++)
	{
		ok = xl_fn_write(fn, x, x_end, err);
		xl_fn_emit(fn, d->pieces[k]);
	}
	if (copies > 1)
		xl_fn_end_copies(fn, copies);
	return ok ? XL_RULE_WRITTEN : XL_RULE_FAILED;
}

/* date_trunc on SQLite: its date modifiers and strftime() formats. */
static const DateSql sqlite_trunc[] = {
	[DF_MILLISECONDS] = {{"strftime('%Y-%m-%d %H:%M:%f', ", ")"}, 2},
	[DF_SECOND] = {{"strftime('%Y-%m-%d %H:%M:%S', ", ")"}, 2},
	[DF_MINUTE] = {{"strftime('%Y-%m-%d %H:%M:00', ", ")"}, 2},
	[DF_HOUR] = {{"strftime('%Y-%m-%d %H:00:00', ", ")"}, 2},
	[DF_DAY] = {{"datetime(", ", 'start of day')"}, 2},
	/* back six days, forward to a Monday: the Monday on or before */
	[DF_WEEK] = {{"datetime(", ", '-6 days', 'weekday 1', 'start of day')"}, 2},
	[DF_MONTH] = {{"datetime(", ", 'start of month')"}, 2},
	[DF_QUARTER] = {{"datetime(", ", 'start of month', '-' || ((strftime('%m', ", ") - 1) % 3) || ' months')"}, 3},
	[DF_YEAR] = {{"datetime(", ", 'start of year')"}, 2},
};

/*
 * date_trunc on IRIS: whole units counted from a Monday, 1900-01-01 (DATEDIFF
 * counts the boundaries crossed), added back with DATEADD.
 */
#define IRIS_EPOCH "'1900-01-01 00:00:00'"
static const DateSql iris_trunc[] = {
	[DF_SECOND] = {{"DATEADD('ss', DATEDIFF('ss', " IRIS_EPOCH ", ", "), " IRIS_EPOCH ")"}, 2},
	[DF_MINUTE] = {{"DATEADD('mi', DATEDIFF('mi', " IRIS_EPOCH ", ", "), " IRIS_EPOCH ")"}, 2},
	[DF_HOUR] = {{"DATEADD('hh', DATEDIFF('hh', " IRIS_EPOCH ", ", "), " IRIS_EPOCH ")"}, 2},
	[DF_DAY] = {{"DATEADD('dd', DATEDIFF('dd', " IRIS_EPOCH ", ", "), " IRIS_EPOCH ")"}, 2},
	[DF_WEEK] = {{"DATEADD('dd', FLOOR(DATEDIFF('dd', " IRIS_EPOCH ", ", ") / 7) * 7, " IRIS_EPOCH ")"}, 2},
	[DF_MONTH] = {{"DATEADD('mm', DATEDIFF('mm', " IRIS_EPOCH ", ", "), " IRIS_EPOCH ")"}, 2},
	[DF_QUARTER] = {{"DATEADD('mm', FLOOR(DATEDIFF('mm', " IRIS_EPOCH ", ", ") / 3) * 3, " IRIS_EPOCH ")"}, 2},
	[DF_YEAR] = {{"DATEADD('yy', DATEDIFF('yy', " IRIS_EPOCH ", ", "), " IRIS_EPOCH ")"}, 2},
};

/* extract on SQLite: strftime() fields as numbers. */
static const DateSql sqlite_extract[] = {
	[DF_MICROSECONDS] = {{"CAST(round(strftime('%f', ", ") * 1000000) AS INTEGER)"}, 2},
	[DF_MILLISECONDS] = {{"round(strftime('%f', ", ") * 1000, 3)"}, 2},
	[DF_SECOND] = {{"CAST(strftime('%f', ", ") AS REAL)"}, 2},
	[DF_MINUTE] = {{"CAST(strftime('%M', ", ") AS INTEGER)"}, 2},
	[DF_HOUR] = {{"CAST(strftime('%H', ", ") AS INTEGER)"}, 2},
	[DF_DAY] = {{"CAST(strftime('%d', ", ") AS INTEGER)"}, 2},
	/* the ISO week is the week of the Thursday of the date's Monday-Sunday week */
	[DF_WEEK] = {{"((CAST(strftime('%j', date(", ", '-3 days', 'weekday 4')) AS INTEGER) - 1) / 7 + 1)"}, 2},
	[DF_MONTH] = {{"CAST(strftime('%m', ", ") AS INTEGER)"}, 2},
	[DF_QUARTER] = {{"((CAST(strftime('%m', ", ") AS INTEGER) + 2) / 3)"}, 2},
	[DF_YEAR] = {{"CAST(strftime('%Y', ", ") AS INTEGER)"}, 2},
	[DF_DECADE] = {{"(CAST(strftime('%Y', ", ") AS INTEGER) / 10)"}, 2},
	[DF_CENTURY] = {{"((CAST(strftime('%Y', ", ") AS INTEGER) + 99) / 100)"}, 2},
	[DF_MILLENNIUM] = {{"((CAST(strftime('%Y', ", ") AS INTEGER) + 999) / 1000)"}, 2},
	[DF_DOW] = {{"CAST(strftime('%w', ", ") AS INTEGER)"}, 2},
	[DF_ISODOW] = {{"((CAST(strftime('%w', ", ") AS INTEGER) + 6) % 7 + 1)"}, 2},
	[DF_DOY] = {{"CAST(strftime('%j', ", ") AS INTEGER)"}, 2},
	/* seconds since 1970 to SQLite's millisecond */
	[DF_EPOCH] = {{"round((julianday(", ") - 2440587.5) * 86400.0, 3)"}, 2},
	[DF_ISOYEAR] = {{"CAST(strftime('%Y', date(", ", '-3 days', 'weekday 4')) AS INTEGER)"}, 2},
};

/*
 * extract on IRIS: DATEPART (IRIS SQL reference). Seconds carry their
 * fraction as in PostgreSQL; the day of the week counts from Sunday = 1 in
 * IRIS's default configuration. IRIS may evaluate arithmetic strictly left
 * to right (iris-dialect.md #7): every product and quotient is in
 * parentheses of its own.
 */
static const DateSql iris_extract[] = {
	[DF_MICROSECONDS] = {{"(DATEPART('ss', ", ") * 1000000 + DATEPART('mcs', ", "))"}, 3},
	[DF_MILLISECONDS] = {{"(DATEPART('ss', ", ") * 1000 + (DATEPART('mcs', ", ") / 1000))"}, 3},
	[DF_SECOND] = {{"(DATEPART('ss', ", ") + (DATEPART('mcs', ", ") / 1000000))"}, 3},
	[DF_MINUTE] = {{"DATEPART('mi', ", ")"}, 2},
	[DF_HOUR] = {{"DATEPART('hh', ", ")"}, 2},
	[DF_DAY] = {{"DATEPART('dd', ", ")"}, 2},
	[DF_MONTH] = {{"DATEPART('mm', ", ")"}, 2},
	[DF_QUARTER] = {{"DATEPART('qq', ", ")"}, 2},
	[DF_YEAR] = {{"DATEPART('yyyy', ", ")"}, 2},
	[DF_DOW] = {{"(DATEPART('dw', ", ") - 1)"}, 2},
	[DF_ISODOW] = {{"CASE DATEPART('dw', ", ") WHEN 1 THEN 7 ELSE DATEPART('dw', ", ") - 1 END"}, 3},
	[DF_DOY] = {{"DATEPART('dy', ", ")"}, 2},
	/* whole seconds are the second boundaries crossed since 1970 (DATEDIFF) */
	[DF_EPOCH] = {{"(DATEDIFF('ss', '1970-01-01 00:00:00', ", ") + (DATEPART('mcs', ", ") / 1000000))"}, 3},
};

static const DateSql *
date_sql(const DateSql *table, size_t n, DateField f)
{
	return (size_t) f < n && table[f].npieces > 0 ? &table[f] : NULL;
}

/* date_trunc('unit', x) */
XlRuleResult
xl_fn_write_date_trunc(XlFn *fn, const XlFnCall *c, PgError *err)
{
	const char *text;
	DateField	f;
	const DateSql *d;

	if (c->nargs == 3)
		return xl_fn_refuse(fn, err, c->name, "date_trunc() with a time zone");
	if (c->nargs != 2)
		return XL_RULE_NONE;
	f = read_date_field(fn, c->arg[0], c->arg_end[0], &text);
	if (xl_fn_string(fn, c->arg[0], c->arg_end[0]) == NULL)
		return xl_fn_refuse(fn, err, c->arg[0], "date_trunc() with a unit that is not a constant");
	d = fn->dialect == DIALECT_IRIS ? date_sql(iris_trunc, lengthof(iris_trunc), f) :
		date_sql(sqlite_trunc, lengthof(sqlite_trunc), f);
	if (d == NULL)
		return xl_fn_refuse(fn, err, c->arg[0], "date_trunc() to the unit \"%s\"", text);
	return emit_date_sql(fn, d, c->arg[1], c->arg_end[1], c->name, err);
}

/* extract(field FROM x) and date_part('field', x) */
XlRuleResult
xl_fn_write_extract(XlFn *fn, const XlFnCall *c, PgError *err)
{
	bool		part = xl_word_is(&fn->w, c->name, "date_part");
	size_t		from = part ? XL_NO_WORD : xl_fn_call_keyword(fn, c, c->open + 1, "from");
	size_t		f0 = part ? c->arg[0] : c->open + 1,
				f1 = part ? c->arg_end[0] : from,
				x = part ? c->arg[1] : from + 1,
				x_end = part ? c->arg_end[1] : c->close;
	const char *text;
	DateField	f;
	const DateSql *d;

	if ((part && c->nargs != 2) || (!part && (from == XL_NO_WORD || c->nargs != 1)))
		return XL_RULE_NONE;
	if (part && xl_fn_string(fn, f0, f1) == NULL)
		return xl_fn_refuse(fn, err, f0, "date_part() with a field that is not a constant");
	f = read_date_field(fn, f0, f1, &text);
	d = fn->dialect == DIALECT_IRIS ? date_sql(iris_extract, lengthof(iris_extract), f) :
		date_sql(sqlite_extract, lengthof(sqlite_extract), f);
	if (d == NULL)
		return xl_fn_refuse(fn, err, f0, "%s() of the field \"%s\"", part ? "date_part" : "extract",
							text);
	return emit_date_sql(fn, d, x, x_end, c->name, err);
}

