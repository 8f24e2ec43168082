/*
 * config.h
 *		Server and session parameters: one table, one struct.
 *
 * Every parameter pgwire knows (listen_addresses ... TimeZone) is described
 * once in a table (config/params.c) with its type, context, default and
 * bounds, and stored in a field of Config. The same Config type holds the
 * server's values (built from defaults, the YAML file and -c overrides) and a
 * session's values (a copy the backend changes with SET). Names and
 * behaviour follow PostgreSQL's GUCs where one exists.
 *
 * Ownership: string fields of a Config are heap copies owned by that Config;
 * config_free() releases them, config_copy() duplicates them.
 */
#ifndef PGW_CONFIG_H
#define PGW_CONFIG_H

#include "common/base.h"
#include "common/buf.h"
#include "common/pgerror.h"

typedef enum SqlDialect
{
	DIALECT_SQLITE,
	DIALECT_IRIS,
	DIALECT_POSTGRES
} SqlDialect;

typedef enum ParamType
{
	PARAM_BOOL,
	PARAM_INT,
	PARAM_STRING,
	PARAM_ENUM
} ParamType;

/* When a parameter may change, as PostgreSQL's GucContext. */
typedef enum ParamContext
{
	PARAM_INTERNAL,				/* never: read-only, SHOW only */
	PARAM_POSTMASTER,			/* at server start only */
	PARAM_SIGHUP,				/* config file, picked up on reload */
	PARAM_BACKEND,				/* config file; new sessions see it */
	PARAM_USERSET				/* also SET by any session */
} ParamContext;

/* flags */
#define PARAM_REPORT		0x01	/* sent as ParameterStatus at startup and on change */
#define PARAM_LIST			0x02	/* comma-separated list; YAML sequences are joined */
#define PARAM_UNIT_MS		0x04	/* integer in milliseconds; accepts us, ms, s, min, h, d */
#define PARAM_UNIT_S		0x08	/* integer in seconds; accepts ms, s, min, h, d */
#define PARAM_NO_SHOW_ALL	0x10	/* left out of SHOW ALL */
#define PARAM_OCTAL			0x20	/* integer shown in octal (unix_socket_permissions) */

