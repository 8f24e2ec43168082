/*
 * type_interval.c
 *		interval: text input as PostgreSQL 15's interval_in for the postgres
 *		style ("1 year 2 mons 3 days 04:05:06.5", "@ 1 day ago", "1-2",
 *		fractional units spilling down), IntervalStyle postgres output, and
 *		binary int64 microseconds, int32 days, int32 months.
 *
 * Not taken: ISO 8601 input ("P1Y2M", 22007) and typmod field masks
 * (INTERVAL DAY TO SECOND: ignored).
 */
#include "common/type_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define USECS_PER_MINUTE	(60 * USECS_PER_SEC)
#define USECS_PER_HOUR		(3600 * USECS_PER_SEC)
#define DAYS_PER_MONTH		30
#define TOKMAXLEN			10	/* unit words are compared on this many letters */

typedef enum Unit
{
	U_NONE,						/* nothing read yet: a bare number is seconds */
	U_AFTER_AGO,				/* "ago" was read: a bare number is an error */
	U_MICROSEC,
	U_MILLISEC,
	U_SECOND,
	U_MINUTE,
	U_HOUR,
	U_DAY,
	U_WEEK,
	U_MONTH,
	U_YEAR,
	U_DECADE,
	U_CENTURY,
	U_MILLENNIUM,
	U_AGO,
	U_UNSUPPORTED				/* quarter, timezone: known words, refused */
} Unit;

#define UNIT_MASK(u)	(1u << (u))
#define ALL_SECS_MASK	(UNIT_MASK(U_SECOND) | UNIT_MASK(U_MILLISEC) | UNIT_MASK(U_MICROSEC))
#define TIME_MASK		(UNIT_MASK(U_HOUR) | UNIT_MASK(U_MINUTE) | ALL_SECS_MASK)

/* pg_itm_in: what the fields add up to before it becomes an Interval */
typedef struct IntervalParts
{
	int64_t		usec;
	int			mday;
	int			mon;
	int			year;
} IntervalParts;

static Unit
lookup_unit(const char *word)
{
	static const struct
	{
		const char *name;
		Unit		unit;
	}			units[] = {
		{"ago", U_AGO}, {"c", U_CENTURY}, {"cent", U_CENTURY},
		{"centuries", U_CENTURY}, {"century", U_CENTURY}, {"d", U_DAY},
		{"day", U_DAY}, {"days", U_DAY}, {"dec", U_DECADE},
		{"decade", U_DECADE}, {"decades", U_DECADE}, {"decs", U_DECADE},
		{"h", U_HOUR}, {"hour", U_HOUR}, {"hours", U_HOUR}, {"hr", U_HOUR},
		{"hrs", U_HOUR}, {"m", U_MINUTE}, {"microsecon", U_MICROSEC},
		{"mil", U_MILLENNIUM}, {"millennia", U_MILLENNIUM},
		{"millennium", U_MILLENNIUM}, {"millisecon", U_MILLISEC},
		{"mils", U_MILLENNIUM}, {"min", U_MINUTE}, {"mins", U_MINUTE},
		{"minute", U_MINUTE}, {"minutes", U_MINUTE}, {"mon", U_MONTH},
		{"mons", U_MONTH}, {"month", U_MONTH}, {"months", U_MONTH},
		{"ms", U_MILLISEC}, {"msec", U_MILLISEC}, {"msecs", U_MILLISEC},
		{"mseconds", U_MILLISEC}, {"qtr", U_UNSUPPORTED},
		{"quarter", U_UNSUPPORTED}, {"s", U_SECOND}, {"sec", U_SECOND},
		{"second", U_SECOND}, {"seconds", U_SECOND}, {"secs", U_SECOND},
		{"timezone", U_UNSUPPORTED}, {"timezone_h", U_UNSUPPORTED},
		{"timezone_m", U_UNSUPPORTED}, {"us", U_MICROSEC},
		{"usec", U_MICROSEC}, {"usecs", U_MICROSEC},
		{"useconds", U_MICROSEC}, {"w", U_WEEK}, {"week", U_WEEK},
		{"weeks", U_WEEK}, {"y", U_YEAR}, {"year", U_YEAR},
		{"years", U_YEAR}, {"yr", U_YEAR}, {"yrs", U_YEAR},
	};

	for (size_t i = 0; i < lengthof(units); i++)
	{
		if (strncmp(word, units[i].name, TOKMAXLEN) == 0)
			return units[i].unit;
	}
	return U_NONE;
}

