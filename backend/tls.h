/*
 * tls.h
 *		TLS with OpenSSL: the server context, and one connection's session.
 *
 * The context is built by the postmaster from the ssl_* settings, at start
 * (a bad certificate or key stops the server with a clear message) and on
 * every reload (a bad one is logged and the old context kept); backends
 * inherit it by fork and open one session on their client socket. Every
 * context offers ALPN "postgresql" and accepts no other protocol, as
 * PostgreSQL 17 does.
 */
#ifndef PGW_TLS_H
#define PGW_TLS_H

#include "common/base.h"
#include "config/config.h"

typedef struct ssl_ctx_st TlsContext;	/* OpenSSL's SSL_CTX */
typedef struct ssl_st TlsSession;		/* OpenSSL's SSL */

/* ---- the context (postmaster) ---- */

/*
 * A server context from cfg's ssl_* settings (file names relative to the
 * data directory). NULL on failure, with PostgreSQL's wording in errbuf,
 * e.g. 'could not load server certificate file "server.crt": No such file
 * or directory'.
 */
TlsContext *tls_context_build(const Config *cfg, char *errbuf, size_t errlen) PGW_MUSTCHECK;
void		tls_context_free(TlsContext *ctx);

/* ---- a session (backend) ---- */

typedef enum TlsIo
{
	TLS_IO_OK,
	TLS_IO_WANT_READ,			/* wait until the socket is readable, then retry */
	TLS_IO_WANT_WRITE,			/* wait until it is writable, then retry */
	TLS_IO_EOF,					/* the peer closed */
	TLS_IO_ERROR				/* errbuf says why */
} TlsIo;

/* A session on fd (non-blocking), not yet handshaken. */
TlsSession *tls_session_new(TlsContext *ctx, int fd, char *errbuf, size_t errlen) PGW_MUSTCHECK;

/* One step of the server handshake; retry after waiting as told. */
TlsIo		tls_session_accept(TlsSession *ssl, char *errbuf, size_t errlen) PGW_MUSTCHECK;

/* Read up to len bytes (*got of them on TLS_IO_OK). */
TlsIo		tls_session_read(TlsSession *ssl, void *buf, size_t len, size_t *got,
							 char *errbuf, size_t errlen) PGW_MUSTCHECK;

/* Write up to len bytes (*put of them on TLS_IO_OK). Retries must not shrink len. */
TlsIo		tls_session_write(TlsSession *ssl, const void *buf, size_t len, size_t *put,
							  char *errbuf, size_t errlen) PGW_MUSTCHECK;

/* Send close_notify if possible (never waits) and free the session. */
void		tls_session_close(TlsSession *ssl);

/* Did the client negotiate ALPN (necessarily "postgresql")? */
bool		tls_session_alpn_used(TlsSession *ssl);

/* "TLSv1.3" etc. */
const char *tls_session_version(TlsSession *ssl);

/*
 * The tls-server-end-point channel-binding data (RFC 5929): the hash of
 * the server certificate, with its signature's digest, SHA-256 for MD5 and
 * SHA-1. *len is at most 64.
 */
bool		tls_session_cert_hash(TlsSession *ssl, uint8_t *out, size_t *len,
								  char *errbuf, size_t errlen) PGW_MUSTCHECK;

/*
 * The common name of the client's certificate, if it sent one (it was
 * verified against ssl_ca_file during the handshake). False if there is
 * none, or the name is empty, too long or holds a zero byte.
 */
bool		tls_session_peer_cn(TlsSession *ssl, char *out, size_t outlen) PGW_MUSTCHECK;

#endif							/* PGW_TLS_H */
