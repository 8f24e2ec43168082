/*
 * tls_context.c
 *		Building the server's TLS context from the ssl_* settings.
 *
 * Owns: loading the certificate chain, the private key (refused if others
 * can read it, as PostgreSQL does, or if it needs a passphrase) and the CA
 * for client certificates; protocol range, ciphers, groups; ALPN. Runs in
 * the postmaster only, and only builds a fresh context: the caller swaps
 * it in when it is complete, so a failed reload leaves the old one
 * serving. Session resumption is off: each backend is a new process.
 */
#include "backend/tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ALPN protocol list: length-prefixed, as on the wire */
static const unsigned char alpn_postgresql[] = {10, 'p', 'o', 's', 't', 'g', 'r', 'e', 's', 'q', 'l'};

static const int tls_versions[] = {
	[TLS_VERSION_ANY] = 0, [TLS_VERSION_1_0] = TLS1_VERSION, [TLS_VERSION_1_1] = TLS1_1_VERSION,
	[TLS_VERSION_1_2] = TLS1_2_VERSION, [TLS_VERSION_1_3] = TLS1_3_VERSION,
};

static const char *const tls_version_names[] = {
	[TLS_VERSION_ANY] = "", [TLS_VERSION_1_0] = "TLSv1", [TLS_VERSION_1_1] = "TLSv1.1",
	[TLS_VERSION_1_2] = "TLSv1.2", [TLS_VERSION_1_3] = "TLSv1.3",
};

/* PostgreSQL's SSLerrmessage(): the reason of the first queued error. */
static const char *
openssl_error(char *buf, size_t len)
{
	unsigned long e = ERR_get_error();
	const char *reason;

	ERR_clear_error();
	if (e == 0)
		return "no SSL error reported";
	reason = ERR_reason_error_string(e);
	if (reason != NULL)
		return reason;
	snprintf(buf, len, "SSL error code %lu", e);
	return buf;
}

static bool
fail(char *errbuf, size_t errlen, const char *fmt,...) PGW_PRINTF(3, 4);

static bool
fail(char *errbuf, size_t errlen, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
	return false;
}

/* A key file's permissions, as PostgreSQL's check_ssl_key_file_permissions(). */
static bool
check_key_permissions(const char *path, const char *name, char *errbuf, size_t errlen)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return true;			/* loading it reports why */
	if (!S_ISREG(st.st_mode))
		return fail(errbuf, errlen, "private key file \"%s\" is not a regular file", name);
	if (st.st_uid != geteuid() && st.st_uid != 0)
		return fail(errbuf, errlen, "private key file \"%s\" must be owned by the database user or root", name);
	if ((st.st_uid == geteuid() && (st.st_mode & (S_IRWXG | S_IRWXO))) ||
		(st.st_uid == 0 && (st.st_mode & (S_IWGRP | S_IXGRP | S_IRWXO))))
		return fail(errbuf, errlen, "private key file \"%s\" has group or world access "
					"(permissions must be u=rw (0600) or less, or u=rw,g=r (0640) or less if owned by root)",
					name);
	return true;
}

/* A certificate whose notAfter is past is refused rather than served. */
static bool
check_not_expired(SSL_CTX *ctx, const char *name, char *errbuf, size_t errlen)
{
	X509	   *cert = SSL_CTX_get0_certificate(ctx);
	const ASN1_TIME *not_after;
	char		when[64] = "?";
	BIO		   *bio;

	if (cert == NULL || (not_after = X509_get0_notAfter(cert)) == NULL ||
		X509_cmp_current_time(not_after) > 0)
		return true;
	if ((bio = BIO_new(BIO_s_mem())) != NULL)
	{
		int			n;

		if (ASN1_TIME_print(bio, not_after) == 1 && (n = BIO_read(bio, when, sizeof(when) - 1)) > 0)
			when[n] = '\0';
		BIO_free(bio);
	}
	return fail(errbuf, errlen, "server certificate file \"%s\" expired on %s", name, when);
}

/* Passphrase-protected keys are not supported: never prompt on a terminal. */
static int
no_passphrase(char *buf, int size, int rwflag, void *userdata)
{
	(void) rwflag;
	(void) userdata;
	if (size > 0)
		buf[0] = '\0';
	return 0;
}

/* Accept ALPN "postgresql" and nothing else (RFC 7301: no_application_protocol). */
static int
select_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen,
			const unsigned char *in, unsigned int inlen, void *arg)
{
	unsigned char *selected;

	(void) ssl;
	(void) arg;
	if (SSL_select_next_proto(&selected, outlen, alpn_postgresql, sizeof(alpn_postgresql),
							  in, inlen) != OPENSSL_NPN_NEGOTIATED)
		return SSL_TLSEXT_ERR_ALERT_FATAL;
	*out = selected;
	return SSL_TLSEXT_ERR_OK;
}

