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

#endif							/* PGW_ODBC_META_H */
