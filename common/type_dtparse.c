/*
 * type_dtparse.c
 *		Reading date/time and interval text, after PostgreSQL's datetime.c:
 *		ParseDateTime's fields, the ISO subset of DecodeDateTime, a time of
 *		day, DateTimeParseError's messages, the proleptic Gregorian calendar.
 *
 * Owns no state. Fields are copied, lower-cased, into the caller's DtFields
 * work area, bounded as PostgreSQL bounds its buffer, so an over-long
 * input fails the same way.
 */
#include "common/type_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_punct(char c)
{
	return c > ' ' && c < 0x7f && !is_alpha(c) && !is_digit(c);
}

static char
to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

/*
 * Words of PostgreSQL's core date token table. Letters followed by a digit
 * or '+' start a time zone name ("gmt+8", a DTF_DATE field) unless they
 * are one of these.
 */
static bool
is_core_token(const char *word)
{
	static const char *const tokens[] = {
		"-infinity", "ad", "allballs", "am", "apr", "april", "at", "aug",
		"august", "bc", "d", "dec", "december", "dow", "doy", "dst", "epoch",
		"feb", "february", "fri", "friday", "h", "infinity", "isodow",
		"isoyear", "j", "jan", "january", "jd", "jul", "julian", "july", "jun",
		"june", "m", "mar", "march", "may", "mm", "mon", "monday", "nov",
		"november", "now", "oct", "october", "on", "pm", "s", "sat",
		"saturday", "sep", "sept", "september", "sun", "sunday", "t", "thu",
		"thur", "thurs", "thursday", "today", "tomorrow", "tue", "tues",
		"tuesday", "wed", "wednesday", "weds", "y", "yesterday",
	};

	for (size_t i = 0; i < lengthof(tokens); i++)
	{
		if (strcmp(tokens[i], word) == 0)
			return true;
	}
	return false;
}

/* Append one character to the field being built, failing when full. */
#define PUT_CHAR(c) \
	do { \
		if (bufp + 1 >= bufend) \
			return DTERR_BAD_FORMAT; \
		*bufp++ = (c); \
	} while (0)

DtErr
pgt_dt_split(const char *text, size_t len, size_t worklen, DtFields *f)
{
	char	   *bufp = f->work;
	char	   *bufend = f->work + Min(worklen, sizeof(f->work));
	size_t		p = 0;

	f->n = 0;
	while (p < len)
	{
		DtFieldType type;

		if (pgt_is_space(text[p]))
		{
			p++;
			continue;
		}
		if (f->n >= DT_MAXFIELDS)
			return DTERR_BAD_FORMAT;
		f->field[f->n] = bufp;
		if (is_digit(text[p]))
		{
			while (p < len && is_digit(text[p]))
				PUT_CHAR(text[p++]);
			type = DTF_NUMBER;
			if (p < len && text[p] == ':')
			{
				type = DTF_TIME;
				while (p < len && (is_digit(text[p]) || text[p] == ':' || text[p] == '.'))
					PUT_CHAR(text[p++]);
			}
			else if (p < len && (text[p] == '-' || text[p] == '/' || text[p] == '.'))
			{
				char		delim = text[p];

				PUT_CHAR(text[p++]);
				if (p < len && is_digit(text[p]))
				{
					type = delim == '.' ? DTF_NUMBER : DTF_DATE;
					while (p < len && is_digit(text[p]))
						PUT_CHAR(text[p++]);
					/* a three-field date needs the same delimiter twice */
					if (p < len && text[p] == delim)
					{
						type = DTF_DATE;
						while (p < len && (is_digit(text[p]) || text[p] == delim))
							PUT_CHAR(text[p++]);
					}
				}
				else
				{
					type = DTF_DATE;
					while (p < len && (is_digit(text[p]) || is_alpha(text[p]) || text[p] == delim))
						PUT_CHAR(to_lower(text[p++]));
				}
			}
		}
		else if (text[p] == '.')
		{
			PUT_CHAR(text[p++]);
			while (p < len && is_digit(text[p]))
				PUT_CHAR(text[p++]);
			type = DTF_NUMBER;
		}
		else if (is_alpha(text[p]))
		{
			bool		is_date = false;

			type = DTF_STRING;
			while (p < len && is_alpha(text[p]))
				PUT_CHAR(to_lower(text[p++]));
			if (p < len && (text[p] == '-' || text[p] == '/' || text[p] == '.'))
				is_date = true;
			else if (p < len && (text[p] == '+' || is_digit(text[p])))
			{
				*bufp = '\0';
				is_date = !is_core_token(f->field[f->n]);
			}
			if (is_date)
			{
				type = DTF_DATE;
				do
					PUT_CHAR(to_lower(text[p++]));
				while (p < len && (strchr("+-/_.:", text[p]) != NULL || is_digit(text[p]) ||
								   is_alpha(text[p])) && text[p] != '\0');
			}
		}
		else if (text[p] == '+' || text[p] == '-')
		{
			PUT_CHAR(text[p++]);
			while (p < len && pgt_is_space(text[p]))
				p++;
			if (p < len && is_digit(text[p]))
			{
				type = DTF_TZ;
				while (p < len && (is_digit(text[p]) || text[p] == ':' ||
								   text[p] == '.' || text[p] == '-'))
					PUT_CHAR(text[p++]);
			}
			else if (p < len && is_alpha(text[p]))
			{
				type = DTF_SPECIAL;
				while (p < len && is_alpha(text[p]))
					PUT_CHAR(to_lower(text[p++]));
			}
			else
				return DTERR_BAD_FORMAT;
		}
		else if (is_punct(text[p]))
		{
			p++;				/* other punctuation only separates */
			continue;
		}
		else
			return DTERR_BAD_FORMAT;
		*bufp++ = '\0';
		f->type[f->n++] = type;
	}
	return DTERR_OK;
}

