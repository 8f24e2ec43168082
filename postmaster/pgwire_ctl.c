/*
 * pgwire_ctl.c
 *		pgwire-ctl: initialise, start, stop, restart, reload and query a
 *		pgwire server, the way pg_ctl does for PostgreSQL.
 *
 *		pgwire-ctl -D DATADIR init
 *		pgwire-ctl -D DATADIR start [-w|-W] [-t SECS] [-l LOGFILE] [-o "OPTIONS"]
 *		pgwire-ctl -D DATADIR stop [-m smart|fast|immediate] [-w|-W] [-t SECS]
 *		pgwire-ctl -D DATADIR restart [-m MODE] [-w|-W] [-t SECS] [-l LOGFILE] [-o "OPTIONS"]
 *		pgwire-ctl -D DATADIR reload
 *		pgwire-ctl -D DATADIR status
 *		pgwire-ctl -D DATADIR passwd USER
 *
 * Owns: the command line and the start/stop handshakes. Everything it knows
 * about a running server comes from postmaster.pid (PID and status line);
 * the options a server was started with are kept in postmaster.opts so
 * restart can reuse them. Exit status 0 on success, 1 on failure, and 3 from
 * status when no server runs, as pg_ctl.
 */
#include "common/base.h"

#include "common/shmem.h"
#include "postmaster/ctl_init.h"
#include "postmaster/ctl_passwd.h"
#include "postmaster/pidfile.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_WAIT_SECS	60
#define WAITS_PER_SEC		10
#define OPTS_FILE			"postmaster.opts"

typedef struct CtlOptions
{
	const char *command;
	const char *user;			/* passwd's argument */
	char		data_dir[PATH_MAX];
	const char *server_options;	/* -o */
	const char *log_file;		/* -l */
	int			stop_signal;	/* from -m; fast by default */
	bool		wait;
	int			wait_secs;
	bool		silent;
} CtlOptions;

static const char *progname = "pgwire-ctl";

static void
usage(FILE *out)
{
	fprintf(out,
			"%s initialises, starts, stops, or controls a pgwire server.\n\n"
			"Usage:\n"
			"  %s init     [-D DATADIR]\n"
			"  %s start    [-D DATADIR] [-l FILENAME] [-W] [-t SECS] [-s] [-o OPTIONS]\n"
			"  %s stop     [-D DATADIR] [-m SHUTDOWN-MODE] [-W] [-t SECS] [-s]\n"
			"  %s restart  [-D DATADIR] [-m SHUTDOWN-MODE] [-W] [-t SECS] [-s] [-o OPTIONS]\n"
			"  %s reload   [-D DATADIR] [-s]\n"
			"  %s status   [-D DATADIR]\n"
			"  %s passwd   [-D DATADIR] USER\n\n"
			"Common options:\n"
			"  -D, --pgdata=DATADIR   location of the data directory (or $PGWIRE_DATA)\n"
			"  -s, --silent           only print errors, no informational messages\n"
			"  -t, --timeout=SECS     seconds to wait when using -w option (default %d)\n"
			"  -w, --wait             wait until operation completes (default)\n"
			"  -W, --no-wait          do not wait until operation completes\n"
			"  -V, --version          output version information, then exit\n"
			"  -?, --help             show this help, then exit\n\n"
			"Options for start or restart:\n"
			"  -l, --log=FILENAME     write (or append) server log to FILENAME\n"
			"  -o, --options=OPTIONS  command line options to pass to pgwire\n\n"
			"Shutdown modes are:\n"
			"  smart       quit after all clients have disconnected\n"
			"  fast        quit directly, with proper shutdown (default)\n"
			"  immediate   quit without complete shutdown\n",
			progname, progname, progname, progname, progname, progname, progname, progname,
			DEFAULT_WAIT_SECS);
}

static void
info(const CtlOptions *o, const char *fmt,...) PGW_PRINTF(2, 3);

