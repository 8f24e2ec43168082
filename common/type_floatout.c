/*
 * type_floatout.c
 *		Printing float4 and float8 as PostgreSQL 15's float4out/float8out:
 *		with extra_float_digits > 0 the shortest text that reads back
 *		exactly, chosen as its Ryu code chooses it (never a decimal lying
 *		exactly halfway to a neighbouring float); otherwise %g with 6 or 15
 *		plus extra_float_digits digits. vector output uses it too.
 *
 * Works through the C library's correctly rounded printf and strtod.
 */
#include "common/type_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* x = odd * 2^exp exactly (x > 0). */
static void
odd_form(uint64_t x, int exp, uint64_t *odd, int *exp2)
{
	while ((x & 1) == 0)
	{
		x >>= 1;
		exp++;
	}
	*odd = x;
	*exp2 = exp;
}

/* The finite float/double with these bits as mantissa * 2^exp. */
static bool
binary_parts(uint64_t bits, bool is_float4, uint64_t *mantissa, int *exp)
{
	int			mbits = is_float4 ? 23 : 52;
	int			emax = is_float4 ? 0xff : 0x7ff;
	int			bias = is_float4 ? 150 : 1075;
	int			ef = (int) (bits >> mbits);
	uint64_t	fraction = bits & ((UINT64_C(1) << mbits) - 1);

	if (ef == emax)
		return false;
	*mantissa = ef == 0 ? fraction : fraction | (UINT64_C(1) << mbits);
	*exp = ef == 0 ? 1 - bias : ef - bias;
	return *mantissa != 0;
}

/* The midpoint between the positive float with bits a and its neighbour b. */
static bool
midpoint(uint64_t a, uint64_t b, bool is_float4, uint64_t *odd, int *exp)
{
	uint64_t	ma,
				mb;
	int			ea,
				eb,
				emin;

	if (!binary_parts(a, is_float4, &ma, &ea))
		return false;
	if (b == 0)
	{
		mb = 0;					/* below the smallest denormal */
		eb = ea;
	}
	else if (!binary_parts(b, is_float4, &mb, &eb))
		return false;			/* above the largest finite value */
	emin = Min(ea, eb);
	odd_form((ma << (ea - emin)) + (mb << (eb - emin)), emin - 1, odd, exp);
	return true;
}

/* The decimal [-]d.ddde[+-]x as odd * 2^exp, if it is a binary fraction that fits. */
static bool
decimal_as_binary(const char *text, uint64_t *odd, int *exp)
{
	uint64_t	n = 0;
	int			ndigits = 0;
	int			k;
	const char *p = text;

	for (; *p && *p != 'e'; p++)
	{
		if (*p >= '0' && *p <= '9')
		{
			n = n * 10 + (uint64_t) (*p - '0');
			ndigits++;
		}
	}
	k = (int) strtol(p + 1, NULL, 10) - (ndigits - 1);
	if (n == 0)
		return false;
	/* n * 10^k = n * 5^k * 2^k */
	for (int i = 0; i < k; i++)
	{
		if (n > UINT64_MAX / 5)
			return false;		/* far wider than any midpoint */
		n *= 5;
	}
	for (int i = 0; i < -k; i++)
	{
		if (n % 5 != 0)
			return false;		/* not a binary fraction */
		n /= 5;
	}
	odd_form(n, k, odd, exp);
	return true;
}

/*
 * PostgreSQL's Ryu printer never takes a decimal lying exactly halfway to
 * a neighbouring float, even one that would read back (acceptBounds is
 * off). Compared exactly, as odd * 2^exp.
 */
static bool
is_exact_midpoint(const char *text, double v, bool is_float4)
{
	uint64_t	bits;
	uint64_t	dodd,
				modd;
	int			dexp,
				mexp;

	if (is_float4)
	{
		float		f = (float) v;
		uint32_t	b32;

		memcpy(&b32, &f, sizeof(b32));
		bits = b32 & 0x7fffffffu;
	}
	else
	{
		memcpy(&bits, &v, sizeof(bits));
		bits &= ~(UINT64_C(1) << 63);
	}
	if (!decimal_as_binary(text, &dodd, &dexp))
		return false;
	return (midpoint(bits, bits + 1, is_float4, &modd, &mexp) && modd == dodd && mexp == dexp) ||
		(midpoint(bits, bits - 1, is_float4, &modd, &mexp) && modd == dodd && mexp == dexp);
}

