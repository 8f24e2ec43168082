/*
 * types.c
 *		The type table, lookup, the pgtype_input/output/receive/send
 *		wrappers, and what the codec files share: the bounded big-endian
 *		reader and writer and the error helpers.
 *
 * Owns which OIDs, names, lengths and array OIDs pgwire reports and which
 * codec converts each type; the formats live in the type_*.c files.
 */
#include "common/type_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define CODEC(t)	pgt_##t##_in, pgt_##t##_out, pgt_##t##_recv, pgt_##t##_send

static const PgType type_table[] = {
	{BOOLOID, "bool", 1, BOOLARRAYOID, PGV_BOOL, CODEC(bool)},
	{BYTEAOID, "bytea", -1, BYTEAARRAYOID, PGV_BYTES, CODEC(bytea)},
	{CHAROID, "char", 1, CHARARRAYOID, PGV_TEXT, CODEC(char)},
	{NAMEOID, "name", 64, NAMEARRAYOID, PGV_TEXT,
	pgt_name_in, pgt_text_out, pgt_name_recv, pgt_text_send},
	{INT8OID, "int8", 8, INT8ARRAYOID, PGV_INT,
	pgt_int8_in, pgt_int_out, pgt_int8_recv, pgt_int8_send},
	{INT2OID, "int2", 2, INT2ARRAYOID, PGV_INT,
	pgt_int2_in, pgt_int_out, pgt_int2_recv, pgt_int2_send},
	{INT4OID, "int4", 4, INT4ARRAYOID, PGV_INT,
	pgt_int4_in, pgt_int_out, pgt_int4_recv, pgt_int4_send},
	{TEXTOID, "text", -1, TEXTARRAYOID, PGV_TEXT, CODEC(text)},
	{OIDOID, "oid", 4, OIDARRAYOID, PGV_INT,
	pgt_oid_in, pgt_int_out, pgt_oid_recv, pgt_oid_send},
	{JSONOID, "json", -1, JSONARRAYOID, PGV_TEXT, CODEC(text)},
	{FLOAT4OID, "float4", 4, FLOAT4ARRAYOID, PGV_FLOAT4, CODEC(float4)},
	{FLOAT8OID, "float8", 8, FLOAT8ARRAYOID, PGV_FLOAT8, CODEC(float8)},
	{UNKNOWNOID, "unknown", -2, 0, PGV_TEXT, CODEC(text)},
	{BPCHAROID, "bpchar", -1, BPCHARARRAYOID, PGV_TEXT,
	pgt_bpchar_in, pgt_text_out, pgt_text_recv, pgt_text_send},
	{VARCHAROID, "varchar", -1, VARCHARARRAYOID, PGV_TEXT,
	pgt_varchar_in, pgt_text_out, pgt_text_recv, pgt_text_send},
	{DATEOID, "date", 4, DATEARRAYOID, PGV_DATE, CODEC(date)},
	{TIMEOID, "time", 8, TIMEARRAYOID, PGV_TIME, CODEC(time)},
	{TIMESTAMPOID, "timestamp", 8, TIMESTAMPARRAYOID, PGV_TIMESTAMP, CODEC(timestamp)},
	{TIMESTAMPTZOID, "timestamptz", 8, TIMESTAMPTZARRAYOID, PGV_TIMESTAMPTZ, CODEC(timestamptz)},
	{INTERVALOID, "interval", 16, INTERVALARRAYOID, PGV_INTERVAL, CODEC(interval)},
	/* timetz: passed through as text, no binary form */
	{TIMETZOID, "timetz", 12, TIMETZARRAYOID, PGV_TEXT,
	pgt_text_in, pgt_text_out, NULL, NULL},
	{NUMERICOID, "numeric", -1, NUMERICARRAYOID, PGV_NUMERIC, CODEC(numeric)},
	{UUIDOID, "uuid", 16, UUIDARRAYOID, PGV_UUID, CODEC(uuid)},
	{JSONBOID, "jsonb", -1, JSONBARRAYOID, PGV_TEXT,
	pgt_text_in, pgt_text_out, pgt_jsonb_recv, pgt_jsonb_send},
	{VECTOROID, "vector", -1, VECTORARRAYOID, PGV_VECTOR, CODEC(vector)},
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
	{"time with time zone", TIMETZOID},
	{"blob", BYTEAOID},
};

