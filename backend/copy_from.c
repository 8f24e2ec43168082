/*
 * copy_from.c
 *		COPY table [(columns)] FROM STDIN: CopyData in, rows into the table.
 *
 * Owns: the COPY IN sub-loop (CopyData, CopyDone, CopyFail; Flush and
 * Sync ignored, anything else an error, as PostgreSQL's CopyGetData()),
 * turning each row's fields into values of the columns' types, and the
 * whole COPY's atomicity: it runs in one transaction (its own, or the
 * client's), and an error at any row fails it with PostgreSQL's CONTEXT
 * ("COPY t, line 17, column x: "abc""), so none of its rows stay. Rows go
 * to the database in batches (odbc_batch.c: packed for pgwire_rows() on
 * SQLite, else multi-row VALUES); the line of each staged row is kept to
 * name the one the database refuses. Never parses the format itself
 * (copy_format.c) nor calls ODBC (odbc_batch.c).
 */
#include "backend/copy.h"

#include "backend/cancel.h"
#include "backend/exec.h"
#include "backend/odbc_batch.h"
#include "backend/xact.h"
#include "common/copy_format.h"
#include "common/proto.h"
#include "common/protocol.h"
#include "common/types.h"

#include <stdlib.h>
#include <string.h>

/* PostgreSQL's MAX_COPY_DATA_DISPLAY: longer values are cut in CONTEXT. */
#define MAX_COPY_DATA_DISPLAY	100

/* The most parameters one statement may carry. */
#define SQLITE_MAX_PARAMS		32766	/* SQLITE_MAX_VARIABLE_NUMBER since 3.32 */
#define OTHER_MAX_PARAMS		65535	/* a Bind message counts them in 16 bits */

/* The most values a packed batch holds (sizes: choose_sizes()). */
#define PACKED_CELLS			262144

/* The rows of the INSERT of a packed batch, for insert_text(): none written. */
#define PACKED					0

typedef struct CopyFrom
{
	Session    *s;
	const CopyCmd *cmd;
	ResultSet	cols;			/* the columns copied into: names and types */
	bool	   *force_not_null; /* per column, or NULL */
	bool	   *force_null;
	CopyReader	reader;
	OdbcBatch	batch;
	bool		batch_open;
	int64_t    *linenos;		/* line of each staged row */
	Buf			scratch;		/* type input functions' scratch */
	int64_t		inserted;
} CopyFrom;

/* ---- CONTEXT ---- */

/* Append s cut to MAX_COPY_DATA_DISPLAY bytes (at a character boundary) and "...". */
static void
append_limited(Buf *out, const char *s, size_t len)
{
	size_t		n = len;

	if (len > MAX_COPY_DATA_DISPLAY)
	{
		n = MAX_COPY_DATA_DISPLAY;
		while (n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80)
			n--;
	}
	buf_append(out, s, n);
	if (n < len)
		buf_append_str(out, "...");
}

/*
 * CONTEXT as PostgreSQL's CopyFromErrorCallback writes it: the line, and
 * the column and its value when one value is at fault, or the line's text
 * when the line as a whole is.
 */
static void
set_context(const CopyFrom *cf, PgError *err, int64_t lineno, const char *column,
			const char *value, size_t value_len, const char *line, size_t line_len)
{
	Buf			ctx;

	buf_init(&ctx);
	buf_appendf(&ctx, "COPY %s", cf->cmd->relname);
	if (lineno > 0)
		buf_appendf(&ctx, ", line %lld", (long long) lineno);
	if (column != NULL)
	{
		buf_appendf(&ctx, ", column %s: ", column);
		if (value == NULL)
			buf_append_str(&ctx, "null input");
		else
		{
			buf_append_byte(&ctx, '"');
			append_limited(&ctx, value, value_len);
			buf_append_byte(&ctx, '"');
		}
	}
	else if (line != NULL)
	{
		buf_append_str(&ctx, ": \"");
		append_limited(&ctx, line, line_len);
		buf_append_byte(&ctx, '"');
	}
	if (!buf_failed(&ctx))
		pgerr_set_context(err, "%s", ctx.data);
	buf_free(&ctx);
}

/* An error about the current line as a whole. */
static bool
line_error(const CopyFrom *cf, PgError *err)
{
	set_context(cf, err, cf->reader.lineno, NULL, NULL, 0, cf->reader.line, cf->reader.line_len);
	return false;
}

