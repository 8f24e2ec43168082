/*
 * session.c
 *		A session's parameters.
 *
 * Owns: the three Configs of a session (current values, RESET values, and
 * the values saved at the first SET of a transaction), the rules of who may
 * change what (PostgreSQL's GucContext), and ParameterStatus reporting.
 * Reports are queued just before ReadyForQuery, as PostgreSQL does, so a
 * SET undone by ROLLBACK in the same Query is never reported.
 */
#include "backend/session.h"

#include "common/log.h"
#include "common/proto.h"
#include "common/protocol.h"
#include "common/types.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static size_t
param_index(const ConfigParam *p)
{
	for (size_t i = 0; i < config_param_count(); i++)
	{
		if (config_param_at(i) == p)
			return i;
	}
	return 0;
}

bool
session_init_params(Session *s, const Config *server, PgError *err)
{
	if (config_param_count() > SESSION_MAX_PARAMS)
	{
		pgerr_set(err, ERRCODE_INTERNAL_ERROR, "too many parameters for a session");
		return false;
	}
	if (!config_copy(&s->params, server) || !config_copy(&s->reset_params, server))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	memset(s->set_by_session, 0, sizeof(s->set_by_session));
	memset(s->report_pending, 0, sizeof(s->report_pending));
	return true;
}

void
session_free_params(Session *s)
{
	config_free(&s->params);
	config_free(&s->reset_params);
	if (s->have_xact_saved)
		config_free(&s->xact_saved_params);
	s->have_xact_saved = false;
}

static void
cant_change(const ConfigParam *p, PgError *err)
{
	switch (p->context)
	{
		case PARAM_POSTMASTER:
			pgerr_set(err, ERRCODE_CANT_CHANGE_RUNTIME_PARAM,
					  "parameter \"%s\" cannot be changed without restarting the server", p->name);
			break;
		case PARAM_INTERNAL:
			pgerr_set(err, ERRCODE_CANT_CHANGE_RUNTIME_PARAM,
					  "parameter \"%s\" cannot be changed", p->name);
			break;
		default:
			pgerr_set(err, ERRCODE_CANT_CHANGE_RUNTIME_PARAM,
					  "parameter \"%s\" cannot be changed now", p->name);
			break;
	}
}

static const ConfigParam *
lookup_or_error(const char *name, PgError *err)
{
	const ConfigParam *p = config_lookup(name);

	if (p == NULL)
		pgerr_set(err, ERRCODE_UNDEFINED_OBJECT, "unrecognized configuration parameter \"%s\"", name);
	return p;
}

/* Store a value in the current config and mark it for reporting. */
static bool
assign(Session *s, const ConfigParam *p, const char *value, PgError *err)
{
	if (!config_set(&s->params, p, value, err))
		return false;
	s->generation++;			/* translations may read settings */
	if (p->flags & PARAM_REPORT)
		s->report_pending[param_index(p)] = 1;
	return true;
}

bool
session_set_startup_param(Session *s, const char *name, const char *value, PgError *err)
{
	const ConfigParam *p = lookup_or_error(name, err);

	if (p == NULL)
		return false;
	if (p->context != PARAM_USERSET && p->context != PARAM_BACKEND)
	{
		cant_change(p, err);
		return false;
	}
	if (!assign(s, p, value, err) || !config_set(&s->reset_params, p, value, err))
		return false;
	s->set_by_session[param_index(p)] = 1;
	return true;
}

static void
report_param(Session *s, const ConfigParam *p)
{
	Buf			value;

	buf_init(&value);
	config_show(&s->params, p, &value);
	proto_write_parameter_status(&s->conn.out, p->name, value.data ? value.data : "");
	buf_free(&value);
}

void
session_report_all(Session *s)
{
	for (size_t i = 0; i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);

		if (p->flags & PARAM_REPORT)
			report_param(s, p);
		s->report_pending[i] = 0;
	}
}

