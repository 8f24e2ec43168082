/*
 * params.c
 *		The parameter table: every parameter pgwire knows, once.
 *
 * Owns: each parameter's name, type, context, flags, default, bounds,
 * description, and the check hooks that canonicalise or refuse values
 * (DateStyle, client_encoding, TimeZone, ...). Descriptions use
 * PostgreSQL's wording where PostgreSQL has the parameter. Never stores a
 * value: parsing and storing are config.c's job.
 */
#include "config/config.h"

#include "common/log.h"
#include "common/types.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* PostgreSQL's NAMEDATALEN - 1: application_name is cut to this length. */
#define APPNAME_MAX_LEN 63


#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

/* ---- enum names (index = value) ---- */

static const char *const dialect_names[] = {"sqlite", "iris", "postgres", NULL};

/* Index = LogLevel; "debug5" .. "debug3" are accepted as aliases of debug2. */
static const char *const log_level_names[] = {
	"debug2", "debug1", "info", "notice", "warning", "error", "log", "fatal", "panic", NULL
};

static const char *const log_statement_names[] = {"none", "ddl", "mod", "all", NULL};

/* Index = ClientMessageLevel: PostgreSQL's order for what a client is sent. */
static const char *const client_level_names[] = {
	"debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error", NULL
};

static const char *const xmloption_names[] = {"content", "document", NULL};

/* Index = IrisVectorType: IRIS's VECTOR element types pgvector's float4 fits. */
static const char *const iris_vector_type_names[] = {"double", "float", NULL};
static const char *const vector_parameters_names[] = {"bound", "inline", NULL};
static const char *const tls_version_names[] = {"", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3", NULL};

_Static_assert(DIALECT_SQLITE == 0 && DIALECT_IRIS == 1 && DIALECT_POSTGRES == 2,
			   "dialect_names follows SqlDialect");
_Static_assert(LL_DEBUG2 == 0 && LL_WARNING == 4 && LL_PANIC == 8 &&
			   lengthof(log_level_names) == LL_PANIC + 2,
			   "log_level_names follows LogLevel");
_Static_assert(CLIENT_NOTICE == 6 && lengthof(client_level_names) == CLIENT_ERROR + 2,
			   "client_level_names follows ClientMessageLevel");
_Static_assert(TLS_VERSION_ANY == 0 && TLS_VERSION_1_3 == 4 &&
			   lengthof(tls_version_names) == TLS_VERSION_1_3 + 2,
			   "tls_version_names follows TlsVersion");
_Static_assert(LOGSTMT_NONE == 0 && LOGSTMT_ALL == 3, "log_statement_names follows LogStatement");
_Static_assert(VECTOR_PARAMETERS_BOUND == 0 && VECTOR_PARAMETERS_INLINE == 1,
			   "vector_parameters_names follows VectorParameters");

/* ---- check hooks ---- */

static void
invalid_value(PgError *err, const char *name, const char *value)
{
	pgerr_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
			  "invalid value for parameter \"%s\": \"%s\"", name, value);
}

/* Write the canonical form s to out; refuse values that do not fit. */
static bool
put_out(char *out, size_t outlen, const char *s, const char *name, PgError *err)
{
	size_t		len = strlen(s);

	if (len >= outlen)
	{
		invalid_value(err, name, s);
		return false;
	}
	memcpy(out, s, len + 1);
	return true;
}

/* As PostgreSQL 15: cut to 63 bytes, every byte outside printable ASCII -> '?'. */
static bool
check_application_name(const char *value, char *out, size_t outlen, PgError *err)
{
	size_t		n = 0;

	(void) err;
	for (const unsigned char *s = (const unsigned char *) value;
		 *s != '\0' && n < APPNAME_MAX_LEN && n + 1 < outlen; s++)
		out[n++] = (*s >= 32 && *s <= 126) ? (char) *s : '?';
	out[n] = '\0';
	return true;
}

