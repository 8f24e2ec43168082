/*
 * types.h
 *		PostgreSQL data types pgwire reports: OIDs, names, lengths, and the
 *		text output format of each.
 *
 * One table serves every protocol path: RowDescription takes OIDs and
 * lengths from it, DataRow values are formatted by the pgtype_format_*
 * functions exactly as PostgreSQL's output functions print them.
 */
#ifndef PGW_TYPES_H
#define PGW_TYPES_H

#include "common/base.h"
#include "common/buf.h"

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

typedef struct PgType
{
	uint32_t	oid;
	const char *name;			/* pg_type.typname */
	int16_t		typlen;			/* bytes, or -1 for varlena, -2 for cstring */
} PgType;

const PgType *pgtype_by_oid(uint32_t oid);
/* By typname or a common SQL spelling ("integer", "double precision", ...). */
const PgType *pgtype_by_name(const char *name);

/* typmod for varchar(n)/bpchar(n) and numeric(p,s), as pg_attribute.atttypmod */
int32_t		pgtype_char_typmod(int32_t length);
int32_t		pgtype_numeric_typmod(int32_t precision, int32_t scale);

/* ---- text output ---- */
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
