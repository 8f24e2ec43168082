/*
 * type_binary.c
 *		Types whose values are raw bytes or fixed arrays: bytea (hex and
 *		escape text input, hex output, raw binary), uuid (16 bytes; text
 *		with optional braces and dashes as string_to_uuid) and pgvector's
 *		vector (text "[1,2.5]", binary int16 dim, int16 unused, float4s).
 *
 * Decoded bytes and vector floats go to the caller's scratch Buf; the
 * PgValue points there. Messages follow byteain and pgvector's vector.c.
 */
#include "common/type_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define VECTOR_MAX_DIM 16000

static const char hex_digits[] = "0123456789abcdef";

static bool
fail_oom(PgError *err)
{
	pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return false;
}

/* ---- bytea ---- */

/* Length of the UTF-8 character starting with byte c (pg_mblen). */
static int
utf8_char_length(uint8_t c)
{
	return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 :
		(c & 0xF8) == 0xF0 ? 4 : 1;
}

static bool
fail_hex_digit(PgError *err, const char *s, const char *end)
{
	int			n = Min(utf8_char_length((uint8_t) *s), (int) (end - s));

	pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"%.*s\"", n, s);
	return false;
}

/* hex_decode: pairs of hex digits, whitespace allowed between pairs. */
static bool
decode_hex(const char *s, const char *end, Buf *scratch, PgError *err)
{
	while (s < end)
	{
		int			hi;
		int			lo;

		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		{
			s++;
			continue;
		}
		if ((hi = hex_digit_value((unsigned char) *s)) < 0)
			return fail_hex_digit(err, s, end);
		if (++s >= end)
		{
			pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
					  "invalid hexadecimal data: odd number of digits");
			return false;
		}
		if ((lo = hex_digit_value((unsigned char) *s)) < 0)
			return fail_hex_digit(err, s, end);
		s++;
		buf_append_byte(scratch, (uint8_t) ((hi << 4) | lo));
	}
	return true;
}

/* The traditional escape format: \\ for a backslash, \ooo for any byte. */
static bool
decode_escape(const char *s, const char *end, Buf *scratch, PgError *err)
{
	while (s < end)
	{
		if (*s != '\\')
			buf_append_byte(scratch, (uint8_t) *s++);
		else if (end - s >= 4 && s[1] >= '0' && s[1] <= '3' &&
				 s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7')
		{
			buf_append_byte(scratch, (uint8_t) (((s[1] - '0') << 6) |
												((s[2] - '0') << 3) | (s[3] - '0')));
			s += 4;
		}
		else if (end - s >= 2 && s[1] == '\\')
		{
			buf_append_byte(scratch, '\\');
			s += 2;
		}
		else
		{
			pgerr_set(err, ERRCODE_INVALID_TEXT_REPRESENTATION,
					  "invalid input syntax for type bytea");
			return false;
		}
	}
	return true;
}

bool
pgt_bytea_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			 Buf *scratch, PgError *err)
{
	size_t		start = scratch->len;
	bool		ok;

	(void) typmod;
	if (len >= 2 && text[0] == '\\' && text[1] == 'x')
		ok = decode_hex(text + 2, text + len, scratch, err);
	else
		ok = decode_escape(text, text + len, scratch, err);
	if (!ok)
		return false;
	if (buf_failed(scratch))
		return fail_oom(err);
	out->kind = PGV_BYTES;
	out->u.text.data = scratch->data ? scratch->data + start : "";
	out->u.text.len = scratch->len - start;
	return true;
}

void
pgt_bytea_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	(void) fmt;
	pgtype_format_bytea_hex(out, (const uint8_t *) v->u.text.data, v->u.text.len);
}

bool
pgt_bytea_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	(void) scratch;
	(void) err;
	out->kind = PGV_BYTES;
	out->u.text.data = (const char *) data;
	out->u.text.len = len;
	return true;
}

bool
pgt_bytea_send(const PgValue *v, Buf *out, PgError *err)
{
	(void) err;
	buf_append(out, v->u.text.data, v->u.text.len);
	return true;
}

void
pgtype_format_bytea_hex(Buf *out, const uint8_t *data, size_t len)
{
	if (!buf_reserve(out, 2 + 2 * len))
		return;
	out->data[out->len++] = '\\';
	out->data[out->len++] = 'x';
	for (size_t i = 0; i < len; i++)
	{
		out->data[out->len++] = hex_digits[data[i] >> 4];
		out->data[out->len++] = hex_digits[data[i] & 0x0F];
	}
	out->data[out->len] = '\0';
}