/* ---- setting up ---- */

/* The columns copied into, as the database describes SELECT columns FROM table. */
static bool
describe_columns(CopyFrom *cf, const char *query, PgError *err)
{
	Session    *s = cf->s;
	Buf			text;
	Buf			sql;
	ResultSet	rs;
	bool		ok;

	buf_init(&text);
	buf_init(&sql);
	be_copy_select_text(query, cf->cmd, &text);
	buf_append_str(&text, " WHERE 1 = 0");
	ok = !buf_failed(&text) && be_translate_text(s, text.data, text.len, NULL, NULL, &sql, err) &&
		odbc_exec_direct(&s->db, sql.data, sql.len, err);
	if (ok)
	{
		ok = odbc_result_open(&s->db, s->db.stmt, NULL, &rs, err);
		if (ok)
		{
			if (!odbc_result_copy_description(&rs, &cf->cols))
			{
				pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
				ok = false;
			}
			odbc_result_close(&rs);
		}
	}
	odbc_stmt_reset(&s->db);
	if (!ok && buf_failed(&text))
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	if (!ok)
		err->position = 0;
	buf_free(&text);
	buf_free(&sql);
	if (ok && cf->cols.ncols == 0)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "COPY into a table without columns is not supported by pgwire");
		ok = false;
	}
	return ok;
}

/*
 * INSERT INTO table [(columns)], then VALUES ($1, ...), ... for rows rows,
 * or, rows being PACKED, SELECT c0, c1, ... FROM pgwire_rows($1): the rows
 * of a packed batch (sqlite_rows.c).
 */
static void
insert_text(const char *query, const CopyCmd *cmd, int ncols, int rows, Buf *out)
{
	int			n = 1;

	buf_append_str(out, "INSERT INTO ");
	buf_append(out, query + cmd->target_start, cmd->target_end - cmd->target_start);
	if (cmd->columns.count > 0)
	{
		buf_append_str(out, " (");
		for (int i = 0; i < cmd->columns.count; i++)
		{
			const CopyColumn *c = &cmd->columns.items[i];

			if (i > 0)
				buf_append_str(out, ", ");
			buf_append(out, query + c->start, c->end - c->start);
		}
		buf_append_byte(out, ')');
	}
	if (rows == PACKED)
	{
		buf_append_str(out, " SELECT ");
		for (int j = 0; j < ncols; j++)
			buf_appendf(out, j > 0 ? ", c%d" : "c%d", j);
		buf_append_str(out, " FROM pgwire_rows($1)");
		return;
	}
	buf_append_str(out, " VALUES ");
	for (int r = 0; r < rows; r++)
	{
		buf_append_str(out, r > 0 ? ", (" : "(");
		for (int j = 0; j < ncols; j++)
			buf_appendf(out, j > 0 ? ", $%d" : "$%d", n++);
		buf_append_byte(out, ')');
	}
}

/*
 * Rows per INSERT and per batch. IRIS has no multi-row VALUES
 * (iris-dialect.md #10), so it gets parameter arrays of single rows; the
 * SQLite and PostgreSQL drivers are fastest with many rows per statement
 * (measured: docs/performance.md). On PostgreSQL a batch is a savepoint's
 * worth of statements. On SQLite a packed batch (when pgwire_rows is
 * there) holds up to PACKED_CELLS values, 256 to 4096 rows.
 */
static void
choose_sizes(const Session *s, int ncols, int *rows_per_stmt, int *batch_rows, int *packed_rows)
{
	int			max_params = s->db.dialect == DIALECT_SQLITE ? SQLITE_MAX_PARAMS : OTHER_MAX_PARAMS;
	int			r;
	int			b;

	switch (s->db.dialect)
	{
		case DIALECT_IRIS:
			r = 1;
			b = 1000;
			break;
		case DIALECT_SQLITE:
			r = 256;
			b = 256;
			break;
		default:
			r = 1000;
			b = 4000;
			break;
	}
	*packed_rows = Max(256, Min(4096, PACKED_CELLS / Max(ncols, 1)));
	if (s->params.copy_rows_per_insert > 0 && s->db.dialect != DIALECT_IRIS)
		r = s->params.copy_rows_per_insert;
	if (s->params.copy_batch_rows > 0)
		b = *packed_rows = s->params.copy_batch_rows;
	r = Max(1, Min(r, max_params / Max(ncols, 1)));
	*rows_per_stmt = r;
	*batch_rows = Max(b, r);
}

