/*
 * conn.c
 *		Buffered, framed I/O on the client socket.
 *
 * Owns: the client socket and its two buffers. Reads are framed (a whole
 * message or nothing); the length word is checked before the body is
 * buffered, and the buffer grows only as bytes actually arrive, so a lying
 * length cannot make us allocate. Writes go through the output buffer and
 * leave only by conn_flush(). Every wait also watches the wake-up pipe and
 * the postmaster-death pipe. raw_read() and raw_write() are the only
 * places bytes cross the socket: plain, or through the TLS session once
 * conn_start_tls() has run.
 */
#include "backend/conn.h"

#include "common/proto.h"
#include "common/startup.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define CONN_READ_CHUNK 65536
#define CONN_KEEP_BYTES (1024 * 1024)	/* buffer capacity kept while idle */

int64_t
conn_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool
conn_init(Conn *conn, int fd, const struct sockaddr *addr, socklen_t addrlen,
		  int wake_fd, int pm_death_fd)
{
	int			flags;

	memset(conn, 0, sizeof(*conn));
	conn->fd = fd;
	conn->wake_fd = wake_fd;
	conn->pm_death_fd = pm_death_fd;
	buf_init(&conn->in);
	buf_init(&conn->out);

	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return false;

	conn->is_unix = (addr->sa_family == AF_UNIX);
	if (conn->is_unix)
	{
		snprintf(conn->remote_host, sizeof(conn->remote_host), "[local]");
		conn->remote_port[0] = '\0';
	}
	else if (getnameinfo(addr, addrlen, conn->remote_host, sizeof(conn->remote_host),
						 conn->remote_port, sizeof(conn->remote_port),
						 NI_NUMERICHOST | NI_NUMERICSERV) != 0)
	{
		snprintf(conn->remote_host, sizeof(conn->remote_host), "???");
		conn->remote_port[0] = '\0';
	}
	return true;
}

void
conn_close(Conn *conn)
{
	tls_session_close(conn->ssl);	/* close_notify first, if we can */
	conn->ssl = NULL;
	conn->tls_ready = false;
	if (conn->fd >= 0)
		close(conn->fd);
	conn->fd = -1;
	buf_free(&conn->in);
	buf_free(&conn->out);
}

/* Drain the wake-up pipe so the next poll blocks again. */
static void
drain_wake_pipe(int fd)
{
	char		junk[64];

	while (read(fd, junk, sizeof(junk)) > 0)
		;
}

/*
 * Wait until the socket is ready for events, a signal arrives, the
 * postmaster dies, or the read deadline passes.
 */
static ConnStatus
conn_wait(Conn *conn, short events, bool use_deadline)
{
	struct pollfd pfd[3];
	int			n = 0;
	int			timeout = -1;

	pfd[n++] = (struct pollfd) {.fd = conn->fd,.events = events};
	if (conn->wake_fd >= 0)
		pfd[n++] = (struct pollfd) {.fd = conn->wake_fd,.events = POLLIN};
	if (conn->pm_death_fd >= 0)
		pfd[n++] = (struct pollfd) {.fd = conn->pm_death_fd,.events = POLLIN};

	if (use_deadline && conn->deadline_ms > 0)
	{
		int64_t		left = conn->deadline_ms - conn_now_ms();

		if (left <= 0)
			return CONN_TIMEOUT;
		timeout = (int) Min(left, (int64_t) 1000000);
	}

	for (;;)
	{
		int			rc = poll(pfd, (nfds_t) n, timeout);

		if (rc < 0 && errno == EINTR)
			return CONN_INTERRUPTED;
		if (rc < 0)
			return CONN_ERROR;
		if (rc == 0)
			return CONN_TIMEOUT;
		for (int i = 1; i < n; i++)
		{
			if (pfd[i].revents == 0)
				continue;
			if (pfd[i].fd == conn->wake_fd)
			{
				drain_wake_pipe(conn->wake_fd);
				return CONN_INTERRUPTED;
			}
			return CONN_POSTMASTER_DIED;
		}
		return CONN_OK;
	}
}

typedef enum IoResult
{
	IO_OK,
	IO_WAIT,					/* wait for *events, then retry */
	IO_EOF,
	IO_ERROR					/* err filled */
} IoResult;

/* What a TLS call asks for, as an IoResult. */
static IoResult
tls_result(TlsIo r, const char *msg, short *events, PgError *err)
{
	switch (r)
	{
		case TLS_IO_OK:
			return IO_OK;
		case TLS_IO_WANT_READ:
			*events = POLLIN;
			return IO_WAIT;
		case TLS_IO_WANT_WRITE:
			*events = POLLOUT;
			return IO_WAIT;
		case TLS_IO_EOF:
			return IO_EOF;
		case TLS_IO_ERROR:
			break;
	}
	pgerr_set(err, ERRCODE_CONNECTION_FAILURE, "%s", msg);
	return IO_ERROR;
}

