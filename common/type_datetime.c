/*
 * type_datetime.c
 *		date, time, timestamp, timestamptz: ISO (DateStyle ISO) text in and
 *		out, binary int32 days / int64 microseconds since 2000-01-01.
 *
 * Input takes YYYY-MM-DD (or / . or YYYYMMDD), 'T' or space, hh:mm[:ss[.f]]
 * (hhmm[ss] after 'T'), +02 -05:30 +0530 Z UTC GMT, AD/BC, am/pm,
 * infinity, -infinity, epoch; other words (now, today, zone names) and
 * non-ISO dates fail with 22007. Reading is type_dtparse.c's.
 */
#include "common/type_internal.h"

#include <string.h>

#define UNIX_EPOCH_SECS		INT64_C(946684800)	/* 2000-01-01 - 1970-01-01 */
#define DATE_MIN_DAYS		INT64_C(-2451545)	/* 4714-11-24 BC */
#define DATE_END_DAYS		INT64_C(2145031949)	/* 5874898-01-01 */
#define TIMESTAMP_MIN		INT64_C(-211813488000000000)	/* 4714-11-24 00:00 BC */
#define TIMESTAMP_END		INT64_C(9223371331200000000)	/* 294277-01-01 00:00 */
#define DATE_NOBEGIN		INT32_MIN
#define DATE_NOEND			INT32_MAX

/* IS_VALID_JULIAN: the calendar arithmetic's own limits */
static bool
julian_ok(const DtParsed *d)
{
	return (d->year > -4713 || (d->year == -4713 && d->month >= 11)) &&
		(d->year < 5874898 || (d->year == 5874898 && d->month < 6));
}

static int64_t
time_of_day(const DtTime *t)
{
	return ((t->hour * 60 + t->min) * 60 + t->sec) * USECS_PER_SEC + t->fsec;
}

static bool
fail_out_of_range(PgError *err, const char *what, const char *text, size_t len)
{
	pgerr_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "%s out of range: \"%.*s\"",
			  what, (int) Min(len, 4096), text);
	return false;
}

/* AdjustTimestampForTypmod / AdjustTimeForTypmod: round to typmod digits. */
static int64_t
round_to_precision(int64_t us, int32_t typmod)
{
	int64_t		scale = 1;

	if (typmod < 0 || typmod >= 6)
		return us;
	for (int i = typmod; i < 6; i++)
		scale *= 10;
	if (us >= 0)
		return (us + scale / 2) / scale * scale;
	return -((-us + scale / 2) / scale * scale);
}

bool
pgt_date_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			Buf *scratch, PgError *err)
{
	DtParsed	d;
	DtErr		e = pgt_dt_parse(text, len, true, &d);
	int64_t		days;

	(void) typmod;
	(void) scratch;
	if (e != DTERR_OK)
		return pgt_dt_fail(err, e, "date", text, len);
	out->kind = PGV_DATE;
	if (d.special != DT_NONE)
	{
		out->u.i = d.special == DT_LATE ? DATE_NOEND :
			d.special == DT_EARLY ? DATE_NOBEGIN : pgt_days_from_civil(1970, 1, 1);
		return true;
	}
	days = pgt_days_from_civil(d.year, d.month, d.day);
	if (!julian_ok(&d) || days < DATE_MIN_DAYS || days >= DATE_END_DAYS)
		return fail_out_of_range(err, "date", text, len);
	out->u.i = days;
	return true;
}

static bool
timestamp_input(const char *text, size_t len, int32_t typmod, bool with_tz,
				PgValue *out, PgError *err)
{
	const char *typname = with_tz ? "timestamp with time zone" : "timestamp";
	DtParsed	d;
	DtErr		e = pgt_dt_parse(text, len, true, &d);
	int64_t		days;
	int64_t		us;

	if (e != DTERR_OK)
		return pgt_dt_fail(err, e, typname, text, len);
	out->kind = with_tz ? PGV_TIMESTAMPTZ : PGV_TIMESTAMP;
	if (d.special != DT_NONE)
	{
		out->u.i = d.special == DT_LATE ? INT64_MAX : d.special == DT_EARLY ? INT64_MIN :
			-UNIX_EPOCH_SECS * USECS_PER_SEC;
		return true;
	}
	if (!julian_ok(&d))
		return fail_out_of_range(err, "timestamp", text, len);
	days = pgt_days_from_civil(d.year, d.month, d.day);
	if (with_tz && !(d.mask & DT_M_TZ))
		d.tz = -pgt_tz_offset_for_local(days * SECS_PER_DAY + UNIX_EPOCH_SECS +
										time_of_day(&d.time) / USECS_PER_SEC);
	if (__builtin_mul_overflow(days, USECS_PER_DAY, &us) ||
		__builtin_add_overflow(us, time_of_day(&d.time), &us) ||
		__builtin_add_overflow(us, (with_tz ? d.tz : 0) * USECS_PER_SEC, &us) ||
		us < TIMESTAMP_MIN || us >= TIMESTAMP_END)
		return fail_out_of_range(err, "timestamp", text, len);
	if (typmod > 6 || typmod < -1)
	{
		pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
				  "timestamp(%d) precision must be between 0 and 6", (int) typmod);
		return false;
	}
	us = round_to_precision(us, typmod);
	if (us < TIMESTAMP_MIN || us >= TIMESTAMP_END)
	{
		pgerr_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
		return false;
	}
	out->u.i = us;
	return true;
}

