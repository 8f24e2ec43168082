/*
 * backend_main.c
 *		The life of a backend process: signals, startup, authentication,
 *		the message loop, and every way out.
 *
 * Owns: the one Session of the process, the signal flags and the wake-up
 * pipe. Signal handlers only set a flag and write a byte to the pipe; the
 * work happens in be_process_interrupts() at safe points (waiting for the
 * client, between batches of rows). The only exception is SIGQUIT
 * (immediate shutdown), which writes a prepared FATAL message and _exit()s.
 *
 * Exit codes follow PostgreSQL: 0 for a normal end, 1 after a FATAL error;
 * anything else tells the postmaster the process crashed.
 */
#include "backend/backend.h"

#include "backend/auth.h"
#include "backend/cancel.h"
#include "backend/schema_changes.h"
#include "backend/session.h"
#include "backend/xact.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/protocol.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static Session session;

static volatile sig_atomic_t terminate_pending;
static volatile sig_atomic_t reload_pending;
static int	wake_pipe[2] = {-1, -1};

/* FATAL message written by the SIGQUIT handler, prepared in advance. */
static char quickdie_msg[256];
static size_t quickdie_len;
static int	quickdie_fd = -1;

static void
wake_up(void)
{
	int			save_errno = errno;

	if (wake_pipe[1] >= 0)
		(void) !write(wake_pipe[1], "x", 1);
	errno = save_errno;
}

static void
handle_sigterm(int signo)
{
	(void) signo;
	terminate_pending = 1;
	be_cancel_from_signal();	/* a running statement stops now */
	wake_up();
}

static void
handle_sighup(int signo)
{
	(void) signo;
	reload_pending = 1;
	wake_up();
}

static void
handle_sigquit(int signo)
{
	(void) signo;
	/* raw bytes cannot go into a TLS stream: an encrypted client just sees the close */
	if (quickdie_fd >= 0 && quickdie_len > 0 && session.conn.ssl == NULL)
		(void) !write(quickdie_fd, quickdie_msg, quickdie_len);
	_exit(2);
}

static void
install_handler(int signo, void (*handler) (int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;			/* no SA_RESTART: a blocked poll returns EINTR */
	sigaction(signo, &sa, NULL);
}

static bool
setup_signals(void)
{
	sigset_t	none;

	if (pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) < 0)
		return false;
	install_handler(SIGTERM, handle_sigterm);
	install_handler(SIGHUP, handle_sighup);
	install_handler(SIGQUIT, handle_sigquit);
	signal(SIGINT, SIG_IGN);	/* until the session's cancel thread takes it (cancel.c) */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	return true;
}

static void
prepare_quickdie_message(Session *s)
{
	Buf			msg;
	PgError		err;

	pgerr_set(&err, ERRCODE_ADMIN_SHUTDOWN, "terminating connection due to immediate shutdown command");
	err.severity = PGSEV_FATAL;
	buf_init(&msg);
	proto_write_error(&msg, &err);
	if (!buf_failed(&msg) && msg.len <= sizeof(quickdie_msg))
	{
		memcpy(quickdie_msg, msg.data, msg.len);
		quickdie_len = msg.len;
		quickdie_fd = s->conn.fd;
	}
	buf_free(&msg);
}

/* ---- leaving ---- */

static void
log_disconnection(Session *s)
{
	struct timespec now;
	long		ms;

	if (!s->params.log_disconnections || s->user[0] == '\0')
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - s->started.tv_sec) * 1000 + (now.tv_nsec - s->started.tv_nsec) / 1000000;
	log_write(LL_LOG, "disconnection: session time: %ld:%02ld:%02ld.%03ld user=%s database=%s host=%s%s%s",
			  ms / 3600000, (ms / 60000) % 60, (ms / 1000) % 60, ms % 1000,
			  s->user, s->database, s->conn.remote_host,
			  s->conn.remote_port[0] ? " port=" : "", s->conn.remote_port);
}

PGW_NORETURN static void
be_exit(Session *s, int code)
{
	xact_abort_all(s);
	prep_store_free(&s->prepared, &s->db);
	repeat_free(&s->repeat);
	cat_close(s->catalog);
	s->catalog = NULL;
	odbc_disconnect(&s->db);
	log_disconnection(s);
	conn_close(&s->conn);
	session_free_params(s);
	exit(code);
}