static void
info(const CtlOptions *o, const char *fmt,...)
{
	va_list		ap;

	if (o->silent)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

/* ---- the server program and its options ---- */

/* The pgwire binary next to this pgwire-ctl, else the one on PATH. */
static void
find_server_program(char *out, size_t size)
{
	char		self[PATH_MAX];
	ssize_t		n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n > 0)
	{
		char	   *slash;

		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash)
		{
			*slash = '\0';
			if ((size_t) snprintf(out, size, "%s/pgwire", self) < size && access(out, X_OK) == 0)
				return;
		}
	}
	snprintf(out, size, "pgwire");
}

static void
append_shell_quoted(char *dst, size_t size, const char *s)
{
	size_t		n = strlen(dst);

	if (n + 1 < size)
		dst[n++] = '\'';
	for (; *s && n + 5 < size; s++)
	{
		if (*s == '\'')
		{
			memcpy(dst + n, "'\\''", 4);
			n += 4;
		}
		else
			dst[n++] = *s;
	}
	if (n + 1 < size)
		dst[n++] = '\'';
	dst[n] = '\0';
}

static void
opts_path(const CtlOptions *o, char *path, size_t size)
{
	snprintf(path, size, "%s/%s", o->data_dir, OPTS_FILE);
}

/* Remember -o for restart; read it back when restart is not given -o. */
static void
save_server_options(const CtlOptions *o)
{
	char		path[PATH_MAX + 32];
	FILE	   *f;

	opts_path(o, path, sizeof(path));
	f = fopen(path, "w");
	if (f == NULL)
		return;
	fprintf(f, "%s\n", o->server_options ? o->server_options : "");
	fclose(f);
}

static char *
load_server_options(const CtlOptions *o)
{
	static char line[4096];
	char		path[PATH_MAX + 32];
	FILE	   *f;

	opts_path(o, path, sizeof(path));
	f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	return line;
}

/* ---- start ---- */

PGW_NORETURN static void
exec_server(const CtlOptions *o)
{
	char		program[PATH_MAX];
	char		cmd[8192] = "exec ";
	int			fd;

	setsid();
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0)
		dup2(fd, STDIN_FILENO);
	if (o->log_file)
	{
		fd = open(o->log_file, O_WRONLY | O_CREAT | O_APPEND, 0600);
		if (fd < 0)
		{
			fprintf(stderr, "%s: could not open log file \"%s\": %s\n", progname, o->log_file, strerror(errno));
			_exit(1);
		}
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
	}
	find_server_program(program, sizeof(program));
	append_shell_quoted(cmd, sizeof(cmd), program);
	strncat(cmd, " -D ", sizeof(cmd) - strlen(cmd) - 1);
	append_shell_quoted(cmd, sizeof(cmd), o->data_dir);
	if (o->server_options && o->server_options[0])
	{
		strncat(cmd, " ", sizeof(cmd) - strlen(cmd) - 1);
		strncat(cmd, o->server_options, sizeof(cmd) - strlen(cmd) - 1);
	}
	execl("/bin/sh", "sh", "-c", cmd, (char *) NULL);
	fprintf(stderr, "%s: could not start server: %s\n", progname, strerror(errno));
	_exit(1);
}

typedef enum WaitResult
{
	WAIT_OK,
	WAIT_FAILED,
	WAIT_TIMEOUT
} WaitResult;

static void
sleep_tick(void)
{
	struct timespec ts = {0, 1000000000L / WAITS_PER_SEC};

	nanosleep(&ts, NULL);
}

static WaitResult
wait_for_start(const CtlOptions *o, pid_t child)
{
	for (int i = 0; i < o->wait_secs * WAITS_PER_SEC; i++)
	{
		PidFileInfo pf;
		int			status;

		if (pidfile_read(o->data_dir, &pf) && pf.pid == child &&
			strncmp(pf.status, "ready", 5) == 0)
			return WAIT_OK;
		if (waitpid(child, &status, WNOHANG) == child)
			return WAIT_FAILED;
		if (i % WAITS_PER_SEC == 0)
			info(o, ".");
		sleep_tick();
	}
	return WAIT_TIMEOUT;
}

