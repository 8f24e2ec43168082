/*
 * scram.c
 *		SCRAM-SHA-256 keys, proofs and secrets (RFC 5802, RFC 7677).
 *
 * Owns: the arithmetic of SCRAM and the text form of a stored secret,
 * using OpenSSL's PBKDF2, HMAC and SHA-256. Pure functions: no I/O, no
 * message parsing (the exchange is backend/auth_scram.c's), no random
 * numbers (callers bring salts and nonces). Comparisons of anything
 * derived from a secret are constant-time.
 */
#include "common/scram.h"

#include "common/base64.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- primitives ---- */

static bool
hmac_sha256(const uint8_t *key, size_t keylen, const void *data, size_t len,
			uint8_t out[SCRAM_KEY_LEN])
{
	unsigned int outlen = 0;

	return HMAC(EVP_sha256(), key, (int) keylen, data, len, out, &outlen) != NULL &&
		outlen == SCRAM_KEY_LEN;
}

static bool
sha256(const void *data, size_t len, uint8_t out[SCRAM_KEY_LEN])
{
	return EVP_Digest(data, len, out, NULL, EVP_sha256(), NULL) == 1;
}

bool
scram_salted_password(const char *password, const uint8_t *salt, size_t salt_len,
					  int iterations, uint8_t out[SCRAM_KEY_LEN])
{
	return iterations > 0 &&
		PKCS5_PBKDF2_HMAC(password, (int) strlen(password), salt, (int) salt_len, iterations,
						  EVP_sha256(), SCRAM_KEY_LEN, out) == 1;
}

const char *
scram_prepare_password(const char *password)
{
	return password;
}

/* ---- secrets ---- */

bool
scram_make_secret(const char *password, const uint8_t *salt, size_t salt_len, int iterations,
				  ScramSecret *out)
{
	uint8_t		salted[SCRAM_KEY_LEN];
	uint8_t		client_key[SCRAM_KEY_LEN];
	bool		ok;

	if (salt_len == 0 || salt_len > sizeof(out->salt))
		return false;
	memset(out, 0, sizeof(*out));
	out->iterations = iterations;
	memcpy(out->salt, salt, salt_len);
	out->salt_len = salt_len;
	ok = scram_salted_password(password, salt, salt_len, iterations, salted) &&
		hmac_sha256(salted, sizeof(salted), "Client Key", 10, client_key) &&
		sha256(client_key, sizeof(client_key), out->stored_key) &&
		hmac_sha256(salted, sizeof(salted), "Server Key", 10, out->server_key);
	OPENSSL_cleanse(salted, sizeof(salted));
	OPENSSL_cleanse(client_key, sizeof(client_key));
	return ok;
}

/* Decode exactly want bytes of base64 (want 0: any length up to cap). */
static bool
decode_field(const char *s, size_t len, uint8_t *dst, size_t cap, size_t want, size_t *got)
{
	int			n = base64_decode(s, len, dst, cap);

	if (n <= 0 || (want != 0 && (size_t) n != want))
		return false;
	if (got)
		*got = (size_t) n;
	return true;
}

bool
scram_parse_secret(const char *text, ScramSecret *out)
{
	const char *p;
	const char *colon;
	const char *dollar;
	char	   *end;
	long		iterations;

	memset(out, 0, sizeof(*out));
	if (strncmp(text, SCRAM_SECRET_PREFIX, strlen(SCRAM_SECRET_PREFIX)) != 0)
		return false;
	p = text + strlen(SCRAM_SECRET_PREFIX);
	/* <iterations>:<salt>$<StoredKey>:<ServerKey> */
	if (*p < '1' || *p > '9')
		return false;
	iterations = strtol(p, &end, 10);
	if (*end != ':' || iterations <= 0 || iterations > INT32_MAX)
		return false;
	out->iterations = (int) iterations;
	p = end + 1;
	if ((dollar = strchr(p, '$')) == NULL ||
		!decode_field(p, (size_t) (dollar - p), out->salt, sizeof(out->salt), 0, &out->salt_len))
		return false;
	p = dollar + 1;
	if ((colon = strchr(p, ':')) == NULL ||
		!decode_field(p, (size_t) (colon - p), out->stored_key, sizeof(out->stored_key),
					  SCRAM_KEY_LEN, NULL))
		return false;
	p = colon + 1;
	return decode_field(p, strlen(p), out->server_key, sizeof(out->server_key), SCRAM_KEY_LEN, NULL);
}