/* PostgreSQL's encoding names (pg_encname_tbl) and their canonical names. */
static const struct
{
	const char *key;			/* lower case, alphanumerics only */
	const char *name;
}			encodings[] =
{
	{"abc", "WIN1258"}, {"alt", "WIN866"}, {"big5", "BIG5"}, {"euccn", "EUC_CN"},
	{"eucjis2004", "EUC_JIS_2004"}, {"eucjp", "EUC_JP"}, {"euckr", "EUC_KR"},
	{"euctw", "EUC_TW"}, {"gb18030", "GB18030"}, {"gbk", "GBK"},
	{"iso88591", "LATIN1"}, {"iso885910", "LATIN6"}, {"iso885913", "LATIN7"},
	{"iso885914", "LATIN8"}, {"iso885915", "LATIN9"}, {"iso885916", "LATIN10"},
	{"iso88592", "LATIN2"}, {"iso88593", "LATIN3"}, {"iso88594", "LATIN4"},
	{"iso88595", "ISO_8859_5"}, {"iso88596", "ISO_8859_6"}, {"iso88597", "ISO_8859_7"},
	{"iso88598", "ISO_8859_8"}, {"iso88599", "LATIN5"}, {"johab", "JOHAB"},
	{"koi8", "KOI8R"}, {"koi8r", "KOI8R"}, {"koi8u", "KOI8U"},
	{"latin1", "LATIN1"}, {"latin10", "LATIN10"}, {"latin2", "LATIN2"},
	{"latin3", "LATIN3"}, {"latin4", "LATIN4"}, {"latin5", "LATIN5"},
	{"latin6", "LATIN6"}, {"latin7", "LATIN7"}, {"latin8", "LATIN8"},
	{"latin9", "LATIN9"}, {"mskanji", "SJIS"}, {"muleinternal", "MULE_INTERNAL"},
	{"shiftjis", "SJIS"}, {"shiftjis2004", "SHIFT_JIS_2004"}, {"sjis", "SJIS"},
	{"sqlascii", "SQL_ASCII"}, {"tcvn", "WIN1258"}, {"tcvn5712", "WIN1258"},
	{"uhc", "UHC"}, {"unicode", "UTF8"}, {"utf8", "UTF8"}, {"vscii", "WIN1258"},
	{"win", "WIN1251"}, {"win1250", "WIN1250"}, {"win1251", "WIN1251"},
	{"win1252", "WIN1252"}, {"win1253", "WIN1253"}, {"win1254", "WIN1254"},
	{"win1255", "WIN1255"}, {"win1256", "WIN1256"}, {"win1257", "WIN1257"},
	{"win1258", "WIN1258"}, {"win866", "WIN866"}, {"win874", "WIN874"},
	{"win932", "SJIS"}, {"win936", "GBK"}, {"win949", "UHC"}, {"win950", "BIG5"},
	{"windows1250", "WIN1250"}, {"windows1251", "WIN1251"}, {"windows1252", "WIN1252"},
	{"windows1253", "WIN1253"}, {"windows1254", "WIN1254"}, {"windows1255", "WIN1255"},
	{"windows1256", "WIN1256"}, {"windows1257", "WIN1257"}, {"windows1258", "WIN1258"},
	{"windows866", "WIN866"}, {"windows874", "WIN874"}, {"windows932", "SJIS"},
	{"windows936", "GBK"}, {"windows949", "UHC"}, {"windows950", "BIG5"},
};

/* PostgreSQL's encoding name: "UTF-8", "utf_8", "Unicode" -> "UTF8"; NULL if unknown. */
static const char *
encoding_canonical_name(const char *value)
{
	char		key[32];
	size_t		n = 0;

	for (const unsigned char *s = (const unsigned char *) value; *s != '\0'; s++)
	{
		if (!isalnum(*s))
			continue;
		if (n + 1 >= sizeof(key))
			return NULL;
		key[n++] = (char) tolower(*s);
	}
	key[n] = '\0';
	for (size_t i = 0; i < lengthof(encodings); i++)
	{
		if (strcmp(key, encodings[i].key) == 0)
			return encodings[i].name;
	}
	return NULL;
}

