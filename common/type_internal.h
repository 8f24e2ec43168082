/*
 * type_internal.h
 *		What the type codec files (common/type_*.c) share and nothing else
 *		includes: the bounded big-endian reader and writer, the error
 *		helpers every input function reports through, and each type's four
 *		conversion functions for the table in types.c.
 */
#ifndef PGW_TYPE_INTERNAL_H
#define PGW_TYPE_INTERNAL_H

#include "common/types.h"

/* ---- reading binary values: every read is bounds-checked ---- */
typedef struct BinReader
{
	const uint8_t *data;
	size_t		len;
	size_t		pos;
} BinReader;

static inline void
pgt_reader_init(BinReader *r, const uint8_t *data, size_t len)
{
	r->data = data;
	r->len = len;
	r->pos = 0;
}

/* 08P01 "insufficient data left in message" when fewer than n bytes remain */
bool		pgt_read_bytes(BinReader *r, size_t n, const uint8_t **p, PgError *err) PGW_MUSTCHECK;
bool		pgt_read_u8(BinReader *r, uint8_t *v, PgError *err) PGW_MUSTCHECK;
bool		pgt_read_u16(BinReader *r, uint16_t *v, PgError *err) PGW_MUSTCHECK;
bool		pgt_read_u32(BinReader *r, uint32_t *v, PgError *err) PGW_MUSTCHECK;
bool		pgt_read_u64(BinReader *r, uint64_t *v, PgError *err) PGW_MUSTCHECK;
/* pq_getmsgbyte: 08P01 "no data left in message" when nothing remains */
bool		pgt_read_byte(BinReader *r, uint8_t *v, PgError *err) PGW_MUSTCHECK;
/* 22P03 PGT_TRAILING_MESSAGE when bytes are left over */
bool		pgt_read_done(const BinReader *r, PgError *err) PGW_MUSTCHECK;

#define PGT_TRAILING_MESSAGE "incorrect binary data format"

/* ---- writing binary values ---- */
void		pgt_put_u16(Buf *out, uint16_t v);
void		pgt_put_u32(Buf *out, uint32_t v);
void		pgt_put_u64(Buf *out, uint64_t v);

/* ---- errors: each sets err and returns false ---- */
/* 22P02 invalid input syntax for type T: "text" */
bool		pgt_fail_syntax(PgError *err, const char *typname, const char *text, size_t len);
/* 22003 value "text" is out of range for type T */
bool		pgt_fail_range(PgError *err, const char *typname, const char *text, size_t len);

/* ---- small shared helpers ---- */
/* isspace() in the C locale, as PostgreSQL's parsers use it */
static inline bool
pgt_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* A NUL-terminated copy of text[0..len) at the end of scratch (NULL on OOM). */
const char *pgt_cstring(Buf *scratch, const char *text, size_t len);

/* Round to nearest, ties to even, as rint() in the default rounding mode. */
double		pgt_rint(double x);

/* type_floatout.c: shortest exact text, as float4out/float8out with extra_float_digits > 0 */
void		pgt_format_float_shortest(Buf *out, double v, bool is_float4);

/* ---- date/time text: type_dtparse.c ---- */
#define USECS_PER_SEC	INT64_C(1000000)
#define USECS_PER_DAY	INT64_C(86400000000)
#define SECS_PER_DAY	86400
#define DT_MAXFIELDS	25
#define DT_WORKLEN_DATETIME	153	/* MAXDATELEN + MAXDATEFIELDS */
#define DT_WORKLEN_INTERVAL	256

/* ParseDateTime's field types */
typedef enum DtFieldType
{
	DTF_NUMBER,					/* digits, maybe a '.' */
	DTF_DATE,					/* digits and delimiters, or text glued to digits */
	DTF_TIME,					/* digits and ':' */
	DTF_STRING,					/* letters (lower-cased) */
	DTF_SPECIAL,				/* sign and letters */
	DTF_TZ						/* sign and digits, ':', '.', '-' */
} DtFieldType;

typedef struct DtFields
{
	int			n;
	char	   *field[DT_MAXFIELDS];
	DtFieldType type[DT_MAXFIELDS];
	char		work[DT_WORKLEN_INTERVAL];
} DtFields;

/* DateTimeParseError's cases */
typedef enum DtErr
{
	DTERR_OK = 0,
	DTERR_BAD_FORMAT,
	DTERR_FIELD_OVERFLOW,
	DTERR_MD_FIELD_OVERFLOW,
	DTERR_INTERVAL_OVERFLOW,
	DTERR_TZDISP_OVERFLOW
} DtErr;

/* A time of day as DecodeTime reads it (hour unbounded). */
typedef struct DtTime
{
	int64_t		hour;
	int			min;
	int			sec;
	int64_t		fsec;			/* microseconds */
} DtTime;

/* Split text into fields as ParseDateTime; worklen bounds the total size. */
DtErr		pgt_dt_split(const char *text, size_t len, size_t worklen, DtFields *f);
/* Report e for the input text of the type typname; returns false. */
bool		pgt_dt_fail(PgError *err, DtErr e, const char *typname, const char *text, size_t len);
/* DecodeTime: h:m, h:m:s[.f], m:s.f; minutes and seconds range-checked. */
DtErr		pgt_dt_decode_time(const char *s, DtTime *t);
/* ParseFraction: "." followed by digits only. */
DtErr		pgt_dt_fraction(const char *s, double *frac);
/* strtol to int with ERANGE for values beyond int (strtoint). */
long		pgt_dt_strtoint(const char *s, char **end, bool *overflow);
/* Proleptic Gregorian calendar, days since 2000-01-01 (year 0 = 1 BC). */
int64_t		pgt_days_from_civil(int64_t year, int month, int day);
void		pgt_civil_from_days(int64_t days, int64_t *year, int *month, int *day);
/* "ss[.ffffff]" without trailing zeros, as AppendSeconds */
void		pgt_append_seconds(Buf *out, int sec, int64_t fsec);

