/*
 * auth_scram.h
 *		The server side of a SCRAM-SHA-256(-PLUS) exchange, as messages.
 *
 * A ScramExchange turns the client's SASL payloads into the server's
 * answers (RFC 5802, RFC 7677, with PostgreSQL's rules): the startup
 * packet's user name is authoritative, the client's "n=" is ignored;
 * channel binding is tls-server-end-point only. It does no I/O and
 * draws no random numbers: the caller sends what it produces and brings
 * the server nonce. A user without a usable secret gets the same exchange
 * with a made-up one and fails at the end, as in PostgreSQL.
 */
#ifndef PGW_AUTH_SCRAM_H
#define PGW_AUTH_SCRAM_H

#include "common/buf.h"
#include "common/pgerror.h"
#include "common/scram.h"

#define SCRAM_SHA_256_NAME		"SCRAM-SHA-256"
#define SCRAM_SHA_256_PLUS_NAME	"SCRAM-SHA-256-PLUS"
#define SCRAM_MAX_CBIND_HASH	64	/* SHA-512 */

typedef enum ScramResult
{
	SCRAM_CONTINUE,				/* send out as AuthenticationSASLContinue */
	SCRAM_SUCCESS,				/* send out as AuthenticationSASLFinal, then Ok */
	SCRAM_FAILURE,				/* wrong password (or a doomed exchange): 28P01 */
	SCRAM_ERROR					/* protocol violation: err says which */
} ScramResult;

typedef struct ScramExchange
{
	int			state;			/* what the next client message must be */
	ScramSecret secret;
	bool		doomed;			/* no usable secret: fail after the proof */
	char		logdetail[256]; /* why it failed, for the server log only */
	bool		cbind_in_use;	/* the client chose SCRAM-SHA-256-PLUS */
	bool		cbind_offered;	/* the connection is TLS: PLUS was offered */
	uint8_t		cert_hash[SCRAM_MAX_CBIND_HASH];	/* tls-server-end-point data */
	size_t		cert_hash_len;
	char		cbind_flag;		/* 'n', 'y' or 'p' */
	char		server_nonce[64];
	char	   *client_first_bare;
	char	   *client_nonce;
	char	   *server_first;
	char	   *client_final_without_proof;
} ScramExchange;

/* The mechanism list of AuthenticationSASL: PLUS first, and only over TLS. */
void		scram_write_mechanisms(Buf *out, bool tls);

/*
 * Start an exchange for the mechanism the client selected. secret NULL
 * (unknown user, no SCRAM secret) makes a doomed exchange whose salt comes
 * from scram_mock_secret(user, mock_nonce); logdetail then says why.
 * cert_hash is the tls-server-end-point hash of the server certificate,
 * NULL without TLS. server_nonce: printable, no commas (base64 of random
 * bytes). Fails (08P01) for a mechanism that was not offered.
 */
bool		scram_exchange_begin(ScramExchange *x, const char *mechanism, const ScramSecret *secret,
								 const char *logdetail, const char *user,
								 const uint8_t *mock_nonce, size_t mock_nonce_len,
								 const uint8_t *cert_hash, size_t cert_hash_len,
								 const char *server_nonce, PgError *err) PGW_MUSTCHECK;

/*
 * One client message: input is the payload (NULL for a SASLInitialResponse
 * without one, answered with an empty challenge). The answer, if any, is
 * appended to out.
 */
ScramResult scram_exchange_step(ScramExchange *x, const uint8_t *input, size_t len,
								Buf *out, PgError *err) PGW_MUSTCHECK;

void		scram_exchange_free(ScramExchange *x);

#endif							/* PGW_AUTH_SCRAM_H */
