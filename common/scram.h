/*
 * scram.h
 *		SCRAM-SHA-256 (RFC 5802, RFC 7677): the keys, proofs and stored
 *		secrets, without any message exchange.
 *
 * A secret is kept in PostgreSQL's text form
 *		SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>
 * (base64 fields), which is what pg_authid.rolpassword holds and what
 * PgBouncer's auth_file accepts. The server never needs the password:
 * a client's proof is checked against StoredKey, and ServerKey signs the
 * server's answer.
 */
#ifndef PGW_SCRAM_H
#define PGW_SCRAM_H

#include "common/base.h"

#define SCRAM_KEY_LEN				32	/* SHA-256 */
#define SCRAM_DEFAULT_ITERATIONS	4096
#define SCRAM_DEFAULT_SALT_LEN		16
#define SCRAM_MAX_SALT_LEN			64
#define SCRAM_SECRET_PREFIX			"SCRAM-SHA-256$"
#define SCRAM_MAX_SECRET_LEN		256	/* text form, with room to spare */

typedef struct ScramSecret
{
	int			iterations;
	uint8_t		salt[SCRAM_MAX_SALT_LEN];
	size_t		salt_len;
	uint8_t		stored_key[SCRAM_KEY_LEN];
	uint8_t		server_key[SCRAM_KEY_LEN];
} ScramSecret;

/* ---- secrets ---- */

/* Parse the text form; false if it is not a well-formed SCRAM-SHA-256 secret. */
bool		scram_parse_secret(const char *text, ScramSecret *out) PGW_MUSTCHECK;

/* Write the text form into out (SCRAM_MAX_SECRET_LEN is enough). */
bool		scram_format_secret(const ScramSecret *secret, char *out, size_t outlen) PGW_MUSTCHECK;

/*
 * The secret for a password (already prepared by scram_prepare_password),
 * a salt and an iteration count.
 */
bool		scram_make_secret(const char *password, const uint8_t *salt, size_t salt_len,
							  int iterations, ScramSecret *out) PGW_MUSTCHECK;

/*
 * A made-up secret for a user that does not exist, so the exchange looks
 * the same as for one that does: the salt is derived from the user name and
 * a server secret (stable for the same name), as PostgreSQL's
 * scram_mock_salt(). No proof ever matches it.
 */
bool		scram_mock_secret(const char *user, const uint8_t *server_nonce, size_t nonce_len,
							  ScramSecret *out) PGW_MUSTCHECK;

/*
 * SASLprep (RFC 4013) of a password, as far as pgwire implements it: an
 * ASCII password is used as is (PostgreSQL's fast path); any other is used
 * as its raw bytes, as PostgreSQL does when normalisation fails. The result
 * is password itself.
 */
const char *scram_prepare_password(const char *password);

/* ---- the proof ---- */

/* SaltedPassword = Hi(password, salt, i), PBKDF2-HMAC-SHA-256. */
bool		scram_salted_password(const char *password, const uint8_t *salt, size_t salt_len,
								  int iterations, uint8_t out[SCRAM_KEY_LEN]) PGW_MUSTCHECK;

/* ClientProof = ClientKey XOR HMAC(H(ClientKey), AuthMessage) (the client's side). */
bool		scram_client_proof(const uint8_t salted_password[SCRAM_KEY_LEN],
							   const char *auth_message, size_t len,
							   uint8_t proof[SCRAM_KEY_LEN]) PGW_MUSTCHECK;

/*
 * Does the proof show knowledge of the password behind secret? Recovers
 * ClientKey from the proof and compares H(ClientKey) with StoredKey in
 * constant time.
 */
bool		scram_verify_client_proof(const ScramSecret *secret, const char *auth_message,
									  size_t len, const uint8_t proof[SCRAM_KEY_LEN]) PGW_MUSTCHECK;

/* ServerSignature = HMAC(ServerKey, AuthMessage). */
bool		scram_server_signature(const ScramSecret *secret, const char *auth_message,
								   size_t len, uint8_t out[SCRAM_KEY_LEN]) PGW_MUSTCHECK;

#endif							/* PGW_SCRAM_H */
