/*
 * base.h
 *		Macros and includes every pgwire source file starts from.
 *
 * Kept deliberately small: compiler attributes that make mistakes visible
 * (unchecked results, printf format mismatches), a few size helpers and
 * the value of a hex digit.
 */
#ifndef PGW_BASE_H
#define PGW_BASE_H

#include "pgwire_config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A function whose result must be looked at: errors are values in pgwire. */
#define PGW_MUSTCHECK	__attribute__((warn_unused_result))
#define PGW_PRINTF(fmt, args)	__attribute__((format(printf, fmt, args)))
#define PGW_NORETURN	__attribute__((noreturn))
#define PGW_UNUSED		__attribute__((unused))
#define PGW_INLINE		inline __attribute__((always_inline))	/* where the caller's constants matter */

#define lengthof(array)	(sizeof(array) / sizeof((array)[0]))
#define Min(a, b)		((a) < (b) ? (a) : (b))
#define Max(a, b)		((a) > (b) ? (a) : (b))

/* The value of hex digit c (either case), or -1. */
static inline int
hex_digit_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif							/* PGW_BASE_H */