void
session_apply_timezone(Session *s)
{
	const char *zone = s->params.TimeZone ? s->params.TimeZone : "UTC";
	PgError		err;

	if (strcmp(zone, s->applied_timezone) == 0)
		return;
	/* the value passed the parameter check; a zone the C library lacks stays as it was */
	if (!pgtype_set_timezone(zone, &err))
		log_pgerror(LL_WARNING, &err);
	snprintf(s->applied_timezone, sizeof(s->applied_timezone), "%s", zone);
}

void
session_report_changes(Session *s)
{
	for (size_t i = 0; i < config_param_count(); i++)
	{
		if (!s->report_pending[i])
			continue;
		s->report_pending[i] = 0;
		report_param(s, config_param_at(i));
	}
}

/* Inside a transaction, remember the values before its first SET. */
static bool
save_for_rollback(Session *s, PgError *err)
{
	if (s->xact == XACT_IDLE || s->have_xact_saved)
		return true;
	if (!config_copy(&s->xact_saved_params, &s->params))
	{
		pgerr_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
		return false;
	}
	s->have_xact_saved = true;
	memset(s->set_local, 0, sizeof(s->set_local));
	return true;
}

static bool
check_settable(const ConfigParam *p, PgError *err)
{
	if (p->context != PARAM_USERSET)
	{
		cant_change(p, err);
		return false;
	}
	return true;
}

static void
write_command_complete(Session *s, const char *tag)
{
	proto_write_command_complete(&s->conn.out, tag);
}

static void write_text_row(Buf *out, const char *const *values, int n);

/*
 * SET [LOCAL] name = value / TO DEFAULT, and set_config(): change the
 * parameter, remembering how (for RESET, transaction end and rollback).
 * *ignored: SET LOCAL outside a transaction block, which changes nothing.
 */
static bool
set_param(Session *s, const SessionCmd *cmd, bool *ignored, PgError *err)
{
	const ConfigParam *p = lookup_or_error(cmd->name, err);
	const char *value;

	*ignored = false;
	if (p == NULL || !check_settable(p, err))
		return false;
	if (cmd->is_local && s->xact == XACT_IDLE)
	{
		*ignored = true;
		return true;
	}
	if (!save_for_rollback(s, err))
		return false;
	value = cmd->is_default ? NULL : (cmd->value.data ? cmd->value.data : "");
	if (value == NULL)
	{
		Buf			reset_value;
		bool		ok;

		buf_init(&reset_value);
		config_show(&s->reset_params, p, &reset_value);
		ok = assign(s, p, reset_value.data ? reset_value.data : "", err);
		buf_free(&reset_value);
		if (!ok)
			return false;
	}
	else if (!assign(s, p, value, err))
		return false;

	if (cmd->is_local)
		s->set_local[param_index(p)] = 1;
	else
		s->set_by_session[param_index(p)] = 1;
	return true;
}

bool
session_exec_set(Session *s, const SessionCmd *cmd, PgError *err)
{
	bool		ignored;

	if (!set_param(s, cmd, &ignored, err))
		return false;
	if (ignored)
	{
		PgError		warning;

		pgerr_set(&warning, ERRCODE_NO_ACTIVE_SQL_TRANSACTION,
				  "SET LOCAL can only be used in transaction blocks");
		warning.severity = PGSEV_WARNING;
		be_send_notice(s, &warning);
	}
	write_command_complete(s, "SET");
	return true;
}

void
session_describe_set_config(Session *s, const SessionCmd *cmd)
{
	FieldDesc	f = {.name = cmd->column,.type_oid = TEXTOID,.typlen = -1,.typmod = -1,.format = 0};

	proto_write_row_description(&s->conn.out, &f, 1);
}