/* pgwire speaks UTF8 to every client; SQL_ASCII passes bytes through. */
static bool
check_client_encoding(const char *value, char *out, size_t outlen, PgError *err)
{
	const char *name = encoding_canonical_name(value);

	if (name == NULL)
	{
		invalid_value(err, "client_encoding", value);
		return false;
	}
	if (strcmp(name, "UTF8") != 0 && strcmp(name, "SQL_ASCII") != 0)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
				  "conversion between %s and UTF8 is not supported", name);
		return false;
	}
	return put_out(out, outlen, name, "client_encoding", err);
}

/* DateStyle keywords: an output style, a field order, or both ("default"). */
static const struct
{
	const char *word;
	const char *style;			/* canonical spelling, NULL if none */
	const char *order;
}			datestyle_words[] =
{
	{"iso", "ISO", NULL}, {"sql", "SQL", NULL}, {"postgres", "Postgres", NULL},
	{"german", "German", NULL}, {"ymd", NULL, "YMD"}, {"dmy", NULL, "DMY"},
	{"euro", NULL, "DMY"}, {"european", NULL, "DMY"}, {"mdy", NULL, "MDY"},
	{"us", NULL, "MDY"}, {"noneuro", NULL, "MDY"}, {"noneuropean", NULL, "MDY"},
	{"default", "ISO", "MDY"},
};

/*
 * Take one comma-separated word at *s into tok, leaving *s at the comma or
 * the end. False for an empty word, a word too long, or two words without a
 * comma between them ("ISO MDY"), as PostgreSQL's SplitIdentifierString.
 */
static bool
next_list_token(const char **s, char *tok, size_t toklen)
{
	const char *p = *s;
	size_t		n = 0;

	while (isspace((unsigned char) *p))
		p++;
	while (*p != '\0' && *p != ',' && !isspace((unsigned char) *p))
	{
		if (n + 1 >= toklen)
			return false;
		tok[n++] = *p++;
	}
	tok[n] = '\0';
	while (isspace((unsigned char) *p))
		p++;
	*s = p;
	return n > 0 && (*p == '\0' || *p == ',');
}

/* Record a style or order word; false if it contradicts an earlier one. */
static bool
datestyle_take(const char **have, const char *want)
{
	if (want == NULL)
		return true;
	if (*have != NULL && strcmp(*have, want) != 0)
		return false;
	*have = want;
	return true;
}

/* The value as a comma-separated list of datestyle_words; style and order. */
static bool
parse_datestyle(const char *value, const char **style, const char **order, PgError *err)
{
	const char *s = value;
	char		tok[32];

	for (;;)
	{
		size_t		i;

		if (!next_list_token(&s, tok, sizeof(tok)))
		{
			invalid_value(err, "DateStyle", value);
			pgerr_set_detail(err, "List syntax is invalid.");
			return false;
		}
		for (i = 0; i < lengthof(datestyle_words); i++)
		{
			if (strcasecmp(tok, datestyle_words[i].word) == 0)
				break;
		}
		if (i == lengthof(datestyle_words))
		{
			invalid_value(err, "DateStyle", value);
			pgerr_set_detail(err, "Unrecognized key word: \"%s\".", tok);
			return false;
		}
		if (!datestyle_take(style, datestyle_words[i].style) ||
			!datestyle_take(order, datestyle_words[i].order))
		{
			invalid_value(err, "DateStyle", value);
			pgerr_set_detail(err, "Conflicting \"datestyle\" specifications.");
			return false;
		}
		if (*s == '\0')
			return true;
		s++;					/* the comma */
	}
}

