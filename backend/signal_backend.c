/*
 * signal_backend.c
 *		pg_cancel_backend(pid) and pg_terminate_backend(pid), answered by
 *		pgwire: the statement is never sent to the database.
 *
 * Owns: checking the pid against the shared-memory table of backends and
 * sending the signal a CancelRequest or a fast shutdown would send (SIGINT
 * cancels the running statement, SIGTERM ends the session with 57P01),
 * then answering with one boolean row as PostgreSQL does. A pid that is
 * not one of pgwire's backends gets PostgreSQL's WARNING and false; a
 * session may signal only its own user's sessions unless its user is one
 * of the superusers setting's (PostgreSQL's permission rule, 42501).
 */
#include "backend/signal_backend.h"

#include "common/proto.h"
#include "common/protocol.h"
#include "common/types.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

void
be_describe_signal_backend(Session *s, const SessionCmd *cmd)
{
	FieldDesc	f = {.name = cmd->column,.type_oid = BOOLOID,.typlen = 1,.typmod = -1,.format = 0};

	proto_write_row_description(&s->conn.out, &f, 1);
}

/* The pid asked for: a literal, or the portal's $n. False with err set if unusable. */
static bool
resolve_pid(const SessionCmd *cmd, const Portal *portal, int64_t *pid, bool *is_null, PgError *err)
{
	*is_null = false;
	*pid = cmd->pid;
	if (cmd->pid_param == 0)
		return true;
	if (portal == NULL)
	{
		pgerr_set(err, ERRCODE_UNDEFINED_PARAMETER, "there is no parameter $%d", cmd->pid_param);
		return false;
	}
	if (!prep_portal_param_int(portal, cmd->pid_param, pid, is_null))
	{
		pgerr_set(err, ERRCODE_INVALID_TEXT_REPRESENTATION, "invalid input syntax for type integer");
		return false;
	}
	return true;
}

/*
 * PostgreSQL's rule: a superuser may signal anyone; others only sessions
 * of their own user, never a superuser's (nor a session still logging in,
 * whose user is not known yet).
 */
static bool
check_permission(const Session *s, const BackendSlot *target, bool terminate, PgError *err)
{
	bool		target_superuser = atomic_load(&target->superuser) || target->user[0] == '\0';

	if (s->params.is_superuser)
		return true;
	if (target_superuser)
	{
		pgerr_set(err, ERRCODE_INSUFFICIENT_PRIVILEGE,
				  terminate ? "permission denied to terminate process" : "permission denied to cancel query");
		pgerr_set_detail(err, terminate ?
						 "Only roles with the SUPERUSER attribute may terminate processes of roles with the SUPERUSER attribute." :
						 "Only roles with the SUPERUSER attribute may cancel queries of roles with the SUPERUSER attribute.");
		return false;
	}
	if (strncmp(target->user, s->user, sizeof(target->user)) != 0)
	{
		pgerr_set(err, ERRCODE_INSUFFICIENT_PRIVILEGE,
				  terminate ? "permission denied to terminate process" : "permission denied to cancel query");
		pgerr_set_detail(err, terminate ?
						 "Only roles with privileges of the role whose process is being terminated or with privileges of the \"pg_signal_backend\" role may terminate this process." :
						 "Only roles with privileges of the role whose query is being canceled or with privileges of the \"pg_signal_backend\" role may cancel this query.");
		return false;
	}
	return true;
}

/* Signal pid if allowed: true/false as the function's result, or an error. */
static bool
signal_pid(Session *s, pid_t pid, bool terminate, bool *done, PgError *err)
{
	const BackendSlot *target = s->start->shmem != NULL ? shm_find_backend(s->start->shmem, pid) : NULL;

	*done = false;
	if (target == NULL)
	{
		PgError		warning;

		pgerr_set(&warning, ERRCODE_WARNING, "PID %d is not a PostgreSQL backend process", (int) pid);
		warning.severity = PGSEV_WARNING;
		be_send_notice(s, &warning);
		return true;
	}
	if (!check_permission(s, target, terminate, err))
		return false;
	*done = kill(pid, terminate ? SIGTERM : SIGINT) == 0;
	return true;
}

bool
be_signal_backend(Session *s, const SessionCmd *cmd, const Portal *portal, bool with_description,
				  PgError *err)
{
	bool		terminate = strcmp(cmd->name, "pg_terminate_backend") == 0;
	int64_t		pid;
	bool		is_null;
	bool		done = false;
	size_t		row;

	if (!resolve_pid(cmd, portal, &pid, &is_null, err))
		return false;
	/* the functions are strict: NULL in, NULL out, nobody signalled */
	if (!is_null && !signal_pid(s, (pid_t) (pid > 0 && pid <= INT32_MAX ? pid : 0), terminate, &done, err))
		return false;
	if (with_description)
		be_describe_signal_backend(s, cmd);
	row = pq_begin(&s->conn.out, PqMsg_DataRow);
	pq_put_int16(&s->conn.out, 1);
	if (is_null)
		pq_put_int32(&s->conn.out, -1);
	else
	{
		pq_put_int32(&s->conn.out, 1);
		pq_put_bytes(&s->conn.out, done ? "t" : "f", 1);
	}
	pq_end(&s->conn.out, row);
	proto_write_command_complete(&s->conn.out, "SELECT 1");
	return true;
}
