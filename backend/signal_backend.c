/*
 * signal_backend.c
 *		pg_cancel_backend(pid) and pg_terminate_backend(pid), answered by
 *		pgwire: the statement is never sent to the database.
 *
 * Owns: checking the pid against the shared-memory table of backends and
 * sending the signal a CancelRequest or a fast shutdown would send (SIGINT
 * cancels the running statement, SIGTERM ends the session with 57P01),
 * then answering with one boolean row as PostgreSQL does. A pid that is
 * not one of pgwire's backends gets PostgreSQL's WARNING and false.
 */
#include "backend/signal_backend.h"

#include "common/proto.h"
#include "common/protocol.h"
#include "common/types.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

void
be_describe_signal_backend(Session *s, const SessionCmd *cmd)
{
	FieldDesc	f = {.name = cmd->column,.type_oid = BOOLOID,.typlen = 1,.typmod = -1,.format = 0};

	proto_write_row_description(&s->conn.out, &f, 1);
}

bool
be_signal_backend(Session *s, const SessionCmd *cmd, bool with_description, PgError *err)
{
	bool		terminate = strcmp(cmd->name, "pg_terminate_backend") == 0;
	pid_t		pid = (pid_t) cmd->pid;
	bool		done = false;
	size_t		row;

	(void) err;
	if (s->start->shmem != NULL && shm_is_backend(s->start->shmem, pid))
		done = kill(pid, terminate ? SIGTERM : SIGINT) == 0;
	else
	{
		PgError		warning;

		pgerr_set(&warning, ERRCODE_WARNING, "PID %d is not a PostgreSQL backend process", (int) pid);
		warning.severity = PGSEV_WARNING;
		be_send_notice(s, &warning);
	}
	if (with_description)
		be_describe_signal_backend(s, cmd);
	row = pq_begin(&s->conn.out, PqMsg_DataRow);
	pq_put_int16(&s->conn.out, 1);
	pq_put_int32(&s->conn.out, 1);
	pq_put_bytes(&s->conn.out, done ? "t" : "f", 1);
	pq_end(&s->conn.out, row);
	proto_write_command_complete(&s->conn.out, "SELECT 1");
	return true;
}