bool
pgt_dt_fail(PgError *err, DtErr e, const char *typname, const char *text, size_t len)
{
	int			n = (int) Min(len, 4096);

	switch (e)
	{
		case DTERR_FIELD_OVERFLOW:
		case DTERR_MD_FIELD_OVERFLOW:
			pgerr_set(err, ERRCODE_DATETIME_FIELD_OVERFLOW,
					  "date/time field value out of range: \"%.*s\"", n, text);
			if (e == DTERR_MD_FIELD_OVERFLOW)
				pgerr_set_hint(err, "Perhaps you need a different \"datestyle\" setting.");
			break;
		case DTERR_INTERVAL_OVERFLOW:
			pgerr_set(err, ERRCODE_INTERVAL_FIELD_OVERFLOW,
					  "interval field value out of range: \"%.*s\"", n, text);
			break;
		case DTERR_TZDISP_OVERFLOW:
			pgerr_set(err, ERRCODE_INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
					  "time zone displacement out of range: \"%.*s\"", n, text);
			break;
		default:
			pgerr_set(err, ERRCODE_INVALID_DATETIME_FORMAT,
					  "invalid input syntax for type %s: \"%.*s\"", typname, n, text);
			break;
	}
	return false;
}

long
pgt_dt_strtoint(const char *s, char **end, bool *overflow)
{
	long		v;

	errno = 0;
	v = strtol(s, end, 10);
	*overflow = (errno == ERANGE || v > INT_MAX || v < INT_MIN);
	return v;
}

DtErr
pgt_dt_fraction(const char *s, double *frac)
{
	char	   *end;

	if (s[1] == '\0')
	{
		*frac = 0;
		return DTERR_OK;
	}
	errno = 0;
	*frac = strtod(s, &end);
	return (*end != '\0' || errno != 0) ? DTERR_BAD_FORMAT : DTERR_OK;
}

/* ParseFractionalSecond: the fraction, rounded to microseconds. */
static DtErr
fractional_second(const char *s, int64_t *fsec)
{
	double		frac;
	DtErr		e = pgt_dt_fraction(s, &frac);

	if (e == DTERR_OK)
		*fsec = (int64_t) pgt_rint(frac * 1000000);
	return e;
}

