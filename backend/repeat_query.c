/*
 * repeat_query.c
 *		The last simple Query and, when it was one statement for the
 *		database, its translation (repeat_query.h says why and when it is
 *		valid).
 *
 * Owns: the remembered text, the kept statement's translation and column
 * hints, and when they are dropped.
 */
#include "backend/repeat_query.h"

#include <stdlib.h>
#include <string.h>

void
repeat_init(RepeatQuery *rq)
{
	memset(rq, 0, sizeof(*rq));
	rq->hstmt = SQL_NULL_HSTMT;
	buf_init(&rq->sql);
	xl_columns_init(&rq->columns);
}

static void
forget_statement(RepeatQuery *rq)
{
	if (rq->hstmt != SQL_NULL_HSTMT)
		(void) SQLFreeHandle(SQL_HANDLE_STMT, rq->hstmt);
	rq->hstmt = SQL_NULL_HSTMT;
	if (rq->described)
		odbc_result_close(&rq->description);
	rq->described = false;
	rq->tableless = false;
	rq->kept = false;
	buf_free(&rq->sql);
	xl_columns_free(&rq->columns);
}

void
repeat_free(RepeatQuery *rq)
{
	forget_statement(rq);
	free(rq->text);
	rq->text = NULL;
	rq->len = 0;
}

static bool
same_text(const RepeatQuery *rq, const char *query, size_t len, uint64_t generation)
{
	return rq->text != NULL && rq->generation == generation && rq->len == len &&
		memcmp(rq->text, query, len) == 0;
}

bool
repeat_is_kept(const RepeatQuery *rq, const char *query, size_t len, uint64_t generation)
{
	return rq->kept && same_text(rq, query, len, generation);
}

void
repeat_note(RepeatQuery *rq, const char *query, size_t len, uint64_t generation)
{
	repeat_free(rq);
	rq->text = malloc(len + 1);
	if (rq->text == NULL)
		return;					/* nothing remembered: nothing kept */
	memcpy(rq->text, query, len);
	rq->text[len] = '\0';
	rq->len = len;
	rq->generation = generation;
}

bool
repeat_can_keep(const StatementList *list, const Statement *stmt)
{
	if (list->count != 1)
		return false;
	switch (stmt->kind)
	{
		case STMT_SELECT:
		case STMT_INSERT:
		case STMT_UPDATE:
		case STMT_DELETE:
			return true;
		default:
			return false;
	}
}

void
repeat_keep(RepeatQuery *rq, const Statement *stmt, Buf *sql, ColumnList *columns)
{
	forget_statement(rq);
	if (rq->text == NULL)
		return;
	rq->stmt = *stmt;
	rq->sql = *sql;
	buf_init(sql);
	rq->columns = *columns;
	xl_columns_init(columns);
	rq->tableless = stmt->kind == STMT_SELECT && odbc_reads_no_table(rq->sql.data, rq->sql.len);
	rq->kept = true;
}

SQLHSTMT
repeat_handle(RepeatQuery *rq, OdbcConn *db)
{
	PgError		err;

	if (rq->tableless && rq->hstmt == SQL_NULL_HSTMT &&
		!odbc_prepare_tableless(db, rq->sql.data, rq->sql.len, &rq->hstmt, &err))
		rq->tableless = false;	/* the driver would not: run the text */
	return rq->hstmt;
}

const ResultSet *
repeat_description(RepeatQuery *rq, OdbcConn *db)
{
	PgError		err;

	if (rq->hstmt == SQL_NULL_HSTMT)
		return NULL;
	if (!rq->described)
	{
		ResultSet	rs;

		if (!odbc_result_open(db, rq->hstmt, &rq->columns, &rs, &err))
			return NULL;
		rq->described = odbc_result_copy_description(&rs, &rq->description);
		odbc_result_close(&rs);
	}
	return rq->described ? &rq->description : NULL;
}
