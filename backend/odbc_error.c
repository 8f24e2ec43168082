/*
 * odbc_error.c
 *		ODBC diagnostics -> PostgreSQL SQLSTATE and message.
 *
 * Owns: the three mapping tables (generic ODBC SQLSTATEs, SQLite result
 * codes with their message patterns, IRIS SQLCODEs) and the clean-up of
 * driver message text. Pure functions: testable without a driver.
 */
#include "backend/odbc_error.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct StateMap
{
	const char *from;			/* ODBC SQLSTATE, or a prefix ending in '*' */
	const char *to;
} StateMap;

/* ODBC 3 SQLSTATEs (and class prefixes) -> PostgreSQL; first match wins. */
static const StateMap odbc_states[] = {
	{"01*", ERRCODE_WARNING},
	{"07*", ERRCODE_PROTOCOL_VIOLATION},
	{"08001", ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH},
	{"08003", ERRCODE_CONNECTION_DOES_NOT_EXIST},
	{"08004", "08004"},
	{"08007", "08007"},
	{"08*", ERRCODE_CONNECTION_FAILURE},
	{"21S*", ERRCODE_SYNTAX_ERROR},
	{"22018", ERRCODE_INVALID_TEXT_REPRESENTATION},
	{"22*", NULL},				/* same code in PostgreSQL */
	{"23*", NULL},
	{"24*", ERRCODE_INVALID_CURSOR_STATE},
	{"25S*", ERRCODE_INVALID_TRANSACTION_STATE},
	{"25*", NULL},
	{"28*", ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION},
	{"34*", ERRCODE_INVALID_CURSOR_NAME},
	{"3D*", ERRCODE_INVALID_CATALOG_NAME},
	{"3F*", "3F000"},
	{"40003", "08007"},
	{"40*", NULL},
	{"42000", ERRCODE_SYNTAX_ERROR},
	{"42S01", ERRCODE_DUPLICATE_TABLE},
	{"42S02", ERRCODE_UNDEFINED_TABLE},
	{"42S11", ERRCODE_DUPLICATE_TABLE},
	{"42S12", ERRCODE_UNDEFINED_OBJECT},
	{"42S21", ERRCODE_DUPLICATE_COLUMN},
	{"42S22", ERRCODE_UNDEFINED_COLUMN},
	{"42*", NULL},
	{"44*", "44000"},
	{"HY001", ERRCODE_OUT_OF_MEMORY},
	{"HY008", ERRCODE_QUERY_CANCELED},
	{"HYT00", ERRCODE_QUERY_CANCELED},
	{"HYT01", ERRCODE_CONNECTION_FAILURE},
	{"IM*", ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH},
	{"*", ERRCODE_INTERNAL_ERROR},
};

/* SQLite: primary result code (native & 0xff) and a message fragment. */
typedef struct SqliteMap
{
	int			code;			/* -1 = any */
	const char *fragment;		/* NULL = any */
	const char *to;
} SqliteMap;

