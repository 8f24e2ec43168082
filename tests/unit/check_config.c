/*
 * check_config.c
 *		Unit tests of the parameter table, value parsing and SHOW output
 *		(booleans, integers with units, enums, check hooks), Config
 *		copy/free/compare, the YAML file loader and -c overrides: exact
 *		messages, SQLSTATEs and line numbers.
 */
#include "config/config.h"

#include "common/log.h"

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- helpers ---- */

static const ConfigParam *
param(const char *name)
{
	const ConfigParam *p = config_lookup(name);

	ck_assert_msg(p != NULL, "no parameter \"%s\"", name);
	return p;
}

static bool
set(Config *c, const char *name, const char *value, PgError *err)
{
	pgerr_clear(err);
	return config_set(c, param(name), value, err);
}

/* SHOW name, into out. */
static const char *
shown(const Config *c, const char *name, char *out, size_t n)
{
	Buf			b;

	buf_init(&b);
	config_show(c, param(name), &b);
	ck_assert(!buf_failed(&b));
	snprintf(out, n, "%s", b.data ? b.data : "");
	buf_free(&b);
	return out;
}

static void
init(Config *c)
{
	ck_assert(config_init_defaults(c));
}

/* Set name to value and check what SHOW prints. */
#define ck_set_show(c, name, value, expect) \
	do { \
		PgError		e_; \
		char		s_[256]; \
		ck_assert_msg(set(c, name, value, &e_), "SET %s = '%s' failed: %s", name, value, e_.message); \
		ck_assert_str_eq(shown(c, name, s_, sizeof(s_)), expect); \
	} while (0)

/* Setting name to value fails with this SQLSTATE and message. */
#define ck_set_fails(c, name, value, state, msg) \
	do { \
		PgError		e_; \
		ck_assert_msg(!set(c, name, value, &e_), "SET %s = '%s' succeeded", name, value); \
		ck_assert_str_eq(e_.sqlstate, state); \
		ck_assert_str_eq(e_.message, msg); \
	} while (0)

/* A scratch directory for configuration files. */
typedef struct TempDir
{
	char		dir[64];
	char		path[128];		/* of the last file written */
} TempDir;

static void
tmp_init(TempDir *t)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/check_config.XXXXXX");
	ck_assert(mkdtemp(t->dir) != NULL);
	snprintf(t->path, sizeof(t->path), "%s/pgwire.yaml", t->dir);
}