void
pgtype_hex_encode_tail(Buf *out, size_t start)
{
	size_t		n = out->len - start;

	if (!buf_reserve(out, n + 2))
		return;

	/*
	 * Work backwards: the hex of byte i lands at start + 2 + 2i, never below
	 * start + i, so every byte is read before anything overwrites it.
	 */
	for (size_t i = n; i-- > 0;)
	{
		uint8_t		b = (uint8_t) out->data[start + i];

		out->data[start + 2 + 2 * i] = hex_digits[b >> 4];
		out->data[start + 3 + 2 * i] = hex_digits[b & 0x0F];
	}
	out->data[start] = '\\';
	out->data[start + 1] = 'x';
	out->len = start + 2 + 2 * n;
	out->data[out->len] = '\0';
}

/* ---- uuid ---- */

/* string_to_uuid: {optional braces}, 32 hex digits, a dash allowed after each 4. */
bool
pgt_uuid_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			Buf *scratch, PgError *err)
{
	size_t		p = 0;
	bool		braces = false;

	(void) typmod;
	(void) scratch;
	if (p < len && text[p] == '{')
	{
		braces = true;
		p++;
	}
	for (int i = 0; i < 16; i++)
	{
		int			hi;
		int			lo;

		if (len - p < 2 || (hi = hex_digit_value((unsigned char) text[p])) < 0 || (lo = hex_digit_value((unsigned char) text[p + 1])) < 0)
			return pgt_fail_syntax(err, "uuid", text, len);
		out->u.uuid[i] = (uint8_t) ((hi << 4) | lo);
		p += 2;
		if (p < len && text[p] == '-' && i % 2 == 1 && i < 15)
			p++;
	}
	if (braces && (p >= len || text[p++] != '}'))
		return pgt_fail_syntax(err, "uuid", text, len);
	if (p != len)
		return pgt_fail_syntax(err, "uuid", text, len);
	out->kind = PGV_UUID;
	return true;
}

void
pgt_uuid_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	(void) fmt;
	for (int i = 0; i < 16; i++)
	{
		if (i == 4 || i == 6 || i == 8 || i == 10)
			buf_append_byte(out, '-');
		buf_append_byte(out, (uint8_t) hex_digits[v->u.uuid[i] >> 4]);
		buf_append_byte(out, (uint8_t) hex_digits[v->u.uuid[i] & 0x0F]);
	}
}

bool
pgt_uuid_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	BinReader	r;
	const uint8_t *p;

	(void) scratch;
	pgt_reader_init(&r, data, len);
	if (!pgt_read_bytes(&r, 16, &p, err) || !pgt_read_done(&r, err))
		return false;
	out->kind = PGV_UUID;
	memcpy(out->u.uuid, p, 16);
	return true;
}

bool
pgt_uuid_send(const PgValue *v, Buf *out, PgError *err)
{
	(void) err;
	buf_append(out, v->u.uuid, 16);
	return true;
}

/* ---- vector (pgvector) ---- */

static bool
fail_data(PgError *err, const char *sqlstate, const char *message)
{
	pgerr_set(err, sqlstate, "%s", message);
	return false;
}

/* CheckElement */
static bool
check_element(float v, PgError *err)
{
	if (isnan(v))
		return fail_data(err, ERRCODE_DATA_EXCEPTION, "NaN not allowed in vector");
	if (isinf(v))
		return fail_data(err, ERRCODE_DATA_EXCEPTION, "infinite value not allowed in vector");
	return true;
}

/* CheckDim and CheckExpectedDim */
static bool
check_dims(int dim, int32_t typmod, PgError *err)
{
	if (dim < 1)
		return fail_data(err, ERRCODE_DATA_EXCEPTION, "vector must have at least 1 dimension");
	if (dim > VECTOR_MAX_DIM)
	{
		pgerr_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
				  "vector cannot have more than %d dimensions", VECTOR_MAX_DIM);
		return false;
	}
	if (typmod != -1 && typmod != dim)
	{
		pgerr_set(err, ERRCODE_DATA_EXCEPTION, "expected %d dimensions, not %d", typmod, dim);
		return false;
	}
	return true;
}

/* Start the float array at a 4-byte boundary of scratch. */
static size_t
align_floats(Buf *scratch)
{
	while (scratch->len % sizeof(float) != 0)
		buf_append_byte(scratch, 0);
	return scratch->len;
}

static void
set_vector(PgValue *out, Buf *scratch, size_t start, int dims)
{
	out->kind = PGV_VECTOR;
	out->u.vector.values = (const float *) (const void *) (scratch->data + start);
	out->u.vector.dims = dims;
}

