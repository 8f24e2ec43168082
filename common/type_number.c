/*
 * type_number.c
 *		bool, int2, int4, int8, oid, float4, float8: text input as
 *		PostgreSQL 15's boolin, pg_strtoint*, oidin and float*in, output as
 *		boolout, int*out and float*out (extra_float_digits), binary as their
 *		big-endian send/recv.
 *
 * Binary floats keep every bit, NaN payloads included; their text is
 * printed by type_floatout.c.
 */
#include "common/type_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- bool ---- */

/* boolin: a unique prefix of true/false/yes/no, on/off, 1/0, any case. */
static bool
parse_bool(const char *s, size_t n, bool *v)
{
	static const struct
	{
		const char *word;
		size_t		min;		/* shortest accepted prefix */
		bool		value;
	}			words[] = {
		{"true", 1, true}, {"false", 1, false}, {"yes", 1, true},
		{"no", 1, false}, {"on", 2, true}, {"off", 2, false},
		{"1", 1, true}, {"0", 1, false},
	};

	for (size_t i = 0; i < lengthof(words); i++)
	{
		if (n >= words[i].min && n <= strlen(words[i].word) &&
			strncasecmp(s, words[i].word, n) == 0)
		{
			*v = words[i].value;
			return true;
		}
	}
	return false;
}

bool
pgt_bool_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			Buf *scratch, PgError *err)
{
	size_t		start = 0;
	size_t		end = len;

	(void) typmod;
	(void) scratch;
	while (start < end && pgt_is_space(text[start]))
		start++;
	while (end > start && pgt_is_space(text[end - 1]))
		end--;
	out->kind = PGV_BOOL;
	if (memchr(text + start, '\0', end - start) == NULL &&
		parse_bool(text + start, end - start, &out->u.b))
		return true;
	return pgt_fail_syntax(err, "boolean", text, len);
}

void
pgt_bool_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	(void) fmt;
	pgtype_format_bool(out, v->u.b);
}

bool
pgt_bool_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	BinReader	r;
	uint8_t		b;

	(void) scratch;
	pgt_reader_init(&r, data, len);
	if (!pgt_read_byte(&r, &b, err) || !pgt_read_done(&r, err))
		return false;
	out->kind = PGV_BOOL;
	out->u.b = (b != 0);
	return true;
}

bool
pgt_bool_send(const PgValue *v, Buf *out, PgError *err)
{
	(void) err;
	buf_append_byte(out, v->u.b ? 1 : 0);
	return true;
}

void
pgtype_format_bool(Buf *out, bool v)
{
	buf_append_byte(out, v ? 't' : 'f');
}

/* ---- integers ---- */

/*
 * pg_strtoint16/32/64 of PostgreSQL 15: optional spaces, sign, at least one
 * digit, optional spaces. Overflow is reported as soon as it happens.
 */
static bool
parse_int(const char *text, size_t len, int64_t min, int64_t max,
		  const char *typname, PgValue *out, PgError *err)
{
	size_t		p = 0;
	bool		neg = false;
	uint64_t	limit;
	uint64_t	mag = 0;

	while (p < len && pgt_is_space(text[p]))
		p++;
	if (p < len && (text[p] == '-' || text[p] == '+'))
		neg = (text[p++] == '-');
	if (p >= len || text[p] < '0' || text[p] > '9')
		return pgt_fail_syntax(err, typname, text, len);
	limit = neg ? (uint64_t) (-(min + 1)) + 1 : (uint64_t) max;
	while (p < len && text[p] >= '0' && text[p] <= '9')
	{
		unsigned	d = (unsigned) (text[p++] - '0');

		if (mag > (limit - d) / 10)
			return pgt_fail_range(err, typname, text, len);
		mag = mag * 10 + d;
	}
	while (p < len && pgt_is_space(text[p]))
		p++;
	if (p != len)
		return pgt_fail_syntax(err, typname, text, len);
	out->kind = PGV_INT;
	out->u.i = neg ? (int64_t) (0 - mag) : (int64_t) mag;
	return true;
}

bool
pgt_int2_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			Buf *scratch, PgError *err)
{
	(void) typmod;
	(void) scratch;
	return parse_int(text, len, INT16_MIN, INT16_MAX, "smallint", out, err);
}

bool
pgt_int4_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			Buf *scratch, PgError *err)
{
	(void) typmod;
	(void) scratch;
	return parse_int(text, len, INT32_MIN, INT32_MAX, "integer", out, err);
}