static const char *
tmp_write(TempDir *t, const char *contents)
{
	FILE	   *f = fopen(t->path, "w");

	ck_assert(f != NULL);
	ck_assert_int_eq(fputs(contents, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
	return t->path;
}

static void
tmp_cleanup(TempDir *t)
{
	unlink(t->path);
	ck_assert_int_eq(rmdir(t->dir), 0);
}

/* Load contents as a file; errors receives the lines with the path cut off. */
static bool
load(const char *contents, Config *c, char *errors, size_t n)
{
	TempDir		t;
	Buf			err;
	bool		ok;
	const char *s;
	size_t		len = 0;

	tmp_init(&t);
	buf_init(&err);
	ok = config_load_file(c, tmp_write(&t, contents), &err);
	ck_assert(!buf_failed(&err));
	/* "/tmp/check_config.XXXXXX/pgwire.yaml:3: ..." -> "pgwire.yaml:3: ..." */
	errors[0] = '\0';
	for (s = err.data; s != NULL && *s != '\0';)
	{
		const char *eol = strchr(s, '\n');

		ck_assert_msg(eol != NULL, "error line without newline: %s", s);
		ck_assert_msg(strncmp(s, t.dir, strlen(t.dir)) == 0, "line without path: %s", s);
		s += strlen(t.dir) + 1;
		len += (size_t) snprintf(errors + len, n - len, "%.*s", (int) (eol - s + 1), s);
		s = eol + 1;
	}
	buf_free(&err);
	tmp_cleanup(&t);
	return ok;
}

/* ---- the table ---- */

START_TEST(test_table)
{
	size_t		n = config_param_count();
	size_t		strings = 0;

	/* one entry per field of Config: 28 strings, 26 ints and enums, 11 bools */
	ck_assert_uint_eq(n, 65);
	ck_assert_ptr_null(config_param_at(n));
	for (size_t i = 0; i < n; i++)
	{
		const ConfigParam *p = config_param_at(i);

		ck_assert_ptr_eq(config_lookup(p->name), p);
		ck_assert_msg(p->description && p->description[0], "%s has no description", p->name);
		ck_assert_ptr_nonnull(p->boot_value);
		ck_assert(p->offset < sizeof(Config));
		ck_assert((p->type == PARAM_ENUM) == (p->enum_names != NULL));
		for (size_t j = 0; j < i; j++)
			ck_assert_uint_ne(config_param_at(j)->offset, p->offset);
		if (p->type == PARAM_STRING)
			strings++;
	}
	ck_assert_uint_eq(strings, 28);
	ck_assert_str_eq(config_lookup("datestyle")->name, "DateStyle");
	ck_assert_str_eq(config_lookup("TIMEZONE")->name, "TimeZone");
	ck_assert_ptr_null(config_lookup("no_such_thing"));
	ck_assert_ptr_null(config_lookup(""));

	ck_assert_int_eq(param("port")->context, PARAM_POSTMASTER);
	ck_assert_int_eq(param("dialect")->context, PARAM_BACKEND);
	ck_assert_int_eq(param("vector_parameters")->context, PARAM_BACKEND);
	ck_assert_int_eq(param("log_min_messages")->context, PARAM_SIGHUP);
	ck_assert_int_eq(param("statement_timeout")->context, PARAM_USERSET);
	ck_assert_int_eq(param("server_version")->context, PARAM_INTERNAL);
	ck_assert_int_eq(param("statement_timeout")->flags, PARAM_UNIT_MS);
	ck_assert_int_eq(param("DateStyle")->flags, PARAM_REPORT | PARAM_LIST);
	ck_assert_int_eq(param("odbc_connection_string")->flags, PARAM_NO_SHOW_ALL);
	ck_assert_int_eq(param("unix_socket_permissions")->flags, PARAM_OCTAL);
	ck_assert_int_eq(param("port")->min, 1);
	ck_assert_int_eq(param("port")->max, 65535);
	ck_assert_int_eq(param("statement_timeout")->max, INT_MAX);
}
END_TEST

START_TEST(test_report_flags)
{
	/* what a client receives as ParameterStatus, as PostgreSQL 16 */
	static const char *const reported[] = {
		"application_name", "client_encoding", "DateStyle", "default_transaction_read_only",
		"in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
		"scram_iterations", "search_path", "server_encoding", "server_version",
		"session_authorization", "standard_conforming_strings", "TimeZone",
	};
	size_t		count = 0;

	for (size_t i = 0; i < lengthof(reported); i++)
		ck_assert_msg(param(reported[i])->flags & PARAM_REPORT, "%s not reported", reported[i]);
	for (size_t i = 0; i < config_param_count(); i++)
		count += (config_param_at(i)->flags & PARAM_REPORT) != 0;
	ck_assert_uint_eq(count, lengthof(reported));
}
END_TEST

/* ---- defaults ---- */

START_TEST(test_defaults)
{
	static const char *const expect[][2] = {
		{"listen_addresses", "localhost"}, {"port", "5432"}, {"max_connections", "100"},
		{"unix_socket_directories", "/var/run/postgresql, /tmp"},
		{"unix_socket_permissions", "0777"}, {"dialect", "sqlite"},
		{"odbc_connection_string", ""}, {"log_directory", ""},
		{"log_filename", "pgwire-%Y-%m-%d.log"}, {"log_min_messages", "warning"},
		{"log_connections", "off"}, {"log_disconnections", "off"}, {"log_statement", "none"},
		{"statement_timeout", "0"}, {"application_name", ""}, {"client_encoding", "UTF8"},
		{"DateStyle", "ISO, MDY"}, {"IntervalStyle", "postgres"}, {"TimeZone", "UTC"},
		{"search_path", "\"$user\", public"}, {"extra_float_digits", "1"},
		{"bytea_output", "hex"}, {"standard_conforming_strings", "on"},
		{"default_transaction_read_only", "off"},
		{"server_version", PGWIRE_PG_VERSION " (pgwire " PACKAGE_VERSION ")"},
		{"server_version_num", "160006"}, {"server_encoding", "UTF8"},
		{"integer_datetimes", "on"}, {"in_hot_standby", "off"}, {"is_superuser", "off"},
		{"session_authorization", ""}, {"scram_iterations", "4096"},
		{"max_identifier_length", "63"}, {"data_directory", ""}, {"config_file", ""},
	};
	Config		c;
	char		s[256];

	init(&c);
	for (size_t i = 0; i < lengthof(expect); i++)
		ck_assert_str_eq(shown(&c, expect[i][0], s, sizeof(s)), expect[i][1]);
	ck_assert_int_eq(c.port, 5432);
	ck_assert_int_eq(c.unix_socket_permissions, 0777);
	ck_assert_int_eq(c.dialect, DIALECT_SQLITE);
	ck_assert_int_eq(c.log_min_messages, LL_WARNING);
	ck_assert_int_eq(c.log_statement, LOGSTMT_NONE);
	ck_assert_int_eq(c.server_version_num, PGWIRE_PG_VERSION_NUM);
	ck_assert(c.standard_conforming_strings);
	ck_assert(!c.log_connections);
	ck_assert_str_eq(c.odbc_connection_string, "");
	config_free(&c);
}
END_TEST

/* ---- booleans ---- */

START_TEST(test_bool)
{
	static const char *const yes[] = {"on", "ON", "true", "t", "tr", "TRUE", "yes", "y", "Ye", "1"};
	static const char *const no[] = {"off", "of", "OFF", "false", "f", "fal", "no", "N", "0"};
	static const char *const bad[] = {"o", "", "2", "10", "onx", "truee", "enable", " on"};
	Config		c;

	init(&c);
	for (size_t i = 0; i < lengthof(yes); i++)
	{
		c.log_connections = false;
		ck_set_show(&c, "log_connections", yes[i], "on");
		ck_assert(c.log_connections);
	}
	for (size_t i = 0; i < lengthof(no); i++)
	{
		c.log_connections = true;
		ck_set_show(&c, "log_connections", no[i], "off");
		ck_assert(!c.log_connections);
	}
	for (size_t i = 0; i < lengthof(bad); i++)
		ck_set_fails(&c, "log_connections", bad[i], "22023",
					 "parameter \"log_connections\" requires a Boolean value");
	config_free(&c);
}
END_TEST

/* ---- integers ---- */

START_TEST(test_int)
{
	Config		c;
	PgError		e;

	init(&c);
	ck_set_show(&c, "port", "5433", "5433");
	ck_assert_int_eq(c.port, 5433);
	ck_set_show(&c, "port", "0x10", "16");
	ck_set_show(&c, "port", " 42 ", "42");
	ck_set_show(&c, "port", "1e3", "1000");
	ck_set_show(&c, "port", "12.5", "12");	/* rounds half to even, as rint() */
	ck_set_show(&c, "port", "13.5", "14");
	ck_set_show(&c, "port", "010", "8");	/* leading 0 is octal, as PostgreSQL */
	ck_set_show(&c, "extra_float_digits", "-15", "-15");
	ck_set_show(&c, "extra_float_digits", "3", "3");

	ck_set_fails(&c, "port", "abc", "22023", "invalid value for parameter \"port\": \"abc\"");
	ck_set_fails(&c, "port", "", "22023", "invalid value for parameter \"port\": \"\"");
	ck_set_fails(&c, "port", "5s", "22023", "invalid value for parameter \"port\": \"5s\"");
	ck_set_fails(&c, "port", "12abc", "22023", "invalid value for parameter \"port\": \"12abc\"");
	ck_set_fails(&c, "port", "0", "22023",
				 "0 is outside the valid range for parameter \"port\" (1 .. 65535)");
	ck_set_fails(&c, "port", "65536", "22023",
				 "65536 is outside the valid range for parameter \"port\" (1 .. 65535)");
	ck_set_fails(&c, "extra_float_digits", "4", "22023",
				 "4 is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)");
	ck_set_fails(&c, "max_connections", "10001", "22023",
				 "10001 is outside the valid range for parameter \"max_connections\" (1 .. 10000)");

	ck_assert(!set(&c, "port", "99999999999", &e));
	ck_assert_str_eq(e.message, "invalid value for parameter \"port\": \"99999999999\"");
	ck_assert_str_eq(e.hint, "Value exceeds integer range.");
	ck_assert_int_eq(c.port, 8);	/* unchanged by the failures */
	config_free(&c);
}
END_TEST

START_TEST(test_time_units)
{
	Config		c;
	PgError		e;

	init(&c);
	ck_set_show(&c, "statement_timeout", "5s", "5s");
	ck_assert_int_eq(c.statement_timeout, 5000);
	ck_set_show(&c, "statement_timeout", "5 s", "5s");
	ck_set_show(&c, "statement_timeout", "250", "250ms");
	ck_set_show(&c, "statement_timeout", "250ms", "250ms");
	ck_set_show(&c, "statement_timeout", "60000", "1min");
	ck_set_show(&c, "statement_timeout", "90s", "90s");
	ck_set_show(&c, "statement_timeout", "1.5min", "90s");
	ck_assert_int_eq(c.statement_timeout, 90000);
	ck_set_show(&c, "statement_timeout", "3600000", "1h");
	ck_set_show(&c, "statement_timeout", "2d", "2d");
	ck_set_show(&c, "statement_timeout", "48h", "2d");
	ck_set_show(&c, "statement_timeout", "1000us", "1ms");
	ck_set_show(&c, "statement_timeout", "1500us", "2ms");	/* 1.5 -> 2 */
	ck_set_show(&c, "statement_timeout", "2500us", "2ms");	/* 2.5 -> 2 */
	ck_set_show(&c, "statement_timeout", "1001", "1001ms");
	ck_set_show(&c, "statement_timeout", "0", "0");
	ck_set_show(&c, "statement_timeout", "0s", "0");

	ck_assert(!set(&c, "statement_timeout", "5S", &e));
	ck_assert_str_eq(e.sqlstate, "22023");
	ck_assert_str_eq(e.message, "invalid value for parameter \"statement_timeout\": \"5S\"");
	ck_assert_str_eq(e.hint, "Valid units for this parameter are \"us\", \"ms\", \"s\", "
					 "\"min\", \"h\", and \"d\".");
	ck_assert(!set(&c, "statement_timeout", "5 sec", &e));
	ck_assert_str_eq(e.message, "invalid value for parameter \"statement_timeout\": \"5 sec\"");
	ck_assert(!set(&c, "statement_timeout", "5s x", &e));
	ck_set_fails(&c, "statement_timeout", "-1", "22023",
				 "-1 ms is outside the valid range for parameter \"statement_timeout\" "
				 "(0 .. 2147483647)");
	ck_assert(!set(&c, "statement_timeout", "25d", &e));
	ck_assert_str_eq(e.hint, "Value exceeds integer range.");
	ck_assert_int_eq(c.statement_timeout, 0);
	config_free(&c);
}
END_TEST

START_TEST(test_octal)
{
	Config		c;

	init(&c);
	ck_set_show(&c, "unix_socket_permissions", "0770", "0770");
	ck_assert_int_eq(c.unix_socket_permissions, 0770);
	ck_set_show(&c, "unix_socket_permissions", "511", "0777");
	ck_set_show(&c, "unix_socket_permissions", "0x1c0", "0700");
	ck_set_show(&c, "unix_socket_permissions", "0", "0000");
	ck_set_fails(&c, "unix_socket_permissions", "01000", "22023",
				 "512 is outside the valid range for parameter \"unix_socket_permissions\" "
				 "(0 .. 511)");
	ck_set_fails(&c, "unix_socket_permissions", "0778", "22023",
				 "invalid value for parameter \"unix_socket_permissions\": \"0778\"");
	config_free(&c);
}
END_TEST

/* ---- enums ---- */

START_TEST(test_enum)
{
	Config		c;
	PgError		e;

	init(&c);
	ck_set_show(&c, "dialect", "IRIS", "iris");
	ck_assert_int_eq(c.dialect, DIALECT_IRIS);
	ck_set_show(&c, "dialect", "Postgres", "postgres");
	ck_assert_int_eq(c.dialect, DIALECT_POSTGRES);
	ck_assert(!set(&c, "dialect", "mysql", &e));
	ck_assert_str_eq(e.sqlstate, "22023");
	ck_assert_str_eq(e.message, "invalid value for parameter \"dialect\": \"mysql\"");
	ck_assert_str_eq(e.hint, "Available values: sqlite, iris, postgres.");
	ck_assert(!set(&c, "dialect", "sql", &e));	/* no prefixes for enums */
	ck_assert_int_eq(c.dialect, DIALECT_POSTGRES);

	/* how vector parameters reach the database: bound by default */
	ck_assert_int_eq(c.vector_parameters, VECTOR_PARAMETERS_BOUND);
	ck_set_show(&c, "vector_parameters", "INLINE", "inline");
	ck_assert_int_eq(c.vector_parameters, VECTOR_PARAMETERS_INLINE);
	ck_set_show(&c, "vector_parameters", "bound", "bound");
	ck_set_fails(&c, "vector_parameters", "literal", "22023",
				 "invalid value for parameter \"vector_parameters\": \"literal\"");

	ck_set_show(&c, "log_statement", "DDL", "ddl");
	ck_assert_int_eq(c.log_statement, LOGSTMT_DDL);
	ck_set_show(&c, "log_statement", "all", "all");
	ck_assert(!set(&c, "log_statement", "some", &e));
	ck_assert_str_eq(e.hint, "Available values: none, ddl, mod, all.");

	ck_assert_str_eq(config_dialect_name(DIALECT_SQLITE), "sqlite");
	ck_assert_str_eq(config_dialect_name(DIALECT_IRIS), "iris");
	ck_assert_str_eq(config_dialect_name(DIALECT_POSTGRES), "postgres");
	ck_assert_str_eq(config_dialect_name((SqlDialect) 7), "unknown");
	config_free(&c);
}
END_TEST

START_TEST(test_log_min_messages)
{
	Config		c;
	PgError		e;

	init(&c);
	ck_set_show(&c, "log_min_messages", "ERROR", "error");
	ck_assert_int_eq(c.log_min_messages, LL_ERROR);
	ck_set_show(&c, "log_min_messages", "log", "log");
	ck_assert_int_eq(c.log_min_messages, LL_LOG);
	ck_set_show(&c, "log_min_messages", "debug1", "debug1");
	ck_assert_int_eq(c.log_min_messages, LL_DEBUG1);
	/* PostgreSQL's finer debug levels are accepted; LogLevel keeps one */
	ck_set_show(&c, "log_min_messages", "debug5", "debug2");
	ck_assert_int_eq(c.log_min_messages, LL_DEBUG2);
	ck_set_show(&c, "log_min_messages", "Panic", "panic");
	ck_assert(!set(&c, "log_min_messages", "verbose", &e));
	ck_assert_str_eq(e.sqlstate, "22023");
	ck_assert_str_eq(e.message, "invalid value for parameter \"log_min_messages\": \"verbose\"");
	ck_assert_str_eq(e.hint, "Available values: debug2, debug1, info, notice, warning, "
					 "error, log, fatal, panic.");
	ck_assert_int_eq(c.log_min_messages, LL_PANIC);
	config_free(&c);
}
END_TEST

/* ---- strings and their check hooks ---- */

START_TEST(test_strings)
{
	Config		c;
	char		s[256];

	init(&c);
	ck_set_show(&c, "search_path", "myschema,public", "myschema,public");
	ck_set_show(&c, "listen_addresses", "*", "*");
	ck_set_show(&c, "log_directory", "", "");
	ck_assert_str_eq(c.log_directory, "");

	/* SHOW hides a password in the ODBC connection string */
	ck_set_show(&c, "odbc_connection_string", "Driver=/x.so;Database=/tmp/a.db",
				"Driver=/x.so;Database=/tmp/a.db");
	ck_set_show(&c, "odbc_connection_string", "DSN=iris;UID=_SYSTEM;PWD=SYS", "********");
	ck_assert_str_eq(c.odbc_connection_string, "DSN=iris;UID=_SYSTEM;PWD=SYS");
	ck_set_show(&c, "odbc_connection_string", "Driver=x;password = s3cret", "********");
	ck_set_show(&c, "odbc_connection_string", "Driver=x;Pwd=", "********");
	ck_set_show(&c, "odbc_connection_string", "Driver=pwdriver;Database=y",
				"Driver=pwdriver;Database=y");
	ck_assert_str_eq(shown(&c, "odbc_connection_string", s, sizeof(s)), "Driver=pwdriver;Database=y");
	config_free(&c);
}
END_TEST

START_TEST(test_datestyle)
{
	Config		c;
	PgError		e;

	init(&c);
	ck_set_show(&c, "DateStyle", "iso,dmy", "ISO, DMY");
	ck_set_show(&c, "DateStyle", "ISO", "ISO, MDY");
	ck_set_show(&c, "DateStyle", "dmy", "ISO, DMY");
	ck_set_show(&c, "DateStyle", "European", "ISO, DMY");
	ck_set_show(&c, "DateStyle", "euro , iso", "ISO, DMY");
	ck_set_show(&c, "DateStyle", "US", "ISO, MDY");
	ck_set_show(&c, "DateStyle", "ymd, ISO", "ISO, YMD");
	ck_set_show(&c, "DateStyle", "NonEuropean", "ISO, MDY");
	ck_set_show(&c, "DateStyle", "ISO, ISO, YMD", "ISO, YMD");
	ck_set_show(&c, "DateStyle", "ISO, MDY", "ISO, MDY");
	ck_set_show(&c, "DateStyle", "", "ISO, MDY");

	ck_assert(!set(&c, "DateStyle", "SQL, DMY", &e));
	ck_assert_str_eq(e.sqlstate, "0A000");
	ck_assert_str_eq(e.message, "DateStyle \"SQL\" is not supported");
	ck_assert_str_eq(e.hint, "pgwire formats dates in ISO style.");
	ck_set_fails(&c, "DateStyle", "postgres", "0A000", "DateStyle \"Postgres\" is not supported");
	ck_set_fails(&c, "DateStyle", "German", "0A000", "DateStyle \"German\" is not supported");

	ck_assert(!set(&c, "DateStyle", "ISO, foo", &e));
	ck_assert_str_eq(e.sqlstate, "22023");
	ck_assert_str_eq(e.message, "invalid value for parameter \"DateStyle\": \"ISO, foo\"");
	ck_assert_str_eq(e.detail, "Unrecognized key word: \"foo\".");
	ck_assert(!set(&c, "DateStyle", "ISO, SQL", &e));
	ck_assert_str_eq(e.sqlstate, "22023");
	ck_assert_str_eq(e.detail, "Conflicting \"datestyle\" specifications.");
	ck_assert(!set(&c, "DateStyle", "MDY, DMY", &e));
	ck_assert_str_eq(e.detail, "Conflicting \"datestyle\" specifications.");
	ck_assert(!set(&c, "DateStyle", "ISO MDY", &e));
	ck_assert_str_eq(e.detail, "List syntax is invalid.");
	ck_assert(!set(&c, "DateStyle", "ISO,", &e));
	ck_assert_str_eq(e.detail, "List syntax is invalid.");
	ck_assert(!set(&c, "DateStyle", ",ISO", &e));
	ck_assert_str_eq(e.detail, "List syntax is invalid.");
	ck_assert_str_eq(c.DateStyle, "ISO, MDY");
	config_free(&c);
}
END_TEST

START_TEST(test_client_encoding)
{
	Config		c;

	init(&c);
	ck_set_show(&c, "client_encoding", "utf8", "UTF8");
	ck_set_show(&c, "client_encoding", "UTF-8", "UTF8");
	ck_set_show(&c, "client_encoding", "Unicode", "UTF8");
	ck_set_show(&c, "client_encoding", "utf_8", "UTF8");
	ck_set_show(&c, "client_encoding", "sql_ascii", "SQL_ASCII");
	ck_set_fails(&c, "client_encoding", "LATIN1", "0A000",
				 "conversion between LATIN1 and UTF8 is not supported");
	ck_set_fails(&c, "client_encoding", "win1252", "0A000",
				 "conversion between WIN1252 and UTF8 is not supported");
	ck_set_fails(&c, "client_encoding", "euc-jp", "0A000",
				 "conversion between EUC_JP and UTF8 is not supported");
	ck_set_fails(&c, "client_encoding", "ISO-8859-1", "0A000",
				 "conversion between LATIN1 and UTF8 is not supported");
	ck_set_fails(&c, "client_encoding", "klingon", "22023",
				 "invalid value for parameter \"client_encoding\": \"klingon\"");
	ck_set_fails(&c, "client_encoding", "", "22023",
				 "invalid value for parameter \"client_encoding\": \"\"");
	ck_assert_str_eq(c.client_encoding, "SQL_ASCII");
	config_free(&c);
}
END_TEST

START_TEST(test_interval_style_and_bytea_output)
{
	Config		c;
	PgError		e;

	init(&c);
	ck_set_show(&c, "IntervalStyle", "Postgres", "postgres");
	ck_set_fails(&c, "IntervalStyle", "sql_standard", "0A000",
				 "IntervalStyle \"sql_standard\" is not supported");
	ck_set_fails(&c, "IntervalStyle", "ISO_8601", "0A000",
				 "IntervalStyle \"iso_8601\" is not supported");
	ck_set_fails(&c, "IntervalStyle", "postgres_verbose", "0A000",
				 "IntervalStyle \"postgres_verbose\" is not supported");
	ck_assert(!set(&c, "IntervalStyle", "fancy", &e));
	ck_assert_str_eq(e.sqlstate, "22023");
	ck_assert_str_eq(e.message, "invalid value for parameter \"IntervalStyle\": \"fancy\"");
	ck_assert_str_eq(e.hint, "Available values: postgres, postgres_verbose, sql_standard, iso_8601.");

	ck_set_show(&c, "bytea_output", "HEX", "hex");
	ck_set_fails(&c, "bytea_output", "escape", "0A000", "bytea_output \"escape\" is not supported");
	ck_assert(!set(&c, "bytea_output", "base64", &e));
	ck_assert_str_eq(e.sqlstate, "22023");
	ck_assert_str_eq(e.message, "invalid value for parameter \"bytea_output\": \"base64\"");
	ck_assert_str_eq(e.hint, "Available values: hex.");
	config_free(&c);
}
END_TEST

START_TEST(test_iris_version)
{
	Config		c;

	init(&c);
	ck_assert_str_eq(c.iris_version, "2025.1");
	ck_set_show(&c, "iris_version", "2024.1", "2024.1");
	ck_set_show(&c, "iris_version", "2025.1.2", "2025.1.2");
	ck_set_fails(&c, "iris_version", "latest", "22023", "invalid value for parameter \"iris_version\": \"latest\"");
	ck_set_fails(&c, "iris_version", "2025", "22023", "invalid value for parameter \"iris_version\": \"2025\"");
	ck_set_fails(&c, "iris_version", "2025.1x", "22023", "invalid value for parameter \"iris_version\": \"2025.1x\"");
	config_free(&c);
}
END_TEST

START_TEST(test_timezone)
{
	static const char *const good[] = {
		"UTC", "utc", "GMT", "Europe/Paris", "America/New_York", "Etc/GMT+3",
		"+03:00", "-5", "5", "5.5", "-03:30", "+05:45:00", "+16", "EST5EDT", "15",
	};
	static const char *const bad[] = {
		"Mars/Olympus", "../etc/passwd", "Europe/../UTC", "/etc/localtime", "Europe",
		"", "Z", "+03:60", "3:", "UTC;rm", "Europe//Paris/", "200",
	};
	Config		c;
	char		msg[128];

	init(&c);
	for (size_t i = 0; i < lengthof(good); i++)
		ck_set_show(&c, "TimeZone", good[i], good[i]);
	for (size_t i = 0; i < lengthof(bad); i++)
	{
		snprintf(msg, sizeof(msg), "invalid value for parameter \"TimeZone\": \"%s\"", bad[i]);
		ck_set_fails(&c, "TimeZone", bad[i], "22023", msg);
	}
	ck_assert_str_eq(c.TimeZone, "15");
	config_free(&c);
}
END_TEST

START_TEST(test_application_name)
{
	Config		c;
	char		longname[101];
	char		cut[64];

	init(&c);
	ck_set_show(&c, "application_name", "psql", "psql");
	ck_set_show(&c, "application_name", "caf\xc3\xa9", "caf??");
	ck_set_show(&c, "application_name", "a\tb\x7f", "a?b?");
	memset(longname, 'x', 100);
	longname[100] = '\0';
	memset(cut, 'x', 63);
	cut[63] = '\0';
	ck_set_show(&c, "application_name", longname, cut);	/* cut to 63 bytes */
	ck_set_show(&c, "application_name", "", "");
	config_free(&c);
}
END_TEST

START_TEST(test_unsupported_booleans)
{
	Config		c;
	PgError		e;

	init(&c);
	ck_set_show(&c, "standard_conforming_strings", "true", "on");
	ck_set_fails(&c, "standard_conforming_strings", "off", "0A000",
				 "standard_conforming_strings = off is not supported");
	ck_set_fails(&c, "standard_conforming_strings", "0", "0A000",
				 "standard_conforming_strings = off is not supported");
	ck_set_fails(&c, "standard_conforming_strings", "maybe", "22023",
				 "parameter \"standard_conforming_strings\" requires a Boolean value");
	ck_set_show(&c, "default_transaction_read_only", "no", "off");
	ck_assert(!set(&c, "default_transaction_read_only", "yes", &e));
	ck_assert_str_eq(e.sqlstate, "0A000");
	ck_assert_str_eq(e.message, "read-only transactions are not supported");
	ck_assert(c.standard_conforming_strings);
	ck_assert(!c.default_transaction_read_only);
	config_free(&c);
}
END_TEST

START_TEST(test_failed_set_leaves_value)
{
	Config		c;
	PgError		e;
	char		s[64];

	init(&c);
	ck_set_show(&c, "DateStyle", "ISO, DMY", "ISO, DMY");
	ck_assert(!set(&c, "DateStyle", "SQL", &e));
	ck_assert_str_eq(shown(&c, "DateStyle", s, sizeof(s)), "ISO, DMY");
	ck_set_show(&c, "TimeZone", "Europe/Paris", "Europe/Paris");
	ck_assert(!set(&c, "TimeZone", "Nowhere/Land", &e));
	ck_assert_str_eq(c.TimeZone, "Europe/Paris");
	config_free(&c);
}
END_TEST

START_TEST(test_internal_params_settable_by_code)
{
	Config		c;

	/* config_set does not check the context: config_build fills these */
	init(&c);
	ck_set_show(&c, "data_directory", "/srv/pgwire", "/srv/pgwire");
	ck_set_show(&c, "is_superuser", "on", "on");
	ck_set_fails(&c, "max_identifier_length", "64", "22023",
				 "64 is outside the valid range for parameter \"max_identifier_length\" (63 .. 63)");
	config_free(&c);
}
END_TEST

/* TLS and authentication settings: PostgreSQL's names, defaults and versions. */
START_TEST(test_tls_auth_params)
{
	Config		c;
	char		s[256];
	char		path[256];
	PgError		e;

	init(&c);
	ck_assert(!c.ssl);
	ck_assert_str_eq(shown(&c, "ssl_min_protocol_version", s, sizeof(s)), "TLSv1.2");
	ck_assert_str_eq(shown(&c, "ssl_max_protocol_version", s, sizeof(s)), "");
	ck_assert_str_eq(c.ssl_cert_file, "server.crt");
	ck_assert_str_eq(c.ssl_key_file, "server.key");
	ck_assert_str_eq(c.ssl_ciphers, "HIGH:MEDIUM:+3DES:!aNULL");
	ck_assert_str_eq(c.hba_file, "pg_hba.yaml");
	ck_assert_str_eq(c.password_file, "passwords");
	ck_assert_int_eq(param("ssl")->context, PARAM_SIGHUP);
	ck_assert_int_eq(param("hba_file")->context, PARAM_POSTMASTER);
	ck_set_show(&c, "ssl_min_protocol_version", "tlsv1.3", "TLSv1.3");
	ck_assert_int_eq(c.ssl_min_protocol_version, TLS_VERSION_1_3);
	ck_set_show(&c, "ssl_max_protocol_version", "TLSv1.2", "TLSv1.2");
	ck_set_fails(&c, "ssl_min_protocol_version", "SSLv3", "22023",
				 "invalid value for parameter \"ssl_min_protocol_version\": \"SSLv3\"");
	ck_set_show(&c, "ssl", "on", "on");

	/* file settings: relative to the data directory, absolute as given */
	ck_assert(set(&c, "data_directory", "/srv/pgwire", &e));
	ck_assert(config_data_path(&c, c.ssl_cert_file, path, sizeof(path)));
	ck_assert_str_eq(path, "/srv/pgwire/server.crt");
	ck_assert(config_data_path(&c, "/etc/ssl/x.pem", path, sizeof(path)));
	ck_assert_str_eq(path, "/etc/ssl/x.pem");
	ck_assert(!config_data_path(&c, "a-rather-long-name.crt", path, 10));
	config_free(&c);
}
END_TEST

/* ---- whole configs ---- */

START_TEST(test_copy_free_equal)
{
	Config		a;
	Config		b;
	PgError		e;

	init(&a);
	ck_assert(set(&a, "application_name", "app", &e));
	ck_assert(set(&a, "port", "6000", &e));
	ck_assert(config_copy(&b, &a));
	for (size_t i = 0; i < config_param_count(); i++)
		ck_assert(config_equal(&a, &b, config_param_at(i)));
	ck_assert_ptr_ne(a.application_name, b.application_name);

	ck_assert(set(&b, "application_name", "other", &e));
	ck_assert(set(&b, "log_connections", "on", &e));
	ck_assert(set(&b, "dialect", "iris", &e));
	ck_assert(!config_equal(&a, &b, param("application_name")));
	ck_assert(!config_equal(&a, &b, param("log_connections")));
	ck_assert(!config_equal(&a, &b, param("dialect")));
	ck_assert(config_equal(&a, &b, param("port")));
	ck_assert_str_eq(a.application_name, "app");
	ck_assert_int_eq(b.port, 6000);

	config_free(&a);
	ck_assert_ptr_null(a.application_name);
	config_free(&a);			/* freeing twice is harmless */
	config_free(&b);
}
END_TEST

/* What SHOW prints, SET takes back unchanged (RESET and ROLLBACK rely on it). */
START_TEST(test_show_round_trip)
{
	Config		a;
	Config		b;
	PgError		e;

	init(&a);
	ck_assert(set(&a, "statement_timeout", "90s", &e));
	ck_assert(set(&a, "unix_socket_permissions", "0700", &e));
	ck_assert(set(&a, "DateStyle", "dmy", &e));
	ck_assert(set(&a, "log_min_messages", "debug3", &e));
	ck_assert(set(&a, "application_name", "caf\xc3\xa9", &e));
	init(&b);
	for (size_t i = 0; i < config_param_count(); i++)
	{
		const ConfigParam *p = config_param_at(i);
		Buf			v;

		if (p->flags & PARAM_NO_SHOW_ALL)
			continue;
		buf_init(&v);
		config_show(&a, p, &v);
		ck_assert_msg(config_set(&b, p, v.data ? v.data : "", &e), "%s: %s", p->name, e.message);
		ck_assert_msg(config_equal(&a, &b, p), "%s does not round-trip", p->name);
		buf_free(&v);
	}
	config_free(&a);
	config_free(&b);
}
END_TEST

/* ---- the YAML file ---- */

START_TEST(test_file_good)
{
	Config		c;
	char		errors[1024];
	char		s[256];

	init(&c);
	ck_assert(load("# pgwire configuration\n"
				   "port: 6432\n"
				   "listen_addresses: '*'\n"
				   "max_connections: 0x20\n"
				   "unix_socket_permissions: 0770\n"
				   "dialect: IRIS\n"
				   "odbc_connection_string: \"DSN=iris;PWD=x\"\n"
				   "\n"
				   "log_connections: on\n"
				   "log_disconnections: yes\n"
				   "log_min_messages: info\n"
				   "statement_timeout: 5s\n"
				   "DateStyle: iso, dmy     # trailing comment\n"
				   "TimeZone: Europe/Paris\n"
				   "application_name: ~\n"
				   "search_path: '\"$user\", public, extra'\n",
				   &c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "");
	ck_assert_int_eq(c.port, 6432);
	ck_assert_str_eq(c.listen_addresses, "*");
	ck_assert_int_eq(c.max_connections, 32);
	ck_assert_int_eq(c.unix_socket_permissions, 0770);
	ck_assert_int_eq(c.dialect, DIALECT_IRIS);
	ck_assert_str_eq(c.odbc_connection_string, "DSN=iris;PWD=x");
	ck_assert(c.log_connections && c.log_disconnections);
	ck_assert_int_eq(c.log_min_messages, LL_INFO);
	ck_assert_int_eq(c.statement_timeout, 5000);
	ck_assert_str_eq(c.DateStyle, "ISO, DMY");
	ck_assert_str_eq(c.TimeZone, "Europe/Paris");
	ck_assert_str_eq(c.application_name, "");
	ck_assert_str_eq(shown(&c, "search_path", s, sizeof(s)), "\"$user\", public, extra");
	ck_assert_int_eq(c.extra_float_digits, 1);	/* untouched */
	config_free(&c);
}
END_TEST

START_TEST(test_file_unknown_key)
{
	Config		c;
	char		errors[1024];

	init(&c);
	ck_assert(!load("port: 6432\n"
					"\n"
					"# a comment\n"
					"prot: 5432\n"
					"max_connections: 50\n"
					"logging:\n"
					"  level: debug\n"
					"server_version: '17.0'\n",
					&c, errors, sizeof(errors)));
	ck_assert_str_eq(errors,
					 "pgwire.yaml:4: unrecognized configuration parameter \"prot\"\n"
					 "pgwire.yaml:6: unrecognized configuration parameter \"logging\"\n"
					 "pgwire.yaml:8: parameter \"server_version\" cannot be changed\n");
	/* the good entries around the bad ones were applied */
	ck_assert_int_eq(c.port, 6432);
	ck_assert_int_eq(c.max_connections, 50);
	config_free(&c);
}
END_TEST

START_TEST(test_file_bad_values)
{
	Config		c;
	char		errors[2048];

	init(&c);
	ck_assert(!load("port: abc\n"
					"log_connections: maybe\n"
					"max_connections: [1, 2]\n"
					"dialect: mysql\n"
					"statement_timeout: -1\n"
					"DateStyle: SQL\n"
					"log_statement:\n"
					"  kind: all\n"
					"extra_float_digits:\n"
					"log_directory:\n"
					"TimeZone:\n"
					"  Mars/Olympus\n",
					&c, errors, sizeof(errors)));
	ck_assert_str_eq(errors,
					 "pgwire.yaml:1: invalid value for parameter \"port\": \"abc\"\n"
					 "pgwire.yaml:2: parameter \"log_connections\" requires a Boolean value\n"
					 "pgwire.yaml:3: parameter \"max_connections\" does not accept a list\n"
					 "pgwire.yaml:4: invalid value for parameter \"dialect\": \"mysql\"\n"
					 "pgwire.yaml:5: -1 ms is outside the valid range for parameter "
					 "\"statement_timeout\" (0 .. 2147483647)\n"
					 "pgwire.yaml:6: DateStyle \"SQL\" is not supported\n"
					 "pgwire.yaml:8: parameter \"log_statement\" cannot be a nested mapping\n"
					 "pgwire.yaml:9: invalid value for parameter \"extra_float_digits\": \"\"\n"
					 "pgwire.yaml:12: invalid value for parameter \"TimeZone\": \"Mars/Olympus\"\n");
	ck_assert_int_eq(c.port, 5432);
	ck_assert_str_eq(c.log_directory, "");
	config_free(&c);
}
END_TEST

START_TEST(test_file_duplicate_key)
{
	Config		c;
	char		errors[1024];

	init(&c);
	ck_assert(!load("port: 6432\n"
					"log_connections: on\n"
					"Port: 7000\n"
					"datestyle: dmy\n"
					"DateStyle: ymd\n",
					&c, errors, sizeof(errors)));
	ck_assert_str_eq(errors,
					 "pgwire.yaml:3: parameter \"port\" specified more than once\n"
					 "pgwire.yaml:5: parameter \"DateStyle\" specified more than once\n");
	ck_assert_int_eq(c.port, 6432);
	ck_assert_str_eq(c.DateStyle, "ISO, DMY");
	config_free(&c);
}
END_TEST

START_TEST(test_file_syntax_error)
{
	Config		c;
	char		errors[1024];

	init(&c);
	/* only the syntax error: nothing after (or before) it is trusted */
	ck_assert(!load("nosuch: 1\n"
					"port: 6432\n"
					"  log_connections: on\n"
					"other: 2\n",
					&c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "pgwire.yaml:3: mapping values are not allowed in this context\n");
	ck_assert_int_eq(c.port, 5432);

	ck_assert(!load("port: 6432\n"
					"listen_addresses: [a, b\n"
					"max_connections: 5\n",
					&c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "pgwire.yaml:3: did not find expected ',' or ']' while parsing "
					 "a flow sequence that started on line 2\n");

	ck_assert(!load("application_name: \"unterminated\n", &c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "pgwire.yaml:2: found unexpected end of stream while scanning "
					 "a quoted scalar that started on line 1\n");

	ck_assert(!load("\tport: 1\n", &c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "pgwire.yaml:1: found character that cannot start any token "
					 "while scanning for the next token\n");
	config_free(&c);
}
END_TEST

START_TEST(test_file_lists)
{
	Config		c;
	char		errors[1024];

	init(&c);
	ck_assert(load("listen_addresses:\n"
				   "  - 127.0.0.1\n"
				   "  - ::1\n"
				   "unix_socket_directories: [/tmp, '/var/run/pgwire']\n"
				   "search_path: ['\"$user\"', public]\n"
				   "DateStyle: [ISO, DMY]\n",
				   &c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "");
	ck_assert_str_eq(c.listen_addresses, "127.0.0.1, ::1");
	ck_assert_str_eq(c.unix_socket_directories, "/tmp, /var/run/pgwire");
	ck_assert_str_eq(c.search_path, "\"$user\", public");
	ck_assert_str_eq(c.DateStyle, "ISO, DMY");
	config_free(&c);

	init(&c);
	ck_assert(load("listen_addresses: []\n", &c, errors, sizeof(errors)));
	ck_assert_str_eq(c.listen_addresses, "");
	ck_assert(!load("search_path:\n"
					"  - a\n"
					"  - [b, c]\n"
					"TimeZone: [UTC]\n",
					&c, errors, sizeof(errors)));
	ck_assert_str_eq(errors,
					 "pgwire.yaml:3: list for parameter \"search_path\" may only hold scalars\n"
					 "pgwire.yaml:4: parameter \"TimeZone\" does not accept a list\n");
	config_free(&c);
}
END_TEST

START_TEST(test_file_empty_and_odd_shapes)
{
	Config		c;
	char		errors[1024];

	init(&c);
	ck_assert(load("", &c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "");
	ck_assert(load("# nothing set yet\n\n   # still nothing\n", &c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "");
	ck_assert(load("---\n", &c, errors, sizeof(errors)));
	ck_assert(load("---\nport: 6000\n...\n", &c, errors, sizeof(errors)));
	ck_assert_int_eq(c.port, 6000);

	ck_assert(!load("- port\n- 5432\n", &c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "pgwire.yaml:1: configuration file must be a mapping of "
					 "parameter names to values\n");
	ck_assert(!load("\n\njust text\n", &c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "pgwire.yaml:3: configuration file must be a mapping of "
					 "parameter names to values\n");
	ck_assert(!load("port: 1\n---\nport: 2\n", &c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "pgwire.yaml:2: configuration file must hold a single YAML document\n");
	ck_assert(!load("? [a, b]\n: 1\n", &c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "pgwire.yaml:1: parameter names must be plain text\n");
	ck_assert(!load("application_name: \"a\\0b\"\n", &c, errors, sizeof(errors)));
	ck_assert_str_eq(errors, "pgwire.yaml:1: invalid value for parameter \"application_name\": "
					 "contains a zero byte\n");
	ck_assert_int_eq(c.port, 1);
	config_free(&c);
}
END_TEST

START_TEST(test_file_cannot_open)
{
	Config		c;
	Buf			err;
	TempDir		t;
	char		expect[256];

	init(&c);
	buf_init(&err);
	ck_assert(!config_load_file(&c, "/nonexistent/pgwire.yaml", &err));
	ck_assert_str_eq(err.data, "/nonexistent/pgwire.yaml: could not open configuration file: "
					 "No such file or directory\n");
	buf_reset(&err);
	tmp_init(&t);
	ck_assert(!config_load_file(&c, t.dir, &err));
	snprintf(expect, sizeof(expect), "%s: could not open configuration file: Is a directory\n",
			 t.dir);
	ck_assert_str_eq(err.data, expect);
	ck_assert_int_eq(rmdir(t.dir), 0);
	buf_free(&err);
	config_free(&c);
}
END_TEST

/* ---- -c overrides ---- */

START_TEST(test_overrides_good)
{
	char	   *opts[] = {"port=6000", "log-connections=on", "datestyle=iso,dmy",
	"application_name=", "search_path=a=b", "port=6001"};
	Config		c;
	Buf			err;

	init(&c);
	buf_init(&err);
	ck_assert(config_apply_overrides(&c, opts, (int) lengthof(opts), &err));
	ck_assert_ptr_null(err.data);
	ck_assert_int_eq(c.port, 6001);	/* the last one wins, as on PostgreSQL's command line */
	ck_assert(c.log_connections);
	ck_assert_str_eq(c.DateStyle, "ISO, DMY");
	ck_assert_str_eq(c.application_name, "");
	ck_assert_str_eq(c.search_path, "a=b");
	ck_assert(config_apply_overrides(&c, NULL, 0, &err));
	buf_free(&err);
	config_free(&c);
}
END_TEST

START_TEST(test_overrides_bad)
{
	char	   *opts[] = {"nosuch=1", "port=abc", "max_connections=20", "statement_timeout",
	"server_version=1", "=5", "client_encoding=latin1"};
	Config		c;
	Buf			err;

	init(&c);
	buf_init(&err);
	ck_assert(!config_apply_overrides(&c, opts, (int) lengthof(opts), &err));
	ck_assert_str_eq(err.data,
					 "-c nosuch=1: unrecognized configuration parameter \"nosuch\"\n"
					 "-c port=abc: invalid value for parameter \"port\": \"abc\"\n"
					 "-c statement_timeout: option must have the form name=value\n"
					 "-c server_version=1: parameter \"server_version\" cannot be changed\n"
					 "-c =5: unrecognized configuration parameter \"\"\n"
					 "-c client_encoding=latin1: conversion between LATIN1 and UTF8 is not "
					 "supported\n");
	ck_assert_int_eq(c.max_connections, 20);
	ck_assert_int_eq(c.port, 5432);
	buf_free(&err);
	config_free(&c);
}
END_TEST

/* ---- config_build: defaults, then the file, then -c ---- */

START_TEST(test_build)
{
	char	   *opts[] = {"port=7000"};
	TempDir		t;
	Config		c;
	Buf			err;

	tmp_init(&t);
	tmp_write(&t, "port: 6000\nmax_connections: 7\n");
	buf_init(&err);
	ck_assert(config_build(&c, t.dir, opts, 1, &err));
	ck_assert_ptr_null(err.data);
	ck_assert_int_eq(c.port, 7000);
	ck_assert_int_eq(c.max_connections, 7);
	ck_assert_str_eq(c.data_directory, t.dir);
	ck_assert_str_eq(c.config_file, t.path);
	config_free(&c);
	tmp_cleanup(&t);
	buf_free(&err);
}
END_TEST

static Suite *
config_suite(void)
{
	Suite	   *s = suite_create("config");
	TCase	   *tc;

	tc = tcase_create("table");
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_report_flags);
	tcase_add_test(tc, test_tls_auth_params);
	tcase_add_test(tc, test_defaults);
	suite_add_tcase(s, tc);

	tc = tcase_create("values");
	tcase_add_test(tc, test_bool);
	tcase_add_test(tc, test_int);
	tcase_add_test(tc, test_time_units);
	tcase_add_test(tc, test_octal);
	tcase_add_test(tc, test_enum);
	tcase_add_test(tc, test_log_min_messages);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_failed_set_leaves_value);
	tcase_add_test(tc, test_internal_params_settable_by_code);
	suite_add_tcase(s, tc);

	tc = tcase_create("check_hooks");
	tcase_add_test(tc, test_datestyle);
	tcase_add_test(tc, test_client_encoding);
	tcase_add_test(tc, test_interval_style_and_bytea_output);
	tcase_add_test(tc, test_timezone);
	tcase_add_test(tc, test_iris_version);
	tcase_add_test(tc, test_application_name);
	tcase_add_test(tc, test_unsupported_booleans);
	suite_add_tcase(s, tc);

	tc = tcase_create("configs");
	tcase_add_test(tc, test_copy_free_equal);
	tcase_add_test(tc, test_show_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("file");
	tcase_add_test(tc, test_file_good);
	tcase_add_test(tc, test_file_unknown_key);
	tcase_add_test(tc, test_file_bad_values);
	tcase_add_test(tc, test_file_duplicate_key);
	tcase_add_test(tc, test_file_syntax_error);
	tcase_add_test(tc, test_file_lists);
	tcase_add_test(tc, test_file_empty_and_odd_shapes);
	tcase_add_test(tc, test_file_cannot_open);
	suite_add_tcase(s, tc);

	tc = tcase_create("overrides");
	tcase_add_test(tc, test_overrides_good);
	tcase_add_test(tc, test_overrides_bad);
	tcase_add_test(tc, test_build);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner    *sr = srunner_create(config_suite());
	int			failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
