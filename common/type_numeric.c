/*
 * type_numeric.c
 *		numeric: text input as PostgreSQL 15's numeric_in (typmod rounding
 *		included), output, and numeric_send/numeric_recv's binary form
 *		(ndigits, weight, sign, dscale, base-10000 digits).
 *
 * A value is its canonical decimal text (PGV_NUMERIC), exactly what
 * numeric_out prints. Conversions go digit by digit over that text or the
 * received groups, never through a double, so any length is exact.
 */
#include "common/type_internal.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#define NUMERIC_POS			0x0000
#define NUMERIC_NEG			0x4000
#define NUMERIC_NAN			0xC000
#define NUMERIC_PINF		0xD000
#define NUMERIC_NINF		0xF000
#define NUMERIC_DSCALE_MAX	0x3FFF
#define NUMERIC_WEIGHT_MAX	32767
#define NUMERIC_SPECIAL_DSCALE_INF 32	/* what numeric_send reports for +-Infinity */

typedef enum NumKind
{
	NUM_FINITE,
	NUM_NAN,
	NUM_PINF,
	NUM_NINF
} NumKind;

/*
 * The decimal digits of a finite value, either as text (two runs of digit
 * characters around the decimal point, shifted by an exponent) or as
 * received base-10000 groups. Powers of ten count from 0 at the units.
 */
typedef struct DigitSeq
{
	bool		grouped;
	/* text */
	const char *ip;				/* integer-part digits as written */
	size_t		ilen;
	const char *fp;				/* fraction digits as written */
	size_t		flen;
	int64_t		exponent;
	/* binary */
	const uint8_t *groups;		/* big-endian uint16 each */
	int			ngroups;
	int			weight;
} DigitSeq;

typedef struct ParsedNumeric
{
	NumKind		kind;
	bool		neg;
	int			dscale;
	DigitSeq	seq;
} ParsedNumeric;

static int64_t
floor_div4(int64_t k)
{
	return k >= 0 ? k / 4 : -((-k + 3) / 4);
}

/* The digit of 10^power. */
static int
digit_at(const DigitSeq *s, int64_t power)
{
	if (s->grouped)
	{
		int64_t		g = s->weight - floor_div4(power);
		int			d;

		if (g < 0 || g >= s->ngroups)
			return 0;
		d = (s->groups[2 * g] << 8) | s->groups[2 * g + 1];
		for (int64_t i = power - 4 * floor_div4(power); i > 0; i--)
			d /= 10;
		return d % 10;
	}
	else
	{
		/* the first integer digit has power ilen - 1 + exponent */
		int64_t		j = (int64_t) s->ilen - 1 + s->exponent - power;

		if (j < 0 || j >= (int64_t) (s->ilen + s->flen))
			return 0;
		return (j < (int64_t) s->ilen ? s->ip[j] : s->fp[j - s->ilen]) - '0';
	}
}

/* Highest power with a nonzero digit, or INT64_MIN for zero. */
static int64_t
highest_power(const DigitSeq *s)
{
	if (s->grouped)
	{
		for (int g = 0; g < s->ngroups; g++)
		{
			int			d = (s->groups[2 * g] << 8) | s->groups[2 * g + 1];

			if (d == 0)
				continue;
			for (int i = 3; i >= 0; i--)
			{
				int64_t		power = 4 * (int64_t) (s->weight - g) + i;

				if (digit_at(s, power) != 0)
					return power;
			}
		}
	}
	else
	{
		for (size_t j = 0; j < s->ilen + s->flen; j++)
		{
			if ((j < s->ilen ? s->ip[j] : s->fp[j - s->ilen]) != '0')
				return (int64_t) s->ilen - 1 + s->exponent - (int64_t) j;
		}
	}
	return INT64_MIN;
}

/* Lowest power with a nonzero digit (the value must not be zero). */
static int64_t
lowest_power(const DigitSeq *s, int64_t high)
{
	int64_t		low = high;

	if (s->grouped)
	{
		for (int64_t k = 4 * ((int64_t) s->weight - s->ngroups + 1); k < high; k++)
		{
			if (digit_at(s, k) != 0)
				return k;
		}
		return high;
	}
	for (size_t j = s->ilen + s->flen; j-- > 0;)
	{
		if ((j < s->ilen ? s->ip[j] : s->fp[j - s->ilen]) != '0')
		{
			low = (int64_t) s->ilen - 1 + s->exponent - (int64_t) j;
			break;
		}
	}
	return low;
}

