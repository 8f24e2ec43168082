/*
 * cast_number.c
 *		Numbers for folding casts of literals: PostgreSQL's input functions
 *		of the integer, float and numeric types, and the casts among them.
 *
 * Owns: int2in/int4in/int8in (PostgreSQL 16 syntax: 0x, 0o, 0b, '_'),
 * float4in/float8in, numeric_in with numeric(p,s) and numeric_out, the
 * integer and numeric literal tokens, and the casts between numbers with
 * PostgreSQL's rounding (rint() from floats, half away from zero from
 * numeric) and range errors. Values travel as their text output.
 */
#include "translate/xl_internal.h"

#include "common/types.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NUMERIC_MAX_EXPONENT 1000	/* PostgreSQL's NUMERIC_MAX_PRECISION */
#define NUMERIC_MAX_SCALE	16383	/* NUMERIC_DSCALE_MAX */
#define NUMERIC_MAX_DIGITS	131072	/* digits before the decimal point */

static bool
is_integer(uint32_t oid)
{
	return oid == INT2OID || oid == INT4OID || oid == INT8OID;
}

static bool
is_float(uint32_t oid)
{
	return oid == FLOAT4OID || oid == FLOAT8OID;
}

/*
 * A decimal number: ±digits × 10^exponent, the digits (no leading zeros,
 * none for zero) kept in a Buf from offset from on, as written (trailing
 * zeros count for the display scale).
 */
typedef struct Decimal
{
	bool		negative;
	int			special;		/* 0, or 1 Infinity, -1 -Infinity, 2 NaN */
	size_t		from;
	size_t		ndigits;
	int64_t		exponent;
} Decimal;

typedef enum DecimalParse
{
	DEC_OK,
	DEC_SYNTAX,					/* not a number */
	DEC_RANGE,					/* exponent beyond numeric's */
	DEC_TOO_BIG					/* non-decimal integer beyond 64 bits */
} DecimalParse;

/* Cut b back to len bytes (undoing appends). */
static void
truncate_buf(Buf *b, size_t len)
{
	if (!buf_failed(b) && len < b->len)
	{
		b->len = len;
		b->data[len] = '\0';
	}
}

/* Move out[mid..) down to out[from..): text built after a work area. */
static void
drop_work_area(Buf *out, size_t from, size_t mid)
{
	if (buf_failed(out))
		return;
	memmove(out->data + from, out->data + mid, out->len - mid);
	out->len -= mid - from;
	out->data[out->len] = '\0';
}

static bool
fail_input_range(PgError *err, uint32_t oid, const char *text)
{
	pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
			  "value \"%s\" is out of range for type %s", text, xl_type_display_name(oid));
	return false;
}

/* A float input too large or too small: "1e400" is out of range for type real */
static bool
fail_float_range(PgError *err, uint32_t oid, const char *text)
{
	pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
			  "\"%s\" is out of range for type %s", text, xl_type_display_name(oid));
	return false;
}

/* A cast result out of range: "integer out of range" */
static bool
fail_cast_range(PgError *err, uint32_t oid)
{
	pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "%s out of range", xl_type_display_name(oid));
	return false;
}

/* 16, 8 or 2 for a 0x, 0o or 0b prefix at p, else 10. */
static unsigned
radix_prefix(const char *p)
{
	unsigned	radix = p[0] == '0' ? xl_radix_of_prefix(p[1]) : 0;

	return radix != 0 ? radix : 10;
}

/*
 * Digits of radix at s[*p..len), '_' allowed between digits (and right
 * after a radix prefix), as PostgreSQL 16 reads integers. False if there
 * are none or a '_' is misplaced; *overflow when the value passes 2^64-1.
 */
static bool
read_digits(const char *s, size_t len, size_t *p, unsigned radix, bool prefixed,
			uint64_t *v, bool *overflow)
{
	size_t		i = *p;
	bool		any = false;

	*v = 0;
	*overflow = false;
	while (i < len)
	{
		unsigned	d = xl_hex_digit(s[i]);

		if (s[i] == '_')
		{
			if ((!any && !prefixed) || i + 1 >= len || xl_hex_digit(s[i + 1]) >= radix)
				return false;
			i++;
			continue;
		}
		if (d >= radix)
			break;
		if (*v > (UINT64_MAX - d) / radix)
			*overflow = true;
		else
			*v = *v * radix + d;
		any = true;
		i++;
	}
	*p = i;
	return any;
}