/* A translated INSERT of the batch, and its markers. */
typedef struct BatchInsert
{
	ParamMap	map;
	Buf			sql;
} BatchInsert;

/*
 * Translate the INSERT of rows rows (PACKED: of a packed batch). Its
 * parameters are typed by how they are bound (integers as integers, text
 * as text): declaring the column types too would only cast every marker
 * on PostgreSQL, which psqlODBC then parses at every execution.
 */
static bool
translate_insert(CopyFrom *cf, const char *query, int rows, BatchInsert *ins, PgError *err)
{
	Buf			text;
	bool		ok;

	buf_init(&text);
	insert_text(query, cf->cmd, cf->cols.ncols, rows, &text);
	ok = !buf_failed(&text) && be_translate_text(cf->s, text.data, text.len, &ins->map, NULL, &ins->sql, err);
	if (!ok && buf_failed(&text))
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
	buf_free(&text);
	return ok;
}

static bool
open_batch(CopyFrom *cf, const char *query, PgError *err)
{
	OdbcBatchSpec spec;
	BatchInsert ins[3];			/* one row, rows_per_stmt rows, packed */
	int			rows_per_stmt;
	int			batch_rows;
	int			packed_rows;
	bool		packs;			/* packed batches: SQLite's, unless rows per INSERT are asked for */
	bool		ok;

	choose_sizes(cf->s, cf->cols.ncols, &rows_per_stmt, &batch_rows, &packed_rows);
	packs = cf->s->db.dialect == DIALECT_SQLITE && cf->s->params.copy_rows_per_insert == 0;
	for (size_t i = 0; i < lengthof(ins); i++)
	{
		xl_params_init(&ins[i].map);
		buf_init(&ins[i].sql);
	}
	ok = translate_insert(cf, query, 1, &ins[0], err) &&
		(rows_per_stmt == 1 || translate_insert(cf, query, rows_per_stmt, &ins[1], err)) &&
		(!packs || translate_insert(cf, query, PACKED, &ins[2], err));
	if (ok)
	{
		memset(&spec, 0, sizeof(spec));
		spec.ncols = cf->cols.ncols;
		spec.rows_per_stmt = rows_per_stmt;
		spec.batch_rows = batch_rows;
		spec.single_sql = ins[0].sql.data;
		spec.single_len = ins[0].sql.len;
		spec.single_map = &ins[0].map;
		spec.multi_sql = ins[1].sql.data;
		spec.multi_len = ins[1].sql.len;
		spec.multi_map = &ins[1].map;
		spec.packed_sql = packs ? ins[2].sql.data : NULL;
		spec.packed_len = ins[2].sql.len;
		spec.packed_map = &ins[2].map;
		spec.packed_batch_rows = packed_rows;
		cf->batch_open = true;
		ok = odbc_batch_open(&cf->batch, &cf->s->db, &spec, err);
		if (!ok)
			err->position = 0;
	}
	if (ok && (cf->linenos = calloc((size_t) cf->batch.capacity, sizeof(int64_t))) == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		ok = false;
	}
	for (size_t i = 0; i < lengthof(ins); i++)
	{
		xl_params_free(&ins[i].map);
		buf_free(&ins[i].sql);
	}
	return ok;
}

/* ---- rows ---- */

static bool
flush_batch(CopyFrom *cf, PgError *err)
{
	int			staged = cf->batch.nrows;
	int			failed_row;

	if (odbc_batch_flush(&cf->batch, &failed_row, err))
	{
		cf->inserted += staged;
		return true;
	}
	err->position = 0;
	set_context(cf, err, failed_row >= 0 ? cf->linenos[failed_row] : 0, NULL, NULL, 0, NULL, 0);
	return false;
}

