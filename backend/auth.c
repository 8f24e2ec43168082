/*
 * auth.c
 *		Client authentication: choosing a method and running it.
 *
 * Owns: the AuthenticationRequest exchange with the client, PostgreSQL's
 * ClientAuthentication(): the hba rule decides the method; every method
 * ends by queueing AuthenticationOk; a failure is a FATAL sent by the
 * caller, never a bare close (psql would otherwise report a confusing
 * EOF). A client that hangs up mid-exchange (psql does, to prompt for a
 * password) leaves quietly. Failures that concern a password wait
 * AUTH_FAILURE_DELAY_MS, and say the same thing whether or not the user
 * exists; why it failed goes to the server log only. Passwords are wiped
 * from memory after use and never logged.
 */
#include "backend/auth.h"

#include "backend/auth_scram.h"
#include "common/base64.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/protocol.h"
#include "config/pwfile.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SCRAM_RAW_NONCE_LEN 18

/* ---- the conversation ---- */

static void
send_auth_request(Session *s, int32_t code, const void *data, size_t len)
{
	proto_write_auth(&s->conn.out, code, data, len);
	be_flush(s);
}

/*
 * The client's next 'p' message (PasswordMessage, SASLInitialResponse,
 * SASLResponse), at most AUTH_MAX_MESSAGE bytes. *body points into the
 * connection's input buffer.
 */
static bool
read_auth_response(Session *s, const char *expected, uint8_t **body, size_t *len, PgError *err)
{
	s->conn.max_message = AUTH_MAX_MESSAGE;
	for (;;)
	{
		char		type;
		const uint8_t *b;
		ConnStatus	st = conn_read_message(&s->conn, &type, &b, len, err);

		switch (st)
		{
			case CONN_OK:
				s->conn.max_message = 0;
				if (type != PqMsg_PasswordMessage)
				{
					pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "expected %s response, got message type %d",
							  expected, (int) (unsigned char) type);
					return false;
				}
				*body = (uint8_t *) b;	/* ours to wipe */
				return true;
			case CONN_INTERRUPTED:
				be_process_interrupts(s);
				continue;
			case CONN_ERROR:
				if (pgerr_is_set(err))
					return false;
				_exit(1);
			case CONN_TIMEOUT:
				log_write(LL_LOG, "authentication of %s timed out", s->conn.remote_host);
				_exit(1);
			case CONN_EOF:
			case CONN_POSTMASTER_DIED:
				/* no password at hand, the client went to ask for one: not an error */
				_exit(0);
		}
	}
}

static void
failure_delay(void)
{
	struct timespec ts = {AUTH_FAILURE_DELAY_MS / 1000, (AUTH_FAILURE_DELAY_MS % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0)
		;
}

/* 28P01, after the delay; the reason (never shown to the client) to the log. */
static bool
password_failed(Session *s, const char *logdetail, PgError *err)
{
	failure_delay();
	if (logdetail && logdetail[0])
		log_write(LL_LOG, "authentication of user \"%s\" failed: %s", s->user, logdetail);
	pgerr_set(err, ERRCODE_INVALID_PASSWORD, "password authentication failed for user \"%s\"", s->user);
	return false;
}

/* ---- scram-sha-256 ---- */

/* The user's secret from the password file; NULL and a reason if there is none. */
static const ScramSecret *
find_secret(Session *s, ScramSecret *secret, char *why, size_t whylen)
{
	char		path[4096];
	char		text[SCRAM_MAX_SECRET_LEN + 64];
	char		msg[512];
	const ScramSecret *found = NULL;

	if (!config_data_path(&s->params, s->params.password_file, path, sizeof(path)))
	{
		snprintf(why, whylen, "password file path too long");
		return NULL;
	}
	switch (pwfile_find_secret(path, s->user, text, sizeof(text), msg, sizeof(msg)))
	{
		case PWFILE_FOUND:
			if (scram_parse_secret(text, secret))
				found = secret;
			else
				snprintf(why, whylen, "User \"%s\" does not have a valid SCRAM secret.", s->user);
			break;
		case PWFILE_NO_USER:
			snprintf(why, whylen, "Role \"%s\" does not exist.", s->user);
			break;
		case PWFILE_ERROR:
			snprintf(why, whylen, "%s", msg);
			break;
	}
	OPENSSL_cleanse(text, sizeof(text));
	return found;
}

/* SASLInitialResponse: the mechanism and the optional initial response. */
static bool
parse_initial_response(const uint8_t *body, size_t len, const char **mech,
					   const uint8_t **data, size_t *datalen, PgError *err)
{
	MsgReader	r;
	size_t		mechlen;
	int32_t		n;

	pq_reader_init(&r, body, len);
	if (!pq_get_string(&r, mech, &mechlen) || !pq_get_int32(&r, &n) ||
		(n >= 0 && !pq_get_bytes(&r, (size_t) n, data)) || n < -1 || pq_remaining(&r) != 0)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid message format");
		return false;
	}
	if (n == -1)
		*data = NULL;
	*datalen = n > 0 ? (size_t) n : 0;
	return true;
}

