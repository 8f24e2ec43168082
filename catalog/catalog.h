/*
 * catalog.h
 *		pg_catalog and information_schema for the database behind pgwire:
 *		an in-memory SQLite database per session that answers catalog
 *		queries with a real query engine.
 *
 * The catalog holds PostgreSQL 15's catalog relations (their columns as
 * PostgreSQL has them), the built-in rows (types, namespaces, settings,
 * roles) and the database's own tables, read through a CatSource (the
 * backend's ODBC catalog functions) lazily: a table when a query asks for
 * it by name or OID, the list of all tables when a query scans them all,
 * a table's columns, keys and indexes only when a query scans them
 * (cat_lazy.c). PostgreSQL's catalog functions (format_type,
 * pg_get_indexdef, has_table_privilege, ...) are SQLite functions. The
 * caller translates the client's query with the translator's sqlite
 * dialect in catalog mode and runs it with cat_prepare/cat_step.
 *
 * catalog/ never calls ODBC and never writes to the client.
 */
#ifndef PGW_CATALOG_H
#define PGW_CATALOG_H

#include "common/base.h"
#include "common/buf.h"
#include "common/pgerror.h"
#include "config/config.h"

#include <sqlite3.h>

#define CAT_NAME_LEN	128

/* ---- what the database tells about itself (filled by the CatSource) ---- */

/* A table or view as the database names it. */
typedef struct CatTableRef
{
	char		schema[CAT_NAME_LEN];	/* "" when the database has no schemas (SQLite) */
	char		name[CAT_NAME_LEN];
	char		kind;			/* 'r' table, 'v' view */
	char	   *remarks;		/* owned, may be NULL */
} CatTableRef;

typedef struct CatTableList
{
	CatTableRef *items;
	size_t		count;
	size_t		cap;
	bool		listed;			/* each item is as tables() lists it (kind, remarks) */
} CatTableList;

typedef struct CatColumn
{
	char		name[CAT_NAME_LEN];
	uint32_t	type_oid;		/* PostgreSQL type (0: unknown, shown as text) */
	int32_t		typmod;			/* as pg_attribute.atttypmod, -1 without */
	bool		notnull;
	char	   *default_expr;	/* owned, NULL without a default */
	char	   *remarks;		/* owned, may be NULL */
} CatColumn;

/* An index (the primary key's included), its columns by name in key order. */
typedef struct CatIndex
{
	char		name[CAT_NAME_LEN];
	bool		unique;
	bool		primary;
	int			ncols;
	char		(*cols)[CAT_NAME_LEN];
} CatIndex;

/* A foreign key of a table: its columns and the ones they reference, in order. */
typedef struct CatForeignKey
{
	char		name[CAT_NAME_LEN];
	CatTableRef ref;			/* the referenced table */
	int			ncols;
	char		(*cols)[CAT_NAME_LEN];
	char		(*ref_cols)[CAT_NAME_LEN];
	char		on_update;		/* pg_constraint.confupdtype: a r c n d */
	char		on_delete;
} CatForeignKey;

typedef struct CatDetails
{
	CatColumn  *columns;
	size_t		ncolumns;
	CatIndex   *indexes;
	size_t		nindexes;
	CatForeignKey *fkeys;
	size_t		nfkeys;
} CatDetails;

/*
 * Where the catalog reads the database's metadata. Each function returns
 * false with err filled when the database cannot answer.
 */
typedef struct CatSource
{
	void	   *ctx;
	/*
	 * The database's tables and views: all of them (name NULL), or those
	 * whose name matches name (a pattern: more may come back)
	 */
	bool		(*tables) (void *ctx, const char *name, CatTableList *out, PgError *err);
	/* one table's columns, indexes (primary key included) and foreign keys */
	bool		(*details) (void *ctx, const CatTableRef *table, CatDetails *out, PgError *err);
	/*
	 * the tables with a foreign key referencing table: by name (then looked
	 * up with tables()), or as tables() lists them (out->listed set)
	 */
	bool		(*referencing) (void *ctx, const CatTableRef *table, CatTableList *out,
								PgError *err);
} CatSource;

/* One row of pg_stat_activity. */
typedef struct CatActivity
{
	int			pid;
	char		user[64];
	char		database[64];
	char		client_addr[64];
	char		application_name[64];
	int64_t		backend_start;	/* Unix time, microseconds; 0: NULL */
	int64_t		xact_start;
	int64_t		query_start;
	const char *state;			/* "active", "idle", ... or NULL */
	char		query[1024];
} CatActivity;

