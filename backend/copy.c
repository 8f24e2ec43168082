/*
 * copy.c
 *		COPY: which forms pgwire runs, and what its two directions share.
 *
 * Owns: the refusals (files and programs on the server, binary format,
 * other encodings) and the SQL a COPY is carried out with: a SELECT of the
 * table's columns, an INSERT of its rows, both written from the user's own
 * text and translated like any statement, so names, quoting and dialect
 * rules apply as they would to the user's SELECT or INSERT. Never touches
 * the data: copy_from.c and copy_to.c do.
 */
#include "backend/copy.h"

#include "backend/exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ERRCODE_INVALID_COLUMN_REFERENCE "42P10"

static bool
refuse_io(const CopyCmd *cmd, PgError *err)
{
	const char *what = cmd->io == COPY_IO_PROGRAM ?
		(cmd->is_from ? "COPY from a program" : "COPY to a program") :
		(cmd->is_from ? "COPY from a file" : "COPY to a file");

	pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported by pgwire", what);
	pgerr_set_detail(err, "pgwire does not read or write files or run programs on its server.");
	pgerr_set_hint(err, "Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.");
	return false;
}

static bool
check_supported(const CopyCmd *cmd, PgError *err)
{
	if (cmd->io != COPY_IO_CLIENT)
		return refuse_io(cmd, err);
	if (cmd->opts.format == COPY_FORMAT_BINARY)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "COPY in binary format is not supported by pgwire");
		pgerr_set_hint(err, "Use FORMAT text or FORMAT csv.");
		return false;
	}
	if (cmd->encoding[0] != '\0' && strcasecmp(cmd->encoding, "UTF8") != 0 &&
		strcasecmp(cmd->encoding, "UTF-8") != 0 && strcasecmp(cmd->encoding, "UNICODE") != 0)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "COPY with ENCODING '%s' is not supported by pgwire",
				  cmd->encoding);
		pgerr_set_detail(err, "pgwire reads and writes UTF8 only.");
		return false;
	}
	return true;
}

bool
be_run_copy(Session *s, const char *query, const StatementList *list, const Statement *stmt,
			PgError *err)
{
	CopyCmd		cmd;
	bool		ok;

	xl_copy_cmd_init(&cmd);
	ok = xl_parse_copy(query, list, stmt, &cmd, err) && check_supported(&cmd, err);
	if (ok && cmd.is_from)
		ok = be_copy_from(s, query, &cmd, err);
	else if (ok)
		ok = be_copy_to(s, query, &cmd, err);
	xl_copy_cmd_free(&cmd);
	return ok;
}

void
be_copy_select_text(const char *query, const CopyCmd *cmd, Buf *out)
{
	buf_append_str(out, "SELECT ");
	if (cmd->columns.count == 0)
		buf_append_byte(out, '*');
	for (int i = 0; i < cmd->columns.count; i++)
	{
		const CopyColumn *c = &cmd->columns.items[i];

		if (i > 0)
			buf_append_str(out, ", ");
		buf_append(out, query + c->start, c->end - c->start);
	}
	buf_append_str(out, " FROM ");
	buf_append(out, query + cmd->target_start, cmd->target_end - cmd->target_start);
}

/* The column named name: exactly, else ignoring case (SQLite and IRIS keep the case written). */
static int
find_column(const ResultSet *cols, const char *name)
{
	for (int i = 0; i < cols->ncols; i++)
	{
		if (strcmp(cols->cols[i].name, name) == 0)
			return i;
	}
	for (int i = 0; i < cols->ncols; i++)
	{
		if (strcasecmp(cols->cols[i].name, name) == 0)
			return i;
	}
	return -1;
}

bool
be_copy_column_flags(const CopyColumnList *list, const ResultSet *cols, const char *option,
					 bool **flags, PgError *err)
{
	*flags = NULL;
	if (!list->given)
		return true;
	*flags = calloc((size_t) Max(cols->ncols, 1), sizeof(bool));
	if (*flags == NULL)
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	for (int i = 0; i < cols->ncols; i++)
		(*flags)[i] = list->all;
	for (int k = 0; k < list->count; k++)
	{
		int			i = find_column(cols, list->items[k].name);

		if (i < 0)
		{
			pgerr_set(err, ERRCODE_INVALID_COLUMN_REFERENCE, "%s column \"%s\" not referenced by COPY",
					  option, list->items[k].name);
			free(*flags);
			*flags = NULL;
			return false;
		}
		(*flags)[i] = true;
	}
	return true;
}

void
be_copy_complete(Session *s, int64_t rows)
{
	char		tag[32];

	snprintf(tag, sizeof(tag), "COPY %lld", (long long) rows);
	proto_write_command_complete(&s->conn.out, tag);
}