/* The type whose values are of each kind, to print a value of another type. */
static const uint32_t kind_type[] = {
	[PGV_NULL] = TEXTOID,
	[PGV_BOOL] = BOOLOID,
	[PGV_INT] = INT8OID,
	[PGV_FLOAT4] = FLOAT4OID,
	[PGV_FLOAT8] = FLOAT8OID,
	[PGV_NUMERIC] = NUMERICOID,
	[PGV_TEXT] = TEXTOID,
	[PGV_BYTES] = BYTEAOID,
	[PGV_DATE] = DATEOID,
	[PGV_TIME] = TIMEOID,
	[PGV_TIMESTAMP] = TIMESTAMPOID,
	[PGV_TIMESTAMPTZ] = TIMESTAMPTZOID,
	[PGV_INTERVAL] = INTERVALOID,
	[PGV_UUID] = UUIDOID,
	[PGV_VECTOR] = VECTOROID,
};

/* ---- lookup ---- */

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

size_t
pgtype_count(void)
{
	return lengthof(type_table);
}

const PgType *
pgtype_at(size_t i)
{
	return i < lengthof(type_table) ? &type_table[i] : NULL;
}

const PgType *
pgtype_by_name(const char *name)
{
	int			first = tolower((unsigned char) name[0]);

	/* the first letter rejects most names before a call */
	for (size_t i = 0; i < lengthof(type_table); i++)
	{
		if (type_table[i].name[0] == first && strcasecmp(type_table[i].name, name) == 0)
			return &type_table[i];
	}
	for (size_t i = 0; i < lengthof(type_aliases); i++)
	{
		if (type_aliases[i].alias[0] == first && strcasecmp(type_aliases[i].alias, name) == 0)
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

/* An unknown OID converts as text, as PostgreSQL's unknown type does. */
static const PgType *
type_or_text(uint32_t oid)
{
	const PgType *t = pgtype_by_oid(oid);

	return t ? t : pgtype_by_oid(TEXTOID);
}

static bool
kind_fits(const PgType *t, PgValueKind kind)
{
	return kind == t->kind || (t->kind == PGV_NUMERIC && kind == PGV_TEXT);
}

/* ---- conversions ---- */

bool
pgtype_input(uint32_t oid, const char *text, size_t len, int32_t typmod,
			 PgValue *out, Buf *scratch, PgError *err)
{
	return type_or_text(oid)->input(text, len, typmod, out, scratch, err);
}

void
pgtype_output(uint32_t oid, const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	const PgType *t = type_or_text(oid);

	if (v->kind == PGV_NULL)
		return;
	if (!kind_fits(t, v->kind))
		t = pgtype_by_oid(kind_type[v->kind]);
	t->output(v, fmt, out);
}

bool
pgtype_receive(uint32_t oid, const uint8_t *data, size_t len, PgValue *out,
			   Buf *scratch, PgError *err)
{
	const PgType *t = type_or_text(oid);

	if (t->receive == NULL)
	{
		pgerr_set(err, ERRCODE_UNDEFINED_FUNCTION,
				  "no binary input function available for type %s", t->name);
		return false;
	}
	return t->receive(data, len, out, scratch, err);
}

bool
pgtype_receive_param(uint32_t oid, int paramno, const uint8_t *data, size_t len,
					 PgValue *out, Buf *scratch, PgError *err)
{
	if (pgtype_receive(oid, data, len, out, scratch, err))
		return true;
	if (strcmp(err->sqlstate, ERRCODE_INVALID_BINARY_REPRESENTATION) == 0 &&
		strcmp(err->message, PGT_TRAILING_MESSAGE) == 0)
		pgerr_set(err, ERRCODE_INVALID_BINARY_REPRESENTATION,
				  PGT_TRAILING_MESSAGE " in bind parameter %d", paramno);
	return false;
}

bool
pgtype_send(uint32_t oid, const PgValue *v, Buf *out, PgError *err)
{
	const PgType *t = type_or_text(oid);

	if (t->send == NULL)
	{
		pgerr_set(err, ERRCODE_UNDEFINED_FUNCTION,
				  "no binary output function available for type %s", t->name);
		return false;
	}
	if (!kind_fits(t, v->kind))
	{
		pgerr_set(err, ERRCODE_INTERNAL_ERROR,
				  "cannot send a value of kind %d as type %s", (int) v->kind, t->name);
		return false;
	}
	return t->send(v, out, err);
}

bool
pgtype_has_binary(uint32_t oid)
{
	return type_or_text(oid)->receive != NULL;
}

/* ---- bounded big-endian reading ---- */

bool
pgt_read_bytes(BinReader *r, size_t n, const uint8_t **p, PgError *err)
{
	if (n > r->len - r->pos)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "insufficient data left in message");
		return false;
	}
	*p = r->data + r->pos;
	r->pos += n;
	return true;
}

