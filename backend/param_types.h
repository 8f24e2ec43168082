/*
 * param_types.h
 *		The types of a prepared statement's parameters (param_types.c):
 *		decided at Parse, completed for a Describe.
 */
#ifndef PGW_PARAM_TYPES_H
#define PGW_PARAM_TYPES_H

#include "backend/backend.h"
#include "common/proto.h"

/* Keep the Parse message's declared parameter types with the statement. */
bool		be_param_types_remember(PreparedStatement *ps, const ParseMsg *m, PgError *err) PGW_MUSTCHECK;

/*
 * pg_cancel_backend($1) and its kin: the one parameter is the pid, an
 * integer.
 */
bool		be_param_types_signal(PreparedStatement *ps, const Statement *stmt, PgError *err) PGW_MUSTCHECK;

/*
 * The parameters' types as Parse gave them, else as the translated text
 * casts or uses them; 0 for undecided. Also the vector(n) dimensions Bind
 * checks.
 */
bool		be_param_types_set(PreparedStatement *ps, const ParseMsg *m, PgError *err) PGW_MUSTCHECK;

/*
 * SQLite: a parameter stored in or compared with a column of stmt takes
 * the column's declared type (and a vector(n) column's dimensions).
 */
bool		be_param_types_from_columns(Session *s, PreparedStatement *ps, const Statement *stmt,
										PgError *err) PGW_MUSTCHECK;

/* Decide the still undecided types, for a ParameterDescription. */
void		be_param_types_resolve(PreparedStatement *ps);

#endif							/* PGW_PARAM_TYPES_H */
