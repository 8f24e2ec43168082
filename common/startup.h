/*
 * startup.h
 *		Decoding of the first packet a client sends: StartupMessage,
 *		SSLRequest, GSSENCRequest or CancelRequest.
 *
 * The first packet has no type byte: Int32 length (counting itself), Int32
 * code, then a body that depends on the code. startup_parse() validates the
 * whole layout before anything acts on it, with PostgreSQL's messages.
 */
#ifndef PGW_STARTUP_H
#define PGW_STARTUP_H

#include "common/base.h"
#include "common/pgerror.h"

#define STARTUP_MAX_PARAMS		64
#define CANCEL_KEY_MAX_LENGTH	256

typedef enum StartupKind
{
	STARTUP_NORMAL,
	STARTUP_SSL_REQUEST,
	STARTUP_GSSENC_REQUEST,
	STARTUP_CANCEL
} StartupKind;

typedef struct StartupPacket
{
	StartupKind kind;
	uint32_t	version;		/* STARTUP_NORMAL: requested protocol version */

	/* STARTUP_CANCEL */
	int32_t		cancel_pid;
	uint8_t		cancel_key[CANCEL_KEY_MAX_LENGTH];
	size_t		cancel_key_len;

	/* STARTUP_NORMAL: name/value pairs, pointing into the packet buffer */
	int			nparams;
	const char *names[STARTUP_MAX_PARAMS];
	const char *values[STARTUP_MAX_PARAMS];
} StartupPacket;

/*
 * Validate the length word of a first packet before reading its body:
 * 8 <= len <= MAX_STARTUP_PACKET_LENGTH. Fills err (08P01 "invalid length
 * of startup packet") otherwise.
 */
bool		startup_check_length(uint32_t len, PgError *err) PGW_MUSTCHECK;

/*
 * Parse a complete first packet (pkt[0..len) including the length word).
 * pkt must stay alive while out is used (parameter strings point into it).
 * Errors, all with PostgreSQL's wording: 08P01 for layout problems,
 * 0A000 "unsupported frontend protocol %u.%u: server supports 3.0 to 3.2",
 * 08P01 "invalid length of cancel request"/"invalid length of SSL request".
 */
bool		startup_parse(const uint8_t *pkt, size_t len, StartupPacket *out,
						  PgError *err) PGW_MUSTCHECK;

/* Value of startup parameter name, or NULL. */
const char *startup_param(const StartupPacket *sp, const char *name);

/*
 * Split the "options" startup parameter as PostgreSQL's pg_split_opts():
 * words separated by unescaped whitespace, backslash escapes the next
 * character. Each word is passed to fn (NUL-terminated, in a scratch copy).
 * Returns false if fn does; the caller maps "-c name=value", "--name=value"
 * and "-c" followed by a separate word.
 */
bool		startup_split_options(const char *options,
								  bool (*fn) (const char *word, void *arg), void *arg);

#endif							/* PGW_STARTUP_H */
