/*
 * cast_datetime.c
 *		Date and time input for folding casts of literals: the ISO forms
 *		clients send, read as PostgreSQL's date_in, time_in, timestamp_in and
 *		timestamptz_in would, printed as their output functions print.
 *
 * Owns: YYYY-MM-DD[( |T)HH:MM[:SS[.frac]][zone]] and HH:MM[:SS[.frac]],
 * fractions rounded to the type's precision, an explicit UTC offset kept
 * for timestamptz, and the special words: epoch, and now, today, tomorrow,
 * yesterday, which read the clock and are handed back as XlClock. Other
 * forms PostgreSQL reads (month names, BC, zone names) fail 0A000.
 */
#include "translate/xl_internal.h"

#include "common/types.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_PRECISION		6	/* microseconds */
#define MAX_ZONE_HOURS		15	/* PostgreSQL's TZDISP_LIMIT */

typedef struct DateTime
{
	int			year;
	int			month;
	int			day;
	int			hour;
	int			minute;
	int			second;
	int32_t		micros;
	bool		has_date;
	bool		has_zone;
	int			zone;			/* seconds east of UTC */
} DateTime;

typedef enum Parse
{
	PARSE_OK,
	PARSE_UNSUPPORTED,			/* not a form pgwire reads */
	PARSE_RANGE,				/* a field out of range */
	PARSE_ZONE_RANGE			/* an offset beyond 15 hours */
} Parse;

