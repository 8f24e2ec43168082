/*
 * pidfile.h
 *		postmaster.pid: the data directory's lock and status file.
 *
 * Same layout as PostgreSQL's (src/include/utils/pidfile.h), one value per
 * line: 1 PID, 2 data directory, 3 start time (epoch seconds), 4 port,
 * 5 first Unix socket directory, 6 first listen address, 7 shared memory
 * key (unused, "0"), 8 status ("starting", "stopping", "ready   "). The
 * status line is padded so it can be rewritten in place. pgwire-ctl reads it
 * to find and wait for the server.
 */
#ifndef PGW_PIDFILE_H
#define PGW_PIDFILE_H

#include "common/base.h"

#include <sys/types.h>
#include <time.h>

#define PIDFILE_NAME			"postmaster.pid"
#define PIDFILE_LINE_PID		1
#define PIDFILE_LINE_DATADIR	2
#define PIDFILE_LINE_START		3
#define PIDFILE_LINE_PORT		4
#define PIDFILE_LINE_SOCKET_DIR	5
#define PIDFILE_LINE_LISTEN		6
#define PIDFILE_LINE_SHMEM		7
#define PIDFILE_LINE_STATUS		8

#define PM_STATUS_STARTING		"starting"
#define PM_STATUS_STOPPING		"stopping"
#define PM_STATUS_READY			"ready   "

typedef struct PidFileInfo
{
	pid_t		pid;
	char		data_dir[4096];
	time_t		start_time;
	int			port;
	char		socket_dir[4096];
	char		listen_address[256];
	char		status[16];
} PidFileInfo;

/*
 * Create data_dir/postmaster.pid exclusively. If one exists and names a
 * live pgwire process, fail with 'lock file "postmaster.pid" already
 * exists' and a hint; a stale one is removed first.
 */
bool		pidfile_create(const char *data_dir, const PidFileInfo *info,
						   char *errbuf, size_t errlen) PGW_MUSTCHECK;

/* Rewrite the whole content of our own lock file (e.g. once sockets are known). */
bool		pidfile_rewrite(const char *data_dir, const PidFileInfo *info,
							char *errbuf, size_t errlen) PGW_MUSTCHECK;

/* Rewrite the status line in place. */
bool		pidfile_set_status(const char *data_dir, const char *status) PGW_MUSTCHECK;

void		pidfile_remove(const char *data_dir);

/* Read the file; false if absent or unreadable. Missing trailing lines are empty. */
bool		pidfile_read(const char *data_dir, PidFileInfo *out) PGW_MUSTCHECK;

/* Is pid a running pgwire server (not a reused PID of another program)? */
bool		pidfile_process_alive(pid_t pid);

#endif							/* PGW_PIDFILE_H */
