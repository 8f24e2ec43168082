/*
 * auth_scram.c
 *		The server side of SCRAM-SHA-256 and SCRAM-SHA-256-PLUS.
 *
 * Owns: parsing client-first-message and client-final-message, building
 * server-first-message and server-final-message, the channel-binding
 * checks, and the order of the final checks (the proof is computed even
 * for a doomed exchange, so its timing says nothing about whether the user
 * exists). Follows PostgreSQL's auth-scram.c message for message,
 * including its error texts. Never touches a socket; never logs.
 */
#include "backend/auth_scram.h"

#include "common/base64.h"

#include <openssl/crypto.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CBIND_HEADER "p=tls-server-end-point,,"

enum
{
	STATE_INIT,					/* expecting client-first-message */
	STATE_SALT_SENT,			/* expecting client-final-message */
	STATE_FINISHED
};

/* ---- errors ---- */

static bool
malformed(PgError *err, const char *fmt,...) PGW_PRINTF(2, 3);

static bool
malformed(PgError *err, const char *fmt,...)
{
	va_list		ap;
	char		detail[256];

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "malformed SCRAM message");
	pgerr_set_detail(err, "%s", detail);
	return false;
}

/* A byte for an error message: 'c' if printable, else its hex code. */
static const char *
sanitize_char(char c, char buf[8])
{
	if (c >= 0x21 && c <= 0x7E)
		snprintf(buf, 8, "'%c'", c);
	else
		snprintf(buf, 8, "0x%02x", (unsigned char) c);
	return buf;
}

/* ---- attribute reading: input is a NUL-terminated copy we may cut up ---- */

/* The value of "attr=value", cutting at the next comma. NULL on error. */
static char *
read_attr_value(char **input, char attr, PgError *err)
{
	char	   *begin = *input;
	char	   *end;
	char		cb[8];

	if (*begin != attr)
	{
		malformed(err, "Expected attribute \"%c\" but found \"%s\".", attr, sanitize_char(*begin, cb));
		return NULL;
	}
	begin++;
	if (*begin != '=')
	{
		malformed(err, "Expected character \"=\" for attribute \"%c\".", attr);
		return NULL;
	}
	begin++;
	end = begin + strcspn(begin, ",");
	if (*end)
		*end++ = '\0';
	*input = end;
	return begin;
}

/* Any "x=value" (an extension); *attr gets x. NULL on error. */
static char *
read_any_attr(char **input, char *attr, PgError *err)
{
	char		c = **input;
	char		cb[8];

	if (c == '\0')
	{
		malformed(err, "Attribute expected, but found end of string.");
		return NULL;
	}
	if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
	{
		malformed(err, "Attribute expected, but found invalid character \"%s\".", sanitize_char(c, cb));
		return NULL;
	}
	*attr = c;
	return read_attr_value(input, c, err);
}

/* RFC 5802 printable: %x21-2B / %x2D-7E. */
static bool
is_printable(const char *p)
{
	for (; *p; p++)
	{
		if (*p < 0x21 || *p > 0x7E || *p == ',')
			return false;
	}
	return true;
}

/* ---- the exchange ---- */

void
scram_write_mechanisms(Buf *out, bool tls)
{
	if (tls)
		buf_append(out, SCRAM_SHA_256_PLUS_NAME, sizeof(SCRAM_SHA_256_PLUS_NAME));
	buf_append(out, SCRAM_SHA_256_NAME, sizeof(SCRAM_SHA_256_NAME));
	buf_append_byte(out, '\0');
}

bool
scram_exchange_begin(ScramExchange *x, const char *mechanism, const ScramSecret *secret,
					 const char *logdetail, const char *user,
					 const uint8_t *mock_nonce, size_t mock_nonce_len,
					 const uint8_t *cert_hash, size_t cert_hash_len,
					 const char *server_nonce, PgError *err)
{
	memset(x, 0, sizeof(*x));
	x->state = STATE_INIT;
	x->cbind_offered = cert_hash != NULL;
	if (cert_hash != NULL)
	{
		if (cert_hash_len == 0 || cert_hash_len > sizeof(x->cert_hash))
		{
			pgerr_set(err, ERRCODE_INTERNAL_ERROR, "could not get server certificate hash");
			return false;
		}
		memcpy(x->cert_hash, cert_hash, cert_hash_len);
		x->cert_hash_len = cert_hash_len;
	}
	/* PLUS is a protocol violation unless it was offered, like any unknown name */
	if (strcmp(mechanism, SCRAM_SHA_256_PLUS_NAME) == 0 && x->cbind_offered)
		x->cbind_in_use = true;
	else if (strcmp(mechanism, SCRAM_SHA_256_NAME) != 0)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION,
				  "client selected an invalid SASL authentication mechanism");
		return false;
	}
	snprintf(x->server_nonce, sizeof(x->server_nonce), "%s", server_nonce);

	if (secret != NULL)
		x->secret = *secret;
	else
	{
		if (!scram_mock_secret(user, mock_nonce, mock_nonce_len, &x->secret))
		{
			pgerr_set(err, ERRCODE_INTERNAL_ERROR, "could not compute a SCRAM salt");
			return false;
		}
		x->doomed = true;
		snprintf(x->logdetail, sizeof(x->logdetail), "%s", logdetail ? logdetail : "");
	}
	return true;
}

