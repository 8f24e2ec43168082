/*
 * auth.h
 *		Client authentication.
 *
 * be_authenticate() finds the session's pg_hba.yaml rule (first match on
 * connection type, SSL, database, user, address) and runs its method:
 * trust, reject, scram-sha-256 (SASL, with channel binding over TLS),
 * password (cleartext, checked by logging in to the database as the user),
 * or cert (a verified client certificate whose CN is the user). It ends
 * with AuthenticationOk queued; for the password method the session's
 * ODBC connection is then already open.
 */
#ifndef PGW_AUTH_H
#define PGW_AUTH_H

#include "backend/backend.h"

/* Failed logins wait this long before the FATAL, so guessing is slow. */
#define AUTH_FAILURE_DELAY_MS	200

/* The longest authentication message accepted (PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH). */
#define AUTH_MAX_MESSAGE		65535

/*
 * Authenticate the session's user. On failure fills err (28000 / 28P01,
 * 08P01 for a malformed exchange) and the caller ends the connection with
 * FATAL.
 */
bool		be_authenticate(Session *s, PgError *err) PGW_MUSTCHECK;

#endif							/* PGW_AUTH_H */
