/*
 * bind_params.h
 *		What a Bind gives a portal (bind_params.c): its parameter values
 *		and its result columns' formats.
 */
#ifndef PGW_BIND_PARAMS_H
#define PGW_BIND_PARAMS_H

#include "backend/backend.h"
#include "common/proto.h"

/*
 * Decode the Bind's parameter values for ps into portal->bound (and, when
 * ps writes vectors into its text, the portal's own translation).
 */
bool		be_bind_params(Session *s, const BindMsg *b, PreparedStatement *ps, Portal *portal,
						   PgError *err) PGW_MUSTCHECK;

/* Check the Bind's result format codes and keep them with the portal. */
bool		be_bind_result_formats(const BindMsg *b, Portal *portal, PgError *err) PGW_MUSTCHECK;

/*
 * The format of each of ncols result columns: Bind gives none (all text),
 * one (for all) or one per column. NULL means all text, or an error when
 * err is set; else memory the caller frees.
 */
int16_t    *be_bind_column_formats(const Portal *portal, int ncols, PgError *err);

#endif							/* PGW_BIND_PARAMS_H */
