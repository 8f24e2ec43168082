/*
 * base64.c
 *		Base64 encoding and strict decoding (RFC 4648 section 4).
 *
 * Owns: the alphabet and the padding rules. Decoding refuses anything a
 * conforming encoder would not produce, so a SCRAM message or a stored
 * secret is either exactly right or rejected.
 */
#include "common/base64.h"

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t
base64_encode(const uint8_t *src, size_t n, char *dst)
{
	size_t		out = 0;

	for (size_t i = 0; i < n; i += 3)
	{
		uint32_t	v = (uint32_t) src[i] << 16;
		size_t		left = n - i;

		if (left > 1)
			v |= (uint32_t) src[i + 1] << 8;
		if (left > 2)
			v |= src[i + 2];
		dst[out++] = alphabet[(v >> 18) & 63];
		dst[out++] = alphabet[(v >> 12) & 63];
		dst[out++] = left > 1 ? alphabet[(v >> 6) & 63] : '=';
		dst[out++] = left > 2 ? alphabet[v & 63] : '=';
	}
	dst[out] = '\0';
	return out;
}

/* The 6-bit value of c, or -1. */
static int
sextet(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int
base64_decode(const char *src, size_t len, uint8_t *dst, size_t dstcap)
{
	size_t		out = 0;

	if (len % 4 != 0)
		return -1;
	for (size_t i = 0; i < len; i += 4)
	{
		bool		last = (i + 4 == len);
		int			pad = 0;
		uint32_t	v = 0;

		for (int j = 0; j < 4; j++)
		{
			char		c = src[i + j];
			int			s;

			if (c == '=' && last && j >= 2)
			{
				pad++;
				continue;
			}
			if (pad > 0 || (s = sextet(c)) < 0)
				return -1;		/* a character after padding, or not base64 */
			v |= (uint32_t) s << (18 - 6 * j);
		}
		if (out + (size_t) (3 - pad) > dstcap)
			return -1;
		dst[out++] = (uint8_t) (v >> 16);
		if (pad < 2)
			dst[out++] = (uint8_t) (v >> 8);
		if (pad < 1)
			dst[out++] = (uint8_t) v;
	}
	return (int) out;
}