/* Send what is queued without reacting to signals: we are leaving anyway. */
static void
final_flush(Session *s)
{
	for (int attempt = 0; attempt < 3; attempt++)
	{
		ConnStatus	st = conn_flush(&s->conn);

		if (st != CONN_INTERRUPTED)
			return;
	}
}

void
be_fatal(Session *s, const PgError *err)
{
	PgError		fatal = *err;

	fatal.severity = PGSEV_FATAL;
	if (s->user[0] != '\0' || fatal.sqlstate[0] != '\0')
		log_pgerror(LL_FATAL, &fatal);
	proto_write_error(&s->conn.out, &fatal);
	final_flush(s);
	be_exit(s, 1);
}

void
be_flush(Session *s)
{
	for (;;)
	{
		switch (conn_flush(&s->conn))
		{
			case CONN_OK:
				return;
			case CONN_INTERRUPTED:
				be_process_interrupts(s);
				continue;
			case CONN_POSTMASTER_DIED:
				be_exit(s, 1);
			default:
				/* the client is gone; nobody is left to tell */
				be_exit(s, 0);
		}
	}
}

void
be_send_notice(Session *s, const PgError *notice)
{
	/* client_min_messages: INFO always goes, as in PostgreSQL */
	ClientMessageLevel level = notice->severity >= PGSEV_WARNING ? CLIENT_WARNING :
		notice->severity == PGSEV_NOTICE ? CLIENT_NOTICE :
		notice->severity == PGSEV_LOG ? CLIENT_LOG : CLIENT_DEBUG1;

	if (notice->severity != PGSEV_INFO && (int) level < s->params.client_min_messages)
		return;
	proto_write_error(&s->conn.out, notice);
}

void
be_send_error(Session *s, const PgError *err)
{
	PgError		e = *err;

	e.severity = PGSEV_ERROR;
	if (log_get_min_level() <= LL_ERROR)
		log_pgerror(LL_ERROR, &e);
	proto_write_error(&s->conn.out, &e);
}

/* ---- interrupts ---- */

static void
reload_config(Session *s)
{
	Config		fresh;
	Buf			errors;

	buf_init(&errors);
	if (config_build(&fresh, s->start->data_dir, s->start->overrides, s->start->noverrides, &errors))
	{
		log_set_min_level((LogLevel) fresh.log_min_messages);
		session_reload_params(s, &fresh);
	}
	/* the postmaster logs problems with the file; a backend keeps its values */
	config_free(&fresh);
	buf_free(&errors);
}

void
be_process_interrupts(Session *s)
{
	if (terminate_pending)
	{
		PgError		err;

		terminate_pending = 0;
		pgerr_set(&err, ERRCODE_ADMIN_SHUTDOWN, "terminating connection due to administrator command");
		be_fatal(s, &err);
	}
	if (reload_pending)
	{
		reload_pending = 0;
		reload_config(s);
	}
}

/* ---- the message loop ---- */

void
be_mark_prepared_reset(Session *s, PreparedReset what)
{
	if (what > s->prepared_reset)
		s->prepared_reset = what;
}

/* Drop what a finished transaction or DISCARD ALL left behind. */
static void
apply_prepared_reset(Session *s)
{
	switch (s->prepared_reset)
	{
		case PREPARED_RESET_PORTALS:
			prep_drop_portals(&s->prepared, &s->db);
			break;
		case PREPARED_RESET_ALL:
			prep_drop_all(&s->prepared, &s->db);
			break;
		case PREPARED_RESET_NONE:
			break;
	}
	s->prepared_reset = PREPARED_RESET_NONE;
}

static void
send_ready_for_query(Session *s)
{
	static const BackendActivity activity[] = {
		[XACT_IDLE] = BACKEND_IDLE,
		[XACT_IMPLICIT] = BACKEND_IDLE_IN_XACT,
		[XACT_BLOCK] = BACKEND_IDLE_IN_XACT,
		[XACT_FAILED] = BACKEND_IDLE_IN_XACT_ABORTED,
	};

	shm_set_activity(s->start->slot, activity[s->xact], NULL, 0);
	be_schema_publish(s);
	session_report_changes(s);
	proto_write_ready(&s->conn.out, xact_status(s));
	be_flush(s);
	conn_trim_buffers(&s->conn);
}