typedef struct Config
{
	/* connections (postmaster) */
	char	   *listen_addresses;
	int			port;
	int			max_connections;
	char	   *unix_socket_directories;
	int			unix_socket_permissions;

	/* database behind pgwire (backend: new sessions) */
	int			dialect;		/* SqlDialect */
	char	   *odbc_connection_string;
	char	   *iris_version;	/* "2025.1": the IRIS release SQL is written for */
	int			iris_vector_type;	/* IrisVectorType: VECTOR(DOUBLE|FLOAT, n), TO_VECTOR(..., same) */
	int			vector_parameters;	/* VectorParameters */

	/* TLS (sighup): the postmaster builds one context from these */
	bool		ssl;
	char	   *ssl_cert_file;	/* relative paths: in the data directory */
	char	   *ssl_key_file;
	char	   *ssl_ca_file;	/* "" = no client certificates requested */
	int			ssl_min_protocol_version;	/* TlsVersion */
	int			ssl_max_protocol_version;	/* TlsVersion, TLS_VERSION_ANY = no limit */
	char	   *ssl_ciphers;
	char	   *ssl_groups;

	/* authentication */
	char	   *hba_file;		/* postmaster; relative: in the data directory */
	char	   *password_file;	/* sighup; read at each SCRAM login */
	bool		password_allow_plaintext;	/* sighup: password method without TLS */
	int			copy_rows_per_insert;	/* COPY FROM: rows of VALUES per INSERT, 0 = by dialect */
	int			copy_batch_rows;	/* COPY FROM: rows per execution, 0 = by dialect */

	/* logging (sighup) */
	char	   *log_directory;
	char	   *log_filename;
	int			log_min_messages;	/* LogLevel */
	bool		log_connections;
	bool		log_disconnections;
	int			log_statement;	/* LogStatement */

	/* session defaults (userset) */
	int			statement_timeout;	/* ms, 0 = off */
	int			authentication_timeout; /* s: startup and login must be done by then */
	char	   *superusers;		/* user names that are superusers (sighup) */
	int			idle_in_transaction_session_timeout;	/* ms, 0 = off */
	int			idle_session_timeout;	/* ms, 0 = off */
	int			tcp_keepalives_idle;	/* s, 0 = the system's default */
	int			tcp_keepalives_interval;	/* s, 0 = the system's default */
	int			tcp_keepalives_count;	/* 0 = the system's default */
	int			client_min_messages;	/* ClientMessageLevel */
	int			lock_timeout;	/* ms; only 0 (no limit) */
	bool		check_function_bodies;	/* accepted: pgwire has no routine bodies of its own */
	bool		row_security;	/* accepted: there are no row security policies */
	int			xmloption;		/* accepted: there is no xml type */
	char	   *default_tablespace; /* only "" */
	char	   *default_table_access_method;	/* only "heap" */
	char	   *application_name;
	char	   *client_encoding;
	char	   *DateStyle;
	char	   *IntervalStyle;
	char	   *TimeZone;
	char	   *search_path;
	int			extra_float_digits;
	char	   *bytea_output;
	bool		standard_conforming_strings;
	bool		default_transaction_read_only;

	/* read-only facts (internal) */
	char	   *server_version;
	int			server_version_num;
	char	   *server_encoding;
	bool		integer_datetimes;
	bool		in_hot_standby;
	bool		is_superuser;
	char	   *session_authorization;
	int			scram_iterations;
	int			max_identifier_length;
	char	   *data_directory;
	char	   *config_file;
} Config;

/* client_min_messages: which notices a client is sent (PostgreSQL's order). */
typedef enum ClientMessageLevel
{
	CLIENT_DEBUG5,
	CLIENT_DEBUG4,
	CLIENT_DEBUG3,
	CLIENT_DEBUG2,
	CLIENT_DEBUG1,
	CLIENT_LOG,
	CLIENT_NOTICE,
	CLIENT_WARNING,
	CLIENT_ERROR
} ClientMessageLevel;

typedef enum LogStatement
{
	LOGSTMT_NONE,
	LOGSTMT_DDL,
	LOGSTMT_MOD,
	LOGSTMT_ALL
} LogStatement;

/* vector_parameters: how a vector parameter's value reaches the database. */
typedef enum VectorParameters
{
	VECTOR_PARAMETERS_BOUND,	/* TO_VECTOR(?, DOUBLE, n): bound as text */
	VECTOR_PARAMETERS_INLINE	/* TO_VECTOR('1,2,3', DOUBLE, n): a literal pgwire formats */
} VectorParameters;

/* ssl_min/max_protocol_version, as PostgreSQL's names ("" = any). */
typedef enum TlsVersion
{
	TLS_VERSION_ANY,
	TLS_VERSION_1_0,
	TLS_VERSION_1_1,
	TLS_VERSION_1_2,
	TLS_VERSION_1_3
} TlsVersion;

typedef struct ConfigParam
{
	const char *name;			/* canonical spelling, e.g. "DateStyle" */
	ParamType	type;
	ParamContext context;
	int			flags;
	size_t		offset;			/* of the field in Config */
	const char *boot_value;		/* default, in input syntax */
	int			min;			/* PARAM_INT bounds */
	int			max;
	const char *const *enum_names;	/* PARAM_ENUM: NULL-terminated, index = value */
	const char *description;	/* one line, for SHOW ALL */

	/*
	 * Optional: validate and canonicalise a value already accepted by its
	 * type (e.g. "iso,mdy" -> "ISO, MDY"). Writes the canonical form to out;
	 * on rejection fills err (SQLSTATE 22023 or 0A000) and returns false.
	 * Booleans' hooks see "on"/"off"; PARAM_ENUM hooks see the input before
	 * the name lookup, to map aliases onto enum_names ("debug5" -> "debug2").
	 */
	bool		(*check) (const char *value, char *out, size_t outlen, PgError *err);
} ConfigParam;