bool
xl_integer_literal_value(const char *text, size_t len, uint64_t *value)
{
	unsigned	radix = len > 2 ? radix_prefix(text) : 10;
	size_t		p = radix == 10 ? 0 : 2;
	bool		overflow;

	(void) read_digits(text, len, &p, radix, radix != 10, value, &overflow);
	return !overflow;
}

bool
xl_integer_literal(const char *text, size_t len, Buf *out, uint32_t *type, PgError *err)
{
	uint64_t	v;

	if (xl_integer_literal_value(text, len, &v))
	{
		*type = v <= INT32_MAX ? INT4OID : v <= INT64_MAX ? INT8OID : NUMERICOID;
		buf_append_uint64(out, v);
		return true;
	}
	if (len > 2 && radix_prefix(text) != 10)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
				  "integer literal %.*s beyond 64 bits is not supported", (int) len, text);
		return false;
	}
	/* a decimal beyond 64 bits is a numeric constant */
	*type = NUMERICOID;
	for (size_t k = 0; k < len; k++)
	{
		if (text[k] != '_' && (out->len > 0 || text[k] != '0'))
			buf_append_byte(out, (uint8_t) text[k]);
	}
	return true;
}

static void
integer_range(uint32_t oid, int64_t *min, int64_t *max)
{
	*min = oid == INT2OID ? INT16_MIN : oid == INT4OID ? INT32_MIN : INT64_MIN;
	*max = oid == INT2OID ? INT16_MAX : oid == INT4OID ? INT32_MAX : INT64_MAX;
}

/* int2in, int4in, int8in: [spaces][sign][0x|0o|0b]digits[spaces] */
static bool
input_integer(uint32_t oid, const char *text, Buf *out, PgError *err)
{
	const char *s = xl_skip_spaces(text);
	size_t		len = strlen(s);
	size_t		p = 0;
	bool		negative = false;
	unsigned	radix;
	uint64_t	v;
	bool		overflow;
	int64_t		min;
	int64_t		max;

	if (s[0] == '-' || s[0] == '+')
		negative = s[p++] == '-';
	radix = radix_prefix(s + p);
	if (radix != 10)
		p += 2;
	if (!read_digits(s, len, &p, radix, radix != 10, &v, &overflow))
		return xl_fail_syntax(err, oid, text);
	while (p < len && xl_is_space(s[p]))
		p++;
	if (p != len)
		return xl_fail_syntax(err, oid, text);
	integer_range(oid, &min, &max);
	if (overflow || (negative ? v > (uint64_t) max + 1 : v > (uint64_t) max))
		return fail_input_range(err, oid, text);
	if (negative && v > 0)
		buf_append_int64(out, -(int64_t) (v - 1) - 1);
	else
		buf_append_uint64(out, v);
	return true;
}

/* ---- floats ---- */

static void
format_float(Buf *out, uint32_t oid, double v)
{
	if (oid == FLOAT4OID)
		pgtype_format_float4(out, (float) v, 1);
	else
		pgtype_format_float8(out, v, 1);
}

/* float4in, float8in */
static bool
input_float(uint32_t oid, const char *text, Buf *out, PgError *err)
{
	const char *s = xl_skip_spaces(text);
	char	   *end;
	double		v;

	if (*s == '\0')
		return xl_fail_syntax(err, oid, text);
	errno = 0;
	v = oid == FLOAT4OID ? (double) strtof(s, &end) : strtod(s, &end);
	if (end == s)
		return xl_fail_syntax(err, oid, text);
	if (errno == ERANGE && (v == 0.0 || isinf(v)))
		return fail_float_range(err, oid, text);
	if (*xl_skip_spaces(end) != '\0')
		return xl_fail_syntax(err, oid, text);
	format_float(out, oid, v);
	return true;
}

/* ---- numeric ---- */