/* The gs2-cbind-flag and the rest of the gs2 header; leaves *p at the bare message. */
static bool
read_gs2_header(ScramExchange *x, char **p, PgError *err)
{
	char		cb[8];
	char	   *type;

	x->cbind_flag = **p;
	switch (**p)
	{
		case 'n':
		case 'y':
			if (x->cbind_in_use)
				return malformed(err, "The client selected SCRAM-SHA-256-PLUS, but the SCRAM message does not include channel binding data.");
			if (**p == 'y' && x->cbind_offered)
			{
				pgerr_set(err, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
						  "SCRAM channel binding negotiation error");
				pgerr_set_detail(err, "The client supports SCRAM channel binding but thinks the server does not.  However, this server does support channel binding.");
				return false;
			}
			(*p)++;
			if (**p != ',')
				return malformed(err, "Comma expected, but found character \"%s\".", sanitize_char(**p, cb));
			(*p)++;
			break;
		case 'p':
			if (!x->cbind_in_use)
				return malformed(err, "The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes channel binding data.");
			if ((type = read_attr_value(p, 'p', err)) == NULL)
				return false;
			if (strcmp(type, "tls-server-end-point") != 0)
			{
				pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION,
						  "unsupported SCRAM channel-binding type \"%.30s\"", type);
				return false;
			}
			break;
		default:
			return malformed(err, "Unexpected channel-binding flag \"%s\".", sanitize_char(**p, cb));
	}
	if (**p == 'a')
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
				  "client uses authorization identity, but it is not supported");
		return false;
	}
	if (**p != ',')
		return malformed(err, "Unexpected attribute \"%s\" in client-first-message.", sanitize_char(**p, cb));
	(*p)++;
	return true;
}

static bool
read_client_first(ScramExchange *x, char *input, PgError *err)
{
	char	   *p = input;
	char	   *nonce;
	char		attr;

	if (!read_gs2_header(x, &p, err))
		return false;
	if ((x->client_first_bare = strdup(p)) == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	if (*p == 'm')
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "client requires an unsupported SCRAM extension");
		return false;
	}
	/* the user name ("n=") is ignored: the startup packet's is authoritative */
	if (read_attr_value(&p, 'n', err) == NULL || (nonce = read_attr_value(&p, 'r', err)) == NULL)
		return false;
	if (!is_printable(nonce))
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "non-printable characters in SCRAM nonce");
		return false;
	}
	if ((x->client_nonce = strdup(nonce)) == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	while (*p != '\0')
	{
		if (read_any_attr(&p, &attr, err) == NULL)
			return false;
	}
	return true;
}

static bool
build_server_first(ScramExchange *x, Buf *out, PgError *err)
{
	char		salt[BASE64_ENCODED_LEN(SCRAM_MAX_SALT_LEN) + 1];
	Buf			msg;

	base64_encode(x->secret.salt, x->secret.salt_len, salt);
	buf_init(&msg);
	buf_appendf(&msg, "r=%s%s,s=%s,i=%d", x->client_nonce, x->server_nonce, salt, x->secret.iterations);
	if (buf_failed(&msg))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	x->server_first = msg.data;
	buf_append(out, msg.data, msg.len);
	return true;
}

/* The c= attribute against what the gs2 header promised. */
static bool
check_channel_binding(ScramExchange *x, const char *value, PgError *err)
{
	uint8_t		input[sizeof(CBIND_HEADER) + SCRAM_MAX_CBIND_HASH];
	char		expected[BASE64_ENCODED_LEN(sizeof(input)) + 1];
	size_t		hlen = strlen(CBIND_HEADER);

	if (x->cbind_in_use)
	{
		memcpy(input, CBIND_HEADER, hlen);
		memcpy(input + hlen, x->cert_hash, x->cert_hash_len);
		base64_encode(input, hlen + x->cert_hash_len, expected);
		if (strcmp(value, expected) != 0)
		{
			pgerr_set(err, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
					  "SCRAM channel binding check failed");
			return false;
		}
		return true;
	}
	/* "n,," and "y,," base64-encoded, matching the flag the client sent first */
	if ((strcmp(value, "biws") == 0 && x->cbind_flag == 'n') ||
		(strcmp(value, "eSws") == 0 && x->cbind_flag == 'y'))
		return true;
	pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION,
			  "unexpected SCRAM channel-binding attribute in client-final-message");
	return false;
}

/* Constant-time: does the final nonce equal client nonce + server nonce? */
static bool
final_nonce_matches(const ScramExchange *x, const char *nonce)
{
	size_t		clen = strlen(x->client_nonce);
	size_t		slen = strlen(x->server_nonce);

	return strlen(nonce) == clen + slen &&
		CRYPTO_memcmp(nonce, x->client_nonce, clen) == 0 &&
		CRYPTO_memcmp(nonce + clen, x->server_nonce, slen) == 0;
}

