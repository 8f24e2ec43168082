/*
 * backend.h
 *		A backend: one process serving one client over one ODBC connection.
 *
 * The postmaster forks and calls be_main() with a BackendStart describing
 * the accepted connection; be_main() never returns. All state of the
 * session lives in one Session struct owned by backend_main.c and passed
 * down explicitly.
 */
#ifndef PGW_BACKEND_H
#define PGW_BACKEND_H

#include "backend/conn.h"
#include "backend/odbc.h"
#include "backend/prepared.h"
#include "backend/repeat_query.h"
#include "catalog/catalog.h"
#include "common/pgerror.h"
#include "common/shmem.h"
#include "config/config.h"
#include "config/hba.h"
#include "translate/translate.h"

#include <sys/socket.h>
#include <time.h>

#define AUTH_MOCK_NONCE_LEN 32

/* Why the postmaster started this process. */
typedef enum BackendMode
{
	BACKEND_NORMAL,
	BACKEND_TOO_MANY,			/* refuse with 53300 after negotiation */
	BACKEND_SHUTTING_DOWN		/* refuse with 57P03 after negotiation */
} BackendMode;

typedef struct BackendStart
{
	int			client_fd;
	struct sockaddr_storage addr;
	socklen_t	addrlen;
	BackendMode mode;
	int			pm_death_fd;	/* read end of the postmaster-alive pipe */
	const Config *config;		/* the postmaster's settings at fork time */
	const char *data_dir;		/* absolute; pgwire.yaml is re-read from it on SIGHUP */
	char	   *const *overrides;	/* -c name=value given to pgwire */
	int			noverrides;
	const Shmem *shmem;			/* the backend table, for CancelRequests */
	const CatTemplate *catalog_template;	/* what a session's catalog starts from (may be NULL) */
	BackendSlot *slot;			/* this backend's slot (NULL for dead-end children) */
	TlsContext *tls_context;	/* the postmaster's at fork time; NULL: ssl is off */
	const HbaRules *hba;		/* the rules at fork time; NULL: no hba file, trust all */
	const uint8_t *mock_auth_nonce;	/* AUTH_MOCK_NONCE_LEN bytes: salts for unknown users */
	uint8_t		cancel_key[SHM_CANCEL_KEY_LEN];	/* the postmaster's, also in the slot */
} BackendStart;

/* Transaction state, as PostgreSQL's TBLOCK_* reduced to what we need. */
typedef enum XactState
{
	XACT_IDLE,					/* autocommit */
	XACT_IMPLICIT,				/* multi-statement Query without BEGIN */
	XACT_BLOCK,					/* after BEGIN */
	XACT_FAILED					/* error inside BEGIN ... : only ROLLBACK works */
} XactState;

/* Prepared statements/portals to drop once the current message is done. */
typedef enum PreparedReset
{
	PREPARED_RESET_NONE,
	PREPARED_RESET_PORTALS,		/* the transaction ended */
	PREPARED_RESET_ALL			/* DISCARD ALL, DEALLOCATE ALL */
} PreparedReset;

#define SESSION_MAX_SAVEPOINTS 64
#define SESSION_MAX_PARAMS 128

typedef struct Session
{
	Conn		conn;
	OdbcConn	db;
	const BackendStart *start;

	/* who */
	char		user[64];
	char		database[64];
	int32_t		pid;
	struct timespec started;

	/* parameters: current values, RESET targets, and what the session set */
	Config		params;
	Config		reset_params;
	uint8_t		set_by_session[SESSION_MAX_PARAMS];
	uint8_t		report_pending[SESSION_MAX_PARAMS];	/* changed since last ParameterStatus */
	char		version[256];	/* what version() returns */
	int			protocol_minor; /* 0 or 2: the 3.x the client and pgwire agreed on */
	char		applied_timezone[64];	/* the zone the type code was last set to */

	/* transaction */
	XactState	xact;
	TxnOptions	xact_opts;		/* options of the open BEGIN block */
	Config		xact_saved_params;	/* values before the first SET in this transaction */
	bool		have_xact_saved;
	uint8_t		set_local[SESSION_MAX_PARAMS];
	/* extended protocol */
	PreparedStore prepared;
	PreparedReset prepared_reset;	/* applied after the current message */
	uint64_t	generation;		/* moves with schema_generation and on each
								 * change of a setting: translations from
								 * before may be stale */
	uint64_t	schema_generation;	/* moves on DDL, this session's or another's
									 * (schema_changes.h): prepared handles
									 * from before describe old tables */
	RepeatQuery repeat;			/* the last simple Query (repeat_query.h) */
	bool		ddl_uncounted;	/* DDL ran: count it when the transaction ends */
	uint64_t	schema_changes_seen;	/* the shared count, last caught up with
										 * (schema_changes.h) */
	bool		ignore_till_sync;	/* skip until Sync after an error */
	int			nsavepoints;
	char		savepoints[SESSION_MAX_SAVEPOINTS][64];

	/* pg_catalog and information_schema (catalog_exec.c), read when first asked */
	Catalog    *catalog;
	CatSource	cat_source;
	CatSession	cat_session;
	int64_t		catalog_opened_ms;	/* CLOCK_MONOTONIC */
} Session;

PGW_NORETURN void be_main(const BackendStart *start);

/* ---- used across backend files ---- */

/* Queue a NoticeResponse (severity taken from notice->severity). */
void		be_send_notice(Session *s, const PgError *notice);

/* Queue an ErrorResponse for err (severity ERROR). */
void		be_send_error(Session *s, const PgError *err);

/*
 * Send err as FATAL, flush, clean up (roll back, disconnect) and exit(1).
 * Used for errors after which the session cannot go on.
 */
PGW_NORETURN void be_fatal(Session *s, const PgError *err);

/* Ask for portals (or everything prepared) to be dropped once the current message is done. */
void		be_mark_prepared_reset(Session *s, PreparedReset what);

/* Act on pending signals (reload, terminate); may not return. */
void		be_process_interrupts(Session *s);

/* Flush queued output; exits the backend if the client is gone. */
void		be_flush(Session *s);

/* startup.c: first packet, negotiation, startup parameters */
bool		be_process_startup(Session *s, PgError *err) PGW_MUSTCHECK;

/* simple_query.c */
void		be_exec_simple_query(Session *s, const char *sql, size_t len);

/* extended.c: one handler per extended-query message */
void		be_handle_parse(Session *s, const uint8_t *body, size_t len);
void		be_handle_bind(Session *s, const uint8_t *body, size_t len);
void		be_handle_describe(Session *s, const uint8_t *body, size_t len);
void		be_handle_execute(Session *s, const uint8_t *body, size_t len);
void		be_handle_close(Session *s, const uint8_t *body, size_t len);
void		be_handle_sync(Session *s);

#endif							/* PGW_BACKEND_H */
