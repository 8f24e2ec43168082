/*
 * cat_internal.h
 *		What the files of catalog/ share: the Catalog itself, the generated
 *		definitions, and the helpers each file offers the others.
 */
#ifndef PGW_CAT_INTERNAL_H
#define PGW_CAT_INTERNAL_H

#include "catalog/catalog.h"

/* Well-known OIDs of PostgreSQL 15 the catalog reports. */
#define CAT_PG_CATALOG_OID		11
#define CAT_PUBLIC_OID			2200
#define CAT_INFO_SCHEMA_OID		13207
#define CAT_SUPERUSER_OID		10
#define CAT_DATABASE_OID		5
#define CAT_PG_CLASS_OID		1259
#define CAT_HEAP_AM_OID			2
#define CAT_BTREE_AM_OID		403
#define CAT_DEFAULT_COLLATION	100
#define CAT_FIRST_USER_OID		16400	/* above pgwire's own (vector: 16385) */

/* A relation's columns, generated from PostgreSQL (cat_builtin.c). */
typedef struct CatRelationDef
{
	const char *name;			/* "pg_class", "information_schema.tables" */
	const char *columns;		/* "\"oid\" oid, \"relname\" name, ..." */
} CatRelationDef;

extern const CatRelationDef cat_relation_defs[];
extern const size_t cat_nrelation_defs;
extern const char *const cat_type_rows[];
extern const char *const cat_bool_column_names[];
extern const size_t cat_ntype_rows;

const CatRelationDef *cat_relation_def(const char *name);

#define CAT_MAX_CACHED	64		/* prepared statements kept for reuse */

typedef struct CachedStmt
{
	char	   *sql;
	sqlite3_stmt *stmt;
} CachedStmt;

struct Catalog
{
	sqlite3    *db;
	const CatSource *source;
	const CatSession *session;
	uint64_t	generation;		/* bumped whenever more of the database was read */
	bool		all_loaded;		/* every table's details are in */
	bool		tables_listed;	/* every table is in (else those asked for by name) */
	PgError		load_error;		/* reading the database failed during a statement */
	bool		has_load_error;
	int			loading;		/* loads in progress (a load's own queries load nothing) */
	uint64_t	statement;		/* statements run: rows made afresh once per statement */
	CachedStmt	cached[CAT_MAX_CACHED];	/* the catalog's own statements, prepared once */
	int			ncached;
};

/*
 * The catalog's own statements: prepared once and kept (cat_release resets
 * it), or prepared afresh while the kept one is running (cat_release
 * finalizes that one). False with SQLite's error on failure.
 */
bool		cat_prepare(Catalog *cat, const char *sql, sqlite3_stmt **st);
void		cat_release(Catalog *cat, sqlite3_stmt *st);

/* Run sql (no result), filling err with SQLite's message on failure. */
bool		cat_exec(Catalog *cat, const char *sql, PgError *err) PGW_MUSTCHECK;

/* The relations, views and static rows (catalog.c, cat_views.c). */
bool		cat_create_views(Catalog *cat, PgError *err) PGW_MUSTCHECK;

/* The views written for SQLite, and the type of their computed columns (cat_views.c). */
bool		cat_is_view(const char *name);

/*
 * The lazy tables: virtual tables over shadow tables "_<name>" (cat_lazy.c).
 * The module is registered on every connection; the tables are created once
 * (in the template).
 */
bool		cat_lazy_module(Catalog *cat, PgError *err) PGW_MUSTCHECK;
bool		cat_lazy_create(Catalog *cat, PgError *err) PGW_MUSTCHECK;

/* Is name one of the lazy tables? */
bool		cat_lazy_is(const char *name);

/*
 * Filling the lazy tables (cat_load.c), when a query scans for one
 * relation (by name or oid) or for everything: the tables named name (in
 * PostgreSQL's spelling) or all tables (name NULL), then their details.
 */
