/*
 * types.c
 *		The type table and PostgreSQL's text output formats.
 *
 * Owns: which OIDs and names pgwire uses for each type, and producing the
 * exact text PostgreSQL's output functions would for the same value (clients
 * parse it: psycopg reads floats and timestamps, JDBC booleans, ...).
 */
#include "common/types.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const PgType type_table[] = {
	{BOOLOID, "bool", 1},
	{BYTEAOID, "bytea", -1},
	{CHAROID, "char", 1},
	{NAMEOID, "name", 64},
	{INT8OID, "int8", 8},
	{INT2OID, "int2", 2},
	{INT4OID, "int4", 4},
	{TEXTOID, "text", -1},
	{OIDOID, "oid", 4},
	{JSONOID, "json", -1},
	{FLOAT4OID, "float4", 4},
	{FLOAT8OID, "float8", 8},
	{UNKNOWNOID, "unknown", -2},
	{BPCHAROID, "bpchar", -1},
	{VARCHAROID, "varchar", -1},
	{DATEOID, "date", 4},
	{TIMEOID, "time", 8},
	{TIMESTAMPOID, "timestamp", 8},
	{TIMESTAMPTZOID, "timestamptz", 8},
	{INTERVALOID, "interval", 16},
	{TIMETZOID, "timetz", 12},
	{NUMERICOID, "numeric", -1},
	{UUIDOID, "uuid", 16},
	{JSONBOID, "jsonb", -1},
};

/* SQL spellings that are not typnames. */
static const struct
{
	const char *alias;
	uint32_t	oid;
}			type_aliases[] = {
	{"boolean", BOOLOID},
	{"bigint", INT8OID},
	{"smallint", INT2OID},
	{"integer", INT4OID},
	{"int", INT4OID},
	{"real", FLOAT4OID},
	{"double precision", FLOAT8OID},
	{"double", FLOAT8OID},
	{"float", FLOAT8OID},
	{"decimal", NUMERICOID},
	{"character varying", VARCHAROID},
	{"character", BPCHAROID},
	{"char", BPCHAROID},
	{"timestamp without time zone", TIMESTAMPOID},
	{"timestamp with time zone", TIMESTAMPTZOID},
	{"datetime", TIMESTAMPOID},
	{"time without time zone", TIMEOID},
	{"blob", BYTEAOID},
};

const PgType *
pgtype_by_oid(uint32_t oid)
{
	for (size_t i = 0; i < lengthof(type_table); i++)
	{
		if (type_table[i].oid == oid)
			return &type_table[i];
	}
	return NULL;
}

const PgType *
pgtype_by_name(const char *name)
{
	for (size_t i = 0; i < lengthof(type_table); i++)
	{
		if (strcasecmp(type_table[i].name, name) == 0)
			return &type_table[i];
	}
	for (size_t i = 0; i < lengthof(type_aliases); i++)
	{
		if (strcasecmp(type_aliases[i].alias, name) == 0)
			return pgtype_by_oid(type_aliases[i].oid);
	}
	return NULL;
}

int32_t
pgtype_char_typmod(int32_t length)
{
	return length > 0 ? length + 4 : -1;
}

int32_t
pgtype_numeric_typmod(int32_t precision, int32_t scale)
{
	if (precision <= 0)
		return -1;
	return ((precision << 16) | (scale & 0x7ff)) + 4;
}

void
pgtype_format_bool(Buf *out, bool v)
{
	buf_append_byte(out, v ? 't' : 'f');
}

void
pgtype_format_int(Buf *out, int64_t v)
{
	buf_appendf(out, "%lld", (long long) v);
}

static bool
format_special_float(Buf *out, double v)
{
	if (isnan(v))
		buf_append_str(out, "NaN");
	else if (isinf(v))
		buf_append_str(out, v > 0 ? "Infinity" : "-Infinity");
	else
		return false;
	return true;
}

/*
 * Shortest round-trip digits of v: fills digits (no dot, no sign) and the
 * decimal exponent of the first digit. Tries increasing precision until the
 * text reads back as the same value.
 */
static void
shortest_digits(double v, bool is_float4, char *digits, size_t size, int *exponent)
{
	int			maxprec = is_float4 ? 9 : 17;
	char		text[40];

	for (int prec = 1; prec <= maxprec; prec++)
	{
		bool		same;

		snprintf(text, sizeof(text), "%.*e", prec - 1, v);
		same = is_float4 ? (strtof(text, NULL) == (float) v) : (strtod(text, NULL) == v);
		if (same || prec == maxprec)
			break;
	}
	/* text is [-]d[.ddd]e[+-]xx */
	{
		const char *p = text;
		size_t		n = 0;
		char	   *e;

		if (*p == '-')
			p++;
		for (; *p && *p != 'e'; p++)
		{
			if (*p != '.' && n < size - 1)
				digits[n++] = *p;
		}
		digits[n] = '\0';
		*exponent = (int) strtol(p + 1, &e, 10);
	}
	/* drop trailing zeros (only possible at maxprec) */
	{
		size_t		n = strlen(digits);

		while (n > 1 && digits[n - 1] == '0')
			digits[--n] = '\0';
	}
}