DtErr
pgt_dt_decode_time(const char *s, DtTime *t)
{
	char	   *cp;
	bool		overflow;
	DtErr		e;

	memset(t, 0, sizeof(*t));
	errno = 0;
	t->hour = strtoll(s, &cp, 10);
	if (errno == ERANGE)
		return DTERR_FIELD_OVERFLOW;
	if (*cp != ':')
		return DTERR_BAD_FORMAT;
	t->min = (int) pgt_dt_strtoint(cp + 1, &cp, &overflow);
	if (overflow)
		return DTERR_FIELD_OVERFLOW;
	if (*cp == '.')
	{
		/* mm:ss.fff */
		if ((e = fractional_second(cp, &t->fsec)) != DTERR_OK)
			return e;
		t->sec = t->min;
		t->min = (int) t->hour;
		t->hour = 0;
	}
	else if (*cp == ':')
	{
		t->sec = (int) pgt_dt_strtoint(cp + 1, &cp, &overflow);
		if (overflow)
			return DTERR_FIELD_OVERFLOW;
		if (*cp == '.')
		{
			if ((e = fractional_second(cp, &t->fsec)) != DTERR_OK)
				return e;
		}
		else if (*cp != '\0')
			return DTERR_BAD_FORMAT;
	}
	else if (*cp != '\0')
		return DTERR_BAD_FORMAT;
	if (t->hour < 0 || t->min < 0 || t->min > 59 || t->sec < 0 || t->sec > 60 ||
		t->fsec < 0 || t->fsec > USECS_PER_SEC)
		return DTERR_FIELD_OVERFLOW;
	return DTERR_OK;
}

/* ---- DecodeDateTime and DecodeTimeOnly for the ISO forms ---- */

static int
days_in_month(int64_t year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool		leap = (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));

	return days[month - 1] + (month == 2 && leap);
}