/* ---- adding up fields, each with its overflow check ---- */

static bool
add_usec(IntervalParts *p, int64_t v)
{
	return !__builtin_add_overflow(p->usec, v, &p->usec);
}

static bool
add_int(int *field, int64_t v)
{
	return v >= INT_MIN && v <= INT_MAX && !__builtin_add_overflow(*field, (int) v, field);
}

/* frac * scale microseconds, rounded half away from zero */
static bool
add_fract_usec(IntervalParts *p, double frac, int64_t scale)
{
	int64_t		us;

	if (frac == 0)
		return true;
	frac *= (double) scale;
	us = (int64_t) frac;
	frac -= (double) us;
	if (frac > 0.5)
		us++;
	else if (frac < -0.5)
		us--;
	return add_usec(p, us);
}

/* frac * scale days: whole days, the rest in microseconds */
static bool
add_fract_days(IntervalParts *p, double frac, int scale)
{
	int			extra;

	if (frac == 0)
		return true;
	frac *= scale;
	extra = (int) frac;
	return add_int(&p->mday, extra) && add_fract_usec(p, frac - extra, USECS_PER_DAY);
}

static bool
add_scaled(int *field, int64_t val, int scale)
{
	int			v;

	return val >= INT_MIN && val <= INT_MAX &&
		!__builtin_mul_overflow((int) val, scale, &v) && add_int(field, v);
}

/* val (+ fval) of unit; sets *mask to the unit's bit. */
static DtErr
add_number(IntervalParts *p, Unit unit, int64_t val, double fval, unsigned *mask)
{
	int64_t		prod;
	int64_t		usec_scale = 0;
	int			years = 0;
	bool		ok = true;

	*mask = UNIT_MASK(unit);
	switch (unit)
	{
		case U_MICROSEC:
			usec_scale = 1;
			break;
		case U_MILLISEC:
			usec_scale = 1000;
			break;
		case U_SECOND:
			usec_scale = USECS_PER_SEC;
			if (fval != 0)
				*mask = ALL_SECS_MASK;
			break;
		case U_MINUTE:
			usec_scale = USECS_PER_MINUTE;
			break;
		case U_HOUR:
			usec_scale = USECS_PER_HOUR;
			break;
		case U_DAY:
			ok = add_scaled(&p->mday, val, 1) && add_fract_usec(p, fval, USECS_PER_DAY);
			break;
		case U_WEEK:
			ok = add_scaled(&p->mday, val, 7) && add_fract_days(p, fval, 7);
			break;
		case U_MONTH:
			ok = add_int(&p->mon, val) && add_fract_days(p, fval, DAYS_PER_MONTH);
			break;
		case U_YEAR:
			years = 1;
			break;
		case U_DECADE:
			years = 10;
			break;
		case U_CENTURY:
			years = 100;
			break;
		case U_MILLENNIUM:
			years = 1000;
			break;
		default:
			return DTERR_BAD_FORMAT;
	}
	if (usec_scale != 0)
		ok = !__builtin_mul_overflow(val, usec_scale, &prod) && add_usec(p, prod) &&
			add_fract_usec(p, fval, usec_scale);
	else if (years != 0)
		ok = add_scaled(&p->year, val, years) &&
			add_int(&p->mon, (int64_t) pgt_rint(fval * years * 12));
	return ok ? DTERR_OK : DTERR_FIELD_OVERFLOW;
}