/* Append the digits of s (decimal, '_' between digits) to work; *scale counts those after a '.' */
static bool
read_decimal_digits(const char **s, Buf *work, Decimal *d, bool *any)
{
	const char *p = *s;
	bool		point = false;

	for (;; p++)
	{
		if (*p >= '0' && *p <= '9')
		{
			if (d->ndigits > 0 || *p != '0')
			{
				buf_append_byte(work, (uint8_t) *p);
				d->ndigits++;
			}
			if (point)
				d->exponent--;
			*any = true;
		}
		else if (*p == '_')
		{
			if (p == *s || p[-1] < '0' || p[-1] > '9' || p[1] < '0' || p[1] > '9')
				return false;
		}
		else if (*p == '.' && !point)
			point = true;
		else
			break;
	}
	*s = p;
	return true;
}

/* [e[+-]digits] */
static DecimalParse
read_exponent(const char **s, Decimal *d)
{
	const char *p = *s;
	bool		negative = false;
	int64_t		e = 0;

	if ((*p | 0x20) != 'e')
		return DEC_OK;
	p++;
	if (*p == '+' || *p == '-')
		negative = *p++ == '-';
	if (*p < '0' || *p > '9')
		return DEC_SYNTAX;
	for (; *p >= '0' && *p <= '9'; p++)
	{
		if (e <= NUMERIC_MAX_EXPONENT)
			e = e * 10 + (*p - '0');
	}
	if (e > NUMERIC_MAX_EXPONENT)
		return DEC_RANGE;
	d->exponent += negative ? -e : e;
	*s = p;
	return DEC_OK;
}

/* A non-decimal integer (PostgreSQL 16's numeric_in takes 0x, 0o, 0b). */
static DecimalParse
read_prefixed_integer(const char **s, Buf *work, Decimal *d)
{
	const char *p = *s;
	size_t		len = strlen(p);
	size_t		k = 2;
	uint64_t	v;
	bool		overflow;
	char		digits[24];

	if (!read_digits(p, len, &k, radix_prefix(p), true, &v, &overflow))
		return DEC_SYNTAX;
	if (overflow)
		return DEC_TOO_BIG;
	if (v > 0)
	{
		snprintf(digits, sizeof(digits), "%llu", (unsigned long long) v);
		buf_append_str(work, digits);
		d->ndigits = strlen(digits);
	}
	*s = p + k;
	return DEC_OK;
}

/* numeric_in's syntax: the number's digits go to work. */
static DecimalParse
parse_decimal(const char *text, Buf *work, Decimal *d)
{
	const char *p = xl_skip_spaces(text);
	bool		any = false;
	DecimalParse r = DEC_OK;

	memset(d, 0, sizeof(*d));
	d->from = work->len;
	if (strncasecmp(p, "nan", 3) == 0)
	{
		d->special = 2;
		p += 3;
	}
	else
	{
		if (*p == '+' || *p == '-')
			d->negative = *p++ == '-';
		if (strncasecmp(p, "infinity", 8) == 0 || strncasecmp(p, "inf", 3) == 0)
		{
			d->special = d->negative ? -1 : 1;
			p += strncasecmp(p, "infinity", 8) == 0 ? 8 : 3;
		}
		else if (radix_prefix(p) != 10)
			r = read_prefixed_integer(&p, work, d);
		else if (!read_decimal_digits(&p, work, d, &any) || !any)
			r = DEC_SYNTAX;
		else
			r = read_exponent(&p, d);
	}
	if (r == DEC_OK && *xl_skip_spaces(p) != '\0')
		r = DEC_SYNTAX;
	if (r == DEC_OK && d->ndigits > 0 &&
		((int64_t) d->ndigits + d->exponent > NUMERIC_MAX_DIGITS || -d->exponent > NUMERIC_MAX_SCALE))
		r = DEC_RANGE;
	return r;
}

/* numeric_out */
static void
format_decimal(Buf *out, const Decimal *d, const char *digits)
{
	int64_t		int_len = (int64_t) d->ndigits + d->exponent;

	if (d->special != 0)
	{
		buf_append_str(out, d->special == 2 ? "NaN" : d->special > 0 ? "Infinity" : "-Infinity");
		return;
	}
	if (d->negative && d->ndigits > 0)
		buf_append_byte(out, '-');
	if (d->ndigits == 0 || int_len <= 0)
		buf_append_byte(out, '0');
	else
	{
		buf_append(out, digits, (size_t) Min(int_len, (int64_t) d->ndigits));
		for (int64_t k = d->ndigits; k < int_len; k++)
			buf_append_byte(out, '0');
	}
	if (d->exponent >= 0)
		return;
	buf_append_byte(out, '.');
	for (int64_t k = int_len; k < 0 && d->ndigits > 0; k++)
		buf_append_byte(out, '0');
	if (d->ndigits == 0)
	{
		for (int64_t k = d->exponent; k < 0; k++)
			buf_append_byte(out, '0');
	}
	else
		buf_append(out, digits + Max(int_len, 0), d->ndigits - (size_t) Max(int_len, 0));
}

