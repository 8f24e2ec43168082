/*
 * type_text.c
 *		Character types: text, varchar, bpchar, name, json, jsonb, unknown,
 *		timetz (passed through) and "char". Input applies varchar(n)/char(n)
 *		rules and name's 63-byte limit; binary is the bytes (jsonb: version
 *		byte 1 first), UTF-8-checked on receive as pq_getmsgtext does.
 *
 * json and jsonb are not parsed or normalized: the database behind pgwire
 * validates them.
 */
#include "common/type_internal.h"
#include "common/utf8.h"

#include <string.h>

#define NAMEDATALEN 64

static void
set_text(PgValue *out, const char *data, size_t len)
{
	out->kind = PGV_TEXT;
	out->u.text.data = data;
	out->u.text.len = len;
}

bool
pgt_text_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			Buf *scratch, PgError *err)
{
	(void) typmod;
	(void) scratch;
	(void) err;
	set_text(out, text, len);
	return true;
}

void
pgt_text_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	(void) fmt;
	buf_append(out, v->u.text.data, v->u.text.len);
}

bool
pgt_text_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	(void) scratch;
	if (!utf8_check((const char *) data, len, err))
		return false;
	set_text(out, (const char *) data, len);
	return true;
}

bool
pgt_text_send(const PgValue *v, Buf *out, PgError *err)
{
	(void) err;
	buf_append(out, v->u.text.data, v->u.text.len);
	return true;
}

/* Byte length of the first nchars UTF-8 characters of s (pg_mbcharcliplen). */
static size_t
utf8_clip(const char *s, size_t len, size_t nchars)
{
	size_t		i = 0;

	for (; i < len; i++)
	{
		/* a character starts at every byte that is not a continuation */
		if (((uint8_t) s[i] & 0xC0) != 0x80)
		{
			if (nchars == 0)
				break;
			nchars--;
		}
	}
	return i;
}

static size_t
utf8_length(const char *s, size_t len)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
		n += (((uint8_t) s[i] & 0xC0) != 0x80);
	return n;
}

/*
 * Clip s to maxlen characters if the excess is all spaces, as varchar_input
 * and bpchar_input do; otherwise 22001.
 */
static bool
clip_to_length(const char *s, size_t *len, size_t maxlen, const char *typname,
			   PgError *err)
{
	size_t		keep = utf8_clip(s, *len, maxlen);

	for (size_t j = keep; j < *len; j++)
	{
		if (s[j] != ' ')
		{
			pgerr_set(err, ERRCODE_STRING_DATA_RIGHT_TRUNCATION,
					  "value too long for type %s(%d)", typname, (int) maxlen);
			return false;
		}
	}
	*len = keep;
	return true;
}

bool
pgt_varchar_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			   Buf *scratch, PgError *err)
{
	(void) scratch;
	if (typmod >= 4 && len > (size_t) (typmod - 4) &&
		!clip_to_length(text, &len, (size_t) (typmod - 4), "character varying", err))
		return false;
	set_text(out, text, len);
	return true;
}

/* bpchar(n) input: clip trailing spaces beyond n characters, pad to n. */
bool
pgt_bpchar_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			  Buf *scratch, PgError *err)
{
	size_t		maxlen;
	size_t		charlen;
	size_t		start;

	if (typmod < 4)
	{
		set_text(out, text, len);
		return true;
	}
	maxlen = (size_t) (typmod - 4);
	charlen = utf8_length(text, len);
	if (charlen > maxlen)
	{
		if (!clip_to_length(text, &len, maxlen, "character", err))
			return false;
		set_text(out, text, len);
		return true;
	}
	start = scratch->len;
	buf_append(scratch, text, len);
	for (size_t i = charlen; i < maxlen; i++)
		buf_append_byte(scratch, ' ');
	if (buf_failed(scratch))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	set_text(out, scratch->data + start, scratch->len - start);
	return true;
}

/* namein: truncated to NAMEDATALEN - 1 bytes at a character boundary. */
bool
pgt_name_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			Buf *scratch, PgError *err)
{
	(void) typmod;
	(void) scratch;
	(void) err;
	if (len >= NAMEDATALEN)
	{
		size_t		keep = NAMEDATALEN - 1;

		while (keep > 0 && ((uint8_t) text[keep] & 0xC0) == 0x80)
			keep--;
		len = keep;
	}
	set_text(out, text, len);
	return true;
}

bool
pgt_name_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	if (!pgt_text_recv(data, len, out, scratch, err))
		return false;
	if (len < NAMEDATALEN)
		return true;
	pgerr_set(err, ERRCODE_NAME_TOO_LONG, "identifier too long");
	pgerr_set_detail(err, "Identifier must be less than %d characters.", NAMEDATALEN);
	return false;
}

/* ---- "char": one byte; \ooo in text for bytes with the high bit set ---- */

static bool
is_octal(char c)
{
	return c >= '0' && c <= '7';
}

bool
pgt_char_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			Buf *scratch, PgError *err)
{
	size_t		at = scratch->len;
	uint8_t		c;

	(void) typmod;
	if (len == 4 && text[0] == '\\' && is_octal(text[1]) && is_octal(text[2]) &&
		is_octal(text[3]))
		c = (uint8_t) (((text[1] - '0') << 6) | ((text[2] - '0') << 3) | (text[3] - '0'));
	else
		c = len > 0 ? (uint8_t) text[0] : 0;
	buf_append_byte(scratch, c);
	if (buf_failed(scratch))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	set_text(out, scratch->data + at, c != 0);
	return true;
}

void
pgt_char_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	uint8_t		c = v->u.text.len > 0 ? (uint8_t) v->u.text.data[0] : 0;

	(void) fmt;
	if (c & 0x80)
		buf_appendf(out, "\\%o%o%o", c >> 6, (c >> 3) & 7, c & 7);
	else if (c != 0)
		buf_append_byte(out, c);
}

bool
pgt_char_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	BinReader	r;
	uint8_t		c;

	(void) scratch;
	pgt_reader_init(&r, data, len);
	if (!pgt_read_byte(&r, &c, err) || !pgt_read_done(&r, err))
		return false;
	set_text(out, (const char *) data, c != 0);
	return true;
}

bool
pgt_char_send(const PgValue *v, Buf *out, PgError *err)
{
	(void) err;
	buf_append_byte(out, v->u.text.len > 0 ? (uint8_t) v->u.text.data[0] : 0);
	return true;
}

/* ---- jsonb: version byte 1, then the JSON text ---- */

bool
pgt_jsonb_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	BinReader	r;
	uint8_t		version;

	pgt_reader_init(&r, data, len);
	if (!pgt_read_u8(&r, &version, err))
		return false;
	if (version != 1)
	{
		pgerr_set(err, ERRCODE_INTERNAL_ERROR, "unsupported jsonb version number %d", version);
		return false;
	}
	return pgt_text_recv(data + 1, len - 1, out, scratch, err);
}

bool
pgt_jsonb_send(const PgValue *v, Buf *out, PgError *err)
{
	buf_append_byte(out, 1);
	return pgt_text_send(v, out, err);
}