/* original: the message as received; input: a copy that parsing cuts up. */
static bool
read_client_final(ScramExchange *x, const char *original, char *input,
				  uint8_t proof[SCRAM_KEY_LEN], PgError *err)
{
	char	   *p = input;
	char	   *value;
	char	   *nonce;
	char	   *proof_start;
	char		attr;

	if ((value = read_attr_value(&p, 'c', err)) == NULL || !check_channel_binding(x, value, err))
		return false;
	if ((nonce = read_attr_value(&p, 'r', err)) == NULL)
		return false;
	if (!final_nonce_matches(x, nonce))
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid SCRAM response");
		pgerr_set_detail(err, "Nonce does not match.");
		return false;
	}
	/* extensions are ignored up to the proof */
	do
	{
		proof_start = p;
		if ((value = read_any_attr(&p, &attr, err)) == NULL)
			return false;
	} while (attr != 'p');
	if (base64_decode(value, strlen(value), proof, SCRAM_KEY_LEN) != SCRAM_KEY_LEN)
		return malformed(err, "Malformed proof in client-final-message.");
	if (*p != '\0')
		return malformed(err, "Garbage found at the end of client-final-message.");
	/* without ",p=...": the message up to the comma before the proof */
	if ((x->client_final_without_proof = strndup(original, (size_t) (proof_start - input - 1))) == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	return true;
}

/* AuthMessage = client-first-message-bare "," server-first-message "," client-final-without-proof */
static bool
auth_message(const ScramExchange *x, Buf *msg)
{
	buf_appendf(msg, "%s,%s,%s", x->client_first_bare, x->server_first, x->client_final_without_proof);
	return !buf_failed(msg);
}

/* The cut-up copy of the client's message (the original input has its length). */
static char *
copy_input(const uint8_t *input, size_t len, PgError *err)
{
	char	   *copy;

	if (len == 0)
	{
		malformed(err, "The message is empty.");
		return NULL;
	}
	if (memchr(input, '\0', len) != NULL)
	{
		malformed(err, "Message length does not match input length.");
		return NULL;
	}
	if ((copy = strndup((const char *) input, len)) == NULL)
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	return copy;
}

static ScramResult
finish(ScramExchange *x, const char *original, char *input, Buf *out, PgError *err)
{
	uint8_t		proof[SCRAM_KEY_LEN];
	uint8_t		signature[SCRAM_KEY_LEN];
	char		encoded[BASE64_ENCODED_LEN(SCRAM_KEY_LEN) + 1];
	Buf			msg;
	bool		verified;

	if (!read_client_final(x, original, input, proof, err))
		return SCRAM_ERROR;
	buf_init(&msg);
	if (!auth_message(x, &msg))
	{
		buf_free(&msg);
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return SCRAM_ERROR;
	}
	/* the proof is checked even when doomed: the timing must not tell */
	verified = scram_verify_client_proof(&x->secret, msg.data, msg.len, proof);
	if (!verified || x->doomed)
	{
		buf_free(&msg);
		return SCRAM_FAILURE;
	}
	if (!scram_server_signature(&x->secret, msg.data, msg.len, signature))
	{
		buf_free(&msg);
		pgerr_set(err, ERRCODE_INTERNAL_ERROR, "could not calculate server signature");
		return SCRAM_ERROR;
	}
	buf_free(&msg);
	base64_encode(signature, sizeof(signature), encoded);
	buf_appendf(out, "v=%s", encoded);
	x->state = STATE_FINISHED;
	return SCRAM_SUCCESS;
}

ScramResult
scram_exchange_step(ScramExchange *x, const uint8_t *input, size_t len, Buf *out, PgError *err)
{
	ScramResult result = SCRAM_ERROR;
	char	   *copy;

	if (input == NULL && x->state == STATE_INIT)
		return SCRAM_CONTINUE;	/* an empty challenge asks for the initial response */
	if (input == NULL || (copy = copy_input(input, len, err)) == NULL)
	{
		if (input == NULL)
			malformed(err, "The message is empty.");
		return SCRAM_ERROR;
	}
	switch (x->state)
	{
		case STATE_INIT:
			if (read_client_first(x, copy, err) && build_server_first(x, out, err))
			{
				x->state = STATE_SALT_SENT;
				result = SCRAM_CONTINUE;
			}
			break;
		case STATE_SALT_SENT:
			result = finish(x, (const char *) input, copy, out, err);
			break;
		default:
			pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid SCRAM exchange state");
			break;
	}
	free(copy);
	return result;
}

void
scram_exchange_free(ScramExchange *x)
{
	free(x->client_first_bare);
	free(x->client_nonce);
	free(x->server_first);
	free(x->client_final_without_proof);
	OPENSSL_cleanse(&x->secret, sizeof(x->secret));
	x->client_first_bare = x->client_nonce = x->server_first = x->client_final_without_proof = NULL;
}