/* A time field sets (not adds) the microseconds, as DecodeTimeForInterval. */
static DtErr
set_time(IntervalParts *p, const char *s, bool negate)
{
	DtTime		t;
	DtErr		e = pgt_dt_decode_time(s, &t);
	int64_t		v = t.fsec;
	int64_t		part;

	if (e != DTERR_OK)
		return e;
	if (__builtin_mul_overflow(t.hour, USECS_PER_HOUR, &part) ||
		__builtin_add_overflow(v, part, &v) ||
		__builtin_add_overflow(v, t.min * USECS_PER_MINUTE + t.sec * USECS_PER_SEC, &v))
		return DTERR_FIELD_OVERFLOW;
	p->usec = negate ? -v : v;
	return DTERR_OK;
}

/* A number field: "5", "-1.5", or years-months "1-2". */
static DtErr
number_field(IntervalParts *p, const char *s, Unit *type, unsigned *mask)
{
	char	   *cp;
	int64_t		val;
	double		fval = 0;

	if (*type == U_NONE)
		*type = U_SECOND;
	errno = 0;
	val = strtoll(s, &cp, 10);
	if (errno == ERANGE)
		return DTERR_FIELD_OVERFLOW;
	if (*cp == '-')
	{
		bool		overflow;
		long		months = pgt_dt_strtoint(cp + 1, &cp, &overflow);

		if (overflow || months < 0 || months >= 12)
			return DTERR_FIELD_OVERFLOW;
		if (*cp != '\0')
			return DTERR_BAD_FORMAT;
		*type = U_MONTH;
		if (__builtin_mul_overflow(val, 12, &val) ||
			__builtin_add_overflow(val, s[0] == '-' ? -months : months, &val))
			return DTERR_FIELD_OVERFLOW;
	}
	else if (*cp == '.')
	{
		if (pgt_dt_fraction(cp, &fval) != DTERR_OK)
			return DTERR_BAD_FORMAT;
		if (s[0] == '-')
			fval = -fval;
	}
	else if (*cp != '\0')
		return DTERR_BAD_FORMAT;
	return add_number(p, *type, val, fval, mask);
}

/* DecodeInterval: fields read right to left so units come before values. */
static DtErr
decode_interval(const DtFields *f, IntervalParts *p)
{
	Unit		type = U_NONE;
	unsigned	fmask = 0;
	bool		is_before = false;

	memset(p, 0, sizeof(*p));
	for (int i = f->n - 1; i >= 0; i--)
	{
		const char *s = f->field[i];
		unsigned	tmask = 0;
		DtErr		e = DTERR_OK;

		switch (f->type[i])
		{
			case DTF_TIME:
				e = set_time(p, s, false);
				tmask = TIME_MASK;
				type = U_DAY;
				break;
			case DTF_TZ:
				if (strchr(s + 1, ':') != NULL && set_time(p, s + 1, s[0] == '-') == DTERR_OK)
				{
					tmask = TIME_MASK;
					type = U_DAY;
					break;
				}
				/* FALLTHROUGH */
			case DTF_DATE:
			case DTF_NUMBER:
				if (type == U_AFTER_AGO)
					return DTERR_BAD_FORMAT;
				e = number_field(p, s, &type, &tmask);
				if (type == U_HOUR)
					type = U_DAY;
				break;
			case DTF_STRING:
			case DTF_SPECIAL:
				type = lookup_unit(s);
				if (type == U_NONE || type == U_UNSUPPORTED)
					return DTERR_BAD_FORMAT;
				if (type == U_AGO)
				{
					is_before = true;
					type = U_AFTER_AGO;
				}
				break;
		}
		if (e != DTERR_OK)
			return e;
		if (tmask & fmask)
			return DTERR_BAD_FORMAT;
		fmask |= tmask;
	}
	if (fmask == 0)
		return DTERR_BAD_FORMAT;
	if (is_before)
	{
		if (p->usec == INT64_MIN || p->mday == INT_MIN || p->mon == INT_MIN || p->year == INT_MIN)
			return DTERR_FIELD_OVERFLOW;
		p->usec = -p->usec;
		p->mday = -p->mday;
		p->mon = -p->mon;
		p->year = -p->year;
	}
	return DTERR_OK;
}