static int
do_start(const CtlOptions *o)
{
	PidFileInfo pf;
	pid_t		child;

	if (pidfile_read(o->data_dir, &pf) && pidfile_process_alive(pf.pid))
		fprintf(stderr, "%s: another server might be running; trying to start server anyway\n", progname);
	save_server_options(o);
	fflush(stdout);
	child = fork();
	if (child < 0)
	{
		fprintf(stderr, "%s: could not start server: %s\n", progname, strerror(errno));
		return 1;
	}
	if (child == 0)
		exec_server(o);

	if (!o->wait)
	{
		info(o, "server starting\n");
		return 0;
	}
	info(o, "waiting for server to start...");
	switch (wait_for_start(o, child))
	{
		case WAIT_OK:
			info(o, " done\nserver started\n");
			return 0;
		case WAIT_FAILED:
			info(o, " stopped waiting\n");
			fprintf(stderr, "%s: could not start server\nExamine the log output.\n", progname);
			return 1;
		case WAIT_TIMEOUT:
			info(o, " stopped waiting\n");
			fprintf(stderr, "%s: server did not start in time\n", progname);
			return 1;
	}
	return 1;
}

/* ---- stop, reload, status ---- */

/* PID of the running server, or 0 after printing why there is none. */
static pid_t
running_server(const CtlOptions *o, bool quiet)
{
	PidFileInfo pf;

	if (!pidfile_read(o->data_dir, &pf))
	{
		if (!quiet)
			fprintf(stderr, "%s: PID file \"%s/%s\" does not exist\nIs server running?\n",
					progname, o->data_dir, PIDFILE_NAME);
		return 0;
	}
	if (!pidfile_process_alive(pf.pid))
	{
		if (!quiet)
			fprintf(stderr, "%s: server process (PID %d) is not running\n", progname, (int) pf.pid);
		return 0;
	}
	return pf.pid;
}

static WaitResult
wait_for_stop(const CtlOptions *o, pid_t pid)
{
	for (int i = 0; i < o->wait_secs * WAITS_PER_SEC; i++)
	{
		PidFileInfo pf;

		if (!pidfile_read(o->data_dir, &pf) || pf.pid != pid || !pidfile_process_alive(pid))
			return WAIT_OK;
		if (i % WAITS_PER_SEC == 0)
			info(o, ".");
		sleep_tick();
	}
	return WAIT_TIMEOUT;
}

static int
do_stop(const CtlOptions *o, bool quiet_if_absent)
{
	pid_t		pid = running_server(o, quiet_if_absent);

	if (pid == 0)
		return 1;
	if (kill(pid, o->stop_signal) != 0)
	{
		fprintf(stderr, "%s: could not send stop signal (PID: %d): %s\n", progname, (int) pid, strerror(errno));
		return 1;
	}
	if (!o->wait)
	{
		info(o, "server shutting down\n");
		return 0;
	}
	info(o, "waiting for server to shut down...");
	if (wait_for_stop(o, pid) != WAIT_OK)
	{
		info(o, " failed\n");
		fprintf(stderr, "%s: server does not shut down\n", progname);
		if (o->stop_signal == SIGTERM)
			fprintf(stderr, "HINT: The \"-m fast\" option immediately disconnects sessions rather than\n"
					"waiting for session-initiated disconnection.\n");
		return 1;
	}
	info(o, " done\nserver stopped\n");
	return 0;
}

static int
do_restart(CtlOptions *o)
{
	if (o->server_options == NULL)
		o->server_options = load_server_options(o);
	if (running_server(o, true) == 0)
		fprintf(stderr, "%s: PID file \"%s/%s\" does not exist\n"
				"Is server running?\ntrying to start server anyway\n",
				progname, o->data_dir, PIDFILE_NAME);
	else
	{
		bool		wait = o->wait;
		int			rc;

		o->wait = true;
		rc = do_stop(o, false);
		o->wait = wait;
		if (rc != 0)
			return rc;
	}
	return do_start(o);
}

