/*
 * utf8.h
 *		Strict UTF-8 validation, as PostgreSQL's pg_verify_mbstr().
 */
#ifndef PGW_UTF8_H
#define PGW_UTF8_H

#include "common/base.h"
#include "common/pgerror.h"

/*
 * Return true if s[0..len) is valid UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF, no NUL). On failure *bad_offset is the
 * offset of the first invalid sequence.
 */
bool		utf8_valid(const char *s, size_t len, size_t *bad_offset);

/*
 * Check s and, if invalid, fill err with PostgreSQL's 22021
 * 'invalid byte sequence for encoding "UTF8": 0xc3 0x28'.
 */
bool		utf8_check(const char *s, size_t len, PgError *err) PGW_MUSTCHECK;

#endif							/* PGW_UTF8_H */
