/*
 * odbc_batch.c
 *		Many rows through one prepared INSERT: row-wise parameter arrays
 *		and multi-row VALUES.
 *
 * Owns: the layout of staged rows in the buffer the driver reads (one slot
 * per column, sized for the longest value seen, plus its length
 * indicator), the bindings of both statements onto that buffer, the
 * parameter-array attributes, the choice between packed batches and
 * multi-row VALUES, and finding the row a failed batch stumbled on.
 * Bindings are redone only when the layout or the buffer moves, so a long
 * COPY binds a few times and then only copies bytes and executes. Never
 * converts values: odbc_param_from_value() does, once per value.
 */
#include "backend/odbc_batch.h"

#include "backend/batch_pack.h"
#include "common/log.h"

#include <stdlib.h>
#include <string.h>

#define SUCCEEDED(rc) ((rc) == SQL_SUCCESS || (rc) == SQL_SUCCESS_WITH_INFO)

#define SAVEPOINT_NAME	"pgwire_copy"

/* At most this many bytes of rows are laid out for the driver at once. */
#define BATCH_BYTES		(16 * 1024 * 1024)

/* How column j of every row is laid out and bound. */
struct BatchColumn
{
	SQLSMALLINT c_type;
	SQLSMALLINT sql_type;
	size_t		slot;			/* bytes for the value (text: longest + NUL) */
	size_t		value_at;		/* offset of the value in a row */
	size_t		ind_at;			/* offset of its SQLLEN indicator */
};

/* A prepared INSERT of rows_per_stmt rows and what it is bound to. */
struct BatchStmt
{
	SQLHSTMT	hstmt;
	int			rows;			/* rows of VALUES (0: the packed INSERT) */
	int		   *marker_param;	/* $n of each ? marker */
	size_t		nmarkers;
	const char *bound_base;		/* where its bindings point, */
	unsigned	bound_layout;	/* for which layout (0: none) */
	SQLULEN		paramset;		/* PARAMSET_SIZE last set */
	SQLLEN		offset;			/* added to the bindings (SQL_ATTR_PARAM_BIND_OFFSET_PTR) */
	bool		has_offset;		/* the driver took that attribute */
};

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t) 7;
}

/* ---- statements ---- */

static void
stmt_free(BatchStmt *st)
{
	if (st == NULL)
		return;
	if (st->hstmt != SQL_NULL_HSTMT)
		SQLFreeHandle(SQL_HANDLE_STMT, st->hstmt);
	free(st->marker_param);
	free(st);
}

static BatchStmt *
stmt_prepare(OdbcConn *conn, const char *sql, size_t len, const ParamMap *map, int rows,
			 PgError *err)
{
	BatchStmt  *st = calloc(1, sizeof(BatchStmt));

	if (st == NULL || (st->marker_param = calloc(Max(map->count, 1), sizeof(int))) == NULL)
	{
		free(st);
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return NULL;
	}
	st->rows = rows;
	st->nmarkers = map->count;
	memcpy(st->marker_param, map->markers, map->count * sizeof(int));
	if (!odbc_prepare(conn, sql, len, &st->hstmt, err))
	{
		stmt_free(st);
		return NULL;
	}
	/*
	 * One execution after another over a batch moves an offset instead of
	 * binding again, where the driver is known to apply it: psqlODBC does,
	 * SQLite's driver accepts the attribute and ignores it.
	 */
	st->has_offset = conn->dialect == DIALECT_POSTGRES &&
		SUCCEEDED(SQLSetStmtAttr(st->hstmt, SQL_ATTR_PARAM_BIND_OFFSET_PTR, &st->offset, 0));
	return st;
}

/*
 * Does the driver take arrays of parameter sets? Some accept the attribute
 * and quietly keep 1, so it is read back.
 */
static bool
probe_arrays(BatchStmt *st)
{
	SQLULEN		got = 0;

	if (!SUCCEEDED(SQLSetStmtAttr(st->hstmt, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER) (uintptr_t) 2, 0)) ||
		!SUCCEEDED(SQLGetStmtAttr(st->hstmt, SQL_ATTR_PARAMSET_SIZE, &got, 0, NULL)) || got != 2)
		return false;
	st->paramset = 2;
	return true;
}