/*
 * "iso,dmy" -> "ISO, DMY". A missing field order means MDY (PostgreSQL keeps
 * the current one; a hook does not see it). Only ISO output is supported.
 */
static bool
check_datestyle(const char *value, char *out, size_t outlen, PgError *err)
{
	const char *style = NULL;
	const char *order = NULL;
	char		canon[32];

	if (value[strspn(value, " \t\n\r\f\v")] != '\0' &&
		!parse_datestyle(value, &style, &order, err))
		return false;
	if (style != NULL && strcmp(style, "ISO") != 0)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "DateStyle \"%s\" is not supported", style);
		pgerr_set_hint(err, "pgwire formats dates in ISO style.");
		return false;
	}
	snprintf(canon, sizeof(canon), "ISO, %s", order ? order : "MDY");
	return put_out(out, outlen, canon, "DateStyle", err);
}

static bool
check_interval_style(const char *value, char *out, size_t outlen, PgError *err)
{
	static const char *const unsupported[] = {"postgres_verbose", "sql_standard", "iso_8601"};

	if (strcasecmp(value, "postgres") == 0)
		return put_out(out, outlen, "postgres", "IntervalStyle", err);
	for (size_t i = 0; i < lengthof(unsupported); i++)
	{
		if (strcasecmp(value, unsupported[i]) == 0)
		{
			pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
					  "IntervalStyle \"%s\" is not supported", unsupported[i]);
			pgerr_set_hint(err, "pgwire formats intervals in postgres style.");
			return false;
		}
	}
	invalid_value(err, "IntervalStyle", value);
	pgerr_set_hint(err, "Available values: postgres, postgres_verbose, sql_standard, iso_8601.");
	return false;
}

static bool
check_timezone(const char *value, char *out, size_t outlen, PgError *err)
{
	/* the zones the type code can set (common/type_timezone.c) */
	if (pgtype_timezone_valid(value))
		return put_out(out, outlen, value, "TimeZone", err);
	invalid_value(err, "TimeZone", value);
	return false;
}

/* An IRIS release as YEAR.N ("2024.1", "2025.1.2"). */
static bool
check_iris_version(const char *value, char *out, size_t outlen, PgError *err)
{
	int			year = 0;
	int			minor = 0;
	int			used = 0;

	if (sscanf(value, "%4d.%d%n", &year, &minor, &used) == 2 && year >= 2018 &&
		(value[used] == '\0' || value[used] == '.'))
		return put_out(out, outlen, value, "iris_version", err);
	invalid_value(err, "iris_version", value);
	pgerr_set_hint(err, "Give the IRIS release as YEAR.N, for example 2025.1.");
	return false;
}

/*
 * A string setting pgwire knows only one value of (no tablespaces, one
 * table access method): PostgreSQL's default is accepted, others refused.
 */
static bool
check_only_value(const char *name, const char *only, const char *value, char *out, size_t outlen,
				 PgError *err)
{
	if (strcmp(value, only) == 0)
		return put_out(out, outlen, value, name, err);
	pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s \"%s\" is not supported", name, value);
	pgerr_set_hint(err, "pgwire accepts only \"%s\" here.", only);
	return false;
}

static bool
check_default_tablespace(const char *value, char *out, size_t outlen, PgError *err)
{
	return check_only_value("default_tablespace", "", value, out, outlen, err);
}

static bool
check_default_table_access_method(const char *value, char *out, size_t outlen, PgError *err)
{
	return check_only_value("default_table_access_method", "heap", value, out, outlen, err);
}

/* Config.bytea_output is a string; it takes one value, as an enum would. */
static bool
check_bytea_output(const char *value, char *out, size_t outlen, PgError *err)
{
	if (strcasecmp(value, "hex") == 0)
		return put_out(out, outlen, "hex", "bytea_output", err);
	if (strcasecmp(value, "escape") == 0)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "bytea_output \"escape\" is not supported");
		pgerr_set_hint(err, "pgwire sends bytea values in hex format.");
		return false;
	}
	invalid_value(err, "bytea_output", value);
	pgerr_set_hint(err, "Available values: hex.");
	return false;
}

