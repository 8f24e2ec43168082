/*
 * sqlite_rows.c
 *		pgwire_rows(batch): the rows of a packed batch (sqlite_rows.h) as a
 *		table, part of pgwire_vector.so.
 *
 * Owns: the eponymous virtual table pgwire_rows, whose columns c0 ..
 * c1599 are the values of each row of the BLOB it is given. COPY FROM on
 * the embedded default runs INSERT INTO t (cols) SELECT c0, c1, ... FROM
 * pgwire_rows(?) once per batch (odbc_batch.c): SQLite parses one short
 * statement for thousands of rows, where multi-row VALUES has it parse
 * every row's "(?, ?, ?)". Every length is checked against the BLOB's end,
 * so a malformed batch is an error, never a read past it. Values are
 * copied out (SQLITE_TRANSIENT): nothing returned points into the batch.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include "backend/sqlite_rows.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* The hidden column the argument binds to, after c0 .. c1599. */
#define BATCH_COLUMN	PGW_ROWS_MAX_COLUMNS

typedef struct RowsCursor
{
	sqlite3_vtab_cursor base;
	sqlite3_value *batch;		/* a copy of the argument */
	const unsigned char *next;	/* the next row's first value */
	const unsigned char *end;
	int			ncols;
	sqlite3_int64 rowid;		/* 1-based; 0 before the first row */
	bool		eof;
	const unsigned char *values[PGW_ROWS_MAX_COLUMNS];	/* the current row's, at their tags */
} RowsCursor;

static int
rows_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out,
			 char **errmsg)
{
	sqlite3_str *schema = sqlite3_str_new(db);
	char	   *sql;
	int			rc;

	(void) aux;
	(void) argc;
	(void) argv;
	(void) errmsg;
	sqlite3_str_appendall(schema, "CREATE TABLE x(");
	for (int i = 0; i < PGW_ROWS_MAX_COLUMNS; i++)
		sqlite3_str_appendf(schema, "c%d, ", i);
	sqlite3_str_appendall(schema, "batch HIDDEN)");
	if ((sql = sqlite3_str_finish(schema)) == NULL)
		return SQLITE_NOMEM;
	rc = sqlite3_declare_vtab(db, sql);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
		return rc;
	(void) sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
	if ((*out = sqlite3_malloc(sizeof(sqlite3_vtab))) == NULL)
		return SQLITE_NOMEM;
	memset(*out, 0, sizeof(sqlite3_vtab));
	return SQLITE_OK;
}

static int
rows_disconnect(sqlite3_vtab *vtab)
{
	sqlite3_free(vtab);
	return SQLITE_OK;
}

/* The only plan: the batch given as the argument (batch = ?). */
static int
rows_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info)
{
	for (int i = 0; i < info->nConstraint; i++)
	{
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];

		if (c->iColumn != BATCH_COLUMN || c->op != SQLITE_INDEX_CONSTRAINT_EQ)
			continue;
		if (!c->usable)
			return SQLITE_CONSTRAINT;
		info->aConstraintUsage[i].argvIndex = 1;
		info->aConstraintUsage[i].omit = 1;
		info->estimatedCost = 1.0;
		info->estimatedRows = 1000;
		return SQLITE_OK;
	}
	sqlite3_free(vtab->zErrMsg);
	vtab->zErrMsg = sqlite3_mprintf("pgwire_rows() takes one argument, a batch of rows");
	return SQLITE_ERROR;
}

static int
rows_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out)
{
	RowsCursor *cur = sqlite3_malloc(sizeof(RowsCursor));

	(void) vtab;
	if (cur == NULL)
		return SQLITE_NOMEM;
	memset(cur, 0, sizeof(RowsCursor));
	cur->eof = true;
	*out = &cur->base;
	return SQLITE_OK;
}

static int
rows_close(sqlite3_vtab_cursor *base)
{
	RowsCursor *cur = (RowsCursor *) base;

	sqlite3_value_free(cur->batch);
	sqlite3_free(cur);
	return SQLITE_OK;
}

/* The batch is wrong at byte at: an error, and no more rows. */
static int
malformed(RowsCursor *cur, const unsigned char *at)
{
	const unsigned char *start = sqlite3_value_blob(cur->batch);

	sqlite3_free(cur->base.pVtab->zErrMsg);
	cur->base.pVtab->zErrMsg = sqlite3_mprintf("pgwire_rows(): malformed batch at byte %lld",
											   (long long) (start ? at - start : 0));
	cur->eof = true;
	return SQLITE_ERROR;
}

