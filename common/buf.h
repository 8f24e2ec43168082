/*
 * buf.h
 *		Growable byte buffer with a sticky failure flag.
 *
 * A Buf owns its data. Appends never fail loudly: on allocation failure the
 * buffer is marked failed and later appends do nothing, so a caller can build
 * a whole message with many small writes and check buf_failed() once before
 * using the result (PgBouncer's pktbuf discipline).
 */
#ifndef PGW_BUF_H
#define PGW_BUF_H

#include "common/base.h"

#include <stdarg.h>
#include <string.h>

typedef struct Buf
{
	char	   *data;			/* always NUL-terminated when not failed */
	size_t		len;			/* bytes used, excluding the terminator */
	size_t		cap;			/* bytes allocated */
	bool		failed;			/* an allocation failed: contents invalid */
} Buf;

void		buf_init(Buf *b);
void		buf_free(Buf *b);
void		buf_reset(Buf *b);

/* Make room for at least n more bytes; returns false (and fails b) on OOM. */
bool		buf_reserve(Buf *b, size_t n) PGW_MUSTCHECK;

/* buf_append when b may have to grow (or has failed). */
void		buf_append_grow(Buf *b, const void *data, size_t n);

/* Append n bytes (the protocol writers' many small appends stay inline). */
static inline void
buf_append(Buf *b, const void *data, size_t n)
{
	if (!b->failed && n > 0 && b->cap - b->len > n)
	{
		memcpy(b->data + b->len, data, n);
		b->len += n;
		b->data[b->len] = '\0';
	}
	else
		buf_append_grow(b, data, n);
}

static inline void
buf_append_byte(Buf *b, uint8_t c)
{
	buf_append(b, &c, 1);
}

void		buf_append_str(Buf *b, const char *s);

/* Insert s at byte offset at (at most b->len), moving what follows. */
void		buf_insert(Buf *b, size_t at, const char *s);
void		buf_appendf(Buf *b, const char *fmt,...) PGW_PRINTF(2, 3);

/* Decimal digits of v (with '-' if negative), without going through printf. */
void		buf_append_int64(Buf *b, int64_t v);
void		buf_append_uint64(Buf *b, uint64_t v);
void		buf_vappendf(Buf *b, const char *fmt, va_list ap) PGW_PRINTF(2, 0);

/* Remove the first n bytes (used by stream buffers after consuming input). */
void		buf_consume(Buf *b, size_t n);

static inline bool
buf_failed(const Buf *b)
{
	return b->failed;
}

#endif							/* PGW_BUF_H */