static bool
start_exchange(Session *s, ScramExchange *x, const char *mech, const ScramSecret *secret,
			   const char *why, PgError *err)
{
	uint8_t		raw[SCRAM_RAW_NONCE_LEN];
	char		nonce[BASE64_ENCODED_LEN(SCRAM_RAW_NONCE_LEN) + 1];
	uint8_t		hash[SCRAM_MAX_CBIND_HASH];
	size_t		hashlen = 0;
	char		msg[256];
	bool		tls = conn_tls_in_use(&s->conn);

	if (RAND_bytes(raw, sizeof(raw)) != 1)
	{
		pgerr_set(err, ERRCODE_INTERNAL_ERROR, "could not generate random nonce");
		return false;
	}
	base64_encode(raw, sizeof(raw), nonce);
	if (tls && !tls_session_cert_hash(s->conn.ssl, hash, &hashlen, msg, sizeof(msg)))
	{
		pgerr_set(err, ERRCODE_INTERNAL_ERROR, "%s", msg);
		return false;
	}
	return scram_exchange_begin(x, mech, secret, why, s->user, s->start->mock_auth_nonce,
								AUTH_MOCK_NONCE_LEN, tls ? hash : NULL, hashlen, nonce, err);
}

/* The SASL conversation after AuthenticationSASL, until success or failure. */
static bool
run_exchange(Session *s, ScramExchange *x, const uint8_t *input, size_t len, PgError *err)
{
	Buf			out;

	buf_init(&out);
	for (;;)
	{
		uint8_t    *body;

		buf_reset(&out);
		switch (scram_exchange_step(x, input, len, &out, err))
		{
			case SCRAM_CONTINUE:
				send_auth_request(s, AUTH_REQ_SASL_CONT, out.data, out.len);
				if (!read_auth_response(s, "SASL", &body, &len, err))
				{
					buf_free(&out);
					return false;
				}
				input = body;
				continue;
			case SCRAM_SUCCESS:
				proto_write_auth(&s->conn.out, AUTH_REQ_SASL_FIN, out.data, out.len);
				buf_free(&out);
				return true;
			case SCRAM_FAILURE:
				buf_free(&out);
				return password_failed(s, x->logdetail, err);
			case SCRAM_ERROR:
				buf_free(&out);
				return false;
		}
	}
}

static bool
auth_scram(Session *s, PgError *err)
{
	ScramSecret stored;
	const ScramSecret *secret;
	char		why[512] = "";
	Buf			mechanisms;
	uint8_t    *body;
	size_t		len;
	const char *mech;
	const uint8_t *data;
	size_t		datalen;
	ScramExchange x;
	bool		ok;

	secret = find_secret(s, &stored, why, sizeof(why));
	buf_init(&mechanisms);
	scram_write_mechanisms(&mechanisms, conn_tls_in_use(&s->conn));
	if (buf_failed(&mechanisms))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	send_auth_request(s, AUTH_REQ_SASL, mechanisms.data, mechanisms.len);
	buf_free(&mechanisms);

	if (!read_auth_response(s, "SASL", &body, &len, err) ||
		!parse_initial_response(body, len, &mech, &data, &datalen, err) ||
		!start_exchange(s, &x, mech, secret, why, err))
	{
		OPENSSL_cleanse(&stored, sizeof(stored));
		return false;
	}
	OPENSSL_cleanse(&stored, sizeof(stored));
	ok = run_exchange(s, &x, data, datalen, err);
	scram_exchange_free(&x);
	return ok;
}

