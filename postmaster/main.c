/*
 * main.c
 *		pgwire: the server program.
 *
 *		pgwire -D DATADIR [-p PORT] [-h ADDRESSES] [-k SOCKETDIRS]
 *		       [-c name=value]... [--name=value]...
 *
 * Owns: the command line (options map onto configuration overrides, as
 * PostgreSQL's postgres does), loading the configuration, setting up the
 * log, and starting the postmaster in the foreground.
 */
#include "common/base.h"

#include "common/log.h"
#include "config/config.h"
#include "postmaster/postmaster.h"
#include "postmaster/security.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
usage(FILE *out)
{
	fprintf(out,
			"pgwire is a PostgreSQL wire-protocol server for ODBC databases.\n\n"
			"Usage:\n"
			"  pgwire -D DATADIR [OPTION]...\n\n"
			"Options:\n"
			"  -D DATADIR         data directory (holds pgwire.yaml); or $PGWIRE_DATA\n"
			"  -p PORT            port number to listen on\n"
			"  -h ADDRESSES       host names or IP addresses to listen on (\"*\" for all)\n"
			"  -k DIRECTORIES     Unix-domain socket locations\n"
			"  -c NAME=VALUE      set a configuration parameter\n"
			"  --NAME=VALUE       set a configuration parameter\n"
			"  -V, --version      output version information, then exit\n"
			"  -?, --help         show this help, then exit\n\n"
			"Use pgwire-ctl to initialise a data directory and to start and stop the server.\n");
}

/* Append "name=value" to the override list. */
static bool
add_override(char ***list, int *n, const char *name, const char *value)
{
	size_t		len = strlen(name) + strlen(value) + 2;
	char	   *item = malloc(len);
	char	  **grown = realloc(*list, sizeof(char *) * (size_t) (*n + 1));

	if (item == NULL || grown == NULL)
	{
		free(item);
		return false;
	}
	snprintf(item, len, "%s=%s", name, value);
	/* PostgreSQL accepts dashes for underscores in option names */
	for (char *p = item; *p && *p != '='; p++)
		if (*p == '-')
			*p = '_';
	*list = grown;
	(*list)[(*n)++] = item;
	return true;
}

static bool
add_setting_arg(char ***list, int *n, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char		name[256];

	if (eq == NULL || eq == arg || (size_t) (eq - arg) >= sizeof(name))
	{
		fprintf(stderr, "pgwire: invalid setting \"%s\": expected name=value\n", arg);
		return false;
	}
	memcpy(name, arg, (size_t) (eq - arg));
	name[eq - arg] = '\0';
	return add_override(list, n, name, eq + 1);
}

static void
free_overrides(char **list, int n)
{
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* Split "--name=value" long options off argv before getopt sees them. */
static bool
take_long_settings(int *argc, char **argv, char ***list, int *n)
{
	int			out = 1;

	for (int i = 1; i < *argc; i++)
	{
		const char *a = argv[i];

		if (strncmp(a, "--", 2) == 0 && strchr(a, '=') != NULL)
		{
			if (!add_setting_arg(list, n, a + 2))
				return false;
			continue;
		}
		argv[out++] = argv[i];
	}
	*argc = out;
	argv[out] = NULL;
	return true;
}

static void
print_errors(const Buf *errors)
{
	if (errors->data)
		fputs(errors->data, stderr);
}

int
main(int argc, char **argv)
{
	Postmaster *pm = calloc(1, sizeof(Postmaster));
	const char *data_dir = getenv("PGWIRE_DATA");
	Buf			errors;
	int			opt;
	int			rc;

	if (pm == NULL)
		return 1;
	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-?") == 0)
		{
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0)
		{
			printf("pgwire %s (speaks PostgreSQL %s protocol 3.0)\n", PACKAGE_VERSION, PGWIRE_PG_VERSION);
			return 0;
		}
	}
	if (!take_long_settings(&argc, argv, &pm->overrides, &pm->noverrides))
		return 1;

	while ((opt = getopt(argc, argv, "D:p:h:k:c:")) != -1)
	{
		bool		ok = true;

		switch (opt)
		{
			case 'D':
				data_dir = optarg;
				break;
			case 'p':
				ok = add_override(&pm->overrides, &pm->noverrides, "port", optarg);
				break;
			case 'h':
				ok = add_override(&pm->overrides, &pm->noverrides, "listen_addresses", optarg);
				break;
			case 'k':
				ok = add_override(&pm->overrides, &pm->noverrides, "unix_socket_directories", optarg);
				break;
			case 'c':
				ok = add_setting_arg(&pm->overrides, &pm->noverrides, optarg);
				break;
			default:
				fprintf(stderr, "Try \"pgwire --help\" for more information.\n");
				return 1;
		}
		if (!ok)
			return 1;
	}
	if (optind < argc)
	{
		fprintf(stderr, "pgwire: invalid argument: \"%s\"\n", argv[optind]);
		return 1;
	}
	if (data_dir == NULL)
	{
		fprintf(stderr, "pgwire: no data directory specified\n"
				"You must specify the -D option or set PGWIRE_DATA.\n");
		return 1;
	}
	if (realpath(data_dir, pm->data_dir) == NULL)
	{
		fprintf(stderr, "pgwire: could not access data directory \"%s\": %s\n", data_dir, strerror(errno));
		return 1;
	}
	if (chdir(pm->data_dir) != 0)
	{
		fprintf(stderr, "pgwire: could not change directory to \"%s\": %s\n", pm->data_dir, strerror(errno));
		return 1;
	}
	umask(077);

	buf_init(&errors);
	if (!config_build(&pm->config, pm->data_dir, pm->overrides, pm->noverrides, &errors))
	{
		print_errors(&errors);
		fprintf(stderr, "pgwire: FATAL:  configuration file \"%s/%s\" contains errors\n",
				pm->data_dir, CONFIG_FILE_NAME);
		buf_free(&errors);
		return 1;
	}
	buf_free(&errors);

	log_set_min_level((LogLevel) pm->config.log_min_messages);
	if (pm->config.log_directory[0] != '\0')
	{
		char		err[512];

		if (!log_redirect_stderr(pm->config.log_directory, pm->config.log_filename, err, sizeof(err)))
		{
			fprintf(stderr, "pgwire: FATAL:  %s\n", err);
			return 1;
		}
	}

	rc = postmaster_run(pm);
	pm_security_free(pm);
	config_free(&pm->config);
	free_overrides(pm->overrides, pm->noverrides);
	free(pm);
	return rc;
}
