/*
 * proto.c
 *		Encoding and decoding of protocol messages.
 *
 * Owns: the byte layout of every message pgwire reads or writes after the
 * startup packet (integers in network order, NUL-terminated strings, the
 * length word). Nothing here touches a socket; messages are built into and
 * read from memory, which keeps this file unit-testable and fuzzable.
 */
#include "common/proto.h"

#include "common/protocol.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- building ---- */

size_t
pq_begin(Buf *out, char type)
{
	size_t		start = out->len;

	buf_append_byte(out, (uint8_t) type);
	pq_put_int32(out, 0);		/* length, patched by pq_end */
	return start;
}

void
pq_end(Buf *out, size_t start)
{
	if (buf_failed(out))
		return;
	/* the length counts itself but not the type byte */
	pq_put_int32_at(out, start + 1, (int32_t) (out->len - start - 1));
}

void
pq_put_int8(Buf *out, uint8_t v)
{
	buf_append_byte(out, v);
}

void
pq_put_int16(Buf *out, int16_t v)
{
	uint16_t	n = htons((uint16_t) v);

	buf_append(out, &n, sizeof(n));
}

void
pq_put_int32(Buf *out, int32_t v)
{
	uint32_t	n = htonl((uint32_t) v);

	buf_append(out, &n, sizeof(n));
}

void
pq_put_bytes(Buf *out, const void *data, size_t len)
{
	buf_append(out, data, len);
}

void
pq_put_string(Buf *out, const char *s)
{
	buf_append(out, s, strlen(s) + 1);
}

void
pq_put_int32_at(Buf *out, size_t off, int32_t v)
{
	uint32_t	n = htonl((uint32_t) v);

	if (buf_failed(out) || off + sizeof(n) > out->len)
		return;
	memcpy(out->data + off, &n, sizeof(n));
}

/* ---- reading ---- */

void
pq_reader_init(MsgReader *r, const void *data, size_t len)
{
	r->data = data;
	r->len = len;
	r->pos = 0;
}

bool
pq_get_int8(MsgReader *r, uint8_t *v)
{
	if (pq_remaining(r) < 1)
		return false;
	*v = r->data[r->pos++];
	return true;
}

bool
pq_get_int16(MsgReader *r, int16_t *v)
{
	uint16_t	n;

	if (pq_remaining(r) < sizeof(n))
		return false;
	memcpy(&n, r->data + r->pos, sizeof(n));
	r->pos += sizeof(n);
	*v = (int16_t) ntohs(n);
	return true;
}

bool
pq_get_int32(MsgReader *r, int32_t *v)
{
	uint32_t	n;

	if (pq_remaining(r) < sizeof(n))
		return false;
	memcpy(&n, r->data + r->pos, sizeof(n));
	r->pos += sizeof(n);
	*v = (int32_t) ntohl(n);
	return true;
}

bool
pq_get_bytes(MsgReader *r, size_t n, const uint8_t **p)
{
	if (pq_remaining(r) < n)
		return false;
	*p = r->data + r->pos;
	r->pos += n;
	return true;
}

bool
pq_get_string(MsgReader *r, const char **s, size_t *len)
{
	const uint8_t *start = r->data + r->pos;
	const uint8_t *nul = memchr(start, '\0', pq_remaining(r));

	if (nul == NULL)
		return false;
	*s = (const char *) start;
	if (len)
		*len = (size_t) (nul - start);
	r->pos += (size_t) (nul - start) + 1;
	return true;
}

/* ---- framing ---- */

uint32_t
proto_frontend_limit(char type)
{
	switch (type)
	{
		case PqMsg_Query:
		case PqMsg_Parse:
		case PqMsg_Bind:
		case PqMsg_CopyData:
		case PqMsg_FunctionCall:
		case PqMsg_PasswordMessage:
			return PQ_LARGE_MESSAGE_LIMIT;
		case PqMsg_Close:
		case PqMsg_Describe:
		case PqMsg_Execute:
		case PqMsg_Flush:
		case PqMsg_Sync:
		case PqMsg_Terminate:
		case PqMsg_CopyDone:
		case PqMsg_CopyFail:
			return PQ_SMALL_MESSAGE_LIMIT;
		default:
			return 0;
	}
}

bool
proto_check_header(char type, uint32_t len, PgError *err)
{
	uint32_t	limit = proto_frontend_limit(type);

	if (limit == 0)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION,
				  "invalid frontend message type %d", (int) (unsigned char) type);
		return false;
	}
	if (len < 4 || len > limit)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid message length");
		return false;
	}
	return true;
}

bool
proto_parse_query(const void *body, size_t len, const char **sql, size_t *sqllen,
				  PgError *err)
{
	MsgReader	r;

	pq_reader_init(&r, body, len);
	if (!pq_get_string(&r, sql, sqllen) || pq_remaining(&r) != 0)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid message format");
		return false;
	}
	return true;
}