/* Round d to scale digits after the point, half away from zero (numeric's round). */
static void
round_decimal(Decimal *d, Buf *work, int32_t scale)
{
	int64_t		cut = -(int64_t) scale - d->exponent;
	int64_t		keep = (int64_t) d->ndigits - cut;
	char	   *digits;
	bool		up;

	if (d->special != 0 || buf_failed(work))
		return;
	if (cut <= 0)
	{
		for (; d->ndigits > 0 && cut < 0; cut++, d->ndigits++, d->exponent--)
			buf_append_byte(work, '0');
		if (d->ndigits == 0)
			d->exponent = -scale;
		return;
	}
	/* keep >= 0 means there are digits, so work->data is allocated */
	up = keep >= 0 && work->data[d->from + keep] >= '5';
	d->ndigits = (size_t) Max(keep, 0);
	d->exponent = -scale;
	truncate_buf(work, d->from + d->ndigits);
	if (!up)
		return;
	digits = work->data + d->from;
	for (int64_t k = (int64_t) d->ndigits - 1; k >= 0; k--)
	{
		if (digits[k] != '9')
		{
			digits[k]++;
			return;
		}
		digits[k] = '0';
	}
	/* all nines (or nothing kept): one more digit in front */
	buf_append_byte(work, '0');
	if (buf_failed(work))
		return;
	digits = work->data + d->from;
	memmove(digits + 1, digits, d->ndigits);
	digits[0] = '1';
	d->ndigits++;
}

/* numeric(p, s): round to s digits, then at most p - s before the point. */
static bool
apply_numeric_typmod(Decimal *d, Buf *work, const XlType *t, PgError *err)
{
	int32_t		maxdigits = t->precision - t->scale;

	if (t->precision < 0)
		return true;
	if (d->special == 1 || d->special == -1)
	{
		pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow");
		pgerr_set_detail(err, "A field with precision %d, scale %d cannot hold an infinite value.",
						 t->precision, t->scale);
		return false;
	}
	round_decimal(d, work, t->scale);
	if (d->special == 0 && d->ndigits > 0 && (int64_t) d->ndigits + d->exponent > maxdigits)
	{
		pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow");
		pgerr_set_detail(err, "A field with precision %d, scale %d must round to an absolute value less than %s%d.",
						 t->precision, t->scale, maxdigits ? "10^" : "", maxdigits ? maxdigits : 1);
		return false;
	}
	return true;
}

/* numeric_in with the modifiers of t; the digits are worked on at the end of out. */
static bool
input_numeric(const XlType *t, const char *text, Buf *out, PgError *err)
{
	Decimal		d;
	size_t		mid;
	DecimalParse r = parse_decimal(text, out, &d);

	if (r != DEC_OK)
		truncate_buf(out, d.from);
	if (r == DEC_SYNTAX)
		return xl_fail_syntax(err, NUMERICOID, text);
	if (r == DEC_RANGE)
	{
		pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
		return false;
	}
	if (r == DEC_TOO_BIG)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
				  "numeric input \"%s\" beyond 64 bits is not supported", text);
		return false;
	}
	if (!apply_numeric_typmod(&d, out, t, err))
	{
		truncate_buf(out, d.from);
		return false;
	}
	mid = out->len;
	/* room first: the digits are read from out while it grows */
	if (buf_reserve(out, 4 + d.ndigits + (size_t) (d.exponent < 0 ? -d.exponent : d.exponent)))
		format_decimal(out, &d, out->data + d.from);
	drop_work_area(out, d.from, mid);
	return true;
}

bool
xl_numeric_literal(const char *text, size_t len, Buf *scratch, Buf *out, PgError *err)
{
	XlType		t = {NUMERICOID, -1, -1, 0};

	/* the token is not NUL-terminated: read a copy */
	buf_reset(scratch);
	buf_append(scratch, text, len);
	if (buf_failed(scratch))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	return input_numeric(&t, scratch->data, out, err);
}