bool
session_exec_set_config(Session *s, const SessionCmd *cmd, bool with_description, PgError *err)
{
	bool		ignored;
	Buf			value;
	const char *text;

	if (!set_param(s, cmd, &ignored, err))
		return false;
	/* the function returns the new value, as SHOW would show it */
	buf_init(&value);
	if (!ignored)
		config_show(&s->params, config_lookup(cmd->name), &value);
	else
		buf_append_str(&value, cmd->value.data ? cmd->value.data : "");
	text = value.data ? value.data : "";
	if (with_description)
		session_describe_set_config(s, cmd);
	write_text_row(&s->conn.out, &text, 1);
	buf_free(&value);
	write_command_complete(s, "SELECT 1");
	return true;
}

/* Copy one parameter's value from src into the session's current values. */
static bool
restore_param(Session *s, const ConfigParam *p, const Config *src, PgError *err)
{
	Buf			value;
	bool		ok;

	if (config_equal(&s->params, src, p))
		return true;
	buf_init(&value);
	config_show(src, p, &value);
	ok = assign(s, p, value.data ? value.data : "", err);
	buf_free(&value);
	return ok;
}

static bool
reset_all(Session *s, PgError *err)
{
	for (size_t i = 0; i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);

		if (p->context != PARAM_USERSET)
			continue;
		if (!restore_param(s, p, &s->reset_params, err))
			return false;
	}
	return true;
}

bool
session_exec_reset(Session *s, const SessionCmd *cmd, PgError *err)
{
	if (!save_for_rollback(s, err))
		return false;
	if (cmd->is_all)
	{
		if (!reset_all(s, err))
			return false;
	}
	else
	{
		const ConfigParam *p = lookup_or_error(cmd->name, err);

		if (p == NULL || !check_settable(p, err) ||
			!restore_param(s, p, &s->reset_params, err))
			return false;
	}
	write_command_complete(s, "RESET");
	return true;
}

/* Values SHOW knows that are not configuration parameters. */
static const char *
show_pseudo_param(const Session *s, const char *name)
{
	if (strcasecmp(name, "transaction_isolation") == 0 ||
		strcasecmp(name, "default_transaction_isolation") == 0)
		return s->db.dialect == DIALECT_SQLITE ? "serializable" : "read committed";
	if (strcasecmp(name, "transaction_read_only") == 0)
		return "off";
	return NULL;
}

/* The columns SHOW returns: the parameter's name, or name/setting/description for ALL. */
static int
show_columns(const SessionCmd *cmd, const char *column, FieldDesc *f)
{
	static const char *const all_names[] = {"name", "setting", "description"};
	int			n = cmd->is_all ? 3 : 1;

	for (int i = 0; i < n; i++)
		f[i] = (FieldDesc) {.name = cmd->is_all ? all_names[i] : column,
			.type_oid = TEXTOID,.typlen = -1,.typmod = -1};
	return n;
}

static void
write_text_row(Buf *out, const char *const *values, int n)
{
	size_t		start = pq_begin(out, PqMsg_DataRow);

	pq_put_int16(out, (int16_t) n);
	for (int i = 0; i < n; i++)
	{
		pq_put_int32(out, (int32_t) strlen(values[i]));
		pq_put_bytes(out, values[i], strlen(values[i]));
	}
	pq_end(out, start);
}

static void
show_all_rows(Session *s)
{
	Buf			value;

	buf_init(&value);
	for (size_t i = 0; i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);
		const char *cols[3];

		if (p->flags & PARAM_NO_SHOW_ALL)
			continue;
		buf_reset(&value);
		config_show(&s->params, p, &value);
		cols[0] = p->name;
		cols[1] = value.data ? value.data : "";
		cols[2] = p->description ? p->description : "";
		write_text_row(&s->conn.out, cols, 3);
	}
	buf_free(&value);
}

/*
 * What SHOW name shows: the column name and the value (a pseudo parameter,
 * or a configuration parameter's current value in *value).
 */
static bool
show_target(Session *s, const SessionCmd *cmd, const char **column, const char **pseudo,
			const ConfigParam **param, PgError *err)
{
	*pseudo = show_pseudo_param(s, cmd->name);
	*param = NULL;
	*column = cmd->name;
	if (cmd->is_all || *pseudo)
		return true;
	*param = lookup_or_error(cmd->name, err);
	if (*param == NULL)
		return false;
	*column = (*param)->name;
	return true;
}