static int
do_reload(const CtlOptions *o)
{
	pid_t		pid = running_server(o, false);

	if (pid == 0)
		return 1;
	if (kill(pid, SIGHUP) != 0)
	{
		fprintf(stderr, "%s: could not send reload signal (PID: %d): %s\n", progname, (int) pid, strerror(errno));
		return 1;
	}
	info(o, "server signaled\n");
	return 0;
}

/* Seconds from a shared-memory timestamp (microseconds) to now. */
static double
seconds_since(int64_t usec)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((double) ts.tv_sec * 1e6 + (double) ts.tv_nsec / 1e3 - (double) usec) / 1e6;
}

/* One backend's line: what pg_stat_activity would show of it. */
static void
print_backend(const BackendSlot *slot, int32_t pid)
{
	char		query[SHM_QUERY_LEN];
	int			activity = atomic_load(&slot->activity);
	int64_t		xact_start = atomic_load(&slot->xact_start);
	int64_t		query_start = atomic_load(&slot->query_start);

	memcpy(query, slot->query, sizeof(query));
	query[sizeof(query) - 1] = '\0';
	for (char *q = query; *q; q++)
	{
		if (*q == '\n' || *q == '\r' || *q == '\t')
			*q = ' ';
	}
	printf("backend PID %d: %s", (int) pid, shm_activity_name(activity));
	if (slot->client_addr[0] == '\0')
	{
		printf(", logging in\n");
		return;
	}
	printf(", user %.63s, database %.63s, client %.63s", slot->user, slot->database, slot->client_addr);
	if (slot->ssl_version[0])
		printf(" (ssl %.*s)", (int) sizeof(slot->ssl_version) - 1, slot->ssl_version);
	if (xact_start != 0)
		printf(", transaction for %.1f s", seconds_since(xact_start));
	if (activity == BACKEND_ACTIVE && query_start != 0)
		printf(", query running for %.1f s", seconds_since(query_start));
	if (query[0])
		printf(", query: %s", query);
	printf("\n");
}

/* One line per backend, from the server's shared memory. */
static void
print_backends(pid_t server)
{
	char		name[64];
	Shmem		shm;

	shm_name_for(server, name, sizeof(name));
	if (!shm_attach(&shm, name))
		return;
	for (int i = 0; i < shm.nslots; i++)
	{
		int32_t		pid = atomic_load(&shm.slots[i].pid);

		if (pid != 0)
			print_backend(&shm.slots[i], pid);
	}
	shm_destroy(&shm);
}

static int
do_status(const CtlOptions *o)
{
	pid_t		pid = running_server(o, true);
	char		program[PATH_MAX];
	const char *opts;

	if (pid == 0)
	{
		printf("%s: no server running\n", progname);
		return 3;
	}
	find_server_program(program, sizeof(program));
	opts = load_server_options(o);
	printf("%s: server is running (PID: %d)\n%s \"-D\" \"%s\"%s%s\n", progname, (int) pid,
		   program, o->data_dir, opts && opts[0] ? " " : "", opts ? opts : "");
	print_backends(pid);
	return 0;
}

/* ---- command line ---- */

static bool
parse_mode(const char *mode, int *signo)
{
	if (strncmp(mode, "s", 1) == 0 && strncmp("smart", mode, strlen(mode)) == 0)
		*signo = SIGTERM;
	else if (strncmp(mode, "f", 1) == 0 && strncmp("fast", mode, strlen(mode)) == 0)
		*signo = SIGINT;
	else if (strncmp(mode, "i", 1) == 0 && strncmp("immediate", mode, strlen(mode)) == 0)
		*signo = SIGQUIT;
	else
		return false;
	return true;
}

