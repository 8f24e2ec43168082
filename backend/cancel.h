/*
 * cancel.h
 *		Stopping the running statement: on a CancelRequest (SIGINT, sent by
 *		the backend that received the request) or when statement_timeout
 *		passes.
 */
#ifndef PGW_CANCEL_H
#define PGW_CANCEL_H

#include "backend/odbc.h"
#include "common/pgerror.h"

typedef enum CancelReason
{
	CANCEL_NONE,
	CANCEL_USER,				/* a CancelRequest */
	CANCEL_TIMEOUT				/* statement_timeout */
} CancelReason;

/* Start the cancel thread and take SIGINT (once a session is established). */
bool		be_cancel_start(void) PGW_MUSTCHECK;

/*
 * A statement's ODBC calls on hstmt are about to run, for at most
 * timeout_ms (0: no limit). Every begin has its end.
 */
void		be_cancel_begin(SQLHSTMT hstmt, int timeout_ms);

/*
 * The statement goes on with hstmt (the next step of a plan): the same
 * deadline, and a cancel requested meanwhile stops it.
 */
void		be_cancel_switch(SQLHSTMT hstmt);

/* Has the running statement been cancelled (and must stop at its next step)? */
bool		be_cancel_pending(void);

/* They are over: why the statement was cancelled, if it was. */
CancelReason be_cancel_end(void);

/*
 * Between the ODBC calls of a long statement (COPY): has it been cancelled
 * so far? (CANCEL_NONE while it may go on.)
 */
CancelReason be_cancel_requested(void);

/*
 * Cancel the running statement, from a signal handler (async-signal-safe):
 * SIGTERM's fast shutdown does not wait for a long query to finish.
 */
void		be_cancel_from_signal(void);

/* Replace err with PostgreSQL's 57014 for reason (no-op for CANCEL_NONE). */
void		be_cancel_explain(CancelReason reason, PgError *err);

#endif							/* PGW_CANCEL_H */