bool
pgt_int8_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			Buf *scratch, PgError *err)
{
	(void) typmod;
	(void) scratch;
	return parse_int(text, len, INT64_MIN, INT64_MAX, "bigint", out, err);
}

/*
 * oidin (uint32in_subr): strtoul in base 10, so a minus sign wraps; values
 * that are neither a uint32 nor an int32 are out of range.
 */
bool
pgt_oid_in(const char *text, size_t len, int32_t typmod, PgValue *out,
		   Buf *scratch, PgError *err)
{
	const char *s = pgt_cstring(scratch, text, len);
	char	   *end;
	unsigned long cvt;
	size_t		p;

	(void) typmod;
	if (s == NULL || len == 0)
		return pgt_fail_syntax(err, "oid", text, len);
	errno = 0;
	cvt = strtoul(s, &end, 10);
	if (end == s)
		return pgt_fail_syntax(err, "oid", text, len);
	if (errno == ERANGE)
		return pgt_fail_range(err, "oid", text, len);
	for (p = (size_t) (end - s); p < len && pgt_is_space(text[p]); p++)
		;
	if (p != len)
		return pgt_fail_syntax(err, "oid", text, len);
	if (cvt != (unsigned long) (uint32_t) cvt &&
		cvt != (unsigned long) (long) (int32_t) (uint32_t) cvt)
		return pgt_fail_range(err, "oid", text, len);
	out->kind = PGV_INT;
	out->u.i = (uint32_t) cvt;
	return true;
}

void
pgt_int_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	(void) fmt;
	pgtype_format_int(out, v->u.i);
}

void
pgtype_format_int(Buf *out, int64_t v)
{
	char		digits[24];
	size_t		n = sizeof(digits);
	uint64_t	u = v < 0 ? 0 - (uint64_t) v : (uint64_t) v;

	/* digits from the right: no printf for the commonest value of all */
	do
	{
		digits[--n] = (char) ('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		digits[--n] = '-';
	buf_append(out, digits + n, sizeof(digits) - n);
}

/* Read a big-endian integer of n bytes, sign-extended unless is_unsigned. */
static bool
recv_int(const uint8_t *data, size_t len, size_t n, bool is_unsigned,
		 PgValue *out, PgError *err)
{
	BinReader	r;
	uint64_t	v;
	uint32_t	v32;
	uint16_t	v16;

	pgt_reader_init(&r, data, len);
	if (n == 2 && pgt_read_u16(&r, &v16, err))
		v = is_unsigned ? v16 : (uint64_t) (int64_t) (int16_t) v16;
	else if (n == 4 && pgt_read_u32(&r, &v32, err))
		v = is_unsigned ? v32 : (uint64_t) (int64_t) (int32_t) v32;
	else if (n != 8 || !pgt_read_u64(&r, &v, err))
		return false;
	if (!pgt_read_done(&r, err))
		return false;
	out->kind = PGV_INT;
	out->u.i = (int64_t) v;
	return true;
}

bool
pgt_int2_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	(void) scratch;
	return recv_int(data, len, 2, false, out, err);
}

bool
pgt_int4_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	(void) scratch;
	return recv_int(data, len, 4, false, out, err);
}

bool
pgt_int8_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	(void) scratch;
	return recv_int(data, len, 8, false, out, err);
}

bool
pgt_oid_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	(void) scratch;
	return recv_int(data, len, 4, true, out, err);
}

/* A value built elsewhere may not fit the type it is sent as. */
static bool
check_send_range(int64_t v, int64_t min, int64_t max, const char *typname, PgError *err)
{
	if (v >= min && v <= max)
		return true;
	pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "%s out of range", typname);
	return false;
}

bool
pgt_int2_send(const PgValue *v, Buf *out, PgError *err)
{
	if (!check_send_range(v->u.i, INT16_MIN, INT16_MAX, "smallint", err))
		return false;
	pgt_put_u16(out, (uint16_t) v->u.i);
	return true;
}

bool
pgt_int4_send(const PgValue *v, Buf *out, PgError *err)
{
	if (!check_send_range(v->u.i, INT32_MIN, INT32_MAX, "integer", err))
		return false;
	pgt_put_u32(out, (uint32_t) v->u.i);
	return true;
}

bool
pgt_int8_send(const PgValue *v, Buf *out, PgError *err)
{
	(void) err;
	pgt_put_u64(out, (uint64_t) v->u.i);
	return true;
}

