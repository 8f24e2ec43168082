/*
 * startup.c
 *		A backend's first packets: SSL/GSSAPI negotiation, CancelRequest,
 *		and the StartupMessage with its parameters.
 *
 * Owns: the negotiation loop of PostgreSQL's ProcessStartupPacket(): a
 * connection may open with a TLS ClientHello (PostgreSQL 17's direct SSL,
 * which must negotiate ALPN "postgresql"); an SSLRequest is answered 'S'
 * and followed by the handshake when TLS is configured (TCP only), 'N'
 * otherwise; a GSSENCRequest always 'N'; each once. Bytes the client sent
 * after a request and before our answer are refused (CVE-2021-23222: they
 * were not encrypted). Then a StartupMessage or CancelRequest must follow.
 * Startup parameters are applied to the session here, with PostgreSQL's
 * errors for unknown ones.
 */
#include "backend/backend.h"

#include "backend/session.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/protocol.h"
#include "common/startup.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Send the single-byte answer to SSLRequest/GSSENCRequest. */
static void
answer_negotiation(Session *s, char answer)
{
	buf_append_byte(&s->conn.out, (uint8_t) answer);
	be_flush(s);
}

/* May this connection be encrypted now? */
static bool
tls_possible(const Session *s)
{
	return s->start->tls_context != NULL && !s->conn.is_unix && !conn_tls_in_use(&s->conn);
}

/*
 * The TLS handshake. A client that fails it cannot be told anything (it
 * expects TLS, we could only send plaintext): log why and leave, as
 * PostgreSQL does.
 */
static void
start_tls(Session *s)
{
	PgError		err;

	pgerr_clear(&err);
	for (;;)
	{
		switch (conn_start_tls(&s->conn, s->start->tls_context, &err))
		{
			case CONN_OK:
				return;
			case CONN_INTERRUPTED:
				be_process_interrupts(s);
				continue;
			case CONN_ERROR:
				log_write(LL_LOG, "%s (client %s)", err.message, s->conn.remote_host);
				_exit(0);
			case CONN_TIMEOUT:
				log_write(LL_LOG, "SSL handshake with %s did not complete: authentication timeout",
						  s->conn.remote_host);
				_exit(1);
			case CONN_EOF:
			case CONN_POSTMASTER_DIED:
				_exit(0);
		}
	}
}

/*
 * Direct SSL (PostgreSQL 17): a first byte 0x16 is a TLS handshake record,
 * never the start of a startup packet's length. It must come with ALPN
 * "postgresql", so a stray TLS client of another protocol is turned away.
 */
static void
accept_direct_ssl(Session *s)
{
	uint8_t		first = 0;
	PgError		err;

	pgerr_clear(&err);
	for (;;)
	{
		ConnStatus	st = conn_peek_byte(&s->conn, &first, &err);

		if (st == CONN_OK)
			break;
		if (st == CONN_INTERRUPTED)
		{
			be_process_interrupts(s);
			continue;
		}
		if (st == CONN_TIMEOUT)
			log_write(LL_LOG, "incomplete startup packet from %s: authentication timeout",
					  s->conn.remote_host);
		_exit(st == CONN_TIMEOUT ? 1 : 0);
	}
	if (first != 0x16)
		return;
	if (!tls_possible(s))
	{
		log_write(LL_LOG, "direct SSL connection from %s refused: SSL is not enabled%s",
				  s->conn.remote_host, s->conn.is_unix ? " on Unix-domain sockets" : "");
		_exit(0);
	}
	start_tls(s);
	if (!tls_session_alpn_used(s->conn.ssl))
	{
		log_write(LL_LOG, "received direct SSL connection request without ALPN protocol negotiation extension (client %s)",
				  s->conn.remote_host);
		_exit(0);
	}
}

