/*
 * session.h
 *		A session's parameters: startup values, SET/RESET/SHOW/DISCARD,
 *		ParameterStatus reports, and their fate at transaction end.
 */
#ifndef PGW_SESSION_H
#define PGW_SESSION_H

#include "backend/backend.h"
#include "translate/translate.h"

/* Copy the server's settings into the session (current and RESET values). */
bool		session_init_params(Session *s, const Config *server, PgError *err) PGW_MUSTCHECK;
void		session_free_params(Session *s);

/*
 * Apply a parameter from the startup packet or its "options" (-c name=value).
 * It becomes the RESET value too. Unknown names and values are errors
 * (42704, 22023 ...), as PostgreSQL reports them (FATAL at startup).
 */
bool		session_set_startup_param(Session *s, const char *name, const char *value,
									  PgError *err) PGW_MUSTCHECK;

/* Queue ParameterStatus for every reported parameter (after authentication). */
void		session_report_all(Session *s);

/* Queue ParameterStatus for reported parameters changed since the last report. */
void		session_report_changes(Session *s);

/*
 * Make the type code read and print timestamptz in the session's TimeZone
 * (called before every message; a no-op unless TimeZone changed).
 */
void		session_apply_timezone(Session *s);

/* SET, RESET, SHOW, DISCARD: results and CommandComplete go to the client. */
bool		session_exec_set(Session *s, const SessionCmd *cmd, PgError *err) PGW_MUSTCHECK;

/*
 * SELECT set_config(name, value, is_local): SET (or SET LOCAL), answered
 * with the new value as one text row (and its description if asked).
 */
bool		session_exec_set_config(Session *s, const SessionCmd *cmd, bool with_description,
									PgError *err) PGW_MUSTCHECK;

/* The RowDescription of set_config's row (extended-protocol Describe). */
void		session_describe_set_config(Session *s, const SessionCmd *cmd);
bool		session_exec_reset(Session *s, const SessionCmd *cmd, PgError *err) PGW_MUSTCHECK;
bool		session_exec_show(Session *s, const SessionCmd *cmd, bool with_description,
							  PgError *err) PGW_MUSTCHECK;
/* The RowDescription SHOW would send (extended-protocol Describe). */
bool		session_describe_show(Session *s, const SessionCmd *cmd, PgError *err) PGW_MUSTCHECK;
bool		session_exec_discard(Session *s, const SessionCmd *cmd, PgError *err) PGW_MUSTCHECK;

/* A transaction ended: keep (commit) or undo (rollback) its SETs; SET LOCALs end. */
void		session_end_xact_params(Session *s, bool commit);

/*
 * The server's configuration was reloaded: parameters the session did not
 * set itself take the new values (SIGHUP and USERSET ones).
 */
void		session_reload_params(Session *s, const Config *server);

/*
 * What SHOW name shows (a setting or a pseudo parameter such as
 * transaction_isolation), appended to out; false if there is no such
 * parameter (current_setting()).
 */
bool		session_show_value(Session *s, const char *name, Buf *out);

/* Session values for the translator (version(), current_user, ...). */
void		session_values(const Session *s, SessionValues *out);

#endif							/* PGW_SESSION_H */