static bool
parse_args(int argc, char **argv, CtlOptions *o, const char **data_dir)
{
	static const struct option long_options[] = {
		{"pgdata", required_argument, NULL, 'D'},
		{"log", required_argument, NULL, 'l'},
		{"mode", required_argument, NULL, 'm'},
		{"options", required_argument, NULL, 'o'},
		{"silent", no_argument, NULL, 's'},
		{"timeout", required_argument, NULL, 't'},
		{"wait", no_argument, NULL, 'w'},
		{"no-wait", no_argument, NULL, 'W'},
		{NULL, 0, NULL, 0}
	};
	int			c;

	while ((c = getopt_long(argc, argv, "D:l:m:o:st:wW", long_options, NULL)) != -1)
	{
		switch (c)
		{
			case 'D':
				*data_dir = optarg;
				break;
			case 'l':
				o->log_file = optarg;
				break;
			case 'm':
				if (!parse_mode(optarg, &o->stop_signal))
				{
					fprintf(stderr, "%s: unrecognized shutdown mode \"%s\"\n", progname, optarg);
					return false;
				}
				break;
			case 'o':
				o->server_options = optarg;
				break;
			case 's':
				o->silent = true;
				break;
			case 't':
				o->wait_secs = atoi(optarg);
				break;
			case 'w':
				o->wait = true;
				break;
			case 'W':
				o->wait = false;
				break;
			default:
				fprintf(stderr, "Try \"%s --help\" for more information.\n", progname);
				return false;
		}
	}
	if (optind < argc)
		o->command = argv[optind++];
	if (optind < argc && o->command && strcmp(o->command, "passwd") == 0)
		o->user = argv[optind++];
	if (optind < argc)
	{
		fprintf(stderr, "%s: too many command-line arguments (first is \"%s\")\n", progname, argv[optind]);
		return false;
	}
	return true;
}

int
main(int argc, char **argv)
{
	CtlOptions	o = {.stop_signal = SIGINT,.wait = true,.wait_secs = DEFAULT_WAIT_SECS};
	const char *data_dir = getenv("PGWIRE_DATA");

	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-?") == 0)
		{
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0)
		{
			printf("pgwire-ctl %s\n", PACKAGE_VERSION);
			return 0;
		}
	}
	if (!parse_args(argc, argv, &o, &data_dir))
		return 1;
	if (o.command == NULL)
	{
		fprintf(stderr, "%s: no operation specified\nTry \"%s --help\" for more information.\n", progname, progname);
		return 1;
	}
	if (data_dir == NULL)
	{
		fprintf(stderr, "%s: no data directory specified\n"
				"You must specify the -D option or set PGWIRE_DATA.\n", progname);
		return 1;
	}
	if (o.wait_secs <= 0)
		o.wait_secs = DEFAULT_WAIT_SECS;

	if (strcmp(o.command, "init") == 0)
		return ctl_init_data_dir(progname, data_dir) ? 0 : 1;

	if (realpath(data_dir, o.data_dir) == NULL)
	{
		fprintf(stderr, "%s: directory \"%s\" does not exist\n", progname, data_dir);
		return 1;
	}
	if (o.log_file && o.log_file[0] != '/')
	{
		static char abs_log[PATH_MAX + 1];
		char		cwd[PATH_MAX];

		if (getcwd(cwd, sizeof(cwd)) != NULL &&
			(size_t) snprintf(abs_log, sizeof(abs_log), "%s/%s", cwd, o.log_file) < sizeof(abs_log))
			o.log_file = abs_log;
	}

	if (strcmp(o.command, "start") == 0)
		return do_start(&o);
	if (strcmp(o.command, "stop") == 0)
		return do_stop(&o, false);
	if (strcmp(o.command, "restart") == 0)
		return do_restart(&o);
	if (strcmp(o.command, "reload") == 0)
		return do_reload(&o);
	if (strcmp(o.command, "status") == 0)
		return do_status(&o);
	if (strcmp(o.command, "passwd") == 0)
		return ctl_set_password(progname, o.data_dir, o.user) ? 0 : 1;
	fprintf(stderr, "%s: unrecognized operation mode \"%s\"\nTry \"%s --help\" for more information.\n",
			progname, o.command, progname);
	return 1;
}