/* What the session tells the catalog (current_user, settings, ...). */
typedef struct CatSession
{
	void	   *ctx;
	SqlDialect	dialect;
	const char *user;
	const char *database;
	const char *version;
	bool		superuser;
	/* current_setting(name): the value in out, false if there is no such setting */
	bool		(*setting) (void *ctx, const char *name, Buf *out);
	/* every backend's activity: call emit for each */
	void		(*activity) (void *ctx, void (*emit) (void *arg, const CatActivity *a), void *arg);
	/* the session's parameters, for pg_settings */
	const Config *(*params) (void *ctx);
} CatSession;

void		cat_table_list_free(CatTableList *list);
bool		cat_table_list_add(CatTableList *list, const CatTableRef *t) PGW_MUSTCHECK;
void		cat_details_free(CatDetails *d);

/* ---- the catalog ---- */

typedef struct Catalog Catalog;

/*
 * What every session's catalog starts from: PostgreSQL's relations and
 * built-in rows as a SQLite database image. The postmaster builds it once
 * before forking, so a session's catalog is a copy, not a rebuild.
 */
typedef struct CatTemplate
{
	unsigned char *image;
	int64_t		size;
} CatTemplate;

/*
 * Process-wide SQLite settings, made before the process first uses SQLite:
 * the postmaster calls it before building the template, and its backends
 * inherit them, for the catalog and for the SQLite ODBC driver, which
 * loads this same library. SQLite's memory statistics, which pgwire never
 * reads, cost a mutex around every allocation: they are turned off. The
 * library stays serialized: a backend's cancel thread calls SQLCancel,
 * and the SQLite driver then resets the statement from that thread.
 */
void		cat_library_setup(void);

bool		cat_template_build(CatTemplate *out, PgError *err) PGW_MUSTCHECK;
void		cat_template_free(CatTemplate *t);

/*
 * Create the catalog from tmpl (NULL: built afresh) for a session; the
 * database's tables are read through source when queries ask (source and
 * session kept by reference).
 */
bool		cat_open(Catalog **out, const CatTemplate *tmpl, const CatSource *source,
					 const CatSession *session, PgError *err) PGW_MUSTCHECK;
void		cat_close(Catalog *cat);

/* A statement is about to run: rows made afresh per statement (pg_stat_activity) are made again. */
void		cat_begin_statement(Catalog *cat);

/* The SQLite database (for statements the caller prepares). */
sqlite3    *cat_db(Catalog *cat);

/*
 * How many times the catalog has read more of the database since it
 * opened: a query during which this changed may have missed rows it
 * asked for, and is run again (the lazy tables fill as queries scan them).
 */
uint64_t	cat_generation(const Catalog *cat);

/*
 * The error of the last failed statement: the source's, when reading the
 * database failed during it, else SQLite's message (XX000), or an error a
 * catalog function raised with a SQLSTATE ("42P01: relation ... does not
 * exist").
 */
void		cat_statement_error(Catalog *cat, int rc, PgError *err);

/* The PostgreSQL type a column's declared type names (pg_type.typname), 0 if none. */
uint32_t	cat_type_oid(Catalog *cat, const char *typname, int16_t *typlen);

/* The declared type of a computed column of the catalog's views, by its name ("" if none). */
bool		cat_view_column_type(const char *column, char *type, size_t typelen);

/*
 * The OID of the database's table (as the database names it) and the
 * attnum of its column, reading the table's details if need be; false if
 * the catalog has no such table or column.
 */
bool		cat_table_column(Catalog *cat, const char *schema, const char *table, const char *column,
							 uint32_t *table_oid, int16_t *attnum);

/* The names of the catalog's boolean columns (NULL-terminated; static). */
const char *const *cat_bool_columns(void);

/* pg_type.typlen of a type (-1 if unknown). */
int16_t		cat_type_length(Catalog *cat, uint32_t oid);

/* The result type of catalog function name (format_type: text), 0 if unknown. */
uint32_t	cat_function_type(const char *name);

/* The names pgwire gives the database's schemas and tables (names.c of catalog). */
void		cat_pg_schema_name(SqlDialect dialect, const char *schema, char *out, size_t outlen);
void		cat_pg_object_name(SqlDialect dialect, const char *name, char *out, size_t outlen);

#endif							/* PGW_CATALOG_H */