/* One value of the row: the field as the column's type, staged for the batch. */
static bool
stage_value(CopyFrom *cf, int j, BoundParam *cell, PgError *err)
{
	const CopyField *f = &cf->reader.fields[j];
	const char *data = f->data;
	size_t		len = f->len;
	uint32_t	oid = cf->cols.cols[j].type_oid;
	PgValue		v;

	if (data == NULL && cf->force_not_null && cf->force_not_null[j])
	{
		data = cf->cmd->opts.null_print;
		len = cf->cmd->opts.null_len;
	}
	else if (data != NULL && cf->force_null && cf->force_null[j] &&
			 len == cf->cmd->opts.null_len && memcmp(data, cf->cmd->opts.null_print, len) == 0)
		data = NULL;

	buf_reset(&cf->scratch);
	if (data == NULL)
		v.kind = PGV_NULL;
	/* typmod -1: lengths and precision are the database's to enforce */
	else if (!pgtype_input(oid, data, len, -1, &v, &cf->scratch, err))
	{
		set_context(cf, err, cf->reader.lineno, cf->cols.cols[j].name, data, len, NULL, 0);
		return false;
	}
	return odbc_param_from_value(cf->s->db.dialect, &v, oid, &cf->batch.values, cell, err);
}

static bool
stage_row(CopyFrom *cf, PgError *err)
{
	const CopyReader *r = &cf->reader;
	BoundParam *cells;

	if (r->nfields > cf->cols.ncols)
	{
		pgerr_set(err, "22P04", "extra data after last expected column");
		return line_error(cf, err);
	}
	cells = odbc_batch_next_row(&cf->batch);
	for (int j = 0; j < cf->cols.ncols; j++)
	{
		if (j >= r->nfields)
		{
			pgerr_set(err, "22P04", "missing data for column \"%s\"", cf->cols.cols[j].name);
			return line_error(cf, err);
		}
		if (!stage_value(cf, j, &cells[j], err))
			return false;
	}
	cf->linenos[cf->batch.nrows] = r->lineno;
	odbc_batch_add_row(&cf->batch);
	return !odbc_batch_full(&cf->batch) || flush_batch(cf, err);
}

/* Every row the data received so far completes. */
static bool
take_rows(CopyFrom *cf, PgError *err)
{
	CopyReader *r = &cf->reader;
	int			rc;

	while ((rc = copy_reader_next(r, err)) == 1)
	{
		if (r->row_is_header)
		{
			if (cf->cmd->opts.header == COPY_HEADER_MATCH)
			{
				const char **names = malloc(sizeof(char *) * (size_t) cf->cols.ncols);
				bool		ok;

				if (names == NULL)
				{
					pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
					return false;
				}
				for (int j = 0; j < cf->cols.ncols; j++)
					names[j] = cf->cols.cols[j].name;
				ok = copy_check_header(r, names, cf->cols.ncols, err);
				free(names);
				if (!ok)
					return line_error(cf, err);
			}
			continue;
		}
		if (!stage_row(cf, err))
			return false;
	}
	if (rc < 0)
		return line_error(cf, err);
	return true;
}

/* ---- the COPY IN sub-protocol ---- */

/* The client went away or the process must end: nothing can be answered. */
PGW_NORETURN static void
connection_gone(Session *s, ConnStatus st, PgError *err)
{
	PgError		fatal;

	if (st == CONN_ERROR && pgerr_is_set(err))
		be_fatal(s, err);
	if (st == CONN_POSTMASTER_DIED)
		pgerr_set(&fatal, ERRCODE_ADMIN_SHUTDOWN, "terminating connection due to unexpected postmaster exit");
	else
		pgerr_set(&fatal, ERRCODE_CONNECTION_FAILURE,
				  "unexpected EOF on client connection with an open transaction");
	be_fatal(s, &fatal);
}

static bool
copy_fail(const uint8_t *body, size_t len, PgError *err)
{
	MsgReader	r;
	const char *msg = "";

	pq_reader_init(&r, body, len);
	if (!pq_get_string(&r, &msg, NULL))
		msg = "";
	pgerr_set(err, ERRCODE_QUERY_CANCELED, "COPY from stdin failed: %s", msg);
	return false;
}

/*
 * Any other message: PostgreSQL reports it, then ends the session because
 * it takes the protocol's synchronization as lost.
 */