static bool
fail_overflow(PgError *err)
{
	pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
	return false;
}

/* Match one of the words numeric_in takes for NaN and the infinities. */
static size_t
match_special(const char *s, size_t n, NumKind *kind)
{
	static const struct
	{
		const char *word;
		NumKind		kind;
	}			words[] = {
		{"NaN", NUM_NAN}, {"Infinity", NUM_PINF}, {"+Infinity", NUM_PINF},
		{"-Infinity", NUM_NINF}, {"inf", NUM_PINF}, {"+inf", NUM_PINF},
		{"-inf", NUM_NINF},
	};

	for (size_t i = 0; i < lengthof(words); i++)
	{
		size_t		wl = strlen(words[i].word);

		if (n >= wl && strncasecmp(s, words[i].word, wl) == 0)
		{
			*kind = words[i].kind;
			return wl;
		}
	}
	return 0;
}

/* Parse "e[spaces][sign]digits" as strtol would, saturating. */
static bool
parse_exponent(const char *text, size_t len, size_t *p, int64_t *exponent)
{
	size_t		q = *p;
	bool		neg = false;
	int64_t		v = 0;

	while (q < len && pgt_is_space(text[q]))
		q++;
	if (q < len && (text[q] == '+' || text[q] == '-'))
		neg = (text[q++] == '-');
	if (q >= len || text[q] < '0' || text[q] > '9')
		return false;
	while (q < len && text[q] >= '0' && text[q] <= '9')
	{
		if (v < INT64_MAX / 100)
			v = v * 10 + (text[q] - '0');
		q++;
	}
	*exponent = neg ? -v : v;
	*p = q;
	return true;
}

/*
 * numeric_in's reading of text: spaces, NaN/Infinity spellings, or
 * [sign]digits[.digits][e[sign]digits], spaces. Checks the storage limits
 * (weight, dscale) the way make_result does.
 */
static bool
parse_numeric(const char *text, size_t len, ParsedNumeric *pn, PgError *err)
{
	size_t		p = 0;
	size_t		n;
	DigitSeq   *s = &pn->seq;
	int64_t		dscale;
	int64_t		high;

	memset(pn, 0, sizeof(*pn));
	while (p < len && pgt_is_space(text[p]))
		p++;
	if ((n = match_special(text + p, len - p, &pn->kind)) > 0)
		p += n;
	else
	{
		pn->kind = NUM_FINITE;
		if (p < len && (text[p] == '+' || text[p] == '-'))
			pn->neg = (text[p++] == '-');
		s->ip = text + p;
		while (p < len && text[p] >= '0' && text[p] <= '9')
			p++;
		s->ilen = (size_t) (text + p - s->ip);
		s->fp = text + p;
		if (p < len && text[p] == '.')
		{
			s->fp = text + ++p;
			while (p < len && text[p] >= '0' && text[p] <= '9')
				p++;
			s->flen = (size_t) (text + p - s->fp);
		}
		if (s->ilen + s->flen == 0)
			return pgt_fail_syntax(err, "numeric", text, len);
		if (p < len && (text[p] == 'e' || text[p] == 'E'))
		{
			p++;
			if (!parse_exponent(text, len, &p, &s->exponent))
				return pgt_fail_syntax(err, "numeric", text, len);
			if (s->exponent >= INT_MAX / 2 || s->exponent <= -(INT_MAX / 2))
				return fail_overflow(err);
		}
	}
	while (p < len && pgt_is_space(text[p]))
		p++;
	if (p != len)
		return pgt_fail_syntax(err, "numeric", text, len);
	if (pn->kind != NUM_FINITE)
		return true;
	dscale = Max((int64_t) s->flen - s->exponent, 0);
	high = highest_power(s);
	if (dscale > NUMERIC_DSCALE_MAX ||
		(high != INT64_MIN && floor_div4(high) > NUMERIC_WEIGHT_MAX))
		return fail_overflow(err);
	pn->dscale = (int) dscale;
	return true;
}

static const char *
special_text(NumKind kind)
{
	return kind == NUM_NAN ? "NaN" : kind == NUM_PINF ? "Infinity" : "-Infinity";
}