/* Point the markers of st at the rows starting at base (row-wise, rows_per_stmt rows a set). */
static bool
stmt_bind(OdbcBatch *b, BatchStmt *st, const char *base, PgError *err)
{
	SQLULEN		stride = (SQLULEN) st->rows * b->rowsize;

	if (st->bound_base == base && st->bound_layout == b->layout)
		return true;
	if (b->arrays &&
		!SUCCEEDED(SQLSetStmtAttr(st->hstmt, SQL_ATTR_PARAM_BIND_TYPE, (SQLPOINTER) (uintptr_t) stride, 0)))
	{
		odbc_report(b->conn, SQL_HANDLE_STMT, st->hstmt, err);
		return false;
	}
	for (size_t k = 0; k < st->nmarkers; k++)
	{
		int			n = st->marker_param[k] - 1;
		int			row = n / b->ncols;
		const BatchColumn *c = &b->cols[n % b->ncols];
		char	   *at = (char *) base + (size_t) row * b->rowsize;
		SQLULEN		column_size = c->c_type == SQL_C_CHAR || c->c_type == SQL_C_BINARY ?
			(SQLULEN) Max(c->slot - 1, 1) : 0;

		if (!SUCCEEDED(SQLBindParameter(st->hstmt, (SQLUSMALLINT) (k + 1), SQL_PARAM_INPUT,
										c->c_type, c->sql_type, column_size, 0,
										at + c->value_at, (SQLLEN) c->slot,
										(SQLLEN *) (at + c->ind_at))))
		{
			odbc_report(b->conn, SQL_HANDLE_STMT, st->hstmt, err);
			st->bound_layout = 0;
			return false;
		}
	}
	st->bound_base = base;
	st->bound_layout = b->layout;
	return true;
}

static bool
stmt_set_paramset(OdbcBatch *b, BatchStmt *st, SQLULEN sets, PgError *err)
{
	if (!b->arrays || st->paramset == sets)
		return true;
	if (!SUCCEEDED(SQLSetStmtAttr(st->hstmt, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER) (uintptr_t) sets, 0)))
	{
		odbc_report(b->conn, SQL_HANDLE_STMT, st->hstmt, err);
		return false;
	}
	st->paramset = sets;
	return true;
}

static bool
stmt_execute(OdbcBatch *b, BatchStmt *st, PgError *err)
{
	SQLRETURN	rc = SQLExecute(st->hstmt);

	if (SUCCEEDED(rc) || rc == SQL_NO_DATA)
	{
		(void) SQLFreeStmt(st->hstmt, SQL_CLOSE);
		return true;
	}
	odbc_report(b->conn, SQL_HANDLE_STMT, st->hstmt, err);
	(void) SQLFreeStmt(st->hstmt, SQL_CLOSE);
	return false;
}

/*
 * Insert nrows rows (a multiple of st->rows) starting at base: in one
 * execution with parameter arrays (when arrays allows it), else one set
 * after another.
 */
static bool
stmt_run(OdbcBatch *b, BatchStmt *st, const char *base, int nrows, bool arrays, PgError *err)
{
	int			sets = nrows / st->rows;
	size_t		set_bytes = (size_t) st->rows * b->rowsize;

	if (sets == 0)
		return true;
	if (arrays && b->arrays && !b->rebind_each)
		return stmt_bind(b, st, base, err) && stmt_set_paramset(b, st, (SQLULEN) sets, err) &&
			stmt_execute(b, st, err);
	for (int k = 0; k < sets; k++)
	{
		bool		shift = st->has_offset && !b->rebind_each;

		if (b->rebind_each)
			st->bound_layout = 0;
		st->offset = shift ? (SQLLEN) ((size_t) k * set_bytes) : 0;
		if (!stmt_bind(b, st, shift ? base : base + (size_t) k * set_bytes, err) ||
			!stmt_set_paramset(b, st, 1, err) || !stmt_execute(b, st, err))
		{
			st->offset = 0;
			return false;
		}
	}
	st->offset = 0;
	return true;
}

/* ---- opening ---- */

/*
 * The packed INSERT, or NULL when pgwire_rows() is missing (pgwire_vector.so
 * not loaded): the batch then uses VALUES. The SQLite driver compiles only
 * a SELECT at SQLPrepare (an INSERT waits for SQLExecute), so a SELECT from
 * pgwire_rows is prepared, never run, to find out.
 */
static BatchStmt *
prepare_packed(OdbcConn *conn, const OdbcBatchSpec *spec)
{
	static const char probe[] = "SELECT c0 FROM pgwire_rows(?)";
	PgError		err;
	SQLHSTMT	hstmt;
	BatchStmt  *st = NULL;

	if (spec->packed_sql == NULL)
		return NULL;
	if (odbc_prepare(conn, probe, sizeof(probe) - 1, &hstmt, &err))
	{
		SQLFreeHandle(SQL_HANDLE_STMT, hstmt);
		st = stmt_prepare(conn, spec->packed_sql, spec->packed_len, spec->packed_map, 0, &err);
	}
	if (st == NULL)
		log_write(LL_DEBUG1, "COPY: rows go as multi-row VALUES (%s)", err.message);
	else
		log_write(LL_DEBUG1, "COPY: rows go in packed batches through pgwire_rows()");
	return st;
}

