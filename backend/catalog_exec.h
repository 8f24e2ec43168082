/*
 * catalog_exec.h
 *		Catalog queries (pg_catalog, information_schema and their
 *		functions), answered by the session's catalog for both protocols.
 */
#ifndef PGW_CATALOG_EXEC_H
#define PGW_CATALOG_EXEC_H

#include "backend/backend.h"
#include "backend/odbc_params.h"

/*
 * Is stmt a catalog query? One that also reads the database's tables is
 * refused (0A000, false).
 */
bool		be_catalog_query(Session *s, const char *query, const StatementList *list,
							 const Statement *stmt, bool *is_catalog, PgError *err) PGW_MUSTCHECK;

/* Write a catalog query for the catalog; params (may be NULL) receives its $n. */
bool		be_catalog_translate(Session *s, const char *query, const StatementList *list,
								 const Statement *stmt, ParamMap *params, Buf *sql,
								 PgError *err) PGW_MUSTCHECK;

/*
 * RowDescription of a translated catalog query (extended-protocol
 * Describe). hints: the translator's view of query's target list.
 * formats: Bind's result formats (none, one for all, or one per column).
 */
bool		be_catalog_describe(Session *s, const char *query, const char *sql,
								const ColumnList *hints, const int16_t *formats, int nformats,
								PgError *err) PGW_MUSTCHECK;

/* One run of a translated catalog query. */
typedef struct CatalogRun
{
	const char *query;			/* the client's text */
	const Statement *stmt;
	const char *sql;			/* translated */
	const ColumnList *hints;
	const ParamMap *params;		/* NULL: no parameters */
	const BoundParam *bound;
	const Buf  *values;
	const int16_t *formats;
	int			nformats;
	bool		with_description;	/* simple protocol: RowDescription first */
	Buf		   *keep_rows;		/* non-NULL: the DataRows go here, no CommandComplete */
	int64_t    *count;			/* with keep_rows: how many */
} CatalogRun;

/* Run it: rows and CommandComplete to the client (or rows kept, for a portal). */
bool		be_catalog_run(Session *s, const CatalogRun *run, PgError *err) PGW_MUSTCHECK;

/*
 * Send up to max_rows (0: all) of the DataRows kept in rows from *pos on;
 * true if some are left (the portal is suspended).
 */
bool		be_catalog_send_kept(Session *s, const Buf *rows, size_t *pos, int64_t max_rows);

/*
 * A statement is about to run on the database: DDL makes the next
 * catalog query read the database again.
 */
void		be_catalog_note_statement(Session *s, const Statement *stmt);

/*
 * Give rs's columns their table's OID and attnum (RowDescription), as
 * PostgreSQL does, when the session has read the catalog: a client that
 * asks the catalog questions (JDBC's getTableName) learns where columns
 * come from; others pay nothing.
 */
void		be_catalog_annotate_result(Session *s, ResultSet *rs);

/* Drop the session's catalog (it is read again when next needed). */
void		be_catalog_invalidate(Session *s);

#endif							/* PGW_CATALOG_EXEC_H */