bool		cat_load_tables(Catalog *cat, const char *name, PgError *err) PGW_MUSTCHECK;
bool		cat_load_details(Catalog *cat, int64_t reloid, PgError *err) PGW_MUSTCHECK;
bool		cat_load_all(Catalog *cat, PgError *err) PGW_MUSTCHECK;
bool		cat_load_referencing(Catalog *cat, int64_t reloid, PgError *err) PGW_MUSTCHECK;

/* Is oid a table or view of the database (in _rel)? An index or constraint already read (in _oids)? */
bool		cat_is_database_relation(Catalog *cat, int64_t oid);
bool		cat_is_known_oid(Catalog *cat, int64_t oid);

/* A stable OID for an object: a hash of what names it, at least CAT_FIRST_USER_OID. */
int64_t		cat_object_oid(char kind, const char *schema, const char *table, const char *name);

/* The SQL functions (cat_functions.c, cat_arrays.c). */
bool		cat_register_functions(Catalog *cat, PgError *err) PGW_MUSTCHECK;
bool		cat_register_array_functions(Catalog *cat, PgError *err) PGW_MUSTCHECK;

/* ---- shared by the SQL functions (cat_functions.c; cat_format_type, cat_action_sql: cat_object_info.c) ---- */

Catalog    *cat_function_catalog(sqlite3_context *ctx);
void		cat_result_buf(sqlite3_context *ctx, Buf *b);	/* frees b */

/* The function's error, "SQLSTATE: message" as cat_exec reads it back. */
void		cat_result_errorf(sqlite3_context *ctx, const char *fmt,...) PGW_PRINTF(2, 3);
const char *cat_column_text(sqlite3_stmt *st, int i);	/* "" for NULL */
void		cat_append_ident(Buf *out, const char *name);	/* quoted if need be */
bool		cat_namespace_visible(int64_t nsp);	/* on the search path */
void		cat_format_type(Catalog *cat, int64_t oid, int64_t typmod, Buf *out);
const char *cat_action_sql(const char *code);	/* 'c' -> "CASCADE", NULL for no action */

/*
 * The first row of sql bound to the first nbind arguments (released with
 * cat_release), or false.
 */
bool		cat_lookup_row(Catalog *cat, const char *sql, sqlite3_value **argv, int nbind,
						   sqlite3_stmt **out);

/* The reg* conversions (cat_regtypes.c): user data is a RegData. */
typedef struct RegData
{
	char		kind;			/* 'r' class, 't' type, 'n' namespace, 'o' role, 'p' proc */
	Catalog    *cat;
} RegData;

void		cat_fn_to_reg(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_reg(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_reg_name(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_regproc(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* What describes a catalog object (cat_object_info.c) */
void		cat_fn_format_type(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_pg_get_indexdef(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_pg_get_constraintdef(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_table_is_visible(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_type_is_visible(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_pg_get_userbyid(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_obj_description(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_col_description(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/*
 * The session's information (cat_session_info.c). cat_fn_session_text's
 * user data points at the CatSession field it answers.
 */
void		cat_fn_current_setting(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_session_text(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_current_schemas(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_encoding_to_char(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_char_to_encoding(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_encoding(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/*
 * Text functions (cat_text_functions.c). cat_fn_regexp is REGEXP, or
 * MATCH (case-insensitive) when its user data is not NULL.
 */
void		cat_fn_quote_ident(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_size_pretty(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_regexp(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* information_schema's column functions (cat_info_schema.c) */
void		cat_fn_is_data_type(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_is_char_length(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_is_numeric_precision(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_is_numeric_radix(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_is_numeric_scale(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_is_datetime_precision(sqlite3_context *ctx, int argc, sqlite3_value **argv);
void		cat_fn_is_rule(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* Fill err from sqlite's error message. */
void		cat_sqlite_error(Catalog *cat, PgError *err);

/* The value of column col of the first row of sql with one integer parameter, or NULL (owned by buf). */
const char *cat_query_text(Catalog *cat, const char *sql, int64_t param, Buf *buf);

#endif							/* PGW_CAT_INTERNAL_H */
