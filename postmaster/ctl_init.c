/*
 * ctl_init.c
 *		pgwire-ctl init: a new data directory with a working default.
 *
 * Owns: the templates of pgwire.yaml and pg_hba.yaml. The default serves
 * a SQLite database file in the data directory through Debian's SQLite
 * ODBC driver, with a DSN-less connection string, so no system ODBC
 * configuration is needed. Examples for IRIS and PostgreSQL are in the
 * file, commented out. The hba rules trust the machine itself (loopback
 * and the Unix socket) and nobody else.
 */
#include "postmaster/ctl_init.h"

#include "config/config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* pgwire.yaml up to the SQLite connection string's LoadExt= (written by init). */
static const char config_template[] =
	"# pgwire.yaml -- configuration of a pgwire server, written by \"pgwire-ctl init\".\n"
	"#\n"
	"# Names and values follow PostgreSQL's where PostgreSQL has the setting.\n"
	"# \"(restart)\" settings change on restart, \"(new sessions)\" ones for new\n"
	"# connections after \"pgwire-ctl reload\", the rest on reload. Any setting\n"
	"# can also be given on the command line: pgwire -c name=value.\n"
	"# Reference: docs/configuration.md\n"
	"\n"
	"# ---- connections (restart) ----\n"
	"listen_addresses: localhost         # \"*\" for every address, '' for the Unix socket only\n"
	"port: 5432\n"
	"max_connections: 100\n"
	"unix_socket_directories: /var/run/postgresql, /tmp\n"
	"\n"
	"# ---- the database behind pgwire (new sessions) ----\n"
	"# The embedded default: a SQLite file in this directory, through Debian's\n"
	"# SQLite ODBC driver (package libsqliteodbc). Relative paths are relative\n"
	"# to this directory.\n"
	"dialect: sqlite\n"
	"# pgvector's functions and fast COPY FROM come from pgwire's SQLite\n"
	"# extension (LoadExt).\n"
	"odbc_connection_string: \"Driver=" SQLITE_ODBC_DRIVER ";Database=pgwire.db;JournalMode=WAL;Timeout=10000";

/* The rest of pgwire.yaml, after the SQLite connection string's LoadExt. */
static const char config_template_tail[] =
	"\"\n"
	"\n"
	"# InterSystems IRIS (see docs/iris.md): the driver from the IRIS install or\n"
	"# InterSystems' ODBC package, the superserver port, the namespace.\n"
	"#dialect: iris\n"
	"#odbc_connection_string: \"Driver=/usr/irissys/bin/libirisodbcur6435.so;Host=iris.example.com;Port=1972;Namespace=USER;UID=_SYSTEM;PWD=secret\"\n"
	"# The IRIS release: before 2025.1 row limits are written with TOP.\n"
	"#iris_version: 2025.1\n"
	"\n"
	"# PostgreSQL through psqlODBC (package odbc-postgresql), for tests and benchmarks.\n"
	"#dialect: postgres\n"
	"#odbc_connection_string: \"Driver=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so;Server=127.0.0.1;Port=5433;Database=postgres;UID=postgres\"\n"
	"\n"
	"# ---- TLS and authentication (reload) ----\n"
	"# Who may connect, and how: pg_hba.yaml. Passwords: pgwire-ctl passwd NAME.\n"
	"#ssl: off\n"
	"#ssl_cert_file: server.crt           # relative to this directory\n"
	"#ssl_key_file: server.key\n"
	"#ssl_ca_file: ''                     # CA of client certificates (the cert method)\n"
	"#ssl_min_protocol_version: TLSv1.2\n"
	"#hba_file: pg_hba.yaml               # (restart)\n"
	"#password_file: passwords            # SCRAM secrets, PgBouncer's auth_file format\n"
	"#password_allow_plaintext: off       # the password method without SSL\n"
	"\n"
	"# ---- logging ----\n"
	"#log_directory: log                 # relative to this directory; empty: stderr\n"
	"#log_filename: pgwire-%Y-%m-%d.log\n"
	"#log_min_messages: warning          # debug1, info, notice, warning, error, log, fatal\n"
	"#log_connections: off\n"
	"#log_disconnections: off\n"
	"#log_statement: none                # none, ddl, mod, all\n"
	"\n"
	"# ---- session defaults (clients may SET them) ----\n"
	"#statement_timeout: 0               # e.g. 30s; 0 = off\n"
	"#TimeZone: UTC\n"
	"#DateStyle: ISO, MDY\n"
	"#extra_float_digits: 1\n";

static const char hba_template[] =
	"# pg_hba.yaml -- who may connect to pgwire, and how; written by \"pgwire-ctl init\".\n"
	"#\n"
	"# Rules are tried in order; the first whose type, database, user and address\n"
	"# match the connection decides its method. No rule matches: refused.\n"
	"#   type:     local (Unix socket), host (TCP), hostssl (TCP with SSL), hostnossl\n"
	"#   database: all, sameuser, a name, or names (a, b or [a, b])\n"
	"#   user:     all, a name, or names\n"
	"#   address:  CIDR (127.0.0.1/32, '::1/128', 10.0.0.0/8) or all; not for local\n"
	"#   method:   trust, reject, scram-sha-256, password, cert\n"
	"# Passwords for scram-sha-256: pgwire-ctl passwd NAME. Reference: docs/security.md.\n"
	"# Changes apply on \"pgwire-ctl reload\".\n"
	"\n"
	"- {type: local, database: all, user: all, method: trust}\n"
	"- {type: host, database: all, user: all, address: 127.0.0.1/32, method: trust}\n"
	"- {type: host, database: all, user: all, address: '::1/128', method: trust}\n"
	"\n"
	"# Everyone else over TLS (ssl: on in pgwire.yaml), with a password:\n"
	"#- {type: hostssl, database: all, user: all, address: 0.0.0.0/0, method: scram-sha-256}\n"
	"#- {type: hostssl, database: all, user: all, address: '::/0', method: scram-sha-256}\n";