PGW_NORETURN static void
unexpected_message(CopyFrom *cf, char type, PgError *err)
{
	PgError		fatal;

	pgerr_set(err, ERRCODE_PROTOCOL_VIOLATION,
			  "unexpected message type 0x%02X during COPY from stdin", (unsigned char) type);
	set_context(cf, err, cf->reader.lineno + 1, NULL, NULL, 0, NULL, 0);
	be_send_error(cf->s, err);
	pgerr_set(&fatal, ERRCODE_PROTOCOL_VIOLATION, "terminating connection because protocol synchronization was lost");
	be_fatal(cf->s, &fatal);
}

/* CopyData until CopyDone (true) or CopyFail or an error (false). */
static bool
receive_rows(CopyFrom *cf, PgError *err)
{
	Session    *s = cf->s;

	s->conn.deadline_ms = 0;
	for (;;)
	{
		char		type;
		const uint8_t *body;
		size_t		len;
		ConnStatus	st = conn_read_message(&s->conn, &type, &body, &len, err);

		if (st == CONN_INTERRUPTED)
		{
			be_process_interrupts(s);
			continue;
		}
		if (st == CONN_TIMEOUT)
			continue;
		if (st != CONN_OK)
			connection_gone(s, st, err);
		switch (type)
		{
			case PqMsg_CopyData:
				if (!copy_reader_feed(&cf->reader, body, len))
				{
					pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
					return false;
				}
				if (!take_rows(cf, err))
					return false;
				break;
			case PqMsg_CopyDone:
				copy_reader_finish(&cf->reader);
				return take_rows(cf, err) && flush_batch(cf, err);
			case PqMsg_CopyFail:
				/* PostgreSQL names the line it was reading, without its text */
				copy_fail(body, len, err);
				set_context(cf, err, cf->reader.lineno + 1, NULL, NULL, 0, NULL, 0);
				return false;
			case PqMsg_Flush:
			case PqMsg_Sync:
				/* a client library may send these without noticing the COPY */
				break;
			default:
				unexpected_message(cf, type, err);
		}
		if (be_cancel_requested() != CANCEL_NONE)
			return false;
	}
}

/* Set up, tell the client to send, take the rows, and report COPY n. */
static bool
run(CopyFrom *cf, const char *query, PgError *err)
{
	Session    *s = cf->s;
	bool		own_xact = s->xact == XACT_IDLE;
	CancelReason why;
	bool		ok;

	if (!describe_columns(cf, query, err) ||
		!be_copy_column_flags(&cf->cmd->force_not_null, &cf->cols, "FORCE_NOT_NULL",
							  &cf->force_not_null, err) ||
		!be_copy_column_flags(&cf->cmd->force_null, &cf->cols, "FORCE_NULL", &cf->force_null, err) ||
		!open_batch(cf, query, err))
		return false;
	/* one transaction for the whole COPY: a failure anywhere leaves none of its rows */
	if (own_xact && !xact_begin_implicit(s, err))
		return false;

	proto_write_copy_response(&s->conn.out, PqMsg_CopyInResponse, cf->cols.ncols);
	be_flush(s);

	be_cancel_begin(odbc_batch_handle(&cf->batch), s->params.statement_timeout);
	ok = receive_rows(cf, err);
	why = be_cancel_end();
	if (why != CANCEL_NONE)
	{
		/* a cancel overrides what the cancelled call reported, the context stays */
		char		context[sizeof(err->context)];

		memcpy(context, err->context, sizeof(context));
		be_cancel_explain(why, err);
		if (context[0] == '\0')
			set_context(cf, err, cf->reader.lineno, NULL, NULL, 0, NULL, 0);
		else
			memcpy(err->context, context, sizeof(context));
		ok = false;
	}
	if (ok && own_xact && !xact_end_implicit(s, err))
		ok = false;
	if (ok)
		be_copy_complete(s, cf->inserted);
	return ok;
}

bool
be_copy_from(Session *s, const char *query, const CopyCmd *cmd, PgError *err)
{
	CopyFrom	cf;
	bool		ok;

	memset(&cf, 0, sizeof(cf));
	cf.s = s;
	cf.cmd = cmd;
	buf_init(&cf.scratch);
	copy_reader_init(&cf.reader, &cmd->opts);
	ok = run(&cf, query, err);
	if (cf.batch_open)
		odbc_batch_close(&cf.batch);
	copy_reader_free(&cf.reader);
	odbc_result_close(&cf.cols);
	free(cf.force_not_null);
	free(cf.force_null);
	free(cf.linenos);
	buf_free(&cf.scratch);
	return ok;
}
