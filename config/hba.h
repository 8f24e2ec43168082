/*
 * hba.h
 *		Host-based authentication rules (pg_hba.yaml): which connections
 *		may log in, and how.
 *
 * The file is a YAML sequence of rules, tried in order; the first whose
 * connection type, database, user and address match decides the method,
 * as PostgreSQL's pg_hba.conf:
 *
 *   - {type: local, database: all, user: all, method: trust}
 *   - {type: hostssl, database: all, user: all, address: 0.0.0.0/0, method: scram-sha-256}
 *
 * The postmaster loads the rules at start and on SIGHUP (a bad file keeps
 * the rules in use); backends inherit them by fork and only match.
 */
#ifndef PGW_HBA_H
#define PGW_HBA_H

#include "common/buf.h"

#include <sys/socket.h>

typedef enum HbaConnType
{
	HBA_LOCAL,					/* Unix-domain socket */
	HBA_HOST,					/* TCP, with or without SSL */
	HBA_HOSTSSL,
	HBA_HOSTNOSSL
} HbaConnType;

typedef enum HbaMethod
{
	HBA_TRUST,
	HBA_REJECT,
	HBA_SCRAM,					/* scram-sha-256 (md5 means the same, as in PostgreSQL with SCRAM secrets) */
	HBA_PASSWORD,				/* cleartext, checked by the database's login */
	HBA_CERT					/* client certificate whose CN is the user */
} HbaMethod;

typedef struct HbaRule
{
	int			line;			/* in the file, for log messages */
	HbaConnType type;
	char	   *databases;		/* names separated by NULs, ending with an empty one; NULL = all */
	bool		same_user;		/* database "sameuser" */
	char	   *users;			/* as databases; NULL = all */
	bool		any_address;	/* address "all" (and every local rule) */
	struct sockaddr_storage addr;	/* network address, family AF_INET or AF_INET6 */
	int			prefix;			/* CIDR mask length */
	HbaMethod	method;
} HbaRule;

typedef struct HbaRules
{
	HbaRule    *rules;
	int			count;
} HbaRules;

typedef enum HbaLoadResult
{
	HBA_LOADED,
	HBA_MISSING,				/* the file does not exist */
	HBA_INVALID					/* problems are in errors */
} HbaLoadResult;

/*
 * Read the rules of path into out (empty on failure). Every problem is
 * one line "path:line: message" in errors.
 */
HbaLoadResult hba_load(HbaRules *out, const char *path, Buf *errors) PGW_MUSTCHECK;
void		hba_free(HbaRules *rules);

/* What is known about a connection when it is matched. */
typedef struct HbaClient
{
	bool		is_unix;
	bool		ssl;
	const struct sockaddr *addr;	/* the client's (TCP only) */
	const char *user;
	const char *database;
} HbaClient;

/* The first rule that matches, or NULL: no entry for this connection. */
const HbaRule *hba_match(const HbaRules *rules, const HbaClient *client);

/* "trust", "scram-sha-256", ... */
const char *hba_method_name(HbaMethod method);

#endif							/* PGW_HBA_H */
