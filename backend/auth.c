/*
 * auth.c
 *		Client authentication: choosing a method and running it.
 *
 * Owns: the AuthenticationRequest exchange. Every method ends by queueing
 * AuthenticationOk; a failure is a FATAL sent by the caller, never a bare
 * close (psql would otherwise report a confusing EOF).
 */
#include "backend/auth.h"

#include "common/proto.h"
#include "common/protocol.h"

AuthMethod
auth_choose_method(const Session *s)
{
	(void) s;
	return AUTH_TRUST;
}

bool
be_authenticate(Session *s, PgError *err)
{
	switch (auth_choose_method(s))
	{
		case AUTH_TRUST:
			proto_write_auth(&s->conn.out, AUTH_REQ_OK, NULL, 0);
			return true;
	}
	pgerr_set(err, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
			  "no authentication method for user \"%s\"", s->user);
	return false;
}
