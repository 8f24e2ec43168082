/*
 * tls.c
 *		One connection's TLS session: handshake, reads and writes,
 *		and what authentication needs to know about it.
 *
 * Owns: the SSL object of a backend and the translation of OpenSSL's
 * results into "wait for readable/writable, then retry", "closed" or an
 * error with a message. Never waits itself: conn.c owns the socket's
 * waiting (and with it the wake-up and postmaster-death pipes).
 */
#include "backend/tls.h"

#include <errno.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

/* The outcome of an SSL call that returned rc <= 0. */
static TlsIo
classify(SSL *ssl, int rc, const char *what, char *errbuf, size_t errlen)
{
	int			err = SSL_get_error(ssl, rc);
	unsigned long ecode = ERR_get_error();
	const char *reason;

	ERR_clear_error();
	switch (err)
	{
		case SSL_ERROR_WANT_READ:
			return TLS_IO_WANT_READ;
		case SSL_ERROR_WANT_WRITE:
			return TLS_IO_WANT_WRITE;
		case SSL_ERROR_ZERO_RETURN:
			return TLS_IO_EOF;
		case SSL_ERROR_SYSCALL:
			if (ecode == 0 && (rc == 0 || errno == 0 || errno == ECONNRESET || errno == EPIPE))
				return TLS_IO_EOF;
			snprintf(errbuf, errlen, "%s: %s", what, strerror(errno));
			return TLS_IO_ERROR;
		case SSL_ERROR_SSL:
			if (ERR_GET_REASON(ecode) == SSL_R_UNEXPECTED_EOF_WHILE_READING)
				return TLS_IO_EOF;	/* a client that closed without close_notify */
			reason = ERR_reason_error_string(ecode);
			if (reason)
				snprintf(errbuf, errlen, "%s: %s", what, reason);
			else
				snprintf(errbuf, errlen, "%s: SSL error code %lu", what, ecode);
			return TLS_IO_ERROR;
		default:
			snprintf(errbuf, errlen, "%s: unrecognized SSL error code: %d", what, err);
			return TLS_IO_ERROR;
	}
}

TlsSession *
tls_session_new(TlsContext *ctx, int fd, char *errbuf, size_t errlen)
{
	SSL		   *ssl;

	ERR_clear_error();
	if ((ssl = SSL_new(ctx)) == NULL || SSL_set_fd(ssl, fd) != 1)
	{
		const char *reason = ERR_reason_error_string(ERR_get_error());

		snprintf(errbuf, errlen, "could not initialize SSL connection: %s", reason ? reason : "unknown error");
		SSL_free(ssl);
		ERR_clear_error();
		return NULL;
	}
	return ssl;
}

TlsIo
tls_session_accept(TlsSession *ssl, char *errbuf, size_t errlen)
{
	int			rc;

	ERR_clear_error();
	errno = 0;
	rc = SSL_accept(ssl);
	if (rc == 1)
		return TLS_IO_OK;
	return classify(ssl, rc, "could not accept SSL connection", errbuf, errlen);
}

TlsIo
tls_session_read(TlsSession *ssl, void *buf, size_t len, size_t *got, char *errbuf, size_t errlen)
{
	size_t		n = 0;
	int			rc;

	ERR_clear_error();
	errno = 0;
	rc = SSL_read_ex(ssl, buf, len, &n);
	if (rc == 1)
	{
		*got = n;
		return TLS_IO_OK;
	}
	return classify(ssl, rc, "SSL error", errbuf, errlen);
}

TlsIo
tls_session_write(TlsSession *ssl, const void *buf, size_t len, size_t *put, char *errbuf, size_t errlen)
{
	size_t		n = 0;
	int			rc;

	ERR_clear_error();
	errno = 0;
	rc = SSL_write_ex(ssl, buf, len, &n);
	if (rc == 1)
	{
		*put = n;
		return TLS_IO_OK;
	}
	return classify(ssl, rc, "SSL error", errbuf, errlen);
}

void
tls_session_close(TlsSession *ssl)
{
	if (ssl == NULL)
		return;
	ERR_clear_error();
	if (SSL_is_init_finished(ssl))
		(void) SSL_shutdown(ssl);
	SSL_free(ssl);
	ERR_clear_error();
}

bool
tls_session_alpn_used(TlsSession *ssl)
{
	const unsigned char *proto = NULL;
	unsigned int len = 0;

	SSL_get0_alpn_selected(ssl, &proto, &len);
	return proto != NULL && len > 0;
}

const char *
tls_session_version(TlsSession *ssl)
{
	return SSL_get_version(ssl);
}

bool
tls_session_cert_hash(TlsSession *ssl, uint8_t *out, size_t *len, char *errbuf, size_t errlen)
{
	X509	   *cert = SSL_get_certificate(ssl);
	int			digest_nid;
	const EVP_MD *md;
	unsigned int n = 0;

	if (cert == NULL)
	{
		snprintf(errbuf, errlen, "could not get server certificate");
		return false;
	}
	if (!OBJ_find_sigid_algs(X509_get_signature_nid(cert), &digest_nid, NULL) ||
		digest_nid == NID_undef)
	{
		snprintf(errbuf, errlen, "could not determine server certificate signature algorithm");
		return false;
	}
	/* RFC 5929 4.1: MD5 and SHA-1 are replaced by SHA-256 */
	if (digest_nid == NID_md5 || digest_nid == NID_sha1)
		md = EVP_sha256();
	else if ((md = EVP_get_digestbynid(digest_nid)) == NULL)
	{
		snprintf(errbuf, errlen, "could not find digest for NID %s", OBJ_nid2sn(digest_nid));
		return false;
	}
	if (EVP_MD_get_size(md) > 64 || X509_digest(cert, md, out, &n) != 1)
	{
		snprintf(errbuf, errlen, "could not generate server certificate hash");
		return false;
	}
	*len = n;
	return true;
}

bool
tls_session_peer_cn(TlsSession *ssl, char *out, size_t outlen)
{
	X509	   *peer = SSL_get1_peer_certificate(ssl);
	X509_NAME  *subject;
	int			idx;
	const ASN1_STRING *cn;
	int			len;
	bool		ok = false;

	if (peer == NULL)
		return false;
	if (SSL_get_verify_result(ssl) == X509_V_OK &&
		(subject = X509_get_subject_name(peer)) != NULL &&
		(idx = X509_NAME_get_index_by_NID(subject, NID_commonName, -1)) >= 0 &&
		(cn = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, idx))) != NULL)
	{
		len = ASN1_STRING_length(cn);
		if (len > 0 && (size_t) len < outlen &&
			memchr(ASN1_STRING_get0_data(cn), '\0', (size_t) len) == NULL)
		{
			memcpy(out, ASN1_STRING_get0_data(cn), (size_t) len);
			out[len] = '\0';
			ok = true;
		}
	}
	X509_free(peer);
	return ok;
}
