/*
 * conn.h
 *		The client connection of a backend: buffered, framed socket I/O.
 *
 * A Conn owns the client socket (non-blocking), an input buffer holding
 * bytes received but not yet consumed, and an output buffer where whole
 * protocol messages are queued until conn_flush(). Waiting also watches two
 * other descriptors: the backend's wake-up pipe (a signal arrived) and the
 * postmaster-death pipe, so a blocked read or write never hides a shutdown.
 * Once TLS is started, every byte in either direction goes through the
 * connection's TLS session; nothing else ever touches the socket.
 */
#ifndef PGW_CONN_H
#define PGW_CONN_H

#include "backend/tls.h"
#include "common/base.h"
#include "common/buf.h"
#include "common/pgerror.h"

#include <sys/socket.h>

typedef enum ConnStatus
{
	CONN_OK,
	CONN_EOF,					/* the client closed the connection */
	CONN_ERROR,					/* I/O error or protocol violation (err filled) */
	CONN_INTERRUPTED,			/* a signal wants attention; call again after */
	CONN_TIMEOUT,				/* the deadline passed */
	CONN_POSTMASTER_DIED
} ConnStatus;

typedef struct Conn
{
	int			fd;
	int			wake_fd;		/* readable when a signal handler ran, or -1 */
	int			pm_death_fd;	/* EOF when the postmaster is gone, or -1 */
	Buf			in;				/* received bytes; in_pos of them consumed */
	size_t		in_pos;
	Buf			out;			/* complete messages waiting to be sent */
	bool		is_unix;
	TlsSession *ssl;			/* TLS session, or NULL */
	bool		tls_ready;		/* its handshake is complete */
	uint32_t	max_message;	/* if not 0: a lower cap on message length (authentication) */
	char		remote_host[64];
	char		remote_port[16];
	int64_t		deadline_ms;	/* monotonic deadline for reads, 0 = none */
} Conn;

/* Take ownership of fd; describes the peer from addr. */
bool		conn_init(Conn *conn, int fd, const struct sockaddr *addr, socklen_t addrlen,
					  int wake_fd, int pm_death_fd) PGW_MUSTCHECK;
void		conn_close(Conn *conn);

/*
 * Look at the first byte the client sends without consuming it (0x16
 * starts a TLS handshake: PostgreSQL 17's direct SSL). Waits for it.
 */
ConnStatus	conn_peek_byte(Conn *conn, uint8_t *byte, PgError *err);

/*
 * Run the server side of a TLS handshake on the socket; afterwards all I/O
 * is encrypted. May return CONN_INTERRUPTED: call again to resume. A
 * failed handshake is CONN_ERROR with err saying why (nothing can be sent
 * to the client then: the caller logs and leaves).
 */
ConnStatus	conn_start_tls(Conn *conn, TlsContext *ctx, PgError *err);

/* Is the connection encrypted? */
static inline bool
conn_tls_in_use(const Conn *conn)
{
	return conn->tls_ready;
}

/*
 * Read the first packet of a connection (length word + body, no type byte).
 * *pkt points into the input buffer and stays valid until the next read.
 */
ConnStatus	conn_read_startup(Conn *conn, const uint8_t **pkt, size_t *len, PgError *err);

/*
 * Read one whole message after startup. Checks the type and length with
 * proto_check_header() before buffering the body; *body points into the
 * input buffer and is valid until the next read.
 */
ConnStatus	conn_read_message(Conn *conn, char *type, const uint8_t **body,
							  size_t *len, PgError *err);

/* Bytes already received and not consumed (for the SSL-request stuffing check). */
size_t		conn_pending_input(const Conn *conn);

/*
 * Is the next message, already received whole, a Sync? (An Execute that
 * Sync follows right away is a transaction of its own.)
 */
bool		conn_next_is_sync(const Conn *conn);

/*
 * TCP options for a session's socket: no Nagle delay, and keepalives with
 * the given idle time, interval and count (0: the system's default).
 * Unix-domain sockets have none of these.
 */
void		conn_set_tcp_options(Conn *conn, int keepalive_idle, int keepalive_interval,
								 int keepalive_count);

/* Send everything queued in conn->out. */
ConnStatus	conn_flush(Conn *conn);

/* Flush if more than threshold bytes are queued (used while streaming rows). */
ConnStatus	conn_flush_if_over(Conn *conn, size_t threshold);

/*
 * Give back buffer memory grown for an unusually large message, once the
 * buffers are empty (called when the backend goes idle).
 */
void		conn_trim_buffers(Conn *conn);

/* Monotonic clock in milliseconds. */
int64_t		conn_now_ms(void);

#endif							/* PGW_CONN_H */
