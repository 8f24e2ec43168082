/*
 * cat_load_internal.h
 *		What the two files that load the database's tables into the
 *		catalog share: cat_load.c (names, OIDs, the list of tables, the
 *		statements that write rows) and cat_load_details.c (a table's
 *		columns, indexes and keys).
 */
#ifndef PGW_CAT_LOAD_INTERNAL_H
#define PGW_CAT_LOAD_INTERNAL_H

#include "catalog/cat_internal.h"

/* A table of the database as the catalog has it. */
typedef struct TableInfo
{
	int64_t		oid;
	int64_t		nspoid;
	char		relname[CAT_NAME_LEN];
	CatTableRef ref;			/* the database's names */
} TableInfo;

/* ---- cat_load.c ---- */

/*
 * Run sql with the values bound in order: 'i' int64, 't' text (NULL ok),
 * 'n' NULL. False with SQLite's error in err.
 */
bool		cat_exec_bound(Catalog *cat, PgError *err, const char *sql, const char *types,...) PGW_MUSTCHECK;

/* A free OID for an object: its hash, or the next one not taken. */
int64_t		cat_claim_oid(Catalog *cat, char kind, const char *schema, const char *table, const char *name);

/* A pg_description row for object objoid (column subid), if text says anything. */
bool		cat_add_description(Catalog *cat, int64_t objoid, int subid, const char *text,
								PgError *err) PGW_MUSTCHECK;

/* A pg_class row: a table or view ('r', 'v') or an index ('i'). */
bool		cat_add_class_row(Catalog *cat, int64_t oid, const char *name, int64_t nspoid, char kind,
							  int natts, PgError *err) PGW_MUSTCHECK;

/* The oid of the database table named ref, listing it if need be; 0 if there is none. */
int64_t		cat_table_oid_listed(Catalog *cat, const CatTableRef *ref, PgError *err);

/* ---- cat_load_details.c ---- */

/* The table oid as _rel and pg_class have it; loaded: are its details in? False if there is none. */
bool		cat_table_info(Catalog *cat, int64_t oid, TableInfo *t, bool *loaded);

#endif							/* PGW_CAT_LOAD_INTERNAL_H */