/* Anything received before our answer was sent in the clear: refuse it. */
static bool
check_nothing_buffered(Session *s, const char *request, PgError *err)
{
	if (conn_pending_input(&s->conn) == 0)
		return true;
	pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "received unencrypted data after %s", request);
	pgerr_set_detail(err, "This could be either a client-software bug or evidence of an attempted man-in-the-middle attack.");
	return false;
}

typedef struct OptionsState
{
	Session    *session;
	PgError    *err;
	bool		expect_value;	/* previous word was a bare "-c" */
} OptionsState;

/* Apply one "name=value" from the options parameter. */
static bool
apply_option_setting(OptionsState *st, const char *setting)
{
	const char *eq = strchr(setting, '=');
	char		name[128];
	size_t		n;

	if (eq == NULL)
	{
		pgerr_set(st->err, ERRCODE_SYNTAX_ERROR, "-c %s requires a value", setting);
		return false;
	}
	n = Min((size_t) (eq - setting), sizeof(name) - 1);
	memcpy(name, setting, n);
	name[n] = '\0';
	/* PostgreSQL accepts dashes for underscores in command-line names */
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	return session_set_startup_param(st->session, name, eq + 1, st->err);
}

static bool
apply_option_word(const char *word, void *arg)
{
	OptionsState *st = arg;

	if (st->expect_value)
	{
		st->expect_value = false;
		return apply_option_setting(st, word);
	}
	if (strcmp(word, "-c") == 0)
	{
		st->expect_value = true;
		return true;
	}
	if (strncmp(word, "-c", 2) == 0)
		return apply_option_setting(st, word + 2);
	if (strncmp(word, "--", 2) == 0)
		return apply_option_setting(st, word + 2);
	pgerr_set(st->err, ERRCODE_SYNTAX_ERROR, "invalid command-line argument for server process: %s", word);
	pgerr_set_hint(st->err, "Only -c name=value and --name=value are accepted in \"options\".");
	return false;
}

static bool
is_false_word(const char *v)
{
	return strcasecmp(v, "false") == 0 || strcasecmp(v, "off") == 0 ||
		strcasecmp(v, "no") == 0 || strcmp(v, "0") == 0;
}

static bool
apply_startup_params(Session *s, const StartupPacket *sp, PgError *err)
{
	const char *unrecognized[STARTUP_MAX_PARAMS];
	int			nunrecognized = 0;
	const char *user = startup_param(sp, "user");
	const char *database = startup_param(sp, "database");

	if (user == NULL || user[0] == '\0')
	{
		pgerr_set(err, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
				  "no PostgreSQL user name specified in startup packet");
		return false;
	}
	if (database == NULL || database[0] == '\0')
		database = user;
	pgerr_copy_text(s->user, sizeof(s->user), user);
	pgerr_copy_text(s->database, sizeof(s->database), database);

	for (int i = 0; i < sp->nparams; i++)
	{
		const char *name = sp->names[i];
		const char *value = sp->values[i];

		if (strcmp(name, "user") == 0 || strcmp(name, "database") == 0)
			continue;
		if (strncmp(name, "_pq_.", 5) == 0)
		{
			unrecognized[nunrecognized++] = name;
			continue;
		}
		if (strcmp(name, "replication") == 0)
		{
			if (!is_false_word(value))
			{
				pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
						  "replication connections are not supported by pgwire");
				return false;
			}
			continue;
		}
		if (strcmp(name, "options") == 0)
		{
			OptionsState st = {.session = s,.err = err,.expect_value = false};

			if (!startup_split_options(value, apply_option_word, &st))
				return false;
			continue;
		}
		if (!session_set_startup_param(s, name, value, err))
			return false;
	}

	/*
	 * 3.0 and 3.2 (PostgreSQL 18: longer cancel keys) are spoken; a newer
	 * minor version or protocol options get NegotiateProtocolVersion.
	 */
	s->protocol_minor = Min((int) PG_PROTOCOL_MINOR(sp->version), (int) PG_PROTOCOL_MINOR(PG_PROTOCOL_LATEST));
	if (PG_PROTOCOL_MINOR(sp->version) > PG_PROTOCOL_MINOR(PG_PROTOCOL_LATEST) || nunrecognized > 0)
		proto_write_negotiate_version(&s->conn.out, PG_PROTOCOL_MINOR(PG_PROTOCOL_LATEST),
									  unrecognized, nunrecognized);
	return true;
}