/* Write text to dir/name; false (and a message) on failure. */
static bool
write_template(const char *progname, const char *data_dir, const char *name, const char *text,
			   char *path, size_t pathlen)
{
	FILE	   *f;

	snprintf(path, pathlen, "%s/%s", data_dir, name);
	f = fopen(path, "w");
	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0)
	{
		fprintf(stderr, "%s: could not write \"%s\": %s\n", progname, path, strerror(errno));
		return false;
	}
	return true;
}

/* Does path exist as a non-empty directory (or as something else)? */
static bool
directory_usable(const char *path, const char *progname)
{
	struct stat st;
	DIR		   *dir;
	struct dirent *de;
	bool		empty = true;

	if (stat(path, &st) != 0)
		return errno == ENOENT;
	if (!S_ISDIR(st.st_mode))
	{
		fprintf(stderr, "%s: \"%s\" exists but is not a directory\n", progname, path);
		return false;
	}
	dir = opendir(path);
	if (dir == NULL)
	{
		fprintf(stderr, "%s: could not open directory \"%s\": %s\n", progname, path, strerror(errno));
		return false;
	}
	while ((de = readdir(dir)) != NULL)
	{
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
		{
			empty = false;
			break;
		}
	}
	closedir(dir);
	if (!empty)
		fprintf(stderr, "%s: directory \"%s\" exists but is not empty\n"
				"If you want to create a new data directory, either remove or empty\n"
				"the directory \"%s\" or run init with a path other than \"%s\".\n",
				progname, path, path, path);
	return empty;
}

/* mkdir -p with mode 0700 for the last component. */
static bool
make_directory(const char *path)
{
	char		tmp[4096];
	size_t		len = strlen(path);

	if (len >= sizeof(tmp))
	{
		errno = ENAMETOOLONG;
		return false;
	}
	memcpy(tmp, path, len + 1);
	for (char *p = tmp + 1; *p; p++)
	{
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
			return false;
		*p = '/';
	}
	return mkdir(tmp, 0700) == 0 || errno == EEXIST;
}

/*
 * Where pgwire_vector.so is (the SQLite extension with pgvector's
 * functions and COPY's pgwire_rows): beside pgwire-ctl (a build directory) or where make install
 * put it; NULL if neither has it.
 */
static const char *
vector_extension_path(char *buf, size_t size)
{
	char		exe[PATH_MAX];
	ssize_t		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char	   *slash;

	if (n > 0)
	{
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
		{
			*slash = '\0';
			snprintf(buf, size, "%s/%s", exe, VECTOR_EXTENSION);
			if (access(buf, R_OK) == 0)
				return buf;
		}
	}
	snprintf(buf, size, "%s/%s", PKGLIBEXECDIR, VECTOR_EXTENSION);
	return access(buf, R_OK) == 0 ? buf : NULL;
}

/* The name of the user running init (initdb's default superuser), or "postgres". */
static const char *
init_user_name(void)
{
	const struct passwd *pw = getpwuid(geteuid());

	return pw != NULL && pw->pw_name[0] != '\0' && strspn(pw->pw_name, "abcdefghijklmnopqrstuvwxyz"
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") == strlen(pw->pw_name) ? pw->pw_name : "postgres";
}

bool
ctl_init_data_dir(const char *progname, const char *data_dir)
{
	char		path[4200];
	char		hba_path[4200];
	char		ext_path[PATH_MAX + 64];
	const char *ext = vector_extension_path(ext_path, sizeof(ext_path));
	char	   *config = NULL;
	bool		ok;

	if (!directory_usable(data_dir, progname))
		return false;
	if (!make_directory(data_dir))
	{
		fprintf(stderr, "%s: could not create directory \"%s\": %s\n", progname, data_dir, strerror(errno));
		return false;
	}
	if (chmod(data_dir, 0700) != 0)
	{
		fprintf(stderr, "%s: could not change permissions of \"%s\": %s\n", progname, data_dir, strerror(errno));
		return false;
	}

	/* the SQLite connection string's LoadExt=, and the users section */
	if (asprintf(&config, "%s%s%s%s\n# ---- users (reload) ----\n"
				 "# Users whose sessions are superusers: they may cancel or terminate any\n"
				 "# session (pg_cancel_backend); others only their own user's. As initdb\n"
				 "# makes the user who runs it the bootstrap superuser, init names its user.\n"
				 "superusers: %s\n", config_template, ext ? ";LoadExt=" : "", ext ? ext : "",
				 config_template_tail, init_user_name()) < 0)
	{
		fprintf(stderr, "%s: out of memory\n", progname);
		return false;
	}
	ok = write_template(progname, data_dir, CONFIG_FILE_NAME, config, path, sizeof(path)) &&
		write_template(progname, data_dir, "pg_hba.yaml", hba_template, hba_path, sizeof(hba_path));
	free(config);
	if (!ok)
		return false;
	printf("Created data directory \"%s\" with configuration file \"%s\".\n", data_dir, path);
	printf("Connections are trusted from this machine only; see \"%s\".\n", hba_path);
	if (access(SQLITE_ODBC_DRIVER, R_OK) != 0)
		printf("WARNING: the SQLite ODBC driver \"%s\" is missing; install Debian's libsqliteodbc.\n",
			   SQLITE_ODBC_DRIVER);
	printf("\nSuccess. You can now start the server using:\n\n    %s -D %s -l %s/server.log start\n\n",
		   progname, data_dir, data_dir);
	return true;
}