static const struct
{
	const char *word;
	XlClock		clock;
}			clock_words[] = {
	{"now", XL_CLOCK_NOW},
	{"today", XL_CLOCK_TODAY},
	{"tomorrow", XL_CLOCK_TOMORROW},
	{"yesterday", XL_CLOCK_YESTERDAY},
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* min..max digits at *p as a number; false if fewer than min. */
static bool
read_number(const char **p, int min, int max, int *value)
{
	int			n = 0;

	*value = 0;
	while (n < max && is_digit((*p)[n]))
	{
		*value = *value * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n < min || is_digit((*p)[n]))
		return false;
	*p += n;
	return true;
}

static bool
read_char(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

static bool
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/* YYYY-M[M]-D[D] */
static bool
parse_date(const char **p, DateTime *dt)
{
	return read_number(p, 4, 4, &dt->year) && read_char(p, '-') &&
		read_number(p, 1, 2, &dt->month) && read_char(p, '-') &&
		read_number(p, 1, 2, &dt->day);
}

/*
 * .digits: the fraction of a second rounded half up to precision digits;
 * *carry is set when it rounds up to a whole second.
 */
static void
parse_fraction(const char **p, int precision, DateTime *dt, bool *carry)
{
	int32_t		scaled = 0;
	int32_t		one = 1;
	int			n = 0;
	bool		up = false;

	for (; is_digit(**p); (*p)++, n++)
	{
		if (n < precision)
		{
			scaled = scaled * 10 + (**p - '0');
			one *= 10;
		}
		else if (n == precision)
			up = **p >= '5';
	}
	for (int k = Min(n, precision); k < precision; k++)
	{
		scaled *= 10;
		one *= 10;
	}
	if (up)
		scaled++;
	*carry = scaled == one;
	dt->micros = *carry ? 0 : scaled;
	for (int k = precision; k < MAX_PRECISION; k++)
		dt->micros *= 10;
}

/* H[H]:MM[:SS[.frac]] */
static bool
parse_time(const char **p, int precision, DateTime *dt, bool *carry)
{
	*carry = false;
	if (!read_number(p, 1, 2, &dt->hour) || !read_char(p, ':') ||
		!read_number(p, 2, 2, &dt->minute))
		return false;
	if (!read_char(p, ':'))
		return true;
	if (!read_number(p, 2, 2, &dt->second))
		return false;
	if (read_char(p, '.'))
	{
		if (!is_digit(**p))
			return false;
		parse_fraction(p, precision, dt, carry);
	}
	return true;
}

/* Z, UTC, GMT, or +HH[[:]MM[[:]SS]] */
static bool
parse_zone(const char **p, DateTime *dt)
{
	int			sign;
	int			h;
	int			m = 0;
	int			s = 0;

	if (**p == 'Z' || **p == 'z')
	{
		(*p)++;
		dt->has_zone = true;
		return true;
	}
	if (strncasecmp(*p, "utc", 3) == 0 || strncasecmp(*p, "gmt", 3) == 0)
	{
		*p += 3;
		dt->has_zone = true;
		return true;
	}
	if (**p != '+' && **p != '-')
		return false;
	sign = *(*p)++ == '-' ? -1 : 1;
	if (is_digit((*p)[0]) && is_digit((*p)[1]) && is_digit((*p)[2]))
	{
		/* +HHMM[SS] */
		if (!read_number(p, 4, 4, &h) && !read_number(p, 6, 6, &h))
			return false;
		s = h >= 10000 ? h % 100 : 0;
		h = h >= 10000 ? h / 100 : h;
		m = h % 100;
		h /= 100;
	}
	else if (!read_number(p, 1, 2, &h) ||
			 (read_char(p, ':') && !read_number(p, 2, 2, &m)) ||
			 (**p == ':' && (!read_char(p, ':') || !read_number(p, 2, 2, &s))))
		return false;
	if (m > 59 || s > 59)
		return false;
	dt->has_zone = true;
	dt->zone = sign * (h * 3600 + m * 60 + s);
	return true;
}

/* The fields within their ranges (24:00:00 and leap seconds are not read). */
static Parse
check_fields(const DateTime *dt)
{
	if (dt->has_date && (dt->year < 1 || dt->month < 1 || dt->month > 12 || dt->day < 1 ||
						 dt->day > days_in_month(dt->year, dt->month)))
		return PARSE_RANGE;
	if (dt->hour > 24 || dt->minute > 59 || dt->second > 60)
		return PARSE_RANGE;
	if (dt->hour == 24 || dt->second == 60)
		return PARSE_UNSUPPORTED;
	if (abs(dt->zone) >= (MAX_ZONE_HOURS + 1) * 3600)
		return PARSE_ZONE_RANGE;
	return PARSE_OK;
}

/* Add a second (a fraction rounded up); a time of day may reach 24:00:00. */
static void
add_second(DateTime *dt, bool rolls_day)
{
	if (++dt->second < 60)
		return;
	dt->second = 0;
	if (++dt->minute < 60)
		return;
	dt->minute = 0;
	if (++dt->hour < 24 || !rolls_day)
		return;
	dt->hour = 0;
	if (++dt->day <= days_in_month(dt->year, dt->month))
		return;
	dt->day = 1;
	if (++dt->month <= 12)
		return;
	dt->month = 1;
	dt->year++;
}

/*
 * [YYYY-MM-DD[( |T)time[ ][zone]]] or, when the type is a time of day,
 * time alone. precision is the fraction's digits.
 */
static Parse
parse_datetime(const char *text, uint32_t type, int precision, DateTime *dt)
{
	const char *p = text;
	bool		carry = false;
	bool		need_time = false;
	Parse		r;

	memset(dt, 0, sizeof(*dt));
	while (xl_is_space(*p))
		p++;
	dt->has_date = is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) &&
		p[4] == '-';
	if (dt->has_date && !parse_date(&p, dt))
		return PARSE_UNSUPPORTED;
	if (dt->has_date && (*p == 'T' || *p == 't'))
	{
		p++;
		need_time = true;
	}
	else if (dt->has_date)
	{
		while (xl_is_space(*p))
			p++;
	}
	if (need_time || *p != '\0' || !dt->has_date || type == TIMEOID)
	{
		if ((!dt->has_date && type != TIMEOID) || !parse_time(&p, precision, dt, &carry))
			return PARSE_UNSUPPORTED;
		while (xl_is_space(*p))
			p++;
		if (*p != '\0' && !parse_zone(&p, dt))
			return PARSE_UNSUPPORTED;
	}
	while (xl_is_space(*p))
		p++;
	if (*p != '\0')
		return PARSE_UNSUPPORTED;
	if ((r = check_fields(dt)) != PARSE_OK)
		return r;
	if (carry && type != DATEOID)
		add_second(dt, type != TIMEOID);
	return PARSE_OK;
}

/* The offset as PostgreSQL prints it: +00, -08, +05:30, +05:30:15 */
static void
format_zone(Buf *out, int zone)
{
	int			z = abs(zone);

	buf_appendf(out, "%c%02d", zone < 0 ? '-' : '+', z / 3600);
	if (z % 3600 != 0)
		buf_appendf(out, ":%02d", z / 60 % 60);
	if (z % 60 != 0)
		buf_appendf(out, ":%02d", z % 60);
}

static void
format_value(Buf *out, uint32_t type, const DateTime *dt)
{
	uint32_t	nanos = (uint32_t) dt->micros * 1000;

	if (type == DATEOID)
		pgtype_format_date(out, dt->year, dt->month, dt->day);
	else if (type == TIMEOID)
		pgtype_format_time(out, dt->hour, dt->minute, dt->second, nanos);
	else
		pgtype_format_timestamp(out, dt->year, dt->month, dt->day,
								dt->hour, dt->minute, dt->second, nanos);
	if (type == TIMESTAMPTZOID)
		format_zone(out, dt->zone);
}

static const char *
input_name(uint32_t type)
{
	switch (type)
	{
		case DATEOID:
			return "date";
		case TIMEOID:
			return "time";
		case TIMESTAMPOID:
			return "timestamp";
		case TIMESTAMPTZOID:
			return "timestamp with time zone";
		default:
			return xl_type_display_name(type);
	}
}

static bool
fail_unsupported(PgError *err, uint32_t type, const char *text, const char *why)
{
	pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s input \"%s\"%s is not supported",
			  input_name(type), text, why);
	return false;
}

