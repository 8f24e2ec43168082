/*
 * postmaster.h
 *		The supervisor: listens, hands each connection to a backend,
 *		reaps children, reloads on SIGHUP, shuts down on request.
 */
#ifndef PGW_POSTMASTER_H
#define PGW_POSTMASTER_H

#include "backend/backend.h"
#include "backend/tls.h"
#include "catalog/catalog.h"
#include "common/shmem.h"
#include "config/config.h"
#include "postmaster/children.h"
#include "postmaster/listen.h"

#include <limits.h>

typedef enum ShutdownMode
{
	SHUTDOWN_NONE,
	SHUTDOWN_SMART,				/* SIGTERM: no new sessions, wait for clients */
	SHUTDOWN_FAST,				/* SIGINT: terminate sessions, roll back */
	SHUTDOWN_IMMEDIATE			/* SIGQUIT: kill everything now */
} ShutdownMode;

typedef struct Postmaster
{
	char		data_dir[PATH_MAX];
	char	  **overrides;		/* -c name=value, kept for reloads */
	int			noverrides;
	Config		config;
	ListenSet	listen;
	ChildTable	children;
	Shmem		shmem;			/* one slot per child, same index as children */
	CatTemplate catalog;		/* what each session's catalog starts from */
	int			wake_pipe[2];	/* signal handlers write here */
	int			alive_pipe[2];	/* children see EOF on [0] when we die */
	ShutdownMode shutdown;
	time_t		immediate_since;
	/* security.c's: inherited by every backend */
	TlsContext *tls_context;	/* NULL when ssl is off */
	HbaRules	hba;
	bool		hba_loaded;		/* false: no hba file, every connection trusted */
	uint8_t		mock_auth_nonce[AUTH_MOCK_NONCE_LEN];
} Postmaster;

/* Run the server until shutdown; returns the process exit code. */
int			postmaster_run(Postmaster *pm);

#endif							/* PGW_POSTMASTER_H */