/*
 * Map PostgreSQL's level names (debug5 .. panic) onto LogLevel's names. An
 * enum's hook sees the input before the name lookup (see config.c).
 */
static bool
check_log_min_messages(const char *value, char *out, size_t outlen, PgError *err)
{
	LogLevel	level;

	if (log_level_from_name(value, &level))
		return put_out(out, outlen, log_level_names[level], "log_min_messages", err);
	return put_out(out, outlen, value, "log_min_messages", err);
}

/* Boolean hooks see "on" or "off". */
static bool
check_standard_conforming_strings(const char *value, char *out, size_t outlen, PgError *err)
{
	if (strcmp(value, "off") == 0)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
				  "standard_conforming_strings = off is not supported");
		pgerr_set_hint(err, "pgwire always treats backslashes in string literals literally.");
		return false;
	}
	return put_out(out, outlen, value, "standard_conforming_strings", err);
}

static bool
check_default_transaction_read_only(const char *value, char *out, size_t outlen, PgError *err)
{
	if (strcmp(value, "on") == 0)
	{
		pgerr_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "read-only transactions are not supported");
		return false;
	}
	return put_out(out, outlen, value, "default_transaction_read_only", err);
}

/* ---- the table ---- */

/*
 * offsetof(Config, f), refusing to compile if f is not of type T (comparing
 * pointers to distinct types is a diagnostic, and the build uses -Werror).
 */
#define FIELD(f, T) (offsetof(Config, f) + 0 * sizeof(&((Config *) 0)->f == (T *) 0))

#define P_BOOL(name, ctx, flags, f, boot, desc, check) \
	{name, PARAM_BOOL, ctx, flags, FIELD(f, bool), boot, 0, 0, NULL, desc, check}
#define P_INT(name, ctx, flags, f, boot, min, max, desc) \
	{name, PARAM_INT, ctx, flags, FIELD(f, int), boot, min, max, NULL, desc, NULL}
#define P_STRING(name, ctx, flags, f, boot, desc, check) \
	{name, PARAM_STRING, ctx, flags, FIELD(f, char *), boot, 0, 0, NULL, desc, check}
#define P_ENUM(name, ctx, flags, f, boot, names, desc, check) \
	{name, PARAM_ENUM, ctx, flags, FIELD(f, int), boot, 0, 0, names, desc, check}