/* Read n digits at s as a number. */
static int
digits_value(const char *s, int n)
{
	int			v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Y-M-D with one delimiter, the year written with 3 or more digits. */
static DtErr
decode_date(const char *s, DtParsed *d)
{
	long		part[3];
	char	   *end;
	char		delim = 0;
	bool		overflow;

	if (strspn(s, "0123456789") < 3)
		return DTERR_BAD_FORMAT;
	for (int i = 0; i < 3; i++)
	{
		if (!(*s >= '0' && *s <= '9'))
			return DTERR_BAD_FORMAT;
		part[i] = pgt_dt_strtoint(s, &end, &overflow);
		if (overflow)
			return DTERR_FIELD_OVERFLOW;
		if (i == 0)
			delim = *end;
		if (i < 2 && *end != delim)
			return DTERR_BAD_FORMAT;
		s = end + (i < 2);
	}
	if (*s != '\0')
		return DTERR_BAD_FORMAT;
	d->year = part[0];
	d->month = (int) part[1];
	d->day = (int) part[2];
	return DTERR_OK;
}

/*
 * Run-together digits: YYYYMMDD (date types), or hhmm[ss][.frac] after a
 * date or 'T' or in a time.
 */
static DtErr
decode_number(const char *s, bool after_t, bool want_date, DtParsed *d, unsigned *mask)
{
	size_t		n = strspn(s, "0123456789");
	DtErr		e;

	if (want_date && !after_t && !(d->mask & DT_M_DATE) && n == 8 && s[n] == '\0')
	{
		d->year = digits_value(s, 4);
		d->month = digits_value(s + 4, 2);
		d->day = digits_value(s + 6, 2);
		*mask = DT_M_DATE;
		return DTERR_OK;
	}
	if ((after_t || !want_date || (d->mask & DT_M_DATE)) && (n == 4 || n == 6) &&
		(s[n] == '\0' || s[n] == '.'))
	{
		d->time.hour = digits_value(s, 2);
		d->time.min = digits_value(s + 2, 2);
		d->time.sec = n == 6 ? digits_value(s + 4, 2) : 0;
		d->time.fsec = 0;
		if (s[n] == '.')
		{
			double		frac;

			if ((e = pgt_dt_fraction(s + n, &frac)) != DTERR_OK)
				return e;
			d->time.fsec = (int64_t) pgt_rint(frac * 1000000);
		}
		*mask = DT_M_TIME;
		return DTERR_OK;
	}
	return DTERR_BAD_FORMAT;
}

bool
pgt_dt_time_overflows(const DtTime *t)
{
	if (t->hour < 0 || t->hour > 24 || t->min < 0 || t->min > 59 || t->sec < 0 ||
		t->sec > 60 || t->fsec < 0 || t->fsec > USECS_PER_SEC)
		return true;
	return ((t->hour * 60 + t->min) * 60 + t->sec) * USECS_PER_SEC + t->fsec > USECS_PER_DAY;
}

/* DecodeTimezone: +h, +hh, +hhmm, +hh:mm, +hh:mm:ss; up to 15 hours. */
static DtErr
decode_timezone(const char *s, int *tz)
{
	char	   *cp;
	bool		overflow;
	long		hr;
	long		min = 0;
	long		sec = 0;
	long		total;

	hr = pgt_dt_strtoint(s + 1, &cp, &overflow);
	if (overflow)
		return DTERR_TZDISP_OVERFLOW;
	if (*cp == ':')
	{
		min = pgt_dt_strtoint(cp + 1, &cp, &overflow);
		if (!overflow && *cp == ':')
			sec = pgt_dt_strtoint(cp + 1, &cp, &overflow);
		if (overflow)
			return DTERR_TZDISP_OVERFLOW;
	}
	else if (*cp == '\0' && strlen(s) > 3)
	{
		min = hr % 100;
		hr /= 100;
	}
	if (hr < 0 || hr > 15 || min < 0 || min >= 60 || sec < 0 || sec >= 60)
		return DTERR_TZDISP_OVERFLOW;
	total = (hr * 60 + min) * 60 + sec;
	*tz = (int) (s[0] == '-' ? total : -total);
	return *cp == '\0' ? DTERR_OK : DTERR_BAD_FORMAT;
}

static DtErr
decode_word(const char *w, DtFieldType type, DtParsed *d, unsigned *mask)
{
	static const char *const utc_names[] = {"z", "zulu", "utc", "gmt"};

	if (type == DTF_SPECIAL)
	{
		if (strcmp(w, "-infinity") != 0)
			return DTERR_BAD_FORMAT;
		d->special = DT_EARLY;
		*mask = DT_M_RESERV;
		d->mask |= DT_M_DATE;
		return DTERR_OK;
	}
	if (strcmp(w, "bc") == 0 || strcmp(w, "ad") == 0)
	{
		d->bc = (w[0] == 'b');
		*mask = DT_M_ADBC;
		return DTERR_OK;
	}
	if (strcmp(w, "epoch") == 0 || strcmp(w, "infinity") == 0)
	{
		d->special = w[0] == 'e' ? DT_EPOCH : DT_LATE;
		*mask = DT_M_RESERV;
		d->mask |= DT_M_DATE;		/* a date after it conflicts, one before not */
		return DTERR_OK;
	}
	if (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0)
	{
		d->ampm = w[0] == 'a' ? 1 : 2;
		*mask = DT_M_AMPM;
		return DTERR_OK;
	}
	for (size_t i = 0; i < lengthof(utc_names); i++)
	{
		if (strcmp(w, utc_names[i]) == 0)
		{
			d->tz = 0;
			*mask = DT_M_TZ;
			return DTERR_OK;
		}
	}
	return DTERR_BAD_FORMAT;
}

/*
 * DecodeDateTime/DecodeTimeOnly for the ISO forms. want_date: a date is
 * required (date, timestamp); otherwise a time is (time).
 */
static DtErr
decode_fields(const DtFields *f, bool want_date, DtParsed *d)
{
	bool		after_t = false;
	DtErr		e = DTERR_OK;

	memset(d, 0, sizeof(*d));
	for (int i = 0; i < f->n; i++)
	{
		const char *s = f->field[i];
		unsigned	mask = 0;

		if (after_t && f->type[i] != DTF_TIME && f->type[i] != DTF_NUMBER)
			return DTERR_BAD_FORMAT;
		switch (f->type[i])
		{
			case DTF_DATE:
				e = decode_date(s, d);
				mask = DT_M_DATE;
				break;
			case DTF_NUMBER:
				e = decode_number(s, after_t, want_date, d, &mask);
				if (e == DTERR_OK && mask == DT_M_TIME && pgt_dt_time_overflows(&d->time))
					e = DTERR_FIELD_OVERFLOW;
				break;
			case DTF_TIME:
				e = pgt_dt_decode_time(s, &d->time);
				if (e == DTERR_OK && pgt_dt_time_overflows(&d->time))
					e = DTERR_FIELD_OVERFLOW;
				mask = DT_M_TIME;
				break;
			case DTF_TZ:
				e = decode_timezone(s, &d->tz);
				mask = DT_M_TZ;
				break;
			case DTF_STRING:
				if (strcmp(s, "t") == 0)
				{
					if (i + 1 >= f->n || (f->type[i + 1] != DTF_NUMBER &&
										  f->type[i + 1] != DTF_TIME))
						return DTERR_BAD_FORMAT;
					after_t = true;
					continue;
				}
				/* FALLTHROUGH */
			case DTF_SPECIAL:
				e = decode_word(s, f->type[i], d, &mask);
				break;
		}
		after_t = false;
		if (e != DTERR_OK)
			return e;
		if (mask & d->mask)
			return DTERR_BAD_FORMAT;
		d->mask |= mask;
	}
	if (d->special != DT_NONE)
		return DTERR_OK;
	if (d->ampm != 0)
	{
		/* 12 am is midnight, 1 pm is 13:00 */
		if (d->time.hour > 12)
			return DTERR_FIELD_OVERFLOW;
		if (d->time.hour == 12)
			d->time.hour = 0;
		if (d->ampm == 2)
			d->time.hour += 12;
	}
	if (d->mask & DT_M_DATE)
	{
		/* ValidateDate: no year zero in AD/BC notation */
		if (d->year <= 0)
			return DTERR_FIELD_OVERFLOW;
		if (d->bc)
			d->year = 1 - d->year;
		if (d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31)
			return DTERR_MD_FIELD_OVERFLOW;
		if (d->day > days_in_month(d->year, d->month))
			return DTERR_FIELD_OVERFLOW;
	}
	if (want_date ? !(d->mask & DT_M_DATE) : !(d->mask & DT_M_TIME))
		return DTERR_BAD_FORMAT;
	return DTERR_OK;
}

DtErr
pgt_dt_parse(const char *text, size_t len, bool want_date, DtParsed *d)
{
	DtFields	f;
	DtErr		e = pgt_dt_split(text, len, DT_WORKLEN_DATETIME, &f);

	return e != DTERR_OK ? e : decode_fields(&f, want_date, d);
}

/*
 * Days from 2000-01-01 in the proleptic Gregorian calendar, counting in
 * 400-year eras of 146097 days whose years start on March 1st.
 */
int64_t
pgt_days_from_civil(int64_t year, int month, int day)
{
	int64_t		y = year - (month <= 2);
	int64_t		era = (y >= 0 ? y : y - 399) / 400;
	int64_t		year_of_era = y - era * 400;
	int64_t		day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	int64_t		day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

	/* era 0 starts on 0000-03-01, 730425 days before 2000-01-01 */
	return era * 146097 + day_of_era - 730425;
}

void
pgt_civil_from_days(int64_t days, int64_t *year, int *month, int *day)
{
	int64_t		z = days + 730425;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		day_of_era = z - era * 146097;
	int64_t		year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
							   day_of_era / 146096) / 365;
	int64_t		day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	int64_t		mp = (5 * day_of_year + 2) / 153;

	*day = (int) (day_of_year - (153 * mp + 2) / 5 + 1);
	*month = (int) (mp < 10 ? mp + 3 : mp - 9);
	*year = year_of_era + era * 400 + (*month <= 2);
}

void
pgt_append_seconds(Buf *out, int sec, int64_t fsec)
{
	buf_appendf(out, "%02d", sec < 0 ? -sec : sec);
	if (fsec != 0)
	{
		char		frac[24];
		int			n;

		n = snprintf(frac, sizeof(frac), "%06lld", (long long) (fsec < 0 ? -fsec : fsec));
		while (n > 0 && frac[n - 1] == '0')
			n--;
		buf_appendf(out, ".%.*s", n, frac);
	}
}
