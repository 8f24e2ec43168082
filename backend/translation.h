/*
 * translation.h
 *		What the database runs for an extended-protocol statement: its
 *		translation at Parse and, with vector_parameters = inline, each
 *		portal's at Bind, its vector parameters' values written in.
 */
#ifndef PGW_TRANSLATION_H
#define PGW_TRANSLATION_H

#include "backend/backend.h"
#include "backend/exec.h"
#include "common/pgvalue.h"

/*
 * Translate ps's statement for the session's dialect into tr (expanded
 * forms and plans included; nothing prepared yet). in: what the client
 * told of the parameters (may be NULL).
 */
bool		be_translate_statement(Session *s, const PreparedStatement *ps, const ParamInput *in,
								   Translation *tr, PgError *err) PGW_MUSTCHECK;

/* Where tr's $n markers are: its own map, or its plan's (every step's). */
const ParamMap *be_translation_params(const Translation *tr);

/*
 * Does the statement, as translated at Parse, need a translation per
 * portal (vector_parameters = inline, and it has vector parameters)?
 */
bool		be_inlines_vectors(const Session *s, const Translation *tr);

/*
 * vector_parameters = inline: keep the value of parameter i (0-based) of
 * a portal bound from a statement that inlines vectors, if the statement
 * uses it as a vector: pgvector's text of the decoded value, as pgwire's
 * formatter prints it (a text value is read as a vector first). Anything
 * but a vector, its text or NULL is refused (42804).
 */
bool		be_keep_vector_literal(Portal *portal, int i, const PgValue *v,
								   PgError *err) PGW_MUSTCHECK;

/*
 * After every parameter is decoded: the portal's own translation, with
 * the kept values in its text (portal->inlined); a plan's steps are
 * prepared now, a single statement at Execute.
 */
bool		be_translate_portal(Session *s, Portal *portal, PgError *err) PGW_MUSTCHECK;

/*
 * An error about the value of $n: unless it has a position, point at $n's
 * first use in the client's text.
 */
void		be_param_error_position(const PreparedStatement *ps, int n, PgError *err);

#endif							/* PGW_TRANSLATION_H */
