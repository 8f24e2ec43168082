/*
 * odbc_meta.h
 *		The database's metadata (ODBC catalog functions) as the catalog's
 *		CatSource.
 */
#ifndef PGW_ODBC_META_H
#define PGW_ODBC_META_H

#include "backend/odbc.h"
#include "catalog/catalog.h"

/* A CatSource reading conn's tables, columns, keys and indexes (conn kept by reference). */
void		odbc_meta_source(OdbcConn *conn, CatSource *out);

/*
 * A table's columns through SQLColumns, with their PostgreSQL types: the
 * driver's type name when it is PostgreSQL's, else (unless
 * named_types_only: then 0) its SQL type.
 */
bool		odbc_meta_columns(OdbcConn *conn, const CatTableRef *table, bool named_types_only,
							  CatDetails *out, PgError *err) PGW_MUSTCHECK;

#endif							/* PGW_ODBC_META_H */
