/*
 * utf8.c
 *		Strict UTF-8 validation.
 *
 * Owns: deciding whether bytes from a client are valid UTF-8 and wording the
 * error exactly as PostgreSQL does, so invalid text never reaches a driver.
 */
#include "common/utf8.h"

#include <stdio.h>
#include <string.h>

/* Length of the valid sequence at s (at most len bytes), or 0 if invalid. */
static size_t
utf8_sequence_length(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];

	if (c >= 0x01 && c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (len >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF)
	{
		unsigned char lo = (c == 0xE0) ? 0xA0 : 0x80;
		unsigned char hi = (c == 0xED) ? 0x9F : 0xBF;	/* no surrogates */

		if (len < 3 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80)
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4)
	{
		unsigned char lo = (c == 0xF0) ? 0x90 : 0x80;
		unsigned char hi = (c == 0xF4) ? 0x8F : 0xBF;	/* <= U+10FFFF */

		if (len < 4 || s[1] < lo || s[1] > hi ||
			(s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		return 4;
	}
	return 0;
}

bool
utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *) s;
	size_t		i = 0;

	while (i < len)
	{
		size_t		n;
		uint64_t	w;

		/* runs of ASCII without NUL, eight bytes at a time */
		if (len - i >= 8)
		{
			memcpy(&w, p + i, 8);
			if ((w & UINT64_C(0x8080808080808080)) == 0 &&
				((w - UINT64_C(0x0101010101010101)) & ~w & UINT64_C(0x8080808080808080)) == 0)
			{
				i += 8;
				continue;
			}
		}
		/* fast path for runs of ASCII */
		if (p[i] >= 0x01 && p[i] < 0x80)
		{
			i++;
			continue;
		}
		n = utf8_sequence_length(p + i, len - i);
		if (n == 0)
		{
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += n;
	}
	return true;
}

bool
utf8_check(const char *s, size_t len, PgError *err)
{
	size_t		off;
	const unsigned char *p;
	char		bytes[5 * 4 + 1];
	size_t		n;
	size_t		want;

	if (utf8_valid(s, len, &off))
		return true;

	p = (const unsigned char *) s + off;
	if (p[0] == 0)
	{
		pgerr_set(err, ERRCODE_CHARACTER_NOT_IN_REPERTOIRE,
				  "invalid byte sequence for encoding \"UTF8\": 0x00");
		return false;
	}
	/* show the bytes of the bad sequence, as PostgreSQL's report_invalid_encoding */
	want = (p[0] & 0xF8) == 0xF0 ? 4 : (p[0] & 0xF0) == 0xE0 ? 3 :
		(p[0] & 0xE0) == 0xC0 ? 2 : 1;
	want = Min(want, len - off);
	n = 0;
	for (size_t i = 0; i < want; i++)
		n += (size_t) snprintf(bytes + n, sizeof(bytes) - n, "%s0x%02x", i ? " " : "", p[i]);
	pgerr_set(err, ERRCODE_CHARACTER_NOT_IN_REPERTOIRE,
			  "invalid byte sequence for encoding \"UTF8\": %s", bytes);
	return false;
}