bool
pgt_interval_in(const char *text, size_t len, int32_t typmod, PgValue *out,
				Buf *scratch, PgError *err)
{
	DtFields	f;
	IntervalParts p;
	DtErr		e;
	int64_t		months;

	(void) typmod;
	(void) scratch;
	e = pgt_dt_split(text, len, DT_WORKLEN_INTERVAL, &f);
	if (e == DTERR_OK)
		e = decode_interval(&f, &p);
	if (e == DTERR_FIELD_OVERFLOW)
		e = DTERR_INTERVAL_OVERFLOW;
	if (e != DTERR_OK)
		return pgt_dt_fail(err, e, "interval", text, len);
	months = (int64_t) p.year * 12 + p.mon;
	if (months < INT32_MIN || months > INT32_MAX)
	{
		pgerr_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "interval out of range");
		return false;
	}
	out->kind = PGV_INTERVAL;
	out->u.interval.micros = p.usec;
	out->u.interval.days = p.mday;
	out->u.interval.months = (int32_t) months;
	return true;
}

/* AddPostgresIntPart: " +3 days"; each nonzero part sets is_before for the next. */
static void
append_part(Buf *out, int value, const char *unit, bool *is_zero, bool *is_before)
{
	if (value == 0)
		return;
	buf_appendf(out, "%s%s%d %s%s", *is_zero ? "" : " ", (*is_before && value > 0) ? "+" : "",
				value, unit, value != 1 ? "s" : "");
	*is_before = value < 0;
	*is_zero = false;
}

void
pgt_interval_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	const PgInterval *iv = &v->u.interval;
	int64_t		hour = iv->micros / USECS_PER_HOUR;
	int64_t		rest = iv->micros - hour * USECS_PER_HOUR;
	int			min = (int) (rest / USECS_PER_MINUTE);
	int			sec;
	int64_t		fsec;
	bool		is_zero = true;
	bool		is_before = false;

	(void) fmt;
	rest -= min * USECS_PER_MINUTE;
	sec = (int) (rest / USECS_PER_SEC);
	fsec = rest - sec * USECS_PER_SEC;
	append_part(out, iv->months / 12, "year", &is_zero, &is_before);
	append_part(out, iv->months % 12, "mon", &is_zero, &is_before);
	append_part(out, iv->days, "day", &is_zero, &is_before);
	if (is_zero || hour != 0 || min != 0 || sec != 0 || fsec != 0)
	{
		bool		minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;

		buf_appendf(out, "%s%s%02llu:%02d:", is_zero ? "" : " ",
					minus ? "-" : is_before ? "+" : "",
					(unsigned long long) (hour < 0 ? -(uint64_t) hour : (uint64_t) hour),
					min < 0 ? -min : min);
		pgt_append_seconds(out, sec, fsec);
	}
}

bool
pgt_interval_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	BinReader	r;
	uint64_t	micros;
	uint32_t	days;
	uint32_t	months;

	(void) scratch;
	pgt_reader_init(&r, data, len);
	if (!pgt_read_u64(&r, &micros, err) || !pgt_read_u32(&r, &days, err) ||
		!pgt_read_u32(&r, &months, err) || !pgt_read_done(&r, err))
		return false;
	out->kind = PGV_INTERVAL;
	out->u.interval.micros = (int64_t) micros;
	out->u.interval.days = (int32_t) days;
	out->u.interval.months = (int32_t) months;
	return true;
}

bool
pgt_interval_send(const PgValue *v, Buf *out, PgError *err)
{
	(void) err;
	pgt_put_u64(out, (uint64_t) v->u.interval.micros);
	pgt_put_u32(out, (uint32_t) v->u.interval.days);
	pgt_put_u32(out, (uint32_t) v->u.interval.months);
	return true;
}