static bool
load_certificate_and_key(SSL_CTX *ctx, const Config *cfg, char *errbuf, size_t errlen)
{
	char		cert[4096];
	char		key[4096];
	char		e[64];

	if (!config_data_path(cfg, cfg->ssl_cert_file, cert, sizeof(cert)) ||
		!config_data_path(cfg, cfg->ssl_key_file, key, sizeof(key)))
		return fail(errbuf, errlen, "SSL file path too long");
	if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1)
		return fail(errbuf, errlen, "could not load server certificate file \"%s\": %s",
					cfg->ssl_cert_file, openssl_error(e, sizeof(e)));
	if (!check_not_expired(ctx, cfg->ssl_cert_file, errbuf, errlen) ||
		!check_key_permissions(key, cfg->ssl_key_file, errbuf, errlen))
		return false;
	if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
		return fail(errbuf, errlen, "could not load private key file \"%s\": %s",
					cfg->ssl_key_file, openssl_error(e, sizeof(e)));
	if (SSL_CTX_check_private_key(ctx) != 1)
		return fail(errbuf, errlen, "check of private key failed: %s", openssl_error(e, sizeof(e)));
	return true;
}

static bool
set_protocols(SSL_CTX *ctx, const Config *cfg, char *errbuf, size_t errlen)
{
	int			min = cfg->ssl_min_protocol_version;
	int			max = cfg->ssl_max_protocol_version;
	char		e[64];

	if (min != TLS_VERSION_ANY && max != TLS_VERSION_ANY && min > max)
		return fail(errbuf, errlen, "could not set SSL protocol version range: "
					"\"%s\" cannot be higher than \"%s\"",
					"ssl_min_protocol_version", "ssl_max_protocol_version");
	if (SSL_CTX_set_min_proto_version(ctx, tls_versions[min]) != 1)
		return fail(errbuf, errlen, "could not set minimum SSL protocol version \"%s\"",
					tls_version_names[min]);
	if (SSL_CTX_set_max_proto_version(ctx, tls_versions[max]) != 1)
		return fail(errbuf, errlen, "could not set maximum SSL protocol version \"%s\"",
					tls_version_names[max]);
	if (cfg->ssl_groups[0] != '\0' && SSL_CTX_set1_groups_list(ctx, cfg->ssl_groups) != 1)
		return fail(errbuf, errlen, "could not set group names specified in ssl_groups: %s",
					openssl_error(e, sizeof(e)));
	if (SSL_CTX_set_cipher_list(ctx, cfg->ssl_ciphers) != 1)
		return fail(errbuf, errlen, "could not set the cipher list (no valid ciphers available)");
	return true;
}

/* With ssl_ca_file, clients are asked for a certificate (optional, verified). */
static bool
load_client_ca(SSL_CTX *ctx, const Config *cfg, char *errbuf, size_t errlen)
{
	char		ca[4096];
	char		e[64];
	STACK_OF(X509_NAME) *names;

	if (cfg->ssl_ca_file[0] == '\0')
		return true;
	if (!config_data_path(cfg, cfg->ssl_ca_file, ca, sizeof(ca)))
		return fail(errbuf, errlen, "SSL file path too long");
	if (SSL_CTX_load_verify_locations(ctx, ca, NULL) != 1 ||
		(names = SSL_load_client_CA_file(ca)) == NULL)
		return fail(errbuf, errlen, "could not load root certificate file \"%s\": %s",
					cfg->ssl_ca_file, openssl_error(e, sizeof(e)));
	SSL_CTX_set_client_CA_list(ctx, names);
	/* a certificate that fails verification fails the handshake; none at all is fine */
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE, NULL);
	return true;
}

TlsContext *
tls_context_build(const Config *cfg, char *errbuf, size_t errlen)
{
	SSL_CTX    *ctx;
	char		e[64];

	ERR_clear_error();
	if ((ctx = SSL_CTX_new(TLS_server_method())) == NULL)
	{
		fail(errbuf, errlen, "could not create SSL context: %s", openssl_error(e, sizeof(e)));
		return NULL;
	}
	SSL_CTX_set_default_passwd_cb(ctx, no_passphrase);
	SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
						SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_TICKET);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	SSL_CTX_set_dh_auto(ctx, 1);
	SSL_CTX_set_alpn_select_cb(ctx, select_alpn, NULL);
	if (!load_certificate_and_key(ctx, cfg, errbuf, errlen) ||
		!set_protocols(ctx, cfg, errbuf, errlen) ||
		!load_client_ca(ctx, cfg, errbuf, errlen))
	{
		SSL_CTX_free(ctx);
		ERR_clear_error();
		return NULL;
	}
	return ctx;
}

void
tls_context_free(TlsContext *ctx)
{
	SSL_CTX_free(ctx);
}