/* epoch, and the words that read the clock */
static bool
special_word(uint32_t type, const char *text, Buf *out, XlClock *clock)
{
	const char *p = text;
	size_t		len;

	while (xl_is_space(*p))
		p++;
	len = strlen(p);
	while (len > 0 && xl_is_space(p[len - 1]))
		len--;
	if (len == 5 && strncasecmp(p, "epoch", 5) == 0 && type != TIMEOID)
	{
		DateTime	epoch = {1970, 1, 1, 0, 0, 0, 0, true, true, 0};

		format_value(out, type, &epoch);
		return true;
	}
	for (size_t k = 0; k < lengthof(clock_words); k++)
	{
		if (len == strlen(clock_words[k].word) && strncasecmp(p, clock_words[k].word, len) == 0 &&
			(type != TIMEOID || clock_words[k].clock == XL_CLOCK_NOW))
		{
			*clock = clock_words[k].clock;
			return true;
		}
	}
	return false;
}

bool
xl_datetime_input(const XlType *t, const char *text, Buf *out, XlClock *clock, PgError *err)
{
	int			precision = t->precision >= 0 ? Min(t->precision, MAX_PRECISION) : MAX_PRECISION;
	DateTime	dt;

	*clock = XL_CLOCK_NONE;
	if (t->oid != DATEOID && t->oid != TIMEOID && t->oid != TIMESTAMPOID &&
		t->oid != TIMESTAMPTZOID)
		return fail_unsupported(err, t->oid, text, "");
	if (special_word(t->oid, text, out, clock))
		return true;
	switch (parse_datetime(text, t->oid, precision, &dt))
	{
		case PARSE_OK:
			break;
		case PARSE_UNSUPPORTED:
			return fail_unsupported(err, t->oid, text, "");
		case PARSE_RANGE:
			pgerr_set(err, ERRCODE_DATETIME_FIELD_OVERFLOW,
					  "date/time field value out of range: \"%s\"", text);
			return false;
		case PARSE_ZONE_RANGE:
			pgerr_set(err, "22009", "time zone displacement out of range: \"%s\"", text);
			return false;
	}
	if (t->oid == TIMESTAMPTZOID && !dt.has_zone)
		return fail_unsupported(err, t->oid, text, " without a UTC offset");
	format_value(out, t->oid, &dt);
	return true;
}