/*
 * Append the canonical text of a finite value to scratch and point out at
 * it: integer digits without leading zeros, dscale fraction digits. With
 * round_pow > INT_MIN digits below 10^round_pow are rounded away, half
 * away from zero. Returns the highest nonzero power (INT64_MIN: zero).
 */
static int64_t
render_canonical(const DigitSeq *s, bool neg, int dscale, int64_t round_pow,
				 Buf *scratch, PgValue *out)
{
	int64_t		high = highest_power(s);
	int64_t		top = Max(high, 0) + 1;	/* one spare digit for a carry */
	int64_t		low = -(int64_t) dscale;
	int64_t		first;
	size_t		base = scratch->len;
	size_t		start;
	char	   *d;

	for (int64_t k = top; k >= low; k--)
		buf_append_byte(scratch, (uint8_t) ('0' + (k < round_pow ? 0 : digit_at(s, k))));
	if (buf_failed(scratch))
		return INT64_MIN;
	d = scratch->data + base;	/* d[i] is the digit of 10^(top - i) */
	if (round_pow > INT_MIN && high != INT64_MIN && digit_at(s, round_pow - 1) >= 5)
	{
		int64_t		i = top - round_pow;

		for (; d[i] == '9'; i--)
			d[i] = '0';
		d[i]++;
	}
	high = INT64_MIN;
	for (int64_t i = 0; i <= top - low; i++)
	{
		if (d[i] != '0')
		{
			high = top - i;
			break;
		}
	}
	/* sign, integer digits from the first nonzero (or the units), fraction */
	first = Max(high, 0);
	if (!buf_reserve(scratch, 3 + (size_t) first + (size_t) dscale))
		return INT64_MIN;
	d = scratch->data + base;
	start = scratch->len;
	if (neg && high != INT64_MIN)
		buf_append_byte(scratch, '-');
	buf_append(scratch, d + (top - first), (size_t) first + 1);
	if (dscale > 0)
	{
		buf_append_byte(scratch, '.');
		buf_append(scratch, d + top + 1, (size_t) dscale);
	}
	out->kind = PGV_NUMERIC;
	out->u.text.data = scratch->data + start;
	out->u.text.len = scratch->len - start;
	return high;
}

/* apply_typmod / apply_typmod_special: round to the scale, check precision. */
static bool
apply_typmod(const ParsedNumeric *pn, int32_t typmod, Buf *scratch, PgValue *out,
			 PgError *err)
{
	int32_t		tm = typmod - 4;
	int			precision = (tm >> 16) & 0xffff;
	int			scale = ((tm & 0x7ff) ^ 1024) - 1024;
	int			maxdigits = precision - scale;
	int64_t		high;

	if (pn->kind == NUM_NAN)
		return true;
	if (pn->kind == NUM_FINITE)
	{
		high = render_canonical(&pn->seq, pn->neg, Max(scale, 0), -(int64_t) scale,
								scratch, out);
		if (buf_failed(scratch))
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return false;
		}
		if (high == INT64_MIN || high + 1 <= maxdigits)
			return true;
	}
	pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow");
	if (pn->kind == NUM_FINITE)
		pgerr_set_detail(err, "A field with precision %d, scale %d must round to an absolute value less than %s%d.",
						 precision, scale, maxdigits ? "10^" : "", maxdigits ? maxdigits : 1);
	else
		pgerr_set_detail(err, "A field with precision %d, scale %d cannot hold an infinite value.",
						 precision, scale);
	return false;
}

static void
set_special(PgValue *out, NumKind kind)
{
	out->kind = PGV_NUMERIC;
	out->u.text.data = special_text(kind);
	out->u.text.len = strlen(out->u.text.data);
}

bool
pgt_numeric_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			   Buf *scratch, PgError *err)
{
	ParsedNumeric pn;

	if (!parse_numeric(text, len, &pn, err))
		return false;
	if (pn.kind != NUM_FINITE)
		set_special(out, pn.kind);
	if (typmod >= 4)
		return apply_typmod(&pn, typmod, scratch, out, err);
	if (pn.kind == NUM_FINITE)
	{
		(void) render_canonical(&pn.seq, pn.neg, pn.dscale, INT_MIN, scratch, out);
		if (buf_failed(scratch))
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return false;
		}
	}
	return true;
}

