/*
 * proto.h
 *		Encoding and decoding of protocol messages.
 *
 * Writing: a message is built in place at the end of an output Buf with
 * pq_begin() / pq_put_*() / pq_end(); pq_end() patches the length word, so
 * a message is always complete before anything can send it. The proto_write_*
 * helpers build whole backend messages.
 *
 * Reading: a MsgReader is a bounds-checked view of one received message
 * body. Every pq_get_* checks the remaining length first and returns false
 * instead of reading past the end; strings are returned as pointers into
 * the message (valid as long as the message buffer is).
 */
#ifndef PGW_PROTO_H
#define PGW_PROTO_H

#include "common/base.h"
#include "common/buf.h"
#include "common/pgerror.h"

/* ---- building messages ---- */

/* Start a message of the given type; returns its offset for pq_end(). */
size_t		pq_begin(Buf *out, char type);
void		pq_end(Buf *out, size_t start);

void		pq_put_int8(Buf *out, uint8_t v);
void		pq_put_int16(Buf *out, int16_t v);
void		pq_put_int32(Buf *out, int32_t v);
void		pq_put_bytes(Buf *out, const void *data, size_t len);
/* A NUL-terminated string. */
void		pq_put_string(Buf *out, const char *s);
/* Overwrite a previously written Int32 at offset off (e.g. a value length). */
void		pq_put_int32_at(Buf *out, size_t off, int32_t v);

/* ---- reading messages ---- */

typedef struct MsgReader
{
	const uint8_t *data;
	size_t		len;
	size_t		pos;
} MsgReader;

void		pq_reader_init(MsgReader *r, const void *data, size_t len);
bool		pq_get_int8(MsgReader *r, uint8_t *v) PGW_MUSTCHECK;
bool		pq_get_int16(MsgReader *r, int16_t *v) PGW_MUSTCHECK;
bool		pq_get_int32(MsgReader *r, int32_t *v) PGW_MUSTCHECK;
bool		pq_get_bytes(MsgReader *r, size_t n, const uint8_t **p) PGW_MUSTCHECK;
/* A NUL-terminated string; *len (optional) excludes the NUL. */
bool		pq_get_string(MsgReader *r, const char **s, size_t *len) PGW_MUSTCHECK;

static inline size_t
pq_remaining(const MsgReader *r)
{
	return r->len - r->pos;
}

/* ---- frontend message framing ---- */

/*
 * Largest body length (excluding the type byte, including the length word)
 * accepted for a frontend message type after startup, as PostgreSQL's
 * SocketBackend(); 0 if the type byte is not a valid frontend message.
 */
uint32_t	proto_frontend_limit(char type);

/*
 * Check a message header: the type must be known and the length word in
 * [4, limit]. On failure fills err (08P01 "invalid frontend message type
 * %d" / "invalid message length") and returns false; the connection must
 * then be closed because framing is lost.
 */
bool		proto_check_header(char type, uint32_t len, PgError *err) PGW_MUSTCHECK;

/*
 * Decode a Query body: one NUL-terminated string and nothing after it.
 * *sql points into body. 08P01 "invalid message format" otherwise.
 */
bool		proto_parse_query(const void *body, size_t len, const char **sql,
							  size_t *sqllen, PgError *err) PGW_MUSTCHECK;

/* ---- extended query messages (frontend) ---- */

typedef struct ParseMsg
{
	const char *name;			/* statement name, "" = unnamed */
	const char *query;
	size_t		query_len;
	int			nparam_types;
	const uint8_t *param_types;	/* nparam_types big-endian Int32 OIDs */
} ParseMsg;

typedef struct BindMsg
{
	const char *portal;
	const char *statement;
	int			nformats;		/* parameter format codes: 0, 1 or nparams */
	const uint8_t *formats;		/* nformats big-endian Int16 */
	int			nparams;
	const uint8_t **values;		/* nparams pointers into the message (owned array) */
	int32_t    *lengths;		/* -1 = NULL (owned array) */
	int			nresult_formats;
	const uint8_t *result_formats;	/* nresult_formats big-endian Int16 */
} BindMsg;

typedef struct TargetMsg
{
	char		kind;			/* 'S' statement or 'P' portal */
	const char *name;
} TargetMsg;

typedef struct ExecuteMsg
{
	const char *portal;
	int32_t		max_rows;		/* 0 = all */
} ExecuteMsg;

/*
 * Decode a message body; on malformed input fill err (08P01, PostgreSQL's
 * wording) and return false. Pointers point into body. proto_parse_bind
 * allocates the values/lengths arrays: release them with proto_bind_free.
 */
bool		proto_parse_parse(const void *body, size_t len, ParseMsg *out, PgError *err) PGW_MUSTCHECK;
bool		proto_parse_bind(const void *body, size_t len, BindMsg *out, PgError *err) PGW_MUSTCHECK;
void		proto_bind_free(BindMsg *msg);
bool		proto_parse_target(const void *body, size_t len, TargetMsg *out, PgError *err) PGW_MUSTCHECK;
bool		proto_parse_execute(const void *body, size_t len, ExecuteMsg *out, PgError *err) PGW_MUSTCHECK;

/* Element i of a big-endian Int16 / Int32 array inside a message. */
int16_t		proto_int16_at(const uint8_t *array, int i);
uint32_t	proto_uint32_at(const uint8_t *array, int i);

/*
 * A host-order copy of a message's n big-endian integers of size bytes
 * each (2: Int16, 4: Int32), in memory the caller frees. NULL when n is 0,
 * or when memory runs out (then with err set).
 */
void	   *proto_copy_ints(const uint8_t *array, int n, size_t size, PgError *err);

/*
 * The format code that applies to item i (parameter or result column) given
 * a Bind's format list: none = text, one = for all, else one each.
 */
int16_t		proto_format_for(const uint8_t *formats, int nformats, int i);

/* ---- backend messages ---- */

/* ErrorResponse ('E') or, for severities below ERROR, NoticeResponse ('N'). */
void		proto_write_error(Buf *out, const PgError *err);
void		proto_write_ready(Buf *out, char txn_status);
void		proto_write_parameter_status(Buf *out, const char *name, const char *value);
void		proto_write_backend_key(Buf *out, int32_t pid, const uint8_t *key, size_t keylen);
void		proto_write_auth(Buf *out, int32_t code, const void *data, size_t len);
void		proto_write_command_complete(Buf *out, const char *tag);
/* CommandComplete "tag count", or "tag 0 count" with INSERT's oid field. */
void		proto_write_command_complete_count(Buf *out, const char *tag, bool with_oid,
											   int64_t count);
void		proto_write_empty_query(Buf *out);
void		proto_write_negotiate_version(Buf *out, int32_t newest_minor,
										  const char *const *unrecognized, int n);

/* One column of a RowDescription. */
typedef struct FieldDesc
{
	const char *name;
	uint32_t	table_oid;
	int16_t		column_attnum;
	uint32_t	type_oid;
	int16_t		typlen;
	int32_t		typmod;
	int16_t		format;			/* 0 text, 1 binary */
} FieldDesc;

void		proto_write_row_description(Buf *out, const FieldDesc *fields, int n);

/* Bodiless replies: ParseComplete, BindComplete, CloseComplete, NoData, PortalSuspended. */
void		proto_write_empty(Buf *out, char type);
void		proto_write_parameter_description(Buf *out, const uint32_t *oids, int n);

/*
 * CopyInResponse ('G') or CopyOutResponse ('H'): text format overall and
 * for each of ncols columns.
 */
void		proto_write_copy_response(Buf *out, char type, int ncols);

#endif							/* PGW_PROTO_H */