static void
dispatch_message(Session *s, char type, const uint8_t *body, size_t len)
{
	PgError		err;

	session_apply_timezone(s);
	if (type == PqMsg_Query || type == PqMsg_Parse || type == PqMsg_Bind)
		be_schema_catch_up(s);

	switch (type)
	{
		case PqMsg_Query:
			{
				const char *sql;
				size_t		sqllen;

				/* skipping until Sync skips a Query too, as PostgreSQL does */
				if (s->ignore_till_sync)
					break;
				/* framing is intact, so a malformed body is an ERROR, as in PostgreSQL */
				if (proto_parse_query(body, len, &sql, &sqllen, &err))
				{
					shm_set_activity(s->start->slot, BACKEND_ACTIVE, sql, sqllen);
					be_exec_simple_query(s, sql, sqllen);
				}
				else
				{
					be_send_error(s, &err);
					xact_on_error(s);
				}
				send_ready_for_query(s);
				break;
			}
		case PqMsg_Terminate:
			be_exit(s, 0);
		case PqMsg_Parse:
			be_handle_parse(s, body, len);
			break;
		case PqMsg_Bind:
			be_handle_bind(s, body, len);
			break;
		case PqMsg_Describe:
			be_handle_describe(s, body, len);
			break;
		case PqMsg_Execute:
			be_handle_execute(s, body, len);
			break;
		case PqMsg_Close:
			be_handle_close(s, body, len);
			break;
		case PqMsg_Sync:
			be_handle_sync(s);
			apply_prepared_reset(s);
			send_ready_for_query(s);
			break;
		case PqMsg_Flush:
			be_flush(s);
			break;
		case PqMsg_FunctionCall:
			if (!s->ignore_till_sync)
			{
				pgerr_set(&err, ERRCODE_FEATURE_NOT_SUPPORTED,
						  "the function call protocol message is not supported by pgwire");
				be_send_error(s, &err);
				xact_on_error(s);
				s->ignore_till_sync = true;
			}
			break;
		case PqMsg_CopyData:
		case PqMsg_CopyDone:
		case PqMsg_CopyFail:
			/* left over from a failed COPY: ignored, as PostgreSQL does */
			break;
		default:
			pgerr_set(&err, ERRCODE_PROTOCOL_VIOLATION,
					  "invalid frontend message type %d", (int) (unsigned char) type);
			be_fatal(s, &err);
	}
}

/*
 * How long the session may wait for its next message: the idle timeouts,
 * as PostgreSQL applies them (in a transaction block, or outside one).
 */
static void
set_idle_deadline(Session *s)
{
	int			timeout = s->xact == XACT_IDLE ? s->params.idle_session_timeout :
		s->params.idle_in_transaction_session_timeout;

	/* inside a pipeline (before Sync) the client is not idle: no limit */
	if (s->ignore_till_sync || s->xact == XACT_IMPLICIT)
		timeout = 0;
	s->conn.deadline_ms = timeout > 0 ? conn_now_ms() + timeout : 0;
}

/* An idle timeout passed: the session ends, as PostgreSQL ends it. */
PGW_NORETURN static void
idle_timeout(Session *s)
{
	PgError		err;

	if (s->xact == XACT_IDLE)
		pgerr_set(&err, ERRCODE_IDLE_SESSION_TIMEOUT, "terminating connection due to idle-session timeout");
	else
		pgerr_set(&err, ERRCODE_IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
				  "terminating connection due to idle-in-transaction timeout");
	be_fatal(s, &err);
}

PGW_NORETURN static void
message_loop(Session *s)
{
	for (;;)
	{
		char		type;
		const uint8_t *body;
		size_t		len;
		PgError		err;

		pgerr_clear(&err);
		set_idle_deadline(s);
		switch (conn_read_message(&s->conn, &type, &body, &len, &err))
		{
			case CONN_OK:
				dispatch_message(s, type, body, len);
				apply_prepared_reset(s);
				break;
			case CONN_INTERRUPTED:
				be_process_interrupts(s);
				break;
			case CONN_EOF:
				if (s->xact != XACT_IDLE)
					log_write(LL_LOG, "unexpected EOF on client connection with an open transaction");
				be_exit(s, 0);
			case CONN_ERROR:
				if (pgerr_is_set(&err))
					be_fatal(s, &err);
				be_exit(s, 1);
			case CONN_TIMEOUT:
				idle_timeout(s);
			case CONN_POSTMASTER_DIED:
				be_exit(s, 1);
		}
	}
}