/* ---- casts between constants ---- */

/* A float constant's value, as the type holds it. */
static double
float_value(uint32_t oid, const char *text)
{
	return oid == FLOAT4OID ? (double) strtof(text, NULL) : strtod(text, NULL);
}

/* numeric -> int: round half away from zero */
static bool
numeric_to_int64(const char *text, Buf *work, int64_t *v, uint32_t to, PgError *err)
{
	Decimal		d;
	uint64_t	u = 0;
	bool		overflow = false;

	if (parse_decimal(text, work, &d) != DEC_OK || d.special != 0)
	{
		truncate_buf(work, d.from);
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "cannot convert %s to %s",
				  d.special == 2 ? "NaN" : "infinity", xl_type_display_name(to));
		return false;
	}
	round_decimal(&d, work, 0);
	if (buf_failed(work))
		return false;
	for (size_t k = 0; k < d.ndigits + (size_t) d.exponent && !overflow; k++)
	{
		unsigned	digit = k < d.ndigits ? (unsigned) (work->data[d.from + k] - '0') : 0;

		overflow = u > (UINT64_MAX - digit) / 10;
		u = u * 10 + digit;
	}
	truncate_buf(work, d.from);
	if (overflow || u > (uint64_t) INT64_MAX + (d.negative ? 1 : 0))
		return fail_cast_range(err, to);
	*v = d.negative && u > 0 ? -(int64_t) (u - 1) - 1 : (int64_t) u;
	return true;
}

static bool
cast_to_integer(uint32_t from, uint32_t to, const char *text, Buf *out, PgError *err)
{
	int64_t		v = 0;
	int64_t		min;
	int64_t		max;

	integer_range(to, &min, &max);
	if (is_integer(from))
		v = strtoll(text, NULL, 10);
	else if (is_float(from))
	{
		double		f = rint(float_value(from, text));

		/* float8_int4() and friends: rint(), then the range */
		if (isnan(f) || f < (double) min || f >= -(double) min)
			return fail_cast_range(err, to);
		v = (int64_t) f;
	}
	else if (!numeric_to_int64(text, out, &v, to, err))
		return false;
	if (v < min || v > max)
		return fail_cast_range(err, to);
	buf_append_int64(out, v);
	return true;
}

static bool
cast_to_float(uint32_t from, uint32_t to, const char *text, Buf *out, PgError *err)
{
	double		v;

	errno = 0;
	v = float_value(from, text);
	if (from == NUMERICOID && errno == ERANGE && (v == 0.0 || isinf(v)))
		return fail_float_range(err, FLOAT8OID, text);
	if (to == FLOAT4OID && from == FLOAT8OID)
	{
		/* float8_to_float4() */
		float		f = (float) v;

		if ((isinf(f) && !isinf(v)) || (f == 0.0f && v != 0.0))
		{
			pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: %s",
					  isinf(f) ? "overflow" : "underflow");
			return false;
		}
	}
	format_float(out, to, v);
	return true;
}

static bool
cast_to_numeric(uint32_t from, const XlType *t, const char *text, Buf *out, PgError *err)
{
	char		digits[40];

	if (is_float(from))
	{
		/* float8_numeric(): 15 significant digits (float4: 6) */
		double		v = float_value(from, text);

		if (isnan(v) || isinf(v))
			snprintf(digits, sizeof(digits), "%s", isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
		else
			snprintf(digits, sizeof(digits), "%.*g", from == FLOAT4OID ? 6 : 15, v);
		text = digits;
	}
	return input_numeric(t, text, out, err);
}

bool
xl_number_input(const XlType *t, const char *text, Buf *out, PgError *err)
{
	if (is_integer(t->oid))
		return input_integer(t->oid, text, out, err);
	if (is_float(t->oid))
		return input_float(t->oid, text, out, err);
	return input_numeric(t, text, out, err);
}

bool
xl_number_cast(uint32_t from, const XlType *t, const char *text, Buf *out, PgError *err)
{
	if (is_integer(t->oid))
		return cast_to_integer(from, t->oid, text, out, err);
	if (is_float(t->oid))
		return cast_to_float(from, t->oid, text, out, err);
	return cast_to_numeric(from, t, text, out, err);
}