bool
pgt_timestamp_in(const char *text, size_t len, int32_t typmod, PgValue *out,
				 Buf *scratch, PgError *err)
{
	(void) scratch;
	return timestamp_input(text, len, typmod, false, out, err);
}

bool
pgt_timestamptz_in(const char *text, size_t len, int32_t typmod, PgValue *out,
				   Buf *scratch, PgError *err)
{
	(void) scratch;
	return timestamp_input(text, len, typmod, true, out, err);
}

bool
pgt_time_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			Buf *scratch, PgError *err)
{
	DtParsed	d;
	DtErr		e = pgt_dt_parse(text, len, false, &d);

	(void) scratch;
	if (e == DTERR_OK && d.special != DT_NONE)
		e = DTERR_BAD_FORMAT;
	if (e == DTERR_OK && pgt_dt_time_overflows(&d.time))
		e = DTERR_FIELD_OVERFLOW;
	if (e != DTERR_OK)
		return pgt_dt_fail(err, e, "time", text, len);
	out->kind = PGV_TIME;
	out->u.i = round_to_precision(time_of_day(&d.time), typmod);
	return true;
}

/* ---- printing ---- */

/* YYYY-MM-DD of an astronomical year; the caller adds " BC" when year <= 0. */
static void
append_date(Buf *out, int64_t year, int month, int day)
{
	buf_appendf(out, "%04lld-%02d-%02d", (long long) (year > 0 ? year : 1 - year), month, day);
}

static void
append_time(Buf *out, int64_t us)
{
	buf_appendf(out, "%02lld:%02lld:", (long long) (us / (3600 * USECS_PER_SEC)),
				(long long) (us / (60 * USECS_PER_SEC) % 60));
	pgt_append_seconds(out, (int) (us / USECS_PER_SEC % 60), us % USECS_PER_SEC);
}

/* EncodeTimezone: +hh, +hh:mm or +hh:mm:ss of an offset east of UTC. */
static void
append_offset(Buf *out, int east)
{
	int			a = east < 0 ? -east : east;

	buf_appendf(out, "%c%02d", east >= 0 ? '+' : '-', a / 3600);
	if (a % 60 != 0)
		buf_appendf(out, ":%02d:%02d", a / 60 % 60, a % 60);
	else if (a / 60 % 60 != 0)
		buf_appendf(out, ":%02d", a / 60 % 60);
}

/* A timestamp's local date and time, then an offset when has_offset. */
static void
append_timestamp(Buf *out, int64_t us, bool has_offset, int east)
{
	int64_t		days = us / USECS_PER_DAY;
	int64_t		tod = us % USECS_PER_DAY;
	int64_t		year;
	int			month;
	int			day;

	if (tod < 0)
	{
		tod += USECS_PER_DAY;
		days--;
	}
	pgt_civil_from_days(days, &year, &month, &day);
	append_date(out, year, month, day);
	buf_append_byte(out, ' ');
	append_time(out, tod);
	if (has_offset)
		append_offset(out, east);
	if (year <= 0)
		buf_append_str(out, " BC");
}

static bool
append_infinity(Buf *out, int64_t v, int64_t early, int64_t late)
{
	if (v != early && v != late)
		return false;
	buf_append_str(out, v == late ? "infinity" : "-infinity");
	return true;
}

void
pgt_date_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	int64_t		year;
	int			month;
	int			day;

	(void) fmt;
	if (append_infinity(out, v->u.i, DATE_NOBEGIN, DATE_NOEND))
		return;
	pgt_civil_from_days(v->u.i, &year, &month, &day);
	append_date(out, year, month, day);
	if (year <= 0)
		buf_append_str(out, " BC");
}

void
pgt_time_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	(void) fmt;
	append_time(out, v->u.i);
}