static const SqliteMap sqlite_errors[] = {
	{19, "UNIQUE constraint failed", ERRCODE_UNIQUE_VIOLATION},
	{19, "NOT NULL constraint failed", ERRCODE_NOT_NULL_VIOLATION},
	{19, "FOREIGN KEY constraint failed", ERRCODE_FOREIGN_KEY_VIOLATION},
	{19, "CHECK constraint failed", ERRCODE_CHECK_VIOLATION},
	{19, NULL, ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION},
	{-1, "no such table", ERRCODE_UNDEFINED_TABLE},
	{-1, "no such column", ERRCODE_UNDEFINED_COLUMN},
	{-1, "no such function", ERRCODE_UNDEFINED_FUNCTION},
	{-1, "wrong number of arguments to function", ERRCODE_UNDEFINED_FUNCTION},
	{-1, "no such index", ERRCODE_UNDEFINED_OBJECT},
	{-1, "no such savepoint", "3B001"},
	{-1, "ambiguous column name", ERRCODE_AMBIGUOUS_COLUMN},
	{-1, "duplicate column name", ERRCODE_DUPLICATE_COLUMN},
	{-1, "already exists", ERRCODE_DUPLICATE_TABLE},
	{-1, "syntax error", ERRCODE_SYNTAX_ERROR},
	{-1, "incomplete input", ERRCODE_SYNTAX_ERROR},
	{-1, "unrecognized token", ERRCODE_SYNTAX_ERROR},
	{-1, "values were supplied", ERRCODE_SYNTAX_ERROR},
	{-1, "misuse of aggregate", "42803"},
	{-1, "cannot start a transaction within a transaction", ERRCODE_ACTIVE_SQL_TRANSACTION},
	{-1, "no transaction is active", ERRCODE_NO_ACTIVE_SQL_TRANSACTION},
	{-1, "interrupted", ERRCODE_QUERY_CANCELED},
	/* pgwire_vector.so says what pgvector says (backend/sqlite_vector.c) */
	{-1, "invalid input syntax for type vector", ERRCODE_INVALID_TEXT_REPRESENTATION},
	{-1, "dimensions, not", ERRCODE_DATA_EXCEPTION},
	{-1, "different vector dimensions", ERRCODE_DATA_EXCEPTION},
	{-1, "not allowed in vector", ERRCODE_DATA_EXCEPTION},
	{-1, "vector must have at least 1 dimension", ERRCODE_DATA_EXCEPTION},
	{-1, "vector cannot have more than", ERRCODE_PROGRAM_LIMIT_EXCEEDED},
	{5, NULL, ERRCODE_LOCK_NOT_AVAILABLE},	/* SQLITE_BUSY: database is locked */
	{6, NULL, ERRCODE_LOCK_NOT_AVAILABLE},	/* SQLITE_LOCKED */
	{7, NULL, ERRCODE_OUT_OF_MEMORY},
	{8, NULL, ERRCODE_READ_ONLY_SQL_TRANSACTION},
	{9, NULL, ERRCODE_QUERY_CANCELED},
	{10, NULL, "58030"},		/* SQLITE_IOERR -> io_error */
	{11, NULL, "XX001"},		/* SQLITE_CORRUPT -> data_corrupted */
	{13, NULL, "53100"},		/* SQLITE_FULL -> disk_full */
	{14, NULL, ERRCODE_SQLCLIENT_UNABLE_TO_ESTABLISH},	/* SQLITE_CANTOPEN */
	{18, NULL, ERRCODE_PROGRAM_LIMIT_EXCEEDED},
	{20, NULL, ERRCODE_DATATYPE_MISMATCH},
	{23, NULL, ERRCODE_INSUFFICIENT_PRIVILEGE},
	{25, NULL, ERRCODE_DATA_EXCEPTION},	/* SQLITE_RANGE */
};

/*
 * IRIS SQLCODEs (the driver reports -SQLCODE as the native error) from
 * InterSystems' "SQL Error Messages" reference (RERR_sql); see
 * docs/iris.md. Codes not listed fall back to the ODBC SQLSTATE.
 */
typedef struct IrisMap
{
	int			sqlcode;
	const char *to;
} IrisMap;

