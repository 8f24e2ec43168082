/*
 * odbc_error.h
 *		Turning ODBC diagnostics into PostgreSQL errors.
 *
 * Drivers report failures as an ODBC SQLSTATE, a native error code and a
 * message whose shape depends on the driver. Clients need PostgreSQL's
 * SQLSTATE (they branch on it: 23505, 40001, 42P01 ...) and a clean message.
 * The mapping depends on the dialect: SQLite says everything with HY000 and
 * a native result code, IRIS puts its SQLCODE in the native code, psqlODBC
 * passes PostgreSQL's own SQLSTATE through.
 */
#ifndef PGW_ODBC_ERROR_H
#define PGW_ODBC_ERROR_H

#include "common/base.h"
#include "common/pgerror.h"
#include "config/config.h"

/*
 * Map one diagnostic record to err (severity ERROR). driver_message is the
 * text from SQLGetDiagRec; the vendor prefixes ("[unixODBC][Driver
 * Manager]", "[SQLite]", "ERROR: ...;\nError while executing the query")
 * are removed, DETAIL/HINT lines are moved to their fields, and for IRIS
 * the full driver text is kept in DETAIL.
 */
void		odbc_map_error(SqlDialect dialect, const char *odbc_state, int32_t native,
						   const char *driver_message, PgError *err);

/* Is this a lost or unusable database connection (08xxx, or 57P01-57P03 from the database)? */
bool		odbc_error_is_connection_lost(const PgError *err);

#endif							/* PGW_ODBC_ERROR_H */