/* which parts the text gave, to reject repeats as DecodeDateTime does */
#define DT_M_DATE		0x01
#define DT_M_TIME		0x02
#define DT_M_TZ		0x04
#define DT_M_ADBC		0x08
#define DT_M_RESERV	0x10		/* epoch, infinity, -infinity */
#define DT_M_AMPM		0x20

typedef enum DtSpecial
{
	DT_NONE,
	DT_EPOCH,
	DT_LATE,					/* infinity */
	DT_EARLY					/* -infinity */
} DtSpecial;

typedef struct DtParsed
{
	DtSpecial	special;
	unsigned	mask;
	int64_t		year;			/* astronomical once validated: 0 = 1 BC */
	int			month;
	int			day;
	bool		bc;
	int			ampm;			/* 0: 24-hour clock, 1: am, 2: pm */
	DtTime		time;
	int			tz;				/* seconds west of UTC, when M_TZ */
} DtParsed;

/*
 * Read date/time text in the ISO forms (see type_datetime.c). want_date: a
 * date is required (date, timestamp), else a time is (time).
 */
DtErr		pgt_dt_parse(const char *text, size_t len, bool want_date, DtParsed *d);
/* time_overflows: 24:00:00 and a leap second 60 are allowed, no more. */
bool		pgt_dt_time_overflows(const DtTime *t);

/* ---- session time zone: type_timezone.c ---- */
/* Seconds east of UTC in effect at utc (seconds since 1970-01-01). */
int			pgt_tz_offset_at(int64_t utc);
/* The offset DetermineTimeZoneOffset picks for a local wall-clock time. */
int			pgt_tz_offset_for_local(int64_t local);

/* ---- codecs: the table's functions ---- */
#define PGT_DECLARE_INPUT(f) \
	bool f(const char *text, size_t len, int32_t typmod, PgValue *out, Buf *scratch, PgError *err)
#define PGT_DECLARE_OUTPUT(f) \
	void f(const PgValue *v, const TypeFormat *fmt, Buf *out)
#define PGT_DECLARE_RECEIVE(f) \
	bool f(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
#define PGT_DECLARE_SEND(f) \
	bool f(const PgValue *v, Buf *out, PgError *err)
#define PGT_DECLARE_CODEC(t) \
	PGT_DECLARE_INPUT(pgt_##t##_in); PGT_DECLARE_OUTPUT(pgt_##t##_out); \
	PGT_DECLARE_RECEIVE(pgt_##t##_recv); PGT_DECLARE_SEND(pgt_##t##_send)

/* type_number.c */
PGT_DECLARE_CODEC(bool);
PGT_DECLARE_INPUT(pgt_int2_in);
PGT_DECLARE_INPUT(pgt_int4_in);
PGT_DECLARE_INPUT(pgt_int8_in);
PGT_DECLARE_INPUT(pgt_oid_in);
PGT_DECLARE_OUTPUT(pgt_int_out);
PGT_DECLARE_RECEIVE(pgt_int2_recv);
PGT_DECLARE_RECEIVE(pgt_int4_recv);
PGT_DECLARE_RECEIVE(pgt_int8_recv);
PGT_DECLARE_RECEIVE(pgt_oid_recv);
PGT_DECLARE_SEND(pgt_int2_send);
PGT_DECLARE_SEND(pgt_int4_send);
PGT_DECLARE_SEND(pgt_int8_send);
PGT_DECLARE_SEND(pgt_oid_send);
PGT_DECLARE_CODEC(float4);
PGT_DECLARE_CODEC(float8);

/* type_numeric.c */
PGT_DECLARE_CODEC(numeric);

/* type_text.c */
PGT_DECLARE_INPUT(pgt_text_in);
PGT_DECLARE_OUTPUT(pgt_text_out);
PGT_DECLARE_RECEIVE(pgt_text_recv);
PGT_DECLARE_SEND(pgt_text_send);
PGT_DECLARE_INPUT(pgt_varchar_in);
PGT_DECLARE_INPUT(pgt_bpchar_in);
PGT_DECLARE_INPUT(pgt_name_in);
PGT_DECLARE_RECEIVE(pgt_name_recv);
PGT_DECLARE_CODEC(char);
PGT_DECLARE_RECEIVE(pgt_jsonb_recv);
PGT_DECLARE_SEND(pgt_jsonb_send);

/* type_binary.c */
PGT_DECLARE_CODEC(bytea);
PGT_DECLARE_CODEC(uuid);
PGT_DECLARE_CODEC(vector);

/* type_datetime.c */
PGT_DECLARE_CODEC(date);
PGT_DECLARE_CODEC(time);
PGT_DECLARE_CODEC(timestamp);
PGT_DECLARE_CODEC(timestamptz);

/* type_interval.c */
PGT_DECLARE_CODEC(interval);

#endif							/* PGW_TYPE_INTERNAL_H */