static const IrisMap iris_errors[] = {
	{-1, ERRCODE_SYNTAX_ERROR},	/* Invalid SQL statement */
	{-12, ERRCODE_SYNTAX_ERROR},	/* A term expected */
	{-25, ERRCODE_SYNTAX_ERROR},	/* Input encountered after end of query */
	{-29, ERRCODE_UNDEFINED_COLUMN},	/* Field not found */
	{-30, ERRCODE_UNDEFINED_TABLE},	/* Table or view not found */
	{-99, ERRCODE_INSUFFICIENT_PRIVILEGE},	/* Privilege violation */
	{-108, ERRCODE_NOT_NULL_VIOLATION},	/* Required field missing */
	{-110, ERRCODE_LOCK_NOT_AVAILABLE},	/* Locking conflict */
	{-111, ERRCODE_FEATURE_NOT_SUPPORTED},	/* Cannot INSERT into an IDENTITY field */
	{-114, ERRCODE_LOCK_NOT_AVAILABLE},	/* Unable to acquire lock */
	{-119, ERRCODE_UNIQUE_VIOLATION},	/* UNIQUE or PRIMARY KEY constraint failed */
	{-120, ERRCODE_UNIQUE_VIOLATION},
	{-121, ERRCODE_FOREIGN_KEY_VIOLATION},
	{-122, ERRCODE_FOREIGN_KEY_VIOLATION},
	{-201, ERRCODE_DUPLICATE_TABLE},	/* Table or view name not unique */
	{-257, ERRCODE_DATATYPE_MISMATCH},	/* vector length mismatch */
	{-258, ERRCODE_DATATYPE_MISMATCH},
	{-259, ERRCODE_DATATYPE_MISMATCH},
	{-301, ERRCODE_SYNTAX_ERROR},	/* savepoint name */
	{-302, "3B001"},			/* savepoint does not exist */
	{-376, ERRCODE_FEATURE_NOT_SUPPORTED},	/* unsupported CAST type */
	{-386, ERRCODE_SYNTAX_ERROR},	/* TOP/LIMIT/FETCH mixed */
};

static bool
state_matches(const char *pattern, const char *state)
{
	size_t		n = strlen(pattern);

	if (n > 0 && pattern[n - 1] == '*')
		return strncmp(pattern, state, n - 1) == 0;
	return strcmp(pattern, state) == 0;
}

static const char *
map_odbc_state(const char *state)
{
	for (size_t i = 0; i < lengthof(odbc_states); i++)
	{
		if (state_matches(odbc_states[i].from, state))
			return odbc_states[i].to ? odbc_states[i].to : state;
	}
	return ERRCODE_INTERNAL_ERROR;
}

static const char *
map_sqlite(int32_t native, const char *message)
{
	int			primary = native & 0xff;

	for (size_t i = 0; i < lengthof(sqlite_errors); i++)
	{
		const SqliteMap *m = &sqlite_errors[i];

		if (m->code != -1 && m->code != primary)
			continue;
		if (m->fragment && strstr(message, m->fragment) == NULL)
			continue;
		return m->to;
	}
	return NULL;
}

static const char *
map_iris(int32_t native)
{
	int			sqlcode = native > 0 ? -native : native;

	for (size_t i = 0; i < lengthof(iris_errors); i++)
	{
		if (iris_errors[i].sqlcode == sqlcode)
			return iris_errors[i].to;
	}
	return NULL;
}

/*
 * psqlODBC passes the server's SQLSTATE through; codes of ODBC's own classes
 * (HY, IM, 01, S1, and the 'S' subclasses) still need the generic map.
 */
static bool
is_postgres_sqlstate(const char *state)
{
	if (strlen(state) != 5)
		return false;
	if (strncmp(state, "HY", 2) == 0 || strncmp(state, "IM", 2) == 0 ||
		strncmp(state, "01", 2) == 0 || strncmp(state, "S1", 2) == 0 ||
		strcmp(state, "08S01") == 0 || state[2] == 'S')
		return false;
	return true;
}

/* Skip "[vendor][component]" prefixes. */
static const char *
skip_bracket_prefixes(const char *s)
{
	while (*s == '[')
	{
		const char *close = strchr(s, ']');

		if (close == NULL)
			break;
		s = close + 1;
	}
	while (*s == ' ')
		s++;
	return s;
}

static void
trim_trailing(char *s, const char *suffix)
{
	size_t		n = strlen(s);
	size_t		m = strlen(suffix);

	if (n >= m && strcmp(s + n - m, suffix) == 0)
		s[n - m] = '\0';
}

