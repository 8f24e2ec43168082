/*
 * sqlite_rows.h
 *		The packed batch: many rows of values in one BLOB, as COPY FROM
 *		hands them to the embedded SQLite default.
 *
 * batch_pack.c writes it and pgwire_rows(), the table-valued function of
 * pgwire_vector.so (sqlite_rows.c), reads it, inside the same backend
 * process: numbers are in the machine's byte order and nothing is aligned.
 *
 *	batch := ncols:uint32 row*
 *	row   := value{ncols}
 *	value := 'n'						NULL
 *		   | 'i' int64					INTEGER
 *		   | 'f' double				REAL
 *		   | 't' length:uint32 bytes	TEXT (UTF-8, no terminator)
 *		   | 'b' length:uint32 bytes	BLOB
 *
 * Each storage class is the one the SQLite ODBC driver gives a bound
 * parameter of the matching ODBC type, so a row stores the same values
 * whether it travels here or as parameters of INSERT ... VALUES.
 */
#ifndef PGW_SQLITE_ROWS_H
#define PGW_SQLITE_ROWS_H

/* pgwire_rows's columns c0 .. c1599: PostgreSQL's MaxHeapAttributeNumber */
#define PGW_ROWS_MAX_COLUMNS	1600

#define PGW_ROWS_NULL		'n'
#define PGW_ROWS_INTEGER	'i'
#define PGW_ROWS_REAL		'f'
#define PGW_ROWS_TEXT		't'
#define PGW_ROWS_BLOB		'b'

struct sqlite3;

/* Register pgwire_rows on db (sqlite_rows.c, from pgwire_vector.so's entry point). */
int			sqlite_rows_register(struct sqlite3 *db);

#endif							/* PGW_SQLITE_ROWS_H */