void
pgt_numeric_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	(void) fmt;
	buf_append(out, v->u.text.data, v->u.text.len);
}

static bool
fail_binary(PgError *err, const char *what)
{
	pgerr_set(err, ERRCODE_INVALID_BINARY_REPRESENTATION,
			  "invalid %s in external \"numeric\" value", what);
	return false;
}

/*
 * numeric_recv: validate the header and every digit in wire order, drop
 * digits beyond dscale (trunc_var), and produce the canonical text.
 */
bool
pgt_numeric_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	BinReader	r;
	uint16_t	ndigits;
	uint16_t	weight;
	uint16_t	sign;
	uint16_t	dscale;
	DigitSeq	s;

	pgt_reader_init(&r, data, len);
	if (!pgt_read_u16(&r, &ndigits, err) || !pgt_read_u16(&r, &weight, err) ||
		!pgt_read_u16(&r, &sign, err))
		return false;
	if (sign != NUMERIC_POS && sign != NUMERIC_NEG && sign != NUMERIC_NAN &&
		sign != NUMERIC_PINF && sign != NUMERIC_NINF)
		return fail_binary(err, "sign");
	if (!pgt_read_u16(&r, &dscale, err))
		return false;
	if ((dscale & NUMERIC_DSCALE_MAX) != dscale)
		return fail_binary(err, "scale");
	memset(&s, 0, sizeof(s));
	s.grouped = true;
	s.groups = r.data + r.pos;
	s.ngroups = ndigits;
	s.weight = (int16_t) weight;
	for (int i = 0; i < ndigits; i++)
	{
		uint16_t	d;

		if (!pgt_read_u16(&r, &d, err))
			return false;
		if (d >= 10000)
			return fail_binary(err, "digit");
	}
	if (!pgt_read_done(&r, err))
		return false;
	if (sign == NUMERIC_NAN || sign == NUMERIC_PINF || sign == NUMERIC_NINF)
	{
		set_special(out, sign == NUMERIC_NAN ? NUM_NAN :
					sign == NUMERIC_PINF ? NUM_PINF : NUM_NINF);
		return true;
	}
	/* digits below 10^-dscale are not rendered: truncated, as trunc_var */
	(void) render_canonical(&s, sign == NUMERIC_NEG, dscale, INT_MIN, scratch, out);
	if (buf_failed(scratch))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	return true;
}

/* numeric_send of the value's (canonical or any numeric_in-valid) text. */
bool
pgt_numeric_send(const PgValue *v, Buf *out, PgError *err)
{
	ParsedNumeric pn;
	int64_t		high;
	int64_t		weight;
	int64_t		lowgroup;

	if (!parse_numeric(v->u.text.data, v->u.text.len, &pn, err))
		return false;
	if (pn.kind != NUM_FINITE)
	{
		pgt_put_u16(out, 0);
		pgt_put_u16(out, 0);
		pgt_put_u16(out, pn.kind == NUM_NAN ? NUMERIC_NAN :
					pn.kind == NUM_PINF ? NUMERIC_PINF : NUMERIC_NINF);
		pgt_put_u16(out, pn.kind == NUM_NAN ? 0 : NUMERIC_SPECIAL_DSCALE_INF);
		return true;
	}
	high = highest_power(&pn.seq);
	if (high == INT64_MIN)
	{
		pgt_put_u16(out, 0);
		pgt_put_u16(out, 0);
		pgt_put_u16(out, NUMERIC_POS);
		pgt_put_u16(out, (uint16_t) pn.dscale);
		return true;
	}
	weight = floor_div4(high);
	lowgroup = floor_div4(lowest_power(&pn.seq, high));
	pgt_put_u16(out, (uint16_t) (weight - lowgroup + 1));
	pgt_put_u16(out, (uint16_t) (int16_t) weight);
	pgt_put_u16(out, pn.neg ? NUMERIC_NEG : NUMERIC_POS);
	pgt_put_u16(out, (uint16_t) pn.dscale);
	for (int64_t g = weight; g >= lowgroup; g--)
	{
		int			d = 0;

		for (int i = 3; i >= 0; i--)
			d = d * 10 + digit_at(&pn.seq, 4 * g + i);
		pgt_put_u16(out, (uint16_t) d);
	}
	return true;
}