static bool
fail_vector_syntax(PgError *err, const char *text, size_t len, const char *detail)
{
	pgt_fail_syntax(err, "vector", text, len);
	if (detail)
		pgerr_set_detail(err, "%s", detail);
	return false;
}

/*
 * vector_in. The text is copied (NUL-terminated, for strtof) and the floats
 * stored after it; room for both is reserved first so nothing moves.
 */
bool
pgt_vector_in(const char *text, size_t len, int32_t typmod, PgValue *out,
			  Buf *scratch, PgError *err)
{
	size_t		maxdims = Min(len / 2 + 1, VECTOR_MAX_DIM);
	const char *s;
	const char *pt;
	size_t		start;
	int			dim = 0;

	if (!buf_reserve(scratch, len + 1 + sizeof(float) + maxdims * sizeof(float)))
		return fail_oom(err);
	s = pgt_cstring(scratch, text, len);
	start = align_floats(scratch);
	for (pt = s; pgt_is_space(*pt); pt++)
		;
	if (*pt != '[')
		return fail_vector_syntax(err, text, len, "Vector contents must start with \"[\".");
	for (pt++; pgt_is_space(*pt); pt++)
		;
	if (*pt == ']')
		return fail_data(err, ERRCODE_DATA_EXCEPTION, "vector must have at least 1 dimension");
	for (;;)
	{
		char	   *end;
		float		v;

		if (dim == VECTOR_MAX_DIM)
			return check_dims(dim + 1, -1, err);
		while (pgt_is_space(*pt))
			pt++;
		if (*pt == '\0')
			return fail_vector_syntax(err, text, len, NULL);
		errno = 0;
		v = strtof(pt, &end);
		if (end == pt)
			return fail_vector_syntax(err, text, len, NULL);
		if (errno == ERANGE && isinf(v))
		{
			pgerr_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
					  "\"%.*s\" is out of range for type vector", (int) (end - pt), pt);
			return false;
		}
		if (!check_element(v, err))
			return false;
		buf_append(scratch, &v, sizeof(v));
		dim++;
		for (pt = end; pgt_is_space(*pt); pt++)
			;
		if (*pt == ',')
			pt++;
		else if (*pt == ']')
		{
			pt++;
			break;
		}
		else
			return fail_vector_syntax(err, text, len, NULL);
	}
	while (pgt_is_space(*pt))
		pt++;
	if ((size_t) (pt - s) != len)
		return fail_vector_syntax(err, text, len, "Junk after closing right brace.");
	if (!check_dims(dim, typmod, err))
		return false;
	set_vector(out, scratch, start, dim);
	return true;
}

void
pgt_vector_out(const PgValue *v, const TypeFormat *fmt, Buf *out)
{
	(void) fmt;
	buf_append_byte(out, '[');
	for (int i = 0; i < v->u.vector.dims; i++)
	{
		if (i > 0)
			buf_append_byte(out, ',');
		pgt_format_float_shortest(out, v->u.vector.values[i], true);
	}
	buf_append_byte(out, ']');
}

bool
pgt_vector_recv(const uint8_t *data, size_t len, PgValue *out, Buf *scratch, PgError *err)
{
	BinReader	r;
	uint16_t	dim;
	uint16_t	unused;
	size_t		start;

	pgt_reader_init(&r, data, len);
	if (!pgt_read_u16(&r, &dim, err) || !pgt_read_u16(&r, &unused, err) ||
		!check_dims(dim, -1, err))
		return false;
	if (unused != 0)
	{
		pgerr_set(err, ERRCODE_DATA_EXCEPTION, "expected unused to be 0, not %d", unused);
		return false;
	}
	start = align_floats(scratch);
	for (int i = 0; i < dim; i++)
	{
		uint32_t	bits;
		float		v;

		if (!pgt_read_u32(&r, &bits, err))
			return false;
		memcpy(&v, &bits, sizeof(v));
		if (!check_element(v, err))
			return false;
		buf_append(scratch, &v, sizeof(v));
	}
	if (!pgt_read_done(&r, err))
		return false;
	if (buf_failed(scratch))
		return fail_oom(err);
	set_vector(out, scratch, start, dim);
	return true;
}

bool
pgt_vector_send(const PgValue *v, Buf *out, PgError *err)
{
	if (!check_dims(v->u.vector.dims, -1, err))
		return false;
	pgt_put_u16(out, (uint16_t) v->u.vector.dims);
	pgt_put_u16(out, 0);
	for (int i = 0; i < v->u.vector.dims; i++)
	{
		uint32_t	bits;

		memcpy(&bits, &v->u.vector.values[i], sizeof(bits));
		pgt_put_u32(out, bits);
	}
	return true;
}