/* ---- extended query messages ---- */

static bool
bad_format(PgError *err)
{
	pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid message format");
	return false;
}

/* A count word: PostgreSQL reads them as unsigned 16-bit (0 .. 65535). */
static bool
get_count(MsgReader *r, int *n)
{
	int16_t		v;

	if (!pq_get_int16(r, &v))
		return false;
	*n = (uint16_t) v;
	return true;
}

bool
proto_parse_parse(const void *body, size_t len, ParseMsg *out, PgError *err)
{
	MsgReader	r;

	memset(out, 0, sizeof(*out));
	pq_reader_init(&r, body, len);
	if (!pq_get_string(&r, &out->name, NULL) ||
		!pq_get_string(&r, &out->query, &out->query_len) ||
		!get_count(&r, &out->nparam_types) ||
		!pq_get_bytes(&r, (size_t) out->nparam_types * 4, &out->param_types) ||
		pq_remaining(&r) != 0)
		return bad_format(err);
	return true;
}

bool
proto_parse_bind(const void *body, size_t len, BindMsg *out, PgError *err)
{
	MsgReader	r;

	memset(out, 0, sizeof(*out));
	pq_reader_init(&r, body, len);
	if (!pq_get_string(&r, &out->portal, NULL) ||
		!pq_get_string(&r, &out->statement, NULL) ||
		!get_count(&r, &out->nformats) ||
		!pq_get_bytes(&r, (size_t) out->nformats * 2, &out->formats) ||
		!get_count(&r, &out->nparams))
		return bad_format(err);

	if (out->nparams > 0)
	{
		out->values = calloc((size_t) out->nparams, sizeof(*out->values));
		out->lengths = calloc((size_t) out->nparams, sizeof(*out->lengths));
		if (out->values == NULL || out->lengths == NULL)
		{
			proto_bind_free(out);
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return false;
		}
	}
	for (int i = 0; i < out->nparams; i++)
	{
		int32_t		plen;

		if (!pq_get_int32(&r, &plen) || plen < -1 ||
			(plen >= 0 && !pq_get_bytes(&r, (size_t) plen, &out->values[i])))
		{
			proto_bind_free(out);
			pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "insufficient data left in message");
			return false;
		}
		out->lengths[i] = plen;
	}
	if (!get_count(&r, &out->nresult_formats) ||
		!pq_get_bytes(&r, (size_t) out->nresult_formats * 2, &out->result_formats) ||
		pq_remaining(&r) != 0)
	{
		proto_bind_free(out);
		return bad_format(err);
	}
	return true;
}

void
proto_bind_free(BindMsg *msg)
{
	free(msg->values);
	free(msg->lengths);
	msg->values = NULL;
	msg->lengths = NULL;
}

bool
proto_parse_target(const void *body, size_t len, TargetMsg *out, PgError *err)
{
	MsgReader	r;
	uint8_t		kind;

	pq_reader_init(&r, body, len);
	if (!pq_get_int8(&r, &kind) || !pq_get_string(&r, &out->name, NULL) || pq_remaining(&r) != 0)
		return bad_format(err);
	if (kind != 'S' && kind != 'P')
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid DESCRIBE/CLOSE message subtype %d", kind);
		return false;
	}
	out->kind = (char) kind;
	return true;
}

bool
proto_parse_execute(const void *body, size_t len, ExecuteMsg *out, PgError *err)
{
	MsgReader	r;

	pq_reader_init(&r, body, len);
	if (!pq_get_string(&r, &out->portal, NULL) || !pq_get_int32(&r, &out->max_rows) ||
		pq_remaining(&r) != 0)
		return bad_format(err);
	if (out->max_rows < 0)
		out->max_rows = 0;		/* PostgreSQL treats a negative limit as "all" */
	return true;
}

int16_t
proto_int16_at(const uint8_t *array, int i)
{
	uint16_t	v;

	memcpy(&v, array + (size_t) i * 2, 2);
	return (int16_t) ntohs(v);
}

uint32_t
proto_uint32_at(const uint8_t *array, int i)
{
	uint32_t	v;

	memcpy(&v, array + (size_t) i * 4, 4);
	return ntohl(v);
}

void *
proto_copy_ints(const uint8_t *array, int n, size_t size, PgError *err)
{
	void	   *copy = n > 0 ? malloc(size * (size_t) n) : NULL;

	if (n > 0 && copy == NULL)
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	for (int i = 0; copy != NULL && i < n; i++)
	{
		if (size == sizeof(int16_t))
			((int16_t *) copy)[i] = proto_int16_at(array, i);
		else
			((uint32_t *) copy)[i] = proto_uint32_at(array, i);
	}
	return copy;
}

int16_t
proto_format_for(const uint8_t *formats, int nformats, int i)
{
	if (nformats == 0)
		return 0;
	return proto_int16_at(formats, nformats == 1 ? 0 : i);
}

