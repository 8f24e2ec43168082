/*
 * buf.c
 *		Growable byte buffer with a sticky failure flag.
 *
 * Owns: the memory behind a Buf. Growth doubles the capacity; after an
 * allocation failure the buffer stays failed until buf_reset().
 */
#include "common/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_INITIAL_SIZE 256

void
buf_init(Buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->failed = false;
}

void
buf_free(Buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(Buf *b)
{
	b->len = 0;
	b->failed = false;
	if (b->data)
		b->data[0] = '\0';
}

bool
buf_reserve(Buf *b, size_t n)
{
	size_t		need;
	size_t		newcap;
	char	   *p;

	if (b->failed)
		return false;
	if (n > SIZE_MAX / 2 - b->len - 1)
	{
		b->failed = true;
		return false;
	}
	need = b->len + n + 1;
	if (need <= b->cap)
		return true;
	newcap = b->cap ? b->cap : BUF_INITIAL_SIZE;
	while (newcap < need)
		newcap *= 2;
	p = realloc(b->data, newcap);
	if (p == NULL)
	{
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = newcap;
	return true;
}

void
buf_append_grow(Buf *b, const void *data, size_t n)
{
	if (!buf_reserve(b, n))
		return;
	if (n > 0)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_insert(Buf *b, size_t at, const char *s)
{
	size_t		n = strlen(s);

	if (at > b->len || !buf_reserve(b, n))
		return;
	memmove(b->data + at + n, b->data + at, b->len - at + 1);
	memcpy(b->data + at, s, n);
	b->len += n;
}

void
buf_append_str(Buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_vappendf(Buf *b, const char *fmt, va_list ap)
{
	va_list		ap2;
	int			n;

	if (b->failed)
		return;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
	{
		b->failed = true;
		return;
	}
	if (!buf_reserve(b, (size_t) n))
		return;
	vsnprintf(b->data + b->len, (size_t) n + 1, fmt, ap);
	b->len += (size_t) n;
}

void
buf_append_uint64(Buf *b, uint64_t v)
{
	char		digits[20];
	size_t		n = 0;

	do
	{
		digits[sizeof(digits) - ++n] = (char) ('0' + v % 10);
		v /= 10;
	} while (v != 0);
	buf_append(b, digits + sizeof(digits) - n, n);
}

void
buf_append_int64(Buf *b, int64_t v)
{
	if (v < 0)
	{
		buf_append_byte(b, '-');
		buf_append_uint64(b, (uint64_t) -(v + 1) + 1);	/* INT64_MIN too */
	}
	else
		buf_append_uint64(b, (uint64_t) v);
}

void
buf_appendf(Buf *b, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	buf_vappendf(b, fmt, ap);
	va_end(ap);
}

void
buf_consume(Buf *b, size_t n)
{
	if (n >= b->len)
	{
		buf_reset(b);
		return;
	}
	memmove(b->data, b->data + n, b->len - n);
	b->len -= n;
	b->data[b->len] = '\0';
}