/* ---- password ---- */

static bool
auth_password(Session *s, PgError *err)
{
	uint8_t    *body;
	size_t		len;
	OdbcLogin	login;
	bool		ok;

	if (!conn_tls_in_use(&s->conn) && !s->params.password_allow_plaintext)
	{
		pgerr_set(err, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
				  "password authentication for user \"%s\" requires an SSL connection", s->user);
		pgerr_set_hint(err, "Connect with sslmode=require, or allow it with password_allow_plaintext.");
		return false;
	}
	send_auth_request(s, AUTH_REQ_PASSWORD, NULL, 0);
	if (!read_auth_response(s, "password", &body, &len, err))
		return false;
	if (len == 0 || memchr(body, '\0', len) != &body[len - 1])
	{
		OPENSSL_cleanse(body, len);
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid password packet size");
		return false;
	}
	if (len == 1)
	{
		pgerr_set(err, ERRCODE_INVALID_PASSWORD, "empty password returned by client");
		return false;
	}
	/* the database decides: log in as the user */
	login.user = s->user;
	login.password = (const char *) body;
	ok = odbc_connect(&s->db, s->params.odbc_connection_string, (SqlDialect) s->params.dialect,
					  &login, err);
	OPENSSL_cleanse(body, len);
	if (!ok && strcmp(err->sqlstate, ERRCODE_INVALID_PASSWORD) == 0)
		return password_failed(s, err->message, err);
	return ok;
}

/* ---- cert ---- */

static bool
auth_cert(Session *s, PgError *err)
{
	char		cn[256];

	if (!conn_tls_in_use(&s->conn) || !tls_session_peer_cn(s->conn.ssl, cn, sizeof(cn)))
	{
		pgerr_set(err, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
				  "connection requires a valid client certificate");
		return false;
	}
	if (strcmp(cn, s->user) != 0)
	{
		log_write(LL_LOG, "certificate authentication failed for user \"%s\": "
				  "the certificate's common name is \"%s\"", s->user, cn);
		pgerr_set(err, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
				  "certificate authentication failed for user \"%s\"", s->user);
		return false;
	}
	return true;
}

/* ---- choosing ---- */

static const char *
encryption_state(const Session *s)
{
	return conn_tls_in_use(&s->conn) ? "SSL encryption" : "no encryption";
}

bool
be_authenticate(Session *s, PgError *err)
{
	const HbaRule *rule = NULL;
	HbaMethod	method = HBA_TRUST;
	bool		ok = false;

	if (s->start->hba != NULL)
	{
		HbaClient	c = {
			.is_unix = s->conn.is_unix,.ssl = conn_tls_in_use(&s->conn),
			.addr = (const struct sockaddr *) &s->start->addr,.user = s->user,.database = s->database,
		};

		if ((rule = hba_match(s->start->hba, &c)) == NULL)
		{
			pgerr_set(err, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
					  "no pg_hba.conf entry for host \"%s\", user \"%s\", database \"%s\", %s",
					  s->conn.remote_host, s->user, s->database, encryption_state(s));
			return false;
		}
		method = rule->method;
	}
	switch (method)
	{
		case HBA_TRUST:
			ok = true;
			break;
		case HBA_REJECT:
			pgerr_set(err, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
					  "pg_hba.conf rejects connection for host \"%s\", user \"%s\", database \"%s\", %s",
					  s->conn.remote_host, s->user, s->database, encryption_state(s));
			return false;
		case HBA_SCRAM:
			ok = auth_scram(s, err);
			break;
		case HBA_PASSWORD:
			ok = auth_password(s, err);
			break;
		case HBA_CERT:
			ok = auth_cert(s, err);
			break;
	}
	if (!ok)
		return false;
	if (s->params.log_connections && rule != NULL && method != HBA_TRUST)
		log_write(LL_LOG, "connection authenticated: user=\"%s\" method=%s (%s:%d)", s->user,
				  hba_method_name(method), s->params.hba_file, rule->line);
	proto_write_auth(&s->conn.out, AUTH_REQ_OK, NULL, 0);
	return true;
}
