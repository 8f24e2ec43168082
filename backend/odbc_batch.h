/*
 * odbc_batch.h
 *		Inserting many rows through one prepared INSERT, a batch at a time.
 *
 * Rows are staged as BoundParams (odbc_param_from_value() writes their
 * bytes into the batch's value buffer), then laid out row-wise in one
 * buffer and handed to the driver with ODBC parameter arrays
 * (SQL_ATTR_PARAMSET_SIZE, row-wise binding). The INSERT may carry several
 * rows of VALUES per execution: drivers that prepare the statement again
 * for every parameter set (SQLite's) or send one message per set
 * (psqlODBC) are ten times faster with a multi-row statement. When the
 * driver takes no parameter arrays, sets are executed one at a time.
 *
 * On the embedded SQLite default with pgwire_vector.so loaded, a batch
 * travels instead as one BLOB (batch_pack.c) through one execution of
 * INSERT ... SELECT ... FROM pgwire_rows(?) (sqlite_rows.c): SQLite then
 * parses one short statement a batch instead of every row of VALUES.
 */
#ifndef PGW_ODBC_BATCH_H
#define PGW_ODBC_BATCH_H

#include "backend/odbc_params.h"

/* The prepared statements of a batch, translated by the caller. */
typedef struct OdbcBatchSpec
{
	int			ncols;			/* values per row */
	int			rows_per_stmt;	/* rows of VALUES in multi_sql (1: multi_sql unused) */
	int			batch_rows;		/* rows per batch, a multiple of rows_per_stmt */
	const char *multi_sql;		/* INSERT ... VALUES (?, ?), (?, ?) ... */
	size_t		multi_len;
	const ParamMap *multi_map;	/* its ? markers: $n is row (n-1)/ncols, column (n-1)%ncols */
	const char *single_sql;		/* INSERT ... VALUES (?, ?) */
	size_t		single_len;
	const ParamMap *single_map;
	const char *packed_sql;		/* INSERT ... SELECT c0, c1 FROM pgwire_rows(?), or NULL */
	size_t		packed_len;
	const ParamMap *packed_map;
	int			packed_batch_rows;	/* rows per batch when packed_sql prepares */
} OdbcBatchSpec;

/* The most columns a batch takes: PostgreSQL's MaxHeapAttributeNumber. */
#define MAX_BATCH_COLUMNS	1600

typedef struct BatchColumn BatchColumn;
typedef struct BatchStmt BatchStmt;

typedef struct OdbcBatch
{
	OdbcConn   *conn;
	int			ncols;
	int			rows_per_stmt;
	int			capacity;		/* rows staged before a flush */
	bool		arrays;			/* the driver takes parameter arrays */
	bool		savepoints;		/* a savepoint guards each batch (see odbc_batch_flush) */
	BatchStmt  *multi;			/* NULL when rows_per_stmt is 1 */
	BatchStmt  *single;
	BatchStmt  *packed;			/* NULL unless packed_sql prepared (multi is NULL then) */
	Buf			packed_rows;	/* the BLOB of the chunk being executed */
	SQLLEN		packed_ind;		/* its length indicator */

	/* staged rows */
	int			nrows;
	BoundParam *cells;			/* capacity x ncols */
	Buf			values;

	/* the row-wise layout handed to the driver */
	BatchColumn *cols;
	size_t		rowsize;
	char	   *rows;			/* the rows of the chunk being executed */
	size_t		rows_bytes;		/* allocated for them */
	unsigned	layout;			/* changes whenever the layout or the buffer moves */
	bool		rebind_each;	/* bind again before every execution (see odbc_batch.c) */
} OdbcBatch;

/*
 * Prepare the statements and probe parameter arrays. The packed statement
 * is optional: when it does not prepare (pgwire_rows is missing: no
 * LoadExt= in the connection string), multi-row VALUES carry the rows.
 */
bool		odbc_batch_open(OdbcBatch *b, OdbcConn *conn, const OdbcBatchSpec *spec,
							PgError *err) PGW_MUSTCHECK;
void		odbc_batch_close(OdbcBatch *b);

/*
 * The ncols cells of the next row, to be filled with odbc_param_from_value()
 * into b->values; odbc_batch_add_row() then counts it. The batch must not
 * be full (flush first).
 */
BoundParam *odbc_batch_next_row(OdbcBatch *b);
void		odbc_batch_add_row(OdbcBatch *b);

/* The handle a cancel should stop: the statement most rows go through. */
SQLHSTMT	odbc_batch_handle(const OdbcBatch *b);

static inline bool
odbc_batch_full(const OdbcBatch *b)
{
	return b->nrows >= b->capacity;
}

/*
 * Insert the staged rows. On failure *failed_row is the index (in this
 * batch) of the row the database refused, with its error, or -1 when that
 * cannot be told; rows of the batch before it may or may not be inserted
 * (the caller fails the transaction anyway). To find the row, the batch is
 * undone (a statement that fails on SQLite inserts nothing; other
 * databases get a savepoint before each batch) and its rows are inserted
 * again one at a time.
 */
bool		odbc_batch_flush(OdbcBatch *b, int *failed_row, PgError *err) PGW_MUSTCHECK;

#endif							/* PGW_ODBC_BATCH_H */
