/*
 * fuzz_protocol.c
 *		libFuzzer target for the protocol decoder: first packets
 *		(StartupMessage, SSLRequest, CancelRequest, ...), message headers,
 *		Query bodies, the "options" splitter and UTF-8 validation.
 *
 * The first byte chooses the decoder; the rest is its input. Nothing may
 * crash, read out of bounds or leak, whatever the bytes.
 */
#include "common/proto.h"
#include "common/startup.h"
#include "common/types.h"
#include "common/utf8.h"

#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
count_word(const char *word, void *arg)
{
	(*(size_t *) arg) += strlen(word);
	return true;
}

static void
fuzz_startup(const uint8_t *data, size_t size)
{
	StartupPacket sp;
	PgError		err;

	if (startup_parse(data, size, &sp, &err) && sp.kind == STARTUP_NORMAL)
	{
		const char *options = startup_param(&sp, "options");
		size_t		total = 0;

		if (options)
			(void) startup_split_options(options, count_word, &total);
		for (int i = 0; i < sp.nparams; i++)
			(void) utf8_valid(sp.values[i], strlen(sp.values[i]), NULL);
	}
}

static void
fuzz_messages(const uint8_t *data, size_t size)
{
	/* a stream of frontend messages, framed as a backend reads them */
	while (size >= 5)
	{
		uint32_t	len = ((uint32_t) data[1] << 24) | ((uint32_t) data[2] << 16) |
			((uint32_t) data[3] << 8) | data[4];
		PgError		err;
		const char *sql;
		size_t		sqllen;

		if (!proto_check_header((char) data[0], len, &err) || (size_t) len + 1 > size)
			return;
		if (data[0] == 'Q' && proto_parse_query(data + 5, len - 4, &sql, &sqllen, &err))
			(void) utf8_check(sql, sqllen, &err);
		data += len + 1;
		size -= len + 1;
	}
}

static void
fuzz_reader(const uint8_t *data, size_t size)
{
	MsgReader	r;
	const char *s;
	const uint8_t *p;
	int32_t		v32;
	int16_t		v16;
	uint8_t		v8;

	pq_reader_init(&r, data, size);
	while (pq_remaining(&r) > 0)
	{
		if (!pq_get_int8(&r, &v8))
			break;
		switch (v8 % 4)
		{
			case 0:
				if (!pq_get_int16(&r, &v16))
					return;
				break;
			case 1:
				if (!pq_get_int32(&r, &v32))
					return;
				break;
			case 2:
				if (!pq_get_string(&r, &s, NULL))
					return;
				break;
			default:
				if (!pq_get_bytes(&r, v8 % 7, &p))
					return;
				break;
		}
	}
}

/*
 * What a value read either way must satisfy: it prints, and what it sends
 * reads back to the same bytes.
 */
static void
check_value(uint32_t oid, const PgValue *v)
{
	TypeFormat	fmt = {1};
	Buf			text;
	Buf			sent;
	Buf			scratch;
	Buf			again;
	PgValue		back;
	PgError		err;

	buf_init(&text);
	buf_init(&sent);
	buf_init(&scratch);
	buf_init(&again);
	pgtype_output(oid, v, &fmt, &text);
	if (pgtype_send(oid, v, &sent, &err) &&
		pgtype_receive(oid, (const uint8_t *) sent.data, sent.len, &back, &scratch, &err))
	{
		if (!pgtype_send(oid, &back, &again, &err) || again.len != sent.len ||
			memcmp(again.data, sent.data, sent.len) != 0)
			abort();
	}
	buf_free(&text);
	buf_free(&sent);
	buf_free(&scratch);
	buf_free(&again);
}

/* The bytes as every type's binary form and as its text (bounded size). */
static void
fuzz_types(const uint8_t *data, size_t size)
{
	static const uint32_t oids[] = {
		BOOLOID, BYTEAOID, CHAROID, NAMEOID, INT8OID, INT2OID, INT4OID, TEXTOID,
		OIDOID, JSONOID, FLOAT4OID, FLOAT8OID, UNKNOWNOID, BPCHAROID, VARCHAROID,
		DATEOID, TIMEOID, TIMESTAMPOID, TIMESTAMPTZOID, INTERVALOID, NUMERICOID,
		UUIDOID, JSONBOID, VECTOROID,
	};
	static const int32_t typmods[] = {-1, 0, 3, 7, 0x50006, 0x20804};
	static bool zone_set;
	Buf			scratch;
	PgValue		v;
	PgError		err;

	if (!zone_set)
		zone_set = pgtype_set_timezone("America/New_York", &err);
	if (size > 2048)
		size = 2048;
	buf_init(&scratch);
	for (size_t i = 0; i < lengthof(oids); i++)
	{
		buf_reset(&scratch);
		if (pgtype_receive(oids[i], data, size, &v, &scratch, &err))
			check_value(oids[i], &v);
		buf_reset(&scratch);
		if (pgtype_input(oids[i], (const char *) data, size,
						 typmods[(size + i) % lengthof(typmods)], &v, &scratch, &err))
			check_value(oids[i], &v);
	}
	buf_free(&scratch);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t    *copy;

	if (size < 1)
		return 0;
	/* an exact-size heap copy, so reading past the end is caught */
	copy = malloc(size - 1 ? size - 1 : 1);
	memcpy(copy, data + 1, size - 1);
	switch (data[0] % 4)
	{
		case 0:
			fuzz_startup(copy, size - 1);
			break;
		case 1:
			fuzz_messages(copy, size - 1);
			break;
		case 2:
			fuzz_reader(copy, size - 1);
			break;
		default:
			fuzz_types(copy, size - 1);
			break;
	}
	free(copy);
	return 0;
}
