/*
 * security.c
 *		The postmaster's share of TLS and authentication: it builds the
 *		TLS context and reads pg_hba.yaml, at start and on every reload.
 *
 * Owns: Postmaster.tls_context, .hba and .mock_auth_nonce. Backends
 * inherit them by fork and never change them. A reload builds the new
 * context or rules completely before swapping it in, so a bad certificate
 * or a broken hba file is logged and the server keeps serving with what
 * it had, as PostgreSQL does. A data directory without an hba file (made
 * before pgwire had one) trusts every connection, loudly.
 */
#include "postmaster/security.h"

#include "common/log.h"

#include <errno.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <string.h>

/* Is hba_file the default (a missing default file means "trust all", an explicit one is an error)? */
static bool
hba_file_is_default(const Config *cfg)
{
	return strcmp(cfg->hba_file, config_lookup("hba_file")->boot_value) == 0;
}

static void
log_lines(const Buf *errors)
{
	const char *line = errors->data;

	while (line && *line)
	{
		size_t		n = strcspn(line, "\n");

		log_write(LL_LOG, "%.*s", (int) n, line);
		line += n + (line[n] == '\n');
	}
}

/* Load the hba file into fresh; false if the old rules must stay. */
static HbaLoadResult
load_hba(const Postmaster *pm, HbaRules *fresh, Buf *errors)
{
	char		path[4096];

	if (!config_data_path(&pm->config, pm->config.hba_file, path, sizeof(path)))
	{
		buf_appendf(errors, "hba file path too long\n");
		return HBA_INVALID;
	}
	return hba_load(fresh, path, errors);
}

static void
warn_trust_all(const Postmaster *pm)
{
	log_warning("hba file \"%s\" does not exist: every connection is trusted", pm->config.hba_file);
	log_write(LL_LOG, "HINT:  Create it to control who may connect (pgwire-ctl init writes one; see docs/security.md).");
}

bool
pm_security_init(Postmaster *pm, char *err, size_t errlen)
{
	Buf			errors;
	HbaLoadResult r;

	if (RAND_bytes(pm->mock_auth_nonce, sizeof(pm->mock_auth_nonce)) != 1)
	{
		snprintf(err, errlen, "could not generate random nonce");
		return false;
	}
	if (pm->config.ssl && (pm->tls_context = tls_context_build(&pm->config, err, errlen)) == NULL)
		return false;

	buf_init(&errors);
	r = load_hba(pm, &pm->hba, &errors);
	if (r == HBA_LOADED)
		pm->hba_loaded = true;
	else if (r == HBA_MISSING && hba_file_is_default(&pm->config))
		warn_trust_all(pm);
	else
	{
		log_lines(&errors);		/* the details, then the FATAL line */
		snprintf(err, errlen, "could not load hba file \"%s\"", pm->config.hba_file);
		buf_free(&errors);
		tls_context_free(pm->tls_context);
		pm->tls_context = NULL;
		return false;
	}
	buf_free(&errors);
	return true;
}

static void
reload_tls(Postmaster *pm)
{
	char		err[1024];
	TlsContext *fresh;

	if (!pm->config.ssl)
	{
		tls_context_free(pm->tls_context);
		pm->tls_context = NULL;
		return;
	}
	if ((fresh = tls_context_build(&pm->config, err, sizeof(err))) == NULL)
	{
		log_write(LL_LOG, "%s", err);
		log_write(LL_LOG, "SSL configuration was not reloaded");
		return;
	}
	tls_context_free(pm->tls_context);
	pm->tls_context = fresh;
}

static void
reload_hba(Postmaster *pm)
{
	HbaRules	fresh;
	Buf			errors;
	HbaLoadResult r;

	buf_init(&errors);
	r = load_hba(pm, &fresh, &errors);
	if (r == HBA_LOADED)
	{
		hba_free(&pm->hba);
		pm->hba = fresh;
		pm->hba_loaded = true;
	}
	else if (r == HBA_MISSING && !pm->hba_loaded && hba_file_is_default(&pm->config))
		warn_trust_all(pm);
	else
	{
		log_lines(&errors);
		log_write(LL_LOG, "hba file \"%s\" was not reloaded", pm->config.hba_file);
	}
	buf_free(&errors);
}

void
pm_security_reload(Postmaster *pm)
{
	reload_tls(pm);
	reload_hba(pm);
}

void
pm_security_free(Postmaster *pm)
{
	tls_context_free(pm->tls_context);
	pm->tls_context = NULL;
	hba_free(&pm->hba);
	pm->hba_loaded = false;
}