bool
pgt_oid_send(const PgValue *v, Buf *out, PgError *err)
{
	if (!check_send_range(v->u.i, INT32_MIN, UINT32_MAX, "OID", err))
		return false;
	pgt_put_u32(out, (uint32_t) v->u.i);
	return true;
}

/* ---- floats ---- */

/*
 * float8in/float4in: strtod/strtof after leading spaces, the spellings of
 * NaN and infinity, trailing spaces. Overflow and underflow to zero are
 * out of range (denormals are fine).
 */
static bool
parse_float(const char *text, size_t len, bool is_float4, double *v,
			Buf *scratch, PgError *err)
{
	static const struct
	{
		const char *word;
		double		value;
	}			specials[] = {
		{"NaN", NAN}, {"Infinity", INFINITY}, {"+Infinity", INFINITY},
		{"-Infinity", -INFINITY}, {"inf", INFINITY}, {"+inf", INFINITY},
		{"-inf", -INFINITY},
	};
	const char *typname = is_float4 ? "real" : "double precision";
	const char *s = pgt_cstring(scratch, text, len);
	const char *num;
	char	   *end;
	size_t		p;

	if (s == NULL)
		return pgt_fail_syntax(err, typname, text, len);
	for (num = s; *num && pgt_is_space(*num); num++)
		;
	if (*num == '\0')
		return pgt_fail_syntax(err, typname, text, len);
	errno = 0;
	*v = is_float4 ? (double) strtof(num, &end) : strtod(num, &end);
	if (end == num || errno != 0)
	{
		size_t		i;

		for (i = 0; i < lengthof(specials); i++)
		{
			size_t		n = strlen(specials[i].word);

			if (strncasecmp(num, specials[i].word, n) == 0)
			{
				*v = specials[i].value;
				end = (char *) num + n;
				break;
			}
		}
		if (i == lengthof(specials))
		{
			if (errno != ERANGE)
				return pgt_fail_syntax(err, typname, text, len);
			if (*v == 0.0 || isinf(*v))
			{
				/* float8in shows the number, float4in the whole input */
				pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
						  "\"%.*s\" is out of range for type %s",
						  is_float4 ? (int) Min(len, 4096) : (int) (end - num),
						  is_float4 ? text : num, typname);
				return false;
			}
		}
	}
	for (p = (size_t) (end - s); p < len && pgt_is_space(text[p]); p++)
		;
	if (p != len)
		return pgt_fail_syntax(err, typname, text, len);
	return true;
}

bool
pgt_float4_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			  Buf *scratch, PgError *err)
{
	double		v;

	(void) typmod;
	if (!parse_float(text, len, true, &v, scratch, err))
		return false;
	out->kind = PGV_FLOAT4;
	out->u.f4 = (float) v;
	return true;
}

bool
pgt_float8_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			  Buf *scratch, PgError *err)
{
	double		v;

	(void) typmod;
	if (!parse_float(text, len, false, &v, scratch, err))
		return false;
	out->kind = PGV_FLOAT8;
	out->u.f8 = v;
	return true;
}

void
pgt_float4_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	pgtype_format_float4(out, v->u.f4, fmt ? fmt->extra_float_digits : 1);
}

void
pgt_float8_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	pgtype_format_float8(out, v->u.f8, fmt ? fmt->extra_float_digits : 1);
}

bool
pgt_float4_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	BinReader	r;
	uint32_t	bits;

	(void) scratch;
	pgt_reader_init(&r, data, len);
	if (!pgt_read_u32(&r, &bits, err) || !pgt_read_done(&r, err))
		return false;
	out->kind = PGV_FLOAT4;
	memcpy(&out->u.f4, &bits, 4);
	return true;
}

bool
pgt_float8_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	BinReader	r;
	uint64_t	bits;

	(void) scratch;
	pgt_reader_init(&r, data, len);
	if (!pgt_read_u64(&r, &bits, err) || !pgt_read_done(&r, err))
		return false;
	out->kind = PGV_FLOAT8;
	memcpy(&out->u.f8, &bits, 8);
	return true;
}

bool
pgt_float4_send(const PgValue *v, Buf *out, PgError *err)
{
	uint32_t	bits;

	(void) err;
	memcpy(&bits, &v->u.f4, 4);
	pgt_put_u32(out, bits);
	return true;
}

bool
pgt_float8_send(const PgValue *v, Buf *out, PgError *err)
{
	uint64_t	bits;

	(void) err;
	memcpy(&bits, &v->u.f8, 8);
	pgt_put_u64(out, bits);
	return true;
}
