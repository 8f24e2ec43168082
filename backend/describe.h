/*
 * describe.h
 *		A prepared statement's result columns (describe.c).
 */
#ifndef PGW_DESCRIBE_H
#define PGW_DESCRIBE_H

#include "backend/backend.h"

/*
 * Keep rs's columns as the statement's description, unless it has one:
 * later executions and Describes use this copy.
 */
bool		be_remember_description(PreparedStatement *ps, const ResultSet *rs,
									PgError *err) PGW_MUSTCHECK;

/* Read the result columns of a statement that has not run, from its prepared handle(s). */
bool		be_describe_prepared(Session *s, PreparedStatement *ps, PgError *err) PGW_MUSTCHECK;

/* Queue RowDescription or NoData for ps, with portal's result formats (portal may be NULL). */
bool		be_describe_result(Session *s, PreparedStatement *ps, Portal *portal,
							   PgError *err) PGW_MUSTCHECK;

/*
 * Before a portal runs ps: if DDL ran since ps was prepared, prepare it
 * again; 0A000 when its result columns are no longer what it described.
 */
bool		be_reprepare_if_stale(Session *s, PreparedStatement *ps, PgError *err) PGW_MUSTCHECK;

#endif							/* PGW_DESCRIBE_H */