/* Find the values of the row at cur->next, checking each against the end. */
static int
rows_next(sqlite3_vtab_cursor *base)
{
	RowsCursor *cur = (RowsCursor *) base;
	const unsigned char *p = cur->next;

	if (p == cur->end)
	{
		cur->eof = true;
		return SQLITE_OK;
	}
	for (int j = 0; j < cur->ncols; j++)
	{
		uint32_t	len;

		if (p == cur->end)
			return malformed(cur, p);
		cur->values[j] = p;
		switch (*p++)
		{
			case PGW_ROWS_NULL:
				break;
			case PGW_ROWS_INTEGER:
			case PGW_ROWS_REAL:
				if (cur->end - p < 8)
					return malformed(cur, cur->values[j]);
				p += 8;
				break;
			case PGW_ROWS_TEXT:
			case PGW_ROWS_BLOB:
				if (cur->end - p < 4)
					return malformed(cur, cur->values[j]);
				memcpy(&len, p, 4);
				p += 4;
				if ((size_t) (cur->end - p) < len)
					return malformed(cur, cur->values[j]);
				p += len;
				break;
			default:
				return malformed(cur, cur->values[j]);
		}
	}
	cur->next = p;
	cur->rowid++;
	return SQLITE_OK;
}

static int
rows_filter(sqlite3_vtab_cursor *base, int plan, const char *plan_str, int argc, sqlite3_value **argv)
{
	RowsCursor *cur = (RowsCursor *) base;
	const unsigned char *data;
	int			bytes;
	uint32_t	ncols;

	(void) plan;
	(void) plan_str;
	sqlite3_value_free(cur->batch);
	cur->batch = NULL;
	cur->eof = true;
	cur->rowid = 0;
	if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return SQLITE_OK;		/* no batch, no rows */
	if ((cur->batch = sqlite3_value_dup(argv[0])) == NULL)
		return SQLITE_NOMEM;
	data = sqlite3_value_blob(cur->batch);
	bytes = sqlite3_value_bytes(cur->batch);
	cur->next = data;
	cur->end = data + bytes;
	if (sqlite3_value_type(cur->batch) != SQLITE_BLOB || bytes < 4)
		return malformed(cur, data);
	memcpy(&ncols, data, 4);
	if (ncols == 0 || ncols > PGW_ROWS_MAX_COLUMNS)
		return malformed(cur, data);
	cur->ncols = (int) ncols;
	cur->next = data + 4;
	cur->eof = false;
	return rows_next(base);
}

static int
rows_eof(sqlite3_vtab_cursor *base)
{
	return ((RowsCursor *) base)->eof;
}

static int
rows_column(sqlite3_vtab_cursor *base, sqlite3_context *ctx, int i)
{
	RowsCursor *cur = (RowsCursor *) base;
	const unsigned char *p;
	sqlite3_int64 n;
	double		d;
	uint32_t	len;

	if (i == BATCH_COLUMN)
	{
		sqlite3_result_value(ctx, cur->batch);
		return SQLITE_OK;
	}
	if (i >= cur->ncols)
		return SQLITE_OK;		/* past the batch's columns: NULL */
	p = cur->values[i];
	switch (*p++)
	{
		case PGW_ROWS_INTEGER:
			memcpy(&n, p, 8);
			sqlite3_result_int64(ctx, n);
			break;
		case PGW_ROWS_REAL:
			memcpy(&d, p, 8);
			sqlite3_result_double(ctx, d);
			break;
		case PGW_ROWS_TEXT:
			memcpy(&len, p, 4);
			sqlite3_result_text(ctx, (const char *) p + 4, (int) len, SQLITE_TRANSIENT);
			break;
		case PGW_ROWS_BLOB:
			memcpy(&len, p, 4);
			sqlite3_result_blob(ctx, p + 4, (int) len, SQLITE_TRANSIENT);
			break;
		default:
			break;				/* NULL */
	}
	return SQLITE_OK;
}

static int
rows_rowid(sqlite3_vtab_cursor *base, sqlite3_int64 *rowid)
{
	*rowid = ((RowsCursor *) base)->rowid;
	return SQLITE_OK;
}

static const sqlite3_module rows_module = {
	.iVersion = 0,
	.xCreate = NULL,			/* eponymous only: no CREATE VIRTUAL TABLE */
	.xConnect = rows_connect,
	.xBestIndex = rows_best_index,
	.xDisconnect = rows_disconnect,
	.xDestroy = rows_disconnect,
	.xOpen = rows_open,
	.xClose = rows_close,
	.xFilter = rows_filter,
	.xNext = rows_next,
	.xEof = rows_eof,
	.xColumn = rows_column,
	.xRowid = rows_rowid,
};

int
sqlite_rows_register(sqlite3 *db)
{
	return sqlite3_create_module(db, "pgwire_rows", &rows_module, NULL);
}
