/*
 * pgvalue.h
 *		One value of a PostgreSQL type, in a form both protocols and the
 *		ODBC layer can convert from and to.
 *
 * A PgValue is what a type's input/receive functions produce and its
 * output/send functions consume (common/types.h). Text and byte payloads
 * point into memory the caller owns (a message buffer, a scratch Buf); a
 * PgValue never owns memory.
 */
#ifndef PGW_PGVALUE_H
#define PGW_PGVALUE_H

#include "common/base.h"

typedef enum PgValueKind
{
	PGV_NULL,
	PGV_BOOL,					/* b */
	PGV_INT,					/* i: int2, int4, int8, oid */
	PGV_FLOAT4,					/* f4 */
	PGV_FLOAT8,					/* f8 */
	PGV_NUMERIC,				/* text: canonical decimal text ("-1.50", "NaN") */
	PGV_TEXT,					/* text: text, varchar, bpchar, name, json, jsonb,
								 * and the text form of types without a C form */
	PGV_BYTES,					/* text (as bytes): bytea */
	PGV_DATE,					/* i: days since 2000-01-01 */
	PGV_TIME,					/* i: microseconds since midnight */
	PGV_TIMESTAMP,				/* i: microseconds since 2000-01-01 00:00:00 */
	PGV_TIMESTAMPTZ,			/* i: microseconds since 2000-01-01 00:00:00 UTC */
	PGV_INTERVAL,				/* interval */
	PGV_UUID,					/* uuid[16] */
	PGV_VECTOR					/* vector: dims floats, in the caller's memory */
} PgValueKind;

typedef struct PgInterval
{
	int64_t		micros;
	int32_t		days;
	int32_t		months;
} PgInterval;

typedef struct PgValue
{
	PgValueKind kind;
	union
	{
		bool		b;
		int64_t		i;
		float		f4;
		double		f8;
		PgInterval	interval;
		uint8_t		uuid[16];
		struct
		{
			const char *data;
			size_t		len;
		}			text;
		struct
		{
			const float *values;	/* dims floats, native byte order */
			int			dims;
		}			vector;
	}			u;
} PgValue;

#endif							/* PGW_PGVALUE_H */
