/*
 * signal_backend.h
 *		pg_cancel_backend(pid) and pg_terminate_backend(pid).
 */
#ifndef PGW_SIGNAL_BACKEND_H
#define PGW_SIGNAL_BACKEND_H

#include "backend/backend.h"

/*
 * Signal the backend and answer one boolean row (and its description if
 * asked). portal: where a $n pid is bound (NULL for a simple Query).
 */
bool		be_signal_backend(Session *s, const SessionCmd *cmd, const Portal *portal,
							  bool with_description, PgError *err) PGW_MUSTCHECK;

/* The RowDescription of that row (extended-protocol Describe). */
void		be_describe_signal_backend(Session *s, const SessionCmd *cmd);

#endif							/* PGW_SIGNAL_BACKEND_H */