bool
scram_format_secret(const ScramSecret *secret, char *out, size_t outlen)
{
	char		salt[BASE64_ENCODED_LEN(SCRAM_MAX_SALT_LEN) + 1];
	char		stored[BASE64_ENCODED_LEN(SCRAM_KEY_LEN) + 1];
	char		server[BASE64_ENCODED_LEN(SCRAM_KEY_LEN) + 1];
	int			n;

	if (secret->salt_len == 0 || secret->salt_len > sizeof(secret->salt))
		return false;
	base64_encode(secret->salt, secret->salt_len, salt);
	base64_encode(secret->stored_key, SCRAM_KEY_LEN, stored);
	base64_encode(secret->server_key, SCRAM_KEY_LEN, server);
	n = snprintf(out, outlen, SCRAM_SECRET_PREFIX "%d:%s$%s:%s", secret->iterations, salt, stored, server);
	return n > 0 && (size_t) n < outlen;
}

bool
scram_mock_secret(const char *user, const uint8_t *server_nonce, size_t nonce_len, ScramSecret *out)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	uint8_t		digest[SCRAM_KEY_LEN];
	bool		ok;

	memset(out, 0, sizeof(*out));
	ok = ctx != NULL &&
		EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
		EVP_DigestUpdate(ctx, user, strlen(user)) == 1 &&
		EVP_DigestUpdate(ctx, server_nonce, nonce_len) == 1 &&
		EVP_DigestFinal_ex(ctx, digest, NULL) == 1;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return false;
	out->iterations = SCRAM_DEFAULT_ITERATIONS;
	out->salt_len = SCRAM_DEFAULT_SALT_LEN;
	memcpy(out->salt, digest, SCRAM_DEFAULT_SALT_LEN);
	/* the keys stay zero: the caller fails the exchange whatever the proof */
	return true;
}

/* ---- the proof ---- */

bool
scram_client_proof(const uint8_t salted_password[SCRAM_KEY_LEN], const char *auth_message,
				   size_t len, uint8_t proof[SCRAM_KEY_LEN])
{
	uint8_t		client_key[SCRAM_KEY_LEN];
	uint8_t		stored_key[SCRAM_KEY_LEN];
	uint8_t		signature[SCRAM_KEY_LEN];
	bool		ok;

	ok = hmac_sha256(salted_password, SCRAM_KEY_LEN, "Client Key", 10, client_key) &&
		sha256(client_key, sizeof(client_key), stored_key) &&
		hmac_sha256(stored_key, sizeof(stored_key), auth_message, len, signature);
	for (int i = 0; ok && i < SCRAM_KEY_LEN; i++)
		proof[i] = client_key[i] ^ signature[i];
	OPENSSL_cleanse(client_key, sizeof(client_key));
	return ok;
}

bool
scram_verify_client_proof(const ScramSecret *secret, const char *auth_message, size_t len,
						  const uint8_t proof[SCRAM_KEY_LEN])
{
	uint8_t		signature[SCRAM_KEY_LEN];
	uint8_t		client_key[SCRAM_KEY_LEN];
	uint8_t		computed[SCRAM_KEY_LEN];
	bool		ok;

	if (!hmac_sha256(secret->stored_key, SCRAM_KEY_LEN, auth_message, len, signature))
		return false;
	for (int i = 0; i < SCRAM_KEY_LEN; i++)
		client_key[i] = proof[i] ^ signature[i];
	ok = sha256(client_key, sizeof(client_key), computed) &&
		CRYPTO_memcmp(computed, secret->stored_key, SCRAM_KEY_LEN) == 0;
	OPENSSL_cleanse(client_key, sizeof(client_key));
	return ok;
}

bool
scram_server_signature(const ScramSecret *secret, const char *auth_message, size_t len,
					   uint8_t out[SCRAM_KEY_LEN])
{
	return hmac_sha256(secret->server_key, SCRAM_KEY_LEN, auth_message, len, out);
}