static void
format_shortest(Buf *out, double v, bool is_float4)
{
	char		digits[32];
	int			exp;
	int			ndigits;
	int			threshold = is_float4 ? 6 : 15;

	if (v == 0)
	{
		buf_append_str(out, signbit(v) ? "-0" : "0");
		return;
	}
	shortest_digits(v, is_float4, digits, sizeof(digits), &exp);
	ndigits = (int) strlen(digits);
	if (v < 0)
		buf_append_byte(out, '-');

	if (exp < -4 || exp >= threshold)
	{
		buf_append_byte(out, (uint8_t) digits[0]);
		if (ndigits > 1)
		{
			buf_append_byte(out, '.');
			buf_append_str(out, digits + 1);
		}
		buf_appendf(out, "e%c%02d", exp < 0 ? '-' : '+', abs(exp));
	}
	else if (exp < 0)
	{
		buf_append_str(out, "0.");
		for (int i = -1; i > exp; i--)
			buf_append_byte(out, '0');
		buf_append_str(out, digits);
	}
	else
	{
		for (int i = 0; i <= exp || i < ndigits; i++)
		{
			if (i == exp + 1)
				buf_append_byte(out, '.');
			buf_append_byte(out, (uint8_t) (i < ndigits ? digits[i] : '0'));
		}
	}
}

void
pgtype_format_float8(Buf *out, double v, int extra_float_digits)
{
	if (format_special_float(out, v))
		return;
	if (extra_float_digits > 0)
		format_shortest(out, v, false);
	else
		buf_appendf(out, "%.*g", Max(1, 15 + extra_float_digits), v);
}

void
pgtype_format_float4(Buf *out, float v, int extra_float_digits)
{
	if (format_special_float(out, v))
		return;
	if (extra_float_digits > 0)
		format_shortest(out, v, true);
	else
		buf_appendf(out, "%.*g", Max(1, 6 + extra_float_digits), (double) v);
}

static void
format_fraction(Buf *out, uint32_t nanos)
{
	uint32_t	micros = nanos / 1000;
	char		frac[8];
	int			n;

	if (micros == 0)
		return;
	snprintf(frac, sizeof(frac), "%06u", micros);
	n = 6;
	while (n > 0 && frac[n - 1] == '0')
		n--;
	frac[n] = '\0';
	buf_appendf(out, ".%s", frac);
}

void
pgtype_format_date(Buf *out, int year, int month, int day)
{
	/* year 0 is 1 BC in PostgreSQL's output */
	if (year > 0)
		buf_appendf(out, "%04d-%02d-%02d", year, month, day);
	else
		buf_appendf(out, "%04d-%02d-%02d BC", 1 - year, month, day);
}

void
pgtype_format_time(Buf *out, int hour, int minute, int second, uint32_t nanos)
{
	buf_appendf(out, "%02d:%02d:%02d", hour, minute, second);
	format_fraction(out, nanos);
}

void
pgtype_format_timestamp(Buf *out, int year, int month, int day,
						int hour, int minute, int second, uint32_t nanos)
{
	buf_appendf(out, "%04d-%02d-%02d %02d:%02d:%02d",
				year > 0 ? year : 1 - year, month, day, hour, minute, second);
	format_fraction(out, nanos);
	if (year <= 0)
		buf_append_str(out, " BC");
}

static const char hex_digits[] = "0123456789abcdef";

void
pgtype_format_bytea_hex(Buf *out, const uint8_t *data, size_t len)
{

	if (!buf_reserve(out, 2 + 2 * len))
		return;
	out->data[out->len++] = '\\';
	out->data[out->len++] = 'x';
	for (size_t i = 0; i < len; i++)
	{
		out->data[out->len++] = hex_digits[data[i] >> 4];
		out->data[out->len++] = hex_digits[data[i] & 0x0F];
	}
	out->data[out->len] = '\0';
}

void
pgtype_hex_encode_tail(Buf *out, size_t start)
{
	size_t		n = out->len - start;

	if (!buf_reserve(out, n + 2))
		return;
	/*
	 * Work backwards: the hex of byte i lands at start + 2 + 2i, never below
	 * start + i, so every byte is read before anything overwrites it.
	 */
	for (size_t i = n; i-- > 0;)
	{
		uint8_t		b = (uint8_t) out->data[start + i];

		out->data[start + 2 + 2 * i] = hex_digits[b >> 4];
		out->data[start + 3 + 2 * i] = hex_digits[b & 0x0F];
	}
	out->data[start] = '\\';
	out->data[start + 1] = 'x';
	out->len = start + 2 + 2 * n;
	out->data[out->len] = '\0';
}