bool
session_describe_show(Session *s, const SessionCmd *cmd, PgError *err)
{
	FieldDesc	f[3];
	const char *column;
	const char *pseudo;
	const ConfigParam *p;

	if (!show_target(s, cmd, &column, &pseudo, &p, err))
		return false;
	proto_write_row_description(&s->conn.out, f, show_columns(cmd, column, f));
	return true;
}

bool
session_exec_show(Session *s, const SessionCmd *cmd, bool with_description, PgError *err)
{
	FieldDesc	f[3];
	const char *column;
	const char *pseudo;
	const ConfigParam *p;

	if (!show_target(s, cmd, &column, &pseudo, &p, err))
		return false;
	if (with_description)
		proto_write_row_description(&s->conn.out, f, show_columns(cmd, column, f));
	if (cmd->is_all)
		show_all_rows(s);
	else
	{
		Buf			value;
		const char *text = pseudo;

		buf_init(&value);
		if (text == NULL)
		{
			config_show(&s->params, p, &value);
			text = value.data ? value.data : "";
		}
		write_text_row(&s->conn.out, &text, 1);
		buf_free(&value);
	}
	write_command_complete(s, "SHOW");
	return true;
}

bool
session_exec_discard(Session *s, const SessionCmd *cmd, PgError *err)
{
	char		tag[160];

	if (cmd->is_all)
	{
		if (s->xact != XACT_IDLE)
		{
			pgerr_set(err, ERRCODE_ACTIVE_SQL_TRANSACTION,
					  "DISCARD ALL cannot run inside a transaction block");
			return false;
		}
		if (!reset_all(s, err))
			return false;
		be_mark_prepared_reset(s, PREPARED_RESET_ALL);
		write_command_complete(s, "DISCARD ALL");
		return true;
	}
	/* PLANS, SEQUENCES, TEMP: pgwire keeps no such state yet */
	snprintf(tag, sizeof(tag), "DISCARD %s", cmd->name);
	write_command_complete(s, tag);
	return true;
}

void
session_end_xact_params(Session *s, bool commit)
{
	PgError		err;

	if (!s->have_xact_saved)
		return;
	for (size_t i = 0; i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);

		if (!commit || s->set_local[i])
		{
			if (!restore_param(s, p, &s->xact_saved_params, &err))
				log_pgerror(LL_WARNING, &err);
		}
	}
	config_free(&s->xact_saved_params);
	s->have_xact_saved = false;
	memset(s->set_local, 0, sizeof(s->set_local));
}

void
session_reload_params(Session *s, const Config *server)
{
	for (size_t i = 0; i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);
		PgError		err;

		if (p->context != PARAM_SIGHUP && p->context != PARAM_USERSET)
			continue;
		if (s->set_by_session[i] || config_equal(&s->reset_params, server, p))
			continue;
		if (!restore_param(s, p, server, &err))
		{
			log_pgerror(LL_WARNING, &err);
			continue;
		}
		{
			Buf			value;

			buf_init(&value);
			config_show(server, p, &value);
			if (!config_set(&s->reset_params, p, value.data ? value.data : "", &err))
				log_pgerror(LL_WARNING, &err);
			buf_free(&value);
		}
	}
}

void
session_values(const Session *s, SessionValues *out)
{
	out->version = s->version;
	out->database = s->database;
	out->user = s->user;
	out->schema = "public";
	out->backend_pid = s->pid;
}

bool
session_show_value(Session *s, const char *name, Buf *out)
{
	const char *pseudo = show_pseudo_param(s, name);
	const ConfigParam *p;

	if (pseudo != NULL)
	{
		buf_append_str(out, pseudo);
		return true;
	}
	if ((p = config_lookup(name)) == NULL)
		return false;
	config_show(&s->params, p, out);
	return true;
}
