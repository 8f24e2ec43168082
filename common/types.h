/*
 * types.h
 *		PostgreSQL data types pgwire reports: OIDs, names, lengths, and for
 *		each type its four conversion functions, as pg_type's typinput,
 *		typoutput, typreceive and typsend.
 *
 * One table serves every protocol path: RowDescription takes OIDs and
 * lengths from it; DataRow values and Bind parameters go through the
 * pgtype_input/output/receive/send wrappers, which produce and accept
 * exactly PostgreSQL's text and binary forms (DateStyle ISO, IntervalStyle
 * postgres). Values travel as PgValue (common/pgvalue.h). The older
 * pgtype_format_* helpers print single C values the same way.
 */
#ifndef PGW_TYPES_H
#define PGW_TYPES_H

#include "common/base.h"
#include "common/buf.h"
#include "common/pgerror.h"
#include "common/pgvalue.h"

#define BOOLOID			16
#define BYTEAOID		17
#define CHAROID			18
#define NAMEOID			19
#define INT8OID			20
#define INT2OID			21
#define INT4OID			23
#define TEXTOID			25
#define OIDOID			26
#define JSONOID			114
#define FLOAT4OID		700
#define FLOAT8OID		701
#define UNKNOWNOID		705
#define BPCHAROID		1042
#define VARCHAROID		1043
#define DATEOID			1082
#define TIMEOID			1083
#define TIMESTAMPOID	1114
#define TIMESTAMPTZOID	1184
#define INTERVALOID		1186
#define TIMETZOID		1266
#define NUMERICOID		1700
#define UUIDOID			2950
#define JSONBOID		3802
/* pgvector's type has no fixed OID; pgwire always reports this one */
#define VECTOROID		16385

/* Array types (pg_type.typarray), reported in the table, not yet coded. */
#define BOOLARRAYOID		1000
#define BYTEAARRAYOID		1001
#define CHARARRAYOID		1002
#define NAMEARRAYOID		1003
#define INT2ARRAYOID		1005
#define INT4ARRAYOID		1007
#define TEXTARRAYOID		1009
#define BPCHARARRAYOID		1014
#define VARCHARARRAYOID		1015
#define INT8ARRAYOID		1016
#define FLOAT4ARRAYOID		1021
#define FLOAT8ARRAYOID		1022
#define OIDARRAYOID			1028
#define TIMESTAMPARRAYOID	1115
#define DATEARRAYOID		1182
#define TIMEARRAYOID		1183
#define TIMESTAMPTZARRAYOID	1185
#define INTERVALARRAYOID	1187
#define NUMERICARRAYOID		1231
#define TIMETZARRAYOID		1270
#define UUIDARRAYOID		2951
#define JSONARRAYOID		199
#define JSONBARRAYOID		3807
#define VECTORARRAYOID		16386

/*
 * How text is printed. DateStyle is always ISO, IntervalStyle postgres,
 * bytea_output hex; the time zone is process-wide (pgtype_set_timezone).
 */
typedef struct TypeFormat
{
	int			extra_float_digits; /* -15..3, PostgreSQL's GUC */
} TypeFormat;

/*
 * One type. input/receive fill a PgValue whose payload may point into the
 * input or into scratch (a caller-owned Buf the caller resets per value);
 * output/send append to out. typmod is pg_attribute.atttypmod (-1: none).
 * receive is NULL for types without a binary form.
 */
typedef struct PgType
{
	uint32_t	oid;
	const char *name;			/* pg_type.typname */
	int16_t		typlen;			/* bytes, or -1 for varlena, -2 for cstring */
	uint32_t	array_oid;		/* pg_type.typarray, 0 = none */
	PgValueKind kind;			/* what input/receive produce */
	bool		(*input) (const char *text, size_t len, int32_t typmod,
						  PgValue *out, Buf *scratch, PgError *err);
	void		(*output) (const PgValue *v, const TypeFormat *fmt, Buf *out);
	bool		(*receive) (const uint8_t *data, size_t len, PgValue *out,
							Buf *scratch, PgError *err);
	bool		(*send) (const PgValue *v, Buf *out, PgError *err);
} PgType;