/* What psqlODBC appends to the server's message. */
static const char *const psqlodbc_suffixes[] = {
	";\nError while executing the query",
	";\nError while preparing parameters",
	";\nNo query has been executed with that handle",
};

/* Remove SQLite's " (19)" result-code suffix. */
static void
trim_sqlite_code(char *s)
{
	size_t		n = strlen(s);

	if (n < 4 || s[n - 1] != ')')
		return;
	for (size_t i = n - 2; i > 0; i--)
	{
		if (s[i] == '(' && s[i - 1] == ' ')
		{
			s[i - 1] = '\0';
			return;
		}
		if (!isdigit((unsigned char) s[i]))
			return;
	}
}

/* Move "\nDETAIL:  ..." and "\nHINT:  ..." lines of a PostgreSQL message to their fields. */
static void
split_postgres_fields(PgError *err)
{
	static const struct
	{
		const char *label;
		size_t		offset;
		size_t		size;
	}			fields[] = {
		{"\nHINT:", offsetof(PgError, hint), sizeof(((PgError *) 0)->hint)},
		{"\nDETAIL:", offsetof(PgError, detail), sizeof(((PgError *) 0)->detail)},
	};

	for (size_t i = 0; i < lengthof(fields); i++)
	{
		char	   *at = strstr(err->message, fields[i].label);
		const char *value;

		if (at == NULL)
			continue;
		value = at + strlen(fields[i].label);
		while (*value == ' ')
			value++;
		pgerr_copy_text((char *) err + fields[i].offset, fields[i].size, value);
		*at = '\0';
	}
}

void
odbc_map_error(SqlDialect dialect, const char *odbc_state, int32_t native,
			   const char *driver_message, PgError *err)
{
	const char *text = skip_bracket_prefixes(driver_message);
	const char *code = NULL;

	pgerr_clear(err);
	pgerr_copy_text(err->message, sizeof(err->message), text);

	switch (dialect)
	{
		case DIALECT_SQLITE:
			trim_sqlite_code(err->message);
			if (strcmp(odbc_state, "HY000") == 0 || strcmp(odbc_state, "S1000") == 0)
				code = map_sqlite(native, err->message);
			break;
		case DIALECT_POSTGRES:
			for (size_t i = 0; i < lengthof(psqlodbc_suffixes); i++)
				trim_trailing(err->message, psqlodbc_suffixes[i]);
			if (strncmp(err->message, "ERROR:", 6) == 0 || strncmp(err->message, "FATAL:", 6) == 0)
			{
				const char *rest = err->message + 6;

				while (*rest == ' ')
					rest++;
				memmove(err->message, rest, strlen(rest) + 1);
			}
			split_postgres_fields(err);
			if (is_postgres_sqlstate(odbc_state))
				code = odbc_state;
			break;
		case DIALECT_IRIS:
			pgerr_copy_text(err->detail, sizeof(err->detail), driver_message);
			code = map_iris(native);
			break;
	}
	if (code == NULL)
		code = map_odbc_state(odbc_state);
	memcpy(err->sqlstate, code, 5);
	err->sqlstate[5] = '\0';
	err->severity = PGSEV_ERROR;
	if (err->message[0] == '\0')
		pgerr_copy_text(err->message, sizeof(err->message), "database error");
}

bool
odbc_error_is_connection_lost(const PgError *err)
{
	/* connection exceptions, and a database server that ended our session */
	return strncmp(err->sqlstate, "08", 2) == 0 ||
		strcmp(err->sqlstate, ERRCODE_ADMIN_SHUTDOWN) == 0 ||
		strcmp(err->sqlstate, ERRCODE_CRASH_SHUTDOWN) == 0 ||
		strcmp(err->sqlstate, ERRCODE_CANNOT_CONNECT_NOW) == 0;
}