bool
odbc_batch_open(OdbcBatch *b, OdbcConn *conn, const OdbcBatchSpec *spec, PgError *err)
{
	memset(b, 0, sizeof(*b));
	buf_init(&b->values);
	buf_init(&b->packed_rows);
	b->conn = conn;
	b->ncols = spec->ncols;
	if (b->ncols > MAX_BATCH_COLUMNS)
	{
		pgerr_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "tables can have at most %d columns",
				  MAX_BATCH_COLUMNS);
		return false;
	}
	b->single = stmt_prepare(conn, spec->single_sql, spec->single_len, spec->single_map, 1, err);
	if (b->single == NULL)
		return false;
	b->packed = prepare_packed(conn, spec);
	b->rows_per_stmt = b->packed ? 1 : Max(spec->rows_per_stmt, 1);
	b->capacity = b->packed ? Max(spec->packed_batch_rows, 1) :
		Max(spec->batch_rows / b->rows_per_stmt, 1) * b->rows_per_stmt;
	b->cells = calloc((size_t) b->capacity * (size_t) Max(b->ncols, 1), sizeof(BoundParam));
	b->cols = calloc((size_t) Max(b->ncols, 1), sizeof(BatchColumn));
	if (b->cells == NULL || b->cols == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	for (int j = 0; j < b->ncols; j++)
	{
		b->cols[j].c_type = SQL_C_CHAR;
		b->cols[j].sql_type = SQL_VARCHAR;
	}
	if (b->rows_per_stmt > 1)
	{
		b->multi = stmt_prepare(conn, spec->multi_sql, spec->multi_len, spec->multi_map,
								b->rows_per_stmt, err);
		if (b->multi == NULL)
			return false;
	}
	/*
	 * psqlODBC takes arrays but sends and prepares each set on its own:
	 * one set per execution is twice as fast there.
	 */
	b->arrays = conn->dialect != DIALECT_POSTGRES && probe_arrays(b->single) &&
		(b->multi == NULL || probe_arrays(b->multi));
	/*
	 * A failed statement on SQLite inserts nothing and leaves the
	 * transaction usable, so a batch of one execution (or of packed
	 * chunks, each one execution) can be retried row by row as it is;
	 * anything else is guarded by a savepoint.
	 */
	b->savepoints = !(conn->dialect == DIALECT_SQLITE &&
					  (b->packed != NULL || b->capacity == b->rows_per_stmt));
	return true;
}

void
odbc_batch_close(OdbcBatch *b)
{
	stmt_free(b->multi);
	stmt_free(b->single);
	stmt_free(b->packed);
	buf_free(&b->packed_rows);
	free(b->cells);
	free(b->cols);
	free(b->rows);
	buf_free(&b->values);
	memset(b, 0, sizeof(*b));
}

SQLHSTMT
odbc_batch_handle(const OdbcBatch *b)
{
	const BatchStmt *st = b->packed ? b->packed : b->multi ? b->multi : b->single;

	return st ? st->hstmt : SQL_NULL_HSTMT;
}

BoundParam *
odbc_batch_next_row(OdbcBatch *b)
{
	return &b->cells[(size_t) b->nrows * (size_t) b->ncols];
}

void
odbc_batch_add_row(OdbcBatch *b)
{
	b->nrows++;
}

/* ---- layout ---- */

static size_t
fixed_size(SQLSMALLINT c_type)
{
	switch (c_type)
	{
		case SQL_C_SBIGINT:
			return sizeof(SQLBIGINT);
		case SQL_C_DOUBLE:
			return sizeof(SQLDOUBLE);
		case SQL_C_BIT:
			return 1;
		default:
			return 0;			/* variable: text and bytes */
	}
}

static size_t
next_power_of_2(size_t n, size_t from)
{
	while (from < n)
		from *= 2;
	return from;
}

/* Bytes column j needs for row i (text: its NUL too). */
static size_t
cell_need(const OdbcBatch *b, int i, int j)
{
	const BoundParam *p = &b->cells[(size_t) i * b->ncols + j];
	size_t		fixed = fixed_size(p->c_type);

	if (p->length == SQL_NULL_DATA)
		return 1;
	return fixed > 0 ? fixed : (size_t) p->length + 1;
}

