/*
 * copy_to.c
 *		COPY table [(columns)] | (query) TO STDOUT: rows out as CopyData.
 *
 * Owns: running the SELECT a COPY TO stands for and streaming its rows to
 * the client, one CopyData per row as PostgreSQL sends them, flushed in
 * batches so memory stays flat however many rows there are. Each value is
 * made exactly as a DataRow's (odbc_result.c: the same fetch, the same
 * PostgreSQL text), then escaped for the format (copy_format.c).
 */
#include "backend/copy.h"

#include "backend/cancel.h"
#include "backend/exec.h"
#include "common/copy_format.h"
#include "common/proto.h"
#include "common/protocol.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

/* Flush rows to the client whenever this much output is queued. */
#define STREAM_FLUSH_BYTES	(64 * 1024)

typedef struct CopyTo
{
	Session    *s;
	const CopyCmd *cmd;
	ResultSet	rs;
	bool		rs_open;
	bool	   *force_quote;	/* per column, or NULL */
	Buf			row;			/* one DataRow, as odbc_result_fetch() makes it */
	int64_t		sent;
} CopyTo;

/* The SELECT to run: the client's query, or one of the table's columns. */
static bool
select_sql(CopyTo *ct, const char *query, Buf *sql, ColumnList *hints, PgError *err)
{
	const CopyCmd *cmd = ct->cmd;
	Buf			text;
	StatementList list;
	bool		ok;

	buf_init(&text);
	if (cmd->is_query)
		buf_append(&text, query + cmd->target_start, cmd->target_end - cmd->target_start);
	else
		be_copy_select_text(query, cmd, &text);
	if (buf_failed(&text))
	{
		buf_free(&text);
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	ok = be_translate_text(ct->s, text.data, text.len, NULL, NULL, sql, err);
	/* the translator's view of the target list types what the driver cannot */
	xl_statements_init(&list);
	if (ok && xl_split(text.data, text.len, &list, err) && list.count == 1)
		(void) xl_select_columns(text.data, &list, &list.stmts[0], hints);
	xl_statements_free(&list);
	buf_free(&text);
	return ok;
}

/* Append the column names line of HEADER. */
static void
append_header(CopyTo *ct, Buf *out)
{
	const CopyFormatOptions *o = &ct->cmd->opts;
	size_t		start = pq_begin(out, PqMsg_CopyData);

	for (int i = 0; i < ct->rs.ncols; i++)
	{
		const char *name = ct->rs.cols[i].name;

		if (i > 0)
			buf_append_byte(out, (uint8_t) o->delim);
		copy_append_field(out, o, name, strlen(name), false, ct->rs.ncols == 1);
	}
	buf_append_byte(out, '\n');
	pq_end(out, start);
}

/*
 * Turn the DataRow in ct->row (type, length, count, then each value's
 * length and bytes) into one CopyData line.
 */
static void
append_row(CopyTo *ct, Buf *out)
{
	const CopyFormatOptions *o = &ct->cmd->opts;
	const char *p = ct->row.data + 1 + 4 + 2;
	size_t		start = pq_begin(out, PqMsg_CopyData);

	for (int i = 0; i < ct->rs.ncols; i++)
	{
		int32_t		len;
		uint32_t	n;

		memcpy(&n, p, 4);
		len = (int32_t) ntohl(n);
		p += 4;
		if (i > 0)
			buf_append_byte(out, (uint8_t) o->delim);
		copy_append_field(out, o, len < 0 ? NULL : p, len < 0 ? 0 : (size_t) len,
						  ct->force_quote != NULL && ct->force_quote[i], ct->rs.ncols == 1);
		if (len > 0)
			p += len;
	}
	buf_append_byte(out, '\n');
	pq_end(out, start);
}

static bool
send_rows(CopyTo *ct, PgError *err)
{
	Session    *s = ct->s;
	FormatOptions fmt = {.extra_float_digits = s->params.extra_float_digits};

	for (;;)
	{
		int			rc;

		buf_reset(&ct->row);
		rc = odbc_result_fetch(&ct->rs, &ct->row, &fmt, NULL, err);
		if (rc < 0)
			return false;
		if (rc == 0)
			return true;
		append_row(ct, &s->conn.out);
		if (buf_failed(&s->conn.out))
		{
			pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
			return false;
		}
		ct->sent++;
		if (s->conn.out.len >= STREAM_FLUSH_BYTES)
			be_flush(s);
	}
}

static bool
run(CopyTo *ct, const char *query, PgError *err)
{
	Session    *s = ct->s;
	ColumnList	hints;
	Buf			sql;
	bool		ok;

	buf_init(&sql);
	xl_columns_init(&hints);
	ok = select_sql(ct, query, &sql, &hints, err) && odbc_exec_direct(&s->db, sql.data, sql.len, err);
	if (ok)
	{
		ok = odbc_result_open(&s->db, s->db.stmt, &hints, &ct->rs, err);
		ct->rs_open = ok;
	}
	if (!ok)
		err->position = 0;
	xl_columns_free(&hints);
	buf_free(&sql);
	if (ok && ct->rs.ncols == 0)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "COPY query must have a RETURNING clause");
		ok = false;
	}
	if (!ok || !be_copy_column_flags(&ct->cmd->force_quote, &ct->rs, "FORCE_QUOTE", &ct->force_quote, err))
		return false;

	proto_write_copy_response(&s->conn.out, PqMsg_CopyOutResponse, ct->rs.ncols);
	if (ct->cmd->opts.header != COPY_HEADER_NONE)
		append_header(ct, &s->conn.out);
	if (!send_rows(ct, err))
		return false;
	proto_write_empty(&s->conn.out, PqMsg_CopyDone);
	be_copy_complete(s, ct->sent);
	return true;
}

bool
be_copy_to(Session *s, const char *query, const CopyCmd *cmd, PgError *err)
{
	CopyTo		ct;
	CancelReason why;
	bool		ok;

	memset(&ct, 0, sizeof(ct));
	ct.s = s;
	ct.cmd = cmd;
	buf_init(&ct.row);
	be_cancel_begin(s->db.stmt, s->params.statement_timeout);
	ok = run(&ct, query, err);
	why = be_cancel_end();
	if (!ok)
		be_cancel_explain(why, err);
	if (ct.rs_open)
		odbc_result_close(&ct.rs);
	odbc_stmt_reset(&s->db);
	free(ct.force_quote);
	buf_free(&ct.row);
	return ok;
}
