/*
 * auth.h
 *		Client authentication.
 *
 * be_authenticate() picks the method for the connection (trust for now; the
 * host-based rules and SCRAM arrive with the TLS and authentication issue)
 * and runs its exchange, ending with AuthenticationOk queued.
 */
#ifndef PGW_AUTH_H
#define PGW_AUTH_H

#include "backend/backend.h"

typedef enum AuthMethod
{
	AUTH_TRUST
} AuthMethod;

/* Method for this connection, from the connection type, user and database. */
AuthMethod	auth_choose_method(const Session *s);

/*
 * Authenticate the session's user. On failure fills err (28000 / 28P01)
 * and the caller ends the connection with FATAL.
 */
bool		be_authenticate(Session *s, PgError *err) PGW_MUSTCHECK;

#endif							/* PGW_AUTH_H */