/*
 * The end of the chunk of staged rows that starts at from: as many as fit
 * in BATCH_BYTES laid out with slots for their longest values (at least
 * one row, however long). A huge value so travels alone, instead of
 * making every slot of the batch huge.
 */
static int
chunk_end(const OdbcBatch *b, int from)
{
	size_t		need[MAX_BATCH_COLUMNS];
	int			i;

	for (int j = 0; j < b->ncols; j++)
		need[j] = 1;
	for (i = from; i < b->nrows; i++)
	{
		size_t		rowsize = 0;

		for (int j = 0; j < b->ncols; j++)
		{
			need[j] = Max(need[j], cell_need(b, i, j));
			rowsize += align8(next_power_of_2(need[j], 8)) + sizeof(SQLLEN);
		}
		if (i > from && (size_t) (i - from + 1) * rowsize > BATCH_BYTES)
			break;
	}
	return i;
}

/*
 * Lay out rows [from, to): each column's C type (from its first non-NULL
 * value) and a slot for its longest value, rounded up to a power of two.
 * Slots grow as needed and shrink only when four times too big, so the
 * layout (and with it the bindings) settles quickly.
 */
static bool
fit_layout(OdbcBatch *b, int from, int to, PgError *err)
{
	bool		changed = b->rows == NULL;
	size_t		at = 0;
	size_t		bytes;

	for (int j = 0; j < b->ncols; j++)
	{
		BatchColumn *c = &b->cols[j];
		const BoundParam *typed = NULL;
		size_t		need = 1;

		for (int i = from; i < to; i++)
		{
			const BoundParam *p = &b->cells[(size_t) i * b->ncols + j];

			if (p->length == SQL_NULL_DATA)
				continue;
			if (typed == NULL)
				typed = p;
			else if (p->c_type != typed->c_type)
			{
				pgerr_set(err, ERRCODE_INTERNAL_ERROR, "values of one column bound with different C types");
				return false;
			}
			need = Max(need, cell_need(b, i, j));
		}
		if (typed != NULL && (typed->c_type != c->c_type || typed->sql_type != c->sql_type))
		{
			c->c_type = typed->c_type;
			c->sql_type = typed->sql_type;
			c->slot = 0;
			changed = true;
		}
		if (fixed_size(c->c_type) > 0)
			need = fixed_size(c->c_type);
		if (need > c->slot || (c->slot > 64 && need * 4 < c->slot))
		{
			c->slot = fixed_size(c->c_type) > 0 ? need : next_power_of_2(need, 16);
			changed = true;
		}
	}
	if (changed)
	{
		/*
		 * SQLite's driver (0.9998, setupparam()) sizes a blob parameter with
		 * the length it read at the previous execution or parameter set:
		 * with a bytea column, every execution binds again and carries one
		 * set.
		 */
		b->rebind_each = false;
		for (int j = 0; j < b->ncols; j++)
			b->rebind_each |= b->conn->dialect == DIALECT_SQLITE && b->cols[j].c_type == SQL_C_BINARY;
		for (int j = 0; j < b->ncols; j++)
		{
			b->cols[j].value_at = at;
			at = align8(at + b->cols[j].slot);
			b->cols[j].ind_at = at;
			at += sizeof(SQLLEN);
		}
		b->rowsize = Max(at, sizeof(SQLLEN));
	}
	bytes = (size_t) (to - from) * b->rowsize;
	if (bytes > b->rows_bytes || (changed && bytes * 4 < b->rows_bytes))
	{
		free(b->rows);
		b->rows_bytes = 0;
		if ((b->rows = malloc(Max(bytes, 1))) == NULL)
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return false;
		}
		b->rows_bytes = bytes;
		changed = true;
	}
	if (changed && ++b->layout == 0)
		b->layout = 1;
	return true;
}

/* Copy the values of rows [from, to) into their slots, from the buffer's start. */
static void
fill_rows(OdbcBatch *b, int from, int to)
{
	for (int i = from; i < to; i++)
	{
		char	   *row = b->rows + (size_t) (i - from) * b->rowsize;
		const BoundParam *p = &b->cells[(size_t) i * b->ncols];

		for (int j = 0; j < b->ncols; j++, p++)
		{
			const BatchColumn *c = &b->cols[j];
			SQLLEN		ind = p->length;

			if (ind != SQL_NULL_DATA)
			{
				memcpy(row + c->value_at, b->values.data + p->offset, (size_t) ind);
				if (c->c_type == SQL_C_CHAR)
					row[c->value_at + (size_t) ind] = '\0';
			}
			memcpy(row + c->ind_at, &ind, sizeof(ind));
		}
	}
}

