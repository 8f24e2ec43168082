/*
 * startup.c
 *		Decoding of the first packet a client sends.
 *
 * Owns: the layout checks of StartupMessage, SSLRequest, GSSENCRequest and
 * CancelRequest (both the 3.0 four-byte and the 3.2 variable-length key).
 * Never acts on a packet: the backend decides what to answer.
 */
#include "common/startup.h"

#include "common/proto.h"
#include "common/protocol.h"

#include <string.h>

bool
startup_check_length(uint32_t len, PgError *err)
{
	if (len < 8 || len > MAX_STARTUP_PACKET_LENGTH)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid length of startup packet");
		return false;
	}
	return true;
}

static bool
parse_cancel(MsgReader *r, StartupPacket *out, PgError *err)
{
	const uint8_t *key;
	size_t		keylen;

	if (!pq_get_int32(r, &out->cancel_pid))
		goto bad;
	keylen = pq_remaining(r);
	if (keylen < 4 || keylen > CANCEL_KEY_MAX_LENGTH || !pq_get_bytes(r, keylen, &key))
		goto bad;
	memcpy(out->cancel_key, key, keylen);
	out->cancel_key_len = keylen;
	return true;

bad:
	pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid length of cancel request");
	return false;
}

static bool
parse_params(MsgReader *r, StartupPacket *out, PgError *err)
{
	for (;;)
	{
		const char *name;
		const char *value;
		size_t		namelen;

		if (!pq_get_string(r, &name, &namelen))
			break;
		if (namelen == 0)
		{
			/* the terminator must be the last byte */
			if (pq_remaining(r) != 0)
				break;
			return true;
		}
		if (!pq_get_string(r, &value, NULL))
			break;
		if (out->nparams >= STARTUP_MAX_PARAMS)
		{
			pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION,
					  "too many parameters in startup packet (at most %d)", STARTUP_MAX_PARAMS);
			return false;
		}
		out->names[out->nparams] = name;
		out->values[out->nparams] = value;
		out->nparams++;
	}
	pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION,
			  "invalid startup packet layout: expected terminator as last byte");
	return false;
}

bool
startup_parse(const uint8_t *pkt, size_t len, StartupPacket *out, PgError *err)
{
	MsgReader	r;
	int32_t		pktlen;
	int32_t		code;

	memset(out, 0, sizeof(*out));
	pq_reader_init(&r, pkt, len);
	if (!pq_get_int32(&r, &pktlen) || !pq_get_int32(&r, &code) ||
		(size_t) pktlen != len || !startup_check_length((uint32_t) pktlen, err))
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid length of startup packet");
		return false;
	}

	switch ((uint32_t) code)
	{
		case CANCEL_REQUEST_CODE:
			out->kind = STARTUP_CANCEL;
			return parse_cancel(&r, out, err);
		case NEGOTIATE_SSL_CODE:
		case NEGOTIATE_GSS_CODE:
			out->kind = (uint32_t) code == NEGOTIATE_SSL_CODE ?
				STARTUP_SSL_REQUEST : STARTUP_GSSENC_REQUEST;
			if (pq_remaining(&r) != 0)
			{
				pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid length of %s request",
						  out->kind == STARTUP_SSL_REQUEST ? "SSL" : "GSSAPI encryption");
				return false;
			}
			return true;
		default:
			break;
	}

	out->kind = STARTUP_NORMAL;
	out->version = (uint32_t) code;
	if (PG_PROTOCOL_MAJOR(out->version) != 3)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
				  "unsupported frontend protocol %u.%u: server supports %u.%u to %u.%u",
				  PG_PROTOCOL_MAJOR(out->version), PG_PROTOCOL_MINOR(out->version),
				  PG_PROTOCOL_MAJOR(PG_PROTOCOL_EARLIEST), PG_PROTOCOL_MINOR(PG_PROTOCOL_EARLIEST),
				  PG_PROTOCOL_MAJOR(PG_PROTOCOL_LATEST), PG_PROTOCOL_MINOR(PG_PROTOCOL_LATEST));
		return false;
	}
	return parse_params(&r, out, err);
}

const char *
startup_param(const StartupPacket *sp, const char *name)
{
	for (int i = 0; i < sp->nparams; i++)
	{
		if (strcmp(sp->names[i], name) == 0)
			return sp->values[i];
	}
	return NULL;
}

static bool
is_option_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool
startup_split_options(const char *options, bool (*fn) (const char *word, void *arg), void *arg)
{
	char		word[MAX_STARTUP_PACKET_LENGTH + 1];
	const char *p = options;

	for (;;)
	{
		size_t		n = 0;

		while (is_option_space(*p))
			p++;
		if (*p == '\0')
			return true;
		while (*p != '\0' && !is_option_space(*p) && n < sizeof(word) - 1)
		{
			if (*p == '\\' && p[1] != '\0')
				p++;
			word[n++] = *p++;
		}
		word[n] = '\0';
		if (!fn(word, arg))
			return false;
	}
}
