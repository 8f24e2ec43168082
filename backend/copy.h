/*
 * copy.h
 *		COPY ... FROM STDIN and COPY ... TO STDOUT over the COPY
 *		sub-protocol, for both query protocols.
 *
 * be_run_copy() is the entry (exec.c calls it for STMT_COPY); the
 * functions below it are shared by copy_from.c and copy_to.c.
 */
#ifndef PGW_COPY_H
#define PGW_COPY_H

#include "backend/backend.h"
#include "backend/odbc_result.h"
#include "translate/copy_cmd.h"

/*
 * Run a COPY statement: parse it, refuse what pgwire cannot do (server
 * files and programs, binary format, encodings other than UTF8), then
 * exchange the data with the client and write CommandComplete "COPY n".
 */
bool		be_run_copy(Session *s, const char *query, const StatementList *list,
						const Statement *stmt, PgError *err) PGW_MUSTCHECK;

/* copy_from.c: COPY table [(columns)] FROM STDIN */
bool		be_copy_from(Session *s, const char *query, const CopyCmd *cmd,
						 PgError *err) PGW_MUSTCHECK;

/* copy_to.c: COPY table [(columns)] | (query) TO STDOUT */
bool		be_copy_to(Session *s, const char *query, const CopyCmd *cmd,
					   PgError *err) PGW_MUSTCHECK;

/* ---- shared ---- */

/* Append "SELECT <columns as written, or *> FROM <table as written>". */
void		be_copy_select_text(const char *query, const CopyCmd *cmd, Buf *out);

/*
 * Which of the columns (names as the database gives them) list names, as
 * flags[ncols]; PostgreSQL's 42P10 '<option> column "x" not referenced by
 * COPY' for a name that is none of them. flags may be NULL when the list
 * was not given.
 */
bool		be_copy_column_flags(const CopyColumnList *list, const ResultSet *cols,
								 const char *option, bool **flags, PgError *err) PGW_MUSTCHECK;

/* CommandComplete "COPY n" for rows copied in either direction. */
void		be_copy_complete(Session *s, int64_t rows);

#endif							/* PGW_COPY_H */
