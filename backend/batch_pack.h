/*
 * batch_pack.h
 *		Staged rows packed into one BLOB for pgwire_rows() (sqlite_rows.h).
 *
 * The rows are BoundParams, as odbc_param_from_value() made them for
 * binding; each becomes the packed value the SQLite ODBC driver would
 * have bound it as (SQL_C_SBIGINT and SQL_C_BIT: an integer, SQL_C_DOUBLE:
 * a real, SQL_C_CHAR: text, SQL_C_BINARY: a blob), so only the transport
 * changes, never what is stored.
 */
#ifndef PGW_BATCH_PACK_H
#define PGW_BATCH_PACK_H

#include "backend/odbc_params.h"

/*
 * Write into out (reset first) the batch of rows [from, to) of cells,
 * ncols cells a row, their bytes in values. Rows are added until the
 * batch passes max_bytes (the first row always goes in); *end is the row
 * after the last one packed. False on out of memory, on more columns than
 * pgwire_rows has, or on a value of a C type the layout has no storage
 * class for (err says which).
 */
bool		batch_pack_rows(const BoundParam *cells, int ncols, const Buf *values, int from, int to,
							size_t max_bytes, Buf *out, int *end, PgError *err) PGW_MUSTCHECK;

#endif							/* PGW_BATCH_PACK_H */