/* ---- the parameter table ---- */
size_t		config_param_count(void);
const ConfigParam *config_param_at(size_t i);
/* Case-insensitive lookup; NULL if unknown. */
const ConfigParam *config_lookup(const char *name);

/* ---- values ---- */
/* Fill every field from its boot_value. Returns false only on OOM. */
bool		config_init_defaults(Config *cfg) PGW_MUSTCHECK;
void		config_free(Config *cfg);
bool		config_copy(Config *dst, const Config *src) PGW_MUSTCHECK;

/*
 * Parse value for p (type, bounds, units, enum names, check hook) and store
 * it in cfg. Does not check the context: callers decide who may set what.
 * On failure fills err with PostgreSQL's wording and SQLSTATE, e.g. 22023
 * 'invalid value for parameter "port": "abc"', and leaves cfg unchanged.
 */
bool		config_set(Config *cfg, const ConfigParam *p, const char *value,
					   PgError *err) PGW_MUSTCHECK;

/* Append the value as SHOW displays it ("on", "5s", "ISO, MDY"). */
void		config_show(const Config *cfg, const ConfigParam *p, Buf *out);

/* Do two configs hold the same value for p? */
bool		config_equal(const Config *a, const Config *b, const ConfigParam *p);

/* ---- loading ---- */

/*
 * Read the YAML file at path into cfg (which already holds defaults). The
 * file is a mapping of parameter names to scalars (or, for PARAM_LIST
 * parameters, sequences of scalars). Every problem is appended to errors as
 * one line "path:line: message" (unknown parameter, wrong type, bad value,
 * duplicate key, YAML syntax error); returns false if there was any, and
 * then cfg may be partially updated (callers load into a scratch copy).
 */
bool		config_load_file(Config *cfg, const char *path, Buf *errors) PGW_MUSTCHECK;

/*
 * Apply "name=value" overrides (pgwire -c). Problems are appended to errors
 * as "-c name=value: message"; returns false if there was any.
 */
bool		config_apply_overrides(Config *cfg, char *const *overrides, int count,
								   Buf *errors) PGW_MUSTCHECK;

/* The configuration file's name inside the data directory. */
#define CONFIG_FILE_NAME "pgwire.yaml"

/*
 * Build a complete configuration into cfg: defaults, then
 * <data_dir>/pgwire.yaml, then the -c overrides; data_directory and
 * config_file are filled in. Problems are appended to errors, one per line;
 * returns false if there was any. Always leaves cfg initialised (free it).
 */
bool		config_build(Config *cfg, const char *data_dir, char *const *overrides,
						 int noverrides, Buf *errors) PGW_MUSTCHECK;

/*
 * A file setting (ssl_cert_file, hba_file, ...) as a path: absolute values
 * unchanged, relative ones inside cfg->data_directory. False if it does
 * not fit in out.
 */
bool		config_data_path(const Config *cfg, const char *value, char *out,
							 size_t outlen) PGW_MUSTCHECK;

/* Convenience accessor for the dialect's name ("sqlite", "iris", "postgres"). */
const char *config_dialect_name(SqlDialect d);

/* ---- list-valued settings (config_list.c) ---- */

/*
 * Call fn for each item of a comma-separated list (blanks trimmed, empty
 * items skipped; items of 1024 bytes or more are skipped too). Returns the
 * number of items.
 */
int			config_list_foreach(const char *list, void (*fn) (const char *item, void *arg), void *arg);

/* Is item one of the list's items (exact, case-sensitive, as role names)? */
bool		config_list_contains(const char *list, const char *item);

#endif							/* PGW_CONFIG_H */
