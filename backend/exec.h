/*
 * exec.h
 *		Running one statement, shared by the simple and extended protocols:
 *		statements pgwire answers itself, command tags, streaming rows, and
 *		what happens after a statement fails.
 */
#ifndef PGW_EXEC_H
#define PGW_EXEC_H

#include "backend/backend.h"
#include "backend/odbc_result.h"

/*
 * Run a statement pgwire answers itself and write its CommandComplete (and
 * rows). portal: the extended protocol's, whose bound parameters the
 * statement may use (NULL for a simple Query). with_description: also
 * write its RowDescription first, as the simple protocol does (the
 * extended protocol sends it at Describe).
 */
bool		be_run_local(Session *s, const char *query, const StatementList *list,
						 const Statement *stmt, const Portal *portal, bool with_description,
						 PgError *err) PGW_MUSTCHECK;

/* RowDescription or NoData for a local statement (extended-protocol Describe). */
bool		be_describe_local(Session *s, const char *query, const StatementList *list,
							  const Statement *stmt, PgError *err) PGW_MUSTCHECK;

/* Flush rows to the client whenever this much output is queued. */
#define BE_STREAM_FLUSH_BYTES	(64 * 1024)

struct ExecPlan;

/*
 * What a statement's translation is told of its parameters (extended
 * protocol): the types Parse declared (0: unspecified) and, with
 * vector_parameters = inline, the values of its vectors to write into the
 * text (RewriteContext.vector_literals). NULL: nothing to tell (a simple
 * Query, pgwire's own SQL).
 */
typedef struct ParamInput
{
	const uint32_t *declared;
	int			ndeclared;
	const char *const *vector_literals;
	int			nvector_literals;
} ParamInput;

/*
 * The translator's context for the session: dialect and IRIS release,
 * session values (filled into values, which must outlive ctx), params
 * (NULL for a simple Query) and what the client told of them (in, may be
 * NULL).
 */
void		be_rewrite_context(Session *s, SessionValues *values, ParamMap *params,
							   const ParamInput *in, RewriteContext *ctx);

/*
 * Translate a database statement for the session's dialect: the one
 * place both protocols do it. Into sql, or, for a statement the database
 * runs as several (INSERT ... RETURNING on IRIS and SQLite), into *plan
 * (plan.h; NULL otherwise), to be freed by the caller. params (NULL for a
 * simple Query) receives the $n markers; in (may be NULL) is what the
 * client told of them. Statements no translation carries are refused here.
 */
bool		be_translate(Session *s, const char *query, const StatementList *list,
						 const Statement *stmt, ParamMap *params, const ParamInput *in,
						 Buf *sql, struct ExecPlan **plan, PgError *err) PGW_MUSTCHECK;

/*
 * Translate SQL pgwire wrote itself (the SELECT and INSERT of a COPY, the
 * parts of an expanded statement) through the same path as the client's
 * statements. params and in as for be_translate(). Errors carry no
 * position: it would point into pgwire's text, not the client's.
 */
bool		be_translate_text(Session *s, const char *text, size_t len, ParamMap *params,
							  const ParamInput *in, Buf *sql, PgError *err) PGW_MUSTCHECK;

/*
 * Run the statements a dialect needs instead of stmt (xl_expand()), in one
 * transaction when there are several, and write stmt's CommandComplete.
 */
bool		be_run_expanded(Session *s, const Statement *stmt, const XlParts *parts,
							PgError *err) PGW_MUSTCHECK;

/* CommandComplete with PostgreSQL's tag for stmt ("INSERT 0 3", "SELECT 2", "BEGIN"). */
void		be_write_tag(Session *s, const Statement *stmt, int64_t count);

/*
 * Send rows of rs as DataRows, flushing in batches: all of them (max_rows
 * 0) or up to max_rows, then *suspended = true (PostgreSQL suspends when the
 * limit is reached, without looking ahead). formats: one per column (NULL =
 * all text). Returns the number of rows sent, or -1 with err filled.
 */
int64_t		be_send_rows(Session *s, ResultSet *rs, const int16_t *formats, int64_t max_rows,
						 bool *suspended, PgError *err);

/*
 * A statement failed: report it and fail the transaction. If the database
 * connection is gone the session ends with FATAL 08006 instead.
 */
void		be_report_statement_error(Session *s, PgError *err);

#endif							/* PGW_EXEC_H */
