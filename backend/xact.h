/*
 * xact.h
 *		Transaction blocks over ODBC: BEGIN/COMMIT/ROLLBACK, savepoints,
 *		implicit blocks of multi-statement queries, and the I/T/E status.
 */
#ifndef PGW_XACT_H
#define PGW_XACT_H

#include "backend/backend.h"

/* ReadyForQuery status byte: 'I', 'T' or 'E'. */
char		xact_status(const Session *s);

/*
 * In a failed block only ROLLBACK, COMMIT (which rolls back) and
 * ROLLBACK TO are allowed; anything else gets 25P02.
 */
bool		xact_check_allowed(Session *s, StmtKind kind, PgError *err) PGW_MUSTCHECK;

/* A Query with several statements runs them in one implicit transaction. */
bool		xact_begin_implicit(Session *s, PgError *err) PGW_MUSTCHECK;
/* End of that Query: commit the implicit transaction if one is still open. */
bool		xact_end_implicit(Session *s, PgError *err) PGW_MUSTCHECK;

/* BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK TO, SET TRANSACTION. */
bool		xact_exec(Session *s, const char *tag, const SessionCmd *cmd,
					  PgError *err) PGW_MUSTCHECK;

/* A statement failed: a block becomes failed, an implicit one is rolled back. */
void		xact_on_error(Session *s);

/* Roll back whatever is open (session end). */
void		xact_abort_all(Session *s);

#endif							/* PGW_XACT_H */