/* Receive up to len bytes from the client. */
static IoResult
raw_read(Conn *conn, char *p, size_t len, size_t *got, short *events, PgError *err)
{
	char		msg[256];
	ssize_t		n;

	if (conn->ssl != NULL)
		return tls_result(tls_session_read(conn->ssl, p, len, got, msg, sizeof(msg)), msg, events, err);
	for (;;)
	{
		n = recv(conn->fd, p, len, 0);
		if (n > 0)
		{
			*got = (size_t) n;
			return IO_OK;
		}
		if (n == 0)
			return IO_EOF;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK)
		{
			*events = POLLIN;
			return IO_WAIT;
		}
		pgerr_set(err, ERRCODE_CONNECTION_FAILURE,
				  "could not receive data from client: %s", strerror(errno));
		return IO_ERROR;
	}
}

/* Send up to len bytes to the client. */
static IoResult
raw_write(Conn *conn, const char *p, size_t len, size_t *put, short *events, PgError *err)
{
	char		msg[256];
	ssize_t		n;

	if (conn->ssl != NULL)
		return tls_result(tls_session_write(conn->ssl, p, len, put, msg, sizeof(msg)), msg, events, err);
	for (;;)
	{
		n = send(conn->fd, p, len, MSG_NOSIGNAL);
		if (n > 0)
		{
			*put = (size_t) n;
			return IO_OK;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		{
			*events = POLLOUT;
			return IO_WAIT;
		}
		pgerr_set(err, ERRCODE_CONNECTION_FAILURE,
				  "could not send data to client: %s", n < 0 ? strerror(errno) : "nothing sent");
		return IO_ERROR;
	}
}

/* Make sure at least want unconsumed bytes are buffered. */
static ConnStatus
conn_fill(Conn *conn, size_t want, PgError *err)
{
	/* compact: drop consumed bytes before growing */
	if (conn->in_pos > 0)
	{
		buf_consume(&conn->in, conn->in_pos);
		conn->in_pos = 0;
	}

	while (conn->in.len < want)
	{
		size_t		room = Max(want - conn->in.len, (size_t) CONN_READ_CHUNK);
		size_t		got = 0;
		short		events = 0;
		ConnStatus	st;

		/* grow at most by what we may read now, never by the declared length */
		room = Min(room, (size_t) CONN_READ_CHUNK * 16);
		if (!buf_reserve(&conn->in, room))
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return CONN_ERROR;
		}
		switch (raw_read(conn, conn->in.data + conn->in.len, room, &got, &events, err))
		{
			case IO_OK:
				conn->in.len += got;
				break;
			case IO_EOF:
				return CONN_EOF;
			case IO_ERROR:
				return CONN_ERROR;
			case IO_WAIT:
				if ((st = conn_wait(conn, events, true)) != CONN_OK)
					return st;
				break;
		}
	}
	return CONN_OK;
}

ConnStatus
conn_peek_byte(Conn *conn, uint8_t *byte, PgError *err)
{
	for (;;)
	{
		ssize_t		n = recv(conn->fd, byte, 1, MSG_PEEK);
		ConnStatus	st;

		if (n == 1)
			return CONN_OK;
		if (n == 0)
			return CONN_EOF;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
		{
			pgerr_set(err, ERRCODE_CONNECTION_FAILURE,
					  "could not receive data from client: %s", strerror(errno));
			return CONN_ERROR;
		}
		if ((st = conn_wait(conn, POLLIN, true)) != CONN_OK)
			return st;
	}
}

ConnStatus
conn_start_tls(Conn *conn, TlsContext *ctx, PgError *err)
{
	char		msg[256];

	if (conn->ssl == NULL && (conn->ssl = tls_session_new(ctx, conn->fd, msg, sizeof(msg))) == NULL)
	{
		pgerr_set(err, ERRCODE_CONNECTION_FAILURE, "%s", msg);
		return CONN_ERROR;
	}
	for (;;)
	{
		short		events = 0;
		ConnStatus	st;

		switch (tls_result(tls_session_accept(conn->ssl, msg, sizeof(msg)), msg, &events, err))
		{
			case IO_OK:
				conn->tls_ready = true;
				return CONN_OK;
			case IO_EOF:
				return CONN_EOF;
			case IO_ERROR:
				return CONN_ERROR;
			case IO_WAIT:
				if ((st = conn_wait(conn, events, true)) != CONN_OK)
					return st;
				break;
		}
	}
}

