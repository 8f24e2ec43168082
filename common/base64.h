/*
 * base64.h
 *		Base64 (RFC 4648, with padding), as SCRAM messages and secrets use it.
 */
#ifndef PGW_BASE64_H
#define PGW_BASE64_H

#include "common/base.h"

/* Characters needed to encode n bytes, without the terminator. */
#define BASE64_ENCODED_LEN(n)	((((n) + 2) / 3) * 4)

/*
 * Encode n bytes of src into dst (room for BASE64_ENCODED_LEN(n) + 1);
 * NUL-terminates and returns the length.
 */
size_t		base64_encode(const uint8_t *src, size_t n, char *dst);

/*
 * Decode len characters of src into dst (capacity dstcap). Strict: only
 * the alphabet, padding only at the end, length a multiple of 4. Returns
 * the number of bytes, or -1 if src is not valid base64 or does not fit.
 */
int			base64_decode(const char *src, size_t len, uint8_t *dst, size_t dstcap) PGW_MUSTCHECK;

#endif							/* PGW_BASE64_H */