static const ConfigParam params[] = {
	/* connections */
	P_STRING("listen_addresses", PARAM_POSTMASTER, PARAM_LIST, listen_addresses, "localhost",
			 "Sets the host name or IP address(es) to listen to.", NULL),
	P_INT("port", PARAM_POSTMASTER, 0, port, "5432", 1, 65535,
		  "Sets the TCP port the server listens on."),
	P_INT("max_connections", PARAM_POSTMASTER, 0, max_connections, "100", 1, 10000,
		  "Sets the maximum number of concurrent connections."),
	P_INT("authentication_timeout", PARAM_SIGHUP, PARAM_UNIT_S, authentication_timeout, "60", 1, 600,
		  "Sets the maximum allowed time to complete client authentication."),
	P_STRING("superusers", PARAM_SIGHUP, PARAM_LIST, superusers, "",
			 "Sets the user names whose sessions are superuser sessions.", NULL),
	P_STRING("unix_socket_directories", PARAM_POSTMASTER, PARAM_LIST, unix_socket_directories,
			 "/var/run/postgresql, /tmp",
			 "Sets the directories where Unix-domain sockets will be created.", NULL),
	P_INT("unix_socket_permissions", PARAM_POSTMASTER, PARAM_OCTAL, unix_socket_permissions,
		  "0777", 0, 0777, "Sets the access permissions of the Unix-domain socket."),

	/* TLS */
	P_BOOL("ssl", PARAM_SIGHUP, 0, ssl, "off", "Enables SSL connections.", NULL),
	P_STRING("ssl_cert_file", PARAM_SIGHUP, 0, ssl_cert_file, "server.crt",
			 "Location of the SSL server certificate file.", NULL),
	P_STRING("ssl_key_file", PARAM_SIGHUP, 0, ssl_key_file, "server.key",
			 "Location of the SSL server private key file.", NULL),
	P_STRING("ssl_ca_file", PARAM_SIGHUP, 0, ssl_ca_file, "",
			 "Location of the SSL certificate authority file.", NULL),
	P_ENUM("ssl_min_protocol_version", PARAM_SIGHUP, 0, ssl_min_protocol_version, "TLSv1.2",
		   tls_version_names, "Sets the minimum SSL/TLS protocol version to use.", NULL),
	P_ENUM("ssl_max_protocol_version", PARAM_SIGHUP, 0, ssl_max_protocol_version, "",
		   tls_version_names, "Sets the maximum SSL/TLS protocol version to use.", NULL),
	P_STRING("ssl_ciphers", PARAM_SIGHUP, 0, ssl_ciphers, "HIGH:MEDIUM:+3DES:!aNULL",
			 "Sets the list of allowed SSL ciphers.", NULL),
	P_STRING("ssl_groups", PARAM_SIGHUP, 0, ssl_groups, "X25519:prime256v1",
			 "Sets the group(s) to use for Diffie-Hellman key exchange.", NULL),

	/* authentication */
	P_STRING("hba_file", PARAM_POSTMASTER, 0, hba_file, "pg_hba.yaml",
			 "Sets the server's \"hba\" configuration file.", NULL),
	P_STRING("password_file", PARAM_SIGHUP, 0, password_file, "passwords",
			 "Sets the file of SCRAM secrets (PgBouncer auth_file format).", NULL),
	P_BOOL("password_allow_plaintext", PARAM_SIGHUP, 0, password_allow_plaintext, "off",
		   "Allows the password method on connections without SSL.", NULL),

	/* the database behind pgwire */
	P_ENUM("dialect", PARAM_BACKEND, 0, dialect, "sqlite", dialect_names,
		   "Sets the SQL dialect of the database pgwire connects to.", NULL),
	P_ENUM("iris_vector_type", PARAM_BACKEND, 0, iris_vector_type, "double", iris_vector_type_names,
		   "Sets the element type of IRIS vectors pgwire creates and compares (double or float).", NULL),
	P_ENUM("vector_parameters", PARAM_BACKEND, 0, vector_parameters, "bound", vector_parameters_names,
		   "Sets how vector parameters reach the database: bound as text, or inline as literals pgwire formats.",
		   NULL),
	P_STRING("iris_version", PARAM_BACKEND, 0, iris_version, "2025.1",
			 "Sets the IRIS release pgwire writes SQL for (before 2025.1: row limits as TOP).",
			 check_iris_version),
	P_STRING("odbc_connection_string", PARAM_BACKEND, PARAM_NO_SHOW_ALL, odbc_connection_string,
			 "", "Sets the ODBC connection string of the database pgwire connects to.", NULL),
	P_INT("copy_rows_per_insert", PARAM_USERSET, 0, copy_rows_per_insert, "0", 0, 1000,
		  "Sets how many rows one INSERT of COPY FROM carries (0: chosen by dialect)."),
	P_INT("copy_batch_rows", PARAM_USERSET, 0, copy_batch_rows, "0", 0, 100000,
		  "Sets how many rows COPY FROM hands to the database at once (0: chosen by dialect)."),

	/* logging */
	P_STRING("log_directory", PARAM_SIGHUP, 0, log_directory, "",
			 "Sets the destination directory for log files.", NULL),
	P_STRING("log_filename", PARAM_SIGHUP, 0, log_filename, "pgwire-%Y-%m-%d.log",
			 "Sets the file name pattern for log files.", NULL),
	P_ENUM("log_min_messages", PARAM_SIGHUP, 0, log_min_messages, "warning", log_level_names,
		   "Sets the message levels that are logged.", check_log_min_messages),
	P_BOOL("log_connections", PARAM_SIGHUP, 0, log_connections, "off",
		   "Logs each successful connection.", NULL),
	P_BOOL("log_disconnections", PARAM_SIGHUP, 0, log_disconnections, "off",
		   "Logs end of a session, including duration.", NULL),
	P_ENUM("log_statement", PARAM_SIGHUP, 0, log_statement, "none", log_statement_names,
		   "Sets the type of statements logged.", NULL),

	/* session defaults */
	P_INT("statement_timeout", PARAM_USERSET, PARAM_UNIT_MS, statement_timeout, "0", 0, INT_MAX,
		  "Sets the maximum allowed duration of any statement."),
	P_INT("idle_in_transaction_session_timeout", PARAM_USERSET, PARAM_UNIT_MS,
		  idle_in_transaction_session_timeout, "0", 0, INT_MAX,
		  "Sets the maximum allowed idle time between queries, when in a transaction."),
	P_INT("idle_session_timeout", PARAM_USERSET, PARAM_UNIT_MS, idle_session_timeout, "0", 0, INT_MAX,
		  "Sets the maximum allowed idle time between queries, when not in a transaction."),
	P_INT("tcp_keepalives_idle", PARAM_BACKEND, PARAM_UNIT_S, tcp_keepalives_idle, "0", 0, INT_MAX,
		  "Time between issuing TCP keepalives."),
	P_INT("tcp_keepalives_interval", PARAM_BACKEND, PARAM_UNIT_S, tcp_keepalives_interval, "0", 0, INT_MAX,
		  "Time between TCP keepalive retransmits."),
	P_INT("tcp_keepalives_count", PARAM_BACKEND, 0, tcp_keepalives_count, "0", 0, INT_MAX,
		  "Maximum number of TCP keepalive retransmits."),
	P_ENUM("client_min_messages", PARAM_USERSET, 0, client_min_messages, "notice", client_level_names,
		   "Sets the message levels that are sent to the client.", NULL),
	P_INT("lock_timeout", PARAM_USERSET, PARAM_UNIT_MS, lock_timeout, "0", 0, 0,
		  "Sets the maximum allowed duration of any wait for a lock (pgwire: 0, no limit, only)."),
	P_BOOL("check_function_bodies", PARAM_USERSET, 0, check_function_bodies, "on",
		   "Check routine bodies during CREATE FUNCTION and CREATE PROCEDURE.", NULL),
	P_BOOL("row_security", PARAM_USERSET, 0, row_security, "on",
		   "Enables row security (pgwire has no row security policies).", NULL),
	P_ENUM("xmloption", PARAM_USERSET, 0, xmloption, "content", xmloption_names,
		   "Sets whether XML data in implicit parsing and serialization operations is to be considered as documents or content fragments.", NULL),
	P_STRING("default_tablespace", PARAM_USERSET, 0, default_tablespace, "",
			 "Sets the default tablespace to create tables and indexes in.", check_default_tablespace),
	P_STRING("default_table_access_method", PARAM_USERSET, 0, default_table_access_method, "heap",
			 "Sets the default table access method for new tables.", check_default_table_access_method),
	P_STRING("application_name", PARAM_USERSET, PARAM_REPORT, application_name, "",
			 "Sets the application name to be reported in statistics and logs.",
			 check_application_name),
	P_STRING("client_encoding", PARAM_USERSET, PARAM_REPORT, client_encoding, "UTF8",
			 "Sets the client's character set encoding.", check_client_encoding),
	P_STRING("DateStyle", PARAM_USERSET, PARAM_REPORT | PARAM_LIST, DateStyle, "ISO, MDY",
			 "Sets the display format for date and time values.", check_datestyle),
	P_STRING("IntervalStyle", PARAM_USERSET, PARAM_REPORT, IntervalStyle, "postgres",
			 "Sets the display format for interval values.", check_interval_style),
	P_STRING("TimeZone", PARAM_USERSET, PARAM_REPORT, TimeZone, "UTC",
			 "Sets the time zone for displaying and interpreting time stamps.", check_timezone),
	P_STRING("search_path", PARAM_USERSET, PARAM_REPORT | PARAM_LIST, search_path,
			 "\"$user\", public",
			 "Sets the schema search order for names that are not schema-qualified.", NULL),
	P_INT("extra_float_digits", PARAM_USERSET, 0, extra_float_digits, "1", -15, 3,
		  "Sets the number of digits displayed for floating-point values."),
	P_STRING("bytea_output", PARAM_USERSET, 0, bytea_output, "hex",
			 "Sets the output format for bytea.", check_bytea_output),
	P_BOOL("standard_conforming_strings", PARAM_USERSET, PARAM_REPORT,
		   standard_conforming_strings, "on",
		   "Causes '...' strings to treat backslashes literally.",
		   check_standard_conforming_strings),
	P_BOOL("default_transaction_read_only", PARAM_USERSET, PARAM_REPORT,
		   default_transaction_read_only, "off",
		   "Sets the default read-only status of new transactions.",
		   check_default_transaction_read_only),

	/* read-only facts */
	P_STRING("server_version", PARAM_INTERNAL, PARAM_REPORT, server_version,
			 PGWIRE_PG_VERSION " (pgwire " PACKAGE_VERSION ")",
			 "Shows the server version.", NULL),
	P_INT("server_version_num", PARAM_INTERNAL, 0, server_version_num,
		  STRINGIFY(PGWIRE_PG_VERSION_NUM), PGWIRE_PG_VERSION_NUM, PGWIRE_PG_VERSION_NUM,
		  "Shows the server version as an integer."),
	P_STRING("server_encoding", PARAM_INTERNAL, PARAM_REPORT, server_encoding, "UTF8",
			 "Shows the server (database) character set encoding.", NULL),
	P_BOOL("integer_datetimes", PARAM_INTERNAL, PARAM_REPORT, integer_datetimes, "on",
		   "Shows whether datetimes are integer based.", NULL),
	P_BOOL("in_hot_standby", PARAM_INTERNAL, PARAM_REPORT, in_hot_standby, "off",
		   "Shows whether hot standby is currently active.", NULL),
	P_BOOL("is_superuser", PARAM_INTERNAL, PARAM_REPORT, is_superuser, "off",
		   "Shows whether the current user is a superuser.", NULL),
	P_STRING("session_authorization", PARAM_INTERNAL, PARAM_REPORT, session_authorization, "",
			 "Sets the session user name.", NULL),
	P_INT("scram_iterations", PARAM_INTERNAL, PARAM_REPORT, scram_iterations, "4096", 1, INT_MAX,
		  "Sets the iteration count for SCRAM secret generation."),
	P_INT("max_identifier_length", PARAM_INTERNAL, 0, max_identifier_length, "63", 63, 63,
		  "Shows the maximum identifier length."),
	P_STRING("data_directory", PARAM_INTERNAL, 0, data_directory, "",
			 "Sets the server's data directory.", NULL),
	P_STRING("config_file", PARAM_INTERNAL, 0, config_file, "",
			 "Sets the server's main configuration file.", NULL),
};

size_t
config_param_count(void)
{
	return lengthof(params);
}

const ConfigParam *
config_param_at(size_t i)
{
	return i < lengthof(params) ? &params[i] : NULL;
}

const ConfigParam *
config_lookup(const char *name)
{
	for (size_t i = 0; i < lengthof(params); i++)
	{
		if (strcasecmp(name, params[i].name) == 0)
			return &params[i];
	}
	return NULL;
}