/* ---- lookup ---- */
const PgType *pgtype_by_oid(uint32_t oid);
/* The table in order, for those who list every type (the catalog's pg_type). */
size_t		pgtype_count(void);
const PgType *pgtype_at(size_t i);
/* By typname or a common SQL spelling ("integer", "double precision", ...). */
const PgType *pgtype_by_name(const char *name);

/* typmod for varchar(n)/bpchar(n) and numeric(p,s), as pg_attribute.atttypmod */
int32_t		pgtype_char_typmod(int32_t length);
int32_t		pgtype_numeric_typmod(int32_t precision, int32_t scale);

/* ---- conversions by OID (an unknown OID converts as text) ---- */
bool		pgtype_input(uint32_t oid, const char *text, size_t len, int32_t typmod,
						 PgValue *out, Buf *scratch, PgError *err) PGW_MUSTCHECK;

/*
 * Text form of v. A PGV_TEXT value of a non-text type is printed as-is (a
 * value the backend already had as text); PGV_NULL prints nothing.
 */
void		pgtype_output(uint32_t oid, const PgValue *v, const TypeFormat *fmt, Buf *out);

/*
 * Binary form to value. Trailing bytes fail with 22P03 "incorrect binary
 * data format" (COPY's wording); pgtype_receive_param says "... in bind
 * parameter N" as exec_bind_message does. Too few bytes fail with 08P01
 * "insufficient data left in message".
 */
bool		pgtype_receive(uint32_t oid, const uint8_t *data, size_t len, PgValue *out,
						   Buf *scratch, PgError *err) PGW_MUSTCHECK;
bool		pgtype_receive_param(uint32_t oid, int paramno, const uint8_t *data, size_t len,
								 PgValue *out, Buf *scratch, PgError *err) PGW_MUSTCHECK;

/*
 * Binary form of v, appended to out. v must be of the type's kind (numeric
 * also takes PGV_TEXT); a value the caller has as text goes through
 * pgtype_input first. A mismatch fails with XX000.
 */
bool		pgtype_send(uint32_t oid, const PgValue *v, Buf *out, PgError *err) PGW_MUSTCHECK;
bool		pgtype_has_binary(uint32_t oid);

/* ---- session time zone (process-wide: sets TZ and calls tzset) ---- */

/*
 * name is a zone name ("Europe/Paris"), "UTC"/"GMT", a number of hours
 * ("-7": UTC-7, SQL sign convention) or a POSIX spec ("+03:00", "EST5EDT":
 * hours west of Greenwich, as PostgreSQL reads them). Unknown names fail
 * with 22023 invalid value for parameter "TimeZone": "name".
 */
/* Would pgtype_set_timezone() accept name? (The TimeZone parameter's check.) */
bool		pgtype_timezone_valid(const char *name);

bool		pgtype_set_timezone(const char *name, PgError *err) PGW_MUSTCHECK;

/* ---- text output of single C values ---- */
void		pgtype_format_bool(Buf *out, bool v);
void		pgtype_format_int(Buf *out, int64_t v);

/*
 * float8/float4 as PostgreSQL's float8out/float4out: with extra_float_digits
 * > 0 the shortest text that reads back exactly, in exponent form when the
 * decimal exponent is < -4 or >= 15 (float4: >= 6); otherwise %g with
 * 15 (6) + extra_float_digits significant digits. NaN, Infinity, -Infinity.
 */
void		pgtype_format_float8(Buf *out, double v, int extra_float_digits);
void		pgtype_format_float4(Buf *out, float v, int extra_float_digits);

/* date, time and timestamp in ISO style; fraction in nanoseconds, shown to µs. */
void		pgtype_format_date(Buf *out, int year, int month, int day);
void		pgtype_format_time(Buf *out, int hour, int minute, int second, uint32_t nanos);
void		pgtype_format_timestamp(Buf *out, int year, int month, int day,
									int hour, int minute, int second, uint32_t nanos);

/* bytea in hex output format: \x0102ff */
void		pgtype_format_bytea_hex(Buf *out, const uint8_t *data, size_t len);

/* Replace the raw bytes out[start..len) by their bytea hex form, in place. */
void		pgtype_hex_encode_tail(Buf *out, size_t start);

#endif							/* PGW_TYPES_H */