/* ---- startup ---- */

static void
build_version_string(Session *s)
{
	snprintf(s->version, sizeof(s->version),
			 "PostgreSQL %s (pgwire %s, %s over ODBC) on x86_64-pc-linux-gnu, 64-bit",
			 PGWIRE_PG_VERSION, PACKAGE_VERSION,
			 config_dialect_name((SqlDialect) s->params.dialect));
}

static void
set_internal_param(Session *s, const char *name, const char *value)
{
	PgError		err;
	const ConfigParam *p = config_lookup(name);

	if (p && (!config_set(&s->params, p, value, &err) ||
			  !config_set(&s->reset_params, p, value, &err)))
		log_pgerror(LL_WARNING, &err);
}

/* Everything from the first byte to the first ReadyForQuery. */
static void
start_session(Session *s)
{
	PgError		err;
	int			keylen;

	pgerr_clear(&err);
	s->conn.deadline_ms = conn_now_ms() + (int64_t) s->params.authentication_timeout * 1000;
	if (s->params.log_connections)
		log_write(LL_LOG, "connection received: host=%s%s%s", s->conn.remote_host,
				  s->conn.remote_port[0] ? " port=" : "", s->conn.remote_port);

	if (!be_process_startup(s, &err) || !be_authenticate(s, &err))
		be_fatal(s, &err);
	conn_set_tcp_options(&s->conn, s->params.tcp_keepalives_idle, s->params.tcp_keepalives_interval,
						 s->params.tcp_keepalives_count);
	s->conn.deadline_ms = 0;
	set_internal_param(s, "session_authorization", s->user);
	set_internal_param(s, "is_superuser",
					   config_list_contains(s->params.superusers, s->user) ? "on" : "off");

	if (s->params.log_connections)
		log_write(LL_LOG, "connection authorized: user=%s database=%s application_name=%s%s%s%s",
				  s->user, s->database, s->params.application_name,
				  conn_tls_in_use(&s->conn) ? " SSL enabled (protocol=" : "",
				  conn_tls_in_use(&s->conn) ? tls_session_version(s->conn.ssl) : "",
				  conn_tls_in_use(&s->conn) ? ")" : "");

	/* the password method has connected already, as the client's user */
	if (!s->db.connected && !odbc_connect(&s->db, s->params.odbc_connection_string,
										  (SqlDialect) s->params.dialect, NULL, &err))
		be_fatal(s, &err);

	build_version_string(s);
	shm_set_session(s->start->slot, s->conn.remote_host, s->user, s->database,
					s->params.is_superuser, conn_tls_in_use(&s->conn) ? tls_session_version(s->conn.ssl) : "");
	session_report_all(s);
	if (!be_cancel_start())
	{
		pgerr_set(&err, ERRCODE_INTERNAL_ERROR, "could not start the cancel thread: %s", strerror(errno));
		be_fatal(s, &err);
	}
	/* protocol 3.2 has 32-byte cancel keys, 3.0 (and the unused 3.1) 4-byte ones */
	keylen = s->protocol_minor >= 2 ? SHM_CANCEL_KEY_LEN : SHM_CANCEL_KEY_LEN_30;
	shm_set_key_length(s->start->slot, keylen);
	proto_write_backend_key(&s->conn.out, s->pid, s->start->cancel_key, (size_t) keylen);
	send_ready_for_query(s);
}

void
be_main(const BackendStart *start)
{
	Session    *s = &session;
	PgError		err;

	memset(s, 0, sizeof(*s));
	prep_store_init(&s->prepared);
	repeat_init(&s->repeat);
	s->schema_changes_seen = shm_schema_changes(start->shmem);
	s->start = start;
	s->pid = (int32_t) getpid();
	clock_gettime(CLOCK_MONOTONIC, &s->started);

	if (!setup_signals() ||
		!conn_init(&s->conn, start->client_fd, (const struct sockaddr *) &start->addr,
				   start->addrlen, wake_pipe[0], start->pm_death_fd))
	{
		log_write(LL_LOG, "could not set up backend: %s", strerror(errno));
		_exit(1);
	}
	prepare_quickdie_message(s);
	if (!session_init_params(s, start->config, &err))
		be_fatal(s, &err);

	start_session(s);
	message_loop(s);
}
