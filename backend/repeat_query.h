/*
 * repeat_query.h
 *		A simple Query sent again with the same text: its translation kept.
 *
 * Clients that send one statement over and over in the simple protocol
 * (pgbench -M simple, health checks, polling loops) would otherwise pay the
 * UTF-8 check, the lexer and the translator each time. The session keeps
 * the last simple Query that was one statement the database ran as it is
 * (no plan, no expansion, not the catalog, not pgwire's own): its text,
 * the statement's kind and tag, its translation and its column hints. A
 * Query with the same text runs that translation directly.
 *
 * The translation is run with SQLExecDirect as before, not prepared once:
 * a prepared handle would describe its result as it was when prepared
 * (SQLite's driver even describes it as at its previous execution), and
 * another session may have changed the table since. A SELECT that reads no
 * table (SELECT 1, SELECT now(): pool validation queries, health checks)
 * has no table to change, and is prepared at its first repetition; on
 * SQLite its small result is then read whole at each execution, which
 * spares SQLite compiling it again (odbc_prepare_tableless). What is kept is valid
 * for one session generation (Session.generation: moved by each DDL
 * statement and each change of a setting). Nothing kept depends on the
 * time (the database reads the clock: functions_time.c).
 */
#ifndef PGW_REPEAT_QUERY_H
#define PGW_REPEAT_QUERY_H

#include "backend/odbc.h"
#include "backend/odbc_result.h"
#include "common/buf.h"
#include "translate/translate.h"

typedef struct RepeatQuery
{
	char	   *text;			/* the last simple Query's text (owned) */
	size_t		len;
	uint64_t	generation;		/* the session's, when text was seen */
	bool		kept;			/* stmt, sql and columns hold text's statement */
	Statement	stmt;			/* its kind and tag (its offsets are stale) */
	Buf			sql;			/* its translation */
	ColumnList	columns;		/* type hints for its result */
	bool		tableless;		/* a SELECT that reads no table */
	SQLHSTMT	hstmt;			/* then, once repeated, sql prepared */
	ResultSet	description;	/* and hstmt's result columns */
	bool		described;
} RepeatQuery;

void		repeat_init(RepeatQuery *rq);
void		repeat_free(RepeatQuery *rq);

/* Whether query's statement is kept, valid for generation. */
bool		repeat_is_kept(const RepeatQuery *rq, const char *query, size_t len,
						   uint64_t generation);

/* Remember query as the Query being run (repeat_is_kept said no). */
void		repeat_note(RepeatQuery *rq, const char *query, size_t len, uint64_t generation);

/* Whether stmt of list may be kept: the only one, and it reads or changes rows. */
bool		repeat_can_keep(const StatementList *list, const Statement *stmt);

/*
 * Keep stmt (of the noted Query) with its translation sql and its column
 * hints, which are taken: sql and columns are left empty.
 */
void		repeat_keep(RepeatQuery *rq, const Statement *stmt, Buf *sql, ColumnList *columns);

/*
 * The kept statement's prepared handle when it reads no table (prepared
 * here the first time), else SQL_NULL_HSTMT: run rq->sql directly.
 */
SQLHSTMT	repeat_handle(RepeatQuery *rq, OdbcConn *db);

/*
 * The result columns of the kept statement's prepared handle (read from
 * the driver once: no table can change them), or NULL: ask the driver.
 */
const ResultSet *repeat_description(RepeatQuery *rq, OdbcConn *db);

#endif							/* PGW_REPEAT_QUERY_H */
