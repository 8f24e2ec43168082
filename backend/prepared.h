/*
 * prepared.h
 *		A session's prepared statements and portals (extended protocol).
 *
 * A PreparedStatement is the result of Parse: the client's text, its
 * translation with ? markers, the parameter map and types, and — for
 * statements the database runs — an ODBC statement handle prepared once and
 * reused by every Bind/Execute (re-executing a named statement never
 * re-translates or re-prepares). A Portal is the result of Bind: a
 * statement plus parameter values and result formats, and while it runs,
 * an open cursor.
 *
 * Lifetimes follow PostgreSQL: named statements live until Close or session
 * end; the unnamed statement until the next Parse into it or a simple
 * Query; portals until Close, the end of the transaction, or (unnamed) the
 * next Bind into it. Closing a statement does not end portals bound from it
 * (a portal keeps its statement alive by reference).
 */
#ifndef PGW_PREPARED_H
#define PGW_PREPARED_H

#include "backend/odbc_params.h"
#include "backend/odbc_result.h"
#include "common/buf.h"
#include "common/strmap.h"
#include "translate/translate.h"

struct ExecPlan;					/* plan.h */
struct PlanResult;

/* A statement as the database runs it. */
typedef struct Translation
{
	Buf			sql;			/* translated text with ? markers */
	ParamMap	params;			/* ? marker -> $n */
	struct ExecPlan *plan;		/* the database runs it as several steps (each
								 * prepared), instead of sql */
} Translation;

typedef struct PreparedStatement
{
	char	   *name;
	char	   *query;			/* the client's text (owned) */
	size_t		query_len;
	StatementList list;			/* its one statement (count 0: empty query) */
	Translation tr;				/* with a ? marker for every parameter */
	int			nparams;		/* $1 .. $nparams */
	uint32_t   *param_types;	/* nparams OIDs (given by Parse, else text) */
	int32_t    *param_dims;		/* nparams: n of the vector(n) column a parameter is
								 * stored in (SQLite) or cast to, else 0; NULL: none known */
	bool		local;			/* pgwire answers it (SET, BEGIN, SHOW ...) */
	bool		inline_vectors; /* vector_parameters = inline and it has vector
								 * parameters: each portal has its own translation */
	bool		catalog;		/* the catalog answers it (catalog_exec.c) */
	SQLHSTMT	hstmt;			/* prepared handle (database statements, not plans) */
	bool		hstmt_in_use;	/* a portal has a cursor open on it */
	ColumnList	columns;		/* translator's view of the target list */
	ResultSet	description;	/* result columns, once known (described) */
	bool		described;
	int			refcount;		/* the map's reference + one per portal */
	uint32_t   *declared;		/* the Parse message's parameter types */
	int			ndeclared;
	uint64_t	generation;		/* the session's, when it was parsed */
	uint64_t	schema_generation;	/* the session's, when it was last prepared */
} PreparedStatement;

/* Its one statement, or NULL for an empty query. */
static inline const Statement *
prep_statement_of(const PreparedStatement *ps)
{
	return ps->list.count > 0 ? &ps->list.stmts[0] : NULL;
}

typedef enum PortalState
{
	PORTAL_READY,				/* bound, not yet executed */
	PORTAL_ACTIVE,				/* cursor open, suspended after a row limit */
	PORTAL_DONE					/* ran to completion */
} PortalState;

typedef struct Portal
{
	char	   *name;
	PreparedStatement *stmt;	/* referenced */
	PortalState state;
	SQLHSTMT	hstmt;			/* the statement's handle, or one of its own */
	bool		own_hstmt;
	Buf			values;			/* parameter bytes, as bound */
	BoundParam *bound;			/* nparams, pointing into values */
	char	  **vector_literals;	/* stmt->inline_vectors: nparams, the canonical text
									 * of each vector parameter's value (NULL: none) */
	Translation *inlined;		/* stmt->inline_vectors: the statement translated with
								 * vector_literals in its text, run on a handle (or a
								 * plan) of the portal's own; NULL: stmt->tr */
	int16_t    *result_formats;	/* one per result column (0 text, 1 binary) */
	int			nresult_formats;
	ResultSet	rs;				/* open while ACTIVE */
	bool		has_rs;
	struct PlanResult *plan_result;	/* a plan's rows, held while ACTIVE */
	Buf			catalog_rows;	/* a catalog query's DataRows, while ACTIVE */
	size_t		catalog_pos;	/* the first not sent yet */
	int64_t		catalog_count;	/* all its rows */
} Portal;

typedef struct PreparedStore
{
	StrMap		statements;		/* named statements */
	PreparedStatement *unnamed_statement;
	StrMap		portals;		/* named portals */
	Portal	   *unnamed_portal;
} PreparedStore;

void		prep_store_init(PreparedStore *st);

/* Free everything (session end): portals first, then statements. */
void		prep_store_free(PreparedStore *st, OdbcConn *db);

PreparedStatement *prep_find_statement(PreparedStore *st, const char *name);
Portal	   *prep_find_portal(PreparedStore *st, const char *name);

/*
 * Register a new statement under its name. A named one must not exist
 * (42P05); the unnamed one replaces the previous unnamed statement.
 */
bool		prep_add_statement(PreparedStore *st, PreparedStatement *ps, OdbcConn *db,
							   PgError *err) PGW_MUSTCHECK;

/* Register a portal; a named one must not exist (42P03). */
bool		prep_add_portal(PreparedStore *st, Portal *portal, OdbcConn *db,
							PgError *err) PGW_MUSTCHECK;

/* Close: absent names are not an error (PostgreSQL's rule). */
void		prep_close_statement(PreparedStore *st, const char *name, OdbcConn *db);
void		prep_close_portal(PreparedStore *st, const char *name, OdbcConn *db);

/*
 * Before the transaction ends: every portal's cursor closes, so the
 * database holds no statement open (and no lock) across COMMIT.
 */
void		prep_close_cursors(PreparedStore *st, OdbcConn *db);

/* End of transaction: every portal goes. */
void		prep_drop_portals(PreparedStore *st, OdbcConn *db);

/* A simple Query: the unnamed statement and portal go. */
void		prep_drop_unnamed(PreparedStore *st, OdbcConn *db);

/* DISCARD ALL / DEALLOCATE ALL: every statement and portal goes. */
void		prep_drop_all(PreparedStore *st, OdbcConn *db);

/*
 * The integer bound to $n of a portal (a parameter of a statement pgwire
 * answers itself, e.g. pg_cancel_backend($1)). False if the portal has no
 * $n or it is not an integer; *is_null for a NULL.
 */
bool		prep_portal_param_int(const Portal *portal, int n, int64_t *value, bool *is_null);

/* ---- construction ---- */
void		prep_translation_init(Translation *tr);
void		prep_translation_free(Translation *tr, OdbcConn *db);
PreparedStatement *prep_statement_new(const char *name, const char *query, size_t len);
Portal	   *prep_portal_new(const char *name, PreparedStatement *ps);
void		prep_statement_release(PreparedStatement *ps, OdbcConn *db);
void		prep_portal_free(Portal *portal, OdbcConn *db);

/* Close a portal's cursor and give its handle back (idempotent). */
void		prep_portal_close_cursor(Portal *portal, OdbcConn *db);

#endif							/* PGW_PREPARED_H */