/* Read n (<= 8) bytes as an unsigned big-endian number. */
static bool
read_be(BinReader *r, size_t n, uint64_t *v, PgError *err)
{
	const uint8_t *p;

	if (!pgt_read_bytes(r, n, &p, err))
		return false;
	*v = 0;
	for (size_t i = 0; i < n; i++)
		*v = (*v << 8) | p[i];
	return true;
}

bool
pgt_read_byte(BinReader *r, uint8_t *v, PgError *err)
{
	if (r->pos >= r->len)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "no data left in message");
		return false;
	}
	*v = r->data[r->pos++];
	return true;
}

bool
pgt_read_u8(BinReader *r, uint8_t *v, PgError *err)
{
	uint64_t	x;

	if (!read_be(r, 1, &x, err))
		return false;
	*v = (uint8_t) x;
	return true;
}

bool
pgt_read_u16(BinReader *r, uint16_t *v, PgError *err)
{
	uint64_t	x;

	if (!read_be(r, 2, &x, err))
		return false;
	*v = (uint16_t) x;
	return true;
}

bool
pgt_read_u32(BinReader *r, uint32_t *v, PgError *err)
{
	uint64_t	x;

	if (!read_be(r, 4, &x, err))
		return false;
	*v = (uint32_t) x;
	return true;
}

bool
pgt_read_u64(BinReader *r, uint64_t *v, PgError *err)
{
	return read_be(r, 8, v, err);
}

bool
pgt_read_done(const BinReader *r, PgError *err)
{
	if (r->pos == r->len)
		return true;
	pgerr_set(err, ERRCODE_INVALID_BINARY_REPRESENTATION, PGT_TRAILING_MESSAGE);
	return false;
}

/* ---- big-endian writing ---- */

static void
put_be(Buf *out, uint64_t v, size_t n)
{
	uint8_t		b[8];

	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t) (v >> (8 * (n - 1 - i)));
	buf_append(out, b, n);
}

void
pgt_put_u16(Buf *out, uint16_t v)
{
	put_be(out, v, 2);
}

void
pgt_put_u32(Buf *out, uint32_t v)
{
	put_be(out, v, 4);
}

void
pgt_put_u64(Buf *out, uint64_t v)
{
	put_be(out, v, 8);
}

/* ---- errors and helpers ---- */

bool
pgt_fail_syntax(PgError *err, const char *typname, const char *text, size_t len)
{
	pgerr_set(err, ERRCODE_INVALID_TEXT_REPRESENTATION,
			  "invalid input syntax for type %s: \"%.*s\"", typname, (int) Min(len, 4096), text);
	return false;
}

bool
pgt_fail_range(PgError *err, const char *typname, const char *text, size_t len)
{
	pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
			  "value \"%.*s\" is out of range for type %s", (int) Min(len, 4096), text, typname);
	return false;
}

const char *
pgt_cstring(Buf *scratch, const char *text, size_t len)
{
	size_t		at = scratch->len;

	buf_append(scratch, text, len);
	buf_append_byte(scratch, '\0');
	return buf_failed(scratch) ? NULL : scratch->data + at;
}

double
pgt_rint(double x)
{
	double		whole;
	double		rest;

	/* beyond 2^52 every double is an integer */
	if (!(x > -4503599627370496.0 && x < 4503599627370496.0))
		return x;
	whole = (double) (int64_t) x;	/* truncated toward zero, exactly */
	rest = x - whole;			/* exact */
	if (rest > 0.5 || (rest == 0.5 && ((int64_t) whole & 1)))
		whole += 1;
	else if (rest < -0.5 || (rest == -0.5 && ((int64_t) whole & 1)))
		whole -= 1;
	return whole;
}