static uint32_t
read_uint32(const char *p)
{
	uint32_t	n;

	memcpy(&n, p, sizeof(n));
	return ntohl(n);
}

ConnStatus
conn_read_startup(Conn *conn, const uint8_t **pkt, size_t *len, PgError *err)
{
	ConnStatus	st;
	uint32_t	pktlen;

	if ((st = conn_fill(conn, 4, err)) != CONN_OK)
		return st;
	pktlen = read_uint32(conn->in.data);
	if (!startup_check_length(pktlen, err))
		return CONN_ERROR;
	if ((st = conn_fill(conn, pktlen, err)) != CONN_OK)
		return st;
	*pkt = (const uint8_t *) conn->in.data;
	*len = pktlen;
	conn->in_pos = pktlen;
	return CONN_OK;
}

ConnStatus
conn_read_message(Conn *conn, char *type, const uint8_t **body, size_t *len, PgError *err)
{
	ConnStatus	st;
	uint32_t	msglen;

	if ((st = conn_fill(conn, 5, err)) != CONN_OK)
		return st;
	*type = conn->in.data[0];
	msglen = read_uint32(conn->in.data + 1);
	if (!proto_check_header(*type, msglen, err))
		return CONN_ERROR;
	if (conn->max_message != 0 && msglen > conn->max_message)
	{
		pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid message length");
		return CONN_ERROR;
	}
	if ((st = conn_fill(conn, (size_t) msglen + 1, err)) != CONN_OK)
		return st;
	*body = (const uint8_t *) conn->in.data + 5;
	*len = msglen - 4;
	conn->in_pos = (size_t) msglen + 1;
	return CONN_OK;
}

size_t
conn_pending_input(const Conn *conn)
{
	return conn->in.len - conn->in_pos;
}

bool
conn_next_is_sync(const Conn *conn)
{
	static const uint8_t sync[5] = {'S', 0, 0, 0, 4};

	return conn_pending_input(conn) >= sizeof(sync) &&
		memcmp(conn->in.data + conn->in_pos, sync, sizeof(sync)) == 0;
}

/* setsockopt for an int option; a failure only means the system's default stays. */
static void
set_int_option(int fd, int level, int name, int value)
{
	(void) setsockopt(fd, level, name, &value, sizeof(value));
}

void
conn_set_tcp_options(Conn *conn, int keepalive_idle, int keepalive_interval, int keepalive_count)
{
	if (conn->is_unix)
		return;
	set_int_option(conn->fd, IPPROTO_TCP, TCP_NODELAY, 1);
	set_int_option(conn->fd, SOL_SOCKET, SO_KEEPALIVE, 1);
	if (keepalive_idle > 0)
		set_int_option(conn->fd, IPPROTO_TCP, TCP_KEEPIDLE, keepalive_idle);
	if (keepalive_interval > 0)
		set_int_option(conn->fd, IPPROTO_TCP, TCP_KEEPINTVL, keepalive_interval);
	if (keepalive_count > 0)
		set_int_option(conn->fd, IPPROTO_TCP, TCP_KEEPCNT, keepalive_count);
}

ConnStatus
conn_flush(Conn *conn)
{
	size_t		off = 0;

	if (buf_failed(&conn->out))
		return CONN_ERROR;
	if (conn->ssl != NULL && !conn->tls_ready)
	{
		/* mid-handshake: the client cannot read anything we could say */
		buf_reset(&conn->out);
		return CONN_EOF;
	}
	while (off < conn->out.len)
	{
		size_t		put = 0;
		short		events = 0;
		PgError		err;
		ConnStatus	st;

		switch (raw_write(conn, conn->out.data + off, conn->out.len - off, &put, &events, &err))
		{
			case IO_OK:
				off += put;
				continue;
			case IO_WAIT:
				st = conn_wait(conn, events, false);
				if (st == CONN_OK)
					continue;
				/* keep what is unsent; the caller decides after the interrupt */
				buf_consume(&conn->out, off);
				return st;
			case IO_EOF:
			case IO_ERROR:
				break;
		}
		buf_reset(&conn->out);
		return CONN_EOF;
	}
	buf_reset(&conn->out);
	return CONN_OK;
}

ConnStatus
conn_flush_if_over(Conn *conn, size_t threshold)
{
	if (conn->out.len < threshold)
		return CONN_OK;
	return conn_flush(conn);
}

void
conn_trim_buffers(Conn *conn)
{
	if (conn->in.cap > CONN_KEEP_BYTES && conn_pending_input(conn) == 0)
	{
		buf_free(&conn->in);
		conn->in_pos = 0;
	}
	if (conn->out.cap > CONN_KEEP_BYTES && conn->out.len == 0)
		buf_free(&conn->out);
}