/* ---- backend messages ---- */

static void
put_error_field(Buf *out, char code, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	pq_put_int8(out, (uint8_t) code);
	pq_put_string(out, value);
}

void
proto_write_error(Buf *out, const PgError *err)
{
	const char *sev = pgerr_severity_name(err->severity);
	size_t		start = pq_begin(out, err->severity >= PGSEV_ERROR ?
								 PqMsg_ErrorResponse : PqMsg_NoticeResponse);

	put_error_field(out, 'S', sev);
	put_error_field(out, 'V', sev);
	put_error_field(out, 'C', err->sqlstate[0] ? err->sqlstate : ERRCODE_INTERNAL_ERROR);
	put_error_field(out, 'M', err->message);
	put_error_field(out, 'D', err->detail);
	put_error_field(out, 'H', err->hint);
	if (err->position > 0)
	{
		char		pos[16];

		snprintf(pos, sizeof(pos), "%d", err->position);
		put_error_field(out, 'P', pos);
	}
	put_error_field(out, 'W', err->context);
	pq_put_int8(out, 0);
	pq_end(out, start);
}

void
proto_write_ready(Buf *out, char txn_status)
{
	size_t		start = pq_begin(out, PqMsg_ReadyForQuery);

	pq_put_int8(out, (uint8_t) txn_status);
	pq_end(out, start);
}

void
proto_write_parameter_status(Buf *out, const char *name, const char *value)
{
	size_t		start = pq_begin(out, PqMsg_ParameterStatus);

	pq_put_string(out, name);
	pq_put_string(out, value);
	pq_end(out, start);
}

void
proto_write_backend_key(Buf *out, int32_t pid, const uint8_t *key, size_t keylen)
{
	size_t		start = pq_begin(out, PqMsg_BackendKeyData);

	pq_put_int32(out, pid);
	pq_put_bytes(out, key, keylen);
	pq_end(out, start);
}

void
proto_write_auth(Buf *out, int32_t code, const void *data, size_t len)
{
	size_t		start = pq_begin(out, PqMsg_AuthenticationRequest);

	pq_put_int32(out, code);
	pq_put_bytes(out, data, len);
	pq_end(out, start);
}

void
proto_write_command_complete(Buf *out, const char *tag)
{
	size_t		start = pq_begin(out, PqMsg_CommandComplete);

	pq_put_string(out, tag);
	pq_end(out, start);
}

void
proto_write_command_complete_count(Buf *out, const char *tag, bool with_oid, int64_t count)
{
	size_t		start = pq_begin(out, PqMsg_CommandComplete);

	buf_append_str(out, tag);
	buf_append_str(out, with_oid ? " 0 " : " ");
	buf_append_int64(out, count);
	buf_append_byte(out, 0);
	pq_end(out, start);
}

void
proto_write_empty_query(Buf *out)
{
	proto_write_empty(out, PqMsg_EmptyQueryResponse);
}

void
proto_write_negotiate_version(Buf *out, int32_t newest_minor,
							  const char *const *unrecognized, int n)
{
	size_t		start = pq_begin(out, PqMsg_NegotiateProtocolVersion);

	pq_put_int32(out, PG_PROTOCOL(3, newest_minor));
	pq_put_int32(out, n);
	for (int i = 0; i < n; i++)
		pq_put_string(out, unrecognized[i]);
	pq_end(out, start);
}

void
proto_write_empty(Buf *out, char type)
{
	pq_end(out, pq_begin(out, type));
}

void
proto_write_parameter_description(Buf *out, const uint32_t *oids, int n)
{
	size_t		start = pq_begin(out, PqMsg_ParameterDescription);

	pq_put_int16(out, (int16_t) n);
	for (int i = 0; i < n; i++)
		pq_put_int32(out, (int32_t) oids[i]);
	pq_end(out, start);
}

void
proto_write_row_description(Buf *out, const FieldDesc *fields, int n)
{
	size_t		start = pq_begin(out, PqMsg_RowDescription);

	pq_put_int16(out, (int16_t) n);
	for (int i = 0; i < n; i++)
	{
		const FieldDesc *f = &fields[i];

		pq_put_string(out, f->name);
		pq_put_int32(out, (int32_t) f->table_oid);
		pq_put_int16(out, f->column_attnum);
		pq_put_int32(out, (int32_t) f->type_oid);
		pq_put_int16(out, f->typlen);
		pq_put_int32(out, f->typmod);
		pq_put_int16(out, f->format);
	}
	pq_end(out, start);
}

void
proto_write_copy_response(Buf *out, char type, int ncols)
{
	size_t		start = pq_begin(out, type);

	pq_put_int8(out, 0);
	pq_put_int16(out, (int16_t) ncols);
	for (int i = 0; i < ncols; i++)
		pq_put_int16(out, 0);
	pq_end(out, start);
}