/* The text reads back as v and is not a midpoint: Ryu would print it. */
static bool
is_acceptable(const char *text, double v, bool is_float4)
{
	bool		same = is_float4 ? (strtof(text, NULL) == (float) v) : (strtod(text, NULL) == v);

	return same && !is_exact_midpoint(text, v, is_float4);
}

/*
 * The [-]d.ddde[+-]x text one unit of its last digit up (dir 1) or down
 * (dir -1) in magnitude, with as many digits.
 */
static void
step_decimal(const char *text, int dir, char *out, size_t size)
{
	uint64_t	n = 0;
	uint64_t	top = 1;
	int			ndigits = 0;
	const char *p = text;
	long		exp;
	char		digits[24];

	for (; *p && *p != 'e'; p++)
	{
		if (*p >= '0' && *p <= '9')
		{
			n = n * 10 + (uint64_t) (*p - '0');
			ndigits++;
			top *= 10;
		}
	}
	exp = strtol(p + 1, NULL, 10);
	n = dir > 0 ? n + 1 : n - 1;
	if (n == top)				/* 9.99 + 1 unit = 1.00e(x+1) */
	{
		n /= 10;
		exp++;
	}
	else if (n < top / 10)		/* 1.00 - 1 unit = 9.99e(x-1) */
	{
		n = top - 1;
		exp--;
	}
	/* n has ndigits digits again: d, then .ddd when there are more */
	snprintf(digits, sizeof(digits), "%llu", (unsigned long long) n);
	snprintf(out, size, "%s%c%s%se%+ld", text[0] == '-' ? "-" : "", digits[0],
			 ndigits > 1 ? "." : "", digits + 1, exp);
}

/*
 * Shortest digits PostgreSQL prints for v: fills digits (no dot, no sign)
 * and the decimal exponent of the first digit. For each precision, the
 * correctly rounded text, or else the next decimal on the far side (where
 * the gap to the neighbouring float is wider, at a power of two).
 */
static void
shortest_digits(double v, bool is_float4, char *digits, size_t size, int *exponent)
{
	int			maxprec = is_float4 ? 9 : 17;
	char		text[48];
	char		other[48];
	const char *p = text;
	size_t		n = 0;

	for (int prec = 1; prec <= maxprec; prec++)
	{
		snprintf(text, sizeof(text), "%.*e", prec - 1, v);
		if (is_acceptable(text, v, is_float4) || prec == maxprec)
			break;
		step_decimal(text, 1, other, sizeof(other));
		if (!is_acceptable(other, v, is_float4))
			step_decimal(text, -1, other, sizeof(other));
		if (is_acceptable(other, v, is_float4))
		{
			memcpy(text, other, sizeof(text));
			break;
		}
	}
	/* text is [-]d[.ddd]e[+-]xx */
	if (*p == '-')
		p++;
	for (; *p && *p != 'e'; p++)
	{
		if (*p != '.' && n < size - 1)
			digits[n++] = *p;
	}
	*exponent = (int) strtol(p + 1, NULL, 10);
	/* drop trailing zeros (only possible at maxprec) */
	while (n > 1 && digits[n - 1] == '0')
		n--;
	digits[n] = '\0';
}

void
pgt_format_float_shortest(Buf *out, double v, bool is_float4)
{
	char		digits[32];
	int			exp;
	int			ndigits;
	int			threshold = is_float4 ? 6 : 15;

	if (format_special_float(out, v))
		return;
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
	if (extra_float_digits > 0)
		pgt_format_float_shortest(out, v, false);
	else if (!format_special_float(out, v))
		buf_appendf(out, "%.*g", Max(1, 15 + extra_float_digits), v);
}

void
pgtype_format_float4(Buf *out, float v, int extra_float_digits)
{
	if (extra_float_digits > 0)
		pgt_format_float_shortest(out, v, true);
	else if (!format_special_float(out, v))
		buf_appendf(out, "%.*g", Max(1, 6 + extra_float_digits), (double) v);
}