/* Read the next first packet; exits quietly if the client goes away. */
static bool
read_first_packet(Session *s, StartupPacket *sp, PgError *err)
{
	for (;;)
	{
		const uint8_t *pkt;
		size_t		len;

		switch (conn_read_startup(&s->conn, &pkt, &len, err))
		{
			case CONN_OK:
				return startup_parse(pkt, len, sp, err);
			case CONN_INTERRUPTED:
				be_process_interrupts(s);
				continue;
			case CONN_ERROR:
				if (pgerr_is_set(err))
					return false;
				_exit(1);
			case CONN_TIMEOUT:
				log_write(LL_LOG, "incomplete startup packet from %s: authentication timeout",
						  s->conn.remote_host);
				_exit(1);
			case CONN_EOF:
			case CONN_POSTMASTER_DIED:
				/* a port probe or a client that gave up: nothing to answer */
				_exit(0);
		}
	}
}

/*
 * A CancelRequest: signal the backend whose pid and key it names, if one
 * does, and close without a word either way (PostgreSQL's rule: a wrong
 * key learns nothing, not even whether the pid exists).
 */
PGW_NORETURN static void
serve_cancel_request(Session *s, const StartupPacket *sp)
{
	const Shmem *shm = s->start->shmem;

	if (shm != NULL && shm_cancel_lookup(shm, sp->cancel_pid, sp->cancel_key, sp->cancel_key_len))
	{
		if (kill(sp->cancel_pid, SIGINT) != 0)
			log_write(LL_DEBUG1, "could not send cancel request to process %d: %s",
					  (int) sp->cancel_pid, strerror(errno));
	}
	else
		log_write(LL_DEBUG1, "cancel request for process %d does not match any backend",
				  (int) sp->cancel_pid);
	_exit(0);
}

bool
be_process_startup(Session *s, PgError *err)
{
	bool		ssl_done = false;
	bool		gss_done = false;
	StartupPacket sp;

	accept_direct_ssl(s);
	for (;;)
	{
		if (!read_first_packet(s, &sp, err))
			return false;

		if (sp.kind == STARTUP_SSL_REQUEST && !ssl_done)
		{
			bool		tls = tls_possible(s);

			ssl_done = true;
			answer_negotiation(s, tls ? 'S' : 'N');
			if (tls)
				start_tls(s);
			if (!check_nothing_buffered(s, "SSL request", err))
				return false;
			continue;
		}
		if (sp.kind == STARTUP_GSSENC_REQUEST && !gss_done)
		{
			gss_done = true;
			answer_negotiation(s, 'N');
			if (!check_nothing_buffered(s, "GSSAPI encryption request", err))
				return false;
			continue;
		}
		if (sp.kind == STARTUP_SSL_REQUEST || sp.kind == STARTUP_GSSENC_REQUEST)
		{
			pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
					  "unsupported frontend protocol %u.%u: server supports 3.0 to 3.2",
					  1234, sp.kind == STARTUP_SSL_REQUEST ? 5679 : 5680);
			return false;
		}
		break;
	}

	if (sp.kind == STARTUP_CANCEL)
		serve_cancel_request(s, &sp);

	switch (s->start->mode)
	{
		case BACKEND_TOO_MANY:
			pgerr_set(err, ERRCODE_TOO_MANY_CONNECTIONS, "sorry, too many clients already");
			return false;
		case BACKEND_SHUTTING_DOWN:
			pgerr_set(err, ERRCODE_CANNOT_CONNECT_NOW, "the database system is shutting down");
			return false;
		case BACKEND_NORMAL:
			break;
	}
	return apply_startup_params(s, &sp, err);
}