/* ---- flushing ---- */

static bool
savepoint(OdbcBatch *b, StmtKind kind, PgError *err)
{
	Buf			sql;
	bool		ok;

	buf_init(&sql);
	ok = xl_savepoint_sql(b->conn->dialect, kind, SAVEPOINT_NAME, &sql, err);
	if (ok && buf_failed(&sql))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		ok = false;
	}
	ok = ok && odbc_exec_command(b->conn, sql.data, sql.len, err);
	buf_free(&sql);
	return ok;
}

/*
 * The rows from from on, as far as BATCH_BYTES takes them, through the
 * multi-row statement, then the rest one row a set; *to is where they end.
 */
static bool
run_rows(OdbcBatch *b, int from, int *to, PgError *err)
{
	int			n;
	int			in_multi;

	*to = chunk_end(b, from);
	n = *to - from;
	in_multi = b->multi ? n / b->rows_per_stmt * b->rows_per_stmt : 0;
	if (!fit_layout(b, from, *to, err))
		return false;
	fill_rows(b, from, *to);
	if (b->multi && !stmt_run(b, b->multi, b->rows, in_multi, true, err))
		return false;
	return stmt_run(b, b->single, b->rows + (size_t) in_multi * b->rowsize, n - in_multi, true, err);
}

/*
 * The rows from from on, as far as BATCH_BYTES takes them, packed into one
 * BLOB and inserted by one execution of the packed INSERT; *to is where
 * they end. The BLOB is bound again each time: the SQLite driver keeps a
 * blob parameter's length from the execution it was bound for.
 */
static bool
run_packed(OdbcBatch *b, int from, int *to, PgError *err)
{
	Buf		   *blob = &b->packed_rows;

	if (!batch_pack_rows(b->cells, b->ncols, &b->values, from, b->nrows, BATCH_BYTES, blob, to, err))
		return false;
	b->packed_ind = (SQLLEN) blob->len;
	if (!SUCCEEDED(SQLBindParameter(b->packed->hstmt, 1, SQL_PARAM_INPUT, SQL_C_BINARY, SQL_LONGVARBINARY,
									(SQLULEN) blob->len, 0, blob->data, (SQLLEN) blob->len, &b->packed_ind)))
	{
		odbc_report(b->conn, SQL_HANDLE_STMT, b->packed->hstmt, err);
		return false;
	}
	return stmt_execute(b, b->packed, err);
}

/*
 * Insert rows [from, nrows) one at a time: the first the database refuses
 * is the culprit.
 */
static bool
find_failed_row(OdbcBatch *b, int from, int *failed_row, PgError *err)
{
	for (int i = from; i < b->nrows; i++)
	{
		if (!fit_layout(b, i, i + 1, err))
			return false;
		fill_rows(b, i, i + 1);
		if (!stmt_run(b, b->single, b->rows, 1, false, err))
		{
			*failed_row = i;
			return false;
		}
	}
	return true;
}

bool
odbc_batch_flush(OdbcBatch *b, int *failed_row, PgError *err)
{
	PgError		batch_err;
	int			from = 0;
	bool		ok = true;

	*failed_row = -1;
	if (b->nrows == 0)
		return true;
	if (b->savepoints && !savepoint(b, STMT_SAVEPOINT, err))
		return false;
	pgerr_clear(&batch_err);
	while (ok && from < b->nrows)
	{
		int			to;

		ok = b->packed ? run_packed(b, from, &to, &batch_err) : run_rows(b, from, &to, &batch_err);
		if (ok)
			from = to;
	}
	if (!ok && strcmp(batch_err.sqlstate, ERRCODE_OUT_OF_MEMORY) == 0)
		*err = batch_err;		/* nothing to retry */
	else if (!ok && !b->conn->lost && (!b->savepoints || savepoint(b, STMT_ROLLBACK_TO, err)))
	{
		/*
		 * Undone: the failed statement on SQLite (earlier chunks stay, and
		 * hold no culprit), the whole batch elsewhere. Insert the rows again
		 * one by one to name the one refused.
		 */
		ok = find_failed_row(b, b->savepoints ? 0 : from, failed_row, err);
		if (ok)
			log_write(LL_LOG, "a batch of %d rows failed (%s) but each row alone was inserted",
					  b->nrows, batch_err.message);
	}
	else if (!ok)
		*err = batch_err;
	if (ok && b->savepoints && !savepoint(b, STMT_RELEASE, err))
		ok = false;
	b->nrows = 0;
	buf_reset(&b->values);
	return ok;
}
