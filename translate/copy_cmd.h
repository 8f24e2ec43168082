/*
 * copy_cmd.h
 *		The COPY statement, parsed: what is copied (a table and its columns,
 *		or a query), which way, from or to where, and in which format.
 *
 * Both syntaxes PostgreSQL accepts are read: the option list in
 * parentheses, COPY t FROM STDIN (FORMAT csv, HEADER match, ...), and the
 * older words psql and pg_dump still send, COPY t FROM STDIN WITH CSV
 * HEADER DELIMITER ',' ... The options are checked as PostgreSQL's
 * ProcessCopyOptions() checks them, with its messages. Running the COPY
 * is the backend's business (backend/copy.c).
 */
#ifndef PGW_XL_COPY_CMD_H
#define PGW_XL_COPY_CMD_H

#include "common/copy_format.h"
#include "translate/translate.h"

/* Where the data comes from or goes to. */
typedef enum CopyIo
{
	COPY_IO_CLIENT,				/* STDIN / STDOUT: the COPY sub-protocol */
	COPY_IO_FILE,				/* 'filename': a file on the server */
	COPY_IO_PROGRAM				/* PROGRAM 'command' */
} CopyIo;

/* A column named in the statement. */
typedef struct CopyColumn
{
	char		name[64];		/* decoded: unquoted names folded to lower case */
	uint32_t	start;			/* its text as written: query[start .. end) */
	uint32_t	end;
} CopyColumn;

typedef struct CopyColumnList
{
	CopyColumn *items;
	int			count;
	int			cap;
	bool		all;			/* FORCE_QUOTE * */
	bool		given;			/* the option (or the column list) was written */
} CopyColumnList;

typedef struct CopyCmd
{
	bool		is_from;
	CopyIo		io;
	bool		is_query;		/* COPY (query) TO */
	uint32_t	target_start;	/* the table name as written ("public.t"), or */
	uint32_t	target_end;		/* the query inside the parentheses */
	char		relname[64];	/* the table's own name, decoded: "COPY t, line 3" */
	CopyColumnList columns;		/* COPY t (a, b): count 0 = all columns */
	CopyFormatOptions opts;		/* null_print points into null_text */
	Buf			null_text;
	CopyColumnList force_quote;
	CopyColumnList force_not_null;
	CopyColumnList force_null;
	bool		freeze;
	char		encoding[32];	/* ENCODING 'x' as written, "" if not given */
} CopyCmd;

void		xl_copy_cmd_init(CopyCmd *cmd);
void		xl_copy_cmd_free(CopyCmd *cmd);

/*
 * Parse a statement of kind STMT_COPY. Syntax errors fill err (42601 with
 * the position), bad options PostgreSQL's error for them (22023, 0A000,
 * 42601 "conflicting or redundant options" ...), and forms pgwire cannot
 * run (COPY ... WHERE) 0A000.
 */
bool		xl_parse_copy(const char *query, const StatementList *list, const Statement *stmt,
						  CopyCmd *out, PgError *err) PGW_MUSTCHECK;

/* The index of name in list, or -1. */
int			xl_copy_column_index(const CopyColumnList *list, const char *name);

#endif							/* PGW_XL_COPY_CMD_H */