void
pgt_timestamp_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	(void) fmt;
	if (!append_infinity(out, v->u.i, INT64_MIN, INT64_MAX))
		append_timestamp(out, v->u.i, false, 0);
}

void
pgt_timestamptz_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	int64_t		secs;
	int			east;

	(void) fmt;
	if (append_infinity(out, v->u.i, INT64_MIN, INT64_MAX))
		return;
	secs = v->u.i / USECS_PER_SEC - (v->u.i % USECS_PER_SEC < 0);
	east = pgt_tz_offset_at(secs + UNIX_EPOCH_SECS);
	append_timestamp(out, v->u.i + (int64_t) east * USECS_PER_SEC, true, east);
}

/* ---- binary ---- */

static bool
fail_range(PgError *err, const char *what)
{
	pgerr_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "%s out of range", what);
	return false;
}

/* date and the timestamps have -infinity and infinity, outside their range */
static bool
is_infinity(PgValueKind kind, int64_t v)
{
	if (kind == PGV_DATE)
		return v == DATE_NOBEGIN || v == DATE_NOEND;
	return kind != PGV_TIME && (v == INT64_MIN || v == INT64_MAX);
}

/*
 * Read a big-endian int of n bytes (4 or 8), sign-extended, and check its
 * range before any trailing bytes, in the order PostgreSQL reports them.
 */
static bool
recv_checked(const uint8_t *data, size_t len, size_t n, int64_t min, int64_t end,
			 const char *what, PgValueKind kind, PgValue *out, PgError *err)
{
	BinReader	r;
	uint32_t	v32;
	uint64_t	v64;
	int64_t		v;

	pgt_reader_init(&r, data, len);
	if (n == 4 && pgt_read_u32(&r, &v32, err))
		v = (int32_t) v32;
	else if (n == 8 && pgt_read_u64(&r, &v64, err))
		v = (int64_t) v64;
	else
		return false;
	if ((v < min || v >= end) && !is_infinity(kind, v))
		return fail_range(err, what);
	if (!pgt_read_done(&r, err))
		return false;
	out->kind = kind;
	out->u.i = v;
	return true;
}

bool
pgt_date_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	(void) scratch;
	return recv_checked(data, len, 4, DATE_MIN_DAYS, DATE_END_DAYS, "date", PGV_DATE, out, err);
}

bool
pgt_time_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	(void) scratch;
	return recv_checked(data, len, 8, 0, USECS_PER_DAY + 1, "time", PGV_TIME, out, err);
}

bool
pgt_timestamp_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	(void) scratch;
	return recv_checked(data, len, 8, TIMESTAMP_MIN, TIMESTAMP_END, "timestamp",
						PGV_TIMESTAMP, out, err);
}

bool
pgt_timestamptz_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	(void) scratch;
	return recv_checked(data, len, 8, TIMESTAMP_MIN, TIMESTAMP_END, "timestamp",
						PGV_TIMESTAMPTZ, out, err);
}

bool
pgt_date_send(const PgValue *v, Buf *out, PgError *err)
{
	if (v->u.i < INT32_MIN || v->u.i > INT32_MAX)
		return fail_range(err, "date");
	pgt_put_u32(out, (uint32_t) v->u.i);
	return true;
}

bool
pgt_time_send(const PgValue *v, Buf *out, PgError *err)
{
	(void) err;
	pgt_put_u64(out, (uint64_t) v->u.i);
	return true;
}

bool
pgt_timestamp_send(const PgValue *v, Buf *out, PgError *err)
{
	(void) err;
	pgt_put_u64(out, (uint64_t) v->u.i);
	return true;
}

bool
pgt_timestamptz_send(const PgValue *v, Buf *out, PgError *err)
{
	return pgt_timestamp_send(v, out, err);
}

/* ---- single C values (ODBC fetches) ---- */

void
pgtype_format_date(Buf *out, int year, int month, int day)
{
	append_date(out, year, month, day);
	if (year <= 0)
		buf_append_str(out, " BC");
}

void
pgtype_format_time(Buf *out, int hour, int minute, int second, uint32_t nanos)
{
	buf_appendf(out, "%02d:%02d:", hour, minute);
	pgt_append_seconds(out, second, nanos / 1000);
}

void
pgtype_format_timestamp(Buf *out, int year, int month, int day,
						int hour, int minute, int second, uint32_t nanos)
{
	append_date(out, year, month, day);
	buf_append_byte(out, ' ');
	pgtype_format_time(out, hour, minute, second, nanos);
	if (year <= 0)
		buf_append_str(out, " BC");
}
